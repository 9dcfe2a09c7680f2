/* paste.c - reading DNS records the administrator pastes from an e-mail or
   a provider's panel */

/*
 * A paste is read line by line. A line is blank or a comment (skipped), a
 * table header (remembered, so later rows are read by column), a "Name:
 * value" line (collected into a block until the record is whole), or one
 * record written as CSV, as a pipe table, or as words separated by spaces or
 * tabs (zone-file lines and tables copied from web consoles). Whatever its
 * shape, what was read becomes a candidate that is checked and normalised in
 * one place, paste_add().
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "paste.h"

#define PASTE_NAME_MAX 253	/* bytes in a name, without the final dot */
#define PASTE_LABEL_MAX 63
#define PASTE_SHOW_MAX 60	/* bytes of a line quoted in a message */
#define PASTE_SES_TOKEN 32	/* length of the SES tokens seen in public */

enum paste_mode {
	PASTE_NONE,
	PASTE_PIPE,		/* | name | type | value | */
	PASTE_COMMA,		/* CSV */
	PASTE_SEMICOLON,	/* CSV the European way */
	PASTE_WORDS		/* zone lines, tab and space tables */
};

/* What a table column or a "Label: value" line holds. */
enum paste_role {
	ROLE_NAME,
	ROLE_TYPE,
	ROLE_VALUE,
	ROLE_PRIORITY,
	ROLE_IGNORE,		/* TTL, status and the like */
	ROLE_UNKNOWN
};
#define PASTE_NROLES 4		/* the roles a record is built from */

/* A cell of a CSV or pipe row, or a word of a line. */
struct paste_field {
	char *text;		/* CSV quotes removed; words as written */
	size_t start;		/* extent in the line */
	size_t end;
	int quoted;		/* began with a double quote */
	int open;		/* the quote was never closed */
	int strong;		/* a tab or 2+ spaces come before it */
};

struct paste_fields {
	struct paste_field *v;
	size_t n;
};

/* The last table header seen: which column holds what. */
struct paste_header {
	enum paste_mode mode;	/* PASTE_NONE when there is none */
	size_t ncols;
	int col[PASTE_NROLES];	/* column of each role, or -1 */
};

/* "Name: ...", "Type: ...", "Value: ..." lines collected so far. */
struct paste_block {
	char *val[PASTE_NROLES];
	size_t at[PASTE_NROLES];	/* line of each value */
	size_t first;		/* line of the first label, 0 when empty */
	int awaiting;		/* role whose value is on the next line */
};

/* A record as read, before it is checked. */
struct paste_cand {
	char *name;
	char *type;
	char *value;
	char *pref;		/* MX preference given apart, or NULL */
	size_t line;		/* where the record starts */
	size_t name_line;	/* where its parts are (blocks span lines) */
	size_t type_line;
	size_t value_line;
};

struct paste_ctx {
	char *domain;		/* lower case, no trailing dot */
	char *origin;		/* $ORIGIN for relative names */
	char *prose_type;	/* the one type a sentence talked about */
	size_t prose_line;
	struct paste_result *res;
	struct paste_header header;
	struct paste_block block;
	char *cause;
	size_t errline;
};

/* Record types recognised when reading; only the first three are taken. */
static const char *paste_types[] = {
	"CNAME", "TXT", "MX", "AAAA", "A", "NS", "SRV", "CAA", "PTR", "SOA",
	"DNAME", "TLSA", "SVCB", "ALIAS", "ANAME", "NAPTR", "SSHFP", "DNSKEY"
};
#define PASTE_TYPES_TAKEN 3	/* CNAME, TXT, MX */
#define PASTE_TYPES_ANYCASE 4	/* those and AAAA are words in any case */

/* Column titles and labels, normalised (see paste_role_of). */
static const struct paste_vocab {
	const char	*phrase;
	enum paste_role	 role;
} paste_vocab[] = {
	{ "name", ROLE_NAME },
	{ "names", ROLE_NAME },
	{ "host", ROLE_NAME },
	{ "hostname", ROLE_NAME },
	{ "host name", ROLE_NAME },
	{ "host record", ROLE_NAME },
	{ "record name", ROLE_NAME },
	{ "record host", ROLE_NAME },
	{ "record", ROLE_NAME },
	{ "domain", ROLE_NAME },
	{ "domain name", ROLE_NAME },
	{ "dns name", ROLE_NAME },
	{ "name/host", ROLE_NAME },
	{ "host/name", ROLE_NAME },
	{ "alias", ROLE_NAME },
	{ "subdomain", ROLE_NAME },
	{ "owner", ROLE_NAME },
	{ "fqdn", ROLE_NAME },
	{ "type", ROLE_TYPE },
	{ "record type", ROLE_TYPE },
	{ "rr type", ROLE_TYPE },
	{ "rrtype", ROLE_TYPE },
	{ "dns type", ROLE_TYPE },
	{ "value", ROLE_VALUE },
	{ "values", ROLE_VALUE },
	{ "data", ROLE_VALUE },
	{ "rdata", ROLE_VALUE },
	{ "points to", ROLE_VALUE },
	{ "point to", ROLE_VALUE },
	{ "target", ROLE_VALUE },
	{ "target host", ROLE_VALUE },
	{ "content", ROLE_VALUE },
	{ "answer", ROLE_VALUE },
	{ "destination", ROLE_VALUE },
	{ "text", ROLE_VALUE },
	{ "record value", ROLE_VALUE },
	{ "record data", ROLE_VALUE },
	{ "record content", ROLE_VALUE },
	{ "value/points to", ROLE_VALUE },
	{ "points to/value", ROLE_VALUE },
	{ "value/route traffic to", ROLE_VALUE },
	{ "route traffic to", ROLE_VALUE },
	{ "alias target", ROLE_VALUE },
	{ "canonical name", ROLE_VALUE },
	{ "mail server", ROLE_VALUE },
	{ "priority", ROLE_PRIORITY },
	{ "preference", ROLE_PRIORITY },
	{ "pref", ROLE_PRIORITY },
	{ "mx priority", ROLE_PRIORITY },
	{ "mx preference", ROLE_PRIORITY },
	{ "distance", ROLE_PRIORITY },
	{ "ttl", ROLE_IGNORE },
	{ "time to live", ROLE_IGNORE },
	{ "class", ROLE_IGNORE },
	{ "status", ROLE_IGNORE },
	{ "state", ROLE_IGNORE },
	{ "verification status", ROLE_IGNORE },
	{ "dkim status", ROLE_IGNORE },
	{ "proxy status", ROLE_IGNORE },
	{ "proxy", ROLE_IGNORE },
	{ "proxied", ROLE_IGNORE },
	{ "comment", ROLE_IGNORE },
	{ "comments", ROLE_IGNORE },
	{ "note", ROLE_IGNORE },
	{ "notes", ROLE_IGNORE },
	{ "description", ROLE_IGNORE },
	{ "purpose", ROLE_IGNORE },
	{ "action", ROLE_IGNORE },
	{ "actions", ROLE_IGNORE },
	{ "routing policy", ROLE_IGNORE },
	{ "differentiator", ROLE_IGNORE },
	{ "alarm", ROLE_IGNORE },
	{ "health check id", ROLE_IGNORE },
	{ "evaluate target health", ROLE_IGNORE },
	{ "record id", ROLE_IGNORE },
	{ "id", ROLE_IGNORE },
	{ "no.", ROLE_IGNORE },
	{ "zone", ROLE_IGNORE },
	{ "last updated", ROLE_IGNORE }
};

/* Words a console prints after a value: statuses and TTL choices. */
static const char *paste_status_words[] = {
	"pending", "verified", "unverified", "verifying", "success",
	"successful", "failed", "failure", "temporaryfailure", "notstarted",
	"active", "inactive", "valid", "invalid", "ok", "missing", "published",
	"auto", "automatic", "proxied"
};

/* Two-word statuses, first and second word. */
static const char *paste_status_pairs[][2] = {
	{ "dns", "only" },
	{ "not", "started" },
	{ "not", "verified" },
	{ "in", "progress" },
	{ "temporary", "failure" }
};

/* Units a console writes after a TTL number ("1 hour"). */
static const char *paste_ttl_units[] = {
	"second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins",
	"hour", "hours", "hr", "hrs", "day", "days"
};

/* Top-level domains so common that a name ending in one is not relative. */
static const char *paste_common_tlds[] = { "com", "net", "org" };

