/* check.h - is every record right, at every server? */
#ifndef MAILWIZ_CHECK_H
#define MAILWIZ_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "dns.h"
#include "util.h"

struct loop;
struct record_set;
struct spf_dns;
struct check_cache;
struct spf_eval;

enum check_status {
	CHECK_PENDING,		/* not answered yet */
	CHECK_OK,
	CHECK_MISSING,
	CHECK_MISMATCH,
	CHECK_ERROR
};

/* One record at one server. */
struct check_cell {
	enum check_status status;
	char *answer;		/* what the server returned, or NULL */
	char *reason;		/* why not ok, for people */
	long ttl;		/* TTL of what was seen; -1 none */
	long eta;		/* seconds (from `when`) until a cached wrong or
				   negative answer expires; -1 none */
	uint64_t when;		/* loop_now_ms() of the answer */
	uint64_t asked;		/* loop_now_ms() of the last question */
	int inflight;
	unsigned changes;	/* times the status changed */
};

struct check_server {
	struct dns_server srv;	/* addr NULL: an NS without an address */
	int authoritative;
	struct dns_channel *ch;
	char *error;		/* why it cannot be asked at all */
};

struct check_record {
	char *name;		/* FQDN with trailing dot */
	char *type;		/* "TXT", "CNAME", "MX" */
	char *value;		/* expected */
	char *purpose;		/* "spf", "dkim", "dmarc", ... */
	struct check_cell *cells;	/* one per server */
	struct strlist notes;	/* key size, policy, doubled name ... */
	int key_checked;
	int doubled_checked;
};

struct check_spf {
	int wanted;		/* the domain's SPF is evaluated */
	int done;
	struct strlist mechs;	/* what the path needs in SPF */
	struct strlist ips;	/* sending addresses, gathered */
	int gathering;
	char *result;		/* "pass", "fail", ... */
	char *reason;
	char *failed_ip;	/* first address that did not pass */
	int lookups;
	int void_lookups;
	char *tree_json;
	char *tree_text;
	struct spf_dns *dns;	/* the evaluator's resolver */
	struct check_cache *cache;	/* its answers, shared by the
					   evaluations and the gathering */
	struct spf_eval **evals;
	size_t nevals;
	size_t evals_left;
};

typedef void (*check_changed_cb)(void *, size_t, size_t);

struct check {
	struct loop *loop;
	struct dns_options opts;
	char *domain;		/* A-labels, no trailing dot */
	char *zone;		/* the zone the domain is in, when known */
	struct check_record *records;
	size_t nrecords;
	struct check_server *servers;
	size_t nservers;
	size_t nrecursive;	/* the first nrecursive servers */
	int authoritative;	/* discover and ask the zone's servers */
	int discovering;
	int closing;		/* being freed: callbacks only clean up */
	int spf_loose;		/* SPF is right when it holds the path's
				   mechanisms, whatever else it says */
	int pending;		/* discovery and side questions in flight */
	struct check_spf spf;
	struct strlist problems;
	check_changed_cb changed;
	void *changed_arg;
};

/* Prepare a check of a domain through the given recursive resolvers. */
struct check *check_new(struct loop *, const char *,
    const struct dns_server *, size_t, const struct dns_options *, int,
    char **);
void check_free(struct check *);
/* Expect the records of a plan (keep, create and replace alike). */
void check_expect_set(struct check *, const struct record_set *);
void check_expect(struct check *, const char *, const char *, const char *,
    const char *);
/* Evaluate the domain's SPF for the senders of these mechanisms
   (include:, a:, ip4:, ip6:). */
void check_spf_for(struct check *, const struct strlist *);
/* Evaluate SPF again (after the record changed). */
void check_spf_again(struct check *);
/* Find the zone's servers, then ask every record of every server. */
void check_start(struct check *);
/* Ask one record of one server again. */
void check_ask(struct check *, size_t, size_t);
/* Nothing is waiting for an answer. */
int check_idle(const struct check *);
/* Every record is ok at every server, and SPF passes. */
int check_all_ok(const struct check *);
int check_record_ok(const struct check *, size_t);
const char *check_status_name(enum check_status);
/* The remaining seconds of a cell's ETA at time now (ms), or -1. */
long check_eta_now(const struct check_cell *, uint64_t);

/* Output: a table for 80 columns, or the JSON document. */
char *check_text(const struct check *);
char *check_json(const struct check *);

#endif
