#!/usr/bin/python3
# dns-seeds.py - write the dnsparse seed corpus: DNS answers as servers send
# them (packed by dnslib, as tests/dns-fault.py does), and a few broken ones.
#	/usr/bin/python3 tests/fuzz/dns-seeds.py tests/fuzz/corpus/dnsparse
import hashlib
import os
import sys

from dnslib import (AAAA, CNAME, MX, NS, PTR, QTYPE, RCODE, RR, SOA, TXT, A,
                    DNSRecord, EDNS0, RD)

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def save(data):
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def reply(qname, qtype, answers=(), auth=(), rcode=0, aa=True, ar=()):
    q = DNSRecord.question(qname, qtype)
    r = q.reply()
    r.header.aa = int(aa)
    r.header.rcode = rcode
    for rr in answers:
        r.add_answer(rr)
    for rr in auth:
        r.add_auth(rr)
    for rr in ar:
        r.add_ar(rr)
    return r.pack()


soa = RR("example.com", QTYPE.SOA, ttl=3600,
         rdata=SOA("ns1.example.com", "hostmaster.example.com",
                   (2024010101, 7200, 900, 1209600, 300)))
spf = "v=spf1 include:amazonses.com ~all"
dkim = ("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxUkQhY"
        "/iMe2GmURuH9LJ2QktL89oGRMLEmWtXTHLrytl+U78/qMxPniq5BGMp9fKK8igWSAtB0"
        "VWTjoxItiCgbMXWjX6IWa6mQN4vV+Aa99K40dI1BW9NVTn" * 3)

save(reply("example.com", "TXT", [RR("example.com", QTYPE.TXT, ttl=300,
                                     rdata=TXT(spf))]))
save(reply("example.com", "TXT", [
    RR("example.com", QTYPE.TXT, ttl=300, rdata=TXT([b"v=spf1 ", b"mx -all"])),
    RR("example.com", QTYPE.TXT, ttl=300,
       rdata=TXT("google-site-verification=abc"))]))
save(reply("sel._domainkey.example.com", "TXT", [
    RR("sel._domainkey.example.com", QTYPE.TXT, ttl=3600,
       rdata=TXT([dkim[i:i + 255].encode()
                  for i in range(0, len(dkim), 255)]))]))
save(reply("_dmarc.example.com", "TXT", [
    RR("_dmarc.example.com", QTYPE.TXT, ttl=3600,
       rdata=TXT("v=DMARC1; p=none; rua=mailto:dmarc@example.com"))]))
save(reply("abc._domainkey.example.com", "TXT", [
    RR("abc._domainkey.example.com", QTYPE.CNAME, ttl=1800,
       rdata=CNAME("abc.dkim.amazonses.com")),
    RR("abc.dkim.amazonses.com", QTYPE.TXT, ttl=60, rdata=TXT(dkim[:200]))]))
save(reply("abc._domainkey.example.com", "CNAME", [
    RR("abc._domainkey.example.com", QTYPE.CNAME, ttl=1800,
       rdata=CNAME("abc.dkim.amazonses.com"))]))
save(reply("example.com", "MX", [
    RR("example.com", QTYPE.MX, ttl=3600, rdata=MX("mx1.example.com", 10)),
    RR("example.com", QTYPE.MX, ttl=3600, rdata=MX("mx2.example.net", 20))]))
save(reply("bounce.example.com", "MX", [
    RR("bounce.example.com", QTYPE.MX, ttl=600,
       rdata=MX("feedback-smtp.us-east-1.amazonses.com", 10))]))
save(reply("mail.example.com", "A", [
    RR("mail.example.com", QTYPE.A, ttl=60, rdata=A("192.0.2.25")),
    RR("mail.example.com", QTYPE.A, ttl=60, rdata=A("198.51.100.7"))]))
save(reply("mail.example.com", "AAAA", [
    RR("mail.example.com", QTYPE.AAAA, ttl=60, rdata=AAAA("2001:db8::25"))]))
save(reply("example.com", "NS", [
    RR("example.com", QTYPE.NS, ttl=86400, rdata=NS("ns1.example.com")),
    RR("example.com", QTYPE.NS, ttl=86400, rdata=NS("ns2.example.com"))],
    ar=[RR("ns1.example.com", QTYPE.A, ttl=86400, rdata=A("192.0.2.53"))]))
save(reply("25.2.0.192.in-addr.arpa", "PTR", [
    RR("25.2.0.192.in-addr.arpa", QTYPE.PTR, ttl=3600,
       rdata=PTR("mail.example.com"))]))
save(reply("example.com", "SOA", [soa]))
save(reply("example.com", "SPF", [
    RR("example.com", 99, ttl=300, rdata=TXT("v=spf1 -all"))]))
save(reply("nx.example.com", "TXT", auth=[soa], rcode=RCODE.NXDOMAIN))
save(reply("nodata.example.com", "TXT", auth=[soa]))
save(reply("example.com", "TXT", rcode=RCODE.SERVFAIL, aa=False))
save(reply("example.com", "TXT", rcode=RCODE.REFUSED, aa=False))
save(reply("example.com", "CAA", [
    RR("example.com", 257, ttl=300, rdata=RD(b"\x00\x05issueexample.net"))]))
r = DNSRecord.question("example.com", "TXT").reply()
r.add_ar(EDNS0(udp_len=1232))
r.header.tc = 1
save(r.pack())

# Broken: cut short, a pointer loop, data past the end, a label too long.
whole = reply("example.com", "TXT", [RR("example.com", QTYPE.TXT, ttl=300,
                                        rdata=TXT(spf))])
save(whole[:40])
save(whole[:12])
loop = bytearray(whole[:12]) + b"\xc0\x0c\x00\x10\x00\x01"
loop[4:6] = b"\x00\x01"
save(bytes(loop))
past = bytearray(whole)
past[-len(spf) - 3:-len(spf) - 1] = b"\x01\x00"
save(bytes(past))
