/* screen-export.c - the records in the format the DNS host or tool wants:
   a preview, a file written atomically (asking before overwriting), or the
   clipboard through the terminal (OSC 52) */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui.h"
#include "export.h"

#define LIST_W_MIN 18		/* the column of formats, in English */
#define LIST_W_MAX 30

/* The labels in the column of formats. */
static const char *const exp_labels[] = { N_("Format"), N_("File") };

enum {
	EXP_ACT_WRITE = UI_ACT_SCREEN,
	EXP_ACT_COPY,
	EXP_ACT_OVERWRITE,
	EXP_DIALOG
};

static size_t preview_lines;	/* of the last preview drawn */
static int preview_page;

/* The name of a format, for the list. */
static const char *
exp_label(void *arg, size_t i)
{
	(void)arg;
	return export_formats[i];
}

/* Say what happened, under the file field. */
static void
exp_note(struct wizard *w, int attr, char *text)
{
	free(w->export_note);
	w->export_note = text;
	w->export_note_attr = attr;
	w->dirty = 1;
}

/* Remember an export for the summary, once. */
static void
exp_done(struct wizard *w, char *what)
{
	size_t i;

	for (i = 0; i < w->exported.n; i++) {
		if (strcmp(w->exported.v[i], what) == 0) {
			free(what);
			return;
		}
	}
	strlist_add(&w->exported, what);
	free(what);
}

/* The file field follows the format until the administrator edits it. */
static void
exp_default_path(struct wizard *w)
{
	char *p;

	if (w->path_custom)
		return;
	p = model_default_path(w, model_format(w));
	ui_field_set(&w->path, p);
	free(p);
}

/* Work out the records and the file name. */
static void
exp_enter(struct wizard *w)
{
	model_plan(w);
	exp_default_path(w);
	w->preview_top = 0;
}

/* Add a line of the preview, its tabs expanded to stops of eight. */
static void
exp_preview_line(struct ui_doc *d, const char *line)
{
	struct buf b;
	const char *p;
	size_t col = 0, n;

	buf_init(&b);
	for (p = line; *p != '\0'; p += n) {
		if (*p == '\t') {
			do {
				buf_putc(&b, ' ');
			} while (++col % 8 != 0);
			n = 1;
			continue;
		}
		/* Stops by display columns: a comment in Japanese before
		   a tab takes two a character. */
		n = ui_char_len(p);
		buf_add(&b, p, n);
		col += ui_width_n(p, n);
	}
	ui_doc_add(d, UI_A_NORMAL, "%s", b.data);
	buf_free(&b);
}

/* Draw the formats, the preview and the file field. */
static void
exp_draw(struct wizard *w, struct ui_rect r)
{
	struct ui_doc d = { NULL, 0 };
	struct ui_rect lr, pr;
	char *text, *cause = NULL;
	int y, lw;

	/* As wide as the translated labels need, with a space after. */
	lw = (int)ui_label_column(exp_labels, nitems(exp_labels), 1,
	    LIST_W_MIN, LIST_W_MAX);

	ui_put(r.y, r.x, r.w, UI_A_HEADING, _("Export the records"));
	lr.y = r.y + 2;
	lr.x = r.x;
	lr.w = lw;
	lr.h = (int)w->formats.n < r.h - 6 ? (int)w->formats.n : r.h - 6;
	ui_put(r.y + 1, r.x, lw, UI_A_DIM, _("Format"));
	ui_list_draw(&w->formats, lr, wizard_focused(w, 0), exp_label,
	    NULL);
	pr.y = r.y + 1;
	pr.x = r.x + lw + 1;
	pr.w = r.w - lw - 1;
	pr.h = r.h - 4;
	ui_box(pr, UI_A_NORMAL);
	ui_put(pr.y, pr.x + 2, pr.w - 4, UI_A_DIM, _(" Preview "));
	if (model_plan(w) == -1)
		ui_doc_wrap(&d, (size_t)pr.w - 4, UI_A_ERROR, "", "",
		    UI_A_ERROR, w->plan_error);
	else {
		text = export_render(w->plan, model_format(w), &cause);
		if (text == NULL) {
			ui_doc_wrap(&d, (size_t)pr.w - 4, UI_A_ERROR, "", "",
			    UI_A_ERROR, cause);
			free(cause);
		} else {
			char *line, *next;

			for (line = text; *line != '\0'; line = next) {
				next = strchr(line, '\n');
				if (next != NULL)
					*next++ = '\0';
				else
					next = line + strlen(line);
				exp_preview_line(&d, line);
			}
			free(text);
		}
	}
	preview_lines = d.n;
	preview_page = pr.h - 2;
	if (w->preview_top + (size_t)preview_page > d.n)
		w->preview_top = d.n > (size_t)preview_page ?
		    d.n - (size_t)preview_page : 0;
	ui_doc_draw(&d, (struct ui_rect){ pr.y + 1, pr.x + 2, pr.h - 2,
	    pr.w - 4 }, w->preview_top);
	ui_doc_free(&d);
	y = pr.y + pr.h + 1;
	ui_put(y, r.x, lw, UI_A_SELECTED, _("File"));
	ui_field_draw(&w->path, y, r.x + lw + 1, r.w - lw - 1,
	    wizard_focused(w, 1), w->export_note != NULL &&
	    w->export_note_attr == UI_A_ERROR);
	if (w->export_note != NULL)
		ui_put(y + 1, r.x + lw + 1, r.w - lw - 1,
		    w->export_note_attr, w->export_note);
	else
		ui_put(y + 1, r.x + lw + 1, r.w - lw - 1, UI_A_DIM,
		    _("w writes the file, c copies the text to the "
		    "clipboard"));
}

