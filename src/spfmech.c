/* spfmech.c - RFC 7208 check_host(): the mechanisms (section 5) */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <limits.h>
#include <stdlib.h>

#include "dns.h"
#include "spfeval-int.h"

/* Tell whether an address (text) lies in the client's network of cidr. */
static int
spf_addr_match(const struct spf_eval *ev, int af, const char *text, int cidr)
{
	unsigned char b[16];
	int i, bits, mask;

	if (af != ev->af || inet_pton(af, text, b) != 1)
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

/* Tell whether an address of an entry lies in the client's network. */
int
spf_entry_match(const struct spf_eval *ev, const struct spf_entry *e,
    int cidr)
{
	size_t i;

	for (i = 0; i < e->rrs.n; i++) {
		if (spf_addr_match(ev, ev->af, e->rrs.v[i], cidr))
			return 1;
	}
	return 0;
}

/*
 * Look up the records of a type at the target of a, mx or exists: the
 * entry when there are some, else NULL and *result what the mechanism
 * gives: SPF_MISSING, temperror, or for nothing there SPF_NOMATCH
 * (permerror past the limit of void lookups).
 */
static struct spf_entry *
spf_mech_lookup(struct spf_eval *ev, struct spf_node *node,
    const struct spf_term *t, const char *domain, const char *name,
    int type, int *result)
{
	struct spf_entry *e;

	if (name != NULL) {
		e = spf_ask(ev, name, type, INT_MAX);
		if (!e->answered) {
			*result = SPF_MISSING;
			return NULL;
		}
		if (spf_dns_failed(e)) {
			*result = spf_tempfail(ev, node, e);
			return NULL;
		}
		if (e->status != SPF_DNS_NXDOMAIN && e->rrs.n != 0)
			return e;
	}
	/* Nothing there, or not a name DNS can carry: as if none existed. */
	*result = spf_void(ev, node, t, domain) == -1 ?
	    SPF_RESULT_PERMERROR : SPF_NOMATCH;
	return NULL;
}

/* The prefix length of a or mx for the client's address family. */
static int
spf_term_cidr(const struct spf_eval *ev, const struct spf_term *t)
{
	if (ev->af == AF_INET)
		return t->cidr4 >= 0 ? t->cidr4 : 32;
	return t->cidr6 >= 0 ? t->cidr6 : 128;
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
	int type, r;

	type = t->mech == SPF_EXISTS ? DNS_T_A : spf_addr_type(ev);
	e = spf_mech_lookup(ev, node, t, domain, name, type, &r);
	if (e == NULL)
		return r;
	if (t->mech == SPF_EXISTS)
		return SPF_MATCH;
	return spf_entry_match(ev, e, spf_term_cidr(ev, t)) ?
	    SPF_MATCH : SPF_NOMATCH;
}

/* Evaluate mx (RFC 7208 5.4). */
static int
spf_mech_mx(struct spf_eval *ev, struct spf_node *node,
    const struct spf_term *t, const char *domain, const char *name)
{
	struct spf_entry *mx, *e;
	size_t i;
	int missing = 0, type = spf_addr_type(ev), cidr, r;

	mx = spf_mech_lookup(ev, node, t, domain, name, DNS_T_MX, &r);
	if (mx == NULL)
		return r;
	if (mx->rrs.n > SPF_MAX_MX) {
		return spf_error(ev, node, SPF_RESULT_PERMERROR, P_("'%s' in "
		    "the SPF record of %s finds %zu MX record; more than %d "
		    "is an error (RFC 7208 4.6.4)", "'%s' in the SPF record "
		    "of %s finds %zu MX records; more than %d is an error "
		    "(RFC 7208 4.6.4)", mx->rrs.n), t->text, domain, mx->rrs.n,
		    SPF_MAX_MX);
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
	cidr = spf_term_cidr(ev, t);
	for (i = 0; i < mx->rrs.n; i++) {
		if (!spf_domain_ok(mx->rrs.v[i]))
			continue;
		e = spf_ask(ev, mx->rrs.v[i], type, INT_MAX);
		if (spf_dns_failed(e))
			return spf_tempfail(ev, node, e);
		if (spf_entry_match(ev, e, cidr))
			return SPF_MATCH;
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
	size_t i, n;
	int missing = 0, type = spf_addr_type(ev);

	ptr = spf_ask(ev, ev->rev, DNS_T_PTR, INT_MAX);
	if (!ptr->answered)
		return SPF_MISSING;
	if (spf_dns_failed(ptr))
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
		if (spf_entry_match(ev, e, ev->af == AF_INET ? 32 : 128))
			return SPF_MATCH;
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

	if (spf_loop(ev, node, t, domain, name != NULL ? name : expanded))
		return SPF_RESULT_PERMERROR;
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
int
spf_mechanism(struct spf_eval *ev, struct spf_node *node,
    const struct spf_term *t, const char *domain)
{
	char *expanded, *name;
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
	r = spf_term_target(ev, node, t, domain, &expanded);
	if (r != 0)
		return r;
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
