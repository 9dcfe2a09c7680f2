/* dashboard-int.h - what the dashboard's files share; dashboard.h is the
   API */
#ifndef MAILWIZ_UI_DASHBOARD_INT_H
#define MAILWIZ_UI_DASHBOARD_INT_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "check.h"
#include "dashboard.h"
#include "util.h"
#include "watch.h"

#define DASH_SPIN_MS 250	/* spinner frame while questions are out */

struct dashboard {
	struct check *c;
	struct watch w;
	struct strlist hosts;	/* each record's host, as the plan shows it */
	int changed;		/* an answer came since the last tick */
	uint64_t next_due;	/* when the schedule asks again; 0 never */
	uint64_t sig;		/* what the screen showed at the last tick */
	size_t sel_rec, sel_srv;	/* the selected cell (sel_srv and
					   left_srv count columns) */
	size_t top_rec, left_srv;	/* the first record and column shown */
	int show_tree;
	size_t tree_top;
	int page_rows;		/* records shown by the last draw */
	int tree_rows;		/* tree lines shown by the last draw */
	int pairs;		/* colour pairs: 0 not tried, 1 ready,
				   -1 none */
};

/* What a cell shows: its status, or that the first answer is awaited. */
enum dash_kind {
	DASH_OK,
	DASH_MISSING,
	DASH_WRONG,
	DASH_ERROR,
	DASH_ASKING
};

/* The characters of one drawing style. */
struct dash_glyphs {
	const char *sym[5];	/* by enum dash_kind */
	const char *vline, *hline, *left, *right, *up, *down, *more;
	const char *pass, *nopass;
	const char *spin[10];
	size_t nspin;
};

/* Everything one draw needs to know. */
struct dash_draw {
	struct dashboard *d;
	WINDOW *win;
	int y, x, rows, cols;
	int ascii, color;
	const struct dash_glyphs *g;
	uint64_t now;
	int labelw;		/* the record column */
	int pw, tw;		/* purpose and type widths inside it */
	int colw;		/* one server column, gap excluded */
	int show_eta;		/* cells have room for their ETA */
	int abbrev;		/* servers named R1, N1 with a legend */
	size_t nvis;		/* server columns shown */
	size_t *order;		/* the server of each column */
	char **names;		/* what heads each server's column */
};

/* The rows each part gets; a part with 0 rows is not drawn. */
struct dash_rows {
	int status, group, names, matrix, legend, details, problems, spf;
	int tree;
};

/* dashboard.c: checking, the schedule, keys. */
size_t dash_servers_asked(const struct check *);
int dash_busy(const struct dashboard *);
size_t dash_records_ok(const struct check *);
void dash_move(struct dashboard *, long, long);

/* dashboard-layout.c: glyphs, text widths, columns and rows. */
extern const char *dash_words[DASH_ASKING + 1];
extern const struct dash_glyphs dash_utf8;
extern const struct dash_glyphs dash_ascii;
int dash_fit(struct buf *, const char *, int, const struct dash_glyphs *,
    int);
int dash_text_width(const char *, const struct dash_glyphs *, int);
void dash_column_order(const struct check *, size_t *);
char *dash_unique_name(const struct check *, size_t);
void dash_layout(struct dash_draw *);
int dash_column_x(const struct dash_draw *, size_t);
void dash_rows(const struct dash_draw *, struct dash_rows *);

#endif
