"""Agents and supervisors: the claims in the agents' queue, decisions within delegation,
approval by a supervisor who is never the proposer, and the gesture audit report."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain.claims.catalogue import MARKS
from chalicelib.domain.claims.gestures import (
    AuditReport,
    DelegationPolicy,
    LedgerEntry,
    audit_report,
)
from chalicelib.domain.claims.model import (
    ROUTE_APPROVAL,
    ROUTE_SETTLE,
    Claim,
    Decision,
    PendingTask,
)
from chalicelib.domain.claims.outcomes import SettlementContext, settlement
from chalicelib.domain.claims.ports import (
    AgentQueue,
    BookingDirectory,
    GestureLedger,
    TaskGone,
    Workflow,
)
from chalicelib.domain.claims.review import (
    CONFLICT_OF_INTEREST,
    FORBIDDEN,
    FOUR_EYES,
    NOT_WAITING,
    RECENT_GESTURE_DAYS,
    ClaimReview,
    approve_blocked,
    decide_blocked,
)
from chalicelib.domain.claims.shared import ClaimsShared
from chalicelib.domain.claims.workflow import APPROVAL_REQUESTED, TaskMessage
from chalicelib.domain.clock import wire_time
from chalicelib.domain.errors import (
    BadInput,
    Conflict,
    DomainError,
    Forbidden,
    NotFound,
    RuleRefused,
)
from chalicelib.domain.identity import ADMIN, AGENT, SUPERVISOR, Principal

# A decision's reservation of its task outlives any request (Lambda stops one at 30 s): after
# this, a request that died midway no longer blocks the claim and another may decide it.
TAKE_LEASE = timedelta(seconds=120)


def refuse(blocked: str, not_waiting: Conflict) -> None:
    """Raise the error of a `blocked` reason (review.py); nothing when it is "". Conflict of
    interest: staff who are a party of the claim's booking (the claimant or the counterpart)
    never decide or approve it; another agent or supervisor does."""
    if blocked == FORBIDDEN:
        raise Forbidden("you may not act on this claim")
    if blocked == CONFLICT_OF_INTEREST:
        raise Forbidden("you are a party of this claim's booking: another agent must decide it",
                        code="conflict_of_interest")
    if blocked == NOT_WAITING:
        raise not_waiting
    if blocked == FOUR_EYES:
        raise Forbidden("a proposal needs a second person's approval", code="four_eyes")


class AgentDesk:
    """What agents and supervisors do with claims the rules leave to a person."""

    def __init__(
        self,
        shared: ClaimsShared,
        *,
        bookings: BookingDirectory,
        ledger: GestureLedger,
        workflow: Workflow,
        queue: AgentQueue,
        delegation: DelegationPolicy,
    ) -> None:
        self._shared = shared
        self._bookings = bookings
        self._ledger = ledger
        self._workflow = workflow
        self._queue = queue
        self.delegation = delegation

    # The agents' queue.

    def enqueue_review(self, claim: Claim, msg: TaskMessage, now: datetime) -> None:
        """Store the workflow's token and put the claim in the queue of agents (a review) or of
        supervisors (an approval), due at the end of its SLA."""
        approval = msg.kind == APPROVAL_REQUESTED
        proposal = Decision.from_json(msg.proposal) if approval and msg.proposal else None
        if approval and proposal is None:
            raise BadInput("approval request without a proposal", code="bad_task_message")
        sla = timedelta(seconds=msg.sla_seconds)
        self._shared.repository.set_pending(claim.claim_id, PendingTask(
            "approval" if approval else "agent", msg.token, now, now + sla, proposal))
        # After an SLA breach the item is due at once, so it sorts first in the queue, and it
        # is the supervisors' to watch: the same reason and audience as the staff notice of the
        # same breach writes (the two messages arrive in either order).
        reason = "approval" if approval else msg.reason
        audience = "supervisor" if approval else "agent"
        if msg.reminder:
            reason = "approval_sla_breached" if approval else "agent_sla_breached"
            audience = "supervisor"
        self._queue.put_claim(
            claim.claim_id, due_at=now if msg.reminder else now + sla,
            reason=reason,
            audience=audience,
            urgent=msg.reminder or self._shared.catalogue.problem(claim.problem).urgent,
        )

    def alert(self, claim: Claim, *, reason: str, audience: str, now: datetime) -> None:
        """Put the claim first in the queue of this audience (`agent` or `supervisor`)."""
        self._queue.put_claim(claim.claim_id, due_at=now, reason=reason, audience=audience,
                              urgent=True)

    # Decisions.

    def decide(
        self,
        claim_id: str,
        principal: Principal,
        *,
        outcome: Any,
        gesture_cents: Any = 0,
        charge_cents: Any = 0,
        mark: Any = None,
        request_approval: bool = False,
    ) -> Claim:
        """An agent's decision; above their ceiling it is refused, or proposed for approval."""
        principal.require(AGENT, SUPERVISOR)
        claim = self._shared.get(claim_id)
        refuse(decide_blocked(claim, principal), Conflict(
            "this claim is not waiting for an agent's decision", code="not_awaiting_decision"))
        pending = claim.pending
        assert pending is not None  # decide_blocked: the claim waits for an agent
        resolution, gesture, charge, mark = self._check_decision(outcome, gesture_cents,
                                                                 charge_cents, mark)
        ctx = self._settlement_context(claim)
        catalogue = self._shared.catalogue
        ceiling = self.delegation.ceiling_for(principal)
        if gesture > ceiling:
            if not request_approval:
                raise Forbidden("this gesture is above your delegation ceiling",
                                code="above_delegation", ceiling_cents=ceiling)
            _, value = settlement(ctx, catalogue.resolution(resolution), key="approval",
                                  mark=mark, gesture_cents=gesture, charge_cents=charge,
                                  granted_by=principal.member_id)
            decision = Decision(
                route=ROUTE_APPROVAL, branch="agent", basis="agent", resolution=resolution,
                reason="above_delegation", decided_by=principal.member_id, value_cents=value,
                gesture_cents=gesture, charge_cents=charge, mark=mark or "",
                proposed_by=principal.member_id,
            )
            return self._resume(claim, pending, decision, None)
        events, value = settlement(ctx, catalogue.resolution(resolution), key="agent",
                                   mark=mark, gesture_cents=gesture, charge_cents=charge,
                                   granted_by=principal.member_id)
        decision = Decision(
            route=ROUTE_SETTLE, branch="agent", basis="agent", resolution=resolution,
            reason="agent", decided_by=principal.member_id, value_cents=value,
            gesture_cents=gesture, charge_cents=charge, mark=mark or "", events=events,
        )
        entry = self._gesture_entry(claim, decision, pending, principal, approved_by="")
        return self._resume(claim, pending, decision, entry)

    def approve(
        self,
        claim_id: str,
        principal: Principal,
        *,
        approve: bool = True,
        outcome: Any = None,
        gesture_cents: Any = None,
    ) -> Claim:
        """A supervisor approves a proposal, or replaces it (by default without the gesture)."""
        principal.require(SUPERVISOR)
        claim = self._shared.get(claim_id)
        refuse(approve_blocked(claim, principal), Conflict(
            "this claim is not waiting for an approval", code="not_awaiting_approval"))
        pending = claim.pending
        # approve_blocked: the claim waits for the approval of this proposal.
        assert pending is not None and pending.proposal is not None
        proposal = pending.proposal
        if approve:
            resolution, gesture = proposal.resolution, proposal.gesture_cents
        else:
            resolution = outcome if outcome is not None else proposal.resolution
            gesture = gesture_cents if gesture_cents is not None else 0
        # A replacement keeps the proposal's charge and mark only if it keeps its outcome.
        same = resolution == proposal.resolution
        resolution, gesture, charge, mark = self._check_decision(
            resolution, gesture, proposal.charge_cents if same else 0,
            (proposal.mark or None) if same else None)
        if gesture > self.delegation.ceiling_for(principal):
            raise Forbidden("this gesture is above your delegation ceiling",
                            code="above_delegation")
        granted_by = proposal.proposed_by if approve else principal.member_id
        events, value = settlement(
            self._settlement_context(claim), self._shared.catalogue.resolution(resolution),
            key="approval", mark=mark, gesture_cents=gesture, charge_cents=charge,
            granted_by=granted_by, approved_by=principal.member_id,
        )
        decision = Decision(
            route=ROUTE_SETTLE, branch="approval", basis="supervisor", resolution=resolution,
            reason="approved" if approve else "replaced", decided_by=principal.member_id,
            value_cents=value, gesture_cents=gesture, charge_cents=charge, mark=mark or "",
            events=events, proposed_by=proposal.proposed_by, approved_by=principal.member_id,
        )
        entry = self._gesture_entry(claim, decision, pending, principal,
                                    approved_by=principal.member_id, granted_by=granted_by)
        return self._resume(claim, pending, decision, entry)

    def review(self, claim_id: str, principal: Principal) -> ClaimReview:
        """The claim as its deciders see it: answers, statements, timeline, gestures already
        granted to the claimant, the viewer's delegation and what they may do with it now."""
        principal.require(AGENT, SUPERVISOR, ADMIN)
        claim = self._shared.get(claim_id)
        recent = self._shared.now() - timedelta(days=RECENT_GESTURE_DAYS)
        since = min(recent, claim.filed_at)  # the claim's own gestures, however old it is
        return ClaimReview(claim, principal, self.delegation,
                           tuple(self._ledger.for_member(claim.claimant_id, since)), recent)

    def audit_report(self, principal: Principal, *, since: datetime,
                     until: datetime) -> AuditReport:
        """The a-posteriori gesture audit for staff: totals by agent, reason, month; outliers."""
        principal.require(SUPERVISOR, ADMIN)
        if until <= since:
            raise BadInput("the report period is empty", code="bad_period")
        return audit_report(self._ledger.between(since, until))

    def _check_decision(self, outcome: Any, gesture: Any, charge: Any,
                        mark: Any) -> tuple[str, int, int, str | None]:
        if not isinstance(outcome, str):
            raise BadInput("outcome is required", code="unknown_outcome")
        resolution = self._shared.catalogue.resolution(outcome)
        if not resolution.agent_selectable:
            raise BadInput("agents grant gestures with gesture_eur, not this outcome",
                           code="outcome_not_allowed")
        for name, value in (("gesture", gesture), ("charge", charge)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise BadInput(f"{name} must be a whole number of cents >= 0",
                               code=f"bad_{name}")
        if resolution.charge != (charge > 0):
            raise BadInput("a charge goes with the charge_passenger outcome, and only with it",
                           code="bad_charge")
        if mark is not None and mark not in MARKS:
            raise BadInput("unknown reliability mark", code="bad_mark")
        if gesture > self.delegation.maximum_cents:
            raise RuleRefused("this gesture is above what anyone may grant",
                              code="above_maximum_gesture")
        return resolution.id, gesture, charge, mark

    def _gesture_entry(self, claim: Claim, decision: Decision, pending: PendingTask,
                       principal: Principal, *, approved_by: str,
                       granted_by: str | None = None) -> LedgerEntry | None:
        if not decision.gesture_cents:
            return None
        # One id per waiting task and deciding request (the request's id is appended by
        # _resume): a doubled decision never shares, and so never voids, the winner's entry.
        suffix = hashlib.sha256(pending.token.encode()).hexdigest()[:12]
        return LedgerEntry(
            entry_id=f"{claim.claim_id}.{decision.branch}.{suffix}", at=self._shared.now(),
            claim_id=claim.claim_id, member_id=claim.claimant_id,
            amount_cents=decision.gesture_cents, reason=claim.problem,
            resolution=decision.resolution, granted_by=granted_by or principal.member_id,
            tier=principal.tier or (SUPERVISOR if principal.has(SUPERVISOR) else ""),
            approved_by=approved_by,
        )

    def _resume(self, claim: Claim, pending: PendingTask, decision: Decision,
                entry: LedgerEntry | None) -> Claim:
        """Complete the waiting task with this decision, one request at a time.

        The task is first reserved for this request (a conditional write): a concurrent or
        doubled decision gets 409 `already_decided` and writes nothing. The ledger entry, whose
        id is this request's own, is written before the money moves; if the workflow refuses
        this request's answer (moved on, or unavailable) only its own entry is voided, so the
        audit always shows the gesture that was paid and never one that was not.
        """
        repository = self._shared.repository
        now = self._shared.now()
        taker = secrets.token_hex(8)
        if not repository.take_task(claim.claim_id, pending.token, taker, now,
                                    now - TAKE_LEASE):
            raise Conflict("another decision on this claim was taken first",
                           code="already_decided")
        written = None
        try:
            if entry is not None:
                own = replace(entry, entry_id=f"{entry.entry_id}.{taker}")
                self._ledger.append(own)
                written = own
            self._workflow.succeed(pending.token, decision.to_json())
        except DomainError as refused:
            if written is not None:
                self._ledger.append(written.void(self._shared.now()))
            if not isinstance(refused, TaskGone):
                repository.release_task(claim.claim_id, pending.token, taker)
            raise
        repository.clear_pending(claim.claim_id, pending.token)
        self._queue.remove_claim(claim.claim_id)
        return self._shared.get(claim.claim_id)

    def _settlement_context(self, claim: Claim) -> SettlementContext:
        booking = self._bookings.get(claim.booking_id)
        if booking is None:
            raise NotFound("the claim's booking is gone", code="unknown_booking")
        return SettlementContext(claim.claim_id, claim.problem, booking, claim.claimant_side,
                                 wire_time(self._shared.now()), claim.hold_requested)
