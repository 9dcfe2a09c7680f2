/* test-expect.c - reading back every export format, edited and broken */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "tap.h"
#include "expect.h"
#include "export.h"

/* What a comparison looks at besides name, host, type, TTL and value. */
#define CMP_PURPOSE	0x1
#define CMP_ACTION	0x2

static char *golden_dir;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* Read a whole file, or NULL. */
static char *
slurp(const char *path)
{
	char *data, *cause;

	if (file_read(path, &data, NULL, &cause) == -1) {
		printf("# %s\n", cause);
		free(cause);
		return NULL;
	}
	return data;
}

/* A golden file's text, or NULL. */
static char *
golden(const char *set, const char *format)
{
	char *path, *text;

	path = xasprintf("%s/%s.%s", golden_dir, set, format);
	text = slurp(path);
	free(path);
	return text;
}

/* Replace the first occurrence of from (which must be there). */
static char *
replace_first(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);

	if (p == NULL)
		return xstrdup(s);
	return xasprintf("%.*s%s%s", (int)(p - s), s, to, p + strlen(from));
}

/* Replace every occurrence of from. */
static char *
replace_all(const char *s, const char *from, const char *to)
{
	struct buf b;
	const char *p;

	buf_init(&b);
	while ((p = strstr(s, from)) != NULL) {
		buf_add(&b, s, (size_t)(p - s));
		buf_puts(&b, to);
		s = p + strlen(from);
	}
	buf_puts(&b, s);
	return buf_detach(&b);
}

/*
 * Remove the text from the first occurrence of from up to and including
 * the first occurrence of to after it.
 */
static char *
cut(const char *s, const char *from, const char *to)
{
	const char *a = strstr(s, from), *b;

	if (a == NULL)
		return xstrdup(s);
	b = strstr(a + strlen(from), to);
	if (b == NULL)
		return xstrdup(s);
	return xasprintf("%.*s%s", (int)(a - s), s, b + strlen(to));
}

/* The text with CRLF line ends. */
static char *
crlf(const char *s)
{
	char *lf, *out;

	lf = replace_all(s, "\r\n", "\n");
	out = replace_all(lf, "\n", "\r\n");
	free(lf);
	return out;
}

/* Read a text that must be accepted; 0 when it was. */
static int
read_ok(const char *what, const char *text, const char *path,
    const char *domain, struct record_set *rs)
{
	char *cause = NULL;

	if (!ok(expect_read(text, path, domain, rs, &cause) == 0,
	    "%s: read", what)) {
		printf("#   cause: %s\n", cause != NULL ? cause : "(null)");
		free(cause);
		return -1;
	}
	return 0;
}

/* Read a text that must be refused with a message holding two pieces. */
static void
read_fails(const char *what, const char *text, const char *path,
    const char *domain, const char *piece1, const char *piece2)
{
	struct record_set rs;
	char *cause = NULL;
	int rc;

	rc = expect_read(text, path, domain, &rs, &cause);
	ok(rc == -1, "%s: refused", what);
	like(cause, piece1, "%s: says why", what);
	if (piece2 != NULL)
		like(cause, piece2, "%s: says where or as what", what);
	ok(rs.nrecords == 0 && rs.records == NULL && rs.domain == NULL,
	    "%s: nothing left in the record set", what);
	free(cause);
	record_set_free(&rs);
}

/* Order records for comparison: name, type, value. */
static int
rec_cmp(const void *a, const void *b)
{
	const struct record *ra = *(const struct record *const *)a;
	const struct record *rb = *(const struct record *const *)b;
	int c;

	c = strcmp(ra->name, rb->name);
	if (c == 0)
		c = strcmp(ra->type, rb->type);
	if (c == 0)
		c = strcmp(ra->value, rb->value);
	return c;
}

/* The records of a set, sorted. */
static const struct record **
sorted(const struct record_set *rs)
{
	const struct record **v;
	size_t i;

	v = xreallocarray(NULL, rs->nrecords + 1, sizeof *v);
	for (i = 0; i < rs->nrecords; i++)
		v[i] = &rs->records[i];
	qsort(v, rs->nrecords, sizeof *v, rec_cmp);
	return v;
}

/* Describe the first difference between two records, or NULL. */
static char *
rec_diff(const struct record *g, const struct record *w, int flags)
{
	if (strcmp(g->name, w->name) != 0)
		return xasprintf("name '%s', want '%s'", g->name, w->name);
	if (strcmp(g->host, w->host) != 0)
		return xasprintf("host '%s', want '%s'", g->host, w->host);
	if (strcmp(g->type, w->type) != 0)
		return xasprintf("type '%s', want '%s'", g->type, w->type);
	if (g->ttl != w->ttl)
		return xasprintf("ttl %lu, want %lu", g->ttl, w->ttl);
	if (strcmp(g->value, w->value) != 0)
		return xasprintf("value '%s', want '%s'", g->value, w->value);
	if ((flags & CMP_PURPOSE) && strcmp(g->purpose, w->purpose) != 0)
		return xasprintf("purpose '%s', want '%s'", g->purpose,
		    w->purpose);
	if ((flags & CMP_ACTION) && g->action != w->action)
		return xasprintf("action %s, want %s",
		    record_action_name(g->action),
		    record_action_name(w->action));
	return NULL;
}

/* Compare two record sets, in any order. */
static void
same_records(const char *what, const struct record_set *got,
    const struct record_set *want, int flags)
{
	const struct record **g, **w;
	char *d;
	size_t i;

	is(got->domain, want->domain, "%s: domain", what);
	is_int(got->nrecords, want->nrecords, "%s: %zu records", what,
	    want->nrecords);
	if (got->nrecords != want->nrecords)
		return;
	g = sorted(got);
	w = sorted(want);
	for (i = 0; i < got->nrecords; i++) {
		d = rec_diff(g[i], w[i], flags);
		if (!ok(d == NULL, "%s: record %s %s", what, w[i]->name,
		    w[i]->type))
			printf("#   %s\n", d);
		free(d);
	}
	free(g);
	free(w);
}

/* Copy a record into another set. */
static void
copy_record(struct record_set *to, const struct record *r,
    const char *purpose)
{
	struct record *c;

	c = record_set_add(to, r->host, r->type, r->value,
	    purpose != NULL ? purpose : r->purpose);
	c->ttl = r->ttl;
	c->action = r->action;
}

/* Tell whether a record's name and type group has a change in it. */
static int
rrset_changes(const struct record_set *rs, const struct record *r)
{
	size_t i;

	for (i = 0; i < rs->nrecords; i++) {
		if (strcmp(rs->records[i].name, r->name) == 0 &&
		    strcmp(rs->records[i].type, r->type) == 0 &&
		    rs->records[i].action != RECORD_KEEP)
			return 1;
	}
	return 0;
}

/*
 * The records a format can carry of a set: nsupdate leaves out what is
 * kept, Route 53 the RRsets with nothing to change (and has no purposes:
 * only the ones a name shows are found again).
 */
static void
carried(const struct record_set *all, const char *format,
    struct record_set *out)
{
	const struct record *r;
	const char *purpose;
	size_t i;

	record_set_init(out, all->domain, NULL);
	for (i = 0; i < all->nrecords; i++) {
		r = &all->records[i];
		purpose = NULL;
		if (strcmp(format, "nsupdate") == 0 &&
		    r->action == RECORD_KEEP)
			continue;
		if (strcmp(format, "route53") == 0) {
			if (!rrset_changes(all, r))
				continue;
			if (strcmp(r->purpose, "spf") != 0 &&
			    strcmp(r->purpose, "dkim") != 0 &&
			    strcmp(r->purpose, "dmarc") != 0)
				purpose = "other";
		}
		copy_record(out, r, purpose);
	}
}

/* Which formats carry the action of each record. */
static int
has_action(const char *format)
{
	return strcmp(format, "json") == 0 || strcmp(format, "xml") == 0 ||
	    strcmp(format, "csv") == 0 || strcmp(format, "table") == 0;
}

/* ------------------------------------------------------------------ */
/* Every golden file                                                   */
/* ------------------------------------------------------------------ */

/*
 * Check the json reader against the XML golden read by libxml2 directly:
 * the other formats are compared with what the json reader gives.
 */
