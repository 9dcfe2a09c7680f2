/* expect.c - reading back an export file: detection, domain, records */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "expect-int.h"

/* ------------------------------------------------------------------ */
/* Records into the record set                                         */
/* ------------------------------------------------------------------ */

/* Tell whether a name (no trailing dot) is a domain or lies under it. */
static int
in_domain(const char *name, const char *domain)
{
	size_t ln = strlen(name), ld = strlen(domain);

	if (str_caseeq(name, domain))
		return 1;
	return ln > ld + 1 && name[ln - ld - 1] == '.' &&
	    str_caseeq(name + ln - ld, domain);
}

/* Tell whether a name is a plausible DNS name (trailing dot optional). */
static int
name_valid(const char *name)
{
	const char *p, *end, *label = name;
	size_t len = strlen(name);

	if (strcmp(name, ".") == 0)
		return 1;
	if (len > 0 && name[len - 1] == '.')
		len--;
	if (len == 0 || len > 253)
		return 0;
	end = name + len;
	for (p = name; p <= end; p++) {
		if (p == end || *p == '.') {
			if (p == label || p - label > 63)
				return 0;
			label = p + 1;
		} else if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return 0;
	}
	return 1;
}

/* The domain a record with both a full name and a host implies. */
static char *
implied_domain(const struct expect_rr *rr)
{
	char *name, *out = NULL;
	size_t ln, lh;

	name = expect_domain_norm(rr->name);
	if (*rr->host == '\0' || strcmp(rr->host, "@") == 0)
		return name;
	ln = strlen(name);
	lh = strlen(rr->host);
	if (ln > lh + 1 && strncasecmp(name, rr->host, lh) == 0 &&
	    name[lh] == '.')
		out = xstrdup(name + lh + 1);
	free(name);
	return out;
}

/* The full name (lower case, trailing dot) of a host under a domain. */
static char *
host_name(const char *host, const char *domain)
{
	char *s, *out;

	if (*host == '\0' || strcmp(host, "@") == 0)
		s = xasprintf("%s.", domain);
	else if (host[strlen(host) - 1] == '.')
		s = xstrdup(host);
	else
		s = xasprintf("%s.%s.", host, domain);
	out = str_lower(s);
	free(s);
	return out;
}

/* Guess what a record is for, from its name, type and value. */
static const char *
guess_purpose(const char *host, const char *type, const char *value)
{
	size_t len = strlen(host);
	int txt = strcmp(type, "TXT") == 0;

	if (txt && strcmp(host, "@") == 0 &&
	    strncasecmp(value, "v=spf1", 6) == 0 &&
	    (value[6] == ' ' || value[6] == '\0'))
		return "spf";
	if (txt && (strcmp(host, "_dmarc") == 0 ||
	    strncmp(host, "_dmarc.", 7) == 0))
		return "dmarc";
	if ((txt || strcmp(type, "CNAME") == 0) && ((len > 11 &&
	    strcmp(host + len - 11, "._domainkey") == 0) ||
	    strstr(host, "._domainkey.") != NULL))
		return "dkim";
	return "other";
}

/*
 * Check a value for its type and write it as the record set holds it:
 * targets with a trailing dot, MX as "preference exchange.".
 */
static int
normal_value(struct expect_ctx *ctx, const struct expect_rr *rr,
    const char *type, char **out)
{
	char *copy, *t, *pref, *host, *extra, *abs, *save = NULL;
	unsigned long n;
	const char *sep = " \t";

	if (strcmp(type, "TXT") == 0) {
		*out = xstrdup(rr->value);
		return 0;
	}
	copy = xstrdup(rr->value);
	t = str_trim(copy);
	if (strcmp(type, "CNAME") == 0) {
		if (!name_valid(t)) {
			expect_fail(ctx, rr->line, _("'%s' is not a valid "
			    "CNAME target"), rr->value);
			free(copy);
			return -1;
		}
		*out = expect_absolute(t);
		free(copy);
		return 0;
	}
	pref = strtok_r(t, sep, &save);
	host = pref != NULL ? strtok_r(NULL, sep, &save) : NULL;
	extra = host != NULL ? strtok_r(NULL, sep, &save) : NULL;
	if (pref == NULL || host == NULL || extra != NULL ||
	    parse_uint(pref, 0, 65535, &n) == -1 || !name_valid(host)) {
		expect_fail(ctx, rr->line, _("'%s' is not an MX value "
		    "(a preference from 0 to 65535 and a host name)"),
		    rr->value);
		free(copy);
		return -1;
	}
	abs = expect_absolute(host);
	*out = xasprintf("%lu %s", n, abs);
	free(abs);
	free(copy);
	return 0;
}

