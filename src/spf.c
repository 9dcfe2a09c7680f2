/* spf.c - RFC 7208 records: parse, print, merge, lint */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "record.h"
#include "spf.h"

/* Mechanism names (RFC 7208 5), matched without regard to case. */
static const struct {
	const char	*name;
	enum spf_mech	 mech;
} spf_mechs[] = {
	{ "all", SPF_ALL },
	{ "include", SPF_INCLUDE },
	{ "a", SPF_A },
	{ "mx", SPF_MX },
	{ "ptr", SPF_PTR },
	{ "ip4", SPF_IP4 },
	{ "ip6", SPF_IP6 },
	{ "exists", SPF_EXISTS }
};

/* What an existing mechanism says about a mechanism to be added. */
enum spf_cover {
	SPF_COVER_NONE,		/* unrelated */
	SPF_COVER_SAME,		/* the same mechanism and target */
	SPF_COVER_WIDER		/* a wider network that includes it */
};

/* Name a mechanism as RFC 7208 spells it. */
static const char *
spf_mech_name(enum spf_mech mech)
{
	size_t i;

	for (i = 0; i < nitems(spf_mechs); i++) {
		if (spf_mechs[i].mech == mech)
			return spf_mechs[i].name;
	}
	return "?";
}

/* Tell whether a byte may appear in a term: visible ASCII (RFC 7208 12). */
static int
spf_visible(int c)
{
	return c >= 0x21 && c <= 0x7e;
}

/* Tell whether a byte may appear in a modifier name after the first. */
static int
spf_namechar(int c)
{
	return c < 0x80 && (isalnum(c) || c == '-' || c == '_' || c == '.');
}

/* Copy text for a message, writing control and non-ASCII bytes as \xHH. */
static char *
spf_escape(const char *s, size_t len)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f)
			buf_putc(&b, s[i]);
		else
			buf_printf(&b, "\\x%02x", (unsigned char)s[i]);
	}
	return buf_detach(&b);
}

/*
 * Check the inside of one "%{...}" macro-expand (RFC 7208 7.1): a letter,
 * optional digits, an optional 'r', then delimiters.
 */
static int
spf_macro_expand_check(const char *macro, size_t len, int crt, char **why)
{
	const char *body = macro + 2;
	size_t blen = len - 3, i = 1;
	int c, zero = 1, digits = 0;

	if (blen == 0) {
		*why = xasprintf(_("macro '%.*s' has no letter"), (int)len,
		    macro);
		return -1;
	}
	c = tolower((unsigned char)body[0]);
	if (strchr("slodiphcrtv", c) == NULL) {
		*why = xasprintf(_("unknown macro letter '%c' in '%.*s'"),
		    body[0], (int)len, macro);
		return -1;
	}
	if (!crt && strchr("crt", c) != NULL) {
		*why = xasprintf(_("macro letter '%c' in '%.*s' is allowed "
		    "only in explanation text"), body[0], (int)len, macro);
		return -1;
	}
	while (i < blen && isdigit((unsigned char)body[i])) {
		if (body[i] != '0')
			zero = 0;
		digits = 1;
		i++;
	}
	if (digits && zero) {
		*why = xasprintf(_("the digit transformer in '%.*s' must not "
		    "be zero"), (int)len, macro);
		return -1;
	}
	if (i < blen && (body[i] == 'r' || body[i] == 'R'))
		i++;
	for (; i < blen; i++) {
		if (strchr(".-+,/_=", body[i]) == NULL) {
			*why = xasprintf(_("invalid transformer or delimiter "
			    "in macro '%.*s'"), (int)len, macro);
			return -1;
		}
	}
	return 0;
}

/*
 * Check a macro-string (RFC 7208 7.1). crt says whether the letters c, r
 * and t are allowed (only in explanation text); *ends_macro tells whether
 * the string ends with a macro-expand. Returns -1 with a reason in *why.
 */
static int
spf_macro_check(const char *s, size_t len, int crt, int *ends_macro,
    char **why)
{
	size_t i, j;
	int c;

	*ends_macro = 0;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		*ends_macro = 0;
		if (!spf_visible(c)) {
			*why = xasprintf(_("invalid character 0x%02x"), c);
			return -1;
		}
		if (c != '%')
			continue;
		if (i + 1 >= len || strchr("{%_-", s[i + 1]) == NULL) {
			/* xgettext:no-c-format */
			*why = xstrdup(_("a '%' must be followed by '{', "
			    "'%', '_' or '-'"));
			return -1;
		}
		*ends_macro = 1;
		if (s[i + 1] != '{') {
			i++;
			continue;
		}
		for (j = i + 2; j < len && s[j] != '}'; j++)
			/* nothing */;
		if (j == len) {
			*why = xasprintf(_("macro '%.*s' has no closing '}'"),
			    (int)(len - i), s + i);
			return -1;
		}
		if (spf_macro_expand_check(s + i, j - i + 1, crt, why) == -1)
			return -1;
		i = j;
	}
	return 0;
}

