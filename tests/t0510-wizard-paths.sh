#!/bin/sh
# t0510-wizard-paths: every path of the catalog, from launch to the records
# screen, shows the records `mailwiz plan` prints for the same answers
# (host, full name, type, value), after looking up the domain's current
# SPF record on a real DNS server (Knot on loopback) and merging into it
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-wizard.sh"

command -v knotd >/dev/null || skip_all "knotd is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"
ns=127.77.51.1

cat >"$tmp/example.com.zone" <<ZONE
\$ORIGIN example.com.
\$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 300
@	NS	ns1
ns1	A	$ns
@	TXT	"v=spf1 include:_spf.google.com ~all"
ZONE
knot_start $ns example.com "$tmp/example.com.zone" ||
	{ echo "Bail out! cannot start knotd"; exit 1; }

key=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDKx7
cat >"$tmp/ses.csv" <<'CSV'
Name,Type,Value
abc._domainkey,CNAME,abc.dkim.amazonses.com
def._domainkey,CNAME,def.dkim.amazonses.com
ghi._domainkey,CNAME,ghi.dkim.amazonses.com
CSV

# to_records DESCRIPTION PLAN-ARGS...: on the records screen, check every
# record `mailwiz plan PLAN-ARGS` gives, then quit.
to_records() {
	local desc n
	desc=$1
	shift
	if ! wiz_wait "Step 6 of 10: Records"; then
		ok 1 "$desc: the records screen is reached"
		return
	fi
	ok 0 "$desc: the records screen is reached"
	wiz_wait_gone "Looking up the current" 10
	wiz_all_pages "▼" >"$tmp/records.txt"
	"$MAILWIZ" plan "$@" -d example.com --resolver $ns -F json \
		>"$tmp/plan.json" 2>"$tmp/plan.err"
	n=$(python3 -c 'import json, sys
print(len(json.load(open(sys.argv[1]))["records"]))' "$tmp/plan.json")
	like "$(cat "$tmp/records.txt")" "$n records for example.com" \
		"$desc: $n records, as plan says"
	python3 - "$tmp/plan.json" >"$tmp/expect.txt" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["records"]:
    v = r["value"]
    if r["type"] == "TXT":
        v = '"' + v.replace("\\", "\\\\").replace('"', '\\"')
    print("|".join([r["host"], r["name"], r["type"], v[:50]]))
PY
	while IFS='|' read -r host name type value; do
		like "$(cat "$tmp/records.txt")" "Host        $host" \
			"$desc: host $host shown"
		like "$(cat "$tmp/records.txt")" "Full name   $name" \
			"$desc: full name $name shown"
		like "$(cat "$tmp/records.txt")" "Value       $value" \
			"$desc: $type value of $host shown ($value)"
	done <"$tmp/expect.txt"
	wiz_key C-q
	wiz_wait "Quit mailwiz?" && wiz_key q
	wiz_exit >/dev/null
}

# start_path FEATURE-DOWNS SERVER-DOWNS: from launch to the screen after
# the domain.
start_path() {
	wiz_start --resolver $ns
	wiz_key Enter
	wiz_wait "Step 2 of 10"
	[ "$1" -gt 0 ] && wiz_key Down
	wiz_key Enter
	wiz_wait "Step 3 of 10"
	n=0
	while [ $n -lt "$2" ]; do
		wiz_key Down
		n=$((n + 1))
	done
	wiz_key Enter
	wiz_wait "Step 4 of 10: Domain"
	wiz_type example.com
	wiz_key Enter
	wiz_wait "Step 5 of 10"
}

# Email Notification, Advanced SMTP: merged SPF, no DKIM yet.
start_path 0 0
wiz_key Enter
to_records "notification/advanced-smtp" -f notification -s advanced-smtp
like "$(cat "$tmp/records.txt")" \
	"Replaces    v=spf1 include:_spf.google.com ~all" \
	"advanced-smtp: the current SPF record is replaced, not doubled"
like "$(cat "$tmp/records.txt")" "[██░░░░░░░░] 2 lookups of 10" \
	"advanced-smtp: the SPF lookup budget as a bar"

# Email Notification, Advanced SMTP, with the DKIM CNAMEs pasted.
start_path 0 0
wiz_key Tab
wiz_paste "$tmp/ses.csv"
wiz_wait "3 records read"
ok $? "advanced-smtp: the pasted CSV is read as it comes"
wiz_key Tab Enter
to_records "notification/advanced-smtp + DKIM" -f notification \
	-s advanced-smtp --dkim "$tmp/ses.csv"

# Email Notification, Zuora's default server.
start_path 0 2
wiz_key Enter
to_records "notification/zuora-default" -f notification -s zuora-default

# Workflow, default From address: nothing to publish.
wiz_start --resolver $ns
wiz_key Enter
wiz_wait "Step 2 of 10"
wiz_key Down Enter
wiz_wait "Step 3 of 10"
wiz_wait "Nothing to publish"
ok $? "workflow/ses-default: the server screen says: nothing to publish"
wiz_key Enter
wiz_wait "Step 10 of 10: Summary"
ok $? "workflow/ses-default: the wizard ends at the summary"
like "$(wiz_screen)" "Nothing to publish" "ses-default: nothing to publish"
like "$(wiz_screen)" "workflow@zuora.com in Amazon SES" "ses-default: and why"
wiz_key Enter
is "$(wiz_exit)" 0 "ses-default: Finish ends the wizard"

# Workflow, SES with a From address of your own.
start_path 1 1
wiz_key Tab
wiz_paste "$tmp/ses.csv"
wiz_wait "3 records read"
wiz_key Tab Enter
to_records "workflow/ses" -f workflow -s ses --dkim "$tmp/ses.csv"

# Workflow, external SMTP: your own server.
start_path 1 2
wiz_key End Tab
wiz_type "192.0.2.25 mail.example.com"
wiz_key Enter
to_records "workflow/external-smtp custom" -f workflow -s external-smtp \
	-p custom --ip 192.0.2.25 --ip mail.example.com

# Email Notification, external SMTP: every provider preset.
# provider DOWNS DESCRIPTION PLAN-ARGS...: choose the preset DOWNS places
# down the list; the caller types what it needs.
provider() {
	local n
	start_path 0 1
	n=0
	while [ $n -lt "$1" ]; do
		wiz_key Down
		n=$((n + 1))
	done
}

provider 0
wiz_key Tab
wiz_type 1234
wiz_key Tab
wiz_type 12345678
wiz_key Tab
wiz_type 123
wiz_key Enter
to_records "external-smtp/sendgrid" -f notification -s external-smtp \
	-p sendgrid --provider-id em=1234 --provider-id user=12345678 \
	--provider-id wl=123

printf 'm1._domainkey TXT "k=rsa; t=s; p=%s"\n' "$key" >"$tmp/m1.txt"
provider 1
wiz_key Tab
wiz_paste "$tmp/m1.txt"
wiz_wait "1 record read"
wiz_key Tab Enter
to_records "external-smtp/sendgrid-manual" -f notification \
	-s external-smtp -p sendgrid-manual --dkim "$tmp/m1.txt"

printf 'smtp._domainkey.example.com. 3600 IN TXT "k=rsa; p=%s"\n' "$key" \
	>"$tmp/mg.txt"
provider 2
wiz_key Tab
wiz_paste "$tmp/mg.txt"
wiz_wait "1 record read"
wiz_key Tab Enter
to_records "external-smtp/mailgun" -f notification -s external-smtp \
	-p mailgun --dkim "$tmp/mg.txt"

printf '20240101pm._domainkey\tTXT\tk=rsa;p=%s\n' "$key" >"$tmp/pm.txt"
provider 3
wiz_key Tab
wiz_paste "$tmp/pm.txt"
wiz_wait "1 record read"
wiz_key Tab Enter
to_records "external-smtp/postmark" -f notification -s external-smtp \
	-p postmark --dkim "$tmp/pm.txt"

printf 'scph0123._domainkey TXT "v=DKIM1; k=rsa; h=sha256; p=%s"\n' "$key" \
	>"$tmp/sp.txt"
for i in 4 5; do
	[ $i = 4 ] && p=sparkpost || p=sparkpost-eu
	provider $i
	wiz_key Tab
	wiz_paste "$tmp/sp.txt"
	wiz_wait "1 record read"
	wiz_key Tab Enter
	to_records "external-smtp/$p" -f notification -s external-smtp \
		-p $p --dkim "$tmp/sp.txt"
done

provider 6
wiz_key Enter
to_records "external-smtp/mailchimp" -f notification -s external-smtp \
	-p mailchimp

provider 7
wiz_key Tab
wiz_type contoso
wiz_key Enter
to_records "external-smtp/microsoft365" -f notification -s external-smtp \
	-p microsoft365 --provider-id tenant=contoso

printf 'google._domainkey TXT "v=DKIM1; k=rsa; p=%s"\n' "$key" >"$tmp/g.txt"
provider 8
wiz_key Tab
wiz_paste "$tmp/g.txt"
wiz_wait "1 record read"
wiz_key Tab Enter
to_records "external-smtp/google" -f notification -s external-smtp \
	-p google --dkim "$tmp/g.txt"

printf 'sel._domainkey TXT "v=DKIM1; k=rsa; p=%s"\n' "$key" >"$tmp/c.txt"
provider 9
wiz_key Tab
wiz_type "192.0.2.25"
wiz_key Tab
wiz_paste "$tmp/c.txt"
wiz_wait "1 record read"
wiz_key Tab Enter
to_records "external-smtp/custom" -f notification -s external-smtp \
	-p custom --ip 192.0.2.25 --dkim "$tmp/c.txt"

done_testing
