#!/bin/sh
# t0110-bad-input: every bad answer gets a clear message, exit status 2, and
# no output file
. "$(dirname "$0")/lib.sh"

printf 'garbage line with CNAME but nothing else\n' >"$tmp/bad-dkim.txt"
printf 'x._domainkey.other.org. CNAME x.dkim.amazonses.com.\n' >"$tmp/foreign-dkim.txt"
: >"$tmp/empty-dkim.txt"

P="plan -f notification -s advanced-smtp"
# status | message fragment | arguments (shell words)
while IFS='|' read -r want piece args; do
	[ -n "$want" ] || continue
	rm -f "$tmp/o.zone"
	eval "set -- $args"
	run "$@" -o "$tmp/o.zone" </dev/null
	is "$rc" "$want" "exit $want: $args"
	like "$err" "$piece" "message: $piece"
	[ -e "$tmp/o.zone" ]
	ok $((! $?)) "no output file: $args"
done <<CASES
2|no feature given|plan -s advanced-smtp -d example.com --offline
2|unknown feature 'mail'|plan -f mail -s advanced-smtp -d example.com --offline
2|use one of: notification, workflow|plan -f mail -s x -d example.com --offline
2|no server type given|plan -f notification -d example.com --offline
2|unknown server type 'ses' for feature 'notification'|plan -f notification -s ses -d example.com --offline
2|advanced-smtp, external-smtp, zuora-default|plan -f notification -s nope -d example.com --offline
2|no domain given|$P --offline
2|e-mail address|$P -d billing@example.com --offline
2|web address|$P -d https://example.com/ --offline
2|empty label|$P -d example..com --offline
2|single label|$P -d localhost --offline
2|at most 63|$P -d aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com --offline
2|contains a space|$P -d 'exa mple.com' --offline
2|not allowed in a domain name|$P -d 'exa!mple.com' --offline
2|needs --provider|plan -f notification -s external-smtp -d example.com --offline
2|unknown provider 'sendmail'|plan -f notification -s external-smtp -p sendmail -d example.com --offline
2|needs --provider-id em=VALUE|plan -f notification -s external-smtp -p sendgrid -d example.com --offline
2|has no id called 'foo'|plan -f notification -s external-smtp -p sendgrid -d example.com --provider-id foo=1 --offline
2|is not KEY=VALUE|plan -f notification -s external-smtp -p sendgrid -d example.com --provider-id em1 --offline
2|may only hold letters, digits and hyphens|plan -f notification -s external-smtp -p sendgrid -d example.com --provider-id em='1;2' --provider-id user=1 --provider-id wl=1 --offline
2|only for the external-smtp|$P -d example.com -p sendgrid --offline
2|needs the addresses|plan -f notification -s external-smtp -p custom -d example.com --offline
2|neither an IPv4 or IPv6 address nor a host name|plan -f notification -s external-smtp -p custom -d example.com --ip mail..example --offline
2|prefix length|plan -f notification -s external-smtp -p custom -d example.com --ip 300.1.2.3.4/x --offline
2|cannot be used in an SPF record|plan -f notification -s external-smtp -p custom -d example.com --ip mail.123 --offline
2|prefix length|plan -f notification -s external-smtp -p custom -d example.com --ip 192.0.2.0/33 --offline
2|only for --provider custom|$P -d example.com --ip 192.0.2.1 --offline
2|unknown format 'bind'|$P -d example.com --offline -F bind
2|unknown option '--domian'|$P --domian example.com
2|unexpected argument 'example.com'|$P example.com
2|cannot be used together|$P -d example.com --offline --existing-spf ''
2|--ttl 'ten'|$P -d example.com --offline --ttl ten
2|--ttl '5'|$P -d example.com --offline --ttl 5
2|--dns-timeout '0'|$P -d example.com --dns-timeout 0
2|cannot read|$P -d example.com --offline --dkim /nonexistent/dkim.txt
2|line 1|$P -d example.com --offline --dkim $tmp/bad-dkim.txt
2|not in example.com|$P -d example.com --offline --dkim $tmp/foreign-dkim.txt
2|no records found|$P -d example.com --offline --dkim $tmp/empty-dkim.txt
2|--dmarc-rua|$P -d example.com --offline --dmarc-rua 'not an address'
2|cannot be read|$P -d example.com --existing-spf 'v=spf1 ipv4:1.2.3.4 -all'
2|is not an IP address|$P -d example.com --resolver dns.example
2|port '99999'|$P -d example.com --resolver 127.0.0.1:99999
2|unknown command 'paln'|paln -d example.com
2|unknown option '--bogus'|--bogus plan
CASES

# An option without its value, at the end of the line
run plan -f notification -s advanced-smtp --offline -d
is "$rc" 2 "missing option value exits 2"
like "$err" "'-d' needs a value" "message names the option"

# A bad environment value
MAILWIZ_RESOLVERS=' , ' run $P -d example.com -o "$tmp/o.zone"
is "$rc" 2 "MAILWIZ_RESOLVERS naming nothing is bad input"
like "$err" "MAILWIZ_RESOLVERS" "message names the variable"

# A broken catalog
printf '<catalog>\n<feature\n' >"$tmp/broken.xml"
run --catalog "$tmp/broken.xml" $P -d example.com --offline -o "$tmp/o.zone"
is "$rc" 2 "broken catalog is bad input"
like "$err" "broken.xml:" "message names the file and line"
[ -e "$tmp/o.zone" ]
ok $((! $?)) "no output file with a broken catalog"

# An existing output file survives a failed run untouched
echo "precious" >"$tmp/keep.zone"
run plan -f notification -s advanced-smtp -d bad..example --offline \
	-o "$tmp/keep.zone"
is "$(cat "$tmp/keep.zone")" precious "existing file untouched on bad input"

# Writing into a directory that does not exist is a system failure
run $P -d example.com --offline -o "$tmp/no/such/dir/o.zone"
is "$rc" 3 "unwritable output path exits 3"
like "$err" "cannot write" "message says it cannot write"

done_testing
