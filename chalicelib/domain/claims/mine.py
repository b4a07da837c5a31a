"""A member's own claims and recent bookings, as their devices list them (`GET /claims`,
`GET /bookings/recent`): read by party from the indexes, newest first, a page at a time."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from chalicelib.domain.clock import Clock, parse_iso, wire_time
from chalicelib.domain.cursors import bad_cursor, decode_cursor, encode_cursor
from chalicelib.domain.errors import BadInput
from chalicelib.domain.identity import Principal

CLAIMS_PAGE = 20
CLAIMS_PAGE_MAX = 50
BOOKINGS_SHOWN = 10
BOOKINGS_PAST_DAYS = 30  # how far back the booking picker looks (departures)


@dataclass(frozen=True)
class ClaimSummary:
    """One line of a member's claims list: the claim seen from one of its parties."""

    claim_id: str
    booking_id: str
    problem: str
    status: str
    role: str  # "claimant" | "counterpart"
    filed_at: datetime
    updated_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        """The line as `GET /claims` gives it."""
        return {
            "claim_id": self.claim_id,
            "booking_id": self.booking_id,
            "problem": self.problem,
            "status": self.status,
            "role": self.role,
            "filed_at": wire_time(self.filed_at),
            "updated_at": wire_time(self.updated_at or self.filed_at),
        }


@dataclass(frozen=True)
class ClaimsPage:
    """A page of a member's claims and the cursor of the next one (None: the last page)."""

    claims: list[ClaimSummary]
    next_cursor: str | None

    def to_json(self) -> dict[str, Any]:
        """`{"claims": [...], "next_cursor"}`."""
        return {"claims": [c.to_json() for c in self.claims], "next_cursor": self.next_cursor}


@dataclass(frozen=True)
class BookingSummary:
    """A booking seen from one of its parties: what the booking picker shows."""

    booking_id: str
    side: str  # "driver" | "passenger"
    departure_at: datetime

    def to_json(self) -> dict[str, Any]:
        """`{"booking_id", "side", "departure_at"}`."""
        return {"booking_id": self.booking_id, "side": self.side,
                "departure_at": wire_time(self.departure_at)}


class ClaimsByParty(Protocol):
    """The claims read by party, newest filing first (Queries on the claims' party indexes)."""

    def filed_by(self, member_id: str, until: datetime | None, limit: int) -> list[ClaimSummary]:
        """Claims the member filed at or before `until` (None: any time), at most `limit`."""
        ...

    def against(self, member_id: str, until: datetime | None, limit: int) -> list[ClaimSummary]:
        """Claims the member is the counterpart of, filed at or before `until`, at most `limit`."""
        ...


class BookingsByParty(Protocol):
    """The bookings mirror read by party (the sparse party index)."""

    def of_party(self, member_id: str, since: datetime, limit: int) -> list[BookingSummary]:
        """The member's bookings departing at or after `since`, latest departure first."""
        ...


def encode_position(until: datetime, seen: list[str]) -> str:
    """The opaque cursor: the filing time the next page starts at and the claims filed at that
    very time already given (two claims may share a millisecond)."""
    raw = json.dumps({"until": wire_time(until), "seen": sorted(seen)}, separators=(",", ":"))
    return encode_cursor(raw)


def decode_position(cursor: str | None) -> tuple[datetime | None, set[str]]:
    """The position a cursor stands for; 400 `bad_cursor` for anything this API did not give."""
    if not cursor:
        return None, set()
    try:
        data = json.loads(decode_cursor(cursor))
        until = parse_iso(data["until"])
        seen = data["seen"]
        if not isinstance(seen, list) or not all(isinstance(s, str) for s in seen):
            raise ValueError(cursor)
    except (ValueError, TypeError, KeyError) as e:
        raise bad_cursor() from e
    return until, set(seen)


class MemberClaims:
    """The caller's own claims (as claimant or counterpart) and recent bookings."""

    def __init__(self, claims: ClaimsByParty, bookings: BookingsByParty, clock: Clock) -> None:
        self._claims = claims
        self._bookings = bookings
        self._clock = clock

    def page(self, who: Principal, cursor: str | None = None,
             limit: int | None = None) -> ClaimsPage:
        """A page of the caller's claims, newest filing first; `next_cursor` continues it."""
        limit = CLAIMS_PAGE if limit is None else limit
        if not 1 <= limit <= CLAIMS_PAGE_MAX:
            raise BadInput(f"limit must be 1 to {CLAIMS_PAGE_MAX}", field="limit")
        until, seen = decode_position(cursor)
        # Each index may give back the claims already seen at `until`: ask for that many more.
        want = limit + 1 + len(seen)
        found = [*self._claims.filed_by(who.member_id, until, want),
                 *self._claims.against(who.member_id, until, want)]
        fresh = {c.claim_id: c for c in found
                 if not (c.filed_at == until and c.claim_id in seen)}
        ordered = sorted(fresh.values(), key=lambda c: (c.filed_at, c.claim_id), reverse=True)
        shown = ordered[:limit]
        if len(ordered) <= limit:
            return ClaimsPage(shown, None)
        last = shown[-1].filed_at
        at_last = [c.claim_id for c in shown if c.filed_at == last]
        if last == until:
            at_last += sorted(seen)
        return ClaimsPage(shown, encode_position(last, at_last))

    def recent_bookings(self, who: Principal) -> list[BookingSummary]:
        """The caller's bookings departing from BOOKINGS_PAST_DAYS ago on, latest first."""
        since = self._clock.now() - timedelta(days=BOOKINGS_PAST_DAYS)
        return self._bookings.of_party(who.member_id, since, BOOKINGS_SHOWN)
