/* smtp.c - the test email over libcurl's multi interface, on the loop */
#include <sys/socket.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "loop.h"
#include "smtp-int.h"

/* Copy a string that may be NULL. */
static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Check the options and prepare the message. */
struct smtp_test *
smtp_test_new(struct loop *l, const struct smtp_options *o, char **cause)
{
	struct smtp_test *t;
	struct smtp_message m;
	const char *host;
	time_t now = time(NULL);
	size_t i, hl;

	host = o->host != NULL ? o->host : "";
	hl = strlen(host);
	if (hl > 2 && host[0] == '[' && host[hl - 1] == ']') {
		host++;
		hl -= 2;
	}
	if (hl == 0 || strcspn(host, " \t\r\n/?#@[]") < hl) {
		*cause = xasprintf(_("'%s' is not a server name or address"),
		    o->host != NULL ? o->host : "");
		return NULL;
	}
	if (o->tls == SMTP_TLS_NONE && !o->insecure) {
		*cause = xstrdup(_("--tls none sends the password and the "
		    "message across the network in clear, readable by anyone "
		    "on the way; add --insecure to confirm that this is what "
		    "you want"));
		return NULL;
	}
	if (o->user != NULL && o->password == NULL) {
		*cause = xasprintf(_("a password is needed for user '%s'"),
		    o->user);
		return NULL;
	}
	if (o->user != NULL && (*o->user == '\0' ||
	    strpbrk(o->user, "\r\n") != NULL ||
	    strpbrk(o->password, "\r\n") != NULL)) {
		*cause = xstrdup(_("the user name and the password cannot be "
		    "empty or have line breaks"));
		return NULL;
	}
	if (o->cacert != NULL && access(o->cacert, R_OK) == -1) {
		*cause = xasprintf(_("cannot read CA file '%s': %s"),
		    o->cacert, strerror(errno));
		return NULL;
	}
	if (o->connect_timeout_ms < 0 || o->timeout_ms < 0) {
		*cause = xstrdup(_("a timeout cannot be negative"));
		return NULL;
	}

	t = xcalloc(1, sizeof *t);
	t->loop = l;
	t->sock = -1;
	t->o = *o;
	t->host = xstrndup(host, hl);
	t->cacert = dup_or_null(o->cacert);
	t->user = dup_or_null(o->user);
	t->password = dup_or_null(o->password);
	t->from = dup_or_null(o->from);
	t->subject = xstrdup(o->subject != NULL ? o->subject :
	    _("mailwiz test message"));
	t->to = xreallocarray(NULL, o->nto + 1, sizeof *t->to);
	for (i = 0; i < o->nto; i++)
		t->to[i] = xstrdup(o->to[i]);
	t->to[o->nto] = NULL;
	t->o.host = t->host;
	t->o.cacert = t->cacert;
	t->o.user = t->user;
	t->o.password = t->password;
	t->o.from = t->from;
	t->o.to = (const char *const *)t->to;
	t->o.subject = t->subject;
	if (t->o.port == 0)
		t->o.port = o->tls == SMTP_TLS_IMPLICIT ?
		    SMTP_PORT_SUBMISSIONS : SMTP_PORT_SUBMISSION;
	if (t->o.connect_timeout_ms == 0)
		t->o.connect_timeout_ms = SMTP_CONNECT_TIMEOUT_MS;
	if (t->o.timeout_ms == 0)
		t->o.timeout_ms = SMTP_RESPONSE_TIMEOUT_MS;
	t->body = o->body != NULL ? xstrdup(o->body) :
	    smtp_body_text(&t->o, NULL, NULL, now);
	t->o.body = t->body;
	buf_init(&t->reply);
	smtp_transcript_init(&t->r.transcript);
	smtp_transcript_credentials(&t->r.transcript, t->user, t->password);

	memset(&m, 0, sizeof m);
	m.from = t->from;
	m.to = t->o.to;
	m.nto = o->nto;
	m.subject = t->subject;
	m.body = t->body;
	m.date = now;
	t->message = smtp_message_build(&m, cause);
	if (t->message == NULL) {
		smtp_test_free(t);
		return NULL;
	}
	t->msglen = strlen(t->message);
	t->url = xasprintf("%s://%s%s%s:%u", o->tls == SMTP_TLS_IMPLICIT ?
	    "smtps" : "smtp", strchr(t->host, ':') != NULL ? "[" : "",
	    t->host, strchr(t->host, ':') != NULL ? "]" : "", t->o.port);

	t->r.rcpts = xcalloc(o->nto, sizeof *t->r.rcpts);
	t->r.nrcpts = o->nto;
	for (i = 0; i < o->nto; i++) {
		t->r.rcpts[i].address = xstrdup(o->to[i]);
		t->r.rcpts[i].state = -1;
	}
	return t;
}

