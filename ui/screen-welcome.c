/* screen-welcome.c - what mailwiz will do, how long DNS takes, the keys */
#include <stdlib.h>

#include "ui.h"

/* Draw the welcome text. */
static void
welcome_draw(struct wizard *w, struct ui_rect r)
{
	struct ui_doc d = { NULL, 0 };
	size_t width = (size_t)r.w - 1;

	(void)w;
	ui_doc_add(&d, UI_A_HEADING, "%s", _("Make your billing mail "
	    "trusted, and prove it"));
	ui_doc_blank(&d);
	ui_doc_wrap(&d, width, UI_A_NORMAL, "", "", UI_A_NORMAL, _("Zuora "
	    "sends your invoices, receipts and reminders by e-mail. "
	    "Receiving mail servers trust those mails only when your domain "
	    "publishes the right DNS records. In a few steps mailwiz:"));
	ui_doc_wrap(&d, width, UI_A_NORMAL, "  1. ", "     ", UI_A_NORMAL,
	    _("asks which feature and mail server send your mail,"));
	ui_doc_wrap(&d, width, UI_A_NORMAL, "  2. ", "     ", UI_A_NORMAL,
	    _("works out the exact SPF, DKIM and DMARC records, merged into "
	    "what your domain publishes now,"));
	ui_doc_wrap(&d, width, UI_A_NORMAL, "  3. ", "     ", UI_A_NORMAL,
	    _("writes them for your DNS host or tool, or copies them to the "
	    "clipboard,"));
	ui_doc_wrap(&d, width, UI_A_NORMAL, "  4. ", "     ", UI_A_NORMAL,
	    _("checks that they are live at your name servers and public "
	    "resolvers,"));
	ui_doc_wrap(&d, width, UI_A_NORMAL, "  5. ", "     ", UI_A_NORMAL,
	    _("sends a test email through your server and shows its "
	    "answer."));
	ui_doc_blank(&d);
	ui_doc_wrap(&d, width, UI_A_NORMAL, "", "", UI_A_NORMAL, _("A DNS "
	    "change can take from minutes to 72 hours to reach every "
	    "server: a resolver keeps giving out the old answer until its "
	    "cached copy expires. mailwiz shows for each record and server "
	    "how long that can still take; you can quit, and carry on later "
	    "with 'mailwiz --resume'."));
	ui_doc_blank(&d);
	ui_doc_wrap(&d, width, UI_A_SELECTED, _("Keys: "), NULL,
	    UI_A_NORMAL, _("Enter next, Esc back, Tab next field or button, "
	    "? or F1 help, q quit."));
	ui_doc_draw(&d, r, 0);
	ui_doc_free(&d);
}

/* Quit and Next. */
static void
welcome_buttons(struct wizard *w, struct ui_buttons *b)
{
	(void)w;
	ui_buttons_add(b, _("Quit"), UI_ACT_QUIT);
	ui_buttons_add(b, _("Next"), UI_ACT_NEXT);
}

/* The feature comes next. */
static int
welcome_next(struct wizard *w)
{
	(void)w;
	return SCR_FEATURE;
}

const struct screen screen_welcome = {
	.title = N_("Welcome"),
	.help = N_("mailwiz finds the DNS records (SPF, DKIM, DMARC) that "
	    "make receiving mail servers trust the mails Zuora sends for "
	    "your domain, writes them for your DNS host, and checks that "
	    "they are live everywhere. Press Enter to start."),
	.draw = welcome_draw,
	.buttons = welcome_buttons,
	.next = welcome_next,
};
