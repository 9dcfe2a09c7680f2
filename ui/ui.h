/* ui.h - the ncurses wizard: what src/main.c calls, and what the screens,
   the widgets and the wizard share. src/main.c defines UI_API_ONLY first:
   no file in src/ sees curses.h. */
#ifndef MAILWIZ_UI_H
#define MAILWIZ_UI_H

/*
 * Run the wizard: `mailwiz [--catalog FILE] [--resolver ADDR]... [--resume]`
 * (argv is the whole command line; --catalog was read by the caller).
 * Returns the exit status: 0 done, 1 interrupted by a signal, 2 bad input
 * or no usable terminal (it says which subcommand to use instead), 3 the
 * terminal or the system failed.
 */
int ui_run(int, char **, const char *);

#ifndef UI_API_ONLY

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "dns.h"
#include "plan.h"
#include "record.h"
#include "util.h"

#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24

/* Keys: a character is its code point; a function key (KEY_UP, ...) has
   UI_FN added, so that no character can be taken for one. */
#define UI_FN 0x40000000
#define UI_KEY(k) ((k) | UI_FN)
#define UI_CTRL(c) ((c) & 0x1f)
#define UI_ESC 27
#define UI_TAB 9
/* Bracketed paste (the terminal marks pasted text). */
#define UI_PASTE_BEGIN (KEY_MAX + 1)
#define UI_PASTE_END (KEY_MAX + 2)

/* What a key handler did with a key. */
#define UI_IGNORED 0
#define UI_USED 1
#define UI_CHANGED 2		/* used, and the text changed */

/* Actions of buttons; screens number theirs from UI_ACT_SCREEN. */
enum ui_action {
	UI_ACT_NONE,
	UI_ACT_BACK,
	UI_ACT_NEXT,
	UI_ACT_QUIT,
	UI_ACT_CANCEL,		/* close a dialog */
	UI_ACT_SCREEN = 16
};

/* Looks, mapped to colours or to bold/reverse on monochrome terminals and
   with NO_COLOR; meaning is never carried by colour alone. */
enum ui_attr {
	UI_A_NORMAL,
	UI_A_TITLE,
	UI_A_BAR,
	UI_A_HEADING,
	UI_A_FOCUS,
	UI_A_SELECTED,
	UI_A_ERROR,
	UI_A_OK,
	UI_A_WARN,
	UI_A_DIM,
	UI_A_FIELD,
	UI_A_COUNT
};

/* Line drawing and symbols, UTF-8 or ASCII. */
enum ui_glyph {
	UI_G_HLINE,
	UI_G_VLINE,
	UI_G_UL,
	UI_G_UR,
	UI_G_LL,
	UI_G_LR,
	UI_G_POINTER,
	UI_G_RADIO_ON,
	UI_G_RADIO_OFF,
	UI_G_OK,
	UI_G_ERROR,
	UI_G_WARN,
	UI_G_BAR_FULL,
	UI_G_BAR_EMPTY,
	UI_G_MORE_UP,
	UI_G_MORE_DOWN,
	UI_G_ELLIPSIS,
	UI_G_SEP,
	UI_G_ARROW,
	UI_G_COUNT
};

struct ui_rect {
	int y, x, h, w;
};

/* tty.c: the terminal. */
int tty_check(char **);
int tty_start(char **);
void tty_end(void);
int tty_signal_fd(void);
int tty_take_signals(int *);
void tty_resize(void);
int tty_osc52(const char *, char **);
const char *ui_glyph(enum ui_glyph);
attr_t ui_attr(enum ui_attr);
int ui_ascii(void);
int ui_utf8(void);
int ui_color(void);
const char *ui_spinner(uint64_t);
void ui_cursor_at(int, int);
void ui_cursor_show(int);

/* widget-text.c: text laid out by display width (wcwidth). */
struct ui_line {
	char *text;
	size_t label;		/* bytes of text drawn with attr_label */
	int attr_label;
	int attr;
};

struct ui_doc {
	struct ui_line *lines;
	size_t n;
};

/* The width of a column of labels: the widest translation of the msgids
   plus gap columns, at least min and at most max. */
size_t ui_label_column(const char *const *, size_t, size_t, size_t,
    size_t);
size_t ui_width(const char *);
size_t ui_width_n(const char *, size_t);
size_t ui_fit(const char *, size_t, size_t *);
size_t ui_char_len(const char *);
void ui_wrap(const char *, size_t, struct strlist *);
int ui_put(int, int, int, int, const char *);
int ui_put_cut(int, int, int, int, const char *);
void ui_fill(int, int, int, int);
void ui_hline(int, int, int, int);
void ui_box(struct ui_rect, int);
void ui_doc_add(struct ui_doc *, int, const char *, ...)
    __attribute__((format(printf, 3, 4)));
