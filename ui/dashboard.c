/* dashboard.c - the propagation dashboard: every record at every server */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "check.h"
#include "dashboard.h"
#include "loop.h"
#include "record.h"
#include "ui.h"
#include "watch.h"

#define DASH_INTERVAL_MS 5000	/* as `mailwiz watch` */
#define DASH_MAX_BACKOFF_MS 60000
#define DASH_SPIN_MS 250	/* spinner frame while questions are out */
#define DASH_ETA_WIDTH 7	/* " 59m59s" after the word in a cell */
#define DASH_LABEL_MIN 16	/* the record column is never cut shorter */

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

static const char *dash_words[] = {
	N_("ok"), N_("missing"), N_("wrong"), N_("error"), N_("asking")
};

/* The characters of one drawing style. */
struct dash_glyphs {
	const char *sym[5];	/* by enum dash_kind */
	const char *vline, *hline, *left, *right, *up, *down, *more;
	const char *pass, *nopass;
	const char *spin[10];
	size_t nspin;
};

static const struct dash_glyphs dash_utf8 = {
	{ "✓", "○", "✗", "!", "⋯" },
	"│", "─", "◀", "▶", "▲", "▼", "…", "✓", "✗",
	{ "⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏" }, 10
};

static const struct dash_glyphs dash_ascii = {
	{ "[ok]", "[--]", "[!!]", "[!!]", "[??]" },
	"|", "-", "<", ">", "^", "v", "~", "[ok]", "[!!]",
	{ "|", "/", "-", "\\" }, 4
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

/* What a cell shows. */
static enum dash_kind
cell_kind(const struct check_cell *cell)
{
	switch (cell->status) {
	case CHECK_PENDING:
		return DASH_ASKING;
	case CHECK_OK:
		return DASH_OK;
	case CHECK_MISSING:
		return DASH_MISSING;
	case CHECK_MISMATCH:
		return DASH_WRONG;
	case CHECK_ERROR:
		break;
	}
	return DASH_ERROR;
}

/* How many servers have a question out. */
static size_t
servers_asked(const struct check *c)
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
static int
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
	h = sig_mix(h, servers_asked(c));
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
static size_t
records_ok(const struct check *c)
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
	size_t nok = records_ok(c);

	recs = xasprintf(P_("%zu of %zu record right",
	    "%zu of %zu records right", c->nrecords), nok, c->nrecords);
	srvs = xasprintf(P_("at %zu server", "at %zu servers", c->nservers),
	    c->nservers);
	if (!c->spf.wanted || (c->spf.done && c->spf.result != NULL &&
	    strcmp(c->spf.result, "pass") == 0))
		out = xasprintf("%s %s", recs, srvs);
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
static void
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

/*
 * Append what fits of s in width columns to out (NULL: only measure),
 * cut with an ellipsis when longer; characters that cannot be shown (and,
 * in ASCII, anything not ASCII) become '?'. Returns the columns used.
 */
static int
fit(struct buf *out, const char *s, int width, const struct dash_glyphs *g,
    int ascii)
{
	size_t left = strlen(s), n, plen;
	const char *piece;
	mbstate_t ps;
	wchar_t wc;
	int used = 0, limit, w, total;

	if (width <= 0)
		return 0;
	limit = width;
	if (out != NULL) {
		total = fit(NULL, s, INT_MAX, g, ascii);
		if (total > width)
			limit = width - 1;
	}
	memset(&ps, 0, sizeof ps);
	while (left > 0) {
		n = mbrtowc(&wc, s, left, &ps);
		if (n == 0)
			break;
		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&ps, 0, sizeof ps);
			n = 1;
			piece = "?";
			plen = 1;
			w = 1;
		} else if ((ascii && (unsigned long)wc >= 0x80) ||
		    (w = wcwidth(wc)) < 0) {
			piece = "?";
			plen = 1;
			w = 1;
		} else {
			piece = s;
			plen = n;
		}
		if (used + w > limit)
			break;
		if (out != NULL)
			buf_add(out, piece, plen);
		used += w;
		s += n;
		left -= n;
	}
	if (out != NULL && limit < width) {
		buf_puts(out, g->more);
		used++;
	}
	return used;
}

/* Display width of a text. */
static int
text_width(const char *s, const struct dash_glyphs *g, int ascii)
{
	return fit(NULL, s, INT_MAX, g, ascii);
}

