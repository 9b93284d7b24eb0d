#!/usr/bin/env python3
"""Services that end in Switchboard's media engine: the echo test (*43) and
conference rooms (*88 + room). The phones are tests/sipp/sip_client.py with
real RTP sockets whose received audio is decoded and measured (Goertzel), and
SIPp playing sip-tester's RFC 4733 captures."""
import math
import os
import random
import re
import socket
import struct
import sys
import time
import unittest

from sip_client import OutgoingCall, SipClient, sdp_endpoint
from switchboard_harness import SwitchboardServer, run_sipp

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "configs", "calls.json")
DTMF_CALLER = os.path.join(HERE, "scenarios", "services", "caller_dtmf.xml")
PCAP_DIR = "/usr/share/sip-tester"


def ulaw_encode(sample):
    """ITU-T G.711 µ-law of one 16-bit sample."""
    sign = 0x80 if sample < 0 else 0
    magnitude = min(abs(sample), 32635) + 132
    exponent = 7
    for e in range(7, -1, -1):
        if magnitude & (0x80 << e):
            exponent = e
            break
    mantissa = (magnitude >> (exponent + 3)) & 0x0F
    return ~(sign | (exponent << 4) | mantissa) & 0xFF


def ulaw_decode(byte):
    byte = ~byte & 0xFF
    magnitude = (((byte & 0x0F) << 3) + 132) << ((byte >> 4) & 0x07)
    return (132 - magnitude) if byte & 0x80 else (magnitude - 132)


def tone(freqs, samples, amplitude=6000, start=0):
    return [int(sum(amplitude * math.sin(2 * math.pi * f * (i + start) / 8000) for f in freqs))
            for i in range(samples)]


def power(samples, freq):
    """Goertzel power of @freq in 8 kHz @samples, normalised by length."""
    k = 2 * math.cos(2 * math.pi * freq / 8000)
    q1 = q2 = 0.0
    for s in samples:
        q1, q2 = k * q1 - q2 + s, q1
    return (q1 * q1 + q2 * q2 - k * q1 * q2) / max(1, len(samples)) ** 2


