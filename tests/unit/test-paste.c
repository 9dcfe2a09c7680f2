/* test-paste.c - reading records pasted from e-mails, consoles and files */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "paste.h"

/* Three tokens of the shape SES uses: 32 characters of [a-z2-7]. */
#define TOK1 "q2w3e4r5t6y7uiopasdfghjklzxcvbnm"
#define TOK2 "abcdefghijklmnopqrstuvwxyz234567"
#define TOK3 "zyxwvutsrqponmlkjihgfedcba765432"

#define SES(t) t ".dkim.amazonses.com."
#define DK(t) t "._domainkey"
#define DKN(t) t "._domainkey.example.com."

struct want {
	size_t		 line;
	const char	*host;
	const char	*name;
	const char	*type;
	const char	*value;
};

/* Read a paste that must be accepted; 0 when it was. */
static int
read_ok(const char *what, const char *domain, const char *text,
    struct paste_result *r)
{
	char *cause = NULL;
	size_t errline = 99;

	if (!ok(paste_read(text, domain, r, &cause, &errline) == 0,
	    "%s: accepted", what)) {
		printf("#   cause (line %zu): %s\n", errline,
		    cause != NULL ? cause : "(null)");
		free(cause);
		return -1;
	}
	ok(cause == NULL, "%s: no cause on success", what);
	return 0;
}

/* Compare every record read with what is expected, in order. */
static void
expect_records(const char *what, const struct paste_result *r,
    const struct want *w, size_t n)
{
	size_t i;

	is_int(r->nrecords, n, "%s: %zu records", what, n);
	for (i = 0; i < n && i < r->nrecords; i++) {
		is_int(r->records[i].line, w[i].line, "%s: record %zu line",
		    what, i + 1);
		is(r->records[i].host, w[i].host, "%s: record %zu host", what,
		    i + 1);
		is(r->records[i].name, w[i].name, "%s: record %zu name", what,
		    i + 1);
		is(r->records[i].type, w[i].type, "%s: record %zu type", what,
		    i + 1);
		is(r->records[i].value, w[i].value, "%s: record %zu value",
		    what, i + 1);
	}
}

/* Compare the notes with what is expected: exact count, each by piece. */
static void
expect_warnings(const char *what, const struct paste_result *r,
    const char **pieces, size_t n)
{
	size_t i;

	is_int(r->warnings.n, n, "%s: %zu warnings", what, n);
	if (r->warnings.n != n) {
		for (i = 0; i < r->warnings.n; i++)
			printf("#   warning: %s\n", r->warnings.v[i]);
	}
	for (i = 0; i < n && i < r->warnings.n; i++)
		like(r->warnings.v[i], pieces[i], "%s: warning %zu", what,
		    i + 1);
}

/* Read a paste for example.com and check records and notes in one go. */
static void
check(const char *what, const char *text, const struct want *w, size_t n,
    const char **pieces, size_t npieces)
{
	struct paste_result r;

	if (read_ok(what, "example.com", text, &r) == -1)
		return;
	expect_records(what, &r, w, n);
	expect_warnings(what, &r, pieces, npieces);
	paste_result_free(&r);
}

/* Read a paste that must be refused, at a line, with a message piece. */
static void
check_error_in(const char *what, const char *domain, const char *text,
    size_t line, const char *piece)
{
	struct paste_result r;
	char *cause = NULL;
	size_t errline = 99;

	memset(&r, 0xa5, sizeof r);
	ok(paste_read(text, domain, &r, &cause, &errline) == -1,
	    "%s: refused", what);
	is_int(errline, line, "%s: error line", what);
	like(cause, piece, "%s: message", what);
	if (line > 0) {
		char prefix[32];

		snprintf(prefix, sizeof prefix, "line %zu: ", line);
		ok(cause != NULL && strncmp(cause, prefix,
		    strlen(prefix)) == 0, "%s: message starts with '%s'",
		    what, prefix);
	}
	ok(r.records == NULL && r.nrecords == 0 && r.warnings.n == 0 &&
	    r.warnings.v == NULL, "%s: result left empty", what);
	free(cause);
}

/* Read a paste for example.com that must be refused. */
static void
check_error(const char *what, const char *text, size_t line,
    const char *piece)
{
	check_error_in(what, "example.com", text, line, piece);
}

