/* catalog.c - load and check data/catalog.xml */
#include <sys/types.h>

#include <arpa/inet.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "catalog.h"

#define CATALOG_XML "catalog.xml"
#define CATALOG_RNG "catalog.rng"

/* One load in progress: the file and the first error met. */
struct load {
	const char *path;
	char *error;		/* "file:line: what is wrong" */
	int error_line;		/* the error has a line number */
};

/* Remember a libxml2 error; the first one that has a line wins. */
static void
load_xml_error(void *arg, xmlErrorPtr e)
{
	struct load *ld = arg;
	struct buf b;
	xmlNode *node;
	const char *file, *msg;
	long line = 0;
	size_t len;

	if (e == NULL || e->level < XML_ERR_ERROR || ld->error_line)
		return;
	node = e->node;
	file = e->file;
	if (node != NULL) {
		line = xmlGetLineNo(node);
		if (file == NULL && node->doc != NULL)
			file = (const char *)node->doc->URL;
	}
	if (line <= 0)
		line = e->line;
	if (ld->error != NULL && line <= 0)
		return;

	buf_init(&b);
	buf_puts(&b, file != NULL ? file : ld->path);
	if (line > 0)
		buf_printf(&b, ":%ld", line);
	buf_puts(&b, ": ");
	if (e->domain == XML_FROM_RELAXNGV && node != NULL &&
	    node->type == XML_ELEMENT_NODE)
		buf_printf(&b, "<%s>: ", (const char *)node->name);
	msg = e->message != NULL ? e->message : _("unknown error");
	len = strlen(msg);
	while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	buf_add(&b, msg, len);
	/* libxml2 does not say which attribute; say where to look. */
	if (e->domain == XML_FROM_RELAXNGV &&
	    e->code == XML_RELAXNG_ERR_ATTRVALID)
		buf_puts(&b, _(": an attribute is missing, or has a value "
		    "that the schema does not allow"));
	free(ld->error);
	ld->error = buf_detach(&b);
	ld->error_line = line > 0;
}

/* Swallow libxml2's unstructured messages: nothing goes to stderr. */
static void
load_xml_silent(void *arg, const char *fmt, ...)
{
	(void)arg;
	(void)fmt;
}

/* Fail the load at a line of the file (0: none); returns -1. */
static int
load_vfail(struct load *ld, long line, const char *fmt, va_list ap)
{
	char *msg;

	if (ld->error != NULL)
		return -1;
	msg = xvasprintf(fmt, ap);
	if (line > 0)
		ld->error = xasprintf("%s:%ld: %s", ld->path, line, msg);
	else
		ld->error = xasprintf("%s: %s", ld->path, msg);
	free(msg);
	return -1;
}

/* Fail the load at a line of the file; returns -1. */
static int __attribute__((format(printf, 3, 4)))
load_fail_line(struct load *ld, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	load_vfail(ld, line, fmt, ap);
	va_end(ap);
	return -1;
}

