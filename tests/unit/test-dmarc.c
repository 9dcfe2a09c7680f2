/* test-dmarc.c - DMARC records, report addresses, starting records */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "dmarc.h"

/* Tell whether a failed parse left the record empty, as promised. */
static int
record_empty(const struct dmarc_record *r)
{
	return r->p == NULL && r->sp == NULL && r->rua == NULL &&
	    r->ruf == NULL && r->adkim == NULL && r->aspf == NULL &&
	    r->fo == NULL && r->rf == NULL && r->pct == 0 && r->ri == 0 &&
	    r->written == 0 && r->unknown.n == 0 && r->notes.n == 0 &&
	    r->rua_uris.n == 0 && r->ruf_uris.n == 0;
}

/* Tell whether a list of notes has one containing a piece. */
static int
has_note(const struct dmarc_record *r, const char *piece)
{
	size_t i;

	for (i = 0; i < r->notes.n; i++) {
		if (strstr(r->notes.v[i], piece) != NULL)
			return 1;
	}
	return 0;
}

/* The smallest record, and every default it implies. */
static void
test_defaults(void)
{
	struct dmarc_record r;
	char *cause = NULL;

	is_int(dmarc_parse("v=DMARC1; p=none", &r, &cause), 0, "minimal");
	is(cause, NULL, "no cause");
	is(r.p, "none", "p");
	is(r.sp, "none", "sp defaults to p");
	is_int(r.pct, 100, "pct defaults to 100");
	is(r.adkim, "r", "adkim defaults to r");
	is(r.aspf, "r", "aspf defaults to r");
	is(r.fo, "0", "fo defaults to 0");
	is(r.rf, "afrf", "rf defaults to afrf");
	is_int((long long)r.ri, 86400, "ri defaults to a day");
	is(r.rua, NULL, "no rua");
	is(r.ruf, NULL, "no ruf");
	is_int(r.written, DMARC_TAG_P, "only p written");
	is_int(r.unknown.n, 0, "no unknown tags");
	is_int(r.notes.n, 1, "one note");
	ok(has_note(&r, "no rua="), "the note says reports will not come");
	dmarc_record_free(&r);
	ok(record_empty(&r), "free leaves the record empty");
}

/* A record that writes every tag. */
static void
test_full(void)
{
	struct dmarc_record r;
	char *cause = NULL;

	is_int(dmarc_parse("v=DMARC1;p=reject;sp=quarantine;pct=50;"
	    "rua=mailto:a@example.com,mailto:b@example.net!10m;"
	    "ruf=mailto:f@example.com;adkim=s;aspf=s;fo=1:d;rf=afrf;"
	    "ri=3600;", &r, &cause), 0, "every tag");
	is(r.p, "reject", "p");
	is(r.sp, "quarantine", "sp");
	is_int(r.pct, 50, "pct");
	is(r.rua, "mailto:a@example.com,mailto:b@example.net!10m", "rua");
	is_int(r.rua_uris.n, 2, "two rua URIs");
	is(r.rua_uris.v[0], "mailto:a@example.com", "first rua URI");
	is(r.rua_uris.v[1], "mailto:b@example.net!10m", "second, size kept");
	is(r.ruf, "mailto:f@example.com", "ruf");
	is_int(r.ruf_uris.n, 1, "one ruf URI");
	is(r.adkim, "s", "adkim");
	is(r.aspf, "s", "aspf");
	is(r.fo, "1:d", "fo");
	is(r.rf, "afrf", "rf");
	is_int((long long)r.ri, 3600, "ri");
	is_int(r.written, DMARC_TAG_P | DMARC_TAG_SP | DMARC_TAG_PCT |
	    DMARC_TAG_RUA | DMARC_TAG_RUF | DMARC_TAG_ADKIM | DMARC_TAG_ASPF |
	    DMARC_TAG_FO | DMARC_TAG_RF | DMARC_TAG_RI, "all written");
	is_int(r.notes.n, 0, "nothing to note");
	dmarc_record_free(&r);
}

