"""Who a member has dealt with through the marketplace: the other party of their recent
bookings and of their open claims. The chat never offers a member's request to them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from chalicelib.domain.claims.model import OPEN_STATUSES


@dataclass(frozen=True)
class ClaimBetween:
    """The two parties of a claim and where it stands (what a conflict check needs of it)."""

    claimant_id: str
    counterpart_id: str
    status: str

    @property
    def is_open(self) -> bool:
        """Whether the claim still waits for something."""
        return self.status in OPEN_STATUSES

    def other_party(self, member_id: str) -> str:
        """The party who is not `member_id`."""
        return self.counterpart_id if member_id == self.claimant_id else self.claimant_id


class BookingPartners(Protocol):
    """The bookings mirror read by party."""

    def booking_partners(self, member_id: str, since: datetime, limit: int) -> set[str]:
        """The other party (driver or passenger) of the member's bookings departing at or after
        `since`, from at most `limit` bookings, the latest departures first (one Query on the
        party index, never a Scan)."""
        ...


class ClaimPartners(Protocol):
    """The claims read by party."""

    def claims_involving(self, member_id: str, since: datetime, limit: int) -> list[ClaimBetween]:
        """Claims the member filed or is the counterpart of, filed at or after `since`: at most
        `limit` each way, newest first (a Query on the claimant index and one on the
        counterpart index)."""
        ...


def counterparties(member_id: str, booking_partners: Iterable[str],
                   claims: Iterable[ClaimBetween]) -> set[str]:
    """The partners of the member's bookings and the other party of each open claim, never
    the member themself (a settled or closed claim no longer counts on its own)."""
    found = set(booking_partners)
    found.update(c.other_party(member_id) for c in claims if c.is_open)
    found.discard(member_id)
    found.discard("")
    return found
