/* dkim.h - RFC 6376 DKIM key records (the TXT at selector._domainkey) */
#ifndef MAILWIZ_DKIM_H
#define MAILWIZ_DKIM_H

#include <stddef.h>

#include "util.h"

#define DKIM_WEAK_BITS 1024	/* RFC 8301 3.2: smaller RSA keys fail */

struct dkim_key {
	char *v;		/* "DKIM1", or NULL when not written */
	char *k;		/* "rsa" (the default) or "ed25519" */
	char *h;		/* acceptable hash algorithms, or NULL */
	char *s;		/* service types as written, or NULL */
	char *t;		/* flags as written, or NULL */
	char *n;		/* notes as written, or NULL */
	char *p;		/* public key, base64 without white space */
	int revoked;		/* p= is empty: the key was withdrawn */
	int bits;		/* RSA modulus bits, 256 for ed25519 */
	unsigned long exponent;	/* RSA exponent, 0 when too large */
	int bare_rsa;		/* p= is an RSAPublicKey, not a
				   SubjectPublicKeyInfo */
	int testing;		/* t=y: the domain is testing DKIM */
	int strict;		/* t=s: no subdomains in i= */
	unsigned char *der;	/* the decoded p= bytes */
	size_t derlen;
	struct strlist unknown;	/* "name=value" of unknown tags */
	struct strlist notes;	/* findings that are not errors */
};

/*
 * Parse a key record "v=DKIM1; k=rsa; p=...". An empty p= is not an error:
 * the key is revoked (revoked is set, bits is 0). On failure returns -1 with
 * *cause set and *out left empty; on success dkim_key_free releases *out.
 */
int dkim_key_parse(const char *, struct dkim_key *, char **);
void dkim_key_free(struct dkim_key *);
/* Tell whether an RSA key is too short for receivers (under 1024 bits). */
int dkim_key_weak(const struct dkim_key *);
/* Check a selector (the part before "._domainkey") for sub-domain syntax. */
int dkim_selector_valid(const char *, char **);

#endif
