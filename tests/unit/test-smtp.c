/* test-smtp.c - the test message, the masked transcript, the diagnosis and
   the send-test's life cycle on the loop (loopback only) */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <locale.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "loop.h"
#include "record.h"
#include "smtp.h"

/* Decode base64 (for checking what was encoded). */
static char *
unbase64(const char *in, size_t *outlen)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = xmalloc(strlen(in) + 1);
	const char *p;
	unsigned v = 0;
	int bits = 0;
	size_t n = 0;

	for (p = in; *p != '\0' && *p != '='; p++) {
		v = v << 6 | (unsigned)(strchr(tab, *p) - tab);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (char)(v >> bits & 0xff);
		}
	}
	out[n] = '\0';
	if (outlen != NULL)
		*outlen = n;
	return out;
}

/* Decode quoted-printable with CRLF lines back to text with LF. */
static char *
unqp(const char *in)
{
	struct buf b;
	const char *p = in;
	char hex[3] = { 0, 0, 0 };

	buf_init(&b);
	while (*p != '\0') {
		if (p[0] == '=' && p[1] == '\r' && p[2] == '\n')
			p += 3;
		else if (p[0] == '=' && p[1] != '\0' && p[2] != '\0') {
			hex[0] = p[1];
			hex[1] = p[2];
			buf_putc(&b, (char)strtol(hex, NULL, 16));
			p += 3;
		} else if (p[0] == '\r' && p[1] == '\n') {
			buf_putc(&b, '\n');
			p += 2;
		} else
			buf_putc(&b, *p++);
	}
	return buf_detach(&b);
}

/* The longest line (without CRLF) of a CRLF text. */
static size_t
longest_line(const char *s)
{
	const char *p = s, *nl;
	size_t max = 0;

	while (*p != '\0') {
		nl = strstr(p, "\r\n");
		if (nl == NULL)
			nl = p + strlen(p);
		if ((size_t)(nl - p) > max)
			max = (size_t)(nl - p);
		p = *nl == '\0' ? nl : nl + 2;
	}
	return max;
}

/* Whether every LF in s follows a CR. */
static int
crlf_only(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (*p == '\n' && (p == s || p[-1] != '\r'))
			return 0;
		if (*p == '\r' && p[1] != '\n')
			return 0;
	}
	return 1;
}

/* The value of a header (unfolded: CRLF+space joined), or NULL. */
static char *
header(const char *msg, const char *name)
{
	struct buf b;
	const char *p = msg, *end;
	size_t n = strlen(name);

	end = strstr(msg, "\r\n\r\n");
	while (p != NULL && p < end) {
		if (strncmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			if (*p == ' ')
				p++;
			buf_init(&b);
			for (;;) {
				const char *nl = strstr(p, "\r\n");

				buf_add(&b, p, (size_t)(nl - p));
				if (nl[2] != ' ' && nl[2] != '\t')
					break;
				p = nl + 2;
			}
			return buf_detach(&b);
		}
		p = strstr(p, "\r\n");
		if (p != NULL)
			p += 2;
	}
	return NULL;
}

/* The body of a message. */
static const char *
body_of(const char *msg)
{
	const char *p = strstr(msg, "\r\n\r\n");

	return p != NULL ? p + 4 : "";
}

/* Base64 against the RFC 4648 test vectors. */
static void
test_base64(void)
{
	static const char *vec[][2] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" },
		{ "foo", "Zm9v" }, { "foob", "Zm9vYg==" },
		{ "fooba", "Zm9vYmE=" }, { "foobar", "Zm9vYmFy" }
	};
	char *s;
	size_t i;

	for (i = 0; i < nitems(vec); i++) {
		s = smtp_base64((const unsigned char *)vec[i][0],
		    strlen(vec[i][0]));
		is(s, vec[i][1], "base64 '%s' (RFC 4648 10)", vec[i][0]);
		free(s);
	}
	s = smtp_base64((const unsigned char *)"\0user\0secret", 12);
	is(s, "AHVzZXIAc2VjcmV0", "base64 of a PLAIN response with NULs");
	free(s);
}

/* Which mail addresses are taken, and their domains. */
static void
test_addresses(void)
{
	static const char *good[] = { "billing@example.com",
	    "a.b+tag@sub.example.co.uk", "x@bücher.example",
	    "bounce+t1@simulator.amazonses.com" };
	static const char *bad[][2] = {
		{ "", "empty" },
		{ "billing", "not a mail address" },
		{ "@example.com", "not a mail address" },
		{ "billing@", "not a mail address" },
		{ "bill ing@example.com", "space" },
		{ "<billing@example.com>", "bracket" },
		{ "a@b@example.com,c@d.com", "bracket" },
		{ "\"q\"@example.com", "quote" },
		{ "billing@exa mple.com", "space" },
		{ "billing@example..com", "mail address" }
	};
	char *cause = NULL, *d, local[80];
	size_t i;

	for (i = 0; i < nitems(good); i++) {
		ok(smtp_address_valid(good[i], &cause) == 0, "'%s' is valid",
		    good[i]);
	}
	for (i = 0; i < nitems(bad); i++) {
		cause = NULL;
		ok(smtp_address_valid(bad[i][0], &cause) == -1,
		    "'%s' is refused", bad[i][0]);
		like(cause, bad[i][1], "'%s': the reason says '%s'",
		    bad[i][0], bad[i][1]);
		free(cause);
	}
	memset(local, 'a', 65);
	snprintf(local + 65, sizeof local - 65, "@example.com");
	cause = NULL;
	ok(smtp_address_valid(local, &cause) == -1,
	    "a 65-character local part is refused");
	like(cause, "too long", "because it is too long");
	free(cause);

	d = smtp_address_domain("Billing@Example.COM");
	is(d, "example.com", "the domain of an address, lower case");
	free(d);
	d = smtp_address_domain("x@Bücher.example");
	is(d, "xn--bcher-kva.example", "an IDN domain in A-labels");
	free(d);
	d = smtp_address_domain("no-domain");
	ok(d == NULL, "no domain: NULL");
	d = smtp_address_ascii("Billing@Bücher.example");
	is(d, "Billing@xn--bcher-kva.example", "ASCII form: the domain in "
	    "A-labels, the local part kept");
	free(d);
	d = smtp_address_ascii("nodomain");
	is(d, "nodomain", "no domain: as given");
	free(d);
}

