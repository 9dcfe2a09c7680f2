/* test-spf.c - RFC 7208 records: parse, print, merge, lint */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "record.h"
#include "spf.h"

/* What one parsed term must look like. */
struct want_term {
	const char		*record;
	size_t			 index;
	enum spf_term_kind	 kind;
	char			 qualifier;
	enum spf_mech		 mech;
	const char		*domain;
	const char		*addr;
	int			 cidr4;
	int			 cidr6;
	const char		*name;
	const char		*value;
	const char		*text;
	size_t			 column;
};

#define M SPF_TERM_MECHANISM
#define R SPF_TERM_REDIRECT
#define E SPF_TERM_EXP
#define U SPF_TERM_MODIFIER

static const struct want_term want_terms[] = {
	/* all and every qualifier */
	{ "v=spf1 all", 0, M, 0, SPF_ALL, NULL, NULL, -1, -1, NULL, NULL,
	  "all", 8 },
	{ "v=spf1 +all", 0, M, '+', SPF_ALL, NULL, NULL, -1, -1, NULL, NULL,
	  "+all", 8 },
	{ "v=spf1 -all", 0, M, '-', SPF_ALL, NULL, NULL, -1, -1, NULL, NULL,
	  "-all", 8 },
	{ "v=spf1 ~all", 0, M, '~', SPF_ALL, NULL, NULL, -1, -1, NULL, NULL,
	  "~all", 8 },
	{ "v=spf1 ?all", 0, M, '?', SPF_ALL, NULL, NULL, -1, -1, NULL, NULL,
	  "?all", 8 },
	{ "v=spf1 -ALL", 0, M, '-', SPF_ALL, NULL, NULL, -1, -1, NULL, NULL,
	  "-ALL", 8 },
	/* include */
	{ "v=spf1 include:_spf.google.com ~all", 0, M, 0, SPF_INCLUDE,
	  "_spf.google.com", NULL, -1, -1, NULL, NULL,
	  "include:_spf.google.com", 8 },
	{ "v=spf1 ~all ?include:spf.example.org.", 1, M, '?', SPF_INCLUDE,
	  "spf.example.org.", NULL, -1, -1, NULL, NULL,
	  "?include:spf.example.org.", 13 },
	{ "v=spf1 INCLUDE:AmazonSES.com", 0, M, 0, SPF_INCLUDE,
	  "AmazonSES.com", NULL, -1, -1, NULL, NULL, "INCLUDE:AmazonSES.com",
	  8 },
	{ "v=spf1 -include:_spfh.%{d2}", 0, M, '-', SPF_INCLUDE,
	  "_spfh.%{d2}", NULL, -1, -1, NULL, NULL, "-include:_spfh.%{d2}",
	  8 },
	/* a */
	{ "v=spf1 a", 0, M, 0, SPF_A, NULL, NULL, -1, -1, NULL, NULL, "a", 8 },
	{ "v=spf1 A", 0, M, 0, SPF_A, NULL, NULL, -1, -1, NULL, NULL, "A", 8 },
	{ "v=spf1 +a", 0, M, '+', SPF_A, NULL, NULL, -1, -1, NULL, NULL,
	  "+a", 8 },
	{ "v=spf1 a/24", 0, M, 0, SPF_A, NULL, NULL, 24, -1, NULL, NULL,
	  "a/24", 8 },
	{ "v=spf1 a//64", 0, M, 0, SPF_A, NULL, NULL, -1, 64, NULL, NULL,
	  "a//64", 8 },
	{ "v=spf1 a/24//64", 0, M, 0, SPF_A, NULL, NULL, 24, 64, NULL, NULL,
	  "a/24//64", 8 },
	{ "v=spf1 a/0//0", 0, M, 0, SPF_A, NULL, NULL, 0, 0, NULL, NULL,
	  "a/0//0", 8 },
	{ "v=spf1 a/32//128", 0, M, 0, SPF_A, NULL, NULL, 32, 128, NULL, NULL,
	  "a/32//128", 8 },
	{ "v=spf1 a:zgateway.zuora.com", 0, M, 0, SPF_A, "zgateway.zuora.com",
	  NULL, -1, -1, NULL, NULL, "a:zgateway.zuora.com", 8 },
	{ "v=spf1 a:mail.example.com/24", 0, M, 0, SPF_A, "mail.example.com",
	  NULL, 24, -1, NULL, NULL, "a:mail.example.com/24", 8 },
	{ "v=spf1 a:mail.example.com//48", 0, M, 0, SPF_A, "mail.example.com",
	  NULL, -1, 48, NULL, NULL, "a:mail.example.com//48", 8 },
	{ "v=spf1 ~a:mail.example.com/28//96", 0, M, '~', SPF_A,
	  "mail.example.com", NULL, 28, 96, NULL, NULL,
	  "~a:mail.example.com/28//96", 8 },
	{ "v=spf1 a:foo:bar/baz.example.com", 0, M, 0, SPF_A,
	  "foo:bar/baz.example.com", NULL, -1, -1, NULL, NULL,
	  "a:foo:bar/baz.example.com", 8 },
	{ "v=spf1 a:%{H}.bar", 0, M, 0, SPF_A, "%{H}.bar", NULL, -1, -1,
	  NULL, NULL, "a:%{H}.bar", 8 },
	{ "v=spf1 a:%{d}/26", 0, M, 0, SPF_A, "%{d}", NULL, 26, -1, NULL,
	  NULL, "a:%{d}/26", 8 },
	{ "v=spf1 a:foo.example.xn--zckzah", 0, M, 0, SPF_A,
	  "foo.example.xn--zckzah", NULL, -1, -1, NULL, NULL,
	  "a:foo.example.xn--zckzah", 8 },
	/* mx */
	{ "v=spf1 mx", 0, M, 0, SPF_MX, NULL, NULL, -1, -1, NULL, NULL,
	  "mx", 8 },
	{ "v=spf1 -MX", 0, M, '-', SPF_MX, NULL, NULL, -1, -1, NULL, NULL,
	  "-MX", 8 },
	{ "v=spf1 mx/30", 0, M, 0, SPF_MX, NULL, NULL, 30, -1, NULL, NULL,
	  "mx/30", 8 },
	{ "v=spf1 mx//112", 0, M, 0, SPF_MX, NULL, NULL, -1, 112, NULL, NULL,
	  "mx//112", 8 },
	{ "v=spf1 mx/30//112", 0, M, 0, SPF_MX, NULL, NULL, 30, 112, NULL,
	  NULL, "mx/30//112", 8 },
	{ "v=spf1 ?mx:Example.COM.", 0, M, '?', SPF_MX, "Example.COM.", NULL,
	  -1, -1, NULL, NULL, "?mx:Example.COM.", 8 },
	{ "v=spf1 mx:%{d}/27", 0, M, 0, SPF_MX, "%{d}", NULL, 27, -1, NULL,
	  NULL, "mx:%{d}/27", 8 },
	{ "v=spf1 mx:example.org/24//64", 0, M, 0, SPF_MX, "example.org",
	  NULL, 24, 64, NULL, NULL, "mx:example.org/24//64", 8 },
	/* ptr */
	{ "v=spf1 ptr", 0, M, 0, SPF_PTR, NULL, NULL, -1, -1, NULL, NULL,
	  "ptr", 8 },
	{ "v=spf1 ~PTR:example.com", 0, M, '~', SPF_PTR, "example.com", NULL,
	  -1, -1, NULL, NULL, "~PTR:example.com", 8 },
	/* ip4 */
	{ "v=spf1 ip4:192.0.2.1", 0, M, 0, SPF_IP4, NULL, "192.0.2.1", -1,
	  -1, NULL, NULL, "ip4:192.0.2.1", 8 },
	{ "v=spf1 ip4:192.0.2.0/24", 0, M, 0, SPF_IP4, NULL, "192.0.2.0", 24,
	  -1, NULL, NULL, "ip4:192.0.2.0/24", 8 },
	{ "v=spf1 -IP4:0.0.0.0/0", 0, M, '-', SPF_IP4, NULL, "0.0.0.0", 0,
	  -1, NULL, NULL, "-IP4:0.0.0.0/0", 8 },
	{ "v=spf1 ip4:255.255.255.255/32", 0, M, 0, SPF_IP4, NULL,
	  "255.255.255.255", 32, -1, NULL, NULL,
	  "ip4:255.255.255.255/32", 8 },
	/* ip6 */
	{ "v=spf1 ip6:2001:db8::1", 0, M, 0, SPF_IP6, NULL, "2001:db8::1",
	  -1, -1, NULL, NULL, "ip6:2001:db8::1", 8 },
	{ "v=spf1 ip6:2001:db8::/32", 0, M, 0, SPF_IP6, NULL, "2001:db8::",
	  -1, 32, NULL, NULL, "ip6:2001:db8::/32", 8 },
	{ "v=spf1 ip6:::1", 0, M, 0, SPF_IP6, NULL, "::1", -1, -1, NULL,
	  NULL, "ip6:::1", 8 },
	{ "v=spf1 ip6:::/0", 0, M, 0, SPF_IP6, NULL, "::", -1, 0, NULL, NULL,
	  "ip6:::/0", 8 },
	{ "v=spf1 ~IP6:::FFFF:192.0.2.1/128", 0, M, '~', SPF_IP6, NULL,
	  "::FFFF:192.0.2.1", -1, 128, NULL, NULL,
	  "~IP6:::FFFF:192.0.2.1/128", 8 },
	{ "v=spf1 ip6:Cafe:Babe:8000::/33", 0, M, 0, SPF_IP6, NULL,
	  "Cafe:Babe:8000::", -1, 33, NULL, NULL,
	  "ip6:Cafe:Babe:8000::/33", 8 },
	{ "v=spf1 ip6:2001:0db8:0000:0000:0000:0000:0000:0001", 0, M, 0,
	  SPF_IP6, NULL, "2001:0db8:0000:0000:0000:0000:0000:0001", -1, -1,
	  NULL, NULL, "ip6:2001:0db8:0000:0000:0000:0000:0000:0001", 8 },
	/* exists */
	{ "v=spf1 exists:%{i}._spf.%{d}", 0, M, 0, SPF_EXISTS,
	  "%{i}._spf.%{d}", NULL, -1, -1, NULL, NULL,
	  "exists:%{i}._spf.%{d}", 8 },
	{ "v=spf1 -EXISTS:%{ir}.%{v}._spf.%{d2}", 0, M, '-', SPF_EXISTS,
	  "%{ir}.%{v}._spf.%{d2}", NULL, -1, -1, NULL, NULL,
	  "-EXISTS:%{ir}.%{v}._spf.%{d2}", 8 },
	{ "v=spf1 exists:%{i}.%{s1}.100/86400.rate.%{d}", 0, M, 0,
	  SPF_EXISTS, "%{i}.%{s1}.100/86400.rate.%{d}", NULL, -1, -1, NULL,
	  NULL, "exists:%{i}.%{s1}.100/86400.rate.%{d}", 8 },
	/* modifiers */
	{ "v=spf1 redirect=_spf.example.com", 0, R, 0, SPF_ALL,
	  "_spf.example.com", NULL, -1, -1, "redirect", "_spf.example.com",
	  "redirect=_spf.example.com", 8 },
	{ "v=spf1 Redirect=%{d}.d.spf.example.com.", 0, R, 0, SPF_ALL,
	  "%{d}.d.spf.example.com.", NULL, -1, -1, "Redirect",
	  "%{d}.d.spf.example.com.", "Redirect=%{d}.d.spf.example.com.", 8 },
	{ "v=spf1 -all exp=explain._spf.%{d}", 1, E, 0, SPF_ALL,
	  "explain._spf.%{d}", NULL, -1, -1, "exp", "explain._spf.%{d}",
	  "exp=explain._spf.%{d}", 13 },
	{ "v=spf1 EXP=msg.example.com.", 0, E, 0, SPF_ALL, "msg.example.com.",
	  NULL, -1, -1, "EXP", "msg.example.com.", "EXP=msg.example.com.",
	  8 },
	{ "v=spf1 foo=bar", 0, U, 0, SPF_ALL, NULL, NULL, -1, -1, "foo", "bar",
	  "foo=bar", 8 },
	{ "v=spf1 moo.cow-far_out=man:dog/cat ip4:1.2.3.4 -all", 0, U, 0,
	  SPF_ALL, NULL, NULL, -1, -1, "moo.cow-far_out", "man:dog/cat",
	  "moo.cow-far_out=man:dog/cat", 8 },
	{ "v=spf1 default=+", 0, U, 0, SPF_ALL, NULL, NULL, -1, -1, "default",
	  "+", "default=+", 8 },
	{ "v=spf1 x9=", 0, U, 0, SPF_ALL, NULL, NULL, -1, -1, "x9", "",
	  "x9=", 8 },
	{ "v=spf1 note=%{c}%{r}%{t}%%%_%-", 0, U, 0, SPF_ALL, NULL, NULL, -1,
	  -1, "note", "%{c}%{r}%{t}%%%_%-", "note=%{c}%{r}%{t}%%%_%-", 8 },
	{ "v=spf1 a=b=c", 0, U, 0, SPF_ALL, NULL, NULL, -1, -1, "a", "b=c",
	  "a=b=c", 8 },
	/* columns with runs of spaces and an upper-case version */
	{ "V=SPF1   mx  -all", 0, M, 0, SPF_MX, NULL, NULL, -1, -1, NULL,
	  NULL, "mx", 10 },
	{ "V=SPF1   mx  -all", 1, M, '-', SPF_ALL, NULL, NULL, -1, -1, NULL,
	  NULL, "-all", 14 },
	{ "v=spf1 a mx ptr ip4:192.0.2.1 ", 3, M, 0, SPF_IP4, NULL,
	  "192.0.2.1", -1, -1, NULL, NULL, "ip4:192.0.2.1", 17 },
};

