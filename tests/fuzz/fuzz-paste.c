/* fuzz-paste.c - DNS records pasted from a mail or a provider's panel
   (src/paste*.c) */
#include <stdlib.h>
#include <string.h>

#include "paste.h"
#include "fuzz.h"

/* Read the input for one domain and check what comes back. */
static void
read_for(const char *text, const char *domain)
{
	struct paste_result res;
	char *cause = NULL;
	size_t errline = 0, i;

	memset(&res, 0, sizeof res);
	if (paste_read(text, domain, &res, &cause, &errline) == -1) {
		if (cause == NULL)
			fuzz_fail("paste_read failed without a cause");
		fuzz_note("paste_read", cause);
		free(cause);
	} else {
		fuzz_note("paste_read", NULL);
		for (i = 0; i < res.nrecords; i++) {
			const struct paste_record *r = &res.records[i];

			if (r->host == NULL || r->name == NULL ||
			    r->type == NULL || r->value == NULL)
				fuzz_fail("record %zu is incomplete", i);
			if (*r->name == '\0' ||
			    r->name[strlen(r->name) - 1] != '.')
				fuzz_fail("name '%s' has no trailing dot",
				    r->name);
		}
	}
	paste_result_free(&res);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	text = fuzz_text(data, size);
	read_for(text, "example.com");
	read_for(text, "xn--mnchen-3ya.de");
	free(text);
	return 0;
}
