/* expect-dnscontrol.c - reading back a DNSControl D() block */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "expect-int.h"

/* DNSControl's TTL for records without TTL() and without DefaultTTL(). */
#define DNSCONTROL_DEFAULT_TTL 300

/* ------------------------------------------------------------------ */
/* dnscontrol                                                          */
/* ------------------------------------------------------------------ */

static int js_value(struct expect_code *, struct expect_val *, int);

/* Read comma-separated values up to a closing character. */
static int
js_list(struct expect_code *c, struct expect_val *v, char close, int depth)
{
	c->i++;
	for (;;) {
		if (expect_code_is(c, close)) {
			c->i++;
			return 0;
		}
		if (js_value(c, expect_val_push(v), depth + 1) == -1)
			return -1;
		if (expect_code_is(c, ',')) {
			c->i++;
			continue;
		}
		if (!expect_code_is(c, close))
			return expect_code_unexpected(c, close == ')' ?
			    _("',' or ')'") : _("',' or ']'"));
	}
}

/* Skip a {...} object literal, which no record function needs. */
static int
js_skip_object(struct expect_code *c)
{
	size_t depth = 0;
	const struct expect_tok *t;

	for (;;) {
		t = expect_code_cur(c);
		if (t->type == EXPECT_TOK_END)
			return expect_code_unexpected(c, "'}'");
		if (t->type == EXPECT_TOK_PUNCT && t->text[0] == '{')
			depth++;
		if (t->type == EXPECT_TOK_PUNCT && t->text[0] == '}' &&
		    --depth == 0) {
			c->i++;
			return 0;
		}
		c->i++;
	}
}

/* Read a JavaScript value: string (joined with +), number, list, call. */
static int
js_value(struct expect_code *c, struct expect_val *v, int depth)
{
	const struct expect_tok *t;
	struct buf name;
	char *s;

	if (expect_code_depth(c, depth) == -1)
		return -1;
	t = expect_code_cur(c);
	v->line = t->line;
	if (t->type == EXPECT_TOK_STRING) {
		v->kind = EXPECT_VAL_STRING;
		v->text = xstrdup(t->text);
		c->i++;
		while (expect_code_is(c, '+') && c->toks[c->i + 1].type ==
		    EXPECT_TOK_STRING) {
			s = xasprintf("%s%s", v->text, c->toks[c->i + 1].text);
			free(v->text);
			v->text = s;
			c->i += 2;
		}
		return 0;
	}
	if (t->type == EXPECT_TOK_NUMBER || (expect_code_is(c, '-') &&
	    c->toks[c->i + 1].type == EXPECT_TOK_NUMBER)) {
		v->kind = EXPECT_VAL_NUMBER;
		if (t->type == EXPECT_TOK_PUNCT) {
			c->i++;
			v->text = xasprintf("-%s", c->toks[c->i].text);
		} else
			v->text = xstrdup(t->text);
		c->i++;
		return 0;
	}
	if (expect_code_is(c, '[')) {
		v->kind = EXPECT_VAL_LIST;
		return js_list(c, v, ']', depth);
	}
	if (expect_code_is(c, '{')) {
		v->kind = EXPECT_VAL_OTHER;
		return js_skip_object(c);
	}
	if (t->type != EXPECT_TOK_IDENT)
		return expect_code_unexpected(c, _("a value"));
	buf_init(&name);
	buf_puts(&name, t->text);
	c->i++;
	while (expect_code_is(c, '.') &&
	    c->toks[c->i + 1].type == EXPECT_TOK_IDENT) {
		buf_printf(&name, ".%s", c->toks[c->i + 1].text);
		c->i += 2;
	}
	v->text = buf_detach(&name);
	v->kind = EXPECT_VAL_OTHER;
	if (!expect_code_is(c, '('))
		return 0;
	v->kind = EXPECT_VAL_CALL;
	return js_list(c, v, ')', depth);
}

