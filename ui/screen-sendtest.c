/* screen-sendtest.c - the test email: server, TLS, login, From and To
   prefilled from the path, Send, the stages shown as they pass while every
   field stays editable, then the result and the SMTP conversation */
#include <stdlib.h>
#include <string.h>

#include "screen-sendtest.h"
#include "smtp.h"

#define SPINNER_MS 120

enum {
	SEND_ACT_SEND = UI_ACT_SCREEN,
	SEND_ACT_STOP,
	SEND_ACT_TRANSCRIPT,
	SEND_DLG_TRANSCRIPT
};

static size_t status_lines;	/* of the status area, as last drawn */
static int status_page;

/* Prefill the fields from the path, keeping what was edited. */
static void
send_enter(struct wizard *w)
{
	model_send_prefill(w);
}

/* The focus starts where typing is needed: the region, the server, the
   user, the recipient; else on Send. */
static int
send_focus(struct wizard *w)
{
	static const int order[] = { SEND_REGION, SEND_HOST, SEND_USER,
	    SEND_TO };
	const int *items;
	struct ui_field *fl;
	size_t i, n = send_items(w, &items);
	int at;

	for (i = 0; i < nitems(order); i++) {
		at = send_index(w, order[i]);
		fl = send_field(w, order[i]);
		if (at >= 0 && fl->text.len == 0)
			return at;
	}
	return (int)n + 1;	/* Send */
}

/* Give the dialog the conversation as it grows. */
static void
send_transcript_refresh(struct wizard *w)
{
	char *text;

	if (!w->dialog.open || w->dialog.kind != SEND_DLG_TRANSCRIPT)
		return;
	text = model_send_transcript(w);
	if (text == NULL || strcmp(text, w->dialog.text) == 0) {
		free(text);
		return;
	}
	free(w->dialog.text);
	w->dialog.text = text;
}

/* Draw the form, a line, and the status: progress, then the result. */
static void
send_draw(struct wizard *w, struct ui_rect r)
{
	struct send_form *f = &w->send;
	struct ui_doc d = { NULL, 0 };
	struct ui_rect sr;
	int y;

	y = send_form_draw(w, r);
	ui_hline(y, r.x, r.w, UI_A_DIM);
	y++;
	sr.y = y;
	sr.x = r.x;
	sr.h = r.y + r.h - y;
	sr.w = r.w - 1;
	model_send_status(w, &d, (size_t)sr.w);
	status_lines = d.n;
	status_page = sr.h;
	if (f->top + (size_t)sr.h > d.n)
		f->top = d.n > (size_t)sr.h ? d.n - (size_t)sr.h : 0;
	if (sr.h > 0)
		ui_doc_draw(&d, sr, f->top);
	ui_doc_free(&d);
	send_transcript_refresh(w);
}

/* Open the conversation of the last send in a box. */
static void
send_transcript(struct wizard *w)
{
	char *text = model_send_transcript(w);

	ui_dialog_open(&w->dialog, SEND_DLG_TRANSCRIPT, _("SMTP conversation "
	    "(credentials masked)"), text != NULL ? text : _("Nothing was "
	    "sent yet: the conversation shows here once Send has run."),
	    UI_ACT_CANCEL);
	ui_dialog_button(&w->dialog, _("Close"), UI_ACT_CANCEL, 0);
	free(text);
	w->dirty = 1;
}

/* Send, or show what stops it at the item it is about. */
static void
send_now(struct wizard *w)
{
	int at;

	if (model_send_running(w))
		return;
	if (model_send_start(w) == 0)
		return;
	at = send_index(w, w->send.error_at);
	if (at >= 0)
		w->focus = at;
}

/* Whether a key is Enter. */
static int
send_is_enter(int key)
{
	return key == '\r' || key == '\n' || key == UI_KEY(KEY_ENTER);
}

/* Move the focus between the items with Up and Down (Down from the last
   one reaches Send). */
static int
send_move(struct wizard *w, int key)
{
	const int *items;
	int n = (int)send_items(w, &items);

	if (key == UI_KEY(KEY_UP) && w->focus > 0)
		w->focus--;
	else if (key == UI_KEY(KEY_DOWN))
		w->focus = w->focus + 1 < n ? w->focus + 1 : n + 1;
	return UI_USED;
}

static int send_nfocus(struct wizard *);

