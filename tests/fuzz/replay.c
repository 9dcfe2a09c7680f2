/* replay.c - run a fuzz target's LLVMFuzzerTestOneInput over saved inputs
   without libFuzzer, so that `make check` replays the corpus and the crash
   inputs with the normal compiler; prints TAP, one line per input */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"
#include "fuzz.h"

static int ninputs;

/* Compare two names, for a stable order. */
static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run the target on one file. */
static int
replay_file(const char *path)
{
	char *data, *cause;
	size_t len;

	if (file_read(path, &data, &len, &cause) == -1) {
		printf("not ok %d - %s\n# %s\n", ++ninputs, path, cause);
		free(cause);
		return -1;
	}
	/* Say which input runs, in case it crashes the program. */
	fprintf(stderr, "replay: %s\n", path);
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	free(data);
	printf("ok %d - %s\n", ++ninputs, path);
	fflush(stdout);
	return 0;
}

/* Run the target on every file of a directory, in name order. */
static int
replay_dir(const char *dir)
{
	struct strlist names = { NULL, 0 };
	struct dirent *de;
	char *path;
	size_t i;
	int rc = 0;
	DIR *d;

	d = opendir(dir);
	if (d == NULL) {
		printf("not ok %d - %s\n# cannot open: %s\n", ++ninputs, dir,
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] != '.')
			strlist_add(&names, de->d_name);
	}
	closedir(d);
	if (names.n > 0)
		qsort(names.v, names.n, sizeof *names.v, name_cmp);
	for (i = 0; i < names.n; i++) {
		path = xasprintf("%s/%s", dir, names.v[i]);
		if (replay_file(path) == -1)
			rc = -1;
		free(path);
	}
	strlist_free(&names);
	return rc;
}

int
main(int argc, char **argv)
{
	struct stat sb;
	int i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIRECTORY...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (replay_dir(argv[i]) == -1)
				rc = 1;
		} else if (replay_file(argv[i]) == -1)
			rc = 1;
	}
	printf("1..%d\n", ninputs);
	return rc;
}