/* Zone-file lines in their usual variations. */
static void
test_zone(void)
{
	static const struct want full[] = {
		{ 1, DK(TOK1), DKN(TOK1), "CNAME", SES(TOK1) },
		{ 2, DK(TOK2), DKN(TOK2), "CNAME", SES(TOK2) },
		{ 3, DK(TOK3), DKN(TOK3), "CNAME", SES(TOK3) },
		{ 4, "s1._domainkey", "s1._domainkey.example.com.", "CNAME",
		    "s1.domainkey.u1.wl1.sendgrid.net." },
		{ 5, "s2._domainkey", "s2._domainkey.example.com.", "CNAME",
		    "s2.domainkey.u1.wl1.sendgrid.net." },
		{ 6, "em1", "em1.example.com.", "CNAME",
		    "u1.wl1.sendgrid.net." }
	};
	static const struct want txt[] = {
		{ 1, "@", "example.com.", "TXT",
		    "v=spf1 mx include:amazonses.com ~all" },
		{ 2, "sel._domainkey", "sel._domainkey.example.com.", "TXT",
		    "v=DKIM1; k=rsa; "
		    "p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ" },
		{ 3, "_dmarc", "_dmarc.example.com.", "TXT",
		    "v=DMARC1; p=none" },
		{ 4, "esc", "esc.example.com.", "TXT",
		    "say \"hi\" \\ A;B" },
		{ 5, "bare", "bare.example.com.", "TXT", "v=spf1 -all" }
	};
	static const struct want mx[] = {
		{ 1, "bounce", "bounce.example.com.", "MX",
		    "10 feedback-smtp.us-east-1.amazonses.com." },
		{ 2, "bounce", "bounce.example.com.", "TXT",
		    "v=spf1 include:amazonses.com ~all" },
		{ 3, "@", "example.com.", "MX", "0 ." },
		{ 4, "mail2", "mail2.example.com.", "MX",
		    "20 mx.example.net." }
	};
	static const struct want paren[] = {
		{ 2, "big._domainkey", "big._domainkey.example.com.", "TXT",
		    "v=DKIM1; k=rsa; "
		    "p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKC" },
		{ 6, "after", "after.example.com.", "CNAME",
		    "x.example.net." },
		{ 7, "one", "one.example.com.", "TXT", "ab" }
	};
	static const struct want origin[] = {
		{ 3, "bounce.mail", "bounce.mail.example.com.", "MX",
		    "10 feedback-smtp.eu-west-1.amazonses.com." },
		{ 4, "mail", "mail.example.com.", "TXT", "v=spf1 -all" },
		{ 5, "abs", "abs.example.com.", "CNAME", "t.example.net." }
	};
	static const char *origin_notes[] = {
		"line 6: skipped the '$INCLUDE' directive"
	};

	check("zone: TTL/class in any order, optional",
	    DKN(TOK1) " 3600 IN CNAME " SES(TOK1) "\n"
	    DK(TOK2) " IN 300 CNAME " TOK2 ".dkim.amazonses.com\n"
	    DK(TOK3) "\tCNAME\t" SES(TOK3) "\n"
	    "s1._domainkey 1h cname s1.domainkey.u1.wl1.sendgrid.net\n"
	    "S2._DOMAINKEY.EXAMPLE.COM. in CNAME "
	    "S2.DOMAINKEY.U1.WL1.SENDGRID.NET.\n"
	    "em1 IN CNAME u1.wl1.sendgrid.net. ; link branding\n",
	    full, nitems(full), NULL, 0);

	check("zone: TXT strings, escapes, unquoted",
	    "@ 3600 IN TXT \"v=spf1 mx include:amazonses.com ~all\"\n"
	    "sel._domainkey IN TXT \"v=DKIM1; k=rsa; \" "
	    "\"p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ\"\n"
	    "_dmarc.example.com. txt \"v=DMARC1; \"\"p=none\"\n"
	    "esc TXT \"say \\\"hi\\\" \\\\ \\065\\;B\"\n"
	    "bare TXT v=spf1 -all\n",
	    txt, nitems(txt), NULL, 0);

	check("zone: MX with preference, null MX",
	    "bounce 300 IN MX 10 feedback-smtp.us-east-1.amazonses.com.\n"
	    "bounce TXT \"v=spf1 include:amazonses.com ~all\"\n"
	    "@ MX 0 .\n"
	    "mail2.example.com. IN 60 mx 20 MX.EXAMPLE.NET\n",
	    mx, nitems(mx), NULL, 0);

	check("zone: parentheses over lines, comments inside",
	    "; generated by the provider\n"
	    "big._domainkey IN TXT ( \"v=DKIM1; k=rsa; \" ; key part 1\n"
	    "\t\"p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\"\n"
	    "\t\"MIIBCgKC\" )  ; end\n"
	    "\n"
	    "after CNAME x.example.net.\n"
	    "one TXT (\"a\" \"b\")\n",
	    paren, nitems(paren), NULL, 0);

	check("zone: $ORIGIN and $TTL",
	    "$TTL 3600\n"
	    "$ORIGIN mail.example.com.\n"
	    "bounce MX 10 feedback-smtp.eu-west-1.amazonses.com\n"
	    "@ TXT \"v=spf1 -all\"\n"
	    "abs.example.com. CNAME t.example.net\n"
	    "$INCLUDE other.zone\n",
	    origin, nitems(origin), origin_notes, nitems(origin_notes));
}

/* CSV with and without a header, quoting, semicolons. */
static void
test_csv(void)
{
	static const struct want ses[] = {
		{ 2, DK(TOK1), DKN(TOK1), "CNAME", SES(TOK1) },
		{ 3, DK(TOK2), DKN(TOK2), "CNAME", SES(TOK2) },
		{ 4, DK(TOK3), DKN(TOK3), "CNAME", SES(TOK3) }
	};
	static const struct want quoting[] = {
		{ 2, "_dmarc", "_dmarc.example.com.", "TXT",
		    "v=DMARC1; p=none; rua=mailto:a@example.com,"
		    "mailto:b@example.com" },
		{ 3, "say", "say.example.com.", "TXT", "say \"hi\", then go" },
		{ 4, "zone", "zone.example.com.", "TXT", "ab" },
		{ 5, "s1._domainkey", "s1._domainkey.example.com.", "CNAME",
		    "s1.domainkey.u1.wl1.sendgrid.net." }
	};
	static const struct want noheader[] = {
		{ 1, "em7", "em7.example.com.", "CNAME",
		    "u7.wl7.sendgrid.net." },
		{ 2, "s1._domainkey", "s1._domainkey.example.com.", "CNAME",
		    "s1.domainkey.u7.wl7.sendgrid.net." },
		{ 3, "_dmarc", "_dmarc.example.com.", "TXT",
		    "v=DMARC1; p=none; rua=mailto:a@example.com,"
		    "mailto:b@example.com" },
		{ 4, "ttl", "ttl.example.com.", "CNAME", "t.example.net." },
		{ 5, "bounce", "bounce.example.com.", "MX",
		    "10 feedback-smtp.us-east-1.amazonses.com." },
		{ 6, "row", "row.example.com.", "CNAME", "r.example.net." }
	};
	static const struct want semi[] = {
		{ 2, DK(TOK1), DKN(TOK1), "CNAME", SES(TOK1) },
		{ 3, "_dmarc", "_dmarc.example.com.", "TXT",
		    "v=DMARC1; p=quarantine; pct=100" },
		{ 5, "x", "x.example.com.", "TXT", "v=DKIM1; k=rsa; p=AB" },
		{ 6, "q", "q.example.com.", "TXT", "a;b" }
	};
	static const struct want extra[] = {
		{ 2, "bounce", "bounce.example.com.", "MX",
		    "10 feedback-smtp.us-east-1.amazonses.com." },
		{ 4, "b2", "b2.example.com.", "MX", "20 mx.example.net." },
		{ 5, "t", "t.example.com.", "TXT", "hello" }
	};

	check("csv: header Name,Type,Value",
	    "Name,Type,Value\n"
	    DKN(TOK1) ",CNAME," TOK1 ".dkim.amazonses.com\n"
	    DK(TOK2) ".example.com,CNAME," SES(TOK2) "\n"
	    DK(TOK3) ",cname," TOK3 ".dkim.amazonses.com\n",
	    ses, nitems(ses), NULL, 0);
	check("csv: header Type,Name,Value (SES console guess)",
	    "Type,Name,Value\n"
	    "CNAME," DKN(TOK1) "," SES(TOK1) "\n"
	    "CNAME," DK(TOK2) ".example.com," TOK2 ".dkim.amazonses.com\n"
	    "CNAME," DK(TOK3) "," SES(TOK3) "\n",
	    ses, nitems(ses), NULL, 0);
	check("csv: quoted titles, other words, extra columns",
	    "\"Record type\",\"RECORD NAME\",\"Status\",\"Record value\"\n"
	    "\"CNAME\",\"" DK(TOK1) "\",\"Pending\",\"" SES(TOK1) "\"\n"
	    "\"CNAME\",\"" DK(TOK2) "\",\"Success\",\"" SES(TOK2) "\"\n"
	    "\"CNAME\",\"" DK(TOK3) "\",\"Failed\",\"" SES(TOK3) "\"\n",
	    ses, nitems(ses), NULL, 0);
	check("csv: value column first",
	    "Points to,Host,Record type,TTL\n"
	    SES(TOK1) "," DK(TOK1) ",CNAME,3600\n"
	    SES(TOK2) "," DK(TOK2) ",CNAME,3600\n"
	    SES(TOK3) "," DK(TOK3) ",CNAME,3600\n",
	    ses, nitems(ses), NULL, 0);
	check("csv: quoted fields with commas and doubled quotes",
	    "Name,Type,Value\n"
	    "\"_dmarc\",\"TXT\",\"v=DMARC1; p=none; "
	    "rua=mailto:a@example.com,mailto:b@example.com\"\n"
	    "say,TXT,\"say \"\"hi\"\", then go\"\n"
	    "zone,TXT,\"\"\"a\"\" \"\"b\"\"\"\n"
	    "s1._domainkey,CNAME,\"s1.domainkey.u1.wl1.sendgrid.net\"\n",
	    quoting, nitems(quoting), NULL, 0);
	check("csv: no header, either order, extras",
	    "em7,CNAME,u7.wl7.sendgrid.net\n"
	    "CNAME,s1._domainkey,s1.domainkey.u7.wl7.sendgrid.net\n"
	    "_dmarc,TXT,v=DMARC1; p=none; rua=mailto:a@example.com,"
	    "mailto:b@example.com,3600,Verified\n"
	    "ttl,3600,IN,CNAME,t.example.net\n"
	    "bounce,MX,10,feedback-smtp.us-east-1.amazonses.com\n"
	    "1,row,CNAME,r.example.net,Pending\n",
	    noheader, nitems(noheader), NULL, 0);
	check("csv: semicolons",
	    "Name;Type;Value\n"
	    DK(TOK1) ";CNAME;" SES(TOK1) "\n"
	    "_dmarc;TXT;\"v=DMARC1; p=quarantine; pct=100\"\n"
	    "\n"
	    "x;TXT;v=DKIM1; k=rsa; p=AB\n"
	    "q;TXT;\"a;b\"\n",
	    semi, nitems(semi), NULL, 0);
	check("csv: MX preference in value or in a column",
	    "Name,Type,Value,TTL\n"
	    "bounce,MX,10 feedback-smtp.us-east-1.amazonses.com,300\n"
	    "Host,Type,Priority,Value\n"
	    "b2,MX,20,mx.example.net\n"
	    "t,TXT,,hello\n",
	    extra, nitems(extra), NULL, 0);
}

