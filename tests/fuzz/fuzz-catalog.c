/* fuzz-catalog.c - the catalog loader (src/catalog*.c): XML parsed,
   validated against data/catalog.rng, then read; the input is written to
   catalog.xml in a temporary directory beside a link to the real schema */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "fuzz.h"

static const char *const names[] = { "catalog.xml", "catalog.rng" };

/* Look every entry up again and show the whole catalog, as the commands
   do. */
static void
use_catalog(const struct catalog *cat)
{
	size_t i;
	char *s;

	for (i = 0; i < cat->nfeatures; i++) {
		if (catalog_feature(cat, cat->features[i].id) == NULL)
			fuzz_fail("feature '%s' not found",
			    cat->features[i].id);
	}
	for (i = 0; i < cat->nservers; i++) {
		if (catalog_server(cat, cat->servers[i].feature,
		    cat->servers[i].id) == NULL)
			fuzz_fail("server '%s' not found",
			    cat->servers[i].id);
	}
	for (i = 0; i < cat->nproviders; i++) {
		if (catalog_provider(cat, cat->providers[i].id) == NULL)
			fuzz_fail("provider '%s' not found",
			    cat->providers[i].id);
	}
	s = catalog_text(cat);
	free(s);
	s = catalog_json(cat);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog cat;
	char *dir, *path, *rng, *link, *cause = NULL;

	dir = fuzz_tmpdir();
	rng = xasprintf("%s/data/catalog.rng", fuzz_top());
	if (*rng != '/') {
		char *cwd = getcwd(NULL, 0), *abs;

		if (cwd == NULL)
			fuzz_fail("cannot find the current directory");
		abs = xasprintf("%s/%s", cwd, rng);
		free(cwd);
		free(rng);
		rng = abs;
	}
	if (access(rng, R_OK) != 0)
		fuzz_fail("cannot read '%s' (set MAILWIZ_TOP to the source "
		    "tree)", rng);
	link = xasprintf("%s/catalog.rng", dir);
	if (symlink(rng, link) == -1)
		fuzz_fail("cannot link '%s': %s", link, strerror(errno));
	path = xasprintf("%s/catalog.xml", dir);
	fuzz_write(path, data, size);

	if (catalog_load(path, &cat, &cause) == -1) {
		if (cause == NULL || cat.features != NULL)
			fuzz_fail("catalog_load failed without a cause");
		fuzz_note("catalog_load", cause);
		free(cause);
	} else {
		fuzz_note("catalog_load", NULL);
		use_catalog(&cat);
		catalog_free(&cat);
	}

	fuzz_rmdir(dir, names, nitems(names));
	free(path);
	free(link);
	free(rng);
	free(dir);
	return 0;
}
