/* check-out.c - the check's findings, for people and for programs */
#include <stdlib.h>
#include <string.h>

#include "check-int.h"
#include "domain.h"
#include "export.h"
#include "loop.h"

/* Append s in at most width columns, cut with "..." when wider; returns
   the columns used. */
static size_t
put_cut(struct buf *b, const char *s, size_t width)
{
	size_t n, w = export_str_width(s);

	if (w <= width) {
		buf_puts(b, s);
		return w;
	}
	n = export_str_fit(s, width > 3 ? width - 3 : 0);
	buf_add(b, s, n);
	buf_puts(b, "...");
	return export_str_width(b->data + b->len - n - 3);
}

/* Append a label, then what fits of a value in the rest of `line`
   columns (at least a few, whatever the label's translation). */
static void
put_labelled(struct buf *b, const char *label, const char *value,
    size_t line)
{
	size_t w = export_str_width(label);

	buf_puts(b, label);
	put_cut(b, value, w + 16 < line ? line - w : 16);
	buf_putc(b, '\n');
}

/* Append the SPF tree, each long line wrapped under its own indent. */
static void
put_tree(struct buf *b, const char *tree)
{
	const char *line = tree, *end;
	char *copy, *indent;
	size_t n;

	while (*line != '\0') {
		end = strchr(line, '\n');
		n = end != NULL ? (size_t)(end - line) : strlen(line);
		copy = xstrndup(line, n);
		indent = xstrndup(copy, strspn(copy, " "));
		{
			char *first = xasprintf("  %s", indent);
			char *rest = xasprintf("  %s    ", indent);

			export_wrap(b, copy + strlen(indent), 79, first, rest);
			free(first);
			free(rest);
		}
		free(indent);
		free(copy);
		line += n;
		if (*line == '\n')
			line++;
	}
}

/* The status word for the table, upper case so it stands out. */
static const char *
status_word(enum check_status st)
{
	switch (st) {
	case CHECK_PENDING:
		return _("WAITING");
	case CHECK_OK:
		return _("OK");
	case CHECK_MISSING:
		return _("MISSING");
	case CHECK_MISMATCH:
		return _("WRONG");
	case CHECK_ERROR:
		return _("ERROR");
	}
	return "?";
}

/* The findings as a table that reads well in 80 columns. */
char *
check_text(const struct check *c)
{
	uint64_t now = loop_now_ms();
	struct buf b;
	size_t i, j, bad = 0;
	long eta;
	char *show;

	buf_init(&b);
	for (i = 0; i < c->nrecords; i++) {
		const struct check_record *r = &c->records[i];

		show = domain_show(r->name);
		buf_printf(&b, "%s %s (%s)\n", r->type, show, r->purpose);
		free(show);
		put_labelled(&b, _("  expected: "), r->value, 78);
		for (j = 0; j < c->nservers; j++) {
			const struct check_cell *cell = &r->cells[j];
			const struct check_server *s = &c->servers[j];
			const char *word;
			char *label;
			size_t k;

			label = xasprintf("%s%s", s->srv.label,
			    s->authoritative ? "" : "*");
			word = status_word(cell->status);
			buf_printf(&b, "  %s ", word);
			for (k = export_str_width(word); k < 8; k++)
				buf_putc(&b, ' ');
			for (k = put_cut(&b, label, 46); k < 46; k++)
				buf_putc(&b, ' ');
			free(label);
			if (cell->ttl >= 0)
				buf_printf(&b, _(" ttl %ld"), cell->ttl);
			eta = check_eta_now(cell, now);
			if (eta >= 0)
				buf_printf(&b, _(" eta %lds"), eta);
			buf_putc(&b, '\n');
			if (cell->status != CHECK_OK &&
			    cell->status != CHECK_PENDING) {
				if (cell->reason != NULL)
					export_wrap(&b, cell->reason, 79,
					    "           ", "           ");
				if (cell->answer != NULL)
					put_labelled(&b,
					    _("           seen: "),
					    cell->answer, 79);
			}
		}
		for (j = 0; j < r->notes.n; j++)
			export_wrap(&b, r->notes.v[j], 79, _("  note: "),
			    NULL);
		if (!check_record_ok(c, i))
			bad++;
		buf_putc(&b, '\n');
	}
	buf_puts(&b, _("(* recursive resolver; eta: seconds until its cached "
	    "answer expires)\n"));
	if (c->spf.wanted) {
		buf_printf(&b, _("\nSPF evaluated for the sending server: %s\n"),
		    c->spf.result != NULL ? c->spf.result : _("not finished"));
		if (c->spf.reason != NULL)
			export_wrap(&b, c->spf.reason, 79, "  ", "  ");
		if (c->spf.result != NULL && c->spf.tree_text != NULL) {
			buf_printf(&b, _("  DNS lookups: %d of 10, void "
			    "lookups: %d of 2\n"), c->spf.lookups,
			    c->spf.void_lookups);
			put_tree(&b, c->spf.tree_text);
		}
	}
	for (i = 0; i < c->problems.n; i++)
		export_wrap(&b, c->problems.v[i], 79, _("problem: "),
		    NULL);
	if (check_all_ok(c))
		buf_puts(&b, _("\nEverything is right at every server.\n"));
	else if (bad == 0)
		buf_puts(&b, _("\nEvery record is published everywhere, but "
		    "SPF does not pass for the sending server yet.\n"));
	else
		buf_printf(&b, P_("\n%zu record is not right everywhere "
		    "yet.\n", "\n%zu records are not right everywhere yet.\n",
		    bad), bad);
	return buf_detach(&b);
}

