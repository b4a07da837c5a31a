"""The one clock of every context, and the one time format on the wire.

A context that reasons in epoch seconds (the chat, the programme) reads `Clock.time()`; one that
reasons in datetimes (claims, signed pushes) reads `Clock.now()`. What goes on the wire or into
a timeline is written by `wire_time`: ISO-8601 UTC with milliseconds and a Z, the format Step
Functions gives `$$.State.EnteredTime`, so that every time of a claim's timeline sorts as text.
"""

from __future__ import annotations

import time as _time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol, overload


class Clock(Protocol):
    """The current time, as an aware UTC datetime or in epoch seconds."""

    def now(self) -> datetime:
        """Now, aware, in UTC."""
        ...

    def time(self) -> float:
        """Now, in seconds since the epoch."""
        ...


class SystemClock:
    """Wall-clock time."""

    def now(self) -> datetime:
        """Now, aware, in UTC."""
        return datetime.now(UTC)

    def time(self) -> float:
        """Seconds since the epoch."""
        return _time.time()


@dataclass
class FixedClock:
    """A clock that moves only when told to (tests, simulations); `t` is in epoch seconds."""

    t: float = 1_800_000_000.0

    def now(self) -> datetime:
        """The current fake time, aware, in UTC."""
        return datetime.fromtimestamp(self.t, UTC)

    def time(self) -> float:
        """The current fake time in epoch seconds."""
        return self.t

    def advance(self, seconds: float) -> None:
        """Move time forward (or back, with a negative number)."""
        self.t += seconds


@overload
def wire_time(moment: datetime | float) -> str: ...


@overload
def wire_time(moment: None) -> None: ...


def wire_time(moment: datetime | float | None) -> str | None:
    """A datetime or epoch seconds as ISO-8601 UTC with milliseconds and a Z
    (`2027-01-15T08:00:00.000Z`): the one time format on the wire and in timelines."""
    if moment is None:
        return None
    if not isinstance(moment, datetime):
        moment = datetime.fromtimestamp(moment, UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    """Read an ISO-8601 time (with Z or an offset; with or without fractions of a second) as an
    aware UTC datetime; a time without an offset is taken as UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