/* A record and the exact error spf_parse must give. */
static const struct {
	const char	*record;
	const char	*cause;
} want_errors[] = {
	/* version */
	{ "", "column 1: record does not start with 'v=spf1'" },
	{ "spf1 mx", "column 1: record does not start with 'v=spf1'" },
	{ " v=spf1 mx", "column 1: record does not start with 'v=spf1'" },
	{ "v=spf2 mx", "column 1: record does not start with 'v=spf1'" },
	{ "v=DMARC1; p=none",
	  "column 1: record does not start with 'v=spf1'" },
	{ "v=spf1mx", "column 7: 'v=spf1' must be followed by a space" },
	{ "v=spf10", "column 7: 'v=spf1' must be followed by a space" },
	{ "v=spf1\tmx", "column 7: 'v=spf1' must be followed by a space" },
	/* unknown mechanisms */
	{ "v=spf1 a mx ptr ip:1.2.3.4",
	  "column 17: unknown mechanism 'ip:1.2.3.4'" },
	{ "v=spf1 ipv4:192.0.2.1",
	  "column 8: unknown mechanism 'ipv4:192.0.2.1'" },
	{ "v=spf1 ip4:1.2.3.4 -all moo",
	  "column 25: unknown mechanism 'moo'" },
	{ "v=spf1 foo", "column 8: unknown mechanism 'foo'" },
	{ "v=spf1 -", "column 8: unknown mechanism '-'" },
	{ "v=spf1 ?", "column 8: unknown mechanism '?'" },
	{ "v=spf1 :example.com",
	  "column 8: unknown mechanism ':example.com'" },
	{ "v=spf1 a-b", "column 8: unknown mechanism 'a-b'" },
	{ "v=spf1 -all.", "column 8: unknown mechanism '-all.'" },
	{ "v=spf1 mx,", "column 8: unknown mechanism 'mx,'" },
	{ "v=spf1 a%", "column 8: unknown mechanism 'a%'" },
	{ "v=spf1 ++all", "column 8: unknown mechanism '++all'" },
	{ "v=spf1 ip4:1.2.3.4 redirect:t2.example.com",
	  "column 20: unknown mechanism 'redirect:t2.example.com'" },
	{ "v=spf1 moo.cow/far_out=man:dog/cat",
	  "column 8: unknown mechanism 'moo.cow/far_out=man:dog/cat'" },
	{ "v=spf1 moo.cow:far_out=man:dog/cat",
	  "column 8: unknown mechanism 'moo.cow:far_out=man:dog/cat'" },
	/* characters outside visible ASCII */
	{ "v=spf1 a:ctrl.example.com\rptr -all",
	  "column 8: invalid character 0x0d in 'a:ctrl.example.com\\x0dptr'" },
	{ "v=spf1 ip4:192.0.2.5\n include:spf.example.com",
	  "column 8: invalid character 0x0a in 'ip4:192.0.2.5\\x0a'" },
	{ "v=spf1 mx\t-all",
	  "column 8: invalid character 0x09 in 'mx\\x09-all'" },
	{ "v=spf1 \x80" "a:example.net -all",
	  "column 8: invalid character 0x80 in '\\x80a:example.net'" },
	{ "v=spf1 a:example.net \x96" "all",
	  "column 22: invalid character 0x96 in '\\x96all'" },
	/* modifiers */
	{ "v=spf1 -redirect=_spf.example.com",
	  "column 8: modifier '-redirect=_spf.example.com' cannot have a "
	  "qualifier" },
	{ "v=spf1 +foo=bar", "column 8: modifier '+foo=bar' cannot have a "
	  "qualifier" },
	{ "v=spf1 1up=foo", "column 8: invalid modifier name in '1up=foo'" },
	{ "v=spf1 =all", "column 8: invalid modifier name in '=all'" },
	{ "v=spf1 _x=y", "column 8: invalid modifier name in '_x=y'" },
	{ "v=spf1 -all foo=%abc",
	  "column 13: invalid value in 'foo=%abc': a '%' must be followed "
	  "by '{', '%', '_' or '-'" },
	{ "v=spf1 foo=%{a}",
	  "column 8: invalid value in 'foo=%{a}': unknown macro letter 'a' "
	  "in '%{a}'" },
	{ "v=spf1 foo=%{d",
	  "column 8: invalid value in 'foo=%{d': macro '%{d' has no "
	  "closing '}'" },
	{ "v=spf1 redirect=a.example.com REDIRECT=b.example.com",
	  "column 31: 'REDIRECT=b.example.com' repeats the redirect= "
	  "modifier, which may appear only once" },
	{ "v=spf1 redirect=e12.example.com -all redirect=e12.example.com",
	  "column 38: 'redirect=e12.example.com' repeats the redirect= "
	  "modifier, which may appear only once" },
	{ "v=spf1 exp=e13msg.example.com -all exp=e11msg.example.com",
	  "column 36: 'exp=e11msg.example.com' repeats the exp= modifier, "
	  "which may appear only once" },
	{ "v=spf1 redirect=", "column 8: empty domain in 'redirect='" },
	{ "v=spf1 ?all exp=", "column 13: empty domain in 'exp='" },
	{ "v=spf1 exp=-all",
	  "column 8: invalid domain '-all' in 'exp=-all': it must end with "
	  "a top-level label such as '.com' or with a macro" },
	{ "v=spf1 redirect=-all ?all",
	  "column 8: invalid domain '-all' in 'redirect=-all': it must end "
	  "with a top-level label such as '.com' or with a macro" },
	{ "v=spf1 -all exp=%{r}.example.com",
	  "column 13: invalid domain '%{r}.example.com' in "
	  "'exp=%{r}.example.com': macro letter 'r' in '%{r}' is allowed "
	  "only in explanation text" },
	/* all */
	{ "v=spf1 -all:foobar",
	  "column 8: all takes no argument in '-all:foobar'" },
	{ "v=spf1 -all/8", "column 8: all takes no argument in '-all/8'" },
	{ "v=spf1 ?all//64", "column 8: all takes no argument in '?all//64'" },
	/* include, exists, ptr */
	{ "v=spf1 include +all",
	  "column 8: include needs a domain in 'include'" },
	{ "v=spf1 exists", "column 8: exists needs a domain in 'exists'" },
	{ "v=spf1 include: -all", "column 8: empty domain in 'include:'" },
	{ "v=spf1 exists:", "column 8: empty domain in 'exists:'" },
	{ "v=spf1 ptr:", "column 8: empty domain in 'ptr:'" },
	{ "v=spf1 include:ip5.example.com/24 -all",
	  "column 8: include takes no cidr length in "
	  "'include:ip5.example.com/24'" },
	{ "v=spf1 include/24",
	  "column 8: include takes no cidr length in 'include/24'" },
	{ "v=spf1 exists:mail.example.com/24",
	  "column 8: exists takes no cidr length in "
	  "'exists:mail.example.com/24'" },
	{ "v=spf1 exists:mail.example.com//64",
	  "column 8: exists takes no cidr length in "
	  "'exists:mail.example.com//64'" },
	{ "v=spf1 ptr/0 -all",
	  "column 8: ptr takes no cidr length in 'ptr/0'" },
	{ "v=spf1 ptr:example.com/24",
	  "column 8: ptr takes no cidr length in 'ptr:example.com/24'" },
	/* a and mx domains */
	{ "v=spf1 a:", "column 8: empty domain in 'a:'" },
	{ "v=spf1 mx: -all", "column 8: empty domain in 'mx:'" },
	{ "v=spf1 a:/24", "column 8: empty domain in 'a:/24'" },
	{ "v=spf1 a:foo-bar -all",
	  "column 8: invalid domain 'foo-bar' in 'a:foo-bar': it must end "
	  "with a top-level label such as '.com' or with a macro" },
	{ "v=spf1 a:museum",
	  "column 8: invalid domain 'museum' in 'a:museum': it must end "
	  "with a top-level label such as '.com' or with a macro" },
	{ "v=spf1 a:museum.",
	  "column 8: invalid domain 'museum.' in 'a:museum.': it must end "
	  "with a top-level label such as '.com' or with a macro" },
	{ "v=spf1 a:example.com..",
	  "column 8: invalid domain 'example.com..' in 'a:example.com..': "
	  "it must end with a top-level label such as '.com' or with a "
	  "macro" },
	{ "v=spf1 a:.",
	  "column 8: invalid domain '.' in 'a:.': it must end with a "
	  "top-level label such as '.com' or with a macro" },
	{ "v=spf1 a:%{d}.",
	  "column 8: invalid domain '%{d}.' in 'a:%{d}.': it must end with "
	  "a top-level label such as '.com' or with a macro" },
	{ "v=spf1 a:111.222.33.44",
	  "column 8: invalid domain '111.222.33.44' in 'a:111.222.33.44': "
	  "the top-level label '44' is not valid (letters, digits and inner "
	  "hyphens, not only digits)" },
	{ "v=spf1 mx:abc.123",
	  "column 8: invalid domain 'abc.123' in 'mx:abc.123': the "
	  "top-level label '123' is not valid (letters, digits and inner "
	  "hyphens, not only digits)" },
	{ "v=spf1 a:example.-com",
	  "column 8: invalid domain 'example.-com' in 'a:example.-com': the "
	  "top-level label '-com' is not valid (letters, digits and inner "
	  "hyphens, not only digits)" },
	{ "v=spf1 a:example.com-",
	  "column 8: invalid domain 'example.com-' in 'a:example.com-': the "
	  "top-level label 'com-' is not valid (letters, digits and inner "
	  "hyphens, not only digits)" },
	{ "v=spf1 a:example.c_m",
	  "column 8: invalid domain 'example.c_m' in 'a:example.c_m': the "
	  "top-level label 'c_m' is not valid (letters, digits and inner "
	  "hyphens, not only digits)" },
	{ "v=spf1 mx:example.com:8080",
	  "column 8: invalid domain 'example.com:8080' in "
	  "'mx:example.com:8080': the top-level label 'com:8080' is not "
	  "valid (letters, digits and inner hyphens, not only digits)" },
	{ "v=spf1 include:spf.example.com,",
	  "column 8: invalid domain 'spf.example.com,' in "
	  "'include:spf.example.com,': the top-level label 'com,' is not "
	  "valid (letters, digits and inner hyphens, not only digits)" },
	/* macros */
	{ "v=spf1 exists:foo%.sbl.example.com",
	  "column 8: invalid domain 'foo%.sbl.example.com' in "
	  "'exists:foo%.sbl.example.com': a '%' must be followed by '{', "
	  "'%', '_' or '-'" },
	{ "v=spf1 -exists:%(ir).sbl.example.com",
	  "column 8: invalid domain '%(ir).sbl.example.com' in "
	  "'-exists:%(ir).sbl.example.com': a '%' must be followed by '{', "
	  "'%', '_' or '-'" },
	{ "v=spf1 a:example.com%",
	  "column 8: invalid domain 'example.com%' in 'a:example.com%': a "
	  "'%' must be followed by '{', '%', '_' or '-'" },
	{ "v=spf1 exists:%{d",
	  "column 8: invalid domain '%{d' in 'exists:%{d': macro '%{d' has "
	  "no closing '}'" },
	{ "v=spf1 exists:%{}.example.com",
	  "column 8: invalid domain '%{}.example.com' in "
	  "'exists:%{}.example.com': macro '%{}' has no letter" },
	{ "v=spf1 a:%{a}.example.com",
	  "column 8: invalid domain '%{a}.example.com' in "
	  "'a:%{a}.example.com': unknown macro letter 'a' in '%{a}'" },
	{ "v=spf1 a:%{X2}.example.com",
	  "column 8: invalid domain '%{X2}.example.com' in "
	  "'a:%{X2}.example.com': unknown macro letter 'X' in '%{X2}'" },
	{ "v=spf1 exists:%{c}.example.com",
	  "column 8: invalid domain '%{c}.example.com' in "
	  "'exists:%{c}.example.com': macro letter 'c' in '%{c}' is allowed "
	  "only in explanation text" },
	{ "v=spf1 exists:%{R}.example.com",
	  "column 8: invalid domain '%{R}.example.com' in "
	  "'exists:%{R}.example.com': macro letter 'R' in '%{R}' is allowed "
	  "only in explanation text" },
	{ "v=spf1 redirect=%{t}.example.com",
	  "column 8: invalid domain '%{t}.example.com' in "
	  "'redirect=%{t}.example.com': macro letter 't' in '%{t}' is "
	  "allowed only in explanation text" },
	{ "v=spf1 exists:%{d0}.example.com",
	  "column 8: invalid domain '%{d0}.example.com' in "
	  "'exists:%{d0}.example.com': the digit transformer in '%{d0}' must "
	  "not be zero" },
	{ "v=spf1 exists:%{d00r}.example.com",
	  "column 8: invalid domain '%{d00r}.example.com' in "
	  "'exists:%{d00r}.example.com': the digit transformer in '%{d00r}' "
	  "must not be zero" },
	{ "v=spf1 exists:%{d2x}.example.com",
	  "column 8: invalid domain '%{d2x}.example.com' in "
	  "'exists:%{d2x}.example.com': invalid transformer or delimiter in "
	  "macro '%{d2x}'" },
	{ "v=spf1 exists:%{drr}.example.com",
	  "column 8: invalid domain '%{drr}.example.com' in "
	  "'exists:%{drr}.example.com': invalid transformer or delimiter in "
	  "macro '%{drr}'" },
	{ "v=spf1 exists:%{dr2}.example.com",
	  "column 8: invalid domain '%{dr2}.example.com' in "
	  "'exists:%{dr2}.example.com': invalid transformer or delimiter in "
	  "macro '%{dr2}'" },
	{ "v=spf1 exists:%{l:}.example.com",
	  "column 8: invalid domain '%{l:}.example.com' in "
	  "'exists:%{l:}.example.com': invalid transformer or delimiter in "
	  "macro '%{l:}'" },
	{ "v=spf1 exists:%{d%}.example.com",
	  "column 8: invalid domain '%{d%}.example.com' in "
	  "'exists:%{d%}.example.com': invalid transformer or delimiter in "
	  "macro '%{d%}'" },
	/* cidr lengths */
	{ "v=spf1 a/33 -all",
	  "column 8: ip4 cidr length 33 is out of range (0 to 32) in "
	  "'a/33'" },
	{ "v=spf1 mx/33 -all",
	  "column 8: ip4 cidr length 33 is out of range (0 to 32) in "
	  "'mx/33'" },
	{ "v=spf1 a//129 -all",
	  "column 8: ip6 cidr length 129 is out of range (0 to 128) in "
	  "'a//129'" },
	{ "v=spf1 mx/24//129",
	  "column 8: ip6 cidr length 129 is out of range (0 to 128) in "
	  "'mx/24//129'" },
	{ "v=spf1 a/1000",
	  "column 8: ip4 cidr length 1000 is out of range (0 to 32) in "
	  "'a/1000'" },
	{ "v=spf1 a:foo.example.com/24/64",
	  "column 8: invalid domain 'foo.example.com/24' in "
	  "'a:foo.example.com/24/64': the top-level label 'com/24' is not "
	  "valid (letters, digits and inner hyphens, not only digits)" },
	{ "v=spf1 a:foo.example.com/33",
	  "column 8: ip4 cidr length 33 is out of range (0 to 32) in "
	  "'a:foo.example.com/33'" },
	{ "v=spf1 a/24/64 -all",
	  "column 8: cidr length '/24/64' is not valid in 'a/24/64'" },
	{ "v=spf1 a/", "column 8: cidr length '/' is not valid in 'a/'" },
	{ "v=spf1 a//", "column 8: cidr length '//' is not valid in 'a//'" },
	{ "v=spf1 mx/024",
	  "column 8: cidr length '/024' is not valid in 'mx/024'" },
	{ "v=spf1 a//064",
	  "column 8: cidr length '//064' is not valid in 'a//064'" },
	{ "v=spf1 a/10000",
	  "column 8: cidr length '/10000' is not valid in 'a/10000'" },
	{ "v=spf1 a/24//",
	  "column 8: cidr length '/24//' is not valid in 'a/24//'" },
	{ "v=spf1 a/x", "column 8: cidr length '/x' is not valid in 'a/x'" },
	{ "v=spf1 a:foo.example.com/032",
	  "column 8: cidr length '/032' is not valid in "
	  "'a:foo.example.com/032'" },
	{ "v=spf1 ip4:1.2.3.4/33 -all",
	  "column 8: ip4 cidr length 33 is out of range (0 to 32) in "
	  "'ip4:1.2.3.4/33'" },
	{ "v=spf1 ip4:1.2.3.4/032 -all",
	  "column 8: cidr length '/032' is not valid in 'ip4:1.2.3.4/032'" },
	{ "v=spf1 ip4:1.2.3.4//32",
	  "column 8: cidr length '//32' is not valid in 'ip4:1.2.3.4//32'" },
	{ "v=spf1 ip4:1.2.3.4/",
	  "column 8: cidr length '/' is not valid in 'ip4:1.2.3.4/'" },
	{ "v=spf1 ip4:1.2.3.4/24/",
	  "column 8: cidr length '/24/' is not valid in "
	  "'ip4:1.2.3.4/24/'" },
	{ "v=spf1 ip6:::1.1.1.1/129",
	  "column 8: ip6 cidr length 129 is out of range (0 to 128) in "
	  "'ip6:::1.1.1.1/129'" },
	{ "v=spf1 ip6:::1.1.1.1//33",
	  "column 8: cidr length '//33' is not valid in "
	  "'ip6:::1.1.1.1//33'" },
	{ "v=spf1 ip6:::1/ff",
	  "column 8: cidr length '/ff' is not valid in 'ip6:::1/ff'" },
	/* ip4 and ip6 addresses */
	{ "v=spf1 ip4", "column 8: ip4 needs an address in 'ip4'" },
	{ "v=spf1 ip4:", "column 8: ip4 needs an address in 'ip4:'" },
	{ "v=spf1 ip4:/24", "column 8: ip4 needs an address in 'ip4:/24'" },
	{ "v=spf1 ip4/24", "column 8: ip4 needs an address in 'ip4/24'" },
	{ "v=spf1 -all ip6", "column 13: ip6 needs an address in 'ip6'" },
	{ "v=spf1 ip6:", "column 8: ip6 needs an address in 'ip6:'" },
	{ "v=spf1 ip4:1.2.3.256", "column 8: ip4 address '1.2.3.256' is not "
	  "valid" },
	{ "v=spf1 ip4:1.2.3", "column 8: ip4 address '1.2.3' is not valid" },
	{ "v=spf1 ip4:1.2.03.4/24",
	  "column 8: ip4 address '1.2.03.4' is not valid" },
	{ "v=spf1 ip4:01.2.3.4",
	  "column 8: ip4 address '01.2.3.4' is not valid" },
	{ "v=spf1 ip4:1.2.3.4:8080",
	  "column 8: ip4 address '1.2.3.4:8080' is not valid" },
	{ "v=spf1 ip4:1.2.3.4.5",
	  "column 8: ip4 address '1.2.3.4.5' is not valid" },
	{ "v=spf1 ip4:0x7f.0.0.1",
	  "column 8: ip4 address '0x7f.0.0.1' is not valid" },
	{ "v=spf1 ip4:2001:db8::1",
	  "column 8: ip4 address '2001:db8::1' is not valid" },
	{ "v=spf1 ip6::CAFE::BABE",
	  "column 8: ip6 address ':CAFE::BABE' is not valid" },
	{ "v=spf1 ip6:2001:db8::1::2",
	  "column 8: ip6 address '2001:db8::1::2' is not valid" },
	{ "v=spf1 ip6:02001:db8::1",
	  "column 8: ip6 address '02001:db8::1' is not valid" },
	{ "v=spf1 ip6:2001:db8::g",
	  "column 8: ip6 address '2001:db8::g' is not valid" },
	{ "v=spf1 ip6:2001:db8:1:2:3:4:5:6:7",
	  "column 8: ip6 address '2001:db8:1:2:3:4:5:6:7' is not valid" },
	{ "v=spf1 ip6:192.0.2.1",
	  "column 8: ip6 address '192.0.2.1' is not valid" },
	{ "v=spf1 ip6:fe80::1%eth0",
	  "column 8: ip6 address 'fe80::1%eth0' is not valid" },
};

