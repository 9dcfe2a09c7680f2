/* dmarc-int.h - what the DMARC files share; dmarc.h is the API */
#ifndef MAILWIZ_DMARC_INT_H
#define MAILWIZ_DMARC_INT_H

#include <stddef.h>

#include "dmarc.h"

/*
 * Check a ','-separated list of report URIs (bare: "mailto:" may be left
 * out). Every item is looked at: *nvalid counts the good ones, items and
 * norm (when not NULL) get them as written and normalized; the first bad
 * one makes the result -1 (dmarc-rua.c).
 */
int dmarc_uri_list(const char *, int, struct strlist *, struct buf *,
    size_t *, char **);

#endif
