/* catalog-int.h - what the catalog's files share; catalog.h is the API */
#ifndef MAILWIZ_CATALOG_INT_H
#define MAILWIZ_CATALOG_INT_H

#include <libxml/tree.h>

#include "catalog.h"

/* One load in progress: the file and the first error met. */
struct load {
	const char *path;
	char *error;		/* "file:line: what is wrong" */
	int error_line;		/* the error has a line number */
};

/* Fail the load at the line of a node (NULL: none); returns -1. */
int catalog_fail(struct load *, xmlNode *, const char *, ...)
    __attribute__((format(printf, 3, 4)));
/* Read the whole, already validated, document into the catalog
   (catalog-read.c). */
int catalog_read(struct load *, xmlDoc *, struct catalog *);

#endif
