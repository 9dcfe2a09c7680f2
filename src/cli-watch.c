/* cli-watch.c - `mailwiz watch`: ask again until everything is live */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "export.h"
#include "cli.h"
#include "cli-check.h"
#include "cli-path.h"
#include "domain.h"
#include "loop.h"
#include "resolvers.h"
#include "state.h"
#include "watch.h"

#define WATCH_DEFAULT_TIMEOUT (72 * 3600)	/* SES retries for 72 h */

struct watch_out {
	struct check *c;
	int json;
	enum check_status *last;	/* per cell, as last printed */
	size_t nlast;
};

/* Print the help of `mailwiz watch`. */
static void
watch_usage(void)
{
	printf(_("Usage: mailwiz watch --feature F --server S --domain D "
	    "[OPTION]...\n"
	    "       mailwiz watch --resume [--state FILE]\n"
	    "Check again and again until every record is right at every "
	    "server,\nasking each server again when its cached answer "
	    "expires.\n\n"
	    "The path and DNS options are those of 'mailwiz check'.\n\n"
	    "      --timeout DURATION  give up after this long (such as 90m, "
	    "72h) [72h]\n"
	    "      --interval SECONDS  ask one server about one record at "
	    "most this\n"
	    "                          often [5]; without an expiry time "
	    "the wait\n"
	    "                          doubles up to 60 s\n"
	    "      --state FILE        where to save the watch "
	    "[$XDG_STATE_HOME/mailwiz/watch.state]\n"
	    "      --resume            carry on with the saved watch\n"
	    "      --expect FILE       expect the records of an export file\n"
	    "      --json              one JSON line per change\n"
	    "\nExit status: 0 everything is right everywhere, 1 not before "
	    "the timeout\n(or interrupted), 2 bad input, 3 could not run.\n"));
}

/* Parse "90", "90s", "30m", "72h", "3d" into seconds; -1 when bad. */
static long
parse_duration(const char *s)
{
	unsigned long v;
	char *num;
	size_t n = strlen(s);
	long mult = 1;

	if (n == 0)
		return -1;
	num = xstrdup(s);
	switch (num[n - 1]) {
	case 's':
		num[n - 1] = '\0';
		break;
	case 'm':
		mult = 60;
		num[n - 1] = '\0';
		break;
	case 'h':
		mult = 3600;
		num[n - 1] = '\0';
		break;
	case 'd':
		mult = 86400;
		num[n - 1] = '\0';
		break;
	}
	if (parse_uint(num, 1, 30UL * 86400 / (unsigned long)mult, &v) == -1) {
		free(num);
		return -1;
	}
	free(num);
	return (long)v * mult;
}

/* A status in a change line for people (JSON has check_status_name). */
static const char *
watch_status_word(enum check_status st)
{
	switch (st) {
	case CHECK_PENDING:
		/* TRANSLATORS: the status of a record at a server in
		   'mailwiz watch', as in "12:00:00  spf TXT example.com.
		   192.0.2.53*: pending". */
		return _("pending");
	case CHECK_OK:
		return _("ok");
	case CHECK_MISSING:
		return _("missing");
	case CHECK_MISMATCH:
		return _("mismatch");
	case CHECK_ERROR:
		break;
	}
	return _("error");
}

/* The UTC time of day, for change lines. */
static void
now_text(char *out, size_t len, int iso)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, len, iso ? "%Y-%m-%dT%H:%M:%SZ" : "%H:%M:%S", &tm);
}

