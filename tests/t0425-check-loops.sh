#!/bin/sh
# t0425-check-loops: CNAME loops and over-long CNAME chains (at a DKIM
# key, at _dmarc, at an SPF include: target) and SPF include and redirect
# loops, over real DNS: Knot (authoritative), Unbound (which answers such
# chains with SERVFAIL) and tests/dns-fault.py as a resolver that hands
# the whole chain back. `mailwiz check` and `mailwiz spf` finish at once,
# say "loop" in plain words at the record concerned, and exit with the
# documented status.
. "$(dirname "$0")/lib.sh"

command -v knotd >/dev/null || skip_all "knotd is not installed"
command -v unbound >/dev/null || skip_all "unbound is not installed"
command -v openssl >/dev/null || skip_all "openssl is not installed"
"$py3" -c 'import dnslib' 2>/dev/null ||
	skip_all "python3-dnslib is not installed"

auth=127.77.25.1
unb=127.77.25.11
flt=127.77.25.21

openssl genrsa -out "$tmp/key.pem" 2048 2>/dev/null
key=$(openssl rsa -in "$tmp/key.pem" -pubout -outform DER 2>/dev/null |
	base64 -w0)
keytxt=$(printf 'v=DKIM1; k=rsa; p=%s' "$key" | sed 's/.\{200\}/&" "/g')

{
	cat <<ZONE
\$ORIGIN example.com.
\$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 60
@	NS	ns1
ns1	A	$auth
; d1: the target of DKIM selector sel1 loops (in amazonses.com); sel2's
; target reaches the key through two more CNAMEs
d1	TXT	"v=spf1 include:amazonses.com ~all"
_dmarc.d1	TXT	"v=DMARC1; p=none"
sel1._domainkey.d1	CNAME	sel1.dkim.amazonses.com.
sel2._domainkey.d1	CNAME	sel2.dkim.amazonses.com.
; d2: _dmarc is a CNAME loop
d2	TXT	"v=spf1 ip4:192.0.2.25 ~all"
_dmarc.d2	CNAME	dmarc-a.d2
dmarc-a.d2	CNAME	_dmarc.d2
; d3: _dmarc starts a chain of 30 CNAMEs before the record
d3	TXT	"v=spf1 ip4:192.0.2.25 ~all"
_dmarc.d3	CNAME	c1.d3
ZONE
	i=1
	while [ $i -lt 30 ]; do
		printf 'c%d.d3\tCNAME\tc%d.d3\n' $i $((i + 1))
		i=$((i + 1))
	done
	cat <<ZONE
c30.d3	TXT	"v=DMARC1; p=none"
; d4: the target of include: is a CNAME loop
d4	TXT	"v=spf1 include:spf.d4.example.com ip4:192.0.2.25 ~all"
_dmarc.d4	TXT	"v=DMARC1; p=none"
spf.d4	CNAME	spf2.d4
spf2.d4	CNAME	spf.d4
; d5: _dmarc handed to a vendor through two CNAMEs (no loop: right)
d5	TXT	"v=spf1 ip4:192.0.2.25 ~all"
_dmarc.d5	CNAME	dmarc.vendor
dmarc.vendor	CNAME	rua.vendor
rua.vendor	TXT	"v=DMARC1; p=quarantine"
; d6 includes b.d6, which includes d6
d6	TXT	"v=spf1 include:b.d6.example.com ip4:192.0.2.25 ~all"
_dmarc.d6	TXT	"v=DMARC1; p=none"
b.d6	TXT	"v=spf1 include:d6.example.com ~all"
; d7 redirects to r.d7, which redirects to d7
d7	TXT	"v=spf1 redirect=r.d7.example.com"
r.d7	TXT	"v=spf1 redirect=d7.example.com"
ZONE
} >"$tmp/example.com.zone"

cat >"$tmp/amazonses.com.zone" <<ZONE
\$ORIGIN amazonses.com.
\$TTL 300
@	SOA	ns1.example.com. hostmaster.example.com. 1 3600 600 86400 60
@	NS	ns1.example.com.
@	TXT	"v=spf1 ip4:199.255.192.0/22 -all"
sel1.dkim	CNAME	sel1b.dkim
sel1b.dkim	CNAME	sel1.dkim
sel2.dkim	CNAME	sel2b.dkim
sel2b.dkim	CNAME	sel2c.dkim
sel2c.dkim	TXT	"$keytxt"
ZONE

knot_start $auth example.com "$tmp/example.com.zone" \
	amazonses.com "$tmp/amazonses.com.zone" ||
	{ echo "Bail out! cannot start knotd"; exit 1; }
unbound_start $unb $auth || { echo "Bail out! cannot start unbound"; exit 1; }
fault_start $flt --zone "$tmp/example.com.zone" \
	--zone "$tmp/amazonses.com.zone" ||
	{ echo "Bail out! cannot start the fault server"; exit 1; }

