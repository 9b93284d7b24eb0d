#!/usr/bin/env python3
"""switchboard-server as a user meets it: flags, import/export, bad databases, signals."""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import unittest

from sip_client import SipClient
from switchboard_harness import SwitchboardServer

SERVER = None

SAMPLE = {
    "version": 1,
    "settings": {"domain": "192.0.2.10", "sip_port": 5060, "tls_port": 5061,
                 "rtp_port_min": 10000, "rtp_port_max": 20000, "outgroup_prefix": "9",
                 "ringback": "cn"},
    "extensions": [{"number": "100", "password": "s3cret-pass", "name": "Reception", "enabled": True},
                   {"number": "101", "password": "an0ther-pass", "name": "Office", "enabled": True}],
    "lines": [{"name": "ims", "domain": "gd.ctcims.cn", "account": "+8612345678", "auth_id": "",
               "password": "line-pass", "auth_id_includes_address": True,
               "proxy": "198.51.100.7:5060", "transport": "udp", "register": True, "expires": 600,
               "disable_100rel": False, "user_phone": True, "incoming_extension": "100",
               "enabled": True}],
    "trunks": [{"name": "carrier", "host": "203.0.113.5", "port": 5060, "transport": "udp",
                "proxy": "", "request_uri_params": "user=phone", "disable_100rel": False,
                "allowed_addresses": ["203.0.113.5"], "dids": {"+8613901088888": "101"},
                "enabled": True}],
    "routes": [{"pattern": "9.", "strip": 1, "prepend": "", "target": "carrier", "failover": "ims"}],
}


def run(*args, timeout=30):
    return subprocess.run([SERVER, *args], capture_output=True, text=True, timeout=timeout)