/* A merge and its exact outcome (the cause when rc is -1). */
static const struct {
	const char	*existing;
	const char	*mechanism;
	int		 rc;
	const char	*result;
} want_merges[] = {
	/* Google Workspace */
	{ "v=spf1 include:_spf.google.com ~all", "include:amazonses.com", 0,
	  "v=spf1 include:_spf.google.com include:amazonses.com ~all" },
	/* Microsoft 365 */
	{ "v=spf1 include:spf.protection.outlook.com -all",
	  "a:zgateway.zuora.com", 0,
	  "v=spf1 include:spf.protection.outlook.com a:zgateway.zuora.com "
	  "-all" },
	/* SendGrid */
	{ "v=spf1 include:sendgrid.net ~all", "include:amazonses.com", 0,
	  "v=spf1 include:sendgrid.net include:amazonses.com ~all" },
	/* Mailchimp and Mandrill */
	{ "v=spf1 include:servers.mcsv.net include:spf.mandrillapp.com ?all",
	  "include:amazonses.com", 0,
	  "v=spf1 include:servers.mcsv.net include:spf.mandrillapp.com "
	  "include:amazonses.com ?all" },
	/* several providers */
	{ "v=spf1 include:_spf.google.com include:spf.protection.outlook.com "
	  "include:sendgrid.net include:mailgun.org ~all",
	  "ip4:192.0.2.1", 0,
	  "v=spf1 include:_spf.google.com include:spf.protection.outlook.com "
	  "include:sendgrid.net include:mailgun.org ip4:192.0.2.1 ~all" },
	/* ip lists */
	{ "v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.7 ip6:2001:db8::/32 -all",
	  "ip4:203.0.113.5", 0,
	  "v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.7 ip6:2001:db8::/32 "
	  "ip4:203.0.113.5 -all" },
	{ "v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.7 ip6:2001:db8::/32 -all",
	  "ip6:2001:db8::1", 1,
	  "v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.7 ip6:2001:db8::/32 -all" },
	{ "v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.7 ip6:2001:db8::/32 -all",
	  "ip4:192.0.2.77", 1,
	  "v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.7 ip6:2001:db8::/32 -all" },
	{ "v=spf1 ip4:192.0.2.1 -all", "ip4:192.0.2.0/24", 0,
	  "v=spf1 ip4:192.0.2.1 ip4:192.0.2.0/24 -all" },
	{ "v=spf1 ip4:192.0.2.0/24 -all", "ip4:192.0.3.1", 0,
	  "v=spf1 ip4:192.0.2.0/24 ip4:192.0.3.1 -all" },
	{ "v=spf1 ip6:2001:db8::/32 -all", "ip6:2001:db9::1", 0,
	  "v=spf1 ip6:2001:db8::/32 ip6:2001:db9::1 -all" },
	{ "v=spf1 ip4:198.51.96.0/20 -all", "ip4:198.51.111.255", 1,
	  "v=spf1 ip4:198.51.96.0/20 -all" },
	{ "v=spf1 ip4:198.51.96.0/20 -all", "ip4:198.51.112.1", 0,
	  "v=spf1 ip4:198.51.96.0/20 ip4:198.51.112.1 -all" },
	{ "v=spf1 ip6:2001:db8:8000::/33 -all", "ip6:2001:db8:ffff::1", 1,
	  "v=spf1 ip6:2001:db8:8000::/33 -all" },
	{ "v=spf1 ip6:2001:db8:8000::/33 -all", "ip6:2001:db8:7fff::1", 0,
	  "v=spf1 ip6:2001:db8:8000::/33 ip6:2001:db8:7fff::1 -all" },
	{ "v=spf1 a:mail.example.com -all", "a:mall.example.com", 0,
	  "v=spf1 a:mail.example.com a:mall.example.com -all" },
	{ "v=spf1 ip4:0.0.0.0/0 -all", "ip4:203.0.113.9", 1,
	  "v=spf1 ip4:0.0.0.0/0 -all" },
	/* ip equality: /32 and /128 are the default, spelling differs */
	{ "v=spf1 ip4:192.0.2.1/32 -all", "ip4:192.0.2.1", 1,
	  "v=spf1 ip4:192.0.2.1/32 -all" },
	{ "v=spf1 ip4:192.0.2.1 -all", "ip4:192.0.2.1/32", 1,
	  "v=spf1 ip4:192.0.2.1 -all" },
	{ "v=spf1 ip6:2001:DB8:0:0::1 -all", "ip6:2001:db8::1", 1,
	  "v=spf1 ip6:2001:DB8:0:0::1 -all" },
	{ "v=spf1 ip6:2001:db8::1/128 ~all", "ip6:2001:0db8::0001", 1,
	  "v=spf1 ip6:2001:db8::1/128 ~all" },
	{ "v=spf1 ip4:192.0.2.9/24 -all", "ip4:192.0.2.0/24", 1,
	  "v=spf1 ip4:192.0.2.9/24 -all" },
	{ "v=spf1 ip6:::ffff:192.0.2.1 -all", "ip4:192.0.2.1", 0,
	  "v=spf1 ip6:::ffff:192.0.2.1 ip4:192.0.2.1 -all" },
	/* redirect */
	{ "v=spf1 redirect=_spf.example.com", "include:amazonses.com", 0,
	  "v=spf1 include:amazonses.com redirect=_spf.example.com" },
	{ "v=spf1 mx redirect=_spf.example.com", "a:zgateway.zuora.com", 0,
	  "v=spf1 mx a:zgateway.zuora.com redirect=_spf.example.com" },
	{ "v=spf1 include:_spf.google.com -all redirect=_spf.example.com",
	  "include:amazonses.com", 0,
	  "v=spf1 include:_spf.google.com include:amazonses.com -all "
	  "redirect=_spf.example.com" },
	/* macros */
	{ "v=spf1 exists:%{i}._spf.%{d} -all", "include:amazonses.com", 0,
	  "v=spf1 exists:%{i}._spf.%{d} include:amazonses.com -all" },
	{ "v=spf1 exists:%{i}._spf.%{d} -all", "exists:%{i}._SPF.%{d}", 1,
	  "v=spf1 exists:%{i}._spf.%{d} -all" },
	{ "v=spf1 include:_spf.%{d2}.Example.COM. -all",
	  "include:_SPF.%{d2}.example.com", 1,
	  "v=spf1 include:_spf.%{d2}.Example.COM. -all" },
	{ "v=spf1 include:_spf.%{d2} -all", "include:_spf.%{D2}", 0,
	  "v=spf1 include:_spf.%{d2} include:_spf.%{D2} -all" },
	{ "v=spf1 a:%%x.example.com -all", "a:%%X.example.com", 1,
	  "v=spf1 a:%%x.example.com -all" },
	{ "v=spf1 exists:%{I}._spf.%{d} -all", "exists:%{i}._spf.%{d}", 0,
	  "v=spf1 exists:%{I}._spf.%{d} exists:%{i}._spf.%{d} -all" },
	/* already present: exact, mixed case, trailing dot */
	{ "v=spf1 mx include:amazonses.com ~all", "include:amazonses.com", 1,
	  "v=spf1 mx include:amazonses.com ~all" },
	{ "v=spf1  include:AmazonSES.com ~all", "include:amazonses.com", 1,
	  "v=spf1  include:AmazonSES.com ~all" },
	{ "v=spf1 include:AmazonSES.com. ~all", "include:amazonses.com", 1,
	  "v=spf1 include:AmazonSES.com. ~all" },
	{ "v=spf1 include:amazonses.com ~all", "INCLUDE:amazonses.com.", 1,
	  "v=spf1 include:amazonses.com ~all" },
	{ "v=spf1 +include:amazonses.com -all", "include:amazonses.com", 1,
	  "v=spf1 +include:amazonses.com -all" },
	{ "v=spf1 mx a:zgateway.zuora.com -all", "a:zgateway.zuora.com", 1,
	  "v=spf1 mx a:zgateway.zuora.com -all" },
	{ "v=spf1 mx a:zgateway.zuora.com -all", "a:ZGateway.Zuora.com.", 1,
	  "v=spf1 mx a:zgateway.zuora.com -all" },
	{ "v=spf1 mx ~all", "MX", 1, "v=spf1 mx ~all" },
	{ "v=spf1 mx/32//128 ~all", "mx", 1, "v=spf1 mx/32//128 ~all" },
	{ "v=spf1 a:mail.example.com/24 -all", "a:mail.example.com", 1,
	  "v=spf1 a:mail.example.com/24 -all" },
	{ "v=spf1 mx:example.com -all", "mx", 0,
	  "v=spf1 mx:example.com mx -all" },
	{ "v=spf1 include:zgateway.zuora.com -all", "a:zgateway.zuora.com", 0,
	  "v=spf1 include:zgateway.zuora.com a:zgateway.zuora.com -all" },
	{ "v=spf1 a:mail.example.com/24 -all", "a:mail.example.com//64", 0,
	  "v=spf1 a:mail.example.com/24 a:mail.example.com//64 -all" },
	{ "v=spf1 a:mail.example.com -all", "a:mail.example.com/24", 0,
	  "v=spf1 a:mail.example.com a:mail.example.com/24 -all" },
	/* the Zuora shapes */
	{ "v=spf1 mx a:zgateway.zuora.com -all", "include:amazonses.com", 0,
	  "v=spf1 mx a:zgateway.zuora.com include:amazonses.com -all" },
	{ "v=spf1 mx include:amazonses.com ~all", "a:zgateway.zuora.com", 0,
	  "v=spf1 mx include:amazonses.com a:zgateway.zuora.com ~all" },
	/* +all, ?all, no all at all */
	{ "v=spf1 mx +all", "include:amazonses.com", 0,
	  "v=spf1 mx include:amazonses.com +all" },
	{ "v=spf1 a ?all", "include:amazonses.com", 0,
	  "v=spf1 a include:amazonses.com ?all" },
	{ "v=spf1 a all", "include:amazonses.com", 0,
	  "v=spf1 a include:amazonses.com all" },
	{ "v=spf1 mx", "include:amazonses.com", 0,
	  "v=spf1 mx include:amazonses.com" },
	{ "v=spf1", "mx", 0, "v=spf1 mx" },
	{ "v=spf1 ", "ip6:2001:db8::25", 0, "v=spf1 ip6:2001:db8::25" },
	/* spaces, case */
	{ "v=spf1  mx   include:_spf.google.com  ~all  ",
	  "include:amazonses.com", 0,
	  "v=spf1 mx include:_spf.google.com include:amazonses.com ~all" },
	{ "V=SPF1 MX ~ALL", "include:amazonses.com", 0,
	  "v=spf1 MX include:amazonses.com ~ALL" },
	/* exp= stays where it is */
	{ "v=spf1 mx -all exp=explain._spf.%{d}", "include:amazonses.com", 0,
	  "v=spf1 mx include:amazonses.com -all exp=explain._spf.%{d}" },
	{ "v=spf1 exp=explain.example.com mx -all", "include:amazonses.com",
	  0, "v=spf1 exp=explain.example.com mx include:amazonses.com -all" },
	{ "v=spf1 mx exp=explain.example.com", "include:amazonses.com", 0,
	  "v=spf1 mx exp=explain.example.com include:amazonses.com" },
	{ "v=spf1 mx -all foo=bar", "include:amazonses.com", 0,
	  "v=spf1 mx include:amazonses.com -all foo=bar" },
	/* all before other terms: insert before the first all */
	{ "v=spf1 -all include:x.example.com", "include:amazonses.com", 0,
	  "v=spf1 include:amazonses.com -all include:x.example.com" },
	{ "v=spf1 -all include:amazonses.com", "include:amazonses.com", 0,
	  "v=spf1 include:amazonses.com -all include:amazonses.com" },
	{ "v=spf1 mx ~all -all", "ip4:192.0.2.1", 0,
	  "v=spf1 mx ip4:192.0.2.1 ~all -all" },
	/* the same mechanism with another qualifier takes the new one */
	{ "v=spf1 ?include:amazonses.com ~all", "include:amazonses.com", 0,
	  "v=spf1 include:amazonses.com ~all" },
	{ "v=spf1 mx -a:ZGateway.zuora.com ~all", "a:zgateway.zuora.com", 0,
	  "v=spf1 mx a:ZGateway.zuora.com ~all" },
	{ "v=spf1 include:amazonses.com ~all", "?include:amazonses.com", 0,
	  "v=spf1 ?include:amazonses.com ~all" },
	/* a wider network with another qualifier: insert before it */
	{ "v=spf1 -ip4:192.0.2.0/24 ~all", "ip4:192.0.2.10", 0,
	  "v=spf1 ip4:192.0.2.10 -ip4:192.0.2.0/24 ~all" },
	{ "v=spf1 mx ~a:mail.example.com/24 -all", "a:mail.example.com", 0,
	  "v=spf1 mx a:mail.example.com ~a:mail.example.com/24 -all" },
	/* the mechanism keeps the qualifier it was given */
	{ "v=spf1 mx -all", "+ip4:192.0.2.1", 0,
	  "v=spf1 mx +ip4:192.0.2.1 -all" },
	{ "v=spf1 mx -all", "~ptr:example.com", 0,
	  "v=spf1 mx ~ptr:example.com -all" },
	{ "v=spf1 mx -all", "exists:%{i}.bl.example.com", 0,
	  "v=spf1 mx exists:%{i}.bl.example.com -all" },
	/* a long real-world record */
	{ "v=spf1 ip4:198.51.100.0/24 ip6:2001:db8:1234::/48 "
	  "include:_spf.google.com include:mail.zendesk.com "
	  "include:servers.mcsv.net ~all", "include:amazonses.com", 0,
	  "v=spf1 ip4:198.51.100.0/24 ip6:2001:db8:1234::/48 "
	  "include:_spf.google.com include:mail.zendesk.com "
	  "include:servers.mcsv.net include:amazonses.com ~all" },
	/* unparsable records and mechanisms */
	{ "v=spf1 ip:1.2.3.4 -all", "include:amazonses.com", -1,
	  "column 8: unknown mechanism 'ip:1.2.3.4'" },
	{ "spf1 mx", "include:amazonses.com", -1,
	  "column 1: record does not start with 'v=spf1'" },
	{ "v=spf1 redirect=a.example.com redirect=b.example.com", "mx", -1,
	  "column 31: 'redirect=b.example.com' repeats the redirect= "
	  "modifier, which may appear only once" },
	{ "v=spf1 mx -all", "include:", -1, "empty domain in 'include:'" },
	{ "v=spf1 mx -all", "ip:1.2.3.4", -1,
	  "unknown mechanism 'ip:1.2.3.4'" },
	{ "v=spf1 mx -all", "ip4:1.2.3.256", -1,
	  "ip4 address '1.2.3.256' is not valid" },
	{ "v=spf1 mx -all", "all", -1,
	  "'all' cannot be merged: only include, a, mx, ptr, ip4, ip6 and "
	  "exists can" },
	{ "v=spf1 mx -all", "redirect=_spf.example.com", -1,
	  "'redirect=_spf.example.com' cannot be merged: only include, a, "
	  "mx, ptr, ip4, ip6 and exists can" },
	{ "v=spf1 mx -all", "exp=x.example.com", -1,
	  "'exp=x.example.com' cannot be merged: only include, a, mx, ptr, "
	  "ip4, ip6 and exists can" },
	{ "v=spf1 mx -all", "include:a.example.com -all", -1,
	  "'include:a.example.com -all' is not a single SPF mechanism" },
	{ "v=spf1 mx -all", "", -1, "'' is not a single SPF mechanism" },
	{ "v=spf1 ip:1.2.3.4 -all", "bogus", -1,
	  "unknown mechanism 'bogus'" },
};

