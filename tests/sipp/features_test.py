#!/usr/bin/env python3
"""Call features (issue 16): call forwarding, do not disturb, the blacklist,
and the feature codes that set them from a phone.

SIPp plays the phones (127.0.0.1), a trunk peer (127.0.0.2) and a carrier
calling in (127.0.0.6). Every SIPp run is bounded by its own -timeout; no
timing is asserted."""
import csv
import json
import os
import re
import sys
import time
import unittest

from services_test import Phone
from sip_client import OutgoingCall, SipClient
from switchboard_harness import SippRun, free_port, run_sipp, start_server

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
CALLS = os.path.join(HERE, "scenarios", "calls")
TRUNKS = os.path.join(HERE, "scenarios", "trunks")
REGISTER = os.path.join(HERE, "scenarios", "register_auth.xml")


def ext(number, **extra):
    e = {"number": number, "password": f"pw-{number}-secret"}
    e.update(extra)
    return e


class Features(unittest.TestCase):
    def start(self, extensions, **config):
        numbers = {e["number"] for e in extensions}
        extensions = ([ext("100")] if "100" not in numbers else []) + extensions
        self.server = start_server(self, SERVER, {"version": 1, "settings": {"domain": "127.0.0.1"},
                                                  "extensions": extensions, **config})
        return self.server

    def register(self, number, port):
        code, out = run_sipp(REGISTER, "127.0.0.1", self.server.port, local_port=port,
                             keys={"ext": number, "expires": 300},
                             extra=["-au", number, "-ap", f"pw-{number}-secret"])
        self.assertEqual(code, 0, out)

    def phone(self, scenario, number):
        """A registered phone of @p number running @p scenario."""
        port = free_port()
        self.register(number, port)
        return SippRun(os.path.join(CALLS, scenario), "127.0.0.1", self.server.port, local_port=port,
                       keys={"ext": number, "mport": free_port()})

    def dial(self, scenario, callee, caller="100"):
        return SippRun(os.path.join(CALLS, scenario), "127.0.0.1", self.server.port,
                       keys={"ext": caller, "callee": callee, "mport": free_port()},
                       extra=["-au", caller, "-ap", f"pw-{caller}-secret"])

    def ok(self, run):
        code, out, messages = run.wait()
        self.assertEqual(code, 0, out)
        return messages

    def received(self, messages):
        return "\n".join(b for b in messages.split("-----------------------------------------------")
                         if "message received" in b)

    def final_code(self, messages):
        finals = [int(c) for c in re.findall(r"^SIP/2\.0 (\d{3})", self.received(messages), re.M)
                  if int(c) >= 300 and int(c) != 407]
        return finals[-1] if finals else None

    def config(self):
        path = os.path.join(self.server.workdir, "export.json")
        self.server.cli("--export", path)
        with open(path) as f:
            return json.load(f)

    def extension(self, number):
        return next(e for e in self.config()["extensions"] if e["number"] == number)

    def cdr_forwards(self):
        path = os.path.join(self.server.workdir, "cdr.csv")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            self.server.cli("--cdr-export", path)
            with open(path) as f:
                rows = [r["forwards"] for r in csv.DictReader(f) if r["forwards"]]
            if rows:
                return rows
            time.sleep(0.2)
        return []

    # -- forwarding to an extension -----------------------------------------

    def test_forward_always_rings_the_target_and_the_caller_hears_181(self):
        self.start([ext("101", forward_always="102"), ext("102")])
        target = self.phone("callee.xml", "102")
        time.sleep(0.3)
        messages = self.ok(self.dial("caller_forwarded.xml", "101"))
        self.ok(target)
        self.assertRegex(self.received(messages), r"(?m)^SIP/2\.0 181 ")
        self.assertIn("101>102 unconditional", self.cdr_forwards())

    def test_forward_busy_after_every_phone_is_busy(self):
        self.start([ext("101", forward_busy="102"), ext("102")])
        busy = self.phone("callee_busy.xml", "101")
        target = self.phone("callee.xml", "102")
        time.sleep(0.3)
        messages = self.ok(self.dial("caller_forwarded.xml", "101"))
        self.ok(busy)
        self.ok(target)
        self.assertRegex(self.received(messages), r"(?m)^SIP/2\.0 181 ")
        self.assertIn("101>102 user-busy", self.cdr_forwards())

    def test_forward_no_answer_after_the_timeout(self):
        self.start([ext("101", forward_no_answer="102", forward_no_answer_timeout=5), ext("102")])
        ringing = self.phone("callee_noanswer.xml", "101")
        target = self.phone("callee.xml", "102")
        time.sleep(0.3)
        messages = self.ok(self.dial("caller_forwarded.xml", "101"))
        self.ok(ringing)
        self.ok(target)
        self.assertRegex(self.received(messages), r"(?m)^SIP/2\.0 181 ")
        self.assertIn("101>102 no-answer", self.cdr_forwards())

    def test_forward_loop_is_stopped(self):
        self.start([ext("101", forward_always="102"), ext("102", forward_always="101")])
        target = self.phone("callee.xml", "102")
        time.sleep(0.3)
        self.ok(self.dial("caller_forwarded.xml", "101"))
        self.ok(target)
        self.server.wait_log(r"forward of 102 to 101 not taken: loop")

    # -- forwarding to a ring group or a menu -------------------------------

    SALES = {"number": "600", "name": "Sales", "strategy": "simultaneous",
             "members": [{"extension": "102", "timeout": 20}], "final_destination": "hangup"}

    def call_from_100(self, callee):
        """Call @p callee from a Python phone (the group answers the caller at
        once, so SIPp's fixed script could hang up before the member answers).
        Returns the call and every response code up to the final one."""
        rtp = Phone()
        self.addCleanup(rtp.close)
        client = SipClient("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        call = OutgoingCall(client, "100", "pw-100-secret", callee, rtp.sdp()).start()
        codes = [call.next_response().status]
        while codes[-1] < 200:
            codes.append(call.next_response().status)
        return call, codes

    def test_forward_always_to_a_ring_group_rings_its_member(self):
        self.start([ext("101", forward_always="600"), ext("102")], ring_groups=[self.SALES])
        member = self.phone("callee.xml", "102")
        time.sleep(0.3)
        call, codes = self.call_from_100("101")
        self.assertIn(181, codes)
        self.assertEqual(codes[-1], 200)
        self.server.wait_log(r"\(group 600\): extension 102 answered")
        self.assertEqual(call.bye().status, 200)
        self.ok(member)
        self.assertIn("101>group 600 unconditional", self.cdr_forwards())

    def test_forward_busy_to_a_ring_group_set_by_feature_code(self):
        self.start([ext("101"), ext("102")], ring_groups=[self.SALES])
        self.ok(self.dial("caller_receives_bye.xml", "*90600", caller="101"))
        self.assertEqual(self.extension("101")["forward_busy"], "600")
        busy = self.phone("callee_busy.xml", "101")
        member = self.phone("callee.xml", "102")
        time.sleep(0.3)
        # 101's phone is busy: the relayed call hands its caller to the group.
        call, codes = self.call_from_100("101")
        self.assertIn(181, codes)
        self.assertEqual(codes[-1], 200)
        self.server.wait_log(r"forwarded: 101>group 600 user-busy")
        self.server.wait_log(r"\(group 600\): extension 102 answered")
        self.assertEqual(call.bye().status, 200)
        self.ok(busy)
        self.ok(member)
        self.assertIn("101>group 600 user-busy", self.cdr_forwards())

    def test_forward_always_to_a_menu(self):
        self.start([ext("101", forward_always="500")],
                   ivr_menus=[{"number": "500", "name": "Main", "timeout": 30, "options": {"1": "hangup"}}])
        messages = self.ok(self.dial("caller_forwarded.xml", "101"))
        self.assertRegex(self.received(messages), r"(?m)^SIP/2\.0 181 ")
        self.assertIn("101>menu 500 unconditional", self.cdr_forwards())

    def test_forward_always_to_voicemail_says_181_and_names_the_mailbox(self):
        self.start([ext("101", forward_always="*97", voicemail=True)])
        messages = self.ok(self.dial("caller_forwarded.xml", "101"))
        self.assertRegex(self.received(messages), r"(?m)^SIP/2\.0 181 ")
        self.assertIn("101>voicemail 101 unconditional", self.cdr_forwards())

    # -- forwarding out through a trunk --------------------------------------

    def forward_out(self, header):
        port = free_port("127.0.0.2")
        far = SippRun(os.path.join(TRUNKS, "trunk_answers.xml"), "127.0.0.1", 5060, local_ip="127.0.0.2",
                      local_port=port, keys={"mport": free_port("127.0.0.2")})
        self.start([ext("101", forward_always="90201234567")],
                   trunks=[{"name": "carrier", "host": "127.0.0.2", "port": port, "transport": "udp",
                            "allowed_addresses": ["127.0.0.2"], "forward_header": header}],
                   routes=[{"pattern": "9.", "strip": 1, "target": "carrier"}])
        messages = self.ok(self.dial("caller_forwarded.xml", "101"))
        self.assertRegex(self.received(messages), r"(?m)^SIP/2\.0 181 ")
        invite = self.received(self.ok(far))
        return invite, port

    def test_forward_to_a_trunk_carries_diversion(self):
        invite, _ = self.forward_out("diversion")
        self.assertRegex(invite, r"(?m)^Diversion: <sip:101@127\.0\.0\.1>;reason=unconditional;counter=1\s*$")
        self.assertNotIn("History-Info", invite)

    def test_forward_to_a_trunk_carries_history_info(self):
        invite, port = self.forward_out("history-info")
        self.assertIn("History-Info: <sip:101@127.0.0.1?Reason=SIP%3Bcause%3D302>;index=1,"
                      f"<sip:0201234567@127.0.0.2:{port}>;index=1.1;mp=1", invite)
        self.assertNotIn("Diversion", invite)

    def test_forward_header_none_sends_neither(self):
        invite, _ = self.forward_out("none")
        self.assertNotIn("Diversion", invite)
        self.assertNotIn("History-Info", invite)

    # -- do not disturb ------------------------------------------------------

    def test_dnd_gives_busy_or_voicemail(self):
        self.start([ext("101", dnd=True), ext("103", dnd=True, voicemail=True)])
        phone = self.phone("callee.xml", "101")  # registered, but must not ring
        self.assertEqual(self.final_code(self.ok(self.dial("caller_refused.xml", "101"))), 486)
        phone.proc.kill()
        phone.wait()
        # With voicemail on, the mailbox answers instead (103 has no phone).
        self.ok(self.dial("caller.xml", "103"))

    # -- feature codes -------------------------------------------------------

    def test_feature_codes_set_and_clear_forwarding_and_dnd(self):
        self.start([ext("101"), ext("102")])
        self.ok(self.dial("caller_receives_bye.xml", "*72102", caller="101"))
        self.assertEqual(self.extension("101")["forward_always"], "102")
        target = self.phone("callee.xml", "102")
        time.sleep(0.3)
        messages = self.ok(self.dial("caller_forwarded.xml", "101"))
        self.ok(target)
        self.assertRegex(self.received(messages), r"(?m)^SIP/2\.0 181 ")
        self.ok(self.dial("caller_receives_bye.xml", "*73", caller="101"))
        self.assertEqual(self.extension("101")["forward_always"], "")

        self.ok(self.dial("caller_receives_bye.xml", "*90102", caller="101"))
        self.ok(self.dial("caller_receives_bye.xml", "*92*97", caller="101"))
        e = self.extension("101")
        self.assertEqual((e["forward_busy"], e["forward_no_answer"]), ("102", "*97"))
        self.ok(self.dial("caller_receives_bye.xml", "*91", caller="101"))
        self.ok(self.dial("caller_receives_bye.xml", "*93", caller="101"))
        e = self.extension("101")
        self.assertEqual((e["forward_busy"], e["forward_no_answer"]), ("", ""))

        self.ok(self.dial("caller_receives_bye.xml", "*78", caller="101"))
        self.assertTrue(self.extension("101")["dnd"])
        self.ok(self.dial("caller_receives_bye.xml", "*79", caller="101"))
        self.assertFalse(self.extension("101")["dnd"])

        # A setting code without its number, or a forward to oneself.
        self.assertEqual(self.final_code(self.ok(self.dial("caller_refused.xml", "*72", caller="101"))), 484)
        self.assertEqual(self.final_code(self.ok(self.dial("caller_refused.xml", "*72101", caller="101"))), 484)

    # -- blacklist -----------------------------------------------------------

    def carrier_call(self, caller):
        run = SippRun(os.path.join(TRUNKS, "carrier_call_refused.xml"), "127.0.0.1", self.server.port,
                      local_ip="127.0.0.6", keys={"mport": free_port("127.0.0.6"), "did": "88001",
                                                  "from": caller})
        return self.final_code(self.ok(run))

    def test_blacklist_refuses_prefixes_and_anonymous_with_the_configured_answer(self):
        self.start([ext("101")], settings={"domain": "127.0.0.1", "blacklist": ["+86123", "anonymous"],
                                           "blacklist_answer": 603},
                   trunks=[{"name": "carrier", "host": "127.0.0.6", "port": 5060, "transport": "udp",
                            "allowed_addresses": ["127.0.0.6"], "dids": {"88001": "101"}}])
        self.assertEqual(self.carrier_call("+8612345678900"), 603)
        self.assertEqual(self.carrier_call("anonymous"), 603)
        # Not on the list: it reaches 101, which has no phone (480).
        self.assertEqual(self.carrier_call("+8613900000000"), 480)
        self.server.wait_log(r"call from \+8612345678900 via carrier refused: the caller is on the blacklist")

    def test_blacklist_answer_486(self):
        self.start([ext("101")], settings={"domain": "127.0.0.1", "blacklist": ["0044"], "blacklist_answer": 486},
                   trunks=[{"name": "carrier", "host": "127.0.0.6", "port": 5060, "transport": "udp",
                            "allowed_addresses": ["127.0.0.6"], "dids": {"88001": "101"}}])
        self.assertEqual(self.carrier_call("+442071234567"), 486)


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
