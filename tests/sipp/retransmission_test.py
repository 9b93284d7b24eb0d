#!/usr/bin/env python3
"""Retransmitted requests over UDP meet the answer they met the first time.

Switchboard keeps the final answers to non-INVITE requests and to INVITEs
itself for 64*T1 instead of in libre's transactions
(sip/completed_transactions.h). Two small Python phones on real sockets check
what a phone sees: the same 200 for a retransmitted BYE, the same 481 for a
BYE nobody knows, an INVITE retransmitted after the 200 starting no second
call, a CANCEL that comes too late changing nothing, and a rejected INVITE's
answer resent until its ACK.
"""
import random
import re
import socket
import sys
import time
import unittest

from sip_client import OutgoingCall, SipClient
from switchboard_harness import SwitchboardServer

SERVER = None
CONFIG = {"version": 1, "settings": {"domain": "127.0.0.1"},
          "extensions": [{"number": "100", "password": "pw-100-secret"},
                         {"number": "101", "password": "pw-101-secret", "ring_timeout": 60}]}
SDP = ("v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
       "m=audio %d RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")


class Recording(SipClient):
    """A SipClient that remembers the bytes it sent last, to send them again."""

    def send_raw(self, data):
        self.last_sent = data
        super().send_raw(data)

    def recv_text(self, timeout):
        self.sock.settimeout(timeout)
        try:
            data, _ = self.sock.recvfrom(65535)
            return data.decode(errors="replace")
        except socket.timeout:
            return None
        finally:
            self.sock.settimeout(self.timeout)


