/* loop.h - the one poll() loop: DNS sockets, later curl and the terminal */
#ifndef MAILWIZ_LOOP_H
#define MAILWIZ_LOOP_H

#include <stdint.h>

struct loop;

/* Called when fd is ready; revents are poll() events. */
typedef void (*loop_fd_cb)(int, short, void *);
/* Asked before each poll: the longest wait in ms this user allows, or -1. */
typedef int (*loop_timeout_cb)(void *);
/* Called after each poll, ready or not, to do timed work. */
typedef void (*loop_tick_cb)(void *);

struct loop *loop_new(void);
void loop_free(struct loop *);
/* Watch fd for events (POLLIN/POLLOUT); events 0 stops watching it. */
void loop_watch(struct loop *, int, short, loop_fd_cb, void *);
/* Add a user that has deadlines of its own (a c-ares channel, a timer). */
void loop_add_hook(struct loop *, loop_timeout_cb, loop_tick_cb, void *);
void loop_remove_hook(struct loop *, void *);
/* Run fn(arg) once, after the callbacks of the current pass: for freeing
   what a callback may not free itself (a c-ares channel inside its own
   callback). */
void loop_defer(struct loop *, void (*)(void *), void *);
/* Wait at most max_ms (-1: as long as the hooks allow) and dispatch. */
int loop_once(struct loop *, int);
/* Milliseconds on the monotonic clock. */
uint64_t loop_now_ms(void);

#endif
