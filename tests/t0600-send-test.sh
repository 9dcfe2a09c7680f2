#!/bin/sh
# t0600-send-test: `mailwiz send-test` against real SMTP servers (aiosmtpd,
# tests/smtp-server.py) on loopback: STARTTLS, implicit TLS, AUTH PLAIN and
# LOGIN, refused logins and recipients, missing STARTTLS or AUTH,
# certificates, timeouts, masking of credentials, the SES simulator, JSON
. "$(dirname "$0")/lib.sh"

"$py3" -c 'import aiosmtpd' 2>/dev/null ||
	skip_all "python3-aiosmtpd is not installed"
command -v openssl >/dev/null || skip_all "openssl is not installed"

PASS='s3cr3t-Pa55'
unset MAILWIZ_SMTP_PASSWORD

# A self-signed certificate (its own CA) for the test addresses; 127.77.60.9
# is left out on purpose, for the wrong-host-name case.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
	-keyout "$tmp/key.pem" -out "$tmp/cert.pem" -subj /CN=mx.mailwiz.test \
	-addext "subjectAltName=DNS:mx.mailwiz.test,IP:127.77.60.1,IP:127.77.60.2,IP:127.77.60.3,IP:127.77.60.4,IP:127.77.60.5,IP:127.77.60.6,IP:127.77.60.7,IP:127.77.60.8,IP:::1" \
	>"$tmp/openssl.log" 2>&1 ||
	{ echo "Bail out! openssl cannot make a certificate"; exit 1; }
CERT=$tmp/cert.pem

# sendpw PASSWORD ARGS...: mailwiz send-test ARGS with PASSWORD in
# MAILWIZ_SMTP_PASSWORD (none when empty) and standard input not a
# terminal; $out, $err, $rc as for run, and $flat: $out and $err with the
# lines joined (the result is wrapped at 78 columns).
sendpw() {
	local pw
	pw=$1
	shift
	if [ -n "$pw" ]; then
		MAILWIZ_SMTP_PASSWORD=$pw "$MAILWIZ" send-test "$@" \
			</dev/null >"$tmp/out" 2>"$tmp/err"
	else
		env -u MAILWIZ_SMTP_PASSWORD "$MAILWIZ" send-test "$@" \
			</dev/null >"$tmp/out" 2>"$tmp/err"
	fi
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
	flat=$(printf '%s\n%s' "$out" "$err" | tr '\n' ' ' | tr -s ' ')
}

# send ARGS...: with the test password; send0 ARGS...: without any.
send() {
	sendpw "$PASS" "$@"
}
send0() {
	sendpw "" "$@"
}

# jget FILE EXPR: evaluate a Python expression on the JSON object j read
# from FILE.
jget() {
	"$py3" -c 'import json, sys
j = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$1" "$2"
}

smtp_start tls 127.77.60.1 --tls required --auth PLAIN,LOGIN \
	--reject-rcpt nobody@example.net --reject-rcpt ghost@example.net ||
	{ echo "Bail out! cannot start the STARTTLS server"; exit 1; }
TLS_PORT=$port
F="--from billing@example.com"

# 1. STARTTLS + AUTH PLAIN: delivered, headers as RFC 5322 wants them
send --server 127.77.60.1:$TLS_PORT --cacert "$CERT" --user user \
	--auth plain $F --to alice@example.net --subject "Test one" \
	--transcript
is "$rc" 0 "STARTTLS + AUTH PLAIN: exit 0"
like "$flat" "Result: delivered: the server took the message" "says delivered"
like "$flat" "queued as MWTEST1" "shows the server's final reply"
like "$flat" "queue id MWTEST1" "and the queue id"
like "$flat" "TLSv1." "shows the TLS version"
like "$flat" "CN = mx.mailwiz.test" "shows the certificate subject"
like "$flat" "expires" "shows the certificate expiry"
like "$out" "C: AUTH PLAIN ****" "the PLAIN initial response is masked"
like "$out" "S: 235 " "the transcript shows the login succeeded"
msg=$tmp/smtp-tls/mail/1.eml
[ -f "$msg" ]
ok $? "the server stored the message"
hdr=$(sed '/^\r*$/q' "$msg" | tr -d '\r')
like "$hdr" "From: billing@example.com" "From header"
like "$hdr" "To: alice@example.net" "To header"
like "$hdr" "Subject: Test one" "Subject header"
echo "$hdr" | grep -Eq '^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}$'
ok $? "Date header in RFC 5322 form"
echo "$hdr" | grep -Eq '^Message-ID: <[0-9a-f]{24}\.[0-9]+@example\.com>$'
ok $? "Message-ID header, at the sender's domain"
like "$hdr" "MIME-Version: 1.0" "MIME-Version header"
like "$hdr" "Content-Type: text/plain; charset=UTF-8" "Content-Type header"
echo "$hdr" | grep -Eq '^Content-Transfer-Encoding: (7bit|8bit|quoted-printable)$'
ok $? "Content-Transfer-Encoding header"
"$py3" - "$msg" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"),
                                   policy=email.policy.strict)
