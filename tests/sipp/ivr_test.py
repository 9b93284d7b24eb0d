#!/usr/bin/env python3
"""The auto attendant (IVR) from the outside: a phone dials the menu's number
(or a carrier sends a DID that leads to it), presses RFC 4733 keys, and is
connected to an extension played by a SIPp UAS that echoes RTP, so the
caller's own tone (and a key pressed once connected) must come back through
the bridge. Wrong keys are answered
with "invalid option" and the menu again; no key leads to the timeout's
destination."""
import os
import re
import sys
import time
import unittest

from services_test import Phone, power, tone
from sip_client import OutgoingCall, SipClient, sdp_endpoint
from switchboard_harness import SippRun, SwitchboardServer, free_port, run_sipp

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "configs", "ivr.json")
REGISTER = os.path.join(HERE, "scenarios", "register_auth.xml")
ECHO_CALLEE = os.path.join(HERE, "scenarios", "calls", "callee_echo.xml")
RINGING_CALLEE = os.path.join(HERE, "scenarios", "calls", "callee_noanswer.xml")
KEY_CALLER = os.path.join(HERE, "scenarios", "services", "caller_key_waits.xml")
PCAP_DIR = "/usr/share/sip-tester"
KEYS = {"0": 0, "1": 1, "2": 2, "3": 3, "4": 4, "9": 9, "*": 10, "#": 11}


