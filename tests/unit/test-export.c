/* test-export.c - every export format against golden files, and writing */
/* wcswidth() is X/Open. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "tap.h"
#include "export.h"

/* Three made-up Easy DKIM tokens, 32 characters of [a-z2-7] each. */
static const char *tokens[] = {
	"4m2tbw7tjkp3cy6f3rjkqutkaq6pwcfd",
	"hxq5v2ybzo3lu7rn6sl4cx2dmw7fkt5e",
	"z7kq3pjw2nmh6vxa5cr4tdyg2lb7eo3u"
};

static char *golden_dir;
static int update_golden;

/* The set of case (a): Advanced SMTP (Amazon SES) for example.com. */
static void
make_ses(struct record_set *rs)
{
	struct record *r;
	char host[64], target[96];
	size_t i;

	record_set_init(rs, "example.com", "example.com");
	rs->feature = xstrdup("email-notification");
	rs->server = xstrdup("advanced-smtp");
	r = record_set_add(rs, "@", "TXT",
	    "v=spf1 include:_spf.google.com include:amazonses.com ~all",
	    "spf");
	r->action = RECORD_REPLACE;
	r->replaces = xstrdup("v=spf1 include:_spf.google.com ~all");
	r->why = xstrdup("Zuora's Advanced SMTP sends through Amazon SES: "
	    "include:amazonses.com lets SES send for the domain. A name may "
	    "have only one SPF record, so the existing one is extended "
	    "instead of adding a second.");
	for (i = 0; i < nitems(tokens); i++) {
		snprintf(host, sizeof host, "%s._domainkey", tokens[i]);
		snprintf(target, sizeof target, "%s.dkim.amazonses.com.",
		    tokens[i]);
		r = record_set_add(rs, host, "CNAME", target, "dkim");
		r->why = xstrdup("Easy DKIM: Amazon SES signs the mail with "
		    "the domain's key; receivers find the key through this "
		    "CNAME.");
	}
	r = record_set_add(rs, "_dmarc", "TXT",
	    "v=DMARC1; p=none; rua=mailto:dmarc@example.com", "dmarc");
	r->why = xstrdup("DMARC tells receivers what to do with mail that "
	    "fails SPF and DKIM alignment; p=none only asks for reports, to "
	    "start with.");
	record_set_warn(rs, "dkim-pending", "Amazon SES checks the three "
	    "DKIM records for up to %d hours; the domain stays Pending until "
	    "all of them resolve.", 72);
}

/* A DKIM record of exactly 600 bytes, made the same way every time. */
static char *
long_dkim(void)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *head = "v=DKIM1; k=rsa; p=";
	char *v;
	size_t i, n = strlen(head);

	v = xmalloc(601);
	memcpy(v, head, n);
	for (i = n; i < 600; i++)
		v[i] = b64[(i * 7 + 3) % 64];
	v[600] = '\0';
	return v;
}

/* The set of case (b): a long TXT record and values that need escaping. */
static void
make_long(struct record_set *rs)
{
	struct record *r;
	char *v;

	record_set_init(rs, "example.com", "example.com");
	rs->feature = xstrdup("workflow");
	rs->server = xstrdup("external-smtp");
	rs->provider = xstrdup("custom");
	v = long_dkim();
	r = record_set_add(rs, "mail2026._domainkey", "TXT", v, "dkim");
	free(v);
	r->ttl = 300;
	r->why = xstrdup("The provider\xe2\x80\x99s key is 600 bytes \xe2\x80\x94"
	    " longer than one DNS string (255 bytes), so it is published as "
	    "three strings that receivers join. Gr\xc3\xb6\xc3\x9f" "e: "
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e wide characters take two "
	    "columns each.");
	r = record_set_add(rs, "quirks", "TXT",
	    "say \"hi\" \\ back; ${var} and %{if x}", "verification");
	r->why = xstrdup("Made up to hold what every format must escape: "
	    "\"quotes\", a back\\slash, a semicolon; ${template} and "
	    "%{directive}.");
	r = record_set_add(rs, "bounce", "MX",
	    "10 feedback-smtp.eu-west-1.amazonses.com.", "bounce");
	r->why = xstrdup("Custom MAIL FROM: bounces go back to Amazon SES.");
	r = record_set_add(rs, "bounce", "TXT",
	    "v=spf1 include:amazonses.com ~all", "bounce");
	r->action = RECORD_KEEP;
	r->why = xstrdup("SPF of the MAIL FROM domain, so SPF aligns for "
	    "DMARC.");
	record_set_warn(rs, "txt-split", "Some DNS panels cut TXT values at "
	    "255 characters: check that \"dig +short TXT "
	    "mail2026._domainkey.example.com\" shows all 3 strings & nothing "
	    "<missing>.");
}