/* Words after a type word that make a line a sentence ("CNAME records"). */
static const char *paste_prose_words[] = {
	"record", "records", "entry", "entries"
};

/* Characters that separate words when looking for a type word in text. */
#define PASTE_WORD_SEPS " \t,;|\"'()[]{}<>:="

/* Tell whether s (len bytes) equals word, ignoring ASCII case. */
static int
paste_word_eq(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && strncasecmp(s, word, len) == 0;
}

/* Tell whether s (len bytes) is one of a list of lower-case words. */
static int
paste_word_in(const char *s, size_t len, const char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (paste_word_eq(s, len, list[i]))
			return 1;
	}
	return 0;
}

/*
 * Tell whether a word names a DNS record type. In a table cell any case
 * counts; in running text the rarer types must be upper case, so the "a" of
 * a sentence is not an A record (and "Mx" is a form of address).
 */
static int
paste_is_type(const char *s, size_t len, int cell)
{
	size_t i;

	for (i = 0; i < nitems(paste_types); i++) {
		if (!paste_word_eq(s, len, paste_types[i]))
			continue;
		if (cell)
			return 1;
		if (i < PASTE_TYPES_ANYCASE)
			return !(len == 2 && s[0] == 'M' && s[1] == 'x');
		return strncmp(s, paste_types[i], len) == 0;
	}
	return 0;
}

/* Tell whether a whole string is a record type word. */
static int
paste_is_type_str(const char *s, int cell)
{
	return paste_is_type(s, strlen(s), cell);
}

/* Tell whether a word is a DNS class as zone files write it. */
static int
paste_is_class(const char *s)
{
	static const char *classes[] = { "in", "ch", "hs", "cs", "any" };

	return paste_word_in(s, strlen(s), classes, nitems(classes));
}

/* Tell whether a word is a zone-file TTL: "3600", "1h" or "1h30m". */
static int
paste_is_ttl(const char *s)
{
	const char *p = s;

	if (!isdigit((unsigned char)*p))
		return 0;
	while (*p != '\0') {
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p != '\0' && strchr("smhdwSMHDW", *p) != NULL)
			p++;
	}
	return 1;
}

/* Tell whether a word is all digits (a preference, maybe out of range). */
static int
paste_is_digits(const char *s)
{
	return *s != '\0' && strspn(s, "0123456789") == strlen(s);
}

/* Tell whether a word is a row number or bullet: "1.", "2)". */
static int
paste_is_rownum(const char *s)
{
	size_t n = strspn(s, "0123456789");

	if (n == 0)
		return 0;
	return s[n] == '\0' || ((s[n] == '.' || s[n] == ')') &&
	    s[n + 1] == '\0');
}

/* Tell whether two words are a status or a TTL ("DNS only", "1 hour"). */
static int
paste_is_extra_pair(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;

	for (i = 0; i < nitems(paste_status_pairs); i++) {
		if (paste_word_eq(a, alen, paste_status_pairs[i][0]) &&
		    paste_word_eq(b, blen, paste_status_pairs[i][1]))
			return 1;
	}
	if (alen > 0 && strspn(a, "0123456789") == alen)
		return paste_word_in(b, blen, paste_ttl_units,
		    nitems(paste_ttl_units));
	return 0;
}

/*
 * Tell whether a cell or word is something a console shows beside a value
 * (a TTL, a status), which is not part of the value.
 */
static int
paste_is_extra(const char *s)
{
	const char *sp;

	if (paste_is_ttl(s))
		return 1;
	if (paste_word_in(s, strlen(s), paste_status_words,
	    nitems(paste_status_words)))
		return 1;
	sp = strchr(s, ' ');
	if (sp == NULL || strchr(sp + 1, ' ') != NULL)
		return 0;
	return paste_is_extra_pair(s, (size_t)(sp - s), sp + 1,
	    strlen(sp + 1));
}

/* Record a failure for a line, keeping the first one. */
static int __attribute__((format(printf, 3, 4)))
paste_fail(struct paste_ctx *ctx, size_t line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (ctx->cause != NULL)
		return -1;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	ctx->cause = xasprintf(_("line %zu: %s"), line, msg);
	ctx->errline = line;
	free(msg);
	return -1;
}

/* Add a note about a line to the result. */
static void __attribute__((format(printf, 3, 4)))
paste_warn(struct paste_ctx *ctx, size_t line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	strlist_addf(&ctx->res->warnings, _("line %zu: %s"), line, msg);
	free(msg);
}

/* Copy the start of a line for a message, not cutting a UTF-8 character. */
static char *
paste_show(const char *s)
{
	size_t len = strlen(s);

	if (len <= PASTE_SHOW_MAX)
		return xstrdup(s);
	len = PASTE_SHOW_MAX;
	while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len--;
	return xasprintf("%.*s...", (int)len, s);
}

/* Give up on a line that has a type word but no readable record. */
static int
paste_unreadable(struct paste_ctx *ctx, size_t line, const char *text)
{
	char *shown = paste_show(text);

	paste_fail(ctx, line, _("cannot read a record from '%s'; write it as "
	    "'name type value', e.g. 'abc._domainkey CNAME "
	    "abc.dkim.amazonses.com'"), shown);
	free(shown);
	return -1;
}

/* Copy a trimmed piece of a string. */
static char *
paste_trimmed(const char *s, size_t len)
{
	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	return xstrndup(s, len);
}

/*
 * Clean a pasted line: text copied from web pages and mail carries no-break
 * spaces, zero-width characters and curly quotes that mean plain spaces and
 * quotes here.
 */
static char *
paste_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf b;
	char *out;

	buf_init(&b);
	while (*p != '\0') {
		if (p[0] == 0xc2 && p[1] == 0xa0) {
			buf_putc(&b, ' ');
			p += 2;
		} else if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
			p += 3;
		else if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0x8b &&
		    p[2] <= 0x8d)
			p += 3;
		else if (p[0] == 0xe2 && p[1] == 0x81 && p[2] == 0xa0)
			p += 3;
		else if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0x9c &&
		    p[2] <= 0x9f) {
			buf_putc(&b, '"');
			p += 3;
		} else if (p[0] == 0xe2 && p[1] == 0x80 &&
		    ((p[2] >= 0x80 && p[2] <= 0x8a) || p[2] == 0xaf)) {
			buf_putc(&b, ' ');
			p += 3;
		} else if (*p != '\t' && (*p < 0x20 || *p == 0x7f)) {
			buf_putc(&b, ' ');
			p++;
		} else
			buf_putc(&b, (char)*p++);
	}
	out = paste_trimmed(b.data, b.len);
	buf_free(&b);
	return out;
}

/* Tell whether a cleaned line is a comment. */
static int
paste_is_comment(const char *s)
{
	return *s == ';' || *s == '#' || strncmp(s, "//", 2) == 0;
}

/* Tell whether a line only draws a table ("|---|---|", "====="). */
static int
paste_is_rule(const char *s)
{
	size_t dashes = 0;

	for (; *s != '\0'; s++) {
		if (*s == '-' || *s == '=')
			dashes++;
		else if (strchr("_+|:. \t", *s) == NULL)
			return 0;
	}
	return dashes >= 3;
}

/*
 * Skip what starts a list item or a quoted mail line: "- ", "* ", "1. ",
 * "2) ", bullets, "> ".
 */
static const char *
paste_skip_bullet(const char *s)
{
	static const char *bullets[] = {
		"\xe2\x80\xa2", "\xc2\xb7", "\xe2\x80\x93", "\xe2\x80\x94",
		"\xe2\x96\xaa", "\xe2\x80\xa3", "\xe2\x97\xa6", "-", "*", "+"
	};
	const char *p;
	size_t i, n;

	for (;;) {
		p = s;
		if (*p == '>')
			p++;
		else {
			n = strspn(p, "0123456789");
			if (n > 0 && (p[n] == '.' || p[n] == ')'))
				p += n + 1;
			else {
				for (i = 0; i < nitems(bullets); i++) {
					n = strlen(bullets[i]);
					if (strncmp(p, bullets[i], n) == 0) {
						p += n;
						break;
					}
				}
			}
			if (p == s || (*p != ' ' && *p != '\t'))
				return s;
		}
		while (*p == ' ' || *p == '\t')
			p++;
		s = p;
	}
}

/* Release a list of cells or words. */
static void
paste_fields_free(struct paste_fields *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i].text);
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

