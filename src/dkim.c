/* dkim.c - RFC 6376 DKIM key records (the TXT at selector._domainkey) */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkim.h"

/* Modulus sizes beyond this are not keys anyone publishes in a TXT. */
#define DKIM_MAX_MODULUS_BYTES 8192

#define DKIM_FWS(c) ((c) == ' ' || (c) == '\t' || (c) == '\r' || (c) == '\n')
#define DKIM_ALPHA(c) \
    (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define DKIM_DIGIT(c) ((c) >= '0' && (c) <= '9')

/* One tag=value pair of a tag-list (RFC 6376 3.2). */
struct dkim_tag {
	char *name;
	char *value;		/* without the white space around it */
	size_t column;		/* 1-based column of the name */
};

/* A window on the decoded key bytes, for walking the DER. */
struct der {
	const unsigned char *base;	/* first decoded byte, for offsets */
	const unsigned char *p;
	size_t len;
};

/* rsaEncryption, 1.2.840.113549.1.1.1, as DER content bytes. */
static const unsigned char der_oid_rsa[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01
};

/* Ed25519, 1.3.101.112: people wrap such keys in a SubjectPublicKeyInfo. */
static const unsigned char der_oid_ed25519[] = { 0x2b, 0x65, 0x70 };

/* Release the tags of a tag-list. */
static void
dkim_tags_free(struct dkim_tag *tags, size_t ntags)
{
	size_t i;

	for (i = 0; i < ntags; i++) {
		free(tags[i].name);
		free(tags[i].value);
	}
	free(tags);
}

/* Describe one byte for a message: the character itself or its code. */
static char *
dkim_byte_show(unsigned char c)
{
	if (c >= 0x21 && c <= 0x7e)
		return xasprintf("'%c'", c);
	return xasprintf(_("byte 0x%02x"), c);
}

/* Split a record into its tag=value pairs, checking the tag-list syntax. */
static int
dkim_tags_split(const char *text, struct dkim_tag **tagsp, size_t *ntagsp,
    char **cause)
{
	struct dkim_tag *tags = NULL, *t;
	size_t ntags = 0, nlen, col, i;
	const char *s = text, *name, *value, *end;
	char *what;

	for (;;) {
		while (DKIM_FWS(*s))
			s++;
		if (*s == '\0')
			break;
		col = (size_t)(s - text) + 1;
		if (*s == ';') {
			*cause = xasprintf(_("empty tag at character %zu: "
			    "nothing between two ';'"), col);
			goto fail;
		}
		if (!DKIM_ALPHA(*s)) {
			what = dkim_byte_show((unsigned char)*s);
			*cause = xasprintf(_("a tag name must start with a "
			    "letter, not %s (character %zu)"), what, col);
			free(what);
			goto fail;
		}
		name = s;
		while (DKIM_ALPHA(*s) || DKIM_DIGIT(*s) || *s == '_')
			s++;
		nlen = (size_t)(s - name);
		while (DKIM_FWS(*s))
			s++;
		if (*s != '=') {
			if (*s == '\0' || *s == ';')
				*cause = xasprintf(_("tag '%.*s' has no '=' "
				    "(character %zu)"), (int)nlen, name, col);
			else {
				what = dkim_byte_show((unsigned char)*s);
				*cause = xasprintf(_("tag '%.*s' is followed "
				    "by %s where '=' should be (character "
				    "%zu)"), (int)nlen, name, what,
				    (size_t)(s - text) + 1);
				free(what);
			}
			goto fail;
		}
		s++;
		while (DKIM_FWS(*s))
			s++;
		value = s;
		while (*s != '\0' && *s != ';') {
			if (!DKIM_FWS(*s) && (*s < 0x21 || *s > 0x7e)) {
				what = dkim_byte_show((unsigned char)*s);
				*cause = xasprintf(_("tag '%.*s' contains %s, "
				    "which is not allowed (character %zu)"),
				    (int)nlen, name, what,
				    (size_t)(s - text) + 1);
				free(what);
				goto fail;
			}
			s++;
		}
		end = s;
		while (end > value && DKIM_FWS(end[-1]))
			end--;
		for (i = 0; i < ntags; i++) {
			if (strlen(tags[i].name) == nlen &&
			    strncmp(tags[i].name, name, nlen) == 0) {
				*cause = xasprintf(_("tag '%.*s' appears more "
				    "than once (RFC 6376 3.2)"), (int)nlen,
				    name);
				goto fail;
			}
		}
		tags = xreallocarray(tags, ntags + 1, sizeof *tags);
		t = &tags[ntags++];
		t->name = xstrndup(name, nlen);
		t->value = xstrndup(value, (size_t)(end - value));
		t->column = col;
		if (*s == ';')
			s++;
	}
	if (ntags == 0) {
		*cause = xstrdup(_("the record is empty"));
		goto fail;
	}
	*tagsp = tags;
	*ntagsp = ntags;
	return 0;

fail:
	dkim_tags_free(tags, ntags);
	return -1;
}

/* Find a tag by its exact (case-sensitive) name. */
static struct dkim_tag *
dkim_tag_find(struct dkim_tag *tags, size_t ntags, const char *name)
{
	size_t i;

	for (i = 0; i < ntags; i++) {
		if (strcmp(tags[i].name, name) == 0)
			return &tags[i];
	}
	return NULL;
}

/* Tell whether a word is an RFC 6376 hyphenated-word. */
static int
dkim_hyphenated_word(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || !DKIM_ALPHA(s[0]) || s[len - 1] == '-')
		return 0;
	for (i = 1; i < len; i++) {
		if (!DKIM_ALPHA(s[i]) && !DKIM_DIGIT(s[i]) && s[i] != '-')
			return 0;
	}
	return 1;
}

