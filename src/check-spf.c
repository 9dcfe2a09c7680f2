/* check-spf.c - does the domain's SPF really authorise the sending server? */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check-int.h"
#include "dns.h"
#include "spf.h"
#include "spfeval.h"

#define CHECK_SPF_MAX_IPS 8	/* sending addresses evaluated */
#define CHECK_SPF_DEPTH 2	/* includes followed to find addresses */

/*
 * One answer store per check, in front of the evaluator's resolver: the
 * include tree walked to find the sending addresses is the tree the
 * evaluations walk again, and every evaluation asks the same questions.
 * Each question goes out once; the rest wait for it or read it.
 */
struct cache_waiter {
	spf_dns_done done;
	void *arg;
};

struct cache_entry {
	char *name;		/* lower case, no trailing dot */
	int type;
	int done;
	struct spf_dns_answer ans;
	struct cache_waiter *waiters;
	size_t nwaiters;
	struct check_cache *cache;
};

struct check_cache {
	struct check *c;
	const struct spf_resolver *below;
	struct spf_resolver self;
	struct cache_entry **entries;
	size_t nentries;
};

struct gather {
	struct check *c;
	int depth;
};

static void spf_evaluate(struct check *);

/* An answer came from below: keep it and hand it to everyone waiting. */
static void
cache_answered(void *arg, const struct spf_dns_answer *a)
{
	struct cache_entry *e = arg;
	struct cache_waiter *w;
	size_t i, n;

	e->done = 1;
	e->ans.status = a->status;
	for (i = 0; i < a->rrs.n; i++)
		strlist_add(&e->ans.rrs, a->rrs.v[i]);
	if (e->cache->c->closing)
		return;
	/* A waiter may ask more questions: work on a copy of the list. */
	w = e->waiters;
	n = e->nwaiters;
	e->waiters = NULL;
	e->nwaiters = 0;
	for (i = 0; i < n; i++)
		w[i].done(w[i].arg, &e->ans);
	free(w);
}

/* Ask through the store: at once when known, else once for everyone. */
static void
cache_query(void *ctx, const char *name, int type, spf_dns_done done,
    void *arg)
{
	struct check_cache *cc = ctx;
	struct cache_entry *e = NULL;
	size_t i, len;
	char *key;

	key = str_lower(name);
	len = strlen(key);
	if (len > 1 && key[len - 1] == '.')
		key[len - 1] = '\0';
	for (i = 0; i < cc->nentries; i++) {
		if (cc->entries[i]->type == type &&
		    strcmp(cc->entries[i]->name, key) == 0) {
			e = cc->entries[i];
			break;
		}
	}
	if (e != NULL) {
		free(key);
		if (e->done) {
			done(arg, &e->ans);
			return;
		}
		e->waiters = xreallocarray(e->waiters, e->nwaiters + 1,
		    sizeof *e->waiters);
		e->waiters[e->nwaiters].done = done;
		e->waiters[e->nwaiters].arg = arg;
		e->nwaiters++;
		return;
	}
	e = xcalloc(1, sizeof *e);
	e->name = key;
	e->type = type;
	e->cache = cc;
	e->waiters = xmalloc(sizeof *e->waiters);
	e->waiters[0].done = done;
	e->waiters[0].arg = arg;
	e->nwaiters = 1;
	cc->entries = xreallocarray(cc->entries, cc->nentries + 1,
	    sizeof *cc->entries);
	cc->entries[cc->nentries++] = e;
	cc->below->query(cc->below->ctx, name, type, cache_answered, e);
}

/* A waiter with nothing to do: the question only warms the store. */
static void
cache_warm(void *arg, const struct spf_dns_answer *a)
{
	(void)arg;
	(void)a;
}

/* Release the store. */
static void
cache_free(struct check_cache *cc)
{
	size_t i;

	if (cc == NULL)
		return;
	for (i = 0; i < cc->nentries; i++) {
		free(cc->entries[i]->name);
		strlist_free(&cc->entries[i]->ans.rrs);
		free(cc->entries[i]->waiters);
		free(cc->entries[i]);
	}
	free(cc->entries);
	free(cc);
}

/* Keep a sending address (the first address of a range), once. */
static void
gather_add(struct check *c, const char *text)
{
	char *ip, *slash;
	size_t i;

	ip = xstrdup(text);
	slash = strchr(ip, '/');
	if (slash != NULL)
		*slash = '\0';
	for (i = 0; i < c->spf.ips.n; i++) {
		if (strcmp(c->spf.ips.v[i], ip) == 0) {
			free(ip);
			return;
		}
	}
	if (c->spf.ips.n < CHECK_SPF_MAX_IPS)
		strlist_add(&c->spf.ips, ip);
	free(ip);
}