/* RFC 5322 dates in several time zones. */
static void
test_date(void)
{
	char *s;

	setenv("TZ", "UTC0", 1);
	tzset();
	s = smtp_date(0);
	is(s, "Thu, 1 Jan 1970 00:00:00 +0000", "the epoch in UTC");
	free(s);
	s = smtp_date(1700000000);
	is(s, "Tue, 14 Nov 2023 22:13:20 +0000", "a date in UTC");
	free(s);
	setenv("TZ", "CET-1", 1);
	tzset();
	s = smtp_date(1700000000);
	is(s, "Tue, 14 Nov 2023 23:13:20 +0100", "east of UTC: +0100");
	free(s);
	setenv("TZ", "EST5", 1);
	tzset();
	s = smtp_date(1700000000);
	is(s, "Tue, 14 Nov 2023 17:13:20 -0500", "west of UTC: -0500");
	free(s);
	setenv("TZ", "IST-5:30", 1);
	tzset();
	s = smtp_date(1700000000);
	is(s, "Wed, 15 Nov 2023 03:43:20 +0530", "half-hour zones: +0530");
	free(s);
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "UTC0", 1);
	tzset();
}

/* Message-IDs: random, at the sender's domain. */
static void
test_message_id(void)
{
	char *a, *b;
	size_t i;
	int hex = 1;

	a = smtp_message_id("billing@Example.COM", 1700000000);
	b = smtp_message_id("billing@example.com", 1700000000);
	ok(a[0] == '<' && a[strlen(a) - 1] == '>', "Message-ID in <>");
	for (i = 1; i < 25; i++)
		hex &= strchr("0123456789abcdef", a[i]) != NULL;
	ok(hex && a[25] == '.', "24 random hex digits first");
	like(a, ".1700000000@example.com>", "then the time and the domain");
	ok(strcmp(a, b) != 0, "two Message-IDs differ");
	free(a);
	free(b);
	a = smtp_message_id("nodomain", 1);
	like(a, "@mailwiz.invalid>", "no domain: mailwiz.invalid");
	free(a);
}

