/* model-send.c - the test email: the form prefilled from the path, the
   message sent on the wizard's loop (the screen never waits for the
   server), and what the server said */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui.h"
#include "loop.h"
#include "smtp.h"

#define SEND_PASSWORD_CAP 1024	/* bytes the password field holds */
#define SEND_SENDER "billing"	/* the From address's local part */

/* The SES mailbox simulator's scenarios; the first is "none". */
static const char *const send_scenarios[] = {
	N_("none"), "success", "bounce", "ooto", "complaint", "suppressionlist"
};

/* Set the form up: empty fields, port 587 with STARTTLS. */
void
model_send_init(struct wizard *w)
{
	struct send_form *f = &w->send;

	memset(f, 0, sizeof *f);
	ui_field_init(&f->region);
	ui_field_init(&f->host);
	ui_field_init(&f->port);
	ui_field_init(&f->cafile);
	ui_field_init(&f->user);
	ui_field_init(&f->from);
	ui_field_init(&f->to);
	/* Room for the whole password from the start: a buffer that grew
	   would leave copies of it behind in freed memory. */
	ui_field_init(&f->password);
	free(f->password.text.data);
	f->password.text.data = xcalloc(1, SEND_PASSWORD_CAP);
	f->password.text.size = SEND_PASSWORD_CAP;
	f->password.text.len = 0;
	f->tls = SMTP_TLS_STARTTLS;
	ui_field_set(&f->port, "587");
}

/* Stop the send, wipe the password and release the form. */
void
model_send_free(struct wizard *w)
{
	struct send_form *f = &w->send;

	smtp_test_free(f->test);
	f->test = NULL;
	if (f->password.text.data != NULL)
		explicit_bzero(f->password.text.data, f->password.text.size);
	ui_field_free(&f->password);
	ui_field_free(&f->region);
	ui_field_free(&f->host);
	ui_field_free(&f->port);
	ui_field_free(&f->cafile);
	ui_field_free(&f->user);
	ui_field_free(&f->from);
	ui_field_free(&f->to);
	free(f->auto_host);
	free(f->auto_from);
	free(f->error);
	memset(f, 0, sizeof *f);
}

/* Whether the path sends through Amazon SES (Advanced SMTP, Workflow
   SES): the server is an SES endpoint and the simulator works. */
int
model_send_ses(struct wizard *w)
{
	const struct catalog_server *sv = model_server(w);

	if (sv == NULL || sv->nothing)
		return 0;
	return strcmp(sv->id, "advanced-smtp") == 0 ||
	    strcmp(sv->id, "ses") == 0;
}

/* Whether the path has an SMTP server of the administrator's to test:
   not Zuora's own servers, not Workflow's default From address. */
int
model_send_applies(struct wizard *w)
{
	const struct catalog_server *sv = model_server(w);

	if (sv == NULL || sv->nothing)
		return 0;
	return model_send_ses(w) || sv->needs_provider;
}

/* Put a prefilled value in a field, unless the administrator has changed
   what was prefilled before; takes value. */
static void
send_follow(struct ui_field *fl, char **last, char *value)
{
	int follows;

	if (*last == NULL)
		follows = fl->text.len == 0;
	else
		follows = strcmp(fl->text.data, *last) == 0;
	if (!follows) {
		free(value);
		return;
	}
	ui_field_set(fl, value);
	free(*last);
	*last = value;
}

/* Fill in what the path says: the SES endpoint of the region typed, or
   nothing for a provider (the catalog names no SMTP host), and a From
   address in the domain. Fields the administrator edited are kept. */
void
model_send_prefill(struct wizard *w)
{
	struct send_form *f = &w->send;
	char *host = NULL, *region, *cause = NULL;

	if (model_send_ses(w)) {
		region = model_trimmed(&f->region);
		if (*region != '\0')
			host = smtp_ses_endpoint(region, &cause);
		free(cause);
		free(region);
	}
	send_follow(&f->host, &f->auto_host, host != NULL ? host :
	    xstrdup(""));
	send_follow(&f->from, &f->auto_from, w->ulabel != NULL ?
	    xasprintf("%s@%s", SEND_SENDER, w->ulabel) : xstrdup(""));
}

