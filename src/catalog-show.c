/* catalog-show.c - the catalog for people (text) and programs (JSON) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "export.h"

#define SHOW_WIDTH 79

/* Append spaces. */
static void
show_pad(struct buf *b, size_t n)
{
	while (n-- > 0)
		buf_putc(b, ' ');
}

/* Append text wrapped at SHOW_WIDTH display columns: the first line
   starts with lead, the next ones with indent spaces; a word too long for
   any line gets a line of its own, but text without spaces (Japanese)
   breaks next to its wide characters. */
static void
show_wrap(struct buf *b, const char *lead, size_t indent, const char *text)
{
	char *rest, *word;
	size_t n, i, chars = 0;

	rest = xmalloc(indent + 1);
	memset(rest, ' ', indent);
	rest[indent] = '\0';
	text += strspn(text, " ");
	n = strcspn(text, " ");
	word = xstrndup(text, n);
	for (i = 0; i < n; i++) {
		if (((unsigned char)word[i] & 0xc0) != 0x80)
			chars++;
	}
	if (lead[strspn(lead, " ")] != '\0' && export_str_width(word) ==
	    chars && export_str_width(lead) + chars > SHOW_WIDTH) {
		/* A long word of narrow characters (a URL) goes under a
		   label rather than after it. */
		n = strlen(lead);
		while (n > 0 && lead[n - 1] == ' ')
			n--;
		buf_add(b, lead, n);
		buf_putc(b, '\n');
		lead = rest;
	}
	free(word);
	export_wrap(b, text, SHOW_WIDTH, lead, rest);
	free(rest);
}

/* Append "label: text", wrapped under the text. */
static void
show_field(struct buf *b, size_t indent, const char *label,
    const char *text)
{
	char *lead;

	lead = xasprintf("%*s%s: ", (int)indent, "", label);
	show_wrap(b, lead, indent + 2, text);
	free(lead);
}

/* Append a heading, underlined. */
static void
show_heading(struct buf *b, const char *title)
{
	size_t n = export_str_width(title);

	buf_printf(b, "%s\n", title);
	while (n-- > 0)
		buf_putc(b, '=');
	buf_puts(b, "\n\n");
}

/* Append the source pages, one a line. */
static void
show_sources(struct buf *b, size_t indent, const struct strlist *sources)
{
	size_t i;

	show_pad(b, indent);
	buf_printf(b, "%s\n", P_("Source:", "Sources:", sources->n));
	for (i = 0; i < sources->n; i++) {
		show_pad(b, indent + 2);
		buf_printf(b, "%s\n", sources->v[i]);
	}
}

/* Append what a server type asks of the domain. */
static void
show_server(struct buf *b, const struct catalog_server *s)
{
	char *title, *text;

	title = xasprintf("%s [%s]", _(s->title), s->id);
	show_wrap(b, "  ", 4, title);
	free(title);
	show_wrap(b, "    ", 4, _(s->help));
	if (s->nothing) {
		show_field(b, 4, _("Nothing to publish"), _(s->nothing_why));
		show_sources(b, 4, &s->sources);
		return;
	}
	if (s->spf != NULL) {
		text = xasprintf(_("add %s"), s->spf);
		show_field(b, 4, _("SPF"), text);
		free(text);
	} else if (s->needs_provider)
		show_field(b, 4, _("SPF"), _("from the provider preset"));
	else
		show_field(b, 4, _("SPF"), _("nothing to add"));
	if (s->spf_default != NULL)
		show_field(b, 4, _("SPF record when the domain has none"),
		    s->spf_default);
	if (strcmp(s->dkim_from, "zuora-support") == 0) {
		text = xasprintf(P_("%d CNAME record from Zuora (Global "
		    "Support, or the DKIM settings of the domain identity)",
		    "%d CNAME records from Zuora (Global Support, or the "
		    "DKIM settings of the domain identity)", s->dkim_count),
		    s->dkim_count);
		show_field(b, 4, _("DKIM"), text);
		free(text);
	} else if (strcmp(s->dkim_from, "provider") == 0)
		show_field(b, 4, _("DKIM"), _("from the provider preset"));
	else
		show_field(b, 4, _("DKIM"), _("none"));
	if (s->needs_provider)
		show_field(b, 4, _("DMARC"), _("depends on the provider's "
		    "SPF and DKIM records"));
	else if (s->dmarc_via_dkim)
		show_field(b, 4, _("DMARC"), _("passes through the DKIM "
		    "records only: SPF passes for the sending service's own "
		    "domain, which does not align with yours"));
	else
		show_field(b, 4, _("DMARC"), _("no DKIM signature with your "
		    "domain, so DMARC can only pass through SPF alignment"));
	show_sources(b, 4, &s->sources);
}

