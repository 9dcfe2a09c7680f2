#!/bin/sh
# t0920-i18n-width: text for people lines up by display width, whatever the
# language: check's table pads and cuts server names (a resolver named in
# Japanese) by columns, never inside a character; send-test's result puts
# every value at one column after translated labels; the catalog wraps
# Japanese at 79 columns and underlines a heading as wide as it is; and a
# table exported in one language is read back by check --expect in another.
# No DNS or SMTP server is needed: only closed ports on 127.0.0.1.
. "$(dirname "$0")/lib.sh"

# width: the display width of each line of standard input (wide characters
# two columns), one number a line.
width() {
	"$py3" -c '
import sys, unicodedata
for line in sys.stdin.read().split("\n")[:-1]:
    print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
              for c in line))'
}

# 1. check: the server column by display width.
mkdir -p "$XDG_CONFIG_HOME/mailwiz"
long=$(printf '\346\235\261\344\272\254%.0s' $(seq 1 20))	# 80 columns
cat >"$XDG_CONFIG_HOME/mailwiz/config" <<EOF
resolver 127.0.0.1:1 事務所のリゾルバー
resolver 127.0.0.1:2 office
resolver 127.0.0.1:3 $long
EOF
env -u MAILWIZ_RESOLVERS "$MAILWIZ" check -f notification -s advanced-smtp \
	-d example.com --existing-spf '' --no-authoritative --dns-timeout 200 \
	--dns-tries 1 >"$tmp/check.txt" 2>"$tmp/check.err"
is "$?" 1 "check with refusing resolvers exits 1"
grep -aE '^  [A-Z]+ +(事務所|office|東京)' "$tmp/check.txt" >"$tmp/rows.txt"
is "$(wc -l <"$tmp/rows.txt" | tr -d ' ')" 6 \
	"a row per record and resolver (2 records, 3 resolvers)"
is "$(width <"$tmp/rows.txt" | sort -u | tr '\n' ' ')" "57 " \
	"every row is 57 columns: the names padded by display width"
"$py3" -c 'import sys; open(sys.argv[1], encoding="utf-8").read()' \
	"$tmp/check.txt" 2>/dev/null
ok $? "the table is valid UTF-8 (a long name is cut between characters)"
like "$(cat "$tmp/rows.txt")" "$(printf '\346\235\261\344\272\254%.0s' \
	$(seq 1 10))東..." "an 80-column name is cut to 46 columns with ..."

# 2. send-test: values at one column after the translated labels.
sendtest() {
	LANGUAGE=$1 "$MAILWIZ" send-test --server 127.0.0.1:1 --tls none \
		--insecure --from a@example.com --to b@example.com \
		--to c@example.com 2>/dev/null
}
# valcol LANG: the column where each value of the result starts.
valcol() {
	sendtest "$1" | "$py3" -c '
import re, sys, unicodedata
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in s)
for line in sys.stdin.read().split("\n"):
    m = re.search(r"[bc]@example\.com|0[.,]00", line)
    if line.startswith("  ") and m:
        print(w(line[:m.start()]))'
}
is "$(valcol C | sort -u | tr '\n' ' ')" "16 " \
	"English: the values start at column 16, as before"
locdir=${MAILWIZ_LOCALEDIR:-$top/po/locale}
export MAILWIZ_LOCALEDIR=$locdir
# The languages built (po/LINGUAS may not list them all yet).
langs=
for l in de fr es ja; do
	[ -f "$locdir/$l/LC_MESSAGES/mailwiz.mo" ] && langs="$langs $l"
done
if [ "${ENABLE_NLS:-1}" = 1 ] && [ -f "$locdir/ja/LC_MESSAGES/mailwiz.mo" ]
then
	for l in $langs; do
		n=$(valcol "$l" | sort -u | wc -l | tr -d ' ')
		is "$n" 1 "$l: the recipients and the time line up"
	done

	# 3. The catalog in Japanese: 79 columns, whole underlines.
	LANGUAGE=ja "$MAILWIZ" catalog >"$tmp/cat.ja"
	is "$?" 0 "catalog in Japanese exits 0"
	grep -v 'https://' "$tmp/cat.ja" | width | sort -n | tail -n 1 \
		>"$tmp/widest"
	ok $(($(cat "$tmp/widest") > 79)) \
		"no line but a URL is wider than 79 columns ($(cat "$tmp/widest"))"
	"$py3" - "$tmp/cat.ja" <<'PY'
import sys, unicodedata
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
bad = [l for i, l in enumerate(lines[1:], 1)
       if l and set(l) == {"="} and len(l) != w(lines[i - 1])]
n = sum(1 for l in lines if l and set(l) == {"="})
sys.exit(0 if n >= 2 and not bad else 1)
PY
	ok $? "every heading is underlined as wide as it is"

	# 4. A table written in each language, read in English and in
	# another language.
	records() {
		"$MAILWIZ" check -d example.com --expect "$1" --json \
			--resolver 127.0.0.1:1 --dns-timeout 100 --dns-tries 1 \
			--no-authoritative 2>&1 | "$py3" -c '
import json, sys
try:
    d = json.load(sys.stdin)
except ValueError:
    sys.exit(1)
for r in d["records"]:
    print(r["name"], r["type"], r["expected"])'
	}
	"$MAILWIZ" plan -f notification -s advanced-smtp -d example.com \
		--existing-spf 'v=spf1 ip4:192.0.2.1 -all' -o "$tmp/rec.C.txt"
	records "$tmp/rec.C.txt" >"$tmp/want"
	is "$(wc -l <"$tmp/want" | tr -d ' ')" 2 "the English table: 2 records"
	for l in $langs; do
		LANGUAGE=$l "$MAILWIZ" plan -f notification -s advanced-smtp \
			-d example.com --existing-spf 'v=spf1 ip4:192.0.2.1 -all' \
			-o "$tmp/rec.$l.txt"
		records "$tmp/rec.$l.txt" >"$tmp/got.$l"
		cmp -s "$tmp/want" "$tmp/got.$l"
		ok $? "a table in $l is read back in English"
		LANGUAGE=ja records "$tmp/rec.$l.txt" >"$tmp/got.$l.ja"
		cmp -s "$tmp/want" "$tmp/got.$l.ja"
		ok $? "a table in $l is read back in Japanese"
	done
fi

done_testing
