/* cli-path.c - the options that name a sending path, shared by plan,
   check and watch, and what every command says of options it refuses */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli-path.h"
#include "domain.h"
#include "expect.h"
#include "lookup.h"
#include "spf.h"

/* The longest text a TXT record can hold: 65535 bytes of data, each string
   of up to 255 bytes after its length byte. */
#define PATH_TXT_MAX (255 * 255 + 254)

/* Start with no options. */
void
path_args_init(struct path_args *a, const char *catalog_path)
{
	memset(a, 0, sizeof *a);
	plan_input_init(&a->in);
	a->dopts.timeout_ms = 3000;
	a->dopts.tries = 2;
	a->catalog_path = catalog_path;
}

/* Release what the options hold. */
void
path_args_free(struct path_args *a)
{
	plan_input_free(&a->in);
	strlist_free(&a->resolvers);
	free(a->dkim_text);
	if (a->have_cat)
		catalog_free(&a->cat);
	memset(a, 0, sizeof *a);
}

/* Take the value of an option that may be given only once; -1 with
   *cause when it was given before with another value. */
static int
path_once(const char **to, const char *name, const char *arg, char **cause)
{
	if (*to != NULL && strcmp(*to, arg) != 0) {
		*cause = xasprintf(_("%s is given twice, as '%s' and '%s'; "
		    "give it once"), name, *to, arg);
		return -1;
	}
	*to = arg;
	return 1;
}

/* Take one option of the path. */
int
path_option(struct path_args *a, int c, const char *arg, char **cause)
{
	unsigned long v;

	switch (c) {
	case 'f':
		return path_once(&a->in.feature, "--feature", arg, cause);
	case 's':
		return path_once(&a->in.server, "--server", arg, cause);
	case 'd':
		return path_once(&a->in.domain, "--domain", arg, cause);
	case 'p':
		return path_once(&a->in.provider, "--provider", arg, cause);
	case PATH_O_PROVIDER_ID:
		strlist_add(&a->in.provider_ids, arg);
		return 1;
	case PATH_O_IP:
		strlist_add(&a->in.ips, arg);
		return 1;
	case PATH_O_DKIM:
		a->dkim_path = arg;
		return 1;
	case PATH_O_DMARC_RUA:
		a->in.dmarc_rua = arg;
		return 1;
	case PATH_O_EXISTING_SPF:
		if (strlen(arg) > PATH_TXT_MAX) {
			*cause = xasprintf(P_("--existing-spf is longer than "
			    "any DNS TXT record can be (%d byte); give the "
			    "record exactly as the domain publishes it",
			    "--existing-spf is longer than any DNS TXT record "
			    "can be (%d bytes); give the record exactly as "
			    "the domain publishes it",
			    (unsigned long)PATH_TXT_MAX), PATH_TXT_MAX);
			return -1;
		}
		if (*arg != '\0' && !spf_is_record(arg)) {
			*cause = xasprintf(_("--existing-spf '%s' is not an "
			    "SPF record, which starts with 'v=spf1 '; give "
			    "the domain's TXT record that does (without "
			    "quotes), or '' when it has none"), arg);
			return -1;
		}
		return path_once(&a->existing_spf, "--existing-spf", arg,
		    cause);
	case PATH_O_OFFLINE:
		a->offline = 1;
		return 1;
	case PATH_O_RESOLVER:
		strlist_add(&a->resolvers, arg);
		return 1;
	case PATH_O_DNS_TIMEOUT:
		if (parse_uint(arg, 1, 600000, &v) == -1) {
			*cause = xasprintf(_("--dns-timeout '%s' is not a "
			    "number of milliseconds from 1 to 600000"), arg);
			return -1;
		}
		a->dopts.timeout_ms = (int)v;
		return 1;
	case PATH_O_DNS_TRIES:
		if (parse_uint(arg, 1, 10, &v) == -1) {
			*cause = xasprintf(_("--dns-tries '%s' is not a number "
			    "from 1 to 10"), arg);
			return -1;
		}
		a->dopts.tries = (int)v;
		return 1;
	case PATH_O_TTL:
		if (parse_uint(arg, 60, 604800, &v) == -1) {
			*cause = xasprintf(_("--ttl '%s' is not a number of "
			    "seconds from 60 to 604800"), arg);
			return -1;
		}
		a->in.ttl = v;
		return 1;
	case PATH_O_CATALOG:
		a->catalog_path = arg;
		return 1;
	}
	return 0;
}

