/* domain.c - domain names as the administrator types them */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <idn2.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain.h"
#include "util.h"

/*
 * Check the label and name lengths and the characters of an ASCII name.
 * Underscores are allowed only when `underscore` is set (record names such as
 * _dmarc, never the domain itself).
 */
static int
domain_check_ascii(const char *name, int underscore, char **cause)
{
	const char *label, *p;
	size_t len, n;

	len = strlen(name);
	if (len == 0) {
		*cause = xstrdup(_("the name is empty"));
		return -1;
	}
	if (len > 253) {
		*cause = xasprintf(P_("'%s' is %zu character long; a domain "
		    "name can have at most 253", "'%s' is %zu characters "
		    "long; a domain name can have at most 253", len), name,
		    len);
		return -1;
	}
	label = name;
	for (;;) {
		p = strchr(label, '.');
		n = p != NULL ? (size_t)(p - label) : strlen(label);
		if (n == 0) {
			*cause = xasprintf(_("'%s' has an empty label (two dots "
			    "in a row, or a dot at the start)"), name);
			return -1;
		}
		if (n > 63) {
			*cause = xasprintf(P_("label '%.*s' of '%s' is %zu "
			    "character long; a label can have at most 63",
			    "label '%.*s' of '%s' is %zu "
			    "characters long; a label can have at most 63", n),
			    (int)n, label, name, n);
			return -1;
		}
		if (label[0] == '-' || label[n - 1] == '-') {
			*cause = xasprintf(_("label '%.*s' of '%s' starts or "
			    "ends with a hyphen"), (int)n, label, name);
			return -1;
		}
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)label[i];

			if (isalnum(c) || c == '-' || (underscore && c == '_'))
				continue;
			*cause = xasprintf(_("'%s' contains '%c', which is not "
			    "allowed in a domain name (use letters, digits, "
			    "hyphens and dots)"), name, c);
			return -1;
		}
		if (p == NULL)
			break;
		label = p + 1;
	}
	return 0;
}

/* Check a host name the way DNS allows it in a record name or target. */
int
domain_name_valid(const char *name, char **cause)
{
	char *copy;
	size_t len;
	int rc;

	copy = xstrdup(name);
	len = strlen(copy);
	if (len > 1 && copy[len - 1] == '.')
		copy[len - 1] = '\0';
	rc = domain_check_ascii(copy, 1, cause);
	free(copy);
	return rc;
}

/* Tell whether a string is plain printable ASCII. */
static int
is_ascii(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s >= 0x80)
			return 0;
	}
	return 1;
}

/* Tell whether a name is an IP address or ends in an all-digit label,
   which no domain does. */
static int
looks_numeric(const char *name)
{
	unsigned char bin[16];
	const char *last;

	if (inet_pton(AF_INET6, name, bin) == 1)
		return 1;
	last = strrchr(name, '.');
	last = last != NULL ? last + 1 : name;
	return *last != '\0' && strspn(last, "0123456789") == strlen(last);
}

/* Check and convert a domain the administrator typed. */
int
domain_parse(const char *input, char **alabel, char **ulabel, char **cause)
{
	char *copy, *s, *ascii = NULL, *uni = NULL;
	size_t len;
	int rc;

	copy = xstrdup(input);
	s = str_trim(copy);
	if (*s == '\0') {
		*cause = xstrdup(_("no domain given; type the domain your "
		    "From addresses use, such as example.com"));
		goto fail;
	}
	if (strstr(s, "://") != NULL) {
		*cause = xasprintf(_("'%s' is a web address; type only the "
		    "domain, such as example.com"), s);
		goto fail;
	}
	if (strchr(s, '@') != NULL) {
		*cause = xasprintf(_("'%s' is an e-mail address; type only "
		    "the part after the @"), s);
		goto fail;
	}
	if (strpbrk(s, " \t/") != NULL) {
		*cause = xasprintf(_("'%s' contains a space or a slash; type "
		    "only the domain, such as example.com"), s);
		goto fail;
	}
	len = strlen(s);
	if (len > 1 && s[len - 1] == '.')
		s[len - 1] = '\0';

	if (is_ascii(s)) {
		ascii = str_lower(s);
	} else {
		rc = idn2_to_ascii_8z(s, &ascii,
		    IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
		if (rc != IDN2_OK) {
			*cause = xasprintf(_("'%s' is not a valid "
			    "internationalised domain name: %s"), s,
			    idn2_strerror(rc));
			ascii = NULL;
			goto fail;
		}
		s = str_lower(ascii);
		idn2_free(ascii);
		ascii = s;
	}
	if (looks_numeric(ascii)) {
		*cause = xasprintf(_("'%s' is an IP address or ends in a "
		    "number, which a domain never does; type the domain of "
		    "your From address, such as example.com"), ascii);
		goto fail;
	}
	if (domain_check_ascii(ascii, 0, cause) == -1)
		goto fail;
	if (strchr(ascii, '.') == NULL) {
		*cause = xasprintf(_("'%s' is a single label; type the whole "
		    "domain, such as %s.com"), ascii, ascii);
		goto fail;
	}
	if (strstr(ascii, "xn--") != NULL) {
		/* IDNA2008's lookup checks each A-label's Unicode form. */
		rc = idn2_to_ascii_8z(ascii, &s, IDN2_NONTRANSITIONAL);
		if (rc == IDN2_OK) {
			idn2_free(s);
			rc = idn2_to_unicode_8z8z(ascii, &s, 0);
		}
		if (rc != IDN2_OK) {
			*cause = xasprintf(_("'%s' has an invalid "
			    "internationalised label: %s"), ascii,
			    idn2_strerror(rc));
			goto fail;
		}
		uni = xstrdup(s);
		idn2_free(s);
	} else
		uni = xstrdup(ascii);
	free(copy);
	*alabel = ascii;
	*ulabel = uni;
	return 0;

fail:
	free(copy);
	free(ascii);
	return -1;
}

/* Whether the locale's character set is UTF-8, so that U-labels can be
   shown. */
static int
domain_utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
}

/* The name to show for a DNS name: U-labels where it has A-labels. */
char *
domain_show(const char *name)
{
	char *u, *out;

	if (strstr(name, "xn--") == NULL && strstr(name, "XN--") == NULL)
		return xstrdup(name);
	if (!domain_utf8_locale() ||
	    idn2_to_unicode_8z8z(name, &u, 0) != IDN2_OK)
		return xstrdup(name);
	out = xstrdup(u);
	idn2_free(u);
	return out;
}

/* Tell whether two DNS names are the same, ASCII case and a final dot
   aside. */
int
domain_name_eq(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la > 0 && a[la - 1] == '.')
		la--;
	if (lb > 0 && b[lb - 1] == '.')
		lb--;
	return la == lb && strncasecmp(a, b, la) == 0;
}
