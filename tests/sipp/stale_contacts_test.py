#!/usr/bin/env python3
"""A phone that vanished without unregistering (issue 16).

Its binding stays, pointing at a loopback port nobody listens on. Calls to
the extension must still reach the live phone, and the dead contact must be
marked unreachable and left out of later calls. No timing is asserted: each
SIPp run is bounded by its own -timeout.
"""
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
# The vanished phones registered from here: no other SIPp of the test binds
# this address, so none can take over their closed ports.
DEAD_IP = "127.0.0.9"
PASSWORDS = {"100": "pw-100-secret", "101": "pw-101-secret", "103": "pw-103-secret"}


class StaleContacts(unittest.TestCase):
    def setUp(self):
        self.server = SwitchboardServer(SERVER, config_json=CONFIG).start()
        self.addCleanup(self.server._tmp.cleanup)
        self.addCleanup(lambda: self.server.proc.poll() is None and self.server.stop())

    def register(self, ext, port, ip="127.0.0.1"):
        """Register @p ext from @p ip:@p port; SIPp then exits, so the port is closed."""
        code, out = run_sipp(REGISTER, "127.0.0.1", self.server.port, local_ip=ip, local_port=port,
                             keys={"ext": ext, "expires": 300}, extra=["-au", ext, "-ap", PASSWORDS[ext]])
        self.assertEqual(code, 0, out)

    def call(self, scenario, callee):
        return SippRun(os.path.join(CALLS, scenario), "127.0.0.1", self.server.port,
                       keys={"ext": "100", "callee": callee, "mport": free_port()},
                       extra=["-au", "100", "-ap", PASSWORDS["100"]])

    def invites_to(self, port):
        """Call-IDs of the INVITEs the server sent to 127.0.0.1:@p port."""
        ids = set()
        for m in self.server.sent_messages():
            head = m.split("\n")
            if f"{DEAD_IP}:{port}:" in head[0] and len(head) > 1 and head[1].startswith("INVITE "):
                cid = re.search(r"(?im)^Call-ID:\s*(\S+)", m)
                if cid:
                    ids.add(cid.group(1))
        return ids

    def test_dead_contact_does_not_stop_the_live_phone_and_is_marked_unreachable(self):
        dead = free_port(DEAD_IP)
        self.register("101", dead, DEAD_IP)
        live = free_port()
        self.register("101", live)
        for attempt in range(2):
            callee = SippRun(os.path.join(CALLS, "callee.xml"), "127.0.0.1", self.server.port, local_port=live,
                             keys={"ext": "101", "mport": free_port()})
            time.sleep(0.3)
            caller = self.call("caller.xml", "101")
            code, out, _ = caller.wait()
            self.assertEqual(code, 0, out)
            code, out, _ = callee.wait()
            self.assertEqual(code, 0, out)
            if attempt == 0:
                self.server.wait_log(r"registration 101 <sip:101@127\.0\.0\.9:%d[;>].*: unreachable" % dead,
                                     timeout_s=15)
                self.server.wait_log(r"extension 101: <sip:101@127\.0\.0\.9:%d.*marked unreachable" % dead)
        # Only the first call forked to the dead phone; the second left it out.
        self.assertEqual(len(self.invites_to(dead)), 1, self.invites_to(dead))

    def test_only_contact_dead_the_caller_gets_an_answer(self):
        dead = free_port(DEAD_IP)
        self.register("103", dead, DEAD_IP)
        caller = self.call("caller_rejected.xml", "103")
        code, out, messages = caller.wait()
        self.assertEqual(code, 0, out)
        finals = [int(c) for c in re.findall(r"^SIP/2\.0 (\d{3})", messages, re.M) if int(c) >= 300]
        self.assertEqual(finals[-1], 480, messages[-3000:])
        self.server.wait_log(r"registration 103 <sip:103@127\.0\.0\.9:%d[;>].*: unreachable" % dead)


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
