/* plan.c - from the administrator's answers to the exact records */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "dmarc.h"
#include "domain.h"
#include "paste.h"
#include "plan.h"
#include "record.h"
#include "spf.h"

/* Start with no answers. */
void
plan_input_init(struct plan_input *in)
{
	memset(in, 0, sizeof *in);
}

/* Release what the answers hold. */
void
plan_input_free(struct plan_input *in)
{
	strlist_free(&in->provider_ids);
	strlist_free(&in->ips);
	strlist_free(&in->existing.txt);
	strlist_free(&in->existing.dmarc);
}

/* The server types of a feature, for error messages: "a, b, c". */
static char *
server_ids(const struct catalog *cat, const char *feature)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < cat->nservers; i++) {
		if (strcmp(cat->servers[i].feature, feature) != 0)
			continue;
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, cat->servers[i].id);
	}
	return buf_detach(&b);
}

/* Every feature or provider id, for error messages. */
static char *
ids_of(const struct catalog *cat, int providers)
{
	struct buf b;
	size_t i, n = providers ? cat->nproviders : cat->nfeatures;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, providers ? cat->providers[i].id :
		    cat->features[i].id);
	}
	return buf_detach(&b);
}

/* Find the value the administrator gave for a provider parameter. */
static const char *
provider_id(const struct plan_input *in, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < in->provider_ids.n; i++) {
		const char *kv = in->provider_ids.v[i];

		if (strncmp(kv, name, n) == 0 && kv[n] == '=')
			return kv + n + 1;
	}
	return NULL;
}

/* Fill the {placeholders} of a provider template. */
static char *
fill_template(const char *tpl, const struct plan_input *in,
    const char *domain)
{
	struct buf b;
	const char *p, *end, *v;
	char *key, *dashed, *q;

	buf_init(&b);
	for (p = tpl; *p != '\0'; p++) {
		end = *p == '{' ? strchr(p, '}') : NULL;
		if (end == NULL) {
			buf_putc(&b, *p);
			continue;
		}
		key = xstrndup(p + 1, (size_t)(end - p - 1));
		if (strcmp(key, "domain") == 0)
			buf_puts(&b, domain);
		else if (strcmp(key, "domain-dashed") == 0) {
			dashed = xstrdup(domain);
			for (q = dashed; *q != '\0'; q++) {
				if (*q == '.')
					*q = '-';
			}
			buf_puts(&b, dashed);
			free(dashed);
		} else {
			v = provider_id(in, key);
			buf_puts(&b, v != NULL ? v : "");
		}
		free(key);
		p = end;
	}
	return buf_detach(&b);
}

/* Check the --provider-id values against what the preset needs. */
static int
check_provider_ids(const struct catalog_provider *pv,
    const struct plan_input *in, char **cause)
{
	size_t i, j;
	const char *v;
	char *name;
	int known;

	for (i = 0; i < in->provider_ids.n; i++) {
		const char *kv = in->provider_ids.v[i];
		const char *eq = strchr(kv, '=');

		if (eq == NULL || eq == kv) {
			*cause = xasprintf(_("--provider-id '%s' is not "
			    "KEY=VALUE"), kv);
			return -1;
		}
		name = xstrndup(kv, (size_t)(eq - kv));
		known = 0;
		for (j = 0; j < pv->nparams; j++) {
			if (strcmp(pv->params[j].name, name) == 0)
				known = 1;
		}
		if (!known) {
			if (pv->nparams == 0)
				*cause = xasprintf(_("provider '%s' takes no "
				    "--provider-id; remove '%s'"), pv->id, kv);
			else
				*cause = xasprintf(_("provider '%s' has no id "
				    "called '%s'; see 'mailwiz catalog'"),
				    pv->id, name);
			free(name);
			return -1;
		}
		free(name);
	}
	for (i = 0; i < pv->nparams; i++) {
		v = provider_id(in, pv->params[i].name);
		if (v == NULL || *v == '\0') {
			*cause = xasprintf(_("provider '%s' needs "
			    "--provider-id %s=VALUE: %s"), pv->id,
			    pv->params[i].name, pv->params[i].help);
			return -1;
		}
		for (const char *p = v; *p != '\0'; p++) {
			if ((*p < 'a' || *p > 'z') && (*p < 'A' || *p > 'Z') &&
			    (*p < '0' || *p > '9') && *p != '-') {
				*cause = xasprintf(_("--provider-id %s='%s' "
				    "may only hold letters, digits and "
				    "hyphens"), pv->params[i].name, v);
				return -1;
			}
		}
	}
	return 0;
}

