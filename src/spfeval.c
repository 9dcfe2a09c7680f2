/* spfeval.c - RFC 7208 check_host(): SPF evaluated over any resolver */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "dns.h"
#include "spf.h"
#include "spfeval.h"

#define SPF_MAX_MX 10		/* RFC 7208 4.6.4: MX names per mx */
#define SPF_MAX_PTR 10		/* RFC 7208 4.6.4: PTR names per ptr */

/* What evaluating a piece returns besides a result. */
#define SPF_MISSING -1		/* an answer is still on its way */
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
	int dirty;		/* an answer came while busy */
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

static int spf_check(struct spf_eval *, const char *, int,
    struct spf_node *);
static void spf_prefetch(struct spf_eval *, struct spf_entry *);
static void spf_drive(struct spf_eval *);

/* Name a result as RFC 7208 spells it. */
const char *
spf_result_name(enum spf_result r)
{
	static const char *names[] = { "none", "neutral", "pass", "fail",
	    "softfail", "temperror", "permerror" };

	if ((size_t)r < nitems(names))
		return names[r];
	return "?";
}

/* Replace the reason of the run. */
static void __attribute__((format(printf, 2, 3)))
spf_reason(struct spf_eval *ev, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	free(ev->reason);
	ev->reason = s;
}

/* Record where an error arose, in the tree and as the reason. */
static int __attribute__((format(printf, 4, 5)))
spf_error(struct spf_eval *ev, struct spf_node *node, int result,
    const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	free(node->error);
	node->error = xstrdup(s);
	free(ev->reason);
	ev->reason = s;
	node->result = result;
	return result;
}

/* Add a node to the tree below parent (or make the root). */
static struct spf_node *
spf_node_new(struct spf_node *parent, const char *domain, const char *via)
{
	struct spf_node *n;

	n = xcalloc(1, sizeof *n);
	n->domain = xstrdup(domain);
	n->via = via != NULL ? xstrdup(via) : NULL;
	n->result = -1;
	if (parent != NULL) {
		parent->children = xreallocarray(parent->children,
		    parent->nchildren + 1, sizeof *parent->children);
		parent->children[parent->nchildren++] = n;
	}
	return n;
}

/* Release a tree. */
static void
spf_node_free(struct spf_node *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nchildren; i++)
		spf_node_free(n->children[i]);
	free(n->children);
	free(n->domain);
	free(n->via);
	free(n->record);
	free(n->error);
	free(n);
}

/* Lowercase a name and drop one trailing dot: the key of the cache. */
static char *
spf_name_key(const char *name)
{
	char *s = str_lower(name);
	size_t len = strlen(s);

	if (len > 1 && s[len - 1] == '.')
		s[len - 1] = '\0';
	return s;
}

/* Tell whether two names are equal, case and a trailing dot ignored. */
static int
spf_name_eq(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la > 0 && a[la - 1] == '.')
		la--;
	if (lb > 0 && b[lb - 1] == '.')
		lb--;
	return la == lb && strncasecmp(a, b, la) == 0;
}

/* Tell whether name is domain or a name below it. */
static int
spf_name_within(const char *name, const char *domain)
{
	size_t ln = strlen(name), ld = strlen(domain);

	if (ln > 0 && name[ln - 1] == '.')
		ln--;
	if (ld > 0 && domain[ld - 1] == '.')
		ld--;
	if (ld == 0 || ln < ld)
		return 0;
	if (strncasecmp(name + ln - ld, domain, ld) != 0)
		return 0;
	return ln == ld || name[ln - ld - 1] == '.';
}

/*
 * Tell whether a name can be the <domain> of check_host() (RFC 7208 4.3):
 * labels of 1 to 63 bytes, at least two, and a top label of letters,
 * digits and inner hyphens that is not all digits.
 */
static int
spf_domain_ok(const char *name)
{
	char *key;
	const char *top;
	size_t i, len;
	int alpha = 0, ok;

	key = spf_macro_domain(name);
	if (key == NULL)
		return 0;
	top = strrchr(key, '.');
	if (top == NULL || strlen(key) > 253) {
		free(key);
		return 0;
	}
	top++;
	len = strlen(top);
	for (i = 0; i < len; i++) {
		if (isalpha((unsigned char)top[i]))
			alpha = 1;
		else if (!isdigit((unsigned char)top[i]) && top[i] != '-')
			break;
	}
	ok = i == len && alpha && top[0] != '-' && top[len - 1] != '-';
	free(key);
	return ok;
}

/* The address type that matters for this client: A or AAAA. */
static int
spf_addr_type(const struct spf_eval *ev)
{
	return ev->af == AF_INET ? DNS_T_A : DNS_T_AAAA;
}

/* Tell whether an address (text) lies in the client's network of cidr. */
static int
spf_addr_match(const struct spf_eval *ev, int af, const char *text, int cidr)
{
	unsigned char b[16];
	int i, bits, mask;

	if (af != ev->af || inet_pton(af, text, b) != 1)
		return 0;
	if (af == AF_INET6 && IN6_IS_ADDR_V4MAPPED((struct in6_addr *)b))
		return 0;
	bits = cidr;
	for (i = 0; bits >= 8; i++, bits -= 8) {
		if (b[i] != ev->ip[i])
			return 0;
	}
	if (bits == 0)
		return 1;
	mask = (0xff << (8 - bits)) & 0xff;
	return (b[i] & mask) == (ev->ip[i] & mask);
}

