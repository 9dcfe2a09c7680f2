/* wizstate.c - the wizard's answers saved, so `mailwiz --resume` reopens it */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "wizstate.h"

/*
 * The file is text, one "key value" a line between a version line and an
 * "end" line (so a file cut at a line boundary is seen as cut):
 *
 *	mailwiz-wizard 1
 *	feature notification
 *	dkim abc._domainkey%09CNAME%09abc.dkim.amazonses.com%0A...
 *	end
 *
 * Values are UTF-8 with '%', control characters and any byte that is not
 * UTF-8 written as %XX. A key that is absent is a NULL answer; "key " with
 * nothing after the space is an empty one. The lists repeat their key once
 * per item.
 */
#define WIZSTATE_MAGIC "mailwiz-wizard"
#define WIZSTATE_VERSION "1"
#define WIZSTATE_MAX_SIZE (4 * 1024 * 1024)

enum wizstate_kind {
	WIZSTATE_STRING,
	WIZSTATE_LIST,
	WIZSTATE_SCREEN,
	WIZSTATE_FLAG,
	WIZSTATE_TIME
};

static const struct wizstate_key {
	const char *name;
	enum wizstate_kind kind;
	size_t offset;
} wizstate_keys[] = {
	{ "feature", WIZSTATE_STRING, offsetof(struct wizstate, feature) },
	{ "server", WIZSTATE_STRING, offsetof(struct wizstate, server) },
	{ "provider", WIZSTATE_STRING, offsetof(struct wizstate, provider) },
	{ "domain", WIZSTATE_STRING, offsetof(struct wizstate, domain) },
	{ "provider-id", WIZSTATE_LIST,
	    offsetof(struct wizstate, provider_ids) },
	{ "ip", WIZSTATE_LIST, offsetof(struct wizstate, ips) },
	{ "dkim", WIZSTATE_STRING, offsetof(struct wizstate, dkim_text) },
	{ "dmarc-rua", WIZSTATE_STRING, offsetof(struct wizstate, dmarc_rua) },
	{ "export-format", WIZSTATE_STRING,
	    offsetof(struct wizstate, export_format) },
	{ "export-path", WIZSTATE_STRING,
	    offsetof(struct wizstate, export_path) },
	{ "exported", WIZSTATE_LIST, offsetof(struct wizstate, exported) },
	{ "resolver", WIZSTATE_LIST, offsetof(struct wizstate, resolvers) },
	{ "screen", WIZSTATE_SCREEN, offsetof(struct wizstate, screen) },
	{ "dashboard-started", WIZSTATE_FLAG,
	    offsetof(struct wizstate, dashboard_started) },
	{ "saved-at", WIZSTATE_TIME, offsetof(struct wizstate, saved_at) },
};

/* The default state file. */
char *
wizstate_default_path(void)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/mailwiz/wizard.state", xdg);
	if (home != NULL && *home != '\0')
		return xasprintf("%s/.local/state/mailwiz/wizard.state", home);
	return NULL;
}

/* Append a value: UTF-8 as it is; '%', control characters and bytes that
   are not UTF-8 (a paste in Latin-1) %-escaped, so any text comes back. */
static void
put_escaped(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	while (*p != '\0') {
		n = utf8_len((const char *)p);
		if (*p == '%' || *p < 0x20 || *p == 0x7f || n == 0) {
			buf_printf(b, "%%%02X", *p);
			p++;
			continue;
		}
		buf_add(b, (const char *)p, n);
		p += n;
	}
}

/* The value of one hexadecimal digit, or -1. */
static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Undo put_escaped into *out; the reason for people when it cannot. The
   file itself is UTF-8: a byte that is not is damage. */
static const char *
get_escaped(const char *s, char **out)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf b;
	int hi, lo;
	size_t n;

	buf_init(&b);
	while (*p != '\0') {
		if (*p < 0x20 || *p == 0x7f) {
			buf_free(&b);
			return _("a control character that should have been "
			    "escaped");
		}
		n = utf8_len((const char *)p);
		if (n == 0) {
			buf_free(&b);
			return _("text that is not valid UTF-8");
		}
		if (*p != '%') {
			buf_add(&b, (const char *)p, n);
			p += n;
			continue;
		}
		hi = hex_digit((char)p[1]);
		lo = hi == -1 ? -1 : hex_digit((char)p[2]);
		if (hi == -1 || lo == -1 || (hi == 0 && lo == 0)) {
			buf_free(&b);
			return _("a percent sign not followed by two "
			    "hexadecimal digits (other than 00)");
		}
		buf_putc(&b, (char)(hi * 16 + lo));
		p += 3;
	}
	*out = buf_detach(&b);
	return NULL;
}