/* A record linted as "existing" and the codes it must get, in order. */
static const struct {
	const char	*record;
	const char	*codes;
} want_lints[] = {
	{ "v=spf1 include:_spf.google.com ~all", "" },
	{ "v=spf1 mx include:amazonses.com ~all", "" },
	{ "v=spf1 mx a:zgateway.zuora.com -all", "" },
	{ "v=spf1 redirect=_spf.example.com", "" },
	{ "v=spf1 -all", "" },
	{ "v=spf1 -all exp=explain.%{d} foo=bar", "" },
	{ "v=spf1 mx ~all exp=explain.example.com", "" },
	{ "v=spf1 a mx a mx a mx a mx a ptr ip4:1.2.3.4 -all", "spf-ptr" },
	{ "v=spf1 ip:1.2.3.4 -all", "spf-syntax" },
	{ "v=spf1 +all", "spf-all-pass" },
	{ "v=spf1 mx all", "spf-all-pass" },
	{ "v=spf1 ?all", "spf-all-neutral" },
	{ "v=spf1 ptr ~all", "spf-ptr" },
	{ "v=spf1 ptr:example.com ptr -all", "spf-ptr" },
	{ "v=spf1 a mx a mx a mx a mx a ptr a ip4:1.2.3.4 -all",
	  "spf-ptr spf-lookups" },
	{ "v=spf1 include:a.example.com include:b.example.com "
	  "include:c.example.com include:d.example.com include:e.example.com "
	  "include:f.example.com include:g.example.com include:h.example.com "
	  "include:i.example.com include:j.example.com ~all", "" },
	{ "v=spf1 include:a.example.com include:b.example.com "
	  "include:c.example.com include:d.example.com include:e.example.com "
	  "include:f.example.com include:g.example.com include:h.example.com "
	  "include:i.example.com include:j.example.com "
	  "redirect=k.example.com", "spf-lookups" },
	{ "v=spf1 mx redirect=_spf.example.com -all", "spf-redirect-ignored" },
	{ "v=spf1 -all include:x.example.com mx exp=e.example.com",
	  "spf-after-all" },
	{ "v=spf1 all -all", "spf-all-pass spf-after-all" },
	{ "v=spf1 ?all redirect=_spf.example.com ptr",
	  "spf-all-neutral spf-ptr spf-redirect-ignored spf-after-all" },
	{ "v=spf1 mx", "spf-no-all" },
	{ "v=spf1", "spf-no-all" },
	{ "v=spf1 mx exp=explain.example.com", "spf-no-all" },
	{ "v=spf1 ptr", "spf-ptr spf-no-all" },
};

