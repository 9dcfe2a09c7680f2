/* dkim.c - RFC 6376 DKIM key records (the TXT at selector._domainkey) */
#include <stdlib.h>
#include <string.h>

#include "dkim-int.h"
#include "taglist.h"

/* Find a tag by its exact (case-sensitive) name. */
static struct taglist_tag *
dkim_tag_find(struct taglist_tag *tags, size_t ntags, const char *name)
{
	size_t i;

	for (i = 0; i < ntags; i++) {
		if (strcmp(tags[i].name, name) == 0)
			return &tags[i];
	}
	return NULL;
}

/* Tell whether a word is an RFC 6376 hyphenated-word. */
static int
dkim_hyphenated_word(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || !TAGLIST_ALPHA(s[0]) || s[len - 1] == '-')
		return 0;
	for (i = 1; i < len; i++) {
		if (!TAGLIST_ALPHA(s[i]) && !TAGLIST_DIGIT(s[i]) &&
		    s[i] != '-')
			return 0;
	}
	return 1;
}

/*
 * Split a colon-separated list (h=, s=, t=) into its items; -1 when an item
 * is neither a hyphenated-word nor, where allowed, "*".
 */
static int
dkim_colon_list(const char *value, int star, struct strlist *items)
{
	const char *s = value, *start;
	size_t len;
	int more;

	do {
		more = taglist_item(&s, ':', TAGLIST_CRLF, &start, &len);
		if (!(star && len == 1 && *start == '*') &&
		    !dkim_hyphenated_word(start, len)) {
			strlist_free(items);
			return -1;
		}
		items->v = xreallocarray(items->v, items->n + 1,
		    sizeof *items->v);
		items->v[items->n++] = xstrndup(start, len);
	} while (more);
	return 0;
}

/* Tell whether a list holds a word. */
static int
dkim_list_has(const struct strlist *l, const char *word)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->v[i], word) == 0)
			return 1;
	}
	return 0;
}

/* Check the optional h=, s= and t= lists and note what they mean. */
static int
dkim_check_lists(struct dkim_key *key, char **cause)
{
	struct strlist l = { NULL, 0 };

	if (key->h != NULL) {
		if (dkim_colon_list(key->h, 0, &l) != 0) {
			*cause = xasprintf(_("h= must be hash names separated "
			    "by ':', such as 'sha256', not '%s'"), key->h);
			return -1;
		}
		if (!dkim_list_has(&l, "sha256"))
			strlist_add(&key->notes, _("h= does not allow sha256,"
			    " so receivers following RFC 8301 accept no "
			    "signature made with this key"));
		strlist_free(&l);
	}
	if (key->s != NULL) {
		if (dkim_colon_list(key->s, 1, &l) != 0) {
			*cause = xasprintf(_("s= must be service types "
			    "separated by ':', such as 'email' or '*', not "
			    "'%s'"), key->s);
			return -1;
		}
		if (!dkim_list_has(&l, "*") && !dkim_list_has(&l, "email"))
			strlist_add(&key->notes, _("s= names neither 'email' "
			    "nor '*', so the key cannot sign email"));
		strlist_free(&l);
	}
	if (key->t != NULL) {
		if (dkim_colon_list(key->t, 0, &l) != 0) {
			*cause = xasprintf(_("t= must be flags separated by "
			    "':', such as 'y' or 's', not '%s'"), key->t);
			return -1;
		}
		key->testing = dkim_list_has(&l, "y");
		key->strict = dkim_list_has(&l, "s");
		if (key->testing)
			strlist_add(&key->notes, _("t=y: the domain says it "
			    "is testing DKIM, and receivers may treat "
			    "signatures as unsigned mail"));
		strlist_free(&l);
	}
	return 0;
}

/* Copy the value of a tag, if present. */
static char *
dkim_tag_value(struct taglist_tag *tags, size_t ntags, const char *name)
{
	struct taglist_tag *t;

	t = dkim_tag_find(tags, ntags, name);
	return t != NULL ? xstrdup(t->value) : NULL;
}

