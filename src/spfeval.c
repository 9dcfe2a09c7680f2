/* spfeval.c - RFC 7208 check_host(): the answers, the runs, the API */

/*
 * How it works: every answer is kept, by name and type, for the whole
 * evaluation. A run evaluates check_host() from the top against the
 * answers there are; when it needs one that is missing it asks for it
 * (once per name and type) and stops. When an answer the latest run
 * waited for comes, the evaluation runs again from the top; a run that
 * needs nothing missing gives the result. So the result depends only on
 * the answers, never on the order they come in.
 *
 * To keep the number of round trips low, an answer that is an SPF record
 * makes us ask at once, in parallel, for what its terms will need
 * (include and redirect targets, a, mx, exists, ptr), as long as the term
 * could still be within the limit of 10 lookups; an MX answer makes us
 * ask for the addresses of its exchanges.
 *
 * The resolver may answer from inside its query function: an answer that
 * comes while a run (or a prefetch) is going on is only stored, and the
 * run loop in spf_drive() runs again.
 */
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
#include "domain.h"
#include "spfeval-int.h"

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
void
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
int
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
int
spf_name_eq(const char *a, const char *b)
{
	return domain_name_eq(a, b);
}

/* Tell whether name is domain or a name below it. */
int
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
int
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
	/* A run that did not wait for this answer would stop again. */
	if (e->wanted != ev->runs)
		return;
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
struct spf_entry *
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
		goto out;
	}
	e = xcalloc(1, sizeof *e);
	e->name = key;
	e->type = type;
	e->base = base;
	ev->entries = xreallocarray(ev->entries, ev->nentries + 1,
	    sizeof *ev->entries);
	ev->entries[ev->nentries++] = e;
	spf_send(ev, ev->nentries - 1);
out:
	if (!e->answered && ev->in_run)
		e->wanted = ev->runs;
	return e;
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
	ev->runs++;
	ev->in_run = 1;
	r = spf_check(ev, ev->domain, 1, ev->tree);
	ev->in_run = 0;
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
	size_t len;
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
	len = strlen(ev->domain);
	if (len > 1 && ev->domain[len - 1] == '.')
		ev->domain[len - 1] = '\0';
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
