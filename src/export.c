/* export.c - one record set, many formats: the API and what they share */
/* wcwidth() is X/Open. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "export-int.h"

const char *const export_formats[] = {
	"table", "zone", "nsupdate", "csv", "json", "xml", "dnscontrol",
	"octodns", "terraform", "route53", NULL
};

/* A format: its name and the function that renders it. */
struct export_format {
	const char *name;
	int (*render)(struct buf *, const struct record_set *, char **);
};

static const struct export_format format_table[] = {
	{ .name = "table", .render = export_table },
	{ .name = "zone", .render = export_zone },
	{ .name = "nsupdate", .render = export_nsupdate },
	{ .name = "csv", .render = export_csv },
	{ .name = "json", .render = export_json },
	{ .name = "xml", .render = export_xml },
	{ .name = "dnscontrol", .render = export_dnscontrol },
	{ .name = "octodns", .render = export_octodns },
	{ .name = "terraform", .render = export_terraform },
	{ .name = "route53", .render = export_route53 },
};

/* ------------------------------------------------------------------ */
/* API                                                                 */
/* ------------------------------------------------------------------ */

/* Find a format by name. */
static const struct export_format *
export_find(const char *format)
{
	size_t i;

	if (format == NULL)
		return NULL;
	for (i = 0; i < nitems(format_table); i++) {
		if (strcmp(format_table[i].name, format) == 0)
			return &format_table[i];
	}
	return NULL;
}

/* Tell whether a format name is one export_render knows. */
int
export_format_valid(const char *format)
{
	return export_find(format) != NULL;
}

/* Render a record set in a format; NULL with *cause on failure. */
char *
export_render(const struct record_set *rs, const char *format, char **cause)
{
	const struct export_format *f;
	struct buf b, names;
	size_t i;

	f = export_find(format);
	if (f == NULL) {
		buf_init(&names);
		for (i = 0; export_formats[i] != NULL; i++) {
			if (i > 0)
				buf_puts(&names, ", ");
			buf_puts(&names, export_formats[i]);
		}
		*cause = xasprintf(_("unknown export format '%s'; use one of: "
		    "%s"), format != NULL ? format : "", names.data);
		buf_free(&names);
		return NULL;
	}
	buf_init(&b);
	if (f->render(&b, rs, cause) == -1) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/*
 * Render and write to a file atomically (temporary file, then rename), or
 * to standard output when the path is "-".
 */
int
export_write(const struct record_set *rs, const char *format,
    const char *path, char **cause)
{
	char *data;
	size_t len;
	int rc = 0;

	data = export_render(rs, format, cause);
	if (data == NULL)
		return -1;
	len = strlen(data);
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len ||
		    fflush(stdout) != 0) {
			*cause = xasprintf(_("cannot write '%s': %s"),
			    _("standard output"), strerror(errno));
			rc = -1;
		}
	} else
		rc = file_write_atomic(path, data, len, 0644, cause);
	free(data);
	return rc;
}

/* ------------------------------------------------------------------ */
/* UTF-8                                                               */
/* ------------------------------------------------------------------ */

/* Decode the valid UTF-8 sequence of n bytes at s. */
unsigned long
export_utf8_decode(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t i;

	if (n == 1)
		return p[0];
	cp = p[0] & (n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07);
	for (i = 1; i < n; i++)
		cp = (cp << 6) | (p[i] & 0x3f);
	return cp;
}

/* Copy a string with each byte that is not UTF-8 replaced by U+FFFD. */
char *
export_utf8_repair(const char *s)
{
	struct buf b;
	size_t n;

	buf_init(&b);
	while (*s != '\0') {
		n = utf8_len(s);
		if (n == 0) {
			buf_puts(&b, "\xef\xbf\xbd");
			s++;
		} else {
			buf_add(&b, s, n);
			s += n;
		}
	}
	return buf_detach(&b);
}

/*
 * How many bytes of s, at most max, end at a character boundary (a byte
 * that is not UTF-8 counts as a character of its own).
 */
size_t
export_utf8_cut(const char *s, size_t max)
{
	size_t len = 0, n;

	while (s[len] != '\0') {
		n = utf8_len(s + len);
		if (n == 0)
			n = 1;
		if (len + n > max)
			break;
		len += n;
	}
	return len;
}

