/* paste-zone.c - zone-file lines: records in words, parentheses,
   directives and quoted TXT strings */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "paste-int.h"

/*
 * Join the quoted strings of a TXT value ("v=DKIM1; " "p=...") without
 * spaces, decoding \" \\ and \DDD. Fails with a message (no line prefix).
 */
int
paste_txt_unquote(const char *s, char **out, char **why)
{
	const char *p = s;
	struct buf b;
	char *shown;
	int v;

	buf_init(&b);
	for (;;) {
		while (isspace((unsigned char)*p) || *p == '(' || *p == ')')
			p++;
		if (*p == '\0')
			break;
		if (*p != '"') {
			shown = paste_show(p);
			*why = xasprintf(_("the TXT value has text after its "
			    "quoted strings ('%s'); put the whole value in "
			    "quotes"), shown);
			free(shown);
			goto fail;
		}
		p++;
		while (*p != '"') {
			if (*p == '\0')
				goto open;
			if (*p != '\\') {
				buf_putc(&b, *p++);
				continue;
			}
			p++;
			if (*p == '\0')
				goto open;
			if (!isdigit((unsigned char)*p)) {
				buf_putc(&b, *p++);
				continue;
			}
			if (!isdigit((unsigned char)p[1]) ||
			    !isdigit((unsigned char)p[2]))
				goto bad;
			v = (p[0] - '0') * 100 + (p[1] - '0') * 10 +
			    (p[2] - '0');
			if (v == 0 || v > 255)
				goto bad;
			buf_putc(&b, (char)v);
			p += 3;
		}
		p++;
	}
	*out = buf_detach(&b);
	return 0;

bad:
	*why = xasprintf(_("the TXT value has a bad escape '\\%.3s'; write a "
	    "byte as \\DDD with three digits from 001 to 255"), p);
	goto fail;
open:
	*why = xstrdup(_("a quoted string in the TXT value is not closed; "
	    "check that you copied the whole value"));
fail:
	buf_free(&b);
	return -1;
}

/*
 * Find where a TXT value that starts at word v ends on a line of
 * single-spaced words: the statuses and TTLs a console prints after it are
 * not part of it, nor (when there are none and h is not NULL) the columns
 * a header put after the value.
 */
static size_t
paste_words_value_end(const struct paste_header *h,
    const struct paste_fields *w, size_t v)
{
	size_t end = w->n, drop;

	while (end > v + 1) {
		if (paste_is_extra(w->v[end - 1].text))
			end--;
		else if (end > v + 2 && paste_is_extra_pair(
		    w->v[end - 2].text, strlen(w->v[end - 2].text),
		    w->v[end - 1].text, strlen(w->v[end - 1].text)))
			end -= 2;
		else
			break;
	}
	if (end != w->n || h == NULL || h->mode != PASTE_WORDS ||
	    (size_t)h->col[ROLE_VALUE] + 1 >= h->ncols)
		return end;
	drop = h->ncols - (size_t)h->col[ROLE_VALUE] - 1;
	return w->n - v > drop ? w->n - drop : v + 1;
}

/*
 * Read a record from words: a zone-file line (name, optional TTL and class,
 * type, data) or a table row copied from a console (name, type, value, then
 * columns to ignore; or type first). After a tab or a run of spaces a new
 * column starts, which bounds the value.
 */
int
paste_words_cand(struct paste_ctx *ctx, size_t line, const char *text,
    const struct paste_fields *w, struct paste_cand *c)
{
	const struct paste_field *f = w->v;
	size_t n = w->n, k, j, i, name, v, e;
	int columns = paste_has_columns(w), type_first = 0;
	const char *t;

	for (k = 0; k < n; k++) {
		if (!f[k].quoted && paste_is_type_str(f[k].text, 0))
			break;
	}
	if (k == n)
		return paste_unreadable(ctx, line, text);
	if (k == 0) {
		for (j = 1; j < n; j++) {
			t = f[j].text;
			if (f[j].quoted || paste_is_type_str(t, 0) ||
			    (!paste_is_ttl(t) && !paste_is_class(t)))
				break;
		}
		if (j < n && !f[j].quoted && paste_is_type_str(f[j].text, 0))
			k = j;
		else
			type_first = 1;
	}
	if (type_first) {
		if (n < 2 || f[1].quoted)
			return paste_unreadable(ctx, line, text);
		name = 1;
		v = 2;
	} else {
		j = k - 1;
		while (j > 0 && (paste_is_ttl(f[j].text) ||
		    paste_is_class(f[j].text)))
			j--;
		if (f[j].quoted || paste_is_class(f[j].text))
			return paste_unreadable(ctx, line, text);
		for (i = 0; i < j; i++) {
			if (!f[j].strong && !paste_is_rownum(f[i].text))
				return paste_unreadable(ctx, line, text);
		}
		name = j;
		v = k + 1;
	}
	c->type = xstrdup(f[k].text);
	c->name = xstrdup(f[name].text);
	if (v >= n)
		return 0;
	t = c->type;
	e = v;
	if (paste_word_eq(t, strlen(t), "TXT")) {
		if (f[v].quoted) {
			while (e + 1 < n && f[e + 1].quoted)
				e++;
			if (e + 1 < n && !f[e + 1].strong &&
			    *f[e + 1].text != ';' &&
			    paste_words_value_end(NULL, w, e) != e + 1)
				e = n - 1;	/* paste_add() explains */
		} else if (columns) {
			while (e + 1 < n && !f[e + 1].strong)
				e++;
		} else
			e = paste_words_value_end(&ctx->header, w, v) - 1;
	} else if (paste_word_eq(t, strlen(t), "MX") &&
	    paste_is_digits(f[v].text) && v + 1 < n) {
		c->pref = xstrdup(f[v].text);
		e = ++v;
	} else if (columns) {
		while (e + 1 < n && !f[e + 1].strong && *f[e + 1].text != ';')
			e++;
	}
	c->value = paste_trimmed(text + f[v].start, f[e].end - f[v].start);
	return 0;
}

