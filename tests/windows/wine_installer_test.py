"""The cross-built Windows installer under Wine (ctest label windows).

Installs Switchboard-<version>-win64.exe silently into a fresh WINEPREFIX,
imports a configuration, starts the installed switchboard-server.exe on a
free loopback port and has SIPp send OPTIONS and a digest REGISTER to it,
calls the echo test (*43) with a phone of tests/sipp (the media engine on
the librem stand-ins of scripts/windows/rem_subset answers and sends the
caller's tone back), stops it, installs the same installer again over it (an upgrade: the old
uninstaller runs first), checks that the database kept its data, and
uninstalls silently. Every step is bounded; wineserver is killed at the end.

    wine_installer_test.py --wine WINE64 --wineserver WINESERVER --installer-dir DIR --sipp-dir DIR
"""
import argparse
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

EXTENSION = "100"
PASSWORD = "pw-100-wine"
PROGRAM_DIR = "C:\\Program Files\\Switchboard"
SERVER_EXE = PROGRAM_DIR + "\\bin\\switchboard-server.exe"


def windows_path(path):
    """Wine maps the Unix root to drive Z:."""
    return "Z:" + os.path.abspath(path).replace("/", "\\")


class Wine:
    """One WINEPREFIX in a temporary folder and the commands run in it."""

    def __init__(self, wine, wineserver):
        self.wine = wine
        self.wineserver = wineserver
        self.tmp = tempfile.mkdtemp(prefix="sb-wine-")
        self.prefix = os.path.join(self.tmp, "prefix")
        self.env = dict(os.environ, WINEPREFIX=self.prefix, WINEARCH="win64", WINEDEBUG="-all",
                        # No Mono or Gecko download prompts, no window: a server needs neither.
                        WINEDLLOVERRIDES="mscoree,mshtml=")
        self.env.pop("DISPLAY", None)
        self.env.pop("WAYLAND_DISPLAY", None)

    def unix(self, windows):
        """The Unix path of a C:\\ path in this prefix."""
        assert windows[:3].upper() == "C:\\", windows
        return os.path.join(self.prefix, "drive_c", *windows[3:].split("\\"))

    def run(self, *args, timeout_s=120):
        t0 = time.monotonic()
        res = subprocess.run([self.wine, *args], env=self.env, capture_output=True, text=True,
                             errors="replace", timeout=timeout_s, stdin=subprocess.DEVNULL)
        print(f"wine {' '.join(args)}: exit {res.returncode} in {time.monotonic() - t0:.1f} s", flush=True)
        return res

    def popen(self, *args):
        return subprocess.Popen([self.wine, *args], env=self.env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                errors="replace")

    def close(self):
        try:
            subprocess.run([self.wineserver, "-k"], env=self.env, timeout=30,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            pass
        shutil.rmtree(self.tmp, ignore_errors=True)


class InstalledServer:
    """switchboard-server.exe from the installation, on a free port chosen by itself."""

    def __init__(self, wine):
        self.wine = wine
        self.lines = []
        self.port = None
        self._listening = threading.Event()
        self.proc = wine.popen(SERVER_EXE, "--sip-port", "0", "--tls-port", "0", "--bind", "127.0.0.1",
                               "--log-level", "debug")
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))
            m = LISTEN_RE.search(line)
            if m and not self._listening.is_set():
                self.port = int(m.group(2))
                self._listening.set()

    def wait_listening(self, timeout_s=60):
        if not self._listening.wait(timeout_s):
            raise AssertionError("switchboard-server.exe did not listen within %d s:\n%s"
                                 % (timeout_s, self.log()))
        return self.port

    def stop(self, timeout_s=20):
        """Ctrl+C, as a console user would: Wine turns SIGINT into CTRL_C_EVENT."""
        self.proc.send_signal(signal.SIGINT)
        try:
            code = self.proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError("switchboard-server.exe did not stop within %d s:\n%s" % (timeout_s, self.log()))
        self._reader.join(5)
        self.proc.stderr.close()
        return code

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if not self.proc.stderr.closed:
            self._reader.join(5)
            self.proc.stderr.close()

    def log(self):
        return "\n".join(self.lines[-80:])


