/*
 * spf-suite.c - run the openspf RFC 7208 suite against the SPF evaluator
 *
 *   spf-suite [--dns ADDR[:PORT] [--timeout MS]] [--scenario N] FILE
 *
 * FILE is the suite as tests/spf-suite.py converts it. Without --dns every
 * test runs over an in-memory resolver that answers from the scenario's
 * zone data (TIMEOUT entries answer TEMPFAIL); with --dns the questions go
 * through c-ares to the server at ADDR, which serves the scenario's zone
 * (tests/spf-suite.py serve). Prints TAP, one line per test, named
 * "scenario: test".
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tap.h"
#include "dns.h"
#include "loop.h"
#include "spfeval.h"

struct zone_rr {
	char *name;
	int type;
	char *data;		/* TXT strings joined, MX exchange, ... */
};

struct zone_timeout {
	char *name;
	int type;
};

struct suite_test {
	char *id;
	char *host;
	char *helo;
	char *mailfrom;
	struct strlist results;
	char *explanation;	/* NULL: not checked */
};

struct scenario {
	char *description;
	struct strlist names;
	struct zone_rr *rrs;
	size_t nrrs;
	struct zone_timeout *timeouts;
	size_t ntimeouts;
	struct suite_test *tests;
	size_t ntests;
};

/* The record types the converter writes. */
static const struct {
	const char *name;
	int type;
} types[] = {
	{ "A", DNS_T_A }, { "AAAA", DNS_T_AAAA }, { "MX", DNS_T_MX },
	{ "PTR", DNS_T_PTR }, { "TXT", DNS_T_TXT }, { "SPF", DNS_T_SPF },
	{ "CNAME", DNS_T_CNAME }
};

/* Read a type name; exits on one the converter does not write. */
static int
type_number(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(types); i++) {
		if (strcmp(types[i].name, name) == 0)
			return types[i].type;
	}
	fatalx("unknown record type '%s'", name);
}

/*
 * Read one "=..." field back; \xHH gives a byte. A NUL byte becomes '?',
 * as dns_parse() does, since the evaluator reads C strings.
 */
static char *
field(const char *f)
{
	struct buf b;
	unsigned long v;
	char hex[3];

	if (f == NULL || *f != '=')
		fatalx("bad field '%s'", f != NULL ? f : "(none)");
	buf_init(&b);
	for (f++; *f != '\0'; f++) {
		if (*f != '\\') {
			buf_putc(&b, *f);
			continue;
		}
		if (f[1] != 'x' || !isxdigit((unsigned char)f[2]) ||
		    !isxdigit((unsigned char)f[3]))
			fatalx("bad escape in field");
		hex[0] = f[2];
		hex[1] = f[3];
		hex[2] = '\0';
		v = strtoul(hex, NULL, 16);
		buf_putc(&b, v == 0 ? '?' : (char)v);
		f += 3;
	}
	return buf_detach(&b);
}

/* Split a line into its space-separated words (the line is changed). */
static size_t
split(char *line, char **w, size_t max)
{
	size_t n = 0;
	char *p = line;

	while (*p != '\0' && n < max) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		w[n++] = p;
		while (*p != '\0' && *p != ' ')
			p++;
		if (*p == ' ')
			*p++ = '\0';
	}
	return n;
}

/* Add one record of a line "rr =NAME TYPE =FIELD..." to a scenario. */
static void
read_rr(struct scenario *s, char **w, size_t n)
{
	struct zone_rr *rr;
	struct buf b;
	size_t i;
	char *f;

	if (n < 3)
		fatalx("short rr line");
	s->rrs = xreallocarray(s->rrs, s->nrrs + 1, sizeof *s->rrs);
	rr = &s->rrs[s->nrrs++];
	rr->name = field(w[1]);
	rr->type = type_number(w[2]);
	buf_init(&b);
	if (rr->type == DNS_T_TXT || rr->type == DNS_T_SPF) {
		for (i = 3; i < n; i++) {
			f = field(w[i]);
			buf_puts(&b, f);
			free(f);
		}
	} else {
		if (n < (rr->type == DNS_T_MX ? 5U : 4U))
			fatalx("short rr line");
		f = field(w[rr->type == DNS_T_MX ? 4 : 3]);
		buf_puts(&b, f);
		free(f);
	}
	rr->data = buf_detach(&b);
}

