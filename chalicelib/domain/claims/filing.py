"""Filing a claim: the catalogue served, filing with idempotency, the lock and anti-abuse (the
plan computed up front, the workflow started), and reading a claim."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain.claims.catalogue import ProblemType
from chalicelib.domain.claims.gestures import GesturePolicy, LedgerEntry
from chalicelib.domain.claims.model import (
    AUTO,
    AWAITING_COUNTERPART,
    ESCALATED,
    FILED,
    ROUTE_SETTLE,
    Booking,
    Claim,
    Decision,
    OutcomePlan,
)
from chalicelib.domain.claims.outcomes import Planner, SettlementContext
from chalicelib.domain.claims.policy import AbusePolicy, ClaimHistory
from chalicelib.domain.claims.ports import (
    BookingDirectory,
    FilingsChanged,
    GestureLedger,
    MemberProfiles,
    Moderator,
    Workflow,
)
from chalicelib.domain.claims.shared import ClaimsShared, ClaimView
from chalicelib.domain.claims.workflow import execution_input
from chalicelib.domain.clock import wire_time
from chalicelib.domain.errors import (
    BadInput,
    Conflict,
    Forbidden,
    NotFound,
    RuleRefused,
    Unavailable,
)
from chalicelib.domain.identity import MEMBER, Principal

# Filings of one member racing each other: each loser reads again and re-plans.
FILING_ATTEMPTS = 4


class ClaimFiling:
    """A member files a claim; the parties and staff read it."""

    def __init__(
        self,
        shared: ClaimsShared,
        *,
        bookings: BookingDirectory,
        members: MemberProfiles,
        ledger: GestureLedger,
        workflow: Workflow,
        abuse: AbusePolicy,
        gestures: GesturePolicy,
        moderator: Moderator | None,
    ) -> None:
        self._shared = shared
        self._bookings = bookings
        self._members = members
        self._ledger = ledger
        self._workflow = workflow
        self.abuse = abuse
        self.gestures = gestures
        self._moderator = moderator
        self._planner = Planner(shared.catalogue.resolutions, abuse, gestures)

    def catalog(self, lang: str) -> dict[str, Any]:
        """The catalogue served by GET /claims/catalog?lang=."""
        return self._shared.catalogue.to_json(lang)

    def view(self, claim_id: str, viewer: Principal) -> ClaimView:
        """A claim for one of its parties or for staff; anybody else is refused."""
        return self._shared.view_for(self._shared.get(claim_id), viewer)

    def file(
        self,
        principal: Principal,
        *,
        booking_id: str,
        problem: str,
        answers: Any,
        idempotency_key: str | None = None,
        hold_payment: bool = False,
    ) -> Claim:
        """File a claim, compute its plan up front and start its workflow (idempotent by key)."""
        principal.require(MEMBER)
        ptype, booking, side = self._check_request(principal, booking_id, problem, hold_payment)
        profile = self._members.profile(principal.member_id)
        clean = self._moderate_answers(ptype, ptype.validate_answers(answers), profile.lang)
        request_hash = _request_hash(booking_id, problem, clean, hold_payment)
        claim_id = _claim_id(principal.member_id, idempotency_key)
        repository = self._shared.repository
        if idempotency_key:
            earlier = repository.get(claim_id)
            if earlier is not None:
                return self._replay(earlier, request_hash, ptype, booking)
        now = self._shared.now()
        _check_window(ptype, booking, now)
        if hold_payment and ptype.payment_hold == "never":
            raise RuleRefused("this problem does not hold the payment", code="hold_not_available")
        hold = hold_payment or ptype.payment_hold == "always"
        ctx = SettlementContext(claim_id, problem, booking, side, wire_time(now), hold)
        # The caps count the member's claims read consistently, and the claim is stored only if
        # none was filed meanwhile: parallel filings are serialised per member, never over caps.
        for _ in range(FILING_ATTEMPTS):
            filings = repository.filings(principal.member_id,
                                         now - timedelta(days=self.abuse.window_days))
            claim = self._planned(ctx, ptype, clean, filings.claims, profile.standing,
                                  lang=profile.lang, request_hash=request_hash, now=now)
            try:
                added = repository.add(claim, filings)
                break
            except FilingsChanged:
                continue
        else:
            raise Unavailable("too many claims filed at once; retry", code="filing_contended")
        if not added:
            return self._replay(self._shared.get(claim_id), request_hash, ptype, booking)
        self._record_direct_gesture(claim)
        self._workflow.start(claim_id, execution_input(claim, ptype, booking, self._shared.timings))
        return claim

    def _check_request(self, principal: Principal, booking_id: str, problem: str,
                       hold_payment: bool) -> tuple[ProblemType, Booking, str]:
        """The problem, the booking and the claimant's side; refuses a malformed request, an
        unknown booking or problem, and a member who is not the party that reports it."""
        if not isinstance(booking_id, str) or not booking_id:
            raise BadInput("booking_id is required", code="missing_booking")
        catalogue = self._shared.catalogue
        ptype = catalogue.problem(problem) if isinstance(problem, str) else None
        if ptype is None:
            raise BadInput("problem is required", code="unknown_problem")
        booking = self._bookings.get(booking_id)
        if booking is None:
            raise NotFound("unknown booking", code="unknown_booking")
        side = booking.side_of(principal.member_id)
        if side is None:
            raise Forbidden("only a party of the booking may file a claim", code="not_a_party")
        if side != ptype.side:
            raise RuleRefused(f"this problem is reported by the {ptype.side}", code="wrong_side")
        if not isinstance(hold_payment, bool):
            raise BadInput("hold_payment must be true or false", code="bad_hold_payment")
        return ptype, booking, side

    def _planned(self, ctx: SettlementContext, ptype: ProblemType, answers: dict[str, Any],
                 recent: list[Claim], standing: str, *, lang: str, request_hash: str,
                 now: datetime) -> Claim:
        """The new claim with its plan, given the member's recent claims (refused over caps)."""
        history = ClaimHistory.from_claims(recent, now=now, window_days=self.abuse.window_days)
        self.abuse.check_filing(history)
        plan = self._planner.plan(
            ctx, ptype, ptype.rule_for(answers), answers, standing=standing, history=history,
            ledger=self._ledger.for_member(ctx.claimant_id,
                                           now - timedelta(days=self.gestures.window_days)),
        )
        return self._new_claim(ctx, ptype, plan, booking_id=ctx.booking.booking_id,
                               answers=answers, lang=lang, request_hash=request_hash, now=now)

    def _new_claim(self, ctx: SettlementContext, ptype: ProblemType, plan: OutcomePlan, *,
                   booking_id: str, answers: dict[str, Any], lang: str, request_hash: str,
                   now: datetime) -> Claim:
        """The claim as filed: the status its workflow is about to set and, when the plan asks
        the counterpart first, until when they may answer."""
        timings = self._shared.timings
        expires = (now + timedelta(seconds=timings.counterpart_for(ptype))
                   if plan.asks_counterpart else None)
        return Claim(
            claim_id=ctx.claim_id, booking_id=booking_id, problem=ctx.problem,
            claimant_id=ctx.claimant_id, counterpart_id=ctx.counterpart_id,
            claimant_side=ctx.claimant_side, answers=answers,
            status=_initial_status(plan.asks_counterpart, plan.decisions),
            filed_at=now, plan=plan, lang=lang, hold_requested=ctx.hold,
            counterpart_expires_at=expires,
            timeline=(self._shared.entry("filed", {"by": "claimant"}, at=now),),
            request_hash=request_hash,
        )

    def _record_direct_gesture(self, claim: Claim) -> None:
        """Put a direct settlement's goodwill gesture in the ledger at filing."""
        direct = claim.plan.decisions.get("direct")
        if direct is not None and direct.route == ROUTE_SETTLE and direct.gesture_cents:
            # Recorded now: a direct leaf settles as soon as the workflow runs, whatever happens.
            self._ledger.append(LedgerEntry(
                entry_id=f"{claim.claim_id}.direct", at=claim.filed_at, claim_id=claim.claim_id,
                member_id=claim.claimant_id, amount_cents=direct.gesture_cents,
                reason=claim.problem, resolution=direct.resolution, granted_by=AUTO,
            ))

    def _moderate_answers(self, ptype: ProblemType, answers: dict[str, Any],
                          lang: str) -> dict[str, Any]:
        # Free-text answers are user content: stored only as the moderation filters leave them.
        if self._moderator is None:
            return answers
        out = dict(answers)
        for q in ptype.questions:
            if q.type == "text" and q.id in out:
                cleaned = self._moderator.clean(str(out[q.id]), lang)
                if not cleaned:
                    raise BadInput("this answer cannot be accepted; please rephrase it",
                                   code="answer_blocked", question=q.id)
                out[q.id] = cleaned
        return out

    def _replay(self, claim: Claim, request_hash: str, ptype: ProblemType,
                booking: Booking) -> Claim:
        if claim.request_hash != request_hash:
            raise Conflict("this Idempotency-Key was used for another request",
                           code="idempotency_key_reused")
        # Starting again is a no-op when the first attempt got that far, and repairs it if not.
        self._workflow.start(claim.claim_id,
                             execution_input(claim, ptype, booking, self._shared.timings))
        return claim