/* The set of case (c): nothing to publish. */
static void
make_empty(struct record_set *rs)
{
	record_set_init(rs, "example.com", "example.com");
	rs->feature = xstrdup("workflow");
	rs->server = xstrdup("ses-default");
	rs->note = xstrdup("Workflow sends from workflow@zuora.com, which "
	    "Zuora has already validated in Amazon SES: there is nothing to "
	    "publish in your DNS.");
}

/* Read a whole file, or NULL. */
static char *
slurp(const char *path)
{
	char *data, *cause;

	if (file_read(path, &data, NULL, &cause) == -1) {
		free(cause);
		return NULL;
	}
	return data;
}

/* Compare output with a golden file (or rewrite it), showing where. */
static void
check_golden(const char *set, const char *format, const char *got)
{
	char *path, *want, *cause;
	size_t line = 1, i;
	const char *g, *w, *ge, *we;

	path = xasprintf("%s/%s.%s", golden_dir, set, format);
	if (update_golden) {
		if (file_write_atomic(path, got, strlen(got), 0644,
		    &cause) == -1) {
			ok(0, "%s.%s: %s", set, format, cause);
			free(cause);
		} else
			ok(1, "%s.%s rewritten", set, format);
		free(path);
		return;
	}
	want = slurp(path);
	if (want == NULL) {
		ok(0, "%s.%s: cannot read %s", set, format, path);
		free(path);
		return;
	}
	if (ok(strcmp(got, want) == 0, "%s.%s matches the golden file", set,
	    format)) {
		free(want);
		free(path);
		return;
	}
	for (i = 0; got[i] != '\0' && got[i] == want[i]; i++) {
		if (got[i] == '\n')
			line++;
	}
	g = got + i;
	w = want + i;
	while (g > got && g[-1] != '\n')
		g--;
	while (w > want && w[-1] != '\n')
		w--;
	ge = strchr(g, '\n');
	we = strchr(w, '\n');
	printf("#   first difference at line %zu of %s\n", line, path);
	printf("#          got: %.*s\n", ge ? (int)(ge - g) : (int)strlen(g), g);
	printf("#     expected: %.*s\n", we ? (int)(we - w) : (int)strlen(w),
	    w);
	free(want);
	free(path);
}

/* Render every format of a set and check each against its golden file. */
static void
check_set_goldens(const struct record_set *rs, const char *set)
{
	char *out, *cause = NULL;
	size_t i;

	for (i = 0; export_formats[i] != NULL; i++) {
		out = export_render(rs, export_formats[i], &cause);
		if (!ok(out != NULL, "%s renders as %s", set,
		    export_formats[i])) {
			printf("#   %s\n", cause);
			free(cause);
			cause = NULL;
			continue;
		}
		check_golden(set, export_formats[i], out);
		free(out);
	}
}

/* Render or fail the test run: the checks below need the output. */
static char *
render(const struct record_set *rs, const char *format)
{
	char *out, *cause = NULL;

	out = export_render(rs, format, &cause);
	if (out == NULL) {
		printf("# cannot render %s: %s\n", format, cause);
		free(cause);
		return xstrdup("");
	}
	return out;
}

/* Columns a line of UTF-8 takes, counted independently of export.c. */
static size_t
columns(const char *s, size_t n)
{
	wchar_t wc[1024];
	char buf[4096];
	size_t len;
	int w;

	if (n >= sizeof buf)
		return n;
	memcpy(buf, s, n);
	buf[n] = '\0';
	len = mbstowcs(wc, buf, nitems(wc));
	if (len == (size_t)-1)
		return n;
	w = wcswidth(wc, len);
	return w < 0 ? n : (size_t)w;
}

/* The widest line that does not start with one of the given prefixes. */
static size_t
widest_line(const char *text, const char *skip)
{
	const char *p = text, *e;
	size_t w, max = 0;

	while (*p != '\0') {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		if (skip == NULL || strncmp(p, skip, strlen(skip)) != 0) {
			w = columns(p, (size_t)(e - p));
			if (w > max)
				max = w;
		}
		p = *e == '\n' ? e + 1 : e;
	}
	return max;
}