# J EXPR: evaluate a Python expression on the JSON in $out; rec(PURPOSE,
# [NAME]) is a record, cell(PURPOSE, ADDR, [NAME]) its answer from ADDR.
J() {
	printf '%s' "$out" | "$py3" -c 'import json, sys
d = json.load(sys.stdin)
def rec(p, name=None):
    return [r for r in d["records"] if r["purpose"] == p and
            (name is None or r["name"] == name)][0]
def cell(p, addr, name=None):
    return [s for s in rec(p, name)["servers"] if s["address"] == addr][0]
print(eval(sys.argv[1]))' "$1"
}

# timed CMD...: run mailwiz, $took in ms.
timed() {
	local t0
	t0=$(now_ms)
	run "$@"
	took=$(($(now_ms) - t0))
}

R="--resolver $unb --resolver $flt --dns-timeout 1000 --dns-tries 1"

# 1. A DKIM selector whose target loops (sel1 -> a -> b -> a)
cat >"$tmp/dkim.txt" <<DKIM
sel1._domainkey CNAME sel1.dkim.amazonses.com
sel2._domainkey CNAME sel2.dkim.amazonses.com
DKIM
# (The key is asked of one resolver only: the first that answers.)
timed check -f notification -s advanced-smtp -d d1.example.com \
	--dkim "$tmp/dkim.txt" --resolver $flt --dns-timeout 1000 \
	--dns-tries 1 --json
[ "$took" -lt 10000 ]
ok $? "DKIM target loop: check finishes ($took ms)"
n1=sel1._domainkey.d1.example.com.
n2=sel2._domainkey.d1.example.com.
is "$(J "[s['status'] for s in rec('dkim', '$n1')['servers']]")" \
	"['ok', 'ok']" "the selector's own CNAME is right everywhere"
notes=$(J "' | '.join(rec('dkim', '$n1')['notes'])")
like "$notes" "no DKIM key can be found at 'sel1.dkim.amazonses.com.': CNAME loop (sel1.dkim.amazonses.com -> sel1b.dkim.amazonses.com -> sel1.dkim.amazonses.com)" \
	"the note says the key's name is a CNAME loop, and shows it"
like "$notes" "DKIM signatures fail" "... and what that breaks"
unlike "$notes" "no DKIM key is published" \
	"not mistaken for a key that is simply missing"
like "$(J "' | '.join(rec('dkim', '$n2')['notes'])")" "DKIM key: rsa, 2048 bits" \
	"a key two CNAMEs beyond the target is found"
is "$rc" 0 "the records themselves are right: exit 0 (the key is a note)"
# Unbound gives SERVFAIL for the loop: said as such, not as a missing key.
timed check -f notification -s advanced-smtp -d d1.example.com \
	--dkim "$tmp/dkim.txt" --resolver $unb --dns-timeout 1000 \
	--dns-tries 1 --json
like "$(J "' | '.join(rec('dkim', '$n1')['notes'])")" \
	"the DKIM key at 'sel1.dkim.amazonses.com.' could not be read: the resolver answered SERVFAIL" \
	"through Unbound: the key could not be read (SERVFAIL)"
unlike "$(J "' | '.join(rec('dkim', '$n1')['notes'])")" "no DKIM key is published" \
	"... not 'no DKIM key is published'"

# 2. _dmarc is a CNAME loop
timed check -f notification -s external-smtp -p custom --ip 192.0.2.25 \
	-d d2.example.com $R --json
[ "$took" -lt 10000 ]
ok $? "_dmarc loop: check finishes ($took ms)"
is "$rc" 1 "_dmarc loop: exit 1"
for a in $auth $flt; do
	is "$(J "cell('dmarc', '$a')['status']")" mismatch \
		"_dmarc loop at $a: wrong, not missing"
	like "$(J "cell('dmarc', '$a')['reason']")" \
		"CNAME loop: the CNAMEs from '_dmarc.d2.example.com.' lead back to a name already seen" \
		"_dmarc loop at $a: said in plain words"
	is "$(J "cell('dmarc', '$a')['answer']")" \
		"_dmarc.d2.example.com -> dmarc-a.d2.example.com -> _dmarc.d2.example.com" \
		"_dmarc loop at $a: the loop is shown"
	is "$(J "cell('dmarc', '$a')['ttl']")" 300 "_dmarc loop at $a: its TTL"
done
is "$(J "cell('dmarc', '$unb')['status']") $(J "cell('dmarc', '$unb')['reason']")" \
	"error SERVFAIL" "Unbound's SERVFAIL for the loop is an error"
is "$(J "cell('spf', '$flt')['status']")" ok "the SPF record is still judged"
timed check -f notification -s external-smtp -p custom --ip 192.0.2.25 \
	-d d2.example.com $R
