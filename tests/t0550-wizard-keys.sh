#!/bin/sh
# t0550-wizard-keys: the help overlay on every screen (? and F1), quitting
# (at once when nothing would be lost, else asking), q and ? as letters in
# a text field with Ctrl-Q and F10 to quit there, Tab to the buttons
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-wizard.sh"

# Help on the welcome screen, closed by Esc, F1 and q.
wiz_start
wiz_key "?"
wiz_wait "Help: Welcome"
ok $? "? opens the help"
like "$(wiz_screen)" "Ctrl-Q, F10" "the help lists the keys"
wiz_key Escape
wiz_wait_gone "Help: Welcome"
ok $? "Esc closes the help"
like "$(wiz_screen)" "Step 1 of 10: Welcome" "and stays on the screen"
wiz_key F1
wiz_wait "Help: Welcome"
ok $? "F1 opens the help"
wiz_key q
wiz_wait_gone "Help: Welcome"
like "$(wiz_screen)" "Step 1 of 10: Welcome" "q closes the help, not the wizard"

# A help for every screen.
wiz_key Enter
wiz_wait "Step 2 of 10: Feature"
wiz_key "?"
wiz_wait "Help: Feature"
ok $? "the feature screen has its help"
like "$(wiz_screen)" "run the wizard" "with its own text"
wiz_key Escape
wiz_wait_gone "Help: Feature"
wiz_key Enter
wiz_wait "Step 3 of 10: Mail server"
wiz_key "?"
wiz_wait "Help: Mail server"
ok $? "the server screen has its help"
wiz_key Escape
wiz_wait_gone "Help: Mail server"

# q quits at once when nothing typed would be lost.
wiz_key q
is "$(wiz_exit)" 0 "q on the server screen quits at once"

# Esc on the first screen quits too.
wiz_start
wiz_key Escape
is "$(wiz_exit)" 0 "Esc on the welcome screen quits"

# In a text field q and ? are letters.
wiz_start
wiz_key Enter Enter Enter
wiz_wait "Step 4 of 10: Domain"
wiz_type "aq?"
wiz_wait "[aq?"
ok $? "q and ? are typed into the field"
like "$(wiz_screen)" "Ctrl-Q quit" "the key line says how to quit from a field"
wiz_key F1
wiz_wait "Help: Domain"
ok $? "F1 opens the help from a field"
wiz_key Escape
wiz_wait_gone "Help: Domain"
like "$(wiz_screen)" "[aq?" "the help leaves the text alone"
wiz_key C-q
wiz_wait "Quit mailwiz?"
ok $? "Ctrl-Q asks before quitting when something typed would be lost"
like "$(wiz_screen)" "s saves and quits, q quits without saving" \
	"the question says what each key does"
wiz_key Escape
wiz_wait_gone "Quit mailwiz?"
like "$(wiz_screen)" "[aq?" "Esc stays, with the text"
wiz_key BSpace BSpace BSpace
wiz_type "example.com"
wiz_key Tab
wiz_key q
wiz_wait "Quit mailwiz?"
ok $? "q on a button asks too"
wiz_key c
wiz_wait_gone "Quit mailwiz?"
ok $? "c (Cancel) stays"
wiz_key Enter
wiz_wait "Step 3 of 10"
ok $? "Tab then Enter takes the focused button (Back)"
wiz_key Enter
wiz_wait "Step 4 of 10"
like "$(wiz_screen)" "[example.com" "the domain is still there"
wiz_key F10
wiz_wait "Quit mailwiz?"
ok $? "F10 asks as well"
wiz_key q
is "$(wiz_exit)" 0 "q in the question quits without saving"
[ ! -e "$XDG_STATE_HOME/mailwiz/wizard.state" ]
ok $? "nothing was saved"

# The mouse (xterm reports, as tmux passes them): a click chooses a list
# item, a click on the chosen one goes on, a click on a button presses it.
click() {
	wiz_type "$(awk -v x="$1" -v y="$2" 'BEGIN {
		printf "\033[M%c%c%c\033[M%c%c%c", 32, 33 + x, 33 + y,
		    35, 33 + x, 33 + y }')"
}
wiz_start
wiz_key Enter
wiz_wait "Step 2 of 10: Feature"
click 8 5
wiz_wait "▸ (●) Workflow"
ok $? "a click chooses a list item"
click 8 5
wiz_wait "Step 3 of 10: Mail server"
ok $? "a click on the chosen item goes on"
like "$(wiz_screen)" "How does Workflow send them?" "with the item clicked"
click 63 22
wiz_wait "Step 2 of 10: Feature"
ok $? "a click on [ Back ] goes back"
wiz_key q
wiz_exit >/dev/null

done_testing
