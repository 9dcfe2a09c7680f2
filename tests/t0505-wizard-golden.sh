#!/bin/sh
# t0505-wizard-golden: the stable screens (welcome, feature, server) match
# their golden captures exactly, with UTF-8 line drawing and with the ASCII
# fallback. MAILWIZ_UPDATE_GOLDEN=1 rewrites tests/golden/wizard-*.txt.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-wizard.sh"

wiz_start
wiz_wait "Step 1 of 10: Welcome"
ok $? "the wizard starts on the welcome screen"
wiz_golden welcome
wiz_key Enter
wiz_wait "Step 2 of 10: Feature"
ok $? "Enter opens the feature screen"
wiz_golden feature
wiz_key Enter
wiz_wait "Step 3 of 10: Mail server"
ok $? "Enter opens the server screen"
wiz_golden server
wiz_key Down
wiz_wait "( ) Advanced SMTP"
wiz_golden server-external
wiz_key q
is "$(wiz_exit)" 0 "q quits at once when nothing typed would be lost"

# The same screens without UTF-8 line drawing.
wiz_env="MAILWIZ_ASCII=1"
wiz_start
wiz_wait "Step 1 of 10: Welcome"
wiz_golden welcome-ascii
wiz_key Enter
wiz_wait "Step 2 of 10: Feature"
wiz_golden feature-ascii
wiz_key q
wiz_exit >/dev/null

# A locale that is not UTF-8 falls back to ASCII too.
wiz_env="LC_ALL=C"
wiz_start
wiz_wait "Step 1 of 10: Welcome"
wiz_key Enter
wiz_wait "Step 2 of 10: Feature"
wiz_screen >"$tmp/c.txt"
like "$(cat "$tmp/c.txt")" "> (*) Email Notification" \
	"C locale: ASCII pointer and radio button"
unlike "$(cat "$tmp/c.txt")" "●" "C locale: no UTF-8 symbol drawn"
wiz_key q
wiz_exit >/dev/null

done_testing
