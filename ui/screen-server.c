/* screen-server.c - the mail server type of the feature, with what each
   one needs published */
#include <stdlib.h>
#include <string.h>

#include "ui.h"

static const char *const needs_labels[] = {
	N_("SPF"), N_("DKIM"), N_("Records")
};

static struct ui_choice choice;	/* the explanation scrolls */

/* The title of a server type of the current feature, for the list. */
static const char *
server_label(void *arg, size_t i)
{
	struct wizard *w = arg;
	size_t idx[64];

	model_servers(w, idx, nitems(idx));
	return _(w->cat.servers[idx[i]].title);
}

/* A label padded to col columns ("" gives the indent under it). */
static char *
needs_label(const char *label, size_t col)
{
	struct buf b;
	size_t w;

	buf_init(&b);
	buf_puts(&b, label);
	for (w = ui_width(label); w < col; w++)
		buf_putc(&b, ' ');
	return buf_detach(&b);
}

/* Add one line of what a server type needs, after its label. */
static void
server_need(struct ui_doc *d, size_t width, const char *label,
    const char *text)
{
	size_t col = ui_label_column(needs_labels, nitems(needs_labels), 2, 9,
	    20);
	char *l = needs_label(label, col), *indent = needs_label("", col);

	ui_doc_wrap(d, width, UI_A_SELECTED, l, indent, UI_A_NORMAL, text);
	free(indent);
	free(l);
}

/* Add what a server type needs published, in short. */
static void
server_needs(const struct catalog_server *sv, struct ui_doc *d, size_t width)
{
	char *s;

	if (sv->nothing) {
		ui_doc_wrap(d, width, UI_A_OK, _("Nothing to publish: "),
		    "  ", UI_A_NORMAL, sv->nothing_why != NULL ?
		    _(sv->nothing_why) : "");
		return;
	}
	if (sv->spf != NULL) {
		s = xasprintf(_("add %s to your SPF record"), sv->spf);
		server_need(d, width, _("SPF"), s);
		free(s);
	}
	if (sv->dkim_count > 0 && sv->dkim_from != NULL &&
	    strcmp(sv->dkim_from, "zuora-support") == 0) {
		s = xasprintf(P_("%d CNAME record that Zuora Global Support "
		    "gives you", "%d CNAME records that Zuora Global Support "
		    "gives you", sv->dkim_count), sv->dkim_count);
		server_need(d, width, _("DKIM"), s);
		free(s);
	}
	if (sv->needs_provider)
		server_need(d, width, _("Records"), _("what your provider "
		    "needs: choose its preset after the domain"));
}

/* Draw the list and the explanation of the highlighted server type. */
static void
server_draw(struct wizard *w, struct ui_rect r)
{
	const struct catalog_server *sv = model_server(w);
	struct ui_doc d = { NULL, 0 };
	struct ui_rect hr;
	char *head;

	head = xasprintf(_("How does %s send them?"),
	    _(model_feature(w)->title));
	hr = ui_choice_list(&w->servers, r, head, wizard_focused(w, 0),
	    server_label, w);
	free(head);
	if (sv == NULL)
		return;
	server_needs(sv, &d, (size_t)hr.w);
	ui_doc_blank(&d);
	ui_doc_wrap(&d, (size_t)hr.w, UI_A_NORMAL, "", "", UI_A_NORMAL,
	    _(sv->help));
	ui_choice_explain(&choice, &d, hr);
	ui_doc_free(&d);
}

/* Move in the list. */
static int
server_key(struct wizard *w, int key)
{
	int rc = ui_choice_key(&choice, &w->servers, key, w->focus == 0);

	if (rc != UI_CHANGED)
		return rc;
	model_server_changed(w);
	return UI_USED;
}

/* The list takes the focus. */
static int
server_nfocus(struct wizard *w)
{
	(void)w;
	return 1;
}

/* The focus starts on the list. */
static int
server_focus(struct wizard *w)
{
	(void)w;
	return 0;
}

/* The domain comes next, or the end when there is nothing to publish. */
static int
server_next(struct wizard *w)
{
	const struct catalog_server *sv = model_server(w);

	if (sv == NULL)
		return -1;
	model_server_changed(w);
	return sv->nothing ? SCR_SUMMARY : SCR_DOMAIN;
}

/* A click on a server type chooses it; a second one goes on. */
static int
server_click(struct wizard *w, int y, int x)
{
	int rc = ui_list_click(&w->servers, y, x);

	if (rc == 0)
		return UI_IGNORED;
	w->focus = 0;
	model_server_changed(w);
	if (rc == 2)
		wizard_action(w, UI_ACT_NEXT);
	return UI_USED;
}

const struct screen screen_server = {
	.title = N_("Mail server"),
	.help = N_("Choose the mail server that sends the feature's mails, "
	    "as set in the email settings of your Zuora tenant. Each choice "
	    "needs different records: the text under the list says which. "
	    "Workflow's default From address (workflow@zuora.com) needs "
	    "nothing in your domain, and the wizard ends there. Up and Down "
	    "choose; PgUp and PgDn scroll the explanation."),
	.draw = server_draw,
	.key = server_key,
	.nfocus = server_nfocus,
	.focus = server_focus,
	.next = server_next,
	.click = server_click,
};
