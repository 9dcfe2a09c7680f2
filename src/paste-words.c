/* paste-words.c - the words a paste is read by: record types, column
   titles, statuses and TTLs */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "paste-int.h"

/* Record types recognised when reading; only the first three are taken. */
static const char *paste_types[] = {
	"CNAME", "TXT", "MX", "AAAA", "A", "NS", "SRV", "CAA", "PTR", "SOA",
	"DNAME", "TLSA", "SVCB", "ALIAS", "ANAME", "NAPTR", "SSHFP", "DNSKEY"
};
#define PASTE_TYPES_TAKEN 3	/* CNAME, TXT, MX */
#define PASTE_TYPES_ANYCASE 4	/* those and AAAA are words in any case */

/* Column titles and labels, normalised (see paste_role_of). */
static const struct paste_vocab {
	const char	*phrase;
	enum paste_role	 role;
} paste_vocab[] = {
	{ "name", ROLE_NAME },
	{ "names", ROLE_NAME },
	{ "host", ROLE_NAME },
	{ "hostname", ROLE_NAME },
	{ "host name", ROLE_NAME },
	{ "host record", ROLE_NAME },
	{ "record name", ROLE_NAME },
	{ "record host", ROLE_NAME },
	{ "record", ROLE_NAME },
	{ "domain", ROLE_NAME },
	{ "domain name", ROLE_NAME },
	{ "dns name", ROLE_NAME },
	{ "name/host", ROLE_NAME },
	{ "host/name", ROLE_NAME },
	{ "alias", ROLE_NAME },
	{ "subdomain", ROLE_NAME },
	{ "owner", ROLE_NAME },
	{ "fqdn", ROLE_NAME },
	{ "type", ROLE_TYPE },
	{ "record type", ROLE_TYPE },
	{ "rr type", ROLE_TYPE },
	{ "rrtype", ROLE_TYPE },
	{ "dns type", ROLE_TYPE },
	{ "value", ROLE_VALUE },
	{ "values", ROLE_VALUE },
	{ "data", ROLE_VALUE },
	{ "rdata", ROLE_VALUE },
	{ "points to", ROLE_VALUE },
	{ "point to", ROLE_VALUE },
	{ "target", ROLE_VALUE },
	{ "target host", ROLE_VALUE },
	{ "content", ROLE_VALUE },
	{ "answer", ROLE_VALUE },
	{ "destination", ROLE_VALUE },
	{ "text", ROLE_VALUE },
	{ "record value", ROLE_VALUE },
	{ "record data", ROLE_VALUE },
	{ "record content", ROLE_VALUE },
	{ "value/points to", ROLE_VALUE },
	{ "points to/value", ROLE_VALUE },
	{ "value/route traffic to", ROLE_VALUE },
	{ "route traffic to", ROLE_VALUE },
	{ "alias target", ROLE_VALUE },
	{ "canonical name", ROLE_VALUE },
	{ "mail server", ROLE_VALUE },
	{ "priority", ROLE_PRIORITY },
	{ "preference", ROLE_PRIORITY },
	{ "pref", ROLE_PRIORITY },
	{ "mx priority", ROLE_PRIORITY },
	{ "mx preference", ROLE_PRIORITY },
	{ "distance", ROLE_PRIORITY },
	{ "ttl", ROLE_IGNORE },
	{ "time to live", ROLE_IGNORE },
	{ "class", ROLE_IGNORE },
	{ "status", ROLE_IGNORE },
	{ "state", ROLE_IGNORE },
	{ "verification status", ROLE_IGNORE },
	{ "dkim status", ROLE_IGNORE },
	{ "proxy status", ROLE_IGNORE },
	{ "proxy", ROLE_IGNORE },
	{ "proxied", ROLE_IGNORE },
	{ "comment", ROLE_IGNORE },
	{ "comments", ROLE_IGNORE },
	{ "note", ROLE_IGNORE },
	{ "notes", ROLE_IGNORE },
	{ "description", ROLE_IGNORE },
	{ "purpose", ROLE_IGNORE },
	{ "action", ROLE_IGNORE },
	{ "actions", ROLE_IGNORE },
	{ "routing policy", ROLE_IGNORE },
	{ "differentiator", ROLE_IGNORE },
	{ "alarm", ROLE_IGNORE },
	{ "health check id", ROLE_IGNORE },
	{ "evaluate target health", ROLE_IGNORE },
	{ "record id", ROLE_IGNORE },
	{ "id", ROLE_IGNORE },
	{ "no.", ROLE_IGNORE },
	{ "zone", ROLE_IGNORE },
	{ "last updated", ROLE_IGNORE }
};

