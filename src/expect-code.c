/* expect-code.c - tokens of JavaScript and HCL (DNSControl, Terraform) */
#include <stdlib.h>
#include <string.h>

#include "expect-int.h"

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

/* Append a token. */
static void
code_add(struct expect_code *c, enum expect_tok_type type, char *text,
    size_t line)
{
	c->toks = xreallocarray(c->toks, c->n + 1, sizeof *c->toks);
	c->toks[c->n].type = type;
	c->toks[c->n].text = text;
	c->toks[c->n].line = line;
	c->n++;
}

/* Release a tokenised file. */
void
expect_code_free(struct expect_code *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->toks[i].text);
	free(c->toks);
	c->toks = NULL;
	c->n = c->i = 0;
}

/* Append a code point from an escape; -1 if it is not a character. */
static int
put_code_point(struct buf *b, unsigned long cp)
{
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	expect_put_utf8(b, cp);
	return 0;
}

/* Undo one JavaScript escape at p (after the '\'); -1 if bad. */
static int
js_escape(const char **pp, struct buf *b)
{
	const char *p = *pp, *e;
	unsigned long cp, lo;

	switch (*p) {
	case '\0':
		return -1;
	case 'n': buf_putc(b, '\n'); break;
	case 'r': buf_putc(b, '\r'); break;
	case 't': buf_putc(b, '\t'); break;
	case 'b': buf_putc(b, '\b'); break;
	case 'f': buf_putc(b, '\f'); break;
	case 'v': buf_putc(b, '\v'); break;
	case '\n': break;	/* a line continuation */
	case 'x':
		if (parse_hex(p + 1, 2, &cp) == -1 ||
		    put_code_point(b, cp) == -1)
			return -1;
		p += 2;
		break;
	case 'u':
		if (p[1] == '{') {
			e = strchr(p + 2, '}');
			if (e == NULL || e == p + 2 || e - p - 2 > 6 ||
			    parse_hex(p + 2, (size_t)(e - p - 2), &cp) == -1)
				return -1;
			p = e;
		} else {
			if (parse_hex(p + 1, 4, &cp) == -1)
				return -1;
			p += 4;
			if (cp >= 0xd800 && cp <= 0xdbff && p[1] == '\\' &&
			    p[2] == 'u' && parse_hex(p + 3, 4, &lo) == 0 &&
			    lo >= 0xdc00 && lo <= 0xdfff) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				p += 6;
			}
		}
		if (put_code_point(b, cp) == -1)
			return -1;
		break;
	case '0':
		return -1;	/* a NUL cannot be checked */
	default:
		buf_putc(b, *p);
		break;
	}
	*pp = p + 1;
	return 0;
}

/* Undo one HCL escape at p (after the '\'); -1 if bad. */
static int
hcl_escape(const char **pp, struct buf *b)
{
	const char *p = *pp;
	unsigned long cp;

	switch (*p) {
	case 'n': buf_putc(b, '\n'); break;
	case 'r': buf_putc(b, '\r'); break;
	case 't': buf_putc(b, '\t'); break;
	case '"': buf_putc(b, '"'); break;
	case '\\': buf_putc(b, '\\'); break;
	case 'u':
	case 'U':
		if (parse_hex(p + 1, *p == 'u' ? 4 : 8, &cp) == -1 ||
		    put_code_point(b, cp) == -1)
			return -1;
		p += *p == 'u' ? 4 : 8;
		break;
	default:
		return -1;
	}
	*pp = p + 1;
	return 0;
}

/* Read a string literal at p (at its quote). */
static int
code_string(struct expect_code *c, const char **pp, size_t line)
{
	const char *p = *pp, *esc;
	char quote = *p++;
	struct buf b;
	int rc;

	buf_init(&b);
	while (*p != quote) {
		if (*p == '\0' || *p == '\n') {
			buf_free(&b);
			return expect_fail(c->ctx, line, _("unterminated "
			    "string"));
		}
		if (c->hcl && (p[0] == '$' || p[0] == '%') && p[1] == '{') {
			buf_free(&b);
			return expect_fail(c->ctx, line, _("'%c{' (a "
			    "template) cannot be read: write the value "
			    "itself"), *p);
		}
		if (c->hcl && (p[0] == '$' || p[0] == '%') && p[1] == p[0] &&
		    p[2] == '{') {
			buf_putc(&b, *p);
			buf_putc(&b, '{');
			p += 3;
			continue;
		}
		if (*p != '\\') {
			buf_putc(&b, *p++);
			continue;
		}
		esc = ++p;
		rc = c->hcl ? hcl_escape(&p, &b) : js_escape(&p, &b);
		if (rc == -1) {
			buf_free(&b);
			return expect_fail(c->ctx, line, _("'\\%.1s' is not a "
			    "valid escape here"), esc);
		}
	}
	code_add(c, EXPECT_TOK_STRING, buf_detach(&b), line);
	*pp = p + 1;
	return 0;
}

