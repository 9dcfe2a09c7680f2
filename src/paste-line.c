/* paste-line.c - cleaning a pasted line and cutting it into cells or
   words */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "paste-int.h"

#define PASTE_SHOW_MAX 60	/* bytes of a line quoted in a message */

/* Copy the start of a line for a message, not cutting a UTF-8 character. */
char *
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

/* Copy a trimmed piece of a string. */
char *
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
char *
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
int
paste_is_comment(const char *s)
{
	return *s == ';' || *s == '#' || strncmp(s, "//", 2) == 0;
}

/* Tell whether a line only draws a table ("|---|---|", "====="). */
int
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
const char *
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
void
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
void
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
 * Skip the spaces and tabs at p: *spaces counts them and *tab tells whether
 * one was a tab, which is how a new column shows.
 */
const char *
paste_skip_blanks(const char *p, size_t *spaces, int *tab)
{
	*spaces = 0;
	*tab = 0;
	while (*p == ' ' || *p == '\t') {
		if (*p == '\t')
			*tab = 1;
		(*spaces)++;
		p++;
	}
	return p;
}

/*
 * Split a line into words. A word that starts with a double quote runs to
 * the closing one (zone-file character-strings, with backslash escapes); a
 * word after a tab or a run of spaces starts a new column.
 */
void
paste_split_words(const char *line, struct paste_fields *out)
{
	const char *p = line, *start;
	struct paste_field *f;
	size_t spaces;
	int strong, tab, quoted, open;

	while (*p != '\0') {
		p = paste_skip_blanks(p, &spaces, &tab);
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
int
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
void
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

/* Split the paste into lines at LF, CRLF or CR. */
void
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
