/* cli-spf.c - mailwiz spf: evaluate SPF for one client, as a receiver does */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-path.h"
#include "dns.h"
#include "loop.h"
#include "spf.h"
#include "spfeval.h"

/*
 * Exit status of `mailwiz spf` (for the manual page):
 *
 *   0   pass       the address may send for the domain
 *   1   fail       the domain says it may not
 *   2              bad input: options, address, sender or resolver
 *   3              could not run (DNS library or event loop failed)
 *   4   softfail   the domain says probably not
 *   5   neutral    the domain says nothing about this address
 *   6   none       the domain publishes no SPF record (or is not valid)
 *   7   temperror  DNS failed for now (timeout, SERVFAIL); try again
 *   8   permerror  the domain's SPF is broken (syntax, over 10 lookups)
 */
#define SPF_EXIT_USAGE 2
#define SPF_EXIT_SYSTEM 3

#define SPF_CLI_LIMIT_MS 20000	/* RFC 7208 4.6.4: at least 20 seconds */

/* The exit status of a result. */
static int
spf_cli_status(enum spf_result r)
{
	switch (r) {
	case SPF_RESULT_PASS:
		return 0;
	case SPF_RESULT_FAIL:
		return 1;
	case SPF_RESULT_SOFTFAIL:
		return 4;
	case SPF_RESULT_NEUTRAL:
		return 5;
	case SPF_RESULT_NONE:
		return 6;
	case SPF_RESULT_TEMPERROR:
		return 7;
	case SPF_RESULT_PERMERROR:
		return 8;
	}
	return SPF_EXIT_SYSTEM;
}

/* Print the help of `mailwiz spf`. */
static void
spf_cli_usage(void)
{
	printf(_("Usage: mailwiz spf --ip ADDR --sender ADDR [OPTION]...\n"
	    "Evaluate the SPF policy of the sender's domain for a sending "
	    "server's\naddress, as a receiving mail server does (RFC 7208 "
	    "check_host()).\n\n"
	    "      --ip ADDR          address of the sending server (IPv4 or "
	    "IPv6)\n"
	    "      --sender ADDR      the MAIL FROM address, such as "
	    "invoices@example.com;\n"
	    "                         '' for a bounce, which checks "
	    "postmaster@HELO\n"
	    "      --helo NAME        the name the server gives in HELO/EHLO\n"
	    "      --resolver ADDR[:PORT]  resolver to ask (repeatable; IPv6 "
	    "as\n"
	    "                         [ADDR]:PORT; or MAILWIZ_RESOLVERS=a,b)\n"
	    "      --timeout MS       wait this long for each DNS try "
	    "[3000]\n"
	    "      --json             print the result, reason and "
	    "include tree as JSON\n"
	    "  -v, --verbose          also print the include/redirect tree "
	    "with the\n"
	    "                         DNS lookups each record costs\n"
	    "  -h, --help             show this help and exit\n"
	    "\nExit status: 0 pass, 1 fail, 4 softfail, 5 neutral, 6 none, "
	    "7 temperror,\n8 permerror, 2 bad input, 3 could not run.\n"));
}

/* Append a JSON string value. */
static void
spf_cli_json_string(struct buf *b, const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_putc(b, (char)*p);
	}
	buf_putc(b, '"');
}

/* Print what the evaluation found, as text or JSON. */
static void
spf_cli_print(const struct spf_eval *ev, const char *ip, const char *sender,
    const char *helo, int json, int verbose)
{
	struct buf b;
	char *tree;

	buf_init(&b);
	if (json) {
		tree = spf_eval_tree_json(ev);
		buf_puts(&b, "{\"result\":");
		spf_cli_json_string(&b, spf_result_name(spf_eval_result(ev)));
		buf_puts(&b, ",\"reason\":");
		spf_cli_json_string(&b, spf_eval_reason(ev));
		buf_puts(&b, ",\"explanation\":");
		spf_cli_json_string(&b, spf_eval_explanation(ev));
		buf_puts(&b, ",\"ip\":");
		spf_cli_json_string(&b, ip);
		buf_puts(&b, ",\"sender\":");
		spf_cli_json_string(&b, sender);
		buf_puts(&b, ",\"helo\":");
		spf_cli_json_string(&b, helo);
		buf_printf(&b, ",\"lookups\":%d,\"void_lookups\":%d,"
		    "\"queries\":%d,\"tree\":%s}\n", spf_eval_lookups(ev),
		    spf_eval_void_lookups(ev), spf_eval_queries(ev), tree);
		free(tree);
	} else {
		buf_printf(&b, "%s\n", spf_result_name(spf_eval_result(ev)));
		buf_printf(&b, _("reason: %s\n"), spf_eval_reason(ev));
		if (spf_eval_explanation(ev) != NULL) {
			buf_printf(&b, _("explanation: %s\n"),
			    spf_eval_explanation(ev));
		}
		buf_printf(&b, _("DNS lookups: %d of at most %d; void "
		    "lookups: %d of at most %d\n"), spf_eval_lookups(ev),
		    SPF_MAX_LOOKUPS, spf_eval_void_lookups(ev), SPF_MAX_VOID);
		if (verbose) {
			tree = spf_eval_tree_text(ev);
			buf_printf(&b, "\n%s", tree);
			free(tree);
		}
	}
	fputs(b.data, stdout);
	buf_free(&b);
}

/*
 * Check the sender: empty (a bounce), or local@domain with a domain. The
 * domain itself is judged by SPF (a malformed one gives "none").
 */
