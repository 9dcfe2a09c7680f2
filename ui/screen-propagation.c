/* screen-propagation.c - the propagation dashboard: every record at every
   server, checked again on the engine's schedule; it keeps running when
   the administrator leaves the screen */
#include <stdlib.h>

#include "ui.h"
#include "dashboard.h"
#include "loop.h"

/* Start the dashboard (or keep the one running). */
static void
propagation_enter(struct wizard *w)
{
	model_dashboard(w);
}

/* Draw the dashboard, or why it is not there yet. */
static void
propagation_draw(struct wizard *w, struct ui_rect r)
{
	struct ui_doc d = { NULL, 0 };
	char *s;
	int rc;

	rc = model_dashboard(w);
	if (rc == 0) {
		dashboard_draw(w->dash, stdscr, r.y, r.x, r.h, r.w,
		    ui_ascii(), ui_color());
		return;
	}
	ui_doc_add(&d, UI_A_HEADING, "%s", _("Propagation"));
	ui_doc_blank(&d);
	if (rc == 1) {
		s = xasprintf("%s ", ui_spinner(loop_now_ms()));
		ui_doc_wrap(&d, (size_t)r.w - 1, UI_A_HEADING, s, "  ",
		    UI_A_NORMAL, _("Waiting for the domain's current records, "
		    "which decide the SPF record to check..."));
		free(s);
	} else {
		s = xasprintf("%s ", ui_glyph(UI_G_ERROR));
		ui_doc_wrap(&d, (size_t)r.w - 1, UI_A_ERROR, s, "  ",
		    UI_A_ERROR, w->dash_error != NULL ? w->dash_error : "");
		free(s);
	}
	ui_doc_draw(&d, r, 0);
	ui_doc_free(&d);
}

/* The dashboard's keys: t, r, arrows, PgUp and PgDn. */
static int
propagation_key(struct wizard *w, int key)
{
	int k = key & UI_FN ? key & ~UI_FN : key;

	if (w->dash == NULL)
		return UI_IGNORED;
	if (dashboard_key(w->dash, k)) {
		w->dirty = 1;
		return UI_USED;
	}
	return UI_IGNORED;
}

/* Redraw while waiting for the lookup (the spinner). */
static int
propagation_timeout(struct wizard *w)
{
	if (w->dash == NULL && (w->lk_state == LK_WAIT ||
	    w->lk_state == LK_RUNNING))
		return 120;
	return -1;
}

/* The test email comes next when there is a server of the
   administrator's to send through, else the summary. */
static int
propagation_next(struct wizard *w)
{
	return model_send_applies(w) ? SCR_SENDTEST : SCR_SUMMARY;
}

/* The keys of the screen. */
static const char *
propagation_hints(struct wizard *w)
{
	if (model_send_applies(w))
		return _("t SPF tree  r check now  Enter test email  Esc "
		    "back  ? help  q quit");
	return _("t SPF tree  r check now  Enter summary  Esc back  ? help  q "
	    "quit");
}

const struct screen screen_propagation = {
	.title = N_("Propagation"),
	.help = N_("Each row is a record, each column a DNS server: the "
	    "domain's own name servers (authoritative) and public resolvers. "
	    "Each cell says whether the server gives the right answer, with "
	    "a symbol and a word, and for a server that still holds an old "
	    "or missing answer, how long until that cached answer expires. "
	    "Servers are asked again on that schedule by themselves; r asks "
	    "every one now. t shows the SPF include tree and its DNS lookup "
	    "count. The bell rings and a banner shows when everything is "
	    "right. You can go back and come here again: the check keeps "
	    "running. Quitting offers to save it, so that 'mailwiz --resume' "
	    "reopens it."),
	.enter = propagation_enter,
	.draw = propagation_draw,
	.key = propagation_key,
	.next = propagation_next,
	.redraw_ms = propagation_timeout,
	.hints = propagation_hints,
};
