/* expect-yaml.c - the YAML that octoDNS zone files use, and octodns */
#include <stdlib.h>
#include <string.h>

#include "expect-int.h"

/* octoDNS's TTL for a record without one. */
#define OCTODNS_DEFAULT_TTL 3600

/* Nesting deeper than this is refused. */
#define YAML_DEPTH_MAX 64

/* A line of the file: content, or a whole-line comment. */
struct yaml_line {
	char *buf;		/* the line without its indentation */
	size_t off;		/* where the unread part of buf starts */
	size_t indent;		/* the column of the unread part */
	size_t line;
	int comment;
};

/* A YAML file being parsed. */
struct yaml {
	struct expect_ctx *ctx;
	struct yaml_line *lines;
	size_t n;
	size_t i;
	struct strlist comments;	/* whole-line comments passed */
};

static int yaml_node(struct yaml *, size_t, struct expect_node *, int);

/* Split the text into lines; -1 on a tab in the indentation. */
static int
yaml_lines(struct yaml *y, const char *text)
{
	const char *p = text, *e, *s;
	struct yaml_line *l;
	size_t lineno = 0, len;
	int started = 0;

	while (*p != '\0') {
		e = p + strcspn(p, "\n");
		lineno++;
		for (s = p; *s == ' '; s++)
			/* nothing */;
		if (*s == '\t')
			return expect_fail(y->ctx, lineno, _("a tab in the "
			    "indentation (YAML allows spaces only)"));
		len = (size_t)(e - s);
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len == 3 && strncmp(s, "...", 3) == 0 && s == p)
			break;
		if (len > 0 && !(len == 3 && strncmp(s, "---", 3) == 0 &&
		    s == p && !started)) {
			y->lines = xreallocarray(y->lines, y->n + 1,
			    sizeof *y->lines);
			l = &y->lines[y->n++];
			l->comment = *s == '#';
			l->buf = xstrndup(s + l->comment, len - l->comment);
			l->off = 0;
			l->indent = (size_t)(s - p);
			l->line = lineno;
			if (!l->comment)
				started = 1;
		} else if (len == 3 && s == p && strncmp(s, "---", 3) == 0 &&
		    started)
			return expect_fail(y->ctx, lineno, _("a second YAML "
			    "document cannot be read"));
		p = *e == '\n' ? e + 1 : e;
	}
	return 0;
}

/* The next content line (comments passed are noted), or NULL. */
static struct yaml_line *
yaml_peek(struct yaml *y)
{
	while (y->i < y->n && y->lines[y->i].comment)
		strlist_add(&y->comments, y->lines[y->i++].buf);
	return y->i < y->n ? &y->lines[y->i] : NULL;
}

/* The unread text of a line. */
static const char *
yaml_text(const struct yaml_line *l)
{
	return l->buf + l->off;
}

/* Tell whether a line's text is a list item ("- " or a lone "-"). */
static int
yaml_is_item(const char *s)
{
	return s[0] == '-' && (s[1] == ' ' || s[1] == '\0');
}

/* Tell whether what is left after a scalar is empty or a comment. */
static int
yaml_rest_empty(const char *s)
{
	while (*s == ' ')
		s++;
	return *s == '\0' || *s == '#';
}

/* Read a single-quoted scalar at s ('' is a quote); *end after it. */
static int
yaml_single(struct yaml *y, const char *s, size_t line, char **out,
    const char **end)
{
	struct buf b;

	buf_init(&b);
	for (s++;; s++) {
		if (*s == '\0') {
			buf_free(&b);
			return expect_fail(y->ctx, line, _("unterminated "
			    "quoted string (strings on several lines cannot "
			    "be read)"));
		}
		if (*s == '\'' && s[1] == '\'') {
			buf_putc(&b, '\'');
			s++;
			continue;
		}
		if (*s == '\'')
			break;
		buf_putc(&b, *s);
	}
	*out = buf_detach(&b);
	*end = s + 1;
	return 0;
}

