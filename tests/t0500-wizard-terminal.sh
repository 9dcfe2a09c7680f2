#!/bin/sh
# t0500-wizard-terminal: the wizard starts with no command; without a usable
# terminal (TERM=dumb, stdin or stdout not a terminal) it says which
# subcommand to use instead and exits 2; its options and their mistakes
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-wizard.sh"

run </dev/null
is "$rc" 2 "not a terminal: exit 2"
like "$err" "is not one" "not a terminal: says why"
like "$err" "mailwiz plan -f notification -s advanced-smtp -d example.com" \
	"not a terminal: suggests plan with an example"
like "$err" "mailwiz check -f notification" "not a terminal: suggests check"
like "$err" "mailwiz watch -f notification" "not a terminal: suggests watch"
is "$out" "" "not a terminal: nothing on standard output"

run --resolver 127.0.0.1:1 </dev/null
is "$rc" 2 "wizard options, not a terminal: exit 2"
like "$err" "Use the command line instead" "wizard options: same advice"

echo | "$MAILWIZ" >"$tmp/pipe.out" 2>"$tmp/pipe.err"
is "$?" 2 "standard input a pipe: exit 2"
like "$(cat "$tmp/pipe.err")" "mailwiz plan" "standard input a pipe: advice"

run --bogus </dev/null
is "$rc" 2 "unknown option: exit 2"
like "$err" "unknown option '--bogus'" "unknown option named"

run --resolver 127.0.0.1:1 plan -f notification </dev/null
is "$rc" 2 "a wizard option before a command: exit 2"
like "$err" "option of the wizard" "a wizard option before a command: why"

run --resolver </dev/null
is "$rc" 2 "--resolver without a value: exit 2"

run --help
is "$rc" 0 "--help: exit 0"
like "$out" "[--resume]" "usage shows the wizard's options"
like "$out" "Without a command, mailwiz starts the wizard" \
	"usage says how the wizard starts"

run catalog
is "$rc" 0 "subcommands still work (catalog)"
run plan -f notification -s zuora-default -d example.com --offline
is "$rc" 0 "subcommands still work (plan)"

# TERM=dumb in a real terminal.
wiz_env="TERM=dumb"
wiz_start
wiz_wait "mailwiz-exit="
ok $? "TERM=dumb: the wizard does not start"
is "$(wiz_exit)" 2 "TERM=dumb: exit 2"
like "$(cat "$tmp/wiz.err")" "TERM=dumb" "TERM=dumb: says why"
like "$(cat "$tmp/wiz.err")" \
	"mailwiz watch -f notification -s advanced-smtp -d example.com" \
	"TERM=dumb: suggests the CLI with an example"
wiz_env=

# --resume with nothing saved.
wiz_start --resume
wiz_wait "mailwiz-exit="
is "$(wiz_exit)" 2 "--resume with nothing saved: exit 2"
like "$(cat "$tmp/wiz.err")" "$XDG_STATE_HOME/mailwiz/wizard.state" \
	"--resume names the state file it looked for"

done_testing
