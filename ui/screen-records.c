/* screen-records.c - the exact records: host-only and full names, type,
   TTL, value (long TXT split), what each replaces and why; the SPF lookup
   budget as a bar; warnings in plain words */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "spf.h"

#define REC_LABEL_MIN 12	/* the label column, in English */
#define REC_LABEL_MAX 24

enum {
	REC_ACT_CHECK = UI_ACT_SCREEN
};

static size_t records_lines;	/* of the last document drawn */
static int records_page;

/* A short upper-case name for what a record is for. */
static char *
records_purpose(const char *purpose)
{
	char *s = str_lower(purpose != NULL ? purpose : "");
	char *p;

	for (p = s; *p != '\0'; p++) {
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	}
	return s;
}

/* What to do with a record, in words. */
static const char *
records_what(const struct record *r)
{
	switch (r->action) {
	case RECORD_CREATE:
		return _("new record: add it");
	case RECORD_REPLACE:
		return _("replaces your current record");
	case RECORD_KEEP:
		return _("already published: keep it as it is");
	}
	return "";
}

static const char *const records_labels[] = {
	N_("Host"), N_("Full name"), N_("Value"), N_("Replaces"), N_("Why")
};

/* A label column entry such as "    Host        ": the label, cut if it
   is wider than the column, then spaces to the column's end. */
static char *
records_label(const char *name, size_t col)
{
	size_t w, n = ui_fit(name, col - 1, &w);
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "    ");
	buf_add(&b, name, n);
	for (; w < col; w++)
		buf_putc(&b, ' ');
	return buf_detach(&b);
}

/* Add one record. */
static void
records_one(const struct record_set *rs, size_t i, struct ui_doc *d,
    size_t width)
{
	const struct record *r = &rs->records[i];
	struct strlist parts = { NULL, 0 };
	char *purpose, *label, *q, *ttl, *indent;
	size_t j, col;

	purpose = records_purpose(r->purpose);
	ttl = xasprintf(_("TTL %lu"), r->ttl);
	ui_doc_add(d, r->action == RECORD_KEEP ? UI_A_OK : UI_A_HEADING,
	    "%zu. %s %s %s  %s  %s %s", i + 1, purpose, ui_glyph(UI_G_SEP),
	    r->type, ttl, ui_glyph(UI_G_SEP), records_what(r));
	free(ttl);
	free(purpose);
	col = ui_label_column(records_labels, nitems(records_labels), 2,
	    REC_LABEL_MIN, REC_LABEL_MAX);
	indent = records_label("", col);
	label = records_label(_("Host"), col);
	ui_doc_hard(d, width, UI_A_DIM, label, indent, UI_A_SELECTED,
	    r->host);
	free(label);
	label = records_label(_("Full name"), col);
	ui_doc_hard(d, width, UI_A_DIM, label, indent, UI_A_NORMAL,
	    r->name);
	free(label);
	label = records_label(_("Value"), col);
	if (strcmp(r->type, "TXT") == 0) {
		txt_split(r->value, &parts);
		for (j = 0; j < parts.n; j++) {
			q = txt_quote(parts.v[j]);
			ui_doc_hard(d, width, UI_A_DIM, j == 0 ? label :
			    indent, indent, UI_A_SELECTED, q);
			free(q);
		}
		if (parts.n > 1) {
			q = xasprintf(P_("(%zu string of at most 255 bytes: "
			    "one record; receivers join them)", "(%zu strings "
			    "of at most 255 bytes: one record; receivers join "
			    "them)", parts.n), parts.n);
			ui_doc_wrap(d, width, UI_A_DIM, indent,
			    indent, UI_A_DIM, q);
			free(q);
		}
		strlist_free(&parts);
	} else
		ui_doc_hard(d, width, UI_A_DIM, label, indent,
		    UI_A_SELECTED, r->value);
	free(label);
	if (r->replaces != NULL) {
		label = records_label(_("Replaces"), col);
		ui_doc_hard(d, width, UI_A_DIM, label, indent,
		    UI_A_NORMAL, r->replaces);
		free(label);
	}
	if (r->why != NULL && *r->why != '\0') {
		label = records_label(_("Why"), col);
		ui_doc_wrap(d, width, UI_A_DIM, label, indent,
		    UI_A_NORMAL, _(r->why));
		free(label);
	}
	free(indent);
	ui_doc_blank(d);
}

