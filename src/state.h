/* state.h - saved watch state, so a 72-hour wait survives a reboot */
#ifndef MAILWIZ_STATE_H
#define MAILWIZ_STATE_H

#include <time.h>

#include "util.h"

struct watch_state {
	struct strlist args;	/* the watch's command line, after "watch" */
	time_t started;
	time_t deadline;
};

/* The default state file: $XDG_STATE_HOME/mailwiz/watch.state, else
   ~/.local/state/mailwiz/watch.state. NULL when neither can be named. */
char *state_default_path(void);
/* Save atomically, mode 0600, creating the directory (0700). */
int state_save(const char *, const struct watch_state *, char **);
/* Load; -1 with *cause naming file:line when it is damaged. */
int state_load(const char *, struct watch_state *, char **);
void state_free(struct watch_state *);

#endif
