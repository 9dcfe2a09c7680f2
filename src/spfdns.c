/* spfdns.c - the SPF evaluator's resolver over c-ares channels */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dns.h"
#include "domain.h"
#include "loop.h"
#include "spfeval.h"

struct spf_dns {
	struct spf_resolver resolver;
	struct dns_channel **channels;
	size_t nchannels;
	int closing;		/* channels going: do not try the next */
};

/* One question of the evaluator, perhaps asked of several servers. */
struct spf_dns_query {
	struct spf_dns *sd;
	size_t server;
	char *name;		/* as ares_create_query() reads it */
	char *owner;		/* as ares_expand_name() writes it */
	int type;
	spf_dns_done done;
	void *arg;
};

/*
 * Write a name as c-ares writes the names it reads (a backslash before
 * '\', \DDD for bytes that are not printable), or, for asking, only the
 * backslash escaped.
 */
static char *
spf_dns_escape(const char *name, int as_read)
{
	struct buf b;
	const unsigned char *p;

	buf_init(&b);
	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if (*p == '\\')
			buf_puts(&b, "\\\\");
		else if (as_read && (*p < 0x20 || *p >= 0x7f))
			buf_printf(&b, "\\%03u", *p);
		else
			buf_putc(&b, (char)*p);
	}
	return buf_detach(&b);
}

/*
 * Turn a c-ares answer into what the evaluator reads: the records of the
 * type asked for, owned by the name asked or by the name its CNAMEs lead
 * to; CNAMEs that loop or go on too long, as resolvers see them.
 */
static void
spf_dns_convert(const struct spf_dns_query *q, const struct dns_answer *a,
    struct spf_dns_answer *out)
{
	const char *owner = q->owner;
	enum dns_chain chain = DNS_CHAIN_OK;
	size_t i;

	memset(out, 0, sizeof *out);
	if (a->status != DNS_OK || (a->rcode != 0 && a->rcode != 3)) {
		out->status = SPF_DNS_TEMPFAIL;
		return;
	}
	if (q->type != DNS_T_CNAME)
		chain = dns_follow(a, q->owner, &owner, NULL);
	if (chain != DNS_CHAIN_OK) {
		out->status = chain == DNS_CHAIN_LOOP ? SPF_DNS_CNAME_LOOP :
		    SPF_DNS_CNAME_LONG;
		return;
	}
	for (i = 0; i < a->nan; i++) {
		if (a->an[i].type == q->type &&
		    domain_name_eq(a->an[i].name, owner))
			strlist_add(&out->rrs, a->an[i].data);
	}
	if (a->rcode == 3 && out->rrs.n == 0)
		out->status = SPF_DNS_NXDOMAIN;
	else
		out->status = SPF_DNS_OK;
}

static void spf_dns_answered(void *, const struct dns_answer *);

/* Ask the current server of a query. */
static void
spf_dns_send(struct spf_dns_query *q)
{
	dns_query(q->sd->channels[q->server], q->name, q->type,
	    spf_dns_answered, q);
}

/* Tell whether another server might do better than this answer. */
static int
spf_dns_retry(const struct dns_answer *a)
{
	switch (a->status) {
	case DNS_TIMEOUT:
	case DNS_UNREACHABLE:
	case DNS_BADREPLY:
		return 1;
	case DNS_OK:
		return a->rcode == 2 || a->rcode == 5;	/* SERVFAIL, REFUSED */
	default:
		return 0;
	}
}

/* Hand an answer to the evaluator, or ask the next server. */
static void
spf_dns_answered(void *arg, const struct dns_answer *a)
{
	struct spf_dns_query *q = arg;
	struct spf_dns_answer out;

	if (!q->sd->closing && spf_dns_retry(a) &&
	    q->server + 1 < q->sd->nchannels) {
		q->server++;
		spf_dns_send(q);
		return;
	}
	spf_dns_convert(q, a, &out);
	q->done(q->arg, &out);
	strlist_free(&out.rrs);
	free(q->name);
	free(q->owner);
	free(q);
}

/* The query function of the resolver interface. */
static void
spf_dns_query(void *ctx, const char *name, int type, spf_dns_done done,
    void *arg)
{
	struct spf_dns *sd = ctx;
	struct spf_dns_query *q;
	struct spf_dns_answer out;

	if (sd->closing) {
		memset(&out, 0, sizeof out);
		out.status = SPF_DNS_TEMPFAIL;
		done(arg, &out);
		return;
	}
	q = xcalloc(1, sizeof *q);
	q->sd = sd;
	q->name = spf_dns_escape(name, 0);
	q->owner = spf_dns_escape(name, 1);
	q->type = type;
	q->done = done;
	q->arg = arg;
	spf_dns_send(q);
}

/* Make a resolver that asks the given servers (none: the system's). */
struct spf_dns *
spf_dns_new(struct loop *l, const struct dns_server *servers, size_t n,
    const struct dns_options *o, char **cause)
{
	struct spf_dns *sd;
	size_t i, count = n > 0 ? n : 1;

	sd = xcalloc(1, sizeof *sd);
	sd->channels = xcalloc(count, sizeof *sd->channels);
	for (i = 0; i < count; i++) {
		sd->channels[i] = dns_channel_new(l, n > 0 ? &servers[i] :
		    NULL, o, cause);
		if (sd->channels[i] == NULL) {
			sd->nchannels = i;
			spf_dns_free(sd);
			return NULL;
		}
	}
	sd->nchannels = count;
	sd->resolver.query = spf_dns_query;
	sd->resolver.ctx = sd;
	return sd;
}

/* The resolver interface to hand to spf_eval_new(). */
const struct spf_resolver *
spf_dns_resolver(struct spf_dns *sd)
{
	return &sd->resolver;
}

/* Close the channels: questions still out are answered with an error. */
void
spf_dns_free(struct spf_dns *sd)
{
	size_t i;

	if (sd == NULL)
		return;
	sd->closing = 1;
	for (i = 0; i < sd->nchannels; i++)
		dns_channel_free(sd->channels[i]);
	free(sd->channels);
	free(sd);
}

/* Note that an evaluation run by spf_eval_run() finished. */
static void
spf_eval_run_done(void *arg, struct spf_eval *ev)
{
	(void)ev;
	*(int *)arg = 1;
}

/* Run an evaluation on a loop until it finishes or time runs out. */
int
spf_eval_run(struct spf_eval *ev, struct loop *l, int limit_ms)
{
	uint64_t deadline, now;
	int finished = 0;

	deadline = loop_now_ms() + (uint64_t)(limit_ms > 0 ? limit_ms : 0);
	spf_eval_start(ev, spf_eval_run_done, &finished);
	while (!finished) {
		now = loop_now_ms();
		if (now >= deadline) {
			spf_eval_timeout(ev);
			break;
		}
		if (loop_once(l, (int)(deadline - now)) == -1) {
			spf_eval_timeout(ev);
			return -1;
		}
	}
	return 0;
}
