#!/bin/sh
# t0590-wizard-languages: the whole default path of the wizard (Email
# Notification, Advanced SMTP, a domain on a real DNS server, records,
# export, propagation, test email, summary) in tmux at 80x24, in every
# language of po/LINGUAS: each screen shows its translated step title,
# buttons and key hints whole, the catalog's translated explanations whole
# and wrapped between words, no line wider than the terminal, no box broken
# by wide characters (tests/screen-check.py), and English where no
# translation is asked for.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-wizard.sh"

command -v knotd >/dev/null || skip_all "knotd is not installed"
[ "${ENABLE_NLS:-1}" = 1 ] || skip_all "built with --disable-nls"
linguas=$(cat "$top/po/LINGUAS" 2>/dev/null)
[ -n "$linguas" ] || skip_all "no translation in po/LINGUAS"
locdir=${MAILWIZ_LOCALEDIR:-$top/po/locale}

ns=127.77.59.1
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

# T MSGID: the translation of MSGID in language $lang.
T() {
	LANGUAGE=$lang TEXTDOMAINDIR=$locdir LC_ALL=C.UTF-8 \
		gettext -d mailwiz -- "$1"
}

# step N TITLE: the translated header of step N.
step() {
	printf "$(T 'Step %d of %d: %s')" "$1" 10 "$(T "$2")"
}

# feature_help: the catalog's text for Email Notification, as loaded.
catalog_text() {
	"$py3" - "$top/data/catalog.xml" "$1" "$2" <<'PY'
import re, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
for e in root.iter(sys.argv[2]):
    if e.get("id") == sys.argv[3]:
        print(re.sub(r"\s+", " ", e.find("help").text).strip())
PY
}

# prefix TEXT: the first 90 characters of TEXT (what a screen shows before
# it scrolls).
prefix() {
	"$py3" -c 'import sys; print(sys.argv[1][:90])' "$1"
}

# check_screen NAME [screen-check ARGS]: the screen's layout is right.
check_screen() {
	local name out
	name=$1
	shift
	wiz_screen >"$tmp/screen-$lang-$name.txt"
	out=$("$py3" "$top/tests/screen-check.py" \
		"$tmp/screen-$lang-$name.txt" \
		--line "$(T 'mailwiz')" "$@" 2>&1)
	ok $? "$lang $name: the screen is laid out whole at 80x24"
	if [ -n "$out" ]; then
		printf '%s\n' "$out" | sed 's/^/#   /'
		sed 's/^/#   |/' "$tmp/screen-$lang-$name.txt"
	fi
}

en_feature=$(catalog_text feature notification)
en_server=$(catalog_text server advanced-smtp)