/* Tables copied from consoles and e-mails: tabs, runs of spaces, pipes. */
static void
test_tables(void)
{
	static const struct want tabs[] = {
		{ 2, DK(TOK1), DKN(TOK1), "CNAME", SES(TOK1) },
		{ 3, "_dmarc", "_dmarc.example.com.", "TXT",
		    "v=DMARC1; p=none; rua=mailto:d@example.com" },
		{ 4, "spf", "spf.example.com.", "TXT", "v=spf1 -all" }
	};
	static const struct want tabs_noheader[] = {
		{ 1, "a1", "a1.example.com.", "CNAME", "t1.example.net." },
		{ 2, "a2", "a2.example.com.", "CNAME", "t2.example.net." },
		{ 3, "a3", "a3.example.com.", "CNAME", "t3.example.net." },
		{ 4, "a4", "a4.example.com.", "TXT", "v=spf1 a mx -all" },
		{ 5, "a5", "a5.example.com.", "MX", "5 mx.example.net." }
	};
	static const struct want spaced[] = {
		{ 2, DK(TOK1), DKN(TOK1), "CNAME", SES(TOK1) },
		{ 3, "_dmarc", "_dmarc.example.com.", "TXT",
		    "v=DMARC1; p=none" },
		{ 4, "bounce", "bounce.example.com.", "MX",
		    "10 feedback-smtp.us-east-1.amazonses.com." }
	};
	static const struct want single[] = {
		{ 2, DK(TOK1), DKN(TOK1), "CNAME", SES(TOK1) },
		{ 3, "_dmarc", "_dmarc.example.com.", "TXT",
		    "v=DMARC1; p=none" },
		{ 4, DK(TOK2), DKN(TOK2), "CNAME", SES(TOK2) }
	};
	static const struct want loose[] = {
		{ 1, DK(TOK1), DKN(TOK1), "CNAME", SES(TOK1) },
		{ 2, "_dmarc", "_dmarc.example.com.", "TXT",
		    "v=DMARC1; p=reject" },
		{ 3, "spf", "spf.example.com.", "TXT", "v=spf1 ~all" },
		{ 4, "k", "k.example.com.", "TXT", "k=rsa" },
		{ 5, "q", "q.example.com.", "TXT", "quoted value" }
	};
	static const struct want cloudflare[] = {
		{ 2, "selector1._domainkey",
		    "selector1._domainkey.example.com.", "CNAME",
		    "selector1-example-com._domainkey."
		    "contoso.onmicrosoft.com." },
		{ 3, "_dmarc", "_dmarc.example.com.", "TXT",
		    "v=DMARC1; p=none" },
		{ 4, "em9", "em9.example.com.", "CNAME",
		    "u9.wl9.sendgrid.net." }
	};
	static const struct want pipes[] = {
		{ 3, "em1234", "em1234.example.com.", "CNAME",
		    "u1234.wl123.sendgrid.net." },
		{ 4, "s1._domainkey", "s1._domainkey.example.com.", "CNAME",
		    "s1.domainkey.u1234.wl123.sendgrid.net." },
		{ 5, "s2._domainkey", "s2._domainkey.example.com.", "CNAME",
		    "s2.domainkey.u1234.wl123.sendgrid.net." },
		{ 7, "x", "x.example.com.", "TXT", "a b" }
	};
	static const struct want bullets[] = {
		{ 1, "b1", "b1.example.com.", "CNAME", "t.example.net." },
		{ 2, "b2", "b2.example.com.", "CNAME", "t.example.net." },
		{ 3, "b3", "b3.example.com.", "CNAME", "t.example.net." },
		{ 4, "b4", "b4.example.com.", "CNAME", "t.example.net." },
		{ 5, "b5", "b5.example.com.", "CNAME", "t.example.net." },
		{ 6, "b6", "b6.example.com.", "CNAME", "t.example.net." },
		{ 7, "b7", "b7.example.com.", "CNAME", "t.example.net." }
	};

	check("tabs: header with a status column",
	    "Name\tType\tValue\tStatus\n"
	    DKN(TOK1) "\tCNAME\t" TOK1 ".dkim.amazonses.com\tPending\n"
	    "_dmarc\tTXT\tv=DMARC1; p=none; rua=mailto:d@example.com\t"
	    "Verified\n"
	    "spf\tTXT\t\"v=spf1 -all\"\t\n",
	    tabs, nitems(tabs), NULL, 0);
	check("tabs: no header, TTL and row columns",
	    "a1\tCNAME\tt1.example.net\n"
	    "a2\t3600\tCNAME\tt2.example.net\tPending\n"
	    "1\ta3\tCNAME\tt3.example.net\n"
	    "TXT\ta4\tv=spf1 a mx -all\t300\n"
	    "a5\tMX\t5 mx.example.net\n",
	    tabs_noheader, nitems(tabs_noheader), NULL, 0);
	check("spaces: aligned columns with TTL and status",
	    "Record name          Type    Value                      "
	    "TTL      Status\n"
	    DK(TOK1) "   CNAME   " SES(TOK1) "   1 hour   Pending\n"
	    "_dmarc      TXT     v=DMARC1; p=none     3600     Verified\n"
	    "bounce      MX      10 feedback-smtp.us-east-1.amazonses.com"
	    "     300    Pending\n",
	    spaced, nitems(spaced), NULL, 0);
	check("spaces: single spaces with a header",
	    "Name Type Value Status\n"
	    DK(TOK1) " CNAME " SES(TOK1) " Pending\n"
	    "_dmarc TXT v=DMARC1; p=none Verified\n"
	    DK(TOK2) " CNAME " SES(TOK2) " Verified\n",
	    single, nitems(single), NULL, 0);
	check("spaces: no header, statuses after the value",
	    DK(TOK1) " CNAME " SES(TOK1) " Pending\n"
	    "_dmarc TXT v=DMARC1; p=reject 3600 Verified\n"
	    "spf TXT v=spf1 ~all Not started\n"
	    "k TXT k=rsa 1 hour\n"
	    "q TXT \"quoted value\" Pending\n",
	    loose, nitems(loose), NULL, 0);
	check("spaces: type first, as Cloudflare lists records",
	    "Type Name Content Proxy status TTL\n"
	    "CNAME selector1._domainkey "
	    "selector1-example-com._domainkey.contoso.onmicrosoft.com "
	    "DNS only Auto\n"
	    "TXT _dmarc \"v=DMARC1; p=none\" DNS only Auto\n"
	    "CNAME em9 u9.wl9.sendgrid.net DNS only 1 min\n",
	    cloudflare, nitems(cloudflare), NULL, 0);
	check("pipes: a table from a ticket",
	    "| Host | Type | Points to |\n"
	    "|------|:----:|-----------|\n"
	    "| em1234 | CNAME | u1234.wl123.sendgrid.net |\n"
	    "| s1._domainkey | CNAME | "
	    "s1.domainkey.u1234.wl123.sendgrid.net |\n"
	    "s2._domainkey | CNAME | s2.domainkey.u1234.wl123.sendgrid.net\n"
	    "+------+------+\n"
	    "| x | TXT | a b |\n",
	    pipes, nitems(pipes), NULL, 0);
	check("bullets, numbers and mail quoting",
	    "1. b1 CNAME t.example.net\n"
	    "2) b2 CNAME t.example.net\n"
	    "- b3 CNAME t.example.net\n"
	    "* b4 CNAME t.example.net\n"
	    "\xe2\x80\xa2 b5 CNAME t.example.net\n"
	    "> b6 CNAME t.example.net\n"
	    ">> 3. b7 CNAME t.example.net\n",
	    bullets, nitems(bullets), NULL, 0);
}

