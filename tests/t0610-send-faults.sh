#!/bin/sh
# t0610-send-faults: `mailwiz send-test` against an SMTP server that fails
# on purpose (tests/smtp-fault.py on loopback): it hangs up before its
# greeting, in the middle of the message or right after the final dot,
# stops answering, trickles its replies byte by byte (within --timeout:
# delivered; forever: a timeout at --timeout), splits multi-line replies
# across packets, sends lines over 512 bytes or no reply code at all.
# mailwiz never hangs or crashes, names the stage and the server's last
# words, exits with the status of that stage, and shows the transcript;
# the password never shows (transcript, JSON, argv, files), whatever the
# server does during the login.
. "$(dirname "$0")/lib.sh"

addr=127.77.61.1
PASS='Fault-s3cr3t!pw9'
unset MAILWIZ_SMTP_PASSWORD
printf '%s\n' "$PASS" >"$tmp/pw"
chmod 600 "$tmp/pw"
command -v timeout >/dev/null || skip_all "timeout (coreutils) is missing"

# fault_smtp NAME ARGS...: start tests/smtp-fault.py on $addr, a free port,
# with ARGS; its log in $tmp/smtp-NAME/log, the messages it took in
# $tmp/smtp-NAME/messages. Sets $port. Call it in the test's shell.
fault_smtp() {
	local name dir n pid
	name=$1
	shift
	dir=$tmp/smtp-$name
	rm -rf "$dir"
	mkdir -p "$dir"
	"$py3" "$top/tests/smtp-fault.py" --listen $addr --port 0 \
		--log "$dir/log" --messages "$dir/messages" \
		--ready "$dir/ready" "$@" </dev/null >"$dir/out" 2>&1 &
	pid=$!
	_srv_track "smtp-$name" $pid
	n=0
	while [ ! -s "$dir/ready" ]; do
		if ! _srv_alive $pid || [ $n -ge 200 ]; then
			echo "# smtp-$name did not start:" >&2
			sed 's/^/# /' "$dir/out" >&2
			return 1
		fi
		sleep 0.05
		n=$((n + 1))
	done
	port=$(cat "$dir/ready")
}

# send ARGS...: mailwiz send-test to the last server started, no TLS, with
# the transcript; never more than 30 s times $slow (a hang fails the
# test, it does not stop it). $out, $err, $rc, $took (ms), $flat ($out
# and $err on one line). sendj ARGS...: the same with --json, kept in
# $tmp/j.json.
send() {
	local t0
	t0=$(now_ms)
	timeout $((30 * slow)) "$MAILWIZ" send-test --server $addr:$port \
		--tls none --insecure --from billing@example.com \
		--to alice@example.net "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
	took=$(($(now_ms) - t0))
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
	flat=$(printf '%s\n%s' "$out" "$err" | tr '\n' ' ' | tr -s ' ')
}
sendj() {
	send "$@" --json
	cp "$tmp/out" "$tmp/j.json"
}

# J EXPR: a Python expression on the JSON object j of the last sendj.
J() {
	"$py3" -c 'import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
print(eval(sys.argv[2]))' "$tmp/j.json" "$1"
}

# never_hung NAME: the last send ended by itself in time.
never_hung() {
	[ "$rc" -ne 124 ] && [ "$rc" -lt 128 ]
	ok $? "$1: mailwiz ended by itself (exit $rc, $took ms)"
}

T="--timeout 1500"

# 1. The server hangs up before its greeting
fault_smtp greet --fault close --at greeting ||
	{ echo "Bail out! cannot start smtp-fault.py"; exit 1; }
send $T --transcript
never_hung "closed before the greeting"
is "$rc" 20 "closed before the greeting: exit 20 (connection)"
like "$flat" "NOT delivered, failed at the connect stage" "names the stage"
like "$flat" "the server would not talk: it ended the connection before its greeting" \
	"says it hung up before its greeting"
like "$out" "*  Connected to $addr" "the transcript shows the connection"
unlike "$out" "S: " "... and that the server said nothing"
sendj $T
is "$(J 'j["stage_failed"], j["failure"], j["exit_status"], j["delivered"]')" \
	"('connect', 'greeting', 20, False)" "JSON: connect stage, greeting"

# 2. No reply code at all, at the greeting and at MAIL FROM: at once
fault_smtp garbage1 --fault garbage --at greeting ||
	{ echo "Bail out! cannot start smtp-fault.py"; exit 1; }
