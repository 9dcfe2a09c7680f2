/* export-int.h - what the export formats share; export.h is the API */
#ifndef MAILWIZ_EXPORT_INT_H
#define MAILWIZ_EXPORT_INT_H

#include <stddef.h>

#include "export.h"

/* Text for people (comments, warnings, why) is wrapped at this column. */
#define EXPORT_WRAP 78

/* Records that share a name and type: one RRset, as some providers see it. */
struct rrset {
	size_t *idx;		/* indexes into the record set */
	size_t n;
	unsigned long ttl;	/* the lowest TTL of the records */
};

/* The formats: each appends a rendering; -1 with *cause on failure. */
int export_table(struct buf *, const struct record_set *, char **);
int export_zone(struct buf *, const struct record_set *, char **);
int export_nsupdate(struct buf *, const struct record_set *, char **);
int export_csv(struct buf *, const struct record_set *, char **);
int export_json(struct buf *, const struct record_set *, char **);
int export_xml(struct buf *, const struct record_set *, char **);
int export_dnscontrol(struct buf *, const struct record_set *, char **);
int export_octodns(struct buf *, const struct record_set *, char **);
int export_terraform(struct buf *, const struct record_set *, char **);
int export_route53(struct buf *, const struct record_set *, char **);

/* UTF-8 (export.c). */
unsigned long export_utf8_decode(const char *, size_t);
char *export_utf8_repair(const char *);
size_t export_utf8_cut(const char *, size_t);

void export_wrap(struct buf *, const char *, size_t, const char *,
    const char *);
void export_put_clean(struct buf *, const char *);
void export_put_spaces(struct buf *, size_t);
void export_put_comment(struct buf *, const char *, const char *);
void export_put_header(struct buf *, const char *, const char *, ...)
    __attribute__((format(printf, 3, 4)));
void export_put_title(struct buf *, const char *,
    const struct record_set *);
void export_put_purpose(struct buf *, const char *, const struct record *);
void export_put_replaces(struct buf *, const char *, const struct record *);
void export_put_trailer(struct buf *, const struct record_set *,
    const char *);

/* Records and record sets (export.c). */
int export_is_txt(const struct record *);
int export_is_name_type(const struct record *);
int export_mx_parse(const char *, unsigned long *, char **, char **);
char *export_name_nodot(const char *);
const char *export_action_text(enum record_action);
char *export_set_summary(const struct record_set *);
size_t export_group_rrsets(const struct record_set *, struct rrset **);
void export_free_rrsets(struct rrset *, size_t);

/* Escaping that more than one format uses. */
void export_put_zone_txt(struct buf *, const char *);	/* export-zone.c */
void export_put_json_string(struct buf *, const char *, int); /* -data.c */

#endif
