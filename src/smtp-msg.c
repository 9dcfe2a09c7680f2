/* smtp-msg.c - the test message: headers, body, encodings, the SES
   mailbox simulator */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "domain.h"
#include "export.h"
#include "record.h"
#include "smtp.h"

#define SMTP_HEADER_WIDTH 78	/* RFC 5322 2.1.1: SHOULD */
#define SMTP_LINE_MAX 998	/* RFC 5322 2.1.1: MUST */
#define SMTP_SUBJECT_MAX 500
#define SMTP_QP_WIDTH 76	/* RFC 2045 6.7 rule 5 */

/* The scenarios of the Amazon SES mailbox simulator. */
static const char *const ses_scenarios[] = {
	"success", "bounce", "ooto", "complaint", "suppressionlist"
};

/* Base64 (RFC 4648, padded) of len bytes. */
char *
smtp_base64(const unsigned char *in, size_t len)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out, *p;
	size_t i;
	unsigned v;

	out = xmalloc(((len + 2) / 3) * 4 + 1);
	p = out;
	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 |
		    in[i + 2];
		*p++ = tab[(v >> 18) & 63];
		*p++ = tab[(v >> 12) & 63];
		*p++ = tab[(v >> 6) & 63];
		*p++ = tab[v & 63];
	}
	if (i < len) {
		v = (unsigned)in[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)in[i + 1] << 8;
		*p++ = tab[(v >> 18) & 63];
		*p++ = tab[(v >> 12) & 63];
		*p++ = i + 1 < len ? tab[(v >> 6) & 63] : '=';
		*p++ = '=';
	}
	*p = '\0';
	return out;
}

/* Check an address for MAIL FROM and RCPT TO. */
int
smtp_address_valid(const char *addr, char **cause)
{
	const char *at, *p;
	char *a = NULL, *u = NULL, *why = NULL;

	if (addr == NULL || *addr == '\0') {
		*cause = xstrdup(_("an empty mail address; give one such as "
		    "billing@example.com"));
		return -1;
	}
	for (p = addr; *p != '\0'; p++) {
		if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '<' ||
		    *p == '>' || *p == ',' || *p == '(' || *p == ')' ||
		    *p == ';' || *p == '"' || *p == '\\') {
			*cause = xasprintf(_("mail address '%s' has a space, "
			    "a bracket or a quote; give a plain address such "
			    "as billing@example.com"), addr);
			return -1;
		}
	}
	at = strrchr(addr, '@');
	if (at == NULL || at == addr || at[1] == '\0') {
		*cause = xasprintf(_("'%s' is not a mail address; give one "
		    "such as billing@example.com"), addr);
		return -1;
	}
	if (at - addr > 64 || strlen(addr) > 254) {
		*cause = xasprintf(_("mail address '%s' is too long (64 "
		    "characters before the @, 254 in all)"), addr);
		return -1;
	}
	if (domain_parse(at + 1, &a, &u, &why) == -1) {
		*cause = xasprintf(_("mail address '%s': %s"), addr, why);
		free(why);
		return -1;
	}
	free(a);
	free(u);
	return 0;
}

/* The address with its domain in A-labels; the local part as given. */
char *
smtp_address_ascii(const char *addr)
{
	const char *at = strrchr(addr, '@');
	char *a = NULL, *u = NULL, *why = NULL, *out;

	if (at == NULL || domain_parse(at + 1, &a, &u, &why) == -1) {
		free(why);
		return xstrdup(addr);
	}
	out = xasprintf("%.*s@%s", (int)(at - addr), addr, a);
	free(a);
	free(u);
	return out;
}

/* The domain of an address, in A-labels, lower case. */
char *
smtp_address_domain(const char *addr)
{
	const char *at;
	char *a = NULL, *u = NULL, *why = NULL;

	if (addr == NULL)
		return NULL;
	at = strrchr(addr, '@');
	if (at == NULL || domain_parse(at + 1, &a, &u, &why) == -1) {
		free(why);
		return NULL;
	}
	free(u);
	return a;
}