/* Undo one double-quoted escape at *pp (after the '\'); -1 if bad. */
static int
yaml_escape(const char **pp, struct buf *b)
{
	static const char simple[] = "\"\\/abtnvfre _";
	static const char means[] = "\"\\/\a\b\t\n\v\f\r\x1b \xa0";
	const char *p = *pp, *e;
	unsigned long cp = 0;
	size_t n = 0;

	e = *p != '\0' ? strchr(simple, *p) : NULL;
	if (e != NULL && *p != '_') {
		buf_putc(b, means[e - simple]);
		*pp = p + 1;
		return 0;
	}
	switch (*p) {
	case '_':
		cp = 0xa0;
		break;
	case 'N':
		cp = 0x85;
		break;
	case 'L':
		cp = 0x2028;
		break;
	case 'P':
		cp = 0x2029;
		break;
	case 'x':
		n = 2;
		break;
	case 'u':
		n = 4;
		break;
	case 'U':
		n = 8;
		break;
	default:
		return -1;
	}
	if (n > 0 && parse_hex(p + 1, n, &cp) == -1)
		return -1;
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	expect_put_utf8(b, cp);
	*pp = p + 1 + n;
	return 0;
}

/* Read a double-quoted scalar at s; *end after it. */
static int
yaml_double(struct yaml *y, const char *s, size_t line, char **out,
    const char **end)
{
	struct buf b;

	buf_init(&b);
	s++;
	while (*s != '"') {
		if (*s == '\0') {
			buf_free(&b);
			return expect_fail(y->ctx, line, _("unterminated "
			    "quoted string (strings on several lines cannot "
			    "be read)"));
		}
		if (*s != '\\') {
			buf_putc(&b, *s++);
			continue;
		}
		s++;
		if (yaml_escape(&s, &b) == -1) {
			buf_free(&b);
			return expect_fail(y->ctx, line, _("'\\%.1s' is not a "
			    "valid escape here"), s);
		}
	}
	*out = buf_detach(&b);
	*end = s + 1;
	return 0;
}

/* Type a plain scalar as YAML 1.2's core schema does, for what is used. */
static void
yaml_plain(struct expect_node *n, const char *s, size_t len)
{
	size_t i = 0;

	n->text = xstrndup(s, len);
	if (len == 0 || strcmp(n->text, "~") == 0 ||
	    strcmp(n->text, "null") == 0 || strcmp(n->text, "Null") == 0 ||
	    strcmp(n->text, "NULL") == 0) {
		n->type = EXPECT_NULL;
		return;
	}
	if (str_caseeq(n->text, "true") || str_caseeq(n->text, "false")) {
		n->type = EXPECT_BOOL;
		return;
	}
	if (s[0] == '-' || s[0] == '+')
		i++;
	n->type = EXPECT_NUMBER;
	if (i == len)
		n->type = EXPECT_STRING;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			n->type = EXPECT_STRING;
	}
}

/*
 * Read a scalar (or an empty or simple flow collection) that fills the
 * rest of a line: "value", 'value', plain, {}, [] or [a, b].
 */
static int
yaml_inline(struct yaml *y, const char *s, size_t line,
    struct expect_node *n)
{
	const char *end, *p;
	size_t len;
	int rc;

	n->line = line;
	if (*s == '\'' || *s == '"') {
		n->type = EXPECT_STRING;
		rc = *s == '\'' ? yaml_single(y, s, line, &n->text, &end) :
		    yaml_double(y, s, line, &n->text, &end);
		if (rc == -1)
			return -1;
		if (!yaml_rest_empty(end))
			return expect_fail(y->ctx, line, _("text after a "
			    "quoted string"));
		return 0;
	}
	if (*s == '{' || *s == '[') {
		n->type = *s == '{' ? EXPECT_OBJECT : EXPECT_ARRAY;
		for (p = s + 1; *p == ' '; p++)
			/* nothing */;
		if (*p == (*s == '{' ? '}' : ']') && yaml_rest_empty(p + 1))
			return 0;
		if (*s == '{')
			return expect_fail(y->ctx, line, _("a mapping in "
			    "braces cannot be read: write one key per line"));
		/* [a, 'b']: scalars only. */
		for (p = s + 1;;) {
			while (*p == ' ')
				p++;
			n->kids = xreallocarray(n->kids, n->n + 1,
			    sizeof *n->kids);
			memset(&n->kids[n->n], 0, sizeof *n->kids);
			n->kids[n->n].line = line;
			n->n++;
			if (*p == '\'' || *p == '"') {
				n->kids[n->n - 1].type = EXPECT_STRING;
				rc = *p == '\'' ? yaml_single(y, p, line,
				    &n->kids[n->n - 1].text, &end) :
				    yaml_double(y, p, line,
				    &n->kids[n->n - 1].text, &end);
				if (rc == -1)
					return -1;
			} else {
				end = p + strcspn(p, ",]");
				len = (size_t)(end - p);
				while (len > 0 && p[len - 1] == ' ')
					len--;
				yaml_plain(&n->kids[n->n - 1], p, len);
			}
			for (p = end; *p == ' '; p++)
				/* nothing */;
			if (*p == ']' && yaml_rest_empty(p + 1))
				return 0;
			if (*p != ',')
				return expect_fail(y->ctx, line, _("cannot "
				    "read the list in brackets"));
			p++;
		}
	}
	if (strchr("&*!|>%@`", *s) != NULL)
		return expect_fail(y->ctx, line, _("YAML's '%c' (anchors, "
		    "tags, block strings) cannot be read"), *s);
	end = strstr(s, " #");
	len = end != NULL ? (size_t)(end - s) : strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	yaml_plain(n, s, len);
	return 0;
}