assert m["Date"].datetime is not None
assert m["Message-ID"].startswith("<")
body = m.get_content()
assert "127.77.60.1 port" in body, body
assert "STARTTLS required, certificate verified" in body, body
assert "as user with AUTH PLAIN" in body, body
assert "_dmarc.example.com" in body, body
PY
ok $? "Python's strict e-mail parser reads it; the body says what was tested"
is "$(jget "$tmp/smtp-tls/mail/1.json" 'j["auth_user"]')" user \
	"the server saw the login"
is "$(jget "$tmp/smtp-tls/mail/1.json" 'j["tls"]')" True \
	"the message came over TLS"
unlike "$out$err" "$PASS" "the password is never printed"

# 2. AUTH LOGIN, two recipients, JSON
send --server 127.77.60.1:$TLS_PORT --cacert "$CERT" --user user \
	--auth login $F --to alice@example.net --to bob@example.net --json
is "$rc" 0 "AUTH LOGIN: exit 0"
echo "$out" >"$tmp/login.json"
is "$(jget "$tmp/login.json" 'j["delivered"]')" True "--json parses: delivered"
is "$(jget "$tmp/login.json" '[r["status"] for r in j["recipients"]]')" \
	"['accepted', 'accepted']" "both recipients accepted"
is "$(jget "$tmp/login.json" 'j["queue_id"]')" MWTEST2 "queue id in JSON"
like "$(jget "$tmp/login.json" 'j["tls"]["version"]')" "TLSv1." \
	"TLS version in JSON"
is "$(jget "$tmp/login.json" 'j["tls"]["subject"]')" "CN = mx.mailwiz.test" \
	"certificate subject in JSON"
is "$(jget "$tmp/login.json" '[l["text"] for l in j["transcript"] if l["dir"] == "client" and l["text"].startswith("AUTH")]')" \
	"['AUTH LOGIN ****']" \
	"the transcript shows AUTH LOGIN, the user name (initial response) masked"
is "$(jget "$tmp/login.json" 'sum(1 for l in j["transcript"] if l["text"] == "****")')" \
	1 "the password line is masked"
is "$(jget "$tmp/login.json" 'j["elapsed_ms"] >= 0 and j["exit_status"] == 0')" \
	True "elapsed time and exit status in JSON"
is "$(jget "$tmp/smtp-tls/mail/2.json" 'j["rcpt_tos"]')" \
	"['alice@example.net', 'bob@example.net']" "both recipients received"

# 3. The transcript never holds the password or its base64 forms
b64() { printf "$1" | base64 -w0; }
for form in "$PASS" "$(b64 "$PASS")" "$(b64 "\\0user\\0$PASS")" \
    "$(b64 "user\\0user\\0$PASS")" "$(b64 user)"; do
	unlike "$(cat "$tmp/login.json")" "$form" \
		"LOGIN JSON transcript has no '$form'"
done
send --server 127.77.60.1:$TLS_PORT --cacert "$CERT" --user user \
	--auth plain $F --to alice@example.net --json
for form in "$PASS" "$(b64 "$PASS")" "$(b64 "\\0user\\0$PASS")"; do
	unlike "$out$err" "$form" "PLAIN JSON has no '$form'"
done
send --server 127.77.60.1:$TLS_PORT --cacert "$CERT" --user user \
	--auth login $F --to alice@example.net --transcript
for form in "$PASS" "$(b64 "$PASS")" "$(b64 user)"; do
	unlike "$out$err" "$form" "LOGIN --transcript has no '$form'"
done

# 4. Wrong password: exit 22, in plain words
sendpw wrong-password \
	--server 127.77.60.1:$TLS_PORT --cacert "$CERT" --user user $F \
	--to alice@example.net --transcript
