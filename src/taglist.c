/* taglist.c - tag=value lists, as DKIM (RFC 6376 3.2) and DMARC (RFC 7489
   6.4) records write them */
#include <stdlib.h>
#include <string.h>

#include "taglist.h"

/* Tell whether a character is white space in a list read with flags. */
static int
taglist_space(int flags, char c)
{
	if (flags & TAGLIST_CRLF)
		return TAGLIST_FWS(c);
	return TAGLIST_WSP(c);
}

/* Describe one byte for a message: the character itself or its code. */
char *
taglist_byte_show(unsigned char c)
{
	if (c >= 0x21 && c <= 0x7e)
		return xasprintf("'%c'", c);
	return xasprintf(_("byte 0x%02x"), c);
}

/* Release the tags of a record. */
void
taglist_free(struct taglist_tag *tags, size_t ntags)
{
	size_t i;

	for (i = 0; i < ntags; i++) {
		free(tags[i].name);
		free(tags[i].value);
	}
	free(tags);
}

/* Split a record into its tag=value pairs, checking the tag-list syntax. */
int
taglist_split(const char *text, int flags, struct taglist_tag **tagsp,
    size_t *ntagsp, char **cause)
{
	struct taglist_tag *tags = NULL, *t;
	size_t ntags = 0, nlen, col, i;
	const char *s = text, *name, *value, *end;
	char *what;

	for (;;) {
		while (taglist_space(flags, *s))
			s++;
		if (*s == '\0')
			break;
		col = (size_t)(s - text) + 1;
		if (*s == ';') {
			*cause = xasprintf(_("empty tag at character %zu: "
			    "nothing between two ';'"), col);
			goto fail;
		}
		if (!TAGLIST_ALPHA(*s)) {
			what = taglist_byte_show((unsigned char)*s);
			*cause = xasprintf(_("a tag name must start with a "
			    "letter, not %s (character %zu)"), what, col);
			free(what);
			goto fail;
		}
		name = s;
		while (TAGLIST_ALPHA(*s) || TAGLIST_DIGIT(*s) || *s == '_')
			s++;
		nlen = (size_t)(s - name);
		while (taglist_space(flags, *s))
			s++;
		if (*s != '=') {
			if (*s == '\0' || *s == ';')
				*cause = xasprintf(_("tag '%.*s' has no '=' "
				    "(character %zu)"), (int)nlen, name, col);
			else {
				what = taglist_byte_show((unsigned char)*s);
				*cause = xasprintf(_("tag '%.*s' is followed "
				    "by %s where '=' should be (character "
				    "%zu)"), (int)nlen, name, what,
				    (size_t)(s - text) + 1);
				free(what);
			}
			goto fail;
		}
		s++;
		while (taglist_space(flags, *s))
			s++;
		value = s;
		while (*s != '\0' && *s != ';') {
			if (!taglist_space(flags, *s) &&
			    (*s < 0x21 || *s > 0x7e)) {
				what = taglist_byte_show((unsigned char)*s);
				*cause = xasprintf(_("tag '%.*s' contains %s, "
				    "which is not allowed (character %zu)"),
				    (int)nlen, name, what,
				    (size_t)(s - text) + 1);
				free(what);
				goto fail;
			}
			s++;
		}
		end = s;
		while (end > value && taglist_space(flags, end[-1]))
			end--;
		for (i = 0; (flags & TAGLIST_UNIQUE) && i < ntags; i++) {
			if (strlen(tags[i].name) == nlen &&
			    strncmp(tags[i].name, name, nlen) == 0) {
				*cause = xasprintf(_("tag '%.*s' appears more "
				    "than once (RFC 6376 3.2)"), (int)nlen,
				    name);
				goto fail;
			}
		}
		tags = xreallocarray(tags, ntags + 1, sizeof *tags);
		t = &tags[ntags++];
		t->name = xstrndup(name, nlen);
		if (flags & TAGLIST_LOWER) {
			what = t->name;
			t->name = str_lower(what);
			free(what);
		}
		t->value = xstrndup(value, (size_t)(end - value));
		t->column = col;
		if (*s == ';')
			s++;
	}
	if (ntags == 0) {
		*cause = xstrdup(_("the record is empty"));
		goto fail;
	}
	*tagsp = tags;
	*ntagsp = ntags;
	return 0;

fail:
	taglist_free(tags, ntags);
	return -1;
}

/* Cut the next item of a list separated by sep. */
int
taglist_item(const char **sp, char sep, int flags, const char **start,
    size_t *len)
{
	const char *s = *sp, *end;

	while (taglist_space(flags, *s))
		s++;
	*start = s;
	while (*s != '\0' && *s != sep)
		s++;
	end = s;
	while (end > *start && taglist_space(flags, end[-1]))
		end--;
	*len = (size_t)(end - *start);
	if (*s == '\0') {
		*sp = s;
		return 0;
	}
	*sp = s + 1;
	return 1;
}
