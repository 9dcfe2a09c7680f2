/* i18n.h - gettext glue: _() for messages, N_() for static tables */
#ifndef MAILWIZ_I18N_H
#define MAILWIZ_I18N_H

#include "config.h"

#if ENABLE_NLS
#include <libintl.h>
#define _(s) dgettext(PACKAGE, s)
#define P_(s, p, n) dngettext(PACKAGE, s, p, n)
#else
#define _(s) ((char *)(s))
#define P_(s, p, n) ((n) == 1 ? (char *)(s) : (char *)(p))
#endif
#define N_(s) (s)

#endif
