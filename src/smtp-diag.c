/* smtp-diag.c - result names, and what a failure means in plain words */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "smtp.h"

/* The stable name of a stage, for JSON and scripts. */
const char *
smtp_stage_name(enum smtp_stage s)
{
	static const char *names[] = { "none", "connect", "tls", "auth",
	    "sender", "recipients", "data", "done" };

	if ((size_t)s >= nitems(names))
		return "none";
	return names[s];
}

/* The labels of a result's lines, in the order of enum smtp_result_label. */
const char *const smtp_result_labels[SMTP_LABEL_COUNT] = {
	/* TRANSLATORS: the labels of the test email's result (send-test
	   and the wizard), each before its value; the values are aligned
	   after the widest label. */
	N_("Server reply"), N_("Recipients"), N_("TLS"), N_("Certificate"),
	N_("issued by"), N_("expires"), N_("Time")
};

/* The name of a stage for people. */
const char *
smtp_stage_label(enum smtp_stage s)
{
	static const char *labels[] = { N_("not started"), N_("connect"),
	    N_("TLS"), N_("login"), N_("sender"), N_("recipients"),
	    N_("message"), N_("delivered") };

	if ((size_t)s >= nitems(labels))
		return _(labels[0]);
	return _(labels[s]);
}

/* The stable name of a failure. */
const char *
smtp_failure_name(enum smtp_failure f)
{
	static const char *names[] = { "ok", "resolve", "refused",
	    "connect", "greeting", "timeout", "no-starttls",
	    "tls-untrusted", "tls-expired", "tls-hostname", "tls-not-tls",
	    "tls", "no-auth", "auth-mechanism", "auth", "auth-required",
	    "sender", "recipients", "data", "cancelled", "other" };

	if ((size_t)f >= nitems(names))
		return "other";
	return names[f];
}

/* The command-line name of a TLS mode. */
const char *
smtp_tls_name(enum smtp_tls t)
{
	switch (t) {
	case SMTP_TLS_STARTTLS:
		return "starttls";
	case SMTP_TLS_IMPLICIT:
		return "implicit";
	case SMTP_TLS_NONE:
		return "none";
	}
	return "starttls";
}

/* The exit status for a result, stage by stage as swaks does. */
int
smtp_exit_status(const struct smtp_result *r)
{
	switch (r->failure) {
	case SMTP_OK:
		return r->delivered ? SMTP_EXIT_DELIVERED : SMTP_EXIT_SYSTEM;
	case SMTP_FAIL_RESOLVE:
	case SMTP_FAIL_REFUSED:
	case SMTP_FAIL_CONNECT:
	case SMTP_FAIL_GREETING:
		return SMTP_EXIT_CONNECT;
	case SMTP_FAIL_TIMEOUT:
		return SMTP_EXIT_TIMEOUT;
	case SMTP_FAIL_NO_STARTTLS:
	case SMTP_FAIL_TLS_UNTRUSTED:
	case SMTP_FAIL_TLS_EXPIRED:
	case SMTP_FAIL_TLS_HOSTNAME:
	case SMTP_FAIL_TLS_NOT_TLS:
	case SMTP_FAIL_TLS:
		return SMTP_EXIT_TLS;
	case SMTP_FAIL_NO_AUTH:
	case SMTP_FAIL_AUTH_MECH:
	case SMTP_FAIL_AUTH:
	case SMTP_FAIL_AUTH_REQUIRED:
		return SMTP_EXIT_AUTH;
	case SMTP_FAIL_SENDER:
		return SMTP_EXIT_SENDER;
	case SMTP_FAIL_RECIPIENTS:
		return SMTP_EXIT_RECIPIENTS;
	case SMTP_FAIL_DATA:
		return SMTP_EXIT_DATA;
	case SMTP_FAIL_CANCELLED:
	case SMTP_FAIL_OTHER:
		break;
	}
	return SMTP_EXIT_SYSTEM;
}

