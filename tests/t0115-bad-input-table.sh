#!/bin/sh
# t0115-bad-input-table: every case of tests/bad-input.tab (bad command-line
# input of every kind) runs in a scratch directory of its own; its exit
# status, its message, its standard output, the files it left behind (none
# new, none changed, the named ones byte for byte the same), that it did not
# crash or hang and that it contacted no server are asserted, one TAP line
# each, named after the case.
#
# The table's format is described at its top. Everything that could be
# contacted is on 127.77.115.0/24: a listener there answers DNS questions
# with REFUSED at once and hangs up on SMTP connections, and logs each
# contact, so that a case that gets past the input checks fails fast and
# is seen.
. "$(dirname "$0")/lib.sh"

table=${MAILWIZ_BAD_INPUT_TABLE:-$top/tests/bad-input.tab}
[ -r "$table" ] || { echo "Bail out! cannot read $table"; exit 1; }

dns_addr=127.77.115.1
smtp_addr=127.77.115.2
case_timeout=30

# ---------------------------------------------------------------------------
# The listener: DNS (UDP and TCP port 53) on $dns_addr, SMTP (25, 465, 587)
# on $smtp_addr. Every contact is a line in $tmp/listen/contacts.

mkdir -p "$tmp/listen"
cat >"$tmp/listen/listen.py" <<'PY'
import os, select, socket, sys

dns, smtp, log, ready = sys.argv[1:5]
parent = os.getppid()
socks = {}

def bind(kind, addr, port):
    s = socket.socket(socket.AF_INET, kind)
    if kind == socket.SOCK_STREAM:
        # Not for UDP, where it would let two listeners share the port.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    if kind == socket.SOCK_STREAM:
        s.listen(16)
    socks[s.fileno()] = (s, kind, port)

bind(socket.SOCK_DGRAM, dns, 53)
bind(socket.SOCK_STREAM, dns, 53)
for p in (25, 465, 587):
    bind(socket.SOCK_STREAM, smtp, p)
open(ready, "w").close()

def note(text):
    with open(log, "a") as f:
        f.write(text + "\n")

def refused(q):
    if len(q) < 12:
        return None
    r = bytearray(q)
    r[2] = (r[2] | 0x80) & 0xf9      # QR, no AA, no TC
    r[3] = (r[3] & 0x70) | 5         # REFUSED
    return bytes(r)

while True:
    # Go when the test goes, even when it could not stop us.
    if os.getppid() != parent:
        sys.exit(0)
    r, _, _ = select.select(list(socks), [], [], 1)
    for fd in r:
        s, kind, port = socks[fd]
        if kind == socket.SOCK_DGRAM:
            q, peer = s.recvfrom(65535)
            note("udp %d %s" % (port, peer[0]))
            a = refused(q)
            if a:
                s.sendto(a, peer)
            continue
        c, peer = s.accept()
        note("tcp %d %s" % (port, peer[0]))
        if port == 53:
            c.settimeout(2)
            try:
                n = c.recv(2)
                if len(n) == 2:
                    q = c.recv(int.from_bytes(n, "big"))
                    a = refused(q)
                    if a:
                        c.sendall(len(a).to_bytes(2, "big") + a)
            except OSError:
                pass
        c.close()
PY
: >"$tmp/listen/contacts"
"$py3" "$tmp/listen/listen.py" $dns_addr $smtp_addr "$tmp/listen/contacts" \
	"$tmp/listen/ready" </dev/null >"$tmp/listen/log" 2>&1 &
_srv_track listen $!
if ! wait_until 10 test -f "$tmp/listen/ready"; then
	sed 's/^/# /' "$tmp/listen/log"
	echo "Bail out! cannot start the listener on $dns_addr and $smtp_addr"
	exit 1
fi

# ---------------------------------------------------------------------------
# The terminal for the wizard's cases: runpty.py SECONDS ERR OUT CMD...
# runs CMD with standard input and output on a new pseudo-terminal (80x24)
# and standard error in ERR, keeps what it printed on the terminal in OUT,
# and exits with CMD's status (128+N for signal N, 124 after SECONDS).

cat >"$tmp/runpty.py" <<'PY'
import fcntl, os, pty, select, signal, struct, subprocess, sys, termios, time

