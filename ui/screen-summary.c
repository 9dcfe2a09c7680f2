/* screen-summary.c - what was generated, exported and verified, and what
   remains to be done */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui.h"
#include "dashboard.h"

enum {
	SUM_ACT_FINISH = UI_ACT_SCREEN
};

static size_t summary_lines;
static int summary_page;
static size_t summary_top;

/* What to do with a record, in a word. */
static const char *
summary_what(enum record_action a)
{
	switch (a) {
	case RECORD_CREATE:
		return _("new");
	case RECORD_REPLACE:
		return _("replaces the current one");
	case RECORD_KEEP:
		return _("keep");
	}
	return "";
}

/* The command line that watches the same records. */
static char *
summary_command(struct wizard *w)
{
	const struct catalog_server *sv = model_server(w);
	const struct catalog_provider *pv = model_provider(w);
	struct strlist ips = { NULL, 0 };
	struct buf b;
	size_t i, base;

	buf_init(&b);
	buf_printf(&b, "mailwiz watch -f %s -s %s -d %s", model_feature(w)->id,
	    sv != NULL ? sv->id : "SERVER", w->alabel != NULL ? w->alabel :
	    "DOMAIN");
	if (pv != NULL) {
		buf_printf(&b, " -p %s", pv->id);
		base = w->form.param_base[w->form.list.cur];
		for (i = 0; i < pv->nparams; i++)
			buf_printf(&b, " --provider-id %s=%s",
			    pv->params[i].name,
			    w->form.params[base + i].text.data);
		if (pv->custom) {
			const char *p = w->form.ips.text.data;
			char *copy = xstrdup(p), *tok, *save = NULL;

			for (tok = strtok_r(copy, " ,;\t", &save); tok != NULL;
			    tok = strtok_r(NULL, " ,;\t", &save))
				strlist_add(&ips, tok);
			free(copy);
			for (i = 0; i < ips.n; i++)
				buf_printf(&b, " --ip %s", ips.v[i]);
			strlist_free(&ips);
		}
	}
	if (!ui_paste_blank(&w->form.dkim))
		buf_puts(&b, " --dkim FILE");
	return buf_detach(&b);
}

/* Whether the record set has a warning with this code. */
static int
summary_warned(const struct record_set *rs, const char *code)
{
	size_t i;

	for (i = 0; i < rs->nwarnings; i++) {
		if (strcmp(rs->warnings[i].code, code) == 0)
			return 1;
	}
	return 0;
}

/* What remains to be done for the path. */
static void
summary_remains(struct wizard *w, struct ui_doc *d, size_t width)
{
	const struct catalog_server *sv = model_server(w);
	const struct record_set *rs = w->plan;
	const char *b = ui_ascii() ? "- " : "\u2022 ";
	char *s, *cmd;
	size_t i;
	int ok = w->dash != NULL && dashboard_all_ok(w->dash), newdmarc = 0;

	ui_doc_add(d, UI_A_HEADING, "%s", _("What remains"));
	if (!ok) {
		cmd = summary_command(w);
		ui_doc_wrap(d, width, UI_A_NORMAL, b, "  ", UI_A_NORMAL,
		    _("Publish the records at your DNS host, then watch them "
		    "turn green on the propagation screen, or from a shell:"));
		ui_doc_hard(d, width, UI_A_NORMAL, "    ", "    ",
		    UI_A_SELECTED, cmd);
		free(cmd);
	}
	if (sv != NULL && sv->dkim_count > 0 &&
	    ui_paste_blank(&w->form.dkim)) {
		s = xasprintf(P_("Ask Zuora Global Support for the %d DKIM "
		    "CNAME record, then run mailwiz again and paste it.",
		    "Ask Zuora Global Support for the %d DKIM CNAME records, "
		    "then run mailwiz again and paste them.", sv->dkim_count),
		    sv->dkim_count);
		ui_doc_wrap(d, width, UI_A_NORMAL, b, "  ", UI_A_NORMAL, s);
		free(s);
	}
	if (sv != NULL && sv->dkim_count > 0)
		ui_doc_wrap(d, width, UI_A_NORMAL, b, "  ", UI_A_NORMAL,
		    _("Amazon SES checks the DKIM records for up to 72 hours "
		    "after they are published; the domain stays Pending until "
		    "then."));
	for (i = 0; rs != NULL && i < rs->nrecords; i++) {
		if (rs->records[i].purpose != NULL &&
		    strcmp(rs->records[i].purpose, "dmarc") == 0 &&
		    rs->records[i].action == RECORD_CREATE)
			newdmarc = 1;
	}
	if (newdmarc)
		ui_doc_wrap(d, width, UI_A_NORMAL, b, "  ", UI_A_NORMAL,
		    _("Once the DMARC reports show your mail passing, move "
		    "the policy from p=none to p=quarantine, then "
		    "p=reject."));
	if (rs != NULL && summary_warned(rs, "allow-list"))
		ui_doc_wrap(d, width, UI_A_NORMAL, b, "  ", UI_A_NORMAL,
		    _("Allow Zuora's outbound addresses on your mail server "
		    "if it only accepts known senders ('mailwiz catalog' "
		    "lists them)."));
	if (ok)
		ui_doc_wrap(d, width, UI_A_OK, b, "  ", UI_A_NORMAL,
		    _("Nothing else in DNS: every record is right at every "
		    "server checked."));
	if (model_send_applies(w) && !model_send_delivered(w) &&
	    !model_send_running(w))
		ui_doc_wrap(d, width, UI_A_NORMAL, b, "  ", UI_A_NORMAL,
		    _("Send a test email through your server: the test email "
		    "screen (Esc from here), or 'mailwiz send-test' from a "
		    "shell."));
}