/* One gathering question is answered; evaluate when none is left. */
static void
gather_done(struct check *c)
{
	c->spf.gathering--;
	c->pending--;
	if (c->spf.gathering == 0 && !c->closing)
		spf_evaluate(c);
}

static void gather_mech(struct check *, const char *, int);

/* The TXT of an included domain: take its ip4/ip6 ranges, follow its
   includes a little further. */
static void
gather_txt(void *arg, const struct spf_dns_answer *a)
{
	struct gather *g = arg;
	struct check *c = g->c;
	struct spf_record rec;
	char *cause = NULL;
	size_t i, k;

	for (i = 0; a->status == SPF_DNS_OK && i < a->rrs.n; i++) {
		if (!spf_is_record(a->rrs.v[i]))
			continue;
		if (spf_parse(a->rrs.v[i], &rec, &cause) == -1) {
			free(cause);
			cause = NULL;
			continue;
		}
		for (k = 0; k < rec.nterms; k++) {
			const struct spf_term *t = &rec.terms[k];

			if (t->kind != SPF_TERM_MECHANISM ||
			    t->qualifier == '-' || t->qualifier == '~' ||
			    t->qualifier == '?')
				continue;
			if (t->mech == SPF_IP4 || t->mech == SPF_IP6)
				gather_add(c, t->addr);
			else if (t->mech == SPF_INCLUDE &&
			    g->depth < CHECK_SPF_DEPTH &&
			    strchr(t->domain, '%') == NULL)
				gather_mech(c, t->text[0] == '+' ? t->text + 1 :
				    t->text, g->depth + 1);
		}
		spf_record_free(&rec);
	}
	free(g);
	gather_done(c);
}

/* The addresses of a host named in a:. */
static void
gather_addr(void *arg, const struct spf_dns_answer *a)
{
	struct gather *g = arg;
	size_t i;

	for (i = 0; a->status == SPF_DNS_OK && i < a->rrs.n; i++)
		gather_add(g->c, a->rrs.v[i]);
	gather_done(g->c);
	free(g);
}

/* Ask what addresses a mechanism stands for. */
static void
gather_ask(struct check *c, const char *name, int type, spf_dns_done cb,
    int depth)
{
	struct gather *g;

	g = xmalloc(sizeof *g);
	g->c = c;
	g->depth = depth;
	c->spf.gathering++;
	c->pending++;
	cache_query(c->spf.cache, name, type, cb, g);
}

/* Find the sending addresses of one mechanism. */
static void
gather_mech(struct check *c, const char *mech, int depth)
{
	if (strncasecmp(mech, "include:", 8) == 0)
		gather_ask(c, mech + 8, DNS_T_TXT, gather_txt, depth);
	else if (strncasecmp(mech, "a:", 2) == 0) {
		gather_ask(c, mech + 2, DNS_T_A, gather_addr, depth);
		gather_ask(c, mech + 2, DNS_T_AAAA, gather_addr, depth);
	} else if (strncasecmp(mech, "ip4:", 4) == 0 ||
	    strncasecmp(mech, "ip6:", 4) == 0)
		gather_add(c, mech + 4);
}

/* Every evaluation has finished: one verdict for all addresses. */
static void
spf_verdict(struct check *c)
{
	struct check_spf *s = &c->spf;
	size_t i;

	s->done = 1;
	s->result = xstrdup("pass");
	for (i = 0; i < s->nevals; i++) {
		struct spf_eval *ev = s->evals[i];

		if (spf_eval_result(ev) == SPF_RESULT_PASS)
			continue;
		free(s->result);
		s->result = xstrdup(spf_result_name(spf_eval_result(ev)));
		s->failed_ip = xstrdup(s->ips.v[i]);
		s->reason = xasprintf(_("%s for %s: %s"), s->result,
		    s->ips.v[i], spf_eval_reason(ev));
		break;
	}
	if (s->reason == NULL)
		s->reason = xasprintf(P_("pass for the %zu sending address "
		    "tried", "pass for all %zu sending addresses tried",
		    s->nevals), s->nevals);
	s->lookups = spf_eval_lookups(s->evals[0]);
	s->void_lookups = spf_eval_void_lookups(s->evals[0]);
	s->tree_json = spf_eval_tree_json(s->evals[0]);
	s->tree_text = spf_eval_tree_text(s->evals[0]);
}

