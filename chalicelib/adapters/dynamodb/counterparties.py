"""The bookings mirror and the claims read by party (conflicts of interest in the chat's
routing): one Query on the bookings' party index, one on each claims index, never a Scan."""

from __future__ import annotations

from datetime import datetime

from chalicelib.adapters.dynamodb.models.claims import BookingRecord, ClaimRecord
from chalicelib.domain.claims.parties import ClaimBetween
from chalicelib.domain.clock import wire_time


class DynamoBookingPartners:
    """The other party of a member's bookings, from the sparse `party-index`."""

    def booking_partners(self, member_id: str, since: datetime, limit: int) -> set[str]:
        """Partners of the bookings departing at or after `since`, the latest first."""
        B = BookingRecord
        found = B.by_party.query(
            member_id,
            B.departure_at >= wire_time(since),
            scan_index_forward=False,
            limit=limit,
            page_size=limit,
        )
        return {r.counterparty_id for r in found if r.counterparty_id}


class DynamoClaimPartners:
    """Claims filed by or against a member, from `claimant-index` and `counterpart-index`."""

    def claims_involving(self, member_id: str, since: datetime, limit: int) -> list[ClaimBetween]:
        """Claims filed at or after `since`, newest first, at most `limit` each way."""
        C = ClaimRecord
        after = C.filed_at >= wire_time(since)
        # The claimant index projects whole claims (about 5 KB each): read only what is needed.
        wanted = ["claimant_id", "counterpart_id", "status"]
        found = [
            *C.by_claimant.query(member_id, after, scan_index_forward=False, limit=limit,
                                 page_size=limit, attributes_to_get=wanted),
            *C.by_counterpart.query(member_id, after, scan_index_forward=False, limit=limit,
                                    page_size=limit),
        ]
        return [ClaimBetween(r.claimant_id or "", r.counterpart_id or "", r.status or "")
                for r in found]