static void
check_json_against_xml(const char *set, const struct record_set *rs)
{
	xmlDocPtr doc;
	xmlNodePtr n;
	xmlChar *a[5], *v;
	char *path, *ttl;
	size_t i = 0;
	int same;

	path = xasprintf("%s/%s.xml", golden_dir, set);
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	free(path);
	if (!ok(doc != NULL, "%s.xml: libxml2 reads it", set))
		return;
	for (n = xmlDocGetRootElement(doc)->children; n != NULL;
	    n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, "record") != 0)
			continue;
		a[0] = xmlGetProp(n, (const xmlChar *)"name");
		a[1] = xmlGetProp(n, (const xmlChar *)"type");
		a[2] = xmlGetProp(n, (const xmlChar *)"ttl");
		a[3] = xmlGetProp(n, (const xmlChar *)"purpose");
		a[4] = xmlGetProp(n, (const xmlChar *)"action");
		v = xmlNodeGetContent(xmlFirstElementChild(n));
		same = i < rs->nrecords;
		if (same) {
			ttl = xasprintf("%lu", rs->records[i].ttl);
			same = strcmp((char *)a[0],
			    rs->records[i].name) == 0 &&
			    strcmp((char *)a[1], rs->records[i].type) == 0 &&
			    strcmp((char *)a[2], ttl) == 0 &&
			    strcmp((char *)a[3],
			    rs->records[i].purpose) == 0 &&
			    strcmp((char *)a[4],
			    record_action_name(rs->records[i].action)) == 0 &&
			    strcmp((char *)v, rs->records[i].value) == 0;
			free(ttl);
		}
		ok(same, "%s.json record %zu is the XML's %s %s", set, i + 1,
		    (char *)a[0], (char *)a[1]);
		xmlFree(a[0]);
		xmlFree(a[1]);
		xmlFree(a[2]);
		xmlFree(a[3]);
		xmlFree(a[4]);
		xmlFree(v);
		i++;
	}
	is_int(rs->nrecords, i, "%s.json has as many records as the XML", set);
	xmlFreeDoc(doc);
}

/* Read one golden file several ways and compare with the json golden. */
static void
check_golden_format(const char *set, const char *format,
    const struct record_set *all)
{
	struct record_set want, got;
	char *text, *path, *what, *v;
	int flags = CMP_PURPOSE;

	text = golden(set, format);
	if (!ok(text != NULL, "%s.%s exists", set, format))
		return;
	path = xasprintf("%s/%s.%s", golden_dir, set, format);
	if (has_action(format))
		flags |= CMP_ACTION;
	carried(all, format, &want);
	is(expect_detect(text, NULL), format, "%s.%s: detected from content",
	    set, format);

	what = xasprintf("%s.%s", set, format);
	if (read_ok(what, text, path, "example.com", &got) == 0) {
		same_records(what, &got, &want, flags);
		record_set_free(&got);
	}
	free(what);

	what = xasprintf("%s.%s, domain from the file", set, format);
	if (strcmp(set, "empty") == 0 && strcmp(format, "csv") == 0)
		read_fails(what, text, path, NULL, "does not say which domain",
		    "(read as CSV)");
	else if (read_ok(what, text, path, NULL, &got) == 0) {
		same_records(what, &got, &want, flags);
		record_set_free(&got);
	}
	free(what);

	what = xasprintf("%s.%s with CRLF and a byte order mark", set,
	    format);
	v = crlf(text);
	free(text);
	text = xasprintf("\xef\xbb\xbf%s", v);
	free(v);
	if (read_ok(what, text, NULL, "example.com", &got) == 0) {
		same_records(what, &got, &want, flags);
		record_set_free(&got);
	}
	free(what);

	free(text);
	free(path);
	record_set_free(&want);
}

/* Every golden file of every format reads back as the json golden says. */
static void
test_goldens(void)
{
	static const char *sets[] = { "ses", "long", "empty" };
	struct record_set all;
	char *text, *path;
	size_t i, j;

	for (i = 0; i < nitems(sets); i++) {
		text = golden(sets[i], "json");
		path = xasprintf("%s/%s.json", golden_dir, sets[i]);
		if (text == NULL || read_ok(path, text, path, NULL,
		    &all) == -1) {
			free(text);
			free(path);
			continue;
		}
		check_json_against_xml(sets[i], &all);
		for (j = 0; export_formats[j] != NULL; j++)
			check_golden_format(sets[i], export_formats[j], &all);
		record_set_free(&all);
		free(text);
		free(path);
	}

	/* Facts of the goldens themselves. */
	text = golden("long", "table");
	if (text != NULL && read_ok("long.table", text, NULL, NULL,
	    &all) == 0) {
		is_int(strlen(all.records[0].value), 600,
		    "long.table: the three quoted strings joined, 600 "
		    "bytes");
		is(all.records[1].value, "say \"hi\" \\ back; ${var} and "
		    "%{if x}", "long.table: a value shown as it is");
		is(all.records[3].purpose, "bounce", "long.table: purpose "
		    "from the heading");
		is_int(all.records[3].action, RECORD_KEEP, "long.table: a "
		    "kept record is still expected");
		record_set_free(&all);
	}
	free(text);
	text = golden("ses", "json");
	if (text != NULL && read_ok("ses.json", text, NULL, NULL, &all) == 0) {
		is(all.feature, "email-notification", "ses.json: feature");
		is(all.server, "advanced-smtp", "ses.json: server");
		is(all.records[0].replaces, "v=spf1 include:_spf.google.com "
		    "~all", "ses.json: replaces");
		ok(all.records[0].why != NULL && strncmp(all.records[0].why,
		    "Zuora's", 7) == 0, "ses.json: why");
		record_set_free(&all);
	}
	free(text);
}

/* ------------------------------------------------------------------ */
/* Round trips through export_render                                   */
/* ------------------------------------------------------------------ */

/* A set with what each format must escape, split or group. */
static void
make_tricky(struct record_set *rs)
{
	struct record *r;
	char longv[721];
	size_t i;

	record_set_init(rs, "example.org", NULL);
	rs->feature = xstrdup("workflow");
	r = record_set_add(rs, "@", "TXT", "v=spf1 include:amazonses.com "
	    "-all", "spf");
	r->ttl = 600;
	r = record_set_add(rs, "@", "TXT", "site-verification=abc;def",
	    "verification");
	r->ttl = 600;
	r = record_set_add(rs, "_dmarc", "TXT", "v=DMARC1; p=quarantine; "
	    "rua=mailto:a@example.org,mailto:b@example.org", "dmarc");
	r->ttl = 300;
	memcpy(longv, "v=DKIM1; k=rsa; p=", 18);
	for (i = 18; i < 720; i++)
		longv[i] = "AB+/cd;e\"f\\9"[i % 12];
	longv[720] = '\0';
	r = record_set_add(rs, "sel1._domainkey", "TXT", longv, "dkim");
	r->ttl = 300;
	record_set_add(rs, "quote", "TXT", "it's \"quoted\" \\ ${x} %{y} "
	    "$${z} #hash // slashes /* c */ 'single' a,b", "other");
	record_set_add(rs, "utf", "TXT", "caf\xc3\xa9 \xe2\x80\x93 "
	    "\xe6\x97\xa5\xe6\x9c\xac \xe2\x9c\x93", "other");
	record_set_add(rs, "empty", "TXT", "", "other");
	record_set_add(rs, "s1._domainkey", "CNAME",
	    "s1.domainkey.u123.wl.sendgrid.net.", "dkim");
	record_set_add(rs, "bounce", "MX",
	    "10 feedback-smtp.us-east-1.amazonses.com.", "bounce");
	record_set_add(rs, "bounce", "MX", "20 backup.example.net.",
	    "bounce");
	r = record_set_add(rs, "bounce", "TXT", "v=spf1 include:amazonses.com "
	    "~all", "bounce");
	r->action = RECORD_KEEP;
}

/* Every format, rendered and read back, gives the same records. */
static void
test_roundtrip(void)
{
	struct record_set rs, want, got;
	char *out, *cause = NULL, *what;
	size_t i;
	int flags;

	make_tricky(&rs);
	for (i = 0; export_formats[i] != NULL; i++) {
		out = export_render(&rs, export_formats[i], &cause);
		if (!ok(out != NULL, "tricky set renders as %s",
		    export_formats[i])) {
			printf("#   %s\n", cause);
			free(cause);
			cause = NULL;
			continue;
		}
		is(expect_detect(out, NULL), export_formats[i], "tricky %s: "
		    "detected", export_formats[i]);
		what = xasprintf("tricky %s", export_formats[i]);
		flags = CMP_PURPOSE | (has_action(export_formats[i]) ?
		    CMP_ACTION : 0);
		carried(&rs, export_formats[i], &want);
		if (read_ok(what, out, NULL, NULL, &got) == 0) {
			same_records(what, &got, &want, flags);
			record_set_free(&got);
		}
		free(what);
		record_set_free(&want);
		free(out);
	}
	record_set_free(&rs);
}

/* ------------------------------------------------------------------ */
/* Hand-edited files                                                   */
/* ------------------------------------------------------------------ */

/* An edit of a golden file and what it must change. */
struct edit {
	const char *format;
	const char *from;	/* replace the first ... */
	const char *to;		/* ... with this; or, with cut set, */
	int cut;		/* remove from 'from' up to 'to' */
};

