/* widget-field.c - a single-line text field: UTF-8, cursor, editing keys,
   scrolling by display width */

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "ui.h"

/* Start empty. */
void
ui_field_init(struct ui_field *f)
{
	memset(f, 0, sizeof *f);
	buf_init(&f->text);
}

/* Release the text. */
void
ui_field_free(struct ui_field *f)
{
	buf_free(&f->text);
}

/* Replace the text; the cursor goes to its end. */
void
ui_field_set(struct ui_field *f, const char *s)
{
	f->text.len = 0;
	f->text.data[0] = '\0';
	buf_puts(&f->text, s != NULL ? s : "");
	f->cur = f->text.len;
	f->scroll = 0;
}

/* Encode a code point as UTF-8; returns the length. */
static size_t
ui_encode(int c, char *out)
{
	unsigned v = (unsigned)c;

	if (v < 0x80) {
		out[0] = (char)v;
		return 1;
	}
	if (v < 0x800) {
		out[0] = (char)(0xc0 | v >> 6);
		out[1] = (char)(0x80 | (v & 0x3f));
		return 2;
	}
	if (v < 0x10000) {
		out[0] = (char)(0xe0 | v >> 12);
		out[1] = (char)(0x80 | (v >> 6 & 0x3f));
		out[2] = (char)(0x80 | (v & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | v >> 18);
	out[1] = (char)(0x80 | (v >> 12 & 0x3f));
	out[2] = (char)(0x80 | (v >> 6 & 0x3f));
	out[3] = (char)(0x80 | (v & 0x3f));
	return 4;
}

/* The offset of the character before off. */
static size_t
ui_prev(const char *s, size_t off)
{
	if (off == 0)
		return 0;
	off--;
	while (off > 0 && ((unsigned char)s[off] & 0xc0) == 0x80)
		off--;
	return off;
}

/* Delete bytes [from, to) of the text. */
static void
ui_field_cut(struct ui_field *f, size_t from, size_t to)
{
	memmove(f->text.data + from, f->text.data + to,
	    f->text.len - to + 1);
	f->text.len -= to - from;
	f->cur = from;
}

/* Insert a character typed or pasted at the cursor. */
static void
ui_field_insert(struct ui_field *f, int c)
{
	char enc[4];
	size_t n = ui_encode(c, enc);

	buf_add(&f->text, enc, n);	/* room; moved into place below */
	memmove(f->text.data + f->cur + n, f->text.data + f->cur,
	    f->text.len - n - f->cur);
	memcpy(f->text.data + f->cur, enc, n);
	f->cur += n;
}

/* Whether a key is a character that may be typed into text. */
static int
ui_typable(int key)
{
	if (key & UI_FN || key < 0x20 || key == 0x7f || key > 0x10ffff)
		return 0;
	if (key < 0x80)
		return 1;
	return iswprint((wint_t)key) != 0;
}

/* Edit with a key: UI_CHANGED when the text changed, UI_USED when the
   cursor moved, UI_IGNORED for keys that are not the field's (Enter, Tab,
   Esc, ...). While pasting, line ends and tabs become spaces. */
int
ui_field_key(struct ui_field *f, int key, int pasting)
{
	char *s = f->text.data;
	size_t p;

	if (pasting && (key == '\n' || key == '\r' || key == '\t'))
		key = ' ';
	if (ui_typable(key)) {
		ui_field_insert(f, key);
		return UI_CHANGED;
	}
	switch (key) {
	case UI_KEY(KEY_LEFT):
	case UI_CTRL('b'):
		f->cur = ui_prev(s, f->cur);
		return UI_USED;
	case UI_KEY(KEY_RIGHT):
	case UI_CTRL('f'):
		if (f->cur < f->text.len)
			f->cur += ui_char_len(s + f->cur);
		return UI_USED;
	case UI_KEY(KEY_HOME):
	case UI_CTRL('a'):
		f->cur = 0;
		return UI_USED;
	case UI_KEY(KEY_END):
	case UI_CTRL('e'):
		f->cur = f->text.len;
		return UI_USED;
	case UI_KEY(KEY_BACKSPACE):
	case 0x7f:
	case UI_CTRL('h'):
		if (f->cur == 0)
			return UI_USED;
		ui_field_cut(f, ui_prev(s, f->cur), f->cur);
		return UI_CHANGED;
	case UI_KEY(KEY_DC):
	case UI_CTRL('d'):
		if (f->cur >= f->text.len)
			return UI_USED;
		ui_field_cut(f, f->cur, f->cur + ui_char_len(s + f->cur));
		return UI_CHANGED;
	case UI_CTRL('u'):
		ui_field_cut(f, 0, f->cur);
		return UI_CHANGED;
	case UI_CTRL('k'):
		ui_field_cut(f, f->cur, f->text.len);
		return UI_CHANGED;
	case UI_CTRL('w'):
		p = f->cur;
		while (p > 0 && s[p - 1] == ' ')
			p--;
		while (p > 0 && s[p - 1] != ' ')
			p--;
		ui_field_cut(f, p, f->cur);
		return UI_CHANGED;
	}
	return UI_IGNORED;
}

/* Draw the field as "[text]" w columns wide; the cursor is placed when it
   has the focus. */
void
ui_field_draw(struct ui_field *f, int y, int x, int w, int focused,
    int error)
{
	const char *s = f->text.data;
	size_t c, inner, col = 0, off = 0, n;
	int edge = error ? UI_A_ERROR : focused ? UI_A_HEADING : UI_A_NORMAL;

	f->at.y = y;
	f->at.x = x;
	f->at.h = 1;
	f->at.w = w;
	if (w < 4)
		return;
	inner = (size_t)w - 2;
	c = ui_width_n(s, f->cur);
	if (c < f->scroll)
		f->scroll = c;
	if (c >= f->scroll + inner)
		f->scroll = c - inner + 1;
	while (off < f->text.len && col < f->scroll) {
		n = ui_char_len(s + off);
		col += ui_width_n(s + off, n);
		off += n;
	}
	ui_put(y, x, 1, edge, "[");
	ui_fill(y, x + 1, (int)inner, UI_A_FIELD);
	ui_put(y, x + 1 + (int)(col - f->scroll), (int)inner -
	    (int)(col - f->scroll), UI_A_FIELD, s + off);
	ui_put(y, x + w - 1, 1, edge, "]");
	if (focused)
		ui_cursor_at(y, x + 1 + (int)(c - f->scroll));
}

/* A click: put the cursor there; 1 when it was inside. */
int
ui_field_click(struct ui_field *f, int y, int x)
{
	size_t want, col = 0, off = 0, n;

	if (y != f->at.y || x < f->at.x || x >= f->at.x + f->at.w)
		return 0;
	want = f->scroll + (size_t)(x > f->at.x ? x - f->at.x - 1 : 0);
	while (off < f->text.len) {
		n = ui_char_len(f->text.data + off);
		if (col + ui_width_n(f->text.data + off, n) > want)
			break;
		col += ui_width_n(f->text.data + off, n);
		off += n;
	}
	f->cur = off;
	return 1;
}
