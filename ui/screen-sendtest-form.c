/* screen-sendtest-form.c - the form of the test email screen: which
   items it has on a path, and drawing them with label columns as wide
   as their translations */
#include <stdlib.h>
#include <string.h>

#include "screen-sendtest.h"
#include "smtp.h"

#define LABEL_MIN 11		/* columns before a field, in English */
#define LABEL_MAX 18
#define REGION_W 20
#define PORT_W 8
#define CAFILE_W 44
#define NOTE_LINES 3		/* the simulator's note on the form, at most */

struct send_choice_at send_tls_at, send_sim_at;
struct ui_rect send_insecure_at;

const char *const send_tls_names[SEND_NTLS] = {
	N_("STARTTLS"), N_("implicit TLS"), N_("none")
};

/* The items that take the focus on this path, in order. */
size_t
send_items(struct wizard *w, const int **items)
{
	static const int ses[] = { SEND_REGION, SEND_HOST, SEND_PORT,
	    SEND_TLS, SEND_INSECURE, SEND_CAFILE, SEND_USER, SEND_PASSWORD,
	    SEND_FROM, SEND_TO, SEND_SIM };
	static const int other[] = { SEND_HOST, SEND_PORT, SEND_TLS,
	    SEND_INSECURE, SEND_CAFILE, SEND_USER, SEND_PASSWORD, SEND_FROM,
	    SEND_TO };

	if (model_send_ses(w)) {
		*items = ses;
		return nitems(ses);
	}
	*items = other;
	return nitems(other);
}

/* The item that has the focus, or SEND_NONE for a button. */
int
send_focused(struct wizard *w)
{
	const int *items;
	size_t n = send_items(w, &items);

	if (w->focus < 0 || (size_t)w->focus >= n)
		return SEND_NONE;
	return items[w->focus];
}

/* The focus index of an item, or -1 when the path does not have it. */
int
send_index(struct wizard *w, int item)
{
	const int *items;
	size_t n = send_items(w, &items), i;

	for (i = 0; i < n; i++) {
		if (items[i] == item)
			return (int)i;
	}
	return -1;
}

/* The text field of an item, or NULL for a choice or the box. */
struct ui_field *
send_field(struct wizard *w, int item)
{
	struct send_form *f = &w->send;

	switch (item) {
	case SEND_REGION:
		return &f->region;
	case SEND_HOST:
		return &f->host;
	case SEND_PORT:
		return &f->port;
	case SEND_CAFILE:
		return &f->cafile;
	case SEND_USER:
		return &f->user;
	case SEND_PASSWORD:
		return &f->password;
	case SEND_FROM:
		return &f->from;
	case SEND_TO:
		return &f->to;
	}
	return NULL;
}

/* The name of a TLS mode, for the choice. */
static const char *
send_tls_label(size_t i)
{
	return i < nitems(send_tls_names) ? _(send_tls_names[i]) : "";
}


static const char *const send_labels[] = {
	N_("Region"), N_("Server"), N_("TLS"), N_("CA file"), N_("User"),
	N_("From"), N_("Simulator")
};
static const char *const send_labels2[] = { N_("Password"), N_("To") };
static const char *const send_label_port[] = { N_("Port") };

/* Draw a label at the start of a row, in a column lw wide. */
static void
send_label(int y, int x, int lw, const char *label)
{
	ui_put(y, x, lw - 1, UI_A_SELECTED, label);
}

/* Draw a field (the password as stars: never its text). */
static void
send_field_draw(struct wizard *w, int item, int y, int x, int width)
{
	struct send_form *f = &w->send;
	struct ui_field *fl = send_field(w, item), stars;
	size_t i, n = 0, before = 0;
	int focused = wizard_focused(w, send_index(w, item));
	int error = f->error != NULL && f->error_at == item;

	if (item != SEND_PASSWORD) {
		ui_field_draw(fl, y, x, width, focused, error);
		return;
	}
	for (i = 0; i < fl->text.len; i += ui_char_len(fl->text.data + i)) {
		if (i < fl->cur)
			before++;
		n++;
	}
	ui_field_init(&stars);
	for (i = 0; i < n; i++)
		buf_putc(&stars.text, '*');
	stars.cur = before;
	stars.scroll = fl->scroll;
	ui_field_draw(&stars, y, x, width, focused, error);
	fl->scroll = stars.scroll;
	fl->at = stars.at;
	ui_field_free(&stars);
}

/* Draw a choice as its options in a row, the chosen one in brackets. */
static void
send_choice_draw(struct send_choice_at *at, int y, int x, int maxw,
    size_t n, size_t cur, const char *(*name)(size_t), int focused)
{
	size_t i;
	int used, x0 = x, attr;
	char *s;

	at->y = y;
	at->n = 0;
	for (i = 0; i < n && i < nitems(at->x); i++) {
		if (i == cur) {
			s = xasprintf("[%s]", name(i));
			attr = focused ? UI_A_FOCUS : UI_A_SELECTED;
		} else {
			s = xasprintf(" %s ", name(i));
			attr = UI_A_NORMAL;
		}
		used = ui_put(y, x, maxw - (x - x0), attr, s);
		free(s);
		at->x[i] = x;
		at->w[i] = used;
		at->n++;
		x += used + 1;
	}
}

