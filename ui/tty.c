/* tty.c - the terminal: whether it can show the wizard, setting it up and
   always restoring it (normal exit, signals, fatal errors), colours,
   glyphs, the cursor and the clipboard (OSC 52) */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

#include "ui.h"

#define TTY_OSC52_MAX 100000	/* terminals drop longer sequences */

static const char *const glyphs_utf8[UI_G_COUNT] = {
	"\u2500", "\u2502", "\u250c", "\u2510", "\u2514", "\u2518",
	"\u25b8", "\u25cf", " ", "\u2713", "\u2717", "!", "\u2588",
	"\u2591", "\u25b2", "\u25bc", "\u2026", "\u00b7", "\u2192"
};
static const char *const glyphs_ascii[UI_G_COUNT] = {
	"-", "|", "+", "+", "+", "+", ">", "*", " ", "+", "x", "!", "#",
	"-", "^", "v", "...", "-", "->"
};
static const char *const spinner_utf8[] = {
	"\u280b", "\u2819", "\u2839", "\u2838", "\u283c", "\u2834", "\u2826",
	"\u2827", "\u2807", "\u280f"
};
static const char *const spinner_ascii[] = { "|", "/", "-", "\\" };

static struct {
	int active;
	int utf8;
	int ascii;
	int color;
	attr_t attrs[UI_A_COUNT];
	SCREEN *screen;
	struct termios saved;
	int have_saved;
	int sigpipe[2];
	int err_fd;		/* the real stderr while curses runs */
	int err_capture;	/* what was written to stderr meanwhile */
	char restore[256];	/* escape sequences that undo our modes */
	size_t restore_len;
	int want_cursor;
	int cursor_y, cursor_x;
	int atexit_done;
} tty = { .sigpipe = { -1, -1 }, .err_fd = -1, .err_capture = -1 };

/* Say whether the terminal can show the wizard; -1 with *cause when it
   cannot (the caller suggests a subcommand). */
int
tty_check(char **cause)
{
	const char *term = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause = xstrdup(_("the wizard needs a terminal, and standard "
		    "input or output is not one"));
		return -1;
	}
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0) {
		*cause = xasprintf(_("the terminal (TERM=%s) cannot show the "
		    "wizard"), term == NULL ? "" : term);
		return -1;
	}
	return 0;
}

/* Write all of a buffer to a descriptor; for signal handlers too. */
static void
tty_write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		p += n;
		len -= (size_t)n;
	}
}

/* Put stderr back and show what was written to it while curses ran;
   async-signal-safe. */
static void
tty_stderr_restore(void)
{
	char buf[4096];
	ssize_t n;

	if (tty.err_fd == -1)
		return;
	dup2(tty.err_fd, STDERR_FILENO);
	close(tty.err_fd);
	tty.err_fd = -1;
	if (tty.err_capture == -1)
		return;
	if (lseek(tty.err_capture, 0, SEEK_SET) == 0) {
		for (;;) {
			n = read(tty.err_capture, buf, sizeof buf);
			if (n <= 0)
				break;
			tty_write_all(STDERR_FILENO, buf, (size_t)n);
		}
	}
	close(tty.err_capture);
	tty.err_capture = -1;
}

/* Keep what libraries write to stderr off the screen until the end (when
   stderr is the screen). A sanitizer's report must not wait: it ends the
   program without running our code. */
static void
tty_stderr_capture(void)
{
	int fd;

#ifdef __SANITIZE_ADDRESS__
	return;
#endif
	if (!isatty(STDERR_FILENO))
		return;
	fd = memfd_create("mailwiz-stderr", MFD_CLOEXEC);
	if (fd == -1)
		return;
	tty.err_fd = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	if (tty.err_fd == -1) {
		close(fd);
		return;
	}
	if (dup2(fd, STDERR_FILENO) == -1) {
		close(tty.err_fd);
		tty.err_fd = -1;
		close(fd);
		return;
	}
	tty.err_capture = fd;
}

/* A terminating signal or a resize: tell the loop through the pipe. */
static void
tty_signal(int sig)
{
	int saved = errno;
	unsigned char c = (unsigned char)sig;
	ssize_t n;

	/* A full pipe already holds a wake-up: nothing is lost. */
	if (tty.sigpipe[1] != -1) {
		n = write(tty.sigpipe[1], &c, 1);
		(void)n;
	}
	errno = saved;
}

