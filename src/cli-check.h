/* cli-check.h - what `check` and `watch` share */
#ifndef MAILWIZ_CLI_CHECK_H
#define MAILWIZ_CLI_CHECK_H

#include <stddef.h>

struct check;
struct dns_options;
struct dns_server;
struct loop;
struct path_args;
struct record_set;

void check_catch_signals(void);
int check_was_interrupted(void);
struct check *check_for_plan(struct loop *, const struct record_set *,
    const struct dns_server *, size_t, const struct dns_options *, int,
    char **);
/* `check --domains FILE`: many domains at once, one JSON line each. */
int check_domains(struct path_args *, const char *,
    const struct dns_server *, size_t, int, size_t);

#endif