/* The line beside the region: what it needs, or whether it is one. */
static void
send_region_note(struct wizard *w, int y, int x, int width)
{
	char *region = model_trimmed(&w->send.region), *host, *cause = NULL;
	char *s;

	if (*region == '\0') {
		ui_put_cut(y, x, width, UI_A_DIM, _("your SES region, such "
		    "as eu-west-1"));
		free(region);
		return;
	}
	host = smtp_ses_endpoint(region, &cause);
	if (host == NULL) {
		s = xasprintf("%s %s", ui_glyph(UI_G_ERROR), _("not a region "
		    "name such as eu-west-1"));
		ui_put_cut(y, x, width, UI_A_ERROR, s);
		free(s);
	} else
		ui_put_cut(y, x, width, UI_A_DIM, _("the server follows the "
		    "region"));
	free(host);
	free(cause);
	free(region);
}

/* Draw the rows of the form; returns the row after them. */
int
send_form_draw(struct wizard *w, struct ui_rect r)
{
	struct send_form *f = &w->send;
	struct strlist note = { NULL, 0 };
	int lw, l2, pw, y = r.y, x, half, x2, box;
	size_t i;
	char *s;

	lw = (int)ui_label_column(send_labels, nitems(send_labels), 1,
	    LABEL_MIN, LABEL_MAX);
	l2 = (int)ui_label_column(send_labels2, nitems(send_labels2), 1, 9,
	    LABEL_MAX);
	pw = (int)ui_label_column(send_label_port, 1, 1, 5, 12);
	x = r.x + lw;

	if (model_send_ses(w)) {
		send_label(y, r.x, lw, _("Region"));
		send_field_draw(w, SEND_REGION, y, x, REGION_W);
		send_region_note(w, y, x + REGION_W + 2, r.w - lw -
		    REGION_W - 3);
		y++;
	}
	send_label(y, r.x, lw, _("Server"));
	send_field_draw(w, SEND_HOST, y, x, r.w - lw - PORT_W - pw - 3);
	ui_put(y, r.x + r.w - PORT_W - pw - 1, pw - 1, UI_A_SELECTED,
	    _("Port"));
	send_field_draw(w, SEND_PORT, y, r.x + r.w - PORT_W, PORT_W);
	y++;

	send_label(y, r.x, lw, _("TLS"));
	send_choice_draw(&send_tls_at, y, x, r.w - lw - 16,
	    nitems(send_tls_names), (size_t)f->tls, send_tls_label,
	    wizard_focused(w, send_index(w, SEND_TLS)));
	s = xasprintf("[%s] %s", f->insecure ? "x" : " ", _("insecure"));
	box = (int)ui_width(s);
	send_insecure_at.y = y;
	send_insecure_at.x = r.x + r.w - box - 1;
	send_insecure_at.w = box;
	send_insecure_at.h = 1;
	ui_put(y, send_insecure_at.x, box, wizard_focused(w, send_index(w,
	    SEND_INSECURE)) ? UI_A_FOCUS : f->insecure ? UI_A_ERROR :
	    UI_A_NORMAL, s);
	free(s);
	y++;

	send_label(y, r.x, lw, _("CA file"));
	send_field_draw(w, SEND_CAFILE, y, x, CAFILE_W);
	if (f->cafile.text.len == 0)
		ui_put_cut(y, x + CAFILE_W + 2, r.w - lw - CAFILE_W - 3,
		    UI_A_DIM, _("optional (PEM)"));
	y++;

	half = (r.w - lw - l2 - 2) / 2;
	x2 = x + half + 2;
	send_label(y, r.x, lw, _("User"));
	send_field_draw(w, SEND_USER, y, x, half);
	ui_put(y, x2, l2 - 1, UI_A_SELECTED, _("Password"));
	send_field_draw(w, SEND_PASSWORD, y, x2 + l2, r.x + r.w - x2 - l2 -
	    1);
	y++;
	send_label(y, r.x, lw, _("From"));
	send_field_draw(w, SEND_FROM, y, x, half);
	ui_put(y, x2, l2 - 1, UI_A_SELECTED, _("To"));
	send_field_draw(w, SEND_TO, y, x2 + l2, r.x + r.w - x2 - l2 - 1);
	y++;

	if (!model_send_ses(w))
		return y;
	send_label(y, r.x, lw, _("Simulator"));
	send_choice_draw(&send_sim_at, y, x, r.w - lw - 1,
	    model_send_nscenarios(), f->sim, model_send_scenario,
	    wizard_focused(w, send_index(w, SEND_SIM)));
	y++;
	ui_wrap(_("SES takes simulator mail (scenario@simulator."
	    "amazonses.com) at SMTP level whatever the scenario; the bounce, "
	    "complaint or out-of-office reply arrives later as an SES "
	    "notification."), (size_t)(r.w - lw - 1), &note);
	for (i = 0; i < note.n && i < NOTE_LINES; i++)
		ui_put(y + (int)i, x, r.w - lw - 1, UI_A_DIM, note.v[i]);
	y += (int)i;
	strlist_free(&note);
	return y;
}


/* Which option of a choice is at a column, or -1. */
int
send_choice_hit(const struct send_choice_at *at, int y, int x)
{
	size_t i;

	if (y != at->y)
		return -1;
	for (i = 0; i < at->n; i++) {
		if (x >= at->x[i] && x < at->x[i] + at->w[i])
			return (int)i;
	}
	return -1;
}
