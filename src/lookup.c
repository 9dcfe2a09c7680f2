/* lookup.c - what a domain publishes now (SPF, old SPF type, DMARC) */
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "lookup.h"
#include "loop.h"
#include "plan.h"

struct lookup_query {
	struct lookup *lk;
	const char *name;
	int type;
	int done;
	int ok;			/* NOERROR or NXDOMAIN came back */
	int nxdomain;
	char *error;
	struct strlist txt;
};

struct lookup {
	struct loop *loop;
	struct dns_server *servers;	/* copies */
	size_t nservers;
	size_t next;			/* the server to ask next */
	struct dns_options opts;
	char *domain;
	char *dmarc;
	struct plan_existing *out;
	struct dns_channel *ch;
	struct lookup_query q[3];
	size_t left;
	struct buf errors;
	lookup_cb cb;
	void *arg;
	int finished;
	int cancelled;
};

static void lookup_next(struct lookup *);

/* Forget the answers of the last server. */
static void
lookup_clear(struct lookup *lk)
{
	size_t i;

	for (i = 0; i < nitems(lk->q); i++) {
		free(lk->q[i].error);
		strlist_free(&lk->q[i].txt);
		lk->q[i].error = NULL;
		lk->q[i].done = lk->q[i].ok = lk->q[i].nxdomain = 0;
	}
}

/* Close a channel once its callback has returned. */
static void
lookup_close_channel(void *arg)
{
	dns_channel_free(arg);
}

/* Release everything; the channel is closed from the loop. */
static void
lookup_free(struct lookup *lk)
{
	size_t i;

	if (lk->ch != NULL)
		loop_defer(lk->loop, lookup_close_channel, lk->ch);
	lookup_clear(lk);
	for (i = 0; i < lk->nservers; i++)
		dns_server_free(&lk->servers[i]);
	free(lk->servers);
	free(lk->domain);
	free(lk->dmarc);
	buf_free(&lk->errors);
	free(lk);
}

/* Free a finished lookup from the loop. */
static void
lookup_free_deferred(void *arg)
{
	lookup_free(arg);
}

/* The lookup is over: tell the caller, then clean up from the loop. */
static void
lookup_finish(struct lookup *lk, const char *error)
{
	lk->finished = 1;
	lk->cb(lk->arg, lk, error);
	loop_defer(lk->loop, lookup_free_deferred, lk);
}

/* All three answers of one server are in: keep them or try the next. */
static void
lookup_judge(struct lookup *lk)
{
	struct plan_existing *out = lk->out;
	const char *label;
	size_t i;

	for (i = 0; i < nitems(lk->q); i++) {
		struct lookup_query *q = &lk->q[i];

		/* Some servers refuse type 99; that must not stop us. */
		if (q->ok || q->type == DNS_T_SPF)
			continue;
		label = lk->next > 0 && lk->nservers > 0 ?
		    lk->servers[lk->next - 1].label : _("system resolver");
		buf_printf(&lk->errors, "%s%s: %s %s: %s",
		    lk->errors.len > 0 ? "; " : "", label, q->name,
		    dns_type_name(q->type), q->error != NULL ? q->error : "?");
		lookup_next(lk);
		return;
	}
	out->known = 1;
	out->dmarc_known = 1;
	out->nxdomain = lk->q[0].nxdomain;
	for (i = 0; i < lk->q[0].txt.n; i++)
		strlist_add(&out->txt, lk->q[0].txt.v[i]);
	out->spf_rr = lk->q[1].txt.n > 0;
	for (i = 0; i < lk->q[2].txt.n; i++)
		strlist_add(&out->dmarc, lk->q[2].txt.v[i]);
	lookup_finish(lk, NULL);
}

/* Keep the records of the type asked for. */
static void
lookup_answered(void *arg, const struct dns_answer *a)
{
	struct lookup_query *q = arg;
	struct lookup *lk = q->lk;
	size_t i;

	q->done = 1;
	if (lk->cancelled)
		return;
	if (a->status != DNS_OK)
		q->error = xstrdup(a->error);
	else if (a->rcode != 0 && a->rcode != 3)
		q->error = xasprintf(_("answered %s"),
		    dns_rcode_name(a->rcode));
	else {
		q->ok = 1;
		q->nxdomain = a->rcode == 3;
		for (i = 0; i < a->nan; i++) {
			if (a->an[i].type == q->type)
				strlist_add(&q->txt, a->an[i].data);
		}
	}
	if (--lk->left == 0 && !lk->finished)
		lookup_judge(lk);
}

