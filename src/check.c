/* check.c - is every record right, at every server? */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "check-int.h"
#include "dkim.h"
#include "domain.h"
#include "dmarc.h"
#include "loop.h"
#include "record.h"
#include "spf.h"

/* Name a status as the JSON output spells it. */
const char *
check_status_name(enum check_status s)
{
	switch (s) {
	case CHECK_PENDING:
		return "pending";
	case CHECK_OK:
		return "ok";
	case CHECK_MISSING:
		return "missing";
	case CHECK_MISMATCH:
		return "mismatch";
	case CHECK_ERROR:
		return "error";
	}
	return "error";
}

/* Compare two DNS names, ignoring case and a trailing dot. */
int
check_name_eq(const char *a, const char *b)
{
	return domain_name_eq(a, b);
}

/* Make a check of a domain through recursive resolvers. */
struct check *
check_new(struct loop *l, const char *domain, const struct dns_server *rec,
    size_t nrec, const struct dns_options *o, int authoritative,
    char **cause)
{
	struct check *c;
	size_t i;

	c = xcalloc(1, sizeof *c);
	c->loop = l;
	c->opts = *o;
	c->domain = xstrdup(domain);
	c->authoritative = authoritative;
	for (i = 0; i < nrec; i++) {
		if (check_add_server(c, &rec[i], 0, cause) == (size_t)-1) {
			check_free(c);
			return NULL;
		}
	}
	c->nrecursive = c->nservers;
	if (nrec == 0) {
		/* The system's resolvers, as one server. */
		struct dns_server sys;

		memset(&sys, 0, sizeof sys);
		sys.label = _("system resolver");
		sys.recursive = 1;
		if (check_add_server(c, &sys, 0, cause) == (size_t)-1) {
			check_free(c);
			return NULL;
		}
		c->nrecursive = 1;
	}
	return c;
}

/* Release one cell's contents. */
static void
cell_clear(struct check_cell *cell)
{
	free(cell->answer);
	free(cell->reason);
	cell->answer = cell->reason = NULL;
}

/* Release a check; questions still out are cancelled. */
void
check_free(struct check *c)
{
	size_t i, j;

	if (c == NULL)
		return;
	c->changed = NULL;
	c->closing = 1;
	for (i = 0; i < c->nservers; i++) {
		/* Destroying a channel answers its questions with an error;
		   they only touch the check, which is still whole. */
		dns_channel_free(c->servers[i].ch);
		c->servers[i].ch = NULL;
	}
	check_spf_free(c);
	for (i = 0; i < c->nservers; i++) {
		dns_server_free(&c->servers[i].srv);
		free(c->servers[i].error);
	}
	free(c->servers);
	for (i = 0; i < c->nrecords; i++) {
		struct check_record *r = &c->records[i];

		for (j = 0; j < c->nservers && r->cells != NULL; j++)
			cell_clear(&r->cells[j]);
		free(r->cells);
		free(r->name);
		free(r->type);
		free(r->value);
		free(r->purpose);
		strlist_free(&r->notes);
	}
	free(c->records);
	strlist_free(&c->problems);
	free(c->domain);
	free(c->zone);
	free(c);
}

/*
 * Add a server: a channel to it, and a cell for it in every record.
 * Returns its index, or (size_t)-1 with *cause when no channel can be made
 * (an NS without an address is added with its error instead).
 */