/* Tell whether a label is a valid toplabel (RFC 7208 7.1). */
static int
spf_toplabel_ok(const char *s, size_t len)
{
	size_t i;
	int alpha = 0;

	if (len == 0 || s[0] == '-' || s[len - 1] == '-')
		return 0;
	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] >= 0x80)
			return 0;
		if (s[i] == '-' || isalpha((unsigned char)s[i]))
			alpha = 1;
		else if (!isdigit((unsigned char)s[i]))
			return 0;
	}
	return alpha;
}

/*
 * Check a domain-spec: a macro-string ending in "." toplabel (with an
 * optional trailing dot) or in a macro-expand. Returns -1 with *why.
 */
static int
spf_domain_check(const char *s, size_t len, char **why)
{
	size_t end, dot;
	int ends_macro;

	if (spf_macro_check(s, len, 0, &ends_macro, why) == -1)
		return -1;
	if (ends_macro)
		return 0;
	end = len;
	if (end > 0 && s[end - 1] == '.')
		end--;
	for (dot = end; dot > 0 && s[dot - 1] != '.'; dot--)
		/* nothing */;
	if (dot == 0 || dot == end) {
		*why = xstrdup(_("it must end with a top-level label such as "
		    "'.com' or with a macro"));
		return -1;
	}
	if (!spf_toplabel_ok(s + dot, end - dot)) {
		*why = xasprintf(_("the top-level label '%.*s' is not valid "
		    "(letters, digits and inner hyphens, not only digits)"),
		    (int)(end - dot), s + dot);
		return -1;
	}
	return 0;
}

/* Check a domain-spec on its own. */
int
spf_macro_valid(const char *s, char **cause)
{
	char *why, *safe;

	if (*s == '\0') {
		*cause = xstrdup(_("empty domain"));
		return -1;
	}
	if (spf_domain_check(s, strlen(s), &why) == -1) {
		safe = spf_escape(s, strlen(s));
		*cause = xasprintf(_("invalid domain '%s': %s"), safe, why);
		free(safe);
		free(why);
		return -1;
	}
	return 0;
}

/* Set the domain-spec of a term after checking it. */
static int
spf_term_domain(struct spf_term *t, const char *s, size_t len, char **cause)
{
	char *why;

	if (len == 0) {
		*cause = xasprintf(_("empty domain in '%s'"), t->text);
		return -1;
	}
	if (spf_domain_check(s, len, &why) == -1) {
		*cause = xasprintf(_("invalid domain '%.*s' in '%s': %s"),
		    (int)len, s, t->text, why);
		free(why);
		return -1;
	}
	t->domain = xstrndup(s, len);
	return 0;
}

/*
 * Read one cidr length "/N" at s[*i] (RFC 7208 5.6: no leading zero).
 * Returns -1 when it is malformed; the range is the caller's.
 */
static int
spf_cidr_number(const char *s, size_t len, size_t *i, int *out)
{
	size_t j = *i + 1, start;
	int v = 0;

	if (*i >= len || s[*i] != '/')
		return -1;
	start = j;
	while (j < len && isdigit((unsigned char)s[j]) && j - start < 4) {
		v = v * 10 + (s[j] - '0');
		j++;
	}
	if (j == start || (s[start] == '0' && j - start > 1))
		return -1;
	if (j < len && isdigit((unsigned char)s[j]))
		return -1;
	*i = j;
	*out = v;
	return 0;
}

/*
 * Parse the cidr part of a term: "/N" for ip4 and ip6, the
 * dual-cidr-length "/N", "//N" or "/N//N" for a and mx.
 */
static int
spf_term_cidr(struct spf_term *t, const char *s, size_t len, char **cause)
{
	size_t i = 0;
	int v4 = -1, v6 = -1, *one;

	if (t->mech == SPF_IP4 || t->mech == SPF_IP6) {
		one = t->mech == SPF_IP4 ? &v4 : &v6;
		if (spf_cidr_number(s, len, &i, one) == -1)
			goto bad;
	} else if (len >= 2 && s[0] == '/' && s[1] == '/') {
		i = 1;
		if (spf_cidr_number(s, len, &i, &v6) == -1)
			goto bad;
	} else {
		if (spf_cidr_number(s, len, &i, &v4) == -1)
			goto bad;
		if (i < len) {
			if (i + 1 >= len || s[i] != '/' || s[i + 1] != '/')
				goto bad;
			i++;
			if (spf_cidr_number(s, len, &i, &v6) == -1)
				goto bad;
		}
	}
	if (i != len)
		goto bad;
	if (v4 > 32) {
		*cause = xasprintf(_("ip4 cidr length %d is out of range (0 "
		    "to 32) in '%s'"), v4, t->text);
		return -1;
	}
	if (v6 > 128) {
		*cause = xasprintf(_("ip6 cidr length %d is out of range (0 "
		    "to 128) in '%s'"), v6, t->text);
		return -1;
	}
	t->cidr4 = v4;
	t->cidr6 = v6;
	return 0;

bad:
	*cause = xasprintf(_("cidr length '%.*s' is not valid in '%s'"),
	    (int)len, s, t->text);
	return -1;
}

