#!/bin/sh
# t0525-wizard-budget: from launch to the records screen of Email
# Notification with Advanced SMTP takes at most 5 keystrokes plus typing the
# domain, sent without waiting for the screens
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-wizard.sh"

wiz_start
wiz_wait "Step 1 of 10: Welcome"
wiz_key Enter Enter Enter
wiz_type example.com
wiz_key Enter Enter
wiz_wait "Step 6 of 10: Records"
ok $? "the records screen is reached"
like "$(wiz_screen)" \
	"Email Notification › Advanced SMTP (Amazon SES) › example.com" \
	"for Email Notification, Advanced SMTP and the domain typed"
like "$(wiz_screen)" '"v=spf1 mx include:amazonses.com ~all"' \
	"with the SPF record"
[ "$wiz_keys_sent" -le 5 ]
ok $? "$wiz_keys_sent keystrokes besides the domain (at most 5)"
wiz_key C-q
wiz_wait "Quit mailwiz?"
wiz_key q
is "$(wiz_exit)" 0 "quit"
done_testing
