/* smtp-outcome.c - what a test came to: the failure named from libcurl's
   code and the server's replies, its stage, the queue id and the server's
   certificate */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "smtp-int.h"

/* OpenSSL's X509_V_ERR_* numbers, as CURLINFO_SSL_VERIFYRESULT gives them
   (fixed by OpenSSL; mailwiz does not link OpenSSL itself). */
#define X509_CERT_NOT_YET_VALID 9
#define X509_CERT_HAS_EXPIRED 10
#define X509_HOSTNAME_MISMATCH 62
#define X509_IP_ADDRESS_MISMATCH 64

/* The id in "250 2.0.0 Ok: queued as 4F2X1", or NULL. */
char *
smtp_queue_id(const char *reply)
{
	const char *p, *end;

	if (reply == NULL)
		return NULL;
	for (p = reply; *p != '\0'; p++) {
		if (strncasecmp(p, "queued as ", 10) == 0)
			break;
	}
	if (*p == '\0')
		return NULL;
	p += 10;
	end = p;
	while (*end != '\0' && !isspace((unsigned char)*end) && *end != ',' &&
	    *end != ';' && *end != ')')
		end++;
	return end > p ? xstrndup(p, (size_t)(end - p)) : NULL;
}

/* The reply code of the reply that ended the test, or 0. */
static int
smtp_failed_code(const struct smtp_test *t)
{
	if (t->r.failed_reply == NULL)
		return 0;
	return (int)strtol(t->r.failed_reply, NULL, 10);
}

/* Whether the pinned mechanism is missing from the AUTH offer. */
static int
smtp_mech_missing(const struct smtp_test *t)
{
	const char *mech;
	size_t i, n;
	const char *p;

	if (t->o.auth == SMTP_AUTH_AUTO || !smtp_offers(&t->r, "AUTH"))
		return 0;
	mech = t->o.auth == SMTP_AUTH_LOGIN ? "LOGIN" : "PLAIN";
	n = strlen(mech);
	for (i = 0; i < t->r.ehlo.n; i++) {
		if (strncasecmp(t->r.ehlo.v[i], "AUTH", 4) != 0)
			continue;
		for (p = t->r.ehlo.v[i] + 4; *p != '\0'; p++) {
			if (strncasecmp(p, mech, n) == 0 &&
			    (p[-1] == ' ' || p[-1] == '=') &&
			    (p[n] == '\0' || p[n] == ' '))
				return 0;
		}
	}
	return 1;
}

/* Name the failure from libcurl's code and what the server said. */
enum smtp_failure
smtp_classify(struct smtp_test *t, CURLcode rc)
{
	long verify = 0, oserr = 0;
	int code = smtp_failed_code(t);

	curl_easy_getinfo(t->easy, CURLINFO_SSL_VERIFYRESULT, &verify);
	curl_easy_getinfo(t->easy, CURLINFO_OS_ERRNO, &oserr);
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
		return SMTP_FAIL_RESOLVE;
	case CURLE_COULDNT_CONNECT:
		return oserr == ECONNREFUSED ? SMTP_FAIL_REFUSED :
		    SMTP_FAIL_CONNECT;
	case CURLE_OPERATION_TIMEDOUT:
		return SMTP_FAIL_TIMEOUT;
	case CURLE_USE_SSL_FAILED:
		return SMTP_FAIL_NO_STARTTLS;
	case CURLE_PEER_FAILED_VERIFICATION:
		if (verify == X509_CERT_HAS_EXPIRED ||
		    verify == X509_CERT_NOT_YET_VALID)
			return SMTP_FAIL_TLS_EXPIRED;
		if (verify == X509_HOSTNAME_MISMATCH ||
		    verify == X509_IP_ADDRESS_MISMATCH)
			return SMTP_FAIL_TLS_HOSTNAME;
		/*
		 * A broken chain fails the handshake with "SSL certificate
		 * problem: ..." and a verify result. libcurl checks the name
		 * itself once the chain is fine, leaving the result at 0, or
		 * at 1 when it checks the name first (7.88).
		 */
		if (strstr(t->errbuf, "certificate problem") != NULL ||
		    verify > 1)
			return SMTP_FAIL_TLS_UNTRUSTED;
		return SMTP_FAIL_TLS_HOSTNAME;
	case CURLE_SSL_CONNECT_ERROR:
		if (t->o.tls == SMTP_TLS_IMPLICIT && !t->greeted &&
		    (strstr(t->errbuf, "wrong version number") != NULL ||
		    strstr(t->errbuf, "packet length too long") != NULL))
			return SMTP_FAIL_TLS_NOT_TLS;
		return SMTP_FAIL_TLS;
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
		return SMTP_FAIL_TLS;
	case CURLE_LOGIN_DENIED:
	case CURLE_AUTH_ERROR:
		if (t->user != NULL && smtp_mech_missing(t))
			return SMTP_FAIL_AUTH_MECH;
		return SMTP_FAIL_AUTH;
	default:
		break;
	}
	/* The rest (send/receive errors, odd replies) by stage. */
	switch (t->r.reached) {
	case SMTP_STAGE_NONE:
	case SMTP_STAGE_CONNECT:
		return SMTP_FAIL_GREETING;
	case SMTP_STAGE_TLS:
		return t->o.tls == SMTP_TLS_STARTTLS && code != 0 ?
		    SMTP_FAIL_NO_STARTTLS : SMTP_FAIL_TLS;
	case SMTP_STAGE_AUTH:
		/* No 535: the login was not refused, it broke off. */
		if (t->r.failed_reply == NULL)
			t->r.lost = 1;
		return SMTP_FAIL_AUTH;
	case SMTP_STAGE_SENDER:
		if (code == 530 && t->user == NULL)
			return SMTP_FAIL_AUTH_REQUIRED;
		return SMTP_FAIL_SENDER;
	case SMTP_STAGE_RECIPIENTS:
		if (code == 530 && t->user == NULL)
			return SMTP_FAIL_AUTH_REQUIRED;
		return SMTP_FAIL_RECIPIENTS;
	case SMTP_STAGE_DATA:
		return SMTP_FAIL_DATA;
	case SMTP_STAGE_DONE:
		break;
	}
	return SMTP_FAIL_OTHER;
}

