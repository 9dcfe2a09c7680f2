/* dashboard-layout.c - the dashboard's glyphs, text widths, and how its
   area is shared out between columns and rows */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "dashboard-int.h"
#include "ui.h"

#define DASH_ETA_WIDTH 7	/* " 59m59s" after the word in a cell */
#define DASH_LABEL_MIN 16	/* the record column is never cut shorter */

/* What each kind of cell says, after its symbol. */
const char *dash_words[DASH_ASKING + 1] = {
	N_("ok"), N_("missing"), N_("wrong"), N_("error"), N_("asking")
};

/* Line drawing and symbols for a UTF-8 terminal. */
const struct dash_glyphs dash_utf8 = {
	{ "✓", "○", "✗", "!", "⋯" },
	"│", "─", "◀", "▶", "▲", "▼", "…", "✓", "✗",
	{ "⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏" }, 10
};

/* The same in plain ASCII. */
const struct dash_glyphs dash_ascii = {
	{ "[ok]", "[--]", "[!!]", "[!!]", "[??]" },
	"|", "-", "<", ">", "^", "v", "~", "[ok]", "[!!]",
	{ "|", "/", "-", "\\" }, 4
};

/*
 * Append what fits of s in width columns to out (NULL: only measure),
 * cut with an ellipsis when longer; characters that cannot be shown (and,
 * in ASCII outside a UTF-8 locale, anything not ASCII) become '?': with
 * MAILWIZ_ASCII=1 in a UTF-8 locale only the line drawing is ASCII, and
 * text in any language still shows. Returns the columns used.
 */
int
dash_fit(struct buf *out, const char *s, int width,
    const struct dash_glyphs *g, int ascii)
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
		total = dash_fit(NULL, s, INT_MAX, g, ascii);
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
		} else if ((ascii && !ui_utf8() && (unsigned long)wc >= 0x80) ||
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
int
dash_text_width(const char *s, const struct dash_glyphs *g, int ascii)
{
	return dash_fit(NULL, s, INT_MAX, g, ascii);
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
void
dash_column_order(const struct check *c, size_t *order)
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
char *
dash_unique_name(const struct check *c, size_t j)
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
			dd->names[j] = dash_unique_name(c, j);
	}
}

/* The widest of the column names. */
static int
widest_name(const struct dash_draw *dd)
{
	int w = 0, n;

	for (size_t j = 0; j < dd->d->c->nservers; j++) {
		n = dash_text_width(dd->names[j], dd->g, dd->ascii);
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
void
dash_layout(struct dash_draw *dd)
{
	const struct check *c = dd->d->c;
	struct dashboard *d = dd->d;
	size_t i, n = c->nservers;
	int symw = 0, wordw = 0, basecw, natural, labelw, minlabel, hw = 0;
	int w, try, namew;

	for (i = 0; i < nitems(dash_words); i++) {
		w = dash_text_width(dd->g->sym[i], dd->g, dd->ascii);
		symw = w > symw ? w : symw;
		w = dash_text_width(_(dash_words[i]), dd->g, dd->ascii);
		wordw = w > wordw ? w : wordw;
	}
	basecw = symw + 1 + wordw;
	dd->pw = dd->tw = 0;
	for (i = 0; i < c->nrecords; i++) {
		w = dash_text_width(c->records[i].purpose, dd->g, dd->ascii);
		dd->pw = w > dd->pw ? w : dd->pw;
		w = dash_text_width(c->records[i].type, dd->g, dd->ascii);
		dd->tw = w > dd->tw ? w : dd->tw;
		w = dash_text_width(d->hosts.v[i], dd->g, dd->ascii);
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
int
dash_column_x(const struct dash_draw *dd, size_t k)
{
	return dd->labelw + 1 + (int)k * (dd->colw + 1);
}

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
void
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
