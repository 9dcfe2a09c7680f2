/* catalog-read.c - read the validated catalog and check what the schema
   cannot: references, duplicates, SPF terms, placeholders, addresses */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "catalog-int.h"

/* Tell whether a node is the element called name. */
static int
node_is(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* The element at or after n, skipping text and comments. */
static xmlNode *
node_element(xmlNode *n)
{
	while (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

/* Collapse runs of XML white space into one space, trimmed. */
static char *
text_normalise(const char *s)
{
	struct buf b;
	int space = 0;

	buf_init(&b);
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_putc(&b, ' ');
		space = 0;
		buf_putc(&b, *s);
	}
	return buf_detach(&b);
}

/* An attribute's value, copied, or NULL when it is absent. */
static char *
node_attr(xmlNode *n, const char *name)
{
	xmlChar *v;
	char *s;

	v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* A required attribute. */
static int
node_need(struct load *ld, xmlNode *n, const char *name, char **out)
{
	*out = node_attr(n, name);
	if (*out == NULL)
		return catalog_fail(ld, n, _("<%s> needs the attribute '%s'"),
		    (const char *)n->name, name);
	return 0;
}

/* A yes/no attribute, def when absent (-1: required). */
static int
node_flag(struct load *ld, xmlNode *n, const char *name, int def, int *out)
{
	char *v;
	int rc = 0;

	v = node_attr(n, name);
	if (v == NULL && def == -1)
		return catalog_fail(ld, n, _("<%s> needs the attribute '%s'"),
		    (const char *)n->name, name);
	if (v == NULL)
		*out = def;
	else if (strcmp(v, "yes") == 0)
		*out = 1;
	else if (strcmp(v, "no") == 0)
		*out = 0;
	else
		rc = catalog_fail(ld, n, _("%s=\"%s\" must be \"yes\" or "
		    "\"no\""), name, v);
	free(v);
	return rc;
}

/* Replace a text of the catalog by its translation, if the message
   catalog has one: po/catalog.its extracts these texts into the template
   with the same white-space normalisation as text_normalise(). */
static void
text_translate(char **text)
{
	const char *t;

	t = _(*text);
	if (t != *text && strcmp(t, *text) != 0) {
		free(*text);
		*text = xstrdup(t);
	}
}

/* The normalised text of the child element called name; NULL and no
   error when it is absent and optional. */
static int
node_text(struct load *ld, xmlNode *n, const char *name, int need,
    char **out)
{
	xmlNode *c;
	xmlChar *v;

	*out = NULL;
	for (c = node_element(n->children); c != NULL;
	    c = node_element(c->next)) {
		if (!node_is(c, name))
			continue;
		v = xmlNodeGetContent(c);
		*out = text_normalise(v != NULL ? (const char *)v : "");
		xmlFree(v);
		if (**out == '\0')
			return catalog_fail(ld, c, _("<%s> is empty"), name);
		text_translate(out);
		return 0;
	}
	if (need)
		return catalog_fail(ld, n, _("<%s> needs a <%s>"),
		    (const char *)n->name, name);
	return 0;
}

/* Collect the href of each <source>; at least one is needed. */
static int
node_sources(struct load *ld, xmlNode *n, struct strlist *sources,
    char **first)
{
	xmlNode *c;
	char *href;

	for (c = node_element(n->children); c != NULL;
	    c = node_element(c->next)) {
		if (!node_is(c, "source"))
			continue;
		if (node_need(ld, c, "href", &href) == -1)
			return -1;
		strlist_add(sources, href);
		free(href);
	}
	if (sources->n == 0)
		return catalog_fail(ld, n, _("<%s> needs a <source>"),
		    (const char *)n->name);
	*first = xstrdup(sources->v[0]);
	return 0;
}

/* Tell whether an SPF term looks like one: a mechanism the catalog may
   ask for, or also a qualified "all" and modifiers in a whole record. */
static int
spf_term_ok(const char *t, int whole)
{
	static const char *const prefixes[] = {
		"include:", "a:", "ip4:", "ip6:", "exists:", "mx:", "mx/"
	};
	size_t i, n;

	if (whole && (*t == '+' || *t == '-' || *t == '~' || *t == '?'))
		t++;
	if (strcmp(t, "mx") == 0)
		return 1;
	if (whole && (strcmp(t, "all") == 0 || strcmp(t, "a") == 0 ||
	    strncmp(t, "a/", 2) == 0 || strncmp(t, "redirect=", 9) == 0 ||
	    strncmp(t, "exp=", 4) == 0))
		return 1;
	for (i = 0; i < nitems(prefixes); i++) {
		n = strlen(prefixes[i]);
		if (strncmp(t, prefixes[i], n) == 0 && t[n] != '\0' &&
		    strpbrk(t, " \t\"") == NULL)
			return 1;
	}
	return 0;
}

/* Check an SPF mechanism the catalog asks to add. */
static int
check_spf(struct load *ld, xmlNode *n, const char *spf)
{
	if (!spf_term_ok(spf, 0))
		return catalog_fail(ld, n, _("SPF mechanism '%s' is "
		    "malformed: it must start with include:, a:, ip4:, ip6:, "
		    "mx or exists:"), spf);
	return 0;
}

/* Check a whole proposed SPF record, and that it holds the mechanism. */
static int
check_spf_default(struct load *ld, xmlNode *n, const char *record,
    const char *spf)
{
	char *copy, *term, *save = NULL;
	int found = 0, rc = 0;

	if (strncmp(record, "v=spf1 ", 7) != 0)
		return catalog_fail(ld, n, _("spf-default '%s' must start "
		    "with 'v=spf1 '"), record);
	copy = xstrdup(record + 7);
	for (term = strtok_r(copy, " ", &save); term != NULL;
	    term = strtok_r(NULL, " ", &save)) {
		if (!spf_term_ok(term, 1)) {
			rc = catalog_fail(ld, n, _("spf-default '%s' has a "
			    "malformed term '%s'"), record, term);
			break;
		}
		if (spf != NULL && strcmp(term, spf) == 0)
			found = 1;
	}
	free(copy);
	if (rc == 0 && spf != NULL && !found)
		rc = catalog_fail(ld, n, _("spf-default '%s' does not hold "
		    "the server's mechanism '%s'"), record, spf);
	return rc;
}

/* Read a <feature>. */
static int
read_feature(struct load *ld, xmlNode *n, struct catalog *cat)
{
	struct catalog_feature *f;
	char *id;

	if (node_need(ld, n, "id", &id) == -1)
		return -1;
	if (catalog_feature(cat, id) != NULL) {
		catalog_fail(ld, n, _("duplicate feature '%s'"), id);
		free(id);
		return -1;
	}
	cat->features = xreallocarray(cat->features, cat->nfeatures + 1,
	    sizeof *cat->features);
	f = &cat->features[cat->nfeatures++];
	memset(f, 0, sizeof *f);
	f->id = id;
	if (node_text(ld, n, "title", 1, &f->title) == -1 ||
	    node_text(ld, n, "help", 1, &f->help) == -1 ||
	    node_sources(ld, n, &f->sources, &f->source) == -1)
		return -1;
	return 0;
}

/* Read the DKIM attributes of a <server> and check they agree. */
static int
read_server_dkim(struct load *ld, xmlNode *n, struct catalog_server *s)
{
	unsigned long count;
	char *v;

	if (node_need(ld, n, "dkim-count", &v) == -1)
		return -1;
	if (parse_uint(v, 0, 8, &count) == -1) {
		catalog_fail(ld, n, _("dkim-count=\"%s\" must be a number "
		    "from 0 to 8"), v);
		free(v);
		return -1;
	}
	free(v);
	s->dkim_count = (int)count;
	if (node_need(ld, n, "dkim-from", &s->dkim_from) == -1)
		return -1;
	if (s->dkim_count > 0 && strcmp(s->dkim_from, "none") == 0)
		return catalog_fail(ld, n, _("dkim-count=\"%d\" needs a "
		    "dkim-from other than \"none\""), s->dkim_count);
	if (s->dkim_count == 0 && strcmp(s->dkim_from, "zuora-support") == 0)
		return catalog_fail(ld, n, _("dkim-from=\"zuora-support\" "
		    "needs a dkim-count above 0"));
	return 0;
}

/* Read a <server>. */
static int
read_server(struct load *ld, xmlNode *n, struct catalog *cat)
{
	struct catalog_server *s;
	char *feature, *id;

	if (node_need(ld, n, "feature", &feature) == -1)
		return -1;
	if (node_need(ld, n, "id", &id) == -1) {
		free(feature);
		return -1;
	}
	if (catalog_feature(cat, feature) == NULL)
		catalog_fail(ld, n, _("server '%s' belongs to unknown feature "
		    "'%s'"), id, feature);
	else if (catalog_server(cat, feature, id) != NULL)
		catalog_fail(ld, n, _("duplicate server '%s' in feature '%s'"),
		    id, feature);
	if (ld->error != NULL) {
		free(feature);
		free(id);
		return -1;
	}
	cat->servers = xreallocarray(cat->servers, cat->nservers + 1,
	    sizeof *cat->servers);
	s = &cat->servers[cat->nservers++];
	memset(s, 0, sizeof *s);
	s->feature = feature;
	s->id = id;
	s->spf = node_attr(n, "spf");
	if (s->spf != NULL && check_spf(ld, n, s->spf) == -1)
		return -1;
	s->spf_default = node_attr(n, "spf-default");
	if (s->spf_default != NULL &&
	    check_spf_default(ld, n, s->spf_default, s->spf) == -1)
		return -1;
	if (read_server_dkim(ld, n, s) == -1 ||
	    node_flag(ld, n, "dmarc-via-dkim", 0, &s->dmarc_via_dkim) == -1 ||
	    node_flag(ld, n, "needs-provider", 0, &s->needs_provider) == -1 ||
	    node_flag(ld, n, "nothing", 0, &s->nothing) == -1 ||
	    node_text(ld, n, "title", 1, &s->title) == -1 ||
	    node_text(ld, n, "help", 1, &s->help) == -1 ||
	    node_text(ld, n, "nothing-why", 0, &s->nothing_why) == -1 ||
	    node_sources(ld, n, &s->sources, &s->source) == -1)
		return -1;
	if (s->nothing && s->nothing_why == NULL)
		return catalog_fail(ld, n, _("nothing=\"yes\" needs a "
		    "<nothing-why>"));
	if (!s->nothing && s->nothing_why != NULL)
		return catalog_fail(ld, n, _("<nothing-why> needs "
		    "nothing=\"yes\""));
	if (s->nothing && (s->spf != NULL || s->dkim_count > 0 ||
	    s->needs_provider))
		return catalog_fail(ld, n, _("nothing=\"yes\" cannot go with "
		    "spf, dkim-count or needs-provider"));
	return 0;
}

/* Tell whether a provider declares a parameter. */
static int
provider_has_param(const struct catalog_provider *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nparams; i++) {
		if (strcmp(p->params[i].name, name) == 0)
			return 1;
	}
	return 0;
}

/* Read a <param> of a provider. */
static int
read_param(struct load *ld, xmlNode *n, struct catalog_provider *p)
{
	struct catalog_param *pm;
	char *name;

	if (node_need(ld, n, "name", &name) == -1)
		return -1;
	if (strcmp(name, "domain") == 0 || strcmp(name, "domain-dashed") == 0)
		catalog_fail(ld, n, _("parameter '%s' hides the built-in "
		    "placeholder {%s}"), name, name);
	else if (provider_has_param(p, name))
		catalog_fail(ld, n, _("duplicate parameter '%s' in provider "
		    "'%s'"), name, p->id);
	if (ld->error != NULL) {
		free(name);
		return -1;
	}
	p->params = xreallocarray(p->params, p->nparams + 1,
	    sizeof *p->params);
	pm = &p->params[p->nparams++];
	memset(pm, 0, sizeof *pm);
	pm->name = name;
	if (node_need(ld, n, "example", &pm->example) == -1 ||
	    node_text(ld, n, "help", 1, &pm->help) == -1)
		return -1;
	return 0;
}

/* Check the {placeholders} of a template string; mark the parameters
   used in used[]. */
static int
check_placeholders(struct load *ld, xmlNode *n,
    const struct catalog_provider *p, const char *s, int *used)
{
	const char *c, *close;
	char *name;
	size_t i;
	int known;

	for (c = s; *c != '\0'; c++) {
		if (*c == '}')
			return catalog_fail(ld, n, _("stray '}' in template "
			    "'%s'"), s);
		if (*c != '{')
			continue;
		close = strchr(c, '}');
		if (close == NULL || memchr(c + 1, '{',
		    (size_t)(close - c - 1)) != NULL)
			return catalog_fail(ld, n, _("unclosed '{' in "
			    "template '%s'"), s);
		name = xstrndup(c + 1, (size_t)(close - c - 1));
		known = strcmp(name, "domain") == 0 ||
		    strcmp(name, "domain-dashed") == 0;
		for (i = 0; i < p->nparams; i++) {
			if (strcmp(p->params[i].name, name) == 0) {
				used[i] = 1;
				known = 1;
			}
		}
		if (!known)
			catalog_fail(ld, n, _("placeholder {%s} in template "
			    "'%s' is not a parameter of provider '%s'"), name,
			    s, p->id);
		free(name);
		if (!known)
			return -1;
		c = close;
	}
	return 0;
}

/* Read a <template> of a provider. */
static int
read_template(struct load *ld, xmlNode *n, struct catalog_provider *p,
    int *used)
{
	struct catalog_template *t;

	p->templates = xreallocarray(p->templates, p->ntemplates + 1,
	    sizeof *p->templates);
	t = &p->templates[p->ntemplates++];
	memset(t, 0, sizeof *t);
	if (node_need(ld, n, "host", &t->host) == -1 ||
	    node_need(ld, n, "type", &t->type) == -1 ||
	    node_need(ld, n, "value", &t->value) == -1 ||
	    node_need(ld, n, "purpose", &t->purpose) == -1 ||
	    node_text(ld, n, "why", 1, &t->why) == -1)
		return -1;
	if (check_placeholders(ld, n, p, t->host, used) == -1 ||
	    check_placeholders(ld, n, p, t->value, used) == -1)
		return -1;
	return 0;
}

/* Read the attributes of a <provider> and check they agree. */
static int
read_provider_flags(struct load *ld, xmlNode *n, struct catalog_provider *p)
{
	p->spf = node_attr(n, "spf");
	if (p->spf != NULL && check_spf(ld, n, p->spf) == -1)
		return -1;
	p->dkim_host = node_attr(n, "dkim-host");
	if (node_flag(ld, n, "spf-optional", 0, &p->spf_optional) == -1 ||
	    node_flag(ld, n, "verified", -1, &p->verified) == -1 ||
	    node_flag(ld, n, "custom", 0, &p->custom) == -1 ||
	    node_flag(ld, n, "dkim-paste", 0, &p->dkim_paste) == -1)
		return -1;
	if (p->spf_optional && p->spf == NULL)
		return catalog_fail(ld, n, _("spf-optional=\"yes\" needs an "
		    "spf"));
	if (p->dkim_host != NULL && !p->dkim_paste)
		return catalog_fail(ld, n, _("dkim-host needs "
		    "dkim-paste=\"yes\""));
	return 0;
}

/* Read a <provider>, its parameters and templates. */
static int
read_provider(struct load *ld, xmlNode *n, struct catalog *cat)
{
	struct catalog_provider *p;
	xmlNode *c;
	char *id;
	int *used = NULL;
	size_t i;

	if (node_need(ld, n, "id", &id) == -1)
		return -1;
	if (catalog_provider(cat, id) != NULL) {
		catalog_fail(ld, n, _("duplicate provider '%s'"), id);
		free(id);
		return -1;
	}
	cat->providers = xreallocarray(cat->providers, cat->nproviders + 1,
	    sizeof *cat->providers);
	p = &cat->providers[cat->nproviders++];
	memset(p, 0, sizeof *p);
	p->id = id;
	if (read_provider_flags(ld, n, p) == -1 ||
	    node_text(ld, n, "name", 1, &p->name) == -1 ||
	    node_text(ld, n, "help", 1, &p->help) == -1 ||
	    node_sources(ld, n, &p->sources, &p->source) == -1)
		return -1;
	for (c = node_element(n->children); c != NULL;
	    c = node_element(c->next)) {
		if (node_is(c, "param") && read_param(ld, c, p) == -1)
			return -1;
	}
	used = xcalloc(p->nparams, sizeof *used);
	for (c = node_element(n->children); c != NULL;
	    c = node_element(c->next)) {
		if (node_is(c, "template") &&
		    read_template(ld, c, p, used) == -1)
			goto fail;
	}
	for (i = 0; i < p->nparams; i++) {
		if (!used[i]) {
			catalog_fail(ld, n, _("parameter '%s' of provider "
			    "'%s' is used by no template"), p->params[i].name,
			    id);
			goto fail;
		}
	}
	free(used);
	return 0;

fail:
	free(used);
	return -1;
}

/* Check an address of an <ipset>: IPv4 or IPv6, maybe with a prefix. */
static int
check_address(const char *s)
{
	unsigned char addr[16];
	unsigned long bits;
	const char *slash;
	char *host;
	int v6, ok;

	slash = strchr(s, '/');
	host = slash != NULL ? xstrndup(s, (size_t)(slash - s)) : xstrdup(s);
	v6 = strchr(host, ':') != NULL;
	ok = inet_pton(v6 ? AF_INET6 : AF_INET, host, addr) == 1;
	free(host);
	if (ok && slash != NULL)
		ok = parse_uint(slash + 1, 0, v6 ? 128 : 32, &bits) == 0;
	return ok;
}

/* Read an <ipset> of Zuora's outbound addresses. */
static int
read_ipset(struct load *ld, xmlNode *n, struct catalog *cat)
{
	struct catalog_ipset *set;
	xmlNode *c;
	xmlChar *v;
	char *a;
	size_t i;

	cat->ipsets = xreallocarray(cat->ipsets, cat->nipsets + 1,
	    sizeof *cat->ipsets);
	set = &cat->ipsets[cat->nipsets++];
	memset(set, 0, sizeof *set);
	if (node_need(ld, n, "datacenter", &set->datacenter) == -1 ||
	    node_need(ld, n, "environment", &set->environment) == -1 ||
	    node_flag(ld, n, "complete", 1, &set->complete) == -1)
		return -1;
	set->since = node_attr(n, "since");
	for (c = node_element(n->children); c != NULL;
	    c = node_element(c->next)) {
		if (!node_is(c, "address"))
			continue;
		v = xmlNodeGetContent(c);
		a = text_normalise(v != NULL ? (const char *)v : "");
		xmlFree(v);
		for (i = 0; i < set->addresses.n; i++) {
			if (strcmp(set->addresses.v[i], a) == 0)
				break;
		}
		if (!check_address(a))
			catalog_fail(ld, c, _("'%s' is not an IP address"), a);
		else if (i < set->addresses.n)
			catalog_fail(ld, c, _("duplicate address '%s'"), a);
		else
			strlist_add(&set->addresses, a);
		free(a);
		if (ld->error != NULL)
			return -1;
	}
	if (set->addresses.n == 0)
		return catalog_fail(ld, n, _("<ipset> needs an <address>"));
	return 0;
}

/* Read <ips>: where the addresses come from and the sets. */
static int
read_ips(struct load *ld, xmlNode *n, struct catalog *cat)
{
	struct strlist sources = { NULL, 0 };
	xmlNode *c;
	int rc;

	if (cat->ips_source != NULL)
		return catalog_fail(ld, n, _("only one <ips> is allowed"));
	rc = node_sources(ld, n, &sources, &cat->ips_source);
	strlist_free(&sources);
	if (rc == -1 || node_need(ld, n, "date", &cat->ips_date) == -1 ||
	    node_text(ld, n, "note", 1, &cat->ips_note) == -1)
		return -1;
	for (c = node_element(n->children); c != NULL;
	    c = node_element(c->next)) {
		if (node_is(c, "ipset") && read_ipset(ld, c, cat) == -1)
			return -1;
	}
	return 0;
}

/* Read the whole, already validated, document into the catalog. */
int
catalog_read(struct load *ld, xmlDoc *doc, struct catalog *cat)
{
	xmlNode *root, *sect, *n;
	int (*reader)(struct load *, xmlNode *, struct catalog *);

	root = xmlDocGetRootElement(doc);
	if (root == NULL || !node_is(root, "catalog"))
		return catalog_fail(ld, root, _("the root element must be "
		    "<catalog>"));
	for (sect = node_element(root->children); sect != NULL;
	    sect = node_element(sect->next)) {
		if (node_is(sect, "ips")) {
			if (read_ips(ld, sect, cat) == -1)
				return -1;
			continue;
		}
		if (node_is(sect, "features"))
			reader = read_feature;
		else if (node_is(sect, "servers"))
			reader = read_server;
		else if (node_is(sect, "providers"))
			reader = read_provider;
		else
			continue;
		for (n = node_element(sect->children); n != NULL;
		    n = node_element(n->next)) {
			if (reader(ld, n, cat) == -1)
				return -1;
		}
	}
	return 0;
}
