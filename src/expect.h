/* expect.h - reading back the records an export file says to publish */
#ifndef MAILWIZ_EXPECT_H
#define MAILWIZ_EXPECT_H

#include "record.h"

/*
 * Read the records a file says should be published, in any export format
 * (see export.h): the format is detected from the content, the file name's
 * extension only breaks a tie. domain is the domain in A-label form if known
 * (needed for formats with host-only names), or NULL to take it from the
 * file. On success rs is record_set_init'ed with the domain and holds every
 * record with name, host, type, ttl, value and purpose (as the file gives
 * it, or guessed: "spf", "dmarc", "dkim" or "other"); action, replaces and
 * why are filled where the format carries them. Records marked "keep" are
 * expected too. Returns -1 with *cause ("FILE:LINE: what is wrong (read as
 * FORMAT)") on failure; rs then holds nothing and may still be passed to
 * record_set_free.
 */
int expect_read(const char *text, const char *path, const char *domain,
    struct record_set *rs, char **cause);

/* Read a file ("-" for standard input) and then expect_read() it. */
int expect_read_file(const char *path, const char *domain,
    struct record_set *rs, char **cause);

/*
 * The export format name ("zone", "json", ...) expect_read would read a
 * text as; path may be NULL.
 */
const char *expect_detect(const char *text, const char *path);

#endif
