/* spfmacro.c - RFC 7208 section 7: macro expansion for check_host() */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spfeval.h"

#define SPF_MACRO_DELIMITERS ".-+,/_="
#define SPF_MACRO_MAX_PARTS 128	/* more right-hand parts than any name */

/* Tell whether a byte may be written in a macro-string as it is. */
static int
spf_macro_literal(int c, int explanation)
{
	if (c == ' ')
		return explanation;
	return c >= 0x21 && c <= 0x7e;
}

/* The value of one macro letter (lowercase), never NULL. */
static const char *
spf_macro_value(const struct spf_macro_vars *v, int letter, char *tbuf,
    size_t tlen)
{
	const char *s = NULL;

	switch (letter) {
	case 's':
		s = v->sender;
		break;
	case 'l':
		s = v->local;
		break;
	case 'o':
		s = v->sender_domain;
		break;
	case 'd':
		s = v->domain;
		break;
	case 'i':
		s = v->ip;
		break;
	case 'p':
		s = v->ptr;
		break;
	case 'v':
		s = v->ip_version;
		break;
	case 'h':
		s = v->helo;
		break;
	case 'c':
		s = v->ip_text;
		break;
	case 'r':
		s = v->receiver;
		break;
	case 't':
		snprintf(tbuf, tlen, "%lld", v->now);
		s = tbuf;
		break;
	}
	return s != NULL ? s : "unknown";
}

/*
 * Apply the transformers (7.3): split the value at any of the delimiters,
 * reverse the parts when asked, keep the rightmost count parts (0: all),
 * and join them with dots.
 */
static void
spf_macro_transform(struct buf *b, const char *value, const char *delims,
    size_t ndelims, int reverse, unsigned long count)
{
	const char **start = NULL;
	size_t *len = NULL, n = 0, i, first;
	const char *p = value, *q;

	for (;;) {
		for (q = p; *q != '\0' && memchr(delims, *q, ndelims) == NULL;
		    q++)
			/* nothing */;
		start = xreallocarray(start, n + 1, sizeof *start);
		len = xreallocarray(len, n + 1, sizeof *len);
		start[n] = p;
		len[n] = (size_t)(q - p);
		n++;
		if (*q == '\0')
			break;
		p = q + 1;
	}
	if (reverse) {
		for (i = 0; i < n / 2; i++) {
			const char *ts = start[i];
			size_t tl = len[i];

			start[i] = start[n - 1 - i];
			len[i] = len[n - 1 - i];
			start[n - 1 - i] = ts;
			len[n - 1 - i] = tl;
		}
	}
	first = count > 0 && count < n ? n - count : 0;
	for (i = first; i < n; i++) {
		if (i > first)
			buf_putc(b, '.');
		buf_add(b, start[i], len[i]);
	}
	free(start);
	free(len);
}

/* Append a value URL-escaped: all but the unreserved characters (7.3). */
static void
spf_macro_urlescape(struct buf *b, const char *s, size_t len)
{
	size_t i;
	int c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if ((c < 0x80 && isalnum(c)) || strchr("-._~", c) != NULL)
			buf_putc(b, (char)c);
		else
			buf_printf(b, "%%%02X", c);
	}
}

/*
 * Expand one "%{...}" at s (s[0] is '%', s[1] is '{'); *used gets its
 * length. -1 with *cause when it is not a valid macro-expand.
 */
static int
spf_macro_one(const char *s, const struct spf_macro_vars *v, int explanation,
    struct buf *b, size_t *used, char **cause)
{
	const char *p = s + 2, *delims;
	unsigned long count = 0;
	size_t ndelims;
	int letter, upper, reverse = 0, transform = 0;
	char tbuf[32];
	struct buf tmp;

