/*
 * state-kill.c - save the watch or the wizard state over and over with the
 * real functions (state_save, wizstate_save), for tests/t0440-state-kill.sh
 * to kill -9 at random moments, and read a state file back with the real
 * loaders (state_load, wizstate_load).
 *
 *   state-kill save KIND FILE N    save state A once
 *   state-kill loop KIND FILE N    save B, A, B, A, ... until killed
 *   state-kill check KIND FILE N   print "A" or "B", the complete state
 *                                  FILE holds; else print what is wrong
 *                                  and exit 1
 *   state-kill print watch FILE 0  print a watch state as loaded: its
 *                                  times, then its arguments, one a line
 *
 * KIND is watch or wizard. N sizes the two states: the watch's N command
 * line arguments (about 100 bytes each), or N lines of pasted DKIM records
 * in the wizard's answers (about 90 bytes each).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "wizstate.h"

/* One of the two watch states, A or B. */
static void
watch_make(struct watch_state *st, char which, long n)
{
	long i;

	memset(st, 0, sizeof *st);
	strlist_addf(&st->args, "--domain");
	strlist_addf(&st->args, "%c.example", which);
	for (i = 0; i < n; i++)
		strlist_addf(&st->args, "%c%06ld-%%-%s", which, i,
		    "padding-so-that-the-state-takes-long-to-write-"
		    "and-a-kill-lands-in-the-middle-of-it");
	st->started = which == 'A' ? 1700000001 : 1700000002;
	st->deadline = which == 'A' ? 1800000001 : 1800000002;
}

/* Tell whether two watch states are the same. */
static int
watch_same(const struct watch_state *a, const struct watch_state *b)
{
	size_t i;

	if (a->started != b->started || a->deadline != b->deadline ||
	    a->args.n != b->args.n)
		return 0;
	for (i = 0; i < a->args.n; i++) {
		if (strcmp(a->args.v[i], b->args.v[i]) != 0)
			return 0;
	}
	return 1;
}

/* One of the two wizard states, A or B. */
static void
wizard_make(struct wizstate *st, char which, long n)
{
	struct buf b;
	long i;

	memset(st, 0, sizeof *st);
	st->feature = xstrdup("notification");
	st->server = xstrdup("advanced-smtp");
	st->domain = xasprintf("%c.example", which);
	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%c%06ld._domainkey\tCNAME\t\"%c%06ld.dkim."
		    "amazonses.com\" ; 100%% pasted\n", which, i, which, i);
	st->dkim_text = buf_detach(&b);
	for (i = 0; i < n / 100; i++)
		strlist_addf(&st->ips, "192.0.2.%ld", i % 256);
	st->export_format = xstrdup("zone");
	st->export_path = xasprintf("./mailwiz-%c.example.zone", which);
	st->screen = which == 'A' ? 5 : 6;
	st->dashboard_started = which == 'A';
	st->saved_at = which == 'A' ? 1700000001 : 1700000002;
}

/* Tell whether two strings, either perhaps NULL, are the same. */
static int
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Tell whether two wizard states are the same. */
static int
wizard_same(const struct wizstate *a, const struct wizstate *b)
{
	size_t i;

	if (!same_str(a->feature, b->feature) ||
	    !same_str(a->server, b->server) ||
	    !same_str(a->provider, b->provider) ||
	    !same_str(a->domain, b->domain) ||
	    !same_str(a->dkim_text, b->dkim_text) ||
	    !same_str(a->dmarc_rua, b->dmarc_rua) ||
	    !same_str(a->export_format, b->export_format) ||
	    !same_str(a->export_path, b->export_path) ||
	    a->screen != b->screen ||
	    a->dashboard_started != b->dashboard_started ||
	    a->saved_at != b->saved_at || a->ips.n != b->ips.n ||
	    a->provider_ids.n != b->provider_ids.n)
		return 0;
	for (i = 0; i < a->ips.n; i++) {
		if (strcmp(a->ips.v[i], b->ips.v[i]) != 0)
			return 0;
	}
	return 1;
}

/*
 * Save state A once or, with loop, B, A, B, ... until killed (both made
 * once, so that the time goes to saving); -1 with *cause.
 */