/* Append a cell or word. */
static struct paste_field *
paste_fields_add(struct paste_fields *f, char *text, size_t start,
    size_t end)
{
	struct paste_field *fl;

	f->v = xreallocarray(f->v, f->n + 1, sizeof *f->v);
	fl = &f->v[f->n++];
	memset(fl, 0, sizeof *fl);
	fl->text = text;
	fl->start = start;
	fl->end = end;
	return fl;
}

/*
 * Split a row at a separator. With quotes, a cell that starts with a double
 * quote runs to the closing one, "" standing for a quote (RFC 4180); a pipe
 * table has no quoting and its outer pipes make no cells.
 */
static void
paste_split_cells(const char *line, char sep, int quotes,
    struct paste_fields *out)
{
	const char *p = line, *q;
	struct paste_field *f;
	struct buf b;
	size_t start;
	int quoted, open;

	for (;;) {
		start = (size_t)(p - line);
		buf_init(&b);
		quoted = open = 0;
		q = p;
		while (*q == ' ' || *q == '\t')
			q++;
		if (quotes && *q == '"') {
			quoted = 1;
			p = q + 1;
			for (;;) {
				if (*p == '\0') {
					open = 1;
					break;
				}
				if (*p == '"' && p[1] == '"') {
					buf_putc(&b, '"');
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else
					buf_putc(&b, *p++);
			}
			while (*p == ' ' || *p == '\t')
				p++;
		}
		while (*p != '\0' && *p != sep)
			buf_putc(&b, *p++);
		if (quoted)
			f = paste_fields_add(out, buf_detach(&b), start,
			    (size_t)(p - line));
		else {
			f = paste_fields_add(out, paste_trimmed(b.data, b.len),
			    start, (size_t)(p - line));
			buf_free(&b);
		}
		f->quoted = quoted;
		f->open = open;
		f->strong = 1;
		if (*p != sep)
			break;
		p++;
	}
	if (sep != '|')
		return;
	if (out->n > 0 && *out->v[out->n - 1].text == '\0') {
		free(out->v[out->n - 1].text);
		out->n--;
	}
	if (out->n > 0 && *out->v[0].text == '\0') {
		free(out->v[0].text);
		memmove(out->v, out->v + 1, (out->n - 1) * sizeof *out->v);
		out->n--;
	}
}

/*
 * Split a line into words. A word that starts with a double quote runs to
 * the closing one (zone-file character-strings, with backslash escapes); a
 * word after a tab or a run of spaces starts a new column.
 */
static void
paste_split_words(const char *line, struct paste_fields *out)
{
	const char *p = line, *start;
	struct paste_field *f;
	size_t spaces;
	int strong, tab, quoted, open;

	while (*p != '\0') {
		spaces = 0;
		tab = 0;
		while (*p == ' ' || *p == '\t') {
			if (*p == '\t')
				tab = 1;
			spaces++;
			p++;
		}
		if (*p == '\0')
			break;
		strong = out->n == 0 || tab || spaces >= 2;
		start = p;
		quoted = open = 0;
		if (*p == '"') {
			quoted = 1;
			p++;
			while (*p != '\0' && *p != '"') {
				if (*p == '\\' && p[1] != '\0')
					p++;
				p++;
			}
			if (*p == '"')
				p++;
			else
				open = 1;
		} else {
			while (*p != '\0' && *p != ' ' && *p != '\t')
				p++;
		}
		f = paste_fields_add(out, xstrndup(start, (size_t)(p - start)),
		    (size_t)(start - line), (size_t)(p - line));
		f->quoted = quoted;
		f->open = open;
		f->strong = strong;
	}
}

/* Tell whether some word after the first starts a new column. */
static int
paste_has_columns(const struct paste_fields *w)
{
	size_t i;

	for (i = 1; i < w->n; i++) {
		if (w->v[i].strong)
			return 1;
	}
	return 0;
}

/* Group words into columns at tabs and runs of spaces. */
static void
paste_words_columns(const char *line, const struct paste_fields *w,
    struct paste_fields *out)
{
	size_t i, j;

	for (i = 0; i < w->n; i = j) {
		for (j = i + 1; j < w->n && !w->v[j].strong; j++)
			;
		paste_fields_add(out, xstrndup(line + w->v[i].start,
		    w->v[j - 1].end - w->v[i].start), w->v[i].start,
		    w->v[j - 1].end);
		out->v[out->n - 1].strong = 1;
		out->v[out->n - 1].quoted = w->v[i].quoted && j == i + 1;
	}
}

/*
 * Find the role of a column title or label such as "Record name" or "TTL
 * (seconds)": lower case, without parenthesised remarks, a trailing ':' or
 * '*', or a leading record type ("CNAME value"), which goes to *type.
 */
static enum paste_role
paste_role_of(const char *s, size_t len, char **type)
{
	struct buf b;
	const char *end = s + len, *sp;
	enum paste_role role = ROLE_UNKNOWN;
	size_t i, depth = 0, n;
	char *t;

	if (type != NULL)
		*type = NULL;
	buf_init(&b);
	for (; s < end; s++) {
		if (*s == '(')
			depth++;
		else if (*s == ')' && depth > 0)
			depth--;
		else if (depth > 0)
			continue;
		else if (isspace((unsigned char)*s)) {
			if (b.len > 0 && b.data[b.len - 1] != ' ')
				buf_putc(&b, ' ');
		} else
			buf_putc(&b, (char)tolower((unsigned char)*s));
	}
	t = b.data;
	n = b.len;
	while (n > 0 && strchr(" :*", t[n - 1]) != NULL)
		n--;
	t[n] = '\0';
	sp = strchr(t, ' ');
	if (sp != NULL && paste_word_in(t, (size_t)(sp - t), paste_types,
	    PASTE_TYPES_TAKEN)) {
		if (type != NULL)
			*type = xstrndup(t, (size_t)(sp - t));
		t += sp - t + 1;
	}
	for (i = 0; i < nitems(paste_vocab); i++) {
		if (strcmp(t, paste_vocab[i].phrase) == 0) {
			role = paste_vocab[i].role;
			break;
		}
	}
	if (role == ROLE_UNKNOWN && type != NULL) {
		free(*type);
		*type = NULL;
	}
	buf_free(&b);
	return role;
}

/* Note the column of a role in a header, the first title winning. */
static void
paste_header_set(struct paste_header *h, enum paste_role role, size_t col)
{
	if (role < PASTE_NROLES && h->col[role] == -1)
		h->col[role] = (int)col;
}

/* Tell whether a header names the three columns a record needs. */
static int
paste_header_complete(const struct paste_header *h)
{
	return h->col[ROLE_NAME] != -1 && h->col[ROLE_TYPE] != -1 &&
	    h->col[ROLE_VALUE] != -1;
}

/* Start an empty header. */
static void
paste_header_init(struct paste_header *h, enum paste_mode mode)
{
	size_t i;

	h->mode = mode;
	h->ncols = 0;
	for (i = 0; i < PASTE_NROLES; i++)
		h->col[i] = -1;
}

/* Read a header from cells; unknown titles are columns to ignore. */
static int
paste_header_cells(const struct paste_fields *cells, enum paste_mode mode,
    struct paste_header *h)
{
	const char *t;
	size_t i;

	paste_header_init(h, mode);
	for (i = 0; i < cells->n; i++) {
		t = cells->v[i].text;
		if (*t == '\0')
			continue;
		if (paste_is_type_str(t, 1))
			return 0;
		paste_header_set(h, paste_role_of(t, strlen(t), NULL), i);
	}
	h->ncols = cells->n;
	return paste_header_complete(h);
}

/*
 * Read a header written with single spaces ("Record name Type Value TTL"):
 * every word must belong to a known title, the longest title winning.
 */
static int
paste_header_words(const char *line, const struct paste_fields *w,
    struct paste_header *h)
{
	enum paste_role role;
	size_t i, n, col = 0;

