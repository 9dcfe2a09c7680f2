/* export-data.c - the record set as data: csv, json, xml */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "export-int.h"

/* ------------------------------------------------------------------ */
/* csv                                                                 */
/* ------------------------------------------------------------------ */

/* Append one CSV field, quoted (RFC 4180) when it needs to be. */
static void
put_csv_field(struct buf *b, const char *s)
{
	const char *p;
	size_t len;

	if (s == NULL)
		return;
	len = strlen(s);
	if (strpbrk(s, ",\"\r\n") == NULL &&
	    (len == 0 || (s[0] != ' ' && s[len - 1] != ' '))) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

/* One row per record, CRLF line ends, values unsplit. */
int
export_csv(struct buf *b, const struct record_set *rs, char **cause)
{
	const struct record *r;
	char ttl[32];
	size_t i;

	(void)cause;
	buf_puts(b, "name,host,type,ttl,value,action,replaces,purpose\r\n");
	for (i = 0; i < rs->nrecords; i++) {
		r = &rs->records[i];
		snprintf(ttl, sizeof ttl, "%lu", r->ttl);
		put_csv_field(b, r->name);
		buf_putc(b, ',');
		put_csv_field(b, r->host);
		buf_putc(b, ',');
		put_csv_field(b, r->type);
		buf_putc(b, ',');
		buf_puts(b, ttl);
		buf_putc(b, ',');
		put_csv_field(b, r->value);
		buf_putc(b, ',');
		buf_puts(b, record_action_name(r->action));
		buf_putc(b, ',');
		if (r->action == RECORD_REPLACE)
			put_csv_field(b, r->replaces);
		buf_putc(b, ',');
		put_csv_field(b, r->purpose);
		buf_puts(b, "\r\n");
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* json (and the JavaScript strings of dnscontrol)                     */
/* ------------------------------------------------------------------ */

/*
 * Append a JSON string: '"', '\' and controls escaped, UTF-8 passed
 * through, bytes that are not UTF-8 replaced by U+FFFD. For JavaScript,
 * U+2028 and U+2029 are escaped too (they end a line there).
 */
void
export_put_json_string(struct buf *b, const char *s, int js)
{
	unsigned long cp;
	char *valid, *p;
	size_t n;

	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	valid = export_utf8_repair(s);
	buf_putc(b, '"');
	for (p = valid; *p != '\0'; p += n) {
		n = utf8_len(p);
		cp = export_utf8_decode(p, n);
		if (cp == '"' || cp == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, *p);
		} else if (cp < 0x20 || (js && (cp == 0x2028 || cp == 0x2029)))
			buf_printf(b, "\\u%04lx", cp);
		else
			buf_add(b, p, n);
	}
	buf_putc(b, '"');
	free(valid);
}

/* Append a string as a JSON string literal, for other modules. */
void
export_json_string(struct buf *b, const char *s)
{
	export_put_json_string(b, s, 0);
}

/* Append a JSON member "key": "value" at an indentation level. */
static void
put_json_member(struct buf *b, int level, const char *key, const char *value,
    int last)
{
	export_put_spaces(b, (size_t)level * 2);
	export_put_json_string(b, key, 0);
	buf_puts(b, ": ");
	export_put_json_string(b, value, 0);
	buf_puts(b, last ? "\n" : ",\n");
}

/* The record set as JSON, pretty-printed with two spaces. */
int
export_json(struct buf *b, const struct record_set *rs, char **cause)
{
	const struct record *r;
	size_t i;

	(void)cause;
	buf_puts(b, "{\n");
	put_json_member(b, 1, "domain", rs->domain, 0);
	put_json_member(b, 1, "feature", rs->feature, 0);
	put_json_member(b, 1, "server", rs->server, 0);
	if (rs->provider != NULL)
		put_json_member(b, 1, "provider", rs->provider, 0);
	if (rs->note != NULL)
		put_json_member(b, 1, "note", rs->note, 0);
	buf_puts(b, "  \"records\": [");
	for (i = 0; i < rs->nrecords; i++) {
		r = &rs->records[i];
		buf_puts(b, i == 0 ? "\n    {\n" : ",\n    {\n");
		put_json_member(b, 3, "name", r->name, 0);
		put_json_member(b, 3, "host", r->host, 0);
		put_json_member(b, 3, "type", r->type, 0);
		buf_printf(b, "      \"ttl\": %lu,\n", r->ttl);
		put_json_member(b, 3, "value", r->value, 0);
		put_json_member(b, 3, "action", record_action_name(r->action),
		    0);
		if (r->action == RECORD_REPLACE)
			put_json_member(b, 3, "replaces", r->replaces, 0);
		put_json_member(b, 3, "purpose", r->purpose, 0);
		put_json_member(b, 3, "why", r->why, 1);
		buf_puts(b, "    }");
	}
	buf_puts(b, rs->nrecords > 0 ? "\n  ],\n" : "],\n");
	buf_puts(b, "  \"warnings\": [");
	for (i = 0; i < rs->nwarnings; i++) {
		buf_puts(b, i == 0 ? "\n    {\n" : ",\n    {\n");
		put_json_member(b, 3, "code", rs->warnings[i].code, 0);
		put_json_member(b, 3, "message", rs->warnings[i].message, 1);
		buf_puts(b, "    }");
	}
	buf_puts(b, rs->nwarnings > 0 ? "\n  ]\n" : "]\n");
	buf_puts(b, "}\n");
	return 0;
}

/* ------------------------------------------------------------------ */
/* xml                                                                 */
/* ------------------------------------------------------------------ */

/*
 * Copy a string so XML 1.0 can carry it: bytes that are not UTF-8 and
 * characters XML does not allow (most controls) become U+FFFD.
 */
static xmlChar *
xml_clean(const char *s)
{
	struct buf b;
	unsigned long cp;
	char *valid, *p;
	size_t n;

	valid = export_utf8_repair(s);
	buf_init(&b);
	for (p = valid; *p != '\0'; p += n) {
		n = utf8_len(p);
		cp = export_utf8_decode(p, n);
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    cp == 0xfffe || cp == 0xffff)
			buf_puts(&b, "\xef\xbf\xbd");
		else
			buf_add(&b, p, n);
	}
	free(valid);
	return (xmlChar *)buf_detach(&b);
}

/*
 * Write a named attribute or element (whichever the writer function makes)
 * if its value is set; -1 on a writer error.
 */
static int
xml_put(xmlTextWriterPtr w, int (*write)(xmlTextWriterPtr, const xmlChar *,
    const xmlChar *), const char *name, const char *value)
{
	xmlChar *v;
	int rc;

	if (value == NULL)
		return 0;
	v = xml_clean(value);
	rc = write(w, (const xmlChar *)name, v);
	free(v);
	return rc < 0 ? -1 : 0;
}

/* Write an attribute if its value is set; -1 on a writer error. */
static int
xml_attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	return xml_put(w, xmlTextWriterWriteAttribute, name, value);
}

