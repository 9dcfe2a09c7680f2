#!/bin/sh
# t0580-wizard-sendtest: the wizard's test email screen, in tmux at 80x24,
# against real SMTP servers (aiosmtpd, tests/smtp-server.py) on loopback
# with STARTTLS, AUTH and a self-signed certificate given in the CA file
# field: the fields are prefilled from the path (SES endpoint of the region
# typed, port 587, STARTTLS, billing@domain, the SES simulator offered);
# the message is delivered with its queue id; the transcript never shows
# the password or its base64 forms; a wrong password is explained in plain
# words and sending again keeps the fields; the screen takes keys while the
# server delays its answer to the message; the summary reports the result;
# the saved wizard holds no password.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-wizard.sh"

"$py3" -c 'import aiosmtpd' 2>/dev/null ||
	skip_all "python3-aiosmtpd is not installed"
command -v openssl >/dev/null || skip_all "openssl is not installed"

PASS='s3cr3t-Pa55'
WRONG='not-the-Pa55word'

openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
	-keyout "$tmp/key.pem" -out "$tmp/cert.pem" -subj /CN=mx.mailwiz.test \
	-addext "subjectAltName=IP:127.77.58.1,IP:127.77.58.2" \
	>"$tmp/openssl.log" 2>&1 ||
	{ echo "Bail out! openssl cannot make a certificate"; exit 1; }
CERT=$tmp/cert.pem

smtp_start plain 127.77.58.1 --tls required --auth PLAIN,LOGIN ||
	{ echo "Bail out! cannot start the SMTP server"; exit 1; }
PORT1=$port
smtp_start slow 127.77.58.2 --tls required --auth PLAIN,LOGIN \
	--data-delay 4 ||
	{ echo "Bail out! cannot start the slow SMTP server"; exit 1; }
PORT2=$port

# Every screen the test looks at is kept, to look for the password in.
: >"$tmp/seen.txt"
snap() {
	wiz_screen | tee -a "$tmp/seen.txt"
}

# flat TEXT: TEXT on one line, spaces squeezed (for wrapped sentences).
flat() {
	printf '%s' "$1" | tr '\n' ' ' | tr -s ' '
}

# field TEXT: replace the text of the field that has the focus.
field() {
	wiz_key C-u
	wiz_type "$1"
}

# Email Notification, Advanced SMTP (Amazon SES), to the test email.
wiz_start --dns-timeout 200
wiz_key Enter Enter Enter
wiz_type example.com
wiz_wait "a valid domain name"
wiz_key Enter Enter
wiz_wait "Step 6 of 10: Records"
wiz_key p
wiz_wait "Step 8 of 10: Propagation"
like "$(wiz_screen)" "Enter test email" \
	"the propagation screen leads to the test email"
wiz_key Enter
wiz_wait "Step 9 of 10: Test email"
ok $? "Enter on the propagation screen opens the test email"
s=$(snap)
like "$s" "[billing@example.com " "From is prefilled in the domain"
like "$s" "[587 " "port 587 is prefilled"
like "$s" "[STARTTLS]" "STARTTLS is the TLS mode"
like "$s" "[ ] insecure" "the certificate is checked by default"
like "$s" "[none]  success   bounce   ooto   complaint   suppressionlist" \
	"the SES mailbox simulator scenarios are offered"
like "$(flat "$s")" "at SMTP level whatever the scenario" \
	"with what SES does with them"

# The focus starts in the empty region; the server follows it.
wiz_type "eu west"
wiz_wait "not a region name such as eu-west-1"
ok $? "a region name that is not one is said so"
field eu-west-1
wiz_wait "[email-smtp.eu-west-1.amazonaws.com "
ok $? "the server is the SES SMTP endpoint of the region typed"

# TLS none needs the insecure box; the insecure box warns.
wiz_key Down Down Down Right Right
wiz_wait "[none]"
wiz_wait "NO TLS: the password and the message cross the network in clear"
ok $? "choosing no TLS warns plainly"
wiz_key Enter
wiz_wait "tick insecure to confirm"
ok $? "sending without TLS is refused until insecure is ticked"
wiz_key Left Left Down Space
wiz_wait "[x] insecure"
wiz_wait "INSECURE: the server's certificate is NOT checked"
ok $? "ticking insecure warns loudly"
wiz_key Space
wiz_wait_gone "INSECURE"
ok $? "unticked, the warning goes"
like "$(wiz_screen)" "[STARTTLS]" "back to STARTTLS"