class AutoAttendant(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SwitchboardServer(SERVER, config_json=CONFIG).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server._tmp.cleanup()

    def setUp(self):
        # The server is shared by the tests: each looks only at what its own call logged.
        self.since = len(self.server.log_lines)

    def wait_log(self, pattern, timeout_s=10.0):
        """Wait until a line logged since this test began matches @pattern."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if any(rx.search(line) for line in self.server.log_lines[self.since:]):
                return
            time.sleep(0.05)
        self.server.dump_log(60)
        self.fail("no log line matching %r within %.1f s" % (pattern, timeout_s))

    def answered(self, call, phone):
        r = call.next_response()
        while r.status < 200:
            r = call.next_response()
        self.assertEqual(r.status, 200, r.raw)
        phone.drain(0.3)
        self.assertTrue(phone.packets, "the menu sent no RTP after answering")
        return sdp_endpoint(r.body)

    def dial(self, number="500"):
        """An extension calls @number: (phone, call, where the IVR's RTP comes from)."""
        phone = Phone()
        self.addCleanup(phone.close)
        client = SipClient("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        call = OutgoingCall(client, "100", "pw-100-secret", number, phone.sdp()).start()
        return phone, call, self.answered(call, phone)

    def registered(self, ext, scenario, extra=()):
        """Register @ext from SIPp and leave SIPp running @scenario as that phone."""
        port = free_port()
        code, out = run_sipp(REGISTER, "127.0.0.1", self.server.port, local_port=port,
                             keys={"ext": ext, "expires": 300}, extra=["-au", ext, "-ap", f"pw-{ext}-secret"])
        self.assertEqual(code, 0, out)
        return SippRun(scenario, "127.0.0.1", self.server.port, local_port=port, keys={"ext": ext},
                       extra=list(extra))

    def echoing_extension(self, ext="101"):
        """@ext answers and echoes RTP."""
        return self.registered(ext, ECHO_CALLEE, ["-rtp_echo", "-mp", str(free_port())])

    def assert_hears_own_tone(self, phone, service, freq):
        phone.packets.clear()
        phone.talk(service, tone([freq], 8000))  # one second
        phone.drain(0.3)
        heard = phone.audio()
        self.assertGreaterEqual(len(heard), 25 * 160, "too little audio came back through the bridge")
        self.assertGreater(power(heard, freq), 100 * power(heard, 1300),
                           "the caller does not hear the extension (its echo of the caller's tone)")

    def test_a_key_connects_the_caller_to_a_registered_extension(self):
        callee = self.echoing_extension("101")
        phone, call, service = self.dial("500")
        phone.press(service, KEYS["1"])
        self.wait_log(r"auto attendant 500\): extension 101 answered", timeout_s=20)
        self.assert_hears_own_tone(phone, service, 700)
        # A key now goes through to the extension (whose SIPp echoes the
        # RFC 4733 packets) and comes back through the bridge as a key.
        phone.packets.clear()
        phone.press(service, 5)
        phone.drain(1.0)
        self.assertEqual(phone.events(), [5])
        self.assertEqual(call.bye().status, 200)
        code, out, messages = callee.wait()
        self.assertEqual(code, 0, out)
        self.assertIn("m=audio", messages)  # Switchboard offered its own media to the extension

    def test_a_did_from_the_carrier_reaches_the_menu(self):
        callee = self.echoing_extension("101")
        phone = Phone()
        self.addCleanup(phone.close)
        client = SipClient("127.0.0.1", self.server.port, local_ip="127.0.0.2")
        self.addCleanup(client.close)
        call = OutgoingCall(client, "+8613800000000", "", "+8613901088888", phone.sdp())
        call._send_invite()  # a trunk is recognised by its address: no challenge
        service = self.answered(call, phone)
        phone.press(service, KEYS["1"])
        self.wait_log(r"auto attendant 500 \(carrier\)\): extension 101 answered", timeout_s=20)
        self.assert_hears_own_tone(phone, service, 900)
        self.assertEqual(call.bye().status, 200)
        code, out, _ = callee.wait()
        self.assertEqual(code, 0, out)

    def test_an_invalid_key_is_answered_and_the_menu_replayed(self):
        phone, call, service = self.dial("500")
        phone.press(service, KEYS["9"])
        self.wait_log(r"key 9 is not an option of menu 500 \(1 wrong\)")
        # "Invalid option" and the menu again: speech keeps coming, and the
        # call is still up and still takes keys (2: the submenu).
        phone.packets.clear()
        phone.drain(1.0)
        speech = phone.audio()
        self.assertGreater(sum(abs(s) for s in speech) / max(1, len(speech)), 100, "the replay is silent")
        phone.press(service, KEYS["2"])
        self.wait_log(r"menu 501: to the mailbox of 102", timeout_s=15)  # its 1 s timeout
        self.assertEqual(call.bye().status, 200)

    def test_too_many_invalid_keys_go_to_the_invalid_destination(self):
        phone, call, service = self.dial("500")
        phone.press(service, KEYS["9"])
        self.wait_log(r"key 9 is not an option of menu 500 \(1 wrong\)")
        before = len(self.server.log_lines)
        phone.press(service, KEYS["9"])  # invalid_retries is 1: now "hangup" (goodbye, BYE)
        deadline = time.monotonic() + 15
        bye = None
        while bye is None and time.monotonic() < deadline:
            try:
                data, addr = call.c.sock.recvfrom(65535)
            except OSError:
                continue
            text = data.decode(errors="replace")
            if text.startswith("BYE "):
                call.c.answer_request(text, addr)
                bye = text
        self.assertIsNotNone(bye, "the menu did not hang up after the second wrong key")
        self.assertNotIn("key 9 is not an option of menu 500 (2 wrong)", "\n".join(self.server.log_lines[before:]))

    def test_no_key_goes_to_the_timeout_destination(self):
        phone, call, service = self.dial("500")
        phone.press(service, KEYS["2"])  # menu 501: 1 s without a key leads to 102's voicemail
        self.wait_log(r"no key within 1 s in menu 501", timeout_s=15)
        self.wait_log(r"menu 501: to the mailbox of 102")
        # The voicemail greeting ends in the beep before the recording.
        self.assertTrue(phone.wait_for_beep(), "no voicemail beep after the timeout")
        self.assertEqual(call.bye().status, 200)

    def test_an_extension_without_phones_leads_to_the_fallback(self):
        phone, call, service = self.dial("500")
        phone.press(service, KEYS["3"])  # 103: nothing registered, no voicemail
        self.wait_log(r"extension 103 has no phone that can be reached", timeout_s=15)
        self.wait_log(r"menu 500: to the mailbox of 102")  # the fallback destination
        self.assertEqual(call.bye().status, 200)

    def test_the_caller_hears_ring_back_and_an_unanswered_extension_leads_to_the_fallback(self):
        phone_104 = self.registered("104", RINGING_CALLEE)  # rings, never answers
        phone, call, service = self.dial("500")
        phone.press(service, KEYS["4"])
        # "Please hold..." then ring-back (the cn preset: 450 Hz) while 104 rings.
        heard_ringback = False
        deadline = time.monotonic() + 15
        while not heard_ringback and time.monotonic() < deadline:
            phone.drain(0.2)
            tail = phone.audio()[-4000:]
            heard_ringback = len(tail) >= 4000 and power(tail, 450) > 50 * power(tail, 1000)
        self.assertTrue(heard_ringback, "no ring-back while the extension rang")
        # ring_timeout 3 s: 104 is cancelled; no voicemail, so the menu's fallback (102's mailbox).
        self.wait_log(r"extension 104 did not answer", timeout_s=15)
        self.wait_log(r"menu 500: to the mailbox of 102")
        code, out, messages = phone_104.wait()
        self.assertEqual(code, 0, out)
        self.assertIn("CANCEL", messages)
        self.assertEqual(call.bye().status, 200)

    def test_sipp_presses_a_key_from_its_rfc4733_capture(self):
        callee = self.echoing_extension("101")
        code, out = run_sipp(KEY_CALLER, "127.0.0.1", self.server.port,
                             keys={"ext": "100", "callee": "500",
                                   "pcap": os.path.join(PCAP_DIR, "dtmf_2833_1.pcap")},
                             extra=["-au", "100", "-ap", "pw-100-secret"])
        self.assertEqual(code, 0, out)
        self.wait_log(r"DTMF 1 \(RFC 4733\)")
        self.wait_log(r"extension 101 answered", timeout_s=20)
        code, out, _ = callee.wait()
        self.assertEqual(code, 0, out)


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
