"""The chat's Counterparties port over the claims context: whom a member dealt with, from the
bookings mirror and the claims, so that their help request is never offered to them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from chalicelib.domain.claims.parties import BookingPartners, ClaimPartners, counterparties


class MarketplaceCounterparties:
    """The other party of a member's recent bookings and of their open claims."""

    def __init__(self, bookings: Callable[[], BookingPartners],
                 claims: Callable[[], ClaimPartners]) -> None:
        # Providers: building the chat imports neither the bookings' nor the claims' models.
        self._bookings = bookings
        self._claims = claims

    def of(self, member_id: str, since: float, limit: int) -> set[str]:
        """Bookings departing and open claims filed at or after `since` (epoch seconds)."""
        when = datetime.fromtimestamp(since, UTC)
        return counterparties(
            member_id,
            self._bookings().booking_partners(member_id, when, limit),
            self._claims().claims_involving(member_id, when, limit),
        )
