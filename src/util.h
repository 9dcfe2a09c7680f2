/* util.h - allocation that cannot fail, growable strings, small helpers */
#ifndef MAILWIZ_UTIL_H
#define MAILWIZ_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#include "i18n.h"

#define nitems(a) (sizeof (a) / sizeof ((a)[0]))

void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
char *xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *, va_list);
void fatalx(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

/* A growable byte string, always NUL-terminated. */
struct buf {
	char *data;
	size_t len;
	size_t size;
};

void buf_init(struct buf *);
void buf_free(struct buf *);
void buf_add(struct buf *, const char *, size_t);
void buf_puts(struct buf *, const char *);
void buf_putc(struct buf *, char);
void buf_printf(struct buf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
char *buf_detach(struct buf *);

/* A list of owned strings. */
struct strlist {
	char **v;
	size_t n;
};

void strlist_add(struct strlist *, const char *);
void strlist_addf(struct strlist *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void strlist_free(struct strlist *);

int str_caseeq(const char *, const char *);
int str_casesuffix(const char *, const char *);
char *str_lower(const char *);
char *str_trim(char *);
int parse_uint(const char *, unsigned long, unsigned long, unsigned long *);
int parse_hex(const char *, size_t, unsigned long *);
size_t utf8_len(const char *);

int file_read(const char *, char **, size_t *, char **);
int file_write_atomic(const char *, const char *, size_t, int, char **);
int file_make_parents(const char *, char **);

#endif
