/* wizard.c - the wizard: the screen table, the Back/Next history that keeps
   every answer, the focus, the keys and the mouse, the help, quitting */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

/* The wizard's own actions (screens use UI_ACT_SCREEN and up). */
enum {
	W_ACT_SAVE_QUIT = UI_ACT_CANCEL + 1,
	W_ACT_QUIT_NOW,
	W_ACT_CLOSE
};
#define W_ACT_CANCEL UI_ACT_CANCEL

/* Kinds of dialog the wizard opens itself. */
enum {
	DLG_HELP = 1,
	DLG_QUIT
};

static const struct screen *const screens[SCR_COUNT] = {
	&screen_welcome,
	&screen_feature,
	&screen_server,
	&screen_domain,
	&screen_provider,
	&screen_records,
	&screen_export,
	&screen_propagation,
	&screen_sendtest,
	&screen_summary
};

static const char *const keys_help = N_(
    "Keys on every screen:\n"
    "  Enter        next step, or the button that has the focus\n"
    "  Esc          back one step; every answer is kept\n"
    "  Tab          next field or button (Shift-Tab: the one before)\n"
    "  arrows       move in lists and text; PgUp and PgDn scroll\n"
    "  ? or F1      this help (F1 while typing in a field)\n"
    "  q            quit; asks first when answers would be lost\n"
    "  Ctrl-Q, F10  quit, also while typing in a field (where q and ?\n"
    "               are letters)\n"
    "  F5           look up the domain's current records again\n"
    "\n"
    "A click on a list item or a button chooses it; hold Shift to select "
    "text with the mouse. Your terminal must be at least 80 columns wide "
    "and 24 lines high.");

/* The screen on show. */
int
wizard_current(struct wizard *w)
{
	return w->depth > 0 ? w->history[w->depth - 1] : SCR_WELCOME;
}

/* The table entry of the screen on show. */
const struct screen *
wizard_screen(struct wizard *w)
{
	return screens[wizard_current(w)];
}

/* Show a message on the line above the buttons until the screen
   changes. */
void
wizard_message(struct wizard *w, int attr, const char *fmt, ...)
{
	va_list ap;

	free(w->message);
	w->message = NULL;
	if (fmt != NULL) {
		va_start(ap, fmt);
		w->message = xvasprintf(fmt, ap);
		va_end(ap);
	}
	w->message_attr = attr;
	w->dirty = 1;
}

/* Widgets of the screen on show that take the focus. */
int
wizard_nfocus(struct wizard *w)
{
	const struct screen *s = wizard_screen(w);

	return s->nfocus != NULL ? s->nfocus(w) : 0;
}

/* Fill in the buttons of the screen on show. */
void
wizard_buttons(struct wizard *w)
{
	const struct screen *s = wizard_screen(w);

	ui_buttons_clear(&w->buttons);
	if (s->buttons != NULL)
		s->buttons(w, &w->buttons);
	else {
		ui_buttons_add(&w->buttons, _("Back"), UI_ACT_BACK);
		ui_buttons_add(&w->buttons, _("Next"), UI_ACT_NEXT);
	}
}

/* Whether widget i of the screen has the focus. */
int
wizard_focused(struct wizard *w, int i)
{
	return w->focus == i && !w->dialog.open;
}

/* Move the focus to the next (dir 1) or previous (-1) widget or button. */
void
wizard_focus_next(struct wizard *w, int dir)
{
	int total;

	wizard_buttons(w);
	total = wizard_nfocus(w) + (int)w->buttons.n;
	if (total <= 0)
		return;
	w->focus = ((w->focus + dir) % total + total) % total;
	w->dirty = 1;
}

/* Put the focus where the screen wants it first. */
static void
wizard_focus_start(struct wizard *w)
{
	const struct screen *s = wizard_screen(w);
	int b;

	wizard_buttons(w);
	if (s->focus != NULL) {
		w->focus = s->focus(w);
		return;
	}
	b = ui_buttons_find(&w->buttons, UI_ACT_NEXT);
	w->focus = wizard_nfocus(w) + (b >= 0 ? b : 0);
}

/* Open a screen on top of the history. */
void
wizard_go(struct wizard *w, int id)
{
	if (w->depth >= nitems(w->history)) {
		memmove(w->history, w->history + 1,
		    (nitems(w->history) - 1) * sizeof *w->history);
		w->depth--;
	}
	w->history[w->depth++] = id;
	wizard_message(w, UI_A_NORMAL, NULL);
	if (screens[id]->enter != NULL)
		screens[id]->enter(w);
	wizard_focus_start(w);
	w->dirty = 1;
}

