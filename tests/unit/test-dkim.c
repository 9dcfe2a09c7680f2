/* test-dkim.c - DKIM key records: tags, base64, DER, selectors */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "dkim.h"

/*
 * Real keys made with openssl (see each comment), public halves only:
 * openssl genrsa -out k.pem BITS;
 * openssl rsa -in k.pem -pubout -outform DER | base64 -w0
 */
/* openssl genrsa 512, -pubout -outform DER */
static const char key_rsa512[] =
    "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBALTn3W7UxtZ9dJ4I+DnIhcDRneBkT8Si"
    "iOXClXvR5wYRQLP5Ip4tHnLqbpD2sMgzvPn0ruvt7uexBHZ0A6tZBv8CAwEAAQ==";

/* openssl genrsa 1023: the top modulus byte has 7 bits */
static const char key_rsa1023[] =
    "MIGeMA0GCSqGSIb3DQEBAQUAA4GMADCBiAKBgFlWW/NcjoA52UZz9g8RAFOsbP1g"
    "zABSf6VdCXpwtgcYZh2okwsRLgMKo4ERXwZ4UPdEbP5Poe5XaJLbFDBIk3V5tLSJ"
    "KxRR1HtbleT7Yr7HEdRciC1FD5UhA6gEc5Y5VS7fg4Cf3cTl9Iao3DAzwkxmQ9N0"
    "ZACuS6yi1NGdtvXZAgMBAAE=";

/* openssl genrsa 1024 */
static const char key_rsa1024[] =
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCiSuBJHeQAiFvqbBZhpxTMq3Ha"
    "x0bvi9gsSTqvpWa+H8O006m1jvt08peo7rxPscEyu2cvGjTpKxHQJRlzK4s8ZxFq"
    "kbBCegSrm/dVASPgWydjsIiupm6o2CYG0Nj9ujX8sNm4hRm0eOaxV9bJ4mUd7Ul9"
    "3K01MJBM7auIusw6pQIDAQAB";

/* openssl genrsa 2048 */
static const char key_rsa2048[] =
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxUkQhY/iMe2GmURuH9LJ"
    "2QktL89oGRMLEmWtXTHLrytl+U78/qMxPniq5BGMp9fKK8igWSAtB0VWTjoxItiC"
    "gbMXWjX6IWa6mQN4vV+Aa99K40dI1BW9NVTnClf0RtMyTdhms9UfQf53SyEcYX6O"
    "BRJD8C7NrZL5VmZwYCCLxtroP/syi9SP4WoGJ3jVzIGGIy0UrbJ3Xj2/LMe5DeHu"
    "B4wC0F/9lBPR6YdZHtu7OhnfCTRhcFAHy8NjCCxS5pqjCVKNNxzXaA2B0lK+d2rv"
    "qOkEwoa6J2uYeBCNzbfqwxd3Yj8RokGfzHw/hhcqaMW/jcw6Zdwj4zfu4ociN4GM"
    "4wIDAQAB";

/* openssl genrsa 4096 */
static const char key_rsa4096[] =
    "MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEA1wD95VSdLkTFtEeRzlA/"
    "Rrd1t1eGF0m0oDMEqO3M8wUlTKsXhH/YzOofTI8ifi35Sjq95ZWvVigCL9Qfcjqj"
    "GJVknWEpUMoj4gW19Po0CFMp2Ut1IbP+bmMRSIroV7E82yGD+rysKs3P5Dn/NEVx"
    "vWg1GR5dsQvaf8OSdV/vuSXTCoD/IAGbqkUgeas2tkD/78K/tzl96MGgjNVmtHVE"
    "AEm52nZ/mjtRmjpsaAkqfJ8OIgHUov+wGYDOLd+7lV3Yz34dZ705uDJYe9KMui8/"
    "FvtX4V3EJJf1VDViJRV2LuaM+OMaFqZryyo3EFmifZoow2Hk+8tGWSeibtWeq91c"
    "omLDm2yhOzf9Uj748HDg8Tt8ipjIFUZ8Ii1VHf+P6XFNW6olhn2XCVFIqFprXu/g"
    "BMpqhZE9XGRyLFzJ+89+qSD2PXynCBrsE1aMobfLXdtUWJHlYP2VqRLirql+ch84"
    "nU8DQ7MRZQQSLvzMVqjTZrjVtXpxQunsjgI8ZsfB1rzmc4II+zRmbHGjR3Uz3aGa"
    "QzZUIpWvSJvtkQjyeGDHG6Jj00rAB8xk0tVMEJ3qpg2z3mZgGvxACUpHFAgI1f55"
    "ovNvJSQ88YBFc0Z0KfcoY7uYdUw4BwmvlRpH9ZCcMTGOtNrJpjy8z9O6NQeVtPVS"
    "3DN1s0oU4QNRKzpKFAJv0L8CAwEAAQ==";

/* the 1024-bit key, openssl rsa -RSAPublicKey_out */
static const char key_bare1024[] =
    "MIGJAoGBAKJK4Ekd5ACIW+psFmGnFMyrcdrHRu+L2CxJOq+lZr4fw7TTqbWO+3Ty"
    "l6juvE+xwTK7Zy8aNOkrEdAlGXMrizxnEWqRsEJ6BKub91UBI+BbJ2OwiK6mbqjY"
    "JgbQ2P26Nfyw2biFGbR45rFX1sniZR3tSX3crTUwkEztq4i6zDqlAgMBAAE=";

/* the 2048-bit key, openssl rsa -RSAPublicKey_out */
static const char key_bare2048[] =
    "MIIBCgKCAQEAxUkQhY/iMe2GmURuH9LJ2QktL89oGRMLEmWtXTHLrytl+U78/qMx"
    "Pniq5BGMp9fKK8igWSAtB0VWTjoxItiCgbMXWjX6IWa6mQN4vV+Aa99K40dI1BW9"
    "NVTnClf0RtMyTdhms9UfQf53SyEcYX6OBRJD8C7NrZL5VmZwYCCLxtroP/syi9SP"
    "4WoGJ3jVzIGGIy0UrbJ3Xj2/LMe5DeHuB4wC0F/9lBPR6YdZHtu7OhnfCTRhcFAH"
    "y8NjCCxS5pqjCVKNNxzXaA2B0lK+d2rvqOkEwoa6J2uYeBCNzbfqwxd3Yj8RokGf"
    "zHw/hhcqaMW/jcw6Zdwj4zfu4ociN4GM4wIDAQAB";

