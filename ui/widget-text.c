/* widget-text.c - text laid out by display width (wcwidth): measuring,
   wrapping, clipped drawing, and scrollable documents */

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "export.h"
#include "ui.h"

/* Decode one UTF-8 character; returns its length (1 for a bad byte, then
   *wc is U+FFFD). */
static size_t
ui_decode(const char *s, size_t len, wchar_t *wc)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i;
	unsigned long v;

	if (len == 0) {
		*wc = 0;
		return 0;
	}
	if (p[0] < 0x80) {
		*wc = p[0];
		return 1;
	}
	if ((p[0] & 0xe0) == 0xc0) {
		n = 2;
		v = p[0] & 0x1f;
	} else if ((p[0] & 0xf0) == 0xe0) {
		n = 3;
		v = p[0] & 0x0f;
	} else if ((p[0] & 0xf8) == 0xf0) {
		n = 4;
		v = p[0] & 0x07;
	} else {
		*wc = 0xfffd;
		return 1;
	}
	if (n > len) {
		*wc = 0xfffd;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*wc = 0xfffd;
			return 1;
		}
		v = v << 6 | (p[i] & 0x3f);
	}
	if ((n == 2 && v < 0x80) || (n == 3 && v < 0x800) ||
	    (n == 4 && v < 0x10000) || v > 0x10ffff ||
	    (v >= 0xd800 && v <= 0xdfff)) {
		*wc = 0xfffd;
		return 1;
	}
	*wc = (wchar_t)v;
	return n;
}