void ui_doc_blank(struct ui_doc *);
void ui_doc_wrap(struct ui_doc *, size_t, int, const char *, const char *,
    int, const char *);
void ui_doc_hard(struct ui_doc *, size_t, int, const char *, const char *,
    int, const char *);
void ui_doc_free(struct ui_doc *);
size_t ui_doc_draw(const struct ui_doc *, struct ui_rect, size_t);
int ui_doc_scroll(size_t *, size_t, int, int);

/* widget-list.c: a list to pick one item from. */
struct ui_list {
	size_t n;
	size_t cur;
	size_t top;
	int cols;		/* 2 to 8: that many columns, filled
				   downwards */
	int colx[8];		/* where each column was drawn */
	struct ui_rect at;	/* where it was last drawn */
};

void ui_list_draw(struct ui_list *, struct ui_rect, int,
    const char *(*)(void *, size_t), void *);
int ui_list_key(struct ui_list *, int);
int ui_list_click(struct ui_list *, int, int);

/* widget-list.c: a choice: a heading, the list, and under it the
   explanation of the highlighted item, which PgUp and PgDn scroll. The
   list is drawn first, giving where the explanation goes; the screen fills
   a ui_doc that wide, then draws it. */
struct ui_choice {
	size_t top;		/* first line of the explanation shown */
	size_t lines;		/* of the explanation, as last drawn */
	int page;		/* lines of it shown */
};

struct ui_rect ui_choice_list(struct ui_list *, struct ui_rect,
    const char *, int, const char *(*)(void *, size_t), void *);
void ui_choice_explain(struct ui_choice *, struct ui_doc *, struct ui_rect);
int ui_choice_key(struct ui_choice *, struct ui_list *, int, int);

/* widget-field.c: a single-line text field. */
struct ui_field {
	struct buf text;
	size_t cur;		/* cursor, byte offset */
	size_t scroll;		/* first display column shown */
	struct ui_rect at;
};

void ui_field_init(struct ui_field *);
void ui_field_free(struct ui_field *);
void ui_field_set(struct ui_field *, const char *);
int ui_field_key(struct ui_field *, int, int);
void ui_field_draw(struct ui_field *, int, int, int, int, int);
int ui_field_click(struct ui_field *, int, int);

/* widget-paste.c: a multi-line area for pasted records. */
struct ui_paste {
	struct buf text;
	size_t cur;		/* cursor, byte offset */
	size_t top;		/* first line shown */
	size_t xoff;		/* first display column shown */
	size_t errline;		/* 1-based line marked in error, 0 none */
	struct ui_rect at;
};

void ui_paste_init(struct ui_paste *);
void ui_paste_free(struct ui_paste *);
void ui_paste_set(struct ui_paste *, const char *);
int ui_paste_key(struct ui_paste *, int, int);
void ui_paste_draw(struct ui_paste *, struct ui_rect, int);
int ui_paste_click(struct ui_paste *, int, int);
int ui_paste_blank(const struct ui_paste *);

/* widget-button.c: a row of buttons. */
struct ui_button {
	const char *label;	/* translated */
	int action;
	int y, x, w;		/* where it was last drawn */
};

struct ui_buttons {
	struct ui_button v[6];
	size_t n;
};

void ui_buttons_clear(struct ui_buttons *);
void ui_buttons_add(struct ui_buttons *, const char *, int);
int ui_buttons_width(const struct ui_buttons *);
void ui_buttons_draw(struct ui_buttons *, int, int, int);
int ui_buttons_click(const struct ui_buttons *, int, int);
int ui_buttons_find(const struct ui_buttons *, int);

/* widget-dialog.c: a box over the screen (help, questions). */
struct ui_dialog {
	int open;
	int kind;		/* the wizard's: which question */
	char *title;
	char *text;
	size_t top;
	struct ui_buttons buttons;
	char keys[6];		/* a hot key per button, or 0 */
	size_t focus;
	int cancel;		/* the action of Esc */
	size_t nlines;		/* of the text, as last wrapped */
	int page;		/* text lines shown */
};

void ui_dialog_open(struct ui_dialog *, int, const char *, const char *,
    int);
void ui_dialog_button(struct ui_dialog *, const char *, int, char);
void ui_dialog_close(struct ui_dialog *);
void ui_dialog_draw(struct ui_dialog *, int, int);
int ui_dialog_key(struct ui_dialog *, int);
int ui_dialog_click(struct ui_dialog *, int, int);

