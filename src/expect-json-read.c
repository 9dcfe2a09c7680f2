/* expect-json-read.c - reading back the json and route53 formats */
#include <stdlib.h>
#include <string.h>

#include "expect-int.h"

/* ------------------------------------------------------------------ */
/* json                                                                */
/* ------------------------------------------------------------------ */

/* Copy an optional string member of the set (feature, note, ...). */
static int
json_set_str(struct expect_ctx *ctx, const struct expect_node *root,
    const char *key, char **out)
{
	const char *s;

	if (expect_node_str(ctx, root, key, 0, &s) == -1)
		return -1;
	if (s != NULL)
		*out = xstrdup(s);
	return 0;
}

/* Read an action: create, replace or keep. */
static int
json_action(struct expect_ctx *ctx, const struct expect_node *obj,
    int *out)
{
	static const char *names[] = { "create", "replace", "keep" };
	const char *s;
	size_t i;

	if (expect_node_str(ctx, obj, "action", 0, &s) == -1)
		return -1;
	if (s == NULL)
		return 0;
	for (i = 0; i < nitems(names); i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (int)i;
			return 0;
		}
	}
	return expect_fail(ctx, expect_node_get(obj, "action")->line,
	    _("action '%s' is not create, replace or keep"), s);
}

/* Read one record object of the json format. */
static int
json_record(struct expect_ctx *ctx, const struct expect_node *obj,
    size_t idx)
{
	const char *name, *host, *type, *value, *replaces, *purpose, *why;
	struct expect_rr *rr;
	unsigned long ttl;
	int action = -1;

	if (obj->type != EXPECT_OBJECT)
		return expect_fail(ctx, obj->line, _("record %zu must be an "
		    "object, not %s"), idx + 1,
		    expect_node_type_name(obj->type));
	if (expect_node_str(ctx, obj, "name", 0, &name) == -1 ||
	    expect_node_str(ctx, obj, "host", 0, &host) == -1 ||
	    expect_node_str(ctx, obj, "type", 1, &type) == -1 ||
	    expect_node_ttl(ctx, obj, "ttl", 1, &ttl) == -1 ||
	    expect_node_str(ctx, obj, "value", 1, &value) == -1 ||
	    json_action(ctx, obj, &action) == -1 ||
	    expect_node_str(ctx, obj, "replaces", 0, &replaces) == -1 ||
	    expect_node_str(ctx, obj, "purpose", 0, &purpose) == -1 ||
	    expect_node_str(ctx, obj, "why", 0, &why) == -1)
		return -1;
	if (name == NULL && host == NULL)
		return expect_fail(ctx, obj->line, _("record %zu has neither "
		    "'name' nor 'host'"), idx + 1);
	rr = expect_rr_add(ctx, obj->line);
	rr->name = name != NULL ? xstrdup(name) : NULL;
	rr->host = host != NULL ? xstrdup(host) : NULL;
	rr->type = xstrdup(type);
	rr->ttl = ttl;
	rr->value = xstrdup(value);
	rr->action = action;
	if (replaces != NULL)
		rr->replaces = xstrdup(replaces);
	if (purpose != NULL && *purpose != '\0')
		rr->purpose = xstrdup(purpose);
	if (why != NULL)
		rr->why = xstrdup(why);
	return 0;
}

/* The json format: the record set as export_json writes it. */
int
expect_read_json(struct expect_ctx *ctx, const char *text)
{
	struct expect_node root;
	const struct expect_node *records;
	const char *domain;
	size_t i;
	int rc = -1;

	if (expect_json_parse(ctx, text, &root) == -1)
		return -1;
	if (root.type != EXPECT_OBJECT) {
		expect_fail(ctx, root.line, _("the file must hold an object, "
		    "not %s"), expect_node_type_name(root.type));
		goto out;
	}
	if (expect_node_str(ctx, &root, "domain", 0, &domain) == -1 ||
	    json_set_str(ctx, &root, "feature", &ctx->feature) == -1 ||
	    json_set_str(ctx, &root, "server", &ctx->server) == -1 ||
	    json_set_str(ctx, &root, "provider", &ctx->provider) == -1 ||
	    json_set_str(ctx, &root, "note", &ctx->note) == -1)
		goto out;
	if (domain != NULL)
		expect_state(ctx, domain, expect_node_get(&root,
		    "domain")->line);
	records = expect_node_get(&root, "records");
	if (records == NULL) {
		expect_fail(ctx, root.line, _("'records' is missing"));
		goto out;
	}
	if (records->type != EXPECT_ARRAY) {
		expect_fail(ctx, records->line, _("'records' must be a list, "
		    "not %s"), expect_node_type_name(records->type));
		goto out;
	}
	for (i = 0; i < records->n; i++) {
		if (json_record(ctx, &records->kids[i], i) == -1)
			goto out;
	}
	rc = 0;
out:
	expect_node_free(&root);
	return rc;
}

/* ------------------------------------------------------------------ */
/* route53                                                             */
/* ------------------------------------------------------------------ */

