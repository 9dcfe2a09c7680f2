/* expect-zone.c - reading back master files: zone fragments, nsupdate */
#include <stdlib.h>
#include <string.h>

#include "expect-int.h"

/* A token of a master file line, escapes undone. */
struct zone_tok {
	char *text;
	int quoted;
};

/* A logical line: parentheses may join several lines of the file. */
struct zone_line {
	struct zone_tok *toks;
	size_t n;
	size_t line;		/* where it starts */
	int indented;		/* starts with a blank: no owner */
};

/* Where a master file's records are relative to, and their TTLs. */
struct zone_state {
	char *origin;		/* absolute, with the dot, or NULL */
	char *owner;		/* the last owner name, absolute or NULL */
	char *owner_host;	/* or relative, the domain not known */
	int has_default;
	unsigned long default_ttl;	/* $TTL, or nsupdate's ttl */
	int has_last;
	unsigned long last_ttl;
};

/* Release a logical line's tokens. */
static void
zone_line_free(struct zone_line *zl)
{
	size_t i;

	for (i = 0; i < zl->n; i++)
		free(zl->toks[i].text);
	free(zl->toks);
	memset(zl, 0, sizeof *zl);
}

/* Append a token to a logical line. */
static void
zone_add_tok(struct zone_line *zl, char *text, int quoted)
{
	zl->toks = xreallocarray(zl->toks, zl->n + 1, sizeof *zl->toks);
	zl->toks[zl->n].text = text;
	zl->toks[zl->n].quoted = quoted;
	zl->n++;
}

/* Read a quoted string at p (at its opening quote) into a token. */
static int
zone_quoted(struct expect_ctx *ctx, const char **pp, size_t line,
    struct zone_line *zl)
{
	const char *p = *pp + 1;
	struct buf b;
	char *why;

	buf_init(&b);
	while (*p != '"') {
		if (*p == '\0' || *p == '\n') {
			buf_free(&b);
			return expect_fail(ctx, line, _("unterminated quoted "
			    "string"));
		}
		if (*p == '\\') {
			p++;
			if (*p == '\n' || *p == '\0') {
				buf_free(&b);
				return expect_fail(ctx, line, _("unterminated "
				    "quoted string"));
			}
			if (expect_escape(&p, 0, &b, &why) == -1) {
				buf_free(&b);
				expect_fail(ctx, line, "%s", why);
				free(why);
				return -1;
			}
			continue;
		}
		buf_putc(&b, *p++);
	}
	zone_add_tok(zl, buf_detach(&b), 1);
	*pp = p + 1;
	return 0;
}

/* Read a bare word at p into a token. */
static int
zone_word(struct expect_ctx *ctx, const char **pp, size_t line,
    struct zone_line *zl, int parens)
{
	const char *p = *pp;
	struct buf b;
	char *why;

	buf_init(&b);
	while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' &&
	    *p != ';' && *p != '"' && !(parens && (*p == '(' || *p == ')'))) {
		if (*p == '\\') {
			p++;
			if (*p == '\n' || *p == '\0') {
				buf_free(&b);
				return expect_fail(ctx, line, _("a '\\' at "
				    "the end of a line"));
			}
			if (expect_escape(&p, 0, &b, &why) == -1) {
				buf_free(&b);
				expect_fail(ctx, line, "%s", why);
				free(why);
				return -1;
			}
			continue;
		}
		buf_putc(&b, *p++);
	}
	zone_add_tok(zl, buf_detach(&b), 0);
	*pp = p;
	return 0;
}

/*
 * Read the next logical line: 1 with its tokens (none for a blank or
 * comment line), 0 at the end, -1 on a syntax error. Whole-line comments
 * go to expect_comment(). Parentheses group lines in zone files only.
 */
static int
zone_next(struct expect_ctx *ctx, const char **pp, size_t *lineno,
    struct zone_line *zl, int parens)
{
	const char *p = *pp, *e;
	size_t depth = 0, open_line = 0;
	char *comment;

