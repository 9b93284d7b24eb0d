#!/usr/bin/env python3
"""Run one SIPp scenario against a fresh switchboard-server; fail on any SIPp failure.

  run_scenario.py SERVER SCENARIO [--transport u1|t1] [--calls N] [--key NAME VALUE]...
"""
import argparse
import sys

from switchboard_harness import SwitchboardServer, run_sipp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("server")
    ap.add_argument("scenario")
    ap.add_argument("--transport", default="u1")
    ap.add_argument("--calls", type=int, default=1)
    ap.add_argument("--rate", type=int, default=None, help="calls per second (SIPp -r)")
    ap.add_argument("--config", help="JSON configuration imported before start")
    ap.add_argument("--key", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    args = ap.parse_args()

    with SwitchboardServer(args.server, config_json=args.config) as server:
        code, out = run_sipp(args.scenario, server.host, server.port, transport=args.transport,
                             calls=args.calls, keys=dict(args.key), rate=args.rate)
        if code != 0:
            print(out)
            server.dump_log()
            print(f"FAIL: sipp exited {code} for {args.scenario}")
            return 1
        exit_code = server.stop()
        if exit_code != 0:
            server.dump_log()
            print(f"FAIL: switchboard-server exited {exit_code} after SIGTERM")
            return 1
        if server.stop_seconds > 1.0:
            print(f"FAIL: switchboard-server took {server.stop_seconds:.2f} s to stop (limit 1 s)")
            return 1
    print(f"PASS: {args.scenario} ({args.transport}, {args.calls} calls)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
