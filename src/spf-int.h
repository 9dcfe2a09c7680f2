/* spf-int.h - what the SPF files share; spf.h is the API */
#ifndef MAILWIZ_SPF_INT_H
#define MAILWIZ_SPF_INT_H

#include <stddef.h>

#include "spf.h"

/* Name a mechanism as RFC 7208 spells it. */
const char *spf_mech_name(enum spf_mech);
/* Parse one term; the cause names the term but not its column. */
int spf_term_parse(const char *, size_t, struct spf_term *, char **);
/* Release what one term owns. */
void spf_term_free(struct spf_term *);

#endif
