/* paste-int.h - what the paste reader's files share; paste.h is the API */
#ifndef MAILWIZ_PASTE_INT_H
#define MAILWIZ_PASTE_INT_H

#include <stddef.h>

#include "paste.h"

/* How the cells of a table row are separated. */
enum paste_mode {
	PASTE_NONE,
	PASTE_PIPE,		/* | name | type | value | */
	PASTE_COMMA,		/* CSV */
	PASTE_SEMICOLON,	/* CSV the European way */
	PASTE_WORDS		/* zone lines, tab and space tables */
};

/* What a table column or a "Label: value" line holds. */
enum paste_role {
	ROLE_NAME,
	ROLE_TYPE,
	ROLE_VALUE,
	ROLE_PRIORITY,
	ROLE_IGNORE,		/* TTL, status and the like */
	ROLE_UNKNOWN
};
#define PASTE_NROLES 4		/* the roles a record is built from */

/* A cell of a CSV or pipe row, or a word of a line. */
struct paste_field {
	char *text;		/* CSV quotes removed; words as written */
	size_t start;		/* extent in the line */
	size_t end;
	int quoted;		/* began with a double quote */
	int open;		/* the quote was never closed */
	int strong;		/* a tab or 2+ spaces come before it */
};

struct paste_fields {
	struct paste_field *v;
	size_t n;
};

/* The last table header seen: which column holds what. */
struct paste_header {
	enum paste_mode mode;	/* PASTE_NONE when there is none */
	size_t ncols;
	int col[PASTE_NROLES];	/* column of each role, or -1 */
};

/* "Name: ...", "Type: ...", "Value: ..." lines collected so far. */
struct paste_block {
	char *val[PASTE_NROLES];
	size_t at[PASTE_NROLES];	/* line of each value */
	size_t first;		/* line of the first label, 0 when empty */
	int awaiting;		/* role whose value is on the next line */
};

/* A record as read, before it is checked. */
struct paste_cand {
	char *name;
	char *type;
	char *value;
	char *pref;		/* MX preference given apart, or NULL */
	size_t line;		/* where the record starts */
	size_t name_line;	/* where its parts are (blocks span lines) */
	size_t type_line;
	size_t value_line;
};

/* One paste being read: its domain, the result so far, the table header
   and the block in progress, and the first failure. */
struct paste_ctx {
	char *domain;		/* lower case, no trailing dot */
	char *origin;		/* $ORIGIN for relative names */
	char *prose_type;	/* the one type a sentence talked about */
	size_t prose_line;
	struct paste_result *res;
	struct paste_header header;
	struct paste_block block;
	char *cause;
	size_t errline;
};

/* paste.c: failures, notes, candidates. */
/* Record a failure for a line, keeping the first one; returns -1. */
int paste_fail(struct paste_ctx *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));
/* Add a note about a line to the result. */
void paste_warn(struct paste_ctx *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));
/* Give up on a line that has a type word but no readable record. */
int paste_unreadable(struct paste_ctx *, size_t, const char *);
/* Release what a candidate holds. */
void paste_cand_free(struct paste_cand *);

/* paste-line.c: cleaning lines and cutting them up. */
/* Split the paste into lines at LF, CRLF or CR. */
void paste_split_lines(const char *, struct strlist *);
/* Clean a pasted line: no-break spaces, zero-width characters and curly
   quotes become plain spaces and quotes. */
char *paste_clean(const char *);
/* Copy the start of a line for a message, not cutting a UTF-8 character. */
char *paste_show(const char *);
/* Copy a trimmed piece of a string. */
char *paste_trimmed(const char *, size_t);
/* Tell whether a cleaned line is a comment. */
int paste_is_comment(const char *);
/* Tell whether a line only draws a table ("|---|---|", "====="). */
int paste_is_rule(const char *);
/* Skip what starts a list item or a quoted mail line. */
const char *paste_skip_bullet(const char *);
/* Split a row at a separator, with or without CSV quotes. */
void paste_split_cells(const char *, char, int, struct paste_fields *);
/* Skip spaces and tabs, counting them and noting a tab. */
const char *paste_skip_blanks(const char *, size_t *, int *);
/* Split a line into words, noting which start a new column. */
void paste_split_words(const char *, struct paste_fields *);
/* Tell whether some word after the first starts a new column. */
int paste_has_columns(const struct paste_fields *);
/* Group words into columns at tabs and runs of spaces. */
void paste_words_columns(const char *, const struct paste_fields *,
    struct paste_fields *);
/* Release a list of cells or words. */
void paste_fields_free(struct paste_fields *);

