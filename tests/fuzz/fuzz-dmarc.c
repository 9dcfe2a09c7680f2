/* fuzz-dmarc.c - DMARC records and report addresses (src/dmarc*.c) */
#include <stdlib.h>
#include <string.h>

#include "dmarc.h"
#include "fuzz.h"

/* Look at each report address of a parsed record as the check does. */
static void
external(const struct strlist *uris)
{
	char *name;
	size_t i;

	for (i = 0; i < uris->n; i++) {
		(void)dmarc_external_rua("example.com", uris->v[i]);
		(void)dmarc_external_rua("_dmarc.example.com", uris->v[i]);
		name = dmarc_external_rua_name("example.com", uris->v[i]);
		free(name);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dmarc_record r;
	char *text, *cause = NULL, *norm = NULL, *rec;

	text = fuzz_text(data, size);
	(void)dmarc_is_record(text);
	if (dmarc_parse(text, &r, &cause) == -1) {
		if (cause == NULL || r.p != NULL || r.rua_uris.n != 0)
			fuzz_fail("dmarc_parse failed without a cause");
		fuzz_note("dmarc_parse", cause);
		free(cause);
	} else {
		fuzz_note("dmarc_parse", NULL);
		if (r.p == NULL || r.sp == NULL || r.pct < 0 || r.pct > 100)
			fuzz_fail("dmarc_parse gave p=%s sp=%s pct=%d",
			    r.p != NULL ? r.p : "(null)",
			    r.sp != NULL ? r.sp : "(null)", r.pct);
		(void)dmarc_policy_explain(r.p);
		(void)dmarc_policy_explain(r.sp);
		external(&r.rua_uris);
		external(&r.ruf_uris);
		dmarc_record_free(&r);
	}

	/* The same text as the addresses an administrator types. */
	cause = NULL;
	if (dmarc_rua_valid(text, &norm, &cause) == -1)
		free(cause);
	else {
		rec = dmarc_starting_record(text);
		if (rec == NULL)
			fuzz_fail("no starting record for valid '%s'", text);
		if (dmarc_parse(rec, &r, &cause) == -1)
			fuzz_fail("starting record '%s' fails: %s", rec,
			    cause);
		dmarc_record_free(&r);
		free(rec);
		(void)dmarc_external_rua("example.com", text);
		rec = dmarc_external_rua_name("example.com", text);
		free(rec);
		free(norm);
	}
	free(text);
	return 0;
}