/* Append one "key value" line. */
static void
put_line(struct buf *b, const char *key, const char *value)
{
	buf_puts(b, key);
	buf_putc(b, ' ');
	put_escaped(b, value);
	buf_putc(b, '\n');
}

/* Save the state atomically, readable by its owner only. */
int
wizstate_save(const char *path, const struct wizstate *st, char **cause)
{
	const struct wizstate_key *k;
	const char *base = (const char *)st;
	const struct strlist *l;
	const char *s;
	struct buf b;
	size_t i, j;
	time_t when;
	int rc;

	if (file_make_parents(path, cause) == -1)
		return -1;
	buf_init(&b);
	buf_puts(&b, WIZSTATE_MAGIC " " WIZSTATE_VERSION "\n");
	for (i = 0; i < nitems(wizstate_keys); i++) {
		k = &wizstate_keys[i];
		switch (k->kind) {
		case WIZSTATE_STRING:
			memcpy(&s, base + k->offset, sizeof s);
			if (s != NULL)
				put_line(&b, k->name, s);
			break;
		case WIZSTATE_LIST:
			l = (const struct strlist *)(base + k->offset);
			for (j = 0; j < l->n; j++)
				put_line(&b, k->name, l->v[j]);
			break;
		case WIZSTATE_SCREEN:
			buf_printf(&b, "%s %d\n", k->name, st->screen < 0 ?
			    0 : st->screen);
			break;
		case WIZSTATE_FLAG:
			buf_printf(&b, "%s %d\n", k->name,
			    st->dashboard_started != 0);
			break;
		case WIZSTATE_TIME:
			when = st->saved_at > 0 ? st->saved_at : time(NULL);
			buf_printf(&b, "%s %lld\n", k->name, (long long)when);
			break;
		}
	}
	buf_puts(&b, "end\n");
	rc = file_write_atomic(path, b.data, b.len, 0600, cause);
	buf_free(&b);
	return rc;
}

/* The key at the start of a line, made safe to quote in a message. */
static char *
quote_key(const char *line, size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < n && i < 40; i++) {
		unsigned char c = (unsigned char)line[i];

		buf_putc(&b, c >= 0x20 && c < 0x7f ? (char)c : '?');
	}
	if (n > 40)
		buf_puts(&b, "...");
	return buf_detach(&b);
}

/* Take one "key value" line into the state; the reason when it cannot. */
static char *
load_line(struct wizstate *st, char *line, unsigned char *seen)
{
	const struct wizstate_key *k = NULL;
	char *base = (char *)st, *value, *text = NULL, *key, *why;
	const char *bad;
	unsigned long v;
	size_t i, keylen;
	char **sp;

	value = strchr(line, ' ');
	keylen = value != NULL ? (size_t)(value - line) : strlen(line);
	for (i = 0; i < nitems(wizstate_keys); i++) {
		if (strlen(wizstate_keys[i].name) == keylen &&
		    strncmp(wizstate_keys[i].name, line, keylen) == 0) {
			k = &wizstate_keys[i];
			break;
		}
	}
	if (k == NULL) {
		key = quote_key(line, keylen);
		why = xasprintf(_("unknown key '%s'"), key);
		free(key);
		return why;
	}
	if (value == NULL)
		return xasprintf(_("'%s' has no value"), k->name);
	value++;
	if (k->kind != WIZSTATE_LIST) {
		if (seen[i])
			return xasprintf(_("'%s' is given twice"), k->name);
		seen[i] = 1;
	}
	switch (k->kind) {
	case WIZSTATE_STRING:
	case WIZSTATE_LIST:
		bad = get_escaped(value, &text);
		if (bad != NULL)
			return xasprintf(_("the value of '%s' has %s"),
			    k->name, bad);
		if (k->kind == WIZSTATE_LIST) {
			strlist_add((struct strlist *)(base + k->offset),
			    text);
			free(text);
		} else {
			sp = (char **)(base + k->offset);
			*sp = text;
		}
		break;
	case WIZSTATE_SCREEN:
		if (parse_uint(value, 0, 1000, &v) == -1)
			return xasprintf(_("'%s' is not a screen number "
			    "(0 to 1000)"), k->name);
		st->screen = (int)v;
		break;
	case WIZSTATE_FLAG:
		if (parse_uint(value, 0, 1, &v) == -1)
			return xasprintf(_("'%s' is not 0 or 1"), k->name);
		st->dashboard_started = (int)v;
		break;
	case WIZSTATE_TIME:
		if (parse_uint(value, 0, LONG_MAX, &v) == -1)
			return xasprintf(_("'%s' is not a time in seconds "
			    "since 1970"), k->name);
		st->saved_at = (time_t)v;
		break;
	}
	return NULL;
}

