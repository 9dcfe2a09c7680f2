#!/bin/sh
# t0440-state-kill: kill -9 while the watch state or the wizard state is
# being saved. tests/tools/state-kill saves two large states (about 2 MB)
# in turn with the real functions (state_save, wizstate_save); it is
# killed at random moments, many times. After every kill the file must be
# one complete state or the other, as the real loader reads it (never cut
# short), and at most one temporary file may be left beside it: the next
# save clears what a killed one left. Then the same with the real `mailwiz
# watch`, killed while it starts.
. "$(dirname "$0")/lib.sh"

tool=$top/tests/tools/state-kill
if [ ! -x "$tool" ]; then
	make -C "$top" tests/tools/state-kill >/dev/null 2>&1 ||
		skip_all "cannot build tests/tools/state-kill"
fi
N=8000
KILLS=${MAILWIZ_STATE_KILLS:-40}

# rand_sleep MAX: sleep between 0 and MAX ms, at random.
rand_sleep() {
	local r
	r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	r=$((r % ($1 + 1)))
	sleep "$(printf '%d.%03d' $((r / 1000)) $((r % 1000)))"
}

# temps DIR NAME: how many temporary files of NAME are in DIR.
temps() {
	ls -A "$1" | grep -c "^$2\.tmp" || true
}

for kind in watch wizard; do
	dir=$tmp/$kind
	mkdir "$dir"
	f=$dir/$kind.state
	# Kill within about two saves, however fast this build saves.
	t0=$(now_ms)
	"$tool" save $kind "$f" $N
	window=$((2 * ($(now_ms) - t0) + 20))
	is "$("$tool" check $kind "$f" $N)" A "$kind: state A saved"
	bad=0 seen_a=0 seen_b=0 most=0 hits=0
	i=0
	# Go on past $KILLS until a kill has landed in a save at least once.
	while [ $i -lt "$KILLS" ] ||
	    { [ $hits -eq 0 ] && [ $i -lt $((KILLS * 4)) ]; }; do
		i=$((i + 1))
		"$tool" loop $kind "$f" $N &
		pid=$!
		rand_sleep $window
		kill -9 $pid 2>/dev/null
		wait $pid 2>/dev/null
		got=$("$tool" check $kind "$f" $N)
		case $got in
		A) seen_a=$((seen_a + 1)) ;;
		B) seen_b=$((seen_b + 1)) ;;
		*)
			bad=$((bad + 1))
			echo "# kill $i: $got" >&2 ;;
		esac
		n=$(temps "$dir" $kind.state)
		[ "$n" -gt "$most" ] && most=$n
		[ "$n" -gt 0 ] && hits=$((hits + 1))
	done
	is "$bad" 0 "$kind: after each of $i kills -9 the state is complete"
	[ $seen_a -gt 0 ] && [ $seen_b -gt 0 ]
	ok $? "$kind: both states were seen after a kill (A $seen_a, B $seen_b times)"
	[ "$most" -le 1 ]
	ok $? "$kind: never more than one temporary file left (at most $most)"
	[ $hits -gt 0 ]
	ok $? "$kind: kills did land in the middle of a save ($hits of $i)"
	is "$(stat -c %a "$f")" 600 "$kind: the state is still readable by its owner only"
	"$tool" save $kind "$f" $N
	is "$("$tool" check $kind "$f" $N)" A "$kind: saved again after the kills"
	is "$(temps "$dir" $kind.state)" 0 \
		"$kind: the next save cleared what the killed one left"
done

# A temporary file of a live writer is never taken for a stale one: two
# savers of the same file at once both succeed, with whole results.
f=$tmp/watch/watch.state
"$tool" loop watch "$f" 2000 &
p1=$!
"$tool" loop watch "$f" 2000 &
p2=$!
sleep 1
_srv_alive $p1 && _srv_alive $p2
ok $? "two writers of one state file keep going side by side"
kill -9 $p1 $p2 2>/dev/null
wait $p1 2>/dev/null
wait $p2 2>/dev/null
"$tool" check watch "$f" 2000 >/dev/null
ok $? "... and leave a complete state, A or B"
[ "$(temps "$tmp/watch" watch.state)" -le 2 ]
ok $? "... and at most their two temporary files"

# The real `mailwiz watch`, killed at random while it starts and saves.
dir=$tmp/real
mkdir "$dir"
f=$dir/watch.state
ips=
j=0
while [ $j -lt 600 ]; do
	ips="$ips --ip 192.0.$((j / 250 % 256)).$((j % 250 + 1))"
	j=$((j + 1))
done
# Kill within about twice the time it takes to start and save. Every run
# here is killed, so valgrind (make check-valgrind) could never finish a
# report on it: the real binary runs, unwrapped.
t0=$(now_ms)
MAILWIZ_RESOLVERS=127.0.0.1:1 "$mailwiz_real" watch -f notification \
	-s external-smtp -p custom $ips -d d0.example.com \
	--existing-spf v=spf1 --timeout 1h --dns-timeout 200 \
	--state "$f" >/dev/null 2>&1 &
pid=$!
wait_until 60 test -e "$f"
window=$((2 * ($(now_ms) - t0) + 20))
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
bad=0 most=0 seen=0
prev=d0.example.com
i=0
while [ $i -lt 15 ]; do
	i=$((i + 1))
	MAILWIZ_RESOLVERS=127.0.0.1:1 "$mailwiz_real" watch -f notification \
		-s external-smtp -p custom $ips -d d$i.example.com \
		--existing-spf v=spf1 --timeout 1h --dns-timeout 200 \
		--state "$f" >/dev/null 2>&1 &
	pid=$!
	rand_sleep $window
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ -e "$f" ]; then
		got=$("$tool" print watch "$f" 0 | grep -x "d[0-9]*\.example\.com")
		case $got in
		d$i.example.com | "$prev") prev=$got seen=$((seen + 1)) ;;
		*)
			bad=$((bad + 1))
			echo "# kill $i: '$got' (before: '$prev')" >&2 ;;
		esac
	fi
	n=$(temps "$dir" watch.state)
	[ "$n" -gt "$most" ] && most=$n
done
is "$bad" 0 "mailwiz watch killed 15 times: the state is always the last or the new one ($seen seen)"
[ "$most" -le 1 ]
ok $? "mailwiz watch: never more than one temporary file (at most $most)"

done_testing
