#!/usr/bin/env python3
"""Crash safety: switchboard-server killed with SIGKILL in the middle of call
load. On restart the database opens without repair, the configuration is
intact, and every call that ended at least one second before the kill has
its call record (the store writer commits within 100 ms)."""
import csv
import json
import os
import signal
import sys
import tempfile
import threading
import time
import unittest

from sip_client import OutgoingCall, SipClient
from switchboard_harness import SippRun, SwitchboardServer, free_port, run_sipp

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
CALLS = os.path.join(HERE, "scenarios", "calls")
REGISTER = os.path.join(HERE, "scenarios", "register_auth.xml")
CONFIG = {"version": 1, "settings": {"domain": "127.0.0.1", "media_timeout": 0},
          "extensions": [{"number": "100", "password": "pw-100-secret", "name": "Reception"},
                         {"number": "101", "password": "pw-101-secret", "name": "Office"}]}
SDP = ("v=0\r\no=crash 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
       "m=audio 40010 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")


def one_call(port):
    """A whole call from extension 100 to 101; returns (Call-ID, end time) or None."""
    client = SipClient("127.0.0.1", port, timeout=2.0)
    try:
        call = OutgoingCall(client, "100", "pw-100-secret", "101", SDP).start()
        while True:
            r = call.next_response(timeout=2)
            if r.status >= 200:
                break
        if r.status != 200:
            return None
        time.sleep(0.05)
        if call.bye().status != 200:
            return None
        return client.call_id, time.time()
    except OSError:
        return None  # the server is gone
    finally:
        client.close()


class Crash(unittest.TestCase):
    def test_kill_9_under_load_loses_no_finished_call_and_no_configuration(self):
        tmp = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        json.dump(CONFIG, tmp)
        tmp.close()
        self.addCleanup(os.unlink, tmp.name)
        server = SwitchboardServer(SERVER, config_json=tmp.name).start()
        self.addCleanup(server._tmp.cleanup)
        before = server.cli("--export", os.path.join(server.workdir, "before.json"))
        with open(os.path.join(server.workdir, "before.json")) as f:
            config_before = json.load(f)

        phone_port = free_port()
        code, out = run_sipp(REGISTER, "127.0.0.1", server.port, local_port=phone_port,
                             keys={"ext": "101", "expires": 3600}, extra=["-au", "101", "-ap", "pw-101-secret"])
        self.assertEqual(code, 0, out)
        callee = SippRun(os.path.join(CALLS, "callee.xml"), "127.0.0.1", server.port, local_port=phone_port,
                         calls=100000, keys={"ext": "101", "mport": free_port()}, timeout_s=120)
        time.sleep(0.3)
        # Background load: SIPp places calls at 40/s for as long as it runs.
        load = SippRun(os.path.join(CALLS, "caller.xml"), "127.0.0.1", server.port, calls=100000, rate=40,
                       keys={"ext": "100", "callee": "101", "mport": free_port()},
                       extra=["-au", "100", "-ap", "pw-100-secret"], timeout_s=120)
        self.addCleanup(lambda: [p.proc.kill() for p in (callee, load) if p.proc.poll() is None])

        # Our own calls, whose end times we know, one after the other.
        finished = []
        stop = threading.Event()

        def caller():
            while not stop.is_set():
                result = one_call(server.port)
                if result:
                    finished.append(result)

        thread = threading.Thread(target=caller, daemon=True)
        thread.start()
        time.sleep(4)
        killed_at = time.time()
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait(5)
        stop.set()
        thread.join(10)
        for p in (callee, load):
            p.proc.kill()
        ended_before = [cid for cid, end in finished if end <= killed_at - 1.0]
        self.assertGreaterEqual(len(ended_before), 10, "too few calls finished before the kill to judge")

        # Restart on the same file: no repair, configuration intact.
        server.start()
        self.assertFalse([line for line in server.log_lines if "repair" in line.lower() or "corrupt" in line.lower()])
        server.cli("--export", os.path.join(server.workdir, "after.json"))
        with open(os.path.join(server.workdir, "after.json")) as f:
            self.assertEqual(json.load(f), config_before)
        server.stop()

        path = os.path.join(server.workdir, "cdr.csv")
        server.cli("--cdr-export", path)
        with open(path) as f:
            rows = list(csv.DictReader(f))
        recorded = {r["call_id"] for r in rows}
        missing = [cid for cid in ended_before if cid not in recorded]
        self.assertEqual(missing, [], f"{len(missing)} of {len(ended_before)} finished calls have no record")
        # The background load was recorded too (not only our calls).
        self.assertGreater(len(rows), len(finished))


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