/* A fatal signal: give the terminal back, show stderr, then die of it. */
static void
tty_fatal(int sig)
{
	if (tty.active) {
		tty_write_all(STDOUT_FILENO, tty.restore, tty.restore_len);
		if (tty.have_saved)
			tcsetattr(STDIN_FILENO, TCSANOW, &tty.saved);
		tty.active = 0;
	}
	tty_stderr_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Restore the terminal if the program exits without tty_end. */
static void
tty_atexit(void)
{
	tty_end();
}

/* Append an escape sequence to the restore sequence. */
static void
tty_restore_put(const char *s)
{
	size_t len = strlen(s);

	if (tty.restore_len + len >= sizeof tty.restore)
		return;
	memcpy(tty.restore + tty.restore_len, s, len);
	tty.restore_len += len;
}

/* Append a terminfo string to the restore sequence. */
static void
tty_restore_add(const char *cap)
{
	const char *s = tigetstr(cap);

	if (s != NULL && s != (char *)-1)
		tty_restore_put(s);
}

/* Work out the looks: colours unless NO_COLOR or a monochrome terminal. */
static void
tty_styles(void)
{
	const char *nc = getenv("NO_COLOR");
	attr_t *a = tty.attrs;

	tty.color = has_colors() && (nc == NULL || *nc == '\0');
	if (tty.color && start_color() == ERR)
		tty.color = 0;
	a[UI_A_NORMAL] = A_NORMAL;
	a[UI_A_BAR] = A_REVERSE;
	a[UI_A_SELECTED] = A_BOLD;
	a[UI_A_FIELD] = A_UNDERLINE;
	if (!tty.color) {
		a[UI_A_TITLE] = A_REVERSE | A_BOLD;
		a[UI_A_HEADING] = A_BOLD;
		a[UI_A_FOCUS] = A_REVERSE;
		a[UI_A_ERROR] = A_BOLD;
		a[UI_A_OK] = A_BOLD;
		a[UI_A_WARN] = A_BOLD;
		a[UI_A_DIM] = A_NORMAL;
		return;
	}
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_RED, -1);
	init_pair(3, COLOR_GREEN, -1);
	init_pair(4, COLOR_YELLOW, -1);
	init_pair(5, COLOR_BLACK, COLOR_CYAN);
	init_pair(6, COLOR_CYAN, -1);
	a[UI_A_TITLE] = COLOR_PAIR(1) | A_BOLD;
	a[UI_A_ERROR] = COLOR_PAIR(2) | A_BOLD;
	a[UI_A_OK] = COLOR_PAIR(3) | A_BOLD;
	a[UI_A_WARN] = COLOR_PAIR(4) | A_BOLD;
	a[UI_A_FOCUS] = COLOR_PAIR(5);
	a[UI_A_HEADING] = COLOR_PAIR(6) | A_BOLD;
	a[UI_A_DIM] = A_DIM;
}

/* Catch the signals: terminating ones and resizes through the pipe,
   fatal ones to restore the terminal first. */
static int
tty_signals(char **cause)
{
	static const int fatal[] = {
		SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL
	};
	struct sigaction sa;
	size_t i;

	if (pipe2(tty.sigpipe, O_NONBLOCK | O_CLOEXEC) == -1) {
		*cause = xasprintf(_("cannot make a pipe: %s"),
		    strerror(errno));
		return -1;
	}
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = tty_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_flags = SA_RESETHAND;
	sa.sa_handler = tty_fatal;
	for (i = 0; i < nitems(fatal); i++)
		sigaction(fatal[i], &sa, NULL);
	return 0;
}

/* Set the terminal up for the wizard; -1 with *cause when it cannot. */
int
tty_start(char **cause)
{
	const char *ascii = getenv("MAILWIZ_ASCII"), *term = getenv("TERM");
	struct termios t;

	if (tty_signals(cause) == -1)
		return -1;
	if (tcgetattr(STDIN_FILENO, &tty.saved) == 0)
		tty.have_saved = 1;
	if (!tty.atexit_done) {
		atexit(tty_atexit);
		tty.atexit_done = 1;
	}
	tty_stderr_capture();
	tty.screen = newterm(NULL, stdout, stdin);
	if (tty.screen == NULL) {
		tty_stderr_restore();
		*cause = xasprintf(_("cannot use the terminal type '%s'"),
		    term != NULL ? term : "");
		return -1;
	}
	set_term(tty.screen);
	tty.active = 1;
	tty.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	tty.ascii = !tty.utf8 || (ascii != NULL && strcmp(ascii, "1") == 0);
	tty_styles();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	/* Long enough that a busy machine does not split the terminal's
	   sequences (the end of a paste) into Esc and letters. */
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(100);
	curs_set(0);
	/* Ctrl-Q is a key of ours, not flow control. */
	if (tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		def_prog_mode();
	}
	define_key("\033[200~", UI_PASTE_BEGIN);
	define_key("\033[201~", UI_PASTE_END);
	mouseinterval(0);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
	tty.restore_len = 0;
	tty_restore_add("sgr0");
	tty_restore_add("cnorm");
	tty_restore_add("rmkx");
	tty_restore_add("rmcup");
	tty_restore_put("\033[?2004l\033[?1000l\033[?1002l\033[?1006l");
	wnoutrefresh(stdscr);
	doupdate();
	tty_write_all(STDOUT_FILENO, "\033[?2004h", 8);
	return 0;
}