	memset(zl, 0, sizeof *zl);
	if (*p == '\0')
		return 0;
	zl->line = *lineno;
	zl->indented = *p == ' ' || *p == '\t';
	for (;;) {
		switch (*p) {
		case '\0':
			if (depth > 0)
				return expect_fail(ctx, open_line, _("'(' is "
				    "never closed"));
			*pp = p;
			return 1;
		case '\n':
			(*lineno)++;
			p++;
			if (depth == 0) {
				*pp = p;
				return 1;
			}
			continue;
		case ' ':
		case '\t':
			p++;
			continue;
		case ';':
			e = p + strcspn(p, "\n");
			if (zl->n == 0 && depth == 0) {
				comment = xstrndup(p + 1, (size_t)(e - p - 1));
				expect_comment(ctx, comment);
				free(comment);
			}
			p = e;
			continue;
		case '"':
			if (zone_quoted(ctx, &p, *lineno, zl) == -1)
				return -1;
			continue;
		}
		if (parens && *p == '(') {
			if (depth++ == 0)
				open_line = *lineno;
			p++;
			continue;
		}
		if (parens && *p == ')') {
			if (depth == 0)
				return expect_fail(ctx, *lineno, _("')' "
				    "without '('"));
			depth--;
			p++;
			continue;
		}
		if (zone_word(ctx, &p, *lineno, zl, parens) == -1)
			return -1;
	}
}

/* Tell whether a token is a class; -1 for a class other than IN. */
static int
zone_class(const struct zone_tok *t)
{
	if (t->quoted)
		return 0;
	if (str_caseeq(t->text, "IN"))
		return 1;
	if (str_caseeq(t->text, "CH") || str_caseeq(t->text, "HS") ||
	    str_caseeq(t->text, "ANY") || str_caseeq(t->text, "NONE"))
		return -1;
	return 0;
}

/*
 * Make a name absolute: '@' is the origin, a name without the trailing dot
 * is relative to it (or, when nothing named the domain yet, kept relative
 * in *host). zone says whether names are relative at all (nsupdate's are
 * not).
 */
static void
zone_resolve(struct expect_ctx *ctx, const struct zone_state *zs,
    const char *s, int zone, char **name, char **host)
{
	const char *dom;
	size_t len = strlen(s);

	*name = *host = NULL;
	if (!zone) {
		*name = expect_absolute(s);
		return;
	}
	if (len > 0 && s[len - 1] == '.') {
		*name = xstrdup(s);
		return;
	}
	if (zs->origin != NULL) {
		if (strcmp(s, "@") == 0)
			*name = xstrdup(zs->origin);
		else if (strcmp(zs->origin, ".") == 0)
			*name = xasprintf("%s.", s);
		else
			*name = xasprintf("%s.%s", s, zs->origin);
		return;
	}
	dom = ctx->want != NULL ? ctx->want : ctx->titled;
	if (dom == NULL)
		*host = xstrdup(s);	/* settled with the domain */
	else if (strcmp(s, "@") == 0)
		*name = xasprintf("%s.", dom);
	else
		*name = xasprintf("%s.%s.", s, dom);
}

/* A CNAME or MX target: absolute, relative to the origin in zone files. */
static int
zone_target(struct expect_ctx *ctx, const struct zone_state *zs,
    const char *s, int zone, size_t line, char **out)
{
	char *name, *host;

	zone_resolve(ctx, zs, s, zone, &name, &host);
	if (host != NULL) {
		free(host);
		return expect_fail(ctx, line, _("'%s' is relative, but no "
		    "$ORIGIN says to what"), s);
	}
	*out = name;
	return 0;
}

/*
 * Read a record from tokens at i: [TTL] [class] type rdata (TTL and
 * class in either order), for an owner given as name or host.
 */
