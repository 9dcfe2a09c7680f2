#!/bin/sh
# t0400-dns-infra: the real-server test infrastructure of lib.sh works, as
# seen by kdig alone (no mailwiz code): several Knot DNS instances, live
# edits with knot_set/knot_unset, Unbound resolvers in front of them with
# real positive and negative caching and nothing sent outside loopback,
# dns-fault.py's misbehaviours, dns-delay.py's latency, and every server
# stopped when a test exits, even when it fails or is killed.
. "$(dirname "$0")/lib.sh"

for tool in knotd knotc kdig unbound unbound-control "$py3"; do
	command -v "$tool" >/dev/null 2>&1 || skip_all "$tool is not installed"
done
"$py3" -c 'import dnslib' 2>/dev/null || skip_all "python3-dnslib is missing"

k1=127.77.40.1
k2=127.77.40.2
u1=127.77.40.11
u2=127.77.40.12
fs=127.77.40.21
dl=127.77.40.31

# q ARGS...: kdig, one try of at most 1 s, stdout and stderr together.
q() {
	kdig +retry=0 +timeout=1 "$@" 2>&1
}

# status TEXT: the status word of a kdig reply.
status() {
	echo "$1" | sed -n 's/.*status: \([A-Z]*\).*/\1/p'
}

# in_range N LOW HIGH: whether the integer N is within [LOW, HIGH].
in_range() {
	case $1 in '' | *[!0-9]*) return 1 ;; esac
	[ "$1" -ge "$2" ] && [ "$1" -le "$3" ]
}

# bail MESSAGE: stop the whole test.
bail() {
	echo "Bail out! $1"
	exit 1
}

# (1) Two Knot DNS instances at once, each with its own zone.
cat >"$tmp/example.com.zone" <<'ZONE'
$ORIGIN example.com.
$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 3
@	NS	ns1
ns1	A	127.77.40.1
www	A	127.0.0.5
; a delegation to a server whose name is outside every test zone
sub	NS	ns.outside.test.
ZONE
cat >"$tmp/example.net.zone" <<'ZONE'
$ORIGIN example.net.
$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 60
@	NS	ns1
ns1	A	127.77.40.2
www	A	127.0.0.6
ZONE
knot_start $k1 example.com "$tmp/example.com.zone" || bail "cannot start knotd"
knot_start $k2 example.net "$tmp/example.net.zone" || bail "cannot start knotd"

is "$(q @$k1 +short www.example.com A)" 127.0.0.5 "first Knot answers"
is "$(q @$k2 +short www.example.net A)" 127.0.0.6 "second Knot answers"
r=$(q @$k1 www.example.net A)
case $(status "$r") in
REFUSED | NOTAUTH) ok 0 "each Knot serves only its own zone" ;;
*) ok 1 "each Knot serves only its own zone"; echo "$r" | sed 's/^/# /' ;;
esac

# (2) knot_set and knot_unset publish at once and bump the serial.
is "$(knot_serial $k1 example.com)" 1 "serial starts at 1"
knot_set $k1 example.com new 300 TXT "v=spf1 -all"
is "$?" 0 "knot_set succeeds"
is "$(q @$k1 +short new.example.com TXT)" '"v=spf1 -all"' \
	"published TXT seen at once"
is "$(knot_serial $k1 example.com)" 2 "serial incremented on commit"
long=$(printf '%0300d' 7)
knot_set $k1 example.com long.example.com. 60 TXT "say \"hi\" $long"
is "$(q @$k1 +short long.example.com TXT | sed 's/" "//g')" \
	"\"say \\\"hi\\\" $long\"" "TXT quoted, escaped and split at 255 bytes"
is "$(q @$k1 long.example.com TXT | grep -c '^long.*	60	IN	TXT	"')" 1 \
	"absolute owner and TTL kept"
knot_set $k1 example.com quoted 300 TXT '"a b" "c"'
is "$(q @$k1 +short quoted.example.com TXT)" '"a b" "c"' \
	"TXT given in zone syntax passed as is"
knot_set $k1 example.com mail 300 MX 10 mx.example.com.
is "$(q @$k1 +short mail.example.com MX)" "10 mx.example.com." \
	"other types in zone syntax"

