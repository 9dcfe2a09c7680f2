/* cli-send-out.c - `mailwiz send-test`: progress as it goes, and the
   result for people or as JSON */
#include <stdio.h>
#include <stdlib.h>

#include "cli-send.h"
#include "export.h"
#include "smtp.h"

/* Show each stage as it begins. */
void
cli_send_progress(void *arg, struct smtp_test *t, enum smtp_stage stage)
{
	struct send_state *st = arg;

	(void)t;
	if (st->json)
		return;
	switch (stage) {
	case SMTP_STAGE_CONNECT:
		printf(_("  connecting...\n"));
		break;
	case SMTP_STAGE_TLS:
		printf(_("  starting TLS...\n"));
		break;
	case SMTP_STAGE_AUTH:
		printf(_("  logging in...\n"));
		break;
	case SMTP_STAGE_SENDER:
		printf(_("  giving the sender...\n"));
		break;
	case SMTP_STAGE_RECIPIENTS:
		printf(_("  giving the recipients...\n"));
		break;
	case SMTP_STAGE_DATA:
		printf(_("  sending the message...\n"));
		break;
	case SMTP_STAGE_DONE:
	case SMTP_STAGE_NONE:
		break;
	}
	fflush(stdout);
}

/* The test ended. */
void
cli_send_done(void *arg, struct smtp_test *t)
{
	struct send_state *st = arg;

	(void)t;
	st->done = 1;
}

/* Append "key": string-or-null to JSON. */
static void
json_field(struct buf *b, const char *key, const char *value, int comma)
{
	buf_printf(b, "\"%s\": ", key);
	if (value == NULL)
		buf_puts(b, "null");
	else
		export_json_string(b, value);
	if (comma)
		buf_puts(b, ", ");
}

/* The result as one JSON object. */
char *
cli_send_json(const struct smtp_options *o, const struct smtp_result *r,
    int ses, const char *url)
{
	static const char *dirs[] = { "client", "server", "info" };
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_puts(&b, "{");
	json_field(&b, "server", o->host, 1);
	buf_printf(&b, "\"port\": %u, ", o->port != 0 ? o->port :
	    o->tls == SMTP_TLS_IMPLICIT ? SMTP_PORT_SUBMISSIONS :
	    SMTP_PORT_SUBMISSION);
	json_field(&b, "url", url, 1);
	json_field(&b, "tls_mode", smtp_tls_name(o->tls), 1);
	buf_printf(&b, "\"insecure\": %s, ", o->insecure ? "true" : "false");
	json_field(&b, "auth", o->user == NULL ? NULL :
	    o->auth == SMTP_AUTH_PLAIN ? "plain" :
	    o->auth == SMTP_AUTH_LOGIN ? "login" : "auto", 1);
	json_field(&b, "user", o->user, 1);
	json_field(&b, "from", o->from, 1);
	buf_printf(&b, "\"delivered\": %s, \"exit_status\": %d, ",
	    r->delivered ? "true" : "false", smtp_exit_status(r));
	json_field(&b, "stage_reached", smtp_stage_name(r->reached), 1);
	json_field(&b, "stage_failed", r->failed == SMTP_STAGE_NONE ? NULL :
	    smtp_stage_name(r->failed), 1);
	json_field(&b, "failure", smtp_failure_name(r->failure), 1);
	json_field(&b, "final_reply", r->final_reply, 1);
	json_field(&b, "queue_id", r->queue_id, 1);
	json_field(&b, "failed_reply", r->failed_reply, 1);
	json_field(&b, "error", r->error, 1);
	json_field(&b, "diagnosis", r->diagnosis, 1);
	json_field(&b, "advice", r->advice, 1);
	buf_puts(&b, "\"recipients\": [");
	for (i = 0; i < r->nrcpts; i++) {
		buf_puts(&b, i > 0 ? ", {" : "{");
		json_field(&b, "address", r->rcpts[i].address, 1);
		json_field(&b, "status", r->rcpts[i].state == 1 ? "accepted" :
		    r->rcpts[i].state == 0 ? "refused" : "not-tried", 1);
		buf_printf(&b, "\"code\": %d, ", r->rcpts[i].code);
		json_field(&b, "reply", r->rcpts[i].reply, 0);
		buf_puts(&b, "}");
	}
	buf_puts(&b, "], \"tls\": ");
	if (r->tls_version == NULL)
		buf_puts(&b, "null");
	else {
		buf_puts(&b, "{");
		json_field(&b, "version", r->tls_version, 1);
		json_field(&b, "cipher", r->tls_cipher, 1);
		buf_printf(&b, "\"verified\": %s, ", o->insecure ? "false" :
		    "true");
		json_field(&b, "subject", r->cert_subject, 1);
		json_field(&b, "issuer", r->cert_issuer, 1);
		json_field(&b, "start", r->cert_start, 1);
		json_field(&b, "expiry", r->cert_expiry, 0);
		buf_puts(&b, "}");
	}
	buf_printf(&b, ", \"elapsed_ms\": %llu, \"ehlo\": [",
	    (unsigned long long)r->elapsed_ms);
	for (i = 0; i < r->ehlo.n; i++) {
		if (i > 0)
			buf_puts(&b, ", ");
		export_json_string(&b, r->ehlo.v[i]);
	}
	buf_printf(&b, "], \"ses_simulator\": %s, ", ses ? "true" : "false");
	json_field(&b, "ses_note", ses ? smtp_ses_simulator_note() : NULL,
	    1);
	buf_puts(&b, "\"transcript\": [");
	for (i = 0; i < r->transcript.nlines; i++) {
		buf_puts(&b, i > 0 ? ", {" : "{");
		json_field(&b, "dir", dirs[r->transcript.lines[i].dir], 1);
		buf_printf(&b, "\"ms\": %llu, ",
		    (unsigned long long)r->transcript.lines[i].ms);
		json_field(&b, "text", r->transcript.lines[i].text, 0);
		buf_puts(&b, "}");
	}
	buf_puts(&b, "]}\n");
	return buf_detach(&b);
}

