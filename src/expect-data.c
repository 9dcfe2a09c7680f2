/* expect-data.c - reading back the csv and table formats */
#include <stdlib.h>
#include <string.h>

#include "expect-int.h"

/* Find an action by the word the formats write: create, replace, keep
   (the xml, csv and table formats). */
int
expect_action_named(const char *s, size_t len)
{
	static const char *names[] = { "create", "replace", "keep" };
	size_t i;

	for (i = 0; i < nitems(names); i++) {
		if (strlen(names[i]) == len && strncmp(s, names[i], len) == 0)
			return (int)i;
	}
	return -1;
}

/* ------------------------------------------------------------------ */
/* csv                                                                 */
/* ------------------------------------------------------------------ */

/* The columns the csv format reads. */
enum csv_col {
	CSV_NAME,
	CSV_HOST,
	CSV_TYPE,
	CSV_TTL,
	CSV_VALUE,
	CSV_ACTION,
	CSV_REPLACES,
	CSV_PURPOSE,
	CSV_NCOLS
};

static const char *csv_titles[CSV_NCOLS] = {
	"name", "host", "type", "ttl", "value", "action", "replaces",
	"purpose"
};

/*
 * Read one RFC 4180 row (CRLF or LF line ends); 0 at the end of the text,
 * 1 with the cells, -1 on a quoting error.
 */
static int
csv_row(struct expect_ctx *ctx, const char **pp, size_t *line,
    struct strlist *cells)
{
	const char *p = *pp;
	size_t start = *line;
	struct buf b;

	if (*p == '\0')
		return 0;
	for (;;) {
		buf_init(&b);
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '\0') {
					buf_free(&b);
					return expect_fail(ctx, start,
					    _("unterminated quoted field"));
				}
				if (*p == '"' && p[1] == '"') {
					buf_putc(&b, '"');
					p += 2;
					continue;
				}
				if (*p == '"')
					break;
				if (*p == '\n')
					(*line)++;
				buf_putc(&b, *p++);
			}
			p++;
			if (*p != ',' && *p != '\n' && *p != '\0' &&
			    !(p[0] == '\r' && p[1] == '\n')) {
				buf_free(&b);
				return expect_fail(ctx, *line, _("text after "
				    "the closing quote of a field"));
			}
		} else {
			while (*p != ',' && *p != '\n' && *p != '\0' &&
			    !(p[0] == '\r' && p[1] == '\n')) {
				if (*p == '"') {
					buf_free(&b);
					return expect_fail(ctx, *line,
					    _("a quote inside a field that "
					    "does not start with one"));
				}
				buf_putc(&b, *p++);
			}
		}
		cells->v = xreallocarray(cells->v, cells->n + 1,
		    sizeof *cells->v);
		cells->v[cells->n++] = buf_detach(&b);
		if (*p != ',')
			break;
		p++;
	}
	if (*p == '\r')
		p++;
	if (*p == '\n') {
		p++;
		(*line)++;
	}
	*pp = p;
	return 1;
}

/* Map the header's titles to columns; -1 if a needed one is missing. */
static int
csv_header(struct expect_ctx *ctx, const struct strlist *h, int *col)
{
	char *t;
	size_t i, j;

	for (j = 0; j < CSV_NCOLS; j++)
		col[j] = -1;
	for (i = 0; i < h->n; i++) {
		t = str_lower(h->v[i]);
		for (j = 0; j < CSV_NCOLS; j++) {
			if (strcmp(str_trim(t), csv_titles[j]) != 0)
				continue;
			if (col[j] != -1) {
				free(t);
				return expect_fail(ctx, 1, _("column '%s' is "
				    "given twice"), csv_titles[j]);
			}
			col[j] = (int)i;
		}
		free(t);
	}
	for (j = CSV_TYPE; j <= CSV_VALUE; j++) {
		if (col[j] == -1)
			return expect_fail(ctx, 1, _("the header has no '%s' "
			    "column"), csv_titles[j]);
	}
	if (col[CSV_NAME] == -1 && col[CSV_HOST] == -1)
		return expect_fail(ctx, 1, _("the header has neither a "
		    "'name' nor a 'host' column"));
	return 0;
}

/* A cell of a row, or NULL when the column is absent or the cell empty. */
static const char *
csv_cell(const struct strlist *row, const int *col, enum csv_col c)
{
	if (col[c] == -1 || *row->v[col[c]] == '\0')
		return NULL;
	return row->v[col[c]];
}