/* Read an edited golden and compare with an edited expectation. */
static void
check_edit(const char *what, const struct edit *e, const char *set,
    void (*change)(struct record_set *))
{
	struct record_set all, want, got;
	char *json, *text, *edited, *name;
	int flags;

	json = golden(set, "json");
	text = golden(set, e->format);
	if (json == NULL || text == NULL || read_ok("json", json, NULL, NULL,
	    &all) == -1) {
		free(json);
		free(text);
		return;
	}
	if (e->cut)
		edited = cut(text, e->from, e->to);
	else
		edited = replace_first(text, e->from, e->to);
	name = xasprintf("%s, %s", what, e->format);
	ok(strcmp(edited, text) != 0, "%s: the edit applies", name);
	flags = CMP_PURPOSE | (has_action(e->format) ? CMP_ACTION : 0);
	change(&all);
	carried(&all, e->format, &want);
	if (read_ok(name, edited, NULL, "example.com", &got) == 0) {
		same_records(name, &got, &want, flags);
		record_set_free(&got);
	}
	free(name);
	free(edited);
	free(text);
	free(json);
	record_set_free(&want);
	record_set_free(&all);
}

/* The SPF record of ses with a TTL of 300. */
static void
spf_ttl_300(struct record_set *rs)
{
	rs->records[0].ttl = 300;
}

/* ses without its DMARC record (the last one). */
static void
no_dmarc(struct record_set *rs)
{
	struct record *r = &rs->records[rs->nrecords - 1];

	free(r->name);
	free(r->host);
	free(r->type);
	free(r->value);
	free(r->replaces);
	free(r->purpose);
	free(r->why);
	rs->nrecords--;
}

/* No change. */
static void
unchanged(struct record_set *rs)
{
	(void)rs;
}

/* A changed TTL, a removed record, extra comments and blank lines. */
static void
test_edits(void)
{
	static const struct edit ttl[] = {
		{ "zone", "example.com. 3600", "example.com. 300", 0 },
		{ "nsupdate", "add example.com. 3600", "add example.com. 300",
		    0 },
		{ "csv", "@,TXT,3600", "@,TXT,300", 0 },
		{ "json", "\"ttl\": 3600", "\"ttl\": 300", 0 },
		{ "xml", "ttl=\"3600\"", "ttl=\"300\"", 0 },
		{ "table", "TTL:        3600", "TTL:        300", 0 },
		{ "dnscontrol", "TTL(3600)", "TTL(300)", 0 },
		{ "octodns", "ttl: 3600", "ttl: 300", 0 },
		{ "terraform", "ttl     = 3600", "ttl     = 300", 0 },
		{ "route53", "\"TTL\": 3600", "\"TTL\": 300", 0 },
	};
	static const struct edit removed[] = {
		{ "zone", "_dmarc.example.com. 3600", "\n", 1 },
		{ "nsupdate", "update add _dmarc", "\n", 1 },
		{ "csv", "_dmarc.example.com.,", "\r\n", 1 },
		{ "json", ",\n    {\n      \"name\": \"_dmarc", "}", 1 },
		{ "xml", "<record name=\"_dmarc", "</record>", 1 },
		{ "table", "Record 5 of 5", "start with.\n", 1 },
		{ "dnscontrol", "\tTXT(\"_dmarc\"", "\n", 1 },
		{ "octodns", "_dmarc:", "example.com'\n", 1 },
		{ "terraform", "resource \"aws_route53_record\" \"dmarc\"",
		    "}\n", 1 },
		{ "route53", ",\n    {\n      \"Action\": \"CREATE\",\n"
		    "      \"ResourceRecordSet\": {\n        \"Name\": "
		    "\"_dmarc", "]\n      }\n    }", 1 },
	};
	static const struct edit noise[] = {
		{ "zone", "$ORIGIN example.com.\n", "$ORIGIN example.com.\n\n"
		    "; my own note (TXT)\n   \n\t; indented comment\n\n", 0 },
		{ "nsupdate", "zone example.com.\n", "zone example.com.\n"
		    "; a note\n;\n;;; more\n", 0 },
		{ "csv", "\r\n", "\r\n\r\n\r\n", 0 },
		{ "json", "\"records\": [", "\n\n  \"records\" :\n[\n\t", 0 },
		{ "xml", "<records ", "<!-- edited by hand -->\n<records ",
		    0 },
		{ "table", "\n\nRecord 2", "\n\n\n\nRecord 2", 0 },
		{ "dnscontrol", "\nD(\"example.com\",", "\n/* block\n comment "
		    "*/\n// a note\nD(\"example.com\", // here\n", 0 },
		{ "octodns", "_dmarc:", "\n# a note\n\n_dmarc:  # inline\n",
		    0 },
		{ "terraform", "# ---- Cloudflare ----", "// a note\n/* a\n"
		    "block */\n# ---- Cloudflare ----", 0 },
		{ "route53", "\"Changes\": [", "\"Changes\"  :  [\n\n", 0 },
	};
	size_t i;

	for (i = 0; i < nitems(ttl); i++)
		check_edit("SPF TTL changed to 300", &ttl[i], "ses",
		    spf_ttl_300);
	for (i = 0; i < nitems(removed); i++)
		check_edit("DMARC record removed", &removed[i], "ses",
		    no_dmarc);
	for (i = 0; i < nitems(noise); i++)
		check_edit("comments and blank lines added", &noise[i], "ses",
		    unchanged);
}

/* ------------------------------------------------------------------ */
/* What each format allows beyond what export writes                   */
/* ------------------------------------------------------------------ */

/* Read a text and compare its records with lines "name type ttl value". */
static void
check_records(const char *what, const char *text, const char *path,
    const char *domain, const char *const *want, size_t n)
{
	struct record_set rs;
	char *line;
	size_t i;

	if (read_ok(what, text, path, domain, &rs) == -1)
		return;
	is_int(rs.nrecords, n, "%s: %zu records", what, n);
	for (i = 0; i < rs.nrecords && i < n; i++) {
		line = xasprintf("%s %s %lu %s %s", rs.records[i].name,
		    rs.records[i].type, rs.records[i].ttl,
		    rs.records[i].purpose, rs.records[i].value);
		is(line, want[i], "%s: record %zu", what, i + 1);
		free(line);
	}
	record_set_free(&rs);
}

/* Master files: directives, relative names, parentheses, TTL units. */
static void
test_zone(void)
{
	static const char *want1[] = {
		"example.com. TXT 7200 spf v=spf1 -all",
		"example.com. TXT 300 other long text joined",
		"_dmarc.example.com. TXT 300 dmarc v=DMARC1; p=none",
		"a._domainkey.example.com. CNAME 5400 dkim "
		    "a.dkim.example.net.",
		"b._domainkey.example.com. CNAME 5400 dkim "
		    "b._domainkey.example.com.",
		"mail.example.com. MX 3600 other 10 mx.example.com.",
		"x.sub.example.com. TXT 60 other a\"b\\c\x01"
	};
	static const char *want2[] = {
		"example.com. TXT 3600 spf v=spf1 -all",
		"dkim._domainkey.example.com. TXT 3600 dkim v=DKIM1; p=abc"
	};
	static const char *want3[] = {
		"x.example.com. TXT 600 other a",
		"y.example.com. TXT 600 other b",
		"z.example.com. TXT 60 other c",
		"example.com. TXT 86400 other d"
	};

	check_records("zone features", "$TTL 2h\n"
	    "$ORIGIN example.com.\n"
	    "@ IN TXT \"v=spf1 -all\"\n"
	    "  300 TXT ( \"long \" ; a comment in the group\n"
	    "     \"text \" joined ) ; strings joined\n"
	    "_dmarc IN 300 TXT \"v=DMARC1; p=none\"\n"
	    "a._domainkey 1h30m CNAME a.dkim.example.net.\n"
	    "b._domainkey 1h30m IN CNAME b._domainkey\n"
	    "mail 1H MX 10 mx\n"
	    "$ORIGIN sub.example.com.\n"
	    "x 60 TXT \"a\\\"b\\\\c\\001\"\n", NULL, NULL, want1,
	    nitems(want1));
	check_records("zone without $ORIGIN, domain given",
	    "@ 3600 TXT \"v=spf1 -all\"\n"
	    "dkim._domainkey 3600 TXT \"v=DKIM1; p=abc\"\n", "x.zone",
	    "example.com", want2, nitems(want2));
	check_records("zone without $ORIGIN, domain from the title",
	    "; mailwiz: DNS records for example.com, feature x\n"
	    "@ 3600 TXT \"v=spf1 -all\"\n"
	    "dkim._domainkey.example.com. 3600 TXT \"v=DKIM1; p=abc\"\n",
	    "x.zone", NULL, want2, nitems(want2));
	check_records("zone TTLs: $TTL, then the last one given",
	    "$ORIGIN example.com.\n$TTL 600\nx TXT a\ny IN TXT b\n"
	    "z 60 TXT c\n@ 1d TXT d\n", NULL, NULL, want3, nitems(want3));
	check_records("zone: the last TTL given when there is no $TTL",
	    "$ORIGIN example.com.\nx 600 TXT a\ny TXT b\n", NULL, NULL,
	    want3, 2);
}

