/* spf-merge.c - add a mechanism to an SPF record (RFC 7208) */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "spf-int.h"

/* What an existing mechanism says about a mechanism to be added. */
enum spf_cover {
	SPF_COVER_NONE,		/* unrelated */
	SPF_COVER_SAME,		/* the same mechanism and target */
	SPF_COVER_WIDER		/* a wider network that includes it */
};

/*
 * Compare two domain-specs: case-insensitive outside macros (a macro
 * letter's case matters), one trailing dot ignored; NULL equals NULL.
 */
static int
spf_domain_eq(const char *a, const char *b)
{
	size_t la, lb, i, end;

	if (a == NULL || b == NULL)
		return a == b;
	la = strlen(a);
	lb = strlen(b);
	if (la > 1 && a[la - 1] == '.')
		la--;
	if (lb > 1 && b[lb - 1] == '.')
		lb--;
	if (la != lb)
		return 0;
	for (i = 0; i < la; i++) {
		if (a[i] == '%' && i + 1 < la) {
			end = i + 1;
			if (a[end] == '{') {
				while (end < la - 1 && a[end] != '}')
					end++;
			}
			if (memcmp(a + i, b + i, end - i + 1) != 0)
				return 0;
			i = end;
		} else if (tolower((unsigned char)a[i]) !=
		    tolower((unsigned char)b[i]))
			return 0;
	}
	return 1;
}

/* Tell whether the first n bits of two addresses are equal. */
static int
spf_prefix_eq(const unsigned char *a, const unsigned char *b, int n)
{
	int i, mask;

	for (i = 0; n >= 8; i++, n -= 8) {
		if (a[i] != b[i])
			return 0;
	}
	if (n == 0)
		return 1;
	mask = (0xff << (8 - n)) & 0xff;
	return (a[i] & mask) == (b[i] & mask);
}

/* Compare an existing ip4/ip6 mechanism with one to be added. */
static enum spf_cover
spf_net_cover(const struct spf_term *old, const struct spf_term *add)
{
	unsigned char a[16], b[16];
	int af, max, lo, ln;

	af = old->mech == SPF_IP4 ? AF_INET : AF_INET6;
	max = old->mech == SPF_IP4 ? 32 : 128;
	if (inet_pton(af, old->addr, a) != 1 ||
	    inet_pton(af, add->addr, b) != 1)
		return SPF_COVER_NONE;
	lo = old->mech == SPF_IP4 ? old->cidr4 : old->cidr6;
	ln = add->mech == SPF_IP4 ? add->cidr4 : add->cidr6;
	if (lo < 0)
		lo = max;
	if (ln < 0)
		ln = max;
	if (lo > ln || !spf_prefix_eq(a, b, lo))
		return SPF_COVER_NONE;
	return lo == ln ? SPF_COVER_SAME : SPF_COVER_WIDER;
}

/* Tell how an existing mechanism relates to one to be added. */
static enum spf_cover
spf_cover(const struct spf_term *old, const struct spf_term *add)
{
	int o4, o6, n4, n6;

	if (old->kind != SPF_TERM_MECHANISM || old->mech != add->mech)
		return SPF_COVER_NONE;
	if (old->mech == SPF_IP4 || old->mech == SPF_IP6)
		return spf_net_cover(old, add);
	if (!spf_domain_eq(old->domain, add->domain))
		return SPF_COVER_NONE;
	if (old->mech != SPF_A && old->mech != SPF_MX)
		return SPF_COVER_SAME;
	o4 = old->cidr4 < 0 ? 32 : old->cidr4;
	o6 = old->cidr6 < 0 ? 128 : old->cidr6;
	n4 = add->cidr4 < 0 ? 32 : add->cidr4;
	n6 = add->cidr6 < 0 ? 128 : add->cidr6;
	if (o4 == n4 && o6 == n6)
		return SPF_COVER_SAME;
	if (o4 <= n4 && o6 <= n6)
		return SPF_COVER_WIDER;
	return SPF_COVER_NONE;
}

/* The qualifier a term acts with: '+' when none is written. */
static char
spf_qualifier(const struct spf_term *t)
{
	return t->qualifier != 0 ? t->qualifier : '+';
}

/* Insert a term into a record at position at. */
static void
spf_insert(struct spf_record *r, size_t at, struct spf_term *t)
{
	r->terms = xreallocarray(r->terms, r->nterms + 1, sizeof *r->terms);
	memmove(&r->terms[at + 1], &r->terms[at],
	    (r->nterms - at) * sizeof *r->terms);
	r->terms[at] = *t;
	r->nterms++;
	memset(t, 0, sizeof *t);
}

/*
 * Add a mechanism to an existing record. Only terms before the first
 * "all" count as present, since nothing after it is evaluated. When the
 * same mechanism is there with another qualifier, its qualifier becomes
 * the new one; when a wider ip4/ip6 network or a/mx cidr with another
 * qualifier is there, the new term goes just before it, so that it is
 * reached first.
 */
int
spf_merge(const char *existing, const char *mechanism, char **result,
    char **cause)
{
	struct spf_record r;
	struct spf_term t, *old;
	enum spf_cover cover;
	size_t i, at;
	char *text;

	*result = NULL;
	if (*mechanism == '\0' || strchr(mechanism, ' ') != NULL) {
		*cause = xasprintf(_("'%s' is not a single SPF mechanism"),
		    mechanism);
		return -1;
	}
	if (spf_term_parse(mechanism, strlen(mechanism), &t, cause) == -1)
		return -1;
	if (t.kind != SPF_TERM_MECHANISM || t.mech == SPF_ALL) {
		*cause = xasprintf(_("'%s' cannot be merged: only include, "
		    "a, mx, ptr, ip4, ip6 and exists can"), mechanism);
		spf_term_free(&t);
		return -1;
	}
	if (spf_parse(existing, &r, cause) == -1) {
		spf_term_free(&t);
		return -1;
	}
	at = r.nterms;
	for (i = 0; i < r.nterms; i++) {
		old = &r.terms[i];
		if (old->kind == SPF_TERM_MECHANISM && old->mech == SPF_ALL) {
			at = i;
			break;
		}
		cover = spf_cover(old, &t);
		if (cover == SPF_COVER_NONE)
			continue;
		if (spf_qualifier(old) == spf_qualifier(&t)) {
			spf_term_free(&t);
			spf_record_free(&r);
			*result = xstrdup(existing);
			return 1;
		}
		if (cover == SPF_COVER_WIDER) {
			spf_insert(&r, i, &t);
			goto done;
		}
		text = old->text + (old->qualifier != 0);
		if (t.qualifier != 0)
			text = xasprintf("%c%s", t.qualifier, text);
		else
			text = xstrdup(text);
		free(old->text);
		old->text = text;
		old->qualifier = t.qualifier;
		goto done;
	}
	if (at == r.nterms) {
		for (i = 0; i < r.nterms; i++) {
			if (r.terms[i].kind == SPF_TERM_REDIRECT) {
				at = i;
				break;
			}
		}
	}
	spf_insert(&r, at, &t);

done:
	*result = spf_print(&r);
	spf_term_free(&t);
	spf_record_free(&r);
	return 0;
}