/* Append the features and their server types. */
static void
show_features(struct buf *b, const struct catalog *cat)
{
	const struct catalog_feature *f;
	char *title;
	size_t i, j;

	show_heading(b, _("Features and mail server types"));
	for (i = 0; i < cat->nfeatures; i++) {
		f = &cat->features[i];
		title = xasprintf("%s [%s]", _(f->title), f->id);
		show_wrap(b, "", 2, title);
		free(title);
		show_wrap(b, "  ", 2, _(f->help));
		show_sources(b, 2, &f->sources);
		for (j = 0; j < cat->nservers; j++) {
			if (strcmp(cat->servers[j].feature, f->id) != 0)
				continue;
			buf_putc(b, '\n');
			show_server(b, &cat->servers[j]);
		}
		buf_putc(b, '\n');
	}
}

/* Append one provider preset. */
static void
show_provider(struct buf *b, const struct catalog_provider *p)
{
	const struct catalog_template *t;
	char *title, *text;
	size_t i;

	title = xasprintf("%s [%s]", _(p->name), p->id);
	show_wrap(b, "", 2, title);
	free(title);
	show_wrap(b, "  ", 2, _(p->help));
	if (p->custom)
		show_field(b, 2, _("SPF"), _("built from the addresses and "
		    "host names you give (--ip)"));
	else if (p->spf != NULL) {
		text = xasprintf(p->spf_optional ? _("add %s (optional)") :
		    _("add %s"), p->spf);
		show_field(b, 2, _("SPF"), text);
		free(text);
	} else
		show_field(b, 2, _("SPF"), _("nothing at the domain itself"));
	if (p->dkim_paste && p->dkim_host != NULL) {
		text = xasprintf(_("paste the TXT record for %s from the "
		    "provider's panel"), p->dkim_host);
		show_field(b, 2, _("DKIM"), text);
		free(text);
	} else if (p->dkim_paste)
		show_field(b, 2, _("DKIM"), _("paste the record from the "
		    "provider's panel"));
	for (i = 0; i < p->nparams; i++) {
		if (i == 0)
			buf_printf(b, "  %s\n", _("Values to look up:"));
		text = xasprintf(_("%s (for example %s)"),
		    _(p->params[i].help), p->params[i].example);
		title = xasprintf("    {%s} ", p->params[i].name);
		show_wrap(b, title, 6, text);
		free(title);
		free(text);
	}
	for (i = 0; i < p->ntemplates; i++) {
		t = &p->templates[i];
		if (i == 0)
			buf_printf(b, "  %s\n", _("Records:"));
		text = xasprintf("%s %s %s", t->host, t->type, t->value);
		show_wrap(b, "    ", 6, text);
		free(text);
		show_wrap(b, "      ", 6, _(t->why));
	}
	if (!p->verified)
		show_field(b, 2, _("Check with your provider"), _("these "
		    "values are not confirmed by the provider's own "
		    "documentation"));
	show_sources(b, 2, &p->sources);
}

