#!/usr/bin/python3
# spf-suite.py - the openspf RFC 7208 test suite for tests/tools/spf-suite
#
#   spf-suite.py convert SUITE.yml[.gz] OUT
#       Write the suite as lines the C driver reads (format below) and print
#       the number of scenarios and tests.
#   spf-suite.py serve LINES SCENARIO ADDR PORT [PIDFILE]
#       Answer DNS questions on ADDR:PORT (UDP) from the zone data of one
#       scenario (numbered from 0), as an authoritative server would.
#   spf-suite.py probe ADDR PORT
#       Exit 0 once a server on ADDR:PORT answers, 1 after five seconds.
#
# Run it with /usr/bin/python3, which has the yaml and dnslib modules.
#
# Zone data follows the driver that ships with the suite (pyspf's
# testspf.py): an SPF entry also makes a TXT record unless the name lists
# a TXT entry of its own ("TXT: NONE" lists one without a record); a
# TIMEOUT entry makes every type that has no record before it time out;
# names are matched without regard to case.
#
# Line format (fields are separated by one space; every field that holds
# data starts with "=" and writes space, backslash and any byte outside
# 0x21-0x7e as \xHH):
#   scenario =DESCRIPTION
#   name =NAME                     NAME exists (perhaps without records)
#   rr =NAME TYPE =DATA...         one record: A/AAAA address, MX
#                                  preference and exchange, PTR/CNAME
#                                  target, TXT/SPF character-strings
#   timeout =NAME TYPE             questions for TYPE at NAME time out
#   test =ID =HOST =HELO =MAILFROM =RESULT[,RESULT] =EXPLANATION|-
import gzip
import os
import socket
import sys
import time

TYPES = ('A', 'AAAA', 'MX', 'PTR', 'TXT', 'SPF', 'CNAME')


def esc(data):
    """Write a str or bytes value as one '='-prefixed field."""
    if isinstance(data, str):
        data = data.encode('utf-8')
    out = ['=']
    for b in data:
        if b <= 0x20 or b >= 0x7f or b == 0x5c:
            out.append('\\x%02x' % b)
        else:
            out.append(chr(b))
    return ''.join(out)


def unesc(field):
    """Read a field written by esc() back into bytes."""
    assert field.startswith('=')
    s = field[1:]
    out = bytearray()
    i = 0
    while i < len(s):
        if s[i] == '\\':
            out.append(int(s[i + 2:i + 4], 16))
            i += 4
        else:
            out.append(ord(s[i]))
            i += 1
    return bytes(out)


def entries(data):
    """The records of one name as testspf.py's getrdata() lists them."""
    out, generated, gen = [], [], True
    for m in data:
        if not isinstance(m, dict):
            out.append(m)           # 'TIMEOUT'
            continue
        for t, v in m.items():
            if t in ('TXT', 'SPF') and isinstance(v, str):
                v = (v,)
            if t == 'TXT':
                gen = False
            elif t == 'SPF' and gen:
                generated.append(('TXT', v))
            if v != ('NONE',):
                out.append((t, v))
    if gen:
        out.extend(generated)
    return out


def answer(ents, qtype):
    """Records of qtype, or 'TIMEOUT', as testspf.py's DNSLookup() does."""
    found, timeout = [], True
    for e in ents:
        if e == 'TIMEOUT':
            return 'TIMEOUT' if timeout else found
        t, v = e
        if t == qtype:
            timeout = False
        if v == 'TIMEOUT':
            if t == qtype:
                return 'TIMEOUT'
            continue
        if t == qtype:
            found.append(v)
    return found


def rdata_fields(t, v):
    if t in ('TXT', 'SPF'):
        return [esc(s) for s in v]
    if t == 'MX':
        return [esc(str(v[0])), esc(v[1])]
    return [esc(v)]


def convert(src, dst):
    import yaml
    opener = gzip.open if src.endswith('.gz') else open
    with opener(src, 'rb') as f:
        docs = list(yaml.safe_load_all(f))
    ntests = 0
    with open(dst, 'w') as out:
        for doc in docs:
            out.write('scenario %s\n' % esc(doc['description']))
            for name, data in doc['zonedata'].items():
                ents = entries(data)
                key = name.lower()
                out.write('name %s\n' % esc(key))
                for t in TYPES:
                    a = answer(ents, t)
                    if a == 'TIMEOUT':
                        out.write('timeout %s %s\n' % (esc(key), t))
                        continue
                    for v in a:
                        out.write(' '.join(['rr', esc(key), t] +
                                           rdata_fields(t, v)) + '\n')
            for tid, t in doc['tests'].items():
                res = t['result']
                if isinstance(res, str):
                    res = [res]
                exp = t.get('explanation')
                out.write('test %s %s %s %s %s %s\n' % (
                    esc(tid), esc(str(t['host'])), esc(t['helo']),
                    esc(t['mailfrom']), esc(','.join(res)),
                    '-' if exp is None else esc(exp)))
                ntests += 1
    print('%d scenarios, %d tests' % (len(docs), ntests))