/* Valid records in many spellings. */
static void
test_valid(void)
{
	static const struct {
		const char *rec;
		const char *p, *sp, *adkim, *fo;
		int pct;
		unsigned long ri;
		size_t nrua;
	} good[] = {
		{ "v=DMARC1; p=none",
		    "none", "none", "r", "0", 100, 86400, 0 },
		{ "v=DMARC1; p=none;",
		    "none", "none", "r", "0", 100, 86400, 0 },
		{ "v=DMARC1; p=none ;  ",
		    "none", "none", "r", "0", 100, 86400, 0 },
		{ "v = DMARC1 ;  p = reject ; rua = mailto:a@x.com , "
		    "mailto:b@y.org ;",
		    "reject", "reject", "r", "0", 100, 86400, 2 },
		{ "v=DMARC1\t;\tp=quarantine\t",
		    "quarantine", "quarantine", "r", "0", 100, 86400, 0 },
		{ "V=DMARC1; P=Reject; SP=NONE; ADKIM=S",
		    "reject", "none", "s", "0", 100, 86400, 0 },
		{ "v=DMARC1;p=none;pct=0",
		    "none", "none", "r", "0", 0, 86400, 0 },
		{ "v=DMARC1;p=reject;pct=100;ri=0",
		    "reject", "reject", "r", "0", 100, 0, 0 },
		{ "v=DMARC1;p=reject;pct=007;ri=4294967295",
		    "reject", "reject", "r", "0", 7, 4294967295UL, 0 },
		{ "v=DMARC1;p=reject;fo=0:1:d:s;ruf=mailto:f@x.com",
		    "reject", "reject", "r", "0:1:d:s", 100, 86400, 0 },
		{ "v=DMARC1;p=reject;fo= 1 : D ;ruf=mailto:f@x.com",
		    "reject", "reject", "r", "1:d", 100, 86400, 0 },
		{ "v=DMARC1;p=reject;rf=AFRF:afrf",
		    "reject", "reject", "r", "0", 100, 86400, 0 },
		{ "v=DMARC1; p=none; rua=mailto:dmarc%2Breports@example.com",
		    "none", "none", "r", "0", 100, 86400, 1 },
		{ "v=DMARC1; p=none; rua=MAILTO:a@Example.COM!10M,"
		    "mailto:b@x.example!5,mailto:c@y.example!1t",
		    "none", "none", "r", "0", 100, 86400, 3 },
		{ "v=DMARC1; p=none; "
		    "rua=mailto:rua+zuora@dmarc.vendor.example",
		    "none", "none", "r", "0", 100, 86400, 1 },
	};
	struct dmarc_record r;
	char *cause;
	size_t i;

	for (i = 0; i < nitems(good); i++) {
		cause = NULL;
		is_int(dmarc_parse(good[i].rec, &r, &cause), 0,
		    "valid record %zu parses", i);
		is(cause, NULL, "valid %zu: no cause", i);
		is(r.p, good[i].p, "valid %zu: p", i);
		is(r.sp, good[i].sp, "valid %zu: sp", i);
		is(r.adkim, good[i].adkim, "valid %zu: adkim", i);
		is(r.fo, good[i].fo, "valid %zu: fo", i);
		is_int(r.pct, good[i].pct, "valid %zu: pct", i);
		is_int((long long)r.ri, (long long)good[i].ri, "valid %zu: ri",
		    i);
		is_int(r.rua_uris.n, good[i].nrua, "valid %zu: rua count", i);
		ok(dmarc_is_record(good[i].rec), "valid %zu: is a record", i);
		dmarc_record_free(&r);
	}
}

/* Unknown tags are kept and ignored; notes tell what is odd. */
static void
test_unknown_and_notes(void)
{
	struct dmarc_record r;
	char *cause = NULL;

	is_int(dmarc_parse("v=DMARC1; p=none; np=reject; psd=n; t=y; "
	    "rua=mailto:a@example.com", &r, &cause), 0,
	    "DMARCbis tags are unknown here, not errors");
	is_int(r.unknown.n, 3, "three unknown tags");
	is(r.unknown.v[0], "np=reject", "np kept");
	is(r.unknown.v[1], "psd=n", "psd kept");
	is(r.unknown.v[2], "t=y", "t kept");
	is_int(r.notes.n, 0, "no notes");
	dmarc_record_free(&r);

	is_int(dmarc_parse("v=DMARC1; rua=mailto:a@example.com; p=none", &r,
	    &cause), 0, "p after rua parses");
	ok(has_note(&r, "right after v=DMARC1"), "with a note on its place");
	dmarc_record_free(&r);

	is_int(dmarc_parse("v=DMARC1; p=reject; fo=1; "
	    "rua=mailto:a@example.com", &r, &cause), 0, "fo without ruf");
	ok(has_note(&r, "fo= has no effect without ruf="), "noted");
	is_int(r.notes.n, 1, "one note");
	dmarc_record_free(&r);

	is_int(dmarc_parse("v=DMARC1; p=none; pct=20; "
	    "rua=mailto:a@example.com", &r, &cause), 0, "pct with none");
	ok(has_note(&r, "pct= has no effect with p=none"), "noted");
	dmarc_record_free(&r);

	is_int(dmarc_parse("v=DMARC1; p=quarantine; pct=20; "
	    "rua=mailto:a@example.com", &r, &cause), 0, "pct with quarantine");
	is_int(r.notes.n, 0, "pct matters there: no note");
	dmarc_record_free(&r);
}

