#!/bin/sh
# t0420-check-faults: servers that fail in every way are reported as such,
# and never stop the rest of the check
. "$(dirname "$0")/lib.sh"

command -v knotd >/dev/null || skip_all "knotd is not installed"
command -v unbound >/dev/null || skip_all "unbound is not installed"
/usr/bin/python3 -c 'import dnslib' 2>/dev/null || skip_all "python3-dnslib is not installed"

auth=127.77.42.1
res=127.77.42.11
fault=127.77.42.21
deadns=127.77.42.31

cat >"$tmp/example.org.zone" <<ZONE
\$ORIGIN example.org.
\$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 60
@	NS	ns1
@	NS	ns2
@	NS	ns3
ns1	A	$auth
ns2	A	$deadns
; ns3 has no address at all
@	TXT	"v=spf1 ip4:192.0.2.25 ~all"
_dmarc	TXT	"v=DMARC1; p=none"
ZONE

cat >"$tmp/example.net.zone" <<'ZONE'
$ORIGIN example.net.
$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 60
@	NS	ns1
ns1	A	127.77.42.21
tc	TXT	"v=spf1 ip4:192.0.2.25 ~all"
_dmarc.tc	TXT	"v=DMARC1; p=none"
ok	TXT	"v=spf1 ip4:192.0.2.25 ~all"
_dmarc.ok	TXT	"v=DMARC1; p=none"
ZONE

knot_start $auth example.org "$tmp/example.org.zone" ||
	{ echo "Bail out! cannot start knotd"; exit 1; }
unbound_start $res $auth || { echo "Bail out! cannot start unbound"; exit 1; }
# The second name server of example.org never answers.
fault_start $deadns --rule '*.example.org=TIMEOUT' --rule 'example.org=TIMEOUT' ||
	{ echo "Bail out! cannot start the fault server"; exit 1; }
# A resolver that fails in a different way for each name.
fault_start $fault --zone "$tmp/example.net.zone" \
	--rule '*.servfail.example.net=SERVFAIL' --rule 'servfail.example.net=SERVFAIL' \
	--rule '*.refused.example.net=REFUSED' --rule 'refused.example.net=REFUSED' \
	--rule '*.slow.example.net=TIMEOUT' --rule 'slow.example.net=TIMEOUT' \
	--rule '*.garbage.example.net=GARBAGE' --rule 'garbage.example.net=GARBAGE' \
	--rule 'tc.example.net/TXT=TRUNCATE' \
	--rule 'big.example.net=BIGTXT:65000' ||
	{ echo "Bail out! cannot start the fault server"; exit 1; }

json() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
P="-f notification -s external-smtp -p custom --ip 192.0.2.25"

# One name server times out, one has no address: both shown, rest checked
start=$(now_ms)
run check $P -d example.org --resolver $res --dns-timeout 400 --dns-tries 1 --json
took=$(( $(now_ms) - start ))
is "$rc" 1 "a dead name server: not right everywhere"
is "$(echo "$out" | json '[s["status"] for s in d["records"][0]["servers"] if s["server"].startswith("ns1.")][0]')" \
	ok "the live name server is still checked"
is "$(echo "$out" | json '[s["status"] for s in d["records"][0]["servers"] if s["server"].startswith("ns2.")][0]')" \
	error "the silent name server is an error"
like "$(echo "$out" | json '[s["reason"] for s in d["records"][0]["servers"] if s["server"].startswith("ns2.")][0]')" \
	timeout "... because of a timeout"
like "$(echo "$out" | json '[s["reason"] for s in d["records"][0]["servers"] if s["server"].startswith("ns3.")][0]')" \
	"no address" "a name server without an address is shown as such"
is "$(echo "$out" | json 'd["spf"]["result"]')" pass "SPF still evaluated"
[ "$took" -lt $((10000 * slow)) ]
ok $? "the check did not hang on the dead server (${took} ms)"

F="--resolver $fault --no-authoritative --existing-spf v=spf1 --dns-timeout 300 --dns-tries 1 --json"
for kind in servfail refused; do
	word=$(echo $kind | tr a-z A-Z)
	run check $P -d $kind.example.net $F
	is "$rc" 1 "$word: exit 1"
	is "$(echo "$out" | json 'd["records"][0]["servers"][0]["status"]')" error \
		"$word is an error"
	is "$(echo "$out" | json 'd["records"][0]["servers"][0]["reason"]')" "$word" \
		"... reported as $word, not as 'cannot contact'"
done

run check $P -d slow.example.net $F
like "$(echo "$out" | json 'd["records"][0]["servers"][0]["reason"]')" timeout \
	"a silent resolver: timeout"
run check $P -d garbage.example.net $F
is "$(echo "$out" | json 'd["records"][0]["servers"][0]["status"]')" error \
	"garbage bytes: an error, no crash"
run check $P -d tc.example.net $F
is "$(echo "$out" | json 'd["records"][0]["servers"][0]["status"]')" mismatch \
	"a truncated answer is asked again over TCP and read"
run check $P -d big.example.net $F
is "$(echo "$out" | json 'd["records"][0]["servers"][0]["status"]')" missing \
	"a 64 KB TXT answer over TCP is read (no SPF in it)"
like "$(fault_queries $fault)" "tcp big.example.net." "... and it came over TCP"

done_testing