/* Print one line when a cell's status changed. */
static void
watch_changed(void *arg, size_t rec, size_t srv)
{
	struct watch_out *o = arg;
	struct check *c = o->c;
	const struct check_record *r = &c->records[rec];
	const struct check_cell *cell = &r->cells[srv];
	const struct check_server *s = &c->servers[srv];
	size_t idx, need = c->nrecords * c->nservers;
	enum check_status before;
	char *show;
	char when[32];
	struct buf b;

	if (need > o->nlast) {
		/* New servers (found by discovery) are added at the end. */
		o->last = xreallocarray(o->last, need, sizeof *o->last);
		memset(o->last + o->nlast, 0,
		    (need - o->nlast) * sizeof *o->last);
		o->nlast = need;
	}
	idx = srv * c->nrecords + rec;
	before = o->last[idx];
	if (before == cell->status)
		return;
	o->last[idx] = cell->status;
	now_text(when, sizeof when, o->json);
	buf_init(&b);
	if (o->json) {
		buf_printf(&b, "{\"time\": \"%s\", \"name\": ", when);
		export_json_string(&b, r->name);
		buf_puts(&b, ", \"type\": ");
		export_json_string(&b, r->type);
		buf_puts(&b, ", \"purpose\": ");
		export_json_string(&b, r->purpose);
		buf_puts(&b, ", \"server\": ");
		export_json_string(&b, s->srv.label);
		buf_printf(&b, ", \"role\": \"%s\", \"status\": \"%s\", "
		    "\"previous\": \"%s\", \"answer\": ", s->authoritative ?
		    "authoritative" : "recursive",
		    check_status_name(cell->status),
		    check_status_name(before));
		export_json_string(&b, cell->answer);
		buf_puts(&b, ", \"reason\": ");
		export_json_string(&b, cell->reason);
		if (cell->eta >= 0)
			buf_printf(&b, ", \"eta\": %ld}\n", cell->eta);
		else
			buf_puts(&b, ", \"eta\": null}\n");
	} else {
		show = domain_show(r->name);
		buf_printf(&b, "%s  %s %s %s  %s%s: %s", when, r->purpose,
		    r->type, show, s->srv.label,
		    s->authoritative ? "" : "*",
		    watch_status_word(cell->status));
		free(show);
		if (cell->eta >= 0)
			buf_printf(&b, P_(" (cached answer expires in %ld second)",
			    " (cached answer expires in %ld seconds)",
			    (unsigned long)cell->eta), cell->eta);
		if (cell->status != CHECK_OK && cell->reason != NULL)
			buf_printf(&b, " - %s", cell->reason);
		buf_putc(&b, '\n');
	}
	fputs(b.data, stdout);
	fflush(stdout);
	buf_free(&b);
}

/* Watch until everything is right, the deadline passes, or Ctrl-C. */
static int
watch_run(struct path_args *pa, const char *expect, int json, int auth,
    int interval, time_t deadline, const char *state_path,
    const struct watch_state *st)
{
	struct record_set rs;
	struct dns_server *servers = NULL;
	struct watch_out out;
	struct watch w;
	struct loop *l = NULL;
	struct check *c = NULL;
	char *cause = NULL, *text;
	size_t n = 0;
	int rc, wait, spf_printed = 0;
	long left;

	memset(&out, 0, sizeof out);
	memset(&w, 0, sizeof w);
	if (resolvers_load(&pa->resolvers, &servers, &n, &cause) == -1) {
		fprintf(stderr, "mailwiz watch: %s\n", cause);
		free(cause);
		return EXIT_USAGE;
	}
	/* As for check: no lookup first, SPF judged by what it holds. */
	if (expect != NULL)
		rc = path_expect(pa, expect, &rs, &cause);
	else
		rc = path_build(pa, &rs, 0, &cause);
	if (rc != 0) {
		if (cause != NULL)
			fprintf(stderr, "mailwiz watch: %s\n", cause);
		free(cause);
		resolvers_free(servers, n);
		return rc;
	}
	if (rs.nrecords == 0) {
		printf(_("Nothing to watch: %s\n"), rs.note != NULL ? rs.note :
		    "");
		rc = 0;
		goto out;
	}
	if (state_path != NULL && state_save(state_path, st, &cause) == -1) {
		fprintf(stderr, "mailwiz watch: %s\n", cause);
		fprintf(stderr, _("mailwiz watch: give --state a file in a "
		    "directory you can write to, or --no-state\n"));
		rc = EXIT_SYSTEM;
		goto out;
	}
	l = loop_new();
	c = check_for_plan(l, &rs, servers, n, &pa->dopts, auth, &cause);
	if (c == NULL) {
		fprintf(stderr, "mailwiz watch: %s\n", cause);
		rc = EXIT_SYSTEM;
		goto out;
	}
	c->spf_loose = expect == NULL && pa->existing_spf == NULL;
	out.c = c;
	out.json = json;
	c->changed = watch_changed;
	c->changed_arg = &out;
	watch_init(&w, c, interval * 1000, 60000);
	check_catch_signals();
	check_start(c);
	for (;;) {
		if (check_was_interrupted())
			break;
		if (check_idle(c) && check_all_ok(c))
			break;
		if (c->spf.done && !spf_printed && !json) {
			printf(_("SPF for the sending server: %s (%s)\n"),
			    c->spf.result, c->spf.reason);
			spf_printed = 1;
		}
		if (c->spf.wanted && !c->spf.done)
			spf_printed = 0;
		left = (long)(deadline - time(NULL));
		if (left <= 0)
			break;
		wait = watch_tick(&w, loop_now_ms());
		if (wait < 0 || wait > left * 1000)
			wait = (int)(left > 2000000 ? 2000000000 : left * 1000);
		if (loop_once(l, wait) == -1) {
			fprintf(stderr, _("mailwiz watch: the event loop "
			    "failed: %s\n"), strerror(errno));
			rc = EXIT_SYSTEM;
			goto out;
		}
	}
	if (check_all_ok(c)) {
		if (!json) {
			text = check_text(c);
			fputs(text, stdout);
			free(text);
			fputs("\a", stdout);
		} else
			printf("{\"done\": true, \"ok\": true}\n");
		rc = 0;
		if (state_path != NULL)
			unlink(state_path);
	} else {
		text = json ? check_json(c) : check_text(c);
		if (!json)
			fputs(check_was_interrupted() ? _("\nInterrupted; "
			    "'mailwiz watch --resume' carries on.\n") :
			    _("\nThe timeout passed before everything was "
			    "right.\n"), stdout);
		fputs(text, stdout);
		free(text);
		rc = 1;
		if (state_path != NULL && !check_was_interrupted())
			unlink(state_path);
	}
out:
	fflush(stdout);
	watch_free(&w);
	free(out.last);
	check_free(c);
	loop_free(l);
	record_set_free(&rs);
	resolvers_free(servers, n);
	free(cause);
	return rc;
}