/*
 * Find where a trailing dual-cidr-length ("/N", "//N" or "/N//N") starts
 * in s, or return len. Only digits count: a domain-spec may hold '/'.
 */
static size_t
spf_cidr_suffix(const char *s, size_t len)
{
	size_t end = len, j;

	for (j = end; j > 0 && isdigit((unsigned char)s[j - 1]); j--)
		/* nothing */;
	if (j < end && j >= 2 && s[j - 1] == '/' && s[j - 2] == '/')
		end = j - 2;
	for (j = end; j > 0 && isdigit((unsigned char)s[j - 1]); j--)
		/* nothing */;
	if (j < end && j >= 1 && s[j - 1] == '/')
		end = j - 1;
	return end;
}

/* Parse the part of a mechanism after its name (RFC 7208 5). */
static int
spf_mech_parse(struct spf_term *t, const char *s, size_t len, char **cause)
{
	const char *name = spf_mech_name(t->mech);
	unsigned char bytes[16];
	size_t end, slash;
	int af;

	switch (t->mech) {
	case SPF_ALL:
		if (len != 0) {
			*cause = xasprintf(_("all takes no argument in '%s'"),
			    t->text);
			return -1;
		}
		return 0;
	case SPF_INCLUDE:
	case SPF_EXISTS:
	case SPF_PTR:
		if (len == 0 && t->mech == SPF_PTR)
			return 0;
		if (len == 0) {
			*cause = xasprintf(_("%s needs a domain in '%s'"),
			    name, t->text);
			return -1;
		}
		if (s[0] == ':' && spf_cidr_suffix(s, len) == len)
			return spf_term_domain(t, s + 1, len - 1, cause);
		*cause = xasprintf(_("%s takes no cidr length in '%s'"), name,
		    t->text);
		return -1;
	case SPF_A:
	case SPF_MX:
		if (len == 0)
			return 0;
		if (s[0] == '/')
			return spf_term_cidr(t, s, len, cause);
		end = spf_cidr_suffix(s, len);
		if (spf_term_domain(t, s + 1, end - 1, cause) == -1)
			return -1;
		if (end == len)
			return 0;
		return spf_term_cidr(t, s + end, len - end, cause);
	case SPF_IP4:
	case SPF_IP6:
		if (len < 2 || s[0] != ':' || s[1] == '/') {
			*cause = xasprintf(_("%s needs an address in '%s'"),
			    name, t->text);
			return -1;
		}
		for (slash = 1; slash < len && s[slash] != '/'; slash++)
			/* nothing */;
		t->addr = xstrndup(s + 1, slash - 1);
		af = t->mech == SPF_IP4 ? AF_INET : AF_INET6;
		if (inet_pton(af, t->addr, bytes) != 1) {
			*cause = xasprintf(_("%s address '%s' is not valid"),
			    name, t->addr);
			return -1;
		}
		if (slash == len)
			return 0;
		return spf_term_cidr(t, s + slash, len - slash, cause);
	}
	return 0;
}

/* Parse a modifier "name=value" (RFC 7208 6); name is already checked. */
static int
spf_modifier_parse(struct spf_term *t, const char *s, size_t len,
    size_t namelen, char **cause)
{
	const char *value = s + namelen + 1;
	size_t vlen = len - namelen - 1;
	char *why;
	int ends_macro;

	t->name = xstrndup(s, namelen);
	t->value = xstrndup(value, vlen);
	if (str_caseeq(t->name, "redirect") || str_caseeq(t->name, "exp")) {
		t->kind = str_caseeq(t->name, "exp") ? SPF_TERM_EXP :
		    SPF_TERM_REDIRECT;
		return spf_term_domain(t, value, vlen, cause);
	}
	t->kind = SPF_TERM_MODIFIER;
	if (spf_macro_check(value, vlen, 1, &ends_macro, &why) == -1) {
		*cause = xasprintf(_("invalid value in '%s': %s"), t->text,
		    why);
		free(why);
		return -1;
	}
	return 0;
}

