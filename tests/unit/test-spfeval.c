/* test-spfeval.c - RFC 7208 check_host() over an in-memory zone */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tap.h"
#include "dns.h"
#include "spfeval.h"

#define TIMEOUT NULL		/* data of a row: questions time out */

struct zrow {
	char *name;
	int type;
	char *data;		/* NULL: TIMEOUT */
};

struct zone {
	struct zrow *rows;
	size_t n;
};

/* A question the asynchronous resolver holds until the next round. */
struct held {
	char *name;
	int type;
	spf_dns_done done;
	void *arg;
};

struct mem {
	const struct zone *zone;
	int async;
	int reverse;		/* answer each round last question first */
	struct held *held;
	size_t nheld;
	struct strlist log;	/* "name TYPE" of every question */
};

/* What one evaluation found, kept after it is freed. */
struct outcome {
	enum spf_result result;
	char *reason;
	char *exp;
	char *text;
	char *json;
	int lookups;
	int voids;
	int queries;
	int rounds;
	int duplicates;		/* questions asked twice */
};

/* Add a row to a zone. */
static void
zadd(struct zone *z, const char *name, int type, const char *data)
{
	z->rows = xreallocarray(z->rows, z->n + 1, sizeof *z->rows);
	z->rows[z->n].name = xstrdup(name);
	z->rows[z->n].type = type;
	z->rows[z->n].data = data != NULL ? xstrdup(data) : NULL;
	z->n++;
}

/* Add a TXT row written with printf. */
static void __attribute__((format(printf, 3, 4)))
ztxt(struct zone *z, const char *name, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	zadd(z, name, DNS_T_TXT, s);
	free(s);
}

/* Release a zone. */
static void
zfree(struct zone *z)
{
	size_t i;

	for (i = 0; i < z->n; i++) {
		free(z->rows[i].name);
		free(z->rows[i].data);
	}
	free(z->rows);
	z->rows = NULL;
	z->n = 0;
}

/* Answer a question from the zone. */
static void
mem_answer(const struct zone *z, const char *qname, int type,
    struct spf_dns_answer *a)
{
	size_t i;
	int exists = 0;

	memset(a, 0, sizeof *a);
	for (i = 0; i < z->n; i++) {
		if (strcasecmp(z->rows[i].name, qname) != 0)
			continue;
		exists = 1;
		if (z->rows[i].type != type)
			continue;
		if (z->rows[i].data == NULL) {
			a->status = SPF_DNS_TEMPFAIL;
			strlist_free(&a->rrs);
			return;
		}
		strlist_add(&a->rrs, z->rows[i].data);
	}
	a->status = exists ? SPF_DNS_OK : SPF_DNS_NXDOMAIN;
}

/* The query function: answer at once, or hold the question. */
static void
mem_query(void *ctx, const char *name, int type, spf_dns_done done,
    void *arg)
{
	struct mem *m = ctx;
	struct spf_dns_answer a;
	struct held *h;

	strlist_addf(&m->log, "%s %s", name, dns_type_name(type));
	if (m->async) {
		m->held = xreallocarray(m->held, m->nheld + 1,
		    sizeof *m->held);
		h = &m->held[m->nheld++];
		h->name = xstrdup(name);
		h->type = type;
		h->done = done;
		h->arg = arg;
		return;
	}
	mem_answer(m->zone, name, type, &a);
	done(arg, &a);
	strlist_free(&a.rrs);
}

/* Answer every question held now (one network round trip). */
static void
mem_round(struct mem *m)
{
	struct held *batch = m->held;
	struct spf_dns_answer a;
	size_t n = m->nheld, i, k;

	m->held = NULL;
	m->nheld = 0;
	for (k = 0; k < n; k++) {
		i = m->reverse ? n - 1 - k : k;
		mem_answer(m->zone, batch[i].name, batch[i].type, &a);
		batch[i].done(batch[i].arg, &a);
		strlist_free(&a.rrs);
		free(batch[i].name);
	}
	free(batch);
}

/* Note that an evaluation finished. */
static void
finished_cb(void *arg, struct spf_eval *ev)
{
	(void)ev;
	(*(int *)arg)++;
}

/* Count questions asked more than once. */
static int
duplicates(const struct strlist *log)
{
	size_t i, j;
	int n = 0;

	for (i = 0; i < log->n; i++) {
		for (j = 0; j < i; j++) {
			if (strcmp(log->v[i], log->v[j]) == 0) {
				n++;
				break;
			}
		}
	}
	return n;
}

/*
 * Evaluate with a resolver that answers at once (mode 0), or in rounds,
 * first question first (1) or last first (2).
 */