/* Load a saved state. */
int
wizstate_load(const char *path, struct wizstate *st, char **cause)
{
	unsigned char seen[nitems(wizstate_keys)];
	char *text, *line, *nl, *end, *why = NULL;
	size_t len, magic_len = strlen(WIZSTATE_MAGIC);
	unsigned lineno = 0;
	int ended = 0;

	memset(st, 0, sizeof *st);
	memset(seen, 0, sizeof seen);
	if (file_read(path, &text, &len, cause) == -1)
		return -1;
	if (len > WIZSTATE_MAX_SIZE) {
		*cause = xasprintf(P_("'%s' is too large (%zu byte) to be a "
		    "saved mailwiz wizard", "'%s' is too large (%zu bytes) to "
		    "be a saved mailwiz wizard", len), path, len);
		free(text);
		return -1;
	}
	end = text + len;
	for (line = text; line < end; line = nl + 1) {
		lineno++;
		nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL) {
			why = xstrdup(_("the last line is cut short: the file "
			    "is truncated"));
			goto bad;
		}
		if (memchr(line, '\0', (size_t)(nl - line)) != NULL) {
			why = xstrdup(_("a NUL byte: this is not a saved "
			    "mailwiz wizard"));
			goto bad;
		}
		*nl = '\0';
		if (ended) {
			why = xstrdup(_("text after the 'end' line"));
			goto bad;
		}
		if (lineno == 1) {
			if (strncmp(line, WIZSTATE_MAGIC " ", magic_len + 1) !=
			    0) {
				why = xasprintf(_("not a saved mailwiz wizard "
				    "(the first line is not '%s')"),
				    WIZSTATE_MAGIC " " WIZSTATE_VERSION);
				goto bad;
			}
			if (strcmp(line + magic_len + 1, WIZSTATE_VERSION) !=
			    0) {
				why = xstrdup(_("saved in a format this "
				    "mailwiz does not know (another "
				    "version)"));
				goto bad;
			}
			continue;
		}
		if (strcmp(line, "end") == 0) {
			ended = 1;
			continue;
		}
		why = load_line(st, line, seen);
		if (why != NULL)
			goto bad;
	}
	if (lineno == 0) {
		lineno = 1;
		why = xstrdup(_("the file is empty"));
		goto bad;
	}
	if (!ended) {
		lineno++;
		why = xstrdup(_("the file ends early (no 'end' line): it is "
		    "truncated"));
		goto bad;
	}
	free(text);
	return 0;

bad:
	*cause = xasprintf("%s:%u: %s", path, lineno, why);
	free(why);
	free(text);
	wizstate_free(st);
	return -1;
}

/* Release a state's contents. */
void
wizstate_free(struct wizstate *st)
{
	free(st->feature);
	free(st->server);
	free(st->provider);
	free(st->domain);
	strlist_free(&st->provider_ids);
	strlist_free(&st->ips);
	free(st->dkim_text);
	free(st->dmarc_rua);
	free(st->export_format);
	free(st->export_path);
	strlist_free(&st->exported);
	strlist_free(&st->resolvers);
	memset(st, 0, sizeof *st);
}