/* Ask before quitting when something would be lost. */
static void
wizard_quit(struct wizard *w)
{
	struct ui_dialog *d = &w->dialog;
	const char *text;

	if (!model_would_lose(w)) {
		w->quit = 1;
		return;
	}
	if (w->dash != NULL)
		text = _("The propagation check is still running. Save the "
		    "wizard, so that 'mailwiz --resume' reopens it where you "
		    "are and checks again?\n\ns saves and quits, q quits "
		    "without saving, Esc stays.");
	else
		text = _("Your answers are lost unless you save them; "
		    "'mailwiz --resume' reopens a saved wizard where you "
		    "are.\n\ns saves and quits, q quits without saving, Esc "
		    "stays.");
	ui_dialog_open(d, DLG_QUIT, _("Quit mailwiz?"), text, W_ACT_CANCEL);
	ui_dialog_button(d, _("Save and quit"), W_ACT_SAVE_QUIT, 's');
	ui_dialog_button(d, _("Quit"), W_ACT_QUIT_NOW, 'q');
	ui_dialog_button(d, _("Cancel"), W_ACT_CANCEL, 'c');
	w->dirty = 1;
}

/* Go back one screen; from the first one, quit. */
static void
wizard_back(struct wizard *w)
{
	if (w->depth <= 1) {
		wizard_quit(w);
		return;
	}
	w->depth--;
	wizard_message(w, UI_A_NORMAL, NULL);
	if (wizard_screen(w)->enter != NULL)
		wizard_screen(w)->enter(w);
	wizard_focus_start(w);
	w->dirty = 1;
}

/* Go to the screen the current one leads to, if its answers allow. */
static void
wizard_next(struct wizard *w)
{
	const struct screen *s = wizard_screen(w);
	int id;

	if (s->next == NULL)
		return;
	id = s->next(w);
	if (id >= 0)
		wizard_go(w, id);
	w->dirty = 1;
}

/* Open the help of the screen on show. */
static void
wizard_help(struct wizard *w)
{
	const struct screen *s = wizard_screen(w);
	char *title, *text, *more;

	title = xasprintf(_("Help: %s"), _(s->title));
	more = s->help_more != NULL ? s->help_more(w) : NULL;
	text = xasprintf("%s\n\n%s%s%s", _(s->help), more != NULL ? more : "",
	    more != NULL ? "\n\n" : "", _(keys_help));
	free(more);
	ui_dialog_open(&w->dialog, DLG_HELP, title, text, W_ACT_CLOSE);
	ui_dialog_button(&w->dialog, _("Close"), W_ACT_CLOSE, 0);
	free(title);
	free(text);
	w->dirty = 1;
}

/* Save the answers, then quit; on failure say why and ask again. */
static void
wizard_save_quit(struct wizard *w)
{
	struct ui_dialog *d = &w->dialog;
	char *cause = NULL, *text;

	if (model_save(w, &cause) == 0) {
		free(w->farewell);
		w->farewell = xasprintf(_("mailwiz: the wizard was saved in "
		    "%s; 'mailwiz --resume' reopens it.\n"), w->state_path);
		w->quit = 1;
		return;
	}
	text = xasprintf(_("The wizard cannot be saved: %s\n\nq quits "
	    "without saving, Esc stays."), cause);
	free(cause);
	ui_dialog_open(d, DLG_QUIT, _("Quit mailwiz?"), text, W_ACT_CANCEL);
	ui_dialog_button(d, _("Quit"), W_ACT_QUIT_NOW, 'q');
	ui_dialog_button(d, _("Cancel"), W_ACT_CANCEL, 'c');
	d->focus = 1;
	free(text);
}

/* Take an action: a button, a dialog's answer or a key's. */
void
wizard_action(struct wizard *w, int action)
{
	const struct screen *s = wizard_screen(w);

	w->dirty = 1;
	switch (action) {
	case UI_ACT_NONE:
		break;
	case UI_ACT_BACK:
		wizard_back(w);
		break;
	case UI_ACT_NEXT:
		wizard_next(w);
		break;
	case UI_ACT_QUIT:
		wizard_quit(w);
		break;
	case W_ACT_SAVE_QUIT:
		ui_dialog_close(&w->dialog);
		wizard_save_quit(w);
		break;
	case W_ACT_QUIT_NOW:
		ui_dialog_close(&w->dialog);
		w->quit = 1;
		break;
	case W_ACT_CANCEL:
	case W_ACT_CLOSE:
		ui_dialog_close(&w->dialog);
		break;
	default:
		if (action >= UI_ACT_SCREEN) {
			if (w->dialog.open && w->dialog.kind >= UI_ACT_SCREEN)
				ui_dialog_close(&w->dialog);
			if (s->action != NULL)
				s->action(w, action);
		}
		break;
	}
}

/* A mouse event: buttons, list items, fields. */
static void
wizard_mouse(struct wizard *w)
{
	const struct screen *s = wizard_screen(w);
	MEVENT ev;
	int action, i;

	if (getmouse(&ev) != OK)
		return;
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	if (w->dialog.open) {
		action = ui_dialog_click(&w->dialog, ev.y, ev.x);
		if (action != UI_ACT_NONE)
			wizard_action(w, action);
		return;
	}
	if (w->too_small)
		return;
	action = ui_buttons_click(&w->buttons, ev.y, ev.x);
	if (action != UI_ACT_NONE) {
		i = ui_buttons_find(&w->buttons, action);
		if (i >= 0)
			w->focus = wizard_nfocus(w) + i;
		wizard_action(w, action);
		return;
	}
	if (s->click != NULL)
		s->click(w, ev.y, ev.x);
	w->dirty = 1;
}