/* Work out, once, which of the answered TXT records is the SPF record. */
static void
spf_entry_parse(struct spf_entry *e)
{
	size_t i;

	if (e->status != SPF_DNS_OK)
		return;
	for (i = 0; i < e->rrs.n; i++) {
		if (!spf_is_record(e->rrs.v[i]))
			continue;
		if (e->nspf++ == 0)
			e->text = xstrdup(e->rrs.v[i]);
	}
	if (e->nspf != 1)
		return;
	if (spf_parse(e->text, &e->record, &e->error) == -1)
		e->parsed = -1;
	else
		e->parsed = 1;
}

/* Release one cache entry. */
static void
spf_entry_free(struct spf_entry *e)
{
	free(e->name);
	strlist_free(&e->rrs);
	free(e->text);
	free(e->error);
	spf_record_free(&e->record);
	free(e);
}

/* Take an answer from the resolver; re-run unless a run is going on. */
static void
spf_answered(void *arg, const struct spf_dns_answer *a)
{
	struct spf_query *q = arg;
	struct spf_eval *ev = q->ev;
	struct spf_entry *e;
	size_t i;

	if (ev == NULL) {
		free(q);
		return;
	}
	for (i = 0; i < ev->nqueries; i++) {
		if (ev->queries[i] == q) {
			ev->queries[i] = ev->queries[--ev->nqueries];
			break;
		}
	}
	e = ev->entries[q->entry];
	free(q);
	if (e->answered)
		return;
	e->answered = 1;
	e->status = a->status;
	if (a->status == SPF_DNS_OK) {
		for (i = 0; i < a->rrs.n; i++)
			strlist_add(&e->rrs, a->rrs.v[i]);
	}
	if (e->type == DNS_T_TXT)
		spf_entry_parse(e);
	if (ev->finished)
		return;
	ev->busy++;
	spf_prefetch(ev, e);
	ev->busy--;
	if (ev->busy > 0) {
		ev->dirty = 1;
		return;
	}
	spf_drive(ev);
}

/* Send the question of one entry to the resolver. */
static void
spf_send(struct spf_eval *ev, size_t idx)
{
	struct spf_query *q;
	struct spf_entry *e = ev->entries[idx];

	q = xmalloc(sizeof *q);
	q->ev = ev;
	q->entry = idx;
	ev->queries = xreallocarray(ev->queries, ev->nqueries + 1,
	    sizeof *ev->queries);
	ev->queries[ev->nqueries++] = q;
	ev->nsent++;
	ev->resolver.query(ev->resolver.ctx, e->name, e->type, spf_answered,
	    q);
}

/*
 * Find the answer for name and type, asking for it the first time. The
 * entry may not be answered yet. base is the lookup count of whoever asks
 * for a TXT record, which bounds what is prefetched below it.
 */
static struct spf_entry *
spf_ask(struct spf_eval *ev, const char *name, int type, int base)
{
	struct spf_entry *e;
	char *key;
	size_t i;

	key = spf_name_key(name);
	for (i = 0; i < ev->nentries; i++) {
		e = ev->entries[i];
		if (e->type != type || strcmp(e->name, key) != 0)
			continue;
		free(key);
		if (base < e->base) {
			e->base = base;
			if (e->answered && !ev->finished)
				spf_prefetch(ev, e);
		}
		return e;
	}
	e = xcalloc(1, sizeof *e);
	e->name = key;
	e->type = type;
	e->base = base;
	ev->entries = xreallocarray(ev->entries, ev->nentries + 1,
	    sizeof *ev->entries);
	ev->entries[ev->nentries++] = e;
	spf_send(ev, ev->nentries - 1);
	return e;
}

/* Fill the macro values for the current domain. */
static void
spf_vars(const struct spf_eval *ev, const char *domain, const char *ptr,
    struct spf_macro_vars *v)
{
	v->sender = ev->sender;
	v->local = ev->local;
	v->sender_domain = ev->sender_domain;
	v->domain = domain;
	v->ip = ev->ip_macro;
	v->ptr = ptr != NULL ? ptr : "unknown";
	v->ip_version = ev->af == AF_INET ? "in-addr" : "ip6";
	v->helo = ev->helo;
	v->ip_text = ev->ip_text;
	v->receiver = "unknown";
	v->now = ev->now;
}

/*
 * Find the validated domain name of the client for %{p} (RFC 7208 7.3 and
 * 5.5): the PTR names (at most 10) whose addresses include the client;
 * domain itself is preferred, then a name below it. "unknown" when there
 * is none. SPF_MISSING while answers are on their way.
 */
static int
spf_ptr_name(struct spf_eval *ev, const char *domain, const char **out)
{
	struct spf_entry *ptr, *e;
	const char *best = NULL;
	size_t i, j, n;
	int missing = 0, rank, best_rank = 0;

	*out = "unknown";
	ptr = spf_ask(ev, ev->rev, DNS_T_PTR, INT_MAX);
	if (!ptr->answered)
		return SPF_MISSING;
	if (ptr->status != SPF_DNS_OK)
		return 0;
	n = ptr->rrs.n < SPF_MAX_PTR ? ptr->rrs.n : SPF_MAX_PTR;
	for (i = 0; i < n; i++) {
		if (!spf_domain_ok(ptr->rrs.v[i]))
			continue;
		e = spf_ask(ev, ptr->rrs.v[i], spf_addr_type(ev), INT_MAX);
		if (!e->answered)
			missing = 1;
	}
	if (missing)
		return SPF_MISSING;
	for (i = 0; i < n; i++) {
		if (!spf_domain_ok(ptr->rrs.v[i]))
			continue;
		e = spf_ask(ev, ptr->rrs.v[i], spf_addr_type(ev), INT_MAX);
		if (e->status != SPF_DNS_OK)
			continue;
		for (j = 0; j < e->rrs.n; j++) {
			if (spf_addr_match(ev, ev->af, e->rrs.v[j],
			    ev->af == AF_INET ? 32 : 128))
				break;
		}
		if (j == e->rrs.n)
			continue;
		if (spf_name_eq(ptr->rrs.v[i], domain))
			rank = 3;
		else if (spf_name_within(ptr->rrs.v[i], domain))
			rank = 2;
		else
			rank = 1;
		if (rank > best_rank) {
			best = ptr->rrs.v[i];
			best_rank = rank;
		}
	}
	if (best != NULL)
		*out = best;
	return 0;
}

