/* expect-detect.c - which export format a file is in: its content first,
   its extension only to break a tie */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect-int.h"

/* Every format expect_read knows. */
static const struct expect_format expect_formats[] = {
	{ "table", N_("table"), expect_read_table,
	    { "table", "txt", NULL } },
	{ "zone", N_("zone file"), expect_read_zone, { "zone", "db", NULL } },
	{ "nsupdate", N_("nsupdate script"), expect_read_nsupdate,
	    { "nsupdate", "nsu", NULL } },
	{ "csv", N_("CSV"), expect_read_csv, { "csv", NULL, NULL } },
	{ "json", N_("JSON"), expect_read_json, { "json", NULL, NULL } },
	{ "xml", N_("XML"), expect_read_xml, { "xml", NULL, NULL } },
	{ "dnscontrol", N_("DNSControl file"), expect_read_dnscontrol,
	    { "dnscontrol", "js", NULL } },
	{ "octodns", N_("octoDNS YAML"), expect_read_octodns,
	    { "octodns", "yaml", "yml" } },
	{ "terraform", N_("Terraform file"), expect_read_terraform,
	    { "terraform", "tf", NULL } },
	{ "route53", N_("Route 53 change batch"), expect_read_route53,
	    { "route53", NULL, NULL } },
};

/* Find a format by name. */
static const struct expect_format *
format_named(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(expect_formats); i++) {
		if (strcmp(expect_formats[i].name, name) == 0)
			return &expect_formats[i];
	}
	return NULL;
}

/* The format a file name's extension suggests, or NULL. */
static const struct expect_format *
format_by_ext(const char *path)
{
	const char *slash, *dot;
	size_t i, j;

	if (path == NULL)
		return NULL;
	slash = strrchr(path, '/');
	dot = strrchr(slash != NULL ? slash : path, '.');
	if (dot == NULL)
		return NULL;
	for (i = 0; i < nitems(expect_formats); i++) {
		for (j = 0; j < nitems(expect_formats[i].ext); j++) {
			if (expect_formats[i].ext[j] != NULL &&
			    str_caseeq(dot + 1, expect_formats[i].ext[j]))
				return &expect_formats[i];
		}
	}
	return NULL;
}

/* Tell whether s starts with a word (ending at a blank or the end). */
static int
starts_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	return strncmp(s, word, n) == 0 && (s[n] == ' ' || s[n] == '\t' ||
	    s[n] == '\0');
}

/* Count the blank-separated words of a line. */
static size_t
count_words(const char *s)
{
	size_t n = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			return n;
		n++;
		while (*s != '\0' && *s != ' ' && *s != '\t')
			s++;
	}
}

/* Tell whether a first line is the header of a CSV export. */
static int
is_csv_header(const char *line)
{
	char *low, *cell, *save = NULL;
	int type = 0, value = 0, name = 0, n = 0;

	if (strchr(line, ',') == NULL)
		return 0;
	low = str_lower(line);
	for (cell = strtok_r(low, ",", &save); cell != NULL;
	    cell = strtok_r(NULL, ",", &save)) {
		cell = str_trim(cell);
		n++;
		if (strcmp(cell, "type") == 0)
			type = 1;
		else if (strcmp(cell, "value") == 0)
			value = 1;
		else if (strcmp(cell, "name") == 0 ||
		    strcmp(cell, "host") == 0)
			name = 1;
	}
	free(low);
	return n >= 3 && type && value && name;
}

/* Tell whether a line is a table's "Record 1 of 5: spf (TXT)" heading, in
   English or, by its end (": purpose (TYPE)"), in any language. */
static int
is_table_heading(const char *s)
{
	static const char *const ends[] = { " (TXT)", " (CNAME)", " (MX)" };
	const char *p, *colon;
	unsigned int a, b;
	size_t i, len = strlen(s), n;
	int k = 0;

	if (sscanf(s, "Record %u of %u:%n", &a, &b, &k) == 2 && k > 0)
		return 1;
	for (i = 0; i < nitems(ends); i++) {
		n = strlen(ends[i]);
		if (len <= n || strcmp(s + len - n, ends[i]) != 0)
			continue;
		for (colon = NULL, p = s; (p = strstr(p, ": ")) != NULL; p++)
			colon = p;
		if (colon == NULL || colon + 2 >= s + len - n)
			return 0;
		for (p = colon + 2; p < s + len - n; p++) {
			if (!((*p >= 'a' && *p <= 'z') ||
			    (*p >= '0' && *p <= '9') || *p == '-'))
				return 0;
		}
		return 1;
	}
	return 0;
}