	paste_header_init(h, PASTE_WORDS);
	for (i = 0; i < w->n; i += n) {
		if (w->v[i].quoted || paste_is_type_str(w->v[i].text, 0))
			return 0;
		role = ROLE_UNKNOWN;
		for (n = w->n - i < 4 ? w->n - i : 4; n > 0; n--) {
			role = paste_role_of(line + w->v[i].start,
			    w->v[i + n - 1].end - w->v[i].start, NULL);
			if (role != ROLE_UNKNOWN)
				break;
		}
		if (role == ROLE_UNKNOWN)
			return 0;
		paste_header_set(h, role, col++);
	}
	h->ncols = col;
	return paste_header_complete(h);
}

/*
 * Read a "Label: value" line ("Name: x", "Record type: CNAME", "CNAME value
 * = y", or "Name<tab>x" with one value). Returns 1 and fills the role, the
 * type a label implies and the value when it is one.
 */
static int
paste_key_line(const char *line, enum paste_role *role, char **type,
    char **value)
{
	const char *p, *rest, *ends[6];
	enum paste_role r = ROLE_UNKNOWN;
	size_t nends = 0, spaces, i;
	int tab, depth = 0;
	char *t = NULL;

	for (p = line; *p != '\0' && nends < nitems(ends); p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		if (depth > 0)
			continue;
		if (*p == ':' || *p == '=' || *p == '\t' ||
		    (p[0] == ' ' && p[1] == ' ')) {
			ends[nends++] = p;
			break;
		}
		if (*p == ' ')
			ends[nends++] = p;
	}
	if (*p == '\0' && nends < nitems(ends))
		ends[nends++] = p;
	for (i = nends; i > 0; i--) {
		r = paste_role_of(line, (size_t)(ends[i - 1] - line), &t);
		if (r != ROLE_UNKNOWN)
			break;
	}
	if (r == ROLE_UNKNOWN)
		return 0;
	p = ends[i - 1];
	spaces = 0;
	tab = 0;
	while (*p == ' ' || *p == '\t') {
		if (*p == '\t')
			tab = 1;
		spaces++;
		p++;
	}
	if (*p == ':' || *p == '=')
		rest = p + 1;
	else if (*p == '\0')
		goto not_key;
	else {
		rest = p;
		if (strchr(rest, '\t') != NULL || strstr(rest, "  ") != NULL)
			goto not_key;
		if (!tab && spaces < 2 && strchr(rest, ' ') != NULL)
			goto not_key;
		if (paste_role_of(rest, strlen(rest), NULL) != ROLE_UNKNOWN)
			goto not_key;
		if (r != ROLE_TYPE && paste_is_type_str(rest, 1))
			goto not_key;
	}
	*role = r;
	*type = t;
	*value = paste_trimmed(rest, strlen(rest));
	return 1;

not_key:
	free(t);
	return 0;
}

/*
 * Tell whether a line has a record type among its words at all; lines that
 * have none (greetings, sentences) are skipped.
 */
static int
paste_has_type_word(const char *s)
{
	size_t n;

	for (;;) {
		s += strspn(s, PASTE_WORD_SEPS);
		if (*s == '\0')
			return 0;
		n = strcspn(s, PASTE_WORD_SEPS);
		if (paste_is_type(s, n, 0))
			return 1;
		s += n;
	}
}

/* Tell whether a line talks about records ("add these CNAME records:"). */
static int
paste_is_prose(const char *s)
{
	size_t n;
	int after_type = 0;

	for (;;) {
		s += strspn(s, PASTE_WORD_SEPS);
		if (*s == '\0')
			return 0;
		n = strcspn(s, PASTE_WORD_SEPS);
		if (after_type && paste_word_in(s, n, paste_prose_words,
		    nitems(paste_prose_words)))
			return 1;
		after_type = paste_is_type(s, n, 0);
		s += n;
	}
}

/*
 * Find the record type a sentence talks about ("add these three CNAME
 * records:"), if it names exactly one; NULL otherwise.
 */
static char *
paste_prose_type(const char *s)
{
	char *found = NULL;
	size_t n, i;

	for (;;) {
		s += strspn(s, PASTE_WORD_SEPS);
		if (*s == '\0')
			return found;
		n = strcspn(s, PASTE_WORD_SEPS);
		if (paste_is_type(s, n, 0)) {
			if (found != NULL && !paste_word_eq(s, n, found)) {
				free(found);
				return NULL;
			}
			if (found == NULL) {
				found = xstrndup(s, n);
				for (i = 0; i < n; i++)
					found[i] = (char)toupper(
					    (unsigned char)found[i]);
			}
		}
		s += n;
	}
}

/*
 * Join the quoted strings of a TXT value ("v=DKIM1; " "p=...") without
 * spaces, decoding \" \\ and \DDD. Fails with a message (no line prefix).
 */
static int
paste_txt_unquote(const char *s, char **out, char **why)
{
	const char *p = s;
	struct buf b;
	char *shown;
	int v;

	buf_init(&b);
	for (;;) {
		while (isspace((unsigned char)*p) || *p == '(' || *p == ')')
			p++;
		if (*p == '\0')
			break;
		if (*p != '"') {
			shown = paste_show(p);
			*why = xasprintf(_("the TXT value has text after its "
			    "quoted strings ('%s'); put the whole value in "
			    "quotes"), shown);
			free(shown);
			goto fail;
		}
		p++;
		while (*p != '"') {
			if (*p == '\0')
				goto open;
			if (*p != '\\') {
				buf_putc(&b, *p++);
				continue;
			}
			p++;
			if (*p == '\0')
				goto open;
			if (!isdigit((unsigned char)*p)) {
				buf_putc(&b, *p++);
				continue;
			}
			if (!isdigit((unsigned char)p[1]) ||
			    !isdigit((unsigned char)p[2]))
				goto bad;
			v = (p[0] - '0') * 100 + (p[1] - '0') * 10 +
			    (p[2] - '0');
			if (v == 0 || v > 255)
				goto bad;
			buf_putc(&b, (char)v);
			p += 3;
		}
		p++;
	}
	*out = buf_detach(&b);
	return 0;

bad:
	*why = xasprintf(_("the TXT value has a bad escape '\\%.3s'; write a "
	    "byte as \\DDD with three digits from 001 to 255"), p);
	goto fail;
open:
	*why = xstrdup(_("a quoted string in the TXT value is not closed; "
	    "check that you copied the whole value"));
fail:
	buf_free(&b);
	return -1;
}

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

/*
 * Check the labels of a name or, when type is not NULL, of the target of a
 * record of that type: 1 to 63 bytes of letters, digits, hyphens and
 * underscores, no empty label, at most 253 bytes in all.
 */
static int
paste_check_labels(struct paste_ctx *ctx, size_t line, const char *s,
    const char *type)
{
	const char *label = s, *p;
	char *c;
	size_t len;

	for (p = s;; p++) {
		if (*p != '.' && *p != '\0') {
			if (isalnum((unsigned char)*p) || *p == '-' ||
			    *p == '_')
				continue;
			c = paste_char_at(p);
			if (type == NULL)
				paste_fail(ctx, line, _("the name '%s' "
				    "contains '%s' at character %zu; DNS "
				    "names use only letters, digits, hyphens "
				    "and underscores"), s, c,
				    (size_t)(p - s) + 1);
			else
				paste_fail(ctx, line, _("the %s target '%s' "
				    "contains '%s' at character %zu; host "
				    "names use only letters, digits, hyphens "
				    "and underscores"), type, s, c,
				    (size_t)(p - s) + 1);
			free(c);
			return -1;
		}
		len = (size_t)(p - label);
		if (len == 0) {
			if (type == NULL)
				return paste_fail(ctx, line, _("the name '%s' "
				    "has an empty label at character %zu; "
				    "remove the extra dot"), s,
				    (size_t)(p - s) + 1);
			return paste_fail(ctx, line, _("the %s target '%s' "
			    "has an empty label at character %zu; remove "
			    "the extra dot"), type, s, (size_t)(p - s) + 1);
		}
		if (len > PASTE_LABEL_MAX) {
			if (type == NULL)
				return paste_fail(ctx, line, _("the name '%s' "
				    "has a label of %zu bytes at character "
				    "%zu; DNS allows at most 63, check that "
				    "the name was copied whole"), s, len,
				    (size_t)(label - s) + 1);
			return paste_fail(ctx, line, _("the %s target '%s' "
			    "has a label of %zu bytes at character %zu; DNS "
			    "allows at most 63, check that the target was "
			    "copied whole"), type, s, len,
			    (size_t)(label - s) + 1);
		}
		if (*p == '\0')
			break;
		label = p + 1;
	}
	if (strlen(s) > PASTE_NAME_MAX) {
		if (type == NULL)
			return paste_fail(ctx, line, _("the name '%s' is %zu "
			    "bytes long; DNS allows at most 253"), s,
			    strlen(s));
		return paste_fail(ctx, line, _("the %s target '%s' is %zu "
		    "bytes long; DNS allows at most 253"), type, s,
		    strlen(s));
	}
	return 0;
}

/* Tell whether name is domain or below it. */
static int
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
static int
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
			    paste_word_in(last + 1, strlen(last + 1),
			    paste_common_tlds, nitems(paste_common_tlds));
		if (elsewhere) {
			paste_fail(ctx, line, _("'%s' is not in %s; check "
			    "that these records are meant for %s"), s, d, d);
			goto fail;
		}
		fq = xasprintf("%s.%s", s, ctx->origin);
		if (strlen(fq) > PASTE_NAME_MAX) {
			paste_fail(ctx, line, _("the name '%s' is %zu bytes "
			    "long; DNS allows at most 253"), fq, strlen(fq));
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
static int
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
 * Read the value of an MX record: "10 host" in one piece, or the host with
 * the preference from a column of its own.
 */
static int
paste_mx(struct paste_ctx *ctx, const struct paste_cand *c,
    const char *name, char **out)
{
	unsigned long pref;
	char *value, *num = NULL, *host = NULL, *target;
	size_t n;
	int rv = -1;

	value = paste_trimmed(c->value, strlen(c->value));
	n = strcspn(value, " \t");
	if (value[n] != '\0') {
		num = xstrndup(value, n);
		if (!paste_is_digits(num)) {
			free(num);
			num = NULL;
			host = xstrdup(value);
		} else
			host = paste_trimmed(value + n, strlen(value + n));
	} else if (paste_is_digits(value) && c->pref == NULL) {
		paste_fail(ctx, c->value_line, _("the MX record '%s' has a "
		    "preference but no host; write it as '%s "
		    "feedback-smtp.us-east-1.amazonses.com' with your "
		    "provider's host"), name, value);
		goto out;
	} else
		host = xstrdup(value);
	if (num != NULL && c->pref != NULL && *c->pref != '\0' &&
	    strcmp(num, c->pref) != 0) {
		paste_fail(ctx, c->value_line, _("the MX record '%s' has two "
		    "preferences ('%s' and '%s'); keep the one your provider "
		    "gave"), name, c->pref, num);
		goto out;
	}
	if (num == NULL && c->pref != NULL && *c->pref != '\0')
		num = paste_trimmed(c->pref, strlen(c->pref));
	if (num == NULL) {
		paste_fail(ctx, c->value_line, _("the MX record '%s' has no "
		    "preference; write it as '10 %s'"), name, host);
		goto out;
	}
	if (parse_uint(num, 0, 65535, &pref) == -1) {
		paste_fail(ctx, c->value_line, _("the MX preference '%s' is "
		    "not a number from 0 to 65535"), num);
		goto out;
	}
	if (paste_target(ctx, c->value_line, "MX", host, name, &target) == -1)
		goto out;
	*out = xasprintf("%lu %s", pref, target);
	free(target);
	rv = 0;
out:
	free(num);
	free(host);
	free(value);
	return rv;
}

/*
 * Compare a CNAME to Amazon SES (<token>.dkim[.<region>].amazonses.com)
 * with the shape SES gives them and note what looks wrong: SES names the
 * record after the token it points to. Notes only, never a refusal: AWS
 * does not document the token format.
 */
static void
paste_check_ses(struct paste_ctx *ctx, size_t line, const char *host,
    const char *name, const char *target)
{
	const char *dot, *rest, *p;
	char *token, *selector, *expected;
	size_t len;

	dot = strchr(target, '.');
	if (dot == NULL || dot == target)
		return;
	rest = dot + 1;
	if (strcmp(rest, "dkim.amazonses.com.") != 0) {
		if (strncmp(rest, "dkim.", 5) != 0)
			return;
		p = strchr(rest + 5, '.');
		if (p == NULL || p == rest + 5 ||
		    strcmp(p + 1, "amazonses.com.") != 0)
			return;
	}
	token = xstrndup(target, (size_t)(dot - target));
	selector = xstrndup(name, strcspn(name, "."));
	expected = xasprintf("%s._domainkey", selector);
	if (strcmp(host, expected) != 0)
		paste_warn(ctx, line, _("an Amazon SES DKIM record is named "
		    "'%s._domainkey.%s.', not '%s'; check the name"), token,
		    ctx->domain, name);
	else if (strcmp(selector, token) != 0)
		paste_warn(ctx, line, _("the selector '%s' differs from the "
		    "token '%s' in the target; Amazon SES uses the same token "
		    "in both, check that you copied it completely"), selector,
		    token);
	len = strlen(token);
	if (len != PASTE_SES_TOKEN ||
	    strspn(token, "abcdefghijklmnopqrstuvwxyz234567") != len)
		paste_warn(ctx, line, _("the Amazon SES token '%s' is unusual "
		    "(%zu characters; SES tokens are usually 32 letters and "
		    "digits 2-7); check that you copied it completely"), token,
		    len);
	free(expected);
	free(selector);
	free(token);
}

/*
 * Keep a checked record, taking its strings: the same record twice is kept
 * once, and a CNAME that shares its name with another record is refused.
 */
static int
paste_store(struct paste_ctx *ctx, size_t line, char *host, char *name,
    char *type, char *value)
{
	struct paste_result *res = ctx->res;
	struct paste_record *r;
	size_t i;
	int rv = 0;

	for (i = 0; i < res->nrecords; i++) {
		r = &res->records[i];
		if (strcmp(r->name, name) == 0 && strcmp(r->type, type) == 0 &&
		    strcmp(r->value, value) == 0) {
			paste_warn(ctx, line, _("the same record as line %zu; "
			    "mailwiz keeps one"), r->line);
			goto drop;
		}
	}
	for (i = 0; i < res->nrecords; i++) {
		r = &res->records[i];
		if (strcmp(r->name, name) != 0)
			continue;
		if (strcmp(r->type, "CNAME") == 0 &&
		    strcmp(type, "CNAME") == 0) {
			rv = paste_fail(ctx, line, _("'%s' already has a "
			    "CNAME to '%s' on line %zu; a CNAME must be the "
			    "only record at its name, so keep only the one "
			    "your provider sent"), name, r->value, r->line);
			goto drop;
		}
		if (strcmp(r->type, "CNAME") == 0) {
			rv = paste_fail(ctx, line, _("'%s' has a CNAME on "
			    "line %zu, so it cannot have a %s record too; a "
			    "CNAME must be the only record at its name"),
			    name, r->line, type);
			goto drop;
		}
		if (strcmp(type, "CNAME") == 0) {
			rv = paste_fail(ctx, line, _("'%s' has a %s record on "
			    "line %zu, so it cannot be a CNAME too; a CNAME "
			    "must be the only record at its name"), name,
			    r->type, r->line);
			goto drop;
		}
	}
	res->records = xreallocarray(res->records, res->nrecords + 1,
	    sizeof *res->records);
	r = &res->records[res->nrecords++];
	r->host = host;
	r->name = name;
	r->type = type;
	r->value = value;
	r->line = line;
	return 0;

drop:
	free(host);
	free(name);
	free(type);
	free(value);
	return rv;
}

/* Check and normalise a record as read, then keep it. */
static int
paste_add(struct paste_ctx *ctx, const struct paste_cand *c)
{
	char *type, *host = NULL, *name = NULL, *value = NULL, *t, *why;
	size_t i;

	type = paste_trimmed(c->type, strlen(c->type));
	for (i = 0; type[i] != '\0'; i++)
		type[i] = (char)toupper((unsigned char)type[i]);
	if (strcmp(type, "CNAME") != 0 && strcmp(type, "TXT") != 0 &&
	    strcmp(type, "MX") != 0) {
		paste_fail(ctx, c->type_line, _("record type '%s' is not "
		    "expected here; paste the CNAME, TXT or MX records your "
		    "provider sent"), type);
		goto fail;
	}
	t = c->name != NULL ? paste_trimmed(c->name, strlen(c->name)) : NULL;
	if (t == NULL || *t == '\0') {
		free(t);
		paste_fail(ctx, c->name_line, _("the %s record has no name; "
		    "paste the name your provider gave with it"), type);
		goto fail;
	}
	free(t);
	if (paste_name(ctx, c->name_line, c->name, &host, &name) == -1)
		goto fail;
	t = c->value != NULL ? paste_trimmed(c->value, strlen(c->value)) :
	    xstrdup("");
	if (*t == '\0') {
		free(t);
		paste_fail(ctx, c->value_line, _("the %s record '%s' has no "
		    "value; paste the value your provider gave with it"),
		    type, name);
		goto fail;
	}
	if (strcmp(type, "TXT") == 0 && *t == '"') {
		if (paste_txt_unquote(t, &value, &why) == -1) {
			paste_fail(ctx, c->value_line, "%s", why);
			free(why);
			free(t);
			goto fail;
		}
		free(t);
		if (*value == '\0') {
			paste_fail(ctx, c->value_line, _("the %s record '%s' "
			    "has no value; paste the value your provider gave "
			    "with it"), type, name);
			goto fail;
		}
	} else if (strcmp(type, "TXT") == 0)
		value = t;
	else {
		free(t);
		if (strcmp(type, "CNAME") == 0) {
			if (paste_target(ctx, c->value_line, type, c->value,
			    name, &value) == -1)
				goto fail;
			paste_check_ses(ctx, c->line, host, name, value);
		} else if (paste_mx(ctx, c, name, &value) == -1)
			goto fail;
	}
	return paste_store(ctx, c->line, host, name, type, value);

fail:
	free(type);
	free(host);
	free(name);
	free(value);
	return -1;
}

/* Release what a candidate holds. */
static void
paste_cand_free(struct paste_cand *c)
{
	free(c->name);
	free(c->type);
	free(c->value);
	free(c->pref);
	memset(c, 0, sizeof *c);
}

/* Tell whether one of the cells of a row is a record type. */
static int
paste_cells_have_type(const struct paste_fields *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (paste_is_type_str(f->v[i].text, 1))
			return 1;
	}
	return 0;
}

/* Tell whether the last header describes a row of this shape. */
static int
paste_header_fits(const struct paste_header *h, enum paste_mode mode,
    const struct paste_fields *f, int exact)
{
	size_t i, maxcol = 0;

	if (h->mode != mode)
		return 0;
	for (i = 0; i < PASTE_NROLES; i++) {
		if (h->col[i] != -1 && (size_t)h->col[i] > maxcol)
			maxcol = (size_t)h->col[i];
	}
	if (f->n <= maxcol || (exact && f->n != h->ncols))
		return 0;
	return paste_is_type_str(f->v[h->col[ROLE_TYPE]].text, 1);
}

/*
 * Read a record from a row by the columns of the last header. In CSV an
 * unquoted TXT value in the last column may itself hold separators.
 */
static void
paste_mapped_cand(const struct paste_header *h, const char *text,
    const struct paste_fields *f, int csv, struct paste_cand *c)
{
	const struct paste_field *fv = &f->v[h->col[ROLE_VALUE]];
	int pc = h->col[ROLE_PRIORITY];

	c->name = xstrdup(f->v[h->col[ROLE_NAME]].text);
	c->type = xstrdup(f->v[h->col[ROLE_TYPE]].text);
	if (csv && paste_word_eq(c->type, strlen(c->type), "TXT") &&
	    !fv->quoted && (size_t)h->col[ROLE_VALUE] + 1 == h->ncols &&
	    f->n > h->ncols)
		c->value = paste_trimmed(text + fv->start,
		    f->v[f->n - 1].end - fv->start);
	else
		c->value = xstrdup(fv->text);
	if (pc != -1 && (size_t)pc < f->n && *f->v[pc].text != '\0')
		c->pref = xstrdup(f->v[pc].text);
}

/*
 * Read a record from CSV or pipe cells without a header: the first cell that
 * is a record type tells where the name and the value are (Name,Type,Value
 * or Type,Name,Value; TTL and class cells may sit between name and type).
 */
static int
paste_cells_cand(struct paste_ctx *ctx, size_t line, const char *text,
    const struct paste_fields *f, struct paste_cand *c)
{
	const struct paste_field *fv;
	size_t *idx, m = 0, a, j, name, v, last;
	const char *t;

	idx = xreallocarray(NULL, f->n, sizeof *idx);
	for (j = 0; j < f->n; j++) {
		if (f->v[j].open) {
			free(idx);
			return paste_fail(ctx, line, _("a quoted field is not "
			    "closed; check that you copied the whole line"));
		}
		if (*f->v[j].text != '\0')
			idx[m++] = j;
	}
	for (a = 0; a < m; a++) {
		if (paste_is_type_str(f->v[idx[a]].text, 1))
			break;
	}
	if (a == m) {
		free(idx);
		return paste_unreadable(ctx, line, text);
	}
	if (a == 0 && m > 1 && paste_is_type_str(f->v[idx[1]].text, 1))
		a = 1;
	if (a == 0) {
		name = 1;
		v = 2;
	} else {
		j = a - 1;
		while (j > 0 && (paste_is_ttl(f->v[idx[j]].text) ||
		    paste_is_class(f->v[idx[j]].text)))
			j--;
		name = j;
		v = a + 1;
	}
	c->type = xstrdup(f->v[idx[a]].text);
	if (name < m)
		c->name = xstrdup(f->v[idx[name]].text);
	if (v < m) {
		fv = &f->v[idx[v]];
		t = c->type;
		if (paste_word_eq(t, strlen(t), "MX") &&
		    paste_is_digits(fv->text) && v + 1 < m) {
			c->pref = xstrdup(fv->text);
			c->value = xstrdup(f->v[idx[v + 1]].text);
		} else if (paste_word_eq(t, strlen(t), "TXT") && !fv->quoted &&
		    v + 1 < m) {
			last = m;
			while (last > v + 1 &&
			    paste_is_extra(f->v[idx[last - 1]].text))
				last--;
			c->value = paste_trimmed(text + fv->start,
			    f->v[idx[last - 1]].end - fv->start);
		} else
			c->value = xstrdup(fv->text);
	}
	free(idx);
	return 0;
}

/*
 * Find where a TXT value that starts at word v ends on a line of
 * single-spaced words: the statuses and TTLs a console prints after it are
 * not part of it, nor (when there are none and h is not NULL) the columns
 * a header put after the value.
 */
static size_t
paste_words_value_end(const struct paste_header *h,
    const struct paste_fields *w, size_t v)
{
	size_t end = w->n, drop;

	while (end > v + 1) {
		if (paste_is_extra(w->v[end - 1].text))
			end--;
		else if (end > v + 2 && paste_is_extra_pair(
		    w->v[end - 2].text, strlen(w->v[end - 2].text),
		    w->v[end - 1].text, strlen(w->v[end - 1].text)))
			end -= 2;
		else
			break;
	}
	if (end != w->n || h == NULL || h->mode != PASTE_WORDS ||
	    (size_t)h->col[ROLE_VALUE] + 1 >= h->ncols)
		return end;
	drop = h->ncols - (size_t)h->col[ROLE_VALUE] - 1;
	return w->n - v > drop ? w->n - drop : v + 1;
}

/*
 * Read a record from words: a zone-file line (name, optional TTL and class,
 * type, data) or a table row copied from a console (name, type, value, then
 * columns to ignore; or type first). After a tab or a run of spaces a new
 * column starts, which bounds the value.
 */
static int
paste_words_cand(struct paste_ctx *ctx, size_t line, const char *text,
    const struct paste_fields *w, struct paste_cand *c)
{
	const struct paste_field *f = w->v;
	size_t n = w->n, k, j, i, name, v, e;
	int columns = paste_has_columns(w), type_first = 0;
	const char *t;

	for (k = 0; k < n; k++) {
		if (!f[k].quoted && paste_is_type_str(f[k].text, 0))
			break;
	}
	if (k == n)
		return paste_unreadable(ctx, line, text);
	if (k == 0) {
		for (j = 1; j < n; j++) {
			t = f[j].text;
			if (f[j].quoted || paste_is_type_str(t, 0) ||
			    (!paste_is_ttl(t) && !paste_is_class(t)))
				break;
		}
		if (j < n && !f[j].quoted && paste_is_type_str(f[j].text, 0))
			k = j;
		else
			type_first = 1;
	}
	if (type_first) {
		if (n < 2 || f[1].quoted)
			return paste_unreadable(ctx, line, text);
		name = 1;
		v = 2;
	} else {
		j = k - 1;
		while (j > 0 && (paste_is_ttl(f[j].text) ||
		    paste_is_class(f[j].text)))
			j--;
		if (f[j].quoted || paste_is_class(f[j].text))
			return paste_unreadable(ctx, line, text);
		for (i = 0; i < j; i++) {
			if (!f[j].strong && !paste_is_rownum(f[i].text))
				return paste_unreadable(ctx, line, text);
		}
		name = j;
		v = k + 1;
	}
	c->type = xstrdup(f[k].text);
	c->name = xstrdup(f[name].text);
	if (v >= n)
		return 0;
	t = c->type;
	e = v;
	if (paste_word_eq(t, strlen(t), "TXT")) {
		if (f[v].quoted) {
			while (e + 1 < n && f[e + 1].quoted)
				e++;
			if (e + 1 < n && !f[e + 1].strong &&
			    *f[e + 1].text != ';' &&
			    paste_words_value_end(NULL, w, e) != e + 1)
				e = n - 1;	/* paste_add() explains */
		} else if (columns) {
			while (e + 1 < n && !f[e + 1].strong)
				e++;
		} else
			e = paste_words_value_end(&ctx->header, w, v) - 1;
	} else if (paste_word_eq(t, strlen(t), "MX") &&
	    paste_is_digits(f[v].text) && v + 1 < n) {
		c->pref = xstrdup(f[v].text);
		e = ++v;
	} else if (columns) {
		while (e + 1 < n && !f[e + 1].strong && *f[e + 1].text != ';')
			e++;
	}
	c->value = paste_trimmed(text + f[v].start, f[e].end - f[v].start);
	return 0;
}

/* Forget the "Label: value" lines collected so far. */
static void
paste_block_clear(struct paste_block *b)
{
	size_t i;

	for (i = 0; i < PASTE_NROLES; i++) {
		free(b->val[i]);
		b->val[i] = NULL;
		b->at[i] = 0;
	}
	b->first = 0;
	b->awaiting = -1;
}

/*
 * Turn the "Label: value" lines collected so far into a record. A block
 * without a type takes the one a sentence before it named ("add these
 * CNAME records:"); failing that, it is a record only if it has a name and
 * a value, and otherwise was text ("Name: Jane Doe") skipped with a note.
 */
static int
paste_block_flush(struct paste_ctx *ctx)
{
	struct paste_block *b = &ctx->block;
	struct paste_cand c;
	int rv = 0;

	if (b->first == 0)
		return 0;
	memset(&c, 0, sizeof c);
	if (b->val[ROLE_TYPE] == NULL && ctx->prose_type != NULL &&
	    b->val[ROLE_NAME] != NULL && b->val[ROLE_VALUE] != NULL) {
		b->val[ROLE_TYPE] = xstrdup(ctx->prose_type);
		b->at[ROLE_TYPE] = ctx->prose_line;
	}
	if (b->val[ROLE_TYPE] == NULL) {
		if (b->val[ROLE_NAME] != NULL && b->val[ROLE_VALUE] != NULL)
			rv = paste_fail(ctx, b->first, _("the record '%s' has "
			    "no type; add a line 'Type: CNAME' (or TXT, MX)"),
			    b->val[ROLE_NAME]);
		else
			paste_warn(ctx, b->first,
			    _("skipped, no record type found"));
		paste_block_clear(b);
		return rv;
	}
	c.type = xstrndup(b->val[ROLE_TYPE],
	    strcspn(b->val[ROLE_TYPE], " \t,;("));
	c.name = b->val[ROLE_NAME] != NULL ? xstrdup(b->val[ROLE_NAME]) :
	    NULL;
	c.value = b->val[ROLE_VALUE] != NULL ? xstrdup(b->val[ROLE_VALUE]) :
	    NULL;
	c.pref = b->val[ROLE_PRIORITY] != NULL ?
	    xstrdup(b->val[ROLE_PRIORITY]) : NULL;
	c.line = b->first;
	c.type_line = b->at[ROLE_TYPE];
	c.name_line = b->val[ROLE_NAME] != NULL ? b->at[ROLE_NAME] : b->first;
	c.value_line = b->val[ROLE_VALUE] != NULL ? b->at[ROLE_VALUE] :
	    b->first;
	paste_block_clear(b);
	rv = paste_add(ctx, &c);
	paste_cand_free(&c);
	return rv;
}

/*
 * Add a "Label: value" line to the block; a label seen before starts the
 * next record. A label with nothing after it takes the next line as value.
 */
static int
paste_block_key(struct paste_ctx *ctx, size_t line, enum paste_role role,
    const char *type, const char *value)
{
	struct paste_block *b = &ctx->block;

	b->awaiting = -1;
	if (role < PASTE_NROLES && b->val[role] != NULL) {
		if (paste_block_flush(ctx) == -1)
			return -1;
	}
	if (b->first == 0)
		b->first = line;
	if (type != NULL && b->val[ROLE_TYPE] == NULL) {
		b->val[ROLE_TYPE] = xstrdup(type);
		b->at[ROLE_TYPE] = line;
	}
	if (role >= PASTE_NROLES)
		return 0;
	b->at[role] = line;
	if (*value == '\0')
		b->awaiting = (int)role;
	else {
		free(b->val[role]);
		b->val[role] = xstrdup(value);
	}
	return 0;
}

/* Tell whether a line opens a zone-file parenthesis after a record type. */
static int
paste_zone_paren(const char *s)
{
	const char *p, *w, *e;
	int quoted = 0;

	for (p = s; *p != '\0'; p++) {
		if (quoted) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == '"')
				quoted = 0;
			continue;
		}
		if (*p == '"')
			quoted = 1;
		if (*p != '(')
			continue;
		e = p;
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		w = e;
		while (w > s && !isspace((unsigned char)w[-1]))
			w--;
		if (paste_is_type(w, (size_t)(e - w), 0))
			return 1;
	}
	return 0;
}