/*
 * Expand the domain-spec of a term (NULL: the current domain) into
 * *expanded. SPF_MISSING when %{p} waits for DNS, SPF_RESULT_PERMERROR
 * with the reason set when it cannot be expanded, else 0.
 */
static int
spf_expand(struct spf_eval *ev, const char *spec, const char *domain,
    int explanation, char **expanded, char **cause)
{
	struct spf_macro_vars v;
	const char *ptr = NULL;
	char *p = NULL;

	*expanded = NULL;
	if (spec == NULL) {
		*expanded = xstrdup(domain);
		return 0;
	}
	if (spf_macro_uses_ptr(spec)) {
		if (spf_ptr_name(ev, domain, &ptr) == SPF_MISSING)
			return SPF_MISSING;
		/* Keep the name: the answer it points into stays. */
		p = xstrdup(ptr);
		if (strlen(p) > 1 && p[strlen(p) - 1] == '.')
			p[strlen(p) - 1] = '\0';
	}
	spf_vars(ev, domain, p, &v);
	if (spf_macro_expand(spec, &v, explanation, expanded, cause) == -1) {
		free(p);
		return SPF_RESULT_PERMERROR;
	}
	free(p);
	return 0;
}

/* Prefetch what one term of a record will ask, counted as lookup n. */
static void
spf_prefetch_term(struct spf_eval *ev, const struct spf_term *t,
    const char *domain, int n)
{
	char *expanded, *name, *cause = NULL;

	if (t->kind == SPF_TERM_MECHANISM && t->mech == SPF_PTR) {
		spf_ask(ev, ev->rev, DNS_T_PTR, INT_MAX);
		return;
	}
	if (t->domain != NULL && spf_macro_uses_ptr(t->domain))
		return;
	if (spf_expand(ev, t->domain, domain, 0, &expanded, &cause) != 0) {
		free(cause);
		return;
	}
	name = spf_macro_domain(expanded);
	free(expanded);
	if (name == NULL)
		return;
	if (t->kind == SPF_TERM_REDIRECT || t->mech == SPF_INCLUDE)
		spf_ask(ev, name, DNS_T_TXT, n);
	else if (t->mech == SPF_A)
		spf_ask(ev, name, spf_addr_type(ev), INT_MAX);
	else if (t->mech == SPF_MX)
		spf_ask(ev, name, DNS_T_MX, INT_MAX);
	else if (t->mech == SPF_EXISTS)
		spf_ask(ev, name, DNS_T_A, INT_MAX);
	free(name);
}

/*
 * Ask early, in parallel, what evaluation will probably ask next: for an
 * SPF record, the targets of its terms that could still be within the
 * limit of 10 lookups (e->base lookups are counted before the record, and
 * one more for each lookup term before a term); for an MX answer, the
 * addresses of the exchanges. Only questions are sent: what is evaluated
 * does not depend on it.
 */
static void
spf_prefetch(struct spf_eval *ev, struct spf_entry *e)
{
	const struct spf_record *r = &e->record;
	const struct spf_term *t;
	size_t i;
	int k = 0, nlookup = 0, all = 0;

	if (e->type == DNS_T_MX && e->status == SPF_DNS_OK &&
	    e->rrs.n <= SPF_MAX_MX) {
		for (i = 0; i < e->rrs.n; i++) {
			if (spf_domain_ok(e->rrs.v[i]))
				spf_ask(ev, e->rrs.v[i], spf_addr_type(ev),
				    INT_MAX);
		}
		return;
	}
	if (e->type != DNS_T_TXT || e->parsed != 1 || e->base >= INT_MAX)
		return;
	for (i = 0; i < r->nterms; i++) {
		t = &r->terms[i];
		if (t->kind != SPF_TERM_MECHANISM)
			continue;
		if (t->mech == SPF_ALL)
			all = 1;
		else if (t->mech != SPF_IP4 && t->mech != SPF_IP6)
			nlookup++;
	}
	for (i = 0; i < r->nterms; i++) {
		t = &r->terms[i];
		if (t->kind == SPF_TERM_MECHANISM) {
			if (t->mech == SPF_ALL || t->mech == SPF_IP4 ||
			    t->mech == SPF_IP6)
				continue;
			if (e->base + ++k <= SPF_MAX_LOOKUPS)
				spf_prefetch_term(ev, t, e->name, e->base + k);
		} else if (t->kind == SPF_TERM_REDIRECT && !all &&
		    e->base + nlookup + 1 <= SPF_MAX_LOOKUPS)
			spf_prefetch_term(ev, t, e->name, e->base + nlookup + 1);
	}
}

/* Count a DNS-querying term (RFC 7208 4.6.4); -1 past the limit. */
static int
spf_count(struct spf_eval *ev, struct spf_node *node,
    const struct spf_term *t, const char *domain)
{
	ev->lookups++;
	node->lookups++;
	if (ev->lookups <= SPF_MAX_LOOKUPS)
		return 0;
	spf_error(ev, node, SPF_RESULT_PERMERROR, _("more than %d DNS "
	    "lookups: '%s' in the SPF record of %s would be number %d "
	    "(RFC 7208 4.6.4)"), SPF_MAX_LOOKUPS, t->text, domain,
	    ev->lookups);
	return -1;
}