/* The whole message: headers, folding, encodings, refusals. */
static void
test_message(void)
{
	const char *to[] = { "alice@example.net", "bob@example.net" };
	const char *want = "From: billing@example.com\r\nTo: "
	    "alice@example.net, bob@example.net\r\nSubject: Test one\r\n"
	    "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"
	    "Message-ID: <fixed@example.com>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: 7bit\r\n";
	const char *many[12];
	char addr[12][40];
	struct smtp_message m;
	char *msg, *h, *cause = NULL, *dec, *p, *q, *word, *all;
	size_t i;
	int words_ok = 1;
	struct buf b;

	memset(&m, 0, sizeof m);
	m.from = "billing@example.com";
	m.to = to;
	m.nto = 2;
	m.subject = "Test one";
	m.body = "line one\nline two\n.dot line\n";
	m.date = 1700000000;
	m.message_id = "<fixed@example.com>";
	msg = smtp_message_build(&m, &cause);
	ok(msg != NULL, "a message is built");
	ok(crlf_only(msg), "every line ends in CRLF");
	ok(strlen(msg) >= 2 && strcmp(msg + strlen(msg) - 2, "\r\n") == 0,
	    "and the message ends in CRLF");
	ok(strncmp(msg, want, strlen(want)) == 0,
	    "headers in order: From, To, Subject, Date, Message-ID, MIME");
	like(msg, "\r\nX-Mailer: mailwiz ", "X-Mailer names mailwiz");
	is(body_of(msg), "line one\r\nline two\r\n.dot line\r\n",
	    "ASCII body as is, CRLF (dot-stuffing is the sender's job)");
	free(msg);

	m.message_id = NULL;
	msg = smtp_message_build(&m, &cause);
	h = header(msg, "Message-ID");
	like(h, "@example.com>", "a random Message-ID at the sender's domain");
	free(h);
	free(msg);

	/* UTF-8 subject: RFC 2047 encoded-words. */
	m.subject = "Prüfung";
	msg = smtp_message_build(&m, &cause);
	h = header(msg, "Subject");
	is(h, "=?UTF-8?B?UHLDvGZ1bmc=?=", "a UTF-8 subject is B-encoded");
	free(h);
	free(msg);

	/* A long UTF-8 subject: several words, none splitting a letter. */
	buf_init(&b);
	for (i = 0; i < 40; i++)
		buf_puts(&b, "é€");
	m.subject = b.data;
	msg = smtp_message_build(&m, &cause);
	ok(longest_line(msg) <= 78, "folded encoded subject lines fit 78");
	h = header(msg, "Subject");
	all = xstrdup("");
	for (p = strstr(h, "=?UTF-8?B?"); p != NULL;
	    p = strstr(q, "=?UTF-8?B?")) {
		q = strstr(p, "?=");
		words_ok &= (size_t)(q + 2 - p) <= 75;
		word = xstrndup(p + 10, (size_t)(q - p - 10));
		dec = unbase64(word, NULL);
		/* Each word alone must be whole UTF-8 letters. */
		words_ok &= (dec[0] & 0xc0) != 0x80;
		p = all;
		all = xasprintf("%s%s", p, dec);
		free(p);
		free(dec);
		free(word);
		q += 2;
	}
	ok(words_ok, "each encoded-word is at most 75 characters and starts "
	    "on a letter");
	is(all, b.data, "the encoded-words decode to the subject");
	free(all);
	free(h);
	free(msg);
	buf_free(&b);

	/* A long ASCII subject is folded at spaces. */
	buf_init(&b);
	for (i = 0; i < 30; i++)
		buf_printf(&b, "%sword%zu", i > 0 ? " " : "", i);
	m.subject = b.data;
	msg = smtp_message_build(&m, &cause);
	ok(longest_line(msg) <= 78, "a long subject is folded within 78");
	h = header(msg, "Subject");
	/* Unfolding removes CRLF only; folding kept the space. */
	is(h, b.data, "unfolded, the subject is whole again");
	free(h);
	free(msg);
	buf_free(&b);

	/* Many recipients: To is folded. */
	for (i = 0; i < nitems(many); i++) {
		snprintf(addr[i], sizeof addr[i], "recipient%zu@example.net",
		    i);
		many[i] = addr[i];
	}
	m.subject = "x";
	m.to = many;
	m.nto = nitems(many);
	msg = smtp_message_build(&m, &cause);
	ok(longest_line(msg) <= 78, "a long To is folded within 78");
	h = header(msg, "To");
	like(h, "recipient0@example.net, recipient1@example.net,",
	    "recipients are separated by commas");
	like(h, "recipient11@example.net", "the last one is there");
	free(h);
	free(msg);
	m.to = to;
	m.nto = 2;

	/* IDN domains go in A-labels in the headers. */
	m.from = "billing@bücher.example";
	msg = smtp_message_build(&m, &cause);
	h = header(msg, "From");
	is(h, "billing@xn--bcher-kva.example", "From in A-labels");
	free(h);
	h = header(msg, "Message-ID");
	like(h, "@xn--bcher-kva.example>", "Message-ID at the A-label domain");
	free(h);
	free(msg);
	m.from = "billing@example.com";

	/* Non-ASCII body: quoted-printable. */
	m.body = "Grüße aus Köln\nzweite Zeile \n";
	msg = smtp_message_build(&m, &cause);
	h = header(msg, "Content-Transfer-Encoding");
	is(h, "quoted-printable", "a UTF-8 body is quoted-printable");
	free(h);
	dec = unqp(body_of(msg));
	is(dec, "Grüße aus Köln\nzweite Zeile \n", "and decodes back");
	free(dec);
	ok(strstr(body_of(msg), "Zeile=20\r\n") != NULL,
	    "trailing space encoded");
	free(msg);

	/* A line over 998 octets: quoted-printable too. */
	buf_init(&b);
	for (i = 0; i < 1200; i++)
		buf_putc(&b, 'a' + (char)(i % 26));
	buf_putc(&b, '\n');
	m.body = b.data;
	msg = smtp_message_build(&m, &cause);
	h = header(msg, "Content-Transfer-Encoding");
	is(h, "quoted-printable", "a 1200-octet line is quoted-printable");
	ok(longest_line(msg) <= 78, "every line is short after encoding");
	dec = unqp(body_of(msg));
	is(dec, b.data, "and decodes back");
	free(dec);
	free(h);
	free(msg);
	buf_free(&b);

	/* Refusals. */
	m.body = "x";
	m.subject = "two\r\nBcc: victim@example.org";
	cause = NULL;
	ok(smtp_message_build(&m, &cause) == NULL,
	    "a subject with a line break is refused (header injection)");
	like(cause, "line break", "and says why");
	free(cause);
	m.subject = "x";
	m.nto = 0;
	cause = NULL;
	ok(smtp_message_build(&m, &cause) == NULL, "no recipient: refused");
	like(cause, "no recipient", "and says so");
	free(cause);
	m.nto = 2;
	m.from = "not an address";
	cause = NULL;
	ok(smtp_message_build(&m, &cause) == NULL, "bad sender: refused");
	free(cause);
	buf_init(&b);
	for (i = 0; i < 600; i++)
		buf_putc(&b, 'x');
	m.from = "billing@example.com";
	m.subject = b.data;
	cause = NULL;
	ok(smtp_message_build(&m, &cause) == NULL, "a 600-byte subject: "
	    "refused");
	free(cause);
	buf_free(&b);
}

