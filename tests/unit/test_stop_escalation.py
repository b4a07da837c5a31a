"""stop_devstack escalates Ctrl-C -> SIGTERM -> SIGKILL and never fails the run that used it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from devstack.process import stop_devstack

# A child that says it is ready once its signal dispositions are in place, then sleeps.
CHILD = """
import signal, sys, time
for name in sys.argv[1:]:
    signal.signal(getattr(signal, name), signal.SIG_IGN)
print("ready", flush=True)
time.sleep(60)
"""


def _child(*ignored: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", CHILD, *ignored], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    return proc


def test_a_child_that_obeys_ctrl_c_stops_with_no_warning(recwarn):
    proc = _child()
    # The wait ends when the child dies: a generous timeout costs nothing, and on a loaded
    # 2-core machine a child's exit once took longer than 5 s (full suite, stop 35).
    assert stop_devstack(proc, timeout=30, grace=1) == -signal.SIGINT  # died of Ctrl-C
    assert not [w for w in recwarn if "local stack" in str(w.message)]


def test_a_child_ignoring_ctrl_c_gets_sigterm_after_the_timeout():
    proc = _child("SIGINT")
    started = time.monotonic()
    with pytest.warns(UserWarning, match="sending SIGTERM"):
        code = stop_devstack(proc, timeout=0.5, grace=2)
    assert code == -signal.SIGTERM
    assert time.monotonic() - started < 2.5


def test_a_child_ignoring_ctrl_c_and_sigterm_is_killed_and_the_caller_carries_on():
    proc = _child("SIGINT", "SIGTERM")
    started = time.monotonic()
    with pytest.warns(UserWarning) as warned:
        code = stop_devstack(proc, timeout=0.5, grace=0.5)
    assert code == -signal.SIGKILL
    assert [str(w.message).rsplit(" ", 1)[-1] for w in warned] == ["SIGTERM", "SIGKILL"]
    assert time.monotonic() - started < 3
