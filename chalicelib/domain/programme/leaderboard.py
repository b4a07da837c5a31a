"""Leaderboard periods, their storage keys, and the one ordering every store must follow.

Storage design (DynamoDB, no Scan): one score item per Helper and period, e.g.
`pk=HELPER#h-1, sk=SCORE#W#2026-W07` with `lb_period="W#2026-W07"`, `points` (N) and
`reached_at` (N). A sparse GSI `leaderboard` keyed `lb_period` (hash) / `points` (range) holds
only these items; the top of a period is one Query on it, descending.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from chalicelib.domain.errors import BadInput

ALL_TIME_KEY = "ALL"


class Period(StrEnum):
    """The leaderboards on offer."""

    WEEK = "week"
    MONTH = "month"
    ALL = "all"

    @classmethod
    def parse(cls, text: str | None) -> Period:
        """Read a period from a query string (default: week)."""
        try:
            return cls((text or "week").strip().lower())
        except ValueError:
            raise BadInput("period must be week, month or all", code="bad_period") from None


def period_key(period: Period, at: float) -> str:
    """The partition of `period` containing the instant `at` (UTC, ISO weeks)."""
    if period is Period.ALL:
        return ALL_TIME_KEY
    moment = datetime.fromtimestamp(at, UTC)
    if period is Period.WEEK:
        year, week, _ = moment.isocalendar()
        return f"W#{year:04d}-W{week:02d}"
    return f"M#{moment.year:04d}-{moment.month:02d}"


def period_keys(at: float) -> tuple[str, ...]:
    """Every period an award at `at` counts towards: its week, its month, all time."""
    return tuple(period_key(p, at) for p in Period)


@dataclass(frozen=True)
class Score:
    """A Helper's points in one period and when that total was reached (the last award)."""

    member_id: str
    period_key: str
    points: int
    reached_at: float

    def plus(self, points: int, at: float) -> Score:
        """The score after one more award."""
        return Score(self.member_id, self.period_key, self.points + points, at)


def order_key(score: Score) -> tuple[int, float, str]:
    """More points first; on a tie whoever got there first; then by id, so order is total."""
    return (-score.points, score.reached_at, score.member_id)


def rank(scores: Iterable[Score], limit: int) -> list[Score]:
    """The top `limit` scores in leaderboard order.

    A store may return more than `limit` items (it must when items tie with the last one
    kept, because DynamoDB does not order equal sort keys); this settles the exact order.
    """
    return sorted(scores, key=order_key)[:limit]


def needs_more(fetched: list[Score], limit: int) -> bool:
    """Whether a store reading by descending points must read on to settle ties at the cut."""
    if len(fetched) < limit:
        return False
    return fetched[-1].points == fetched[limit - 1].points
