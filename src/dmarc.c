/* dmarc.c - RFC 7489 DMARC records: parse, check, start one */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmarc.h"

#define DMARC_WSP(c) ((c) == ' ' || (c) == '\t')
#define DMARC_ALPHA(c) \
    (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define DMARC_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define DMARC_XDIGIT(c) (DMARC_DIGIT(c) || \
    ((c) >= 'a' && (c) <= 'f') || ((c) >= 'A' && (c) <= 'F'))

/* One tag=value pair of the record. */
struct dmarc_tag {
	char *name;		/* lower-cased: RFC 7489 6.4 names are
				   case-insensitive */
	char *value;		/* without the white space around it */
	size_t column;		/* 1-based column of the name */
};

/* Each policy and what it means, for people. */
static const struct {
	const char *name;
	const char *explain;
} dmarc_policies[] = {
	{ "none", N_("none: receivers deliver mail that fails DMARC as they "
	    "would without it and only send reports, so you can see who "
	    "sends mail in your name before asking for more") },
	{ "quarantine", N_("quarantine: receivers treat mail that fails "
	    "DMARC as suspicious, usually by putting it in the spam or junk "
	    "folder") },
	{ "reject", N_("reject: receivers refuse mail that fails DMARC "
	    "while it is being sent, so it never reaches the recipient") },
};

/* Describe one byte for a message: the character itself or its code. */
static char *
dmarc_byte_show(unsigned char c)
{
	if (c >= 0x21 && c <= 0x7e)
		return xasprintf("'%c'", c);
	return xasprintf(_("byte 0x%02x"), c);
}

/* Tell whether s starts with prefix, ignoring ASCII case only. */
static int
dmarc_prefix(const char *s, const char *prefix)
{
	char c;

	for (; *prefix != '\0'; s++, prefix++) {
		c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != *prefix)
			return 0;
	}
	return 1;
}

/* Release the tags of a record. */
static void
dmarc_tags_free(struct dmarc_tag *tags, size_t ntags)
{
	size_t i;

	for (i = 0; i < ntags; i++) {
		free(tags[i].name);
		free(tags[i].value);
	}
	free(tags);
}