def _check_window(ptype: ProblemType, booking: Booking, now: datetime) -> None:
    hours = (now - booking.departure_at).total_seconds() / 3600
    if not ptype.report_from_hours <= hours <= ptype.report_until_hours:
        raise RuleRefused("this problem cannot be reported at this time for this booking",
                          code="outside_reporting_window")
    if ptype.requires_booking_status and booking.status != ptype.requires_booking_status:
        raise RuleRefused("the booking's status does not match this problem",
                          code="booking_status_mismatch")


def _claim_id(member_id: str, idempotency_key: str | None) -> str:
    # With a key the id is derived from it, so a retried request finds the same claim and the
    # same execution name (Step Functions start is idempotent for a name and input).
    if idempotency_key:
        digest = hashlib.sha256(f"{member_id}\n{idempotency_key}".encode()).hexdigest()
        return f"cl-{digest[:24]}"
    return f"cl-{secrets.token_hex(12)}"


def _request_hash(booking_id: str, problem: str, answers: Mapping[str, Any], hold: bool) -> str:
    body = json.dumps([booking_id, problem, answers, hold], sort_keys=True, default=str)
    return hashlib.sha256(body.encode()).hexdigest()


def _initial_status(asks_counterpart: bool, decisions: Mapping[str, Decision]) -> str:
    # The status the workflow is about to set, so the filing reply is already meaningful.
    if asks_counterpart:
        return AWAITING_COUNTERPART
    return ESCALATED if decisions["direct"].route != ROUTE_SETTLE else FILED
