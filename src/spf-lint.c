/* spf-lint.c - warnings about SPF records (RFC 7208) */
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "spf.h"

/* Warn when the first "all" of a record passes or is neutral for anyone. */
static void
spf_lint_all(const struct spf_term *all, int isnew, struct record_set *rs)
{
	if (all->qualifier == 0 || all->qualifier == '+') {
		record_set_warn(rs, "spf-all-pass", isnew ?
		    _("the new SPF record uses '%s', which lets every server "
		    "on the internet pass SPF for this domain (RFC 7208 "
		    "section 5.1). Use '~all' or '-all' instead") :
		    _("the existing SPF record uses '%s', which lets every "
		    "server on the internet pass SPF for this domain (RFC "
		    "7208 section 5.1). Use '~all' or '-all' instead"),
		    all->text);
	} else if (all->qualifier == '?') {
		record_set_warn(rs, "spf-all-neutral", isnew ?
		    _("the new SPF record uses '%s': every server not listed "
		    "gets a neutral result, which receivers treat like no "
		    "SPF at all (RFC 7208 sections 5.1 and 8.2). Use '~all' "
		    "or '-all' once every sending server is listed") :
		    _("the existing SPF record uses '%s': every server not "
		    "listed gets a neutral result, which receivers treat like "
		    "no SPF at all (RFC 7208 sections 5.1 and 8.2). Use "
		    "'~all' or '-all' once every sending server is listed"),
		    all->text);
	}
}

/* Warn about mechanisms written after the first "all". */
static void
spf_lint_after_all(const struct spf_record *r, size_t all, int isnew,
    struct record_set *rs)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = all + 1; i < r->nterms; i++) {
		if (r->terms[i].kind != SPF_TERM_MECHANISM)
			continue;
		buf_printf(&b, "%s'%s'", b.len > 0 ? ", " : "",
		    r->terms[i].text);
	}
	if (b.len > 0) {
		record_set_warn(rs, "spf-after-all", isnew ?
		    _("in the new SPF record, %s after '%s' can never be "
		    "reached, because evaluation stops at all (RFC 7208 "
		    "section 5.1). Move them before '%s' or remove them") :
		    _("in the existing SPF record, %s after '%s' can never "
		    "be reached, because evaluation stops at all (RFC 7208 "
		    "section 5.1). Move them before '%s' or remove them"),
		    b.data, r->terms[all].text, r->terms[all].text);
	}
	buf_free(&b);
}

/* Warn when a record is too long for one UDP answer. */
static void
spf_lint_length(const char *text, int isnew, struct record_set *rs)
{
	size_t len = strlen(text);

	if (len <= SPF_MAX_BYTES)
		return;
	record_set_warn(rs, "spf-too-long", isnew ?
	    P_("the new SPF record is %zu byte long; above 450 bytes its DNS "
	    "answer may not fit in a 512-byte UDP packet and some receivers "
	    "fail to fetch it (RFC 7208 section 3.4). Shorten it, for "
	    "example by moving ip4: and ip6: lists into an include: of a "
	    "subdomain", "the new SPF record is %zu bytes long; above 450 "
	    "bytes its DNS answer may not fit in a 512-byte UDP packet and "
	    "some receivers fail to fetch it (RFC 7208 section 3.4). Shorten "
	    "it, for example by moving ip4: and ip6: lists into an include: "
	    "of a subdomain", len) :
	    P_("the existing SPF record is %zu byte long; above 450 bytes "
	    "its DNS answer may not fit in a 512-byte UDP packet and some "
	    "receivers fail to fetch it (RFC 7208 section 3.4). Shorten it, "
	    "for example by moving ip4: and ip6: lists into an include: of "
	    "a subdomain", "the existing SPF record is %zu bytes long; above "
	    "450 bytes its DNS answer may not fit in a 512-byte UDP packet "
	    "and some receivers fail to fetch it (RFC 7208 section 3.4). "
	    "Shorten it, for example by moving ip4: and ip6: lists into an "
	    "include: of a subdomain", len), len);
}

