/* expect-json.c - a strict JSON parser, and the tree it and the YAML
   reader make */
#include <stdlib.h>
#include <string.h>

#include "expect-int.h"

/* Deeper than this is not an export file but an attack on the stack. */
#define JSON_DEPTH_MAX 64

/* Where the parser is in the text. */
struct json_parser {
	struct expect_ctx *ctx;
	const char *p;
	size_t line;
	int depth;
};

static int json_value(struct json_parser *, struct expect_node *);

/* ------------------------------------------------------------------ */
/* The tree                                                            */
/* ------------------------------------------------------------------ */

/* Release a node and everything under it. */
void
expect_node_free(struct expect_node *n)
{
	size_t i;

	for (i = 0; i < n->n; i++) {
		if (n->keys != NULL)
			free(n->keys[i]);
		expect_node_free(&n->kids[i]);
	}
	free(n->keys);
	free(n->kids);
	free(n->text);
	memset(n, 0, sizeof *n);
}

/* The member of an object with a key, or NULL. */
const struct expect_node *
expect_node_get(const struct expect_node *obj, const char *key)
{
	size_t i;

	if (obj->type != EXPECT_OBJECT)
		return NULL;
	for (i = 0; i < obj->n; i++) {
		if (strcmp(obj->keys[i], key) == 0)
			return &obj->kids[i];
	}
	return NULL;
}

/* Name a node type for a message. */
const char *
expect_node_type_name(enum expect_node_type t)
{
	switch (t) {
	case EXPECT_NULL:
		return _("null");
	case EXPECT_BOOL:
		return _("a boolean");
	case EXPECT_NUMBER:
		return _("a number");
	case EXPECT_STRING:
		return _("a string");
	case EXPECT_ARRAY:
		return _("a list");
	case EXPECT_OBJECT:
		return _("an object");
	}
	return "";
}

/*
 * Get a string member; a missing or null one is NULL unless required.
 * -1 (with the failure noted) when it is missing or not a string.
 */
int
expect_node_str(struct expect_ctx *ctx, const struct expect_node *obj,
    const char *key, int required, const char **out)
{
	const struct expect_node *v;

	*out = NULL;
	v = expect_node_get(obj, key);
	if (v == NULL || (v->type == EXPECT_NULL && !required)) {
		if (required)
			return expect_fail(ctx, obj->line, _("'%s' is "
			    "missing"), key);
		return 0;
	}
	if (v->type != EXPECT_STRING)
		return expect_fail(ctx, v->line, _("'%s' must be a string, "
		    "not %s"), key, expect_node_type_name(v->type));
	*out = v->text;
	return 0;
}

