#!/bin/sh
# t0430-watch: `mailwiz watch` sees records published mid-watch turn green,
# at the authoritative server at once and at a caching resolver when its
# negative answer expires; Ctrl-C, --resume and --timeout
. "$(dirname "$0")/lib.sh"

command -v knotd >/dev/null || skip_all "knotd is not installed"
command -v unbound >/dev/null || skip_all "unbound is not installed"

auth=127.77.43.1
res=127.77.43.11

cat >"$tmp/example.com.zone" <<ZONE
\$ORIGIN example.com.
\$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 3
@	NS	ns1
ns1	A	$auth
@	TXT	"v=spf1 ip4:192.0.2.25 ~all"
_dmarc	TXT	"v=DMARC1; p=none"
ZONE
knot_start $auth example.com "$tmp/example.com.zone" ||
	{ echo "Bail out! cannot start knotd"; exit 1; }
unbound_start $res $auth || { echo "Bail out! cannot start unbound"; exit 1; }

printf 'sel._domainkey CNAME sel.dkim.example.net\n' >"$tmp/dkim.txt"
W="watch -f notification -s external-smtp -p custom --ip 192.0.2.25 -d example.com --dkim $tmp/dkim.txt --resolver $res --interval 1 --dns-timeout 500"

# 1. Published mid-watch
"$MAILWIZ" $W --json --state "$tmp/w1.state" >"$tmp/w1.out" 2>"$tmp/w1.err" &
wpid=$!
wait_until 10 grep -q '"name": "sel._domainkey.example.com.".*"role": "recursive", "status": "missing"' "$tmp/w1.out"
ok $? "the missing CNAME is reported at the resolver"
eta=$(grep '"name": "sel._domainkey.example.com.".*"role": "recursive", "status": "missing"' "$tmp/w1.out" |
	head -1 | /usr/bin/python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["eta"])')
[ "$eta" -ge 1 ] && [ "$eta" -le 3 ]
ok $? "its ETA ($eta s) is the resolver's remaining negative TTL (3 s)"
[ -f "$tmp/w1.state" ]
ok $? "the watch state is saved"
is "$(stat -c %a "$tmp/w1.state")" 600 "the state file is private (0600)"
published=$(now_ms)
knot_set $auth example.com sel._domainkey 300 CNAME sel.dkim.example.net.
ok $? "record published in Knot mid-watch"
wait_until 30 grep -q '"done": true' "$tmp/w1.out"
ok $? "the watch ends by itself once everything is right"
wait $wpid
is "$?" 0 "exit 0"
auth_line=$(grep -n '"role": "authoritative", "status": "ok", "previous": "missing"' "$tmp/w1.out" | head -1 | cut -d: -f1)
rec_line=$(grep -n '"role": "recursive", "status": "ok", "previous": "missing"' "$tmp/w1.out" | head -1 | cut -d: -f1)
[ -n "$auth_line" ] && [ -n "$rec_line" ] && [ "$auth_line" -lt "$rec_line" ]
ok $? "the authoritative server turned ok before the caching resolver"
[ ! -f "$tmp/w1.state" ]
ok $? "the state is removed when done"
is "$(grep -c '"status": "ok", "previous": "ok"' "$tmp/w1.out")" 0 \
	"one line per change, never a repeat"

# 2. Ctrl-C prints the table, keeps the state; --resume carries on
knot_unset $auth example.com other._domainkey 2>/dev/null
printf 'other._domainkey CNAME other.dkim.example.net\n' >"$tmp/dkim2.txt"
W2="watch -f notification -s external-smtp -p custom --ip 192.0.2.25 -d example.com --dkim $tmp/dkim2.txt --resolver $res --interval 1 --dns-timeout 500"
"$MAILWIZ" $W2 --state "$tmp/w2.state" >"$tmp/w2.out" 2>"$tmp/w2.err" &
wpid=$!
wait_until 10 grep -q 'missing' "$tmp/w2.out"
kill -INT $wpid
wait $wpid
is "$?" 1 "Ctrl-C: exit 1"
like "$(cat "$tmp/w2.out")" "--resume" "Ctrl-C says how to carry on"
like "$(cat "$tmp/w2.out")" "MISSING" "Ctrl-C prints the current table"
[ -f "$tmp/w2.state" ]
ok $? "the state is kept after Ctrl-C"
"$MAILWIZ" watch --resume --state "$tmp/w2.state" >"$tmp/w3.out" 2>&1 &
wpid=$!
wait_until 10 grep -q 'Resuming' "$tmp/w3.out"
ok $? "--resume carries on with the saved watch"
knot_set $auth example.com other._domainkey 300 CNAME other.dkim.example.net.
wait $wpid
is "$?" 0 "the resumed watch ends green"
like "$(cat "$tmp/w3.out")" "Everything is right at every server." \
	"final table printed"

# 3. The timeout
start=$(now_ms)
run watch -f notification -s external-smtp -p custom --ip 192.0.2.25 -d example.com \
	--dkim "$tmp/dkim.txt" --existing-spf 'v=spf1 ip4:192.0.2.99 ~all' \
	--resolver $res --interval 1 --timeout 3s --no-state
took=$(( $(now_ms) - start ))
is "$rc" 1 "never right: exit 1 at the timeout"
like "$out" "timeout passed" "says the timeout passed"
[ "$took" -lt $((3000 + 5000 * slow)) ]
ok $? "stopped at the timeout (${took} ms)"

# Bad input
run watch --resume --state "$tmp/nonexistent.state"
is "$rc" 2 "--resume without a saved watch: exit 2"
like "$err" "cannot read" "message says the state cannot be read"
printf 'garbage\n' >"$tmp/bad.state"
run watch --resume --state "$tmp/bad.state"
is "$rc" 2 "damaged state: exit 2"
like "$err" "bad.state:1:" "message names the file and line"
run watch --resume -d example.com
is "$rc" 2 "--resume with other options: exit 2"
run $W --timeout 5x
is "$rc" 2 "bad --timeout: exit 2"
like "$err" "--timeout '5x'" "message quotes the value"

done_testing
