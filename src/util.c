/* util.c - allocation that cannot fail, growable strings, small helpers */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* Print a message and stop: used when memory runs out. */
void
fatalx(const char *fmt, ...)
{
	va_list ap;

	fputs("mailwiz: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* Allocate memory or stop the program. */
void *
xmalloc(size_t size)
{
	void *p;

	if (size == 0)
		size = 1;
	p = malloc(size);
	if (p == NULL)
		fatalx("out of memory (%zu bytes)", size);
	return p;
}

/* Allocate zeroed memory for an array or stop the program. */
void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	p = calloc(n, size);
	if (p == NULL)
		fatalx("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

/* Resize an array, checking the multiplication, or stop the program. */
void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		fatalx("array too large (%zu x %zu bytes)", n, size);
	if (n * size == 0)
		n = size = 1;
	p = realloc(p, n * size);
	if (p == NULL)
		fatalx("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

/* Copy a string or stop the program. */
char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Copy at most n bytes of a string or stop the program. */
char *
xstrndup(const char *s, size_t n)
{
	size_t len;
	char *p;

	len = strnlen(s, n);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* Format into a new string. */
char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	char *p;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatalx("bad format '%s'", fmt);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

/* Format into a new string. */
char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

/* Start an empty string. */
void
buf_init(struct buf *b)
{
	b->size = 64;
	b->data = xmalloc(b->size);
	b->data[0] = '\0';
	b->len = 0;
}

/* Release a string. */
void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->size = 0;
}

/* Append bytes. */
void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->data == NULL)
		buf_init(b);
	if (b->len + n + 1 > b->size) {
		while (b->len + n + 1 > b->size)
			b->size *= 2;
		b->data = xreallocarray(b->data, b->size, 1);
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* Append a C string. */
void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Append one byte. */
void
buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

/* Append formatted text. */
void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_puts(b, s);
	free(s);
}

/* Hand the string over to the caller and leave the buffer empty. */
char *
buf_detach(struct buf *b)
{
	char *s;

	if (b->data == NULL)
		buf_init(b);
	s = b->data;
	b->data = NULL;
	b->len = b->size = 0;
	return s;
}

/* Append a copy of a string to a list. */
void
strlist_add(struct strlist *l, const char *s)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = xstrdup(s);
}

/* Append a formatted string to a list. */
void
strlist_addf(struct strlist *l, const char *fmt, ...)
{
	va_list ap;

	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	va_start(ap, fmt);
	l->v[l->n++] = xvasprintf(fmt, ap);
	va_end(ap);
}

/* Release a list and its strings. */
void
strlist_free(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Compare two strings ignoring ASCII case. */
int
str_caseeq(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
	return *a == *b;
}

/* Tell whether s ends with suffix, ignoring ASCII case. */
int
str_casesuffix(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	if (lx > ls)
		return 0;
	return str_caseeq(s + ls - lx, suffix);
}

/* Return a lower-case copy of an ASCII string. */
char *
str_lower(const char *s)
{
	char *p, *q;

	p = xstrdup(s);
	for (q = p; *q != '\0'; q++)
		*q = (char)tolower((unsigned char)*q);
	return p;
}

/* Remove leading and trailing white space in place. */
char *
str_trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	*e = '\0';
	return s;
}

/* Parse a decimal number between lo and hi; -1 when it is not one. */
int
parse_uint(const char *s, unsigned long lo, unsigned long hi,
    unsigned long *out)
{
	unsigned long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* Read exactly n hexadecimal digits at p (escapes such as \u00e9); -1 when
   they are not. */
int
parse_hex(const char *p, size_t n, unsigned long *out)
{
	unsigned long v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		v <<= 4;
		if (p[i] >= '0' && p[i] <= '9')
			v |= (unsigned long)(p[i] - '0');
		else if (p[i] >= 'a' && p[i] <= 'f')
			v |= (unsigned long)(p[i] - 'a' + 10);
		else if (p[i] >= 'A' && p[i] <= 'F')
			v |= (unsigned long)(p[i] - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* Length of the valid UTF-8 sequence at s (no overlong form, no
   surrogate, nothing past U+10FFFF), or 0 if it is not one. */
size_t
utf8_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t n, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		cp = p[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* Read a whole file ("-" for standard input) into memory. */
int
file_read(const char *path, char **out, size_t *outlen, char **cause)
{
	struct buf b;
	char chunk[8192];
	size_t n;
	FILE *f;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else {
		f = fopen(path, "r");
		if (f == NULL) {
			*cause = xasprintf(_("cannot read '%s': %s"), path,
			    strerror(errno));
			return -1;
		}
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		*cause = xasprintf(_("cannot read '%s': %s"), path,
		    strerror(errno));
		if (f != stdin)
			fclose(f);
		buf_free(&b);
		return -1;
	}
	if (f != stdin)
		fclose(f);
	if (outlen != NULL)
		*outlen = b.len;
	*out = buf_detach(&b);
	return 0;
}

/*
 * Remove the temporary files that writers of a file left when they were
 * killed before their rename: "FILE.tmp.PID.XXXXXX" whose process is gone
 * (a live writer's file is left alone), so that they never pile up.
 */
static void
remove_stale_temps(const char *path)
{
	const char *base, *slash = strrchr(path, '/');
	struct dirent *de;
	char *dir, *end;
	size_t blen;
	long pid;
	DIR *d;

	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, (size_t)(slash - path));
	base = slash == NULL ? path : slash + 1;
	blen = strlen(base);
	d = opendir(dir);
	free(dir);
	if (d == NULL)
		return;
	for (;;) {
		de = readdir(d);
		if (de == NULL)
			break;
		if (strncmp(de->d_name, base, blen) != 0 ||
		    strncmp(de->d_name + blen, ".tmp.", 5) != 0 ||
		    !isdigit((unsigned char)de->d_name[blen + 5]))
			continue;
		errno = 0;
		pid = strtol(de->d_name + blen + 5, &end, 10);
		if (errno != 0 || pid <= 0 || pid > INT_MAX || *end != '.' ||
		    strlen(end + 1) != 6)
			continue;
		if (pid != (long)getpid() &&
		    (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
			continue;
		unlinkat(dirfd(d), de->d_name, 0);
	}
	closedir(d);
}

/*
 * Write a file so that readers see either the old or the new content, never
 * a half-written one: write a temporary file beside it, flush it to disk, then
 * rename it over the target. The temporary file is named after the process,
 * so that one left by a killed writer is removed by the next.
 */
int
file_write_atomic(const char *path, const char *data, size_t len, int mode,
    char **cause)
{
	char *tmp;
	size_t off = 0;
	ssize_t n;
	int fd, saved;

	remove_stale_temps(path);
	tmp = xasprintf("%s.tmp.%ld.XXXXXX", path, (long)getpid());
	fd = mkstemp(tmp);
	if (fd == -1) {
		*cause = xasprintf(_("cannot write '%s': %s"), path,
		    strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, (mode_t)mode) == -1)
		goto fail;
	while (off < len) {
		n = write(fd, data + off, len - off);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)n;
	}
	if (fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto fail;
	free(tmp);
	return 0;

fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	*cause = xasprintf(_("cannot write '%s': %s"), path, strerror(saved));
	errno = saved;		/* for the caller's advice */
	return -1;
}

/* Create the directories above a file, each 0700 when new (for the state
   files, which are private). */
int
file_make_parents(const char *path, char **cause)
{
	char *dir, *p;

	dir = xstrdup(path);
	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			*cause = xasprintf(_("cannot create '%s': %s"), dir,
			    strerror(errno));
			free(dir);
			return -1;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}