/* Split a record into tag=value pairs, separated by ';' (RFC 7489 6.4). */
static int
dmarc_tags_split(const char *text, struct dmarc_tag **tagsp, size_t *ntagsp,
    char **cause)
{
	struct dmarc_tag *tags = NULL, *t;
	size_t ntags = 0, nlen, col;
	const char *s = text, *name, *value, *end;
	char *what;

	for (;;) {
		while (DMARC_WSP(*s))
			s++;
		if (*s == '\0')
			break;
		col = (size_t)(s - text) + 1;
		if (*s == ';') {
			*cause = xasprintf(_("empty tag at character %zu: "
			    "nothing between two ';'"), col);
			goto fail;
		}
		if (!DMARC_ALPHA(*s)) {
			what = dmarc_byte_show((unsigned char)*s);
			*cause = xasprintf(_("a tag name must start with a "
			    "letter, not %s (character %zu)"), what, col);
			free(what);
			goto fail;
		}
		name = s;
		while (DMARC_ALPHA(*s) || DMARC_DIGIT(*s) || *s == '_')
			s++;
		nlen = (size_t)(s - name);
		while (DMARC_WSP(*s))
			s++;
		if (*s != '=') {
			if (*s == '\0' || *s == ';')
				*cause = xasprintf(_("tag '%.*s' has no '=' "
				    "(character %zu)"), (int)nlen, name, col);
			else {
				what = dmarc_byte_show((unsigned char)*s);
				*cause = xasprintf(_("tag '%.*s' is followed "
				    "by %s where '=' should be (character "
				    "%zu)"), (int)nlen, name, what,
				    (size_t)(s - text) + 1);
				free(what);
			}
			goto fail;
		}
		s++;
		while (DMARC_WSP(*s))
			s++;
		value = s;
		while (*s != '\0' && *s != ';') {
			if (!DMARC_WSP(*s) && (*s < 0x21 || *s > 0x7e)) {
				what = dmarc_byte_show((unsigned char)*s);
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
		while (end > value && DMARC_WSP(end[-1]))
			end--;
		tags = xreallocarray(tags, ntags + 1, sizeof *tags);
		t = &tags[ntags++];
		what = xstrndup(name, nlen);
		t->name = str_lower(what);
		free(what);
		t->value = xstrndup(value, (size_t)(end - value));
		t->column = col;
		if (*s == ';')
			s++;
	}
	*tagsp = tags;
	*ntagsp = ntags;
	return 0;

fail:
	dmarc_tags_free(tags, ntags);
	return -1;
}

/* Check and normalize the local part of a report address. */
static int
dmarc_local_check(const char *whole, const char *s, size_t len, int uri,
    struct buf *out, char **cause)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, chars = 0;
	unsigned char c;
	char *what;

	if (len == 0) {
		*cause = xasprintf(_("'%s' has nothing before '@'"), whole);
		return -1;
	}
	if (s[0] == '.' || s[len - 1] == '.') {
		*cause = xasprintf(_("'%s' has a '.' at the start or end of "
		    "the part before '@'"), whole);
		return -1;
	}
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		chars++;
		if (c == '.' && s[i + 1] == '.') {
			*cause = xasprintf(_("'%s' has two '.' in a row "
			    "before '@'"), whole);
			return -1;
		}
		if (DMARC_ALPHA(c) || DMARC_DIGIT(c) ||
		    strchr("-._~$'*+", c) != NULL) {
			buf_putc(out, (char)c);
			continue;
		}
		if (c == '%' && uri) {
			if (i + 2 >= len || !DMARC_XDIGIT(s[i + 1]) ||
			    !DMARC_XDIGIT(s[i + 2])) {
				*cause = xasprintf(_("'%s' has a '%%' that is "
				    "not followed by two hexadecimal digits"),
				    whole);
				return -1;
			}
			buf_add(out, s + i, 3);
			i += 2;
			continue;
		}
		if (c != '\0' && strchr("!#%&/=?^`{|}", c) != NULL) {
			if (uri) {
				*cause = xasprintf(_("'%s': '%c' must be "
				    "written %%%c%c in a mailto: URI"), whole,
				    c, hex[c >> 4], hex[c & 15]);
				return -1;
			}
			buf_printf(out, "%%%c%c", hex[c >> 4], hex[c & 15]);
			continue;
		}
		what = dmarc_byte_show(c);
		*cause = xasprintf(_("'%s' has %s before '@', which a report "
		    "address cannot contain"), whole, what);
		free(what);
		return -1;
	}
	if (chars > 64) {
		*cause = xasprintf(_("'%s' has more than 64 characters before "
		    "'@'"), whole);
		return -1;
	}
	return 0;
}

/* Check and lower-case the domain of a report address. */
static int
dmarc_domain_check(const char *whole, const char *s, size_t len,
    struct buf *out, char **cause)
{
	size_t i, label = 0, labels = 1, last = 0;
	int digits = 1;
	unsigned char c;
	char *what;