/* Quoted-printable encoding and its line lengths. */
static void
test_qp(void)
{
	char *s, *d;
	struct buf b;
	size_t i;

	s = smtp_quoted_printable("Grüße\n");
	is(s, "Gr=C3=BC=C3=9Fe\r\n", "UTF-8 letters as =XX");
	free(s);
	s = smtp_quoted_printable("a=b\n");
	is(s, "a=3Db\r\n", "'=' is encoded");
	free(s);
	s = smtp_quoted_printable("tab\t\nspace \nmid dle\n");
	is(s, "tab=09\r\nspace=20\r\nmid dle\r\n",
	    "whitespace encoded at line ends only");
	free(s);
	s = smtp_quoted_printable("no newline");
	is(s, "no newline\r\n", "a final CRLF is added");
	free(s);
	s = smtp_quoted_printable("crlf\r\nkept\r\n");
	is(s, "crlf\r\nkept\r\n", "CRLF input stays CRLF");
	free(s);
	buf_init(&b);
	for (i = 0; i < 300; i++)
		buf_puts(&b, i % 7 == 0 ? "ü" : i % 11 == 0 ? " " : "a");
	buf_puts(&b, "\n");
	s = smtp_quoted_printable(b.data);
	ok(longest_line(s) <= 76, "soft breaks keep lines within 76");
	d = unqp(s);
	is(d, b.data, "a long line decodes back");
	free(d);
	free(s);
	buf_free(&b);
	/* Exactly 76 characters fits without a soft break. */
	buf_init(&b);
	for (i = 0; i < 76; i++)
		buf_putc(&b, 'x');
	s = smtp_quoted_printable(b.data);
	ok(strstr(s, "=\r\n") == NULL, "76 characters need no soft break");
	free(s);
	buf_putc(&b, 'x');
	s = smtp_quoted_printable(b.data);
	ok(strstr(s, "=\r\n") != NULL, "77 need one");
	free(s);
	buf_free(&b);
}

/* The SES mailbox simulator addresses and endpoints. */
static void
test_ses(void)
{
	static const char *ok_specs[][2] = {
		{ "success", "success@simulator.amazonses.com" },
		{ "bounce", "bounce@simulator.amazonses.com" },
		{ "ooto", "ooto@simulator.amazonses.com" },
		{ "complaint", "complaint@simulator.amazonses.com" },
		{ "suppressionlist",
		    "suppressionlist@simulator.amazonses.com" },
		{ "bounce+t1", "bounce+t1@simulator.amazonses.com" },
		{ "Complaint+Run_2.a-b",
		    "complaint+Run_2.a-b@simulator.amazonses.com" }
	};
	static const char *bad[] = { "nosuch", "success+", "bounce+a b",
	    "bounce+a@b", "", "+x" };
	char *a, *cause;
	size_t i;

	for (i = 0; i < nitems(ok_specs); i++) {
		cause = NULL;
		a = smtp_ses_simulator(ok_specs[i][0], &cause);
		is(a, ok_specs[i][1], "SES simulator '%s'", ok_specs[i][0]);
		free(a);
	}
	for (i = 0; i < nitems(bad); i++) {
		cause = NULL;
		a = smtp_ses_simulator(bad[i], &cause);
		ok(a == NULL && cause != NULL, "SES simulator '%s' refused",
		    bad[i]);
		free(cause);
	}
	a = smtp_ses_endpoint("eu-west-1", &cause);
	is(a, "email-smtp.eu-west-1.amazonaws.com", "the SES endpoint of "
	    "a region");
	ok(smtp_host_is_ses(a), "is recognised as SES");
	free(a);
	a = smtp_ses_endpoint("us-gov-west-1", &cause);
	is(a, "email-smtp.us-gov-west-1.amazonaws.com", "a GovCloud region");
	free(a);
	for (i = 0; i < 5; i++) {
		static const char *badr[] = { "", "eu-west", "EU-WEST-1",
		    "eu--west-1", "eu-west-1.evil.com" };

		cause = NULL;
		a = smtp_ses_endpoint(badr[i], &cause);
		ok(a == NULL, "'%s' is not a region", badr[i]);
		like(cause, "not an AWS region", "and says so");
		free(cause);
	}
	ok(smtp_host_is_ses("email-smtp.eu-west-1.amazonaws.com"),
	    "SES endpoint recognised");
	ok(smtp_host_is_ses("EMAIL-SMTP.us-east-1.amazonaws.com."),
	    "in any case, with a final dot");
	ok(smtp_host_is_ses("email-smtp-fips.us-east-1.amazonaws.com"),
	    "the FIPS endpoint too");
	ok(!smtp_host_is_ses("smtp.example.com"), "other hosts are not SES");
	ok(!smtp_host_is_ses("email-smtp.evil.example"), "nor look-alikes");
	ok(!smtp_host_is_ses(NULL), "NULL is not SES");
	like(smtp_ses_simulator_note(), "arrives later",
	    "the note says the outcome comes later");
}

/* What the body says about the test and the DNS records. */
static void
test_body(void)
{
	const char *to[] = { "alice@example.net" };
	struct smtp_options o;
	struct record_set rs;
	char *s;

	memset(&o, 0, sizeof o);
	o.host = "smtp.example.com";
	o.from = "billing@example.com";
	o.to = to;
	o.nto = 1;
	s = smtp_body_text(&o, NULL, NULL, 1700000000);
	like(s, "smtp.example.com port 587", "STARTTLS defaults to 587");
	like(s, "STARTTLS required, certificate verified", "says the TLS");
	like(s, "Login:    none", "no login");
	like(s, "Tue, 14 Nov 2023 22:13:20 +0000", "says when");
	like(s, "To:       alice@example.net", "the recipients");
	like(s, "at example.com", "generic records for the sender's domain");
	like(s, "_dmarc.example.com", "DMARC named");
	like(s, "SELECTOR._domainkey.example.com", "DKIM named");
	free(s);
	o.tls = SMTP_TLS_IMPLICIT;
	o.insecure = 1;
	o.user = "user";
	o.auth = SMTP_AUTH_LOGIN;
	s = smtp_body_text(&o, "other.example", NULL, 1700000000);
	like(s, "port 465", "implicit TLS defaults to 465");
	like(s, "certificate NOT verified", "--insecure is said");
	like(s, "as user with AUTH LOGIN", "the pinned mechanism");
	like(s, "at other.example", "the domain given");
	free(s);
	o.tls = SMTP_TLS_NONE;
	o.port = 2525;
	s = smtp_body_text(&o, NULL, NULL, 1700000000);
	like(s, "port 2525", "the port given");
	like(s, "crossed the network in clear", "no TLS is said plainly");
	free(s);
	record_set_init(&rs, "example.com", NULL);
	record_set_add(&rs, "@", "TXT", "v=spf1 include:amazonses.com ~all",
	    "spf");
	record_set_add(&rs, "_dmarc", "TXT", "v=DMARC1; p=none", "dmarc");
	s = smtp_body_text(&o, NULL, &rs, 1700000000);
	like(s, "from 'mailwiz plan'", "the plan's records");
	like(s, "spf    TXT   example.com.\n         v=spf1 include:"
	    "amazonses.com ~all", "SPF record listed");
	like(s, "_dmarc.example.com.", "DMARC record listed");
	ok(strstr(s, "SELECTOR._domainkey") == NULL, "no generic text");
	free(s);
	record_set_free(&rs);
}

