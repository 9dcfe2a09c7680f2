/* test-domain.c - domain names as the administrator types them */
#include <locale.h>
#include <stdlib.h>

#include "tap.h"
#include "domain.h"

/* Parse and check both forms. */
static void
good(const char *in, const char *a, const char *u)
{
	char *al = NULL, *ul = NULL, *cause = NULL;

	if (domain_parse(in, &al, &ul, &cause) == -1) {
		ok(0, "'%s' accepted (%s)", in, cause);
		free(cause);
		return;
	}
	is(al, a, "'%s' A-label", in);
	is(ul, u, "'%s' U-label", in);
	free(al);
	free(ul);
}

/* Parse, expecting a failure whose message holds a piece. */
static void
bad(const char *in, const char *piece)
{
	char *al = NULL, *ul = NULL, *cause = NULL;

	if (domain_parse(in, &al, &ul, &cause) == 0) {
		ok(0, "'%s' rejected", in);
		free(al);
		free(ul);
		return;
	}
	like(cause, piece, "'%s' rejected: %s", in, piece);
	free(cause);
}

/* domain_show(in) is want. */
static void
show(const char *in, const char *want)
{
	char *got = domain_show(in);

	is(got, want, "shown as %s", want);
	free(got);
}

int
main(void)
{
	char *cause = NULL;
	char long_label[80], long_name[300];

	setlocale(LC_ALL, "C.UTF-8");
	good("example.com", "example.com", "example.com");
	good("  Example.COM.  ", "example.com", "example.com");
	good("mail.billing.example.co.uk", "mail.billing.example.co.uk",
	    "mail.billing.example.co.uk");
	good("bücher.example", "xn--bcher-kva.example", "bücher.example");
	good("XN--BCHER-KVA.example", "xn--bcher-kva.example",
	    "bücher.example");
	good("例え.jp", "xn--r8jz45g.jp", "例え.jp");
	good("faß.de", "xn--fa-hia.de", "faß.de");
	bad("", "no domain given");
	bad("   ", "no domain given");
	bad("https://example.com", "web address");
	bad("billing@example.com", "e-mail address");
	bad("example .com", "space");
	bad("example..com", "empty label");
	bad(".example.com", "empty label");
	bad("-example.com", "hyphen");
	bad("example-.com", "hyphen");
	bad("exa_mple.com", "'_'");
	bad("exa!mple.com", "'!'");
	bad("localhost", "single label");
	bad("xn--zz.example", "internationalised");
	memset(long_label, 'a', 64);
	long_label[64] = '\0';
	snprintf(long_name, sizeof long_name, "%s.com", long_label);
	bad(long_name, "at most 63");
	for (int i = 0; i < 260; i += 2) {
		long_name[i] = 'a';
		long_name[i + 1] = '.';
	}
	long_name[260] = 'a';
	long_name[261] = '\0';
	bad(long_name, "at most 253");

	ok(domain_name_valid("abc._domainkey.example.com.", &cause) == 0,
	    "record name with underscore and dot is valid");
	ok(domain_name_valid("a b.example.com", &cause) == -1,
	    "record name with space is not");
	free(cause);

	show("_dmarc.xn--bcher-kva.example.", "_dmarc.bücher.example.");
	show("abc._domainkey.xn--r8jz45g.jp", "abc._domainkey.例え.jp");
	show("_dmarc.example.com.", "_dmarc.example.com.");
	show("xn--zz.example", "xn--zz.example");
	setlocale(LC_ALL, "C");
	show("_dmarc.xn--bcher-kva.example.", "_dmarc.xn--bcher-kva.example.");
	return done_testing();
}
