/* resolvers.h - which recursive resolvers `check` and `watch` ask */
#ifndef MAILWIZ_RESOLVERS_H
#define MAILWIZ_RESOLVERS_H

#include <stddef.h>

#include "util.h"

struct dns_server;

/*
 * The recursive resolvers to ask, in this order of precedence: the
 * --resolver values; MAILWIZ_RESOLVERS; the "resolver" lines of
 * $XDG_CONFIG_HOME/mailwiz/config (default ~/.config/mailwiz/config); the
 * system's resolvers (/etc/resolv.conf) plus the built-in public set.
 * -1 with *cause on a bad value (the message names where it came from).
 */
int resolvers_load(const struct strlist *, struct dns_server **, size_t *,
    char **);
void resolvers_free(struct dns_server *, size_t);
/* The built-in public resolvers, for the manual and `--help`. */
extern const struct resolver_default {
	const char *addr;
	const char *name;
} resolvers_public[];
extern const size_t resolvers_npublic;

#endif