is "$rc" 22 "wrong password: exit 22"
like "$flat" "wrong user name or password" "says the password is wrong"
like "$flat" "535" "shows the server's answer"
like "$flat" "NOT delivered, failed at the login stage" "names the stage"
unlike "$flat" "$(b64 "\\0user\\0wrong-password")" "masked even when refused"

# 5. One good and one bad recipient; then only bad ones
n_before=$(mails tls)
send --server 127.77.60.1:$TLS_PORT --cacert "$CERT" --user user $F \
	--to alice@example.net --to nobody@example.net
is "$rc" 0 "one recipient refused: still delivered (exit 0)"
like "$flat" "delivered to 1 of 2 recipients" "says who got it"
echo "$out" | grep -q 'alice@example.net  accepted  250'
ok $? "the good recipient is listed as accepted, with the reply"
echo "$out" | grep -q 'nobody@example.net  REFUSED  550 5.1.1'
ok $? "the bad recipient is listed as refused, with the server's reply"
is "$(mails tls)" $((n_before + 1)) "the message was stored once"
send --server 127.77.60.1:$TLS_PORT --cacert "$CERT" --user user $F \
	--to nobody@example.net --to ghost@example.net --json
is "$rc" 24 "every recipient refused: exit 24"
echo "$out" >"$tmp/rcpt.json"
is "$(jget "$tmp/rcpt.json" '[(r["status"], r["code"]) for r in j["recipients"]]')" \
	"[('refused', 550), ('refused', 550)]" "both refused with 550"
like "$(jget "$tmp/rcpt.json" 'j["diagnosis"]')" "recipient rejected" \
	"says the recipients were rejected"
is "$(mails tls)" $((n_before + 1)) "nothing stored"

# 6. Untrusted certificate, then trusted with --cacert, wrong host name
send --server 127.77.60.1:$TLS_PORT --user user $F --to alice@example.net \
	--transcript
is "$rc" 21 "certificate not trusted without --cacert: exit 21"
like "$flat" "certificate not trusted" "says the certificate is not trusted"
like "$flat" "--cacert" "says how to trust it"
unlike "$out" "C: AUTH" "no login was tried"
smtp_start wrongname 127.77.60.9 --tls starttls --auth PLAIN ||
	{ echo "Bail out! cannot start a server"; exit 1; }
send --server 127.77.60.9:$port --cacert "$CERT" --user user $F \
	--to alice@example.net
is "$rc" 21 "certificate for another name: exit 21"
like "$flat" "wrong host name" "says the host name is wrong"
send --server 127.77.60.9:$port --cacert "$CERT" --insecure --user user $F \
	--to alice@example.net
is "$rc" 0 "--insecure: accepted"
like "$flat" "NOT verified" "--insecure warns loudly"
like "$flat" "certificate NOT verified" "and the result says so"

# 7. A server without STARTTLS is refused; --tls none needs --insecure
smtp_start plain 127.77.60.2 --tls none --auth none ||
	{ echo "Bail out! cannot start a server"; exit 1; }
send --server 127.77.60.2:$port --user user $F --to alice@example.net \
	--transcript
is "$rc" 21 "no STARTTLS offered: exit 21"
like "$flat" "STARTTLS not offered" "says STARTTLS is not offered"
unlike "$out" "C: MAIL FROM" "no MAIL FROM was sent"
unlike "$out" "C: AUTH" "no AUTH was sent"
is "$(mails plain)" 0 "nothing delivered"
send --server 127.77.60.2:$port --tls none $F --to alice@example.net
is "$rc" 2 "--tls none without --insecure: exit 2"
like "$flat" "in clear" "says the password and mail would cross in clear"
send --server 127.77.60.2:$port --tls none --insecure $F --to alice@example.net
is "$rc" 0 "--tls none --insecure: sent"
like "$flat" "in clear" "with a plain warning"
like "$flat" "none: sent in clear" "and the result says no TLS"

# 8. Credentials set but no AUTH offered: stopped, not sent without login
smtp_start noauth 127.77.60.3 --tls starttls --auth none ||
	{ echo "Bail out! cannot start a server"; exit 1; }
send --server 127.77.60.3:$port --cacert "$CERT" --user user $F \
	--to alice@example.net --transcript
is "$rc" 22 "AUTH not offered with --user: exit 22"
like "$flat" "AUTH not offered" "says AUTH is not offered"
unlike "$out" "C: MAIL FROM" "stopped before MAIL FROM"
is "$(mails noauth)" 0 "nothing delivered unauthenticated"
send --server 127.77.60.3:$port --cacert "$CERT" $F --to alice@example.net
is "$rc" 0 "without --user the same server takes the message"