static struct outcome
run_mode(const struct zone *z, const char *ip, const char *sender,
    const char *helo, int mode)
{
	struct outcome o;
	struct spf_resolver res;
	struct spf_eval *ev;
	struct mem m;
	int finished = 0;

	memset(&o, 0, sizeof o);
	memset(&m, 0, sizeof m);
	m.zone = z;
	m.async = mode != 0;
	m.reverse = mode == 2;
	res.query = mem_query;
	res.ctx = &m;
	ev = spf_eval_new(&res, ip, sender, helo, NULL);
	if (ev == NULL) {
		o.result = (enum spf_result)-1;
		return o;
	}
	spf_eval_start(ev, finished_cb, &finished);
	while (!finished && m.nheld > 0) {
		mem_round(&m);
		o.rounds++;
	}
	if (finished != 1)
		o.result = (enum spf_result)-2;
	else
		o.result = spf_eval_result(ev);
	o.reason = xstrdup(spf_eval_reason(ev));
	o.exp = spf_eval_explanation(ev) != NULL ?
	    xstrdup(spf_eval_explanation(ev)) : NULL;
	o.text = spf_eval_tree_text(ev);
	o.json = spf_eval_tree_json(ev);
	o.lookups = spf_eval_lookups(ev);
	o.voids = spf_eval_void_lookups(ev);
	o.queries = spf_eval_queries(ev);
	o.duplicates = duplicates(&m.log);
	spf_eval_free(ev);
	/* Answers that come after the evaluation is gone are dropped. */
	while (m.nheld > 0)
		mem_round(&m);
	strlist_free(&m.log);
	return o;
}

/* Release an outcome. */
static void
outcome_free(struct outcome *o)
{
	free(o->reason);
	free(o->exp);
	free(o->text);
	free(o->json);
}

/* The name of a result, or what went wrong in the harness. */
static const char *
rname(int r)
{
	if (r == -1)
		return "bad-ip";
	if (r == -2)
		return "unfinished";
	return spf_result_name((enum spf_result)r);
}

/*
 * Evaluate in all three modes; they must agree on result, reason,
 * explanation and counts. Returns the synchronous outcome.
 */
static struct outcome
run3(const struct zone *z, const char *ip, const char *sender,
    const char *helo)
{
	struct outcome o[3];
	int mode, same = 1;

	for (mode = 0; mode < 3; mode++)
		o[mode] = run_mode(z, ip, sender, helo, mode);
	for (mode = 1; mode < 3; mode++) {
		if (o[mode].result != o[0].result ||
		    strcmp(o[mode].reason, o[0].reason) != 0 ||
		    (o[mode].exp == NULL) != (o[0].exp == NULL) ||
		    (o[0].exp != NULL && strcmp(o[mode].exp, o[0].exp) != 0) ||
		    o[mode].lookups != o[0].lookups ||
		    o[mode].voids != o[0].voids ||
		    strcmp(o[mode].json, o[0].json) != 0 ||
		    o[mode].duplicates != 0) {
			same = 0;
			printf("# mode %d differs: %s (%s) vs %s (%s)\n", mode,
			    rname(o[mode].result), o[mode].reason,
			    rname(o[0].result), o[0].reason);
		}
	}
	ok(same, "%s %s: same outcome answered at once, in rounds and "
	    "in reverse", ip, sender);
	outcome_free(&o[1]);
	outcome_free(&o[2]);
	return o[0];
}

/* Check the result of one evaluation (and that all modes agree). */
static void
expect(const struct zone *z, const char *ip, const char *sender,
    enum spf_result want, const char *desc)
{
	struct outcome o;

	o = run3(z, ip, sender, "mail.helo.test");
	is(rname(o.result), spf_result_name(want), "%s", desc);
	if (o.result != want)
		printf("# reason: %s\n", o.reason);
	outcome_free(&o);
}