/* Count the lines of text that start with a prefix. */
static size_t
count_lines(const char *text, const char *prefix)
{
	const char *p = text;
	size_t n = 0;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			n++;
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return n;
}

/* Formats, names and the unknown-format error. */
static void
test_formats(void)
{
	struct record_set rs;
	char *out, *cause = NULL;
	size_t n;

	for (n = 0; export_formats[n] != NULL; n++)
		ok(export_format_valid(export_formats[n]), "%s is valid",
		    export_formats[n]);
	is_int(n, 10, "ten formats");
	ok(!export_format_valid("yaml"), "yaml is not a format");
	ok(!export_format_valid(""), "empty is not a format");
	ok(!export_format_valid(NULL), "NULL is not a format");
	ok(!export_format_valid("JSON"), "names are case sensitive");

	make_empty(&rs);
	out = export_render(&rs, "bind", &cause);
	ok(out == NULL, "unknown format renders nothing");
	is(cause, "unknown export format 'bind'; use one of: table, zone, "
	    "nsupdate, csv, json, xml, dnscontrol, octodns, terraform, "
	    "route53", "unknown format explained");
	free(cause);
	cause = NULL;
	ok(export_write(&rs, "bind", "/nonexistent/x", &cause) == -1,
	    "export_write refuses an unknown format");
	like(cause, "unknown export format 'bind'", "and says why");
	free(cause);
	record_set_free(&rs);
}

/* Details of the golden sets that a golden file alone would not prove. */
static void
test_details(void)
{
	struct record_set rs;
	char *out, *p;
	size_t i, n;

	make_ses(&rs);
	out = render(&rs, "nsupdate");
	like(out, "update delete example.com. IN TXT \"v=spf1 "
	    "include:_spf.google.com ~all\"\n", "only the old SPF is deleted");
	ok(strstr(out, "update delete example.com. IN TXT\n") == NULL &&
	    strstr(out, "update delete example.com.\n") == NULL,
	    "never all TXT records of the name");
	ok(strstr(out, "\n\n") == NULL, "no blank line (nsupdate would send)");
	is_int(count_lines(out, "update add "), 5, "five records added");
	ok(strlen(out) > 5 && strcmp(out + strlen(out) - 5, "send\n") == 0,
	    "ends with send");
	free(out);

	out = render(&rs, "route53");
	like(out, "\"Action\": \"UPSERT\"", "replace is an UPSERT");
	is_int(count_lines(out, "      \"Action\": \"CREATE\""), 4,
	    "four creates");
	like(out, "UPSERT replaces every value", "comment warns about UPSERT");
	free(out);

	out = render(&rs, "csv");
	like(out, "name,host,type,ttl,value,action,replaces,purpose\r\n",
	    "csv header with CRLF");
	like(out, "example.com.,@,TXT,3600,v=spf1 include:_spf.google.com "
	    "include:amazonses.com ~all,replace,v=spf1 include:_spf.google.com "
	    "~all,spf\r\n", "csv replace row");
	ok(strstr(out, "\r\n") != NULL && strchr(strstr(out, "purpose"),
	    '\n')[-1] == '\r', "lines end in CRLF");
	free(out);

	out = render(&rs, "table");
	ok(widest_line(out, "    Value:") <= 80, "table fits 80 columns");
	like(out, "replaces: v=spf1 include:_spf.google.com ~all",
	    "table shows the replaced value");
	like(out, "    Host:       4m2tbw7tjkp3cy6f3rjkqutkaq6pwcfd._domainkey\n"
	    "    Full name:  4m2tbw7tjkp3cy6f3rjkqutkaq6pwcfd._domainkey."
	    "example.com\n", "host and full name");
	free(out);
	record_set_free(&rs);

	make_long(&rs);
	out = render(&rs, "zone");
	p = strstr(out, "mail2026._domainkey.example.com. 300 IN TXT \"");
	ok(p != NULL, "long TXT in the zone");
	n = 0;
	for (i = 0; p != NULL && p[i] != '\n'; i++)
		n += p[i] == '"';
	is_int(n, 6, "600 bytes are three quoted strings");
	like(out, "\"say \\\"hi\\\" \\\\ back; ${var} and %{if x}\"",
	    "quotes and backslash escaped in the zone");
	like(out, "; already published\n", "kept record marked");
	free(out);

	out = render(&rs, "terraform");
	like(out, "\"say \\\\\\\"hi\\\\\\\" \\\\\\\\ back; $${var} and "
	    "%%{if x}\"", "terraform escapes for HCL and Route 53");
	like(out, "\\\"\\\"", "long TXT joined with \\\"\\\"");
	like(out, "resource \"cloudflare_dns_record\" \"bounce_2\"",
	    "resource names made unique");
	free(out);

	out = render(&rs, "octodns");
	like(out, "'v=DKIM1\\; k=rsa\\; p=", "semicolons escaped for octoDNS");
	like(out, "'say \"hi\" \\\\ back\\; ${var} and %{if x}'",
	    "octoDNS value escaped like master file text");
	free(out);

	out = render(&rs, "table");
	p = strstr(out, "warning: ");
	ok(p != NULL && widest_line(p, NULL) <= 78,
	    "warnings wrapped at 78 columns");
	p = strstr(out, "    Why:        The provider");
	ok(p != NULL && widest_line(p, "    Value:") <= 78,
	    "why wrapped at 78 columns with wide characters");
	like(out, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
	    "UTF-8 passed through");
	is_int(count_lines(out, "                \"") +
	    count_lines(out, "    Value:      \""), 3,
	    "long TXT shown as three strings");
	free(out);

	out = render(&rs, "json");
	like(out, "\"value\": \"say \\\"hi\\\" \\\\ back; ${var} and %{if x}\"",
	    "JSON string escaping");
	like(out, "\"provider\": \"custom\"", "provider in JSON");
	like(out, "The provider\xe2\x80\x99s key", "UTF-8 in JSON as is");
	free(out);

	out = render(&rs, "dnscontrol");
	like(out, "TXT(\"mail2026._domainkey\", [\"v=DKIM1; k=rsa; p=",
	    "long TXT as an array");
	like(out, "MX(\"bounce\", 10, \"feedback-smtp.eu-west-1.amazonses.com."
	    "\", TTL(3600))", "MX with its preference");
	free(out);
	record_set_free(&rs);
}