/* Build what the screen shows. */
static void
summary_doc(struct wizard *w, struct ui_doc *d, size_t width)
{
	const struct catalog_server *sv = model_server(w);
	const struct record_set *rs;
	const char *b = ui_ascii() ? "- " : "\u2022 ";
	char *s, *cause = NULL;
	size_t i;

	if (sv != NULL && sv->nothing) {
		ui_doc_add(d, UI_A_OK, "%s %s", ui_glyph(UI_G_OK),
		    _("Nothing to publish"));
		ui_doc_blank(d);
		ui_doc_wrap(d, width, UI_A_NORMAL, "", "", UI_A_NORMAL,
		    sv->nothing_why != NULL ? _(sv->nothing_why) : "");
		ui_doc_blank(d);
		ui_doc_add(d, UI_A_HEADING, "%s", _("What remains"));
		ui_doc_wrap(d, width, UI_A_NORMAL, b, "  ", UI_A_NORMAL,
		    _("Nothing for this path. If Workflow later sends with a "
		    "From address of your own domain, run mailwiz again and "
		    "choose that server type."));
		return;
	}
	ui_doc_add(d, UI_A_HEADING, "%s", _("Generated"));
	if (model_plan(w) == -1) {
		ui_doc_wrap(d, width, UI_A_ERROR, b, "  ", UI_A_ERROR,
		    w->plan_error);
		rs = NULL;
	} else {
		rs = w->plan;
		s = xasprintf(P_("%zu record for %s:", "%zu records for %s:",
		    rs->nrecords), rs->nrecords, rs->domain_display);
		ui_doc_wrap(d, width, UI_A_NORMAL, b, "  ", UI_A_NORMAL, s);
		free(s);
		for (i = 0; i < rs->nrecords; i++)
			ui_doc_add(d, UI_A_NORMAL, "    %-5s %-6s %s  (%s)",
			    rs->records[i].purpose, rs->records[i].type,
			    rs->records[i].name, summary_what(
			    rs->records[i].action));
	}
	ui_doc_blank(d);
	ui_doc_add(d, UI_A_HEADING, "%s", _("Exported"));
	if (w->exported.n == 0)
		ui_doc_wrap(d, width, UI_A_NORMAL, b, "  ", UI_A_NORMAL,
		    _("not yet: the export screen writes a file or copies the "
		    "records to the clipboard"));
	for (i = 0; i < w->exported.n; i++)
		ui_doc_wrap(d, width, UI_A_NORMAL, b, "  ", UI_A_NORMAL,
		    w->exported.v[i]);
	ui_doc_blank(d);
	ui_doc_add(d, UI_A_HEADING, "%s", _("Verified"));
	if (w->dash != NULL) {
		s = dashboard_summary(w->dash);
		free(cause);
		cause = xasprintf("%s ", dashboard_all_ok(w->dash) ?
		    ui_glyph(UI_G_OK) : ui_glyph(UI_G_WARN));
		ui_doc_wrap(d, width, dashboard_all_ok(w->dash) ? UI_A_OK :
		    UI_A_WARN, cause, "  ", UI_A_NORMAL, s);
		free(s);
	} else
		ui_doc_wrap(d, width, UI_A_NORMAL, b, "  ", UI_A_NORMAL,
		    _("not checked yet: the propagation screen asks every "
		    "server"));
	free(cause);
	if (model_send_applies(w)) {
		ui_doc_blank(d);
		ui_doc_add(d, UI_A_HEADING, "%s", _("Test email"));
		model_send_summary(w, d, width);
	}
	ui_doc_blank(d);
	summary_remains(w, d, width);
}