/* The zone most cases use. */
static void
build_zone(struct zone *z)
{
	int i;
	char name[64], buf[512];

	/* ip4, ip6 */
	ztxt(z, "ip4.test", "v=spf1 ip4:192.0.2.0/24 -all");
	ztxt(z, "ip6.test", "v=spf1 ip6:2001:db8::/32 ip4:192.0.2.1 ~all");
	/* a */
	ztxt(z, "a.test", "v=spf1 a -all");
	zadd(z, "a.test", DNS_T_A, "192.0.2.10");
	zadd(z, "a.test", DNS_T_AAAA, "2001:db8::10");
	ztxt(z, "acidr.test", "v=spf1 a:host.acidr.test/24 -all");
	zadd(z, "host.acidr.test", DNS_T_A, "198.51.100.1");
	ztxt(z, "adual.test", "v=spf1 a/24//64 -all");
	zadd(z, "adual.test", DNS_T_A, "198.51.100.1");
	zadd(z, "adual.test", DNS_T_AAAA, "2001:db8:1::1");
	/* mx */
	ztxt(z, "mx.test", "v=spf1 mx -all");
	zadd(z, "mx.test", DNS_T_MX, "mx1.mx.test");
	zadd(z, "mx.test", DNS_T_MX, "mx2.mx.test.");
	zadd(z, "mx1.mx.test", DNS_T_A, "198.51.100.20");
	zadd(z, "mx2.mx.test", DNS_T_A, "198.51.100.21");
	ztxt(z, "mx11.test", "v=spf1 mx -all");
	for (i = 0; i < 11; i++) {
		snprintf(name, sizeof name, "m%d.mx11.test", i);
		zadd(z, "mx11.test", DNS_T_MX, name);
		zadd(z, name, DNS_T_A, "198.51.100.30");
	}
	ztxt(z, "nullmx.test", "v=spf1 mx ~all");
	zadd(z, "nullmx.test", DNS_T_MX, "");
	/* ptr */
	ztxt(z, "ptr.test", "v=spf1 ptr -all");
	zadd(z, "5.113.0.203.in-addr.arpa", DNS_T_PTR, "other.example.org");
	zadd(z, "5.113.0.203.in-addr.arpa", DNS_T_PTR, "mail.ptr.test.");
	zadd(z, "mail.ptr.test", DNS_T_A, "203.0.113.5");
	zadd(z, "6.113.0.203.in-addr.arpa", DNS_T_PTR, "fake.ptr.test");
	zadd(z, "fake.ptr.test", DNS_T_A, "203.0.113.99");
	zadd(z, "7.113.0.203.in-addr.arpa", DNS_T_PTR, TIMEOUT);
	ztxt(z, "ptrslow.test", "v=spf1 ptr ?all");
	/* exists */
	ztxt(z, "exists.test", "v=spf1 exists:%%{ir}.list.exists.test -all");
	zadd(z, "5.2.0.192.list.exists.test", DNS_T_A, "127.0.0.2");
	ztxt(z, "ex6.test", "v=spf1 exists:%%{ir}.%%{v}._spf.%%{d} -all");
	snprintf(buf, sizeof buf, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	    "0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.ex6.test");
	zadd(z, buf, DNS_T_A, "127.0.0.2");
	/* include */
	ztxt(z, "inc.test", "v=spf1 include:ip4.test ~all");
	ztxt(z, "incnone.test", "v=spf1 include:nospf.test -all");
	ztxt(z, "nospf.test", "hello world");
	ztxt(z, "inctemp.test", "v=spf1 include:slow.test -all");
	zadd(z, "slow.test", DNS_T_TXT, TIMEOUT);
	ztxt(z, "incperm.test", "v=spf1 include:bad.test -all");
	ztxt(z, "bad.test", "v=spf1 frobnicate -all");
	/* redirect */
	ztxt(z, "redir.test", "v=spf1 ip4:10.0.0.1 redirect=ip4.test");
	ztxt(z, "redirall.test", "v=spf1 redirect=ip4.test ?all");
	ztxt(z, "redirnone.test", "v=spf1 redirect=nospf.test");
	/* exp */
	ztxt(z, "exp.test", "v=spf1 ip4:192.0.2.1 ?ip4:192.0.2.2 -all "
	    "exp=why.exp.test");
	ztxt(z, "why.exp.test", "%%{i} is not one of %%{d}'s servers "
	    "(%%{s}, %%{l}, %%{o}, %%{h})");
	ztxt(z, "expredir.test", "v=spf1 exp=no.exp.test redirect=exp.test");
	ztxt(z, "no.exp.test", "wrong explanation");
	ztxt(z, "exptwo.test", "v=spf1 -all exp=two.exp.test");
	ztxt(z, "two.exp.test", "one");
	ztxt(z, "two.exp.test", "two");
	ztxt(z, "expbad.test", "v=spf1 -all exp=bad.exp.test");
	ztxt(z, "bad.exp.test", "100%% wrong");
	ztxt(z, "expslow.test", "v=spf1 -all exp=slow.test");
	ztxt(z, "expinc.test", "v=spf1 include:exp.test ?all");
	/* record selection */
	ztxt(z, "multi.test", "v=spf1 -all");
	ztxt(z, "multi.test", "v=spf1 +all");
	ztxt(z, "mixed.test", "google-site-verification=abc");
	ztxt(z, "mixed.test", "v=spf10 -all");
	ztxt(z, "mixed.test", "V=SPF1 +all");
	ztxt(z, "syntax.test", "v=spf1 ip4:192.0.2.300 -all");
	zadd(z, "norecord.test", DNS_T_A, "192.0.2.1");
	zadd(z, "toptimeout.test", DNS_T_TXT, TIMEOUT);
	ztxt(z, "atimeout.test", "v=spf1 ip4:192.0.2.9 a:slowa.test -all");
	zadd(z, "slowa.test", DNS_T_A, TIMEOUT);
	/* limits */
	buf[0] = '\0';
	for (i = 1; i <= 11; i++) {
		snprintf(name, sizeof name, "h%d.limit.test", i);
		zadd(z, name, DNS_T_A, "198.51.100.40");
		if (i <= 10)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
			    "a:%s ", name);
	}
	ztxt(z, "limit10.test", "v=spf1 %sip4:192.0.2.0/24 -all", buf);
	ztxt(z, "limit11.test", "v=spf1 %sa:h11.limit.test ip4:192.0.2.0/24 "
	    "-all", buf);
	ztxt(z, "limitinc.test", "v=spf1 a:h1.limit.test include:limit10.test "
	    "-all");
	ztxt(z, "void2.test", "v=spf1 a:nx1.test mx:nx2.test "
	    "ip4:192.0.2.0/24 -all");
	ztxt(z, "void3.test", "v=spf1 a:nx1.test mx:nx2.test exists:nx3.test "
	    "ip4:192.0.2.0/24 -all");
	ztxt(z, "loop.test", "v=spf1 include:loop.test -all");
	/* identities and macros */
	ztxt(z, "mail.helo.test", "v=spf1 exists:%%{l}.%%{o}.ok.helo.test "
	    "-all");
	zadd(z, "postmaster.mail.helo.test.ok.helo.test", DNS_T_A,
	    "127.0.0.2");
	ztxt(z, "long.test", "v=spf1 a:%%{l}.long.test -all");
	ztxt(z, "pm.test", "v=spf1 exists:%%{p}.ok.pm.test -all");
	zadd(z, "9.113.0.203.in-addr.arpa", DNS_T_PTR, "other.example.org");
	zadd(z, "9.113.0.203.in-addr.arpa", DNS_T_PTR, "mail.pm.test");
	zadd(z, "other.example.org", DNS_T_A, "203.0.113.9");
	zadd(z, "mail.pm.test", DNS_T_A, "203.0.113.9");
	zadd(z, "mail.pm.test.ok.pm.test", DNS_T_A, "127.0.0.2");
	ztxt(z, "tree.test", "v=spf1 a:nx1.test include:ip4.test -all");
}

