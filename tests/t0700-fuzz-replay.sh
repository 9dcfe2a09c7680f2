#!/bin/sh
# t0700-fuzz-replay: every fuzz target (tests/fuzz/fuzz-*.c), built by
# `make check` without libFuzzer as fuzz/replay-NAME, runs its whole seed
# corpus and each saved crash input (tests/fuzz/regress/NAME/) cleanly;
# in the --enable-sanitizers build that includes ASan, UBSan and leaks
. "$(dirname "$0")/lib.sh"

fuzz=$top/tests/fuzz
ls "$fuzz"/fuzz-*.c >/dev/null 2>&1 || skip_all "no fuzz targets"
# The targets make their temporary files here, so they go with the test.
TMPDIR=$tmp
export TMPDIR

# show_failure LOG: the input that was running and the end of the report.
show_failure() {
	grep '^replay: ' "$1" | tail -n 1 | sed 's/^/# while running /'
	grep -v '^replay: ' "$1" | tail -n 15 | sed 's/^/#   /'
}

for src in "$fuzz"/fuzz-*.c; do
	name=$(basename "$src" .c)
	name=${name#fuzz-}
	bin=$top/fuzz/replay-$name
	if [ ! -x "$bin" ]; then
		ok 1 "$name: fuzz/replay-$name is built (run make check)"
		continue
	fi

	corpus=$fuzz/corpus/$name
	n=$(find "$corpus" -type f 2>/dev/null | wc -l)
	[ "$n" -gt 0 ]
	ok $? "$name: the seed corpus is not empty"
	"$bin" "$corpus" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	got=$(grep -c '^ok ' "$tmp/out")
	if [ "$rc" -eq 0 ] && [ "$got" -eq "$n" ]; then
		ok 0 "$name: replays its $n seed inputs"
	else
		ok 1 "$name: replays its $n seed inputs (exit $rc, $got done)"
		show_failure "$tmp/err"
	fi

	[ -d "$fuzz/regress/$name" ] || continue
	for input in "$fuzz/regress/$name"/*; do
		[ -f "$input" ] || continue
		"$bin" "$input" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		ok $rc "$name: regression input $(basename "$input")"
		[ "$rc" -eq 0 ] || show_failure "$tmp/err"
	done
done

# Nothing is left behind in the temporary directory but the logs (a
# target that crashed cannot clean up: that failure is reported above).
if [ "$tap_failed" -eq 0 ]; then
	left=$(ls "$tmp" | grep -v -e '^out$' -e '^err$' -e '^config$' \
	    -e '^state$')
	is "$left" "" "the targets remove their temporary files"
fi

done_testing