/* openssl genpkey RSA 1024 bits, rsa_keygen_pubexp:3 */
static const char key_rsa1024_e3[] =
    "MIGdMA0GCSqGSIb3DQEBAQUAA4GLADCBhwKBgQC91NrsUAw8735p9B2HL2o5KgbG"
    "saRLb+yPSnYcG3pvG0F9xXLEp93vxnP5rPpor6NWRaum4zG7Ozp4el5cNk2EOYET"
    "rLpB9WKi42DnwU4Gl3qHWS1qcYYZ74R5mBvoLayXfxJo9hziQYNQOi0y6apGHIy5"
    "hjF7wYuxCtGl6zOJPwIBAw==";

/* openssl genpkey ed25519: the last 32 bytes of the DER */
static const char key_ed25519[] =
    "/OyBjuE8h3M+nm4uqjjI2IaWihuaNYs3Q4tKG4RsldM=";

/* the same ed25519 key as a SubjectPublicKeyInfo */
static const char key_ed25519_spki[] =
    "MCowBQYDK2VwAyEA/OyBjuE8h3M+nm4uqjjI2IaWihuaNYs3Q4tKG4RsldM=";

/* openssl ecparam prime256v1: not RSA */
static const char key_p256[] =
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEK5KX/6l+nlrrL+agfBKtBGQaSJ2R"
    "M0QviaDSZFVmzDYPBn9rm/xSXa9M9xrZvB5SWiQ+zkoromuXwZ32FQc4jA==";

/* A byte string for building DER by hand. */
struct bytes {
	unsigned char d[20000];
	size_t n;
};

static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Encode bytes as padded base64, the way openssl does. */
static char *
b64(const unsigned char *d, size_t n)
{
	char *out, *o;
	size_t i;
	uint32_t v;

	out = o = malloc(n / 3 * 4 + 5);
	for (i = 0; i + 2 < n; i += 3) {
		v = (uint32_t)d[i] << 16 | (uint32_t)d[i + 1] << 8 | d[i + 2];
		*o++ = b64chars[v >> 18];
		*o++ = b64chars[(v >> 12) & 63];
		*o++ = b64chars[(v >> 6) & 63];
		*o++ = b64chars[v & 63];
	}
	if (n - i == 1) {
		v = (uint32_t)d[i] << 16;
		*o++ = b64chars[v >> 18];
		*o++ = b64chars[(v >> 12) & 63];
		*o++ = '=';
		*o++ = '=';
	} else if (n - i == 2) {
		v = (uint32_t)d[i] << 16 | (uint32_t)d[i + 1] << 8;
		*o++ = b64chars[v >> 18];
		*o++ = b64chars[(v >> 12) & 63];
		*o++ = b64chars[(v >> 6) & 63];
		*o++ = '=';
	}
	*o = '\0';
	return out;
}

/* Parse "k=TYPE; p=BASE64(bytes)"; returns the result, fills key and cause. */
static int
parse_bytes(const char *k, const unsigned char *d, size_t n,
    struct dkim_key *key, char **cause)
{
	char *p, *rec;
	int rc;

	p = b64(d, n);
	rec = malloc(strlen(p) + 64);
	snprintf(rec, strlen(p) + 64, "v=DKIM1; k=%s; p=%s", k, p);
	*cause = NULL;
	rc = dkim_key_parse(rec, key, cause);
	free(rec);
	free(p);
	return rc;
}

/* Tell whether a failed parse left the key empty, as promised. */
static int
key_empty(const struct dkim_key *key)
{
	return key->v == NULL && key->k == NULL && key->p == NULL &&
	    key->der == NULL && key->bits == 0 && key->unknown.n == 0 &&
	    key->notes.n == 0;
}

/* Append bytes. */
static void
put(struct bytes *b, const void *p, size_t n)
{
	memcpy(b->d + b->n, p, n);
	b->n += n;
}

/* Append a DER element with a minimal length. */
static void
tlv(struct bytes *out, unsigned char tag, const struct bytes *c)
{
	unsigned char h[6];
	size_t hn = 0;

	h[hn++] = tag;
	if (c->n < 0x80)
		h[hn++] = (unsigned char)c->n;
	else if (c->n < 0x100) {
		h[hn++] = 0x81;
		h[hn++] = (unsigned char)c->n;
	} else {
		h[hn++] = 0x82;
		h[hn++] = (unsigned char)(c->n >> 8);
		h[hn++] = (unsigned char)c->n;
	}
	put(out, h, hn);
	put(out, c->d, c->n);
}

enum variant {
	V_PLAIN,
	V_NO_NULL,		/* AlgorithmIdentifier without parameters */
	V_NULL_CONTENT,		/* NULL holding a byte */
	V_UNUSED_BITS,		/* BIT STRING with 1 unused bit */
	V_EC_OID,		/* id-ecPublicKey instead of rsaEncryption */
	V_LONG_OID,		/* an OID arc too large to print */
	V_EXTRA_RSA,		/* a third INTEGER in RSAPublicKey */
	V_EXTRA_ALG,		/* a byte after NULL */
	V_EXTRA_SPKI,		/* a byte after the BIT STRING */
	V_EXTRA_BITS,		/* a byte after RSAPublicKey, in the BIT
				   STRING */
	V_EMPTY_BITS,		/* BIT STRING with no content at all */
	V_BARE			/* only RSAPublicKey */
};

/* Build a public key from its numbers, with a chosen defect. */
static void
spki(struct bytes *out, const struct bytes *n, const struct bytes *e,
    enum variant v)
{
	static const unsigned char rsa[] = {
		0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01
	};
	static const unsigned char ec[] = {
		0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01
	};
	static const unsigned char big[] = {
		0x2a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0x7f
	};
	static struct bytes ints, seq, alg, algseq, bits, bitstr, all;

