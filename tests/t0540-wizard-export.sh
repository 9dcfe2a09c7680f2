#!/bin/sh
# t0540-wizard-export: the export screen writes the records in the chosen
# format exactly as `mailwiz plan` does, asks before overwriting a file,
# takes another file name, says why a file cannot be written, and copies
# the text to the clipboard through OSC 52 (tmux's paste buffer here)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-wizard.sh"

command -v knotd >/dev/null || skip_all "knotd is not installed"
ns=127.77.54.1
cat >"$tmp/example.com.zone" <<ZONE
\$ORIGIN example.com.
\$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 300
@	NS	ns1
ns1	A	$ns
@	TXT	"v=spf1 include:_spf.google.com ~all"
ZONE
knot_start $ns example.com "$tmp/example.com.zone" ||
	{ echo "Bail out! cannot start knotd"; exit 1; }
plan() {
	"$MAILWIZ" plan -f notification -s advanced-smtp -d example.com \
		--resolver $ns "$@"
}

wiz_start --resolver $ns
wiz_key Enter Enter Enter
wiz_type example.com
wiz_wait "v=spf1 include:_spf.google.com ~all"
wiz_key Enter Enter
wiz_wait "Step 6 of 10: Records"
wiz_key Enter
wiz_wait "Step 7 of 10: Export"
ok $? "Enter on the records screen opens the export"
like "$(wiz_screen)" "[./mailwiz-example.com.zone" \
	"the file name follows the domain and the format"
like "$(wiz_screen)" '$ORIGIN example.com.' "the preview shows the zone"

wiz_key w
wiz_wait "wrote ./mailwiz-example.com.zone"
ok $? "w writes the file"
plan -F zone >"$tmp/plan.zone"
cmp -s "$tmp/plan.zone" "$tmp/mailwiz-example.com.zone"
ok $? "the zone file is what 'mailwiz plan -F zone' prints"

wiz_key Down Down Down
wiz_wait "[./mailwiz-example.com.json"
ok $? "choosing json renames the file"
wiz_key w
wiz_wait "wrote ./mailwiz-example.com.json"
plan -F json >"$tmp/plan.json"
cmp -s "$tmp/plan.json" "$tmp/mailwiz-example.com.json"
ok $? "the JSON file is what 'mailwiz plan -F json' prints"

echo "my own notes" >"$tmp/mailwiz-example.com.json"
wiz_key w
wiz_wait "Replace the file?"
ok $? "writing over an existing file asks first"
wiz_key Escape
wiz_wait_gone "Replace the file?"
is "$(cat "$tmp/mailwiz-example.com.json")" "my own notes" \
	"Esc keeps the existing file"
wiz_key w
wiz_wait "Replace the file?"
wiz_key r
wiz_wait_gone "Replace the file?"
wait_until 5 cmp -s "$tmp/plan.json" "$tmp/mailwiz-example.com.json"
ok $? "r replaces it with the records"

wiz_key Tab C-u
wiz_type "custom name.txt"
wiz_key Enter
wiz_wait "wrote custom name.txt"
ok $? "Enter in the file field writes under the name typed"
cmp -s "$tmp/plan.json" "$tmp/custom name.txt"
ok $? "in the format chosen"
wiz_key BTab Down
wiz_wait "xml"
like "$(wiz_screen)" "[custom name.txt" \
	"a name typed is kept when the format changes"

wiz_key Tab C-u
wiz_type "no/such/dir/x.xml"
wiz_key Enter
wiz_wait "no/such/dir"
like "$(wiz_screen)" "✗" "a file that cannot be written: the error is shown"
like "$(wiz_screen)" "Step 7 of 10: Export" "and the wizard carries on"

# The clipboard: tmux takes OSC 52 into a paste buffer.
wiz_tmux set-option -g set-clipboard on
wiz_key BTab Up Up
wiz_wait "▸ (●) csv"
wiz_key c
wiz_wait "bytes to the clipboard"
ok $? "c copies the text"
plan -F csv >"$tmp/plan.csv"
buffer_is() {
	wiz_tmux show-buffer 2>/dev/null | cmp -s - "$1"
}
wait_until 5 buffer_is "$tmp/plan.csv"
ok $? "the terminal's clipboard holds the CSV 'mailwiz plan -F csv' prints"

# The summary lists the exports.
wiz_key Escape
wiz_wait "Step 6 of 10"
wiz_key p
wiz_wait "Step 8 of 10: Propagation"
ok $? "p opens the propagation check from the records screen"
wiz_key Enter
wiz_wait "Step 9 of 10: Test email"
wiz_key BTab Enter
wiz_wait "Step 10 of 10: Summary"
like "$(wiz_screen)" "./mailwiz-example.com.zone (zone)" \
	"summary: the zone file"
like "$(wiz_screen)" "custom name.txt (json)" "summary: the file named"
like "$(wiz_screen)" "the clipboard (csv)" "summary: the clipboard"
wiz_key C-q
wiz_wait "Quit mailwiz?"
wiz_key q
is "$(wiz_exit)" 0 "quit"
done_testing
