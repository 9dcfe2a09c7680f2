/* tap.h - a tiny Test Anything Protocol producer for the unit tests */
#ifndef MAILWIZ_TAP_H
#define MAILWIZ_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n;
static int tap_failed;

/* Report one check; returns the condition so callers can chain. */
static int __attribute__((unused))
tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	fflush(stdout);
	return cond;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* Compare two strings, showing both when they differ. */
#define is(got, want, ...) do {						\
	const char *is_g_ = (got), *is_w_ = (want);			\
	int is_c_ = (is_g_ == NULL && is_w_ == NULL) ||			\
	    (is_g_ != NULL && is_w_ != NULL && strcmp(is_g_, is_w_) == 0); \
	if (!tap_ok(is_c_, __FILE__, __LINE__, __VA_ARGS__)) {		\
		printf("#          got: '%s'\n", is_g_ ? is_g_ : "(null)"); \
		printf("#     expected: '%s'\n", is_w_ ? is_w_ : "(null)"); \
	}								\
} while (0)

/* Compare two integers, showing both when they differ. */
#define is_int(got, want, ...) do {					\
	long long ii_g_ = (got), ii_w_ = (want);			\
	if (!tap_ok(ii_g_ == ii_w_, __FILE__, __LINE__, __VA_ARGS__))	\
		printf("#          got: %lld\n#     expected: %lld\n",	\
		    ii_g_, ii_w_);					\
} while (0)

/* Check that a string contains a piece. */
#define like(got, piece, ...) do {					\
	const char *lk_g_ = (got), *lk_p_ = (piece);			\
	if (!tap_ok(lk_g_ != NULL && strstr(lk_g_, lk_p_) != NULL,	\
	    __FILE__, __LINE__, __VA_ARGS__))				\
		printf("#          got: '%s'\n#  not containing: '%s'\n", \
		    lk_g_ ? lk_g_ : "(null)", lk_p_);			\
} while (0)

/* Print the plan and return the exit status. */
static int __attribute__((unused))
done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed == 0 ? 0 : 1;
}

#endif
