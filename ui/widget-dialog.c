/* widget-dialog.c - a box over the screen: the help, and questions such
   as "quit?" or "overwrite?" with a button per answer */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

/* Open a dialog of a kind (the wizard's), with a title, a text and the
   action Esc takes. */
void
ui_dialog_open(struct ui_dialog *d, int kind, const char *title,
    const char *text, int cancel)
{
	ui_dialog_close(d);
	d->open = 1;
	d->kind = kind;
	d->title = xstrdup(title);
	d->text = xstrdup(text);
	d->cancel = cancel;
}

/* Add a button with a hot key (0 for none). */
void
ui_dialog_button(struct ui_dialog *d, const char *label, int action,
    char key)
{
	if (d->buttons.n < nitems(d->keys))
		d->keys[d->buttons.n] = key;
	ui_buttons_add(&d->buttons, label, action);
}

/* Close the dialog. */
void
ui_dialog_close(struct ui_dialog *d)
{
	free(d->title);
	free(d->text);
	memset(d, 0, sizeof *d);
}

/* Draw the dialog centred on the screen. */
void
ui_dialog_draw(struct ui_dialog *d, int rows, int cols)
{
	struct strlist lines = { NULL, 0 };
	struct ui_rect r;
	size_t i, max;
	int w, h, tw, y, widest;
	char *title;

	if (!d->open)
		return;
	/* A long text (in columns, whatever the script) gets a wider box. */
	widest = ui_width(d->text) > 400 ? 76 : 64;
	w = cols - 4;
	if (w > widest)
		w = widest;
	if (w < ui_buttons_width(&d->buttons) + 4)
		w = ui_buttons_width(&d->buttons) + 4;
	if (w > cols)
		w = cols;
	ui_wrap(d->text, (size_t)(w - 5), &lines);
	d->nlines = lines.n;
	h = (int)lines.n + 4;
	if (h > rows - 2)
		h = rows - 2;
	if (h < 5)
		h = 5;
	d->page = h - 4;
	max = lines.n > (size_t)d->page ? lines.n - (size_t)d->page : 0;
	if (d->top > max)
		d->top = max;
	r.w = w;
	r.h = h;
	r.y = (rows - h) / 2;
	r.x = (cols - w) / 2;
	for (y = r.y; y < r.y + r.h; y++)
		ui_fill(y, r.x, r.w, UI_A_NORMAL);
	ui_box(r, UI_A_HEADING);
	title = xasprintf(" %s ", d->title);
	tw = (int)ui_width(title);
	if (tw > w - 4)
		tw = w - 4;
	ui_put(r.y, r.x + (w - tw) / 2, tw, UI_A_HEADING, title);
	free(title);
	for (i = 0; i < (size_t)d->page && d->top + i < lines.n; i++)
		ui_put(r.y + 1 + (int)i, r.x + 2, w - 5, UI_A_NORMAL,
		    lines.v[d->top + i]);
	if (d->top > 0)
		ui_put(r.y + 1, r.x + w - 2, 1, UI_A_HEADING,
		    ui_glyph(UI_G_MORE_UP));
	if (d->top < max)
		ui_put(r.y + d->page, r.x + w - 2, 1, UI_A_HEADING,
		    ui_glyph(UI_G_MORE_DOWN));
	ui_buttons_draw(&d->buttons, r.y + r.h - 2, r.x + w - 2,
	    (int)d->focus);
	strlist_free(&lines);
}

/* A key: the action of the answer chosen, or UI_ACT_NONE while the dialog
   stays open. */
int
ui_dialog_key(struct ui_dialog *d, int key)
{
	size_t i;

	if (!(key & UI_FN) && key < 0x80 && isalpha(key)) {
		for (i = 0; i < d->buttons.n && i < nitems(d->keys); i++) {
			if (d->keys[i] != 0 && tolower(key) == d->keys[i])
				return d->buttons.v[i].action;
		}
	}
	switch (key) {
	case UI_ESC:
		return d->cancel;
	case '\r':
	case '\n':
	case UI_KEY(KEY_ENTER):
		if (d->focus < d->buttons.n)
			return d->buttons.v[d->focus].action;
		return d->cancel;
	case UI_KEY(KEY_RIGHT):
	case UI_TAB:
		if (d->buttons.n > 0)
			d->focus = (d->focus + 1) % d->buttons.n;
		return UI_ACT_NONE;
	case UI_KEY(KEY_LEFT):
	case UI_KEY(KEY_BTAB):
		if (d->buttons.n > 0)
			d->focus = (d->focus + d->buttons.n - 1) %
			    d->buttons.n;
		return UI_ACT_NONE;
	}
	ui_doc_scroll(&d->top, d->nlines, d->page, key);
	return UI_ACT_NONE;
}

/* A click: the action of the button clicked, or UI_ACT_NONE. */
int
ui_dialog_click(struct ui_dialog *d, int y, int x)
{
	return ui_buttons_click(&d->buttons, y, x);
}
