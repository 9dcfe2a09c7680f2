#!/bin/sh
# t0518-wizard-back: Back (Esc) and Next keep every answer; an invalid
# domain shows an inline error as it is typed and keeps the text; an
# internationalised name is shown in both forms; the current SPF and DMARC
# are looked up in the background and shown when they arrive
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-wizard.sh"

command -v knotd >/dev/null || skip_all "knotd is not installed"
ns=127.77.53.1
cat >"$tmp/example.com.zone" <<ZONE
\$ORIGIN example.com.
\$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 300
@	NS	ns1
ns1	A	$ns
@	TXT	"v=spf1 include:_spf.google.com ~all"
_dmarc	TXT	"v=DMARC1; p=quarantine; rua=mailto:d@example.com"
ZONE
knot_start $ns example.com "$tmp/example.com.zone" ||
	{ echo "Bail out! cannot start knotd"; exit 1; }

wiz_start --resolver $ns
wiz_key Enter Down Enter
wiz_wait "Step 3 of 10: Mail server"
ok $? "Workflow chosen"
wiz_key Down Enter
wiz_wait "Step 4 of 10: Domain"

# Validated as typed; the text stays.
wiz_type "exa mple.com"
wiz_wait "contains a space or a slash"
ok $? "an invalid domain shows an inline error while typing"
like "$(wiz_screen)" "[exa mple.com " "the invalid text stays in the field"
wiz_key Enter
wiz_wait "Step 4 of 10: Domain"
ok $? "Enter with an invalid domain stays on the domain screen"
like "$(wiz_screen)" "[exa mple.com " "the text is still there after Enter"
wiz_type "@"
wiz_wait "is an e-mail address"
ok $? "the error follows the text"
wiz_key C-u
wiz_wait_gone "is an e-mail address"
wiz_type "bücher.example"
wiz_wait "shown as bücher.example"
ok $? "an internationalised name is shown as typed"
like "$(wiz_screen)" "xn--bcher-kva.example" "and in its DNS form"
wiz_key C-u
wiz_type "example.com"
wiz_wait "v=spf1 include:_spf.google.com ~all"
ok $? "the current SPF record arrives from the resolver"
like "$(wiz_screen)" "v=DMARC1; p=quarantine; rua=mailto:d@example.com" \
	"the current DMARC record too"

# Forward with a pasted record, then all the way back.
printf 'abc._domainkey CNAME abc.dkim.amazonses.com\n' >"$tmp/dkim.txt"
wiz_key Enter
wiz_wait "Step 5 of 10"
wiz_key Tab
wiz_paste "$tmp/dkim.txt"
wiz_wait "1 record read"
wiz_key Tab
wiz_type "reports@example.com"
wiz_key Enter
wiz_wait "Step 6 of 10: Records"
ok $? "records reached"
wiz_wait "3 records for example.com (1 already published)"
ok $? "the existing DMARC record is kept"
wiz_key Escape
wiz_wait "Step 5 of 10"
ok $? "Esc goes back to the DKIM screen"
like "$(wiz_screen)" "abc._domainkey CNAME abc.dkim.amazonses.com" \
	"the pasted records are kept"
like "$(wiz_screen)" "[reports@example.com" "the DMARC address is kept"
wiz_key Escape
wiz_wait "Step 4 of 10: Domain"
like "$(wiz_screen)" "[example.com " "the domain is kept"
wiz_key Escape
wiz_wait "Step 3 of 10"
like "$(wiz_screen)" "▸ (●) Amazon SES with a From address of your own" \
	"the server type is kept"
wiz_key Escape
wiz_wait "Step 2 of 10"
like "$(wiz_screen)" "▸ (●) Workflow" "the feature is kept"

# Changing an answer keeps the others.
wiz_key Up Enter
wiz_wait "Step 3 of 10"
like "$(wiz_screen)" "▸ (●) Advanced SMTP" \
	"the other feature has its own server type"
wiz_key Enter
wiz_wait "Step 4 of 10"
like "$(wiz_screen)" "[example.com " "the domain is still there"
wiz_key Enter
wiz_wait "Step 5 of 10"
like "$(wiz_screen)" "abc._domainkey CNAME abc.dkim.amazonses.com" \
	"the paste is still there"
wiz_key Enter
wiz_wait "Step 6 of 10: Records"
wiz_wait "Email Notification › Advanced SMTP (Amazon SES) › example.com"
ok $? "the records follow the new feature"

# Next goes forward through the same screens again.
wiz_key Escape
wiz_wait "Step 5 of 10"
wiz_key Escape
wiz_wait "Step 4 of 10"
wiz_key Enter
wiz_wait "Step 5 of 10"
wiz_key Enter
wiz_wait "Step 6 of 10"
ok $? "Next after Back goes forward again"

wiz_key C-q
wiz_wait "Quit mailwiz?"
wiz_key q
is "$(wiz_exit)" 0 "quit"
done_testing
