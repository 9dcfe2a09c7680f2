#!/bin/sh
# t0515-wizard-paste: the DKIM paste area keeps the text as pasted, marks
# the line that cannot be read and says why, refuses to go on until it is
# fixed; a long TXT record is shown split into strings of 255 bytes
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-wizard.sh"

start() {
	wiz_start
	wiz_key Enter Enter "$@" Enter
	wiz_wait "Step 4 of 10"
	wiz_type example.com
	wiz_key Enter
	wiz_wait "Step 5 of 10"
}

cat >"$tmp/bad.txt" <<'PASTE'
abc._domainkey CNAME abc.dkim.amazonses.com
def._domainkey CNAME https://def.dkim.amazonses.com
ghi._domainkey CNAME ghi.dkim.amazonses.com
PASTE
start
wiz_key Tab
wiz_paste "$tmp/bad.txt"
wiz_wait "line 2: the CNAME target"
ok $? "the paste is read as it comes: the error names line 2"
like "$(wiz_screen)" "paste only the host name" "and says what to do"
wiz_screen >"$tmp/s.txt"
grep -q "│✗def._domainkey CNAME https://def.dkim.amazonses.com" "$tmp/s.txt"
ok $? "line 2 carries the error mark in the area"
grep -q "│ abc._domainkey CNAME abc.dkim.amazonses.com" "$tmp/s.txt" &&
	grep -q "│ ghi._domainkey CNAME ghi.dkim.amazonses.com" "$tmp/s.txt"
ok $? "the other lines are kept as pasted, unmarked"
wiz_key Tab Enter F1
wiz_wait "Help: Provider and DKIM"	# F1 is read after Enter
ok $? "Next is refused while a line cannot be read"
wiz_key Escape
wiz_wait_gone "Help:"
like "$(wiz_screen)" "Enter new line  Tab leave the area" \
	"the focus goes back to the paste area"
wiz_key Up Up Home C-k
wiz_type "def._domainkey CNAME def.dkim.amazonses.com"
wiz_wait "3 records read"
ok $? "the line fixed in place: all three records read"
unlike "$(wiz_screen)" "✗" "no error mark left"
wiz_key Tab Enter
wiz_wait "Step 6 of 10: Records"
ok $? "then Next goes on"
wiz_all_pages "▼" >"$tmp/rec.txt"
like "$(cat "$tmp/rec.txt")" "Value       def.dkim.amazonses.com." \
	"the fixed record is among the records"
wiz_key C-q
wiz_wait "Quit mailwiz?"
wiz_key q
wiz_exit >/dev/null

# A 2048-bit key: a TXT value longer than 255 bytes.
k=$(printf '%0392d' 0 | tr 0 A)
printf 'google._domainkey TXT "v=DKIM1; k=rsa; p=%s"\n' "$k" >"$tmp/long.txt"
start Down
wiz_key Down Down Down Down Down Down Down Down Tab
wiz_paste "$tmp/long.txt"
wiz_wait "1 record read"
ok $? "the long record is read"
wiz_key Tab Enter
wiz_wait "Step 6 of 10: Records"
wiz_all_pages "▼" >"$tmp/rec.txt"
like "$(cat "$tmp/rec.txt")" "(2 strings of at most 255 bytes: one record" \
	"a TXT value over 255 bytes is shown split"
like "$(cat "$tmp/rec.txt")" "Value       \"v=DKIM1; k=rsa; p=AAAA" \
	"the first string is quoted"
n=$(tr -d '\n ' <"$tmp/rec.txt" | grep -o 'A' | wc -l)
[ "$n" -ge 392 ]
ok $? "every character of the key is on the screen ($n As)"
wiz_key C-q
wiz_wait "Quit mailwiz?"
wiz_key q
wiz_exit >/dev/null
done_testing
