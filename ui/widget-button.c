/* widget-button.c - a row of buttons such as [ Back ] [ Next ] */
#include <stdlib.h>

#include "ui.h"

/* Remove every button. */
void
ui_buttons_clear(struct ui_buttons *b)
{
	b->n = 0;
}

/* Add a button with a translated label and the action it takes. */
void
ui_buttons_add(struct ui_buttons *b, const char *label, int action)
{
	if (b->n >= nitems(b->v))
		return;
	b->v[b->n].label = label;
	b->v[b->n].action = action;
	b->v[b->n].y = b->v[b->n].x = -1;
	b->v[b->n].w = 0;
	b->n++;
}

/* Columns the row takes: "[ label ]" each, two spaces between. */
int
ui_buttons_width(const struct ui_buttons *b)
{
	size_t i;
	int w = 0;

	for (i = 0; i < b->n; i++)
		w += (int)ui_width(b->v[i].label) + 4 + (i > 0 ? 2 : 0);
	return w;
}

/* Draw the row ending before column `right`; the button at index `focus`
   (or none when out of range) is highlighted. */
void
ui_buttons_draw(struct ui_buttons *b, int y, int right, int focus)
{
	size_t i;
	int x = right - ui_buttons_width(b), attr;
	char *s;

	if (x < 0)
		x = 0;
	for (i = 0; i < b->n; i++) {
		if (i > 0)
			x += 2;
		attr = (int)i == focus ? UI_A_FOCUS : UI_A_NORMAL;
		s = xasprintf("[ %s ]", b->v[i].label);
		b->v[i].y = y;
		b->v[i].x = x;
		b->v[i].w = ui_put(y, x, (int)ui_width(s), attr, s);
		x += b->v[i].w;
		free(s);
	}
}

/* The action of the button at a place, or UI_ACT_NONE. */
int
ui_buttons_click(const struct ui_buttons *b, int y, int x)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		if (y == b->v[i].y && x >= b->v[i].x &&
		    x < b->v[i].x + b->v[i].w)
			return b->v[i].action;
	}
	return UI_ACT_NONE;
}

/* The index of the button taking an action, or -1. */
int
ui_buttons_find(const struct ui_buttons *b, int action)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		if (b->v[i].action == action)
			return (int)i;
	}
	return -1;
}
