# lib.sh - shared by the shell tests: TAP output, temporary directories, and
# real servers (Knot DNS, Unbound) on loopback addresses only.
#
# A test sources this file, then calls ok/is/like and ends with done_testing.

set -u
top=${MAILWIZ_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
MAILWIZ=$top/mailwiz
MAILWIZ_CATALOG=${MAILWIZ_CATALOG:-$top/data/catalog.xml}
export MAILWIZ_CATALOG
# Never fall back to the machine's resolver: every test names its servers.
MAILWIZ_RESOLVERS=127.0.0.1:1
export MAILWIZ_RESOLVERS
unset LANGUAGE
LC_ALL=C.UTF-8
export LC_ALL
XDG_CONFIG_HOME=
XDG_STATE_HOME=

tap_n=0
tap_failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailwiz-test.XXXXXX")
XDG_CONFIG_HOME=$tmp/config
XDG_STATE_HOME=$tmp/state
export XDG_CONFIG_HOME XDG_STATE_HOME
cleanup_hooks=
cleanup() {
	for h in $cleanup_hooks; do "$h"; done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# ---------------------------------------------------------------------------
# Valgrind: with MAILWIZ_VALGRIND=1 (`make check-valgrind`), "$MAILWIZ" is a
# wrapper, $tmp/valgrind/mailwiz, that execs the real binary under
# valgrind's memcheck. The process, its pid, its signals and its exit status
# stay mailwiz's own (--error-exitcode=0: valgrind never changes the
# status). Each run writes its report to $tmp/valgrind/vg.PID.log (and its
# arguments to vg.PID.cmd): nothing but "ERROR SUMMARY: 0 errors" when it
# had no memory error and no definitely or indirectly lost block. A run
# killed with SIGKILL, or whose report a file size limit (ulimit -f) kept
# from being written, has no summary: it was not checked to the end.
# done_testing adds one assertion that no report holds anything else, and
# shows the ones that do.
# tests/valgrind.supp, when it exists, holds suppressions for third-party
# libraries only. $mailwiz_real is the binary itself, for a run that only
# prepares a fixture.
#
# $slow stretches deadlines: 1 normally, $MAILWIZ_SLOW or 10 under valgrind
# (20-50 times slower). wait_until applies it; a test scales its own
# deadlines with $slow, and reports an assertion that measures mailwiz's
# own timing with ok_timing, which skips it under valgrind.
mailwiz_real=$MAILWIZ
slow=1
if [ "${MAILWIZ_VALGRIND:-0}" = 1 ]; then
	slow=${MAILWIZ_SLOW:-10}
fi

# _vg_quote STRING: print STRING quoted for sh.
_vg_quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# _vg_wrap: write the valgrind wrapper and point $MAILWIZ at it.
_vg_wrap() {
	local dir supp
	dir=$tmp/valgrind
	mkdir -p "$dir"
	supp=
	if [ -f "$top/tests/valgrind.supp" ]; then
		supp="--suppressions=$(_vg_quote "$top/tests/valgrind.supp")"
	fi
	cat >"$dir/mailwiz" <<WRAP
#!/bin/sh
# mailwiz under valgrind, written by tests/lib.sh. The pid is valgrind's and
# mailwiz's alike, so the log name is unique among the running processes;
# a pid used again later gets a suffix. -s: the summary ends every report.
b=$(_vg_quote "$dir")/vg.\$\$
n=0
while [ -e "\$b.log" ]; do
	n=\$((n + 1))
	b=$(_vg_quote "$dir")/vg.\$\$-\$n
done
printf '%s\\n' "\$*" 2>/dev/null >"\$b.cmd"
exec valgrind --quiet -s --error-exitcode=0 --vgdb=no --leak-check=full \\
	--show-leak-kinds=definite,indirect \\
	--errors-for-leak-kinds=definite,indirect --track-fds=no \\
	--num-callers=20 $supp --log-file="\$b.log" \\
	$(_vg_quote "$mailwiz_real") "\$@"
WRAP
	chmod 755 "$dir/mailwiz"
	MAILWIZ=$dir/mailwiz
}

# _vg_bad LOG: whether the report LOG holds more than a clean summary.
_vg_bad() {
	grep -qv -e '^==[0-9]*== *$' \
	    -e '^==[0-9]*== ERROR SUMMARY: 0 errors from 0 contexts ' "$1"
}

# _vg_check: the assertion that no run under valgrind found an error or a
# leak, with the reports of the runs that did.
_vg_check() {
	local f n bad cut shown
	n=0 bad=0 cut=0
	for f in "$tmp/valgrind"/vg.*.log; do
		[ -e "$f" ] || continue
		if grep -q '^==[0-9]*== ERROR SUMMARY: ' "$f"; then
			n=$((n + 1))
		else
			cut=$((cut + 1))
		fi
		_vg_bad "$f" && bad=$((bad + 1))
	done
	ok "$bad" "valgrind: no errors and no leaks in $n runs"
	[ "$cut" -eq 0 ] || echo "# valgrind: $cut more runs left no" \
	    "summary (killed with SIGKILL, or a file size limit kept the" \
	    "report from being written): not checked to the end"
	[ "$bad" -eq 0 ] && return 0
	echo "# $bad runs under valgrind had errors or leaks:"
	shown=0
	for f in "$tmp/valgrind"/vg.*.log; do
		[ -e "$f" ] && _vg_bad "$f" || continue
		shown=$((shown + 1))
		if [ "$shown" -gt 10 ]; then
			echo "# (and $((bad - 10)) more)"
			break
		fi
		echo "# mailwiz $(cat "${f%.log}.cmd" 2>/dev/null)"
		head -n 100 "$f" | sed 's/^/#   /'
	done
	return 1
}

[ "${MAILWIZ_VALGRIND:-0}" = 1 ] && _vg_wrap

# ok CONDITION-STATUS DESCRIPTION
ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# is GOT EXPECTED DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#          got: %s\n#     expected: %s\n' "$1" "$2"
	fi
}

# like TEXT PIECE DESCRIPTION (fixed-string search)
like() {
	case $1 in
	*"$2"*) ok 0 "$3" ;;
	*) ok 1 "$3"; printf '#   text: %s\n# lacks: %s\n' "$1" "$2" ;;
	esac
}