send $T --transcript
never_hung "garbage greeting"
is "$rc" 20 "garbage greeting: exit 20"
like "$flat" "the server would not talk: the server answered something that is not SMTP" \
	"garbage greeting: says it is not SMTP"
like "$flat" "the server's last words: 'what is this?" \
	"garbage greeting: quotes the server's last words"
like "$flat" "check the server name and the port: this may not be an SMTP server" \
	"garbage greeting: what to check"
like "$out" "S: what is this?" "garbage greeting: in the transcript"
[ "$took" -lt 1400 ]
ok_timing $? "garbage greeting: no waiting for --timeout ($took ms)"
sendj $T
is "$(J 'j["transcript"][-1]["text"]')" "what is this? $(printf '\357\277\275') not smtp" \
	"JSON stays valid UTF-8: the stray byte becomes U+FFFD"
fault_smtp garbage2 --fault garbage --at mail ||
	{ echo "Bail out! cannot start smtp-fault.py"; exit 1; }
send $T --transcript
never_hung "garbage after MAIL FROM"
is "$rc" 23 "garbage after MAIL FROM: exit 23 (the sender stage)"
like "$flat" "failed at the sender stage: the sender stage broke off: the server answered something that is not SMTP" \
	"garbage after MAIL FROM: stage and cause"
unlike "$flat" "refused the sender" "... not mistaken for a refusal"
like "$flat" "this may not be an SMTP server" "garbage: what to check"
like "$out" "C: MAIL FROM:<billing@example.com>" "the transcript shows MAIL FROM"
[ "$took" -lt 1400 ]
ok_timing $? "garbage after MAIL FROM: no waiting for --timeout ($took ms)"

# 3. The server drops the connection in the middle of the message
fault_smtp middata --fault close --at body --drop-after 200 ||
	{ echo "Bail out! cannot start smtp-fault.py"; exit 1; }
send $T --transcript
never_hung "dropped in the middle of DATA"
is "$rc" 25 "dropped in the middle of DATA: exit 25 (the message stage)"
like "$flat" "failed at the message stage: the message stage broke off:" \
	"dropped in DATA: names the stage"
like "$flat" "the server's last words: '354 End data with <CR><LF>.<CR><LF>'" \
	"dropped in DATA: the server's last words"
like "$flat" "may or may not have taken the message" \
	"dropped in DATA: says the outcome is unknown"
unlike "$flat" "refused the message" "dropped in DATA: not called a refusal"
like "$out" "alice@example.net  accepted" "the recipient was accepted before"
grep -q "FAULT close at body after" "$tmp/smtp-middata/log"
ok $? "the server really hung up in the middle of the message"
[ ! -s "$tmp/smtp-middata/messages" ]
ok $? "the server took no message"

# 4. The server hangs up right after the final dot, without a reply
fault_smtp afterdot --fault close --at dot ||
	{ echo "Bail out! cannot start smtp-fault.py"; exit 1; }
send $T --transcript
never_hung "dropped after the final dot"
is "$rc" 25 "dropped after the dot: exit 25"
like "$flat" "the message stage broke off: the server closed the connection; the server's last words: '354 End data" \
	"dropped after the dot: cause and last words"
like "$flat" "look in the recipient's mailbox before sending again" \
	"dropped after the dot: what to do"
like "$out" "*  (the message: " "the transcript shows the message went out"
grep -q "^Subject: mailwiz test message" "$tmp/smtp-afterdot/messages"
ok $? "the server had the whole message: why the outcome is unknown"
sendj $T
is "$(J 'j["stage_failed"], j["failure"], j["final_reply"]')" \
	"('data', 'data', None)" "JSON: data stage, no final reply"

# 5. The server stops answering after MAIL FROM
fault_smtp stall --fault stall --at mail ||
	{ echo "Bail out! cannot start smtp-fault.py"; exit 1; }
send $T --transcript
never_hung "silent after MAIL FROM"
is "$rc" 26 "silent after MAIL FROM: exit 26 (timeout)"
[ "$took" -ge 1400 ] && [ "$took" -lt 5000 ]
ok_timing $? "gave up after --timeout 1500 ($took ms)"
like "$flat" "timeout: the server said nothing for 1.5 s during the sender stage; the server's last words: '250 8BITMIME'" \
	"silent: the stage and the server's last words"