limit = float(sys.argv[1])
err, outf, cmd = sys.argv[2], sys.argv[3], sys.argv[4:]
m, s = pty.openpty()
fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
with open(err, "wb") as e:
    p = subprocess.Popen(cmd, stdin=s, stdout=s, stderr=e,
                         start_new_session=True)
os.close(s)
out = b""
end = time.time() + limit
while True:
    left = end - time.time()
    if left <= 0:
        break
    r, _, _ = select.select([m], [], [], min(left, 0.2))
    if not r:
        if p.poll() is not None:
            break
        continue
    try:
        d = os.read(m, 65536)
    except OSError:
        d = b""
    if not d:
        break
    out += d
try:
    rc = p.wait(timeout=max(0.1, end - time.time()))
except subprocess.TimeoutExpired:
    os.killpg(p.pid, signal.SIGKILL)
    p.wait()
    rc = 124
os.close(m)
with open(outf, "wb") as f:
    f.write(out)
sys.exit(rc if rc >= 0 else 128 - rc)
PY

# ---------------------------------------------------------------------------

# snapshot DIR: print one line per file under DIR, sorted: its path, its
# type, its mode and, for a regular file, its checksum and size.
snapshot() {
	(cd "$1" && find . -mindepth 1 | while IFS= read -r p; do
		if [ -L "$p" ]; then
			printf '%s L %s\n' "$p" "$(readlink "$p")"
		elif [ -d "$p" ]; then
			printf '%s D %s\n' "$p" "$(stat -c %a "$p")"
		elif [ -f "$p" ]; then
			printf '%s F %s %s\n' "$p" "$(stat -c %a "$p")" \
			    "$(cksum <"$p")"
		else
			printf '%s O %s\n' "$p" "$(stat -c %F "$p")"
		fi
	done) | LC_ALL=C sort
}

# paths SNAPSHOT-FILE: the paths of a snapshot, sorted.
paths() {
	sed 's/ [DFLO] .*//' "$1" | LC_ALL=C sort
}

# sum_of FILE: the checksum of FILE, or "absent".
sum_of() {
	if [ -f "$1" ]; then
		cksum <"$1"
	elif [ -e "$1" ] || [ -L "$1" ]; then
		echo "not a regular file"
	else
		echo absent
	fi
}

# show FILE: FILE's first lines as TAP comments, unprintable bytes as '?'.
show() {
	head -n 12 "$1" | cut -c1-300 | LC_ALL=C tr -c '[:print:]\n' '?' |
	    awk '{ print "#     " $0 }'
}

# matches FILE ERE: whether a line of FILE matches ERE (bytes, not
# characters: a message may quote bytes that are not UTF-8).
matches() {
	LC_ALL=C grep -aEq -e "$2" "$1"
}

# allowed PATH: whether PATH (./a/b) is one of the case's allowed globs.
allowed() {
	local g
	while IFS= read -r g; do
		[ -n "$g" ] || continue
		case ${1#./} in $g) return 0 ;; esac
	done <<EOF
$c_allow
EOF
	return 1
}

# Per-case state, filled in by the parser.
reset_case() {
	c_name= c_args= c_stdin= c_have_stdin=0 c_env= c_setup= c_status=
	c_stderr= c_stdout= c_untouched= c_allow= c_tty=0 c_file=
	c_timeout=$case_timeout c_line=0
}

names_seen=' '
ncases=0

# begin_case NAME: a fresh scratch directory for case NAME.
begin_case() {
	reset_case
	c_name=$1
	c_line=$lineno
	case $names_seen in
	*" $c_name "*) echo "Bail out! $table:$lineno: case '$c_name'" \
	    "is there twice"; exit 1 ;;
	esac
	names_seen="$names_seen$c_name "
	case_dir=$tmp/case/$c_name
	rm -rf "$tmp/case"
	mkdir -p "$case_dir/home"
}

