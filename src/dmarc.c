/* dmarc.c - RFC 7489 DMARC records: parse, check, explain */
#include <stdlib.h>
#include <string.h>

#include "dmarc-int.h"
#include "taglist.h"

/* Each policy and what it means, for people. */
static const struct {
	const char *name;
	const char *explain;
} dmarc_policies[] = {
	{ "none", N_("none: receivers deliver mail that fails DMARC as they "
	    "would without it and only send reports, so you can see who "
	    "sends mail in your name before asking for more") },
	{ "quarantine", N_("quarantine: receivers treat mail that fails "
	    "DMARC as suspicious, usually by putting it in the spam or junk "
	    "folder") },
	{ "reject", N_("reject: receivers refuse mail that fails DMARC "
	    "while it is being sent, so it never reaches the recipient") },
};

/* Tell whether a TXT string starts with v=DMARC1 (RFC 7489 6.6.3). */
int
dmarc_is_record(const char *txt)
{
	const char *s = txt;

	if (*s != 'v' && *s != 'V')
		return 0;
	for (s++; TAGLIST_WSP(*s); s++)
		/* nothing */;
	if (*s != '=')
		return 0;
	for (s++; TAGLIST_WSP(*s); s++)
		/* nothing */;
	if (strncmp(s, "DMARC1", 6) != 0)
		return 0;
	for (s += 6; TAGLIST_WSP(*s); s++)
		/* nothing */;
	return *s == '\0' || *s == ';';
}

/* Set *cause for a bad value, hinting at a missing ';' when it shows. */
static void
dmarc_bad_value(char **cause, const char *msg, const char *value)
{
	if (strchr(value, '=') != NULL)
		*cause = xasprintf(_("%s: is a ';' missing before the next "
		    "tag?"), msg);
	else
		*cause = xstrdup(msg);
}

/* Tell whether a lower-cased value is a policy name. */
static int
dmarc_policy_valid(const char *v)
{
	size_t i;

	for (i = 0; i < nitems(dmarc_policies); i++) {
		if (strcmp(v, dmarc_policies[i].name) == 0)
			return 1;
	}
	return 0;
}

/*
 * Check a ':'-separated list whose items must each be one of the allowed
 * words (compared ignoring case); the normalized list goes into *out.
 */
static int
dmarc_colon_list(const char *value, const char *const *allowed,
    size_t nallowed, char **out)
{
	const char *s = value, *start;
	struct buf b;
	char *item, *lower;
	size_t i, len;
	int found, more;

	buf_init(&b);
	do {
		more = taglist_item(&s, ':', 0, &start, &len);
		item = xstrndup(start, len);
		lower = str_lower(item);
		free(item);
		found = 0;
		for (i = 0; i < nallowed; i++) {
			if (strcmp(lower, allowed[i]) == 0)
				found = 1;
		}
		if (!found) {
			free(lower);
			buf_free(&b);
			return -1;
		}
		if (b.len != 0)
			buf_putc(&b, ':');
		buf_puts(&b, lower);
		free(lower);
	} while (more);
	*out = buf_detach(&b);
	return 0;
}

/* Tell whether a string is 1 to max decimal digits. */
static int
dmarc_digits(const char *s, size_t max)
{
	size_t i;

	for (i = 0; TAGLIST_DIGIT(s[i]); i++)
		/* nothing */;
	return i > 0 && i <= max && s[i] == '\0';
}

/* Check a rua= or ruf= value into the record. */
static int
dmarc_tag_uris(const struct taglist_tag *t, char **field,
    struct strlist *uris, char **cause)
{
	size_t nvalid;
	char *err;

	if (*t->value == '\0') {
		*cause = xasprintf(_("%s= is empty: give mailto: addresses or "
		    "remove the tag"), t->name);
		return -1;
	}
	if (dmarc_uri_list(t->value, 0, uris, NULL, &nvalid, &err) != 0) {
		*cause = xasprintf(_("%s= must be mailto: URIs separated by "
		    "',': %s"), t->name, err);
		free(err);
		return -1;
	}
	*field = xstrdup(t->value);
	return 0;
}

