/* lookup.c - what a domain publishes now (SPF, old SPF type, DMARC) */
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "lookup.h"
#include "loop.h"
#include "plan.h"

struct lookup_query {
	const char *name;
	int type;
	int done;
	int ok;			/* NOERROR or NXDOMAIN came back */
	int nxdomain;
	char *error;
	struct strlist txt;
};

/* Keep the TXT strings of an answer (only the owner's, not a CNAME's). */
static void
lookup_answered(void *arg, const struct dns_answer *a)
{
	struct lookup_query *q = arg;
	size_t i;

	q->done = 1;
	if (a->status != DNS_OK) {
		q->error = xstrdup(a->error);
		return;
	}
	if (a->rcode != 0 && a->rcode != 3) {
		q->error = xasprintf(_("answered %s"),
		    dns_rcode_name(a->rcode));
		return;
	}
	q->ok = 1;
	q->nxdomain = a->rcode == 3;
	for (i = 0; i < a->nan; i++) {
		if (a->an[i].type == q->type)
			strlist_add(&q->txt, a->an[i].data);
	}
}

/* Ask one resolver the three questions; 0 when all were answered. */
static int
lookup_one(const struct dns_server *server, const struct dns_options *o,
    const char *domain, struct plan_existing *out, struct buf *errors)
{
	struct lookup_query q[3];
	struct dns_channel *dc;
	struct loop *l;
	char *dmarc, *cause = NULL;
	size_t i;
	int rc = 0;

	memset(q, 0, sizeof q);
	dmarc = xasprintf("_dmarc.%s", domain);
	q[0].name = domain;
	q[0].type = DNS_T_TXT;
	q[1].name = domain;
	q[1].type = DNS_T_SPF;
	q[2].name = dmarc;
	q[2].type = DNS_T_TXT;
	l = loop_new();
	dc = dns_channel_new(l, server, o, &cause);
	if (dc == NULL) {
		buf_printf(errors, "%s%s", errors->len > 0 ? "; " : "", cause);
		free(cause);
		loop_free(l);
		free(dmarc);
		return -1;
	}
	for (i = 0; i < nitems(q); i++)
		dns_query(dc, q[i].name, q[i].type, lookup_answered, &q[i]);
	while (dns_channel_pending(dc) > 0) {
		if (loop_once(l, -1) == -1)
			break;
	}
	dns_channel_free(dc);
	loop_free(l);

	for (i = 0; i < nitems(q); i++) {
		/* Some servers refuse type 99; that must not stop us. */
		if (!q[i].ok && q[i].type != DNS_T_SPF) {
			buf_printf(errors, "%s%s: %s %s: %s",
			    errors->len > 0 ? "; " : "",
			    server != NULL ? server->label :
			    _("system resolver"), q[i].name,
			    dns_type_name(q[i].type),
			    q[i].error != NULL ? q[i].error : "?");
			rc = -1;
			break;
		}
	}
	if (rc == 0) {
		out->known = 1;
		out->dmarc_known = 1;
		out->nxdomain = q[0].nxdomain;
		for (i = 0; i < q[0].txt.n; i++)
			strlist_add(&out->txt, q[0].txt.v[i]);
		out->spf_rr = q[1].txt.n > 0;
		for (i = 0; i < q[2].txt.n; i++)
			strlist_add(&out->dmarc, q[2].txt.v[i]);
	}
	for (i = 0; i < nitems(q); i++) {
		free(q[i].error);
		strlist_free(&q[i].txt);
	}
	free(dmarc);
	return rc;
}

/* Ask the resolvers in turn until one answers. */
int
lookup_existing(const struct dns_server *servers, size_t n,
    const struct dns_options *o, const char *domain,
    struct plan_existing *out, char **cause)
{
	struct buf errors;
	size_t i;

	buf_init(&errors);
	if (n == 0) {
		if (lookup_one(NULL, o, domain, out, &errors) == 0) {
			buf_free(&errors);
			return 0;
		}
	}
	for (i = 0; i < n; i++) {
		if (lookup_one(&servers[i], o, domain, out, &errors) == 0) {
			buf_free(&errors);
			return 0;
		}
	}
	*cause = xasprintf(_("cannot look up the current records of '%s' "
	    "(%s); name a working resolver with --resolver, or use "
	    "--existing-spf or --offline"), domain, errors.data);
	buf_free(&errors);
	return -1;
}