static int
zone_record(struct expect_ctx *ctx, struct zone_state *zs,
    const struct zone_line *zl, size_t i, int zone, char *name, char *host)
{
	struct expect_rr *rr;
	const struct zone_tok *t;
	struct buf v;
	unsigned long ttl = 0;
	char *target = NULL;
	size_t k, nrdata;
	int has_ttl = 0, c;

	for (k = 0; k < 2 && i < zl->n; k++) {
		t = &zl->toks[i];
		if (!t->quoted && t->text[0] >= '0' && t->text[0] <= '9') {
			if (has_ttl || expect_ttl(t->text, 1, &ttl) == -1) {
				expect_fail(ctx, zl->line, _("bad TTL '%s': "
				    "give seconds from 0 to %lu"), t->text,
				    EXPECT_TTL_MAX);
				goto fail;
			}
			has_ttl = 1;
			i++;
			continue;
		}
		c = zone_class(t);
		if (c == -1) {
			expect_fail(ctx, zl->line, _("class '%s' is not IN"),
			    t->text);
			goto fail;
		}
		if (c == 0)
			break;
		i++;
	}
	if (i >= zl->n) {
		expect_fail(ctx, zl->line, _("the record has no type"));
		goto fail;
	}
	if (!has_ttl) {
		if (zs->has_default)
			ttl = zs->default_ttl;
		else if (zone && zs->has_last)
			ttl = zs->last_ttl;
		else {
			expect_fail(ctx, zl->line, zone ? _("the record has "
			    "no TTL and no $TTL comes before it") :
			    _("the record has no TTL and no 'ttl' command "
			    "comes before it"));
			goto fail;
		}
	} else {
		zs->has_last = 1;
		zs->last_ttl = ttl;
	}
	t = &zl->toks[i++];
	nrdata = zl->n - i;
	buf_init(&v);
	if (str_caseeq(t->text, "TXT")) {
		if (nrdata == 0) {
			buf_free(&v);
			expect_fail(ctx, zl->line, _("the TXT record has no "
			    "value"));
			goto fail;
		}
		for (k = i; k < zl->n; k++)
			buf_puts(&v, zl->toks[k].text);
	} else if (str_caseeq(t->text, "CNAME") ||
	    str_caseeq(t->text, "MX")) {
		c = str_caseeq(t->text, "MX");
		if (nrdata != (size_t)(c ? 2 : 1)) {
			buf_free(&v);
			expect_fail(ctx, zl->line, c ? _("an MX record takes "
			    "a preference and a host name") : _("a CNAME "
			    "record takes one host name"));
			goto fail;
		}
		if (zone_target(ctx, zs, zl->toks[zl->n - 1].text, zone,
		    zl->line, &target) == -1) {
			buf_free(&v);
			goto fail;
		}
		if (c)
			buf_printf(&v, "%s ", zl->toks[i].text);
		buf_puts(&v, target);
		free(target);
	} else {
		for (k = i; k < zl->n; k++)
			buf_printf(&v, "%s%s", k > i ? " " : "",
			    zl->toks[k].text);
	}
	rr = expect_rr_add(ctx, zl->line);
	rr->name = name;
	rr->host = host;
	rr->type = xstrdup(t->text);
	rr->ttl = ttl;
	rr->value = buf_detach(&v);
	expect_hints_apply(ctx, ctx->nrrs - 1, 1);
	return 0;

fail:
	free(name);
	free(host);
	return -1;
}

/* Read a $ORIGIN, $TTL or other directive. */
static int
zone_directive(struct expect_ctx *ctx, struct zone_state *zs,
    const struct zone_line *zl)
{
	const char *d = zl->toks[0].text;
	char *name, *host;

	if (str_caseeq(d, "$ORIGIN") || str_caseeq(d, "$TTL")) {
		if (zl->n != 2)
			return expect_fail(ctx, zl->line, _("%s takes one "
			    "value"), d);
	}
	if (str_caseeq(d, "$TTL")) {
		if (expect_ttl(zl->toks[1].text, 1, &zs->default_ttl) == -1)
			return expect_fail(ctx, zl->line, _("bad TTL '%s': "
			    "give seconds from 0 to %lu"), zl->toks[1].text,
			    EXPECT_TTL_MAX);
		zs->has_default = 1;
		return 0;
	}
	if (!str_caseeq(d, "$ORIGIN"))
		return expect_fail(ctx, zl->line, _("%s is not supported: "
		    "put the records in this file"), d);
	zone_resolve(ctx, zs, zl->toks[1].text, 1, &name, &host);
	if (host != NULL) {
		free(host);
		return expect_fail(ctx, zl->line, _("the first $ORIGIN must "
		    "be a full name, with a trailing dot"));
	}
	free(zs->origin);
	zs->origin = name;
	expect_state(ctx, name, zl->line);
	return 0;
}

/* Release what a reading of a master file holds. */
static void
zone_state_free(struct zone_state *zs)
{
	free(zs->origin);
	free(zs->owner);
	free(zs->owner_host);
}

