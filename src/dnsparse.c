/* dnsparse.c - reading raw DNS messages: every TTL, CNAMEs, negative TTLs */
#include <arpa/inet.h>
#include <ares.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dns.h"
#include "domain.h"

/* Read a 16-bit number in network order. */
static unsigned
get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* Read a 32-bit number in network order. */
static unsigned long
get32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

/* Expand a compressed name at p; *used gets its length in the message. */
static int
get_name(const unsigned char *p, const unsigned char *msg, size_t len,
    char **out, long *used)
{
	char *name = NULL;

	if (p >= msg + len)
		return -1;
	if (ares_expand_name(p, msg, (int)len, &name, used) != ARES_SUCCESS)
		return -1;
	*out = xstrdup(name);
	ares_free_string(name);
	return 0;
}

/* Read the data of one record into rr; -1 when it is malformed. */
static int
parse_rdata(struct dns_rr *rr, const unsigned char *rd, size_t rdlen,
    const unsigned char *msg, size_t len)
{
	char addr[INET6_ADDRSTRLEN];
	struct buf b;
	long used;
	size_t off, n, i;

	switch (rr->type) {
	case DNS_T_A:
		if (rdlen != 4)
			return -1;
		inet_ntop(AF_INET, rd, addr, sizeof addr);
		rr->data = xstrdup(addr);
		return 0;
	case DNS_T_AAAA:
		if (rdlen != 16)
			return -1;
		inet_ntop(AF_INET6, rd, addr, sizeof addr);
		rr->data = xstrdup(addr);
		return 0;
	case DNS_T_CNAME:
	case DNS_T_NS:
	case DNS_T_PTR:
		return get_name(rd, msg, len, &rr->data, &used);
	case DNS_T_MX:
		if (rdlen < 3)
			return -1;
		rr->pref = get16(rd);
		return get_name(rd + 2, msg, len, &rr->data, &used);
	case DNS_T_SOA:
		if (get_name(rd, msg, len, &rr->data, &used) == -1)
			return -1;
		off = (size_t)used;
		{
			char *rname = NULL;

			if (off >= rdlen || get_name(rd + off, msg, len,
			    &rname, &used) == -1)
				return -1;
			free(rname);
		}
		off += (size_t)used;
		if (off + 20 > rdlen)
			return -1;
		rr->minimum = get32(rd + off + 16);
		return 0;
	case DNS_T_TXT:
	case DNS_T_SPF:
		buf_init(&b);
		off = 0;
		while (off < rdlen) {
			n = rd[off++];
			if (off + n > rdlen) {
				buf_free(&b);
				return -1;
			}
			rr->strings.v = xreallocarray(rr->strings.v,
			    rr->strings.n + 1, sizeof *rr->strings.v);
			rr->strings.v[rr->strings.n] = xmalloc(n + 1);
			for (i = 0; i < n; i++) {
				/* A NUL would cut the C string short. */
				char c = rd[off + i] == 0 ? '?' :
				    (char)rd[off + i];

				rr->strings.v[rr->strings.n][i] = c;
			}
			rr->strings.v[rr->strings.n][n] = '\0';
			buf_puts(&b, rr->strings.v[rr->strings.n]);
			rr->strings.n++;
			off += n;
		}
		rr->data = buf_detach(&b);
		return 0;
	default:
		rr->data = xstrdup("");
		return 0;
	}
}

/*
 * Read one resource record at *pos; fills rr when want is set. -1 when the
 * message is malformed.
 */
static int
parse_rr(const unsigned char *msg, size_t len, size_t *pos,
    struct dns_rr *rr)
{
	long used;
	size_t rdlen;

	memset(rr, 0, sizeof *rr);
	if (get_name(msg + *pos, msg, len, &rr->name, &used) == -1)
		return -1;
	*pos += (size_t)used;
	if (*pos + 10 > len)
		return -1;
	rr->type = (int)get16(msg + *pos);
	rr->ttl = get32(msg + *pos + 4);
	if (rr->ttl > 0x7fffffffUL)	/* RFC 2181 8 */
		rr->ttl = 0;
	rdlen = get16(msg + *pos + 8);
	*pos += 10;
	if (*pos + rdlen > len)
		return -1;
	if (parse_rdata(rr, msg + *pos, rdlen, msg, len) == -1)
		return -1;
	*pos += rdlen;
	return 0;
}

/* Release one record's contents. */
static void
rr_free(struct dns_rr *rr)
{
	free(rr->name);
	free(rr->data);
	strlist_free(&rr->strings);
}

