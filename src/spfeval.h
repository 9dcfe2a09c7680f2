/* spfeval.h - RFC 7208 check_host(): SPF evaluated over any resolver */
#ifndef MAILWIZ_SPFEVAL_H
#define MAILWIZ_SPFEVAL_H

#include <stddef.h>

#include "util.h"

struct loop;
struct dns_server;
struct dns_options;

enum spf_result {
	SPF_RESULT_NONE,
	SPF_RESULT_NEUTRAL,
	SPF_RESULT_PASS,
	SPF_RESULT_FAIL,
	SPF_RESULT_SOFTFAIL,
	SPF_RESULT_TEMPERROR,
	SPF_RESULT_PERMERROR
};

/* The result as RFC 7208 spells it: "pass", "fail", "permerror", ... */
const char *spf_result_name(enum spf_result);

/* A DNS answer handed to the evaluator. */
enum spf_dns_status {
	SPF_DNS_OK,		/* NOERROR, maybe with no records (NODATA) */
	SPF_DNS_NXDOMAIN,
	SPF_DNS_TEMPFAIL,	/* timeout, SERVFAIL, other errors */
	SPF_DNS_CNAME_LOOP,	/* its CNAMEs lead back into a loop */
	SPF_DNS_CNAME_LONG	/* more CNAMEs than resolvers follow */
};

/*
 * The records of the type asked for, CNAMEs already followed. TXT: one
 * entry per record, its character-strings joined (a NUL byte, which a C
 * string cannot hold, as '?' like dns_parse() does); A/AAAA: address text;
 * MX: exchange names; PTR: names. Names may end in a dot.
 */
struct spf_dns_answer {
	enum spf_dns_status status;
	struct strlist rrs;
};

typedef void (*spf_dns_done)(void *, const struct spf_dns_answer *);

/*
 * Where the evaluator asks its questions (type is a DNS_T_* number). done
 * must be called exactly once per query, at once or later; the answer is
 * only borrowed for the call.
 */
struct spf_resolver {
	void (*query)(void *, const char *, int, spf_dns_done, void *);
	void *ctx;
};

struct spf_eval;

/*
 * Prepare check_host() for the client address ip (IPv4 or IPv6; an
 * IPv4-mapped IPv6 address counts as IPv4), the MAIL FROM sender (empty:
 * the HELO identity, postmaster@helo) and the HELO name. domain NULL takes
 * it from the sender. Returns NULL when ip is not an IP address. The
 * resolver is copied; what it points to must outlive the evaluation.
 */
struct spf_eval *spf_eval_new(const struct spf_resolver *, const char *,
    const char *, const char *, const char *);
/*
 * Start the evaluation; done runs once, when the result is known, perhaps
 * before spf_eval_start returns (a resolver that answers at once). done
 * may free the evaluation.
 */
void spf_eval_start(struct spf_eval *, void (*)(void *, struct spf_eval *),
    void *);
/* Give up waiting: finish at once with temperror (no-op when finished). */
void spf_eval_timeout(struct spf_eval *);
int spf_eval_finished(const struct spf_eval *);
enum spf_result spf_eval_result(const struct spf_eval *);
/* Plain words: which mechanism matched, or what went wrong. */
const char *spf_eval_reason(const struct spf_eval *);
/* The domain's exp= text when the result is fail, or NULL. */
const char *spf_eval_explanation(const struct spf_eval *);
/* DNS-querying terms evaluated (RFC 7208 4.6.4: at most 10). */
int spf_eval_lookups(const struct spf_eval *);
/* Their lookups that found nothing (at most 2). */
int spf_eval_void_lookups(const struct spf_eval *);
/* DNS questions sent, prefetches included. */
int spf_eval_queries(const struct spf_eval *);
/*
 * The include/redirect tree of the evaluation: for each record its domain,
 * text, the DNS-querying terms it evaluated itself and with everything
 * below it, its void lookups, result and error. Text for people, or JSON.
 */
char *spf_eval_tree_text(const struct spf_eval *);
char *spf_eval_tree_json(const struct spf_eval *);
/* Release an evaluation; answers still on their way are dropped. */
void spf_eval_free(struct spf_eval *);

/* The values of the macro letters (RFC 7208 7.3). */
struct spf_macro_vars {
	const char *sender;	/* s */
	const char *local;	/* l */
	const char *sender_domain; /* o */
	const char *domain;	/* d */
	const char *ip;		/* i: dotted quad, or dotted nibbles */
	const char *ptr;	/* p: validated name, or "unknown" */
	const char *ip_version;	/* v: "in-addr" or "ip6" */
	const char *helo;	/* h */
	const char *ip_text;	/* c: the address as people write it */
	const char *receiver;	/* r */
	long long now;		/* t */
};

/*
 * Expand a macro-string (RFC 7208 7.1-7.4). explanation allows the letters
 * c, r and t and spaces. -1 with *cause on a syntax error.
 */
int spf_macro_expand(const char *, const struct spf_macro_vars *, int,
    char **, char **);
/* Tell whether a macro-string uses the p letter (which needs DNS). */
int spf_macro_uses_ptr(const char *);
/*
 * Turn an expanded domain-spec into a name to ask DNS for: drop a
 * trailing dot, cut whole labels off the left above 253 bytes (7.3), and
 * check the labels (none empty or longer than 63). NULL when the name
 * cannot be asked for.
 */
char *spf_macro_domain(const char *);

/*
 * A resolver over c-ares channels, one per server, asked in turn when a
 * server fails (timeout, unreachable, SERVFAIL). No servers: the system's.
 */
struct spf_dns;

struct spf_dns *spf_dns_new(struct loop *, const struct dns_server *, size_t,
    const struct dns_options *, char **);
const struct spf_resolver *spf_dns_resolver(struct spf_dns *);
/* Close the channels; free the evaluations that use it first. */
void spf_dns_free(struct spf_dns *);
/*
 * Run an evaluation on a loop until it finishes, at most limit_ms (then
 * temperror, RFC 7208 4.6.4 suggests 20 seconds). -1 when the loop fails.
 */
int spf_eval_run(struct spf_eval *, struct loop *, int);

/* mailwiz spf: evaluate SPF for one client (see cli-spf.c). */
int cli_spf(int, char **);

#endif