for lang in $linguas; do
	wiz_env="LANGUAGE=$lang MAILWIZ_LOCALEDIR=$locdir"
	wiz_start --resolver $ns

	h=$(step 1 Welcome)
	wiz_wait "$h"
	ok $? "$lang: the welcome screen: $h"
	unlike "$h" "Step 1 of 10" "$lang: the step title is translated"
	check_screen welcome --line "$h" --line "[ $(T Next) ]"

	wiz_key Enter
	h=$(step 2 Feature)
	wiz_wait "$h"
	ok $? "$lang: the feature screen: $h"
	para=$(T "$en_feature")
	ok $([ "$para" != "$en_feature" ]; echo $?) \
		"$lang: the catalog's explanation is translated"
	check_screen feature --line "$h" --line "$(T 'Email Notification')" \
		--line "[ $(T Back) ]" --line "[ $(T Next) ]" \
		--line "$(T 'Enter next  Esc back  Tab move  ? help  q quit')" \
		--para "$para"

	wiz_key Enter
	h=$(step 3 'Mail server')
	wiz_wait "$h"
	ok $? "$lang: the server screen: $h"
	check_screen server --line "$h" \
		--line "$(T 'Advanced SMTP (Amazon SES)')" \
		--para "$(prefix "$(T "$en_server")")"

	wiz_key Enter
	h=$(step 4 Domain)
	wiz_wait "$h"
	ok $? "$lang: the domain screen: $h"
	wiz_type example.com
	wiz_wait "v=spf1 include:_spf.google.com ~all"
	ok $? "$lang: the current SPF record is looked up"
	check_screen domain --line "$h" \
		--line "$(T 'Enter next  Esc back  Tab move  F1 help  Ctrl-Q quit')"

	wiz_key Enter
	h=$(step 5 'Provider and DKIM')
	wiz_wait "$h"
	ok $? "$lang: the DKIM screen: $h"
	check_screen dkim --line "$h"

	wiz_key Enter
	h=$(step 6 Records)
	wiz_wait "$h"
	ok $? "$lang: the records screen: $h"
	wiz_wait "include:_spf.google.com include:amazonses.com" 10
	ok $? "$lang: the records screen shows the merged SPF record"
	check_screen records --line "$h" \
		--line "$(T 'Enter export  p check DNS  arrows scroll  Esc back  ? help  q quit')"

	wiz_key Enter
	h=$(step 7 Export)
	wiz_wait "$h"
	ok $? "$lang: the export screen: $h"
	check_screen export --line "$h" --line '$ORIGIN example.com.' \
		--line "$(T 'w write  c copy  p check DNS  PgDn preview  Esc back  ? help  q quit')"

	wiz_key p
	h=$(step 8 Propagation)
	wiz_wait "$h"
	ok $? "$lang: the propagation screen: $h"
	wiz_wait "$ns" 10
	check_screen propagation --line "$h" \
		--line "$(T 't SPF tree  r check now  Enter test email  Esc back  ? help  q quit')"

	wiz_key Enter
	h=$(step 9 'Test email')
	wiz_wait "$h"
	ok $? "$lang: the test email screen: $h"
	check_screen sendtest --line "$h" --line "[billing@example.com" \
		--line "$(T 'Enter send  Tab move  F3 transcript  Esc back  F1 help  Ctrl-Q quit')"

	wiz_key BTab Enter
	h=$(step 10 Summary)
	wiz_wait "$h"
	ok $? "$lang: the summary: $h"
	check_screen summary --line "$h"

	wiz_key C-q
	wiz_wait "$(T 'Quit mailwiz?')"
	ok $? "$lang: quitting asks in the language"
	check_screen quit
	wiz_key q
	is "$(wiz_exit)" 0 "$lang: the wizard ends"
done

# ASCII line drawing in a UTF-8 locale keeps the language's text.
for lang in $linguas; do
	[ "$lang" = ja ] || continue
	wiz_env="LANGUAGE=ja MAILWIZ_ASCII=1 MAILWIZ_LOCALEDIR=$locdir"
	wiz_start --resolver $ns
	wiz_key Enter Enter Enter
	wiz_type example.com
	wiz_wait "v=spf1 include:_spf.google.com ~all"
	wiz_key Enter Enter
	wiz_wait "$(step 6 Records)"
	wiz_key p
	wiz_wait "$(step 8 Propagation)"
	wiz_wait "$ns" 10
	wiz_screen >"$tmp/ascii-ja.txt"
	like "$(cat "$tmp/ascii-ja.txt")" "$(T record)" \
		"MAILWIZ_ASCII=1: the dashboard still shows Japanese"
	unlike "$(cat "$tmp/ascii-ja.txt")" "???" \
		"MAILWIZ_ASCII=1: no text turned into question marks"
	unlike "$(cat "$tmp/ascii-ja.txt")" "│" \
		"MAILWIZ_ASCII=1: the lines are drawn in ASCII"
	wiz_key C-q
	wiz_wait "$(T 'Quit mailwiz?')"
	wiz_key q
	wiz_exit >/dev/null
done

# No translation asked for: English.
wiz_env="MAILWIZ_LOCALEDIR=$locdir"
wiz_start --resolver $ns
wiz_wait "Step 1 of 10: Welcome"
ok $? "without LANGUAGE the wizard speaks English"
wiz_key q
wiz_exit >/dev/null

done_testing
