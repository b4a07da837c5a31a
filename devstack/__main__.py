"""`python -m devstack` (what `make dev` runs): the whole system locally, until Ctrl-C."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
import time

from devstack.stack import LocalStack, Ports


def main() -> int:
    """Start the stack, print where it is, wait for Ctrl-C or SIGTERM, stop cleanly."""
    logging.basicConfig(level=logging.INFO, format="devstack: %(message)s")
    logging.getLogger("entraide").setLevel(logging.WARNING)
    logging.getLogger("websockets").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--rest-port", type=int, default=8000)
    parser.add_argument("--ws-port", type=int, default=8001)
    parser.add_argument("--web-port", type=int, default=8002)
    parser.add_argument("--moto-port", type=int, default=5000)
    parser.add_argument("--any-ports", action="store_true", help="pick free ports (tests)")
    parser.add_argument("--no-seed", action="store_true", help="skip the demo data")
    args = parser.parse_args()
    ports = (
        Ports(0, 0, 0, 0)
        if args.any_ports
        else Ports(args.rest_port, args.ws_port, args.web_port, args.moto_port)
    )
    stack = LocalStack(host=args.host, ports=ports, seed=not args.no_seed)
    # The signals received: a plain list, since a signal handler must take no lock (setting a
    # threading.Event takes its condition's lock, which the main thread may hold while it
    # waits on that very event: the handler then waits for itself).
    stopping: list[int] = []
    signal.signal(signal.SIGTERM, lambda number, _: _on_signal(stopping, number))
    signal.signal(signal.SIGINT, lambda number, _: _on_signal(stopping, number))
    try:
        urls = stack.start()
    except OSError as e:
        print(f"devstack: cannot start: {e} (is another `make dev` running?)", file=sys.stderr)
        stack.stop()
        return 1
    print(BANNER.format(**urls), flush=True)
    print("DEVSTACK_READY " + json.dumps(urls), flush=True)
    while not stopping:
        time.sleep(0.2)  # interrupted by a signal, whose handler runs here, in the main thread
    print("devstack: stopping...", flush=True)
    # The parts stop in a helper thread so that one stuck part (a handler retrying a call to a
    # stopped server, a busy emulator) cannot hold Ctrl-C: past the deadline the process goes.
    stopper = threading.Thread(target=stack.stop, name="stop", daemon=True)
    stopper.start()
    stopper.join(STOP_DEADLINE_SECONDS)
    if stopper.is_alive():
        print(f"devstack: parts still stopping after {STOP_DEADLINE_SECONDS} s: exiting anyway",
              file=sys.stderr, flush=True)
    print("devstack: stopped", flush=True)
    # Every part is stopped or abandoned; a handler thread still retrying a call to the stopped
    # emulator must not hold the process (thread pools are joined at interpreter exit).
    _exit(0)


# Ctrl-C stops the whole stack within this many seconds, however busy it is.
STOP_DEADLINE_SECONDS = 4.0


def _on_signal(stopping: list[int], number: int) -> None:
    """The first Ctrl-C (or SIGTERM) stops cleanly; a second one exits at once."""
    if stopping:
        print("devstack: interrupted again: exiting now", file=sys.stderr, flush=True)
        _exit(130)
    stopping.append(number)


def _exit(code: int) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


BANNER = """
Entraide local stack is up (started in {startup_seconds} s) on the embedded AWS emulator.

  REST API        {rest}            (GET {rest}/health, GET {rest}/config)
  WebSocket       {ws}/?ticket=<ticket>
  Web clients     {web}/            (member widget, Helper console, staff console)
  AWS emulator    {moto}            (moto; AWS_ENDPOINT_URL for the aws CLI / boto3)

Demo tokens (local stage only):
  curl -s -X POST {rest}/dev/token -H 'Content-Type: application/json' \\
       -d '{{"member_id": "m-alice", "roles": ["member"]}}'
  then POST {rest}/ws/ticket with 'Authorization: Bearer <token>' and connect to
  {ws}/?ticket=<ticket>.  Demo ids: m-alice m-bob m-chloe m-david, Helpers h-1..h-5,
  agents a-l1 (L1) a-l2 (L2), supervisor s-1, admin adm-1, bookings bk-1 bk-2.

Ctrl-C stops everything.
"""

if __name__ == "__main__":
    sys.exit(main())
