/* dashboard.c - the propagation dashboard: every record at every server;
   this file checks, keeps the schedule and takes the keys */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dashboard-int.h"
#include "loop.h"
#include "record.h"
#include "ui.h"
#include "watch.h"

#define DASH_INTERVAL_MS 5000	/* as `mailwiz watch` */
#define DASH_MAX_BACKOFF_MS 60000

/* Remember that an answer changed a cell. */
static void
dash_changed(void *arg, size_t rec, size_t srv)
{
	struct dashboard *d = arg;

	(void)rec;
	(void)srv;
	d->changed = 1;
}

/* Start checking a record set, as `mailwiz watch` does. */
struct dashboard *
dashboard_new(struct loop *l, const struct record_set *rs,
    const struct dns_server *resolvers, size_t n,
    const struct dns_options *o, int authoritative, char **cause)
{
	struct dashboard *d;
	size_t i;

	if (rs->nrecords == 0) {
		*cause = xasprintf(_("there is no record to check for '%s'"),
		    rs->domain_display != NULL ? rs->domain_display :
		    rs->domain);
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	d->c = check_new(l, rs->domain, resolvers, n, o, authoritative,
	    cause);
	if (d->c == NULL) {
		free(d);
		return NULL;
	}
	check_expect_set(d->c, rs);
	check_spf_for(d->c, &rs->spf_mechs);
	d->c->spf_loose = 1;
	d->c->changed = dash_changed;
	d->c->changed_arg = d;
	for (i = 0; i < rs->nrecords; i++)
		strlist_add(&d->hosts, rs->records[i].host != NULL ?
		    rs->records[i].host : rs->records[i].name);
	watch_init(&d->w, d->c, DASH_INTERVAL_MS, DASH_MAX_BACKOFF_MS);
	check_start(d->c);
	d->changed = 1;
	return d;
}

/* Stop asking and release the dashboard. */
void
dashboard_free(struct dashboard *d)
{
	if (d == NULL)
		return;
	watch_free(&d->w);
	check_free(d->c);
	strlist_free(&d->hosts);
	free(d);
}

/* How many servers have a question out. */
size_t
dash_servers_asked(const struct check *c)
{
	size_t i, j, n = 0;

	for (j = 0; j < c->nservers; j++) {
		for (i = 0; i < c->nrecords; i++) {
			if (c->records[i].cells[j].inflight) {
				n++;
				break;
			}
		}
	}
	return n;
}

/* Something is being asked: records, name servers or SPF. */
int
dash_busy(const struct dashboard *d)
{
	return !check_idle(d->c) || (d->c->spf.wanted && !d->c->spf.done);
}

/* Mix a number into a signature (FNV-1a). */
static uint64_t
sig_mix(uint64_t h, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++) {
		h ^= (v >> (i * 8)) & 0xff;
		h *= 1099511628211ULL;
	}
	return h;
}

/* A fingerprint of what the screen shows at time now. */
static uint64_t
dash_signature(const struct dashboard *d, uint64_t now)
{
	const struct check *c = d->c;
	uint64_t h = 14695981039346656037ULL;
	size_t i, j;
	int busy = dash_busy(d);

	h = sig_mix(h, c->nservers);
	h = sig_mix(h, c->problems.n);
	h = sig_mix(h, (uint64_t)busy);
	h = sig_mix(h, dash_servers_asked(c));
	h = sig_mix(h, (uint64_t)c->discovering);
	h = sig_mix(h, (uint64_t)c->spf.done);
	h = sig_mix(h, (uint64_t)c->spf.lookups);
	h = sig_mix(h, (uint64_t)(uintptr_t)c->spf.result);
	if (busy)
		h = sig_mix(h, now / DASH_SPIN_MS);
	else if (d->next_due > now)
		h = sig_mix(h, (d->next_due - now + 999) / 1000);
	for (i = 0; i < c->nrecords; i++) {
		for (j = 0; j < c->nservers; j++) {
			const struct check_cell *cell;

			cell = &c->records[i].cells[j];
			h = sig_mix(h, cell->status);
			h = sig_mix(h, (uint64_t)cell->inflight);
			h = sig_mix(h, cell->changes);
			h = sig_mix(h, cell->when);
			h = sig_mix(h, (uint64_t)check_eta_now(cell, now));
		}
	}
	return h;
}

/* Run the schedule; tell whether the screen must be drawn again. */
int
dashboard_tick(struct dashboard *d, uint64_t now)
{
	uint64_t sig;
	int wait;

	wait = watch_tick(&d->w, now);
	d->next_due = wait < 0 ? 0 : now + (uint64_t)wait;
	sig = dash_signature(d, now);
	if (!d->changed && sig == d->sig)
		return 0;
	d->changed = 0;
	d->sig = sig;
	return 1;
}

/* Keep the sooner of two deadlines. */
static void
sooner(uint64_t *best, uint64_t t)
{
	if (t < *best)
		*best = t;
}

