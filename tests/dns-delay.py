#!/usr/bin/python3
"""dns-delay.py - a DNS relay that adds latency, for tests and benchmarks.

It listens on UDP and TCP (--listen, default 127.0.0.1, --port, default
53) and relays every query, unchanged, to --upstream (port
--upstream-port, default 53) over the same protocol. When the upstream's
answer arrives it is held for --delay milliseconds (plus a random 0 to
--jitter milliseconds) and then sent back, unchanged, to the client. So
every answer comes at least DELAY ms later than it would without the relay.
A query the upstream does not answer within --timeout seconds gets no
answer. Queries are relayed concurrently: a slow one does not hold up the
others, over UDP or on one TCP connection.

The name ready.dns-delay.invalid is answered at once by the relay itself
(TXT "ready"), to tell when it is up. --log FILE appends one line per
relayed query: "PROTO ID MS" where MS is the time the upstream took.
The relay exits on SIGTERM or SIGINT.
"""

import argparse
import asyncio
import random
import signal
import struct
import sys
import time

READY = b"\x05ready\x09dns-delay\x07invalid\x00"


def ready_reply(data):
    """Return the relay's own answer to DATA when it asks for the ready
    name, else None."""
    if len(data) < 12 + len(READY) + 4:
        return None
    qd = struct.unpack("!H", data[4:6])[0]
    if qd != 1 or data[12:12 + len(READY)].lower() != READY:
        return None
    end = 12 + len(READY) + 4
    flags = 0x8400 | (struct.unpack("!H", data[2:4])[0] & 0x0100)
    head = data[:2] + struct.pack("!HHHHH", flags, 1, 1, 0, 0)
    rr = b"\xc0\x0c" + struct.pack("!HHIH", 16, 1, 0, 6) + b"\x05ready"
    return head + data[12:end] + rr


class Relay:
    """The upstream address, the delay and the log, shared by UDP and
    TCP."""

    def __init__(self, a):
        self.upstream = (a.upstream, a.upstream_port)
        self.delay = a.delay / 1000.0
        self.jitter = a.jitter / 1000.0
        self.timeout = a.timeout
        self.log = open(a.log, "a") if a.log else None

    def note(self, proto, data, took):
        """Append one line about a relayed query to the log file."""
        if self.log is None:
            return
        qid = struct.unpack("!H", data[:2])[0] if len(data) >= 2 else 0
        self.log.write("%s %d %.1f\n" % (proto, qid, took * 1000))
        self.log.flush()

    async def hold(self):
        """Wait for the configured delay and jitter."""
        wait = self.delay + random.uniform(0, self.jitter)
        if wait > 0:
            await asyncio.sleep(wait)

    async def ask_udp(self, data):
        """Return the upstream's UDP answer to DATA, or None."""
        loop = asyncio.get_running_loop()
        fut = loop.create_future()

        class Client(asyncio.DatagramProtocol):
            def datagram_received(self, reply, addr):
                if reply[:2] == data[:2] and not fut.done():
                    fut.set_result(reply)

            def error_received(self, exc):
                if not fut.done():
                    fut.set_result(None)

        transport, _ = await loop.create_datagram_endpoint(
            Client, remote_addr=self.upstream)
        try:
            transport.sendto(data)
            return await asyncio.wait_for(fut, self.timeout)
        except asyncio.TimeoutError:
            return None
        finally:
            transport.close()

    async def ask_tcp(self, data):
        """Return the upstream's TCP answer to DATA, or None."""
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(*self.upstream), self.timeout)
        except (OSError, asyncio.TimeoutError):
            return None
        try:
            writer.write(struct.pack("!H", len(data)) + data)
            await writer.drain()
            head = await asyncio.wait_for(reader.readexactly(2),
                                          self.timeout)
            n = struct.unpack("!H", head)[0]
            return await asyncio.wait_for(reader.readexactly(n),
                                          self.timeout)
        except (OSError, asyncio.TimeoutError,
                asyncio.IncompleteReadError):
            return None
        finally:
            writer.close()

    async def relay(self, proto, data):
        """Return the answer to DATA, delayed, or None."""
        start = time.monotonic()
        if proto == "udp":
            reply = await self.ask_udp(data)
        else:
            reply = await self.ask_tcp(data)
        self.note(proto, data, time.monotonic() - start)
        if reply is None:
            return None
        await self.hold()
        return reply


class UDPServer(asyncio.DatagramProtocol):
    """Relay each UDP query in a task of its own."""

    def __init__(self, relay):
        self.relay = relay
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        own = ready_reply(data)
        if own is not None:
            self.transport.sendto(own, addr)
            return
        asyncio.ensure_future(self.answer(data, addr))

    async def answer(self, data, addr):
        reply = await self.relay.relay("udp", data)
        if reply is not None:
            self.transport.sendto(reply, addr)


async def tcp_client(relay, reader, writer):
    """Relay the queries of one TCP connection, each as it comes."""
    lock = asyncio.Lock()
    tasks = set()

    async def one(data):
        own = ready_reply(data)
        reply = own if own is not None else await relay.relay("tcp", data)
        if reply is None:
            return
        async with lock:
            writer.write(struct.pack("!H", len(reply)) + reply)
            try:
                await writer.drain()
            except OSError:
                pass

    try:
        while True:
            head = await reader.readexactly(2)
            data = await reader.readexactly(struct.unpack("!H", head)[0])
            t = asyncio.ensure_future(one(data))
            tasks.add(t)
            t.add_done_callback(tasks.discard)
    except (asyncio.IncompleteReadError, OSError):
        pass
    if tasks:
        await asyncio.gather(*tasks, return_exceptions=True)
    writer.close()


async def serve(a):
    """Listen on UDP and TCP and relay until a signal comes."""
    loop = asyncio.get_running_loop()
    relay = Relay(a)
    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set_result, None)
    try:
        udp, _ = await loop.create_datagram_endpoint(
            lambda: UDPServer(relay), local_addr=(a.listen, a.port))
        tcp = await asyncio.start_server(
            lambda r, w: tcp_client(relay, r, w), a.listen, a.port,
            reuse_address=True)
    except OSError as e:
        print("dns-delay: cannot listen on %s port %d: %s" %
              (a.listen, a.port, e), file=sys.stderr)
        return 1
    await stop
    udp.close()
    tcp.close()
    return 0


def main():
    p = argparse.ArgumentParser(description="DNS relay adding latency")
    p.add_argument("--listen", default="127.0.0.1")
    p.add_argument("--port", type=int, default=53)
    p.add_argument("--upstream", required=True)
    p.add_argument("--upstream-port", type=int, default=53)
    p.add_argument("--delay", type=float, required=True,
                   help="milliseconds added to every answer")
    p.add_argument("--jitter", type=float, default=0,
                   help="up to this many more milliseconds, at random")
    p.add_argument("--timeout", type=float, default=10,
                   help="seconds to wait for the upstream")
    p.add_argument("--log", help="file to append one line per query to")
    a = p.parse_args()
    if a.delay < 0 or a.jitter < 0 or a.timeout <= 0:
        print("dns-delay: delay, jitter and timeout must be positive",
              file=sys.stderr)
        return 1
    return asyncio.run(serve(a))


if __name__ == "__main__":
    sys.exit(main())
