#!/bin/sh
# bench-throughput: how many domains a second `mailwiz check --domains`
# gets through, and how much memory it takes, against one local Unbound in
# front of Knot. Prints figures; asserts nothing. Exits 0 unless the
# servers cannot be set up.
#
#   Knot 127.77.61.1 serves bench.example (d0001 ... d1000, each with SPF,
#   DMARC and 3 DKIM CNAMEs; _spf) and amazonses.com (a stand-in: its SPF
#   and the DKIM keys)
#   Unbound 127.77.61.11 -> Knot (stub), caches flushed before each run,
#   with a 4 MB socket receive buffer so that it does not drop queries
#   Unbound 127.77.61.12 -> Knot, the same with the default buffer (the
#   kernel's 208 KB), for one more run showing what lost packets cost
#
# Environment: MAILWIZ_BIN (binary to time, default the tree's mailwiz),
# BENCH_DOMAINS (default 1000), BENCH_INFLIGHT (default "256 1024").
MAILWIZ_TOP=${MAILWIZ_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$MAILWIZ_TOP/tests/lib.sh"
[ -n "${MAILWIZ_BIN:-}" ] && MAILWIZ=$MAILWIZ_BIN

ndomains=${BENCH_DOMAINS:-1000}
inflights=${BENCH_INFLIGHT:-256 1024}
knot=127.77.61.1
ub=127.77.61.11
ub_small=127.77.61.12
goal_rate=500
goal_rss_kb=$((64 * 1024))
T1=abcdefghijklmnopqrstuvwxyz234567
T2=bcdefghijklmnopqrstuvwxyz2345672
T3=cdefghijklmnopqrstuvwxyz23456723

die() {
	echo "bench-throughput: $*" >&2
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

{
	cat <<ZONE
\$ORIGIN bench.example.
\$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 60
@	NS	ns1
ns1	A	$knot
_spf	TXT	"v=spf1 ip4:198.51.100.0/24 ip4:192.0.2.0/24 -all"
ZONE
	awk -v n="$ndomains" -v t1=$T1 -v t2=$T2 -v t3=$T3 'BEGIN {
		for (i = 1; i <= n; i++) {
			d = sprintf("d%04d", i)
			printf "%s\tTXT\t\"v=spf1 include:amazonses.com " \
			    "include:_spf.bench.example ~all\"\n", d
			printf "_dmarc.%s\tTXT\t\"v=DMARC1; p=none; " \
			    "rua=mailto:dmarc@%s.bench.example\"\n", d, d
			cname = "%s._domainkey.%s\tCNAME\t" \
			    "%s.dkim.amazonses.com.\n"
			printf cname, t1, d, t1
			printf cname, t2, d, t2
			printf cname, t3, d, t3
		}
	}'
} >"$tmp/bench.example.zone"

cat >"$tmp/amazonses.com.zone" <<ZONE
\$ORIGIN amazonses.com.
\$TTL 300
@	SOA	ns1.bench.example. hostmaster.bench.example. (
		1 3600 600 86400 60 )
@	NS	ns1.bench.example.
@	TXT	( "v=spf1 ip4:199.255.192.0/22 ip4:54.240.0.0/18 "
		  "ip6:2001:db8:5e5::/48 -all" )
$T1.dkim	TXT	"$keytxt"
$T2.dkim	TXT	"$keytxt"
$T3.dkim	TXT	"$keytxt"
ZONE

awk -v n="$ndomains" 'BEGIN {
	for (i = 1; i <= n; i++)
		printf "d%04d.bench.example\n", i
}' >"$tmp/domains.txt"

cat >"$tmp/dkim.txt" <<DKIM
$T1._domainkey CNAME $T1.dkim.amazonses.com
$T2._domainkey CNAME $T2.dkim.amazonses.com
$T3._domainkey CNAME $T3.dkim.amazonses.com
DKIM

# The resolver must not be what limits the figures: room for 1024
# questions at once, no log line per query, and (on $ub only) a socket
# buffer that holds a burst of 1024 queries.
knot_start $knot bench.example "$tmp/bench.example.zone" \
	amazonses.com "$tmp/amazonses.com.zone" || die "cannot start knotd"
unbound_extra="    log-queries: no
    log-replies: no
    num-queries-per-thread: 2048
    outgoing-range: 4096"
unbound_start $ub_small $knot || die "cannot start unbound on $ub_small"
unbound_extra="$unbound_extra
    so-rcvbuf: 4m"
unbound_start $ub $knot || die "cannot start unbound on $ub"

# verify FILE: print "LINES PARSED OK" of a JSON-lines file, then, one a
# line, the first few reasons a domain was not ok.
cat >"$tmp/verify.py" <<'PY'
import json
import sys