/* Names in every form: relative, absolute, doubled, other domains. */
static void
test_names(void)
{
	static const struct want dots[] = {
		{ 1, "a", "a.example.com.", "CNAME", "t.example.net." },
		{ 2, "b", "b.example.com.", "CNAME", "t.example.net." },
		{ 3, "c", "c.example.com.", "CNAME", "t.example.net." },
		{ 4, "d._domainkey", "d._domainkey.example.com.", "CNAME",
		    "t.example.net." },
		{ 5, "@", "example.com.", "TXT", "apex" },
		{ 6, "deep.sub", "deep.sub.example.com.", "TXT", "x" },
		{ 7, "x.io", "x.io.example.com.", "TXT", "y" }
	};
	static const struct want doubled[] = {
		{ 1, DK(TOK1), DKN(TOK1), "CNAME", SES(TOK1) },
		{ 2, DK(TOK2), DKN(TOK2), "CNAME", SES(TOK2) },
		{ 3, "@", "example.com.", "TXT", "v=spf1 -all" }
	};
	static const char *doubled_notes[] = {
		"line 1: the name had the domain twice (" DK(TOK1)
		    ".example.com.example.com); mailwiz uses '" DKN(TOK1) "'",
		"line 2: the name had the domain twice (" DK(TOK2)
		    ".Example.com.example.com.); mailwiz uses '" DKN(TOK2) "'",
		"line 3: the name had the domain twice (example.com."
		    "example.com); mailwiz uses 'example.com.'"
	};
	static const struct want sub[] = {
		{ 1, DK(TOK1), DK(TOK1) ".mail.example.com.", "CNAME",
		    SES(TOK1) },
		{ 2, "bounce", "bounce.mail.example.com.", "MX",
		    "10 feedback-smtp.us-east-1.amazonses.com." }
	};
	struct paste_result r;

	check("names: trailing dots on names and targets, relative names",
	    "a CNAME t.example.net\n"
	    "b.example.com CNAME t.example.net.\n"
	    "c.example.com. CNAME T.Example.Net\n"
	    "d._domainkey. CNAME t.example.net\n"
	    "example.com TXT apex\n"
	    "deep.sub TXT x\n"
	    "x.io TXT y\n",
	    dots, nitems(dots), NULL, 0);
	check("names: the domain twice is repaired with a note",
	    DK(TOK1) ".example.com.example.com CNAME " SES(TOK1) "\n"
	    DK(TOK2) ".Example.com.example.com. CNAME " SES(TOK2) "\n"
	    "example.com.example.com TXT \"v=spf1 -all\"\n",
	    doubled, nitems(doubled), doubled_notes, nitems(doubled_notes));

	if (read_ok("names: a subdomain as the domain", "Mail.Example.COM.",
	    DK(TOK1) " CNAME " SES(TOK1) "\n"
	    "bounce.mail.example.com. MX 10 "
	    "feedback-smtp.us-east-1.amazonses.com\n", &r) == 0) {
		expect_records("names: a subdomain as the domain", &r, sub,
		    nitems(sub));
		expect_warnings("names: a subdomain as the domain", &r, NULL,
		    0);
		paste_result_free(&r);
	}
}