/* paste-words.c: the words a paste is read by. */
/* Tell whether s (len bytes) equals word, ignoring ASCII case. */
int paste_word_eq(const char *, size_t, const char *);
/* Tell whether a word names a DNS record type (cell: in any case). */
int paste_is_type(const char *, size_t, int);
/* Tell whether a whole string is a record type word. */
int paste_is_type_str(const char *, int);
/* Tell whether a word is a top-level domain too common to be relative. */
int paste_is_common_tld(const char *);
/* Tell whether a word is a DNS class as zone files write it. */
int paste_is_class(const char *);
/* Tell whether a word is a zone-file TTL: "3600", "1h" or "1h30m". */
int paste_is_ttl(const char *);
/* Tell whether a word is all digits (a preference, maybe out of range). */
int paste_is_digits(const char *);
/* Tell whether a word is a row number or bullet: "1.", "2)". */
int paste_is_rownum(const char *);
/* Tell whether two words are a status or a TTL ("DNS only", "1 hour"). */
int paste_is_extra_pair(const char *, size_t, const char *, size_t);
/* Tell whether a cell or word is a TTL or a status a console shows beside
   a value. */
int paste_is_extra(const char *);
/* Find the role of a column title or label; a leading record type goes to
   the third argument. */
enum paste_role paste_role_of(const char *, size_t, char **);
/* Tell whether a line has a record type among its words at all. */
int paste_has_type_word(const char *);
/* Tell whether a line talks about records ("add these CNAME records:"). */
int paste_is_prose(const char *);
/* Find the one record type a sentence talks about, or NULL. */
char *paste_prose_type(const char *);

/* paste-table.c: headers, CSV and pipe rows, "Label: value" blocks. */
/* Start an empty header. */
void paste_header_init(struct paste_header *, enum paste_mode);
/* Read a header from cells; 1 when it names the columns a record needs. */
int paste_header_cells(const struct paste_fields *, enum paste_mode,
    struct paste_header *);
/* Read a header written with single spaces ("Record name Type Value"). */
int paste_header_words(const char *, const struct paste_fields *,
    struct paste_header *);
/* Tell whether the last header describes a row of this shape. */
int paste_header_fits(const struct paste_header *, enum paste_mode,
    const struct paste_fields *, int);
/* Read a record from a row by the columns of the last header. */
void paste_mapped_cand(const struct paste_header *, const char *,
    const struct paste_fields *, int, struct paste_cand *);
/* Tell whether one of the cells of a row is a record type. */
int paste_cells_have_type(const struct paste_fields *);
/* Read a record from CSV or pipe cells without a header. */
int paste_cells_cand(struct paste_ctx *, size_t, const char *,
    const struct paste_fields *, struct paste_cand *);
/* Read a "Label: value" line; 1 when it is one. */
int paste_key_line(const char *, enum paste_role *, char **, char **);
/* Add a "Label: value" line to the block. */
int paste_block_key(struct paste_ctx *, size_t, enum paste_role,
    const char *, const char *);
/* Turn the "Label: value" lines collected so far into a record. */
int paste_block_flush(struct paste_ctx *);
/* Forget the "Label: value" lines collected so far. */
void paste_block_clear(struct paste_block *);

/* paste-zone.c: zone-file lines and rows of words. */
/* Read a zone-file record in parentheses over several lines as one. */
char *paste_zone_join(struct paste_ctx *, const struct strlist *, size_t *,
    const char *, size_t);
/* Follow a zone-file directive ($ORIGIN, $TTL). */
int paste_directive(struct paste_ctx *, size_t, const char *);
/* Read a record from the words of a zone-file line or a table row. */
int paste_words_cand(struct paste_ctx *, size_t, const char *,
    const struct paste_fields *, struct paste_cand *);
/* Join the quoted strings of a TXT value; -1 with a message (no line). */
int paste_txt_unquote(const char *, char **, char **);

/* paste-name.c: names and targets. */
/* Check the domain the records are for and keep it in lower case. */
int paste_domain(struct paste_ctx *, const char *);
/* Tell whether name is domain or below it. */
int paste_in_domain(const char *, const char *);
/* Turn a pasted name into the host relative to the domain and the FQDN. */
int paste_name(struct paste_ctx *, size_t, const char *, char **, char **);
/* Check the target of a CNAME or MX; lower case, with a trailing dot. */
int paste_target(struct paste_ctx *, size_t, const char *, const char *,
    const char *, char **);

/* paste-add.c: checking a record as read and keeping it. */
/* Check and normalise a record as read, then keep it. */
int paste_add(struct paste_ctx *, const struct paste_cand *);

#endif