static int
save(const char *kind, const char *path, int loop, long n, char **cause)
{
	struct watch_state ws[2];
	struct wizstate wz[2];
	int watch = strcmp(kind, "watch") == 0, rc = 0;
	long i;

	if (watch) {
		watch_make(&ws[0], 'A', n);
		watch_make(&ws[1], 'B', n);
	} else {
		wizard_make(&wz[0], 'A', n);
		wizard_make(&wz[1], 'B', n);
	}
	for (i = loop ? 1 : 0; rc == 0; i++) {
		if (watch)
			rc = state_save(path, &ws[i % 2], cause);
		else
			rc = wizstate_save(path, &wz[i % 2], cause);
		if (!loop)
			break;
	}
	if (watch) {
		state_free(&ws[0]);
		state_free(&ws[1]);
	} else {
		wizstate_free(&wz[0]);
		wizstate_free(&wz[1]);
	}
	return rc;
}

/* Print which complete state a file holds: 0, or 1 with the reason. */
static int
check(const char *kind, const char *path, long n)
{
	struct watch_state ws, wa, wb;
	struct wizstate zs, za, zb;
	char *cause = NULL;
	int rc = 1;

	if (strcmp(kind, "watch") == 0) {
		if (state_load(path, &ws, &cause) == -1) {
			printf("cannot load: %s\n", cause);
			free(cause);
			return 1;
		}
		watch_make(&wa, 'A', n);
		watch_make(&wb, 'B', n);
		if (watch_same(&ws, &wa))
			printf("A\n");
		else if (watch_same(&ws, &wb))
			printf("B\n");
		else
			printf("neither A nor B (%zu arguments)\n", ws.args.n);
		rc = watch_same(&ws, &wa) || watch_same(&ws, &wb) ? 0 : 1;
		state_free(&ws);
		state_free(&wa);
		state_free(&wb);
		return rc;
	}
	if (wizstate_load(path, &zs, &cause) == -1) {
		printf("cannot load: %s\n", cause);
		free(cause);
		return 1;
	}
	wizard_make(&za, 'A', n);
	wizard_make(&zb, 'B', n);
	if (wizard_same(&zs, &za))
		printf("A\n");
	else if (wizard_same(&zs, &zb))
		printf("B\n");
	else
		printf("neither A nor B\n");
	rc = wizard_same(&zs, &za) || wizard_same(&zs, &zb) ? 0 : 1;
	wizstate_free(&zs);
	wizstate_free(&za);
	wizstate_free(&zb);
	return rc;
}

/* Print a watch state as the real loader reads it; 1 when it cannot. */
static int
print_watch(const char *path)
{
	struct watch_state ws;
	char *cause = NULL;
	size_t i;

	if (state_load(path, &ws, &cause) == -1) {
		printf("cannot load: %s\n", cause);
		free(cause);
		return 1;
	}
	printf("started %lld deadline %lld\n", (long long)ws.started,
	    (long long)ws.deadline);
	for (i = 0; i < ws.args.n; i++)
		printf("%s\n", ws.args.v[i]);
	state_free(&ws);
	return 0;
}

int
main(int argc, char **argv)
{
	char *cause = NULL, *end;
	long n;

	if (argc != 5 || (strcmp(argv[2], "watch") != 0 &&
	    strcmp(argv[2], "wizard") != 0)) {
		fprintf(stderr, "usage: state-kill save|loop|check "
		    "watch|wizard FILE N\n");
		return 2;
	}
	n = strtol(argv[4], &end, 10);
	if (*end != '\0' || n < 0 || n > 1000000) {
		fprintf(stderr, "state-kill: bad N '%s'\n", argv[4]);
		return 2;
	}
	if (strcmp(argv[1], "check") == 0)
		return check(argv[2], argv[3], n);
	if (strcmp(argv[1], "print") == 0)
		return print_watch(argv[3]);
	if (strcmp(argv[1], "save") != 0 && strcmp(argv[1], "loop") != 0) {
		fprintf(stderr, "state-kill: unknown command '%s'\n", argv[1]);
		return 2;
	}
	if (save(argv[2], argv[3], strcmp(argv[1], "loop") == 0, n,
	    &cause) == -1) {
		fprintf(stderr, "state-kill: %s\n", cause);
		free(cause);
		return 1;
	}
	return 0;
}
