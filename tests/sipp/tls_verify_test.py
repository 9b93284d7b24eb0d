#!/usr/bin/env python3
"""Switchboard checks the certificate of carriers it reaches over TLS.

The carrier is a small Python TLS server on loopback (SIPp's TLS cannot be
given a chosen certificate per run): it answers REGISTER with 200 OK and
records what reached it. The certificates come from a throwaway CA made with
the openssl command at test time: one for DNS:wrong.example, one for
IP:127.0.0.1, and a self-signed one for IP:127.0.0.1."""
import os
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest

from switchboard_harness import SippRun, free_port, start_server

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
CALLS = os.path.join(HERE, "scenarios", "calls")
TRUNKS = os.path.join(HERE, "scenarios", "trunks")
CERTS = None  # tempfile.TemporaryDirectory with the CA and the carrier certificates


def openssl(*args):
    subprocess.run(["openssl", *args], cwd=CERTS.name, check=True, capture_output=True, timeout=30)


EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]


def make_certificates():
    openssl("req", "-x509", *EC, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=Switchboard test carrier CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    for name, san in (("wrong", "DNS:wrong.example"), ("good", "IP:127.0.0.1")):
        openssl("req", *EC, "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=%s carrier" % name)
        with open(os.path.join(CERTS.name, name + ".ext"), "w") as f:
            f.write("subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n" % san)
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext")
    openssl("req", "-x509", *EC, "-keyout", "self.key", "-out", "self.pem", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1")


def cert(name):
    return os.path.join(CERTS.name, name + ".pem"), os.path.join(CERTS.name, name + ".key")


class TlsCarrier:
    """A carrier's registrar over TLS: 200 OK to REGISTER, nothing else answered."""

    def __init__(self, name, host="127.0.0.1"):
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(*cert(name))
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.requests = []          # request lines that arrived
        self.handshake_errors = []  # why handshakes failed, as the carrier saw it
        self.handshakes = 0
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._serve, daemon=True)]
        self._threads[0].start()

    def stop(self):
        self._stop.set()
        for t in list(self._threads):
            t.join(3)
        self.sock.close()

    def wait(self, predicate, timeout_s=10.0):
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.05)
        return predicate()

    def _serve(self):
        while not self._stop.is_set():
            try:
                raw, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            t = threading.Thread(target=self._connection, args=(raw,), daemon=True)
            self._threads.append(t)
            t.start()

    def _connection(self, raw):
        raw.settimeout(5)
        try:
            tls = self.ctx.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError) as e:
            self.handshake_errors.append(str(e))
            raw.close()
            return
        self.handshakes += 1
        tls.settimeout(0.2)
        buf = b""
        with tls:
            while not self._stop.is_set():
                try:
                    data = tls.recv(65536)
                except socket.timeout:
                    continue
                except (ssl.SSLError, OSError):
                    return
                if not data:
                    return
                buf += data
                while True:
                    buf = buf.lstrip(b"\r\n")  # keep-alives
                    end = buf.find(b"\r\n\r\n")
                    if end < 0:
                        break
                    head = buf[:end].decode("utf-8", "replace")
                    m = re.search(r"(?im)^(?:content-length|l)\s*:\s*(\d+)", head)
                    total = end + 4 + (int(m.group(1)) if m else 0)
                    if len(buf) < total:
                        break
                    buf = buf[total:]
                    self._handle(tls, head)

    def _handle(self, tls, head):
        lines = head.split("\r\n")
        if lines[0].startswith("SIP/2.0"):
            return
        self.requests.append(lines[0])
        if not lines[0].startswith("REGISTER "):
            return
        out = ["SIP/2.0 200 OK"]
        for line in lines[1:]:
            name = line.split(":", 1)[0].strip().lower()
            if name in ("via", "v", "from", "f", "call-id", "i", "cseq", "contact", "m"):
                out.append(line)
            elif name in ("to", "t"):
                out.append(line if ";tag=" in line else line + ";tag=carrier")
        out += ["Content-Length: 0", "", ""]
        tls.sendall("\r\n".join(out).encode())


def line_config(port, ca_file=None, verify=None):
    line = {"name": "carrier", "domain": "carrier.example", "account": "+8612345678", "password": "line-secret",
            "proxy": "127.0.0.1:%d" % port, "transport": "tls", "register": True, "expires": 600,
            "incoming_extension": "100"}
    if verify is not None:
        line["tls_verify"] = verify
    settings = {"domain": "127.0.0.1"}
    if ca_file:
        settings["tls_ca_file"] = ca_file
    return {"version": 1, "settings": settings,
            "extensions": [{"number": "100", "password": "pw-100-secret", "name": "Reception"}],
            "lines": [line]}