/* Append Zuora's outbound addresses. */
static void
show_ips(struct buf *b, const struct catalog *cat)
{
	const struct catalog_ipset *set;
	struct buf line;
	char *title;
	size_t i, j;

	if (cat->ips_source == NULL || cat->ips_date == NULL ||
	    cat->ips_note == NULL)
		return;
	show_heading(b, _("Zuora outbound IP addresses"));
	show_wrap(b, "  ", 2, _(cat->ips_note));
	show_field(b, 2, _("Source"), cat->ips_source);
	show_field(b, 2, _("Read on"), cat->ips_date);
	for (i = 0; i < cat->nipsets; i++) {
		set = &cat->ipsets[i];
		buf_putc(b, '\n');
		if (set->since != NULL)
			title = xasprintf(_("%s, %s, added from %s"),
			    set->datacenter, set->environment, set->since);
		else
			title = xasprintf("%s, %s", set->datacenter,
			    set->environment);
		buf_printf(b, "  %s%s:\n", title, set->complete ? "" :
		    _(" (list incomplete)"));
		free(title);
		buf_init(&line);
		for (j = 0; j < set->addresses.n; j++)
			buf_printf(&line, "%s%s", j == 0 ? "" : " ",
			    set->addresses.v[j]);
		show_wrap(b, "    ", 4, line.data);
		buf_free(&line);
	}
}

/* The whole catalog for people, at 80 columns. */
char *
catalog_text(const struct catalog *cat)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	if (cat->path != NULL)
		show_field(&b, 0, _("Catalog"), cat->path);
	buf_putc(&b, '\n');
	show_features(&b, cat);
	show_heading(&b, _("Providers of external SMTP servers"));
	for (i = 0; i < cat->nproviders; i++) {
		show_provider(&b, &cat->providers[i]);
		buf_putc(&b, '\n');
	}
	show_ips(&b, cat);
	return buf_detach(&b);
}

/* A JSON writer: knows whether a comma is due and how deep it is. */
struct json {
	struct buf b;
	int depth;
	int first;
};

/* Append a JSON string, escaped; NULL becomes null. */
static void
json_escape(struct buf *b, const char *s)
{
	unsigned char c;

	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c == '\t')
			buf_puts(b, "\\t");
		else if (c == '\r')
			buf_puts(b, "\\r");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\u%04x", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}

/* Start a member of an object (key) or an item of an array (NULL). */
static void
json_key(struct json *j, const char *key)
{
	if (!j->first)
		buf_putc(&j->b, ',');
	j->first = 0;
	if (j->depth > 0) {
		buf_putc(&j->b, '\n');
		show_pad(&j->b, (size_t)j->depth * 2);
	}
	if (key != NULL) {
		json_escape(&j->b, key);
		buf_puts(&j->b, ": ");
	}
}

/* Open an object ('{') or array ('['). */
static void
json_open(struct json *j, const char *key, char bracket)
{
	json_key(j, key);
	buf_putc(&j->b, bracket);
	j->depth++;
	j->first = 1;
}

/* Close what json_open() opened. */
static void
json_close(struct json *j, char bracket)
{
	j->depth--;
	if (!j->first) {
		buf_putc(&j->b, '\n');
		show_pad(&j->b, (size_t)j->depth * 2);
	}
	buf_putc(&j->b, bracket);
	j->first = 0;
}

/* Add a string member (or item). */
static void
json_string(struct json *j, const char *key, const char *value)
{
	json_key(j, key);
	json_escape(&j->b, value);
}

/* Add a boolean member. */
static void
json_bool(struct json *j, const char *key, int value)
{
	json_key(j, key);
	buf_puts(&j->b, value ? "true" : "false");
}

/* Add an array of strings. */
static void
json_strings(struct json *j, const char *key, const struct strlist *l)
{
	size_t i;

	json_open(j, key, '[');
	for (i = 0; i < l->n; i++)
		json_string(j, NULL, l->v[i]);
	json_close(j, ']');
}

/* Add a server type. */
static void
json_server(struct json *j, const struct catalog_server *s)
{
	json_open(j, NULL, '{');
	json_string(j, "id", s->id);
	json_string(j, "title", s->title);
	json_string(j, "help", s->help);
	json_string(j, "spf", s->spf);
	json_string(j, "spf_default", s->spf_default);
	json_key(j, "dkim_count");
	buf_printf(&j->b, "%d", s->dkim_count);
	json_string(j, "dkim_from", s->dkim_from);
	json_bool(j, "dmarc_via_dkim", s->dmarc_via_dkim);
	json_bool(j, "needs_provider", s->needs_provider);
	json_bool(j, "nothing", s->nothing);
	json_string(j, "nothing_why", s->nothing_why);
	json_strings(j, "sources", &s->sources);
	json_close(j, '}');
}

