/* spfeval-int.h - what the evaluator's files share; spfeval.h is the API */
#ifndef MAILWIZ_SPFEVAL_INT_H
#define MAILWIZ_SPFEVAL_INT_H

#include <stddef.h>

#include "spf.h"
#include "spfeval.h"

#define SPF_MAX_MX 10		/* RFC 7208 4.6.4: MX names per mx */
#define SPF_MAX_PTR 10		/* RFC 7208 4.6.4: PTR names per ptr */

/* What evaluating a piece returns besides a result. */
#define SPF_MISSING (-1)	/* an answer is still on its way */
#define SPF_MATCH 100
#define SPF_NOMATCH 101

/*
 * One question and its answer, kept for the whole evaluation: every run
 * reads the same answers, so the result does not depend on their order.
 */
struct spf_entry {
	char *name;		/* lowercase, no trailing dot */
	int type;
	int answered;
	unsigned wanted;	/* the run that waited for it */
	enum spf_dns_status status;
	struct strlist rrs;
	int base;		/* TXT: fewest lookups counted when asked */
	int nspf;		/* TXT: records that start with v=spf1 */
	char *text;		/* TXT: the record when there is one */
	int parsed;		/* 1 parsed, -1 syntax error, 0 not tried */
	struct spf_record record;
	char *error;		/* the syntax error */
};

/* A question on its way; ev is NULL once the evaluation is gone. */
struct spf_query {
	struct spf_eval *ev;
	size_t entry;
};

/* One record of the include/redirect tree. */
struct spf_node {
	char *domain;
	char *via;		/* the term that led here, NULL at the top */
	char *record;
	int result;		/* enum spf_result, -1 when not known */
	int lookups;
	int voids;
	char *error;
	struct spf_node **children;
	size_t nchildren;
};

/* One check_host() evaluation and all it has asked. */
struct spf_eval {
	struct spf_resolver resolver;
	int af;
	unsigned char ip[16];
	char *ip_macro;		/* %{i} */
	char *ip_text;		/* %{c} */
	char *rev;		/* the PTR name of the address */
	char *sender;
	char *local;
	char *sender_domain;
	char *helo;
	char *domain;
	long long now;

	struct spf_entry **entries;
	size_t nentries;
	struct spf_query **queries;
	size_t nqueries;
	int nsent;

	void (*done)(void *, struct spf_eval *);
	void *arg;
	int busy;		/* inside a run or an answer */
	int dirty;		/* a wanted answer came while busy */
	unsigned runs;		/* runs so far; the latest is number runs */
	int in_run;
	int started;
	int finished;

	/* What the latest run found. */
	enum spf_result result;
	char *reason;
	char *explanation;
	int lookups;
	int voids;
	struct spf_node *tree;
};

/* spfeval.c: the answers, the runs, the API */
/* Replace the reason of the run. */
void spf_reason(struct spf_eval *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
/* Record where an error arose, in the tree and as the reason; returns
   the result. */
int spf_error(struct spf_eval *, struct spf_node *, int, const char *, ...)
    __attribute__((format(printf, 4, 5)));
/* Tell whether two names are equal, case and a final dot aside. */
int spf_name_eq(const char *, const char *);
/* Tell whether a name is the domain or below it. */
int spf_name_within(const char *, const char *);
/* Tell whether a name can be the <domain> of check_host() (4.3). */
int spf_domain_ok(const char *);
/* The entry for a question, asked the first time; maybe not answered. */
struct spf_entry *spf_ask(struct spf_eval *, const char *, int, int);

/* spfcheck.c: check_host() itself */
/* The address type that matters for the client: DNS_T_A or DNS_T_AAAA. */
int spf_addr_type(const struct spf_eval *);
/* Expand a domain-spec (NULL: the domain); 0, SPF_MISSING or permerror. */
int spf_expand(struct spf_eval *, const char *, const char *, int, char **,
    char **);
/* Count a lookup that found nothing (4.6.4); -1 past the limit. */
int spf_void(struct spf_eval *, struct spf_node *, const struct spf_term *,
    const char *);
/* Tell whether DNS gave no usable answer for an entry. */
int spf_dns_failed(const struct spf_entry *);
/* Say that DNS gave no usable answer for an entry, as temperror. */
int spf_tempfail(struct spf_eval *, struct spf_node *,
    const struct spf_entry *);
/* Tell whether include or redirect to a name comes back to a record being
   evaluated; says so as permerror. */
int spf_loop(struct spf_eval *, struct spf_node *, const struct spf_term *,
    const char *, const char *);
/* Count the lookup of a term and expand its target: 0, SPF_MISSING or
   permerror. */
int spf_term_target(struct spf_eval *, struct spf_node *,
    const struct spf_term *, const char *, char **);
/* check_host() of a domain: a result or SPF_MISSING. */
int spf_check(struct spf_eval *, const char *, int, struct spf_node *);

/* spfmech.c: the mechanisms */
/* Tell whether an address of an entry lies in the client's network. */
int spf_entry_match(const struct spf_eval *, const struct spf_entry *, int);
/* Evaluate one mechanism: SPF_MATCH, SPF_NOMATCH, an error, SPF_MISSING. */
int spf_mechanism(struct spf_eval *, struct spf_node *,
    const struct spf_term *, const char *);

/* spftree.c: the include/redirect tree */
struct spf_node *spf_node_new(struct spf_node *, const char *, const char *);
void spf_node_free(struct spf_node *);

#endif