# 9. Pinned mechanism not offered; login required but not given
smtp_start plainonly 127.77.60.4 --tls starttls --auth PLAIN ||
	{ echo "Bail out! cannot start a server"; exit 1; }
send --server 127.77.60.4:$port --cacert "$CERT" --user user --auth login \
	$F --to alice@example.net
is "$rc" 22 "AUTH LOGIN pinned, only PLAIN offered: exit 22"
like "$flat" "does not offer AUTH LOGIN" "says which mechanism is missing"
send0 --server 127.77.60.4:$port --cacert "$CERT" $F \
	--to alice@example.net
is "$rc" 22 "login required but no --user: exit 22"
like "$flat" "wants a login" "says a login is needed"

# 10. Implicit TLS
smtp_start implicit 127.77.60.5 --tls implicit --auth PLAIN,LOGIN ||
	{ echo "Bail out! cannot start a server"; exit 1; }
send --server 127.77.60.5:$port --tls implicit --cacert "$CERT" --user user \
	$F --to alice@example.net
is "$rc" 0 "implicit TLS: exit 0"
like "$flat" "smtps://127.77.60.5:$port" "uses smtps://"
like "$flat" "TLSv1." "TLS version shown"
is "$(jget "$tmp/smtp-implicit/mail/1.json" 'j["auth_user"]')" user \
	"logged in over implicit TLS"
send --server 127.77.60.1:$TLS_PORT --tls implicit --cacert "$CERT" \
	--user user $F --to alice@example.net
is "$rc" 21 "implicit TLS on a STARTTLS port: exit 21"
like "$flat" "does not speak TLS from the first byte" "says why"

# 11. A silent server times out within --timeout; a slow DATA is waited for
smtp_start silent 127.77.60.6 --silent ||
	{ echo "Bail out! cannot start a server"; exit 1; }
t0=$(now_ms)
send --server 127.77.60.6:$port --timeout 2000 $F --to alice@example.net
took=$(($(now_ms) - t0))
is "$rc" 26 "silent server: exit 26"
[ "$took" -ge 1900 ] && [ "$took" -lt 5000 ]
ok_timing $? "gave up after about 2 s ($took ms)"
like "$flat" "said nothing for 2.0 s" "says the server was silent"
smtp_start slow 127.77.60.7 --tls starttls --auth PLAIN --data-delay 1.5 ||
	{ echo "Bail out! cannot start a server"; exit 1; }
send --server 127.77.60.7:$port --cacert "$CERT" --user user \
	--timeout 5000 $F --to alice@example.net
is "$rc" 0 "server slow to answer DATA within --timeout: delivered"
t0=$(now_ms)
send --server 127.77.60.7:$port --cacert "$CERT" --user user \
	--timeout 700 $F --to alice@example.net --json
took=$(($(now_ms) - t0))
is "$rc" 26 "server slower than --timeout after the message: exit 26"
echo "$out" >"$tmp/slow.json"
is "$(jget "$tmp/slow.json" 'j["stage_reached"]')" data "timed out at DATA"
[ "$took" -lt 1400 ]
ok_timing $? "and did not wait for the server ($took ms)"

# 12. Connection refused
send0 --server 127.77.60.8:1 $F --to alice@example.net
is "$rc" 20 "connection refused: exit 20"
like "$flat" "connection refused" "says the connection was refused"

# 13. Sender and message refused
smtp_start refuse 127.77.60.8 --tls starttls --reject-mail bad@example.com \
	--reject-data || { echo "Bail out! cannot start a server"; exit 1; }
send0 --server 127.77.60.8:$port --cacert "$CERT" \
	--from bad@example.com --to alice@example.net
is "$rc" 23 "sender refused: exit 23"
like "$flat" "refused the sender" "says the sender was refused"
send0 --server 127.77.60.8:$port --cacert "$CERT" $F \
	--to alice@example.net
is "$rc" 25 "message refused: exit 25"
like "$flat" "refused the message" "says the message was refused"

# 14. Passwords never on the command line; other sources
send0 --server 127.77.60.1:$TLS_PORT --user user --password "$PASS" \
	$F --to alice@example.net
is "$rc" 2 "--password VALUE: exit 2"
like "$flat" "command line" "says why passwords do not go on the command line"
send0 --server 127.77.60.1:$TLS_PORT --user user \
	--password="$PASS" $F --to alice@example.net
