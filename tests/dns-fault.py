#!/usr/bin/python3
"""dns-fault.py - a small authoritative DNS server for tests that misbehaves
on purpose, chosen per query name.

It listens on UDP and TCP (default 127.0.0.1 port 53) and answers every
query either from the rules given with --rule/--rules or, when no rule
matches, from the zones given with --zone (BIND zone text), like a plain
authoritative server: AA bit, NXDOMAIN and NODATA with the SOA in the
authority section, CNAME chasing, wildcards and referrals. A name outside
every zone and every rule is REFUSED.

A rule is NAME[/TYPE]=ACTION. NAME is a domain name, or *.SUFFIX for any
name below SUFFIX; TYPE limits the rule to one query type. The first rule
that matches wins. Actions:

  SERVFAIL, REFUSED, NXDOMAIN, FORMERR, NOTIMP, NOTAUTH, YXDOMAIN, ...
                  that response code (NXDOMAIN carries the zone's SOA)
  NODATA          NOERROR, no answer, the zone's SOA in authority
  TIMEOUT         never answer (TCP: keep the connection open, silently)
  CLOSE           no answer; over TCP, close the connection at once
  TRUNCATE        UDP: TC bit and no answer; TCP: the normal answer
  GARBAGE         a malformed reply: the query's ID, QR set, a header
                  announcing records, then a label cut short
  RANDOM          20 to 100 random bytes (likely not even the right ID)
  WRONGID         the normal answer with another message ID
  BIGTXT:N        one TXT record making the whole reply about N bytes
                  (at most 65535); over UDP, TC when it does not fit
  TXT:TEXT        one TXT record holding TEXT (split at 255 bytes)
  CNAME:TARGET    a CNAME to TARGET, chased through rules and zones
  DELAY:MS        the normal answer, sent MS milliseconds late
  FLAKY:N         no answer to the first N queries, then the normal one

"Normal answer" means the answer from the zones, as if no rule matched.
The name ready.dns-fault.invalid always answers TXT "ready" (used to
tell when the server is up) and is not logged.

--log FILE appends one line per query: "PROTO QNAME QTYPE ACTION".
The server exits on SIGTERM or SIGINT.
"""

import argparse
import os
import random
import signal
import socketserver
import struct
import sys
import threading
import time

from dnslib import CLASS, CNAME, DNSRecord, EDNS0, QTYPE, RCODE, RR, TXT

READY = "ready.dns-fault.invalid."


def norm(name):
    """Return NAME lower-cased with one trailing dot."""
    name = str(name).lower()
    if not name.endswith("."):
        name += "."
    return name


def code(bimap, name):
    """Return the number for NAME in dnslib's BIMAP (QTYPE, RCODE), or
    None."""
    try:
        return getattr(bimap, name.upper())
    except Exception:
        return None


def is_below(name, parent):
    """Return whether NAME is PARENT or lies below it."""
    return parent == "." or name == parent or name.endswith("." + parent)


class Zone:
    """One zone: its apex, its SOA and its records by owner name."""

    def __init__(self, rrs):
        self.names = {}
        self.soa = None
        for rr in rrs:
            owner = norm(rr.rname)
            self.names.setdefault(owner, []).append(rr)
            if rr.rtype == QTYPE.SOA:
                self.soa = rr
        if self.soa is None:
            raise ValueError("zone has no SOA record")
        self.apex = norm(self.soa.rname)

    def neg_soa(self):
        """Return the SOA to put in a negative answer (RFC 2308 TTL)."""
        rr = RR(self.soa.rname, QTYPE.SOA, CLASS.IN,
                min(self.soa.ttl, self.soa.rdata.times[4]), self.soa.rdata)
        return rr

    def exists(self, name):
        """Return whether NAME owns records or is an empty non-terminal."""
        if name in self.names:
            return True
        return any(n.endswith("." + name) for n in self.names)


