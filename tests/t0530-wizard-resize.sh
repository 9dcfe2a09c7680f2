#!/bin/sh
# t0530-wizard-resize: the wizard follows the window at any moment: larger
# (100x30), back to 80x24 exactly as before, and below 80x24 a clear
# "enlarge the window" message and nothing else
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-wizard.sh"

wiz_start
wiz_key Enter Enter Enter
wiz_wait "Step 4 of 10: Domain"
wiz_type example.org
wiz_wait "a valid domain name"
wiz_wait "Press F5 to try again"	# the lookup at 127.0.0.1:1 failed
wiz_screen >"$tmp/before.txt"
is "$(wc -l <"$tmp/before.txt")" 24 "24 lines at 80x24"

wiz_resize 100 30
wait_until 5 wiz_lines 30
wiz_wait "Enter next"
wiz_screen >"$tmp/big.txt"
is "$(wc -l <"$tmp/big.txt")" 30 "30 lines at 100x30"
is "$(sed -n 1p "$tmp/big.txt" | awk '{ print length($0) }')" 100 \
	"the title bar spans 100 columns"
like "$(sed -n 1p "$tmp/big.txt")" "? or F1 help" "the title is redrawn"
like "$(sed -n 29p "$tmp/big.txt")" "[ Back ]  [ Next ]" \
	"the buttons move to the new second-last line"
like "$(sed -n 30p "$tmp/big.txt")" "Enter next" \
	"the key hints move to the new last line"
like "$(cat "$tmp/big.txt")" "[example.org " "the typed text survives"
is "$(grep -c 'Step 4 of 10' "$tmp/big.txt")" 1 "no leftover of the old frame"

wiz_resize 80 24
wait_until 5 wiz_lines 24
wait_until 5 wiz_same "$tmp/before.txt"
ok $? "back at 80x24 the screen is exactly as before"

wiz_resize 60 20
wiz_wait "Enlarge the window to at least 80x24"
ok $? "60x20: the enlarge message"
like "$(wiz_screen)" "(it is 60x20 now)" "60x20: the size it has"
unlike "$(wiz_screen)" "Step 4 of 10" "60x20: no half-drawn screen"
unlike "$(wiz_screen)" "[ Next ]" "60x20: no buttons"
wiz_key Enter
wiz_type "x"
wiz_resize 80 24
wait_until 5 wiz_same "$tmp/before.txt"
ok $? "keys while too small do nothing; 80x24 again shows the same screen"

wiz_resize 79 24
wiz_wait "Enlarge the window to at least 80x24"
ok $? "one column too few is too small"
wiz_resize 80 24
wiz_wait "Step 4 of 10"
wiz_key C-q
wiz_wait "Quit mailwiz?"
wiz_key q
is "$(wiz_exit)" 0 "quit"
done_testing