/* Move to a stage and tell the caller. */
void
smtp_set_stage(struct smtp_test *t, enum smtp_stage s)
{
	if (s <= t->r.reached)
		return;
	t->r.reached = s;
	if (t->progress != NULL)
		t->progress(t->arg, t, s);
}

/* Whether the last EHLO answer offers a capability (its first word). */
int
smtp_offers(const struct smtp_result *r, const char *cap)
{
	size_t i, n = strlen(cap);

	for (i = 0; i < r->ehlo.n; i++) {
		if (strncasecmp(r->ehlo.v[i], cap, n) == 0 &&
		    (r->ehlo.v[i][n] == '\0' || r->ehlo.v[i][n] == ' ' ||
		    r->ehlo.v[i][n] == '='))
			return 1;
	}
	return 0;
}

/* libcurl ended its part: go on with the envelope, or report. */
static void
smtp_check_done(struct smtp_test *t)
{
	CURLMsg *m;
	int left;

	while (t->running && t->phase == SMTP_P_CONNECT) {
		m = curl_multi_info_read(t->multi, &left);
		if (m == NULL)
			break;
		if (m->msg != CURLMSG_DONE || m->easy_handle != t->easy)
			continue;
		if (m->data.result == CURLE_OK)
			smtp_envelope_start(t);
		else
			smtp_finish(t, smtp_classify(t, m->data.result));
	}
}

/* A socket libcurl waits on became ready. */
static void
smtp_fd_ready(int fd, short revents, void *arg)
{
	struct smtp_test *t = arg;
	int mask = 0, still;

	if (revents & (POLLIN | POLLHUP))
		mask |= CURL_CSELECT_IN;
	if (revents & POLLOUT)
		mask |= CURL_CSELECT_OUT;
	if (revents & POLLERR)
		mask |= CURL_CSELECT_ERR;
	curl_multi_socket_action(t->multi, fd, mask, &still);
	smtp_check_done(t);
}

/* libcurl says which socket to wait on, and for what. */
static int
smtp_socket_cb(CURL *e, curl_socket_t s, int what, void *arg, void *sockp)
{
	struct smtp_test *t = arg;
	short events = 0;

	(void)e;
	(void)sockp;
	/* Once the envelope is ours, so is the socket. */
	if (t->phase >= SMTP_P_MAIL)
		return 0;
	if (what == CURL_POLL_REMOVE) {
		loop_watch(t->loop, s, 0, NULL, NULL);
		if (t->sock == s)
			t->sock = -1;
		return 0;
	}
	if (what & CURL_POLL_IN)
		events |= POLLIN;
	if (what & CURL_POLL_OUT)
		events |= POLLOUT;
	t->sock = s;
	loop_watch(t->loop, s, events, smtp_fd_ready, t);
	return 0;
}

/* libcurl sets or clears its one deadline. */
static int
smtp_timer_cb(CURLM *m, long timeout_ms, void *arg)
{
	struct smtp_test *t = arg;

	(void)m;
	if (timeout_ms < 0) {
		t->timer_set = 0;
		return 0;
	}
	t->timer_set = 1;
	t->timer_at = loop_now_ms() + (uint64_t)timeout_ms;
	return 0;
}

/* When mailwiz gives up: no connection in time, or a silent server. */
static uint64_t
smtp_deadline(const struct smtp_test *t)
{
	if (t->phase == SMTP_P_QUIT)
		return t->quit_deadline;
	if (!t->r.connected)
		return t->t0 + (uint64_t)t->o.connect_timeout_ms;
	return t->last_activity + (uint64_t)t->o.timeout_ms;
}

/* How long the loop may sleep for this test. */
static int
smtp_hook_timeout(void *arg)
{
	struct smtp_test *t = arg;
	uint64_t now = loop_now_ms(), at;

	if (!t->running)
		return -1;
	if (t->bad_reply)
		return 0;
	at = smtp_deadline(t);
	if (t->timer_set && t->timer_at < at)
		at = t->timer_at;
	if (at <= now)
		return 0;
	return at - now > INT_MAX ? INT_MAX : (int)(at - now);
}