class Rule:
    """One NAME[/TYPE]=ACTION rule."""

    def __init__(self, text):
        if "=" not in text:
            raise ValueError("rule '%s' has no '='" % text)
        left, action = text.split("=", 1)
        qtype = None
        if "/" in left:
            left, t = left.split("/", 1)
            qtype = code(QTYPE, t)
            if qtype is None:
                raise ValueError("unknown type in rule '%s'" % text)
        self.wild = left.startswith("*.")
        self.name = norm(left[2:] if self.wild else left)
        self.qtype = qtype
        self.arg = None
        if ":" in action:
            action, self.arg = action.split(":", 1)
        self.action = action.upper()
        self.count = 0
        known = ("NODATA", "TIMEOUT", "CLOSE", "TRUNCATE", "GARBAGE",
                 "RANDOM", "WRONGID", "BIGTXT", "TXT", "CNAME", "DELAY",
                 "FLAKY")
        if self.action not in known and code(RCODE, self.action) is None:
            raise ValueError("unknown action in rule '%s'" % text)
        if self.action in ("BIGTXT", "DELAY", "FLAKY"):
            try:
                self.num = int(self.arg)
            except (TypeError, ValueError):
                raise ValueError("rule '%s' needs a number" % text)
            if self.num < 0:
                raise ValueError("rule '%s' needs a number" % text)
        if self.action in ("TXT", "CNAME") and not self.arg:
            raise ValueError("rule '%s' needs an argument" % text)
        self.text = text

    def matches(self, qname, qtype):
        """Return whether this rule applies to a QNAME/QTYPE query."""
        if self.qtype is not None and self.qtype != qtype:
            return False
        if self.wild:
            return qname != self.name and is_below(qname, self.name)
        return qname == self.name


