/* common.c - helpers for the fuzz targets: temporary files, the tree */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "fuzz.h"

#ifndef FUZZ_TOP
#define FUZZ_TOP "."
#endif

/* Copy the input into a C string. */
char *
fuzz_text(const uint8_t *data, size_t size)
{
	char *s;

	s = xmalloc(size + 1);
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Find the source tree (data/catalog.rng and the like). */
const char *
fuzz_top(void)
{
	const char *top = getenv("MAILWIZ_TOP");

	if (top != NULL && *top != '\0')
		return top;
	return FUZZ_TOP;
}

/* Make a private temporary directory. */
char *
fuzz_tmpdir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir;

	if (tmp == NULL || *tmp != '/')
		tmp = "/tmp";
	dir = xasprintf("%s/mailwiz-fuzz-XXXXXX", tmp);
	if (mkdtemp(dir) == NULL)
		fuzz_fail("cannot create '%s': %s", dir, strerror(errno));
	return dir;
}

/* Write a whole file. */
void
fuzz_write(const char *path, const void *data, size_t size)
{
	const char *p = data;
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd == -1)
		fuzz_fail("cannot create '%s': %s", path, strerror(errno));
	while (size > 0) {
		n = write(fd, p, size);
		if (n <= 0)
			fuzz_fail("cannot write '%s': %s", path,
			    strerror(errno));
		p += n;
		size -= (size_t)n;
	}
	if (close(fd) == -1)
		fuzz_fail("cannot write '%s': %s", path, strerror(errno));
}

/* Clean a temporary directory up. */
void
fuzz_rmdir(const char *dir, const char *const *names, size_t n)
{
	char *path;
	size_t i;

	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		if (unlink(path) == -1 && errno != ENOENT)
			fuzz_fail("cannot remove '%s': %s", path,
			    strerror(errno));
		free(path);
	}
	if (rmdir(dir) == -1)
		fuzz_fail("cannot remove '%s': %s", dir, strerror(errno));
}

/* Tell a developer what became of an input. */
void
fuzz_note(const char *what, const char *cause)
{
	const char *v = getenv("FUZZ_VERBOSE");

	if (v == NULL || *v == '\0' || strcmp(v, "0") == 0)
		return;
	fprintf(stderr, "fuzz: %s: %s\n", what, cause != NULL ? cause :
	    "accepted");
}

/* Report a broken invariant and stop, so the fuzzer keeps the input. */
void
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
