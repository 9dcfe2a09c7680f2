/* cli.h - the subcommands */
#ifndef MAILWIZ_CLI_H
#define MAILWIZ_CLI_H

#define EXIT_USAGE 2		/* bad input or usage */
#define EXIT_SYSTEM 3		/* the network or the system failed */

struct catalog;

int cli_plan(int, char **, const char *);
int cli_catalog(int, char **, const char *);
int cli_check(int, char **, const char *);
int cli_watch(int, char **, const char *);
/* Load the catalog named on the command line or the default one; prints
   the error and returns -1 when it cannot. */
int cli_load_catalog(const char *, struct catalog *);

#endif