	letter = (unsigned char)*p;
	if (letter == '\0' || strchr("slodiphcrtvSLODIPHCRTV", letter) ==
	    NULL) {
		*cause = xasprintf(_("unknown macro letter in '%.*s'"),
		    (int)strcspn(s, "}") + 1, s);
		return -1;
	}
	upper = isupper(letter);
	letter = tolower(letter);
	if (!explanation && strchr("crt", letter) != NULL) {
		*cause = xasprintf(_("macro letter '%c' is allowed only in "
		    "explanation text"), letter);
		return -1;
	}
	p++;
	if (isdigit((unsigned char)*p)) {
		transform = 1;
		while (isdigit((unsigned char)*p)) {
			if (count < SPF_MACRO_MAX_PARTS)
				count = count * 10 + (unsigned long)(*p - '0');
			p++;
		}
		if (count == 0) {
			*cause = xstrdup(_("a macro cannot keep zero parts"));
			return -1;
		}
	}
	if (*p == 'r' || *p == 'R') {
		reverse = transform = 1;
		p++;
	}
	delims = p;
	while (*p != '\0' && strchr(SPF_MACRO_DELIMITERS, *p) != NULL)
		p++;
	ndelims = (size_t)(p - delims);
	if (*p != '}') {
		*cause = xasprintf(_("macro '%.*s' is not closed by '}'"),
		    (int)(p - s), s);
		return -1;
	}
	*used = (size_t)(p - s) + 1;
	if (ndelims > 0)
		transform = 1;
	else {
		delims = ".";
		ndelims = 1;
	}
	buf_init(&tmp);
	if (transform) {
		spf_macro_transform(&tmp, spf_macro_value(v, letter, tbuf,
		    sizeof tbuf), delims, ndelims, reverse, count);
	} else
		buf_puts(&tmp, spf_macro_value(v, letter, tbuf, sizeof tbuf));
	if (upper)
		spf_macro_urlescape(b, tmp.data, tmp.len);
	else
		buf_add(b, tmp.data, tmp.len);
	buf_free(&tmp);
	return 0;
}

/* Expand a macro-string, or an explanation string when explanation is set. */
int
spf_macro_expand(const char *s, const struct spf_macro_vars *v,
    int explanation, char **out, char **cause)
{
	struct buf b;
	size_t used;
	int c;

	buf_init(&b);
	while (*s != '\0') {
		c = (unsigned char)*s;
		if (c != '%') {
			if (!spf_macro_literal(c, explanation)) {
				*cause = xasprintf(_("invalid character 0x%02x"),
				    c);
				goto fail;
			}
			buf_putc(&b, (char)c);
			s++;
			continue;
		}
		switch (s[1]) {
		case '%':
			buf_putc(&b, '%');
			break;
		case '_':
			buf_putc(&b, ' ');
			break;
		case '-':
			buf_puts(&b, "%20");
			break;
		case '{':
			if (spf_macro_one(s, v, explanation, &b, &used,
			    cause) == -1)
				goto fail;
			s += used;
			continue;
		default:
			/* xgettext:no-c-format */
			*cause = xstrdup(_("a '%' must be followed by '{', '%', "
			    "'_' or '-'"));
			goto fail;
		}
		s += 2;
	}
	*out = buf_detach(&b);
	return 0;

fail:
	buf_free(&b);
	return -1;
}

/* Tell whether a macro-string uses the p letter. */
int
spf_macro_uses_ptr(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s != '%')
			continue;
		if (s[1] == '{' && (s[2] == 'p' || s[2] == 'P'))
			return 1;
		if (s[1] != '\0')
			s++;
	}
	return 0;
}

/* Make a name to query from an expanded domain-spec, or NULL. */
char *
spf_macro_domain(const char *s)
{
	size_t len = strlen(s), start = 0, i, label;

	if (len > 0 && s[len - 1] == '.')
		len--;
	while (len - start > 253) {
		for (i = start; i < len && s[i] != '.'; i++)
			/* nothing */;
		if (i == len)
			return NULL;
		start = i + 1;
	}
	if (start == len)
		return NULL;
	label = 0;
	for (i = start; i < len; i++) {
		if (s[i] != '.') {
			if (++label > 63)
				return NULL;
			continue;
		}
		if (label == 0)
			return NULL;
		label = 0;
	}
	if (label == 0)
		return NULL;
	return xstrndup(s + start, len - start);
}
