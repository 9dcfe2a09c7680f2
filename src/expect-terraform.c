/* expect-terraform.c - reading back Route 53 and Cloudflare resources */
#include <stdlib.h>
#include <string.h>

#include "expect-int.h"

/* ------------------------------------------------------------------ */
/* terraform                                                           */
/* ------------------------------------------------------------------ */

/* The resource types read, and whether each is Route 53's. */
static const struct {
	const char *name;
	int aws;
} tf_types[] = {
	{ "aws_route53_record", 1 },
	{ "cloudflare_dns_record", 0 },
	{ "cloudflare_record", 0 }	/* provider 4 */
};

/* The attributes of a resource mailwiz reads. */
enum tf_attr {
	TF_NAME,
	TF_TYPE,
	TF_TTL,
	TF_RECORDS,
	TF_CONTENT,
	TF_VALUE,
	TF_PRIORITY,
	TF_NATTRS
};

static const char *tf_attr_names[TF_NATTRS] = {
	"name", "type", "ttl", "records", "content", "value", "priority"
};

static int tf_body(struct expect_code *, int, int);

/* Tell whether the current token ends an HCL expression. */
static int
tf_at_end(struct expect_code *c)
{
	const struct expect_tok *t = expect_code_cur(c);

	return t->type == EXPECT_TOK_NEWLINE || t->type == EXPECT_TOK_END ||
	    expect_code_is(c, '}') || expect_code_is(c, ',') ||
	    expect_code_is(c, ']');
}

/* Skip the rest of an expression mailwiz need not understand. */
static int
tf_skip_expr(struct expect_code *c)
{
	const struct expect_tok *t;
	size_t depth = 0;

	for (;;) {
		t = expect_code_cur(c);
		if (t->type == EXPECT_TOK_END) {
			if (depth > 0)
				return expect_code_unexpected(c, _("a closing "
				    "bracket"));
			return 0;
		}
		if (depth == 0 && tf_at_end(c))
			return 0;
		if (t->type == EXPECT_TOK_PUNCT &&
		    strchr("([{", t->text[0]) != NULL)
			depth++;
		else if (t->type == EXPECT_TOK_PUNCT &&
		    strchr(")]}", t->text[0]) != NULL)
			depth--;
		c->i++;
	}
}

/* Read an HCL expression: a literal or a list of them, else "other". */
static int
tf_expr(struct expect_code *c, struct expect_val *v, int depth)
{
	const struct expect_tok *t;

	if (expect_code_depth(c, depth) == -1)
		return -1;
	t = expect_code_cur(c);
	v->line = t->line;
	if (t->type == EXPECT_TOK_STRING || t->type == EXPECT_TOK_NUMBER) {
		v->kind = t->type == EXPECT_TOK_STRING ? EXPECT_VAL_STRING :
		    EXPECT_VAL_NUMBER;
		v->text = xstrdup(t->text);
		c->i++;
	} else if (expect_code_is(c, '[')) {
		v->kind = EXPECT_VAL_LIST;
		c->i++;
		for (;;) {
			expect_code_skip_newlines(c);
			if (expect_code_is(c, ']'))
				break;
			if (tf_expr(c, expect_val_push(v), depth + 1) == -1)
				return -1;
			expect_code_skip_newlines(c);
			if (expect_code_is(c, ','))
				c->i++;
			else if (!expect_code_is(c, ']'))
				return expect_code_unexpected(c,
				    _("',' or ']'"));
		}
		c->i++;
	} else {
		v->kind = EXPECT_VAL_OTHER;
		return tf_skip_expr(c);
	}
	if (!tf_at_end(c)) {
		/* An operator follows: a computed value. */
		expect_val_free(v);
		v->kind = EXPECT_VAL_OTHER;
		v->line = t->line;
		return tf_skip_expr(c);
	}
	return 0;
}

/* Skip a nested block's labels up to its '{'; -1 if there is none. */
static int
tf_block_open(struct expect_code *c)
{
	const struct expect_tok *t;

	for (;;) {
		t = expect_code_cur(c);
		if (expect_code_is(c, '{')) {
			c->i++;
			return 0;
		}
		if (t->type != EXPECT_TOK_STRING &&
		    t->type != EXPECT_TOK_IDENT)
			return expect_code_unexpected(c, _("'=' or '{'"));
		c->i++;
	}
}

/* A string attribute of a resource; -1 if missing or not a string. */
static int
tf_string(struct expect_code *c, const struct expect_val *attrs,
    enum tf_attr a, size_t line, const char **out)
{
	const struct expect_val *v = &attrs[a];

	if (v->line == 0)
		return expect_fail(c->ctx, line, _("'%s' is missing"),
		    tf_attr_names[a]);
	if (v->kind != EXPECT_VAL_STRING)
		return expect_fail(c->ctx, v->line, _("'%s' must be a string "
		    "written out, not a computed value"), tf_attr_names[a]);
	*out = v->text;
	return 0;
}