/* Each mechanism, qualifier and result. */
static void
test_mechanisms(const struct zone *z)
{
	expect(z, "192.0.2.7", "a@ip4.test", SPF_RESULT_PASS,
	    "ip4 network matches");
	expect(z, "198.51.100.7", "a@ip4.test", SPF_RESULT_FAIL,
	    "-all after ip4 gives fail");
	expect(z, "2001:db8:5::1", "a@ip6.test", SPF_RESULT_PASS,
	    "ip6 network matches");
	expect(z, "2001:db9::1", "a@ip6.test", SPF_RESULT_SOFTFAIL,
	    "~all gives softfail");
	expect(z, "::ffff:192.0.2.1", "a@ip6.test", SPF_RESULT_PASS,
	    "IPv4-mapped client matches ip4");
	expect(z, "::ffff:192.0.2.7", "a@ip4.test", SPF_RESULT_PASS,
	    "IPv4-mapped client is an IPv4 client");
	expect(z, "192.0.2.10", "a@a.test", SPF_RESULT_PASS,
	    "a matches the domain's A");
	expect(z, "2001:db8::10", "a@a.test", SPF_RESULT_PASS,
	    "a matches the domain's AAAA for IPv6");
	expect(z, "192.0.2.11", "a@a.test", SPF_RESULT_FAIL,
	    "a does not match another address");
	expect(z, "198.51.100.200", "a@acidr.test", SPF_RESULT_PASS,
	    "a:host/24 matches the network");
	expect(z, "198.51.101.1", "a@acidr.test", SPF_RESULT_FAIL,
	    "a:host/24 does not match outside it");
	expect(z, "2001:db8:1::ffff", "a@adual.test", SPF_RESULT_PASS,
	    "a/24//64 uses /64 for IPv6");
	expect(z, "198.51.100.99", "a@adual.test", SPF_RESULT_PASS,
	    "a/24//64 uses /24 for IPv4");
	expect(z, "198.51.100.21", "a@mx.test", SPF_RESULT_PASS,
	    "mx matches the second exchange");
	expect(z, "198.51.100.22", "a@mx.test", SPF_RESULT_FAIL,
	    "mx does not match other addresses");
	expect(z, "198.51.100.30", "a@mx11.test", SPF_RESULT_PERMERROR,
	    "more than 10 MX records is a permerror");
	expect(z, "198.51.100.30", "a@nullmx.test", SPF_RESULT_SOFTFAIL,
	    "a null MX matches nothing");
	expect(z, "203.0.113.5", "a@ptr.test", SPF_RESULT_PASS,
	    "ptr matches a validated name");
	expect(z, "203.0.113.6", "a@ptr.test", SPF_RESULT_FAIL,
	    "ptr does not match a name that does not validate");
	expect(z, "203.0.113.7", "a@ptrslow.test", SPF_RESULT_NEUTRAL,
	    "a PTR timeout makes ptr not match (RFC 7208 5.5)");
	expect(z, "192.0.2.5", "a@exists.test", SPF_RESULT_PASS,
	    "exists with %{ir} matches");
	expect(z, "192.0.2.6", "a@exists.test", SPF_RESULT_FAIL,
	    "exists does not match a missing name");
	expect(z, "2001:db8::1", "a@ex6.test", SPF_RESULT_PASS,
	    "exists with %{ir}.%{v} for IPv6 (nibbles)");
}