/* Whether the last EHLO answer offered a capability (first word). */
static const char *
ehlo_has(const struct smtp_result *r, const char *cap)
{
	size_t i, n = strlen(cap);

	for (i = 0; i < r->ehlo.n; i++) {
		if (strncasecmp(r->ehlo.v[i], cap, n) == 0 &&
		    (r->ehlo.v[i][n] == '\0' || r->ehlo.v[i][n] == ' ' ||
		    r->ehlo.v[i][n] == '='))
			return r->ehlo.v[i];
	}
	return NULL;
}

/* The server's reply for a message, or libcurl's words, or a default. */
static const char *
what_was_said(const struct smtp_result *r)
{
	if (r->failed_reply != NULL)
		return r->failed_reply;
	if (r->error != NULL && *r->error != '\0')
		return r->error;
	return _("no reason given");
}

/* The last line the server sent, or NULL when it said nothing. */
static const char *
last_words(const struct smtp_result *r)
{
	size_t i;

	for (i = r->transcript.nlines; i > 0; i--) {
		if (r->transcript.lines[i - 1].dir == SMTP_LINE_SERVER)
			return r->transcript.lines[i - 1].text;
	}
	return NULL;
}

/* Add the server's last words to the diagnosis, when it said any. */
static void
add_last_words(struct smtp_result *r)
{
	const char *words = last_words(r);
	char *s;

	if (words == NULL || r->diagnosis == NULL)
		return;
	s = xasprintf(_("%s; the server's last words: '%s'"), r->diagnosis,
	    words);
	free(r->diagnosis);
	r->diagnosis = s;
}

/* Explain a stage that broke off without a reply: the connection ended,
   or what came was not SMTP. */
static void
explain_lost(struct smtp_result *r)
{
	r->diagnosis = xasprintf(_("the %s stage broke off: %s"),
	    smtp_stage_label(r->failed), what_was_said(r));
	if (r->garbled)
		r->advice = xstrdup(_("check the server name and the port: "
		    "this may not be an SMTP server, or something on the way "
		    "changes the conversation"));
	else if (r->failed == SMTP_STAGE_DATA)
		r->advice = xstrdup(_("the server ended the conversation "
		    "before its final answer, so it may or may not have taken "
		    "the message: look in the recipient's mailbox before "
		    "sending again, and ask the server's administrator what "
		    "its logs say"));
	else
		r->advice = xstrdup(_("the server or something on the way (a "
		    "firewall, a proxy) ended the conversation: try again, "
		    "and if it happens again ask the server's administrator "
		    "what its logs say"));
	add_last_words(r);
}

/* The port the test used. */
static unsigned
used_port(const struct smtp_options *o)
{
	if (o->port != 0)
		return o->port;
	return o->tls == SMTP_TLS_IMPLICIT ? SMTP_PORT_SUBMISSIONS :
	    SMTP_PORT_SUBMISSION;
}

/* Say what happened when the message was taken. */
static void
explain_delivered(struct smtp_result *r)
{
	struct buf b;
	size_t i;

	if (r->naccepted == r->nrcpts) {
		r->diagnosis = r->queue_id != NULL ?
		    xasprintf(_("delivered: the server took the message "
		    "(queue id %s)"), r->queue_id) :
		    xstrdup(_("delivered: the server took the message"));
		return;
	}
	buf_init(&b);
	buf_printf(&b, P_("delivered to %zu of %zu recipient; refused:",
	    "delivered to %zu of %zu recipients; refused:", r->nrcpts),
	    r->naccepted, r->nrcpts);
	for (i = 0; i < r->nrcpts; i++) {
		if (r->rcpts[i].state == 0)
			buf_printf(&b, " %s (%s)", r->rcpts[i].address,
			    r->rcpts[i].reply != NULL ? r->rcpts[i].reply :
			    "");
	}
	r->diagnosis = buf_detach(&b);
	r->advice = xstrdup(_("check the refused addresses; the others "
	    "will get the message"));
}