/* Release what one term owns. */
static void
spf_term_free(struct spf_term *t)
{
	free(t->domain);
	free(t->addr);
	free(t->name);
	free(t->value);
	free(t->text);
	memset(t, 0, sizeof *t);
}

/*
 * Parse one term (a directive or a modifier). The cause names the term
 * but not the column, which the caller adds.
 */
static int
spf_term_parse(const char *s, size_t len, struct spf_term *t, char **cause)
{
	size_t i, p = 0, n;
	char *safe;

	memset(t, 0, sizeof *t);
	t->cidr4 = t->cidr6 = -1;
	t->text = xstrndup(s, len);
	for (i = 0; i < len; i++) {
		if (!spf_visible((unsigned char)s[i])) {
			safe = spf_escape(s, len);
			*cause = xasprintf(_("invalid character 0x%02x in "
			    "'%s'"), (unsigned char)s[i], safe);
			free(safe);
			goto fail;
		}
	}
	if (len > 0 && strchr("+-~?", s[0]) != NULL) {
		t->qualifier = s[0];
		p = 1;
	}
	for (n = p; n < len && spf_namechar((unsigned char)s[n]); n++)
		/* nothing */;
	if (n < len && s[n] == '=') {
		if (t->qualifier != 0) {
			*cause = xasprintf(_("modifier '%s' cannot have a "
			    "qualifier"), t->text);
			goto fail;
		}
		if (n == 0 || !isalpha((unsigned char)s[0])) {
			*cause = xasprintf(_("invalid modifier name in '%s'"),
			    t->text);
			goto fail;
		}
		if (spf_modifier_parse(t, s, len, n, cause) == -1)
			goto fail;
		return 0;
	}
	t->kind = SPF_TERM_MECHANISM;
	for (i = 0; i < nitems(spf_mechs); i++) {
		if (strlen(spf_mechs[i].name) == n - p &&
		    strncasecmp(spf_mechs[i].name, s + p, n - p) == 0)
			break;
	}
	if (i == nitems(spf_mechs) ||
	    (n < len && s[n] != ':' && s[n] != '/')) {
		*cause = xasprintf(_("unknown mechanism '%s'"), t->text);
		goto fail;
	}
	t->mech = spf_mechs[i].mech;
	if (spf_mech_parse(t, s + n, len - n, cause) == -1)
		goto fail;
	return 0;

fail:
	spf_term_free(t);
	return -1;
}

/* Tell whether a TXT string is an SPF record. */
int
spf_is_record(const char *s)
{
	return strncasecmp(s, "v=spf1", 6) == 0 &&
	    (s[6] == ' ' || s[6] == '\0');
}

/* Release a parsed record. */
void
spf_record_free(struct spf_record *r)
{
	size_t i;

	for (i = 0; i < r->nterms; i++)
		spf_term_free(&r->terms[i]);
	free(r->terms);
	r->terms = NULL;
	r->nterms = 0;
}

/*
 * Parse a whole record (RFC 7208 12: version, terms separated by spaces,
 * trailing spaces allowed). On error the record is left empty.
 */
int
spf_parse(const char *text, struct spf_record *out, char **cause)
{
	const char *p, *q;
	struct spf_term t;
	size_t col, i;
	char *why;
	int redirect = 0, exp = 0, *seen;

	memset(out, 0, sizeof *out);
	if (strncasecmp(text, "v=spf1", 6) != 0) {
		*cause = xstrdup(_("column 1: record does not start with "
		    "'v=spf1'"));
		return -1;
	}
	if (text[6] != '\0' && text[6] != ' ') {
		*cause = xstrdup(_("column 7: 'v=spf1' must be followed by "
		    "a space"));
		return -1;
	}
	p = text + 6;
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != ' '; q++)
			/* nothing */;
		col = (size_t)(p - text) + 1;
		if (spf_term_parse(p, (size_t)(q - p), &t, &why) == -1) {
			*cause = xasprintf(_("column %zu: %s"), col, why);
			free(why);
			goto fail;
		}
		t.column = col;
		seen = t.kind == SPF_TERM_EXP ? &exp : &redirect;
		if (t.kind == SPF_TERM_REDIRECT || t.kind == SPF_TERM_EXP)
			(*seen)++;
		if (*seen > 1) {
			*cause = xasprintf(_("column %zu: '%s' repeats the "
			    "%s= modifier, which may appear only once"), col,
			    t.text, t.kind == SPF_TERM_EXP ? "exp" :
			    "redirect");
			spf_term_free(&t);
			goto fail;
		}
		i = out->nterms;
		out->terms = xreallocarray(out->terms, i + 1,
		    sizeof *out->terms);
		out->terms[i] = t;
		out->nterms = i + 1;
		p = q;
	}
	return 0;

fail:
	spf_record_free(out);
	return -1;
}

