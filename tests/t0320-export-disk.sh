#!/bin/sh
# t0320-export-disk: a full disk while exporting and saving. `mailwiz plan
# -o FILE` over an existing export, `plan` to standard output, and the
# watch state, when write() fails: with a file size limit (ulimit -f,
# SIGXFSZ ignored, so write() fails with EFBIG) and, when this machine
# lets us mount one, on a really full tmpfs (ENOSPC); the wizard's saved
# answers through tests/tools/state-kill. mailwiz exits 3 with
# a clear message, the existing file is byte for byte what it was, and no
# temporary file is left beside it.
. "$(dirname "$0")/lib.sh"

P="-f notification -s advanced-smtp -d example.com --existing-spf v=spf1"
cat >"$tmp/dkim.txt" <<'DKIM'
4m2tbw7tjkp3cy6f3rjkqutkaq6pwcfd._domainkey CNAME 4m2tbw7tjkp3cy6f3rjkqutkaq6pwcfd.dkim.amazonses.com
xq4bnyaiqc5nppgf6jqqaouzjbsrdq7i._domainkey CNAME xq4bnyaiqc5nppgf6jqqaouzjbsrdq7i.dkim.amazonses.com
7v2ajoq2nfwzyiwnm5gzqyswzq3bhx2j._domainkey CNAME 7v2ajoq2nfwzyiwnm5gzqyswzq3bhx2j.dkim.amazonses.com
DKIM
P="$P --dkim $tmp/dkim.txt"

