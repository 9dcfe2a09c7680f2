/* record.h - the record set: what the administrator must publish */
#ifndef MAILWIZ_RECORD_H
#define MAILWIZ_RECORD_H

#include <stddef.h>

#include "util.h"

#define RECORD_DEFAULT_TTL 3600

enum record_action {
	RECORD_CREATE,		/* nothing there yet: add it */
	RECORD_REPLACE,		/* an existing record must be replaced */
	RECORD_KEEP		/* already right: leave it */
};

struct record {
	char *name;		/* FQDN, A-labels, trailing dot */
	char *host;		/* relative to the domain, "@" for the apex */
	char *type;		/* "TXT", "CNAME", "MX" */
	unsigned long ttl;
	char *value;		/* presentation value, TXT unsplit, unquoted */
	enum record_action action;
	char *replaces;		/* the value replaced, or NULL */
	char *purpose;		/* "spf", "dkim", "dmarc", "bounce", ... */
	char *why;		/* why it is needed, for people */
};

struct warning {
	char *code;		/* stable identifier, e.g. "spf-lookups" */
	char *message;		/* plain explanation, translated */
};

struct record_set {
	char *domain;		/* A-labels, no trailing dot */
	char *domain_display;	/* as the administrator reads it (U-labels) */
	char *feature;		/* catalog feature id */
	char *server;		/* catalog server type id */
	char *provider;		/* catalog provider id or NULL */
	char *note;		/* e.g. why nothing needs publishing */
	struct record *records;
	size_t nrecords;
	struct warning *warnings;
	size_t nwarnings;
	struct strlist spf_mechs;	/* what SPF must allow for the path */
};

void record_set_init(struct record_set *, const char *, const char *);
void record_set_free(struct record_set *);
struct record *record_set_add(struct record_set *, const char *,
    const char *, const char *, const char *);
void record_set_warn(struct record_set *, const char *, const char *, ...)
    __attribute__((format(printf, 3, 4)));
const char *record_action_name(enum record_action);

/* Split a TXT value into character-strings of at most 255 bytes. */
void txt_split(const char *, struct strlist *);
/* The value as zone files want it: quoted strings, split, escaped. */
char *txt_quote(const char *);

#endif
