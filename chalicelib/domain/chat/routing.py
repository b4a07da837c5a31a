"""Who is offered a request, in which order, and when it goes to professionals (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from chalicelib.domain.chat.model import AVAILABLE, HelperProfile


@dataclass(frozen=True)
class WavePolicy:
    """How offers widen: a first wave, a growth per wave, a time per wave, a wave limit
    (settings WAVE_SIZE, WAVE_GROWTH, WAVE_TIMEOUT_SECONDS, MAX_WAVES). The chat routes with
    it; capacity planning and its simulation model the same waves."""

    first: int = 3
    growth: int = 3
    timeout_seconds: int = 4
    max_waves: int = 4
    heartbeat_ttl: float = 90.0
    sensitive_topics: frozenset[str] = frozenset({"safety"})

    def __post_init__(self) -> None:
        if self.first < 1 or self.growth < 0 or self.max_waves < 1 or self.timeout_seconds <= 0:
            raise ValueError("waves need first >= 1, growth >= 0, max_waves >= 1, timeout > 0")

    def size(self, wave: int) -> int:
        """How many Helpers hold an offer during wave `wave` (1-based), cumulatively."""
        return self.first + (wave - 1) * self.growth

    def new_offers(self, wave: int) -> int:
        """How many more Helpers wave `wave` (1-based) offers the request to."""
        return self.first if wave == 1 else self.growth

    @property
    def most_offers(self) -> int:
        """Helpers offered a request once every wave has gone out."""
        return self.size(self.max_waves)

    def straight_to_professionals(self, topic: str) -> bool:
        """Sensitive topics never go to volunteers."""
        return topic in self.sensitive_topics


def eligible(
    profile: HelperProfile, *, member_id: str, topic: str, lang: str, now: float, ttl: float
) -> bool:
    """Whether a Helper may be offered this request right now."""
    return (
        profile.member_id != member_id
        and profile.status == AVAILABLE
        and profile.fresh(now, ttl)
        and profile.spare > 0
        and lang in profile.languages
        and (topic in profile.topics or "other" == topic)
    )


def rank_for_offers(
    profiles: Iterable[HelperProfile],
    *,
    member_id: str,
    topic: str,
    lang: str,
    now: float,
    ttl: float,
    exclude: Iterable[str] = (),
) -> list[HelperProfile]:
    """Eligible Helpers, least recently served first, then most spare capacity."""
    skip = set(exclude)
    chosen = [
        p
        for p in profiles
        if p.member_id not in skip
        and eligible(p, member_id=member_id, topic=topic, lang=lang, now=now, ttl=ttl)
    ]
    return sorted(chosen, key=lambda p: (p.last_assigned_at, -p.spare, p.member_id))


def next_offers(
    ranked: list[HelperProfile], already_offered: list[str], wave: int, policy: WavePolicy
) -> list[str]:
    """The Helpers to add in this wave so that `policy.size(wave)` hold an offer."""
    room = max(0, policy.size(wave) - len(already_offered))
    return [p.member_id for p in ranked if p.member_id not in already_offered][:room]