	ints.n = seq.n = alg.n = algseq.n = bits.n = bitstr.n = all.n = 0;
	tlv(&ints, 0x02, n);
	tlv(&ints, 0x02, e);
	if (v == V_EXTRA_RSA)
		tlv(&ints, 0x02, e);
	tlv(&seq, 0x30, &ints);
	if (v == V_BARE) {
		out->n = 0;
		put(out, seq.d, seq.n);
		return;
	}
	if (v == V_EC_OID) {
		put(&alg, "\x06\x07", 2);
		put(&alg, ec, sizeof ec);
	} else if (v == V_LONG_OID) {
		put(&alg, "\x06\x0c", 2);
		put(&alg, big, sizeof big);
	} else {
		put(&alg, "\x06\x09", 2);
		put(&alg, rsa, sizeof rsa);
	}
	if (v == V_NULL_CONTENT)
		put(&alg, "\x05\x01\x00", 3);
	else if (v != V_NO_NULL)
		put(&alg, "\x05\x00", 2);
	if (v == V_EXTRA_ALG)
		put(&alg, "\x00", 1);
	tlv(&algseq, 0x30, &alg);
	put(&bits, v == V_UNUSED_BITS ? "\x01" : "\x00", 1);
	put(&bits, seq.d, seq.n);
	if (v == V_EXTRA_BITS)
		put(&bits, "\x00", 1);
	if (v == V_EMPTY_BITS)
		bits.n = 0;
	tlv(&bitstr, 0x03, &bits);
	put(&algseq, bitstr.d, bitstr.n);
	if (v == V_EXTRA_SPKI)
		put(&algseq, "\x05\x00", 2);
	out->n = 0;
	tlv(out, 0x30, &algseq);
}

/* A modulus of nbytes bytes: top byte as given, odd, a leading zero when
   the top bit is set. */
static void
modulus(struct bytes *n, size_t nbytes, unsigned char top)
{
	size_t i;

	n->n = 0;
	if (top & 0x80)
		put(n, "\x00", 1);
	put(n, &top, 1);
	for (i = 1; i < nbytes; i++)
		n->d[n->n++] = (unsigned char)(0x5a + i);
	n->d[n->n - 1] |= 1;
}

/* Parse a hand-built key; returns rc and leaves cause to the caller. */
static int
parse_built(const struct bytes *b, struct dkim_key *key, char **cause)
{
	return parse_bytes("rsa", b->d, b->n, key, cause);
}

/* Decode base64 with the module itself, through an ed25519 record. */
static void
test_real_keys(void)
{
	static const struct {
		const char *b64;
		int bits;
		int bare;
		int weak;
		unsigned long e;
	} keys[] = {
		{ key_rsa512, 512, 0, 1, 65537 },
		{ key_rsa1023, 1023, 0, 1, 65537 },
		{ key_rsa1024, 1024, 0, 0, 65537 },
		{ key_rsa2048, 2048, 0, 0, 65537 },
		{ key_rsa4096, 4096, 0, 0, 65537 },
		{ key_bare1024, 1024, 1, 0, 65537 },
		{ key_bare2048, 2048, 1, 0, 65537 },
		{ key_rsa1024_e3, 1024, 0, 0, 3 },
	};
	struct dkim_key key;
	char *cause, *rec, *again;
	size_t i;
	int rc;

	for (i = 0; i < nitems(keys); i++) {
		rec = malloc(strlen(keys[i].b64) + 32);
		snprintf(rec, strlen(keys[i].b64) + 32, "v=DKIM1; k=rsa; p=%s",
		    keys[i].b64);
		cause = NULL;
		rc = dkim_key_parse(rec, &key, &cause);
		is_int(rc, 0, "key %zu (%d bits) parses", i, keys[i].bits);
		is(cause, NULL, "key %zu: no cause", i);
		is_int(key.bits, keys[i].bits, "key %zu: %d bits", i,
		    keys[i].bits);
		is_int(key.bare_rsa, keys[i].bare, "key %zu: bare form %d", i,
		    keys[i].bare);
		is_int(key.notes.n, keys[i].bare, "key %zu: %d notes", i,
		    keys[i].bare);
		if (keys[i].bare)
			like(key.notes.v[0], "RSAPublicKey",
			    "key %zu: the note names the bare form", i);
		is_int(dkim_key_weak(&key), keys[i].weak, "key %zu: weak %d",
		    i, keys[i].weak);
		is_int((long long)key.exponent, (long long)keys[i].e,
		    "key %zu: exponent %lu", i, keys[i].e);
		is(key.v, "DKIM1", "key %zu: v kept", i);
		is(key.k, "rsa", "key %zu: k kept", i);
		is(key.p, keys[i].b64, "key %zu: p kept", i);
		is_int(key.revoked, 0, "key %zu: not revoked", i);
		again = b64(key.der, key.derlen);
		is(again, keys[i].b64, "key %zu: decoded bytes re-encode to "
		    "what openssl wrote", i);
		free(again);
		dkim_key_free(&key);
		free(rec);
		free(cause);
	}

	rc = dkim_key_parse(key_rsa2048, &key, &cause);
	is_int(rc, -1, "base64 alone is not a record");
	like(cause, "'=' ", "it is read as a tag with a bad name");
	free(cause);
}

/* White space inside p= and around tags is folding white space. */
static void
test_whitespace(void)
{
	static const char *seps[] = { " ", "\t", "\r\n ", "  \t " };
	struct dkim_key key;
	char rec[2048], *cause = NULL;
	size_t i, j, o, c, len;
	int rc;

	len = strlen(key_rsa2048);
	for (i = 0; i < nitems(seps); i++) {
		for (j = 1; j < 70; j += 17) {
			o = (size_t)snprintf(rec, sizeof rec, "v=DKIM1; p=");
			for (c = 0; c < len; c++) {
				if (c != 0 && c % j == 0)
					o += (size_t)snprintf(rec + o,
					    sizeof rec - o, "%s", seps[i]);
				rec[o++] = key_rsa2048[c];
			}
			rec[o] = '\0';
			rc = dkim_key_parse(rec, &key, &cause);
			is_int(rc, 0, "separator %zu every %zu characters",
			    i, j);
			is_int(key.bits, 2048, "still 2048 bits");
			is(key.p, key_rsa2048,
			    "p= stored without white space");
			dkim_key_free(&key);
		}
	}

	/* padding split by white space: base64string in RFC 6376 3.2 */
	len = strlen(key_rsa512);
	snprintf(rec, sizeof rec, " v = DKIM1 ;\tk = rsa ; p = %.*s = = ; ",
	    (int)(len - 2), key_rsa512);
	rc = dkim_key_parse(rec, &key, &cause);
	is_int(rc, 0, "white space around tags and between '=' pads");
	is_int(key.bits, 512, "512 bits");
	is(key.v, "DKIM1", "v value trimmed");
	dkim_key_free(&key);

	snprintf(rec, sizeof rec, "k=rsa; t=s; p=%s", key_rsa1024);
	rc = dkim_key_parse(rec, &key, &cause);
	is_int(rc, 0, "no v= is fine (SendGrid style)");
	is(key.v, NULL, "v absent");
	is_int(key.strict, 1, "t=s read");
	is_int(key.testing, 0, "not testing");
	dkim_key_free(&key);

	snprintf(rec, sizeof rec, "p=%s", key_rsa1024);
	rc = dkim_key_parse(rec, &key, &cause);
	is_int(rc, 0, "p= alone");
	is(key.k, "rsa", "k defaults to rsa");
	dkim_key_free(&key);
}

