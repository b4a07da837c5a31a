"""Clocks: the system one, and a settable one for tests."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass


class SystemClock:
    """Wall-clock time."""

    def now(self) -> float:
        """Seconds since the epoch."""
        return time.time()


@dataclass
class FixedClock:
    """A clock that moves only when told to (tests, simulations)."""

    t: float = 1_800_000_000.0

    def now(self) -> float:
        """The current fake time."""
        return self.t

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.t += seconds


def iso(ts: float | None) -> str | None:
    """Epoch seconds as ISO-8601 UTC with milliseconds and a Z (the wire format of times)."""
    if ts is None:
        return None
    moment = dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="milliseconds")
    return moment.replace("+00:00", "Z")
