/* lookup.h - what a domain publishes now (SPF, old SPF type, DMARC) */
#ifndef MAILWIZ_LOOKUP_H
#define MAILWIZ_LOOKUP_H

#include <stddef.h>

struct dns_server;
struct dns_options;
struct loop;
struct plan_existing;
struct lookup;

/* Called once when the lookup is over: error NULL on success (then the
   existing records are filled in), else what went wrong. */
typedef void (*lookup_cb)(void *, struct lookup *, const char *);

/*
 * Start asking the resolvers in turn (none given: the system's) for the
 * TXT and SPF records at the domain and the TXT records at _dmarc, on the
 * loop, without blocking. out must live until the callback. NULL with
 * *cause when it cannot start.
 */
struct lookup *lookup_start(struct loop *, const struct dns_server *, size_t,
    const struct dns_options *, const char *, struct plan_existing *,
    lookup_cb, void *, char **);
/* Stop a lookup; its callback is not called. */
void lookup_cancel(struct lookup *);
/* Run a lookup to the end on a loop of its own. */
int lookup_existing(const struct dns_server *, size_t,
    const struct dns_options *, const char *, struct plan_existing *,
    char **);

#endif