/* The XML parses back to the same values (libxml2 did the escaping). */
static void
test_xml_roundtrip(void)
{
	struct record_set rs;
	xmlDocPtr doc;
	xmlNodePtr root, n, c;
	xmlChar *v;
	char *out;
	size_t records = 0, matched = 0;

	make_long(&rs);
	out = render(&rs, "xml");
	doc = xmlReadMemory(out, (int)strlen(out), "long.xml", "UTF-8",
	    XML_PARSE_NONET);
	ok(doc != NULL, "XML parses");
	root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	ok(root != NULL && xmlStrcmp(root->name,
	    (const xmlChar *)"records") == 0, "root is records");
	for (n = root != NULL ? root->children : NULL; n != NULL;
	    n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(n->name, (const xmlChar *)"warning") == 0) {
			v = xmlNodeGetContent(n);
			is((char *)v, rs.warnings[0].message,
			    "warning text round trip");
			xmlFree(v);
			continue;
		}
		if (xmlStrcmp(n->name, (const xmlChar *)"record") != 0)
			continue;
		for (c = n->children; c != NULL; c = c->next) {
			if (c->type != XML_ELEMENT_NODE ||
			    xmlStrcmp(c->name, (const xmlChar *)"value") != 0)
				continue;
			v = xmlNodeGetContent(c);
			if (records < rs.nrecords &&
			    strcmp((char *)v, rs.records[records].value) == 0)
				matched++;
			xmlFree(v);
		}
		records++;
	}
	is_int(records, rs.nrecords, "one record element per record");
	is_int(matched, rs.nrecords, "every value round trips");
	xmlFreeDoc(doc);
	free(out);
	record_set_free(&rs);
}

