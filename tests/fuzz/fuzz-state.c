/* fuzz-state.c - the saved state files: the first byte chooses the watch
   state (even, src/state.c) or the wizard state (odd, src/wizstate.c); the
   rest is the file. What loads is saved and loaded again, and must come
   back the same. */
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "wizstate.h"
#include "fuzz.h"

static const char *const names[] = { "in.state", "out.state" };

/* Compare two strings that may be NULL. */
static int
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Compare two string lists. */
static int
same_list(const struct strlist *a, const struct strlist *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++) {
		if (strcmp(a->v[i], b->v[i]) != 0)
			return 0;
	}
	return 1;
}

/* Tell whether a character is a hexadecimal digit. */
static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') ||
	    (c >= 'a' && c <= 'f');
}

/*
 * Check that a file that loaded has no NUL byte, and that every '%' in its
 * values starts an escape of two hexadecimal digits, as both formats write
 * them: anything else is damage, to be refused rather than read as
 * something else.
 */
static void
check_escapes(const uint8_t *data, size_t size, const char *prefix)
{
	size_t i, j, start, plen = strlen(prefix);

	/* A NUL byte would hide the lines after it from the loader. */
	if (memchr(data, '\0', size) != NULL)
		fuzz_fail("a file with a NUL byte was read");
	for (start = 0; start < size; start = i + 1) {
		for (i = start; i < size && data[i] != '\n'; i++)
			/* nothing */;
		if (i - start < plen ||
		    memcmp(data + start, prefix, plen) != 0)
			continue;
		for (j = start; j < i; j++) {
			if (data[j] != '%')
				continue;
			if (j + 2 >= i || !is_hex((char)data[j + 1]) ||
			    !is_hex((char)data[j + 2]))
				fuzz_fail("a bad escape at byte %zu was read",
				    j);
			j += 2;
		}
	}
}

/* Load a watch state, save it, load it again. */
static void
watch_state(const char *in, const char *out, const uint8_t *data,
    size_t size)
{
	struct watch_state st, again;
	char *cause = NULL;

	if (state_load(in, &st, &cause) == -1) {
		if (cause == NULL || st.args.n != 0)
			fuzz_fail("state_load failed without a cause");
		fuzz_note("state_load", cause);
		free(cause);
		return;
	}
	fuzz_note("state_load", NULL);
	check_escapes(data, size, "arg ");
	if (state_save(out, &st, &cause) == -1)
		fuzz_fail("state_save: %s", cause);
	if (state_load(out, &again, &cause) == -1)
		fuzz_fail("the saved watch state does not load: %s", cause);
	if (st.started != again.started || st.deadline != again.deadline ||
	    !same_list(&st.args, &again.args))
		fuzz_fail("the watch state changed when saved");
	state_free(&again);
	state_free(&st);
}

/* Load a wizard state, save it, load it again. */
static void
wizard_state(const char *in, const char *out, const uint8_t *data,
    size_t size)
{
	struct wizstate st, again;
	char *cause = NULL;

	if (wizstate_load(in, &st, &cause) == -1) {
		if (cause == NULL || st.feature != NULL || st.ips.n != 0)
			fuzz_fail("wizstate_load failed without a cause");
		fuzz_note("wizstate_load", cause);
		free(cause);
		return;
	}
	fuzz_note("wizstate_load", NULL);
	check_escapes(data, size, "");
	if (wizstate_save(out, &st, &cause) == -1)
		fuzz_fail("wizstate_save: %s", cause);
	if (wizstate_load(out, &again, &cause) == -1)
		fuzz_fail("the saved wizard state does not load: %s", cause);
	if (!same_str(st.feature, again.feature) ||
	    !same_str(st.server, again.server) ||
	    !same_str(st.provider, again.provider) ||
	    !same_str(st.domain, again.domain) ||
	    !same_list(&st.provider_ids, &again.provider_ids) ||
	    !same_list(&st.ips, &again.ips) ||
	    !same_str(st.dkim_text, again.dkim_text) ||
	    !same_str(st.dmarc_rua, again.dmarc_rua) ||
	    !same_str(st.export_format, again.export_format) ||
	    !same_str(st.export_path, again.export_path) ||
	    st.screen != again.screen ||
	    st.dashboard_started != again.dashboard_started ||
	    (st.saved_at != 0 && st.saved_at != again.saved_at))
		fuzz_fail("the wizard state changed when saved");
	wizstate_free(&again);
	wizstate_free(&st);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *dir, *in, *out;

	if (size == 0)
		return 0;
	dir = fuzz_tmpdir();
	in = xasprintf("%s/%s", dir, names[0]);
	out = xasprintf("%s/%s", dir, names[1]);
	fuzz_write(in, data + 1, size - 1);
	if (data[0] % 2 == 0)
		watch_state(in, out, data + 1, size - 1);
	else
		wizard_state(in, out, data + 1, size - 1);
	fuzz_rmdir(dir, names, nitems(names));
	free(out);
	free(in);
	free(dir);
	return 0;
}
