#!/usr/bin/env python3
"""DTMF between the two legs of an ordinary call whose phones send keys
differently (docs/media.md, "DTMF between the legs of a call"): RFC 4733 on
one leg and SIP INFO on the other, each way, and RFC 4733 passed through
untouched when both legs agreed it. The callee is SIPp; what reaches the
callee's media port is read with a plain UDP socket."""
import os
import re
import struct
import sys
import time
import unittest

from services_test import Phone
from sip_client import OutgoingCall, SipClient, sdp_endpoint
from switchboard_harness import SippRun, SwitchboardServer, free_port, run_sipp

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "configs", "call_dtmf.json")
REGISTER = os.path.join(HERE, "scenarios", "register_auth.xml")
CALLEE_TE = os.path.join(HERE, "scenarios", "calls", "callee.xml")
CALLEE_INFO = os.path.join(HERE, "scenarios", "calls", "callee_info_dtmf.xml")
CALLER_PCAP = os.path.join(HERE, "scenarios", "services", "caller_dtmf.xml")
PCAP_DIR = "/usr/share/sip-tester"


class MediaPort(Phone):
    """The callee's media port: keeps whole datagrams to check sequence and SSRC."""

    def __init__(self):
        super().__init__()
        self.raw = []

    def drain(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                data, _ = self.sock.recvfrom(2048)
            except OSError:
                continue
            if len(data) >= 12 and data[0] >> 6 == 2:
                self.raw.append(data)
                self.packets.append((data[1] & 0x7F, bool(data[1] & 0x80),
                                     struct.unpack("!I", data[4:8])[0], data[12:]))


def header(data):
    """(payload type, marker, sequence, timestamp, SSRC) of an RTP datagram."""
    seq, ts, ssrc = struct.unpack("!HII", data[2:12])
    return data[1] & 0x7F, bool(data[1] & 0x80), seq, ts, ssrc


class CallDtmf(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SwitchboardServer(SERVER, config_json=CONFIG).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server._tmp.cleanup()

    def callee(self, ext, scenario, media, keys=None):
        """A phone registered as @ext that answers one call with @scenario, media on @media's port."""
        port = free_port()
        code, out = run_sipp(REGISTER, "127.0.0.1", self.server.port, local_port=port,
                             keys={"ext": ext, "expires": 300}, extra=["-au", ext, "-ap", f"pw-{ext}-secret"])
        self.assertEqual(code, 0, out)
        return SippRun(scenario, "127.0.0.1", self.server.port, local_port=port,
                       keys={"ext": ext, "mport": media.port, **(keys or {})})

    def call(self, number, telephone_event):
        phone = Phone()
        self.addCleanup(phone.close)
        client = SipClient("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        call = OutgoingCall(client, "100", "pw-100-secret", number, phone.sdp(telephone_event)).start()
        r = call.next_response()
        while r.status < 200:
            r = call.next_response()
        self.assertEqual(r.status, 200, r.raw)
        return phone, call, sdp_endpoint(r.body), r

    def info(self, call, body):
        c = call.c
        c.cseq += 1
        lines = [f"INFO {call.remote_target} SIP/2.0",
                 f"Via: SIP/2.0/UDP {c.local_ip}:{c.local_port};branch=z9hG4bKinfo{c.cseq};rport",
                 "Max-Forwards: 70", f"From: <sip:{call.caller}@{c.server[0]}>;tag={c.tag}",
                 f"To: {call.to_header}", f"Call-ID: {c.call_id}", f"CSeq: {c.cseq} INFO",
                 "Content-Type: application/dtmf-relay", f"Content-Length: {len(body)}", "", body]
        c.send_raw("\r\n".join(lines))
        return call._next(5)

    def test_rfc4733_from_the_caller_reaches_an_info_only_callee_as_info(self):
        media = MediaPort()
        self.addCleanup(media.close)
        callee = self.callee("105", CALLEE_INFO, media)
        time.sleep(0.3)  # SIPp is listening
        code, out = run_sipp(CALLER_PCAP, "127.0.0.1", self.server.port,
                             keys={"ext": "100", "callee": "105",
                                   "pcap": os.path.join(PCAP_DIR, "dtmf_2833_1.pcap")},
                             extra=["-au", "100", "-ap", "pw-100-secret"])
        self.assertEqual(code, 0, out)
        code, out, log = callee.wait()
        self.assertEqual(code, 0, out)
        # The capture holds one key, 1, lasting 2240 samples (280 ms).
        self.assertRegex(log, r"INFO sip:[^\n]*\n(?:.+\n)*\n*Signal=1\r?\nDuration=280")
        # RFC 3261 §20.22 allows one Max-Forwards; libre writes it, we must not add another.
        for block in log.split("-" * 47):
            if "received" in block and re.search(r"\n(INVITE|ACK|INFO|BYE) sip:", block):
                self.assertEqual(block.count("Max-Forwards:"), 1, block)
        self.server.wait_log(r"DTMF 1 \(RFC 4733\) from the caller sent on as SIP INFO")
        media.drain(0.1)
        self.assertFalse([p for p in media.packets if p[0] == 101],
                         "telephone-event reached a callee that did not agree it")

    def test_info_from_the_caller_reaches_an_rfc4733_callee_in_the_relayed_stream(self):
        media = MediaPort()
        self.addCleanup(media.close)
        callee = self.callee("106", CALLEE_TE, media)
        time.sleep(0.3)
        phone, call, service, answer = self.call("106", telephone_event=False)
        self.assertNotIn("telephone-event", answer.body, "the caller offered none: the answer may hold none")
        phone.talk(service, [0] * 1600)  # 200 ms of audio before the key
        self.assertEqual(self.info(call, "Signal=5\r\nDuration=100\r\n").status, 200)
        phone.talk(service, [0] * 4800)  # the key goes out in place of these packets
        media.drain(0.3)
        self.assertEqual(call.bye().status, 200)
        code, out, _ = callee.wait()
        self.assertEqual(code, 0, out)

        heads = [header(d) for d in media.raw]
        events = [(h, d[12:16]) for h, d in zip(heads, media.raw) if h[0] == 101]
        # ceil(100 / 20) = 5 updates, then 3 end packets (docs/media.md).
        self.assertEqual(len(events), 8, heads)
        self.assertTrue(events[0][0][1], "marker on the first packet of the event")
        self.assertEqual({h[3] for h, _ in events}, {events[0][0][3]}, "one timestamp for the whole event")
        self.assertEqual([p[0] for _, p in events], [5] * 8)
        self.assertEqual([bool(p[1] & 0x80) for _, p in events], [False] * 5 + [True] * 3)
        self.assertEqual({h[4] for h in heads}, {0x5EED}, "the caller's SSRC throughout")
        seqs = [h[2] for h in heads]
        self.assertEqual(seqs, list(range(seqs[0], seqs[0] + len(seqs))), "no gap in the sequence")
        self.server.wait_log(r"DTMF 5 \(SIP INFO\) from the caller sent on as RFC 4733")

    def test_both_legs_with_telephone_event_pass_it_through_untouched(self):
        media = MediaPort()
        self.addCleanup(media.close)
        callee = self.callee("107", CALLEE_TE, media)
        time.sleep(0.3)
        phone, call, service, answer = self.call("107", telephone_event=True)
        self.assertIn("telephone-event", answer.body)
        phone.talk(service, [0] * 800)
        phone.press(service, 7)
        media.drain(0.3)
        self.assertEqual(call.bye().status, 200)
        code, out, _ = callee.wait()
        self.assertEqual(code, 0, out)
        events = [d for d in media.raw if d[1] & 0x7F == 101]
        self.assertEqual(len(events), 6)
        self.assertEqual([d[12] for d in events], [7] * 6)
        self.assertEqual([bool(d[13] & 0x80) for d in events], [False] * 3 + [True] * 3)
        self.assertEqual([struct.unpack("!H", d[14:16])[0] for d in events], [160, 320, 480, 640, 800, 960])
        self.assertFalse(re.search(r"DTMF 7 .* sent on as", self.server.log_text()))


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
