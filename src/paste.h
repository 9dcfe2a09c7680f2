/* paste.h - reading DNS records the administrator pastes from an e-mail or
   a provider's panel */
#ifndef MAILWIZ_PASTE_H
#define MAILWIZ_PASTE_H

#include <stddef.h>

#include "util.h"

struct paste_record {
	char *host;		/* relative to the domain ("@" for the apex) */
	char *name;		/* FQDN, A-labels, trailing dot */
	char *type;		/* upper case: "CNAME", "TXT", "MX" */
	char *value;		/* CNAME/MX target with trailing dot; TXT
				   joined and unquoted */
	size_t line;		/* 1-based line of the paste it came from */
};

struct paste_result {
	struct paste_record *records;
	size_t nrecords;
	struct strlist warnings;	/* "line N: ..." notes, translated */
};

/*
 * Read pasted records for a domain (A-label form, no trailing dot). Accepts
 * zone-file lines, CSV with or without a header, "Name Type Value" tables
 * separated by tabs or spaces, names with or without the domain appended,
 * with or without trailing dots. A doubled domain ("x._domainkey.example.com.
 * example.com") is repaired and noted in warnings. Returns -1 with *cause
 * ("line N: what is wrong and what to do") and *errline set on the first bad
 * line; blank lines and comments are skipped.
 */
int paste_read(const char *, const char *, struct paste_result *, char **,
    size_t *);
void paste_result_free(struct paste_result *);

#endif