# The server, the CA file, the login, a recipient.
wiz_key Up Up Up
field 127.77.58.1
wiz_key Down
field "$PORT1"
wiz_key Down Down Down
field "$CERT"
wiz_key Down
field user
wiz_key Down
field "$PASS"
wiz_key Down Down
field alice@example.net
wiz_wait "[alice@example.net"
s=$(snap)
like "$s" "[***********" "the password is shown as stars"
unlike "$s" "$PASS" "and never as itself"
# And a mailbox simulator recipient (the test server takes it as any).
wiz_key Down Right Right
wiz_wait "[bounce]"
wiz_key Enter
wiz_wait "Result: delivered" 20
ok $? "STARTTLS + AUTH with the CA file: delivered"
s=$(snap)
like "$s" "(queue id MWTEST1)" "the queue id is shown"
like "$s" "Server reply  250 2.0.0 Ok: queued as MWTEST1" \
	"the server's final reply is shown"
like "$s" "alice@example.net  accepted  250 2.1.5 Ok" \
	"each recipient's answer is shown"
like "$s" "bounce@simulator.amazonses.com  accepted  250 2.1.5 Ok" \
	"the simulator's address too"
like "$s" "✓ connect  ✓ TLS  ✓ login  ✓ sender  ✓ recipients  ✓ message" \
	"every stage passed"
like "$s" "TLSv1." "the TLS version is shown"
wiz_key NPage
wiz_wait "expires"
ok $? "PgDn scrolls to the certificate's expiry"
s=$(snap)
like "$s" "Certificate   CN = mx.mailwiz.test" \
	"the certificate subject is shown"
like "$s" "issued by   CN = mx.mailwiz.test" "and its issuer"
like "$s" "Time          " "and the time taken"
wiz_key NPage
wiz_wait "F3 or the Transcript button"
s="$s $(snap)"
like "$(flat "$s")" \
	"The Amazon SES mailbox simulator accepts every message at SMTP" \
	"the result says what the simulator does"
is "$(mails plain)" 1 "the server stored the message"
"$py3" - "$tmp/smtp-plain/mail/1.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
assert j["auth_user"] == "user", j
assert j["tls"] is True, j
assert j["rcpt_tos"] == ["alice@example.net",
                      "bounce@simulator.amazonses.com"], j
assert j["mail_from"] == "billing@example.com", j
PY
ok $? "it came over TLS, logged in as user, from billing@example.com"
tr -d '\r' <"$tmp/smtp-plain/mail/1.eml" >"$tmp/msg.txt"
like "$(cat "$tmp/msg.txt")" "_dmarc.example.com" \
	"the message lists the domain's DNS records"

# The transcript, page by page.
wiz_key F3
wiz_wait "SMTP conversation (credentials masked)"
ok $? "F3 opens the transcript"
# moved: whether the pane differs from $prev.
moved() {
	[ "$(wiz_screen)" != "$prev" ]
}
: >"$tmp/transcript.txt"
n=0
while [ $n -lt 10 ]; do
	snap >>"$tmp/transcript.txt"
	# the "more below" mark on the box's last text row
	wiz_screen | sed -n 20p | grep -qF "▼" || break
	prev=$(wiz_screen)
	wiz_key NPage
	wait_until 5 moved || break
	n=$((n + 1))
done
t=$(cat "$tmp/transcript.txt")
like "$t" "S: 220 mx.mailwiz.test" "the transcript has the greeting"
like "$t" "C: STARTTLS" "STARTTLS"
like "$t" "C: AUTH " "the login"
like "$t" " ****" "with the credentials masked"
like "$t" "S: 235 " "the server's answer to the login"
like "$t" "S: 250 2.0.0 Ok: queued as MWTEST1" "and the final reply"
like "$t" "C: QUIT" "down to QUIT"
wiz_key Escape
wiz_wait_gone "SMTP conversation"