/* The date in RFC 5322 3.3 form, English names whatever the locale. */
char *
smtp_date(time_t t)
{
	static const char *days[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	long off;
	char sign = '+';

	localtime_r(&t, &tm);
	off = tm.tm_gmtoff / 60;
	if (off < 0) {
		sign = '-';
		off = -off;
	}
	return xasprintf("%s, %d %s %d %02d:%02d:%02d %c%02ld%02ld",
	    days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, sign,
	    off / 60, off % 60);
}

/* A Message-ID that no other message has: random, then time. */
char *
smtp_message_id(const char *from, time_t t)
{
	static unsigned counter;
	unsigned char rnd[12];
	char hex[sizeof rnd * 2 + 1], *domain, *id;
	size_t i;

	if (getentropy(rnd, sizeof rnd) == -1) {
		/* No entropy: the pid, the clock and a counter are unique
		   enough on one machine. */
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		memset(rnd, 0, sizeof rnd);
		memcpy(rnd, &ts.tv_nsec, sizeof ts.tv_nsec < 8 ?
		    sizeof ts.tv_nsec : 8);
		rnd[8] = (unsigned char)getpid();
		rnd[9] = (unsigned char)(getpid() >> 8);
		rnd[10] = (unsigned char)counter;
		rnd[11] = (unsigned char)(counter++ >> 8);
	}
	for (i = 0; i < sizeof rnd; i++)
		snprintf(hex + 2 * i, 3, "%02x", rnd[i]);
	domain = smtp_address_domain(from);
	id = xasprintf("<%s.%lld@%s>", hex, (long long)t,
	    domain != NULL ? domain : "mailwiz.invalid");
	free(domain);
	return id;
}

/* Whether text is printable ASCII that needs no encoded-words. */
static int
header_plain(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			return 0;
	}
	return strstr(s, "=?") == NULL;
}

/* Append "Name: value", folded at spaces to SMTP_HEADER_WIDTH. */
static void
header_folded(struct buf *b, const char *name, const char *value)
{
	const char *p = value, *sp;
	size_t col, word;

	buf_printf(b, "%s:", name);
	col = strlen(name) + 1;
	while (*p != '\0') {
		/* One space-led word at a time: " word". */
		sp = p + 1;
		while (*sp != '\0' && *sp != ' ')
			sp++;
		word = (size_t)(sp - p);
		if (p == value) {
			buf_putc(b, ' ');
			col++;
		} else if (col + word > SMTP_HEADER_WIDTH && col > 1) {
			buf_puts(b, "\r\n");
			col = 0;
		}
		buf_add(b, p, word);
		col += word;
		p = sp;
	}
	buf_puts(b, "\r\n");
}

/* Append "Name: =?UTF-8?B?...?=" in encoded-words of at most 75
   characters (RFC 2047 2) on lines of at most 78, cut between UTF-8
   characters. */
static void
header_encoded(struct buf *b, const char *name, const char *value)
{
	const unsigned char *p = (const unsigned char *)value;
	size_t left = strlen(value), n, room, max;
	char *enc;
	int first = 1;

	buf_printf(b, "%s:", name);
	room = SMTP_HEADER_WIDTH - strlen(name) - 2;	/* after "Name: " */
	while (left > 0) {
		if (room > 75)
			room = 75;
		/* "=?UTF-8?B?" and "?=" take 12; 4 base64 for 3 bytes. */
		max = room > 16 ? (room - 12) / 4 * 3 : 3;
		n = left < max ? left : max;
		while (n < left && n > 0 && (p[n] & 0xc0) == 0x80)
			n--;
		if (n == 0)
			n = left < max ? left : max;
		enc = smtp_base64(p, n);
		buf_printf(b, "%s=?UTF-8?B?%s?=", first ? " " : "\r\n ", enc);
		free(enc);
		first = 0;
		room = SMTP_HEADER_WIDTH - 1;	/* after the folding space */
		p += n;
		left -= n;
	}
	buf_puts(b, "\r\n");
}

/* Append the To: header, one address after the other, folded. */
static void
header_to(struct buf *b, const char *const *to, size_t nto)
{
	size_t i, col = 3;
	char *a;

	buf_puts(b, "To:");
	for (i = 0; i < nto; i++) {
		a = smtp_address_ascii(to[i]);
		if (i > 0) {
			buf_putc(b, ',');
			col++;
		}
		if (i > 0 && col + 1 + strlen(a) > SMTP_HEADER_WIDTH) {
			buf_puts(b, "\r\n");
			col = 0;
		}
		buf_printf(b, " %s", a);
		col += 1 + strlen(a);
		free(a);
	}
	buf_puts(b, "\r\n");
}

