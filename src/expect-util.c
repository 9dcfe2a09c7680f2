/* expect-util.c - what the expect readers share: failures, hints, text */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect-int.h"

/* ------------------------------------------------------------------ */
/* Failures, records, hints                                            */
/* ------------------------------------------------------------------ */

/* Remember the first failure, with the file, the line and the format. */
int
expect_fail(struct expect_ctx *ctx, size_t line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (ctx->cause != NULL)
		return -1;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (line > 0)
		ctx->cause = xasprintf(_("%s:%zu: %s (read as %s)"),
		    ctx->path, line, msg, _(ctx->format));
	else
		ctx->cause = xasprintf(_("%s: %s (read as %s)"), ctx->path,
		    msg, _(ctx->format));
	free(msg);
	return -1;
}

/* Add an empty record read at a line. */
struct expect_rr *
expect_rr_add(struct expect_ctx *ctx, size_t line)
{
	struct expect_rr *rr;

	ctx->rrs = xreallocarray(ctx->rrs, ctx->nrrs + 1, sizeof *ctx->rrs);
	rr = &ctx->rrs[ctx->nrrs++];
	memset(rr, 0, sizeof *rr);
	rr->action = -1;
	rr->line = line;
	return rr;
}

/* A domain as compared: lower case, no white space, no trailing dot. */
char *
expect_domain_norm(const char *s)
{
	char *copy, *t, *out;
	size_t len;

	copy = xstrdup(s);
	t = str_trim(copy);
	len = strlen(t);
	if (len > 1 && t[len - 1] == '.')
		t[len - 1] = '\0';
	out = str_lower(t);
	free(copy);
	return out;
}

/* Note the domain the file's content names (the first one counts). */
void
expect_state(struct expect_ctx *ctx, const char *domain, size_t line)
{
	if (ctx->stated != NULL)
		return;
	ctx->stated = expect_domain_norm(domain);
	ctx->stated_line = line;
}

/* If text starts with what a format puts before its "%s", the rest. */
const char *
expect_after_prefix(const char *text, const char *fmt)
{
	const char *pct;
	size_t n;

	pct = strstr(fmt, "%s");
	if (pct == NULL)
		return NULL;
	n = (size_t)(pct - fmt);
	if (n == 0 || strncmp(text, fmt, n) != 0)
		return NULL;
	return text + n;
}

/* The domain at the start of a set summary: "name (a-label), feature". */
static char *
summary_domain(const char *s)
{
	const char *e, *open;
	char *d, *out;
	size_t len;

	e = s + strcspn(s, ",\n");
	d = xstrndup(s, (size_t)(e - s));
	len = strlen(d);
	while (len > 0 && (d[len - 1] == ' ' || d[len - 1] == '.'))
		d[--len] = '\0';
	open = strstr(d, " (");
	if (open != NULL && len > 0 && d[len - 1] == ')') {
		out = xstrndup(open + 2, (size_t)(d + len - 1 - (open + 2)));
		free(d);
		d = out;
	}
	if (*d == '\0' || strchr(d, ' ') != NULL) {
		free(d);
		return NULL;
	}
	out = expect_domain_norm(d);
	free(d);
	return out;
}

/* Tell whether a character may be part of a purpose or type word. */
static int
is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

/*
 * Read a comment (without its leader): a mailwiz title names the domain, a
 * purpose line ("dkim (CNAME): ...") says what the next record is for.
 */
void
expect_comment(struct expect_ctx *ctx, const char *text)
{
	static const char *titles[] = {
		N_("mailwiz: DNS records for %s"),
		N_("mailwiz: dynamic update for %s"),
		N_("DNS records for %s")
	};
	struct expect_hint *h;
	const char *rest, *p, *t;
	size_t i;

	while (*text == ' ' || *text == '\t')
		text++;
	for (i = 0; i < nitems(titles) && ctx->titled == NULL; i++) {
		rest = expect_after_prefix(text, titles[i]);
		if (rest == NULL)
			rest = expect_after_prefix(text, _(titles[i]));
		if (rest != NULL)
			ctx->titled = summary_domain(rest);
	}
	for (p = text; is_word_char(*p); p++)
		/* nothing */;
	if (p == text || strncmp(p, " (", 2) != 0)
		return;
	for (t = p + 2; is_word_char(*t); t++)
		/* nothing */;
	if (t == p + 2 || strncmp(t, "): ", 3) != 0)
		return;
	ctx->hints = xreallocarray(ctx->hints, ctx->nhints + 1,
	    sizeof *ctx->hints);
	h = &ctx->hints[ctx->nhints++];
	h->purpose = xstrndup(text, (size_t)(p - text));
	h->type = xstrndup(p + 2, (size_t)(t - (p + 2)));
}

/* Release what a record read holds. */
void
expect_rr_free(struct expect_rr *rr)
{
	free(rr->name);
	free(rr->host);
	free(rr->type);
	free(rr->value);
	free(rr->purpose);
	free(rr->replaces);
	free(rr->why);
	memset(rr, 0, sizeof *rr);
}

/* Forget the purpose comments read so far. */
void
expect_hints_clear(struct expect_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nhints; i++) {
		free(ctx->hints[i].purpose);
		free(ctx->hints[i].type);
	}
	free(ctx->hints);
	ctx->hints = NULL;
	ctx->nhints = 0;
}

/*
 * Give n records just read (from first) the purposes of the last purpose
 * comments before them, where the type agrees; then forget the comments.
 * The last ones count: a record an administrator removed leaves its comment
 * behind, before the comment of the record that follows.
 */