class Server:
    """The rules, the zones and the answering logic shared by UDP and TCP."""

    def __init__(self, zones, rules, log):
        self.zones = zones
        self.rules = rules
        self.log = log
        self.lock = threading.Lock()

    def find_rule(self, qname, qtype):
        """Return the first rule matching QNAME and QTYPE, or None."""
        for rule in self.rules:
            if rule.matches(qname, qtype):
                return rule
        return None

    def find_zone(self, name):
        """Return the zone with the longest apex enclosing NAME, or None."""
        best = None
        for z in self.zones:
            if is_below(name, z.apex):
                if best is None or len(z.apex) > len(best.apex):
                    best = z
        return best

    def note(self, proto, qname, qtype, what):
        """Append one line about a query to the log file."""
        if self.log is None:
            return
        with self.lock:
            self.log.write("%s %s %s %s\n" % (proto, qname,
                                              QTYPE.get(qtype), what))
            self.log.flush()

    def base_reply(self, q):
        """Return an empty reply to Q, with EDNS when Q had it."""
        r = q.reply(ra=0, aa=1)
        r.header.ad = 0
        r.header.z = 0
        r.ar = []
        if self.edns(q) is not None:
            r.add_ar(EDNS0(udp_len=1232))
        return r

    @staticmethod
    def edns(q):
        """Return Q's OPT record, or None."""
        for rr in q.ar:
            if rr.rtype == QTYPE.OPT:
                return rr
        return None

    def negative(self, r, zone, rcode):
        """Make R a negative answer with RCODE from ZONE."""
        r.header.rcode = rcode
        if zone is not None:
            r.add_auth(zone.neg_soa())

    def lookup(self, r, qname, qtype, seen, chase_rules):
        """Add the answer for QNAME/QTYPE to R from the zones (and, when
        CHASE_RULES, from CNAME rules), following CNAMEs."""
        if len(seen) > 16 or qname in seen:
            return
        seen.add(qname)
        if chase_rules:
            rule = self.find_rule(qname, qtype)
            if rule is not None and rule.action == "CNAME":
                r.add_answer(RR(qname, QTYPE.CNAME, CLASS.IN, 60,
                                CNAME(norm(rule.arg))))
                self.lookup(r, norm(rule.arg), qtype, seen, True)
                return
            if rule is not None and rule.action == "TXT" and \
                    qtype in (QTYPE.TXT, QTYPE.ANY):
                r.add_answer(txt_rr(qname, rule.arg.encode()))
                return
        zone = self.find_zone(qname)
        if zone is None:
            if not r.rr:
                r.header.rcode = RCODE.REFUSED
                r.header.aa = 0
            return
        # A delegation between the apex and the name: a referral.
        labels = qname[:-len(zone.apex)].rstrip(".").split(".") \
            if qname != zone.apex else []
        for i in range(len(labels) - 1, -1, -1):
            cut = ".".join(labels[i:]) + "." + zone.apex
            ns = [rr for rr in zone.names.get(cut, [])
                  if rr.rtype == QTYPE.NS]
            if ns and not (cut == qname and qtype == QTYPE.DS):
                if not r.rr:
                    r.header.aa = 0
                for rr in ns:
                    r.add_auth(rr)
                    for g in zone.names.get(norm(rr.rdata.label), []):
                        if g.rtype in (QTYPE.A, QTYPE.AAAA):
                            r.add_ar(g)
                return
        rrs = zone.names.get(qname)
        if rrs is None and not zone.exists(qname):
            rrs = self.wildcard(zone, qname)
            if rrs is None:
                self.negative(r, zone, RCODE.NXDOMAIN)
                return
        rrs = rrs or []
        want = [rr for rr in rrs
                if qtype == QTYPE.ANY or rr.rtype == qtype]
        if want:
            for rr in want:
                r.add_answer(rr)
            return
        cname = [rr for rr in rrs if rr.rtype == QTYPE.CNAME]
        if cname:
            r.add_answer(cname[0])
            self.lookup(r, norm(cname[0].rdata.label), qtype, seen,
                        chase_rules)
            return
        self.negative(r, zone, RCODE.NOERROR)

    @staticmethod
    def wildcard(zone, qname):
        """Return the records of the wildcard covering QNAME, renamed to
        QNAME, or None when there is none."""
        name = qname
        while name != zone.apex:
            name = name.split(".", 1)[1]
            if zone.exists(name):
                break
        rrs = zone.names.get("*." + name if name != "." else "*.")
        if rrs is None:
            return None
        return [RR(qname, rr.rtype, rr.rclass, rr.ttl, rr.rdata)
                for rr in rrs]

    def normal(self, q, qname, qtype):
        """Return the zones' answer to Q."""
        r = self.base_reply(q)
        self.lookup(r, qname, qtype, set(), False)
        return r

    def answer(self, data, proto):
        """Return (reply bytes or None, close-connection flag) for DATA."""
        try:
            q = DNSRecord.parse(data)
        except Exception:
            if len(data) < 2:
                return None, False
            return data[:2] + struct.pack("!HHHHH", 0x8001, 0, 0, 0, 0), \
                False
        if not q.questions:
            r = q.reply()
            r.header.rcode = RCODE.FORMERR
            return r.pack(), False
        qname = norm(q.q.qname)
        qtype = q.q.qtype
        if qname == READY:
            r = self.base_reply(q)
            r.add_answer(txt_rr(qname, b"ready"))
            return self.fit(q, r, proto), False
        rule = self.find_rule(qname, qtype)
        self.note(proto, qname, qtype, rule.text if rule else "zone")
        if rule is None:
            return self.fit(q, self.normal(q, qname, qtype), proto), False
        act = rule.action
        if act == "TIMEOUT":
            return None, False
        if act == "CLOSE":
            return None, True
        if act == "FLAKY":
            with self.lock:
                rule.count += 1
                n = rule.count
            if n <= rule.num:
                return None, False
            return self.fit(q, self.normal(q, qname, qtype), proto), False
        if act == "DELAY":
            time.sleep(rule.num / 1000.0)
            return self.fit(q, self.normal(q, qname, qtype), proto), False
        if act == "GARBAGE":
            head = data[:2] + struct.pack("!HHHHH", 0x8580, 1, 5, 0, 0)
            return head + b"\x3f" + os.urandom(10), False
        if act == "RANDOM":
            return os.urandom(random.randint(20, 100)), False
        if act == "WRONGID":
            r = self.normal(q, qname, qtype)
            r.header.id = (q.header.id + 1 + random.randint(0, 0xfffd)) \
                & 0xffff
            return self.fit(q, r, proto), False
        if act == "TRUNCATE":
            r = self.normal(q, qname, qtype)
            if proto == "udp":
                return self.truncated(q), False
            return r.pack(), False
        r = self.base_reply(q)
        if act == "NODATA":
            self.negative(r, self.find_zone(qname), RCODE.NOERROR)
        elif act == "BIGTXT":
            self.big_txt(r, qname, rule.num)
        elif act in ("TXT", "CNAME"):
            self.lookup(r, qname, qtype, set(), True)
        else:
            rc = getattr(RCODE, act)
            if rc == RCODE.NXDOMAIN:
                self.negative(r, self.find_zone(qname), rc)
            else:
                r.header.rcode = rc
        return self.fit(q, r, proto), False

    @staticmethod
    def big_txt(r, qname, size):
        """Add to R one TXT record for QNAME making R about SIZE bytes."""
        size = min(size, 65535)
        r.add_answer(txt_rr(qname, b""))
        room = size - len(r.pack())
        r.rr = []
        strings = []
        while room > 1:
            n = min(255, room - 1)
            strings.append(b"x" * n)
            room -= n + 1
        rr = RR(qname, QTYPE.TXT, CLASS.IN, 60, TXT(strings or [b""]))
        r.add_answer(rr)

    def truncated(self, q):
        """Return a reply to Q with the TC bit and no records."""
        r = self.base_reply(q)
        r.header.tc = 1
        return r.pack()

    def fit(self, q, r, proto):
        """Return R packed, truncated when it is too big for UDP."""
        data = r.pack()
        if proto == "tcp":
            return data[:65535]
        opt = self.edns(q)
        limit = max(512, opt.rclass) if opt is not None else 512
        if len(data) > limit:
            return struct.pack("!H", r.header.id) + self.truncated(q)[2:]
        return data


