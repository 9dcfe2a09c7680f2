/* dkim-int.h - what the DKIM files share; dkim.h is the API */
#ifndef MAILWIZ_DKIM_INT_H
#define MAILWIZ_DKIM_INT_H

#include "dkim.h"

/*
 * Decode the base64 of p= and read the key it holds, as k= says: an RSA
 * SubjectPublicKeyInfo or bare RSAPublicKey, or 32 Ed25519 bytes. Sets der,
 * derlen, bits, exponent and bare_rsa (dkim-key.c).
 */
int dkim_key_read(struct dkim_key *, const char *, char **);

#endif