/* Feed text to a transcript. */
static void
feed(struct smtp_transcript *tr, enum smtp_line_dir dir, const char *s)
{
	smtp_transcript_add(tr, dir, s, strlen(s), 0);
}

/* Credentials never reach the transcript. */
static void
test_masking(void)
{
	struct smtp_transcript tr;
	char *s;
	size_t n;

	smtp_transcript_init(&tr);
	smtp_transcript_credentials(&tr, "user", "s3cr3t-Pa55");
	feed(&tr, SMTP_LINE_SERVER, "250-AUTH PLAIN LOGIN\r\n250 OK\r\n");
	is_int(tr.nlines, 2, "two server lines in one chunk");
	feed(&tr, SMTP_LINE_CLIENT, "AUTH PLAIN AHVzZXIAczNjcjN0LVBhNTU=\r\n");
	is(tr.lines[2].text, "AUTH PLAIN ****", "PLAIN: the initial response "
	    "is masked, the mechanism kept");
	ok(tr.masking, "masking while AUTH goes on");
	feed(&tr, SMTP_LINE_SERVER, "235 2.7.0 Authentication successful\r\n");
	ok(!tr.masking, "235 ends the masking");
	feed(&tr, SMTP_LINE_CLIENT, "MAIL FROM:<user@example.com>\r\n");
	is(tr.lines[4].text, "MAIL FROM:<user@example.com>",
	    "later lines are shown");
	smtp_transcript_free(&tr);

	/* LOGIN: user and password lines, a refusal. */
	smtp_transcript_init(&tr);
	smtp_transcript_credentials(&tr, "user", "s3cr3t-Pa55");
	feed(&tr, SMTP_LINE_CLIENT, "AUTH LOGIN\r\n");
	feed(&tr, SMTP_LINE_SERVER, "334 VXNlcm5hbWU6\r\n");
	feed(&tr, SMTP_LINE_CLIENT, "dXNlcg==\r\n");
	feed(&tr, SMTP_LINE_SERVER, "334 UGFzc3dvcmQ6\r\n");
	ok(tr.masking, "334 keeps masking");
	feed(&tr, SMTP_LINE_CLIENT, "czNjcjN0LVBhNTU=\r\n");
	feed(&tr, SMTP_LINE_SERVER, "535 5.7.8 Authentication failed\r\n");
	ok(!tr.masking, "5xx ends the masking");
	feed(&tr, SMTP_LINE_CLIENT, "QUIT\r\n");
	s = smtp_transcript_text(&tr);
	is(s, "C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: ****\n"
	    "S: 334 UGFzc3dvcmQ6\nC: ****\nS: 535 5.7.8 Authentication "
	    "failed\nC: QUIT\n", "LOGIN: user and password lines masked");
	free(s);
	smtp_transcript_free(&tr);

	/* 4xx ends it too; lower-case auth; not AUTHX. */
	smtp_transcript_init(&tr);
	feed(&tr, SMTP_LINE_CLIENT, "auth plain c2VjcmV0\r\n");
	is(tr.lines[0].text, "auth plain ****", "lower-case auth masked");
	feed(&tr, SMTP_LINE_SERVER, "454 4.7.0 Temporary failure\r\n");
	ok(!tr.masking, "4xx ends the masking");
	feed(&tr, SMTP_LINE_CLIENT, "AUTHX c2VjcmV0\r\n");
	ok(!tr.masking, "AUTHX is not AUTH");
	smtp_transcript_free(&tr);

	/* Chunks split anywhere; nothing kept before the newline. */
	smtp_transcript_init(&tr);
	feed(&tr, SMTP_LINE_CLIENT, "AUTH PL");
	is_int(tr.nlines, 0, "a partial line is not recorded");
	feed(&tr, SMTP_LINE_CLIENT, "AIN AHVzZXIAc2VjcmV0\r");
	feed(&tr, SMTP_LINE_CLIENT, "\n");
	is_int(tr.nlines, 1, "the line is recorded when complete");
	is(tr.lines[0].text, "AUTH PLAIN ****", "and masked as a whole");
	n = smtp_transcript_add(&tr, SMTP_LINE_SERVER, "334 \r\n235 ok\r\n",
	    14, 0);
	is_int(n, 2, "add returns the lines added");
	smtp_transcript_free(&tr);

	/* Secrets anywhere else are masked too (four bytes or longer). */
	smtp_transcript_init(&tr);
	smtp_transcript_credentials(&tr, "user", "s3cr3t-Pa55");
	feed(&tr, SMTP_LINE_SERVER, "535 no such password s3cr3t-Pa55 for "
	    "user\r\n");
	is(tr.lines[0].text, "535 no such password **** for user",
	    "a password echoed by the server is masked");
	feed(&tr, SMTP_LINE_CLIENT, "NOOP AHVzZXIAczNjcjN0LVBhNTU=\r\n");
	is(tr.lines[1].text, "NOOP ****",
	    "the PLAIN form outside AUTH is masked");
	feed(&tr, SMTP_LINE_CLIENT, "NOOP czNjcjN0LVBhNTU=x\r\n");
	is(tr.lines[2].text, "NOOP ****x", "the base64 password too");
	feed(&tr, SMTP_LINE_CLIENT,
	    "NOOP dXNlcgB1c2VyAHMzY3IzdC1QYTU1\r\n");
	is(tr.lines[3].text, "NOOP ****", "the user\\0user\\0pass form too");
	feed(&tr, SMTP_LINE_INFO, "info s3cr3t-Pa55\n");
	is(tr.lines[4].text, "info ****", "info lines too");
	is_int(tr.secrets.n, 4, "four secret forms remembered");
	smtp_transcript_free(&tr);

	smtp_transcript_init(&tr);
	smtp_transcript_credentials(&tr, "user", "abc");
	feed(&tr, SMTP_LINE_SERVER, "250 abc ok\r\n");
	is(tr.lines[0].text, "250 abc ok", "a three-byte password is not "
	    "masked outside AUTH (it would blank out words)");
	smtp_transcript_credentials(&tr, NULL, NULL);
	smtp_transcript_secret(&tr, "");
	is_int(tr.secrets.n, 4, "no password, no secret; empty ignored");
	feed(&tr, SMTP_LINE_INFO, "Connected\n");
	s = smtp_transcript_text(&tr);
	like(s, "*  Connected\n", "info lines start with '*  '");
	free(s);
	smtp_transcript_free(&tr);
}

