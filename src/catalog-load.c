/* catalog-load.c - load data/catalog.xml: parse it, validate it against
   catalog.rng, and report libxml2's errors with a line */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "catalog-int.h"

#define CATALOG_RNG "catalog.rng"

/* Remember a libxml2 error; the first one that has a line wins. */
static void
load_xml_error(void *arg, xmlErrorPtr e)
{
	struct load *ld = arg;
	struct buf b;
	xmlNode *node;
	const char *file, *msg;
	long line = 0;
	size_t len;

	if (e == NULL || e->level < XML_ERR_ERROR || ld->error_line)
		return;
	node = e->node;
	file = e->file;
	if (node != NULL) {
		line = xmlGetLineNo(node);
		if (file == NULL && node->doc != NULL)
			file = (const char *)node->doc->URL;
	}
	if (line <= 0)
		line = e->line;
	if (ld->error != NULL && line <= 0)
		return;

	buf_init(&b);
	buf_puts(&b, file != NULL ? file : ld->path);
	if (line > 0)
		buf_printf(&b, ":%ld", line);
	buf_puts(&b, ": ");
	if (e->domain == XML_FROM_RELAXNGV && node != NULL &&
	    node->type == XML_ELEMENT_NODE)
		buf_printf(&b, "<%s>: ", (const char *)node->name);
	msg = e->message != NULL ? e->message : _("unknown error");
	len = strlen(msg);
	while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	buf_add(&b, msg, len);
	/* libxml2 does not say which attribute; say where to look. */
	if (e->domain == XML_FROM_RELAXNGV &&
	    e->code == XML_RELAXNG_ERR_ATTRVALID)
		buf_puts(&b, _(": an attribute is missing, or has a value "
		    "that the schema does not allow"));
	free(ld->error);
	ld->error = buf_detach(&b);
	ld->error_line = line > 0;
}

/* Swallow libxml2's unstructured messages: nothing goes to stderr. */
static void
load_xml_silent(void *arg, const char *fmt, ...)
{
	(void)arg;
	(void)fmt;
}

/* Fail the load at a line of the file (0: none); returns -1. */
static int
load_vfail(struct load *ld, long line, const char *fmt, va_list ap)
{
	char *msg;

	if (ld->error != NULL)
		return -1;
	msg = xvasprintf(fmt, ap);
	if (line > 0)
		ld->error = xasprintf("%s:%ld: %s", ld->path, line, msg);
	else
		ld->error = xasprintf("%s: %s", ld->path, msg);
	free(msg);
	return -1;
}

/* Fail the load at a line of the file; returns -1. */
static int __attribute__((format(printf, 3, 4)))
load_fail_line(struct load *ld, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	load_vfail(ld, line, fmt, ap);
	va_end(ap);
	return -1;
}

/* Fail the load at the line of a node (NULL: none); returns -1. */
int __attribute__((format(printf, 3, 4)))
catalog_fail(struct load *ld, xmlNode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	load_vfail(ld, n != NULL ? xmlGetLineNo(n) : 0, fmt, ap);
	va_end(ap);
	return -1;
}

/* The schema: catalog.rng beside the catalog, else the installed one. */
static char *
load_schema_path(const char *path)
{
	const char *slash;
	char *p;

	slash = strrchr(path, '/');
	if (slash == NULL)
		p = xstrdup(CATALOG_RNG);
	else
		p = xasprintf("%.*s/%s", (int)(slash - path), path,
		    CATALOG_RNG);
	if (access(p, R_OK) == 0)
		return p;
	free(p);
	if (access(PKGDATADIR "/" CATALOG_RNG, R_OK) == 0)
		return xstrdup(PKGDATADIR "/" CATALOG_RNG);
	return NULL;
}

/* Validate the document against the RELAX NG schema. */
static int
load_validate(struct load *ld, xmlDoc *doc)
{
	xmlRelaxNGParserCtxt *pc;
	xmlRelaxNGValidCtxt *vc;
	xmlRelaxNG *schema;
	char *rng;
	int rc;

	rng = load_schema_path(ld->path);
	if (rng == NULL)
		return catalog_fail(ld, NULL, _("cannot find %s beside the "
		    "catalog or in %s"), CATALOG_RNG, PKGDATADIR);
	pc = xmlRelaxNGNewParserCtxt(rng);
	xmlRelaxNGSetParserStructuredErrors(pc, load_xml_error, ld);
	schema = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (schema == NULL) {
		if (ld->error == NULL)
			ld->error = xasprintf(_("%s: cannot use the schema"),
			    rng);
		free(rng);
		return -1;
	}
	vc = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(vc, load_xml_error, ld);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	xmlRelaxNGFree(schema);
	if (rc != 0 && ld->error == NULL)
		catalog_fail(ld, NULL, _("does not match the schema %s"), rng);
	free(rng);
	return rc == 0 ? 0 : -1;
}

/* The line of the first document type declaration in a buffer. */
static long
doctype_line(const char *data, size_t len)
{
	const char *p;
	long line = 1;

	for (p = data; p < data + len; p++) {
		if (*p == '\n')
			line++;
		else if ((size_t)(data + len - p) >= 9 &&
		    memcmp(p, "<!DOCTYPE", 9) == 0)
			return line;
	}
	return 0;
}

/* Parse, validate and read the catalog file. */
static int
load_file(struct load *ld, struct catalog *cat)
{
	xmlDoc *doc;
	char *data, *cause;
	size_t len;
	int rc = -1;

	if (file_read(ld->path, &data, &len, &cause) == -1) {
		ld->error = cause;
		return -1;
	}
	if (len == 0 || len > INT_MAX) {
		free(data);
		return load_fail_line(ld, len == 0 ? 1 : 0, "%s", len == 0 ?
		    _("the file is empty") : _("the file is too large"));
	}
	doc = xmlReadMemory(data, (int)len, ld->path, NULL,
	    XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	if (doc == NULL || ld->error != NULL) {
		if (ld->error == NULL)
			catalog_fail(ld, NULL, _("not an XML document"));
	} else if (doc->intSubset != NULL || doc->extSubset != NULL) {
		/* Entities could make the file say what it does not show. */
		load_fail_line(ld, doctype_line(data, len), _("a document "
		    "type declaration (<!DOCTYPE>) is not allowed"));
	} else if (load_validate(ld, doc) == 0)
		rc = catalog_read(ld, doc, cat);
	xmlFreeDoc(doc);
	free(data);
	return rc;
}

/* Load and validate a catalog; -1 with *cause "file:line: what". */
int
catalog_load(const char *path, struct catalog *cat, char **cause)
{
	xmlStructuredErrorFunc old_serror;
	xmlGenericErrorFunc old_gerror;
	void *old_sctx, *old_gctx;
	struct load ld;
	int rc;

	memset(cat, 0, sizeof *cat);
	memset(&ld, 0, sizeof ld);
	ld.path = path;

	xmlInitParser();
	old_serror = xmlStructuredError;
	old_sctx = xmlStructuredErrorContext;
	old_gerror = xmlGenericError;
	old_gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(&ld, load_xml_error);
	xmlSetGenericErrorFunc(&ld, load_xml_silent);
	rc = load_file(&ld, cat);
	xmlSetStructuredErrorFunc(old_sctx, old_serror);
	xmlSetGenericErrorFunc(old_gctx, old_gerror);

	if (rc == -1 || ld.error != NULL) {
		catalog_free(cat);
		*cause = ld.error != NULL ? ld.error :
		    xasprintf(_("%s: cannot load the catalog"), path);
		return -1;
	}
	cat->path = xstrdup(path);
	return 0;
}
