#!/bin/sh
# run.sh - build the libFuzzer targets (tests/fuzz/fuzz-*.c) with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer into fuzz/, then run each
# for FUZZ_SECONDS seconds (default 60) on a scratch copy of its corpus.
#
#	tests/fuzz/run.sh [TARGET...]	(spf, dkim, dmarc, dnsparse, ...)
#
# Environment: FUZZ_SECONDS (0: build only), FUZZ_JOBS (targets run at
# once, default one per processor), FUZZ_TIMEOUT (seconds one input
# may take, default 10), FUZZ_CC (default clang), FUZZ_FLAGS (more libFuzzer
# options, such as "-seed=1" or "-only_ascii=1"). A target's dictionary
# tests/fuzz/TARGET.dict is used when there is one. Needs ./configure to
# have been run (config.h). Exits non-zero when a target crashed, leaked,
# timed out or ran out of memory, and says where the input is and how to
# reproduce it.
# The committed corpus is never changed: copy interesting inputs from
# fuzz/run/TARGET/ by hand.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
fuzzdir=$top/tests/fuzz
build=$top/fuzz
seconds=${FUZZ_SECONDS:-60}
timeout=${FUZZ_TIMEOUT:-10}
cc=${FUZZ_CC:-clang}
pkgs="libxml-2.0 libcares libcurl libidn2"

die() {
	echo "run.sh: $*" >&2
	exit 2
}

# The longest input each target is given, in bytes.
max_len() {
	case $1 in
	catalog) echo 32768 ;;
	expect) echo 8192 ;;
	dkim|paste|state|dnsparse) echo 4096 ;;
	*) echo 2048 ;;
	esac
}

cd "$top" || exit 2
[ -f config.h ] || die "config.h is missing: run ./configure first"
command -v "$cc" >/dev/null 2>&1 ||
	die "$cc not found: apt-get install clang libclang-rt-14-dev"
# shellcheck disable=SC2086
deps_cflags=$(pkg-config --cflags $pkgs) || die "pkg-config $pkgs failed"
# shellcheck disable=SC2086
deps_libs=$(pkg-config --libs $pkgs) || die "pkg-config $pkgs failed"

