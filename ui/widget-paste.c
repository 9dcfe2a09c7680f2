/* widget-paste.c - a multi-line area for records pasted from an e-mail or
   a provider's panel: keeps the text as pasted, marks a line in error */

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "ui.h"

/* Start empty. */
void
ui_paste_init(struct ui_paste *p)
{
	memset(p, 0, sizeof *p);
	buf_init(&p->text);
}

/* Release the text. */
void
ui_paste_free(struct ui_paste *p)
{
	buf_free(&p->text);
}

/* Replace the text; the cursor goes to the start. */
void
ui_paste_set(struct ui_paste *p, const char *s)
{
	p->text.len = 0;
	p->text.data[0] = '\0';
	buf_puts(&p->text, s != NULL ? s : "");
	p->cur = 0;
	p->top = 0;
	p->xoff = 0;
}

/* Whether there is nothing but white space. */
int
ui_paste_blank(const struct ui_paste *p)
{
	const char *s;

	for (s = p->text.data; *s != '\0'; s++) {
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	}
	return 1;
}

/* The start of the line holding off. */
static size_t
paste_line_start(const struct ui_paste *p, size_t off)
{
	while (off > 0 && p->text.data[off - 1] != '\n')
		off--;
	return off;
}

/* The end (the newline or the end of text) of the line holding off. */
static size_t
paste_line_end(const struct ui_paste *p, size_t off)
{
	while (off < p->text.len && p->text.data[off] != '\n')
		off++;
	return off;
}

/* The 0-based line of an offset. */
static size_t
paste_line_of(const struct ui_paste *p, size_t off)
{
	size_t i, n = 0;

	for (i = 0; i < off; i++) {
		if (p->text.data[i] == '\n')
			n++;
	}
	return n;
}

/* How many lines the text has. */
static size_t
paste_lines(const struct ui_paste *p)
{
	return paste_line_of(p, p->text.len) + 1;
}

/* The offset where a 0-based line starts (the end when there are fewer
   lines). */
static size_t
paste_line_offset(const struct ui_paste *p, size_t line)
{
	size_t off = 0;

	while (line > 0 && off < p->text.len) {
		if (p->text.data[off] == '\n')
			line--;
		off++;
	}
	return off;
}

/* Display columns from the start of the line to off. */
static size_t
paste_col(const struct ui_paste *p, size_t off)
{
	size_t start = paste_line_start(p, off);

	return ui_width_n(p->text.data + start, off - start);
}

/* The offset in the line starting at `start` nearest to column col. */
static size_t
paste_at_col(const struct ui_paste *p, size_t start, size_t col)
{
	size_t end = paste_line_end(p, start), off = start, w = 0, n, cw;

	while (off < end) {
		n = ui_char_len(p->text.data + off);
		cw = ui_width_n(p->text.data + off, n);
		if (w + cw > col)
			break;
		w += cw;
		off += n;
	}
	return off;
}

/* Insert bytes at the cursor. */
static void
paste_insert(struct ui_paste *p, const char *s, size_t n)
{
	buf_add(&p->text, s, n);
	memmove(p->text.data + p->cur + n, p->text.data + p->cur,
	    p->text.len - n - p->cur);
	memcpy(p->text.data + p->cur, s, n);
	p->cur += n;
}

/* Delete bytes [from, to). */
static void
paste_cut(struct ui_paste *p, size_t from, size_t to)
{
	memmove(p->text.data + from, p->text.data + to,
	    p->text.len - to + 1);
	p->text.len -= to - from;
	p->cur = from;
}

/* Move the cursor lines up (negative) or down, keeping its column. */
static void
paste_move_lines(struct ui_paste *p, long delta)
{
	size_t line = paste_line_of(p, p->cur), col = paste_col(p, p->cur);
	size_t last = paste_lines(p) - 1, want;

	if (delta < 0)
		want = (size_t)-delta > line ? 0 : line - (size_t)-delta;
	else
		want = line + (size_t)delta > last ? last :
		    line + (size_t)delta;
	p->cur = paste_at_col(p, paste_line_offset(p, want), col);
}

/* Edit with a key: UI_CHANGED, UI_USED or UI_IGNORED (Tab, Esc, ...).
   Enter starts a new line; while pasting a tab is kept as text. */