/* Read one data row into a record. */
static int
csv_record(struct expect_ctx *ctx, const struct strlist *row,
    const int *col, size_t line)
{
	struct expect_rr *rr;
	const char *name, *host, *type, *ttl, *action, *s;
	char *t;
	int rc;

	name = csv_cell(row, col, CSV_NAME);
	host = csv_cell(row, col, CSV_HOST);
	type = csv_cell(row, col, CSV_TYPE);
	ttl = csv_cell(row, col, CSV_TTL);
	if (name == NULL && host == NULL)
		return expect_fail(ctx, line, _("the row has neither a name "
		    "nor a host"));
	if (type == NULL)
		return expect_fail(ctx, line, _("the row has no type"));
	if (ttl == NULL)
		return expect_fail(ctx, line, _("the row has no TTL"));
	t = xstrdup(ttl);
	rr = expect_rr_add(ctx, line);
	rc = expect_ttl(str_trim(t), 0, &rr->ttl);
	free(t);
	if (rc == -1)
		return expect_fail(ctx, line, _("TTL '%s' is not a whole "
		    "number of seconds from 0 to %lu"), ttl, EXPECT_TTL_MAX);
	rr->name = name != NULL ? xstrdup(name) : NULL;
	rr->host = host != NULL ? xstrdup(host) : NULL;
	rr->type = xstrdup(type);
	rr->value = xstrdup(row->v[col[CSV_VALUE]]);
	action = csv_cell(row, col, CSV_ACTION);
	if (action != NULL) {
		rr->action = expect_action_named(action, strlen(action));
		if (rr->action == -1)
			return expect_fail(ctx, line, _("action '%s' is not "
			    "create, replace or keep"), action);
	}
	s = csv_cell(row, col, CSV_REPLACES);
	rr->replaces = s != NULL ? xstrdup(s) : NULL;
	s = csv_cell(row, col, CSV_PURPOSE);
	rr->purpose = s != NULL ? xstrdup(s) : NULL;
	return 0;
}

/* The csv format: a header naming the columns, one row per record. */
int
expect_read_csv(struct expect_ctx *ctx, const char *text)
{
	struct strlist header = { NULL, 0 }, row = { NULL, 0 };
	int col[CSV_NCOLS], got;
	size_t line = 1, start;
	const char *p = text;
	int rc = -1;

	if (csv_row(ctx, &p, &line, &header) != 1 ||
	    csv_header(ctx, &header, col) == -1)
		goto out;
	for (;;) {
		start = line;
		strlist_free(&row);
		got = csv_row(ctx, &p, &line, &row);
		if (got == -1)
			goto out;
		if (got == 0)
			break;
		if (row.n == 1 && *row.v[0] == '\0')
			continue;	/* a blank line */
		if (row.n != header.n) {
			expect_fail(ctx, start, P_("the row has %zu field, "
			    "the header %zu", "the row has %zu fields, "
			    "the header %zu", row.n), row.n, header.n);
			goto out;
		}
		if (csv_record(ctx, &row, col, start) == -1)
			goto out;
	}
	rc = 0;
out:
	strlist_free(&row);
	strlist_free(&header);
	return rc;
}

/* ------------------------------------------------------------------ */
/* table                                                               */
/* ------------------------------------------------------------------ */

/* The labels of a table block. */
enum table_field {
	TABLE_HOST,
	TABLE_NAME,
	TABLE_TYPE,
	TABLE_TTL,
	TABLE_VALUE,
	TABLE_ACTION,
	TABLE_WHY,
	TABLE_NFIELDS
};

static const char *table_labels[TABLE_NFIELDS] = {
	N_("Host:"), N_("Full name:"), N_("Type:"), N_("TTL:"), N_("Value:"),
	N_("Action:"), N_("Why:")
};

/* One record block being read. */
struct table_block {
	int open;
	size_t line;
	char *field[TABLE_NFIELDS];
	size_t field_line[TABLE_NFIELDS];
	struct strlist value;	/* the Value line and its continuations */
	int last;		/* the field the last label line set */
	char *purpose;		/* from the heading before the block */
	char *purpose_type;
};

/* Forget a block (the heading's purpose too, when all is set). */
static void
table_clear(struct table_block *tb, int all)
{
	size_t i;

	for (i = 0; i < TABLE_NFIELDS; i++) {
		free(tb->field[i]);
		tb->field[i] = NULL;
		tb->field_line[i] = 0;
	}
	strlist_free(&tb->value);
	tb->open = 0;
	tb->last = -1;
	if (all) {
		free(tb->purpose);
		free(tb->purpose_type);
		tb->purpose = tb->purpose_type = NULL;
	}
}