/*
 * Append a zone-file line without its comment, and return how deep in
 * parentheses the text so far is.
 */
static int
paste_zone_append(struct buf *b, const char *s)
{
	const char *p;
	int quoted = 0, depth = 0;

	for (p = s; *p != '\0' && (quoted || *p != ';'); p++) {
		if (quoted && *p == '\\' && p[1] != '\0') {
			buf_putc(b, *p++);
		} else if (*p == '"')
			quoted = !quoted;
		buf_putc(b, *p);
	}
	quoted = 0;
	for (p = b->data; *p != '\0'; p++) {
		if (quoted && *p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == '(')
			depth++;
		else if (!quoted && *p == ')')
			depth--;
	}
	return depth;
}

/*
 * Read a zone-file record written over several lines in parentheses
 * (usually a long DKIM TXT value) as one line; the parentheses and comments
 * go. Other lines are returned as they are.
 */
static char *
paste_zone_join(struct paste_ctx *ctx, const struct strlist *lines,
    size_t *idx, const char *first, size_t lineno)
{
	struct buf b;
	char *next, *p, *out;
	int quoted = 0, depth;

	if (!paste_zone_paren(first))
		return xstrdup(first);
	buf_init(&b);
	depth = paste_zone_append(&b, first);
	while (depth > 0) {
		if (*idx + 1 >= lines->n) {
			buf_free(&b);
			paste_fail(ctx, lineno, _("the '(' on this line is "
			    "never closed; paste the whole record"));
			return NULL;
		}
		(*idx)++;
		next = paste_clean(lines->v[*idx]);
		buf_putc(&b, ' ');
		depth = paste_zone_append(&b, next);
		free(next);
	}
	for (p = b.data; *p != '\0'; p++) {
		if (quoted && *p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == '(' || *p == ')'))
			*p = ' ';
	}
	out = paste_trimmed(b.data, b.len);
	buf_free(&b);
	return out;
}