/* Write a term from its fields, for terms built without text. */
static void
spf_term_format(struct buf *b, const struct spf_term *t)
{
	switch (t->kind) {
	case SPF_TERM_REDIRECT:
	case SPF_TERM_EXP:
		buf_printf(b, "%s=%s", t->kind == SPF_TERM_EXP ? "exp" :
		    "redirect", t->domain != NULL ? t->domain :
		    t->value != NULL ? t->value : "");
		return;
	case SPF_TERM_MODIFIER:
		buf_printf(b, "%s=%s", t->name != NULL ? t->name : "",
		    t->value != NULL ? t->value : "");
		return;
	case SPF_TERM_MECHANISM:
		break;
	}
	if (t->qualifier != 0)
		buf_putc(b, t->qualifier);
	buf_puts(b, spf_mech_name(t->mech));
	if (t->mech == SPF_IP4 || t->mech == SPF_IP6) {
		buf_printf(b, ":%s", t->addr != NULL ? t->addr : "");
		if (t->mech == SPF_IP4 && t->cidr4 >= 0)
			buf_printf(b, "/%d", t->cidr4);
		if (t->mech == SPF_IP6 && t->cidr6 >= 0)
			buf_printf(b, "/%d", t->cidr6);
		return;
	}
	if (t->domain != NULL)
		buf_printf(b, ":%s", t->domain);
	if (t->mech == SPF_A || t->mech == SPF_MX) {
		if (t->cidr4 >= 0)
			buf_printf(b, "/%d", t->cidr4);
		if (t->cidr6 >= 0)
			buf_printf(b, "//%d", t->cidr6);
	}
}

/* Print a record: "v=spf1" and each term as written, one space apart. */
char *
spf_print(const struct spf_record *r)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_puts(&b, "v=spf1");
	for (i = 0; i < r->nterms; i++) {
		buf_putc(&b, ' ');
		if (r->terms[i].text != NULL)
			buf_puts(&b, r->terms[i].text);
		else
			spf_term_format(&b, &r->terms[i]);
	}
	return buf_detach(&b);
}

/* Count the terms of this record that cost a DNS lookup (RFC 7208 4.6.4). */
int
spf_lookup_terms(const struct spf_record *r)
{
	const struct spf_term *t;
	size_t i;
	int n = 0;

	for (i = 0; i < r->nterms; i++) {
		t = &r->terms[i];
		if (t->kind == SPF_TERM_REDIRECT)
			n++;
		else if (t->kind == SPF_TERM_MECHANISM &&
		    t->mech != SPF_ALL && t->mech != SPF_IP4 &&
		    t->mech != SPF_IP6)
			n++;
	}
	return n;
}

/*
 * Compare two domain-specs: case-insensitive outside macros (a macro
 * letter's case matters), one trailing dot ignored; NULL equals NULL.
 */
static int
spf_domain_eq(const char *a, const char *b)
{
	size_t la, lb, i, end;

	if (a == NULL || b == NULL)
		return a == b;
	la = strlen(a);
	lb = strlen(b);
	if (la > 1 && a[la - 1] == '.')
		la--;
	if (lb > 1 && b[lb - 1] == '.')
		lb--;
	if (la != lb)
		return 0;
	for (i = 0; i < la; i++) {
		if (a[i] == '%' && i + 1 < la) {
			end = i + 1;
			if (a[end] == '{') {
				while (end < la - 1 && a[end] != '}')
					end++;
			}
			if (memcmp(a + i, b + i, end - i + 1) != 0)
				return 0;
			i = end;
		} else if (tolower((unsigned char)a[i]) !=
		    tolower((unsigned char)b[i]))
			return 0;
	}
	return 1;
}

/* Tell whether the first n bits of two addresses are equal. */
static int
spf_prefix_eq(const unsigned char *a, const unsigned char *b, int n)
{
	int i, mask;

	for (i = 0; n >= 8; i++, n -= 8) {
		if (a[i] != b[i])
			return 0;
	}
	if (n == 0)
		return 1;
	mask = (0xff << (8 - n)) & 0xff;
	return (a[i] & mask) == (b[i] & mask);
}

/* Compare an existing ip4/ip6 mechanism with one to be added. */
static enum spf_cover
spf_net_cover(const struct spf_term *old, const struct spf_term *add)
{
	unsigned char a[16], b[16];
	int af, max, lo, ln;

	af = old->mech == SPF_IP4 ? AF_INET : AF_INET6;
	max = old->mech == SPF_IP4 ? 32 : 128;
	if (inet_pton(af, old->addr, a) != 1 ||
	    inet_pton(af, add->addr, b) != 1)
		return SPF_COVER_NONE;
	lo = old->mech == SPF_IP4 ? old->cidr4 : old->cidr6;
	ln = add->mech == SPF_IP4 ? add->cidr4 : add->cidr6;
	if (lo < 0)
		lo = max;
	if (ln < 0)
		ln = max;
	if (lo > ln || !spf_prefix_eq(a, b, lo))
		return SPF_COVER_NONE;
	return lo == ln ? SPF_COVER_SAME : SPF_COVER_WIDER;
}