/* The field a line's label names, and where its value starts; or -1. */
static int
table_label(const char *s, const char **value)
{
	const char *l;
	size_t i, n;
	int k;

	for (i = 0; i < TABLE_NFIELDS; i++) {
		for (k = 0; k < 2; k++) {
			l = k == 0 ? table_labels[i] : _(table_labels[i]);
			n = strlen(l);
			if (strncmp(s, l, n) == 0 && (s[n] == ' ' ||
			    s[n] == '\0')) {
				*value = s + n + strspn(s + n, " ");
				return (int)i;
			}
		}
	}
	return -1;
}

/*
 * The field of a label line in neither English nor the current language
 * (a table written in another one): a line indented by exactly four
 * spaces, its label ending in a colon (or a full-width one) and two
 * spaces, as the table writes them, is the field after the last one, in
 * the order the table writes them. -1 otherwise.
 */
static int
table_label_other(const struct table_block *tb, const char *s,
    size_t indent, const char **value)
{
	const char *p;
	size_t n = 0;
	int f;

	if (indent != 4)
		return -1;
	for (p = s; *p != '\0'; p++) {
		if (*p == ':')
			n = 1;
		else if (strncmp(p, "\xef\xbc\x9a", 3) == 0)
			n = 3;
		else
			continue;
		if (p > s && (p[n] == '\0' || strncmp(p + n, "  ", 2) == 0))
			break;
	}
	if (*p == '\0')
		return -1;
	f = tb->open ? tb->last + 1 : TABLE_HOST;
	if (f < TABLE_HOST || f >= TABLE_NFIELDS)
		return -1;
	*value = p + n + strspn(p + n, " ");
	return f;
}

/* Remember the purpose and type of a "Record 1 of 5: spf (TXT)" line. */
static void
table_heading(struct table_block *tb, const char *s)
{
	const char *open, *colon, *p;
	size_t len = strlen(s);

	open = NULL;
	for (p = s; (p = strstr(p, " (")) != NULL; p++)
		open = p;
	if (open == NULL || len < 2 || s[len - 1] != ')')
		return;
	colon = NULL;
	for (p = s; p < open && (p = strstr(p, ": ")) != NULL && p < open;
	    p++)
		colon = p;
	if (colon == NULL || colon + 2 >= open)
		return;
	table_clear(tb, 1);
	tb->purpose = xstrndup(colon + 2, (size_t)(open - colon - 2));
	tb->purpose_type = xstrndup(open + 2, (size_t)(s + len - 1 -
	    (open + 2)));
}

/* Whether a line is the note in parentheses after a value's strings (in
   the language of the table: the parentheses may be full-width). */
static int
table_note(const char *s)
{
	size_t len = strlen(s);

	return (s[0] == '(' || strncmp(s, "\xef\xbc\x88", 3) == 0) &&
	    len > 1 && (s[len - 1] == ')' || (len >= 3 &&
	    strcmp(s + len - 3, "\xef\xbc\x89") == 0));
}

/* A one-line value as the table shows it: controls were \DDD. */
static char *
table_plain_value(const char *s)
{
	struct buf b;
	unsigned int v;

	buf_init(&b);
	while (*s != '\0') {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '9' &&
		    s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9') {
			v = (unsigned int)((s[1] - '0') * 100 +
			    (s[2] - '0') * 10 + (s[3] - '0'));
			if ((v > 0 && v < 0x20) || v == 0x7f) {
				buf_putc(&b, (char)v);
				s += 4;
				continue;
			}
		}
		buf_putc(&b, *s++);
	}
	return buf_detach(&b);
}

/*
 * The value of a block: one line as it is, or a long TXT value as quoted
 * strings on several lines (with a note in parentheses after them).
 */
static int
table_value(struct expect_ctx *ctx, struct table_block *tb, char **out)
{
	struct strlist *v = &tb->value;
	struct buf all;
	size_t i, n = v->n, len;
	char *why, *joined;
	int txt;

	txt = tb->field[TABLE_TYPE] != NULL &&
	    str_caseeq(tb->field[TABLE_TYPE], "TXT");
	if (n > 1 && table_note(v->v[n - 1]))
		n--;
	if (n == 1) {
		/* A single line is the value, unless it is split strings. */
		len = strlen(v->v[0]);
		if (txt && len > 257 && v->v[0][0] == '"' &&
		    v->v[0][len - 1] == '"') {
			if (expect_txt_strings(v->v[0], 0, &joined,
			    &why) == 0) {
				*out = joined;
				return 0;
			}
			free(why);
		}
		*out = table_plain_value(v->v[0]);
		return 0;
	}
	buf_init(&all);
	for (i = 0; i < n; i++) {
		if (v->v[i][0] != '"') {
			buf_free(&all);
			return expect_fail(ctx,
			    tb->field_line[TABLE_VALUE] + i, _("a value on "
			    "several lines must be quoted strings, one per "
			    "line"));
		}
		buf_puts(&all, v->v[i]);
		buf_putc(&all, ' ');
	}
	if (expect_txt_strings(all.data, 0, out, &why) == -1) {
		expect_fail(ctx, tb->field_line[TABLE_VALUE], _("cannot read "
		    "the value: %s"), why);
		free(why);
		buf_free(&all);
		return -1;
	}
	buf_free(&all);
	return 0;
}

