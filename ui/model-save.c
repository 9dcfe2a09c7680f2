/* model-save.c - the answers saved when the wizard is left, so that
   `mailwiz --resume` reopens it where it was */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui.h"
#include "export.h"
#include "wizstate.h"

/* Fill a saved state from the answers. */
static void
model_to_state(struct wizard *w, struct wizstate *st)
{
	const struct catalog_server *sv = model_server(w);
	const struct catalog_provider *pv = model_provider(w);
	size_t i;
	char *v;

	memset(st, 0, sizeof *st);
	st->feature = xstrdup(model_feature(w)->id);
	if (sv != NULL)
		st->server = xstrdup(sv->id);
	if (pv != NULL) {
		st->provider = xstrdup(pv->id);
		for (i = 0; i < pv->nparams; i++) {
			v = model_trimmed(&w->form.params[
			    w->form.param_base[w->form.list.cur] + i]);
			if (*v != '\0')
				strlist_addf(&st->provider_ids, "%s=%s",
				    pv->params[i].name, v);
			free(v);
		}
		if (pv->custom)
			model_split(w->form.ips.text.data, &st->ips);
	}
	st->domain = xstrdup(w->domain.text.data);
	if (!ui_paste_blank(&w->form.dkim))
		st->dkim_text = xstrdup(w->form.dkim.text.data);
	v = model_trimmed(&w->form.rua);
	if (*v != '\0')
		st->dmarc_rua = v;
	else
		free(v);
	st->export_format = xstrdup(model_format(w));
	if (w->path_custom)
		st->export_path = xstrdup(w->path.text.data);
	for (i = 0; i < w->exported.n; i++)
		strlist_add(&st->exported, w->exported.v[i]);
	for (i = 0; i < w->resolver_args.n; i++)
		strlist_add(&st->resolvers, w->resolver_args.v[i]);
	st->screen = wizard_current(w);
	st->dashboard_started = w->dash != NULL;
	st->saved_at = time(NULL);
}

/* Save the answers so that `mailwiz --resume` reopens the wizard. */
int
model_save(struct wizard *w, char **cause)
{
	struct wizstate st;
	char *path;
	int rc;

	path = w->state_path != NULL ? xstrdup(w->state_path) :
	    wizstate_default_path();
	if (path == NULL) {
		*cause = xstrdup(_("there is no place to save the wizard: set "
		    "HOME or XDG_STATE_HOME"));
		return -1;
	}
	model_to_state(w, &st);
	rc = wizstate_save(path, &st, cause);
	wizstate_free(&st);
	if (rc == 0) {
		free(w->state_path);
		w->state_path = path;
	} else
		free(path);
	return rc;
}

/* Find a catalog id in a list of ids; -1 when it is not there. */
static long
model_find(const char *id, size_t n, const char *(*get)(struct wizard *,
    size_t), struct wizard *w)
{
	size_t i;

	for (i = 0; id != NULL && i < n; i++) {
		if (strcmp(get(w, i), id) == 0)
			return (long)i;
	}
	return -1;
}

/* The id of a feature. */
static const char *
model_feature_id(struct wizard *w, size_t i)
{
	return w->cat.features[i].id;
}

/* The id of a server type of the current feature. */
static const char *
model_server_id(struct wizard *w, size_t i)
{
	size_t idx[64];

	model_servers(w, idx, nitems(idx));
	return w->cat.servers[idx[i]].id;
}

/* The id of a provider preset. */
static const char *
model_provider_id(struct wizard *w, size_t i)
{
	return w->cat.providers[i].id;
}

/* The id of an export format. */
static const char *
model_format_id(struct wizard *w, size_t i)
{
	(void)w;
	return export_formats[i];
}

/* Take the answers of a saved wizard; the screen to reopen goes in
   *screen. -1 with *cause when they do not fit the catalog. */
static int
model_from_state(struct wizard *w, const struct wizstate *st, int *screen,
    char **cause)
{
	const struct catalog_provider *pv;
	struct buf ips;
	size_t i, j, n;
	long k;

	k = model_find(st->feature, w->cat.nfeatures, model_feature_id, w);
	if (k < 0) {
		*cause = xasprintf(_("the saved wizard names the feature "
		    "'%s', which the catalog does not have"),
		    st->feature != NULL ? st->feature : "");
		return -1;
	}
	w->features.cur = (size_t)k;
	model_feature_changed(w);
	k = model_find(st->server, w->servers.n, model_server_id, w);
	if (k < 0) {
		*cause = xasprintf(_("the saved wizard names the server type "
		    "'%s', which the catalog does not have"),
		    st->server != NULL ? st->server : "");
		return -1;
	}
	w->servers.cur = (size_t)k;
	model_server_changed(w);
	if (st->provider != NULL) {
		k = model_find(st->provider, w->cat.nproviders,
		    model_provider_id, w);
		if (k < 0) {
			*cause = xasprintf(_("the saved wizard names the "
			    "provider '%s', which the catalog does not have"),
			    st->provider);
			return -1;
		}
		w->form.list.cur = (size_t)k;
		pv = &w->cat.providers[k];
		for (i = 0; i < st->provider_ids.n; i++) {
			const char *kv = st->provider_ids.v[i];

			for (j = 0; j < pv->nparams; j++) {
				n = strlen(pv->params[j].name);
				if (strncmp(kv, pv->params[j].name, n) == 0 &&
				    kv[n] == '=')
					ui_field_set(&w->form.params[
					    w->form.param_base[k] + j],
					    kv + n + 1);
			}
		}
	}
	buf_init(&ips);
	for (i = 0; i < st->ips.n; i++)
		buf_printf(&ips, "%s%s", i > 0 ? " " : "", st->ips.v[i]);
	ui_field_set(&w->form.ips, ips.data);
	buf_free(&ips);
	ui_field_set(&w->domain, st->domain);
	ui_paste_set(&w->form.dkim, st->dkim_text);
	ui_field_set(&w->form.rua, st->dmarc_rua);
	k = model_find(st->export_format, w->formats.n, model_format_id, w);
	if (k >= 0)
		w->formats.cur = (size_t)k;
	if (st->export_path != NULL && *st->export_path != '\0') {
		ui_field_set(&w->path, st->export_path);
		w->path_custom = 1;
	}
	if (w->exported.n == 0) {
		for (i = 0; i < st->exported.n; i++)
			strlist_add(&w->exported, st->exported.v[i]);
	}
	model_domain_changed(w);
	model_lookup_now(w);
	w->dash_resume = st->dashboard_started;
	w->answers_touched = 1;
	*screen = st->screen >= 0 && st->screen < SCR_COUNT ? st->screen :
	    SCR_WELCOME;
	return 0;
}

/* Load the saved wizard; the screen to reopen is returned, -1 with *cause
   when it cannot be loaded. */
int
model_restore(struct wizard *w, const char *path, char **cause)
{
	struct wizstate st;
	int screen = SCR_WELCOME;

	memset(&st, 0, sizeof st);
	if (wizstate_load(path, &st, cause) == -1)
		return -1;
	if (model_from_state(w, &st, &screen, cause) == -1) {
		wizstate_free(&st);
		return -1;
	}
	wizstate_free(&st);
	free(w->state_path);
	w->state_path = xstrdup(path);
	w->resumed = 1;
	return screen;
}
