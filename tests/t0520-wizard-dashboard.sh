#!/bin/sh
# t0520-wizard-dashboard: the wizard, driven in tmux at 80x24, reaches the
# propagation dashboard for a domain served by Knot behind an Unbound; one
# DKIM CNAME is not published yet: the dashboard shows it missing with a
# countdown; the test publishes it mid-test and the dashboard turns green
# by itself, at the zone's own server first and at the resolver once its
# cached negative answer has expired, then shows the banner.
#
# The negative TTL (SOA minimum) is 8 s, longer than the dashboard's 5 s
# interval: the name server is asked again after 5 s and sees the record
# at once, while the resolver keeps its cached "no such name" until 8 s
# after it fetched it, so the order can be seen. (With 3 s the resolver
# has forgotten the negative answer before it is asked again, and both
# turn green at the same moment.)
. "$(dirname "$0")/lib.sh"

command -v knotd >/dev/null || skip_all "knotd is not installed"
command -v unbound >/dev/null || skip_all "unbound is not installed"
command -v tmux >/dev/null || skip_all "tmux is not installed"

auth=127.77.52.1
res=127.77.52.11
sock=mw$$
# Easy DKIM tokens as Amazon SES makes them (32 of [a-z2-7]).
t1=4m2tbw7tjkp3cy6f3rjkqutkaq6pwcfd
t2=hxq5v2ybzo3lu7rn6sl4cx2dmw7fkt5e
t3=z7kq3pjw2nmh6vxa5cr4tdyg2lb7eo3u
t3_=z7kq3pjw2nmh	# what the dashboard's narrow columns show of it

cat >"$tmp/example.com.zone" <<ZONE
\$ORIGIN example.com.
\$TTL 300
@	SOA	ns1 hostmaster 1 3600 600 86400 8
@	NS	ns1
ns1	A	$auth
@	TXT	"v=spf1 include:amazonses.com ~all"
_dmarc	TXT	"v=DMARC1; p=none"
$t1._domainkey	CNAME	$t1.dkim.amazonses.com.
$t2._domainkey	CNAME	$t2.dkim.amazonses.com.
ZONE
# A stand-in for amazonses.com, so that SPF can be evaluated for real.
cat >"$tmp/amazonses.com.zone" <<ZONE
\$ORIGIN amazonses.com.
\$TTL 300
@	SOA	ns1.example.com. hostmaster.example.com. 1 3600 600 86400 8
@	NS	ns1.example.com.
@	TXT	"v=spf1 ip4:199.255.192.0/22 ip4:54.240.0.0/18 -all"
ZONE
knot_start $auth example.com "$tmp/example.com.zone" \
	amazonses.com "$tmp/amazonses.com.zone" ||
	{ echo "Bail out! cannot start knotd"; exit 1; }
unbound_start $res $auth || { echo "Bail out! cannot start unbound"; exit 1; }

# The three CNAMEs as Zuora Global Support sends them.
cat >"$tmp/dkim.txt" <<DKIM
$t1._domainkey.example.com CNAME $t1.dkim.amazonses.com
$t2._domainkey.example.com CNAME $t2.dkim.amazonses.com
$t3._domainkey.example.com CNAME $t3.dkim.amazonses.com
DKIM

tmux_stop() {
	tmux -L "$sock" kill-server 2>/dev/null
}
cleanup_hooks="tmux_stop $cleanup_hooks"

# screen: what the terminal shows now
screen() {
	tmux -L "$sock" capture-pane -p 2>/dev/null
}
# shows TEXT: the screen shows TEXT (a fixed string)
shows() {
	screen | grep -qF -- "$1"
}
# matches REGEX: a line of the screen matches the extended REGEX
matches() {
	screen | grep -qE -- "$1"
}
# keys KEY...: type keys (tmux names: Enter, Tab, BTab, Down, ...)
keys() {
	tmux -L "$sock" send-keys -t mw "$@"
}
# see SECONDS WHAT FIXED-TEXT: wait for a text, report, show the screen
# when it does not come
see() {
	wait_until "$1" shows "$3"
	rc=$?
	ok $rc "$2"
	[ $rc -eq 0 ] || screen | sed 's/^/#   | /'
	return $rc
}
# see_re SECONDS WHAT REGEX: the same for a regular expression
see_re() {
	wait_until "$1" matches "$3"
	rc=$?
	ok $rc "$2"
	[ $rc -eq 0 ] || screen | sed 's/^/#   | /'
	return $rc
}
# row: the dashboard's row of the unpublished record
row() {
	screen | grep -F "$t3_" | grep -F '│'
}
# eta: the countdown in the resolver's cell of that row
eta() {
	row | sed -n 's/.*│○ missing \([0-9]*\)s .*/\1/p'
}
# eta_below N: that countdown shows less than N
eta_below() {
	e=$(eta)
	[ -n "$e" ] && [ "$e" -lt "$1" ]
}
# rows_ok N: N rows of the dashboard are ok at both servers
rows_ok() {
	[ "$(screen | grep -cE '│✓ ok +✓ ok')" -eq "$1" ]
}
# hides TEXT: the screen does not show TEXT
hides() {
	! shows "$1"
}