# A wrong password: the fields are kept, the failure is explained.
wiz_key Left Left Up Up Up
field "$WRONG"
wiz_key Enter
wiz_wait "Result: NOT delivered" 20
ok $? "a wrong password: not delivered"
s=$(snap)
like "$s" "failed at the login stage" "it failed at the login stage"
like "$(flat "$s")" "wrong user name or password" "said in plain words"
like "$(flat "$s")" "What to do: check the user name and the password" \
	"with what to do"
like "$s" "[127.77.58.1 " "sending again kept the server"
like "$s" "[$PORT1 " "the port"
like "$s" "[alice@example.net" "and the recipient"
unlike "$s" "$WRONG" "the wrong password is not shown either"
is "$(mails plain)" 1 "nothing more was stored"
wiz_key F3
wiz_wait "SMTP conversation (credentials masked)"
wiz_screen >>"$tmp/transcript.txt"
wiz_key End
wiz_screen >>"$tmp/transcript.txt"
snap >/dev/null
wiz_key Escape
wiz_wait_gone "SMTP conversation"

# A server that waits 4 s before it answers the message: the screen takes
# keys meanwhile.
wiz_key Up Up Up Up Up Up
field 127.77.58.2
wiz_key Down
field "$PORT2"
wiz_key Down Down Down Down Down
field "$PASS"
wiz_key Enter
wiz_wait "✓ recipients  " 10
ok $? "the stages show as they pass"
wiz_wait "[ Stop ]" 5
ok $? "Send becomes Stop while sending"
wiz_key Down Down End
wiz_type " bob@example.org"
wiz_wait "net bob@example.org" 3
ok $? "text typed while the server thinks shows at once"
s=$(snap)
like "$s" "Sending through smtp://127.77.58.2:$PORT2" \
	"while the send is still under way"
unlike "$s" "Result:" "before the result"
wiz_wait "Result: delivered" 20
ok $? "then the result arrives: delivered"
like "$(snap)" "(queue id MWTEST1)" "with the slow server's queue id"
is "$(mails slow)" 1 "the slow server stored the message"

# The summary reports the test email.
wiz_key Tab Tab Tab Tab Tab
wiz_wait "[ Next ]"
wiz_key Enter
wiz_wait "Step 10 of 10: Summary" 5
ok $? "Next opens the summary"
wiz_all_pages "▼" >"$tmp/summary.txt"
sum=$(tr '\n' ' ' <"$tmp/summary.txt" | tr -s ' ')
like "$sum" "Test email" "the summary has the test email"
like "$sum" "message (queue id MWTEST1) through smtp://127.77.58.2:$PORT2" \
	"with its result"
cat "$tmp/summary.txt" >>"$tmp/seen.txt"

# Quit, saving the answers: the password is nowhere.
wiz_key C-q
wiz_wait "Quit mailwiz?"
wiz_key s
is "$(wiz_exit)" 0 "the wizard saved and quit"
is "$(cat "$tmp/wiz.err")" "" \
	"and wrote nothing on stderr (no sanitizer report)"
state=$tmp/state/mailwiz/wizard.state
[ -f "$state" ]
ok $? "the answers were saved"
# b64 TEXT: TEXT in base64, each \0 in it a NUL byte.
b64() {
	"$py3" -c 'import base64, sys
s = sys.argv[1].encode().replace(b"\\0", b"\0")
print(base64.b64encode(s).decode())' "$1"
}
for secret in "$PASS" "$(b64 "$PASS")" "$(b64 '\0user\0'"$PASS")" \
    "$(b64 'user\0user\0'"$PASS")" "$WRONG" "$(b64 "$WRONG")" \
    "$(b64 '\0user\0'"$WRONG")"; do
	unlike "$(cat "$tmp/seen.txt" "$tmp/transcript.txt")" "$secret" \
		"no screen shows '$secret'"
	grep -qF -- "$secret" "$state" "$tmp/wiz.err"
	is $? 1 "neither the saved wizard nor stderr holds '$secret'"
done
done_testing
