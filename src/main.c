/* main.c - mailwiz: make a domain's mail trusted, and prove it */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "cli.h"
#include "smtp.h"
#include "spfeval.h"
#include "util.h"
#define UI_API_ONLY
#include "ui/ui.h"

/* Print the overview of commands. */
static void
usage_main(FILE *f)
{
	fprintf(f, _("Usage: mailwiz [--catalog FILE] [--resolver ADDR]... "
	    "[--resume]\n"
	    "       mailwiz [--catalog FILE] COMMAND [OPTION]...\n"
	    "Make your domain's billing mail trusted by receiving mail "
	    "servers,\nand prove that it worked.\n\n"
	    "Without a command, mailwiz starts the wizard: it asks how Zuora "
	    "sends your\nmail, shows the records, exports them and watches "
	    "them go live.\n\n"
	    "Commands:\n"
	    "  plan       print the exact DNS records to publish, in any "
	    "format\n"
	    "  check      ask every server whether the records are live\n"
	    "  watch      check again until everything is live "
	    "everywhere\n"
	    "  send-test  send a test message through your SMTP server\n"
	    "  spf        evaluate SPF for a client address, as a receiver "
	    "would\n"
	    "  catalog    list the features, server types and provider "
	    "presets\n\n"
	    "Options:\n"
	    "      --catalog FILE  use another catalog (or MAILWIZ_CATALOG)\n"
	    "      --resolver ADDR[:PORT]\n"
	    "                      a resolver the wizard asks, repeatable "
	    "(default:\n"
	    "                      MAILWIZ_RESOLVERS, the config file, the "
	    "system's and\n"
	    "                      public ones)\n"
	    "      --dns-timeout MS\n"
	    "                      the wizard waits this long for each DNS "
	    "try [3000]\n"
	    "      --resume        reopen the wizard saved when you quit\n"
	    "  -h, --help          show this help and exit\n"
	    "  -V, --version       show the version and exit\n\n"
	    "'mailwiz COMMAND --help' describes a command.\n"));
}

/* Set the locale and the message catalog. LANGUAGE=de alone (no LANG, as
   on a fresh server) would be ignored by gettext in the C locale, so a
   language asked for that way switches to the C.UTF-8 locale. The
   environment variable MAILWIZ_LOCALEDIR overrides the compiled-in place
   of the catalogs (the tests use the ones in the build tree). */
static void
i18n_init(void)
{
	const char *cur, *language, *dir;

	setlocale(LC_ALL, "");
	cur = setlocale(LC_MESSAGES, NULL);
	language = getenv("LANGUAGE");
	if (language != NULL && *language != '\0' && cur != NULL &&
	    (strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0))
		setlocale(LC_ALL, "C.UTF-8");
#if ENABLE_NLS
	dir = getenv("MAILWIZ_LOCALEDIR");
	if (dir == NULL || *dir == '\0')
		dir = LOCALEDIR;
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#else
	(void)dir;
#endif
}

int
main(int argc, char **argv)
{
	const char *catalog_path = NULL, *wizard_opt = NULL;
	int i;

	i18n_init();
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--version") == 0 ||
		    strcmp(argv[i], "-V") == 0) {
			printf("mailwiz %s\n", VERSION);
			return 0;
		}
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			usage_main(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--catalog") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, _("mailwiz: --catalog needs a "
				    "file name\n"));
				return 2;
			}
			catalog_path = argv[++i];
			continue;
		}
		if (strncmp(argv[i], "--catalog=", 10) == 0) {
			catalog_path = argv[i] + 10;
			continue;
		}
		/* The wizard's options; ui_run reads them again. */
		if (strcmp(argv[i], "--resolver") == 0 ||
		    strcmp(argv[i], "--dns-timeout") == 0) {
			wizard_opt = argv[i];
			if (i + 1 >= argc) {
				fprintf(stderr, _("mailwiz: %s needs a "
				    "value\n"), argv[i]);
				return 2;
			}
			i++;
			continue;
		}
		if (strncmp(argv[i], "--resolver=", 11) == 0 ||
		    strncmp(argv[i], "--dns-timeout=", 14) == 0 ||
		    strcmp(argv[i], "--resume") == 0) {
			wizard_opt = argv[i];
			continue;
		}
		break;
	}
	if (i >= argc)
		return ui_run(argc, argv, catalog_path);
	if (wizard_opt != NULL) {
		fprintf(stderr, _("mailwiz: '%s' is an option of the wizard; "
		    "with a command, give it after the command (see "
		    "'mailwiz %s --help')\n"), wizard_opt, argv[i]);
		return 2;
	}
	if (argv[i][0] == '-') {
		fprintf(stderr, _("mailwiz: unknown option '%s'; see "
		    "'mailwiz --help'\n"), argv[i]);
		return 2;
	}
	if (strcmp(argv[i], "plan") == 0)
		return cli_plan(argc - i, argv + i, catalog_path);
	if (strcmp(argv[i], "catalog") == 0)
		return cli_catalog(argc - i, argv + i, catalog_path);
	if (strcmp(argv[i], "check") == 0)
		return cli_check(argc - i, argv + i, catalog_path);
	if (strcmp(argv[i], "watch") == 0)
		return cli_watch(argc - i, argv + i, catalog_path);
	if (strcmp(argv[i], "spf") == 0)
		return cli_spf(argc - i, argv + i);
	if (strcmp(argv[i], "send-test") == 0)
		return cli_send_test(argc - i, argv + i, catalog_path);
	if (strcmp(argv[i], "help") == 0) {
		usage_main(stdout);
		return 0;
	}
	fprintf(stderr, _("mailwiz: unknown command '%s'; see 'mailwiz "
	    "--help'\n"), argv[i]);
	return 2;
}
