/* test-catalog.c - loading, checking and showing data/catalog.xml */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlerror.h>

#include "catalog.h"
#include "tap.h"

#define SEED_URL "https://docs.zuora.com/en/zuora-platform/extensibility/" \
	"events-and-notifications/configure-email-settings/email-" \
	"deliverability-configuration-for-email-notifications-and-workflow"
#define IPS_URL "https://docs.zuora.com/en/basics/environments/zuora-data-" \
	"centers/inbound-and-outbound-ip-addresses/outbound-ip-addresses-" \
	"from-zuora"
#define ZUORA_DOCS "https://docs.zuora.com/en/zuora-platform/" \
	"extensibility/events-and-notifications/configure-email-settings/"

static const char *top;
static char *tmpdir;
static struct strlist tmpfiles;
static struct strlist tmpdirs;

/* A path in the test's own directory, removed at the end. */
static char *
tmp_path(const char *name)
{
	char *p = xasprintf("%s/%s", tmpdir, name);

	strlist_add(&tmpfiles, p);
	return p;
}

/* A directory in the test's own directory, removed at the end. */
static char *
tmp_dir(const char *name)
{
	char *p = xasprintf("%s/%s", tmpdir, name);

	if (mkdir(p, 0755) == -1 && errno != EEXIST) {
		printf("Bail out! cannot make %s: %s\n", p, strerror(errno));
		exit(1);
	}
	strlist_add(&tmpdirs, p);
	return p;
}

/* Write a file or stop the test. */
static void
write_file(const char *path, const char *data, size_t len, int mode)
{
	char *cause;

	if (file_write_atomic(path, data, len, mode, &cause) == -1) {
		printf("Bail out! %s\n", cause);
		exit(1);
	}
}

/* Read a file or stop the test. */
static char *
read_file(const char *path, size_t *len)
{
	char *data, *cause;

	if (file_read(path, &data, len, &cause) == -1) {
		printf("Bail out! %s\n", cause);
		exit(1);
	}
	return data;
}

/* Copy a file or stop the test. */
static void
copy_file(const char *from, const char *to, int mode)
{
	size_t len;
	char *data = read_file(from, &len);

	write_file(to, data, len, mode);
	free(data);
}

