"""Conflicts of interest in routing: a member's request is never offered to someone they have
dealt with, the other party of a recent booking or of an open claim (a passenger asking about a
no-show must not be offered to that very driver)."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.chat.ports import Counterparties

DAY_SECONDS = 86_400


@dataclass(frozen=True)
class ConflictRule:
    """How far back a booking makes a conflict and how much one lookup reads (settings
    CONFLICT_BOOKING_DAYS and CONFLICT_LOOKUP_LIMIT)."""

    booking_days: int = 90
    lookup_limit: int = 100

    def __post_init__(self) -> None:
        if self.booking_days < 0 or self.lookup_limit < 1:
            raise ValueError("conflicts need booking_days >= 0 and lookup_limit >= 1")

    def since(self, now: float) -> float:
        """The oldest departure (and claim filing) that still makes a conflict."""
        return now - self.booking_days * DAY_SECONDS


@dataclass(frozen=True)
class ConflictsOfInterest:
    """The people never to be offered a member's request, looked up once when it opens."""

    counterparties: Counterparties
    rule: ConflictRule

    def of(self, member_id: str, now: float) -> list[str]:
        """The member's counterparties (sorted; never the member themself)."""
        found = self.counterparties.of(member_id, self.rule.since(now), self.rule.lookup_limit)
        return sorted(found - {member_id})
