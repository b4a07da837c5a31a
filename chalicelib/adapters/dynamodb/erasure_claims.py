"""The claims' part of an erasure (docs/privacy.md): claims the member filed or is the
counterpart of (the claimant and counterpart indexes), their filings item, and the bookings
they are a party of (the bookings' party index). Free text goes; ids become the pseudonym; the
claim's money facts (problem, status, outcome, amounts) stay, as the gesture ledger refers to
them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from pynamodb.exceptions import DoesNotExist, UpdateError

from chalicelib.adapters.dynamodb.claim_store import filings_key, parse_party_key, party_key
from chalicelib.adapters.dynamodb.models.claims import BookingRecord, ClaimRecord
from chalicelib.adapters.dynamodb.transactions import condition_failed
from chalicelib.domain.claims.model import CLOSED, OPEN_STATUSES
from chalicelib.domain.claims.ports import AgentQueue
from chalicelib.domain.clock import wire_time
from chalicelib.domain.errors import Unavailable
from chalicelib.domain.privacy.ports import ClaimsHeld, Counts

# Keys of a timeline entry or an answer that hold someone's own words.
FREE_TEXT = frozenset({"comment", "statement", "text", "note", "message", "details"})
WITHDRAWN = "withdrawn"


def scrub(value: Any, member_id: str, pseudonym: str) -> Any:
    """A JSON value with the member's id replaced and free-text keys dropped."""
    if isinstance(value, str):
        return pseudonym if value == member_id else value
    if isinstance(value, Mapping):
        return {k: scrub(v, member_id, pseudonym) for k, v in value.items()
                if k not in FREE_TEXT}
    if isinstance(value, list | tuple):
        return [scrub(v, member_id, pseudonym) for v in value]
    return value


class DynamoClaimsData:
    """`ClaimsData` over the claims and bookings tables and the agents' queue."""

    def __init__(self, queue: AgentQueue) -> None:
        self._queue = queue

    def held(self, member_id: str) -> ClaimsHeld:
        """One Query each on the claimant, counterpart and party indexes."""
        filed = list(ClaimRecord.by_claimant.query(member_id))
        against = list(ClaimRecord.by_counterpart.query(member_id))
        parties = list(BookingRecord.by_party.query(member_id))
        found = [r.counterparty_id for r in parties] + [r.counterpart_id for r in filed]
        found += [r.claimant_id for r in against]
        return ClaimsHeld(
            open_claims=tuple(r.claim_id for r in filed if r.status in OPEN_STATUSES),
            claims=tuple(dict.fromkeys(r.claim_id for r in filed + against)),
            bookings=tuple(parse_party_key(r.booking_id)[1] for r in parties),
            partners=tuple(p for p in dict.fromkeys(found) if p and p != member_id),
        )

    def withdraw(self, claim_id: str, at: float) -> None:
        """Closed as withdrawn (its execution was stopped), its waiting task and SMS code
        forgotten, out of the agents' queue."""
        C = ClaimRecord
        when = wire_time(at)
        entry = {"at": when, "event": WITHDRAWN, "by": "erasure"}
        try:
            C(claim_id).update(actions=[
                C.status.set(CLOSED), C.resolution.set(WITHDRAWN), C.updated_at.set(when),
                C.pending.remove(), C.response_code.remove(),
                C.timeline.set((C.timeline | []).append([entry])),
            ], condition=C.status.is_in(*OPEN_STATUSES))
        except UpdateError as e:
            if not condition_failed(e):
                raise Unavailable("could not withdraw the claim") from e
        self._queue.remove_claim(claim_id)

    def erase(self, member_id: str, pseudonym: str, held: ClaimsHeld) -> Counts:
        """Claims either side, the filings item, bookings."""
        counts: Counter[str] = Counter()
        for claim_id in held.claims:
            counts["claims"] += self._claim(claim_id, member_id, pseudonym)
        try:
            ClaimRecord.get(filings_key(member_id)).delete()
            counts["claim_filings"] += 1
        except DoesNotExist:
            pass
        for booking_id in held.bookings:
            counts["bookings"] += self._booking(booking_id, member_id, pseudonym)
        return counts

    @staticmethod
    def _claim(claim_id: str, member_id: str, pseudonym: str) -> int:
        C = ClaimRecord
        try:
            r = C.get(claim_id, consistent_read=True)
        except DoesNotExist:
            return 0
        actions: list[Any] = [C.timeline.set(scrub(list(r.timeline or []), member_id,
                                                   pseudonym))]
        if r.claimant_id == member_id:
            actions += [C.claimant_id.set(pseudonym), C.answers.remove()]
        if r.counterpart_id == member_id:
            actions.append(C.counterpart_id.set(pseudonym))
        if r.plan:
            actions.append(C.plan.set(scrub(r.plan, member_id, pseudonym)))
        if r.pending is not None and r.pending.proposal:
            actions.append(C.pending.proposal.set(scrub(r.pending.proposal, member_id,
                                                        pseudonym)))
        r.update(actions=actions)
        return 1

    @staticmethod
    def _booking(booking_id: str, member_id: str, pseudonym: str) -> int:
        """The booking and its two party items: the member's one deleted (out of the index),
        the others with the pseudonym in place of the member."""
        B = BookingRecord
        keys = [booking_id, party_key("driver", booking_id), party_key("passenger", booking_id)]
        for r in B.batch_get(keys):
            if r.party_id == member_id:
                r.delete()
                continue
            actions: list[Any] = []
            if r.driver_id == member_id:
                actions.append(B.driver_id.set(pseudonym))
            if r.passenger_id == member_id:
                actions.append(B.passenger_id.set(pseudonym))
            if r.counterparty_id == member_id:
                actions.append(B.counterparty_id.set(pseudonym))
            if actions:
                r.update(actions=actions)
        return 1
