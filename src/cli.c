/* cli.c - the subcommands: plan, catalog */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "cli-path.h"
#include "dns.h"
#include "export.h"
#include "plan.h"
#include "record.h"
#include "util.h"

/* Load the catalog or explain why it cannot be used. */
int
cli_load_catalog(const char *path, struct catalog *cat)
{
	char *p, *cause = NULL;

	p = path != NULL ? xstrdup(path) : catalog_default_path();
	if (catalog_load(p, cat, &cause) == -1) {
		fprintf(stderr, "mailwiz: %s\n", cause);
		fprintf(stderr, _("mailwiz: fix the catalog, or point "
		    "--catalog or MAILWIZ_CATALOG at a good one\n"));
		free(cause);
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

/* Print what the catalog holds. */
int
cli_catalog(int argc, char **argv, const char *catalog_path)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct catalog cat;
	char *text, *cause;
	int c, json = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'h':
			printf(_("Usage: mailwiz catalog [--json]\n"
			    "List the features, server types, provider presets "
			    "and Zuora's\noutbound addresses that mailwiz "
			    "knows, with the source of each fact.\n"));
			return 0;
		default:
			cause = cli_opt_error("catalog", c, argc, argv);
			goto usage;
		}
	}
	cause = cli_opt_error("catalog", -1, argc, argv);
	if (cause != NULL)
		goto usage;
	if (cli_load_catalog(catalog_path, &cat) == -1)
		return EXIT_USAGE;
	text = json ? catalog_json(&cat) : catalog_text(&cat);
	fputs(text, stdout);
	free(text);
	catalog_free(&cat);
	return 0;

usage:
	fputs(cause, stderr);
	free(cause);
	return EXIT_USAGE;
}

/* Print the help of `mailwiz plan`. */
static void
plan_usage(void)
{
	printf(_("Usage: mailwiz plan --feature F --server S --domain D "
	    "[OPTION]...\n"
	    "Print the exact DNS records to publish for a sending path.\n\n"
	    "  -f, --feature F        notification or workflow\n"
	    "  -s, --server S         server type (see 'mailwiz catalog')\n"
	    "  -d, --domain D         the domain of your From address\n"
	    "  -p, --provider P       provider preset, for external-smtp\n"
	    "      --provider-id K=V  an id the provider preset needs "
	    "(repeatable)\n"
	    "      --ip ADDR          address, network or host name of your "
	    "own\n"
	    "                         server, for --provider custom "
	    "(repeatable)\n"
	    "      --dkim FILE        the DKIM records support or the "
	    "provider sent\n"
	    "                         ('-' reads standard input)\n"
	    "      --dmarc-rua ADDR   where DMARC reports go, for a new "
	    "DMARC record\n"
	    "      --existing-spf T   the domain's current SPF record "
	    "('' for none);\n"
	    "                         DNS is not asked\n"
	    "      --offline          do not look up the current records\n"
	    "      --resolver ADDR[:PORT]  resolver to ask (repeatable; "
	    "IPv6 as\n"
	    "                         [ADDR]:PORT; or MAILWIZ_RESOLVERS=a,b)\n"
	    "      --dns-timeout MS   wait this long for each DNS try "
	    "[3000]\n"
	    "      --dns-tries N      tries per DNS question [2]\n"
	    "      --ttl SECONDS      TTL of the new records [3600]\n"
	    "  -F, --format FMT       table, zone, nsupdate, csv, json, xml,\n"
	    "                         dnscontrol, octodns, terraform, "
	    "route53\n"
	    "  -o, --output FILE      write to FILE (atomically) instead of "
	    "standard\n"
	    "                         output; the format follows the file "
	    "name's\n"
	    "                         extension when --format is not given\n"
	    "\nExit status: 0 success, 2 bad input, 3 network or system "
	    "failure.\n"));
}

/* Guess the export format from an output file's extension. */
static const char *
format_from_path(const char *path)
{
	static const struct {
		const char *ext;
		const char *format;
	} map[] = {
		{ ".zone", "zone" }, { ".db", "zone" },
		{ ".nsupdate", "nsupdate" }, { ".csv", "csv" },
		{ ".json", "json" }, { ".xml", "xml" },
		{ ".js", "dnscontrol" }, { ".yaml", "octodns" },
		{ ".yml", "octodns" }, { ".tf", "terraform" },
		{ ".txt", "table" },
	};
	size_t i;

	for (i = 0; i < nitems(map); i++) {
		if (str_casesuffix(path, map[i].ext))
			return map[i].format;
	}
	return NULL;
}

/* Print the records to publish for one path. */
int
cli_plan(int argc, char **argv, const char *catalog_path)
{
	static const struct option longopts[] = {
		PATH_LONGOPTS,
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct path_args pa;
	struct record_set rs;
	const char *format = NULL, *output = NULL;
	char *cause = NULL, *text;
	int c, err, rc = EXIT_USAGE;

	path_args_init(&pa, catalog_path);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:" PATH_SHORTOPTS "F:o:h",
	    longopts, NULL)) != -1) {
		switch (path_option(&pa, c, optarg, &cause)) {
		case 1:
			continue;
		case -1:
			goto usage;
		}
		switch (c) {
		case 'F':
			format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			plan_usage();
			rc = 0;
			goto out;
		default:
			cause = cli_opt_error("plan", c, argc, argv);
			goto usage;
		}
	}
	cause = cli_opt_error("plan", -1, argc, argv);
	if (cause != NULL)
		goto usage;
	if (output != NULL && *output == '\0') {
		cause = xstrdup(_("-o needs a file name (or - for standard "
		    "output)"));
		goto usage;
	}
	if (format == NULL && output != NULL && strcmp(output, "-") != 0)
		format = format_from_path(output);
	if (format == NULL)
		format = "table";
	if (!export_format_valid(format)) {
		cause = xasprintf(_("unknown format '%s'; use one of: table, "
		    "zone, nsupdate, csv, json, xml, dnscontrol, octodns, "
		    "terraform, route53"), format);
		goto usage;
	}
	rc = path_build(&pa, &rs, 1, &cause);
	if (rc != 0) {
		if (cause != NULL)
			fprintf(stderr, "mailwiz plan: %s\n", cause);
		goto out;
	}
	if (output != NULL && strcmp(output, "-") != 0) {
		if (export_write(&rs, format, output, &cause) == -1) {
			err = errno;
			fprintf(stderr, "mailwiz plan: %s\n", cause);
			if (err == ENOSPC || err == EFBIG || err == EDQUOT)
				fprintf(stderr, _("mailwiz plan: free some space "
				    "(the file that was there is unchanged), "
				    "then run again\n"));
			else
				fprintf(stderr, _("mailwiz plan: give -o a file "
				    "name in a directory you can write to\n"));
			rc = EXIT_SYSTEM;
		} else
			rc = 0;
	} else {
		text = export_render(&rs, format, &cause);
		if (text == NULL) {
			fprintf(stderr, "mailwiz plan: %s\n", cause);
			rc = EXIT_SYSTEM;
		} else {
			fputs(text, stdout);
			free(text);
			rc = 0;
			if (fflush(stdout) != 0 || ferror(stdout)) {
				free(cause);
				cause = xasprintf(_("cannot write '%s': %s"),
				    _("standard output"), strerror(errno));
				fprintf(stderr, "mailwiz plan: %s\n", cause);
				rc = EXIT_SYSTEM;
			}
		}
	}
	record_set_free(&rs);
	goto out;

usage:
	fprintf(stderr, "mailwiz plan: %s\n", cause);
	rc = EXIT_USAGE;
out:
	free(cause);
	path_args_free(&pa);
	return rc;
}