/*
 * Split a colon-separated list (h=, s=, t=) into its items; -1 when an item
 * is neither a hyphenated-word nor, where allowed, "*".
 */
static int
dkim_colon_list(const char *value, int star, struct strlist *items)
{
	const char *s = value, *start, *end;

	for (;;) {
		while (DKIM_FWS(*s))
			s++;
		start = s;
		while (*s != '\0' && *s != ':')
			s++;
		end = s;
		while (end > start && DKIM_FWS(end[-1]))
			end--;
		if (!(star && end - start == 1 && *start == '*') &&
		    !dkim_hyphenated_word(start, (size_t)(end - start))) {
			strlist_free(items);
			return -1;
		}
		items->v = xreallocarray(items->v, items->n + 1,
		    sizeof *items->v);
		items->v[items->n++] = xstrndup(start, (size_t)(end - start));
		if (*s == '\0')
			return 0;
		s++;
	}
}

/* Tell whether a list holds a word. */
static int
dkim_list_has(const struct strlist *l, const char *word)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->v[i], word) == 0)
			return 1;
	}
	return 0;
}

/* The 6-bit value of a base64 character, or -1. */
static int
dkim_base64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/*
 * Decode the base64 of p= strictly: white space may appear anywhere, padding
 * only at the end, groups of four complete, unused bits zero.
 */
