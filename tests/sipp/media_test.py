#!/usr/bin/env python3
"""Media through Switchboard's relay: RTP both ways, ring-back, no port leak.

The callee is SIPp (it echoes RTP with -rtp_echo, or sends none at all); the
caller is tests/sipp/sip_client.py with a real RTP socket, so packets can be
counted at the caller's end."""
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
CONFIG = os.path.join(HERE, "configs", "calls.json")
CALLS = os.path.join(HERE, "scenarios", "calls")
REGISTER = os.path.join(HERE, "scenarios", "register_auth.xml")


def config_with(test, **settings):
    """The suite's configuration with @settings changed, as a file removed after @test."""
    with open(CONFIG) as f:
        config = json.load(f)
    config["settings"].update(settings)
    tmp = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    json.dump(config, tmp)
    tmp.close()
    test.addCleanup(os.unlink, tmp.name)
    return tmp.name


def even_free_port():
    while True:
        p = free_port()
        if p % 2 == 0 and p < 65000:
            return p


class Media(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SwitchboardServer(SERVER, config_json=CONFIG).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server._tmp.cleanup()

    def callee(self, scenario, extra=(), **keys):
        port = free_port()
        code, out = run_sipp(REGISTER, "127.0.0.1", self.server.port, local_port=port,
                             keys={"ext": "101", "expires": 300}, extra=["-au", "101", "-ap", "pw-101-secret"])
        self.assertEqual(code, 0, out)
        run = SippRun(os.path.join(CALLS, scenario), "127.0.0.1", self.server.port, local_port=port,
                      keys={"ext": "101", "mport": free_port(), **keys}, extra=list(extra))
        time.sleep(0.3)
        return run

    def place_call(self, media):
        client = SipClient("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        return OutgoingCall(client, "100", "pw-100-secret", "101", media.sdp()).start()

    def echo_call(self):
        """An answered call to a SIPp callee that echoes RTP: (callee, caller's media, call, relay address)."""
        mp = even_free_port()
        callee = self.callee("callee_echo.xml", extra=["-rtp_echo", "-mp", str(mp)])
        media = MediaSocket()
        self.addCleanup(media.close)
        call = self.place_call(media)
        while True:
            r = call.next_response()
            if r.status >= 200:
                break
        self.assertEqual(r.status, 200, r.raw)
        relay = sdp_endpoint(r.body)
        self.assertIsNotNone(relay, r.body)
        self.assertNotEqual(relay[1], mp, "the caller must be given the relay, not the callee's port")
        return callee, media, call, relay

    def test_rtp_flows_both_ways_through_the_relay(self):
        callee, media, call, relay = self.echo_call()
        sent = 100
        for i in range(sent):
            media.sock.sendto(rtp_packet(i, i * 160), relay)
            media.drain(0.02)
        media.drain(0.5)
        echoed = [p for p in media.received if p[1] == 0 and p[2] == 160]
        self.assertGreaterEqual(len(echoed), sent - 2, "RTP lost in the relay: %d of %d back" % (len(echoed), sent))
        self.assertTrue(all(p[3] == relay for p in echoed), "RTP came back from somewhere else than the relay")
        self.assertEqual(call.bye().status, 200)
        code, out, _ = callee.wait()
        self.assertEqual(code, 0, out)

    def test_rtp_flood_at_the_relay_is_dropped_and_sip_keeps_answering(self):
        callee, media, call, relay = self.echo_call()
        for i in range(20):  # the caller's leg latches to this socket
            media.sock.sendto(rtp_packet(i, i * 160), relay)
            media.drain(0.02)
        media.drain(0.3)
        media.received.clear()

        intruder = MediaSocket(local_ip="127.0.0.50")
        self.addCleanup(intruder.close)
        intruder.sock.setblocking(False)
        pinger = SipClient("127.0.0.1", self.server.port, timeout=1.0)
        self.addCleanup(pinger.close)
        flood = rtp_packet(0, 0, ssrc=0xBAD, payload=b"\x00" * 160)
        sent, rtts = 0, []
        deadline = time.monotonic() + 3.0  # bounded: 3 s of as many packets as we can send
        next_ping = time.monotonic()
        while time.monotonic() < deadline:
            for _ in range(200 if sent < 300000 else 0):
                try:
                    intruder.sock.sendto(flood, relay)
                    sent += 1
                except BlockingIOError:
                    break
            if sent >= 300000:
                time.sleep(0.01)
            if time.monotonic() >= next_ping:
                started = time.monotonic()
                self.assertEqual(pinger.request("OPTIONS", "sip:127.0.0.1", "ping").status, 200)
                rtts.append(time.monotonic() - started)
                next_ping = started + 0.1
        rtts.sort()
        print(f"\n{sent} foreign RTP packets in 3 s; OPTIONS answered {len(rtts)} times, "
              f"median {1000 * rtts[len(rtts) // 2]:.1f} ms, max {1000 * rtts[-1]:.1f} ms", file=sys.stderr)
        self.assertGreaterEqual(len(rtts), 5)  # ~30 pings over 3 s; each had to be answered

        # The flood went nowhere, and the real caller still gets its echo.
        intruder.sock.settimeout(0.05)
        media.drain(0.5)  # whatever the flood caused at the caller's end
        self.assertLessEqual(len(media.received), 2, "foreign RTP was relayed (the callee echoes what it gets)")
        media.received.clear()
        intruder.drain(0.3)
        self.assertEqual(intruder.received, [], "the relay answered a foreign source")
        for i in range(20, 40):
            media.sock.sendto(rtp_packet(i, i * 160), relay)
            media.drain(0.02)
        media.drain(0.5)
        echoed = [p for p in media.received if p[1] == 0 and p[2] == 160]
        self.assertGreaterEqual(len(echoed), 18, "the caller's RTP no longer flows after the flood")
        self.assertLessEqual(len(echoed), 20, "foreign RTP reached the caller")
        self.assertEqual(call.bye().status, 200)
        code, out, _ = callee.wait()
        self.assertEqual(code, 0, out)

    def test_delayed_offer_gets_our_offer_in_the_200_and_answers_in_the_ack(self):
        mp = even_free_port()
        callee = self.callee("callee_echo.xml", extra=["-rtp_echo", "-mp", str(mp)])
        media = MediaSocket()
        self.addCleanup(media.close)
        client = SipClient("127.0.0.1", self.server.port)
        self.addCleanup(client.close)
        call = OutgoingCall(client, "100", "pw-100-secret", "101", "")  # no SDP in the INVITE
        call.ack_body = media.sdp()
        call.start()
        while True:
            r = call.next_response()
            if r.status >= 200:
                break
            self.assertNotIn("m=audio", r.body, "an unreliable 18x must not carry an offer")
        self.assertEqual(r.status, 200, r.raw)
        self.assertRegex(r.body, r"(?m)^m=audio \d+ RTP/AVP 0 ", "the 200 must carry an offer")
        relay = sdp_endpoint(r.body)
        self.assertNotEqual(relay[1], mp)
        sent = 50
        for i in range(sent):
            media.sock.sendto(rtp_packet(i, i * 160), relay)
            media.drain(0.02)
        media.drain(0.5)
        echoed = [p for p in media.received if p[1] == 0 and p[2] == 160]
        self.assertGreaterEqual(len(echoed), sent - 2, "RTP did not reach the answer given in the ACK")
        self.assertEqual(call.bye().status, 200)
        code, out, messages = callee.wait()
        self.assertEqual(code, 0, out)
        # The callee was offered Switchboard's own SDP.
        self.assertRegex(messages, r"(?m)^a=rtpmap:8 PCMA/8000")

    def test_ringback_after_183_then_180_without_sdp(self):
        callee = self.callee("callee_ringback.xml")
        media = MediaSocket()
        self.addCleanup(media.close)
        call = self.place_call(media)
        r183 = call.next_response()
        self.assertEqual(r183.status, 183)
        self.assertIn("m=audio", r183.body)
        r180 = call.next_response()
        self.assertEqual(r180.status, 180)
        # The callee sends nothing: whatever arrives now is Switchboard's tone.
        media.drain(1.2)
        ringing = list(media.received)
        self.assertGreaterEqual(len(ringing), 40, "no ring-back while the callee rang without media")
        self.assertTrue(all(p[1] == 0 and p[2] == 160 for p in ringing), "ring-back must be 20 ms PCMU")
        self.assertEqual(ringing[0][3], sdp_endpoint(r183.body), "ring-back from the relay's port")
        r200 = call.next_response()
        self.assertEqual(r200.status, 200)
        media.drain(0.1)  # what queued up while we read the SIP responses
        media.received.clear()
        media.drain(0.5)
        self.assertLessEqual(len(media.received), 2, "ring-back must stop when the call is answered")
        self.assertEqual(call.bye().status, 200)
        code, out, _ = callee.wait()
        self.assertEqual(code, 0, out)

    def test_no_ports_leak_after_many_calls(self):
        calls = 1000
        # What is tested is that nothing leaks, not speed: a sanitizer build
        # carries a fraction of the calls per second and would (rightly)
        # refuse some with 503 at the full rate.
        rate = 50 if self.server.sanitized() else 200
        port = free_port()
        code, out = run_sipp(REGISTER, "127.0.0.1", self.server.port, local_port=port,
                             keys={"ext": "101", "expires": 300}, extra=["-au", "101", "-ap", "pw-101-secret"])
        self.assertEqual(code, 0, out)
        callee = SippRun(os.path.join(CALLS, "callee.xml"), "127.0.0.1", self.server.port, local_port=port,
                         calls=calls, keys={"ext": "101", "mport": free_port()}, timeout_s=120)
        time.sleep(0.3)
        caller = SippRun(os.path.join(CALLS, "caller.xml"), "127.0.0.1", self.server.port, calls=calls,
                         rate=rate, keys={"ext": "100", "callee": "101", "mport": free_port()},
                         extra=["-au", "100", "-ap", "pw-100-secret", "-l", "400"], timeout_s=120)
        code, out, _ = caller.wait()
        self.assertEqual(code, 0, out)
        code, out, _ = callee.wait()
        self.assertEqual(code, 0, out)
        # A call is reaped once its legs' last transactions end; a late ACK or
        # BYE retransmission under load can keep one for up to 35 s (64·T1 cap).
        m = self.server.wait_log(r"released \d+ calls; 0 active, 0 RTP port pairs in use", timeout_s=45)
        self.assertIsNotNone(m)


class MediaTimeout(unittest.TestCase):
    def test_silent_call_is_ended_with_a_cdr_reason(self):
        with SwitchboardServer(SERVER, config_json=config_with(self, media_timeout=2)) as server:
            port = free_port()
            code, out = run_sipp(REGISTER, "127.0.0.1", server.port, local_port=port,
                                 keys={"ext": "101", "expires": 300}, extra=["-au", "101", "-ap", "pw-101-secret"])
            self.assertEqual(code, 0, out)
            callee = SippRun(os.path.join(CALLS, "callee.xml"), "127.0.0.1", server.port, local_port=port,
                             keys={"ext": "101", "mport": free_port()})
            time.sleep(0.3)
            t0 = time.monotonic()
            caller = SippRun(os.path.join(CALLS, "caller_receives_bye.xml"), "127.0.0.1", server.port,
                             keys={"ext": "100", "callee": "101", "mport": free_port()},
                             extra=["-au", "100", "-ap", "pw-100-secret"])
            for run in (caller, callee):
                code, out, _ = run.wait()
                self.assertEqual(code, 0, out)
            elapsed = time.monotonic() - t0
            self.assertGreater(elapsed, 1.8)
            self.assertLess(elapsed, 10)
            path = os.path.join(server.workdir, "cdr.csv")
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                server.cli("--cdr-export", path)
                with open(path) as f:
                    if "media timeout" in f.read():
                        break
                time.sleep(0.2)
            with open(path) as f:
                self.assertIn("media timeout", f.read())


class CodecPreference(unittest.TestCase):
    def test_offers_list_the_preferred_codecs_first(self):
        with SwitchboardServer(SERVER, config_json=config_with(self, codecs=["PCMA"])) as server:
            port = free_port()
            code, out = run_sipp(REGISTER, "127.0.0.1", server.port, local_port=port,
                                 keys={"ext": "101", "expires": 300}, extra=["-au", "101", "-ap", "pw-101-secret"])
            self.assertEqual(code, 0, out)
            callee = SippRun(os.path.join(CALLS, "callee.xml"), "127.0.0.1", server.port, local_port=port,
                             keys={"ext": "101", "mport": free_port()})
            time.sleep(0.3)
            media = MediaSocket()
            self.addCleanup(media.close)
            client = SipClient("127.0.0.1", server.port)
            self.addCleanup(client.close)
            call = OutgoingCall(client, "100", "pw-100-secret", "101", media.sdp()).start()  # offers 0 8 101
            while call.next_response().status < 200:
                pass
            self.assertEqual(call.bye().status, 200)
            code, out, messages = callee.wait()
            self.assertEqual(code, 0, out)
            self.assertRegex(messages, r"(?m)^m=audio \d+ RTP/AVP 8 0 101")


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