class Callee:
    """A registered phone that answers one INVITE 200 and every BYE 200."""

    def __init__(self, port):
        self.c = SipClient("127.0.0.1", port)
        _, final = self.c.register("101", "pw-101-secret", expires=300)
        assert final.status == 200, final.raw
        self.tag = "%x" % random.getrandbits(32)
        self.requests = []  # request lines, in arrival order

    def close(self):
        self.c.close()

    def next_request(self, timeout=3.0):
        """The next request that is not a qualify OPTIONS (those are answered)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.c.sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                data, addr = self.c.sock.recvfrom(65535)
            except socket.timeout:
                break
            text = data.decode(errors="replace")
            if text.startswith("SIP/2.0 "):
                continue
            if text.startswith("OPTIONS "):
                self.c.answer_request(text, addr)
                continue
            self.requests.append(text.split("\r\n", 1)[0])
            return text, addr
        return None, None

    def reply(self, text, addr, code, reason, body=""):
        head = text.split("\r\n\r\n")[0].split("\r\n")
        keep = []
        for h in head[1:]:
            name = h.split(":")[0].strip().lower()
            if name in ("via", "v", "from", "f", "call-id", "i", "cseq"):
                keep.append(h)
            elif name in ("to", "t"):
                keep.append(h if ";tag=" in h else h + ";tag=" + self.tag)
        lines = [f"SIP/2.0 {code} {reason}", *keep, "Contact: <%s>" % self.c.contact("101")]
        if body:
            lines.append("Content-Type: application/sdp")
        lines += [f"Content-Length: {len(body.encode())}", "", body]
        self.c.sock.sendto("\r\n".join(lines).encode(), addr)


class Retransmissions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import json
        import os
        import tempfile
        cls.cfgdir = tempfile.TemporaryDirectory(prefix="sb-retrans-")
        path = os.path.join(cls.cfgdir.name, "config.json")
        with open(path, "w") as f:
            json.dump(CONFIG, f)
        cls.server = SwitchboardServer(SERVER, config_json=path).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server._tmp.cleanup()
        cls.cfgdir.cleanup()

    def answered_call(self):
        """A call 100 -> 101 up to the ACK at the callee: (caller, call, callee)."""
        callee = Callee(self.server.port)
        self.addCleanup(callee.close)
        client = Recording("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        call = OutgoingCall(client, "100", "pw-100-secret", "101", SDP % 40000).start()
        invite_bytes = client.last_sent  # the INVITE with credentials
        invite, addr = callee.next_request()
        self.assertIsNotNone(invite, "the callee was not called")
        self.assertTrue(invite.startswith("INVITE "), invite)
        callee.reply(invite, addr, 200, "OK", SDP % 40002)
        answer = call.next_response()
        self.assertEqual(answer.status, 200, answer.raw)
        ack, _ = callee.next_request()
        self.assertIsNotNone(ack)
        self.assertTrue(ack.startswith("ACK "), ack)
        return client, call, callee, invite_bytes

    def hang_up(self, call, callee):
        self.assertEqual(call.bye().status, 200)
        bye, addr = callee.next_request()
        self.assertIsNotNone(bye)
        self.assertTrue(bye.startswith("BYE "), bye)
        callee.reply(bye, addr, 200, "OK")

    def test_retransmitted_bye_gets_the_same_200_and_reaches_the_callee_once(self):
        client, call, callee, _ = self.answered_call()
        first = call.bye()
        self.assertEqual(first.status, 200, first.raw)
        bye_bytes = client.last_sent
        bye, addr = callee.next_request()
        self.assertTrue(bye and bye.startswith("BYE "), bye)
        callee.reply(bye, addr, 200, "OK")
        time.sleep(0.3)  # the call is gone by now: the answer is all that is left
        for _ in range(2):
            client.send_raw(bye_bytes)
            again = client.recv_text(2.0)
            self.assertIsNotNone(again, "no answer to the retransmitted BYE")
            self.assertEqual(again, first.raw, "a retransmission must get the same answer")
        late, _ = callee.next_request(timeout=1.0)
        self.assertIsNone(late, "the retransmitted BYE was relayed again")

    def test_bye_to_the_callee_is_retransmitted_until_answered(self):
        client, call, callee, _ = self.answered_call()
        self.assertEqual(call.bye().status, 200)
        first, _ = callee.next_request()
        self.assertTrue(first and first.startswith("BYE "), first)
        t0 = time.monotonic()
        again, addr = callee.next_request(timeout=2.0)  # not answered: timer E sends it again after T1
        self.assertIsNotNone(again, "the BYE was not retransmitted")
        self.assertGreater(time.monotonic() - t0, 0.3)
        self.assertEqual(again, first, "a retransmission is the same request (same branch)")
        callee.reply(again, addr, 200, "OK")
        late, _ = callee.next_request(timeout=1.5)
        self.assertIsNone(late, "the BYE was retransmitted after its answer")

    def test_bye_for_an_unknown_dialog_gets_481_and_its_retransmission_the_same(self):
        client = Recording("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        host, port = client.server
        raw = "\r\n".join([
            f"BYE sip:101@{host}:{port} SIP/2.0",
            f"Via: SIP/2.0/UDP {client.local_ip}:{client.local_port};branch=z9hG4bK{random.getrandbits(64):x};rport",
            "Max-Forwards: 70", f"From: <sip:100@{host}>;tag=caller", f"To: <sip:101@{host}>;tag=nobody",
            f"Call-ID: {client.call_id}", "CSeq: 5 BYE", "Content-Length: 0", "", ""])
        client.send_raw(raw)
        one = client.recv_text(2.0)
        self.assertIsNotNone(one, "no answer to a BYE for an unknown dialog")
        self.assertTrue(one.startswith("SIP/2.0 481 "), one)
        client.send_raw(raw)
        self.assertEqual(client.recv_text(2.0), one)

    def test_invite_retransmitted_after_the_200_starts_no_second_call(self):
        client, call, callee, invite_bytes = self.answered_call()
        client.send_raw(invite_bytes)  # a copy of the INVITE the network delayed
        extra, _ = callee.next_request(timeout=1.0)
        self.assertIsNone(extra, "a retransmitted INVITE reached the callee as a new call: %r" % extra)
        self.hang_up(call, callee)

    def test_cancel_after_the_200_gets_200_and_the_call_stays_up(self):
        client, call, callee, invite_bytes = self.answered_call()
        head = invite_bytes.split("\r\n\r\n")[0].split("\r\n")
        keep = [h for h in head[1:] if h.split(":")[0].lower() in ("via", "from", "to", "call-id", "max-forwards")]
        cseq = re.search(r"(?m)^CSeq: (\d+) INVITE", invite_bytes).group(1)
        uri = head[0].split(" ")[1]
        client.send_raw("\r\n".join([f"CANCEL {uri} SIP/2.0", *keep, f"CSeq: {cseq} CANCEL",
                                     "Content-Length: 0", "", ""]))
        reply = client.recv_text(2.0)
        self.assertIsNotNone(reply)
        self.assertTrue(reply.startswith("SIP/2.0 200 "), reply)
        self.assertIn(f"CSeq: {cseq} CANCEL", reply)
        nothing, _ = callee.next_request(timeout=0.5)
        self.assertIsNone(nothing, "a late CANCEL must change nothing: %r" % nothing)
        self.hang_up(call, callee)

    def test_rejected_invite_answer_is_resent_until_the_ack_and_then_never(self):
        # Timer G (RFC 3261 §17.2.1), run by Switchboard rather than libre: the
        # 404 for a number nobody has comes again at T1 and 2*T1 while no ACK
        # comes, a retransmitted INVITE gets the same bytes, and the ACK ends
        # it. Also for a peer that still uses RFC 2543 branches (no magic cookie).
        for prefix in ("z9hG4bK", "rfc2543-"):
            with self.subTest(branch=prefix):
                client = Recording("127.0.0.1", self.server.port)
                self.addCleanup(client.close)
                call = OutgoingCall(client, "100", "pw-100-secret", "199", SDP % 40000)
                call.branch_prefix = prefix
                call.start()
                invite_bytes = client.last_sent  # the INVITE with credentials
                t0 = time.monotonic()
                first = call._next(3.0)  # read without the ACK next_response() would send
                self.assertEqual(first.status, 404, first.raw)
                resent = []
                for _ in range(2):
                    again = client.recv_text(2.5)
                    self.assertIsNotNone(again, "the 404 was not resent while no ACK came")
                    resent.append(time.monotonic() - t0)
                    self.assertEqual(again, first.raw)
                # T1 = 0.5 s, then 2*T1 later: about 0.5 s and 1.5 s after the answer.
                self.assertGreater(resent[0], 0.3)
                self.assertGreater(resent[1] - resent[0], 0.7)
                client.send_raw(invite_bytes)
                self.assertEqual(client.recv_text(2.0), first.raw, "a retransmitted INVITE gets the same answer")
                call._ack(first)
                late = client.recv_text(4.5)  # the next resend was due 4*T1 after the last
                self.assertIsNone(late, "the 404 was resent after its ACK: %r" % late)

    def test_retransmitted_options_gets_the_same_answer_with_the_same_tag(self):
        client = Recording("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        first = client.request("OPTIONS", "sip:127.0.0.1:%d" % self.server.port, "100")
        self.assertEqual(first.status, 200, first.raw)
        client.send_raw(client.last_sent)
        again = client.recv_text(2.0)
        self.assertEqual(again, first.raw)


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
