"""DynamoDB adapters of the claims: the claims table, the gestures ledger, the bookings mirror
(claim items of the agents' queue: policies/pro_queue.py; insights read the claims in
claim_records.py)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Any

from pynamodb.exceptions import (
    DoesNotExist,
    PutError,
    TransactWriteError,
    UpdateError,
)
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.dynamodb.models.claims import (
    BookingRecord,
    ClaimRecord,
    LedgerRecord,
    PendingTaskAttribute,
    ResponseCodeAttribute,
)
from chalicelib.adapters.dynamodb.transactions import check_failed, was_cancelled
from chalicelib.domain.claims.events import Alternative
from chalicelib.domain.claims.gestures import LedgerEntry
from chalicelib.domain.claims.model import (
    CLOSED,
    SETTLED,
    Booking,
    Claim,
    Decision,
    OutcomePlan,
    PendingTask,
    ResponseCode,
    TimelineEntry,
)
from chalicelib.domain.claims.ports import Filings, FilingsChanged
from chalicelib.domain.clock import parse_iso, wire_time
from chalicelib.domain.errors import BadInput, Conflict, Unavailable

CONDITION_FAILED = "ConditionalCheckFailedException"
# A lock item names the open claim of a booking and problem; it is never deleted, only handed
# over, in a transaction, to the next claim once the one it names is settled or closed.
LOCK_PREFIX = "lock#"


def lock_key(booking_id: str, problem: str) -> str:
    """Key of the item holding the open claim of a booking and problem."""
    return f"{LOCK_PREFIX}{booking_id}#{problem}"


# A member's filings item: the claims they filed lately, versioned (per-member caps).
FILINGS_PREFIX = "claimant#"
FILINGS_KEPT = timedelta(days=400)


def filings_key(member_id: str) -> str:
    """Key of the item listing a member's recent claims."""
    return f"{FILINGS_PREFIX}{member_id}"


# A booking's two party items (the booking seen from each party) share its table; their keys
# are refused as booking ids.
PARTY_PREFIX = "party#"


def party_key(side: str, booking_id: str) -> str:
    """Key of the item of a booking seen from one side (`driver` or `passenger`)."""
    return f"{PARTY_PREFIX}{side}#{booking_id}"


def parse_party_key(key: str) -> tuple[str, str]:
    """The side and the booking id of a party item's key (`party_key` read back)."""
    side, _, booking_id = key.removeprefix(PARTY_PREFIX).partition("#")
    return side, booking_id


def _dt(text: str | None) -> datetime | None:
    return parse_iso(text) if text else None


