/* dns.c - asking DNS servers directly, one c-ares channel per server */
#include <arpa/inet.h>
#include <ares.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "loop.h"

#define DNS_EDNS_SIZE 1232

struct dns_channel {
	ares_channel ch;
	struct loop *loop;
	size_t pending;
	int rd;			/* recursion desired: 0 for authoritative */
};

struct dns_request {
	struct dns_channel *dc;
	dns_cb cb;
	void *arg;
};

/* Parse a resolver given as "ADDR", "ADDR:PORT", "[V6]:PORT" or "V6". */
int
dns_server_parse(const char *spec, struct dns_server *out, char **cause)
{
	unsigned char bin[16];
	unsigned long port = 53;
	char *copy, *addr, *p, *portstr = NULL;

	memset(out, 0, sizeof *out);
	copy = xstrdup(spec);
	addr = str_trim(copy);
	if (*addr == '[') {
		p = strchr(addr, ']');
		if (p == NULL) {
			*cause = xasprintf(_("resolver '%s' has '[' without "
			    "']'; write IPv6 as [2001:db8::53]:53"), spec);
			goto fail;
		}
		*p = '\0';
		addr++;
		if (p[1] == ':')
			portstr = p + 2;
		else if (p[1] != '\0') {
			*cause = xasprintf(_("resolver '%s': expected ':PORT' "
			    "after ']'"), spec);
			goto fail;
		}
	} else {
		p = strchr(addr, ':');
		if (p != NULL && strchr(p + 1, ':') == NULL) {
			*p = '\0';
			portstr = p + 1;
		}
	}
	if (portstr != NULL && parse_uint(portstr, 1, 65535, &port) == -1) {
		*cause = xasprintf(_("resolver '%s': port '%s' is not a number "
		    "from 1 to 65535"), spec, portstr);
		goto fail;
	}
	if (inet_pton(AF_INET, addr, bin) != 1 &&
	    inet_pton(AF_INET6, addr, bin) != 1) {
		*cause = xasprintf(_("resolver '%s' is not an IP address; give "
		    "an address such as 192.0.2.53, 192.0.2.53:5353 or "
		    "[2001:db8::53]:53"), spec);
		goto fail;
	}
	out->addr = xstrdup(addr);
	out->port = (unsigned)port;
	out->label = xstrdup(spec);
	out->recursive = 1;
	free(copy);
	return 0;

fail:
	free(copy);
	return -1;
}

/* Release what a server description holds. */
void
dns_server_free(struct dns_server *s)
{
	free(s->addr);
	free(s->label);
	memset(s, 0, sizeof *s);
}

/* Collect the recursive resolvers from the command line or environment. */
int
dns_servers_from(const struct strlist *given, struct dns_server **out,
    size_t *n, char **cause)
{
	struct strlist specs = { NULL, 0 };
	struct dns_server *v = NULL;
	const char *env;
	char *copy, *tok, *save = NULL;
	size_t i, count = 0;

	if (given != NULL && given->n > 0) {
		for (i = 0; i < given->n; i++)
			strlist_add(&specs, given->v[i]);
	} else {
		env = getenv("MAILWIZ_RESOLVERS");
		if (env != NULL && *env != '\0') {
			copy = xstrdup(env);
			for (tok = strtok_r(copy, ", ", &save); tok != NULL;
			    tok = strtok_r(NULL, ", ", &save))
				strlist_add(&specs, tok);
			free(copy);
			if (specs.n == 0) {
				*cause = xstrdup(_("MAILWIZ_RESOLVERS is set "
				    "but names no resolver; give addresses "
				    "separated by commas, such as "
				    "192.0.2.53,192.0.2.54, or unset it"));
				return -1;
			}
		}
	}
	for (i = 0; i < specs.n; i++) {
		v = xreallocarray(v, count + 1, sizeof *v);
		if (dns_server_parse(specs.v[i], &v[count], cause) == -1) {
			if (given == NULL || given->n == 0) {
				/* Say where a resolver nobody typed is from. */
				copy = *cause;
				*cause = xasprintf("MAILWIZ_RESOLVERS: %s",
				    copy);
				free(copy);
			}
			while (count > 0)
				dns_server_free(&v[--count]);
			free(v);
			strlist_free(&specs);
			return -1;
		}
		count++;
	}
	strlist_free(&specs);
	*out = v;
	*n = count;
	return 0;
}

/* Start c-ares once per process. */
int
dns_library_init(char **cause)
{
	static int done;
	int rc;

	if (done)
		return 0;
	rc = ares_library_init(ARES_LIB_INIT_ALL);
	if (rc != ARES_SUCCESS) {
		*cause = xasprintf(_("cannot start the DNS library: %s"),
		    ares_strerror(rc));
		return -1;
	}
	done = 1;
	return 0;
}

/* Feed a ready socket to c-ares. */
static void
dns_fd_ready(int fd, short revents, void *arg)
{
	struct dns_channel *dc = arg;
	ares_socket_t r = ARES_SOCKET_BAD, w = ARES_SOCKET_BAD;

	if (revents & (POLLIN | POLLERR | POLLHUP))
		r = fd;
	if (revents & POLLOUT)
		w = fd;
	ares_process_fd(dc->ch, r, w);
}

/* Follow c-ares opening and closing its sockets. */
static void
dns_sock_state(void *data, ares_socket_t fd, int readable, int writable)
{
	struct dns_channel *dc = data;
	short events = 0;

	if (readable)
		events |= POLLIN;
	if (writable)
		events |= POLLOUT;
	loop_watch(dc->loop, fd, events, dns_fd_ready, dc);
}

