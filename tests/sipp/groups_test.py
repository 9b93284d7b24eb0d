#!/usr/bin/env python3
"""Ring groups from the outside: SIPp phones register as the members, a
caller (or a carrier, or the auto attendant) reaches the group's number, and
the test watches who rings, who is cancelled and who is connected. Each test
runs against its own server, so registrations of one test never ring in
another."""
import csv
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
CONFIG = os.path.join(HERE, "configs", "groups.json")
REGISTER = os.path.join(HERE, "scenarios", "register_auth.xml")
ECHO_CALLEE = os.path.join(HERE, "scenarios", "calls", "callee_echo.xml")
RINGING_CALLEE = os.path.join(HERE, "scenarios", "calls", "callee_noanswer.xml")


class RingGroups(unittest.TestCase):
    def setUp(self):
        self.server = SwitchboardServer(SERVER, config_json=CONFIG).start()
        self.addCleanup(self.server._tmp.cleanup)
        self.addCleanup(self.server.stop)

    def wait_log(self, pattern, timeout_s=15.0):
        try:
            return self.server.wait_log(pattern, timeout_s)
        except AssertionError:
            self.server.dump_log(80)
            raise

    def registered(self, ext, scenario, extra=()):
        """Register @ext from SIPp and leave SIPp running @scenario as that phone."""
        port = free_port()
        code, out = run_sipp(REGISTER, "127.0.0.1", self.server.port, local_port=port,
                             keys={"ext": ext, "expires": 300}, extra=["-au", ext, "-ap", f"pw-{ext}-secret"])
        self.assertEqual(code, 0, out)
        return SippRun(scenario, "127.0.0.1", self.server.port, local_port=port, keys={"ext": ext},
                       extra=list(extra))

    def echoing(self, ext):
        return self.registered(ext, ECHO_CALLEE, ["-rtp_echo", "-mp", str(free_port())])

    def ringing(self, ext):
        return self.registered(ext, RINGING_CALLEE)

    def answered(self, call, phone):
        r = call.next_response()
        while r.status < 200:
            r = call.next_response()
        self.assertEqual(r.status, 200, r.raw)
        return sdp_endpoint(r.body)

    def dial(self, number, client=None):
        phone = Phone()
        self.addCleanup(phone.close)
        client = client or SipClient("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        call = OutgoingCall(client, "100", "pw-100-secret", number, phone.sdp()).start()
        return phone, call, self.answered(call, phone)

    def assert_hears_own_tone(self, phone, service, freq):
        phone.packets.clear()
        phone.talk(service, tone([freq], 8000))
        phone.drain(0.3)
        heard = phone.audio()
        self.assertGreaterEqual(len(heard), 25 * 160, "too little audio came back through the bridge")
        self.assertGreater(power(heard, freq), 100 * power(heard, 1300),
                           "the caller does not hear the member (its echo of the caller's tone)")

    def cdr_route(self, callee):
        """The route column of the first ANSWERED CDR row to @callee (the writer batches)."""
        path = os.path.join(self.server.workdir, "cdr.csv")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            self.server.cli("--cdr-export", path)
            with open(path) as f:
                rows = [r for r in csv.DictReader(f) if r["callee"] == callee and r["disposition"] == "ANSWERED"]
            if rows:
                return rows[-1]["route"]
            time.sleep(0.2)
        self.fail("no ANSWERED CDR row for %s" % callee)

    def test_simultaneous_group_rings_all_and_cancels_the_others(self):
        answering = self.echoing("101")
        cancelled = self.ringing("102")
        phone, call, service = self.dial("600")
        self.wait_log(r"group 600: ringing 101, 102 for 20 s")
        self.wait_log(r"\(group 600\): extension 101 answered")
        self.assert_hears_own_tone(phone, service, 700)
        code, out, messages = cancelled.wait()
        self.assertEqual(code, 0, out)
        self.assertIn("CANCEL", messages)
        self.assertEqual(call.bye().status, 200)
        code, out, _ = answering.wait()
        self.assertEqual(code, 0, out)
        self.assertIn("group 600, answered by 101", self.cdr_route("600"))

    def test_sequential_group_moves_on_after_the_member_timeout(self):
        first = self.ringing("103")
        second = self.echoing("104")
        phone, call, service = self.dial("601")
        self.wait_log(r"group 601: ringing 103 for 2 s")
        self.wait_log(r"group 601: 103 did not answer")
        self.wait_log(r"group 601: ringing 104 for 20 s")
        self.wait_log(r"\(group 601\): extension 104 answered")
        code, out, messages = first.wait()
        self.assertEqual(code, 0, out)
        self.assertIn("CANCEL", messages)
        self.assert_hears_own_tone(phone, service, 900)
        self.assertEqual(call.bye().status, 200)
        code, out, _ = second.wait()
        self.assertEqual(code, 0, out)
        self.assertIn("group 601, answered by 104", self.cdr_route("601"))

    def test_nobody_answers_and_the_final_destination_takes_the_call(self):
        member = self.ringing("106")
        phone, call, service = self.dial("602")
        self.wait_log(r"group 602: 106 did not answer")
        self.wait_log(r"group 602: nobody answered; to voicemail:105")
        # The voicemail greeting ends in the beep before the recording.
        self.assertTrue(phone.wait_for_beep(), "no voicemail beep after the group")
        code, out, messages = member.wait()
        self.assertEqual(code, 0, out)
        self.assertEqual(call.bye().status, 200)

    def test_a_did_from_the_carrier_reaches_the_group(self):
        answering = self.echoing("101")
        cancelled = self.ringing("102")
        phone = Phone()
        self.addCleanup(phone.close)
        client = SipClient("127.0.0.1", self.server.port, local_ip="127.0.0.2")
        self.addCleanup(client.close)
        call = OutgoingCall(client, "+8613800000000", "", "+8613901088888", phone.sdp())
        call._send_invite()  # a trunk is recognised by its address: no challenge
        service = self.answered(call, phone)
        self.wait_log(r"\(group 600 \(carrier\)\): extension 101 answered")
        self.assert_hears_own_tone(phone, service, 700)
        self.assertEqual(call.bye().status, 200)
        code, out, _ = answering.wait()
        self.assertEqual(code, 0, out)
        code, out, _ = cancelled.wait()
        self.assertEqual(code, 0, out)

    def test_an_ivr_key_leads_to_a_group(self):
        answering = self.echoing("104")  # 103 has no phone: the sequence goes on at once
        phone, call, service = self.dial("500")
        phone.drain(0.3)
        phone.press(service, 1)
        self.wait_log(r"menu 500: to ring group 601", timeout_s=20)
        self.wait_log(r"group 601: 103 cannot be reached")
        self.wait_log(r"extension 104 answered", timeout_s=20)
        self.assert_hears_own_tone(phone, service, 700)
        self.assertEqual(call.bye().status, 200)
        code, out, _ = answering.wait()
        self.assertEqual(code, 0, out)

    def pick_up(self, code, picker="106"):
        """A call to group 600 rings 101 and 102 (neither answers); @picker dials @code."""
        ringing = [self.ringing("101"), self.ringing("102")]
        caller, call, service = self.dial("600")
        self.wait_log(r"group 600: ringing 101, 102 for 20 s")
        picker_phone = Phone()
        self.addCleanup(picker_phone.close)
        client = SipClient("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        pick = OutgoingCall(client, picker, f"pw-{picker}-secret", code, picker_phone.sdp()).start()
        picked = self.answered(pick, picker_phone)
        self.wait_log(r"picked up by extension %s" % picker)
        for sipp in ringing:  # the phones that rang get CANCEL
            rc, out, messages = sipp.wait()
            self.assertEqual(rc, 0, out)
            self.assertIn("CANCEL", messages)
        # The picker's voice reaches the caller through the bridge.
        caller.packets.clear()
        picker_phone.talk(picked, tone([800], 8000))
        caller.drain(0.3)
        heard = caller.audio()
        self.assertGreaterEqual(len(heard), 25 * 160, "the caller hears too little of the picker")
        self.assertGreater(power(heard, 800), 100 * power(heard, 1300), "the caller does not hear the picker")
        self.assertEqual(pick.bye().status, 200)
        self.assertIn("group 600, answered by %s" % picker, self.cdr_route("600"))

    def test_directed_pickup_answers_a_call_ringing_at_an_extension(self):
        self.pick_up("**101")

    def test_group_pickup_answers_a_call_ringing_in_the_pickers_group(self):
        self.pick_up("*8")  # 106 is in group 603 with 101 and 102

    def test_directed_pickup_of_a_call_dialled_straight_to_an_extension(self):
        ringing = self.ringing("101")
        caller = Phone()
        self.addCleanup(caller.close)
        caller_client = SipClient("127.0.0.1", self.server.port)
        self.addCleanup(caller_client.close)
        call = OutgoingCall(caller_client, "100", "pw-100-secret", "101", caller.sdp()).start()
        r = call.next_response()
        self.assertEqual(r.status, 180, r.raw)  # 101 rings
        picker = Phone()
        self.addCleanup(picker.close)
        client = SipClient("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        pick = OutgoingCall(client, "106", "pw-106-secret", "**101", picker.sdp()).start()
        picked = self.answered(pick, picker)
        service = self.answered(call, caller)  # the caller is answered once picked up
        self.wait_log(r"picked up by extension 106")
        rc, out, messages = ringing.wait()
        self.assertEqual(rc, 0, out)
        self.assertIn("CANCEL", messages)
        caller.packets.clear()
        picker.talk(picked, tone([800], 8000))
        caller.drain(0.3)
        heard = caller.audio()
        self.assertGreaterEqual(len(heard), 25 * 160, "the caller hears too little of the picker")
        self.assertGreater(power(heard, 800), 100 * power(heard, 1300), "the caller does not hear the picker")
        picker.packets.clear()
        caller.talk(service, tone([600], 8000))
        picker.drain(0.3)
        heard = picker.audio()
        self.assertGreater(power(heard, 600), 100 * power(heard, 1300), "the picker does not hear the caller")
        self.assertEqual(call.bye().status, 200)
        self.assertIn("picked up, answered by 106", self.cdr_route("101"))

    def test_pickup_with_nothing_ringing_is_refused(self):
        phone = Phone()
        self.addCleanup(phone.close)
        client = SipClient("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        call = OutgoingCall(client, "106", "pw-106-secret", "**101", phone.sdp()).start()
        r = call.next_response()
        while r.status < 200:
            r = call.next_response()
        self.assertEqual(r.status, 480, r.raw)


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
