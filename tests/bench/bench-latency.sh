#!/bin/sh
# bench-latency: how long one `mailwiz check` takes when every DNS answer
# comes 50 ms late and the resolvers' caches are cold, beside pyspf
# evaluating the same SPF tree. Prints figures; asserts nothing. Exits 0
# unless the servers cannot be set up.
#
#   Knot 127.77.60.1 serves bench.example and amazonses.com (a stand-in)
#   relays 127.77.60.2/.3 (+50 ms) -> Knot: the zone's ns1/ns2
#   Unbound 127.77.60.11/.12 -> Knot (stub, no delay)
#   relays 127.77.60.21/.22 (+50 ms) -> Unbound: mailwiz's --resolver
#
# SPF of bench.example: 8 includes, the last (amazonses.com) includes
# deep2, which includes deep3 (10 lookups, 3 deep); the sending address
# is only in deep3, so every record of the tree is evaluated.
#
# Environment: MAILWIZ_BIN (binary to time, default the tree's mailwiz),
# BENCH_RUNS (default 5), BENCH_DELAY_MS (default 50).
MAILWIZ_TOP=${MAILWIZ_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$MAILWIZ_TOP/tests/lib.sh"
[ -n "${MAILWIZ_BIN:-}" ] && MAILWIZ=$MAILWIZ_BIN

runs=${BENCH_RUNS:-5}
delay=${BENCH_DELAY_MS:-50}
knot=127.77.60.1
ns1=127.77.60.2
ns2=127.77.60.3
ub1=127.77.60.11
ub2=127.77.60.12
res1=127.77.60.21
res2=127.77.60.22
ip=203.0.113.7
sender=postmaster@bench.example
T1=abcdefghijklmnopqrstuvwxyz234567
T2=bcdefghijklmnopqrstuvwxyz2345672
T3=cdefghijklmnopqrstuvwxyz23456723

die() {
	echo "bench-latency: $*" >&2
	exit 1
}

for t in knotd unbound unbound-control kdig openssl; do
	command -v $t >/dev/null || die "$t is not installed"
done
[ -x "$MAILWIZ" ] || die "no mailwiz binary at $MAILWIZ"

openssl genrsa -out "$tmp/key.pem" 2048 2>/dev/null || die "openssl genrsa"
key=$(openssl rsa -in "$tmp/key.pem" -pubout -outform DER 2>/dev/null |
    base64 -w0)
keytxt=$(printf 'v=DKIM1; k=rsa; p=%s' "$key" | sed 's/.\{200\}/&" "/g')

cat >"$tmp/bench.example.zone" <<ZONE
\$ORIGIN bench.example.
\$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 60
@	NS	ns1
@	NS	ns2
ns1	A	$ns1
ns2	A	$ns2
@	MX	10 mail
mail	A	192.0.2.25
; one record in several strings (joined without spaces, RFC 7208 3.3)
@	TXT	( "v=spf1 include:s1.bench.example include:s2.bench.example "
		  "include:s3.bench.example include:s4.bench.example "
		  "include:s5.bench.example include:s6.bench.example "
		  "include:s7.bench.example include:amazonses.com ~all" )
s1	TXT	"v=spf1 ip4:198.51.100.1 ip4:198.51.100.101 -all"
s2	TXT	"v=spf1 ip4:198.51.100.2 ip4:198.51.100.102 -all"
s3	TXT	"v=spf1 ip4:198.51.100.3 ip4:198.51.100.103 -all"
s4	TXT	"v=spf1 ip4:198.51.100.4 ip4:198.51.100.104 -all"
s5	TXT	"v=spf1 ip4:198.51.100.5 ip4:198.51.100.105 -all"
s6	TXT	"v=spf1 ip4:198.51.100.6 ip4:198.51.100.106 -all"
s7	TXT	"v=spf1 ip4:198.51.100.7 ip4:198.51.100.107 -all"
_dmarc	TXT	"v=DMARC1; p=quarantine; rua=mailto:dmarc@bench.example"
$T1._domainkey	CNAME	$T1.dkim.amazonses.com.
$T2._domainkey	CNAME	$T2.dkim.amazonses.com.
$T3._domainkey	CNAME	$T3.dkim.amazonses.com.
ZONE

cat >"$tmp/amazonses.com.zone" <<ZONE
\$ORIGIN amazonses.com.
\$TTL 300
@	SOA	ns1.bench.example. hostmaster.bench.example. (
		1 3600 600 86400 60 )
@	NS	ns1.bench.example.
@	TXT	"v=spf1 include:deep2.amazonses.com -all"
deep2	TXT	"v=spf1 include:deep3.amazonses.com -all"
deep3	TXT	"v=spf1 ip4:$ip -all"
$T1.dkim	TXT	"$keytxt"
$T2.dkim	TXT	"$keytxt"
$T3.dkim	TXT	"$keytxt"
ZONE

cat >"$tmp/dkim.txt" <<DKIM
$T1._domainkey CNAME $T1.dkim.amazonses.com
$T2._domainkey CNAME $T2.dkim.amazonses.com
$T3._domainkey CNAME $T3.dkim.amazonses.com
DKIM

unbound_extra="    log-queries: no
    log-replies: no"
knot_start $knot bench.example "$tmp/bench.example.zone" \
	amazonses.com "$tmp/amazonses.com.zone" || die "cannot start knotd"
delay_start $ns1 $knot "$delay" || die "cannot start the relay on $ns1"
delay_start $ns2 $knot "$delay" || die "cannot start the relay on $ns2"
unbound_start $ub1 $knot || die "cannot start unbound on $ub1"
unbound_start $ub2 $knot || die "cannot start unbound on $ub2"
delay_start $res1 $ub1 "$delay" || die "cannot start the relay on $res1"
delay_start $res2 $ub2 "$delay" || die "cannot start the relay on $res2"

# queries ADDR...: how many queries the relays on ADDR... have relayed.
queries() {
	local a n
	n=0
	for a in "$@"; do
		[ -f "$tmp/delay-$a/queries.log" ] &&
		    n=$((n + $(wc -l <"$tmp/delay-$a/queries.log")))
	done
	echo $n
}

# flush: empty both resolvers' caches.
flush() {
	unbound_flush_all $ub1 && unbound_flush_all $ub2 ||
	    die "cannot flush unbound"
}

# stats FILE: print "min M  median M  max M" of the numbers in FILE.
stats() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "no runs"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "min %d ms  median %d ms  max %d ms", v[1], m, v[NR]
	}'
}