# unlike TEXT PIECE DESCRIPTION
unlike() {
	case $1 in
	*"$2"*) ok 1 "$3"; printf '#   text: %s\n# has: %s\n' "$1" "$2" ;;
	*) ok 0 "$3" ;;
	esac
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

# ok_timing CONDITION-STATUS DESCRIPTION: ok for an assertion that
# measures mailwiz's own timing; under valgrind it is reported as skipped.
ok_timing() {
	if [ "${MAILWIZ_VALGRIND:-0}" = 1 ]; then
		tap_n=$((tap_n + 1))
		echo "ok $tap_n - $2 # SKIP under valgrind, mailwiz's own" \
			"timing is not measured"
		return 0
	fi
	ok "$@"
}

done_testing() {
	[ "${MAILWIZ_VALGRIND:-0}" = 1 ] && _vg_check
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# run CMD...: run mailwiz, keeping stdout, stderr and the exit status in
# $out, $err and $rc.
run() {
	"$MAILWIZ" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

# ---------------------------------------------------------------------------
# Real DNS servers on loopback addresses (127.0.0.0/8 only).
#
# Every server is started as a child of the test's shell, on its own
# address, port 53, with its files in $tmp/KIND-ADDR (KIND is knot,
# unbound, fault or delay), and is stopped when the test exits, even when it
# fails or is interrupted. Call the *_start functions directly in the test's
# shell, never inside $(...) or ( ... ), or the server would belong to a
# subshell. Several servers of each kind can run at once on different
# addresses. Diagnostics go to stderr prefixed with "# ".

_srv_running=
py3=/usr/bin/python3

# now_ms: print the milliseconds since the epoch.
now_ms() {
	date +%s%3N
}

# wait_until SECONDS CMD...: run CMD every 0.1 s until it succeeds
# (return 0) or SECONDS (may be fractional) times $slow have passed
# (return 1).
wait_until() {
	local end
	end=$(($(now_ms) +
	    $(echo "$1 $slow" | awk '{ printf "%d", $1 * $2 * 1000 }')))
	shift
	while :; do
		"$@" && return 0
		[ "$(now_ms)" -ge "$end" ] && return 1
		sleep 0.1
	done
}

# _srv_alive PID: whether process PID exists and is not a zombie.
_srv_alive() {
	local st
	[ -r "/proc/$1/stat" ] || return 1
	st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
	[ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

# _srv_track NAME PID: remember that server NAME (KIND-ADDR) runs as PID,
# to be stopped at exit.
_srv_track() {
	echo "$2" >"$tmp/$1/pid"
	_srv_running="$_srv_running $1"
	case " $cleanup_hooks " in
	*" _srv_stop_all "*) ;;
	*) cleanup_hooks="$cleanup_hooks _srv_stop_all" ;;
	esac
}

# _srv_pid NAME: print the PID of server NAME; fail when it is not running.
_srv_pid() {
	[ -f "$tmp/$1/pid" ] && cat "$tmp/$1/pid"
}

# _srv_stop NAME: stop server NAME with SIGTERM (SIGKILL after 5 s) and
# return once the process is gone. Stopping a server not running is fine.
_srv_stop() {
	local pid n rest s
	pid=$(_srv_pid "$1") || return 0
	rm -f "$tmp/$1/pid"
	rest=
	for s in $_srv_running; do
		[ "$s" = "$1" ] || rest="$rest $s"
	done
	_srv_running=$rest
	kill "$pid" 2>/dev/null
	n=0
	while _srv_alive "$pid"; do
		n=$((n + 1))
		if [ $n -eq 100 ]; then
			echo "# $1 (pid $pid) ignored SIGTERM: killing it" >&2
			kill -9 "$pid" 2>/dev/null
		elif [ $n -gt 200 ]; then
			echo "# cannot stop $1 (pid $pid)" >&2
			return 1
		fi
		sleep 0.05
	done
	wait "$pid" 2>/dev/null
	return 0
}

# _srv_stop_kind KIND [ADDR]: stop the KIND server on ADDR, or all the
# running servers of that KIND.
_srv_stop_kind() {
	local s
	if [ $# -ge 2 ]; then
		_srv_stop "$1-$2"
		return
	fi
	for s in $_srv_running; do
		case $s in "$1"-*) _srv_stop "$s" ;; esac
	done
}

# _srv_stop_all: stop every server still running, the last started first
# (the cleanup hook).
_srv_stop_all() {
	local s list
	list=
	for s in $_srv_running; do
		list="$s $list"
	done
	for s in $list; do
		_srv_stop "$s"
	done
}

# _srv_listening ADDR [any]: whether something listens on ADDR port 53,
# both UDP and TCP (with "any": either). Read from /proc, as a query to a
# closed port would wait for kdig's whole timeout.
_srv_listening() {
	local hex udp tcp
	hex=$(echo "$1" |
	    awk -F. '{ printf "%02X%02X%02X%02X:0035", $4, $3, $2, $1 }')
	udp=1 tcp=1
	grep -q " $hex " /proc/net/udp && udp=0
	grep -q " $hex 00000000:0000 0A " /proc/net/tcp && tcp=0
	if [ "${2:-}" = any ]; then
		[ $udp -eq 0 ] || [ $tcp -eq 0 ]
	else
		[ $udp -eq 0 ] && [ $tcp -eq 0 ]
	fi
}

# _srv_ready NAME ADDR QTYPE QNAME PATTERN LOG: wait up to 10 s until kdig
# @ADDR QTYPE QNAME prints PATTERN; on failure show LOG, stop NAME and
# fail.
_srv_ready() {
	local n pid
	pid=$(_srv_pid "$1")
	n=0
	while [ $n -lt 200 ]; do
		if ! _srv_alive "$pid"; then
			echo "# $1 exited at start:" >&2
			break
		fi
		if _srv_listening "$2" &&
		    kdig @"$2" +timeout=1 +retry=0 "$3" "$4" 2>/dev/null |
		    grep -q "$5"; then
			return 0
		fi
		sleep 0.05
		n=$((n + 1))
	done
	[ $n -lt 200 ] || echo "# $1 did not answer in 10 s:" >&2
	sed 's/^/# /' "$6" >&2
	_srv_stop "$1"
	return 1
}

# _srv_fresh NAME: fail when server NAME (KIND-ADDR) is running or
# something else listens on ADDR port 53, else give it an empty directory
# $tmp/NAME.
_srv_fresh() {
	if _srv_pid "$1" >/dev/null; then
		echo "# $1 is already running" >&2
		return 1
	fi
	if _srv_listening "${1#*-}" any; then
		echo "# ${1#*-} port 53 is taken by another process" \
			"(Knot would share it)" >&2
		return 1
	fi
	rm -rf "${tmp:?}/$1"
	mkdir -p "$tmp/$1"
}

# knot_start ADDR ZONE-NAME ZONE-FILE [ZONE-NAME ZONE-FILE]...: start Knot DNS
# on ADDR port 53 serving the zones (copied from the files), with dynamic
# updates allowed from loopback, a control socket for knot_ctl/knot_set,
# SOA serials incremented on every change, and return once every zone
# answers SOA. Each start begins afresh from the zone files. Sets
# $knot_dir and $knot_socket to this instance's directory and socket.
knot_start() {
	local addr dir z
	addr=$1
	shift
	if [ $# -lt 2 ] || [ $(($# % 2)) -ne 0 ]; then
		echo "# usage: knot_start ADDR ZONE FILE [ZONE FILE]..." >&2
		return 1
	fi
	dir=$tmp/knot-$addr
	_srv_fresh "knot-$addr" || return 1
	cat >"$dir/knot.conf" <<KNOT
server:
    rundir: "$dir"
    listen: $addr@53
    background-workers: 1
    udp-workers: 1
    tcp-workers: 1
log:
  - target: "$dir/knot.log"
    any: info
database:
    storage: "$dir"
control:
    listen: "$dir/knot.sock"
acl:
  - id: loopback
    address: 127.0.0.0/8
    action: update
template:
  - id: default
    storage: "$dir"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: changes
    serial-policy: increment
zone:
KNOT
	: >"$dir/zones"
	while [ $# -ge 2 ]; do
		cp "$2" "$dir/$1.zone" || return 1
		printf '  - domain: %s\n    file: "%s"\n    acl: loopback\n' \
			"$1" "$dir/$1.zone" >>"$dir/knot.conf"
		echo "$1" >>"$dir/zones"
		shift 2
	done
	knotd -c "$dir/knot.conf" </dev/null >>"$dir/knot.log" 2>&1 &
	_srv_track "knot-$addr" $!
	knot_dir=$dir
	knot_socket=$dir/knot.sock
	for z in $(cat "$dir/zones"); do
		_srv_ready "knot-$addr" "$addr" SOA "$z" 'status: NOERROR' \
			"$dir/knot.log" || return 1
	done
	return 0
}

# knot_stop [ADDR]: stop the Knot DNS on ADDR (or every one), returning once
# the process is gone.
knot_stop() {
	_srv_stop_kind knot "$@"
}

# knot_ctl ADDR ARGS...: run knotc ARGS against the Knot DNS on ADDR (its
# output on stdout, status returned).
knot_ctl() {
	local addr
	addr=$1
	shift
	knotc -s "$tmp/knot-$addr/knot.sock" -t 5 "$@"
}

# knot_edit ADDR ZONE CMD ARGS...: change ZONE on the Knot DNS on ADDR in
# one transaction: zone-begin, `knotc zone-CMD ZONE ARGS` (CMD is "set",
# "unset" or any knotc zone-* command, with or without "zone-"), then
# zone-commit, which publishes the change and increments the SOA serial.
# On failure, abort the transaction, say why on stderr and return 1.
knot_edit() {
	local addr zone cmd out
	addr=$1
	zone=$2
	cmd=$3
	shift 3
	case $cmd in zone-*) ;; *) cmd=zone-$cmd ;; esac
	if ! out=$(knot_ctl "$addr" zone-begin "$zone" 2>&1); then
		echo "# knot_edit: cannot open $zone on $addr: $out" >&2
		return 1
	fi
	if ! out=$(knot_ctl "$addr" "$cmd" "$zone" "$@" 2>&1); then
		echo "# knot_edit: $cmd $zone $* on $addr failed: $out" >&2
		knot_ctl "$addr" zone-abort "$zone" >/dev/null 2>&1
		return 1
	fi
	if ! out=$(knot_ctl "$addr" zone-commit "$zone" 2>&1); then
		echo "# knot_edit: cannot commit $zone on $addr: $out" >&2
		knot_ctl "$addr" zone-abort "$zone" >/dev/null 2>&1
		return 1
	fi
	return 0
}

# _knot_txt TEXT: print TEXT as zone-file TXT data: quoted, backslashes and
# quotes escaped, split into strings of at most 255 bytes.
_knot_txt() {
	_kq=$1 LC_ALL=C awk 'BEGIN {
		s = ENVIRON["_kq"]; out = ""
		do {
			c = substr(s, 1, 255); s = substr(s, 256)
			gsub(/[\\"]/, "\\\\&", c)
			out = out (out == "" ? "" : " ") "\"" c "\""
		} while (s != "")
		print out
	}'
}

# knot_set ADDR ZONE OWNER TTL TYPE RDATA...: publish a record on the Knot
# DNS on ADDR, as the admin would (zone-begin, zone-set, zone-commit: the
# SOA serial goes up). OWNER is relative to ZONE ("@" for the apex) or
# absolute (with a final dot). RDATA is in zone-file syntax, except that TXT
# and SPF data not starting with a double quote is taken as one text (all
# the RDATA words joined by spaces), quoted and split for you:
#     knot_set 127.77.40.1 example.com _dmarc 300 TXT "v=DMARC1; p=none"
# Adds to an existing RRset. Returns 1 with a message on failure.
knot_set() {
	local addr zone owner ttl type
	if [ $# -lt 6 ]; then
		echo "# usage: knot_set ADDR ZONE OWNER TTL TYPE RDATA..." >&2
		return 1
	fi
	addr=$1 zone=$2 owner=$3 ttl=$4 type=$5
	shift 5
	case $type in
	[Tt][Xx][Tt] | [Ss][Pp][Ff])
		case $1 in \"*) ;; *) set -- "$(_knot_txt "$*")" ;; esac ;;
	esac
	knot_edit "$addr" "$zone" set "$owner" "$ttl" "$type" "$@"
}

# knot_unset ADDR ZONE OWNER [TYPE [RDATA...]]: remove, as the admin would,
# every record at OWNER, or its TYPE RRset, or one record of it (TXT/SPF
# RDATA as for knot_set). Returns 1 with a message on failure, e.g. when
# there is no such record.
knot_unset() {
	local addr zone owner
	if [ $# -lt 3 ]; then
		echo "# usage: knot_unset ADDR ZONE OWNER [TYPE [RDATA...]]" >&2
		return 1
	fi
	addr=$1 zone=$2 owner=$3
	shift 3
	if [ $# -ge 2 ]; then
		case $1 in
		[Tt][Xx][Tt] | [Ss][Pp][Ff])
			case $2 in
			\"*) ;;
			*) local t; t=$1; shift
			   set -- "$t" "$(_knot_txt "$*")" ;;
			esac ;;
		esac
	fi
	knot_edit "$addr" "$zone" unset "$owner" "$@"
}

# knot_serial ADDR ZONE: print the SOA serial of ZONE as served on ADDR.
knot_serial() {
	kdig @"$1" +timeout=1 +retry=0 +short SOA "$2" | awk '{ print $3 }'
}

# unbound_start ADDR FORWARD [ZONE]...: start an Unbound resolver on ADDR
# port 53 that resolves each ZONE (default: the zones of the Knot DNS
# started on FORWARD) by querying the authoritative server at FORWARD
# (ADDR or ADDR@PORT) as a stub zone: real caching, TTL countdown and
# negative caching (RFC 2308, from the SOA), no DNSSEC validation, no
# prefetch, no serve-expired, no QNAME minimisation. Any other name is
# REFUSED at once, and Unbound never sends a packet outside 127.0.0.0/8:
# its outgoing interface is 127.0.0.1 (the kernel will not route from it
# elsewhere), every non-loopback address is on its do-not-query list, IPv6
# is off, and its root hints name only a loopback address that is also on
# the do-not-query list. Returns once it answers. Remote control is on a
# unix socket, for unbound_control. Queries and replies are logged in
# $tmp/unbound-ADDR/unbound.log. To change the configuration, set before
# calling $unbound_verbosity (default 1; 4 logs every query sent) and
# $unbound_extra: more "server:" lines, one a line, read after the
# defaults so they override them (e.g. "log-queries: no" for benchmarks,
# "serve-expired: yes").
unbound_start() {
	local addr fwd dir z
	if [ $# -lt 2 ]; then
		echo "# usage: unbound_start ADDR FORWARD [ZONE]..." >&2
		return 1
	fi
	addr=$1 fwd=$2
	shift 2
	if [ $# -eq 0 ] && [ -f "$tmp/knot-${fwd%@*}/zones" ]; then
		set -- $(cat "$tmp/knot-${fwd%@*}/zones")
	fi
	if [ $# -eq 0 ]; then
		echo "# unbound_start: no zone given and no knot on $fwd" >&2
		return 1
	fi
	dir=$tmp/unbound-$addr
	_srv_fresh "unbound-$addr" || return 1
	cat >"$dir/root.hints" <<'HINTS'
.			3600000	NS	blackhole.root.invalid.
blackhole.root.invalid.	3600000	A	127.255.255.254
HINTS
	cat >"$dir/unbound.conf" <<UNBOUND
server:
    verbosity: ${unbound_verbosity:-1}
    interface: $addr
    port: 53
    do-ip4: yes
    do-ip6: no
    do-udp: yes
    do-tcp: yes
    num-threads: 1
    so-reuseport: no
    outgoing-interface: 127.0.0.1
    outgoing-range: 256
    num-queries-per-thread: 128
    access-control: 127.0.0.0/8 allow
    username: ""
    chroot: ""
    directory: "$dir"
    pidfile: "$dir/unbound.pid"
    logfile: "$dir/unbound.log"
    use-syslog: no
    log-time-ascii: yes
    log-queries: yes
    log-replies: yes
    root-hints: "$dir/root.hints"
    do-not-query-localhost: no
    do-not-query-address: 0.0.0.0/2
    do-not-query-address: 64.0.0.0/3
    do-not-query-address: 96.0.0.0/4
    do-not-query-address: 112.0.0.0/5
    do-not-query-address: 120.0.0.0/6
    do-not-query-address: 124.0.0.0/7
    do-not-query-address: 126.0.0.0/8
    do-not-query-address: 128.0.0.0/1
    do-not-query-address: 127.255.255.254
    module-config: "iterator"
    qname-minimisation: no
    target-fetch-policy: "0 0 0 0 0"
    harden-referral-path: no
    aggressive-nsec: no
    cache-min-ttl: 0
    cache-max-ttl: 86400
    cache-max-negative-ttl: 86400
    serve-expired: no
    prefetch: no
    prefetch-key: no
    infra-keep-probing: yes
    infra-host-ttl: 60
    local-zone: "." refuse
${unbound_extra:-}
UNBOUND
	for z in "$@"; do
		z=${z%.}.
		printf '    local-zone: "%s" transparent\n' "$z" \
			>>"$dir/unbound.conf"
	done
	for z in "$@"; do
		z=${z%.}.
		printf 'stub-zone:\n    name: "%s"\n    stub-addr: %s\n' \
			"$z" "$fwd" >>"$dir/unbound.conf"
	done
	cat >>"$dir/unbound.conf" <<UNBOUND
remote-control:
    control-enable: yes
    control-interface: "$dir/control.sock"
    control-use-cert: no
UNBOUND
	unbound -d -c "$dir/unbound.conf" </dev/null >>"$dir/unbound.out" 2>&1 &
	_srv_track "unbound-$addr" $!
	# "invalid." is a local zone (RFC 6761): no query goes out.
	_srv_ready "unbound-$addr" "$addr" A ready.invalid 'status: ' \
		"$dir/unbound.out" || {
		tail -n 30 "$dir/unbound.log" 2>/dev/null | sed 's/^/# /' >&2
		return 1
	}
}

# unbound_stop [ADDR]: stop the Unbound on ADDR (or every one), returning
# once the process is gone.
unbound_stop() {
	_srv_stop_kind unbound "$@"
}

# unbound_control ADDR ARGS...: run unbound-control ARGS against the
# Unbound on ADDR (its output on stdout, status returned).
unbound_control() {
	local addr
	addr=$1
	shift
	unbound-control -c "$tmp/unbound-$addr/unbound.conf" "$@"
}

# unbound_flush ADDR NAME [TYPE]...: drop NAME from the cache of the Unbound
# on ADDR, positive and negative answers alike: the given TYPEs, or by
# default every common type (unbound-control flush) plus TXT, SPF, CAA,
# TLSA, DS, DNSKEY, SSHFP, HINFO and ANY. Returns 1 with a message on
# failure.
unbound_flush() {
	local addr name t out
	addr=$1 name=$2
	shift 2
	if [ $# -eq 0 ]; then
		if ! out=$(unbound_control "$addr" flush "$name" 2>&1); then
			echo "# unbound_flush: $out" >&2
			return 1
		fi
		set -- TXT SPF CAA TLSA DS DNSKEY SSHFP HINFO ANY
	fi
	for t in "$@"; do
		if ! out=$(unbound_control "$addr" flush_type "$name" "$t" 2>&1)
		then
			echo "# unbound_flush: $out" >&2
			return 1
		fi
	done
	return 0
}

# unbound_flush_all ADDR: empty the whole cache of the Unbound on ADDR,
# including what it learnt about the servers (infra cache).
unbound_flush_all() {
	local out
	if ! out=$({ unbound_control "$1" flush_zone . &&
	    unbound_control "$1" flush_negative &&
	    unbound_control "$1" flush_infra all; } 2>&1); then
		echo "# unbound_flush_all: $out" >&2
		return 1
	fi
}

# unbound_cache_ttl ADDR NAME TYPE: print the TTL, in seconds, left on the
# answer for NAME TYPE in the cache of the Unbound on ADDR: for a negative
# answer (NXDOMAIN or NODATA) that is the time until Unbound asks again.
# Taken from the cached message, else from the cached RRset. Returns 1,
# printing nothing, when nothing (unexpired) is cached.
unbound_cache_ttl() {
	local name
	name=${2%.}.
	unbound_control "$1" dump_cache 2>/dev/null |
	    _n=$name _t=$3 awk '
		BEGIN { n = tolower(ENVIRON["_n"]); t = toupper(ENVIRON["_t"]) }
		$1 == "msg" && tolower($2) == n && toupper($4) == t {
			print $7; found = 1; exit
		}
		!rr && $1 !~ /^;/ && tolower($1) == n && toupper($4) == t &&
		    $3 == "IN" { rr = $2 }
		END {
			if (found) exit 0
			if (rr != "") { print rr; exit 0 }
			exit 1
		}'
}

# fault_start ADDR [ARGS]...: start tests/dns-fault.py on ADDR port 53 (UDP
# and TCP) with ARGS (--zone FILE, --rule NAME[/TYPE]=ACTION, --rules FILE:
# see the script's header), logging each query for fault_queries, and
# return once it answers.
fault_start() {
	local addr dir
	addr=$1
	shift
	dir=$tmp/fault-$addr
	_srv_fresh "fault-$addr" || return 1
	"$py3" "$top/tests/dns-fault.py" --listen "$addr" --port 53 \
		--log "$dir/queries.log" "$@" \
		</dev/null >>"$dir/fault.log" 2>&1 &
	_srv_track "fault-$addr" $!
	_srv_ready "fault-$addr" "$addr" TXT ready.dns-fault.invalid \
		'status: NOERROR' "$dir/fault.log"
}

# fault_stop [ADDR]: stop the fault server on ADDR (or every one),
# returning once the process is gone.
fault_stop() {
	_srv_stop_kind fault "$@"
}

# fault_queries ADDR: print the queries the fault server on ADDR received,
# one a line: "PROTO QNAME QTYPE RULE" (RULE is "zone" when none matched).
fault_queries() {
	cat "$tmp/fault-$1/queries.log" 2>/dev/null
	return 0
}

# delay_start ADDR UPSTREAM DELAY_MS [ARGS]...: start tests/dns-delay.py on
# ADDR port 53, relaying every UDP and TCP query to UPSTREAM (ADDR or
# ADDR@PORT) port 53 and sending each answer back DELAY_MS milliseconds
# after it arrived (ARGS: --jitter MS, --timeout S); return once it
# answers.
delay_start() {
	local addr up ms dir port
	if [ $# -lt 3 ]; then
		echo "# usage: delay_start ADDR UPSTREAM DELAY_MS [ARGS]..." >&2
		return 1
	fi
	addr=$1 up=$2 ms=$3
	shift 3
	case $up in *@*) port=${up#*@} up=${up%@*} ;; *) port=53 ;; esac
	dir=$tmp/delay-$addr
	_srv_fresh "delay-$addr" || return 1
	"$py3" "$top/tests/dns-delay.py" --listen "$addr" --port 53 \
		--upstream "$up" --upstream-port "$port" --delay "$ms" \
		--log "$dir/queries.log" "$@" \
		</dev/null >>"$dir/delay.log" 2>&1 &
	_srv_track "delay-$addr" $!
	_srv_ready "delay-$addr" "$addr" TXT ready.dns-delay.invalid \
		'status: NOERROR' "$dir/delay.log"
}

# delay_stop [ADDR]: stop the delay relay on ADDR (or every one), returning
# once the process is gone.
delay_stop() {
	_srv_stop_kind delay "$@"
}

# smtp_start NAME ADDR ARGS...: start tests/smtp-server.py (aiosmtpd) on
# ADDR, a free port, with the test's certificate ($CERT, $tmp/key.pem), the
# login user/$PASS and ARGS (--tls, --auth, ...); messages go to
# $tmp/smtp-NAME/mail. Sets $port. Call it in the test's shell, never in
# $(...).
smtp_start() {
	local name addr dir n pid
	name=$1 addr=$2
	shift 2
	dir=$tmp/smtp-$name
	rm -rf "$dir"
	mkdir -p "$dir/mail"
	"$py3" "$top/tests/smtp-server.py" --listen "$addr" --port 0 \
		--cert "$CERT" --key "$tmp/key.pem" --user user \
		--password "$PASS" --dir "$dir/mail" --ready "$dir/ready" "$@" \
		</dev/null >"$dir/log" 2>&1 &
	pid=$!
	_srv_track "smtp-$name" $pid
	n=0
	while [ ! -s "$dir/ready" ]; do
		if ! _srv_alive $pid || [ $n -ge 300 ]; then
			echo "# smtp-$name did not start:" >&2
			sed 's/^/# /' "$dir/log" >&2
			return 1
		fi
		sleep 0.05
		n=$((n + 1))
	done
	port=$(cat "$dir/ready")
}

# mails NAME: how many messages the SMTP server NAME stored.
mails() {
	ls "$tmp/smtp-$1/mail" | grep -c '\.eml$'
}