/* Tables: titles with both forms of a name, values joined by hand. */
static void
test_table(void)
{
	const char *want[2];
	struct buf b, v;
	size_t i;

	/* A value of 256 bytes: two strings, as the table shows it. */
	buf_init(&v);
	buf_puts(&v, "sel._domainkey.xn--bcher-kva.example. TXT 60 dkim "
	    "v=DKIM1; p=");
	for (i = 0; i < 245; i++)
		buf_putc(&v, 'A');
	buf_puts(&v, "...");
	want[0] = v.data;
	want[1] = "xn--bcher-kva.example. TXT 60 other \"quoted\" a\\b\x01";
	buf_init(&b);
	buf_puts(&b, "DNS records for b\xc3\xbc" "cher.example "
	    "(xn--bcher-kva.example), feature x\n\n"
	    "Record 1 of 2: dkim (TXT)\n"
	    "    Host:       sel._domainkey\n"
	    "    Type:       TXT\n"
	    "    TTL:        60\n"
	    "    Value:      \"v=DKIM1; p=");
	for (i = 0; i < 245; i++)
		buf_putc(&b, 'A');
	buf_puts(&b, "\" \"");
	for (i = 0; i < 3; i++)
		buf_putc(&b, '.');
	buf_puts(&b, "\"\n"
	    "    Action:     create: add this record\n\n"
	    "Record 2 of 2: other (TXT)\n"
	    "    Full name:  xn--bcher-kva.example\n"
	    "    Type:       TXT\n"
	    "    TTL:        60\n"
	    "    Value:      \"quoted\" a\\b\\001\n");
	check_records("table by hand", b.data, NULL, NULL, want,
	    nitems(want));
	buf_free(&b);
	buf_free(&v);
}

/* Read a table and check each record's action. */
static void
check_actions(const char *what, const char *text, const int *want,
    size_t n)
{
	struct record_set rs;
	size_t i;

	if (read_ok(what, text, "t.txt", NULL, &rs) == -1)
		return;
	for (i = 0; i < rs.nrecords && i < n; i++)
		is_int(rs.records[i].action, want[i], "%s: record %zu's "
		    "action", what, i + 1);
	record_set_free(&rs);
}

/* Tables written in a language that is neither English nor the one
   mailwiz runs in: the labels are known by their place, the action by the
   word before the words for people, the note after long values by its
   parentheses (full-width ones too). */
static void
test_table_languages(void)
{
	static const char *want[] = {
		"example.com. TXT 3600 spf v=spf1 include:amazonses.com ~all",
		"_dmarc.example.com. TXT 3600 dmarc v=DMARC1; p=none"
	};
	static const int actions[] = { RECORD_REPLACE, RECORD_KEEP };
	struct buf b, v;
	const char *want_long[1];
	const char *ja, *fr;
	size_t i;

	ja = "DNS \xe3\x83\xac\xe3\x82\xb3\xe3\x83\xbc\xe3\x83\x89: "
	    "example.com\n\n"
	    "\xe3\x83\xac\xe3\x82\xb3\xe3\x83\xbc\xe3\x83\x89 1/2: spf "
	    "(TXT)\n"
	    "    \xe3\x83\x9b\xe3\x82\xb9\xe3\x83\x88:  @\n"
	    "    \xe5\xae\x8c\xe5\x85\xa8\xe5\x90\x8d:  example.com\n"
	    "    \xe3\x82\xbf\xe3\x82\xa4\xe3\x83\x97:  TXT\n"
	    "    TTL:     3600\n"
	    "    \xe5\x80\xa4:      v=spf1 include:amazonses.com ~all\n"
	    "    \xe6\x93\x8d\xe4\xbd\x9c:    replace: \xe5\xa4\x89\xe6\x9b"
	    "\xb4\n"
	    "    \xe7\x90\x86\xe7\x94\xb1:    \xe3\x83\xa1\xe3\x83\xbc"
	    "\xe3\x83\xab: x\n"
	    "             \xe7\xb6\x9a\xe3\x81\x8d: y\n\n"
	    "\xe3\x83\xac\xe3\x82\xb3\xe3\x83\xbc\xe3\x83\x89 2/2: dmarc "
	    "(TXT)\n"
	    "    \xe3\x83\x9b\xe3\x82\xb9\xe3\x83\x88\xef\xbc\x9a  _dmarc\n"
	    "    \xe5\xae\x8c\xe5\x85\xa8\xe5\x90\x8d\xef\xbc\x9a  "
	    "_dmarc.example.com\n"
	    "    \xe3\x82\xbf\xe3\x82\xa4\xe3\x83\x97\xef\xbc\x9a  TXT\n"
	    "    TTL\xef\xbc\x9a     3600\n"
	    "    \xe5\x80\xa4\xef\xbc\x9a      v=DMARC1; p=none\n"
	    "    \xe6\x93\x8d\xe4\xbd\x9c\xef\xbc\x9a    keep: \xe4\xb8\x8d"
	    "\xe8\xa6\x81\n";
	check_records("table in Japanese", ja, "t.txt", NULL, want,
	    nitems(want));
	check_records("table in Japanese, found by its headings", ja, NULL,
	    NULL, want, nitems(want));
	check_actions("table in Japanese", ja, actions, nitems(actions));

	fr = "Enregistrements DNS pour example.com\n\n"
	    "Enregistrement 1 sur 2 : spf (TXT)\n"
	    "    H\xc3\xb4te :        @\n"
	    "    Nom complet :  example.com\n"
	    "    Type :         TXT\n"
	    "    TTL :          3600\n"
	    "    Valeur :       v=spf1 include:amazonses.com ~all\n"
	    "    Action :       replace : modifier\n\n"
	    "Enregistrement 2 sur 2 : dmarc (TXT)\n"
	    "    H\xc3\xb4te :        _dmarc\n"
	    "    Nom complet :  _dmarc.example.com\n"
	    "    Type :         TXT\n"
	    "    TTL :          3600\n"
	    "    Valeur :       v=DMARC1; p=none\n"
	    "    Action :       keep: rien \xc3\xa0 faire\n";
	check_records("table in French", fr, NULL, NULL, want, nitems(want));
	check_records("table in French, as .txt", fr, "t.txt", NULL, want,
	    nitems(want));
	check_actions("table in French", fr, actions, nitems(actions));

	/* A long TXT value: its strings, then the note in full-width
	   parentheses. */
	buf_init(&v);
	buf_puts(&v, "sel._domainkey.example.com. TXT 60 dkim v=DKIM1; p=");
	for (i = 0; i < 300; i++)
		buf_putc(&v, 'A');
	want_long[0] = v.data;
	buf_init(&b);
	buf_puts(&b, "\xe3\x83\xac\xe3\x82\xb3\xe3\x83\xbc\xe3\x83\x89 1/1: "
	    "dkim (TXT)\n"
	    "    \xe3\x83\x9b\xe3\x82\xb9\xe3\x83\x88:  sel._domainkey\n"
	    "    \xe5\xae\x8c\xe5\x85\xa8\xe5\x90\x8d:  "
	    "sel._domainkey.example.com\n"
	    "    \xe3\x82\xbf\xe3\x82\xa4\xe3\x83\x97:  TXT\n"
	    "    TTL:     60\n"
	    "    \xe5\x80\xa4:      \"v=DKIM1; p=");
	for (i = 0; i < 245; i++)
		buf_putc(&b, 'A');
	buf_puts(&b, "\"\n             \"");
	for (i = 0; i < 55; i++)
		buf_putc(&b, 'A');
	buf_puts(&b, "\"\n             \xef\xbc\x88 2 \xe3\x81\xa4\xe3\x81\xae"
	    "\xe6\x96\x87\xe5\xad\x97\xe5\x88\x97\xef\xbc\x89\n");
	check_records("table in Japanese, a long value", b.data, "t.txt",
	    "example.com", want_long, 1);
	buf_free(&b);
	buf_free(&v);

	/* A label of a language not known, but not where a label goes: a
	   continuation line is still only a continuation. */
	read_fails("table with an unknown label only", "Record 1 of 1: spf "
	    "(TXT)\n      Etikett:  x\n", "t.txt", NULL, "does not say which "
	    "domain", NULL);
}

