/* spf.c - RFC 7208 records: parse, print, count lookups */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "spf-int.h"

/* Tell whether a TXT string is an SPF record. */
int
spf_is_record(const char *s)
{
	return strncasecmp(s, "v=spf1", 6) == 0 &&
	    (s[6] == ' ' || s[6] == '\0');
}

/* Release a parsed record. */
void
spf_record_free(struct spf_record *r)
{
	size_t i;

	for (i = 0; i < r->nterms; i++)
		spf_term_free(&r->terms[i]);
	free(r->terms);
	r->terms = NULL;
	r->nterms = 0;
}

/*
 * Parse a whole record (RFC 7208 12: version, terms separated by spaces,
 * trailing spaces allowed). On error the record is left empty.
 */
int
spf_parse(const char *text, struct spf_record *out, char **cause)
{
	const char *p, *q;
	struct spf_term t;
	size_t col, i;
	char *why;
	int redirect = 0, exp = 0, *seen;

	memset(out, 0, sizeof *out);
	if (strncasecmp(text, "v=spf1", 6) != 0) {
		*cause = xstrdup(_("column 1: record does not start with "
		    "'v=spf1'"));
		return -1;
	}
	if (text[6] != '\0' && text[6] != ' ') {
		*cause = xstrdup(_("column 7: 'v=spf1' must be followed by "
		    "a space"));
		return -1;
	}
	p = text + 6;
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != ' '; q++)
			/* nothing */;
		col = (size_t)(p - text) + 1;
		if (spf_term_parse(p, (size_t)(q - p), &t, &why) == -1) {
			*cause = xasprintf(_("column %zu: %s"), col, why);
			free(why);
			goto fail;
		}
		t.column = col;
		seen = t.kind == SPF_TERM_EXP ? &exp : &redirect;
		if (t.kind == SPF_TERM_REDIRECT || t.kind == SPF_TERM_EXP)
			(*seen)++;
		if (*seen > 1) {
			*cause = xasprintf(_("column %zu: '%s' repeats the "
			    "%s= modifier, which may appear only once"), col,
			    t.text, t.kind == SPF_TERM_EXP ? "exp" :
			    "redirect");
			spf_term_free(&t);
			goto fail;
		}
		i = out->nterms;
		out->terms = xreallocarray(out->terms, i + 1,
		    sizeof *out->terms);
		out->terms[i] = t;
		out->nterms = i + 1;
		p = q;
	}
	return 0;

fail:
	spf_record_free(out);
	return -1;
}

/* Write a term from its fields, for terms built without text. */
static void
spf_term_format(struct buf *b, const struct spf_term *t)
{
	switch (t->kind) {
	case SPF_TERM_REDIRECT:
	case SPF_TERM_EXP:
		buf_printf(b, "%s=%s", t->kind == SPF_TERM_EXP ? "exp" :
		    "redirect", t->domain != NULL ? t->domain :
		    t->value != NULL ? t->value : "");
		return;
	case SPF_TERM_MODIFIER:
		buf_printf(b, "%s=%s", t->name != NULL ? t->name : "",
		    t->value != NULL ? t->value : "");
		return;
	case SPF_TERM_MECHANISM:
		break;
	}
	if (t->qualifier != 0)
		buf_putc(b, t->qualifier);
	buf_puts(b, spf_mech_name(t->mech));
	if (t->mech == SPF_IP4 || t->mech == SPF_IP6) {
		buf_printf(b, ":%s", t->addr != NULL ? t->addr : "");
		if (t->mech == SPF_IP4 && t->cidr4 >= 0)
			buf_printf(b, "/%d", t->cidr4);
		if (t->mech == SPF_IP6 && t->cidr6 >= 0)
			buf_printf(b, "/%d", t->cidr6);
		return;
	}
	if (t->domain != NULL)
		buf_printf(b, ":%s", t->domain);
	if (t->mech == SPF_A || t->mech == SPF_MX) {
		if (t->cidr4 >= 0)
			buf_printf(b, "/%d", t->cidr4);
		if (t->cidr6 >= 0)
			buf_printf(b, "//%d", t->cidr6);
	}
}

/* Print a record: "v=spf1" and each term as written, one space apart. */
char *
spf_print(const struct spf_record *r)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_puts(&b, "v=spf1");
	for (i = 0; i < r->nterms; i++) {
		buf_putc(&b, ' ');
		if (r->terms[i].text != NULL)
			buf_puts(&b, r->terms[i].text);
		else
			spf_term_format(&b, &r->terms[i]);
	}
	return buf_detach(&b);
}

/* Count the terms of this record that cost a DNS lookup (RFC 7208 4.6.4). */
int
spf_lookup_terms(const struct spf_record *r)
{
	const struct spf_term *t;
	size_t i;
	int n = 0;

	for (i = 0; i < r->nterms; i++) {
		t = &r->terms[i];
		if (t->kind == SPF_TERM_REDIRECT)
			n++;
		else if (t->kind == SPF_TERM_MECHANISM &&
		    t->mech != SPF_ALL && t->mech != SPF_IP4 &&
		    t->mech != SPF_IP6)
			n++;
	}
	return n;
}