/* Count a lookup that found nothing (4.6.4); -1 past the limit. */
static int
spf_void(struct spf_eval *ev, struct spf_node *node,
    const struct spf_term *t, const char *domain)
{
	ev->voids++;
	node->voids++;
	if (ev->voids <= SPF_MAX_VOID)
		return 0;
	spf_error(ev, node, SPF_RESULT_PERMERROR, _("more than %d void "
	    "lookups: '%s' in the SPF record of %s found nothing, like %d "
	    "before it (RFC 7208 4.6.4)"), SPF_MAX_VOID, t->text, domain,
	    ev->voids - 1);
	return -1;
}

/* Say that DNS did not answer, as temperror. */
static int
spf_tempfail(struct spf_eval *ev, struct spf_node *node, int type,
    const char *name)
{
	return spf_error(ev, node, SPF_RESULT_TEMPERROR, _("no answer for "
	    "the %s records of %s (timeout or server failure)"),
	    dns_type_name(type), name);
}

/*
 * Look up the addresses (or, with type A for exists, the existence) of a
 * target for a, exists: SPF_MATCH, SPF_NOMATCH, an error or SPF_MISSING.
 */
static int
spf_mech_addr(struct spf_eval *ev, struct spf_node *node,
    const struct spf_term *t, const char *domain, const char *name)
{
	struct spf_entry *e;
	size_t i;
	int type, cidr;

	type = t->mech == SPF_EXISTS ? DNS_T_A : spf_addr_type(ev);
	if (name == NULL) {
		/* Not a name DNS can carry: as if it did not exist. */
		return spf_void(ev, node, t, domain) == -1 ?
		    SPF_RESULT_PERMERROR : SPF_NOMATCH;
	}
	e = spf_ask(ev, name, type, INT_MAX);
	if (!e->answered)
		return SPF_MISSING;
	if (e->status == SPF_DNS_TEMPFAIL)
		return spf_tempfail(ev, node, type, name);
	if (e->status == SPF_DNS_NXDOMAIN || e->rrs.n == 0) {
		return spf_void(ev, node, t, domain) == -1 ?
		    SPF_RESULT_PERMERROR : SPF_NOMATCH;
	}
	if (t->mech == SPF_EXISTS)
		return SPF_MATCH;
	if (ev->af == AF_INET)
		cidr = t->cidr4 >= 0 ? t->cidr4 : 32;
	else
		cidr = t->cidr6 >= 0 ? t->cidr6 : 128;
	for (i = 0; i < e->rrs.n; i++) {
		if (spf_addr_match(ev, ev->af, e->rrs.v[i], cidr))
			return SPF_MATCH;
	}
	return SPF_NOMATCH;
}

/* Evaluate mx (RFC 7208 5.4). */
static int
spf_mech_mx(struct spf_eval *ev, struct spf_node *node,
    const struct spf_term *t, const char *domain, const char *name)
{
	struct spf_entry *mx, *e;
	size_t i, j;
	int missing = 0, type = spf_addr_type(ev), cidr;

	if (name == NULL) {
		return spf_void(ev, node, t, domain) == -1 ?
		    SPF_RESULT_PERMERROR : SPF_NOMATCH;
	}
	mx = spf_ask(ev, name, DNS_T_MX, INT_MAX);
	if (!mx->answered)
		return SPF_MISSING;
	if (mx->status == SPF_DNS_TEMPFAIL)
		return spf_tempfail(ev, node, DNS_T_MX, name);
	if (mx->status == SPF_DNS_NXDOMAIN || mx->rrs.n == 0) {
		return spf_void(ev, node, t, domain) == -1 ?
		    SPF_RESULT_PERMERROR : SPF_NOMATCH;
	}
	if (mx->rrs.n > SPF_MAX_MX) {
		return spf_error(ev, node, SPF_RESULT_PERMERROR, _("'%s' in "
		    "the SPF record of %s finds %zu MX records; more than %d "
		    "is an error (RFC 7208 4.6.4)"), t->text, domain,
		    mx->rrs.n, SPF_MAX_MX);
	}
	/* Ask for every exchange at once; judge them in order. */
	for (i = 0; i < mx->rrs.n; i++) {
		if (!spf_domain_ok(mx->rrs.v[i]))
			continue;	/* the null MX "." among them */
		e = spf_ask(ev, mx->rrs.v[i], type, INT_MAX);
		if (!e->answered)
			missing = 1;
	}
	if (missing)
		return SPF_MISSING;
	if (ev->af == AF_INET)
		cidr = t->cidr4 >= 0 ? t->cidr4 : 32;
	else
		cidr = t->cidr6 >= 0 ? t->cidr6 : 128;
	for (i = 0; i < mx->rrs.n; i++) {
		if (!spf_domain_ok(mx->rrs.v[i]))
			continue;
		e = spf_ask(ev, mx->rrs.v[i], type, INT_MAX);
		if (e->status == SPF_DNS_TEMPFAIL)
			return spf_tempfail(ev, node, type, e->name);
		for (j = 0; j < e->rrs.n; j++) {
			if (spf_addr_match(ev, ev->af, e->rrs.v[j], cidr))
				return SPF_MATCH;
		}
	}
	return SPF_NOMATCH;
}

/*
 * Evaluate ptr (RFC 7208 5.5): a PTR name of the client (at most 10) that
 * is the target or below it, and whose addresses include the client. Only
 * such names are validated; DNS errors make the mechanism not match.
 */
