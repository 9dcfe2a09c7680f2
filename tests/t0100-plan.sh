#!/bin/sh
# t0100-plan: `mailwiz plan` for every path of the catalog, without DNS
. "$(dirname "$0")/lib.sh"

json() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# Advanced SMTP: include:amazonses.com merged into Google's record
run plan -f notification -s advanced-smtp -d example.com \
	--existing-spf 'v=spf1 include:_spf.google.com ~all' -F json
is "$rc" 0 "advanced-smtp plan succeeds"
is "$(echo "$out" | json 'd["records"][0]["value"]')" \
	"v=spf1 include:_spf.google.com include:amazonses.com ~all" \
	"amazonses include merged before ~all"
is "$(echo "$out" | json 'd["records"][0]["action"]')" replace \
	"existing SPF record is replaced"
is "$(echo "$out" | json 'd["records"][0]["replaces"]')" \
	"v=spf1 include:_spf.google.com ~all" "replaces names the old record"
is "$(echo "$out" | json 'd["records"][0]["name"] + " " + d["records"][0]["host"]')" \
	"example.com. @" "apex name and host"
like "$(echo "$out" | json '" ".join(w["code"] for w in d["warnings"])')" \
	"dkim-missing" "missing DKIM records are pointed out"
like "$(echo "$out" | json '" ".join(w["code"] for w in d["warnings"])')" \
	"dmarc-via-dkim" "SES DMARC alignment through DKIM explained"
is "$(echo "$out" | json '[r["value"] for r in d["records"] if r["purpose"]=="dmarc"][0]')" \
	"v=DMARC1; p=none" "a starting DMARC record is proposed"

# Already present, in another spelling: kept, never duplicated
run plan -f notification -s advanced-smtp -d example.com \
	--existing-spf 'v=spf1 mx include:AmazonSES.com. -all' -F json
is "$(echo "$out" | json 'd["records"][0]["action"]')" keep \
	"include:AmazonSES.com. counts as present"
is "$(echo "$out" | json 'd["records"][0]["value"]')" \
	"v=spf1 mx include:AmazonSES.com. -all" "record left as it is"

# Zuora default server with no SPF yet: the seed's record
run plan -f notification -s zuora-default -d example.com --existing-spf '' \
	-F json
is "$(echo "$out" | json 'd["records"][0]["value"]')" \
	"v=spf1 mx a:zgateway.zuora.com -all" "seed's default record proposed"
is "$(echo "$out" | json 'd["records"][0]["action"]')" create "created"

# Workflow with the default From address: nothing to publish
run plan -f workflow -s ses-default -d example.com -F json
is "$rc" 0 "ses-default succeeds without DNS"
is "$(echo "$out" | json 'len(d["records"])')" 0 "no records"
like "$(echo "$out" | json 'd["note"]')" "workflow@zuora.com" \
	"note explains the default From address"
run plan -f workflow -s ses-default -d example.com
like "$out" "workflow@zuora.com" "table says why nothing is needed"

# Workflow with SES and the three CNAMEs from support
cat >"$tmp/dkim.txt" <<'DKIM'
Please add the following CNAME records:
abcdefghijklmnopqrstuvwxyz234567._domainkey.example.com CNAME abcdefghijklmnopqrstuvwxyz234567.dkim.amazonses.com
bcdefghijklmnopqrstuvwxyz2345672._domainkey.example.com CNAME bcdefghijklmnopqrstuvwxyz2345672.dkim.amazonses.com
cdefghijklmnopqrstuvwxyz23456723._domainkey.example.com.example.com CNAME cdefghijklmnopqrstuvwxyz23456723.dkim.amazonses.com
DKIM
run plan -f workflow -s ses -d example.com --existing-spf '' \
	--dkim "$tmp/dkim.txt" --dmarc-rua reports@example.com -F json
is "$rc" 0 "workflow ses with pasted DKIM succeeds"
is "$(echo "$out" | json 'sum(1 for r in d["records"] if r["type"]=="CNAME")')" 3 \
	"three DKIM CNAMEs"
is "$(echo "$out" | json '[r["name"] for r in d["records"] if r["type"]=="CNAME"][2]')" \
	"cdefghijklmnopqrstuvwxyz23456723._domainkey.example.com." \
	"doubled domain repaired"
like "$(echo "$out" | json '" ".join(w["message"] for w in d["warnings"])')" \
	"twice" "doubled domain reported"
is "$(echo "$out" | json '[r["value"] for r in d["records"] if r["type"]=="CNAME"][0]')" \
	"abcdefghijklmnopqrstuvwxyz234567.dkim.amazonses.com." "target kept, dot added"
is "$(echo "$out" | json '[r["value"] for r in d["records"] if r["purpose"]=="dmarc"][0]')" \
	"v=DMARC1; p=none; rua=mailto:reports@example.com" "DMARC with rua"
is "$(echo "$out" | json 'd["records"][0]["value"]')" \
	"v=spf1 mx include:amazonses.com ~all" "SES default SPF proposed"
