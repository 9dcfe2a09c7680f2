/* resolvers.c - which recursive resolvers `check` and `watch` ask */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "resolvers.h"

/*
 * Large public resolvers: a domain is "live everywhere" when these see it,
 * since most receiving mail servers use one of them or one like them.
 */
const struct resolver_default resolvers_public[] = {
	{ "8.8.8.8", "Google Public DNS" },
	{ "1.1.1.1", "Cloudflare" },
	{ "9.9.9.9", "Quad9" },
	{ "208.67.222.222", "OpenDNS" },
};
const size_t resolvers_npublic = nitems(resolvers_public);

/* Add one resolver with a display name. */
static int
add(struct dns_server **v, size_t *n, const char *spec, const char *name,
    const char *where, char **cause)
{
	struct dns_server s;
	char *why = NULL;

	if (dns_server_parse(spec, &s, &why) == -1) {
		*cause = xasprintf("%s: %s", where, why);
		free(why);
		return -1;
	}
	if (name != NULL && *name != '\0') {
		free(s.label);
		s.label = xstrdup(name);
	}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
	return 0;
}

/* Read "resolver ADDR[:PORT] [NAME...]" lines from the config file; 1 when
   the file named at least one resolver. Any other line but a comment is a
   mistake: ignoring it would ask other resolvers than the ones meant. */
static int
from_config(struct dns_server **v, size_t *n, char **cause)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *path, *line = NULL, *p, *spec, *name, *where;
	size_t size = 0;
	unsigned lineno = 0;
	FILE *f;
	int found = 0, rc = -1;

	if (xdg != NULL && *xdg == '/')
		path = xasprintf("%s/mailwiz/config", xdg);
	else if (home != NULL && *home != '\0')
		path = xasprintf("%s/.config/mailwiz/config", home);
	else
		return 0;
	f = fopen(path, "r");
	if (f == NULL) {
		if (errno == ENOENT) {
			free(path);
			return 0;
		}
		*cause = xasprintf(_("cannot read '%s': %s"), path,
		    strerror(errno));
		free(path);
		return -1;
	}
	while (getline(&line, &size, f) != -1) {
		lineno++;
		p = str_trim(line);
		if (*p == '\0' || *p == '#')
			continue;
		if (strncmp(p, "resolver", 8) != 0 ||
		    (p[8] != ' ' && p[8] != '\t' && p[8] != '\0')) {
			p[strcspn(p, " \t")] = '\0';
			*cause = xasprintf(_("%s:%u: unknown setting '%s'; the "
			    "file holds only lines 'resolver ADDR[:PORT] "
			    "[NAME]' and comments"), path, lineno, p);
			goto out;
		}
		p = str_trim(p + 8);
		if (*p == '\0') {
			*cause = xasprintf(_("%s:%u: 'resolver' needs an "
			    "address, such as resolver 192.0.2.53 office"),
			    path, lineno);
			goto out;
		}
		spec = p;
		name = strpbrk(p, " \t");
		if (name != NULL) {
			*name++ = '\0';
			name = str_trim(name);
		}
		where = xasprintf("%s:%u", path, lineno);
		if (add(v, n, spec, name, where, cause) == -1) {
			free(where);
			goto out;
		}
		free(where);
		found = 1;
	}
	if (ferror(f)) {
		*cause = xasprintf(_("cannot read '%s': %s"), path,
		    strerror(errno));
		goto out;
	}
	rc = found;
out:
	free(line);
	fclose(f);
	free(path);
	return rc;
}

/* Add the nameservers of /etc/resolv.conf. */
static void
from_system(struct dns_server **v, size_t *n)
{
	char line[512], *p, *addr, *label, *cause = NULL;
	FILE *f;

	f = fopen("/etc/resolv.conf", "r");
	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		p = str_trim(line);
		if (strncmp(p, "nameserver", 10) != 0)
			continue;
		addr = str_trim(p + 10);
		p = strpbrk(addr, " \t%");
		if (p != NULL)
			*p = '\0';
		label = xasprintf(_("system resolver %s"), addr);
		if (add(v, n, addr, label, "/etc/resolv.conf", &cause) == -1)
			free(cause);
		free(label);
	}
	fclose(f);
}

/* Work out the recursive resolvers to ask. */
int
resolvers_load(const struct strlist *given, struct dns_server **out,
    size_t *nout, char **cause)
{
	struct dns_server *v = NULL;
	size_t n = 0, i;
	int rc;

	if ((given != NULL && given->n > 0) ||
	    (getenv("MAILWIZ_RESOLVERS") != NULL &&
	    *getenv("MAILWIZ_RESOLVERS") != '\0'))
		return dns_servers_from(given, out, nout, cause);
	rc = from_config(&v, &n, cause);
	if (rc == -1) {
		resolvers_free(v, n);
		return -1;
	}
	if (rc == 0) {
		from_system(&v, &n);
		for (i = 0; i < resolvers_npublic; i++) {
			if (add(&v, &n, resolvers_public[i].addr,
			    resolvers_public[i].name, "built-in", cause) == -1)
				fatalx("bad built-in resolver");
		}
	}
	*out = v;
	*nout = n;
	return 0;
}

/* Release a list of resolvers. */
void
resolvers_free(struct dns_server *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dns_server_free(&v[i]);
	free(v);
}
