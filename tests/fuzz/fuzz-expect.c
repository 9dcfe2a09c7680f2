/* fuzz-expect.c - the export files `mailwiz check --expect` reads back
   (src/expect*.c), in every format; the first line of the input is the
   file name (its extension breaks ties between formats), the rest the
   file */
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "record.h"
#include "fuzz.h"

/* Read the text with and without a known domain. */
static void
read_as(const char *text, const char *path, const char *domain)
{
	struct record_set rs;
	char *cause = NULL;
	size_t i;

	memset(&rs, 0, sizeof rs);
	if (expect_read(text, path, domain, &rs, &cause) == -1) {
		if (cause == NULL || rs.nrecords != 0)
			fuzz_fail("expect_read failed without a cause");
		fuzz_note("expect_read", cause);
		free(cause);
	} else {
		fuzz_note("expect_read", NULL);
		for (i = 0; i < rs.nrecords; i++) {
			const struct record *r = &rs.records[i];

			if (r->name == NULL || r->type == NULL ||
			    r->value == NULL || r->purpose == NULL)
				fuzz_fail("record %zu is incomplete", i);
		}
	}
	record_set_free(&rs);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *body, *path;

	text = fuzz_text(data, size);
	body = strchr(text, '\n');
	if (body != NULL) {
		*body++ = '\0';
		path = text;
	} else {
		body = text;
		path = NULL;
	}
	(void)expect_detect(body, path);
	read_as(body, path, NULL);
	read_as(body, path, "example.com");
	free(text);
	return 0;
}
