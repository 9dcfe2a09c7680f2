/* export-zone.c - master file presentation: zone fragments, nsupdate */
#include <stdlib.h>

#include "export-int.h"

/*
 * Append a TXT value as quoted character-strings of at most 255 bytes.
 * txt_quote() escapes '"' and '\'; bytes a master file cannot carry as they
 * are (controls, and non-ASCII, which could be cut in the middle of a
 * character at a 255-byte boundary) become \DDD.
 */
void
export_put_zone_txt(struct buf *b, const char *value)
{
	const unsigned char *p;
	char *q;

	q = txt_quote(value);
	for (p = (const unsigned char *)q; *p != '\0'; p++) {
		if (*p < 0x20 || *p >= 0x7f)
			buf_printf(b, "\\%03u", (unsigned int)*p);
		else
			buf_putc(b, (char)*p);
	}
	free(q);
}

/*
 * Append a name or a non-TXT value in master file presentation: characters
 * that would end the field or the line are escaped.
 */
static void
put_zone_word(struct buf *b, const char *s, int is_name)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p >= 0x7f)
			buf_printf(b, "\\%03u", (unsigned int)*p);
		else if (is_name && (*p == ' ' || *p == ';' || *p == '"' ||
		    *p == '(' || *p == ')' || *p == '\\'))
			buf_printf(b, "\\%c", *p);
		else
			buf_putc(b, (char)*p);
	}
}

/*
 * Append a record in master file presentation with the value given:
 * "name IN type value", or "name TTL IN type value" with ttl; no line end.
 */
static void
put_zone_rr(struct buf *b, const struct record *r, const char *value,
    int ttl)
{
	put_zone_word(b, r->name, 1);
	if (ttl)
		buf_printf(b, " %lu IN ", r->ttl);
	else
		buf_puts(b, " IN ");
	put_zone_word(b, r->type, 1);
	buf_putc(b, ' ');
	if (export_is_txt(r))
		export_put_zone_txt(b, value);
	else
		put_zone_word(b, value, export_is_name_type(r));
}

/* ------------------------------------------------------------------ */
/* zone                                                                */
/* ------------------------------------------------------------------ */

/* A master file fragment: the records to add to the zone. */
int
export_zone(struct buf *b, const struct record_set *rs, char **cause)
{
	const struct record *r;
	size_t i;

	(void)cause;
	export_put_title(b, ";", rs);
	export_put_comment(b, ";", _("This is a fragment, not a whole zone: "
	    "it has no SOA or NS record. Add its records to the zone file of "
	    "the domain, then raise the serial number in the SOA record."));
	buf_puts(b, "$ORIGIN ");
	put_zone_word(b, rs->domain, 1);
	buf_puts(b, ".\n");
	for (i = 0; i < rs->nrecords; i++) {
		r = &rs->records[i];
		buf_puts(b, ";\n");
		export_put_purpose(b, ";", r);
		if (r->action == RECORD_REPLACE && r->replaces != NULL) {
			export_put_comment(b, ";",
			    _("remove the record it replaces:"));
			buf_puts(b, ";   ");
			put_zone_rr(b, r, r->replaces, 0);
			buf_putc(b, '\n');
		}
		if (r->why != NULL)
			export_put_comment(b, ";", r->why);
		put_zone_rr(b, r, r->value, 1);
		if (r->action == RECORD_KEEP) {
			buf_puts(b, " ; ");
			buf_puts(b, _("already published"));
		}
		buf_putc(b, '\n');
	}
	if (rs->nrecords == 0 || rs->nwarnings > 0 || rs->note != NULL)
		buf_puts(b, ";\n");
	if (rs->nrecords == 0)
		export_put_comment(b, ";", _("Nothing to publish."));
	export_put_trailer(b, rs, ";");
	return 0;
}

/* ------------------------------------------------------------------ */
/* nsupdate                                                            */
/* ------------------------------------------------------------------ */

/* An RFC 2136 dynamic update script for nsupdate(1). */
int
export_nsupdate(struct buf *b, const struct record_set *rs, char **cause)
{
	const struct record *r;
	char *s;
	size_t i, changes = 0;

	(void)cause;
	for (i = 0; i < rs->nrecords; i++) {
		if (rs->records[i].action != RECORD_KEEP)
			changes++;
	}
	s = export_set_summary(rs);
	export_put_header(b, ";", _("mailwiz: dynamic update for %s"), s);
	free(s);
	export_put_comment(b, ";", _("Run it with nsupdate (add -k KEYFILE if "
	    "the server wants a TSIG key). nsupdate sends it to the primary "
	    "server named in the SOA record; to choose the server, add a line "
	    "\"server <your primary>\" before the zone line. Do not add blank "
	    "lines: nsupdate sends the update at a blank line."));
	if (changes == 0) {
		export_put_comment(b, ";", _("Nothing to change."));
		export_put_trailer(b, rs, ";");
		return 0;
	}
	buf_puts(b, "zone ");
	put_zone_word(b, rs->domain, 1);
	buf_puts(b, ".\n");
	for (i = 0; i < rs->nrecords; i++) {
		r = &rs->records[i];
		export_put_purpose(b, ";", r);
		if (r->action == RECORD_KEEP)
			continue;
		if (r->action == RECORD_REPLACE && r->replaces == NULL)
			export_put_comment(b, ";", _("the value it replaces "
			    "is not known: delete the old record by hand"));
		else if (r->action == RECORD_REPLACE) {
			/* Only the old value: other TXT records stay. */
			buf_puts(b, "update delete ");
			put_zone_rr(b, r, r->replaces, 0);
			buf_putc(b, '\n');
		}
		buf_puts(b, "update add ");
		put_zone_rr(b, r, r->value, 1);
		buf_putc(b, '\n');
	}
	export_put_trailer(b, rs, ";");
	buf_puts(b, "send\n");
	return 0;
}

