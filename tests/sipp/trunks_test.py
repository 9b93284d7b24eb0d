#!/usr/bin/env python3
"""Calls out through SIP trunks and external lines, and in from carriers.

SIPp plays the far ends: trunk peers and an IMS proxy on their own loopback
addresses (127.0.0.2, .3, ...), so that address-based trunk recognition is
tested for real; the office phones are SIPp on 127.0.0.1."""
import os
import re
import sys
import time
import unittest

from switchboard_harness import SippRun, free_port, run_sipp, start_server

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
CALLS = os.path.join(HERE, "scenarios", "calls")
TRUNKS = os.path.join(HERE, "scenarios", "trunks")
REGISTER = os.path.join(HERE, "scenarios", "register_auth.xml")
EXTENSIONS = [{"number": "100", "password": "pw-100-secret", "name": "Reception"},
              {"number": "101", "password": "pw-101-secret", "name": "Office"}]


def trunk(name, host, port, **extra):
    t = {"name": name, "host": host, "port": port, "transport": "udp", "allowed_addresses": [host]}
    t.update(extra)
    return t


class Trunks(unittest.TestCase):
    def start_server(self, config):
        self.server = start_server(self, SERVER, {"version": 1, "settings": {"domain": "127.0.0.1"},
                                                  "extensions": EXTENSIONS, **config})
        return self.server

    def far_end(self, scenario, ip, port, extra=()):
        return SippRun(os.path.join(TRUNKS, scenario), "127.0.0.1", 5060, local_ip=ip, local_port=port,
                       keys={"mport": free_port(ip)}, extra=list(extra))

    def dial(self, number):
        return SippRun(os.path.join(CALLS, "caller.xml"), "127.0.0.1", self.server.port,
                       keys={"ext": "100", "callee": number, "mport": free_port()},
                       extra=["-au", "100", "-ap", "pw-100-secret"])

    def request_line(self, messages):
        m = re.search(r"^INVITE (\S+) SIP/2\.0", messages, re.M)
        return m.group(1) if m else None

    def ok(self, run):
        code, out, messages = run.wait()
        self.assertEqual(code, 0, out)
        return messages

    def test_trunk_appends_its_request_uri_parameter_exactly_once(self):
        port = free_port("127.0.0.2")
        far = self.far_end("trunk_answers.xml", "127.0.0.2", port)
        self.start_server({"trunks": [trunk("carrier", "127.0.0.2", port, request_uri_params="user=phone")],
                           "routes": [{"pattern": "9.", "strip": 1, "target": "carrier"}]})
        self.ok(self.dial("9013901088888"))
        ruri = self.request_line(self.ok(far))
        self.assertEqual(ruri, "sip:013901088888@127.0.0.2:%d;user=phone" % port)

    def test_line_call_goes_to_the_proxy_with_user_phone_and_line_credentials(self):
        port = free_port("127.0.0.3")
        far = self.far_end("ims_proxy_challenges.xml", "127.0.0.3", port)
        self.start_server({"lines": [{"name": "ims", "domain": "gd.ctcims.cn", "account": "+8612345678",
                                      "password": "line-secret", "auth_id_includes_address": True,
                                      "caller_id": "+8612345600",
                                      "proxy": "127.0.0.3:%d" % port, "register": False}],
                           "routes": [{"pattern": "0.", "strip": 0, "target": "ims"}]})
        self.ok(self.dial("013901088888"))
        messages = self.ok(far)
        invites = re.findall(r"^INVITE (\S+) SIP/2\.0", messages, re.M)
        self.assertEqual(invites, ["sip:013901088888@gd.ctcims.cn;user=phone"] * 2)
        self.assertRegex(messages, r"(?m)^Route: <sip:127\.0\.0\.3:%d[^>]*;lr[^>]*>" % port)
        self.assertRegex(messages, r"(?m)^From: <sip:\+8612345678@gd\.ctcims\.cn>")
        self.assertRegex(messages, r'(?m)^Proxy-Authorization: Digest username="\+8612345678@gd\.ctcims\.cn"')
        self.assertRegex(messages, r"(?m)^P-Preferred-Identity: <sip:\+8612345600@gd\.ctcims\.cn>")

    def test_failover_to_the_second_target_on_503(self):
        p1, p2 = free_port("127.0.0.4"), free_port("127.0.0.5")
        down = self.far_end("trunk_503.xml", "127.0.0.4", p1)
        up = self.far_end("trunk_answers.xml", "127.0.0.5", p2)
        self.start_server({"trunks": [trunk("primary", "127.0.0.4", p1), trunk("backup", "127.0.0.5", p2)],
                           "routes": [{"pattern": "9.", "strip": 1, "target": "primary", "failover": "backup"}]})
        self.ok(self.dial("90201234567"))
        self.ok(down)
        self.assertEqual(self.request_line(self.ok(up)), "sip:0201234567@127.0.0.5:%d" % p2)
        self.server.wait_log(r"503, failing over to backup")

    def test_incoming_tel_uris_ring_the_did_extension(self):
        self.start_server({"trunks": [trunk("carrier", "127.0.0.6", 5060, dids={"+8613901088888": "101"})]})
        phone_port = free_port()
        code, out = run_sipp(REGISTER, "127.0.0.1", self.server.port, local_port=phone_port,
                             keys={"ext": "101", "expires": 300}, extra=["-au", "101", "-ap", "pw-101-secret"])
        self.assertEqual(code, 0, out)
        phone = SippRun(os.path.join(CALLS, "callee.xml"), "127.0.0.1", self.server.port, local_port=phone_port,
                        keys={"ext": "101", "mport": free_port()})
        time.sleep(0.3)
        carrier = SippRun(os.path.join(TRUNKS, "carrier_calls_in.xml"), "127.0.0.1", self.server.port,
                          local_ip="127.0.0.6", keys={"mport": free_port("127.0.0.6")})
        self.ok(carrier)
        messages = self.ok(phone)
        received = "\n".join(b for b in messages.split("-----------------------------------------------")
                             if "message received" in b)
        self.assertIn("INVITE sip:101@", received)
        self.assertNotIn("tel:", received, "Switchboard sent a TEL URI to the phone")
        self.assertRegex(received, r"(?m)^From: <sip:\+8612345678900@")
        # The suite-wide check (SwitchboardServer.stop) reads the same trace:
        # make sure it sees this call's messages, responses to the carrier included.
        sent = self.server.sent_messages()
        self.assertTrue(any("INVITE sip:101@" in m for m in sent), "trace has no INVITE to the phone")
        self.assertTrue(any("\nSIP/2.0 200 OK" in m and "From: <tel:" in m for m in sent))

    def test_trunk_default_extension_rings_when_no_did_matches(self):
        self.start_server({"trunks": [trunk("carrier", "127.0.0.6", 5060, dids={"+8613900000000": "100"},
                                            default_extension="101")]})
        phone_port = free_port()
        code, out = run_sipp(REGISTER, "127.0.0.1", self.server.port, local_port=phone_port,
                             keys={"ext": "101", "expires": 300}, extra=["-au", "101", "-ap", "pw-101-secret"])
        self.assertEqual(code, 0, out)
        phone = SippRun(os.path.join(CALLS, "callee.xml"), "127.0.0.1", self.server.port, local_port=phone_port,
                        keys={"ext": "101", "mport": free_port()})
        time.sleep(0.3)
        carrier = SippRun(os.path.join(TRUNKS, "carrier_calls_in.xml"), "127.0.0.1", self.server.port,
                          local_ip="127.0.0.6", keys={"mport": free_port("127.0.0.6")})
        self.ok(carrier)
        self.assertIn("INVITE sip:101@", self.ok(phone))

    def test_trunk_credentials_and_caller_id_rules(self):
        port = free_port("127.0.0.3")
        far = self.far_end("ims_proxy_challenges.xml", "127.0.0.3", port)
        self.start_server({"trunks": [trunk("carrier", "127.0.0.3", port, auth_user="office-7",
                                            auth_password="trunk-secret", caller_id_prefix="+861088")],
                           "routes": [{"pattern": "0.", "strip": 0, "target": "carrier"}]})
        self.ok(self.dial("013901088888"))
        messages = self.ok(far)
        self.assertRegex(messages, r'(?m)^Proxy-Authorization: Digest username="office-7"')
        self.assertRegex(messages, r"(?m)^From: <sip:\+861088100@127\.0\.0\.1>")
        self.assertRegex(messages, r"(?m)^P-Asserted-Identity: <sip:\+861088100@127\.0\.0\.1>")

    def test_route_refuses_extensions_it_does_not_allow(self):
        self.start_server({"trunks": [trunk("carrier", "127.0.0.2", 5060)],
                           "routes": [{"pattern": "9.", "strip": 1, "target": "carrier",
                                       "allowed_extensions": ["101"]}]})
        run = SippRun(os.path.join(CALLS, "caller_rejected.xml"), "127.0.0.1", self.server.port,
                      keys={"ext": "100", "callee": "90201234567", "mport": free_port()},
                      extra=["-au", "100", "-ap", "pw-100-secret"])
        finals = re.findall(r"(?m)^SIP/2\.0 ([2-6]\d\d) ", self.ok(run))
        self.assertEqual(finals[-1], "403")
        self.server.wait_log(r"refused: the matching route does not allow this extension")

    def test_stranger_is_challenged_then_refused(self):
        self.start_server({"trunks": [trunk("carrier", "127.0.0.6", 5060, dids={"+8613901088888": "101"})]})
        run = SippRun(os.path.join(TRUNKS, "stranger_calls_in.xml"), "127.0.0.1", self.server.port,
                      local_ip="127.0.0.7", extra=["-au", "101", "-ap", "guessed"])
        self.ok(run)


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
