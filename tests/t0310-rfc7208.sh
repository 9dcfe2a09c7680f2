#!/bin/sh
# t0310-rfc7208: the openspf RFC 7208 test suite (Debian's python3-spf) run
# against the SPF evaluator twice: over an in-memory resolver, and through
# c-ares against a DNS server on loopback that serves each scenario's zone
# (TIMEOUT entries are dropped, so the queries really time out)
. "$(dirname "$0")/lib.sh"

py=/usr/bin/python3
suite=/usr/share/doc/python3-spf/rfc7208-tests.yml.gz
driver=$top/tests/tools/spf-suite
helper=$top/tests/spf-suite.py
ns=127.77.31.1

[ -f "$suite" ] || skip_all "python3-spf is not installed"
"$py" -c 'import yaml' 2>/dev/null || skip_all "python3-yaml is not installed"
if [ ! -x "$driver" ]; then
	echo "Bail out! $driver is not built ('make check' builds it)"
	exit 1
fi

# skip DESCRIPTION: a TAP line for a check that cannot run here
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}

# pass_tap PREFIX FILE: report each test of the driver's TAP as ours; the
# number of tests seen ends up in $seen
pass_tap() {
	seen=0
	while IFS= read -r line; do
		case $line in
		"ok "*)
			ok 0 "$1${line#ok * - }"
			seen=$((seen + 1)) ;;
		"not ok "*)
			ok 1 "$1${line#not ok * - }"
			seen=$((seen + 1)) ;;
		"#"*)
			echo "$line" ;;
		esac
	done <"$2"
}

counts=$("$py" "$helper" convert "$suite" "$tmp/suite.txt") || {
	echo "Bail out! cannot convert $suite"
	exit 1
}
# "16 scenarios, 203 tests"
nscenarios=${counts%% scenarios*}
ntests=${counts#*, }
ntests=${ntests%% tests}
is "$nscenarios" 16 "the suite has 16 scenarios"
ok "$([ "$ntests" -ge 200 ] && echo 0 || echo 1)" \
	"the suite has about 200 tests ($ntests)"

# (a) over the in-memory resolver
"$driver" "$tmp/suite.txt" >"$tmp/memory.tap" 2>"$tmp/memory.err"
rc=$?
pass_tap "in memory: " "$tmp/memory.tap"
is "$seen" "$ntests" "in memory: every test of the suite ran"
is "$rc" 0 "in memory: the driver exits 0, clean under the sanitizers"
sed 's/^/# /' "$tmp/memory.err"

# (b) over real DNS: one server per scenario on $ns port 53
srv_pid=
server_stop() {
	if [ -n "$srv_pid" ]; then
		kill "$srv_pid" 2>/dev/null
		wait "$srv_pid" 2>/dev/null
		srv_pid=
	fi
}
cleanup_hooks="$cleanup_hooks server_stop"

# server_start INDEX: serve scenario INDEX and wait until it answers
server_start() {
	"$py" "$helper" serve "$tmp/suite.txt" "$1" $ns 53 \
		2>"$tmp/server.err" &
	srv_pid=$!
	if "$py" "$helper" probe $ns 53; then
		return 0
	fi
	sed 's/^/# /' "$tmp/server.err"
	server_stop
	return 1
}

if [ "$(id -u)" -ne 0 ]; then
	skip "over DNS: a server on port 53 needs root"
elif ! "$py" -c 'import dnslib' 2>/dev/null; then
	skip "over DNS: python3-dnslib is not installed"
else
	total=0
	i=0
	while [ "$i" -lt "$nscenarios" ]; do
		if ! server_start "$i"; then
			ok 1 "over DNS: the server for scenario $i answers"
			i=$((i + 1))
			continue
		fi
		"$driver" --dns $ns:53 --timeout 300 --scenario "$i" \
			"$tmp/suite.txt" >"$tmp/dns.tap" 2>"$tmp/dns.err"
		rc=$?
		pass_tap "over DNS: " "$tmp/dns.tap"
		total=$((total + seen))
		if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$tmp/dns.tap"
		then
			ok 1 "over DNS: the driver exits 0 for scenario $i"
		fi
		sed 's/^/# /' "$tmp/dns.err"
		server_stop
		i=$((i + 1))
	done
	is "$total" "$ntests" "over DNS: every test of the suite ran"
fi

# The command line, once `mailwiz spf` is wired into main
if [ "$(id -u)" -ne 0 ] || ! "$py" -c 'import dnslib' 2>/dev/null ||
    ! "$MAILWIZ" spf --help >/dev/null 2>&1; then
	skip "mailwiz spf: not built into mailwiz, not root, or no dnslib"
else
	idx=$(awk '/^scenario /{n++}
		/^name =mail\.example\.org$/{print n-1; exit}' "$tmp/suite.txt")
	server_start "$idx" || echo "Bail out! cannot start the DNS server"
	run spf --ip 192.0.2.27 --sender test@mail.example.org --resolver $ns
	is "$rc" 1 "mailwiz spf: fail exits 1"
	is "$(echo "$out" | head -n 1)" fail "mailwiz spf: the result first"
	like "$out" "'-all' in the SPF record of mail.example.org matched" \
		"mailwiz spf: the reason"
	run spf --ip 2001:db8:ff0:100::2 --sender test@example.org \
		--resolver $ns --json
	is "$rc" 0 "mailwiz spf: pass exits 0"
	fields='d["result"], d["lookups"], d["tree"]["children"][0]["domain"]'
	is "$(echo "$out" | "$py" -c \
		"import json, sys; d = json.load(sys.stdin); print($fields)")" \
		"pass 3 _spf.example.com" "mailwiz spf --json: result, lookups, tree"
	MAILWIZ_RESOLVERS=$ns run spf --ip 192.0.2.27 \
		--sender x@nothing.example.org -v
	is "$rc" 6 "mailwiz spf: none exits 6 (MAILWIZ_RESOLVERS used)"
	run spf --ip 192.0.2.300 --sender a@example.org --resolver $ns
	is "$rc" 2 "mailwiz spf: a bad address exits 2"
	run spf --ip 192.0.2.1 --sender nobody --resolver $ns
	is "$rc" 2 "mailwiz spf: a bad sender exits 2"
	run spf --ip 192.0.2.1 --sender a@example.org --resolver 127.77.31.9 \
		--timeout 200
	is "$rc" 7 "mailwiz spf: no answer exits 7 (temperror)"
	server_stop
fi

done_testing