# fixture PATH: check that PATH is inside the scratch directory and make
# the directory it goes in.
fixture() {
	case $1 in
	'' | /* | *..*) echo "Bail out! $table:$lineno: fixture '$1' must be" \
	    "a relative path inside the scratch directory"; exit 1 ;;
	esac
	mkdir -p "$(dirname "$case_dir/$1")"
}

# run_case: run the case read so far and assert what it did.
run_case() {
	local n new changed p rc err out sum label contacts
	[ -n "$c_name" ] || return 0
	n=$c_name
	if [ -z "$c_status" ] || [ -z "$c_args" ]; then
		echo "Bail out! $table:$c_line: case '$n' needs args: and" \
		    "status:"
		exit 1
	fi
	ncases=$((ncases + 1))
	err=$tmp/run/err out=$tmp/run/out
	rm -rf "$tmp/run"
	mkdir -p "$tmp/run"
	if [ "$c_have_stdin" = 1 ]; then
		printf '%b' "$c_stdin" >"$tmp/run/stdin"
	else
		ln -s /dev/null "$tmp/run/stdin"
	fi
	if [ -n "$c_setup" ]; then
		if ! (cd "$case_dir" && case=$case_dir top=$top &&
		    eval "$c_setup") </dev/null >"$tmp/run/setup" 2>&1; then
			echo "Bail out! $table:$c_line: the setup of '$n'" \
			    "failed:"
			show "$tmp/run/setup"
			exit 1
		fi
	fi
	# The checksums of the files to keep, before.
	: >"$tmp/run/sums"
	while IFS= read -r p; do
		[ -n "$p" ] || continue
		printf '%s\n' "$(sum_of "$case_dir/$p")" >>"$tmp/run/sums"
	done <<EOF
$c_untouched
EOF
	snapshot "$case_dir" >"$tmp/run/before"
	contacts=$(wc -l <"$tmp/listen/contacts")

	(
		cd "$case_dir" || exit 99
		case=$case_dir
		HOME=$case_dir/home
		XDG_CONFIG_HOME=$case_dir/config
		XDG_STATE_HOME=$case_dir/state
		MAILWIZ_RESOLVERS=$dns_addr
		TERM=dumb
		export HOME XDG_CONFIG_HOME XDG_STATE_HOME MAILWIZ_RESOLVERS \
		    TERM
		unset MAILWIZ_SMTP_PASSWORD LANGUAGE NO_COLOR MAILWIZ_ASCII
		while IFS= read -r p; do
			case $p in
			'') ;;
			-*) unset "${p#-}" ;;
			*) eval "export $p" || exit 99 ;;
			esac
		done <<EOF
$c_env
EOF
		eval "set -- $c_args" || exit 99
		if [ "$c_tty" = 1 ]; then
			TERM=xterm
			exec "$py3" "$tmp/runpty.py" "$c_timeout" "$err" \
			    "$out" "$MAILWIZ" "$@" <"$tmp/run/stdin"
		fi
		exec timeout -k 5 "$c_timeout" "$MAILWIZ" "$@" \
		    <"$tmp/run/stdin" >"$out" 2>"$err"
	)
	rc=$?
	[ -f "$out" ] || : >"$out"
	[ -f "$err" ] || : >"$err"
	if [ $rc -eq 99 ]; then
		echo "Bail out! $table:$c_line: cannot run case '$n'" \
		    "(bad args:, env: or path)"
		exit 1
	fi

	is "$rc" "$c_status" "$n: exit status $c_status"
	if [ $rc -ne "$c_status" ]; then
		show "$err"
	fi
	if [ $rc -lt 124 ] &&
	    ! matches "$err" 'Sanitizer|runtime error:|^SUMMARY: |Segmentation fault|core dumped'
	then
		ok 0 "$n: no crash, hang or sanitizer report"
	else
		ok 1 "$n: no crash, hang or sanitizer report"
		printf '#     status %s\n' "$rc"
		show "$err"
	fi

	# The message: each regex must match a line of standard error.
	while IFS= read -r p; do
		[ -n "$p" ] || continue
		if matches "$err" "$p"; then
			ok 0 "$n: stderr matches /$p/"
		else
			ok 1 "$n: stderr matches /$p/"
			show "$err"
		fi
	done <<EOF
$c_stderr
EOF
	if [ -z "$c_stdout" ]; then
		if [ -s "$out" ]; then
			ok 1 "$n: nothing on standard output"
			show "$out"
		else
			ok 0 "$n: nothing on standard output"
		fi
	else
		while IFS= read -r p; do
			[ -n "$p" ] || continue
			if matches "$out" "$p"; then
				ok 0 "$n: stdout matches /$p/"
			else
				ok 1 "$n: stdout matches /$p/"
				show "$out"
			fi
		done <<EOF
$c_stdout
EOF
	fi

	# The files.
	snapshot "$case_dir" >"$tmp/run/after"
	paths "$tmp/run/before" >"$tmp/run/before.paths"
	paths "$tmp/run/after" >"$tmp/run/after.paths"
	new=$(LC_ALL=C comm -13 "$tmp/run/before.paths" "$tmp/run/after.paths" |
	    while IFS= read -r p; do
		allowed "$p" || printf '%s ' "$p"
	    done)
	if [ -z "$new" ]; then
		ok 0 "$n: no new file in the scratch directory"
	else
		ok 1 "$n: no new file in the scratch directory"
		printf '#     new: %s\n' "$new"
	fi
	changed=$(LC_ALL=C comm -23 "$tmp/run/before" "$tmp/run/after" |
	    sed 's/ [DFLO] .*//' | tr '\n' ' ')
	if [ -z "$changed" ]; then
		ok 0 "$n: no file changed or removed"
	else
		ok 1 "$n: no file changed or removed"
		printf '#     changed: %s\n' "$changed"
	fi
	exec 3<"$tmp/run/sums"
	while IFS= read -r p; do
		[ -n "$p" ] || continue
		IFS= read -r sum <&3
		label=$sum
		[ "$label" = absent ] || label="byte for byte the same"
		is "$(sum_of "$case_dir/$p")" "$sum" \
		    "$n: $p untouched ($label)"
	done <<EOF
$c_untouched
EOF
	exec 3<&-

	# The network.
	if [ "$(wc -l <"$tmp/listen/contacts")" -eq "$contacts" ]; then
		ok 0 "$n: no server contacted"
	else
		ok 1 "$n: no server contacted"
		sed "1,${contacts}d; s/^/#     /" "$tmp/listen/contacts"
	fi
	rm -rf "$tmp/case"
}