# 6. Replies that trickle forever: a timeout at --timeout, at any stage
for at in greeting ehlo mail dot; do
	case $at in
	greeting | ehlo) stage=connect code=220 ;;
	mail) stage=sender code=250 ;;
	dot) stage=message code=250 ;;
	esac
	[ $at = ehlo ] && code=250
	fault_smtp trickle-$at --fault trickle --at $at --trickle-ms 20 ||
		{ echo "Bail out! cannot start smtp-fault.py"; exit 1; }
	send $T --transcript
	never_hung "endless reply at $at"
	is "$rc" 26 "endless reply at $at: exit 26 (timeout)"
	[ "$took" -ge 1400 ] && [ "$took" -lt 5000 ]
	ok_timing $? "endless reply at $at: gave up after --timeout 1500 ($took ms)"
	like "$flat" "timeout: the server began an answer but did not finish it within 1.5 s during the $stage stage; the server's last words: '$code-still working'" \
		"endless reply at $at: says so, with the stage and last words"
	unlike "$flat" "sent no greeting" \
		"endless reply at $at: not taken for a missing greeting"
done
sendj $T
is "$(J 'j["stage_failed"], j["failure"], j["exit_status"]')" \
	"('data', 'timeout', 26)" "JSON of the endless final reply"

# 7. Every reply one byte every 200 ms: delivered while each reply takes
# less than --timeout; a reply slower than --timeout is a timeout
fault_smtp slow --terse --trickle-ms 200 ||
	{ echo "Bail out! cannot start smtp-fault.py"; exit 1; }
send --timeout 6000 --transcript
never_hung "trickling replies"
is "$rc" 0 "trickling replies within --timeout: delivered (exit 0)"
like "$flat" "Result: delivered: the server took the message (queue id FAULT1)" \
	"trickling replies: the queue id"
[ "$took" -ge 8000 ]
ok $? "the replies really trickled ($took ms)"
send --timeout 3000 --transcript
is "$rc" 26 "a 22-byte final reply trickled over 4.4 s, --timeout 3000: exit 26"
like "$flat" "timeout: the server began an answer but did not finish it within 3.0 s during the message stage" \
	"... the final reply did not end in time"
like "$out" "S: 354 go" "... the shorter replies before it were taken"
[ "$took" -lt 14000 ]
ok_timing $? "... and mailwiz did not wait for it ($took ms)"

# 8. Multi-line replies split across packets at awkward places
fault_smtp split --split ||
	{ echo "Bail out! cannot start smtp-fault.py"; exit 1; }
send $T --transcript
never_hung "split replies"
is "$rc" 0 "split multi-line replies: delivered"
like "$out" "Server reply  250 working on it 2.0.0 Ok: queued as FAULT1" \
	"a multi-line reply is joined into one"
like "$out" "alice@example.net  accepted  250 working on it 2.1.5 Ok" \
	"the recipient's multi-line reply too"
like "$out" "S: 220-working on it
S: 220 fault.test ESMTP" "the transcript keeps each line whole"
like "$out" "C: MAIL FROM:<billing@example.com> SIZE=" \
	"the split EHLO answer was read (SIZE used)"
sendj $T
is "$(J 'j["ehlo"], j["queue_id"]')" "(['SIZE 10000000', '8BITMIME'], 'FAULT2')" \
	"JSON: the EHLO offers and the queue id"

# 9. Reply lines far over 512 bytes are taken whole
for at in greeting mail dot; do
	fault_smtp long-$at --fault long --at $at --long-len 3000 ||
		{ echo "Bail out! cannot start smtp-fault.py"; exit 1; }
	sendj $T
	never_hung "a 3000-byte line at $at"
	is "$rc" 0 "a 3000-byte reply line at $at: delivered"
	is "$(J 'max(len(l["text"]) > 3000 and l["text"].endswith("x" * 3000) for l in j["transcript"] if l["dir"] == "server")')" \
		True "the 3000-byte line at $at is kept whole"
done
is "$(J 'j["queue_id"], j["final_reply"].endswith("x" * 3000)')" \
	"('FAULT1', True)" "a long final reply: queue id and text kept"