/* Forget the form's error once its item is edited. */
static void
send_touched(struct wizard *w, int item)
{
	struct send_form *f = &w->send;

	if (f->error != NULL && (f->error_at == item ||
	    f->error_at == SEND_NONE)) {
		free(f->error);
		f->error = NULL;
		f->error_at = SEND_NONE;
	}
	w->dirty = 1;
}

/* Left, Right and Space in a choice; -1 when the key is not one. */
static int
send_choose(int key, size_t *cur, size_t n)
{
	if (key == UI_KEY(KEY_LEFT)) {
		if (*cur > 0)
			(*cur)--;
	} else if (key == UI_KEY(KEY_RIGHT)) {
		if (*cur + 1 < n)
			(*cur)++;
	} else if (key == ' ')
		*cur = (*cur + 1) % n;
	else
		return -1;
	return 0;
}

/* Edit the password: it never outgrows its buffer, and what is cut is
   wiped. */
static int
send_password_key(struct wizard *w, int key)
{
	struct ui_field *fl = &w->send.password;
	int rc, inserts;

	inserts = !(key & UI_FN) && key >= 0x20 && key != 0x7f;
	if (w->pasting && (key == '\n' || key == '\r' || key == '\t'))
		inserts = 1;
	if (inserts && fl->text.len + 8 >= fl->text.size)
		return UI_USED;
	rc = ui_field_key(fl, key, w->pasting);
	if (rc == UI_CHANGED)
		memset(fl->text.data + fl->text.len, 0, fl->text.size -
		    fl->text.len);
	return rc;
}

/* A key while an item has the focus, and the screen's own keys. */
static int
send_key(struct wizard *w, int key)
{
	struct send_form *f = &w->send;
	int item = send_focused(w), rc, tls;
	size_t cur;

	if (key == UI_KEY(KEY_F(3))) {
		send_transcript(w);
		return UI_USED;
	}
	if (key == UI_KEY(KEY_PPAGE) || key == UI_KEY(KEY_NPAGE))
		return ui_doc_scroll(&f->top, status_lines, status_page, key);
	if (item == SEND_NONE) {
		if (key != UI_KEY(KEY_UP))
			return UI_IGNORED;
		w->focus = send_nfocus(w) - 1;
		return UI_USED;
	}
	if (key == UI_KEY(KEY_UP) || key == UI_KEY(KEY_DOWN))
		return send_move(w, key);
	if (send_is_enter(key) && !w->pasting) {
		send_now(w);
		return UI_USED;
	}
	switch (item) {
	case SEND_TLS:
		cur = (size_t)f->tls;
		if (send_choose(key, &cur, SEND_NTLS) == -1)
			return UI_IGNORED;
		tls = (int)cur;
		model_send_tls_changed(w, tls);
		send_touched(w, SEND_TLS);
		return UI_USED;
	case SEND_SIM:
		if (send_choose(key, &f->sim, model_send_nscenarios()) == -1)
			return UI_IGNORED;
		send_touched(w, SEND_SIM);
		send_touched(w, SEND_TO);
		return UI_USED;
	case SEND_INSECURE:
		if (key != ' ')
			return UI_IGNORED;
		f->insecure = !f->insecure;
		send_touched(w, SEND_TLS);
		return UI_USED;
	case SEND_PASSWORD:
		rc = send_password_key(w, key);
		break;
	default:
		rc = ui_field_key(send_field(w, item), key, w->pasting);
		break;
	}
	if (rc == UI_CHANGED) {
		send_touched(w, item);
		if (item == SEND_REGION)
			model_send_region_changed(w);
	}
	return rc;
}

/* The items take the focus. */
static int
send_nfocus(struct wizard *w)
{
	const int *items;

	return (int)send_items(w, &items);
}

/* Back, Send (Stop while sending), Transcript, Next. */
static void
send_buttons(struct wizard *w, struct ui_buttons *b)
{
	ui_buttons_add(b, _("Back"), UI_ACT_BACK);
	if (model_send_running(w))
		ui_buttons_add(b, _("Stop"), SEND_ACT_STOP);
	else
		ui_buttons_add(b, _("Send"), SEND_ACT_SEND);
	ui_buttons_add(b, _("Transcript"), SEND_ACT_TRANSCRIPT);
	ui_buttons_add(b, _("Next"), UI_ACT_NEXT);
}

/* Take a button's action. */
static void
send_action(struct wizard *w, int action)
{
	switch (action) {
	case SEND_ACT_SEND:
		send_now(w);
		break;
	case SEND_ACT_STOP:
		model_send_stop(w);
		break;
	case SEND_ACT_TRANSCRIPT:
		send_transcript(w);
		break;
	}
}

