/* export-tools.c - files for DNS-as-code tools: DNSControl, octoDNS */
#include <stdlib.h>
#include <string.h>

#include "export-int.h"

/* ------------------------------------------------------------------ */
/* dnscontrol                                                          */
/* ------------------------------------------------------------------ */

/* Tell whether a string is only printable ASCII (no escaping needed). */
static int
is_plain_ascii(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			return 0;
	}
	return 1;
}

/*
 * Split a TXT value for a JavaScript array: txt_split()'s 255-byte strings,
 * with a cut that would fall inside a UTF-8 character moved before it (a
 * JavaScript string cannot hold half a character).
 */
static void
split_utf8(const char *value, struct strlist *out)
{
	struct strlist raw = { NULL, 0 };
	struct buf carry;
	size_t i, len, cut;
	char *joined;

	txt_split(value, &raw);
	if (is_plain_ascii(value) || raw.n == 1) {
		*out = raw;
		return;
	}
	/* Rejoin and cut again at character boundaries. */
	buf_init(&carry);
	for (i = 0; i < raw.n; i++)
		buf_puts(&carry, raw.v[i]);
	strlist_free(&raw);
	joined = buf_detach(&carry);
	len = strlen(joined);
	i = 0;
	while (i < len) {
		cut = i + export_utf8_cut(joined + i, 255);
		out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
		out->v[out->n++] = xstrndup(joined + i, cut - i);
		i = cut;
	}
	free(joined);
}

/* Append a record as a DNSControl record function call. */
static int
put_dnscontrol_record(struct buf *b, const struct record *r, char **cause)
{
	/* Record functions that take a name and one value. */
	static const char *simple[] = { "CNAME", "A", "AAAA", "NS", "PTR" };
	struct strlist parts = { NULL, 0 };
	unsigned long pref;
	char *host;
	size_t i;

	if (export_is_txt(r)) {
		buf_puts(b, "\tTXT(");
		export_put_json_string(b, r->host, 1);
		buf_puts(b, ", ");
		split_utf8(r->value, &parts);
		if (parts.n == 1)
			export_put_json_string(b, parts.v[0], 1);
		else {
			buf_putc(b, '[');
			for (i = 0; i < parts.n; i++) {
				if (i > 0)
					buf_puts(b, ", ");
				export_put_json_string(b, parts.v[i], 1);
			}
			buf_putc(b, ']');
		}
		strlist_free(&parts);
	} else if (str_caseeq(r->type, "MX")) {
		if (export_mx_parse(r->value, &pref, &host, cause) == -1)
			return -1;
		buf_puts(b, "\tMX(");
		export_put_json_string(b, r->host, 1);
		buf_printf(b, ", %lu, ", pref);
		export_put_json_string(b, host, 1);
		free(host);
	} else {
		for (i = 0; i < nitems(simple); i++) {
			if (str_caseeq(r->type, simple[i]))
				break;
		}
		if (i == nitems(simple)) {
			*cause = xasprintf(_("cannot write a '%s' record for "
			    "DNSControl"), r->type);
			return -1;
		}
		buf_printf(b, "\t%s(", simple[i]);
		export_put_json_string(b, r->host, 1);
		buf_puts(b, ", ");
		export_put_json_string(b, r->value, 1);
	}
	buf_printf(b, ", TTL(%lu))", r->ttl);
	return 0;
}