	if (len == 0) {
		*cause = xasprintf(_("'%s' has no domain after '@'"), whole);
		return -1;
	}
	if (s[0] == '[') {
		*cause = xasprintf(_("'%s' has an address literal after '@': "
		    "give a domain name"), whole);
		return -1;
	}
	if (len > 253) {
		*cause = xasprintf(_("'%s' has a domain longer than 253 "
		    "characters"), whole);
		return -1;
	}
	for (i = 0; i <= len; i++) {
		c = i < len ? (unsigned char)s[i] : '.';
		if (c == '.') {
			if (label == 0 || label > 63 || s[last] == '-' ||
			    s[i - 1] == '-') {
				*cause = xasprintf(_("'%s' has a domain "
				    "with an empty label, a label longer than "
				    "63 characters, or one that starts or "
				    "ends with '-'"), whole);
				return -1;
			}
			if (i < len) {
				labels++;
				digits = 1;
			}
			label = 0;
			last = i + 1;
			if (i < len)
				buf_putc(out, '.');
			continue;
		}
		if (c >= 0x80) {
			*cause = xasprintf(_("'%s' has a domain that is not "
			    "ASCII: write it in its A-label (xn--) form"),
			    whole);
			return -1;
		}
		if (!DMARC_ALPHA(c) && !DMARC_DIGIT(c) && c != '-') {
			what = dmarc_byte_show(c);
			*cause = xasprintf(_("'%s' has %s in its domain: only "
			    "letters, digits, '-' and '.' are allowed"), whole,
			    what);
			free(what);
			return -1;
		}
		if (!DMARC_DIGIT(c))
			digits = 0;
		label++;
		buf_putc(out, (char)(DMARC_ALPHA(c) ? c | 0x20 : c));
	}
	if (labels < 2) {
		*cause = xasprintf(_("'%s' needs a full domain such as "
		    "example.com after '@'"), whole);
		return -1;
	}
	if (digits) {
		*cause = xasprintf(_("'%s' has an IP address or a number "
		    "where the domain should be"), whole);
		return -1;
	}
	return 0;
}

/* Check a size limit after '!': digits and an optional unit. */
static int
dmarc_size_check(const char *whole, const char *s, struct buf *out,
    char **cause)
{
	size_t i;

	for (i = 0; DMARC_DIGIT(s[i]); i++)
		/* nothing */;
	if (i == 0 || i > 15 || (s[i] != '\0' && (s[i + 1] != '\0' ||
	    strchr("kmgtKMGT", s[i]) == NULL))) {
		*cause = xasprintf(_("'%s' has a size limit after '!' that is "
		    "not a number with an optional k, m, g or t"), whole);
		return -1;
	}
	buf_putc(out, '!');
	buf_add(out, s, i);
	if (s[i] != '\0')
		buf_putc(out, (char)(s[i] | 0x20));
	return 0;
}

/*
 * Check one report address or mailto: URI and append its normalized form;
 * bare says whether "mailto:" may be left out.
 */
static int
dmarc_uri_check(const char *item, int bare, struct buf *out, char **cause)
{
	const char *addr, *at, *bang, *s;
	size_t n;
	int uri = 0;

	if (dmarc_prefix(item, "mailto:")) {
		uri = 1;
		addr = item + 7;
	} else {
		for (s = item; DMARC_ALPHA(*s) || DMARC_DIGIT(*s) ||
		    *s == '+' || *s == '-' || *s == '.'; s++)
			/* nothing */;
		if (*s == ':' && s != item && DMARC_ALPHA(*item)) {
			*cause = xasprintf(_("'%s' is not a mailto: URI: "
			    "DMARC reports are sent by mail"), item);
			return -1;
		}
		if (!bare) {
			*cause = xasprintf(_("'%s' needs 'mailto:' in front "
			    "of it"), item);
			return -1;
		}
		addr = item;
	}
	for (s = addr; *s != '\0'; s++) {
		if (DMARC_WSP(*s)) {
			*cause = xasprintf(_("'%s' contains white space"),
			    item);
			return -1;
		}
	}
	at = strchr(addr, '@');
	if (at == NULL) {
		*cause = xasprintf(_("'%s' has no '@'"), item);
		return -1;
	}
	if (strchr(at + 1, '@') != NULL) {
		*cause = xasprintf(_("'%s' has more than one '@'"), item);
		return -1;
	}
	if (uri && memchr(addr, '!', (size_t)(at - addr)) != NULL) {
		*cause = xasprintf(_("'%s': '!' must be written %%21 in a "
		    "DMARC URI, where '!' starts a size limit"), item);
		return -1;
	}
	buf_puts(out, "mailto:");
	if (dmarc_local_check(item, addr, (size_t)(at - addr), uri, out,
	    cause) != 0)
		return -1;
	buf_putc(out, '@');
	bang = strchr(at + 1, '!');
	n = bang != NULL ? (size_t)(bang - at - 1) : strlen(at + 1);
	if (dmarc_domain_check(item, at + 1, n, out, cause) != 0)
		return -1;
	if (bang != NULL && dmarc_size_check(item, bang + 1, out, cause) != 0)
		return -1;
	return 0;
}

