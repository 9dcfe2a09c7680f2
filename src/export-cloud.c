/* export-cloud.c - files for DNS hosts' own tools: Terraform, Route 53 */
#include <stdlib.h>
#include <string.h>

#include "export-int.h"

/* Route 53 keeps at most this many bytes of a change batch comment. */
#define ROUTE53_COMMENT_MAX 256

/* ------------------------------------------------------------------ */
/* Route 53 values and RRsets (route53 and terraform)                  */
/* ------------------------------------------------------------------ */

/*
 * Append a record's value the way Route 53 reads it. A TXT value becomes
 * strings of at most 255 bytes, '"' and '\' escaped with '\', other bytes
 * outside printable ASCII as \ooo octal (Route 53's escape). With quoted,
 * each string is in double quotes and they are separated by spaces;
 * without, they are joined by "" (the inside of one quoted string, as the
 * Terraform AWS provider wants it: it adds the outer quotes itself).
 */
static void
put_route53_value(struct buf *b, const struct record *r, int quoted)
{
	struct strlist parts = { NULL, 0 };
	const unsigned char *p;
	size_t i;

	if (!export_is_txt(r)) {
		buf_puts(b, r->value);
		return;
	}
	txt_split(r->value, &parts);
	for (i = 0; i < parts.n; i++) {
		if (i > 0)
			buf_puts(b, quoted ? " " : "\"\"");
		if (quoted)
			buf_putc(b, '"');
		for (p = (const unsigned char *)parts.v[i]; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\') {
				buf_putc(b, '\\');
				buf_putc(b, (char)*p);
			} else if (*p < 0x20 || *p >= 0x7f)
				buf_printf(b, "\\%03o", (unsigned int)*p);
			else
				buf_putc(b, (char)*p);
		}
		if (quoted)
			buf_putc(b, '"');
	}
	strlist_free(&parts);
}

/* Tell whether an RRset has a record that is already in the zone. */
static int
rrset_exists(const struct record_set *rs, const struct rrset *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		if (rs->records[set->idx[i]].action != RECORD_CREATE)
			return 1;
	}
	return 0;
}

/* Tell whether an RRset has a record to create or replace. */
static int
rrset_changes(const struct record_set *rs, const struct rrset *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		if (rs->records[set->idx[i]].action != RECORD_KEEP)
			return 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* terraform                                                           */
/* ------------------------------------------------------------------ */

/* Append an HCL quoted string, escaping "${" and "%{" templates too. */
static void
put_hcl_string(struct buf *b, const char *s)
{
	unsigned long cp;
	char *valid, *p;
	size_t n;

	valid = export_utf8_repair(s);
	buf_putc(b, '"');
	for (p = valid; *p != '\0'; p += n) {
		n = utf8_len(p);
		cp = export_utf8_decode(p, n);
		if (cp == '"' || cp == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, *p);
		} else if (cp == '\n')
			buf_puts(b, "\\n");
		else if (cp == '\r')
			buf_puts(b, "\\r");
		else if (cp == '\t')
			buf_puts(b, "\\t");
		else if (cp < 0x20 || cp == 0x7f)
			buf_printf(b, "\\u%04lx", cp);
		else if ((cp == '$' || cp == '%') && p[1] == '{') {
			buf_putc(b, *p);
			buf_putc(b, *p);
		} else
			buf_add(b, p, n);
	}
	buf_putc(b, '"');
	free(valid);
}

/* Append part of a Terraform resource name: [a-z0-9_], no doubled _. */
static void
put_tf_ident_part(struct buf *b, const char *s)
{
	size_t start = b->len;

	for (; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			buf_putc(b, *s);
		else if (*s >= 'A' && *s <= 'Z')
			buf_putc(b, (char)(*s - 'A' + 'a'));
		else if (b->len > start && b->data[b->len - 1] != '_')
			buf_putc(b, '_');
	}
	while (b->len > start && b->data[b->len - 1] == '_')
		b->data[--b->len] = '\0';
}

/*
 * Make a resource name from a purpose and a host ("spf_root",
 * "dkim_abc_domainkey"), unique among those already used.
 */