/* Copy text for a TAP description, writing control bytes as \xHH. */
static char *
vis(const char *s)
{
	char *out = malloc(strlen(s) * 4 + 1), *o = out;

	if (out == NULL)
		abort();
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			o += snprintf(o, 5, "\\x%02x", (unsigned char)*s);
		else
			*o++ = *s;
	}
	*o = '\0';
	return out;
}

/* Join the warning codes of a record set, one space apart. */
static char *
codes(const struct record_set *rs)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < rs->nwarnings; i++)
		buf_printf(&b, "%s%s", i > 0 ? " " : "", rs->warnings[i].code);
	return buf_detach(&b);
}

/* Find the message of the first warning with a code, or NULL. */
static const char *
message(const struct record_set *rs, const char *code)
{
	size_t i;

	for (i = 0; i < rs->nwarnings; i++) {
		if (strcmp(rs->warnings[i].code, code) == 0)
			return rs->warnings[i].message;
	}
	return NULL;
}

/* Check spf_is_record. */
static void
test_is_record(void)
{
	ok(spf_is_record("v=spf1"), "bare version is a record");
	ok(spf_is_record("v=spf1 mx -all"), "version and terms");
	ok(spf_is_record("V=SpF1 -all"), "version is case-insensitive");
	ok(spf_is_record("v=spf1 "), "version and a space");
	ok(!spf_is_record("v=spf10"), "v=spf10 is not a record");
	ok(!spf_is_record("v=spf1mx"), "no space after the version");
	ok(!spf_is_record("v=spf1\tmx"), "a tab is not a separator");
	ok(!spf_is_record(" v=spf1 mx"), "leading space");
	ok(!spf_is_record(""), "empty string");
	ok(!spf_is_record("v=spf"), "cut version");
	ok(!spf_is_record("v=DMARC1; p=none"), "DMARC record");
	ok(!spf_is_record("spf2.0/pra ~all"), "Sender ID record");
	ok(!spf_is_record("google-site-verification=abc"), "other TXT");
}