/*
 * Follow a zone-file directive: $ORIGIN changes what relative names are
 * relative to (it must stay in the domain), $TTL does not matter here, and
 * others are skipped with a note.
 */
static int
paste_directive(struct paste_ctx *ctx, size_t line, const char *s)
{
	size_t n = strcspn(s, " \t"), len;
	const char *arg;
	char *origin;

	if (paste_word_eq(s, n, "$TTL"))
		return 0;
	if (!paste_word_eq(s, n, "$ORIGIN")) {
		paste_warn(ctx, line, _("skipped the '%.*s' directive"),
		    (int)n, s);
		return 0;
	}
	arg = s + n + strspn(s + n, " \t");
	origin = xstrndup(arg, strcspn(arg, " \t;"));
	for (len = 0; origin[len] != '\0'; len++)
		origin[len] = (char)tolower((unsigned char)origin[len]);
	if (len > 1 && origin[len - 1] == '.')
		origin[--len] = '\0';
	if (!paste_in_domain(origin, ctx->domain)) {
		paste_fail(ctx, line, _("$ORIGIN '%s' is not in %s; check "
		    "that these records are meant for %s"), origin,
		    ctx->domain, ctx->domain);
		free(origin);
		return -1;
	}
	free(ctx->origin);
	ctx->origin = origin;
	return 0;
}

