"""Discrete-event simulation of the routing policy, to check the planner.

It plays the policy of the chat (SPEC A3) rather than a textbook queue: a request is offered
in waves to the best-ranked Helpers with spare capacity (least recently served first); each
wave times out and the next widens; offered Helpers accept after a random delay, or let the
offer go; the first accept wins and later ones get `already_taken`; an accept that would take
a Helper over capacity fails; a Helper who frees a slot is offered the oldest waiting request;
a periodic sweep re-offers requests still waiting. Seeded, hence deterministic.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import OrderedDict
from dataclasses import dataclass, field

from chalicelib.domain.capacity.offers import ReactionModel
from chalicelib.domain.chat.routing import WavePolicy
from chalicelib.domain.insights.stats import percentile

_ARRIVAL, _WAVE, _REACT, _END, _SWEEP = range(5)


@dataclass(frozen=True)
class Scenario:
    """What to simulate."""

    arrivals_per_hour: float
    mean_minutes: float
    helpers: int
    capacity: int = 2
    hours: float = 8.0
    warmup_hours: float = 0.5
    # 1 gives exponential conversation lengths (the planner's assumption); other values a
    # log-normal law with that coefficient of variation.
    service_cv: float = 1.0
    sweep_seconds: float = 30.0
    seed: int = 1


@dataclass(frozen=True)
class SimulationResult:
    """Measured over the requests opened after the warm-up."""

    requests: int
    picked_up: int
    pickup_p50: float | None
    pickup_p95: float | None
    shares: dict[float, float]
    halfwidths: dict[float, float]
    escalated_share: float
    utilisation: float
    offers_per_request: float
    already_taken_per_request: float
    failed_over_capacity: int

    def share_within(self, seconds: float) -> float:
        """Share of requests picked up within `seconds` (must be one of the asked targets)."""
        return self.shares[seconds]

    def halfwidth(self, seconds: float) -> float:
        """Half-width of the 95% confidence interval of that share (batch means)."""
        return self.halfwidths[seconds]


@dataclass
class _Helper:
    index: int
    capacity: int
    open: int = 0


@dataclass
class _Request:
    rid: int
    opened: float
    assigned_at: float | None = None
    escalated: bool = False
    # Helpers the waves have offered it to (waves widen to new ones) and those whose
    # answer is still to come (nobody is offered the same request twice at once).
    offered: set[int] = field(default_factory=set)
    pending: set[int] = field(default_factory=set)
    offers: int = 0
    already_taken: int = 0


class _Run:
    def __init__(
        self,
        scenario: Scenario,
        reaction: ReactionModel,
        waves: WavePolicy,
        targets: tuple[float, ...],
    ) -> None:
        self.s = scenario
        self.targets = targets
        self.reaction = reaction
        self.waves = waves
        self.rng = random.Random(scenario.seed)
        self.helpers = [_Helper(i, scenario.capacity) for i in range(scenario.helpers)]
        # Least recently served first: an assignment moves its Helper to the back, so this
        # order is always (last served, index) without sorting at each wave.
        self.ranking = OrderedDict((h.index, h) for h in self.helpers)
        self.requests: list[_Request] = []
        self.waiting: dict[int, _Request] = {}  # insertion order = oldest first
        self.events: list[tuple[float, int, int, int, int]] = []
        self.seq = 0
        self.busy_slot_seconds = 0.0
        self.failed_over_capacity = 0
        self.horizon = scenario.hours * 3600
        self.warmup = scenario.warmup_hours * 3600

    def push(self, at: float, kind: int, a: int = 0, b: int = 0) -> None:
        self.seq += 1
        heapq.heappush(self.events, (at, self.seq, kind, a, b))

    def service_time(self) -> float:
        mean = self.s.mean_minutes * 60
        if self.s.service_cv == 1.0:
            return self.rng.expovariate(1 / mean)
        sigma2 = math.log(1 + self.s.service_cv**2)
        return self.rng.lognormvariate(math.log(mean) - sigma2 / 2, math.sqrt(sigma2))

    def offer(self, now: float, request: _Request, helper: _Helper) -> None:
        request.offered.add(helper.index)
        request.offers += 1
        delay = self.reaction.sample(self.rng)
        # A Helper who lets the offer go never answers; the offer just expires.
        if delay is not None:
            request.pending.add(helper.index)
            self.push(now + delay, _REACT, request.rid, helper.index)

    def best_ranked(self, count: int, excluded: set[int]) -> list[_Helper]:
        chosen: list[_Helper] = []
        for helper in self.ranking.values():
            if helper.open < helper.capacity and helper.index not in excluded:
                chosen.append(helper)
                if len(chosen) == count:
                    break
        return chosen

    def run(self) -> SimulationResult:
        rate = self.s.arrivals_per_hour / 3600
        self.push(self.rng.expovariate(rate), _ARRIVAL)
        self.push(self.s.sweep_seconds, _SWEEP)
        now = 0.0
        while self.events:
            now, _, kind, a, b = heapq.heappop(self.events)
            if kind == _ARRIVAL:
                if now >= self.horizon:
                    continue
                request = _Request(len(self.requests), now)
                self.requests.append(request)
                self.waiting[request.rid] = request
                self.push(now, _WAVE, request.rid, 1)
                self.push(now + self.rng.expovariate(rate), _ARRIVAL)
            elif kind == _WAVE:
                self.on_wave(now, self.requests[a], b)
            elif kind == _REACT:
                self.on_react(now, self.requests[a], self.helpers[b])
            elif kind == _END:
                self.on_end(now, self.helpers[a])
            elif kind == _SWEEP and (now < self.horizon or self.waiting):
                self.on_sweep(now)
                self.push(now + self.s.sweep_seconds, _SWEEP)
        return self.result(now)

    def on_wave(self, now: float, request: _Request, wave: int) -> None:
        if request.assigned_at is not None:
            return
        if wave > self.waves.max_waves:
            # Off to the agents' queue, yet still open to Helpers (the policy the chat uses).
            request.escalated = True
            return
        for helper in self.best_ranked(self.waves.new_offers(wave), request.offered):
            self.offer(now, request, helper)
        self.push(now + self.waves.timeout_seconds, _WAVE, request.rid, wave + 1)

    def on_react(self, now: float, request: _Request, helper: _Helper) -> None:
        request.pending.discard(helper.index)
        if request.assigned_at is not None:
            request.already_taken += 1
            return
        if helper.open >= helper.capacity:
            self.failed_over_capacity += 1
            return
        helper.open += 1
        self.ranking.move_to_end(helper.index)
        request.assigned_at = now
        del self.waiting[request.rid]
        duration = self.service_time()
        self.busy_slot_seconds += duration
        self.push(now + duration, _END, helper.index)

    def on_end(self, now: float, helper: _Helper) -> None:
        helper.open -= 1
        for request in self.waiting.values():
            if helper.index not in request.pending:
                self.offer(now, request, helper)
                return

    def on_sweep(self, now: float) -> None:
        for request in list(self.waiting.values()):
            for helper in self.best_ranked(self.waves.first, request.pending):
                self.offer(now, request, helper)

    def result(self, end: float) -> SimulationResult:
        measured = [r for r in self.requests if r.opened >= self.warmup]
        pickups = sorted(r.assigned_at - r.opened for r in measured if r.assigned_at is not None)
        n = len(measured) or 1
        # Requests never picked up count as misses: the share is over every request.
        shares = {t: sum(p <= t for p in pickups) / n for t in self.targets}
        halfwidths = {t: _batch_halfwidth(measured, t) for t in self.targets}
        slots = self.s.helpers * self.s.capacity
        return SimulationResult(
            requests=len(measured),
            picked_up=len(pickups),
            pickup_p50=percentile(pickups, 0.5),
            pickup_p95=percentile(pickups, 0.95),
            shares=shares,
            halfwidths=halfwidths,
            escalated_share=sum(r.escalated for r in measured) / n,
            utilisation=self.busy_slot_seconds / (slots * max(end, 1.0)),
            offers_per_request=sum(r.offers for r in measured) / n,
            already_taken_per_request=sum(r.already_taken for r in measured) / n,
            failed_over_capacity=self.failed_over_capacity,
        )


# Student's t at 97.5% for BATCHES − 1 = 9 degrees of freedom.
BATCHES = 10
_T_975_9 = 2.262


def _batch_halfwidth(measured: list[_Request], target: float) -> float:
    """Batch means: successive requests are correlated (busy spells), batches much less so."""
    size = len(measured) // BATCHES
    if size == 0:
        return math.inf
    means = []
    for b in range(BATCHES):
        batch = measured[b * size : (b + 1) * size]
        hits = sum(r.assigned_at is not None and r.assigned_at - r.opened <= target for r in batch)
        means.append(hits / size)
    mean = sum(means) / BATCHES
    variance = sum((m - mean) ** 2 for m in means) / (BATCHES - 1)
    return _T_975_9 * math.sqrt(variance / BATCHES)


def simulate(
    scenario: Scenario,
    reaction: ReactionModel | None = None,
    waves: WavePolicy | None = None,
    targets: tuple[float, ...] = (10.0, 30.0),
) -> SimulationResult:
    """Run one scenario and measure it."""
    return _Run(scenario, reaction or ReactionModel(), waves or WavePolicy(), targets).run()