/* Invalid records, each with the message that names the tag. */
static void
test_invalid(void)
{
	static const struct {
		const char *rec;
		const char *cause;
	} bad[] = {
		{ "", "the record is empty" },
		{ " v=DMARC1; p=none", "without white space before it" },
		{ "\tv=DMARC1; p=none", "without white space before it" },
		{ "p=none; v=DMARC1",
		    "must start with v=DMARC1 (RFC 7489 6.3), not with 'p='" },
		{ "v=DMARC2; p=none",
		    "v= must be exactly 'DMARC1', in capitals, not 'DMARC2'" },
		{ "v=dmarc1; p=none", "not 'dmarc1'" },
		{ "v=DMARC1 p=none", "not 'DMARC1 p=none': is a ';' missing" },
		{ "v=; p=none", "not ''" },
		{ "v=DMARC1",
		    "p= is missing: add p=none, p=quarantine or p=reject "
		    "right after v=DMARC1 (RFC 7489 6.3)" },
		{ "v=DMARC1;", "p= is missing: add" },
		{ "v=DMARC1; rua=mailto:a@example.com",
		    "p= is missing: receivers treat a record with a valid "
		    "rua= but no p= as p=none (RFC 7489 6.6.3)" },
		{ "v=DMARC1; p=monitor",
		    "p= must be none, quarantine or reject, not 'monitor'" },
		{ "v=DMARC1; p=monitor; rua=mailto:a@example.com",
		    "receivers fall back to p=none because rua= is valid" },
		{ "v=DMARC1; p=monitor; rua=a@example.com, "
		    "mailto:b@example.com",
		    "6.6.3" },
		{ "v=DMARC1; p=none rua=mailto:a@b.com",
		    "not 'none rua=mailto:a@b.com': is a ';' missing" },
		{ "v=DMARC1; p=",
		    "p= must be none, quarantine or reject, not ''" },
		{ "v=DMARC1; p=none; sp=all",
		    "sp= must be none, quarantine or reject, not 'all'" },
		{ "v=DMARC1; p=none; adkim=x",
		    "adkim= must be r (relaxed) or s (strict), not 'x'" },
		{ "v=DMARC1; p=none; aspf=strict",
		    "aspf= must be r (relaxed) or s (strict), not 'strict'" },
		{ "v=DMARC1; p=none; pct=101",
		    "pct= must be a whole number from 0 to 100, not '101'" },
		{ "v=DMARC1; p=none; pct=-1", "not '-1'" },
		{ "v=DMARC1; p=none; pct=50.5", "not '50.5'" },
		{ "v=DMARC1; p=none; pct=", "pct= must be" },
		{ "v=DMARC1; p=none; pct=0100", "not '0100'" },
		{ "v=DMARC1; p=none; pct=1e2", "not '1e2'" },
		{ "v=DMARC1; p=none; pct=+5", "not '+5'" },
		{ "v=DMARC1; p=none; pct=5 0", "not '5 0'" },
		{ "v=DMARC1; p=none; ri=-1",
		    "ri= must be a number of seconds from 0 to 4294967295, "
		    "not '-1'" },
		{ "v=DMARC1; p=none; ri=4294967296", "not '4294967296'" },
		{ "v=DMARC1; p=none; ri=99999999999", "not '99999999999'" },
		{ "v=DMARC1; p=none; ri=1h", "not '1h'" },
		{ "v=DMARC1; p=none; ri=", "ri= must be" },
		{ "v=DMARC1; p=none; fo=2",
		    "fo= must be 0, 1, d or s, or several of them separated "
		    "by ':', not '2'" },
		{ "v=DMARC1; p=none; fo=0:", "not '0:'" },
		{ "v=DMARC1; p=none; fo=0,1", "not '0,1'" },
		{ "v=DMARC1; p=none; fo=ds", "not 'ds'" },
		{ "v=DMARC1; p=none; fo=", "fo= must be" },
		{ "v=DMARC1; p=none; rf=iodef",
		    "rf= must be afrf, not 'iodef'" },
		{ "v=DMARC1; p=none; rf=afrf:iodef", "not 'afrf:iodef'" },
		{ "v=DMARC1; p=none; rf=", "rf= must be afrf" },
		{ "v=DMARC1; p=none; rua=",
		    "rua= is empty: give mailto: addresses or remove the "
		    "tag" },
		{ "v=DMARC1; p=none; ruf=", "ruf= is empty" },
		{ "v=DMARC1; p=none; rua=a@example.com",
		    "rua= must be mailto: URIs separated by ',': "
		    "'a@example.com' needs 'mailto:' in front of it" },
		{ "v=DMARC1; p=none; rua=https://example.com/r",
		    "'https://example.com/r' is not a mailto: URI" },
		{ "v=DMARC1; p=none; rua=mailto:a@example.com,,mailto:b@x.com",
		    "an address is empty" },
		{ "v=DMARC1; p=none; rua=mailto:a@example.com,",
		    "an address is empty" },
		{ "v=DMARC1; p=none; rua=mailto:a@b",
		    "'mailto:a@b' needs a full domain" },
		{ "v=DMARC1; p=none; rua=mailto:a@@b.com",
		    "more than one '@'" },
		{ "v=DMARC1; p=none; rua=mailto:ab.com",
		    "'mailto:ab.com' has no '@'" },
		{ "v=DMARC1; p=none; rua=mailto:a b@example.com",
		    "'mailto:a b@example.com' contains white space" },
		{ "v=DMARC1; p=none; rua=mailto:a@example.com!10x",
		    "size limit after '!'" },
		{ "v=DMARC1; p=none; rua=mailto:a@example.com!",
		    "size limit" },
		{ "v=DMARC1; p=none; rua=mailto:a@example.com!k",
		    "size limit" },
		{ "v=DMARC1; p=none; rua=mailto:a@example.com!10mb",
		    "size limit" },
		{ "v=DMARC1; p=none; rua=mailto:a!b@example.com",
		    "'!' must be written %21" },
		{ "v=DMARC1; p=none; rua=mailto:a@exa_mple.com",
		    "'_' in its domain" },
		{ "v=DMARC1; p=none; rua=mailto:a@-example.com",
		    "starts or ends with '-'" },
		{ "v=DMARC1; p=none; rua=mailto:a@example-.com",
		    "starts or ends with '-'" },
		{ "v=DMARC1; p=none; rua=mailto:a@example..com",
		    "empty label" },
		{ "v=DMARC1; p=none; rua=mailto:a@example.com.",
		    "empty label" },
		{ "v=DMARC1; p=none; rua=mailto:a@.example.com",
		    "empty label" },
		{ "v=DMARC1; p=none; rua=mailto:.a@example.com",
		    "a '.' at the start or end" },
		{ "v=DMARC1; p=none; rua=mailto:a.@example.com",
		    "start or end" },
		{ "v=DMARC1; p=none; rua=mailto:a..b@example.com",
		    "two '.' in a row" },
		{ "v=DMARC1; p=none; rua=mailto:a%2@example.com",
		    "'%' that is not followed by two hexadecimal digits" },
		{ "v=DMARC1; p=none; rua=mailto:a%@example.com", "'%'" },
		{ "v=DMARC1; p=none; rua=mailto:a%zz@example.com", "'%'" },
		{ "v=DMARC1; p=none; rua=mailto:a=b@example.com",
		    "'=' must be written %3D in a mailto: URI" },
		{ "v=DMARC1; p=none; rua=mailto:a?b@example.com", "%3F" },
		{ "v=DMARC1; p=none; rua=mailto:a@example.com?subject=x",
		    "'?' in its domain" },
		{ "v=DMARC1; p=none; rua=mailto:@example.com",
		    "nothing before '@'" },
		{ "v=DMARC1; p=none; rua=mailto:a@", "no domain after '@'" },
		{ "v=DMARC1; p=none; rua=mailto:a\"b@example.com",
		    "'\"' before '@'" },
		{ "v=DMARC1; p=none; rua=mailto:a@192.0.2.1",
		    "an IP address or a number" },
		{ "v=DMARC1; p=none; rua=mailto:a@[192.0.2.1]",
		    "address literal" },
		{ "v=DMARC1; p=none; rua=mailto:a@ex\xc3\xa4mple.com",
		    "byte 0xc3" },
		{ "v=DMARC1; p=none; ruf=mailto:x",
		    "ruf= must be mailto: URIs" },
		{ "v=DMARC1; p=none; p=reject",
		    "tag 'p' appears more than once (characters 11 and 19)" },
		{ "v=DMARC1; v=DMARC1; p=none",
		    "tag 'v' appears more than once" },
		{ "v=DMARC1; p=none; RUA=mailto:a@x.com; rua=mailto:b@x.com",
		    "tag 'rua' appears more than once" },
		{ "v=DMARC1; p=none; foo=1; FOO=2",
		    "tag 'foo' appears more than once" },
		{ "v=DMARC1;; p=none", "empty tag at character 10" },
		{ "v=DMARC1; p=none; =x",
		    "must start with a letter, not '='" },
		{ "v=DMARC1; p=none; 1x=2",
		    "must start with a letter, not '1'" },
		{ "v=DMARC1; p=none; x", "tag 'x' has no '=' (character 19)" },
		{ "v=DMARC1; p=none; x;", "tag 'x' has no '='" },
		{ "v=DMARC1; p=none; x-y=1", "tag 'x' is followed by '-'" },
		{ "v=DMARC1; p=none\n", "byte 0x0a" },
		{ "v=DMARC1; p=none; rua=mailto:a@x.com\r", "byte 0x0d" },
		{ "v=DMARC1; p=none; x=caf\xc3\xa9", "byte 0xc3" },
	};
	struct dmarc_record r;
	char *cause;
	size_t i;

	for (i = 0; i < nitems(bad); i++) {
		cause = NULL;
		is_int(dmarc_parse(bad[i].rec, &r, &cause), -1,
		    "invalid record %zu fails", i);
		like(cause, bad[i].cause, "invalid %zu: cause", i);
		ok(record_empty(&r), "invalid %zu: record left empty", i);
		free(cause);
	}

	/* the fallback of 6.6.3 only counts when rua= is valid */
	is_int(dmarc_parse("v=DMARC1; p=bad; rua=a@example.com", &r, &cause),
	    -1, "bad p, bad rua");
	like(cause, "not 'bad'", "p reported");
	ok(strstr(cause, "6.6.3") == NULL, "no fallback mentioned");
	free(cause);
	is_int(dmarc_parse("v=DMARC1; rua=a@example.com", &r, &cause), -1,
	    "no p, bad rua");
	like(cause, "rua= must be mailto: URIs", "rua reported first");
	free(cause);
}

