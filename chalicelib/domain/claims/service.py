"""ClaimsService: filing, the workflow's queue messages, answers, agent decisions, approvals."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain.claims.catalogue import MARKS, Catalogue, ProblemType, load_catalogue
from chalicelib.domain.claims.gestures import (
    AuditReport,
    DelegationPolicy,
    GesturePolicy,
    LedgerEntry,
    audit_report,
)
from chalicelib.domain.claims.model import (
    APPROVAL,
    AUTO,
    AWAITING_APPROVAL,
    AWAITING_COUNTERPART,
    ESCALATED,
    FILED,
    SETTLE,
    Booking,
    Claim,
    Decision,
    PendingTask,
    ResponseCode,
    TimelineEntry,
    iso,
    parse_iso,
)
from chalicelib.domain.claims.outcomes import Planner, SettlementContext, settlement
from chalicelib.domain.claims.policy import AbusePolicy, ClaimHistory
from chalicelib.domain.claims.ports import (
    AgentQueue,
    BookingDirectory,
    ClaimRepository,
    Clock,
    GestureLedger,
    MemberDirectory,
    Moderator,
    Notifier,
    TaskGone,
    Workflow,
)
from chalicelib.domain.claims.workflow import (
    AGENT_REVIEW,
    APPROVAL_REQUESTED,
    COUNTERPART_REQUESTED,
    NotifyMessage,
    TaskMessage,
    WorkflowTimings,
    counterpart_answer,
    execution_input,
)
from chalicelib.domain.errors import BadInput, Conflict, Forbidden, NotFound, RuleRefused
from chalicelib.domain.identity import ADMIN, AGENT, MEMBER, SUPERVISOR, Principal
from chalicelib.domain.notifications.channel import Notification
from chalicelib.domain.notifications.templates import TEMPLATES, format_date, format_moment

# Crockford's base 32 without look-alikes: easy to read from an SMS, 32^8 possible codes.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
COMMENT_MAX = 500
# Which parties get an SMS for each status template when they are offline.
SMS_AUDIENCE = {"claim_settled": ("claimant", "counterpart"), "claim_escalated": ("claimant",)}


def new_code() -> str:
    """A fresh single-use code for the counterpart's SMS link."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_hash(claim_id: str, code: str) -> str:
    """The stored form of a code: salted with the claim id, never the code itself."""
    return hashlib.sha256(f"{claim_id}:{code.strip().upper()}".encode()).hexdigest()


@dataclass(frozen=True)
class ClaimView:
    """A claim as one viewer may see it."""

    claim: Claim
    staff: bool
    viewer_id: str

    def to_json(self) -> dict[str, Any]:
        """Wire form for this viewer."""
        return self.claim.to_json(staff=self.staff, viewer_id=self.viewer_id)


