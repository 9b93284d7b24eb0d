#!/usr/bin/env python3
"""Conference rooms (*88 + room): eight members in one room each hear all
the others and not themselves (every member sends its own tone; Goertzel on
what each receives), and a room set up with a PIN asks for it, lets the
right PIN in and hangs up after three wrong ones."""
import os
import socket
import struct
import sys
import time
import unittest

from services_test import Phone, power, tone, ulaw_encode
from sip_client import OutgoingCall, SipClient, sdp_endpoint
from switchboard_harness import SwitchboardServer

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "configs", "conference.json")
# Eight tones 150 Hz apart, none a harmonic of another within the band
# checked; quiet enough that seven summed stay below full scale (the mixer
# does not saturate, docs/media.md).
FREQS = [450, 600, 750, 900, 1050, 1200, 1350, 1500]
AMPLITUDE = 2500
QUIET = 1800  # no member sends this


def drain_now(phone):
    """Read what @phone's socket holds now, without waiting."""
    phone.sock.settimeout(0)
    try:
        while True:
            try:
                data, _ = phone.sock.recvfrom(2048)
            except (BlockingIOError, socket.timeout):
                return
            if len(data) >= 12 and data[0] >> 6 == 2:
                phone.packets.append((data[1] & 0x7F, bool(data[1] & 0x80),
                                      struct.unpack("!I", data[4:8])[0], data[12:]))
    finally:
        phone.sock.settimeout(0.005)


class Conference(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SwitchboardServer(SERVER, config_json=CONFIG).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server._tmp.cleanup()

    def join(self, room):
        """An answered call from 100 to *88<room>: (phone, call, where the room's RTP comes from)."""
        phone = Phone()
        self.addCleanup(phone.close)
        client = SipClient("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        call = OutgoingCall(client, "100", "pw-100-secret", "*88" + room, phone.sdp()).start()
        r = call.next_response()
        while r.status < 200:
            r = call.next_response()
        self.assertEqual(r.status, 200, r.raw)
        return phone, call, sdp_endpoint(r.body)

    def enter(self, phone, service, digits):
        for d in digits:
            phone.press(service, {"*": 10, "#": 11}.get(d, int(d) if d.isdigit() else 0))

    def wait_count(self, text, count, seconds=10):
        """Wait until @text is in @count log lines."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if sum(text in line for line in list(self.server.log_lines)) >= count:
                return
            time.sleep(0.05)
        self.fail(f"fewer than {count} log lines with {text!r}")

    def wait_for_bye(self, call, seconds=20):
        return call.c.wait_for_bye(seconds)

    def talk_together(self, members, seconds):
        """Every member sends its tone at once, 20 ms packets paced from one clock, while
        all of them receive; returns what each received during the last second."""
        samples = {i: tone([FREQS[i]], int(8000 * seconds), amplitude=AMPLITUDE) for i in range(len(members))}
        for phone, _, _ in members:
            phone.packets.clear()
        start = time.monotonic()
        for n in range(int(seconds * 50)):
            for i, (phone, _, service) in enumerate(members):
                chunk = samples[i][n * 160:(n + 1) * 160]
                phone._send(service, 0, bytes(ulaw_encode(s) for s in chunk))
                phone.ts += 160
            for phone, _, _ in members:
                drain_now(phone)
            time.sleep(max(0.0, start + (n + 1) * 0.02 - time.monotonic()))
        for phone, _, _ in members:
            phone.drain(0.05)
        return [phone.audio()[-8000:] for phone, _, _ in members]

    def test_eight_members_each_hear_all_the_others_and_not_themselves(self):
        members = [self.join("600") for _ in range(8)]  # a room without setup
        time.sleep(0.5)  # past the joining beeps
        heard = self.talk_together(members, 3.0)
        for i, audio in enumerate(heard):
            self.assertGreaterEqual(len(audio), 6000, f"member {i} received too little of the mix")
            floor = power(audio, QUIET)
            for j, f in enumerate(FREQS):
                if j == i:
                    continue
                self.assertGreater(power(audio, f), 30 * floor, f"member {i} does not hear member {j} ({f} Hz)")
            others = min(power(audio, f) for j, f in enumerate(FREQS) if j != i)
            self.assertLess(power(audio, FREQS[i]), others / 30, f"member {i} hears itself")
        for _, call, _ in members:
            self.assertEqual(call.bye().status, 200)

    def test_a_room_with_a_pin_lets_the_right_pin_in_and_refuses_a_wrong_one(self):
        # The right PIN: two members who both typed it hear each other.
        alice, a_call, a_service = self.join("700")
        bob, b_call, b_service = self.join("700")
        for phone, service in ((alice, a_service), (bob, b_service)):
            phone.drain(0.5)
            self.enter(phone, service, "2468#")
        time.sleep(2.5)  # "You are now in the conference" and the beep
        heard = self.talk_together([(alice, a_call, a_service), (bob, b_call, b_service)], 2.0)
        self.assertGreater(power(heard[1], FREQS[0]), 30 * power(heard[1], QUIET), "Bob must hear Alice")
        self.assertGreater(power(heard[0], FREQS[1]), 30 * power(heard[0], QUIET), "Alice must hear Bob")

        # A wrong PIN three times: refused, goodbye, hung up; the room never heard the caller.
        mallory, m_call, m_service = self.join("700")
        mallory.drain(0.5)
        for attempt in range(3):
            self.enter(mallory, m_service, "1111#")
            self.wait_count("wrong PIN for conference room 700 from 100", attempt + 1)
            mallory.drain(1.0)
        self.assertTrue(self.wait_for_bye(m_call), "no BYE after the third wrong PIN")
        self.server.wait_log(r"conference room 700: 100 refused after 3 wrong PINs")
        wrong = [line for line in self.server.log_lines if "wrong PIN for conference room 700" in line]
        self.assertEqual(len(wrong), 3, wrong)
        for call in (a_call, b_call):
            self.assertEqual(call.bye().status, 200)


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