/* Tell whether a string starts with a prefix. */
static int
starts(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Count the occurrences of a piece in a string. */
static int
count_of(const char *s, const char *piece)
{
	int n = 0;

	while ((s = strstr(s, piece)) != NULL) {
		n++;
		s += strlen(piece);
	}
	return n;
}

/* A small JSON checker, strict enough to catch bad escaping. */
static const char *json_value(const char *, int);

/* Skip JSON white space. */
static const char *
json_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

/* The end of a JSON string starting at p, or NULL. */
static const char *
json_string_end(const char *p)
{
	int i;

	if (*p != '"')
		return NULL;
	for (p++; *p != '"'; p++) {
		if (*p == '\0' || (unsigned char)*p < 0x20)
			return NULL;
		if (*p != '\\')
			continue;
		p++;
		if (*p == 'u') {
			for (i = 1; i <= 4; i++) {
				if (strchr("0123456789abcdefABCDEF", p[i]) ==
				    NULL || p[i] == '\0')
					return NULL;
			}
			p += 4;
		} else if (*p == '\0' || strchr("\"\\/bfnrt", *p) == NULL)
			return NULL;
	}
	return p + 1;
}

/* The end of the members of an object or the items of an array. */
static const char *
json_members(const char *p, int depth, char close, int keys)
{
	p = json_ws(p);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (keys) {
			p = json_string_end(json_ws(p));
			if (p == NULL)
				return NULL;
			p = json_ws(p);
			if (*p++ != ':')
				return NULL;
		}
		p = json_value(p, depth + 1);
		if (p == NULL)
			return NULL;
		p = json_ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

/* The end of a JSON value starting at p, or NULL. */
static const char *
json_value(const char *p, int depth)
{
	p = json_ws(p);
	if (depth > 32)
		return NULL;
	if (*p == '{')
		return json_members(p + 1, depth, '}', 1);
	if (*p == '[')
		return json_members(p + 1, depth, ']', 0);
	if (*p == '"')
		return json_string_end(p);
	if (strncmp(p, "true", 4) == 0 || strncmp(p, "null", 4) == 0)
		return p + 4;
	if (strncmp(p, "false", 5) == 0)
		return p + 5;
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return NULL;
	while (*p >= '0' && *p <= '9')
		p++;
	return p;
}

/* Tell whether a string is one JSON value. */
static int
json_valid(const char *s)
{
	const char *p = json_value(s, 0);

	return p != NULL && *json_ws(p) == '\0';
}

/* The JSON checker must reject what it should, or it proves nothing. */
static void
test_json_checker(void)
{
	ok(json_valid("{\"a\": [1, true, null, \"x\\n\\u0001\"]}"),
	    "json checker: accepts a good document");
	ok(!json_valid("{\"a\": }"), "json checker: rejects a missing value");
	ok(!json_valid("[1, ]"), "json checker: rejects a trailing comma");
	ok(!json_valid("\"a\nb\""), "json checker: rejects a raw newline");
	ok(!json_valid("\"a\\qb\""), "json checker: rejects a bad escape");
	ok(!json_valid("{\"a\": 1} x"), "json checker: rejects trailing text");
	ok(!json_valid("{\"a\" 1}"), "json checker: rejects a missing colon");
}

/* What the catalog must say about each server type. */
static const struct {
	const char *feature;
	const char *id;
	const char *title;
	const char *spf;
	const char *spf_default;
	int dkim_count;
	const char *dkim_from;
	int dmarc_via_dkim;
	int needs_provider;
	int nothing;
	const char *source;	/* the first source page */
	const char *help;	/* a piece the help must hold */
} servers[] = {
	{ "notification", "advanced-smtp", "Advanced SMTP (Amazon SES)",
	  "include:amazonses.com", "v=spf1 mx include:amazonses.com ~all",
	  3, "zuora-support", 1, 0, 0, ZUORA_DOCS "configure-advanced-smtp-"
	  "server/verify-a-domain-identity", "Zuora Global Support" },
	{ "notification", "external-smtp", "External SMTP server", NULL, NULL,
	  0, "provider", 0, 1, 0, ZUORA_DOCS "configure-external-smtp-server",
	  "Test Connection And Save" },
	{ "notification", "zuora-default", "Zuora default email server",
	  "a:zgateway.zuora.com", "v=spf1 mx a:zgateway.zuora.com -all",
	  0, "none", 0, 0, 0, SEED_URL, "MX Toolbox" },
	{ "workflow", "ses-default", "Amazon SES with the default From "
	  "address (workflow@zuora.com)", NULL, NULL, 0, "none", 0, 0, 1,
	  SEED_URL, "workflow@zuora.com" },
	{ "workflow", "ses", "Amazon SES with a From address of your own "
	  "domain", "include:amazonses.com",
	  "v=spf1 mx include:amazonses.com ~all", 3, "zuora-support", 1, 0, 0,
	  SEED_URL, "72 hours" },
	{ "workflow", "external-smtp", "External SMTP server", NULL, NULL, 0,
	  "provider", 0, 1, 0, SEED_URL, "provider" },
};

/* What the catalog must say about each provider preset. */
static const struct {
	const char *id;
	const char *name;
	const char *spf;
	int spf_optional;
	int verified;
	int custom;
	int dkim_paste;
	const char *dkim_host;
	size_t nparams;
	size_t ntemplates;
	const char *source;
} providers[] = {
	{ "sendgrid", "SendGrid (automated security on)", NULL, 0, 1, 0, 0,
	  NULL, 3, 3, "https://www.twilio.com/docs/sendgrid/ui/account-and-"
	  "settings/how-to-set-up-domain-authentication" },
	{ "sendgrid-manual", "SendGrid (automated security off)",
	  "include:sendgrid.net", 0, 1, 0, 1, "m1._domainkey", 0, 0,
	  "https://www.twilio.com/docs/sendgrid/ui/sending-email/verify-"
	  "sender-with-spf" },
	{ "mailgun", "Mailgun", "include:mailgun.org", 0, 1, 0, 1, NULL, 0, 1,
	  "https://documentation.mailgun.com/docs/mailgun/user-manual/"
	  "domains/domains-verify" },
	{ "postmark", "Postmark", "include:spf.mtasv.net", 1, 1, 0, 1, NULL,
	  0, 1, "https://postmarkapp.com/support/article/1113-how-do-i-"
	  "manage-domains-using-the-api" },
	{ "sparkpost", "SparkPost (US)", "include:_spf.sparkpostmail.com", 0,
	  1, 0, 1, NULL, 0, 0,
	  "https://developers.sparkpost.com/api/sending-domains/" },
	{ "sparkpost-eu", "SparkPost EU", "include:_spf.eu.sparkpostmail.com",
	  0, 1, 0, 1, NULL, 0, 0,
	  "https://developers.sparkpost.com/api/sending-domains/" },
	{ "mailchimp", "Mailchimp Transactional (Mandrill)",
	  "include:spf.mandrillapp.com", 0, 1, 0, 0, NULL, 0, 2,
	  "https://mailchimp.com/developer/transactional/docs/"
	  "authentication-delivery/" },
	{ "microsoft365", "Microsoft 365",
	  "include:spf.protection.outlook.com", 0, 0, 0, 0, NULL, 1, 2,
	  "https://learn.microsoft.com/en-us/defender-office-365/"
	  "email-authentication-dkim-configure" },
	{ "google", "Google Workspace", "include:_spf.google.com", 0, 0, 0, 1,
	  "google._domainkey", 0, 0, "https://mxio.io/providers/"
	  "google-workspace" },
	{ "custom", "Your own mail server", NULL, 0, 1, 1, 1, NULL, 0, 0,
	  ZUORA_DOCS "configure-external-smtp-server" },
};

/* The records a provider always wants, exactly. */
static const struct {
	const char *provider;
	const char *host;
	const char *type;
	const char *value;
	const char *purpose;
} templates[] = {
	{ "sendgrid", "em{em}", "CNAME", "u{user}.wl{wl}.sendgrid.net.",
	  "bounce" },
	{ "sendgrid", "s1._domainkey", "CNAME",
	  "s1.domainkey.u{user}.wl{wl}.sendgrid.net.", "dkim" },
	{ "sendgrid", "s2._domainkey", "CNAME",
	  "s2.domainkey.u{user}.wl{wl}.sendgrid.net.", "dkim" },
	{ "mailgun", "email", "CNAME", "mailgun.org.", "tracking" },
	{ "postmark", "pm-bounces", "CNAME", "pm.mtasv.net.", "bounce" },
	{ "mailchimp", "mte1._domainkey", "CNAME", "dkim1.mandrillapp.com.",
	  "dkim" },
	{ "mailchimp", "mte2._domainkey", "CNAME", "dkim2.mandrillapp.com.",
	  "dkim" },
	{ "microsoft365", "selector1._domainkey", "CNAME",
	  "selector1-{domain-dashed}._domainkey.{tenant}.onmicrosoft.com.",
	  "dkim" },
	{ "microsoft365", "selector2._domainkey", "CNAME",
	  "selector2-{domain-dashed}._domainkey.{tenant}.onmicrosoft.com.",
	  "dkim" },
};

/* Check the features. */
static void
test_features(const struct catalog *cat)
{
	const struct catalog_feature *f;

	is_int(cat->nfeatures, 2, "two features");
	f = catalog_feature(cat, "notification");
	ok(f != NULL, "feature notification exists");
	if (f != NULL) {
		is(f->title, "Email Notification", "notification: title");
		like(f->help, "Advanced SMTP", "notification: help names the "
		    "server types");
		ok(strchr(f->help, '\n') == NULL && strstr(f->help, "  ") ==
		    NULL, "notification: help is one paragraph");
		is(f->source, SEED_URL, "notification: source is the seed");
		is_int(f->sources.n, 1, "notification: one source");
	}
	f = catalog_feature(cat, "workflow");
	ok(f != NULL, "feature workflow exists");
	if (f != NULL) {
		is(f->title, "Workflow", "workflow: title");
		like(f->help, "workflow@zuora.com", "workflow: help names the "
		    "default From address");
		is(f->source, SEED_URL, "workflow: source is the seed");
	}
}

/* Check every server type against the table. */
static void
test_servers(const struct catalog *cat)
{
	const struct catalog_server *s;
	size_t i;

	is_int(cat->nservers, nitems(servers), "%zu server types",
	    nitems(servers));
	for (i = 0; i < nitems(servers); i++) {
		s = catalog_server(cat, servers[i].feature, servers[i].id);
		if (!ok(s != NULL, "server %s/%s exists", servers[i].feature,
		    servers[i].id))
			continue;
		is(s->feature, servers[i].feature, "%s: feature", s->id);
		is(s->title, servers[i].title, "%s: title", s->id);
		is(s->spf, servers[i].spf, "%s: spf", s->id);
		is(s->spf_default, servers[i].spf_default, "%s: spf-default",
		    s->id);
		is_int(s->dkim_count, servers[i].dkim_count, "%s: dkim-count",
		    s->id);
		is(s->dkim_from, servers[i].dkim_from, "%s: dkim-from", s->id);
		is_int(s->dmarc_via_dkim, servers[i].dmarc_via_dkim,
		    "%s: dmarc-via-dkim", s->id);
		is_int(s->needs_provider, servers[i].needs_provider,
		    "%s: needs-provider", s->id);
		is_int(s->nothing, servers[i].nothing, "%s: nothing", s->id);
		ok((s->nothing_why != NULL) == s->nothing,
		    "%s: nothing-why exactly when nothing", s->id);
		is(s->source, servers[i].source, "%s: source", s->id);
		ok(s->sources.n > 0 && strcmp(s->sources.v[0], s->source) == 0,
		    "%s: source is the first of the sources", s->id);
		like(s->help, servers[i].help, "%s: help", s->id);
	}
	s = catalog_server(cat, "notification", "advanced-smtp");
	if (s != NULL) {
		like(s->help, "domain identity", "advanced-smtp: help says "
		    "where the CNAMEs come from");
		like(s->help, "six CNAME", "advanced-smtp: help counts the "
		    "CNAMEs of all environments");
		is_int(s->sources.n, 3, "advanced-smtp: three sources");
	}
	s = catalog_server(cat, "notification", "zuora-default");
	if (s != NULL) {
		like(s->help, "v=spf1 mx a:zgateway.zuora.com -all",
		    "zuora-default: help quotes the seed's example");
		like(s->help, "not confirmed", "zuora-default: help says "
		    "the zgateway SPF is unverified");
		is(s->sources.v[1], IPS_URL, "zuora-default: the outbound "
		    "addresses page is a source");
	}
	s = catalog_server(cat, "workflow", "ses-default");
	if (s != NULL && s->nothing_why != NULL)
		like(s->nothing_why, "validated", "ses-default: nothing-why "
		    "says Zuora validated the address");
	s = catalog_server(cat, "workflow", "ses");
	if (s != NULL)
		like(s->help, "three", "ses: three CNAMEs from support");
}

/* Find a template of a provider by host. */
static const struct catalog_template *
find_template(const struct catalog_provider *p, const char *host)
{
	size_t i;

	for (i = 0; i < p->ntemplates; i++) {
		if (strcmp(p->templates[i].host, host) == 0)
			return &p->templates[i];
	}
	return NULL;
}

/* Tell whether every {placeholder} of s is a parameter or built-in. */
static int
placeholders_declared(const struct catalog_provider *p, const char *s)
{
	const char *open, *close;
	size_t i, n;
	int known;

	for (open = strchr(s, '{'); open != NULL; open = strchr(close, '{')) {
		close = strchr(open, '}');
		if (close == NULL)
			return 0;
		n = (size_t)(close - open - 1);
		known = (n == 6 && strncmp(open + 1, "domain", n) == 0) ||
		    (n == 13 && strncmp(open + 1, "domain-dashed", n) == 0);
		for (i = 0; i < p->nparams; i++) {
			if (strlen(p->params[i].name) == n &&
			    strncmp(open + 1, p->params[i].name, n) == 0)
				known = 1;
		}
		if (!known)
			return 0;
	}
	return 1;
}

/* Check every provider preset against the tables. */
static void
test_providers(const struct catalog *cat)
{
	const struct catalog_provider *p;
	const struct catalog_template *t;
	size_t i, j;
	int declared;

	is_int(cat->nproviders, nitems(providers), "%zu providers",
	    nitems(providers));
	for (i = 0; i < nitems(providers); i++) {
		p = catalog_provider(cat, providers[i].id);
		if (!ok(p != NULL, "provider %s exists", providers[i].id))
			continue;
		is(p->name, providers[i].name, "%s: name", p->id);
		is(p->spf, providers[i].spf, "%s: spf", p->id);
		is_int(p->spf_optional, providers[i].spf_optional,
		    "%s: spf-optional", p->id);
		is_int(p->verified, providers[i].verified, "%s: verified",
		    p->id);
		is_int(p->custom, providers[i].custom, "%s: custom", p->id);
		is_int(p->dkim_paste, providers[i].dkim_paste,
		    "%s: dkim-paste", p->id);
		is(p->dkim_host, providers[i].dkim_host, "%s: dkim-host",
		    p->id);
		is_int(p->nparams, providers[i].nparams, "%s: parameters",
		    p->id);
		is_int(p->ntemplates, providers[i].ntemplates, "%s: templates",
		    p->id);
		is(p->source, providers[i].source, "%s: source", p->id);
		ok(strlen(p->help) > 80, "%s: help says what to look up",
		    p->id);
		declared = 1;
		for (j = 0; j < p->ntemplates; j++) {
			if (!placeholders_declared(p, p->templates[j].host) ||
			    !placeholders_declared(p, p->templates[j].value))
				declared = 0;
		}
		ok(declared, "%s: every placeholder is declared", p->id);
		for (j = 0; j < p->nparams; j++) {
			ok(p->params[j].help != NULL &&
			    p->params[j].example != NULL &&
			    *p->params[j].example != '\0',
			    "%s: parameter %s has help and example", p->id,
			    p->params[j].name);
		}
	}
	for (i = 0; i < nitems(templates); i++) {
		p = catalog_provider(cat, templates[i].provider);
		t = p != NULL ? find_template(p, templates[i].host) : NULL;
		if (!ok(t != NULL, "%s: template %s exists",
		    templates[i].provider, templates[i].host))
			continue;
		is(t->type, templates[i].type, "%s %s: type",
		    templates[i].provider, t->host);
		is(t->value, templates[i].value, "%s %s: value",
		    templates[i].provider, t->host);
		is(t->purpose, templates[i].purpose, "%s %s: purpose",
		    templates[i].provider, t->host);
		ok(t->why != NULL && *t->why != '\0', "%s %s: says why",
		    templates[i].provider, t->host);
	}
	p = catalog_provider(cat, "sendgrid");
	if (p != NULL && p->nparams == 3) {
		is(p->params[0].name, "em", "sendgrid: first parameter em");
		like(p->params[0].help, "after \"em\"", "sendgrid: em help");
		is(p->params[1].name, "user", "sendgrid: second parameter "
		    "user");
		like(p->params[1].help, "after \"u\"", "sendgrid: user help");
		is(p->params[2].name, "wl", "sendgrid: third parameter wl");
		is(p->params[0].example, "1234", "sendgrid: em example");
	}
	p = catalog_provider(cat, "microsoft365");
	if (p != NULL && p->nparams == 1) {
		is(p->params[0].name, "tenant", "microsoft365: parameter "
		    "tenant");
		like(p->params[0].help, ".onmicrosoft.com",
		    "microsoft365: tenant help");
	}
	p = catalog_provider(cat, "custom");
	if (p != NULL)
		like(p->help, "--ip", "custom: help names --ip");
}

/* Check Zuora's outbound addresses. */
static void
test_ips(const struct catalog *cat)
{
	const struct catalog_ipset *set;
	size_t i, prod = 0, prod_since = 0, api = 0, central = 0;
	int others_complete = 1, found_first = 0, found_last = 0;

	is(cat->ips_source, IPS_URL, "ips: source page");
	is(cat->ips_date, "2025-12-24", "ips: date read");
	like(cat->ips_note, "other data centres are not included",
	    "ips: note says other data centres are missing");
	like(cat->ips_note, "cut off", "ips: note says Central Sandbox was "
	    "cut off");
	like(cat->ips_note, "change without advance notice",
	    "ips: note says the addresses change");
	like(cat->ips_note, "confirm them on the source page",
	    "ips: note says where to confirm");
	is_int(cat->nipsets, 5, "ips: five sets");
	for (i = 0; i < cat->nipsets; i++) {
		set = &cat->ipsets[i];
		ok(strcmp(set->datacenter, "US Cloud 1") == 0,
		    "ips: set %zu is US Cloud 1", i);
		if (strcmp(set->environment, "Production") == 0) {
			prod += set->addresses.n;
			if (set->since != NULL) {
				prod_since += set->addresses.n;
				is(set->since, "2024-03-10", "ips: production "
				    "additions date");
			}
			if (strcmp(set->addresses.v[0], "34.208.232.20") == 0)
				found_first = 1;
		} else if (strcmp(set->environment, "API Sandbox") == 0)
			api += set->addresses.n;
		else if (strcmp(set->environment, "Central Sandbox") == 0) {
			central += set->addresses.n;
			is_int(set->complete, 0, "ips: Central Sandbox is "
			    "marked incomplete");
			if (strcmp(set->addresses.v[set->addresses.n - 1],
			    "100.21.181.225") == 0)
				found_last = 1;
			continue;
		}
		if (!set->complete)
			others_complete = 0;
	}
	is_int(prod, 14, "ips: 14 Production addresses");
	is_int(prod_since, 5, "ips: 5 of them added from 2024-03-10");
	is_int(api, 14, "ips: 14 API Sandbox addresses");
	is_int(central, 16, "ips: 16 Central Sandbox addresses");
	ok(others_complete, "ips: the other sets are complete");
	ok(found_first, "ips: Production starts with 34.208.232.20");
	ok(found_last, "ips: Central Sandbox ends with 100.21.181.225");
}

/* Tell whether a text reads the same in XML as loaded: xgettext keeps
   &lt; and friends in the msgids it extracts, so such a text would never
   be found in a translation. */
static int
text_plain(const char *s, char **bad)
{
	if (s != NULL && strpbrk(s, "<>&") != NULL && *bad == NULL)
		*bad = xstrdup(s);
	return *bad == NULL;
}

/* Check that every translatable text is plain and one paragraph. */
static void
test_translatable(const struct catalog *cat)
{
	const struct catalog_provider *p;
	char *bad = NULL;
	size_t i, j;

	for (i = 0; i < cat->nfeatures; i++) {
		text_plain(cat->features[i].title, &bad);
		text_plain(cat->features[i].help, &bad);
	}
	for (i = 0; i < cat->nservers; i++) {
		text_plain(cat->servers[i].title, &bad);
		text_plain(cat->servers[i].help, &bad);
		text_plain(cat->servers[i].nothing_why, &bad);
	}
	for (i = 0; i < cat->nproviders; i++) {
		p = &cat->providers[i];
		text_plain(p->name, &bad);
		text_plain(p->help, &bad);
		for (j = 0; j < p->nparams; j++)
			text_plain(p->params[j].help, &bad);
		for (j = 0; j < p->ntemplates; j++)
			text_plain(p->templates[j].why, &bad);
	}
	ok(text_plain(cat->ips_note, &bad), "texts hold no <, > or &, so "
	    "xgettext extracts them as they are looked up");
	if (bad != NULL)
		printf("#   text: '%s'\n", bad);
	free(bad);
}

/* Check the look-up functions. */
static void
test_lookup(const struct catalog *cat)
{
	const struct catalog_server *a, *b;

	a = catalog_server(cat, "notification", "external-smtp");
	b = catalog_server(cat, "workflow", "external-smtp");
	ok(a != NULL && b != NULL && a != b, "external-smtp exists once per "
	    "feature");
	ok(catalog_server(cat, "workflow", "advanced-smtp") == NULL,
	    "advanced-smtp is not a workflow server");
	ok(catalog_server(cat, "billing", "ses") == NULL, "unknown feature: "
	    "no server");
	ok(catalog_server(cat, NULL, "ses") == NULL &&
	    catalog_server(cat, "workflow", NULL) == NULL,
	    "NULL ids find no server");
	ok(catalog_feature(cat, "billing") == NULL &&
	    catalog_feature(cat, NULL) == NULL, "unknown feature not found");
	ok(catalog_provider(cat, "sendmail") == NULL &&
	    catalog_provider(cat, NULL) == NULL, "unknown provider not found");
}

/* The section of the text that starts at a piece, up to a blank line. */
static char *
text_section(const char *text, const char *start)
{
	const char *s = strstr(text, start), *e;

	if (s == NULL)
		return xstrdup("");
	e = strstr(s, "\n\n");
	return xstrndup(s, e != NULL ? (size_t)(e - s) : strlen(s));
}

/* Tell whether every line fits in 79 columns, or is one long word. */
static int
text_fits(const char *text, char **bad)
{
	const char *line = text, *end, *p;
	size_t cols;

	for (; *line != '\0'; line = end + 1) {
		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		for (cols = 0, p = line; p < end; p++) {
			if (((unsigned char)*p & 0xc0) != 0x80)
				cols++;
		}
		p = line + strspn(line, " ");
		if ((end > line && end[-1] == ' ') || (cols > 79 &&
		    memchr(p, ' ', (size_t)(end - p)) != NULL)) {
			*bad = xstrndup(line, (size_t)(end - line));
			return 0;
		}
		if (*end == '\0')
			break;
	}
	*bad = NULL;
	return 1;
}

/* Check the text for people. */
static void
test_text(const struct catalog *cat)
{
	char *text, *section, *bad;
	size_t i, j;

	text = catalog_text(cat);
	ok(text != NULL && text[strlen(text) - 1] == '\n', "text: ends with "
	    "a newline");
	ok(text_fits(text, &bad), "text: fits 80 columns, no trailing "
	    "space");
	if (bad != NULL)
		printf("#   line: '%s'\n", bad);
	free(bad);
	for (i = 0; i < cat->nfeatures; i++)
		like(text, cat->features[i].title, "text: feature %s",
		    cat->features[i].id);
	for (i = 0; i < cat->nservers; i++) {
		like(text, cat->servers[i].title, "text: server %s",
		    cat->servers[i].id);
		if (cat->servers[i].spf != NULL)
			like(text, cat->servers[i].spf, "text: SPF of %s",
			    cat->servers[i].id);
	}
	like(text, "v=spf1 mx a:zgateway.zuora.com -all", "text: Zuora's SPF "
	    "example");
	like(text, "DKIM: 3 CNAME records from Zuora", "text: DKIM CNAMEs "
	    "from Zuora");
	like(text, "DMARC: passes through the DKIM records only",
	    "text: DMARC note for SES");
	like(text, "Nothing to publish: Zuora has validated",
	    "text: ses-default has nothing to publish");
	for (i = 0; i < cat->nproviders; i++) {
		const struct catalog_provider *p = &cat->providers[i];
		char *head = xasprintf("%s [%s]", p->name, p->id);

		like(text, head, "text: provider %s", p->id);
		section = text_section(text, head);
		if (p->spf != NULL)
			like(section, p->spf, "text: SPF of %s", p->id);
		for (j = 0; j < p->ntemplates; j++)
			like(section, p->templates[j].host, "text: record %s "
			    "of %s", p->templates[j].host, p->id);
		ok((strstr(section, "Check with your provider") != NULL) ==
		    !p->verified, "text: %s says check with your provider "
		    "exactly when unverified", p->id);
		like(section, p->source, "text: source of %s", p->id);
		free(section);
		free(head);
	}
	like(text, "add include:spf.mtasv.net (optional)", "text: optional "
	    "SPF of postmark");
	like(text, "{tenant}", "text: microsoft365 asks for the tenant");
	like(text, IPS_URL, "text: source of the addresses");
	like(text, "Read on: 2025-12-24", "text: date of the addresses");
	like(text, "US Cloud 1, Production, added from 2024-03-10:",
	    "text: additions are dated");
	like(text, "US Cloud 1, Central Sandbox (list incomplete):",
	    "text: Central Sandbox is marked incomplete");
	for (i = 0; i < cat->nipsets; i++) {
		const struct strlist *a = &cat->ipsets[i].addresses;

		for (j = 0; j < a->n; j++) {
			if (strstr(text, a->v[j]) == NULL)
				break;
		}
		ok(j == a->n, "text: every address of set %zu", i);
	}
	free(text);
}

/* Check the JSON form. */
static void
test_json(const struct catalog *cat)
{
	char *json;

	json = catalog_json(cat);
	ok(json_valid(json), "json: parses");
	is_int(count_of(json, "\"servers\": ["), 2, "json: servers nested "
	    "in both features");
	like(json, "\"spf_default\": \"v=spf1 mx a:zgateway.zuora.com -all\"",
	    "json: zuora-default SPF");
	like(json, "\"dkim_count\": 3", "json: DKIM count");
	like(json, "\"nothing\": true", "json: ses-default nothing");
	is_int(count_of(json, "\"verified\": false"), 2, "json: two "
	    "unverified providers");
	like(json, "\\\"Test Connection And Save\\\"", "json: quotes escaped");
	like(json, "\"value\": \"selector1-{domain-dashed}._domainkey."
	    "{tenant}.onmicrosoft.com.\"", "json: templates");
	like(json, "\"name\": \"tenant\"", "json: params");
	like(json, "\"date\": \"2025-12-24\"", "json: date of addresses");
	like(json, "\"since\": \"2024-03-10\"", "json: additions dated");
	like(json, "\"complete\": false", "json: incomplete set");
	like(json, "\"source\": \"" IPS_URL "\"", "json: source of "
	    "addresses");
	like(json, "\"note\": \"Only the US Cloud 1", "json: note");
	is_int(count_of(json, "\"34.208.232.20\""), 1, "json: an address");
	free(json);
}

/* Build a small catalog by hand, with strings that need escaping. */
static void
test_json_escaping(void)
{
	struct catalog cat;
	struct catalog_server *s;
	struct catalog_provider *p;
	char *json, *text;

	memset(&cat, 0, sizeof cat);
	cat.path = xstrdup("/tmp/odd \"name\".xml");
	cat.features = xcalloc(1, sizeof *cat.features);
	cat.nfeatures = 1;
	cat.features[0].id = xstrdup("f");
	cat.features[0].title = xstrdup("Quote \" back\\slash");
	cat.features[0].help = xstrdup("tab\there, line\nbreak, bell\a, "
	    "del\x7f, caf\xc3\xa9");
	cat.features[0].source = xstrdup("https://example.com/");
	strlist_add(&cat.features[0].sources, "https://example.com/");
	cat.servers = xcalloc(1, sizeof *cat.servers);
	cat.nservers = 1;
	s = &cat.servers[0];
	s->feature = xstrdup("f");
	s->id = xstrdup("s");
	s->title = xstrdup("S");
	s->help = xstrdup("H");
	s->dkim_from = xstrdup("none");
	cat.providers = xcalloc(1, sizeof *cat.providers);
	cat.nproviders = 1;
	p = &cat.providers[0];
	p->id = xstrdup("p");
	p->name = xstrdup("P");
	p->help = xstrdup("H");
	p->custom = 1;

	json = catalog_json(&cat);
	ok(json_valid(json), "escaping: JSON parses");
	like(json, "\"title\": \"Quote \\\" back\\\\slash\"",
	    "escaping: quote and backslash");
	like(json, "tab\\there, line\\nbreak, bell\\u0007, del\\u007f, "
	    "caf\xc3\xa9", "escaping: controls escaped, UTF-8 kept");
	like(json, "\"spf\": null", "escaping: absent values are null");
	like(json, "\"path\": \"/tmp/odd \\\"name\\\".xml\"",
	    "escaping: path");
	like(json, "\"sets\": []", "escaping: empty arrays");
	text = catalog_text(&cat);
	like(text, "Quote \" back\\slash [f]", "text of a hand-made catalog");
	like(text, "SPF: built from the addresses", "text: custom provider");
	free(text);
	free(json);
	catalog_free(&cat);
	ok(cat.features == NULL && cat.nfeatures == 0 && cat.path == NULL,
	    "catalog_free leaves an empty catalog");
}

/* What each broken catalog must be blamed for. */
static const struct {
	const char *file;
	int line;
	const char *fragment;
} bad[] = {
	{ "bad-address.xml", 39, "'34.208.232.300' is not an IP address" },
	{ "bad-boolean.xml", 15, "<server>: Invalid attribute "
	  "needs-provider" },
	{ "bad-record-type.xml", 30, "<template>: Element template failed to "
	  "validate attributes" },
	{ "bad-url.xml", 25, "<source>: Element source failed to validate "
	  "attributes" },
	{ "blank-title.xml", 16, "<title>: Error validating datatype" },
	{ "blank.xml", 4, "Start tag expected" },
	{ "builtin-param.xml", 26, "parameter 'domain' hides the built-in "
	  "placeholder {domain}" },
	{ "dkim-count-range.xml", 15, "Invalid attribute dkim-count" },
	{ "dkim-from-mismatch.xml", 15, "dkim-count=\"3\" needs a dkim-from "
	  "other than \"none\"" },
	{ "doctype.xml", 3, "document type declaration (<!DOCTYPE>) is not "
	  "allowed" },
	{ "duplicate-address.xml", 40, "duplicate address '34.208.232.20'" },
	{ "duplicate-id.xml", 10, "duplicate feature 'notification'" },
	{ "duplicate-param.xml", 29, "duplicate parameter 'user' in provider "
	  "'sendgrid'" },
	{ "duplicate-server.xml", 21, "duplicate server 'zuora-default' in "
	  "feature 'notification'" },
	{ "empty.xml", 1, "the file is empty" },
	{ "malformed-spf.xml", 22, "SPF mechanism 'inclde:sendgrid.net' is "
	  "malformed" },
	{ "missing-attribute.xml", 22, "<provider>: Element provider failed "
	  "to validate attributes: an attribute is missing" },
	{ "not-well-formed.xml", 6, "Opening and ending tag mismatch: title "
	  "line 6 and titel" },
	{ "nothing-without-why.xml", 13, "nothing=\"yes\" needs a "
	  "<nothing-why>" },
	{ "spf-default-bad-term.xml", 15, "has a malformed term 'allow-all'" },
	{ "spf-default-without-mechanism.xml", 15, "does not hold the "
	  "server's mechanism 'a:zgateway.zuora.com'" },
	{ "stray-brace.xml", 30, "stray '}' in template "
	  "'s1.domainkey.u{user}}.wl.sendgrid.net.'" },
	{ "truncated.xml", 21, "Premature end of data" },
	{ "unclosed-placeholder.xml", 30, "unclosed '{' in template "
	  "'s1.domainkey.u{user.wl.sendgrid.net.'" },
	{ "undeclared-placeholder.xml", 30, "placeholder {wl} in template "
	  "'s1.domainkey.u{user}.wl{wl}.sendgrid.net.' is not a parameter of "
	  "provider 'sendgrid'" },
	{ "unknown-element.xml", 18, "<colour>: Did not expect element "
	  "colour there" },
	{ "unknown-feature.xml", 15, "server 'zuora-default' belongs to "
	  "unknown feature 'billing'" },
	{ "unused-param.xml", 22, "parameter 'wl' of provider 'sendgrid' is "
	  "used by no template" },
	{ "wrong-root.xml", 3, "<catalogue>: Expecting element catalog, got "
	  "catalogue" },
};

/* Load a catalog that must fail; return the cause (or NULL). */
static char *
load_fails(const char *path)
{
	struct catalog cat;
	char *cause = NULL;

	memset(&cat, 0xa5, sizeof cat);
	if (catalog_load(path, &cat, &cause) == 0) {
		catalog_free(&cat);
		return NULL;
	}
	ok(cat.nfeatures == 0 && cat.features == NULL && cat.nproviders == 0 &&
	    cat.path == NULL, "%s: a failed load leaves an empty catalog",
	    path);
	return cause;
}

/* A structured error handler the loader must put back untouched. */
static int handler_calls;

/* Count calls of the test's own libxml2 error handler. */
static void
test_handler(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
	handler_calls++;
}

/* Every broken catalog fails with the right file:line and message. */
static void
test_bad(void)
{
	char *dir, *rng, *from, *to, *cause, *prefix, *errfile, *errout;
	struct dirent *de;
	DIR *d;
	size_t i, n = 0, len;
	int saved, fd, listed, marker;

	dir = xasprintf("%s/tests/data/bad-catalog", top);
	rng = xasprintf("%s/data/catalog.rng", top);
	to = tmp_path("catalog.rng");
	copy_file(rng, to, 0644);
	free(to);

	d = opendir(dir);
	ok(d != NULL, "%s can be read", dir);
	while (d != NULL && (de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 4 || strcmp(de->d_name + len - 4, ".xml") != 0)
			continue;
		n++;
		listed = 0;
		for (i = 0; i < nitems(bad); i++) {
			if (strcmp(bad[i].file, de->d_name) == 0)
				listed = 1;
		}
		ok(listed, "%s has an expected error in this test",
		    de->d_name);
	}
	if (d != NULL)
		closedir(d);
	is_int(n, nitems(bad), "every broken catalog is in the directory");

	/* libxml2 must print nothing: catch fd 2 while loading. */
	errfile = tmp_path("stderr");
	fflush(stderr);
	saved = dup(2);
	fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(fd, 2);
	close(fd);
	xmlSetStructuredErrorFunc(&marker, test_handler);
	handler_calls = 0;

	for (i = 0; i < nitems(bad); i++) {
		from = xasprintf("%s/%s", dir, bad[i].file);
		to = tmp_path(bad[i].file);
		copy_file(from, to, 0644);
		cause = load_fails(to);
		prefix = xasprintf("%s:%d: ", to, bad[i].line);
		ok(cause != NULL, "%s is refused", bad[i].file);
		ok(starts(cause, prefix), "%s: blamed at line %d", bad[i].file,
		    bad[i].line);
		if (cause != NULL && !starts(cause, prefix))
			printf("#   cause: %s\n", cause);
		like(cause, bad[i].fragment, "%s: says what is wrong",
		    bad[i].file);
		free(prefix);
		free(cause);
		free(from);
		free(to);
	}
	to = tmp_path("no-such-catalog.xml");
	cause = load_fails(to);
	prefix = xasprintf("cannot read '%s': ", to);
	ok(starts(cause, prefix), "a missing file: cannot read");
	like(cause, strerror(ENOENT), "a missing file: says why");
	free(prefix);
	free(cause);
	free(to);

	is_int(handler_calls, 0, "the caller's libxml2 handler was not used");
	ok(xmlStructuredError == test_handler &&
	    xmlStructuredErrorContext == &marker, "the caller's libxml2 "
	    "handler is put back");
	xmlSetStructuredErrorFunc(NULL, NULL);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	errout = read_file(errfile, &len);
	is_int(len, 0, "nothing was printed on stderr");
	if (len > 0)
		printf("#   stderr: %s\n", errout);
	free(errout);
	free(errfile);
	free(rng);
	free(dir);
}

/* The schema is looked for beside the catalog, and its errors name it. */
static void
test_schema(const char *good)
{
	struct catalog cat;
	char *dir, *path, *rng, *cause = NULL, *prefix;
	const char *broken = "<grammar xmlns=\"http://relaxng.org/ns/"
	    "structure/1.0\">\n<start>\n  <element name=\"catalog\">\n"
	    "    <frob/>\n  </element>\n</start>\n</grammar>\n";

	dir = tmp_dir("no-schema");
	path = tmp_path("no-schema/catalog.xml");
	copy_file(good, path, 0644);
	if (access(PKGDATADIR "/catalog.rng", R_OK) == 0) {
		ok(catalog_load(path, &cat, &cause) == 0, "no schema beside "
		    "the catalog: the installed one is used");
		if (cause == NULL)
			catalog_free(&cat);
		free(cause);
	} else {
		cause = load_fails(path);
		like(cause, "cannot find catalog.rng beside the catalog or "
		    "in " PKGDATADIR, "no schema anywhere: said so");
		free(cause);
	}
	free(path);
	free(dir);

	dir = tmp_dir("bad-schema");
	path = tmp_path("bad-schema/catalog.xml");
	rng = tmp_path("bad-schema/catalog.rng");
	copy_file(good, path, 0644);
	write_file(rng, "<grammar", 8, 0644);
	cause = load_fails(path);
	prefix = xasprintf("%s:1: ", rng);
	ok(starts(cause, prefix), "a schema that is not XML is blamed");
	free(cause);
	free(prefix);
	write_file(rng, broken, strlen(broken), 0644);
	cause = load_fails(path);
	prefix = xasprintf("%s:4: ", rng);
	ok(starts(cause, prefix), "a schema that does not compile is "
	    "blamed at its line");
	if (cause != NULL && !starts(cause, prefix))
		printf("#   cause: %s\n", cause);
	free(cause);
	free(prefix);
	free(rng);
	free(path);
	free(dir);
}

/* Adding a provider is an XML edit: a new one loads and is found. */
static void
test_new_provider(const char *good)
{
	struct catalog cat;
	const struct catalog_provider *p;
	char *data, *edited, *at, *path, *cause = NULL;
	size_t len;
	const char *acme = "    <provider id=\"acme-mail\" "
	    "spf=\"include:spf.acme.example\" verified=\"no\">\n"
	    "      <name>Acme Mail</name>\n"
	    "      <help>Read the account number off the Acme panel.</help>\n"
	    "      <source href=\"https://acme.example/docs\"/>\n"
	    "      <param name=\"account\" example=\"42\">\n"
	    "        <help>the account number</help>\n"
	    "      </param>\n"
	    "      <template host=\"acme._domainkey\" type=\"CNAME\"\n"
	    "          value=\"{account}.{domain-dashed}.dkim.acme."
	    "example.\"\n"
	    "          purpose=\"dkim\">\n"
	    "        <why>Acme's DKIM key.</why>\n"
	    "      </template>\n"
	    "    </provider>\n";

	data = read_file(good, &len);
	at = strstr(data, "  </providers>");
	if (!ok(at != NULL, "the catalog has </providers>")) {
		free(data);
		return;
	}
	edited = xasprintf("%.*s%s%s", (int)(at - data), data, acme, at);
	path = tmp_path("catalog.xml");
	write_file(path, edited, strlen(edited), 0644);
	ok(catalog_load(path, &cat, &cause) == 0, "a catalog with a new "
	    "provider loads");
	if (cause != NULL)
		printf("#   cause: %s\n", cause);
	free(cause);
	if (cause == NULL) {
		p = catalog_provider(&cat, "acme-mail");
		ok(p != NULL && p->nparams == 1 && p->ntemplates == 1 &&
		    !p->verified, "the new provider is there");
		is(cat.path, path, "the catalog knows its path");
		catalog_free(&cat);
	}
	free(edited);
	free(data);
	free(path);
}

/* No input crashes the loader: cut and damaged copies of the catalog. */
static void
test_damaged(const char *good)
{
	struct catalog cat;
	char *data, *copy, *path, *cause, *prefix;
	size_t len, cut, i, end;
	unsigned long seed = 12345;
	int all_refused = 1, all_clean = 1, rc;
	static const char junk[] = "<>&\"'{}= x/\n-!?;";
	const size_t njunk = sizeof junk - 1;

	data = read_file(good, &len);
	path = tmp_path("damaged.xml");
	prefix = xasprintf("%s:", path);
	end = (size_t)(strstr(data, "</catalog>") - data);
	for (cut = 0; cut < end; cut += 173) {
		write_file(path, data, cut, 0644);
		cause = NULL;
		if (catalog_load(path, &cat, &cause) == 0) {
			catalog_free(&cat);
			all_refused = 0;
		} else if (!starts(cause, prefix))
			all_clean = 0;
		free(cause);
	}
	ok(all_refused, "every cut copy is refused");
	ok(all_clean, "every cut copy is blamed with file:line");

	copy = xmalloc(len);
	all_clean = 1;
	for (i = 0; i < 150; i++) {
		memcpy(copy, data, len);
		seed = seed * 1103515245 + 12345;
		copy[(seed >> 8) % len] = junk[(seed >> 4) % njunk];
		seed = seed * 1103515245 + 12345;
		copy[(seed >> 8) % len] = junk[(seed >> 4) % njunk];
		write_file(path, copy, len, 0644);
		cause = NULL;
		rc = catalog_load(path, &cat, &cause);
		if (rc == 0)
			catalog_free(&cat);
		else if (!starts(cause, prefix))
			all_clean = 0;
		free(cause);
	}
	ok(all_clean, "damaged copies load or are blamed with the file");
	free(copy);
	free(prefix);
	free(path);
	free(data);
}

/* Where the catalog is looked for. */
static void
test_default_path(void)
{
	char *p, *dir, *exe, *data, *cmd, *want, line[4096];
	FILE *f;

	setenv("MAILWIZ_CATALOG", "/somewhere/my.xml", 1);
	p = catalog_default_path();
	is(p, "/somewhere/my.xml", "default path: MAILWIZ_CATALOG first");
	free(p);
	setenv("MAILWIZ_CATALOG", "", 1);
	p = catalog_default_path();
	is(p, PKGDATADIR "/catalog.xml", "default path: empty "
	    "MAILWIZ_CATALOG is ignored");
	free(p);
	unsetenv("MAILWIZ_CATALOG");

	/* A copy of this program beside data/catalog.xml finds that. */
	dir = tmp_dir("tree");
	free(tmp_dir("tree/data"));
	exe = tmp_path("tree/test-catalog");
	data = tmp_path("tree/data/catalog.xml");
	copy_file("/proc/self/exe", exe, 0755);
	write_file(data, "<catalog/>\n", 11, 0644);
	if (access(PKGDATADIR "/catalog.xml", R_OK) == 0)
		want = xstrdup(PKGDATADIR "/catalog.xml");
	else
		want = xstrdup(data);
	cmd = xasprintf("%s --default-path", exe);
	f = popen(cmd, "r");
	ok(f != NULL && fgets(line, sizeof line, f) != NULL, "the copy runs");
	if (f != NULL)
		pclose(f);
	line[strcspn(line, "\n")] = '\0';
	is(line, want, "default path: installed, else beside the program");
	free(cmd);
	free(want);
	free(data);
	free(exe);
	free(dir);
}

/* Remove what the test made. */
static void
cleanup(void)
{
	size_t i;

	for (i = 0; i < tmpfiles.n; i++)
		unlink(tmpfiles.v[i]);
	for (i = tmpdirs.n; i > 0; i--)
		rmdir(tmpdirs.v[i - 1]);
	rmdir(tmpdir);
	free(tmpdir);
	strlist_free(&tmpfiles);
	strlist_free(&tmpdirs);
}

/* Check the real catalog, then broken, damaged and edited ones. */
int
main(int argc, char **argv)
{
	struct catalog cat;
	const char *base;
	char *path, *cause = NULL;

	if (argc > 1 && strcmp(argv[1], "--default-path") == 0) {
		path = catalog_default_path();
		printf("%s\n", path);
		free(path);
		return 0;
	}
	top = getenv("MAILWIZ_TOP");
	if (top == NULL || *top == '\0')
		top = ".";
	base = getenv("TMPDIR");
	if (base == NULL || *base == '\0')
		base = "/tmp";
	tmpdir = xasprintf("%s/mailwiz-test.XXXXXX", base);
	if (mkdtemp(tmpdir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	path = xasprintf("%s/data/catalog.xml", top);

	test_json_checker();
	if (!ok(catalog_load(path, &cat, &cause) == 0, "the real catalog "
	    "loads")) {
		printf("#   cause: %s\n", cause);
		free(cause);
	} else {
		is(cat.path, path, "the catalog knows its path");
		test_features(&cat);
		test_servers(&cat);
		test_providers(&cat);
		test_ips(&cat);
		test_lookup(&cat);
		test_translatable(&cat);
		test_text(&cat);
		test_json(&cat);
		catalog_free(&cat);
	}
	test_json_escaping();
	test_bad();
	test_schema(path);
	test_new_provider(path);
	test_damaged(path);
	test_default_path();

	free(path);
	cleanup();
	return done_testing();
}
