"""stop_devstack escalates Ctrl-C -> SIGTERM -> SIGKILL and never fails the run that used it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from devstack.process import stop_devstack

# A child that says it is ready once its signal dispositions are in place, then sleeps. Like
# the stack (devstack/__main__.py), it sets its own Ctrl-C handler: a process started in the
# background by a shell inherits Ctrl-C ignored, and so would a child that kept that.
CHILD = """
import signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)
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
    assert stop_devstack(proc, timeout=5, grace=1) == -signal.SIGINT  # died of Ctrl-C
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