void
expect_hints_apply(struct expect_ctx *ctx, size_t first, size_t n)
{
	struct expect_rr *rr;
	struct expect_hint *h;
	size_t m, j;

	m = n < ctx->nhints ? n : ctx->nhints;
	for (j = 0; j < m; j++) {
		rr = &ctx->rrs[first + j];
		h = &ctx->hints[ctx->nhints - m + j];
		if (rr->purpose == NULL && rr->type != NULL &&
		    str_caseeq(rr->type, h->type))
			rr->purpose = xstrdup(h->purpose);
	}
	expect_hints_clear(ctx);
}

/* ------------------------------------------------------------------ */
/* Strings                                                             */
/* ------------------------------------------------------------------ */

/* Append a code point as UTF-8. */
void
expect_put_utf8(struct buf *b, unsigned long cp)
{
	char s[4];

	if (cp < 0x80) {
		buf_putc(b, (char)cp);
		return;
	}
	if (cp < 0x800) {
		s[0] = (char)(0xc0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 2);
	} else if (cp < 0x10000) {
		s[0] = (char)(0xe0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 3);
	} else {
		s[0] = (char)(0xf0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 4);
	}
}

/*
 * Read a TTL: a decimal number of seconds, or with units (BIND's "1h30m")
 * when allowed; -1 when it is not one or above the largest TTL.
 */
int
expect_ttl(const char *s, int units, unsigned long *out)
{
	unsigned long total = 0, n, mult;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	while (*p != '\0') {
		if (*p < '0' || *p > '9')
			return -1;
		n = 0;
		while (*p >= '0' && *p <= '9') {
			n = n * 10 + (unsigned long)(*p - '0');
			if (n > EXPECT_TTL_MAX)
				return -1;
			p++;
		}
		mult = 1;
		if (*p != '\0') {
			if (!units)
				return -1;
			switch (*p) {
			case 's': case 'S':
				mult = 1;
				break;
			case 'm': case 'M':
				mult = 60;
				break;
			case 'h': case 'H':
				mult = 3600;
				break;
			case 'd': case 'D':
				mult = 86400;
				break;
			case 'w': case 'W':
				mult = 604800;
				break;
			default:
				return -1;
			}
			p++;
		} else if (p != s + strspn(s, "0123456789"))
			return -1;	/* "1h30": a number without a unit */
		if (n > (EXPECT_TTL_MAX - total) / mult)
			return -1;
		total += n * mult;
	}
	*out = total;
	return 0;
}

/*
 * Read one backslash escape at *p (just after the '\'): \DDD (decimal, or
 * octal \ooo as Route 53 writes it) or \X for X. -1 with *why if bad.
 */
int
expect_escape(const char **p, int octal, struct buf *b, char **why)
{
	const char *s = *p;
	unsigned int v = 0;
	int i, base = octal ? 8 : 10;

	if (*s == '\0') {
		*why = xstrdup(_("a '\\' at the end of the value"));
		return -1;
	}
	if (*s < '0' || *s > '9') {
		buf_putc(b, *s);
		*p = s + 1;
		return 0;
	}
	for (i = 0; i < 3; i++) {
		if (s[i] < '0' || s[i] >= '0' + base) {
			*why = xasprintf(octal ? _("'\\%.3s' is not a valid "
			    "escape: it takes three octal digits") :
			    _("'\\%.3s' is not a valid escape: it takes three "
			    "decimal digits"), s);
			return -1;
		}
		v = v * (unsigned int)base + (unsigned int)(s[i] - '0');
	}
	if (v > 255) {
		*why = xasprintf(_("'\\%.3s' is not a byte"), s);
		return -1;
	}
	if (v == 0) {
		*why = xstrdup(_("a NUL byte (\\000) cannot be checked"));
		return -1;
	}
	buf_putc(b, (char)v);
	*p = s + 3;
	return 0;
}

/*
 * Join TXT character-strings as a master file or Route 53 writes them:
 * "quoted" or bare, separated by white space (or by nothing: "a""b"), with
 * \X and \DDD (octal \ooo for Route 53) escapes. -1 with *why if bad.
 */
int
expect_txt_strings(const char *s, int octal, char **out, char **why)
{
	struct buf b;
	int quoted;

	buf_init(&b);
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		quoted = *s == '"';
		if (quoted)
			s++;
		while (*s != '\0') {
			if (quoted && *s == '"')
				break;
			if (!quoted && (*s == ' ' || *s == '\t' || *s == '"'))
				break;
			if (*s == '\\') {
				s++;
				if (expect_escape(&s, octal, &b, why) == -1) {
					buf_free(&b);
					return -1;
				}
				continue;
			}
			buf_putc(&b, *s++);
		}
		if (quoted) {
			if (*s != '"') {
				buf_free(&b);
				*why = xstrdup(_("unterminated quoted "
				    "string"));
				return -1;
			}
			s++;
		}
	}
	*out = buf_detach(&b);
	return 0;
}

/* Undo master file escapes (\X, \DDD) in text that is not quoted. */
int
expect_txt_unescape(const char *s, char **out, char **why)
{
	struct buf b;

	buf_init(&b);
	while (*s != '\0') {
		if (*s != '\\') {
			buf_putc(&b, *s++);
			continue;
		}
		s++;
		if (expect_escape(&s, 0, &b, why) == -1) {
			buf_free(&b);
			return -1;
		}
	}
	*out = buf_detach(&b);
	return 0;
}

/* A name or target that is a full name: the trailing dot added. */
char *
expect_absolute(const char *name)
{
	size_t len = strlen(name);

	if (len > 0 && name[len - 1] == '.')
		return xstrdup(name);
	return xasprintf("%s.", name);
}
