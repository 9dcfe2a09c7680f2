/* taglist.h - tag=value lists, as DKIM (RFC 6376 3.2) and DMARC (RFC 7489
   6.4) records write them */
#ifndef MAILWIZ_TAGLIST_H
#define MAILWIZ_TAGLIST_H

#include <stddef.h>

#include "util.h"

#define TAGLIST_ALPHA(c) \
    (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define TAGLIST_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define TAGLIST_WSP(c) ((c) == ' ' || (c) == '\t')
#define TAGLIST_FWS(c) (TAGLIST_WSP(c) || (c) == '\r' || (c) == '\n')

/* How a list is read, for taglist_split and taglist_item. */
#define TAGLIST_CRLF	0x1	/* CR and LF are white space too (FWS) */
#define TAGLIST_LOWER	0x2	/* names are case-insensitive: lower them */
#define TAGLIST_UNIQUE	0x4	/* a name written twice is an error */

/* One tag=value pair. */
struct taglist_tag {
	char *name;		/* as written, or lower-cased */
	char *value;		/* without the white space around it */
	size_t column;		/* 1-based column of the name */
};

/*
 * Split a record into its tag=value pairs, checking the tag-list syntax;
 * -1 with *cause for the first error, or when there is no tag at all.
 */
int taglist_split(const char *, int, struct taglist_tag **, size_t *,
    char **);
/* Release the tags of a record. */
void taglist_free(struct taglist_tag *, size_t);
/*
 * Cut the next item of a list separated by a character, without the white
 * space around it, and move past the separator: 1 when another item
 * follows, 0 after the last.
 */
int taglist_item(const char **, char, int, const char **, size_t *);
/* Describe one byte for a message: the character itself or its code. */
char *taglist_byte_show(unsigned char);

#endif