/* Tell whether a line opens a zone-file parenthesis after a record type. */
static int
paste_zone_paren(const char *s)
{
	const char *p, *w, *e;
	int quoted = 0;

	for (p = s; *p != '\0'; p++) {
		if (quoted) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == '"')
				quoted = 0;
			continue;
		}
		if (*p == '"')
			quoted = 1;
		if (*p != '(')
			continue;
		e = p;
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		w = e;
		while (w > s && !isspace((unsigned char)w[-1]))
			w--;
		if (paste_is_type(w, (size_t)(e - w), 0))
			return 1;
	}
	return 0;
}

/*
 * Append a zone-file line without its comment, and return how deep in
 * parentheses the text so far is.
 */
static int
paste_zone_append(struct buf *b, const char *s)
{
	const char *p;
	int quoted = 0, depth = 0;

	for (p = s; *p != '\0' && (quoted || *p != ';'); p++) {
		if (quoted && *p == '\\' && p[1] != '\0') {
			buf_putc(b, *p++);
		} else if (*p == '"')
			quoted = !quoted;
		buf_putc(b, *p);
	}
	quoted = 0;
	for (p = b->data; *p != '\0'; p++) {
		if (quoted && *p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == '(')
			depth++;
		else if (!quoted && *p == ')')
			depth--;
	}
	return depth;
}

/*
 * Read a zone-file record written over several lines in parentheses
 * (usually a long DKIM TXT value) as one line; the parentheses and comments
 * go. Other lines are returned as they are.
 */
char *
paste_zone_join(struct paste_ctx *ctx, const struct strlist *lines,
    size_t *idx, const char *first, size_t lineno)
{
	struct buf b;
	char *next, *p, *out;
	int quoted = 0, depth;

	if (!paste_zone_paren(first))
		return xstrdup(first);
	buf_init(&b);
	depth = paste_zone_append(&b, first);
	while (depth > 0) {
		if (*idx + 1 >= lines->n) {
			buf_free(&b);
			paste_fail(ctx, lineno, _("the '(' on this line is "
			    "never closed; paste the whole record"));
			return NULL;
		}
		(*idx)++;
		next = paste_clean(lines->v[*idx]);
		buf_putc(&b, ' ');
		depth = paste_zone_append(&b, next);
		free(next);
	}
	for (p = b.data; *p != '\0'; p++) {
		if (quoted && *p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == '(' || *p == ')'))
			*p = ' ';
	}
	out = paste_trimmed(b.data, b.len);
	buf_free(&b);
	return out;
}

/*
 * Follow a zone-file directive: $ORIGIN changes what relative names are
 * relative to (it must stay in the domain), $TTL does not matter here, and
 * others are skipped with a note.
 */
int
paste_directive(struct paste_ctx *ctx, size_t line, const char *s)
{
	size_t n = strcspn(s, " \t"), len;
	const char *arg;
	char *origin;

	if (paste_word_eq(s, n, "$TTL"))
		return 0;
	if (!paste_word_eq(s, n, "$ORIGIN")) {
		paste_warn(ctx, line, _("skipped the '%.*s' directive"),
		    (int)n, s);
		return 0;
	}
	arg = s + n + strspn(s + n, " \t");
	origin = xstrndup(arg, strcspn(arg, " \t;"));
	for (len = 0; origin[len] != '\0'; len++)
		origin[len] = (char)tolower((unsigned char)origin[len]);
	if (len > 1 && origin[len - 1] == '.')
		origin[--len] = '\0';
	if (!paste_in_domain(origin, ctx->domain)) {
		paste_fail(ctx, line, _("$ORIGIN '%s' is not in %s; check "
		    "that these records are meant for %s"), origin,
		    ctx->domain, ctx->domain);
		free(origin);
		return -1;
	}
	free(ctx->origin);
	ctx->origin = origin;
	return 0;
}