/* Add the SPF lookup budget of the new SPF record as a bar. */
static void
records_budget(const struct record_set *rs, struct ui_doc *d, size_t width)
{
	struct spf_record spf;
	struct buf bar;
	char *cause = NULL, *s;
	size_t i;
	int n, j, attr;

	for (i = 0; i < rs->nrecords; i++) {
		if (rs->records[i].purpose != NULL &&
		    strcmp(rs->records[i].purpose, "spf") == 0)
			break;
	}
	if (i == rs->nrecords)
		return;
	if (spf_parse(rs->records[i].value, &spf, &cause) == -1) {
		free(cause);
		return;
	}
	n = spf_lookup_terms(&spf);
	spf_record_free(&spf);
	buf_init(&bar);
	buf_putc(&bar, '[');
	for (j = 0; j < SPF_MAX_LOOKUPS; j++)
		buf_puts(&bar, ui_glyph(j < n ? UI_G_BAR_FULL :
		    UI_G_BAR_EMPTY));
	buf_putc(&bar, ']');
	attr = n > SPF_MAX_LOOKUPS ? UI_A_ERROR : n > 7 ? UI_A_WARN :
	    UI_A_OK;
	s = xasprintf(P_("%s %d lookup of %d%s", "%s %d lookups of %d%s", n),
	    bar.data, n, SPF_MAX_LOOKUPS, n > SPF_MAX_LOOKUPS ?
	    _(": over the limit, receivers reject the record") : "");
	ui_doc_add(d, UI_A_HEADING, "%s", _("SPF lookup budget"));
	ui_doc_add(d, attr, "  %s", s);
	free(s);
	ui_doc_wrap(d, width, UI_A_NORMAL, "  ", "  ", UI_A_DIM, _("The "
	    "include, a, mx, ptr, exists and redirect terms of the new SPF "
	    "record each cost a DNS lookup; receivers allow 10 in all, "
	    "counting those of the records it includes (the propagation "
	    "check counts the whole tree)."));
	ui_doc_blank(d);
	buf_free(&bar);
}

/* The text of a warning, in the wizard's words where the engine speaks of
   command-line options. */
static char *
records_warning(struct wizard *w, const struct warning *wr)
{
	const struct catalog_server *sv = model_server(w);

	if (strcmp(wr->code, "spf-not-looked-up") == 0)
		return xstrdup(_("mailwiz could not look at the domain's "
		    "current SPF record. If the domain already has one, do "
		    "not publish this record beside it: press F5 to look "
		    "again, and mailwiz merges the two."));
	if (strcmp(wr->code, "dmarc-not-looked-up") == 0)
		return xstrdup(_("mailwiz could not look for an existing "
		    "DMARC record; if _dmarc already has one, keep it and "
		    "skip this record."));
	if (strcmp(wr->code, "dkim-missing") == 0 && sv != NULL)
		return xasprintf(P_("%s needs %d DKIM CNAME record from Zuora "
		    "Global Support: when you have it, paste it on the "
		    "previous screen (Esc).", "%s needs %d DKIM CNAME records "
		    "from Zuora Global Support: when you have them, paste "
		    "them on the previous screen (Esc).", sv->dkim_count),
		    _(sv->title), sv->dkim_count);
	if (strcmp(wr->code, "dkim-provider") == 0 && model_provider(w) !=
	    NULL)
		return xasprintf(_("%s signs mail with a DKIM key that you "
		    "copy from its control panel: paste that record on the "
		    "previous screen (Esc)."), _(model_provider(w)->name));
	return xstrdup(wr->message);
}

/* Build what the screen shows. */
static void
records_doc(struct wizard *w, struct ui_doc *d, size_t width)
{
	const struct record_set *rs;
	size_t i, nkeep = 0;
	char *s;

	if (model_plan(w) == -1) {
		s = xasprintf("%s ", ui_glyph(UI_G_ERROR));
		ui_doc_wrap(d, width, UI_A_ERROR, s, "  ", UI_A_ERROR,
		    w->plan_error);
		free(s);
		ui_doc_wrap(d, width, UI_A_NORMAL, "  ", "  ", UI_A_NORMAL,
		    _("Esc goes back to change the answers."));
		return;
	}
	rs = w->plan;
	for (i = 0; i < rs->nrecords; i++) {
		if (rs->records[i].action == RECORD_KEEP)
			nkeep++;
	}
	s = xasprintf(P_("%zu record for %s", "%zu records for %s",
	    rs->nrecords), rs->nrecords, rs->domain_display);
	if (nkeep > 0) {
		char *t = xasprintf(P_("%s (%zu already published)",
		    "%s (%zu already published)", nkeep), s, nkeep);

		free(s);
		s = t;
	}
	ui_doc_add(d, UI_A_HEADING, "%s", s);
	free(s);
	if (w->lk_state == LK_RUNNING || w->lk_state == LK_WAIT) {
		model_existing_lines(w, d, width);
		ui_doc_wrap(d, width, UI_A_NORMAL, "  ", "  ", UI_A_DIM,
		    _("The SPF and DMARC records may change when the answer "
		    "comes."));
	}
	ui_doc_blank(d);
	if (rs->nrecords == 0 && rs->note != NULL)
		ui_doc_wrap(d, width, UI_A_OK, _("Nothing to publish: "), "  ",
		    UI_A_NORMAL, _(rs->note));
	for (i = 0; i < rs->nrecords; i++)
		records_one(rs, i, d, width);
	records_budget(rs, d, width);
	if (rs->nwarnings > 0)
		ui_doc_add(d, UI_A_HEADING, "%s", _("Warnings"));
	for (i = 0; i < rs->nwarnings; i++) {
		s = records_warning(w, &rs->warnings[i]);
		ui_doc_wrap(d, width, UI_A_WARN, "! ", "  ", UI_A_NORMAL, s);
		free(s);
	}
}

