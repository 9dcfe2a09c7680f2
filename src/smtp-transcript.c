/* smtp-transcript.c - the SMTP transcript, with credentials masked */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "smtp.h"

#define SMTP_MASK "****"

/* Start an empty transcript. */
void
smtp_transcript_init(struct smtp_transcript *tr)
{
	size_t i;

	memset(tr, 0, sizeof *tr);
	for (i = 0; i < nitems(tr->partial); i++)
		buf_init(&tr->partial[i]);
}

/* Wipe a string before it is freed: it may have held a secret. */
static void
wipe_free(char *s)
{
	if (s == NULL)
		return;
	explicit_bzero(s, strlen(s));
	free(s);
}

/* Release a transcript, wiping the secrets it was told about. */
void
smtp_transcript_free(struct smtp_transcript *tr)
{
	size_t i;

	for (i = 0; i < tr->nlines; i++)
		free(tr->lines[i].text);
	free(tr->lines);
	for (i = 0; i < tr->secrets.n; i++) {
		wipe_free(tr->secrets.v[i]);
		tr->secrets.v[i] = NULL;
	}
	free(tr->secrets.v);
	for (i = 0; i < nitems(tr->partial); i++) {
		if (tr->partial[i].data != NULL)
			explicit_bzero(tr->partial[i].data,
			    tr->partial[i].size);
		buf_free(&tr->partial[i]);
	}
	memset(tr, 0, sizeof *tr);
}

/* Remember a text that must never appear; the longest come first, so
   that a form containing another (the base64 PLAIN response contains the
   base64 password) is masked whole. */
void
smtp_transcript_secret(struct smtp_transcript *tr, const char *s)
{
	struct strlist *l = &tr->secrets;
	char *tmp;
	size_t i, n;

	if (s == NULL || *s == '\0')
		return;
	n = strlen(s);
	for (i = 0; i < l->n; i++) {
		if (strcmp(l->v[i], s) == 0)
			return;
	}
	strlist_add(l, s);
	for (i = l->n - 1; i > 0 && strlen(l->v[i - 1]) < n; i--) {
		tmp = l->v[i - 1];
		l->v[i - 1] = l->v[i];
		l->v[i] = tmp;
	}
}

/* Add the password, its base64 form (LOGIN) and the PLAIN forms
   "\0user\0pass" and "user\0user\0pass" in base64. */
void
smtp_transcript_credentials(struct smtp_transcript *tr, const char *user,
    const char *password)
{
	unsigned char *raw;
	size_t ul, pl, n;
	char *b;

	if (password == NULL || *password == '\0')
		return;
	ul = user != NULL ? strlen(user) : 0;
	pl = strlen(password);
	smtp_transcript_secret(tr, password);
	b = smtp_base64((const unsigned char *)password, pl);
	smtp_transcript_secret(tr, b);
	wipe_free(b);

	raw = xmalloc(2 * ul + pl + 2);
	n = 0;
	raw[n++] = '\0';
	memcpy(raw + n, user != NULL ? user : "", ul);
	n += ul;
	raw[n++] = '\0';
	memcpy(raw + n, password, pl);
	n += pl;
	b = smtp_base64(raw, n);
	smtp_transcript_secret(tr, b);
	wipe_free(b);

	n = 0;
	memcpy(raw + n, user != NULL ? user : "", ul);
	n += ul;
	raw[n++] = '\0';
	memcpy(raw + n, user != NULL ? user : "", ul);
	n += ul;
	raw[n++] = '\0';
	memcpy(raw + n, password, pl);
	n += pl;
	b = smtp_base64(raw, n);
	smtp_transcript_secret(tr, b);
	wipe_free(b);
	explicit_bzero(raw, n);
	free(raw);
}

/* A copy of a line with every known secret (four bytes or longer:
   shorter ones would blank out ordinary words) replaced by the mask. */