class ServerCli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="sb-cli-")
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "pbx.db")

    def tearDown(self):
        self.tmp.cleanup()

    def write_json(self, name, doc):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            json.dump(doc, f)
        return path

    def export(self):
        out = os.path.join(self.dir, "export.json")
        res = run("--db", self.db, "--export", out)
        self.assertEqual(res.returncode, 0, res.stderr)
        with open(out) as f:
            return json.load(f)

    def test_version_and_help(self):
        res = run("--version")
        self.assertEqual(res.returncode, 0)
        self.assertRegex(res.stdout, r"^switchboard-server \d+\.\d+\.\d+")
        res = run("--help")
        self.assertEqual(res.returncode, 0)
        for flag in ("--db", "--import", "--export", "--sip-port", "--log-level", "--version"):
            self.assertIn(flag, res.stdout)

    def test_unknown_option_and_bad_port_are_refused(self):
        res = run("--frobnicate")
        self.assertEqual(res.returncode, 2)
        self.assertIn("unknown option '--frobnicate'", res.stderr)
        res = run("--sip-port", "70000")
        self.assertEqual(res.returncode, 2)
        self.assertIn("--sip-port", res.stderr)

    @unittest.skipIf(sys.platform == "win32", "--service is accepted on Windows")
    def test_service_mode_is_refused_off_windows(self):
        res = run("--service", "--db", self.db)
        self.assertEqual(res.returncode, 2)
        self.assertEqual(res.stderr, "switchboard-server: --service is only available on Windows\n")
        self.assertFalse(os.path.exists(self.db), "a refused --service touched the database")
        self.assertNotIn("--service", run("--help").stdout)

    def test_new_database_gets_default_configuration(self):
        doc = self.export()
        numbers = [e["number"] for e in doc["extensions"]]
        self.assertEqual(numbers, ["100", "101", "102"])
        self.assertTrue(all(len(e["password"]) >= 8 for e in doc["extensions"]))
        self.assertEqual(doc["settings"]["outgroup_prefix"], "9")
        self.assertTrue(doc["settings"]["domain"])

    def test_import_export_round_trip(self):
        res = run("--db", self.db, "--import", self.write_json("in.json", SAMPLE))
        self.assertEqual(res.returncode, 0, res.stderr)
        doc = self.export()
        # Later versions add fields with defaults; every field given must come back.
        for key in ("extensions", "lines", "trunks", "routes"):
            self.assertEqual(len(doc[key]), len(SAMPLE[key]), key)
            for got, given in zip(doc[key], SAMPLE[key]):
                self.assertEqual({k: got.get(k) for k in given}, given, key)
        for key, value in SAMPLE["settings"].items():
            self.assertEqual(doc["settings"][key], value, key)

    def test_sip_trace_file_gets_every_message(self):
        trace = os.path.join(self.dir, "sip-trace.log")
        config = self.write_json("in.json", {"version": 1, "settings": {"domain": "127.0.0.1", "trace_file": trace}})
        with SwitchboardServer(SERVER, config_json=config, extra_args=["--log-level", "info"]) as server:
            client = SipClient("127.0.0.1", server.port)
            try:
                for _ in range(3):
                    self.assertEqual(client.request("OPTIONS", "sip:127.0.0.1", "ping").status, 200)
            finally:
                client.close()
        with open(trace) as f:
            text = f.read()
        # Tracing to the file works without the debug log level.
        self.assertEqual(len(re.findall(r"(?m)received from UDP 127\.0\.0\.1:\d+:\nOPTIONS sip:127\.0\.0\.1 ", text)), 3)
        self.assertEqual(len(re.findall(r"(?m)sent to UDP 127\.0\.0\.1:\d+:\nSIP/2\.0 200 OK", text)), 3)

    def test_invalid_import_is_rejected_whole(self):
        run("--db", self.db, "--import", self.write_json("in.json", SAMPLE))
        before = self.export()
        bad = json.loads(json.dumps(SAMPLE))
        bad["extensions"].append({"number": "102", "password": "x-pass-word", "name": "New"})
        bad["lines"].append(dict(bad["lines"][0], name="second", proxy="bad host:99999"))
        res = run("--db", self.db, "--import", self.write_json("bad.json", bad))
        self.assertEqual(res.returncode, 1)
        self.assertIn("lines[1].proxy", res.stderr)
        self.assertEqual(self.export(), before, "a rejected import changed the configuration")

    def test_corrupt_database_is_reported_not_replaced(self):
        garbage = b"this is not a database\x00" * 400
        with open(self.db, "wb") as f:
            f.write(garbage)
        res = run("--db", self.db, "--sip-port", "0", "--bind", "127.0.0.1", timeout=10)
        self.assertEqual(res.returncode, 1)
        self.assertIn(self.db, res.stderr)
        with open(self.db, "rb") as f:
            self.assertEqual(f.read(), garbage, "the corrupt database file was modified")

    def test_sigint_and_sigterm_stop_within_one_second(self):
        for sig in (signal.SIGINT, signal.SIGTERM):
            with SwitchboardServer(SERVER) as server:
                code = server.stop(sig)
                self.assertEqual(code, 0, server.log_text())
                self.assertLess(server.stop_seconds, 1.0)
                self.assertIn("stopped", server.log_text())

    def test_log_lines_have_timestamps_and_passwords_shown_once(self):
        with SwitchboardServer(SERVER) as server:
            server.stop()
            log = server.log_text()
        self.assertRegex(log, r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} info +listening for SIP")
        self.assertRegex(log, r"100=\S+ 101=\S+ 102=\S+")

    def test_port_in_use_is_a_clear_error(self):
        with SwitchboardServer(SERVER) as server:
            res = run("--db", os.path.join(self.dir, "other.db"), "--bind", "127.0.0.1",
                      "--sip-port", str(server.port), timeout=10)
            self.assertEqual(res.returncode, 1)
            self.assertIn(f"127.0.0.1:{server.port}", res.stderr)

    def test_any_free_port_moves_past_a_port_tcp_holds(self):
        # "--sip-port 0" lets UDP choose; a TCP client socket holding that
        # number made the start fail (seen in CI under parallel tests).
        probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
        if probe.returncode != 0:
            self.skipTest("no network namespaces here: " + probe.stderr.decode(errors="replace").strip())
        helper = os.path.join(os.path.dirname(os.path.abspath(__file__)), "any_port_netns.py")
        res = subprocess.run(["unshare", "-rn", "sh", "-c", 'ip link set lo up && exec "$0" "$1" "$2" 40',
                              sys.executable, helper, SERVER], capture_output=True, text=True, timeout=120)
        ports = res.stdout.split()
        self.assertEqual(len(ports), 40, res.stderr)
        self.assertNotIn("failed", ports, res.stderr)
        self.assertNotIn("40000", ports)


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