err=$(knot_set $k1 example.org x 300 A 127.0.0.1 2>&1)
ok $((! $?)) "knot_set fails on a zone Knot does not serve"
like "$err" "example.org" "and says why"
err=$(knot_set $k1 example.com bad 300 A not-an-address 2>&1)
ok $((! $?)) "knot_set fails on bad data"
like "$err" "knot_edit" "and says why"
knot_set $k1 example.com after 300 A 127.0.0.8
is "$(q @$k1 +short after.example.com A)" 127.0.0.8 \
	"a failed edit leaves no transaction open"
err=$(knot_set $k1 example.com 2>&1)
ok $((! $?)) "knot_set without enough arguments fails"

serial=$(knot_serial $k1 example.com)
knot_unset $k1 example.com new TXT "v=spf1 -all"
is "$?" 0 "knot_unset of one record succeeds"
is "$(status "$(q @$k1 new.example.com TXT)")" NXDOMAIN "record gone at once"
is "$(knot_serial $k1 example.com)" $((serial + 1)) "serial incremented"
knot_unset $k1 example.com mail
is "$(status "$(q @$k1 mail.example.com MX)")" NXDOMAIN \
	"knot_unset of a whole node"
err=$(knot_unset $k1 example.com nothing-here TXT 2>&1)
ok $((! $?)) "knot_unset of a missing record fails"
like "$err" "nothing-here" "and says why"
is "$(knot_ctl $k1 zone-status example.com | grep -c 'transaction: open')" \
	0 "no transaction left open"

# (3) knot_stop waits until the process is gone; a restart starts afresh.
pid=$(cat "$tmp/knot-$k2/pid")
knot_stop $k2
ok $? "knot_stop succeeds"
[ ! -d "/proc/$pid" ]
ok $? "the process is gone when knot_stop returns"
like "$(q @$k2 www.example.net A)" "timeout" "stopped Knot does not answer"
is "$(q @$k1 +short www.example.com A)" 127.0.0.5 "the other Knot still runs"
knot_start $k2 example.net "$tmp/example.net.zone"
ok $? "Knot restarts on the same address at once"
is "$(q @$k2 +short www.example.net A)" 127.0.0.6 "restarted Knot answers"
err=$(knot_start $k2 example.net "$tmp/example.net.zone" 2>&1)
ok $((! $?)) "a second Knot on the same address is refused"
like "$err" "already running" "and says why"
fault_start $k2 2>"$tmp/err"
ok $((! $?)) "another server on a taken address is refused"
like "$(cat "$tmp/err")" "taken" "and says why"
is "$(q @$k2 +short www.example.net A)" 127.0.0.6 \
	"the Knot there still answers"

# (4) Unbound in front of Knot: real positive and negative caching.
unbound_verbosity=4
unbound_start $u1 $k1 || bail "cannot start unbound"
unbound_verbosity=1
unbound_start $u2 $k2 example.net || bail "cannot start unbound"

is "$(q @$u1 +short www.example.com A)" 127.0.0.5 "Unbound resolves via Knot"
ttl_www=$(unbound_cache_ttl $u1 www.example.com A)
in_range "$ttl_www" 295 300
ok $? "cached positive TTL is plausible ($ttl_www)"
is "$(q @$u2 +short www.example.net A)" 127.0.0.6 "second Unbound resolves"
is "$(status "$(q @$u2 www.example.com A)")" REFUSED \
	"each Unbound resolves only its zones"

r=$(q @$u1 late.example.com TXT)
t0=$(now_ms)
is "$(status "$r")" NXDOMAIN "missing name is NXDOMAIN via Unbound"
neg=$(unbound_cache_ttl $u1 late.example.com TXT)
in_range "$neg" 1 3
ok $? "cached negative TTL is plausible ($neg, SOA minimum 3)"
knot_set $k1 example.com late 300 TXT "published late"
is "$(q @$k1 +short late.example.com TXT)" '"published late"' \
	"Knot has the new record"
is "$(status "$(q @$u1 late.example.com TXT)")" NXDOMAIN \
	"Unbound still serves the cached NXDOMAIN"