/* Pastes as providers and Zuora Global Support send them. */
static void
test_providers(void)
{
	static const struct want ses[] = {
		{ 6, DK(TOK1), DKN(TOK1), "CNAME", SES(TOK1) },
		{ 7, DK(TOK2), DKN(TOK2), "CNAME", SES(TOK2) },
		{ 8, DK(TOK3), DKN(TOK3), "CNAME", SES(TOK3) }
	};
	static const char *ses_notes[] = {
		"line 1: skipped, no record type found",
		"line 3: skipped, no record type found",
		"line 4: skipped, it reads as a sentence, not a record",
		"line 10: skipped, no record type found",
		"line 11: skipped, no record type found",
		"line 12: skipped, no record type found"
	};
	static const struct want blocks[] = {
		{ 3, DK(TOK1), DKN(TOK1), "CNAME", SES(TOK1) },
		{ 8, DK(TOK2), DKN(TOK2), "CNAME", SES(TOK2) },
		{ 13, DK(TOK3), DKN(TOK3), "CNAME", SES(TOK3) }
	};
	static const char *blocks_notes[] = {
		"line 1: skipped, no record type found"
	};
	static const struct want typeless[] = {
		{ 2, DK(TOK1), DKN(TOK1), "CNAME", SES(TOK1) },
		{ 4, DK(TOK2), DKN(TOK2), "CNAME", SES(TOK2) },
		{ 7, DK(TOK3), DKN(TOK3), "CNAME", SES(TOK3) }
	};
	static const char *typeless_notes[] = {
		"line 1: skipped, it reads as a sentence, not a record"
	};
	static const struct want mailfrom[] = {
		{ 1, DK(TOK1), DKN(TOK1), "CNAME",
		    TOK1 ".dkim.eu-south-1.amazonses.com." },
		{ 2, "bounce", "bounce.example.com.", "MX",
		    "10 feedback-smtp.eu-south-1.amazonses.com." },
		{ 3, "bounce", "bounce.example.com.", "TXT",
		    "v=spf1 include:amazonses.com ~all" }
	};
	static const struct want sendgrid[] = {
		{ 2, "em4821", "em4821.example.com.", "CNAME",
		    "u1234567.wl068.sendgrid.net." },
		{ 3, "s1._domainkey", "s1._domainkey.example.com.", "CNAME",
		    "s1.domainkey.u1234567.wl068.sendgrid.net." },
		{ 4, "s2._domainkey", "s2._domainkey.example.com.", "CNAME",
		    "s2.domainkey.u1234567.wl068.sendgrid.net." }
	};
	static const struct want microsoft[] = {
		{ 1, "selector1._domainkey",
		    "selector1._domainkey.example.com.", "CNAME",
		    "selector1-example-com._domainkey."
		    "contoso.onmicrosoft.com." },
		{ 2, "selector2._domainkey",
		    "selector2._domainkey.example.com.", "CNAME",
		    "selector2-example-com._domainkey."
		    "contoso.onmicrosoft.com." }
	};
	static const struct want mandrill[] = {
		{ 2, "mte1._domainkey", "mte1._domainkey.example.com.",
		    "CNAME", "dkim1.mandrillapp.com." },
		{ 3, "mte2._domainkey", "mte2._domainkey.example.com.",
		    "CNAME", "dkim2.mandrillapp.com." },
		{ 5, "pm-bounces", "pm-bounces.example.com.", "CNAME",
		    "pm.mtasv.net." },
		{ 6, "20240101pm._domainkey",
		    "20240101pm._domainkey.example.com.", "TXT",
		    "k=rsa;p=MIGfMA0GCSqGSIb3DQEB" }
	};
	static const struct want mx_block[] = {
		{ 1, "bounce", "bounce.example.com.", "MX",
		    "10 feedback-smtp.us-east-1.amazonses.com." },
		{ 6, "_dmarc", "_dmarc.example.com.", "TXT",
		    "v=DMARC1; p=none" }
	};

	check("ses: a Zuora support e-mail with zone-style lines",
	    "Hello Jane,\n"
	    "\n"
	    "Thank you for contacting Zuora Global Support.\n"
	    "Please add the following three CNAME records to the DNS of "
	    "example.com:\n"
	    "\n"
	    DKN(TOK1) " CNAME " SES(TOK1) "\n"
	    DKN(TOK2) " CNAME " SES(TOK2) "\n"
	    DKN(TOK3) " CNAME " SES(TOK3) "\n"
	    "\n"
	    "Verification can take up to 72 hours.\n"
	    "Best regards,\n"
	    "Zuora Global Support\n",
	    ses, nitems(ses), ses_notes, nitems(ses_notes));
	check("ses: Name/Type/Value blocks",
	    "DKIM records for example.com\n"
	    "\n"
	    "Name: " DKN(TOK1) "\n"
	    "Type: CNAME\n"
	    "Value: " SES(TOK1) "\n"
	    "Status: Pending\n"
	    "\n"
	    "Record name: " DK(TOK2) "\n"
	    "Record type: CNAME\n"
	    "Points to:\n"
	    "  " TOK2 ".dkim.amazonses.com\n"
	    "\n"
	    "- Type: CNAME\n"
	    "- Name: " DK(TOK3) "\n"
	    "- Value: " SES(TOK3) "\n",
	    blocks, nitems(blocks), blocks_notes, nitems(blocks_notes));
	check("ses: blocks without Type after 'add these CNAME records'",
	    "Please add these CNAME records:\n"
	    "Name: " DK(TOK1) "\n"
	    "Value: " SES(TOK1) "\n"
	    "CNAME name: " DK(TOK2) "\n"
	    "CNAME value: " SES(TOK2) "\n"
	    "\n"
	    "Host\t" DK(TOK3) "\n"
	    "Points to\t" SES(TOK3) "\n",
	    typeless, nitems(typeless), typeless_notes,
	    nitems(typeless_notes));
	check("ses: regional DKIM and custom MAIL FROM",
	    DK(TOK1) " CNAME " TOK1 ".dkim.eu-south-1.amazonses.com\n"
	    "bounce MX 10 feedback-smtp.eu-south-1.amazonses.com\n"
	    "bounce TXT \"v=spf1 include:amazonses.com ~all\"\n",
	    mailfrom, nitems(mailfrom), NULL, 0);
	check("sendgrid: em, s1, s2",
	    "Type\tHost\tValue\n"
	    "CNAME\tem4821.example.com\tu1234567.wl068.sendgrid.net\n"
	    "CNAME\ts1._domainkey.example.com\t"
	    "s1.domainkey.u1234567.wl068.sendgrid.net\n"
	    "CNAME\ts2._domainkey.example.com\t"
	    "s2.domainkey.u1234567.wl068.sendgrid.net\n",
	    sendgrid, nitems(sendgrid), NULL, 0);
	check("microsoft: selector1 and selector2",
	    "selector1._domainkey CNAME "
	    "selector1-example-com._domainkey.contoso.onmicrosoft.com\n"
	    "selector2._domainkey CNAME "
	    "selector2-example-com._domainkey.contoso.onmicrosoft.com\n",
	    microsoft, nitems(microsoft), NULL, 0);
	check("mandrill and postmark",
	    "Name,Type,Value\n"
	    "mte1._domainkey,CNAME,dkim1.mandrillapp.com\n"
	    "mte2._domainkey,CNAME,dkim2.mandrillapp.com\n"
	    "\n"
	    "pm-bounces,CNAME,pm.mtasv.net\n"
	    "20240101pm._domainkey,TXT,k=rsa;p=MIGfMA0GCSqGSIb3DQEB\n",
	    mandrill, nitems(mandrill), NULL, 0);
	check("blocks: a value on the next line replaces a prefixed type",
	    "TXT type:\n"
	    "CNAME\n"
	    "Name: a\n"
	    "Value: t.example.net\n",
	    (const struct want[]){ { 1, "a", "a.example.com.", "CNAME",
	    "t.example.net." } }, 1, NULL, 0);
	check("csv: an intro line before the header",
	    "Here is the file from the console:\n"
	    "Type,Name,Value\n"
	    "CNAME," DK(TOK1) "," SES(TOK1) "\n",
	    (const struct want[]){ { 3, DK(TOK1), DKN(TOK1), "CNAME",
	    SES(TOK1) } }, 1, (const char *[]){
	    "line 1: skipped, no record type found" }, 1);
	check("blocks: MX preference on its own line",
	    "Host: bounce\n"
	    "Type: MX\n"
	    "Priority: 10\n"
	    "Value: feedback-smtp.us-east-1.amazonses.com\n"
	    "\n"
	    "Name = _dmarc\n"
	    "Type = TXT\n"
	    "Value = \"v=DMARC1; p=none\"\n",
	    mx_block, nitems(mx_block), NULL, 0);
}

