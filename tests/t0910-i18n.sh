#!/bin/sh
# t0910-i18n: the translations. po/mailwiz.pot is what po/make-pot.sh
# extracts from the current sources and catalog; every language of
# po/LINGUAS is complete (no untranslated, no fuzzy message); the command
# line speaks each language (LANGUAGE=xx, even without LANG as on a fresh
# server): help, errors, plural forms and the catalog's texts; domain names
# are shown as U-labels and written to DNS files as A-labels.
. "$(dirname "$0")/lib.sh"

command -v xgettext >/dev/null || skip_all "xgettext is not installed"
cd "$top" || exit 1
linguas=$(cat po/LINGUAS 2>/dev/null)

# 1. The template is up to date with the sources.
sh po/make-pot.sh "$tmp/fresh.pot" 2>"$tmp/pot.err"
is "$?" 0 "po/make-pot.sh extracts the messages"
msgcat --no-location --no-wrap --sort-output "$tmp/fresh.pot" \
	>"$tmp/fresh.sorted" 2>/dev/null
msgcat --no-location --no-wrap --sort-output po/mailwiz.pot \
	>"$tmp/pot.sorted" 2>/dev/null
if cmp -s "$tmp/fresh.sorted" "$tmp/pot.sorted"; then
	ok 0 "po/mailwiz.pot is up to date with the sources (make pot)"
else
	ok 1 "po/mailwiz.pot is up to date with the sources (make pot)"
	diff "$tmp/pot.sorted" "$tmp/fresh.sorted" | head -n 20 |
		sed 's/^/# /'
