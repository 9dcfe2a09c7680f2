#!/bin/sh
# t0560-wizard-term: NO_COLOR and monochrome terminals get no colour (bold
# and reverse only); the terminal is always given back: after SIGTERM,
# SIGHUP and Ctrl-C the shell prompt is back with sane settings
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-wizard.sh"

esc=$(printf '\033')
has_colour() {
	grep -aqE "$esc\[(3[0-7]|4[0-7])m|$esc\[(38|48);"
}
wizard_pid() {
	local pane
	pane=$(wiz_tmux display-message -p -t wiz '#{pane_pid}')
	ps -o pid= --ppid "$pane" | tr -d ' ' | head -1
}

wiz_start
wiz_key Enter
wiz_wait "Step 2 of 10"
wiz_screen -e | has_colour
ok $? "colours by default"
wiz_key q
wiz_exit >/dev/null

wiz_env="NO_COLOR=1"
wiz_start
wiz_key Enter
wiz_wait "Step 2 of 10"
wiz_screen -e >"$tmp/nocolor.txt"
! has_colour <"$tmp/nocolor.txt"
ok $? "NO_COLOR: no colour at all"
grep -aqF "$esc[7m" "$tmp/nocolor.txt"
ok $? "NO_COLOR: the title and the focus in reverse video instead"
wiz_key q
wiz_exit >/dev/null

wiz_env="TERM=vt100"
wiz_start
wiz_key Enter
wiz_wait "Step 2 of 10"
! wiz_screen -e | has_colour
ok $? "a monochrome terminal (vt100): no colour"
wiz_key q
wiz_exit >/dev/null
wiz_env=

# check_restored SIGNAL-NAME: the shell is back, the terminal sane.
check_restored() {
	wiz_wait "mwtest\$" 10
	ok $? "$1: the shell prompt is back"
	unlike "$(wiz_screen)" "Step 4 of 10" "$1: the wizard's screen is gone"
	wait_until 5 test -s "$tmp/stty.after"
	grep -qE '(^| )icanon( |$)' "$tmp/stty.after" &&
	    grep -qE '(^| )echo( |$)' "$tmp/stty.after" &&
	    grep -qE '(^| )ixon( |$)' "$tmp/stty.after" &&
	    grep -qE '(^| )icrnl( |$)' "$tmp/stty.after"
	ok $? "$1: canonical mode, echo, flow control and CR mapping restored"
	wiz_type "echo typed-$1"
	wiz_wait "typed-$1" 5
	ok $? "$1: what is typed is echoed again"
	wiz_key Enter
	wait_until 5 typed_ran "$1"
	ok $? "$1: the command ran (its output is on a line of its own)"
}

# typed_ran WORD: the pane has the line typed-WORD, the echo's output.
typed_ran() {
	wiz_screen | grep -qx "typed-$1"
}

for sig in TERM HUP; do
	wiz_start
	wiz_key Enter Enter Enter
	wiz_wait "Step 4 of 10"
	wiz_type "example.com"
	wiz_wait "[example.com"
	pid=$(wizard_pid)
	[ -n "$pid" ] && kill -$sig "$pid"
	is "$(wiz_exit)" 1 "SIG$sig: exit 1"
	like "$(cat "$tmp/wiz.err")" "interrupted by signal" "SIG$sig: says so"
	check_restored "SIG$sig"
done

wiz_start
wiz_key Enter Enter Enter
wiz_wait "Step 4 of 10"
wiz_key C-c
is "$(wiz_exit)" 1 "Ctrl-C: exit 1"
check_restored "Ctrl-C"

# A check in progress is saved when a signal ends the wizard.
wiz_start
wiz_key Enter Enter Enter
wiz_type "example.com"
wiz_key Enter Enter
wiz_wait "Step 6 of 10: Records"
wiz_key p
wiz_wait "Step 8 of 10: Propagation"
kill -TERM "$(wizard_pid)"
is "$(wiz_exit)" 1 "SIGTERM on the dashboard: exit 1"
like "$(cat "$tmp/wiz.err")" "'mailwiz --resume' reopens it" \
	"SIGTERM on the dashboard: the wizard was saved"
[ -f "$XDG_STATE_HOME/mailwiz/wizard.state" ]
ok $? "the state file exists"

done_testing
