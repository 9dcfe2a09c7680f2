/* paste-add.c - checking a record as read and keeping it: the type, the
   value, the shape of Amazon SES records, duplicates and CNAME conflicts */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "paste-int.h"

#define PASTE_SES_TOKEN 32	/* length of the SES tokens seen in public */

/*
 * Read the value of an MX record: "10 host" in one piece, or the host with
 * the preference from a column of its own.
 */
static int
paste_mx(struct paste_ctx *ctx, const struct paste_cand *c,
    const char *name, char **out)
{
	unsigned long pref;
	char *value, *num = NULL, *host = NULL, *target;
	size_t n;
	int rv = -1;

	value = paste_trimmed(c->value, strlen(c->value));
	n = strcspn(value, " \t");
	if (value[n] != '\0') {
		num = xstrndup(value, n);
		if (!paste_is_digits(num)) {
			free(num);
			num = NULL;
			host = xstrdup(value);
		} else
			host = paste_trimmed(value + n, strlen(value + n));
	} else if (paste_is_digits(value) && c->pref == NULL) {
		paste_fail(ctx, c->value_line, _("the MX record '%s' has a "
		    "preference but no host; write it as '%s "
		    "feedback-smtp.us-east-1.amazonses.com' with your "
		    "provider's host"), name, value);
		goto out;
	} else
		host = xstrdup(value);
	if (num != NULL && c->pref != NULL && *c->pref != '\0' &&
	    strcmp(num, c->pref) != 0) {
		paste_fail(ctx, c->value_line, _("the MX record '%s' has two "
		    "preferences ('%s' and '%s'); keep the one your provider "
		    "gave"), name, c->pref, num);
		goto out;
	}
	if (num == NULL && c->pref != NULL && *c->pref != '\0')
		num = paste_trimmed(c->pref, strlen(c->pref));
	if (num == NULL) {
		paste_fail(ctx, c->value_line, _("the MX record '%s' has no "
		    "preference; write it as '10 %s'"), name, host);
		goto out;
	}
	if (parse_uint(num, 0, 65535, &pref) == -1) {
		paste_fail(ctx, c->value_line, _("the MX preference '%s' is "
		    "not a number from 0 to 65535"), num);
		goto out;
	}
	if (paste_target(ctx, c->value_line, "MX", host, name, &target) == -1)
		goto out;
	*out = xasprintf("%lu %s", pref, target);
	free(target);
	rv = 0;
out:
	free(num);
	free(host);
	free(value);
	return rv;
}

/*
 * Compare a CNAME to Amazon SES (<token>.dkim[.<region>].amazonses.com)
 * with the shape SES gives them and note what looks wrong: SES names the
 * record after the token it points to. Notes only, never a refusal: AWS
 * does not document the token format.
 */
static void
paste_check_ses(struct paste_ctx *ctx, size_t line, const char *host,
    const char *name, const char *target)
{
	const char *dot, *rest, *p;
	char *token, *selector, *expected;
	size_t len;

	dot = strchr(target, '.');
	if (dot == NULL || dot == target)
		return;
	rest = dot + 1;
	if (strcmp(rest, "dkim.amazonses.com.") != 0) {
		if (strncmp(rest, "dkim.", 5) != 0)
			return;
		p = strchr(rest + 5, '.');
		if (p == NULL || p == rest + 5 ||
		    strcmp(p + 1, "amazonses.com.") != 0)
			return;
	}
	token = xstrndup(target, (size_t)(dot - target));
	selector = xstrndup(name, strcspn(name, "."));
	expected = xasprintf("%s._domainkey", selector);
	if (strcmp(host, expected) != 0)
		paste_warn(ctx, line, _("an Amazon SES DKIM record is named "
		    "'%s._domainkey.%s.', not '%s'; check the name"), token,
		    ctx->domain, name);
	else if (strcmp(selector, token) != 0)
		paste_warn(ctx, line, _("the selector '%s' differs from the "
		    "token '%s' in the target; Amazon SES uses the same token "
		    "in both, check that you copied it completely"), selector,
		    token);
	len = strlen(token);
	if (len != PASTE_SES_TOKEN ||
	    strspn(token, "abcdefghijklmnopqrstuvwxyz234567") != len)
		paste_warn(ctx, line, P_("the Amazon SES token '%s' is "
		    "unusual (%zu character; SES tokens are usually 32 "
		    "letters and digits 2-7); check that you copied it "
		    "completely", "the Amazon SES token '%s' is unusual (%zu "
		    "characters; SES tokens are usually 32 letters and digits "
		    "2-7); check that you copied it completely", len), token,
		    len);
	free(expected);
	free(selector);
	free(token);
}