/* Check one known tag into the record; unknown ones are kept aside. */
static int
dmarc_tag_apply(struct dmarc_record *r, const struct taglist_tag *t,
    int rua_ok, char **cause)
{
	static const char *const fo_words[] = { "0", "1", "d", "s" };
	static const char *const rf_words[] = { "afrf" };
	unsigned long v;
	char *lower, *msg;

	lower = str_lower(t->value);
	if (strcmp(t->name, "p") == 0 || strcmp(t->name, "sp") == 0) {
		if (!dmarc_policy_valid(lower)) {
			if (strcmp(t->name, "sp") == 0)
				msg = xasprintf(_("sp= must be none, "
				    "quarantine or reject, not '%s'"),
				    t->value);
			else if (rua_ok)
				msg = xasprintf(_("p= must be none, "
				    "quarantine or reject, not '%s' "
				    "(receivers fall back to p=none because "
				    "rua= is valid, RFC 7489 6.6.3, but the "
				    "record is still wrong)"), t->value);
			else
				msg = xasprintf(_("p= must be none, quarantine"
				    " or reject, not '%s'"), t->value);
			dmarc_bad_value(cause, msg, t->value);
			free(msg);
			goto fail;
		}
		if (strcmp(t->name, "p") == 0) {
			r->p = lower;
			r->written |= DMARC_TAG_P;
		} else {
			r->sp = lower;
			r->written |= DMARC_TAG_SP;
		}
		return 0;
	}
	if (strcmp(t->name, "adkim") == 0 || strcmp(t->name, "aspf") == 0) {
		if (strcmp(lower, "r") != 0 && strcmp(lower, "s") != 0) {
			msg = xasprintf(_("%s= must be r (relaxed) or s "
			    "(strict), not '%s'"), t->name, t->value);
			dmarc_bad_value(cause, msg, t->value);
			free(msg);
			goto fail;
		}
		if (strcmp(t->name, "adkim") == 0) {
			free(r->adkim);
			r->adkim = lower;
			r->written |= DMARC_TAG_ADKIM;
		} else {
			free(r->aspf);
			r->aspf = lower;
			r->written |= DMARC_TAG_ASPF;
		}
		return 0;
	}
	if (strcmp(t->name, "pct") == 0) {
		if (!dmarc_digits(t->value, 3) ||
		    parse_uint(t->value, 0, 100, &v) != 0) {
			msg = xasprintf(_("pct= must be a whole number from 0 "
			    "to 100, not '%s'"), t->value);
			dmarc_bad_value(cause, msg, t->value);
			free(msg);
			goto fail;
		}
		r->pct = (int)v;
		r->written |= DMARC_TAG_PCT;
	} else if (strcmp(t->name, "ri") == 0) {
		if (!dmarc_digits(t->value, 10) ||
		    parse_uint(t->value, 0, 4294967295UL, &v) != 0) {
			msg = xasprintf(_("ri= must be a number of seconds "
			    "from 0 to 4294967295, not '%s'"), t->value);
			dmarc_bad_value(cause, msg, t->value);
			free(msg);
			goto fail;
		}
		r->ri = v;
		r->written |= DMARC_TAG_RI;
	} else if (strcmp(t->name, "fo") == 0) {
		free(r->fo);
		r->fo = NULL;
		if (dmarc_colon_list(t->value, fo_words, nitems(fo_words),
		    &r->fo) != 0) {
			msg = xasprintf(_("fo= must be 0, 1, d or s, or "
			    "several of them separated by ':', not '%s'"),
			    t->value);
			dmarc_bad_value(cause, msg, t->value);
			free(msg);
			goto fail;
		}
		r->written |= DMARC_TAG_FO;
	} else if (strcmp(t->name, "rf") == 0) {
		free(r->rf);
		r->rf = NULL;
		if (dmarc_colon_list(t->value, rf_words, nitems(rf_words),
		    &r->rf) != 0) {
			msg = xasprintf(_("rf= must be afrf, not '%s'"),
			    t->value);
			dmarc_bad_value(cause, msg, t->value);
			free(msg);
			goto fail;
		}
		r->written |= DMARC_TAG_RF;
	} else if (strcmp(t->name, "rua") == 0) {
		if (dmarc_tag_uris(t, &r->rua, &r->rua_uris, cause) != 0)
			goto fail;
		r->written |= DMARC_TAG_RUA;
	} else if (strcmp(t->name, "ruf") == 0) {
		if (dmarc_tag_uris(t, &r->ruf, &r->ruf_uris, cause) != 0)
			goto fail;
		r->written |= DMARC_TAG_RUF;
	} else
		strlist_addf(&r->unknown, "%s=%s", t->name, t->value);
	free(lower);
	return 0;

fail:
	free(lower);
	return -1;
}