static char *
tf_ident(const char *purpose, const char *host, struct strlist *used)
{
	struct buf b, h;
	char *base, *name;
	size_t i, n = 1;
	int taken;

	buf_init(&b);
	buf_init(&h);
	put_tf_ident_part(&b, purpose);
	if (strcmp(host, "@") == 0)
		buf_puts(&h, "root");
	else
		put_tf_ident_part(&h, host);
	if (h.len > 0 && strcmp(h.data, b.data) != 0) {
		if (b.len > 0)
			buf_putc(&b, '_');
		buf_puts(&b, h.data);
	}
	buf_free(&h);
	if (b.len == 0 || (b.data[0] >= '0' && b.data[0] <= '9')) {
		base = xasprintf("r_%s", b.data);
		buf_free(&b);
	} else
		base = buf_detach(&b);
	name = xstrdup(base);
	for (;;) {
		taken = 0;
		for (i = 0; i < used->n; i++) {
			if (strcmp(used->v[i], name) == 0)
				taken = 1;
		}
		if (!taken)
			break;
		free(name);
		name = xasprintf("%s_%zu", base, ++n);
	}
	free(base);
	strlist_add(used, name);
	return name;
}

/* Append an aligned HCL attribute line: two spaces, key, padding, =. */
static void
put_hcl_key(struct buf *b, const char *key, size_t width)
{
	buf_puts(b, "  ");
	buf_puts(b, key);
	export_put_spaces(b, width - strlen(key));
	buf_puts(b, " = ");
}

/* Append the aws_route53_record resource of one RRset. */
static void
put_tf_route53(struct buf *b, const struct record_set *rs,
    const struct rrset *set, struct strlist *used)
{
	const struct record *r = &rs->records[set->idx[0]], *o;
	const char *purpose = r->purpose;
	char *ident, *name, *s;
	struct buf v;
	size_t i;

	for (i = 1; i < set->n; i++) {
		o = &rs->records[set->idx[i]];
		if (strcmp(o->purpose, purpose) != 0)
			purpose = "";
	}
	if (*purpose == '\0') {
		s = str_lower(r->type);
		ident = tf_ident(s, r->host, used);
		free(s);
	} else
		ident = tf_ident(purpose, r->host, used);
	name = export_name_nodot(r->name);

	for (i = 0; i < set->n; i++) {
		o = &rs->records[set->idx[i]];
		export_put_purpose(b, "#", o);
		export_put_replaces(b, "#", o);
	}
	if (rrset_exists(rs, set)) {
		export_put_header(b, "#", _("Route 53 keeps all %s values of "
		    "a name in one record set, which exists already: list "
		    "here every other %s value of the name, or it is deleted, "
		    "and import the record set first:"), r->type, r->type);
		s = xasprintf("#   terraform import aws_route53_record.%s "
		    "ZONEID_%s_%s\n", ident, name, r->type);
		export_put_clean(b, s);
		free(s);
	}
	buf_printf(b, "resource \"aws_route53_record\" \"%s\" {\n", ident);
	put_hcl_key(b, "zone_id", 7);
	buf_puts(b, "var.route53_zone_id\n");
	put_hcl_key(b, "name", 7);
	put_hcl_string(b, name);
	buf_putc(b, '\n');
	put_hcl_key(b, "type", 7);
	put_hcl_string(b, r->type);
	buf_putc(b, '\n');
	put_hcl_key(b, "ttl", 7);
	buf_printf(b, "%lu\n", set->ttl);
	put_hcl_key(b, "records", 7);
	buf_puts(b, set->n == 1 ? "[" : "[\n");
	for (i = 0; i < set->n; i++) {
		buf_init(&v);
		put_route53_value(&v, &rs->records[set->idx[i]], 0);
		if (set->n > 1)
			buf_puts(b, "    ");
		put_hcl_string(b, v.data);
		buf_free(&v);
		if (set->n > 1)
			buf_puts(b, ",\n");
	}
	buf_puts(b, set->n == 1 ? "]\n" : "  ]\n");
	buf_puts(b, "}\n\n");
	free(name);
	free(ident);
}

/* Append the cloudflare_dns_record resource of one record. */
static int
put_tf_cloudflare(struct buf *b, const struct record *r,
    struct strlist *used, char **cause)
{
	unsigned long pref = 0;
	char *ident, *name, *host = NULL, *s;
	struct buf v;
	size_t width = 7;
	int mx = str_caseeq(r->type, "MX");

