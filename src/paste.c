/* paste.c - reading DNS records the administrator pastes from an e-mail or
   a provider's panel */

/*
 * A paste is read line by line. A line is blank or a comment (skipped), a
 * table header (remembered, so later rows are read by column), a "Name:
 * value" line (collected into a block until the record is whole), or one
 * record written as CSV, as a pipe table, or as words separated by spaces or
 * tabs (zone-file lines and tables copied from web consoles). Whatever its
 * shape, what was read becomes a candidate that is checked and normalised in
 * one place, paste_add().
 *
 * The pieces: paste-line.c cleans a line and cuts it into cells or words,
 * paste-words.c knows the words (types, titles, statuses), paste-table.c
 * reads tables and "Label: value" blocks, paste-zone.c zone-file lines,
 * paste-name.c checks names and targets, and paste-add.c checks and keeps
 * a record.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "paste-int.h"

/* Record a failure for a line, keeping the first one. */
int __attribute__((format(printf, 3, 4)))
paste_fail(struct paste_ctx *ctx, size_t line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (ctx->cause != NULL)
		return -1;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	ctx->cause = xasprintf(_("line %zu: %s"), line, msg);
	ctx->errline = line;
	free(msg);
	return -1;
}

/* Add a note about a line to the result. */
void __attribute__((format(printf, 3, 4)))
paste_warn(struct paste_ctx *ctx, size_t line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	strlist_addf(&ctx->res->warnings, _("line %zu: %s"), line, msg);
	free(msg);
}

/* Give up on a line that has a type word but no readable record. */
int
paste_unreadable(struct paste_ctx *ctx, size_t line, const char *text)
{
	char *shown = paste_show(text);

	paste_fail(ctx, line, _("cannot read a record from '%s'; write it as "
	    "'name type value', e.g. 'abc._domainkey CNAME "
	    "abc.dkim.amazonses.com'"), shown);
	free(shown);
	return -1;
}

/* Release what a candidate holds. */
void
paste_cand_free(struct paste_cand *c)
{
	free(c->name);
	free(c->type);
	free(c->value);
	free(c->pref);
	memset(c, 0, sizeof *c);
}

/*
 * Read a line that is neither a comment nor a "Label: value" line: a header
 * (remembered), a record, or text without a record type (skipped with a
 * note). CSV and pipe rows are recognised by a cell that is a record type;
 * everything else is read as words.
 */
static int
paste_record_line(struct paste_ctx *ctx, size_t line, const char *text)
{
	static const struct {
		enum paste_mode	mode;
		char		sep;
		int		quotes;
	} seps[] = {
		{ PASTE_PIPE, '|', 0 },
		{ PASTE_COMMA, ',', 1 },
		{ PASTE_SEMICOLON, ';', 1 }
	};
	struct paste_fields f = { NULL, 0 }, w = { NULL, 0 };
	struct paste_fields cols = { NULL, 0 };
	const struct paste_fields *cells = &w;
	enum paste_mode mode = PASTE_NONE;
	struct paste_header h;
	struct paste_cand c;
	size_t i;
	int rv = 0, columns, header;

	memset(&c, 0, sizeof c);
	c.line = c.name_line = c.type_line = c.value_line = line;
	for (i = 0; i < nitems(seps); i++) {
		if (strchr(text, seps[i].sep) == NULL)
			continue;
		paste_split_cells(text, seps[i].sep, seps[i].quotes, &f);
		if (f.n >= 3 && paste_header_cells(&f, seps[i].mode, &h)) {
			ctx->header = h;
			goto out;
		}
		if (f.n >= 3 && paste_cells_have_type(&f)) {
			mode = seps[i].mode;
			break;
		}
		paste_fields_free(&f);
	}
	if (mode != PASTE_NONE) {
		if (paste_header_fits(&ctx->header, mode, &f, 0))
			paste_mapped_cand(&ctx->header, text, &f,
			    mode != PASTE_PIPE, &c);
		else if (paste_cells_cand(ctx, line, text, &f, &c) == -1) {
			rv = -1;
			goto out;
		}
		rv = paste_add(ctx, &c);
		goto out;
	}

	paste_split_words(text, &w);
	columns = paste_has_columns(&w);
	if (strchr(text, '\t') != NULL) {
		paste_split_cells(text, '\t', 0, &cols);
		cells = &cols;
	} else if (columns) {
		paste_words_columns(text, &w, &cols);
		cells = &cols;
	}
	if (cells == &w)
		header = paste_header_words(text, &w, &h);
	else
		header = paste_header_cells(cells, PASTE_WORDS, &h);
	if (header) {
		ctx->header = h;
		goto out;
	}
	if (!paste_has_type_word(text)) {
		paste_warn(ctx, line, _("skipped, no record type found"));
		goto out;
	}
	if (paste_is_prose(text)) {
		paste_warn(ctx, line, _("skipped, it reads as a sentence, not "
		    "a record"));
		free(ctx->prose_type);
		ctx->prose_type = paste_prose_type(text);
		ctx->prose_line = line;
		goto out;
	}
	if (paste_header_fits(&ctx->header, PASTE_WORDS, cells, cells == &w))
		paste_mapped_cand(&ctx->header, text, cells, 0, &c);
	else if (paste_words_cand(ctx, line, text, &w, &c) == -1) {
		rv = -1;
		goto out;
	}
	rv = paste_add(ctx, &c);

out:
	paste_cand_free(&c);
	paste_fields_free(&f);
	paste_fields_free(&w);
	paste_fields_free(&cols);
	return rv;
}