/* DNSControl record functions mailwiz does not expect. */
static const char *dnscontrol_other_types[] = {
	"A", "AAAA", "ALIAS", "CAA", "DNAME", "DS", "HTTPS", "LOC", "NAPTR",
	"NS", "PTR", "SRV", "SSHFP", "SVCB", "TLSA", "URL", "URL301"
};

/* A TTL from TTL(n), TTL("1h") or DefaultTTL(...). */
static int
dnscontrol_ttl(struct expect_code *c, const struct expect_val *call,
    unsigned long *out)
{
	if (call->n != 1 || (call->items[0].kind != EXPECT_VAL_NUMBER &&
	    call->items[0].kind != EXPECT_VAL_STRING) ||
	    expect_ttl(call->items[0].text, 1, out) == -1)
		return expect_fail(c->ctx, call->line, _("bad %s(): give "
		    "seconds from 0 to %lu"), call->text, EXPECT_TTL_MAX);
	return 0;
}

/* A target as DNSControl reads it: without a trailing dot, relative. */
static char *
dnscontrol_target(const char *s, const char *domain)
{
	size_t len = strlen(s);

	if (strcmp(s, "@") == 0)
		return xasprintf("%s.", domain);
	if (len > 0 && s[len - 1] == '.')
		return xstrdup(s);
	return xasprintf("%s.%s.", s, domain);
}

/* Read one argument of D(): a record, DefaultTTL() or something else. */
static int
dnscontrol_arg(struct expect_code *c, const struct expect_val *v,
    const char *domain, unsigned long *default_ttl)
{
	const struct expect_val *a;
	struct expect_rr *rr;
	unsigned long ttl;
	struct buf b;
	size_t i, mods;
	char *t;
	int mx;

	if (v->kind != EXPECT_VAL_CALL)
		return 0;
	if (strcmp(v->text, "DefaultTTL") == 0)
		return dnscontrol_ttl(c, v, default_ttl);
	for (i = 0; i < nitems(dnscontrol_other_types); i++) {
		if (strcmp(v->text, dnscontrol_other_types[i]) == 0)
			return expect_fail(c->ctx, v->line, _("unknown record "
			    "type '%s': mailwiz expects TXT, CNAME or MX "
			    "records"), v->text);
	}
	if (strstr(v->text, "_BUILDER") != NULL)
		return expect_fail(c->ctx, v->line, _("%s() cannot be read: "
		    "write the records it makes instead"), v->text);
	mx = strcmp(v->text, "MX") == 0;
	if (!mx && strcmp(v->text, "TXT") != 0 &&
	    strcmp(v->text, "CNAME") != 0)
		return 0;
	mods = mx ? 3 : 2;
	if (v->n < mods || v->items[0].kind != EXPECT_VAL_STRING)
		return expect_fail(c->ctx, v->line, mx ? _("MX() takes a "
		    "name, a preference and a host name") : _("%s() takes a "
		    "name and a value"), v->text);
	a = &v->items[1];
	buf_init(&b);
	if (mx) {
		if (a->kind != EXPECT_VAL_NUMBER ||
		    v->items[2].kind != EXPECT_VAL_STRING) {
			buf_free(&b);
			return expect_fail(c->ctx, v->line, _("MX() takes a "
			    "name, a preference and a host name"));
		}
		buf_printf(&b, "%s ", a->text);
		a = &v->items[2];
	}
	if (a->kind == EXPECT_VAL_LIST && strcmp(v->text, "TXT") == 0) {
		for (i = 0; i < a->n; i++) {
			if (a->items[i].kind != EXPECT_VAL_STRING) {
				buf_free(&b);
				return expect_fail(c->ctx, a->line, _("a TXT "
				    "list must hold strings only"));
			}
			buf_puts(&b, a->items[i].text);
		}
	} else if (a->kind != EXPECT_VAL_STRING) {
		buf_free(&b);
		return expect_fail(c->ctx, a->line, _("the value of %s() must "
		    "be a string"), v->text);
	} else if (strcmp(v->text, "TXT") == 0)
		buf_puts(&b, a->text);
	else {
		t = dnscontrol_target(a->text, domain);
		buf_puts(&b, t);
		free(t);
	}
	ttl = *default_ttl;
	for (i = mods; i < v->n; i++) {
		if (v->items[i].kind == EXPECT_VAL_CALL &&
		    strcmp(v->items[i].text, "TTL") == 0 &&
		    dnscontrol_ttl(c, &v->items[i], &ttl) == -1) {
			buf_free(&b);
			return -1;
		}
	}
	rr = expect_rr_add(c->ctx, v->line);
	rr->host = xstrdup(v->items[0].text);
	rr->type = xstrdup(v->text);
	rr->ttl = ttl;
	rr->value = buf_detach(&b);
	expect_hints_apply(c->ctx, c->ctx->nrrs - 1, 1);
	return 0;
}