/* A Route 53 name with its \ooo escapes ("\052" for '*') undone. */
static char *
route53_name(const char *s)
{
	struct buf b;

	buf_init(&b);
	while (*s != '\0') {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7' &&
		    (s[1] != '0' || s[2] != '0' || s[3] != '0')) {
			buf_putc(&b, (char)((s[1] - '0') * 64 +
			    (s[2] - '0') * 8 + (s[3] - '0')));
			s += 4;
		} else
			buf_putc(&b, *s++);
	}
	return buf_detach(&b);
}

/* Read the values of one CREATE or UPSERT change. */
static int
route53_rrset(struct expect_ctx *ctx, const struct expect_node *set)
{
	const struct expect_node *rrs, *item;
	const char *name, *type, *value;
	struct expect_rr *rr;
	unsigned long ttl;
	char *v, *why;
	size_t i;

	if (set->type != EXPECT_OBJECT)
		return expect_fail(ctx, set->line, _("'ResourceRecordSet' "
		    "must be an object, not %s"),
		    expect_node_type_name(set->type));
	if (expect_node_get(set, "AliasTarget") != NULL)
		return expect_fail(ctx, set->line, _("an alias record "
		    "(AliasTarget) cannot be checked"));
	if (expect_node_str(ctx, set, "Name", 1, &name) == -1 ||
	    expect_node_str(ctx, set, "Type", 1, &type) == -1 ||
	    expect_node_ttl(ctx, set, "TTL", 1, &ttl) == -1)
		return -1;
	rrs = expect_node_get(set, "ResourceRecords");
	if (rrs == NULL)
		return expect_fail(ctx, set->line, _("'%s' is missing"),
		    "ResourceRecords");
	if (rrs->type != EXPECT_ARRAY)
		return expect_fail(ctx, rrs->line, _("'ResourceRecords' must "
		    "be a list, not %s"), expect_node_type_name(rrs->type));
	for (i = 0; i < rrs->n; i++) {
		item = &rrs->kids[i];
		if (item->type != EXPECT_OBJECT)
			return expect_fail(ctx, item->line, _("a resource "
			    "record must be an object, not %s"),
			    expect_node_type_name(item->type));
		if (expect_node_str(ctx, item, "Value", 1, &value) == -1)
			return -1;
		if (str_caseeq(type, "TXT")) {
			if (expect_txt_strings(value, 1, &v, &why) == -1) {
				expect_fail(ctx, item->line, _("cannot read "
				    "TXT value '%s': %s"), value, why);
				free(why);
				return -1;
			}
		} else
			v = xstrdup(value);
		rr = expect_rr_add(ctx, item->line);
		v = v != NULL ? v : xstrdup("");
		rr->name = route53_name(name);
		rr->type = xstrdup(type);
		rr->ttl = ttl;
		rr->value = v;
	}
	return 0;
}

/* The route53 format: a ChangeBatch, or a request that holds one. */
int
expect_read_route53(struct expect_ctx *ctx, const char *text)
{
	struct expect_node root;
	const struct expect_node *batch, *changes, *ch;
	const char *comment, *action;
	size_t i;
	int rc = -1;

	if (expect_json_parse(ctx, text, &root) == -1)
		return -1;
	batch = &root;
	if (root.type == EXPECT_OBJECT &&
	    expect_node_get(&root, "ChangeBatch") != NULL)
		batch = expect_node_get(&root, "ChangeBatch");
	if (batch->type != EXPECT_OBJECT) {
		expect_fail(ctx, batch->line, _("the change batch must be an "
		    "object, not %s"), expect_node_type_name(batch->type));
		goto out;
	}
	if (expect_node_str(ctx, batch, "Comment", 0, &comment) == -1)
		goto out;
	if (comment != NULL)
		expect_comment(ctx, comment);
	changes = expect_node_get(batch, "Changes");
	if (changes == NULL) {
		expect_fail(ctx, batch->line, _("'%s' is missing"),
		    "Changes");
		goto out;
	}
	if (changes->type != EXPECT_ARRAY) {
		expect_fail(ctx, changes->line, _("'Changes' must be a list, "
		    "not %s"), expect_node_type_name(changes->type));
		goto out;
	}
	for (i = 0; i < changes->n; i++) {
		ch = &changes->kids[i];
		if (ch->type != EXPECT_OBJECT) {
			expect_fail(ctx, ch->line, _("a change must be an "
			    "object, not %s"),
			    expect_node_type_name(ch->type));
			goto out;
		}
		if (expect_node_str(ctx, ch, "Action", 1, &action) == -1)
			goto out;
		if (strcmp(action, "DELETE") == 0)
			continue;
		if (strcmp(action, "CREATE") != 0 &&
		    strcmp(action, "UPSERT") != 0) {
			expect_fail(ctx, expect_node_get(ch, "Action")->line,
			    _("action '%s' is not CREATE, UPSERT or DELETE"),
			    action);
			goto out;
		}
		if (expect_node_get(ch, "ResourceRecordSet") == NULL) {
			expect_fail(ctx, ch->line, _("'%s' is missing"),
			    "ResourceRecordSet");
			goto out;
		}
		if (route53_rrset(ctx, expect_node_get(ch,
		    "ResourceRecordSet")) == -1)
			goto out;
	}
	rc = 0;
out:
	expect_node_free(&root);
	return rc;
}
