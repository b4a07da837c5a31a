"""MarketplaceCounterparties on fakes: the chat's Counterparties port over the bookings mirror
and the claims (the other party of recent bookings and of open claims, either way)."""

from __future__ import annotations

from datetime import UTC, datetime

from chalicelib.domain.claims.parties import ClaimBetween
from chalicelib.policies.counterparties import MarketplaceCounterparties

SINCE = datetime(2026, 1, 1, tzinfo=UTC)


class Bookings:
    def __init__(self, *partners: str) -> None:
        self.partners = set(partners)
        self.asked: list[tuple[str, datetime, int]] = []

    def booking_partners(self, member_id: str, since: datetime, limit: int) -> set[str]:
        self.asked.append((member_id, since, limit))
        return set(self.partners)


class Claims:
    def __init__(self, *claims: ClaimBetween) -> None:
        self.claims = list(claims)
        self.asked: list[tuple[str, datetime, int]] = []

    def claims_involving(self, member_id: str, since: datetime, limit: int) -> list[ClaimBetween]:
        self.asked.append((member_id, since, limit))
        return list(self.claims)


def test_booking_partners_are_counterparties_and_the_member_never_is():
    found = MarketplaceCounterparties(lambda: Bookings("m-bob", "m-alice"), Claims)
    assert found.of("m-alice", SINCE.timestamp(), 50) == {"m-bob"}


def test_the_other_party_of_an_open_claim_is_a_counterparty_either_way():
    filed = ClaimBetween("m-alice", "h-1", "awaiting_counterpart")
    against = ClaimBetween("h-2", "m-alice", "escalated")
    found = MarketplaceCounterparties(Bookings, lambda: Claims(filed, against))
    assert found.of("m-alice", SINCE.timestamp(), 50) == {"h-1", "h-2"}


def test_a_settled_or_closed_claim_alone_makes_no_counterparty():
    over = [ClaimBetween("m-alice", "h-1", "settled"), ClaimBetween("h-2", "m-alice", "closed")]
    found = MarketplaceCounterparties(Bookings, lambda: Claims(*over))
    assert found.of("m-alice", SINCE.timestamp(), 50) == set()


def test_a_claim_needing_attention_is_still_open():
    stuck = ClaimBetween("h-3", "m-alice", "needs_attention")
    found = MarketplaceCounterparties(Bookings, lambda: Claims(stuck))
    assert found.of("m-alice", SINCE.timestamp(), 50) == {"h-3"}


def test_both_reads_get_the_window_start_and_the_limit():
    bookings, claims = Bookings(), Claims()
    MarketplaceCounterparties(lambda: bookings, lambda: claims).of("m-alice", SINCE.timestamp(), 7)
    assert bookings.asked == claims.asked == [("m-alice", SINCE, 7)]
