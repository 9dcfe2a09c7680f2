/* run.c - the wizard's run: options, the terminal checked and set up, the
   frame around the screens (and the "enlarge the window" message), the one
   loop (terminal, signals, DNS, timers) and the way out */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui.h"
#include "cli.h"
#include "cli-path.h"
#include "dashboard.h"
#include "loop.h"
#include "resolvers.h"
#include "wizstate.h"

/* The terminal has input. */
static void
wizard_stdin(int fd, short revents, void *arg)
{
	(void)fd;
	(void)revents;
	wizard_input(arg);
}

/* A signal came: resize, or leave (saving a running check). */
static void
wizard_signal(int fd, short revents, void *arg)
{
	struct wizard *w = arg;
	char *cause = NULL;
	int resized = 0, sig;

	(void)fd;
	(void)revents;
	sig = tty_take_signals(&resized);
	if (resized) {
		tty_resize();
		w->dirty = 1;
	}
	if (sig == 0)
		return;
	w->quit = 1;
	w->exit_code = 1;
	free(w->farewell);
	if (w->dash != NULL && model_save(w, &cause) == 0)
		w->farewell = xasprintf(_("mailwiz: interrupted by signal %d; "
		    "the wizard was saved in %s, 'mailwiz --resume' reopens "
		    "it.\n"), sig, w->state_path);
	else
		w->farewell = xasprintf(_("mailwiz: interrupted by signal "
		    "%d.\n"), sig);
	free(cause);
}

/* The step number shown for a screen. */
static int
wizard_step(int id)
{
	return id + 1;
}

/* Draw the "enlarge the window" message alone. */
static void
wizard_draw_small(struct wizard *w)
{
	struct strlist lines = { NULL, 0 };
	char *text;
	size_t i;
	int y;

	text = xasprintf(_("Enlarge the window to at least %dx%d\n(it is "
	    "%dx%d now)\n\nq quits"), UI_MIN_COLS, UI_MIN_ROWS, w->cols,
	    w->rows);
	ui_wrap(text, (size_t)(w->cols > 2 ? w->cols - 2 : 1), &lines);
	free(text);
	y = (w->rows - (int)lines.n) / 2;
	if (y < 0)
		y = 0;
	for (i = 0; i < lines.n && y + (int)i < w->rows; i++) {
		int lw = (int)ui_width(lines.v[i]);

		ui_put(y + (int)i, lw < w->cols ? (w->cols - lw) / 2 : 0,
		    w->cols, i == 0 ? UI_A_HEADING : UI_A_NORMAL,
		    lines.v[i]);
	}
	strlist_free(&lines);
}

/* The answers so far, for the line under the title; the first ones are
   left out when they do not fit. */
static char *
wizard_context(struct wizard *w, int width)
{
	const struct catalog_server *sv;
	const struct catalog_provider *pv;
	const char *part[4], *sep;
	struct buf b;
	int cur = wizard_current(w);
	size_t n = 0, first = 0, i;

	if (cur <= SCR_FEATURE)
		return xstrdup("");
	part[n++] = _(model_feature(w)->title);
	sv = model_server(w);
	if (cur > SCR_SERVER && sv != NULL) {
		part[n++] = _(sv->title);
		pv = model_provider(w);
		if (cur > SCR_PROVIDER && pv != NULL)
			part[n++] = _(pv->name);
		if (cur > SCR_DOMAIN && w->ulabel != NULL && !sv->nothing)
			part[n++] = w->ulabel;
	}
	sep = ui_ascii() ? " > " : " \u203a ";
	for (;;) {
		buf_init(&b);
		for (i = first; i < n; i++)
			buf_printf(&b, "%s%s", i > first ? sep : "", part[i]);
		if (first + 1 >= n || ui_width(b.data) <= (size_t)width)
			break;
		buf_free(&b);
		first++;
	}
	return buf_detach(&b);
}

/* The key hints on the bottom line. */
static const char *
wizard_hints(struct wizard *w)
{
	const struct screen *s = wizard_screen(w);
	const char *h;

	if (s->hints != NULL) {
		h = s->hints(w);
		if (h != NULL)
			return h;
	}
	return _("Enter next  Esc back  Tab move  ? help  q quit");
}

