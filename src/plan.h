/* plan.h - from the administrator's answers to the exact records */
#ifndef MAILWIZ_PLAN_H
#define MAILWIZ_PLAN_H

#include "util.h"

struct catalog;
struct record_set;

/* What the domain already publishes, looked up or given. */
struct plan_existing {
	int known;		/* 0: not looked at (--offline) */
	int given;		/* from --existing-spf, not from DNS */
	int nxdomain;		/* the domain does not exist in DNS */
	struct strlist txt;	/* TXT strings at the domain */
	int spf_rr;		/* an old SPF (type 99) record exists */
	int dmarc_known;	/* 0: _dmarc not looked at */
	struct strlist dmarc;	/* TXT strings at _dmarc */
};

struct plan_input {
	const char *feature;
	const char *server;
	const char *domain;		/* as typed */
	const char *provider;
	struct strlist provider_ids;	/* KEY=VALUE */
	struct strlist ips;		/* --ip, custom server */
	const char *dkim_text;		/* pasted records, or NULL */
	const char *dkim_source;	/* where they came from, for messages */
	const char *dmarc_rua;
	unsigned long ttl;
	struct plan_existing existing;
};

void plan_input_init(struct plan_input *);
void plan_input_free(struct plan_input *);
/* Build the record set; -1 with *cause when an answer is wrong (the
   message says which and how to fix it). */
int plan_build(const struct catalog *, const struct plan_input *,
    struct record_set *, char **);

#endif