is "$rc" 2 "--password=VALUE: exit 2"
unlike "$flat" "$PASS" "the refused password is not echoed back"
send0 --server 127.77.60.1:$TLS_PORT --user user $F \
	--to alice@example.net
is "$rc" 2 "no password source and no terminal: exit 2"
like "$flat" "MAILWIZ_SMTP_PASSWORD" "says where a password can come from"
printf '%s\n' "$PASS" >"$tmp/pw"
chmod 600 "$tmp/pw"
send0 --server 127.77.60.1:$TLS_PORT --cacert "$CERT" --user user \
	--password-file "$tmp/pw" $F --to alice@example.net
is "$rc" 0 "--password-file: delivered"
: >"$tmp/empty"
send0 --server 127.77.60.1:$TLS_PORT --user user \
	--password-file "$tmp/empty" $F --to alice@example.net
is "$rc" 2 "empty --password-file: exit 2"

# 15. The no-echo prompt on a terminal; the terminal is restored on Ctrl-C
cat >"$tmp/prompt-tty.py" <<'PY'
import os, pty, select, signal, sys, termios, time
mode, password = sys.argv[1], sys.argv[2]
argv = sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(argv[0], argv)
out = b""
def read_until(pat, limit=10):
    global out
    end = time.time() + limit
    while pat not in out and time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                out += os.read(fd, 4096)
            except OSError:
                break
    return pat in out
if not read_until(b"Password for user at"):
    print("no prompt:", out); sys.exit(1)
echo_off = not (termios.tcgetattr(fd)[3] & termios.ECHO)
print("echo-off-at-prompt", echo_off)
if mode == "type":
    os.write(fd, password.encode() + b"\n")
    read_until(b"Time ", 20)
    read_until(b"\n", 1)
else:
    os.kill(pid, signal.SIGINT)
end = time.time() + 20
while True:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done or time.time() > end:
        break
    try:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            out += os.read(fd, 4096)
    except OSError:
        time.sleep(0.1)
if not done:
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
try:
    while True:
        r, _, _ = select.select([fd], [], [], 0.2)
        if not r:
            break
        out += os.read(fd, 4096)
except OSError:
    pass
print("echo-restored", bool(termios.tcgetattr(fd)[3] & termios.ECHO)
      if mode == "type" else "n/a")
print("password-echoed", password.encode() in out)
print("delivered", b"Result: delivered" in out)
print("signalled", os.WIFSIGNALED(status) and
      os.WTERMSIG(status) == signal.SIGINT)
PY
ptyout=$("$py3" "$tmp/prompt-tty.py" type "$PASS" "$MAILWIZ" send-test \
	--server 127.77.60.1:$TLS_PORT --cacert "$CERT" --user user $F \
	--to alice@example.net 2>&1)
like "$ptyout" "echo-off-at-prompt True" "the prompt turns echo off"
like "$ptyout" "password-echoed False" "the typed password is not echoed"
like "$ptyout" "delivered True" "the prompted password logs in"
ptyout=$("$py3" "$tmp/prompt-tty.py" interrupt "$PASS" "$MAILWIZ" send-test \
	--server 127.77.60.1:$TLS_PORT --cacert "$CERT" --user user $F \
	--to alice@example.net 2>&1)
like "$ptyout" "signalled True" "Ctrl-C at the prompt ends mailwiz"
cat >"$tmp/prompt-signal.py" <<'PY'
import os, pty, select, signal, sys, termios, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
end = time.time() + 10
while b"Password" not in out and time.time() < end:
    r, _, _ = select.select([fd], [], [], 0.1)
    if r:
        out += os.read(fd, 4096)
# The child is the session leader of the pty: its settings are the pty's.
os.kill(pid, signal.SIGTERM)
end = time.time() + 20
while os.waitpid(pid, os.WNOHANG)[0] == 0:
    if time.time() > end:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        break
    time.sleep(0.05)
print("echo-after-signal", bool(termios.tcgetattr(fd)[3] & termios.ECHO))
PY
ptyout=$("$py3" "$tmp/prompt-signal.py" "$MAILWIZ" send-test \
	--server 127.77.60.1:$TLS_PORT --user user $F --to a@example.net 2>&1)
like "$ptyout" "echo-after-signal True" "SIGTERM at the prompt restores echo"

