/* dmarc.h - RFC 7489 DMARC records: parse, check, start one */
#ifndef MAILWIZ_DMARC_H
#define MAILWIZ_DMARC_H

#include "util.h"

/* Which tags the record wrote, in struct dmarc_record.written. */
#define DMARC_TAG_P	0x001
#define DMARC_TAG_SP	0x002
#define DMARC_TAG_PCT	0x004
#define DMARC_TAG_RUA	0x008
#define DMARC_TAG_RUF	0x010
#define DMARC_TAG_ADKIM	0x020
#define DMARC_TAG_ASPF	0x040
#define DMARC_TAG_FO	0x080
#define DMARC_TAG_RF	0x100
#define DMARC_TAG_RI	0x200

/*
 * A parsed record. Every field holds the value in effect: what the record
 * wrote, lower-cased where RFC 7489 makes it case-insensitive, or the
 * default (sp is p's value when not written). `written` tells them apart.
 */
struct dmarc_record {
	char *p;		/* "none", "quarantine" or "reject" */
	char *sp;		/* policy for subdomains */
	int pct;		/* 0-100, default 100 */
	char *rua;		/* aggregate report URIs as written */
	char *ruf;		/* failure report URIs as written */
	struct strlist rua_uris;	/* each URI, white space removed */
	struct strlist ruf_uris;
	char *adkim;		/* "r" or "s", default "r" */
	char *aspf;		/* "r" or "s", default "r" */
	char *fo;		/* e.g. "0" (default) or "1:d" */
	char *rf;		/* "afrf" */
	unsigned long ri;	/* seconds between reports, default 86400 */
	unsigned int written;	/* DMARC_TAG_* of the tags present */
	struct strlist unknown;	/* "name=value" of unknown tags */
	struct strlist notes;	/* findings that are not errors */
};

/* Tell whether a TXT string is a DMARC record: it starts with v=DMARC1. */
int dmarc_is_record(const char *);
/*
 * Parse "v=DMARC1; p=...; ...". On failure returns -1 with *cause naming the
 * tag and what it allows, and *out left empty; on success
 * dmarc_record_free releases *out.
 */
int dmarc_parse(const char *, struct dmarc_record *, char **);
void dmarc_record_free(struct dmarc_record *);
/*
 * Check report addresses an administrator typed: "dmarc@example.com" or
 * "mailto:dmarc@example.com", several separated by ','. *normalized (when
 * not NULL) gets "mailto:dmarc@example.com[,mailto:...]".
 */
int dmarc_rua_valid(const char *, char **, char **);
/* "v=DMARC1; p=none", with rua= when addresses are given; NULL when they
   are not valid (check them with dmarc_rua_valid first). */
char *dmarc_starting_record(const char *);
/*
 * Tell whether a report address lies outside the record's domain (neither
 * the domain nor below it): 1 when the receiver of the reports must publish
 * <domain>._report._dmarc.<its domain> (RFC 7489 7.1), 0 when not, -1 when
 * the address or the domain is missing. The domain may be given with
 * "_dmarc." in front.
 */
int dmarc_external_rua(const char *, const char *);
/* The name the receiver of external reports must publish, or NULL. */
char *dmarc_external_rua_name(const char *, const char *);
/* A plain explanation of a policy ("none", "quarantine", "reject"), or NULL
   for anything else. */
const char *dmarc_policy_explain(const char *);

#endif
