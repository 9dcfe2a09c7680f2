/* catalog.c - the catalog of data/catalog.xml: where it is, finding
   features, servers and providers in it, releasing it */
#include <sys/types.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"

#define CATALOG_XML "catalog.xml"

/* Release everything a catalog holds. */
void
catalog_free(struct catalog *cat)
{
	size_t i, j;

	for (i = 0; i < cat->nfeatures; i++) {
		struct catalog_feature *f = &cat->features[i];

		free(f->id);
		free(f->title);
		free(f->help);
		free(f->source);
		strlist_free(&f->sources);
	}
	for (i = 0; i < cat->nservers; i++) {
		struct catalog_server *s = &cat->servers[i];

		free(s->feature);
		free(s->id);
		free(s->title);
		free(s->help);
		free(s->spf);
		free(s->spf_default);
		free(s->dkim_from);
		free(s->nothing_why);
		free(s->source);
		strlist_free(&s->sources);
	}
	for (i = 0; i < cat->nproviders; i++) {
		struct catalog_provider *p = &cat->providers[i];

		free(p->id);
		free(p->name);
		free(p->help);
		free(p->spf);
		free(p->dkim_host);
		free(p->source);
		strlist_free(&p->sources);
		for (j = 0; j < p->nparams; j++) {
			free(p->params[j].name);
			free(p->params[j].help);
			free(p->params[j].example);
		}
		free(p->params);
		for (j = 0; j < p->ntemplates; j++) {
			free(p->templates[j].host);
			free(p->templates[j].type);
			free(p->templates[j].value);
			free(p->templates[j].purpose);
			free(p->templates[j].why);
		}
		free(p->templates);
	}
	for (i = 0; i < cat->nipsets; i++) {
		free(cat->ipsets[i].datacenter);
		free(cat->ipsets[i].environment);
		free(cat->ipsets[i].since);
		strlist_free(&cat->ipsets[i].addresses);
	}
	free(cat->features);
	free(cat->servers);
	free(cat->providers);
	free(cat->ipsets);
	free(cat->path);
	free(cat->ips_source);
	free(cat->ips_date);
	free(cat->ips_note);
	memset(cat, 0, sizeof *cat);
}

/* The catalog to load: MAILWIZ_CATALOG, else the installed one, else the
   one in the build tree beside the program. */
char *
catalog_default_path(void)
{
	const char *env;
	char exe[PATH_MAX], *slash, *p;
	ssize_t n;

	env = getenv("MAILWIZ_CATALOG");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if (access(PKGDATADIR "/" CATALOG_XML, R_OK) == 0)
		return xstrdup(PKGDATADIR "/" CATALOG_XML);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			p = xasprintf("%s/data/%s", exe, CATALOG_XML);
			if (access(p, R_OK) == 0)
				return p;
			free(p);
		}
	}
	return xstrdup(PKGDATADIR "/" CATALOG_XML);
}

/* Find a feature by id. */
const struct catalog_feature *
catalog_feature(const struct catalog *cat, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < cat->nfeatures; i++) {
		if (strcmp(cat->features[i].id, id) == 0)
			return &cat->features[i];
	}
	return NULL;
}

/* Find a server type of a feature by id. */
const struct catalog_server *
catalog_server(const struct catalog *cat, const char *feature,
    const char *id)
{
	size_t i;

	if (feature == NULL || id == NULL)
		return NULL;
	for (i = 0; i < cat->nservers; i++) {
		if (strcmp(cat->servers[i].feature, feature) == 0 &&
		    strcmp(cat->servers[i].id, id) == 0)
			return &cat->servers[i];
	}
	return NULL;
}

/* Find a provider preset by id. */
const struct catalog_provider *
catalog_provider(const struct catalog *cat, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < cat->nproviders; i++) {
		if (strcmp(cat->providers[i].id, id) == 0)
			return &cat->providers[i];
	}
	return NULL;
}
