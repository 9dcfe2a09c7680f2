/* dns.h - asking DNS servers directly, one c-ares channel per server */
#ifndef MAILWIZ_DNS_H
#define MAILWIZ_DNS_H

#include <stddef.h>

#include "util.h"

struct loop;

#define DNS_T_A 1
#define DNS_T_NS 2
#define DNS_T_CNAME 5
#define DNS_T_SOA 6
#define DNS_T_PTR 12
#define DNS_T_MX 15
#define DNS_T_TXT 16
#define DNS_T_AAAA 28
#define DNS_T_SPF 99

struct dns_server {
	char *addr;		/* IP literal */
	unsigned port;
	char *label;		/* name to show, e.g. "Quad9" or the NS name */
	int recursive;		/* ask with RD=1 */
};

struct dns_options {
	int timeout_ms;		/* per try */
	int tries;
};

struct dns_rr {
	char *name;		/* owner, no trailing dot */
	int type;
	unsigned long ttl;
	char *data;		/* TXT joined; CNAME/NS/PTR/MX target; A/AAAA
				   address; SOA mname */
	struct strlist strings;	/* TXT character-strings as sent */
	unsigned pref;		/* MX preference */
	unsigned long minimum;	/* SOA minimum (negative TTL) */
};

enum dns_status {
	DNS_OK,			/* an answer came: see rcode */
	DNS_TIMEOUT,
	DNS_UNREACHABLE,	/* connection refused or no route */
	DNS_BADREPLY,		/* garbage that could not be read */
	DNS_FAILED		/* anything else c-ares reports */
};

struct dns_answer {
	enum dns_status status;
	char *error;		/* what went wrong, for people, or NULL */
	int rcode;		/* 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED */
	int aa;
	int tc;
	struct dns_rr *an;	/* answer section */
	size_t nan;
	int has_neg_ttl;	/* NXDOMAIN/NODATA with an SOA: RFC 2308 */
	unsigned long neg_ttl;	/* min(SOA TTL, SOA minimum) */
	char *soa_owner;	/* owner of the first SOA seen (answer or
				   authority): the zone the name is in */
};

typedef void (*dns_cb)(void *, const struct dns_answer *);

struct dns_channel;

/* Parse "ADDR", "ADDR:PORT", "[V6]:PORT" or "V6"; -1 with *cause. */
int dns_server_parse(const char *, struct dns_server *, char **);
void dns_server_free(struct dns_server *);
/* The recursive resolvers to use: --resolver values, else
   MAILWIZ_RESOLVERS (comma-separated), else none (system resolver). */
int dns_servers_from(const struct strlist *, struct dns_server **, size_t *,
    char **);

int dns_library_init(char **);
/* A channel to one server (NULL server: the system's resolvers). */
struct dns_channel *dns_channel_new(struct loop *, const struct dns_server *,
    const struct dns_options *, char **);
void dns_channel_free(struct dns_channel *);
/* Ask a question; the callback runs from the loop, or at once when the
   question cannot even be sent. */
void dns_query(struct dns_channel *, const char *, int, dns_cb, void *);
/* Queries still waiting for an answer. */
size_t dns_channel_pending(const struct dns_channel *);

/* Read a raw DNS message into *out (used by the channel and by fuzzing). */
int dns_parse(const unsigned char *, size_t, struct dns_answer *);
void dns_answer_free(struct dns_answer *);
const char *dns_rcode_name(int);
const char *dns_type_name(int);

/* Where the CNAMEs of an answer lead from a name (dns_follow). */
#define DNS_MAX_CHAIN 16	/* CNAMEs followed before giving up */
enum dns_chain {
	DNS_CHAIN_OK,		/* *end is the last name of the chain */
	DNS_CHAIN_LOOP,		/* a CNAME leads back into the chain */
	DNS_CHAIN_LONG		/* more than DNS_MAX_CHAIN CNAMEs */
};
/*
 * Follow the CNAMEs of an answer from a name (as c-ares writes names, a
 * final dot allowed): *end gets the name the chain ends at (the name
 * itself when it has no CNAME), path when not NULL the chain for people,
 * "a -> b -> a".
 */
enum dns_chain dns_follow(const struct dns_answer *, const char *,
    const char **, char **);

#endif
