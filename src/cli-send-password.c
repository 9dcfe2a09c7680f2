/* cli-send-password.c - `mailwiz send-test`: the SMTP password, from a
   file, the environment or a prompt that does not echo */
#include <sys/stat.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli-send.h"
#include "util.h"

#define SEND_PASSWORD_MAX 1024

/* For the no-echo prompt: the terminal as it was, to put back. */
static struct termios prompt_saved;
static struct termios prompt_noecho;
static volatile sig_atomic_t prompt_active;

/* Put the terminal back, then die of the signal as if not caught. */
static void
prompt_on_signal(int sig)
{
	sigset_t set;

	if (prompt_active)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &prompt_saved);
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	/* Only SIGTSTP comes back here, when continued: hide again. */
	if (prompt_active)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &prompt_noecho);
	signal(sig, prompt_on_signal);
}

/* Ask for the password on the terminal without echoing it. */
static int
prompt_password(const char *user, const char *host, char **out,
    char **cause)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT,
	    SIGTSTP };
	struct sigaction sa, old[nitems(sigs)];
	char buf[SEND_PASSWORD_MAX + 1];
	size_t len = 0, i;
	ssize_t n;
	char c;
	int err = 0;

	if (tcgetattr(STDIN_FILENO, &prompt_saved) == -1) {
		*cause = xasprintf(_("cannot read the terminal settings: %s"),
		    strerror(errno));
		return -1;
	}
	prompt_noecho = prompt_saved;
	prompt_noecho.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
	prompt_noecho.c_lflag |= ECHONL;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = prompt_on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < nitems(sigs); i++)
		sigaction(sigs[i], &sa, &old[i]);
	/* Echo off first, then the prompt: nothing typed is ever shown. */
	prompt_active = 1;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &prompt_noecho);
	fprintf(stderr, _("Password for %s at %s: "), user, host);
	fflush(stderr);
	for (;;) {
		n = read(STDIN_FILENO, &c, 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			err = errno;
			break;
		}
		if (n == 0 || c == '\n')
			break;
		if (len < SEND_PASSWORD_MAX)
			buf[len++] = c;
	}
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &prompt_saved);
	prompt_active = 0;
	for (i = 0; i < nitems(sigs); i++)
		sigaction(sigs[i], &old[i], NULL);
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	buf[len] = '\0';
	if (err != 0 || len == 0) {
		*cause = err != 0 ? xasprintf(_("cannot read the password: "
		    "%s"), strerror(err)) : xstrdup(_("no password given"));
		explicit_bzero(buf, sizeof buf);
		return -1;
	}
	*out = xstrdup(buf);
	explicit_bzero(buf, sizeof buf);
	return 0;
}

/* Read the password from the first line of a file. */
static int
password_from_file(const char *path, char **out, char **cause)
{
	struct stat st;
	char *text = NULL;
	size_t len = 0, n;

	if (file_read(path, &text, &len, cause) == -1)
		return -1;
	n = strcspn(text, "\r\n");
	if (n == 0) {
		*cause = xasprintf(_("password file '%s' is empty"), path);
		explicit_bzero(text, len);
		free(text);
		return -1;
	}
	*out = xstrndup(text, n);
	explicit_bzero(text, len);
	free(text);
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    (st.st_mode & 077) != 0)
		fprintf(stderr, _("mailwiz send-test: warning: password file "
		    "'%s' can be read by other users; chmod 600 it\n"), path);
	return 0;
}

/* Get the password: file, environment, or a no-echo prompt. */
int
cli_send_password(const char *file, const char *user, const char *host,
    char **out, char **cause)
{
	const char *env;

	if (file != NULL)
		return password_from_file(file, out, cause);
	env = getenv("MAILWIZ_SMTP_PASSWORD");
	if (env != NULL && *env != '\0') {
		*out = xstrdup(env);
		return 0;
	}
	if (isatty(STDIN_FILENO))
		return prompt_password(user, host, out, cause);
	*cause = xasprintf(_("a password is needed for --user '%s': give "
	    "--password-file FILE or set MAILWIZ_SMTP_PASSWORD (standard "
	    "input is not a terminal, so mailwiz cannot ask)"), user);
	return -1;
}