/*
 * Check a ','-separated list of report URIs (bare: "mailto:" may be left
 * out). Every item is looked at: *nvalid counts the good ones, items and
 * norm (when not NULL) get them as written and normalized; the first bad
 * one makes the result -1.
 */
static int
dmarc_uri_list(const char *value, int bare, struct strlist *items,
    struct buf *norm, size_t *nvalid, char **cause)
{
	const char *s = value, *start, *end;
	struct buf one;
	char *item, *err, *why = NULL;

	*nvalid = 0;
	for (;;) {
		while (DMARC_WSP(*s))
			s++;
		start = s;
		while (*s != '\0' && *s != ',')
			s++;
		end = s;
		while (end > start && DMARC_WSP(end[-1]))
			end--;
		item = xstrndup(start, (size_t)(end - start));
		buf_init(&one);
		if (*item == '\0') {
			if (why == NULL)
				why = xstrdup(_("an address is empty: two ',' "
				    "with nothing between them, or a ',' at "
				    "an end"));
		} else if (dmarc_uri_check(item, bare, &one, &err) != 0) {
			if (why == NULL)
				why = err;
			else
				free(err);
		} else {
			(*nvalid)++;
			if (items != NULL)
				strlist_add(items, item);
			if (norm != NULL) {
				if (norm->len != 0)
					buf_putc(norm, ',');
				buf_puts(norm, one.data);
			}
		}
		buf_free(&one);
		free(item);
		if (*s == '\0')
			break;
		s++;
	}
	if (why != NULL) {
		*cause = why;
		return -1;
	}
	return 0;
}

/* Check report addresses an administrator typed, and normalize them. */
int
dmarc_rua_valid(const char *addr, char **normalized, char **cause)
{
	struct buf norm;
	const char *s;
	size_t nvalid;

	for (s = addr; DMARC_WSP(*s); s++)
		/* nothing */;
	if (*s == '\0') {
		*cause = xstrdup(_("no report address given"));
		return -1;
	}
	if (strchr(addr, ';') != NULL) {
		*cause = xasprintf(_("'%s': separate report addresses with "
		    "',', not ';'"), addr);
		return -1;
	}
	buf_init(&norm);
	if (dmarc_uri_list(addr, 1, NULL, &norm, &nvalid, cause) != 0) {
		buf_free(&norm);
		return -1;
	}
	if (normalized != NULL)
		*normalized = buf_detach(&norm);
	else
		buf_free(&norm);
	return 0;
}

/* Build the record to start with: monitoring only, reports if wanted. */
char *
dmarc_starting_record(const char *rua)
{
	char *norm, *cause, *rec;
	const char *s;

	if (rua != NULL) {
		for (s = rua; DMARC_WSP(*s); s++)
			/* nothing */;
		if (*s == '\0')
			rua = NULL;
	}
	if (rua == NULL)
		return xstrdup("v=DMARC1; p=none");
	if (dmarc_rua_valid(rua, &norm, &cause) != 0) {
		free(cause);
		return NULL;
	}
	rec = xasprintf("v=DMARC1; p=none; rua=%s", norm);
	free(norm);
	return rec;
}

