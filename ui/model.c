/* model.c - the wizard's answers and what the engine makes of them: the
   record set, the export file name, the propagation dashboard */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "dashboard.h"
#include "dmarc.h"
#include "export.h"
#include "paste.h"

/* Set the answers up from the catalog. */
void
model_init(struct wizard *w)
{
	struct provider_form *f = &w->form;
	size_t i, n = 0;

	w->features.n = w->cat.nfeatures;
	w->server_cur = xcalloc(w->cat.nfeatures > 0 ? w->cat.nfeatures : 1,
	    sizeof *w->server_cur);
	ui_field_init(&w->domain);
	f->list.n = w->cat.nproviders;
	f->param_base = xcalloc(w->cat.nproviders + 1, sizeof *f->param_base);
	for (i = 0; i < w->cat.nproviders; i++) {
		f->param_base[i] = n;
		n += w->cat.providers[i].nparams;
	}
	f->param_base[w->cat.nproviders] = n;
	f->params = xcalloc(n > 0 ? n : 1, sizeof *f->params);
	for (i = 0; i < n; i++)
		ui_field_init(&f->params[i]);
	ui_field_init(&f->ips);
	ui_paste_init(&f->dkim);
	ui_field_init(&f->rua);
	for (n = 0; export_formats[n] != NULL; n++) {
		if (strcmp(export_formats[n], "zone") == 0)
			w->formats.cur = n;
	}
	w->formats.n = n;
	ui_field_init(&w->path);
	model_send_init(w);
	model_feature_changed(w);
	w->plan_stale = 1;
}

/* Release a record set made by model_plan. */
static void
model_set_free(struct record_set *rs)
{
	if (rs == NULL)
		return;
	record_set_free(rs);
	free(rs);
}

/* Release everything the answers hold. */
void
model_free(struct wizard *w)
{
	struct provider_form *f = &w->form;
	size_t i;

	model_send_free(w);
	model_dashboard_stop(w);
	model_lookup_cancel(w);
	model_existing_clear(&w->existing);
	free(w->server_cur);
	ui_field_free(&w->domain);
	free(w->alabel);
	free(w->ulabel);
	free(w->domain_error);
	for (i = 0; i < f->param_base[w->cat.nproviders]; i++)
		ui_field_free(&f->params[i]);
	free(f->params);
	free(f->param_base);
	ui_field_free(&f->ips);
	ui_paste_free(&f->dkim);
	ui_field_free(&f->rua);
	free(f->error);
	free(w->lk_domain);
	free(w->lk_error);
	model_set_free(w->plan);
	free(w->plan_error);
	ui_field_free(&w->path);
	free(w->export_note);
	strlist_free(&w->exported);
	free(w->dash_error);
}

/* The feature chosen. */
const struct catalog_feature *
model_feature(struct wizard *w)
{
	return &w->cat.features[w->features.cur];
}

/* The catalog indices of the current feature's server types. */
size_t
model_servers(struct wizard *w, size_t *idx, size_t max)
{
	const char *id = model_feature(w)->id;
	size_t i, n = 0;

	for (i = 0; i < w->cat.nservers; i++) {
		if (strcmp(w->cat.servers[i].feature, id) != 0)
			continue;
		if (n < max)
			idx[n] = i;
		n++;
	}
	return n;
}

/* The server type chosen. */
const struct catalog_server *
model_server(struct wizard *w)
{
	size_t idx[64], n;

	n = model_servers(w, idx, nitems(idx));
	if (n == 0)
		return NULL;
	if (w->servers.cur >= n || w->servers.cur >= nitems(idx))
		w->servers.cur = 0;
	return &w->cat.servers[idx[w->servers.cur]];
}

/* The feature changed: show its server types, with the one chosen before
   for it. */
void
model_feature_changed(struct wizard *w)
{
	size_t idx[64];

	w->servers.n = model_servers(w, idx, nitems(idx));
	if (w->servers.n > nitems(idx))
		w->servers.n = nitems(idx);
	w->servers.cur = w->server_cur[w->features.cur];
	if (w->servers.cur >= w->servers.n)
		w->servers.cur = 0;
	model_changed(w);
}

/* The server type changed: remember it for the feature. */
void
model_server_changed(struct wizard *w)
{
	w->server_cur[w->features.cur] = w->servers.cur;
	model_changed(w);
}

/* The provider preset chosen, when the server type needs one. */
const struct catalog_provider *
model_provider(struct wizard *w)
{
	const struct catalog_server *sv = model_server(w);

	if (sv == NULL || !sv->needs_provider || w->cat.nproviders == 0)
		return NULL;
	return &w->cat.providers[w->form.list.cur];
}

/* An answer changed: the records must be worked out again. */
void
model_changed(struct wizard *w)
{
	w->plan_stale = 1;
	w->dirty = 1;
}