size_t
check_add_server(struct check *c, const struct dns_server *s, int auth,
    char **cause)
{
	struct check_server *cs;
	struct dns_server copy;
	size_t i, idx;

	c->servers = xreallocarray(c->servers, c->nservers + 1,
	    sizeof *c->servers);
	idx = c->nservers;
	cs = &c->servers[idx];
	memset(cs, 0, sizeof *cs);
	cs->srv.addr = s->addr != NULL ? xstrdup(s->addr) : NULL;
	cs->srv.port = s->port != 0 ? s->port : 53;
	cs->srv.label = xstrdup(s->label != NULL ? s->label : s->addr);
	cs->srv.recursive = !auth;
	cs->authoritative = auth;
	if (s->addr != NULL || !auth) {
		copy = cs->srv;
		cs->ch = dns_channel_new(c->loop, s->addr != NULL ? &copy :
		    NULL, &c->opts, cause);
		if (cs->ch == NULL) {
			dns_server_free(&cs->srv);
			return (size_t)-1;
		}
	}
	c->nservers++;
	for (i = 0; i < c->nrecords; i++) {
		struct check_record *r = &c->records[i];

		r->cells = xreallocarray(r->cells, c->nservers,
		    sizeof *r->cells);
		memset(&r->cells[idx], 0, sizeof r->cells[idx]);
		r->cells[idx].ttl = r->cells[idx].eta = -1;
	}
	return idx;
}

/* Expect one record. */
void
check_expect(struct check *c, const char *name, const char *type,
    const char *value, const char *purpose)
{
	struct check_record *r;
	size_t j;

	c->records = xreallocarray(c->records, c->nrecords + 1,
	    sizeof *c->records);
	r = &c->records[c->nrecords++];
	memset(r, 0, sizeof *r);
	if (name[0] != '\0' && name[strlen(name) - 1] == '.')
		r->name = xstrdup(name);
	else
		r->name = xasprintf("%s.", name);
	r->type = xstrdup(type);
	r->value = xstrdup(value);
	r->purpose = xstrdup(purpose != NULL ? purpose : "");
	r->cells = xcalloc(c->nservers > 0 ? c->nservers : 1,
	    sizeof *r->cells);
	for (j = 0; j < c->nservers; j++)
		r->cells[j].ttl = r->cells[j].eta = -1;
}

/* Expect every record of a plan. */
void
check_expect_set(struct check *c, const struct record_set *rs)
{
	size_t i;

	for (i = 0; i < rs->nrecords; i++)
		check_expect(c, rs->records[i].name, rs->records[i].type,
		    rs->records[i].value, rs->records[i].purpose);
}

/* The question type that shows a record. A CNAME is asked as such, so a
   resolver does not chase the target: a broken target must not hide a
   right CNAME. */
static int
ask_type(const struct check_record *r)
{
	if (strcmp(r->type, "MX") == 0)
		return DNS_T_MX;
	if (strcmp(r->type, "CNAME") == 0)
		return DNS_T_CNAME;
	return DNS_T_TXT;
}

struct check_ask {
	struct check *c;
	size_t rec;
	size_t srv;
};

/* Store a status in a cell and tell the listener when it changed. */
static void
cell_set(struct check *c, size_t rec, size_t srv, enum check_status st,
    const char *answer, const char *reason, long ttl, long eta)
{
	struct check_cell *cell = &c->records[rec].cells[srv];
	enum check_status old = cell->status;

	cell_clear(cell);
	cell->status = st;
	cell->answer = answer != NULL ? xstrdup(answer) : NULL;
	cell->reason = reason != NULL ? xstrdup(reason) : NULL;
	cell->ttl = ttl;
	cell->eta = c->servers[srv].authoritative || st == CHECK_OK ? -1 : eta;
	cell->when = loop_now_ms();
	if (old != st)
		cell->changes++;
	if (c->changed != NULL)
		c->changed(c->changed_arg, rec, srv);
}

/*
 * With a loose SPF expectation, what is expected is the record seen with
 * the path's mechanisms merged in (what `plan` would propose); a DMARC
 * record seen that is right is the one expected.
 */
