"""PynamoDB models of claims: the claims table, the gestures ledger, the bookings mirror."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, IncludeProjection
from pynamodb.models import Model

from chalicelib.adapters.dynamodb.models.attributes import EpochTTL, Retained


class ClaimantIndex(GlobalSecondaryIndex):
    """A member's claims by filing time (anti-abuse history; lock items are not in it)."""

    class Meta:
        index_name = "claimant-index"
        projection = AllProjection()

    claimant_id = UnicodeAttribute(hash_key=True)
    filed_at = UnicodeAttribute(range_key=True)


class ClaimCounterpartIndex(GlobalSecondaryIndex):
    """Claims a member is the counterpart of, by filing time (conflicts of interest in the
    chat's routing: open claims either way between two members)."""

    class Meta:
        index_name = "counterpart-index"
        projection = IncludeProjection(["claimant_id", "status"])

    counterpart_id = UnicodeAttribute(hash_key=True)
    filed_at = UnicodeAttribute(range_key=True)


class ClaimDayIndex(GlobalSecondaryIndex):
    """Claims by the UTC day they were filed (insights read a range of days, no Scan)."""

    class Meta:
        index_name = "day-index"
        projection = AllProjection()

    filed_day = UnicodeAttribute(hash_key=True)
    filed_at = UnicodeAttribute(range_key=True)


class PendingTaskAttribute(MapAttribute):
    """The workflow step waiting for a person; its task token never leaves the server."""

    kind = UnicodeAttribute()
    token = UnicodeAttribute()
    since = UnicodeAttribute()
    expires_at = UnicodeAttribute(null=True)
    proposal = JSONAttribute(null=True)
    asked = BooleanAttribute(null=True)
    taken_by = UnicodeAttribute(null=True)
    taken_at = UnicodeAttribute(null=True)


class ResponseCodeAttribute(MapAttribute):
    """The hash of the counterpart's single-use SMS code."""

    code_hash = UnicodeAttribute()
    expires_at = UnicodeAttribute()
    used = BooleanAttribute(default=False)


class ClaimRecord(Retained, Model):
    """A claim (written by the service and by the settle_claim state machine), a lock item
    `lock#<booking_id>#<problem>` naming the open claim of that booking and problem, or a
    member's filings item `claimant#<member_id>`."""

    class Meta:
        table_name = "claims"
        setting = "table_claims"
        resource = "ClaimsTable"
        retention = "claims_retention_days"

    claim_id = UnicodeAttribute(hash_key=True)
    open_claim_id = UnicodeAttribute(null=True)
    booking_id = UnicodeAttribute(null=True)
    problem = UnicodeAttribute(null=True)
    claimant_id = UnicodeAttribute(null=True)
    counterpart_id = UnicodeAttribute(null=True)
    claimant_side = UnicodeAttribute(null=True)
    answers = JSONAttribute(null=True)
    filed_at = UnicodeAttribute(null=True)
    filed_day = UnicodeAttribute(null=True)
    lang = UnicodeAttribute(null=True)
    plan = JSONAttribute(null=True)
    hold_requested = BooleanAttribute(null=True)
    counterpart_expires_at = UnicodeAttribute(null=True)
    status = UnicodeAttribute(null=True)
    # Untyped: the state machine appends maps of strings whose keys depend on the event.
    timeline = ListAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)
    payment_held = BooleanAttribute(null=True)
    resolution = UnicodeAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    basis = UnicodeAttribute(null=True)
    value_cents = NumberAttribute(null=True)
    pending = PendingTaskAttribute(null=True)
    response_code = ResponseCodeAttribute(null=True)
    request_hash = UnicodeAttribute(null=True)
    # On a member's filings item `claimant#<member_id>`: their recent claims (id -> filed_at)
    # and a version every filing increments on condition, so parallel filings see each other.
    filings = JSONAttribute(null=True)
    filings_version = NumberAttribute(null=True)
    expires_at = EpochTTL()
    by_claimant = ClaimantIndex()
    by_counterpart = ClaimCounterpartIndex()
    by_day = ClaimDayIndex()


class LedgerMemberIndex(GlobalSecondaryIndex):
    """A member's gestures by time (per-member automatic gesture limits)."""

    class Meta:
        index_name = "member-index"
        projection = AllProjection()

    member_id = UnicodeAttribute(hash_key=True)
    at = UnicodeAttribute(range_key=True)


class LedgerMonthIndex(GlobalSecondaryIndex):
    """Gestures by month (the audit report reads whole months, no Scan)."""

    class Meta:
        index_name = "month-index"
        projection = AllProjection()

    month = UnicodeAttribute(hash_key=True)
    at = UnicodeAttribute(range_key=True)


class LedgerRecord(Retained, Model):
    """One commercial gesture or correction, written once (append-only)."""

    class Meta:
        table_name = "ledger"
        setting = "table_ledger"
        resource = "LedgerTable"
        retention = "ledger_retention_days"

    entry_id = UnicodeAttribute(hash_key=True)
    at = UnicodeAttribute()
    month = UnicodeAttribute()
    claim_id = UnicodeAttribute()
    member_id = UnicodeAttribute()
    amount_cents = NumberAttribute()
    reason = UnicodeAttribute(default="")
    resolution = UnicodeAttribute(default="")
    granted_by = UnicodeAttribute()
    tier = UnicodeAttribute(default="")
    approved_by = UnicodeAttribute(default="")
    voids = UnicodeAttribute(default="")
    expires_at = EpochTTL()
    by_member = LedgerMemberIndex()
    by_month = LedgerMonthIndex()


class BookingPartyIndex(GlobalSecondaryIndex):
    """Sparse index of a member's bookings by departure: only party items carry `party_id`."""

    class Meta:
        index_name = "party-index"
        projection = IncludeProjection(["counterparty_id"])

    party_id = UnicodeAttribute(hash_key=True)
    departure_at = UnicodeAttribute(range_key=True)


class BookingRecord(Retained, Model):
    """A booking as pushed by the marketplace (parties' phones go to the members mirror), or
    one of its two party items `party#<side>#<booking_id>`, written in the booking's
    transaction: the booking seen from one party (`party_id`, `counterparty_id`), so that a
    member's bookings, as driver or passenger, are one Query on `party-index`."""

    class Meta:
        table_name = "bookings"
        setting = "table_bookings"
        resource = "BookingsTable"
        retention = "bookings_retention_days"

    booking_id = UnicodeAttribute(hash_key=True)
    driver_id = UnicodeAttribute()
    passenger_id = UnicodeAttribute()
    contribution_cents = NumberAttribute()
    service_fee_cents = NumberAttribute(default=0)
    departure_at = UnicodeAttribute()
    status = UnicodeAttribute(default="confirmed")
    currency = UnicodeAttribute(default="EUR")
    alternatives = JSONAttribute(null=True)
    version = NumberAttribute(default=0)
    party_id = UnicodeAttribute(null=True)
    counterparty_id = UnicodeAttribute(null=True)
    expires_at = EpochTTL()
    by_party = BookingPartyIndex()
