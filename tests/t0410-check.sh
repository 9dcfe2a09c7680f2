#!/bin/sh
# t0410-check: `mailwiz check` against a real authoritative server (Knot)
# and two caching resolvers (Unbound) in front of it, on loopback
. "$(dirname "$0")/lib.sh"

command -v knotd >/dev/null || skip_all "knotd is not installed"
command -v unbound >/dev/null || skip_all "unbound is not installed"
command -v openssl >/dev/null || skip_all "openssl is not installed"

auth=127.77.41.1
r1=127.77.41.11
r2=127.77.41.12
T1=abcdefghijklmnopqrstuvwxyz234567
T2=bcdefghijklmnopqrstuvwxyz2345672
T3=cdefghijklmnopqrstuvwxyz23456723

# A real 2048-bit key for the DKIM targets, split for the zone file.
openssl genrsa -out "$tmp/key.pem" 2048 2>/dev/null
key=$(openssl rsa -in "$tmp/key.pem" -pubout -outform DER 2>/dev/null | base64 -w0)
keytxt=$(printf 'v=DKIM1; k=rsa; p=%s' "$key" | sed 's/.\{200\}/&" "/g')

cat >"$tmp/example.com.zone" <<ZONE
\$ORIGIN example.com.
\$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 60
@	NS	ns1
ns1	A	$auth
@	TXT	"v=spf1 mx include:amazonses.com ~all"
@	MX	10 mail
mail	A	192.0.2.25
_dmarc	TXT	"v=DMARC1; p=quarantine; rua=mailto:d@example.com"
$T1._domainkey	CNAME	$T1.dkim.amazonses.com.
$T2._domainkey	CNAME	$T2.dkim.amazonses.com.
$T3._domainkey	CNAME	$T3.dkim.amazonses.com.
; wrong.example.com: a wrong target, a doubled name, two SPF records
wrong	TXT	"v=spf1 include:amazonses.com -all"
wrong	TXT	"v=spf1 mx -all"
$T1._domainkey.wrong	CNAME	$T1.dkim.example.net.
$T2._domainkey.wrong.example.com.wrong	CNAME	$T2.dkim.amazonses.com.
; order.example.com: -all before the include
order	TXT	"v=spf1 -all include:amazonses.com"
; deep.example.com: an include tree over the limit of 10 lookups
deep	TXT	"v=spf1 include:i1.example.com include:i2.example.com include:amazonses.com ~all"
i1	TXT	"v=spf1 a:h1.example.com a:h2.example.com a:h3.example.com a:h4.example.com ~all"
i2	TXT	"v=spf1 a:h5.example.com a:h6.example.com a:h7.example.com a:h8.example.com ~all"
h1	A	192.0.2.1
h2	A	192.0.2.2
h3	A	192.0.2.3
h4	A	192.0.2.4
h5	A	192.0.2.5
h6	A	192.0.2.6
h7	A	192.0.2.7
h8	A	192.0.2.8
ZONE

cat >"$tmp/amazonses.com.zone" <<ZONE
\$ORIGIN amazonses.com.
\$TTL 300
@	SOA	ns1.example.com. hostmaster.example.com. 1 3600 600 86400 60
@	NS	ns1.example.com.
@	TXT	"v=spf1 ip4:199.255.192.0/22 ip4:54.240.0.0/18 ip6:2001:db8:5e5::/48 -all"
$T1.dkim	TXT	"$keytxt"
$T2.dkim	TXT	"$keytxt"
$T3.dkim	TXT	"$keytxt"
ZONE

knot_start $auth example.com "$tmp/example.com.zone" \
	amazonses.com "$tmp/amazonses.com.zone" || {
	echo "Bail out! cannot start knotd"; exit 1; }
unbound_start $r1 $auth || { echo "Bail out! cannot start unbound"; exit 1; }
unbound_start $r2 $auth || { echo "Bail out! cannot start unbound"; exit 1; }

cat >"$tmp/dkim.txt" <<DKIM
$T1._domainkey CNAME $T1.dkim.amazonses.com
$T2._domainkey CNAME $T2.dkim.amazonses.com
$T3._domainkey CNAME $T3.dkim.amazonses.com
DKIM

json() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
R="--resolver $r1 --resolver $r2 --dns-timeout 1000"

# Everything published: all green
run check -f notification -s advanced-smtp -d example.com --dkim "$tmp/dkim.txt" $R --json
is "$rc" 0 "everything published: exit 0"
is "$(echo "$out" | json 'd["ok"]')" True "ok is true"
is "$(echo "$out" | json 'len(d["records"])')" 5 "SPF, 3 DKIM CNAMEs and DMARC"
is "$(echo "$out" | json 'sorted(set(s["role"] for s in d["records"][0]["servers"]))')" \
	"['authoritative', 'recursive']" "both kinds of server asked"