/*
 * Keep a checked record, taking its strings: the same record twice is kept
 * once, and a CNAME that shares its name with another record is refused.
 */
static int
paste_store(struct paste_ctx *ctx, size_t line, char *host, char *name,
    char *type, char *value)
{
	struct paste_result *res = ctx->res;
	struct paste_record *r;
	size_t i;
	int rv = 0;

	for (i = 0; i < res->nrecords; i++) {
		r = &res->records[i];
		if (strcmp(r->name, name) == 0 && strcmp(r->type, type) == 0 &&
		    strcmp(r->value, value) == 0) {
			paste_warn(ctx, line, _("the same record as line %zu; "
			    "mailwiz keeps one"), r->line);
			goto drop;
		}
	}
	for (i = 0; i < res->nrecords; i++) {
		r = &res->records[i];
		if (strcmp(r->name, name) != 0)
			continue;
		if (strcmp(r->type, "CNAME") == 0 &&
		    strcmp(type, "CNAME") == 0) {
			rv = paste_fail(ctx, line, _("'%s' already has a "
			    "CNAME to '%s' on line %zu; a CNAME must be the "
			    "only record at its name, so keep only the one "
			    "your provider sent"), name, r->value, r->line);
			goto drop;
		}
		if (strcmp(r->type, "CNAME") == 0) {
			rv = paste_fail(ctx, line, _("'%s' has a CNAME on "
			    "line %zu, so it cannot have a %s record too; a "
			    "CNAME must be the only record at its name"),
			    name, r->line, type);
			goto drop;
		}
		if (strcmp(type, "CNAME") == 0) {
			rv = paste_fail(ctx, line, _("'%s' has a %s record on "
			    "line %zu, so it cannot be a CNAME too; a CNAME "
			    "must be the only record at its name"), name,
			    r->type, r->line);
			goto drop;
		}
	}
	res->records = xreallocarray(res->records, res->nrecords + 1,
	    sizeof *res->records);
	r = &res->records[res->nrecords++];
	r->host = host;
	r->name = name;
	r->type = type;
	r->value = value;
	r->line = line;
	return 0;

drop:
	free(host);
	free(name);
	free(type);
	free(value);
	return rv;
}

/* Check and normalise a record as read, then keep it. */
int
paste_add(struct paste_ctx *ctx, const struct paste_cand *c)
{
	char *type, *host = NULL, *name = NULL, *value = NULL, *t, *why;
	size_t i;

	type = paste_trimmed(c->type, strlen(c->type));
	for (i = 0; type[i] != '\0'; i++)
		type[i] = (char)toupper((unsigned char)type[i]);
	if (strcmp(type, "CNAME") != 0 && strcmp(type, "TXT") != 0 &&
	    strcmp(type, "MX") != 0) {
		paste_fail(ctx, c->type_line, _("record type '%s' is not "
		    "expected here; paste the CNAME, TXT or MX records your "
		    "provider sent"), type);
		goto fail;
	}
	t = c->name != NULL ? paste_trimmed(c->name, strlen(c->name)) : NULL;
	if (t == NULL || *t == '\0') {
		free(t);
		paste_fail(ctx, c->name_line, _("the %s record has no name; "
		    "paste the name your provider gave with it"), type);
		goto fail;
	}
	free(t);
	if (paste_name(ctx, c->name_line, c->name, &host, &name) == -1)
		goto fail;
	t = c->value != NULL ? paste_trimmed(c->value, strlen(c->value)) :
	    xstrdup("");
	if (*t == '\0') {
		free(t);
		paste_fail(ctx, c->value_line, _("the %s record '%s' has no "
		    "value; paste the value your provider gave with it"),
		    type, name);
		goto fail;
	}
	if (strcmp(type, "TXT") == 0 && *t == '"') {
		if (paste_txt_unquote(t, &value, &why) == -1) {
			paste_fail(ctx, c->value_line, "%s", why);
			free(why);
			free(t);
			goto fail;
		}
		free(t);
		if (*value == '\0') {
			paste_fail(ctx, c->value_line, _("the %s record '%s' "
			    "has no value; paste the value your provider gave "
			    "with it"), type, name);
			goto fail;
		}
	} else if (strcmp(type, "TXT") == 0)
		value = t;
	else {
		free(t);
		if (strcmp(type, "CNAME") == 0) {
			if (paste_target(ctx, c->value_line, type, c->value,
			    name, &value) == -1)
				goto fail;
			paste_check_ses(ctx, c->line, host, name, value);
		} else if (paste_mx(ctx, c, name, &value) == -1)
			goto fail;
	}
	return paste_store(ctx, c->line, host, name, type, value);

fail:
	free(type);
	free(host);
	free(name);
	free(value);
	return -1;
}