/* A dnsconfig.js fragment for DNSControl, valid on its own. */
int
export_dnscontrol(struct buf *b, const struct record_set *rs, char **cause)
{
	const struct record *r;
	size_t i;

	export_put_title(b, "//", rs);
	export_put_header(b, "//", _("A dnsconfig.js fragment for DNSControl. "
	    "REG_NONE and DSP_NONE stand for your own registrar and DNS "
	    "provider: replace them with the variables of your dnsconfig.js. "
	    "DNSControl makes a zone match its D() block exactly, so add "
	    "these records to your D(\"%s\", ...) block: pushing this file "
	    "on its own would delete every other record of the zone."),
	    rs->domain);
	buf_puts(b, "var REG_NONE = NewRegistrar(\"none\");\n");
	buf_puts(b, "var DSP_NONE = NewDnsProvider(\"none\");\n\n");
	buf_puts(b, "D(");
	export_put_json_string(b, rs->domain, 1);
	buf_puts(b, ", REG_NONE, DnsProvider(DSP_NONE)");
	for (i = 0; i < rs->nrecords; i++) {
		r = &rs->records[i];
		buf_puts(b, ",\n");
		export_put_purpose(b, "\t//", r);
		if (r->action == RECORD_REPLACE && r->replaces != NULL) {
			export_put_header(b, "\t//", _("replaces: %s (with "
			    "NO_PURGE, delete it by hand)"), r->replaces);
		}
		if (put_dnscontrol_record(b, r, cause) == -1)
			return -1;
	}
	buf_puts(b, rs->nrecords > 0 ? "\n);\n" : ");\n");
	if (rs->nrecords == 0 || rs->nwarnings > 0 || rs->note != NULL)
		buf_putc(b, '\n');
	if (rs->nrecords == 0)
		export_put_comment(b, "//", _("Nothing to publish."));
	export_put_trailer(b, rs, "//");
	return 0;
}

/* ------------------------------------------------------------------ */
/* octodns                                                             */
/* ------------------------------------------------------------------ */

/* Tell whether a character can stand in a single-quoted YAML scalar. */
static int
yaml_printable(unsigned long cp)
{
	return cp == '\t' || (cp >= 0x20 && cp <= 0x7e) || cp == 0x85 ||
	    (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
	    (cp >= 0x10000 && cp <= 0x10ffff);
}

/*
 * Append a YAML scalar string: single-quoted when every character is
 * printable, else double-quoted with escapes. Bytes that are not UTF-8
 * become U+FFFD.
 */
static void
put_yaml_string(struct buf *b, const char *s)
{
	const char *p;
	unsigned long cp;
	size_t n;
	int plain = 1;

	for (p = s; *p != '\0'; p += n) {
		n = utf8_len(p);
		if (n == 0 || !yaml_printable(export_utf8_decode(p, n)) ||
		    *p == '\t') {
			plain = 0;
			break;
		}
	}
	if (plain) {
		buf_putc(b, '\'');
		for (p = s; *p != '\0'; p++) {
			if (*p == '\'')
				buf_putc(b, '\'');
			buf_putc(b, *p);
		}
		buf_putc(b, '\'');
		return;
	}
	buf_putc(b, '"');
	for (p = s; *p != '\0'; p += n) {
		n = utf8_len(p);
		if (n == 0) {
			buf_puts(b, "\\ufffd");
			n = 1;
			continue;
		}
		cp = export_utf8_decode(p, n);
		if (cp == '"' || cp == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, *p);
		} else if (yaml_printable(cp) && cp != '\t')
			buf_add(b, p, n);
		else if (cp < 0x100)
			buf_printf(b, "\\x%02lx", cp);
		else
			buf_printf(b, "\\u%04lx", cp);
	}
	buf_putc(b, '"');
}

/*
 * Escape a TXT value as octoDNS wants it: ';' as '\;' (octoDNS refuses an
 * unescaped one), '\' as '\\' and bytes that are not printable text as
 * \DDD, as in a master file (octoDNS hands the value to providers as
 * master file text).
 */
static char *
octodns_txt(const char *value)
{
	struct buf b;
	const char *p;
	unsigned long cp;
	size_t n;

	buf_init(&b);
	for (p = value; *p != '\0'; p += n) {
		n = utf8_len(p);
		cp = n == 0 ? 0 : export_utf8_decode(p, n);
		if (n == 0 || cp < 0x20 || cp == 0x7f) {
			buf_printf(&b, "\\%03u",
			    (unsigned int)(unsigned char)*p);
			n = 1;
		} else if (*p == ';' || *p == '\\') {
			buf_putc(&b, '\\');
			buf_putc(&b, *p);
		} else
			buf_add(&b, p, n);
	}
	return buf_detach(&b);
}

