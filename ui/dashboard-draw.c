/* dashboard-draw.c - drawing the dashboard: status, matrix, legend,
   details, SPF and its include tree */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dashboard-int.h"
#include "domain.h"
#include "loop.h"

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
	used = dash_fit(&b, s, width, dd->g, dd->ascii);
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
		w = dash_text_width(banner, dd->g, dd->ascii);
		put(dd, row, w < dd->cols ? (dd->cols - w) / 2 : 0, dd->cols,
		    banner, attr);
		free(banner);
		return;
	}
	if (dash_busy(d)) {
		asked = dash_servers_asked(c);
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
	nok = dash_records_ok(c);
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
		x = dash_column_x(dd, k);
		span = (int)(start - k) * (dd->colw + 1) - 1;
		what = c->servers[j].authoritative ? _("name servers") :
		    _("resolvers");
		fill(dd, group_row, x, span, dd->g->hline, A_NORMAL);
		text = xasprintf(" %s ", what);
		w = dash_text_width(text, dd->g, dd->ascii);
		put(dd, group_row, w < span ? x + (span - w) / 2 : x, span,
		    text, A_NORMAL);
		free(text);
	}
	if (name_row < 0)
		return;
	put(dd, name_row, 0, dd->labelw, _("record"), A_BOLD);
	for (k = 0; k < dd->nvis && d->left_srv + k < c->nservers; k++) {
		j = dd->order[d->left_srv + k];
		put(dd, name_row, dash_column_x(dd, k), dd->colw, dd->names[j],
		    d->left_srv + k == d->sel_srv ? A_BOLD | A_UNDERLINE :
		    A_BOLD);
	}
	if (d->left_srv > 0)
		put(dd, name_row, dd->labelw, 1, dd->g->left, A_BOLD);
	if (d->left_srv + dd->nvis < c->nservers)
		put(dd, name_row, dash_column_x(dd, dd->nvis) - 1, 1,
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
			draw_cell(dd, first + row, dash_column_x(dd, k), i,
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
		name = dash_unique_name(c, j);
		item = xasprintf("%s %s", dd->names[j], name);
		w = dash_text_width(item, dd->g, dd->ascii);
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
	char eta[32], *show;
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
	show = domain_show(r->name);
	buf_printf(&b, _("at %s (%s): %s %s"), s->srv.label,
	    s->authoritative ? _("name server") : _("resolver"), r->type,
	    show);
	free(show);
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
			buf_printf(&b, P_(" (it asks again in %ld second, when its "
			    "cached answer expires)", " (it asks again in %ld "
			    "seconds, when its cached answer expires)",
			    (unsigned long)left), left);
		break;
	case DASH_WRONG:
	case DASH_ERROR:
		if (cell->reason != NULL && cell->answer != NULL)
			buf_printf(&b, _("%s; seen: %s"), cell->reason,
			    cell->answer);
		else if (cell->reason != NULL)
			buf_puts(&b, cell->reason);
		else if (cell->answer != NULL)
			buf_printf(&b, _("seen: %s"), cell->answer);
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
	if (spf->void_lookups > 0)
		buf_printf(&b, P_("SPF: %s, %d/10 lookups, %d/2 void",
		    "SPF: %s, %d/10 lookups, %d/2 void",
		    (unsigned long)spf->lookups), spf->result,
		    spf->lookups, spf->void_lookups);
	else
		buf_printf(&b, P_("SPF: %s, %d/10 lookups",
		    "SPF: %s, %d/10 lookups", (unsigned long)spf->lookups),
		    spf->result, spf->lookups);
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
			if (dash_text_width(dd.g->sym[i], dd.g, 0) != 1)
				break;
		}
		if (i < 5 || dash_text_width(dd.g->vline, dd.g, 0) != 1) {
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
	dash_column_order(d->c, dd.order);
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