/* Notes about SES records that look wrong, which never refuse them. */
static void
test_ses_notes(void)
{
	static const struct want w[] = {
		{ 1, DK(TOK1), DKN(TOK1), "CNAME", SES(TOK2) },
		{ 2, "b2k4x7m3qz._domainkey",
		    "b2k4x7m3qz._domainkey.example.com.", "CNAME",
		    "b2k4x7m3qz.dkim.amazonses.com." },
		{ 3, TOK3, TOK3 ".example.com.", "CNAME", SES(TOK3) },
		{ 4, "ab1._domainkey", "ab1._domainkey.example.com.",
		    "CNAME", "ab1.dkim.us-west-2.amazonses.com." },
		{ 5, "x._domainkey", "x._domainkey.example.com.", "CNAME",
		    "x.amazonses.com." }
	};
	static const char *notes[] = {
		"line 1: the selector '" TOK1 "' differs from the token '"
		    TOK2 "' in the target; Amazon SES uses the same token in "
		    "both, check that you copied it completely",
		"line 2: the Amazon SES token 'b2k4x7m3qz' is unusual (10 "
		    "characters; SES tokens are usually 32 letters and digits "
		    "2-7); check that you copied it completely",
		"line 3: an Amazon SES DKIM record is named '" TOK3
		    "._domainkey.example.com.', not '" TOK3 ".example.com.'",
		"line 4: the Amazon SES token 'ab1' is unusual (3 characters",
	};

	check("ses notes: selector, token length, name shape",
	    DK(TOK1) " CNAME " SES(TOK2) "\n"
	    "b2k4x7m3qz._domainkey CNAME b2k4x7m3qz.dkim.amazonses.com\n"
	    TOK3 " CNAME " SES(TOK3) "\n"
	    "ab1._domainkey CNAME ab1.dkim.us-west-2.amazonses.com\n"
	    "x._domainkey CNAME x.amazonses.com\n",
	    w, nitems(w), notes, nitems(notes));
}

/* A DKIM key longer than one character-string is read whole. */
static void
test_long_txt(void)
{
	char text[1100], want[401];
	struct paste_result r;

	memset(want, 'K', 400);
	memcpy(want, "v=DKIM1; k=rsa; p=", 18);
	want[400] = '\0';
	snprintf(text, sizeof text, "long._domainkey TXT \"%s\"\n"
	    "split._domainkey TXT \"%.255s\" \"%s\"\n", want, want,
	    want + 255);
	if (read_ok("long TXT", "example.com", text, &r) == -1)
		return;
	ok(r.nrecords == 2, "long TXT: two records");
	if (r.nrecords == 2) {
		is(r.records[0].value, want,
		    "long TXT: 400 bytes in one string");
		is(r.records[1].value, want, "long TXT: 255 + 145 joined");
	}
	paste_result_free(&r);
}