/* Compare two digit runs by their numeric value. */
static int
natural_digits_cmp(const char *a, size_t na, const char *b, size_t nb)
{
	while (na > 1 && *a == '0') {
		a++;
		na--;
	}
	while (nb > 1 && *b == '0') {
		b++;
		nb--;
	}
	if (na != nb)
		return na < nb ? -1 : 1;
	return memcmp(a, b, na);
}

/*
 * Compare two names in natural order (digit runs by value), the order
 * octoDNS insists its YAML keys are in.
 */
static int
natural_cmp(const char *a, const char *b)
{
	size_t na, nb;
	int c;

	while (*a != '\0' && *b != '\0') {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			na = strspn(a, "0123456789");
			nb = strspn(b, "0123456789");
			c = natural_digits_cmp(a, na, b, nb);
			if (c != 0)
				return c;
			a += na;
			b += nb;
			continue;
		}
		/* A digit run sorts before text, as natsort's '' + number. */
		if (*a >= '0' && *a <= '9')
			return -1;
		if (*b >= '0' && *b <= '9')
			return 1;
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	if (*a == *b)
		return 0;
	return *a == '\0' ? -1 : 1;
}

/*
 * Append a key or a type: plain when YAML reads it back as the same string
 * (a name, not a number, a boolean or null), single-quoted otherwise.
 */
static void
put_yaml_key(struct buf *b, const char *s)
{
	static const char *special[] = {
		"y", "n", "yes", "no", "true", "false", "on", "off", "null"
	};
	const char *p;
	size_t i;
	int plain;

	plain = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    *s == '_';
	for (p = s; plain && *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
		    *p == '.'))
			plain = 0;
	}
	for (i = 0; plain && i < nitems(special); i++) {
		if (str_caseeq(s, special[i]))
			plain = 0;
	}
	if (plain)
		buf_puts(b, s);
	else
		put_yaml_string(b, s);
}

/* The octoDNS name of a record: '' for the apex. */
static const char *
octodns_host(const struct record *r)
{
	return strcmp(r->host, "@") == 0 ? "" : r->host;
}

/*
 * Append one octoDNS value after "value:" or a list dash: a string, or an
 * MX mapping whose keys are at an indent.
 */
static int
put_octodns_value(struct buf *b, const struct record *r, size_t indent,
    int item, char **cause)
{
	unsigned long pref;
	char *host, *v;

	if (str_caseeq(r->type, "MX")) {
		if (export_mx_parse(r->value, &pref, &host, cause) == -1)
			return -1;
		/* In a list the mapping starts on the dash's line. */
		if (!item) {
			buf_puts(b, "\n");
			export_put_spaces(b, indent);
		} else
			buf_putc(b, ' ');
		buf_puts(b, "exchange: ");
		put_yaml_string(b, host);
		buf_putc(b, '\n');
		export_put_spaces(b, indent);
		buf_printf(b, "preference: %lu\n", pref);
		free(host);
		return 0;
	}
	buf_putc(b, ' ');
	if (export_is_txt(r)) {
		v = octodns_txt(r->value);
		put_yaml_string(b, v);
		free(v);
	} else
		put_yaml_string(b, r->value);
	buf_putc(b, '\n');
	return 0;
}