/* Build the record set for the path. */
int
path_build(struct path_args *a, struct record_set *rs, int lookup,
    char **cause)
{
	struct dns_server *servers = NULL;
	size_t nservers = 0, i, len;
	char *domain;
	int rc = 0;

	if (a->offline && a->existing_spf != NULL) {
		*cause = xstrdup(_("--offline and --existing-spf cannot be "
		    "used together; --existing-spf already avoids the "
		    "lookup"));
		return EXIT_USAGE;
	}
	if (dns_servers_from(&a->resolvers, &servers, &nservers, cause) == -1)
		return EXIT_USAGE;
	if (a->dkim_path != NULL && a->dkim_text == NULL) {
		if (file_read(a->dkim_path, &a->dkim_text, &len, cause) ==
		    -1) {
			rc = EXIT_USAGE;
			goto out;
		}
		a->in.dkim_text = a->dkim_text;
		a->in.dkim_source = strcmp(a->dkim_path, "-") == 0 ?
		    _("standard input") : a->dkim_path;
		if (memchr(a->dkim_text, '\0', len) != NULL) {
			*cause = xasprintf(_("%s: this is not a text file (it "
			    "has NUL bytes)"), a->in.dkim_source);
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (!a->have_cat) {
		if (cli_load_catalog(a->catalog_path, &a->cat) == -1) {
			*cause = NULL;
			rc = EXIT_USAGE;
			goto out;
		}
		a->have_cat = 1;
	}
	if (a->existing_spf != NULL && !a->in.existing.given) {
		a->in.existing.known = 1;
		a->in.existing.given = 1;
		if (*a->existing_spf != '\0')
			strlist_add(&a->in.existing.txt, a->existing_spf);
	}
	/* Check the answers before asking the network anything. */
	if (plan_build(&a->cat, &a->in, rs, cause) == -1) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (!lookup || a->offline || a->existing_spf != NULL ||
	    rs->note != NULL)
		goto out;
	domain = xstrdup(rs->domain);
	record_set_free(rs);
	if (lookup_existing(servers, nservers, &a->dopts, domain,
	    &a->in.existing, cause) == -1) {
		free(domain);
		rc = EXIT_SYSTEM;
		goto out;
	}
	free(domain);
	if (plan_build(&a->cat, &a->in, rs, cause) == -1) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (a->in.existing.nxdomain)
		record_set_warn(rs, "domain-nxdomain", _("the resolver says "
		    "%s does not exist in DNS; check the spelling, or publish "
		    "the records once the domain is delegated"),
		    rs->domain_display);
out:
	for (i = 0; i < nservers; i++)
		dns_server_free(&servers[i]);
	free(servers);
	return rc;
}

/* The records to expect from an export file. */
int
path_expect(struct path_args *a, const char *file, struct record_set *rs,
    char **cause)
{
	struct record_set plan;
	char *alabel = NULL, *ulabel = NULL, *why = NULL;
	size_t i;
	int rc;

	if (a->in.domain != NULL) {
		if (domain_parse(a->in.domain, &alabel, &ulabel, cause) == -1)
			return EXIT_USAGE;
		free(ulabel);
	}
	if (expect_read_file(file, alabel, rs, &why) == -1) {
		*cause = xasprintf("--expect: %s", why);
		free(why);
		free(alabel);
		return EXIT_USAGE;
	}
	free(alabel);
	if (a->in.feature == NULL && a->in.server == NULL)
		return 0;
	if (a->in.domain == NULL)
		a->in.domain = rs->domain;
	a->offline = a->existing_spf == NULL;
	rc = path_build(a, &plan, 0, cause);
	if (a->in.domain == rs->domain)
		a->in.domain = NULL;
	if (rc != 0) {
		record_set_free(rs);
		return rc;
	}
	for (i = 0; i < plan.spf_mechs.n; i++)
		strlist_add(&rs->spf_mechs, plan.spf_mechs.v[i]);
	record_set_free(&plan);
	return 0;
}

/* The SPF mechanisms the path needs. */
void
path_mechanisms(const struct record_set *rs, struct strlist *out)
{
	size_t i;

	for (i = 0; i < rs->spf_mechs.n; i++)
		strlist_add(out, rs->spf_mechs.v[i]);
}

/*
 * What each command says of an option getopt_long refused and of an
 * argument left after the options. Each text is translated whole: they
 * differ in more than the command's name, and catalog's and the wizard's
 * ("") are whole lines. NULL needs: "option '%s' needs a value".
 */
static const struct cli_opt_texts {
	const char	*cmd;
	const char	*needs;		/* an option without its value */
	const char	*unknown;	/* an option it does not have */
	const char	*extra;		/* an argument after the options */
} cli_opt_texts[] = {
	{ "plan", NULL,
	  N_("unknown option '%s'; see 'mailwiz plan --help'"),
	  N_("unexpected argument '%s'; options start with --, see "
	     "'mailwiz plan --help'") },
	{ "check", NULL,
	  N_("unknown option '%s'; see 'mailwiz check --help'"),
	  N_("unexpected argument '%s'; see 'mailwiz check --help'") },
	{ "watch", NULL,
	  N_("unknown option '%s'; see 'mailwiz watch --help'"),
	  N_("unexpected argument '%s'; see 'mailwiz watch --help'") },
	{ "spf", NULL,
	  N_("unknown option '%s'; see 'mailwiz spf --help'"),
	  N_("unexpected argument '%s'; options start with --, see "
	     "'mailwiz spf --help'") },
	{ "send-test", NULL,
	  N_("unknown option '%s'; see 'mailwiz send-test --help'"),
	  N_("unexpected argument '%s'; see 'mailwiz send-test --help'") },
	/* catalog has no option that takes a value */
	{ "catalog",
	  N_("mailwiz catalog: unknown option '%s'; see 'mailwiz catalog "
	     "--help'\n"),
	  N_("mailwiz catalog: unknown option '%s'; see 'mailwiz catalog "
	     "--help'\n"),
	  N_("mailwiz catalog: unexpected argument '%s'; see 'mailwiz "
	     "catalog --help'\n") },
	{ "",
	  N_("mailwiz: option '%s' needs a value\n"),
	  N_("mailwiz: unknown option '%s'; see 'mailwiz --help'\n"),
	  N_("mailwiz: unknown command '%s'; see 'mailwiz --help'\n") },
};

/* Say what is wrong with a command line getopt_long refused or left
   arguments in. */
char *
cli_opt_error(const char *cmd, int c, int argc, char **argv)
{
	const struct cli_opt_texts *t = NULL;
	const char *needs;
	size_t i;

	for (i = 0; i < nitems(cli_opt_texts) && t == NULL; i++) {
		if (strcmp(cli_opt_texts[i].cmd, cmd) == 0)
			t = &cli_opt_texts[i];
	}
	if (t == NULL)
		fatalx("no option messages for command '%s'", cmd);
	if (c == -1) {
		if (optind >= argc)
			return NULL;
		return xasprintf(_(t->extra), argv[optind]);
	}
	if (c == ':') {
		needs = t->needs != NULL ? _(t->needs) :
		    _("option '%s' needs a value");
		return xasprintf(needs, argv[optind - 1]);
	}
	return xasprintf(_(t->unknown), argv[optind - 1]);
}
