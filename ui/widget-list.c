/* widget-list.c - a list to pick one item from, in one column or several
   filled downwards: the highlighted item is the answer */
#include <stdlib.h>
#include <string.h>

#include "ui.h"

/* Rows per column when the list is shown in l->cols columns, or 0 when it
   must be one scrolling column. */
static size_t
ui_list_rows(const struct ui_list *l, int height)
{
	size_t rows;

	if (l->cols <= 1 || l->cols > 8 || l->n == 0)
		return 0;
	rows = (l->n + (size_t)l->cols - 1) / (size_t)l->cols;
	return rows <= (size_t)height ? rows : 0;
}

/* Draw one item; in a grid the radio button alone marks the chosen one
   (there is no room for the pointer). */
static void
ui_list_item(struct ui_list *l, size_t idx, int y, int x, int w,
    int focused, int grid, const char *(*label)(void *, size_t), void *arg)
{
	int attr = UI_A_NORMAL, used;
	char *line;

	if (idx == l->cur)
		attr = focused ? UI_A_FOCUS : UI_A_SELECTED;
	if (grid)
		line = xasprintf("(%s) %s", idx == l->cur ?
		    ui_glyph(UI_G_RADIO_ON) : ui_glyph(UI_G_RADIO_OFF),
		    label(arg, idx));
	else
		line = xasprintf("%s (%s) %s", idx == l->cur ?
		    ui_glyph(UI_G_POINTER) : " ", idx == l->cur ?
		    ui_glyph(UI_G_RADIO_ON) : ui_glyph(UI_G_RADIO_OFF),
		    label(arg, idx));
	used = ui_put_cut(y, x, w, attr, line);
	if (idx == l->cur && focused)
		ui_fill(y, x + used, w - used, attr);
	free(line);
}

/* The width of each column of a grid: its widest item, the rest of the
   room shared out; *x gets where each starts. */
static void
ui_list_columns(struct ui_list *l, size_t rows, struct ui_rect r,
    const char *(*label)(void *, size_t), void *arg, int *x, int *w)
{
	size_t i;
	int c, total = 0, extra, need;

	for (c = 0; c < l->cols; c++)
		w[c] = 0;
	for (i = 0; i < l->n; i++) {
		c = (int)(i / rows);
		/* "(*) " before, a space after but for the last column */
		need = (int)ui_width(label(arg, i)) + 4 + (c + 1 < l->cols);
		if (need > w[c])
			w[c] = need;
	}
	for (c = 0; c < l->cols; c++)
		total += w[c];
	extra = r.w - total;
	for (c = 0; c < l->cols; c++) {
		if (extra > 0)
			w[c] += extra / l->cols;
		else
			w[c] = r.w / l->cols;
		x[c] = c == 0 ? r.x : x[c - 1] + w[c - 1];
	}
}

/* Draw the items that fit, keeping the current one in view. */
void
ui_list_draw(struct ui_list *l, struct ui_rect r, int focused,
    const char *(*label)(void *, size_t), void *arg)
{
	size_t i, rows;
	int cx[8], cw[8];

	l->at = r;
	if (r.h <= 0 || r.w <= 0)
		return;
	if (l->cur >= l->n && l->n > 0)
		l->cur = l->n - 1;
	rows = ui_list_rows(l, r.h);
	if (rows > 0) {
		ui_list_columns(l, rows, r, label, arg, cx, cw);
		memcpy(l->colx, cx, sizeof l->colx);
		l->top = 0;
		for (i = 0; i < l->n; i++)
			ui_list_item(l, i, r.y + (int)(i % rows),
			    cx[i / rows], cw[i / rows] - (i / rows + 1 <
			    (size_t)l->cols), focused, 1, label, arg);
		return;
	}
	if (l->cur < l->top)
		l->top = l->cur;
	if (l->cur >= l->top + (size_t)r.h)
		l->top = l->cur - (size_t)r.h + 1;
	for (i = 0; i < (size_t)r.h && l->top + i < l->n; i++)
		ui_list_item(l, l->top + i, r.y + (int)i, r.x, r.w - 1,
		    focused, 0, label, arg);
	if (l->top > 0)
		ui_put(r.y, r.x + r.w - 1, 1, UI_A_HEADING,
		    ui_glyph(UI_G_MORE_UP));
	if (l->top + (size_t)r.h < l->n)
		ui_put(r.y + r.h - 1, r.x + r.w - 1, 1, UI_A_HEADING,
		    ui_glyph(UI_G_MORE_DOWN));
}

