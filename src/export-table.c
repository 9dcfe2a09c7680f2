/* export-table.c - the table for people, one block per record */
#include <stdlib.h>
#include <string.h>

#include "export-int.h"

/* Append a value for people: controls and stray bytes shown as \DDD. */
static void
put_table_value(struct buf *b, const char *s)
{
	size_t n;

	while (*s != '\0') {
		n = utf8_len(s);
		if (n == 0 || (n == 1 && ((unsigned char)*s < 0x20 ||
		    *s == 0x7f))) {
			buf_printf(b, "\\%03u",
			    (unsigned int)(unsigned char)*s);
			s++;
			continue;
		}
		buf_add(b, s, n);
		s += n;
	}
}

/* Append one TXT character-string, quoted, for the table. */
static void
put_table_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, *s);
		} else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			buf_printf(b, "\\%03u",
			    (unsigned int)(unsigned char)*s);
		else
			buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* The labels of a table block, and the column their values start at. */
struct table_labels {
	const char *host, *name, *type, *ttl, *value, *action, *why;
	size_t pad;
};

/* A string of n spaces. */
static char *
spaces(size_t n)
{
	char *s;

	s = xmalloc(n + 1);
	memset(s, ' ', n);
	s[n] = '\0';
	return s;
}

/* Append an indented label padded to the value column. */
static void
put_label(struct buf *b, const char *label, size_t pad)
{
	buf_puts(b, "    ");
	buf_puts(b, label);
	export_put_spaces(b, pad - 4 - export_str_width(label));
}

/* Append the block of one record: its fields, action and why. */
static void
put_table_record(struct buf *b, const struct record_set *rs, size_t i,
    const struct table_labels *l)
{
	const struct record *r = &rs->records[i];
	struct strlist parts = { NULL, 0 };
	struct buf first;
	char *s, *indent;
	size_t j;

	indent = spaces(l->pad);
	buf_putc(b, '\n');
	s = xasprintf(_("Record %zu of %zu: %s (%s)"), i + 1, rs->nrecords,
	    r->purpose, r->type);
	export_wrap(b, s, EXPORT_WRAP, "", "  ");
	free(s);

	put_label(b, l->host, l->pad);
	put_table_value(b, r->host);
	buf_putc(b, '\n');
	put_label(b, l->name, l->pad);
	s = export_name_nodot(r->name);
	put_table_value(b, s);
	free(s);
	buf_putc(b, '\n');
	put_label(b, l->type, l->pad);
	put_table_value(b, r->type);
	buf_putc(b, '\n');
	put_label(b, l->ttl, l->pad);
	buf_printf(b, "%lu\n", r->ttl);

	put_label(b, l->value, l->pad);
	if (export_is_txt(r) && strlen(r->value) > 255) {
		/* Long TXT: the strings exactly as they are entered. */
		txt_split(r->value, &parts);
		for (j = 0; j < parts.n; j++) {
			if (j > 0)
				buf_puts(b, indent);
			put_table_quoted(b, parts.v[j]);
			buf_putc(b, '\n');
		}
		buf_puts(b, indent);
		buf_printf(b, P_("(one record: this %zu quoted string)",
		    "(one record: these %zu quoted strings together)",
		    parts.n), parts.n);
		strlist_free(&parts);
	} else
		put_table_value(b, r->value);
	buf_putc(b, '\n');

	put_label(b, l->action, l->pad);
	buf_printf(b, "%s: %s\n", record_action_name(r->action),
	    export_action_text(r->action));
	if (r->action == RECORD_REPLACE && r->replaces != NULL) {
		buf_puts(b, indent);
		buf_puts(b, _("replaces: "));
		put_table_value(b, r->replaces);
		buf_putc(b, '\n');
	}
	if (r->why != NULL) {
		buf_init(&first);
		put_label(&first, l->why, l->pad);
		export_wrap(b, r->why, EXPORT_WRAP, first.data, indent);
		buf_free(&first);
	}
	free(indent);
}

/* The table for people: one block per record, then warnings and note. */
int
export_table(struct buf *b, const struct record_set *rs, char **cause)
{
	struct table_labels l;
	const char *all[7];
	char *s, *heading, *indent;
	size_t i, w;

	(void)cause;
	all[0] = l.host = _("Host:");
	all[1] = l.name = _("Full name:");
	all[2] = l.type = _("Type:");
	all[3] = l.ttl = _("TTL:");
	all[4] = l.value = _("Value:");
	all[5] = l.action = _("Action:");
	all[6] = l.why = _("Why:");
	l.pad = 0;
	for (i = 0; i < nitems(all); i++) {
		w = export_str_width(all[i]);
		if (w > l.pad)
			l.pad = w;
	}
	l.pad += 4 + 2;		/* indented by 4, then 2 spaces */

	s = export_set_summary(rs);
	heading = xasprintf(_("DNS records for %s"), s);
	export_wrap(b, heading, EXPORT_WRAP, "", "  ");
	free(heading);
	free(s);
	for (i = 0; i < rs->nrecords; i++)
		put_table_record(b, rs, i, &l);
	if (rs->nrecords == 0) {
		buf_putc(b, '\n');
		buf_puts(b, _("Nothing to publish."));
		buf_putc(b, '\n');
	}

	if (rs->nwarnings > 0 || rs->note != NULL)
		buf_putc(b, '\n');
	for (i = 0; i < rs->nwarnings; i++) {
		indent = spaces(export_str_width(_("warning: ")));
		export_wrap(b, rs->warnings[i].message, EXPORT_WRAP,
		    _("warning: "), indent);
		free(indent);
	}
	if (rs->note != NULL)
		export_wrap(b, rs->note, EXPORT_WRAP, "", "");
	return 0;
}