/* The stage a failure belongs to. */
enum smtp_stage
smtp_failed_stage(const struct smtp_test *t, enum smtp_failure f)
{
	switch (f) {
	case SMTP_OK:
		return SMTP_STAGE_NONE;
	case SMTP_FAIL_RESOLVE:
	case SMTP_FAIL_REFUSED:
	case SMTP_FAIL_CONNECT:
	case SMTP_FAIL_GREETING:
		return SMTP_STAGE_CONNECT;
	case SMTP_FAIL_NO_STARTTLS:
	case SMTP_FAIL_TLS_UNTRUSTED:
	case SMTP_FAIL_TLS_EXPIRED:
	case SMTP_FAIL_TLS_HOSTNAME:
	case SMTP_FAIL_TLS_NOT_TLS:
	case SMTP_FAIL_TLS:
		return SMTP_STAGE_TLS;
	case SMTP_FAIL_NO_AUTH:
	case SMTP_FAIL_AUTH_MECH:
	case SMTP_FAIL_AUTH:
		return SMTP_STAGE_AUTH;
	case SMTP_FAIL_AUTH_REQUIRED:
	case SMTP_FAIL_SENDER:
		return SMTP_STAGE_SENDER;
	case SMTP_FAIL_RECIPIENTS:
		return SMTP_STAGE_RECIPIENTS;
	case SMTP_FAIL_DATA:
		return SMTP_STAGE_DATA;
	case SMTP_FAIL_TIMEOUT:
	case SMTP_FAIL_CANCELLED:
	case SMTP_FAIL_OTHER:
		break;
	}
	return t->r.reached;
}

/* Read the server certificate libcurl saw (CURLINFO_CERTINFO). */
void
smtp_certinfo(struct smtp_test *t)
{
	struct curl_certinfo *ci = NULL;
	struct curl_slist *s;
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
		{ "Subject:", offsetof(struct smtp_result, cert_subject) },
		{ "Issuer:", offsetof(struct smtp_result, cert_issuer) },
		{ "Start date:", offsetof(struct smtp_result, cert_start) },
		{ "Expire date:", offsetof(struct smtp_result, cert_expiry) }
	};
	char **field;
	size_t i;

	if (curl_easy_getinfo(t->easy, CURLINFO_CERTINFO, &ci) != CURLE_OK ||
	    ci == NULL || ci->num_of_certs < 1)
		return;
	for (s = ci->certinfo[0]; s != NULL; s = s->next) {
		for (i = 0; i < nitems(keys); i++) {
			if (strncmp(s->data, keys[i].key,
			    strlen(keys[i].key)) != 0)
				continue;
			field = (char **)((char *)&t->r + keys[i].off);
			free(*field);
			*field = xstrdup(s->data + strlen(keys[i].key));
		}
	}
	t->r.cert_verified = !t->o.insecure;
}
