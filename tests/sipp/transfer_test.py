#!/usr/bin/env python3
"""Call transfer (issue 16): blind (REFER, RFC 3515) and attended (REFER with
Replaces, RFC 3891) through the B2BUA, with NOTIFY sipfrag progress, to an
extension or out through a trunk; REFER from a carrier refused.

SIPp plays the phones (127.0.0.1), a trunk's far end (127.0.0.2) and a carrier
calling in (127.0.0.6); one phone's second call is placed by the small Python
UA of sip_client.py (SIPp runs one dialog per process, and the attended REFER
must name that dialog's tags). Every SIPp run is bounded by its own -timeout;
no timing is asserted."""
import csv
import os
import re
import sys
import time
import unittest

from sip_client import MediaSocket, OutgoingCall, SipClient
from switchboard_harness import SippRun, free_port, run_sipp, start_server

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
TRANSFER = os.path.join(HERE, "scenarios", "transfer")
CALLS = os.path.join(HERE, "scenarios", "calls")
TRUNKS = os.path.join(HERE, "scenarios", "trunks")
REGISTER = os.path.join(HERE, "scenarios", "register_auth.xml")


def ext(number):
    return {"number": number, "password": f"pw-{number}-secret"}


def received(messages):
    return "\n".join(b for b in messages.split("-----------------------------------------------")
                     if "message received" in b)


