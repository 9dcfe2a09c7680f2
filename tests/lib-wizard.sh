# lib-wizard.sh - drive the wizard in a terminal: tmux on a private socket,
# an 80x24 pane, keys sent, the screen read back. Sourced after lib.sh by
# the t05NN-wizard-* tests.
#
# The pane runs $tmp/wiz-run.sh: mailwiz with the arguments given to
# wiz_start, in $tmp (exports land there), then "mailwiz-exit=N", then an
# interactive shell with the prompt "mwtest$ ", so that a test can see the
# terminal after the wizard. Never sleep: wait for text (wiz_wait).

command -v tmux >/dev/null || skip_all "tmux is not installed"

wiz_sock=mwwiz$$
wiz_keys_sent=0
wiz_env=

# wiz_tmux ARGS...: tmux on the test's private server.
wiz_tmux() {
	tmux -L "$wiz_sock" -f /dev/null "$@"
}

# _wiz_stop: the cleanup hook: stop the tmux server and its panes.
_wiz_stop() {
	wiz_tmux kill-server >/dev/null 2>&1
	return 0
}
cleanup_hooks="$cleanup_hooks _wiz_stop"

# _wiz_quote ARG: print ARG single-quoted for sh.
_wiz_quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# wiz_start [ARG]...: start the wizard with ARGs in a fresh 80x24 pane
# (any earlier one is killed); $wiz_env holds extra VAR=VALUE words for
# its environment. Returns once the first screen is up.
wiz_start() {
	local args a
	args=
	for a in "$@"; do
		args="$args $(_wiz_quote "$a")"
	done
	cat >"$tmp/wiz-run.sh" <<RUN
#!/bin/sh
cd "$tmp" || exit 1
trap : INT	# Ctrl-C is for the wizard: the shell carries on after it
env $wiz_env "$MAILWIZ"$args 2>"$tmp/wiz.err"
echo "mailwiz-exit=\$?"
stty -a >"$tmp/stty.after" 2>&1
PS1='mwtest\$ ' exec sh -i
RUN
	chmod +x "$tmp/wiz-run.sh"
	# A session that stays, so that the server outlives each wizard's.
	wiz_tmux has-session -t keep 2>/dev/null ||
		wiz_tmux new-session -d -s keep cat || return 1
	wiz_tmux kill-session -t wiz >/dev/null 2>&1
	rm -f "$tmp/stty.after"
	wiz_keys_sent=0
	wiz_tmux new-session -d -s wiz -x 80 -y 24 "$tmp/wiz-run.sh" ||
		return 1
	wiz_tmux set-option -t wiz status off >/dev/null
	wiz_wait "mailwiz" 10
}

# wiz_screen [ARGS]: print the pane as text (ARGS go to capture-pane, such
# as -e for attributes).
wiz_screen() {
	wiz_tmux capture-pane -p -t wiz "$@"
}

# wiz_has TEXT: whether the pane shows TEXT.
wiz_has() {
	wiz_screen | grep -qF -- "$1"
}

# wiz_lacks TEXT: whether the pane does not show TEXT.
wiz_lacks() {
	! wiz_has "$1"
}

# wiz_lines N: whether the pane has N lines.
wiz_lines() {
	[ "$(wiz_screen | wc -l)" -eq "$1" ]
}

# wiz_same FILE: whether the pane shows exactly what FILE holds.
wiz_same() {
	wiz_screen | cmp -s - "$1"
}

# wiz_wait TEXT [SECONDS]: wait until the pane shows TEXT (default 10 s);
# on failure print the pane as TAP comments.
wiz_wait() {
	if wait_until "${2:-10}" wiz_has "$1"; then
		return 0
	fi
	echo "# waited for: $1" >&2
	wiz_screen | sed 's/^/#   | /' >&2
	return 1
}

# wiz_wait_gone TEXT [SECONDS]: wait until the pane no longer shows TEXT.
wiz_wait_gone() {
	wait_until "${2:-10}" wiz_lacks "$1"
}

# wiz_key KEY...: press keys (tmux key names: Enter, Escape, Tab, BTab,
# Up, Down, NPage, F1, C-q, q ...), each one counted in $wiz_keys_sent.
wiz_key() {
	wiz_tmux send-keys -t wiz "$@"
	wiz_keys_sent=$((wiz_keys_sent + $#))
}

# wiz_type TEXT: type TEXT literally (not counted as keystrokes).
wiz_type() {
	wiz_tmux send-keys -t wiz -l -- "$1"
}

# wiz_paste FILE: paste FILE's text as a terminal does (bracketed paste
# when the wizard asked for it).
wiz_paste() {
	wiz_tmux load-buffer -b wizpaste "$1" &&
	wiz_tmux paste-buffer -p -d -b wizpaste -t wiz
}

# wiz_resize COLS ROWS: resize the window.
wiz_resize() {
	wiz_tmux resize-window -t wiz -x "$1" -y "$2"
}

# wiz_exit [SECONDS]: wait for the wizard to end; print its exit status.
wiz_exit() {
	wait_until "${1:-10}" wiz_has "mailwiz-exit=" || return 1
	wiz_screen | sed -n 's/.*mailwiz-exit=\([0-9]*\).*/\1/p' | head -1
}

# _wiz_page: the content rows of the pane (between the two title lines
# and the message, button and key lines).
_wiz_page() {
	wiz_screen | sed -n '3,21p'
}

# _wiz_page_moved: whether the content differs from $_wiz_prev.
_wiz_page_moved() {
	[ "$(_wiz_page)" != "$_wiz_prev" ]
}

# wiz_all_pages MARK: print the whole text of a scrolling screen, page by
# page: PgDn while the last content row ends with MARK (the "more below"
# mark: ▼, or v in ASCII).
wiz_all_pages() {
	local n
	n=0
	while [ $n -lt 40 ]; do
		_wiz_prev=$(_wiz_page)
		printf '%s\n' "$_wiz_prev"
		printf '%s\n' "$_wiz_prev" | tail -n 1 | grep -qF "$1" || break
		wiz_tmux send-keys -t wiz NPage
		wait_until 5 _wiz_page_moved || break
		n=$((n + 1))
	done
}

# wiz_golden NAME: compare the pane with tests/golden/wizard-NAME.txt
# (MAILWIZ_UPDATE_GOLDEN=1 writes it instead) and report a TAP result.
wiz_golden() {
	local file
	file=$top/tests/golden/wizard-$1.txt
	wiz_screen >"$tmp/golden-$1.txt"
	if [ "${MAILWIZ_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$tmp/golden-$1.txt" "$file"
		ok 0 "golden $1 written"
		return
	fi
	if diff -u "$file" "$tmp/golden-$1.txt" >"$tmp/golden.diff" 2>&1; then
		ok 0 "screen '$1' matches its golden capture"
	else
		ok 1 "screen '$1' matches its golden capture"
		sed 's/^/# /' "$tmp/golden.diff"
	fi
}
