/* watch.c - the propagation schedule: when to ask which server again */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "loop.h"
#include "util.h"
#include "watch.h"

/* A cached answer is asked for again this long after it should expire, so
   the resolver has dropped it for sure. */
#define WATCH_SLACK_MS 500

/* Follow a check. */
void
watch_init(struct watch *w, struct check *c, int interval_ms,
    int max_backoff_ms)
{
	memset(w, 0, sizeof *w);
	w->c = c;
	w->interval_ms = interval_ms;
	w->max_backoff_ms = max_backoff_ms < interval_ms ? interval_ms :
	    max_backoff_ms;
	w->spf_backoff = interval_ms;
}

/* Release the schedule. */
void
watch_free(struct watch *w)
{
	free(w->slots);
	memset(w, 0, sizeof *w);
}

/* Make room for servers added since the last tick. */
static void
watch_grow(struct watch *w)
{
	size_t need = w->c->nrecords * w->c->nservers;

	if (need <= w->nslots)
		return;
	/* Servers are appended: keep each record's slots in place by
	   laying them out as [server][record]. */
	w->slots = xreallocarray(w->slots, need, sizeof *w->slots);
	memset(w->slots + w->nslots, 0,
	    (need - w->nslots) * sizeof *w->slots);
	w->nslots = need;
}

/*
 * When a cell should be asked again: a name server of the zone every
 * interval; a resolver when the cached answer it saw expires (never sooner
 * than the interval); a server that failed, or gave no expiry time, after a
 * back-off that doubles up to the maximum.
 */
static uint64_t
watch_due(struct watch *w, struct watch_slot *s, const struct check_cell *cell,
    int authoritative)
{
	uint64_t wait;

	if (cell->changes != s->seen) {
		/* Something moved: start the back-off again. */
		s->seen = cell->changes;
		s->backoff = w->interval_ms;
	}
	/* The zone's own servers answer from the zone itself: the moment
	   the record is published they have it, so they are asked every
	   interval unless they fail. */
	if (authoritative && cell->status != CHECK_ERROR)
		return cell->when + (uint64_t)w->interval_ms;
	if (cell->eta >= 0) {
		wait = (uint64_t)cell->eta * 1000 + WATCH_SLACK_MS;
		if (wait < (uint64_t)w->interval_ms)
			wait = (uint64_t)w->interval_ms;
		return cell->when + wait;
	}
	if (s->backoff < w->interval_ms)
		s->backoff = w->interval_ms;
	wait = (uint64_t)s->backoff;
	s->backoff *= 2;
	if (s->backoff > w->max_backoff_ms)
		s->backoff = w->max_backoff_ms;
	return cell->when + wait;
}

/* Ask again what is due; tell how long until the next thing is. */
int
watch_tick(struct watch *w, uint64_t now)
{
	struct check *c = w->c;
	uint64_t soonest = UINT64_MAX;
	size_t i, j;

	watch_grow(w);
	for (j = 0; j < c->nservers; j++) {
		for (i = 0; i < c->nrecords; i++) {
			struct check_cell *cell = &c->records[i].cells[j];
			struct watch_slot *s = &w->slots[j * c->nrecords + i];

			if (cell->inflight || cell->status == CHECK_OK ||
			    cell->status == CHECK_PENDING)
				continue;
			if (s->next == 0 || s->next <= cell->when)
				s->next = watch_due(w, s, cell,
				    c->servers[j].authoritative);
			if (s->next <= now) {
				s->next = 0;
				check_ask(c, i, j);
				continue;
			}
			if (s->next < soonest)
				soonest = s->next;
		}
	}
	if (c->spf.wanted && c->spf.done && (c->spf.result == NULL ||
	    strcmp(c->spf.result, "pass") != 0)) {
		if (w->spf_next == 0) {
			w->spf_next = now + (uint64_t)w->spf_backoff;
			w->spf_backoff *= 2;
			if (w->spf_backoff > w->max_backoff_ms)
				w->spf_backoff = w->max_backoff_ms;
		}
		if (w->spf_next <= now) {
			w->spf_next = 0;
			check_spf_again(c);
		} else if (w->spf_next < soonest)
			soonest = w->spf_next;
	}
	if (soonest == UINT64_MAX)
		return -1;
	return (int)(soonest - now);
}