/* Ask the next server, or give up. */
static void
lookup_next(struct lookup *lk)
{
	struct dns_channel *old = lk->ch;
	char *cause = NULL;
	size_t i;

	lookup_clear(lk);
	lk->ch = NULL;
	if (old != NULL)
		loop_defer(lk->loop, lookup_close_channel, old);
	if (lk->next >= (lk->nservers > 0 ? lk->nservers : 1)) {
		char *msg = xasprintf(_("cannot look up the current records "
		    "of '%s' (%s); name a working resolver with --resolver, "
		    "or use --existing-spf or --offline"), lk->domain,
		    lk->errors.data);

		lookup_finish(lk, msg);
		free(msg);
		return;
	}
	lk->ch = dns_channel_new(lk->loop, lk->nservers > 0 ?
	    &lk->servers[lk->next] : NULL, &lk->opts, &cause);
	lk->next++;
	if (lk->ch == NULL) {
		buf_printf(&lk->errors, "%s%s", lk->errors.len > 0 ? "; " : "",
		    cause);
		free(cause);
		lookup_next(lk);
		return;
	}
	lk->left = nitems(lk->q);
	for (i = 0; i < nitems(lk->q); i++)
		dns_query(lk->ch, lk->q[i].name, lk->q[i].type,
		    lookup_answered, &lk->q[i]);
}

/* Start a lookup on the loop. */
struct lookup *
lookup_start(struct loop *l, const struct dns_server *servers, size_t n,
    const struct dns_options *o, const char *domain,
    struct plan_existing *out, lookup_cb cb, void *arg, char **cause)
{
	struct lookup *lk;
	size_t i;

	if (dns_library_init(cause) == -1)
		return NULL;
	lk = xcalloc(1, sizeof *lk);
	lk->loop = l;
	lk->opts = *o;
	lk->domain = xstrdup(domain);
	lk->dmarc = xasprintf("_dmarc.%s", domain);
	lk->out = out;
	lk->cb = cb;
	lk->arg = arg;
	buf_init(&lk->errors);
	lk->servers = xcalloc(n > 0 ? n : 1, sizeof *lk->servers);
	for (i = 0; i < n; i++) {
		lk->servers[i] = servers[i];
		lk->servers[i].addr = xstrdup(servers[i].addr);
		lk->servers[i].label = xstrdup(servers[i].label);
	}
	lk->nservers = n;
	for (i = 0; i < nitems(lk->q); i++)
		lk->q[i].lk = lk;
	lk->q[0].name = lk->domain;
	lk->q[0].type = DNS_T_TXT;
	lk->q[1].name = lk->domain;
	lk->q[1].type = DNS_T_SPF;
	lk->q[2].name = lk->dmarc;
	lk->q[2].type = DNS_T_TXT;
	lookup_next(lk);
	if (lk->finished) {
		/* Nothing could even be asked: the callback has run. */
		return NULL;
	}
	return lk;
}

/* Stop a lookup without calling its callback (not from inside it). */
void
lookup_cancel(struct lookup *lk)
{
	struct dns_channel *ch;

	if (lk == NULL)
		return;
	lk->cancelled = 1;
	ch = lk->ch;
	lk->ch = NULL;
	/* Destroying the channel answers its questions, which now only
	   mark themselves done. */
	dns_channel_free(ch);
	lookup_free(lk);
}

struct lookup_wait {
	int done;
	char *error;
};

/* Note the end of a blocking lookup. */
static void
lookup_waited(void *arg, struct lookup *lk, const char *error)
{
	struct lookup_wait *w = arg;

	(void)lk;
	w->done = 1;
	w->error = error != NULL ? xstrdup(error) : NULL;
}

/* Run a lookup to the end on a loop of its own. */
int
lookup_existing(const struct dns_server *servers, size_t n,
    const struct dns_options *o, const char *domain,
    struct plan_existing *out, char **cause)
{
	struct lookup_wait w = { 0, NULL };
	struct loop *l;

	l = loop_new();
	if (lookup_start(l, servers, n, o, domain, out, lookup_waited, &w,
	    cause) == NULL && !w.done) {
		loop_free(l);
		return -1;
	}
	while (!w.done) {
		if (loop_once(l, -1) == -1) {
			*cause = xstrdup(_("the event loop failed"));
			loop_free(l);
			return -1;
		}
	}
	loop_free(l);
	if (w.error != NULL) {
		*cause = w.error;
		return -1;
	}
	return 0;
}