# 16. The SES mailbox simulator
send0 --server 127.77.60.1:$TLS_PORT --cacert "$CERT" --user user \
	--password-file "$tmp/pw" $F --ses-simulator success \
	--ses-simulator bounce+t0600 --json
is "$rc" 0 "simulator recipients: delivered"
echo "$out" >"$tmp/ses.json"
n=$(mails tls)
is "$(jget "$tmp/smtp-tls/mail/$n.json" 'j["rcpt_tos"]')" \
	"['success@simulator.amazonses.com', 'bounce+t0600@simulator.amazonses.com']" \
	"the simulator addresses are the recipients"
like "$(jget "$tmp/ses.json" 'j["ses_note"]')" "arrives later" \
	"explains that the outcome arrives later"
send0 --server 127.77.60.1:$TLS_PORT --cacert "$CERT" --user user \
	--password-file "$tmp/pw" $F --ses-simulator ooto
like "$flat" "accepts every message at SMTP level" \
	"the explanation is printed too"
send0 --server 127.77.60.1:$TLS_PORT $F --ses-simulator nosuch
is "$rc" 2 "unknown simulator scenario: exit 2"
like "$flat" "success, bounce, ooto, complaint or suppressionlist" \
	"lists the scenarios"

# 17. The body lists the plan's records for a sending path
send --server 127.77.60.1:$TLS_PORT --cacert "$CERT" --user user $F \
	--to alice@example.net -f notification --server-type external-smtp \
	-p custom --ip 192.0.2.25 -d example.com
is "$rc" 0 "with a sending path: delivered"
n=$(mails tls)
body=$(tr -d '\r' <"$tmp/smtp-tls/mail/$n.eml")
like "$body" "from 'mailwiz plan'" "the body lists the plan's records"
like "$body" "ip4:192.0.2.25 ~all" "with the SPF record for the path"
like "$body" "_dmarc.example.com." "and DMARC"

send0 --server 127.77.60.1:$TLS_PORT $F --to alice@example.net \
	-f notification
is "$rc" 2 "a path without a server type: exit 2"
like "$flat" "use --server-type with one of" \
	"the message names send-test's option, --server-type"

# 18. IPv6 literal
if grep -q '^00000000000000000000000000000001 ' /proc/net/if_inet6 2>/dev/null
then
	smtp_start v6 ::1 --tls starttls --auth PLAIN ||
		{ echo "Bail out! cannot start a server on ::1"; exit 1; }
	send --server "[::1]:$port" --cacert "$CERT" --user user $F \
		--to alice@example.net
	is "$rc" 0 "IPv6 literal [::1]:PORT: delivered"
	like "$flat" "smtp://[::1]:$port" "the URL brackets the address"
else
	ok 0 "# SKIP no ::1 on this machine"
fi

# 19. International names: the domain in A-labels, a UTF-8 subject
send --server 127.77.60.1:$TLS_PORT --cacert "$CERT" --user user $F \
	--to "alice@bücher.example" --subject "Prüfung ✓ für Zahlungen"
is "$rc" 0 "an IDN recipient and a UTF-8 subject: delivered"
n=$(mails tls)
is "$(jget "$tmp/smtp-tls/mail/$n.json" 'j["rcpt_tos"]')" \
	"['alice@xn--bcher-kva.example']" "the envelope has the A-label domain"
"$py3" - "$tmp/smtp-tls/mail/$n.eml" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"),
                                   policy=email.policy.strict)
assert str(m["Subject"]) == "Prüfung ✓ für Zahlungen", m["Subject"]
assert str(m["To"]) == "alice@xn--bcher-kva.example", m["To"]
raw = open(sys.argv[1], "rb").read()
assert all(b < 128 for b in raw), "non-ASCII bytes in the message"
PY
ok $? "the subject decodes back (RFC 2047) and the message is ASCII"

# 20. Bad input
send0 --server 127.77.60.1 $F
is "$rc" 2 "no recipient: exit 2"
send0 --server 127.77.60.1 --from not-an-address --to a@example.net
is "$rc" 2 "bad sender address: exit 2"
like "$flat" "not a mail address" "says the address is wrong"
send0 --server '[::1' $F --to a@example.net
is "$rc" 2 "unclosed IPv6 bracket: exit 2"
send0 --server 127.77.60.1:99999 $F --to a@example.net
is "$rc" 2 "port out of range: exit 2"
send0 --help
is "$rc" 0 "--help: exit 0"
like "$flat" "Exit status: 0 delivered" "--help documents the exit statuses"

done_testing
