"""How fast an offered request is accepted: Helpers' reaction times under the chat's waves of
offers (`chat.routing.WavePolicy`, the one policy the chat routes with)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from chalicelib.domain.chat.routing import WavePolicy


@dataclass(frozen=True)
class ReactionModel:
    """An offered Helper accepts with `accept_probability`, after a log-normal delay."""

    median_seconds: float = 4.0
    sigma: float = 0.6
    accept_probability: float = 0.8

    def __post_init__(self) -> None:
        if self.median_seconds <= 0 or self.sigma <= 0:
            raise ValueError("median_seconds and sigma must be positive")
        if not 0 < self.accept_probability <= 1:
            raise ValueError("accept_probability must be within (0, 1]")

    def delay_cdf(self, seconds: float) -> float:
        """P(delay <= seconds) of a Helper who does accept."""
        if seconds <= 0:
            return 0.0
        z = (math.log(seconds) - math.log(self.median_seconds)) / self.sigma
        return 0.5 * (1 + math.erf(z / math.sqrt(2)))

    def accepted_by(self, seconds: float) -> float:
        """P(one offered Helper has accepted within `seconds` of the offer)."""
        return self.accept_probability * self.delay_cdf(seconds)

    def sample(self, rng: random.Random) -> float | None:
        """A delay, or None when this Helper lets the offer go."""
        if rng.random() >= self.accept_probability:
            return None
        return rng.lognormvariate(math.log(self.median_seconds), self.sigma)


def first_accept_cdf(
    reaction: ReactionModel, waves: WavePolicy, seconds: float, available: int | None = None
) -> float:
    """P(some offered Helper accepted within `seconds`), `available` Helpers being free.

    Each wave offers to new Helpers only while free ones remain. Offers stay open when a later
    wave starts, and still after the last wave (the request then stays open to Helpers while it
    waits for an agent).
    """
    none_yet = 1.0
    remaining = math.inf if available is None else available
    for wave in range(1, waves.max_waves + 1):
        start = (wave - 1) * waves.timeout_seconds
        count = min(waves.new_offers(wave), remaining)
        if start >= seconds or count <= 0:
            break
        remaining -= count
        none_yet *= (1 - reaction.accepted_by(seconds - start)) ** count
    return 1 - none_yet
