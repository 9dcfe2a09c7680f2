/* spftree.c - the include/redirect tree of an SPF evaluation */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spfeval-int.h"

/* Add a node to the tree below parent (or make the root). */
struct spf_node *
spf_node_new(struct spf_node *parent, const char *domain, const char *via)
{
	struct spf_node *n;

	n = xcalloc(1, sizeof *n);
	n->domain = xstrdup(domain);
	n->via = via != NULL ? xstrdup(via) : NULL;
	n->result = -1;
	if (parent != NULL) {
		parent->children = xreallocarray(parent->children,
		    parent->nchildren + 1, sizeof *parent->children);
		parent->children[parent->nchildren++] = n;
	}
	return n;
}

/* Release a tree. */
void
spf_node_free(struct spf_node *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nchildren; i++)
		spf_node_free(n->children[i]);
	free(n->children);
	free(n->domain);
	free(n->via);
	free(n->record);
	free(n->error);
	free(n);
}

/* Add up the lookups of a node and everything below it. */
static void
spf_node_totals(const struct spf_node *n, int *lookups, int *voids)
{
	size_t i;

	*lookups += n->lookups;
	*voids += n->voids;
	for (i = 0; i < n->nchildren; i++)
		spf_node_totals(n->children[i], lookups, voids);
}

/* Append text for people: control and non-ASCII bytes as \xHH. */
static void
spf_put_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f)
			buf_putc(b, *s);
		else
			buf_printf(b, "\\x%02x", (unsigned char)*s);
	}
}

/* Write one node of the tree and those below it, indented. */
static void
spf_node_text(struct buf *b, const struct spf_node *n, int depth)
{
	int lookups = 0, voids = 0;
	size_t i;

	spf_node_totals(n, &lookups, &voids);
	buf_printf(b, "%*s", depth * 2, "");
	if (n->via != NULL) {
		spf_put_text(b, n->via);
		buf_puts(b, " -> ");
	}
	spf_put_text(b, n->domain);
	buf_printf(b, _(": %s (lookups: %d here, %d in all; void lookups: "
	    "%d here, %d in all)\n"), n->result >= 0 ?
	    spf_result_name((enum spf_result)n->result) : "?", n->lookups,
	    lookups, n->voids, voids);
	if (n->record != NULL) {
		buf_printf(b, "%*s%s", depth * 2 + 2, "", _("record: "));
		spf_put_text(b, n->record);
		buf_putc(b, '\n');
	}
	if (n->error != NULL) {
		buf_printf(b, "%*s%s", depth * 2 + 2, "", _("error: "));
		spf_put_text(b, n->error);
		buf_putc(b, '\n');
	}
	for (i = 0; i < n->nchildren; i++)
		spf_node_text(b, n->children[i], depth + 1);
}

/* The include/redirect tree, for people. */
char *
spf_eval_tree_text(const struct spf_eval *ev)
{
	struct buf b;

	buf_init(&b);
	if (ev->tree != NULL)
		spf_node_text(&b, ev->tree, 0);
	return buf_detach(&b);
}

/* Length of the UTF-8 sequence at s, or 0 when it is not valid. */
static size_t
spf_utf8_len(const unsigned char *s)
{
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	}
	return n;
}

/* Append a JSON string (null for NULL); bytes that are not UTF-8 become
   U+FFFD so that the output is always valid JSON. */
static void
spf_put_json(struct buf *b, const char *s)
{
	const unsigned char *p;
	size_t n;

	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p += n) {
		n = spf_utf8_len(p);
		if (n == 0) {
			buf_puts(b, "\\ufffd");
			n = 1;
		} else if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p < 0x20)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_add(b, (const char *)p, n);
	}
	buf_putc(b, '"');
}

/* Write one node of the tree as a JSON object. */
static void
spf_node_json(struct buf *b, const struct spf_node *n)
{
	int lookups = 0, voids = 0;
	size_t i;

	spf_node_totals(n, &lookups, &voids);
	buf_puts(b, "{\"domain\":");
	spf_put_json(b, n->domain);
	buf_puts(b, ",\"via\":");
	spf_put_json(b, n->via);
	buf_puts(b, ",\"record\":");
	spf_put_json(b, n->record);
	buf_puts(b, ",\"result\":");
	spf_put_json(b, n->result >= 0 ?
	    spf_result_name((enum spf_result)n->result) : NULL);
	buf_printf(b, ",\"lookups\":%d,\"lookups_total\":%d,"
	    "\"void_lookups\":%d,\"void_lookups_total\":%d,\"error\":",
	    n->lookups, lookups, n->voids, voids);
	spf_put_json(b, n->error);
	buf_puts(b, ",\"children\":[");
	for (i = 0; i < n->nchildren; i++) {
		if (i > 0)
			buf_putc(b, ',');
		spf_node_json(b, n->children[i]);
	}
	buf_puts(b, "]}");
}

/* The include/redirect tree as JSON. */
char *
spf_eval_tree_json(const struct spf_eval *ev)
{
	struct buf b;

	buf_init(&b);
	if (ev->tree != NULL)
		spf_node_json(&b, ev->tree);
	else
		buf_puts(&b, "null");
	return buf_detach(&b);
}