/* The indent of the label of line i: the certificate's details go below
   it. */
static size_t
send_label_indent(size_t i)
{
	return i == SMTP_LABEL_ISSUER || i == SMTP_LABEL_EXPIRY ? 4 : 2;
}

/* The column the values start at: after the widest translated label and
   two spaces, at least where they are in English. */
static size_t
send_label_column(void)
{
	size_t i, w, col = 14;

	for (i = 0; i < SMTP_LABEL_COUNT; i++) {
		w = send_label_indent(i) +
		    export_str_width(_(smtp_result_labels[i])) + 2;
		if (w > col)
			col = w;
	}
	return col;
}

/* Print the label of line i padded to col (blank for a line that goes on
   with more of the same). */
static void
send_label(size_t i, int blank, size_t col)
{
	const char *label = blank ? "" : _(smtp_result_labels[i]);
	size_t w = send_label_indent(i) + export_str_width(label);

	printf("%*s%s", (int)send_label_indent(i), "", label);
	for (; w < col; w++)
		putchar(' ');
}

/* The result for people. */
void
cli_send_print(const struct smtp_options *o, const struct smtp_result *r,
    int ses, int transcript)
{
	const struct smtp_rcpt_result *rc;
	struct buf b;
	char *text;
	size_t i, col = send_label_column();

	buf_init(&b);
	buf_putc(&b, '\n');
	if (r->delivered)
		text = xasprintf(_("Result: %s"), r->diagnosis);
	else
		text = xasprintf(_("Result: NOT delivered, failed at the %s "
		    "stage: %s"), smtp_stage_label(r->failed !=
		    SMTP_STAGE_NONE ? r->failed : r->reached), r->diagnosis);
	export_wrap(&b, text, 78, "", "  ");
	free(text);
	if (r->advice != NULL)
		export_wrap(&b, r->advice, 78, _("What to do: "), "  ");
	fputs(b.data, stdout);
	buf_free(&b);
	printf("\n");
	if (r->final_reply != NULL || r->failed_reply != NULL) {
		send_label(SMTP_LABEL_REPLY, 0, col);
		printf("%s\n", r->final_reply != NULL ? r->final_reply :
		    r->failed_reply);
	}
	for (i = 0; i < r->nrcpts; i++) {
		rc = &r->rcpts[i];
		send_label(SMTP_LABEL_RCPTS, i > 0, col);
		printf("%s  %s%s%s\n", rc->address, rc->state == 1 ?
		    _("accepted") : rc->state == 0 ? _("REFUSED") :
		    _("not tried"), rc->reply != NULL ? "  " : "",
		    rc->reply != NULL ? rc->reply : "");
	}
	if (r->tls_version != NULL) {
		send_label(SMTP_LABEL_TLS, 0, col);
		printf("%s%s%s%s\n", r->tls_version,
		    r->tls_cipher != NULL ? ", " : "",
		    r->tls_cipher != NULL ? r->tls_cipher : "",
		    o->insecure ? _(" (certificate NOT verified)") : "");
		if (r->cert_subject != NULL) {
			send_label(SMTP_LABEL_CERT, 0, col);
			printf("%s\n", r->cert_subject);
		}
		if (r->cert_issuer != NULL) {
			send_label(SMTP_LABEL_ISSUER, 0, col);
			printf("%s\n", r->cert_issuer);
		}
		if (r->cert_expiry != NULL) {
			send_label(SMTP_LABEL_EXPIRY, 0, col);
			printf("%s\n", r->cert_expiry);
		}
	} else if (o->tls == SMTP_TLS_NONE) {
		send_label(SMTP_LABEL_TLS, 0, col);
		printf("%s\n", _("none: sent in clear"));
	}
	send_label(SMTP_LABEL_TIME, 0, col);
	printf(_("%.2f s"), (double)r->elapsed_ms / 1000);
	putchar('\n');
	if (ses) {
		buf_init(&b);
		buf_putc(&b, '\n');
		export_wrap(&b, smtp_ses_simulator_note(), 78, "", "");
		fputs(b.data, stdout);
		buf_free(&b);
	}
	else if (smtp_host_is_ses(o->host))
		printf(_("\nTip: --ses-simulator success (or bounce, ooto, "
		    "complaint, suppressionlist)\ntests Amazon SES without "
		    "mailing a real person.\n"));
	if (transcript) {
		text = smtp_transcript_text(&r->transcript);
		printf(_("\nSMTP conversation (credentials masked):\n%s"),
		    text);
		free(text);
	}
}