/* Read a raw DNS message: header flags, answers, negative-cache TTL. */
int
dns_parse(const unsigned char *msg, size_t len, struct dns_answer *out)
{
	struct dns_rr rr;
	unsigned qd, an, ns, i;
	size_t pos;
	long used;
	char *qname;

	memset(out, 0, sizeof *out);
	out->status = DNS_OK;
	if (len < 12 || len > 65535)
		return -1;
	out->rcode = msg[3] & 0x0f;
	out->aa = (msg[2] & 0x04) != 0;
	out->tc = (msg[2] & 0x02) != 0;
	qd = get16(msg + 4);
	an = get16(msg + 6);
	ns = get16(msg + 8);
	pos = 12;
	for (i = 0; i < qd; i++) {
		if (get_name(msg + pos, msg, len, &qname, &used) == -1)
			return -1;
		free(qname);
		pos += (size_t)used + 4;
		if (pos > len)
			return -1;
	}
	for (i = 0; i < an; i++) {
		if (parse_rr(msg, len, &pos, &rr) == -1) {
			rr_free(&rr);
			return -1;
		}
		if (rr.type == DNS_T_SOA && out->soa_owner == NULL)
			out->soa_owner = xstrdup(rr.name);
		out->an = xreallocarray(out->an, out->nan + 1,
		    sizeof *out->an);
		out->an[out->nan++] = rr;
	}
	for (i = 0; i < ns; i++) {
		if (parse_rr(msg, len, &pos, &rr) == -1) {
			rr_free(&rr);
			return -1;
		}
		if (rr.type == DNS_T_SOA && out->soa_owner == NULL)
			out->soa_owner = xstrdup(rr.name);
		if (rr.type == DNS_T_SOA && !out->has_neg_ttl) {
			out->has_neg_ttl = 1;
			out->neg_ttl = rr.ttl < rr.minimum ? rr.ttl :
			    rr.minimum;
		}
		rr_free(&rr);
	}
	return 0;
}

/* Release what an answer holds. */
void
dns_answer_free(struct dns_answer *a)
{
	size_t i;

	for (i = 0; i < a->nan; i++)
		rr_free(&a->an[i]);
	free(a->an);
	free(a->error);
	free(a->soa_owner);
	memset(a, 0, sizeof *a);
}

/* Name a response code. */
const char *
dns_rcode_name(int rcode)
{
	static const char *names[] = { "NOERROR", "FORMERR", "SERVFAIL",
	    "NXDOMAIN", "NOTIMP", "REFUSED" };

	if (rcode >= 0 && (size_t)rcode < nitems(names))
		return names[rcode];
	return "RCODE";
}

/* Name a record type. */
const char *
dns_type_name(int type)
{
	switch (type) {
	case DNS_T_A: return "A";
	case DNS_T_NS: return "NS";
	case DNS_T_CNAME: return "CNAME";
	case DNS_T_SOA: return "SOA";
	case DNS_T_PTR: return "PTR";
	case DNS_T_MX: return "MX";
	case DNS_T_TXT: return "TXT";
	case DNS_T_AAAA: return "AAAA";
	case DNS_T_SPF: return "SPF";
	}
	return "TYPE";
}

/* Follow the CNAMEs of an answer from a name. */
enum dns_chain
dns_follow(const struct dns_answer *a, const char *name, const char **end,
    char **path)
{
	const char *chain[DNS_MAX_CHAIN + 2];
	enum dns_chain result = DNS_CHAIN_OK;
	struct buf b;
	size_t n = 1, i, j;

	chain[0] = name;
	for (;;) {
		for (i = 0; i < a->nan; i++) {
			if (a->an[i].type == DNS_T_CNAME &&
			    domain_name_eq(a->an[i].name, chain[n - 1]))
				break;
		}
		if (i == a->nan)
			break;
		chain[n++] = a->an[i].data;
		for (j = 0; j + 1 < n; j++) {
			if (domain_name_eq(chain[j], chain[n - 1]))
				result = DNS_CHAIN_LOOP;
		}
		if (result == DNS_CHAIN_OK && n > DNS_MAX_CHAIN + 1)
			result = DNS_CHAIN_LONG;
		if (result != DNS_CHAIN_OK)
			break;
	}
	*end = chain[n - 1];
	if (path != NULL) {
		buf_init(&b);
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_puts(&b, " -> ");
			buf_puts(&b, chain[i]);
			if (b.len > 0 && b.data[b.len - 1] == '.')
				b.data[--b.len] = '\0';
		}
		if (result == DNS_CHAIN_LONG)
			buf_puts(&b, " -> ...");
		*path = buf_detach(&b);
	}
	return result;
}