late_seen() {
	[ "$(q @$u1 +short late.example.com TXT)" = '"published late"' ]
}
wait_until 8 late_seen
ok $? "Unbound shows the record once the negative TTL expired"
waited=$(($(now_ms) - t0))
in_range "$waited" 1900 $(((neg + 1) * 1000 + 700))
ok $? "after the remaining negative TTL (${waited} ms, ${neg} s left)"
ttl_now=$(unbound_cache_ttl $u1 www.example.com A)
in_range "$ttl_now" 290 $((ttl_www - 2))
ok $? "positive TTL counts down ($ttl_www -> $ttl_now)"
unbound_cache_ttl $u1 never.example.com A >/dev/null
ok $((! $?)) "unbound_cache_ttl fails on what is not cached"
is "$(unbound_cache_ttl $u1 never.example.com A)" "" "and prints nothing"

# unbound_flush: positive and negative (TXT) entries.
knot_set $k1 example.com www 300 A 127.0.0.9
is "$(q @$u1 +short www.example.com A)" 127.0.0.5 "cached A still served"
unbound_flush $u1 www.example.com
ok $? "unbound_flush succeeds"
is "$(q @$u1 +short www.example.com A | sort | tr '\n' ' ')" \
	"127.0.0.5 127.0.0.9 " "flushed name resolved again"
is "$(status "$(q @$u1 flushme.example.com TXT)")" NXDOMAIN \
	"NXDOMAIN cached for TXT"
knot_set $k1 example.com flushme 300 TXT "now here"
unbound_flush $u1 flushme.example.com
is "$(q @$u1 +short flushme.example.com TXT)" '"now here"' \
	"negative TXT answer flushed"
unbound_flush_all $u1
ok $? "unbound_flush_all succeeds"
is "$(unbound_cache_ttl $u1 flushme.example.com TXT)" "" "cache emptied"

# (5) Names outside the test zones: quick REFUSED or SERVFAIL, and Unbound
# sends nothing outside 127.0.0.0/8.
upid=$(cat "$tmp/unbound-$u1/pid")
if command -v strace >/dev/null 2>&1; then
	strace -f -qq -e trace=network -p "$upid" -o "$tmp/strace.out" \
		2>"$tmp/strace.err" &
	spid=$!
	sleep 0.5
fi
t0=$(now_ms)
r=$(kdig +retry=0 +timeout=3 @$u1 www.mailwiz-example.org A 2>&1)
is "$(status "$r")" REFUSED "name outside the zones REFUSED"
r=$(kdig +retry=0 +timeout=3 @$u1 x.sub.example.com A 2>&1)
is "$(status "$r")" SERVFAIL \
	"delegation to an outside server: SERVFAIL"
took=$(($(now_ms) - t0))
in_range "$took" 0 1500
ok $? "both answered quickly (${took} ms)"
log=$tmp/unbound-$u1/unbound.log
sent=$(grep -c 'sending to target' "$log")
in_range "$sent" 1 100000
ok $? "Unbound's log shows the queries it sent ($sent)"
is "$(grep 'sending to target' "$log" | grep -vc '> 127\.')" 0 \
	"every query Unbound sent went to 127.0.0.0/8"
like "$(cat "$log")" "skip addr on the donotquery list ip4 127.255.255.254" \
	"the root hint is never queried"
if [ -n "${spid:-}" ]; then
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
	if grep -q 'inet_addr("' "$tmp/strace.out" 2>/dev/null; then
		is "$(grep -o 'inet_addr("[^"]*")' "$tmp/strace.out" |
		    grep -vc 'inet_addr("127\.')" 0 \
			"strace: no socket call to an address outside loopback"
		is "$(grep -c 'AF_INET6' "$tmp/strace.out")" 0 \
			"strace: no IPv6 socket call"
	else
		ok 0 "strace saw no socket call # SKIP strace cannot trace here"
		ok 0 "strace: no IPv6 # SKIP strace cannot trace here"
	fi
fi