/* Watch a domain until its records are live everywhere. */
int
cli_watch(int argc, char **argv, const char *catalog_path)
{
	enum { O_JSON = PATH_O_LAST, O_NO_AUTH, O_TIMEOUT, O_INTERVAL,
	    O_STATE, O_RESUME, O_NO_STATE, O_EXPECT };
	static const struct option longopts[] = {
		PATH_LONGOPTS,
		{ "json", no_argument, NULL, O_JSON },
		{ "no-authoritative", no_argument, NULL, O_NO_AUTH },
		{ "timeout", required_argument, NULL, O_TIMEOUT },
		{ "interval", required_argument, NULL, O_INTERVAL },
		{ "state", required_argument, NULL, O_STATE },
		{ "no-state", no_argument, NULL, O_NO_STATE },
		{ "resume", no_argument, NULL, O_RESUME },
		{ "expect", required_argument, NULL, O_EXPECT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct path_args pa;
	struct watch_state st, saved;
	char *cause = NULL, *state_path = NULL, **sargv = NULL;
	const char *expect = NULL;
	unsigned long interval = 5;
	long timeout = WATCH_DEFAULT_TIMEOUT;
	int ch, i, rc = EXIT_USAGE, json = 0, auth = 1, resume = 0;
	int no_state = 0, have_saved = 0;

	memset(&st, 0, sizeof st);
	memset(&saved, 0, sizeof saved);
	path_args_init(&pa, catalog_path);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--resume") == 0)
			resume = 1;
	}
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:" PATH_SHORTOPTS "h",
	    longopts, NULL)) != -1) {
		if (resume && ch != O_STATE && ch != O_RESUME && ch != 'h' &&
		    ch != ':' && ch != '?') {
			/* Name the option, not its value. */
			i = optarg != NULL && optind >= 2 &&
			    optarg == argv[optind - 1] ? optind - 2 :
			    optind - 1;
			cause = xasprintf(_("--resume takes the saved options; "
			    "give only --state with it, not '%s'"), argv[i]);
			goto usage;
		}
		switch (path_option(&pa, ch, optarg, &cause)) {
		case 1:
			continue;
		case -1:
			goto usage;
		}
		switch (ch) {
		case O_JSON:
			json = 1;
			break;
		case O_NO_AUTH:
			auth = 0;
			break;
		case O_TIMEOUT:
			timeout = parse_duration(optarg);
			if (timeout < 0) {
				cause = xasprintf(_("--timeout '%s' is not a "
				    "duration such as 90s, 30m, 72h or 3d "
				    "(at most 30 days)"), optarg);
				goto usage;
			}
			break;
		case O_INTERVAL:
			if (parse_uint(optarg, 1, 3600, &interval) == -1) {
				cause = xasprintf(_("--interval '%s' is not a "
				    "number of seconds from 1 to 3600"),
				    optarg);
				goto usage;
			}
			break;
		case O_STATE:
			free(state_path);
			state_path = xstrdup(optarg);
			break;
		case O_NO_STATE:
			no_state = 1;
			break;
		case O_EXPECT:
			expect = optarg;
			break;
		case O_RESUME:
			break;
		case 'h':
			watch_usage();
			rc = 0;
			goto out;
		default:
			cause = cli_opt_error("watch", ch, argc, argv);
			goto usage;
		}
	}
	cause = cli_opt_error("watch", -1, argc, argv);
	if (cause != NULL)
		goto usage;
	if (state_path == NULL && !no_state)
		state_path = state_default_path();
	if (resume) {
		if (state_path == NULL) {
			cause = xstrdup(_("--resume needs --state FILE (no "
			    "HOME or XDG_STATE_HOME to find the saved "
			    "watch)"));
			goto usage;
		}
		if (access(state_path, F_OK) == -1 && errno == ENOENT) {
			cause = xasprintf(_("cannot read '%s': no watch is "
			    "saved there; start one without --resume"),
			    state_path);
			goto usage;
		}
		if (state_load(state_path, &saved, &cause) == -1)
			goto usage;
		have_saved = 1;
		/* Parse the saved command line as if typed again. */
		sargv = xcalloc(saved.args.n + 4, sizeof *sargv);
		sargv[0] = (char *)"watch";
		for (size_t k = 0; k < saved.args.n; k++)
			sargv[k + 1] = saved.args.v[k];
		path_args_free(&pa);
		path_args_init(&pa, catalog_path);
		optind = 1;
		while ((ch = getopt_long((int)saved.args.n + 1, sargv,
		    "+:" PATH_SHORTOPTS "h", longopts, NULL)) != -1) {
			int r = path_option(&pa, ch, optarg, &cause);
			char *why;

			if (ch == '?' || ch == ':') {
				r = -1;
				cause = xasprintf(ch == '?' ?
				    _("unknown option '%s'") :
				    _("option '%s' needs a value"),
				    sargv[optind - 1]);
			}
			if (r == -1) {
				why = cause;
				cause = xasprintf(_("%s: the saved watch is "
				    "damaged (%s); start the watch again "
				    "without --resume"), state_path, why);
				free(why);
				goto usage;
			}
			if (r == 1)
				continue;
			if (ch == O_JSON)
				json = 1;
			else if (ch == O_NO_AUTH)
				auth = 0;
			else if (ch == O_INTERVAL)
				(void)parse_uint(optarg, 1, 3600, &interval);
			else if (ch == O_EXPECT)
				expect = optarg;
		}
		st.started = saved.started;
		st.deadline = saved.deadline;
		for (size_t k = 0; k < saved.args.n; k++)
			strlist_add(&st.args, saved.args.v[k]);
		if (!json)
			printf(_("Resuming the watch of %s started %s"),
			    pa.in.domain != NULL ? pa.in.domain : "?",
			    ctime(&st.started));
	} else {
		st.started = time(NULL);
		st.deadline = st.started + timeout;
		for (i = 1; i < argc; i++) {
			if (strcmp(argv[i], "--state") == 0) {
				i++;
				continue;
			}
			if (strncmp(argv[i], "--state=", 8) == 0 ||
			    strcmp(argv[i], "--no-state") == 0)
				continue;
			strlist_add(&st.args, argv[i]);
		}
	}
	rc = watch_run(&pa, expect, json, auth, (int)interval, st.deadline,
	    no_state ? NULL : state_path, &st);
	goto out;

usage:
	fprintf(stderr, "mailwiz watch: %s\n", cause);
	rc = EXIT_USAGE;
out:
	free(sargv);
	if (have_saved)
		state_free(&saved);
	state_free(&st);
	free(state_path);
	free(cause);
	path_args_free(&pa);
	return rc;
}
