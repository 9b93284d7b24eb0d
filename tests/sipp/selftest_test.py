#!/usr/bin/env python3
"""The carrier self-test (issue #17) against SIPp playing carriers that behave
each way, through `switchboard-server --self-test NAME`: every conclusion
fires on its own carrier and on no other, the suggested profile is the
shipped one that fits (or none), and the report carries the message flow.

One SIPp process plays the carrier on 127.0.0.2; each request of the self-test
(OPTIONS, each REGISTER, the INVITE) has its own Call-ID, so SIPp sees one
"call" per step and the scenario branches on the first message."""
import os
import re
import subprocess
import sys
import tempfile
import json
import time
import unittest

from switchboard_harness import SippRun, free_port

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = os.path.join(HERE, "scenarios", "selftest")
STEP_S = 2   # --step-timeout; carrier_ignores_options.xml pauses 4 s to outlast it
RING_S = 3   # --ring-time


def conclusions(report):
    section = report.split("\nConclusions:\n", 1)[1].split("\nSuggested settings:\n", 1)[0]
    return set(re.findall(r"^  \[([a-z0-9-]+)\] ", section, re.M))


class SelfTest(unittest.TestCase):
    def line(self, port, **extra):
        line = {"name": "ims", "domain": "gd.ctcims.cn", "account": "+8612345678", "password": "line-secret",
                "proxy": "127.0.0.2:%d" % port, "transport": "udp", "register": False, "expires": 600}
        line.update(extra)
        return {"lines": [line]}

    def trunk(self, port, **extra):
        trunk = {"name": "carrier", "host": "127.0.0.2", "port": port, "allowed_addresses": ["127.0.0.2"]}
        trunk.update(extra)
        return {"trunks": [trunk]}

    def self_test(self, scenario, calls, config_for, target, number=None, steps=None):
        """Run SIPp as the carrier and the server's self-test against it;
        returns (report text, exit code, server stderr)."""
        port = free_port("127.0.0.2")
        carrier = SippRun(os.path.join(SCENARIOS, scenario), "127.0.0.1", 5060, local_ip="127.0.0.2",
                          local_port=port, calls=calls, timeout_s=40,
                          keys={"mport": free_port("127.0.0.2")})
        time.sleep(0.3)
        work = tempfile.TemporaryDirectory(prefix="sb-selftest-")
        self.addCleanup(work.cleanup)
        db = os.path.join(work.name, "switchboard.db")
        config = os.path.join(work.name, "config.json")
        with open(config, "w") as f:
            json.dump({"version": 1, "settings": {"domain": "127.0.0.1"}, **config_for(port)}, f)
        subprocess.run([SERVER, "--db", db, "--import", config], check=True, capture_output=True, timeout=30)
        report_file = os.path.join(work.name, "report.txt")
        cmd = [SERVER, "--db", db, "--sip-port", "0", "--tls-port", "0", "--bind", "127.0.0.1",
               "--self-test", target, "--step-timeout", str(STEP_S), "--ring-time", str(RING_S),
               "--report", report_file]
        if number:
            cmd += ["--number", number]
        if steps:
            cmd += ["--steps", steps]
        # Bounded: at most four steps of STEP_S, the ringing time and the start-up.
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        code, out, _ = carrier.wait()
        self.assertEqual(code, 0, "SIPp (the carrier) failed:\n" + out + "\n---- server ----\n" + res.stderr[-4000:])
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr[-4000:])
        with open(report_file) as f:
            self.assertEqual(f.read(), res.stdout)
        self.stderr = res.stderr
        return res.stdout

    # -- the five carriers -------------------------------------------------------

    def test_carrier_that_supports_100rel_and_update(self):
        report = self.self_test("carrier_supports_all.xml", 3, self.line, "ims", number="013901088888")
        self.assertEqual(conclusions(report),
                         {"options-answered", "auth-id-short-accepted", "100rel-supported", "update-allowed",
                          "early-responses", "call-answered"}, report)
        self.assertIn("Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK, UPDATE", report)
        self.assertIn("183 with SDP (reliable)", report)
        self.assertIn("codecs in the answer: PCMA", report)
        self.assertIn('matching carrier profile: "Generic IMS (3GPP)"', report)
        self.assertIn('"Authorization ID includes address information": unticked', report)
        # The message flow, for the carrier's support desk.
        flow = report.split("Message flow:\n", 1)[1]
        for label in ("OPTIONS sip:gd.ctcims.cn", "REGISTER sip:gd.ctcims.cn", "INVITE sip:013901088888@gd.ctcims.cn",
                      "183 Session Progress", "PRACK (RSeq 1)", "200 OK (PRACK)", "BYE"):
            self.assertIn(label, flow)

    def test_carrier_that_requires_100rel_and_refuses_prack(self):
        report = self.self_test("carrier_refuses_prack.xml", 2, self.trunk, "carrier", number="013901088888")
        self.assertEqual(conclusions(report),
                         {"options-answered", "prack-refused", "update-not-allowed", "early-responses",
                          "call-answered"}, report)
        self.assertIn("405 Method Not Allowed", report)
        self.assertIn('"Disable reliability of provisional responses (100rel)": ticked', report)
        self.assertIn("no shipped carrier profile matches", report)

    def test_carrier_that_wants_the_full_authorization_name(self):
        report = self.self_test("carrier_wants_full_auth_name.xml", 3, self.line, "ims")
        self.assertEqual(conclusions(report),
                         {"options-answered", "register-403-short-auth-name", "auth-id-full-accepted"}, report)
        self.assertIn('"+8612345678@gd.ctcims.cn"', report)
        self.assertIn('"Authorization ID includes address information": ticked', report)
        self.assertIn('matching carrier profile: "China Telecom (CTC) IMS line"', report)

    def test_carrier_that_answers_416_without_user_phone(self):
        # OPTIONS, the INVITE without user=phone, the same INVITE with it.
        report = self.self_test("carrier_416_without_user_phone.xml", 3, self.trunk, "carrier",
                                number="013901088888")
        self.assertEqual(conclusions(report),
                         {"options-answered", "uri-format", "call-rejected", "uri-format-confirmed"}, report)
        self.assertIn("got 180 Ringing: the carrier takes numbers only with user=phone", report)
        self.assertIn('"Additional parameter of Request-URI": user=phone', report)
        self.assertIn('matching carrier profile: "China Mobile SIP trunk"', report)
        flow = report.split("Message flow:\n", 1)[1]
        self.assertNotIn("user=phone", flow.split("416")[0])
        # The repetition rang and was cancelled within --ring-time.
        retry = flow.split("416", 1)[1]
        for label in ("INVITE sip:013901088888@127.0.0.2:", ";user=phone", "180 Ringing", "CANCEL",
                      "487 Request Terminated"):
            self.assertIn(label, retry)

    def test_carrier_that_does_not_answer_options(self):
        report = self.self_test("carrier_ignores_options.xml", 2, self.trunk, "carrier", number="013901088888")
        self.assertEqual(conclusions(report),
                         {"options-no-answer", "100rel-not-used", "early-responses", "call-answered"}, report)
        self.assertIn("answers OPTIONS: no", report)
        self.assertIn("180 without SDP", report)

    def test_the_line_own_registration_is_left_alone(self):
        # The line registers itself as usual; the self-test's REGISTER uses its
        # own Contact and removes only that binding (the scenario checks both
        # Contacts), and the line's status never changes while the test runs.
        report = self.self_test("carrier_with_registered_line.xml", 3,
                                lambda port: self.line(port, register=True), "ims", steps="options,register")
        self.assertEqual(conclusions(report), {"options-answered", "auth-id-short-accepted"}, report)
        statuses = [line.split("line ims: ", 1)[1] for line in self.stderr.splitlines() if "line ims: " in line]
        self.assertIn("Registered", statuses, self.stderr)
        self.assertEqual(statuses[statuses.index("Registered"):], ["Registered"], self.stderr)

    # -- the command line --------------------------------------------------------

    def test_unknown_line_is_reported_not_run(self):
        work = tempfile.TemporaryDirectory(prefix="sb-selftest-")
        self.addCleanup(work.cleanup)
        db = os.path.join(work.name, "switchboard.db")
        res = subprocess.run([SERVER, "--db", db, "--sip-port", "0", "--tls-port", "0", "--bind", "127.0.0.1",
                              "--self-test", "nosuch"], capture_output=True, text=True, timeout=60)
        self.assertEqual(res.returncode, 1, res.stderr)
        self.assertIn('Could not run: "nosuch" is no line or trunk', res.stdout)


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