/* Make sure a mechanism built from --ip is one SPF accepts. */
static int
ip_mechanism_check(const char *value, const char *mech, char **cause)
{
	struct spf_record rec;
	char *text, *why = NULL;

	text = xasprintf("v=spf1 %s", mech);
	if (spf_parse(text, &rec, &why) == -1) {
		*cause = xasprintf(_("--ip '%s' cannot be used in an SPF "
		    "record: %s"), value, why);
		free(why);
		free(text);
		return -1;
	}
	spf_record_free(&rec);
	free(text);
	return 0;
}

/* Turn a --ip value into an SPF mechanism: ip4:, ip6: or a:. */
static int
ip_mechanism(const char *value, struct strlist *mechs, char **cause)
{
	unsigned char bin[16];
	unsigned long bits;
	char *addr, *slash;
	int family = 0, max = 0;

	addr = xstrdup(value);
	slash = strchr(addr, '/');
	if (slash != NULL)
		*slash = '\0';
	if (inet_pton(AF_INET, addr, bin) == 1) {
		family = 4;
		max = 32;
	} else if (inet_pton(AF_INET6, addr, bin) == 1) {
		family = 6;
		max = 128;
	}
	if (slash != NULL && (family == 0 ||
	    parse_uint(slash + 1, 0, (unsigned long)max, &bits) == -1)) {
		*cause = xasprintf(_("--ip '%s' is not an address with a "
		    "prefix length (such as 192.0.2.0/24 or 2001:db8::/32)"),
		    value);
		free(addr);
		return -1;
	}
	if (family == 4)
		strlist_addf(mechs, "ip4:%s", value);
	else if (family == 6)
		strlist_addf(mechs, "ip6:%s", value);
	else {
		if (domain_name_valid(addr, cause) == -1 ||
		    strchr(addr, '.') == NULL) {
			free(*cause);
			*cause = xasprintf(_("--ip '%s' is neither an IPv4 or "
			    "IPv6 address nor a host name"), value);
			free(addr);
			return -1;
		}
		strlist_addf(mechs, "a:%s", addr);
	}
	free(addr);
	return ip_mechanism_check(value, mechs->v[mechs->n - 1], cause);
}

/* Find the SPF records among the TXT strings at the domain. */
static void
find_spf(const struct strlist *txt, struct strlist *spf)
{
	size_t i;

	for (i = 0; i < txt->n; i++) {
		if (spf_is_record(txt->v[i]))
			strlist_add(spf, txt->v[i]);
	}
}

/* Write the SPF record: merged into the existing one, or a new one. */
static int
plan_spf(const struct catalog_server *sv, const struct strlist *mechs,
    const struct plan_input *in, struct record_set *rs, char **cause)
{
	struct strlist spf = { NULL, 0 };
	struct record *r;
	char *cur, *next = NULL, *joined, *why;
	size_t i;
	int rc, changed = 0;

	if (mechs->n == 0)
		return 0;
	find_spf(&in->existing.txt, &spf);
	if (in->existing.spf_rr)
		spf_lint_rrtype(rs);
	if (spf.n > 1)
		spf_lint_multiple(spf.n, rs);
	if (spf.n == 0) {
		if (sv->spf_default != NULL && mechs->n == 1 &&
		    sv->spf != NULL && strcmp(sv->spf, mechs->v[0]) == 0)
			cur = xstrdup(sv->spf_default);
		else {
			struct buf b;

			buf_init(&b);
			buf_puts(&b, "v=spf1 mx");
			for (i = 0; i < mechs->n; i++)
				buf_printf(&b, " %s", mechs->v[i]);
			buf_puts(&b, " ~all");
			cur = buf_detach(&b);
		}
		r = record_set_add(rs, "@", "TXT", cur, "spf");
		if (!in->existing.known)
			record_set_warn(rs, "spf-not-looked-up", _("mailwiz "
			    "did not look at the domain's current SPF record "
			    "(--offline). If the domain already has one, do "
			    "not add this record beside it: run again without "
			    "--offline, or give the current record with "
			    "--existing-spf, and mailwiz merges the two"));
		r->why = xasprintf(_("Tells receiving mail servers which "
		    "servers may send mail for %s (SPF, RFC 7208). The "
		    "proposed record also allows the domain's own MX hosts; "
		    "remove 'mx' if they never send mail."),
		    rs->domain_display);
		spf_lint(cur, "new", rs);
		free(cur);
		strlist_free(&spf);
		return 0;
	}
	spf_lint(spf.v[0], "existing", rs);
	cur = xstrdup(spf.v[0]);
	for (i = 0; i < mechs->n; i++) {
		rc = spf_merge(cur, mechs->v[i], &next, cause);
		if (rc == -1) {
			why = *cause;
			*cause = xasprintf(_("the domain's current SPF record "
			    "'%s' cannot be read (%s), so mailwiz cannot merge "
			    "into it; fix the record, or give a corrected one "
			    "with --existing-spf"), spf.v[0], why);
			free(why);
			free(cur);
			strlist_free(&spf);
			return -1;
		}
		if (rc == 0)
			changed = 1;
		free(cur);
		cur = next;
	}
	r = record_set_add(rs, "@", "TXT", cur, "spf");
	if (changed) {
		r->action = RECORD_REPLACE;
		r->replaces = xstrdup(spf.v[0]);
		joined = xstrdup(mechs->v[0]);
		for (i = 1; i < mechs->n; i++) {
			char *t = xasprintf("%s %s", joined, mechs->v[i]);

			free(joined);
			joined = t;
		}
		r->why = xasprintf(_("Your current SPF record with '%s' "
		    "added, so receiving servers accept mail from the chosen "
		    "server. Replace the old record; never publish a second "
		    "SPF record (RFC 7208 4.5)."), joined);
		free(joined);
		spf_lint(cur, "new", rs);
	} else {
		r->action = RECORD_KEEP;
		r->why = xstrdup(_("Your current SPF record already allows "
		    "the chosen server; nothing to change."));
	}
	free(cur);
	strlist_free(&spf);
	return 0;
}

