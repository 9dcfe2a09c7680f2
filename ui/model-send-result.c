/* model-send-result.c - the test email's progress and result in words:
   the stages as they pass, what the server said, what to do, the summary's
   lines, the conversation */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "loop.h"
#include "smtp.h"

/* What the TLS mode means, in a few words. */
static const char *
send_tls_words(const struct smtp_options *o)
{
	switch (o->tls) {
	case SMTP_TLS_STARTTLS:
		return _("STARTTLS required");
	case SMTP_TLS_IMPLICIT:
		return _("TLS from the first byte");
	case SMTP_TLS_NONE:
		break;
	}
	return _("no TLS");
}

/* The stages as a line of marks: done, under way, failed, skipped, to
   come. */
static char *
send_stages(struct wizard *w, const struct smtp_options *o,
    const struct smtp_result *r)
{
	struct buf b;
	const char *mark;
	int s, running = model_send_running(w);

	buf_init(&b);
	for (s = SMTP_STAGE_CONNECT; s <= SMTP_STAGE_DATA; s++) {
		if ((s == SMTP_STAGE_TLS && o->tls == SMTP_TLS_NONE) ||
		    (s == SMTP_STAGE_AUTH && o->user == NULL))
			mark = "-";
		else if (r->failed == (enum smtp_stage)s)
			mark = ui_glyph(UI_G_ERROR);
		else if (r->delivered || (int)r->reached > s)
			mark = ui_glyph(UI_G_OK);
		else if ((int)r->reached == s && running)
			mark = ui_spinner(loop_now_ms());
		else if ((int)r->reached == s)
			mark = ui_glyph(UI_G_ERROR);
		else
			mark = ui_glyph(UI_G_SEP);
		buf_printf(&b, "%s%s %s", s > SMTP_STAGE_CONNECT ? "  " : "",
		    mark, smtp_stage_label((enum smtp_stage)s));
	}
	return buf_detach(&b);
}

/* What to change on this screen for a failure whose advice names
   send-test's options, or NULL. */
static const char *
send_screen_advice(const struct smtp_result *r)
{
	switch (r->failure) {
	case SMTP_FAIL_TLS_UNTRUSTED:
		return _("On this screen: give the CA certificate in the CA "
		    "file field; ticking insecure skips the check, which is "
		    "dangerous.");
	case SMTP_FAIL_NO_STARTTLS:
	case SMTP_FAIL_TLS_NOT_TLS:
		return _("On this screen: choose the TLS mode and the port "
		    "that go together: STARTTLS on 587, implicit TLS on "
		    "465.");
	case SMTP_FAIL_TIMEOUT:
		return _("The wizard waits 10 s for the connection and 30 s "
		    "for each answer; 'mailwiz send-test' can wait longer "
		    "(--connect-timeout, --timeout).");
	case SMTP_FAIL_AUTH_REQUIRED:
		return _("On this screen: type the user name and the "
		    "password.");
	case SMTP_FAIL_NO_AUTH:
		return _("On this screen: clear the user name and the "
		    "password to send without a login.");
	default:
		return NULL;
	}
}

/* The columns before a result's values: the widest translated label
   (the certificate's details indented by two) and two spaces, at least
   where they are in English. */
static size_t
send_result_column(void)
{
	size_t top, sub;

	top = ui_label_column(smtp_result_labels, SMTP_LABEL_ISSUER, 2, 14,
	    26);
	sub = ui_label_column(smtp_result_labels + SMTP_LABEL_ISSUER, 2, 4, 14,
	    26);
	if (sub > top)
		top = sub;
	return ui_label_column(smtp_result_labels + SMTP_LABEL_TIME, 1, 2, top,
	    26);
}

