#!/usr/bin/env python3
"""TCP/TLS connection limits against a real switchboard-server: a flood of
idle connections from one address is cut down to tcp_max_per_address while
phones (from that address too) still register; silent and half-sent
connections close after tcp_idle_timeout while a registered phone's
connection stays. Sources are loopback addresses outside the allow-list (the
test configures an empty one). Every wait is bounded."""
import os
import resource
import select
import socket
import sys
import time
import unittest

from sip_client import SipClient
from switchboard_harness import start_server

SERVER = None
EXTENSIONS = [{"number": "100", "password": "Corr3ct-Horse-100"},
              {"number": "101", "password": "Corr3ct-Horse-101"}]


def closed_by_peer(sock):
    """True once the server has closed @sock (EOF or reset), without blocking."""
    readable, _, _ = select.select([sock], [], [], 0)
    if not readable:
        return False
    try:
        return sock.recv(4096) == b""
    except (ConnectionResetError, OSError):
        return True


def open_connections(port, source_ip, count):
    socks = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source_ip, 0))
        socks.append(s)
    return socks


def wait_until(predicate, limit_s):
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


class Connections(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # A thousand sockets of our own plus the usual few.
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft < 4096 and hard > soft:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))

    def start(self, **settings):
        return start_server(self, SERVER, {"version": 1, "extensions": EXTENSIONS,
                                           "settings": {"domain": "127.0.0.1", "allow_list": [], **settings}})

    def close_all(self, socks):
        for s in socks:
            s.close()

    def test_a_thousand_idle_connections_do_not_lock_phones_out(self):
        server = self.start(tcp_max_per_address=5, tcp_idle_timeout=600)
        flood = open_connections(server.port, "127.0.0.40", 1000)
        self.addCleanup(self.close_all, flood)
        # Only the cap's worth stays; the rest are closed by the server.
        self.assertTrue(wait_until(lambda: sum(not closed_by_peer(s) for s in flood) <= 5, 10),
                        "connections beyond tcp_max_per_address were not closed")
        still_open = [s for s in flood if not closed_by_peer(s)]
        self.assertEqual(len(still_open), 5)
        server.wait_log(r"closed \d+ TCP/TLS connection\(s\), e\.g\. from 127\.0\.0\.40:\d+: more than 5 "
                        r"connections from 127\.0\.0\.40 \(setting tcp_max_per_address\)")

        # A phone elsewhere registers over TCP as if nothing happened ...
        phone = SipClient("127.0.0.1", server.port, transport="tcp", local_ip="127.0.0.41", timeout=3.0)
        self.addCleanup(phone.close)
        self.assertEqual(phone.register("100", password="Corr3ct-Horse-100")[1].status, 200)
        # ... and so does one from the flooding address: its registration
        # makes its connection one to keep, so older idle ones give way.
        same = SipClient("127.0.0.1", server.port, transport="tcp", local_ip="127.0.0.40", timeout=3.0)
        self.addCleanup(same.close)
        self.assertEqual(same.register("101", password="Corr3ct-Horse-101")[1].status, 200)
        time.sleep(2.5)  # two sweeps
        self.assertFalse(closed_by_peer(same.sock), "a registered phone's connection must stay")
        self.assertEqual(same.request("OPTIONS", "sip:127.0.0.1", "ping").status, 200)
        self.assertLessEqual(sum(not closed_by_peer(s) for s in still_open), 4)

    def test_the_cap_holds_on_the_tls_port_too(self):
        server = self.start(tcp_max_per_address=3, tcp_idle_timeout=600)
        self.assertIsNotNone(server.tls_port)
        flood = open_connections(server.tls_port, "127.0.0.42", 12)
        self.addCleanup(self.close_all, flood)
        self.assertTrue(wait_until(lambda: sum(not closed_by_peer(s) for s in flood) <= 3, 10))
        self.assertEqual(sum(not closed_by_peer(s) for s in flood), 3)
        tls_phone = SipClient("127.0.0.1", server.tls_port, transport="tls", local_ip="127.0.0.43")
        self.addCleanup(tls_phone.close)
        self.assertEqual(tls_phone.register("100", password="Corr3ct-Horse-100")[1].status, 200)

    def test_silent_and_half_sent_connections_close_after_the_idle_timeout(self):
        server = self.start(tcp_max_per_address=0, tcp_idle_timeout=2)
        opened = time.monotonic()
        silent = open_connections(server.port, "127.0.0.44", 1)[0]
        half = open_connections(server.port, "127.0.0.44", 1)[0]
        self.addCleanup(self.close_all, [silent, half])
        half.sendall(b"OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.44:5060;branch=z9hG4bK-half\r\n")
        phone = SipClient("127.0.0.1", server.port, transport="tcp", local_ip="127.0.0.45", timeout=3.0)
        self.addCleanup(phone.close)
        self.assertEqual(phone.register("100", password="Corr3ct-Horse-100")[1].status, 200)

        self.assertTrue(wait_until(lambda: closed_by_peer(silent) and closed_by_peer(half), 6),
                        "silent or half-sent connection still open")
        elapsed = time.monotonic() - opened
        self.assertGreaterEqual(elapsed, 1.9, "closed before tcp_idle_timeout")
        server.wait_log(r"silent for \d+ s without a registration or call \(setting tcp_idle_timeout\)")
        time.sleep(2.5)  # the phone has been silent longer than the timeout too
        self.assertFalse(closed_by_peer(phone.sock), "a registered phone's connection must stay")
        self.assertEqual(phone.request("OPTIONS", "sip:127.0.0.1", "ping").status, 200)


if __name__ == "__main__":
    SERVER = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