/* The format one line of a file gives away, or NULL. */
static const struct expect_format *
detect_line(const char *line, int first)
{
	const char *s = line;
	size_t indent;

	while (*s == ' ' || *s == '\t')
		s++;
	indent = (size_t)(s - line);
	if (first) {
		if (strcmp(s, "---") == 0 || strncmp(s, "--- ", 4) == 0)
			return format_named("octodns");
		if (is_csv_header(line))
			return format_named("csv");
		if (expect_after_prefix(s, "DNS records for %s") != NULL ||
		    expect_after_prefix(s, _("DNS records for %s")) != NULL)
			return format_named("table");
	}
	if (*s == ';') {
		if (strstr(s, "mailwiz: dynamic update for") != NULL)
			return format_named("nsupdate");
		return NULL;
	}
	if (*s == '#' || strncmp(s, "//", 2) == 0 || strncmp(s, "/*", 2) == 0)
		return NULL;
	if (strncmp(s, "D(", 2) == 0 || strncmp(s, "D (", 3) == 0 ||
	    strncmp(s, "D_EXTEND(", 9) == 0 || (starts_word(s, "var") &&
	    (strstr(s, "NewRegistrar(") != NULL ||
	    strstr(s, "NewDnsProvider(") != NULL)))
		return format_named("dnscontrol");
	if (strncmp(s, "resource \"", 10) == 0 ||
	    strncmp(s, "variable \"", 10) == 0 ||
	    strncmp(s, "provider \"", 10) == 0 ||
	    strncmp(s, "terraform {", 11) == 0)
		return format_named("terraform");
	if ((starts_word(s, "update") && (strstr(s, " add ") != NULL ||
	    strstr(s, " delete ") != NULL || strstr(s, " del ") != NULL)) ||
	    (starts_word(s, "zone") && count_words(s) == 2) ||
	    starts_word(s, "prereq") || strcmp(s, "send") == 0)
		return format_named("nsupdate");
	if (is_table_heading(s) || (indent >= 2 &&
	    (strncmp(s, "Host:", 5) == 0 ||
	    strncmp(s, "Full name:", 10) == 0)))
		return format_named("table");
	if (indent >= 2 && (strncmp(s, "type: ", 6) == 0 ||
	    strncmp(s, "ttl: ", 5) == 0 || strncmp(s, "- ttl: ", 7) == 0 ||
	    strncmp(s, "- type: ", 8) == 0))
		return format_named("octodns");
	if (starts_word(s, "$ORIGIN") || starts_word(s, "$TTL"))
		return format_named("zone");
	return NULL;
}

/* Detect a format from the content, the extension breaking a tie. */
const struct expect_format *
expect_format_detect(const char *text, const char *path)
{
	const struct expect_format *byext, *f = NULL;
	const char *p = text, *e;
	char *line;
	int first = 1;

	byext = format_by_ext(path);
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (*p == '{' || *p == '[') {
		if (strstr(p, "\"Changes\"") != NULL ||
		    strstr(p, "\"ChangeBatch\"") != NULL)
			return format_named("route53");
		if (strstr(p, "\"records\"") != NULL)
			return format_named("json");
		if (byext != NULL && strcmp(byext->name, "route53") == 0)
			return byext;
		return format_named("json");
	}
	if (*p == '<')
		return format_named("xml");
	while (f == NULL && *p != '\0') {
		e = p + strcspn(p, "\r\n");
		line = xstrndup(p, (size_t)(e - p));
		if (*str_trim(line) != '\0') {
			f = detect_line(line, first);
			first = 0;
		}
		free(line);
		p = e + strspn(e, "\r\n");
	}
	if (f != NULL)
		return f;
	if (byext != NULL)
		return byext;
	return format_named("zone");
}