def load_scenario(path, index):
    """Names, records and timeouts of one scenario of a converted file."""
    names, rrs, timeouts = set(), {}, set()
    n = -1
    with open(path) as f:
        for line in f:
            w = line.split()
            if w[0] == 'scenario':
                n += 1
                continue
            if n != index:
                continue
            if w[0] == 'name':
                names.add(unesc(w[1]))
            elif w[0] == 'rr':
                rrs.setdefault((unesc(w[1]), w[2]), []).append(
                    [unesc(x) for x in w[3:]])
            elif w[0] == 'timeout':
                timeouts.add((unesc(w[1]), w[2]))
    if n < index:
        sys.exit('spf-suite.py: no scenario %d in %s' % (index, path))
    # Names above a name exist too (empty non-terminals).
    for name in list(names):
        labels = name.split(b'.')
        for i in range(1, len(labels)):
            names.add(b'.'.join(labels[i:]))
    return names, rrs, timeouts


def make_rr(owner, t, fields):
    from dnslib import RR, QTYPE, A, AAAA, MX, PTR, CNAME, TXT, DNSLabel
    label = DNSLabel(tuple(owner.split(b'.')))
    if t == 'A':
        rdata = A(fields[0].decode())
    elif t == 'AAAA':
        rdata = AAAA(fields[0].decode())
    elif t == 'MX':
        rdata = MX(DNSLabel(tuple(fields[1].split(b'.'))
                            if fields[1] else ()), int(fields[0]))
    elif t in ('PTR', 'CNAME'):
        cls = PTR if t == 'PTR' else CNAME
        rdata = cls(DNSLabel(tuple(fields[0].rstrip(b'.').split(b'.'))))
    else:
        strings = []
        for s in fields:
            while len(s) > 255:
                strings.append(s[:255])
                s = s[255:]
            strings.append(s)
        rdata = TXT(strings)
    rtype = getattr(QTYPE, t)
    return RR(label, rtype, rdata=rdata, ttl=300)


def reply(packet, zone):
    """The answer to one query, or None to stay silent (a timeout)."""
    from dnslib import DNSRecord, DNSHeader, QTYPE, RCODE
    names, rrs, timeouts = zone
    req = DNSRecord.parse(packet)
    q = req.q
    qtype = QTYPE.get(q.qtype, str(q.qtype))
    resp = DNSRecord(DNSHeader(id=req.header.id, qr=1, aa=1, ra=1,
                               rd=req.header.rd), q=q)
    owner = b'.'.join(q.qname.label)
    cur = owner.lower()
    seen = set()
    while True:
        if (cur, qtype) in timeouts:
            return None
        if cur not in names:
            resp.header.rcode = RCODE.NXDOMAIN
            break
        if (cur, qtype) in rrs:
            for fields in rrs[(cur, qtype)]:
                resp.add_answer(make_rr(owner, qtype, fields))
            break
        if qtype != 'CNAME' and (cur, 'CNAME') in rrs:
            target = rrs[(cur, 'CNAME')][0][0].rstrip(b'.')
            resp.add_answer(make_rr(owner, 'CNAME', [target]))
            seen.add(cur)
            owner, cur = target, target.lower()
            if cur in seen:
                break               # a loop: the chain so far, no data
            continue
        break                       # the name exists: NODATA
    return resp.pack()


def serve(path, index, addr, port, pidfile):
    zone = load_scenario(path, index)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    if pidfile:
        with open(pidfile + '.new', 'w') as f:
            f.write('%d\n' % os.getpid())
        os.rename(pidfile + '.new', pidfile)
    while True:
        packet, peer = s.recvfrom(65535)
        try:
            out = reply(packet, zone)
        except Exception as e:      # a bad query must not stop the server
            sys.stderr.write('spf-suite.py: %s\n' % e)
            continue
        if out is not None:
            s.sendto(out, peer)


def probe(addr, port):
    from dnslib import DNSRecord
    q = DNSRecord.question('probe.invalid', 'A').pack()
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(0.1)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            s.sendto(q, (addr, port))
            s.recvfrom(65535)
            return 0
        except OSError:
            time.sleep(0.05)
    return 1


def main(argv):
    if len(argv) == 4 and argv[1] == 'convert':
        convert(argv[2], argv[3])
        return 0
    if len(argv) in (6, 7) and argv[1] == 'serve':
        serve(argv[2], int(argv[3]), argv[4], int(argv[5]),
              argv[6] if len(argv) == 7 else None)
        return 0
    if len(argv) == 4 and argv[1] == 'probe':
        return probe(argv[2], int(argv[3]))
    sys.stderr.write('usage: spf-suite.py convert SUITE OUT | serve LINES '
                     'SCENARIO ADDR PORT [PIDFILE] | probe ADDR PORT\n')
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
