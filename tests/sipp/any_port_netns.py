#!/usr/bin/env python3
"""Run inside a fresh network namespace (see server_cli_test.py): the kernel's
ephemeral range is narrowed to four ports and TCP holds the first. The DNS
resolver takes two for UDP, so a server asked for "any free port" gets the
TCP-held one for UDP about one start in four. It must move on to another port
rather than fail. Prints one port per start."""
import socket
import subprocess
import sys
import tempfile

server, starts = sys.argv[1], int(sys.argv[2])
with open("/proc/sys/net/ipv4/ip_local_port_range", "w") as f:
    f.write("40000 40003")
held = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
held.bind(("127.0.0.1", 40000))
held.listen()

with tempfile.TemporaryDirectory(prefix="sb-anyport-") as tmp:
    for _ in range(starts):
        proc = subprocess.Popen([server, "--db", f"{tmp}/pbx.db", "--sip-port", "0", "--tls-port", "5061",
                                 "--bind", "127.0.0.1"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                text=True, errors="replace")
        port = None
        for line in proc.stderr:
            if "listening for SIP on udp:127.0.0.1:" in line:
                port = line.split("udp:127.0.0.1:")[1].split()[0]
                break
            if "cannot start" in line:
                print(line.strip(), file=sys.stderr)
                break
        proc.terminate()
        proc.communicate(timeout=10)
        print(port or "failed", flush=True)
