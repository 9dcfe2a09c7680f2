/* test-record.c - the record set and TXT splitting */
#include <string.h>

#include "tap.h"
#include "record.h"

int
main(void)
{
	struct record_set rs;
	struct record *r;
	struct strlist parts = { NULL, 0 };
	char long_value[600], *q;

	record_set_init(&rs, "example.com", "example.com");
	r = record_set_add(&rs, "@", "TXT", "v=spf1 -all", "spf");
	is(r->name, "example.com.", "apex name gets the domain and a dot");
	r = record_set_add(&rs, "s1._domainkey", "CNAME", "x.example.net.",
	    "dkim");
	is(r->name, "s1._domainkey.example.com.", "host joined to the domain");
	is_int(r->ttl, RECORD_DEFAULT_TTL, "default ttl");
	is(record_action_name(RECORD_REPLACE), "replace", "action name");
	record_set_warn(&rs, "x", "%d lookups", 11);
	is(rs.warnings[0].message, "11 lookups", "warning formatted");
	record_set_free(&rs);

	memset(long_value, 'a', sizeof long_value - 1);
	long_value[sizeof long_value - 1] = '\0';
	txt_split(long_value, &parts);
	is_int(parts.n, 3, "599 bytes split into three strings");
	is_int(strlen(parts.v[0]), 255, "first string is 255 bytes");
	is_int(strlen(parts.v[2]), 599 - 510, "last string holds the rest");
	strlist_free(&parts);

	txt_split("", &parts);
	is_int(parts.n, 1, "empty value is one empty string");
	strlist_free(&parts);

	q = txt_quote("say \"hi\" \\ bye");
	is(q, "\"say \\\"hi\\\" \\\\ bye\"", "quotes and backslashes escaped");
	free(q);
	q = txt_quote(long_value);
	ok(strncmp(q + 256, "\" \"", 3) == 0, "long value quoted in parts");
	free(q);
	return done_testing();
}
