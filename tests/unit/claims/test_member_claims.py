"""A member's own claims list (as claimant and counterpart, newest first, paged) and their
recent bookings, over in-memory fakes of the party indexes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.claims.mine import (
    BookingSummary,
    ClaimSummary,
    MemberClaims,
    decode_position,
    encode_position,
)
from chalicelib.domain.clock import FixedClock
from chalicelib.domain.errors import BadInput
from chalicelib.domain.identity import Principal

T0 = datetime(2027, 1, 15, 8, 0, tzinfo=UTC)
ALICE = Principal("m-alice", frozenset({"member"}))


class InMemoryClaimsByParty:
    """Claims as (claimant, counterpart, summary), read newest filing first like the indexes."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, ClaimSummary]] = []
        self.asked: list[int] = []

    def add(self, claim_id: str, claimant: str, counterpart: str, at: datetime) -> None:
        summary = ClaimSummary(claim_id, "bk-1", "driver_no_show", "awaiting_counterpart",
                               "", at)
        self.rows.append((claimant, counterpart, summary))

    def _read(self, side: int, role: str, member_id: str, until: datetime | None,
              limit: int) -> list[ClaimSummary]:
        self.asked.append(limit)
        found = [r[2] for r in self.rows if r[side] == member_id
                 and (until is None or r[2].filed_at <= until)]
        found.sort(key=lambda c: c.filed_at, reverse=True)
        return [ClaimSummary(**{**c.__dict__, "role": role}) for c in found[:limit]]

    def filed_by(self, member_id: str, until: datetime | None, limit: int) -> list[ClaimSummary]:
        return self._read(0, "claimant", member_id, until, limit)

    def against(self, member_id: str, until: datetime | None, limit: int) -> list[ClaimSummary]:
        return self._read(1, "counterpart", member_id, until, limit)


class InMemoryBookingsByParty:
    def __init__(self, bookings: list[tuple[str, str, str, datetime]]) -> None:
        self.bookings = bookings  # (party, booking_id, side, departure)

    def of_party(self, member_id: str, since: datetime, limit: int) -> list[BookingSummary]:
        mine = [BookingSummary(b, side, at) for party, b, side, at in self.bookings
                if party == member_id and at >= since]
        return sorted(mine, key=lambda b: b.departure_at, reverse=True)[:limit]


def service(claims: InMemoryClaimsByParty, bookings: list | None = None) -> MemberClaims:
    return MemberClaims(claims, InMemoryBookingsByParty(bookings or []), FixedClock(T0.timestamp()))


def test_claims_as_claimant_and_counterpart_come_newest_first_with_the_role() -> None:
    claims = InMemoryClaimsByParty()
    claims.add("cl-old", "m-alice", "m-bob", T0)
    claims.add("cl-against", "m-chloe", "m-alice", T0 + timedelta(hours=1))
    claims.add("cl-new", "m-alice", "m-bob", T0 + timedelta(hours=2))
    claims.add("cl-others", "m-bob", "m-chloe", T0 + timedelta(hours=3))

    page = service(claims).page(ALICE)

    assert [(c["claim_id"], c["role"]) for c in page.to_json()["claims"]] == [
        ("cl-new", "claimant"), ("cl-against", "counterpart"), ("cl-old", "claimant")]
    assert page.next_cursor is None
    assert page.to_json()["claims"][0]["status"] == "awaiting_counterpart"


def test_pages_follow_each_other_without_loss_even_when_claims_share_a_millisecond() -> None:
    claims = InMemoryClaimsByParty()
    for i in range(7):
        claims.add(f"cl-{i}", "m-alice", "m-bob", T0 + timedelta(minutes=i // 3))
    claims.add("cl-x", "m-chloe", "m-alice", T0 + timedelta(minutes=1))
    mine = service(claims)

    seen: list[str] = []
    cursor = None
    for _ in range(10):
        page = mine.page(ALICE, cursor, limit=2)
        seen += [c.claim_id for c in page.claims]
        cursor = page.next_cursor
        if cursor is None:
            break

    assert sorted(seen) == sorted([f"cl-{i}" for i in range(7)] + ["cl-x"])
    assert len(seen) == len(set(seen))
    filed = [next(r[2].filed_at for r in claims.rows if r[2].claim_id == s) for s in seen]
    assert filed == sorted(filed, reverse=True)


def test_a_cursor_this_api_did_not_give_is_bad_input() -> None:
    mine = service(InMemoryClaimsByParty())
    for cursor in ("nope", "e30", "x" * 5000):
        with pytest.raises(BadInput) as refused:
            mine.page(ALICE, cursor)
        assert refused.value.code == "bad_cursor"
    with pytest.raises(BadInput):
        mine.page(ALICE, None, limit=0)


def test_the_cursor_round_trips() -> None:
    assert decode_position(encode_position(T0, ["b", "a"])) == (T0, {"a", "b"})
    assert decode_position(None) == (None, set())


def test_recent_bookings_are_the_members_own_from_thirty_days_back_latest_first() -> None:
    bookings = [
        ("m-alice", "bk-1", "passenger", T0 - timedelta(days=1)),
        ("m-alice", "bk-2", "driver", T0 + timedelta(days=1)),
        ("m-alice", "bk-old", "driver", T0 - timedelta(days=45)),
        ("m-bob", "bk-1", "driver", T0 - timedelta(days=1)),
    ]
    found = service(InMemoryClaimsByParty(), bookings).recent_bookings(ALICE)
    assert [b.to_json() for b in found] == [
        {"booking_id": "bk-2", "side": "driver", "departure_at": "2027-01-16T08:00:00.000Z"},
        {"booking_id": "bk-1", "side": "passenger", "departure_at": "2027-01-14T08:00:00.000Z"},
    ]