/* Explain a timeout: where it stopped tells why. */
static void
explain_timeout(struct smtp_result *r, const struct smtp_options *o,
    int connected)
{
	unsigned port = used_port(o);
	long cms = o->connect_timeout_ms > 0 ? o->connect_timeout_ms :
	    SMTP_CONNECT_TIMEOUT_MS;
	long rms = o->timeout_ms > 0 ? o->timeout_ms :
	    SMTP_RESPONSE_TIMEOUT_MS;

	if (!connected) {
		r->diagnosis = xasprintf(_("timeout: no connection to %s port "
		    "%u within %.1f s"), o->host, port, (double)cms / 1000);
		r->advice = xasprintf(_("something drops the connection "
		    "instead of refusing it: a firewall on this network or at "
		    "the server; check that port %u is open from here (many "
		    "networks block outgoing ports 25, 465 and 587) or raise "
		    "--connect-timeout"), port);
		return;
	}
	if (r->unfinished)
		r->diagnosis = xasprintf(_("timeout: the server began an "
		    "answer but did not finish it within %.1f s during the %s "
		    "stage"), (double)rms / 1000,
		    smtp_stage_label(r->reached));
	else
		r->diagnosis = xasprintf(_("timeout: the server said nothing "
		    "for %.1f s during the %s stage"), (double)rms / 1000,
		    smtp_stage_label(r->reached));
	add_last_words(r);
	if (r->reached == SMTP_STAGE_CONNECT && o->tls != SMTP_TLS_IMPLICIT &&
	    last_words(r) == NULL)
		r->advice = xasprintf(_("the server accepted the connection "
		    "but sent no greeting; if port %u expects TLS from the "
		    "first byte (usually port 465), use --tls implicit; "
		    "otherwise the server is overloaded: try again or raise "
		    "--timeout"), port);
	else if (r->reached == SMTP_STAGE_DATA)
		r->advice = xstrdup(_("the server is slow or stuck; if it "
		    "had the whole message it may still deliver it, so look "
		    "in the recipient's mailbox before trying again, or raise "
		    "--timeout"));
	else
		r->advice = xstrdup(_("the server is slow or stuck: try "
		    "again later or raise --timeout"));
}

/* Explain a refused or impossible TLS setup. */
static void
explain_tls(struct smtp_result *r, const struct smtp_options *o)
{
	unsigned port = used_port(o);

	switch (r->failure) {
	case SMTP_FAIL_NO_STARTTLS:
		if (ehlo_has(r, "STARTTLS") != NULL) {
			r->diagnosis = xasprintf(_("the server refused "
			    "STARTTLS: %s"), what_was_said(r));
			r->advice = xstrdup(_("the server offers STARTTLS but "
			    "cannot start it; its administrator must fix its "
			    "certificate setup, or try port 465 with --tls "
			    "implicit"));
			break;
		}
		r->diagnosis = xasprintf(_("STARTTLS not offered: %s port %u "
		    "does not offer STARTTLS, so the password and the message "
		    "would cross the network in clear"), o->host, port);
		r->advice = xstrdup(_("use the server's submission port: 587 "
		    "with STARTTLS, or 465 with --tls implicit; sending "
		    "without TLS needs --tls none --insecure and is only for "
		    "servers on your own network"));
		break;
	case SMTP_FAIL_TLS_UNTRUSTED:
		r->diagnosis = xasprintf(_("certificate not trusted: the "
		    "certificate of %s is not signed by an authority this "
		    "machine trusts (%s)"), o->host, what_was_said(r));
		r->advice = xstrdup(_("if the server uses a private or "
		    "self-signed certificate, get its CA certificate from the "
		    "server's administrator and pass it with --cacert FILE; "
		    "--insecure skips the check, but then anyone on the way "
		    "can read the password"));
		break;
	case SMTP_FAIL_TLS_EXPIRED:
		r->diagnosis = xasprintf(_("the certificate of %s has expired "
		    "or is not valid yet (%s)"), o->host, what_was_said(r));
		r->advice = xstrdup(_("the server's administrator must renew "
		    "the certificate; also check this machine's clock"));
		break;
	case SMTP_FAIL_TLS_HOSTNAME:
		r->diagnosis = xasprintf(_("wrong host name: the certificate "
		    "is not for '%s' (%s)"), o->host, what_was_said(r));
		r->advice = xstrdup(_("connect with the host name the "
		    "certificate names, the one your provider documents, not "
		    "an IP address or an alias"));
		break;
	case SMTP_FAIL_TLS_NOT_TLS:
		r->diagnosis = xasprintf(_("port %u does not speak TLS from "
		    "the first byte (%s)"), port, what_was_said(r));
		r->advice = xstrdup(_("this port probably expects STARTTLS: "
		    "use --tls starttls (usually port 587), or --tls implicit "
		    "with port 465"));
		break;
	default:
		r->diagnosis = xasprintf(_("the TLS handshake with %s failed: "
		    "%s"), o->host, what_was_said(r));
		r->advice = xstrdup(_("the server may only accept old TLS "
		    "versions or ciphers this machine refuses; ask its "
		    "administrator, or try the other port (587 with "
		    "STARTTLS, 465 with --tls implicit)"));
		break;
	}
}