/* A zone file fragment: $ORIGIN, $TTL and resource records. */
int
expect_read_zone(struct expect_ctx *ctx, const char *text)
{
	struct zone_state zs;
	struct zone_line zl;
	const char *p = text;
	size_t lineno = 1;
	char *name, *host;
	int rc, got;

	memset(&zs, 0, sizeof zs);
	for (;;) {
		got = zone_next(ctx, &p, &lineno, &zl, 1);
		if (got <= 0) {
			rc = got;
			break;
		}
		rc = 0;
		if (zl.n > 0 && !zl.toks[0].quoted &&
		    zl.toks[0].text[0] == '$')
			rc = zone_directive(ctx, &zs, &zl);
		else if (zl.n > 0 && zl.indented) {
			if (zs.owner == NULL && zs.owner_host == NULL)
				rc = expect_fail(ctx, zl.line, _("the first "
				    "record has no name"));
			else
				rc = zone_record(ctx, &zs, &zl, 0, 1,
				    zs.owner != NULL ? xstrdup(zs.owner) :
				    NULL, zs.owner_host != NULL ?
				    xstrdup(zs.owner_host) : NULL);
		} else if (zl.n > 0) {
			zone_resolve(ctx, &zs, zl.toks[0].text, 1, &name,
			    &host);
			free(zs.owner);
			free(zs.owner_host);
			zs.owner = name != NULL ? xstrdup(name) : NULL;
			zs.owner_host = host != NULL ? xstrdup(host) : NULL;
			rc = zone_record(ctx, &zs, &zl, 1, 1, name, host);
		}
		zone_line_free(&zl);
		if (rc == -1)
			break;
	}
	zone_line_free(&zl);
	zone_state_free(&zs);
	return rc;
}

/* ------------------------------------------------------------------ */
/* nsupdate                                                            */
/* ------------------------------------------------------------------ */

/* nsupdate commands that change nothing a check expects. */
static const char *nsupdate_skip[] = {
	"server", "local", "class", "key", "send", "show", "answer", "debug",
	"gsstsig", "oldgsstsig", "realm", "quit", "version", "help",
	"prereq", "lifetime", "check-names", "checknames"
};

/* Read one nsupdate command line. */
static int
nsupdate_line(struct expect_ctx *ctx, struct zone_state *zs,
    const struct zone_line *zl)
{
	const char *cmd = zl->toks[0].text, *sub;
	char *name, *host;
	size_t i;

	if (str_caseeq(cmd, "update")) {
		if (zl->n < 2)
			return expect_fail(ctx, zl->line, _("'update' must be "
			    "followed by 'add' or 'delete'"));
		sub = zl->toks[1].text;
		i = 2;
	} else {
		sub = cmd;
		i = 1;
	}
	if (str_caseeq(sub, "add")) {
		if (i >= zl->n)
			return expect_fail(ctx, zl->line, _("'add' must be "
			    "followed by a record"));
		zone_resolve(ctx, zs, zl->toks[i].text, 0, &name, &host);
		return zone_record(ctx, zs, zl, i + 1, 0, name, host);
	}
	if (str_caseeq(sub, "delete") || str_caseeq(sub, "del"))
		return 0;
	if (i == 2)
		return expect_fail(ctx, zl->line, _("'update' must be "
		    "followed by 'add' or 'delete', not '%s'"), sub);
	if (str_caseeq(cmd, "zone")) {
		if (zl->n != 2)
			return expect_fail(ctx, zl->line, _("'zone' takes one "
			    "name"));
		expect_state(ctx, zl->toks[1].text, zl->line);
		return 0;
	}
	if (str_caseeq(cmd, "ttl")) {
		if (zl->n != 2 || expect_ttl(zl->toks[1].text, 1,
		    &zs->default_ttl) == -1)
			return expect_fail(ctx, zl->line, _("bad TTL '%s': "
			    "give seconds from 0 to %lu"), zl->n > 1 ?
			    zl->toks[1].text : "", EXPECT_TTL_MAX);
		zs->has_default = 1;
		return 0;
	}
	for (i = 0; i < nitems(nsupdate_skip); i++) {
		if (str_caseeq(cmd, nsupdate_skip[i]))
			return 0;
	}
	return expect_fail(ctx, zl->line, _("unknown nsupdate command '%s'"),
	    cmd);
}

/* An nsupdate script: the records of its "update add" lines. */
int
expect_read_nsupdate(struct expect_ctx *ctx, const char *text)
{
	struct zone_state zs;
	struct zone_line zl;
	const char *p = text;
	size_t lineno = 1;
	int rc, got;

	memset(&zs, 0, sizeof zs);
	for (;;) {
		got = zone_next(ctx, &p, &lineno, &zl, 0);
		if (got <= 0) {
			rc = got;
			break;
		}
		rc = zl.n > 0 ? nsupdate_line(ctx, &zs, &zl) : 0;
		zone_line_free(&zl);
		if (rc == -1)
			break;
	}
	zone_line_free(&zl);
	zone_state_free(&zs);
	return rc;
}
