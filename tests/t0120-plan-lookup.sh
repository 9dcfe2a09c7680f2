#!/bin/sh
# t0120-plan-lookup: `mailwiz plan` reads the current SPF and DMARC from a
# real DNS server (Knot DNS on loopback) and merges into them
. "$(dirname "$0")/lib.sh"

command -v knotd >/dev/null || skip_all "knotd is not installed"
ns=127.77.12.1

cat >"$tmp/example.com.zone" <<'ZONE'
$ORIGIN example.com.
$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 300
@	NS	ns1
ns1	A	127.77.12.1
@	TXT	"google-site-verification=abc123"
@	TXT	"v=spf1 include:_spf.google.com " "include:mailgun.org ~all"
_dmarc	TXT	"v=DMARC1; p=quarantine; rua=mailto:d@example.com"
old	TXT	"v=spf1 -all"
old	TYPE99	\# 12 0b763d73706631202d616c6c
twice	TXT	"v=spf1 mx -all"
twice	TXT	"v=spf1 include:amazonses.com -all"
ZONE
knot_start $ns example.com "$tmp/example.com.zone" || {
	echo "Bail out! cannot start knotd"
	exit 1
}

json() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

run plan -f notification -s advanced-smtp -d example.com --resolver $ns -F json
is "$rc" 0 "plan with a live lookup succeeds"
is "$(echo "$out" | json 'd["records"][0]["value"]')" \
	"v=spf1 include:_spf.google.com include:mailgun.org include:amazonses.com ~all" \
	"split TXT strings joined, then merged"
is "$(echo "$out" | json 'd["records"][0]["replaces"]')" \
	"v=spf1 include:_spf.google.com include:mailgun.org ~all" \
	"replaces the published record"
is "$(echo "$out" | json '[r["action"] for r in d["records"] if r["purpose"]=="dmarc"][0]')" \
	keep "existing DMARC kept"
unlike "$(echo "$out" | json '" ".join(w["code"] for w in d["warnings"])')" \
	"not-looked-up" "no offline warning after a lookup"

MAILWIZ_RESOLVERS="$ns:53" run plan -f notification -s advanced-smtp \
	-d example.com -F json
is "$(echo "$out" | json 'd["records"][0]["action"]')" replace \
	"MAILWIZ_RESOLVERS is used"

run plan -f notification -s zuora-default -d old.example.com --resolver $ns -F json
like "$(echo "$out" | json '" ".join(w["code"] for w in d["warnings"])')" \
	"spf-rr-type" "old SPF RR type reported"
is "$(echo "$out" | json 'd["records"][0]["value"]')" \
	"v=spf1 a:zgateway.zuora.com -all" "merged into the record at the subdomain"

run plan -f notification -s advanced-smtp -d twice.example.com --resolver $ns -F json
like "$(echo "$out" | json '" ".join(w["code"] for w in d["warnings"])')" \
	"spf-multiple" "two SPF records reported"

run plan -f notification -s advanced-smtp -d nothing.example.com --resolver $ns -F json
is "$rc" 0 "a name with no records is fine"
like "$(echo "$out" | json '" ".join(w["code"] for w in d["warnings"])')" \
	"domain-nxdomain" "NXDOMAIN reported"
is "$(echo "$out" | json 'd["records"][0]["action"]')" create "SPF created"

# A resolver that is not there: a quick, clear failure with exit 3
run plan -f notification -s advanced-smtp -d example.com \
	--resolver 127.77.12.9 --dns-timeout 300
is "$rc" 3 "no resolver answering exits 3"
like "$err" "cannot look up" "message says the lookup failed"
like "$err" "--offline" "message says what to do"

# First resolver dead, second one answers
run plan -f notification -s advanced-smtp -d example.com \
	--resolver 127.77.12.9 --resolver $ns --dns-timeout 300 -F json
is "$rc" 0 "falls back to the next resolver"

# IPv6 resolver syntax reaches ::1 (nothing listens on port 1)
run plan -f notification -s advanced-smtp -d example.com \
	--resolver '[::1]:1' --dns-timeout 300
is "$rc" 3 "IPv6 resolver with port parsed and tried"

done_testing