int
ui_paste_key(struct ui_paste *p, int key, int pasting)
{
	char enc[4];
	size_t n, page = p->at.h > 3 ? (size_t)p->at.h - 3 : 1;
	unsigned v;

	if (key == '\r' || key == '\n' || key == UI_KEY(KEY_ENTER)) {
		paste_insert(p, "\n", 1);
		return UI_CHANGED;
	}
	if (key == '\t' && pasting) {
		paste_insert(p, "\t", 1);
		return UI_CHANGED;
	}
	if (!(key & UI_FN) && key >= 0x20 && key != 0x7f && key <= 0x10ffff &&
	    (key < 0x80 || iswprint((wint_t)key))) {
		v = (unsigned)key;
		if (v < 0x80) {
			enc[0] = (char)v;
			n = 1;
		} else if (v < 0x800) {
			enc[0] = (char)(0xc0 | v >> 6);
			enc[1] = (char)(0x80 | (v & 0x3f));
			n = 2;
		} else if (v < 0x10000) {
			enc[0] = (char)(0xe0 | v >> 12);
			enc[1] = (char)(0x80 | (v >> 6 & 0x3f));
			enc[2] = (char)(0x80 | (v & 0x3f));
			n = 3;
		} else {
			enc[0] = (char)(0xf0 | v >> 18);
			enc[1] = (char)(0x80 | (v >> 12 & 0x3f));
			enc[2] = (char)(0x80 | (v >> 6 & 0x3f));
			enc[3] = (char)(0x80 | (v & 0x3f));
			n = 4;
		}
		paste_insert(p, enc, n);
		return UI_CHANGED;
	}
	switch (key) {
	case UI_KEY(KEY_LEFT):
		if (p->cur > 0) {
			p->cur--;
			while (p->cur > 0 && ((unsigned char)
			    p->text.data[p->cur] & 0xc0) == 0x80)
				p->cur--;
		}
		return UI_USED;
	case UI_KEY(KEY_RIGHT):
		if (p->cur < p->text.len)
			p->cur += ui_char_len(p->text.data + p->cur);
		return UI_USED;
	case UI_KEY(KEY_UP):
		paste_move_lines(p, -1);
		return UI_USED;
	case UI_KEY(KEY_DOWN):
		paste_move_lines(p, 1);
		return UI_USED;
	case UI_KEY(KEY_PPAGE):
		paste_move_lines(p, -(long)page);
		return UI_USED;
	case UI_KEY(KEY_NPAGE):
		paste_move_lines(p, (long)page);
		return UI_USED;
	case UI_KEY(KEY_HOME):
	case UI_CTRL('a'):
		p->cur = paste_line_start(p, p->cur);
		return UI_USED;
	case UI_KEY(KEY_END):
	case UI_CTRL('e'):
		p->cur = paste_line_end(p, p->cur);
		return UI_USED;
	case UI_KEY(KEY_BACKSPACE):
	case 0x7f:
	case UI_CTRL('h'):
		if (p->cur == 0)
			return UI_USED;
		n = p->cur - 1;
		while (n > 0 &&
		    ((unsigned char)p->text.data[n] & 0xc0) == 0x80)
			n--;
		paste_cut(p, n, p->cur);
		return UI_CHANGED;
	case UI_KEY(KEY_DC):
	case UI_CTRL('d'):
		if (p->cur >= p->text.len)
			return UI_USED;
		paste_cut(p, p->cur, p->cur + ui_char_len(p->text.data +
		    p->cur));
		return UI_CHANGED;
	case UI_CTRL('u'):
		paste_cut(p, paste_line_start(p, p->cur), p->cur);
		return UI_CHANGED;
	case UI_CTRL('k'):
		n = paste_line_end(p, p->cur);
		if (n == p->cur && n < p->text.len)
			n++;
		paste_cut(p, p->cur, n);
		return UI_CHANGED;
	}
	return UI_IGNORED;
}

/* Draw the area in a box: a gutter marks the line in error; the cursor
   line and column stay in view. */
void
ui_paste_draw(struct ui_paste *p, struct ui_rect r, int focused)
{
	size_t ih, iw, cl, cc, nlines, i, off, end, skip, n;
	int y, attr;
	char *line, pos[64];

	p->at = r;
	if (r.h < 3 || r.w < 6)
		return;
	ui_box(r, focused ? UI_A_HEADING : UI_A_NORMAL);
	ih = (size_t)r.h - 2;
	iw = (size_t)r.w - 4;	/* box, gutter of 1, box */
	cl = paste_line_of(p, p->cur);
	cc = paste_col(p, p->cur);
	if (cl < p->top)
		p->top = cl;
	if (cl >= p->top + ih)
		p->top = cl - ih + 1;
	if (cc < p->xoff)
		p->xoff = cc;
	if (cc >= p->xoff + iw)
		p->xoff = cc - iw + 1;
	nlines = paste_lines(p);
	if (p->text.len == 0 && !focused)
		ui_put(r.y + 1, r.x + 2, (int)iw, UI_A_DIM,
		    _("(empty: paste the records here)"));
	for (i = 0; i < ih && p->top + i < nlines; i++) {
		y = r.y + 1 + (int)i;
		off = paste_line_offset(p, p->top + i);
		end = paste_line_end(p, off);
		attr = UI_A_NORMAL;
		if (p->errline == p->top + i + 1) {
			ui_put(y, r.x + 1, 1, UI_A_ERROR,
			    ui_glyph(UI_G_ERROR));
			attr = UI_A_ERROR;
		}
		skip = 0;
		while (off < end && skip < p->xoff) {
			n = ui_char_len(p->text.data + off);
			skip += ui_width_n(p->text.data + off, n);
			off += n;
		}
		line = xstrndup(p->text.data + off, end - off);
		for (n = 0; line[n] != '\0'; n++) {
			if (line[n] == '\t' || line[n] == '\r')
				line[n] = ' ';
		}
		ui_put(y, r.x + 2 + (int)(skip - p->xoff), (int)iw -
		    (int)(skip - p->xoff), attr, line);
		free(line);
	}
	if (nlines > ih || p->xoff > 0) {
		snprintf(pos, sizeof pos, " %zu/%zu ", cl + 1, nlines);
		ui_put(r.y + r.h - 1, r.x + r.w - 2 - (int)strlen(pos),
		    (int)strlen(pos), UI_A_NORMAL, pos);
	}
	if (focused)
		ui_cursor_at(r.y + 1 + (int)(cl - p->top),
		    r.x + 2 + (int)(cc - p->xoff));
}

/* A click: put the cursor there; 1 when it was inside. */
int
ui_paste_click(struct ui_paste *p, int y, int x)
{
	size_t line;

	if (y <= p->at.y || y >= p->at.y + p->at.h - 1 || x < p->at.x ||
	    x >= p->at.x + p->at.w)
		return 0;
	line = p->top + (size_t)(y - p->at.y - 1);
	if (line >= paste_lines(p))
		line = paste_lines(p) - 1;
	p->cur = paste_at_col(p, paste_line_offset(p, line),
	    p->xoff + (size_t)(x > p->at.x + 2 ? x - p->at.x - 2 : 0));
	return 1;
}