/* nsupdate: ttl command, add without update, names without dots. */
static void
test_nsupdate(void)
{
	static const char *want[] = {
		"example.com. TXT 600 spf v=spf1 -all",
		"_dmarc.example.com. TXT 60 dmarc v=DMARC1; p=none",
		"mail.example.com. MX 600 other 5 mx.example.net."
	};

	check_records("nsupdate commands", "server 127.0.0.1 53\n"
	    "zone example.com\n"
	    "ttl 600\n"
	    "update delete example.com TXT\n"
	    "update add example.com TXT \"v=spf1 -all\"\n"
	    "add _dmarc.example.com 60 IN TXT \"v=DMARC1;\" \" p=none\"\n"
	    "update add mail.example.com. MX 5 mx.example.net\n"
	    "\n"
	    "show\nsend\nanswer\n", NULL, NULL, want, nitems(want));
}

/* DNSControl: DefaultTTL, string joins, escapes, relative targets. */
static void
test_dnscontrol(void)
{
	static const char *want[] = {
		"example.com. TXT 300 spf v=spf1 -all",
		"a._domainkey.example.com. TXT 600 dkim v=DKIM1; p=ab",
		"q.example.com. TXT 600 other it's \"q\" \xc3\xa9\xf0\x9f\x98"
		    "\x80 tab\tend",
		"s1._domainkey.example.com. CNAME 600 dkim "
		    "s1.example.com.",
		"s2._domainkey.example.com. CNAME 120 dkim example.com.",
		"mx.example.com. MX 600 other 10 mail.example.net."
	};
	static const char *other[] = {
		"x.example.com. TXT 300 other other.org's block is skipped"
	};

	check_records("dnscontrol features",
	    "var DSP = NewDnsProvider('none');\n"
	    "D('example.com', REG, DnsProvider(DSP), {no_ns: 'true'},\n"
	    "  TXT('@', 'v=spf1 -all'),\n"
	    "  DefaultTTL(600),\n"
	    "  TXT('a._domainkey', 'v=DKIM1; ' + \"p=a\" + 'b'),\n"
	    "  TXT(\"q\", \"it's \\\"q\\\" \\u00e9\\ud83d\\ude00 "
	    "tab\\tend\"),\n"
	    "  CNAME(\"s1._domainkey\", \"s1\"),\n"
	    "  CNAME(\"s2._domainkey\", \"@\", TTL('2m')),\n"
	    "  MX(\"mx\", 10, \"mail.example.net.\"),\n"
	    "  IGNORE_NAME(\"foo\"),\n"
	    "  NO_PURGE,\n"
	    ");\n"
	    "D(\"other.org\", REG, TXT(\"y\", \"z\"));\n", NULL,
	    "example.com", want, nitems(want));
	check_records("dnscontrol: the D() block of the domain asked for",
	    "D(\"other.org\", REG, TXT(\"y\", \"z\"));\n"
	    "D(\"example.com.\", REG,\n"
	    "  TXT(\"x\", \"other.org's block is skipped\"));\n", NULL,
	    "example.com", other, nitems(other));
}

/* octoDNS: values lists, escapes, flow lists, no TTL. */
static void
test_octodns(void)
{
	static const char *want[] = {
		"example.com. TXT 3600 spf v=spf1 -all",
		"example.com. TXT 3600 other a;b",
		"_dmarc.example.com. TXT 60 dmarc v=DMARC1; p=none",
		"x.example.com. TXT 300 other one",
		"x.example.com. TXT 300 other two \xc3\xa9",
		"m.example.com. MX 600 other 10 a.example.net.",
		"m.example.com. MX 600 other 20 b.example.net.",
		"c.example.com. CNAME 300 other t.example.net."
	};

	check_records("octodns features", "---\n"
	    "'':\n"
	    "  type: TXT\n"
	    "  values:\n"
	    "  - v=spf1 -all\n"
	    "  - \"a\\\\;b\"   # a comment\n"
	    "_dmarc:\n"
	    "  ttl: 60\n"
	    "  type: TXT\n"
	    "  value: v=DMARC1\\; p=none\n"
	    "x:\n"
	    "  ttl: 300\n"
	    "  type: TXT\n"
	    "  values: ['one', \"two \\u00e9\"]\n"
	    "m:\n"
	    "  ttl: 600\n"
	    "  type: MX\n"
	    "  values:\n"
	    "    - exchange: a.example.net.\n"
	    "      preference: 10\n"
	    "    - preference: 20\n"
	    "      exchange: b.example.net.\n"
	    "\"c\":\n"
	    "  - type: CNAME\n"
	    "    ttl: 300\n"
	    "    value: t.example.net.\n"
	    "...\n"
	    "ignored: after the end\n", NULL, "example.com", want,
	    nitems(want));
}

/* Terraform: Cloudflare alone, several values, nested blocks. */
static void
test_terraform(void)
{
	static const char *want_cf[] = {
		"example.com. TXT 1 spf v=spf1 -all",
		"s1._domainkey.example.com. CNAME 300 dkim "
		    "s1.example.net.",
		"m.example.com. MX 300 other 10 mx.example.net.",
		"q.example.com. TXT 300 other ${x} %{y}"
	};
	static const char *want_aws[] = {
		"example.com. TXT 300 spf v=spf1 -all",
		"example.com. TXT 300 other ab \"c\"",
		"_dmarc.example.com. TXT 60 dmarc v=DMARC1; p=none"
	};
	char *text, *edited;
	struct record_set rs;

	check_records("terraform with Cloudflare only",
	    "resource \"cloudflare_dns_record\" \"a\" {\n"
	    "  zone_id = var.zone\n"
	    "  name = \"example.com\"\n"
	    "  type = \"TXT\"\n"
	    "  ttl = 1\n"
	    "  content = \"\\\"v=spf1 -all\\\"\"\n"
	    "  lifecycle {\n    ignore_changes = [comment]\n  }\n"
	    "}\n"
	    "resource \"cloudflare_dns_record\" \"b\" {\n"
	    "  name = \"s1._domainkey\" // relative to the zone\n"
	    "  type = \"CNAME\"\n  ttl = 300\n"
	    "  content = \"s1.example.net\"\n  proxied = false\n}\n"
	    "resource \"cloudflare_record\" \"c\" {\n"
	    "  name = \"m.example.com\"\n  type = \"MX\"\n  ttl = 300\n"
	    "  value = \"mx.example.net\"\n  priority = 10\n}\n"
	    "resource \"cloudflare_dns_record\" \"d\" {\n"
	    "  name = \"q\"\n  type = \"TXT\"\n  ttl = 300\n"
	    "  content = \"$${x} %%{y}\"\n}\n"
	    "output \"x\" { value = cloudflare_dns_record.a.id }\n",
	    NULL, "example.com", want_cf, nitems(want_cf));
	check_records("terraform with Route 53 and Cloudflare",
	    "locals {\n  x = { a = [1, 2], b = \"c\" }\n}\n"
	    "resource \"cloudflare_dns_record\" \"x\" {\n"
	    "  name = \"cf.example.com\"\n  type = \"TXT\"\n  ttl = 1\n"
	    "  content = \"ignored\"\n}\n"
	    "resource \"aws_route53_record\" \"a\" {\n"
	    "  zone_id = aws_route53_zone.main.zone_id\n"
	    "  name    = \"example.com\"\n  type = \"TXT\"\n  ttl = 300\n"
	    "  records = [\n    \"v=spf1 -all\",\n"
	    "    \"a\\\"\\\"b \\\\\\\"c\\\\\\\"\",\n  ]\n}\n"
	    "resource \"aws_route53_record\" \"b\" {\n"
	    "  name = \"_dmarc.example.com.\"\n  type = \"TXT\"\n  ttl = 60\n"
	    "  records = [\"v=DMARC1; p=none\"]\n}\n", "main.tf",
	    "example.com",
	    want_aws, nitems(want_aws));

	/* The golden with its Route 53 part deleted: Cloudflare's. */
	text = golden("long", "terraform");
	if (text == NULL)
		return;
	edited = cut(text, "# ---- Amazon Route 53 ----",
	    "# ---- Cloudflare ----\n");
	if (read_ok("long.terraform, Cloudflare part only", edited, NULL,
	    "example.com", &rs) == 0) {
		is_int(rs.nrecords, 4, "Cloudflare: 4 records");
		if (rs.nrecords == 4) {
			is_int(strlen(rs.records[0].value), 600,
			    "Cloudflare: the quoted strings joined");
			is(rs.records[1].value, "say \"hi\" \\ back; ${var} "
			    "and %{if x}", "Cloudflare: escapes undone");
			is(rs.records[2].value, "10 feedback-smtp.eu-west-1."
			    "amazonses.com.", "Cloudflare: MX from priority "
			    "and content, with the dot back");
			is(rs.records[3].purpose, "bounce", "Cloudflare: "
			    "purpose from the comment");
		}
		record_set_free(&rs);
	}
	free(edited);
	free(text);
}