/* Add records pasted by the administrator (DKIM from support or a
   provider's panel). */
static int
plan_paste(const struct catalog_server *sv, const struct plan_input *in,
    struct record_set *rs, char **cause)
{
	struct paste_result pr;
	struct record *r;
	size_t i, errline = 0, ncname = 0;
	char *why;

	memset(&pr, 0, sizeof pr);
	if (paste_read(in->dkim_text, rs->domain, &pr, cause, &errline)
	    == -1) {
		char *c = xasprintf("%s: %s", in->dkim_source != NULL ?
		    in->dkim_source : "--dkim", *cause);

		free(*cause);
		*cause = c;
		return -1;
	}
	for (i = 0; i < pr.warnings.n; i++)
		record_set_warn(rs, "dkim-paste", "%s", pr.warnings.v[i]);
	for (i = 0; i < pr.nrecords; i++) {
		struct paste_record *p = &pr.records[i];
		const char *purpose = "dkim";

		if (strstr(p->host, "_domainkey") == NULL)
			purpose = strcmp(p->type, "MX") == 0 ? "bounce" :
			    "provider";
		r = record_set_add(rs, p->host, p->type, p->value, purpose);
		if (in->ttl > 0)
			r->ttl = in->ttl;
		if (strcmp(purpose, "dkim") == 0) {
			why = xstrdup(_("Publishes the key that receiving "
			    "servers use to check the DKIM signature on your "
			    "mail; with it, mail passes DMARC for your "
			    "domain."));
			if (strcmp(p->type, "CNAME") == 0)
				ncname++;
		} else
			why = xstrdup(_("A record your provider asked for."));
		r->why = why;
	}
	if (sv->dkim_count > 0 && (ncname == 0 ||
	    ncname % (size_t)sv->dkim_count != 0))
		record_set_warn(rs, "dkim-count", P_("expected %d DKIM CNAME "
		    "record for each environment, but the paste has %zu; "
		    "check that you copied all of them",
		    "expected %d DKIM CNAME records for each environment, "
		    "but the paste has %zu; check that you copied all of "
		    "them", sv->dkim_count), sv->dkim_count, ncname);
	paste_result_free(&pr);
	return 0;
}

/* Add the provider preset's own records (templates filled with ids). */
static void
plan_templates(const struct catalog_provider *pv,
    const struct plan_input *in, struct record_set *rs)
{
	struct record *r;
	char *host, *value;
	size_t i;

	for (i = 0; i < pv->ntemplates; i++) {
		const struct catalog_template *t = &pv->templates[i];

		host = fill_template(t->host, in, rs->domain);
		value = fill_template(t->value, in, rs->domain);
		r = record_set_add(rs, host, t->type, value, t->purpose);
		if (in->ttl > 0)
			r->ttl = in->ttl;
		r->why = xstrdup(t->why != NULL ? t->why : "");
		free(host);
		free(value);
	}
}

/* Propose a DMARC record where the domain has none. */
static int
plan_dmarc(const struct catalog_server *sv, const struct plan_input *in,
    struct record_set *rs, char **cause)
{
	struct record *r;
	char *rua = NULL, *value;
	size_t i, n = 0;
	const char *current = NULL;