/* Columns a character takes; what cannot be shown is drawn as '?'. */
static int
ui_char_width(wchar_t wc)
{
	int w;

	if (wc < 0x20 || wc == 0x7f)
		return 1;
	if (wc < 0x80)
		return 1;
	if (!ui_utf8())
		return 1;
	w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

/* Bytes of the character at s. */
size_t
ui_char_len(const char *s)
{
	wchar_t wc;

	return ui_decode(s, strlen(s), &wc);
}

/* Display width of the first len bytes of s. */
size_t
ui_width_n(const char *s, size_t len)
{
	size_t off = 0, w = 0, n;
	wchar_t wc;

	while (off < len) {
		n = ui_decode(s + off, len - off, &wc);
		w += (size_t)ui_char_width(wc);
		off += n;
	}
	return w;
}

/* Display width of a string. */
size_t
ui_width(const char *s)
{
	return ui_width_n(s, strlen(s));
}

/* The width of a column of labels: the widest translation plus gap. */
size_t
ui_label_column(const char *const *msgids, size_t n, size_t gap,
    size_t min, size_t max)
{
	size_t i, w, col = min;

	for (i = 0; i < n; i++) {
		w = ui_width(_(msgids[i])) + gap;
		if (w > col)
			col = w;
	}
	return col < max ? col : max;
}

/* Bytes of the longest start of s that fits in cols columns; its width in
   *width when not NULL. */
size_t
ui_fit(const char *s, size_t cols, size_t *width)
{
	size_t len = strlen(s), off = 0, w = 0, n;
	wchar_t wc;
	int cw;

	while (off < len) {
		n = ui_decode(s + off, len - off, &wc);
		cw = ui_char_width(wc);
		if (w + (size_t)cw > cols)
			break;
		w += (size_t)cw;
		off += n;
	}
	if (width != NULL)
		*width = w;
	return off;
}

/* Whether s holds a character two columns wide (CJK). */
static int
ui_has_wide(const char *s)
{
	size_t len = strlen(s), off = 0;
	wchar_t wc;

	while (off < len) {
		off += ui_decode(s + off, len - off, &wc);
		if (ui_char_width(wc) > 1)
			return 1;
	}
	return 0;
}

/* Bytes of the start of the character before offset n of s (0 if none). */
static size_t
ui_prev_char(const char *s, size_t n)
{
	size_t len = strlen(s), off = 0, prev = 0;
	wchar_t wc;

	while (off < n) {
		prev = off;
		off += ui_decode(s + off, len - off, &wc);
	}
	return prev;
}

/* Bytes of the longest start of s that fits in cols columns and may end a
   line in text without spaces: a break goes next to a wide character,
   never inside a run of narrow ones (a word such as DNS), and never before
   closing punctuation. 0 when there is no such place. */
static size_t
ui_fit_break(const char *s, size_t cols)
{
	size_t n = ui_fit(s, cols, NULL), len = strlen(s), prev;
	wchar_t before, after;

	if (n >= len)
		return n;
	while (n > 0) {
		prev = ui_prev_char(s, n);
		ui_decode(s + prev, len - prev, &before);
		ui_decode(s + n, len - n, &after);
		if (!export_no_break_before(after) && (ui_char_width(before) > 1 ||
		    ui_char_width(after) > 1))
			return n;
		n = prev;
	}
	return 0;
}

/* Append a word of a paragraph to the line being built after `spaces`
   spaces, starting a new line when it does not fit and breaking words
   wider than a line. */
static void
ui_wrap_word(struct buf *line, size_t *linew, const char *word, size_t wlen,
    size_t spaces, size_t width, struct strlist *out)
{
	size_t ww = ui_width_n(word, wlen), n;
	const char *p;
	char *piece;

	if (*linew > 0 && *linew + spaces + ww <= width) {
		for (; spaces > 0; spaces--)
			buf_putc(line, ' ');
		buf_add(line, word, wlen);
		*linew = ui_width(line->data);
		return;
	}
	piece = xstrndup(word, wlen);
	p = piece;
	if (*linew > 0 && ui_has_wide(piece) &&
	    *linew + spaces < width) {
		/* Text in a script without spaces (Japanese) may break
		   between any two characters: fill the line first. */
		n = ui_fit_break(p, width - *linew - spaces);
		if (n > 0) {
			for (; spaces > 0; spaces--)
				buf_putc(line, ' ');
			buf_add(line, p, n);
			p += n;
		}
	}
	if (*linew > 0) {
		strlist_add(out, line->data);
		line->len = 0;
		line->data[0] = '\0';
	}
	while (ui_width(p) > width) {
		n = ui_fit_break(p, width);
		if (n == 0)
			n = ui_fit(p, width, NULL);
		if (n == 0)
			n = ui_char_len(p);
		buf_add(line, p, n);
		strlist_add(out, line->data);
		line->len = 0;
		line->data[0] = '\0';
		p += n;
	}
	buf_puts(line, p);
	*linew = ui_width(line->data);
	free(piece);
}

/* Wrap text at a display width into lines: paragraphs at newlines, words
   at spaces, words wider than a line broken; a paragraph's leading spaces
   are kept. */
void
ui_wrap(const char *text, size_t width, struct strlist *out)
{
	const char *p = text, *nl, *end, *w;
	struct buf line;
	size_t linew, spaces;
	int first;

	if (width == 0)
		width = 1;
	buf_init(&line);
	for (;;) {
		nl = strchr(p, '\n');
		end = nl != NULL ? nl : p + strlen(p);
		line.len = 0;
		line.data[0] = '\0';
		linew = 0;
		first = 1;
		while (p < end) {
			spaces = 0;
			while (p < end && *p == ' ') {
				p++;
				spaces++;
			}
			w = p;
			while (p < end && *p != ' ')
				p++;
			if (p == w)
				break;
			if (first && spaces > 0 && spaces < width / 2 &&
			    spaces + ui_width_n(w, (size_t)(p - w)) <= width) {
				for (; spaces > 0; spaces--)
					buf_putc(&line, ' ');
				linew = ui_width(line.data);
			}
			ui_wrap_word(&line, &linew, w, (size_t)(p - w),
			    spaces, width, out);
			first = 0;
		}
		strlist_add(out, line.data);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	buf_free(&line);
}

/* Draw a string at (y, x) in at most maxw columns; returns the columns
   used. Control characters, and all but ASCII in a locale that is not
   UTF-8, are drawn as '?'. */
int
ui_put(int y, int x, int maxw, int attr, const char *s)
{
	size_t len = strlen(s), off = 0, n;
	int used = 0, cw;
	wchar_t wc;
	char one[8];

	if (maxw <= 0)
		return 0;
	wattrset(stdscr, ui_attr(attr));
	wmove(stdscr, y, x);
	while (off < len) {
		n = ui_decode(s + off, len - off, &wc);
		cw = ui_char_width(wc);
		if (used + cw > maxw)
			break;
		if (wc < 0x20 || wc == 0x7f || wc == 0xfffd ||
		    (wc >= 0x80 && !ui_utf8()))
			waddch(stdscr, '?');
		else if (cw > 0 || used > 0) {
			memcpy(one, s + off, n);
			one[n] = '\0';
			waddstr(stdscr, one);
		}
		used += cw;
		off += n;
	}
	wattrset(stdscr, A_NORMAL);
	return used;
}

/* Draw a string like ui_put, ending it with an ellipsis when it does not
   fit. */
int
ui_put_cut(int y, int x, int maxw, int attr, const char *s)
{
	const char *dots = ui_glyph(UI_G_ELLIPSIS);
	size_t dw = ui_width(dots), n;
	char *cut;
	int used;

	if (maxw <= 0)
		return 0;
	if (ui_width(s) <= (size_t)maxw || (size_t)maxw <= dw)
		return ui_put(y, x, maxw, attr, s);
	n = ui_fit(s, (size_t)maxw - dw, NULL);
	cut = xasprintf("%.*s%s", (int)n, s, dots);
	used = ui_put(y, x, maxw, attr, cut);
	free(cut);
	return used;
}

/* Fill w columns with spaces. */
void
ui_fill(int y, int x, int w, int attr)
{
	int i;

	if (w <= 0)
		return;
	wattrset(stdscr, ui_attr(attr));
	wmove(stdscr, y, x);
	for (i = 0; i < w; i++)
		waddch(stdscr, ' ');
	wattrset(stdscr, A_NORMAL);
}

/* Draw a horizontal line w columns long. */
void
ui_hline(int y, int x, int w, int attr)
{
	int i;

	for (i = 0; i < w; i++)
		ui_put(y, x + i, 1, attr, ui_glyph(UI_G_HLINE));
}

/* Draw a box on the edge of a rectangle. */
void
ui_box(struct ui_rect r, int attr)
{
	int i;

	if (r.h < 2 || r.w < 2)
		return;
	ui_put(r.y, r.x, 1, attr, ui_glyph(UI_G_UL));
	ui_hline(r.y, r.x + 1, r.w - 2, attr);
	ui_put(r.y, r.x + r.w - 1, 1, attr, ui_glyph(UI_G_UR));
	for (i = 1; i < r.h - 1; i++) {
		ui_put(r.y + i, r.x, 1, attr, ui_glyph(UI_G_VLINE));
		ui_put(r.y + i, r.x + r.w - 1, 1, attr, ui_glyph(UI_G_VLINE));
	}
	ui_put(r.y + r.h - 1, r.x, 1, attr, ui_glyph(UI_G_LL));
	ui_hline(r.y + r.h - 1, r.x + 1, r.w - 2, attr);
	ui_put(r.y + r.h - 1, r.x + r.w - 1, 1, attr, ui_glyph(UI_G_LR));
}

/* Add a line to a document. */
static void
ui_doc_push(struct ui_doc *d, int attr_label, const char *label, int attr,
    const char *text)
{
	struct ui_line *l;

	d->lines = xreallocarray(d->lines, d->n + 1, sizeof *d->lines);
	l = &d->lines[d->n++];
	l->text = xasprintf("%s%s", label, text);
	l->label = strlen(label);
	l->attr_label = attr_label;
	l->attr = attr;
}

/* Add one line, not wrapped (clipped when drawn). */
void
ui_doc_add(struct ui_doc *d, int attr, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	ui_doc_push(d, attr, "", attr, s);
	free(s);
}

/* Add an empty line. */
void
ui_doc_blank(struct ui_doc *d)
{
	ui_doc_push(d, UI_A_NORMAL, "", UI_A_NORMAL, "");
}

/* The width left for text after the wider of two labels. */
static size_t
ui_doc_room(size_t width, const char *first, const char *rest)
{
	size_t lw = ui_width(first), rw = ui_width(rest);

	if (rw > lw)
		lw = rw;
	return width > lw + 1 ? width - lw : 1;
}

/* Add text wrapped at words to width columns, after a label on the first
   line (`first`) and on the others (`rest`, usually spaces; NULL for as
   many spaces as `first` is wide, so a translated label keeps the text
   aligned). */
void
ui_doc_wrap(struct ui_doc *d, size_t width, int attr_label,
    const char *first, const char *rest, int attr, const char *text)
{
	struct strlist lines = { NULL, 0 };
	char *spaces = NULL;
	size_t i, n;

	if (rest == NULL) {
		n = ui_width(first);
		spaces = xmalloc(n + 1);
		memset(spaces, ' ', n);
		spaces[n] = '\0';
		rest = spaces;
	}
	ui_wrap(text, ui_doc_room(width, first, rest), &lines);
	for (i = 0; i < lines.n; i++)
		ui_doc_push(d, attr_label, i == 0 ? first : rest, attr,
		    lines.v[i]);
	strlist_free(&lines);
	free(spaces);
}

/* Add text cut at exactly width columns wherever it falls, keeping every
   character in place (record values, where a space matters). */
void
ui_doc_hard(struct ui_doc *d, size_t width, int attr_label,
    const char *first, const char *rest, int attr, const char *text)
{
	size_t room = ui_doc_room(width, first, rest), n, used;
	const char *p = text;
	char *piece;
	int line = 0;

	do {
		n = ui_fit(p, room, &used);
		if (n == 0 && *p != '\0')
			n = ui_char_len(p);
		piece = xstrndup(p, n);
		ui_doc_push(d, attr_label, line == 0 ? first : rest, attr,
		    piece);
		free(piece);
		p += n;
		line++;
	} while (*p != '\0');
}

/* Release a document. */
void
ui_doc_free(struct ui_doc *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->lines[i].text);
	free(d->lines);
	d->lines = NULL;
	d->n = 0;
}

/* Draw the lines of a document from `top` in a rectangle, with marks at
   the right edge when there is more above or below; returns the lines
   drawn. */
size_t
ui_doc_draw(const struct ui_doc *d, struct ui_rect r, size_t top)
{
	const struct ui_line *l;
	size_t i;
	char *label;
	int used;

	for (i = 0; i < (size_t)r.h && top + i < d->n; i++) {
		l = &d->lines[top + i];
		label = xstrndup(l->text, l->label);
		used = ui_put(r.y + (int)i, r.x, r.w, l->attr_label, label);
		free(label);
		ui_put(r.y + (int)i, r.x + used, r.w - used, l->attr,
		    l->text + l->label);
	}
	if (top > 0 && r.h > 0)
		ui_put(r.y, r.x + r.w, 1, UI_A_HEADING,
		    ui_glyph(UI_G_MORE_UP));
	if (top + (size_t)r.h < d->n && r.h > 0)
		ui_put(r.y + r.h - 1, r.x + r.w, 1, UI_A_HEADING,
		    ui_glyph(UI_G_MORE_DOWN));
	return i;
}

/* Scroll keys for a view of `page` lines over n lines: UI_USED when the
   key was one. */
int
ui_doc_scroll(size_t *top, size_t n, int page, int key)
{
	size_t max = n > (size_t)page ? n - (size_t)page : 0;
	size_t step = page > 1 ? (size_t)page - 1 : 1;

	switch (key) {
	case UI_KEY(KEY_UP):
		if (*top > 0)
			(*top)--;
		break;
	case UI_KEY(KEY_DOWN):
		if (*top < max)
			(*top)++;
		break;
	case UI_KEY(KEY_PPAGE):
		*top = *top > step ? *top - step : 0;
		break;
	case UI_KEY(KEY_NPAGE):
		*top = *top + step < max ? *top + step : max;
		break;
	case UI_KEY(KEY_HOME):
		*top = 0;
		break;
	case UI_KEY(KEY_END):
		*top = max;
		break;
	default:
		if (*top > max)
			*top = max;
		return UI_IGNORED;
	}
	return UI_USED;
}
