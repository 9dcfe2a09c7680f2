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

done_testing() {
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

# knot_start ADDR ZONE-NAME ZONE-FILE: start Knot DNS on ADDR port 53 serving
# one zone, with dynamic updates allowed from loopback.
knot_start() {
	knot_dir=$tmp/knot-$1
	mkdir -p "$knot_dir"
	cp "$3" "$knot_dir/$2.zone"
	cat >"$knot_dir/knot.conf" <<KNOT
server:
    rundir: "$knot_dir"
    listen: $1@53
    background-workers: 1
    udp-workers: 1
    tcp-workers: 1
log:
  - target: "$knot_dir/knot.log"
    any: info
database:
    storage: "$knot_dir"
acl:
  - id: loopback
    address: 127.0.0.0/8
    action: update
template:
  - id: default
    storage: "$knot_dir"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: changes
zone:
  - domain: $2
    file: "$knot_dir/$2.zone"
    acl: loopback
KNOT
	knotd -c "$knot_dir/knot.conf" -d 2>>"$knot_dir/knot.log" ||
		return 1
	cleanup_hooks="$cleanup_hooks knot_stop"
	knot_socket=$knot_dir/knot.sock
	i=0
	while [ $i -lt 100 ]; do
		if kdig @"$1" +timeout=1 +retry=0 SOA "$2" 2>/dev/null |
		    grep -q 'status: NOERROR'; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	echo "# knot did not start:" >&2
	sed 's/^/# /' "$knot_dir/knot.log" >&2
	return 1
}

knot_stop() {
	[ -f "$knot_dir/knot.pid" ] && kill "$(cat "$knot_dir/knot.pid")" 2>/dev/null
	sleep 0.1
}