	if (in->dmarc_rua != NULL && *in->dmarc_rua != '\0') {
		if (dmarc_rua_valid(in->dmarc_rua, &rua, cause) == -1) {
			char *c = xasprintf("--dmarc-rua: %s", *cause);

			free(*cause);
			*cause = c;
			return -1;
		}
	}
	for (i = 0; i < in->existing.dmarc.n; i++) {
		if (dmarc_is_record(in->existing.dmarc.v[i])) {
			if (current == NULL)
				current = in->existing.dmarc.v[i];
			n++;
		}
	}
	if (n > 1)
		record_set_warn(rs, "dmarc-multiple", P_("_dmarc.%s has %zu "
		    "DMARC record; receivers then ignore all of them "
		    "(RFC 7489 6.6.3). Keep exactly one", "_dmarc.%s has %zu "
		    "DMARC records; receivers then ignore all of them "
		    "(RFC 7489 6.6.3). Keep exactly one", n), rs->domain, n);
	if (current != NULL) {
		r = record_set_add(rs, "_dmarc", "TXT", current, "dmarc");
		r->action = RECORD_KEEP;
		r->why = xstrdup(_("Your domain already has a DMARC record; "
		    "mailwiz leaves it as it is."));
		if (rua != NULL)
			record_set_warn(rs, "dmarc-rua-ignored", _("the domain "
			    "already has a DMARC record, so --dmarc-rua was "
			    "not used; add the address to the existing "
			    "record yourself if you want reports"));
	} else {
		value = dmarc_starting_record(rua);
		r = record_set_add(rs, "_dmarc", "TXT", value, "dmarc");
		free(value);
		if (in->ttl > 0)
			r->ttl = in->ttl;
		r->why = xstrdup(_("A starting DMARC policy (RFC 7489): "
		    "p=none only asks for reports and changes no delivery. "
		    "Once the reports show your mail passing, move to "
		    "p=quarantine, then p=reject."));
		if (!in->existing.dmarc_known)
			record_set_warn(rs, "dmarc-not-looked-up", _("mailwiz "
			    "did not look for an existing DMARC record; "
			    "if _dmarc already has one, keep it "
			    "and skip this record"));
		if (rua != NULL && dmarc_external_rua(rs->domain, rua))
			record_set_warn(rs, "dmarc-external-rua", _("the "
			    "report address is in another domain; that "
			    "domain must publish a TXT record \"v=DMARC1\" "
			    "at %s._report._dmarc.<its domain> to accept "
			    "reports for you (RFC 7489 7.1)"), rs->domain);
	}
	if (sv->dmarc_via_dkim)
		record_set_warn(rs, "dmarc-via-dkim", _("Amazon SES sends "
		    "with its own bounce domain, so SPF passes for "
		    "amazonses.com but does not align with %s. Your mail "
		    "passes DMARC through the DKIM signature only: publish "
		    "the DKIM CNAME records, or DMARC fails"),
		    rs->domain_display);
	free(rua);
	return 0;
}

/* Build the record set for a path of the catalog. */
int
plan_build(const struct catalog *cat, const struct plan_input *in,
    struct record_set *rs, char **cause)
{
	const struct catalog_feature *ft;
	const struct catalog_server *sv;
	const struct catalog_provider *pv = NULL;
	struct strlist mechs = { NULL, 0 };
	char *alabel, *ulabel, *ids;
	size_t i;