/* Check every field of the parsed terms in want_terms. */
static void
test_terms(void)
{
	const struct want_term *w;
	const struct spf_term *t;
	struct spf_record r;
	char *cause = NULL;
	size_t i;

	for (i = 0; i < nitems(want_terms); i++) {
		w = &want_terms[i];
		if (!ok(spf_parse(w->record, &r, &cause) == 0, "parse '%s'",
		    w->record)) {
			printf("# cause: %s\n", cause);
			free(cause);
			continue;
		}
		if (!ok(w->index < r.nterms, "'%s' has term %zu", w->record,
		    w->index)) {
			spf_record_free(&r);
			continue;
		}
		t = &r.terms[w->index];
		is_int(t->kind, w->kind, "'%s': kind", w->text);
		is_int(t->qualifier, w->qualifier, "'%s': qualifier", w->text);
		if (w->kind == SPF_TERM_MECHANISM)
			is_int(t->mech, w->mech, "'%s': mechanism", w->text);
		is(t->domain, w->domain, "'%s': domain", w->text);
		is(t->addr, w->addr, "'%s': address", w->text);
		is_int(t->cidr4, w->cidr4, "'%s': cidr4", w->text);
		is_int(t->cidr6, w->cidr6, "'%s': cidr6", w->text);
		is(t->name, w->name, "'%s': modifier name", w->text);
		is(t->value, w->value, "'%s': modifier value", w->text);
		is(t->text, w->text, "'%s': text", w->text);
		is_int(t->column, w->column, "'%s': column", w->text);
		spf_record_free(&r);
		ok(r.terms == NULL && r.nterms == 0, "'%s': freed", w->record);
	}
}

/* Check record-level shapes: term counts, empty records, spaces. */
static void
test_records(void)
{
	struct spf_record r;
	char *cause = NULL;

	is_int(spf_parse("v=spf1", &r, &cause), 0, "empty record");
	is_int(r.nterms, 0, "empty record has no terms");
	spf_record_free(&r);
	is_int(spf_parse("v=spf1    ", &r, &cause), 0, "only spaces");
	is_int(r.nterms, 0, "only spaces: no terms");
	spf_record_free(&r);
	is_int(spf_parse("v=spf1 a -all ", &r, &cause), 0, "trailing space");
	is_int(r.nterms, 2, "trailing space: two terms");
	spf_record_free(&r);
	is_int(spf_parse("v=spf1 a  -all", &r, &cause), 0, "two spaces");
	is_int(r.nterms, 2, "two spaces: two terms");
	spf_record_free(&r);
	is_int(spf_parse("v=spf1 mx a:x.example.com ip4:192.0.2.1 "
	    "ip6:2001:db8::1 include:y.example.com exists:%{i}.example.com "
	    "ptr redirect=z.example.com exp=e.example.com x=y -all", &r,
	    &cause), 0, "every kind of term in one record");
	is_int(r.nterms, 11, "eleven terms");
	is_int(r.terms[0].mech, SPF_MX, "term 1 is mx");
	is_int(r.terms[1].mech, SPF_A, "term 2 is a");
	is_int(r.terms[2].mech, SPF_IP4, "term 3 is ip4");
	is_int(r.terms[3].mech, SPF_IP6, "term 4 is ip6");
	is_int(r.terms[4].mech, SPF_INCLUDE, "term 5 is include");
	is_int(r.terms[5].mech, SPF_EXISTS, "term 6 is exists");
	is_int(r.terms[6].mech, SPF_PTR, "term 7 is ptr");
	is_int(r.terms[7].kind, SPF_TERM_REDIRECT, "term 8 is redirect");
	is_int(r.terms[8].kind, SPF_TERM_EXP, "term 9 is exp");
	is_int(r.terms[9].kind, SPF_TERM_MODIFIER, "term 10 is a modifier");
	is_int(r.terms[10].mech, SPF_ALL, "term 11 is all");
	is_int(r.terms[10].column, 152, "column of the last term");
	spf_record_free(&r);
	/* redirect and exp once each, plus unknown modifiers repeated */
	is_int(spf_parse("v=spf1 redirect=a.example.com exp=b.example.com "
	    "x=1 x=2", &r, &cause), 0, "one redirect, one exp, x twice");
	is_int(r.nterms, 4, "four terms");
	spf_record_free(&r);
}

/* Check every error message of the parser. */
static void
test_errors(void)
{
	struct spf_record r;
	char *cause, *d;
	size_t i;

	for (i = 0; i < nitems(want_errors); i++) {
		d = vis(want_errors[i].record);
		cause = NULL;
		r.terms = (void *)&r;
		r.nterms = 99;
		is_int(spf_parse(want_errors[i].record, &r, &cause), -1,
		    "reject '%s'", d);
		is(cause, want_errors[i].cause, "error for '%s'", d);
		ok(r.terms == NULL && r.nterms == 0, "'%s' leaves no terms",
		    d);
		free(cause);
		free(d);
	}
}

/* Check every macro letter, transformer and delimiter in domain-specs. */
static void
test_macros(void)
{
	static const char *letters = "slodiphvSLODIPHV";
	static const char *good[] = {
		"%{d2}", "%{d2r}", "%{dr}", "%{DR}", "%{d127}", "%{d200}",
		"%{d007}", "%{ir.}", "%{l-}", "%{l+}", "%{l,}", "%{l/}",
		"%{l_}", "%{l=}", "%{l.-+,/_=}", "%{l2r+-}", "%{i1r.}",
		"%{s}", "%{o}", "%{h}", "%{v}", "%{p}", "%%", "%_", "%-",
		"foo%%bar.example.com", "x.%-",
		"macro%%percent%_%_space%-url-space.example.com",
		"%{ir}.%{v}._spf.%{d2}", "mail.example.com.",
		"%{d}.d.spf.example.com.", "_spf.%{d}", "a.b-c", "a.xn--p1ai",
		"a.123-456", "a.1a", "ex:ample/x.example.com", "-.example.com",
		".com"
	};
	static const struct {
		const char *domain;
		const char *cause;
	} bad[] = {
		{ "", "empty domain" },
		{ "localhost", "invalid domain 'localhost': it must end with "
		  "a top-level label such as '.com' or with a macro" },
		{ "example.123", "invalid domain 'example.123': the top-level "
		  "label '123' is not valid (letters, digits and inner "
		  "hyphens, not only digits)" },
		{ "%{c}.example.com", "invalid domain '%{c}.example.com': "
		  "macro letter 'c' in '%{c}' is allowed only in explanation "
		  "text" },
		{ "%{T}.example.com", "invalid domain '%{T}.example.com': "
		  "macro letter 'T' in '%{T}' is allowed only in explanation "
		  "text" },
		{ "%{r2}.example.com", "invalid domain '%{r2}.example.com': "
		  "macro letter 'r' in '%{r2}' is allowed only in explanation "
		  "text" },
		{ "ex ample.com", "invalid domain 'ex ample.com': invalid "
		  "character 0x20" },
		{ "a.b\x01", "invalid domain 'a.b\\x01': invalid character "
		  "0x01" },
		{ "%", "invalid domain '%': a '%' must be followed by '{', "
		  "'%', '_' or '-'" },
		{ "%{z}", "invalid domain '%{z}': unknown macro letter 'z' in "
		  "'%{z}'" },
		{ "%{d0}", "invalid domain '%{d0}': the digit transformer in "
		  "'%{d0}' must not be zero" },
		{ "%{d.r}", "invalid domain '%{d.r}': invalid transformer or "
		  "delimiter in macro '%{d.r}'" },
		{ "%{d", "invalid domain '%{d': macro '%{d' has no closing "
		  "'}'" },
		{ "%{d}x", "invalid domain '%{d}x': it must end with a "
		  "top-level label such as '.com' or with a macro" },
		{ "%%", NULL },
	};
	char dom[64], rec[96], *cause, *d;
	struct spf_record r;
	size_t i;

	for (i = 0; letters[i] != '\0'; i++) {
		snprintf(dom, sizeof dom, "%%{%c}.example.com", letters[i]);
		cause = NULL;
		is_int(spf_macro_valid(dom, &cause), 0, "macro letter '%c'",
		    letters[i]);
		free(cause);
		snprintf(rec, sizeof rec, "v=spf1 exists:%s", dom);
		cause = NULL;
		ok(spf_parse(rec, &r, &cause) == 0, "'%s' parses", rec);
		free(cause);
		spf_record_free(&r);
	}
	for (i = 0; letters[i] != '\0'; i++) {
		snprintf(rec, sizeof rec, "v=spf1 x=%%{%c1r.}", letters[i]);
		cause = NULL;
		ok(spf_parse(rec, &r, &cause) == 0, "'%s' parses", rec);
		free(cause);
		spf_record_free(&r);
	}
	for (i = 0; i < 3; i++) {
		snprintf(rec, sizeof rec, "v=spf1 x=%%{%c}", "crt"[i]);
		cause = NULL;
		ok(spf_parse(rec, &r, &cause) == 0,
		    "'%s': c, r, t allowed outside domain-specs", rec);
		free(cause);
		spf_record_free(&r);
	}
	for (i = 0; i < nitems(good); i++) {
		cause = NULL;
		ok(spf_macro_valid(good[i], &cause) == 0, "valid domain-spec "
		    "'%s'", good[i]);
		if (cause != NULL)
			printf("# cause: %s\n", cause);
		free(cause);
		snprintf(rec, sizeof rec, "v=spf1 exists:%s", good[i]);
		cause = NULL;
		ok(spf_parse(rec, &r, &cause) == 0, "'%s' parses", rec);
		free(cause);
		spf_record_free(&r);
	}
	for (i = 0; i < nitems(bad); i++) {
		cause = NULL;
		d = vis(bad[i].domain);
		if (bad[i].cause == NULL) {
			is_int(spf_macro_valid(bad[i].domain, &cause), 0,
			    "'%s' is valid", d);
		} else {
			is_int(spf_macro_valid(bad[i].domain, &cause), -1,
			    "reject domain-spec '%s'", d);
			is(cause, bad[i].cause, "error for '%s'", d);
		}
		free(cause);
		free(d);
	}
}