/* Write text at a row and column of the area, in at most width columns;
   returns the columns used. */
static int
put(struct dash_draw *dd, int row, int col, int width, const char *s,
    attr_t attr)
{
	struct buf b;
	int used;

	if (row < 0 || row >= dd->rows || col < 0 || col >= dd->cols)
		return 0;
	if (width > dd->cols - col)
		width = dd->cols - col;
	buf_init(&b);
	used = fit(&b, s, width, dd->g, dd->ascii);
	if (b.len > 0) {
		wattrset(dd->win, attr);
		mvwaddnstr(dd->win, dd->y + row, dd->x + col, b.data,
		    (int)b.len);
		wattrset(dd->win, A_NORMAL);
	}
	buf_free(&b);
	return used;
}

/* Fill part of a row with one glyph. */
static void
fill(struct dash_draw *dd, int row, int col, int width, const char *glyph,
    attr_t attr)
{
	struct buf b;

	buf_init(&b);
	for (int i = 0; i < width; i++)
		buf_puts(&b, glyph);
	put(dd, row, col, width, b.data, attr);
	buf_free(&b);
}

/* Set up the colour pairs once, on the terminal's own background. */
static void
dash_colors(struct dashboard *d)
{
	short fg, bg;

	if (d->pairs != 0)
		return;
	d->pairs = -1;
	if (!has_colors() || COLOR_PAIRS <= DASHBOARD_PAIR_MISSING)
		return;
	if (pair_content(0, &fg, &bg) == ERR)
		bg = COLOR_BLACK;
	if (init_pair(DASHBOARD_PAIR_OK, COLOR_GREEN, bg) == ERR ||
	    init_pair(DASHBOARD_PAIR_BAD, COLOR_RED, bg) == ERR ||
	    init_pair(DASHBOARD_PAIR_MISSING, COLOR_YELLOW, bg) == ERR)
		return;
	d->pairs = 1;
}

/* The colour of a kind of cell, when colours are on. */
static attr_t
kind_attr(const struct dash_draw *dd, enum dash_kind k)
{
	if (!dd->color)
		return A_NORMAL;
	switch (k) {
	case DASH_OK:
		return COLOR_PAIR(DASHBOARD_PAIR_OK);
	case DASH_MISSING:
		return COLOR_PAIR(DASHBOARD_PAIR_MISSING);
	case DASH_WRONG:
	case DASH_ERROR:
		return COLOR_PAIR(DASHBOARD_PAIR_BAD) | A_BOLD;
	case DASH_ASKING:
		break;
	}
	return A_NORMAL;
}

/* "4m12s": a countdown in few columns. */
static void
eta_text(char *out, size_t len, long s)
{
	if (s < 60)
		snprintf(out, len, "%lds", s);
	else if (s < 3600)
		snprintf(out, len, "%ldm%02lds", s / 60, s % 60);
	else if (s < 100 * 3600)
		snprintf(out, len, "%ldh%02ldm", s / 3600, (s / 60) % 60);
	else
		snprintf(out, len, "%ldd", s / 86400);
}

/* A server's name without the address discovery adds to name servers:
   "ns1.example.com (192.0.2.1)" is shown as ns1.example.com. */
static char *
short_name(const struct check_server *s)
{
	const char *label = s->srv.label != NULL ? s->srv.label : "?";
	size_t n = strlen(label);
	const char *paren;

	if (s->authoritative && s->srv.addr != NULL) {
		paren = strstr(label, " (");
		if (paren != NULL && label[n - 1] == ')')
			n = (size_t)(paren - label);
	}
	if (n > 1 && label[n - 1] == '.')
		n--;
	return xstrndup(label, n);
}

/*
 * The order of the columns: the resolvers as given, then the zone's own
 * servers by name, whatever order discovery found them in, so the screen
 * looks the same from one run to the next.
 */
