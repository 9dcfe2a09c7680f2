/* smtp.h - the test email: libcurl's multi interface on mailwiz's loop */
#ifndef MAILWIZ_SMTP_H
#define MAILWIZ_SMTP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util.h"

/*
 * A send-test connects to the administrator's SMTP server, logs in, hands
 * over one message and reports what the server said at every stage. It runs
 * on the shared poll() loop (src/loop.h), so a screen stays live while a slow
 * server thinks:
 *
 *	struct smtp_test *t = smtp_test_new(loop, &opts, &cause);
 *	smtp_test_start(t, progress_cb, done_cb, arg, &cause);
 *	while (!finished)
 *		loop_once(loop, -1);
 *	r = smtp_test_result(t);	(delivered, stages, transcript, ...)
 *	smtp_test_free(t);
 *
 * progress_cb(arg, t, stage) is called as each stage begins, from inside
 * libcurl: it may read the result so far (the transcript grows) but must not
 * free or cancel the test. done_cb(arg, t) is called once, from the loop
 * after the pass in which the test ended; it may free the test.
 * smtp_test_cancel() stops at once and calls neither callback again.
 *
 * libcurl (multi interface, CURLOPT_CONNECT_ONLY) connects, does TLS, EHLO
 * and AUTH; mailwiz then sends MAIL, RCPT, DATA and QUIT itself on the same
 * connection (curl_easy_send/recv), because libcurl 7.88 waits for the
 * reply to the message without the loop, and would send MAIL FROM without
 * AUTH when none is offered (see smtp-int.h). Free the test before the
 * loop. The program should ignore SIGPIPE (mailwiz send-test does).
 *
 * Security: the password is copied, wiped when the test is freed, never put
 * in the result; every client line from AUTH until the server's final answer
 * to it (235, or 4xx/5xx) is masked in the transcript, and any copy of the
 * password or of its base64 forms anywhere in it is masked too.
 */

struct loop;
struct record_set;

enum smtp_tls {
	SMTP_TLS_STARTTLS,	/* smtp://, STARTTLS required (default) */
	SMTP_TLS_IMPLICIT,	/* smtps://, TLS from the first byte */
	SMTP_TLS_NONE		/* no TLS at all: needs insecure */
};

enum smtp_auth {
	SMTP_AUTH_AUTO,		/* libcurl's choice among what is offered */
	SMTP_AUTH_PLAIN,	/* pinned: no fallback */
	SMTP_AUTH_LOGIN
};

#define SMTP_PORT_SUBMISSION 587
#define SMTP_PORT_SUBMISSIONS 465
#define SMTP_CONNECT_TIMEOUT_MS 10000
#define SMTP_RESPONSE_TIMEOUT_MS 30000

struct smtp_options {
	const char *host;	/* name, IPv4 or IPv6 literal (no brackets) */
	unsigned port;		/* 0: 587, or 465 for implicit TLS */
	enum smtp_tls tls;
	int insecure;		/* do not verify certificates (loudly) */
	const char *cacert;	/* PEM file of CAs to trust, or NULL */
	enum smtp_auth auth;
	const char *user;	/* NULL: do not log in */
	const char *password;
	const char *from;	/* envelope sender and From: */
	const char *const *to;	/* envelope recipients and To: */
	size_t nto;
	const char *subject;	/* NULL: a default */
	const char *body;	/* plain text, UTF-8, LF or CRLF; NULL: the
				   generic one of smtp_body_text() */
	long connect_timeout_ms;	/* 0: SMTP_CONNECT_TIMEOUT_MS */
	long timeout_ms;	/* server silence allowed;
				   0: SMTP_RESPONSE_TIMEOUT_MS */
};

enum smtp_stage {
	SMTP_STAGE_NONE,	/* not started */
	SMTP_STAGE_CONNECT,	/* TCP and the server's greeting */
	SMTP_STAGE_TLS,		/* STARTTLS or the implicit handshake */
	SMTP_STAGE_AUTH,
	SMTP_STAGE_SENDER,	/* MAIL FROM */
	SMTP_STAGE_RECIPIENTS,	/* RCPT TO, once per recipient */
	SMTP_STAGE_DATA,	/* DATA, the message, the final reply */
	SMTP_STAGE_DONE		/* the server took the message */
};