/* The summary comes next (a send in flight goes on). */
static int
send_next(struct wizard *w)
{
	(void)w;
	return SCR_SUMMARY;
}

/* A click in a field, on a choice's option or on the box. */
static int
send_click(struct wizard *w, int y, int x)
{
	struct send_form *f = &w->send;
	const int *items;
	size_t n = send_items(w, &items), i;
	struct ui_field *fl;
	int hit;

	for (i = 0; i < n; i++) {
		fl = send_field(w, items[i]);
		if (fl != NULL && ui_field_click(fl, y, x)) {
			w->focus = (int)i;
			return UI_USED;
		}
	}
	hit = send_choice_hit(&send_tls_at, y, x);
	if (hit >= 0) {
		model_send_tls_changed(w, hit);
		send_touched(w, SEND_TLS);
		w->focus = send_index(w, SEND_TLS);
		return UI_USED;
	}
	hit = model_send_ses(w) ? send_choice_hit(&send_sim_at, y, x) : -1;
	if (hit >= 0) {
		f->sim = (size_t)hit;
		send_touched(w, SEND_SIM);
		w->focus = send_index(w, SEND_SIM);
		return UI_USED;
	}
	if (y == send_insecure_at.y && x >= send_insecure_at.x &&
	    x < send_insecure_at.x + send_insecure_at.w) {
		f->insecure = !f->insecure;
		send_touched(w, SEND_TLS);
		w->focus = send_index(w, SEND_INSECURE);
		return UI_USED;
	}
	return UI_IGNORED;
}

/* Redraw while sending: the spinner and the time. */
static int
send_redraw_ms(struct wizard *w)
{
	return model_send_running(w) ? SPINNER_MS : -1;
}

/* The keys of the item that has the focus. */
static const char *
send_hints(struct wizard *w)
{
	switch (send_focused(w)) {
	case SEND_NONE:
		return _("Enter press  Tab move  F3 transcript  PgUp/PgDn "
		    "result  Esc back  ? help");
	case SEND_TLS:
	case SEND_SIM:
		return _("Left/Right choose  Enter send  Tab move  F3 "
		    "transcript  Esc back  ? help");
	case SEND_INSECURE:
		return _("Space tick  Enter send  Tab move  F3 transcript  "
		    "Esc back  ? help");
	}
	return _("Enter send  Tab move  F3 transcript  Esc back  F1 help  "
	    "Ctrl-Q quit");
}

/* The SES simulator's whole note on SES paths. */
static char *
send_help_more(struct wizard *w)
{
	if (!model_send_ses(w))
		return NULL;
	return xasprintf("%s\n\n%s", _("Amazon SES: the server is "
	    "email-smtp.REGION.amazonaws.com; the user name and the password "
	    "are the SMTP credentials made in the SES console for that "
	    "region, not an AWS access key."), smtp_ses_simulator_note());
}

const struct screen screen_sendtest = {
	.title = N_("Test email"),
	.help = N_("Send a real message through the SMTP server your mail "
	    "goes out by, and see exactly what it said. The server, the "
	    "port and the From address are filled in from your answers; "
	    "change what differs. TLS: STARTTLS on port 587 (the default) "
	    "or TLS from the first byte (implicit, port 465); none sends "
	    "the password in clear and needs the insecure box. The server's "
	    "certificate is checked unless insecure is ticked; a server with "
	    "a private certificate authority needs its CA certificate in the "
	    "CA file field (PEM). Several recipients: separate them with "
	    "spaces. The password is shown as stars, never saved with your "
	    "answers and wiped when the wizard ends. Send (Enter in any "
	    "field) shows each stage as it passes - connect, TLS, login, "
	    "sender, recipients, message - and you can keep typing "
	    "meanwhile; then the server's answer, each recipient, the TLS "
	    "version, the certificate and, when it failed, why and what to "
	    "do. PgUp and PgDn scroll the result; F3 or Transcript shows "
	    "the whole conversation, with the login masked. Sending again "
	    "keeps the fields. Up and Down move between the fields; Left "
	    "and Right choose in a row of options."),
	.enter = send_enter,
	.draw = send_draw,
	.key = send_key,
	.nfocus = send_nfocus,
	.focus = send_focus,
	.buttons = send_buttons,
	.action = send_action,
	.next = send_next,
	.click = send_click,
	.redraw_ms = send_redraw_ms,
	.hints = send_hints,
	.help_more = send_help_more,
};