/* An empty p= is a revoked key, not an error. */
static void
test_revoked(void)
{
	static const char *recs[] = {
		"v=DKIM1; p=", "v=DKIM1; k=rsa; p= ;", "p=", "p=;",
		"k=ed25519; p=  \t ", "v=DKIM1; p=; n=revoked 2024"
	};
	struct dkim_key key;
	char *cause = NULL;
	size_t i;

	for (i = 0; i < nitems(recs); i++) {
		is_int(dkim_key_parse(recs[i], &key, &cause), 0,
		    "revoked record '%s' parses", recs[i]);
		is_int(key.revoked, 1, "revoked set");
		is_int(key.bits, 0, "no bits");
		is(key.p, "", "p empty");
		is_int(dkim_key_weak(&key), 0, "a revoked key is not weak");
		dkim_key_free(&key);
	}
}

/* Ed25519 keys are 32 raw bytes (RFC 8463). */
static void
test_ed25519(void)
{
	struct dkim_key key;
	char rec[256], *cause = NULL;
	unsigned char raw[40];
	size_t n;

	snprintf(rec, sizeof rec, "v=DKIM1; k=ed25519; p=%s", key_ed25519);
	is_int(dkim_key_parse(rec, &key, &cause), 0, "ed25519 key parses");
	is_int(key.bits, 256, "256 bits");
	is(key.k, "ed25519", "k kept");
	is_int(key.derlen, 32, "32 bytes");
	is_int(dkim_key_weak(&key), 0, "ed25519 is not weak");
	memcpy(raw, key.der, 32);
	dkim_key_free(&key);

	snprintf(rec, sizeof rec, "v=DKIM1; k=ed25519; p=%s",
	    key_ed25519_spki);
	is_int(dkim_key_parse(rec, &key, &cause), -1, "wrapped ed25519");
	like(cause, "SubjectPublicKeyInfo", "says it is wrapped");
	ok(key_empty(&key), "key left empty");
	free(cause);

	snprintf(rec, sizeof rec, "v=DKIM1; k=rsa; p=%s", key_ed25519_spki);
	is_int(dkim_key_parse(rec, &key, &cause), -1, "ed25519 SPKI as rsa");
	like(cause, "k=ed25519", "suggests k=ed25519");
	free(cause);

	snprintf(rec, sizeof rec, "v=DKIM1; k=rsa; p=%s", key_p256);
	is_int(dkim_key_parse(rec, &key, &cause), -1, "P-256 key as rsa");
	is(cause, "the key is not an RSA public key: its algorithm is "
	    "1.2.840.10045.2.1, not rsaEncryption (1.2.840.113549.1.1.1)",
	    "names the algorithm of an elliptic-curve key");
	free(cause);

	snprintf(rec, sizeof rec, "v=DKIM1; p=%s", key_ed25519);
	is_int(dkim_key_parse(rec, &key, &cause), -1, "raw ed25519 as rsa");
	like(cause, "the key is not an RSA public key", "not RSA");
	free(cause);

	for (n = 1; n < 40; n++) {
		if (n == 32)
			continue;
		memset(raw + 32, 0x11, 8);
		is_int(parse_bytes("ed25519", raw, n, &key, &cause), -1,
		    "%zu-byte ed25519 key fails", n);
		like(cause, "32 bytes", "says 32 bytes");
		free(cause);
	}
}

/* Tag-level errors, each with its own message. */
static void
test_tag_errors(void)
{
	static const struct {
		const char *rec;
		const char *cause;
	} bad[] = {
		{ "", "the record is empty" },
		{ "  \t ", "the record is empty" },
		{ "v=DKIM1;; p=", "empty tag at character 9" },
		{ ";p=", "empty tag at character 1" },
		{ "v=DKIM1; p", "tag 'p' has no '=' (character 10)" },
		{ "v=DKIM1; p;", "tag 'p' has no '='" },
		{ "v=DKIM1; p-x=1", "tag 'p' is followed by '-'" },
		{ "v=DKIM1; 1p=", "must start with a letter, not '1'" },
		{ "v=DKIM1; =x", "must start with a letter, not '='" },
		{ "v=DKIM1; n=caf\xc3\xa9; p=", "byte 0xc3" },
		{ "v=DKIM1; n=a\001b; p=", "byte 0x01" },
		{ "k=rsa; v=DKIM1; p=", "v= must be the first tag" },
		{ "p=; v=DKIM1", "at character 5" },
		{ "v=DKIM2; p=", "v= must be 'DKIM1', not 'DKIM2'" },
		{ "v=dkim1; p=", "not 'dkim1'" },
		{ "v=; p=", "not ''" },
		{ "v=DKIM1; k=dsa; p=",
		    "k= must be 'rsa' or 'ed25519', not 'dsa'" },
		{ "v=DKIM1; k=RSA; p=", "not 'RSA'" },
		{ "v=DKIM1; k=; p=", "not ''" },
		{ "v=DKIM1; k=rsa", "p= is missing: a DKIM key record" },
		{ "v=DKIM1; k=rsa; P=abcd", "'P=' is not 'p='" },
		{ "v=DKIM1; p=; p=", "tag 'p' appears more than once" },
		{ "k=rsa; k=rsa; p=", "tag 'k' appears more than once" },
		{ "v=DKIM1; v=DKIM1; p=", "tag 'v' appears more than once" },
		{ "x=1; y=2; x=3; p=", "tag 'x' appears more than once" },
		{ "v=DKIM1; h=sha256:; p=", "h= must be hash names" },
		{ "v=DKIM1; h=sha-; p=", "not 'sha-'" },
		{ "v=DKIM1; h=*; p=", "h= must be" },
		{ "v=DKIM1; h=; p=", "h= must be" },
		{ "v=DKIM1; s=em ail; p=", "s= must be service types" },
		{ "v=DKIM1; s=; p=", "s= must be" },
		{ "v=DKIM1; t=y::s; p=", "t= must be flags" },
		{ "v=DKIM1; t=1; p=", "t= must be flags" },
	};
	struct dkim_key key;
	char *cause;
	size_t i;

	for (i = 0; i < nitems(bad); i++) {
		cause = NULL;
		is_int(dkim_key_parse(bad[i].rec, &key, &cause), -1,
		    "bad record %zu fails", i);
		like(cause, bad[i].cause, "bad record %zu: cause", i);
		ok(key_empty(&key), "bad record %zu: key left empty", i);
		free(cause);
	}
}