/* Add a test of a line "test =ID =HOST =HELO =MAILFROM =RESULTS =EXP". */
static void
read_test(struct scenario *s, char **w, size_t n)
{
	struct suite_test *t;
	char *results, *tok, *save = NULL;

	if (n != 7)
		fatalx("bad test line");
	s->tests = xreallocarray(s->tests, s->ntests + 1, sizeof *s->tests);
	t = &s->tests[s->ntests++];
	memset(t, 0, sizeof *t);
	t->id = field(w[1]);
	t->host = field(w[2]);
	t->helo = field(w[3]);
	t->mailfrom = field(w[4]);
	results = field(w[5]);
	for (tok = strtok_r(results, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		strlist_add(&t->results, tok);
	free(results);
	t->explanation = strcmp(w[6], "-") == 0 ? NULL : field(w[6]);
}

/* Read the converted suite. */
static struct scenario *
read_suite(const char *path, size_t *count)
{
	struct scenario *v = NULL, *s = NULL;
	struct zone_timeout *to;
	char *text, *line, *next, *cause, *w[64];
	size_t n = 0, nw;

	if (file_read(path, &text, NULL, &cause) == -1)
		fatalx("%s", cause);
	for (line = text; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		nw = split(line, w, nitems(w));
		if (nw == 0)
			continue;
		if (strcmp(w[0], "scenario") == 0) {
			v = xreallocarray(v, n + 1, sizeof *v);
			s = &v[n++];
			memset(s, 0, sizeof *s);
			s->description = field(nw > 1 ? w[1] : NULL);
			continue;
		}
		if (s == NULL)
			fatalx("%s: data before the first scenario", path);
		if (strcmp(w[0], "name") == 0 && nw == 2) {
			char *name = field(w[1]);

			strlist_add(&s->names, name);
			free(name);
		} else if (strcmp(w[0], "rr") == 0)
			read_rr(s, w, nw);
		else if (strcmp(w[0], "timeout") == 0 && nw == 3) {
			s->timeouts = xreallocarray(s->timeouts,
			    s->ntimeouts + 1, sizeof *s->timeouts);
			to = &s->timeouts[s->ntimeouts++];
			to->name = field(w[1]);
			to->type = type_number(w[2]);
		} else if (strcmp(w[0], "test") == 0)
			read_test(s, w, nw);
		else
			fatalx("%s: unknown line '%s'", path, w[0]);
	}
	free(text);
	*count = n;
	return v;
}

/* Release the suite. */
static void
free_suite(struct scenario *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		free(v[i].description);
		strlist_free(&v[i].names);
		for (j = 0; j < v[i].nrrs; j++) {
			free(v[i].rrs[j].name);
			free(v[i].rrs[j].data);
		}
		free(v[i].rrs);
		for (j = 0; j < v[i].ntimeouts; j++)
			free(v[i].timeouts[j].name);
		free(v[i].timeouts);
		for (j = 0; j < v[i].ntests; j++) {
			free(v[i].tests[j].id);
			free(v[i].tests[j].host);
			free(v[i].tests[j].helo);
			free(v[i].tests[j].mailfrom);
			strlist_free(&v[i].tests[j].results);
			free(v[i].tests[j].explanation);
		}
		free(v[i].tests);
	}
	free(v);
}

/* Tell whether a name exists in the zone, perhaps only above others. */
static int
zone_exists(const struct scenario *s, const char *name)
{
	size_t i, ln = strlen(name), lz;
	const char *z;

	for (i = 0; i < s->names.n; i++) {
		z = s->names.v[i];
		lz = strlen(z);
		if (lz == ln && strcasecmp(z, name) == 0)
			return 1;
		if (lz > ln && z[lz - ln - 1] == '.' &&
		    strcasecmp(z + lz - ln, name) == 0)
			return 1;
	}
	return 0;
}

/*
 * The in-memory resolver: answer at once from the zone, following CNAMEs
 * as a recursive resolver would.
 */
static void
zone_query(void *ctx, const char *qname, int type, spf_dns_done done,
    void *arg)
{
	const struct scenario *s = ctx;
	struct spf_dns_answer a;
	const char *cname;
	char *name, *next;
	size_t i, len;
	int hops;

	memset(&a, 0, sizeof a);
	name = xstrdup(qname);
	for (hops = 0; hops < 8; hops++) {
		len = strlen(name);
		if (len > 1 && name[len - 1] == '.')
			name[len - 1] = '\0';
		for (i = 0; i < s->ntimeouts; i++) {
			if (s->timeouts[i].type == type &&
			    strcasecmp(s->timeouts[i].name, name) == 0)
				break;
		}
		if (i < s->ntimeouts) {
			a.status = SPF_DNS_TEMPFAIL;
			break;
		}
		if (!zone_exists(s, name)) {
			a.status = SPF_DNS_NXDOMAIN;
			break;
		}
		cname = NULL;
		for (i = 0; i < s->nrrs; i++) {
			if (strcasecmp(s->rrs[i].name, name) != 0)
				continue;
			if (s->rrs[i].type == type)
				strlist_add(&a.rrs, s->rrs[i].data);
			else if (s->rrs[i].type == DNS_T_CNAME)
				cname = s->rrs[i].data;
		}
		if (a.rrs.n > 0 || cname == NULL || type == DNS_T_CNAME)
			break;
		next = xstrdup(cname);
		free(name);
		name = next;
	}
	free(name);
	done(arg, &a);
	strlist_free(&a.rrs);
}

/* Note that an evaluation finished. */
static void
test_done(void *arg, struct spf_eval *ev)
{
	(void)ev;
	*(int *)arg = 1;
}

/* Run one test and report it. */
static void
run_test(const struct scenario *s, const struct suite_test *t,
    const struct spf_resolver *res, struct loop *l)
{
	struct spf_eval *ev;
	const char *got, *exp;
	size_t i;
	int finished = 0, ok_result = 0, ok_exp = 1, caseonly = 0;

	ev = spf_eval_new(res, t->host, t->mailfrom, t->helo, NULL);
	if (ev == NULL) {
		ok(0, "%s: %s", s->description, t->id);
		printf("# '%s' is not an IP address\n", t->host);
		return;
	}
	if (l != NULL)
		spf_eval_run(ev, l, 20000);
	else
		spf_eval_start(ev, test_done, &finished);
	if (l == NULL && !finished) {
		ok(0, "%s: %s", s->description, t->id);
		printf("# the in-memory evaluation did not finish\n");
		spf_eval_free(ev);
		return;
	}
	got = spf_result_name(spf_eval_result(ev));
	for (i = 0; i < t->results.n; i++) {
		if (strcmp(t->results.v[i], got) == 0)
			ok_result = 1;
	}
	/* The suite's driver (testspf.py) calls a missing one DEFAULT. */
	exp = spf_eval_explanation(ev);
	if (exp == NULL)
		exp = "DEFAULT";
	if (t->explanation != NULL && strcmp(t->explanation, exp) != 0) {
		/*
		 * Only v-macro-ip6 needs this: pyspf writes %{i} of IPv6 in
		 * capitals, RFC 7208 7.4 in lowercase (as we do).
		 */
		if (strcasecmp(t->explanation, exp) == 0)
			caseonly = 1;
		else
			ok_exp = 0;
	}
	ok(ok_result && ok_exp, "%s: %s", s->description, t->id);
	if (!ok_result) {
		printf("# result %s, expected ", got);
		for (i = 0; i < t->results.n; i++)
			printf("%s%s", i > 0 ? " or " : "", t->results.v[i]);
		printf("\n# reason: %s\n", spf_eval_reason(ev));
	}
	if (!ok_exp || caseonly) {
		printf("# explanation '%s', expected '%s'%s\n", exp,
		    t->explanation, caseonly ? " (differs in case only)" : "");
	}
	spf_eval_free(ev);
}

/* Print how the program is used and exit. */
static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: spf-suite [--dns ADDR[:PORT] [--timeout MS]] "
	    "[--scenario N] FILE\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct scenario *suite;
	struct dns_server server;
	struct dns_options o = { 300, 1 };
	struct spf_dns *sd = NULL;
	struct loop *l = NULL;
	struct spf_resolver mem;
	const char *dns = NULL, *path = NULL;
	unsigned long v;
	char *cause;
	size_t n, i, j, first = 0, last;
	int a, only = -1;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--dns") == 0 && a + 1 < argc)
			dns = argv[++a];
		else if (strcmp(argv[a], "--timeout") == 0 && a + 1 < argc) {
			if (parse_uint(argv[++a], 1, 60000, &v) == -1)
				usage();
			o.timeout_ms = (int)v;
		} else if (strcmp(argv[a], "--scenario") == 0 &&
		    a + 1 < argc) {
			if (parse_uint(argv[++a], 0, 1000, &v) == -1)
				usage();
			only = (int)v;
		} else if (argv[a][0] != '-' && path == NULL)
			path = argv[a];
		else
			usage();
	}
	if (path == NULL)
		usage();
	suite = read_suite(path, &n);
	last = n;
	if (only >= 0) {
		if ((size_t)only >= n)
			fatalx("no scenario %d", only);
		first = (size_t)only;
		last = first + 1;
	}
	if (dns != NULL) {
		if (dns_server_parse(dns, &server, &cause) == -1)
			fatalx("%s", cause);
		l = loop_new();
		sd = spf_dns_new(l, &server, 1, &o, &cause);
		dns_server_free(&server);
		if (sd == NULL)
			fatalx("%s", cause);
	}
	for (i = first; i < last; i++) {
		mem.query = zone_query;
		mem.ctx = &suite[i];
		for (j = 0; j < suite[i].ntests; j++) {
			run_test(&suite[i], &suite[i].tests[j], sd != NULL ?
			    spf_dns_resolver(sd) : &mem, l);
		}
	}
	spf_dns_free(sd);
	loop_free(l);
	free_suite(suite, n);
	return done_testing();
}
