#!/bin/sh
# t0570-wizard-resume: quitting offers to save the wizard (mode 0600);
# `mailwiz --resume` reopens the saved screen with every answer, Back
# included, and restarts the propagation check that was running
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-wizard.sh"

state=$XDG_STATE_HOME/mailwiz/wizard.state

wiz_start
wiz_key Enter Enter Down Enter
wiz_wait "Step 4 of 10"
wiz_type "example.com"
wiz_key Enter
wiz_wait "Step 5 of 10"
wiz_key Tab
wiz_type 1234
wiz_key Tab
wiz_type 12345678
wiz_key Tab
wiz_type 123
wiz_key Tab
wiz_type "dmarc@example.com"
wiz_key Enter
wiz_wait "Step 6 of 10: Records"
wiz_wait "u12345678.wl123.sendgrid.net."
ok $? "SendGrid records shown"
wiz_key q
wiz_wait "Quit mailwiz?"
ok $? "quitting with answers asks"
wiz_key s
is "$(wiz_exit)" 0 "save and quit: exit 0"
like "$(wiz_screen)" "'mailwiz --resume' reopens it" "says how to come back"
[ -f "$state" ]
ok $? "the state is saved"
is "$(stat -c %a "$state")" 600 "the state file is private (0600)"

wiz_start --resume
wiz_wait "Step 6 of 10: Records"
ok $? "--resume reopens the records screen"
like "$(wiz_screen)" "Resumed the saved wizard" "and says so"
like "$(wiz_screen)" \
	"External SMTP server › SendGrid (automated security on) › example.com" \
	"with the answers (the line of answers drops the feature to fit)"
like "$(wiz_screen)" "u12345678.wl123.sendgrid.net." "and the same records"
wiz_key Escape
wiz_wait "Step 5 of 10"
ok $? "Back works after resuming"
like "$(wiz_screen)" "[1234 " "the provider ids are back"
like "$(wiz_screen)" "[dmarc@example.com" "the DMARC address is back"
wiz_key Escape
wiz_wait "Step 4 of 10"
like "$(wiz_screen)" "[example.com" "the domain is back"

# The propagation check is saved running and restarts.
wiz_key Enter Enter
wiz_wait "Step 6 of 10"
wiz_key p
wiz_wait "Step 8 of 10: Propagation"
wiz_key C-q
wiz_wait "The propagation check is still running"
ok $? "quitting during the check offers to save it"
wiz_key Enter
is "$(wiz_exit)" 0 "Enter saves and quits"
wiz_start --resume
wiz_wait "Step 8 of 10: Propagation"
ok $? "--resume reopens the propagation screen"
wiz_wait "records right" 10
ok $? "and the check runs again"
wiz_key C-q
wiz_wait "Quit mailwiz?"
wiz_key q
is "$(wiz_exit)" 0 "quit without saving"

# The resolver given and the files exported come back with --resume.
if command -v knotd >/dev/null; then
	ns=127.77.57.1
	cat >"$tmp/example.org.zone" <<ZONE
\$ORIGIN example.org.
\$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 300
@	NS	ns1
ns1	A	$ns
ZONE
	knot_start $ns example.org "$tmp/example.org.zone" ||
		{ echo "Bail out! cannot start knotd"; exit 1; }
	wiz_start --resolver $ns
	wiz_key Enter Enter Enter
	wiz_type example.org
	wiz_wait "a valid domain name"
	wiz_key Enter Enter
	wiz_wait "Step 6 of 10: Records"
	wiz_key Enter
	wiz_wait "Step 7 of 10: Export"
	wiz_key w
	wiz_wait "wrote ./mailwiz-example.org.zone"
	wiz_key C-q
	wiz_wait "Quit mailwiz?"
	wiz_key s
	is "$(wiz_exit)" 0 "saved with a resolver and an export"
	is "$(grep -c "^resolver $ns\$" "$state")" 1 "the resolver is saved"
	wiz_start --resume
	wiz_wait "Step 7 of 10: Export"
	ok $? "--resume reopens the export screen"
	wiz_key p
	wiz_wait "Step 8 of 10: Propagation"
	wiz_wait "$ns" 10
	ok $? "the propagation check asks the resolver given before"
	wiz_key Enter
	wiz_wait "Step 9 of 10: Test email"
	wiz_key BTab Enter
	wiz_wait "Step 10 of 10: Summary"
	like "$(wiz_screen)" "./mailwiz-example.org.zone (zone)" \
		"the summary still lists the file exported before"
	wiz_key C-q
	wiz_wait "Quit mailwiz?"
	wiz_key q
	wiz_exit >/dev/null
fi

printf 'not a saved wizard\n' >"$state"
wiz_start --resume
is "$(wiz_exit)" 2 "a damaged state file: exit 2"
like "$(cat "$tmp/wiz.err")" "$state" "the message names the file"

done_testing