# (6) dns-fault.py: each rule does what it says.
cat >"$tmp/fault.zone" <<'ZONE'
$ORIGIN example.com.
$TTL 300
@	SOA	ns1 hostmaster 7 3600 600 86400 5
@	NS	ns1
ns1	A	127.77.40.21
www	A	127.0.0.5
tc	TXT	"the full answer"
ZONE
cat >"$tmp/fault.rules" <<'RULES'
# rules in a file
garbage.example.com=GARBAGE
flaky.example.com=FLAKY:1
RULES
fault_start $fs --rule www.example.com=BOGUS 2>"$tmp/err"
ok $((! $?)) "fault_start fails on a bad rule"
like "$(cat "$tmp/err")" "unknown action in rule 'www.example.com=BOGUS'" \
	"and shows why"
fault_start $fs --zone "$tmp/fault.zone" --rules "$tmp/fault.rules" \
	--rule servfail.example.com=SERVFAIL \
	--rule refused.example.com=REFUSED \
	--rule slow.example.com=TIMEOUT \
	--rule tc.example.com=TRUNCATE \
	--rule big.example.com=BIGTXT:65000 \
	--rule loop1.example.com=CNAME:loop2.example.com \
	--rule loop2.example.com=CNAME:loop1.example.com \
	--rule www.example.com/TXT=NXDOMAIN \
	--rule wrongid.example.com=WRONGID ||
	bail "cannot start dns-fault.py"

is "$(status "$(q @$fs servfail.example.com A)")" SERVFAIL "SERVFAIL rule"
is "$(status "$(q @$fs refused.example.com A)")" REFUSED "REFUSED rule"
t0=$(now_ms)
r=$(q @$fs slow.example.com A)
took=$(($(now_ms) - t0))
like "$r" "response timeout" "TIMEOUT rule: no answer over UDP"
in_range "$took" 900 3000
ok $? "kdig waited its 1 s timeout (${took} ms)"
like "$(q @$fs +tcp slow.example.com A)" "timeout" \
	"TIMEOUT rule: no answer over TCP"
r=$(q @$fs +ignore tc.example.com TXT)
like "$r" "Flags: qr aa tc" "TRUNCATE rule: TC over UDP"
like "$r" "ANSWER: 0" "with no answer"
is "$(q @$fs +tcp +short tc.example.com TXT)" '"the full answer"' \
	"and the full answer over TCP"
r=$(kdig +retry=0 +timeout=1 @$fs +short tc.example.com TXT 2>/dev/null)
is "$(echo "$r" | grep -v '^$')" '"the full answer"' \
	"kdig falls back to TCP by itself"
like "$(q @$fs +ignore big.example.com TXT)" "tc" "BIGTXT rule: TC over UDP"
r=$(q @$fs +tcp big.example.com TXT)
size=$(echo "$r" | sed -n 's/^;; Received \([0-9]*\) B$/\1/p')
in_range "$size" 64000 65535
ok $? "BIGTXT rule: a ~64 KB answer over TCP ($size B)"
is "$(echo "$r" | grep -c '^big\.example\.com\..*TXT')" 1 "one TXT record"
like "$(q @$fs garbage.example.com A)" "malformed reply" \
	"GARBAGE rule: kdig reports a malformed reply"
r=$(q @$fs loop1.example.com A)
is "$(echo "$r" | grep -c 'CNAME')" 2 "CNAME rules: the loop is served"
is "$(echo "$r" | grep -c '^loop2\.example\.com\. .*CNAME	loop1\.')" 1 \
	"back to the start"
like "$(q @$fs flaky.example.com A)" "timeout" "FLAKY:1 drops the first query"
is "$(status "$(q @$fs flaky.example.com A)")" NXDOMAIN "then answers"
like "$(q @$fs wrongid.example.com A)" "reply ID" "WRONGID rule"
r=$(q @$fs www.example.com TXT)
is "$(status "$r")" NXDOMAIN "a rule can be limited to one type"
is "$(echo "$r" | grep -c '^example\.com\. *	5	IN	SOA	')" 1 \
	"NXDOMAIN carries the SOA, with the negative TTL"
