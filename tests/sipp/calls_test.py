#!/usr/bin/env python3
"""Calls between extensions through the B2BUA, with SIPp as both phones."""
import csv
import os
import re
import sys
import time
import unittest

from switchboard_harness import SippRun, SwitchboardServer, free_port, run_sipp

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "configs", "calls.json")
CALLS = os.path.join(HERE, "scenarios", "calls")
REGISTER = os.path.join(HERE, "scenarios", "register_auth.xml")
PASSWORDS = {"100": "pw-100-secret", "101": "pw-101-secret", "102": "pw-102-secret", "103": "pw-103-secret"}


class Calls(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SwitchboardServer(SERVER, config_json=CONFIG).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server._tmp.cleanup()

    def register(self, ext, port, transport="u1"):
        code, out = run_sipp(REGISTER, "127.0.0.1", self.server.port, transport=transport, local_port=port,
                             keys={"ext": ext, "expires": 300}, extra=["-au", ext, "-ap", PASSWORDS[ext]])
        self.assertEqual(code, 0, out)

    def unregister_all(self, ext):
        from sip_client import SipClient
        c = SipClient("127.0.0.1", self.server.port)
        c.register(ext, PASSWORDS[ext], contacts=["Contact: *"], expires=0)
        c.close()

    def phone(self, scenario, ext, port, transport="u1", **keys):
        return SippRun(os.path.join(CALLS, scenario), "127.0.0.1", self.server.port, transport=transport,
                       local_port=port, keys={"ext": ext, "mport": free_port(), **keys})

    def call(self, scenario, caller, callee, transport="u1", **keys):
        return SippRun(os.path.join(CALLS, scenario), "127.0.0.1", self.server.port, transport=transport,
                       keys={"ext": caller, "callee": callee, "mport": free_port(), **keys},
                       extra=["-au", caller, "-ap", PASSWORDS[caller]])

    def cdr_rows(self):
        path = os.path.join(self.server.workdir, "cdr.csv")
        res = self.server.cli("--cdr-export", path)
        with open(path) as f:
            return list(csv.DictReader(f))

    def wait_cdr(self, callee, disposition, reason=None, timeout_s=5):
        deadline = time.monotonic() + timeout_s
        rows = []
        while time.monotonic() < deadline:
            rows = [r for r in self.cdr_rows() if r["callee"] == callee and r["disposition"] == disposition
                    and (reason is None or reason in r["reason"])]
            if rows:
                return rows[-1]
            time.sleep(0.2)
        self.fail(f"no {disposition} CDR for {callee}; have {self.cdr_rows()}")

    def final_code(self, messages):
        codes = re.findall(r"^SIP/2\.0 (\d{3})", messages, re.M)
        finals = [int(c) for c in codes if int(c) >= 300 and int(c) != 407]
        return finals[-1] if finals else None

    def assert_ok(self, run):
        code, out, _ = run.wait()
        self.assertEqual(code, 0, out)

    # -- answered calls --------------------------------------------------------

    def test_answered_call_udp_and_its_cdr(self):
        port = free_port()
        self.register("101", port)
        callee = self.phone("callee.xml", "101", port)
        time.sleep(0.3)
        caller = self.call("caller.xml", "100", "101")
        self.assert_ok(caller)
        self.assert_ok(callee)
        row = self.wait_cdr("101", "ANSWERED")
        self.assertEqual(row["caller"], "100")
        self.assertEqual(row["sip_code"], "200")
        self.assertEqual(row["codec"], "PCMU")
        self.unregister_all("101")

    def test_answered_call_tcp(self):
        port = free_port()
        self.register("101", port, transport="t1")
        callee = self.phone("callee.xml", "101", port, transport="t1")
        time.sleep(0.3)
        caller = self.call("caller.xml", "100", "101", transport="t1")
        self.assert_ok(caller)
        self.assert_ok(callee)
        self.unregister_all("101")

    def provisionals(self, messages):
        """(code, has SDP) of each 18x the caller received, in order."""
        out = []
        for block in messages.split("----------------------------------------------- "):
            m = re.search(r"^SIP/2\.0 (18\d) ", block, re.M)
            if m and "message received" in block:
                out.append((int(m.group(1)), "m=audio" in block))
        return out

    def run_pair(self, caller_scenario, callee_scenario, ext="101", transport="u1"):
        port = free_port()
        self.register(ext, port, transport)
        callee = self.phone(callee_scenario, ext, port, transport)
        time.sleep(0.3)
        caller = self.call(caller_scenario, "100", ext, transport)
        code, out, messages = caller.wait()
        self.assertEqual(code, 0, out)
        self.assert_ok(callee)
        self.unregister_all(ext)
        return messages

    def test_183_with_sdp_then_180_without_is_relayed_in_order(self):
        got = self.provisionals(self.run_pair("caller_18x.xml", "callee_183_180.xml"))
        self.assertEqual(got, [(183, True), (180, False)])

    def test_180_without_sdp_then_183_with_is_relayed_in_order(self):
        got = self.provisionals(self.run_pair("caller_18x.xml", "callee_180_183.xml"))
        self.assertEqual(got, [(180, False), (183, True)])

    def test_callee_hangs_up(self):
        self.run_pair("caller_receives_bye.xml", "callee_hangs_up.xml")
        self.wait_cdr("101", "ANSWERED", reason="callee hung up")

    def test_hold_by_reinvite_from_the_caller(self):
        self.run_pair("caller_hold.xml", "callee_held.xml")

    def test_reinvite_glare_gets_491_on_both_sides_and_both_retries_succeed(self):
        messages = self.run_pair("caller_glare.xml", "callee_glare.xml")
        self.assertRegex(messages, r"(?m)^SIP/2\.0 491 ")

    def test_hold_by_reinvite_from_the_callee_and_in_dialog_options_info(self):
        self.run_pair("caller_is_held.xml", "callee_holds.xml")

    def test_caller_cancel_reaches_the_callee(self):
        port = free_port()
        self.register("101", port)
        callee = self.phone("callee_noanswer.xml", "101", port)
        time.sleep(0.3)
        caller = self.call("caller_cancel.xml", "100", "101")
        self.assert_ok(caller)
        self.assert_ok(callee)
        self.wait_cdr("101", "CANCELLED")
        self.unregister_all("101")

    def test_forked_ringing_first_answer_wins_the_other_is_cancelled(self):
        p1, p2 = free_port(), free_port()
        self.register("101", p1)
        self.register("101", p2)
        answering = self.phone("callee.xml", "101", p1)
        ringing = self.phone("callee_noanswer.xml", "101", p2)
        time.sleep(0.3)
        caller = self.call("caller.xml", "100", "101")
        self.assert_ok(caller)
        self.assert_ok(answering)
        self.assert_ok(ringing)
        self.unregister_all("101")

    # -- calls that fail -------------------------------------------------------

    def test_unknown_number_gets_404(self):
        run = self.call("caller_rejected.xml", "100", "555")
        code, out, messages = run.wait()
        self.assertEqual(code, 0, out)
        self.assertEqual(self.final_code(messages), 404)

    def test_not_registered_gets_480(self):
        run = self.call("caller_rejected.xml", "100", "103")
        code, out, messages = run.wait()
        self.assertEqual(code, 0, out)
        self.assertEqual(self.final_code(messages), 480)

    def test_busy_callee_gets_486_and_busy_cdr(self):
        port = free_port()
        self.register("101", port)
        callee = self.phone("callee_busy.xml", "101", port)
        time.sleep(0.3)
        run = self.call("caller_rejected.xml", "100", "101")
        code, out, messages = run.wait()
        self.assertEqual(code, 0, out)
        self.assertEqual(self.final_code(messages), 486)
        self.assert_ok(callee)
        self.wait_cdr("101", "BUSY")
        self.unregister_all("101")

    def test_no_answer_times_out_with_480_and_cancel(self):
        port = free_port()
        self.register("102", port)  # ring_timeout 2 s
        callee = self.phone("callee_noanswer.xml", "102", port)
        time.sleep(0.3)
        t0 = time.monotonic()
        run = self.call("caller_rejected.xml", "100", "102")
        code, out, messages = run.wait()
        self.assertEqual(code, 0, out)
        self.assertEqual(self.final_code(messages), 480)
        self.assertGreater(time.monotonic() - t0, 1.5)
        self.assert_ok(callee)
        self.wait_cdr("102", "NO ANSWER")
        self.unregister_all("102")


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