/* Parse a DKIM key record. */
int
dkim_key_parse(const char *text, struct dkim_key *out, char **cause)
{
	static const char *known[] = { "v", "k", "h", "s", "t", "n", "p" };
	struct taglist_tag *tags = NULL, *t;
	size_t ntags = 0, i, j;
	struct buf b;
	int found;

	memset(out, 0, sizeof *out);
	if (taglist_split(text, TAGLIST_CRLF | TAGLIST_UNIQUE, &tags, &ntags,
	    cause) != 0)
		return -1;
	t = dkim_tag_find(tags, ntags, "v");
	if (t != NULL && t != &tags[0]) {
		*cause = xasprintf(_("v= must be the first tag (RFC 6376 "
		    "3.6.1), but it is at character %zu"), t->column);
		goto fail;
	}
	if (t != NULL && strcmp(t->value, "DKIM1") != 0) {
		*cause = xasprintf(_("v= must be 'DKIM1', not '%s'"),
		    t->value);
		goto fail;
	}
	for (i = 0; i < ntags; i++) {
		found = 0;
		for (j = 0; j < nitems(known); j++) {
			if (strcmp(tags[i].name, known[j]) == 0)
				found = 1;
		}
		if (!found)
			strlist_addf(&out->unknown, "%s=%s", tags[i].name,
			    tags[i].value);
	}
	out->v = dkim_tag_value(tags, ntags, "v");
	out->k = dkim_tag_value(tags, ntags, "k");
	out->h = dkim_tag_value(tags, ntags, "h");
	out->s = dkim_tag_value(tags, ntags, "s");
	out->t = dkim_tag_value(tags, ntags, "t");
	out->n = dkim_tag_value(tags, ntags, "n");
	if (out->k == NULL)
		out->k = xstrdup("rsa");
	else if (strcmp(out->k, "rsa") != 0 &&
	    strcmp(out->k, "ed25519") != 0) {
		*cause = xasprintf(_("k= must be 'rsa' or 'ed25519', not "
		    "'%s'"), out->k);
		goto fail;
	}
	t = dkim_tag_find(tags, ntags, "p");
	if (t == NULL) {
		if (dkim_tag_find(tags, ntags, "P") != NULL)
			*cause = xstrdup(_("p= is missing: tag names are "
			    "case-sensitive, and 'P=' is not 'p='"));
		else
			*cause = xstrdup(_("p= is missing: a DKIM key record "
			    "must hold the public key"));
		goto fail;
	}
	if (dkim_check_lists(out, cause) != 0)
		goto fail;
	buf_init(&b);
	for (i = 0; t->value[i] != '\0'; i++) {
		if (!TAGLIST_FWS(t->value[i]))
			buf_putc(&b, t->value[i]);
	}
	out->p = buf_detach(&b);
	if (*out->p == '\0') {
		out->revoked = 1;
		taglist_free(tags, ntags);
		return 0;
	}
	if (dkim_key_read(out, t->value, cause) != 0)
		goto fail;
	taglist_free(tags, ntags);
	return 0;

fail:
	taglist_free(tags, ntags);
	dkim_key_free(out);
	return -1;
}

/* Release a parsed key record. */
void
dkim_key_free(struct dkim_key *key)
{
	free(key->v);
	free(key->k);
	free(key->h);
	free(key->s);
	free(key->t);
	free(key->n);
	free(key->p);
	free(key->der);
	strlist_free(&key->unknown);
	strlist_free(&key->notes);
	memset(key, 0, sizeof *key);
}

/* Tell whether an RSA key is too short for receivers (RFC 8301 3.2). */
int
dkim_key_weak(const struct dkim_key *key)
{
	if (key->revoked || key->k == NULL || strcmp(key->k, "rsa") != 0)
		return 0;
	return key->bits > 0 && key->bits < DKIM_WEAK_BITS;
}

/* Check a selector: dot-separated labels of letters, digits and hyphens. */
int
dkim_selector_valid(const char *sel, char **cause)
{
	const char *s, *label;
	size_t len;
	char *what, *lower;

	if (*sel == '\0') {
		*cause = xstrdup(_("the selector is empty"));
		return -1;
	}
	lower = str_lower(sel);
	if (str_casesuffix(lower, "._domainkey") ||
	    strstr(lower, "._domainkey.") != NULL) {
		*cause = xasprintf(_("selector '%s' includes '._domainkey': "
		    "the selector is only the part before it"), sel);
		free(lower);
		return -1;
	}
	free(lower);
	if (strlen(sel) > 253) {
		*cause = xasprintf(_("selector '%.20s...' is longer than a "
		    "DNS name can be"), sel);
		return -1;
	}
	s = sel;
	for (;;) {
		label = s;
		while (TAGLIST_ALPHA(*s) || TAGLIST_DIGIT(*s) || *s == '-')
			s++;
		len = (size_t)(s - label);
		if (*s != '\0' && *s != '.') {
			what = taglist_byte_show((unsigned char)*s);
			*cause = xasprintf(_("selector '%s' contains %s: only "
			    "letters, digits, '-' and '.' are allowed"), sel,
			    what);
			free(what);
			return -1;
		}
		if (len == 0) {
			*cause = xasprintf(_("selector '%s' has an empty label"
			    " (a leading, trailing or doubled '.')"), sel);
			return -1;
		}
		if (len > 63) {
			*cause = xasprintf(_("selector '%s' has a label "
			    "longer than 63 characters"), sel);
			return -1;
		}
		if (label[0] == '-' || label[len - 1] == '-') {
			*cause = xasprintf(_("selector '%s' has a label that "
			    "starts or ends with '-'"), sel);
			return -1;
		}
		if (*s == '\0')
			return 0;
		s++;
	}
}