/* Check what the record as a whole says: v= first, p= present, notes. */
static int
dmarc_check_whole(struct dmarc_record *r, const struct taglist_tag *tags,
    size_t ntags, int rua_ok, char **cause)
{
	size_t i;

	if (!(r->written & DMARC_TAG_P)) {
		if (rua_ok)
			*cause = xstrdup(_("p= is missing: receivers treat a "
			    "record with a valid rua= but no p= as p=none "
			    "(RFC 7489 6.6.3), but p= is required: add p=none"
			    " right after v=DMARC1"));
		else
			*cause = xstrdup(_("p= is missing: add p=none, "
			    "p=quarantine or p=reject right after v=DMARC1 "
			    "(RFC 7489 6.3)"));
		return -1;
	}
	for (i = 1; i < ntags; i++) {
		if (strcmp(tags[i].name, "p") == 0)
			break;
	}
	if (i != 1)
		strlist_add(&r->notes, _("p= should come right after "
		    "v=DMARC1 (RFC 7489 6.3); most receivers accept it "
		    "elsewhere"));
	if (r->sp == NULL)
		r->sp = xstrdup(r->p);
	if ((r->written & DMARC_TAG_FO) && !(r->written & DMARC_TAG_RUF))
		strlist_add(&r->notes, _("fo= has no effect without ruf="));
	if ((r->written & DMARC_TAG_PCT) && r->pct < 100 &&
	    strcmp(r->p, "none") == 0)
		strlist_add(&r->notes, _("pct= has no effect with p=none"));
	if (!(r->written & DMARC_TAG_RUA))
		strlist_add(&r->notes, _("there is no rua=, so no receiver "
		    "will send you aggregate reports"));
	return 0;
}

/* Parse a DMARC record. */
int
dmarc_parse(const char *text, struct dmarc_record *out, char **cause)
{
	struct taglist_tag *tags = NULL, *t = NULL;
	size_t ntags = 0, i, j, nvalid = 0;
	int rua_ok = 0;
	char *err;

	memset(out, 0, sizeof *out);
	if (TAGLIST_WSP(*text)) {
		*cause = xstrdup(_("the record must start with v=DMARC1, "
		    "without white space before it"));
		return -1;
	}
	if (taglist_split(text, TAGLIST_LOWER, &tags, &ntags, cause) != 0)
		return -1;
	if (strcmp(tags[0].name, "v") != 0) {
		*cause = xasprintf(_("the record must start with v=DMARC1 "
		    "(RFC 7489 6.3), not with '%s='"), tags[0].name);
		goto fail;
	}
	if (strcmp(tags[0].value, "DMARC1") != 0) {
		err = xasprintf(_("v= must be exactly 'DMARC1', in capitals, "
		    "not '%s'"), tags[0].value);
		dmarc_bad_value(cause, err, tags[0].value);
		free(err);
		goto fail;
	}
	for (i = 0; i < ntags; i++) {
		for (j = i + 1; j < ntags; j++) {
			if (strcmp(tags[i].name, tags[j].name) == 0) {
				*cause = xasprintf(_("tag '%s' appears more "
				    "than once (characters %zu and %zu)"),
				    tags[i].name, tags[i].column,
				    tags[j].column);
				goto fail;
			}
		}
		if (strcmp(tags[i].name, "rua") == 0)
			t = &tags[i];
	}
	if (t != NULL && *t->value != '\0') {
		if (dmarc_uri_list(t->value, 0, NULL, NULL, &nvalid,
		    &err) != 0)
			free(err);
		rua_ok = nvalid > 0;
	}
	out->pct = 100;
	out->adkim = xstrdup("r");
	out->aspf = xstrdup("r");
	out->fo = xstrdup("0");
	out->rf = xstrdup("afrf");
	out->ri = 86400;
	for (i = 1; i < ntags; i++) {
		if (dmarc_tag_apply(out, &tags[i], rua_ok, cause) != 0)
			goto fail;
	}
	if (dmarc_check_whole(out, tags, ntags, rua_ok, cause) != 0)
		goto fail;
	taglist_free(tags, ntags);
	return 0;

fail:
	taglist_free(tags, ntags);
	dmarc_record_free(out);
	return -1;
}

/* Release a parsed record. */
void
dmarc_record_free(struct dmarc_record *r)
{
	free(r->p);
	free(r->sp);
	free(r->rua);
	free(r->ruf);
	strlist_free(&r->rua_uris);
	strlist_free(&r->ruf_uris);
	free(r->adkim);
	free(r->aspf);
	free(r->fo);
	free(r->rf);
	strlist_free(&r->unknown);
	strlist_free(&r->notes);
	memset(r, 0, sizeof *r);
}

/* Explain a policy in plain words. */
const char *
dmarc_policy_explain(const char *p)
{
	size_t i;

	for (i = 0; i < nitems(dmarc_policies); i++) {
		if (str_caseeq(p, dmarc_policies[i].name))
			return _(dmarc_policies[i].explain);
	}
	return NULL;
}