/* Line endings, byte-order marks, comments, pasted typography. */
static void
test_text(void)
{
	static const struct want crlf[] = {
		{ 2, DK(TOK1), DKN(TOK1), "CNAME", SES(TOK1) },
		{ 3, "_dmarc", "_dmarc.example.com.", "TXT",
		    "v=DMARC1; p=none" }
	};
	static const struct want comments[] = {
		{ 4, "a", "a.example.com.", "CNAME", "t.example.net." },
		{ 8, "b", "b.example.com.", "TXT", "v=spf1 -all" }
	};
	static const struct want cr[] = {
		{ 1, "a", "a.example.com.", "CNAME", "t.example.net." },
		{ 3, "b", "b.example.com.", "CNAME", "t.example.net." }
	};
	static const struct want typo[] = {
		{ 1, "a", "a.example.com.", "CNAME", "t.example.net." },
		{ 2, "b", "b.example.com.", "TXT", "v=spf1 -all" },
		{ 3, "c", "c.example.com.", "TXT", "v=DMARC1; p=none" }
	};
	static const struct want dups[] = {
		{ 1, DK(TOK1), DKN(TOK1), "CNAME", SES(TOK1) },
		{ 4, "t", "t.example.com.", "TXT", "one" },
		{ 5, "t", "t.example.com.", "TXT", "two" },
		{ 6, "m", "m.example.com.", "MX", "10 a.example.net." },
		{ 7, "m", "m.example.com.", "MX", "20 b.example.net." }
	};
	static const char *dup_notes[] = {
		"line 2: the same record as line 1; mailwiz keeps one",
		"line 3: the same record as line 1; mailwiz keeps one",
		"line 8: the same record as line 4; mailwiz keeps one"
	};

	check("text: BOM and CRLF in CSV",
	    "\xef\xbb\xbfName,Type,Value\r\n"
	    DK(TOK1) ",CNAME," SES(TOK1) "\r\n"
	    "_dmarc,TXT,\"v=DMARC1; p=none\"\r\n"
	    "\r\n",
	    crlf, nitems(crlf), NULL, 0);
	check("text: BOM and CRLF in a tab table",
	    "\xef\xbb\xbfName\tType\tValue\r\n"
	    DK(TOK1) "\tCNAME\t" SES(TOK1) "\r\n"
	    "_dmarc\tTXT\tv=DMARC1; p=none\r\n",
	    crlf, nitems(crlf), NULL, 0);
	check("text: comments, blank lines, rules",
	    "; zone comment\n"
	    "# shell comment\n"
	    "// C comment\n"
	    "a CNAME t.example.net\n"
	    "   \t  \n"
	    "=====\n"
	    "--- \n"
	    "b TXT \"v=spf1 -all\"\n",
	    comments, nitems(comments), NULL, 0);
	check("text: old Mac line ends",
	    "a CNAME t.example.net\rhello there\rb CNAME t.example.net\r",
	    cr, nitems(cr), (const char *[]){
	    "line 2: skipped, no record type found" }, 1);
	check("text: no-break spaces, zero-width spaces, curly quotes",
	    "a\xc2\xa0\xc2\xa0" "CNAME\xc2\xa0t.example.net\xe2\x80\x8b\n"
	    "b TXT \xe2\x80\x9cv=spf1 -all\xe2\x80\x9d\n"
	    "c\tTXT\t\xe2\x80\x9cv=DMARC1; p=none\xe2\x80\x9d\n",
	    typo, nitems(typo), NULL, 0);
	check("text: duplicates merged, in any shape",
	    DK(TOK1) " CNAME " SES(TOK1) "\n"
	    DKN(TOK1) " 300 IN CNAME " TOK1 ".DKIM.amazonses.com\n"
	    DK(TOK1) ".example.com,CNAME," SES(TOK1) "\n"
	    "t TXT one\n"
	    "t TXT two\n"
	    "m MX 10 a.example.net\n"
	    "m MX 20 b.example.net\n"
	    "t.example.com. TXT \"one\"\n",
	    dups, nitems(dups), dup_notes, nitems(dup_notes));
}

