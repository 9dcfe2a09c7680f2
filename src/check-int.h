/* check-int.h - what the parts of the check share */
#ifndef MAILWIZ_CHECK_INT_H
#define MAILWIZ_CHECK_INT_H

#include "check.h"

struct check_judgement {
	enum check_status status;
	char *answer;
	char *reason;
	long ttl;
	long eta;
};

int check_name_eq(const char *, const char *);
size_t check_add_server(struct check *, const struct dns_server *, int,
    char **);
void check_ask_server(struct check *, size_t);
void check_judge(struct check *, size_t, size_t, const struct dns_answer *,
    struct check_judgement *);
void check_followup(struct check *, size_t, size_t,
    const struct dns_answer *);
struct dns_channel *check_channel(struct check *);
void check_discover(struct check *);
void check_spf_start(struct check *);
void check_spf_free(struct check *);

#endif
