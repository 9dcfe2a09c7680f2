/* screen-provider.c - what the path needs from the administrator: the
   provider preset and its ids, a custom server's addresses, the DKIM
   records pasted as received, an optional DMARC report address */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "paste.h"

#define FORM_LABEL_MIN 17	/* columns before a field, in English */
#define FORM_LABEL_MAX 26

static const char *const form_labels[] = {
	N_("Addresses"), N_("DMARC reports")
};
#define BOX_MIN 3		/* the paste area's height: one line */
#define BOX_GOOD 5		/* three lines */
#define BOX_MAX 9
#define HELP_MIN 2

/* One place that takes the focus. */
struct form_item {
	int kind;		/* FORM_* */
	size_t param;
};

/* The places of the form for the current path, in focus order. */
static size_t
form_items(struct wizard *w, struct form_item *out, size_t max)
{
	const struct catalog_server *sv = model_server(w);
	const struct catalog_provider *pv = model_provider(w);
	size_t n = 0, i;

#define ADD(k, p) do {							\
	if (n < max) {							\
		out[n].kind = (k);					\
		out[n].param = (p);					\
	}								\
	n++;								\
} while (0)
	if (sv != NULL && sv->needs_provider) {
		ADD(FORM_LIST, 0);
		for (i = 0; pv != NULL && i < pv->nparams; i++)
			ADD(FORM_PARAM, i);
		if (pv != NULL && pv->custom)
			ADD(FORM_IPS, 0);
		if (pv != NULL && pv->dkim_paste)
			ADD(FORM_DKIM, 0);
	} else if (sv != NULL && sv->dkim_count > 0)
		ADD(FORM_DKIM, 0);
	ADD(FORM_RUA, 0);
#undef ADD
	return n < max ? n : max;
}

/* The item that has the focus, or NULL when a button has it. */
static int
form_focused(struct wizard *w, struct form_item *it)
{
	struct form_item items[32];
	size_t n = form_items(w, items, nitems(items));

	if (w->focus < 0 || (size_t)w->focus >= n)
		return 0;
	*it = items[w->focus];
	return 1;
}

/* Focus the item of a kind (and parameter). */
static void
form_focus_on(struct wizard *w, int kind, size_t param)
{
	struct form_item items[32];
	size_t n = form_items(w, items, nitems(items)), i;

	for (i = 0; i < n; i++) {
		if (items[i].kind == kind && (kind != FORM_PARAM ||
		    items[i].param == param)) {
			w->focus = (int)i;
			return;
		}
	}
}

/* The field of a provider parameter. */
static struct ui_field *
form_param(struct wizard *w, size_t j)
{
	return &w->form.params[w->form.param_base[w->form.list.cur] + j];
}

/* The name of a provider preset, for the list. */
static const char *
form_provider_label(void *arg, size_t i)
{
	struct wizard *w = arg;

	return _(w->cat.providers[i].name);
}

/* Whether the error is about this item. */
static int
form_error_at(struct wizard *w, int kind, size_t param)
{
	return w->form.error != NULL && w->form.error_at == kind &&
	    (kind != FORM_PARAM || w->form.error_param == param);
}

/* Draw the line under a field: its error, else a hint. */
static void
form_note(struct wizard *w, int y, int x, int width, int kind,
    size_t param, const char *hint)
{
	char *s;

	if (form_error_at(w, kind, param)) {
		s = xasprintf("%s %s", ui_glyph(UI_G_ERROR), w->form.error);
		ui_put_cut(y, x, width, UI_A_ERROR, s);
		free(s);
	} else if (hint != NULL)
		ui_put_cut(y, x, width, UI_A_DIM, hint);
}

/* Draw a labelled field and the line under it; returns the rows used. */
static int
form_field(struct wizard *w, struct ui_rect r, int y, const char *label,
    struct ui_field *f, int focus, int kind, size_t param, const char *hint)
{
	int lw, fw;

	lw = (int)ui_label_column(form_labels, nitems(form_labels), 1,
	    FORM_LABEL_MIN, FORM_LABEL_MAX);
	fw = r.w - lw - 1;
	ui_put(y, r.x, lw - 1, UI_A_SELECTED, label);
	ui_field_draw(f, y, r.x + lw, fw > 60 ? 60 : fw,
	    wizard_focused(w, focus), form_error_at(w, kind, param));
	form_note(w, y + 1, r.x + lw, r.w - lw, kind, param, hint);
	return 2;
}

/* The lines of the paste area's error, wrapped (at most what leaves the
   area one line); 0 when there is no error. */
static int
form_error_lines(struct wizard *w, struct ui_rect r, int box,
    struct strlist *out)
{
	struct strlist l = { NULL, 0 };
	size_t i;
	int max = box - BOX_MIN + 1;