enum smtp_failure {
	SMTP_OK,
	SMTP_FAIL_RESOLVE,	/* the host name does not resolve */
	SMTP_FAIL_REFUSED,	/* connection refused */
	SMTP_FAIL_CONNECT,	/* no route, unreachable, reset */
	SMTP_FAIL_GREETING,	/* the server said no (554) or hung up */
	SMTP_FAIL_TIMEOUT,	/* no connection or no answer in time */
	SMTP_FAIL_NO_STARTTLS,	/* STARTTLS required but not offered */
	SMTP_FAIL_TLS_UNTRUSTED,	/* self-signed, unknown issuer */
	SMTP_FAIL_TLS_EXPIRED,	/* expired or not yet valid */
	SMTP_FAIL_TLS_HOSTNAME,	/* certificate for another name */
	SMTP_FAIL_TLS_NOT_TLS,	/* the port does not speak TLS */
	SMTP_FAIL_TLS,		/* any other TLS failure */
	SMTP_FAIL_NO_AUTH,	/* a user is set, the server offers no AUTH */
	SMTP_FAIL_AUTH_MECH,	/* the pinned mechanism is not offered */
	SMTP_FAIL_AUTH,		/* user name or password refused */
	SMTP_FAIL_AUTH_REQUIRED,	/* no user set, the server wants one */
	SMTP_FAIL_SENDER,	/* MAIL FROM refused */
	SMTP_FAIL_RECIPIENTS,	/* every recipient refused */
	SMTP_FAIL_DATA,		/* DATA or the message refused */
	SMTP_FAIL_CANCELLED,
	SMTP_FAIL_OTHER
};

/* Exit statuses of `mailwiz send-test`, in the manner of swaks. */
#define SMTP_EXIT_DELIVERED 0
#define SMTP_EXIT_USAGE 2
#define SMTP_EXIT_SYSTEM 3
#define SMTP_EXIT_CONNECT 20
#define SMTP_EXIT_TLS 21
#define SMTP_EXIT_AUTH 22
#define SMTP_EXIT_SENDER 23
#define SMTP_EXIT_RECIPIENTS 24
#define SMTP_EXIT_DATA 25
#define SMTP_EXIT_TIMEOUT 26

enum smtp_line_dir {
	SMTP_LINE_CLIENT,	/* what mailwiz sent */
	SMTP_LINE_SERVER,	/* what the server answered */
	SMTP_LINE_INFO		/* connection events (TCP, TLS) */
};

struct smtp_line {
	enum smtp_line_dir dir;
	char *text;		/* without CRLF; masked where needed */
	uint64_t ms;		/* since the test started */
};

/* The conversation, masked as it is recorded. */
struct smtp_transcript {
	struct smtp_line *lines;
	size_t nlines;
	int masking;		/* inside an AUTH exchange */
	struct strlist secrets;	/* literal texts never to show */
	struct buf partial[3];	/* an unfinished line per direction */
};

struct smtp_rcpt_result {
	char *address;
	int state;		/* 1 accepted, 0 refused, -1 not tried */
	int code;		/* the reply code, 0 when not tried */
	char *reply;		/* the server's reply, or NULL */
};

struct smtp_result {
	int delivered;		/* the server took the message */
	enum smtp_stage reached;	/* the last stage begun */
	enum smtp_stage failed;	/* the stage that failed, or NONE */
	enum smtp_failure failure;
	int connected;		/* the TCP connection was made */
	int lost;		/* the stage broke off: the connection ended
				   or the answer was not SMTP, no reply */
	int garbled;		/* the server answered something that is
				   not SMTP */
	int unfinished;		/* timed out in the middle of a reply */
	char *final_reply;	/* e.g. "250 2.0.0 Ok: queued as 4F2X1" */
	char *queue_id;		/* from "queued as ID", or NULL */
	char *failed_reply;	/* the reply that ended the test, or NULL */
	char *error;		/* libcurl's message, or NULL */
	struct smtp_rcpt_result *rcpts;
	size_t nrcpts;
	size_t naccepted;
	char *tls_version;	/* "TLSv1.3", or NULL without TLS */
	char *tls_cipher;
	char *cert_subject;	/* the server's certificate, if seen */
	char *cert_issuer;
	char *cert_start;	/* as OpenSSL prints it: "Jun  1 ... GMT" */
	char *cert_expiry;
	int cert_verified;	/* 1 verified, 0 not (--insecure) */
	struct strlist ehlo;	/* capabilities of the last EHLO answer */
	uint64_t elapsed_ms;
	char *diagnosis;	/* what happened, in plain words */
	char *advice;		/* what to do, or NULL */
	struct smtp_transcript transcript;
};

struct smtp_test;

typedef void (*smtp_progress_cb)(void *, struct smtp_test *,
    enum smtp_stage);
typedef void (*smtp_done_cb)(void *, struct smtp_test *);

/* Check the options and prepare the message; NULL with *cause. */
struct smtp_test *smtp_test_new(struct loop *, const struct smtp_options *,
    char **);
/* Connect and send; -1 with *cause when libcurl cannot be set up. */
int smtp_test_start(struct smtp_test *, smtp_progress_cb, smtp_done_cb,
    void *, char **);
