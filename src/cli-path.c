/* cli-path.c - the options that name a sending path, shared by plan,
   check and watch */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli-path.h"
#include "domain.h"
#include "expect.h"
#include "lookup.h"

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

/* Take one option of the path. */
int
path_option(struct path_args *a, int c, const char *arg, char **cause)
{
	unsigned long v;

	switch (c) {
	case 'f':
		a->in.feature = arg;
		return 1;
	case 's':
		a->in.server = arg;
		return 1;
	case 'd':
		a->in.domain = arg;
		return 1;
	case 'p':
		a->in.provider = arg;
		return 1;
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
		a->existing_spf = arg;
		return 1;
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
	size_t nservers = 0, i;
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
		if (file_read(a->dkim_path, &a->dkim_text, NULL, cause) == -1) {
			rc = EXIT_USAGE;
			goto out;
		}
		a->in.dkim_text = a->dkim_text;
		a->in.dkim_source = strcmp(a->dkim_path, "-") == 0 ?
		    _("standard input") : a->dkim_path;
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