static char *
scrub(const struct smtp_transcript *tr, const char *line)
{
	struct buf b;
	const char *s, *p, *hit;
	char *cur;
	size_t i, n;

	cur = xstrdup(line);
	for (i = 0; i < tr->secrets.n; i++) {
		s = tr->secrets.v[i];
		n = strlen(s);
		if (n < 4 || strstr(cur, s) == NULL)
			continue;
		buf_init(&b);
		p = cur;
		for (hit = strstr(p, s); hit != NULL; hit = strstr(p, s)) {
			buf_add(&b, p, (size_t)(hit - p));
			buf_puts(&b, SMTP_MASK);
			p = hit + n;
		}
		buf_puts(&b, p);
		wipe_free(cur);
		cur = buf_detach(&b);
	}
	return cur;
}

/* Whether a server line ends a reply ("250 ok", not "250-ok"). */
static int
reply_final(const char *line)
{
	if (strlen(line) < 3 || !isdigit((unsigned char)line[0]) ||
	    !isdigit((unsigned char)line[1]) ||
	    !isdigit((unsigned char)line[2]))
		return 0;
	return line[3] == '\0' || line[3] == ' ';
}

/* Mask one client line: from AUTH until the final answer to it. */
static char *
mask_client(struct smtp_transcript *tr, const char *line)
{
	const char *p;

	if (strncasecmp(line, "AUTH", 4) == 0 &&
	    (line[4] == ' ' || line[4] == '\0')) {
		tr->masking = 1;
		p = line + 4;
		while (*p == ' ')
			p++;
		while (*p != '\0' && *p != ' ')
			p++;
		if (*p == '\0')
			return xstrdup(line);
		/* Keep "AUTH PLAIN", hide the initial response. */
		return xasprintf("%.*s " SMTP_MASK, (int)(p - line), line);
	}
	if (tr->masking)
		return xstrdup(SMTP_MASK);
	return xstrdup(line);
}

/* Keep one complete line. */
static void
add_line(struct smtp_transcript *tr, enum smtp_line_dir dir,
    const char *raw, uint64_t ms)
{
	struct smtp_line *l;
	char *text, *clean;

	if (dir == SMTP_LINE_CLIENT)
		text = mask_client(tr, raw);
	else {
		text = xstrdup(raw);
		/* Any answer but 334 ("go on") ends the AUTH exchange. */
		if (dir == SMTP_LINE_SERVER && tr->masking &&
		    reply_final(raw) && strncmp(raw, "334", 3) != 0)
			tr->masking = 0;
	}
	clean = scrub(tr, text);
	wipe_free(text);
	tr->lines = xreallocarray(tr->lines, tr->nlines + 1,
	    sizeof *tr->lines);
	l = &tr->lines[tr->nlines++];
	l->dir = dir;
	l->text = clean;
	l->ms = ms;
}

/* Record bytes going one way; only whole lines are kept. */
size_t
smtp_transcript_add(struct smtp_transcript *tr, enum smtp_line_dir dir,
    const char *data, size_t len, uint64_t ms)
{
	struct buf *p = &tr->partial[dir];
	const char *nl;
	size_t added = 0, n;

	while (len > 0) {
		nl = memchr(data, '\n', len);
		if (nl == NULL) {
			buf_add(p, data, len);
			break;
		}
		n = (size_t)(nl - data);
		buf_add(p, data, n);
		while (p->len > 0 && p->data[p->len - 1] == '\r')
			p->data[--p->len] = '\0';
		add_line(tr, dir, p->data != NULL ? p->data : "", ms);
		added++;
		if (p->data != NULL)
			explicit_bzero(p->data, p->len);
		p->len = 0;
		data = nl + 1;
		len -= n + 1;
	}
	return added;
}

/* The transcript as text, one line each: "C: ", "S: " or "*  ". */
char *
smtp_transcript_text(const struct smtp_transcript *tr)
{
	static const char *prefix[] = { "C: ", "S: ", "*  " };
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < tr->nlines; i++) {
		buf_puts(&b, prefix[tr->lines[i].dir]);
		buf_puts(&b, tr->lines[i].text);
		buf_putc(&b, '\n');
	}
	return buf_detach(&b);
}
