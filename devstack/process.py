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


def stop_devstack(proc: subprocess.Popen, timeout: float = 60) -> int:
    """Ctrl-C the stack and return its exit code; a stack still alive after `timeout` is
    killed (and said so) rather than failing the run that used it."""
    proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(timeout)
    except subprocess.TimeoutExpired:
        warnings.warn(f"the local stack ignored Ctrl-C for {timeout:.0f} s: killed", stacklevel=2)
        proc.kill()
        return proc.wait(10)