static int
dkim_base64_decode(const char *s, unsigned char **out, size_t *outlen,
    char **cause)
{
	unsigned char *d;
	uint32_t acc = 0;
	size_t i, o = 0, pad = 0, q = 0, chars = 0, last = 0;
	int v;
	char *what;

	d = xmalloc(strlen(s) / 4 * 3 + 3);
	for (i = 0; s[i] != '\0'; i++) {
		if (DKIM_FWS(s[i]))
			continue;
		chars++;
		if (s[i] == '=') {
			if (q < 2) {
				*cause = xasprintf(_("p= is not valid base64 "
				    "at character %zu: '=' can only pad the "
				    "end of a group of four"), i + 1);
				goto fail;
			}
			if (pad == 0 && q == 2) {
				if ((acc & 0xf) != 0)
					goto unused;
				d[o++] = (unsigned char)(acc >> 4);
			} else if (pad == 0 && q == 3) {
				if ((acc & 0x3) != 0)
					goto unused;
				d[o++] = (unsigned char)(acc >> 10);
				d[o++] = (unsigned char)(acc >> 2);
			}
			pad++;
			q = (q + 1) % 4;
			continue;
		}
		v = dkim_base64_value((unsigned char)s[i]);
		if (v < 0) {
			what = dkim_byte_show((unsigned char)s[i]);
			if (s[i] == '-' || s[i] == '_')
				*cause = xasprintf(_("p= is not valid base64 "
				    "at character %zu: %s belongs to "
				    "base64url, which DKIM does not use"),
				    i + 1, what);
			else
				*cause = xasprintf(_("p= is not valid base64 "
				    "at character %zu: %s is not a base64 "
				    "character"), i + 1, what);
			free(what);
			goto fail;
		}
		if (pad != 0) {
			*cause = xasprintf(_("p= is not valid base64 at "
			    "character %zu: data after the '=' padding"),
			    i + 1);
			goto fail;
		}
		acc = (acc << 6) | (uint32_t)v;
		last = i + 1;
		if (++q == 4) {
			d[o++] = (unsigned char)(acc >> 16);
			d[o++] = (unsigned char)(acc >> 8);
			d[o++] = (unsigned char)acc;
			acc = 0;
			q = 0;
		}
	}
	if (q != 0) {
		*cause = xasprintf(_("p= is not valid base64: it has %zu "
		    "characters, not a multiple of 4, so the key is cut short "
		    "or its '=' padding is missing"), chars);
		goto fail;
	}
	*out = d;
	*outlen = o;
	return 0;

unused:
	*cause = xasprintf(_("p= is not valid base64 at character %zu: the "
	    "unused bits before the padding are not zero, so the key is "
	    "probably damaged"), last);
fail:
	free(d);
	return -1;
}

/* Offset of the current position from the first decoded byte. */
static size_t
der_offset(const struct der *d)
{
	return (size_t)(d->p - d->base);
}

/* Take the next DER element, which must carry the given tag. */
static int
der_take(struct der *d, unsigned char tag, const char *what,
    struct der *inner, char **cause)
{
	size_t off = der_offset(d), len, hdr, n, i;
	unsigned char lb;

	if (d->len == 0) {
		*cause = xasprintf(_("the key is cut short: it ends at "
		    "offset %zu, before the %s"), off, what);
		return -1;
	}
	if (d->p[0] != tag) {
		*cause = xasprintf(_("the key is not an RSA public key: "
		    "expected %s at offset %zu, found tag 0x%02x"), what, off,
		    d->p[0]);
		return -1;
	}
	if (d->len < 2) {
		*cause = xasprintf(_("the key is cut short: the %s at offset "
		    "%zu has no length"), what, off);
		return -1;
	}
	lb = d->p[1];
	hdr = 2;
	if (lb < 0x80)
		len = lb;
	else if (lb == 0x80) {
		*cause = xasprintf(_("the key is not DER: the %s at offset "
		    "%zu has an indefinite length"), what, off);
		return -1;
	} else {
		n = lb & 0x7f;
		if (n > 4) {
			*cause = xasprintf(_("the key is not DER: the %s at "
			    "offset %zu has a %zu-byte length"), what, off, n);
			return -1;
		}
		if (d->len - 2 < n) {
			*cause = xasprintf(_("the key is cut short: the "
			    "length of the %s at offset %zu is incomplete"),
			    what, off);
			return -1;
		}
		len = 0;
		for (i = 0; i < n; i++)
			len = (len << 8) | d->p[2 + i];
		hdr += n;
	}
	if (len > d->len - hdr) {
		*cause = xasprintf(_("the key is cut short: the %s at offset "
		    "%zu claims %zu bytes but only %zu follow"), what, off,
		    len, d->len - hdr);
		return -1;
	}
	inner->base = d->base;
	inner->p = d->p + hdr;
	inner->len = len;
	d->p += hdr + len;
	d->len -= hdr + len;
	return 0;
}