/* Move through the list; UI_USED for every key that moves in lists. */
int
ui_list_key(struct ui_list *l, int key)
{
	size_t page = l->at.h > 1 ? (size_t)l->at.h - 1 : 1;
	size_t rows = ui_list_rows(l, l->at.h);

	if (l->n == 0)
		return UI_IGNORED;
	switch (key) {
	case UI_KEY(KEY_UP):
		if (l->cur > 0)
			l->cur--;
		break;
	case UI_KEY(KEY_DOWN):
		if (l->cur + 1 < l->n)
			l->cur++;
		break;
	case UI_KEY(KEY_LEFT):
		if (rows == 0)
			return UI_IGNORED;
		if (l->cur >= rows)
			l->cur -= rows;
		break;
	case UI_KEY(KEY_RIGHT):
		if (rows == 0)
			return UI_IGNORED;
		if (l->cur + rows < l->n)
			l->cur += rows;
		break;
	case UI_KEY(KEY_HOME):
		l->cur = 0;
		break;
	case UI_KEY(KEY_END):
		l->cur = l->n - 1;
		break;
	case UI_KEY(KEY_PPAGE):
		l->cur = l->cur > page ? l->cur - page : 0;
		break;
	case UI_KEY(KEY_NPAGE):
		l->cur = l->cur + page < l->n ? l->cur + page : l->n - 1;
		break;
	default:
		return UI_IGNORED;
	}
	return UI_USED;
}

/* A click: 0 outside, 1 when it chose an item, 2 when it clicked the
   chosen item again (take it). */
int
ui_list_click(struct ui_list *l, int y, int x)
{
	size_t idx, rows;
	int c;

	if (y < l->at.y || y >= l->at.y + l->at.h || x < l->at.x ||
	    x >= l->at.x + l->at.w)
		return 0;
	rows = ui_list_rows(l, l->at.h);
	if (rows > 0) {
		if ((size_t)(y - l->at.y) >= rows)
			return 0;
		for (c = l->cols - 1; c > 0 && x < l->colx[c]; c--)
			;
		idx = (size_t)c * rows + (size_t)(y - l->at.y);
	} else
		idx = l->top + (size_t)(y - l->at.y);
	if (idx >= l->n)
		return 0;
	if (idx == l->cur)
		return 2;
	l->cur = idx;
	return 1;
}

/* Draw the heading and the list of a choice; returns where the
   explanation goes, under the list. */
struct ui_rect
ui_choice_list(struct ui_list *l, struct ui_rect r, const char *heading,
    int focused, const char *(*label)(void *, size_t), void *arg)
{
	struct ui_rect lr, hr;
	int lh = (int)l->n;

	ui_put(r.y, r.x, r.w, UI_A_HEADING, heading);
	lr.y = r.y + 2;
	lr.x = r.x;
	lr.h = lh < r.h - 4 ? lh : r.h - 4;
	lr.w = r.w;
	ui_list_draw(l, lr, focused, label, arg);
	hr.y = lr.y + lr.h + 1;
	hr.x = r.x + 2;
	hr.h = r.y + r.h - hr.y;
	hr.w = r.w - 3;
	return hr;
}

/* Draw the explanation of the highlighted item at hr (as given by
   ui_choice_list), scrolled as far as the keys took it. */
void
ui_choice_explain(struct ui_choice *c, struct ui_doc *d, struct ui_rect hr)
{
	c->lines = d->n;
	c->page = hr.h;
	if (c->top + (size_t)hr.h > d->n)
		c->top = d->n > (size_t)hr.h ? d->n - (size_t)hr.h : 0;
	ui_doc_draw(d, hr, c->top);
}

/* A key for a choice: PgUp and PgDn scroll the explanation (UI_USED);
   when the list has the focus, the keys that move in it do, and bring the
   explanation back to its top (UI_CHANGED: the highlighted item may have
   changed). */
int
ui_choice_key(struct ui_choice *c, struct ui_list *l, int key, int focused)
{
	if (key == UI_KEY(KEY_PPAGE) || key == UI_KEY(KEY_NPAGE))
		return ui_doc_scroll(&c->top, c->lines, c->page, key);
	if (!focused || ui_list_key(l, key) == UI_IGNORED)
		return UI_IGNORED;
	c->top = 0;
	return UI_CHANGED;
}