all=$(ls "$fuzzdir"/fuzz-*.c | sed 's|.*/fuzz-||; s|\.c$||')
if [ $# -gt 0 ]; then
	targets=$*
	for t in $targets; do
		[ -f "$fuzzdir/fuzz-$t.c" ] ||
			die "no target '$t' (there are: $(echo "$all" | xargs))"
	done
else
	targets=$all
fi

# Build: every src/*.c but main.c once into an archive (instrumented for
# coverage, not linked with libFuzzer's main), then one program per target.
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
cflags="-g -O1 -fno-omit-frame-pointer $san -I. -Isrc -Itests/fuzz"
mkdir -p "$build/obj" "$build/run" "$build/crashes" "$build/logs" || exit 2
newest_hdr=$(ls -t config.h src/*.h | head -n 1)
stale=$build/stale.$$
objs=
for c in src/*.c; do
	[ "$c" = src/main.c ] && continue
	o=$build/obj/$(basename "$c" .c).o
	objs="$objs $o"
	# -nt: not in POSIX, but in dash, bash and busybox sh
	# shellcheck disable=SC3013
	if [ ! -f "$o" ] || [ "$c" -nt "$o" ] || [ "$newest_hdr" -nt "$o" ]
	then
		echo "$c $o"
	fi
done >"$stale"
if [ -s "$stale" ]; then
	echo "compiling $(wc -l <"$stale") files of src/ with $cc"
	# shellcheck disable=SC2086
	xargs -n 2 -P "$(nproc 2>/dev/null || echo 2)" sh -c \
	    'exec "$0" '"$cflags -fsanitize=fuzzer-no-link $deps_cflags"' \
	    -c -o "$2" "$1" || { rm -f "$2"; exit 255; }' "$cc" \
	    <"$stale" || die "compiling src/ failed"
	rm -f "$build/libmailwiz-fuzz.a"
fi
rm -f "$stale"
if [ ! -f "$build/libmailwiz-fuzz.a" ]; then
	# shellcheck disable=SC2086
	ar rcs "$build/libmailwiz-fuzz.a" $objs || die "ar failed"
fi
for t in $targets; do
	# shellcheck disable=SC2086
	$cc $cflags -fsanitize=fuzzer -DFUZZ_TOP="\"$top\"" $deps_cflags \
	    -o "$build/fuzz-$t" "$fuzzdir/fuzz-$t.c" "$fuzzdir/common.c" \
	    "$build/libmailwiz-fuzz.a" $deps_libs ||
		die "building fuzz-$t failed"
done
echo "built: $(for t in $targets; do printf 'fuzz/fuzz-%s ' "$t"; done)"
[ "$seconds" = 0 ] && exit 0

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export MAILWIZ_TOP="$top"
# The catalog and state targets write files: tmpfs makes that (and the
# state files' fsync) cheap.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	export TMPDIR=/dev/shm
fi
mkdir -p "$build/logs"
# fuzz_one TARGET: run one target; its report lines go to standard output,
# and the status is non-zero when it failed.
fuzz_one() {
	t=$1
	scratch=$build/run/$t
	crashes=$build/crashes/$t
	log=$build/logs/$t.log
	rm -rf "$scratch"
	mkdir -p "$scratch" "$crashes"
	for d in corpus regress; do
		if [ -d "$fuzzdir/$d/$t" ]; then
			find "$fuzzdir/$d/$t" -type f -exec cp {} "$scratch/" \;
		fi
	done
	seeds=$(ls "$scratch" | wc -l)
	opts="-max_len=$(max_len "$t") -timeout=$timeout -rss_limit_mb=2048"
	opts="$opts -print_final_stats=1 -artifact_prefix=$crashes/"
	[ -f "$fuzzdir/$t.dict" ] && opts="$opts -dict=$fuzzdir/$t.dict"
	# shellcheck disable=SC2086
	"$build/fuzz-$t" $opts -max_total_time="$seconds" ${FUZZ_FLAGS:-} \
	    "$scratch" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
	# The last status line: "#N DONE cov: C ft: F corp: K/..."
	cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n \
	    's/.* cov: \([0-9]*\) ft: \([0-9]*\) corp: \([0-9]*\).*/\1 \2 \3/p')
	# shellcheck disable=SC2086
	set -- $cov
	printf '%-9s %10s execs %7s/s  cov %5s  ft %6s  corpus %4s' \
	    "$t" "${execs:-?}" "${speed:-?}" "${1:-?}" "${2:-?}" "${3:-?}"
	printf ' (from %s)  rss %s MB\n' "$seeds" "${rss:-?}"
	if [ "$rc" -ne 0 ]; then
		pat='ERROR: (Address|Leak)Sanitizer|ERROR: libFuzzer'
		pat="$pat|runtime error:|^fuzz: "
		what=$(grep -m 1 -E "$pat" "$log")
		input=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" |
		    tail -n 1)
		echo "  FAILED (exit $rc): ${what:-see the log}"
		echo "  log: $log"
		if [ -n "$input" ]; then
			echo "  input saved in: $input"
			echo "  reproduce: MAILWIZ_TOP=$top $build/fuzz-$t $input"
			echo "  minimise:  MAILWIZ_TOP=$top $build/fuzz-$t" \
			    "-minimize_crash=1 -runs=100000 $input"
			echo "  then: cp $input tests/fuzz/regress/$t/NAME"
		fi
	fi
	return $rc
}

# Run FUZZ_JOBS targets at a time (default: one per processor), each for
# the whole FUZZ_SECONDS; the reports come out in the targets' order.
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
failed=0
set -- $targets
while [ $# -gt 0 ]; do
	batch=
	n=0
	while [ $# -gt 0 ] && [ $n -lt "$jobs" ]; do
		batch="$batch $1"
		( fuzz_one "$1" >"$build/logs/$1.report" 2>&1
		  echo $? >"$build/logs/$1.rc" ) &
		shift
		n=$((n + 1))
	done
	wait
	for t in $batch; do
		cat "$build/logs/$t.report"
		[ "$(cat "$build/logs/$t.rc")" = 0 ] || failed=1
	done
done
exit $failed
