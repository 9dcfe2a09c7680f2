/* paste-table.c - tables with a header, CSV and pipe rows, and "Label:
   value" blocks */
#include <stdlib.h>
#include <string.h>

#include "paste-int.h"

/* Note the column of a role in a header, the first title winning. */
static void
paste_header_set(struct paste_header *h, enum paste_role role, size_t col)
{
	if (role < PASTE_NROLES && h->col[role] == -1)
		h->col[role] = (int)col;
}

/* Tell whether a header names the three columns a record needs. */
static int
paste_header_complete(const struct paste_header *h)
{
	return h->col[ROLE_NAME] != -1 && h->col[ROLE_TYPE] != -1 &&
	    h->col[ROLE_VALUE] != -1;
}

/* Start an empty header. */
void
paste_header_init(struct paste_header *h, enum paste_mode mode)
{
	size_t i;

	h->mode = mode;
	h->ncols = 0;
	for (i = 0; i < PASTE_NROLES; i++)
		h->col[i] = -1;
}

/* Read a header from cells; unknown titles are columns to ignore. */
int
paste_header_cells(const struct paste_fields *cells, enum paste_mode mode,
    struct paste_header *h)
{
	const char *t;
	size_t i;

	paste_header_init(h, mode);
	for (i = 0; i < cells->n; i++) {
		t = cells->v[i].text;
		if (*t == '\0')
			continue;
		if (paste_is_type_str(t, 1))
			return 0;
		paste_header_set(h, paste_role_of(t, strlen(t), NULL), i);
	}
	h->ncols = cells->n;
	return paste_header_complete(h);
}

/*
 * Read a header written with single spaces ("Record name Type Value TTL"):
 * every word must belong to a known title, the longest title winning.
 */
int
paste_header_words(const char *line, const struct paste_fields *w,
    struct paste_header *h)
{
	enum paste_role role;
	size_t i, n, col = 0;

	paste_header_init(h, PASTE_WORDS);
	for (i = 0; i < w->n; i += n) {
		if (w->v[i].quoted || paste_is_type_str(w->v[i].text, 0))
			return 0;
		role = ROLE_UNKNOWN;
		for (n = w->n - i < 4 ? w->n - i : 4; n > 0; n--) {
			role = paste_role_of(line + w->v[i].start,
			    w->v[i + n - 1].end - w->v[i].start, NULL);
			if (role != ROLE_UNKNOWN)
				break;
		}
		if (role == ROLE_UNKNOWN)
			return 0;
		paste_header_set(h, role, col++);
	}
	h->ncols = col;
	return paste_header_complete(h);
}

/*
 * Read a "Label: value" line ("Name: x", "Record type: CNAME", "CNAME value
 * = y", or "Name<tab>x" with one value). Returns 1 and fills the role, the
 * type a label implies and the value when it is one.
 */
int
paste_key_line(const char *line, enum paste_role *role, char **type,
    char **value)
{
	const char *p, *rest, *ends[6];
	enum paste_role r = ROLE_UNKNOWN;
	size_t nends = 0, spaces, i;
	int tab, depth = 0;
	char *t = NULL;

	for (p = line; *p != '\0' && nends < nitems(ends); p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		if (depth > 0)
			continue;
		if (*p == ':' || *p == '=' || *p == '\t' ||
		    (p[0] == ' ' && p[1] == ' ')) {
			ends[nends++] = p;
			break;
		}
		if (*p == ' ')
			ends[nends++] = p;
	}
	if (*p == '\0' && nends < nitems(ends))
		ends[nends++] = p;
	for (i = nends; i > 0; i--) {
		r = paste_role_of(line, (size_t)(ends[i - 1] - line), &t);
		if (r != ROLE_UNKNOWN)
			break;
	}
	if (r == ROLE_UNKNOWN)
		return 0;
	p = paste_skip_blanks(ends[i - 1], &spaces, &tab);
	if (*p == ':' || *p == '=')
		rest = p + 1;
	else if (*p == '\0')
		goto not_key;
	else {
		rest = p;
		if (strchr(rest, '\t') != NULL || strstr(rest, "  ") != NULL)
			goto not_key;
		if (!tab && spaces < 2 && strchr(rest, ' ') != NULL)
			goto not_key;
		if (paste_role_of(rest, strlen(rest), NULL) != ROLE_UNKNOWN)
			goto not_key;
		if (r != ROLE_TYPE && paste_is_type_str(rest, 1))
			goto not_key;
	}
	*role = r;
	*type = t;
	*value = paste_trimmed(rest, strlen(rest));
	return 1;

not_key:
	free(t);
	return 0;
}