/* The region changed: the SES endpoint follows it. */
void
model_send_region_changed(struct wizard *w)
{
	model_send_prefill(w);
}

/* The port a TLS mode uses unless told otherwise. */
static unsigned
send_default_port(int tls)
{
	return tls == SMTP_TLS_IMPLICIT ? SMTP_PORT_SUBMISSIONS :
	    SMTP_PORT_SUBMISSION;
}

/* Choose a TLS mode; a default port follows it (465 for implicit TLS,
   else 587), a port typed stays. */
void
model_send_tls_changed(struct wizard *w, int tls)
{
	struct send_form *f = &w->send;
	char *port = model_trimmed(&f->port), *def;

	if (*port == '\0' || strcmp(port, "587") == 0 ||
	    strcmp(port, "465") == 0) {
		def = xasprintf("%u", send_default_port(tls));
		ui_field_set(&f->port, def);
		free(def);
	}
	free(port);
	f->tls = tls;
}

/* How many choices the simulator list has (with "none"). */
size_t
model_send_nscenarios(void)
{
	return nitems(send_scenarios);
}

/* The name of a simulator choice, as shown. */
const char *
model_send_scenario(size_t i)
{
	if (i >= nitems(send_scenarios))
		return "";
	return i == 0 ? _(send_scenarios[0]) : send_scenarios[i];
}

/* Say what is wrong with the form, at the item it is about; takes msg. */
static int
send_error(struct send_form *f, int at, char *msg)
{
	free(f->error);
	f->error = msg;
	f->error_at = at;
	return -1;
}

/* A stage began: show it. */
static void
send_progress(void *arg, struct smtp_test *t, enum smtp_stage stage)
{
	struct wizard *w = arg;

	(void)t;
	(void)stage;
	w->dirty = 1;
}

/* The send ended: show the result (the test is kept for it). */
static void
send_done(void *arg, struct smtp_test *t)
{
	struct wizard *w = arg;

	(void)t;
	w->dirty = 1;
}

/* Collect the recipients typed and the simulator's; -1 with the form's
   error. */
static int
send_recipients(struct wizard *w, struct strlist *to, int *sim)
{
	struct send_form *f = &w->send;
	char *cause = NULL, *addr;
	size_t i;

	*sim = 0;
	model_split(f->to.text.data, to);
	for (i = 0; i < to->n; i++) {
		if (smtp_address_valid(to->v[i], &cause) == -1)
			return send_error(f, SEND_TO, cause);
	}
	if (model_send_ses(w) && f->sim > 0 &&
	    f->sim < nitems(send_scenarios)) {
		addr = smtp_ses_simulator(send_scenarios[f->sim], &cause);
		if (addr == NULL)
			return send_error(f, SEND_SIM, cause);
		strlist_add(to, addr);
		free(addr);
		*sim = 1;
	}
	if (to->n > 0)
		return 0;
	if (model_send_ses(w))
		return send_error(f, SEND_TO, xstrdup(_("type a recipient "
		    "address, or choose a mailbox simulator scenario")));
	return send_error(f, SEND_TO, xstrdup(_("type a recipient address "
	    "(several: separate them with spaces)")));
}

/* Check the server part of the form into o (host and port given back
   for the caller to free); -1 with the form's error. */
