#!/usr/bin/env python3
"""Real phones through Switchboard with its default settings (issue 19).

baresip 1.0 (Debian's baresip-core) is extension 100 and sends a 1000 Hz
tone; linphonec 5.1 (linphone-cli) is extension 101 and sends 1600 Hz. Both
register with the defaults, call each other, hear each other's tone (checked
in their recordings with a Goertzel filter), hold and resume with re-INVITE,
send RFC 4733 DTMF both ways and hang up; each call leaves an ANSWERED CDR.

What each side's recording can show: linphone's recorder keeps running
through a hold, so its file shows tone, Switchboard's music on hold, tone. baresip 1.0's sndfile
recorder stops writing at the first re-INVITE of a call, so baresip's
recording is checked only before the hold."""
import csv
import json
import os
import re
import shutil
import sys
import tempfile
import time
import unittest

from phones import Baresip, Linphone, wait_until
from switchboard_harness import SwitchboardServer
from tone import describe, read_wav, rms, tone_share

SERVER = None
BARESIP_HZ = 1000
LINPHONE_HZ = 1600
PASSWORDS = {"100": "pw-100-secret", "101": "pw-101-secret"}
# Nothing but the domain (loopback) and the two accounts: every other
# setting, auth_algorithms included, is Switchboard's default.
CONFIG = {"version": 1, "settings": {"domain": "127.0.0.1"},
          "extensions": [{"number": n, "password": p} for n, p in PASSWORDS.items()]}


def windows(samples, rate, freq, step_s=0.1):
    """Each 100 ms of a recording as "tone" (mostly @freq), "quiet" or "other"."""
    step = int(rate * step_s)
    out = []
    for i in range(0, len(samples) - step + 1, step):
        w = samples[i:i + step]
        if rms(w) < 300:
            out.append("quiet")
        elif tone_share(w, rate, freq) > 0.8:
            out.append("tone")
        else:
            out.append("other")
    return out


def runs(labels):
    """Run-length form: [("tone", 20), ("quiet", 9), ...]."""
    out = []
    for label in labels:
        if out and out[-1][0] == label:
            out[-1] = (label, out[-1][1] + 1)
        else:
            out.append((label, 1))
    return out