/* Append one octoDNS record (an RRset) whose keys start at an indent. */
static int
put_octodns_rrset(struct buf *b, const struct record_set *rs,
    const struct rrset *set, size_t indent, int item, char **cause)
{
	const struct record *r;
	char *lead;
	size_t i, key_indent = indent + (item ? 2 : 0);

	lead = xmalloc(indent + 2);
	memset(lead, ' ', indent);
	lead[indent] = '#';
	lead[indent + 1] = '\0';
	for (i = 0; i < set->n; i++) {
		r = &rs->records[set->idx[i]];
		export_put_purpose(b, lead, r);
		export_put_replaces(b, lead, r);
	}
	free(lead);
	r = &rs->records[set->idx[0]];
	export_put_spaces(b, indent);
	buf_puts(b, item ? "- " : "");
	buf_printf(b, "ttl: %lu\n", set->ttl);
	export_put_spaces(b, key_indent);
	buf_puts(b, "type: ");
	put_yaml_key(b, r->type);
	buf_putc(b, '\n');
	export_put_spaces(b, key_indent);
	if (set->n == 1) {
		buf_puts(b, "value:");
		return put_octodns_value(b, r, key_indent + 2, 0, cause);
	}
	buf_puts(b, "values:\n");
	for (i = 0; i < set->n; i++) {
		r = &rs->records[set->idx[i]];
		export_put_spaces(b, key_indent + 2);
		buf_putc(b, '-');
		if (put_octodns_value(b, r, key_indent + 4, 1, cause) == -1)
			return -1;
	}
	return 0;
}

/* Order hosts for octoDNS: natural order of their names. */
static int
octodns_host_cmp(const void *a, const void *b)
{
	const struct record *ra = *(const struct record *const *)a;
	const struct record *rb = *(const struct record *const *)b;

	return natural_cmp(octodns_host(ra), octodns_host(rb));
}

/* An octoDNS YAML zone file, keys in the order octoDNS enforces. */
int
export_octodns(struct buf *b, const struct record_set *rs, char **cause)
{
	const struct record **hosts = NULL, *r;
	struct rrset *sets = NULL;
	size_t nhosts = 0, nsets, i, j, nhere;
	int rc = 0;

	buf_puts(b, "---\n");
	export_put_title(b, "#", rs);
	export_put_header(b, "#", _("An octoDNS zone file (%s.yaml). octoDNS "
	    "makes the zone match its file, so merge these entries into your "
	    "existing zone file: applying this file on its own would delete "
	    "every other record of the zone. TXT values have ';' escaped as "
	    "'\\;', as octoDNS wants them."), rs->domain);
	if (rs->nrecords == 0) {
		export_put_comment(b, "#", _("Nothing to publish."));
		export_put_trailer(b, rs, "#");
		buf_puts(b, "{}\n");
		return 0;
	}

	/* One representative record per host, sorted. */
	for (i = 0; i < rs->nrecords; i++) {
		r = &rs->records[i];
		for (j = 0; j < nhosts; j++) {
			if (str_caseeq(octodns_host(hosts[j]),
			    octodns_host(r)))
				break;
		}
		if (j == nhosts) {
			hosts = xreallocarray(hosts, nhosts + 1,
			    sizeof *hosts);
			hosts[nhosts++] = r;
		}
	}
	qsort(hosts, nhosts, sizeof *hosts, octodns_host_cmp);
	nsets = export_group_rrsets(rs, &sets);

	for (i = 0; i < nhosts && rc == 0; i++) {
		put_yaml_key(b, octodns_host(hosts[i]));
		buf_puts(b, ":\n");
		nhere = 0;
		for (j = 0; j < nsets; j++) {
			r = &rs->records[sets[j].idx[0]];
			if (str_caseeq(octodns_host(r),
			    octodns_host(hosts[i])))
				nhere++;
		}
		for (j = 0; j < nsets && rc == 0; j++) {
			r = &rs->records[sets[j].idx[0]];
			if (!str_caseeq(octodns_host(r),
			    octodns_host(hosts[i])))
				continue;
			rc = put_octodns_rrset(b, rs, &sets[j], 2, nhere > 1,
			    cause);
		}
	}
	export_free_rrsets(sets, nsets);
	free(hosts);
	if (rc == -1)
		return -1;
	if (rs->nwarnings > 0 || rs->note != NULL)
		export_put_trailer(b, rs, "#");
	return 0;
}