	if (!form_error_at(w, FORM_DKIM, 0))
		return 0;
	ui_wrap(w->form.error, (size_t)r.w - 3, &l);
	for (i = 0; i < l.n; i++)
		strlist_addf(out, "%s %s", i == 0 ? ui_glyph(UI_G_ERROR) :
		    " ", l.v[i]);
	strlist_free(&l);
	if (max > 3)
		max = 3;
	if (max < 1)
		max = 1;
	return (int)out->n < max ? (int)out->n : max;
}

/* Check the pasted records as they are typed: mark the line in error. */
static void
form_check_paste(struct wizard *w)
{
	struct provider_form *f = &w->form;
	struct paste_result pr;
	char *cause = NULL;
	size_t errline = 0;

	if (f->error_at == FORM_DKIM) {
		free(f->error);
		f->error = NULL;
		f->error_at = FORM_NONE;
	}
	f->dkim.errline = 0;
	if (ui_paste_blank(&f->dkim) || w->alabel == NULL)
		return;
	memset(&pr, 0, sizeof pr);
	if (paste_read(f->dkim.text.data, w->alabel, &pr, &cause, &errline)
	    == -1) {
		free(f->error);
		f->error = cause;
		f->error_at = FORM_DKIM;
		f->dkim.errline = errline;
		return;
	}
	paste_result_free(&pr);
}

/* How many records the paste holds, for the line under it; -1 when it
   cannot be read. */
static long
form_paste_count(struct wizard *w)
{
	struct paste_result pr;
	char *cause = NULL;
	size_t errline = 0;
	long n;

	if (ui_paste_blank(&w->form.dkim) || w->alabel == NULL)
		return 0;
	memset(&pr, 0, sizeof pr);
	if (paste_read(w->form.dkim.text.data, w->alabel, &pr, &cause,
	    &errline) == -1) {
		free(cause);
		return -1;
	}
	n = (long)pr.nrecords;
	paste_result_free(&pr);
	return n;
}

/* The text above the fields when there is no provider to choose. */
static const char *
form_intro(struct wizard *w)
{
	const struct catalog_server *sv = model_server(w);

	if (sv != NULL && sv->dkim_count > 0)
		return _("Zuora Global Support (or the DKIM settings of your "
		    "domain identity in Zuora) gives you the DKIM records as "
		    "CNAME records. Paste them below as you got them: zone "
		    "file lines, CSV, or a name, type and value table, with "
		    "or without your domain. No records yet? Leave it empty "
		    "and go on; come back (Esc) when you have them.");
	return _("This mail server does not sign with your domain, so there "
	    "are no DKIM records to publish. You may give an address for "
	    "DMARC reports, or go on.");
}

/* Draw as much of the help text as fits in `lines` lines; when it is cut,
   the last line says where the rest is. */
static int
form_help(struct ui_rect r, int y, int lines, const char *text)
{
	struct strlist l = { NULL, 0 };
	const char *more = _(" (F1: all of it)");
	char *last;
	size_t n, i;

	if (lines <= 0)
		return 0;
	ui_wrap(text, (size_t)r.w - 1, &l);
	for (i = 0; i < l.n && i < (size_t)lines; i++) {
		if (i + 1 == (size_t)lines && l.n > (size_t)lines) {
			n = ui_fit(l.v[i], (size_t)r.w - 1 - ui_width(more) -
			    ui_width(ui_glyph(UI_G_ELLIPSIS)), NULL);
			last = xasprintf("%.*s%s%s", (int)n, l.v[i],
			    ui_glyph(UI_G_ELLIPSIS), more);
			ui_put(y + (int)i, r.x, r.w - 1, UI_A_NORMAL, last);
			free(last);
		} else
			ui_put(y + (int)i, r.x, r.w - 1, UI_A_NORMAL,
			    l.v[i]);
	}
	strlist_free(&l);
	return (int)i;
}

/* Lines a text takes wrapped to the screen. */
static int
form_help_lines(struct ui_rect r, const char *text)
{
	struct strlist l = { NULL, 0 };
	int n;

	ui_wrap(text, (size_t)r.w - 1, &l);
	n = (int)l.n;
	strlist_free(&l);
	return n;
}