/* Tell whether a TXT string starts with v=DMARC1 (RFC 7489 6.6.3). */
int
dmarc_is_record(const char *txt)
{
	const char *s = txt;

	if (*s != 'v' && *s != 'V')
		return 0;
	for (s++; DMARC_WSP(*s); s++)
		/* nothing */;
	if (*s != '=')
		return 0;
	for (s++; DMARC_WSP(*s); s++)
		/* nothing */;
	if (strncmp(s, "DMARC1", 6) != 0)
		return 0;
	for (s += 6; DMARC_WSP(*s); s++)
		/* nothing */;
	return *s == '\0' || *s == ';';
}

/* Set *cause for a bad value, hinting at a missing ';' when it shows. */
static void
dmarc_bad_value(char **cause, const char *msg, const char *value)
{
	if (strchr(value, '=') != NULL)
		*cause = xasprintf(_("%s: is a ';' missing before the next "
		    "tag?"), msg);
	else
		*cause = xstrdup(msg);
}

/* Tell whether a lower-cased value is a policy name. */
static int
dmarc_policy_valid(const char *v)
{
	size_t i;

	for (i = 0; i < nitems(dmarc_policies); i++) {
		if (strcmp(v, dmarc_policies[i].name) == 0)
			return 1;
	}
	return 0;
}

/*
 * Check a ':'-separated list whose items must each be one of the allowed
 * words (compared ignoring case); the normalized list goes into *out.
 */
static int
dmarc_colon_list(const char *value, const char *const *allowed,
    size_t nallowed, char **out)
{
	const char *s = value, *start, *end;
	struct buf b;
	char *item, *lower;
	size_t i;
	int found;

	buf_init(&b);
	for (;;) {
		while (DMARC_WSP(*s))
			s++;
		start = s;
		while (*s != '\0' && *s != ':')
			s++;
		end = s;
		while (end > start && DMARC_WSP(end[-1]))
			end--;
		item = xstrndup(start, (size_t)(end - start));
		lower = str_lower(item);
		free(item);
		found = 0;
		for (i = 0; i < nallowed; i++) {
			if (strcmp(lower, allowed[i]) == 0)
				found = 1;
		}
		if (!found) {
			free(lower);
			buf_free(&b);
			return -1;
		}
		if (b.len != 0)
			buf_putc(&b, ':');
		buf_puts(&b, lower);
		free(lower);
		if (*s == '\0')
			break;
		s++;
	}
	*out = buf_detach(&b);
	return 0;
}

/* Tell whether a string is 1 to max decimal digits. */
static int
dmarc_digits(const char *s, size_t max)
{
	size_t i;

	for (i = 0; DMARC_DIGIT(s[i]); i++)
		/* nothing */;
	return i > 0 && i <= max && s[i] == '\0';
}

/* Check a rua= or ruf= value into the record. */
static int
dmarc_tag_uris(const struct dmarc_tag *t, char **field,
    struct strlist *uris, char **cause)
{
	size_t nvalid;
	char *err;

	if (*t->value == '\0') {
		*cause = xasprintf(_("%s= is empty: give mailto: addresses or "
		    "remove the tag"), t->name);
		return -1;
	}
	if (dmarc_uri_list(t->value, 0, uris, NULL, &nvalid, &err) != 0) {
		*cause = xasprintf(_("%s= must be mailto: URIs separated by "
		    "',': %s"), t->name, err);
		free(err);
		return -1;
	}
	*field = xstrdup(t->value);
	return 0;
}