like "$out" "CNAME loop: the CNAMEs from" "the table says it too"
like "$out" "seen: _dmarc.d2.example.com -> dmarc-a.d2.example.com ->" \
	"and shows the loop"

# A _dmarc CNAME that does lead to a record is right (control)
timed check -f notification -s external-smtp -p custom --ip 192.0.2.25 \
	-d d5.example.com $R --json
is "$(J "[s['status'] for s in rec('dmarc')['servers']]")" \
	"['ok', 'ok', 'ok']" "_dmarc through two CNAMEs to a record: ok"
is "$rc" 0 "... and everything else is right: exit 0"

# 3. A CNAME chain longer than any resolver follows
timed check -f notification -s external-smtp -p custom --ip 192.0.2.25 \
	-d d3.example.com $R --no-authoritative --json
[ "$took" -lt 10000 ]
ok $? "30 CNAMEs: check finishes ($took ms)"
is "$rc" 1 "30 CNAMEs: exit 1"
is "$(J "cell('dmarc', '$flt')['status']")" mismatch \
	"the whole chain handed back: wrong"
like "$(J "cell('dmarc', '$flt')['reason']")" \
	"CNAME chain too long: the CNAMEs from '_dmarc.d3.example.com.' go on for more than 16 names" \
	"said in plain words"
is "$(J "cell('dmarc', '$unb')['reason']")" SERVFAIL \
	"Unbound gives up on it: SERVFAIL"

# 4. The target of include: is a CNAME loop
timed spf --ip 192.0.2.25 --sender billing@d4.example.com \
	--resolver $flt --timeout 1000 --json
[ "$took" -lt 10000 ]
ok $? "spf, include: target loop: finishes ($took ms)"
is "$rc" 7 "include: target loop: temperror, exit 7"
like "$out" '"result":"temperror"' "result temperror"
like "$out" "CNAME loop: the CNAMEs from spf.d4.example.com lead back to a name already seen, so its TXT records cannot be read" \
	"the reason names the loop"
timed spf --ip 192.0.2.25 --sender billing@d4.example.com \
	--resolver $unb --timeout 1000
is "$rc" 7 "through Unbound (SERVFAIL): temperror too"
like "$out" "no answer for the TXT records of spf.d4.example.com" \
	"... as a server failure at the include's target"
timed check -f notification -s external-smtp -p custom --ip 192.0.2.25 \
	-d d4.example.com --resolver $flt --dns-timeout 1000 --dns-tries 1 \
	--json
is "$rc" 1 "check: SPF does not pass, exit 1"
is "$(J "d['spf']['result']")" temperror "check: SPF temperror"
like "$(J "d['spf']['reason']")" "CNAME loop: the CNAMEs from spf.d4.example.com" \
	"check: the SPF reason names the loop"
is "$(J "cell('spf', '$flt')['status']")" ok \
	"the domain's own SPF record holds the address: ok"

# 5. An include loop: d6 includes b.d6, which includes d6
for r in $flt $unb; do
	timed spf --ip 192.0.2.25 --sender billing@d6.example.com \
		--resolver $r --timeout 1000 --json
	[ "$took" -lt 10000 ]
	ok $? "include loop via $r: finishes ($took ms)"
	is "$rc" 8 "include loop via $r: permerror, exit 8"
	like "$out" "'include:d6.example.com' in the SPF record of b.d6.example.com makes a loop (d6.example.com -> b.d6.example.com -> d6.example.com)" \
		"include loop via $r: the loop is named"
	like "$out" '"lookups":2,' \
		"include loop via $r: stopped at the loop (2 lookups, not 11)"
done
timed spf --ip 192.0.2.25 --sender billing@d6.example.com --resolver $flt \
	--timeout 1000 -v
like "$out" "include:b.d6.example.com -> b.d6.example.com: permerror" \
	"the tree shows where the loop closes"
timed check -f notification -s external-smtp -p custom --ip 192.0.2.25 \
	-d d6.example.com $R --json
is "$rc" 1 "check: include loop, exit 1"
is "$(J "d['spf']['result']")" permerror "check: SPF permerror"
like "$(J "d['spf']['reason']")" "makes a loop (d6.example.com -> b.d6.example.com -> d6.example.com)" \
	"check: the reason names the loop"

# 6. A redirect loop
timed spf --ip 192.0.2.25 --sender billing@d7.example.com --resolver $flt \
	--timeout 1000
is "$rc" 8 "redirect loop: permerror, exit 8"
like "$out" "'redirect=d7.example.com' in the SPF record of r.d7.example.com makes a loop (d7.example.com -> r.d7.example.com -> d7.example.com)" \
	"the redirect loop is named"

done_testing
