/* check-judge.c - is the answer a server gave the record we expect? */
#include <stdlib.h>
#include <string.h>

#include "check-int.h"
#include "dkim.h"
#include "dmarc.h"
#include "spf.h"

/* Compare two SPF records: the same terms, whatever the spacing and the
   case of the words. */
static int
spf_same(const char *a, const char *b)
{
	struct spf_record ra, rb;
	char *pa, *pb, *cause = NULL;
	int same = 0;

	if (spf_parse(a, &ra, &cause) == -1) {
		free(cause);
		return str_caseeq(a, b);
	}
	if (spf_parse(b, &rb, &cause) == -1) {
		free(cause);
		spf_record_free(&ra);
		return 0;
	}
	pa = spf_print(&ra);
	pb = spf_print(&rb);
	same = str_caseeq(pa, pb);
	free(pa);
	free(pb);
	spf_record_free(&ra);
	spf_record_free(&rb);
	return same;
}

/* Join the values of the records of one type at a name: "a | b". */
static char *
join_values(const struct dns_answer *a, const char *owner, int type,
    unsigned long *ttl)
{
	struct buf b;
	size_t i;
	int any = 0;

	buf_init(&b);
	for (i = 0; i < a->nan; i++) {
		const struct dns_rr *rr = &a->an[i];

		if (rr->type != type || !check_name_eq(rr->name, owner))
			continue;
		if (any)
			buf_puts(&b, " | ");
		if (type == DNS_T_MX)
			buf_printf(&b, "%u %s.", rr->pref, rr->data);
		else if (type == DNS_T_CNAME)
			buf_printf(&b, "%s.", rr->data);
		else
			buf_puts(&b, rr->data);
		if (!any || rr->ttl < *ttl)
			*ttl = rr->ttl;
		any = 1;
	}
	if (!any) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* The TTL after which a negative answer is asked for again. */
static long
negative_eta(const struct dns_answer *a)
{
	return a->has_neg_ttl ? (long)a->neg_ttl : -1;
}

/*
 * Follow the CNAMEs from a record's name in an answer: the name whose
 * records count, or NULL when the chain loops or goes on too long, which
 * the judgement then says in plain words.
 */
static const char *
judge_chain(const struct dns_answer *a, const char *name,
    struct check_judgement *j)
{
	const char *end;
	char *path;
	enum dns_chain rc;
	size_t i;

	rc = dns_follow(a, name, &end, &path);
	if (rc == DNS_CHAIN_OK) {
		free(path);
		return end;
	}
	j->status = CHECK_MISMATCH;
	j->answer = path;
	if (rc == DNS_CHAIN_LOOP)
		j->reason = xasprintf(_("CNAME loop: the CNAMEs from '%s' "
		    "lead back to a name already seen, so resolvers answer "
		    "SERVFAIL and receivers find no record"), name);
	else
		j->reason = xasprintf(P_("CNAME chain too long: the CNAMEs "
		    "from '%s' go on for more than %d name, so resolvers give "
		    "up (SERVFAIL) and receivers find no record",
		    "CNAME chain too long: the CNAMEs from '%s' go on for "
		    "more than %d names, so resolvers give up (SERVFAIL) and "
		    "receivers find no record", (unsigned long)DNS_MAX_CHAIN),
		    name, DNS_MAX_CHAIN);
	for (i = 0; i < a->nan; i++) {
		if (a->an[i].type == DNS_T_CNAME &&
		    check_name_eq(a->an[i].name, name)) {
			j->ttl = j->eta = (long)a->an[i].ttl;
			break;
		}
	}
	return NULL;
}

/* Judge a CNAME: present, exact target, nothing else at the name. */
static void
judge_cname(const struct check_record *r, const struct dns_answer *a,
    struct check_judgement *j)
{
	unsigned long ttl = 0;
	char *target, *txt;

	target = join_values(a, r->name, DNS_T_CNAME, &ttl);
	if (target == NULL) {
		txt = join_values(a, r->name, DNS_T_TXT, &ttl);
		if (txt != NULL) {
			j->status = CHECK_MISMATCH;
			j->answer = txt;
			j->reason = xstrdup(_("a TXT record is published "
			    "where the CNAME should be; a CNAME must be the "
			    "only record at its name"));
			j->ttl = j->eta = (long)ttl;
			return;
		}
		j->status = CHECK_MISSING;
		j->eta = negative_eta(a);
		return;
	}
	j->answer = target;
	j->ttl = (long)ttl;
	if (check_name_eq(target, r->value)) {
		j->status = CHECK_OK;
		return;
	}
	j->status = CHECK_MISMATCH;
	j->reason = xasprintf(_("points to '%s' instead of '%s'"), target,
	    r->value);
	j->eta = (long)ttl;
}

/* Tell whether an SPF record already holds every mechanism. */
static int
spf_holds(const char *record, const struct strlist *mechs)
{
	char *merged, *cause = NULL;
	size_t i;
	int rc;

	for (i = 0; i < mechs->n; i++) {
		rc = spf_merge(record, mechs->v[i], &merged, &cause);
		if (rc == -1) {
			free(cause);
			return 0;
		}
		free(merged);
		if (rc != 1)
			return 0;
	}
	return 1;
}

/* Judge the SPF record: exactly one, and the one expected (or, loosely,
   one that holds the path's mechanisms). */
static void
judge_spf(const struct check *c, const struct check_record *r,
    const struct dns_answer *a, struct check_judgement *j)
{
	const struct dns_rr *found = NULL;
	const char *owner;
	size_t i, n = 0;

	owner = judge_chain(a, r->name, j);
	if (owner == NULL)
		return;
	for (i = 0; i < a->nan; i++) {
		const struct dns_rr *rr = &a->an[i];

		if (rr->type != DNS_T_TXT || !check_name_eq(rr->name, owner))
			continue;
		if (spf_is_record(rr->data)) {
			if (found == NULL)
				found = rr;
			n++;
		}
	}
	if (found == NULL) {
		j->status = CHECK_MISSING;
		j->eta = negative_eta(a);
		for (i = 0; i < a->nan; i++) {
			if (a->an[i].type == DNS_T_TXT &&
			    check_name_eq(a->an[i].name, owner)) {
				j->eta = (long)a->an[i].ttl;
				break;
			}
		}
		return;
	}
	j->answer = xstrdup(found->data);
	j->ttl = (long)found->ttl;
	if (n > 1) {
		j->status = CHECK_MISMATCH;
		j->reason = xasprintf(P_("%zu SPF record is published; "
		    "receivers then fail SPF (permerror, RFC 7208 4.5): "
		    "keep only the one mailwiz proposed",
		    "%zu SPF records are published; "
		    "receivers then fail SPF (permerror, RFC 7208 4.5): "
		    "keep only the one mailwiz proposed", n), n);
		j->eta = (long)found->ttl;
		return;
	}
	if (c->spf_loose ? spf_holds(found->data, &c->spf.mechs) :
	    spf_same(found->data, r->value)) {
		j->status = CHECK_OK;
		return;
	}
	j->status = CHECK_MISMATCH;
	j->reason = xstrdup(_("the published SPF record is not the one "
	    "expected"));
	j->eta = (long)found->ttl;
}

/* Judge the DMARC record: exactly one, and it parses. */
static void
judge_dmarc(const struct check_record *r, const struct dns_answer *a,
    struct check_judgement *j)
{
	struct dmarc_record d;
	const struct dns_rr *found = NULL;
	const char *owner;
	char *cause = NULL;
	size_t i, n = 0;

	owner = judge_chain(a, r->name, j);
	if (owner == NULL)
		return;
	for (i = 0; i < a->nan; i++) {
		const struct dns_rr *rr = &a->an[i];

		if (rr->type == DNS_T_TXT && check_name_eq(rr->name, owner) &&
		    dmarc_is_record(rr->data)) {
			if (found == NULL)
				found = rr;
			n++;
		}
	}
	if (found == NULL) {
		j->status = CHECK_MISSING;
		j->eta = negative_eta(a);
		return;
	}
	j->answer = xstrdup(found->data);
	j->ttl = (long)found->ttl;
	if (n > 1) {
		j->status = CHECK_MISMATCH;
		j->reason = xasprintf(P_("%zu DMARC record is published; "
		    "receivers then ignore all of them (RFC 7489 6.6.3)",
		    "%zu DMARC records are published; "
		    "receivers then ignore all of them (RFC 7489 6.6.3)", n),
		    n);
		j->eta = (long)found->ttl;
		return;
	}
	if (dmarc_parse(found->data, &d, &cause) == -1) {
		j->status = CHECK_MISMATCH;
		j->reason = xasprintf(_("the DMARC record cannot be read: %s"),
		    cause);
		j->eta = (long)found->ttl;
		free(cause);
		return;
	}
	dmarc_record_free(&d);
	j->status = CHECK_OK;
}

/* Judge any other record: the expected value among those published. */
static void
judge_plain(const struct check_record *r, const struct dns_answer *a,
    int type, struct check_judgement *j)
{
	unsigned long ttl = 0;
	const char *owner;
	char *values, *want;
	size_t i;

	owner = judge_chain(a, r->name, j);
	if (owner == NULL)
		return;
	values = join_values(a, owner, type, &ttl);
	if (values == NULL) {
		j->status = CHECK_MISSING;
		j->eta = negative_eta(a);
		return;
	}
	j->answer = values;
	j->ttl = (long)ttl;
	want = xstrdup(r->value);
	for (i = 0; i < a->nan; i++) {
		const struct dns_rr *rr = &a->an[i];
		char *have;
		int same;

		if (rr->type != type || !check_name_eq(rr->name, owner))
			continue;
		if (type == DNS_T_MX) {
			have = xasprintf("%u %s.", rr->pref, rr->data);
			same = str_caseeq(have, want);
			free(have);
		} else
			same = strcmp(rr->data, want) == 0;
		if (same) {
			j->status = CHECK_OK;
			free(want);
			return;
		}
	}
	free(want);
	j->status = CHECK_MISMATCH;
	j->reason = xstrdup(_("the value published is not the one expected"));
	j->eta = (long)ttl;
}

/* Judge one server's answer for one record. */
void
check_judge(struct check *c, size_t rec, size_t srv,
    const struct dns_answer *a, struct check_judgement *j)
{
	const struct check_record *r = &c->records[rec];
	const struct check_server *s = &c->servers[srv];

	j->ttl = j->eta = -1;
	if (a->status != DNS_OK) {
		j->status = CHECK_ERROR;
		j->reason = xstrdup(a->error != NULL ? a->error : "?");
		return;
	}
	if (a->rcode != 0 && a->rcode != 3) {
		j->status = CHECK_ERROR;
		j->reason = xstrdup(dns_rcode_name(a->rcode));
		return;
	}
	if (s->authoritative && !a->aa) {
		j->status = CHECK_ERROR;
		j->reason = xstrdup(_("not authoritative for the zone (lame "
		    "delegation)"));
		return;
	}
	if (strcmp(r->type, "CNAME") == 0)
		judge_cname(r, a, j);
	else if (strcmp(r->type, "TXT") == 0 && strcmp(r->purpose, "spf") == 0)
		judge_spf(c, r, a, j);
	else if (strcmp(r->type, "TXT") == 0 &&
	    strcmp(r->purpose, "dmarc") == 0)
		judge_dmarc(r, a, j);
	else if (strcmp(r->type, "MX") == 0)
		judge_plain(r, a, DNS_T_MX, j);
	else
		judge_plain(r, a, DNS_T_TXT, j);
}

struct check_side {
	struct check *c;
	size_t rec;
	char *name;
	int kind;		/* SIDE_KEY, SIDE_DOUBLED, SIDE_OTHER */
};

enum { SIDE_KEY, SIDE_DOUBLED, SIDE_OTHER };

/* Check the DKIM key a CNAME leads to. */
static void
side_key(struct check_record *r, const struct dns_answer *a)
{
	struct dkim_key key;
	const char *owner;
	char *cause = NULL, *path;
	enum dns_chain chain;
	size_t i;

	if (a->rcode != 0 && a->rcode != 3) {
		strlist_addf(&r->notes, _("the DKIM key at '%s' could not be "
		    "read: the resolver answered %s"), r->value,
		    dns_rcode_name(a->rcode));
		return;
	}
	chain = dns_follow(a, r->value, &owner, &path);
	if (chain == DNS_CHAIN_LOOP)
		strlist_addf(&r->notes, _("no DKIM key can be found at '%s': "
		    "CNAME loop (%s), so resolvers answer SERVFAIL and DKIM "
		    "signatures fail"), r->value, path);
	else if (chain == DNS_CHAIN_LONG)
		strlist_addf(&r->notes, P_("no DKIM key can be found at '%s': "
		    "the CNAMEs from it go on for more than %d name, so "
		    "resolvers answer SERVFAIL and DKIM signatures fail",
		    "no DKIM key can be found at '%s': the CNAMEs from it go "
		    "on for more than %d names, so resolvers answer SERVFAIL "
		    "and DKIM signatures fail", (unsigned long)DNS_MAX_CHAIN),
		    r->value, DNS_MAX_CHAIN);
	free(path);
	if (chain != DNS_CHAIN_OK)
		return;
	for (i = 0; i < a->nan; i++) {
		const struct dns_rr *rr = &a->an[i];

		if (rr->type != DNS_T_TXT || !check_name_eq(rr->name, owner))
			continue;
		if (dkim_key_parse(rr->data, &key, &cause) == -1) {
			strlist_addf(&r->notes, _("the DKIM key at '%s' is "
			    "not valid: %s"), r->value, cause);
			free(cause);
			return;
		}
		if (key.revoked)
			strlist_addf(&r->notes, _("the DKIM key at '%s' is "
			    "revoked (empty p=)"), r->value);
		else if (dkim_key_weak(&key))
			strlist_addf(&r->notes, P_("the DKIM key at '%s' has "
			    "only %d bit; use at least 1024, better 2048",
			    "the DKIM key at '%s' has only %d bits; use at "
			    "least 1024, better 2048",
			    (unsigned long)key.bits), r->value, key.bits);
		else
			strlist_addf(&r->notes, P_("DKIM key: %s, %d bit",
			    "DKIM key: %s, %d bits", (unsigned long)key.bits),
			    key.k != NULL ? key.k : "rsa", key.bits);
		dkim_key_free(&key);
		return;
	}
	if (a->status == DNS_OK)
		strlist_addf(&r->notes, _("no DKIM key is published at '%s', "
		    "where the CNAME points"), r->value);
}

/* A side question about a CNAME record was answered. */
static void
side_answered(void *arg, const struct dns_answer *a)
{
	struct check_side *d = arg;
	struct check_record *r = &d->c->records[d->rec];
	size_t i;

	d->c->pending--;
	if (d->c->closing || a->status != DNS_OK) {
		free(d->name);
		free(d);
		return;
	}
	if (d->kind == SIDE_KEY)
		side_key(r, a);
	for (i = 0; d->kind != SIDE_KEY && i < a->nan; i++) {
		if (!check_name_eq(a->an[i].name, d->name))
			continue;
		if (d->kind == SIDE_DOUBLED)
			strlist_addf(&r->notes, _("a record is published at "
			    "'%s.', the name with the domain twice: your DNS "
			    "host adds the domain itself, so enter only the "
			    "host part"), d->name);
		else if (a->an[i].type == DNS_T_TXT)
			strlist_addf(&r->notes, _("a TXT record is published "
			    "at '%s' where the CNAME should be; remove it, a "
			    "CNAME must be the only record at its name"),
			    r->name);
		else
			continue;
		break;
	}
	free(d->name);
	free(d);
}

/* Ask a side question about a CNAME record. */
static void
side_ask(struct check *c, size_t rec, size_t srv, const char *name,
    int kind)
{
	struct check_side *d;

	d = xmalloc(sizeof *d);
	d->c = c;
	d->rec = rec;
	d->name = xstrdup(name);
	d->kind = kind;
	c->pending++;
	dns_query(c->servers[srv].ch, d->name, DNS_T_TXT, side_answered, d);
}

/* Say once what the published DMARC policy does, and for Amazon SES
   paths that DMARC passes through DKIM. */
static void
followup_dmarc(struct check *c, struct check_record *r, const char *text)
{
	struct dmarc_record d;
	const char *why;
	char *cause = NULL;
	size_t i;

	r->key_checked = 1;
	if (dmarc_parse(text, &d, &cause) == -1) {
		free(cause);
		return;
	}
	why = dmarc_policy_explain(d.p);
	strlist_addf(&r->notes, _("DMARC policy p=%s: %s"), d.p,
	    why != NULL ? why : "");
	dmarc_record_free(&d);
	for (i = 0; i < c->spf.mechs.n; i++) {
		if (str_casesuffix(c->spf.mechs.v[i], "amazonses.com")) {
			strlist_add(&r->notes, _("Amazon SES mail passes DMARC "
			    "through the DKIM signature only (its bounce "
			    "domain is amazonses.com, so SPF does not align): "
			    "the DKIM CNAME records must be live"));
			break;
		}
	}
}

/* After an answer about a CNAME: check the key it leads to; when it is
   missing, look for the doubled name and for a record in its place.
   After a DMARC record: explain its policy. */
void
check_followup(struct check *c, size_t rec, size_t srv,
    const struct dns_answer *a)
{
	struct check_record *r = &c->records[rec];
	enum check_status st = r->cells[srv].status;
	char *name;

	if (strcmp(r->purpose, "dmarc") == 0 && st == CHECK_OK &&
	    !r->key_checked && r->cells[srv].answer != NULL)
		followup_dmarc(c, r, r->cells[srv].answer);

	if (strcmp(r->type, "CNAME") != 0 || a->status != DNS_OK ||
	    c->servers[srv].ch == NULL)
		return;
	if (st == CHECK_OK && !r->key_checked &&
	    !c->servers[srv].authoritative &&
	    strstr(r->name, "._domainkey.") != NULL) {
		r->key_checked = 1;
		name = xstrdup(r->value);
		if (name[0] != '\0' && name[strlen(name) - 1] == '.')
			name[strlen(name) - 1] = '\0';
		side_ask(c, rec, srv, name, SIDE_KEY);
		free(name);
	}
	if (st == CHECK_MISSING && !r->doubled_checked) {
		r->doubled_checked = 1;
		name = xasprintf("%s%s", r->name, c->domain);
		side_ask(c, rec, srv, name, SIDE_DOUBLED);
		free(name);
		name = xstrndup(r->name, strlen(r->name) - 1);
		side_ask(c, rec, srv, name, SIDE_OTHER);
		free(name);
	}
}