/* An upper-case copy of a record type. */
static char *
type_upper(const char *s)
{
	char *t, *p;

	t = xstrdup(s);
	for (p = t; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	return t;
}

/*
 * The full name of a record read (lower case, trailing dot), its name and
 * its host checked against each other when it has both; NULL if bad.
 */
static char *
record_name(struct expect_ctx *ctx, const struct expect_rr *rr,
    const char *base)
{
	char *abs, *name, *from_host;

	if (rr->name == NULL) {
		name = host_name(rr->host, base);
		if (!name_valid(name)) {
			expect_fail(ctx, rr->line, _("'%s' is not a valid "
			    "name"), rr->host);
			free(name);
			return NULL;
		}
		return name;
	}
	if (!name_valid(rr->name)) {
		expect_fail(ctx, rr->line, _("'%s' is not a valid name"),
		    rr->name);
		return NULL;
	}
	abs = expect_absolute(rr->name);
	name = str_lower(abs);
	free(abs);
	if (rr->host == NULL)
		return name;
	from_host = host_name(rr->host, base);
	if (strcmp(from_host, name) != 0) {
		expect_fail(ctx, rr->line, _("name '%s' and host '%s' do not "
		    "agree"), rr->name, rr->host);
		free(name);
		name = NULL;
	}
	free(from_host);
	return name;
}

/* The host of a full name under a domain ("@" for it), or NULL. */
static char *
name_host(const char *name, const char *domain)
{
	size_t ln = strlen(name) - 1, ld = strlen(domain);

	if (ln == ld && strncmp(name, domain, ld) == 0)
		return xstrdup("@");
	if (ln > ld + 1 && name[ln - ld - 1] == '.' &&
	    strncmp(name + ln - ld, domain, ld) == 0)
		return xstrndup(name, ln - ld - 1);
	return NULL;
}

/* Add one record read to the record set, checked and made canonical. */
static int
add_record(struct expect_ctx *ctx, struct record_set *rs,
    const struct expect_rr *rr, const char *base)
{
	struct record *r;
	char *name = NULL, *type, *value = NULL, *host = NULL;
	int rc = -1;

	type = type_upper(rr->type);
	if (strcmp(type, "TXT") != 0 && strcmp(type, "CNAME") != 0 &&
	    strcmp(type, "MX") != 0) {
		expect_fail(ctx, rr->line, _("unknown record type '%s': "
		    "mailwiz expects TXT, CNAME or MX records"), rr->type);
		goto out;
	}
	name = record_name(ctx, rr, base);
	if (name == NULL)
		goto out;
	host = name_host(name, rs->domain);
	if (host == NULL) {
		expect_fail(ctx, rr->line, _("'%s' is not in the domain "
		    "'%s'"), name, rs->domain);
		goto out;
	}
	if (normal_value(ctx, rr, type, &value) == -1)
		goto out;
	r = record_set_add(rs, host, type, value, rr->purpose != NULL ?
	    rr->purpose : guess_purpose(host, type, value));
	r->ttl = rr->ttl;
	if (rr->action >= 0)
		r->action = (enum record_action)rr->action;
	if (rr->replaces != NULL)
		r->replaces = xstrdup(rr->replaces);
	if (rr->why != NULL)
		r->why = xstrdup(rr->why);
	rc = 0;
out:
	free(value);
	free(host);
	free(name);
	free(type);
	return rc;
}

/* Settle the domain, then add every record read to the record set. */
static int
expect_finish(struct expect_ctx *ctx, struct record_set *rs)
{
	char *implied = NULL;
	const char *file_domain, *domain;
	size_t i;

	file_domain = ctx->stated != NULL ? ctx->stated : ctx->titled;
	for (i = 0; file_domain == NULL && i < ctx->nrrs; i++) {
		if (ctx->rrs[i].name != NULL && ctx->rrs[i].host != NULL) {
			implied = implied_domain(&ctx->rrs[i]);
			file_domain = implied;
		}
	}
	if (file_domain != NULL && (*file_domain == '\0' ||
	    !name_valid(file_domain))) {
		expect_fail(ctx, ctx->stated_line, _("'%s' is not a valid "
		    "domain name"), file_domain);
		goto fail;
	}
	if (ctx->want != NULL) {
		if (file_domain != NULL && !in_domain(file_domain,
		    ctx->want)) {
			expect_fail(ctx, ctx->stated != NULL ?
			    ctx->stated_line : 0, _("the file is for '%s', "
			    "not '%s'"), file_domain, ctx->want);
			goto fail;
		}
		domain = ctx->want;
	} else if (file_domain != NULL)
		domain = file_domain;
	else {
		expect_fail(ctx, 0, _("the file does not say which domain "
		    "it is for: name the domain"));
		goto fail;
	}
	record_set_init(rs, domain, NULL);
	for (i = 0; i < ctx->nrrs; i++) {
		if (add_record(ctx, rs, &ctx->rrs[i], file_domain != NULL ?
		    file_domain : domain) == -1)
			goto fail;
	}
	rs->feature = ctx->feature;
	rs->server = ctx->server;
	rs->provider = ctx->provider;
	rs->note = ctx->note;
	ctx->feature = ctx->server = ctx->provider = ctx->note = NULL;
	free(implied);
	return 0;

fail:
	free(implied);
	return -1;
}

/* Release what a reading holds. */
static void
expect_ctx_free(struct expect_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nrrs; i++)
		expect_rr_free(&ctx->rrs[i]);
	free(ctx->rrs);
	expect_hints_clear(ctx);
	free(ctx->stated);
	free(ctx->titled);
	free(ctx->feature);
	free(ctx->server);
	free(ctx->provider);
	free(ctx->note);
	free(ctx->cause);
}