/* Tell whether a character can be part of an identifier. */
static int
is_ident_char(char ch, int hcl)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '_' || ch == '$' ||
	    (hcl && ch == '-');
}

/* Split a file into tokens, ending with EXPECT_TOK_END. */
int
expect_code_lex(struct expect_code *c, const char *p)
{
	const char *e;
	size_t line = 1;

	for (;;) {
		if (*p == '\0') {
			code_add(c, EXPECT_TOK_END, NULL, line);
			return 0;
		}
		if (*p == '\n') {
			if (c->hcl)
				code_add(c, EXPECT_TOK_NEWLINE, NULL, line);
			line++;
			p++;
		} else if (*p == ' ' || *p == '\t' || *p == '\f') {
			p++;
		} else if ((p[0] == '/' && p[1] == '/') || (c->hcl &&
		    *p == '#')) {
			p += *p == '#' ? 1 : 2;
			e = p + strcspn(p, "\n");
			code_add(c, EXPECT_TOK_COMMENT,
			    xstrndup(p, (size_t)(e - p)), line);
			p = e;
		} else if (p[0] == '/' && p[1] == '*') {
			e = strstr(p + 2, "*/");
			if (e == NULL)
				return expect_fail(c->ctx, line, _("'/*' is "
				    "never closed"));
			for (; p < e; p++) {
				if (*p == '\n')
					line++;
			}
			p = e + 2;
		} else if (*p == '"' || (!c->hcl && *p == '\'')) {
			if (code_string(c, &p, line) == -1)
				return -1;
		} else if (*p == '`' || (c->hcl && p[0] == '<' &&
		    p[1] == '<')) {
			return expect_fail(c->ctx, line, c->hcl ?
			    _("heredoc strings cannot be read") :
			    _("template strings cannot be read"));
		} else if (*p >= '0' && *p <= '9') {
			for (e = p; is_ident_char(*e, 0) || *e == '.'; e++)
				/* nothing */;
			code_add(c, EXPECT_TOK_NUMBER,
			    xstrndup(p, (size_t)(e - p)), line);
			p = e;
		} else if (is_ident_char(*p, c->hcl)) {
			for (e = p; is_ident_char(*e, c->hcl); e++)
				/* nothing */;
			code_add(c, EXPECT_TOK_IDENT,
			    xstrndup(p, (size_t)(e - p)), line);
			p = e;
		} else {
			code_add(c, EXPECT_TOK_PUNCT, xstrndup(p, 1), line);
			p++;
		}
	}
}

/* The current token, past comments (which are read for hints). */
const struct expect_tok *
expect_code_cur(struct expect_code *c)
{
	while (c->toks[c->i].type == EXPECT_TOK_COMMENT) {
		expect_comment(c->ctx, c->toks[c->i].text);
		c->i++;
	}
	return &c->toks[c->i];
}

/* Tell whether the current token is a punctuation character. */
int
expect_code_is(struct expect_code *c, char ch)
{
	const struct expect_tok *t = expect_code_cur(c);

	return t->type == EXPECT_TOK_PUNCT && t->text[0] == ch;
}

/* Fail on the current token, saying what should be there. */
int
expect_code_unexpected(struct expect_code *c, const char *wanted)
{
	const struct expect_tok *t = expect_code_cur(c);

	if (t->type == EXPECT_TOK_END)
		return expect_fail(c->ctx, t->line, _("the file ends where "
		    "%s should be (is it cut short?)"), wanted);
	if (t->type == EXPECT_TOK_NEWLINE)
		return expect_fail(c->ctx, t->line, _("the line ends where "
		    "%s should be"), wanted);
	return expect_fail(c->ctx, t->line, _("'%s' where %s should be"),
	    t->text, wanted);
}

/* Fail on a value or block nested deeper than EXPECT_CODE_DEPTH_MAX. */
int
expect_code_depth(struct expect_code *c, int depth)
{
	if (depth <= EXPECT_CODE_DEPTH_MAX)
		return 0;
	return expect_fail(c->ctx, expect_code_cur(c)->line,
	    P_("more than %d level of nesting",
	    "more than %d levels of nesting",
	    (unsigned long)EXPECT_CODE_DEPTH_MAX), EXPECT_CODE_DEPTH_MAX);
}

/* Release a value. */
void
expect_val_free(struct expect_val *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		expect_val_free(&v->items[i]);
	free(v->items);
	free(v->text);
	memset(v, 0, sizeof *v);
}

/* Append an empty item to a list or call and return it. */
struct expect_val *
expect_val_push(struct expect_val *v)
{
	v->items = xreallocarray(v->items, v->n + 1, sizeof *v->items);
	memset(&v->items[v->n], 0, sizeof *v->items);
	return &v->items[v->n++];
}

/* Skip newline tokens (HCL lists may span lines). */
void
expect_code_skip_newlines(struct expect_code *c)
{
	while (expect_code_cur(c)->type == EXPECT_TOK_NEWLINE)
		c->i++;
}