/* Route 53: a request around the batch, DELETE, octal escapes. */
static void
test_route53(void)
{
	static const char *want[] = {
		"example.com. TXT 300 spf v=spf1 -all",
		"example.com. TXT 300 other caf\xc3\xa9 \"x\"ab",
		"*.example.com. CNAME 60 other t.example.net."
	};

	check_records("route53 request", "{\"HostedZoneId\": \"Z1\",\n"
	    "\"ChangeBatch\": {\"Changes\": [\n"
	    "{\"Action\": \"DELETE\", \"ResourceRecordSet\": {}},\n"
	    "{\"Action\": \"UPSERT\", \"ResourceRecordSet\": {\n"
	    "  \"Name\": \"example.com\", \"Type\": \"TXT\", \"TTL\": 300,\n"
	    "  \"ResourceRecords\": [{\"Value\": \"\\\"v=spf1 -all\\\"\"},\n"
	    "    {\"Value\": \"\\\"caf\\\\303\\\\251 \\\\\\\"x\\\\\\\"\\\" "
	    "\\\"ab\\\"\"}]}},\n"
	    "{\"Action\": \"CREATE\", \"ResourceRecordSet\": {\n"
	    "  \"Name\": \"\\\\052.example.com.\", \"Type\": \"CNAME\", "
	    "\"TTL\": 60,\n"
	    "  \"ResourceRecords\": [{\"Value\": \"t.example.net\"}]}}\n"
	    "]}}\n", NULL, "example.com", want, nitems(want));
}

/* CSV: other column orders, quoting, CRLF inside a field. */
static void
test_csv(void)
{
	static const char *want[] = {
		"example.com. TXT 300 spf v=spf1 -all",
		"x.example.com. TXT 60 other a,\"b\"\r\nc",
		"y.example.com. TXT 60 mine  padded "
	};

	check_records("csv columns", "Type,Host,TTL,Value,Comment,Purpose\n"
	    "TXT,@,300,v=spf1 -all,,\n"
	    "TXT,x,60,\"a,\"\"b\"\"\r\nc\",\"what, ever\",\n"
	    "TXT,y,60,\" padded \",,mine\n", "x.csv", "example.com", want,
	    nitems(want));
}

/* JSON: escapes, only host or only name, types of the set fields. */
static void
test_json(void)
{
	static const char *want[] = {
		"example.com. TXT 0 spf v=spf1 -all",
		"x.example.com. TXT 2147483647 other \xc3\xa9\xf0\x9f\x98\x80"
		    "\t/\"\\"
	};

	check_records("json escapes", "{\"records\": [\n"
	    "{\"host\": \"@\", \"type\": \"txt\", \"ttl\": 0, "
	    "\"value\": \"v=spf1 -all\", \"extra\": [1, {\"a\": null}]},\n"
	    "{\"name\": \"X.Example.COM\", \"type\": \"TXT\", "
	    "\"ttl\": 2147483647, \"purpose\": \"\", \"why\": null,\n"
	    " \"value\": \"\\u00e9\\ud83d\\ude00\\t\\/\\\"\\\\\"}\n"
	    "], \"domain\": \"example.com\", \"provider\": null}", NULL, NULL,
	    want, nitems(want));
}

/* Purposes: guessed from the record, or from a mailwiz comment. */
static void
test_purposes(void)
{
	static const char *want[] = {
		"example.com. TXT 60 spf v=spf1 -all",
		"example.com. TXT 60 other v=spf10",
		"bounce.example.com. TXT 60 other v=spf1 -all",
		"_dmarc.example.com. TXT 60 dmarc v=DMARC1; p=none",
		"_dmarc.sub.example.com. TXT 60 dmarc v=DMARC1; p=none",
		"s._domainkey.example.com. TXT 60 dkim v=DKIM1; p=",
		"s._domainkey.sub.example.com. CNAME 60 dkim t.example.net.",
		"s._domainkey.example.com. MX 60 other 1 t.example.net.",
		"_domainkey.example.com. TXT 60 other o=-",
		"_dmarc.example.com. CNAME 60 other t.example.net."
	};
	static const char *hinted[] = {
		"x.example.com. TXT 60 verification token=1",
		"y.example.com. TXT 60 bounce v=spf1 a -all",
		"z.example.com. TXT 60 other mismatched type",
		"w.example.com. TXT 60 other no comment"
	};

	check_records("guessed purposes", "$ORIGIN example.com.\n$TTL 60\n"
	    "@ TXT \"v=spf1 -all\"\n@ TXT v=spf10\n"
	    "bounce TXT \"v=spf1 -all\"\n"
	    "_dmarc TXT \"v=DMARC1; p=none\"\n"
	    "_dmarc.sub TXT \"v=DMARC1; p=none\"\n"
	    "s._domainkey TXT \"v=DKIM1; p=\"\n"
	    "s._domainkey.sub CNAME t.example.net.\n"
	    "s._domainkey MX 1 t.example.net.\n"
	    "_domainkey TXT o=-\n_dmarc CNAME t.example.net.\n", NULL, NULL,
	    want, nitems(want));
	check_records("purposes from comments", "$ORIGIN example.com.\n"
	    "$TTL 60\n"
	    "; dkim (CNAME): create: add this record\n"
	    "; (that record was deleted by hand)\n"
	    "; verification (TXT): create: add this record\n"
	    "x TXT token=1\n"
	    "; bounce (TXT): keep: already published, nothing to do\n"
	    "; why it is there\n"
	    "y TXT \"v=spf1 a -all\"\n"
	    "; dkim (CNAME): create: add this record\n"
	    "z TXT \"mismatched type\"\n"
	    "w TXT \"no comment\"\n", NULL, NULL, hinted, nitems(hinted));
}

/* ------------------------------------------------------------------ */
/* Detection                                                           */
/* ------------------------------------------------------------------ */

/* The extension breaks a tie; content that says more wins. */
static void
test_detect(void)
{
	const char *lines = "x.example.com. 300 IN TXT \"a\"\n";

	is(expect_detect(lines, NULL), "zone", "bare records: zone");
	is(expect_detect(lines, "/tmp/a.nsupdate"), "nsupdate",
	    "bare records named .nsupdate");
	is(expect_detect(lines, "dir.json/a.txt"), "table",
	    "the extension of the file, not of a directory");
	is(expect_detect("{}", "a.route53"), "route53", "{} named .route53");
	is(expect_detect("{}", "a.json"), "json", "{} named .json");
	is(expect_detect("  {\"Changes\": []}", "a.json"), "route53",
	    "Changes is Route 53 whatever the name");
	is(expect_detect("<records/>", "a.zone"), "xml", "< is XML");
	is(expect_detect("; only a comment\n", "a.yml"), "octodns",
	    ".yml is octoDNS when the content says nothing");
	is(expect_detect("// x\nD(\"a.b\", R);\n", "a.zone"), "dnscontrol",
	    "D( is DNSControl");
	is(expect_detect("# x\nresource \"aws_route53_record\" \"a\" {\n}\n",
	    NULL), "terraform", "a resource is Terraform");
	is(expect_detect("update add a. 1 TXT x\n", NULL), "nsupdate",
	    "update add is nsupdate");
	is(expect_detect("zone example.com\n", NULL), "nsupdate",
	    "zone NAME is nsupdate");
	is(expect_detect("---\n{}\n", NULL), "octodns", "--- is octoDNS");
	is(expect_detect("x:\n  type: TXT\n", NULL), "octodns",
	    "type: under a key is octoDNS");
	is(expect_detect("Name,Type,Host,Value,TTL\r\n", NULL), "csv",
	    "a CSV header in another order");
	is(expect_detect("Record 1 of 2: spf (TXT)\n", NULL), "table",
	    "a table heading");
	is(expect_detect("$TTL 300\n", "a.csv"), "zone",
	    "$TTL is a zone file");
}

/* ------------------------------------------------------------------ */
/* Broken files                                                        */
/* ------------------------------------------------------------------ */