class DynamoClaimRepository:
    """The claims table; the one-open-claim rule is a lock item written in the same transaction."""

    def get(self, claim_id: str) -> Claim | None:
        """The claim (strongly consistent: the workflow writes it between two requests)."""
        if claim_id.startswith((LOCK_PREFIX, FILINGS_PREFIX)):
            return None
        try:
            return _to_claim(ClaimRecord.get(claim_id, consistent_read=True))
        except DoesNotExist:
            return None

    def add(self, claim: Claim, filings: Filings) -> bool:
        """Store a new claim, take the booking+problem lock and count the claim in its
        claimant's filings (as `filings` read them, on condition of their version),
        atomically."""
        key = lock_key(claim.booking_id, claim.problem)
        for _ in range(3):
            try:
                holder = ClaimRecord.get(key, consistent_read=True).open_claim_id
            except DoesNotExist:
                holder = None
            if holder == claim.claim_id:
                return False  # the lock is this claim's: it was stored by an earlier attempt
            try:
                self._add(claim, key, holder, filings)
                return True
            except TransactWriteError as e:
                # Items in order: [condition check of the holder], put claim, put lock, filings.
                offset = 1 if holder else 0
                if check_failed(e, offset):
                    return False  # this claim id exists: an idempotent retry
                if holder and check_failed(e, 0):
                    raise Conflict("an open claim exists for this booking and problem",
                                   code="claim_already_open") from e
                if check_failed(e, offset + 2) or (
                        was_cancelled(e) and not check_failed(e, offset + 1)):
                    # The member's filings moved on, or another filing's transaction touched
                    # them at the same moment (TransactionConflict): read and plan again.
                    raise FilingsChanged("another claim was filed meanwhile") from e
                if check_failed(e, offset + 1) or was_cancelled(e):
                    continue  # the lock changed hands meanwhile: read it again
                raise Unavailable("could not store the claim; retry") from e
        raise Conflict("an open claim exists for this booking and problem",
                       code="claim_already_open")

    @staticmethod
    def _add(claim: Claim, key: str, holder: str | None, filings: Filings) -> None:
        C = ClaimRecord
        keep_from = wire_time(claim.filed_at - FILINGS_KEPT)
        filed = {k: v for k, v in filings.recorded.items() if v >= keep_from}
        filed[claim.claim_id] = wire_time(claim.filed_at)
        version = filings.version
        with TransactWrite(connection=C._get_connection().connection) as tx:
            if holder:
                # The lock may change hands only once the claim it names is over.
                tx.condition_check(C, holder, condition=C.status.is_in(SETTLED, CLOSED))
            tx.save(_to_record(claim), condition=C.claim_id.does_not_exist())
            lock = C(key, open_claim_id=claim.claim_id, booking_id=claim.booking_id,
                     problem=claim.problem)
            tx.save(lock, condition=C.claim_id.does_not_exist() if holder is None
                    else C.open_claim_id == holder)
            tx.update(C(filings_key(claim.claimant_id)),
                      actions=[C.filings.set(filed), C.filings_version.set(version + 1)],
                      condition=C.filings_version.does_not_exist() if version == 0
                      else C.filings_version == version)

    @staticmethod
    def _filings_item(member_id: str) -> tuple[dict[str, str], int]:
        """The member's filings (claim id -> filed_at) and their version (0: none yet)."""
        try:
            item = ClaimRecord.get(filings_key(member_id), consistent_read=True)
        except DoesNotExist:
            return {}, 0
        return dict(item.filings or {}), int(item.filings_version or 0)

    def filings(self, member_id: str, since: datetime) -> Filings:
        """The member's claims since `since`: the ids on their filings item (and, for claims
        filed before it existed, on the claimant index), each read strongly consistent."""
        filed, version = self._filings_item(member_id)
        after = wire_time(since)
        ids = {k for k, v in filed.items() if v >= after}
        ids |= {r.claim_id for r in ClaimRecord.by_claimant.query(
            member_id, ClaimRecord.filed_at >= after, attributes_to_get=["claim_id"])}
        records = list(ClaimRecord.batch_get(sorted(ids), consistent_read=True))
        claims = [_to_claim(r) for r in records]
        return Filings([c for c in claims if c.filed_at >= since], version, filed)

    def append_timeline(self, claim_id: str, entry: TimelineEntry) -> None:
        """Append one entry (list_append, as the state machine does)."""
        C = ClaimRecord
        self._update(claim_id, [C.timeline.set((C.timeline | []).append([entry.to_json()])),
                                C.updated_at.set(entry.at)])

    def set_pending(self, claim_id: str, task: PendingTask) -> None:
        """Remember the task the workflow waits on."""
        pending = PendingTaskAttribute(
            kind=task.kind, token=task.token, since=wire_time(task.since),
            expires_at=wire_time(task.expires_at),
            proposal=task.proposal.to_json() if task.proposal else None,
        )
        self._update(claim_id, [ClaimRecord.pending.set(pending)])

    def clear_pending(self, claim_id: str, token: str) -> bool:
        """Forget the pending task if it is still this token."""
        C = ClaimRecord
        try:
            C(claim_id).update(actions=[C.pending.remove()], condition=C.pending.token == token)
        except UpdateError as e:
            if e.cause_response_code == CONDITION_FAILED:
                return False
            raise Unavailable("could not update the claim") from e
        return True

    def mark_asked(self, claim_id: str, token: str) -> bool:
        """Record that the counterpart was told about this task, while it is still pending."""
        C = ClaimRecord
        return self._conditional(claim_id, [C.pending.asked.set(True)],
                                 C.pending.token == token)

    def take_task(self, claim_id: str, token: str, taker: str, now: datetime,
                  stale_before: datetime) -> bool:
        """Reserve the pending task for one request (one conditional write)."""
        P = ClaimRecord.pending
        free = (P.taken_by.does_not_exist() | (P.taken_by == taker)
                | (P.taken_at < wire_time(stale_before)))
        return self._conditional(
            claim_id, [P.taken_by.set(taker), P.taken_at.set(wire_time(now))],
            (P.token == token) & free)

    def release_task(self, claim_id: str, token: str, taker: str) -> None:
        """Free the task this taker reserved (nothing when another request holds it now)."""
        P = ClaimRecord.pending
        self._conditional(claim_id, [P.taken_by.remove(), P.taken_at.remove()],
                          (P.token == token) & (P.taken_by == taker))

    @staticmethod
    def _conditional(claim_id: str, actions: list[Any], condition: Any) -> bool:
        try:
            ClaimRecord(claim_id).update(actions=actions, condition=condition)
        except UpdateError as e:
            if e.cause_response_code == CONDITION_FAILED:
                return False
            raise Unavailable("could not update the claim") from e
        return True

    def set_response_code(self, claim_id: str, code: ResponseCode) -> None:
        """Store the hash of a fresh single-use code."""
        value = ResponseCodeAttribute(code_hash=code.code_hash,
                                      expires_at=wire_time(code.expires_at), used=code.used)
        self._update(claim_id, [ClaimRecord.response_code.set(value)])

    def use_response_code(self, claim_id: str, code_hash: str, now: datetime) -> bool:
        """Mark the code used if it matches, is unused and unexpired (one conditional write)."""
        C = ClaimRecord
        rc = C.response_code
        try:
            C(claim_id).update(
                actions=[rc.used.set(True)],
                condition=(rc.code_hash == code_hash) & (rc.used == False)  # noqa: E712
                & (rc.expires_at > wire_time(now)),
            )
        except UpdateError as e:
            if e.cause_response_code == CONDITION_FAILED:
                return False
            raise Unavailable("could not update the claim") from e
        return True

    @staticmethod
    def _update(claim_id: str, actions: list[Any]) -> None:
        C = ClaimRecord
        try:
            C(claim_id).update(actions=actions, condition=C.claim_id.exists())
        except UpdateError as e:
            if e.cause_response_code == CONDITION_FAILED:
                raise Conflict("unknown claim", code="unknown_claim") from e
            raise Unavailable("could not update the claim") from e


