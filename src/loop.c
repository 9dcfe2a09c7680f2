/* loop.c - the one poll() loop: DNS sockets, later curl and the terminal */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "loop.h"
#include "util.h"

struct loop_fd {
	int fd;
	short events;
	loop_fd_cb cb;
	void *arg;
};

struct loop_hook {
	loop_timeout_cb timeout;
	loop_tick_cb tick;
	void *arg;
};

struct loop_deferred {
	void (*fn)(void *);
	void *arg;
};

struct loop {
	struct loop_deferred *deferred;
	size_t ndeferred;
	struct loop_fd *fds;
	size_t nfds;
	struct loop_hook *hooks;
	size_t nhooks;
	struct pollfd *pfd;
	size_t npfd;
};

/* Milliseconds on the monotonic clock. */
uint64_t
loop_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Run what was deferred, including what those calls defer in turn. */
static void
loop_run_deferred(struct loop *l)
{
	struct loop_deferred d;

	while (l->ndeferred > 0) {
		d = l->deferred[0];
		memmove(&l->deferred[0], &l->deferred[1],
		    (l->ndeferred - 1) * sizeof *l->deferred);
		l->ndeferred--;
		d.fn(d.arg);
	}
}

/* Run fn(arg) after the callbacks of the current pass. */
void
loop_defer(struct loop *l, void (*fn)(void *), void *arg)
{
	l->deferred = xreallocarray(l->deferred, l->ndeferred + 1,
	    sizeof *l->deferred);
	l->deferred[l->ndeferred].fn = fn;
	l->deferred[l->ndeferred].arg = arg;
	l->ndeferred++;
}

/* Make an empty loop. */
struct loop *
loop_new(void)
{
	return xcalloc(1, sizeof (struct loop));
}

/* Release a loop; its users must be gone. */
void
loop_free(struct loop *l)
{
	if (l == NULL)
		return;
	loop_run_deferred(l);
	free(l->deferred);
	free(l->fds);
	free(l->hooks);
	free(l->pfd);
	free(l);
}

/* Watch a descriptor, change what is watched, or stop with events 0. */
void
loop_watch(struct loop *l, int fd, short events, loop_fd_cb cb, void *arg)
{
	size_t i;

	for (i = 0; i < l->nfds; i++) {
		if (l->fds[i].fd == fd)
			break;
	}
	if (events == 0) {
		if (i < l->nfds) {
			l->fds[i] = l->fds[l->nfds - 1];
			l->nfds--;
		}
		return;
	}
	if (i == l->nfds) {
		l->fds = xreallocarray(l->fds, l->nfds + 1, sizeof *l->fds);
		l->nfds++;
	}
	l->fds[i].fd = fd;
	l->fds[i].events = events;
	l->fds[i].cb = cb;
	l->fds[i].arg = arg;
}

/* Add a user with deadlines of its own. */
void
loop_add_hook(struct loop *l, loop_timeout_cb timeout, loop_tick_cb tick,
    void *arg)
{
	l->hooks = xreallocarray(l->hooks, l->nhooks + 1, sizeof *l->hooks);
	l->hooks[l->nhooks].timeout = timeout;
	l->hooks[l->nhooks].tick = tick;
	l->hooks[l->nhooks].arg = arg;
	l->nhooks++;
}

/* Remove every hook registered with arg. */
void
loop_remove_hook(struct loop *l, void *arg)
{
	size_t i = 0;

	while (i < l->nhooks) {
		if (l->hooks[i].arg == arg) {
			memmove(&l->hooks[i], &l->hooks[i + 1],
			    (l->nhooks - i - 1) * sizeof *l->hooks);
			l->nhooks--;
		} else
			i++;
	}
}

/*
 * Wait for the first descriptor or deadline, then run the callbacks of the
 * ready descriptors and every hook's tick. Returns -1 only when poll() fails
 * for a reason other than a signal.
 */
int
loop_once(struct loop *l, int max_ms)
{
	size_t i, n;
	int wait = max_ms, t, rc;

	if (l->ndeferred > 0)
		wait = 0;

	for (i = 0; i < l->nhooks; i++) {
		if (l->hooks[i].timeout == NULL)
			continue;
		t = l->hooks[i].timeout(l->hooks[i].arg);
		if (t >= 0 && (wait < 0 || t < wait))
			wait = t;
	}
	if (l->npfd < l->nfds) {
		l->pfd = xreallocarray(l->pfd, l->nfds, sizeof *l->pfd);
		l->npfd = l->nfds;
	}
	n = l->nfds;
	for (i = 0; i < n; i++) {
		l->pfd[i].fd = l->fds[i].fd;
		l->pfd[i].events = l->fds[i].events;
		l->pfd[i].revents = 0;
	}
	rc = poll(l->pfd, n, wait);
	if (rc == -1 && errno != EINTR)
		return -1;
	for (i = 0; rc > 0 && i < n; i++) {
		struct loop_fd *f = NULL;
		size_t j;

		if (l->pfd[i].revents == 0)
			continue;
		/* A callback may have changed the table: find the fd again. */
		for (j = 0; j < l->nfds; j++) {
			if (l->fds[j].fd == l->pfd[i].fd) {
				f = &l->fds[j];
				break;
			}
		}
		if (f != NULL)
			f->cb(f->fd, l->pfd[i].revents, f->arg);
	}
	for (i = 0; i < l->nhooks; i++) {
		if (l->hooks[i].tick != NULL)
			l->hooks[i].tick(l->hooks[i].arg);
	}
	loop_run_deferred(l);
	return 0;
}