/* Start at the top. */
static void
records_enter(struct wizard *w)
{
	w->records_top = 0;
	model_plan(w);
}

/* Draw the records from the scroll position. */
static void
records_draw(struct wizard *w, struct ui_rect r)
{
	struct ui_doc d = { NULL, 0 };
	struct ui_rect dr = r;

	records_doc(w, &d, (size_t)r.w - 1);
	dr.w = r.w - 1;
	records_lines = d.n;
	records_page = r.h;
	if (w->records_top + (size_t)r.h > d.n)
		w->records_top = d.n > (size_t)r.h ? d.n - (size_t)r.h : 0;
	ui_doc_draw(&d, dr, w->records_top);
	ui_doc_free(&d);
}

/* Scroll, or open the propagation check. */
static int
records_key(struct wizard *w, int key)
{
	if (key == 'p' || key == 'P') {
		wizard_action(w, REC_ACT_CHECK);
		return UI_USED;
	}
	if (key == 'e' || key == 'E') {
		wizard_action(w, UI_ACT_NEXT);
		return UI_USED;
	}
	if (key == UI_KEY(KEY_LEFT) || key == UI_KEY(KEY_RIGHT))
		return UI_IGNORED;
	return ui_doc_scroll(&w->records_top, records_lines, records_page,
	    key);
}

/* Back, the propagation check, and Export as Next. */
static void
records_buttons(struct wizard *w, struct ui_buttons *b)
{
	(void)w;
	ui_buttons_add(b, _("Back"), UI_ACT_BACK);
	ui_buttons_add(b, _("Check DNS (p)"), REC_ACT_CHECK);
	ui_buttons_add(b, _("Export"), UI_ACT_NEXT);
}

/* Open the propagation check. */
static void
records_action(struct wizard *w, int action)
{
	if (action != REC_ACT_CHECK)
		return;
	if (model_plan(w) == -1) {
		wizard_message(w, UI_A_ERROR, "%s %s", ui_glyph(UI_G_ERROR),
		    w->plan_error);
		return;
	}
	wizard_go(w, SCR_PROPAGATION);
}

/* The export comes next. */
static int
records_next(struct wizard *w)
{
	if (model_plan(w) == -1) {
		wizard_message(w, UI_A_ERROR, "%s %s", ui_glyph(UI_G_ERROR),
		    w->plan_error);
		return -1;
	}
	return SCR_EXPORT;
}

/* The keys of the screen. */
static const char *
records_hints(struct wizard *w)
{
	(void)w;
	return _("Enter export  p check DNS  arrows scroll  Esc back  ? help"
	    "  q quit");
}

const struct screen screen_records = {
	.title = N_("Records"),
	.help = N_("These are the exact records to publish at your DNS host. "
	    "Each shows its host name alone (what most DNS panels want: they "
	    "add the domain themselves, so do not type it twice) and the "
	    "full name, the type, the TTL and the value. A TXT value longer "
	    "than 255 bytes is shown split into strings; publish them as one "
	    "record. 'Replaces' is the record to change; never publish a "
	    "second SPF record. The SPF bar counts the DNS lookups of the "
	    "new SPF record against the limit of 10.\n\nUp, Down, PgUp and "
	    "PgDn scroll. Enter (or e) goes to the export; p opens the "
	    "propagation check at any time."),
	.enter = records_enter,
	.draw = records_draw,
	.key = records_key,
	.buttons = records_buttons,
	.action = records_action,
	.next = records_next,
	.hints = records_hints,
};