def _to_record(claim: Claim) -> ClaimRecord:
    return ClaimRecord(
        claim.claim_id,
        booking_id=claim.booking_id,
        problem=claim.problem,
        claimant_id=claim.claimant_id,
        counterpart_id=claim.counterpart_id,
        claimant_side=claim.claimant_side,
        answers=dict(claim.answers),
        filed_at=wire_time(claim.filed_at),
        filed_day=wire_time(claim.filed_at)[:10],
        lang=claim.lang,
        plan=claim.plan.to_json(),
        hold_requested=claim.hold_requested,
        counterpart_expires_at=wire_time(claim.counterpart_expires_at),
        status=claim.status,
        timeline=[e.to_json() for e in claim.timeline],
        updated_at=wire_time(claim.filed_at),
        request_hash=claim.request_hash,
    )


def _to_claim(r: ClaimRecord) -> Claim:
    pending = None
    if r.pending is not None:
        p = r.pending
        pending = PendingTask(p.kind, p.token, parse_iso(p.since), _dt(p.expires_at),
                              Decision.from_json(p.proposal) if p.proposal else None,
                              asked=bool(p.asked), taken_by=p.taken_by or "",
                              taken_at=_dt(p.taken_at))
    code = None
    if r.response_code is not None:
        rc = r.response_code
        code = ResponseCode(rc.code_hash, parse_iso(rc.expires_at), bool(rc.used))
    return Claim(
        claim_id=r.claim_id,
        booking_id=r.booking_id or "",
        problem=r.problem or "",
        claimant_id=r.claimant_id or "",
        counterpart_id=r.counterpart_id or "",
        claimant_side=r.claimant_side or "",
        answers=r.answers or {},
        status=r.status or "",
        filed_at=parse_iso(r.filed_at or "1970-01-01T00:00:00.000Z"),
        plan=OutcomePlan.from_json(r.plan or {"asks_counterpart": False, "decisions": {}}),
        lang=r.lang or "fr",
        hold_requested=bool(r.hold_requested),
        counterpart_expires_at=_dt(r.counterpart_expires_at),
        timeline=tuple(TimelineEntry.from_json(e) for e in (r.timeline or [])),
        resolution=r.resolution or "",
        decided_by=r.decided_by or "",
        basis=r.basis or "",
        value_cents=int(r.value_cents or 0),
        pending=pending,
        response_code=code,
        request_hash=r.request_hash or "",
    )


