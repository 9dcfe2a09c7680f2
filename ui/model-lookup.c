/* model-lookup.c - the domain typed, checked, and its current SPF and
   DMARC records looked up in the background (never blocking: the lookup
   runs on the wizard's loop) */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "dmarc.h"
#include "domain.h"
#include "lookup.h"
#include "loop.h"
#include "spf.h"

#define LOOKUP_PAUSE_MS 300	/* typing pause before the lookup starts */
#define SPINNER_MS 120

/* A lookup in flight: where its answers go. */
struct model_job {
	struct wizard *w;
	struct plan_existing ex;
};

/* Forget the current records found for the domain. */
void
model_existing_clear(struct plan_existing *ex)
{
	strlist_free(&ex->txt);
	strlist_free(&ex->dmarc);
	memset(ex, 0, sizeof *ex);
}

/* Stop the lookup in flight, if any. */
void
model_lookup_cancel(struct wizard *w)
{
	struct model_job *job = w->lk_job;

	if (w->lk != NULL)
		lookup_cancel(w->lk);
	w->lk = NULL;
	if (job != NULL) {
		model_existing_clear(&job->ex);
		free(job);
	}
	w->lk_job = NULL;
}

/* A lookup ended: keep what it found. */
static void
model_lookup_done(void *arg, struct lookup *lk, const char *error)
{
	struct model_job *job = arg;
	struct wizard *w = job->w;

	(void)lk;
	w->lk = NULL;
	w->lk_job = NULL;
	free(w->lk_error);
	w->lk_error = NULL;
	if (error != NULL) {
		w->lk_state = LK_FAILED;
		w->lk_error = xstrdup(error);
		model_existing_clear(&job->ex);
	} else {
		model_existing_clear(&w->existing);
		w->existing = job->ex;
		w->lk_state = LK_DONE;
	}
	free(job);
	model_changed(w);
}

/* Start looking up the current SPF and DMARC of the domain. */
static void
model_lookup_begin(struct wizard *w)
{
	struct model_job *job;
	struct lookup *lk;
	char *cause = NULL;

	model_lookup_cancel(w);
	free(w->lk_error);
	w->lk_error = NULL;
	job = xcalloc(1, sizeof *job);
	job->w = w;
	w->lk_job = job;
	w->lk_state = LK_RUNNING;
	w->lk_since = loop_now_ms();
	w->dirty = 1;
	lk = lookup_start(w->loop, w->resolvers, w->nresolvers, &w->dopts,
	    w->lk_domain, &job->ex, model_lookup_done, job, &cause);
	if (lk != NULL) {
		w->lk = lk;
		return;
	}
	if (cause == NULL)
		return;		/* it ended at once: the callback ran */
	w->lk_job = NULL;
	free(job);
	w->lk_state = LK_FAILED;
	w->lk_error = cause;
	model_changed(w);
}

/* The domain field changed: check it, and look the domain up once the
   typing pauses. */
void
model_domain_changed(struct wizard *w)
{
	char *a = NULL, *u = NULL, *cause = NULL;
	const char *s = w->domain.text.data;

	free(w->alabel);
	free(w->ulabel);
	free(w->domain_error);
	w->alabel = w->ulabel = w->domain_error = NULL;
	while (*s == ' ')
		s++;
	if (*s != '\0') {
		if (domain_parse(w->domain.text.data, &a, &u, &cause) == -1)
			w->domain_error = cause;
		else {
			w->alabel = a;
			w->ulabel = u;
		}
	}
	model_changed(w);
	if (w->alabel != NULL && w->lk_domain != NULL &&
	    strcmp(w->alabel, w->lk_domain) == 0)
		return;
	model_lookup_cancel(w);
	model_existing_clear(&w->existing);
	free(w->lk_domain);
	free(w->lk_error);
	w->lk_domain = w->lk_error = NULL;
	if (w->alabel == NULL) {
		w->lk_state = LK_NONE;
		return;
	}
	w->lk_domain = xstrdup(w->alabel);
	w->lk_state = LK_WAIT;
	w->lk_due = loop_now_ms() + LOOKUP_PAUSE_MS;
}

/* Start the lookup now if it waits for a typing pause. */
void
model_lookup_now(struct wizard *w)
{
	if (w->lk_state == LK_WAIT)
		model_lookup_begin(w);
}