/* Insist that an element has been read to its end. */
static int
der_end(const struct der *d, const char *what, char **cause)
{
	if (d->len == 0)
		return 0;
	*cause = xasprintf(P_("the key is not an RSA public key: %zu "
	    "unexpected byte at offset %zu inside the %s",
	    "the key is not an RSA public key: %zu unexpected bytes at "
	    "offset %zu inside the %s", d->len), d->len, der_offset(d),
	    what);
	return -1;
}

/* Write an OBJECT IDENTIFIER in dotted form. */
static char *
der_oid_text(const struct der *oid)
{
	struct buf b;
	unsigned long v = 0;
	size_t i;
	int first = 1, pending = 0;

	buf_init(&b);
	for (i = 0; i < oid->len; i++) {
		if (v > (ULONG_MAX >> 7)) {
			buf_puts(&b, first ? "?" : ".?");
			return buf_detach(&b);
		}
		v = (v << 7) | (oid->p[i] & 0x7f);
		pending = 1;
		if (oid->p[i] & 0x80)
			continue;
		if (first) {
			if (v < 80)
				buf_printf(&b, "%lu.%lu", v / 40, v % 40);
			else
				buf_printf(&b, "2.%lu", v - 80);
			first = 0;
		} else
			buf_printf(&b, ".%lu", v);
		v = 0;
		pending = 0;
	}
	if (pending || oid->len == 0)
		buf_puts(&b, first ? "?" : ".?");
	return buf_detach(&b);
}

/*
 * Check a positive INTEGER and return where its significant bytes start;
 * what names it in messages.
 */
static int
der_positive(const struct der *num, const char *what, size_t *start,
    char **cause)
{
	size_t i;

	if (num->len == 0) {
		*cause = xasprintf(_("the %s of the key is empty"), what);
		return -1;
	}
	if (num->p[0] & 0x80) {
		*cause = xasprintf(_("the %s of the key is negative"), what);
		return -1;
	}
	for (i = 0; i < num->len && num->p[i] == 0; i++)
		/* nothing */;
	if (i == num->len) {
		*cause = xasprintf(_("the %s of the key is zero"), what);
		return -1;
	}
	*start = i;
	return 0;
}

/* Read the modulus and exponent of an RSAPublicKey (RFC 8017 A.1.1). */
static int
dkim_rsa_numbers(struct dkim_key *key, struct der *seq, char **cause)
{
	struct der n, e;
	size_t ns, es, nbytes, i;
	unsigned char top;
	int bits;

	if (der_take(seq, 0x02, "INTEGER", &n, cause) != 0 ||
	    der_take(seq, 0x02, "INTEGER", &e, cause) != 0 ||
	    der_end(seq, "RSAPublicKey", cause) != 0)
		return -1;
	if (der_positive(&n, _("modulus"), &ns, cause) != 0 ||
	    der_positive(&e, _("public exponent"), &es, cause) != 0)
		return -1;
	nbytes = n.len - ns;
	if (nbytes > DKIM_MAX_MODULUS_BYTES) {
		*cause = xasprintf(_("the modulus of the key is %zu bytes "
		    "long, far more than any DKIM key"), nbytes);
		return -1;
	}
	if ((n.p[n.len - 1] & 1) == 0) {
		*cause = xstrdup(_("the modulus of the key is even, so it is "
		    "not an RSA modulus"));
		return -1;
	}
	if ((e.p[e.len - 1] & 1) == 0 || (e.len - es == 1 && e.p[es] == 1)) {
		*cause = xstrdup(_("the public exponent of the key is not an "
		    "odd number above 1, so the key is not usable"));
		return -1;
	}
	top = n.p[ns];
	bits = 0;
	while (top != 0) {
		bits++;
		top >>= 1;
	}
	key->bits = (int)((nbytes - 1) * 8) + bits;
	key->exponent = 0;
	if (e.len - es <= sizeof key->exponent) {
		for (i = es; i < e.len; i++)
			key->exponent = (key->exponent << 8) | e.p[i];
	}
	return 0;
}

/*
 * Walk an RSA key: a SubjectPublicKeyInfo (RFC 5280 4.1, what RFC 6376 3.6.1
 * asks for) or a bare RSAPublicKey, which some publishers use instead.
 */
