/* cli-check.c - `mailwiz check`: is every record right at every server? */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "cli-check.h"
#include "cli-path.h"
#include "loop.h"
#include "resolvers.h"

static volatile sig_atomic_t check_interrupted;

/* Remember Ctrl-C; the loop looks at it. */
static void
check_on_signal(int sig)
{
	(void)sig;
	check_interrupted = 1;
}

/* Catch Ctrl-C and SIGTERM so the current table can still be printed. */
void
check_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = check_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* Tell whether Ctrl-C (or SIGTERM) came. */
int
check_was_interrupted(void)
{
	return check_interrupted;
}

/* Print the help of `mailwiz check`. */
static void
check_usage(void)
{
	printf(_("Usage: mailwiz check --feature F --server S --domain D "
	    "[OPTION]...\n"
	    "       mailwiz check ... --domains FILE\n"
	    "Ask every name server of the domain and a set of resolvers "
	    "whether the\nrecords are published, and evaluate SPF for the "
	    "sending server.\n\n"
	    "The path options are those of 'mailwiz plan' (--feature, "
	    "--server,\n--domain, --provider, --provider-id, --ip, --dkim, "
	    "--dmarc-rua,\n--existing-spf, --offline).\n\n"
	    "      --resolver ADDR[:PORT]  recursive resolver to ask "
	    "(repeatable)\n"
	    "      --no-authoritative  do not ask the domain's own name "
	    "servers\n"
	    "      --dns-timeout MS   wait per DNS try [3000]\n"
	    "      --dns-tries N      tries per question [2]\n"
	    "      --domains FILE     check every domain in FILE (one per "
	    "line),\n"
	    "                         printing one JSON line per domain\n"
	    "      --max-inflight N   with --domains: questions in flight "
	    "at most [256]\n"
	    "      --expect FILE      expect the records in FILE, written by "
	    "'mailwiz plan'\n"
	    "                         in any format, instead of the path's\n"
	    "      --json             print JSON\n"
	    "\nExit status: 0 everything is right everywhere, 1 not (yet), "
	    "2 bad input,\n3 could not run at all.\n"));
}

/* Make a check for a built record set. */
struct check *
check_for_plan(struct loop *l, const struct record_set *rs,
    const struct dns_server *servers, size_t n,
    const struct dns_options *o, int authoritative, char **cause)
{
	struct check *c;
	struct strlist mechs = { NULL, 0 };

	c = check_new(l, rs->domain, servers, n, o, authoritative, cause);
	if (c == NULL)
		return NULL;
	check_expect_set(c, rs);
	path_mechanisms(rs, &mechs);
	check_spf_for(c, &mechs);
	strlist_free(&mechs);
	return c;
}

/* Run the loop until the check has every answer, or Ctrl-C. */
static int
check_run(struct loop *l, struct check *c)
{
	while (!check_idle(c) && !check_interrupted) {
		if (loop_once(l, -1) == -1)
			return -1;
	}
	return 0;
}

/* Check one domain, once. */
int
cli_check(int argc, char **argv, const char *catalog_path)
{
	enum { O_JSON = PATH_O_LAST, O_NO_AUTH, O_DOMAINS, O_MAX_INFLIGHT,
	    O_EXPECT };
	static const struct option longopts[] = {
		PATH_LONGOPTS,
		{ "json", no_argument, NULL, O_JSON },
		{ "no-authoritative", no_argument, NULL, O_NO_AUTH },
		{ "domains", required_argument, NULL, O_DOMAINS },
		{ "max-inflight", required_argument, NULL, O_MAX_INFLIGHT },
		{ "expect", required_argument, NULL, O_EXPECT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct path_args pa;
	struct record_set rs;
	struct dns_server *servers = NULL;
	struct loop *l = NULL;
	struct check *c = NULL;
	const char *domains = NULL, *expect = NULL;
	unsigned long max_inflight = 256;
	char *cause = NULL, *text;
	size_t n = 0;
	int ch, rc = EXIT_USAGE, json = 0, auth = 1, have_rs = 0;

	path_args_init(&pa, catalog_path);
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:" PATH_SHORTOPTS "h",
	    longopts, NULL)) != -1) {
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
		case O_DOMAINS:
			domains = optarg;
			break;
		case O_EXPECT:
			expect = optarg;
			break;
		case O_MAX_INFLIGHT:
			if (parse_uint(optarg, 1, 100000, &max_inflight)
			    == -1) {
				cause = xasprintf(_("--max-inflight '%s' is "
				    "not a number from 1 to 100000"), optarg);
				goto usage;
			}
			break;
		case 'h':
			check_usage();
			rc = 0;
			goto out;
		default:
			cause = cli_opt_error("check", ch, argc, argv);
			goto usage;
		}
	}
	cause = cli_opt_error("check", -1, argc, argv);
	if (cause != NULL)
		goto usage;
	if (resolvers_load(&pa.resolvers, &servers, &n, &cause) == -1)
		goto usage;
	if (domains != NULL && expect != NULL) {
		cause = xstrdup(_("--expect and --domains cannot be used "
		    "together; --expect names one domain's records"));
		goto usage;
	}
	if (domains != NULL) {
		rc = check_domains(&pa, domains, servers, n, auth,
		    (size_t)max_inflight);
		goto out;
	}
	/*
	 * No lookup first: the SPF record is right when it is the only one
	 * and holds what the path needs, which is what merging into it
	 * would give; asking for it beforehand would only cost a round trip.
	 */
	if (expect != NULL)
		rc = path_expect(&pa, expect, &rs, &cause);
	else
		rc = path_build(&pa, &rs, 0, &cause);
	if (rc != 0) {
		if (cause != NULL)
			fprintf(stderr, "mailwiz check: %s\n", cause);
		goto out;
	}
	have_rs = 1;
	if (rs.nrecords == 0) {
		printf(json ? "{\"domain\": \"%s\", \"ok\": true, "
		    "\"records\": [], \"spf\": null, \"problems\": []}\n" :
		    _("Nothing to check: %s\n"), json ? rs.domain :
		    rs.note != NULL ? rs.note : "");
		rc = 0;
		goto out;
	}
	l = loop_new();
	c = check_for_plan(l, &rs, servers, n, &pa.dopts, auth, &cause);
	if (c == NULL) {
		fprintf(stderr, "mailwiz check: %s\n", cause);
		rc = EXIT_SYSTEM;
		goto out;
	}
	c->spf_loose = expect == NULL && pa.existing_spf == NULL;
	check_catch_signals();
	check_start(c);
	if (check_run(l, c) == -1) {
		fprintf(stderr, _("mailwiz check: the event loop failed: %s\n"),
		    strerror(errno));
		rc = EXIT_SYSTEM;
		goto out;
	}
	text = json ? check_json(c) : check_text(c);
	fputs(text, stdout);
	free(text);
	rc = check_all_ok(c) ? 0 : 1;
	goto out;

usage:
	fprintf(stderr, "mailwiz check: %s\n", cause);
	rc = EXIT_USAGE;
out:
	check_free(c);
	loop_free(l);
	if (have_rs)
		record_set_free(&rs);
	resolvers_free(servers, n);
	free(cause);
	path_args_free(&pa);
	return rc;
}
