/* fuzz-dnsparse.c - raw DNS messages as a server sends them, and the
   CNAME chains in them (src/dnsparse.c) */
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "fuzz.h"

/* Follow the CNAMEs of the answer from a name, as the check does. */
static void
follow(const struct dns_answer *a, const char *name)
{
	const char *end = NULL;
	char *path = NULL;

	(void)dns_follow(a, name, &end, &path);
	if (end == NULL || path == NULL)
		fuzz_fail("dns_follow gave no end or path for '%s'", name);
	(void)strlen(end);
	free(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dns_answer a;
	unsigned char *copy;
	size_t i, j;

	/* A copy of exactly the message's size, so ASan sees any read
	   past its end. */
	copy = xmalloc(size > 0 ? size : 1);
	if (size > 0)
		memcpy(copy, data, size);
	if (dns_parse(copy, size, &a) == 0) {
		for (i = 0; i < a.nan; i++) {
			if (a.an[i].name == NULL || a.an[i].data == NULL)
				fuzz_fail("record %zu has no name or data",
				    i);
			(void)dns_type_name(a.an[i].type);
			for (j = 0; j < a.an[i].strings.n; j++)
				(void)strlen(a.an[i].strings.v[j]);
			(void)strlen(a.an[i].name);
			(void)strlen(a.an[i].data);
		}
		(void)dns_rcode_name(a.rcode);
		if (a.soa_owner != NULL)
			(void)strlen(a.soa_owner);
		follow(&a, "example.com");
		if (a.nan > 0)
			follow(&a, a.an[0].name);
	}
	dns_answer_free(&a);
	free(copy);
	return 0;
}