class ClaimsService:
    """Every claims use case; depends only on the ports in `claims/ports.py`."""

    def __init__(
        self,
        *,
        claims: ClaimRepository,
        bookings: BookingDirectory,
        members: MemberDirectory,
        ledger: GestureLedger,
        workflow: Workflow,
        queue: AgentQueue,
        notifier: Notifier,
        clock: Clock,
        link_base: str,
        catalogue: Catalogue | None = None,
        abuse: AbusePolicy | None = None,
        gestures: GesturePolicy | None = None,
        delegation: DelegationPolicy | None = None,
        timings: WorkflowTimings | None = None,
        moderator: Moderator | None = None,
        codes: Callable[[], str] = new_code,
    ) -> None:
        self._claims = claims
        self._bookings = bookings
        self._members = members
        self._ledger = ledger
        self._workflow = workflow
        self._queue = queue
        self._notifier = notifier
        self._clock = clock
        if not link_base:
            # Fail closed: an SMS whose link opens nothing would let silence decide the claim.
            raise ValueError("claims need the SMS link base: set WEB_URL (or CLAIM_LINK_BASE)")
        self._link_base = link_base.rstrip("/")
        self.catalogue = catalogue or load_catalogue()
        self.abuse = abuse or AbusePolicy()
        self.gestures = gestures or GesturePolicy()
        self.delegation = delegation or DelegationPolicy()
        self.timings = timings or WorkflowTimings()
        self._moderator = moderator
        self._codes = codes
        self._planner = Planner(self.catalogue.resolutions, self.abuse, self.gestures)

    # Catalogue and reading.

    def catalog(self, lang: str) -> dict[str, Any]:
        """The catalogue served by GET /claims/catalog?lang=."""
        return self.catalogue.to_json(lang)

    def view(self, claim_id: str, viewer: Principal) -> ClaimView:
        """A claim for one of its parties or for staff; anybody else is refused."""
        claim = self._get(claim_id)
        if viewer.is_staff:
            return ClaimView(claim, staff=True, viewer_id=viewer.member_id)
        if not claim.is_party(viewer.member_id):
            raise Forbidden("only the parties and agents may read this claim", code="not_a_party")
        return ClaimView(claim, staff=False, viewer_id=viewer.member_id)

    # Filing.

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
        if not isinstance(booking_id, str) or not booking_id:
            raise BadInput("booking_id is required", code="missing_booking")
        ptype = self.catalogue.problem(problem) if isinstance(problem, str) else None
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
        profile = self._members.profile(principal.member_id)
        clean = self._moderate_answers(ptype, ptype.validate_answers(answers), profile.lang)
        request_hash = _request_hash(booking_id, problem, clean, hold_payment)
        claim_id = _claim_id(principal.member_id, idempotency_key)
        if idempotency_key:
            earlier = self._claims.get(claim_id)
            if earlier is not None:
                return self._replay(earlier, request_hash, ptype, booking)
        now = self._clock.now()
        self._check_window(ptype, booking, now)
        if hold_payment and ptype.payment_hold == "never":
            raise RuleRefused("this problem does not hold the payment", code="hold_not_available")
        history = ClaimHistory.from_claims(
            self._claims.recent_by_claimant(principal.member_id,
                                            now - timedelta(days=self.abuse.window_days)),
            now=now, window_days=self.abuse.window_days,
        )
        self.abuse.check_filing(history)
        hold = hold_payment or ptype.payment_hold == "always"
        ctx = SettlementContext(claim_id, problem, booking, side, iso(now), hold)
        plan = self._planner.plan(
            ctx, ptype, ptype.rule_for(clean), clean, standing=profile.standing, history=history,
            ledger=self._ledger.for_member(principal.member_id,
                                           now - timedelta(days=self.gestures.window_days)),
        )
        expires = (now + timedelta(seconds=self.timings.counterpart_for(ptype))
                   if plan.asks_counterpart else None)
        claim = Claim(
            claim_id=claim_id, booking_id=booking_id, problem=problem,
            claimant_id=principal.member_id, counterpart_id=ctx.counterpart_id,
            claimant_side=side, answers=clean, status=_initial_status(plan.asks_counterpart,
                                                                      plan.decisions),
            filed_at=now, plan=plan, lang=profile.lang, hold_requested=hold,
            counterpart_expires_at=expires,
            timeline=(TimelineEntry(iso(now), "filed", {"by": "claimant"}),),
            request_hash=request_hash,
        )
        if not self._claims.add(claim):
            return self._replay(self._get(claim_id), request_hash, ptype, booking)
        direct = plan.decisions.get("direct")
        if direct is not None and direct.route == SETTLE and direct.gesture_cents:
            # Recorded now: a direct leaf settles as soon as the workflow runs, whatever happens.
            self._ledger.append(LedgerEntry(
                entry_id=f"{claim_id}.direct", at=now, claim_id=claim_id,
                member_id=principal.member_id, amount_cents=direct.gesture_cents,
                reason=problem, resolution=direct.resolution, granted_by=AUTO,
            ))
        self._workflow.start(claim_id, execution_input(claim, ptype, booking, self.timings))
        return claim

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
        self._workflow.start(claim.claim_id, execution_input(claim, ptype, booking, self.timings))
        return claim

    @staticmethod
    def _check_window(ptype: ProblemType, booking: Booking, now: datetime) -> None:
        hours = (now - booking.departure_at).total_seconds() / 3600
        if not ptype.report_from_hours <= hours <= ptype.report_until_hours:
            raise RuleRefused("this problem cannot be reported at this time for this booking",
                              code="outside_reporting_window")
        if ptype.requires_booking_status and booking.status != ptype.requires_booking_status:
            raise RuleRefused("the booking's status does not match this problem",
                              code="booking_status_mismatch")

    # Messages from the state machine (the queue consumers call these).

    def handle_task_message(self, body: Any) -> None:
        """Handle one claim-tasks queue message: store the token, then notify or enqueue."""
        msg = TaskMessage.from_json(body)
        claim = self._get(msg.claim_id)
        now = self._clock.now()
        if msg.kind == COUNTERPART_REQUESTED:
            self._ask_counterpart(claim, msg, now)
        elif msg.kind in (AGENT_REVIEW, APPROVAL_REQUESTED):
            self._enqueue_review(claim, msg, now)
        else:
            self._queue.put_claim(claim.claim_id, due_at=now, reason="workflow_failed",
                                  audience="agent", urgent=True)

    def _ask_counterpart(self, claim: Claim, msg: TaskMessage, now: datetime) -> None:
        if claim.pending is not None and claim.pending.token == msg.token:
            return  # SQS delivered the message twice: the counterpart was already asked.
        expires = parse_iso(msg.expires_at) if msg.expires_at else claim.counterpart_expires_at
        self._claims.set_pending(claim.claim_id,
                                 PendingTask("counterpart", msg.token, now, expires))
        code = self._codes()
        self._claims.set_response_code(
            claim.claim_id, ResponseCode(code_hash(claim.claim_id, code), expires or now))
        ptype = self.catalogue.problem(claim.problem)
        booking = self._bookings.get(claim.booking_id)
        claimant = self._members.profile(claim.claimant_id)
        lang = self._members.profile(claim.counterpart_id).lang
        name = claimant.display_name
        event = {
            "type": "claim.confirmation_requested",
            "claim_id": claim.claim_id,
            "problem": claim.problem,
            "question": _question(lang, name, ptype.label.get(lang)),
            "expires_at": iso(expires) if expires else None,
        }
        values = {
            "name": name,
            "problem": ptype.short_label.get(lang),
            "date": format_date(booking.departure_at if booking else now, lang),
            "deadline": format_moment(expires or now, lang),
            "link": f"{self._link_base}/{claim.claim_id}?code={code}",
        }
        delivery = self._notifier.notify(Notification(
            member_id=claim.counterpart_id, event=event,
            sms_template="counterpart_request", sms_values=values,
        ))
        self._claims.append_timeline(claim.claim_id, TimelineEntry(
            iso(now), "counterpart_notified", {"channel": delivery.channel}))

    def _enqueue_review(self, claim: Claim, msg: TaskMessage, now: datetime) -> None:
        approval = msg.kind == APPROVAL_REQUESTED
        proposal = Decision.from_json(msg.proposal) if approval else None
        if approval and proposal is None:
            raise BadInput("approval request without a proposal", code="bad_task_message")
        sla = timedelta(seconds=msg.sla_seconds)
        self._claims.set_pending(claim.claim_id, PendingTask(
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
            urgent=msg.reminder or self.catalogue.problem(claim.problem).urgent,
        )

    def handle_notify_message(self, body: Any) -> None:
        """Handle one notify-queue message: tell the parties (in-app or SMS) or alert staff."""
        msg = NotifyMessage.from_json(body)
        claim = self._get(msg.claim_id)
        now = self._clock.now()
        if msg.audience == "staff":
            self._queue.put_claim(claim.claim_id, due_at=now, reason=msg.template,
                                  audience="supervisor", urgent=True)
            return
        ptype = self.catalogue.problem(claim.problem)
        sms_to = SMS_AUDIENCE.get(msg.template, ())
        for role, member_id in (("claimant", claim.claimant_id),
                                ("counterpart", claim.counterpart_id)):
            lang = self._members.profile(member_id).lang
            resolution = self.catalogue.resolutions.get(msg.resolution)
            due = now + timedelta(seconds=self.timings.agent_sla_for(ptype))
            values = {
                "ref": claim.claim_id[-6:].upper(),
                "problem": ptype.short_label.get(lang),
                "resolution": resolution.short_label.get(lang) if resolution else "",
                "due": format_moment(due, lang),
            }
            self._notifier.notify(Notification(
                member_id=member_id,
                event={"type": "claim.updated", "claim_id": claim.claim_id,
                       "status": msg.status},
                sms_template=msg.template if role in sms_to and msg.template in TEMPLATES
                else None,
                sms_values=values,
            ))

    # The counterpart's answer.

    def respond(
        self,
        claim_id: str,
        *,
        confirm: Any,
        comment: Any = None,
        principal: Principal | None = None,
        code: str | None = None,
    ) -> Claim:
        """Record the counterpart's answer, signed in or with the SMS code; never the claimant's."""
        if not isinstance(confirm, bool):
            raise BadInput("confirm must be true or false", code="bad_confirm")
        claim = self._get(claim_id)
        now = self._clock.now()
        via = self._authorise_response(claim, principal, code, now)
        pending = claim.pending
        if claim.status != AWAITING_COUNTERPART or pending is None or (
            pending.kind != "counterpart"
        ):
            answered = any(e.event in ("counterpart_confirmed", "counterpart_disputed")
                           for e in claim.timeline)
            if answered:
                raise Conflict("the claim was already answered", code="already_answered")
            if claim.status == AWAITING_COUNTERPART:
                raise Conflict("the claim is not ready for an answer yet; retry shortly",
                               code="not_ready")
            raise TaskGone("the time to answer this claim is over")
        if claim.counterpart_expires_at is not None and now >= claim.counterpart_expires_at:
            raise TaskGone("the time to answer this claim is over")
        text = self._clean_comment(comment, claim.lang)
        self._workflow.succeed(pending.token,
                               counterpart_answer(confirmed=confirm, via=via, comment=text))
        self._claims.clear_pending(claim_id, pending.token)
        if code is not None:
            self._claims.use_response_code(claim_id, code_hash(claim_id, code), now)
        return self._get(claim_id)

    def question(self, claim_id: str, code: Any) -> dict[str, Any]:
        """What the SMS link page shows before the answer: checks the code, never uses it."""
        if not isinstance(code, str) or not code:
            raise Forbidden("this code is not valid", code="invalid_code")
        claim = self._get(claim_id)
        now = self._clock.now()
        self._authorise_response(claim, None, code, now)
        ptype = self.catalogue.problem(claim.problem)
        lang = self._members.profile(claim.counterpart_id).lang
        name = self._members.profile(claim.claimant_id).display_name
        expires = claim.counterpart_expires_at
        return {
            "claim_id": claim.claim_id,
            "problem": claim.problem,
            "label": ptype.label.get(lang),
            "question": _question(lang, name, ptype.label.get(lang)),
            "lang": lang,
            "status": claim.status,
            "expires_at": iso(expires) if expires else None,
        }

    def _authorise_response(self, claim: Claim, principal: Principal | None, code: str | None,
                            now: datetime) -> str:
        if principal is not None and principal.member_id == claim.claimant_id:
            raise Forbidden("the claimant cannot answer for the other party",
                            code="claimant_cannot_respond")
        if code is not None:
            stored = claim.response_code
            if (stored is None or stored.used or now >= stored.expires_at
                    or not secrets.compare_digest(stored.code_hash,
                                                  code_hash(claim.claim_id, str(code)))):
                raise Forbidden("this code is not valid", code="invalid_code")
            return "code"
        if principal is None:
            raise Forbidden("sign in or use the link from the SMS", code="invalid_code")
        if principal.member_id != claim.counterpart_id:
            raise Forbidden("only the other party may answer", code="not_the_counterpart")
        return "app"

    def _clean_comment(self, comment: Any, lang: str) -> str:
        if comment is None:
            return ""
        if not isinstance(comment, str):
            raise BadInput("comment must be a text", code="bad_comment")
        text = comment.strip()[:COMMENT_MAX]
        if text and self._moderator is not None:
            text = self._moderator.clean(text, lang) or ""
        return text

    # Agents and supervisors.

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
        claim = self._get(claim_id)
        pending = claim.pending
        if claim.status != ESCALATED or pending is None or pending.kind != "agent":
            raise Conflict("this claim is not waiting for an agent's decision",
                           code="not_awaiting_decision")
        resolution, gesture, charge, mark = self._check_decision(outcome, gesture_cents,
                                                                 charge_cents, mark)
        ctx = self._context(claim)
        ceiling = self.delegation.ceiling_for(principal)
        if gesture > ceiling:
            if not request_approval:
                raise Forbidden("this gesture is above your delegation ceiling",
                                code="above_delegation", ceiling_cents=ceiling)
            _, value = settlement(ctx, self.catalogue.resolution(resolution), key="approval",
                                  mark=mark, gesture_cents=gesture, charge_cents=charge,
                                  granted_by=principal.member_id)
            decision = Decision(
                route=APPROVAL, branch="agent", basis="agent", resolution=resolution,
                reason="above_delegation", decided_by=principal.member_id, value_cents=value,
                gesture_cents=gesture, charge_cents=charge, mark=mark or "",
                proposed_by=principal.member_id,
            )
            return self._resume(claim, pending, decision, None)
        events, value = settlement(ctx, self.catalogue.resolution(resolution), key="agent",
                                   mark=mark, gesture_cents=gesture, charge_cents=charge,
                                   granted_by=principal.member_id)
        decision = Decision(
            route=SETTLE, branch="agent", basis="agent", resolution=resolution, reason="agent",
            decided_by=principal.member_id, value_cents=value, gesture_cents=gesture,
            charge_cents=charge, mark=mark or "", events=events,
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
        claim = self._get(claim_id)
        pending = claim.pending
        if (claim.status != AWAITING_APPROVAL or pending is None or pending.kind != "approval"
                or pending.proposal is None):
            raise Conflict("this claim is not waiting for an approval",
                           code="not_awaiting_approval")
        proposal = pending.proposal
        if principal.member_id == proposal.proposed_by:
            raise Forbidden("a proposal needs a second person's approval", code="four_eyes")
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
            self._context(claim), self.catalogue.resolution(resolution), key="approval",
            mark=mark, gesture_cents=gesture, charge_cents=charge, granted_by=granted_by,
            approved_by=principal.member_id,
        )
        decision = Decision(
            route=SETTLE, branch="approval", basis="supervisor", resolution=resolution,
            reason="approved" if approve else "replaced", decided_by=principal.member_id,
            value_cents=value, gesture_cents=gesture, charge_cents=charge, mark=mark or "",
            events=events, proposed_by=proposal.proposed_by, approved_by=principal.member_id,
        )
        entry = self._gesture_entry(claim, decision, pending, principal,
                                    approved_by=principal.member_id, granted_by=granted_by)
        return self._resume(claim, pending, decision, entry)

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
        resolution = self.catalogue.resolution(outcome)
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
        # One id per waiting task: a retry writes nothing new, a later task gets its own entry.
        suffix = hashlib.sha256(pending.token.encode()).hexdigest()[:12]
        return LedgerEntry(
            entry_id=f"{claim.claim_id}.{decision.branch}.{suffix}", at=self._clock.now(),
            claim_id=claim.claim_id, member_id=claim.claimant_id,
            amount_cents=decision.gesture_cents, reason=claim.problem,
            resolution=decision.resolution, granted_by=granted_by or principal.member_id,
            tier=principal.tier or (SUPERVISOR if principal.has(SUPERVISOR) else ""),
            approved_by=approved_by,
        )

    def _resume(self, claim: Claim, pending: PendingTask, decision: Decision,
                entry: LedgerEntry | None) -> Claim:
        # The ledger is written before the money moves; if the workflow has moved on, a
        # correction cancels the entry so the audit never counts a gesture that did not happen.
        if entry is not None:
            self._ledger.append(entry)
        try:
            self._workflow.succeed(pending.token, decision.to_json())
        except TaskGone:
            if entry is not None:
                self._ledger.append(entry.void(self._clock.now()))
            raise
        self._claims.clear_pending(claim.claim_id, pending.token)
        self._queue.remove_claim(claim.claim_id)
        return self._get(claim.claim_id)

    # Helpers.

    def _get(self, claim_id: str) -> Claim:
        claim = self._claims.get(claim_id) if isinstance(claim_id, str) else None
        if claim is None:
            raise NotFound("unknown claim", code="unknown_claim")
        return claim

    def _context(self, claim: Claim) -> SettlementContext:
        booking = self._bookings.get(claim.booking_id)
        if booking is None:
            raise NotFound("the claim's booking is gone", code="unknown_booking")
        return SettlementContext(claim.claim_id, claim.problem, booking, claim.claimant_side,
                                 iso(self._clock.now()), claim.hold_requested)


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
    return ESCALATED if decisions["direct"].route != SETTLE else FILED


def _question(lang: str, name: str, label: str) -> str:
    who = name or ("Un membre" if lang != "en" else "A member")
    if lang == "en":
        return f"{who} reports: {label}. Do you confirm?"
    return f"{who} signale : {label}. Confirmez-vous ?"

