/* watch.h - the propagation schedule: when to ask which server again */
#ifndef MAILWIZ_WATCH_H
#define MAILWIZ_WATCH_H

#include <stdint.h>

struct check;

struct watch_slot {
	uint64_t next;		/* when to ask again (loop_now_ms) */
	int backoff;		/* ms, for answers with no ETA */
	unsigned seen;		/* the cell's change count last looked at */
};

struct watch {
	struct check *c;
	int interval_ms;	/* never ask one cell more often */
	int max_backoff_ms;	/* longest wait without an ETA */
	struct watch_slot *slots;	/* records x servers */
	size_t nslots;
	uint64_t spf_next;
	int spf_backoff;
};

void watch_init(struct watch *, struct check *, int, int);
void watch_free(struct watch *);
/* Ask again every cell that is due; returns ms until the next one is
   due, or -1 when nothing is left to wait for. */
int watch_tick(struct watch *, uint64_t);

#endif
