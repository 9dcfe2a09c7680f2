/* cli-send.c - `mailwiz send-test`: send a real message through the
   administrator's SMTP server and show what the server said */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cli-path.h"
#include "cli-send.h"
#include "domain.h"
#include "loop.h"
#include "record.h"
#include "smtp.h"

/*
 * Exit statuses, stage by stage in the manner of swaks:
 *
 *	0	delivered: the server took the message (even when some, but
 *		not all, recipients were refused: the output lists them)
 *	2	bad input: an option is wrong or missing
 *	3	could not run: libcurl or the system failed, or interrupted
 *	20	connect failed: name, connection refused, no greeting
 *	21	TLS failed: STARTTLS not offered or refused, certificate not
 *		trusted, expired or for another name, handshake failure
 *	22	authentication failed: wrong user name or password, AUTH not
 *		offered although a user is set, mechanism not offered, or
 *		the server wants a login that was not given
 *	23	sender refused (MAIL FROM)
 *	24	recipients refused: every one of them (RCPT TO)
 *	25	message refused (DATA, or the reply after the message)
 *	26	timeout: no connection, or a silent server, in time
 */

static volatile sig_atomic_t send_interrupted;

/* Print the help of `mailwiz send-test`. */
static void
send_usage(void)
{
	printf(_("Usage: mailwiz send-test --server HOST[:PORT] --from ADDR "
	    "--to ADDR [OPTION]...\n"
	    "Send a test message through your SMTP server and show what it "
	    "said at\nevery stage: connection, TLS, login, sender, "
	    "recipients, message.\n\n"
	    "Server:\n"
	    "      --server HOST[:PORT]  SMTP server; IPv6 as [2001:db8::25]"
	    ":587\n"
	    "      --port N            port [587, or 465 with --tls "
	    "implicit]\n"
	    "      --tls MODE          starttls (required, the default), "
	    "implicit\n"
	    "                          (TLS from the first byte) or none "
	    "(needs --insecure)\n"
	    "      --cacert FILE       trust the CA certificates in FILE "
	    "(PEM)\n"
	    "      --insecure          do not verify the certificate "
	    "(dangerous)\n"
	    "      --connect-timeout MS  give up connecting after MS "
	    "milliseconds [10000]\n"
	    "      --timeout MS        give up when the server says nothing "
	    "for MS\n"
	    "                          milliseconds [30000]\n"
	    "Login:\n"
	    "      --user NAME         log in as NAME\n"
	    "      --auth MECH         auto (default), plain or login; a "
	    "pinned\n"
	    "                          mechanism has no fallback\n"
	    "      --password-file FILE  read the password from the first "
	    "line of FILE\n"
	    "                          (else MAILWIZ_SMTP_PASSWORD, else a "
	    "prompt); never\n"
	    "                          on the command line\n"
	    "Message:\n"
	    "      --from ADDR         sender (envelope and From:)\n"
	    "      --to ADDR           recipient (repeatable)\n"
	    "      --ses-simulator SCENARIO[+LABEL]  add an Amazon SES "
	    "mailbox simulator\n"
	    "                          recipient: success, bounce, ooto, "
	    "complaint,\n"
	    "                          suppressionlist (repeatable)\n"
	    "      --subject TEXT      subject [mailwiz test message]\n"
	    "  -d, --domain D          the domain whose DNS records the body "
	    "lists\n"
	    "                          [the domain of --from]\n"
	    "  -f, --feature F, --server-type S, -p, --provider P, "
	    "--provider-id K=V,\n"
	    "      --ip ADDR, --dkim FILE, --dmarc-rua ADDR  the sending path "
	    "(as for\n"
	    "                          'mailwiz plan', whose --server is "
	    "--server-type\n"
	    "                          here): the body then lists the exact "
	    "records\n"
	    "Output:\n"
	    "      --transcript        print the SMTP conversation "
	    "(credentials masked)\n"
	    "      --json              print one JSON object\n"
	    "  -h, --help              show this help and exit\n\n"
	    "Exit status: 0 delivered, 2 bad input, 3 could not run, 20 "
	    "connect failed,\n21 TLS failed, 22 login failed, 23 sender "
	    "refused, 24 every recipient\nrefused, 25 message refused, 26 "
	    "timeout.\n"));
}

/* Remember Ctrl-C or SIGTERM during the test; the loop stops. */
static void
send_on_signal(int sig)
{
	(void)sig;
	send_interrupted = 1;
}

