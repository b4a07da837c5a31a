"""Quality review of active Helpers over a rolling window, with hysteresis.

A Helper is flagged when the recent figures cross a "bad" threshold and cleared only when they
come back past a stricter "good" threshold. Between the two the previous state holds, so a
Helper hovering around one limit does not see the badge appear and disappear with every rating.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

DAY = 24 * 3600


class SignalKind(StrEnum):
    """What a quality signal records."""

    RATING = "rating"
    STRIKE = "strike"


@dataclass(frozen=True)
class QualitySignal:
    """A rating a Helper received (score 1–5) or a moderation strike against them."""

    kind: SignalKind
    at: float
    score: int | None = None
    ref: str = ""


@dataclass(frozen=True)
class QualitySnapshot:
    """The figures of one window: number and mean of ratings, number of strikes."""

    ratings: int
    mean_rating: float | None
    strikes: int

    @classmethod
    def of(cls, signals: Iterable[QualitySignal], since: float, until: float) -> QualitySnapshot:
        """Summarise the signals with `since <= at < until`."""
        scores: list[int] = []
        strikes = 0
        for s in signals:
            if not since <= s.at < until:
                continue
            if s.kind is SignalKind.RATING and s.score is not None:
                scores.append(s.score)
            elif s.kind is SignalKind.STRIKE:
                strikes += 1
        mean = sum(scores) / len(scores) if scores else None
        return cls(len(scores), mean, strikes)


@dataclass(frozen=True)
class QualityVerdict:
    """Whether the Helper should be flagged now, and the conditions that say so."""

    flagged: bool
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class QualityPolicy:
    """Rolling-window thresholds; `flag_*` raise the flag and stricter `clear_*` lower it."""

    window_seconds: float = 30 * DAY
    min_ratings: int = 5
    flag_mean_below: float = 3.8
    clear_mean_at_least: float = 4.2
    flag_strikes_at_least: int = 3
    clear_strikes_at_most: int = 1

    def __post_init__(self) -> None:
        # Without a gap between the two thresholds there is no hysteresis at all.
        if self.clear_mean_at_least < self.flag_mean_below:
            raise ValueError("clear_mean_at_least must be at least flag_mean_below")
        if self.clear_strikes_at_most >= self.flag_strikes_at_least:
            raise ValueError("clear_strikes_at_most must be below flag_strikes_at_least")
        if self.min_ratings < 1 or self.window_seconds <= 0:
            raise ValueError("min_ratings and window_seconds must be positive")

    def window_start(self, now: float, reviewed_at: float | None) -> float:
        """Signals before a staff review were judged already, so the window starts after it."""
        start = now - self.window_seconds
        return max(start, reviewed_at) if reviewed_at is not None else start

    def evaluate(self, snapshot: QualitySnapshot, currently_flagged: bool) -> QualityVerdict:
        """Apply the threshold that matches the current state (the hysteresis)."""
        rated = snapshot.ratings >= self.min_ratings and snapshot.mean_rating is not None
        mean = snapshot.mean_rating if rated else None
        if not currently_flagged:
            reasons = []
            if mean is not None and mean < self.flag_mean_below:
                reasons.append("low_ratings")
            if snapshot.strikes >= self.flag_strikes_at_least:
                reasons.append("moderation_strikes")
            return QualityVerdict(bool(reasons), tuple(reasons))
        # Too few ratings left in the window is no evidence either way: it does not hold a flag.
        still = []
        if mean is not None and mean < self.clear_mean_at_least:
            still.append("low_ratings")
        if snapshot.strikes > self.clear_strikes_at_most:
            still.append("moderation_strikes")
        return QualityVerdict(bool(still), tuple(still))