# median FILE: print the median of the numbers in FILE.
median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		printf "%d\n", NR % 2 ? v[(NR + 1) / 2] : \
		    (v[NR / 2] + v[NR / 2 + 1]) / 2
	}'
}

# jget FILE EXPR: print EXPR of the JSON document d in FILE.
jget() {
	"$py3" -c 'import json, sys
try:
    d = json.load(open(sys.argv[1]))
    print(eval(sys.argv[2]))
except Exception as e:
    print("unreadable (%s)" % e)' "$1" "$2"
}

check_args="check -f notification -s advanced-smtp -d bench.example
    --dkim $tmp/dkim.txt --resolver $res1 --resolver $res2 --json"

echo "# bench-latency: every DNS answer +$delay ms, cold caches, $runs runs"
echo "# mailwiz: $MAILWIZ"
echo "# SPF tree: 8 includes, 3 deep, 10 lookups; $ip only in the deepest"
echo

# --- mailwiz check ---------------------------------------------------------
echo "mailwiz check (SOA/NS discovery, 5 records x (2 resolvers + 2 name"
echo "servers), DKIM keys, SPF gathered and evaluated):"
: >"$tmp/mw.ms"
i=1
while [ $i -le "$runs" ]; do
	flush
	qr0=$(queries $res1 $res2)
	qa0=$(queries $ns1 $ns2)
	t0=$(now_ms)
	"$MAILWIZ" $check_args >"$tmp/mw.$i.json" 2>"$tmp/mw.$i.err"
	rc=$?
	t1=$(now_ms)
	echo $((t1 - t0)) >>"$tmp/mw.ms"
	qr=$(($(queries $res1 $res2) - qr0))
	qa=$(($(queries $ns1 $ns2) - qa0))
	printf '  run %d: %4d ms  exit %d  ok %s  spf %s (%s lookups)  ' \
	    $i $((t1 - t0)) $rc "$(jget "$tmp/mw.$i.json" 'd["ok"]')" \
	    "$(jget "$tmp/mw.$i.json" 'd["spf"]["result"]')" \
	    "$(jget "$tmp/mw.$i.json" 'd["spf"]["lookups"]')"
	printf 'queries: %d to resolvers, %d to name servers\n' $qr $qa
	[ -s "$tmp/mw.$i.err" ] && sed 's/^/    stderr: /' "$tmp/mw.$i.err"
	i=$((i + 1))
