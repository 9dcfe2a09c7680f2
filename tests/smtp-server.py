#!/usr/bin/python3
"""smtp-server.py - a real SMTP server on loopback for the send-test tests.

It is aiosmtpd (python3-aiosmtpd) started through its Controller class,
listening on --listen (a loopback address, default 127.0.0.1) port --port.
Options choose how it behaves:

  --tls starttls     offer STARTTLS (--cert/--key); AUTH only after it
  --tls required     the same, and refuse MAIL before STARTTLS (530)
  --tls implicit     TLS from the first byte (ssl_context on the socket)
  --tls none         no TLS at all (default)
  --auth MECHS       offer these AUTH mechanisms ("PLAIN,LOGIN", "PLAIN",
                     "LOGIN") and require AUTH before MAIL; the only
                     account is --user/--password
  --auth none        offer no AUTH and accept mail without it (default)
  --reject-rcpt ADDR answer 550 to RCPT TO:<ADDR> (repeatable)
  --reject-mail ADDR answer 553 to MAIL FROM:<ADDR> (repeatable)
  --reject-data      answer 554 to the end of the message
  --data-delay S     wait S seconds before answering the message's end
  --silent           accept TCP connections and never say a word (for
                     timeouts); no SMTP at all
  --dir DIR          write each message to DIR/N.eml (as received) and
                     its envelope to DIR/N.json (mail_from, rcpt_tos,
                     auth_user, tls)
  --ready FILE       write the port to FILE once the server accepts
                     connections (--port 0 picks a free one)

The queue id in "250 2.0.0 Ok: queued as ID" is "MWTEST" followed by the
message number. The server runs until SIGTERM or SIGINT.
"""

import argparse
import asyncio
import json
import os
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    """Decides what to answer to the envelope and stores what arrives."""

    def __init__(self, a):
        self.a = a
        self.count = 0
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname,
                          responses):
        """Offer AUTH only when --auth names mechanisms."""
        session.host_name = hostname
        if self.a.auth == "none":
            responses = [r for r in responses
                         if not r[4:].upper().startswith("AUTH")]
        return responses

    async def handle_MAIL(self, server, session, envelope, address,
                          mail_options):
        """Refuse the senders named by --reject-mail and, with --tls
        required, any sender before STARTTLS."""
        if self.a.tls == "required" and session.ssl is None:
            return "530 5.7.0 Must issue a STARTTLS command first"
        if address.lower() in self.a.reject_mail:
            return "553 5.7.1 <%s>: Sender address rejected" % address
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 2.1.0 Ok"

    async def handle_RCPT(self, server, session, envelope, address,
                          rcpt_options):
        """Refuse the recipients named by --reject-rcpt with 550."""
        if address.lower() in self.a.reject_rcpt:
            return "550 5.1.1 <%s>: Recipient address rejected: " \
                "User unknown in local recipient table" % address
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        """Store the message, after --data-delay, unless --reject-data."""
        if self.a.data_delay > 0:
            await asyncio.sleep(self.a.data_delay)
        if self.a.reject_data:
            return "554 5.7.1 Message rejected: content refused by policy"
        with self.lock:
            self.count += 1
            n = self.count
        if self.a.dir:
            base = os.path.join(self.a.dir, "%d" % n)
            with open(base + ".eml.tmp", "wb") as f:
                f.write(envelope.original_content)
            user = None
            if session.auth_data is not None:
                user = getattr(session.auth_data, "login", None)
                if isinstance(user, bytes):
                    user = user.decode("utf-8", "replace")
            env = {
                "mail_from": envelope.mail_from,
                "rcpt_tos": envelope.rcpt_tos,
                "auth_user": user,
                "tls": session.ssl is not None or self.a.tls == "implicit",
            }
            with open(base + ".json.tmp", "w") as f:
                json.dump(env, f)
            os.rename(base + ".json.tmp", base + ".json")
            os.rename(base + ".eml.tmp", base + ".eml")
        return "250 2.0.0 Ok: queued as MWTEST%d" % n


class Authenticator:
    """Accepts exactly --user and --password."""

    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        if auth_data.login == self.user and \
                auth_data.password == self.password:
            return AuthResult(success=True, auth_data=auth_data)
        return AuthResult(success=False, handled=False)


def family(addr):
    """The socket family of an address."""
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def free_port(addr):
    """A port nothing listens on at addr, as the kernel picks it."""
    s = socket.socket(family(addr))
    s.bind((addr, 0))
    port = s.getsockname()[1]
    s.close()
    return port


def ready(a):
    """Tell the test the server is up, and on which port."""
    if a.ready:
        with open(a.ready + ".tmp", "w") as f:
            f.write("%d\n" % a.port)
        os.rename(a.ready + ".tmp", a.ready)


def silent(a, stop):
    """Accept connections and keep them open without a word."""
    s = socket.socket(family(a.listen))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((a.listen, a.port))
    a.port = s.getsockname()[1]
    s.listen(16)
    s.settimeout(0.2)
    ready(a)
    held = []
    while not stop.is_set():
        try:
            c, _ = s.accept()
            held.append(c)
        except socket.timeout:
            pass
    for c in held:
        c.close()
    s.close()


def main():
    p = argparse.ArgumentParser(description="SMTP test server")
    p.add_argument("--listen", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--tls", default="none",
                   choices=["none", "starttls", "required", "implicit"])
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--auth", default="none")
    p.add_argument("--user", default="user")
    p.add_argument("--password", default="secret")
    p.add_argument("--reject-rcpt", action="append", default=[])
    p.add_argument("--reject-mail", action="append", default=[])
    p.add_argument("--reject-data", action="store_true")
    p.add_argument("--data-delay", type=float, default=0)
    p.add_argument("--silent", action="store_true")
    p.add_argument("--dir")
    p.add_argument("--ready")
    a = p.parse_args()
    a.reject_rcpt = [x.lower() for x in a.reject_rcpt]
    a.reject_mail = [x.lower() for x in a.reject_mail]

    if a.port == 0 and not a.silent:
        a.port = free_port(a.listen)
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    if a.silent:
        silent(a, stop)
        return 0

    ctx = None
    if a.tls != "none":
        if not a.cert or not a.key:
            p.error("--tls %s needs --cert and --key" % a.tls)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.cert, a.key)

    kw = {
        "hostname": a.listen,
        "port": a.port,
        "server_hostname": "mx.mailwiz.test",
        "ready_timeout": 10,
        "decode_data": False,
    }
    if a.tls == "implicit":
        kw["ssl_context"] = ctx
    elif a.tls in ("starttls", "required"):
        kw["tls_context"] = ctx
    if a.auth != "none":
        mechs = [m.strip().upper() for m in a.auth.split(",") if m.strip()]
        for m in mechs:
            if m not in ("PLAIN", "LOGIN"):
                p.error("--auth: unknown mechanism %r" % m)
        kw["authenticator"] = Authenticator(a.user, a.password)
        kw["auth_required"] = True
        kw["auth_exclude_mechanism"] = [m for m in ("PLAIN", "LOGIN")
                                        if m not in mechs]
        # Implicit TLS is TLS too, but aiosmtpd only knows STARTTLS.
        kw["auth_require_tls"] = a.tls != "implicit"
    controller = Controller(Handler(a), **kw)
    controller.start()
    ready(a)
    while not stop.is_set():
        stop.wait(0.2)
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
