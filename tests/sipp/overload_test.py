#!/usr/bin/env python3
"""Overload against a real switchboard-server: requests that pile up faster
than the engine reads them are refused with 503 + Retry-After, none is left
unanswered, and the server is back to normal within seconds.

The pile-up is made the way it happens under load, only deterministically:
the server is stopped (SIGSTOP) while a burst of new INVITEs queues in its
SIP socket, then continued. The engine then finds its loop late and its
receive queue deep (core/engine/load_monitor.h). The burst stays below the
socket's capacity, so the system drops nothing and every INVITE must get an
answer: 407 (taken before the overload was seen) or 503 with Retry-After.
Sustained load above capacity is measured by bench/overload, not here."""
import os
import random
import re
import signal
import socket
import sys
import time
import unittest

from sip_client import SipClient
from switchboard_harness import start_server

SERVER = None
CONFIG = {"version": 1,
          "settings": {"domain": "127.0.0.1", "rate_limit": 0},
          "extensions": [{"number": "100", "password": "pw-100-secret"},
                         {"number": "101", "password": "pw-101-secret"}]}


def udp_socket_state(port):
    """(bytes queued, datagrams dropped) of the UDP socket bound to @port, from /proc/net/udp."""
    with open("/proc/net/udp") as f:
        for line in f.readlines()[1:]:
            cols = line.split()
            if int(cols[1].split(":")[1], 16) == port:
                return int(cols[4].split(":")[1], 16), int(cols[-1])
    raise AssertionError(f"no UDP socket on port {port}")


def receive_capacity():
    """What the server's SIP socket can hold: it asks for 4 MiB, the kernel
    caps that at net.core.rmem_max and doubles it for its bookkeeping."""
    with open("/proc/sys/net/core/rmem_max") as f:
        return 2 * min(4 * 1024 * 1024, int(f.read()))


def invite(port, local_port, n):
    call_id = "burst-%d-%x@127.0.0.1" % (n, random.getrandbits(48))
    return ("\r\n".join([
        f"INVITE sip:101@127.0.0.1:{port} SIP/2.0",
        f"Via: SIP/2.0/UDP 127.0.0.1:{local_port};branch=z9hG4bK{random.getrandbits(64):x};rport",
        "Max-Forwards: 70", f"From: <sip:100@127.0.0.1>;tag=b{n}", "To: <sip:101@127.0.0.1>",
        f"Call-ID: {call_id}", "CSeq: 1 INVITE", f"Contact: <sip:100@127.0.0.1:{local_port}>",
        "Content-Length: 0", "", ""]).encode(), call_id)


class Overload(unittest.TestCase):
    @staticmethod
    def logged(server, text, within_s=5.0):
        """Log lines of @server containing @text, waiting a little for the reader thread."""
        deadline = time.monotonic() + within_s
        while True:
            lines = [line for line in server.log_lines if text in line]
            if lines or time.monotonic() > deadline:
                return lines
            time.sleep(0.05)

    def test_requests_queued_beyond_what_the_engine_keeps_up_with_get_503_and_none_is_lost(self):
        server = start_server(self, SERVER, CONFIG)
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.addCleanup(sock.close)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
        sock.bind(("127.0.0.1", 0))
        local_port = sock.getsockname()[1]
        _, drops_before = udp_socket_state(server.port)

        # Queue to the engine's backlog mark (half the socket, at most 512 KiB)
        # or half as much again, never past half the socket's capacity.
        capacity = receive_capacity()
        target = min(capacity // 2, max(min(capacity // 2, 512 * 1024) * 3 // 2, 64 * 1024))
        os.kill(server.proc.pid, signal.SIGSTOP)
        sent = {}
        try:
            while len(sent) < 5000:
                data, call_id = invite(server.port, local_port, len(sent))
                sock.sendto(data, ("127.0.0.1", server.port))
                sent[call_id] = None
                if len(sent) % 20 == 0 and udp_socket_state(server.port)[0] >= target:
                    break
            queued, drops = udp_socket_state(server.port)
            time.sleep(0.3)  # the engine's 50 ms load timer is now well overdue
        finally:
            os.kill(server.proc.pid, signal.SIGCONT)
        self.assertEqual(drops, drops_before, "the burst overflowed the socket: the test would lose requests")
        self.assertGreaterEqual(queued, target)

        deadline = time.monotonic() + 30
        sock.settimeout(1.0)
        while None in sent.values() and time.monotonic() < deadline:
            try:
                data, _ = sock.recvfrom(65535)
            except socket.timeout:
                continue
            text = data.decode(errors="replace")
            m = re.search(r"(?mi)^Call-ID: *(\S+)", text)
            if m and m.group(1) in sent and sent[m.group(1)] is None:
                sent[m.group(1)] = text
        unanswered = [c for c, r in sent.items() if r is None]
        self.assertEqual(unanswered, [], f"{len(unanswered)} of {len(sent)} INVITEs got no answer")

        # Refusing for overload keeps no transaction: no 503 comes again while
        # the client (which never ACKs here) waits past timer G's first resend.
        again = 0
        quiet_until = time.monotonic() + 1.2
        sock.settimeout(0.2)
        while time.monotonic() < quiet_until:
            try:
                data, _ = sock.recvfrom(65535)
            except socket.timeout:
                continue
            again += data.startswith(b"SIP/2.0 503 ")
        self.assertEqual(again, 0, "refusals for overload were resent: they kept a transaction each")

        statuses = {}
        for text in sent.values():
            status = int(text.split(" ", 2)[1])
            statuses[status] = statuses.get(status, 0) + 1
            if status == 503:
                self.assertRegex(text, r"(?mi)^Retry-After: *\d+", "a 503 for overload says when to retry")
        self.assertEqual(set(statuses) - {407, 503}, set(), f"answers: {statuses}")
        self.assertGreater(statuses.get(503, 0), len(sent) // 2,
                           f"most of a burst the engine cannot keep up with is refused: {statuses}")
        self.assertTrue(self.logged(server, "overloaded ("), "the overload is logged")

        # Back to normal within seconds: a registration (new work) is accepted.
        phone = SipClient("127.0.0.1", server.port)
        self.addCleanup(phone.close)
        t0 = time.monotonic()
        while True:
            _, final = phone.register("100", "pw-100-secret", expires=60)
            if final.status == 200 or time.monotonic() - t0 > 10:
                break
            self.assertEqual(final.status, 503, final.raw)
            time.sleep(0.5)
        self.assertEqual(final.status, 200, "still refusing 10 s after the burst: " + final.raw)
        registered_after = time.monotonic() - t0
        back = self.logged(server, "load back to normal")
        self.assertTrue(back, "the end of the overload is logged: " +
                        "\n".join(line for line in server.log_lines if "overload" in line or "load" in line))
        print(f"\n{len(sent)} INVITEs queued ({queued // 1024} KiB of {capacity // 1024} KiB): {statuses}; "
              f"registered again {registered_after:.1f} s after; server: {back[-1].split(' ', 3)[-1]}",
              file=sys.stderr)


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
