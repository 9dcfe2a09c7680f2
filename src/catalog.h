/* catalog.h - features, server types and provider presets (data/catalog.xml) */
#ifndef MAILWIZ_CATALOG_H
#define MAILWIZ_CATALOG_H

#include <stddef.h>

#include "util.h"

struct catalog_feature {
	char *id;		/* "notification", "workflow" */
	char *title;
	char *help;
	char *source;		/* URL of the page the facts come from */
	struct strlist sources;	/* every page, source first */
};

struct catalog_server {
	char *feature;		/* feature id */
	char *id;		/* "advanced-smtp", "external-smtp", ... */
	char *title;
	char *help;
	char *spf;		/* SPF mechanism to add, e.g.
				   "include:amazonses.com"; NULL when the
				   provider preset decides or none is needed */
	char *spf_default;	/* whole record proposed when there is none */
	int dkim_count;		/* DKIM CNAMEs expected (0: none) */
	char *dkim_from;	/* who supplies them: "zuora-support",
				   "provider", "none" */
	int dmarc_via_dkim;	/* DMARC alignment depends on DKIM */
	int needs_provider;	/* the admin picks a provider preset */
	int nothing;		/* nothing to publish (ses-default) */
	char *nothing_why;	/* why, when nothing */
	char *source;
	struct strlist sources;	/* every page, source first */
};

struct catalog_param {
	char *name;		/* placeholder, used as {name} in templates */
	char *help;		/* what it is and where to find it */
	char *example;
};

struct catalog_template {
	char *host;		/* relative to the domain, may hold {param} */
	char *type;		/* "CNAME", "TXT", "MX" */
	char *value;		/* may hold {param} and {domain-dashed} */
	char *purpose;		/* "dkim", "spf", "bounce", "tracking", ... */
	char *why;
};

struct catalog_provider {
	char *id;		/* "sendgrid", "sendgrid-manual", "mailgun", ...,
				   "custom" */
	char *name;
	char *help;
	char *spf;		/* mechanism to add, or NULL */
	int spf_optional;	/* the provider calls that SPF optional */
	int verified;		/* 0: shown as "check with your provider" */
	int custom;		/* addresses come from the admin (--ip) */
	int dkim_paste;		/* DKIM records are pasted from the panel */
	char *dkim_host;	/* where the pasted DKIM TXT goes when the
				   provider fixes it ("m1._domainkey"), or
				   NULL when its panel decides */
	char *source;
	struct strlist sources;	/* every page, source first */
	struct catalog_param *params;
	size_t nparams;
	struct catalog_template *templates;
	size_t ntemplates;
};

struct catalog_ipset {
	char *datacenter;	/* "US Cloud 1" */
	char *environment;	/* "Production" */
	char *since;		/* "2024-03-10" or NULL */
	int complete;		/* 0: the list read was cut off */
	struct strlist addresses;
};

struct catalog {
	char *path;
	struct catalog_feature *features;
	size_t nfeatures;
	struct catalog_server *servers;
	size_t nservers;
	struct catalog_provider *providers;
	size_t nproviders;
	struct catalog_ipset *ipsets;
	size_t nipsets;
	char *ips_source;	/* page the addresses come from */
	char *ips_date;		/* when they were read, YYYY-MM-DD */
	char *ips_note;		/* what is missing, what to confirm */
};

/* The catalog to load: MAILWIZ_CATALOG, else the installed one, else the
   one in the source tree beside the program. */
char *catalog_default_path(void);
/* Load and validate (RelaxNG, catalog.rng beside the file or installed);
   -1 with *cause "file:line: what is wrong". */
int catalog_load(const char *, struct catalog *, char **);
void catalog_free(struct catalog *);

const struct catalog_feature *catalog_feature(const struct catalog *,
    const char *);
const struct catalog_server *catalog_server(const struct catalog *,
    const char *, const char *);
const struct catalog_provider *catalog_provider(const struct catalog *,
    const char *);

/* The whole catalog for `mailwiz catalog`: text for people or JSON. */
char *catalog_text(const struct catalog *);
char *catalog_json(const struct catalog *);

#endif