tmux -L "$sock" -f /dev/null new-session -d -s mw -x 80 -y 24 \
	"exec $MAILWIZ --resolver $res --dns-timeout 1000" ||
	{ echo "Bail out! cannot start tmux"; exit 1; }

# Launch to the records: Enter, Enter, Enter, the domain, the paste.
see 10 "the wizard starts on the welcome screen" \
	"Make your billing mail trusted, and prove it" || exit 1
keys Enter
see 5 "Enter: the feature screen" "Which Zuora feature sends the mails?"
keys Enter
see 5 "Enter: Email Notification, the server screen" \
	"How does Email Notification send them?"
keys Enter
see 5 "Enter: Advanced SMTP, the domain screen" "Which domain do your From"
keys -l example.com
see 5 "the domain is valid as typed" "a valid domain"
keys Enter
see 5 "Enter: the DKIM records from Zuora" "DKIM records"
# Tab from Next wraps to the paste area; paste as a terminal does.
keys Tab
tmux -L "$sock" load-buffer -b dkim "$tmp/dkim.txt"
tmux -L "$sock" paste-buffer -p -b dkim -t mw
see 5 "the three pasted CNAMEs are read" "3 records read"
keys BTab Enter
see 10 "Next: the records screen" "5 records for example.com"
keys p
see_re 15 "p: the dashboard, a resolver and the zone's name server" \
	'record +127\.77\.52\.11 +ns1\.example\.com'

# The unpublished CNAME: missing at both, with the resolver's countdown.
see_re 15 "the missing CNAME is shown missing with the resolver's ETA" \
	"$t3_[^│]*│○ missing [0-9]s +○ missing"
eta1=$(eta)
knot_set $auth example.com $t3._domainkey 300 CNAME $t3.dkim.amazonses.com.
ok $? "the CNAME is published in Knot mid-test"
[ -n "$eta1" ] && [ "$eta1" -ge 1 ] && [ "$eta1" -le 8 ]
ok $? "its ETA ($eta1 s) is the resolver's negative TTL (8 s) or less"
wait_until 10 rows_ok 4
ok $? "the four published records are ok at both servers"
see 10 "SPF passes, with its lookup count" "SPF: pass, 1/10 lookups"
keys Down Down Down
see_re 5 "Down: the details line says when the cached answer expires" \
	"○ missing, eta [0-9]s +at 127\.77\.52\.11 \(resolver\): CNAME $t3_"
wait_until 5 eta_below "${eta1:-0}"
ok $? "the countdown ticks by itself ($eta1 s, then $(eta) s)"

# Green by itself: the name server first, the resolver after its TTL.
see_re 20 "the zone's name server shows it first, the resolver still cached" \
	"$t3_[^│]*│○ missing [0-9]s +✓ ok"
see_re 20 "then the resolver, once its negative answer expired" \
	"$t3_[^│]*│✓ ok +✓ ok"
see 5 "the banner says everything is live" \
	"Everything is live at every server"
wait_until 5 rows_ok 5
ok $? "all five records are ok at both servers"
unlike "$(screen)" "missing" "nothing is missing any more"

# The SPF include tree on demand.
keys t
see 5 "t shows the SPF include tree" "example.com: pass"
like "$(screen)" "include:amazonses.com" "the tree shows the include"
keys t
wait_until 5 hides "example.com: pass"
ok $? "t hides it again"

# Leaving and coming back keeps the dashboard.
keys Escape
see 5 "Esc: back to the records" "5 records for example.com"
keys p
see 5 "p: the same dashboard, still green" \
	"Everything is live at every server"

done_testing