/* Whether the body can go as it is: ASCII, no NUL, short lines. */
static int
body_7bit(const char *body)
{
	const char *p;
	size_t col = 0;

	for (p = body; *p != '\0'; p++) {
		if ((unsigned char)*p > 0x7e ||
		    ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' &&
		    *p != '\r'))
			return 0;
		if (*p == '\r' && p[1] != '\n')
			return 0;
		if (*p == '\n')
			col = 0;
		else if (*p != '\r' && ++col > SMTP_LINE_MAX)
			return 0;
	}
	return 1;
}

/* Append the body as is, with CRLF line ends and a final CRLF. */
static void
body_crlf(struct buf *b, const char *body)
{
	const char *p;

	for (p = body; *p != '\0'; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n')
			buf_puts(b, "\r\n");
		else
			buf_putc(b, *p);
	}
	if (b->len < 2 || strcmp(b->data + b->len - 2, "\r\n") != 0)
		buf_puts(b, "\r\n");
}

/* Quoted-printable of text: each line encoded on its own (CRLF between),
   soft breaks keeping lines within 76 characters. */
char *
smtp_quoted_printable(const char *text)
{
	struct buf b;
	const unsigned char *p = (const unsigned char *)text;
	char tok[4];
	size_t col = 0, k;
	unsigned char c;
	int eol;

	buf_init(&b);
	for (; *p != '\0'; p++) {
		c = *p;
		if (c == '\r' && p[1] == '\n')
			continue;
		if (c == '\n') {
			buf_puts(&b, "\r\n");
			col = 0;
			continue;
		}
		eol = p[1] == '\0' || p[1] == '\n' ||
		    (p[1] == '\r' && p[2] == '\n');
		if ((c >= 33 && c <= 126 && c != '=') ||
		    ((c == ' ' || c == '\t') && !eol)) {
			tok[0] = (char)c;
			tok[1] = '\0';
		} else
			snprintf(tok, sizeof tok, "=%02X", c);
		k = strlen(tok);
		/* Keep room for the "=" of a soft break. */
		if (col + k > SMTP_QP_WIDTH - 1 && !(eol && col + k <=
		    SMTP_QP_WIDTH)) {
			buf_puts(&b, "=\r\n");
			col = 0;
		}
		buf_puts(&b, tok);
		col += k;
	}
	if (b.len < 2 || strcmp(b.data + b.len - 2, "\r\n") != 0)
		buf_puts(&b, "\r\n");
	return buf_detach(&b);
}

/* The whole message, CRLF, ready for DATA. */
char *
smtp_message_build(const struct smtp_message *m, char **cause)
{
	struct buf b;
	const char *subject, *body;
	char *date, *id = NULL, *qp, *from;
	size_t i;
	int plain;

	if (smtp_address_valid(m->from, cause) == -1)
		return NULL;
	if (m->nto == 0) {
		*cause = xstrdup(_("no recipient: give at least one --to "
		    "address"));
		return NULL;
	}
	for (i = 0; i < m->nto; i++) {
		if (smtp_address_valid(m->to[i], cause) == -1)
			return NULL;
	}
	subject = m->subject != NULL ? m->subject : "";
	if (strpbrk(subject, "\r\n") != NULL) {
		*cause = xstrdup(_("the subject cannot have a line break"));
		return NULL;
	}
	if (strlen(subject) > SMTP_SUBJECT_MAX) {
		*cause = xasprintf(P_("the subject is longer than %d byte",
		    "the subject is longer than %d bytes",
		    (unsigned long)SMTP_SUBJECT_MAX), SMTP_SUBJECT_MAX);
		return NULL;
	}
	body = m->body != NULL ? m->body : "";
	date = smtp_date(m->date);
	if (m->message_id == NULL)
		id = smtp_message_id(m->from, m->date);

	buf_init(&b);
	from = smtp_address_ascii(m->from);
	buf_printf(&b, "From: %s\r\n", from);
	free(from);
	header_to(&b, m->to, m->nto);
	if (header_plain(subject))
		header_folded(&b, "Subject", subject);
	else
		header_encoded(&b, "Subject", subject);
	buf_printf(&b, "Date: %s\r\n", date);
	buf_printf(&b, "Message-ID: %s\r\n", id != NULL ? id :
	    m->message_id);
	buf_puts(&b, "MIME-Version: 1.0\r\n");
	buf_puts(&b, "Content-Type: text/plain; charset=UTF-8\r\n");
	plain = body_7bit(body);
	buf_printf(&b, "Content-Transfer-Encoding: %s\r\n",
	    plain ? "7bit" : "quoted-printable");
	buf_printf(&b, "X-Mailer: mailwiz %s send-test\r\n", VERSION);
	buf_puts(&b, "\r\n");
	if (plain)
		body_crlf(&b, body);
	else {
		qp = smtp_quoted_printable(body);
		buf_puts(&b, qp);
		free(qp);
	}
	free(date);
	free(id);
	return buf_detach(&b);
}