/* The first tag decides whether a TXT is a DMARC record at all. */
static void
test_is_record(void)
{
	static const char *yes[] = {
		"v=DMARC1", "v=DMARC1;", "v=DMARC1; p=none",
		"V = DMARC1 ;p=none",
		"v=DMARC1 ", "v=DMARC1\t; p=reject", "v=DMARC1;;;"
	};
	static const char *no[] = {
		"", " v=DMARC1", "v=DMARC10", "v=dmarc1", "v=DMARC",
		"v=spf1 -all",
		"x=DMARC1", "v=DMARC1p=none", "v=DMARC1,p=none", "vv=DMARC1",
		"v:DMARC1", "v=DMARC1 p=none", "v=\"DMARC1\""
	};
	size_t i;

	for (i = 0; i < nitems(yes); i++)
		is_int(dmarc_is_record(yes[i]), 1, "'%s' is a record", yes[i]);
	for (i = 0; i < nitems(no); i++)
		is_int(dmarc_is_record(no[i]), 0, "'%s' is not", no[i]);
}

/* Addresses as administrators type them. */
static void
test_rua_valid(void)
{
	static const struct {
		const char *in;
		const char *norm;
	} good[] = {
		{ "dmarc@example.com", "mailto:dmarc@example.com" },
		{ "mailto:dmarc@example.com", "mailto:dmarc@example.com" },
		{ "MAILTO:dmarc@Example.COM", "mailto:dmarc@example.com" },
		{ "  dmarc@example.com\t", "mailto:dmarc@example.com" },
		{ " a@example.com , mailto:b@example.org!10M ",
		    "mailto:a@example.com,mailto:b@example.org!10m" },
		{ "a@x.example,b@y.example,c@z.example",
		    "mailto:a@x.example,mailto:b@y.example,"
		    "mailto:c@z.example" },
		{ "Dmarc.Reports+zuora@sub.example.co.uk",
		    "mailto:Dmarc.Reports+zuora@sub.example.co.uk" },
		{ "a=b@example.com", "mailto:a%3Db@example.com" },
		{ "a%b@example.com", "mailto:a%25b@example.com" },
		{ "a!b@example.com", "mailto:a%21b@example.com" },
		{ "a#b&c/d?e^f`g{h|i}j@example.com",
		    "mailto:a%23b%26c%2Fd%3Fe%5Ef%60g%7Bh%7Ci%7Dj"
		    "@example.com" },
		{ "mailto:a%3db@example.com", "mailto:a%3db@example.com" },
		{ "o'brien@example.com", "mailto:o'brien@example.com" },
		{ "x_y-z~1$*@xn--mnchen-3ya.example",
		    "mailto:x_y-z~1$*@xn--mnchen-3ya.example" },
		{ "dmarc@123.example", "mailto:dmarc@123.example" },
		{ "dmarc@example.com!0", "mailto:dmarc@example.com!0" },
	};
	static const struct {
		const char *in;
		const char *cause;
	} bad[] = {
		{ "", "no report address given" },
		{ "  \t", "no report address given" },
		{ "a@example.com; b@example.com",
		    "separate report addresses with ',', not ';'" },
		{ "a@example.com b@example.com", "contains white space" },
		{ "dmarc", "'dmarc' has no '@'" },
		{ "dmarc@", "no domain after '@'" },
		{ "@example.com", "nothing before '@'" },
		{ "dmarc@localhost", "'dmarc@localhost' needs a full domain" },
		{ "https://x.example/", "is not a mailto: URI" },
		{ "ftp:a@example.com", "is not a mailto: URI" },
		{ "mailto:", "'mailto:' has no '@'" },
		{ "mailto:a=b@example.com", "'=' must be written %3D" },
		{ "a@example.com,", "an address is empty" },
		{ ",a@example.com", "an address is empty" },
		{ "a@example.com,,b@example.com", "an address is empty" },
		{ "a@example.com, bad", "'bad' has no '@'" },
		{ "<a@example.com>", "'<' before '@'" },
		{ "Reports <a@example.com>", "contains white space" },
		{ "a(b)@example.com", "'(' before '@'" },
		{ "a@b@example.com", "more than one '@'" },
		{ "a@exa mple.com", "contains white space" },
		{ "a@example.com\n", "byte 0x0a in its domain" },
		{ "caf\xc3\xa9@example.com", "byte 0xc3 before '@'" },
		{ "a@m\xc3\xbcnchen.example", "A-label (xn--) form" },
		{ "a@10.0.0.1", "IP address" },
	};
	char *norm, *cause, *again, local[80], domain[300];
	size_t i;

	for (i = 0; i < nitems(good); i++) {
		norm = cause = NULL;
		is_int(dmarc_rua_valid(good[i].in, &norm, &cause), 0,
		    "'%s' is valid", good[i].in);
		is(norm, good[i].norm, "'%s' normalized", good[i].in);
		is(cause, NULL, "no cause");
		if (norm != NULL) {
			again = NULL;
			is_int(dmarc_rua_valid(norm, &again, &cause), 0,
			    "the normalized form is valid too");
			is(again, norm, "and normalizes to itself");
			free(again);
		}
		free(norm);
	}
	for (i = 0; i < nitems(bad); i++) {
		norm = cause = NULL;
		is_int(dmarc_rua_valid(bad[i].in, &norm, &cause), -1,
		    "'%s' is not valid", bad[i].in);
		like(cause, bad[i].cause, "cause for bad address %zu", i);
		is(norm, NULL, "nothing normalized");
		free(cause);
	}

	is_int(dmarc_rua_valid("a@example.com", NULL, &cause), 0,
	    "normalized may be NULL");

	memset(local, 'a', 64);
	strcpy(local + 64, "@example.com");
	is_int(dmarc_rua_valid(local, NULL, &cause), 0, "64-character local");
	memset(local, 'a', 65);
	strcpy(local + 65, "@example.com");
	is_int(dmarc_rua_valid(local, NULL, &cause), -1, "65 is too many");
	like(cause, "more than 64 characters before '@'", "says 64");
	free(cause);

	snprintf(domain, sizeof domain, "a@%.63s.example", local);
	is_int(dmarc_rua_valid(domain, NULL, &cause), 0, "63-character label");
	snprintf(domain, sizeof domain, "a@%.64s.example", local);
	is_int(dmarc_rua_valid(domain, NULL, &cause), -1, "64 is too long");
	like(cause, "longer than 63", "says 63");
	free(cause);

	strcpy(domain, "a@");
	for (i = 0; i < 63; i++)
		strcat(domain, "b.");
	strcat(domain, "example");
	is_int(dmarc_rua_valid(domain, NULL, &cause), 0, "133-character "
	    "domain");
	strcpy(domain, "a@");
	for (i = 0; i < 124; i++)
		strcat(domain, "b.");
	strcat(domain, "example");
	is_int(dmarc_rua_valid(domain, NULL, &cause), -1, "255 characters");
	like(cause, "longer than 253", "too long");
	free(cause);
}