/* Hostile bytes: controls, a newline, bytes that are not UTF-8. */
static void
test_hostile(void)
{
	struct record_set rs;
	struct record *r;
	xmlDocPtr doc;
	char *out, *p, *cause = NULL;
	size_t i;
	int bad;

	record_set_init(&rs, "example.com", NULL);
	r = record_set_add(&rs, "x", "TXT",
	    "a\nupdate delete example.com. ANY\n\x01\xff\"", "other");
	r->action = RECORD_REPLACE;
	r->replaces = xstrdup("old\r\nsend");
	r->why = xstrdup("line one\nline two\x1b[31m");
	record_set_warn(&rs, "w", "bad \x80 byte");

	out = render(&rs, "nsupdate");
	ok(strstr(out, "\nupdate delete example.com. ANY") == NULL,
	    "a newline in a value cannot add an nsupdate command");
	like(out, "\"a\\010update delete example.com. ANY\\010\\001\\255\\\"\"",
	    "controls and high bytes as \\DDD");
	ok(strstr(out, "\nsend\nsend") == NULL && count_lines(out, "send") ==
	    1, "exactly one send");
	ok(strchr(out, '\x1b') == NULL, "no escape character in comments");
	free(out);

	out = render(&rs, "zone");
	ok(count_lines(out, "x.example.com.") == 1, "one record line in zone");
	free(out);

	out = render(&rs, "json");
	like(out, "\"a\\u000aupdate delete example.com. ANY\\u000a\\u0001"
	    "\xef\xbf\xbd\\\"\"", "JSON escapes controls, replaces bad bytes");
	like(out, "bad \xef\xbf\xbd byte", "bad byte in a warning replaced");
	free(out);

	out = render(&rs, "xml");
	doc = xmlReadMemory(out, (int)strlen(out), "h.xml", "UTF-8",
	    XML_PARSE_NONET);
	ok(doc != NULL, "XML with hostile input is still well-formed");
	xmlFreeDoc(doc);
	free(out);

	out = render(&rs, "route53");
	like(out, "\"\\\"a\\\\012update delete example.com. ANY\\\\012\\\\001"
	    "\\\\377\\\\\\\"\\\"\"", "Route 53 octal escapes");
	free(out);

	out = render(&rs, "table");
	ok(strchr(out, '\x1b') == NULL, "no escape character in the table");
	like(out, "a\\010update", "table shows a control as \\DDD");
	free(out);

	out = render(&rs, "octodns");
	like(out, "'a\\010update delete example.com. ANY\\010\\001\\255\"'",
	    "octoDNS value has no raw control");
	free(out);

	out = render(&rs, "dnscontrol");
	like(out, "\"a\\u000aupdate", "JavaScript escapes a newline");
	free(out);
	out = render(&rs, "zone");
	like(out, "\n; line one line two [31m\n",
	    "comment flattened to one line");
	free(out);
	record_set_free(&rs);

	/* Non-ASCII cut at 255 bytes: JavaScript strings keep characters. */
	record_set_init(&rs, "example.com", NULL);
	p = xmalloc(301);
	for (i = 0; i < 150; i++)
		memcpy(p + i * 2, "\xc3\xa9", 2);
	p[300] = '\0';
	record_set_add(&rs, "e", "TXT", p, "other");
	free(p);
	out = render(&rs, "dnscontrol");
	p = strstr(out, "TXT(\"e\", [\"");
	ok(p != NULL, "300 bytes of e-acute split");
	p = p != NULL ? strstr(p, "\", \"") : NULL;
	ok(p != NULL && (unsigned char)p[4] == 0xc3,
	    "second string starts at a character");
	bad = p == NULL || p - strstr(out, "[\"") - 2 != 254;
	ok(!bad, "first string is 254 bytes, not cut mid-character");
	free(out);
	out = render(&rs, "zone");
	like(out, "\\169\\195\" \"\\169\\195", "the zone cuts at 255 "
	    "bytes, non-ASCII as \\DDD");
	free(out);
	record_set_free(&rs);

	/* An MX value that cannot be read. */
	record_set_init(&rs, "example.com", NULL);
	record_set_add(&rs, "bounce", "MX", "feedback.example.net.", "bounce");
	for (i = 0; i < 3; i++) {
		const char *f[] = { "dnscontrol", "octodns", "terraform" };

		out = export_render(&rs, f[i], &cause);
		ok(out == NULL, "%s refuses a bad MX value", f[i]);
		is(cause, "cannot read MX value 'feedback.example.net.'",
		    "%s explains", f[i]);
		free(cause);
		cause = NULL;
		free(out);
	}
	out = render(&rs, "zone");
	like(out, "bounce.example.com. 3600 IN MX feedback.example.net.",
	    "the zone passes the value on as it is");
	free(out);
	record_set_free(&rs);

	/* A type DNSControl output does not know. */
	record_set_init(&rs, "example.com", NULL);
	record_set_add(&rs, "_sip._tcp", "SRV", "10 5 5060 sip.example.net.",
	    "other");
	out = export_render(&rs, "dnscontrol", &cause);
	ok(out == NULL, "dnscontrol refuses an SRV record");
	is(cause, "cannot write a 'SRV' record for DNSControl", "and says why");
	free(cause);
	cause = NULL;
	out = render(&rs, "route53");
	like(out, "\"Value\": \"10 5 5060 sip.example.net.\"",
	    "route53 passes other types on");
	free(out);
	record_set_free(&rs);
}

