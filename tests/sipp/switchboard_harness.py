"""Black-box test harness: a real switchboard-server on loopback and SIPp as its peer.

Used by every test under tests/sipp/. The server gets a temporary database and a
free port; its log is kept and printed when a test fails.
"""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

LISTEN_RE = re.compile(r"listening for SIP on udp:([0-9.]+):(\d+)")
TLS_RE = re.compile(r"tls:[0-9.]+:(\d+)")


def free_port(host="127.0.0.1", kind=socket.SOCK_DGRAM):
    """A port free for both UDP and TCP right now."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.bind((host, 0))
            port = u.getsockname()[1]
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
                    t.bind((host, port))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port found")


class SwitchboardServer:
    """Runs switchboard-server until stop(); use as a context manager."""

    def __init__(self, binary, config_json=None, extra_args=(), host="127.0.0.1", workdir=None):
        self.binary = binary
        self.host = host
        self._tmp = None if workdir else tempfile.TemporaryDirectory(prefix="sb-sipp-")
        self.workdir = workdir or self._tmp.name
        self.db = os.path.join(self.workdir, "switchboard.db")
        self.config_json = config_json
        self.extra_args = list(extra_args)
        self.port = None
        self.tls_port = None
        self.proc = None
        self.log_lines = []
        self._listening = threading.Event()
        self._reader = None
        self.stop_seconds = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            if self.proc and self.proc.poll() is None:
                self.stop()
        finally:
            if exc_type is not None:
                self.dump_log()
            if self._tmp:
                self._tmp.cleanup()
        return False

    def cli(self, *args, check=True):
        """Run a one-shot switchboard-server command on this database."""
        res = subprocess.run([self.binary, "--db", self.db, *args], capture_output=True,
                             text=True, timeout=30)
        if check and res.returncode != 0:
            raise AssertionError(f"switchboard-server {' '.join(args)} failed ({res.returncode}):\n"
                                 f"{res.stderr}")
        return res

    def start(self):
        if self.config_json:
            self.cli("--import", self.config_json)
            self.config_json = None  # a restart keeps what the database holds
        self._listening.clear()
        self.log_lines = []
        cmd = [self.binary, "--db", self.db, "--sip-port", "0", "--tls-port", "0", "--bind", self.host,
               "--log-level", "debug", *self.extra_args]
        self.proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     text=True, errors="replace")
        self._reader = threading.Thread(target=self._read_log, daemon=True)
        self._reader.start()
        if not self._listening.wait(15):
            self.dump_log()
            raise AssertionError("switchboard-server did not start listening within 15 s")
        return self

    def _read_log(self):
        for line in self.proc.stderr:
            self.log_lines.append(line.rstrip("\n"))
            m = LISTEN_RE.search(line)
            if m and not self._listening.is_set():
                self.port = int(m.group(2))
                t = TLS_RE.search(line)
                self.tls_port = int(t.group(1)) if t else None
                self._listening.set()

    def stop(self, sig=signal.SIGTERM, limit_s=5.0):
        """Signal the server and wait; returns its exit code and records the time taken."""
        t0 = time.monotonic()
        self.proc.send_signal(sig)
        try:
            code = self.proc.wait(limit_s)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"switchboard-server did not stop within {limit_s} s")
        self.stop_seconds = time.monotonic() - t0
        self._reader.join(2)
        self.assert_no_tel_sent()
        self.assert_no_sanitizer_report()
        return code

    def sanitized(self):
        """True for an ASan build: its allocator keeps freed memory in quarantine."""
        with open(f"/proc/{self.proc.pid}/maps") as f:
            return "libasan" in f.read()

    def assert_no_sanitizer_report(self):
        """An ASan/UBSan build of the server reports on stderr: any report fails the suite."""
        for marker in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"):
            hits = [line for line in self.log_lines if marker in line]
            if hits:
                self.dump_log()
                raise AssertionError(f"sanitizer report from switchboard-server: {hits[0]}")

    def sent_messages(self):
        """Every SIP message the server sent, from its debug trace."""
        text = self.log_text()
        return [m for m in re.split(r"\n(?=\d{4}-\d\d-\d\d )", text) if " sent to " in m.split("\n")[0]]

    def assert_no_tel_sent(self):
        """Switchboard never originates a tel: URI. A response copies the
        request's From and To (RFC 3261 §8.2.6.2), so only those lines of a
        response may carry the peer's own tel: URIs."""
        for message in self.sent_messages():
            lines = message.split("\n")[1:]
            is_response = bool(lines) and lines[0].startswith("SIP/2.0 ")
            for line in lines:
                if is_response and re.match(r"(?i)(From|To|f|t)\s*:", line):
                    continue
                if re.search(r"(?i)(?<![a-z0-9])tel:", line):
                    raise AssertionError("switchboard-server sent a tel: URI:\n" + message)

    def wait_log(self, pattern, timeout_s=10.0):
        """Wait until a log line matches @pattern; returns the match."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for line in list(self.log_lines):
                m = rx.search(line)
                if m:
                    return m
            time.sleep(0.05)
        raise AssertionError("no log line matching %r within %.1f s" % (pattern, timeout_s))

    def log_text(self):
        return "\n".join(self.log_lines)

    def dump_log(self, tail=200):
        print("---- switchboard-server log (last %d lines) ----" % tail, file=sys.stderr)
        for line in self.log_lines[-tail:]:
            print(line, file=sys.stderr)
        print("---- end of log ----", file=sys.stderr)


class SippRun:
    """One SIPp process; wait() returns (exit code, output incl. logs, message log)."""

    def __init__(self, scenario, server_host, server_port, transport="u1", calls=1, keys=None, extra=(),
                 local_ip="127.0.0.1", local_port=None, timeout_s=30, rate=None):
        self.workdir = tempfile.mkdtemp(prefix="sb-sippout-")
        self.timeout_s = timeout_s
        self.local_port = local_port or free_port(local_ip)
        cmd = ["sipp", "-sf", scenario, f"{server_host}:{server_port}", "-t", transport,
               "-i", local_ip, "-p", str(self.local_port), "-m", str(calls), "-nostdin",
               "-timeout", f"{timeout_s}s", "-timeout_error", "-trace_err", "-trace_msg",
               "-message_file", os.path.join(self.workdir, "messages.log"),
               "-error_file", os.path.join(self.workdir, "errors.log")]
        if rate:
            cmd += ["-r", str(rate)]
        for name, value in (keys or {}).items():
            cmd += ["-key", name, str(value)]
        cmd += list(extra)
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     errors="replace", cwd=self.workdir)

    def messages(self):
        path = os.path.join(self.workdir, "messages.log")
        if not os.path.exists(path):
            return ""
        with open(path, errors="replace") as f:
            return f.read()

    def wait(self):
        try:
            out, _ = self.proc.communicate(timeout=self.timeout_s + 30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        code = self.proc.returncode
        if code != 0:
            path = os.path.join(self.workdir, "errors.log")
            if os.path.exists(path):
                with open(path, errors="replace") as f:
                    out += "\n---- sipp errors.log ----\n" + f.read()[-8000:]
            out += "\n---- sipp messages.log ----\n" + self.messages()[-8000:]
        return code, out, self.messages()


def start_server(test, binary, config):
    """A server for one unittest @test, started from the configuration dict
    @config; its files and process are cleaned up when the test ends."""
    tmp = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    json.dump(config, tmp)
    tmp.close()
    test.addCleanup(os.unlink, tmp.name)
    server = SwitchboardServer(binary, config_json=tmp.name)
    test.addCleanup(server._tmp.cleanup)
    server.start()
    test.addCleanup(lambda: server.proc.poll() is None and server.stop())
    return server


def run_sipp(scenario, server_host, server_port, transport="u1", calls=1, keys=None,
             extra=(), local_ip="127.0.0.1", timeout_s=30, rate=None, local_port=None):
    """Run one SIPp scenario to completion; returns (exit code, output)."""
    run = SippRun(scenario, server_host, server_port, transport, calls, keys, extra, local_ip, local_port,
                  timeout_s, rate)
    code, out, _ = run.wait()
    return code, out