/* ------------------------------------------------------------------ */
/* Text for people: terminal columns, wrapping, comments               */
/* ------------------------------------------------------------------ */

/*
 * Copy text for people: control characters and line separators become
 * spaces, so a comment stays on its line; bytes that are not UTF-8 become
 * U+FFFD.
 */
static char *
clean_text(const char *s)
{
	struct buf b;
	unsigned long cp;
	char *valid, *p;
	size_t n;

	valid = export_utf8_repair(s);
	buf_init(&b);
	for (p = valid; *p != '\0'; p += n) {
		n = utf8_len(p);
		cp = export_utf8_decode(p, n);
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
		    cp == 0x2028 || cp == 0x2029)
			buf_putc(&b, ' ');
		else
			buf_add(&b, p, n);
	}
	free(valid);
	return buf_detach(&b);
}

/* Columns that n bytes of UTF-8 take on a terminal. */
static size_t
text_width(const char *s, size_t n)
{
	wchar_t *ws;
	char *copy;
	size_t len, i, width = 0;
	int w;

	copy = xstrndup(s, n);
	len = mbstowcs(NULL, copy, 0);
	if (len == (size_t)-1) {
		/* Not in a UTF-8 locale: count characters, not bytes. */
		for (i = 0; i < n; i++) {
			if (s[i] == '\t')
				width += 8 - width % 8;
			else if (((unsigned char)s[i] & 0xc0) != 0x80)
				width++;
		}
		free(copy);
		return width;
	}
	ws = xreallocarray(NULL, len + 1, sizeof *ws);
	mbstowcs(ws, copy, len + 1);
	for (i = 0; i < len; i++) {
		if (ws[i] == L'\t') {
			/* Tab stops every 8 columns, as in editors. */
			width += 8 - width % 8;
			continue;
		}
		w = wcwidth(ws[i]);
		width += w < 0 ? 1 : (size_t)w;
	}
	free(ws);
	free(copy);
	return width;
}

/* Columns a C string takes on a terminal. */
size_t
export_str_width(const char *s)
{
	return text_width(s, strlen(s));
}

/* Bytes of the longest start of s that takes at most cols columns, cut
   between characters (a byte that is not UTF-8 is one of its own). */
size_t
export_str_fit(const char *s, size_t cols)
{
	size_t off = 0, n;

	while (s[off] != '\0') {
		n = utf8_len(s + off);
		if (n == 0)
			n = 1;
		if (text_width(s, off + n) > cols)
			break;
		off += n;
	}
	return off;
}

/* Whether a line may not start with wc: closing punctuation (the simplest
   rule of Japanese kinsoku shori, and its ASCII counterparts). */
int
export_no_break_before(wchar_t wc)
{
	static const wchar_t closing[] = L"\u3001\u3002\uff0c\uff0e"
	    L"\uff09\u300d\u300f\u3011\uff3d\uff5d\u3009\u300b"
	    L"\uff1a\uff1b\uff01\uff1f\u30fc\u3063\u30c3\u3083"
	    L"\u30e3\u3085\u30e5\u3087\u30e7)]},.:;!?";

	return wc != 0 && wcschr(closing, wc) != NULL;
}

/*
 * Bytes of the longest start of the n bytes at s that fit in room columns
 * and end where text without spaces (Japanese) may break: next to a wide
 * character, never inside a run of narrow ones, never before closing
 * punctuation. 0 when there is no such place or no wide character.
 */
static size_t
wrap_fit(const char *s, size_t n, size_t room)
{
	mbstate_t ps;
	wchar_t wc;
	size_t off = 0, best = 0, k, col = 0;
	int w, prevw = 1;

	memset(&ps, 0, sizeof ps);
	while (off < n) {
		k = mbrtowc(&wc, s + off, n - off, &ps);
		if (k == 0 || k == (size_t)-1 || k == (size_t)-2)
			return 0;
		w = wcwidth(wc);
		if (w < 0)
			w = 1;
		if (off > 0 && !export_no_break_before(wc) && (w > 1 || prevw > 1))
			best = off;
		if (col + (size_t)w > room)
			return best;
		col += (size_t)w;
		prevw = w;
		off += k;
	}
	return n;
}

