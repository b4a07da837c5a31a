"""How many Helpers must be online for a pickup target: Erlang C over capacity slots,
combined with the time the waves of offers take to find a Helper who accepts.

Model: requests arrive as a Poisson stream; each online Helper contributes `capacity` slots;
a conversation holds one slot for an exponential time (M/M/s, s = Helpers × capacity).
An arrival sees k busy slots with the stationary probability π_k (arrivals see time
averages). If k < s, it is picked up when the first offered Helper accepts, the waves
offering only to the f(k) Helpers with spare capacity (routing spreads conversations, so
f(k) = min(Helpers, s − k)); if k ≥ s (probability C, Erlang C) it waits W, then is offered to
the Helper who freed a slot. So

    P(pickup ≤ T) = Σ_{k<s} π_k·F_waves(T | f(k)) + ∫₀ᵀ C·θ·e^(−θw)·F_one(T − w) dw

with θ = s·μ − λ, F_waves the first-accept law of the waves, F_one that of one Helper.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from chalicelib.domain.capacity.erlang import erlang_c
from chalicelib.domain.capacity.offers import ReactionModel, first_accept_cdf
from chalicelib.domain.chat.routing import WavePolicy
from chalicelib.domain.errors import BadInput

_STEPS = 400


@dataclass(frozen=True)
class Demand:
    """Arrivals per hour (at the hour being planned) and the mean conversation length."""

    arrivals_per_hour: float
    mean_minutes: float

    def __post_init__(self) -> None:
        if self.arrivals_per_hour <= 0 or self.mean_minutes <= 0:
            raise BadInput("arrivals per hour and mean minutes must be positive")

    @property
    def arrival_rate(self) -> float:
        """λ, per second."""
        return self.arrivals_per_hour / 3600

    @property
    def service_rate(self) -> float:
        """μ, per second."""
        return 1 / (self.mean_minutes * 60)

    @property
    def load(self) -> float:
        """Offered load in Erlangs: conversations in progress on average."""
        return self.arrival_rate / self.service_rate


@dataclass(frozen=True)
class Target:
    """A share of requests to pick up within a number of seconds."""

    seconds: float = 10.0
    share: float = 0.95

    def __post_init__(self) -> None:
        if self.seconds <= 0 or not 0 < self.share < 1:
            raise BadInput("target seconds must be positive and the share within (0, 1)")


@dataclass(frozen=True)
class Assessment:
    """What a given number of online Helpers achieves."""

    helpers: int
    slots: int
    utilisation: float
    prob_wait: float
    share_within: float
    mean_wait_seconds: float

    def to_json(self) -> dict[str, object]:
        """Wire form."""
        return {
            "helpers": self.helpers,
            "slots": self.slots,
            "utilisation": round(self.utilisation, 4),
            "prob_wait_for_slot": round(self.prob_wait, 6),
            "share_within_target": round(self.share_within, 6),
            "mean_wait_for_slot_seconds": round(self.mean_wait_seconds, 3),
        }


@dataclass(frozen=True)
class Plan:
    """The smallest number of online Helpers that meets the target, with its neighbours."""

    demand: Demand
    capacity: int
    target: Target
    helpers: int | None
    ceiling_share: float
    assessments: tuple[Assessment, ...]

    @property
    def feasible(self) -> bool:
        """False when reaction times alone miss the target, however many Helpers."""
        return self.helpers is not None

    def assessment(self, helpers: int) -> Assessment | None:
        """The assessment of a number of Helpers, if it was computed."""
        return next((a for a in self.assessments if a.helpers == helpers), None)

    def to_json(self) -> dict[str, object]:
        """Wire form of `GET /metrics/capacity`."""
        return {
            "arrivals_per_hour": self.demand.arrivals_per_hour,
            "mean_minutes": self.demand.mean_minutes,
            "load_erlangs": round(self.demand.load, 3),
            "capacity": self.capacity,
            "target": {"seconds": self.target.seconds, "share": self.target.share},
            "helpers_needed": self.helpers,
            "feasible": self.feasible,
            "share_ceiling_from_reaction_times": round(self.ceiling_share, 6),
            "around": [a.to_json() for a in self.assessments],
        }


def _busy_slots(
    slots: int, load: float, mass: float, lump_below: int
) -> Iterator[tuple[int, float]]:
    """(k, π_k) for k < slots busy slots, π summing to `mass` (= 1 − C).

    π_k ∝ load^k / k!, computed in logs. Below `lump_below` busy slots every wave finds as
    many free Helpers as it wants, so those states are lumped into one (k = 0).
    """
    logs = [k * math.log(load) - math.lgamma(k + 1) for k in range(slots)]
    top = max(logs)
    weights = [math.exp(v - top) for v in logs]
    scale = mass / sum(weights)
    cut = max(0, min(lump_below, slots))
    if cut:
        yield 0, scale * sum(weights[:cut])
    for k in range(cut, slots):
        yield k, scale * weights[k]


def _simpson(f: Callable[[float], float], a: float, b: float, steps: int = _STEPS) -> float:
    if b <= a:
        return 0.0
    h = (b - a) / steps
    total = f(a) + f(b)
    for i in range(1, steps):
        total += (4 if i % 2 else 2) * f(a + i * h)
    return total * h / 3


class CapacityPlanner:
    """Erlang C on slots, with the waves' and Helpers' reaction times."""

    def __init__(
        self,
        reaction: ReactionModel | None = None,
        waves: WavePolicy | None = None,
        max_helpers: int = 20_000,
    ) -> None:
        self.reaction = reaction or ReactionModel()
        self.waves = waves or WavePolicy()
        self.max_helpers = max_helpers

    def assess(self, helpers: int, capacity: int, demand: Demand, target: Target) -> Assessment:
        """Share picked up within the target, and the queueing figures, for `helpers` online."""
        if helpers < 1 or capacity < 1:
            raise BadInput("helpers and capacity must be at least 1")
        slots = helpers * capacity
        load = demand.load
        utilisation = load / slots
        if load >= slots:
            return Assessment(helpers, slots, utilisation, 1.0, 0.0, math.inf)
        c = erlang_c(slots, load)
        theta = slots * demand.service_rate - demand.arrival_rate
        t = target.seconds
        free = sum(
            p * first_accept_cdf(self.reaction, self.waves, t, min(helpers, slots - k))
            for k, p in _busy_slots(slots, load, 1 - c, helpers * capacity - self.waves.most_offers)
        )
        queued = _simpson(
            lambda w: c * theta * math.exp(-theta * w) * self.reaction.accepted_by(t - w), 0, t
        )
        return Assessment(helpers, slots, utilisation, c, free + queued, c / theta)

    def plan(self, demand: Demand, capacity: int, target: Target) -> Plan:
        """The fewest online Helpers meeting the target (None if the reaction times forbid)."""
        ceiling = first_accept_cdf(self.reaction, self.waves, target.seconds)
        if ceiling < target.share:
            return Plan(demand, capacity, target, None, ceiling, ())
        # Below the stability bound nothing can work; the answer is rarely far above it.
        helpers = max(1, math.floor(demand.load / capacity) + 1)
        while helpers <= self.max_helpers:
            if self.assess(helpers, capacity, demand, target).share_within >= target.share:
                break
            helpers += 1
        else:
            return Plan(demand, capacity, target, None, ceiling, ())
        around = tuple(
            self.assess(n, capacity, demand, target)
            for n in range(max(1, helpers - 2), helpers + 3)
            if n * capacity > demand.load
        )
        return Plan(demand, capacity, target, helpers, ceiling, around)