/*
 * Split "key: rest" into its key and the rest; 0 when the line is not a
 * mapping entry.
 */
static int
yaml_key(struct yaml *y, const char *s, size_t line, char **key,
    const char **rest, int *is_key)
{
	const char *end, *p;

	*is_key = 0;
	*key = NULL;
	if (*s == '\'' || *s == '"') {
		if ((*s == '\'' ? yaml_single(y, s, line, key, &end) :
		    yaml_double(y, s, line, key, &end)) == -1)
			return -1;
		while (*end == ' ')
			end++;
		if (*end != ':' || (end[1] != ' ' && end[1] != '\0')) {
			free(*key);
			*key = NULL;
			return 0;
		}
		*rest = end + 1;
	} else {
		for (p = s; *p != '\0'; p++) {
			if (*p == ':' && (p[1] == ' ' || p[1] == '\0'))
				break;
			if (*p == '#' && p > s && p[-1] == ' ')
				return 0;
		}
		if (*p == '\0')
			return 0;
		end = p;
		while (end > s && end[-1] == ' ')
			end--;
		*key = xstrndup(s, (size_t)(end - s));
		*rest = p + 1;
	}
	while (**rest == ' ')
		(*rest)++;
	*is_key = 1;
	return 0;
}

/* Append an empty child to a mapping or a list and return it. */
static struct expect_node *
yaml_push(struct expect_node *n, char *key)
{
	if (n->type == EXPECT_OBJECT) {
		n->keys = xreallocarray(n->keys, n->n + 1, sizeof *n->keys);
		n->keys[n->n] = key;
	}
	n->kids = xreallocarray(n->kids, n->n + 1, sizeof *n->kids);
	memset(&n->kids[n->n], 0, sizeof *n->kids);
	return &n->kids[n->n++];
}

/* Read a block list whose dashes are at an indentation. */
static int
yaml_seq(struct yaml *y, size_t indent, struct expect_node *n, int depth)
{
	struct yaml_line *l;
	const char *s;
	size_t skip;

	n->type = EXPECT_ARRAY;
	for (;;) {
		l = yaml_peek(y);
		if (l == NULL || l->indent < indent)
			return 0;
		if (l->indent > indent || !yaml_is_item(yaml_text(l)))
			return expect_fail(y->ctx, l->line, _("a list item "
			    "should be here, at column %zu"), indent + 1);
		s = yaml_text(l);
		skip = 1 + strspn(s + 1, " ");
		if (s[skip] == '\0' || s[skip] == '#') {
			y->i++;
			if (yaml_node(y, indent + 1, yaml_push(n, NULL),
			    depth + 1) == -1)
				return -1;
			continue;
		}
		/* "- key: value": the rest of the line starts a node. */
		l->off += skip;
		l->indent += skip;
		if (yaml_node(y, l->indent, yaml_push(n, NULL),
		    depth + 1) == -1)
			return -1;
	}
}

