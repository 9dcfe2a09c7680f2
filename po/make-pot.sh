#!/bin/sh
# make-pot.sh OUT - extract every translatable message of mailwiz into the
# template OUT: the C sources (_(), N_(), P_() and ngettext) and the texts
# of data/catalog.xml (by the rules of po/catalog.its). Run from the top of
# the tree; `make pot` uses it, and tests/t0910-i18n.sh checks that
# po/mailwiz.pot is what it gives for the current sources.
set -eu
out=$1
version=$(sed -n 's/^version=//p' configure | head -n 1)
ls src/*.c ui/*.c | LC_ALL=C sort >"$out.files"
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	--keyword=ngettext:1,2 --keyword=P_:1,2 --add-comments=TRANSLATORS \
	--package-name=mailwiz --package-version="$version" \
	--msgid-bugs-address= --sort-by-file \
	-f "$out.files" -o "$out.new" 2>"$out.err" || { cat "$out.err" >&2; exit 1; }
sed -e '/^"POT-Creation-Date:/d' -e 's/charset=CHARSET/charset=UTF-8/' \
	"$out.new" >"$out.utf8"
xgettext --its=po/catalog.its --join-existing --omit-header \
	--sort-by-file -o "$out.utf8" data/catalog.xml
mv "$out.utf8" "$out"
rm -f "$out.new" "$out.files" "$out.err"
