#!/bin/sh
# bench-wizard: how fast the wizard shows its first screen, how much memory
# its propagation dashboard takes with 4 records x 8 servers, and how much
# CPU it uses while the dashboard sits there. Prints figures and goals;
# asserts nothing. Exits 0 unless the servers cannot be set up.
#
#   (a) launch to the first full frame, in a pseudo-terminal of 80x24: the
#       time the first burst of output ends (nothing more for 250 ms),
#       and when the screen's title was written; median of BENCH_RUNS
#       runs; goal under 50 ms
#   (b) peak RSS (VmHWM) of the wizard whose dashboard checks 4 records
#       (SPF, two DKIM CNAMEs, DMARC) at 8 servers: 6 Unbound resolvers and
#       the zone's 2 name servers (two Knot DNS); goal under 16 MB
#   (c) CPU time (utime + stime of /proc/PID/stat) while the dashboard
#       sits idle for BENCH_IDLE seconds: once while it waits for a
#       record (its countdown ticks every second and servers are asked
#       again), once when everything is green; goal under 1% of a core
#
#   Knot 127.77.62.1 (ns1) and 127.77.62.2 (ns2) serve bench.example
#   Unbound 127.77.62.11 .. 127.77.62.16 -> Knot ns1 (stub)
#
# The wizard is opened on the dashboard with --resume from a saved state
# (custom server 192.0.2.25, two DKIM CNAMEs pasted), in tmux at 80x24.
#
# Environment: MAILWIZ_BIN (binary to measure, default the tree's mailwiz),
# BENCH_RUNS (default 20), BENCH_IDLE (seconds, default 30).
MAILWIZ_TOP=${MAILWIZ_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$MAILWIZ_TOP/tests/lib.sh"
[ -n "${MAILWIZ_BIN:-}" ] && MAILWIZ=$MAILWIZ_BIN

runs=${BENCH_RUNS:-20}
idle=${BENCH_IDLE:-30}
ns1=127.77.62.1
ns2=127.77.62.2
resolvers="127.77.62.11 127.77.62.12 127.77.62.13 127.77.62.14
    127.77.62.15 127.77.62.16"
sock=mwbench$$

die() {
	echo "bench-wizard: $*" >&2
	exit 1
}

for t in knotd unbound kdig tmux; do
	command -v $t >/dev/null || die "$t is not installed"
done
[ -x "$MAILWIZ" ] || die "no mailwiz binary at $MAILWIZ"
[ -x "$py3" ] || die "python3 is not installed"

echo "# mailwiz wizard: start-up, memory and idle CPU"
echo "# binary: $MAILWIZ"
echo

# ---------------------------------------------------------------------------
# (a) Launch to the first full frame.

cat >"$tmp/frame.py" <<'PY'
# Start the wizard in a pseudo-terminal of 80x24 and time its first frame.
import fcntl, os, select, signal, struct, sys, termios, time

argv = sys.argv[1:]
env = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8")
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
t0 = time.monotonic()
pid = os.fork()
if pid == 0:
    os.close(master)
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    for fd in (0, 1, 2):
        os.dup2(slave, fd)
    if slave > 2:
        os.close(slave)
    os.execve(argv[0], argv, env)
os.close(slave)
first = last = title = None
out = b""
deadline = t0 + 5
while time.monotonic() < deadline:
    wait = 0.25 if first is not None else deadline - time.monotonic()
    r, _, _ = select.select([master], [], [], max(wait, 0))
    if not r:
        if first is not None:
            break
        continue
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    now = time.monotonic()
    if first is None:
        first = now
    last = now
    out += chunk
    if title is None and b"Welcome" in out:
        title = now
os.kill(pid, signal.SIGTERM)
end = time.monotonic() + 5
while time.monotonic() < end:
    r, _, _ = select.select([master], [], [], 0.1)
    if r:
        try:
            if not os.read(master, 65536):
                break
        except OSError:
            break
    done, _ = os.waitpid(pid, os.WNOHANG)
    if done:
        break
else:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
def ms(t):
    return "-" if t is None else "%.1f" % ((t - t0) * 1000)
print(ms(first), ms(title), ms(last), len(out))
PY

: >"$tmp/frames"
i=0
while [ $i -lt "$runs" ]; do
	"$py3" "$tmp/frame.py" "$MAILWIZ" >>"$tmp/frames" 2>/dev/null ||
		die "cannot run the wizard in a pseudo-terminal"
	i=$((i + 1))
done
# median, min and max of one column of $tmp/frames
stats() {
	grep -v '^-\| - ' "$tmp/frames" | awk -v c="$1" '{ print $c }' |
	    sort -n | awk '{ v[NR] = $1 }
		END {
			if (NR == 0) { print "n/a"; exit }
			if (NR % 2)
				m = v[(NR + 1) / 2]
			else
				m = (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "median %.1f ms (min %.1f, max %.1f, %d runs)",
			    m, v[1], v[NR], NR
		}'
}
echo "(a) launch to the first full frame (80x24, TERM=xterm-256color)"
echo "    first byte:            $(stats 1)"
echo "    title 'Welcome' shown: $(stats 2)"
echo "    whole first frame:     $(stats 3)   goal: under 50 ms"
echo "    bytes of the frame:    $(awk '{ print $4 }' "$tmp/frames" |
    sort -n | tail -1)"
echo

# ---------------------------------------------------------------------------
# (b) and (c): the dashboard with 4 records x 8 servers.

cat >"$tmp/bench.example.zone" <<ZONE
\$ORIGIN bench.example.
\$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 20
@	NS	ns1
@	NS	ns2
ns1	A	$ns1
ns2	A	$ns2
@	TXT	"v=spf1 ip4:192.0.2.25 ~all"
_dmarc	TXT	"v=DMARC1; p=none"
s1._domainkey	CNAME	s1.dkim.bench.example.
ZONE
knot_start $ns1 bench.example "$tmp/bench.example.zone" ||
	die "cannot start knotd on $ns1"
knot_start $ns2 bench.example "$tmp/bench.example.zone" ||
	die "cannot start knotd on $ns2"
unbound_extra="    log-queries: no
    log-replies: no"
args=
for r in $resolvers; do
	unbound_start "$r" $ns1 || die "cannot start unbound on $r"
	args="$args --resolver $r"
done

# The saved wizard: the dashboard of the custom server's 4 records.
dkim="s1._domainkey CNAME s1.dkim.bench.example.%0A"
dkim="${dkim}s2._domainkey CNAME s2.dkim.bench.example.%0A"
mkdir -p "$XDG_STATE_HOME/mailwiz"
cat >"$XDG_STATE_HOME/mailwiz/wizard.state" <<STATE
mailwiz-wizard 1
feature notification
server external-smtp
provider custom
domain bench.example
ip 192.0.2.25
dkim $dkim
export-format zone
screen 7
dashboard-started 1
saved-at $(date +%s)
end
STATE

tmux_stop() {
	tmux -L "$sock" kill-server 2>/dev/null
}
cleanup_hooks="tmux_stop $cleanup_hooks"
tmux -L "$sock" -f /dev/null new-session -d -x 80 -y 24 \
	"exec $MAILWIZ --resume $args --dns-timeout 1000 2>$tmp/wizard.err" ||
	die "cannot start tmux"
pid=$(tmux -L "$sock" display-message -p '#{pane_pid}')
screen() {
	tmux -L "$sock" capture-pane -p 2>/dev/null
}
shows() {
	screen | grep -q -- "$1"
}
# cpu_ticks PID: utime + stime, in clock ticks
cpu_ticks() {
	sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}
hz=$(getconf CLK_TCK)
idle_cpu() {
	local t0 t1 s0 s1
	t0=$(cpu_ticks "$pid")
	s0=$(now_ms)
	sleep "$idle"
	t1=$(cpu_ticks "$pid")
	s1=$(now_ms)
	awk -v t="$((t1 - t0))" -v hz="$hz" -v ms="$((s1 - s0))" 'BEGIN {
		printf "%.0f ms of CPU in %.1f s = %.2f%% of a core", \
		    t * 1000 / hz, ms / 1000, t * 100000 / hz / ms }'
}