is "$(q @$fs +short www.example.com A)" 127.0.0.5 "zone answer otherwise"
r=$(q @$fs www.example.com MX)
like "$r" "Flags: qr aa" "NODATA is authoritative"
like "$r" "ANSWER: 0; AUTHORITY: 1" "NODATA with the SOA in authority"
is "$(status "$(q @$fs nope.example.com A)")" NXDOMAIN "NXDOMAIN from the zone"
is "$(status "$(q @$fs www.example.org A)")" REFUSED "outside the zone"
like "$(fault_queries $fs)" "tcp big.example.com. TXT big.example.com=BIGTXT" \
	"queries are logged"
is "$(fault_queries $fs | grep -c '^udp flaky.example.com. A')" 2 \
	"each query logged once"
fpid=$(cat "$tmp/fault-$fs/pid")
fault_stop $fs
[ ! -d "/proc/$fpid" ]
ok $? "dns-fault.py exits on SIGTERM"

# (7) dns-delay.py adds its delay, over UDP and TCP, concurrently.
delay_start $dl $k1 300 || bail "cannot start dns-delay.py"
t0=$(now_ms)
r=$(kdig +retry=0 +timeout=3 @$dl +short after.example.com A 2>&1)
took=$(($(now_ms) - t0))
is "$r" 127.0.0.8 "the relay passes the answer"
in_range "$took" 300 1500
ok $? "UDP answer delayed by at least 300 ms (${took} ms)"
t0=$(now_ms)
r=$(kdig +retry=0 +timeout=3 +tcp @$dl +short after.example.com A 2>&1)
took=$(($(now_ms) - t0))
is "$r" 127.0.0.8 "the relay passes TCP answers"
in_range "$took" 300 1500
ok $? "TCP answer delayed by at least 300 ms (${took} ms)"
t0=$(now_ms)
pids=
for n in 1 2 3 4 5 6; do
	kdig +retry=0 +timeout=3 @$dl +short www.example.com A \
		>"$tmp/par.$n" 2>&1 &
	pids="$pids $!"
done
for p in $pids; do
	wait "$p"
done
took=$(($(now_ms) - t0))
in_range "$took" 300 1200
ok $? "six queries at once all take ~300 ms (${took} ms)"
is "$(cat "$tmp"/par.* | grep -c '^127.0.0.5$')" 6 "and all are answered"
t0=$(now_ms)
q @$k1 +short after.example.com A >/dev/null
took=$(($(now_ms) - t0))
in_range "$took" 0 299
ok $? "without the relay it is quicker (${took} ms)"

# (8) Every server is stopped when a test exits: after a failure, and
# when the test is killed with SIGTERM.
cat >"$tmp/child.sh" <<'CHILD'
. "$MAILWIZ_TOP/tests/lib.sh"
knot_start 127.77.40.41 example.com "$2" || exit 9
unbound_start 127.77.40.42 127.77.40.41 || exit 9
fault_start 127.77.40.43 || exit 9
delay_start 127.77.40.44 127.77.40.41 10 || exit 9
cat "$tmp"/*/pid >"$1.tmp"
mv "$1.tmp" "$1"
[ "$3" = fail ] && exit 3
while :; do sleep 0.1; done
CHILD
# all_gone PIDFILE: whether none of the processes listed is alive.
all_gone() {
	for p in $(cat "$1"); do
		[ -d "/proc/$p" ] && return 1
	done
	return 0
}
MAILWIZ_TOP=$top sh "$tmp/child.sh" "$tmp/pids1" "$tmp/example.com.zone" \
	fail >"$tmp/child1.out" 2>&1
is "$?" 3 "a failing test exits with its status"
is "$(wc -w <"$tmp/pids1")" 4 "it had started four servers"
all_gone "$tmp/pids1"
ok $? "all stopped when it failed"
like "$(q @127.77.40.41 www.example.com A)" "timeout" "its Knot is gone"
MAILWIZ_TOP=$top sh "$tmp/child.sh" "$tmp/pids2" "$tmp/example.com.zone" \
	run >"$tmp/child2.out" 2>&1 &
cpid=$!
wait_until 15 test -s "$tmp/pids2"
ok $? "second test started its servers"
kill -TERM "$cpid"
wait "$cpid"
ok $((! $?)) "killed test exits with failure"
all_gone "$tmp/pids2"
ok $? "all stopped when it was killed"
like "$(q @127.77.40.42 www.example.com A)" "timeout" "its Unbound is gone"

done_testing