/* Write the file, now that it may be. */
static void
exp_write_now(struct wizard *w, const char *path)
{
	char *cause = NULL;

	if (export_write(w->plan, model_format(w), path, &cause) == -1) {
		exp_note(w, UI_A_ERROR, xasprintf("%s %s",
		    ui_glyph(UI_G_ERROR), cause));
		free(cause);
		return;
	}
	exp_done(w, xasprintf(_("%s (%s)"), path, model_format(w)));
	exp_note(w, UI_A_OK, xasprintf(_("%s wrote %s"),
	    ui_glyph(UI_G_OK), path));
}

/* Write the file, asking first when it exists. */
static void
exp_write(struct wizard *w)
{
	char *copy, *path, *text;

	if (model_plan(w) == -1) {
		exp_note(w, UI_A_ERROR, xasprintf("%s %s",
		    ui_glyph(UI_G_ERROR), w->plan_error));
		return;
	}
	copy = xstrdup(w->path.text.data);
	path = str_trim(copy);
	if (*path == '\0') {
		exp_note(w, UI_A_ERROR, xasprintf("%s %s",
		    ui_glyph(UI_G_ERROR), _("type the name of the file to "
		    "write")));
		free(copy);
		return;
	}
	if (access(path, F_OK) == 0) {
		text = xasprintf(_("%s exists. Replace it with the records in "
		    "%s format?\n\nr replaces it, Esc keeps it."), path,
		    model_format(w));
		ui_dialog_open(&w->dialog, EXP_DIALOG, _("Replace the file?"),
		    text, UI_ACT_CANCEL);
		ui_dialog_button(&w->dialog, _("Replace"), EXP_ACT_OVERWRITE,
		    'r');
		ui_dialog_button(&w->dialog, _("Cancel"), UI_ACT_CANCEL, 'c');
		w->dialog.focus = 1;
		free(text);
		free(copy);
		return;
	}
	exp_write_now(w, path);
	free(copy);
}

/* Put the text on the clipboard of the administrator's terminal. */
static void
exp_copy(struct wizard *w)
{
	char *text, *cause = NULL;

	if (model_plan(w) == -1) {
		exp_note(w, UI_A_ERROR, xasprintf("%s %s",
		    ui_glyph(UI_G_ERROR), w->plan_error));
		return;
	}
	text = export_render(w->plan, model_format(w), &cause);
	if (text == NULL || tty_osc52(text, &cause) == -1) {
		exp_note(w, UI_A_ERROR, xasprintf("%s %s",
		    ui_glyph(UI_G_ERROR), cause));
		free(cause);
		free(text);
		return;
	}
	exp_done(w, xasprintf(_("the clipboard (%s)"), model_format(w)));
	exp_note(w, UI_A_OK, xasprintf(P_("%s sent %zu byte to the "
	    "clipboard (OSC 52; in tmux: set -g set-clipboard on)",
	    "%s sent %zu bytes to the clipboard (OSC 52; in tmux: set -g "
	    "set-clipboard on)", strlen(text)), ui_glyph(UI_G_OK),
	    strlen(text)));
	free(text);
}

/* Take a button's action. */
static void
exp_action(struct wizard *w, int action)
{
	char *copy;

	switch (action) {
	case EXP_ACT_WRITE:
		exp_write(w);
		break;
	case EXP_ACT_COPY:
		exp_copy(w);
		break;
	case EXP_ACT_OVERWRITE:
		copy = xstrdup(w->path.text.data);
		exp_write_now(w, str_trim(copy));
		free(copy);
		break;
	}
}