static int
dkim_rsa_parse(struct dkim_key *key, char **cause)
{
	struct der all, spki, alg, oid, param, bits, rsa, seq;
	char *name;

	all.base = all.p = key->der;
	all.len = key->derlen;
	if (der_take(&all, 0x30, "SEQUENCE", &spki, cause) != 0)
		return -1;
	if (all.len != 0) {
		*cause = xasprintf(P_("the key has %zu unexpected byte after "
		    "its end (offset %zu)", "the key has %zu unexpected bytes "
		    "after its end (offset %zu)", all.len), all.len,
		    der_offset(&all));
		return -1;
	}
	if (spki.len > 0 && spki.p[0] == 0x02) {
		key->bare_rsa = 1;
		if (dkim_rsa_numbers(key, &spki, cause) != 0)
			return -1;
		strlist_add(&key->notes, _("p= holds a bare RSAPublicKey, not "
		    "the SubjectPublicKeyInfo RFC 6376 3.6.1 asks for; some "
		    "receivers cannot use such a key"));
		return 0;
	}
	if (der_take(&spki, 0x30, "SEQUENCE", &alg, cause) != 0 ||
	    der_take(&alg, 0x06, "OBJECT IDENTIFIER", &oid, cause) != 0)
		return -1;
	if (oid.len == sizeof der_oid_ed25519 &&
	    memcmp(oid.p, der_oid_ed25519, oid.len) == 0) {
		*cause = xstrdup(_("the key is not an RSA public key: it is "
		    "an Ed25519 key, which needs k=ed25519 and only its 32 "
		    "key bytes in p= (RFC 8463)"));
		return -1;
	}
	if (oid.len != sizeof der_oid_rsa ||
	    memcmp(oid.p, der_oid_rsa, oid.len) != 0) {
		name = der_oid_text(&oid);
		*cause = xasprintf(_("the key is not an RSA public key: its "
		    "algorithm is %s, not rsaEncryption "
		    "(1.2.840.113549.1.1.1)"), name);
		free(name);
		return -1;
	}
	if (alg.len != 0) {
		if (der_take(&alg, 0x05, "NULL", &param, cause) != 0)
			return -1;
		if (param.len != 0) {
			*cause = xasprintf(P_("the key is not DER: the NULL "
			    "parameters hold %zu byte", "the key is not DER: "
			    "the NULL parameters hold %zu bytes", param.len),
			    param.len);
			return -1;
		}
	}
	if (der_end(&alg, "AlgorithmIdentifier", cause) != 0 ||
	    der_take(&spki, 0x03, "BIT STRING", &bits, cause) != 0 ||
	    der_end(&spki, "SubjectPublicKeyInfo", cause) != 0)
		return -1;
	if (bits.len == 0 || bits.p[0] != 0) {
		*cause = xstrdup(_("the key is not an RSA public key: its BIT "
		    "STRING does not hold whole bytes"));
		return -1;
	}
	rsa.base = key->der;
	rsa.p = bits.p + 1;
	rsa.len = bits.len - 1;
	if (der_take(&rsa, 0x30, "SEQUENCE", &seq, cause) != 0 ||
	    der_end(&rsa, "BIT STRING", cause) != 0)
		return -1;
	return dkim_rsa_numbers(key, &seq, cause);
}

/* Check the decoded bytes of an Ed25519 key (RFC 8463 4.2). */
static int
dkim_ed25519_parse(struct dkim_key *key, char **cause)
{
	static const unsigned char spki[] = {
		0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
		0x21, 0x00
	};

	if (key->derlen == 32) {
		key->bits = 256;
		return 0;
	}
	if (key->derlen == sizeof spki + 32 &&
	    memcmp(key->der, spki, sizeof spki) == 0) {
		*cause = xstrdup(_("the ed25519 key is wrapped in a "
		    "SubjectPublicKeyInfo: p= must hold only the 32 key bytes "
		    "(RFC 8463 4.2)"));
		return -1;
	}
	*cause = xasprintf(_("an ed25519 key is 32 bytes, this one is %zu"),
	    key->derlen);
	return -1;
}

