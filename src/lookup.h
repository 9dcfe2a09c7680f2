/* lookup.h - what a domain publishes now (SPF, old SPF type, DMARC) */
#ifndef MAILWIZ_LOOKUP_H
#define MAILWIZ_LOOKUP_H

#include <stddef.h>

struct dns_server;
struct dns_options;
struct plan_existing;

/*
 * Ask the resolvers in turn (none given: the system's) for the TXT and SPF
 * records at the domain and the TXT records at _dmarc, until one answers.
 * -1 with *cause when none could.
 */
int lookup_existing(const struct dns_server *, size_t,
    const struct dns_options *, const char *, struct plan_existing *,
    char **);

#endif