/* Draw the form. */
static void
provider_draw(struct wizard *w, struct ui_rect r)
{
	const struct catalog_server *sv = model_server(w);
	const struct catalog_provider *pv = model_provider(w);
	struct form_item items[32];
	struct strlist err = { NULL, 0 };
	struct ui_rect lr, br;
	size_t n = form_items(w, items, nitems(items)), i, j;
	int y = r.y, fixed = 0, flex, hl, box = 0, dkim = 0, rows, errl;
	const char *help;
	char *s, *label;
	long count;

	if (sv == NULL)
		return;
	if (sv->needs_provider) {
		ui_put(y, r.x, r.w, UI_A_HEADING, _("Which provider runs the "
		    "SMTP server?"));
		w->form.list.cols = 2;
		rows = (int)(w->form.list.n + 1) / 2;
		lr.y = y + 1;
		lr.x = r.x;
		lr.h = rows;
		lr.w = r.w;
		ui_list_draw(&w->form.list, lr, wizard_focused(w, 0),
		    form_provider_label, w);
		y += rows + 2;
		help = pv != NULL ? _(pv->help) : "";
	} else {
		ui_put(y, r.x, r.w, UI_A_HEADING, sv->dkim_count > 0 ?
		    _("DKIM records from Zuora") : _("DMARC reports"));
		y += 2;
		help = form_intro(w);
	}
	for (i = 0; i < n; i++) {
		switch (items[i].kind) {
		case FORM_PARAM:
		case FORM_IPS:
		case FORM_RUA:
			fixed += 2;
			break;
		case FORM_DKIM:
			fixed += 2;
			dkim = 1;
			break;
		}
	}
	flex = r.y + r.h - y - fixed;
	if (dkim) {
		/* The paste area first gets three lines, the help two. */
		hl = flex - 1 - BOX_GOOD;
		if (hl < HELP_MIN)
			hl = HELP_MIN;
		if (hl > form_help_lines(r, help))
			hl = form_help_lines(r, help);
		box = flex - hl - 1;
		if (box > BOX_MAX)
			box = BOX_MAX;
		if (box < BOX_MIN) {
			box = BOX_MIN;
			hl = flex - 1 - box;
		}
	} else {
		hl = flex - 1;
		if (hl > form_help_lines(r, help))
			hl = form_help_lines(r, help);
	}
	y += form_help(r, y, hl, help) + 1;
	for (i = 0; i < n; i++) {
		switch (items[i].kind) {
		case FORM_PARAM:
			label = xasprintf("{%s}", pv->params[items[i].param]
			    .name);
			s = xasprintf(_("%s (for example %s)"),
			    _(pv->params[items[i].param].help),
			    pv->params[items[i].param].example != NULL ?
			    pv->params[items[i].param].example : "");
			y += form_field(w, r, y, label,
			    form_param(w, items[i].param), (int)i, FORM_PARAM,
			    items[i].param, s);
			free(s);
			free(label);
			break;
		case FORM_IPS:
			y += form_field(w, r, y, _("Addresses"), &w->form.ips,
			    (int)i, FORM_IPS, 0, _("addresses, networks or "
			    "host names, separated by spaces"));
			break;
		case FORM_RUA:
			y += form_field(w, r, y, _("DMARC reports"),
			    &w->form.rua, (int)i, FORM_RUA, 0, _("optional: "
			    "where DMARC reports go, such as "
			    "dmarc@example.com"));
			break;
		case FORM_DKIM:
			ui_put(y, r.x, r.w, UI_A_SELECTED, pv != NULL ?
			    _("DKIM record from the provider's panel") :
			    _("DKIM records"));
			/* The whole error, on lines taken from the area. */
			errl = form_error_lines(w, r, box, &err);
			br.y = y + 1;
			br.x = r.x;
			br.h = box - (errl - 1);
			br.w = r.w - 1;
			ui_paste_draw(&w->form.dkim, br, wizard_focused(w,
			    (int)i));
			y += 1 + br.h;
			if (errl > 0) {
				for (j = 0; j < (size_t)errl; j++)
					ui_put(y + (int)j, r.x, r.w,
					    UI_A_ERROR, err.v[j]);
				y += errl - 1;
				strlist_free(&err);
			} else {
				count = form_paste_count(w);
				if (count > 0) {
					s = xasprintf(P_("%s %ld record read",
					    "%s %ld records read", count),
					    ui_glyph(UI_G_OK), count);
					ui_put(y, r.x, r.w, UI_A_OK, s);
					free(s);
				}
			}
			y++;
			break;
		}
	}
}