static void
column_order(const struct check *c, size_t *order)
{
	const char *a, *b;
	size_t i, k, t;

	for (i = 0; i < c->nservers; i++) {
		order[i] = i;
		for (k = i; k > 0; k--) {
			if (!c->servers[order[k]].authoritative ||
			    !c->servers[order[k - 1]].authoritative)
				break;
			a = c->servers[order[k - 1]].srv.label;
			b = c->servers[order[k]].srv.label;
			if (a == NULL || b == NULL || strcmp(a, b) <= 0)
				break;
			t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	}
}

/* A server's short name, or its whole label when another server has the
   same short name (one name server at two addresses). */
static char *
unique_name(const struct check *c, size_t j)
{
	char *name = short_name(&c->servers[j]), *other;
	size_t k;
	int same = 0;

	for (k = 0; k < c->nservers && !same; k++) {
		if (k == j)
			continue;
		other = short_name(&c->servers[k]);
		same = strcmp(name, other) == 0;
		free(other);
	}
	if (!same)
		return name;
	free(name);
	return xstrdup(c->servers[j].srv.label != NULL ?
	    c->servers[j].srv.label : "?");
}

/* Name every server's column: short names, the full label where two
   short names are the same, or R1/N1 when abbreviating. */
static void
name_columns(struct dash_draw *dd, int abbrev)
{
	const struct check *c = dd->d->c;
	size_t j, p, nrec = 0, nauth = 0;

	for (p = 0; p < c->nservers; p++) {
		j = dd->order[p];
		free(dd->names[j]);
		if (abbrev) {
			/* TRANSLATORS: short column names: R1 is the first
			   recursive resolver, N1 the first name server. */
			if (c->servers[j].authoritative)
				dd->names[j] = xasprintf(_("N%zu"), ++nauth);
			else
				dd->names[j] = xasprintf(_("R%zu"), ++nrec);
		} else
			dd->names[j] = unique_name(c, j);
	}
}

/* The widest of the column names. */
static int
widest_name(const struct dash_draw *dd)
{
	int w = 0, n;

	for (size_t j = 0; j < dd->d->c->nservers; j++) {
		n = text_width(dd->names[j], dd->g, dd->ascii);
		if (n > w)
			w = n;
	}
	return w;
}

/* Whether a record column and n server columns fit the width. */
static int
columns_fit(const struct dash_draw *dd, int labelw, int colw, size_t n)
{
	return labelw + 1 + (long)n * (colw + 1) <= dd->cols;
}

/*
 * Choose the widths: the record column, the server columns with names,
 * ETAs in the cells when there is room, abbreviations with a legend when
 * names do not fit, and scrolling sideways when even that does not fit.
 */
static void
dash_layout(struct dash_draw *dd)
{
	const struct check *c = dd->d->c;
	struct dashboard *d = dd->d;
	size_t i, n = c->nservers;
	int symw = 0, wordw = 0, basecw, natural, labelw, minlabel, hw = 0;
	int w, try, namew;

	for (i = 0; i < nitems(dash_words); i++) {
		w = text_width(dd->g->sym[i], dd->g, dd->ascii);
		symw = w > symw ? w : symw;
		w = text_width(_(dash_words[i]), dd->g, dd->ascii);
		wordw = w > wordw ? w : wordw;
	}
	basecw = symw + 1 + wordw;
	dd->pw = dd->tw = 0;
	for (i = 0; i < c->nrecords; i++) {
		w = text_width(c->records[i].purpose, dd->g, dd->ascii);
		dd->pw = w > dd->pw ? w : dd->pw;
		w = text_width(c->records[i].type, dd->g, dd->ascii);
		dd->tw = w > dd->tw ? w : dd->tw;
		w = text_width(d->hosts.v[i], dd->g, dd->ascii);
		hw = w > hw ? w : hw;
	}
	natural = dd->pw + 1 + dd->tw + 1 + hw;
	if (natural > dd->cols / 2)
		natural = dd->cols / 2;
	minlabel = natural < DASH_LABEL_MIN ? natural : DASH_LABEL_MIN;

	/* Full names first, with ETAs, then without; then abbreviated. */
	for (try = 0; try < 4; try++) {
		dd->abbrev = try >= 2;
		name_columns(dd, dd->abbrev);
		namew = widest_name(dd);
		dd->colw = basecw + (try % 2 == 0 ? DASH_ETA_WIDTH : 0);
		if (namew > dd->colw)
			dd->colw = namew;
		labelw = dd->cols - 1 - (int)n * (dd->colw + 1);
		if (labelw > natural)
			labelw = natural;
		if (labelw >= minlabel &&
		    columns_fit(dd, labelw, dd->colw, n)) {
			dd->labelw = labelw;
			dd->nvis = n;
			dd->show_eta = dd->colw >= basecw + DASH_ETA_WIDTH;
			d->left_srv = 0;
			return;
		}
	}

	/* Scroll sideways: as many columns as fit, named if they can be. */
	dd->labelw = minlabel;
	dd->colw = basecw;
	name_columns(dd, 0);
	if (widest_name(dd) > basecw) {
		dd->abbrev = 1;
		name_columns(dd, 1);
	} else
		dd->abbrev = 0;
	if (dd->cols - dd->labelw - 1 < dd->colw + 1)
		dd->labelw = dd->cols - dd->colw - 2;
	if (dd->labelw < 1) {
		dd->labelw = 1;
		dd->colw = dd->cols - 3 > 1 ? dd->cols - 3 : 1;
	}
	dd->show_eta = 0;
	dd->nvis = (size_t)((dd->cols - dd->labelw - 1) / (dd->colw + 1));
	if (dd->nvis < 1)
		dd->nvis = 1;
	if (d->sel_srv < d->left_srv)
		d->left_srv = d->sel_srv;
	if (d->sel_srv >= d->left_srv + dd->nvis)
		d->left_srv = d->sel_srv - dd->nvis + 1;
	if (d->left_srv + dd->nvis > n)
		d->left_srv = n > dd->nvis ? n - dd->nvis : 0;
}

/* Where server column k (counted from the first shown) starts. */
static int
column_x(const struct dash_draw *dd, size_t k)
{
	return dd->labelw + 1 + (int)k * (dd->colw + 1);
}

/* The status line: a spinner while asking, else where things stand; the
   banner once everything is live. */
static void
draw_status(struct dash_draw *dd, int row)
{
	struct dashboard *d = dd->d;
	const struct check *c = d->c;
	char *text, *banner;
	size_t asked, nok;
	attr_t attr;
	int w;

	if (dashboard_all_ok(d)) {
		banner = xasprintf("%s %s %s", dd->g->pass,
		    _("Everything is live at every server"), dd->g->pass);
		attr = A_REVERSE | A_BOLD;
		if (dd->color)
			attr |= COLOR_PAIR(DASHBOARD_PAIR_OK);
		fill(dd, row, 0, dd->cols, " ", attr);
		w = text_width(banner, dd->g, dd->ascii);
		put(dd, row, w < dd->cols ? (dd->cols - w) / 2 : 0, dd->cols,
		    banner, attr);
		free(banner);
		return;
	}
	if (dash_busy(d)) {
		asked = servers_asked(c);
		if (asked > 0)
			text = xasprintf(P_("asking %zu server...",
			    "asking %zu servers...", asked), asked);
		else if (c->discovering)
			text = xstrdup(_("finding the zone's own name "
			    "servers..."));
		else if (c->spf.wanted && !c->spf.done)
			text = xstrdup(_("evaluating SPF..."));
		else
			text = xstrdup(_("asking..."));
		w = put(dd, row, 0, dd->cols,
		    dd->g->spin[(dd->now / DASH_SPIN_MS) % dd->g->nspin],
		    A_BOLD);
		put(dd, row, w + 1, dd->cols, text, A_BOLD);
		free(text);
		return;
	}
	nok = records_ok(c);
	if (d->next_due > dd->now)
		text = xasprintf(P_("%zu of %zu record right everywhere; "
		    "next check in %lus", "%zu of %zu records right "
		    "everywhere; next check in %lus", c->nrecords), nok,
		    c->nrecords,
		    (unsigned long)((d->next_due - dd->now + 999) / 1000));
	else
		text = xasprintf(P_("%zu of %zu record right everywhere",
		    "%zu of %zu records right everywhere", c->nrecords), nok,
		    c->nrecords);
	put(dd, row, 0, dd->cols, text, A_BOLD);
	free(text);
}

/* The two header rows: resolvers and name servers over their columns,
   then each column's name. */
static void
draw_header(struct dash_draw *dd, int group_row, int name_row)
{
	struct dashboard *d = dd->d;
	const struct check *c = d->c;
	size_t k, start, j;
	int x, span, w;
	const char *what;
	char *text;

	for (k = 0; group_row >= 0 && k < dd->nvis; k = start) {
		if (d->left_srv + k >= c->nservers)
			break;
		j = dd->order[d->left_srv + k];
		start = k;
		while (start < dd->nvis && d->left_srv + start < c->nservers &&
		    c->servers[dd->order[d->left_srv + start]].authoritative ==
		    c->servers[j].authoritative)
			start++;
		x = column_x(dd, k);
		span = (int)(start - k) * (dd->colw + 1) - 1;
		what = c->servers[j].authoritative ? _("name servers") :
		    _("resolvers");
		fill(dd, group_row, x, span, dd->g->hline, A_NORMAL);
		text = xasprintf(" %s ", what);
		w = text_width(text, dd->g, dd->ascii);
		put(dd, group_row, w < span ? x + (span - w) / 2 : x, span,
		    text, A_NORMAL);
		free(text);
	}
	if (name_row < 0)
		return;
	put(dd, name_row, 0, dd->labelw, _("record"), A_BOLD);
	for (k = 0; k < dd->nvis && d->left_srv + k < c->nservers; k++) {
		j = dd->order[d->left_srv + k];
		put(dd, name_row, column_x(dd, k), dd->colw, dd->names[j],
		    d->left_srv + k == d->sel_srv ? A_BOLD | A_UNDERLINE :
		    A_BOLD);
	}
	if (d->left_srv > 0)
		put(dd, name_row, dd->labelw, 1, dd->g->left, A_BOLD);
	if (d->left_srv + dd->nvis < c->nservers)
		put(dd, name_row, column_x(dd, dd->nvis) - 1, 1,
		    dd->g->right, A_BOLD);
}

/* One cell (of a record and a column): symbol, word, and the ETA when
   there is room. */
static void
draw_cell(struct dash_draw *dd, int row, int x, size_t rec, size_t col)
{
	struct dashboard *d = dd->d;
	size_t srv = dd->order[col];
	const struct check_cell *cell = &d->c->records[rec].cells[srv];
	enum dash_kind k = cell_kind(cell);
	char eta[32], *text;
	long left = check_eta_now(cell, dd->now);
	attr_t attr = kind_attr(dd, k);

	if (rec == d->sel_rec && col == d->sel_srv)
		attr |= A_REVERSE;
	eta[0] = '\0';
	if (dd->show_eta && left >= 0 && k != DASH_OK)
		eta_text(eta, sizeof eta, left);
	text = xasprintf("%s %s%s%s", dd->g->sym[k], _(dash_words[k]),
	    eta[0] != '\0' ? " " : "", eta);
	if (attr & A_REVERSE)
		fill(dd, row, x, dd->colw, " ", attr);
	put(dd, row, x, dd->colw, text, attr);
	free(text);
}

/* The record rows: what each record is, then a cell per server. */
static void
draw_matrix(struct dash_draw *dd, int first, int nrows)
{
	struct dashboard *d = dd->d;
	const struct check *c = d->c;
	const struct check_record *r;
	size_t i, k;
	int row, x, hostw;
	attr_t attr;

	if (d->sel_rec < d->top_rec)
		d->top_rec = d->sel_rec;
	if (nrows > 0 && d->sel_rec >= d->top_rec + (size_t)nrows)
		d->top_rec = d->sel_rec - (size_t)nrows + 1;
	if (nrows > 0 && d->top_rec + (size_t)nrows > c->nrecords)
		d->top_rec = c->nrecords > (size_t)nrows ?
		    c->nrecords - (size_t)nrows : 0;
	for (row = 0; row < nrows; row++) {
		i = d->top_rec + (size_t)row;
		if (i >= c->nrecords)
			break;
		r = &c->records[i];
		attr = i == d->sel_rec ? A_BOLD : A_NORMAL;
		x = 0;
		if (dd->pw + 1 + dd->tw + 1 < dd->labelw) {
			put(dd, first + row, 0, dd->pw, r->purpose, attr);
			put(dd, first + row, dd->pw + 1, dd->tw, r->type,
			    attr);
			x = dd->pw + 1 + dd->tw + 1;
		}
		hostw = dd->labelw - x;
		put(dd, first + row, x, hostw, d->hosts.v[i], attr);
		if (row == 0 && d->top_rec > 0)
			put(dd, first + row, dd->labelw, 1, dd->g->up, A_BOLD);
		else if (row == nrows - 1 && i + 1 < c->nrecords)
			put(dd, first + row, dd->labelw, 1, dd->g->down,
			    A_BOLD);
		else
			put(dd, first + row, dd->labelw, 1, dd->g->vline,
			    A_NORMAL);
		for (k = 0; k < dd->nvis; k++) {
			if (d->left_srv + k >= c->nservers)
				break;
			draw_cell(dd, first + row, column_x(dd, k), i,
			    d->left_srv + k);
		}
	}
	d->page_rows = nrows;
}

/* The legend of abbreviated names, on at most nrows rows. */
static void
draw_legend(struct dash_draw *dd, int first, int nrows)
{
	const struct check *c = dd->d->c;
	int row = 0, col = 0, w;
	size_t j, p;
	char *item, *name;

	for (p = 0; p < c->nservers && row < nrows; p++) {
		j = dd->order[p];
		name = unique_name(c, j);
		item = xasprintf("%s %s", dd->names[j], name);
		w = text_width(item, dd->g, dd->ascii);
		free(item);
		if (col > 0 && col + 2 + w > dd->cols && row + 1 < nrows) {
			row++;
			col = 0;
		}
		if (col > 0)
			col += 2;
		col += put(dd, first + row, col, dd->cols - col, dd->names[j],
		    A_BOLD);
		col += put(dd, first + row, col, dd->cols - col, " ",
		    A_NORMAL);
		col += put(dd, first + row, col, dd->cols - col, name,
		    A_NORMAL);
		free(name);
	}
}

/* The selected cell in words: what, where, status, TTL and ETA; then the
   answer and why; then what is expected. */
static void
draw_details(struct dash_draw *dd, int first, int nrows)
{
	struct dashboard *d = dd->d;
	const struct check *c = d->c;
	const struct check_record *r = &c->records[d->sel_rec];
	const struct check_server *s = &c->servers[dd->order[d->sel_srv]];
	const struct check_cell *cell = &r->cells[dd->order[d->sel_srv]];
	enum dash_kind k = cell_kind(cell);
	long left = check_eta_now(cell, dd->now);
	struct buf b;
	char eta[32];
	int w;

	if (nrows < 1)
		return;
	buf_init(&b);
	buf_printf(&b, "%s %s", dd->g->sym[k], _(dash_words[k]));
	w = put(dd, first, 0, dd->cols, b.data, kind_attr(dd, k) | A_BOLD);
	buf_free(&b);
	buf_init(&b);
	if (cell->ttl >= 0)
		buf_printf(&b, _(", ttl %lds"), cell->ttl);
	if (left >= 0) {
		eta_text(eta, sizeof eta, left);
		buf_printf(&b, _(", eta %s"), eta);
	}
	if (cell->inflight && k != DASH_ASKING)
		buf_puts(&b, _(", asking again"));
	buf_puts(&b, "  ");
	/* The server first: the record's name may be cut. */
	buf_printf(&b, _("at %s (%s): %s %s"), s->srv.label,
	    s->authoritative ? _("name server") : _("resolver"), r->type,
	    r->name);
	put(dd, first, w, dd->cols - w, b.data, A_NORMAL);
	buf_free(&b);
	if (nrows < 2)
		return;

	buf_init(&b);
	switch (k) {
	case DASH_ASKING:
		buf_puts(&b, _("waiting for its answer"));
		break;
	case DASH_OK:
		buf_printf(&b, _("seen: %s"), cell->answer != NULL ?
		    cell->answer : r->value);
		break;
	case DASH_MISSING:
		buf_puts(&b, cell->reason != NULL ? cell->reason :
		    _("not published, or this server still remembers that "
		    "it was not"));
		if (left >= 0)
			buf_printf(&b, _(" (it asks again in %lds, when its "
			    "cached answer expires)"), left);
		break;
	case DASH_WRONG:
	case DASH_ERROR:
		if (cell->reason != NULL)
			buf_puts(&b, cell->reason);
		if (cell->answer != NULL)
			buf_printf(&b, _("%sseen: %s"), cell->reason != NULL ?
			    "; " : "", cell->answer);
		break;
	}
	put(dd, first + 1, 2, dd->cols - 2, b.data, A_NORMAL);
	buf_free(&b);
	if (nrows < 3)
		return;
	buf_init(&b);
	if (k != DASH_OK)
		buf_printf(&b, _("expected: %s"), r->value);
	else if (r->notes.n > 0)
		buf_printf(&b, _("note: %s"), r->notes.v[0]);
	put(dd, first + 2, 2, dd->cols - 2, b.data, A_NORMAL);
	buf_free(&b);
}

/* The SPF result and its lookup count, with the tree's key. */
static void
draw_spf(struct dash_draw *dd, int row)
{
	const struct check *c = dd->d->c;
	const struct check_spf *spf = &c->spf;
	struct buf b;
	int pass, w;
	attr_t attr;

	buf_init(&b);
	if (!spf->wanted) {
		put(dd, row, 0, dd->cols, _("SPF: not evaluated for this "
		    "path"), A_NORMAL);
		buf_free(&b);
		return;
	}
	if (!spf->done || spf->result == NULL) {
		put(dd, row, 0, dd->cols, _("SPF: evaluating..."), A_NORMAL);
		buf_free(&b);
		return;
	}
	pass = strcmp(spf->result, "pass") == 0;
	attr = A_BOLD;
	if (dd->color)
		attr |= COLOR_PAIR(pass ? DASHBOARD_PAIR_OK :
		    DASHBOARD_PAIR_BAD);
	buf_printf(&b, "%s ", pass ? dd->g->pass : dd->g->nopass);
	buf_printf(&b, _("SPF: %s, %d/10 lookups"), spf->result,
	    spf->lookups);
	if (spf->void_lookups > 0)
		buf_printf(&b, _(", %d/2 void"), spf->void_lookups);
	w = put(dd, row, 0, dd->cols, b.data, attr);
	buf_free(&b);
	buf_init(&b);
	if (!pass && spf->reason != NULL)
		buf_printf(&b, " - %s", spf->reason);
	buf_puts(&b, dd->d->show_tree ? _("  (t: hide the include tree)") :
	    _("  (t: show the include tree)"));
	put(dd, row, w, dd->cols - w, b.data, A_NORMAL);
	buf_free(&b);
}

/* The SPF include tree, scrolled. */
static void
draw_tree(struct dash_draw *dd, int first, int nrows)
{
	struct dashboard *d = dd->d;
	const char *text = d->c->spf.tree_text, *line, *end;
	size_t nlines = 0, i;
	char *copy;
	int row;

	d->tree_rows = nrows;
	if (nrows < 1)
		return;
	if (text == NULL) {
		put(dd, first, 2, dd->cols - 2, _("the include tree is shown "
		    "once SPF has been evaluated"), A_NORMAL);
		return;
	}
	for (line = text; *line != '\0'; line = end + 1) {
		nlines++;
		end = strchr(line, '\n');
		if (end == NULL)
			break;
	}
	if (d->tree_top + (size_t)nrows > nlines)
		d->tree_top = nlines > (size_t)nrows ? nlines -
		    (size_t)nrows : 0;
	line = text;
	for (i = 0; i < d->tree_top && line != NULL; i++) {
		line = strchr(line, '\n');
		if (line != NULL)
			line++;
	}
	for (row = 0; row < nrows && line != NULL && *line != '\0'; row++) {
		end = strchr(line, '\n');
		copy = end != NULL ? xstrndup(line, (size_t)(end - line)) :
		    xstrdup(line);
		put(dd, first + row, 2, dd->cols - 2, copy, A_NORMAL);
		free(copy);
		line = end != NULL ? end + 1 : NULL;
	}
	if (d->tree_top > 0)
		put(dd, first, 0, 1, dd->g->up, A_BOLD);
	if (d->tree_top + (size_t)nrows < nlines)
		put(dd, first + nrows - 1, 0, 1, dd->g->down, A_BOLD);
}

/* The rows each part gets; a part with 0 rows is not drawn. */
struct dash_rows {
	int status, group, names, matrix, legend, details, problems, spf;
	int tree;
};

/* Rows of the parts other than the matrix and the tree. */
static int
rows_fixed(const struct dash_rows *r)
{
	return r->status + r->group + r->names + r->legend + r->details +
	    r->problems + r->spf;
}

/* Drop the least useful part still shown; 0 when nothing is left. */
static int
rows_drop(struct dash_rows *r, int hard)
{
	if (r->details > 2)
		r->details = 2;
	else if (r->legend > 1)
		r->legend = 1;
	else if (r->group > 0)
		r->group = 0;
	else if (!hard)
		return 0;
	else if (r->problems > 0)
		r->problems = 0;
	else if (r->details > 1)
		r->details = 1;
	else if (r->spf > 0)
		r->spf = 0;
	else if (r->legend > 0)
		r->legend = 0;
	else if (r->details > 0)
		r->details = 0;
	else if (r->names > 0)
		r->names = 0;
	else
		return 0;
	return 1;
}

/* Share the rows out: every record if the niceties can make room, else
   at least three records, then what helps most. */
static void
dash_rows(const struct dash_draw *dd, struct dash_rows *r)
{
	const struct dashboard *d = dd->d;
	int nrec = (int)d->c->nrecords, want, room;
	struct dash_rows all;

	r->status = 1;
	r->group = 1;
	r->names = 1;
	r->legend = dd->abbrev ? 2 : 0;
	r->details = 3;
	r->problems = d->c->problems.n > 0 ? 1 : 0;
	r->spf = 1;
	all = *r;
	while (dd->rows - rows_fixed(r) < nrec) {
		if (!rows_drop(r, 0))
			break;
	}
	if (dd->rows - rows_fixed(r) < nrec) {
		*r = all;
		want = nrec < 3 ? nrec : 3;
		while (dd->rows - rows_fixed(r) < want) {
			if (!rows_drop(r, 1))
				break;
		}
	}
	room = dd->rows - rows_fixed(r);
	if (room < 0)
		room = 0;
	want = nrec < 3 ? nrec : 3;
	if (d->show_tree && r->spf > 0) {
		r->matrix = room / 2 > want ? room / 2 : want;
		if (r->matrix > nrec)
			r->matrix = nrec;
		if (r->matrix > room)
			r->matrix = room;
		r->tree = room - r->matrix;
	} else {
		r->matrix = room < nrec ? room : nrec;
		r->tree = 0;
	}
}

/* Draw the dashboard in an area of a window. */
void
dashboard_draw(struct dashboard *d, WINDOW *win, int y, int x, int rows,
    int cols, int ascii, int color)
{
	const char *nc = getenv("NO_COLOR");
	struct dash_draw dd;
	struct dash_rows r;
	attr_t old_attr;
	short old_pair;
	size_t j;
	int row, i;

	if (rows < 1 || cols < 1)
		return;
	wattr_get(win, &old_attr, &old_pair, NULL);
	memset(&dd, 0, sizeof dd);
	dd.d = d;
	dd.win = win;
	dd.y = y;
	dd.x = x;
	dd.rows = rows;
	dd.cols = cols;
	dd.ascii = ascii;
	dd.g = ascii ? &dash_ascii : &dash_utf8;
	if (!ascii) {
		/* A locale that cannot show the symbols gets ASCII. */
		for (i = 0; i < 5; i++) {
			if (text_width(dd.g->sym[i], dd.g, 0) != 1)
				break;
		}
		if (i < 5 || text_width(dd.g->vline, dd.g, 0) != 1) {
			dd.g = &dash_ascii;
			dd.ascii = 1;
		}
	}
	if (color && (nc == NULL || *nc == '\0')) {
		dash_colors(d);
		dd.color = d->pairs == 1;
	}
	dd.now = loop_now_ms();
	for (i = 0; i < rows; i++)
		mvwhline(win, y + i, x, ' ', cols);
	dash_move(d, 0, 0);
	dd.names = xcalloc(d->c->nservers, sizeof *dd.names);
	dd.order = xcalloc(d->c->nservers, sizeof *dd.order);
	column_order(d->c, dd.order);
	dash_layout(&dd);
	dash_rows(&dd, &r);

	row = 0;
	draw_status(&dd, row);
	row += r.status;
	draw_header(&dd, r.group > 0 ? row : -1,
	    r.names > 0 ? row + r.group : -1);
	row += r.group + r.names;
	draw_matrix(&dd, row, r.matrix);
	row += r.matrix;
	if (r.legend > 0)
		draw_legend(&dd, row, r.legend);
	row += r.legend;
	draw_details(&dd, row, r.details);
	row += r.details;
	if (r.problems > 0) {
		struct buf b;

		buf_init(&b);
		buf_printf(&b, _("problem: %s"), d->c->problems.v[0]);
		if (d->c->problems.n > 1)
			buf_printf(&b, P_(" (and %zu more)",
			    " (and %zu more)", d->c->problems.n - 1),
			    d->c->problems.n - 1);
		put(&dd, row, 0, cols, b.data, A_NORMAL);
		buf_free(&b);
	}
	row += r.problems;
	if (r.spf > 0)
		draw_spf(&dd, row);
	row += r.spf;
	draw_tree(&dd, row, r.tree);
	for (j = 0; j < d->c->nservers; j++)
		free(dd.names[j]);
	free(dd.names);
	free(dd.order);
	wattr_set(win, old_attr, old_pair, NULL);
}
