#!/usr/bin/env python3
"""The registrar against real clients: SIPp for MD5 over UDP/TCP, and a small
client of our own (tests/sipp/sip_client.py) for SHA-256, TLS and the cases
that need exact header checks."""
import os
import re
import socket
import ssl
import sys
import threading
import time
import unittest

from sip_client import SipClient, parse_challenge
from switchboard_harness import SwitchboardServer, run_sipp, start_server

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "configs", "registrar.json")
SCENARIO = os.path.join(HERE, "scenarios", "register_auth.xml")


def contacts_of(resp):
    out = {}
    for value in resp.all("Contact"):
        m = re.match(r"<([^>]+)>;expires=(\d+)", value)
        assert m, value
        out[m.group(1)] = int(m.group(2))
    return out


class Registrar(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SwitchboardServer(SERVER, config_json=CONFIG).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server._tmp.cleanup()

    def client(self, transport="udp"):
        port = self.server.tls_port if transport == "tls" else self.server.port
        c = SipClient("127.0.0.1", port, transport)
        self.addCleanup(c.close)
        return c

    def query(self, ext, password):
        """A REGISTER without Contact lists the current bindings (RFC 3261 §10.2.3)."""
        c = self.client()
        _, final = c.register(ext, password, contacts=[], expires=None)
        self.assertEqual(final.status, 200, final.raw)
        return contacts_of(final)

    def test_md5_with_sipp_over_udp_and_tcp(self):
        for transport in ("u1", "t1"):
            code, out = run_sipp(SCENARIO, "127.0.0.1", self.server.port, transport=transport,
                                 keys={"ext": "100", "expires": "120"},
                                 extra=["-au", "100", "-ap", "pw-100-secret"])
            self.assertEqual(code, 0, out)
        self.server.wait_log(r"registration 100 <sip:100@127\.0\.0\.1:\d+;transport=TCP> from TCP ")

    def test_sha256_over_udp_tcp_and_tls(self):
        for transport in ("udp", "tcp", "tls"):
            c = self.client(transport)
            first, final = c.register("101", "pw-101-secret", algorithm="SHA-256", expires=120)
            self.assertEqual(first.status, 401)
            self.assertEqual(final.status, 200, final.raw)
            self.assertIn(c.contact("101"), contacts_of(final))

    def test_challenge_offers_md5_first_then_sha256_with_qop_auth(self):
        first, _ = self.client().register("100")
        challenges = [parse_challenge(v) for v in first.all("WWW-Authenticate")]
        self.assertEqual([c["algorithm"] for c in challenges], ["MD5", "SHA-256"])
        for c in challenges:
            self.assertEqual(c["realm"], "127.0.0.1")
            self.assertEqual(c["qop"], "auth")

    def test_default_challenge_is_md5_alone(self):
        # Issue 19: a second WWW-Authenticate with SHA-256 makes phones on
        # stacks without it (baresip 1.0) fail before they answer any.
        server = start_server(self, SERVER, {"version": 1, "settings": {"domain": "127.0.0.1"},
                                             "extensions": [{"number": "100", "password": "pw-100-secret"}]})
        c = SipClient("127.0.0.1", server.port)
        self.addCleanup(c.close)
        first, final = c.register("100", "pw-100-secret", expires=120)
        self.assertEqual(first.status, 401, first.raw)
        self.assertEqual([parse_challenge(v)["algorithm"] for v in first.all("WWW-Authenticate")], ["MD5"])
        self.assertEqual(final.status, 200, final.raw)
        self.assertNotIn("auth_algorithms is", server.log_text())

    def test_offering_two_algorithms_is_warned_about(self):
        self.server.wait_log(r"warning +auth_algorithms is MD5,SHA-256: phones that know only MD5 digest .* "
                             r"cannot register")

    def test_wrong_password_gets_403_after_the_retry(self):
        first, final = self.client().register("100", "not-the-password")
        self.assertEqual((first.status, final.status), (401, 403))

    def test_unknown_and_disabled_users_look_like_wrong_passwords(self):
        shapes = []
        for ext in ("100", "555", "103"):
            first, final = self.client().register(ext, "guess")
            self.assertEqual((first.status, final.status), (401, 403), ext)
            names = [n.lower() for n, _ in first.headers]
            chall = [re.sub(r'nonce="[^"]+"', "", v) for v in first.all("WWW-Authenticate")]
            shapes.append((names, chall, first.reason, final.reason, final.all("WWW-Authenticate")))
        self.assertEqual(shapes[0], shapes[1], "an unknown user is answered differently")
        self.assertEqual(shapes[0], shapes[2], "a disabled user is answered differently")

    def test_nonce_count_replay_is_refused(self):
        c = self.client()
        first, final = c.register("100", "pw-100-secret", expires=60)
        self.assertEqual(final.status, 200)
        chall = parse_challenge(first.all("WWW-Authenticate")[0])
        uri = "sip:127.0.0.1:%d" % self.server.port
        auth = c.authorization("100", "pw-100-secret", "REGISTER", uri, chall, "MD5", nc=1)
        again = c.request("REGISTER", uri, "100", headers=[f"Contact: <{c.contact('100')}>", auth])
        self.assertEqual(again.status, 401, "a reused nonce-count must not be accepted")
        self.assertIn("stale=true", again.get("WWW-Authenticate"))
        auth = c.authorization("100", "pw-100-secret", "REGISTER", uri, chall, "MD5", nc=2)
        later = c.request("REGISTER", uri, "100", headers=[f"Contact: <{c.contact('100')}>", auth])
        self.assertEqual(later.status, 200, "a higher nonce-count on the same nonce is fine")

    def test_expired_nonce_is_stale(self):
        c = self.client()
        first, _ = c.register("100")
        chall = parse_challenge(first.all("WWW-Authenticate")[0])
        time.sleep(3.5)  # nonce_lifetime is 3 s in this configuration
        uri = "sip:127.0.0.1:%d" % self.server.port
        auth = c.authorization("100", "pw-100-secret", "REGISTER", uri, chall, "MD5")
        resp = c.request("REGISTER", uri, "100", headers=[f"Contact: <{c.contact('100')}>", auth])
        self.assertEqual(resp.status, 401)
        self.assertTrue(all("stale=true" in v for v in resp.all("WWW-Authenticate")))

    def test_credentials_of_another_extension_are_forbidden(self):
        _, final = self.client().register("100", "pw-101-secret", auth_user="101")
        self.assertEqual(final.status, 403)

    def test_several_contacts_cap_and_unregister(self):
        clients = [self.client() for _ in range(4)]
        for c in clients[:2]:
            _, final = c.register("102", "pw-102-secret", expires=120)
            self.assertEqual(final.status, 200)
        bound = self.query("102", "pw-102-secret")
        self.assertEqual(set(bound), {c.contact("102") for c in clients[:2]})
        self.assertTrue(all(100 < e <= 120 for e in bound.values()), bound)
        # Over max_contacts (3) the oldest gives way.
        for c in clients[2:]:
            c.register("102", "pw-102-secret", expires=120)
        bound = self.query("102", "pw-102-secret")
        self.assertEqual(set(bound), {c.contact("102") for c in clients[1:]})
        # Expires: 0 removes one contact, the contact's expires=0 another.
        _, final = clients[1].register("102", "pw-102-secret", expires=0)
        self.assertEqual(final.status, 200)
        _, final = clients[2].register("102", "pw-102-secret", expires=None,
                                       contacts=[f"Contact: <{clients[2].contact('102')}>;expires=0"])
        self.assertEqual(set(contacts_of(final)), {clients[3].contact("102")})
        # Contact: * needs Expires: 0 ...
        _, final = clients[3].register("102", "pw-102-secret", expires=60, contacts=["Contact: *"])
        self.assertEqual(final.status, 400)
        # ... and with it removes everything.
        _, final = clients[3].register("102", "pw-102-secret", expires=0, contacts=["Contact: *"])
        self.assertEqual(final.status, 200)
        self.assertEqual(self.query("102", "pw-102-secret"), {})

    def test_too_brief_gets_423_and_long_is_capped(self):
        _, final = self.client().register("100", "pw-100-secret", expires=1)
        self.assertEqual(final.status, 423)
        self.assertEqual(final.get("Min-Expires"), "2")
        c = self.client()
        _, final = c.register("100", "pw-100-secret", expires=99999)
        self.assertEqual(final.status, 200)
        self.assertLessEqual(contacts_of(final)[c.contact("100")], 600)

    def test_binding_expires_in_the_background(self):
        c = self.client()
        _, final = c.register("101", "pw-101-secret", expires=2)
        self.assertEqual(final.status, 200)
        self.assertIn(c.contact("101"), self.query("101", "pw-101-secret"))
        time.sleep(3.5)
        self.assertNotIn(c.contact("101"), self.query("101", "pw-101-secret"))
        self.server.wait_log(r"registration 101 <%s> .*: removed" % re.escape(c.contact("101")))

    def test_out_of_order_cseq_is_refused(self):
        c = self.client()
        c.cseq = 10  # so that "5 lower" is still a valid CSeq (1*DIGIT), not a negative one
        _, final = c.register("100", "pw-100-secret", expires=60)
        self.assertEqual(final.status, 200)
        # A new From tag keeps libre's merged-request check (482) out of the way:
        # this is the same Call-ID with a lower CSeq, which RFC 3261 §10.3 refuses.
        c.tag = "other-tag"
        c.cseq -= 5
        _, stale = c.register("100", "pw-100-secret", expires=60)
        self.assertEqual(stale.status, 500)

    def test_source_address_is_recorded_not_the_contact(self):
        # A phone behind NAT advertises a private Contact; requests must go
        # to where its packets really come from.
        c = self.client()
        _, final = c.register("100", "pw-100-secret", contact="sip:100@10.99.99.99:5060", expires=60)
        self.assertEqual(final.status, 200)
        self.server.wait_log(r"registration 100 <sip:100@10\.99\.99\.99:5060> from UDP 127\.0\.0\.1:%d"
                             % c.local_port)
        self.assertIn("received=127.0.0.1", final.get("Via"))
        self.assertIn("rport=%d" % c.local_port, final.get("Via"))

    def test_tls_is_1_2_or_newer_and_serves_the_logged_certificate(self):
        c = self.client("tls")
        self.assertIn(c.tls_version, ("TLSv1.2", "TLSv1.3"))
        import hashlib
        fp = hashlib.sha256(c.peer_cert_der).hexdigest().upper()
        logged = self.server.wait_log(r"TLS certificate .* SHA-256 ([0-9A-F:]+)").group(1)
        self.assertEqual(logged.replace(":", ""), fp)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        ctx.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
        ctx.maximum_version = ssl.TLSVersion.TLSv1_1
        try:
            ctx.set_ciphers("ALL:@SECLEVEL=0")
        except ssl.SSLError:
            pass
        with socket.create_connection(("127.0.0.1", self.server.tls_port), timeout=3) as raw:
            with self.assertRaises((ssl.SSLError, ConnectionResetError, OSError)):
                with ctx.wrap_socket(raw) as tls:
                    tls.recv(1)

    def test_qualify_marks_silent_contacts_unreachable(self):
        # 102 is qualified every second; the probe waits 5 s for an answer.
        answering = self.client()
        silent = self.client()
        for c in (answering, silent):
            _, final = c.register("102", "pw-102-secret", expires=120)
            self.assertEqual(final.status, 200)
        stop = threading.Event()

        def answer_options():
            answering.sock.settimeout(0.2)
            while not stop.is_set():
                try:
                    data, addr = answering.sock.recvfrom(65535)
                except socket.timeout:
                    continue
                text = data.decode(errors="replace")
                if not text.startswith("OPTIONS "):
                    continue
                head = text.split("\r\n\r\n")[0].split("\r\n")
                keep = [h for h in head[1:] if h.split(":")[0].lower() in ("via", "from", "to", "call-id", "cseq")]
                reply = "SIP/2.0 200 OK\r\n" + "\r\n".join(keep) + "\r\nContent-Length: 0\r\n\r\n"
                answering.sock.sendto(reply.encode(), addr)

        t = threading.Thread(target=answer_options, daemon=True)
        t.start()
        try:
            self.server.wait_log(r"registration 102 <%s> .*: unreachable" % re.escape(silent.contact("102")),
                                 timeout_s=15)
            time.sleep(1.5)
            self.assertNotRegex(self.server.log_text(),
                                r"registration 102 <%s> .*: unreachable" % re.escape(answering.contact("102")))
        finally:
            stop.set()
            t.join()
            for c in (answering, silent):
                c.sock.settimeout(3)
                c.register("102", "pw-102-secret", expires=0)


class RestartKeepsBindings(unittest.TestCase):
    def test_restart(self):
        server = SwitchboardServer(SERVER, config_json=CONFIG)
        try:
            server.start()
            c = SipClient("127.0.0.1", server.port, "udp")
            _, final = c.register("100", "pw-100-secret", expires=300)
            self.assertEqual(final.status, 200)
            short = SipClient("127.0.0.1", server.port, "udp")
            _, final = short.register("100", "pw-100-secret", expires=2)
            self.assertEqual(final.status, 200)
            time.sleep(0.5)  # bindings are written behind, in batches
            self.assertEqual(server.stop(), 0)
            time.sleep(2.0)  # the short binding expires while the server is down
            server.start()
            q = SipClient("127.0.0.1", server.port, "udp")
            _, final = q.register("100", "pw-100-secret", contacts=[], expires=None)
            bound = contacts_of(final)
            self.assertIn(c.contact("100"), bound)
            self.assertGreater(bound[c.contact("100")], 250)
            self.assertNotIn(short.contact("100"), bound, "an expired binding came back after a restart")
            server.stop()
        except Exception:
            server.dump_log()
            raise
        finally:
            if server.proc and server.proc.poll() is None:
                server.proc.kill()
            server._tmp.cleanup()


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