done
mw_med=$(median "$tmp/mw.ms")
goal=$((8 * delay))
printf '  wall: %s\n' "$(stats "$tmp/mw.ms")"
if [ "$mw_med" -le "$goal" ] 2>/dev/null; then verdict=met; else
	verdict=MISSED; fi
printf '  goal: at most 8 x %d ms = %d ms (median %s ms: %s)\n' \
    "$delay" "$goal" "$mw_med" "$verdict"
last=$tmp/mw.$runs.json
if [ "$(jget "$last" 'd["ok"]')" != True ]; then
	echo "  last run's problems and statuses:"
	jget "$last" '"\n".join(["    " + p for p in d["problems"]] +
	    ["    %s %s: %s" % (r["name"], s["server"], s["status"])
	     for r in d["records"] for s in r["servers"]
	     if s["status"] != "ok"] +
	    ["    spf: %s" % (d["spf"] or {}).get("reason")])'
fi

# Round trips in sequence: trace what mailwiz sends (one more cold run, not
# timed), read the DNS question in each packet and group them into waves:
# a send more than half a delay after the previous one starts a new wave,
# as only an answer (at least one delay later) can set off a new question.
cat >"$tmp/waves.py" <<'PY'
import re
import sys

TYPES = {1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 15: "MX", 16: "TXT",
         28: "AAAA", 99: "SPF"}
CALL = re.compile(r'\s*\d+\s+([\d.]+)\s+(?:sendto|sendmsg|send|writev?)'
                  r'\(\d+,.*?"((?:\\x[0-9a-f]{2})+)"')


def question(data):
    """Return "NAME/TYPE" of a DNS query (UDP, or TCP with its length
    first), or None."""
    for d in (data, data[2:]):
        if len(d) < 17 or d[2] & 0x80 or d[4:6] != b"\0\1":
            continue
        p, labels = 12, []
        try:
            while d[p]:
                labels.append(d[p + 1:p + 1 + d[p]].decode())
                p += 1 + d[p]
        except (IndexError, UnicodeDecodeError):
            continue
        qt = int.from_bytes(d[p + 1:p + 3], "big")
        return ".".join(labels) + "/" + TYPES.get(qt, str(qt))
    return None


sends = []
for line in open(sys.argv[1]):
    m = CALL.match(line)
    if m:
        hexes = re.findall(r"\\x([0-9a-f]{2})", m.group(2))
        q = question(bytes(int(h, 16) for h in hexes))
        if q is not None:
            sends.append((float(m.group(1)) * 1000, q))
sends.sort()
waves, last = [], None
for t, q in sends:
    if last is None or t - last > float(sys.argv[2]) / 2:
        waves.append((t, {}))
    waves[-1][1][q] = waves[-1][1].get(q, 0) + 1
    last = t
for i, (t, qs) in enumerate(waves, 1):
    print("  wave %d at +%3.0f ms, %2d questions: %s" % (
        i, t - waves[0][0], sum(qs.values()),
        ", ".join(q + ("" if n == 1 else " x%d" % n)
                  for q, n in qs.items())))
PY
if command -v strace >/dev/null; then
	flush
	strace -f -ttt -xx -s 2048 -e trace=sendto,sendmsg,send,write,writev \
	    -o "$tmp/strace.txt" "$MAILWIZ" $check_args >/dev/null 2>&1
	"$py3" "$tmp/waves.py" "$tmp/strace.txt" "$delay" >"$tmp/waves.txt"
	printf '  round trips in sequence (strace, one more cold run): %d\n' \
	    "$(grep -c '^  wave' "$tmp/waves.txt")"
	cat "$tmp/waves.txt"
else
	echo "  (strace is not installed: round trips in sequence not counted)"
