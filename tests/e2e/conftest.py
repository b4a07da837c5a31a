"""The local stack as a subprocess (`python -m devstack`), one per test worker."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def start_devstack(extra_env: dict[str, str] | None = None) -> tuple[subprocess.Popen, dict]:
    """Start the stack on free ports and wait for its ready line."""
    env = {**os.environ, **(extra_env or {})}
    env.pop("AWS_ENDPOINT_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "devstack", "--any-ports"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=open(os.environ.get("DEVSTACK_STDERR", os.devnull), "w"),
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


def stop_devstack(proc: subprocess.Popen) -> int:
    """Ctrl-C the stack and return its exit code."""
    proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise


@pytest.fixture(scope="session")
def devstack() -> Iterator[dict[str, str]]:
    """URLs of a running local stack shared by this worker's e2e tests."""
    proc, urls = start_devstack()
    yield urls
    stop_devstack(proc)