/* Tell whether two domain names are the same, a trailing dot aside. */
static int
same_domain(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la > 1 && a[la - 1] == '.')
		la--;
	if (lb > 1 && b[lb - 1] == '.')
		lb--;
	return la == lb && strncasecmp(a, b, la) == 0;
}

/* Find the D() block to read: the domain's, or the only one. */
static int
dnscontrol_pick(struct expect_code *c, size_t *at)
{
	const char *want = c->ctx->want, *first = NULL;
	size_t i, n = 0;

	for (i = 0; i + 2 < c->n; i++) {
		if (c->toks[i].type != EXPECT_TOK_IDENT ||
		    strcmp(c->toks[i].text, "D") != 0 ||
		    c->toks[i + 1].type != EXPECT_TOK_PUNCT ||
		    c->toks[i + 1].text[0] != '(' ||
		    c->toks[i + 2].type != EXPECT_TOK_STRING)
			continue;
		if (n++ == 0) {
			*at = i;
			first = c->toks[i + 2].text;
		}
		if (want != NULL && same_domain(c->toks[i + 2].text, want)) {
			*at = i;
			return 0;
		}
	}
	if (n == 0)
		return expect_fail(c->ctx, 0, _("there is no "
		    "D(\"domain\", ...) block"));
	if (n > 1 && want == NULL)
		return expect_fail(c->ctx, c->toks[*at].line, P_("there is "
		    "%zu D() block, '%s' first: name the domain", "there are "
		    "%zu D() blocks, '%s' first: name the domain", n), n,
		    first);
	return 0;
}

/* The dnscontrol format: the records of a D("domain", ...) block. */
int
expect_read_dnscontrol(struct expect_ctx *ctx, const char *text)
{
	struct expect_code c;
	struct expect_val v;
	unsigned long default_ttl = DNSCONTROL_DEFAULT_TTL;
	size_t at = 0, line;
	char *domain = NULL;
	int rc = -1;

	memset(&c, 0, sizeof c);
	c.ctx = ctx;
	if (expect_code_lex(&c, text) == -1 || dnscontrol_pick(&c, &at) == -1)
		goto out;
	/* Read the comments before the block: the title names the domain. */
	while (c.i < at) {
		expect_code_cur(&c);
		if (c.i < at)
			c.i++;
	}
	line = c.toks[at].line;
	c.i = at + 2;
	expect_state(ctx, c.toks[c.i].text, line);
	domain = xstrdup(ctx->stated);
	c.i++;
	for (;;) {
		if (expect_code_is(&c, ')')) {
			c.i++;
			break;
		}
		if (!expect_code_is(&c, ',')) {
			expect_code_unexpected(&c, _("',' or ')'"));
			goto out;
		}
		c.i++;
		if (expect_code_is(&c, ')')) {
			c.i++;
			break;
		}
		memset(&v, 0, sizeof v);
		if (js_value(&c, &v, 0) == -1 || dnscontrol_arg(&c, &v,
		    domain, &default_ttl) == -1) {
			expect_val_free(&v);
			goto out;
		}
		expect_val_free(&v);
	}
	rc = 0;
out:
	free(domain);
	expect_code_free(&c);
	return rc;
}