/* The optional tags and the notes they bring. */
static void
test_optional_tags(void)
{
	static const struct {
		const char *tags;
		size_t notes;
		const char *note;
		int testing, strict;
	} good[] = {
		{ "h=sha256", 0, NULL, 0, 0 },
		{ "h=sha1 : sha256", 0, NULL, 0, 0 },
		{ "h=sha1", 1, "sha256", 0, 0 },
		{ "h=sha512-x", 1, "sha256", 0, 0 },
		{ "s=email", 0, NULL, 0, 0 },
		{ "s=*", 0, NULL, 0, 0 },
		{ "s=tlsrpt:email", 0, NULL, 0, 0 },
		{ "s=tlsrpt", 1, "cannot sign email", 0, 0 },
		{ "t=y", 1, "testing", 1, 0 },
		{ "t=s", 0, NULL, 0, 1 },
		{ "t=y:s", 1, "testing", 1, 1 },
		{ "t=s:x-future", 0, NULL, 0, 1 },
		{ "h=sha1; s=tlsrpt; t=y", 3, "sha256", 1, 0 },
	};
	struct dkim_key key;
	char rec[512], *cause = NULL;
	size_t i;

	for (i = 0; i < nitems(good); i++) {
		snprintf(rec, sizeof rec, "v=DKIM1; %s; p=%s", good[i].tags,
		    key_rsa1024);
		is_int(dkim_key_parse(rec, &key, &cause), 0, "'%s' parses",
		    good[i].tags);
		is_int(key.notes.n, good[i].notes, "'%s': %zu notes",
		    good[i].tags, good[i].notes);
		if (good[i].note != NULL && key.notes.n > 0)
			like(key.notes.v[0], good[i].note, "'%s': note",
			    good[i].tags);
		is_int(key.testing, good[i].testing, "'%s': testing",
		    good[i].tags);
		is_int(key.strict, good[i].strict, "'%s': strict",
		    good[i].tags);
		dkim_key_free(&key);
	}

	snprintf(rec, sizeof rec, "v=DKIM1; g=*; n=a note here; x_y=1; "
	    "k=rsa; h=sha256; s=email; t=s; p=%s", key_rsa1024);
	is_int(dkim_key_parse(rec, &key, &cause), 0, "all tags parse");
	is_int(key.unknown.n, 2, "two unknown tags");
	is(key.unknown.v[0], "g=*", "g= kept as unknown (gone in RFC 6376)");
	is(key.unknown.v[1], "x_y=1", "x_y= kept");
	is(key.n, "a note here", "n= kept with inner spaces");
	is(key.h, "sha256", "h kept");
	is(key.s, "email", "s kept");
	is(key.t, "s", "t kept");
	dkim_key_free(&key);
}

/* Broken base64 in p=, each reported at its character. */
static void
test_base64(void)
{
	static const struct {
		const char *p;
		const char *cause;
	} bad[] = {
		{ "MFww!QYJ",
		    "at character 5: '!' is not a base64 character" },
		{ "MFww DQY-", "at character 9: '-' belongs to base64url" },
		{ "MFww_QYJ", "at character 5: '_' belongs to base64url" },
		{ "M=wwDQYJ", "at character 2: '=' can only pad" },
		{ "MF=wDQYJ", "at character 2: the unused bits" },
		{ "MA=wDQYJ", "at character 4: data after the '=' padding" },
		{ "MFw=DQYJ", "at character 5: data after the '=' padding" },
		{ "MFww=", "at character 5: '=' can only pad" },
		{ "MFww===", "at character 5" },
		{ "MFw===", "at character 5: '=' can only pad" },
		{ "MFwwD", "it has 5 characters, not a multiple of 4" },
		{ "MFwwDQ", "it has 6 characters, not a multiple of 4" },
		{ "MFwwDQ=", "it has 7 characters" },
		{ "MF ww DQ Y", "it has 7 characters" },
		{ "MR==", "at character 2: the unused bits" },
		{ "MFx=", "at character 3: the unused bits" },
		{ "MFw\"", "at character 4: '\"'" },
		{ "MFww\001AAA", "byte 0x01" },
	};
	struct dkim_key key;
	char rec[256], *cause;
	size_t i;

	for (i = 0; i < nitems(bad); i++) {
		snprintf(rec, sizeof rec, "v=DKIM1; p=%s", bad[i].p);
		cause = NULL;
		is_int(dkim_key_parse(rec, &key, &cause), -1,
		    "bad base64 '%s' fails", bad[i].p);
		like(cause, bad[i].cause, "bad base64 %zu: cause", i);
		ok(key_empty(&key), "bad base64 %zu: key left empty", i);
		free(cause);
	}

	/* good base64 of 1 and 2 trailing bytes decodes (then fails DER) */
	snprintf(rec, sizeof rec, "k=ed25519; p=%s", "MQ==");
	is_int(dkim_key_parse(rec, &key, &cause), -1, "1 byte decoded");
	like(cause, "this one is 1", "decoded to one byte");
	free(cause);
	snprintf(rec, sizeof rec, "k=ed25519; p=%s", "MTI=");
	is_int(dkim_key_parse(rec, &key, &cause), -1, "2 bytes decoded");
	like(cause, "this one is 2", "decoded to two bytes");
	free(cause);
}