/* The list, the file field, the preview and the hot keys. */
static int
exp_key(struct wizard *w, int key)
{
	char *def;
	int rc;

	if (key == UI_KEY(KEY_PPAGE) || key == UI_KEY(KEY_NPAGE))
		return ui_doc_scroll(&w->preview_top, preview_lines,
		    preview_page, key);
	if (w->focus == 1) {
		rc = ui_field_key(&w->path, key, w->pasting);
		if (rc == UI_CHANGED) {
			def = model_default_path(w, model_format(w));
			w->path_custom = strcmp(def, w->path.text.data) != 0;
			free(def);
			free(w->export_note);
			w->export_note = NULL;
		}
		if (rc != UI_IGNORED)
			return rc;
		if (key == '\r' || key == '\n' || key == UI_KEY(KEY_ENTER)) {
			exp_write(w);
			return UI_USED;
		}
		return UI_IGNORED;
	}
	if (w->focus == 0) {
		if (ui_list_key(&w->formats, key) != UI_IGNORED) {
			exp_default_path(w);
			w->preview_top = 0;
			free(w->export_note);
			w->export_note = NULL;
			return UI_USED;
		}
		if (key == '\r' || key == '\n' || key == UI_KEY(KEY_ENTER)) {
			w->focus = 1;
			return UI_USED;
		}
	}
	switch (key) {
	case 'w':
	case 'W':
		exp_write(w);
		return UI_USED;
	case 'c':
	case 'C':
		exp_copy(w);
		return UI_USED;
	case 'p':
	case 'P':
		wizard_action(w, UI_ACT_NEXT);
		return UI_USED;
	}
	return UI_IGNORED;
}

/* The list and the file field take the focus. */
static int
exp_nfocus(struct wizard *w)
{
	(void)w;
	return 2;
}

/* The focus starts on the list of formats. */
static int
exp_focus(struct wizard *w)
{
	(void)w;
	return 0;
}

/* Back, write, copy, and the propagation check as Next. */
static void
exp_buttons(struct wizard *w, struct ui_buttons *b)
{
	(void)w;
	ui_buttons_add(b, _("Back"), UI_ACT_BACK);
	ui_buttons_add(b, _("Write file (w)"), EXP_ACT_WRITE);
	ui_buttons_add(b, _("Copy (c)"), EXP_ACT_COPY);
	ui_buttons_add(b, _("Check DNS (p)"), UI_ACT_NEXT);
}

/* The propagation check comes next. */
static int
exp_next(struct wizard *w)
{
	(void)w;
	return SCR_PROPAGATION;
}

/* A click on a format or in the file field. */
static int
exp_click(struct wizard *w, int y, int x)
{
	int rc = ui_list_click(&w->formats, y, x);

	if (rc != 0) {
		w->focus = 0;
		exp_default_path(w);
		w->preview_top = 0;
		return UI_USED;
	}
	if (ui_field_click(&w->path, y, x)) {
		w->focus = 1;
		return UI_USED;
	}
	return UI_IGNORED;
}

/* The keys of the screen. */
static const char *
exp_hints(struct wizard *w)
{
	if (w->focus == 1)
		return _("Enter write  Tab move  Esc back  F1 help  Ctrl-Q "
		    "quit");
	return _("w write  c copy  p check DNS  PgDn preview  Esc back  ? "
	    "help  q quit");
}

const struct screen screen_export = {
	.title = N_("Export"),
	.help = N_("Choose the format your DNS host or tool takes (arrows): "
	    "a zone file fragment, an nsupdate script, CSV, JSON, XML, "
	    "dnscontrol, octoDNS, Terraform or a Route 53 change batch; the "
	    "preview shows the text (PgUp and PgDn scroll it). Then w (or "
	    "Enter in the file field) writes the file: atomically, so that "
	    "a tool never reads half of it, and after asking when it exists. "
	    "The name follows the format until you edit it. c copies the "
	    "text to the clipboard of the terminal you sit at, even over SSH "
	    "(OSC 52: your terminal must allow it; in tmux, set -g "
	    "set-clipboard on). p or Next opens the propagation check."),
	.enter = exp_enter,
	.draw = exp_draw,
	.key = exp_key,
	.nfocus = exp_nfocus,
	.focus = exp_focus,
	.buttons = exp_buttons,
	.action = exp_action,
	.next = exp_next,
	.click = exp_click,
	.hints = exp_hints,
};