/* One evaluation finished. */
static void
spf_evaluated(void *arg, struct spf_eval *ev)
{
	struct check *c = arg;

	(void)ev;
	c->pending--;
	if (--c->spf.evals_left == 0 && !c->closing)
		spf_verdict(c);
}

/* Evaluate the domain's SPF for every sending address found. */
static void
spf_evaluate(struct check *c)
{
	struct check_spf *s = &c->spf;
	char *sender;
	size_t i;

	if (s->ips.n == 0) {
		s->done = 1;
		s->result = xstrdup("error");
		s->reason = xstrdup(_("no sending address could be found for "
		    "the server, so SPF could not be evaluated"));
		return;
	}
	sender = xasprintf("postmaster@%s", c->domain);
	s->evals = xcalloc(s->ips.n, sizeof *s->evals);
	s->nevals = s->ips.n;
	s->evals_left = s->ips.n;
	for (i = 0; i < s->ips.n; i++)
		s->evals[i] = spf_eval_new(&s->cache->self, s->ips.v[i],
		    sender, c->domain, c->domain);
	free(sender);
	for (i = 0; i < s->nevals; i++) {
		if (s->evals[i] == NULL)
			fatalx("'%s' is not an address", s->ips.v[i]);
		c->pending++;
		spf_eval_start(s->evals[i], spf_evaluated, c);
	}
}

/* Make the evaluator's resolver and its answer store. */
static int
spf_resolver_open(struct check *c)
{
	struct check_spf *s = &c->spf;
	struct dns_server *servers;
	struct check_cache *cc;
	char *cause = NULL;
	size_t i, n = 0;

	servers = xcalloc(c->nrecursive > 0 ? c->nrecursive : 1,
	    sizeof *servers);
	for (i = 0; i < c->nrecursive; i++) {
		if (c->servers[i].srv.addr != NULL)
			servers[n++] = c->servers[i].srv;
	}
	s->dns = spf_dns_new(c->loop, servers, n, &c->opts, &cause);
	free(servers);
	if (s->dns == NULL) {
		s->done = 1;
		s->result = xstrdup("error");
		s->reason = cause;
		return -1;
	}
	cc = xcalloc(1, sizeof *cc);
	cc->c = c;
	cc->below = spf_dns_resolver(s->dns);
	cc->self.query = cache_query;
	cc->self.ctx = cc;
	s->cache = cc;
	return 0;
}

/* Gather the sending addresses of the path's mechanisms, then evaluate;
   the domain's own record is asked for at once, beside the gathering. */
void
check_spf_start(struct check *c)
{
	size_t i;

	if (spf_resolver_open(c) == -1)
		return;
	cache_query(c->spf.cache, c->domain, DNS_T_TXT, cache_warm, NULL);
	c->pending++;
	c->spf.gathering++;
	for (i = 0; i < c->spf.mechs.n; i++)
		gather_mech(c, c->spf.mechs.v[i], 0);
	gather_done(c);
}

/* Forget the last evaluation: results, answers and the resolver. */
static void
spf_forget(struct check_spf *s)
{
	size_t i;

	for (i = 0; i < s->nevals; i++)
		spf_eval_free(s->evals[i]);
	free(s->evals);
	s->evals = NULL;
	s->nevals = 0;
	if (s->dns != NULL)
		spf_dns_free(s->dns);
	s->dns = NULL;
	cache_free(s->cache);
	s->cache = NULL;
	free(s->result);
	free(s->reason);
	free(s->failed_ip);
	free(s->tree_json);
	free(s->tree_text);
	s->result = s->reason = s->failed_ip = NULL;
	s->tree_json = s->tree_text = NULL;
}

/* Evaluate again, with fresh answers (the record may have changed). */
void
check_spf_again(struct check *c)
{
	struct check_spf *s = &c->spf;

	if (!s->done || s->gathering > 0)
		return;
	spf_forget(s);
	s->done = 0;
	strlist_free(&s->ips);
	check_spf_start(c);
}

/* Ask for the domain's SPF to be evaluated for these mechanisms. */
void
check_spf_for(struct check *c, const struct strlist *mechs)
{
	size_t i;

	for (i = 0; i < mechs->n; i++)
		strlist_add(&c->spf.mechs, mechs->v[i]);
	c->spf.wanted = mechs->n > 0;
}

/* Release the SPF part of a check. */
void
check_spf_free(struct check *c)
{
	struct check_spf *s = &c->spf;

	spf_forget(s);
	strlist_free(&s->mechs);
	strlist_free(&s->ips);
	memset(s, 0, sizeof *s);
}