/*
 * Append text wrapped at word boundaries so no line is wider than width
 * columns (a longer word stays whole, unless it is text without spaces
 * such as Japanese, which breaks next to its wide characters); the first
 * line starts with first, the others with rest (NULL: as many spaces as
 * first is wide).
 */
void
export_wrap(struct buf *b, const char *text, size_t width, const char *first,
    const char *rest)
{
	char *clean, *spaces = NULL;
	const char *p, *e;
	size_t col, w, fit;
	int empty = 1;

	if (rest == NULL) {
		w = export_str_width(first);
		spaces = xmalloc(w + 1);
		memset(spaces, ' ', w);
		spaces[w] = '\0';
		rest = spaces;
	}
	clean = clean_text(text);
	buf_puts(b, first);
	col = export_str_width(first);
	p = clean;
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		e = p;
		while (*e != '\0' && *e != ' ')
			e++;
		w = text_width(p, (size_t)(e - p));
		if (col + (empty ? 0 : 1) + w > width) {
			fit = wrap_fit(p, (size_t)(e - p), width > col +
			    (empty ? 0 : 1) ? width - col - (empty ? 0 : 1) : 0);
			if (fit > 0 && fit < (size_t)(e - p)) {
				if (!empty)
					buf_putc(b, ' ');
				buf_add(b, p, fit);
				buf_putc(b, '\n');
				buf_puts(b, rest);
				col = export_str_width(rest);
				empty = 1;
				p += fit;
				continue;
			}
		}
		if (!empty && col + 1 + w > width) {
			buf_putc(b, '\n');
			buf_puts(b, rest);
			col = export_str_width(rest);
			empty = 1;
			/* Again on the new line: text without spaces
			   wider than it still breaks. */
			continue;
		}
		if (!empty) {
			buf_putc(b, ' ');
			col++;
		}
		buf_add(b, p, (size_t)(e - p));
		col += w;
		empty = 0;
		p = e;
	}
	/* No trailing blanks when the text was empty. */
	while (empty && b->len > 0 && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
	buf_putc(b, '\n');
	free(clean);
	free(spaces);
}

/* Append text that must stay on its line, controls made spaces. */
void
export_put_clean(struct buf *b, const char *text)
{
	char *clean;
	size_t len;

	len = strlen(text);
	clean = clean_text(text);
	/* Keep the final newline that clean_text() made a space. */
	if (len > 0 && text[len - 1] == '\n')
		clean[strlen(clean) - 1] = '\n';
	buf_puts(b, clean);
	free(clean);
}

/* Append a string of n spaces. */
void
export_put_spaces(struct buf *b, size_t n)
{
	while (n-- > 0)
		buf_putc(b, ' ');
}

/* Append text as comment lines, each starting with the comment leader. */
void
export_put_comment(struct buf *b, const char *leader, const char *text)
{
	char *first;

	first = xasprintf("%s ", leader);
	export_wrap(b, text, EXPORT_WRAP, first, first);
	free(first);
}

/* Append formatted text as comment lines. */
void
export_put_header(struct buf *b, const char *leader, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	export_put_comment(b, leader, s);
	free(s);
}

/* Append the comment that opens a file: what it holds and for whom. */
void
export_put_title(struct buf *b, const char *leader,
    const struct record_set *rs)
{
	char *s;

	s = export_set_summary(rs);
	export_put_header(b, leader, _("mailwiz: DNS records for %s"), s);
	free(s);
}

/* Append a comment saying what a record is for and what to do with it. */
void
export_put_purpose(struct buf *b, const char *leader, const struct record *r)
{
	export_put_header(b, leader, "%s (%s): %s: %s", r->purpose, r->type,
	    record_action_name(r->action), export_action_text(r->action));
}

/* Append a comment naming the value a record replaces, when known. */
void
export_put_replaces(struct buf *b, const char *leader,
    const struct record *r)
{
	if (r->action == RECORD_REPLACE && r->replaces != NULL)
		export_put_header(b, leader, _("replaces: %s"), r->replaces);
}

