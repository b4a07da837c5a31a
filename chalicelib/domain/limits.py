"""Limits shared by every instance: events per fixed window (tickets, help requests, messages)
and wrong guesses of a secret (the SMS code), counted in shared counters with an expiry.

Every refusal is one `RateLimited` (`429 rate_limited`) carrying `retry_after`: the whole
seconds until the same request may be accepted (the end of the window, or of the lock).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import RateLimited
from chalicelib.domain.identity import Principal


@dataclass(frozen=True)
class Count:
    """A counter after one `Counters.add`: whether the one was added, the count, and the epoch
    second the counter expires at (when refused: when the refusal ends)."""

    counted: bool
    value: int
    until: float


class Counters(Protocol):
    """Counters shared by every instance, each living until its own expiry (DynamoDB: the
    counters table, with TTL). Each `add` is one atomic conditional write, never a read
    followed by a write."""

    def add(self, key: str, limit: int, until: int, now: float) -> Count:
        """Add one unless the live counter already holds `limit`. An absent or expired counter
        starts again at 1; a counted add makes the counter live until `until`."""
        ...

    def take_back(self, key: str) -> None:
        """Remove one added earlier (never below zero); nothing if the counter is gone."""
        ...


@dataclass(frozen=True)
class FixedWindow:
    """Windows of `seconds` aligned on the epoch (a clock minute, a clock hour)."""

    seconds: int

    def index(self, now: float) -> int:
        """The window `now` falls in."""
        return int(now // self.seconds)

    def key(self, name: str, subject: str, now: float) -> str:
        """The counter of `subject` for `name` in the window of `now`."""
        return f"{name}#{subject}#{self.index(now)}"

    def ends_at(self, now: float) -> int:
        """When the window of `now` ends (epoch seconds)."""
        return (self.index(now) + 1) * self.seconds


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` events per subject in each fixed window of `seconds`."""

    name: str
    limit: int
    seconds: int
    counters: Counters
    clock: Clock
    message: str

    def take(self, subject: str) -> str:
        """Count one event of `subject`, or refuse it (`rate_limited`, `retry_after`); the
        counter it was counted in (for `give_back`)."""
        now = self.clock.time()
        window = FixedWindow(self.seconds)
        key = window.key(self.name, subject, now)
        count = self.counters.add(key, self.limit, window.ends_at(now), now)
        if not count.counted:
            raise RateLimited(self.message, retry_after=count.until - now)
        return key

    def give_back(self, counted: str) -> None:
        """Uncount an event `take` counted in `counted` that did not happen after all."""
        self.counters.take_back(counted)

    def take_for(self, who: Principal) -> None:
        """`take` for a caller (a ticket guard)."""
        self.take(who.member_id)


@dataclass(frozen=True)
class Attempt:
    """One try at a secret, already counted as a miss until it proves right."""

    limit: MissLimit
    key: str
    misses: int

    def right(self) -> None:
        """The secret was right: this try is not a miss."""
        self.limit.counters.take_back(self.key)

    def wrong(self) -> bool:
        """The secret was wrong: the miss stays. True when this miss is the one that locks."""
        return self.misses >= self.limit.max_misses


@dataclass(frozen=True)
class MissLimit:
    """Wrong guesses of one secret (an SMS code): after `max_misses`, each less than
    `lock_seconds` after the previous try, every try, right or wrong, is refused until
    `lock_seconds` after the miss that locked; misses are forgotten `lock_seconds` after the
    last try.

    A try is counted *before* the secret is compared and taken back when it was right, so that
    tries sent at once cannot all be compared before the first misses are counted: at most
    `max_misses` comparisons can ever be wrong in a row.
    """

    name: str
    max_misses: int
    lock_seconds: int
    counters: Counters
    clock: Clock
    message: str

    def attempt(self, subject: str) -> Attempt:
        """Count a try at `subject`'s secret, or refuse it while locked (`rate_limited`)."""
        now = self.clock.time()
        key = f"{self.name}#{subject}"
        count = self.counters.add(key, self.max_misses, int(now) + self.lock_seconds, now)
        if not count.counted:
            raise RateLimited(self.message, retry_after=count.until - now)
        return Attempt(self, key, count.value)

    def first_notice(self, subject: str, until: int) -> bool:
        """True once per subject until `until`: whether to tell the owner about a lock now."""
        now = self.clock.time()
        return self.counters.add(f"{self.name}-notice#{subject}", 1, until, now).counted