unlike "$(echo "$out" | json '" ".join(w["code"] for w in d["warnings"])')" \
	"dkim-missing" "no missing-DKIM warning once pasted"

# DKIM from standard input
run plan -f workflow -s ses -d example.com --existing-spf '' --dkim - \
	-F json <"$tmp/dkim.txt"
is "$rc" 0 "--dkim - reads standard input"
"$MAILWIZ" plan -f workflow -s ses -d example.com --existing-spf '' \
	--dkim - -F json <"$tmp/dkim.txt" >"$tmp/o.json"
is "$(json 'sum(1 for r in d["records"] if r["type"]=="CNAME")' <"$tmp/o.json")" 3 \
	"three CNAMEs from standard input"

# External SMTP: SendGrid with automated security
run plan -f notification -s external-smtp -p sendgrid -d example.com \
	--provider-id em=1234 --provider-id user=5678 --provider-id wl=9 \
	--existing-spf 'v=spf1 -all' -F json
is "$rc" 0 "sendgrid plan succeeds"
is "$(echo "$out" | json '" ".join(r["host"]+"="+r["value"] for r in d["records"] if r["type"]=="CNAME")')" \
	"em1234=u5678.wl9.sendgrid.net. s1._domainkey=s1.domainkey.u5678.wl9.sendgrid.net. s2._domainkey=s2.domainkey.u5678.wl9.sendgrid.net." \
	"SendGrid CNAMEs filled with the ids"

# SendGrid without automated security: include:sendgrid.net
run plan -f notification -s external-smtp -p sendgrid-manual -d example.com \
	--existing-spf 'v=spf1 a mx ?all' -F json
is "$(echo "$out" | json 'd["records"][0]["value"]')" \
	"v=spf1 a mx include:sendgrid.net ?all" "sendgrid.net merged"
like "$(echo "$out" | json '" ".join(w["code"] for w in d["warnings"])')" \
	"spf-all-neutral" "?all is pointed out"

# Custom server: addresses and host names
run plan -f workflow -s external-smtp -p custom -d example.com \
	--ip 192.0.2.25 --ip 2001:db8::25 --ip 198.51.100.0/24 \
	--ip mail.example.net --existing-spf 'v=spf1 mx -all' -F json
is "$(echo "$out" | json 'd["records"][0]["value"]')" \
	"v=spf1 mx ip4:192.0.2.25 ip6:2001:db8::25 ip4:198.51.100.0/24 a:mail.example.net -all" \
	"custom addresses merged in order"
like "$(echo "$out" | json '" ".join(w["code"] for w in d["warnings"])')" \
	"allow-list" "allow-listing Zuora's addresses is advised"

# Microsoft 365: {domain-dashed} and the tenant
run plan -f notification -s external-smtp -p microsoft365 -d mail.example.com \
	--provider-id tenant=contoso --existing-spf '' -F json
is "$(echo "$out" | json '[r["value"] for r in d["records"] if r["type"]=="CNAME"][0]')" \
	"selector1-mail-example-com._domainkey.contoso.onmicrosoft.com." \
	"Microsoft selector CNAME"
like "$(echo "$out" | json '" ".join(w["code"] for w in d["warnings"])')" \
	"provider-unverified" "unverified preset says check with your provider"

# Internationalised domain
run plan -f notification -s zuora-default -d 'bücher.example' --existing-spf '' -F json
is "$(echo "$out" | json 'd["records"][0]["name"]')" "xn--bcher-kva.example." \
	"IDN sent as A-labels"

# The table for people
run plan -f notification -s advanced-smtp -d example.com \
	--existing-spf 'v=spf1 include:_spf.google.com ~all'
is "$rc" 0 "table output"
like "$out" "include:amazonses.com" "table shows the new value"
like "$out" "_spf.google.com ~all" "table shows what is replaced"

# Output files: atomic, format from the extension
run plan -f notification -s advanced-smtp -d example.com --existing-spf '' \
	-o "$tmp/records.zone"
is "$rc" 0 "-o writes a file"
like "$(cat "$tmp/records.zone")" "include:amazonses.com" "zone file content"
like "$(cat "$tmp/records.zone")" " IN TXT " "zone format chosen by extension"
is "$(ls "$tmp" | grep -c tmp)" 0 "no temporary file left"
run plan -f notification -s advanced-smtp -d example.com --existing-spf '' \
	-o "$tmp/records.json"
is "$(json 'd["domain"]' <"$tmp/records.json")" example.com "json by extension"

# Old SPF records over the lookup limit are reported
run plan -f notification -s advanced-smtp -d example.com \
	--existing-spf 'v=spf1 include:a.example include:b.example include:c.example include:d.example include:e.example include:f.example include:g.example include:h.example include:i.example include:j.example -all' -F json
like "$(echo "$out" | json '" ".join(w["code"] for w in d["warnings"])')" \
	"spf-lookups" "more than 10 lookups reported"

done_testing
