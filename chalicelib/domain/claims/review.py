"""What an agent or supervisor needs on one screen to decide a claim: the claim as staff see
it, the counterpart's answer (or silence), the gestures already granted, the viewer's
delegation, and whether this viewer may decide or approve it now (and if not, why)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.domain.claims.gestures import DelegationPolicy, LedgerEntry, Totals, effective
from chalicelib.domain.claims.model import AWAITING_APPROVAL, ESCALATED, Claim
from chalicelib.domain.clock import wire_time
from chalicelib.domain.identity import AGENT, SUPERVISOR, Principal

# The timeline events that say how the counterpart answered, and the answer each stands for.
COUNTERPART_EVENTS = {
    "counterpart_confirmed": "confirmed",
    "counterpart_disputed": "disputed",
    "counterpart_silent": "silent",
}
# How far back the claimant's earlier gestures are summed (the automatic gestures' window).
RECENT_GESTURE_DAYS = 90


@dataclass(frozen=True)
class CounterpartAnswer:
    """The other party's answer: confirmed, disputed, silent, waiting, or not_asked."""

    answer: str
    at: str = ""
    via: str = ""
    comment: str = ""

    def to_json(self) -> dict[str, Any]:
        """Wire form (`at`, `via`, `comment` are null when unknown)."""
        return {"answer": self.answer, "at": self.at or None, "via": self.via or None,
                "comment": self.comment or None}


def counterpart_answer(claim: Claim) -> CounterpartAnswer:
    """The counterpart's answer as the timeline recorded it (the last one wins)."""
    for entry in reversed(claim.timeline):
        answer = COUNTERPART_EVENTS.get(entry.event)
        if answer:
            return CounterpartAnswer(answer, entry.at, entry.details.get("via", ""),
                                     entry.details.get("comment", ""))
    if not claim.plan.asks_counterpart:
        return CounterpartAnswer("not_asked")
    return CounterpartAnswer("waiting")


# Why a viewer may not act on a claim now (`blocked`); AgentDesk raises the matching errors.
FORBIDDEN = "forbidden"
CONFLICT_OF_INTEREST = "conflict_of_interest"
NOT_WAITING = "not_waiting"
FOUR_EYES = "four_eyes"


def decide_blocked(claim: Claim, viewer: Principal) -> str:
    """Why this viewer may not decide the claim now ("" when they may): AgentDesk.decide's
    checks, in its order."""
    if not viewer.has_any((AGENT, SUPERVISOR)):
        return FORBIDDEN
    if claim.is_party(viewer.member_id):
        return CONFLICT_OF_INTEREST
    pending = claim.pending
    if claim.status != ESCALATED or pending is None or pending.kind != "agent":
        return NOT_WAITING
    return ""


def approve_blocked(claim: Claim, viewer: Principal) -> str:
    """Why this viewer may not approve the claim's proposal now ("" when they may):
    AgentDesk.approve's checks, in its order."""
    if not viewer.has(SUPERVISOR):
        return FORBIDDEN
    if claim.is_party(viewer.member_id):
        return CONFLICT_OF_INTEREST
    pending = claim.pending
    if (claim.status != AWAITING_APPROVAL or pending is None or pending.kind != "approval"
            or pending.proposal is None):
        return NOT_WAITING
    return FOUR_EYES if viewer.member_id == pending.proposal.proposed_by else ""


def blocked_reason(claim: Claim, viewer: Principal) -> str:
    """Why this viewer may not take the action the claim waits for (an approval when it awaits
    one, a decision otherwise): the very checks of the API, so the screen never offers an
    action the API would refuse."""
    if claim.status == AWAITING_APPROVAL:
        return approve_blocked(claim, viewer)
    return decide_blocked(claim, viewer)


def _gesture_json(entry: LedgerEntry) -> dict[str, Any]:
    # The ledger's member is the claimant, already on the claim: not repeated here.
    return {"at": wire_time(entry.at), "amount_cents": entry.amount_cents,
            "resolution": entry.resolution, "granted_by": entry.granted_by,
            "tier": entry.tier, "approved_by": entry.approved_by or None}


@dataclass(frozen=True)
class ClaimReview:
    """A claim with what its deciders need (GET /claims/{id}/review)."""

    claim: Claim
    viewer: Principal
    delegation: DelegationPolicy
    gestures: tuple[LedgerEntry, ...]
    recent_since: datetime

    def to_json(self) -> dict[str, Any]:
        """The staff view of the claim plus `counterpart_answer`, `gestures`, `delegation`,
        `due_at`, `can_decide`, `can_approve` and `blocked` (why not, or null)."""
        claim = self.claim
        standing = effective(self.gestures)
        recent = Totals()
        for entry in (e for e in standing if e.at >= self.recent_since):
            recent = recent.add(entry.amount_cents)
        blocked = blocked_reason(claim, self.viewer)
        pending = claim.pending
        return {
            **claim.to_json(staff=True),
            "counterpart_answer": counterpart_answer(claim).to_json(),
            "gestures": {
                "this_claim": [_gesture_json(e) for e in standing if e.claim_id == claim.claim_id],
                "member_recent": {**recent.to_json(), "days": RECENT_GESTURE_DAYS},
            },
            "delegation": {"ceiling_cents": self.delegation.ceiling_for(self.viewer),
                           "maximum_cents": self.delegation.maximum_cents},
            "due_at": wire_time(pending.expires_at) if pending else None,
            "can_decide": not blocked and pending is not None and pending.kind == "agent",
            "can_approve": not blocked and pending is not None and pending.kind == "approval",
            "blocked": blocked or None,
        }

