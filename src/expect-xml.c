/* expect-xml.c - reading back the xml format */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "expect-int.h"

/* An attribute's value as an owned C string, or NULL. */
static char *
xml_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v;
	char *s;

	v = xmlGetProp(n, (const xmlChar *)name);
	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* The text of an element as an owned C string. */
static char *
xml_text(xmlNodePtr n)
{
	xmlChar *v;
	char *s;

	v = xmlNodeGetContent(n);
	s = xstrdup(v != NULL ? (const char *)v : "");
	xmlFree(v);
	return s;
}

/* A line for a message about a node. */
static size_t
xml_line(xmlNodePtr n)
{
	long line = xmlGetLineNo(n);

	return line > 0 ? (size_t)line : 0;
}

/* Refuse text that is not white space between elements. */
static int
xml_stray_text(struct expect_ctx *ctx, xmlNodePtr c, const char *parent)
{
	const xmlChar *p;

	if (c->type != XML_TEXT_NODE || c->content == NULL)
		return 0;
	for (p = c->content; *p != '\0'; p++) {
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return expect_fail(ctx, xml_line(c), _("text in "
			    "<%s> outside its elements"), parent);
	}
	return 0;
}

/* Read one <record> element. */
static int
xml_record(struct expect_ctx *ctx, xmlNodePtr n)
{
	struct expect_rr *rr;
	xmlNodePtr c;
	char *ttl, *action, **into;
	size_t line = xml_line(n);
	int rc = -1;

	rr = expect_rr_add(ctx, line);
	rr->name = xml_attr(n, "name");
	rr->host = xml_attr(n, "host");
	rr->type = xml_attr(n, "type");
	rr->purpose = xml_attr(n, "purpose");
	ttl = xml_attr(n, "ttl");
	action = xml_attr(n, "action");
	for (c = n->children; c != NULL; c = c->next) {
		if (xml_stray_text(ctx, c, "record") == -1)
			goto out;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "value") == 0)
			into = &rr->value;
		else if (strcmp((const char *)c->name, "replaces") == 0)
			into = &rr->replaces;
		else if (strcmp((const char *)c->name, "why") == 0)
			into = &rr->why;
		else {
			expect_fail(ctx, xml_line(c), _("unexpected element "
			    "<%s> in <record>"), (const char *)c->name);
			goto out;
		}
		if (*into != NULL) {
			expect_fail(ctx, xml_line(c), _("<%s> is given "
			    "twice"), (const char *)c->name);
			goto out;
		}
		*into = xml_text(c);
	}
	if (rr->name == NULL && rr->host == NULL) {
		expect_fail(ctx, line, _("the record has neither a 'name' nor "
		    "a 'host' attribute"));
		goto out;
	}
	if (rr->type == NULL || ttl == NULL) {
		expect_fail(ctx, line, _("the record has no '%s' attribute"),
		    rr->type == NULL ? "type" : "ttl");
		goto out;
	}
	if (expect_ttl(ttl, 0, &rr->ttl) == -1) {
		expect_fail(ctx, line, _("TTL '%s' is not a whole number of "
		    "seconds from 0 to %lu"), ttl, EXPECT_TTL_MAX);
		goto out;
	}
	if (rr->value == NULL) {
		expect_fail(ctx, line, _("the record has no <value>"));
		goto out;
	}
	if (action != NULL) {
		rr->action = expect_action_named(action, strlen(action));
		if (rr->action == -1) {
			expect_fail(ctx, line, _("action '%s' is not create, "
			    "replace or keep"), action);
			goto out;
		}
	}
	if (rr->purpose != NULL && *rr->purpose == '\0') {
		free(rr->purpose);
		rr->purpose = NULL;
	}
	rc = 0;
out:
	free(ttl);
	free(action);
	return rc;
}

/* Read the <records> element: set attributes, note, records. */
static int
xml_records(struct expect_ctx *ctx, xmlNodePtr root)
{
	xmlNodePtr c;
	char *domain;

	domain = xml_attr(root, "domain");
	if (domain != NULL)
		expect_state(ctx, domain, xml_line(root));
	free(domain);
	ctx->feature = xml_attr(root, "feature");
	ctx->server = xml_attr(root, "server");
	ctx->provider = xml_attr(root, "provider");
	for (c = root->children; c != NULL; c = c->next) {
		if (xml_stray_text(ctx, c, "records") == -1)
			return -1;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "record") == 0) {
			if (xml_record(ctx, c) == -1)
				return -1;
		} else if (strcmp((const char *)c->name, "note") == 0) {
			free(ctx->note);
			ctx->note = xml_text(c);
		} else if (strcmp((const char *)c->name, "warning") != 0)
			return expect_fail(ctx, xml_line(c), _("unexpected "
			    "element <%s> in <records>"),
			    (const char *)c->name);
	}
	return 0;
}

/* The xml format, parsed by libxml2 without the network or a DTD. */
int
expect_read_xml(struct expect_ctx *ctx, const char *text)
{
	xmlParserCtxtPtr pc;
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlErrorPtr err;
	char *msg;
	size_t len;
	int rc = -1;

	pc = xmlNewParserCtxt();
	if (pc == NULL)
		fatalx("out of memory (xml parser)");
	doc = xmlCtxtReadMemory(pc, text, (int)strlen(text), ctx->path, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_BIG_LINES);
	if (doc == NULL) {
		err = xmlCtxtGetLastError(pc);
		msg = xstrdup(err != NULL && err->message != NULL ?
		    err->message : _("not well-formed"));
		len = strlen(msg);
		while (len > 0 && (msg[len - 1] == '\n' ||
		    msg[len - 1] == ' '))
			msg[--len] = '\0';
		expect_fail(ctx, err != NULL && err->line > 0 ?
		    (size_t)err->line : 0, _("not well-formed XML: %s"), msg);
		free(msg);
		xmlFreeParserCtxt(pc);
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (doc->intSubset != NULL)
		expect_fail(ctx, xml_line((xmlNodePtr)doc->intSubset),
		    _("a DOCTYPE is not allowed"));
	else if (root == NULL || strcmp((const char *)root->name,
	    "records") != 0)
		expect_fail(ctx, root != NULL ? xml_line(root) : 0,
		    _("the root element is <%s>, not <records>"),
		    root != NULL ? (const char *)root->name : "");
	else
		rc = xml_records(ctx, root);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(pc);
	return rc;
}