static int
spf_mech_ptr(struct spf_eval *ev, struct spf_node *node,
    const struct spf_term *t, const char *domain, const char *target)
{
	struct spf_entry *ptr, *e;
	size_t i, j, n;
	int missing = 0, type = spf_addr_type(ev);

	ptr = spf_ask(ev, ev->rev, DNS_T_PTR, INT_MAX);
	if (!ptr->answered)
		return SPF_MISSING;
	if (ptr->status == SPF_DNS_TEMPFAIL)
		return SPF_NOMATCH;
	if (ptr->status == SPF_DNS_NXDOMAIN || ptr->rrs.n == 0) {
		return spf_void(ev, node, t, domain) == -1 ?
		    SPF_RESULT_PERMERROR : SPF_NOMATCH;
	}
	if (target == NULL)
		return SPF_NOMATCH;
	n = ptr->rrs.n < SPF_MAX_PTR ? ptr->rrs.n : SPF_MAX_PTR;
	for (i = 0; i < n; i++) {
		if (!spf_name_within(ptr->rrs.v[i], target) ||
		    !spf_domain_ok(ptr->rrs.v[i]))
			continue;
		e = spf_ask(ev, ptr->rrs.v[i], type, INT_MAX);
		if (!e->answered)
			missing = 1;
	}
	if (missing)
		return SPF_MISSING;
	for (i = 0; i < n; i++) {
		if (!spf_name_within(ptr->rrs.v[i], target) ||
		    !spf_domain_ok(ptr->rrs.v[i]))
			continue;
		e = spf_ask(ev, ptr->rrs.v[i], type, INT_MAX);
		for (j = 0; j < e->rrs.n; j++) {
			if (spf_addr_match(ev, ev->af, e->rrs.v[j],
			    ev->af == AF_INET ? 32 : 128))
				return SPF_MATCH;
		}
	}
	return SPF_NOMATCH;
}

/* Evaluate include (RFC 7208 5.2) through a nested check_host(). */
static int
spf_mech_include(struct spf_eval *ev, struct spf_node *node,
    const struct spf_term *t, const char *domain, const char *expanded,
    const char *name)
{
	struct spf_node *child;
	int r;

	child = spf_node_new(node, name != NULL ? name : expanded, t->text);
	r = spf_check(ev, name != NULL ? name : expanded, 0, child);
	switch (r) {
	case SPF_MISSING:
		return SPF_MISSING;
	case SPF_RESULT_PASS:
		spf_reason(ev, _("'%s' in the SPF record of %s matched, "
		    "because %s"), t->text, domain, ev->reason);
		return SPF_MATCH;
	case SPF_RESULT_FAIL:
	case SPF_RESULT_SOFTFAIL:
	case SPF_RESULT_NEUTRAL:
		return SPF_NOMATCH;
	case SPF_RESULT_NONE:
		return spf_error(ev, node, SPF_RESULT_PERMERROR, _("'%s' in "
		    "the SPF record of %s points to a domain without SPF: %s"),
		    t->text, domain, ev->reason);
	default:
		node->result = r;
		return r;
	}
}

/* Evaluate one mechanism: SPF_MATCH, SPF_NOMATCH, an error, SPF_MISSING. */
static int
spf_mechanism(struct spf_eval *ev, struct spf_node *node,
    const struct spf_term *t, const char *domain)
{
	char *expanded = NULL, *name, *cause = NULL;
	int r;

	switch (t->mech) {
	case SPF_ALL:
		return SPF_MATCH;
	case SPF_IP4:
		return spf_addr_match(ev, AF_INET, t->addr, t->cidr4 >= 0 ?
		    t->cidr4 : 32) ? SPF_MATCH : SPF_NOMATCH;
	case SPF_IP6:
		return spf_addr_match(ev, AF_INET6, t->addr, t->cidr6 >= 0 ?
		    t->cidr6 : 128) ? SPF_MATCH : SPF_NOMATCH;
	default:
		break;
	}
	if (spf_count(ev, node, t, domain) == -1)
		return SPF_RESULT_PERMERROR;
	r = spf_expand(ev, t->domain, domain, 0, &expanded, &cause);
	if (r == SPF_MISSING)
		return SPF_MISSING;
	if (r != 0) {
		r = spf_error(ev, node, SPF_RESULT_PERMERROR, _("cannot "
		    "expand '%s' in the SPF record of %s: %s"), t->text,
		    domain, cause);
		free(cause);
		return r;
	}
	name = spf_macro_domain(expanded);
	switch (t->mech) {
	case SPF_INCLUDE:
		r = spf_mech_include(ev, node, t, domain, expanded, name);
		break;
	case SPF_MX:
		r = spf_mech_mx(ev, node, t, domain, name);
		break;
	case SPF_PTR:
		r = spf_mech_ptr(ev, node, t, domain, name);
		break;
	default:
		r = spf_mech_addr(ev, node, t, domain, name);
		break;
	}
	free(name);
	free(expanded);
	return r;
}

/*
 * Find the explanation of a fail (RFC 7208 6.2): the one TXT record at the
 * expanded exp= name, expanded itself. Any problem means no explanation;
 * it never changes the result. SPF_MISSING while answers are on their way.
 */
static int
spf_explain(struct spf_eval *ev, const struct spf_term *exp,
    const char *domain)
{
	struct spf_entry *e;
	char *expanded, *name, *text, *cause = NULL;
	int r;

	r = spf_expand(ev, exp->domain, domain, 0, &expanded, &cause);
	if (r == SPF_MISSING)
		return SPF_MISSING;
	if (r != 0) {
		free(cause);
		return 0;
	}
	name = spf_macro_domain(expanded);
	free(expanded);
	if (name == NULL)
		return 0;
	e = spf_ask(ev, name, DNS_T_TXT, INT_MAX);
	free(name);
	if (!e->answered)
		return SPF_MISSING;
	if (e->status != SPF_DNS_OK || e->rrs.n != 1)
		return 0;
	r = spf_expand(ev, e->rrs.v[0], domain, 1, &text, &cause);
	if (r == SPF_MISSING)
		return SPF_MISSING;
	if (r != 0) {
		free(cause);
		return 0;
	}
	free(ev->explanation);
	ev->explanation = text;
	return 0;
}