/* Tell how an existing mechanism relates to one to be added. */
static enum spf_cover
spf_cover(const struct spf_term *old, const struct spf_term *add)
{
	int o4, o6, n4, n6;

	if (old->kind != SPF_TERM_MECHANISM || old->mech != add->mech)
		return SPF_COVER_NONE;
	if (old->mech == SPF_IP4 || old->mech == SPF_IP6)
		return spf_net_cover(old, add);
	if (!spf_domain_eq(old->domain, add->domain))
		return SPF_COVER_NONE;
	if (old->mech != SPF_A && old->mech != SPF_MX)
		return SPF_COVER_SAME;
	o4 = old->cidr4 < 0 ? 32 : old->cidr4;
	o6 = old->cidr6 < 0 ? 128 : old->cidr6;
	n4 = add->cidr4 < 0 ? 32 : add->cidr4;
	n6 = add->cidr6 < 0 ? 128 : add->cidr6;
	if (o4 == n4 && o6 == n6)
		return SPF_COVER_SAME;
	if (o4 <= n4 && o6 <= n6)
		return SPF_COVER_WIDER;
	return SPF_COVER_NONE;
}

/* The qualifier a term acts with: '+' when none is written. */
static char
spf_qualifier(const struct spf_term *t)
{
	return t->qualifier != 0 ? t->qualifier : '+';
}

/* Insert a term into a record at position at. */
static void
spf_insert(struct spf_record *r, size_t at, struct spf_term *t)
{
	r->terms = xreallocarray(r->terms, r->nterms + 1, sizeof *r->terms);
	memmove(&r->terms[at + 1], &r->terms[at],
	    (r->nterms - at) * sizeof *r->terms);
	r->terms[at] = *t;
	r->nterms++;
	memset(t, 0, sizeof *t);
}

/*
 * Add a mechanism to an existing record. Only terms before the first
 * "all" count as present, since nothing after it is evaluated. When the
 * same mechanism is there with another qualifier, its qualifier becomes
 * the new one; when a wider ip4/ip6 network or a/mx cidr with another
 * qualifier is there, the new term goes just before it, so that it is
 * reached first.
 */
int
spf_merge(const char *existing, const char *mechanism, char **result,
    char **cause)
{
	struct spf_record r;
	struct spf_term t, *old;
	enum spf_cover cover;
	size_t i, at;
	char *text;

	*result = NULL;
	if (*mechanism == '\0' || strchr(mechanism, ' ') != NULL) {
		*cause = xasprintf(_("'%s' is not a single SPF mechanism"),
		    mechanism);
		return -1;
	}
	if (spf_term_parse(mechanism, strlen(mechanism), &t, cause) == -1)
		return -1;
	if (t.kind != SPF_TERM_MECHANISM || t.mech == SPF_ALL) {
		*cause = xasprintf(_("'%s' cannot be merged: only include, "
		    "a, mx, ptr, ip4, ip6 and exists can"), mechanism);
		spf_term_free(&t);
		return -1;
	}
	if (spf_parse(existing, &r, cause) == -1) {
		spf_term_free(&t);
		return -1;
	}
	at = r.nterms;
	for (i = 0; i < r.nterms; i++) {
		old = &r.terms[i];
		if (old->kind == SPF_TERM_MECHANISM && old->mech == SPF_ALL) {
			at = i;
			break;
		}
		cover = spf_cover(old, &t);
		if (cover == SPF_COVER_NONE)
			continue;
		if (spf_qualifier(old) == spf_qualifier(&t)) {
			spf_term_free(&t);
			spf_record_free(&r);
			*result = xstrdup(existing);
			return 1;
		}
		if (cover == SPF_COVER_WIDER) {
			spf_insert(&r, i, &t);
			goto done;
		}
		text = old->text + (old->qualifier != 0);
		if (t.qualifier != 0)
			text = xasprintf("%c%s", t.qualifier, text);
		else
			text = xstrdup(text);
		free(old->text);
		old->text = text;
		old->qualifier = t.qualifier;
		goto done;
	}
	if (at == r.nterms) {
		for (i = 0; i < r.nterms; i++) {
			if (r.terms[i].kind == SPF_TERM_REDIRECT) {
				at = i;
				break;
			}
		}
	}
	spf_insert(&r, at, &t);

done:
	*result = spf_print(&r);
	spf_term_free(&t);
	spf_record_free(&r);
	return 0;
}

