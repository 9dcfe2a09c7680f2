/* cli.c - the subcommands: plan, catalog */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "dns.h"
#include "export.h"
#include "lookup.h"
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
	char *text;
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
			fprintf(stderr, _("mailwiz catalog: unknown option "
			    "'%s'; see 'mailwiz catalog --help'\n"),
			    argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("mailwiz catalog: unexpected argument "
		    "'%s'\n"), argv[optind]);
		return EXIT_USAGE;
	}
	if (cli_load_catalog(catalog_path, &cat) == -1)
		return EXIT_USAGE;
	text = json ? catalog_json(&cat) : catalog_text(&cat);
	fputs(text, stdout);
	free(text);
	catalog_free(&cat);
	return 0;
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
	    "      --timeout MS       wait this long for each DNS try "
	    "[3000]\n"
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
	enum { O_PROVIDER_ID = 256, O_IP, O_DKIM, O_DMARC_RUA,
	    O_EXISTING_SPF, O_OFFLINE, O_RESOLVER, O_TTL, O_TIMEOUT,
	    O_CATALOG };
	static const struct option longopts[] = {
		{ "feature", required_argument, NULL, 'f' },
		{ "server", required_argument, NULL, 's' },
		{ "domain", required_argument, NULL, 'd' },
		{ "provider", required_argument, NULL, 'p' },
		{ "provider-id", required_argument, NULL, O_PROVIDER_ID },
		{ "ip", required_argument, NULL, O_IP },
		{ "dkim", required_argument, NULL, O_DKIM },
		{ "dmarc-rua", required_argument, NULL, O_DMARC_RUA },
		{ "existing-spf", required_argument, NULL, O_EXISTING_SPF },
		{ "offline", no_argument, NULL, O_OFFLINE },
		{ "resolver", required_argument, NULL, O_RESOLVER },
		{ "timeout", required_argument, NULL, O_TIMEOUT },
		{ "ttl", required_argument, NULL, O_TTL },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "catalog", required_argument, NULL, O_CATALOG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct plan_input in;
	struct catalog cat;
	struct record_set rs;
	struct strlist resolvers = { NULL, 0 };
	struct dns_server *servers = NULL;
	struct dns_options dopts = { 3000, 2 };
	const char *format = NULL, *output = NULL, *dkim_path = NULL;
	const char *existing_spf = NULL;
	char *cause = NULL, *dkim_text = NULL, *text;
	size_t nservers = 0, i;
	unsigned long v;
	int c, offline = 0, rc = EXIT_USAGE, have_cat = 0;

	plan_input_init(&in);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:f:s:d:p:F:o:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'f':
			in.feature = optarg;
			break;
		case 's':
			in.server = optarg;
			break;
		case 'd':
			in.domain = optarg;
			break;
		case 'p':
			in.provider = optarg;
			break;
		case O_PROVIDER_ID:
			strlist_add(&in.provider_ids, optarg);
			break;
		case O_IP:
			strlist_add(&in.ips, optarg);
			break;
		case O_DKIM:
			dkim_path = optarg;
			break;
		case O_DMARC_RUA:
			in.dmarc_rua = optarg;
			break;
		case O_EXISTING_SPF:
			existing_spf = optarg;
			break;
		case O_OFFLINE:
			offline = 1;
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
		case O_TTL:
			if (parse_uint(optarg, 60, 604800, &v) == -1) {
				cause = xasprintf(_("--ttl '%s' is not a "
				    "number of seconds from 60 to 604800"),
				    optarg);
				goto usage;
			}
			in.ttl = v;
			break;
		case 'F':
			format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case O_CATALOG:
			catalog_path = optarg;
			break;
		case 'h':
			plan_usage();
			rc = 0;
			goto out;
		case ':':
			cause = xasprintf(_("option '%s' needs a value"),
			    argv[optind - 1]);
			goto usage;
		default:
			cause = xasprintf(_("unknown option '%s'; see "
			    "'mailwiz plan --help'"), argv[optind - 1]);
			goto usage;
		}
	}
	if (optind < argc) {
		cause = xasprintf(_("unexpected argument '%s'; options start "
		    "with --, see 'mailwiz plan --help'"), argv[optind]);
		goto usage;
	}
	if (offline && existing_spf != NULL) {
		cause = xstrdup(_("--offline and --existing-spf cannot be "
		    "used together; --existing-spf already avoids the "
		    "lookup"));
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
	if (dns_servers_from(&resolvers, &servers, &nservers, &cause) == -1)
		goto usage;
	if (dkim_path != NULL) {
		if (file_read(dkim_path, &dkim_text, NULL, &cause) == -1)
			goto usage;
		in.dkim_text = dkim_text;
		in.dkim_source = strcmp(dkim_path, "-") == 0 ?
		    _("standard input") : dkim_path;
	}
	if (cli_load_catalog(catalog_path, &cat) == -1)
		goto out;
	have_cat = 1;

	if (existing_spf != NULL) {
		in.existing.known = 1;
		in.existing.given = 1;
		if (*existing_spf != '\0')
			strlist_add(&in.existing.txt, existing_spf);
	}
	/* Check the answers before asking the network anything. */
	if (plan_build(&cat, &in, &rs, &cause) == -1)
		goto usage;
	if (!offline && existing_spf == NULL && rs.note == NULL) {
		char *domain = xstrdup(rs.domain);

		record_set_free(&rs);
		if (lookup_existing(servers, nservers, &dopts, domain,
		    &in.existing, &cause) == -1) {
			free(domain);
			fprintf(stderr, "mailwiz plan: %s\n", cause);
			rc = EXIT_SYSTEM;
			goto out;
		}
		free(domain);
		if (plan_build(&cat, &in, &rs, &cause) == -1)
			goto usage;
		if (in.existing.nxdomain)
			record_set_warn(&rs, "domain-nxdomain", _("the "
			    "resolver says %s does not exist in DNS; check "
			    "the spelling, or publish the records once the "
			    "domain is delegated"), rs.domain_display);
	}
	if (output != NULL && strcmp(output, "-") != 0) {
		if (export_write(&rs, format, output, &cause) == -1) {
			fprintf(stderr, "mailwiz plan: %s\n", cause);
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
			rc = fflush(stdout) == 0 ? 0 : EXIT_SYSTEM;
		}
	}
	record_set_free(&rs);
	goto out;

usage:
	fprintf(stderr, "mailwiz plan: %s\n", cause);
	rc = EXIT_USAGE;
out:
	free(cause);
	free(dkim_text);
	for (i = 0; i < nservers; i++)
		dns_server_free(&servers[i]);
	free(servers);
	strlist_free(&resolvers);
	plan_input_free(&in);
	if (have_cat)
		catalog_free(&cat);
	return rc;
}
