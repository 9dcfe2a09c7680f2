/* cli-path.h - the options that name a sending path, shared by plan,
   check and watch, and what every command says of options it refuses */
#ifndef MAILWIZ_CLI_PATH_H
#define MAILWIZ_CLI_PATH_H

#include <getopt.h>

#include "catalog.h"
#include "dns.h"
#include "plan.h"
#include "record.h"

enum {
	PATH_O_PROVIDER_ID = 256,
	PATH_O_IP,
	PATH_O_DKIM,
	PATH_O_DMARC_RUA,
	PATH_O_EXISTING_SPF,
	PATH_O_OFFLINE,
	PATH_O_RESOLVER,
	PATH_O_TTL,
	PATH_O_DNS_TIMEOUT,
	PATH_O_DNS_TRIES,
	PATH_O_CATALOG,
	PATH_O_LAST
};

#define PATH_SHORTOPTS "f:s:d:p:"
#define PATH_LONGOPTS							\
	{ "feature", required_argument, NULL, 'f' },			\
	{ "server", required_argument, NULL, 's' },			\
	{ "domain", required_argument, NULL, 'd' },			\
	{ "provider", required_argument, NULL, 'p' },			\
	{ "provider-id", required_argument, NULL, PATH_O_PROVIDER_ID }, \
	{ "ip", required_argument, NULL, PATH_O_IP },			\
	{ "dkim", required_argument, NULL, PATH_O_DKIM },		\
	{ "dmarc-rua", required_argument, NULL, PATH_O_DMARC_RUA },	\
	{ "existing-spf", required_argument, NULL, PATH_O_EXISTING_SPF }, \
	{ "offline", no_argument, NULL, PATH_O_OFFLINE },		\
	{ "resolver", required_argument, NULL, PATH_O_RESOLVER },	\
	{ "ttl", required_argument, NULL, PATH_O_TTL },			\
	{ "dns-timeout", required_argument, NULL, PATH_O_DNS_TIMEOUT },	\
	{ "dns-tries", required_argument, NULL, PATH_O_DNS_TRIES },	\
	{ "catalog", required_argument, NULL, PATH_O_CATALOG }

struct path_args {
	struct plan_input in;
	struct strlist resolvers;
	struct dns_options dopts;
	const char *existing_spf;
	int offline;
	const char *dkim_path;
	char *dkim_text;
	const char *catalog_path;
	struct catalog cat;
	int have_cat;
};

void path_args_init(struct path_args *, const char *);
void path_args_free(struct path_args *);
/* Take one option; 1 when it was a path option, 0 when not, -1 with
   *cause when its value is bad. */
int path_option(struct path_args *, int, const char *, char **);
/*
 * Check the options together, load the catalog, read the pasted DKIM and
 * build the record set, looking up the current records unless told not to.
 * Returns 0, or EXIT_USAGE / EXIT_SYSTEM with *cause (the catalog error is
 * printed already when *cause is NULL).
 */
int path_build(struct path_args *, struct record_set *, int, char **);
/* The records to expect from an export file (--expect): the domain is
   --domain's when given, else the file's; the SPF mechanisms come from
   the path when --feature and --server are given too. Returns 0, or
   EXIT_USAGE with *cause. */
int path_expect(struct path_args *, const char *, struct record_set *,
    char **);
/* The SPF mechanisms the path needs (for evaluating SPF). */
void path_mechanisms(const struct record_set *, struct strlist *);

/*
 * What command CMD ("plan", "check", ..., "" for the wizard) says of its
 * command line, given what getopt_long returned: ':' or '?' for an option
 * it refused (argv[optind - 1]), -1 once it is done for an argument left
 * over (argv[optind]; NULL when there is none). The message is malloc'd;
 * catalog's and the wizard's are whole lines to print as they are, the
 * others follow "mailwiz CMD: ".
 */
char *cli_opt_error(const char *, int, int, char **);

#endif