/* Turn a finished block into a record. */
static int
table_emit(struct expect_ctx *ctx, struct table_block *tb)
{
	static const enum table_field needed[] = {
		TABLE_TYPE, TABLE_TTL, TABLE_VALUE
	};
	struct expect_rr *rr;
	const char *action;
	char *value;
	size_t i;

	if (!tb->open)
		return 0;
	if (tb->field[TABLE_HOST] == NULL && tb->field[TABLE_NAME] == NULL)
		return expect_fail(ctx, tb->line, _("the record has neither a "
		    "'%s' nor a '%s' line"), _(table_labels[TABLE_HOST]),
		    _(table_labels[TABLE_NAME]));
	for (i = 0; i < nitems(needed); i++) {
		if (tb->field[needed[i]] == NULL)
			return expect_fail(ctx, tb->line, _("the record has "
			    "no '%s' line"), _(table_labels[needed[i]]));
	}
	if (table_value(ctx, tb, &value) == -1)
		return -1;
	rr = expect_rr_add(ctx, tb->line);
	rr->value = value;
	if (expect_ttl(tb->field[TABLE_TTL], 0, &rr->ttl) == -1)
		return expect_fail(ctx, tb->field_line[TABLE_TTL],
		    _("TTL '%s' is not a whole number of seconds from 0 to "
		    "%lu"), tb->field[TABLE_TTL], EXPECT_TTL_MAX);
	rr->type = xstrdup(tb->field[TABLE_TYPE]);
	if (tb->field[TABLE_NAME] != NULL)
		rr->name = expect_absolute(tb->field[TABLE_NAME]);
	if (tb->field[TABLE_HOST] != NULL)
		rr->host = xstrdup(tb->field[TABLE_HOST]);
	action = tb->field[TABLE_ACTION];
	if (action != NULL)
		/* "create: add this record": the word before the words
		   for people, which may be in any language. */
		rr->action = expect_action_named(action, strspn(action,
		    "abcdefghijklmnopqrstuvwxyz"));
	if (tb->purpose != NULL && str_caseeq(tb->purpose_type, rr->type))
		rr->purpose = xstrdup(tb->purpose);
	return 0;
}

/* Read one line of a table, inside or between blocks. */
static int
table_line(struct expect_ctx *ctx, struct table_block *tb, char *line,
    size_t lineno)
{
	const char *value;
	char *s;
	int f, was_open;

	s = str_trim(line);
	if (*s == '\0' || (line[0] != ' ' && line[0] != '\t')) {
		was_open = tb->open;
		if (table_emit(ctx, tb) == -1)
			return -1;
		table_clear(tb, was_open || *s != '\0');
		if (*s != '\0')
			table_heading(tb, s);
		return 0;
	}
	f = table_label(s, &value);
	if (f == -1)
		f = table_label_other(tb, s, (size_t)(s - line), &value);
	if (f == -1) {
		/* Continuation: only a value's lines matter. */
		if (tb->open && tb->last == TABLE_VALUE)
			strlist_add(&tb->value, s);
		return 0;
	}
	if (!tb->open) {
		tb->open = 1;
		tb->line = lineno;
	}
	if (tb->field[f] != NULL)
		return expect_fail(ctx, lineno, _("'%s' is given twice in "
		    "one record"), _(table_labels[f]));
	tb->field[f] = xstrdup(value);
	tb->field_line[f] = lineno;
	tb->last = f;
	if (f == TABLE_VALUE)
		strlist_add(&tb->value, value);
	return 0;
}

/* The table for people: "Host:", "Type:", "Value:" ... blocks. */
int
expect_read_table(struct expect_ctx *ctx, const char *text)
{
	struct table_block tb;
	const char *p = text, *e;
	size_t lineno = 0;
	char *line;
	int rc = 0;

	memset(&tb, 0, sizeof tb);
	table_clear(&tb, 1);
	while (rc == 0 && *p != '\0') {
		e = p + strcspn(p, "\n");
		line = xstrndup(p, (size_t)(e - p));
		if (++lineno == 1)
			expect_comment(ctx, line);
		rc = table_line(ctx, &tb, line, lineno);
		free(line);
		p = *e == '\n' ? e + 1 : e;
	}
	if (rc == 0)
		rc = table_emit(ctx, &tb);
	table_clear(&tb, 1);
	return rc;
}