/* Fail the load at the line of a node (NULL: none); returns -1. */
static int __attribute__((format(printf, 3, 4)))
load_fail(struct load *ld, xmlNode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	load_vfail(ld, n != NULL ? xmlGetLineNo(n) : 0, fmt, ap);
	va_end(ap);
	return -1;
}

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
		return load_fail(ld, n, _("<%s> needs the attribute '%s'"),
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
		return load_fail(ld, n, _("<%s> needs the attribute '%s'"),
		    (const char *)n->name, name);
	if (v == NULL)
		*out = def;
	else if (strcmp(v, "yes") == 0)
		*out = 1;
	else if (strcmp(v, "no") == 0)
		*out = 0;
	else
		rc = load_fail(ld, n, _("%s=\"%s\" must be \"yes\" or "
		    "\"no\""), name, v);
	free(v);
	return rc;
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
			return load_fail(ld, c, _("<%s> is empty"), name);
		return 0;
	}
	if (need)
		return load_fail(ld, n, _("<%s> needs a <%s>"),
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
		return load_fail(ld, n, _("<%s> needs a <source>"),
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
		return load_fail(ld, n, _("SPF mechanism '%s' is malformed: "
		    "it must start with include:, a:, ip4:, ip6:, mx or "
		    "exists:"), spf);
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
		return load_fail(ld, n, _("spf-default '%s' must start with "
		    "'v=spf1 '"), record);
	copy = xstrdup(record + 7);
	for (term = strtok_r(copy, " ", &save); term != NULL;
	    term = strtok_r(NULL, " ", &save)) {
		if (!spf_term_ok(term, 1)) {
			rc = load_fail(ld, n, _("spf-default '%s' has a "
			    "malformed term '%s'"), record, term);
			break;
		}
		if (spf != NULL && strcmp(term, spf) == 0)
			found = 1;
	}
	free(copy);
	if (rc == 0 && spf != NULL && !found)
		rc = load_fail(ld, n, _("spf-default '%s' does not hold the "
		    "server's mechanism '%s'"), record, spf);
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
		load_fail(ld, n, _("duplicate feature '%s'"), id);
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
		load_fail(ld, n, _("dkim-count=\"%s\" must be a number from "
		    "0 to 8"), v);
		free(v);
		return -1;
	}
	free(v);
	s->dkim_count = (int)count;
	if (node_need(ld, n, "dkim-from", &s->dkim_from) == -1)
		return -1;
	if (s->dkim_count > 0 && strcmp(s->dkim_from, "none") == 0)
		return load_fail(ld, n, _("dkim-count=\"%d\" needs a "
		    "dkim-from other than \"none\""), s->dkim_count);
	if (s->dkim_count == 0 && strcmp(s->dkim_from, "zuora-support") == 0)
		return load_fail(ld, n, _("dkim-from=\"zuora-support\" needs "
		    "a dkim-count above 0"));
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
		load_fail(ld, n, _("server '%s' belongs to unknown feature "
		    "'%s'"), id, feature);
	else if (catalog_server(cat, feature, id) != NULL)
		load_fail(ld, n, _("duplicate server '%s' in feature '%s'"),
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
		return load_fail(ld, n, _("nothing=\"yes\" needs a "
		    "<nothing-why>"));
	if (!s->nothing && s->nothing_why != NULL)
		return load_fail(ld, n, _("<nothing-why> needs "
		    "nothing=\"yes\""));
	if (s->nothing && (s->spf != NULL || s->dkim_count > 0 ||
	    s->needs_provider))
		return load_fail(ld, n, _("nothing=\"yes\" cannot go with "
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
		load_fail(ld, n, _("parameter '%s' hides the built-in "
		    "placeholder {%s}"), name, name);
	else if (provider_has_param(p, name))
		load_fail(ld, n, _("duplicate parameter '%s' in provider "
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
			return load_fail(ld, n, _("stray '}' in template "
			    "'%s'"), s);
		if (*c != '{')
			continue;
		close = strchr(c, '}');
		if (close == NULL || memchr(c + 1, '{',
		    (size_t)(close - c - 1)) != NULL)
			return load_fail(ld, n, _("unclosed '{' in template "
			    "'%s'"), s);
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
			load_fail(ld, n, _("placeholder {%s} in template '%s' "
			    "is not a parameter of provider '%s'"), name, s,
			    p->id);
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
		return load_fail(ld, n, _("spf-optional=\"yes\" needs an "
		    "spf"));
	if (p->dkim_host != NULL && !p->dkim_paste)
		return load_fail(ld, n, _("dkim-host needs "
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
		load_fail(ld, n, _("duplicate provider '%s'"), id);
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
			load_fail(ld, n, _("parameter '%s' of provider '%s' "
			    "is used by no template"), p->params[i].name, id);
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
			load_fail(ld, c, _("'%s' is not an IP address"), a);
		else if (i < set->addresses.n)
			load_fail(ld, c, _("duplicate address '%s'"), a);
		else
			strlist_add(&set->addresses, a);
		free(a);
		if (ld->error != NULL)
			return -1;
	}
	if (set->addresses.n == 0)
		return load_fail(ld, n, _("<ipset> needs an <address>"));
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
		return load_fail(ld, n, _("only one <ips> is allowed"));
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
static int
read_catalog(struct load *ld, xmlDoc *doc, struct catalog *cat)
{
	xmlNode *root, *sect, *n;
	int (*reader)(struct load *, xmlNode *, struct catalog *);

	root = xmlDocGetRootElement(doc);
	if (root == NULL || !node_is(root, "catalog"))
		return load_fail(ld, root, _("the root element must be "
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

/* The schema: catalog.rng beside the catalog, else the installed one. */
static char *
load_schema_path(const char *path)
{
	const char *slash;
	char *p;

	slash = strrchr(path, '/');
	if (slash == NULL)
		p = xstrdup(CATALOG_RNG);
	else
		p = xasprintf("%.*s/%s", (int)(slash - path), path,
		    CATALOG_RNG);
	if (access(p, R_OK) == 0)
		return p;
	free(p);
	if (access(PKGDATADIR "/" CATALOG_RNG, R_OK) == 0)
		return xstrdup(PKGDATADIR "/" CATALOG_RNG);
	return NULL;
}

/* Validate the document against the RELAX NG schema. */
static int
load_validate(struct load *ld, xmlDoc *doc)
{
	xmlRelaxNGParserCtxt *pc;
	xmlRelaxNGValidCtxt *vc;
	xmlRelaxNG *schema;
	char *rng;
	int rc;

	rng = load_schema_path(ld->path);
	if (rng == NULL)
		return load_fail(ld, NULL, _("cannot find %s beside the "
		    "catalog or in %s"), CATALOG_RNG, PKGDATADIR);
	pc = xmlRelaxNGNewParserCtxt(rng);
	xmlRelaxNGSetParserStructuredErrors(pc, load_xml_error, ld);
	schema = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (schema == NULL) {
		if (ld->error == NULL)
			ld->error = xasprintf(_("%s: cannot use the schema"),
			    rng);
		free(rng);
		return -1;
	}
	vc = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(vc, load_xml_error, ld);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	xmlRelaxNGFree(schema);
	if (rc != 0 && ld->error == NULL)
		load_fail(ld, NULL, _("does not match the schema %s"), rng);
	free(rng);
	return rc == 0 ? 0 : -1;
}

/* The line of the first document type declaration in a buffer. */
static long
doctype_line(const char *data, size_t len)
{
	const char *p;
	long line = 1;

	for (p = data; p < data + len; p++) {
		if (*p == '\n')
			line++;
		else if ((size_t)(data + len - p) >= 9 &&
		    memcmp(p, "<!DOCTYPE", 9) == 0)
			return line;
	}
	return 0;
}

/* Parse, validate and read the catalog file. */
static int
load_file(struct load *ld, struct catalog *cat)
{
	xmlDoc *doc;
	char *data, *cause;
	size_t len;
	int rc = -1;

	if (file_read(ld->path, &data, &len, &cause) == -1) {
		ld->error = cause;
		return -1;
	}
	if (len == 0 || len > INT_MAX) {
		free(data);
		return load_fail_line(ld, len == 0 ? 1 : 0, "%s", len == 0 ?
		    _("the file is empty") : _("the file is too large"));
	}
	doc = xmlReadMemory(data, (int)len, ld->path, NULL,
	    XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	if (doc == NULL || ld->error != NULL) {
		if (ld->error == NULL)
			load_fail(ld, NULL, _("not an XML document"));
	} else if (doc->intSubset != NULL || doc->extSubset != NULL) {
		/* Entities could make the file say what it does not show. */
		load_fail_line(ld, doctype_line(data, len), _("a document "
		    "type declaration (<!DOCTYPE>) is not allowed"));
	} else if (load_validate(ld, doc) == 0)
		rc = read_catalog(ld, doc, cat);
	xmlFreeDoc(doc);
	free(data);
	return rc;
}

/* Load and validate a catalog; -1 with *cause "file:line: what". */
int
catalog_load(const char *path, struct catalog *cat, char **cause)
{
	xmlStructuredErrorFunc old_serror;
	xmlGenericErrorFunc old_gerror;
	void *old_sctx, *old_gctx;
	struct load ld;
	int rc;

	memset(cat, 0, sizeof *cat);
	memset(&ld, 0, sizeof ld);
	ld.path = path;

	xmlInitParser();
	old_serror = xmlStructuredError;
	old_sctx = xmlStructuredErrorContext;
	old_gerror = xmlGenericError;
	old_gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(&ld, load_xml_error);
	xmlSetGenericErrorFunc(&ld, load_xml_silent);
	rc = load_file(&ld, cat);
	xmlSetStructuredErrorFunc(old_sctx, old_serror);
	xmlSetGenericErrorFunc(old_gctx, old_gerror);

	if (rc == -1 || ld.error != NULL) {
		catalog_free(cat);
		*cause = ld.error != NULL ? ld.error :
		    xasprintf(_("%s: cannot load the catalog"), path);
		return -1;
	}
	cat->path = xstrdup(path);
	return 0;
}

/* Release everything a catalog holds. */
void
catalog_free(struct catalog *cat)
{
	size_t i, j;

	for (i = 0; i < cat->nfeatures; i++) {
		struct catalog_feature *f = &cat->features[i];

		free(f->id);
		free(f->title);
		free(f->help);
		free(f->source);
		strlist_free(&f->sources);
	}
	for (i = 0; i < cat->nservers; i++) {
		struct catalog_server *s = &cat->servers[i];

		free(s->feature);
		free(s->id);
		free(s->title);
		free(s->help);
		free(s->spf);
		free(s->spf_default);
		free(s->dkim_from);
		free(s->nothing_why);
		free(s->source);
		strlist_free(&s->sources);
	}
	for (i = 0; i < cat->nproviders; i++) {
		struct catalog_provider *p = &cat->providers[i];

		free(p->id);
		free(p->name);
		free(p->help);
		free(p->spf);
		free(p->dkim_host);
		free(p->source);
		strlist_free(&p->sources);
		for (j = 0; j < p->nparams; j++) {
			free(p->params[j].name);
			free(p->params[j].help);
			free(p->params[j].example);
		}
		free(p->params);
		for (j = 0; j < p->ntemplates; j++) {
			free(p->templates[j].host);
			free(p->templates[j].type);
			free(p->templates[j].value);
			free(p->templates[j].purpose);
			free(p->templates[j].why);
		}
		free(p->templates);
	}
	for (i = 0; i < cat->nipsets; i++) {
		free(cat->ipsets[i].datacenter);
		free(cat->ipsets[i].environment);
		free(cat->ipsets[i].since);
		strlist_free(&cat->ipsets[i].addresses);
	}
	free(cat->features);
	free(cat->servers);
	free(cat->providers);
	free(cat->ipsets);
	free(cat->path);
	free(cat->ips_source);
	free(cat->ips_date);
	free(cat->ips_note);
	memset(cat, 0, sizeof *cat);
}

/* The catalog to load: MAILWIZ_CATALOG, else the installed one, else the
   one in the build tree beside the program. */
char *
catalog_default_path(void)
{
	const char *env;
	char exe[PATH_MAX], *slash, *p;
	ssize_t n;

	env = getenv("MAILWIZ_CATALOG");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if (access(PKGDATADIR "/" CATALOG_XML, R_OK) == 0)
		return xstrdup(PKGDATADIR "/" CATALOG_XML);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			p = xasprintf("%s/data/%s", exe, CATALOG_XML);
			if (access(p, R_OK) == 0)
				return p;
			free(p);
		}
	}
	return xstrdup(PKGDATADIR "/" CATALOG_XML);
}

/* Find a feature by id. */
const struct catalog_feature *
catalog_feature(const struct catalog *cat, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < cat->nfeatures; i++) {
		if (strcmp(cat->features[i].id, id) == 0)
			return &cat->features[i];
	}
	return NULL;
}

/* Find a server type of a feature by id. */
const struct catalog_server *
catalog_server(const struct catalog *cat, const char *feature,
    const char *id)
{
	size_t i;

	if (feature == NULL || id == NULL)
		return NULL;
	for (i = 0; i < cat->nservers; i++) {
		if (strcmp(cat->servers[i].feature, feature) == 0 &&
		    strcmp(cat->servers[i].id, id) == 0)
			return &cat->servers[i];
	}
	return NULL;
}

/* Find a provider preset by id. */
const struct catalog_provider *
catalog_provider(const struct catalog *cat, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < cat->nproviders; i++) {
		if (strcmp(cat->providers[i].id, id) == 0)
			return &cat->providers[i];
	}
	return NULL;
}
