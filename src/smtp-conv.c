/* smtp-conv.c - the SMTP conversation: following libcurl through connect,
   TLS and login, then the envelope and the message, sent by mailwiz */
#include <ctype.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "loop.h"
#include "smtp-int.h"

/* How long to wait for the 221 to QUIT once the verdict is known. */
#define SMTP_QUIT_WAIT_MS 2000

static void conv_send(struct smtp_test *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
static void conv_flush(struct smtp_test *);
static void conv_lost(struct smtp_test *, const char *);

/* Whether s starts with prefix. */
static int
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Whether the local part of an address has bytes outside ASCII (the
   domain goes in A-labels): then it needs SMTPUTF8. */
static int
non_ascii(const char *addr)
{
	const char *at = strrchr(addr, '@'), *s;

	for (s = addr; *s != '\0' && (at == NULL || s < at); s++) {
		if ((unsigned char)*s > 0x7f)
			return 1;
	}
	return 0;
}

/* Keep the reply that ended a stage badly. */
static void
conv_failed_reply(struct smtp_test *t, const char *text)
{
	free(t->r.failed_reply);
	t->r.failed_reply = xstrdup(text);
}

/* Say goodbye and wait briefly for the 221; the verdict is in outcome. */
static void
conv_quit(struct smtp_test *t)
{
	uint64_t wait = SMTP_QUIT_WAIT_MS;

	if ((uint64_t)t->o.timeout_ms < wait)
		wait = (uint64_t)t->o.timeout_ms;
	t->phase = SMTP_P_QUIT;
	t->quit_deadline = loop_now_ms() + wait;
	conv_send(t, "QUIT");
}

/* Send the next RCPT TO, or DATA when all were given. */
static void
conv_next_rcpt(struct smtp_test *t)
{
	char *addr;
	int code = 0;

	if (t->rcpt_index < t->r.nrcpts) {
		t->phase = SMTP_P_RCPT;
		addr = smtp_address_ascii(t->to[t->rcpt_index]);
		conv_send(t, "RCPT TO:<%s>", addr);
		free(addr);
		return;
	}
	if (t->r.naccepted == 0) {
		if (t->r.failed_reply != NULL)
			code = (int)strtol(t->r.failed_reply, NULL, 10);
		t->outcome = code == 530 && t->user == NULL ?
		    SMTP_FAIL_AUTH_REQUIRED : SMTP_FAIL_RECIPIENTS;
		conv_quit(t);
		return;
	}
	t->phase = SMTP_P_DATA;
	conv_send(t, "DATA");
}

/* Queue the message, dot-stuffed (RFC 5321 4.5.2), and the final dot. */
static void
conv_send_message(struct smtp_test *t)
{
	const char *p = t->message, *nl;
	size_t before = t->out.len;
	char *info;

	while (*p != '\0') {
		nl = strstr(p, "\r\n");
		if (nl == NULL)
			nl = p + strlen(p);
		if (*p == '.')
			buf_putc(&t->out, '.');
		buf_add(&t->out, p, (size_t)(nl - p));
		buf_puts(&t->out, "\r\n");
		p = *nl == '\0' ? nl : nl + 2;
	}
	buf_puts(&t->out, ".\r\n");
	info = xasprintf(P_("(the message: %zu byte, then \".\")\n",
	    "(the message: %zu bytes, then \".\")\n",
	    t->out.len - before - 3), t->out.len - before - 3);
	smtp_transcript_add(&t->r.transcript, SMTP_LINE_INFO, info,
	    strlen(info), loop_now_ms() - t->t0);
	free(info);
	t->phase = SMTP_P_BODY;
	conv_flush(t);
}

/* Act on a reply during mailwiz's own phase. */
static void
conv_envelope_reply(struct smtp_test *t, int code, const char *text)
{
	struct smtp_rcpt_result *rc;

	switch (t->phase) {
	case SMTP_P_MAIL:
		if (code / 100 == 2) {
			conv_next_rcpt(t);
			break;
		}
		conv_failed_reply(t, text);
		t->outcome = code == 530 && t->user == NULL ?
		    SMTP_FAIL_AUTH_REQUIRED : SMTP_FAIL_SENDER;
		conv_quit(t);
		break;
	case SMTP_P_RCPT:
		rc = &t->r.rcpts[t->rcpt_index++];
		rc->state = code / 100 == 2;
		rc->code = code;
		free(rc->reply);
		rc->reply = xstrdup(text);
		if (rc->state == 1)
			t->r.naccepted++;
		else
			conv_failed_reply(t, text);
		conv_next_rcpt(t);
		break;
	case SMTP_P_DATA:
		if (code == 354) {
			conv_send_message(t);
			break;
		}
		conv_failed_reply(t, text);
		t->outcome = SMTP_FAIL_DATA;
		conv_quit(t);
		break;
	case SMTP_P_BODY:
		free(t->r.final_reply);
		t->r.final_reply = xstrdup(text);
		if (code / 100 == 2) {
			t->r.delivered = 1;
			t->outcome = SMTP_OK;
			smtp_set_stage(t, SMTP_STAGE_DONE);
		} else {
			conv_failed_reply(t, text);
			t->outcome = SMTP_FAIL_DATA;
		}
		conv_quit(t);
		break;
	case SMTP_P_QUIT:
		smtp_finish(t, t->outcome);
		break;
	default:
		break;
	}
}

/* Act on a complete reply to the last command. */
static void
conv_reply(struct smtp_test *t, int code, const char *text)
{
	size_t i;

	if (t->phase >= SMTP_P_MAIL) {
		conv_envelope_reply(t, code, text);
		return;
	}
	if (!t->greeted && t->last_cmd[0] == '\0') {
		t->greeted = 1;
		if (code != 220)
			conv_failed_reply(t, text);
		return;
	}
	if ((strcmp(t->last_cmd, "EHLO") == 0 ||
	    strcmp(t->last_cmd, "HELO") == 0) && code / 100 == 2) {
		strlist_free(&t->r.ehlo);
		/* The first line names the server; the rest are offers. */
		for (i = 1; i < t->reply_lines.n; i++)
			strlist_add(&t->r.ehlo, t->reply_lines.v[i]);
		return;
	}
	if (code / 100 != 2 && code / 100 != 3)
		conv_failed_reply(t, text);
}

/*
 * Take one server line: gather it into its reply. A line that is not a
 * reply line (no code) ends the test: waiting would not make it one.
 */
static void
conv_server_line(struct smtp_test *t, const char *line)
{
	size_t len = strlen(line);
	const char *rest = len > 4 ? line + 4 : "";
	char *text;
	int final, code;

	if (len == 0)
		return;
	if (len < 3 || !isdigit((unsigned char)line[0]) ||
	    !isdigit((unsigned char)line[1]) ||
	    !isdigit((unsigned char)line[2]) ||
	    (line[3] != '\0' && line[3] != ' ' && line[3] != '-')) {
		t->r.garbled = 1;
		if (t->phase >= SMTP_P_MAIL)
			conv_lost(t, _("the server answered something that is "
			    "not SMTP"));
		else if (!t->bad_reply) {
			/* Inside libcurl: the loop ends the test. */
			t->bad_reply = 1;
			free(t->r.error);
			t->r.error = xstrdup(_("the server answered something "
			    "that is not SMTP"));
		}
		return;
	}
	final = line[3] == '\0' || line[3] == ' ';
	if (t->reply.len == 0) {
		/* "250-first" joined with what follows: "250 first ...". */
		buf_add(&t->reply, line, 3);
		if (*rest != '\0') {
			buf_putc(&t->reply, ' ');
			buf_puts(&t->reply, rest);
		}
	} else {
		buf_putc(&t->reply, ' ');
		buf_puts(&t->reply, rest);
	}
	strlist_add(&t->reply_lines, rest);
	if (!final)
		return;
	t->last_activity = loop_now_ms();
	code = (int)strtol(line, NULL, 10);
	text = buf_detach(&t->reply);
	buf_init(&t->reply);
	conv_reply(t, code, text);
	free(text);
	strlist_free(&t->reply_lines);
}

/* Take one client line (masked already): note the command and stage. */
static void
conv_client_line(struct smtp_test *t, const char *line)
{
	size_t n;

	/* The lines inside AUTH are masked: they belong to AUTH. */
	if (strcmp(t->last_cmd, "AUTH") == 0 && starts(line, "****"))
		return;
	n = strcspn(line, " :");
	if (n >= sizeof t->last_cmd)
		n = sizeof t->last_cmd - 1;
	memcpy(t->last_cmd, line, n);
	t->last_cmd[n] = '\0';
	for (n = 0; t->last_cmd[n] != '\0'; n++)
		t->last_cmd[n] = (char)toupper((unsigned char)t->last_cmd[n]);
	if (strcmp(t->last_cmd, "STARTTLS") == 0)
		smtp_set_stage(t, SMTP_STAGE_TLS);
	else if (strcmp(t->last_cmd, "AUTH") == 0)
		smtp_set_stage(t, SMTP_STAGE_AUTH);
	else if (strcmp(t->last_cmd, "MAIL") == 0)
		smtp_set_stage(t, SMTP_STAGE_SENDER);
	else if (strcmp(t->last_cmd, "RCPT") == 0)
		smtp_set_stage(t, SMTP_STAGE_RECIPIENTS);
	else if (strcmp(t->last_cmd, "DATA") == 0)
		smtp_set_stage(t, SMTP_STAGE_DATA);
}

/* Record bytes going one way, then follow the whole lines they made. */
static void
conv_record(struct smtp_test *t, enum smtp_line_dir dir, const char *data,
    size_t len)
{
	struct smtp_transcript *tr = &t->r.transcript;
	size_t before = tr->nlines, after, i;
	const char *text;

	smtp_transcript_add(tr, dir, data, len, loop_now_ms() - t->t0);
	/* Lines added while acting on these are followed by their own
	   call. */
	after = tr->nlines;
	for (i = before; i < after && t->running; i++) {
		text = tr->lines[i].text;
		if (tr->lines[i].dir == SMTP_LINE_SERVER)
			conv_server_line(t, text);
		else if (tr->lines[i].dir == SMTP_LINE_CLIENT)
			conv_client_line(t, text);
	}
}

/* Take one of libcurl's informational lines: connection and TLS events
   go into the transcript, the TLS version into the result. */
static void
conv_info_line(struct smtp_test *t, const char *line)
{
	static const char *keep[] = { "Connected to ", "Failed to connect",
	    "SSL connection using ", "SSL certificate verify",
	    "SSL certificate problem", "SSL: ", "STARTTLS denied",
	    "Connection timed out", "Operation timed out",
	    "server response timeout" };
	const char *p = line, *v, *slash;
	size_t i;
	uint64_t ms = loop_now_ms() - t->t0;

	while (*p == ' ')
		p++;
	if (starts(p, "Connected to ") || strstr(p, "TLS handshake") != NULL) {
		t->r.connected = 1;
		if (t->o.tls == SMTP_TLS_IMPLICIT)
			smtp_set_stage(t, SMTP_STAGE_TLS);
	}
	if (starts(p, "SSL connection using ")) {
		v = p + strlen("SSL connection using ");
		slash = strstr(v, " / ");
		free(t->r.tls_version);
		free(t->r.tls_cipher);
		t->r.tls_version = slash != NULL ?
		    xstrndup(v, (size_t)(slash - v)) : xstrdup(v);
		t->r.tls_cipher = slash != NULL ? xstrdup(slash + 3) : NULL;
	}
	for (i = 0; i < nitems(keep); i++) {
		if (starts(p, keep[i])) {
			smtp_transcript_add(&t->r.transcript, SMTP_LINE_INFO,
			    p, strlen(p), ms);
			smtp_transcript_add(&t->r.transcript, SMTP_LINE_INFO,
			    "\n", 1, ms);
			break;
		}
	}
}

/* libcurl's debug callback: the conversation and connection events. */
int
smtp_debug(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	struct smtp_test *t = arg;
	const char *p, *nl;
	char *line;

	(void)h;
	/*
	 * What the server sends counts once its reply is whole
	 * (conv_server_line): a reply trickling in never ends. libcurl
	 * notes every curl_easy_recv() too: only its own phase counts.
	 */
	if (t->phase < SMTP_P_MAIL && (type == CURLINFO_TEXT ||
	    type == CURLINFO_HEADER_OUT || type == CURLINFO_DATA_OUT ||
	    type == CURLINFO_SSL_DATA_OUT))
		t->last_activity = loop_now_ms();
	switch (type) {
	case CURLINFO_TEXT:
		for (p = data; p < data + size; p = nl + 1) {
			nl = memchr(p, '\n', (size_t)(data + size - p));
			if (nl == NULL)
				break;
			line = xstrndup(p, (size_t)(nl - p));
			conv_info_line(t, line);
			free(line);
		}
		break;
	case CURLINFO_HEADER_IN:
		t->r.connected = 1;
		conv_record(t, SMTP_LINE_SERVER, data, size);
		break;
	case CURLINFO_HEADER_OUT:
		conv_record(t, SMTP_LINE_CLIENT, data, size);
		break;
	default:
		break;
	}
	return 0;
}

/* The server hung up or the connection broke. */
static void
conv_lost(struct smtp_test *t, const char *why)
{
	if (t->phase == SMTP_P_QUIT) {
		smtp_finish(t, t->outcome);
		return;
	}
	free(t->r.error);
	t->r.error = xstrdup(why);
	t->r.lost = 1;
	switch (t->phase) {
	case SMTP_P_MAIL:
		smtp_finish(t, SMTP_FAIL_SENDER);
		break;
	case SMTP_P_RCPT:
		smtp_finish(t, SMTP_FAIL_RECIPIENTS);
		break;
	default:
		smtp_finish(t, SMTP_FAIL_DATA);
		break;
	}
}

/* Send what is queued, as far as the socket takes it. */
static void
conv_flush(struct smtp_test *t)
{
	CURLcode rc;
	size_t n;

	while (t->running && t->outoff < t->out.len) {
		n = 0;
		rc = curl_easy_send(t->easy, t->out.data + t->outoff,
		    t->out.len - t->outoff, &n);
		if (rc == CURLE_AGAIN)
			break;
		if (rc != CURLE_OK) {
			conv_lost(t, curl_easy_strerror(rc));
			return;
		}
		t->outoff += n;
		t->last_activity = loop_now_ms();
	}
	if (!t->running)
		return;
	if (t->outoff == t->out.len) {
		t->out.len = t->outoff = 0;
		t->out.data[0] = '\0';
	}
	loop_watch(t->loop, t->sock, POLLIN | (t->out.len > 0 ? POLLOUT : 0),
	    smtp_envelope_io, t);
}

/* Send one command line, recorded (masked) in the transcript. */
static void
conv_send(struct smtp_test *t, const char *fmt, ...)
{
	va_list ap;
	char *line;

	va_start(ap, fmt);
	line = xvasprintf(fmt, ap);
	va_end(ap);
	buf_puts(&t->out, line);
	buf_puts(&t->out, "\r\n");
	conv_record(t, SMTP_LINE_CLIENT, line, strlen(line));
	conv_record(t, SMTP_LINE_CLIENT, "\n", 1);
	free(line);
	if (t->running)
		conv_flush(t);
}

/* The socket is ready during mailwiz's own phase. */
void
smtp_envelope_io(int fd, short revents, void *arg)
{
	struct smtp_test *t = arg;
	char buf[4096];
	CURLcode rc;
	size_t n;

	(void)fd;
	if (!t->running)
		return;
	if (revents & POLLOUT)
		conv_flush(t);
	if (!t->running || !(revents & (POLLIN | POLLHUP | POLLERR)))
		return;
	/* TLS may hold more than the socket shows: read until AGAIN. */
	while (t->running) {
		n = 0;
		rc = curl_easy_recv(t->easy, buf, sizeof buf, &n);
		if (rc == CURLE_AGAIN)
			break;
		if (rc != CURLE_OK) {
			conv_lost(t, curl_easy_strerror(rc));
			return;
		}
		if (n == 0) {
			conv_lost(t, _("the server closed the connection"));
			return;
		}
		conv_record(t, SMTP_LINE_SERVER, buf, n);
	}
}

/* libcurl connected and logged in: send the envelope ourselves. */
void
smtp_envelope_start(struct smtp_test *t)
{
	curl_socket_t s = CURL_SOCKET_BAD;
	char *from, *size = NULL;
	size_t i;
	int utf8 = non_ascii(t->from);

	if (curl_easy_getinfo(t->easy, CURLINFO_ACTIVESOCKET, &s) !=
	    CURLE_OK || s == CURL_SOCKET_BAD) {
		t->r.error = xstrdup(_("libcurl gave no connection to send "
		    "the message on"));
		smtp_finish(t, SMTP_FAIL_OTHER);
		return;
	}
	t->sock = (int)s;
	t->phase = SMTP_P_MAIL;
	t->last_cmd[0] = '\0';
	buf_init(&t->out);
	t->outoff = 0;
	loop_watch(t->loop, t->sock, POLLIN, smtp_envelope_io, t);

	/* libcurl skips AUTH silently when none is offered: not here. */
	if (t->user != NULL && !smtp_offers(&t->r, "AUTH")) {
		t->outcome = SMTP_FAIL_NO_AUTH;
		conv_quit(t);
		return;
	}
	for (i = 0; i < t->r.nrcpts; i++)
		utf8 |= non_ascii(t->to[i]);
	if (utf8 && !smtp_offers(&t->r, "SMTPUTF8")) {
		t->r.error = xstrdup(_("an address has characters outside "
		    "ASCII and the server does not offer SMTPUTF8"));
		t->outcome = SMTP_FAIL_SENDER;
		conv_quit(t);
		return;
	}
	from = smtp_address_ascii(t->from);
	if (smtp_offers(&t->r, "SIZE"))
		size = xasprintf(" SIZE=%zu", t->msglen);
	conv_send(t, "MAIL FROM:<%s>%s%s", from, size != NULL ? size : "",
	    utf8 ? " SMTPUTF8" : "");
	free(size);
	free(from);
}
