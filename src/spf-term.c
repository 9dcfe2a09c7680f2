/* spf-term.c - RFC 7208 terms: mechanisms, modifiers, macros, domains */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "spf-int.h"

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

/* Name a mechanism as RFC 7208 spells it. */
const char *
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
void
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
int
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