/* A number attribute of a resource; -1 if missing or not a number. */
static int
tf_number(struct expect_code *c, const struct expect_val *attrs,
    enum tf_attr a, size_t line, unsigned long max, unsigned long *out)
{
	const struct expect_val *v = &attrs[a];

	if (v->line == 0)
		return expect_fail(c->ctx, line, _("'%s' is missing"),
		    tf_attr_names[a]);
	if (v->kind != EXPECT_VAL_NUMBER ||
	    expect_ttl(v->text, 0, out) == -1 || *out > max)
		return expect_fail(c->ctx, v->line, _("'%s' must be a whole "
		    "number from 0 to %lu"), tf_attr_names[a], max);
	return 0;
}

/*
 * Where a resource's name puts the record: the providers take a name that
 * does not end with the zone's as relative to it.
 */
static void
tf_owner(struct expect_ctx *ctx, const char *name, struct expect_rr *rr)
{
	const char *base = ctx->want != NULL ? ctx->want : ctx->titled;
	size_t ln = strlen(name), lb;

	if (strcmp(name, "@") == 0 || *name == '\0') {
		rr->host = xstrdup("@");
		return;
	}
	if (base == NULL || name[ln - 1] == '.') {
		rr->name = expect_absolute(name);
		return;
	}
	lb = strlen(base);
	if (str_caseeq(name, base) || (ln > lb + 1 && name[ln - lb - 1] ==
	    '.' && str_caseeq(name + ln - lb, base)))
		rr->name = expect_absolute(name);
	else
		rr->host = xstrdup(name);
}

/* Add a record, noting whether it is Route 53's. */
static struct expect_rr *
tf_rr_add(struct expect_code *c, size_t line, int aws)
{
	struct expect_rr *rr;

	rr = expect_rr_add(c->ctx, line);
	c->aws = xreallocarray(c->aws, c->ctx->nrrs, 1);
	c->aws[c->ctx->nrrs - 1] = (unsigned char)aws;
	return rr;
}

/* Turn a resource's attributes into records; -1 if they do not fit. */
static int
tf_records(struct expect_code *c, const struct expect_val *attrs, int aws,
    size_t line)
{
	const char *name, *type, *content;
	const struct expect_val *list;
	struct expect_rr *rr;
	unsigned long ttl, prio = 0;
	size_t i, first = c->ctx->nrrs;
	char *v, *why, *q;

	if (tf_string(c, attrs, TF_NAME, line, &name) == -1 ||
	    tf_string(c, attrs, TF_TYPE, line, &type) == -1 ||
	    tf_number(c, attrs, TF_TTL, line, EXPECT_TTL_MAX, &ttl) == -1)
		return -1;
	if (aws) {
		list = &attrs[TF_RECORDS];
		if (list->line == 0 || list->kind != EXPECT_VAL_LIST)
			return expect_fail(c->ctx, list->line != 0 ?
			    list->line : line, _("'records' must be a list of "
			    "strings"));
		for (i = 0; i < list->n; i++) {
			if (list->items[i].kind != EXPECT_VAL_STRING)
				return expect_fail(c->ctx, list->line,
				    _("'records' must be a list of strings"));
			if (!str_caseeq(type, "TXT")) {
				v = xstrdup(list->items[i].text);
			} else {
				/* Route 53 text, its strings split by "". */
				q = xasprintf("\"%s\"", list->items[i].text);
				if (expect_txt_strings(q, 1, &v, &why) == -1) {
					free(q);
					expect_fail(c->ctx, list->line,
					    _("cannot read TXT value: %s"),
					    why);
					free(why);
					return -1;
				}
				free(q);
			}
			rr = tf_rr_add(c, list->items[i].line, 1);
			tf_owner(c->ctx, name, rr);
			rr->type = xstrdup(type);
			rr->ttl = ttl;
			rr->value = v;
		}
		expect_hints_apply(c->ctx, first, c->ctx->nrrs - first);
		return 0;
	}
	if (attrs[TF_CONTENT].line == 0 && attrs[TF_VALUE].line != 0) {
		if (tf_string(c, attrs, TF_VALUE, line, &content) == -1)
			return -1;
	} else if (tf_string(c, attrs, TF_CONTENT, line, &content) == -1)
		return -1;
	if (str_caseeq(type, "MX") && tf_number(c, attrs, TF_PRIORITY, line,
	    65535, &prio) == -1)
		return -1;
	if (str_caseeq(type, "TXT") && content[0] == '"') {
		if (expect_txt_strings(content, 0, &v, &why) == -1) {
			expect_fail(c->ctx, line, _("cannot read TXT value: "
			    "%s"), why);
			free(why);
			return -1;
		}
	} else if (str_caseeq(type, "MX"))
		v = xasprintf("%lu %s", prio, content);
	else
		v = xstrdup(content);
	rr = tf_rr_add(c, line, 0);
	tf_owner(c->ctx, name, rr);
	rr->type = xstrdup(type);
	rr->ttl = ttl;
	rr->value = v;
	expect_hints_apply(c->ctx, first, 1);
	return 0;
}