/* Append the warnings and the note of a set as comment lines. */
void
export_put_trailer(struct buf *b, const struct record_set *rs,
    const char *leader)
{
	char *first, *rest;
	size_t i;

	for (i = 0; i < rs->nwarnings; i++) {
		first = xasprintf("%s %s", leader, _("warning: "));
		rest = xasprintf("%s   ", leader);
		export_wrap(b, rs->warnings[i].message, EXPORT_WRAP, first,
		    rest);
		free(rest);
		free(first);
	}
	if (rs->note != NULL)
		export_put_header(b, leader, _("note: %s"), rs->note);
}

/* ------------------------------------------------------------------ */
/* Records and record sets                                             */
/* ------------------------------------------------------------------ */

/* Tell whether a record is a TXT record (SPF type counts as one). */
int
export_is_txt(const struct record *r)
{
	return str_caseeq(r->type, "TXT") || str_caseeq(r->type, "SPF");
}

/* Tell whether a record's value is a domain name. */
int
export_is_name_type(const struct record *r)
{
	return str_caseeq(r->type, "CNAME") || str_caseeq(r->type, "NS") ||
	    str_caseeq(r->type, "PTR");
}

/* Split an MX value "10 host." into its preference and exchange. */
int
export_mx_parse(const char *value, unsigned long *pref, char **host,
    char **cause)
{
	char *copy, *sp, *h;

	copy = xstrdup(value);
	sp = strchr(copy, ' ');
	if (sp == NULL)
		goto bad;
	*sp = '\0';
	h = sp + 1;
	while (*h == ' ')
		h++;
	if (parse_uint(copy, 0, 65535, pref) == -1 || *h == '\0' ||
	    strchr(h, ' ') != NULL)
		goto bad;
	*host = xstrdup(h);
	free(copy);
	return 0;

bad:
	free(copy);
	*cause = xasprintf(_("cannot read MX value '%s'"), value);
	return -1;
}

/* A name without its trailing dot, as APIs that take FQDNs want it. */
char *
export_name_nodot(const char *name)
{
	size_t len = strlen(name);

	if (len > 1 && name[len - 1] == '.')
		len--;
	return xstrndup(name, len);
}

/* What an action means, in words for people; the files show it after the
   action's name ("create: add this record"), which the readers of the
   files take back in any language. */
const char *
export_action_text(enum record_action a)
{
	switch (a) {
	case RECORD_CREATE:
		return _("add this record");
	case RECORD_REPLACE:
		return _("change the existing record");
	case RECORD_KEEP:
		return _("already published, nothing to do");
	}
	return "";
}

/* Describe the set in one line: domain, feature, server and provider. */
char *
export_set_summary(const struct record_set *rs)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, rs->domain_display);
	if (strcmp(rs->domain, rs->domain_display) != 0)
		buf_printf(&b, " (%s)", rs->domain);
	if (rs->feature != NULL)
		buf_printf(&b, _(", feature %s"), rs->feature);
	if (rs->server != NULL)
		buf_printf(&b, _(", server %s"), rs->server);
	if (rs->provider != NULL)
		buf_printf(&b, _(", provider %s"), rs->provider);
	return buf_detach(&b);
}

/* Group the records that share a name and type, in order of appearance. */
size_t
export_group_rrsets(const struct record_set *rs, struct rrset **out)
{
	struct rrset *sets = NULL;
	const struct record *r, *f;
	size_t nsets = 0, i, j;

	for (i = 0; i < rs->nrecords; i++) {
		r = &rs->records[i];
		for (j = 0; j < nsets; j++) {
			f = &rs->records[sets[j].idx[0]];
			if (str_caseeq(f->name, r->name) &&
			    str_caseeq(f->type, r->type))
				break;
		}
		if (j == nsets) {
			sets = xreallocarray(sets, nsets + 1, sizeof *sets);
			sets[nsets].idx = NULL;
			sets[nsets].n = 0;
			sets[nsets].ttl = r->ttl;
			nsets++;
		}
		sets[j].idx = xreallocarray(sets[j].idx, sets[j].n + 1,
		    sizeof *sets[j].idx);
		sets[j].idx[sets[j].n++] = i;
		if (r->ttl < sets[j].ttl)
			sets[j].ttl = r->ttl;
	}
	*out = sets;
	return nsets;
}

/* Release what export_group_rrsets made. */
void
export_free_rrsets(struct rrset *sets, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(sets[i].idx);
	free(sets);
}