/* Explain a refused or impossible login. */
static void
explain_auth(struct smtp_result *r, const struct smtp_options *o)
{
	const char *offered = ehlo_has(r, "AUTH");
	const char *mech = o->auth == SMTP_AUTH_LOGIN ? "LOGIN" : "PLAIN";

	switch (r->failure) {
	case SMTP_FAIL_NO_AUTH:
		r->diagnosis = xasprintf(_("AUTH not offered: a user is set "
		    "but %s offers no login (no AUTH in its EHLO answer); "
		    "mailwiz stopped before MAIL FROM instead of sending "
		    "without logging in"), o->host);
		r->advice = xstrdup(_("check that this is the submission port "
		    "(587 or 465) and not a relay on port 25; if the server "
		    "offers AUTH only after STARTTLS, do not use --tls none; "
		    "if it really takes mail from this machine without a "
		    "login, run again without --user"));
		break;
	case SMTP_FAIL_AUTH_MECH:
		if (offered != NULL)
			offered += strspn(offered + 4, " =") + 4;
		r->diagnosis = xasprintf(_("the server does not offer AUTH "
		    "%s; it offers: %s"), mech, offered != NULL ?
		    offered : _("nothing"));
		r->advice = xstrdup(_("use --auth auto, or pin one of the "
		    "mechanisms it offers"));
		break;
	case SMTP_FAIL_AUTH_REQUIRED:
		r->diagnosis = xasprintf(_("the server wants a login before "
		    "it takes mail: %s"), what_was_said(r));
		r->advice = xstrdup(_("give --user and a password (prompt, "
		    "--password-file or MAILWIZ_SMTP_PASSWORD)"));
		break;
	default:
		r->diagnosis = xasprintf(_("wrong user name or password: the "
		    "server refused the login as '%s' (%s)"),
		    o->user != NULL ? o->user : "", what_was_said(r));
		r->advice = xstrdup(_("check the user name and the password; "
		    "for Amazon SES they are the SMTP credentials made in the "
		    "SES console for this region, not an AWS access key; for "
		    "Microsoft 365 and Google, SMTP AUTH may be off for the "
		    "mailbox or need an app password"));
		break;
	}
}