/* include and redirect results (RFC 7208 5.2, 6.1). */
static void
test_include_redirect(const struct zone *z)
{
	struct outcome o;

	expect(z, "192.0.2.7", "a@inc.test", SPF_RESULT_PASS,
	    "include of a pass matches");
	expect(z, "198.51.100.1", "a@inc.test", SPF_RESULT_SOFTFAIL,
	    "include of a fail does not match");
	expect(z, "192.0.2.7", "a@incnone.test", SPF_RESULT_PERMERROR,
	    "include of a domain without SPF is a permerror");
	expect(z, "192.0.2.7", "a@inctemp.test", SPF_RESULT_TEMPERROR,
	    "include of a timeout is a temperror");
	expect(z, "192.0.2.7", "a@incperm.test", SPF_RESULT_PERMERROR,
	    "include of a broken record is a permerror");
	expect(z, "192.0.2.7", "a@redir.test", SPF_RESULT_PASS,
	    "redirect= is followed when nothing matched");
	expect(z, "198.51.100.1", "a@redir.test", SPF_RESULT_FAIL,
	    "redirect= gives the target's result");
	expect(z, "192.0.2.7", "a@redirall.test", SPF_RESULT_NEUTRAL,
	    "redirect= is ignored when there is an all");
	expect(z, "192.0.2.7", "a@redirnone.test", SPF_RESULT_PERMERROR,
	    "redirect= to a domain without SPF is a permerror");

	o = run3(z, "192.0.2.7", "a@inc.test", "h.test");
	like(o.reason, "'include:ip4.test' in the SPF record of inc.test "
	    "matched", "reason names the include");
	like(o.reason, "'ip4:192.0.2.0/24' in the SPF record of ip4.test",
	    "reason names what matched inside");
	outcome_free(&o);
	o = run3(z, "192.0.2.7", "a@incnone.test", "h.test");
	like(o.reason, "nospf.test publishes no SPF record",
	    "reason of an include without SPF");
	outcome_free(&o);
}

/* exp= (RFC 7208 6.2). */
static void
test_explanation(const struct zone *z)
{
	struct outcome o;

	o = run3(z, "198.51.100.3", "Jo.Smith@exp.test", "mx.sender.test");
	is(rname(o.result), "fail", "exp: fail");
	is(o.exp, "198.51.100.3 is not one of exp.test's servers "
	    "(Jo.Smith@exp.test, Jo.Smith, exp.test, mx.sender.test)",
	    "exp text is fetched and expanded");
	outcome_free(&o);
	o = run3(z, "192.0.2.2", "a@exp.test", "h.test");
	is(rname(o.result), "neutral", "exp: neutral");
	ok(o.exp == NULL, "no explanation unless the result is fail");
	outcome_free(&o);
	o = run3(z, "198.51.100.3", "a@expredir.test", "h.test");
	is(o.exp, "198.51.100.3 is not one of exp.test's servers "
	    "(a@expredir.test, a, expredir.test, h.test)",
	    "after redirect= the target's exp= is used, with its domain");
	outcome_free(&o);
	o = run3(z, "198.51.100.3", "a@exptwo.test", "h.test");
	ok(o.result == SPF_RESULT_FAIL && o.exp == NULL,
	    "two TXT records at the exp= name: no explanation");
	outcome_free(&o);
	o = run3(z, "198.51.100.3", "a@expbad.test", "h.test");
	ok(o.result == SPF_RESULT_FAIL && o.exp == NULL,
	    "a bad macro in the explanation: no explanation");
	outcome_free(&o);
	o = run3(z, "198.51.100.3", "a@expslow.test", "h.test");
	ok(o.result == SPF_RESULT_FAIL && o.exp == NULL,
	    "exp= lookup timeout: fail without explanation");
	outcome_free(&o);
	o = run3(z, "198.51.100.3", "a@expinc.test", "h.test");
	ok(o.result == SPF_RESULT_NEUTRAL && o.exp == NULL,
	    "the exp= of an included record is not used");
	outcome_free(&o);
}

/* Record selection, none, temperror and permerror. */
static void
test_errors(const struct zone *z)
{
	struct outcome o;

	expect(z, "192.0.2.1", "a@multi.test", SPF_RESULT_PERMERROR,
	    "two SPF records are a permerror");
	expect(z, "192.0.2.1", "a@mixed.test", SPF_RESULT_PASS,
	    "other TXT records are ignored, v=spf1 case-insensitively");
	expect(z, "192.0.2.1", "a@syntax.test", SPF_RESULT_PERMERROR,
	    "a syntax error is a permerror");
	expect(z, "192.0.2.1", "a@norecord.test", SPF_RESULT_NONE,
	    "no SPF record: none");
	expect(z, "192.0.2.1", "a@nowhere.test", SPF_RESULT_NONE,
	    "NXDOMAIN: none");
	expect(z, "192.0.2.1", "a@localhost", SPF_RESULT_NONE,
	    "a one-label domain: none");
	expect(z, "192.0.2.1", "a@[192.0.2.1]", SPF_RESULT_NONE,
	    "a domain literal: none");
	expect(z, "192.0.2.1", "a@toptimeout.test", SPF_RESULT_TEMPERROR,
	    "TXT timeout: temperror");
	expect(z, "192.0.2.1", "a@atimeout.test", SPF_RESULT_TEMPERROR,
	    "A timeout in a: temperror");
	expect(z, "192.0.2.9", "a@atimeout.test", SPF_RESULT_PASS,
	    "a match before the timeout: pass");

	o = run3(z, "192.0.2.1", "a@syntax.test", "h.test");
	like(o.reason, "column 8", "the syntax error names the column");
	outcome_free(&o);
	o = run3(z, "192.0.2.1", "a@toptimeout.test", "h.test");
	like(o.reason, "no answer for the TXT records of toptimeout.test",
	    "temperror reason names the question");
	outcome_free(&o);
	ok(run_mode(z, "192.0.2.300", "a@ip4.test", "h", 0).result ==
	    (enum spf_result)-1, "spf_eval_new refuses a bad address");
}