/*
 * Read a line that is neither a comment nor a "Label: value" line: a header
 * (remembered), a record, or text without a record type (skipped with a
 * note). CSV and pipe rows are recognised by a cell that is a record type;
 * everything else is read as words.
 */
static int
paste_record_line(struct paste_ctx *ctx, size_t line, const char *text)
{
	static const struct {
		enum paste_mode	mode;
		char		sep;
		int		quotes;
	} seps[] = {
		{ PASTE_PIPE, '|', 0 },
		{ PASTE_COMMA, ',', 1 },
		{ PASTE_SEMICOLON, ';', 1 }
	};
	struct paste_fields f = { NULL, 0 }, w = { NULL, 0 };
	struct paste_fields cols = { NULL, 0 };
	const struct paste_fields *cells = &w;
	enum paste_mode mode = PASTE_NONE;
	struct paste_header h;
	struct paste_cand c;
	size_t i;
	int rv = 0, columns, header;

	memset(&c, 0, sizeof c);
	c.line = c.name_line = c.type_line = c.value_line = line;
	for (i = 0; i < nitems(seps); i++) {
		if (strchr(text, seps[i].sep) == NULL)
			continue;
		paste_split_cells(text, seps[i].sep, seps[i].quotes, &f);
		if (f.n >= 3 && paste_header_cells(&f, seps[i].mode, &h)) {
			ctx->header = h;
			goto out;
		}
		if (f.n >= 3 && paste_cells_have_type(&f)) {
			mode = seps[i].mode;
			break;
		}
		paste_fields_free(&f);
	}
	if (mode != PASTE_NONE) {
		if (paste_header_fits(&ctx->header, mode, &f, 0))
			paste_mapped_cand(&ctx->header, text, &f,
			    mode != PASTE_PIPE, &c);
		else if (paste_cells_cand(ctx, line, text, &f, &c) == -1) {
			rv = -1;
			goto out;
		}
		rv = paste_add(ctx, &c);
		goto out;
	}

	paste_split_words(text, &w);
	columns = paste_has_columns(&w);
	if (strchr(text, '\t') != NULL) {
		paste_split_cells(text, '\t', 0, &cols);
		cells = &cols;
	} else if (columns) {
		paste_words_columns(text, &w, &cols);
		cells = &cols;
	}
	if (cells == &w)
		header = paste_header_words(text, &w, &h);
	else
		header = paste_header_cells(cells, PASTE_WORDS, &h);
	if (header) {
		ctx->header = h;
		goto out;
	}
	if (!paste_has_type_word(text)) {
		paste_warn(ctx, line, _("skipped, no record type found"));
		goto out;
	}
	if (paste_is_prose(text)) {
		paste_warn(ctx, line, _("skipped, it reads as a sentence, not "
		    "a record"));
		free(ctx->prose_type);
		ctx->prose_type = paste_prose_type(text);
		ctx->prose_line = line;
		goto out;
	}
	if (paste_header_fits(&ctx->header, PASTE_WORDS, cells, cells == &w))
		paste_mapped_cand(&ctx->header, text, cells, 0, &c);
	else if (paste_words_cand(ctx, line, text, &w, &c) == -1) {
		rv = -1;
		goto out;
	}
	rv = paste_add(ctx, &c);

out:
	paste_cand_free(&c);
	paste_fields_free(&f);
	paste_fields_free(&w);
	paste_fields_free(&cols);
	return rv;
}