/* Exit statuses and names per failure and stage. */
static void
test_names(void)
{
	struct smtp_result r;
	static const struct {
		enum smtp_failure f;
		int exit;
	} map[] = {
		{ SMTP_FAIL_RESOLVE, 20 }, { SMTP_FAIL_REFUSED, 20 },
		{ SMTP_FAIL_CONNECT, 20 }, { SMTP_FAIL_GREETING, 20 },
		{ SMTP_FAIL_TIMEOUT, 26 }, { SMTP_FAIL_NO_STARTTLS, 21 },
		{ SMTP_FAIL_TLS_UNTRUSTED, 21 }, { SMTP_FAIL_TLS_EXPIRED, 21 },
		{ SMTP_FAIL_TLS_HOSTNAME, 21 }, { SMTP_FAIL_TLS_NOT_TLS, 21 },
		{ SMTP_FAIL_TLS, 21 }, { SMTP_FAIL_NO_AUTH, 22 },
		{ SMTP_FAIL_AUTH_MECH, 22 }, { SMTP_FAIL_AUTH, 22 },
		{ SMTP_FAIL_AUTH_REQUIRED, 22 }, { SMTP_FAIL_SENDER, 23 },
		{ SMTP_FAIL_RECIPIENTS, 24 }, { SMTP_FAIL_DATA, 25 },
		{ SMTP_FAIL_CANCELLED, 3 }, { SMTP_FAIL_OTHER, 3 }
	};
	size_t i, j;
	int distinct = 1;

	memset(&r, 0, sizeof r);
	r.delivered = 1;
	is_int(smtp_exit_status(&r), 0, "delivered: exit 0");
	for (i = 0; i < nitems(map); i++) {
		r.failure = map[i].f;
		is_int(smtp_exit_status(&r), map[i].exit, "%s: exit %d",
		    smtp_failure_name(map[i].f), map[i].exit);
		for (j = 0; j < i; j++)
			distinct &= strcmp(smtp_failure_name(map[i].f),
			    smtp_failure_name(map[j].f)) != 0;
	}
	ok(distinct, "failure names are distinct");
	is(smtp_stage_name(SMTP_STAGE_RECIPIENTS), "recipients",
	    "stage names");
	is(smtp_stage_name(SMTP_STAGE_DONE), "done", "the last stage");
	is(smtp_tls_name(SMTP_TLS_IMPLICIT), "implicit", "TLS mode names");
}

/* Explain a failure and check the diagnosis has a piece. */
static void
explain(enum smtp_failure f, int connected, const char *ehlo,
    const char *piece, const char *advice)
{
	struct smtp_options o;
	struct smtp_result r;

	memset(&o, 0, sizeof o);
	memset(&r, 0, sizeof r);
	o.host = "smtp.example.com";
	o.from = "billing@example.com";
	o.user = "user";
	o.auth = SMTP_AUTH_LOGIN;
	r.failure = f;
	r.connected = connected;
	r.reached = connected ? SMTP_STAGE_CONNECT : SMTP_STAGE_NONE;
	if (ehlo != NULL)
		strlist_add(&r.ehlo, ehlo);
	r.failed_reply = xstrdup("550 5.0.0 the reason");
	smtp_explain(&r, &o);
	like(r.diagnosis, piece, "%s: diagnosis says '%s'",
	    smtp_failure_name(f), piece);
	if (advice != NULL)
		like(r.advice, advice, "%s: advice says '%s'",
		    smtp_failure_name(f), advice);
	smtp_result_free(&r);
}