/* Split "HOST", "HOST:PORT", "[V6]", "[V6]:PORT" or a bare IPv6. */
static int
parse_server(const char *spec, char **host, unsigned *port, char **cause)
{
	const char *colon, *end, *portstr = NULL;
	unsigned long v;

	*port = 0;
	if (*spec == '[') {
		end = strchr(spec, ']');
		if (end == NULL || end == spec + 1) {
			*cause = xasprintf(_("--server '%s' has '[' without "
			    "']'; write IPv6 as [2001:db8::25]:587"), spec);
			return -1;
		}
		if (end[1] == ':')
			portstr = end + 2;
		else if (end[1] != '\0') {
			*cause = xasprintf(_("--server '%s': expected ':PORT' "
			    "after ']'"), spec);
			return -1;
		}
		*host = xstrndup(spec + 1, (size_t)(end - spec - 1));
	} else {
		colon = strchr(spec, ':');
		if (colon != NULL && strchr(colon + 1, ':') == NULL) {
			*host = xstrndup(spec, (size_t)(colon - spec));
			portstr = colon + 1;
		} else
			*host = xstrdup(spec);
	}
	if (**host == '\0') {
		*cause = xasprintf(_("--server '%s' names no host"), spec);
		free(*host);
		*host = NULL;
		return -1;
	}
	if (portstr != NULL) {
		if (parse_uint(portstr, 1, 65535, &v) == -1) {
			*cause = xasprintf(_("--server '%s': port '%s' is not "
			    "a number from 1 to 65535"), spec, portstr);
			free(*host);
			*host = NULL;
			return -1;
		}
		*port = (unsigned)v;
	}
	return 0;
}

/* Say --server-type where plan's messages say --server: here --server
   is the SMTP server. */
static void
rename_server_option(char **cause)
{
	const char *hit;
	char *fixed;

	if (*cause == NULL)
		return;
	hit = strstr(*cause, "--server ");
	if (hit == NULL)
		return;
	fixed = xasprintf("%.*s--server-type %s", (int)(hit - *cause), *cause,
	    hit + strlen("--server "));
	free(*cause);
	*cause = fixed;
}

/* Build the body: the plan's records when a path is given. */
static int
send_body(struct path_args *pa, int have_path, const char *domain,
    const struct smtp_options *o, char **body, char **cause)
{
	struct record_set rs;
	char *dom = NULL;
	int rc;

	if (!have_path) {
		if (domain == NULL)
			*body = smtp_body_text(o, NULL, NULL, time(NULL));
		else {
			char *u = NULL;

			if (domain_parse(domain, &dom, &u, cause) == -1)
				return EXIT_USAGE;
			*body = smtp_body_text(o, u, NULL, time(NULL));
			free(u);
			free(dom);
		}
		return 0;
	}
	if (pa->in.domain == NULL) {
		dom = smtp_address_domain(o->from);
		pa->in.domain = dom;
	}
	rc = path_build(pa, &rs, 0, cause);
	if (rc != 0) {
		rename_server_option(cause);
		pa->in.domain = NULL;
		free(dom);
		return rc;
	}
	*body = smtp_body_text(o, NULL, &rs, time(NULL));
	record_set_free(&rs);
	if (dom != NULL)
		pa->in.domain = NULL;
	free(dom);
	return 0;
}

/* Catch Ctrl-C and SIGTERM while sending, to report what was seen. */
static void
send_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = send_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* Parse a timeout option in milliseconds. */
static int
send_timeout(const char *opt, const char *arg, long *out, char **cause)
{
	unsigned long v;

	if (parse_uint(arg, 100, 3600000, &v) == -1) {
		*cause = xasprintf(_("%s '%s' is not a number of milliseconds "
		    "from 100 to 3600000"), opt, arg);
		return -1;
	}
	*out = (long)v;
	return 0;
}