/* Read one line of the paste; a zone record in parentheses takes more. */
static int
paste_line(struct paste_ctx *ctx, const struct strlist *lines, size_t *idx)
{
	size_t lineno = *idx + 1;
	enum paste_role role;
	char *clean, *text, *type, *value;
	const char *p;
	int rv = 0;

	clean = paste_clean(lines->v[*idx]);
	if (*clean == '\0' || paste_is_comment(clean) || paste_is_rule(clean))
		goto out;
	p = paste_skip_bullet(clean);
	if (paste_key_line(p, &role, &type, &value)) {
		rv = paste_block_key(ctx, lineno, role, type, value);
		free(type);
		free(value);
		goto out;
	}
	if (ctx->block.awaiting != -1) {
		free(ctx->block.val[ctx->block.awaiting]);
		ctx->block.val[ctx->block.awaiting] = xstrdup(p);
		ctx->block.at[ctx->block.awaiting] = lineno;
		ctx->block.awaiting = -1;
		goto out;
	}
	if (paste_block_flush(ctx) == -1) {
		rv = -1;
		goto out;
	}
	if (*p == '$') {
		rv = paste_directive(ctx, lineno, p);
		goto out;
	}
	text = paste_zone_join(ctx, lines, idx, p, lineno);
	if (text == NULL) {
		rv = -1;
		goto out;
	}
	rv = paste_record_line(ctx, lineno, text);
	free(text);
out:
	free(clean);
	return rv;
}

/* Split the paste into lines at LF, CRLF or CR. */
static void
paste_split_lines(const char *text, struct strlist *lines)
{
	const char *p = text;
	size_t n;

	while (*p != '\0') {
		n = strcspn(p, "\r\n");
		lines->v = xreallocarray(lines->v, lines->n + 1,
		    sizeof *lines->v);
		lines->v[lines->n++] = xstrndup(p, n);
		p += n;
		if (p[0] == '\r' && p[1] == '\n')
			p += 2;
		else if (*p != '\0')
			p++;
	}
}

/* Check the domain the records are for and keep it in lower case. */
static int
paste_domain(struct paste_ctx *ctx, const char *domain)
{
	const char *p, *label;
	char *d;
	size_t len;

	d = str_lower(domain != NULL ? domain : "");
	len = strlen(d);
	if (len > 1 && d[len - 1] == '.')
		d[--len] = '\0';
	label = d;
	for (p = d;; p++) {
		if (*p == '.' || *p == '\0') {
			if (p == label || p - label > PASTE_LABEL_MAX)
				break;
			if (*p == '\0') {
				if (len > PASTE_NAME_MAX)
					break;
				ctx->domain = d;
				ctx->origin = xstrdup(d);
				return 0;
			}
			label = p + 1;
		} else if (!isalnum((unsigned char)*p) && *p != '-' &&
		    *p != '_')
			break;
	}
	ctx->cause = xasprintf(_("'%s' is not a valid domain name"),
	    domain != NULL ? domain : "");
	free(d);
	return -1;
}

/*
 * Read pasted records for a domain. See paste.h; on error the result is
 * left empty.
 */
int
paste_read(const char *text, const char *domain, struct paste_result *res,
    char **cause, size_t *errline)
{
	struct strlist lines = { NULL, 0 };
	struct paste_ctx ctx;
	size_t i;
	int rv = -1;

	memset(res, 0, sizeof *res);
	memset(&ctx, 0, sizeof ctx);
	ctx.res = res;
	ctx.block.awaiting = -1;
	paste_header_init(&ctx.header, PASTE_NONE);
	if (cause != NULL)
		*cause = NULL;
	if (errline != NULL)
		*errline = 0;
	if (paste_domain(&ctx, domain) == -1)
		goto out;
	paste_split_lines(text != NULL ? text : "", &lines);
	for (i = 0; i < lines.n; i++) {
		if (paste_line(&ctx, &lines, &i) == -1)
			goto out;
	}
	if (paste_block_flush(&ctx) == -1)
		goto out;
	if (res->nrecords == 0) {
		ctx.cause = xstrdup(_("no records found in the pasted text; "
		    "paste the lines with the record names, types and "
		    "values"));
		goto out;
	}
	rv = 0;
out:
	if (rv == -1) {
		paste_result_free(res);
		if (cause != NULL)
			*cause = ctx.cause;
		else
			free(ctx.cause);
		if (errline != NULL)
			*errline = ctx.errline;
	}
	paste_block_clear(&ctx.block);
	strlist_free(&lines);
	free(ctx.domain);
	free(ctx.origin);
	free(ctx.prose_type);
	return rv;
}

/* Release what paste_read() filled in and leave the result empty. */
void
paste_result_free(struct paste_result *res)
{
	size_t i;

	for (i = 0; i < res->nrecords; i++) {
		free(res->records[i].host);
		free(res->records[i].name);
		free(res->records[i].type);
		free(res->records[i].value);
	}
	free(res->records);
	strlist_free(&res->warnings);
	memset(res, 0, sizeof *res);
}