lines = parsed = good = 0
why = {}
for line in open(sys.argv[1]):
    lines += 1
    try:
        d = json.loads(line)
    except ValueError:
        continue
    parsed += 1
    if d.get("ok") is True:
        good += 1
        continue
    for r in d.get("records", []):
        for s in r.get("servers", []):
            if s.get("status") != "ok":
                k = "%s: %s %s" % (r.get("type"), s.get("status"),
                                   s.get("reason") or "")
                why[k] = why.get(k, 0) + 1
    spf = d.get("spf") or {}
    if spf.get("result") not in (None, "pass"):
        k = "spf: %s" % spf.get("reason")
        why[k] = why.get(k, 0) + 1
    for p in d.get("problems", []):
        why["problem: " + p] = why.get("problem: " + p, 0) + 1
print(lines, parsed, good)
for k, n in sorted(why.items(), key=lambda x: -x[1])[:5]:
    print("    %5d x %s" % (n, k))
PY

echo "# bench-throughput: $ndomains domains, one Unbound ($ub) in front of"
echo "# Knot ($knot) on loopback, caches flushed before each run"
echo "# mailwiz: $MAILWIZ"
echo "# check -f notification -s advanced-smtp --dkim FILE --domains FILE"
echo "#   --resolver $ub --no-authoritative --max-inflight N"
echo

# udp_drops: print how many UDP datagrams the kernel has dropped for want
# of room in a socket's receive buffer (RcvbufErrors, all sockets).
udp_drops() {
	awk '$1 == "Udp:" && !h { for (i = 2; i <= NF; i++) col[$i] = i; h = 1;
		next }
	$1 == "Udp:" { print $col["RcvbufErrors"]; exit }' /proc/net/snmp
}

# bench_run RESOLVER N: check every domain through RESOLVER with
# --max-inflight N, caches flushed first; print the figures and add a line
# to $summary.
summary=
bench_run() {
	local res n rss cpu t0 t1 ms rate rc lines parsed good rv mv d0 pid h
	res=$1 n=$2
	unbound_flush_all "$res" || die "cannot flush unbound on $res"
	rm -f "$tmp/time"
	d0=$(udp_drops)
	t0=$(now_ms)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%M %U %S' -o "$tmp/time" \
		    "$MAILWIZ" check -f notification -s advanced-smtp \
		    --dkim "$tmp/dkim.txt" --domains "$tmp/domains.txt" \
		    --resolver "$res" --no-authoritative --max-inflight "$n" \
		    >"$tmp/out" 2>"$tmp/err"
		rc=$?
		t1=$(now_ms)
		set -- $(tail -n 1 "$tmp/time")
		rss=$1
		cpu="$2 s user, $3 s system"
	else
		# No GNU time: poll the high-water mark of the process.
		"$MAILWIZ" check -f notification -s advanced-smtp \
		    --dkim "$tmp/dkim.txt" --domains "$tmp/domains.txt" \
		    --resolver "$res" --no-authoritative --max-inflight "$n" \
		    >"$tmp/out" 2>"$tmp/err" &
		pid=$!
		rss=0
		while [ -r /proc/$pid/status ]; do
			h=$(awk '/^VmHWM:/ { print $2 }' /proc/$pid/status \
			    2>/dev/null)
			[ -n "$h" ] && [ "$h" -gt "$rss" ] && rss=$h
			sleep 0.02
		done
		wait $pid
		rc=$?
		t1=$(now_ms)
		cpu="not measured"
	fi
	ms=$((t1 - t0))
	[ "$ms" -gt 0 ] || ms=1
	rate=$((ndomains * 1000 / ms))
	set -- $("$py3" "$tmp/verify.py" "$tmp/out" | head -n 1)
	lines=$1 parsed=$2 good=$3
	[ "$rate" -ge $goal_rate ] && rv=met || rv=MISSED
	[ "$rss" -le $goal_rss_kb ] && mv=met || mv=MISSED
	printf '  wall %d ms, exit %d: %d domains/s (goal >= %d: %s)\n' \
	    $ms $rc $rate $goal_rate $rv
	printf '  peak RSS %d kB = %d MB (goal <= 64 MB: %s)\n' \
	    "$rss" $((rss / 1024)) $mv
	printf '  CPU: %s\n' "$cpu"
	printf '  UDP datagrams dropped for a full socket buffer: %d\n' \
	    $(($(udp_drops) - d0))
	printf '  output: %d lines, %d parsed as JSON, %d ok\n' \
	    "$lines" "$parsed" "$good"
	"$py3" "$tmp/verify.py" "$tmp/out" | tail -n +2
	[ -s "$tmp/err" ] && head -n 5 "$tmp/err" | sed 's/^/  stderr: /'
	summary="$summary$(printf '  %-12s %-5s %6d ms %5d domains/s %4d MB' \
	    "$res" "$n" $ms $rate $((rss / 1024)))"
	summary="$summary$(printf '  %d/%d ok, %d not JSON' "$good" \
	    "$ndomains" $((lines - parsed)))
"
	echo
}

for n in $inflights; do
	echo "--max-inflight $n (resolver $ub, 4 MB receive buffer):"
	bench_run $ub "$n"
done
echo "--max-inflight 1024 (resolver $ub_small, default receive buffer):"
bench_run $ub_small 1024

echo "summary (goals: >= $goal_rate domains/s, peak RSS <= 64 MB):"
echo "  resolver     inflight"
printf '%s' "$summary"
exit 0