/* A label of a result padded to col columns (none when blank). */
static char *
send_result_label(size_t i, int blank, size_t col)
{
	struct buf b;
	size_t w;

	buf_init(&b);
	if (i == SMTP_LABEL_ISSUER || i == SMTP_LABEL_EXPIRY)
		buf_puts(&b, "  ");
	if (!blank)
		buf_puts(&b, _(smtp_result_labels[i]));
	w = ui_width(b.data);
	if (w >= col)
		buf_putc(&b, ' ');
	for (; w < col; w++)
		buf_putc(&b, ' ');
	return buf_detach(&b);
}

/* The TLS and certificate lines of a result, values at column col. */
static void
send_tls_lines(struct ui_doc *d, size_t width, const struct smtp_options *o,
    const struct smtp_result *r, size_t col)
{
	static const int cert[] = { SMTP_LABEL_CERT, SMTP_LABEL_ISSUER,
	    SMTP_LABEL_EXPIRY };
	const char *values[3];
	char *s, *label, *rest;
	size_t i;

	rest = send_result_label(SMTP_LABEL_TLS, 1, col);
	label = send_result_label(SMTP_LABEL_TLS, 0, col);
	if (r->tls_version == NULL) {
		if (o->tls == SMTP_TLS_NONE)
			ui_doc_wrap(d, width, UI_A_SELECTED, label, rest,
			    UI_A_WARN, _("none: the password and the message "
			    "crossed the network in clear"));
		free(label);
		free(rest);
		return;
	}
	s = xasprintf("%s%s%s%s", r->tls_version, r->tls_cipher != NULL ?
	    ", " : "", r->tls_cipher != NULL ? r->tls_cipher : "",
	    o->insecure ? _(" (certificate NOT verified)") : "");
	ui_doc_wrap(d, width, UI_A_SELECTED, label, rest, o->insecure ?
	    UI_A_WARN : UI_A_NORMAL, s);
	free(s);
	free(label);
	values[0] = r->cert_subject;
	values[1] = r->cert_issuer;
	values[2] = r->cert_expiry;
	for (i = 0; i < nitems(cert); i++) {
		if (values[i] == NULL)
			continue;
		label = send_result_label((size_t)cert[i], 0, col);
		ui_doc_hard(d, width, UI_A_SELECTED, label, rest,
		    UI_A_NORMAL, values[i]);
		free(label);
	}
	free(rest);
}

/* The result of a send that ended: delivered or not, why, what to do,
   the server's reply, each recipient, TLS, the certificate, the time. */