/* Run libcurl's deadline and mailwiz's own. */
static void
smtp_hook_tick(void *arg)
{
	struct smtp_test *t = arg;
	int still;

	if (t->running && t->bad_reply && t->phase == SMTP_P_CONNECT) {
		smtp_finish(t, smtp_classify(t, CURLE_WEIRD_SERVER_REPLY));
		return;
	}
	if (t->running && t->timer_set && loop_now_ms() >= t->timer_at) {
		t->timer_set = 0;
		curl_multi_socket_action(t->multi, CURL_SOCKET_TIMEOUT, 0,
		    &still);
		smtp_check_done(t);
	}
	if (t->running && loop_now_ms() >= smtp_deadline(t)) {
		if (t->phase == SMTP_P_QUIT)
			smtp_finish(t, t->outcome);
		else {
			free(t->r.error);
			t->r.error = xasprintf(_("no answer within %ld ms"),
			    t->r.connected ? t->o.timeout_ms :
			    t->o.connect_timeout_ms);
			t->r.unfinished = t->reply.len > 0 ||
			    t->r.transcript.partial[SMTP_LINE_SERVER].len > 0;
			smtp_finish(t, SMTP_FAIL_TIMEOUT);
		}
	}
}

/* Set up libcurl for the test. */
static int
smtp_setup(struct smtp_test *t, char **cause)
{
	static int curl_ready;
	CURL *e;
	long backstop;

	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			*cause = xstrdup(_("cannot start libcurl"));
			return -1;
		}
		curl_ready = 1;
	}
	t->multi = curl_multi_init();
	t->easy = e = curl_easy_init();
	if (t->multi == NULL || e == NULL) {
		*cause = xstrdup(_("cannot start libcurl"));
		return -1;
	}
	curl_multi_setopt(t->multi, CURLMOPT_SOCKETFUNCTION, smtp_socket_cb);
	curl_multi_setopt(t->multi, CURLMOPT_SOCKETDATA, t);
	curl_multi_setopt(t->multi, CURLMOPT_TIMERFUNCTION, smtp_timer_cb);
	curl_multi_setopt(t->multi, CURLMOPT_TIMERDATA, t);

	curl_easy_setopt(e, CURLOPT_URL, t->url);
	/* libcurl does connect, TLS, EHLO and AUTH; the rest is ours. */
	curl_easy_setopt(e, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(e, CURLOPT_USE_SSL, t->o.tls == SMTP_TLS_NONE ?
	    (long)CURLUSESSL_NONE : (long)CURLUSESSL_ALL);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, t->o.insecure ? 0L : 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, t->o.insecure ? 0L : 2L);
	if (t->cacert != NULL)
		curl_easy_setopt(e, CURLOPT_CAINFO, t->cacert);
	curl_easy_setopt(e, CURLOPT_CERTINFO, 1L);
	if (t->user != NULL) {
		curl_easy_setopt(e, CURLOPT_USERNAME, t->user);
		curl_easy_setopt(e, CURLOPT_PASSWORD, t->password);
		curl_easy_setopt(e, CURLOPT_SASL_IR, 1L);
		if (t->o.auth == SMTP_AUTH_PLAIN)
			curl_easy_setopt(e, CURLOPT_LOGIN_OPTIONS,
			    "AUTH=PLAIN");
		else if (t->o.auth == SMTP_AUTH_LOGIN)
			curl_easy_setopt(e, CURLOPT_LOGIN_OPTIONS,
			    "AUTH=LOGIN");
	}
	/*
	 * mailwiz keeps the documented deadlines itself (smtp_deadline):
	 * libcurl's connect timeout also covers greeting, EHLO, STARTTLS and
	 * AUTH, so it only serves as a backstop here.
	 */
	backstop = t->o.connect_timeout_ms + 6 * t->o.timeout_ms;
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, backstop);
	curl_easy_setopt(e, CURLOPT_SERVER_RESPONSE_TIMEOUT,
	    (t->o.timeout_ms + 999) / 1000 + 1);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, smtp_debug);
	curl_easy_setopt(e, CURLOPT_DEBUGDATA, t);
	return 0;
}

