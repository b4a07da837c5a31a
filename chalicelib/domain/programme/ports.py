"""Ports of the Helper programme: what its services need from storage (the clock is shared)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from chalicelib.domain.programme.eligibility import Reputation
from chalicelib.domain.programme.leaderboard import Score
from chalicelib.domain.programme.membership import HelperRecord, HelperStatus, Transition
from chalicelib.domain.programme.quality import QualitySignal
from chalicelib.domain.programme.recognition import PointsAward, RewardGrant


class ReputationSource(Protocol):
    """The marketplace reputation mirrored in the members table."""

    def reputation(self, member_id: str) -> Reputation | None: ...


class HelperRepository(Protocol):
    """Programme records, one per member.

    `save` stores `transition.record` only if the stored version still equals
    `transition.previous_version` (None: no record yet), else raises `Conflict`; in the same
    transaction it applies `transition.role_change` to the member's roles.
    """

    def get(self, member_id: str) -> HelperRecord | None: ...

    def save(self, transition: Transition) -> None: ...

    def by_status(
        self, status: HelperStatus, limit: int, flagged_only: bool = False
    ) -> list[HelperRecord]: ...


class QualitySignalSource(Protocol):
    """Ratings received and moderation strikes of a Helper with `since <= at < until`."""

    def signals(self, member_id: str, since: float, until: float) -> Sequence[QualitySignal]: ...


class PointsStore(Protocol):
    """The points ledger and the per-period scores.

    `award` records the award under its key and adds its points to the member's score in each
    of `period_keys`, atomically; it returns False (and changes nothing) when the key exists.
    `top` returns at least the `limit` best scores of a period and every score tying with the
    last of them (see `leaderboard.needs_more`), in any order.
    """

    def award(self, award: PointsAward, period_keys: Sequence[str]) -> bool: ...

    def score(self, member_id: str, period_key: str) -> Score | None: ...

    def top(self, period_key: str, limit: int) -> list[Score]: ...


class RewardGrantRepository(Protocol):
    """Rewards granted, read by member."""

    def add(self, grant: RewardGrant) -> None: ...

    def for_member(self, member_id: str) -> list[RewardGrant]: ...