/* Tell whether one of the cells of a row is a record type. */
int
paste_cells_have_type(const struct paste_fields *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (paste_is_type_str(f->v[i].text, 1))
			return 1;
	}
	return 0;
}

/* Tell whether the last header describes a row of this shape. */
int
paste_header_fits(const struct paste_header *h, enum paste_mode mode,
    const struct paste_fields *f, int exact)
{
	size_t i, maxcol = 0;

	if (h->mode != mode)
		return 0;
	for (i = 0; i < PASTE_NROLES; i++) {
		if (h->col[i] != -1 && (size_t)h->col[i] > maxcol)
			maxcol = (size_t)h->col[i];
	}
	if (f->n <= maxcol || (exact && f->n != h->ncols))
		return 0;
	return paste_is_type_str(f->v[h->col[ROLE_TYPE]].text, 1);
}

/*
 * Read a record from a row by the columns of the last header. In CSV an
 * unquoted TXT value in the last column may itself hold separators.
 */
void
paste_mapped_cand(const struct paste_header *h, const char *text,
    const struct paste_fields *f, int csv, struct paste_cand *c)
{
	const struct paste_field *fv = &f->v[h->col[ROLE_VALUE]];
	int pc = h->col[ROLE_PRIORITY];

	c->name = xstrdup(f->v[h->col[ROLE_NAME]].text);
	c->type = xstrdup(f->v[h->col[ROLE_TYPE]].text);
	if (csv && paste_word_eq(c->type, strlen(c->type), "TXT") &&
	    !fv->quoted && (size_t)h->col[ROLE_VALUE] + 1 == h->ncols &&
	    f->n > h->ncols)
		c->value = paste_trimmed(text + fv->start,
		    f->v[f->n - 1].end - fv->start);
	else
		c->value = xstrdup(fv->text);
	if (pc != -1 && (size_t)pc < f->n && *f->v[pc].text != '\0')
		c->pref = xstrdup(f->v[pc].text);
}

/*
 * Read a record from CSV or pipe cells without a header: the first cell that
 * is a record type tells where the name and the value are (Name,Type,Value
 * or Type,Name,Value; TTL and class cells may sit between name and type).
 */
int
paste_cells_cand(struct paste_ctx *ctx, size_t line, const char *text,
    const struct paste_fields *f, struct paste_cand *c)
{
	const struct paste_field *fv;
	size_t *idx, m = 0, a, j, name, v, last;
	const char *t;

	idx = xreallocarray(NULL, f->n, sizeof *idx);
	for (j = 0; j < f->n; j++) {
		if (f->v[j].open) {
			free(idx);
			return paste_fail(ctx, line, _("a quoted field is not "
			    "closed; check that you copied the whole line"));
		}
		if (*f->v[j].text != '\0')
			idx[m++] = j;
	}
	for (a = 0; a < m; a++) {
		if (paste_is_type_str(f->v[idx[a]].text, 1))
			break;
	}
	if (a == m) {
		free(idx);
		return paste_unreadable(ctx, line, text);
	}
	if (a == 0 && m > 1 && paste_is_type_str(f->v[idx[1]].text, 1))
		a = 1;
	if (a == 0) {
		name = 1;
		v = 2;
	} else {
		j = a - 1;
		while (j > 0 && (paste_is_ttl(f->v[idx[j]].text) ||
		    paste_is_class(f->v[idx[j]].text)))
			j--;
		name = j;
		v = a + 1;
	}
	c->type = xstrdup(f->v[idx[a]].text);
	if (name < m)
		c->name = xstrdup(f->v[idx[name]].text);
	if (v < m) {
		fv = &f->v[idx[v]];
		t = c->type;
		if (paste_word_eq(t, strlen(t), "MX") &&
		    paste_is_digits(fv->text) && v + 1 < m) {
			c->pref = xstrdup(fv->text);
			c->value = xstrdup(f->v[idx[v + 1]].text);
		} else if (paste_word_eq(t, strlen(t), "TXT") && !fv->quoted &&
		    v + 1 < m) {
			last = m;
			while (last > v + 1 &&
			    paste_is_extra(f->v[idx[last - 1]].text))
				last--;
			c->value = paste_trimmed(text + fv->start,
			    f->v[idx[last - 1]].end - fv->start);
		} else
			c->value = xstrdup(fv->text);
	}
	free(idx);
	return 0;
}

