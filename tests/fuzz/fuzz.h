/* fuzz.h - what the fuzz targets share (tests/fuzz/common.c) */
#ifndef MAILWIZ_FUZZ_H
#define MAILWIZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* The entry point libFuzzer (or tests/fuzz/replay.c) calls with each
   input; a target that needs set-up does it on the first call. */
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A NUL-terminated copy of the input (an embedded NUL ends the string
   early, as it would for text read with file_read). */
char *fuzz_text(const uint8_t *, size_t);
/* The top of the source tree: MAILWIZ_TOP, else the directory the target
   was built from. */
const char *fuzz_top(void);
/* A new private directory under TMPDIR (or /tmp); aborts when it cannot
   be made. */
char *fuzz_tmpdir(void);
/* Write bytes to a new file; aborts on failure. */
void fuzz_write(const char *, const void *, size_t);
/* Remove the files named (relative to dir), then the directory. */
void fuzz_rmdir(const char *, const char *const *, size_t);
/* Say why an input was refused, when FUZZ_VERBOSE is set (to see what a
   seed reaches); a NULL cause means it was accepted. */
void fuzz_note(const char *, const char *);
/* Abort with a message: an assertion of the target failed. */
void fuzz_fail(const char *, ...)
    __attribute__((format(printf, 1, 2), noreturn));

#endif