	memset(rs, 0, sizeof *rs);
	if (in->feature == NULL) {
		ids = ids_of(cat, 0);
		*cause = xasprintf(_("no feature given; use --feature with "
		    "one of: %s"), ids);
		free(ids);
		return -1;
	}
	ft = catalog_feature(cat, in->feature);
	if (ft == NULL) {
		ids = ids_of(cat, 0);
		*cause = xasprintf(_("unknown feature '%s'; use one of: %s"),
		    in->feature, ids);
		free(ids);
		return -1;
	}
	if (in->server == NULL) {
		ids = server_ids(cat, ft->id);
		*cause = xasprintf(_("no server type given; use --server "
		    "with one of: %s"), ids);
		free(ids);
		return -1;
	}
	sv = catalog_server(cat, ft->id, in->server);
	if (sv == NULL) {
		ids = server_ids(cat, ft->id);
		*cause = xasprintf(_("unknown server type '%s' for feature "
		    "'%s'; use one of: %s"), in->server, ft->id, ids);
		free(ids);
		return -1;
	}
	if (in->domain == NULL) {
		*cause = xstrdup(_("no domain given; use --domain with the "
		    "domain of your From address, such as example.com"));
		return -1;
	}
	if (domain_parse(in->domain, &alabel, &ulabel, cause) == -1)
		return -1;
	if (sv->needs_provider) {
		if (in->provider == NULL) {
			ids = ids_of(cat, 1);
			*cause = xasprintf(_("server type '%s' needs "
			    "--provider, one of: %s"), sv->id, ids);
			free(ids);
			goto fail;
		}
		pv = catalog_provider(cat, in->provider);
		if (pv == NULL) {
			ids = ids_of(cat, 1);
			*cause = xasprintf(_("unknown provider '%s'; use one "
			    "of: %s"), in->provider, ids);
			free(ids);
			goto fail;
		}
		if (check_provider_ids(pv, in, cause) == -1)
			goto fail;
	} else if (in->provider != NULL) {
		*cause = xasprintf(_("--provider is only for the "
		    "external-smtp server type, not '%s'"), sv->id);
		goto fail;
	}
	if (in->ips.n > 0 && (pv == NULL || !pv->custom)) {
		*cause = xstrdup(_("--ip is only for --provider custom (your "
		    "own server's addresses)"));
		goto fail;
	}
	if (pv != NULL && pv->custom && in->ips.n == 0) {
		*cause = xstrdup(_("--provider custom needs the addresses or "
		    "host names your server sends from: give --ip for each "
		    "(such as --ip 192.0.2.25 --ip mail.example.com)"));
		goto fail;
	}

	record_set_init(rs, alabel, ulabel);
	rs->feature = xstrdup(ft->id);
	rs->server = xstrdup(sv->id);
	if (pv != NULL)
		rs->provider = xstrdup(pv->id);
	if (sv->nothing) {
		rs->note = xstrdup(sv->nothing_why != NULL ?
		    sv->nothing_why : "");
		free(alabel);
		free(ulabel);
		return 0;
	}

	if (sv->spf != NULL)
		strlist_add(&mechs, sv->spf);
	if (pv != NULL && pv->spf != NULL)
		strlist_add(&mechs, pv->spf);
	for (i = 0; i < in->ips.n; i++) {
		if (ip_mechanism(in->ips.v[i], &mechs, cause) == -1)
			goto fail_rs;
	}
	for (i = 0; i < mechs.n; i++)
		strlist_add(&rs->spf_mechs, mechs.v[i]);
	if (plan_spf(sv, &mechs, in, rs, cause) == -1)
		goto fail_rs;
	if (rs->nrecords > 0 && in->ttl > 0 &&
	    rs->records[rs->nrecords - 1].action != RECORD_KEEP)
		rs->records[rs->nrecords - 1].ttl = in->ttl;

	if (pv != NULL)
		plan_templates(pv, in, rs);
	if (in->dkim_text != NULL) {
		if (plan_paste(sv, in, rs, cause) == -1)
			goto fail_rs;
	} else if (sv->dkim_count > 0)
		record_set_warn(rs, "dkim-missing", P_("%s needs %d DKIM CNAME "
		    "record from Zuora Global Support; when you have it, run "
		    "again with --dkim FILE (or paste it into the wizard)",
		    "%s needs %d DKIM CNAME records from Zuora Global "
		    "Support; when you have them, run again with --dkim FILE "
		    "(or paste them into the wizard)", sv->dkim_count),
		    sv->title, sv->dkim_count);
	else if (pv != NULL && pv->dkim_paste)
		record_set_warn(rs, "dkim-provider", _("%s signs mail with a "
		    "DKIM key that you copy from its control panel; run "
		    "again with --dkim FILE holding that record"), pv->name);

	if (plan_dmarc(sv, in, rs, cause) == -1)
		goto fail_rs;
	if (pv != NULL && !pv->verified)
		record_set_warn(rs, "provider-unverified", _("the %s values "
		    "come from public pages mailwiz could not confirm; check "
		    "them with your provider"), pv->name);
	if (pv != NULL && pv->custom && cat->nipsets > 0)
		record_set_warn(rs, "allow-list", _("your own server may "
		    "have to accept connections from Zuora's outbound "
		    "addresses; 'mailwiz catalog' lists those known (%s, "
		    "read %s); confirm them on %s"), cat->ipsets[0].datacenter,
		    cat->ips_date, cat->ips_source);
	strlist_free(&mechs);
	free(alabel);
	free(ulabel);
	return 0;

fail_rs:
	record_set_free(rs);
fail:
	strlist_free(&mechs);
	free(alabel);
	free(ulabel);
	return -1;
}
