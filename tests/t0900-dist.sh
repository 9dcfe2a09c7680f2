#!/bin/sh
# t0900-dist: `make dist` gives a tarball that configures, builds, installs
# and passes its own tests
. "$(dirname "$0")/lib.sh"

[ -z "${MAILWIZ_IN_DIST:-}" ] || skip_all "already testing a release tarball"
command -v git >/dev/null || skip_all "git is not installed"
git -C "$top" rev-parse --git-dir >/dev/null 2>&1 ||
	skip_all "not a git work tree"

# Work on a clone so the build tree is left alone.
git clone -q "$top" "$tmp/src"
(cd "$tmp/src" && ./configure >/dev/null && make dist >"$tmp/dist.log" 2>&1)
ok $? "make dist"
tarball=$(ls "$tmp"/src/mailwiz-*.tar.gz 2>/dev/null)
[ -n "$tarball" ]
ok $? "tarball written"
mkdir "$tmp/rel"
tar -xzf "$tarball" -C "$tmp/rel"
dir=$(ls -d "$tmp"/rel/mailwiz-*)
(cd "$dir" && ./configure --prefix="$tmp/inst" >/dev/null && make >"$tmp/build.log" 2>&1)
ok $? "tarball builds"
# The tarball's own suite, built plainly: once is enough, so the pass of
# a tree built with --enable-sanitizers (CI's second pass) leaves it out.
if grep -q -- '^CFLAGS *=.*-fsanitize' "$top/Makefile" 2>/dev/null; then
	echo "ok $((tap_n + 1)) # SKIP tarball's make check: run by the plain build's pass"
	tap_n=$((tap_n + 1))
else
	(cd "$dir" && MAILWIZ_IN_DIST=1 make check PROVE_FLAGS="-v -j2" \
		>"$tmp/check.log" 2>&1)
	rc=$?
	ok $rc "tarball passes make check"
	if [ $rc -ne 0 ]; then
		grep -B2 -A6 '^not ok' "$tmp/check.log" | sed 's/^/# /'
		tail -12 "$tmp/check.log" | sed 's/^/# /'
	fi
fi
(cd "$dir" && make install DESTDIR="$tmp/dest" >/dev/null 2>&1)
ok $? "make install with DESTDIR"
for f in bin/mailwiz share/mailwiz/catalog.xml share/mailwiz/catalog.rng \
    share/man/man1/mailwiz.1; do
	[ -f "$tmp/dest$tmp/inst/$f" ]
	ok $? "installed $f"
done
"$tmp/dest$tmp/inst/bin/mailwiz" --version >/dev/null
ok $? "installed program runs"
for l in $(cat "$dir/po/LINGUAS"); do
	[ -f "$tmp/dest$tmp/inst/share/locale/$l/LC_MESSAGES/mailwiz.mo" ]
	ok $? "installed the $l message catalog under the locale directory"
done
# Installed where it was configured to go, the program finds its
# translations by itself.
(cd "$dir" && make install >/dev/null 2>&1)
ok $? "make install into the configured prefix"
env -u MAILWIZ_LOCALEDIR -u LANGUAGE "$tmp/inst/bin/mailwiz" --help \
	>"$tmp/help.en" 2>&1
for l in $(cat "$dir/po/LINGUAS"); do
	env -u MAILWIZ_LOCALEDIR -u LC_ALL -u LANG LANGUAGE=$l \
		"$tmp/inst/bin/mailwiz" --help >"$tmp/help.$l" 2>&1
	! cmp -s "$tmp/help.en" "$tmp/help.$l"
	ok $? "LANGUAGE=$l: the installed program's help is translated"
done
(cd "$dir" && make uninstall DESTDIR="$tmp/dest" >/dev/null 2>&1)
[ ! -e "$tmp/dest$tmp/inst/bin/mailwiz" ]
ok $? "make uninstall removes it"

done_testing