/* Every way a paste is refused, with its line and what to do. */
static void
test_errors(void)
{
	char longlabel[200], longname[400], *cause = NULL;
	struct paste_result r;
	size_t i;

	check_error("empty paste", "", 0,
	    "no records found in the pasted text; paste the lines with the "
	    "record names, types and values");
	check_error("NULL paste", NULL, 0, "no records found");
	check_error("only prose and comments",
	    "Hello,\n; nothing\nRegards\n", 0, "no records found");
	check_error_in("bad domain argument", "exa mple.com",
	    "a CNAME b.example.net", 0,
	    "'exa mple.com' is not a valid domain name");
	check_error_in("empty domain argument", "", "a CNAME b.example.net",
	    0, "'' is not a valid domain name");

	check_error("unexpected type NS", "a CNAME t.example.net\n"
	    "example.com. IN NS ns1.example.net.\n", 2,
	    "line 2: record type 'NS' is not expected here; paste the CNAME, "
	    "TXT or MX records your provider sent");
	check_error("unexpected type A in CSV", "www,a,192.0.2.1", 1,
	    "record type 'A' is not expected here");
	check_error("unexpected type AAAA", "\nwww AAAA 2001:db8::1", 2,
	    "record type 'AAAA' is not expected here");

	check_error("absolute name in another domain",
	    "a CNAME t.example.net\n"
	    "x._domainkey.other.org. CNAME x.dkim.amazonses.com\n", 2,
	    "line 2: 'x._domainkey.other.org' is not in example.com");
	check_error("relative-looking name in another .com domain",
	    "x._domainkey.other.com CNAME t.example.net", 1,
	    "'x._domainkey.other.com' is not in example.com");

	check_error("empty label in a name", "a..b CNAME t.example.net", 1,
	    "line 1: the name 'a..b' has an empty label at character 3; "
	    "remove the extra dot");
	check_error("name starting with a dot", ".a CNAME t.example.net", 1,
	    "the name '.a' has an empty label at character 1");
	memset(longlabel, 'k', 64);
	snprintf(longlabel + 64, sizeof longlabel - 64,
	    "._domainkey CNAME t.example.net");
	check_error("label of 64 bytes", longlabel, 1,
	    "has a label of 64 bytes at character 1; DNS allows at most 63");
	for (i = 0; i < 5; i++) {
		memset(longname + i * 60, 'a', 59);
		longname[i * 60 + 59] = '.';
	}
	snprintf(longname + 300, sizeof longname - 300, "b TXT x");
	check_error("name of more than 253 bytes", longname, 1,
	    "is 301 bytes long; DNS allows at most 253");
	snprintf(longname + 240, sizeof longname - 240, "b TXT x");
	if (read_ok("241 bytes and the domain make 253", "example.com",
	    longname, &r) == 0) {
		ok(r.nrecords == 1 && strlen(r.records[0].name) == 254,
		    "253 bytes are allowed (254 with the final dot)");
		paste_result_free(&r);
	}
	snprintf(longname + 240, sizeof longname - 240, "bb TXT x");
	check_error("242 bytes and the domain make 254", longname, 1,
	    ".bb.example.com' is 254 bytes long; DNS allows at most 253");
	check_error("bad character in a name", "a_b!c CNAME t.example.net", 1,
	    "the name 'a_b!c' contains '!' at character 4; DNS names use only "
	    "letters, digits, hyphens and underscores");
	check_error("space in a CSV name", "my host,CNAME,t.example.net", 1,
	    "the name 'my host' contains ' ' at character 3");
	check_error("non-ASCII name", "caf\xc3\xa9 TXT x", 1,
	    "contains '\xc3\xa9' at character 4");
	check_error("wildcard name", "*.x CNAME y.z", 1,
	    "the name '*.x' contains '*' at character 1");

	check_error("CNAME to an IPv4 address", "a CNAME 192.0.2.10", 1,
	    "the CNAME target '192.0.2.10' is an IP address; a CNAME record "
	    "must point to a host name");
	check_error("CNAME to an IPv6 address", "a,CNAME,2001:db8::10", 1,
	    "the CNAME target '2001:db8::10' is an IP address");
	check_error("CNAME to a web address",
	    "a CNAME https://abc.dkim.amazonses.com/verify", 1,
	    "the CNAME target 'https://abc.dkim.amazonses.com/verify' is a "
	    "web address; paste only the host name "
	    "('abc.dkim.amazonses.com')");
	check_error("CNAME to http://", "a\tCNAME\thttp://t.example.net", 1,
	    "paste only the host name ('t.example.net')");
	check_error("CNAME target with spaces",
	    "\n\na\tCNAME\tabc.dkim amazonses.com\n", 3,
	    "the CNAME target 'abc.dkim amazonses.com' contains spaces");
	check_error("CNAME target with spaces in CSV",
	    "a,CNAME,see the e-mail", 1, "contains spaces");
	check_error("CNAME target with an empty label",
	    "a CNAME abc..dkim.amazonses.com", 1,
	    "the CNAME target 'abc..dkim.amazonses.com' has an empty label "
	    "at character 5");
	check_error("CNAME target with a bad character",
	    "a CNAME abc@dkim.amazonses.com", 1,
	    "the CNAME target 'abc@dkim.amazonses.com' contains '@' at "
	    "character 4");

	check_error("two CNAMEs at one name",
	    DK(TOK1) " CNAME " SES(TOK1) "\n"
	    "hello\n"
	    DKN(TOK1) " CNAME " SES(TOK2) "\n", 3,
	    "line 3: '" DKN(TOK1) "' already has a CNAME to '" SES(TOK1)
	    "' on line 1; a CNAME must be the only record at its name");
	check_error("CNAME then TXT at one name",
	    "a CNAME t.example.net\na TXT x\n", 2,
	    "'a.example.com.' has a CNAME on line 1, so it cannot have a TXT "
	    "record too");
	check_error("TXT then CNAME at one name",
	    "a TXT x\na.example.com. CNAME t.example.net\n", 2,
	    "'a.example.com.' has a TXT record on line 1, so it cannot be a "
	    "CNAME too");

	check_error("MX without a preference",
	    "bounce MX feedback-smtp.us-east-1.amazonses.com", 1,
	    "the MX record 'bounce.example.com.' has no preference; write it "
	    "as '10 feedback-smtp.us-east-1.amazonses.com'");
	check_error("MX preference out of range", "b MX 70000 mx.example.net",
	    1, "the MX preference '70000' is not a number from 0 to 65535");
	check_error("MX with only a preference", "b,MX,10", 1,
	    "the MX record 'b.example.com.' has a preference but no host");
	check_error("MX to an address", "b MX 10 192.0.2.1", 1,
	    "the MX target '192.0.2.1' is an IP address");
	check_error("MX with two preferences",
	    "Name,Type,Priority,Value\nb,MX,10,20 mx.example.net\n", 2,
	    "has two preferences ('10' and '20')");

	check_error("TXT quote not closed",
	    "a TXT \"v=spf1 -all\"\n_dmarc TXT \"v=DMARC1; p=none\n", 2,
	    "line 2: a quoted string in the TXT value is not closed; check "
	    "that you copied the whole value");
	check_error("TXT bad escape", "a TXT \"x\\256\"", 1,
	    "the TXT value has a bad escape '\\256'");
	check_error("TXT short escape", "a TXT \"x\\25\"", 1,
	    "the TXT value has a bad escape");
	check_error("TXT text after the quotes", "a TXT \"v=spf1\" -all", 1,
	    "the TXT value has text after its quoted strings ('-all')");
	check_error("TXT empty", "a TXT \"\"", 1,
	    "the TXT record 'a.example.com.' has no value");
	check_error("CNAME without a value", "\na CNAME\n", 2,
	    "line 2: the CNAME record 'a.example.com.' has no value; paste "
	    "the value your provider gave with it");
	check_error("CNAME with an empty CSV value", "a,CNAME,", 1,
	    "the CNAME record 'a.example.com.' has no value");
	check_error("CSV quote not closed", "a,TXT,\"v=spf1 -all", 1,
	    "a quoted field is not closed");

	check_error("type word, no record", "Intro\nPlease add a CNAME:\n", 2,
	    "line 2: cannot read a record from 'Please add a CNAME:'; write "
	    "it as 'name type value'");
	check_error("type word after words that are not a name",
	    "see the CNAME t.example.net", 1, "cannot read a record");
	check_error("class word as the name", "IN CNAME t.example.net", 1,
	    "cannot read a record");
	check_error("long unreadable line is shortened",
	    "TXT \"only a quoted string and nothing else at all, long enough "
	    "to be cut\"", 1, "cannot read a record from 'TXT \"only a quoted "
	    "string and nothing else at all, long enou...'");

	check_error("block without a type",
	    "Name: a\nValue: t.example.net\n", 1,
	    "line 1: the record 'a' has no type; add a line 'Type: CNAME' "
	    "(or TXT, MX)");
	check_error("block without a name",
	    "x CNAME t.example.net\n\nType: CNAME\nValue: t.example.net\n", 3,
	    "line 3: the CNAME record has no name");
	check_error("block without a value",
	    "Name: a\nType: TXT\nName: b\n", 1,
	    "the TXT record 'a.example.com.' has no value");
	check_error("block error points at the value line",
	    "Type: CNAME\nName: a\nStatus: Pending\nValue: 192.0.2.1\n", 4,
	    "the CNAME target '192.0.2.1' is an IP address");
	check_error("parenthesis never closed",
	    "a TXT ( \"v=DKIM1; \"\n\"p=abc\"\n", 1,
	    "line 1: the '(' on this line is never closed");
	check_error("$ORIGIN outside the domain", "$ORIGIN example.org.\n", 1,
	    "$ORIGIN 'example.org' is not in example.com");

	/* an error after notes and records leaves nothing behind */
	check_error("error after good records and notes",
	    "Hello\n" DK(TOK1) " CNAME " SES(TOK1) "\nb CNAME 10.0.0.1\n", 3,
	    "is an IP address");

	/* cause and errline may be left out */
	ok(paste_read("x", "example.com", &r, NULL, NULL) == -1,
	    "no cause wanted: still refused");
	ok(r.nrecords == 0 && r.records == NULL, "no cause wanted: empty");
	ok(paste_read("a CNAME t.example.net", "example.com", &r, &cause,
	    NULL) == 0, "no errline wanted: accepted");
	paste_result_free(&r);
	paste_result_free(&r);
	ok(r.records == NULL && r.nrecords == 0 && r.warnings.n == 0,
	    "freeing twice is harmless");
}

/* A domain other than example.com for one refusal. */
static void
test_subdomain_errors(void)
{
	check_error_in("parent of the domain",
	    "mail.example.com",
	    DK(TOK1) ".example.com CNAME " SES(TOK1), 1,
	    "'" DK(TOK1) ".example.com' is not in mail.example.com; check "
	    "that these records are meant for mail.example.com");
}

/* Run every group of checks. */
int
main(void)
{
	test_zone();
	test_csv();
	test_tables();
	test_names();
	test_providers();
	test_ses_notes();
	test_long_txt();
	test_text();
	test_errors();
	test_subdomain_errors();
	return done_testing();
}