/* Add a provider preset with its parameters and templates. */
static void
json_provider(struct json *j, const struct catalog_provider *p)
{
	const struct catalog_template *t;
	size_t i;

	json_open(j, NULL, '{');
	json_string(j, "id", p->id);
	json_string(j, "name", p->name);
	json_string(j, "help", p->help);
	json_string(j, "spf", p->spf);
	json_bool(j, "spf_optional", p->spf_optional);
	json_bool(j, "verified", p->verified);
	json_bool(j, "custom", p->custom);
	json_bool(j, "dkim_paste", p->dkim_paste);
	json_string(j, "dkim_host", p->dkim_host);
	json_strings(j, "sources", &p->sources);
	json_open(j, "params", '[');
	for (i = 0; i < p->nparams; i++) {
		json_open(j, NULL, '{');
		json_string(j, "name", p->params[i].name);
		json_string(j, "help", p->params[i].help);
		json_string(j, "example", p->params[i].example);
		json_close(j, '}');
	}
	json_close(j, ']');
	json_open(j, "templates", '[');
	for (i = 0; i < p->ntemplates; i++) {
		t = &p->templates[i];
		json_open(j, NULL, '{');
		json_string(j, "host", t->host);
		json_string(j, "type", t->type);
		json_string(j, "value", t->value);
		json_string(j, "purpose", t->purpose);
		json_string(j, "why", t->why);
		json_close(j, '}');
	}
	json_close(j, ']');
	json_close(j, '}');
}

/* Add Zuora's outbound addresses. */
static void
json_ips(struct json *j, const struct catalog *cat)
{
	const struct catalog_ipset *set;
	size_t i;

	json_open(j, "ips", '{');
	json_string(j, "source", cat->ips_source);
	json_string(j, "date", cat->ips_date);
	json_string(j, "note", cat->ips_note);
	json_open(j, "sets", '[');
	for (i = 0; i < cat->nipsets; i++) {
		set = &cat->ipsets[i];
		json_open(j, NULL, '{');
		json_string(j, "datacenter", set->datacenter);
		json_string(j, "environment", set->environment);
		json_string(j, "since", set->since);
		json_bool(j, "complete", set->complete);
		json_strings(j, "addresses", &set->addresses);
		json_close(j, '}');
	}
	json_close(j, ']');
	json_close(j, '}');
}

/* The whole catalog as JSON. */
char *
catalog_json(const struct catalog *cat)
{
	const struct catalog_feature *f;
	struct json j;
	size_t i, k;

	buf_init(&j.b);
	j.depth = 0;
	j.first = 1;
	json_open(&j, NULL, '{');
	json_string(&j, "path", cat->path);
	json_open(&j, "features", '[');
	for (i = 0; i < cat->nfeatures; i++) {
		f = &cat->features[i];
		json_open(&j, NULL, '{');
		json_string(&j, "id", f->id);
		json_string(&j, "title", f->title);
		json_string(&j, "help", f->help);
		json_strings(&j, "sources", &f->sources);
		json_open(&j, "servers", '[');
		for (k = 0; k < cat->nservers; k++) {
			if (strcmp(cat->servers[k].feature, f->id) == 0)
				json_server(&j, &cat->servers[k]);
		}
		json_close(&j, ']');
		json_close(&j, '}');
	}
	json_close(&j, ']');
	json_open(&j, "providers", '[');
	for (i = 0; i < cat->nproviders; i++)
		json_provider(&j, &cat->providers[i]);
	json_close(&j, ']');
	json_ips(&j, cat);
	json_close(&j, '}');
	buf_putc(&j.b, '\n');
	return buf_detach(&j.b);
}