/* The limits of RFC 7208 4.6.4. */
static void
test_limits(const struct zone *z)
{
	struct outcome o;

	o = run3(z, "192.0.2.1", "a@limit10.test", "h.test");
	is(rname(o.result), "pass", "10 lookups are allowed");
	is_int(o.lookups, 10, "10 lookups counted");
	outcome_free(&o);
	o = run3(z, "192.0.2.1", "a@limit11.test", "h.test");
	is(rname(o.result), "permerror", "11 lookups are a permerror");
	like(o.reason, "'a:h11.limit.test'", "the 11th term is named");
	outcome_free(&o);
	o = run3(z, "192.0.2.1", "a@limitinc.test", "h.test");
	is(rname(o.result), "permerror", "lookups inside include count");
	is_int(o.lookups, 11, "counted up to the 11th");
	outcome_free(&o);
	o = run3(z, "198.51.100.40", "a@limitinc.test", "h.test");
	is(rname(o.result), "pass", "a match before the limit is a pass");
	is_int(o.lookups, 1, "only evaluated terms count");
	outcome_free(&o);
	o = run3(z, "192.0.2.1", "a@void2.test", "h.test");
	is(rname(o.result), "pass", "two void lookups are allowed");
	is_int(o.voids, 2, "void lookups counted (NXDOMAIN and NODATA)");
	outcome_free(&o);
	o = run3(z, "192.0.2.1", "a@void3.test", "h.test");
	is(rname(o.result), "permerror", "three void lookups: permerror");
	like(o.reason, "void lookups", "reason says void lookups");
	outcome_free(&o);
	expect(z, "192.0.2.1", "a@loop.test", SPF_RESULT_PERMERROR,
	    "an include loop stops at the lookup limit");
}

/* Identities and macros in evaluation. */
static void
test_identities(const struct zone *z)
{
	struct outcome o;
	char sender[128];

	o = run3(z, "192.0.2.1", "", "mail.helo.test");
	is(rname(o.result), "pass", "empty MAIL FROM checks postmaster@helo");
	outcome_free(&o);
	o = run3(z, "192.0.2.1", "@mail.helo.test", "x.test");
	is(rname(o.result), "pass", "no local-part means postmaster");
	outcome_free(&o);
	snprintf(sender, sizeof sender, "%064d@long.test", 0);
	o = run3(z, "192.0.2.1", sender, "h.test");
	is(rname(o.result), "fail", "a target label over 63 bytes does not "
	    "match");
	is_int(o.voids, 1, "it counts as a void lookup");
	outcome_free(&o);
	o = run3(z, "203.0.113.9", "a@pm.test", "h.test");
	is(rname(o.result), "pass", "%%{p} prefers a validated name in the "
	    "domain");
	outcome_free(&o);
}

/* The tree and its counts. */
static void
test_tree(const struct zone *z)
{
	struct outcome o;

	o = run3(z, "192.0.2.7", "a@tree.test", "h.test");
	is(rname(o.result), "pass", "tree: pass");
	is(o.text, "tree.test: pass (lookups: 2 here, 2 in all; void "
	    "lookups: 1 here, 1 in all)\n"
	    "  record: v=spf1 a:nx1.test include:ip4.test -all\n"
	    "  include:ip4.test -> ip4.test: pass (lookups: 0 here, 0 in "
	    "all; void lookups: 0 here, 0 in all)\n"
	    "    record: v=spf1 ip4:192.0.2.0/24 -all\n",
	    "tree as text");
	is(o.json, "{\"domain\":\"tree.test\",\"via\":null,\"record\":"
	    "\"v=spf1 a:nx1.test include:ip4.test -all\",\"result\":\"pass\","
	    "\"lookups\":2,\"lookups_total\":2,\"void_lookups\":1,"
	    "\"void_lookups_total\":1,\"error\":null,\"children\":[{"
	    "\"domain\":\"ip4.test\",\"via\":\"include:ip4.test\",\"record\":"
	    "\"v=spf1 ip4:192.0.2.0/24 -all\",\"result\":\"pass\","
	    "\"lookups\":0,\"lookups_total\":0,\"void_lookups\":0,"
	    "\"void_lookups_total\":0,\"error\":null,\"children\":[]}]}",
	    "tree as JSON");
	outcome_free(&o);
	o = run3(z, "192.0.2.1", "a@limitinc.test", "h.test");
	like(o.text, "limitinc.test: permerror (lookups: 2 here, 11 in all",
	    "tree totals include what is below");
	like(o.text, "include:limit10.test -> limit10.test: permerror "
	    "(lookups: 9 here, 9 in all", "tree: the include's own count");
	like(o.text, "error: more than 10 DNS lookups", "tree: the error "
	    "sits where it arose");
	like(o.json, "\"error\":\"more than 10 DNS lookups",
	    "JSON carries the error");
	outcome_free(&o);
	o = run3(z, "192.0.2.1", "a@bad.test", "h.test");
	like(o.json, "\"record\":\"v=spf1 frobnicate -all\",\"result\":"
	    "\"permerror\"", "JSON of a broken record");
	outcome_free(&o);
}