/* JSON and Route 53 that must be refused. */
static void
test_bad_json(void)
{
	char *text, *half;

	text = golden("ses", "json");
	if (text != NULL) {
		half = xstrndup(text, strlen(text) / 2);
		read_fails("truncated JSON", half, "e.json", NULL,
		    "(is it cut short?)", "e.json:");
		free(half);
		half = replace_first(text, "\"ttl\": 3600",
		    "\"ttl\": \"3600\"");
		read_fails("TTL as a string", half, "e.json", NULL,
		    "e.json:10: 'ttl' must be a number, not a string",
		    "(read as JSON)");
		free(half);
		half = replace_first(text, "\"type\": \"TXT\",", "");
		read_fails("record without a type", half, "e.json", NULL,
		    "e.json:6: 'type' is missing", NULL);
		free(half);
		half = replace_first(text, "\"ttl\": 3600", "\"ttl\": -1");
		read_fails("negative TTL", half, "e.json", NULL,
		    "'ttl' must be a whole number of seconds from 0 to "
		    "2147483647, not -1", NULL);
		free(half);
		free(text);
	}
	read_fails("unterminated JSON string", "{\"records\": [\n"
	    "{\"name\": \"x.example.com.\n}]}", "e.json", NULL,
	    "e.json:2: unterminated string", NULL);
	read_fails("trailing comma", "{\"records\": [],}", "e.json", NULL,
	    "'}' where a quoted key should be", NULL);
	read_fails("duplicate key", "{\"records\": [], \"records\": []}",
	    "e.json", NULL, "'records' is given twice", NULL);
	read_fails("records not a list", "{\"records\": {}}", "e.json",
	    NULL, "'records' must be a list, not an object", NULL);
	read_fails("bad escape", "{\"records\": [], \"domain\": \"\\q\"}",
	    "e.json", NULL, "'\\q' is not a JSON escape", NULL);
	read_fails("NUL escape", "{\"records\": [], \"domain\": \"\\u0000\"}",
	    "e.json", NULL, "cannot be read", NULL);
	read_fails("lone surrogate", "{\"records\": [], \"d\": \"\\udc00\"}",
	    "e.json", NULL, "half a surrogate pair", NULL);
	read_fails("bad number", "{\"records\": [{\"ttl\": 01}]}", "e.json",
	    NULL, "'01' is not a valid number", NULL);
	read_fails("text after the value", "{\"records\": []} x", "e.json",
	    NULL, "more text after the end", NULL);
	half = xmalloc(201);
	memset(half, '[', 200);
	half[200] = '\0';
	read_fails("deep nesting", half, "e.json", NULL, "levels of nesting",
	    NULL);
	free(half);
	read_fails("not an object", "[1, 2]", "e.json", NULL,
	    "must hold an object, not a list", NULL);
	read_fails("route53 action", "{\"Changes\": [{\"Action\": \"KEEP\"}]}",
	    "e.json", "example.com", "action 'KEEP' is not CREATE, UPSERT or "
	    "DELETE", "(read as Route 53 change batch)");
	read_fails("route53 alias", "{\"Changes\": [{\"Action\": \"CREATE\", "
	    "\"ResourceRecordSet\": {\"Name\": \"a.example.com\", "
	    "\"Type\": \"A\", \"AliasTarget\": {}}}]}", NULL, "example.com",
	    "an alias record (AliasTarget) cannot be checked", NULL);
	read_fails("route53 bad TXT escape", "{\"Changes\": [{\"Action\": "
	    "\"CREATE\", \"ResourceRecordSet\": {\"Name\": \"a.example.com\", "
	    "\"Type\": \"TXT\", \"TTL\": 1, \"ResourceRecords\": [{\"Value\": "
	    "\"\\\"a\\\\999\\\"\"}]}}]}", NULL, "example.com",
	    "it takes three octal digits", NULL);
}

/* XML, CSV and tables that must be refused. */
static void
test_bad_data(void)
{
	read_fails("XML not well-formed", "<?xml version=\"1.0\"?>\n"
	    "<records domain=\"example.com\">\n<record>\n</records>\n",
	    "e.xml", NULL, "e.xml:5: not well-formed XML: Premature end "
	    "of data", "(read as XML)");
	read_fails("XML with a DOCTYPE", "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE records [<!ENTITY x \"y\">]>\n"
	    "<records domain=\"example.com\"/>\n", "e.xml", NULL,
	    "a DOCTYPE is not allowed", NULL);
	read_fails("XML unknown element", "<records domain=\"example.com\">\n"
	    "  <recrod/>\n</records>\n", "e.xml", NULL,
	    "e.xml:2: unexpected element <recrod> in <records>", NULL);
	read_fails("XML bad ttl", "<records domain=\"example.com\">\n"
	    "<record host=\"@\" type=\"TXT\" ttl=\"1h\"><value>x</value>"
	    "</record></records>", "e.xml", NULL, "TTL '1h' is not a whole "
	    "number", NULL);
	read_fails("XML other root", "<zone/>", "e.xml", NULL,
	    "the root element is <zone>, not <records>", NULL);
	read_fails("XML record without value", "<records domain=\"a.b\">"
	    "<record host=\"@\" type=\"TXT\" ttl=\"1\"/></records>", NULL,
	    NULL, "the record has no <value>", NULL);
	read_fails("CSV with a missing column",
	    "name,host,type,ttl,value,action,replaces,purpose\r\n"
	    "a.example.com.,a,TXT,300,x,create,,other\r\n"
	    "b.example.com.,b,TXT,300,y,create,other\r\n", "e.csv", NULL,
	    "e.csv:3: the row has 7 fields, the header 8", "(read as CSV)");
	read_fails("CSV without a value column", "name,type,ttl\nx,TXT,1\n",
	    "e.csv", NULL, "e.csv:1: the header has no 'value' column", NULL);
	read_fails("CSV unterminated quote", "host,type,ttl,value\n"
	    "@,TXT,1,\"abc\n", "e.csv", "example.com",
	    "e.csv:2: unterminated quoted field", NULL);
	read_fails("CSV stray quote", "host,type,ttl,value\n@,TXT,1,ab\"c\n",
	    "e.csv", "example.com", "a quote inside a field", NULL);
	read_fails("CSV name and host disagree", "name,host,type,ttl,value\n"
	    "a.example.com.,b,TXT,1,x\n", "e.csv", "example.com",
	    "e.csv:2: name 'a.example.com.' and host 'b' do not agree", NULL);
	read_fails("CSV bad TTL", "host,type,ttl,value\n@,TXT,3600s,x\n",
	    "e.csv", "example.com", "TTL '3600s' is not a whole number",
	    NULL);
	read_fails("table without a value", "DNS records for example.com\n\n"
	    "Record 1 of 1: spf (TXT)\n    Host:       @\n"
	    "    Type:       TXT\n    TTL:        60\n", "e.table", NULL,
	    "e.table:4: the record has no 'Value:' line", "(read as table)");
	read_fails("table long value not quoted", "DNS records for a.b\n\n"
	    "    Host:       @\n    Type:       TXT\n    TTL:        60\n"
	    "    Value:      \"abc\"\n                def\n", NULL, NULL,
	    "must be quoted strings", NULL);
}

/* A file nested 200 levels deep must be refused, not crash. */
static void
nesting(const char *format, const char *head, const char *level,
    const char *tail)
{
	struct buf b;
	char *what;
	size_t i;

	buf_init(&b);
	buf_puts(&b, head);
	for (i = 0; i < 200; i++) {
		if (strcmp(format, "octodns") == 0 && i > 0)
			buf_printf(&b, "\n%*s", (int)(2 * i), "");
		buf_puts(&b, level);
	}
	if (tail != NULL)
		buf_puts(&b, tail);
	what = xasprintf("%s nested 200 deep", format);
	read_fails(what, b.data, NULL, "example.com", "levels of nesting",
	    NULL);
	free(what);
	buf_free(&b);
}

