/* state.c - saved watch state, so a 72-hour wait survives a reboot */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "state.h"

#define STATE_MAGIC "mailwiz-watch 1"

/* The default state file. */
char *
state_default_path(void)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/mailwiz/watch.state", xdg);
	if (home != NULL && *home != '\0')
		return xasprintf("%s/.local/state/mailwiz/watch.state", home);
	return NULL;
}

/* Write one argument, with '%' and control characters %-escaped. */
static void
put_escaped(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '%' || c < 0x20 || c == 0x7f)
			buf_printf(b, "%%%02X", c);
		else
			buf_putc(b, (char)c);
	}
}

/* Undo put_escaped; -1 on a bad escape. */
static int
get_escaped(const char *s, char **out)
{
	struct buf b;
	unsigned v;

	buf_init(&b);
	for (; *s != '\0'; s++) {
		if (*s != '%') {
			buf_putc(&b, *s);
			continue;
		}
		/* Two hex digits: %2X alone would also take "% 4", "%-1"
		   or "%4G" (one digit, then swallow the G). */
		if (strspn(s + 1, "0123456789ABCDEFabcdef") < 2 ||
		    sscanf(s + 1, "%2X", &v) != 1 || v == 0) {
			buf_free(&b);
			return -1;
		}
		buf_putc(&b, (char)v);
		s += 2;
	}
	*out = buf_detach(&b);
	return 0;
}

/* Save the state atomically, readable by its owner only. */
int
state_save(const char *path, const struct watch_state *st, char **cause)
{
	struct buf b;
	size_t i;
	int rc;

	if (file_make_parents(path, cause) == -1)
		return -1;
	buf_init(&b);
	buf_printf(&b, "%s\nstarted %lld\ndeadline %lld\n", STATE_MAGIC,
	    (long long)st->started, (long long)st->deadline);
	for (i = 0; i < st->args.n; i++) {
		buf_puts(&b, "arg ");
		put_escaped(&b, st->args.v[i]);
		buf_putc(&b, '\n');
	}
	rc = file_write_atomic(path, b.data, b.len, 0600, cause);
	buf_free(&b);
	return rc;
}

/* Load a saved state. */
int
state_load(const char *path, struct watch_state *st, char **cause)
{
	char *text, *line, *next, *arg, *p;
	unsigned lineno = 0;
	long long v;
	int have_start = 0, have_deadline = 0;
	size_t len;

	memset(st, 0, sizeof *st);
	if (file_read(path, &text, &len, cause) == -1)
		return -1;
	/* A NUL byte would end the text and drop the lines after it unseen:
	   the file is damaged at the line that holds it. */
	if (strlen(text) != len) {
		for (p = text; *p != '\0'; p++)
			lineno += *p == '\n';
		lineno++;
		goto bad;
	}
	for (line = text; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		if (lineno == 1) {
			if (strcmp(line, STATE_MAGIC) != 0)
				goto bad;
			continue;
		}
		if (sscanf(line, "started %lld", &v) == 1 && v > 0) {
			st->started = (time_t)v;
			have_start = 1;
		} else if (sscanf(line, "deadline %lld", &v) == 1 && v > 0) {
			st->deadline = (time_t)v;
			have_deadline = 1;
		} else if (strncmp(line, "arg ", 4) == 0) {
			if (get_escaped(line + 4, &arg) == -1)
				goto bad;
			strlist_add(&st->args, arg);
			free(arg);
		} else
			goto bad;
	}
	if (lineno == 0 || !have_start || !have_deadline) {
		*cause = xasprintf(_("'%s' is not a complete mailwiz watch "
		    "state; start the watch again without --resume"), path);
		goto fail;
	}
	free(text);
	return 0;

bad:
	*cause = xasprintf(_("%s:%u: not a line of a mailwiz watch state; "
	    "start the watch again without --resume"), path, lineno);
fail:
	free(text);
	state_free(st);
	return -1;
}

/* Release a loaded state. */
void
state_free(struct watch_state *st)
{
	strlist_free(&st->args);
	memset(st, 0, sizeof *st);
}