/* The result a qualifier gives a matching mechanism. */
static enum spf_result
spf_qualified(const struct spf_term *t)
{
	switch (t->qualifier) {
	case '-':
		return SPF_RESULT_FAIL;
	case '~':
		return SPF_RESULT_SOFTFAIL;
	case '?':
		return SPF_RESULT_NEUTRAL;
	default:
		return SPF_RESULT_PASS;
	}
}

/* Follow redirect= (RFC 7208 6.1) when no mechanism matched. */
static int
spf_redirect(struct spf_eval *ev, struct spf_node *node,
    const struct spf_term *t, const char *domain, int want_exp)
{
	struct spf_node *child;
	char *expanded, *name, *cause = NULL;
	int r;

	if (spf_count(ev, node, t, domain) == -1)
		return SPF_RESULT_PERMERROR;
	r = spf_expand(ev, t->domain, domain, 0, &expanded, &cause);
	if (r == SPF_MISSING)
		return SPF_MISSING;
	if (r != 0) {
		r = spf_error(ev, node, SPF_RESULT_PERMERROR, _("cannot "
		    "expand '%s' in the SPF record of %s: %s"), t->text,
		    domain, cause);
		free(cause);
		return r;
	}
	name = spf_macro_domain(expanded);
	child = spf_node_new(node, name != NULL ? name : expanded, t->text);
	r = spf_check(ev, name != NULL ? name : expanded, want_exp, child);
	free(name);
	free(expanded);
	if (r == SPF_MISSING)
		return SPF_MISSING;
	if (r == SPF_RESULT_NONE) {
		return spf_error(ev, node, SPF_RESULT_PERMERROR, _("'%s' in "
		    "the SPF record of %s points to a domain without SPF: %s"),
		    t->text, domain, ev->reason);
	}
	if (r != SPF_RESULT_TEMPERROR && r != SPF_RESULT_PERMERROR) {
		spf_reason(ev, _("%s redirects to %s: %s"), domain,
		    child->domain, ev->reason);
	}
	node->result = r;
	return r;
}

/*
 * check_host() (RFC 7208 4): fetch and select the SPF record of domain,
 * evaluate its mechanisms in order, then redirect=. want_exp says whether
 * a fail here looks up its explanation (not inside include).
 */
static int
spf_check(struct spf_eval *ev, const char *domain, int want_exp,
    struct spf_node *node)
{
	const struct spf_record *rec;
	const struct spf_term *t, *redirect = NULL, *exp = NULL;
	struct spf_entry *e;
	size_t i;
	int r, all = 0;
	enum spf_result result;

	if (!spf_domain_ok(domain)) {
		return spf_error(ev, node, SPF_RESULT_NONE, _("'%s' is not a "
		    "valid domain name"), domain);
	}
	e = spf_ask(ev, domain, DNS_T_TXT, ev->lookups);
	if (!e->answered)
		return SPF_MISSING;
	if (e->status == SPF_DNS_TEMPFAIL)
		return spf_tempfail(ev, node, DNS_T_TXT, domain);
	if (e->status == SPF_DNS_NXDOMAIN) {
		return spf_error(ev, node, SPF_RESULT_NONE, _("%s does not "
		    "exist"), domain);
	}
	if (e->nspf == 0) {
		return spf_error(ev, node, SPF_RESULT_NONE, _("%s publishes "
		    "no SPF record"), domain);
	}
	if (e->nspf > 1) {
		return spf_error(ev, node, SPF_RESULT_PERMERROR, _("%s "
		    "publishes %d SPF records; there must be only one (RFC "
		    "7208 4.5)"), domain, e->nspf);
	}
	node->record = xstrdup(e->text);
	if (e->parsed != 1) {
		return spf_error(ev, node, SPF_RESULT_PERMERROR, _("the SPF "
		    "record of %s is not valid: %s"), domain, e->error);
	}
	rec = &e->record;
	for (i = 0; i < rec->nterms; i++) {
		t = &rec->terms[i];
		if (t->kind == SPF_TERM_REDIRECT)
			redirect = t;
		else if (t->kind == SPF_TERM_EXP)
			exp = t;
		else if (t->kind == SPF_TERM_MECHANISM && t->mech == SPF_ALL)
			all = 1;
	}
	for (i = 0; i < rec->nterms; i++) {
		t = &rec->terms[i];
		if (t->kind != SPF_TERM_MECHANISM)
			continue;
		r = spf_mechanism(ev, node, t, domain);
		if (r == SPF_MISSING)
			return SPF_MISSING;
		if (r == SPF_NOMATCH)
			continue;
		if (r != SPF_MATCH) {
			node->result = r;
			return r;
		}
		result = spf_qualified(t);
		if (t->mech != SPF_INCLUDE) {
			spf_reason(ev, _("'%s' in the SPF record of %s "
			    "matched"), t->text, domain);
		}
		goto matched;
	}
	if (redirect != NULL && !all)
		return spf_redirect(ev, node, redirect, domain, want_exp);
	result = SPF_RESULT_NEUTRAL;
	spf_reason(ev, _("no mechanism in the SPF record of %s matched, so "
	    "the result is neutral"), domain);

matched:
	node->result = result;
	if (result == SPF_RESULT_FAIL && want_exp && exp != NULL) {
		if (spf_explain(ev, exp, domain) == SPF_MISSING)
			return SPF_MISSING;
	}
	return result;
}

