"""Clocks: the system one, and a settable one for tests."""

from __future__ import annotations

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