/* Records sharing a name and type are one RRset for Route 53 and others. */
static void
test_rrsets(void)
{
	struct record_set rs;
	struct record *r;
	char *out, *p;

	record_set_init(&rs, "example.com", NULL);
	r = record_set_add(&rs, "@", "TXT", "v=spf1 include:amazonses.com ~all",
	    "spf");
	r->action = RECORD_REPLACE;
	r->replaces = xstrdup("v=spf1 -all");
	r = record_set_add(&rs, "@", "TXT", "google-site-verification=abc",
	    "verification");
	r->action = RECORD_KEEP;
	r->ttl = 600;
	record_set_add(&rs, "a10", "TXT", "ten", "other");
	record_set_add(&rs, "a9", "TXT", "nine", "other");
	r = record_set_add(&rs, "_dmarc", "TXT", "v=DMARC1; p=none", "dmarc");
	r->action = RECORD_KEEP;
	record_set_add(&rs, "mx", "MX", "10 a.example.net.", "bounce");
	record_set_add(&rs, "mx", "MX", "20 b.example.net.", "bounce");

	out = render(&rs, "route53");
	p = strstr(out, "\"Name\": \"example.com.\"");
	ok(p != NULL && strstr(p, "google-site-verification=abc") != NULL,
	    "UPSERT carries the kept value of the same RRset");
	like(out, "\"TTL\": 600,", "RRset gets the lowest TTL");
	ok(strstr(out, "_dmarc") == NULL, "a kept RRset is left out");
	is_int(count_lines(out, "      \"Action\": \"UPSERT\""), 1, "one UPSERT");
	is_int(count_lines(out, "      \"Action\": \"CREATE\""), 3,
	    "three CREATEs");
	free(out);

	out = render(&rs, "octodns");
	p = strstr(out, "\n'':\n");
	ok(p != NULL && strstr(out, "\n_dmarc:\n") > p &&
	    strstr(out, "\na9:\n") > strstr(out, "\n_dmarc:\n") &&
	    strstr(out, "\na10:\n") > strstr(out, "\na9:\n") &&
	    strstr(out, "\nmx:\n") > strstr(out, "\na10:\n"),
	    "hosts in natural order");
	like(out, "  values:\n    - 'v=spf1 include:amazonses.com ~all'\n"
	    "    - 'google-site-verification=abc'\n", "two values at the apex");
	like(out, "  values:\n    - exchange: 'a.example.net.'\n"
	    "      preference: 10\n    - exchange: 'b.example.net.'\n"
	    "      preference: 20\n", "two MX values");
	free(out);

	out = render(&rs, "terraform");
	like(out, "  records = [\n    \"v=spf1 include:amazonses.com ~all\",\n"
	    "    \"google-site-verification=abc\",\n  ]\n",
	    "terraform lists both values of the RRset");
	like(out, "terraform import aws_route53_record.txt_root "
	    "ZONEID_example.com_TXT", "import hint for the existing RRset");
	like(out, "resource \"aws_route53_record\" \"other_a10\"",
	    "resource named from purpose and host");
	like(out, "priority = 20", "Cloudflare MX priority");
	free(out);
	record_set_free(&rs);

	/* A very long summary: the Route 53 comment stays within 256. */
	record_set_init(&rs, "example.com", NULL);
	rs.feature = xmalloc(400);
	memset(rs.feature, 'f', 399);
	rs.feature[399] = '\0';
	out = render(&rs, "route53");
	p = strstr(out, "\"Comment\": \"");
	ok(p != NULL && strchr(p + 12, '"') - (p + 12) == 256,
	    "Route 53 comment cut to 256 bytes");
	like(out, "\"Changes\": []", "no changes");
	free(out);
	record_set_free(&rs);
}

