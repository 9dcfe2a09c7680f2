/* cli-send.h - what the files of `mailwiz send-test` share */
#ifndef MAILWIZ_CLI_SEND_H
#define MAILWIZ_CLI_SEND_H

#include "smtp.h"

/* What the command and the test's callbacks share. */
struct send_state {
	int json;
	int done;
};

/* cli-send-password.c: the password from a file (its first line), else
   MAILWIZ_SMTP_PASSWORD, else a no-echo prompt on the terminal. */
int cli_send_password(const char *, const char *, const char *, char **,
    char **);

/* cli-send-out.c: progress lines, and the result for people or as one
   JSON object (malloc'd). */
void cli_send_progress(void *, struct smtp_test *, enum smtp_stage);
void cli_send_done(void *, struct smtp_test *);
char *cli_send_json(const struct smtp_options *, const struct smtp_result *,
    int, const char *);
void cli_send_print(const struct smtp_options *, const struct smtp_result *,
    int, int);

#endif
