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
import sqlite3
import struct
import sys
import time
import unittest

from sip_client import OutgoingCall, SipClient, sdp_endpoint
from switchboard_harness import SippRun, SwitchboardServer, free_port, run_sipp, start_server

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "configs", "services.json")
REGISTER = os.path.join(HERE, "scenarios", "register_auth.xml")
BUSY_CALLEE = os.path.join(HERE, "scenarios", "calls", "callee_busy.xml")
PHONE_MWI = os.path.join(HERE, "scenarios", "services", "phone_mwi.xml")
HOLDING_CALLEE = os.path.join(HERE, "scenarios", "calls", "callee_holds.xml")
DTMF_CALLER = os.path.join(HERE, "scenarios", "services", "caller_dtmf.xml")
MWI_SUBSCRIBE = os.path.join(HERE, "scenarios", "services", "mwi_subscribe.xml")
MWI_EXPIRES = os.path.join(HERE, "scenarios", "services", "mwi_subscribe_expires.xml")
MWI_BAD_EVENT = os.path.join(HERE, "scenarios", "services", "mwi_bad_event.xml")
MWI_NOT_OWN = os.path.join(HERE, "scenarios", "services", "mwi_not_own.xml")
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


def pure(samples, freq):
    """Whether @samples are a tone of @freq (speech spreads over every band; a tone does not)."""
    others = [f for f in (300, 450, 550, 650, 750, 850, 1000, 1200, 1500) if abs(f - freq) > 40]
    return power(samples, freq) > 30 * max(power(samples, f) for f in others)


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

    def wait_for_beep(self, timeout_s=20, until_end=False):
        """Listen until the 0.3 s 1 kHz beep has played (and, with @until_end,
        ended); False on timeout. A pure tone, not a moment of a prompt: a
        spoken greeting has 1 kHz-heavy stretches that fooled a check of
        1 kHz against one other frequency."""
        def beep(tail):
            energy = sum(x * x for x in tail) / max(1, len(tail))
            return len(tail) > 0 and energy > 0 and power(tail, 1000) > 0.35 * energy

        heard, deadline = False, time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            self.drain(0.05)
            audio = self.audio()
            if heard and not beep(audio[-800:]):
                return True
            heard = heard or (len(audio) >= 2000 and beep(audio[-2000:]))
            if heard and not until_end:
                return True
        return False

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
        time.sleep(0.8)  # past the beep each member hears on joining
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


    # --- music on hold ---------------------------------------------------

    def answer_reinvite(self, call, phone, direction):
        """Wait for a re-INVITE from Switchboard and answer it with @phone's SDP in @direction."""
        c = call.c
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                data, addr = c.sock.recvfrom(65535)
            except socket.timeout:
                continue
            text = data.decode(errors="replace")
            if not text.startswith("INVITE "):
                continue
            head = text.split("\r\n\r\n")[0].split("\r\n")
            keep = [h for h in head[1:] if h.split(":")[0].strip().lower() in ("via", "from", "to", "call-id", "cseq")]
            body = phone.sdp().replace("a=sendrecv", "a=" + direction)
            reply = ("SIP/2.0 200 OK\r\n" + "\r\n".join(keep) + f"\r\nContact: <{c.contact(call.caller)}>\r\n"
                     f"Content-Type: application/sdp\r\nContent-Length: {len(body)}\r\n\r\n{body}")
            c.sock.sendto(reply.encode(), addr)
            return text
        self.fail("no re-INVITE reached the caller")

    def test_a_caller_put_on_hold_hears_music(self):
        port = free_port()
        code, out = run_sipp(REGISTER, "127.0.0.1", self.server.port, local_port=port,
                             keys={"ext": "102", "expires": 300}, extra=["-au", "102", "-ap", "pw-102-secret"])
        self.assertEqual(code, 0, out)
        callee = SippRun(HOLDING_CALLEE, "127.0.0.1", self.server.port, local_port=port,
                         keys={"ext": "102", "mport": free_port()})
        time.sleep(0.3)
        phone, call, _ = self.call("102")
        offer = self.answer_reinvite(call, phone, "recvonly")
        self.assertIn("a=sendonly", offer)
        phone.packets.clear()
        phone.drain(2.0)
        music = phone.audio()
        self.assertGreaterEqual(len(music), 80 * 160, "about 100 packets of music in 2 s")
        self.assertGreater(sum(abs(s) for s in music) / len(music), 200, "what the held caller hears is silent")
        self.assertEqual(call.bye().status, 200)
        code, out, _ = callee.wait()
        self.assertEqual(code, 0, out)

    # --- voicemail -------------------------------------------------------

    def messages(self, mailbox, count=None, wait=True):
        """The voicemail index as the database holds it (written behind the SIP thread):
        once it holds @count rows (any, when None), or after 5 s."""
        deadline = time.monotonic() + 5
        while True:
            with sqlite3.connect(self.server.db) as db:
                rows = db.execute("SELECT id, caller, duration_ms, file, heard FROM voicemail_messages"
                                  " WHERE mailbox = ? ORDER BY id", (mailbox,)).fetchall()
            done = len(rows) == count if count is not None else bool(rows)
            if not wait or done or time.monotonic() > deadline:
                return rows
            time.sleep(0.1)

    def leave_message(self, mailbox, caller="100", freq=600, seconds=2.0, answered=None):
        """Call @mailbox's extension (nobody answers), wait for the beep, speak a tone, hang up."""
        phone, call, service = self.call(mailbox, caller)
        if answered:
            answered()
        self.assertTrue(phone.wait_for_beep(), "no beep after the greeting")
        greeting = phone.audio()
        phone.talk(service, tone([freq], int(8000 * seconds)))
        phone.drain(0.3)  # the last packets reach the recording before the BYE
        self.assertEqual(call.bye().status, 200)
        return greeting

    def test_an_unregistered_extension_takes_a_message_saved_as_wav_and_indexed(self):
        before = len(self.messages("103", wait=False))
        greeting = self.leave_message("103", freq=600)
        self.assertGreater(sum(abs(s) for s in greeting) / len(greeting), 100, "the greeting was silent")
        self.server.wait_log(r"voicemail for 103 from 100, [12] s")
        rows = self.messages("103", count=before + 1)
        self.assertEqual(len(rows), before + 1, rows)
        _, caller, duration_ms, file, heard = rows[-1]
        self.assertEqual((caller, heard), ("100", 0))
        # 2 s were said; the start races the beep's end and a loaded machine
        # delays packets, so only the order of magnitude is checked here.
        self.assertTrue(1000 <= duration_ms <= 2600, duration_ms)
        path = os.path.join(self.server.workdir, "voicemail", file)
        with open(path, "rb") as f:
            data = f.read()
        self.assertEqual(data[:4], b"RIFF")
        pcm = struct.unpack("<%dh" % ((len(data) - 44) // 2), data[44:44 + (len(data) - 44) // 2 * 2])
        self.assertGreater(power(pcm, 600), 100 * power(pcm, 1000), "the message is not what was said")

    def test_hanging_up_at_the_beep_keeps_no_message_and_no_file(self):
        folder = os.path.join(self.server.workdir, "voicemail", "103")
        listing = lambda: sorted(os.listdir(folder)) if os.path.isdir(folder) else []
        rows_before, files_before = self.messages("103", wait=False), listing()
        phone, call, _ = self.call("103")
        # Hang up as soon as the beep has ended: the recording has started
        # (it starts when the beep's last packet is sent) and is far under 0.5 s.
        self.assertTrue(phone.wait_for_beep(until_end=True), "no beep after the greeting")
        self.assertEqual(call.bye().status, 200)
        self.server.wait_log(r"voicemail for 103 from 100: hung up at the beep \(\d+ ms\), no message kept")
        deadline = time.monotonic() + 5  # the file goes on the store's writer thread
        while listing() != files_before and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertEqual(listing(), files_before)
        self.assertEqual(self.messages("103", wait=False), rows_before)

    def test_a_busy_extension_with_voicemail_takes_a_message_and_lights_the_lamp(self):
        port = free_port()
        code, out = run_sipp(REGISTER, "127.0.0.1", self.server.port, local_port=port,
                             keys={"ext": "101", "expires": 300}, extra=["-au", "101", "-ap", "pw-101-secret"])
        self.assertEqual(code, 0, out)
        busy = SippRun(BUSY_CALLEE, "127.0.0.1", self.server.port, local_port=port, keys={"ext": "101"})
        time.sleep(0.3)
        lamp = []

        def phone_waits_for_the_lamp():
            # The busy phone has answered 486; the same phone now expects the NOTIFY.
            code, out, _ = busy.wait()
            self.assertEqual(code, 0, out)
            lamp.append(SippRun(PHONE_MWI, "127.0.0.1", self.server.port, local_port=port, keys={"ext": "101"}))

        self.leave_message("101", freq=500, seconds=1.5, answered=phone_waits_for_the_lamp)
        self.server.wait_log(r"voicemail for 101 from 100")
        self.assertTrue(self.messages("101"))
        code, out, _ = lamp[0].wait()
        self.assertEqual(code, 0, out)
        unsolicited = [m for m in self.server.sent_messages()
                       if "\nNOTIFY " in m and "Message-Account: sip:101@" in m]
        self.assertTrue(unsolicited)
        for m in unsolicited:
            self.assertEqual(m.count("\nMax-Forwards:"), 1, m)

    def test_the_owner_listens_after_the_pin_and_deletes(self):
        before = len(self.messages("103", wait=False))
        self.leave_message("103", freq=700, seconds=2.0)
        rows = self.messages("103", count=before + 1)
        phone, call, service = self.call("*97", "103")
        phone.drain(1.0)
        for key in (2, 4, 6, 9):  # wrong PIN first
            phone.press(service, key)
        phone.press(service, 11)
        self.server.wait_log(r"wrong voicemail PIN for mailbox 103")
        phone.drain(0.5)
        for key in (2, 4, 6, 8, 11):
            phone.press(service, key)
        # The count, then the messages oldest first: skip (9) the earlier
        # ones (600 Hz) until the one just left (700 Hz) plays.
        found = False
        deadline = time.monotonic() + 40
        while not found and time.monotonic() < deadline:
            phone.drain(0.25)
            tail = phone.audio()[-4000:]
            if len(tail) < 4000:
                continue
            if pure(tail, 700):
                found = True
            elif pure(tail, 600):
                phone.press(service, 9)
                phone.packets.clear()
        self.assertTrue(found, "the recorded message was not played back")
        phone.press(service, 7)  # delete
        self.server.wait_log(r"deleted by its owner")
        left = self.messages("103", count=len(rows) - 1)
        self.assertEqual(len(left), len(rows) - 1)
        gone = [r for r in rows if r not in left][0]
        self.assertFalse(os.path.exists(os.path.join(self.server.workdir, "voicemail", gone[3])))
        self.assertEqual(call.bye().status, 200)

    def test_a_corrupt_greeting_is_reported_and_the_caller_still_leaves_a_message(self):
        # A server of its own: the greeting path must exist before the import.
        folder = self.server.workdir
        corrupt = os.path.join(folder, "corrupt-greeting.wav")
        with open(corrupt, "wb") as f:
            f.write(b"RIFF\x10\x00\x00\x00WAVEfmt garbage, not a WAV file" * 3)
        self.server = start_server(self, SERVER, {
            "version": 1, "settings": {"domain": "127.0.0.1"},
            "extensions": [
                {"number": "100", "password": "pw-100-secret", "name": "Caller"},
                {"number": "104", "password": "pw-104-secret", "name": "Bad greeting", "voicemail": True,
                 "voicemail_greeting": corrupt}]})
        greeting = self.leave_message("104", freq=600, seconds=1.5)
        self.server.wait_log(r"greeting of mailbox 104: .+; the standard greeting is played")
        self.assertGreater(sum(abs(s) for s in greeting) / len(greeting), 100, "no greeting at all was played")
        self.server.wait_log(r"voicemail for 104 from 100, [01] s")
        self.assertEqual(len(self.messages("104", count=1)), 1)

    # --- subscribed MWI (RFC 6665 + RFC 3842) -------------------------------

    def test_a_subscribed_phone_is_notified_refreshes_and_unsubscribes_without_duplicates(self):
        # 104's phone registers from `port` (and answers busy there), and its
        # subscription, sent from another port, names the same Contact: the
        # phone must get the subscription's NOTIFYs and no unsolicited one.
        port = free_port()
        code, out = run_sipp(REGISTER, "127.0.0.1", self.server.port, local_port=port,
                             keys={"ext": "104", "expires": 300}, extra=["-au", "104", "-ap", "pw-104-secret"])
        self.assertEqual(code, 0, out)
        busy = SippRun(BUSY_CALLEE, "127.0.0.1", self.server.port, local_port=port, keys={"ext": "104"})
        sub = SippRun(MWI_SUBSCRIBE, "127.0.0.1", self.server.port,
                      keys={"ext": "104", "expires": 300, "refresh": 600, "cport": port},
                      extra=["-au", "104", "-ap", "pw-104-secret"])
        self.server.wait_log(r"MWI: 104 subscribed from 127\.0\.0\.1:\d+ for 300 s")

        def busy_answered():
            code, out, _ = busy.wait()
            self.assertEqual(code, 0, out)

        # 2 s: on a loaded machine a 1 s message can come out under the
        # half second voicemail keeps (logged as "hung up at the beep").
        self.leave_message("104", freq=500, seconds=2.0, answered=busy_answered)
        code, out, log = sub.wait()
        self.assertEqual(code, 0, out)
        # What the 200s to subscribe, refresh and unsubscribe granted (SIPp
        # cannot compare a header with a -key value).
        granted = re.findall(r"received.*\n+SIP/2\.0 200 OK\n(?:.+\n)*?Expires: *(\d+)", log)
        self.assertEqual(granted, ["300", "600", "0"], log[-4000:])
        self.server.wait_log(r"MWI: 104 unsubscribed from")
        notifies = [m for m in self.server.sent_messages()
                    if "\nNOTIFY " in m and "Message-Account: sip:104@" in m]
        call_ids = {re.search(r"\nCall-ID: *(\S+)", m).group(1) for m in notifies}
        self.assertEqual(len(call_ids), 1, "an unsolicited NOTIFY went to the subscribed phone too")
        self.assertGreaterEqual(len(notifies), 4, "subscribe, message, refresh, unsubscribe")
        for m in notifies:
            self.assertEqual(m.count("\nMax-Forwards:"), 1, m)

    def test_a_subscription_not_refreshed_expires_with_a_final_notify(self):
        code, out = run_sipp(MWI_EXPIRES, "127.0.0.1", self.server.port, keys={"ext": "103", "expires": 2},
                             extra=["-au", "103", "-ap", "pw-103-secret"])
        self.assertEqual(code, 0, out)
        self.server.wait_log(r"MWI: subscription of 103 from 127\.0\.0\.1:\d+ expired")

    def test_subscribe_to_another_event_is_489_and_to_another_mailbox_403(self):
        code, out = run_sipp(MWI_BAD_EVENT, "127.0.0.1", self.server.port, keys={"ext": "103", "event": "presence"})
        self.assertEqual(code, 0, out)
        code, out = run_sipp(MWI_NOT_OWN, "127.0.0.1", self.server.port, keys={"ext": "100", "mailbox": "103"},
                             extra=["-au", "100", "-ap", "pw-100-secret"])
        self.assertEqual(code, 0, out)


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