/* Every prefix of a real key must fail cleanly. */
static void
test_truncated(void)
{
	static const struct {
		const char *b64;
		const char *k;
	} keys[] = {
		{ key_rsa512, "rsa" }, { key_rsa1023, "rsa" },
		{ key_rsa2048, "rsa" }, { key_rsa4096, "rsa" },
		{ key_bare1024, "rsa" }, { key_bare2048, "rsa" },
		{ key_ed25519, "ed25519" }
	};
	static struct bytes buf;
	struct dkim_key key, cut;
	char rec[1024], *cause;
	size_t i, n, bad, notempty;
	int rc;

	for (i = 0; i < nitems(keys); i++) {
		snprintf(rec, sizeof rec, "k=%s; p=%s", keys[i].k,
		    keys[i].b64);
		is_int(dkim_key_parse(rec, &key, &cause), 0, "key %zu", i);
		bad = notempty = 0;
		for (n = 1; n < key.derlen; n++) {
			rc = parse_bytes(keys[i].k, key.der, n, &cut, &cause);
			if (rc != -1 || cause == NULL || *cause == '\0')
				bad++;
			if (!key_empty(&cut))
				notempty++;
			free(cause);
			if (rc == 0)
				dkim_key_free(&cut);
		}
		is_int(bad, 0, "key %zu: all %zu prefixes fail with a cause",
		    i, key.derlen - 1);
		is_int(notempty, 0, "key %zu: and leave the key empty", i);

		rc = parse_bytes(keys[i].k, key.der, key.derlen / 2, &cut,
		    &cause);
		if (strcmp(keys[i].k, "rsa") == 0)
			like(cause, "cut short",
			    "key %zu: half says cut short", i);
		else
			like(cause, "32 bytes", "key %zu: half is short", i);
		free(cause);

		buf.n = 0;
		put(&buf, key.der, key.derlen);
		put(&buf, "", 1);
		rc = parse_bytes(keys[i].k, buf.d, buf.n, &cut, &cause);
		is_int(rc, -1, "key %zu: one byte too many fails", i);
		free(cause);
		dkim_key_free(&key);
	}

	snprintf(rec, sizeof rec, "p=%s", key_rsa2048);
	dkim_key_parse(rec, &key, &cause);
	buf.n = 0;
	put(&buf, key.der, key.derlen);
	put(&buf, "", 1);
	rc = parse_bytes("rsa", buf.d, buf.n, &cut, &cause);
	is_int(rc, -1, "2048-bit key with a trailing zero byte");
	like(cause, "1 unexpected byte after its end (offset 294)",
	    "trailing byte named");
	free(cause);
	dkim_key_free(&key);
}

/* Hand-built DER: every structural rule, one at a time. */
static void
test_der(void)
{
	static const struct {
		enum variant v;
		int rc;
		const char *cause;
	} vars[] = {
		{ V_PLAIN, 0, NULL },
		{ V_NO_NULL, 0, NULL },
		{ V_BARE, 0, NULL },
		{ V_NULL_CONTENT, -1, "NULL parameters hold 1 byte" },
		{ V_UNUSED_BITS, -1, "does not hold whole bytes" },
		{ V_EC_OID, -1, "its algorithm is 1.2.840.10045.2.1" },
		{ V_LONG_OID, -1, "its algorithm is 1.2.?," },
		{ V_EXTRA_RSA, -1, "unexpected bytes at offset" },
		{ V_EXTRA_ALG, -1, "inside the AlgorithmIdentifier" },
		{ V_EXTRA_SPKI, -1, "inside the SubjectPublicKeyInfo" },
		{ V_EXTRA_BITS, -1, "inside the BIT STRING" },
		{ V_EMPTY_BITS, -1, "does not hold whole bytes" },
	};
	static struct bytes n, e, b;
	struct dkim_key key;
	char *cause;
	size_t i;

	e.n = 0;
	put(&e, "\x01\x00\x01", 3);
	modulus(&n, 64, 0xc3);
	for (i = 0; i < nitems(vars); i++) {
		spki(&b, &n, &e, vars[i].v);
		is_int(parse_built(&b, &key, &cause), vars[i].rc,
		    "variant %zu", i);
		if (vars[i].rc == 0) {
			is_int(key.bits, 512, "variant %zu: 512 bits", i);
			is_int(key.bare_rsa, vars[i].v == V_BARE,
			    "variant %zu: bare flag", i);
			dkim_key_free(&key);
		} else
			like(cause, vars[i].cause, "variant %zu: cause", i);
		free(cause);
	}

	/* modulus sizes and the leading zero byte */
	for (i = 0; i < 8; i++) {
		modulus(&n, 128, (unsigned char)(0x80 >> i));
		spki(&b, &n, &e, V_PLAIN);
		is_int(parse_built(&b, &key, &cause), 0, "top bit %zu", i);
		is_int(key.bits, 1024 - (int)i, "%d bits", 1024 - (int)i);
		dkim_key_free(&key);
	}
	modulus(&n, 64, 0x42);
	memmove(n.d + 2, n.d, n.n);
	n.d[0] = n.d[1] = 0;
	n.n += 2;
	spki(&b, &n, &e, V_PLAIN);
	is_int(parse_built(&b, &key, &cause), 0,
	    "extra leading zeros accepted");
	is_int(key.bits, 511, "zeros ignored in the bit count");
	dkim_key_free(&key);

	modulus(&n, 64, 0xc3);
	memmove(n.d, n.d + 1, n.n - 1);
	n.n--;
	spki(&b, &n, &e, V_PLAIN);
	is_int(parse_built(&b, &key, &cause), -1, "negative modulus");
	like(cause, "the modulus of the key is negative", "says negative");
	free(cause);

	n.n = 0;
	spki(&b, &n, &e, V_PLAIN);
	is_int(parse_built(&b, &key, &cause), -1, "empty modulus");
	like(cause, "the modulus of the key is empty", "says empty");
	free(cause);

	put(&n, "\x00\x00", 2);
	spki(&b, &n, &e, V_PLAIN);
	is_int(parse_built(&b, &key, &cause), -1, "zero modulus");
	like(cause, "the modulus of the key is zero", "says zero");
	free(cause);

	modulus(&n, 64, 0xc3);
	n.d[n.n - 1] &= 0xfe;
	spki(&b, &n, &e, V_PLAIN);
	is_int(parse_built(&b, &key, &cause), -1, "even modulus");
	like(cause, "is even", "says even");
	free(cause);

	modulus(&n, DKIM_WEAK_BITS / 8, 0xc3);
	e.n = 0;
	put(&e, "\x01", 1);
	spki(&b, &n, &e, V_PLAIN);
	is_int(parse_built(&b, &key, &cause), -1, "exponent 1");
	like(cause, "odd number above 1", "exponent 1 refused");
	free(cause);
	e.n = 0;
	put(&e, "\x00\x01", 2);
	spki(&b, &n, &e, V_PLAIN);
	is_int(parse_built(&b, &key, &cause), -1, "exponent 1 with a zero");
	free(cause);
	e.n = 0;
	put(&e, "\x01\x00", 2);
	spki(&b, &n, &e, V_PLAIN);
	is_int(parse_built(&b, &key, &cause), -1, "even exponent");
	like(cause, "odd number above 1", "even exponent refused");
	free(cause);
	e.n = 0;
	put(&e, "\xff", 1);
	spki(&b, &n, &e, V_PLAIN);
	is_int(parse_built(&b, &key, &cause), -1, "negative exponent");
	like(cause, "public exponent of the key is negative", "says so");
	free(cause);
	e.n = 0;
	put(&e, "\x01\x00\x00\x00\x00\x00\x00\x00\x01", 9);
	spki(&b, &n, &e, V_PLAIN);
	is_int(parse_built(&b, &key, &cause), 0, "9-byte exponent accepted");
	is_int((long long)key.exponent, 0, "too large to show: 0");
	dkim_key_free(&key);
	e.n = 0;
	put(&e, "\x00\x03", 2);
	spki(&b, &n, &e, V_PLAIN);
	is_int(parse_built(&b, &key, &cause), 0, "padded exponent 3");
	is_int((long long)key.exponent, 3, "exponent 3");
	dkim_key_free(&key);

	/* huge modulus: refused before any size arithmetic */
	e.n = 0;
	put(&e, "\x01\x00\x01", 3);
	modulus(&n, 8193, 0x40);
	spki(&b, &n, &e, V_BARE);
	is_int(parse_built(&b, &key, &cause), -1, "8193-byte modulus");
	like(cause, "8193 bytes long", "says how long");
	free(cause);
	modulus(&n, 8192, 0x40);
	spki(&b, &n, &e, V_BARE);
	is_int(parse_built(&b, &key, &cause), 0, "8192-byte modulus");
	is_int(key.bits, 8192 * 8 - 1, "65535 bits");
	dkim_key_free(&key);
}