/* Check the optional h=, s= and t= lists and note what they mean. */
static int
dkim_check_lists(struct dkim_key *key, char **cause)
{
	struct strlist l = { NULL, 0 };

	if (key->h != NULL) {
		if (dkim_colon_list(key->h, 0, &l) != 0) {
			*cause = xasprintf(_("h= must be hash names separated "
			    "by ':', such as 'sha256', not '%s'"), key->h);
			return -1;
		}
		if (!dkim_list_has(&l, "sha256"))
			strlist_add(&key->notes, _("h= does not allow sha256,"
			    " so receivers following RFC 8301 accept no "
			    "signature made with this key"));
		strlist_free(&l);
	}
	if (key->s != NULL) {
		if (dkim_colon_list(key->s, 1, &l) != 0) {
			*cause = xasprintf(_("s= must be service types "
			    "separated by ':', such as 'email' or '*', not "
			    "'%s'"), key->s);
			return -1;
		}
		if (!dkim_list_has(&l, "*") && !dkim_list_has(&l, "email"))
			strlist_add(&key->notes, _("s= names neither 'email' "
			    "nor '*', so the key cannot sign email"));
		strlist_free(&l);
	}
	if (key->t != NULL) {
		if (dkim_colon_list(key->t, 0, &l) != 0) {
			*cause = xasprintf(_("t= must be flags separated by "
			    "':', such as 'y' or 's', not '%s'"), key->t);
			return -1;
		}
		key->testing = dkim_list_has(&l, "y");
		key->strict = dkim_list_has(&l, "s");
		if (key->testing)
			strlist_add(&key->notes, _("t=y: the domain says it "
			    "is testing DKIM, and receivers may treat "
			    "signatures as unsigned mail"));
		strlist_free(&l);
	}
	return 0;
}

/* Copy the value of a tag, if present. */
static char *
dkim_tag_value(struct dkim_tag *tags, size_t ntags, const char *name)
{
	struct dkim_tag *t;

	t = dkim_tag_find(tags, ntags, name);
	return t != NULL ? xstrdup(t->value) : NULL;
}

/* Parse a DKIM key record. */
int
dkim_key_parse(const char *text, struct dkim_key *out, char **cause)
{
	static const char *known[] = { "v", "k", "h", "s", "t", "n", "p" };
	struct dkim_tag *tags = NULL, *t;
	size_t ntags = 0, i, j;
	struct buf b;
	int found;

	memset(out, 0, sizeof *out);
	if (dkim_tags_split(text, &tags, &ntags, cause) != 0)
		return -1;
	t = dkim_tag_find(tags, ntags, "v");
	if (t != NULL && t != &tags[0]) {
		*cause = xasprintf(_("v= must be the first tag (RFC 6376 "
		    "3.6.1), but it is at character %zu"), t->column);
		goto fail;
	}
	if (t != NULL && strcmp(t->value, "DKIM1") != 0) {
		*cause = xasprintf(_("v= must be 'DKIM1', not '%s'"),
		    t->value);
		goto fail;
	}
	for (i = 0; i < ntags; i++) {
		found = 0;
		for (j = 0; j < nitems(known); j++) {
			if (strcmp(tags[i].name, known[j]) == 0)
				found = 1;
		}
		if (!found)
			strlist_addf(&out->unknown, "%s=%s", tags[i].name,
			    tags[i].value);
	}
	out->v = dkim_tag_value(tags, ntags, "v");
	out->k = dkim_tag_value(tags, ntags, "k");
	out->h = dkim_tag_value(tags, ntags, "h");
	out->s = dkim_tag_value(tags, ntags, "s");
	out->t = dkim_tag_value(tags, ntags, "t");
	out->n = dkim_tag_value(tags, ntags, "n");
	if (out->k == NULL)
		out->k = xstrdup("rsa");
	else if (strcmp(out->k, "rsa") != 0 &&
	    strcmp(out->k, "ed25519") != 0) {
		*cause = xasprintf(_("k= must be 'rsa' or 'ed25519', not "
		    "'%s'"), out->k);
		goto fail;
	}
	t = dkim_tag_find(tags, ntags, "p");
	if (t == NULL) {
		if (dkim_tag_find(tags, ntags, "P") != NULL)
			*cause = xstrdup(_("p= is missing: tag names are "
			    "case-sensitive, and 'P=' is not 'p='"));
		else
			*cause = xstrdup(_("p= is missing: a DKIM key record "
			    "must hold the public key"));
		goto fail;
	}
	if (dkim_check_lists(out, cause) != 0)
		goto fail;
	buf_init(&b);
	for (i = 0; t->value[i] != '\0'; i++) {
		if (!DKIM_FWS(t->value[i]))
			buf_putc(&b, t->value[i]);
	}
	out->p = buf_detach(&b);
	if (*out->p == '\0') {
		out->revoked = 1;
		dkim_tags_free(tags, ntags);
		return 0;
	}
	if (dkim_base64_decode(t->value, &out->der, &out->derlen, cause) != 0)
		goto fail;
	if (strcmp(out->k, "rsa") == 0) {
		if (dkim_rsa_parse(out, cause) != 0)
			goto fail;
	} else if (dkim_ed25519_parse(out, cause) != 0)
		goto fail;
	dkim_tags_free(tags, ntags);
	return 0;

fail:
	dkim_tags_free(tags, ntags);
	dkim_key_free(out);
	return -1;
}

