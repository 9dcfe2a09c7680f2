/* cli-domains.c - `mailwiz check --domains FILE`: many tenants at once */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "cli-check.h"
#include "cli-path.h"
#include "domain.h"
#include "loop.h"

struct bulk_slot {
	struct check *c;
	struct record_set rs;
	int used;
};

/* Read the domain list; -1 with a message naming file:line. */
static int
read_domains(const char *path, struct strlist *out)
{
	char *text, *line, *next, *cause = NULL, *a, *u;
	unsigned lineno = 0;
	size_t len;

	if (file_read(path, &text, &len, &cause) == -1) {
		fprintf(stderr, "mailwiz check: %s\n", cause);
		free(cause);
		return -1;
	}
	if (memchr(text, '\0', len) != NULL) {
		cause = xasprintf(_("%s: this is not a text file (it has NUL "
		    "bytes)"), path);
		fprintf(stderr, "mailwiz check: %s\n", cause);
		free(cause);
		free(text);
		return -1;
	}
	for (line = text; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		line = str_trim(line);
		if (*line == '\0' || *line == '#')
			continue;
		if (domain_parse(line, &a, &u, &cause) == -1) {
			fprintf(stderr, "mailwiz check: %s:%u: %s\n", path,
			    lineno, cause);
			free(cause);
			free(text);
			return -1;
		}
		strlist_add(out, a);
		free(a);
		free(u);
	}
	free(text);
	if (out->n == 0) {
		fprintf(stderr, _("mailwiz check: '%s' lists no domain; put "
		    "one domain on each line\n"), path);
		return -1;
	}
	return 0;
}

/* Print one finished check as a JSON line. */
static void
bulk_print(struct check *c)
{
	char *text, *p;

	text = check_json(c);
	/* One document per line: fold any line break inside it. */
	for (p = text; *p != '\0'; p++) {
		if (*p == '\n' && p[1] != '\0')
			*p = ' ';
	}
	fputs(text, stdout);
	fflush(stdout);
	free(text);
}

/* Check many domains concurrently, bounded by max_inflight questions. */
int
check_domains(struct path_args *pa, const char *path,
    const struct dns_server *servers, size_t n, int auth,
    size_t max_inflight)
{
	struct strlist domains = { NULL, 0 };
	struct bulk_slot *slots;
	struct loop *l;
	size_t next = 0, active = 0, nslots, per, i, bad = 0;
	char *cause = NULL;
	int rc = 0;

	if (pa->in.domain != NULL) {
		fprintf(stderr, _("mailwiz check: give either --domain or "
		    "--domains, not both\n"));
		return EXIT_USAGE;
	}
	if (read_domains(path, &domains) == -1) {
		strlist_free(&domains);
		return EXIT_USAGE;
	}
	/* Check the path once, with the first domain, before any DNS. */
	pa->in.domain = domains.v[0];
	pa->offline = pa->existing_spf == NULL;
	{
		struct record_set probe;

		rc = path_build(pa, &probe, 0, &cause);
		if (rc != 0) {
			if (cause != NULL)
				fprintf(stderr, "mailwiz check: %s\n", cause);
			free(cause);
			strlist_free(&domains);
			return rc;
		}
		/* Questions per domain: every record at every server, plus
		   the SPF evaluation's few. */
		per = (probe.nrecords + 1) * (n > 0 ? n : 1) + 8;
		record_set_free(&probe);
	}
	nslots = max_inflight / per;
	if (nslots == 0)
		nslots = 1;
	slots = xcalloc(nslots, sizeof *slots);
	l = loop_new();
	check_catch_signals();
	while ((next < domains.n || active > 0) && !check_was_interrupted()) {
		for (i = 0; i < nslots && next < domains.n; i++) {
			struct bulk_slot *s = &slots[i];

			if (s->used)
				continue;
			pa->in.domain = domains.v[next++];
			if (path_build(pa, &s->rs, 0, &cause) != 0) {
				fprintf(stderr, "mailwiz check: %s: %s\n",
				    pa->in.domain, cause);
				free(cause);
				cause = NULL;
				bad++;
				continue;
			}
			s->c = check_for_plan(l, &s->rs, servers, n,
			    &pa->dopts, auth, &cause);
			if (s->c == NULL) {
				fprintf(stderr, "mailwiz check: %s\n", cause);
				free(cause);
				cause = NULL;
				record_set_free(&s->rs);
				rc = EXIT_SYSTEM;
				goto out;
			}
			s->c->spf_loose = 1;
			s->used = 1;
			active++;
			check_start(s->c);
		}
		for (i = 0; i < nslots; i++) {
			struct bulk_slot *s = &slots[i];

			if (!s->used || !check_idle(s->c))
				continue;
			bulk_print(s->c);
			if (!check_all_ok(s->c))
				bad++;
			check_free(s->c);
			record_set_free(&s->rs);
			s->used = 0;
			active--;
		}
		if (active > 0 && loop_once(l, -1) == -1) {
			rc = EXIT_SYSTEM;
			goto out;
		}
	}
	rc = bad > 0 || check_was_interrupted() ? 1 : 0;
out:
	for (i = 0; i < nslots; i++) {
		if (slots[i].used) {
			check_free(slots[i].c);
			record_set_free(&slots[i].rs);
		}
	}
	free(slots);
	loop_free(l);
	pa->in.domain = NULL;
	strlist_free(&domains);
	return rc;
}