/* How long until the screen shows something else. */
int
dashboard_timeout(const struct dashboard *d)
{
	const struct check *c = d->c;
	uint64_t now = loop_now_ms(), best = UINT64_MAX, left;
	size_t i, j;
	int busy;

	if (d->changed)
		return 0;
	busy = dash_busy(d);
	if (d->next_due != 0)
		sooner(&best, d->next_due);
	if (busy)
		sooner(&best, (now / DASH_SPIN_MS + 1) * DASH_SPIN_MS);
	else if (d->next_due > now) {
		/* "next check in 4s" counts down. */
		left = d->next_due - now;
		sooner(&best, now + (left - 1) % 1000 + 1);
	}
	for (i = 0; i < c->nrecords; i++) {
		for (j = 0; j < c->nservers; j++) {
			const struct check_cell *cell;

			cell = &c->records[i].cells[j];
			if (check_eta_now(cell, now) <= 0 || now < cell->when)
				continue;
			/* Its ETA shows one second less at the next whole
			   second after its answer came. */
			sooner(&best, cell->when +
			    ((now - cell->when) / 1000 + 1) * 1000);
		}
	}
	if (best == UINT64_MAX)
		return -1;
	if (best <= now)
		return 0;
	return best - now > INT_MAX ? INT_MAX : (int)(best - now);
}

/* Every record is right everywhere, SPF passes, and the zone's own servers
   have been found and asked. */
int
dashboard_all_ok(const struct dashboard *d)
{
	if (d->c->discovering || d->c->pending > 0)
		return 0;
	for (size_t i = 0; i < d->c->nrecords; i++) {
		for (size_t j = 0; j < d->c->nservers; j++) {
			if (d->c->records[i].cells[j].status == CHECK_PENDING)
				return 0;
		}
	}
	return check_all_ok(d->c);
}

/* The records right at every server, out of all. */
size_t
dash_records_ok(const struct check *c)
{
	size_t i, n = 0;

	for (i = 0; i < c->nrecords; i++) {
		if (check_record_ok(c, i))
			n++;
	}
	return n;
}

/* One line for the summary screen. */
char *
dashboard_summary(const struct dashboard *d)
{
	const struct check *c = d->c;
	char *recs, *srvs, *out;
	size_t nok = dash_records_ok(c);

	recs = xasprintf(P_("%zu of %zu record right",
	    "%zu of %zu records right", c->nrecords), nok, c->nrecords);
	srvs = xasprintf(P_("at %zu server", "at %zu servers", c->nservers),
	    c->nservers);
	if (!c->spf.wanted || (c->spf.done && c->spf.result != NULL &&
	    strcmp(c->spf.result, "pass") == 0))
		/* TRANSLATORS: "3 of 5 records right" and "at 4 servers"
		   (as translated above) in one sentence; %2$s can come
		   first. */
		out = xasprintf(_("%s %s"), recs, srvs);
	else if (!c->spf.done || c->spf.result == NULL)
		out = xasprintf(_("%s %s; SPF not evaluated yet"), recs, srvs);
	else
		out = xasprintf(_("%s %s; SPF: %s"), recs, srvs,
		    c->spf.result);
	free(recs);
	free(srvs);
	return out;
}

/* Move the selection by a number of records and servers. */
void
dash_move(struct dashboard *d, long drec, long dsrv)
{
	long r = (long)d->sel_rec + drec, s = (long)d->sel_srv + dsrv;
	long nrec = (long)d->c->nrecords, nsrv = (long)d->c->nservers;

	if (r >= nrec)
		r = nrec - 1;
	if (r < 0)
		r = 0;
	if (s >= nsrv)
		s = nsrv - 1;
	if (s < 0)
		s = 0;
	d->sel_rec = (size_t)r;
	d->sel_srv = (size_t)s;
}

/* Ask everything again at once. */
static void
dash_recheck(struct dashboard *d)
{
	struct check *c = d->c;
	size_t i, j;

	for (j = 0; j < c->nservers; j++) {
		for (i = 0; i < c->nrecords; i++)
			check_ask(c, i, j);
	}
	if (c->spf.wanted && c->spf.done)
		check_spf_again(c);
	d->changed = 1;
}

/* Handle a key. */
int
dashboard_key(struct dashboard *d, int key)
{
	long page;

	/* The wizard marks function keys so no character is taken for one;
	   a bare curses KEY_* is fine too. */
	if ((key & UI_FN) != 0)
		key &= ~UI_FN;
	switch (key) {
	case 't':
	case 'T':
		d->show_tree = !d->show_tree;
		d->tree_top = 0;
		break;
	case 'r':
	case 'R':
		dash_recheck(d);
		break;
	case KEY_UP:
		dash_move(d, -1, 0);
		break;
	case KEY_DOWN:
		dash_move(d, 1, 0);
		break;
	case KEY_LEFT:
		dash_move(d, 0, -1);
		break;
	case KEY_RIGHT:
		dash_move(d, 0, 1);
		break;
	case KEY_HOME:
		dash_move(d, 0, -(long)d->c->nservers);
		break;
	case KEY_END:
		dash_move(d, 0, (long)d->c->nservers);
		break;
	case KEY_PPAGE:
	case KEY_NPAGE:
		if (d->show_tree) {
			page = d->tree_rows > 1 ? d->tree_rows - 1 : 1;
			if (key == KEY_PPAGE)
				d->tree_top = d->tree_top > (size_t)page ?
				    d->tree_top - (size_t)page : 0;
			else
				d->tree_top += (size_t)page;
		} else {
			page = d->page_rows > 1 ? d->page_rows - 1 : 1;
			dash_move(d, key == KEY_PPAGE ? -page : page, 0);
		}
		break;
	default:
		return 0;
	}
	d->changed = 1;
	return 1;
}
