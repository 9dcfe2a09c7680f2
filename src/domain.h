/* domain.h - domain names as the administrator types them */
#ifndef MAILWIZ_DOMAIN_H
#define MAILWIZ_DOMAIN_H

/*
 * Check a domain the administrator typed and convert it: *alabel gets the
 * ASCII form used in DNS (xn-- labels for internationalised names), *ulabel
 * the form to show. Lower case, no trailing dot. -1 with *cause saying what
 * is wrong and what to type instead.
 */
int domain_parse(const char *, char **, char **, char **);
/* Check a host name (letters, digits, hyphens, underscores, dots) the way
   DNS allows it in a record name or target; -1 with *cause. */
int domain_name_valid(const char *, char **);

/* Whether two DNS names are the same, ASCII case and a final dot aside. */
int domain_name_eq(const char *, const char *);
/* The name to show for a DNS name: its xn-- labels as Unicode (U-labels)
   when they decode and the locale can show them, else the name as it is.
   Always a new string. */
char *domain_show(const char *);

#endif
