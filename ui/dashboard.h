/* dashboard.h - the propagation dashboard: every record at every server */
#ifndef MAILWIZ_UI_DASHBOARD_H
#define MAILWIZ_UI_DASHBOARD_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

struct dns_options;
struct dns_server;
struct loop;
struct record_set;

/* The colour pairs the dashboard defines for itself when colours are
   allowed (green, red, yellow on the default background). */
#define DASHBOARD_PAIR_OK 13
#define DASHBOARD_PAIR_BAD 14
#define DASHBOARD_PAIR_MISSING 15

struct dashboard;

/*
 * Start checking every record of the set at the resolvers (and, when
 * authoritative is set, at the zone's own name servers once found), as
 * `mailwiz watch` does, on the wizard's loop. NULL with *cause when there
 * is nothing to check or a server cannot be set up.
 */
struct dashboard *dashboard_new(struct loop *, const struct record_set *,
    const struct dns_server *resolvers, size_t n, const struct dns_options *,
    int authoritative, char **cause);
/* Stop asking and release everything; the loop must still exist. */
void dashboard_free(struct dashboard *);
/* Draw the matrix inside the window area. ascii: ASCII instead of UTF-8
   line drawing/symbols; color: colours allowed (never colour alone). */
void dashboard_draw(struct dashboard *, WINDOW *, int y, int x, int rows,
    int cols, int ascii, int color);
/* Keys: 't' SPF tree on/off, 'r' re-check now, arrows/PgUp/PgDn scroll
   (curses KEY_* codes, bare or marked with UI_FN as the wizard does).
   Returns 1 when it used the key. */
int dashboard_key(struct dashboard *, int key);
/* Milliseconds until it needs to be redrawn (the countdown ticks each
   second) or -1. */
int dashboard_timeout(const struct dashboard *);
/* Run the re-check schedule; returns 1 when something changed (redraw).
   Call it after every pass of the loop (answers arrive in between). */
int dashboard_tick(struct dashboard *, uint64_t now_ms);
/* Every record is right at every server and SPF passes. */
int dashboard_all_ok(const struct dashboard *);
/* A one-line summary for the summary screen, e.g. "5 of 5 records right
   at 6 servers" (malloc'd). */
char *dashboard_summary(const struct dashboard *);

#endif
