/* test-wizstate.c - the saved wizard: round trip, privacy, atomic replace,
   and damaged files that fail with FILE:LINE and never crash */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "wizstate.h"

static char *tmpdir;

/* A path inside the test's directory. */
static char *
tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

/* Write bytes to a file, replacing it. */
static void
write_bytes(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fwrite(data, 1, len, f) != len) {
		perror(path);
		exit(1);
	}
	fclose(f);
}

/* Remove a directory tree made by the test (no symlinks in it). */
static void
remove_tree(const char *path)
{
	struct dirent *de;
	struct stat sb;
	char *child;
	DIR *d;

	if (lstat(path, &sb) == -1)
		return;
	if (!S_ISDIR(sb.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	while (d != NULL && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		child = xasprintf("%s/%s", path, de->d_name);
		remove_tree(child);
		free(child);
	}
	if (d != NULL)
		closedir(d);
	rmdir(path);
}

/* Count the entries of a directory (without . and ..). */
static int
count_entries(const char *path)
{
	struct dirent *de;
	DIR *d = opendir(path);
	int n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	}
	closedir(d);
	return n;
}

/* Whether every member of a state is empty (after a failed load). */
static int
state_empty(const struct wizstate *st)
{
	return st->feature == NULL && st->server == NULL &&
	    st->provider == NULL && st->domain == NULL &&
	    st->provider_ids.n == 0 && st->provider_ids.v == NULL &&
	    st->ips.n == 0 && st->ips.v == NULL && st->dkim_text == NULL &&
	    st->dmarc_rua == NULL && st->export_format == NULL &&
	    st->export_path == NULL && st->screen == 0 &&
	    st->dashboard_started == 0 && st->saved_at == 0;
}

/* Compare two optional strings. */
static int
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Compare two lists. */
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

/* The DKIM text as support sends it: tabs, quotes, CRs, UTF-8. */
static const char dkim_text[] =
    "Hallo Zoë, here are your records:\n"
    "abc._domainkey\tCNAME\tabc.dkim.amazonses.com.\n"
    "\"def._domainkey\",\"CNAME\",\"def.dkim.amazonses.com\"\r\n"
    "ghi._domainkey.exämple.com  IN  CNAME  ghi.dkim.amazonses.com ; "
    "100% sure \\ back\\slash\n"
    "\n"
    "日本語 ✓ \x7f del and %41 not an escape\n"
    "no newline at the end";

/* A state with every member set. */
static void
make_full(struct wizstate *st)
{
	memset(st, 0, sizeof *st);
	st->feature = xstrdup("notification");
	st->server = xstrdup("external-smtp");
	st->provider = xstrdup("sendgrid");
	st->domain = xstrdup("bücher.example");
	strlist_add(&st->provider_ids, "em=em1234");
	strlist_add(&st->provider_ids, "user=12 34%");
	strlist_add(&st->provider_ids, "wl=");
	strlist_add(&st->provider_ids, "latin1=caf\xe9 \xc3 \xed\xa0\x80 \xff");
	strlist_add(&st->ips, "192.0.2.25");
	strlist_add(&st->ips, "2001:db8::25");
	strlist_add(&st->ips, "mail.example.com");
	st->dkim_text = xstrdup(dkim_text);
	st->dmarc_rua = xstrdup("mailto:dmarc@example.com");
	st->export_format = xstrdup("zone");
	st->export_path = xstrdup("/tmp/dir with space/records\tzone");
	st->screen = 7;
	st->dashboard_started = 1;
	st->saved_at = 1700000000;
}

/* Compare every member of two states. */
static int
same_state(const struct wizstate *a, const struct wizstate *b)
{
	return same(a->feature, b->feature) && same(a->server, b->server) &&
	    same(a->provider, b->provider) && same(a->domain, b->domain) &&
	    same_list(&a->provider_ids, &b->provider_ids) &&
	    same_list(&a->ips, &b->ips) &&
	    same(a->dkim_text, b->dkim_text) &&
	    same(a->dmarc_rua, b->dmarc_rua) &&
	    same(a->export_format, b->export_format) &&
	    same(a->export_path, b->export_path) &&
	    a->screen == b->screen &&
	    a->dashboard_started == b->dashboard_started &&
	    a->saved_at == b->saved_at;
}

/* Where the state is saved by default. */
static void
test_default_path(void)
{
	char *p, *old_xdg = NULL, *old_home = NULL;

	if (getenv("XDG_STATE_HOME") != NULL)
		old_xdg = xstrdup(getenv("XDG_STATE_HOME"));
	if (getenv("HOME") != NULL)
		old_home = xstrdup(getenv("HOME"));
	setenv("XDG_STATE_HOME", "/xdg/state", 1);
	setenv("HOME", "/home/admin", 1);
	p = wizstate_default_path();
	is(p, "/xdg/state/mailwiz/wizard.state", "XDG_STATE_HOME first");
	free(p);
	setenv("XDG_STATE_HOME", "relative/state", 1);
	p = wizstate_default_path();
	is(p, "/home/admin/.local/state/mailwiz/wizard.state",
	    "a relative XDG_STATE_HOME is ignored (XDG spec)");
	free(p);
	unsetenv("XDG_STATE_HOME");
	p = wizstate_default_path();
	is(p, "/home/admin/.local/state/mailwiz/wizard.state",
	    "else ~/.local/state");
	free(p);
	unsetenv("HOME");
	p = wizstate_default_path();
	ok(p == NULL, "neither HOME nor XDG_STATE_HOME: no path");
	free(p);
	setenv("HOME", "", 1);
	p = wizstate_default_path();
	ok(p == NULL, "an empty HOME names no path");
	free(p);
	if (old_xdg != NULL)
		setenv("XDG_STATE_HOME", old_xdg, 1);
	if (old_home != NULL)
		setenv("HOME", old_home, 1);
	else
		unsetenv("HOME");
	free(old_xdg);
	free(old_home);
}

/* Every member comes back as saved; the file and its directories are
   private. */
static void
test_round_trip(void)
{
	struct wizstate in, out, empty;
	char *path = tmp_path("deep/er/wizard.state"), *dir, *cause = NULL;
	struct stat sb;
	mode_t old;
	time_t before;

	make_full(&in);
	old = umask(0);
	ok(wizstate_save(path, &in, &cause) == 0, "save every member");
	umask(old);
	if (cause != NULL) {
		printf("# %s\n", cause);
		free(cause);
		cause = NULL;
	}
	ok(stat(path, &sb) == 0 && (sb.st_mode & 07777) == 0600,
	    "the file is mode 0600 even with umask 0 (%o)",
	    (unsigned)(sb.st_mode & 07777));
	dir = tmp_path("deep/er");
	ok(stat(dir, &sb) == 0 && (sb.st_mode & 07777) == 0700,
	    "a missing parent directory is made 0700");
	free(dir);
	dir = tmp_path("deep");
	ok(stat(dir, &sb) == 0 && (sb.st_mode & 07777) == 0700,
	    "and so is its parent");
	free(dir);
	memset(&out, 0xa5, sizeof out);
	ok(wizstate_load(path, &out, &cause) == 0, "load it back");
	if (cause != NULL) {
		printf("# %s\n", cause);
		free(cause);
		cause = NULL;
	}
	ok(same_state(&in, &out), "every member comes back the same");
	is(out.dkim_text, dkim_text,
	    "multi-line DKIM text with tabs, quotes, CR, DEL, '%%' and UTF-8");
	is(out.domain, "bücher.example", "UTF-8 domain");
	is_int(out.provider_ids.n, 4, "four provider ids");
	is(out.provider_ids.v[1], "user=12 34%", "a provider id with '%%'");
	is(out.provider_ids.v[2], "wl=", "an id with an empty value");
	is(out.provider_ids.v[3], "latin1=caf\xe9 \xc3 \xed\xa0\x80 \xff",
	    "bytes that are not UTF-8 (Latin-1, half a character, a "
	    "surrogate) come back as they were");
	is_int(out.ips.n, 3, "three addresses, in order");
	is(out.ips.v[2], "mail.example.com", "the third address");
	is(out.export_path, "/tmp/dir with space/records\tzone",
	    "a path with a space and a tab");
	is_int(out.screen, 7, "screen");
	is_int(out.dashboard_started, 1, "dashboard started");
	is_int(out.saved_at, 1700000000, "saved_at kept as given");
	wizstate_free(&out);
	ok(state_empty(&out), "wizstate_free leaves an empty state");
	wizstate_free(&out);
	ok(state_empty(&out), "and may be called twice");
	wizstate_free(&in);

	/* Nothing answered yet: NULLs and empty lists stay so. */
	memset(&empty, 0, sizeof empty);
	before = time(NULL);
	ok(wizstate_save(path, &empty, &cause) == 0, "save an empty state");
	ok(wizstate_load(path, &out, &cause) == 0, "load it");
	ok(out.feature == NULL && out.server == NULL &&
	    out.provider == NULL && out.domain == NULL &&
	    out.dkim_text == NULL && out.dmarc_rua == NULL &&
	    out.export_format == NULL && out.export_path == NULL,
	    "unanswered strings come back NULL");
	ok(out.provider_ids.n == 0 && out.provider_ids.v == NULL &&
	    out.ips.n == 0 && out.ips.v == NULL,
	    "empty lists come back empty");
	ok(out.screen == 0 && out.dashboard_started == 0,
	    "screen 0, dashboard not started");
	ok(out.saved_at >= before && out.saved_at <= time(NULL) + 1,
	    "saved_at 0 is saved as the current time");
	wizstate_free(&out);

	/* Empty answers are answers. */
	memset(&empty, 0, sizeof empty);
	empty.feature = (char *)"";
	empty.dkim_text = (char *)"";
	empty.screen = -3;
	ok(wizstate_save(path, &empty, &cause) == 0,
	    "save empty-string answers");
	ok(wizstate_load(path, &out, &cause) == 0, "load them");
	ok(out.feature != NULL && *out.feature == '\0',
	    "an empty feature stays an empty string, not NULL");
	ok(out.dkim_text != NULL && *out.dkim_text == '\0',
	    "an empty paste stays an empty string");
	ok(out.server == NULL, "an absent answer stays NULL beside it");
	is_int(out.screen, 0, "a negative screen is saved as 0");
	wizstate_free(&out);
	free(path);
}

/* A save replaces the file whole, or leaves it alone. */
static void
test_atomic(void)
{
	struct wizstate a, b, out;
	char *dir = tmp_path("atomic"), *path, *cause = NULL, *bad;
	char buf[64];
	struct stat s1, s2;
	ssize_t n;
	int fd;

	path = xasprintf("%s/wizard.state", dir);
	memset(&a, 0, sizeof a);
	a.feature = (char *)"notification";
	a.screen = 2;
	a.saved_at = 1;
	ok(wizstate_save(path, &a, &cause) == 0, "first save");
	ok(stat(path, &s1) == 0, "the file exists");
	fd = open(path, O_RDONLY);
	ok(fd != -1, "a reader holds the old file open");
	memset(&b, 0, sizeof b);
	b.feature = (char *)"workflow";
	b.screen = 9;
	b.saved_at = 2;
	ok(wizstate_save(path, &b, &cause) == 0, "save over it");
	ok(stat(path, &s2) == 0 && s1.st_ino != s2.st_ino,
	    "the file was replaced by a new one (rename), not rewritten");
	ok((s2.st_mode & 07777) == 0600, "the new file is 0600 too");
	n = read(fd, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = '\0';
	like(buf, "feature notification",
	    "the reader still sees the whole old state");
	close(fd);
	ok(wizstate_load(path, &out, &cause) == 0 &&
	    same(out.feature, "workflow") && out.screen == 9 &&
	    out.saved_at == 2, "the path holds the new state");
	wizstate_free(&out);
	is_int(count_entries(dir), 1, "no temporary file is left beside it");

	/* A save that cannot happen leaves the old file alone. */
	bad = xasprintf("%s/wizard.state/sub/x.state", dir);
	ok(wizstate_save(bad, &a, &cause) == -1,
	    "a path under a regular file cannot be saved");
	like(cause, "cannot create", "the message says what failed");
	like(cause, "wizard.state/sub", "and names the directory");
	free(cause);
	cause = NULL;
	free(bad);
	bad = xasprintf("%s/nodir/x.state", path);
	ok(wizstate_save(bad, &a, &cause) == -1, "nor one two levels under");
	free(cause);
	cause = NULL;
	free(bad);
	ok(wizstate_load(path, &out, &cause) == 0 &&
	    same(out.feature, "workflow"),
	    "the saved state is untouched by the failed saves");
	wizstate_free(&out);
	is_int(count_entries(dir), 1, "and no temporary file either");
	free(path);
	free(dir);
}

/* Load FILE written with these bytes; it must fail with "FILE:LINE: ". */
static void
damaged(const char *name, const char *data, size_t len, unsigned line,
    const char *piece, const char *what)
{
	struct wizstate st;
	char *path = tmp_path(name), *cause = NULL, *want;
	int rc;

	write_bytes(path, data, len);
	memset(&st, 0x5a, sizeof st);
	rc = wizstate_load(path, &st, &cause);
	ok(rc == -1, "%s: refused", what);
	want = xasprintf("%s:%u: ", path, line);
	ok(cause != NULL && strncmp(cause, want, strlen(want)) == 0,
	    "%s: the message starts with %s", what, want);
	if (cause == NULL || strncmp(cause, want, strlen(want)) != 0)
		printf("#   got: '%s'\n", cause != NULL ? cause : "(null)");
	if (piece != NULL)
		like(cause, piece, "%s: the message says why", what);
	ok(state_empty(&st), "%s: the state is left empty", what);
	wizstate_free(&st);
	free(want);
	free(cause);
	free(path);
}

#define DAMAGED(name, text, line, piece, what) \
	damaged(name, text, sizeof text - 1, line, piece, what)

/* Damaged files are refused with FILE:LINE and why. */
static void
test_damaged(void)
{
	DAMAGED("empty", "", 1, "empty", "an empty file");
	DAMAGED("noversion", "feature notification\nend\n", 1,
	    "not a saved mailwiz wizard", "no version line");
	DAMAGED("watchstate", "mailwiz-watch 1\nstarted 5\n", 1,
	    "mailwiz-wizard 1", "a watch state instead");
	DAMAGED("newer", "mailwiz-wizard 2\nfeature x\nend\n", 1,
	    "another version", "a newer format");
	DAMAGED("version-junk", "mailwiz-wizard 1x\nend\n", 1,
	    "another version", "a version with junk");
	DAMAGED("noend", "mailwiz-wizard 1\nfeature notification\n", 3,
	    "truncated", "no end line (cut at a line boundary)");
	DAMAGED("cut", "mailwiz-wizard 1\nfeature notif", 2,
	    "truncated", "cut in the middle of a line");
	DAMAGED("unknown", "mailwiz-wizard 1\nfeature n\ncolour blue\nend\n",
	    3, "unknown key 'colour'", "an unknown key");
	DAMAGED("unknown-bin", "mailwiz-wizard 1\n\xff\x01\xfe x\nend\n", 2,
	    "unknown key '?\?\?'", "a binary key is quoted safely");
	DAMAGED("blank", "mailwiz-wizard 1\n\nend\n", 2,
	    "unknown key ''", "a blank line");
	DAMAGED("novalue", "mailwiz-wizard 1\nscreen 1\nfeature\nend\n", 3,
	    "'feature' has no value", "a key without a value");
	DAMAGED("twice", "mailwiz-wizard 1\ndomain a\ndomain b\nend\n", 3,
	    "given twice", "a key given twice");
	DAMAGED("after-end", "mailwiz-wizard 1\nend\nfeature x\n", 3,
	    "after the 'end'", "text after the end line");
	DAMAGED("end-twice", "mailwiz-wizard 1\nend\nend\n", 3,
	    "after the 'end'", "two end lines");
	DAMAGED("nul", "mailwiz-wizard 1\nfeature a\0b\nend\n", 2,
	    "NUL", "a NUL byte");
	DAMAGED("crlf", "mailwiz-wizard 1\r\nend\r\n", 1, NULL,
	    "CRLF line ends");
	DAMAGED("crlf2", "mailwiz-wizard 1\nfeature x\r\nend\n", 2,
	    "control character", "a raw CR in a value");
	DAMAGED("tab", "mailwiz-wizard 1\ndkim a\tb\nend\n", 2,
	    "control character", "a raw tab in a value");
	DAMAGED("esc-short", "mailwiz-wizard 1\ndkim abc%4\nend\n", 2,
	    "percent sign", "a cut escape");
	DAMAGED("esc-end", "mailwiz-wizard 1\ndkim abc%\nend\n", 2,
	    "percent sign", "a lone percent sign");
	DAMAGED("esc-hex", "mailwiz-wizard 1\ndkim %G1\nend\n", 2,
	    "percent sign", "a bad hex digit");
	DAMAGED("esc-nul", "mailwiz-wizard 1\nip %00\nend\n", 2,
	    "percent sign", "an escaped NUL");
	DAMAGED("utf8-overlong", "mailwiz-wizard 1\ndomain \xc0\x80\nend\n",
	    2, "UTF-8", "an overlong UTF-8 form");
	DAMAGED("utf8-surrogate",
	    "mailwiz-wizard 1\nfeature x\ndkim \xed\xa0\x80\nend\n", 3,
	    "UTF-8", "a surrogate");
	DAMAGED("utf8-big", "mailwiz-wizard 1\ndkim \xf5\x80\x80\x80\nend\n",
	    2, "UTF-8", "beyond U+10FFFF");
	DAMAGED("utf8-cut", "mailwiz-wizard 1\ndkim \xe2\x9c\nend\n", 2,
	    "UTF-8", "a character cut short");
	DAMAGED("screen-neg", "mailwiz-wizard 1\nscreen -1\nend\n", 2,
	    "screen number", "a negative screen");
	DAMAGED("screen-big", "mailwiz-wizard 1\nscreen 1001\nend\n", 2,
	    "screen number", "a screen too large");
	DAMAGED("screen-huge",
	    "mailwiz-wizard 1\nscreen 99999999999999999999999\nend\n", 2,
	    "screen number", "a screen that overflows");
	DAMAGED("screen-word", "mailwiz-wizard 1\nscreen seven\nend\n", 2,
	    "screen number", "a screen that is a word");
	DAMAGED("screen-space", "mailwiz-wizard 1\nscreen  7\nend\n", 2,
	    "screen number", "a screen after two spaces");
	DAMAGED("flag", "mailwiz-wizard 1\ndashboard-started 2\nend\n", 2,
	    "0 or 1", "a flag that is 2");
	DAMAGED("time", "mailwiz-wizard 1\nsaved-at yesterday\nend\n", 2,
	    "since 1970", "a time that is a word");
	DAMAGED("time-big",
	    "mailwiz-wizard 1\nsaved-at 99999999999999999999\nend\n", 2,
	    "since 1970", "a time that overflows");
}

/* Every prefix of a good file is refused with a line number. */
static void
test_truncated(void)
{
	struct wizstate in, st;
	char *path = tmp_path("full.state"), *cut = tmp_path("cut.state");
	char *text, *cause = NULL, *want;
	size_t len, i;
	int all_refused = 1, all_lines = 1, all_empty = 1;

	make_full(&in);
	ok(wizstate_save(path, &in, &cause) == 0, "save a full state");
	wizstate_free(&in);
	ok(file_read(path, &text, &len, &cause) == 0, "read it");
	want = xasprintf("%s:", cut);
	for (i = 0; i < len; i++) {
		write_bytes(cut, text, i);
		if (wizstate_load(cut, &st, &cause) != -1) {
			all_refused = 0;
			printf("# a prefix of %zu bytes loaded\n", i);
			wizstate_free(&st);
			continue;
		}
		if (strncmp(cause, want, strlen(want)) != 0 ||
		    strtoul(cause + strlen(want), NULL, 10) == 0) {
			all_lines = 0;
			printf("# prefix %zu: %s\n", i, cause);
		}
		if (!state_empty(&st))
			all_empty = 0;
		free(cause);
		cause = NULL;
	}
	ok(all_refused, "each of the %zu shorter prefixes is refused", len);
	ok(all_lines, "each refusal names FILE:LINE");
	ok(all_empty, "each leaves the state empty");
	write_bytes(cut, text, len - 4);
	ok(wizstate_load(cut, &st, &cause) == -1, "cut just before 'end'");
	like(cause, "ends early", "it says the file ends early");
	free(cause);
	cause = NULL;
	write_bytes(cut, text, len);
	ok(wizstate_load(cut, &st, &cause) == 0, "the whole file loads");
	wizstate_free(&st);
	free(want);
	free(text);
	free(path);
	free(cut);
}

/* A small deterministic generator, so failures can be replayed. */
static unsigned long rng_state = 20240601;

/* The next pseudo-random number. */
static unsigned
rng(void)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(rng_state >> 33);
}

/* Random bytes and random damage to a good file never crash the reader;
   what is refused says FILE:LINE. */
static void
test_garbage(void)
{
	struct wizstate in, st;
	char *path = tmp_path("good.state"), *g = tmp_path("garbage.state");
	char *text, *cause = NULL, *want, *buf;
	size_t len, n, i, j;
	int refused = 0, loaded = 0, bad_msg = 0, random_ok = 0;

	want = xasprintf("%s:", g);
	buf = xmalloc(4096);
	for (i = 0; i < 2000; i++) {
		n = rng() % 4096;
		for (j = 0; j < n; j++)
			buf[j] = (char)(rng() & 0xff);
		if (i % 2 == 0 && n > 17)
			memcpy(buf, "mailwiz-wizard 1\n", 17);
		write_bytes(g, buf, n);
		if (wizstate_load(g, &st, &cause) == 0) {
			random_ok++;
			wizstate_free(&st);
			continue;
		}
		if (strncmp(cause, want, strlen(want)) != 0)
			bad_msg++;
		free(cause);
		cause = NULL;
	}
	is_int(random_ok, 0, "2000 random files: none loads");
	is_int(bad_msg, 0, "every refusal names the file and line");

	make_full(&in);
	ok(wizstate_save(path, &in, &cause) == 0, "save a full state");
	ok(file_read(path, &text, &len, &cause) == 0, "read it");
	for (i = 0; i < 5000; i++) {
		memcpy(buf, text, len < 4096 ? len : 4096);
		n = len < 4096 ? len : 4096;
		for (j = 0; j < 1 + rng() % 4; j++)
			buf[rng() % n] = (char)(rng() & 0xff);
		write_bytes(g, buf, n);
		if (wizstate_load(g, &st, &cause) == 0) {
			loaded++;
			wizstate_free(&st);
			continue;
		}
		refused++;
		if (strncmp(cause, want, strlen(want)) != 0 ||
		    strtoul(cause + strlen(want), NULL, 10) == 0) {
			bad_msg++;
			printf("# %s\n", cause);
		}
		free(cause);
		cause = NULL;
	}
	ok(refused + loaded == 5000 && refused > 0,
	    "5000 damaged copies: %d refused, %d still well-formed", refused,
	    loaded);
	is_int(bad_msg, 0, "every refusal names the file and line");
	wizstate_free(&in);
	free(text);
	free(buf);
	free(want);
	free(path);
	free(g);
}

/* A file that cannot be read says so. */
static void
test_unreadable(void)
{
	struct wizstate st;
	char *path = tmp_path("no/such.state"), *cause = NULL, *want;

	memset(&st, 0x33, sizeof st);
	ok(wizstate_load(path, &st, &cause) == -1, "a missing file fails");
	want = xasprintf("cannot read '%s': %s", path, strerror(ENOENT));
	is(cause, want, "the message names the file and why");
	ok(state_empty(&st), "the state is left empty");
	free(want);
	free(cause);
	cause = NULL;
	free(path);
	ok(wizstate_load(tmpdir, &st, &cause) == -1,
	    "a directory is refused");
	like(cause, tmpdir, "the message names it");
	free(cause);
}

/* Run every test in a private temporary directory. */
int
main(void)
{
	char tmpl[] = "/tmp/test-wizstate.XXXXXX";

	if (mkdtemp(tmpl) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	tmpdir = xstrdup(tmpl);
	test_default_path();
	test_round_trip();
	test_atomic();
	test_damaged();
	test_truncated();
	test_garbage();
	test_unreadable();
	remove_tree(tmpdir);
	free(tmpdir);
	return done_testing();
}