/* Warn when the first "all" of a record passes or is neutral for anyone. */
static void
spf_lint_all(const struct spf_term *all, int isnew, struct record_set *rs)
{
	if (all->qualifier == 0 || all->qualifier == '+') {
		record_set_warn(rs, "spf-all-pass", isnew ?
		    _("the new SPF record uses '%s', which lets every server "
		    "on the internet pass SPF for this domain (RFC 7208 "
		    "section 5.1). Use '~all' or '-all' instead") :
		    _("the existing SPF record uses '%s', which lets every "
		    "server on the internet pass SPF for this domain (RFC "
		    "7208 section 5.1). Use '~all' or '-all' instead"),
		    all->text);
	} else if (all->qualifier == '?') {
		record_set_warn(rs, "spf-all-neutral", isnew ?
		    _("the new SPF record uses '%s': every server not listed "
		    "gets a neutral result, which receivers treat like no "
		    "SPF at all (RFC 7208 sections 5.1 and 8.2). Use '~all' "
		    "or '-all' once every sending server is listed") :
		    _("the existing SPF record uses '%s': every server not "
		    "listed gets a neutral result, which receivers treat like "
		    "no SPF at all (RFC 7208 sections 5.1 and 8.2). Use "
		    "'~all' or '-all' once every sending server is listed"),
		    all->text);
	}
}

/* Warn about mechanisms written after the first "all". */
static void
spf_lint_after_all(const struct spf_record *r, size_t all, int isnew,
    struct record_set *rs)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = all + 1; i < r->nterms; i++) {
		if (r->terms[i].kind != SPF_TERM_MECHANISM)
			continue;
		buf_printf(&b, "%s'%s'", b.len > 0 ? ", " : "",
		    r->terms[i].text);
	}
	if (b.len > 0) {
		record_set_warn(rs, "spf-after-all", isnew ?
		    _("in the new SPF record, %s after '%s' can never be "
		    "reached, because evaluation stops at all (RFC 7208 "
		    "section 5.1). Move them before '%s' or remove them") :
		    _("in the existing SPF record, %s after '%s' can never "
		    "be reached, because evaluation stops at all (RFC 7208 "
		    "section 5.1). Move them before '%s' or remove them"),
		    b.data, r->terms[all].text, r->terms[all].text);
	}
	buf_free(&b);
}

/* Warn when a record is too long for one UDP answer. */
static void
spf_lint_length(const char *text, int isnew, struct record_set *rs)
{
	size_t len = strlen(text);

	if (len <= SPF_MAX_BYTES)
		return;
	record_set_warn(rs, "spf-too-long", isnew ?
	    _("the new SPF record is %zu bytes long; above 450 bytes its DNS "
	    "answer may not fit in a 512-byte UDP packet and some receivers "
	    "fail to fetch it (RFC 7208 section 3.4). Shorten it, for "
	    "example by moving ip4: and ip6: lists into an include: of a "
	    "subdomain") :
	    _("the existing SPF record is %zu bytes long; above 450 bytes "
	    "its DNS answer may not fit in a 512-byte UDP packet and some "
	    "receivers fail to fetch it (RFC 7208 section 3.4). Shorten it, "
	    "for example by moving ip4: and ip6: lists into an include: of "
	    "a subdomain"), len);
}