# add LIST VALUE: append VALUE as a line of the variable named LIST.
add() {
	local cur
	eval "cur=\${$1}"
	if [ -n "$cur" ]; then
		eval "$1=\$cur\$nl\$2"
	else
		eval "$1=\$2"
	fi
}
nl='
'

reset_case
case_dir=
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	case $line in
	'|'*)
		[ -n "$c_file" ] || { echo "Bail out! $table:$lineno:" \
		    "'|' line outside a file: block"; exit 1; }
		line=${line#|}
		line=${line# }
		printf '%s\n' "$line" >>"$c_file"
		continue ;;
	'' | '#'*)
		c_file=
		continue ;;
	*:*) ;;
	*)
		echo "Bail out! $table:$lineno: not 'key: value': $line"
		exit 1 ;;
	esac
	c_file=
	key=${line%%:*}
	val=${line#*:}
	val=${val# }
	if [ "$key" != name ] && [ -z "$c_name" ]; then
		echo "Bail out! $table:$lineno: '$key:' before any name:"
		exit 1
	fi
	case $key in
	name)
		run_case
		begin_case "$val" ;;
	args) c_args=$val ;;
	stdin) c_stdin=$val c_have_stdin=1 ;;
	env) add c_env "$val" ;;
	file)
		fixture "$val"
		c_file=$case_dir/$val
		: >"$c_file" ;;
	bytes)
		p=${val%% *}
		val=${val#"$p"}
		fixture "$p"
		printf '%b' "${val# }" >"$case_dir/$p" ;;
	dir)
		fixture "$val"
		mkdir -p "$case_dir/$val" ;;
	setup) add c_setup "$val" ;;
	status) c_status=$val ;;
	stderr) add c_stderr "$val" ;;
	stdout) add c_stdout "$val" ;;
	untouched) add c_untouched "$val" ;;
	allow) add c_allow "$val" ;;
	tty) [ "$val" = yes ] && c_tty=1 ;;
	timeout) c_timeout=$val ;;
	category | fixed | note) ;;
	*)
		echo "Bail out! $table:$lineno: unknown key '$key'"
		exit 1 ;;
	esac
done <"$table"
run_case

echo "# $ncases cases from $table"
[ "$ncases" -ge 70 ]
ok $? "the table has at least 70 cases ($ncases)"

done_testing