/* `mailwiz send-test`. */
int
cli_send_test(int argc, char **argv, const char *catalog_path)
{
	enum {
		O_PORT = PATH_O_LAST, O_TLS, O_CACERT, O_INSECURE, O_AUTH,
		O_USER, O_PASSWORD, O_PASSWORD_FILE, O_FROM, O_TO, O_SUBJECT,
		O_SES, O_TRANSCRIPT, O_JSON, O_CONNECT_TIMEOUT, O_TIMEOUT,
		O_SERVER_TYPE, O_SMTP_SERVER
	};
	static const struct option longopts[] = {
		{ "server", required_argument, NULL, O_SMTP_SERVER },
		{ "port", required_argument, NULL, O_PORT },
		{ "tls", required_argument, NULL, O_TLS },
		{ "cacert", required_argument, NULL, O_CACERT },
		{ "insecure", no_argument, NULL, O_INSECURE },
		{ "auth", required_argument, NULL, O_AUTH },
		{ "user", required_argument, NULL, O_USER },
		{ "password", optional_argument, NULL, O_PASSWORD },
		{ "password-file", required_argument, NULL, O_PASSWORD_FILE },
		{ "from", required_argument, NULL, O_FROM },
		{ "to", required_argument, NULL, O_TO },
		{ "subject", required_argument, NULL, O_SUBJECT },
		{ "ses-simulator", required_argument, NULL, O_SES },
		{ "transcript", no_argument, NULL, O_TRANSCRIPT },
		{ "json", no_argument, NULL, O_JSON },
		{ "connect-timeout", required_argument, NULL,
		    O_CONNECT_TIMEOUT },
		{ "timeout", required_argument, NULL, O_TIMEOUT },
		{ "feature", required_argument, NULL, 'f' },
		{ "server-type", required_argument, NULL, O_SERVER_TYPE },
		{ "domain", required_argument, NULL, 'd' },
		{ "provider", required_argument, NULL, 'p' },
		{ "provider-id", required_argument, NULL, PATH_O_PROVIDER_ID },
		{ "ip", required_argument, NULL, PATH_O_IP },
		{ "dkim", required_argument, NULL, PATH_O_DKIM },
		{ "dmarc-rua", required_argument, NULL, PATH_O_DMARC_RUA },
		{ "ttl", required_argument, NULL, PATH_O_TTL },
		{ "catalog", required_argument, NULL, PATH_O_CATALOG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct path_args pa;
	struct smtp_options o;
	struct send_state st;
	struct strlist to = { NULL, 0 };
	struct loop *l = NULL;
	struct smtp_test *t = NULL;
	const struct smtp_result *r;
	const char *server = NULL, *password_file = NULL;
	char *cause = NULL, *host = NULL, *password = NULL, *body = NULL;
	char *addr, *text;
	unsigned long v;
	unsigned port = 0;
	int ch, rc = EXIT_USAGE, transcript = 0, have_path = 0, ses = 0;

	memset(&o, 0, sizeof o);
	memset(&st, 0, sizeof st);
	path_args_init(&pa, catalog_path);
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:f:d:p:h", longopts, NULL))
	    != -1) {
		if (ch == O_SERVER_TYPE)
			ch = 's';
		if (ch == 'f' || ch == 's' || ch == 'p' ||
		    ch == PATH_O_PROVIDER_ID || ch == PATH_O_IP ||
		    ch == PATH_O_DKIM || ch == PATH_O_DMARC_RUA)
			have_path = 1;
		switch (path_option(&pa, ch, optarg, &cause)) {
		case 1:
			continue;
		case -1:
			rename_server_option(&cause);
			goto usage;
		}
		switch (ch) {
		case O_SMTP_SERVER:
			server = optarg;
			break;
		case O_PORT:
			if (parse_uint(optarg, 1, 65535, &v) == -1) {
				cause = xasprintf(_("--port '%s' is not a "
				    "number from 1 to 65535"), optarg);
				goto usage;
			}
			o.port = (unsigned)v;
			break;
		case O_TLS:
			if (strcmp(optarg, "starttls") == 0)
				o.tls = SMTP_TLS_STARTTLS;
			else if (strcmp(optarg, "implicit") == 0)
				o.tls = SMTP_TLS_IMPLICIT;
			else if (strcmp(optarg, "none") == 0)
				o.tls = SMTP_TLS_NONE;
			else {
				cause = xasprintf(_("--tls '%s': use "
				    "starttls, implicit or none"), optarg);
				goto usage;
			}
			break;
		case O_CACERT:
			o.cacert = optarg;
			break;
		case O_INSECURE:
			o.insecure = 1;
			break;
		case O_AUTH:
			if (strcmp(optarg, "auto") == 0)
				o.auth = SMTP_AUTH_AUTO;
			else if (strcasecmp(optarg, "plain") == 0)
				o.auth = SMTP_AUTH_PLAIN;
			else if (strcasecmp(optarg, "login") == 0)
				o.auth = SMTP_AUTH_LOGIN;
			else {
				cause = xasprintf(_("--auth '%s': use auto, "
				    "plain or login"), optarg);
				goto usage;
			}
			break;
		case O_USER:
			o.user = optarg;
			break;
		case O_PASSWORD:
			cause = xstrdup(_("--password is not accepted: a "
			    "password on the command line can be read by "
			    "every user of this machine (ps, /proc) and "
			    "stays in the shell history; mailwiz asks for it "
			    "without echo, or reads it from --password-file "
			    "FILE or MAILWIZ_SMTP_PASSWORD"));
			goto usage;
		case O_PASSWORD_FILE:
			password_file = optarg;
			break;
		case O_FROM:
			o.from = optarg;
			break;
		case O_TO:
			strlist_add(&to, optarg);
			break;
		case O_SES:
			addr = smtp_ses_simulator(optarg, &cause);
			if (addr == NULL)
				goto usage;
			strlist_add(&to, addr);
			free(addr);
			ses = 1;
			break;
		case O_SUBJECT:
			o.subject = optarg;
			break;
		case O_TRANSCRIPT:
			transcript = 1;
			break;
		case O_JSON:
			st.json = 1;
			break;
		case O_CONNECT_TIMEOUT:
			if (send_timeout("--connect-timeout", optarg,
			    &o.connect_timeout_ms, &cause) == -1)
				goto usage;
			break;
		case O_TIMEOUT:
			if (send_timeout("--timeout", optarg, &o.timeout_ms,
			    &cause) == -1)
				goto usage;
			break;
		case 'h':
			send_usage();
			rc = 0;
			goto out;
		default:
			cause = cli_opt_error("send-test", ch, argc, argv);
			goto usage;
		}
	}
	cause = cli_opt_error("send-test", -1, argc, argv);
	if (cause != NULL)
		goto usage;
	if (server == NULL || o.from == NULL || to.n == 0) {
		cause = xstrdup(_("--server, --from and at least one --to (or "
		    "--ses-simulator) are needed; see 'mailwiz send-test "
		    "--help'"));
		goto usage;
	}
	if (parse_server(server, &host, &port, &cause) == -1)
		goto usage;
	if (port != 0 && o.port != 0 && port != o.port) {
		cause = xasprintf(_("--server '%s' and --port %u name "
		    "different ports"), server, o.port);
		goto usage;
	}
	if (port != 0)
		o.port = port;
	o.host = host;
	o.to = (const char *const *)to.v;
	o.nto = to.n;
	if (o.tls == SMTP_TLS_NONE && !o.insecure) {
		cause = xstrdup(_("--tls none sends the password and the "
		    "message across the network in clear, readable by anyone "
		    "on the way; add --insecure to confirm that this is what "
		    "you want"));
		goto usage;
	}
	if (o.user == NULL && password_file != NULL) {
		cause = xstrdup(_("--password-file needs --user"));
		goto usage;
	}
	if (smtp_address_valid(o.from, &cause) == -1)
		goto usage;
	if (send_body(&pa, have_path, pa.in.domain, &o, &body, &cause) != 0) {
		if (cause == NULL) {
			rc = EXIT_USAGE;
			goto out;
		}
		goto usage;
	}
	o.body = body;
	if (o.user != NULL && cli_send_password(password_file, o.user, host,
	    &password, &cause) == -1)
		goto usage;
	o.password = password;

	l = loop_new();
	t = smtp_test_new(l, &o, &cause);
	if (t == NULL)
		goto usage;
	if (o.insecure)
		fprintf(stderr, _("mailwiz send-test: WARNING: --insecure: "
		    "the server's certificate is NOT verified; anyone "
		    "between this machine and the server can pose as the "
		    "server and read the password and the message\n"));
	if (o.tls == SMTP_TLS_NONE)
		fprintf(stderr, _("mailwiz send-test: WARNING: --tls none: "
		    "the password and the message cross the network in "
		    "clear\n"));
	if (!st.json) {
		printf(o.user != NULL ? _("Sending a test message through "
		    "%s (%s, with login)\n") : _("Sending a test message "
		    "through %s (%s)\n"), smtp_test_url(t),
		    o.tls == SMTP_TLS_STARTTLS ? _("STARTTLS required") :
		    o.tls == SMTP_TLS_IMPLICIT ? _("TLS from the first byte") :
		    _("no TLS"));
		fflush(stdout);
	}
	send_catch_signals();
	/* A server that hangs up must not kill mailwiz mid-write. */
	signal(SIGPIPE, SIG_IGN);
	if (smtp_test_start(t, cli_send_progress, cli_send_done, &st,
	    &cause) == -1) {
		fprintf(stderr, "mailwiz send-test: %s\n", cause);
		rc = EXIT_SYSTEM;
		goto out;
	}
	while (!st.done && !send_interrupted) {
		if (loop_once(l, -1) == -1) {
			fprintf(stderr, _("mailwiz send-test: the event loop "
			    "failed: %s\n"), strerror(errno));
			rc = EXIT_SYSTEM;
			goto out;
		}
	}
	if (!st.done)
		smtp_test_cancel(t);
	r = smtp_test_result(t);
	if (st.json)
		text = cli_send_json(smtp_test_options(t), r, ses,
		    smtp_test_url(t));
	else {
		cli_send_print(smtp_test_options(t), r, ses, transcript);
		text = NULL;
	}
	if (text != NULL) {
		fputs(text, stdout);
		free(text);
	}
	rc = send_interrupted ? EXIT_SYSTEM : smtp_exit_status(r);
	goto out;

usage:
	if (cause != NULL)
		fprintf(stderr, "mailwiz send-test: %s\n", cause);
	rc = EXIT_USAGE;
out:
	smtp_test_free(t);
	loop_free(l);
	free(cause);
	free(host);
	free(body);
	if (password != NULL) {
		explicit_bzero(password, strlen(password));
		free(password);
	}
	strlist_free(&to);
	path_args_free(&pa);
	return rc;
}
