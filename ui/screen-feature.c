/* screen-feature.c - Email Notification or Workflow */
#include <stdlib.h>

#include "ui.h"

static struct ui_choice choice;	/* the explanation scrolls */

/* The title of a feature, for the list. */
static const char *
feature_label(void *arg, size_t i)
{
	struct wizard *w = arg;

	return _(w->cat.features[i].title);
}

/* Draw the list and the explanation of the highlighted feature. */
static void
feature_draw(struct wizard *w, struct ui_rect r)
{
	struct ui_doc d = { NULL, 0 };
	struct ui_rect hr;

	hr = ui_choice_list(&w->features, r, _("Which Zuora feature sends the "
	    "mails?"), wizard_focused(w, 0), feature_label, w);
	ui_doc_wrap(&d, (size_t)hr.w, UI_A_NORMAL, "", "", UI_A_NORMAL,
	    _(model_feature(w)->help));
	ui_choice_explain(&choice, &d, hr);
	ui_doc_free(&d);
}

/* Move in the list. */
static int
feature_key(struct wizard *w, int key)
{
	int rc = ui_choice_key(&choice, &w->features, key, w->focus == 0);

	if (rc != UI_CHANGED)
		return rc;
	model_feature_changed(w);
	return UI_USED;
}

/* The list takes the focus. */
static int
feature_nfocus(struct wizard *w)
{
	(void)w;
	return 1;
}

/* The focus starts on the list. */
static int
feature_focus(struct wizard *w)
{
	(void)w;
	return 0;
}

/* The server types of the feature come next. */
static int
feature_next(struct wizard *w)
{
	model_feature_changed(w);
	return SCR_SERVER;
}

/* A click on a feature chooses it; a second one goes on. */
static int
feature_click(struct wizard *w, int y, int x)
{
	int rc = ui_list_click(&w->features, y, x);

	if (rc == 0)
		return UI_IGNORED;
	w->focus = 0;
	model_feature_changed(w);
	if (rc == 2)
		wizard_action(w, UI_ACT_NEXT);
	return UI_USED;
}

const struct screen screen_feature = {
	.title = N_("Feature"),
	.help = N_("Choose the Zuora feature whose mails you want trusted: "
	    "Email Notification (invoices, receipts, reminders sent by Zuora "
	    "Billing) or Workflow (mails sent by workflow tasks). Up and "
	    "Down choose, Enter goes on. If you use both, run the wizard "
	    "once for each: the records are merged into what your domain "
	    "already publishes."),
	.draw = feature_draw,
	.key = feature_key,
	.nfocus = feature_nfocus,
	.focus = feature_focus,
	.next = feature_next,
	.click = feature_click,
};
