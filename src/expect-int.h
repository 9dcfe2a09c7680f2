/* expect-int.h - what the expect readers share; expect.h is the API */
#ifndef MAILWIZ_EXPECT_INT_H
#define MAILWIZ_EXPECT_INT_H

#include <stddef.h>

#include "expect.h"

/* The largest TTL (RFC 2181 8). */
#define EXPECT_TTL_MAX 2147483647UL

/* A record as a file gives it, before the domain is settled. */
struct expect_rr {
	char *name;		/* absolute with a trailing dot, or NULL */
	char *host;		/* relative ("@" or "": apex), or NULL */
	char *type;
	unsigned long ttl;
	char *value;		/* TXT joined and unescaped */
	char *purpose;		/* NULL: guessed from the record */
	int action;		/* enum record_action, or -1 */
	char *replaces;
	char *why;
	size_t line;
};

/* A purpose comment ("dkim (CNAME): create: ...") before its record. */
struct expect_hint {
	char *purpose;
	char *type;
};

/* One reading of one file. */
struct expect_ctx {
	const char *path;	/* for messages */
	const char *format;	/* what the file is read as, for messages */
	const char *want;	/* the domain asked for, or NULL */
	char *stated;		/* the domain the file's content names */
	size_t stated_line;
	char *titled;		/* the domain a mailwiz title names */
	struct expect_rr *rrs;
	size_t nrrs;
	struct expect_hint *hints;
	size_t nhints;
	char *feature, *server, *provider, *note;
	char *cause;		/* the first failure */
};

/* A parsed JSON value, or a node of the YAML subset octoDNS uses. */
enum expect_node_type {
	EXPECT_NULL,
	EXPECT_BOOL,
	EXPECT_NUMBER,
	EXPECT_STRING,
	EXPECT_ARRAY,
	EXPECT_OBJECT
};

struct expect_node {
	enum expect_node_type type;
	size_t line;
	char *text;		/* string, number as written, true/false */
	char **keys;		/* object keys */
	struct expect_node *kids;	/* array items or object values */
	size_t n;
	size_t mark;		/* YAML: comments read before the node */
};

/* A format expect_read knows: its name, how to read it, its extensions. */
struct expect_format {
	const char *name;	/* as export.h names it */
	const char *label;	/* for messages */
	int (*read)(struct expect_ctx *, const char *);
	const char *ext[3];
};

/* expect-detect.c: the format of a text (never NULL). */
const struct expect_format *expect_format_detect(const char *,
    const char *);

/* expect-util.c: failures, records, hints, strings. */
int expect_fail(struct expect_ctx *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));
struct expect_rr *expect_rr_add(struct expect_ctx *, size_t);
void expect_rr_free(struct expect_rr *);
void expect_state(struct expect_ctx *, const char *, size_t);
char *expect_domain_norm(const char *);
const char *expect_after_prefix(const char *, const char *);
void expect_comment(struct expect_ctx *, const char *);
void expect_hints_apply(struct expect_ctx *, size_t, size_t);
void expect_hints_clear(struct expect_ctx *);
int expect_ttl(const char *, int, unsigned long *);
int expect_escape(const char **, int, struct buf *, char **);
int expect_txt_strings(const char *, int, char **, char **);
int expect_txt_unescape(const char *, char **, char **);
void expect_put_utf8(struct buf *, unsigned long);
char *expect_absolute(const char *);

/* expect-json.c: JSON, and the tree it and the YAML reader make. */
int expect_json_parse(struct expect_ctx *, const char *,
    struct expect_node *);
void expect_node_free(struct expect_node *);
const struct expect_node *expect_node_get(const struct expect_node *,
    const char *);
int expect_node_str(struct expect_ctx *, const struct expect_node *,
    const char *, int, const char **);
int expect_node_ttl(struct expect_ctx *, const struct expect_node *,
    const char *, int, unsigned long *);
const char *expect_node_type_name(enum expect_node_type);

/* expect-json-read.c */
int expect_read_json(struct expect_ctx *, const char *);
int expect_read_route53(struct expect_ctx *, const char *);

/* expect-xml.c */
int expect_read_xml(struct expect_ctx *, const char *);

/* expect-data.c */
int expect_action_named(const char *, size_t);
int expect_read_csv(struct expect_ctx *, const char *);
int expect_read_table(struct expect_ctx *, const char *);

/* expect-zone.c */
int expect_read_zone(struct expect_ctx *, const char *);
int expect_read_nsupdate(struct expect_ctx *, const char *);

/* expect-code.c: tokens of JavaScript (dnsconfig.js) and HCL. */

/* Nesting deeper than this is refused (it would only exhaust the stack). */
#define EXPECT_CODE_DEPTH_MAX 64

/* A token of JavaScript (dnsconfig.js) or HCL (Terraform). */
enum expect_tok_type {
	EXPECT_TOK_END,
	EXPECT_TOK_IDENT,
	EXPECT_TOK_STRING,
	EXPECT_TOK_NUMBER,
	EXPECT_TOK_PUNCT,
	EXPECT_TOK_NEWLINE,	/* HCL only: it ends an attribute */
	EXPECT_TOK_COMMENT
};

struct expect_tok {
	enum expect_tok_type type;
	char *text;		/* strings with escapes undone */
	size_t line;
};

/* A tokenised file and the parser's position in it. */
struct expect_code {
	struct expect_ctx *ctx;
	struct expect_tok *toks;
	size_t n;
	size_t i;
	int hcl;
	unsigned char *aws;	/* Terraform: which records are Route 53's
				   (by index) */
};

/* A value: literal, list, call (name and arguments) or anything else. */
enum expect_val_kind {
	EXPECT_VAL_STRING,
	EXPECT_VAL_NUMBER,
	EXPECT_VAL_LIST,
	EXPECT_VAL_CALL,
	EXPECT_VAL_OTHER
};

struct expect_val {
	enum expect_val_kind kind;
	char *text;		/* the string, number or called name */
	struct expect_val *items;	/* list items or call arguments */
	size_t n;
	size_t line;
};

int expect_code_lex(struct expect_code *, const char *);
void expect_code_free(struct expect_code *);
const struct expect_tok *expect_code_cur(struct expect_code *);
int expect_code_is(struct expect_code *, char);
int expect_code_unexpected(struct expect_code *, const char *);
int expect_code_depth(struct expect_code *, int);
void expect_code_skip_newlines(struct expect_code *);
struct expect_val *expect_val_push(struct expect_val *);
void expect_val_free(struct expect_val *);

/* expect-dnscontrol.c, expect-terraform.c */
int expect_read_dnscontrol(struct expect_ctx *, const char *);
int expect_read_terraform(struct expect_ctx *, const char *);

/* expect-yaml.c */
int expect_read_octodns(struct expect_ctx *, const char *);

#endif
