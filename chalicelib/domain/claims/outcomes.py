"""Turning a resolution into events and a filed claim into its plan of decisions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from chalicelib.domain.claims.catalogue import OutcomeSpec, ProblemType, Resolution, Rule
from chalicelib.domain.claims.events import (
    CancellationNotice,
    Charge,
    GoodwillCredit,
    NoPenalty,
    OutboundEvent,
    Payload,
    PaymentHold,
    PaymentRelease,
    Refund,
    ReliabilityMark,
)
from chalicelib.domain.claims.gestures import GesturePolicy, LedgerEntry
from chalicelib.domain.claims.model import (
    AUTO,
    ROUTE_AGENT,
    ROUTE_SETTLE,
    Booking,
    Decision,
    OutcomePlan,
)
from chalicelib.domain.claims.policy import AbusePolicy, ClaimHistory
from chalicelib.domain.clock import parse_iso

# Why a branch was decided: the counterpart agreed, kept silent, or the terms applied alone.
BASIS = {"confirm": "confirmed", "dispute": "rule", "silence": "silence", "direct": "rule"}
AGENT_BASIS = {"confirm": "confirmed", "dispute": "disputed", "silence": "silence",
               "direct": "rule"}


@dataclass(frozen=True)
class SettlementContext:
    """The facts every event of one claim shares."""

    claim_id: str
    problem: str
    booking: Booking
    claimant_side: str
    decided_at: str
    hold: bool = False

    @property
    def claimant_id(self) -> str:
        """The member who filed the claim."""
        return self.booking.member_on(self.claimant_side)

    @property
    def counterpart_id(self) -> str:
        """The other party of the booking."""
        other = "driver" if self.claimant_side == "passenger" else "passenger"
        return self.booking.member_on(other)

    def wrap(self, key: str, payloads: Iterable[Payload]) -> tuple[OutboundEvent, ...]:
        """Give payloads their envelope; ids are stable per claim and branch for de-duplication."""
        return tuple(
            OutboundEvent(f"{self.claim_id}.{key}.{n}", self.claim_id, self.booking.booking_id,
                          self.decided_at, p)
            for n, p in enumerate(payloads, start=1)
        )


def percent_of(cents: int, percent: int) -> int:
    """`percent` % of an amount in cents, rounded half up (integers only, no float drift)."""
    return (cents * percent + 50) // 100


def hold_event(ctx: SettlementContext) -> OutboundEvent:
    """The immediate payment hold published when the claimant presses "block payment"."""
    return ctx.wrap("hold", [PaymentHold(driver_id=ctx.booking.driver_id, reason=ctx.problem)])[0]


def settlement(
    ctx: SettlementContext,
    resolution: Resolution,
    *,
    key: str,
    mark: str | None = None,
    gesture_cents: int = 0,
    charge_cents: int = 0,
    granted_by: str = AUTO,
    approved_by: str = "",
) -> tuple[tuple[OutboundEvent, ...], int]:
    """The events a resolution publishes and its value to the claimant, in cents.

    Order matters to the marketplace: money first, then penalties and notices, and the release
    last because it ends any hold with the payout that remains.
    """
    booking = ctx.booking
    refund = _refund(booking, resolution)
    payloads: list[Payload] = [] if refund is None else [refund]
    if charge_cents:
        payloads.append(Charge(payer_id=booking.passenger_id, payee_id=booking.driver_id,
                               amount_cents=charge_cents, reason=ctx.problem))
    payloads += [NoPenalty(member_id=booking.member_on(side), side=side, reason=ctx.problem)
                 for side in resolution.no_penalty]
    if mark:
        payloads.append(ReliabilityMark(member_id=ctx.counterpart_id, kind=mark))
    if gesture_cents:
        payloads.append(GoodwillCredit(member_id=ctx.claimant_id, amount_cents=gesture_cents,
                                       reason=ctx.problem, granted_by=granted_by,
                                       approved_by=approved_by))
    if resolution.cancellation_notice:
        payloads.append(CancellationNotice(member_id=booking.passenger_id, cancelled_by="driver",
                                           alternatives=booking.alternatives))
    payout = booking.contribution_cents - (refund.contribution_cents if refund else 0)
    if ctx.hold or resolution.moves_booking_money:
        payloads.append(PaymentRelease(driver_id=booking.driver_id, payout_cents=payout))
    if ctx.claimant_side == "passenger":
        value = refund.amount_cents if refund else 0
    else:
        value = (payout if resolution.moves_booking_money else 0) + charge_cents
    return ctx.wrap(key, payloads), value + gesture_cents


def _refund(booking: Booking, resolution: Resolution) -> Refund | None:
    """The passenger's refund under a resolution: a share of the contribution, and the service
    fee when the resolution gives it back (None: no refund)."""
    if not resolution.refund_percent:
        return None
    contribution = percent_of(booking.contribution_cents, resolution.refund_percent)
    fee = booking.service_fee_cents if resolution.include_fee else 0
    return Refund(
        member_id=booking.passenger_id,
        amount_cents=contribution + fee,
        contribution_cents=contribution,
        fee_cents=fee,
        resolution=resolution.id,
    )


@dataclass(frozen=True)
class Planner:
    """Computes, at filing, the decision of every branch a claim can take."""

    resolutions: Mapping[str, Resolution]
    abuse: AbusePolicy
    gestures: GesturePolicy

    def plan(
        self,
        ctx: SettlementContext,
        problem: ProblemType,
        rule: Rule,
        answers: Mapping[str, object],
        *,
        standing: str,
        history: ClaimHistory,
        ledger: Iterable[LedgerEntry],
    ) -> OutcomePlan:
        """The plan: one decision per branch of the leaf, after the anti-abuse rules."""
        past = list(ledger)
        decisions = {
            branch: self._decide(ctx, problem, branch, spec, answers, standing, history, past)
            for branch, spec in rule.outcomes.items()
        }
        return OutcomePlan(asks_counterpart=rule.counterpart, decisions=decisions)

    def _decide(self, ctx: SettlementContext, problem: ProblemType, branch: str,
                spec: OutcomeSpec, answers: Mapping[str, object], standing: str,
                history: ClaimHistory, past: list[LedgerEntry]) -> Decision:
        if not problem.automated:
            return _to_agent(branch, "never_automated")
        if spec.to_agent:
            return _to_agent(branch, spec.agent_reason or "review")
        resolution = self.resolutions[spec.resolution or ""]
        gesture = charge = 0
        if resolution.gesture == "auto":
            gesture, why = self.gestures.auto_gesture(past, now=parse_iso(ctx.decided_at))
            if not gesture:
                return _to_agent(branch, why)
        if spec.charge is not None:
            asked = answers.get(spec.charge.question)
            charge = round(float(asked) * 100) if isinstance(asked, int | float) else 0
            if charge > spec.charge.cap_eur * 100:
                return _to_agent(branch, "above_charge_cap")
        events, value = settlement(ctx, resolution, key=branch, mark=spec.mark,
                                   gesture_cents=gesture, charge_cents=charge)
        decision = Decision(route=ROUTE_SETTLE, branch=branch, basis=BASIS[branch],
                            resolution=resolution.id, reason=branch, value_cents=value,
                            gesture_cents=gesture, charge_cents=charge, mark=spec.mark or "",
                            events=events)
        objection = self.abuse.objection(decision, standing=standing, history=history)
        return _to_agent(branch, objection) if objection else decision


def _to_agent(branch: str, reason: str) -> Decision:
    return Decision(route=ROUTE_AGENT, branch=branch, basis=AGENT_BASIS[branch], reason=reason)
