#!/usr/bin/env python3
"""The carrier interop matrix: RFC 3262 100rel/PRACK both ways and RFC 3311
UPDATE, with SIPp as carriers and phones against switchboard-server."""
import json
import os
import re
import sys
import tempfile
import time
import unittest

from sip_client import MediaSocket, OutgoingCall, SipClient, rtp_packet, sdp_endpoint
from switchboard_harness import SippRun, SwitchboardServer, free_port, run_sipp

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
REL = os.path.join(HERE, "scenarios", "rel")
CALLS = os.path.join(HERE, "scenarios", "calls")
TRUNKS = os.path.join(HERE, "scenarios", "trunks")
REGISTER = os.path.join(HERE, "scenarios", "register_auth.xml")
CONFIG = os.path.join(HERE, "configs", "calls.json")


def even_free_port():
    while True:
        p = free_port()
        if p % 2 == 0 and p < 65000:
            return p


def sent_messages(server):
    """Every message Switchboard sent, from its debug trace."""
    text = server.log_text()
    return [m for m in re.split(r"\n(?=\d{4}-\d\d-\d\d )", text) if " sent to " in m.split("\n")[0]]


class Matrix(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SwitchboardServer(SERVER, config_json=CONFIG).start()

    @classmethod
    def tearDownClass(cls):
        if os.environ.get("SB_DUMP_LOG"):
            with open(os.environ["SB_DUMP_LOG"], "w") as f:
                f.write(cls.server.log_text())
        # Switchboard never sends UPDATE (it changes media with re-INVITE).
        updates = [m for m in sent_messages(cls.server) if re.search(r"(?m)^UPDATE ", m)]
        cls.server.stop()
        cls.server._tmp.cleanup()
        assert not updates, "Switchboard sent UPDATE:\n" + updates[0]

    def phone(self, scenario, folder=REL, extra=(), **keys):
        port = free_port()
        code, out = run_sipp(REGISTER, "127.0.0.1", self.server.port, local_port=port,
                             keys={"ext": "101", "expires": 300}, extra=["-au", "101", "-ap", "pw-101-secret"])
        self.assertEqual(code, 0, out)
        run = SippRun(os.path.join(folder, scenario), "127.0.0.1", self.server.port, local_port=port,
                      keys={"ext": "101", "mport": free_port(), **keys}, extra=list(extra), timeout_s=100)
        self.addCleanup(self.unregister_all)
        time.sleep(0.3)
        return run

    def unregister_all(self):
        c = SipClient("127.0.0.1", self.server.port)
        c.register("101", "pw-101-secret", contacts=["Contact: *"], expires=0)
        c.close()

    def caller(self, scenario, folder=REL):
        return SippRun(os.path.join(folder, scenario), "127.0.0.1", self.server.port,
                       keys={"ext": "100", "callee": "101", "mport": free_port()},
                       extra=["-au", "100", "-ap", "pw-100-secret"], timeout_s=100)

    def ok(self, *runs):
        out = []
        for run in runs:
            code, text, messages = run.wait()
            self.assertEqual(code, 0, text)
            out.append(messages)
        return out

    # -- Switchboard as callee -------------------------------------------------

    def test_in_require_100rel_gets_reliable_18x_and_prack_200(self):
        callee = self.phone("callee.xml", CALLS)
        self.ok(self.caller("caller_requires_100rel.xml"), callee)

    def test_in_supported_100rel_only_gets_unreliable_18x(self):
        callee = self.phone("callee.xml", CALLS)
        self.ok(self.caller("caller_supports_100rel.xml"), callee)

    def test_in_prack_never_comes_504_after_64_t1(self):
        callee = self.phone("callee_noanswer.xml", CALLS)
        t0 = time.monotonic()
        caller_messages, _ = self.ok(self.caller("caller_never_pracks.xml"), callee)
        elapsed = time.monotonic() - t0
        self.assertGreater(elapsed, 30, "gave up before 64·T1")
        rseqs = re.findall(r"(?m)^RSeq: (\d+)", caller_messages)
        self.assertGreaterEqual(len(rseqs), 5, "the reliable 180 must be retransmitted")
        self.assertEqual(len(set(rseqs)), 1, "a retransmission keeps its RSeq")

    # -- Switchboard as caller -------------------------------------------------

    def test_out_reliable_183_with_sdp_then_unreliable_180(self):
        callee = self.phone("callee_reliable_183.xml")
        caller_messages, _ = self.ok(self.caller("caller_18x.xml", CALLS), callee)
        self.assertRegex(caller_messages, r"SIP/2\.0 183 ")

    def test_out_two_reliable_18x_in_a_row(self):
        callee = self.phone("callee_two_reliable.xml")
        self.ok(self.caller("caller_18x.xml", CALLS), callee)

    def test_out_retransmitted_reliable_18x_is_not_processed_twice(self):
        callee = self.phone("callee_retransmits_183.xml")
        caller_messages, callee_messages = self.ok(self.caller("caller_18x.xml", CALLS), callee)
        self.assertEqual(len(re.findall(r"(?m)^PRACK ", callee_messages)), 1)
        self.assertEqual(len(re.findall(r"(?m)^SIP/2\.0 183 ", caller_messages)), 1,
                         "the retransmitted 183 reached the caller again")

    # -- session timers (RFC 4028) --------------------------------------------

    def test_session_timer_refreshed_by_update_keeps_the_call(self):
        callee = self.phone("callee.xml", CALLS)
        self.ok(self.caller("caller_session_timer.xml"), callee)

    def test_switchboard_as_refresher_sends_a_reinvite_in_time(self):
        callee = self.phone("callee.xml", CALLS)
        t0 = time.monotonic()
        self.ok(self.caller("caller_session_we_refresh.xml"), callee)
        elapsed = time.monotonic() - t0
        self.assertGreater(elapsed, 30, "refreshed far too early")
        self.assertLess(elapsed, 60, "refreshed too late for a 90 s session")

    def test_session_expires_below_min_se_gets_422(self):
        self.ok(self.caller("caller_session_too_short.xml"))

    def test_session_not_refreshed_is_ended_with_bye(self):
        callee = self.phone("callee.xml", CALLS)
        t0 = time.monotonic()
        self.ok(self.caller("caller_session_not_refreshed.xml"), callee)
        self.assertGreater(time.monotonic() - t0, 55, "ended before the session ran out")

    # -- UPDATE ----------------------------------------------------------------

    def test_update_without_sdp_in_confirmed_dialog_keeps_the_call(self):
        callee = self.phone("callee_update_confirmed.xml")
        self.ok(self.caller("caller.xml", CALLS), callee)

    def test_update_in_glare_with_our_reinvite_gets_491(self):
        callee = self.phone("callee_update_glare.xml")
        self.ok(self.caller("caller_hold.xml", CALLS), callee)

    def test_update_with_sdp_in_early_dialog_repoints_early_media(self):
        mp = even_free_port()
        callee = self.phone("callee_update_early.xml", extra=["-rtp_echo", "-mp", str(mp)])
        media = MediaSocket()
        self.addCleanup(media.close)
        client = SipClient("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        call = OutgoingCall(client, "100", "pw-100-secret", "101", media.sdp()).start()
        r183 = call.next_response()
        self.assertEqual(r183.status, 183)
        relay = sdp_endpoint(r183.body)
        time.sleep(0.4)  # the callee's UPDATE moves its media to the echo port
        for i in range(20):
            media.sock.sendto(rtp_packet(i, i * 160), relay)
            media.drain(0.02)
        media.drain(0.3)
        echoed = [p for p in media.received if p[2] == 160]
        self.assertGreaterEqual(len(echoed), 18, "early RTP did not follow the UPDATE to its new address")
        r200 = call.next_response()
        self.assertEqual(r200.status, 200)
        self.assertEqual(call.bye().status, 200)
        self.ok(callee)


class Disable100rel(unittest.TestCase):
    def test_prack_refused_warns_and_next_invite_has_no_100rel_and_disable_option(self):
        port = free_port("127.0.0.8")
        config = {"version": 1, "settings": {"domain": "127.0.0.1"},
                  "extensions": [{"number": "100", "password": "pw-100-secret"}],
                  "trunks": [{"name": "broken", "host": "127.0.0.8", "port": port,
                              "allowed_addresses": ["127.0.0.8"]},
                             {"name": "plain", "host": "127.0.0.9", "port": port, "disable_100rel": True,
                              "allowed_addresses": ["127.0.0.9"]}],
                  "routes": [{"pattern": "8.", "strip": 1, "target": "broken"},
                             {"pattern": "7.", "strip": 1, "target": "plain"}]}
        tmp = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        json.dump(config, tmp)
        tmp.close()
        self.addCleanup(os.unlink, tmp.name)
        with SwitchboardServer(SERVER, config_json=tmp.name) as server:
            def dial(number):
                return SippRun(os.path.join(CALLS, "caller.xml"), "127.0.0.1", server.port,
                               keys={"ext": "100", "callee": number, "mport": free_port()},
                               extra=["-au", "100", "-ap", "pw-100-secret"])

            def far(scenario, ip):
                return SippRun(os.path.join(REL, scenario), "127.0.0.1", 5060, local_ip=ip, local_port=port,
                               keys={"mport": free_port(ip)})

            first = far("trunk_refuses_prack.xml", "127.0.0.8")
            time.sleep(0.3)
            self.ok(dial("8555"), first)
            server.wait_log(r"broken: peer requires 100rel but rejects PRACK")
            second = far("trunk_expects_no_100rel.xml", "127.0.0.8")
            time.sleep(0.3)
            self.ok(dial("8556"), second)
            plain = far("trunk_expects_no_100rel.xml", "127.0.0.9")
            time.sleep(0.3)
            self.ok(dial("7557"), plain)

    def test_prack_refused_only_warns_when_auto_disable_is_off(self):
        port = free_port("127.0.0.8")
        config = {"version": 1, "settings": {"domain": "127.0.0.1", "prack_auto_disable": False},
                  "extensions": [{"number": "100", "password": "pw-100-secret"}],
                  "trunks": [{"name": "broken", "host": "127.0.0.8", "port": port,
                              "allowed_addresses": ["127.0.0.8"]}],
                  "routes": [{"pattern": "8.", "strip": 1, "target": "broken"}]}
        tmp = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        json.dump(config, tmp)
        tmp.close()
        self.addCleanup(os.unlink, tmp.name)
        with SwitchboardServer(SERVER, config_json=tmp.name) as server:
            for number in ("8555", "8556"):
                # Both calls offer 100rel (the scenario checks Supported: 100rel).
                far = SippRun(os.path.join(REL, "trunk_refuses_prack.xml"), "127.0.0.1", 5060,
                              local_ip="127.0.0.8", local_port=port, keys={"mport": free_port("127.0.0.8")})
                time.sleep(0.3)
                caller = SippRun(os.path.join(CALLS, "caller.xml"), "127.0.0.1", server.port,
                                 keys={"ext": "100", "callee": number, "mport": free_port()},
                                 extra=["-au", "100", "-ap", "pw-100-secret"])
                self.ok(caller, far)
            server.wait_log(r'broken: peer requires 100rel but rejects PRACK \(405\); consider "Disable 100rel"')

    ok = Matrix.ok


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