/* The SES mailbox simulator address for "SCENARIO[+label]". */
char *
smtp_ses_simulator(const char *spec, char **cause)
{
	const char *plus, *p;
	size_t i, n;

	plus = strchr(spec, '+');
	n = plus != NULL ? (size_t)(plus - spec) : strlen(spec);
	for (i = 0; i < nitems(ses_scenarios); i++) {
		if (strlen(ses_scenarios[i]) == n &&
		    strncasecmp(spec, ses_scenarios[i], n) == 0)
			break;
	}
	if (i == nitems(ses_scenarios)) {
		*cause = xasprintf(_("unknown SES simulator scenario '%.*s'; "
		    "use success, bounce, ooto, complaint or "
		    "suppressionlist, optionally with +label"), (int)n, spec);
		return NULL;
	}
	if (plus == NULL)
		return xasprintf("%s@%s", ses_scenarios[i],
		    SMTP_SES_SIMULATOR_DOMAIN);
	if (plus[1] == '\0' || strlen(plus + 1) > 40) {
		*cause = xasprintf(_("SES simulator label in '%s' must have 1 "
		    "to 40 letters, digits, dots, hyphens or underscores"),
		    spec);
		return NULL;
	}
	for (p = plus + 1; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		    *p == '_')) {
			*cause = xasprintf(_("SES simulator label in '%s' "
			    "must have 1 to 40 letters, digits, dots, hyphens "
			    "or underscores"), spec);
			return NULL;
		}
	}
	return xasprintf("%s+%s@%s", ses_scenarios[i], plus + 1,
	    SMTP_SES_SIMULATOR_DOMAIN);
}