# 10. The password, whatever the server does during and after the login
b64() { printf "$1" | base64 -w0; }
forms="$PASS $(b64 "$PASS") $(b64 "\\0user\\0$PASS") $(b64 "user\\0user\\0$PASS")"
i=0
for fault in echo garbage close stall; do
	for mech in plain login; do
		i=$((i + 1))
		fault_smtp auth$i --auth --fault $fault --at auth ||
			{ echo "Bail out! cannot start smtp-fault.py"; exit 1; }
		send $T --user user --password-file "$tmp/pw" --auth $mech \
			--transcript
		never_hung "$fault during AUTH $mech"
		case $fault in
		stall) want=26 ;;
		*) want=22 ;;
		esac
		is "$rc" $want "$fault during AUTH $mech: exit $want"
		like "$out" "C: AUTH $(echo $mech | tr a-z A-Z) ****" \
			"$fault during AUTH $mech: the login is masked"
		cp "$tmp/out" "$tmp/auth$i.txt"
		sendj $T --user user --password-file "$tmp/pw" --auth $mech
		cp "$tmp/j.json" "$tmp/auth$i.json"
		for f in $forms; do
			unlike "$(cat "$tmp/auth$i.txt" "$tmp/auth$i.json" "$tmp/err")" \
				"$f" "$fault during AUTH $mech: no '$f' anywhere"
		done
		grep -q "AUTH" "$tmp/smtp-auth$i/log"
		ok $? "$fault during AUTH $mech: the server did get the login"
	done
done
flatf() { tr '\n' ' ' <"$1" | tr -s ' '; }
like "$(cat "$tmp/auth1.txt")" "S: 535 5.7.0 cannot take AUTH PLAIN ****" \
	"a refusal quoting the credentials is masked"
like "$(cat "$tmp/auth2.txt")" "S: 535 5.7.0 cannot take ****" \
	"... with AUTH LOGIN too"
like "$(flatf "$tmp/auth1.txt")" "wrong user name or password" \
	"... and read as a refused login"
like "$(flatf "$tmp/auth3.txt")" "the login stage broke off: the server answered something that is not SMTP" \
	"garbage during AUTH: not taken for a wrong password"
unlike "$(cat "$tmp/auth3.txt")" "wrong user name or password" \
	"... no 'wrong user name or password'"
like "$(flatf "$tmp/auth5.txt")" "the login stage broke off:" \
	"a hang-up during AUTH: the login broke off"
unlike "$(cat "$tmp/auth5.txt")" "wrong user name or password" \
	"... no 'wrong user name or password'"

# The password is not on the command line of a running send-test.
fault_smtp argv --auth --fault stall --at mail ||
	{ echo "Bail out! cannot start smtp-fault.py"; exit 1; }
"$MAILWIZ" send-test --server $addr:$port --tls none --insecure \
	--user user --password-file "$tmp/pw" --from billing@example.com \
	--to alice@example.net --timeout 8000 </dev/null >"$tmp/argv.out" 2>&1 &
mpid=$!
wait_until 8 grep -q "MAIL FROM" "$tmp/smtp-argv/log"
ok $? "send-test is logged in and waiting at MAIL FROM"
tr '\0' ' ' <"/proc/$mpid/cmdline" >"$tmp/cmdline"
like "$(cat "$tmp/cmdline")" "--password-file $tmp/pw" "argv read while it runs"
for f in $forms; do
	unlike "$(cat "$tmp/cmdline")" "$f" "argv of the running send-test has no '$f'"
done
kill $mpid
wait $mpid
is "$?" 3 "SIGTERM while waiting: exit 3 (interrupted)"
like "$(cat "$tmp/argv.out")" "failed at the sender stage" \
	"... and it says where it was"

# No file mailwiz may have written holds it: the XDG state and config
# directories (watch and wizard state, resolver config) and everything else
# under the test's directory but the password file and the servers' logs.
find "$tmp" -type f ! -name pw ! -name log ! -path "*/smtp-*/out" \
	>"$tmp/files"
n=0
for f in $forms; do
	if xargs grep -lF -- "$f" <"$tmp/files" >"$tmp/found" 2>/dev/null; then
		n=$((n + 1))
		sed 's/^/# holds the password: /' "$tmp/found" >&2
	fi
done
is "$n" 0 "no file holds the password or its base64 forms"
for f in $forms; do
	unlike "$(cat "$tmp/smtp-"*/messages 2>/dev/null)" "$f" \
		"the messages sent hold no '$f'"
done

done_testing