static int
send_server(struct wizard *w, struct smtp_options *o, char **host,
    char **cafile)
{
	struct send_form *f = &w->send;
	char *port, *region;
	unsigned long v;
	int rc;

	*host = model_trimmed(&f->host);
	*cafile = NULL;
	if (**host == '\0') {
		region = model_trimmed(&f->region);
		rc = model_send_ses(w) && *region == '\0';
		free(region);
		if (rc)
			return send_error(f, SEND_REGION, xstrdup(_("type the "
			    "AWS region of your SES identity, such as "
			    "eu-west-1: the server name follows it")));
		return send_error(f, SEND_HOST, xstrdup(_("type the name or "
		    "the address of your SMTP server")));
	}
	o->host = *host;
	port = model_trimmed(&f->port);
	if (*port != '\0' && parse_uint(port, 1, 65535, &v) == -1) {
		send_error(f, SEND_PORT, xasprintf(_("'%s' is not a port "
		    "number from 1 to 65535"), port));
		free(port);
		return -1;
	}
	o->port = *port != '\0' ? (unsigned)v : 0;
	free(port);
	o->tls = f->tls;
	o->insecure = f->insecure;
	if (o->tls == SMTP_TLS_NONE && !o->insecure)
		return send_error(f, SEND_TLS, xstrdup(_("without TLS the "
		    "password and the message cross the network in clear, "
		    "readable by anyone on the way: tick insecure to confirm, "
		    "or choose STARTTLS or implicit TLS")));
	*cafile = model_trimmed(&f->cafile);
	if (**cafile != '\0' && access(*cafile, R_OK) == -1)
		return send_error(f, SEND_CAFILE, xasprintf(_("cannot read CA "
		    "file '%s': %s"), *cafile, strerror(errno)));
	o->cacert = **cafile != '\0' ? *cafile : NULL;
	return 0;
}

/* Send the test email with what the form says; -1 with the form's error
   when it cannot be sent. The screen goes on while it is sent. */
int
model_send_start(struct wizard *w)
{
	struct send_form *f = &w->send;
	struct smtp_options o;
	struct strlist to = { NULL, 0 };
	struct smtp_test *t;
	const struct record_set *rs;
	char *host = NULL, *cafile = NULL, *user, *from, *body = NULL;
	char *cause = NULL;
	int rc = -1, sim = 0;

	if (model_send_running(w))
		return 0;
	free(f->error);
	f->error = NULL;
	f->error_at = SEND_NONE;
	memset(&o, 0, sizeof o);
	user = model_trimmed(&f->user);
	from = model_trimmed(&f->from);
	if (send_server(w, &o, &host, &cafile) == -1)
		goto out;
	if (*user != '\0' && f->password.text.len == 0) {
		send_error(f, SEND_PASSWORD, xasprintf(_("type the password "
		    "of '%s'"), user));
		goto out;
	}
	if (*user == '\0' && f->password.text.len > 0) {
		send_error(f, SEND_USER, xstrdup(_("type the user name that "
		    "goes with the password, or clear the password to send "
		    "without a login")));
		goto out;
	}
	if (*user != '\0') {
		o.user = user;
		o.password = f->password.text.data;
	}
	if (smtp_address_valid(from, &cause) == -1) {
		send_error(f, SEND_FROM, cause);
		goto out;
	}
	o.from = from;
	if (send_recipients(w, &to, &sim) == -1)
		goto out;
	o.to = (const char *const *)to.v;
	o.nto = to.n;
	rs = model_plan(w) == 0 ? w->plan : NULL;
	body = smtp_body_text(&o, w->ulabel, rs, time(NULL));
	o.body = body;

	smtp_test_free(f->test);
	f->test = NULL;
	t = smtp_test_new(w->loop, &o, &cause);
	if (t == NULL) {
		send_error(f, SEND_NONE, cause);
		goto out;
	}
	/* A server that hangs up must not kill the wizard mid-write. */
	signal(SIGPIPE, SIG_IGN);
	if (smtp_test_start(t, send_progress, send_done, w, &cause) == -1) {
		smtp_test_free(t);
		send_error(f, SEND_NONE, cause);
		goto out;
	}
	f->test = t;
	f->test_sim = sim;
	f->started = loop_now_ms();
	f->top = 0;
	rc = 0;
out:
	free(host);
	free(cafile);
	free(user);
	free(from);
	free(body);
	strlist_free(&to);
	w->dirty = 1;
	return rc;
}

/* Stop the send in flight. */
void
model_send_stop(struct wizard *w)
{
	if (model_send_running(w))
		smtp_test_cancel(w->send.test);
	w->dirty = 1;
}

/* Whether a send is under way. */
int
model_send_running(struct wizard *w)
{
	return w->send.test != NULL && smtp_test_running(w->send.test);
}

/* Whether the last send was taken by the server. */
int
model_send_delivered(struct wizard *w)
{
	return w->send.test != NULL && !smtp_test_running(w->send.test) &&
	    smtp_test_result(w->send.test)->delivered;
}