/* Find a file in a directory whose name starts with a prefix. */
static int
dir_has_prefix(const char *dir, const char *prefix)
{
	struct dirent *de;
	DIR *d;
	int found = 0;

	d = opendir(dir);
	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
			found = 1;
	}
	closedir(d);
	return found;
}

/* export_write: atomic replacement, failures that leave nothing behind. */
static void
test_write(void)
{
	struct record_set rs;
	struct stat st;
	char dir[] = "/tmp/test-export.XXXXXX";
	char *path, *data, *want, *cause = NULL, *out;
	int fd, saved;
	FILE *f;

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	make_ses(&rs);
	want = render(&rs, "json");

	path = xasprintf("%s/records.json", dir);
	f = fopen(path, "w");
	fputs("old content\n", f);
	fclose(f);
	ok(export_write(&rs, "json", path, &cause) == 0,
	    "export_write replaces a file");
	data = slurp(path);
	is(data, want, "the file holds the new rendering");
	free(data);
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644,
	    "mode 0644");
	ok(!dir_has_prefix(dir, "records.json.tmp"), "no temporary file left");
	unlink(path);
	free(path);

	path = xasprintf("%s/missing/records.zone", dir);
	ok(export_write(&rs, "zone", path, &cause) == -1,
	    "no directory: export_write fails");
	out = xasprintf("cannot write '%s': No such file or directory", path);
	is(cause, out, "and says why");
	free(out);
	free(cause);
	cause = NULL;
	ok(stat(path, &st) == -1, "no file left");
	free(path);

	path = xasprintf("%s/adir", dir);
	mkdir(path, 0755);
	ok(export_write(&rs, "csv", path, &cause) == -1,
	    "target is a directory: export_write fails");
	like(cause, "cannot write '", "with a cause");
	like(cause, "/adir': ", "naming the target");
	free(cause);
	cause = NULL;
	ok(stat(path, &st) == 0 && S_ISDIR(st.st_mode), "directory untouched");
	ok(!dir_has_prefix(dir, "adir.tmp"), "no temporary file left");
	rmdir(path);
	free(path);

	/* "-" is standard output. */
	path = xasprintf("%s/stdout", dir);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, STDOUT_FILENO);
	close(fd);
	fd = export_write(&rs, "json", "-", &cause);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	ok(fd == 0, "export_write to standard output");
	data = slurp(path);
	is(data, want, "standard output got the rendering");
	free(data);
	unlink(path);
	free(path);

	free(want);
	record_set_free(&rs);
	rmdir(dir);
}

/* Wrapping text without spaces: Japanese breaks next to its wide
   characters, never before closing punctuation, never inside an ASCII
   word, and no text is lost. */
static void
test_wrap_cjk(void)
{
	const char *ja = "ドメインに必要なDNSレコードはこの選択によって決まりま"
	    "す。レコードがないと、自社ドメインのFromアドレスで送ったメールが"
	    "迷惑メールフォルダーに入ることがあります。";
	struct buf b, joined;
	char *line, *save = NULL, *copy;
	size_t n = 0, widest = 0, w;
	int bad_start = 0, cut_ascii = 0;

	buf_init(&b);
	buf_init(&joined);
	export_wrap(&b, ja, 40, "理由: ", "      ");
	copy = xstrdup(b.data);
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		w = export_str_width(line);
		if (w > widest)
			widest = w;
		if (n > 0 && (strncmp(line + 6, "\xe3\x80\x82", 3) == 0 ||
		    strncmp(line + 6, "\xe3\x80\x81", 3) == 0))
			bad_start = 1;
		if (n > 0 && (strncmp(line + 6, "NS", 2) == 0 ||
		    strncmp(line + 6, "rom", 3) == 0))
			cut_ascii = 1;
		buf_puts(&joined, line + (n == 0 ? strlen("理由: ") : 6));
		n++;
	}
	ok(n >= 4, "a 130-column Japanese sentence takes %zu lines at 40", n);
	ok(widest <= 40, "no line is wider than 40 columns (%zu)", widest);
	ok(!bad_start, "no line starts with a closing punctuation mark");
	ok(!cut_ascii, "ASCII words (DNS, From) are not broken");
	is(joined.data, ja, "the lines hold the whole text, in order");
	free(copy);
	buf_free(&joined);
	buf_free(&b);
}

