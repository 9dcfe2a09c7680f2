/* check-discover.c - find the zone's own name servers and their addresses */
#include <stdlib.h>
#include <string.h>

#include "check-int.h"

struct discover {
	struct check *c;
	char *ns;		/* the NS name an address question is for */
	int type;
	int *left;		/* address questions left for this NS */
	int *found;		/* addresses found for this NS */
};

/* The channel side questions go through: the first recursive resolver. */
struct dns_channel *
check_channel(struct check *c)
{
	size_t i;

	for (i = 0; i < c->nrecursive; i++) {
		if (c->servers[i].ch != NULL)
			return c->servers[i].ch;
	}
	return NULL;
}

/* Add an authoritative server found at an address and ask it everything. */
static void
discover_add(struct check *c, const char *ns, const char *addr)
{
	struct dns_server s;
	char *cause = NULL;
	size_t idx;

	memset(&s, 0, sizeof s);
	s.addr = (char *)addr;
	s.port = 53;
	s.label = xasprintf("%s (%s)", ns, addr);
	idx = check_add_server(c, &s, 1, &cause);
	free(s.label);
	if (idx == (size_t)-1) {
		strlist_addf(&c->problems, _("cannot ask name server %s at "
		    "%s: %s"), ns, addr, cause);
		free(cause);
		return;
	}
	check_ask_server(c, idx);
}

/* An address of a name server arrived (or did not). */
static void
discover_address(void *arg, const struct dns_answer *a)
{
	struct discover *d = arg;
	struct check *c = d->c;
	struct dns_server s;
	char *cause = NULL;
	size_t i, idx;

	c->pending--;
	for (i = 0; !c->closing && a->status == DNS_OK && a->rcode == 0 &&
	    i < a->nan; i++) {
		if (a->an[i].type != d->type)
			continue;
		discover_add(c, d->ns, a->an[i].data);
		(*d->found)++;
	}
	if (--(*d->left) == 0) {
		if (*d->found == 0 && !c->closing) {
			/* Show the NS as a server that cannot be asked. */
			memset(&s, 0, sizeof s);
			s.label = d->ns;
			idx = check_add_server(c, &s, 1, &cause);
			if (idx != (size_t)-1) {
				c->servers[idx].error = xasprintf(_("name "
				    "server %s has no address"), d->ns);
				check_ask_server(c, idx);
			} else
				free(cause);
		}
		free(d->left);
		free(d->found);
	}
	free(d->ns);
	free(d);
}

/* The zone's NS names arrived: ask for each one's addresses. */
static void
discover_ns(void *arg, const struct dns_answer *a)
{
	struct check *c = arg;
	struct dns_channel *ch = check_channel(c);
	struct discover *d;
	size_t i;
	int n = 0, t, *left, *found;

	c->pending--;
	if (c->closing)
		return;
	if (a->status != DNS_OK || a->rcode != 0) {
		strlist_addf(&c->problems, _("cannot find the name servers "
		    "of %s: %s"), c->zone, a->error != NULL ? a->error :
		    dns_rcode_name(a->rcode));
		c->discovering = 0;
		return;
	}
	for (i = 0; i < a->nan; i++) {
		if (a->an[i].type != DNS_T_NS)
			continue;
		n++;
		left = xmalloc(sizeof *left);
		found = xmalloc(sizeof *found);
		*left = 2;
		*found = 0;
		for (t = 0; t < 2; t++) {
			d = xmalloc(sizeof *d);
			d->c = c;
			d->ns = xstrdup(a->an[i].data);
			d->type = t == 0 ? DNS_T_A : DNS_T_AAAA;
			d->left = left;
			d->found = found;
			c->pending++;
			dns_query(ch, d->ns, d->type, discover_address, d);
		}
	}
	if (n == 0)
		strlist_addf(&c->problems, _("the zone %s lists no name "
		    "servers"), c->zone);
	c->discovering = 0;
}

/* The SOA told where the zone starts: ask for its name servers. */
static void
discover_soa(void *arg, const struct dns_answer *a)
{
	struct check *c = arg;

	c->pending--;
	if (c->closing)
		return;
	if (a->status != DNS_OK || (a->rcode != 0 && a->rcode != 3) ||
	    a->soa_owner == NULL) {
		strlist_addf(&c->problems, _("cannot find the zone of %s, so "
		    "its own name servers are not asked: %s"), c->domain,
		    a->error != NULL ? a->error : a->rcode != 0 ?
		    dns_rcode_name(a->rcode) : _("no SOA record in the "
		    "answer"));
		c->discovering = 0;
		return;
	}
	free(c->zone);
	c->zone = xstrdup(a->soa_owner);
	c->pending++;
	dns_query(check_channel(c), c->zone, DNS_T_NS, discover_ns, c);
}

/* Find the zone cut with an SOA question, then its servers. */
void
check_discover(struct check *c)
{
	struct dns_channel *ch = check_channel(c);

	if (ch == NULL)
		return;
	c->discovering = 1;
	c->pending++;
	dns_query(ch, c->domain, DNS_T_SOA, discover_soa, c);
}