/* The screens, in the order of the wizard. */
enum screen_id {
	SCR_WELCOME,
	SCR_FEATURE,
	SCR_SERVER,
	SCR_DOMAIN,
	SCR_PROVIDER,
	SCR_RECORDS,
	SCR_EXPORT,
	SCR_PROPAGATION,
	SCR_SENDTEST,
	SCR_SUMMARY,
	SCR_COUNT
};

enum lookup_state {
	LK_NONE,		/* no valid domain */
	LK_WAIT,		/* valid: starts when the typing pauses */
	LK_RUNNING,
	LK_DONE,
	LK_FAILED
};

struct dashboard;
struct loop;
struct lookup;
struct smtp_test;
struct wizard;

struct screen {
	const char *title;	/* N_() */
	const char *help;	/* N_(): the help overlay */
	void (*enter)(struct wizard *);
	void (*draw)(struct wizard *, struct ui_rect);
	/* A key while one of the screen's widgets has the focus (or for
	   the screen's own hot keys); UI_USED or UI_IGNORED. */
	int (*key)(struct wizard *, int);
	/* Widgets that take the focus, before the buttons. */
	int (*nfocus)(struct wizard *);
	/* Where the focus starts (>= nfocus: a button). */
	int (*focus)(struct wizard *);
	void (*buttons)(struct wizard *, struct ui_buttons *);
	/* A screen's own action (>= UI_ACT_SCREEN). */
	void (*action)(struct wizard *, int);
	/* The screen Next leads to, or -1 to stay (an error is shown). */
	int (*next)(struct wizard *);
	int (*click)(struct wizard *, int, int);
	/* Milliseconds until the screen must be drawn again, or -1. */
	int (*redraw_ms)(struct wizard *);
	/* Extra key hints for the bottom line, or NULL. */
	const char *(*hints)(struct wizard *);
	/* More help for the overlay, depending on the answers (malloc'd),
	   or NULL. */
	char *(*help_more)(struct wizard *);
};

extern const struct screen screen_welcome;
extern const struct screen screen_feature;
extern const struct screen screen_server;
extern const struct screen screen_domain;
extern const struct screen screen_provider;
extern const struct screen screen_records;
extern const struct screen screen_export;
extern const struct screen screen_propagation;
extern const struct screen screen_sendtest;
extern const struct screen screen_summary;

/* The fields of the provider screen. */
struct provider_form {
	struct ui_list list;		/* provider presets */
	struct ui_field *params;	/* every preset's ids, flattened */
	size_t *param_base;		/* first of each preset in params */
	struct ui_field ips;		/* custom server addresses */
	struct ui_paste dkim;		/* pasted DKIM records */
	struct ui_field rua;		/* DMARC report address */
	char *error;			/* why Next refused */
	int error_at;			/* FORM_* the error belongs to */
	size_t error_param;
};

enum {
	FORM_NONE,
	FORM_LIST,
	FORM_PARAM,
	FORM_IPS,
	FORM_DKIM,
	FORM_RUA
};

/*
 * The test email's form and its last send (model-send.c,
 * screen-sendtest.c). The password is only in `password`: never saved with
 * the answers, never drawn (stars), never logged, its buffer allocated once
 * (so no copy is left behind by a reallocation) and wiped when the wizard
 * ends.
 */
struct send_form {
	struct ui_field region;		/* SES paths: the AWS region */
	struct ui_field host;
	struct ui_field port;
	int tls;			/* enum smtp_tls */
	int insecure;			/* no certificate check */
	struct ui_field cafile;
	struct ui_field user;
	struct ui_field password;
	struct ui_field from;
	struct ui_field to;
	size_t sim;			/* SES simulator scenario, 0 none */
	char *auto_host;		/* the host and From prefilled, */
	char *auto_from;		/* followed until edited */
	char *error;			/* why Send refused */
	int error_at;			/* the SEND_* item it is about */
	struct smtp_test *test;		/* the last send */
	int test_sim;			/* it went to the SES simulator */
	uint64_t started;		/* when it began (loop_now_ms) */
	size_t top;			/* first line of the result shown */
};

/* The places of the test email form. */
enum {
	SEND_NONE,
	SEND_REGION,
	SEND_HOST,
	SEND_PORT,
	SEND_TLS,
	SEND_INSECURE,
	SEND_CAFILE,
	SEND_USER,
	SEND_PASSWORD,
	SEND_FROM,
	SEND_TO,
	SEND_SIM
};