/* The record to start with. */
static void
test_starting_record(void)
{
	static const struct {
		const char *rua;
		const char *rec;
	} cases[] = {
		{ NULL, "v=DMARC1; p=none" },
		{ "", "v=DMARC1; p=none" },
		{ "  ", "v=DMARC1; p=none" },
		{ "dmarc@example.com",
		    "v=DMARC1; p=none; rua=mailto:dmarc@example.com" },
		{ "mailto:Dmarc@Example.com",
		    "v=DMARC1; p=none; rua=mailto:Dmarc@example.com" },
		{ "a@x.example, b@y.example!20m",
		    "v=DMARC1; p=none; rua=mailto:a@x.example,"
		    "mailto:b@y.example!20m" },
	};
	struct dmarc_record r;
	char *rec, *cause = NULL;
	size_t i;

	for (i = 0; i < nitems(cases); i++) {
		rec = dmarc_starting_record(cases[i].rua);
		is(rec, cases[i].rec, "starting record %zu", i);
		ok(dmarc_is_record(rec), "starting record %zu is a record", i);
		is_int(dmarc_parse(rec, &r, &cause), 0,
		    "starting record %zu parses", i);
		is(r.p, "none", "starting record %zu monitors only", i);
		is_int(r.notes.n, cases[i].rec[16] == '\0' ? 1 : 0,
		    "starting record %zu: notes only without rua", i);
		dmarc_record_free(&r);
		free(rec);
	}
	is(dmarc_starting_record("not an address"), NULL,
	    "no record for a bad address");
	is(dmarc_starting_record("a@example.com;b@example.com"), NULL,
	    "no record for a ';' list");
}

