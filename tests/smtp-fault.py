#!/usr/bin/python3
"""smtp-fault.py - a scripted SMTP server on loopback that fails on purpose,
for the send-test fault tests.

It speaks just enough SMTP, with plain asyncio sockets and no TLS, to carry
a message from mailwiz send-test (--tls none --insecure): the greeting,
EHLO/HELO, AUTH PLAIN and AUTH LOGIN (when --auth; any password is taken),
MAIL, RCPT, DATA, the message up to the final ".", RSET, NOOP and QUIT.
Every connection gets the same script. At one step it misbehaves:

  --fault MODE --at STEP
      STEP is where: greeting, ehlo, auth, mail, rcpt, data (the reply to
      DATA), body (in the middle of the message: once --drop-after bytes
      of it have arrived), dot (the reply after the final "."), quit.
      MODE is what happens instead of the normal reply:
        close    close the connection at once, without a word
        stall    say nothing, keep the connection open
        trickle  an endless reply: "NNN-still working" continuation lines
                 sent one byte every --trickle-ms, never a last line
        garbage  a line that is not an SMTP reply (no code, a stray byte
                 that is not UTF-8), then nothing
        long     the normal reply with a text of --long-len bytes (well
                 over the 512 bytes RFC 5321 4.5.3.1.5 allows a line)
        echo     a refusal (5xx) quoting the client's last line, as some
                 servers quote what they could not take: after AUTH,
                 the credentials
  --trickle-ms MS   every reply (or, with --fault trickle, the endless
                    one) is sent one byte every MS milliseconds; without
                    --fault the conversation then succeeds, slowly
  --split           every reply is multi-line, and is sent in pieces cut
                    at awkward places (inside the code, between CR and LF,
                    after the hyphen), each its own packet
  --terse           the shortest replies ("220 x", "250 ok", "354 go"),
                    for --trickle-ms
  --auth            offer AUTH PLAIN LOGIN after EHLO
  --log FILE        append what the client sent (bytes, repr) and what
                    happened: the tests read it
  --messages FILE   append each message received (up to the final ".")
  --ready FILE      write the port there once listening (--port 0: any)

The queue id in the reply to the message is "FAULT" and the message number.
The server exits on SIGTERM or SIGINT.
"""

import argparse
import asyncio
import os
import signal
import socket
import struct
import sys

STEPS = ("greeting", "ehlo", "auth", "mail", "rcpt", "data", "body", "dot",
         "quit")
MODES = ("close", "stall", "trickle", "garbage", "long", "echo")
REFUSALS = {"greeting": 554, "ehlo": 501, "auth": 535, "mail": 553,
            "rcpt": 550, "data": 554, "dot": 554, "quit": 500}