/* Read a block mapping whose keys are at an indentation. */
static int
yaml_map(struct yaml *y, size_t indent, struct expect_node *n, int depth)
{
	struct yaml_line *l, *next;
	struct expect_node *v;
	const char *rest;
	char *key;
	size_t i, line;
	int is_key;

	n->type = EXPECT_OBJECT;
	for (;;) {
		l = yaml_peek(y);
		if (l == NULL || l->indent < indent)
			return 0;
		if (l->indent > indent)
			return expect_fail(y->ctx, l->line, _("the "
			    "indentation of this line does not match the "
			    "lines before it"));
		line = l->line;
		if (yaml_key(y, yaml_text(l), line, &key, &rest,
		    &is_key) == -1)
			return -1;
		if (!is_key)
			return expect_fail(y->ctx, line, _("a 'key: value' "
			    "line should be here"));
		for (i = 0; i < n->n; i++) {
			if (strcmp(n->keys[i], key) == 0) {
				expect_fail(y->ctx, line, _("'%s' is given "
				    "twice"), key);
				free(key);
				return -1;
			}
		}
		v = yaml_push(n, key);
		y->i++;
		if (!yaml_rest_empty(rest)) {
			if (yaml_inline(y, rest, line, v) == -1)
				return -1;
			v->mark = y->comments.n;
			continue;
		}
		next = yaml_peek(y);
		v->line = line;
		v->mark = y->comments.n;
		if (next != NULL && next->indent > indent) {
			if (yaml_node(y, indent + 1, v, depth + 1) == -1)
				return -1;
		} else if (next != NULL && next->indent == indent &&
		    yaml_is_item(yaml_text(next))) {
			if (yaml_seq(y, indent, v, depth + 1) == -1)
				return -1;
		} else
			v->type = EXPECT_NULL;
	}
}

/* Read the node that starts at the next line, indented at least so. */
static int
yaml_node(struct yaml *y, size_t min_indent, struct expect_node *n,
    int depth)
{
	struct yaml_line *l;
	const char *rest;
	char *key;
	int is_key;

	if (depth > YAML_DEPTH_MAX)
		return expect_fail(y->ctx, y->i < y->n ? y->lines[y->i].line :
		    0, P_("more than %d level of nesting",
		    "more than %d levels of nesting",
		    (unsigned long)YAML_DEPTH_MAX), YAML_DEPTH_MAX);
	l = yaml_peek(y);
	if (l == NULL || l->indent < min_indent) {
		n->type = EXPECT_NULL;
		return 0;
	}
	n->line = l->line;
	n->mark = y->comments.n;
	if (yaml_is_item(yaml_text(l)))
		return yaml_seq(y, l->indent, n, depth);
	if (yaml_key(y, yaml_text(l), l->line, &key, &rest, &is_key) == -1)
		return -1;
	free(key);
	if (is_key)
		return yaml_map(y, l->indent, n, depth);
	y->i++;
	if (yaml_inline(y, yaml_text(l), l->line, n) == -1)
		return -1;
	l = yaml_peek(y);
	if (l != NULL && l->indent > min_indent && n->type != EXPECT_OBJECT)
		return expect_fail(y->ctx, l->line, _("a string on several "
		    "lines cannot be read: put it on one line, quoted"));
	return 0;
}

/* ------------------------------------------------------------------ */
/* octodns                                                             */
/* ------------------------------------------------------------------ */

/* Pass the comments read before a node on, for titles and purposes. */
static void
octodns_comments(struct yaml *y, size_t *fed, size_t upto)
{
	for (; *fed < upto && *fed < y->comments.n; (*fed)++)
		expect_comment(y->ctx, y->comments.v[*fed]);
}

/* The text of a scalar value, or NULL if the node is not a scalar. */
static const char *
octodns_scalar(const struct expect_node *v)
{
	if (v->type == EXPECT_STRING || v->type == EXPECT_NUMBER)
		return v->text;
	return NULL;
}

/* One value of a record in the record set's form. */
static int
octodns_value(struct yaml *y, const char *type, const struct expect_node *v,
    char **out)
{
	const struct expect_node *ex, *pref;
	const char *s;
	char *why;

	if (str_caseeq(type, "MX") && v->type == EXPECT_OBJECT) {
		ex = expect_node_get(v, "exchange");
		if (ex == NULL)
			ex = expect_node_get(v, "value");
		pref = expect_node_get(v, "preference");
		if (pref == NULL)
			pref = expect_node_get(v, "priority");
		if (ex == NULL || pref == NULL || octodns_scalar(ex) == NULL ||
		    pref->type != EXPECT_NUMBER)
			return expect_fail(y->ctx, v->line, _("an MX value "
			    "needs 'exchange' and a number 'preference'"));
		*out = xasprintf("%s %s", pref->text, ex->text);
		return 0;
	}
	s = octodns_scalar(v);
	if (s == NULL)
		return expect_fail(y->ctx, v->line, _("a %s value must be a "
		    "string"), type);
	if (!str_caseeq(type, "TXT") && !str_caseeq(type, "SPF")) {
		*out = xstrdup(s);
		return 0;
	}
	/* TXT values are master file text: "\;" and "\\" escaped. */
	if (expect_txt_unescape(s, out, &why) == -1) {
		expect_fail(y->ctx, v->line, _("cannot read TXT value: %s"),
		    why);
		free(why);
		return -1;
	}
	return 0;
}