/* Forget the "Label: value" lines collected so far. */
void
paste_block_clear(struct paste_block *b)
{
	size_t i;

	for (i = 0; i < PASTE_NROLES; i++) {
		free(b->val[i]);
		b->val[i] = NULL;
		b->at[i] = 0;
	}
	b->first = 0;
	b->awaiting = -1;
}

/*
 * Turn the "Label: value" lines collected so far into a record. A block
 * without a type takes the one a sentence before it named ("add these
 * CNAME records:"); failing that, it is a record only if it has a name and
 * a value, and otherwise was text ("Name: Jane Doe") skipped with a note.
 */
int
paste_block_flush(struct paste_ctx *ctx)
{
	struct paste_block *b = &ctx->block;
	struct paste_cand c;
	int rv = 0;

	if (b->first == 0)
		return 0;
	memset(&c, 0, sizeof c);
	if (b->val[ROLE_TYPE] == NULL && ctx->prose_type != NULL &&
	    b->val[ROLE_NAME] != NULL && b->val[ROLE_VALUE] != NULL) {
		b->val[ROLE_TYPE] = xstrdup(ctx->prose_type);
		b->at[ROLE_TYPE] = ctx->prose_line;
	}
	if (b->val[ROLE_TYPE] == NULL) {
		if (b->val[ROLE_NAME] != NULL && b->val[ROLE_VALUE] != NULL)
			rv = paste_fail(ctx, b->first, _("the record '%s' has "
			    "no type; add a line 'Type: CNAME' (or TXT, MX)"),
			    b->val[ROLE_NAME]);
		else
			paste_warn(ctx, b->first,
			    _("skipped, no record type found"));
		paste_block_clear(b);
		return rv;
	}
	c.type = xstrndup(b->val[ROLE_TYPE],
	    strcspn(b->val[ROLE_TYPE], " \t,;("));
	c.name = b->val[ROLE_NAME] != NULL ? xstrdup(b->val[ROLE_NAME]) :
	    NULL;
	c.value = b->val[ROLE_VALUE] != NULL ? xstrdup(b->val[ROLE_VALUE]) :
	    NULL;
	c.pref = b->val[ROLE_PRIORITY] != NULL ?
	    xstrdup(b->val[ROLE_PRIORITY]) : NULL;
	c.line = b->first;
	c.type_line = b->at[ROLE_TYPE];
	c.name_line = b->val[ROLE_NAME] != NULL ? b->at[ROLE_NAME] : b->first;
	c.value_line = b->val[ROLE_VALUE] != NULL ? b->at[ROLE_VALUE] :
	    b->first;
	paste_block_clear(b);
	rv = paste_add(ctx, &c);
	paste_cand_free(&c);
	return rv;
}

/*
 * Add a "Label: value" line to the block; a label seen before starts the
 * next record. A label with nothing after it takes the next line as value.
 */
int
paste_block_key(struct paste_ctx *ctx, size_t line, enum paste_role role,
    const char *type, const char *value)
{
	struct paste_block *b = &ctx->block;

	b->awaiting = -1;
	if (role < PASTE_NROLES && b->val[role] != NULL) {
		if (paste_block_flush(ctx) == -1)
			return -1;
	}
	if (b->first == 0)
		b->first = line;
	if (type != NULL && b->val[ROLE_TYPE] == NULL) {
		b->val[ROLE_TYPE] = xstrdup(type);
		b->at[ROLE_TYPE] = line;
	}
	if (role >= PASTE_NROLES)
		return 0;
	b->at[role] = line;
	if (*value == '\0')
		b->awaiting = (int)role;
	else {
		free(b->val[role]);
		b->val[role] = xstrdup(value);
	}
	return 0;
}
