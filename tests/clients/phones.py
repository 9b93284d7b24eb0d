"""Real SIP phones for the black-box tests: baresip and linphone's CLI.

Each phone runs as its own process with its own configuration folder under a
temporary directory, listens on a free loopback port and is killed at
teardown. Nothing needs a sound card:

- baresip sends a sine tone (module ausine) and plays into ALSA's "null"
  device; module sndfile writes what it decodes to dump-*-dec.wav. It is
  driven over its ctrl_tcp socket (netstring JSON commands and events).
- linphonec plays a WAV file instead of a microphone and records what it
  hears ("soundcard use files", "play", "record"). It is driven through a
  pseudo-terminal: its command loop only runs the core from readline's idle
  hook, so commands on a pipe would never be acted on.
"""
import json
import os
import pty
import re
import select
import socket
import subprocess
import threading
import time

from switchboard_harness import free_port

BARESIP_MODULES = "/usr/lib/baresip/modules"


def wait_until(predicate, timeout_s, what):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}")


class Baresip:
    """One baresip 1.x process registered as @user at the server."""

    def __init__(self, workdir, user, password, server_port, tone_hz, answer="auto"):
        self.user = user
        self.dir = os.path.join(workdir, f"baresip-{user}")
        os.makedirs(self.dir)
        self.sip_port = free_port()
        self.ctrl_port = free_port()
        self.log_path = os.path.join(self.dir, "baresip.log")
        with open(os.path.join(self.dir, "config"), "w") as f:
            f.write("\n".join([
                "poll_method epoll",
                "net_interface 127.0.0.1",  # loopback only: else the SDP names eth0
                f"sip_listen 127.0.0.1:{self.sip_port}",
                f"audio_source ausine,{tone_hz}",
                "audio_player alsa,null",
                "audio_alert alsa,null",
                "ausrc_srate 48000", "ausrc_channels 2",  # all ausine makes; baresip resamples
                f"module_path {BARESIP_MODULES}",
                *(f"module {m}.so" for m in ("g711", "ausine", "aufile", "sndfile", "alsa", "account")),
                "module_app menu.so",
                "module ctrl_tcp.so",
                f"ctrl_tcp_listen 127.0.0.1:{self.ctrl_port}",
                f"snd_path {self.dir}",
                "",
            ]))
        with open(os.path.join(self.dir, "accounts"), "w") as f:
            # Only PCMU: the tone check then reads one known encoding.
            f.write(f"<sip:{user}@127.0.0.1:{server_port}>;auth_pass={password};answermode={answer};"
                    "audio_codecs=PCMU/8000/1\n")
        self.proc = None
        self.events = []
        self._sock = None
        self._responses = {}
        self._token = 0
        self._lock = threading.Lock()

    def start(self):
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(["baresip", "-f", self.dir, "-s"], stdin=subprocess.DEVNULL,
                                     stdout=self._log, stderr=subprocess.STDOUT, cwd=self.dir)
        self._sock = wait_until(self._connect, 10, f"baresip {self.user}'s control socket")
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def _connect(self):
        if self.proc.poll() is not None:
            raise AssertionError(f"baresip {self.user} exited ({self.proc.returncode}):\n{self.log()}")
        try:
            return socket.create_connection(("127.0.0.1", self.ctrl_port), timeout=1)
        except OSError:
            return None

    def _read(self):
        buf = b""
        self._sock.settimeout(None)
        while True:
            try:
                data = self._sock.recv(65536)
            except OSError:
                return
            if not data:
                return
            buf += data
            while True:  # netstrings: "<length>:<bytes>,"
                colon = buf.find(b":")
                if colon < 0:
                    break
                length = int(buf[:colon])
                if len(buf) < colon + 2 + length:
                    break
                msg = json.loads(buf[colon + 1:colon + 1 + length])
                buf = buf[colon + 2 + length:]
                with self._lock:
                    if msg.get("event"):
                        self.events.append(msg)
                    elif "token" in msg:
                        self._responses[msg["token"]] = msg

    def command(self, command, params=None, timeout_s=5):
        """Run a menu command (e.g. "dial", "hold", "sndcode"); returns its response."""
        with self._lock:
            self._token += 1
            token = str(self._token)
        body = {"command": command, "token": token}
        if params is not None:
            body["params"] = params
        data = json.dumps(body).encode()
        self._sock.sendall(b"%d:%s," % (len(data), data))
        response = wait_until(lambda: self._responses.get(token), timeout_s, f"baresip answer to {command}")
        if not response.get("ok"):
            raise AssertionError(f"baresip {self.user}: {command} failed: {response}")
        return response

    def count(self, kind):
        """How many events of type @kind arrived so far."""
        with self._lock:
            return len([e for e in self.events if e.get("type") == kind])

    def wait_new(self, kind, seen, timeout_s=10):
        """Events of type @kind after the first @seen ones, once there is at least one."""
        def new():
            with self._lock:
                return [e for e in self.events if e.get("type") == kind][seen:]
        try:
            return wait_until(new, timeout_s, f"baresip {self.user} event {kind}")
        except AssertionError:
            raise AssertionError(f"baresip {self.user}: no new {kind} event within {timeout_s} s; events "
                                 f"{[e.get('type') for e in self.events]}\n{self.log()[-6000:]}")

    def offered_directions(self):
        """a=sendrecv/sendonly/... of each INVITE baresip received, in order (from its SIP trace)."""
        out = []
        for block in re.split(r"\n[^\n]*#\n", self.log()):
            lines = block.strip().split("\n")
            if len(lines) > 1 and lines[0].startswith("UDP ") and lines[1].startswith("INVITE "):
                m = re.search(r"^a=(sendrecv|sendonly|recvonly|inactive)", block, re.M)
                out.append(m.group(1) if m else "sendrecv")
        return out

    def rtp_received(self):
        """RTP packets the current call has received (its RTCP session's count)."""
        return sum(int(n) for n in re.findall(r"\brcvd=(\d+)", self.command("audio_debug").get("data", "")))

    def wait_registered(self, timeout_s=10):
        wait_until(lambda: re.search(r"\{0/UDP/v4\} 200 OK", self.log()), timeout_s,
                   f"baresip {self.user} to register:\n{self.log()[-4000:]}")

    def recordings(self):
        """The files sndfile wrote received audio to, one per call, oldest first."""
        names = [n for n in os.listdir(self.dir) if n.startswith("dump-") and n.endswith("-dec.wav")]
        return [os.path.join(self.dir, n) for n in sorted(names)]

    def log(self):
        self._log.flush()
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def stop(self):
        if self._sock:
            self._sock.close()
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self._log.close()