/* Check that printing gives the canonical form and parses back. */
static void
test_print(void)
{
	static const struct {
		const char *in;
		const char *out;
	} prints[] = {
		{ "v=spf1", "v=spf1" },
		{ "V=SPF1", "v=spf1" },
		{ "v=spf1   ", "v=spf1" },
		{ "v=spf1 -all", "v=spf1 -all" },
		{ "V=Spf1   MX   -ALL  ", "v=spf1 MX -ALL" },
		{ "v=spf1 +a:Mail.Example.COM./24//64 ?mx ~ptr -all",
		  "v=spf1 +a:Mail.Example.COM./24//64 ?mx ~ptr -all" },
		{ "v=spf1  ip4:192.0.2.0/24  ip6:2001:DB8::/32  "
		  "exists:%{i}._spf.%{d}  redirect=_spf.example.com  "
		  "exp=explain.%{d}  foo=%{c}  ",
		  "v=spf1 ip4:192.0.2.0/24 ip6:2001:DB8::/32 "
		  "exists:%{i}._spf.%{d} redirect=_spf.example.com "
		  "exp=explain.%{d} foo=%{c}" },
		{ "v=spf1 include:_spf.google.com ~all",
		  "v=spf1 include:_spf.google.com ~all" },
	};
	struct spf_term t[11];
	struct spf_record r, r2;
	char *cause = NULL, *p, *p2;
	size_t i;

	for (i = 0; i < nitems(prints); i++) {
		if (!ok(spf_parse(prints[i].in, &r, &cause) == 0, "parse "
		    "'%s'", prints[i].in)) {
			free(cause);
			continue;
		}
		p = spf_print(&r);
		is(p, prints[i].out, "print '%s'", prints[i].in);
		ok(spf_parse(p, &r2, &cause) == 0, "'%s' parses again", p);
		p2 = spf_print(&r2);
		is(p2, p, "printing is stable for '%s'", p);
		free(p2);
		spf_record_free(&r2);
		free(p);
		spf_record_free(&r);
	}

	/* terms built by hand, without text, are written from their fields */
	memset(t, 0, sizeof t);
	for (i = 0; i < nitems(t); i++) {
		t[i].kind = SPF_TERM_MECHANISM;
		t[i].cidr4 = t[i].cidr6 = -1;
	}
	t[0].mech = SPF_MX;
	t[1].qualifier = '-';
	t[1].mech = SPF_INCLUDE;
	t[1].domain = "_spf.example.com";
	t[2].mech = SPF_A;
	t[2].domain = "mail.example.com";
	t[2].cidr4 = 24;
	t[2].cidr6 = 64;
	t[3].mech = SPF_A;
	t[3].cidr6 = 0;
	t[4].mech = SPF_IP4;
	t[4].addr = "192.0.2.0";
	t[4].cidr4 = 24;
	t[5].qualifier = '?';
	t[5].mech = SPF_IP6;
	t[5].addr = "2001:db8::";
	t[5].cidr6 = 32;
	t[6].mech = SPF_PTR;
	t[6].domain = "example.com";
	t[7].mech = SPF_EXISTS;
	t[7].domain = "%{i}._spf.%{d}";
	t[8].kind = SPF_TERM_REDIRECT;
	t[8].domain = "_spf.example.net";
	t[9].kind = SPF_TERM_EXP;
	t[9].value = "explain.example.net";
	t[10].kind = SPF_TERM_MODIFIER;
	t[10].name = "note";
	t[10].value = "x";
	r.terms = t;
	r.nterms = nitems(t);
	p = spf_print(&r);
	is(p, "v=spf1 mx -include:_spf.example.com "
	    "a:mail.example.com/24//64 a//0 ip4:192.0.2.0/24 "
	    "?ip6:2001:db8::/32 ptr:example.com exists:%{i}._spf.%{d} "
	    "redirect=_spf.example.net exp=explain.example.net note=x",
	    "terms without text are printed from their fields");
	is_int(spf_lookup_terms(&r), 7, "lookups of the built record");
	ok(spf_parse(p, &r2, &cause) == 0, "the built record parses");
	is_int(r2.nterms, nitems(t), "with every term");
	spf_record_free(&r2);
	free(p);
	t[0].mech = SPF_ALL;
	t[0].qualifier = '~';
	r.nterms = 1;
	p = spf_print(&r);
	is(p, "v=spf1 ~all", "a built all");
	free(p);
}

/* Check the count of lookup terms. */
static void
test_lookups(void)
{
	static const struct {
		const char *record;
		int n;
	} counts[] = {
		{ "v=spf1", 0 },
		{ "v=spf1 -all", 0 },
		{ "v=spf1 ip4:192.0.2.1 ip6:::1 -all exp=e.example.com x=y",
		  0 },
		{ "v=spf1 include:_spf.google.com ~all", 1 },
		{ "v=spf1 a", 1 },
		{ "v=spf1 mx", 1 },
		{ "v=spf1 ptr", 1 },
		{ "v=spf1 exists:%{i}.example.com", 1 },
		{ "v=spf1 redirect=_spf.example.com", 1 },
		{ "v=spf1 include:a.example.com a mx ptr exists:x.example.com "
		  "redirect=r.example.com ip4:1.2.3.4 ip6:::1 all "
		  "exp=e.example.com foo=bar", 6 },
		{ "v=spf1 a mx a mx a mx a mx a ptr ip4:1.2.3.4 -all", 10 },
		{ "v=spf1 a mx a mx a mx a mx a ptr a ip4:1.2.3.4 -all", 11 },
		{ "v=spf1 -all include:x.example.com", 1 },
	};
	struct spf_record r;
	char *cause = NULL;
	size_t i;

	for (i = 0; i < nitems(counts); i++) {
		if (spf_parse(counts[i].record, &r, &cause) == -1) {
			ok(0, "parse '%s': %s", counts[i].record, cause);
			free(cause);
			continue;
		}
		is_int(spf_lookup_terms(&r), counts[i].n, "lookups in '%s'",
		    counts[i].record);
		spf_record_free(&r);
	}
}

/* Check every merge case. */
static void
test_merge(void)
{
	char *result, *cause;
	size_t i;
	int rc;

	for (i = 0; i < nitems(want_merges); i++) {
		result = cause = NULL;
		rc = spf_merge(want_merges[i].existing,
		    want_merges[i].mechanism, &result, &cause);
		is_int(rc, want_merges[i].rc, "merge '%s' into '%s': rc",
		    want_merges[i].mechanism, want_merges[i].existing);
		if (want_merges[i].rc == -1) {
			is(cause, want_merges[i].result, "merge '%s' into "
			    "'%s': cause", want_merges[i].mechanism,
			    want_merges[i].existing);
			ok(result == NULL, "no result on error");
		} else {
			is(result, want_merges[i].result, "merge '%s' into "
			    "'%s': result", want_merges[i].mechanism,
			    want_merges[i].existing);
		}
		free(result);
		if (rc == -1)
			free(cause);
	}

	/* merging twice is the same as merging once */
	result = cause = NULL;
	is_int(spf_merge("v=spf1 include:_spf.google.com ~all",
	    "include:amazonses.com", &result, &cause), 0, "first merge");
	{
		char *again = NULL;

		is_int(spf_merge(result, "include:amazonses.com", &again,
		    &cause), 1, "second merge finds it");
		is(again, result, "second merge changes nothing");
		free(again);
	}
	free(result);

	/* several mechanisms in a row, as the planner does */
	{
		const char *mechs[] = { "mx", "a:zgateway.zuora.com",
		    "include:amazonses.com", "ip4:192.0.2.1" };
		char *cur = strdup("v=spf1 include:_spf.google.com -all");
		char *next;

		for (i = 0; i < nitems(mechs); i++) {
			next = NULL;
			ok(spf_merge(cur, mechs[i], &next, &cause) == 0,
			    "merge '%s' in a row", mechs[i]);
			free(cur);
			cur = next;
		}
		is(cur, "v=spf1 include:_spf.google.com mx "
		    "a:zgateway.zuora.com include:amazonses.com ip4:192.0.2.1 "
		    "-all", "four mechanisms merged in order");
		free(cur);
	}
}

/* Lint one record as "existing" and "new" and check the codes. */
static void
test_lint_codes(void)
{
	struct record_set rs;
	char *got;
	size_t i, j;
	const char *which[] = { "existing", "new" };

	for (i = 0; i < nitems(want_lints); i++) {
		for (j = 0; j < nitems(which); j++) {
			record_set_init(&rs, "example.com", NULL);
			spf_lint(want_lints[i].record, which[j], &rs);
			got = codes(&rs);
			is(got, want_lints[i].codes, "lint %s '%s'", which[j],
			    want_lints[i].record);
			free(got);
			record_set_free(&rs);
		}
	}
}

/* Lint a record and return the message of one code (caller frees rs). */
static const char *
lint_message(struct record_set *rs, const char *record, const char *which,
    const char *code)
{
	record_set_init(rs, "example.com", NULL);
	spf_lint(record, which, rs);
	return message(rs, code);
}