/* Build a tree of includes: each record includes width names below. */
static void
build_tree(struct zone *z, const char *name, int depth, int width,
    const char *leaf)
{
	struct buf b;
	char child[256];
	int i;

	if (depth == 0) {
		ztxt(z, name, "%s", leaf);
		return;
	}
	buf_init(&b);
	buf_puts(&b, "v=spf1");
	for (i = 1; i <= width; i++) {
		snprintf(child, sizeof child, "n%d.%s", i, name);
		buf_printf(&b, " include:%s", child);
		build_tree(z, child, depth - 1, width, leaf);
	}
	buf_puts(&b, " -all");
	zadd(z, name, DNS_T_TXT, b.data);
	buf_free(&b);
}

/* Prefetching: deep trees finish in few round trips, asked once each. */
static void
test_prefetch(void)
{
	struct zone z = { NULL, 0 };
	struct outcome o;

	/* 3 deep, 8 wide; the leaves need A and MX lookups of their own. */
	build_tree(&z, "wide.test", 3, 8, "v=spf1 a:h.leaf.test "
	    "mx:leaf.test ip4:192.0.2.0/24 ~all");
	zadd(&z, "h.leaf.test", DNS_T_A, "198.51.100.1");
	zadd(&z, "leaf.test", DNS_T_MX, "mx.leaf.test");
	zadd(&z, "mx.leaf.test", DNS_T_A, "198.51.100.2");

	o = run_mode(&z, "192.0.2.1", "a@wide.test", "h.test", 1);
	is(rname(o.result), "pass", "wide tree: the first leaf passes");
	is_int(o.lookups, 5, "wide tree: 3 includes, a and mx counted");
	ok(o.rounds <= 6, "wide tree: %d round trips (at most 6)", o.rounds);
	is_int(o.duplicates, 0, "wide tree: each question asked once");
	outcome_free(&o);

	o = run_mode(&z, "198.51.100.2", "a@wide.test", "h.test", 2);
	is(rname(o.result), "pass", "wide tree: mx of the first leaf");
	ok(o.rounds <= 7, "wide tree via MX: %d round trips (at most 7)",
	    o.rounds);
	outcome_free(&o);

	o = run_mode(&z, "203.0.113.1", "a@wide.test", "h.test", 1);
	is(rname(o.result), "permerror", "wide tree: no match runs into "
	    "the limit");
	ok(o.rounds <= 8, "wide tree to the limit: %d round trips (at most "
	    "8)", o.rounds);
	/* Without a bound it would ask for all 585 records. */
	ok(o.queries < 200, "wide tree: %d questions, bounded by the lookup "
	    "limit", o.queries);
	is_int(o.duplicates, 0, "wide tree to the limit: each question "
	    "asked once");
	outcome_free(&o);
	zfree(&z);
}

/* Giving up, and freeing while answers are on their way. */
static void
test_lifecycle(const struct zone *z)
{
	struct spf_resolver res;
	struct spf_eval *ev;
	struct mem m;
	int finished = 0;

	memset(&m, 0, sizeof m);
	m.zone = z;
	m.async = 1;
	res.query = mem_query;
	res.ctx = &m;
	ev = spf_eval_new(&res, "192.0.2.1", "a@limit10.test", "h.test",
	    NULL);
	spf_eval_start(ev, finished_cb, &finished);
	mem_round(&m);
	ok(!spf_eval_finished(ev) && finished == 0, "not finished while "
	    "answers are out");
	spf_eval_timeout(ev);
	ok(spf_eval_finished(ev) && finished == 1, "timeout finishes it");
	is(spf_result_name(spf_eval_result(ev)), "temperror",
	    "timeout gives temperror");
	like(spf_eval_reason(ev), "in time", "timeout reason");
	mem_round(&m);
	is_int(finished, 1, "answers after the end do not finish it again");
	spf_eval_free(ev);

	ev = spf_eval_new(&res, "192.0.2.1", "a@wide.test", "h.test", NULL);
	spf_eval_start(ev, finished_cb, &finished);
	ok(m.nheld > 0, "questions are out");
	spf_eval_free(ev);
	while (m.nheld > 0)
		mem_round(&m);
	ok(1, "answers after spf_eval_free are dropped safely");
	strlist_free(&m.log);
}