/* Get a TTL member: a whole number of seconds. */
int
expect_node_ttl(struct expect_ctx *ctx, const struct expect_node *obj,
    const char *key, int required, unsigned long *out)
{
	const struct expect_node *v;

	v = expect_node_get(obj, key);
	if (v == NULL) {
		if (required)
			return expect_fail(ctx, obj->line, _("'%s' is "
			    "missing"), key);
		return 0;
	}
	if (v->type != EXPECT_NUMBER)
		return expect_fail(ctx, v->line, _("'%s' must be a number, "
		    "not %s"), key, expect_node_type_name(v->type));
	if (expect_ttl(v->text, 0, out) == -1)
		return expect_fail(ctx, v->line, _("'%s' must be a whole "
		    "number of seconds from 0 to %lu, not %s"), key,
		    EXPECT_TTL_MAX, v->text);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The parser (RFC 8259)                                               */
/* ------------------------------------------------------------------ */

/* Skip white space, counting lines. */
static void
json_space(struct json_parser *jp)
{
	for (;;) {
		if (*jp->p == '\n')
			jp->line++;
		else if (*jp->p != ' ' && *jp->p != '\t' && *jp->p != '\r')
			return;
		jp->p++;
	}
}

/* Fail on what is at the current position: wrong or missing. */
static int
json_unexpected(struct json_parser *jp, const char *wanted)
{
	unsigned char c = (unsigned char)*jp->p;

	if (c == '\0')
		return expect_fail(jp->ctx, jp->line, _("the file ends where "
		    "%s should be (is it cut short?)"), wanted);
	if (c < 0x20 || c >= 0x7f)
		return expect_fail(jp->ctx, jp->line, _("byte 0x%02x where %s "
		    "should be"), (unsigned int)c, wanted);
	return expect_fail(jp->ctx, jp->line, _("'%c' where %s should be"),
	    c, wanted);
}

/* Read a \u escape (a surrogate pair is two) at p, after the 'u'. */
static int
json_unicode(struct json_parser *jp, struct buf *b)
{
	unsigned long cp, lo;

	if (parse_hex(jp->p, 4, &cp) == -1)
		return expect_fail(jp->ctx, jp->line, _("'\\u' must be "
		    "followed by four hex digits"));
	jp->p += 4;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return expect_fail(jp->ctx, jp->line, _("'\\u%04lx' is half "
		    "a surrogate pair"), cp);
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (jp->p[0] != '\\' || jp->p[1] != 'u' ||
		    parse_hex(jp->p + 2, 4, &lo) == -1 || lo < 0xdc00 ||
		    lo > 0xdfff)
			return expect_fail(jp->ctx, jp->line,
			    _("'\\u%04lx' is half a surrogate pair"), cp);
		jp->p += 6;
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (cp == 0)
		return expect_fail(jp->ctx, jp->line, _("'\\u0000' (a NUL) "
		    "cannot be read"));
	expect_put_utf8(b, cp);
	return 0;
}

/* Read a string; the position is at its opening quote. */
static int
json_string(struct json_parser *jp, char **out)
{
	static const char simple[] = "\"\\/bfnrt";
	static const char means[] = "\"\\/\b\f\n\r\t";
	const char *e;
	struct buf b;
	size_t start = jp->line;

	buf_init(&b);
	jp->p++;
	for (;;) {
		if (*jp->p == '"')
			break;
		if (*jp->p == '\0' || *jp->p == '\n') {
			buf_free(&b);
			return expect_fail(jp->ctx, start, _("unterminated "
			    "string"));
		}
		if ((unsigned char)*jp->p < 0x20) {
			buf_free(&b);
			return expect_fail(jp->ctx, jp->line, _("control "
			    "character 0x%02x in a string: write it as an "
			    "escape"), (unsigned int)*jp->p);
		}
		if (*jp->p != '\\') {
			buf_putc(&b, *jp->p++);
			continue;
		}
		jp->p++;
		if (*jp->p == 'u') {
			jp->p++;
			if (json_unicode(jp, &b) == -1) {
				buf_free(&b);
				return -1;
			}
			continue;
		}
		e = *jp->p != '\0' ? strchr(simple, *jp->p) : NULL;
		if (e == NULL) {
			buf_free(&b);
			if (*jp->p == '\0' || *jp->p == '\n')
				return expect_fail(jp->ctx, start,
				    _("unterminated string"));
			return expect_fail(jp->ctx, jp->line, _("'\\%c' is "
			    "not a JSON escape"), *jp->p);
		}
		buf_putc(&b, means[e - simple]);
		jp->p++;
	}
	jp->p++;
	*out = buf_detach(&b);
	return 0;
}

/* Skip a run of digits; -1 if there is none. */
static int
json_digits(struct json_parser *jp)
{
	if (*jp->p < '0' || *jp->p > '9')
		return -1;
	while (*jp->p >= '0' && *jp->p <= '9')
		jp->p++;
	return 0;
}

/* Read a number, kept as written. */
static int
json_number(struct json_parser *jp, struct expect_node *n)
{
	const char *start = jp->p;

	if (*jp->p == '-')
		jp->p++;
	if (*jp->p == '0')
		jp->p++;
	else if (json_digits(jp) == -1)
		goto bad;
	if (*jp->p == '.') {
		jp->p++;
		if (json_digits(jp) == -1)
			goto bad;
	}
	if (*jp->p == 'e' || *jp->p == 'E') {
		jp->p++;
		if (*jp->p == '+' || *jp->p == '-')
			jp->p++;
		if (json_digits(jp) == -1)
			goto bad;
	}
	if ((*jp->p >= '0' && *jp->p <= '9') || (*jp->p >= 'a' &&
	    *jp->p <= 'z') || (*jp->p >= 'A' && *jp->p <= 'Z'))
		goto bad;
	n->type = EXPECT_NUMBER;
	n->text = xstrndup(start, (size_t)(jp->p - start));
	return 0;

bad:
	jp->p = start;
	return expect_fail(jp->ctx, jp->line, _("'%.*s' is not a valid "
	    "number"), (int)strcspn(start, " \t\r\n,]}"), start);
}

/* Read an array; the position is at '['. */
static int
json_array(struct json_parser *jp, struct expect_node *n)
{
	n->type = EXPECT_ARRAY;
	jp->p++;
	json_space(jp);
	if (*jp->p == ']') {
		jp->p++;
		return 0;
	}
	for (;;) {
		n->kids = xreallocarray(n->kids, n->n + 1, sizeof *n->kids);
		memset(&n->kids[n->n], 0, sizeof *n->kids);
		n->n++;
		if (json_value(jp, &n->kids[n->n - 1]) == -1)
			return -1;
		json_space(jp);
		if (*jp->p == ']') {
			jp->p++;
			return 0;
		}
		if (*jp->p != ',')
			return json_unexpected(jp, _("',' or ']'"));
		jp->p++;
	}
}

/* Read an object; the position is at '{'. Keys must be unique. */
static int
json_object(struct json_parser *jp, struct expect_node *n)
{
	char *key;
	size_t i;

	n->type = EXPECT_OBJECT;
	jp->p++;
	json_space(jp);
	if (*jp->p == '}') {
		jp->p++;
		return 0;
	}
	for (;;) {
		json_space(jp);
		if (*jp->p != '"')
			return json_unexpected(jp, _("a quoted key"));
		if (json_string(jp, &key) == -1)
			return -1;
		for (i = 0; i < n->n; i++) {
			if (strcmp(n->keys[i], key) == 0) {
				expect_fail(jp->ctx, jp->line, _("'%s' is "
				    "given twice"), key);
				free(key);
				return -1;
			}
		}
		n->keys = xreallocarray(n->keys, n->n + 1, sizeof *n->keys);
		n->kids = xreallocarray(n->kids, n->n + 1, sizeof *n->kids);
		n->keys[n->n] = key;
		memset(&n->kids[n->n], 0, sizeof *n->kids);
		n->n++;
		json_space(jp);
		if (*jp->p != ':')
			return json_unexpected(jp, _("':'"));
		jp->p++;
		if (json_value(jp, &n->kids[n->n - 1]) == -1)
			return -1;
		json_space(jp);
		if (*jp->p == '}') {
			jp->p++;
			return 0;
		}
		if (*jp->p != ',')
			return json_unexpected(jp, _("',' or '}'"));
		jp->p++;
	}
}

/* Read any value. */
static int
json_value(struct json_parser *jp, struct expect_node *n)
{
	static const char *words[] = { "true", "false", "null" };
	size_t i, len;
	int rc;

	json_space(jp);
	n->line = jp->line;
	switch (*jp->p) {
	case '{':
	case '[':
		if (++jp->depth > JSON_DEPTH_MAX)
			return expect_fail(jp->ctx, jp->line, _("more than %d "
			    "levels of nesting"), JSON_DEPTH_MAX);
		rc = *jp->p == '{' ? json_object(jp, n) : json_array(jp, n);
		jp->depth--;
		return rc;
	case '"':
		n->type = EXPECT_STRING;
		return json_string(jp, &n->text);
	case '-':
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return json_number(jp, n);
	}
	for (i = 0; i < nitems(words); i++) {
		len = strlen(words[i]);
		if (strncmp(jp->p, words[i], len) == 0) {
			n->type = i == 2 ? EXPECT_NULL : EXPECT_BOOL;
			n->text = xstrdup(words[i]);
			jp->p += len;
			return 0;
		}
	}
	return json_unexpected(jp, _("a value"));
}

/* Parse a whole text as one JSON value. */
int
expect_json_parse(struct expect_ctx *ctx, const char *text,
    struct expect_node *out)
{
	struct json_parser jp;

	memset(out, 0, sizeof *out);
	jp.ctx = ctx;
	jp.p = text;
	jp.line = 1;
	jp.depth = 0;
	if (json_value(&jp, out) == -1) {
		expect_node_free(out);
		return -1;
	}
	json_space(&jp);
	if (*jp.p != '\0') {
		expect_node_free(out);
		return expect_fail(ctx, jp.line, _("more text after the end "
		    "of the JSON value"));
	}
	return 0;
}
