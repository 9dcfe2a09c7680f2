/* main.c - mailwiz: make a domain's mail trusted, and prove it */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
#if ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
#endif
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("mailwiz %s\n", VERSION);
		return 0;
	}
	printf(_("Usage: mailwiz COMMAND [OPTION]...\n"));
	return 0;
}