/* Master files, scripts and code that must be refused. */
static void
test_bad_text(void)
{
	read_fails("nsupdate bad TTL", "zone example.com.\n"
	    "update add x.example.com. 3x00 IN TXT \"a\"\nsend\n",
	    "e.nsupdate", NULL, "e.nsupdate:2: bad TTL '3x00'",
	    "(read as nsupdate script)");
	read_fails("nsupdate TTL too large", "update add x.example.com. "
	    "2147483648 TXT a\n", NULL, "example.com", "bad TTL '2147483648'",
	    NULL);
	read_fails("nsupdate without a TTL", "update add x.example.com. TXT "
	    "a\n", NULL, "example.com", "no 'ttl' command", NULL);
	read_fails("nsupdate unknown command", "zone example.com.\n"
	    "upate add x.example.com. 300 TXT a\n", "e.nsupdate", NULL,
	    "e.nsupdate:2: unknown nsupdate command 'upate'", NULL);
	read_fails("unknown record type", "$ORIGIN example.com.\n"
	    "www 300 IN A 192.0.2.1\n", "e.zone", NULL,
	    "e.zone:2: unknown record type 'A'", "(read as zone file)");
	read_fails("zone: record for another domain",
	    "x.other.org. 300 TXT a\n", "e.zone", "example.com",
	    "'x.other.org.' is not in the domain 'example.com'", NULL);
	read_fails("zone: unbalanced parentheses", "$ORIGIN example.com.\n"
	    "x 300 TXT ( \"a\"\n\"b\"\n", "e.zone", NULL,
	    "e.zone:2: '(' is never closed", NULL);
	read_fails("zone: unterminated string", "$ORIGIN example.com.\n"
	    "x 300 TXT \"abc\n", "e.zone", NULL,
	    "e.zone:2: unterminated quoted string", NULL);
	read_fails("zone: no TTL", "$ORIGIN example.com.\nx TXT a\n",
	    "e.zone", NULL, "no $TTL comes before it", NULL);
	read_fails("zone: $INCLUDE", "$INCLUDE other.zone\n", "e.zone",
	    "example.com", "$INCLUDE is not supported", NULL);
	read_fails("zone: class", "$ORIGIN example.com.\nx 1 CH TXT a\n",
	    NULL, NULL, "class 'CH' is not IN", NULL);
	read_fails("zone: bad escape", "$ORIGIN example.com.\n"
	    "x 1 TXT \"\\300\"\n", NULL, NULL, "'\\300' is not a byte", NULL);
	read_fails("zone: MX value", "$ORIGIN example.com.\n"
	    "x 1 MX 70000 mx.example.net.\n", NULL, NULL,
	    "'70000 mx.example.net.' is not an MX value", NULL);
	read_fails("zone: no domain at all", "x 1 TXT a\n", NULL, NULL,
	    "does not say which domain", NULL);
	read_fails("dnscontrol without D()", "var x = 1;\n", "e.dnscontrol",
	    NULL, "there is no D(\"domain\", ...) block", NULL);
	read_fails("dnscontrol unterminated string",
	    "D(\"example.com\", R,\n  TXT(\"@\", \"abc),\n);\n",
	    "e.dnscontrol", NULL, "e.dnscontrol:2: unterminated string",
	    "(read as DNSControl file)");
	read_fails("dnscontrol A record", "D(\"example.com\", R,\n"
	    "  A(\"www\", \"192.0.2.1\"));\n", NULL, NULL,
	    "unknown record type 'A'", NULL);
	read_fails("dnscontrol SPF_BUILDER", "D(\"example.com\", R,\n"
	    "  SPF_BUILDER({label: \"@\"}));\n", NULL, NULL,
	    "SPF_BUILDER() cannot be read", NULL);
	read_fails("dnscontrol missing comma", "D(\"example.com\", R\n"
	    "  TXT(\"@\", \"a\"));\n", NULL, NULL,
	    "'TXT' where ',' or ')' should be", NULL);
	read_fails("dnscontrol two blocks", "D(\"a.example\", R);\n"
	    "D(\"b.example\", R);\n", NULL, NULL, "there are 2 D() blocks",
	    NULL);
	read_fails("terraform interpolation",
	    "resource \"aws_route53_record\" \"a\" {\n"
	    "  name = \"${var.domain}\"\n}\n", "e.tf", "example.com",
	    "e.tf:2: '${' (a template) cannot be read",
	    "(read as Terraform file)");
	read_fails("terraform computed name",
	    "resource \"aws_route53_record\" \"a\" {\n"
	    "  name = var.name\n  type = \"TXT\"\n  ttl = 1\n"
	    "  records = [\"a\"]\n}\n", NULL, "example.com",
	    "'name' must be a string written out", NULL);
	read_fails("terraform missing ttl",
	    "resource \"aws_route53_record\" \"a\" {\n"
	    "  name = \"example.com\"\n  type = \"TXT\"\n"
	    "  records = [\"a\"]\n}\n", "e.tf", "example.com",
	    "e.tf:1: 'ttl' is missing", NULL);
	read_fails("terraform unclosed block",
	    "resource \"aws_route53_record\" \"a\" {\n  name = \"x\"\n",
	    NULL, "example.com", "'}' should be", NULL);
	read_fails("octodns tab", "---\nx:\n\ttype: TXT\n", "e.yaml",
	    "example.com", "e.yaml:3: a tab in the indentation",
	    "(read as octoDNS YAML)");
	read_fails("octodns without type", "---\nx:\n  ttl: 1\n  value: a\n",
	    "e.yaml", "example.com", "the record for 'x' has no type", NULL);
	read_fails("octodns bad TTL", "---\nx:\n  ttl: soon\n  type: TXT\n"
	    "  value: a\n", "e.yaml", "example.com", "e.yaml:3: bad TTL "
	    "'soon'", NULL);
	read_fails("octodns anchor", "---\nx: &a\n  type: TXT\n", NULL,
	    "example.com", "anchors, tags, block strings", NULL);
	read_fails("octodns bad indentation", "---\nx:\n    type: TXT\n"
	    "  value: a\n", "e.yaml", "example.com", "e.yaml:4: the "
	    "indentation of this line does not match", NULL);
	nesting("dnscontrol", "D(\"example.com\", R, ", "[", NULL);
	nesting("terraform", "terraform {\n", "a {\n", NULL);
	nesting("octodns", "---\n", "- ", "x");
	read_fails("octodns unterminated", "---\nx:\n  type: TXT\n"
	    "  value: 'abc\n", NULL, "example.com",
	    "unterminated quoted string", NULL);
}

/* What is refused before any format: empty, binary, wrong domain. */
static void
test_bad_files(void)
{
	static const char *binary = "\x7f" "ELF\x02\x01\x01\x03\x3e";
	struct record_set rs;
	char *text, *edited, *cause = NULL, *what, *path;
	size_t i;
	FILE *f;

	read_fails("empty file", "", "e.zone", NULL, "e.zone: the file is "
	    "empty", NULL);
	read_fails("blank file", " \r\n\t\n", "e.zone", NULL, "the file is "
	    "empty", NULL);
	read_fails("binary garbage", binary, "e.bin", NULL,
	    "e.bin:1: this is not a text file (byte 0x7f)", NULL);
	read_fails("broken UTF-8", "x.example.com. 1 TXT \"\xc3\x28\"\n",
	    "e.zone", NULL, "this is not a text file (byte 0xc3)", NULL);
	read_fails("bad domain argument", "x 1 TXT a\n", NULL, "a..b",
	    "'a..b' is not a valid domain name", NULL);

	/* Every format, for another domain. */
	for (i = 0; export_formats[i] != NULL; i++) {
		text = golden("ses", export_formats[i]);
		if (text == NULL)
			continue;
		edited = replace_all(text, "example.com", "other.org");
		what = xasprintf("%s for other.org", export_formats[i]);
		read_fails(what, edited, "e", "example.com",
		    "the file is for 'other.org', not 'example.com'", NULL);
		free(what);
		free(edited);
		free(text);
	}

	/* expect_read_file: a NUL byte, a missing file, a good file. */
	path = xasprintf("%s/test-expect-%ld.zone", getenv("TMPDIR") != NULL ?
	    getenv("TMPDIR") : "/tmp", (long)getpid());
	f = fopen(path, "w");
	if (f != NULL) {
		fwrite("x 1 TXT a\n\0\n", 1, 12, f);
		fclose(f);
	}
	ok(expect_read_file(path, "example.com", &rs, &cause) == -1,
	    "a file with a NUL byte is refused");
	like(cause, "it has NUL bytes", "and says why");
	free(cause);
	cause = NULL;
	f = fopen(path, "w");
	if (f != NULL) {
		fputs("x 1 TXT a\n", f);
		fclose(f);
	}
	if (ok(expect_read_file(path, "example.com", &rs, &cause) == 0,
	    "expect_read_file reads a file")) {
		is(rs.records[0].name, "x.example.com.", "with its record");
		record_set_free(&rs);
	} else
		free(cause);
	cause = NULL;
	unlink(path);
	ok(expect_read_file(path, NULL, &rs, &cause) == -1,
	    "a missing file is refused");
	like(cause, "cannot read", "and says so");
	free(cause);
	free(path);
}

/* Find the golden directory: $MAILWIZ_TOP, or the current directory. */
static char *
find_golden_dir(void)
{
	const char *top = getenv("MAILWIZ_TOP");

	return xasprintf("%s/tests/golden", top != NULL && *top != '\0' ?
	    top : ".");
}

int
main(void)
{
	/* Messages are English and UTF-8, whatever the caller's locale. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "C.utf8");
	setlocale(LC_MESSAGES, "C");
	golden_dir = find_golden_dir();

	test_goldens();
	test_roundtrip();
	test_edits();
	test_zone();
	test_table();
	test_table_languages();
	test_nsupdate();
	test_dnscontrol();
	test_octodns();
	test_terraform();
	test_route53();
	test_csv();
	test_json();
	test_purposes();
	test_detect();
	test_bad_json();
	test_bad_data();
	test_bad_text();
	test_bad_files();

	free(golden_dir);
	xmlCleanupParser();
	return done_testing();
}