/* Start at the top. */
static void
summary_enter(struct wizard *w)
{
	(void)w;
	summary_top = 0;
}

/* Draw the summary from the scroll position. */
static void
summary_draw(struct wizard *w, struct ui_rect r)
{
	struct ui_doc d = { NULL, 0 };
	struct ui_rect dr = r;

	summary_doc(w, &d, (size_t)r.w - 1);
	summary_lines = d.n;
	summary_page = r.h;
	dr.w = r.w - 1;
	if (summary_top + (size_t)r.h > d.n)
		summary_top = d.n > (size_t)r.h ? d.n - (size_t)r.h : 0;
	ui_doc_draw(&d, dr, summary_top);
	ui_doc_free(&d);
}

/* Scroll. */
static int
summary_key(struct wizard *w, int key)
{
	(void)w;
	if (key == UI_KEY(KEY_LEFT) || key == UI_KEY(KEY_RIGHT))
		return UI_IGNORED;
	return ui_doc_scroll(&summary_top, summary_lines, summary_page, key);
}

/* Redraw while a test email is being sent (its spinner). */
static int
summary_redraw_ms(struct wizard *w)
{
	return model_send_running(w) ? 120 : -1;
}

/* Back and Finish. */
static void
summary_buttons(struct wizard *w, struct ui_buttons *b)
{
	(void)w;
	ui_buttons_add(b, _("Back"), UI_ACT_BACK);
	ui_buttons_add(b, _("Finish"), SUM_ACT_FINISH);
}

/* Finish: a check still waiting is offered to be saved; a finished one
   needs no saved state any more. */
static void
summary_action(struct wizard *w, int action)
{
	char *s;

	if (action != SUM_ACT_FINISH)
		return;
	if (w->dash != NULL && !dashboard_all_ok(w->dash)) {
		wizard_action(w, UI_ACT_QUIT);
		return;
	}
	if (w->dash != NULL && w->state_path != NULL)
		unlink(w->state_path);
	if (w->dash != NULL) {
		s = dashboard_summary(w->dash);
		free(w->farewell);
		w->farewell = xasprintf("mailwiz: %s\n", s);
		free(s);
	}
	w->quit = 1;
}

/* Enter finishes. */
static int
summary_next(struct wizard *w)
{
	summary_action(w, SUM_ACT_FINISH);
	return -1;
}

/* The focus starts on Finish. */
static int
summary_focus(struct wizard *w)
{
	(void)w;
	return 1;
}

const struct screen screen_summary = {
	.title = N_("Summary"),
	.help = N_("What mailwiz generated for you, where you exported it, "
	    "what the propagation check found, what the test email's server "
	    "said, and what remains to be done. "
	    "Finish (Enter) ends the wizard; while the check still waits "
	    "for a record, it offers to save the wizard so that 'mailwiz "
	    "--resume' carries on."),
	.enter = summary_enter,
	.draw = summary_draw,
	.key = summary_key,
	.buttons = summary_buttons,
	.action = summary_action,
	.next = summary_next,
	.focus = summary_focus,
	.redraw_ms = summary_redraw_ms,
};