/* Stop now; the result says cancelled. No callback follows. */
void smtp_test_cancel(struct smtp_test *);
/* Whether the test is still under way. */
int smtp_test_running(const struct smtp_test *);
/* The result, growing while the test runs (stages, transcript). */
const struct smtp_result *smtp_test_result(const struct smtp_test *);
/* The message as sent (headers and body, CRLF). */
const char *smtp_test_message(const struct smtp_test *);
/* The options as used: defaults filled in (port, timeouts, body). */
const struct smtp_options *smtp_test_options(const struct smtp_test *);
/* The URL libcurl is given, e.g. "smtp://[2001:db8::25]:587". */
const char *smtp_test_url(const struct smtp_test *);
/* Stop if needed and release; safe inside done_cb. */
void smtp_test_free(struct smtp_test *);

/* Names for stages, failures and TLS modes ("connect", "timeout", ...). */
const char *smtp_stage_name(enum smtp_stage);
const char *smtp_stage_label(enum smtp_stage);	/* translated */
const char *smtp_failure_name(enum smtp_failure);
const char *smtp_tls_name(enum smtp_tls);
/* The exit status for a result (SMTP_EXIT_*). */
int smtp_exit_status(const struct smtp_result *);

/* The labelled lines of a result for people (send-test's and the
   wizard's), in order; issuer and expiry are details of the certificate,
   indented below it. */
enum smtp_result_label {
	SMTP_LABEL_REPLY,
	SMTP_LABEL_RCPTS,
	SMTP_LABEL_TLS,
	SMTP_LABEL_CERT,
	SMTP_LABEL_ISSUER,
	SMTP_LABEL_EXPIRY,
	SMTP_LABEL_TIME,
	SMTP_LABEL_COUNT
};
/* Their labels, untranslated (N_()): show them through _(). */
extern const char *const smtp_result_labels[SMTP_LABEL_COUNT];

/* smtp-msg.c: the message. */
struct smtp_message {
	const char *from;
	const char *const *to;
	size_t nto;
	const char *subject;
	const char *body;	/* UTF-8 text, LF or CRLF line ends */
	time_t date;
	const char *message_id;	/* "<id@domain>"; NULL: a random one */
};

/* Check an address for MAIL FROM/RCPT TO: local@domain, no spaces or
   brackets; -1 with *cause. */
int smtp_address_valid(const char *, char **);
/* The address with its domain in A-labels (for the envelope and the
   headers); the local part as given. */
char *smtp_address_ascii(const char *);
/* The domain of an address, in A-labels, lower case; NULL if none. */
char *smtp_address_domain(const char *);
/* "Tue, 26 Nov 2024 10:58:07 +0100" (RFC 5322, local time). */
char *smtp_date(time_t);
/* "<RANDOM.TIME@domain>" from the sender's domain. */
char *smtp_message_id(const char *, time_t);
/* The whole message, CRLF, ready for DATA; NULL with *cause. */
char *smtp_message_build(const struct smtp_message *, char **);
/* Base64 (RFC 4648, padded). */
char *smtp_base64(const unsigned char *, size_t);
/* Quoted-printable (RFC 2045) of UTF-8 text with CRLF line ends. */
char *smtp_quoted_printable(const char *);

/* The SES mailbox simulator: "bounce+x" -> bounce+x@simulator...; NULL
   with *cause for an unknown scenario or a bad label. */
#define SMTP_SES_SIMULATOR_DOMAIN "simulator.amazonses.com"
char *smtp_ses_simulator(const char *, char **);
/* The SES SMTP endpoint of a region ("eu-west-1" ->
   email-smtp.eu-west-1.amazonaws.com); NULL with *cause for a name that
   is not a region. */
char *smtp_ses_endpoint(const char *, char **);
/* Whether the host is an Amazon SES SMTP endpoint. */
int smtp_host_is_ses(const char *);
/* Why simulator messages are accepted and what comes later. */
const char *smtp_ses_simulator_note(void);

/* What the test body says: the server, TLS, login, the time, and the DNS
   records the domain should have (from the plan when rs is not NULL). */
char *smtp_body_text(const struct smtp_options *, const char *,
    const struct record_set *, time_t);

/* smtp-transcript.c: the transcript, credentials masked. */
void smtp_transcript_init(struct smtp_transcript *);
void smtp_transcript_free(struct smtp_transcript *);
/* Never show this text (a password, a base64 credential). */
void smtp_transcript_secret(struct smtp_transcript *, const char *);
/* The password and every base64 form libcurl may send for user/pass. */
void smtp_transcript_credentials(struct smtp_transcript *, const char *,
    const char *);
/* Record bytes going one way; whole lines are kept, masked. Returns the
   number of complete lines added. */
size_t smtp_transcript_add(struct smtp_transcript *, enum smtp_line_dir,
    const char *, size_t, uint64_t);
/* "C: ...", "S: ...", "*  ..." lines. */
char *smtp_transcript_text(const struct smtp_transcript *);

/* smtp-diag.c: the plain-language diagnosis. */
/* Fill diagnosis and advice from the failure and what was seen. */
void smtp_explain(struct smtp_result *, const struct smtp_options *);
void smtp_result_free(struct smtp_result *);

/* cli-send.c: `mailwiz send-test`. */
int cli_send_test(int, char **, const char *);

#endif
