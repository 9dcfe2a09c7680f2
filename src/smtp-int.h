/* smtp-int.h - what smtp.c, smtp-conv.c and smtp-outcome.c share about a
   running test */
#ifndef MAILWIZ_SMTP_INT_H
#define MAILWIZ_SMTP_INT_H

#include <curl/curl.h>

#include "smtp.h"

/*
 * A test runs in two phases on one connection:
 *
 * 1. libcurl's multi interface with CURLOPT_CONNECT_ONLY: TCP, TLS
 *    (implicit or STARTTLS), EHLO and AUTH. The conversation comes from the
 *    debug callback.
 * 2. mailwiz itself, with curl_easy_send()/curl_easy_recv() on the same
 *    (TLS) connection: MAIL FROM, RCPT TO, DATA, the message, QUIT.
 *
 * Why phase 2 is not libcurl's: libcurl 7.88 reads the reply to the end of
 * the message in a blocking loop (smtp_done), so the screen would freeze
 * while a server scans the message; it also sends MAIL FROM without AUTH
 * when the server offers none. Doing the envelope here keeps every wait on
 * the loop and lets mailwiz stop before MAIL FROM.
 */

enum smtp_phase {
	SMTP_P_IDLE,		/* not started */
	SMTP_P_CONNECT,		/* libcurl: TCP, TLS, EHLO, AUTH */
	SMTP_P_MAIL,		/* ours: waiting for the reply to MAIL */
	SMTP_P_RCPT,
	SMTP_P_DATA,		/* waiting for 354 */
	SMTP_P_BODY,		/* message sent, waiting for the final reply */
	SMTP_P_QUIT,		/* waiting for 221, briefly */
	SMTP_P_OVER
};

struct smtp_test {
	struct loop *loop;
	struct smtp_options o;	/* strings below, owned */
	char *host;
	char *cacert;
	char *user;
	char *password;
	char *from;
	char **to;
	char *subject;
	char *body;
	char *url;
	char *message;		/* CRLF, not dot-stuffed */
	size_t msglen;

	CURLM *multi;
	CURL *easy;
	char errbuf[CURL_ERROR_SIZE];
	int sock;		/* libcurl's socket, or -1 */
	uint64_t timer_at;	/* libcurl's deadline, if timer_set */
	int timer_set;

	smtp_progress_cb progress;
	smtp_done_cb done;
	void *arg;
	int running;
	int notify_pending;	/* done_cb is deferred */
	int notify_off;		/* cancelled: skip done_cb */
	int dead;		/* freed while the call was pending */

	enum smtp_phase phase;
	uint64_t t0;
	uint64_t last_activity;
	uint64_t quit_deadline;
	char last_cmd[16];	/* verb of the last command */
	struct buf reply;	/* the reply being read */
	struct strlist reply_lines;	/* its lines' texts, for EHLO */
	int greeted;
	int bad_reply;		/* a line with no reply code came while
				   libcurl had the connection */
	size_t rcpt_index;
	enum smtp_failure outcome;	/* phase 2's verdict so far */
	struct buf out;		/* phase 2: bytes not sent yet */
	size_t outoff;
	struct buf in;		/* phase 2: bytes of an unfinished line */

	struct smtp_result r;
};

/* smtp.c */
void smtp_set_stage(struct smtp_test *, enum smtp_stage);
void smtp_finish(struct smtp_test *, enum smtp_failure);
int smtp_offers(const struct smtp_result *, const char *);

/* smtp-conv.c */
int smtp_debug(CURL *, curl_infotype, char *, size_t, void *);
void smtp_envelope_start(struct smtp_test *);
void smtp_envelope_io(int, short, void *);

/* smtp-outcome.c */
enum smtp_failure smtp_classify(struct smtp_test *, CURLcode);
enum smtp_stage smtp_failed_stage(const struct smtp_test *,
    enum smtp_failure);
char *smtp_queue_id(const char *);
void smtp_certinfo(struct smtp_test *);

#endif