/* The SES SMTP endpoint of a region such as eu-west-1 or us-gov-west-1. */
char *
smtp_ses_endpoint(const char *region, char **cause)
{
	const char *p = region;
	int parts = 1, digit_last = 0;

	if (region == NULL || *region == '\0' || strlen(region) > 30)
		goto bad;
	for (; *p != '\0'; p++) {
		if (*p == '-') {
			if (p == region || p[1] == '\0' || p[-1] == '-')
				goto bad;
			parts++;
		} else if (!((*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9')))
			goto bad;
		digit_last = *p >= '0' && *p <= '9';
	}
	if (parts < 3 || !digit_last)
		goto bad;
	return xasprintf("email-smtp.%s.amazonaws.com", region);
bad:
	*cause = xasprintf(_("'%s' is not an AWS region name such as "
	    "eu-west-1"), region != NULL ? region : "");
	return NULL;
}

/* Whether the host is an Amazon SES SMTP endpoint
   (email-smtp.REGION.amazonaws.com, or its FIPS variant). */
int
smtp_host_is_ses(const char *host)
{
	if (host == NULL)
		return 0;
	return strncasecmp(host, "email-smtp", 10) == 0 &&
	    (str_casesuffix(host, ".amazonaws.com") ||
	    str_casesuffix(host, ".amazonaws.com."));
}

/* Why simulator messages are accepted and what comes later. */
const char *
smtp_ses_simulator_note(void)
{
	return _("The Amazon SES mailbox simulator accepts every message at "
	    "SMTP level (250), whatever the scenario: the outcome - a bounce, "
	    "an out-of-office reply, a complaint or a suppression-list "
	    "bounce - arrives later as an SES notification (SNS topic, event "
	    "destination or the bounce address), never in this "
	    "conversation. Simulator messages do not count against the "
	    "sending quota or the bounce and complaint rates.");
}

/* Describe the TLS setting for the body. */
static const char *
body_tls(const struct smtp_options *o)
{
	switch (o->tls) {
	case SMTP_TLS_STARTTLS:
		return o->insecure ? _("STARTTLS required, certificate NOT "
		    "verified (--insecure)") : _("STARTTLS required, "
		    "certificate verified");
	case SMTP_TLS_IMPLICIT:
		return o->insecure ? _("TLS from the first byte, certificate "
		    "NOT verified (--insecure)") : _("TLS from the first "
		    "byte, certificate verified");
	case SMTP_TLS_NONE:
		break;
	}
	return _("none: the password and this message crossed the network "
	    "in clear");
}

/* List what the plan says the domain needs. */
static void
body_records(struct buf *b, const struct record_set *rs)
{
	const struct record *r;
	size_t i;

	buf_printf(b, _("DNS records %s should now have (from 'mailwiz "
	    "plan'):\n"), rs->domain_display);
	if (rs->nrecords == 0 && rs->note != NULL)
		buf_printf(b, "  %s\n", rs->note);
	for (i = 0; i < rs->nrecords; i++) {
		r = &rs->records[i];
		buf_printf(b, "  %-6s %-5s %s\n         %s\n", r->purpose,
		    r->type, r->name, r->value);
	}
	for (i = 0; i < rs->nwarnings; i++)
		export_wrap(b, rs->warnings[i].message, 72, _("  Note: "),
		    NULL);
}

/* The generic list, when no sending path is known. */
static void
body_generic(struct buf *b, const char *domain)
{
	buf_printf(b, _("DNS records %s should now have:\n"), domain);
	buf_printf(b, _("  - SPF: one TXT record at %s starting with "
	    "\"v=spf1\" that\n    allows the servers that send its mail "
	    "(for Amazon SES: on the\n    MAIL FROM domain, "
	    "include:amazonses.com);\n"), domain);
	buf_printf(b, _("  - DKIM: the key records your mail service gives "
	    "you, at\n    SELECTOR._domainkey.%s;\n"), domain);
	buf_printf(b, _("  - DMARC: one TXT record at _dmarc.%s, such as\n"
	    "    \"v=DMARC1; p=none; rua=mailto:dmarc-reports@%s\".\n"),
	    domain, domain);
	buf_puts(b, _("'mailwiz plan' prints the exact records for your "
	    "sending path.\n"));
}

/* What the test body says. */
char *
smtp_body_text(const struct smtp_options *o, const char *domain,
    const struct record_set *rs, time_t when)
{
	struct buf b;
	char *date, *dom = NULL;
	unsigned port;
	size_t i;

	port = o->port != 0 ? o->port : o->tls == SMTP_TLS_IMPLICIT ?
	    SMTP_PORT_SUBMISSIONS : SMTP_PORT_SUBMISSION;
	date = smtp_date(when);
	buf_init(&b);
	buf_puts(&b, _("This is a test message sent by mailwiz send-test.\n"
	    "\n"));
	buf_printf(&b, _("Sent:     %s\n"), date);
	buf_printf(&b, _("Server:   %s port %u\n"), o->host, port);
	buf_printf(&b, _("TLS:      %s\n"), body_tls(o));
	if (o->user == NULL)
		buf_puts(&b, _("Login:    none\n"));
	else if (o->auth == SMTP_AUTH_AUTO)
		buf_printf(&b, _("Login:    as %s (mechanism chosen "
		    "automatically)\n"), o->user);
	else
		buf_printf(&b, _("Login:    as %s with AUTH %s\n"), o->user,
		    o->auth == SMTP_AUTH_LOGIN ? "LOGIN" : "PLAIN");
	buf_printf(&b, _("From:     %s\n"), o->from);
	buf_puts(&b, _("To:      "));
	for (i = 0; i < o->nto; i++)
		buf_printf(&b, "%s %s", i > 0 ? "," : "", o->to[i]);
	buf_puts(&b, "\n\n");
	buf_puts(&b, _("If you are reading this, the server accepted the "
	    "login, the sender\nand the message, and delivered it. Look at "
	    "this message's headers\n(Authentication-Results) to see "
	    "whether SPF, DKIM and DMARC passed\nat the receiving end.\n\n"));
	if (rs != NULL)
		body_records(&b, rs);
	else {
		if (domain == NULL)
			domain = dom = smtp_address_domain(o->from);
		body_generic(&b, domain != NULL ? domain : "example.com");
	}
	free(dom);
	free(date);
	return buf_detach(&b);
}
