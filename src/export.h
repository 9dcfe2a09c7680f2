/* export.h - one record set, many formats */
#ifndef MAILWIZ_EXPORT_H
#define MAILWIZ_EXPORT_H

#include <stddef.h>

#include "record.h"

/* The format names, NULL-terminated: "table", "zone", "nsupdate", "csv",
   "json", "xml", "dnscontrol", "octodns", "terraform", "route53". */
extern const char *const export_formats[];

int export_format_valid(const char *);
/* Render a record set in a format; NULL with *cause on failure. */
char *export_render(const struct record_set *, const char *, char **);
/* Render and write atomically (temporary file, then rename). */
int export_write(const struct record_set *, const char *, const char *,
    char **);

/* Append text wrapped at width display columns, the first line after
   `first`, the others after `rest`; ends with a newline. */
void export_wrap(struct buf *, const char *, size_t, const char *,
    const char *);
/* Whether a line of text may not start with this character (closing
   punctuation, Japanese small kana and the prolonged sound mark). */
int export_no_break_before(wchar_t);
/* Columns a string takes on a terminal (wide characters count two). */
size_t export_str_width(const char *);
/* Bytes of the longest start of a string that takes at most cols columns
   (whole characters only). */
size_t export_str_fit(const char *, size_t);
/* Append a string as a JSON string literal (UTF-8 kept, escapes added). */
void export_json_string(struct buf *, const char *);

#endif