/* Look the domain up again after a failure (or to refresh). */
void
model_lookup_retry(struct wizard *w)
{
	if (w->lk_domain == NULL || w->lk_state == LK_RUNNING)
		return;
	model_lookup_begin(w);
}

/* Milliseconds until the lookup needs the loop (the pause, the spinner),
   or -1. */
int
model_lookup_timeout(struct wizard *w)
{
	uint64_t now = loop_now_ms();

	if (w->lk_state == LK_WAIT)
		return w->lk_due > now ? (int)(w->lk_due - now) : 0;
	if (w->lk_state == LK_RUNNING)
		return SPINNER_MS;
	return -1;
}

/* Start the lookup when the typing pause is over. */
void
model_lookup_tick(struct wizard *w)
{
	if (w->lk_state == LK_WAIT && loop_now_ms() >= w->lk_due)
		model_lookup_begin(w);
}

/* Describe the domain's current SPF and DMARC (or the lookup in
   progress) for a screen. */
void
model_existing_lines(struct wizard *w, struct ui_doc *d, size_t width)
{
	const struct plan_existing *ex = &w->existing;
	char *s, *label;
	size_t i, n = 0;
	const char *dom = w->ulabel != NULL ? w->ulabel : w->lk_domain;

	switch (w->lk_state) {
	case LK_NONE:
		return;
	case LK_WAIT:
	case LK_RUNNING:
		label = xasprintf("%s ", ui_spinner(loop_now_ms()));
		s = xasprintf(P_("Looking up the current SPF and DMARC "
		    "records of %s (asking up to %zu server)...", "Looking "
		    "up the current SPF and DMARC records of %s (asking up "
		    "to %zu servers)...", w->nresolvers), dom, w->nresolvers);
		ui_doc_wrap(d, width, UI_A_HEADING, label, "  ", UI_A_NORMAL,
		    s);
		free(s);
		free(label);
		return;
	case LK_FAILED:
		label = xasprintf("%s ", ui_glyph(UI_G_ERROR));
		s = xasprintf(_("Could not look up the current records: %s"),
		    w->lk_error != NULL ? w->lk_error : "");
		ui_doc_wrap(d, width, UI_A_ERROR, label, "  ", UI_A_NORMAL, s);
		free(s);
		ui_doc_wrap(d, width, UI_A_NORMAL, "  ", "  ", UI_A_NORMAL,
		    _("The records are worked out as if the domain had no "
		    "SPF or DMARC record. Press F5 to try again."));
		free(label);
		return;
	case LK_DONE:
		break;
	}
	label = xasprintf("%s ", ui_glyph(UI_G_OK));
	s = xasprintf(_("Current records of %s, as published now:"), dom);
	ui_doc_wrap(d, width, UI_A_OK, label, "  ", UI_A_NORMAL, s);
	free(s);
	free(label);
	if (ex->nxdomain) {
		s = xasprintf(_("the resolver says %s does not exist in DNS"),
		    dom);
		ui_doc_wrap(d, width, UI_A_WARN, "  ! ", "    ", UI_A_NORMAL,
		    s);
		free(s);
	}
	for (i = 0; i < ex->txt.n; i++) {
		if (!spf_is_record(ex->txt.v[i]))
			continue;
		ui_doc_hard(d, width, UI_A_SELECTED, _("  SPF    "),
		    "         ", UI_A_NORMAL, ex->txt.v[i]);
		n++;
	}
	if (n == 0)
		ui_doc_add(d, UI_A_NORMAL, "%s%s", _("  SPF    "),
		    _("none: a new record is proposed"));
	if (ex->spf_rr)
		ui_doc_wrap(d, width, UI_A_WARN, "  ! ", "    ", UI_A_NORMAL,
		    _("an old record of the obsolete SPF type (99) is "
		    "published too; delete it"));
	n = 0;
	for (i = 0; i < ex->dmarc.n; i++) {
		if (!dmarc_is_record(ex->dmarc.v[i]))
			continue;
		ui_doc_hard(d, width, UI_A_SELECTED, _("  DMARC  "),
		    "         ", UI_A_NORMAL, ex->dmarc.v[i]);
		n++;
	}
	if (n == 0)
		ui_doc_add(d, UI_A_NORMAL, "%s%s", _("  DMARC  "),
		    _("none: a starting record is proposed"));
}