/* Check what the lint messages say. */
static void
test_lint_messages(void)
{
	struct record_set rs;
	struct buf b;
	const char *m;
	char *got;
	size_t i;

	m = lint_message(&rs, "v=spf1 a mx ptr ip:1.2.3.4 -all", "existing",
	    "spf-syntax");
	like(m, "the existing SPF record has a syntax error", "syntax: whose");
	like(m, "column 17: unknown mechanism 'ip:1.2.3.4'",
	    "syntax: column and cause");
	like(m, "RFC 7208 section 4.6", "syntax: section");
	like(m, "permanent error", "syntax: consequence");
	like(m, "Correct that term", "syntax: what to do");
	is_int(rs.nwarnings, 1, "syntax: no other warning");
	record_set_free(&rs);
	m = lint_message(&rs, "v=spf1 ip4:1.2.3.256", "new", "spf-syntax");
	like(m, "the new SPF record has a syntax error", "syntax: new");
	like(m, "column 8: ip4 address '1.2.3.256' is not valid",
	    "syntax: address cause");
	record_set_free(&rs);

	m = lint_message(&rs, "v=spf1 mx +all", "existing", "spf-all-pass");
	like(m, "the existing SPF record uses '+all'", "all-pass: term");
	like(m, "every server on the internet pass", "all-pass: meaning");
	like(m, "RFC 7208 section 5.1", "all-pass: section");
	like(m, "Use '~all' or '-all' instead", "all-pass: what to do");
	record_set_free(&rs);
	m = lint_message(&rs, "v=spf1 mx all", "new", "spf-all-pass");
	like(m, "the new SPF record uses 'all'", "all-pass: bare all, new");
	record_set_free(&rs);

	m = lint_message(&rs, "v=spf1 mx ?all", "existing",
	    "spf-all-neutral");
	like(m, "the existing SPF record uses '?all'", "all-neutral: term");
	like(m, "neutral result", "all-neutral: meaning");
	like(m, "RFC 7208 sections 5.1 and 8.2", "all-neutral: sections");
	like(m, "Use '~all' or '-all'", "all-neutral: what to do");
	record_set_free(&rs);
	m = lint_message(&rs, "v=spf1 mx ?all", "new", "spf-all-neutral");
	like(m, "the new SPF record uses '?all'", "all-neutral: new");
	record_set_free(&rs);

	m = lint_message(&rs, "v=spf1 mx ~ptr:example.com -all", "existing",
	    "spf-ptr");
	like(m, "the existing SPF record uses the ptr mechanism "
	    "('~ptr:example.com')", "ptr: term");
	like(m, "deprecated", "ptr: deprecated");
	like(m, "RFC 7208 section 5.5", "ptr: section");
	like(m, "ip4:, ip6: or a: instead", "ptr: what to do");
	record_set_free(&rs);
	m = lint_message(&rs, "v=spf1 ptr -all", "new", "spf-ptr");
	like(m, "the new SPF record uses the ptr mechanism ('ptr')",
	    "ptr: new");
	record_set_free(&rs);

	m = lint_message(&rs, "v=spf1 a mx a mx a mx a mx a ptr a mx -all",
	    "existing", "spf-lookups");
	like(m, "the existing SPF record has 12 terms that need a DNS lookup",
	    "lookups: count");
	like(m, "RFC 7208 section 4.6.4", "lookups: section");
	like(m, "more than 10", "lookups: the limit");
	like(m, "Replace some with ip4: or ip6: ranges",
	    "lookups: what to do");
	record_set_free(&rs);
	m = lint_message(&rs, "v=spf1 a mx a mx a mx a mx a ptr a -all",
	    "new", "spf-lookups");
	like(m, "the new SPF record has 11 terms", "lookups: new");
	record_set_free(&rs);

	/* 450 bytes pass, 451 bytes do not */
	buf_init(&b);
	buf_puts(&b, "v=spf1");
	while (b.len + 16 <= SPF_MAX_BYTES - 5)
		buf_puts(&b, " ip4:192.0.2.123");
	while (b.len < SPF_MAX_BYTES - 5)
		buf_puts(&b, " ");
	buf_puts(&b, " -all");
	is_int(b.len, SPF_MAX_BYTES, "record of exactly 450 bytes");
	record_set_init(&rs, "example.com", NULL);
	spf_lint(b.data, "existing", &rs);
	ok(message(&rs, "spf-too-long") == NULL, "450 bytes are fine");
	record_set_free(&rs);
	buf_puts(&b, " ");
	m = lint_message(&rs, b.data, "existing", "spf-too-long");
	like(m, "the existing SPF record is 451 bytes long", "too-long: size");
	like(m, "RFC 7208 section 3.4", "too-long: section");
	like(m, "Shorten it", "too-long: what to do");
	got = codes(&rs);
	is(got, "spf-too-long", "too-long: the only warning");
	free(got);
	record_set_free(&rs);
	m = lint_message(&rs, b.data, "new", "spf-too-long");
	like(m, "the new SPF record is 451 bytes long", "too-long: new");
	record_set_free(&rs);
	buf_puts(&b, "bogus");
	record_set_init(&rs, "example.com", NULL);
	spf_lint(b.data, "existing", &rs);
	got = codes(&rs);
	is(got, "spf-syntax spf-too-long", "too long and broken: both");
	free(got);
	record_set_free(&rs);
	buf_free(&b);

	m = lint_message(&rs, "v=spf1 mx redirect=_spf.example.com ~all",
	    "existing", "spf-redirect-ignored");
	like(m, "the existing SPF record has both "
	    "'redirect=_spf.example.com' and '~all'", "redirect: terms");
	like(m, "RFC 7208 section 6.1", "redirect: section");
	like(m, "Remove one of the two", "redirect: what to do");
	record_set_free(&rs);
	m = lint_message(&rs, "v=spf1 -all redirect=_spf.example.com", "new",
	    "spf-redirect-ignored");
	like(m, "the new SPF record has both", "redirect: new");
	record_set_free(&rs);

	m = lint_message(&rs, "v=spf1 mx -all include:x.example.com ~ptr "
	    "exp=e.example.com", "existing", "spf-after-all");
	like(m, "in the existing SPF record, 'include:x.example.com', "
	    "'~ptr' after '-all' can never be reached", "after-all: terms");
	ok(m != NULL && strstr(m, "exp=") == NULL,
	    "after-all: modifiers are not listed");
	like(m, "RFC 7208 section 5.1", "after-all: section");
	like(m, "Move them before '-all' or remove them",
	    "after-all: what to do");
	record_set_free(&rs);
	m = lint_message(&rs, "v=spf1 ~all mx", "new", "spf-after-all");
	like(m, "in the new SPF record, 'mx' after '~all'", "after-all: new");
	record_set_free(&rs);

	m = lint_message(&rs, "v=spf1 mx include:amazonses.com", "existing",
	    "spf-no-all");
	like(m, "the existing SPF record has no all mechanism and no "
	    "redirect=", "no-all: what is missing");
	like(m, "neutral result", "no-all: consequence");
	like(m, "RFC 7208 section 4.7", "no-all: section");
	like(m, "End it with '~all' or '-all'", "no-all: what to do");
	record_set_free(&rs);
	m = lint_message(&rs, "v=spf1 mx", "new", "spf-no-all");
	like(m, "the new SPF record has no all", "no-all: new");
	record_set_free(&rs);

	/* every message names whose record it is */
	for (i = 0; i < 2; i++) {
		const char *which = i == 0 ? "existing" : "new";
		const char *other = i == 0 ? "new SPF" : "existing SPF";
		size_t k;

		record_set_init(&rs, "example.com", NULL);
		spf_lint("v=spf1 ?all ptr redirect=x.example.com", which, &rs);
		spf_lint("v=spf1 a mx a mx a mx a mx a ptr a +all", which,
		    &rs);
		spf_lint("v=spf1 mx", which, &rs);
		spf_lint("v=spf1 bogus", which, &rs);
		buf_init(&b);
		buf_puts(&b, "v=spf1");
		for (k = 0; k < 30; k++)
			buf_puts(&b, " ip4:192.0.2.123");
		buf_puts(&b, " -all");
		spf_lint(b.data, which, &rs);
		buf_free(&b);
		is_int(rs.nwarnings, 10, "%s: ten warnings", which);
		for (k = 0; k < rs.nwarnings; k++) {
			like(rs.warnings[k].message, which, "%s: %s names "
			    "the record", which, rs.warnings[k].code);
			ok(strstr(rs.warnings[k].message, other) == NULL,
			    "%s: %s does not name the other", which,
			    rs.warnings[k].code);
			like(rs.warnings[k].message, "RFC 7208 section",
			    "%s: %s names a section", which,
			    rs.warnings[k].code);
		}
		record_set_free(&rs);
	}
}

/* Check the warnings about several records and the SPF RR type. */
static void
test_lint_domain(void)
{
	struct record_set rs;

	record_set_init(&rs, "example.com", NULL);
	spf_lint_multiple(0, &rs);
	spf_lint_multiple(1, &rs);
	is_int(rs.nwarnings, 0, "zero or one record: no warning");
	spf_lint_multiple(2, &rs);
	is_int(rs.nwarnings, 1, "two records: a warning");
	is(rs.warnings[0].code, "spf-multiple", "multiple: code");
	like(rs.warnings[0].message, "the domain has 2 SPF records",
	    "multiple: count");
	like(rs.warnings[0].message, "permanent error",
	    "multiple: consequence");
	like(rs.warnings[0].message, "RFC 7208 section 4.5",
	    "multiple: section");
	like(rs.warnings[0].message, "Merge them into a single TXT record",
	    "multiple: what to do");
	spf_lint_multiple(3, &rs);
	like(rs.warnings[1].message, "has 3 SPF records", "multiple: three");
	record_set_free(&rs);

	record_set_init(&rs, "example.com", NULL);
	spf_lint_rrtype(&rs);
	is_int(rs.nwarnings, 1, "rr type: a warning");
	is(rs.warnings[0].code, "spf-rr-type", "rr type: code");
	like(rs.warnings[0].message, "obsolete SPF type (type 99)",
	    "rr type: names the type");
	like(rs.warnings[0].message, "RFC 7208 section 3.1",
	    "rr type: section");
	like(rs.warnings[0].message, "Publish SPF as a TXT record only",
	    "rr type: what to do");
	record_set_free(&rs);
}

int
main(void)
{
	test_is_record();
	test_terms();
	test_records();
	test_errors();
	test_macros();
	test_print();
	test_lookups();
	test_merge();
	test_lint_codes();
	test_lint_messages();
	test_lint_domain();
	return done_testing();
}
