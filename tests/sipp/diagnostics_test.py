#!/usr/bin/env python3
"""The explainer ("why did this call fail") against SIPp playing carriers that
misbehave each way: every rule fires on its own case and on no other.

The server logs what it found as "call N: why: [rule] ..." and
"line NAME: why: [rule] ...", and keeps a call's findings with its CDR row
(column diagnosis, read here straight from the database)."""
import json
import os
import re
import sqlite3
import sys
import tempfile
import time
import unittest

from switchboard_harness import SippRun, free_port, start_server

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
DIAG = os.path.join(HERE, "scenarios", "diagnostics")
CALLS = os.path.join(HERE, "scenarios", "calls")
REL = os.path.join(HERE, "scenarios", "rel")
TRUNKS = os.path.join(HERE, "scenarios", "trunks")
EXTENSIONS = [{"number": "100", "password": "pw-100-secret", "name": "Reception"}]
WHY = re.compile(r"(call \d+|line \S+): why: (.*)")


def rules_in(text):
    return set(re.findall(r"\[([a-z0-9-]+)\] ", text))


class Explainer(unittest.TestCase):
    # -- helpers ----------------------------------------------------------------

    def start(self, config):
        self.server = start_server(self, SERVER, {"version": 1, "settings": {"domain": "127.0.0.1"},
                                                  "extensions": EXTENSIONS, **config})
        return self.server

    def why_lines(self, subject):
        return [m.group(2) for m in (WHY.search(line) for line in list(self.server.log_lines))
                if m and m.group(1).startswith(subject)]

    def assert_rules(self, subject, expected, timeout_s=10.0):
        """The findings logged for @subject ("call", "line ims") name exactly @expected."""
        if not expected:
            # Nothing must be said: give the engine time to say it anyway.
            time.sleep(1.0)
            self.assertEqual(self.why_lines(subject), [], self.server.log_text()[-3000:])
            return ""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and not self.why_lines(subject):
            time.sleep(0.05)
        lines = self.why_lines(subject)
        self.assertTrue(lines, "no findings logged for %s:\n%s" % (subject, self.server.log_text()[-3000:]))
        self.assertEqual(rules_in(lines[-1]), set(expected), lines[-1])
        return lines[-1]

    def trunk_config(self, port, **extra):
        trunk = {"name": "carrier", "host": "127.0.0.2", "port": port, "allowed_addresses": ["127.0.0.2"]}
        trunk.update(extra)
        return {"trunks": [trunk], "routes": [{"pattern": "9.", "strip": 1, "target": "carrier"}]}

    def far(self, scenario, port, keys=None, folder=DIAG):
        run = SippRun(os.path.join(folder, scenario), "127.0.0.1", 5060, local_ip="127.0.0.2", local_port=port,
                      keys={"mport": free_port("127.0.0.2"), **(keys or {})})
        time.sleep(0.3)
        return run

    def dial(self, scenario, number, folder=CALLS):
        return SippRun(os.path.join(folder, scenario), "127.0.0.1", self.server.port,
                       keys={"ext": "100", "callee": number, "mport": free_port()},
                       extra=["-au", "100", "-ap", "pw-100-secret"])

    def ok(self, *runs):
        for run in runs:
            code, out, _ = run.wait()
            self.assertEqual(code, 0, out)

    def rejected_call(self, code, reason, **trunk):
        port = free_port("127.0.0.2")
        self.start(self.trunk_config(port, **trunk))
        with open(os.path.join(DIAG, "trunk_rejects.xml")) as f:
            scenario = f.read().replace("CODE REASON", "%d %s" % (code, reason))
        tmp = tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False)
        tmp.write(scenario)
        tmp.close()
        self.addCleanup(os.unlink, tmp.name)
        far = self.far(tmp.name, port)
        self.ok(self.dial("caller_rejected.xml", "913901088888"), far)

    def stored(self, column, timeout_s=5.0):
        """A JSON column of the newest CDR row (the writer batches)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            db = sqlite3.connect("file:%s?mode=ro" % self.server.db, uri=True, timeout=2)
            try:
                row = db.execute("SELECT %s FROM cdr ORDER BY id DESC LIMIT 1" % column).fetchone()
            finally:
                db.close()
            if row:
                return json.loads(row[0]) if row[0] else []
            time.sleep(0.1)
        self.fail("no CDR row was written")

    def stored_diagnosis(self):
        return self.stored("diagnosis")

    # -- line registration --------------------------------------------------------

    def line_config(self, proxy, includes_address, transport="udp"):
        return {"lines": [{"name": "ims", "domain": "gd.ctcims.cn", "account": "+8612345678",
                           "password": "line-secret", "auth_id_includes_address": includes_address,
                           "proxy": proxy, "transport": transport, "register": True, "expires": 600}]}

    def test_register_403_to_a_short_authorization_name(self):
        port = free_port()
        carrier = SippRun(os.path.join(DIAG, "carrier_403_after_challenge.xml"), "127.0.0.1", 5060,
                          local_port=port)
        time.sleep(0.3)
        self.start(self.line_config("127.0.0.1:%d" % port, False))
        self.ok(carrier)
        why = self.assert_rules("line ims", {"register-403-short-auth-name"})
        self.assertIn("+8612345678@gd.ctcims.cn", why)
        self.assertIn("Authorization ID includes address information", why)

    def test_register_403_to_the_full_name_is_not_blamed_on_the_name(self):
        port = free_port()
        carrier = SippRun(os.path.join(DIAG, "carrier_403_after_challenge.xml"), "127.0.0.1", 5060,
                          local_port=port)
        time.sleep(0.3)
        self.start(self.line_config("127.0.0.1:%d" % port, True))
        self.ok(carrier)
        self.server.wait_log(r"line ims: Failed: 403 Forbidden")
        self.assert_rules("line ims", set())

    def test_register_to_a_proxy_that_does_not_answer(self):
        # Nothing listens on this TCP port: the connection is refused at once.
        port = free_port()
        self.start(self.line_config("127.0.0.1:%d" % port, True, "tcp"))
        why = self.assert_rules("line ims", {"no-answer-from-peer"})
        self.assertIn("127.0.0.1:%d" % port, why)

    # -- calls out through a trunk -------------------------------------------------

    def test_416_to_a_number_without_user_phone(self):
        self.rejected_call(416, "Unsupported URI Scheme")
        why = self.assert_rules("call", {"uri-format"})
        self.assertIn("Additional parameter of Request-URI", why)
        stored = self.stored_diagnosis()
        self.assertEqual([f["rule"] for f in stored], ["uri-format"])
        self.assertEqual(stored[0]["setting"], "request_uri_params")
        # The call's ladder, both legs in order, is kept with the row.
        flow = [(i["from"], i["to"], i["label"]) for i in self.stored("ladder")]
        self.assertEqual(flow[0], ("caller", "Switchboard", "INVITE sip:913901088888@127.0.0.1:%d" % self.server.port))
        self.assertEqual(flow[1][:2], ("Switchboard", "carrier"))
        self.assertTrue(flow[1][2].startswith("INVITE sip:13901088888@127.0.0.2:"), flow)
        self.assertIn(("carrier", "Switchboard", "416 Unsupported URI Scheme"), flow)
        self.assertEqual(flow[-1], ("Switchboard", "caller", "480 Temporarily Unavailable"), flow)

    def test_404_to_a_number_sent_with_user_phone_is_just_not_found(self):
        self.rejected_call(404, "Not Found", request_uri_params="user=phone")
        self.assert_rules("call", set())
        self.assertEqual(self.stored_diagnosis(), [])

    def test_488_names_the_codecs(self):
        self.rejected_call(488, "Not Acceptable Here")
        why = self.assert_rules("call", {"codecs-rejected"})
        self.assertIn("PCMU", why)

    def test_busy_is_not_a_setting(self):
        self.rejected_call(486, "Busy Here")
        self.assert_rules("call", set())

    def test_183_without_180_and_silence(self):
        port = free_port("127.0.0.2")
        self.start(self.trunk_config(port))
        far = self.far("trunk_183_until_cancel.xml", port)
        self.ok(self.dial("caller_cancels_after_183.xml", "913901088888", DIAG), far)
        self.assert_rules("call", {"ringback-silence"})

    def test_180_before_the_183_is_not_silence(self):
        port = free_port("127.0.0.2")
        self.start(self.trunk_config(port))
        far = self.far("trunk_180_183_until_cancel.xml", port)
        self.ok(self.dial("caller_cancels_after_183.xml", "913901088888", DIAG), far)
        self.assert_rules("call", set())

    def test_prack_refused(self):
        port = free_port("127.0.0.2")
        self.start(self.trunk_config(port))
        far = self.far("trunk_refuses_prack.xml", port, folder=REL)
        self.ok(self.dial("caller.xml", "913901088888"), far)
        why = self.assert_rules("call", {"prack-refused"})
        self.assertIn("405 Method Not Allowed", why)

    def test_a_good_call_has_nothing_to_explain(self):
        port = free_port("127.0.0.2")
        self.start(self.trunk_config(port))
        far = self.far("trunk_answers.xml", port, folder=TRUNKS)
        self.ok(self.dial("caller.xml", "913901088888"), far)
        self.assert_rules("call", set())


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
