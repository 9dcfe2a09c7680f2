/* dmarc-rua.c - DMARC report addresses: checking the mailto: URIs of rua=
   and ruf= and what an administrator types, and reports sent outside the
   domain (RFC 7489 7.1) */
#include <stdlib.h>
#include <string.h>

#include "dmarc-int.h"
#include "taglist.h"

#define DMARC_XDIGIT(c) (TAGLIST_DIGIT(c) || \
    ((c) >= 'a' && (c) <= 'f') || ((c) >= 'A' && (c) <= 'F'))

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
		if (TAGLIST_ALPHA(c) || TAGLIST_DIGIT(c) ||
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
		what = taglist_byte_show(c);
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
		if (!TAGLIST_ALPHA(c) && !TAGLIST_DIGIT(c) && c != '-') {
			what = taglist_byte_show(c);
			*cause = xasprintf(_("'%s' has %s in its domain: only "
			    "letters, digits, '-' and '.' are allowed"), whole,
			    what);
			free(what);
			return -1;
		}
		if (!TAGLIST_DIGIT(c))
			digits = 0;
		label++;
		buf_putc(out, (char)(TAGLIST_ALPHA(c) ? c | 0x20 : c));
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

	for (i = 0; TAGLIST_DIGIT(s[i]); i++)
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
		for (s = item; TAGLIST_ALPHA(*s) || TAGLIST_DIGIT(*s) ||
		    *s == '+' || *s == '-' || *s == '.'; s++)
			/* nothing */;
		if (*s == ':' && s != item && TAGLIST_ALPHA(*item)) {
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
		if (TAGLIST_WSP(*s)) {
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
int
dmarc_uri_list(const char *value, int bare, struct strlist *items,
    struct buf *norm, size_t *nvalid, char **cause)
{
	const char *s = value, *start;
	struct buf one;
	char *item, *err, *why = NULL;
	size_t len;
	int more;

	*nvalid = 0;
	do {
		more = taglist_item(&s, ',', 0, &start, &len);
		item = xstrndup(start, len);
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
	} while (more);
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

	for (s = addr; TAGLIST_WSP(*s); s++)
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
		for (s = rua; TAGLIST_WSP(*s); s++)
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

/* The domain of a report address, lower-cased, or NULL. */
static char *
dmarc_rua_domain(const char *rua)
{
	const char *s = rua, *at, *end;
	char *copy, *lower;

	while (TAGLIST_WSP(*s))
		s++;
	if (dmarc_prefix(s, "mailto:"))
		s += 7;
	at = strrchr(s, '@');
	if (at == NULL)
		return NULL;
	for (end = at + 1; *end != '\0' && *end != '!' && !TAGLIST_WSP(*end);
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