	if (mx) {
		if (export_mx_parse(r->value, &pref, &host, cause) == -1)
			return -1;
		width = 8;
	}
	ident = tf_ident(r->purpose, r->host, used);
	name = export_name_nodot(r->name);
	export_put_purpose(b, "#", r);
	export_put_replaces(b, "#", r);
	if (r->action != RECORD_CREATE) {
		export_put_comment(b, "#", r->action == RECORD_REPLACE ?
		    _("A name must not keep both: delete the old record in "
		    "Cloudflare, or import it into this resource:") :
		    _("Already published: remove this block, or import the "
		    "record:"));
		s = xasprintf("#   terraform import cloudflare_dns_record.%s "
		    "<zone_id>/<record_id>\n", ident);
		export_put_clean(b, s);
		free(s);
	}
	if (str_caseeq(r->type, "CNAME"))
		export_put_comment(b, "#", _("Proxying through Cloudflare "
		    "breaks DKIM: this CNAME must stay DNS only."));
	buf_printf(b, "resource \"cloudflare_dns_record\" \"%s\" {\n", ident);
	put_hcl_key(b, "zone_id", width);
	buf_puts(b, "var.cloudflare_zone_id\n");
	put_hcl_key(b, "name", width);
	put_hcl_string(b, name);
	buf_putc(b, '\n');
	put_hcl_key(b, "type", width);
	put_hcl_string(b, r->type);
	buf_putc(b, '\n');
	put_hcl_key(b, "ttl", width);
	buf_printf(b, "%lu\n", r->ttl);
	put_hcl_key(b, "content", width);
	buf_init(&v);
	if (export_is_txt(r))
		export_put_zone_txt(&v, r->value);
	else if (mx)
		buf_puts(&v, host);
	else
		buf_puts(&v, r->value);
	/* Cloudflare gives names back without the dot: no endless diff. */
	if ((mx || export_is_name_type(r)) && v.len > 1 &&
	    v.data[v.len - 1] == '.')
		v.data[--v.len] = '\0';
	put_hcl_string(b, v.data);
	buf_free(&v);
	buf_putc(b, '\n');
	if (mx) {
		put_hcl_key(b, "priority", width);
		buf_printf(b, "%lu\n", pref);
	}
	if (str_caseeq(r->type, "CNAME")) {
		put_hcl_key(b, "proxied", width);
		buf_puts(b, "false\n");
	}
	buf_puts(b, "}\n\n");
	free(host);
	free(name);
	free(ident);
	return 0;
}

/* Append a string variable block with its description. */
static void
put_tf_variable(struct buf *b, const char *name, const char *description)
{
	buf_printf(b, "variable \"%s\" {\n"
	    "  type        = string\n"
	    "  description = ", name);
	put_hcl_string(b, description);
	buf_puts(b, "\n}\n\n");
}

/* Terraform for Route 53 and for Cloudflare, the admin keeps one. */
int
export_terraform(struct buf *b, const struct record_set *rs, char **cause)
{
	struct strlist used = { NULL, 0 };
	struct rrset *sets;
	size_t nsets, i;
	char *s;

	export_put_title(b, "#", rs);
	export_put_comment(b, "#", _("Two alternatives follow: Amazon Route "
	    "53 (aws_route53_record) and Cloudflare (cloudflare_dns_record, "
	    "provider 5 or later). Keep the part for your DNS host and delete "
	    "the other, with its variable and its required_providers entry."));
	buf_puts(b, "\nterraform {\n"
	    "  required_providers {\n"
	    "    aws = {\n"
	    "      source = \"hashicorp/aws\"\n"
	    "    }\n"
	    "    cloudflare = {\n"
	    "      source  = \"cloudflare/cloudflare\"\n"
	    "      version = \">= 5.0\"\n"
	    "    }\n"
	    "  }\n"
	    "}\n\n");
	s = xasprintf(_("Route 53 hosted zone ID of %s"), rs->domain);
	put_tf_variable(b, "route53_zone_id", s);
	free(s);
	s = xasprintf(_("Cloudflare zone ID of %s"), rs->domain);
	put_tf_variable(b, "cloudflare_zone_id", s);
	free(s);
	if (rs->nrecords == 0) {
		export_put_comment(b, "#", _("Nothing to publish."));
		export_put_trailer(b, rs, "#");
		return 0;
	}

	buf_puts(b, "# ---- Amazon Route 53 ----\n\n");
	nsets = export_group_rrsets(rs, &sets);
	for (i = 0; i < nsets; i++)
		put_tf_route53(b, rs, &sets[i], &used);
	export_free_rrsets(sets, nsets);
	strlist_free(&used);

	buf_puts(b, "# ---- Cloudflare ----\n\n");
	for (i = 0; i < rs->nrecords; i++) {
		if (put_tf_cloudflare(b, &rs->records[i], &used, cause) ==
		    -1) {
			strlist_free(&used);
			return -1;
		}
	}
	strlist_free(&used);
	export_put_trailer(b, rs, "#");
	/* One newline at the end, as terraform fmt writes it. */
	while (b->len > 1 && b->data[b->len - 1] == '\n' &&
	    b->data[b->len - 2] == '\n')
		b->data[--b->len] = '\0';
	return 0;
}