static void
send_result_lines(struct wizard *w, struct ui_doc *d, size_t width,
    const struct smtp_options *o, const struct smtp_result *r)
{
	const struct smtp_rcpt_result *rc;
	const char *hint;
	char *s, *label, *rest;
	size_t i, col = send_result_column();

	label = xasprintf("%s ", r->delivered ? ui_glyph(UI_G_OK) :
	    ui_glyph(UI_G_ERROR));
	if (r->delivered)
		s = xasprintf(_("Result: %s"), r->diagnosis != NULL ?
		    r->diagnosis : "");
	else
		s = xasprintf(_("Result: NOT delivered, failed at the %s "
		    "stage: %s"), smtp_stage_label(r->failed !=
		    SMTP_STAGE_NONE ? r->failed : r->reached),
		    r->diagnosis != NULL ? r->diagnosis : "");
	ui_doc_wrap(d, width, r->delivered ? UI_A_OK : UI_A_ERROR, label,
	    "  ", r->delivered ? UI_A_OK : UI_A_ERROR, s);
	free(s);
	free(label);
	if (r->advice != NULL)
		ui_doc_wrap(d, width, UI_A_HEADING, _("What to do: "), "  ",
		    UI_A_NORMAL, r->advice);
	hint = send_screen_advice(r);
	if (hint != NULL)
		ui_doc_wrap(d, width, UI_A_NORMAL, "  ", "  ", UI_A_NORMAL,
		    hint);
	rest = send_result_label(SMTP_LABEL_REPLY, 1, col);
	if (r->final_reply != NULL || r->failed_reply != NULL) {
		label = send_result_label(SMTP_LABEL_REPLY, 0, col);
		ui_doc_hard(d, width, UI_A_SELECTED, label, rest,
		    UI_A_NORMAL, r->final_reply != NULL ? r->final_reply :
		    r->failed_reply);
		free(label);
	}
	free(rest);
	/* A recipient's reply wrapped under its address. */
	rest = send_result_label(SMTP_LABEL_RCPTS, 1, col + 2);
	for (i = 0; i < r->nrcpts; i++) {
		rc = &r->rcpts[i];
		s = xasprintf("%s  %s%s%s", rc->address, rc->state == 1 ?
		    _("accepted") : rc->state == 0 ? _("REFUSED") :
		    _("not tried"), rc->reply != NULL ? "  " : "",
		    rc->reply != NULL ? rc->reply : "");
		label = send_result_label(SMTP_LABEL_RCPTS, i > 0, col);
		ui_doc_wrap(d, width, UI_A_SELECTED, label, rest,
		    rc->state == 0 ? UI_A_ERROR : UI_A_NORMAL, s);
		free(label);
		free(s);
	}
	free(rest);
	send_tls_lines(d, width, o, r, col);
	s = xasprintf(_("%.2f s"), (double)r->elapsed_ms / 1000);
	label = send_result_label(SMTP_LABEL_TIME, 0, col);
	ui_doc_add(d, UI_A_NORMAL, "%s%s", label, s);
	free(label);
	free(s);
	if (w->send.test_sim) {
		ui_doc_blank(d);
		ui_doc_wrap(d, width, UI_A_NORMAL, "", "", UI_A_NORMAL,
		    smtp_ses_simulator_note());
	}
	ui_doc_blank(d);
	ui_doc_wrap(d, width, UI_A_DIM, "", "", UI_A_DIM, _("F3 or the "
	    "Transcript button shows the whole SMTP conversation, with the "
	    "credentials masked."));
}

/* The warnings the TLS choices call for, loud. */
static void
send_warnings(struct wizard *w, struct ui_doc *d, size_t width)
{
	struct send_form *f = &w->send;
	char *label = xasprintf("%s ", ui_glyph(UI_G_WARN));

	if (f->tls == SMTP_TLS_NONE)
		ui_doc_wrap(d, width, UI_A_ERROR, label, "  ", UI_A_ERROR,
		    _("NO TLS: the password and the message cross the network "
		    "in clear, readable by anyone on the way. Only for a "
		    "server on your own network."));
	else if (f->insecure)
		ui_doc_wrap(d, width, UI_A_ERROR, label, "  ", UI_A_ERROR,
		    _("INSECURE: the server's certificate is NOT checked. "
		    "Anyone between this machine and the server can pose as "
		    "the server and read the password and the message."));
	free(label);
}

/* What the status area shows: the form's error, warnings, the send in
   progress stage by stage, then its result. */