class Phones(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        missing = [b for b in ("baresip", "linphonec") if not shutil.which(b)]
        if missing:
            raise AssertionError(f"{', '.join(missing)} not installed: run scripts/setup "
                                 "(Debian packages baresip-core, linphone-cli)")
        cls.tmp = tempfile.TemporaryDirectory(prefix="sb-clients-")
        config = os.path.join(cls.tmp.name, "config.json")
        with open(config, "w") as f:
            json.dump(CONFIG, f)
        cls.server = SwitchboardServer(SERVER, config_json=config).start()
        # Should a busy machine (a sanitizer build, ctest -j) put the engine
        # in an overload episode at start, registrations get 503 for a
        # moment; baresip 1.0 ignores Retry-After and would retry only about
        # a minute later. The phones start once such an episode is over.
        time.sleep(0.3)
        if any("overloaded (" in line for line in cls.server.log_lines):
            cls.server.wait_log(r"load back to normal", 15)
        cls.baresip = Baresip(cls.tmp.name, "100", PASSWORDS["100"], cls.server.port, BARESIP_HZ)
        cls.linphone = Linphone(cls.tmp.name, "101", PASSWORDS["101"], cls.server.port, LINPHONE_HZ)
        try:
            cls.baresip.start()
            cls.linphone.start()
        except Exception:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        for phone in (cls.baresip, cls.linphone):
            phone.stop()
        if cls.server.proc and cls.server.proc.poll() is None:
            cls.server.stop()
        cls.server._tmp.cleanup()
        cls.tmp.cleanup()

    def run(self, result=None):
        # On failure, what the phones said is the first thing to read.
        failed = len(result.failures) + len(result.errors) if result else 0
        outcome = super().run(result)
        if result and len(result.failures) + len(result.errors) > failed:
            print("---- baresip 100 ----\n" + self.baresip.log()[-6000:], file=sys.stderr)
            print("---- linphonec 101 ----\n" + self.linphone.output()[-4000:], file=sys.stderr)
            self.server.dump_log(300)
        return outcome

    # -- helpers ----------------------------------------------------------------

    def cdr_rows(self):
        path = os.path.join(self.server.workdir, "cdr.csv")
        self.server.cli("--cdr-export", path)
        with open(path) as f:
            return list(csv.DictReader(f))

    def wait_cdr(self, caller, callee, count_before):
        def answered():
            rows = [r for r in self.cdr_rows() if r["caller"] == caller and r["callee"] == callee
                    and r["disposition"] == "ANSWERED"]
            return rows[count_before:] and rows[-1]
        try:
            return wait_until(answered, 5, f"an ANSWERED CDR {caller} -> {callee}")
        except AssertionError:
            self.fail(f"no new ANSWERED CDR {caller} -> {callee}; have {self.cdr_rows()}")

    def answered_count(self, caller, callee):
        return len([r for r in self.cdr_rows() if r["caller"] == caller and r["callee"] == callee
                    and r["disposition"] == "ANSWERED"])

    def assert_hears(self, path, freq, what, min_s=1.0, other_s=0.0):
        """@path holds at least @min_s of the tone @freq, and little else but silence
        (and up to @other_s of other sound, e.g. music on hold)."""
        rate, samples = read_wav(path)
        labels = windows(samples, rate, freq)
        tone, other = labels.count("tone"), labels.count("other")
        detail = f"{describe(samples, rate, [BARESIP_HZ, LINPHONE_HZ])}; 100 ms windows: {runs(labels)}"
        self.assertGreaterEqual(tone * 0.1, min_s, f"{what}: too little of the {freq} Hz tone: {detail}")
        # Splices (a jitter buffer starting, a hold) make a few mixed windows.
        self.assertLessEqual(other, max(3, tone // 5) + int(other_s * 10), f"{what}: not the {freq} Hz tone: {detail}")

    def assert_media_pauses_and_resumes(self, hold, resume, what):
        """RTP reaching baresip stops while the call is held and flows again after @resume()."""
        before = self.baresip.rtp_received()
        self.assertGreater(before, 50, f"{what}: baresip received only {before} RTP packets before the hold")
        hold()
        time.sleep(0.5)  # packets already in flight
        held_from = self.baresip.rtp_received()
        time.sleep(1.5)
        held_to = self.baresip.rtp_received()
        self.assertLessEqual(held_to - held_from, 3, f"{what}: RTP went on reaching baresip during the hold")
        resume()
        time.sleep(2)
        after = self.baresip.rtp_received()
        self.assertGreaterEqual(after - held_to, 50, f"{what}: RTP did not resume ({held_to} -> {after} in 2 s)")

    def assert_tone_pause_tone(self, path, freq, what, held="quiet"):
        """@path has the tone, then at least 0.5 s of @held ("quiet", or "other":
        Switchboard's music on hold), then the tone again (resume)."""
        rate, samples = read_wav(path)
        pattern = runs(windows(samples, rate, freq))
        long_runs = [label for label, n in pattern if label in ("tone", held) and n >= 5]
        self.assertIn(["tone", held, "tone"], [long_runs[i:i + 3] for i in range(len(long_runs))],
                      f"{what}: expected tone, {held}, tone; 100 ms windows: {pattern}")

    def new_baresip_recording(self, before):
        new = wait_until(lambda: [p for p in self.baresip.recordings() if p not in before], 5,
                         "baresip's recording of the call")
        return new[-1]

    # -- tests --------------------------------------------------------------------

    def test_1_both_register_with_the_default_digest(self):
        self.baresip.wait_registered()
        self.linphone.wait_registered()
        for ext in ("100", "101"):
            self.server.wait_log(rf"registration {ext} <sip:{ext}[^>]*@127\.0\.0\.1:\d+[^>]*> from UDP ")
        challenges = [m for m in self.server.sent_messages() if "\nSIP/2.0 401 " in m]
        self.assertTrue(challenges)
        for message in challenges:
            offered = re.findall(r"(?im)^WWW-Authenticate: Digest .*algorithm=([A-Za-z0-9-]+)", message)
            self.assertEqual(offered, ["MD5"], message)

    def test_2_baresip_calls_linphone(self):
        bare, lin = self.baresip, self.linphone
        bare.wait_registered()
        lin.wait_registered()
        cdrs = self.answered_count("100", "101")
        heard = os.path.join(lin.dir, "heard-from-baresip.wav")
        lin.command(f"record {heard}")
        before = bare.recordings()
        established = bare.count("CALL_ESTABLISHED")
        bare.command("dial", "101")
        lin.wait_output(r"Call \d+ with sip:100@127\.0\.0\.1 connected", 10)
        bare.wait_new("CALL_ESTABLISHED", established)
        time.sleep(2.5)
        recording = self.new_baresip_recording(before)
        self.assert_hears(recording, LINPHONE_HZ, "baresip hearing linphone")

        def hold():
            bare.command("hold")
            lin.wait_output(r"Call \d+ has been paused by sip:100@", 5)
        self.assert_media_pauses_and_resumes(hold, lambda: bare.command("resume"), "baresip holding linphone")

        # RFC 4733 both ways, after the re-INVITEs (the payload type must survive them).
        bare.command("sndcode", "5")
        lin.wait_output(r"Receiving tone 5 from sip:100@127\.0\.0\.1", 5)
        dtmf = bare.count("CALL_DTMF_START")
        lin.command("7")
        self.assertEqual([e.get("param") for e in bare.wait_new("CALL_DTMF_START", dtmf, 5)], ["7"])

        bare.command("hangup")
        lin.wait_output(r"Call \d+ with sip:100@127\.0\.0\.1 ended", 5)
        # While baresip holds, linphone hears Switchboard's music on hold.
        self.assert_hears(heard, BARESIP_HZ, "linphone hearing baresip", min_s=3, other_s=3)
        self.assert_tone_pause_tone(heard, BARESIP_HZ, "linphone's recording across hold and resume", held="other")
        row = self.wait_cdr("100", "101", cdrs)
        self.assertEqual(row["sip_code"], "200", row)
        self.assertEqual(row["codec"], "PCMU", row)
        self.assertGreaterEqual(int(row["duration"]), 6, row)  # 2.5 s + hold 2 s + resume 2 s + DTMF
        self.assertEqual(row["reason"], "caller hung up", row)

    def test_3_linphone_calls_baresip(self):
        bare, lin = self.baresip, self.linphone
        bare.wait_registered()
        lin.wait_registered()
        cdrs = self.answered_count("101", "100")
        heard = os.path.join(lin.dir, "heard-calling-baresip.wav")
        lin.command(f"record {heard}")
        before = bare.recordings()
        established = bare.count("CALL_ESTABLISHED")
        connected = len(re.findall(r"Call \d+ with sip:100@127\.0\.0\.1 connected", lin.output()))
        lin.command("call 100")
        wait_until(lambda: len(re.findall(r"Call \d+ with sip:100@127\.0\.0\.1 connected", lin.output())) > connected,
                   10, f"linphone's call to connect:\n{lin.output()[-2000:]}")
        bare.wait_new("CALL_ESTABLISHED", established)
        time.sleep(2.5)
        self.assert_hears(self.new_baresip_recording(before), LINPHONE_HZ, "baresip hearing linphone")

        # A holder may go on sending (music on hold; linphone does), so here
        # the hold is checked where it is decided: the re-INVITEs baresip
        # gets through Switchboard, and RTP flowing again after the resume.
        offers = len(bare.offered_directions())
        paused = len(re.findall(r"paused", lin.output()))
        lin.command("pause")
        wait_until(lambda: len(re.findall(r"paused", lin.output())) > paused, 5, "linphone to pause the call")
        wait_until(lambda: bare.offered_directions()[offers:], 5, "the hold re-INVITE to reach baresip")
        time.sleep(1.5)
        lin.command("resume")
        wait_until(lambda: bare.offered_directions()[offers + 1:], 5, "the resume re-INVITE to reach baresip")
        self.assertEqual(bare.offered_directions()[offers:], ["sendonly", "sendrecv"])
        resumed = bare.rtp_received()
        time.sleep(2)
        self.assertGreaterEqual(bare.rtp_received() - resumed, 50, "RTP did not flow after the resume")

        dtmf = bare.count("CALL_DTMF_START")
        lin.command("9")
        self.assertEqual([e.get("param") for e in bare.wait_new("CALL_DTMF_START", dtmf, 5)], ["9"])
        tones = len(re.findall(r"Receiving tone 3 from", lin.output()))
        bare.command("sndcode", "3")
        wait_until(lambda: len(re.findall(r"Receiving tone 3 from", lin.output())) > tones, 5,
                   "linphone to receive DTMF 3")

        ended = len(re.findall(r"ended", lin.output()))
        closed = bare.count("CALL_CLOSED")
        lin.command("terminate")
        wait_until(lambda: len(re.findall(r"ended", lin.output())) > ended, 5, "linphone to end the call")
        bare.wait_new("CALL_CLOSED", closed, 5)
        self.assert_hears(heard, BARESIP_HZ, "linphone hearing baresip", min_s=3)
        rate, samples = read_wav(heard)
        tone_runs = [n for label, n in runs(windows(samples, rate, BARESIP_HZ)) if label == "tone" and n >= 10]
        self.assertGreaterEqual(len(tone_runs), 2, "linphone heard baresip before its hold but not after the resume")
        row = self.wait_cdr("101", "100", cdrs)
        self.assertEqual(row["sip_code"], "200", row)
        self.assertGreaterEqual(int(row["duration"]), 6, row)
        self.assertEqual(row["reason"], "caller hung up", row)


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