/* Append "key": and a string (or null). */
static void
json_member(struct buf *b, const char *key, const char *value)
{
	export_json_string(b, key);
	buf_puts(b, ": ");
	export_json_string(b, value);
}

/* Append a list of strings. */
static void
json_list(struct buf *b, const struct strlist *l)
{
	size_t i;

	buf_putc(b, '[');
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			buf_puts(b, ", ");
		export_json_string(b, l->v[i]);
	}
	buf_putc(b, ']');
}

/* The findings as one JSON document. */
char *
check_json(const struct check *c)
{
	uint64_t now = loop_now_ms();
	struct buf b;
	size_t i, j;

	buf_init(&b);
	buf_puts(&b, "{");
	json_member(&b, "domain", c->domain);
	buf_printf(&b, ", \"ok\": %s", check_all_ok(c) ? "true" : "false");
	buf_puts(&b, ", ");
	json_member(&b, "zone", c->zone);
	buf_puts(&b, ", \"records\": [");
	for (i = 0; i < c->nrecords; i++) {
		const struct check_record *r = &c->records[i];

		buf_puts(&b, i > 0 ? ", {" : "{");
		json_member(&b, "name", r->name);
		buf_puts(&b, ", ");
		json_member(&b, "type", r->type);
		buf_puts(&b, ", ");
		json_member(&b, "purpose", r->purpose);
		buf_puts(&b, ", ");
		json_member(&b, "expected", r->value);
		buf_printf(&b, ", \"ok\": %s, \"notes\": ",
		    check_record_ok(c, i) ? "true" : "false");
		json_list(&b, &r->notes);
		buf_puts(&b, ", \"servers\": [");
		for (j = 0; j < c->nservers; j++) {
			const struct check_cell *cell = &r->cells[j];
			const struct check_server *s = &c->servers[j];
			long eta = check_eta_now(cell, now);

			buf_puts(&b, j > 0 ? ", {" : "{");
			json_member(&b, "server", s->srv.label);
			buf_puts(&b, ", ");
			json_member(&b, "address", s->srv.addr);
			buf_printf(&b, ", \"port\": %u, ", s->srv.port);
			json_member(&b, "role", s->authoritative ?
			    "authoritative" : "recursive");
			buf_puts(&b, ", ");
			json_member(&b, "status",
			    check_status_name(cell->status));
			buf_puts(&b, ", ");
			json_member(&b, "answer", cell->answer);
			buf_puts(&b, ", ");
			json_member(&b, "reason", cell->reason);
			if (cell->ttl >= 0)
				buf_printf(&b, ", \"ttl\": %ld", cell->ttl);
			else
				buf_puts(&b, ", \"ttl\": null");
			if (eta >= 0)
				buf_printf(&b, ", \"eta\": %ld}", eta);
			else
				buf_puts(&b, ", \"eta\": null}");
		}
		buf_puts(&b, "]}");
	}
	buf_puts(&b, "], \"spf\": ");
	if (!c->spf.wanted)
		buf_puts(&b, "null");
	else {
		buf_puts(&b, "{");
		json_member(&b, "result", c->spf.result);
		buf_puts(&b, ", ");
		json_member(&b, "reason", c->spf.reason);
		buf_printf(&b, ", \"lookups\": %d, \"void_lookups\": %d, "
		    "\"addresses\": ", c->spf.lookups, c->spf.void_lookups);
		json_list(&b, &c->spf.ips);
		buf_puts(&b, ", \"tree\": ");
		buf_puts(&b, c->spf.tree_json != NULL ? c->spf.tree_json :
		    "null");
		buf_puts(&b, "}");
	}
	buf_puts(&b, ", \"problems\": ");
	json_list(&b, &c->problems);
	buf_puts(&b, "}\n");
	return buf_detach(&b);
}