def txt_rr(name, text):
    """Return a TXT record for NAME holding TEXT split into 255-byte
    strings."""
    parts = [text[i:i + 255] for i in range(0, len(text), 255)] or [b""]
    return RR(name, QTYPE.TXT, CLASS.IN, 60, TXT(parts))


class UDPHandler(socketserver.BaseRequestHandler):
    """Answer one UDP query."""

    def handle(self):
        data, sock = self.request
        reply, _ = self.server.dns.answer(data, "udp")
        if reply is not None:
            sock.sendto(reply, self.client_address)


class TCPHandler(socketserver.BaseRequestHandler):
    """Answer the queries of one TCP connection, in order."""

    def handle(self):
        sock = self.request
        while True:
            head = recv_exact(sock, 2)
            if head is None:
                return
            data = recv_exact(sock, struct.unpack("!H", head)[0])
            if data is None:
                return
            reply, close = self.server.dns.answer(data, "tcp")
            if close:
                return
            if reply is not None:
                sock.sendall(struct.pack("!H", len(reply)) + reply)


def recv_exact(sock, n):
    """Return exactly N bytes from SOCK, or None at end of stream."""
    buf = b""
    while len(buf) < n:
        try:
            chunk = sock.recv(n - len(buf))
        except OSError:
            return None
        if not chunk:
            return None
        buf += chunk
    return buf


class UDPServer(socketserver.ThreadingMixIn, socketserver.UDPServer):
    daemon_threads = True


class TCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def read_rules(path):
    """Return the rule texts in the file PATH (one a line, # comments)."""
    out = []
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(line)
    return out


def main():
    p = argparse.ArgumentParser(description="misbehaving DNS server")
    p.add_argument("--listen", default="127.0.0.1")
    p.add_argument("--port", type=int, default=53)
    p.add_argument("--zone", action="append", default=[],
                   help="BIND zone file (with $ORIGIN or absolute names)")
    p.add_argument("--rule", action="append", default=[],
                   help="NAME[/TYPE]=ACTION[:ARG]")
    p.add_argument("--rules", action="append", default=[],
                   help="file of rules, one a line")
    p.add_argument("--log", help="file to append one line per query to")
    a = p.parse_args()

    try:
        zones = []
        for path in a.zone:
            with open(path) as f:
                zones.append(Zone(list(RR.fromZone(f.read()))))
        texts = list(a.rule)
        for path in a.rules:
            texts += read_rules(path)
        rules = [Rule(t) for t in texts]
    except Exception as e:
        print("dns-fault: %s" % e, file=sys.stderr)
        return 1
    log = open(a.log, "a") if a.log else None
    dns = Server(zones, rules, log)

    try:
        udp = UDPServer((a.listen, a.port), UDPHandler)
        tcp = TCPServer((a.listen, a.port), TCPHandler)
    except OSError as e:
        print("dns-fault: cannot listen on %s port %d: %s" %
              (a.listen, a.port, e), file=sys.stderr)
        return 1
    for s in (udp, tcp):
        s.dns = dns
        t = threading.Thread(target=s.serve_forever, daemon=True)
        t.start()

    def stop(signum, frame):
        raise SystemExit(0)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        signal.pause()


if __name__ == "__main__":
    sys.exit(main())
