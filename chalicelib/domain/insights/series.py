"""What the staff console draws: the pickup-time histogram and the volumes per hour (or day)."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from chalicelib.domain.insights.records import ClaimRecord, ConversationRecord

# Pickup-time buckets in seconds: [0, 5), [5, 10), ... [120, ∞). The 10 s and 30 s targets are
# bucket edges, so the chart's target lines fall between bars.
PICKUP_EDGES = (0, 5, 10, 15, 20, 30, 45, 60, 120)
# Windows up to two days are drawn by the hour, longer ones by the day (at most 90 bars).
HOURLY_UP_TO_SECONDS = 2 * 86_400


@dataclass(frozen=True)
class Bucket:
    """Pickups that took `low <= seconds < high` (`high` None: no upper bound)."""

    low: float
    high: float | None
    count: int

    def to_json(self) -> dict[str, object]:
        """Wire form."""
        return {"from": self.low, "to": self.high, "count": self.count}


def histogram(values: Iterable[float], edges: Sequence[float] = PICKUP_EDGES) -> list[Bucket]:
    """How many values fall in each bucket of `edges` (the last one open-ended)."""
    counts = [0] * len(edges)
    for value in values:
        counts[max(0, bisect_right(edges, value) - 1)] += 1
    highs: list[float | None] = [*edges[1:], None]
    return [Bucket(low, high, n) for low, high, n in zip(edges, highs, counts, strict=True)]


@dataclass(frozen=True)
class Volume:
    """Requests opened, escalated, and claims filed in one period starting at `start`."""

    start: float
    requests: int
    escalated: int
    claims: int

    def to_json(self) -> dict[str, object]:
        """Wire form (start in epoch seconds, as the window's)."""
        return {
            "start": self.start,
            "requests": self.requests,
            "escalated": self.escalated,
            "claims": self.claims,
        }


def period_seconds(start: float, end: float) -> int:
    """The width of the volume bars: an hour for windows up to two days, else a day."""
    return 3600 if end - start <= HOURLY_UP_TO_SECONDS else 86_400


def volumes(
    chats: Sequence[ConversationRecord], claims: Sequence[ClaimRecord], start: float, end: float
) -> list[Volume]:
    """Volumes per UTC hour (or day) from the period holding `start` to the one holding `end`."""
    width = period_seconds(start, end)
    first = math.floor(start / width) * width
    slots = max(1, math.ceil((end - first) / width))
    requests, escalated, filed = [0] * slots, [0] * slots, [0] * slots
    for chat in chats:
        slot = min(slots - 1, int((chat.opened_at - first) // width))
        requests[slot] += 1
        escalated[slot] += chat.escalated
    for claim in claims:
        filed[min(slots - 1, int((claim.filed_at - first) // width))] += 1
    return [
        Volume(float(first + i * width), requests[i], escalated[i], filed[i])
        for i in range(slots)
    ]