fi
echo

# --- mailwiz spf (SPF only, as pyspf does) ---------------------------------
echo "mailwiz spf --ip $ip (SPF evaluation only, one resolver $res1):"
: >"$tmp/ms.ms"
i=1
while [ $i -le "$runs" ]; do
	flush
	q0=$(queries $res1)
	t0=$(now_ms)
	"$MAILWIZ" spf --ip $ip --sender $sender --resolver $res1 --json \
	    >"$tmp/ms.$i.json" 2>"$tmp/ms.$i.err"
	rc=$?
	t1=$(now_ms)
	echo $((t1 - t0)) >>"$tmp/ms.ms"
	printf '  run %d: %4d ms  exit %d  result %s  queries %d\n' \
	    $i $((t1 - t0)) $rc "$(jget "$tmp/ms.$i.json" 'd["result"]')" \
	    $(($(queries $res1) - q0))
	i=$((i + 1))
done
printf '  wall: %s\n' "$(stats "$tmp/ms.ms")"
echo

# --- pyspf -----------------------------------------------------------------
# pyspf prefers dnspython (which reads /etc/resolv.conf); it is blocked
# here so that pyspf uses pydns, whose server list is then set to the one
# relay. pydns reads /etc/resolv.conf at import but sends nothing then.
cat >"$tmp/pyspf.py" <<'PY'
import sys
import time
sys.modules["dns"] = None          # no dnspython: use pydns
import DNS
import spf
server, ip, sender, helo = sys.argv[1:5]
if spf.DNSLookup is not spf.DNSLookup_pydns:
    sys.exit("pyspf does not use pydns")
DNS.defaults["server"] = [server]
DNS.defaults["server_rotate"] = 0
DNS.defaults["timeout"] = 5
t0 = time.monotonic()
q = spf.query(i=ip, s=sender, h=helo, querytime=20)
res, code, expl = q.check()
ms = (time.monotonic() - t0) * 1000
print("%s %.0f %d" % (res, ms, q.lookups))
PY
pyspf_version=$(/usr/bin/python3 -c 'import sys
sys.modules["dns"] = None
import DNS, spf
print(spf.__version__)' 2>/dev/null)
if [ -n "$pyspf_version" ]; then
	echo "pyspf $pyspf_version over pydns, one resolver $res1:"
	: >"$tmp/py.ms"
	: >"$tmp/py.eval.ms"
	i=1
	while [ $i -le "$runs" ]; do
		flush
		q0=$(queries $res1)
		t0=$(now_ms)
		out=$(/usr/bin/python3 "$tmp/pyspf.py" $res1 $ip $sender \
		    mail.bench.example 2>"$tmp/py.$i.err")
		t1=$(now_ms)
		echo $((t1 - t0)) >>"$tmp/py.ms"
		set -- $out
		echo "${2:-0}" >>"$tmp/py.eval.ms"
		printf '  run %d: %4d ms (check() %s ms)  result %s' \
		    $i $((t1 - t0)) "${2:-?}" "${1:-?}"
		printf '  lookups %s  queries %d\n' "${3:-?}" \
		    $(($(queries $res1) - q0))
		[ -s "$tmp/py.$i.err" ] && sed 's/^/    stderr: /' \
		    "$tmp/py.$i.err"
		i=$((i + 1))
	done
	printf '  wall (with Python start): %s\n' "$(stats "$tmp/py.ms")"
	printf '  check() alone:            %s\n' "$(stats "$tmp/py.eval.ms")"
else
	echo "pyspf: not installed (Debian python3-spf, python3-dns)"
fi
echo

echo "summary (median wall time, cold caches, +$delay ms per answer):"
printf '  mailwiz check (whole check)  %5s ms   goal <= %d ms: %s\n' \
    "$mw_med" "$goal" "$verdict"
printf '  mailwiz spf   (SPF only)     %5s ms\n' "$(median "$tmp/ms.ms")"
if [ -s "${tmp}/py.ms" ]; then
	printf '  pyspf         (SPF only)     %5s ms' "$(median "$tmp/py.ms")"
	printf '   (check() alone %s ms)\n' "$(median "$tmp/py.eval.ms")"
fi
exit 0