/* Give the terminal back as it was; safe to call twice. */
void
tty_end(void)
{
	struct sigaction sa;

	if (tty.active) {
		tty_write_all(STDOUT_FILENO, "\033[?2004l", 8);
		mousemask(0, NULL);
		curs_set(1);
		endwin();
		if (tty.have_saved)
			tcsetattr(STDIN_FILENO, TCSANOW, &tty.saved);
		delscreen(tty.screen);
		tty.screen = NULL;
		tty.active = 0;
	}
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);
	if (tty.sigpipe[0] != -1) {
		close(tty.sigpipe[0]);
		close(tty.sigpipe[1]);
		tty.sigpipe[0] = tty.sigpipe[1] = -1;
	}
	tty_stderr_restore();
}

/* The descriptor that becomes readable when a signal came. */
int
tty_signal_fd(void)
{
	return tty.sigpipe[0];
}

/* Read the signals that came: the first terminating one is returned (0
   none), *resized set when the window size changed. */
int
tty_take_signals(int *resized)
{
	unsigned char buf[64];
	ssize_t n, i;
	int sig = 0;

	for (;;) {
		n = read(tty.sigpipe[0], buf, sizeof buf);
		if (n <= 0)
			break;
		for (i = 0; i < n; i++) {
			if (buf[i] == SIGWINCH)
				*resized = 1;
			else if (sig == 0)
				sig = buf[i];
		}
	}
	return sig;
}

/* Tell curses the new size of the window. */
void
tty_resize(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == -1 || ws.ws_row == 0 ||
	    ws.ws_col == 0)
		return;
	resizeterm(ws.ws_row, ws.ws_col);
}

/* Encode bytes as base64. */
static char *
tty_base64(const char *in, size_t len)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)in;
	char *out, *o;
	size_t i;
	unsigned v;

	out = o = xmalloc((len + 2) / 3 * 4 + 1);
	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		*o++ = alphabet[v >> 18 & 63];
		*o++ = alphabet[v >> 12 & 63];
		*o++ = alphabet[v >> 6 & 63];
		*o++ = alphabet[v & 63];
	}
	if (i < len) {
		v = (unsigned)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)p[i + 1] << 8;
		*o++ = alphabet[v >> 18 & 63];
		*o++ = alphabet[v >> 12 & 63];
		*o++ = i + 1 < len ? alphabet[v >> 6 & 63] : '=';
		*o++ = '=';
	}
	*o = '\0';
	return out;
}

/*
 * Put text on the clipboard of the terminal the administrator sits at,
 * even over SSH: OSC 52. Inside tmux the sequence is sent twice, as is (for
 * set-clipboard on) and wrapped for passthrough (for allow-passthrough).
 */
int
tty_osc52(const char *text, char **cause)
{
	size_t len = strlen(text);
	char *b64, *seq;

	if (len > TTY_OSC52_MAX) {
		*cause = xasprintf(P_("the text is %zu byte long; terminals "
		    "take at most %d through the clipboard sequence, so "
		    "write a file instead", "the text is %zu bytes long; "
		    "terminals take at most %d through the clipboard sequence, "
		    "so write a file instead", len), len, TTY_OSC52_MAX);
		return -1;
	}
	b64 = tty_base64(text, len);
	seq = xasprintf("\033]52;c;%s\a", b64);
	tty_write_all(STDOUT_FILENO, seq, strlen(seq));
	free(seq);
	if (getenv("TMUX") != NULL && *getenv("TMUX") != '\0') {
		seq = xasprintf("\033Ptmux;\033\033]52;c;%s\a\033\\", b64);
		tty_write_all(STDOUT_FILENO, seq, strlen(seq));
		free(seq);
	}
	free(b64);
	return 0;
}

/* A glyph for line drawing or a symbol. */
const char *
ui_glyph(enum ui_glyph g)
{
	return tty.ascii ? glyphs_ascii[g] : glyphs_utf8[g];
}

/* The curses attributes of a look. */
attr_t
ui_attr(enum ui_attr a)
{
	return tty.attrs[a];
}

/* Whether only ASCII may be drawn. */
int
ui_ascii(void)
{
	return tty.ascii;
}

/* Whether the locale lets text other than ASCII be shown. */
int
ui_utf8(void)
{
	return tty.utf8;
}

/* Whether colours are used. */
int
ui_color(void)
{
	return tty.color;
}

/* The frame of the work-in-progress spinner at a time (ms). */
const char *
ui_spinner(uint64_t now)
{
	if (tty.ascii)
		return spinner_ascii[now / 120 % nitems(spinner_ascii)];
	return spinner_utf8[now / 120 % nitems(spinner_utf8)];
}

/* Ask for the cursor at a place (a text field being edited). */
void
ui_cursor_at(int y, int x)
{
	tty.want_cursor = 1;
	tty.cursor_y = y;
	tty.cursor_x = x;
}

/* Show the cursor where it was asked for this frame (unless not allowed,
   under a dialog), else hide it. */
void
ui_cursor_show(int allowed)
{
	if (tty.want_cursor && allowed) {
		curs_set(1);
		wmove(stdscr, tty.cursor_y, tty.cursor_x);
	} else
		curs_set(0);
	tty.want_cursor = 0;
}