/* Evaluate once from the top against the answers there are. */
static int
spf_run(struct spf_eval *ev)
{
	int r;

	spf_node_free(ev->tree);
	free(ev->reason);
	free(ev->explanation);
	ev->reason = NULL;
	ev->explanation = NULL;
	ev->lookups = ev->voids = 0;
	ev->tree = spf_node_new(NULL, ev->domain, NULL);
	r = spf_check(ev, ev->domain, 1, ev->tree);
	if (r != SPF_MISSING)
		ev->result = (enum spf_result)r;
	return r;
}

/*
 * Run until an answer is missing that has not come yet, or until the
 * result is known; then tell the caller, as the very last thing (done may
 * free the evaluation).
 */
static void
spf_drive(struct spf_eval *ev)
{
	int r;

	ev->busy++;
	do {
		ev->dirty = 0;
		r = spf_run(ev);
	} while (r == SPF_MISSING && ev->dirty);
	ev->busy--;
	if (r == SPF_MISSING)
		return;
	ev->finished = 1;
	if (ev->done != NULL)
		ev->done(ev->arg, ev);
}

/* Write the dotted nibbles of an IPv6 address, forwards or reversed. */
static void
spf_nibbles(struct buf *b, const unsigned char *ip, int reverse)
{
	static const char hex[] = "0123456789abcdef";
	int i, nib;

	for (i = 0; i < 32; i++) {
		nib = reverse ? 31 - i : i;
		if (i > 0)
			buf_putc(b, '.');
		buf_putc(b, hex[(ip[nib / 2] >> (nib % 2 ? 0 : 4)) & 0xf]);
	}
}

/* Prepare check_host() for one client, sender and HELO name. */
struct spf_eval *
spf_eval_new(const struct spf_resolver *res, const char *ip,
    const char *sender, const char *helo, const char *domain)
{
	struct spf_eval *ev;
	unsigned char b[16];
	char text[INET6_ADDRSTRLEN];
	const char *at;
	struct buf m;
	int af;

	if (inet_pton(AF_INET, ip, b) == 1)
		af = AF_INET;
	else if (inet_pton(AF_INET6, ip, b) == 1) {
		af = AF_INET6;
		/* RFC 7208 5: an IPv4-mapped address is an IPv4 client. */
		if (IN6_IS_ADDR_V4MAPPED((struct in6_addr *)b)) {
			memmove(b, b + 12, 4);
			af = AF_INET;
		}
	} else
		return NULL;
	ev = xcalloc(1, sizeof *ev);
	ev->resolver = *res;
	ev->af = af;
	memcpy(ev->ip, b, af == AF_INET ? 4 : 16);
	inet_ntop(af, ev->ip, text, sizeof text);
	ev->ip_text = xstrdup(text);
	buf_init(&m);
	if (af == AF_INET) {
		ev->ip_macro = xstrdup(text);
		ev->rev = xasprintf("%u.%u.%u.%u.in-addr.arpa", ev->ip[3],
		    ev->ip[2], ev->ip[1], ev->ip[0]);
	} else {
		spf_nibbles(&m, ev->ip, 0);
		ev->ip_macro = buf_detach(&m);
		spf_nibbles(&m, ev->ip, 1);
		buf_puts(&m, ".ip6.arpa");
		ev->rev = buf_detach(&m);
	}
	buf_free(&m);
	ev->helo = xstrdup(helo != NULL ? helo : "");
	/* RFC 7208 4.3: no local-part means "postmaster". */
	if (sender == NULL || *sender == '\0') {
		ev->local = xstrdup("postmaster");
		ev->sender_domain = xstrdup(ev->helo);
	} else if ((at = strrchr(sender, '@')) != NULL) {
		ev->local = at == sender ? xstrdup("postmaster") :
		    xstrndup(sender, (size_t)(at - sender));
		ev->sender_domain = xstrdup(at + 1);
	} else {
		ev->local = xstrdup("postmaster");
		ev->sender_domain = xstrdup(sender);
	}
	ev->sender = xasprintf("%s@%s", ev->local, ev->sender_domain);
	ev->domain = xstrdup(domain != NULL ? domain : ev->sender_domain);
	ev->now = (long long)time(NULL);
	ev->result = SPF_RESULT_NONE;
	return ev;
}

/* Start the evaluation; done runs when the result is known. */
void
spf_eval_start(struct spf_eval *ev, void (*done)(void *, struct spf_eval *),
    void *arg)
{
	if (ev->started)
		return;
	ev->done = done;
	ev->arg = arg;
	ev->started = 1;
	spf_drive(ev);
}

/* Stop waiting for DNS: the result is temperror. */
void
spf_eval_timeout(struct spf_eval *ev)
{
	if (!ev->started || ev->finished)
		return;
	ev->finished = 1;
	ev->result = SPF_RESULT_TEMPERROR;
	spf_reason(ev, _("DNS did not answer in time"));
	free(ev->explanation);
	ev->explanation = NULL;
	if (ev->done != NULL)
		ev->done(ev->arg, ev);
}

/* Tell whether the result is known. */
int
spf_eval_finished(const struct spf_eval *ev)
{
	return ev->finished;
}

/* The result, once finished. */
enum spf_result
spf_eval_result(const struct spf_eval *ev)
{
	return ev->result;
}

/* Why the result is what it is, in plain words. */
const char *
spf_eval_reason(const struct spf_eval *ev)
{
	return ev->reason != NULL ? ev->reason : "";
}