/* Fill diagnosis and advice from the failure and what was seen. */
void
smtp_explain(struct smtp_result *r, const struct smtp_options *o)
{
	unsigned port = used_port(o);

	free(r->diagnosis);
	free(r->advice);
	r->diagnosis = r->advice = NULL;
	if (r->lost && (r->failure == SMTP_FAIL_AUTH ||
	    r->failure == SMTP_FAIL_SENDER ||
	    r->failure == SMTP_FAIL_RECIPIENTS ||
	    r->failure == SMTP_FAIL_DATA)) {
		explain_lost(r);
		return;
	}
	switch (r->failure) {
	case SMTP_OK:
		if (r->delivered)
			explain_delivered(r);
		else
			r->diagnosis = xstrdup(_("not delivered"));
		break;
	case SMTP_FAIL_RESOLVE:
		r->diagnosis = xasprintf(_("the name '%s' does not resolve to "
		    "an address"), o->host);
		r->advice = xstrdup(_("check the spelling of the server name; "
		    "for Amazon SES it is email-smtp.REGION.amazonaws.com"));
		break;
	case SMTP_FAIL_REFUSED:
		r->diagnosis = xasprintf(_("connection refused: nothing "
		    "listens on %s port %u"), o->host, port);
		r->advice = xstrdup(_("check the port: 587 is for STARTTLS, "
		    "465 for TLS from the first byte (--tls implicit); a "
		    "firewall may also refuse it"));
		break;
	case SMTP_FAIL_CONNECT:
		r->diagnosis = xasprintf(_("cannot connect to %s port %u: %s"),
		    o->host, port, what_was_said(r));
		r->advice = xstrdup(_("check the server name, the port, and "
		    "that this network allows outgoing connections to it"));
		break;
	case SMTP_FAIL_GREETING:
		if (last_words(r) == NULL && r->failed_reply == NULL)
			r->diagnosis = xasprintf(_("the server would not "
			    "talk: it ended the connection before its "
			    "greeting (%s)"), what_was_said(r));
		else
			r->diagnosis = xasprintf(_("the server would not "
			    "talk: %s"), what_was_said(r));
		if (r->garbled)
			r->advice = xstrdup(_("check the server name and the "
			    "port: this may not be an SMTP server, or something "
			    "on the way changes the conversation"));
		else
			r->advice = xstrdup(_("the server does not take mail "
			    "from this machine; ask its administrator"));
		if (r->failed_reply == NULL)
			add_last_words(r);
		break;
	case SMTP_FAIL_TIMEOUT:
		explain_timeout(r, o, r->connected);
		break;
	case SMTP_FAIL_NO_STARTTLS:
	case SMTP_FAIL_TLS_UNTRUSTED:
	case SMTP_FAIL_TLS_EXPIRED:
	case SMTP_FAIL_TLS_HOSTNAME:
	case SMTP_FAIL_TLS_NOT_TLS:
	case SMTP_FAIL_TLS:
		explain_tls(r, o);
		break;
	case SMTP_FAIL_NO_AUTH:
	case SMTP_FAIL_AUTH_MECH:
	case SMTP_FAIL_AUTH:
	case SMTP_FAIL_AUTH_REQUIRED:
		explain_auth(r, o);
		break;
	case SMTP_FAIL_SENDER:
		r->diagnosis = xasprintf(_("the server refused the sender "
		    "<%s>: %s"), o->from, what_was_said(r));
		r->advice = xstrdup(_("the From address must be one this "
		    "account may send as: for Amazon SES, a verified identity "
		    "(the domain or the address) in this region"));
		break;
	case SMTP_FAIL_RECIPIENTS:
		r->diagnosis = xasprintf(_("recipient rejected: the server "
		    "refused every recipient (%s)"), what_was_said(r));
		r->advice = xstrdup(_("check the addresses; in the Amazon SES "
		    "sandbox recipients must be verified too; a server that "
		    "relays only for logged-in users refuses recipients "
		    "without a login"));
		break;
	case SMTP_FAIL_DATA:
		r->diagnosis = xasprintf(_("the server refused the message: "
		    "%s"), what_was_said(r));
		r->advice = xstrdup(_("read the server's reason: a content or "
		    "size policy, or a From address this login may not use"));
		break;
	case SMTP_FAIL_CANCELLED:
		r->diagnosis = xstrdup(_("cancelled before the end"));
		break;
	case SMTP_FAIL_OTHER:
		r->diagnosis = xasprintf(_("the test failed: %s"),
		    what_was_said(r));
		break;
	}
}

/* Release everything a result holds. */
void
smtp_result_free(struct smtp_result *r)
{
	size_t i;

	for (i = 0; i < r->nrcpts; i++) {
		free(r->rcpts[i].address);
		free(r->rcpts[i].reply);
	}
	free(r->rcpts);
	free(r->final_reply);
	free(r->queue_id);
	free(r->failed_reply);
	free(r->error);
	free(r->tls_version);
	free(r->tls_cipher);
	free(r->cert_subject);
	free(r->cert_issuer);
	free(r->cert_start);
	free(r->cert_expiry);
	strlist_free(&r->ehlo);
	free(r->diagnosis);
	free(r->advice);
	smtp_transcript_free(&r->transcript);
	memset(r, 0, sizeof *r);
}
