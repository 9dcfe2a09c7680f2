/* wizstate.h - the wizard's answers saved, so `mailwiz --resume` reopens it */
#ifndef MAILWIZ_WIZSTATE_H
#define MAILWIZ_WIZSTATE_H

#include <time.h>

#include "util.h"

/*
 * What the wizard needs to come back where the administrator left it.
 * A string member is NULL when there is no answer (an empty string is an
 * answer and is kept as such).
 */
struct wizstate {
	char *feature, *server, *provider, *domain;
	struct strlist provider_ids;	/* "KEY=VALUE" */
	struct strlist ips;
	char *dkim_text;	/* as pasted: many lines, tabs, quotes */
	char *dmarc_rua;
	char *export_format, *export_path;
	struct strlist exported;	/* what the summary lists */
	struct strlist resolvers;	/* --resolver values given */
	int screen;		/* the screen to reopen */
	int dashboard_started;	/* the propagation dashboard was opened */
	time_t saved_at;	/* when it was saved */
};

/* $XDG_STATE_HOME/mailwiz/wizard.state, else
   ~/.local/state/mailwiz/wizard.state; NULL when neither can be named. */
char *wizstate_default_path(void);
/* Save atomically (file_write_atomic), mode 0600, parent directories
   created 0700; saved_at 0 is saved as the current time. */
int wizstate_save(const char *path, const struct wizstate *, char **cause);
/* Load; -1 with "FILE:LINE: what is wrong" when the file is damaged (the
   state is then empty). Never crashes on any input. */
int wizstate_load(const char *path, struct wizstate *, char **cause);
void wizstate_free(struct wizstate *);

#endif