/* Every failure explained in plain words, with advice. */
static void
test_explain(void)
{
	struct smtp_options o;
	struct smtp_result r;

	explain(SMTP_FAIL_REFUSED, 0, NULL, "connection refused", "port");
	explain(SMTP_FAIL_RESOLVE, 0, NULL, "does not resolve", "spelling");
	explain(SMTP_FAIL_TIMEOUT, 0, NULL, "no connection to smtp.example."
	    "com port 587 within 10.0 s", "firewall");
	explain(SMTP_FAIL_TIMEOUT, 1, NULL, "said nothing for 30.0 s",
	    "--tls implicit");
	explain(SMTP_FAIL_NO_STARTTLS, 1, "SIZE 100", "STARTTLS not offered",
	    "--tls implicit");
	explain(SMTP_FAIL_NO_STARTTLS, 1, "STARTTLS", "refused STARTTLS",
	    NULL);
	explain(SMTP_FAIL_TLS_UNTRUSTED, 1, NULL, "certificate not trusted",
	    "--cacert");
	explain(SMTP_FAIL_TLS_HOSTNAME, 1, NULL, "wrong host name", NULL);
	explain(SMTP_FAIL_TLS_EXPIRED, 1, NULL, "expired", "clock");
	explain(SMTP_FAIL_TLS_NOT_TLS, 1, NULL, "does not speak TLS",
	    "--tls starttls");
	explain(SMTP_FAIL_AUTH, 1, NULL, "wrong user name or password", "SES");
	explain(SMTP_FAIL_AUTH, 1, NULL, "550 5.0.0 the reason", NULL);
	explain(SMTP_FAIL_NO_AUTH, 1, NULL, "AUTH not offered", "587");
	explain(SMTP_FAIL_AUTH_MECH, 1, "AUTH PLAIN CRAM-MD5",
	    "does not offer AUTH LOGIN; it offers: PLAIN CRAM-MD5",
	    "--auth auto");
	explain(SMTP_FAIL_AUTH_REQUIRED, 1, NULL, "wants a login", "--user");
	explain(SMTP_FAIL_SENDER, 1, NULL, "refused the sender "
	    "<billing@example.com>", "verified identity");
	explain(SMTP_FAIL_RECIPIENTS, 1, NULL, "recipient rejected", NULL);
	explain(SMTP_FAIL_DATA, 1, NULL, "refused the message", NULL);
	explain(SMTP_FAIL_GREETING, 1, NULL, "would not talk", NULL);
	explain(SMTP_FAIL_CANCELLED, 1, NULL, "cancelled", NULL);

	memset(&o, 0, sizeof o);
	memset(&r, 0, sizeof r);
	o.host = "h";
	r.delivered = 1;
	r.nrcpts = 2;
	r.naccepted = 1;
	r.rcpts = xcalloc(2, sizeof *r.rcpts);
	r.rcpts[0].address = xstrdup("a@example.net");
	r.rcpts[0].state = 1;
	r.rcpts[1].address = xstrdup("b@example.net");
	r.rcpts[1].reply = xstrdup("550 no such user");
	smtp_explain(&r, &o);
	like(r.diagnosis, "delivered to 1 of 2 recipients; refused: "
	    "b@example.net (550 no such user)", "a partial delivery names the "
	    "refused ones");
	smtp_result_free(&r);
}

/* Checking the options and preparing a test. */
static void
test_new(void)
{
	const char *to[] = { "alice@example.net" };
	struct smtp_options o;
	struct smtp_test *t;
	struct loop *l = loop_new();
	char *cause = NULL;

	memset(&o, 0, sizeof o);
	o.host = "smtp.example.com";
	o.from = "billing@example.com";
	o.to = to;
	o.nto = 1;
	t = smtp_test_new(l, &o, &cause);
	ok(t != NULL, "a test is made");
	is(smtp_test_url(t), "smtp://smtp.example.com:587",
	    "STARTTLS: smtp:// on 587");
	is_int(smtp_test_options(t)->timeout_ms, 30000, "30 s response "
	    "timeout by default");
	is_int(smtp_test_options(t)->connect_timeout_ms, 10000,
	    "10 s connect timeout by default");
	like(smtp_test_message(t), "Message-ID: <", "the message is ready");
	like(smtp_test_message(t), "This is a test message", "with a body");
	ok(!smtp_test_running(t), "not running before start");
	smtp_test_free(t);

	o.host = "[2001:db8::25]";
	o.tls = SMTP_TLS_IMPLICIT;
	t = smtp_test_new(l, &o, &cause);
	is(smtp_test_url(t), "smtps://[2001:db8::25]:465",
	    "implicit TLS and an IPv6 literal: smtps://[...]:465");
	is(smtp_test_options(t)->host, "2001:db8::25", "brackets dropped");
	smtp_test_free(t);

	o.host = "::1";
	o.port = 2525;
	o.tls = SMTP_TLS_STARTTLS;
	t = smtp_test_new(l, &o, &cause);
	is(smtp_test_url(t), "smtp://[::1]:2525", "a bare IPv6 is bracketed");
	smtp_test_free(t);

	o.tls = SMTP_TLS_NONE;
	cause = NULL;
	ok(smtp_test_new(l, &o, &cause) == NULL, "--tls none alone refused");
	like(cause, "in clear", "because it is in clear");
	free(cause);
	o.tls = SMTP_TLS_STARTTLS;
	o.user = "user";
	cause = NULL;
	ok(smtp_test_new(l, &o, &cause) == NULL, "user without password");
	like(cause, "password is needed", "says a password is needed");
	free(cause);
	o.password = "a\nb";
	cause = NULL;
	ok(smtp_test_new(l, &o, &cause) == NULL, "a password with a newline");
	free(cause);
	o.user = NULL;
	o.password = NULL;
	o.host = "bad host";
	cause = NULL;
	ok(smtp_test_new(l, &o, &cause) == NULL, "a host with a space");
	like(cause, "not a server name", "says so");
	free(cause);
	o.host = "smtp.example.com";
	o.cacert = "/nonexistent/ca.pem";
	cause = NULL;
	ok(smtp_test_new(l, &o, &cause) == NULL, "a missing CA file");
	like(cause, "cannot read CA file", "says so");
	free(cause);
	loop_free(l);
}