/* External report destinations (RFC 7489 7.1). */
static void
test_external(void)
{
	static const struct {
		const char *domain, *rua;
		int external;
		const char *name;
	} cases[] = {
		{ "example.com", "mailto:dmarc@example.com", 0,
		    "example.com._report._dmarc.example.com" },
		{ "example.com", "dmarc@reports.example.com", 0,
		    "example.com._report._dmarc.reports.example.com" },
		{ "example.com", "mailto:x@dmarc.vendor.example", 1,
		    "example.com._report._dmarc.dmarc.vendor.example" },
		{ "example.com", "mailto:x@notexample.com", 1,
		    "example.com._report._dmarc.notexample.com" },
		{ "example.com", "mailto:x@example.com.evil.example", 1,
		    "example.com._report._dmarc.example.com.evil.example" },
		{ "_dmarc.example.com", "mailto:a@EXAMPLE.com", 0,
		    "example.com._report._dmarc.example.com" },
		{ "_DMARC.Example.com.", "MAILTO:a@example.com.", 0,
		    "example.com._report._dmarc.example.com" },
		{ "sub.example.com", "mailto:a@example.com", 1,
		    "sub.example.com._report._dmarc.example.com" },
		{ "example.com", "mailto:a@example.com!10m", 0,
		    "example.com._report._dmarc.example.com" },
		{ "example.com", " mailto:a@Vendor.example!10m", 1,
		    "example.com._report._dmarc.vendor.example" },
		{ "example.com", "nodomain", -1, NULL },
		{ "example.com", "a@", -1, NULL },
		{ "example.com", "mailto:a@.", -1, NULL },
		{ "", "a@example.com", -1,
		    "._report._dmarc.example.com" },
	};
	char *name;
	size_t i;

	for (i = 0; i < nitems(cases); i++) {
		is_int(dmarc_external_rua(cases[i].domain, cases[i].rua),
		    cases[i].external, "'%s' for '%s': %d", cases[i].rua,
		    cases[i].domain, cases[i].external);
		name = dmarc_external_rua_name(cases[i].domain, cases[i].rua);
		if (*cases[i].domain != '\0')
			is(name, cases[i].name, "verification name %zu", i);
		free(name);
	}
}