fi
ls src/*.c ui/*.c | LC_ALL=C sort >"$tmp/files"
cmp -s "$tmp/files" po/POTFILES
ok $? "po/POTFILES lists every source file"
n=$(grep -c '^#: data/catalog.xml' po/mailwiz.pot)
ok $((n < 40)) "the catalog's texts are in the template ($n)"

# 2. Every language is complete and checks.
for l in de fr es ja; do
	case " $(echo $linguas) " in
	*" $l "*) ok 0 "po/LINGUAS has $l" ;;
	*) ok 1 "po/LINGUAS has $l" ;;
	esac
done
for l in $linguas; do
	st=$(msgfmt --check --statistics -o /dev/null "po/$l.po" 2>&1)
	ok $? "msgfmt --check po/$l.po"
	printf '%s\n' "$st" | grep -Eq '^[0-9]+ translated messages?\.$'
	ok $? "po/$l.po: no untranslated, no fuzzy message ($st)"
	msgcmp --use-untranslated "po/$l.po" po/mailwiz.pot \
		>"$tmp/cmp.$l" 2>&1
	ok $? "po/$l.po has every message of the template"
done

[ "${ENABLE_NLS:-1}" = 1 ] || { done_testing; exit; }
locdir=${MAILWIZ_LOCALEDIR:-$top/po/locale}
export MAILWIZ_LOCALEDIR=$locdir

# T LANG MSGID: the translation of MSGID.
T() {
	LANGUAGE=$1 TEXTDOMAINDIR=$locdir LC_ALL=C.UTF-8 \
		gettext -d mailwiz -e -- "$2"
}

# 3. The command line in each language.
"$MAILWIZ" --help >"$tmp/help.C"
for l in $linguas; do
	ok $([ -f "$locdir/$l/LC_MESSAGES/mailwiz.mo" ]; echo $?) \
		"$l: the catalog is built"
	LANGUAGE=$l "$MAILWIZ" --help >"$tmp/help.$l" 2>&1
	is "$?" 0 "$l: --help exits 0"
	! cmp -s "$tmp/help.C" "$tmp/help.$l"
	ok $? "$l: --help is translated"
	# the help is one message: the output is exactly its translation
	en=$(cat "$tmp/help.C"; echo x)
	LANGUAGE=$l TEXTDOMAINDIR=$locdir LC_ALL=C.UTF-8 \
		gettext -d mailwiz -- "${en%x}" >"$tmp/want.$l"
	cmp -s "$tmp/want.$l" "$tmp/help.$l"
	ok $? "$l: --help is the translation of the whole help text"
	# as on a fresh server: no LANG, no LC_ALL, only LANGUAGE
	env -u LC_ALL -u LANG -u LC_MESSAGES LANGUAGE=$l "$MAILWIZ" --help \
		>"$tmp/help0.$l" 2>&1
	cmp -s "$tmp/help.$l" "$tmp/help0.$l"
	ok $? "$l: LANGUAGE=$l alone is enough (no LANG set)"
	grep -qF '??' "$tmp/help0.$l"
	ok $((! $?)) "$l: no character lost to a C-locale conversion"

	# an error: the message is the translation, the status unchanged
	LANGUAGE=$l "$MAILWIZ" frobnicate >"$tmp/out" 2>"$tmp/err"
	is "$?" 2 "$l: an unknown command exits 2"
	fmt=$(T $l "mailwiz: unknown command '%s'; see 'mailwiz --help'\n")
	want=$(printf "$fmt" frobnicate)
	is "$(cat "$tmp/err")" "$want" "$l: the unknown command message"
	ok $([ "$want" != "mailwiz: unknown command 'frobnicate'; see \
'mailwiz --help'" ]; echo $?) "$l: ... is not the English one"

	# a plural form chosen by the count
	LANGUAGE=$l "$MAILWIZ" plan -f notification -s advanced-smtp \
		-d "$(printf 'a%.0s' $(seq 1 70)).example" --offline \
		>"$tmp/out" 2>"$tmp/err"
	is "$?" 2 "$l: a 70-character label exits 2"
	fmt=$(LANGUAGE=$l TEXTDOMAINDIR=$locdir LC_ALL=C.UTF-8 ngettext \
		-d mailwiz "label '%.*s' of '%s' is %zu character long; a label can have at most 63" \
		"label '%.*s' of '%s' is %zu characters long; a label can have at most 63" 70)
	unlike "$fmt" "label '%.*s' of '%s' is" \
		"$l: the plural message is translated"
	stem=$(printf '%s' "$fmt" | sed 's/%.*//')
	[ -z "$stem" ] && stem=$(printf '%s' "$fmt" | sed 's/.*%[a-z]*//')
	like "$(cat "$tmp/err")" "$stem" "$l: the plural message is shown"

	# the catalog's texts
	LANGUAGE=$l "$MAILWIZ" catalog >"$tmp/cat.$l" 2>&1
	is "$?" 0 "$l: mailwiz catalog exits 0"
	want=$(T $l "Email Notification")
	ok $([ "$want" != "Email Notification" ]; echo $?) \
		"$l: the catalog's feature title is translated"
	grep -qF -- "$want" "$tmp/cat.$l"
	ok $? "$l: mailwiz catalog shows the translated title '$want'"
done

# 4. U-labels shown, A-labels in DNS files, in every language.
for l in C $linguas; do
	LANGUAGE=$l "$MAILWIZ" plan -f notification -s advanced-smtp \
		-d bücher.example --existing-spf '' >"$tmp/idn.txt" 2>&1
	like "$(cat "$tmp/idn.txt")" "bücher.example (xn--bcher-kva.example)" \
		"$l: the table names the domain as written, then its A-label"
	LANGUAGE=$l "$MAILWIZ" plan -f notification -s advanced-smtp \
		-d bücher.example --existing-spf '' -F zone >"$tmp/idn.zone" 2>&1
	like "$(cat "$tmp/idn.zone")" '$ORIGIN xn--bcher-kva.example.' \
		"$l: the zone file is written with the A-label"
	LC_ALL=C grep -v '^;' "$tmp/idn.zone" | LC_ALL=C grep -q '[^ -~	]'
	ok $((! $?)) "$l: every line of the zone file that DNS reads is ASCII"
	LANGUAGE=$l "$MAILWIZ" check -f notification -s advanced-smtp \
		-d bücher.example --existing-spf '' --resolver 127.0.0.1:1 \
		--dns-timeout 100 --dns-tries 1 >"$tmp/idn.check" 2>&1
	like "$(cat "$tmp/idn.check")" "TXT _dmarc.bücher.example. (dmarc)" \
		"$l: check names the records with U-labels"
done

done_testing
