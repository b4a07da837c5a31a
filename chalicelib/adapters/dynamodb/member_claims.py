"""A member's own claims and bookings for their devices: Queries on `claimant-index`,
`counterpart-index` and the bookings' `party-index`, never a Scan."""

from __future__ import annotations

from datetime import datetime

from chalicelib.adapters.dynamodb.claim_store import parse_party_key
from chalicelib.adapters.dynamodb.models.claims import BookingRecord, ClaimRecord
from chalicelib.domain.claims.mine import BookingSummary, ClaimSummary
from chalicelib.domain.clock import parse_iso, wire_time

# The claimant index projects whole claims (about 5 KB each): read only the list's fields.
LISTED = ["claim_id", "booking_id", "problem", "status", "filed_at", "updated_at"]


def _summary(r: ClaimRecord, role: str) -> ClaimSummary:
    return ClaimSummary(
        claim_id=r.claim_id, booking_id=r.booking_id or "", problem=r.problem or "",
        status=r.status or "", role=role,
        filed_at=parse_iso(r.filed_at or "1970-01-01T00:00:00.000Z"),
        updated_at=parse_iso(r.updated_at) if r.updated_at else None,
    )


class DynamoClaimsByParty:
    """Claims filed by or against a member, newest filing first."""

    def filed_by(self, member_id: str, until: datetime | None, limit: int) -> list[ClaimSummary]:
        """One Query on `claimant-index` (whole claims projected: only LISTED read)."""
        C = ClaimRecord
        condition = None if until is None else C.filed_at <= wire_time(until)
        found = C.by_claimant.query(member_id, condition, scan_index_forward=False,
                                    limit=limit, page_size=limit, attributes_to_get=LISTED)
        return [_summary(r, "claimant") for r in found]

    def against(self, member_id: str, until: datetime | None, limit: int) -> list[ClaimSummary]:
        """One Query on `counterpart-index` (keys and status projected), then one BatchGetItem
        of the listed fields of those claims."""
        C = ClaimRecord
        condition = None if until is None else C.filed_at <= wire_time(until)
        ids = [r.claim_id for r in C.by_counterpart.query(
            member_id, condition, scan_index_forward=False, limit=limit, page_size=limit)]
        records = list(C.batch_get(ids, attributes_to_get=LISTED)) if ids else []
        return [_summary(r, "counterpart") for r in records]


class DynamoBookingsByParty:
    """A member's bookings from the bookings' sparse `party-index` (keys name the side)."""

    def of_party(self, member_id: str, since: datetime, limit: int) -> list[BookingSummary]:
        """Bookings departing at or after `since`, the latest departure first."""
        B = BookingRecord
        found = B.by_party.query(member_id, B.departure_at >= wire_time(since),
                                 scan_index_forward=False, limit=limit, page_size=limit)
        summaries = []
        for r in found:
            side, booking_id = parse_party_key(r.booking_id)
            summaries.append(BookingSummary(booking_id, side, parse_iso(r.departure_at)))
        return summaries
