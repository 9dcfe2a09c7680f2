#!/bin/sh
# t0300-export-tools.sh - the golden export files, read by the real tools:
# named-checkzone loads the zone fragments, nsupdate sends the update
# scripts to Knot DNS (then kdig reads the records back), and the JSON,
# route53, XML, YAML, CSV (and, when installed, DNSControl's JavaScript and
# Terraform's HCL) files are parsed and compared with the JSON export.

. "$(dirname "$0")/lib.sh"

golden=$top/tests/golden
py=/usr/bin/python3
addr=127.77.3.1

for tool in named-checkzone nsupdate knotd kdig xmllint "$py"; do
	command -v "$tool" >/dev/null 2>&1 || skip_all "$tool is not installed"
done
"$py" -c 'import yaml' 2>/dev/null || skip_all "python3-yaml is missing"
[ -f "$golden/ses.json" ] || skip_all "no golden files in $golden"

# skip DESCRIPTION REASON: a TAP test that could not run here.
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

# The head of a zone that the fragments are added to.
zone_head() {
	cat <<'ZONE'
$TTL 3600
example.com. IN SOA ns1.example.com. hostmaster.example.com. (
	1 7200 3600 1209600 300 )
example.com. IN NS ns1.example.com.
ns1.example.com. IN A 127.77.3.1
ZONE
}