/* Japanese text without spaces that does not fit at all on the line a
   word filled still breaks on the next line, at the width. */
static void
test_wrap_cjk_after_word(void)
{
	struct buf b, joined;
	const char *ja = "\xe3\x81\xae\xe3\x82\x88\xe3\x81\x86\xe3\x81\xaa"
	    "\xe3\x83\x9b\xe3\x82\xb9\xe3\x83\x88\xe5\x90\x8d\xe3\x81\xa7"
	    "\xe8\xa1\xa8\xe7\xa4\xba\xe3\x81\x97\xe3\x81\xbe\xe3\x81\x99"
	    "\xe3\x80\x82\xe8\xa1\xa8\xe7\xa4\xba\xe3\x81\x95\xe3\x82\x8c"
	    "\xe3\x81\x9f\xe3\x81\xa8\xe3\x81\x8a\xe3\x82\x8a\xe3\x81\xab";
	char *text, *copy, *line, *save = NULL;
	size_t widest = 0, w, n = 0;

	/* 29 columns of ASCII, then 42 columns of Japanese, at 30. */
	text = xasprintf("scph0123._domainkey.example.c %s", ja);
	buf_init(&b);
	buf_init(&joined);
	export_wrap(&b, text, 30, "", "  ");
	copy = xstrdup(b.data);
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		w = export_str_width(line);
		if (w > widest)
			widest = w;
		if (n > 0)
			buf_puts(&joined, line + 2);
		n++;
	}
	ok(widest <= 30, "after a full line, no line is wider than 30 "
	    "columns (%zu)", widest);
	ok(n >= 3, "the Japanese takes two lines of its own (%zu in all)", n);
	is(joined.data, ja, "the Japanese is whole, in order");
	free(copy);
	free(text);
	buf_free(&joined);
	buf_free(&b);
}

/* The longest start of a string that fits in some columns. */
static void
test_str_fit(void)
{
	const char *ja = "\xe6\x9d\xb1\xe4\xba\xac";	/* two wide */

	is_int(export_str_fit("example", 3), 3, "ASCII: 3 columns, 3 bytes");
	is_int(export_str_fit("example", 30), 7, "ASCII: all of it fits");
	is_int(export_str_fit("", 5), 0, "empty: nothing");
	is_int(export_str_fit(ja, 4), 6, "Japanese: 4 columns, 2 characters");
	is_int(export_str_fit(ja, 3), 3, "Japanese: 3 columns hold one, "
	    "never half of the next");
	is_int(export_str_fit(ja, 1), 0, "Japanese: 1 column holds none");
	is_int(export_str_fit("b\xc3\xbc" "cher", 2), 3, "German: a "
	    "two-byte letter is one column");
	is_int(export_str_fit("a\xff" "b", 2), 2, "a byte that is not UTF-8 "
	    "counts as one");
	is_int(export_str_width(ja), 4, "Japanese: two characters, 4 columns");
}

/* Find the golden directory: $MAILWIZ_TOP or beside the test binary. */
static char *
find_golden_dir(const char *argv0)
{
	const char *top = getenv("MAILWIZ_TOP");
	char *copy, *dir;

	if (top != NULL && *top != '\0')
		return xasprintf("%s/tests/golden", top);
	copy = xstrdup(argv0);
	dir = xasprintf("%s/../golden", dirname(copy));
	free(copy);
	return dir;
}

int
main(int argc, char **argv)
{
	struct record_set rs;
	const char *u;

	(void)argc;
	/* Goldens are English and UTF-8, whatever the caller's locale. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "C.utf8");
	setlocale(LC_MESSAGES, "C");
	golden_dir = find_golden_dir(argv[0]);
	u = getenv("MAILWIZ_UPDATE_GOLDEN");
	update_golden = u != NULL && strcmp(u, "1") == 0;

	make_ses(&rs);
	check_set_goldens(&rs, "ses");
	record_set_free(&rs);
	make_long(&rs);
	check_set_goldens(&rs, "long");
	record_set_free(&rs);
	make_empty(&rs);
	check_set_goldens(&rs, "empty");
	record_set_free(&rs);

	test_formats();
	test_details();
	test_xml_roundtrip();
	test_hostile();
	test_rrsets();
	test_write();
	test_wrap_cjk();
	test_wrap_cjk_after_word();
	test_str_fit();

	free(golden_dir);
	xmlCleanupParser();
	return done_testing();
}