/* Plain explanations of the policies. */
static void
test_explain(void)
{
	const char *none, *quar, *rej;

	none = dmarc_policy_explain("none");
	quar = dmarc_policy_explain("quarantine");
	rej = dmarc_policy_explain("reject");
	like(none, "none: ", "none explained");
	like(none, "reports", "none mentions reports");
	like(quar, "quarantine: ", "quarantine explained");
	like(quar, "spam", "quarantine mentions spam");
	like(rej, "reject: ", "reject explained");
	like(rej, "refuse", "reject says refuse");
	ok(none != quar && quar != rej, "three different texts");
	is(dmarc_policy_explain("REJECT"), rej, "case does not matter");
	is(dmarc_policy_explain("monitor"), NULL, "unknown policy: NULL");
	is(dmarc_policy_explain(""), NULL, "empty: NULL");
}

/* A small deterministic generator for the fuzz loops. */
static uint32_t
rnd(void)
{
	static uint32_t x = 2463534242u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return x;
}

/* Random records and addresses: clean answers, and what is accepted is
   consistent with itself. */
static void
test_random(void)
{
	static const char rchars[] = "vpsruafkdimcotV=DMARC1;;,:!@. \tnonerej"
	    "0159%x\001\xc3";
	static const char achars[] = "ab@@..,,!%3Dkmailto:-_x1 =?\xc3";
	struct dmarc_record r;
	char text[64], *cause, *norm, *again, *rec;
	size_t i, j, len, bad = 0, accepted = 0;
	int rc;

	for (i = 0; i < 100000; i++) {
		len = rnd() % (sizeof text - 1);
		if (i % 2 == 0) {
			memcpy(text, "v=DMARC1; p=none; ", 18);
			j = 18;
		} else
			j = 0;
		for (; j < len; j++)
			text[j] = rchars[rnd() % (sizeof rchars - 1)];
		text[len < j ? j : len] = '\0';
		cause = NULL;
		rc = dmarc_parse(text, &r, &cause);
		if (rc == 0) {
			accepted++;
			if (cause != NULL || r.p == NULL || r.sp == NULL ||
			    !dmarc_is_record(text))
				bad++;
			dmarc_record_free(&r);
		} else if (rc != -1 || cause == NULL || !record_empty(&r))
			bad++;
		free(cause);
	}
	is_int(bad, 0, "100000 random records answered cleanly");
	ok(accepted > 0, "some random records were valid (%zu)", accepted);

	bad = accepted = 0;
	for (i = 0; i < 100000; i++) {
		len = 1 + rnd() % 24;
		for (j = 0; j < len; j++)
			text[j] = achars[rnd() % (sizeof achars - 1)];
		text[len] = '\0';
		if (i % 3 == 0)
			memcpy(text + len / 2, "@ab.cd", 7);
		norm = cause = NULL;
		rc = dmarc_rua_valid(text, &norm, &cause);
		if (rc != 0) {
			if (rc != -1 || cause == NULL || norm != NULL)
				bad++;
			free(cause);
			continue;
		}
		accepted++;
		again = NULL;
		if (dmarc_rua_valid(norm, &again, &cause) != 0) {
			bad++;
			free(cause);
		} else if (strcmp(again, norm) != 0)
			bad++;
		rec = dmarc_starting_record(text);
		if (rec == NULL || dmarc_parse(rec, &r, &cause) != 0) {
			bad++;
			if (rec != NULL)
				free(cause);
		} else
			dmarc_record_free(&r);
		free(rec);
		free(again);
		free(norm);
	}
	is_int(bad, 0, "100000 random addresses: accepted ones normalize "
	    "to themselves and make a valid record");
	ok(accepted > 0, "some random addresses were valid (%zu)", accepted);
}

int
main(void)
{
	test_defaults();
	test_full();
	test_valid();
	test_unknown_and_notes();
	test_invalid();
	test_is_record();
	test_rua_valid();
	test_starting_record();
	test_external();
	test_explain();
	test_random();
	return done_testing();
}
