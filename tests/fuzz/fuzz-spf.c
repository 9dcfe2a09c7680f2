/* fuzz-spf.c - SPF records (src/spf*.c): parse, print, lint, merge, macros,
   and check_host() over a resolver that answers from the input */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dns.h"
#include "record.h"
#include "spf.h"
#include "spfeval.h"
#include "fuzz.h"

/* A question held by the resolver until the next round. */
struct held {
	char *name;
	int type;
	spf_dns_done done;
	void *arg;
};

/*
 * The lines of the input: the first is the record at example.com, the
 * others answer the TXT questions about other names. The resolver answers
 * at once (mode 0) or holds the questions and answers them in rounds,
 * first question first (1) or last first (2).
 */
struct zone {
	struct strlist lines;
	int mode;
	struct held *held;
	size_t nheld;
};

/* What one evaluation found. */
struct outcome {
	enum spf_result result;
	char *reason;
	char *exp;
	char *json;
	int lookups;
	int voids;
};

/* A stable number for a name, to pick the line that answers it. */
static unsigned long
name_hash(const char *name)
{
	unsigned long h = 5381;

	for (; *name != '\0'; name++)
		h = h * 33 + (unsigned char)(*name | 0x20);
	return h;
}

/* Answer a question from the zone. */
static void
zone_answer(struct zone *z, const char *name, int type,
    struct spf_dns_answer *out)
{
	struct spf_dns_answer a;
	unsigned long h = name_hash(name);
	size_t n = z->lines.n;

	memset(&a, 0, sizeof a);
	a.status = SPF_DNS_OK;
	switch (type) {
	case DNS_T_TXT:
		if (strcasecmp(name, "example.com") == 0 ||
		    strcasecmp(name, "example.com.") == 0)
			strlist_add(&a.rrs, z->lines.v[0]);
		else if (h % 7 == 0)
			a.status = SPF_DNS_NXDOMAIN;
		else if (h % 11 == 0)
			a.status = SPF_DNS_TEMPFAIL;
		else
			strlist_add(&a.rrs, z->lines.v[h % n]);
		break;
	case DNS_T_A:
		if (h % 3 != 0)
			strlist_add(&a.rrs, "192.0.2.1");
		if (h % 5 == 0)
			strlist_add(&a.rrs, "198.51.100.7");
		break;
	case DNS_T_AAAA:
		if (h % 2 == 0)
			strlist_add(&a.rrs, "2001:db8::1");
		break;
	case DNS_T_MX:
		if (h % 3 != 1)
			strlist_add(&a.rrs, "mx.example.com.");
		if (h % 4 == 0)
			strlist_add(&a.rrs, z->lines.v[h % n]);
		break;
	case DNS_T_PTR:
		strlist_add(&a.rrs, h % 2 == 0 ? "mail.example.com." :
		    z->lines.v[h % n]);
		break;
	default:
		a.status = SPF_DNS_NXDOMAIN;
		break;
	}
	*out = a;
}

/* Answer a question at once, or hold it for the next round. */
static void
zone_query(void *ctx, const char *name, int type, spf_dns_done done,
    void *arg)
{
	struct zone *z = ctx;
	struct spf_dns_answer a;
	struct held *h;

	if (z->mode != 0) {
		z->held = xreallocarray(z->held, z->nheld + 1,
		    sizeof *z->held);
		h = &z->held[z->nheld++];
		h->name = xstrdup(name);
		h->type = type;
		h->done = done;
		h->arg = arg;
		return;
	}
	zone_answer(z, name, type, &a);
	done(arg, &a);
	strlist_free(&a.rrs);
}

/* Answer every question held now (one network round trip). */
static void
zone_round(struct zone *z)
{
	struct held *batch = z->held;
	struct spf_dns_answer a;
	size_t n = z->nheld, i, k;

	z->held = NULL;
	z->nheld = 0;
	for (k = 0; k < n; k++) {
		i = z->mode == 2 ? n - 1 - k : k;
		zone_answer(z, batch[i].name, batch[i].type, &a);
		batch[i].done(batch[i].arg, &a);
		strlist_free(&a.rrs);
		free(batch[i].name);
	}
	free(batch);
}

/* Note that the evaluation finished. */
static void
eval_done(void *arg, struct spf_eval *ev)
{
	(void)ev;
	(*(int *)arg)++;
}

/*
 * Evaluate the record at example.com for one client, in one of the
 * resolver's modes; with give_up, stop waiting after the first round and
 * answer the rest after the evaluation is freed.
 */
static struct outcome
evaluate(struct zone *z, const char *ip, const char *sender, int mode,
    int give_up)
{
	struct spf_resolver res;
	struct spf_eval *ev;
	struct outcome o;
	char *s;
	int finished = 0, rounds = 0;

	z->mode = mode;
	res.query = zone_query;
	res.ctx = z;
	ev = spf_eval_new(&res, ip, sender, "helo.example.com", NULL);
	if (ev == NULL)
		fuzz_fail("spf_eval_new refused '%s'", ip);
	spf_eval_start(ev, eval_done, &finished);
	while (!finished && z->nheld > 0) {
		if (give_up && rounds == 1) {
			spf_eval_timeout(ev);
			break;
		}
		zone_round(z);
		rounds++;
	}
	if (finished != 1 || !spf_eval_finished(ev))
		fuzz_fail("evaluation finished %d times", finished);
	memset(&o, 0, sizeof o);
	o.result = spf_eval_result(ev);
	(void)spf_result_name(o.result);
	o.reason = xstrdup(spf_eval_reason(ev));
	if (spf_eval_explanation(ev) != NULL)
		o.exp = xstrdup(spf_eval_explanation(ev));
	o.lookups = spf_eval_lookups(ev);
	o.voids = spf_eval_void_lookups(ev);
	(void)spf_eval_queries(ev);
	s = spf_eval_tree_text(ev);
	free(s);
	o.json = spf_eval_tree_json(ev);
	spf_eval_free(ev);
	/* Answers that come after the evaluation is gone are dropped. */
	while (z->nheld > 0)
		zone_round(z);
	return o;
}