/* Read one octoDNS record (an RRset) of a host. */
static int
octodns_record(struct yaml *y, const char *host,
    const struct expect_node *rec, size_t *fed)
{
	const struct expect_node *type, *ttl, *value, *values, *one;
	struct expect_rr *rr;
	unsigned long t = OCTODNS_DEFAULT_TTL;
	size_t i, n, first = y->ctx->nrrs;
	char *v;

	octodns_comments(y, fed, rec->mark);
	if (rec->type != EXPECT_OBJECT)
		return expect_fail(y->ctx, rec->line, _("the record for '%s' "
		    "must be a mapping (type, ttl, value)"), host);
	type = expect_node_get(rec, "type");
	ttl = expect_node_get(rec, "ttl");
	value = expect_node_get(rec, "value");
	values = expect_node_get(rec, "values");
	if (type == NULL || type->type != EXPECT_STRING)
		return expect_fail(y->ctx, rec->line, _("the record for '%s' "
		    "has no type"), host);
	if (ttl != NULL && (ttl->type != EXPECT_NUMBER ||
	    expect_ttl(ttl->text, 0, &t) == -1))
		return expect_fail(y->ctx, ttl->line, _("bad TTL '%s': give "
		    "seconds from 0 to %lu"), ttl->text != NULL ? ttl->text :
		    "", EXPECT_TTL_MAX);
	if ((value == NULL) == (values == NULL))
		return expect_fail(y->ctx, rec->line, _("the record for '%s' "
		    "needs either 'value' or 'values'"), host);
	if (value == NULL && values->type == EXPECT_ARRAY)
		n = values->n;
	else
		n = 1;
	for (i = 0; i < n; i++) {
		if (value != NULL)
			one = value;
		else if (values->type == EXPECT_ARRAY)
			one = &values->kids[i];
		else
			one = values;
		if (octodns_value(y, type->text, one, &v) == -1)
			return -1;
		rr = expect_rr_add(y->ctx, one->line != 0 ? one->line :
		    rec->line);
		rr->host = xstrdup(*host == '\0' ? "@" : host);
		rr->type = xstrdup(type->text);
		rr->ttl = t;
		rr->value = v;
	}
	expect_hints_apply(y->ctx, first, n);
	return 0;
}

/* The octodns format: a YAML mapping of hosts to records. */
int
expect_read_octodns(struct expect_ctx *ctx, const char *text)
{
	struct yaml y;
	struct expect_node root;
	const struct expect_node *v;
	size_t i, j, fed = 0;
	int rc = -1;

	memset(&y, 0, sizeof y);
	memset(&root, 0, sizeof root);
	y.ctx = ctx;
	if (yaml_lines(&y, text) == -1 || yaml_node(&y, 0, &root, 0) == -1)
		goto out;
	if (yaml_peek(&y) != NULL) {
		expect_fail(ctx, y.lines[y.i].line, _("the indentation of "
		    "this line does not match the lines before it"));
		goto out;
	}
	if (root.type != EXPECT_OBJECT && root.type != EXPECT_NULL) {
		expect_fail(ctx, root.line, _("an octoDNS zone file must be a "
		    "mapping of names to records"));
		goto out;
	}
	for (i = 0; i < root.n; i++) {
		v = &root.kids[i];
		if (v->type != EXPECT_ARRAY) {
			if (octodns_record(&y, root.keys[i], v, &fed) == -1)
				goto out;
			continue;
		}
		for (j = 0; j < v->n; j++) {
			if (octodns_record(&y, root.keys[i], &v->kids[j],
			    &fed) == -1)
				goto out;
		}
	}
	octodns_comments(&y, &fed, y.comments.n);
	rc = 0;
out:
	expect_node_free(&root);
	for (i = 0; i < y.n; i++)
		free(y.lines[i].buf);
	free(y.lines);
	strlist_free(&y.comments);
	return rc;
}