/* Edit the item that has the focus. */
static int
provider_key(struct wizard *w, int key)
{
	struct form_item it;
	struct provider_form *f = &w->form;
	int rc = UI_IGNORED;

	if (!form_focused(w, &it))
		return UI_IGNORED;
	switch (it.kind) {
	case FORM_LIST:
		rc = ui_list_key(&f->list, key);
		if (rc != UI_IGNORED) {
			free(f->error);
			f->error = NULL;
			f->error_at = FORM_NONE;
			form_check_paste(w);
			model_changed(w);
		}
		return rc;
	case FORM_PARAM:
		rc = ui_field_key(form_param(w, it.param), key, w->pasting);
		break;
	case FORM_IPS:
		rc = ui_field_key(&f->ips, key, w->pasting);
		break;
	case FORM_RUA:
		rc = ui_field_key(&f->rua, key, w->pasting);
		break;
	case FORM_DKIM:
		rc = ui_paste_key(&f->dkim, key, w->pasting);
		if (rc == UI_CHANGED)
			form_check_paste(w);
		break;
	}
	if (rc == UI_CHANGED) {
		w->answers_touched = 1;
		if (it.kind != FORM_DKIM && form_error_at(w, it.kind,
		    it.param)) {
			free(f->error);
			f->error = NULL;
			f->error_at = FORM_NONE;
		}
		model_changed(w);
	}
	return rc;
}

/* The items take the focus. */
static int
provider_nfocus(struct wizard *w)
{
	struct form_item items[32];

	return (int)form_items(w, items, nitems(items));
}

/* The focus starts on the provider list, or on Next when there is nothing
   that must be typed. */
static int
provider_focus(struct wizard *w)
{
	const struct catalog_server *sv = model_server(w);

	if (sv != NULL && sv->needs_provider)
		return 0;
	return provider_nfocus(w) + 1;
}

/* Go on when the answers make records; else show what is wrong where it
   is. */
static int
provider_next(struct wizard *w)
{
	if (model_check_form(w) == 0)
		return SCR_RECORDS;
	if (w->form.error_at == FORM_NONE)
		wizard_message(w, UI_A_ERROR, "%s %s", ui_glyph(UI_G_ERROR),
		    w->form.error);
	else
		form_focus_on(w, w->form.error_at, w->form.error_param);
	return -1;
}

/* A click on a preset, a field or the paste area. */
static int
provider_click(struct wizard *w, int y, int x)
{
	struct form_item items[32];
	size_t n = form_items(w, items, nitems(items)), i;
	struct ui_field *f;
	int rc;

	for (i = 0; i < n; i++) {
		switch (items[i].kind) {
		case FORM_LIST:
			rc = ui_list_click(&w->form.list, y, x);
			if (rc == 0)
				continue;
			w->focus = (int)i;
			model_changed(w);
			return UI_USED;
		case FORM_DKIM:
			if (!ui_paste_click(&w->form.dkim, y, x))
				continue;
			w->focus = (int)i;
			return UI_USED;
		default:
			f = items[i].kind == FORM_PARAM ?
			    form_param(w, items[i].param) :
			    items[i].kind == FORM_IPS ? &w->form.ips :
			    &w->form.rua;
			if (!ui_field_click(f, y, x))
				continue;
			w->focus = (int)i;
			return UI_USED;
		}
	}
	return UI_IGNORED;
}

/* Keys while typing. */
static const char *
provider_hints(struct wizard *w)
{
	struct form_item it;

	if (!form_focused(w, &it))
		return NULL;
	if (it.kind == FORM_DKIM)
		return _("Enter new line  Tab leave the area  Esc back  F1 "
		    "help  Ctrl-Q quit");
	if (it.kind == FORM_LIST)
		return _("arrows choose  Enter next  Tab fields  Esc back  ? "
		    "help  q quit");
	return _("Enter next  Esc back  Tab move  F1 help  Ctrl-Q quit");
}

/* The whole help of the provider preset chosen. */
static char *
provider_help_more(struct wizard *w)
{
	const struct catalog_provider *pv = model_provider(w);
	struct buf b;
	size_t i;

	if (pv == NULL)
		return NULL;
	buf_init(&b);
	buf_printf(&b, "%s: %s", _(pv->name), _(pv->help));
	for (i = 0; i < pv->nparams; i++)
		buf_printf(&b, "\n  {%s} %s", pv->params[i].name,
		    _(pv->params[i].help));
	if (!pv->verified)
		buf_printf(&b, "\n%s", _("These values come from public pages "
		    "mailwiz could not confirm: check them with your "
		    "provider."));
	return buf_detach(&b);
}

const struct screen screen_provider = {
	.title = N_("Provider and DKIM"),
	.help = N_("Give what the records depend on. For an external SMTP "
	    "server, choose the provider's preset (arrows) and type the "
	    "values it needs; for your own server, the addresses or host "
	    "names it sends from. Paste DKIM records exactly as you received "
	    "them: a line that cannot be read is marked and its problem is "
	    "shown under the area; your text stays as it is. In the paste "
	    "area Enter starts a new line and Tab leaves it. A DMARC report "
	    "address is optional."),
	.draw = provider_draw,
	.key = provider_key,
	.nfocus = provider_nfocus,
	.focus = provider_focus,
	.next = provider_next,
	.click = provider_click,
	.hints = provider_hints,
	.help_more = provider_help_more,
};