is "$(echo "$out" | json 'len(d["records"][0]["servers"])')" 3 \
	"two resolvers and the zone's one name server"
is "$(echo "$out" | json '[s["server"] for s in d["records"][0]["servers"] if s["role"]=="authoritative"][0]')" \
	"ns1.example.com ($auth)" "authoritative server found from SOA and NS"
is "$(echo "$out" | json 'd["spf"]["result"]')" pass "SPF evaluated: pass"
is "$(echo "$out" | json 'd["spf"]["lookups"]')" 2 "lookups counted (mx, include)"
like "$(echo "$out" | json 'd["spf"]["addresses"]')" "199.255.192.0" \
	"sending addresses taken from amazonses.com's SPF"
like "$(echo "$out" | json '" ".join(d["records"][1]["notes"])')" "2048 bits" \
	"DKIM key size reported"
like "$(echo "$out" | json '" ".join(d["records"][4]["notes"])')" "p=quarantine" \
	"the DMARC policy is shown"
like "$(echo "$out" | json '" ".join(d["records"][4]["notes"])')" "through the DKIM signature" \
	"SES: DMARC relies on the DKIM records"
is "$(echo "$out" | json '[r["servers"][0]["ttl"] for r in d["records"]][4]')" 300 \
	"TTL reported"

# The table for people
run check -f notification -s advanced-smtp -d example.com --dkim "$tmp/dkim.txt" $R
is "$rc" 0 "table: exit 0"
like "$out" "Everything is right at every server." "table says all is right"
like "$out" "ns1.example.com ($auth)" "table names the name server"
width=$(echo "$out" | awk '{ if (length($0) > m) m = length($0) } END { print m }')
[ "$width" -le 80 ]
ok $? "table fits 80 columns (widest line: $width)"

# A missing record: missing everywhere; resolvers give the negative TTL
cat >"$tmp/dkim4.txt" <<DKIM
$T1._domainkey CNAME $T1.dkim.amazonses.com
$T2._domainkey CNAME $T2.dkim.amazonses.com
$T3._domainkey CNAME $T3.dkim.amazonses.com
x4._domainkey CNAME x4.dkim.amazonses.com
DKIM
# The SOA cached with the earlier runs' negative answers would shorten this
# one's negative TTL by the time those runs took (long under valgrind).
unbound_flush $r1 example.com SOA
run check -f notification -s advanced-smtp -d example.com --dkim "$tmp/dkim4.txt" $R --json
is "$rc" 1 "a missing record: exit 1"
is "$(echo "$out" | json '[s["status"] for s in d["records"][4]["servers"]]')" \
	"['missing', 'missing', 'missing']" "missing at every server"
eta=$(echo "$out" | json 'd["records"][4]["servers"][0]["eta"]')
cached=$(unbound_cache_ttl $r1 x4._domainkey.example.com CNAME)
[ -n "$eta" ] && [ -n "$cached" ] && [ "$eta" -le 60 ] &&
	[ $((eta - cached)) -le $((2 * slow)) ] &&
	[ $((cached - eta)) -le $((2 * slow)) ]
ok $? "ETA ($eta s) matches the resolver's negative cache ($cached s)"
is "$(echo "$out" | json '[s["eta"] for s in d["records"][4]["servers"] if s["role"]=="authoritative"][0]')" \
	None "no ETA for an authoritative server"

# Wrong target, doubled domain, two SPF records
cat >"$tmp/dkimw.txt" <<DKIM
$T1._domainkey CNAME $T1.dkim.amazonses.com
$T2._domainkey CNAME $T2.dkim.amazonses.com
DKIM
run check -f notification -s advanced-smtp -d wrong.example.com \
	--existing-spf 'v=spf1 include:amazonses.com -all' \
	--dkim "$tmp/dkimw.txt" $R --json
is "$rc" 1 "wrong records: exit 1"
is "$(echo "$out" | json 'd["records"][1]["servers"][0]["status"]')" mismatch \
	"wrong CNAME target is a mismatch"
like "$(echo "$out" | json 'd["records"][1]["servers"][0]["reason"]')" \
	"dkim.example.net" "reason names the wrong target"
is "$(echo "$out" | json 'd["records"][2]["servers"][0]["status"]')" missing \
	"record under the doubled name is missing at the right name"