class Session:
    """One client connection and its place in the script."""

    def __init__(self, server, reader, writer):
        self.s = server
        self.a = server.a
        self.reader = reader
        self.writer = writer
        self.last = ""
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log(self, what):
        """Note one event in the log file."""
        self.s.log(what)

    def faulty(self, step):
        """Whether the fault happens at this step."""
        return self.a.fault is not None and self.a.at == step

    async def write(self, data):
        """Send bytes: at once, or one by one with --trickle-ms, or in
        awkward pieces with --split."""
        if self.a.trickle_ms > 0 and self.a.fault != "trickle":
            for i in range(len(data)):
                self.writer.write(data[i:i + 1])
                await self.writer.drain()
                await asyncio.sleep(self.a.trickle_ms / 1000.0)
            return
        if self.a.split:
            cuts = sorted(set(self.cuts(data)))
            last = 0
            for c in cuts + [len(data)]:
                if c <= last:
                    continue
                self.writer.write(data[last:c])
                await self.writer.drain()
                await asyncio.sleep(0.05)
                last = c
            return
        self.writer.write(data)
        await self.writer.drain()

    @staticmethod
    def cuts(data):
        """Where --split cuts a reply: inside each code, after each hyphen,
        between each CR and LF."""
        out = []
        i = 0
        while i < len(data):
            out.append(i + 2)
            if data[i + 3:i + 4] == b"-":
                out.append(i + 4)
            cr = data.find(b"\r\n", i)
            if cr < 0:
                break
            out.append(cr + 1)
            i = cr + 2
        return [c for c in out if 0 < c < len(data)]

    async def reply(self, step, code, lines):
        """Send the reply to a step (a list of texts: multi-line when more
        than one), or the fault when this is the step. Returns False when
        the conversation is over."""
        if self.a.split and len(lines) == 1:
            lines = ["working on it"] + lines
        if self.faulty(step):
            return await self.fault(step, code, lines)
        await self.send(code, lines)
        return True

    async def send(self, code, lines):
        """Send one reply of one or more lines."""
        out = b""
        for i, text in enumerate(lines):
            sep = b" " if i == len(lines) - 1 else b"-"
            out += str(code).encode() + sep + text.encode() + b"\r\n"
        await self.write(out)

    async def fault(self, step, code, lines):
        """Misbehave at this step; False when the connection is to end."""
        mode = self.a.fault
        self.log("FAULT %s at %s" % (mode, step))
        if mode == "close":
            return False
        if mode == "stall":
            await self.drain_forever()
            return False
        if mode == "trickle":
            piece = ("%d-still working\r\n" % code).encode()
            ms = self.a.trickle_ms if self.a.trickle_ms > 0 else 200
            while True:
                for i in range(len(piece)):
                    self.writer.write(piece[i:i + 1])
                    await self.writer.drain()
                    await asyncio.sleep(ms / 1000.0)
        if mode == "garbage":
            self.writer.write(b"what is this? \xff not smtp\r\n")
            await self.writer.drain()
            await self.drain_forever()
            return False
        if mode == "long":
            text = lines[-1] + " " + "x" * self.a.long_len
            await self.send(code, lines[:-1] + [text])
            return True
        if mode == "echo":
            await self.send(REFUSALS[step], ["5.7.0 cannot take " +
                                             self.last])
            return step not in ("greeting", "dot")
        return False

    async def drain_forever(self):
        """Read and log what the client sends until it hangs up."""
        while True:
            data = await self.reader.read(4096)
            if not data:
                return
            self.log("C %r" % data)

    async def readline(self):
        """One command line from the client, or None at the end."""
        try:
            line = await self.reader.readuntil(b"\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            return None
        except asyncio.LimitOverrunError:
            return None
        self.log("C %r" % line)
        self.last = line.rstrip(b"\r\n").decode("utf-8", "replace")
        return self.last

    async def message(self):
        """Read the message up to the final dot; False when the connection
        is to end (the body fault)."""
        got = b""
        while not got.endswith(b"\r\n.\r\n") and got != b".\r\n":
            data = await self.reader.read(4096)
            if not data:
                return False
            got += data
            if self.faulty("body") and len(got) >= self.a.drop_after:
                self.log("C %r" % got)
                self.log("FAULT %s at body after %d bytes" %
                         (self.a.fault, len(got)))
                if self.a.fault == "stall":
                    await self.drain_forever()
                    return False
                # As a crash would: a reset, not a polite close.
                sock = self.writer.get_extra_info("socket")
                if sock is not None:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                    struct.pack("ii", 1, 0))
                self.writer.transport.abort()
                return False
        self.log("C %r" % got)
        self.s.messages += 1
        if self.a.messages:
            with open(self.a.messages, "ab") as f:
                f.write(got)
        return True

    def text(self, normal, terse):
        """The text of a reply: normal, or terse with --terse."""
        return terse if self.a.terse else normal

    async def run(self):
        """Play the script."""
        self.log("connection")
        if not await self.reply("greeting", 220,
                                [self.text("fault.test ESMTP", "x")]):
            return
        while True:
            line = await self.readline()
            if line is None:
                self.log("client hung up")
                return
            verb = line.split(" ", 1)[0].split(":", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                offers = ["fault.test", "SIZE 10000000", "8BITMIME"]
                if self.a.terse:
                    offers = ["x"]
                if self.a.auth:
                    offers.append("AUTH PLAIN LOGIN")
                if verb == "HELO":
                    offers = offers[:1]
                ok = await self.reply("ehlo", 250, offers)
            elif verb == "AUTH":
                ok = await self.auth(line)
            elif verb == "MAIL":
                ok = await self.reply("mail", 250,
                                      [self.text("2.1.0 Ok", "ok")])
            elif verb == "RCPT":
                ok = await self.reply("rcpt", 250,
                                      [self.text("2.1.5 Ok", "ok")])
            elif verb == "DATA":
                ok = await self.reply("data", 354, [self.text(
                    "End data with <CR><LF>.<CR><LF>", "go")])
                if ok:
                    ok = await self.message()
                    if ok:
                        ok = await self.reply("dot", 250, [
                            "%squeued as FAULT%d" %
                            (self.text("2.0.0 Ok: ", ""), self.s.messages)])
            elif verb == "QUIT":
                await self.reply("quit", 221, [self.text("2.0.0 Bye", "bye")])
                return
            elif verb in ("RSET", "NOOP"):
                ok = await self.reply("other", 250, ["2.0.0 Ok"])
            else:
                ok = await self.reply("other", 502,
                                      ["5.5.2 Command not recognized"])
            if not ok:
                return

    async def auth(self, line):
        """AUTH PLAIN (with or without the initial response) or LOGIN,
        any password accepted."""
        words = line.split()
        mech = words[1].upper() if len(words) > 1 else ""
        if mech == "PLAIN" and len(words) < 3:
            await self.send(334, [""])
            if await self.readline() is None:
                return False
        elif mech == "LOGIN":
            if len(words) < 3:
                await self.send(334, ["VXNlcm5hbWU6"])
                if await self.readline() is None:
                    return False
            await self.send(334, ["UGFzc3dvcmQ6"])
            if await self.readline() is None:
                return False
        elif mech != "PLAIN":
            await self.send(504, ["5.5.4 Unrecognized authentication type"])
            return True
        return await self.reply("auth", 235,
                                ["2.7.0 Authentication successful"])


class Server:
    """The listening socket and what all sessions share."""

    def __init__(self, a):
        self.a = a
        self.messages = 0
        self.logf = open(a.log, "a") if a.log else None
        self.tasks = set()

    def log(self, what):
        """Append one line to the log file."""
        if self.logf is not None:
            self.logf.write(what + "\n")
            self.logf.flush()

    async def session(self, reader, writer):
        """Run one connection to its end, whatever happens."""
        task = asyncio.current_task()
        self.tasks.add(task)
        try:
            await Session(self, reader, writer).run()
        except (ConnectionError, asyncio.CancelledError) as e:
            self.log("connection ended: %s" % type(e).__name__)
        finally:
            self.tasks.discard(task)
            self.log("closed")
            try:
                writer.close()
            except Exception:
                pass


async def main_async(a):
    server = Server(a)
    family = socket.AF_INET6 if ":" in a.listen else socket.AF_INET
    srv = await asyncio.start_server(server.session, a.listen, a.port,
                                     family=family, reuse_address=True)
    port = srv.sockets[0].getsockname()[1]
    if a.ready:
        with open(a.ready + ".tmp", "w") as f:
            f.write("%d\n" % port)
        os.rename(a.ready + ".tmp", a.ready)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    srv.close()
    for t in list(server.tasks):
        t.cancel()
    await srv.wait_closed()
    return 0


def main():
    p = argparse.ArgumentParser(description="misbehaving SMTP server")
    p.add_argument("--listen", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--fault", choices=MODES)
    p.add_argument("--at", choices=STEPS)
    p.add_argument("--trickle-ms", type=int, default=0)
    p.add_argument("--split", action="store_true")
    p.add_argument("--terse", action="store_true")
    p.add_argument("--drop-after", type=int, default=200)
    p.add_argument("--long-len", type=int, default=2000)
    p.add_argument("--auth", action="store_true")
    p.add_argument("--log")
    p.add_argument("--messages")
    p.add_argument("--ready")
    a = p.parse_args()
    if (a.fault is None) != (a.at is None):
        p.error("--fault and --at go together")
    if a.at == "body" and a.fault not in ("close", "stall"):
        p.error("in the middle of the message only close or stall")
    return asyncio.run(main_async(a))


if __name__ == "__main__":
    sys.exit(main())