class WineInstallerTest(unittest.TestCase):
    def setUp(self):
        installers = sorted(glob.glob(os.path.join(ARGS.installer_dir, "Switchboard-*-win64.exe")))
        self.assertTrue(installers, f"no Switchboard-*-win64.exe in {ARGS.installer_dir}: run scripts/windows-cross")
        self.installer = installers[-1]
        self.wine = Wine(ARGS.wine, ARGS.wineserver)
        self.addCleanup(self.wine.close)

    def install(self):
        res = self.wine.run(self.installer, "/S", timeout_s=240)
        self.assertEqual(res.returncode, 0, res.stderr[-4000:])
        self.assertTrue(os.path.isfile(self.wine.unix(SERVER_EXE)), "the installer left no switchboard-server.exe")

    def database(self):
        found = glob.glob(os.path.join(self.wine.prefix, "drive_c", "users", "*", "AppData", "Roaming",
                                       "Switchboard", "switchboard.db"))
        return found[0] if found else None

    def serve_and_register(self):
        server = InstalledServer(self.wine)
        self.addCleanup(server.kill)
        port = server.wait_listening()
        self.sipp(server, OPTIONS, port)
        self.sipp(server, REGISTER, port, keys={"ext": EXTENSION, "expires": "120"},
                  extra=["-au", EXTENSION, "-ap", PASSWORD])
        self.echo_call(server, port)
        self.assertEqual(server.stop(), 0, server.log())

    def echo_call(self, server, port):
        """A tone to the echo test comes back: RTP, G.711 and the media
        engine's threads work in the Windows build. A 503 with Retry-After: 5
        is the overload guard (see sipp()); the engine missing answers 503
        with Retry-After: 60, which fails at once."""
        for attempt in range(1, 6):
            phone = Phone()
            client = SipClient("127.0.0.1", port)
            try:
                call = OutgoingCall(client, EXTENSION, PASSWORD, "*43", phone.sdp(True)).start()
                r = call.next_response()
                while r.status < 200:
                    r = call.next_response()
                if r.status == 503 and "Retry-After: 5" in r.raw and attempt < 5:
                    time.sleep(5)
                    continue
                self.assertEqual(r.status, 200, r.raw + "\n" + server.log())
                phone.talk(sdp_endpoint(r.body), tone([1000], 8000))
                phone.drain(0.5)
                audio = phone.audio()
                self.assertGreaterEqual(len(audio), 45 * 160, "most of one second should come back\n" + server.log())
                self.assertGreater(power(audio, 1000), 100 * power(audio, 400), "what came back is not the tone")
                self.assertEqual(call.bye().status, 200)
                print(f"echo test (*43) under Wine: {len(audio)} samples of the 1000 Hz tone came back", flush=True)
                return
            finally:
                client.close()
                phone.close()

    def sipp(self, server, scenario, port, keys=None, extra=()):
        """One scenario to success. A 503 is the server's own overload guard
        (Wine's start-up can make the loop run late on a busy machine), which
        a phone answers by trying again later: so does this, a few times."""
        for attempt in range(1, 6):
            code, out = run_sipp(scenario, "127.0.0.1", port, transport="u1", keys=keys, extra=list(extra))
            if code == 0:
                return
            if "503 Service Unavailable" not in out or attempt == 5:
                break
            print(f"{os.path.basename(scenario)}: 503 (overload guard), attempt {attempt}; retrying", flush=True)
            time.sleep(5)  # the Retry-After the server sends
        self.fail(out + "\n" + server.log())

    def export(self, name):
        path = os.path.join(self.wine.tmp, name)
        res = self.wine.run(SERVER_EXE, "--export", windows_path(path))
        self.assertEqual(res.returncode, 0, res.stderr[-4000:])
        with open(path) as f:
            return json.load(f)

    def test_install_serve_upgrade_uninstall(self):
        t0 = time.monotonic()
        res = self.wine.run("wineboot", "--init", timeout_s=300)
        self.assertEqual(res.returncode, 0, res.stderr[-4000:])

        self.install()
        config = os.path.join(self.wine.tmp, "config.json")
        with open(config, "w") as f:
            json.dump({"version": 1, "settings": {"domain": "127.0.0.1"},
                       "extensions": [{"number": EXTENSION, "password": PASSWORD, "name": "Wine"}]}, f)
        res = self.wine.run(SERVER_EXE, "--import", windows_path(config))
        self.assertEqual(res.returncode, 0, res.stderr[-4000:])
        db = self.database()
        self.assertIsNotNone(db, "no switchboard.db under %APPDATA%\\Switchboard after --import")
        self.serve_and_register()

        # Upgrade: the same installer over the installed one. The database
        # lives outside the installation folder and must keep its data.
        self.install()
        self.assertTrue(os.path.isfile(db), "the upgrade removed the database")
        exported = self.export("after-upgrade.json")
        self.assertIn(EXTENSION, [e["number"] for e in exported.get("extensions", [])], exported)
        self.serve_and_register()  # the imported password still answers the challenge

        uninstaller = PROGRAM_DIR + "\\Uninstall.exe"
        res = self.wine.run(uninstaller, "/S")
        self.assertEqual(res.returncode, 0, res.stderr[-4000:])
        # NSIS's uninstaller copies itself to %TEMP% and returns at once.
        deadline = time.monotonic() + 60
        while os.path.exists(self.wine.unix(SERVER_EXE)) and time.monotonic() < deadline:
            time.sleep(0.5)
        self.assertFalse(os.path.exists(self.wine.unix(SERVER_EXE)), "the uninstaller left switchboard-server.exe")
        self.assertTrue(os.path.isfile(db), "the uninstaller removed the user's database")
        print(f"windows installer under Wine: install, serve, upgrade, uninstall in {time.monotonic() - t0:.0f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--wine", required=True)
    parser.add_argument("--wineserver", required=True)
    parser.add_argument("--installer-dir", required=True)
    parser.add_argument("--sipp-dir", required=True)
    ARGS, rest = parser.parse_known_args()
    unavailable = os.path.join(ARGS.installer_dir, "windows-unavailable.txt")
    if os.path.exists(unavailable):  # ctest's SKIP_RETURN_CODE
        with open(unavailable) as f:
            print("SKIPPED: scripts/windows-cross could not build the server: " + f.read().strip())
        sys.exit(77)
    ARGS.sipp_dir = os.path.abspath(ARGS.sipp_dir)  # SIPp runs in a folder of its own
    sys.path.insert(0, ARGS.sipp_dir)
    from switchboard_harness import LISTEN_RE, run_sipp  # noqa: E402
    from sip_client import OutgoingCall, SipClient, sdp_endpoint  # noqa: E402
    from services_test import Phone, power, tone  # noqa: E402

    OPTIONS = os.path.join(ARGS.sipp_dir, "scenarios", "options.xml")
    REGISTER = os.path.join(ARGS.sipp_dir, "scenarios", "register_auth.xml")
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