void
model_send_status(struct wizard *w, struct ui_doc *d, size_t width)
{
	struct send_form *f = &w->send;
	const struct smtp_options *o;
	const struct smtp_result *r;
	char *s, *label, *stages;
	int running = model_send_running(w);

	if (f->error != NULL) {
		label = xasprintf("%s ", ui_glyph(UI_G_ERROR));
		ui_doc_wrap(d, width, UI_A_ERROR, label, "  ", UI_A_ERROR,
		    f->error);
		free(label);
	}
	send_warnings(w, d, width);
	if (f->test == NULL) {
		if (f->error == NULL)
			ui_doc_wrap(d, width, UI_A_NORMAL, "", "", UI_A_DIM,
			    _("Send (Enter in any field) mails a test message "
			    "through this server and shows what the server "
			    "said at each stage; the message lists the DNS "
			    "records your domain should have."));
		return;
	}
	o = smtp_test_options(f->test);
	r = smtp_test_result(f->test);
	if (running && o->user != NULL)
		s = xasprintf(_("Sending through %s (%s, with login)"),
		    smtp_test_url(f->test), send_tls_words(o));
	else if (running)
		s = xasprintf(_("Sending through %s (%s)"),
		    smtp_test_url(f->test), send_tls_words(o));
	else if (o->user != NULL)
		s = xasprintf(_("Sent through %s (%s, with login)"),
		    smtp_test_url(f->test), send_tls_words(o));
	else
		s = xasprintf(_("Sent through %s (%s)"),
		    smtp_test_url(f->test), send_tls_words(o));
	ui_doc_wrap(d, width, UI_A_HEADING, "", "", UI_A_HEADING, s);
	free(s);
	stages = send_stages(w, o, r);
	if (running)
		ui_doc_add(d, UI_A_NORMAL, _("%s   %.1f s"), stages,
		    (double)(loop_now_ms() - f->started) / 1000);
	else
		ui_doc_add(d, UI_A_NORMAL, "%s", stages);
	free(stages);
	if (running)
		return;
	ui_doc_blank(d);
	send_result_lines(w, d, width, o, r);
}

/* The test email's lines for the summary. */
void
model_send_summary(struct wizard *w, struct ui_doc *d, size_t width)
{
	struct send_form *f = &w->send;
	const struct smtp_result *r;
	const char *b = ui_ascii() ? "- " : "\u2022 ";
	char *s, *label;

	if (f->test == NULL) {
		ui_doc_wrap(d, width, UI_A_NORMAL, b, "  ", UI_A_NORMAL,
		    _("not sent: the test email screen sends one through your "
		    "server and shows what the server said"));
		return;
	}
	r = smtp_test_result(f->test);
	if (model_send_running(w)) {
		s = xasprintf(_("sending through %s (%s stage)..."),
		    smtp_test_url(f->test), smtp_stage_label(r->reached));
		label = xasprintf("%s ", ui_spinner(loop_now_ms()));
		ui_doc_wrap(d, width, UI_A_HEADING, label, "  ", UI_A_NORMAL,
		    s);
		free(label);
		free(s);
		return;
	}
	label = xasprintf("%s ", r->delivered ? ui_glyph(UI_G_OK) :
	    ui_glyph(UI_G_ERROR));
	if (r->delivered)
		s = xasprintf(P_("%s through %s to %zu recipient, in %.2f s",
		    "%s through %s to %zu recipients, in %.2f s",
		    r->naccepted), r->diagnosis != NULL ? r->diagnosis : "",
		    smtp_test_url(f->test), r->naccepted,
		    (double)r->elapsed_ms / 1000);
	else
		s = xasprintf(_("NOT delivered through %s, failed at the %s "
		    "stage: %s"), smtp_test_url(f->test),
		    smtp_stage_label(r->failed != SMTP_STAGE_NONE ?
		    r->failed : r->reached), r->diagnosis != NULL ?
		    r->diagnosis : "");
	ui_doc_wrap(d, width, r->delivered ? UI_A_OK : UI_A_ERROR, label,
	    "  ", UI_A_NORMAL, s);
	free(s);
	free(label);
	if (r->delivered && f->test_sim)
		ui_doc_wrap(d, width, UI_A_NORMAL, "  ", "  ", UI_A_NORMAL,
		    _("sent to the SES mailbox simulator: the bounce, "
		    "complaint or out-of-office reply arrives later as an SES "
		    "notification"));
}

/* The conversation of the last send (credentials masked by the engine),
   or NULL before any. */
char *
model_send_transcript(struct wizard *w)
{
	char *text;
	size_t n;

	if (w->send.test == NULL)
		return NULL;
	text = smtp_transcript_text(&smtp_test_result(w->send.test)->
	    transcript);
	n = strlen(text);
	while (n > 0 && text[n - 1] == '\n')
		text[--n] = '\0';
	return text;
}
