/* fuzz-dkim.c - DKIM key records and selectors (src/dkim*.c), and the
   DKIM records an administrator pastes, as the plan reads them (plan.c,
   src/paste*.c) for a server type that expects Zuora's DKIM CNAMEs and for
   a provider whose panel gives a DKIM TXT */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "dkim.h"
#include "plan.h"
#include "record.h"
#include "fuzz.h"

static struct catalog catalog;
static int catalog_loaded;

/* Load the catalog once; it lives until the program ends. */
static void
load_catalog(void)
{
	char *path, *cause;

	if (catalog_loaded)
		return;
	path = xasprintf("%s/data/catalog.xml", fuzz_top());
	if (catalog_load(path, &catalog, &cause) == -1)
		fuzz_fail("%s (set MAILWIZ_TOP to the source tree)", cause);
	free(path);
	catalog_loaded = 1;
}

/* Plan the records for one server type with the input as the paste. */
static void
plan_with(const char *text, const char *feature, const char *server,
    const char *provider)
{
	struct plan_input in;
	struct record_set rs;
	char *cause = NULL;

	plan_input_init(&in);
	in.feature = feature;
	in.server = server;
	in.provider = provider;
	in.domain = "example.com";
	in.dkim_text = text;
	in.dkim_source = "fuzz";
	if (plan_build(&catalog, &in, &rs, &cause) == -1) {
		if (cause == NULL)
			fuzz_fail("plan_build failed without a cause");
		fuzz_note(server, cause);
		free(cause);
	} else {
		fuzz_note(server, NULL);
		record_set_free(&rs);
	}
	plan_input_free(&in);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dkim_key key;
	char *text, *cause = NULL;

	load_catalog();
	text = fuzz_text(data, size);

	if (dkim_key_parse(text, &key, &cause) == -1) {
		if (cause == NULL || key.p != NULL || key.der != NULL)
			fuzz_fail("dkim_key_parse failed without a cause");
		fuzz_note("dkim_key_parse", cause);
		free(cause);
	} else {
		fuzz_note("dkim_key_parse", NULL);
		if (key.p == NULL || key.k == NULL)
			fuzz_fail("dkim_key_parse gave no p= or k=");
		if (key.revoked != (*key.p == '\0'))
			fuzz_fail("revoked is %d for p='%s'", key.revoked,
			    key.p);
		(void)dkim_key_weak(&key);
		dkim_key_free(&key);
	}
	cause = NULL;
	if (dkim_selector_valid(text, &cause) == -1)
		free(cause);

	plan_with(text, "notification", "advanced-smtp", NULL);
	plan_with(text, "notification", "external-smtp", "sendgrid-manual");
	free(text);
	return 0;
}