/* Split the addresses typed for a custom server (spaces, commas). */
void
model_split(const char *s, struct strlist *out)
{
	const char *p = s, *start;
	char *t;

	for (;;) {
		while (*p == ' ' || *p == ',' || *p == ';' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		start = p;
		while (*p != '\0' && *p != ' ' && *p != ',' && *p != ';' &&
		    *p != '\t')
			p++;
		t = xstrndup(start, (size_t)(p - start));
		strlist_add(out, t);
		free(t);
	}
}

/* A field's text without spaces around it. */
char *
model_trimmed(const struct ui_field *f)
{
	char *copy = xstrdup(f->text.data), *t;

	t = xstrdup(str_trim(copy));
	free(copy);
	return t;
}

/* Copy the lookup's findings into the plan's input. */
static void
model_existing_copy(struct wizard *w, struct plan_existing *to)
{
	const struct plan_existing *from = &w->existing;
	size_t i;

	memset(to, 0, sizeof *to);
	if (w->lk_state != LK_DONE || w->alabel == NULL ||
	    w->lk_domain == NULL || strcmp(w->alabel, w->lk_domain) != 0)
		return;
	to->known = from->known;
	to->nxdomain = from->nxdomain;
	to->spf_rr = from->spf_rr;
	to->dmarc_known = from->dmarc_known;
	for (i = 0; i < from->txt.n; i++)
		strlist_add(&to->txt, from->txt.v[i]);
	for (i = 0; i < from->dmarc.n; i++)
		strlist_add(&to->dmarc, from->dmarc.v[i]);
}

/* Work out the records from the answers, unless nothing changed since;
   -1 with w->plan_error when an answer is wrong. */
int
model_plan(struct wizard *w)
{
	const struct catalog_server *sv = model_server(w);
	const struct catalog_provider *pv = model_provider(w);
	struct plan_input in;
	struct record_set *rs;
	char *cause = NULL, *rua = NULL, *v;
	size_t i;
	int rc;

	if (!w->plan_stale && (w->plan != NULL || w->plan_error != NULL))
		return w->plan != NULL ? 0 : -1;
	free(w->plan_error);
	w->plan_error = NULL;
	if (w->plan != w->dash_rs)
		model_set_free(w->plan);
	w->plan = NULL;
	w->plan_stale = 0;
	if (sv == NULL) {
		w->plan_error = xstrdup(_("the catalog has no server type for "
		    "this feature"));
		return -1;
	}
	plan_input_init(&in);
	in.feature = model_feature(w)->id;
	in.server = sv->id;
	in.domain = w->domain.text.data;
	if (pv != NULL) {
		in.provider = pv->id;
		for (i = 0; i < pv->nparams; i++) {
			v = model_trimmed(&w->form.params[
			    w->form.param_base[w->form.list.cur] + i]);
			strlist_addf(&in.provider_ids, "%s=%s",
			    pv->params[i].name, v);
			free(v);
		}
		if (pv->custom)
			model_split(w->form.ips.text.data, &in.ips);
	}
	if (!ui_paste_blank(&w->form.dkim)) {
		in.dkim_text = w->form.dkim.text.data;
		in.dkim_source = _("the DKIM records pasted");
	}
	rua = model_trimmed(&w->form.rua);
	if (*rua != '\0')
		in.dmarc_rua = rua;
	model_existing_copy(w, &in.existing);
	rs = xcalloc(1, sizeof *rs);
	rc = plan_build(&w->cat, &in, rs, &cause);
	if (rc == 0 && in.existing.nxdomain)
		record_set_warn(rs, "domain-nxdomain", _("the resolver says "
		    "%s does not exist in DNS; check the spelling, or publish "
		    "the records once the domain is delegated"),
		    rs->domain_display);
	plan_input_free(&in);
	free(rua);
	if (rc == -1) {
		free(rs);
		w->plan_error = cause;
		return -1;
	}
	w->plan = rs;
	return 0;
}

/* Set the provider screen's error. */
static int
model_form_error(struct wizard *w, int at, size_t param, char *msg)
{
	free(w->form.error);
	w->form.error = msg;
	w->form.error_at = at;
	w->form.error_param = param;
	w->form.dkim.errline = 0;
	return -1;
}

/* Check the provider screen's answers and work out the records; -1 with
   the error at the field it is about. */
int
model_check_form(struct wizard *w)
{
	struct provider_form *f = &w->form;
	const struct catalog_provider *pv = model_provider(w);
	struct paste_result pr;
	struct ui_field *pf;
	char *cause = NULL, *v;
	size_t i, errline = 0;
	const char *p;

	free(f->error);
	f->error = NULL;
	f->error_at = FORM_NONE;
	f->dkim.errline = 0;
	for (i = 0; pv != NULL && i < pv->nparams; i++) {
		pf = &f->params[f->param_base[f->list.cur] + i];
		v = model_trimmed(pf);
		if (*v == '\0') {
			free(v);
			return model_form_error(w, FORM_PARAM, i, xasprintf(
			    _("%s needs {%s}: %s"), pv->name,
			    pv->params[i].name, _(pv->params[i].help)));
		}
		for (p = v; *p != '\0'; p++) {
			if ((*p < 'a' || *p > 'z') && (*p < 'A' || *p > 'Z') &&
			    (*p < '0' || *p > '9') && *p != '-') {
				cause = xasprintf(_("'%s' may only hold "
				    "letters, digits and hyphens"), v);
				free(v);
				return model_form_error(w, FORM_PARAM, i,
				    cause);
			}
		}
		free(v);
	}
	if (pv != NULL && pv->custom) {
		struct strlist ips = { NULL, 0 };

		model_split(f->ips.text.data, &ips);
		i = ips.n;
		strlist_free(&ips);
		if (i == 0)
			return model_form_error(w, FORM_IPS, 0, xstrdup(
			    _("type the addresses or host names your server "
			    "sends from, such as 192.0.2.25 "
			    "mail.example.com")));
	}
	if (!ui_paste_blank(&f->dkim) && w->alabel != NULL) {
		memset(&pr, 0, sizeof pr);
		if (paste_read(f->dkim.text.data, w->alabel, &pr, &cause,
		    &errline) == -1) {
			model_form_error(w, FORM_DKIM, 0, cause);
			f->dkim.errline = errline;
			return -1;
		}
		paste_result_free(&pr);
	}
	v = model_trimmed(&f->rua);
	if (*v != '\0' && dmarc_rua_valid(v, NULL, &cause) == -1) {
		free(v);
		return model_form_error(w, FORM_RUA, 0, cause);
	}
	free(v);
	if (model_plan(w) == -1) {
		if (strncmp(w->plan_error, "--ip", 4) == 0)
			i = FORM_IPS;
		else if (strncmp(w->plan_error, "--dmarc-rua", 11) == 0)
			i = FORM_RUA;
		else
			i = FORM_NONE;
		return model_form_error(w, (int)i, 0,
		    xstrdup(w->plan_error));
	}
	return 0;
}

/* The export format chosen. */
const char *
model_format(struct wizard *w)
{
	return export_formats[w->formats.cur];
}

/* The file an export goes to unless the administrator names another. */
char *
model_default_path(struct wizard *w, const char *format)
{
	static const struct {
		const char *format;
		const char *ext;
	} exts[] = {
		{ "table", "txt" }, { "zone", "zone" },
		{ "nsupdate", "nsupdate" }, { "csv", "csv" },
		{ "json", "json" }, { "xml", "xml" },
		{ "dnscontrol", "js" }, { "octodns", "yaml" },
		{ "terraform", "tf" }, { "route53", "route53.json" },
	};
	const char *ext = format;
	size_t i;

	for (i = 0; i < nitems(exts); i++) {
		if (strcmp(exts[i].format, format) == 0)
			ext = exts[i].ext;
	}
	return xasprintf("./mailwiz-%s.%s", w->alabel != NULL ? w->alabel :
	    "records", ext);
}

/* Whether two record sets ask for the same records. */
static int
model_same(const struct record_set *a, const struct record_set *b)
{
	char *ta, *tb, *cause = NULL;
	int same;

	ta = export_render(a, "json", &cause);
	free(cause);
	cause = NULL;
	tb = export_render(b, "json", &cause);
	free(cause);
	same = ta != NULL && tb != NULL && strcmp(ta, tb) == 0;
	free(ta);
	free(tb);
	return same;
}

/* Stop the dashboard. */
void
model_dashboard_stop(struct wizard *w)
{
	if (w->dash != NULL)
		dashboard_free(w->dash);
	w->dash = NULL;
	if (w->dash_rs != NULL && w->dash_rs != w->plan)
		model_set_free(w->dash_rs);
	w->dash_rs = NULL;
}

/*
 * Make sure the dashboard checks the current records: 0 when it runs, 1
 * while the current records are still being looked up (it starts after),
 * -1 with w->dash_error when it cannot run.
 */
int
model_dashboard(struct wizard *w)
{
	char *cause = NULL;

	free(w->dash_error);
	w->dash_error = NULL;
	if (w->lk_state == LK_WAIT || w->lk_state == LK_RUNNING) {
		model_lookup_now(w);
		return 1;
	}
	if (model_plan(w) == -1) {
		w->dash_error = xstrdup(w->plan_error);
		return -1;
	}
	if (w->dash != NULL && w->dash_rs == w->plan)
		return 0;
	if (w->dash != NULL && model_same(w->dash_rs, w->plan)) {
		model_set_free(w->plan);
		w->plan = w->dash_rs;
		return 0;
	}
	model_dashboard_stop(w);
	if (w->plan->nrecords == 0) {
		w->dash_error = xstrdup(_("there are no records to check"));
		return -1;
	}
	w->dash = dashboard_new(w->loop, w->plan, w->resolvers,
	    w->nresolvers, &w->dopts, 1, &cause);
	if (w->dash == NULL) {
		w->dash_error = cause;
		return -1;
	}
	w->dash_rs = w->plan;
	w->dash_started = 1;
	w->dash_was_ok = 0;
	return 0;
}

/* Whether quitting now loses something the administrator typed or a
   check in progress. */
int
model_would_lose(struct wizard *w)
{
	return w->answers_touched || w->dash != NULL;
}