class DynamoGestureLedger:
    """Append-only: every entry is written once with attribute_not_exists(entry_id)."""

    def append(self, entry: LedgerEntry) -> bool:
        """Write the entry once; False when it exists (a retry)."""
        record = LedgerRecord(
            entry.entry_id, at=wire_time(entry.at), month=entry.month, claim_id=entry.claim_id,
            member_id=entry.member_id, amount_cents=entry.amount_cents, reason=entry.reason,
            resolution=entry.resolution, granted_by=entry.granted_by, tier=entry.tier,
            approved_by=entry.approved_by, voids=entry.voids,
        )
        try:
            record.save(condition=LedgerRecord.entry_id.does_not_exist())
        except PutError as e:
            if e.cause_response_code == CONDITION_FAILED:
                return False
            raise Unavailable("could not write the gesture ledger") from e
        return True

    def for_member(self, member_id: str, since: datetime) -> list[LedgerEntry]:
        """The member's entries since `since` (Query on the member index)."""
        return [_to_entry(r) for r in LedgerRecord.by_member.query(
            member_id, LedgerRecord.at >= wire_time(since))]

    def between(self, since: datetime, until: datetime) -> list[LedgerEntry]:
        """Entries in [since, until): one Query per month on the month index."""
        out: list[LedgerEntry] = []
        month = since.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        while month < until:
            for r in LedgerRecord.by_month.query(
                wire_time(month)[:7], LedgerRecord.at.between(wire_time(since), wire_time(until))
            ):
                entry = _to_entry(r)
                if since <= entry.at < until:
                    out.append(entry)
            month = (month + timedelta(days=32)).replace(day=1)
        return out


def _to_entry(r: LedgerRecord) -> LedgerEntry:
    return LedgerEntry(
        entry_id=r.entry_id, at=parse_iso(r.at), claim_id=r.claim_id, member_id=r.member_id,
        amount_cents=int(r.amount_cents), reason=r.reason, resolution=r.resolution,
        granted_by=r.granted_by, tier=r.tier, approved_by=r.approved_by, voids=r.voids,
    )


class DynamoBookingDirectory:
    """The bookings mirror as the claims read it (one GetItem)."""

    def get(self, booking_id: str) -> Booking | None:
        """The booking, or None."""
        if booking_id.startswith(PARTY_PREFIX):
            return None
        try:
            r = BookingRecord.get(booking_id)
        except DoesNotExist:
            return None
        return Booking(
            booking_id=r.booking_id, driver_id=r.driver_id, passenger_id=r.passenger_id,
            contribution_cents=int(r.contribution_cents),
            service_fee_cents=int(r.service_fee_cents or 0),
            departure_at=parse_iso(r.departure_at), status=r.status, currency=r.currency,
            alternatives=tuple(Alternative(**a) for a in (r.alternatives or [])),
        )


class DynamoBookingStore:
    """The bookings mirror's write side: a push older than the stored one is ignored.

    The booking and its two party items (the sparse `party-index`: a member's bookings as
    driver or passenger in one Query) are written in one transaction, so they never disagree.
    """

    def put(self, booking: Booking, version: int) -> bool:
        """Store the booking unless a newer version is stored; whether it was stored."""
        if booking.booking_id.startswith(PARTY_PREFIX):
            raise BadInput(f"booking ids may not start with {PARTY_PREFIX}", code="bad_booking")
        B = BookingRecord
        fields: dict[str, Any] = dict(
            driver_id=booking.driver_id, passenger_id=booking.passenger_id,
            contribution_cents=booking.contribution_cents,
            service_fee_cents=booking.service_fee_cents,
            departure_at=wire_time(booking.departure_at), status=booking.status,
            currency=booking.currency, version=version,
        )
        record = B(booking.booking_id,
                   alternatives=[asdict(a) for a in booking.alternatives], **fields)
        try:
            with TransactWrite(connection=B._get_connection().connection) as tx:
                tx.save(record, condition=B.booking_id.does_not_exist() | (B.version < version))
                for side, party, other in (
                    ("driver", booking.driver_id, booking.passenger_id),
                    ("passenger", booking.passenger_id, booking.driver_id),
                ):
                    tx.save(B(party_key(side, booking.booking_id), party_id=party,
                              counterparty_id=other, **fields))
        except TransactWriteError as e:
            if check_failed(e, 0):
                return False
            raise Unavailable("could not store the booking") from e
        return True