/* Connect and send. */
int
smtp_test_start(struct smtp_test *t, smtp_progress_cb progress,
    smtp_done_cb done, void *arg, char **cause)
{
	if (t->running || t->multi != NULL) {
		*cause = xstrdup(_("this test was started already"));
		return -1;
	}
	if (smtp_setup(t, cause) == -1)
		return -1;
	t->progress = progress;
	t->done = done;
	t->arg = arg;
	t->t0 = t->last_activity = loop_now_ms();
	t->phase = SMTP_P_CONNECT;
	loop_add_hook(t->loop, smtp_hook_timeout, smtp_hook_tick, t);
	if (curl_multi_add_handle(t->multi, t->easy) != CURLM_OK) {
		loop_remove_hook(t->loop, t);
		*cause = xstrdup(_("cannot start libcurl"));
		return -1;
	}
	t->running = 1;
	smtp_set_stage(t, SMTP_STAGE_CONNECT);
	return 0;
}

/* Defer done_cb to after the loop pass; free if freed meanwhile. */
static void
smtp_notify(void *arg)
{
	struct smtp_test *t = arg;

	t->notify_pending = 0;
	if (t->dead) {
		t->dead = 0;
		smtp_test_free(t);
		return;
	}
	if (!t->notify_off && t->done != NULL)
		t->done(t->arg, t);
}

/* The test ended (or mailwiz ended it): fill in the result. */
void
smtp_finish(struct smtp_test *t, enum smtp_failure failure)
{
	struct smtp_result *r = &t->r;

	if (!t->running)
		return;
	t->running = 0;
	t->timer_set = 0;
	r->elapsed_ms = loop_now_ms() - t->t0;
	if (r->error == NULL && t->errbuf[0] != '\0')
		r->error = xstrdup(t->errbuf);
	r->failure = failure;
	r->failed = smtp_failed_stage(t, failure);
	if (failure != SMTP_OK)
		r->delivered = 0;
	r->queue_id = smtp_queue_id(r->final_reply);
	smtp_certinfo(t);
	smtp_explain(r, &t->o);
	/*
	 * Cut the socket before libcurl lets go of it: removing an unfinished
	 * transfer, or closing the connection mailwiz used, makes libcurl
	 * 7.88 send QUIT (or the end-of-data dot) and wait for the reply
	 * without the loop. The conversation is over either way.
	 */
	if (t->sock != -1) {
		loop_watch(t->loop, t->sock, 0, NULL, NULL);
		shutdown(t->sock, SHUT_RDWR);
	}
	t->phase = SMTP_P_OVER;
	curl_multi_remove_handle(t->multi, t->easy);
	t->notify_pending = 1;
	loop_defer(t->loop, smtp_notify, t);
}

/* Stop now; no callback follows. */
void
smtp_test_cancel(struct smtp_test *t)
{
	if (t == NULL)
		return;
	t->notify_off = 1;
	if (t->running)
		smtp_finish(t, SMTP_FAIL_CANCELLED);
}

/* Whether the test is still under way. */
int
smtp_test_running(const struct smtp_test *t)
{
	return t->running;
}

/* The result so far. */
const struct smtp_result *
smtp_test_result(const struct smtp_test *t)
{
	return &t->r;
}

/* The message as sent. */
const char *
smtp_test_message(const struct smtp_test *t)
{
	return t->message;
}

/* The options as used. */
const struct smtp_options *
smtp_test_options(const struct smtp_test *t)
{
	return &t->o;
}

/* The URL given to libcurl. */
const char *
smtp_test_url(const struct smtp_test *t)
{
	return t->url;
}

/* Wipe and free a secret. */
static void
smtp_wipe(char *s)
{
	if (s != NULL) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

/* Stop if needed and release everything. */
void
smtp_test_free(struct smtp_test *t)
{
	size_t i;

	if (t == NULL)
		return;
	if (t->running)
		smtp_test_cancel(t);
	if (t->notify_pending) {
		/* smtp_notify holds the pointer: it frees the test. */
		t->dead = 1;
		t->notify_off = 1;
		return;
	}
	if (t->multi != NULL) {
		loop_remove_hook(t->loop, t);
		curl_multi_cleanup(t->multi);
	}
	if (t->easy != NULL)
		curl_easy_cleanup(t->easy);
	free(t->host);
	free(t->cacert);
	free(t->user);
	smtp_wipe(t->password);
	free(t->from);
	for (i = 0; t->to != NULL && t->to[i] != NULL; i++)
		free(t->to[i]);
	free(t->to);
	free(t->subject);
	free(t->body);
	free(t->url);
	free(t->message);
	buf_free(&t->reply);
	buf_free(&t->in);
	if (t->out.data != NULL)
		explicit_bzero(t->out.data, t->out.size);
	buf_free(&t->out);
	strlist_free(&t->reply_lines);
	smtp_result_free(&t->r);
	free(t);
}