/* Words a console prints after a value: statuses and TTL choices. */
static const char *paste_status_words[] = {
	"pending", "verified", "unverified", "verifying", "success",
	"successful", "failed", "failure", "temporaryfailure", "notstarted",
	"active", "inactive", "valid", "invalid", "ok", "missing", "published",
	"auto", "automatic", "proxied"
};

/* Two-word statuses, first and second word. */
static const char *paste_status_pairs[][2] = {
	{ "dns", "only" },
	{ "not", "started" },
	{ "not", "verified" },
	{ "in", "progress" },
	{ "temporary", "failure" }
};

/* Units a console writes after a TTL number ("1 hour"). */
static const char *paste_ttl_units[] = {
	"second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins",
	"hour", "hours", "hr", "hrs", "day", "days"
};

/* Top-level domains so common that a name ending in one is not relative. */
static const char *paste_common_tlds[] = { "com", "net", "org" };

/* Words after a type word that make a line a sentence ("CNAME records"). */
static const char *paste_prose_words[] = {
	"record", "records", "entry", "entries"
};

/* Characters that separate words when looking for a type word in text. */
#define PASTE_WORD_SEPS " \t,;|\"'()[]{}<>:="

/* Tell whether s (len bytes) equals word, ignoring ASCII case. */
int
paste_word_eq(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && strncasecmp(s, word, len) == 0;
}

/* Tell whether s (len bytes) is one of a list of lower-case words. */
static int
paste_word_in(const char *s, size_t len, const char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (paste_word_eq(s, len, list[i]))
			return 1;
	}
	return 0;
}

/*
 * Tell whether a word names a DNS record type. In a table cell any case
 * counts; in running text the rarer types must be upper case, so the "a" of
 * a sentence is not an A record (and "Mx" is a form of address).
 */
int
paste_is_type(const char *s, size_t len, int cell)
{
	size_t i;

	for (i = 0; i < nitems(paste_types); i++) {
		if (!paste_word_eq(s, len, paste_types[i]))
			continue;
		if (cell)
			return 1;
		if (i < PASTE_TYPES_ANYCASE)
			return !(len == 2 && s[0] == 'M' && s[1] == 'x');
		return strncmp(s, paste_types[i], len) == 0;
	}
	return 0;
}

/* Tell whether a whole string is a record type word. */
int
paste_is_type_str(const char *s, int cell)
{
	return paste_is_type(s, strlen(s), cell);
}

/* Tell whether a word is a top-level domain too common to be relative. */
int
paste_is_common_tld(const char *s)
{
	return paste_word_in(s, strlen(s), paste_common_tlds,
	    nitems(paste_common_tlds));
}

/* Tell whether a word is a DNS class as zone files write it. */
int
paste_is_class(const char *s)
{
	static const char *classes[] = { "in", "ch", "hs", "cs", "any" };

	return paste_word_in(s, strlen(s), classes, nitems(classes));
}

/* Tell whether a word is a zone-file TTL: "3600", "1h" or "1h30m". */
int
paste_is_ttl(const char *s)
{
	const char *p = s;

	if (!isdigit((unsigned char)*p))
		return 0;
	while (*p != '\0') {
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p != '\0' && strchr("smhdwSMHDW", *p) != NULL)
			p++;
	}
	return 1;
}

/* Tell whether a word is all digits (a preference, maybe out of range). */
int
paste_is_digits(const char *s)
{
	return *s != '\0' && strspn(s, "0123456789") == strlen(s);
}

/* Tell whether a word is a row number or bullet: "1.", "2)". */
int
paste_is_rownum(const char *s)
{
	size_t n = strspn(s, "0123456789");

	if (n == 0)
		return 0;
	return s[n] == '\0' || ((s[n] == '.' || s[n] == ')') &&
	    s[n + 1] == '\0');
}

/* Tell whether two words are a status or a TTL ("DNS only", "1 hour"). */
int
paste_is_extra_pair(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;

	for (i = 0; i < nitems(paste_status_pairs); i++) {
		if (paste_word_eq(a, alen, paste_status_pairs[i][0]) &&
		    paste_word_eq(b, blen, paste_status_pairs[i][1]))
			return 1;
	}
	if (alen > 0 && strspn(a, "0123456789") == alen)
		return paste_word_in(b, blen, paste_ttl_units,
		    nitems(paste_ttl_units));
	return 0;
}