static int
spf_cli_sender_ok(const char *s, char **cause)
{
	const char *at;
	const unsigned char *p;

	if (*s == '\0')
		return 0;
	at = strrchr(s, '@');
	if (at == NULL || at[1] == '\0') {
		*cause = xasprintf(_("sender '%s' is not a mail address; give "
		    "one such as invoices@example.com, or '' for a bounce"),
		    s);
		return -1;
	}
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			*cause = xasprintf(_("sender '%s' has a control "
			    "character"), s);
			return -1;
		}
	}
	return 0;
}

/* mailwiz spf: evaluate the sender's SPF for one client address. */
int
cli_spf(int argc, char **argv)
{
	enum { O_IP = 256, O_SENDER, O_HELO, O_RESOLVER, O_TIMEOUT, O_JSON };
	static const struct option longopts[] = {
		{ "ip", required_argument, NULL, O_IP },
		{ "sender", required_argument, NULL, O_SENDER },
		{ "helo", required_argument, NULL, O_HELO },
		{ "resolver", required_argument, NULL, O_RESOLVER },
		{ "timeout", required_argument, NULL, O_TIMEOUT },
		{ "json", no_argument, NULL, O_JSON },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct strlist resolvers = { NULL, 0 };
	struct dns_server *servers = NULL;
	struct dns_options dopts = { 3000, 2 };
	struct spf_dns *sd = NULL;
	struct spf_eval *ev = NULL;
	struct loop *l = NULL;
	const char *ip = NULL, *sender = NULL, *helo = NULL;
	unsigned char bin[16];
	unsigned long v;
	size_t nservers = 0, i;
	char *cause = NULL;
	int c, json = 0, verbose = 0, rc = SPF_EXIT_USAGE, limit;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:vh", longopts, NULL)) != -1) {
		switch (c) {
		case O_IP:
			ip = optarg;
			break;
		case O_SENDER:
			sender = optarg;
			break;
		case O_HELO:
			helo = optarg;
			break;
		case O_RESOLVER:
			strlist_add(&resolvers, optarg);
			break;
		case O_TIMEOUT:
			if (parse_uint(optarg, 1, 600000, &v) == -1) {
				cause = xasprintf(_("--timeout '%s' is not a "
				    "number of milliseconds from 1 to 600000"),
				    optarg);
				goto usage;
			}
			dopts.timeout_ms = (int)v;
			break;
		case O_JSON:
			json = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'h':
			spf_cli_usage();
			rc = 0;
			goto out;
		default:
			cause = cli_opt_error("spf", c, argc, argv);
			goto usage;
		}
	}
	cause = cli_opt_error("spf", -1, argc, argv);
	if (cause != NULL)
		goto usage;
	if (ip == NULL) {
		cause = xstrdup(_("--ip is missing: give the address of the "
		    "sending server"));
		goto usage;
	}
	if (inet_pton(AF_INET, ip, bin) != 1 &&
	    inet_pton(AF_INET6, ip, bin) != 1) {
		cause = xasprintf(_("--ip '%s' is not an IPv4 or IPv6 "
		    "address; give the sending server's address, such as "
		    "192.0.2.25 or 2001:db8::25"), ip);
		goto usage;
	}
	if (sender == NULL && helo == NULL) {
		cause = xstrdup(_("--sender is missing: give the MAIL FROM "
		    "address (or --helo to check the HELO name)"));
		goto usage;
	}
	if (sender == NULL)
		sender = "";
	if (spf_cli_sender_ok(sender, &cause) == -1)
		goto usage;
	if (*sender == '\0' && (helo == NULL || *helo == '\0')) {
		cause = xstrdup(_("an empty --sender (a bounce) is checked as "
		    "postmaster@HELO: give --helo"));
		goto usage;
	}
	if (dns_servers_from(&resolvers, &servers, &nservers, &cause) == -1)
		goto usage;

	l = loop_new();
	sd = spf_dns_new(l, servers, nservers, &dopts, &cause);
	if (sd == NULL) {
		fprintf(stderr, "mailwiz spf: %s\n", cause);
		rc = SPF_EXIT_SYSTEM;
		goto out;
	}
	ev = spf_eval_new(spf_dns_resolver(sd), ip, sender, helo, NULL);
	if (ev == NULL) {
		fprintf(stderr, _("mailwiz spf: cannot evaluate for '%s'\n"),
		    ip);
		rc = SPF_EXIT_SYSTEM;
		goto out;
	}
	limit = SPF_CLI_LIMIT_MS;
	if (dopts.timeout_ms * dopts.tries * 3 > limit)
		limit = dopts.timeout_ms * dopts.tries * 3;
	if (spf_eval_run(ev, l, limit) == -1) {
		fprintf(stderr, "%s", _("mailwiz spf: the event loop failed\n"));
		rc = SPF_EXIT_SYSTEM;
		goto out;
	}
	spf_cli_print(ev, ip, sender, helo, json, verbose);
	rc = fflush(stdout) == 0 ? spf_cli_status(spf_eval_result(ev)) :
	    SPF_EXIT_SYSTEM;
	goto out;

usage:
	fprintf(stderr, "mailwiz spf: %s\n", cause);
	rc = SPF_EXIT_USAGE;
out:
	spf_eval_free(ev);
	spf_dns_free(sd);
	loop_free(l);
	free(cause);
	for (i = 0; i < nservers; i++)
		dns_server_free(&servers[i]);
	free(servers);
	strlist_free(&resolvers);
	return rc;
}