/* Check one known tag into the record; unknown ones are kept aside. */
static int
dmarc_tag_apply(struct dmarc_record *r, const struct dmarc_tag *t,
    int rua_ok, char **cause)
{
	static const char *const fo_words[] = { "0", "1", "d", "s" };
	static const char *const rf_words[] = { "afrf" };
	unsigned long v;
	char *lower, *msg;

	lower = str_lower(t->value);
	if (strcmp(t->name, "p") == 0 || strcmp(t->name, "sp") == 0) {
		if (!dmarc_policy_valid(lower)) {
			if (strcmp(t->name, "sp") == 0)
				msg = xasprintf(_("sp= must be none, "
				    "quarantine or reject, not '%s'"),
				    t->value);
			else if (rua_ok)
				msg = xasprintf(_("p= must be none, "
				    "quarantine or reject, not '%s' "
				    "(receivers fall back to p=none because "
				    "rua= is valid, RFC 7489 6.6.3, but the "
				    "record is still wrong)"), t->value);
			else
				msg = xasprintf(_("p= must be none, quarantine"
				    " or reject, not '%s'"), t->value);
			dmarc_bad_value(cause, msg, t->value);
			free(msg);
			goto fail;
		}
		if (strcmp(t->name, "p") == 0) {
			r->p = lower;
			r->written |= DMARC_TAG_P;
		} else {
			r->sp = lower;
			r->written |= DMARC_TAG_SP;
		}
		return 0;
	}
	if (strcmp(t->name, "adkim") == 0 || strcmp(t->name, "aspf") == 0) {
		if (strcmp(lower, "r") != 0 && strcmp(lower, "s") != 0) {
			msg = xasprintf(_("%s= must be r (relaxed) or s "
			    "(strict), not '%s'"), t->name, t->value);
			dmarc_bad_value(cause, msg, t->value);
			free(msg);
			goto fail;
		}
		if (strcmp(t->name, "adkim") == 0) {
			free(r->adkim);
			r->adkim = lower;
			r->written |= DMARC_TAG_ADKIM;
		} else {
			free(r->aspf);
			r->aspf = lower;
			r->written |= DMARC_TAG_ASPF;
		}
		return 0;
	}
	if (strcmp(t->name, "pct") == 0) {
		if (!dmarc_digits(t->value, 3) ||
		    parse_uint(t->value, 0, 100, &v) != 0) {
			msg = xasprintf(_("pct= must be a whole number from 0 "
			    "to 100, not '%s'"), t->value);
			dmarc_bad_value(cause, msg, t->value);
			free(msg);
			goto fail;
		}
		r->pct = (int)v;
		r->written |= DMARC_TAG_PCT;
	} else if (strcmp(t->name, "ri") == 0) {
		if (!dmarc_digits(t->value, 10) ||
		    parse_uint(t->value, 0, 4294967295UL, &v) != 0) {
			msg = xasprintf(_("ri= must be a number of seconds "
			    "from 0 to 4294967295, not '%s'"), t->value);
			dmarc_bad_value(cause, msg, t->value);
			free(msg);
			goto fail;
		}
		r->ri = v;
		r->written |= DMARC_TAG_RI;
	} else if (strcmp(t->name, "fo") == 0) {
		free(r->fo);
		r->fo = NULL;
		if (dmarc_colon_list(t->value, fo_words, nitems(fo_words),
		    &r->fo) != 0) {
			msg = xasprintf(_("fo= must be 0, 1, d or s, or "
			    "several of them separated by ':', not '%s'"),
			    t->value);
			dmarc_bad_value(cause, msg, t->value);
			free(msg);
			goto fail;
		}
		r->written |= DMARC_TAG_FO;
	} else if (strcmp(t->name, "rf") == 0) {
		free(r->rf);
		r->rf = NULL;
		if (dmarc_colon_list(t->value, rf_words, nitems(rf_words),
		    &r->rf) != 0) {
			msg = xasprintf(_("rf= must be afrf, not '%s'"),
			    t->value);
			dmarc_bad_value(cause, msg, t->value);
			free(msg);
			goto fail;
		}
		r->written |= DMARC_TAG_RF;
	} else if (strcmp(t->name, "rua") == 0) {
		if (dmarc_tag_uris(t, &r->rua, &r->rua_uris, cause) != 0)
			goto fail;
		r->written |= DMARC_TAG_RUA;
	} else if (strcmp(t->name, "ruf") == 0) {
		if (dmarc_tag_uris(t, &r->ruf, &r->ruf_uris, cause) != 0)
			goto fail;
		r->written |= DMARC_TAG_RUF;
	} else
		strlist_addf(&r->unknown, "%s=%s", t->name, t->value);
	free(lower);
	return 0;

fail:
	free(lower);
	return -1;
}

