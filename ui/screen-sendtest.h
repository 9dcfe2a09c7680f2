/* screen-sendtest.h - between the test email screen and its form */
#ifndef MAILWIZ_SCREEN_SENDTEST_H
#define MAILWIZ_SCREEN_SENDTEST_H

#include "ui.h"

#define SEND_NTLS 3		/* STARTTLS, implicit TLS, none */

/* Where the options of a choice were drawn, for clicks. */
struct send_choice_at {
	int y;
	int x[8], w[8];
	size_t n;
};

extern struct send_choice_at send_tls_at, send_sim_at;
extern struct ui_rect send_insecure_at;
extern const char *const send_tls_names[SEND_NTLS];

/* The items that take the focus on this path, in order. */
size_t send_items(struct wizard *, const int **);
/* The item that has the focus, or SEND_NONE for a button. */
int send_focused(struct wizard *);
/* The focus index of an item, or -1 when the path does not have it. */
int send_index(struct wizard *, int);
/* The text field of an item, or NULL for a choice or the box. */
struct ui_field *send_field(struct wizard *, int);
/* Draw the rows of the form; returns the row after them. */
int send_form_draw(struct wizard *, struct ui_rect);
/* Which option of a choice is at a column, or -1. */
int send_choice_hit(const struct send_choice_at *, int, int);

#endif
