"""The metrics summary of one window, compared with the window before it."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from chalicelib.domain.errors import BadInput
from chalicelib.domain.insights.records import AGENT, AUTO, ClaimRecord, ConversationRecord
from chalicelib.domain.insights.series import Bucket, Volume, histogram, period_seconds, volumes
from chalicelib.domain.insights.stats import Distribution, share

_WINDOW = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$")
_UNIT_SECONDS = {"m": 60, "h": 3600, "d": 86_400, "w": 7 * 86_400}
MAX_WINDOW_SECONDS = 90 * 86_400


def parse_window(text: str | None) -> int:
    """ "15m", "24h", "7d", "2w" -> seconds; default 24 h; at most 90 days."""
    match = _WINDOW.match((text or "24h").lower())
    if not match:
        raise BadInput("window is a number and a unit among m, h, d, w", code="bad_window")
    seconds = int(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    if not 60 <= seconds <= MAX_WINDOW_SECONDS:
        raise BadInput("window must be between 1 minute and 90 days", code="bad_window")
    return seconds


@dataclass(frozen=True)
class MetricsPolicy:
    """Targets and the rule for calling a topic rising."""

    pickup_targets: tuple[int, ...] = (10, 30)
    first_response_target: int = 30
    good_rating: int = 4
    rising_min_count: int = 5
    rising_min_lift: float = 1.5
    rising_min_z: float = 2.0


@dataclass(frozen=True)
class RisingTopic:
    """A topic (chat) or problem (claims) clearly more frequent than in the window before."""

    source: str
    topic: str
    current: int
    previous: int
    lift: float
    z: float

    def to_json(self) -> dict[str, object]:
        """Wire form."""
        return {
            "source": self.source,
            "topic": self.topic,
            "current": self.current,
            "previous": self.previous,
            "lift": round(self.lift, 3),
            "z": round(self.z, 3),
        }


@dataclass(frozen=True)
class Ratings:
    """Ratings given to the window's conversations."""

    count: int
    mean: float | None
    good_share: float | None
    histogram: dict[int, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """Wire form."""
        return {
            "count": self.count,
            "mean": None if self.mean is None else round(self.mean, 3),
            "good_share": self.good_share,
            "histogram": {str(k): v for k, v in sorted(self.histogram.items())},
        }


@dataclass(frozen=True)
class Claims:
    """Claims filed in the window and how the settled ones were settled."""

    filed: int
    settled: int
    auto_settled: int
    escalated: int
    auto_settlement_rate: float | None

    def to_json(self) -> dict[str, object]:
        """Wire form."""
        return {
            "filed": self.filed,
            "settled": self.settled,
            "auto_settled": self.auto_settled,
            "escalated": self.escalated,
            "auto_settlement_rate": self.auto_settlement_rate,
        }


@dataclass(frozen=True)
class MetricsSummary:
    """Everything `GET /metrics/summary` returns."""

    window_start: float
    window_end: float
    requests: int
    offered_to_helpers: int
    pickup_share: dict[int, float | None]
    pickup: Distribution
    never_picked_up: int
    first_response_share: float | None
    first_response: Distribution
    duration: Distribution
    ratings: Ratings
    escalation_rate: float | None
    claims: Claims
    rising_topics: tuple[RisingTopic, ...]
    first_response_target: int = 30
    pickup_histogram: tuple[Bucket, ...] = ()
    volumes: tuple[Volume, ...] = ()

    def to_json(self) -> dict[str, object]:
        """Wire form; shares are fractions in 0..1, durations seconds."""
        return {
            "window": {"start": self.window_start, "end": self.window_end},
            "requests": self.requests,
            "offered_to_helpers": self.offered_to_helpers,
            "pickup": {
                **self.pickup.to_json(),
                **{f"share_under_{t}s": s for t, s in sorted(self.pickup_share.items())},
                "never_picked_up": self.never_picked_up,
                "histogram": [b.to_json() for b in self.pickup_histogram],
            },
            "first_response": {
                **self.first_response.to_json(),
                f"share_under_{self.first_response_target}s": self.first_response_share,
            },
            "duration": self.duration.to_json(),
            "ratings": self.ratings.to_json(),
            "escalation_rate": self.escalation_rate,
            "claims": self.claims.to_json(),
            "rising_topics": [t.to_json() for t in self.rising_topics],
            "volumes": {
                "period_seconds": period_seconds(self.window_start, self.window_end),
                "buckets": [v.to_json() for v in self.volumes],
            },
        }


def _decided_share(
    records: Sequence[ConversationRecord],
    seconds_of: Callable[[ConversationRecord], float | None],
    target: float,
    as_of: float,
) -> float | None:
    """Share of records whose time is at most `target`, among those already decided.

    A request opened 3 s before `as_of` and still waiting may yet be picked up within 10 s:
    it is left out until it is known either way, so a summary taken now is not pessimistic.
    """
    hits = decided = 0
    for record in records:
        value = seconds_of(record)
        if value is not None:
            decided += 1
            hits += value <= target
        elif as_of - record.opened_at > target:
            decided += 1
    return share(hits, decided)


def rising_topics(
    current: Iterable[str], previous: Iterable[str], source: str, policy: MetricsPolicy
) -> list[RisingTopic]:
    """Topics whose count grew clearly: enough cases, a real lift and a significant change.

    z is (c − p) / √(c + p), the usual test for two Poisson counts over equal windows.
    """
    now, before = Counter(current), Counter(previous)
    found = []
    for topic, c in now.items():
        p = before.get(topic, 0)
        lift = (c + 1) / (p + 1)
        z = (c - p) / math.sqrt(c + p)
        if c >= policy.rising_min_count and lift >= policy.rising_min_lift:
            if z >= policy.rising_min_z:
                found.append(RisingTopic(source, topic, c, p, lift, z))
    return sorted(found, key=lambda t: (-t.z, t.topic))


def summarise(
    conversations: Iterable[ConversationRecord],
    claims: Iterable[ClaimRecord],
    start: float,
    end: float,
    policy: MetricsPolicy | None = None,
) -> MetricsSummary:
    """Figures for requests opened and claims filed in [start, end), topics vs the window before.

    The records may cover more than that; only [start − (end − start), end) is used.
    """
    policy = policy or MetricsPolicy()
    previous_start = start - (end - start)
    now_chats, before_chats = _split(
        conversations, lambda r: r.opened_at, previous_start, start, end
    )
    now_claims, before_claims = _split(claims, lambda r: r.filed_at, previous_start, start, end)
    offered = [r for r in now_chats if not r.straight_to_professionals]
    pickups = [r.pickup_seconds for r in offered if r.pickup_seconds is not None]
    return MetricsSummary(
        window_start=start,
        window_end=end,
        requests=len(now_chats),
        offered_to_helpers=len(offered),
        pickup_share={
            t: _decided_share(offered, lambda r: r.pickup_seconds, t, end)
            for t in policy.pickup_targets
        },
        pickup=Distribution.of(pickups),
        never_picked_up=sum(
            r.assigned_at is None and end - r.opened_at > max(policy.pickup_targets)
            for r in offered
        ),
        first_response_share=_decided_share(
            offered, lambda r: r.first_response_seconds, policy.first_response_target, end
        ),
        first_response=Distribution.of(
            [r.first_response_seconds for r in offered if r.first_response_seconds is not None]
        ),
        duration=Distribution.of(
            [r.duration_seconds for r in now_chats if r.duration_seconds is not None]
        ),
        ratings=_ratings(now_chats, policy),
        escalation_rate=share(sum(r.escalated for r in now_chats), len(now_chats)),
        claims=_claims(now_claims),
        rising_topics=_rising(now_chats, before_chats, now_claims, before_claims, policy),
        first_response_target=policy.first_response_target,
        pickup_histogram=tuple(histogram(pickups)),
        volumes=tuple(volumes(now_chats, now_claims, start, end)),
    )


def _ratings(chats: Sequence[ConversationRecord], policy: MetricsPolicy) -> Ratings:
    """The ratings the window's conversations were given (unrated ones left out)."""
    scores = [r.rating for r in chats if r.rating is not None]
    return Ratings(
        count=len(scores),
        mean=sum(scores) / len(scores) if scores else None,
        good_share=share(sum(s >= policy.good_rating for s in scores), len(scores)),
        histogram=dict(Counter(scores)),
    )


def _claims(claims: Sequence[ClaimRecord]) -> Claims:
    """The window's claims, and how many of the settled ones were settled automatically."""
    settled = [c for c in claims if c.settled_by in (AUTO, AGENT)]
    auto = sum(c.settled_by == AUTO for c in settled)
    return Claims(
        filed=len(claims),
        settled=len(settled),
        auto_settled=auto,
        escalated=sum(c.escalated for c in claims),
        auto_settlement_rate=share(auto, len(settled)),
    )


def _rising(
    now_chats: Sequence[ConversationRecord],
    before_chats: Sequence[ConversationRecord],
    now_claims: Sequence[ClaimRecord],
    before_claims: Sequence[ClaimRecord],
    policy: MetricsPolicy,
) -> tuple[RisingTopic, ...]:
    chats = rising_topics(
        [r.topic for r in now_chats], [r.topic for r in before_chats], "chat", policy
    )
    problems = rising_topics(
        [c.problem for c in now_claims], [c.problem for c in before_claims], "claim", policy
    )
    return tuple(sorted(chats + problems, key=lambda t: (-t.z, t.source, t.topic)))


_Record = TypeVar("_Record", ConversationRecord, ClaimRecord)


def _split(
    records: Iterable[_Record],
    time_of: Callable[[_Record], float],
    previous_start: float,
    start: float,
    end: float,
) -> tuple[list[_Record], list[_Record]]:
    now: list[_Record] = []
    before: list[_Record] = []
    for record in records:
        at = time_of(record)
        if start <= at < end:
            now.append(record)
        elif previous_start <= at < start:
            before.append(record)
    return now, before
