/* record.c - the record set: what the administrator must publish */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"

/* Start an empty record set for a domain (A-label and display form). */
void
record_set_init(struct record_set *rs, const char *domain,
    const char *display)
{
	memset(rs, 0, sizeof *rs);
	rs->domain = xstrdup(domain);
	rs->domain_display = xstrdup(display != NULL ? display : domain);
}

/* Release a record set. */
void
record_set_free(struct record_set *rs)
{
	size_t i;

	for (i = 0; i < rs->nrecords; i++) {
		free(rs->records[i].name);
		free(rs->records[i].host);
		free(rs->records[i].type);
		free(rs->records[i].value);
		free(rs->records[i].replaces);
		free(rs->records[i].purpose);
		free(rs->records[i].why);
	}
	free(rs->records);
	for (i = 0; i < rs->nwarnings; i++) {
		free(rs->warnings[i].code);
		free(rs->warnings[i].message);
	}
	free(rs->warnings);
	free(rs->domain);
	free(rs->domain_display);
	free(rs->feature);
	free(rs->server);
	free(rs->provider);
	free(rs->note);
	strlist_free(&rs->spf_mechs);
	memset(rs, 0, sizeof *rs);
}

/*
 * Add a record; host is relative to the domain ("@" for the apex). The name
 * is derived from it. Returns the record so the caller can fill in the rest.
 */
struct record *
record_set_add(struct record_set *rs, const char *host, const char *type,
    const char *value, const char *purpose)
{
	struct record *r;

	rs->records = xreallocarray(rs->records, rs->nrecords + 1,
	    sizeof *rs->records);
	r = &rs->records[rs->nrecords++];
	memset(r, 0, sizeof *r);
	r->host = xstrdup(host);
	if (strcmp(host, "@") == 0)
		r->name = xasprintf("%s.", rs->domain);
	else
		r->name = xasprintf("%s.%s.", host, rs->domain);
	r->type = xstrdup(type);
	r->value = xstrdup(value);
	r->purpose = xstrdup(purpose);
	r->ttl = RECORD_DEFAULT_TTL;
	r->action = RECORD_CREATE;
	return r;
}

/* Add a warning with a stable code and a formatted message. */
void
record_set_warn(struct record_set *rs, const char *code, const char *fmt, ...)
{
	struct warning *w;
	va_list ap;

	rs->warnings = xreallocarray(rs->warnings, rs->nwarnings + 1,
	    sizeof *rs->warnings);
	w = &rs->warnings[rs->nwarnings++];
	w->code = xstrdup(code);
	va_start(ap, fmt);
	w->message = xvasprintf(fmt, ap);
	va_end(ap);
}

/* Name an action as the JSON output spells it. */
const char *
record_action_name(enum record_action a)
{
	switch (a) {
	case RECORD_CREATE:
		return "create";
	case RECORD_REPLACE:
		return "replace";
	case RECORD_KEEP:
		return "keep";
	}
	return "create";
}

/*
 * Split a TXT value into character-strings of at most 255 bytes (RFC 7208
 * 3.3: receivers join them with nothing in between).
 */
void
txt_split(const char *value, struct strlist *out)
{
	size_t len = strlen(value), off = 0, n;

	if (len == 0) {
		strlist_add(out, "");
		return;
	}
	while (off < len) {
		n = len - off > 255 ? 255 : len - off;
		out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
		out->v[out->n++] = xstrndup(value + off, n);
		off += n;
	}
}

/*
 * Quote a TXT value for a master file: split at 255 bytes, each part in
 * double quotes with '"' and '\' escaped, parts separated by a space.
 */
char *
txt_quote(const char *value)
{
	struct strlist parts = { NULL, 0 };
	struct buf b;
	const char *p;
	size_t i;

	txt_split(value, &parts);
	buf_init(&b);
	for (i = 0; i < parts.n; i++) {
		if (i > 0)
			buf_putc(&b, ' ');
		buf_putc(&b, '"');
		for (p = parts.v[i]; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				buf_putc(&b, '\\');
			buf_putc(&b, *p);
		}
		buf_putc(&b, '"');
	}
	strlist_free(&parts);
	return buf_detach(&b);
}