/* Length forms: long, non-minimal, indefinite, oversized. */
static void
test_der_lengths(void)
{
	static const struct {
		const char *hex;
		int rc;
		const char *cause;
	} cases[] = {
		/* RSAPublicKey { 9, 3 }: a 4-bit modulus, exponent 3 */
		{ "3006020109020103", 0, NULL },
		{ "308106020109020103", 0, NULL },
		{ "30820006020109020103", 0, NULL },
		{ "30840000000702810109020103", 0, NULL },
		{ "3080020109020103", -1, "indefinite length" },
		{ "30850000000006020109020103", -1, "5-byte length" },
		{ "30ff", -1, "127-byte length" },
		{ "3082", -1,
		    "length of the SEQUENCE at offset 0 is incomplete" },
		{ "308200", -1, "is incomplete" },
		{ "30", -1, "SEQUENCE at offset 0 has no length" },
		{ "3007020109020103", -1, "claims 7 bytes but only 6 follow" },
		{ "3084ffffffff020109", -1, "claims 4294967295 bytes" },
		{ "3006020509020103", -1,
		    "INTEGER at offset 2 claims 5 bytes but only 4" },
		{ "3006020109020203", -1, "INTEGER at offset 5 claims 2" },
		{ "300602010902", -1, "claims 6 bytes but only 4" },
		{ "3003020109", -1, "ends at offset 5, before the INTEGER" },
		{ "3000", -1, "ends at offset 2, before the SEQUENCE" },
		{ "3100", -1,
		    "expected SEQUENCE at offset 0, found tag 0x31" },
		{ "3006040109020103", -1, "found tag 0x04" },
		{ "3006020109040103", -1, "expected INTEGER at offset 5" },
		{ "300603010902010300", -1,
		    "1 unexpected byte after its end" },
		{ "1f00", -1, "found tag 0x1f" },
	};
	unsigned char d[64];
	struct dkim_key key;
	char *cause, hex[3];
	size_t i, j, n;
	int rc;

	for (i = 0; i < nitems(cases); i++) {
		n = strlen(cases[i].hex) / 2;
		for (j = 0; j < n; j++) {
			memcpy(hex, cases[i].hex + 2 * j, 2);
			hex[2] = '\0';
			d[j] = (unsigned char)strtoul(hex, NULL, 16);
		}
		cause = NULL;
		rc = parse_bytes("rsa", d, n, &key, &cause);
		is_int(rc, cases[i].rc, "DER %s", cases[i].hex);
		if (rc == 0) {
			is_int(key.bits, 4, "DER %s: 4 bits", cases[i].hex);
			is_int((long long)key.exponent, 3, "exponent 3");
			dkim_key_free(&key);
		} else
			like(cause, cases[i].cause, "DER %s: cause",
			    cases[i].hex);
		free(cause);
	}
}

/* What every answer must look like, success or failure. */
static int
consistent(int rc, const struct dkim_key *key, const char *cause)
{
	if (rc == 0)
		return cause == NULL && key->k != NULL && key->p != NULL &&
		    (key->revoked ? key->bits == 0 : key->bits > 0);
	return rc == -1 && cause != NULL && *cause != '\0' && key_empty(key);
}

/* A small deterministic generator for the fuzz loops. */
static uint32_t
rnd(void)
{
	static uint32_t x = 2463534242u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return x;
}