if ! wait_until 30 shows 'records right everywhere'; then
	screen | sed 's/^/# /' >&2
	sed 's/^/# /' "$tmp/wizard.err" >&2
	die "the dashboard did not come up"
fi
if ! wait_until 30 shows 'missing'; then
	screen | sed 's/^/# /' >&2
	die "the dashboard does not show the missing record"
fi
echo "(b)(c) dashboard: 4 records x 8 servers (6 resolvers, 2 name servers)"
screen | sed 's/^/    | /'
echo
echo "(c) idle, waiting for s2._domainkey (countdown ticking): $(idle_cpu)"
echo "    goal: under 1% of a core"
for ns in $ns1 $ns2; do
	knot_set $ns bench.example s2._domainkey 300 CNAME \
	    s2.dkim.bench.example. || die "cannot publish s2._domainkey"
done
if wait_until 60 shows 'Everything is live at every server'; then
	echo "(c) idle, everything green: $(idle_cpu)"
	echo "    goal: under 1% of a core"
else
	echo "(c) idle, everything green: not reached in 60 s"
	screen | sed 's/^/    | /'
fi
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
echo "(b) peak RSS on the dashboard: $(awk -v k="$hwm" 'BEGIN {
	printf "%.1f MB", k / 1024 }') (now $(awk -v k="$rss" 'BEGIN {
	printf "%.1f MB", k / 1024 }'))   goal: under 16 MB"
exit 0