/* Read one line of the paste; a zone record in parentheses takes more. */
static int
paste_line(struct paste_ctx *ctx, const struct strlist *lines, size_t *idx)
{
	size_t lineno = *idx + 1;
	enum paste_role role;
	char *clean, *text, *type, *value;
	const char *p;
	int rv = 0;

	clean = paste_clean(lines->v[*idx]);
	if (*clean == '\0' || paste_is_comment(clean) || paste_is_rule(clean))
		goto out;
	p = paste_skip_bullet(clean);
	if (paste_key_line(p, &role, &type, &value)) {
		rv = paste_block_key(ctx, lineno, role, type, value);
		free(type);
		free(value);
		goto out;
	}
	if (ctx->block.awaiting != -1) {
		free(ctx->block.val[ctx->block.awaiting]);
		ctx->block.val[ctx->block.awaiting] = xstrdup(p);
		ctx->block.at[ctx->block.awaiting] = lineno;
		ctx->block.awaiting = -1;
		goto out;
	}
	if (paste_block_flush(ctx) == -1) {
		rv = -1;
		goto out;
	}
	if (*p == '$') {
		rv = paste_directive(ctx, lineno, p);
		goto out;
	}
	text = paste_zone_join(ctx, lines, idx, p, lineno);
	if (text == NULL) {
		rv = -1;
		goto out;
	}
	rv = paste_record_line(ctx, lineno, text);
	free(text);
out:
	free(clean);
	return rv;
}

/*
 * Read pasted records for a domain. See paste.h; on error the result is
 * left empty.
 */
int
paste_read(const char *text, const char *domain, struct paste_result *res,
    char **cause, size_t *errline)
{
	struct strlist lines = { NULL, 0 };
	struct paste_ctx ctx;
	size_t i;
	int rv = -1;

	memset(res, 0, sizeof *res);
	memset(&ctx, 0, sizeof ctx);
	ctx.res = res;
	ctx.block.awaiting = -1;
	paste_header_init(&ctx.header, PASTE_NONE);
	if (cause != NULL)
		*cause = NULL;
	if (errline != NULL)
		*errline = 0;
	if (paste_domain(&ctx, domain) == -1)
		goto out;
	paste_split_lines(text != NULL ? text : "", &lines);
	for (i = 0; i < lines.n; i++) {
		if (paste_line(&ctx, &lines, &i) == -1)
			goto out;
	}
	if (paste_block_flush(&ctx) == -1)
		goto out;
	if (res->nrecords == 0) {
		ctx.cause = xstrdup(_("no records found in the pasted text; "
		    "paste the lines with the record names, types and "
		    "values"));
		goto out;
	}
	rv = 0;
out:
	if (rv == -1) {
		paste_result_free(res);
		if (cause != NULL)
			*cause = ctx.cause;
		else
			free(ctx.cause);
		if (errline != NULL)
			*errline = ctx.errline;
	}
	paste_block_clear(&ctx.block);
	strlist_free(&lines);
	free(ctx.domain);
	free(ctx.origin);
	free(ctx.prose_type);
	return rv;
}

/* Release what paste_read() filled in and leave the result empty. */
void
paste_result_free(struct paste_result *res)
{
	size_t i;

	for (i = 0; i < res->nrecords; i++) {
		free(res->records[i].host);
		free(res->records[i].name);
		free(res->records[i].type);
		free(res->records[i].value);
	}
	free(res->records);
	strlist_free(&res->warnings);
	memset(res, 0, sizeof *res);
}