static void
check_update_expected(struct check *c, size_t rec,
    const struct check_judgement *j)
{
	struct check_record *r = &c->records[rec];
	char *cur, *next, *cause = NULL;
	size_t i;

	if (!c->spf_loose || j->answer == NULL)
		return;
	if (strcmp(r->purpose, "dmarc") == 0 && j->status == CHECK_OK) {
		free(r->value);
		r->value = xstrdup(j->answer);
		return;
	}
	if (strcmp(r->purpose, "spf") != 0 || (j->status != CHECK_OK &&
	    j->status != CHECK_MISMATCH))
		return;
	cur = xstrdup(j->answer);
	for (i = 0; i < c->spf.mechs.n; i++) {
		if (spf_merge(cur, c->spf.mechs.v[i], &next, &cause) == -1) {
			free(cause);
			free(cur);
			return;
		}
		free(cur);
		cur = next;
	}
	free(r->value);
	r->value = cur;
}

/* Judge one answer for one record. */
static void
check_answered(void *arg, const struct dns_answer *a)
{
	struct check_ask *q = arg;
	struct check *c = q->c;
	struct check_judgement j;

	c->records[q->rec].cells[q->srv].inflight = 0;
	if (c->closing) {
		free(q);
		return;
	}
	memset(&j, 0, sizeof j);
	check_judge(c, q->rec, q->srv, a, &j);
	check_update_expected(c, q->rec, &j);
	cell_set(c, q->rec, q->srv, j.status, j.answer, j.reason, j.ttl,
	    j.eta);
	free(j.answer);
	free(j.reason);
	check_followup(c, q->rec, q->srv, a);
	free(q);
}

/* Ask one record of one server. */
void
check_ask(struct check *c, size_t rec, size_t srv)
{
	struct check_server *s = &c->servers[srv];
	struct check_record *r = &c->records[rec];
	struct check_ask *q;
	char *name;

	if (r->cells[srv].inflight)
		return;
	if (s->ch == NULL) {
		cell_set(c, rec, srv, CHECK_ERROR, NULL, s->error != NULL ?
		    s->error : _("cannot be asked"), -1, -1);
		return;
	}
	q = xmalloc(sizeof *q);
	q->c = c;
	q->rec = rec;
	q->srv = srv;
	r->cells[srv].inflight = 1;
	r->cells[srv].asked = loop_now_ms();
	name = xstrndup(r->name, strlen(r->name) - 1);
	dns_query(s->ch, name, ask_type(r), check_answered, q);
	free(name);
}

/* Ask every record of one server. */
void
check_ask_server(struct check *c, size_t srv)
{
	size_t i;

	for (i = 0; i < c->nrecords; i++)
		check_ask(c, i, srv);
}

/* Start: recursive servers at once, the zone's own servers once found,
   SPF evaluated beside. */
void
check_start(struct check *c)
{
	size_t i;

	for (i = 0; i < c->nrecursive; i++)
		check_ask_server(c, i);
	if (c->authoritative)
		check_discover(c);
	if (c->spf.wanted)
		check_spf_start(c);
}

/* Nothing is waiting for an answer. */
int
check_idle(const struct check *c)
{
	size_t i, j;

	if (c->pending > 0)
		return 0;
	for (i = 0; i < c->nrecords; i++) {
		for (j = 0; j < c->nservers; j++) {
			if (c->records[i].cells[j].inflight)
				return 0;
		}
	}
	return 1;
}

/* One record is right at every server. */
int
check_record_ok(const struct check *c, size_t rec)
{
	size_t j;

	for (j = 0; j < c->nservers; j++) {
		if (c->records[rec].cells[j].status != CHECK_OK)
			return 0;
	}
	return 1;
}

/* Every record is right everywhere, and SPF passes. */
int
check_all_ok(const struct check *c)
{
	size_t i;

	for (i = 0; i < c->nrecords; i++) {
		if (!check_record_ok(c, i))
			return 0;
	}
	if (c->spf.wanted && (c->spf.result == NULL ||
	    strcmp(c->spf.result, "pass") != 0))
		return 0;
	return 1;
}

/* The remaining seconds of a cell's ETA at time now. */
long
check_eta_now(const struct check_cell *cell, uint64_t now)
{
	long left;

	if (cell->eta < 0)
		return -1;
	left = cell->eta - (long)((now - cell->when) / 1000);
	return left < 0 ? 0 : left;
}