/* Write an element with text content if the text is set. */
static int
xml_element(xmlTextWriterPtr w, const char *name, const char *text)
{
	return xml_put(w, xmlTextWriterWriteElement, name, text);
}

/* Write the record set through libxml2's writer; -1 on a writer error. */
static int
xml_write_set(xmlTextWriterPtr w, const struct record_set *rs)
{
	const struct record *r;
	xmlChar *v;
	size_t i;
	int rc;

	if (xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterSetIndentString(w, (const xmlChar *)"  ") < 0 ||
	    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, (const xmlChar *)"records") < 0 ||
	    xml_attr(w, "domain", rs->domain) < 0 ||
	    xml_attr(w, "feature", rs->feature) < 0 ||
	    xml_attr(w, "server", rs->server) < 0 ||
	    xml_attr(w, "provider", rs->provider) < 0 ||
	    xml_element(w, "note", rs->note) < 0)
		return -1;
	for (i = 0; i < rs->nrecords; i++) {
		r = &rs->records[i];
		if (xmlTextWriterStartElement(w,
		    (const xmlChar *)"record") < 0 ||
		    xml_attr(w, "name", r->name) < 0 ||
		    xml_attr(w, "host", r->host) < 0 ||
		    xml_attr(w, "type", r->type) < 0 ||
		    xmlTextWriterWriteFormatAttribute(w,
		    (const xmlChar *)"ttl", "%lu", r->ttl) < 0 ||
		    xml_attr(w, "action", record_action_name(r->action)) < 0 ||
		    xml_attr(w, "purpose", r->purpose) < 0 ||
		    xml_element(w, "value", r->value) < 0 ||
		    xml_element(w, "replaces", r->action == RECORD_REPLACE ?
		    r->replaces : NULL) < 0 ||
		    xml_element(w, "why", r->why) < 0 ||
		    xmlTextWriterEndElement(w) < 0)
			return -1;
	}
	for (i = 0; i < rs->nwarnings; i++) {
		if (xmlTextWriterStartElement(w,
		    (const xmlChar *)"warning") < 0 ||
		    xml_attr(w, "code", rs->warnings[i].code) < 0)
			return -1;
		v = xml_clean(rs->warnings[i].message);
		rc = xmlTextWriterWriteString(w, v);
		free(v);
		if (rc < 0 || xmlTextWriterEndElement(w) < 0)
			return -1;
	}
	if (xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndDocument(w) < 0)
		return -1;
	return 0;
}

/* The record set as XML, written with libxml2's xmlTextWriter. */
int
export_xml(struct buf *b, const struct record_set *rs, char **cause)
{
	xmlBufferPtr xb;
	xmlTextWriterPtr w;
	int rc;

	xb = xmlBufferCreate();
	if (xb == NULL)
		fatalx("out of memory (xml buffer)");
	w = xmlNewTextWriterMemory(xb, 0);
	if (w == NULL) {
		xmlBufferFree(xb);
		fatalx("out of memory (xml writer)");
	}
	rc = xml_write_set(w, rs);
	xmlFreeTextWriter(w);	/* flushes into xb */
	if (rc == -1) {
		xmlBufferFree(xb);
		*cause = xasprintf(_("cannot write XML for '%s'"), rs->domain);
		return -1;
	}
	buf_add(b, (const char *)xmlBufferContent(xb),
	    (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
	return 0;
}