/* Draw everything once. */
static void
wizard_draw(struct wizard *w)
{
	const struct screen *s = wizard_screen(w);
	struct ui_rect r;
	char *left, *ctx;
	const char *right;
	int nf, lw, rw;

	getmaxyx(stdscr, w->rows, w->cols);
	werase(stdscr);
	w->too_small = w->rows < UI_MIN_ROWS || w->cols < UI_MIN_COLS;
	if (w->too_small) {
		wizard_draw_small(w);
		if (w->dialog.open && w->rows >= 12 && w->cols >= 50)
			ui_dialog_draw(&w->dialog, w->rows, w->cols);
		ui_cursor_show(0);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	ui_fill(0, 0, w->cols, UI_A_TITLE);
	left = xasprintf(" mailwiz %s %s", ui_glyph(UI_G_SEP), "");
	lw = ui_put(0, 0, w->cols, UI_A_TITLE, left);
	free(left);
	left = xasprintf(_("Step %d of %d: %s"),
	    wizard_step(wizard_current(w)), SCR_COUNT, _(s->title));
	right = _("? or F1 help ");
	rw = (int)ui_width(right);
	ui_put(0, lw, w->cols - lw - rw - 1, UI_A_TITLE, left);
	ui_put(0, w->cols - rw, rw, UI_A_TITLE, right);
	free(left);
	ctx = wizard_context(w, w->cols - 4);
	ui_put(1, 2, w->cols - 4, UI_A_DIM, ctx);
	free(ctx);

	r.y = 2;
	r.x = 2;
	r.h = w->rows - 5;
	r.w = w->cols - 4;
	s->draw(w, r);

	if (w->message != NULL)
		ui_put(w->rows - 3, 2, w->cols - 4, w->message_attr,
		    w->message);
	wizard_buttons(w);
	nf = wizard_nfocus(w);
	ui_buttons_draw(&w->buttons, w->rows - 2, w->cols - 2,
	    w->focus - nf);
	ui_fill(w->rows - 1, 0, w->cols, UI_A_BAR);
	ui_put(w->rows - 1, 1, w->cols - 2, UI_A_BAR, wizard_hints(w));
	if (w->dialog.open)
		ui_dialog_draw(&w->dialog, w->rows, w->cols);
	ui_cursor_show(!w->dialog.open);
	wnoutrefresh(stdscr);
	doupdate();
}

/* Milliseconds until something must be done or drawn, or -1; *redraw
   says whether that something is drawing. */
static int
wizard_timeout(struct wizard *w, int *redraw)
{
	const struct screen *s = wizard_screen(w);
	int t = -1, v, cur = wizard_current(w);

	*redraw = 0;
	v = model_lookup_timeout(w);
	if (v >= 0) {
		t = v;
		*redraw = w->lk_state == LK_RUNNING;
	}
	if (w->dash != NULL) {
		v = dashboard_timeout(w->dash);
		if (v >= 0 && (t < 0 || v <= t)) {
			t = v;
			*redraw = cur == SCR_PROPAGATION ||
			    cur == SCR_SUMMARY;
		}
	}
	if (s->redraw_ms != NULL) {
		v = s->redraw_ms(w);
		if (v >= 0 && (t < 0 || v <= t)) {
			t = v;
			*redraw = 1;
		}
	}
	return t;
}

/* Work that follows the clock: the lookup's pause, the dashboard's
   schedule, its bell when everything turns green. */
static void
wizard_tick(struct wizard *w)
{
	int cur = wizard_current(w), ok;

	model_lookup_tick(w);
	if (w->dash_resume && w->lk_state != LK_WAIT &&
	    w->lk_state != LK_RUNNING) {
		w->dash_resume = 0;
		model_dashboard(w);
		w->dirty = 1;
	}
	if (w->dash == NULL)
		return;
	if (dashboard_tick(w->dash, loop_now_ms()) &&
	    (cur == SCR_PROPAGATION || cur == SCR_SUMMARY))
		w->dirty = 1;
	ok = dashboard_all_ok(w->dash);
	if (ok && !w->dash_was_ok) {
		beep();
		wizard_message(w, UI_A_OK, "%s %s", ui_glyph(UI_G_OK),
		    _("Every record is right at every server."));
	}
	w->dash_was_ok = ok;
}

/* Run the loop until the wizard ends. */
static int
wizard_loop(struct wizard *w)
{
	uint64_t due = 0;
	int t, redraw;

	loop_watch(w->loop, STDIN_FILENO, POLLIN, wizard_stdin, w);
	loop_watch(w->loop, tty_signal_fd(), POLLIN, wizard_signal, w);
	w->dirty = 1;
	while (!w->quit) {
		if (w->dirty || (due != 0 && loop_now_ms() >= due)) {
			wizard_draw(w);
			w->dirty = 0;
		}
		t = wizard_timeout(w, &redraw);
		due = redraw && t >= 0 ? loop_now_ms() + (uint64_t)t : 0;
		if (loop_once(w->loop, t) == -1) {
			free(w->farewell);
			w->farewell = xasprintf(_("mailwiz: the event loop "
			    "failed: %s\n"), strerror(errno));
			w->exit_code = EXIT_SYSTEM;
			break;
		}
		if (!w->quit)
			wizard_input(w);
		wizard_tick(w);
	}
	loop_watch(w->loop, STDIN_FILENO, 0, NULL, NULL);
	loop_watch(w->loop, tty_signal_fd(), 0, NULL, NULL);
	return w->exit_code;
}

/* Open the screens a saved wizard went through, ending with the saved
   one, so that Back works as before. */
static void
wizard_replay(struct wizard *w, int target)
{
	static const int path[] = { SCR_WELCOME, SCR_FEATURE, SCR_SERVER,
	    SCR_DOMAIN, SCR_PROVIDER, SCR_RECORDS, SCR_EXPORT,
	    SCR_PROPAGATION, SCR_SENDTEST, SCR_SUMMARY };
	const struct catalog_server *sv = model_server(w);
	size_t i;

	w->depth = 0;
	for (i = 0; i < nitems(path); i++) {
		if (sv != NULL && sv->nothing && path[i] > SCR_SERVER &&
		    path[i] < SCR_SUMMARY)
			continue;
		if (path[i] == SCR_SENDTEST && !model_send_applies(w))
			continue;
		w->history[w->depth++] = path[i];
		if (path[i] == target)
			break;
	}
	w->depth--;
	wizard_go(w, w->history[w->depth]);
	if (w->resumed)
		wizard_message(w, UI_A_OK, _("Resumed the saved wizard: "
		    "your answers are back."));
}

/* Print what to use when the wizard cannot run here. */
static void
wizard_no_terminal(const char *why)
{
	fprintf(stderr, _("mailwiz: %s.\nUse the command line instead:\n"
	    "  the records to publish, in any format (-F zone, csv, json, "
	    "...):\n"
	    "    mailwiz plan -f notification -s advanced-smtp -d "
	    "example.com\n"
	    "  whether they are live at every server:\n"
	    "    mailwiz check -f notification -s advanced-smtp -d "
	    "example.com\n"
	    "  check again until they are live everywhere:\n"
	    "    mailwiz watch -f notification -s advanced-smtp -d "
	    "example.com\n"
	    "'mailwiz catalog' lists the features and server types; "
	    "'mailwiz --help' all\ncommands.\n"), why);
}

/* Release the wizard. */
static void
wizard_free(struct wizard *w)
{
	model_free(w);
	ui_dialog_close(&w->dialog);
	free(w->message);
	free(w->farewell);
	free(w->state_path);
	catalog_free(&w->cat);
	resolvers_free(w->resolvers, w->nresolvers);
	strlist_free(&w->resolver_args);
	loop_free(w->loop);
}

/* The resolvers a saved wizard was started with, for --resume without
   --resolver; nothing when there is no saved wizard (model_restore says
   so later). */
static void
saved_resolvers(struct strlist *given)
{
	struct wizstate st;
	char *path, *cause = NULL;
	size_t i;

	path = wizstate_default_path();
	memset(&st, 0, sizeof st);
	if (path != NULL && wizstate_load(path, &st, &cause) == 0) {
		for (i = 0; i < st.resolvers.n; i++)
			strlist_add(given, st.resolvers.v[i]);
	}
	wizstate_free(&st);
	free(cause);
	free(path);
}

/* Run the wizard. */
int
ui_run(int argc, char **argv, const char *catalog_path)
{
	static const struct option longopts[] = {
		{ "catalog", required_argument, NULL, 'c' },
		{ "resolver", required_argument, NULL, 'r' },
		{ "resume", no_argument, NULL, 'R' },
		{ "dns-timeout", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct wizard w;
	struct strlist given = { NULL, 0 };
	char *cause = NULL, *path;
	unsigned long v;
	int c, resume = 0, rc, screen = SCR_WELCOME;

	memset(&w, 0, sizeof w);
	w.dopts.timeout_ms = 3000;
	w.dopts.tries = 2;
	optind = 1;
	opterr = 0;
	while (cause == NULL &&
	    (c = getopt_long(argc, argv, "+:", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			break;
		case 'r':
			strlist_add(&given, optarg);
			break;
		case 'R':
			resume = 1;
			break;
		case 't':
			if (parse_uint(optarg, 1, 600000, &v) == -1) {
				fprintf(stderr, _("mailwiz: --dns-timeout "
				    "'%s' is not a number of milliseconds "
				    "from 1 to 600000\n"), optarg);
				strlist_free(&given);
				return EXIT_USAGE;
			}
			w.dopts.timeout_ms = (int)v;
			break;
		default:
			cause = cli_opt_error("", c, argc, argv);
			break;
		}
	}
	if (cause == NULL)
		cause = cli_opt_error("", -1, argc, argv);
	if (cause != NULL) {
		fputs(cause, stderr);
		free(cause);
		strlist_free(&given);
		return EXIT_USAGE;
	}
	if (tty_check(&cause) == -1) {
		wizard_no_terminal(cause);
		free(cause);
		strlist_free(&given);
		return EXIT_USAGE;
	}
	if (resume && given.n == 0)
		saved_resolvers(&given);
	rc = resolvers_load(&given, &w.resolvers, &w.nresolvers, &cause);
	w.resolver_args = given;
	if (rc == -1) {
		fprintf(stderr, "mailwiz: %s\n", cause);
		free(cause);
		strlist_free(&w.resolver_args);
		return EXIT_USAGE;
	}
	if (cli_load_catalog(catalog_path, &w.cat) == -1) {
		resolvers_free(w.resolvers, w.nresolvers);
		strlist_free(&w.resolver_args);
		return EXIT_USAGE;
	}
	if (w.cat.nfeatures == 0) {
		fprintf(stderr, _("mailwiz: the catalog has no feature\n"));
		catalog_free(&w.cat);
		resolvers_free(w.resolvers, w.nresolvers);
		strlist_free(&w.resolver_args);
		return EXIT_USAGE;
	}
	w.loop = loop_new();
	model_init(&w);
	if (resume) {
		path = wizstate_default_path();
		if (path == NULL) {
			fprintf(stderr, _("mailwiz: --resume cannot find the "
			    "saved wizard: set HOME or XDG_STATE_HOME\n"));
			wizard_free(&w);
			return EXIT_USAGE;
		}
		screen = model_restore(&w, path, &cause);
		free(path);
		if (screen == -1) {
			fprintf(stderr, "mailwiz: %s\n", cause);
			fprintf(stderr, _("mailwiz: start the wizard again "
			    "without --resume; a new one is saved when you "
			    "quit\n"));
			free(cause);
			wizard_free(&w);
			return EXIT_USAGE;
		}
	}
	if (tty_start(&cause) == -1) {
		wizard_no_terminal(cause);
		free(cause);
		wizard_free(&w);
		return EXIT_USAGE;
	}
	wizard_replay(&w, screen);
	rc = wizard_loop(&w);
	tty_end();
	if (w.farewell != NULL)
		fputs(w.farewell, rc == 0 ? stdout : stderr);
	wizard_free(&w);
	return rc;
}
