/* spf.h - RFC 7208 records: parse, print, merge, lint */
#ifndef MAILWIZ_SPF_H
#define MAILWIZ_SPF_H

#include <stddef.h>

#include "util.h"

struct record_set;

#define SPF_MAX_LOOKUPS 10	/* RFC 7208 4.6.4 */
#define SPF_MAX_VOID 2		/* RFC 7208 4.6.4 */
#define SPF_MAX_BYTES 450	/* RFC 7208 3.4: fits a 512-byte UDP answer */

enum spf_mech {
	SPF_ALL,
	SPF_INCLUDE,
	SPF_A,
	SPF_MX,
	SPF_PTR,
	SPF_IP4,
	SPF_IP6,
	SPF_EXISTS
};

enum spf_term_kind {
	SPF_TERM_MECHANISM,
	SPF_TERM_REDIRECT,
	SPF_TERM_EXP,
	SPF_TERM_MODIFIER	/* unknown modifier, kept as is */
};

struct spf_term {
	enum spf_term_kind kind;
	char qualifier;		/* '+', '-', '~', '?'; 0 when not written */
	enum spf_mech mech;
	char *domain;		/* domain-spec (macros kept), or NULL */
	char *addr;		/* ip4/ip6 address text, or NULL */
	int cidr4;		/* -1 when not written */
	int cidr6;		/* -1 when not written */
	char *name;		/* modifier name */
	char *value;		/* modifier value (macro-string) */
	char *text;		/* the term as written */
	size_t column;		/* 1-based column in the record */
};

struct spf_record {
	struct spf_term *terms;
	size_t nterms;
};

/* Tell whether a TXT string is an SPF record ("v=spf1" then space or end,
   case-insensitive). */
int spf_is_record(const char *);
/* Parse a whole record "v=spf1 ..."; -1 with *cause naming the column. */
int spf_parse(const char *, struct spf_record *, char **);
/* Print a record back in canonical form ("v=spf1 term term ..."). */
char *spf_print(const struct spf_record *);
void spf_record_free(struct spf_record *);
/* Check a domain-spec / macro-string on its own (for --ip hosts etc.). */
int spf_macro_valid(const char *, char **);
/* Count the terms that cost a DNS lookup (include, a, mx, ptr, exists,
   redirect) in this record alone. */
int spf_lookup_terms(const struct spf_record *);
/*
 * Add a mechanism to an existing record: before the final "all" (or before
 * redirect=), keeping every other term and its order. Returns 1 when the
 * mechanism is already there (compared case-insensitively, trailing dot
 * ignored), 0 when added, -1 when the record cannot be parsed.
 * Details: only terms before the first "all" count as there; an ip4/ip6
 * network or a/mx cidr that contains the mechanism counts as there; when
 * the same mechanism is there with another qualifier its qualifier is
 * replaced (0), and when a wider network with another qualifier is there
 * the mechanism goes just before it (0). -1 also when the mechanism is not
 * a single valid include/a/mx/ptr/ip4/ip6/exists term. On 1 *result is a
 * copy of the record as it was.
 */
int spf_merge(const char *, const char *, char **, char **);
/* Lint one record; each finding becomes a warning in the record set, with a
   plain explanation and the RFC section. `which` says whose record it is
   ("existing" or "new") and goes into the message. */
void spf_lint(const char *, const char *, struct record_set *);
/* Warn (code "spf-multiple") when a name has more than one SPF record
   (RFC 7208 4.5: a permerror). */
void spf_lint_multiple(size_t, struct record_set *);
/* Warn (code "spf-rr-type") that the obsolete SPF RR type 99 is still
   published (RFC 7208 3.1). */
void spf_lint_rrtype(struct record_set *);

#endif