/* Release a parsed key record. */
void
dkim_key_free(struct dkim_key *key)
{
	free(key->v);
	free(key->k);
	free(key->h);
	free(key->s);
	free(key->t);
	free(key->n);
	free(key->p);
	free(key->der);
	strlist_free(&key->unknown);
	strlist_free(&key->notes);
	memset(key, 0, sizeof *key);
}

/* Tell whether an RSA key is too short for receivers (RFC 8301 3.2). */
int
dkim_key_weak(const struct dkim_key *key)
{
	if (key->revoked || key->k == NULL || strcmp(key->k, "rsa") != 0)
		return 0;
	return key->bits > 0 && key->bits < DKIM_WEAK_BITS;
}

/* Check a selector: dot-separated labels of letters, digits and hyphens. */
int
dkim_selector_valid(const char *sel, char **cause)
{
	const char *s, *label;
	size_t len;
	char *what, *lower;

	if (*sel == '\0') {
		*cause = xstrdup(_("the selector is empty"));
		return -1;
	}
	lower = str_lower(sel);
	if (str_casesuffix(lower, "._domainkey") ||
	    strstr(lower, "._domainkey.") != NULL) {
		*cause = xasprintf(_("selector '%s' includes '._domainkey': "
		    "the selector is only the part before it"), sel);
		free(lower);
		return -1;
	}
	free(lower);
	if (strlen(sel) > 253) {
		*cause = xasprintf(_("selector '%.20s...' is longer than a "
		    "DNS name can be"), sel);
		return -1;
	}
	s = sel;
	for (;;) {
		label = s;
		while (DKIM_ALPHA(*s) || DKIM_DIGIT(*s) || *s == '-')
			s++;
		len = (size_t)(s - label);
		if (*s != '\0' && *s != '.') {
			what = dkim_byte_show((unsigned char)*s);
			*cause = xasprintf(_("selector '%s' contains %s: only "
			    "letters, digits, '-' and '.' are allowed"), sel,
			    what);
			free(what);
			return -1;
		}
		if (len == 0) {
			*cause = xasprintf(_("selector '%s' has an empty label"
			    " (a leading, trailing or doubled '.')"), sel);
			return -1;
		}
		if (len > 63) {
			*cause = xasprintf(_("selector '%s' has a label "
			    "longer than 63 characters"), sel);
			return -1;
		}
		if (label[0] == '-' || label[len - 1] == '-') {
			*cause = xasprintf(_("selector '%s' has a label that "
			    "starts or ends with '-'"), sel);
			return -1;
		}
		if (*s == '\0')
			return 0;
		s++;
	}
}
