"""Run the local stack as a subprocess (end-to-end tests and benchmarks)."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_devstack(extra_env: dict[str, str] | None = None) -> tuple[subprocess.Popen, dict]:
    """Start `python -m devstack --any-ports` and wait for its ready line."""
    env = {**os.environ, **(extra_env or {})}
    env.pop("AWS_ENDPOINT_URL", None)
    stderr_path = env.get("DEVSTACK_STDERR", os.devnull)
    proc = subprocess.Popen(
        [sys.executable, "-m", "devstack", "--any-ports"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=open(stderr_path, "w"),  # noqa: SIM115 - lives as long as the stack
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        # Drain stdout for the stack's whole life, so it never blocks on a full pipe.
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put("")

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=deadline - time.monotonic())
        except queue.Empty:
            break
        if line.startswith("DEVSTACK_READY "):
            return proc, json.loads(line.split(" ", 1)[1])
        if not line:
            break
    proc.kill()
    raise RuntimeError("the local stack did not become ready in 30 s")


# Ctrl-C, then SIGTERM, then SIGKILL: how long each signal is given before the next one.
STOP_ESCALATION: tuple[tuple[signal.Signals, str], ...] = (
    (signal.SIGINT, "Ctrl-C"),
    (signal.SIGTERM, "SIGTERM"),
    (signal.SIGKILL, "SIGKILL"),
)


def stop_devstack(proc: subprocess.Popen, timeout: float = 15, grace: float = 5) -> int | None:
    """Ctrl-C the stack and return its exit code.

    The stack exits within a few seconds of Ctrl-C whatever it is doing (devstack/__main__.py).
    One that does not is sent SIGTERM after `timeout` seconds, then SIGKILL after `grace` more,
    each step said in a warning: a slow teardown is reported, it never fails the run that used
    the stack. None only if even SIGKILL left it running (then it is left to the OS).
    """
    waits = (timeout, grace, grace)
    for (sig, name), wait in zip(STOP_ESCALATION, waits, strict=True):
        if proc.poll() is not None:
            break
        if sig is not signal.SIGINT:
            warnings.warn(f"the local stack outlived the previous signal: sending {name}",
                          stacklevel=2)
        try:
            proc.send_signal(sig)
        except ProcessLookupError:
            break
        try:
            return proc.wait(wait)
        except subprocess.TimeoutExpired:
            continue
    code = proc.poll()
    if code is None:
        warnings.warn("the local stack survived SIGKILL; leaving it to the OS", stacklevel=2)
    return code