# (1) Every zone fragment loads into a zone once SOA and NS are there.
for f in "$golden"/*.zone; do
	set=$(basename "$f" .zone)
	{ zone_head; cat "$f"; } >"$tmp/$set.db"
	out=$(named-checkzone example.com "$tmp/$set.db" 2>&1)
	ok $? "named-checkzone loads $set.zone"
	like "$out" "OK" "named-checkzone says OK for $set.zone"
done

# expect_lines SET: what kdig +short should print, from the JSON export:
# NAME TAB TYPE TAB LINE, and "!" before TYPE for a value that must be gone.
expect_lines() {
	"$py" - "$golden/$1.json" <<'PY'
import json, sys

def txt(value):
    b = value.encode()
    parts = [b[i:i + 255] for i in range(0, len(b), 255)] or [b""]
    out = []
    for p in parts:
        s = ""
        for c in p:
            if c in (0x22, 0x5c):
                s += "\\" + chr(c)
            elif c < 0x20 or c >= 0x7f:
                s += "\\%03d" % c
            else:
                s += chr(c)
        out.append('"' + s + '"')
    return " ".join(out)

for r in json.load(open(sys.argv[1]))["records"]:
    show = txt if r["type"] == "TXT" else (lambda v: v)
    print("%s\t%s\t%s" % (r["name"], r["type"], show(r["value"])))
    if r["action"] == "replace":
        print("%s\t!%s\t%s" % (r["name"], r["type"], show(r["replaces"])))
PY
}

# check_published SET: kdig finds every record of the set, and no replaced
# value.
check_published() {
	expect_lines "$1" >"$tmp/expect"
	while IFS='	' read -r name type line; do
		case $type in
		!*)
			type=${type#!}
			got=$(kdig @"$addr" +tcp +short +timeout=2 +retry=0 \
			    "$type" "$name")
			printf '%s\n' "$got" | grep -Fxq -- "$line"
			ok $((!$?)) "$1: $name $type no longer has $line"
			;;
		*)
			got=$(kdig @"$addr" +tcp +short +timeout=2 +retry=0 \
			    "$type" "$name")
			printf '%s\n' "$got" | grep -Fxq -- "$line"
			found=$?
			ok $found "$1: $name $type is published"
			[ $found -eq 0 ] || printf '#   got: %s\n# want: %s\n' \
			    "$got" "$line"
			;;
		esac
	done <"$tmp/expect"
}

# (2) The nsupdate scripts, sent to Knot DNS.
cat >"$tmp/base.zone" <<'ZONE'
$ORIGIN example.com.
$TTL 3600
@	SOA	ns1 hostmaster 1 7200 3600 1209600 300
@	NS	ns1
ns1	A	127.77.3.1
@	TXT	"v=spf1 include:_spf.google.com ~all"
@	TXT	"google-site-verification=abc"
bounce	TXT	"v=spf1 include:amazonses.com ~all"
ZONE
if knot_start "$addr" example.com "$tmp/base.zone"; then
	before=$(kdig @"$addr" +tcp +short +timeout=2 +retry=0 TXT example.com)
	like "$before" '"v=spf1 include:_spf.google.com ~all"' \
	    "Knot serves the old SPF record"

	out=$( (echo "server $addr 53"; cat "$golden/ses.nsupdate") |
	    nsupdate 2>&1)
	ok $? "nsupdate accepts ses.nsupdate"
	[ -z "$out" ] || printf '# %s\n' "$out"
	check_published ses
	txt=$(kdig @"$addr" +tcp +short +timeout=2 +retry=0 TXT example.com)
	like "$txt" '"google-site-verification=abc"' \
	    "the unrelated TXT record survives"
	is "$(printf '%s\n' "$txt" | grep -c '^"v=spf1')" 1 \
	    "exactly one SPF record at the apex"
	is "$(kdig @"$addr" +tcp +short +timeout=2 +retry=0 TXT \
	    _dmarc.example.com)" \
	    '"v=DMARC1; p=none; rua=mailto:dmarc@example.com"' \
	    "the DMARC record"
	is "$(kdig @"$addr" +tcp +short +timeout=2 +retry=0 CNAME \
	    "4m2tbw7tjkp3cy6f3rjkqutkaq6pwcfd._domainkey.example.com" )" \
	    "4m2tbw7tjkp3cy6f3rjkqutkaq6pwcfd.dkim.amazonses.com." \
	    "a DKIM CNAME"

	out=$( (echo "server $addr 53"; cat "$golden/long.nsupdate") |
	    nsupdate 2>&1)
	ok $? "nsupdate accepts long.nsupdate"
	[ -z "$out" ] || printf '# %s\n' "$out"
	check_published long
	dkim=$(kdig @"$addr" +tcp +short +timeout=2 +retry=0 TXT \
	    mail2026._domainkey.example.com)
	is "$(printf '%s\n' "$dkim" | grep -o '" "' | wc -l | tr -d ' ')" 2 \
	    "the 600-byte record comes back as three strings"
	joined=$(printf '%s\n' "$dkim" | sed 's/" "//g; s/^"//; s/"$//')
	is "${#joined}" 600 "the three strings join to 600 bytes"
	is "$(kdig @"$addr" +tcp +short +timeout=2 +retry=0 TXT \
	    bounce.example.com)" '"v=spf1 include:amazonses.com ~all"' \
	    "the kept record is there once"

	out=$(nsupdate <"$golden/empty.nsupdate" 2>&1)
	ok $? "nsupdate accepts empty.nsupdate (and sends nothing)"
else
	skip "nsupdate against Knot DNS" "knot_start failed"
fi

# (3) Parsers.
for f in "$golden"/*.json "$golden"/*.route53; do
	"$py" -m json.tool "$f" >/dev/null 2>"$tmp/err"
	ok $? "$(basename "$f") is JSON"
done
for f in "$golden"/*.xml; do
	xmllint --noout "$f" 2>"$tmp/err"
	ok $? "$(basename "$f") is well-formed XML"
done
for f in "$golden"/*.octodns; do
	"$py" -c 'import yaml,sys; yaml.safe_load(open(sys.argv[1]))' "$f"
	ok $? "$(basename "$f") is YAML"
done

# compare SET FORMAT: a parsed export holds the records of the JSON export.
compare() {
	"$py" - "$golden/$1.json" "$golden/$1.$2" "$2" <<'PY'
import csv, json, re, sys

want = json.load(open(sys.argv[1]))["records"]
path, fmt = sys.argv[2], sys.argv[3]
problems = []

def unquote_txt(s, octal):
    """Join the quoted strings of a TXT value, undoing the escapes."""
    out, parts, i = b"", [], 0
    while i < len(s):
        if s[i] == " ":
            i += 1
            continue
        assert s[i] == '"', s
        i += 1
        cur = b""
        while s[i] != '"':
            if s[i] == "\\":
                if s[i + 1].isdigit():
                    cur += bytes([int(s[i + 1:i + 4], 8 if octal else 10)])
                    i += 4
                else:
                    cur += s[i + 1].encode()
                    i += 2
            else:
                cur += s[i].encode()
                i += 1
        parts.append(cur)
        i += 1
    if any(len(p) > 255 for p in parts):
        problems.append("a string longer than 255 bytes in " + s[:40])
    return b"".join(parts).decode()

got = []
if fmt == "route53":
    batch = json.load(open(path))
    if len(batch["Comment"].encode()) > 256:
        problems.append("comment longer than 256 bytes")
    for c in batch["Changes"]:
        rr = c["ResourceRecordSet"]
        for v in rr["ResourceRecords"]:
            value = v["Value"]
            if rr["Type"] == "TXT":
                value = unquote_txt(value, True)
            got.append((rr["Name"], rr["Type"], value, c["Action"]))
    for r in want:
        if r["action"] == "keep":
            continue
        act = "UPSERT" if r["action"] == "replace" else "CREATE"
        if (r["name"], r["type"], r["value"], act) not in got:
            problems.append("missing %s %s %s" % (r["name"], r["type"], act))
elif fmt == "csv":
    raw = open(path, "rb").read()
    bare = b"\n" in raw.replace(b"\r\n", b"")
    if raw and (not raw.endswith(b"\r\n") or bare):
        problems.append("lines do not all end in CRLF")
    rows = list(csv.reader(open(path, newline="")))
    header = "name,host,type,ttl,value,action,replaces,purpose"
    if rows[0] != header.split(","):
        problems.append("bad header %r" % rows[0])
    for r, row in zip(want, rows[1:]):
        exp = [r["name"], r["host"], r["type"], str(r["ttl"]), r["value"],
               r["action"], r.get("replaces") or "", r["purpose"]]
        if row != exp:
            problems.append("row %r != %r" % (row, exp))
    if len(rows) - 1 != len(want):
        problems.append("%d rows for %d records" % (len(rows) - 1, len(want)))
elif fmt == "octodns":
    import yaml
    zone = yaml.safe_load(open(path)) or {}
    for r in want:
        host = "" if r["host"] == "@" else r["host"]
        recs = zone.get(host)
        recs = recs if isinstance(recs, list) else [recs]
        rec = [x for x in recs if x and x["type"] == r["type"]]
        if len(rec) != 1:
            problems.append("no %s record at %r" % (r["type"], host))
            continue
        rec = rec[0]
        values = rec.get("values", [rec.get("value")])
        if r["type"] == "MX":
            values = ["%d %s" % (v["preference"], v["exchange"])
                      for v in values]
        elif r["type"] == "TXT":
            if any(re.search(r"(?<!\\);", v) for v in values):
                problems.append("unescaped ; at %r" % host)
            values = [re.sub(r"\\(\d{3}|.)", lambda m: chr(int(m.group(1)))
                      if m.group(1).isdigit() else m.group(1), v)
                      for v in values]
        if r["value"] not in values:
            problems.append("%r not in %r" % (r["value"], values))
        if rec["ttl"] > r["ttl"]:
            problems.append("ttl %d > %d" % (rec["ttl"], r["ttl"]))
for p in problems:
    print("# " + p)
print("ok" if not problems else "not ok")
PY
}

for set in ses long empty; do
	is "$(compare $set route53)" ok "$set.route53 holds the records"
	is "$(compare $set csv)" ok "$set.csv holds the records"
	is "$(compare $set octodns)" ok "$set.octodns holds the records"
done

# octoDNS refuses keys out of natural order: check with its own rule.
if "$py" -c 'import natsort' 2>/dev/null; then
	for f in "$golden"/*.octodns; do
		"$py" - "$f" <<'PY'
import sys, yaml
from natsort import natsort_keygen
key = natsort_keygen()
class Loader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(k) for k, _ in node.value]
        if keys != sorted(keys, key=key):
            raise SystemExit("keys out of order: %r" % keys)
        return super().construct_mapping(node, deep)
yaml.load(open(sys.argv[1]), Loader=Loader)
PY
		ok $? "$(basename "$f") keys in octoDNS order"
	done
else
	skip "octoDNS key order" "python3-natsort is missing"
fi

# DNSControl's file is JavaScript: run it with stand-ins for its functions.
if command -v node >/dev/null 2>&1; then
	for set in ses long empty; do
		cat >"$tmp/run.js" <<'JS'
const fs = require("fs");
const want = JSON.parse(fs.readFileSync(process.argv[3])).records;
const got = [];
let domain = null;
global.NewRegistrar = (n) => ({ registrar: n });
global.NewDnsProvider = (n) => ({ provider: n });
global.DnsProvider = (p) => ({ dsp: p });
global.TTL = (n) => ({ ttl: n });
global.D = (name, ...items) => { domain = name;
    for (const i of items) if (i.type) got.push(i); };
global.TXT = (host, v, t) => {
    const parts = Array.isArray(v) ? v : [v];
    for (const p of parts)
        if (Buffer.byteLength(p) > 255) throw new Error("long string");
    return { host, type: "TXT", value: parts.join(""), ttl: t.ttl };
};
global.CNAME = (host, v, t) => ({ host, type: "CNAME", value: v, ttl: t.ttl });
global.MX = (host, p, v, t) =>
    ({ host, type: "MX", value: p + " " + v, ttl: t.ttl });
require("vm").runInThisContext(fs.readFileSync(process.argv[2], "utf8"));
const key = (r) => [r.host, r.type, r.value, r.ttl].join("|");
const a = want.map(key).sort().join("\n"), b = got.map(key).sort().join("\n");
console.log(domain === "example.com" && a === b ? "ok" : "not ok\n" + b);
JS
		is "$(node "$tmp/run.js" "$golden/$set.dnscontrol" \
		    "$golden/$set.json" 2>&1)" ok \
		    "$set.dnscontrol runs and declares the records"
	done
else
	skip "dnscontrol files run as JavaScript" "node is not installed"
fi

# Terraform's own formatter checks the HCL syntax, offline.
if command -v terraform >/dev/null 2>&1; then
	for set in ses long empty; do
		mkdir -p "$tmp/tf-$set"
		cp "$golden/$set.terraform" "$tmp/tf-$set/main.tf"
		(cd "$tmp/tf-$set" && TF_CLI_CONFIG_FILE=/dev/null \
		    terraform fmt -check -diff . >"$tmp/tf.out" 2>&1)
		ok $? "$set.terraform is HCL as terraform fmt writes it"
	done
else
	skip "terraform fmt" "terraform is not installed"
fi

done_testing