class Transfer(unittest.TestCase):
    def start(self, **config):
        self.server = start_server(self, SERVER, {"version": 1, "settings": {"domain": "127.0.0.1"},
                                                  "extensions": [ext("100"), ext("101"), ext("102")], **config})

    def phone(self, scenario, number, folder=TRANSFER, extra=(), **keys):
        """A registered phone of @p number running @p scenario."""
        port = free_port()
        code, out = run_sipp(REGISTER, "127.0.0.1", self.server.port, local_port=port,
                             keys={"ext": number, "expires": 300},
                             extra=["-au", number, "-ap", f"pw-{number}-secret"])
        self.assertEqual(code, 0, out)
        return SippRun(os.path.join(folder, scenario), "127.0.0.1", self.server.port, local_port=port,
                       keys={"ext": number, "mport": free_port(), **keys}, extra=list(extra))

    def dial(self, scenario, callee, caller="100"):
        return SippRun(os.path.join(TRANSFER, scenario), "127.0.0.1", self.server.port,
                       keys={"ext": caller, "callee": callee, "mport": free_port()},
                       extra=["-au", caller, "-ap", f"pw-{caller}-secret"])

    def ok(self, run):
        code, out, messages = run.wait()
        self.assertEqual(code, 0, out)
        return messages

    def cdr(self, want_rows=1):
        """The CDR rows once @p want_rows calls have ended."""
        path = os.path.join(self.server.workdir, "cdr.csv")
        deadline = time.monotonic() + 10
        rows = []
        while time.monotonic() < deadline:
            self.server.cli("--cdr-export", path)
            with open(path) as f:
                rows = list(csv.DictReader(f))
            if len(rows) >= want_rows:
                return rows
            time.sleep(0.2)
        return rows

    # -- blind ---------------------------------------------------------------

    def test_blind_transfer_to_an_extension(self):
        self.start()
        target = self.phone("target_hangs_up.xml", "102")
        transferrer = self.phone("transferrer_blind.xml", "101", target="102")
        time.sleep(0.3)
        caller = self.dial("transferee.xml", "101")
        transferee_saw = received(self.ok(caller))
        transferrer_saw = received(self.ok(transferrer))
        target_saw = received(self.ok(target))
        self.assertNotRegex(transferee_saw, r"(?m)^REFER ", "the REFER went through to the transferee")
        # The target is called on the transferee's behalf.
        self.assertRegex(target_saw, r"(?m)^INVITE sip:102@")
        self.assertRegex(target_saw, r"(?m)^From: <sip:100@127\.0\.0\.1>")
        self.assertRegex(transferrer_saw, r"(?m)^Content-Type: message/sipfrag")
        rows = self.cdr()
        self.assertEqual([(r["caller"], r["callee"], r["transfers"]) for r in rows], [("100", "101", "101>102 blind")])
        self.server.wait_log(r"call \d+: transferred by 101 to 102 \(blind\)")

    def test_the_caller_transfers_the_callee(self):
        self.start()
        callee = self.phone("callee.xml", "101", folder=CALLS)
        target = self.phone("target_hangs_up.xml", "102")
        time.sleep(0.3)
        caller = SippRun(os.path.join(TRANSFER, "caller_transfers.xml"), "127.0.0.1", self.server.port,
                         keys={"ext": "100", "callee": "101", "target": "102", "mport": free_port()},
                         extra=["-au", "100", "-ap", "pw-100-secret"])
        self.ok(caller)
        self.assertNotRegex(received(self.ok(callee)), r"(?m)^REFER ")
        # 102 is called on behalf of 101, the party that stays.
        self.assertRegex(received(self.ok(target)), r"(?m)^From: <sip:101@127\.0\.0\.1>")
        self.assertEqual(self.cdr()[0]["transfers"], "100>102 blind")

    def test_blind_transfer_to_a_busy_extension_keeps_the_call(self):
        self.start()
        busy = self.phone("callee_busy.xml", "102", folder=CALLS)
        transferrer = self.phone("transferrer_blind_fails.xml", "101", target="102")
        time.sleep(0.3)
        caller = self.dial("transferee_held_bye.xml", "101")
        self.ok(caller)
        self.assertRegex(received(self.ok(transferrer)), r"(?m)^SIP/2\.0 486 Busy Here")
        self.ok(busy)
        self.assertEqual(self.cdr()[0]["transfers"], "")
        self.server.wait_log(r"transfer by 101 to 102 failed: 486 Busy Here")

    def test_blind_transfer_when_the_transferrer_hangs_up_at_once(self):
        self.start()
        target = self.phone("target_hangs_up.xml", "102")
        transferrer = self.phone("transferrer_early_bye.xml", "101", target="102", extra=["-aa"])
        time.sleep(0.3)
        caller = SippRun(os.path.join(CALLS, "caller_receives_bye.xml"), "127.0.0.1", self.server.port,
                         keys={"ext": "100", "callee": "101", "mport": free_port()},
                         extra=["-au", "100", "-ap", "pw-100-secret"])
        self.ok(transferrer)
        self.ok(caller)
        self.assertRegex(received(self.ok(target)), r"(?m)^From: <sip:100@")
        self.assertEqual(self.cdr()[0]["transfers"], "101>102 blind")

    def test_refer_sub_false_gets_no_notify(self):
        self.start()
        target = self.phone("target_hangs_up.xml", "102")
        transferrer = self.phone("transferrer_no_sub.xml", "101", target="102")
        time.sleep(0.3)
        caller = SippRun(os.path.join(CALLS, "caller_receives_bye.xml"), "127.0.0.1", self.server.port,
                         keys={"ext": "100", "callee": "101", "mport": free_port()},
                         extra=["-au", "100", "-ap", "pw-100-secret"])
        self.assertNotRegex(received(self.ok(transferrer)), r"(?m)^NOTIFY ")
        self.ok(caller)
        self.ok(target)
        self.assertEqual(self.cdr()[0]["transfers"], "101>102 blind")

    def test_a_second_refer_waits_and_the_transferee_hanging_up_ends_the_transfer(self):
        self.start()
        ringing = self.phone("callee_noanswer.xml", "102", folder=CALLS)
        transferrer = self.phone("transferrer_twice.xml", "101", target="102")
        time.sleep(0.3)
        caller = self.dial("caller_hangs_up_later.xml", "101")
        self.ok(caller)
        self.ok(transferrer)  # 491 to the second REFER, NOTIFY 487, BYE
        self.ok(ringing)      # the target's INVITE is cancelled
        self.assertEqual(self.cdr()[0]["transfers"], "")

    def test_blind_transfer_out_through_a_trunk(self):
        port = free_port("127.0.0.2")
        far = SippRun(os.path.join(TRUNKS, "trunk_answers.xml"), "127.0.0.1", 5060, local_ip="127.0.0.2",
                      local_port=port, keys={"mport": free_port("127.0.0.2")})
        self.start(trunks=[{"name": "carrier", "host": "127.0.0.2", "port": port, "transport": "udp",
                            "allowed_addresses": ["127.0.0.2"]}],
                   routes=[{"pattern": "9.", "strip": 1, "target": "carrier"}])
        transferrer = self.phone("transferrer_blind.xml", "101", target="90201234567")
        time.sleep(0.3)
        caller = self.dial("transferee_hangs_up.xml", "101")
        self.ok(caller)
        self.ok(transferrer)
        far_saw = received(self.ok(far))
        self.assertRegex(far_saw, r"(?m)^INVITE sip:0201234567@127\.0\.0\.2")
        self.assertNotRegex(far_saw, r"(?m)^REFER ")
        row = self.cdr()[0]
        self.assertEqual(row["transfers"], "101>90201234567 blind")

    # -- blind, to a service ------------------------------------------------

    SALES = {"number": "600", "name": "Sales", "strategy": "simultaneous",
             "members": [{"extension": "102", "timeout": 20}], "final_destination": "hangup"}

    def service_transfer(self, target, transferee="transferee_leaves_service.xml", **config):
        """100 calls 101, which transfers it blind to @p target; what 100 received."""
        transferrer = self.phone("transferrer_blind_service.xml", "101", target=target)
        time.sleep(0.3)
        saw = received(self.ok(self.dial(transferee, "101")))
        self.ok(transferrer)
        self.assertNotRegex(saw, r"(?m)^REFER ")
        # The media engine goes on with the session the transferee knows
        # (RFC 3264 §8): same o= session id, a newer version.
        origins = [(int(i), int(v)) for i, v in re.findall(r"(?m)^o=switchboard (\d+) (\d+) ", saw)]
        self.assertGreaterEqual(len(origins), 3, saw)
        self.assertEqual({i for i, _ in origins}, {origins[0][0]})
        self.assertGreater(origins[-1][1], origins[-2][1])
        return saw

    def service_row(self, rows):
        return next(r for r in rows if r["transfers"] == "")

    def test_blind_transfer_to_a_ring_group(self):
        self.start(ring_groups=[self.SALES])
        member = self.phone("target_hangs_up.xml", "102")
        self.service_transfer("600", transferee="transferee_to_service.xml")
        # The group rings its member for the transferee, who is then hung up
        # on when the member hangs up.
        self.assertRegex(received(self.ok(member)), r"(?m)^From: .*<sip:100@")
        rows = self.cdr(2)
        self.assertIn("101>600 blind", [r["transfers"] for r in rows])
        service = self.service_row(rows)
        self.assertEqual((service["caller"], service["callee"]), ("100", "600"))
        self.assertIn("(transfer)", service["route"])
        self.assertIn("answered by 102", service["route"])
        self.server.wait_log(r"call \d+: transferred by 101 to group 600 .*\(transfer\) \(blind\)")

    def test_blind_transfer_to_a_menu(self):
        self.start(ivr_menus=[{"number": "500", "name": "Main", "timeout": 30, "options": {"1": "hangup"}}])
        self.service_transfer("500")
        rows = self.cdr(2)
        self.assertIn("101>500 blind", [r["transfers"] for r in rows])
        self.assertEqual(self.service_row(rows)["callee"], "500")

    def test_blind_transfer_to_an_extension_forwarded_to_voicemail(self):
        self.start(extensions=[ext("100"), ext("101"), {**ext("102"), "voicemail": True, "forward_always": "*97"}])
        self.service_transfer("102")
        rows = self.cdr(2)
        self.assertIn("101>102 blind", [r["transfers"] for r in rows])
        self.assertEqual(self.service_row(rows)["route"], "voicemail 102 (transfer)")

    def test_blind_transfer_to_star_97_and_an_extension_reaches_its_voicemail(self):
        self.start(extensions=[ext("100"), ext("101"), {**ext("102"), "voicemail": True}])
        self.service_transfer("*97102")
        self.assertEqual(self.service_row(self.cdr(2))["route"], "voicemail 102 (transfer)")

    def test_blind_transfer_to_star_97_and_an_extension_without_voicemail_fails_480(self):
        self.start()  # 102 has voicemail off
        transferrer = self.phone("transferrer_blind_fails.xml", "101", target="*97102")
        time.sleep(0.3)
        self.ok(self.dial("transferee_held_bye.xml", "101"))
        self.assertRegex(received(self.ok(transferrer)), r"(?m)^SIP/2\.0 480 Temporarily Unavailable")
        self.assertEqual(self.cdr()[0]["transfers"], "")

    def test_blind_transfer_to_a_conference_room(self):
        self.start()
        self.service_transfer("*88123")
        self.assertEqual(self.service_row(self.cdr(2))["route"], "conference 123 (transfer)")

    def test_blind_transfer_to_a_busy_extension_with_voicemail_reaches_its_mailbox(self):
        # As for a call dialled to 102: busy, no forward, voicemail on.
        self.start(extensions=[ext("100"), ext("101"), {**ext("102"), "voicemail": True}])
        busy = self.phone("callee_busy.xml", "102", folder=CALLS)
        self.service_transfer("102")
        self.ok(busy)
        rows = self.cdr(2)
        self.assertIn("101>102 blind", [r["transfers"] for r in rows])
        self.assertEqual(self.service_row(rows)["route"], "voicemail 102 (transfer)")
        self.server.wait_log(r"transfer target 102 answered 486: on to voicemail 102")

    def test_blind_transfer_unanswered_follows_the_targets_no_answer_forward(self):
        self.start(extensions=[ext("100"), ext("101"), ext("103"),
                               {**ext("102"), "forward_no_answer": "103", "forward_no_answer_timeout": 5}])
        ringing = self.phone("callee_noanswer.xml", "102", folder=CALLS)
        target = self.phone("target_hangs_up.xml", "103")
        transferrer = self.phone("transferrer_blind.xml", "101", target="102")
        time.sleep(0.3)
        caller = self.dial("transferee.xml", "101")
        self.ok(caller)
        # NOTIFY 100, one 180 for both phones ringing in turn, then 200.
        self.ok(transferrer)
        self.ok(ringing)
        self.assertRegex(received(self.ok(target)), r"(?m)^From: <sip:100@")
        self.server.wait_log(r"transfer target 102 answered 480: on to 102>103 no-answer")
        self.assertEqual(self.cdr()[0]["transfers"], "101>103 blind")

    def test_a_transferee_refusing_the_move_to_a_service_is_hung_up(self):
        self.start(ring_groups=[self.SALES])
        transferrer = self.phone("transferrer_blind_service.xml", "101", target="600")
        time.sleep(0.3)
        self.ok(self.dial("transferee_refuses_move.xml", "101"))
        self.ok(transferrer)
        self.server.wait_log(r"the transferred party refused the move to group 600.* \(488\)")

    def test_a_transfer_to_my_voicemail_code_is_not_a_service(self):
        # *97 means "my mailbox": it would open the transferee's, so it is
        # an outside number here, and no route takes it.
        self.start()
        transferrer = self.phone("transferrer_blind_fails.xml", "101", target="*97")
        time.sleep(0.3)
        self.ok(self.dial("transferee_held_bye.xml", "101"))
        self.ok(transferrer)
        self.server.wait_log(r"transfer by 101 to \*97 failed")

    # -- attended ------------------------------------------------------------

    def test_attended_transfer_joins_the_held_call(self):
        self.start()
        target = self.phone("target_joins.xml", "102")
        time.sleep(0.3)
        # 101's consultation call to 102, from a second "line" of the phone.
        client = SipClient("127.0.0.1", self.server.port, timeout=5)
        media = MediaSocket()
        self.addCleanup(client.close)
        self.addCleanup(media.close)
        consult = OutgoingCall(client, "101", "pw-101-secret", "102", media.sdp()).start()
        final = consult.next_response()
        while final.status < 200:
            final = consult.next_response()
        self.assertEqual(final.status, 200)
        pbx_tag = re.search(r";tag=([^;\s]+)", final.get("To")).group(1)

        transferrer = self.phone("transferrer_attended.xml", "101", target="102", yid=client.call_id,
                                 ytag=client.tag, ptag=pbx_tag)
        time.sleep(0.3)
        caller = self.dial("transferee.xml", "101")
        transferee_saw = received(self.ok(caller))
        self.ok(transferrer)
        self.ok(target)
        self.assertNotRegex(transferee_saw, r"(?m)^REFER ")
        # The consultation call's leg toward 101 is hung up by Switchboard.
        self.assertTrue(client.wait_for_bye(5), "no BYE on the consultation call")
        rows = sorted(self.cdr(2), key=lambda r: r["start"])
        self.assertEqual(rows[0]["transfers"], "101>100 attended")  # the consultation call
        self.assertEqual((rows[1]["caller"], rows[1]["callee"], rows[1]["transfers"]),
                         ("100", "101", "101>102 attended"))

    def test_attended_transfer_naming_no_call_fails_with_481(self):
        self.start()
        transferrer = self.phone("transferrer_attended_fails.xml", "101", target="102", yid="nosuchcall",
                                 ytag="a", ptag="b")
        time.sleep(0.3)
        caller = self.dial("transferee_held_bye.xml", "101")
        self.assertRegex(received(self.ok(transferrer)), r"(?m)^SIP/2\.0 481 Call/Transaction Does Not Exist")
        self.ok(caller)
        self.server.wait_log(r"attended transfer by 101 failed: its Replaces names no answered call")

    # -- INVITE with Replaces (RFC 3891) -------------------------------------

    def consultation(self, caller, callee):
        """A call from @p caller (the Python UA) to the SIPp phone of @p callee, answered."""
        client = SipClient("127.0.0.1", self.server.port, timeout=5)
        media = MediaSocket()
        self.addCleanup(client.close)
        self.addCleanup(media.close)
        call = OutgoingCall(client, caller, f"pw-{caller}-secret", callee, media.sdp()).start()
        final = call.next_response()
        while final.status < 200:
            final = call.next_response()
        self.assertEqual(final.status, 200)
        return client, call, re.search(r";tag=([^;\s]+)", final.get("To")).group(1)

    def replacing_invite(self, by, callee, replaces):
        client = SipClient("127.0.0.1", self.server.port, timeout=5)
        media = MediaSocket()
        self.addCleanup(client.close)
        self.addCleanup(media.close)
        call = OutgoingCall(client, by, f"pw-{by}-secret", callee, media.sdp()).start([f"Replaces: {replaces}"])
        final = call.next_response()
        while final.status < 200:
            final = call.next_response()
        return call, final

    def test_invite_with_replaces_takes_the_place_of_a_party(self):
        self.start()
        phone = self.phone("callee.xml", "101", folder=CALLS)
        time.sleep(0.3)
        first, _, pbx_tag = self.consultation("100", "101")
        # 102 takes 100's place in the call (as a phone does after an
        # attended transfer it carried out itself, or to pick up a call).
        call, final = self.replacing_invite("102", "101", f"{first.call_id};to-tag={pbx_tag};from-tag={first.tag}")
        self.assertEqual(final.status, 200)
        self.assertRegex(final.body, r"(?m)^m=audio \d+ RTP/AVP 0 101\r?$")  # the call's codec, PCMU
        self.assertTrue(first.wait_for_bye(5), "the replaced party got no BYE")
        self.assertEqual(call.bye().status, 200)
        self.ok(phone)  # 101 is hung up on by 102's BYE
        self.assertEqual(self.cdr()[0]["transfers"], "100>102 replaces")

    def test_invite_with_replaces_naming_no_call_is_refused_481(self):
        self.start()
        _, final = self.replacing_invite("102", "101", "nosuchcall;to-tag=a;from-tag=b")
        self.assertEqual(final.status, 481)

    # -- refused -------------------------------------------------------------

    def test_refer_with_a_bad_refer_to_is_refused_400(self):
        self.start()
        transferrer = self.phone("refer_refused.xml", "101", target="<mailto:someone@example.com>")
        time.sleep(0.3)
        caller = SippRun(os.path.join(CALLS, "caller_receives_bye.xml"), "127.0.0.1", self.server.port,
                         keys={"ext": "100", "callee": "101", "mport": free_port()},
                         extra=["-au", "100", "-ap", "pw-100-secret"])
        self.assertRegex(received(self.ok(transferrer)), r"(?m)^SIP/2\.0 400 Bad Refer-To")
        self.ok(caller)

    def test_refer_from_a_carrier_is_refused_403(self):
        self.start(trunks=[{"name": "carrier", "host": "127.0.0.6", "port": 5060, "transport": "udp",
                            "allowed_addresses": ["127.0.0.6"], "default_extension": "101"}])
        phone = self.phone("callee.xml", "101", folder=CALLS)
        time.sleep(0.3)
        carrier = SippRun(os.path.join(TRANSFER, "carrier_refers.xml"), "127.0.0.1", self.server.port,
                          local_ip="127.0.0.6", keys={"mport": free_port("127.0.0.6")})
        self.ok(carrier)
        self.assertNotRegex(received(self.ok(phone)), r"(?m)^REFER ")
        self.server.wait_log(r"REFER from the caller \(carrier\) refused: only extensions transfer calls")


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