struct life {
	int done;
	int progress[SMTP_STAGE_DONE + 1];
	int free_in_done;
};

/* Count stages. */
static void
life_progress(void *arg, struct smtp_test *t, enum smtp_stage s)
{
	struct life *lf = arg;

	(void)t;
	lf->progress[s]++;
}

/* Note the end; free the test here when asked to. */
static void
life_done(void *arg, struct smtp_test *t)
{
	struct life *lf = arg;

	lf->done++;
	if (lf->free_in_done)
		smtp_test_free(t);
}

/* A loopback port that takes connections and never speaks (the kernel
   completes the handshake into the backlog). */
static int
silent_listener(unsigned *port)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;
	int s;

	s = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s == -1 || bind(s, (struct sockaddr *)&sin, sizeof sin) == -1 ||
	    listen(s, 4) == -1 ||
	    getsockname(s, (struct sockaddr *)&sin, &len) == -1)
		return -1;
	*port = ntohs(sin.sin_port);
	return s;
}

/* A port nothing listens on. */
static unsigned
closed_port(void)
{
	unsigned port = 0;
	int s = silent_listener(&port);

	close(s);
	return port;
}

/* A test on the loop: refused, silent, cancelled, freed. */
static void
test_life(void)
{
	const char *to[] = { "alice@example.net" };
	struct smtp_options o;
	struct smtp_test *t;
	const struct smtp_result *r;
	struct loop *l = loop_new();
	struct life lf;
	char *cause = NULL;
	uint64_t t0, took;
	unsigned port;
	int s, n;

	memset(&o, 0, sizeof o);
	o.host = "127.0.0.1";
	o.from = "billing@example.com";
	o.to = to;
	o.nto = 1;

	/* Connection refused, through the loop. */
	o.port = closed_port();
	memset(&lf, 0, sizeof lf);
	t = smtp_test_new(l, &o, &cause);
	ok(smtp_test_start(t, life_progress, life_done, &lf, &cause) == 0,
	    "started");
	ok(smtp_test_running(t), "running");
	for (n = 0; n < 500 && !lf.done; n++)
		loop_once(l, 100);
	is_int(lf.done, 1, "done_cb called once");
	is_int(lf.progress[SMTP_STAGE_CONNECT], 1, "progress: connect");
	r = smtp_test_result(t);
	is_int(r->failure, SMTP_FAIL_REFUSED, "refused");
	is_int(r->failed, SMTP_STAGE_CONNECT, "at the connect stage");
	is_int(smtp_exit_status(r), 20, "exit 20");
	ok(!r->delivered, "not delivered");
	is_int(r->rcpts[0].state, -1, "recipient not tried");
	cause = NULL;
	ok(smtp_test_start(t, NULL, NULL, NULL, &cause) == -1,
	    "a test runs once");
	free(cause);
	smtp_test_free(t);

	/* A silent server: the response timeout, and freeing in done_cb. */
	s = silent_listener(&port);
	ok(s != -1, "a silent listener on loopback");
	o.port = port;
	o.timeout_ms = 300;
	memset(&lf, 0, sizeof lf);
	lf.free_in_done = 1;
	t = smtp_test_new(l, &o, &cause);
	smtp_test_start(t, life_progress, life_done, &lf, &cause);
	t0 = loop_now_ms();
	for (n = 0; n < 100 && !lf.done; n++)
		loop_once(l, 100);
	took = loop_now_ms() - t0;
	is_int(lf.done, 1, "a silent server ends the test");
	ok(took >= 280 && took < 1500, "after the 300 ms timeout (%llu ms)",
	    (unsigned long long)took);

	/* Cancel: no callback, the result says cancelled. */
	o.timeout_ms = 0;
	memset(&lf, 0, sizeof lf);
	t = smtp_test_new(l, &o, &cause);
	smtp_test_start(t, life_progress, life_done, &lf, &cause);
	loop_once(l, 50);
	loop_once(l, 50);
	smtp_test_cancel(t);
	ok(!smtp_test_running(t), "cancelled: not running");
	r = smtp_test_result(t);
	is_int(r->failure, SMTP_FAIL_CANCELLED, "the result says cancelled");
	smtp_test_free(t);
	for (n = 0; n < 5; n++)
		loop_once(l, 10);
	is_int(lf.done, 0, "no done_cb after cancel, even freed at once");

	/* Free while running. */
	t = smtp_test_new(l, &o, &cause);
	smtp_test_start(t, NULL, NULL, NULL, &cause);
	loop_once(l, 20);
	smtp_test_free(t);
	loop_once(l, 10);
	ok(1, "freeing a running test is safe");
	close(s);
	loop_free(l);
}

/* Run every group of checks. */
int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "UTC0", 1);
	tzset();
	test_base64();
	test_addresses();
	test_date();
	test_message_id();
	test_message();
	test_qp();
	test_ses();
	test_body();
	test_masking();
	test_names();
	test_explain();
	test_new();
	test_life();
	return done_testing();
}
