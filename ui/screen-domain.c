/* screen-domain.c - the domain, checked as it is typed, with its current
   SPF and DMARC looked up in the background */
#include <stdlib.h>
#include <string.h>

#include "ui.h"

#define DOMAIN_LABEL 9		/* "Domain  " and a space, in English */

static const char *const domain_labels[] = { N_("Domain") };

/* Draw the field, what is wrong with it or both forms of the name, and
   the current records. */
static void
domain_draw(struct wizard *w, struct ui_rect r)
{
	struct ui_doc d = { NULL, 0 };
	struct ui_rect dr;
	size_t width = (size_t)r.w - 1;
	int y = r.y, fw, lw, w1, w2;
	const char *shown, *indns;
	char *s;

	ui_put(y, r.x, r.w, UI_A_HEADING, _("Which domain do your From "
	    "addresses use?"));
	y += 2;
	ui_doc_wrap(&d, width, UI_A_NORMAL, "", "", UI_A_NORMAL, _("Type the "
	    "part after the @ of the From address of your mails: example.com "
	    "for billing@example.com. Internationalised names are fine."));
	y += (int)ui_doc_draw(&d, (struct ui_rect){ y, r.x, 3, r.w - 1 }, 0);
	ui_doc_free(&d);
	y++;
	lw = (int)ui_label_column(domain_labels, 1, 3, DOMAIN_LABEL, 20);
	ui_put(y, r.x, lw, UI_A_SELECTED, _("Domain"));
	fw = r.w - lw - 1;
	if (fw > 62)
		fw = 62;
	ui_field_draw(&w->domain, y, r.x + lw, fw,
	    wizard_focused(w, 0), w->domain_error != NULL);
	y++;
	width = (size_t)(r.w - lw - 1);
	if (w->domain_error != NULL) {
		s = xasprintf("%s ", ui_glyph(UI_G_ERROR));
		ui_doc_wrap(&d, width, UI_A_ERROR, s, "  ", UI_A_ERROR,
		    w->domain_error);
		free(s);
	} else if (w->alabel != NULL) {
		s = xasprintf("%s ", ui_glyph(UI_G_OK));
		if (strcmp(w->alabel, w->ulabel) != 0) {
			shown = _("shown as");
			indns = _("in DNS");
			w1 = (int)ui_width(shown);
			w2 = (int)ui_width(indns);
			ui_doc_add(&d, UI_A_OK, "%s%s%*s %s", s, shown,
			    w2 > w1 ? w2 - w1 : 0, "", w->ulabel);
			ui_doc_add(&d, UI_A_NORMAL, "  %s%*s %s", indns,
			    w1 > w2 ? w1 - w2 : 0, "", w->alabel);
		} else
			ui_doc_add(&d, UI_A_OK, "%s%s", s, _("a valid domain "
			    "name"));
		free(s);
	} else
		ui_doc_add(&d, UI_A_DIM, "%s", _("checked as you type"));
	dr.y = y;
	dr.x = r.x + lw;
	dr.h = 3;
	dr.w = (int)width;
	y += (int)ui_doc_draw(&d, dr, 0);
	ui_doc_free(&d);
	y++;
	model_existing_lines(w, &d, (size_t)r.w - 1);
	dr.y = y;
	dr.x = r.x;
	dr.h = r.y + r.h - y;
	dr.w = r.w - 1;
	ui_doc_draw(&d, dr, 0);
	ui_doc_free(&d);
}

/* Edit the domain. */
static int
domain_key(struct wizard *w, int key)
{
	int rc;

	if (w->focus != 0)
		return UI_IGNORED;
	rc = ui_field_key(&w->domain, key, w->pasting);
	if (rc == UI_CHANGED) {
		w->answers_touched = 1;
		model_domain_changed(w);
	}
	return rc;
}

/* The field takes the focus. */
static int
domain_nfocus(struct wizard *w)
{
	(void)w;
	return 1;
}

/* The focus starts in the field. */
static int
domain_focus(struct wizard *w)
{
	(void)w;
	return 0;
}

/* Go on with a valid domain only; its lookup starts now if it waited. */
static int
domain_next(struct wizard *w)
{
	if (w->alabel == NULL) {
		wizard_message(w, UI_A_ERROR, "%s %s", ui_glyph(UI_G_ERROR),
		    w->domain_error != NULL ? w->domain_error :
		    _("type the domain of your From addresses first"));
		w->focus = 0;
		return -1;
	}
	if (w->lk_state == LK_FAILED)
		model_lookup_retry(w);
	else
		model_lookup_now(w);
	return SCR_PROVIDER;
}

/* A click in the field moves the cursor. */
static int
domain_click(struct wizard *w, int y, int x)
{
	if (!ui_field_click(&w->domain, y, x))
		return UI_IGNORED;
	w->focus = 0;
	return UI_USED;
}

/* Keys while typing: q and ? are letters. */
static const char *
domain_hints(struct wizard *w)
{
	if (w->focus != 0)
		return NULL;
	return _("Enter next  Esc back  Tab move  F1 help  Ctrl-Q quit");
}

const struct screen screen_domain = {
	.title = N_("Domain"),
	.help = N_("Type the domain of the From address your mails use (the "
	    "part after the @). It is checked as you type: what is wrong is "
	    "shown under the field, and the text stays as you typed it. An "
	    "internationalised name is shown in both forms: as you read it, "
	    "and as DNS writes it (xn--...). As soon as the name is valid, "
	    "mailwiz asks the resolvers for its current SPF and DMARC "
	    "records, so that the new SPF record is merged into yours; you "
	    "can go on while it asks. In the field, Left, Right, Home, End, "
	    "Backspace, Delete, Ctrl-U (delete to the start) and Ctrl-K "
	    "(delete to the end) edit the text."),
	.draw = domain_draw,
	.key = domain_key,
	.nfocus = domain_nfocus,
	.focus = domain_focus,
	.next = domain_next,
	.click = domain_click,
	.hints = domain_hints,
};
