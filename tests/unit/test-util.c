/* test-util.c - the small text helpers of util.c: parse_hex, utf8_len */
#include <string.h>

#include "tap.h"
#include "util.h"

/* The value of a hex digit by its place in a list, or -1. */
static int
ref_hex_digit(int c)
{
	static const char lower[] = "0123456789abcdef";
	static const char upper[] = "0123456789ABCDEF";
	const char *p;

	if (c == 0)
		return -1;
	p = strchr(lower, c);
	if (p != NULL)
		return (int)(p - lower);
	p = strchr(upper, c);
	if (p != NULL)
		return (int)(p - upper);
	return -1;
}

/* Write the shortest UTF-8 form of cp (any value up to 0x10ffff, even a
   surrogate) at out; its length. */
static size_t
ref_encode(unsigned long cp, unsigned char *out)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xc0 | (cp >> 6));
		out[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xe0 | (cp >> 12));
		out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (unsigned char)(0xf0 | (cp >> 18));
	out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/* The length utf8_len should give: decode by the count of leading one
   bits, then accept only a character whose shortest form is these bytes. */
static size_t
ref_utf8_len(const unsigned char *s)
{
	unsigned char again[4];
	unsigned long cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	for (n = 0; n < 8 && (s[0] & (0x80 >> n)) != 0; n++)
		;
	if (n < 2 || n > 4)
		return 0;
	cp = s[0] & (0xffu >> (n + 1));
	for (i = 1; i < n; i++) {
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3fu);
	}
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	if (ref_encode(cp, again) != n || memcmp(again, s, n) != 0)
		return 0;
	return n;
}

/* parse_hex against the reference, for every pair of bytes. */
static void
test_parse_hex(void)
{
	unsigned long v;
	char s[3];
	char *exact;
	int a, b, da, db, bad = 0;

	for (a = 0; a < 256; a++) {
		for (b = 0; b < 256; b++) {
			s[0] = (char)a;
			s[1] = (char)b;
			s[2] = '\0';
			v = 12345;
			da = ref_hex_digit(a);
			db = ref_hex_digit(b);
			if (da == -1 || db == -1) {
				if (parse_hex(s, 2, &v) != -1 || v != 12345)
					bad++;
			} else if (parse_hex(s, 2, &v) != 0 ||
			    v != (unsigned long)(da * 16 + db))
				bad++;
		}
	}
	is_int(bad, 0, "parse_hex reads every pair of bytes as the "
	    "reference does, and leaves the value alone when it fails");

	ok(parse_hex("00e9", 4, &v) == 0 && v == 0xe9, "parse_hex 00e9");
	ok(parse_hex("10FFFF", 6, &v) == 0 && v == 0x10ffff,
	    "parse_hex 10FFFF");
	ok(parse_hex("ffffFFFF", 8, &v) == 0 && v == 0xffffffffUL,
	    "parse_hex reads eight digits");
	ok(parse_hex("4142zz", 4, &v) == 0 && v == 0x4142,
	    "parse_hex reads n digits and no more");
	v = 7;
	ok(parse_hex("xyz", 0, &v) == 0 && v == 0,
	    "parse_hex of no digits is 0");
	v = 7;
	ok(parse_hex("4 41", 4, &v) == -1 && v == 7, "a space is not a digit");
	ok(parse_hex("-1", 2, &v) == -1 && parse_hex("+1", 2, &v) == -1 &&
	    parse_hex("0x", 2, &v) == -1, "no sign, no 0x");
	/* Stops at the end of the string: ASan sees a read past it. */
	exact = xstrdup("12");
	ok(parse_hex(exact, 4, &v) == -1, "too few digits before the end");
	free(exact);
}

/* utf8_len against the reference: every character, every two bytes. */
static void
test_utf8_len(void)
{
	static const unsigned char tail[] = { 0x00, 0x41, 0x80, 0xbf, 0xc0 };
	unsigned char seq[5], *exact;
	unsigned long cp;
	size_t n, got, i, j;
	int a, b, bad = 0, surrogates = 0;

	for (cp = 1; cp <= 0x10ffff; cp++) {
		n = ref_encode(cp, seq);
		exact = xmalloc(n + 1);
		memcpy(exact, seq, n);
		exact[n] = '\0';
		got = utf8_len((const char *)exact);
		if (cp >= 0xd800 && cp <= 0xdfff) {
			surrogates += got == 0;
			bad += got != 0;
		} else
			bad += got != n;
		free(exact);
	}
	is_int(bad, 0, "utf8_len knows the length of every character "
	    "U+0001..U+10FFFF and refuses every surrogate");
	is_int(surrogates, 0x800, "the 2048 surrogates are refused");

	bad = 0;
	for (a = 1; a < 256; a++) {
		for (b = 0; b < 256; b++) {
			for (i = 0; i < sizeof tail; i++) {
				for (j = 0; j < sizeof tail; j++) {
					seq[0] = (unsigned char)a;
					seq[1] = (unsigned char)b;
					seq[2] = tail[i];
					seq[3] = tail[j];
					seq[4] = '\0';
					if (utf8_len((const char *)seq) !=
					    ref_utf8_len(seq))
						bad++;
				}
			}
		}
	}
	is_int(bad, 0, "utf8_len agrees with the reference on every two "
	    "bytes followed by each pair of tails");

	is_int(utf8_len("a"), 1, "ASCII is one byte");
	is_int(utf8_len(""), 1, "the terminating NUL is one byte");
	is_int(utf8_len("\xc3\xa9"), 2, "U+00E9");
	is_int(utf8_len("\xe2\x82\xac"), 3, "U+20AC");
	is_int(utf8_len("\xf0\x9f\x98\x80"), 4, "U+1F600");
	is_int(utf8_len("\xf4\x8f\xbf\xbf"), 4, "U+10FFFF");
	is_int(utf8_len("\xf4\x90\x80\x80"), 0, "past U+10FFFF");
	is_int(utf8_len("\xc0\x80"), 0, "overlong NUL");
	is_int(utf8_len("\xe0\x9f\xbf"), 0, "overlong three bytes");
	is_int(utf8_len("\xf0\x8f\xbf\xbf"), 0, "overlong four bytes");
	is_int(utf8_len("\xed\xa0\x80"), 0, "a surrogate");
	is_int(utf8_len("\x80"), 0, "a lone continuation byte");
	is_int(utf8_len("\xff"), 0, "0xff");
	is_int(utf8_len("caf\xe9"), 1, "Latin-1 text: the first byte");
	is_int(utf8_len("\xe9"), 0, "Latin-1 e acute");
	/* A cut sequence stops at the NUL: ASan sees a read past it. */
	exact = (unsigned char *)xstrdup("\xf0\x9f\x98");
	is_int(utf8_len((const char *)exact), 0, "a cut sequence");
	free(exact);
}

int
main(void)
{
	test_parse_hex();
	test_utf8_len();
	return done_testing();
}