/*
 * Tell whether a cell or word is something a console shows beside a value
 * (a TTL, a status), which is not part of the value.
 */
int
paste_is_extra(const char *s)
{
	const char *sp;

	if (paste_is_ttl(s))
		return 1;
	if (paste_word_in(s, strlen(s), paste_status_words,
	    nitems(paste_status_words)))
		return 1;
	sp = strchr(s, ' ');
	if (sp == NULL || strchr(sp + 1, ' ') != NULL)
		return 0;
	return paste_is_extra_pair(s, (size_t)(sp - s), sp + 1,
	    strlen(sp + 1));
}

/*
 * Find the role of a column title or label such as "Record name" or "TTL
 * (seconds)": lower case, without parenthesised remarks, a trailing ':' or
 * '*', or a leading record type ("CNAME value"), which goes to *type.
 */
enum paste_role
paste_role_of(const char *s, size_t len, char **type)
{
	struct buf b;
	const char *end = s + len, *sp;
	enum paste_role role = ROLE_UNKNOWN;
	size_t i, depth = 0, n;
	char *t;

	if (type != NULL)
		*type = NULL;
	buf_init(&b);
	for (; s < end; s++) {
		if (*s == '(')
			depth++;
		else if (*s == ')' && depth > 0)
			depth--;
		else if (depth > 0)
			continue;
		else if (isspace((unsigned char)*s)) {
			if (b.len > 0 && b.data[b.len - 1] != ' ')
				buf_putc(&b, ' ');
		} else
			buf_putc(&b, (char)tolower((unsigned char)*s));
	}
	t = b.data;
	n = b.len;
	while (n > 0 && strchr(" :*", t[n - 1]) != NULL)
		n--;
	t[n] = '\0';
	sp = strchr(t, ' ');
	if (sp != NULL && paste_word_in(t, (size_t)(sp - t), paste_types,
	    PASTE_TYPES_TAKEN)) {
		if (type != NULL)
			*type = xstrndup(t, (size_t)(sp - t));
		t += sp - t + 1;
	}
	for (i = 0; i < nitems(paste_vocab); i++) {
		if (strcmp(t, paste_vocab[i].phrase) == 0) {
			role = paste_vocab[i].role;
			break;
		}
	}
	if (role == ROLE_UNKNOWN && type != NULL) {
		free(*type);
		*type = NULL;
	}
	buf_free(&b);
	return role;
}

/*
 * Tell whether a line has a record type among its words at all; lines that
 * have none (greetings, sentences) are skipped.
 */
int
paste_has_type_word(const char *s)
{
	size_t n;

	for (;;) {
		s += strspn(s, PASTE_WORD_SEPS);
		if (*s == '\0')
			return 0;
		n = strcspn(s, PASTE_WORD_SEPS);
		if (paste_is_type(s, n, 0))
			return 1;
		s += n;
	}
}

/* Tell whether a line talks about records ("add these CNAME records:"). */
int
paste_is_prose(const char *s)
{
	size_t n;
	int after_type = 0;

	for (;;) {
		s += strspn(s, PASTE_WORD_SEPS);
		if (*s == '\0')
			return 0;
		n = strcspn(s, PASTE_WORD_SEPS);
		if (after_type && paste_word_in(s, n, paste_prose_words,
		    nitems(paste_prose_words)))
			return 1;
		after_type = paste_is_type(s, n, 0);
		s += n;
	}
}

/*
 * Find the record type a sentence talks about ("add these three CNAME
 * records:"), if it names exactly one; NULL otherwise.
 */
char *
paste_prose_type(const char *s)
{
	char *found = NULL;
	size_t n, i;

	for (;;) {
		s += strspn(s, PASTE_WORD_SEPS);
		if (*s == '\0')
			return found;
		n = strcspn(s, PASTE_WORD_SEPS);
		if (paste_is_type(s, n, 0)) {
			if (found != NULL && !paste_word_eq(s, n, found)) {
				free(found);
				return NULL;
			}
			if (found == NULL) {
				found = xstrndup(s, n);
				for (i = 0; i < n; i++)
					found[i] = (char)toupper(
					    (unsigned char)found[i]);
			}
		}
		s += n;
	}
}
