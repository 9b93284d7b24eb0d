#!/usr/bin/env python3
"""Malformed input: messages with control characters in headers (found by
fuzz_sip_message: a bare CR kept inside a value would be copied into our own
requests) are refused with 400 and change nothing."""
import glob
import os
import re
import socket
import sys
import unittest

from switchboard_harness import SwitchboardServer

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
CRASHES = os.path.join(HERE, "..", "fuzz", "crashes", "sip_message")
CONFIG = os.path.join(HERE, "configs", "basic.json")


class ControlCharacters(unittest.TestCase):
    def test_bare_cr_in_headers_gets_400(self):
        files = sorted(glob.glob(os.path.join(CRASHES, "bare_cr_in_*.sip")))
        self.assertTrue(files, "the fuzzing finds are missing")
        with SwitchboardServer(SERVER, config_json=CONFIG) as server:
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.bind(("127.0.0.1", 0))
            sock.settimeout(2)
            port = sock.getsockname()[1]
            for path in files:
                with open(path, "rb") as f:
                    data = f.read()
                # Replies must come back here, never to the documentation address in the file.
                data = re.sub(rb"Via: SIP/2\.0/UDP [^;\r\n]+", b"Via: SIP/2.0/UDP 127.0.0.1:%d" % port, data)
                sock.sendto(data, ("127.0.0.1", server.port))
                reply, _ = sock.recvfrom(65535)
                status = reply.split(b"\r\n", 1)[0]
                self.assertTrue(status.startswith(b"SIP/2.0 400 "), "%s: %r" % (os.path.basename(path), status))
                self.assertNotIn(b"X-Injected", reply.split(b"\r\n\r\n")[0].replace(b"X-Injected: yes", b""),
                                 os.path.basename(path))
            # Still serving, and the REGISTER with the poisoned contact bound nothing.
            sock.sendto(b"OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bKok\r\n"
                        b"From: <sip:t@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: ok-1\r\n"
                        b"CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n" % port, ("127.0.0.1", server.port))
            self.assertTrue(sock.recvfrom(65535)[0].startswith(b"SIP/2.0 200 "))
            self.assertNotRegex(server.log_text(), r"registration \d+ .*X-Injected")
            sock.close()


class FoldingAndQuotedPairsStayValid(unittest.TestCase):
    """The control-character check must not refuse what RFC 4475 calls valid:
    line folding (wsinv, semiuri) and quoted-pairs of control bytes (intmeth)."""

    def test_rfc4475_valid_messages_are_not_refused(self):
        # The RFC 4475 messages, as committed with the fuzzing seed corpus.
        corpus = os.path.join(HERE, "..", "fuzz", "corpus", "sip_message")
        with SwitchboardServer(SERVER, config_json=CONFIG) as server:
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.bind(("127.0.0.1", 0))
            sock.settimeout(2)
            port = sock.getsockname()[1]
            for name in ("wsinv", "semiuri", "intmeth"):
                with open(os.path.join(corpus, "rfc4475_" + name + ".sip"), "rb") as f:
                    data = f.read()
                # The top Via decides where the answer goes: make it ours (loopback only).
                data = re.sub(rb"(?i)^(v|via)[ \t]*:[^\r\n]*(\r\n[ \t][^\r\n]*)*",
                              b"Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK%s" % (port, name.encode()),
                              data, count=1, flags=re.M)
                sock.sendto(data, ("127.0.0.1", server.port))
                reply, _ = sock.recvfrom(65535)
                status = reply.split(b"\r\n", 1)[0]
                self.assertFalse(status.startswith(b"SIP/2.0 400 "), "%s: %r" % (name, status))
            sock.close()


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