/* Read the body of a record resource, after its '{'. */
static int
tf_resource(struct expect_code *c, int aws, size_t line)
{
	struct expect_val attrs[TF_NATTRS];
	const struct expect_tok *t;
	size_t a, keyline;
	int rc = -1;

	memset(attrs, 0, sizeof attrs);
	for (;;) {
		t = expect_code_cur(c);
		if (t->type == EXPECT_TOK_NEWLINE) {
			c->i++;
			continue;
		}
		if (expect_code_is(c, '}')) {
			c->i++;
			break;
		}
		if (t->type != EXPECT_TOK_IDENT) {
			expect_code_unexpected(c, _("an attribute or '}'"));
			goto out;
		}
		for (a = 0; a < TF_NATTRS; a++) {
			if (strcmp(t->text, tf_attr_names[a]) == 0)
				break;
		}
		keyline = t->line;
		if (strcmp(t->text, "alias") == 0 && aws) {
			expect_fail(c->ctx, keyline, _("an alias record "
			    "cannot be checked"));
			goto out;
		}
		c->i++;
		if (!expect_code_is(c, '=')) {
			if (tf_block_open(c) == -1 || tf_body(c, 0, 1) == -1)
				goto out;
			continue;
		}
		c->i++;
		if (a == TF_NATTRS) {
			if (tf_skip_expr(c) == -1)
				goto out;
			continue;
		}
		if (attrs[a].line != 0) {
			expect_fail(c->ctx, keyline, _("'%s' is given twice"),
			    tf_attr_names[a]);
			goto out;
		}
		if (tf_expr(c, &attrs[a], 0) == -1)
			goto out;
		attrs[a].line = keyline;
	}
	rc = tf_records(c, attrs, aws, line);
out:
	for (a = 0; a < TF_NATTRS; a++)
		expect_val_free(&attrs[a]);
	return rc;
}

/*
 * Read blocks and attributes up to the end of the file (top) or the '}'
 * that closes a block; record resources are read, others skipped.
 */
static int
tf_body(struct expect_code *c, int top, int depth)
{
	const struct expect_tok *t, *kind;
	size_t i, nlabels;

	if (expect_code_depth(c, depth) == -1)
		return -1;
	for (;;) {
		t = expect_code_cur(c);
		if (t->type == EXPECT_TOK_NEWLINE) {
			c->i++;
			continue;
		}
		if (t->type == EXPECT_TOK_END) {
			if (top)
				return 0;
			return expect_code_unexpected(c, "'}'");
		}
		if (expect_code_is(c, '}')) {
			if (top)
				return expect_fail(c->ctx, t->line, _("'}' "
				    "without '{'"));
			c->i++;
			return 0;
		}
		if (t->type != EXPECT_TOK_IDENT)
			return expect_code_unexpected(c, _("a block or an "
			    "attribute"));
		c->i++;
		if (expect_code_is(c, '=')) {
			c->i++;
			if (tf_skip_expr(c) == -1)
				return -1;
			continue;
		}
		kind = expect_code_cur(c);
		nlabels = 0;
		while (expect_code_cur(c)->type == EXPECT_TOK_STRING ||
		    expect_code_cur(c)->type == EXPECT_TOK_IDENT) {
			nlabels++;
			c->i++;
		}
		if (!expect_code_is(c, '{'))
			return expect_code_unexpected(c, _("'=' or '{'"));
		c->i++;
		if (top && strcmp(t->text, "resource") == 0 && nlabels == 2 &&
		    kind->type == EXPECT_TOK_STRING) {
			for (i = 0; i < nitems(tf_types); i++) {
				if (strcmp(kind->text, tf_types[i].name) == 0)
					break;
			}
			if (i < nitems(tf_types)) {
				if (tf_resource(c, tf_types[i].aws,
				    t->line) == -1)
					return -1;
				continue;
			}
		}
		if (tf_body(c, 0, depth + 1) == -1)
			return -1;
	}
}

/*
 * The terraform format: aws_route53_record resources, or, when there are
 * none, Cloudflare's (the export has both; the administrator keeps one).
 */
int
expect_read_terraform(struct expect_ctx *ctx, const char *text)
{
	struct expect_code c;
	size_t i, j, naws = 0;
	int rc = -1;

	memset(&c, 0, sizeof c);
	c.ctx = ctx;
	c.hcl = 1;
	if (expect_code_lex(&c, text) == -1 || tf_body(&c, 1, 0) == -1)
		goto out;
	for (i = 0; i < ctx->nrrs; i++)
		naws += c.aws[i];
	if (naws > 0) {
		for (i = j = 0; i < ctx->nrrs; i++) {
			if (c.aws[i])
				ctx->rrs[j++] = ctx->rrs[i];
			else
				expect_rr_free(&ctx->rrs[i]);
		}
		ctx->nrrs = j;
	}
	rc = 0;
out:
	free(c.aws);
	expect_code_free(&c);
	return rc;
}
