/* paste-name.c - record names and targets: checked, made absolute, kept
   in the domain */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "paste-int.h"

#define PASTE_NAME_MAX 253	/* bytes in a name, without the final dot */
#define PASTE_LABEL_MAX 63

/* Copy the bytes of the UTF-8 character at s, for a message. */
static char *
paste_char_at(const char *s)
{
	size_t n = 1;

	if ((unsigned char)*s >= 0xc0) {
		while (n < 4 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n++;
	}
	return xstrndup(s, n);
}

/* What is wrong with the labels of a name, if anything. */
enum paste_labels {
	PASTE_LABELS_OK,
	PASTE_LABELS_CHAR,	/* a byte names do not use, at *at */
	PASTE_LABELS_EMPTY,	/* an empty label, ending at *at */
	PASTE_LABELS_LONG,	/* a label of *len bytes, starting at *at */
	PASTE_LABELS_TOO_LONG	/* more than 253 bytes in all */
};

/*
 * Find the first thing wrong with the labels of a name: each must be 1 to
 * 63 bytes of letters, digits, hyphens and underscores, and the name at
 * most 253 bytes. *at is an offset into s.
 */
static enum paste_labels
paste_labels(const char *s, size_t *at, size_t *len)
{
	const char *label = s, *p;

	for (p = s;; p++) {
		if (*p != '.' && *p != '\0') {
			if (isalnum((unsigned char)*p) || *p == '-' ||
			    *p == '_')
				continue;
			*at = (size_t)(p - s);
			return PASTE_LABELS_CHAR;
		}
		*len = (size_t)(p - label);
		if (*len == 0) {
			*at = (size_t)(p - s);
			return PASTE_LABELS_EMPTY;
		}
		if (*len > PASTE_LABEL_MAX) {
			*at = (size_t)(label - s);
			return PASTE_LABELS_LONG;
		}
		if (*p == '\0')
			break;
		label = p + 1;
	}
	if (strlen(s) > PASTE_NAME_MAX)
		return PASTE_LABELS_TOO_LONG;
	return PASTE_LABELS_OK;
}

/*
 * Check the labels of a name or, when type is not NULL, of the target of a
 * record of that type, and say what is wrong.
 */
static int
paste_check_labels(struct paste_ctx *ctx, size_t line, const char *s,
    const char *type)
{
	size_t at = 0, len = 0;
	char *c;

	switch (paste_labels(s, &at, &len)) {
	case PASTE_LABELS_OK:
		return 0;
	case PASTE_LABELS_CHAR:
		c = paste_char_at(s + at);
		if (type == NULL)
			paste_fail(ctx, line, _("the name '%s' contains '%s' "
			    "at character %zu; DNS names use only letters, "
			    "digits, hyphens and underscores"), s, c, at + 1);
		else
			paste_fail(ctx, line, _("the %s target '%s' contains "
			    "'%s' at character %zu; host names use only "
			    "letters, digits, hyphens and underscores"), type,
			    s, c, at + 1);
		free(c);
		return -1;
	case PASTE_LABELS_EMPTY:
		if (type == NULL)
			return paste_fail(ctx, line, _("the name '%s' has an "
			    "empty label at character %zu; remove the extra "
			    "dot"), s, at + 1);
		return paste_fail(ctx, line, _("the %s target '%s' has an "
		    "empty label at character %zu; remove the extra dot"),
		    type, s, at + 1);
	case PASTE_LABELS_LONG:
		if (type == NULL)
			return paste_fail(ctx, line, P_("the name '%s' has a "
			    "label of %zu byte at character %zu; DNS allows "
			    "at most 63, check that the name was copied whole",
			    "the name '%s' has a label of %zu bytes at "
			    "character %zu; DNS allows at most 63, check that "
			    "the name was copied whole", len), s, len, at + 1);
		return paste_fail(ctx, line, P_("the %s target '%s' has a "
		    "label of %zu byte at character %zu; DNS allows at most "
		    "63, check that the target was copied whole", "the %s "
		    "target '%s' has a label of %zu bytes at character %zu; "
		    "DNS allows at most 63, check that the target was copied "
		    "whole", len), type, s, len, at + 1);
	case PASTE_LABELS_TOO_LONG:
		break;
	}
	if (type == NULL)
		return paste_fail(ctx, line, P_("the name '%s' is %zu byte "
		    "long; DNS allows at most 253", "the name '%s' is %zu "
		    "bytes long; DNS allows at most 253", strlen(s)), s,
		    strlen(s));
	return paste_fail(ctx, line, P_("the %s target '%s' is %zu byte "
	    "long; DNS allows at most 253", "the %s target '%s' is %zu bytes "
	    "long; DNS allows at most 253", strlen(s)), type, s, strlen(s));
}

/* Tell whether name is domain or below it. */
int
paste_in_domain(const char *name, const char *domain)
{
	size_t n = strlen(name), d = strlen(domain);

	if (n == d)
		return strcmp(name, domain) == 0;
	return n > d && name[n - d - 1] == '.' &&
	    strcmp(name + n - d, domain) == 0;
}

/* Remove one copy of the domain from a name that ends with it twice. */
static int
paste_undouble(char *s, const char *domain)
{
	size_t n = strlen(s), d = strlen(domain);

	if (n <= d + 1 || !paste_in_domain(s, domain))
		return 0;
	s[n - d - 1] = '\0';
	if (paste_in_domain(s, domain))
		return 1;
	s[n - d - 1] = '.';
	return 0;
}

/*
 * Turn a pasted name into the host relative to the domain and the FQDN:
 * names in the domain are kept, relative ones get the origin appended, the
 * domain written twice is repaired with a note, and names that are plainly
 * somewhere else are refused.
 */
int
paste_name(struct paste_ctx *ctx, size_t line, const char *raw, char **host,
    char **fqdn)
{
	const char *d = ctx->domain, *last, *dlast;
	char *shown, *s, *fq;
	size_t len, dlen = strlen(ctx->domain);
	int absolute = 0, doubled = 0, elsewhere;

	shown = paste_trimmed(raw, strlen(raw));
	s = str_lower(shown);
	if (strcmp(s, "@") == 0) {
		free(s);
		s = xstrdup(ctx->origin);
	} else {
		len = strlen(s);
		if (len > 1 && s[len - 1] == '.') {
			absolute = 1;
			s[--len] = '\0';
		}
		if (paste_check_labels(ctx, line, s, NULL) == -1)
			goto fail;
		while (paste_undouble(s, d))
			doubled = 1;
		if (doubled)
			paste_warn(ctx, line, _("the name had the domain "
			    "twice (%s); mailwiz uses '%s.'"), shown, s);
	}
	if (paste_in_domain(s, d))
		fq = xstrdup(s);
	else {
		last = strrchr(s, '.');
		dlast = strrchr(d, '.');
		dlast = dlast != NULL ? dlast + 1 : d;
		if (last == NULL)
			elsewhere = 0;
		else if (absolute)
			elsewhere = last[1] != '_';
		else
			elsewhere = strcmp(last + 1, dlast) == 0 ||
			    paste_is_common_tld(last + 1);
		if (elsewhere) {
			paste_fail(ctx, line, _("'%s' is not in %s; check "
			    "that these records are meant for %s"), s, d, d);
			goto fail;
		}
		fq = xasprintf("%s.%s", s, ctx->origin);
		if (strlen(fq) > PASTE_NAME_MAX) {
			paste_fail(ctx, line, P_("the name '%s' is %zu byte "
			    "long; DNS allows at most 253", "the name '%s' is "
			    "%zu bytes long; DNS allows at most 253",
			    strlen(fq)), fq, strlen(fq));
			free(fq);
			goto fail;
		}
	}
	if (strcmp(fq, d) == 0)
		*host = xstrdup("@");
	else
		*host = xstrndup(fq, strlen(fq) - dlen - 1);
	*fqdn = xasprintf("%s.", fq);
	free(fq);
	free(s);
	free(shown);
	return 0;

fail:
	free(s);
	free(shown);
	return -1;
}

/*
 * Check the target of a CNAME or the host of an MX and give it in lower case
 * with a trailing dot; addresses, web addresses and text are refused with a
 * hint. The name is the record's, for messages.
 */
int
paste_target(struct paste_ctx *ctx, size_t line, const char *type,
    const char *raw, const char *name, char **out)
{
	unsigned char addr[sizeof (struct in6_addr)];
	char *s, *t, *host;
	size_t len;
	int rv = -1;

	t = paste_trimmed(raw, strlen(raw));
	len = strlen(t);
	if (len >= 2 && t[0] == '"' && t[len - 1] == '"') {
		s = paste_trimmed(t + 1, len - 2);
		free(t);
		t = s;
	}
	s = str_lower(t);
	free(t);
	len = strlen(s);
	if (len == 0) {
		paste_fail(ctx, line, _("the %s record '%s' has no value; "
		    "paste the value your provider gave with it"), type, name);
		goto out;
	}
	if (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0) {
		t = strstr(s, "://") + 3;
		host = xstrndup(t, strcspn(t, "/?#:"));
		paste_fail(ctx, line, _("the %s target '%s' is a web address; "
		    "paste only the host name ('%s')"), type, s, host);
		free(host);
		goto out;
	}
	if (strpbrk(s, " \t") != NULL) {
		paste_fail(ctx, line, _("the %s target '%s' contains spaces; "
		    "paste only the host name your provider gave"), type, s);
		goto out;
	}
	if (strcmp(type, "MX") == 0 && strcmp(s, ".") == 0) {
		*out = s;	/* a null MX (RFC 7505) */
		return 0;
	}
	if (len > 1 && s[len - 1] == '.')
		s[--len] = '\0';
	if (inet_pton(AF_INET, s, addr) == 1 ||
	    inet_pton(AF_INET6, s, addr) == 1) {
		paste_fail(ctx, line, _("the %s target '%s' is an IP address; "
		    "a %s record must point to a host name, so paste the "
		    "target your provider gave"), type, s, type);
		goto out;
	}
	if (paste_check_labels(ctx, line, s, type) == -1)
		goto out;
	*out = xasprintf("%s.", s);
	rv = 0;
out:
	free(s);
	return rv;
}

/*
 * Check the domain the records are for, by the rules for the labels of a
 * name, and keep it in lower case.
 */
int
paste_domain(struct paste_ctx *ctx, const char *domain)
{
	char *d;
	size_t len, at, n;

	d = str_lower(domain != NULL ? domain : "");
	len = strlen(d);
	if (len > 1 && d[len - 1] == '.')
		d[--len] = '\0';
	if (paste_labels(d, &at, &n) == PASTE_LABELS_OK) {
		ctx->domain = d;
		ctx->origin = xstrdup(d);
		return 0;
	}
	ctx->cause = xasprintf(_("'%s' is not a valid domain name"),
	    domain != NULL ? domain : "");
	free(d);
	return -1;
}