/* The wizard: the answers, the engine's results and what is on screen. */
struct wizard {
	struct catalog cat;
	struct loop *loop;
	struct dns_server *resolvers;
	size_t nresolvers;
	struct strlist resolver_args;	/* as given, saved for --resume */
	struct dns_options dopts;

	int history[SCR_COUNT * 4];
	size_t depth;
	int focus;
	int dirty;
	int quit;
	int exit_code;
	int too_small;
	int pasting;
	size_t paste_end;		/* of "\033[201~" seen while pasting */
	int rows, cols;
	struct ui_buttons buttons;
	struct ui_dialog dialog;
	size_t help_top;
	char *message;
	int message_attr;
	char *farewell;			/* printed once the terminal is back */

	/* Answers. */
	struct ui_list features;
	size_t *server_cur;		/* per feature: the server chosen */
	struct ui_list servers;		/* of the current feature */
	struct ui_field domain;
	char *alabel, *ulabel;		/* NULL while not valid */
	char *domain_error;
	struct provider_form form;
	int answers_touched;		/* something typed that quit loses */

	/* The current SPF and DMARC of the domain. */
	enum lookup_state lk_state;
	uint64_t lk_due;
	uint64_t lk_since;
	struct lookup *lk;
	void *lk_job;
	char *lk_domain;		/* what was (being) looked up */
	char *lk_error;
	struct plan_existing existing;

	/* The records. */
	struct record_set *plan;
	char *plan_error;
	int plan_stale;
	size_t records_top;

	/* Export. */
	struct ui_list formats;
	struct ui_field path;
	int path_custom;
	size_t preview_top;
	char *export_note;
	int export_note_attr;
	struct strlist exported;

	/* Propagation. */
	struct dashboard *dash;
	struct record_set *dash_rs;	/* the records it checks */
	char *dash_error;
	int dash_started;
	int dash_was_ok;
	int dash_resume;		/* start it once the records are in */

	/* Test email. */
	struct send_form send;

	char *state_path;
	int resumed;
};

/* wizard.c */
const struct screen *wizard_screen(struct wizard *);
int wizard_nfocus(struct wizard *);
void wizard_buttons(struct wizard *);
void wizard_input(struct wizard *);
int wizard_current(struct wizard *);
void wizard_message(struct wizard *, int, const char *, ...)
    __attribute__((format(printf, 3, 4)));
void wizard_action(struct wizard *, int);
void wizard_go(struct wizard *, int);
void wizard_focus_next(struct wizard *, int);
int wizard_focused(struct wizard *, int);

/* model.c, model-lookup.c, model-save.c: the answers and what the engine
   makes of them. */
void model_init(struct wizard *);
void model_free(struct wizard *);
const struct catalog_feature *model_feature(struct wizard *);
size_t model_servers(struct wizard *, size_t *, size_t);
const struct catalog_server *model_server(struct wizard *);
void model_feature_changed(struct wizard *);
void model_server_changed(struct wizard *);
const struct catalog_provider *model_provider(struct wizard *);
void model_changed(struct wizard *);
void model_domain_changed(struct wizard *);
void model_lookup_now(struct wizard *);
void model_lookup_retry(struct wizard *);
int model_lookup_timeout(struct wizard *);
void model_lookup_tick(struct wizard *);
int model_plan(struct wizard *);
int model_check_form(struct wizard *);
const char *model_format(struct wizard *);
char *model_default_path(struct wizard *, const char *);
int model_dashboard(struct wizard *);
void model_dashboard_stop(struct wizard *);
int model_save(struct wizard *, char **);
int model_restore(struct wizard *, const char *, char **);
int model_would_lose(struct wizard *);
void model_existing_lines(struct wizard *, struct ui_doc *, size_t);
void model_existing_clear(struct plan_existing *);
void model_lookup_cancel(struct wizard *);
void model_split(const char *, struct strlist *);
char *model_trimmed(const struct ui_field *);

/* model-send.c: the test email. */
void model_send_init(struct wizard *);
void model_send_free(struct wizard *);
int model_send_applies(struct wizard *);
int model_send_ses(struct wizard *);
void model_send_prefill(struct wizard *);
void model_send_region_changed(struct wizard *);
void model_send_tls_changed(struct wizard *, int);
size_t model_send_nscenarios(void);
const char *model_send_scenario(size_t);
int model_send_start(struct wizard *);
void model_send_stop(struct wizard *);
int model_send_running(struct wizard *);
void model_send_status(struct wizard *, struct ui_doc *, size_t);
void model_send_summary(struct wizard *, struct ui_doc *, size_t);
int model_send_delivered(struct wizard *);
char *model_send_transcript(struct wizard *);

#endif /* UI_API_ONLY */

#endif