/* Whether a key is Enter. */
static int
wizard_is_enter(int key)
{
	return key == '\r' || key == '\n' || key == UI_KEY(KEY_ENTER);
}

static void wizard_key(struct wizard *, int);

/*
 * While pasting, find the end of the paste even when a busy terminal split
 * its sequence into Esc and letters: hold them back until they are seen to
 * be it (the paste ends) or not (they are text). 1 when the key was taken.
 */
static int
wizard_paste_end(struct wizard *w, int key)
{
	static const char end[] = "\033[201~";
	size_t i, held = w->paste_end;

	if (key == (unsigned char)end[held]) {
		w->paste_end++;
		if (w->paste_end == sizeof end - 1) {
			w->paste_end = 0;
			w->pasting = 0;
		}
		return 1;
	}
	if (held == 0)
		return 0;
	w->paste_end = 0;
	for (i = 1; i < held; i++)
		wizard_key(w, (unsigned char)end[i]);
	return 0;
}

/* Handle one key. */
static void
wizard_key(struct wizard *w, int key)
{
	const struct screen *s = wizard_screen(w);
	int nf, b;

	w->dirty = 1;
	if (key == UI_KEY(KEY_RESIZE))
		return;
	if (key == UI_KEY(KEY_MOUSE)) {
		wizard_mouse(w);
		return;
	}
	if (key == UI_KEY(UI_PASTE_BEGIN)) {
		w->pasting = 1;
		return;
	}
	if (key == UI_KEY(UI_PASTE_END)) {
		w->pasting = 0;
		w->paste_end = 0;
		return;
	}
	if (w->pasting && wizard_paste_end(w, key))
		return;
	if (w->dialog.open) {
		if (w->pasting)
			return;
		if (w->dialog.kind == DLG_HELP && (key == '?' ||
		    key == 'q' || key == UI_KEY(KEY_F(1)))) {
			ui_dialog_close(&w->dialog);
			return;
		}
		if (key == UI_CTRL('q') || key == UI_KEY(KEY_F(10))) {
			if (w->dialog.kind == DLG_QUIT)
				wizard_action(w, W_ACT_QUIT_NOW);
			else {
				ui_dialog_close(&w->dialog);
				wizard_quit(w);
			}
			return;
		}
		wizard_action(w, ui_dialog_key(&w->dialog, key));
		return;
	}
	if (w->too_small) {
		if (key == 'q' || key == UI_CTRL('q') ||
		    key == UI_KEY(KEY_F(10)) || key == UI_ESC)
			wizard_quit(w);
		return;
	}
	if (key == UI_KEY(KEY_F(1))) {
		wizard_help(w);
		return;
	}
	if (key == UI_CTRL('q') || key == UI_KEY(KEY_F(10))) {
		wizard_quit(w);
		return;
	}
	if (key == UI_KEY(KEY_F(5))) {
		model_lookup_retry(w);
		return;
	}
	nf = wizard_nfocus(w);
	wizard_buttons(w);
	if (!w->pasting) {
		if (key == UI_ESC) {
			wizard_back(w);
			return;
		}
		if (key == UI_TAB) {
			wizard_focus_next(w, 1);
			return;
		}
		if (key == UI_KEY(KEY_BTAB)) {
			wizard_focus_next(w, -1);
			return;
		}
	} else if (w->focus >= nf)
		return;		/* pasted text has nowhere to go */
	if (s->key != NULL && s->key(w, key) != UI_IGNORED)
		return;
	if (w->pasting)
		return;
	b = w->focus - nf;
	if (wizard_is_enter(key) || key == ' ') {
		if (b >= 0 && (size_t)b < w->buttons.n)
			wizard_action(w, w->buttons.v[b].action);
		else if (key != ' ')
			wizard_next(w);
		return;
	}
	if (b >= 0 && key == UI_KEY(KEY_RIGHT) && (size_t)b + 1 <
	    w->buttons.n) {
		w->focus++;
		return;
	}
	if (b > 0 && key == UI_KEY(KEY_LEFT)) {
		w->focus--;
		return;
	}
	if (key == '?')
		wizard_help(w);
	else if (key == 'q' || key == 'Q')
		wizard_quit(w);
}

/* Read every key that is waiting (the terminal is in nodelay mode). */
void
wizard_input(struct wizard *w)
{
	wint_t wc;
	int rc;

	for (;;) {
		rc = get_wch(&wc);
		if (rc == ERR)
			break;
		if (rc == KEY_CODE_YES)
			wizard_key(w, UI_KEY((int)wc));
		else
			wizard_key(w, (int)wc);
	}
}

