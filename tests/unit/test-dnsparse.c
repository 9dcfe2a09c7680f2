/* test-dnsparse.c - reading raw DNS messages */
#include <string.h>

#include "tap.h"
#include "dns.h"

static unsigned char msg[1024];
static size_t len;

static void
put8(unsigned v)
{
	msg[len++] = (unsigned char)v;
}

static void
put16(unsigned v)
{
	put8(v >> 8);
	put8(v & 0xff);
}

static void
put32(unsigned long v)
{
	put16((unsigned)(v >> 16));
	put16((unsigned)(v & 0xffff));
}

/* Write a name as labels ("example.com" -> 7example3com0). */
static void
putname(const char *name)
{
	const char *p = name, *dot;

	while (*p != '\0') {
		dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		put8((unsigned)n);
		memcpy(msg + len, p, n);
		len += n;
		p += n;
		if (*p == '.')
			p++;
	}
	put8(0);
}

static void
header(unsigned flags2, unsigned rcode, unsigned qd, unsigned an,
    unsigned ns)
{
	len = 0;
	put16(0x1234);
	put8(0x80 | flags2);
	put8(rcode);
	put16(qd);
	put16(an);
	put16(ns);
	put16(0);
}

int
main(void)
{
	struct dns_answer a;
	size_t rdpos;

	/* TXT answer in two strings, compressed owner name */
	header(0x04, 0, 1, 1, 0);
	putname("example.com");
	put16(DNS_T_TXT);
	put16(1);
	put16(0xc00c);		/* pointer to the question name */
	put16(DNS_T_TXT);
	put16(1);
	put32(300);
	put16(1 + 6 + 1 + 5);
	put8(6);
	memcpy(msg + len, "v=spf1", 6);
	len += 6;
	put8(5);
	memcpy(msg + len, " -all", 5);
	len += 5;
	ok(dns_parse(msg, len, &a) == 0, "TXT answer parsed");
	is_int(a.rcode, 0, "NOERROR");
	ok(a.aa, "authoritative answer flag");
	is_int(a.nan, 1, "one answer");
	is(a.an[0].name, "example.com", "owner from compression pointer");
	is_int(a.an[0].ttl, 300, "TTL");
	is(a.an[0].data, "v=spf1 -all", "strings joined");
	is_int(a.an[0].strings.n, 2, "two character-strings kept");
	dns_answer_free(&a);

	/* NXDOMAIN with an SOA: negative TTL = min(TTL, minimum) */
	header(0, 3, 1, 0, 1);
	putname("nope.example.com");
	put16(DNS_T_TXT);
	put16(1);
	putname("example.com");
	put16(DNS_T_SOA);
	put16(1);
	put32(900);
	rdpos = len;
	put16(0);
	putname("ns1.example.com");
	putname("hostmaster.example.com");
	put32(1);
	put32(3600);
	put32(600);
	put32(86400);
	put32(120);
	msg[rdpos] = (unsigned char)((len - rdpos - 2) >> 8);
	msg[rdpos + 1] = (unsigned char)((len - rdpos - 2) & 0xff);
	ok(dns_parse(msg, len, &a) == 0, "NXDOMAIN parsed");
	is_int(a.rcode, 3, "rcode NXDOMAIN");
	ok(a.has_neg_ttl, "negative TTL found");
	is_int(a.neg_ttl, 120, "negative TTL is the SOA minimum");
	is(a.soa_owner, "example.com", "the SOA's owner names the zone");
	dns_answer_free(&a);

	/* CNAME then MX */
	header(0, 0, 0, 2, 0);
	putname("s1._domainkey.example.com");
	put16(DNS_T_CNAME);
	put16(1);
	put32(60);
	put16(15);
	putname("x.example.net");	/* 1x 7example 3net 0 = 15 */
	putname("bounce.example.com");
	put16(DNS_T_MX);
	put16(1);
	put32(3600);
	put16(2 + 16);
	put16(10);
	putname("mx.example.net");	/* 2mx 7example 3net 0 = 16 */
	ok(dns_parse(msg, len, &a) == 0, "CNAME and MX parsed");
	is_int(a.nan, 2, "two answers");
	is(a.an[0].data, "x.example.net", "CNAME target");
	is_int(a.an[0].type, DNS_T_CNAME, "CNAME type");
	is(a.an[1].data, "mx.example.net", "MX exchange");
	is_int(a.an[1].pref, 10, "MX preference");
	dns_answer_free(&a);

	/* Truncated and garbage messages are refused, never crash */
	header(0, 0, 1, 1, 0);
	putname("example.com");
	put16(DNS_T_TXT);
	put16(1);
	put16(0xc00c);
	put16(DNS_T_TXT);
	put16(1);
	put32(300);
	put16(50);		/* claims more data than there is */
	put8(3);
	ok(dns_parse(msg, len, &a) == -1, "rdata longer than message refused");
	dns_answer_free(&a);
	for (size_t cut = 0; cut < len; cut++) {
		if (dns_parse(msg, cut, &a) == 0 && a.nan > 0) {
			ok(0, "cut at %zu gave an answer", cut);
			break;
		}
		dns_answer_free(&a);
	}
	ok(1, "every truncation handled");

	/* A compression loop */
	header(0, 0, 1, 0, 0);
	put16(0xc00c);
	put16(DNS_T_TXT);
	put16(1);
	ok(dns_parse(msg, len, &a) == -1, "compression loop refused");
	dns_answer_free(&a);

	is(dns_rcode_name(5), "REFUSED", "rcode names");
	is(dns_type_name(DNS_T_CNAME), "CNAME", "type names");
	return done_testing();
}