like "$(echo "$out" | json '" ".join(d["records"][2]["notes"])')" \
	"domain twice" "doubled domain reported as that mistake"
is "$(echo "$out" | json 'd["records"][0]["servers"][0]["status"]')" mismatch \
	"two SPF records: mismatch"
like "$(echo "$out" | json 'd["records"][0]["servers"][0]["reason"]')" \
	"2 SPF records" "reason counts the SPF records"

# -all before the include: SPF fails for Amazon SES
run check -f notification -s advanced-smtp -d order.example.com \
	--existing-spf 'v=spf1 -all include:amazonses.com' $R --json
is "$(echo "$out" | json 'd["spf"]["result"]')" fail "-all first: SPF fails"
is "$rc" 1 "exit 1 when SPF does not pass"

# An include tree over the limit of 10 lookups
run check -f notification -s advanced-smtp -d deep.example.com $R --json
is "$(echo "$out" | json 'd["spf"]["result"]')" permerror \
	"over 10 lookups: permerror"
like "$(echo "$out" | json 'd["spf"]["tree"]')" "i1.example.com" \
	"the tree shows which include costs what"
run check -f notification -s advanced-smtp -d deep.example.com $R
like "$out" "i2.example.com" "the text output shows the include tree"
width=$(echo "$out" | awk '{ if (length($0) > m) m = length($0) } END { print m }')
[ "$width" -le 80 ]
ok $? "SPF tree and reasons fit 80 columns (widest line: $width)"

# --no-authoritative asks resolvers only
run check -f notification -s advanced-smtp -d example.com --dkim "$tmp/dkim.txt" \
	$R --no-authoritative --json
is "$(echo "$out" | json 'len(d["records"][0]["servers"])')" 2 \
	"--no-authoritative: only the two resolvers"

# --expect: the records of an export file, in any format
for fmt in zone json csv octodns terraform; do
	"$MAILWIZ" plan -f notification -s advanced-smtp -d example.com \
		--dkim "$tmp/dkim.txt" --existing-spf 'v=spf1 mx include:amazonses.com ~all' \
		-F $fmt -o "$tmp/expect.$fmt" 2>/dev/null
	run check --expect "$tmp/expect.$fmt" $R --json
	is "$rc" 0 "--expect $fmt: everything as the file says"
done
is "$(echo "$out" | json 'len(d["records"])')" 5 "--expect: the file's five records"
is "$(echo "$out" | json 'd["spf"]')" None "--expect alone: no path, so no SPF evaluation"
run check --expect "$tmp/expect.json" -f notification -s advanced-smtp $R --json
is "$(echo "$out" | json 'd["spf"]["result"]')" pass "--expect with a path: SPF evaluated too"
sed 's/include:amazonses.com ~all/include:amazonses.com -all/' "$tmp/expect.zone" >"$tmp/edited.zone"
run check --expect "$tmp/edited.zone" $R --json
is "$rc" 1 "--expect: an edited file no longer matches"
run check --expect "$tmp/nonexistent.zone" $R
is "$rc" 2 "--expect with a missing file: exit 2"
like "$err" "cannot read" "message says the file cannot be read"
run check --expect "$tmp/expect.zone" -d other.org $R
is "$rc" 2 "--expect for another domain: exit 2"
like "$err" "not 'other.org'" "message names both domains"

# Ctrl-free bad input
run check -f notification -s advanced-smtp -d example.com --max-inflight 0 $R
is "$rc" 2 "bad --max-inflight: exit 2"
run check -f notification -s advanced-smtp -d example.com --resolver nope
is "$rc" 2 "bad resolver: exit 2"

# Several domains at once, JSON lines
printf 'example.com\n# a comment\n\nwrong.example.com\norder.example.com\n' >"$tmp/domains"
run check -f notification -s advanced-smtp --domains "$tmp/domains" $R
is "$rc" 1 "--domains: exit 1 when some are not right"
is "$(echo "$out" | wc -l)" 3 "one JSON line per domain"
is "$(echo "$out" | /usr/bin/python3 -c 'import json,sys; d=dict((j["domain"], j["ok"]) for j in map(json.loads, sys.stdin)); print(d["example.com"], d["wrong.example.com"], d["order.example.com"])')" \
	"True False False" "each line judged (example.com right, others not)"
printf 'example.com\nnot a domain\n' >"$tmp/bad-domains"
run check -f notification -s advanced-smtp --domains "$tmp/bad-domains" $R
is "$rc" 2 "a bad line in --domains: exit 2"
like "$err" "bad-domains:2:" "message names the file and line"

done_testing