/* Macro expansion on its own (RFC 7208 7). */
static void
test_macros(void)
{
	struct spf_macro_vars v = {
		"strong-bad@email.example.com", "strong-bad",
		"email.example.com", "email.example.com", "192.0.2.3",
		"mx.example.org", "in-addr", "mail.example.org", "192.0.2.3",
		"rcpt.example.net", 1234567890LL
	};
	static const struct {
		const char *in;
		int explanation;
		const char *out;	/* NULL: a syntax error */
	} cases[] = {
		/* RFC 7208 7.4 examples */
		{ "%{s}", 0, "strong-bad@email.example.com" },
		{ "%{o}", 0, "email.example.com" },
		{ "%{d}", 0, "email.example.com" },
		{ "%{d4}", 0, "email.example.com" },
		{ "%{d3}", 0, "email.example.com" },
		{ "%{d2}", 0, "example.com" },
		{ "%{d1}", 0, "com" },
		{ "%{dr}", 0, "com.example.email" },
		{ "%{d2r}", 0, "example.email" },
		{ "%{l}", 0, "strong-bad" },
		{ "%{l-}", 0, "strong.bad" },
		{ "%{lr}", 0, "strong-bad" },
		{ "%{lr-}", 0, "bad.strong" },
		{ "%{l1r-}", 0, "strong" },
		{ "%{ir}.%{v}._spf.%{d2}", 0,
		  "3.2.0.192.in-addr._spf.example.com" },
		{ "%{lr-}.lp._spf.%{d2}", 0, "bad.strong.lp._spf.example.com" },
		{ "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", 0,
		  "bad.strong.lp.3.2.0.192.in-addr._spf.example.com" },
		{ "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", 0,
		  "3.2.0.192.in-addr.strong.lp._spf.example.com" },
		{ "%{d2}.trusted-domains.example.net", 0,
		  "example.com.trusted-domains.example.net" },
		/* escapes, URL encoding, other letters */
		{ "%%%_%-", 0, "% %20" },
		{ "%{S}", 0, "strong-bad%40email.example.com" },
		{ "%{L}", 0, "strong-bad" },
		{ "%{p}.%{h}", 0, "mx.example.org.mail.example.org" },
		{ "%{d9999999999999}", 0, "email.example.com" },
		{ "%{l+-,}", 0, "strong.bad" },
		{ "%{c} %{r} %{t}", 1, "192.0.2.3 rcpt.example.net 1234567890" },
		/* errors */
		{ "%{c}", 0, NULL },
		{ "%{t}", 0, NULL },
		{ "%{x}", 1, NULL },
		{ "%{d0}", 0, NULL },
		{ "%{d", 0, NULL },
		{ "%a", 0, NULL },
		{ "a b", 0, NULL },
		{ "caf\xc3\xa9", 1, NULL },
		{ "tab\there", 1, NULL },
	};
	size_t i;
	char *out, *cause;
	int rc;

	for (i = 0; i < nitems(cases); i++) {
		out = cause = NULL;
		rc = spf_macro_expand(cases[i].in, &v, cases[i].explanation,
		    &out, &cause);
		if (cases[i].out == NULL)
			ok(rc == -1 && cause != NULL, "'%s' is an error",
			    cases[i].in);
		else
			is(rc == 0 ? out : cause, cases[i].out, "'%s'",
			    cases[i].in);
		free(out);
		free(cause);
	}
	ok(spf_macro_uses_ptr("a%{p}b") && spf_macro_uses_ptr("%{P2}") &&
	    !spf_macro_uses_ptr("%%{p}") && !spf_macro_uses_ptr("%{d}"),
	    "spf_macro_uses_ptr");
}

/* Names made from expanded domain-specs. */
static void
test_macro_domain(void)
{
	struct buf b;
	char *s;
	int i;

	s = spf_macro_domain("Example.COM.");
	is(s, "Example.COM", "a trailing dot is dropped");
	free(s);
	ok(spf_macro_domain("a..b.test") == NULL, "an empty label is refused");
	ok(spf_macro_domain(".") == NULL && spf_macro_domain("") == NULL,
	    "an empty name is refused");
	buf_init(&b);
	for (i = 0; i < 64; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, ".test");
	ok(spf_macro_domain(b.data) == NULL, "a 64-byte label is refused");
	buf_free(&b);
	buf_init(&b);
	for (i = 0; i < 30; i++)
		buf_puts(&b, "abcdefghi.");
	buf_puts(&b, "example.com");
	s = spf_macro_domain(b.data);
	ok(s != NULL && strlen(s) <= 253 && strncmp(s, "abcdefghi.", 10) ==
	    0 && strcmp(s + strlen(s) - 12, ".example.com") == 0,
	    "a long name loses whole labels on the left (7.3)");
	is_int(s != NULL ? (long long)strlen(s) : 0, 251, "to 251 bytes");
	free(s);
	buf_free(&b);
}

int
main(void)
{
	struct zone z = { NULL, 0 };
	static const char *names[] = { "none", "neutral", "pass", "fail",
	    "softfail", "temperror", "permerror" };
	int r;

	for (r = SPF_RESULT_NONE; r <= SPF_RESULT_PERMERROR; r++)
		is(spf_result_name((enum spf_result)r), names[r],
		    "result name %d", r);
	build_zone(&z);
	test_mechanisms(&z);
	test_include_redirect(&z);
	test_explanation(&z);
	test_errors(&z);
	test_limits(&z);
	test_identities(&z);
	test_tree(&z);
	test_lifecycle(&z);
	test_prefetch();
	test_macros();
	test_macro_domain();
	zfree(&z);
	return done_testing();
}