/* The explanation of a fail, or NULL. */
const char *
spf_eval_explanation(const struct spf_eval *ev)
{
	if (ev->result != SPF_RESULT_FAIL)
		return NULL;
	return ev->explanation;
}

/* DNS-querying terms evaluated. */
int
spf_eval_lookups(const struct spf_eval *ev)
{
	return ev->lookups;
}

/* Lookups that found nothing. */
int
spf_eval_void_lookups(const struct spf_eval *ev)
{
	return ev->voids;
}

/* DNS questions sent. */
int
spf_eval_queries(const struct spf_eval *ev)
{
	return ev->nsent;
}

/* Add up the lookups of a node and everything below it. */
static void
spf_node_totals(const struct spf_node *n, int *lookups, int *voids)
{
	size_t i;

	*lookups += n->lookups;
	*voids += n->voids;
	for (i = 0; i < n->nchildren; i++)
		spf_node_totals(n->children[i], lookups, voids);
}

/* Append text for people: control and non-ASCII bytes as \xHH. */
static void
spf_put_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f)
			buf_putc(b, *s);
		else
			buf_printf(b, "\\x%02x", (unsigned char)*s);
	}
}

/* Write one node of the tree and those below it, indented. */
static void
spf_node_text(struct buf *b, const struct spf_node *n, int depth)
{
	int lookups = 0, voids = 0;
	size_t i;

	spf_node_totals(n, &lookups, &voids);
	buf_printf(b, "%*s", depth * 2, "");
	if (n->via != NULL) {
		spf_put_text(b, n->via);
		buf_puts(b, " -> ");
	}
	spf_put_text(b, n->domain);
	buf_printf(b, _(": %s (lookups: %d here, %d in all; void lookups: "
	    "%d here, %d in all)\n"), n->result >= 0 ?
	    spf_result_name((enum spf_result)n->result) : "?", n->lookups,
	    lookups, n->voids, voids);
	if (n->record != NULL) {
		buf_printf(b, "%*s%s", depth * 2 + 2, "", _("record: "));
		spf_put_text(b, n->record);
		buf_putc(b, '\n');
	}
	if (n->error != NULL) {
		buf_printf(b, "%*s%s", depth * 2 + 2, "", _("error: "));
		spf_put_text(b, n->error);
		buf_putc(b, '\n');
	}
	for (i = 0; i < n->nchildren; i++)
		spf_node_text(b, n->children[i], depth + 1);
}

/* The include/redirect tree, for people. */
char *
spf_eval_tree_text(const struct spf_eval *ev)
{
	struct buf b;

	buf_init(&b);
	if (ev->tree != NULL)
		spf_node_text(&b, ev->tree, 0);
	return buf_detach(&b);
}

/* Length of the UTF-8 sequence at s, or 0 when it is not valid. */
static size_t
spf_utf8_len(const unsigned char *s)
{
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	}
	return n;
}

/* Append a JSON string (null for NULL); bytes that are not UTF-8 become
   U+FFFD so that the output is always valid JSON. */
static void
spf_put_json(struct buf *b, const char *s)
{
	const unsigned char *p;
	size_t n;

	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p += n) {
		n = spf_utf8_len(p);
		if (n == 0) {
			buf_puts(b, "\\ufffd");
			n = 1;
		} else if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p < 0x20)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_add(b, (const char *)p, n);
	}
	buf_putc(b, '"');
}

/* Write one node of the tree as a JSON object. */
static void
spf_node_json(struct buf *b, const struct spf_node *n)
{
	int lookups = 0, voids = 0;
	size_t i;

	spf_node_totals(n, &lookups, &voids);
	buf_puts(b, "{\"domain\":");
	spf_put_json(b, n->domain);
	buf_puts(b, ",\"via\":");
	spf_put_json(b, n->via);
	buf_puts(b, ",\"record\":");
	spf_put_json(b, n->record);
	buf_puts(b, ",\"result\":");
	spf_put_json(b, n->result >= 0 ?
	    spf_result_name((enum spf_result)n->result) : NULL);
	buf_printf(b, ",\"lookups\":%d,\"lookups_total\":%d,"
	    "\"void_lookups\":%d,\"void_lookups_total\":%d,\"error\":",
	    n->lookups, lookups, n->voids, voids);
	spf_put_json(b, n->error);
	buf_puts(b, ",\"children\":[");
	for (i = 0; i < n->nchildren; i++) {
		if (i > 0)
			buf_putc(b, ',');
		spf_node_json(b, n->children[i]);
	}
	buf_puts(b, "]}");
}

/* The include/redirect tree as JSON. */
char *
spf_eval_tree_json(const struct spf_eval *ev)
{
	struct buf b;

	buf_init(&b);
	if (ev->tree != NULL)
		spf_node_json(&b, ev->tree);
	else
		buf_puts(&b, "null");
	return buf_detach(&b);
}

/* Release an evaluation; answers still on their way are dropped. */
void
spf_eval_free(struct spf_eval *ev)
{
	size_t i;

	if (ev == NULL)
		return;
	for (i = 0; i < ev->nqueries; i++)
		ev->queries[i]->ev = NULL;
	free(ev->queries);
	for (i = 0; i < ev->nentries; i++)
		spf_entry_free(ev->entries[i]);
	free(ev->entries);
	spf_node_free(ev->tree);
	free(ev->ip_macro);
	free(ev->ip_text);
	free(ev->rev);
	free(ev->sender);
	free(ev->local);
	free(ev->sender_domain);
	free(ev->helo);
	free(ev->domain);
	free(ev->reason);
	free(ev->explanation);
	free(ev);
}
