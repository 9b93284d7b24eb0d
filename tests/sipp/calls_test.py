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

    def wait_cdr(self, callee, disposition, timeout_s=5):
        deadline = time.monotonic() + timeout_s
        rows = []
        while time.monotonic() < deadline:
            rows = [r for r in self.cdr_rows() if r["callee"] == callee and r["disposition"] == disposition]
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