/* ------------------------------------------------------------------ */
/* route53                                                             */
/* ------------------------------------------------------------------ */

/* Append a Route 53 change batch comment, cut to what Route 53 keeps. */
static void
put_route53_comment(struct buf *b, const char *text)
{
	char *cut;

	cut = xstrndup(text, export_utf8_cut(text, ROUTE53_COMMENT_MAX));
	export_put_json_string(b, cut, 0);
	free(cut);
}

/* A ChangeBatch for "aws route53 change-resource-record-sets". */
int
export_route53(struct buf *b, const struct record_set *rs, char **cause)
{
	const struct record *r;
	struct rrset *sets;
	struct buf comment, v;
	size_t nsets, i, j, nchanges = 0;
	char *s;
	int upsert_txt = 0;

	(void)cause;
	nsets = export_group_rrsets(rs, &sets);
	for (i = 0; i < nsets; i++) {
		r = &rs->records[sets[i].idx[0]];
		if (rrset_changes(rs, &sets[i]) &&
		    rrset_exists(rs, &sets[i]) && export_is_txt(r))
			upsert_txt = 1;
	}
	buf_init(&comment);
	s = export_set_summary(rs);
	buf_printf(&comment, _("mailwiz: DNS records for %s."), s);
	free(s);
	if (upsert_txt)
		buf_puts(&comment, _(" UPSERT replaces every value of a name "
		    "and type: add the name's other TXT values first."));
	for (i = 0; i < nsets; i++)
		nchanges += rrset_changes(rs, &sets[i]);
	if (nchanges == 0)
		buf_puts(&comment, _(" Nothing to change."));
	nchanges = 0;

	buf_puts(b, "{\n  \"Comment\": ");
	put_route53_comment(b, comment.data);
	buf_free(&comment);
	buf_puts(b, ",\n  \"Changes\": [");
	for (i = 0; i < nsets; i++) {
		if (!rrset_changes(rs, &sets[i]))
			continue;
		r = &rs->records[sets[i].idx[0]];
		buf_puts(b, nchanges++ == 0 ? "\n" : ",\n");
		buf_puts(b, "    {\n      \"Action\": ");
		/* An existing RRset is replaced whole, its kept values too. */
		buf_puts(b, rrset_exists(rs, &sets[i]) ? "\"UPSERT\"" :
		    "\"CREATE\"");
		buf_puts(b, ",\n      \"ResourceRecordSet\": {\n"
		    "        \"Name\": ");
		export_put_json_string(b, r->name, 0);
		buf_puts(b, ",\n        \"Type\": ");
		export_put_json_string(b, r->type, 0);
		buf_printf(b, ",\n        \"TTL\": %lu,\n"
		    "        \"ResourceRecords\": [\n", sets[i].ttl);
		for (j = 0; j < sets[i].n; j++) {
			buf_init(&v);
			put_route53_value(&v, &rs->records[sets[i].idx[j]], 1);
			buf_puts(b, "          {\n            \"Value\": ");
			export_put_json_string(b, v.data, 0);
			buf_free(&v);
			buf_puts(b, j + 1 < sets[i].n ? "\n          },\n" :
			    "\n          }\n");
		}
		buf_puts(b, "        ]\n      }\n    }");
	}
	export_free_rrsets(sets, nsets);
	buf_puts(b, nchanges > 0 ? "\n  ]\n}\n" : "]\n}\n");
	return 0;
}