/* Lint one record; `which` is "existing" or "new". */
void
spf_lint(const char *text, const char *which, struct record_set *rs)
{
	struct spf_record r;
	const struct spf_term *t, *ptr = NULL, *redirect = NULL;
	size_t i, all = (size_t)-1;
	char *cause;
	int isnew, n;

	isnew = which != NULL && strcmp(which, "new") == 0;
	if (spf_parse(text, &r, &cause) == -1) {
		record_set_warn(rs, "spf-syntax", isnew ?
		    _("the new SPF record has a syntax error (%s); receivers "
		    "treat the whole record as a permanent error, so SPF "
		    "fails for every message (RFC 7208 section 4.6). Correct "
		    "that term") :
		    _("the existing SPF record has a syntax error (%s); "
		    "receivers treat the whole record as a permanent error, "
		    "so SPF fails for every message (RFC 7208 section 4.6). "
		    "Correct that term"), cause);
		free(cause);
		spf_lint_length(text, isnew, rs);
		return;
	}
	for (i = 0; i < r.nterms; i++) {
		t = &r.terms[i];
		if (t->kind == SPF_TERM_REDIRECT)
			redirect = t;
		if (t->kind != SPF_TERM_MECHANISM)
			continue;
		if (t->mech == SPF_ALL && all == (size_t)-1)
			all = i;
		if (t->mech == SPF_PTR && ptr == NULL)
			ptr = t;
	}
	if (all != (size_t)-1)
		spf_lint_all(&r.terms[all], isnew, rs);
	if (ptr != NULL) {
		record_set_warn(rs, "spf-ptr", isnew ?
		    _("the new SPF record uses the ptr mechanism ('%s'), "
		    "which is slow, loads the DNS and is deprecated; "
		    "receivers may skip it (RFC 7208 section 5.5). List the "
		    "sending servers with ip4:, ip6: or a: instead") :
		    _("the existing SPF record uses the ptr mechanism ('%s'), "
		    "which is slow, loads the DNS and is deprecated; "
		    "receivers may skip it (RFC 7208 section 5.5). List the "
		    "sending servers with ip4:, ip6: or a: instead"),
		    ptr->text);
	}
	n = spf_lookup_terms(&r);
	if (n > SPF_MAX_LOOKUPS) {
		record_set_warn(rs, "spf-lookups", isnew ?
		    P_("the new SPF record has %d term that needs a DNS "
		    "lookup (include, a, mx, ptr, exists, redirect); more "
		    "than 10 in the whole evaluation, nested includes "
		    "counted, is a permanent error and SPF fails (RFC 7208 "
		    "section 4.6.4). Replace some with ip4: or ip6: ranges, "
		    "or remove senders no longer used",
		    "the new SPF record has %d terms that need a DNS lookup "
		    "(include, a, mx, ptr, exists, redirect); more than 10 "
		    "in the whole evaluation, nested includes counted, is a "
		    "permanent error and SPF fails (RFC 7208 section 4.6.4). "
		    "Replace some with ip4: or ip6: ranges, or remove "
		    "senders no longer used", n) :
		    P_("the existing SPF record has %d term that needs a DNS "
		    "lookup (include, a, mx, ptr, exists, redirect); more "
		    "than 10 in the whole evaluation, nested includes "
		    "counted, is a permanent error and SPF fails (RFC 7208 "
		    "section 4.6.4). Replace some with ip4: or ip6: ranges, "
		    "or remove senders no longer used",
		    "the existing SPF record has %d terms that need a DNS "
		    "lookup (include, a, mx, ptr, exists, redirect); more "
		    "than 10 in the whole evaluation, nested includes "
		    "counted, is a permanent error and SPF fails (RFC 7208 "
		    "section 4.6.4). Replace some with ip4: or ip6: ranges, "
		    "or remove senders no longer used", n), n);
	}
	spf_lint_length(text, isnew, rs);
	if (redirect != NULL && all != (size_t)-1) {
		record_set_warn(rs, "spf-redirect-ignored", isnew ?
		    _("the new SPF record has both '%s' and '%s': redirect= "
		    "is ignored when the record has an all mechanism, so the "
		    "redirected policy is never used (RFC 7208 section 6.1). "
		    "Remove one of the two") :
		    _("the existing SPF record has both '%s' and '%s': "
		    "redirect= is ignored when the record has an all "
		    "mechanism, so the redirected policy is never used (RFC "
		    "7208 section 6.1). Remove one of the two"),
		    redirect->text, r.terms[all].text);
	}
	if (all != (size_t)-1)
		spf_lint_after_all(&r, all, isnew, rs);
	if (all == (size_t)-1 && redirect == NULL) {
		record_set_warn(rs, "spf-no-all", isnew ?
		    _("the new SPF record has no all mechanism and no "
		    "redirect=, so every server not listed gets a neutral "
		    "result (RFC 7208 section 4.7). End it with '~all' or "
		    "'-all'") :
		    _("the existing SPF record has no all mechanism and no "
		    "redirect=, so every server not listed gets a neutral "
		    "result (RFC 7208 section 4.7). End it with '~all' or "
		    "'-all'"));
	}
	spf_record_free(&r);
}

/* Warn when a name publishes more than one SPF record. */
void
spf_lint_multiple(size_t count, struct record_set *rs)
{
	if (count <= 1)
		return;
	record_set_warn(rs, "spf-multiple", P_("the domain has %zu SPF "
	    "record; receivers treat more than one as a permanent error, so "
	    "SPF fails for every message (RFC 7208 section 4.5). Merge them "
	    "into a single TXT record and delete the others",
	    "the domain has %zu SPF records; receivers treat more than one "
	    "as a permanent error, so SPF fails for every message (RFC 7208 "
	    "section 4.5). Merge them into a single TXT record and delete "
	    "the others", count), count);
}

/* Warn that the obsolete SPF resource record type is still published. */
void
spf_lint_rrtype(struct record_set *rs)
{
	record_set_warn(rs, "spf-rr-type", "%s", _("the domain still "
	    "publishes a record of the obsolete SPF type (type 99), which "
	    "receivers no longer read (RFC 7208 section 3.1). Publish SPF as "
	    "a TXT record only and delete the SPF-type record"));
}