class TlsVerify(unittest.TestCase):
    def start(self, config):
        return start_server(self, SERVER, config)

    def carrier(self, name, host="127.0.0.1"):
        carrier = TlsCarrier(name, host)
        self.addCleanup(carrier.stop)
        return carrier

    def assert_refused(self, carrier, server, reason_pattern):
        m = server.wait_log(r"line carrier: (TLS certificate rejected: .*)")
        self.assertRegex(m.group(1), reason_pattern)
        server.wait_log(r"TLS connection to 127\.0\.0\.1:%d for line \"carrier\" refused: TLS certificate "
                        r"rejected: " % carrier.port + reason_pattern)
        self.assertTrue(carrier.wait(lambda: carrier.handshake_errors), "no refused handshake at the carrier")
        self.assertEqual(carrier.requests, [], "a request reached the carrier over a refused connection")
        # The explainer names the certificate, not a carrier that does not answer.
        why = server.wait_log(r"line carrier: why: (.*)").group(1)
        self.assertEqual(re.findall(r"\[([a-z0-9-]+)\] ", why), ["tls-certificate"], why)
        self.assertEqual(carrier.handshakes, 0)

    def test_wrong_host_name_is_refused_before_anything_is_sent(self):
        carrier = self.carrier("wrong")
        server = self.start(line_config(carrier.port, ca_file=cert("ca")[0]))
        self.assert_refused(carrier, server, r"it is for wrong\.example, not 127\.0\.0\.1$")

    def test_self_signed_certificate_is_not_trusted(self):
        carrier = self.carrier("self")
        server = self.start(line_config(carrier.port))  # the system's trust store
        self.assert_refused(carrier, server,
                            r"it is not issued by a trusted authority \(self[- ]signed certificate\)$")

    def test_certificate_of_an_authority_outside_the_trust_store(self):
        carrier = self.carrier("good")
        server = self.start(line_config(carrier.port))  # ca.pem is not in the system's store
        self.assert_refused(carrier, server, r"it is not issued by a trusted authority \(unable to get local "
                                             r"issuer certificate\)$")

    def test_matching_certificate_from_the_ca_file_registers(self):
        carrier = self.carrier("good")
        server = self.start(line_config(carrier.port, ca_file=cert("ca")[0]))
        server.wait_log(r"line carrier: Registered")
        self.assertTrue(any(r.startswith("REGISTER sip:carrier.example ") for r in carrier.requests), carrier.requests)
        self.assertEqual(carrier.handshake_errors, [])
        self.assertNotRegex(server.log_text(), r"TLS certificate rejected")

    def test_tls_verify_off_connects_to_any_certificate(self):
        carrier = self.carrier("wrong")
        server = self.start(line_config(carrier.port, verify=False))
        server.wait_log(r"line carrier: Registered")
        self.assertTrue(carrier.requests)
        self.assertNotRegex(server.log_text(), r"TLS certificate rejected")

    def test_trunk_with_a_wrong_certificate_fails_over_and_the_log_says_why(self):
        carrier = self.carrier("wrong", "127.0.0.8")
        backup_port = free_port("127.0.0.5")
        backup = SippRun(os.path.join(TRUNKS, "trunk_answers.xml"), "127.0.0.1", 5060, local_ip="127.0.0.5",
                         local_port=backup_port, keys={"mport": free_port("127.0.0.5")})
        server = self.start({
            "version": 1, "settings": {"domain": "127.0.0.1", "tls_ca_file": cert("ca")[0]},
            "extensions": [{"number": "100", "password": "pw-100-secret", "name": "Reception"}],
            "trunks": [{"name": "secure", "host": "127.0.0.8", "port": carrier.port, "transport": "tls"},
                       {"name": "backup", "host": "127.0.0.5", "port": backup_port, "transport": "udp",
                        "allowed_addresses": ["127.0.0.5"]}],
            "routes": [{"pattern": "9.", "strip": 1, "target": "secure", "failover": "backup"}]})
        caller = SippRun(os.path.join(CALLS, "caller.xml"), "127.0.0.1", server.port,
                         keys={"ext": "100", "callee": "90201234567", "mport": free_port()},
                         extra=["-au", "100", "-ap", "pw-100-secret"])
        code, out, _ = caller.wait()
        self.assertEqual(code, 0, out)
        code, out, messages = backup.wait()
        self.assertEqual(code, 0, out)
        self.assertRegex(messages, r"(?m)^INVITE sip:0201234567@127\.0\.0\.5:%d " % backup_port)
        server.wait_log(r"TLS connection to 127\.0\.0\.8:%d for trunk \"secure\" refused: TLS certificate "
                        r"rejected: it is for wrong\.example, not 127\.0\.0\.8" % carrier.port)
        server.wait_log(r"failing over to backup")
        why = server.wait_log(r"call \d+: why: (.*)").group(1)
        self.assertEqual(re.findall(r"\[([a-z0-9-]+)\] ", why), ["tls-certificate"], why)
        self.assertIn('trunk "secure"', why)
        self.assertTrue(carrier.handshake_errors)
        self.assertEqual(carrier.requests, [])


def setUpModule():
    global CERTS
    CERTS = tempfile.TemporaryDirectory(prefix="sb-tls-certs-")
    make_certificates()


def tearDownModule():
    CERTS.cleanup()


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