/* Every byte of real keys set to every other value, then random DER. */
static void
test_mutations(void)
{
	static const char *keys[] = { key_rsa512, key_bare1024 };
	static const unsigned char alphabet[] = {
		0x00, 0x01, 0x02, 0x03, 0x05, 0x06, 0x30, 0x7f, 0x80, 0x81,
		0x82, 0x84, 0x85, 0xff
	};
	static struct bytes buf;
	struct dkim_key key, m;
	char rec[256], *cause;
	size_t i, pos, bad, passed, failed, len;
	int val, rc;

	for (i = 0; i < nitems(keys); i++) {
		snprintf(rec, sizeof rec, "p=%s", keys[i]);
		dkim_key_parse(rec, &key, &cause);
		bad = passed = failed = 0;
		for (pos = 0; pos < key.derlen; pos++) {
			for (val = 0; val < 256; val++) {
				if (val == key.der[pos])
					continue;
				memcpy(buf.d, key.der, key.derlen);
				buf.d[pos] = (unsigned char)val;
				rc = parse_bytes("rsa", buf.d, key.derlen, &m,
				    &cause);
				if (!consistent(rc, &m, cause))
					bad++;
				if (rc == 0) {
					passed++;
					dkim_key_free(&m);
				} else
					failed++;
				free(cause);
			}
		}
		is_int(bad, 0, "key %zu: %zu one-byte changes answered "
		    "cleanly", i, passed + failed);
		ok(passed > 0 && failed > 0, "key %zu: some changes still "
		    "parse (%zu), others fail (%zu)", i, passed, failed);
		dkim_key_free(&key);
	}

	bad = 0;
	for (i = 0; i < 30000; i++) {
		len = rnd() % 64;
		for (pos = 0; pos < len; pos++) {
			if (rnd() % 3 == 0)
				buf.d[pos] = (unsigned char)rnd();
			else
				buf.d[pos] = alphabet[rnd() % sizeof alphabet];
		}
		if (len > 0 && rnd() % 2 == 0)
			buf.d[0] = 0x30;
		if (len > 1 && rnd() % 2 == 0)
			buf.d[1] = (unsigned char)(len - 2);
		rc = parse_bytes("rsa", buf.d, len, &m, &cause);
		if (!consistent(rc, &m, cause))
			bad++;
		if (rc == 0)
			dkim_key_free(&m);
		free(cause);
	}
	is_int(bad, 0, "30000 random DER strings answered cleanly");
}

/* Random records made of the characters that matter to the tag parser. */
static void
test_random_records(void)
{
	static const char chars[] =
	    "vkpshtnDKIM1=;:=  \t\r\nAQab+/-_*\001\xff";
	struct dkim_key key;
	char rec[80], *cause;
	size_t i, j, len, bad = 0;
	int rc;

	for (i = 0; i < 50000; i++) {
		len = rnd() % (sizeof rec - 1);
		for (j = 0; j < len; j++)
			rec[j] = chars[rnd() % (sizeof chars - 1)];
		rec[len] = '\0';
		cause = NULL;
		rc = dkim_key_parse(rec, &key, &cause);
		if (!consistent(rc, &key, cause))
			bad++;
		if (rc == 0)
			dkim_key_free(&key);
		free(cause);
	}
	is_int(bad, 0, "50000 random records answered cleanly");
}

/* Selectors: RFC 6376 3.1 sub-domain syntax. */
static void
test_selectors(void)
{
	static const char *good[] = {
		"s1", "google", "selector1", "20230601pm", "scph0123", "m1",
		"a.b", "x-1.y-2", "A", "9", "mte1"
	};
	static const struct {
		const char *sel;
		const char *cause;
	} bad[] = {
		{ "", "the selector is empty" },
		{ "s1._domainkey", "includes '._domainkey'" },
		{ "s1._DomainKey", "includes '._domainkey'" },
		{ "s1._domainkey.example.com", "only the part before it" },
		{ "-a", "starts or ends with '-'" },
		{ "a-", "starts or ends with '-'" },
		{ "a.-b", "starts or ends with '-'" },
		{ "a..b", "empty label" },
		{ ".a", "empty label" },
		{ "a.", "empty label" },
		{ "s_1", "contains '_'" },
		{ "s 1", "contains byte 0x20" },
		{ "s1*", "contains '*'" },
		{ "s\xc3\xa9", "contains byte 0xc3" },
	};
	char *cause, big[300];
	size_t i;

	for (i = 0; i < nitems(good); i++) {
		cause = NULL;
		is_int(dkim_selector_valid(good[i], &cause), 0,
		    "selector '%s' is valid", good[i]);
		is(cause, NULL, "no cause");
	}
	for (i = 0; i < nitems(bad); i++) {
		cause = NULL;
		is_int(dkim_selector_valid(bad[i].sel, &cause), -1,
		    "selector '%s' is not valid", bad[i].sel);
		like(cause, bad[i].cause, "cause for '%s'", bad[i].sel);
		free(cause);
	}
	memset(big, 'x', 64);
	big[63] = '\0';
	is_int(dkim_selector_valid(big, &cause), 0, "63-character label");
	big[63] = 'x';
	big[64] = '\0';
	is_int(dkim_selector_valid(big, &cause), -1, "64-character label");
	like(cause, "longer than 63", "label too long");
	free(cause);
	for (i = 0; i < sizeof big - 1; i++)
		big[i] = i % 2 == 0 ? 'a' : '.';
	big[sizeof big - 1] = '\0';
	big[sizeof big - 2] = 'b';
	is_int(dkim_selector_valid(big, &cause), -1, "299 characters");
	like(cause, "longer than a DNS name", "too long");
	free(cause);
	big[253] = '\0';
	is_int(dkim_selector_valid(big, &cause), 0, "253 characters");
}

/* The weakness rule on its own. */
static void
test_weak(void)
{
	struct dkim_key key;

	memset(&key, 0, sizeof key);
	is_int(dkim_key_weak(&key), 0, "an empty key is not weak");
	key.k = (char *)"rsa";
	key.bits = 1023;
	is_int(dkim_key_weak(&key), 1, "1023-bit RSA is weak");
	key.bits = DKIM_WEAK_BITS;
	is_int(dkim_key_weak(&key), 0, "1024-bit RSA is not");
	key.bits = 256;
	key.k = (char *)"ed25519";
	is_int(dkim_key_weak(&key), 0, "ed25519 is not");
}

int
main(void)
{
	test_real_keys();
	test_whitespace();
	test_revoked();
	test_ed25519();
	test_tag_errors();
	test_optional_tags();
	test_base64();
	test_truncated();
	test_der();
	test_der_lengths();
	test_mutations();
	test_random_records();
	test_selectors();
	test_weak();
	return done_testing();
}