def write_tone_wav(path, freq, seconds=30, rate=8000, amplitude=12000):
    """A mono 16-bit WAV of a sine tone, for linphone to send as its microphone."""
    import math
    import wave
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(
            int(amplitude * math.sin(2 * math.pi * freq * i / rate)).to_bytes(2, "little", signed=True)
            for i in range(int(seconds * rate))))


class Linphone:
    """One linphonec (liblinphone 5.x) registered as @user, its microphone a
    tone file and its speaker a recording."""

    def __init__(self, workdir, user, password, server_port, tone_hz):
        self.user = user
        self.password = password
        self.server_port = server_port
        self.dir = os.path.join(workdir, f"linphone-{user}")
        # liblinphone does not start its core (and never registers) when it
        # cannot create its database under $HOME.
        os.makedirs(os.path.join(self.dir, ".local", "share", "linphone"))
        self.tone_wav = os.path.join(self.dir, "tone.wav")
        self.recording = os.path.join(self.dir, "heard.wav")
        write_tone_wav(self.tone_wav, tone_hz)
        self.rc = os.path.join(self.dir, "linphonerc")
        with open(self.rc, "w") as f:
            f.write("\n".join([
                "[sip]", f"sip_port={free_port()}", "sip_tcp_port=0", "sip_tls_port=0", "ipv6=0",
                "[rtp]", f"audio_rtp_port={free_port()}",
                "[sound]", "echocancellation=0",
                "[video]", "enabled=0", "capture=0", "display=0",
                "",
            ]))
        self.log_path = os.path.join(self.dir, "linphonec.log")
        self.proc = None
        self._out = b""
        self._lock = threading.Lock()
        self._master = None

    def start(self):
        master, slave = pty.openpty()
        env = dict(os.environ, HOME=self.dir)
        self.proc = subprocess.Popen(["linphonec", "-c", self.rc, "-d", "6", "-l", self.log_path],
                                     stdin=slave, stdout=slave, stderr=slave, env=env, cwd=self.dir,
                                     close_fds=True)
        os.close(slave)
        self._master = master
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_output("linphonec> ", 15)
        for command in ("soundcard use files", f"play {self.tone_wav}", f"record {self.recording}",
                        "autoanswer enable",
                        f"register sip:{self.user}@127.0.0.1 sip:127.0.0.1:{self.server_port} {self.password}"):
            self.command(command)
        return self

    def _read(self):
        while True:
            try:
                ready, _, _ = select.select([self._master], [], [], 0.2)
                if not ready:
                    if self.proc.poll() is not None:
                        return
                    continue
                data = os.read(self._master, 65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self._out += data

    def output(self):
        with self._lock:
            text = self._out.decode(errors="replace")
        return re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", text)

    def command(self, line):
        os.write(self._master, (line + "\n").encode())
        time.sleep(0.2)  # linphonec reads its next line only after the core ran

    def wait_output(self, pattern, timeout_s=10):
        """The first match of @pattern in what linphonec printed so far or within @timeout_s."""
        rx = re.compile(pattern)
        try:
            return wait_until(lambda: rx.search(self.output()), timeout_s, f"linphonec {self.user}: {pattern}")
        except AssertionError:
            raise AssertionError(f"linphonec {self.user} printed no {pattern!r} within {timeout_s} s:\n"
                                 f"{self.output()[-4000:]}")

    def wait_registered(self, timeout_s=10):
        def registered():
            self.command("status register")
            return re.search(r"registered, identity=sip:" + self.user, self.output())
        wait_until(registered, timeout_s, f"linphonec {self.user} to register:\n{self.output()[-3000:]}")

    def log(self):
        if not os.path.exists(self.log_path):
            return ""
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            try:
                self.command("quit")
                self.proc.wait(5)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()
        if self._master is not None:
            os.close(self._master)
            self._master = None