class Phone:
    """A phone's RTP socket that keeps every packet it receives."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.005)
        self.port = self.sock.getsockname()[1]
        self.packets = []  # (payload type, marker, timestamp, payload)
        self.seq = random.randrange(65536)
        self.ts = random.randrange(1 << 32)

    def sdp(self, telephone_event=True):
        formats = "0 101" if telephone_event else "0"
        te = "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n" if telephone_event else ""
        return ("v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                f"m=audio {self.port} RTP/AVP {formats}\r\na=rtpmap:0 PCMU/8000\r\n{te}a=sendrecv\r\n")

    def _send(self, to, pt, payload, marker=False, ts=None):
        header = struct.pack("!BBHII", 0x80, (0x80 if marker else 0) | pt, self.seq & 0xFFFF,
                             (self.ts if ts is None else ts) & 0xFFFFFFFF, 0x5EED)
        self.sock.sendto(header + payload, to)
        self.seq += 1

    def drain(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                data, _ = self.sock.recvfrom(2048)
            except socket.timeout:
                continue
            if len(data) >= 12 and data[0] >> 6 == 2:
                self.packets.append((data[1] & 0x7F, bool(data[1] & 0x80),
                                     struct.unpack("!I", data[4:8])[0], data[12:]))

    def talk(self, to, samples):
        """Send @samples as 20 ms PCMU packets, paced, reading what comes back meanwhile."""
        start = time.monotonic()
        for n in range(len(samples) // 160):
            self._send(to, 0, bytes(ulaw_encode(s) for s in samples[n * 160:(n + 1) * 160]))
            self.ts += 160
            self.drain(max(0.0, start + (n + 1) * 0.02 - time.monotonic()))

    def press(self, to, event):
        """One RFC 4733 key press: start (marker), two updates, three end packets."""
        ts = self.ts
        for i, end in enumerate([False, False, False, True, True, True]):
            self._send(to, 101, struct.pack("!BBH", event, (0x80 if end else 0) | 10, 160 * (i + 1)),
                       marker=i == 0, ts=ts)
            self.drain(0.02)
        self.ts += 960

    def audio(self):
        return [ulaw_decode(b) for pt, _, _, p in self.packets if pt == 0 for b in p]

    def events(self):
        """Key presses received as RFC 4733 (one per marker bit)."""
        return [p[0] for pt, marker, _, p in self.packets if pt == 101 and marker]

    def close(self):
        self.sock.close()


class Services(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SwitchboardServer(SERVER, config_json=CONFIG).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server._tmp.cleanup()

    def call(self, number, user="100", telephone_event=True):
        """An answered call to @number: (phone, call, where the service's RTP comes from)."""
        phone = Phone()
        self.addCleanup(phone.close)
        client = SipClient("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        call = OutgoingCall(client, user, "pw-%s-secret" % user, number, phone.sdp(telephone_event)).start()
        r = call.next_response()
        while r.status < 200:
            r = call.next_response()
        self.assertEqual(r.status, 200, r.raw)
        self.assertIn("m=audio", r.body)
        service = sdp_endpoint(r.body)
        if not number.startswith("*43"):  # the echo test only answers what it gets
            phone.drain(0.3)
            self.assertTrue(phone.packets, "the service sent no RTP after answering")
        return phone, call, service

    def info(self, call, body):
        c = call.c
        c.cseq += 1
        lines = [f"INFO {call.remote_target} SIP/2.0",
                 f"Via: SIP/2.0/UDP {c.local_ip}:{c.local_port};branch=z9hG4bK{random.getrandbits(64):x};rport",
                 "Max-Forwards: 70", f"From: <sip:{call.caller}@{c.server[0]}>;tag={c.tag}",
                 f"To: {call.to_header}", f"Call-ID: {c.call_id}", f"CSeq: {c.cseq} INFO",
                 "Content-Type: application/dtmf-relay", f"Content-Length: {len(body)}", "", body]
        c.send_raw("\r\n".join(lines))
        return call._next(5)

    def test_echo_test_returns_the_callers_audio(self):
        phone, call, service = self.call("*43")
        phone.packets.clear()
        phone.talk(service, tone([1000], 8000))
        phone.drain(0.2)
        audio = phone.audio()
        self.assertGreaterEqual(len(audio), 45 * 160, "most of one second should come back")
        self.assertGreater(power(audio, 1000), 100 * power(audio, 400))
        self.assertEqual(call.bye().status, 200)

    def test_echo_test_gives_back_rfc4733_and_info_keys_as_rfc4733(self):
        phone, call, service = self.call("*43")
        phone.packets.clear()
        phone.press(service, 5)
        phone.press(service, 11)
        self.assertEqual(self.info(call, "Signal=3\r\nDuration=160\r\n").status, 200)
        phone.drain(1.0)
        self.assertEqual(phone.events(), [5, 11, 3])
        self.server.wait_log(r"DTMF 5 \(RFC 4733\)")
        self.server.wait_log(r"DTMF 3 \(SIP INFO\)")
        self.assertEqual(call.bye().status, 200)

    def test_inband_keys_are_detected_when_no_telephone_event_was_agreed(self):
        phone, call, service = self.call("*43", telephone_event=False)
        audio = tone([770, 1336], 960) + [0] * 1600  # '5', 120 ms
        phone.talk(service, audio)
        phone.drain(0.3)
        self.server.wait_log(r"DTMF 5 \(in-band\)")
        self.assertFalse(phone.events(), "no telephone-event was agreed, so none may be sent")
        self.assertEqual(call.bye().status, 200)

    def test_sipp_pressing_keys_from_its_rfc4733_capture(self):
        for digit, name in [("1", "1"), ("#", "pound")]:
            code, out = run_sipp(DTMF_CALLER, "127.0.0.1", self.server.port,
                                 keys={"ext": "100", "callee": "*43",
                                       "pcap": os.path.join(PCAP_DIR, f"dtmf_2833_{name}.pcap")},
                                 extra=["-au", "100", "-ap", "pw-100-secret"])
            self.assertEqual(code, 0, out)
            self.server.wait_log(r"DTMF %s \(RFC 4733\)" % re.escape(digit))

    def test_conference_members_hear_each_other_and_not_themselves(self):
        alice, a_call, a_service = self.call("*88100", "100")
        bob, b_call, b_service = self.call("*88100", "101")
        carol, c_call, _ = self.call("*88200", "102")  # another room
        time.sleep(0.2)
        for p in (alice, bob, carol):
            p.packets.clear()
        alice.talk(a_service, tone([500], 12000))
        bob.drain(0.3)
        carol.drain(0.3)
        heard = bob.audio()
        self.assertGreaterEqual(len(heard), 8000)
        self.assertGreater(power(heard, 500), 100 * power(heard, 1300), "Bob must hear Alice")
        own = alice.audio()
        self.assertLess(power(own, 500), power(heard, 500) / 100, "Alice must not hear herself")
        other = carol.audio()
        self.assertLess(power(other, 500), power(heard, 500) / 100, "room 200 must not hear room 100")
        for call in (a_call, b_call, c_call):
            self.assertEqual(call.bye().status, 200)

    def test_service_calls_are_recorded_and_need_g711(self):
        phone, call, _ = self.call("*43")
        self.assertEqual(call.bye().status, 200)
        client = SipClient("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        amr = ("v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
               "m=audio 40000 RTP/AVP 96\r\na=rtpmap:96 AMR-WB/16000\r\n")
        refused = OutgoingCall(client, "100", "pw-100-secret", "*43", amr).start().next_response()
        self.assertEqual(refused.status, 488, refused.raw)
        self.server.wait_log(r"no G\.711")


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
