/* dkim-key.c - the public key of a DKIM record: the base64 of p=, then an
   RSA key in DER or the 32 bytes of an Ed25519 key */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dkim-int.h"
#include "taglist.h"

/* Modulus sizes beyond this are not keys anyone publishes in a TXT. */
#define DKIM_MAX_MODULUS_BYTES 8192

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
		if (TAGLIST_FWS(s[i]))
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
			what = taglist_byte_show((unsigned char)s[i]);
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
		*cause = xasprintf(P_("p= is not valid base64: it has %zu "
		    "character, not a multiple of 4, so the key is cut short "
		    "or its '=' padding is missing",
		    "p= is not valid base64: it has %zu "
		    "characters, not a multiple of 4, so the key is cut short "
		    "or its '=' padding is missing", chars), chars);
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
			*cause = xasprintf(P_("the key is not DER: the %s at "
			    "offset %zu has a %zu-byte length",
			    "the key is not DER: the %s at offset %zu has a "
			    "%zu-byte length", n), what, off, n);
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
		*cause = xasprintf(P_("the key is cut short: the %s at offset "
		    "%zu claims %zu byte but only %zu follow",
		    "the key is cut short: the %s at offset %zu claims %zu "
		    "bytes but only %zu follow", len), what, off, len,
		    d->len - hdr);
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
		*cause = xasprintf(P_("the modulus of the key is %zu byte "
		    "long, far more than any DKIM key",
		    "the modulus of the key is %zu bytes "
		    "long, far more than any DKIM key", nbytes), nbytes);
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
	*cause = xasprintf(P_("an ed25519 key is 32 bytes, this one is %zu "
	    "byte", "an ed25519 key is 32 bytes, this one is %zu bytes",
	    key->derlen), key->derlen);
	return -1;
}

/* Decode p= and read the key it holds, as k= says. */
int
dkim_key_read(struct dkim_key *key, const char *p, char **cause)
{
	if (dkim_base64_decode(p, &key->der, &key->derlen, cause) != 0)
		return -1;
	if (strcmp(key->k, "rsa") == 0)
		return dkim_rsa_parse(key, cause);
	return dkim_ed25519_parse(key, cause);
}