/* Check what the record as a whole says: v= first, p= present, notes. */
static int
dmarc_check_whole(struct dmarc_record *r, const struct dmarc_tag *tags,
    size_t ntags, int rua_ok, char **cause)
{
	size_t i;

	if (!(r->written & DMARC_TAG_P)) {
		if (rua_ok)
			*cause = xstrdup(_("p= is missing: receivers treat a "
			    "record with a valid rua= but no p= as p=none "
			    "(RFC 7489 6.6.3), but p= is required: add p=none"
			    " right after v=DMARC1"));
		else
			*cause = xstrdup(_("p= is missing: add p=none, "
			    "p=quarantine or p=reject right after v=DMARC1 "
			    "(RFC 7489 6.3)"));
		return -1;
	}
	for (i = 1; i < ntags; i++) {
		if (strcmp(tags[i].name, "p") == 0)
			break;
	}
	if (i != 1)
		strlist_add(&r->notes, _("p= should come right after "
		    "v=DMARC1 (RFC 7489 6.3); most receivers accept it "
		    "elsewhere"));
	if (r->sp == NULL)
		r->sp = xstrdup(r->p);
	if ((r->written & DMARC_TAG_FO) && !(r->written & DMARC_TAG_RUF))
		strlist_add(&r->notes, _("fo= has no effect without ruf="));
	if ((r->written & DMARC_TAG_PCT) && r->pct < 100 &&
	    strcmp(r->p, "none") == 0)
		strlist_add(&r->notes, _("pct= has no effect with p=none"));
	if (!(r->written & DMARC_TAG_RUA))
		strlist_add(&r->notes, _("there is no rua=, so no receiver "
		    "will send you aggregate reports"));
	return 0;
}

/* Parse a DMARC record. */
int
dmarc_parse(const char *text, struct dmarc_record *out, char **cause)
{
	struct dmarc_tag *tags = NULL, *t = NULL;
	size_t ntags = 0, i, j, nvalid = 0;
	int rua_ok = 0;
	char *err;

	memset(out, 0, sizeof *out);
	if (DMARC_WSP(*text)) {
		*cause = xstrdup(_("the record must start with v=DMARC1, "
		    "without white space before it"));
		return -1;
	}
	if (dmarc_tags_split(text, &tags, &ntags, cause) != 0)
		return -1;
	if (ntags == 0) {
		*cause = xstrdup(_("the record is empty"));
		goto fail;
	}
	if (strcmp(tags[0].name, "v") != 0) {
		*cause = xasprintf(_("the record must start with v=DMARC1 "
		    "(RFC 7489 6.3), not with '%s='"), tags[0].name);
		goto fail;
	}
	if (strcmp(tags[0].value, "DMARC1") != 0) {
		err = xasprintf(_("v= must be exactly 'DMARC1', in capitals, "
		    "not '%s'"), tags[0].value);
		dmarc_bad_value(cause, err, tags[0].value);
		free(err);
		goto fail;
	}
	for (i = 0; i < ntags; i++) {
		for (j = i + 1; j < ntags; j++) {
			if (strcmp(tags[i].name, tags[j].name) == 0) {
				*cause = xasprintf(_("tag '%s' appears more "
				    "than once (characters %zu and %zu)"),
				    tags[i].name, tags[i].column,
				    tags[j].column);
				goto fail;
			}
		}
		if (strcmp(tags[i].name, "rua") == 0)
			t = &tags[i];
	}
	if (t != NULL && *t->value != '\0') {
		if (dmarc_uri_list(t->value, 0, NULL, NULL, &nvalid,
		    &err) != 0)
			free(err);
		rua_ok = nvalid > 0;
	}
	out->pct = 100;
	out->adkim = xstrdup("r");
	out->aspf = xstrdup("r");
	out->fo = xstrdup("0");
	out->rf = xstrdup("afrf");
	out->ri = 86400;
	for (i = 1; i < ntags; i++) {
		if (dmarc_tag_apply(out, &tags[i], rua_ok, cause) != 0)
			goto fail;
	}
	if (dmarc_check_whole(out, tags, ntags, rua_ok, cause) != 0)
		goto fail;
	dmarc_tags_free(tags, ntags);
	return 0;

fail:
	dmarc_tags_free(tags, ntags);
	dmarc_record_free(out);
	return -1;
}