# limited BLOCKS CMD...: run mailwiz CMD with a file size limit of BLOCKS
# (ulimit -f) and SIGXFSZ ignored, standard output to /dev/null; $err gets
# standard error (through a pipe, which the limit does not touch), $rc
# the exit status.
limited() {
	local blocks
	blocks=$1
	shift
	err=$( (trap '' XFSZ; ulimit -f "$blocks" &&
		exec "$MAILWIZ" "$@" 2>&1 >/dev/null); echo "rc=$?")
	rc=${err##*rc=}
	err=${err%rc=*}
}

# only_file DIR FILE: DIR holds FILE and nothing else.
only_file() {
	[ "$(ls -A "$1")" = "$2" ]
}

# 1. A file size limit: every format, over an existing export
mkdir "$tmp/exp"
for fmt in zone nsupdate csv json xml dnscontrol octodns terraform route53; do
	f=$tmp/exp/records.$fmt
	run plan $P -F $fmt -o "$f"
	is "$rc" 0 "$fmt: the first export is written"
	cp "$f" "$tmp/before.$fmt"
	size=$(wc -c <"$f")
	[ "$size" -gt 512 ]
	ok $? "$fmt: the export ($size bytes) is over the limit of 512"
	# A different export, so that a half-written file would show.
	limited 1 plan $P --ttl 600 -F $fmt -o "$f"
	is "$rc" 3 "$fmt: write fails with EFBIG: exit 3"
	like "$err" "mailwiz plan: cannot write '$f': File too large" \
		"$fmt: says which file and why"
	like "$err" "free some space (the file that was there is unchanged)" \
		"$fmt: says what to do: make room"
	unlike "$err" "a directory you can write to" \
		"$fmt: and not to pick another directory"
	cmp -s "$f" "$tmp/before.$fmt"
	ok $? "$fmt: the existing file is byte for byte what it was"
	only_file "$tmp/exp" "records.$fmt"
	ok $? "$fmt: no temporary file is left beside it"
	rm -f "$f"
done
limited 1 plan $P -F json -o "$tmp/exp/new.json"
is "$rc" 3 "a new file: exit 3"
[ -z "$(ls -A "$tmp/exp")" ]
ok $? "a new file: neither it nor a temporary file is left"
limited 0 plan $P -F zone -o "$tmp/exp/empty.zone"
is "$rc" 3 "a limit of 0: exit 3"
like "$err" "cannot write '$tmp/exp/empty.zone': File too large" \
	"a limit of 0: the first write fails, said so"
[ -z "$(ls -A "$tmp/exp")" ]
ok $? "a limit of 0: nothing left"

# Standard output redirected to a file: the shell truncated it, but
# mailwiz must still say that it could not write (it used to exit 3
# without a word).
err=$( (trap '' XFSZ; ulimit -f 1 &&
	exec "$MAILWIZ" plan $P -F json 2>&1 >"$tmp/stdout.json");
	echo "rc=$?")
rc=${err##*rc=}
err=${err%rc=*}
is "$rc" 3 "plan to standard output, a full file: exit 3"
like "$err" "mailwiz plan: cannot write 'standard output': File too large" \
	"... with a message"
err=$( (trap '' XFSZ; ulimit -f 1 &&
	exec "$MAILWIZ" plan $P -F json -o - 2>&1 >"$tmp/stdout.json");
	echo "rc=$?")
rc=${err##*rc=}
is "$rc" 3 "-o -, a full file: exit 3"
like "$err" "cannot write 'standard output': File too large" "... said so"

# The watch state: saved before anything is asked, so a full disk stops
# the watch at once, the saved state left as it was.
W="watch -f notification -s external-smtp -p custom --ip 192.0.2.25 -d example.com --existing-spf v=spf1 --resolver 127.0.0.1:1 --timeout 60"
mkdir "$tmp/st"
printf 'mailwiz-watch 1\nstarted 1700000000\ndeadline 1900000000\narg -d\narg example.com\n' \
	>"$tmp/st/watch.state"
cp "$tmp/st/watch.state" "$tmp/state.before"
limited 0 $W --state "$tmp/st/watch.state"
is "$rc" 3 "watch, state cannot be saved: exit 3"
like "$err" "mailwiz watch: cannot write '$tmp/st/watch.state': File too large" \
	"watch: says which file and why"
cmp -s "$tmp/st/watch.state" "$tmp/state.before"
ok $? "watch: the saved state is byte for byte what it was"
only_file "$tmp/st" watch.state
ok $? "watch: no temporary file left"

# The wizard's saved answers: its save is only reached by quitting the
# wizard, so the real wizstate_save() is called by tests/tools/state-kill.
tool=$top/tests/tools/state-kill
[ -x "$tool" ] || make -C "$top" tests/tools/state-kill >/dev/null 2>&1
if [ -x "$tool" ]; then
	mkdir "$tmp/wiz"
	"$tool" save wizard "$tmp/wiz/wizard.state" 50
	cp "$tmp/wiz/wizard.state" "$tmp/wizard.before"
	err=$( (trap '' XFSZ; ulimit -f 1 &&
		exec "$tool" save wizard "$tmp/wiz/wizard.state" 50 2>&1);
		echo "rc=$?")
	rc=${err##*rc=}
	err=${err%rc=*}
	is "$rc" 1 "wizard state cannot be saved: the save fails"
	like "$err" "cannot write '$tmp/wiz/wizard.state': File too large" \
		"wizard state: says which file and why"
	cmp -s "$tmp/wiz/wizard.state" "$tmp/wizard.before"
	ok $? "wizard state: the saved answers are byte for byte what they were"
	only_file "$tmp/wiz" wizard.state
	ok $? "wizard state: no temporary file left"
else
	ok 0 "# SKIP tests/tools/state-kill cannot be built"
fi

# 2. A really full file system (tmpfs), when this machine lets us mount
full=$tmp/full
mkdir "$full"
mounted=0
umount_full() {
	[ $mounted -eq 1 ] && umount "$full" 2>/dev/null
	mounted=0
}
if mount -t tmpfs -o size=256k,mode=0755 tmpfs "$full" 2>/dev/null; then
	mounted=1
	cleanup_hooks="umount_full $cleanup_hooks"
fi
if [ $mounted -eq 1 ]; then
	run plan $P -F json -o "$full/records.json"
	is "$rc" 0 "tmpfs: the first export is written"
	cp "$full/records.json" "$tmp/before.full"
	cp "$tmp/state.before" "$full/watch.state"
	# Fill what is left, to the last block.
	dd if=/dev/zero of="$full/filler" bs=4096 2>/dev/null
	dd if=/dev/zero of="$full/filler2" bs=1 2>/dev/null
	free=$(df -k "$full" | awk 'NR == 2 { print $4 }')
	is "$free" 0 "tmpfs: full ($free KB free)"
	run plan $P --ttl 600 -F json -o "$full/records.json"
	is "$rc" 3 "full tmpfs: exit 3"
	like "$err" "mailwiz plan: cannot write '$full/records.json': No space left on device" \
		"full tmpfs: says which file and why"
	like "$err" "free some space" "full tmpfs: says what to do"
	cmp -s "$full/records.json" "$tmp/before.full"
	ok $? "full tmpfs: the existing export is byte for byte what it was"
	is "$(ls -A "$full" | tr '\n' ' ')" "filler filler2 records.json watch.state " \
		"full tmpfs: no temporary file is left"
	run $W --state "$full/watch.state"
	is "$rc" 3 "full tmpfs, watch: exit 3"
	like "$err" "mailwiz watch: cannot write '$full/watch.state': No space left on device" \
		"full tmpfs, watch: says so"
	cmp -s "$full/watch.state" "$tmp/state.before"
	ok $? "full tmpfs, watch: the saved state is what it was"
	is "$(ls -A "$full" | tr '\n' ' ')" "filler filler2 records.json watch.state " \
		"full tmpfs, watch: no temporary file is left"
	# Room again: the same commands work, and replace the files whole.
	rm -f "$full/filler" "$full/filler2"
	run plan $P --ttl 600 -F json -o "$full/records.json"
	is "$rc" 0 "room again: the export is written"
	like "$(cat "$full/records.json")" '"ttl": 600' "... the new one, whole"
	umount_full
else
	ok 0 "# SKIP tmpfs cannot be mounted here"
fi

done_testing
