/* spfcheck.c - RFC 7208 check_host(): records, limits, loops, modifiers */
#include <sys/types.h>
#include <sys/socket.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "spfeval-int.h"

/* The address type that matters for this client: A or AAAA. */
int
spf_addr_type(const struct spf_eval *ev)
{
	return ev->af == AF_INET ? DNS_T_A : DNS_T_AAAA;
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
	size_t i, n;
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
		if (e->status != SPF_DNS_OK ||
		    !spf_entry_match(ev, e, ev->af == AF_INET ? 32 : 128))
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
 * with *cause when it cannot be expanded, else 0.
 */
int
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

/* Count a DNS-querying term (RFC 7208 4.6.4); -1 past the limit. */
static int
spf_count(struct spf_eval *ev, struct spf_node *node,
    const struct spf_term *t, const char *domain)
{
	ev->lookups++;
	node->lookups++;
	if (ev->lookups <= SPF_MAX_LOOKUPS)
		return 0;
	spf_error(ev, node, SPF_RESULT_PERMERROR, P_("more than %d DNS "
	    "lookup: '%s' in the SPF record of %s would be number %d "
	    "(RFC 7208 4.6.4)", "more than %d DNS lookups: '%s' in the SPF "
	    "record of %s would be number %d (RFC 7208 4.6.4)",
	    (unsigned long)SPF_MAX_LOOKUPS), SPF_MAX_LOOKUPS, t->text,
	    domain, ev->lookups);
	return -1;
}

/* Count a lookup that found nothing (4.6.4); -1 past the limit. */
int
spf_void(struct spf_eval *ev, struct spf_node *node,
    const struct spf_term *t, const char *domain)
{
	ev->voids++;
	node->voids++;
	if (ev->voids <= SPF_MAX_VOID)
		return 0;
	spf_error(ev, node, SPF_RESULT_PERMERROR, P_("more than %d void "
	    "lookups: '%s' in the SPF record of %s found nothing, like %d "
	    "before it (RFC 7208 4.6.4)", "more than %d void "
	    "lookups: '%s' in the SPF record of %s found nothing, like %d "
	    "before it (RFC 7208 4.6.4)", (unsigned long)(ev->voids - 1)),
	    SPF_MAX_VOID, t->text, domain, ev->voids - 1);
	return -1;
}

/* Tell whether DNS gave no usable answer for an entry. */
int
spf_dns_failed(const struct spf_entry *e)
{
	return e->status == SPF_DNS_TEMPFAIL ||
	    e->status == SPF_DNS_CNAME_LOOP ||
	    e->status == SPF_DNS_CNAME_LONG;
}

/* Say that DNS gave no usable answer for an entry, as temperror. */
int
spf_tempfail(struct spf_eval *ev, struct spf_node *node,
    const struct spf_entry *e)
{
	if (e->status == SPF_DNS_CNAME_LOOP) {
		return spf_error(ev, node, SPF_RESULT_TEMPERROR, _("CNAME "
		    "loop: the CNAMEs from %s lead back to a name already "
		    "seen, so its %s records cannot be read (resolvers answer "
		    "SERVFAIL)"), e->name, dns_type_name(e->type));
	}
	if (e->status == SPF_DNS_CNAME_LONG) {
		return spf_error(ev, node, SPF_RESULT_TEMPERROR, P_("CNAME "
		    "chain too long: the CNAMEs from %s go on for more than "
		    "%d name, so its %s records cannot be read (resolvers "
		    "answer SERVFAIL)", "CNAME chain too long: the CNAMEs "
		    "from %s go on for more than %d names, so its %s records "
		    "cannot be read (resolvers answer SERVFAIL)",
		    (unsigned long)DNS_MAX_CHAIN), e->name, DNS_MAX_CHAIN,
		    dns_type_name(e->type));
	}
	return spf_error(ev, node, SPF_RESULT_TEMPERROR, _("no answer for "
	    "the %s records of %s (timeout or server failure)"),
	    dns_type_name(e->type), e->name);
}

/*
 * Find the names from the top of the tree down to a node, the node's
 * first, the top's last; 1 when the node is below at.
 */
static int
spf_node_path(const struct spf_node *at, const struct spf_node *node,
    struct strlist *up)
{
	size_t i;

	if (at == node) {
		strlist_add(up, at->domain);
		return 1;
	}
	for (i = 0; i < at->nchildren; i++) {
		if (spf_node_path(at->children[i], node, up)) {
			strlist_add(up, at->domain);
			return 1;
		}
	}
	return 0;
}

/*
 * Tell whether include or redirect to name from the record at node comes
 * back to a record already being evaluated: an endless loop, which only
 * the limit of 10 lookups would end. Says so as permerror.
 */
int
spf_loop(struct spf_eval *ev, struct spf_node *node,
    const struct spf_term *t, const char *domain, const char *name)
{
	struct strlist up = { NULL, 0 };
	struct buf path;
	size_t i, k;
	int found = 0;

	if (ev->tree == NULL || !spf_node_path(ev->tree, node, &up)) {
		strlist_free(&up);
		return 0;
	}
	for (k = up.n; k > 0 && !found; k--)
		found = spf_name_eq(up.v[k - 1], name);
	if (found) {
		buf_init(&path);
		for (i = k + 1; i > 0; i--)
			buf_printf(&path, "%s -> ", up.v[i - 1]);
		buf_puts(&path, name);
		spf_error(ev, node, SPF_RESULT_PERMERROR, P_("'%s' in the SPF "
		    "record of %s makes a loop (%s): receivers go round until "
		    "the limit of %d DNS lookup and give permerror (RFC 7208 "
		    "4.6.4)", "'%s' in the SPF record of %s makes a loop "
		    "(%s): receivers go round until the limit of %d DNS "
		    "lookups and give permerror (RFC 7208 4.6.4)",
		    (unsigned long)SPF_MAX_LOOKUPS), t->text, domain,
		    path.data, SPF_MAX_LOOKUPS);
		buf_free(&path);
	}
	strlist_free(&up);
	return found;
}

/*
 * Count the lookup of a term that queries DNS and expand its target into
 * *expanded: 0, SPF_MISSING while %{p} waits for DNS, or permerror (past
 * the limit of lookups, or a target that cannot be expanded).
 */
int
spf_term_target(struct spf_eval *ev, struct spf_node *node,
    const struct spf_term *t, const char *domain, char **expanded)
{
	char *cause = NULL;
	int r;

	*expanded = NULL;
	if (spf_count(ev, node, t, domain) == -1)
		return SPF_RESULT_PERMERROR;
	r = spf_expand(ev, t->domain, domain, 0, expanded, &cause);
	if (r == SPF_MISSING)
		return SPF_MISSING;
	if (r != 0) {
		r = spf_error(ev, node, SPF_RESULT_PERMERROR, _("cannot "
		    "expand '%s' in the SPF record of %s: %s"), t->text,
		    domain, cause);
		free(cause);
		return r;
	}
	return 0;
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
	char *expanded, *name;
	int r;

	r = spf_term_target(ev, node, t, domain, &expanded);
	if (r != 0)
		return r;
	name = spf_macro_domain(expanded);
	if (spf_loop(ev, node, t, domain, name != NULL ? name : expanded)) {
		free(name);
		free(expanded);
		return SPF_RESULT_PERMERROR;
	}
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
int
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
	if (spf_dns_failed(e))
		return spf_tempfail(ev, node, e);
	if (e->status == SPF_DNS_NXDOMAIN) {
		return spf_error(ev, node, SPF_RESULT_NONE, _("%s does not "
		    "exist"), domain);
	}
	if (e->nspf == 0) {
		return spf_error(ev, node, SPF_RESULT_NONE, _("%s publishes "
		    "no SPF record"), domain);
	}
	if (e->nspf > 1) {
		return spf_error(ev, node, SPF_RESULT_PERMERROR, P_("%s "
		    "publishes %d SPF record; there must be only one (RFC "
		    "7208 4.5)", "%s publishes %d SPF records; there must be "
		    "only one (RFC 7208 4.5)", (unsigned long)e->nspf), domain,
		    e->nspf);
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