/* Release a parsed record. */
void
dmarc_record_free(struct dmarc_record *r)
{
	free(r->p);
	free(r->sp);
	free(r->rua);
	free(r->ruf);
	strlist_free(&r->rua_uris);
	strlist_free(&r->ruf_uris);
	free(r->adkim);
	free(r->aspf);
	free(r->fo);
	free(r->rf);
	strlist_free(&r->unknown);
	strlist_free(&r->notes);
	memset(r, 0, sizeof *r);
}

/* The domain of a report address, lower-cased, or NULL. */
static char *
dmarc_rua_domain(const char *rua)
{
	const char *s = rua, *at, *end;
	char *copy, *lower;

	while (DMARC_WSP(*s))
		s++;
	if (dmarc_prefix(s, "mailto:"))
		s += 7;
	at = strrchr(s, '@');
	if (at == NULL)
		return NULL;
	for (end = at + 1; *end != '\0' && *end != '!' && !DMARC_WSP(*end);
	    end++)
		/* nothing */;
	while (end > at + 1 && end[-1] == '.')
		end--;
	if (end == at + 1)
		return NULL;
	copy = xstrndup(at + 1, (size_t)(end - at - 1));
	lower = str_lower(copy);
	free(copy);
	return lower;
}

/* The domain a record is for, lower-cased, without "_dmarc." or a final
   dot. */
static char *
dmarc_base_domain(const char *domain)
{
	char *lower;
	size_t len;

	if (dmarc_prefix(domain, "_dmarc."))
		domain += 7;
	lower = str_lower(domain);
	len = strlen(lower);
	while (len > 0 && lower[len - 1] == '.')
		lower[--len] = '\0';
	return lower;
}

/* Tell whether reports go outside the record's domain (RFC 7489 7.1). */
int
dmarc_external_rua(const char *domain, const char *rua)
{
	char *rd, *d;
	size_t lr, ld;
	int external;

	rd = dmarc_rua_domain(rua);
	if (rd == NULL)
		return -1;
	d = dmarc_base_domain(domain);
	if (*d == '\0') {
		free(rd);
		free(d);
		return -1;
	}
	lr = strlen(rd);
	ld = strlen(d);
	if (strcmp(rd, d) == 0)
		external = 0;
	else if (lr > ld && rd[lr - ld - 1] == '.' &&
	    strcmp(rd + lr - ld, d) == 0)
		external = 0;
	else
		external = 1;
	free(rd);
	free(d);
	return external;
}

/* The name at which the receiver of external reports says yes. */
char *
dmarc_external_rua_name(const char *domain, const char *rua)
{
	char *rd, *d, *name;

	rd = dmarc_rua_domain(rua);
	if (rd == NULL)
		return NULL;
	d = dmarc_base_domain(domain);
	name = xasprintf("%s._report._dmarc.%s", d, rd);
	free(rd);
	free(d);
	return name;
}

/* Explain a policy in plain words. */
const char *
dmarc_policy_explain(const char *p)
{
	size_t i;

	for (i = 0; i < nitems(dmarc_policies); i++) {
		if (str_caseeq(p, dmarc_policies[i].name))
			return _(dmarc_policies[i].explain);
	}
	return NULL;
}