/* ------------------------------------------------------------------ */
/* The text                                                            */
/* ------------------------------------------------------------------ */

/* Skip a UTF-8 byte order mark, which some editors add. */
static const char *
skip_bom(const char *text)
{
	if (strncmp(text, "\xef\xbb\xbf", 3) == 0)
		return text + 3;
	return text;
}

/* Refuse what is not text: empty, control bytes, broken UTF-8. */
static int
check_text(const char *path, const char *text, char **cause)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t line = 1, n;

	if (text[strspn(text, " \t\r\n")] == '\0') {
		*cause = xasprintf(_("%s: the file is empty"), path);
		return -1;
	}
	while (*p != '\0') {
		if (*p == '\n')
			line++;
		n = utf8_len((const char *)p);
		if (n == 0 || (*p < 0x20 && *p != '\t' && *p != '\n' &&
		    *p != '\r' && *p != '\f') || *p == 0x7f) {
			*cause = xasprintf(_("%s:%zu: this is not a text file "
			    "(byte 0x%02x)"), path, line, (unsigned int)*p);
			return -1;
		}
		p += n;
	}
	return 0;
}

/* Turn CRLF (and lone CR) line ends into LF. */
static char *
unix_lines(const char *text)
{
	struct buf b;

	buf_init(&b);
	for (; *text != '\0'; text++) {
		if (*text == '\r') {
			buf_putc(&b, '\n');
			if (text[1] == '\n')
				text++;
		} else
			buf_putc(&b, *text);
	}
	return buf_detach(&b);
}

/* ------------------------------------------------------------------ */
/* API                                                                 */
/* ------------------------------------------------------------------ */

/* The export format name expect_read would read a text as. */
const char *
expect_detect(const char *text, const char *path)
{
	return expect_format_detect(skip_bom(text), path)->name;
}

/* Read the records a file says should be published, in any format. */
int
expect_read(const char *text, const char *path, const char *domain,
    struct record_set *rs, char **cause)
{
	const struct expect_format *f;
	struct expect_ctx ctx;
	char *want = NULL, *copy;
	int rc;

	memset(rs, 0, sizeof *rs);
	memset(&ctx, 0, sizeof ctx);
	ctx.path = path != NULL ? path : "-";
	text = skip_bom(text);
	if (check_text(ctx.path, text, cause) == -1)
		return -1;
	if (domain != NULL) {
		want = expect_domain_norm(domain);
		if (*want == '\0' || !name_valid(want) ||
		    strcmp(want, ".") == 0) {
			*cause = xasprintf(_("'%s' is not a valid domain "
			    "name"), domain);
			free(want);
			return -1;
		}
		ctx.want = want;
	}
	f = expect_format_detect(text, path);
	ctx.format = f->label;
	/* CSV keeps CRLF inside quoted fields; the others read lines. */
	copy = strcmp(f->name, "csv") == 0 ? xstrdup(text) :
	    unix_lines(text);
	rc = f->read(&ctx, copy);
	free(copy);
	if (rc == 0)
		rc = expect_finish(&ctx, rs);
	if (rc == -1) {
		record_set_free(rs);
		if (ctx.cause == NULL)
			expect_fail(&ctx, 0, _("cannot read the file"));
		*cause = ctx.cause;
		ctx.cause = NULL;
	}
	expect_ctx_free(&ctx);
	free(want);
	return rc;
}

/* Read a file ("-" for standard input) and then expect_read() it. */
int
expect_read_file(const char *path, const char *domain,
    struct record_set *rs, char **cause)
{
	char *data;
	size_t len;
	int rc;

	memset(rs, 0, sizeof *rs);
	if (file_read(path, &data, &len, cause) == -1)
		return -1;
	if (memchr(data, '\0', len) != NULL) {
		*cause = xasprintf(_("%s: this is not a text file (it has "
		    "NUL bytes)"), path);
		free(data);
		return -1;
	}
	rc = expect_read(data, path, domain, rs, cause);
	free(data);
	return rc;
}