/* How long the loop may sleep before c-ares must retry or time out. */
static int
dns_timeout(void *arg)
{
	struct dns_channel *dc = arg;
	struct timeval tv, *tvp;

	if (dc->pending == 0)
		return -1;
	tvp = ares_timeout(dc->ch, NULL, &tv);
	if (tvp == NULL)
		return -1;
	return (int)(tvp->tv_sec * 1000 + (tvp->tv_usec + 999) / 1000);
}

/* Let c-ares handle deadlines that passed. */
static void
dns_tick(void *arg)
{
	struct dns_channel *dc = arg;

	if (dc->pending > 0)
		ares_process_fd(dc->ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
}

/* Make a channel that asks one server (or the system's resolvers). */
struct dns_channel *
dns_channel_new(struct loop *l, const struct dns_server *server,
    const struct dns_options *o, char **cause)
{
	struct ares_options opts;
	struct dns_channel *dc;
	char *csv;
	int rc, mask;

	if (dns_library_init(cause) == -1)
		return NULL;
	dc = xcalloc(1, sizeof *dc);
	dc->loop = l;
	dc->rd = server == NULL || server->recursive;
	memset(&opts, 0, sizeof opts);
	opts.flags = ARES_FLAG_NOCHECKRESP | ARES_FLAG_EDNS;
	if (server != NULL && !server->recursive)
		opts.flags |= ARES_FLAG_NORECURSE;
	opts.timeout = o != NULL && o->timeout_ms > 0 ? o->timeout_ms : 3000;
	opts.tries = o != NULL && o->tries > 0 ? o->tries : 2;
	opts.ednspsz = DNS_EDNS_SIZE;
	opts.sock_state_cb = dns_sock_state;
	opts.sock_state_cb_data = dc;
	mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
	    ARES_OPT_EDNSPSZ | ARES_OPT_SOCK_STATE_CB;
	rc = ares_init_options(&dc->ch, &opts, mask);
	if (rc != ARES_SUCCESS) {
		*cause = xasprintf(_("cannot set up DNS: %s"),
		    ares_strerror(rc));
		free(dc);
		return NULL;
	}
	if (server != NULL) {
		if (strchr(server->addr, ':') != NULL)
			csv = xasprintf("[%s]:%u", server->addr, server->port);
		else
			csv = xasprintf("%s:%u", server->addr, server->port);
		rc = ares_set_servers_ports_csv(dc->ch, csv);
		free(csv);
		if (rc != ARES_SUCCESS) {
			*cause = xasprintf(_("cannot use DNS server '%s': %s"),
			    server->label, ares_strerror(rc));
			ares_destroy(dc->ch);
			free(dc);
			return NULL;
		}
	}
	loop_add_hook(l, dns_timeout, dns_tick, dc);
	return dc;
}

/* Close a channel; waiting queries are answered with an error first. */
void
dns_channel_free(struct dns_channel *dc)
{
	if (dc == NULL)
		return;
	ares_destroy(dc->ch);
	loop_remove_hook(dc->loop, dc);
	free(dc);
}

/* Queries still waiting for an answer. */
size_t
dns_channel_pending(const struct dns_channel *dc)
{
	return dc->pending;
}

/* Turn what c-ares said into an answer for the caller. */
static void
dns_answered(void *arg, int status, int timeouts, unsigned char *abuf,
    int alen)
{
	struct dns_request *rq = arg;
	struct dns_answer a;

	(void)timeouts;
	memset(&a, 0, sizeof a);
	switch (status) {
	case ARES_SUCCESS:
		if (dns_parse(abuf, (size_t)alen, &a) == -1) {
			dns_answer_free(&a);
			memset(&a, 0, sizeof a);
			a.status = DNS_BADREPLY;
			a.error = xstrdup(_("the answer could not be read"));
		}
		break;
	case ARES_ETIMEOUT:
		a.status = DNS_TIMEOUT;
		a.error = xstrdup(_("no answer (timeout)"));
		break;
	case ARES_ECONNREFUSED:
		a.status = DNS_UNREACHABLE;
		a.error = xstrdup(_("unreachable (connection refused)"));
		break;
	case ARES_EBADRESP:
		a.status = DNS_BADREPLY;
		a.error = xstrdup(_("the answer could not be read"));
		break;
	default:
		a.status = DNS_FAILED;
		a.error = xstrdup(ares_strerror(status));
		break;
	}
	rq->dc->pending--;
	rq->cb(rq->arg, &a);
	dns_answer_free(&a);
	free(rq);
}

/* Ask one question of the channel's server. */
void
dns_query(struct dns_channel *dc, const char *name, int type, dns_cb cb,
    void *arg)
{
	struct dns_request *rq;
	struct dns_answer a;
	unsigned char *q = NULL;
	int qlen, rc;

	rc = ares_create_query(name, 1, type, 0, dc->rd, &q, &qlen,
	    DNS_EDNS_SIZE);
	if (rc != ARES_SUCCESS) {
		memset(&a, 0, sizeof a);
		a.status = DNS_FAILED;
		a.error = xasprintf(_("cannot ask for '%s': %s"), name,
		    ares_strerror(rc));
		cb(arg, &a);
		dns_answer_free(&a);
		return;
	}
	rq = xmalloc(sizeof *rq);
	rq->dc = dc;
	rq->cb = cb;
	rq->arg = arg;
	dc->pending++;
	ares_send(dc->ch, q, qlen, dns_answered, rq);
	ares_free_string(q);
}