/* Lint one record; `which` is "existing" or "new". */
void
spf_lint(const char *text, const char *which, struct record_set *rs)
{
	struct spf_record r;
	const struct spf_term *t, *ptr = NULL, *redirect = NULL;
	size_t i, all = (size_t)-1;
	char *cause;
	int isnew, n;

	isnew = which != NULL && strcmp(which, "new") == 0;
	if (spf_parse(text, &r, &cause) == -1) {
		record_set_warn(rs, "spf-syntax", isnew ?
		    _("the new SPF record has a syntax error (%s); receivers "
		    "treat the whole record as a permanent error, so SPF "
		    "fails for every message (RFC 7208 section 4.6). Correct "
		    "that term") :
		    _("the existing SPF record has a syntax error (%s); "
		    "receivers treat the whole record as a permanent error, "
		    "so SPF fails for every message (RFC 7208 section 4.6). "
		    "Correct that term"), cause);
		free(cause);
		spf_lint_length(text, isnew, rs);
		return;
	}
	for (i = 0; i < r.nterms; i++) {
		t = &r.terms[i];
		if (t->kind == SPF_TERM_REDIRECT)
			redirect = t;
		if (t->kind != SPF_TERM_MECHANISM)
			continue;
		if (t->mech == SPF_ALL && all == (size_t)-1)
			all = i;
		if (t->mech == SPF_PTR && ptr == NULL)
			ptr = t;
	}
	if (all != (size_t)-1)
		spf_lint_all(&r.terms[all], isnew, rs);
	if (ptr != NULL) {
		record_set_warn(rs, "spf-ptr", isnew ?
		    _("the new SPF record uses the ptr mechanism ('%s'), "
		    "which is slow, loads the DNS and is deprecated; "
		    "receivers may skip it (RFC 7208 section 5.5). List the "
		    "sending servers with ip4:, ip6: or a: instead") :
		    _("the existing SPF record uses the ptr mechanism ('%s'), "
		    "which is slow, loads the DNS and is deprecated; "
		    "receivers may skip it (RFC 7208 section 5.5). List the "
		    "sending servers with ip4:, ip6: or a: instead"),
		    ptr->text);
	}
	n = spf_lookup_terms(&r);
	if (n > SPF_MAX_LOOKUPS) {
		record_set_warn(rs, "spf-lookups", isnew ?
		    P_("the new SPF record has %d term that needs a DNS "
		    "lookup (include, a, mx, ptr, exists, redirect); more "
		    "than 10 in the whole evaluation, nested includes "
		    "counted, is a permanent error and SPF fails (RFC 7208 "
		    "section 4.6.4). Replace some with ip4: or ip6: ranges, "
		    "or remove senders no longer used",
		    "the new SPF record has %d terms that need a DNS lookup "
		    "(include, a, mx, ptr, exists, redirect); more than 10 "
		    "in the whole evaluation, nested includes counted, is a "
		    "permanent error and SPF fails (RFC 7208 section 4.6.4). "
		    "Replace some with ip4: or ip6: ranges, or remove "
		    "senders no longer used", n) :
		    P_("the existing SPF record has %d term that needs a DNS "
		    "lookup (include, a, mx, ptr, exists, redirect); more "
		    "than 10 in the whole evaluation, nested includes "
		    "counted, is a permanent error and SPF fails (RFC 7208 "
		    "section 4.6.4). Replace some with ip4: or ip6: ranges, "
		    "or remove senders no longer used",
		    "the existing SPF record has %d terms that need a DNS "
		    "lookup (include, a, mx, ptr, exists, redirect); more "
		    "than 10 in the whole evaluation, nested includes "
		    "counted, is a permanent error and SPF fails (RFC 7208 "
		    "section 4.6.4). Replace some with ip4: or ip6: ranges, "
		    "or remove senders no longer used", n), n);
	}
	spf_lint_length(text, isnew, rs);
	if (redirect != NULL && all != (size_t)-1) {
		record_set_warn(rs, "spf-redirect-ignored", isnew ?
		    _("the new SPF record has both '%s' and '%s': redirect= "
		    "is ignored when the record has an all mechanism, so the "
		    "redirected policy is never used (RFC 7208 section 6.1). "
		    "Remove one of the two") :
		    _("the existing SPF record has both '%s' and '%s': "
		    "redirect= is ignored when the record has an all "
		    "mechanism, so the redirected policy is never used (RFC "
		    "7208 section 6.1). Remove one of the two"),
		    redirect->text, r.terms[all].text);
	}
	if (all != (size_t)-1)
		spf_lint_after_all(&r, all, isnew, rs);
	if (all == (size_t)-1 && redirect == NULL) {
		record_set_warn(rs, "spf-no-all", isnew ?
		    _("the new SPF record has no all mechanism and no "
		    "redirect=, so every server not listed gets a neutral "
		    "result (RFC 7208 section 4.7). End it with '~all' or "
		    "'-all'") :
		    _("the existing SPF record has no all mechanism and no "
		    "redirect=, so every server not listed gets a neutral "
		    "result (RFC 7208 section 4.7). End it with '~all' or "
		    "'-all'"));
	}
	spf_record_free(&r);
}

/* Warn when a name publishes more than one SPF record. */
void
spf_lint_multiple(size_t count, struct record_set *rs)
{
	if (count <= 1)
		return;
	record_set_warn(rs, "spf-multiple", P_("the domain has %zu SPF "
	    "record; receivers treat more than one as a permanent error, so "
	    "SPF fails for every message (RFC 7208 section 4.5). Merge them "
	    "into a single TXT record and delete the others",
	    "the domain has %zu SPF records; receivers treat more than one "
	    "as a permanent error, so SPF fails for every message (RFC 7208 "
	    "section 4.5). Merge them into a single TXT record and delete "
	    "the others", count), count);
}

/* Warn that the obsolete SPF resource record type is still published. */
void
spf_lint_rrtype(struct record_set *rs)
{
	record_set_warn(rs, "spf-rr-type", "%s", _("the domain still "
	    "publishes a record of the obsolete SPF type (type 99), which "
	    "receivers no longer read (RFC 7208 section 3.1). Publish SPF as "
	    "a TXT record only and delete the SPF-type record"));
}