/* Release an outcome. */
static void
outcome_free(struct outcome *o)
{
	free(o->reason);
	free(o->exp);
	free(o->json);
}

/* Evaluate answered at once, in rounds and in reverse: the outcomes must
   be the same (as tests/unit/test-spfeval.c expects). */
static void
evaluate_all(struct zone *z, const char *ip, const char *sender)
{
	struct outcome o[3], late;
	int mode;

	for (mode = 0; mode < 3; mode++)
		o[mode] = evaluate(z, ip, sender, mode, 0);
	for (mode = 1; mode < 3; mode++) {
		if (o[mode].result != o[0].result ||
		    strcmp(o[mode].reason, o[0].reason) != 0 ||
		    (o[mode].exp == NULL) != (o[0].exp == NULL) ||
		    (o[0].exp != NULL &&
		    strcmp(o[mode].exp, o[0].exp) != 0) ||
		    o[mode].lookups != o[0].lookups ||
		    o[mode].voids != o[0].voids ||
		    strcmp(o[mode].json, o[0].json) != 0)
			fuzz_fail("%s: mode %d gives %s (%s), at once %s (%s)"
			    "\n%s\n%s", ip, mode,
			    spf_result_name(o[mode].result), o[mode].reason,
			    spf_result_name(o[0].result), o[0].reason,
			    o[mode].json, o[0].json);
	}
	late = evaluate(z, ip, sender, 1, 1);
	outcome_free(&late);
	for (mode = 0; mode < 3; mode++)
		outcome_free(&o[mode]);
}

/* Parse, print and parse again: the printed record must read the same. */
static void
round_trip(const char *text)
{
	struct spf_record r, again;
	char *cause = NULL, *printed, *printed2;

	if (spf_parse(text, &r, &cause) == -1) {
		if (cause == NULL || r.nterms != 0)
			fuzz_fail("spf_parse failed without a cause");
		fuzz_note("spf_parse", cause);
		free(cause);
		return;
	}
	fuzz_note("spf_parse", NULL);
	(void)spf_lookup_terms(&r);
	printed = spf_print(&r);
	if (spf_parse(printed, &again, &cause) == -1)
		fuzz_fail("'%s' printed as '%s', which fails: %s", text,
		    printed, cause);
	printed2 = spf_print(&again);
	if (strcmp(printed, printed2) != 0 || r.nterms != again.nterms)
		fuzz_fail("'%s' printed as '%s' then '%s'", text, printed,
		    printed2);
	free(printed2);
	free(printed);
	spf_record_free(&again);
	spf_record_free(&r);
}

/* Merge a few mechanisms into the record, as the plan does. */
static void
merge(const char *text)
{
	static const char *mechs[] = { "include:amazonses.com",
	    "ip4:192.0.2.0/24", "-ip6:2001:db8::/32", "a:mail.example.com",
	    "mx/24" };
	char *result, *cause;
	size_t i;
	int rc;

	for (i = 0; i < nitems(mechs); i++) {
		result = cause = NULL;
		rc = spf_merge(text, mechs[i], &result, &cause);
		if (rc == -1 && (cause == NULL || result != NULL))
			fuzz_fail("spf_merge failed without a cause");
		if (rc != -1 && result == NULL)
			fuzz_fail("spf_merge gave no record");
		if (rc == 0) {
			struct spf_record r;
			char *why = NULL;

			if (spf_parse(result, &r, &why) == -1)
				fuzz_fail("merged '%s' into '%s' gives '%s',"
				    " which fails: %s", mechs[i], text,
				    result, why);
			spf_record_free(&r);
		}
		free(result);
		free(cause);
	}
}

/* Expand the input as a macro-string, as a domain-spec and as exp=. */
static void
macros(const char *text)
{
	static const struct spf_macro_vars v = {
		"strong-bad@email.example.com", "strong-bad",
		"email.example.com", "email.example.com", "192.0.2.3",
		"mx.example.org", "in-addr", "mail.example.org", "192.0.2.3",
		"rcpt.example.net", 1234567890LL
	};
	char *out, *cause, *name;
	int explanation;

	cause = NULL;
	if (spf_macro_valid(text, &cause) == -1)
		free(cause);
	(void)spf_macro_uses_ptr(text);
	for (explanation = 0; explanation < 2; explanation++) {
		out = cause = NULL;
		if (spf_macro_expand(text, &v, explanation, &out, &cause) ==
		    -1) {
			free(cause);
			continue;
		}
		name = spf_macro_domain(out);
		free(name);
		free(out);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct record_set rs;
	struct zone z;
	char *text, *line, *next;

	text = fuzz_text(data, size);
	memset(&z, 0, sizeof z);
	for (line = text; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		strlist_add(&z.lines, line);
	}
	free(text);
	text = z.lines.v[0];

	(void)spf_is_record(text);
	round_trip(text);
	merge(text);
	record_set_init(&rs, "example.com", "example.com");
	spf_lint(text, "existing", &rs);
	spf_lint_multiple(z.lines.n, &rs);
	record_set_free(&rs);
	macros(text);
	if (spf_is_record(text)) {
		evaluate_all(&z, "192.0.2.1", "bounce@example.com");
		evaluate_all(&z, "2001:db8::1", "");
	}
	strlist_free(&z.lines);
	return 0;
}
