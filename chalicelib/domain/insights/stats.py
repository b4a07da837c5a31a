"""Small, exact statistics: nearest-rank percentiles and shares (no interpolation)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(sorted_values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile of already sorted values: the ceil(q*n)-th smallest."""
    if not 0 < q <= 1:
        raise ValueError("q must be within (0, 1]")
    if not sorted_values:
        return None
    return sorted_values[max(1, math.ceil(q * len(sorted_values) - 1e-9)) - 1]


def share(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide."""
    return part / whole if whole else None


@dataclass(frozen=True)
class Distribution:
    """Count, mean, median and 95th percentile of a set of durations in seconds."""

    count: int
    mean: float | None
    p50: float | None
    p95: float | None

    @classmethod
    def of(cls, values: Sequence[float]) -> Distribution:
        """Summarise values (any order)."""
        ordered = sorted(values)
        mean = sum(ordered) / len(ordered) if ordered else None
        return cls(len(ordered), mean, percentile(ordered, 0.5), percentile(ordered, 0.95))

    def to_json(self) -> dict[str, object]:
        """Wire form, seconds rounded to the millisecond."""
        return {
            "count": self.count,
            "mean": _round(self.mean),
            "p50": _round(self.p50),
            "p95": _round(self.p95),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
