"""Claims records: bookings mirror, decisions, the claim with its status and timeline."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from chalicelib.domain.claims.events import Alternative, OutboundEvent
from chalicelib.domain.clock import wire_time
from chalicelib.domain.errors import BadInput

# Statuses the clients see (PROTOCOL); `filed` lasts until the workflow records the claim and
# `needs_attention` means the workflow itself failed and a human must finish the claim.
FILED = "filed"
AWAITING_COUNTERPART = "awaiting_counterpart"
ESCALATED = "escalated"
AWAITING_APPROVAL = "awaiting_approval"
SETTLED = "settled"
CLOSED = "closed"
NEEDS_ATTENTION = "needs_attention"
OPEN_STATUSES = frozenset({FILED, AWAITING_COUNTERPART, ESCALATED, AWAITING_APPROVAL,
                           NEEDS_ATTENTION})

# Member standing, from the members mirror (marketplace reputation and sanctions).
GOOD = "good"
WATCH = "watch"
RESTRICTED = "restricted"
SUSPENDED = "suspended"
STANDINGS = (GOOD, WATCH, RESTRICTED, SUSPENDED)

# Routes of a decision: settle it now, hand it to an agent, or ask a supervisor to approve it.
ROUTE_SETTLE = "settle"
ROUTE_AGENT = "agent"
ROUTE_APPROVAL = "approval"

AUTO = "auto"


# No amount on the wire comes near this; bounding it keeps every amount a finite number of
# cents that DynamoDB (38 digits) and the marketplace's events can carry.
MAX_WIRE_EUR = 1_000_000


def cents_from_eur(value: object, *, field_name: str = "amount") -> int:
    """Whole cents from a euro amount on the wire (e.g. `gesture_eur`); BadInput when invalid:
    not a number, NaN or infinite, negative, above MAX_WIRE_EUR, or finer than a cent."""
    if isinstance(value, bool) or not isinstance(value, int | float) or (
            isinstance(value, float) and not math.isfinite(value)):
        raise BadInput(f"{field_name} must be a number of euros", code=f"bad_{field_name}")
    if not -MAX_WIRE_EUR <= value <= MAX_WIRE_EUR:
        raise BadInput(f"{field_name} must be at most {MAX_WIRE_EUR} euros",
                       code=f"bad_{field_name}")
    cents = round(value * 100)
    if cents < 0 or abs(value * 100 - cents) > 1e-6:
        raise BadInput(f"{field_name} must be positive, to the cent", code=f"bad_{field_name}")
    return cents


@dataclass(frozen=True)
class Booking:
    """A booking as mirrored from the marketplace: parties, money in cents, departure."""

    booking_id: str
    driver_id: str
    passenger_id: str
    contribution_cents: int
    service_fee_cents: int
    departure_at: datetime
    status: str = "confirmed"
    currency: str = "EUR"
    alternatives: tuple[Alternative, ...] = ()

    def side_of(self, member_id: str) -> str | None:
        """`driver`, `passenger` or None when the member is not a party."""
        if member_id == self.driver_id:
            return "driver"
        if member_id == self.passenger_id:
            return "passenger"
        return None

    def member_on(self, side: str) -> str:
        """The member id on one side of the booking."""
        return self.driver_id if side == "driver" else self.passenger_id


@dataclass(frozen=True)
class MemberProfile:
    """What the claims rules need to know about a member."""

    member_id: str
    standing: str = GOOD
    lang: str = "fr"
    display_name: str = ""


@dataclass(frozen=True)
class Decision:
    """What happens on one branch, computed before anything happens (it is the workflow input)."""

    route: str
    branch: str
    basis: str
    resolution: str = ""
    reason: str = ""
    decided_by: str = AUTO
    value_cents: int = 0
    gesture_cents: int = 0
    charge_cents: int = 0
    mark: str = ""
    events: tuple[OutboundEvent, ...] = ()
    proposed_by: str = ""
    approved_by: str = ""

    @property
    def automatic_grant(self) -> bool:
        """A settlement in the claimant's favour that no person agreed to (rule or silence)."""
        return (self.route == ROUTE_SETTLE and self.decided_by == AUTO
                and self.basis in ("rule", "silence") and self.value_cents > 0)

    def to_json(self) -> dict[str, Any]:
        """The form the state machine reads (`route`, `events`, ...) and the claim stores."""
        return {
            "route": self.route,
            "branch": self.branch,
            "basis": self.basis,
            "resolution": self.resolution,
            "reason": self.reason,
            "decided_by": self.decided_by,
            "value_cents": self.value_cents,
            "gesture_cents": self.gesture_cents,
            "charge_cents": self.charge_cents,
            "mark": self.mark,
            "events": [e.to_json() for e in self.events],
            "proposed_by": self.proposed_by,
            "approved_by": self.approved_by,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Decision:
        """Read a decision back from its stored or workflow form."""
        return cls(
            route=str(raw["route"]),
            branch=str(raw["branch"]),
            basis=str(raw["basis"]),
            resolution=str(raw.get("resolution", "")),
            reason=str(raw.get("reason", "")),
            decided_by=str(raw.get("decided_by", AUTO)),
            value_cents=int(raw.get("value_cents", 0)),
            gesture_cents=int(raw.get("gesture_cents", 0)),
            charge_cents=int(raw.get("charge_cents", 0)),
            mark=str(raw.get("mark", "")),
            events=tuple(OutboundEvent.from_json(e) for e in raw.get("events", [])),
            proposed_by=str(raw.get("proposed_by", "")),
            approved_by=str(raw.get("approved_by", "")),
        )


@dataclass(frozen=True)
class OutcomePlan:
    """The decisions for every branch the claim can take, and whether the counterpart is asked."""

    asks_counterpart: bool
    decisions: Mapping[str, Decision]

    def decision(self, branch: str) -> Decision:
        """The decision of one branch (`confirm`, `dispute`, `silence` or `direct`)."""
        return self.decisions[branch]

    @property
    def may_grant_automatically(self) -> bool:
        """Whether some branch would settle in the claimant's favour without a person agreeing."""
        return any(d.automatic_grant for d in self.decisions.values())

    def to_json(self) -> dict[str, Any]:
        """Stored form of the plan."""
        return {
            "asks_counterpart": self.asks_counterpart,
            "decisions": {k: d.to_json() for k, d in self.decisions.items()},
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> OutcomePlan:
        """Read a stored plan."""
        return cls(
            asks_counterpart=bool(raw["asks_counterpart"]),
            decisions={k: Decision.from_json(d) for k, d in raw["decisions"].items()},
        )


@dataclass(frozen=True)
class TimelineEntry:
    """One recorded step of the claim; the workflow and the service both append these."""

    at: str
    event: str
    details: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Wire form: {"at", "event", ...details}."""
        return {**self.details, "at": self.at, "event": self.event}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> TimelineEntry:
        """Read an entry, keeping every extra key as a detail."""
        details = {k: str(v) for k, v in raw.items() if k not in ("at", "event")}
        return cls(at=str(raw.get("at", "")), event=str(raw.get("event", "")), details=details)


@dataclass(frozen=True)
class PendingTask:
    """A workflow step waiting for a person; the token never leaves the server."""

    kind: str
    token: str
    since: datetime
    expires_at: datetime | None = None
    proposal: Decision | None = None
    # The counterpart was told (the in-app push or SMS went out) for this token: a redelivered
    # task message asks again until this is set, and never after.
    asked: bool = False
    # A decision being taken on this task (a request's own id, and since when): one request
    # at a time completes the task; a stale one (a crashed request) may be taken over.
    taken_by: str = ""
    taken_at: datetime | None = None


@dataclass(frozen=True)
class ResponseCode:
    """The short single-use code sent by SMS, stored only as a hash."""

    code_hash: str
    expires_at: datetime
    used: bool = False


@dataclass(frozen=True)
class Claim:
    """A filed claim: who, what, the precomputed plan, and what has happened so far."""

    claim_id: str
    booking_id: str
    problem: str
    claimant_id: str
    counterpart_id: str
    claimant_side: str
    answers: Mapping[str, Any]
    status: str
    filed_at: datetime
    plan: OutcomePlan
    lang: str = "fr"
    hold_requested: bool = False
    counterpart_expires_at: datetime | None = None
    timeline: tuple[TimelineEntry, ...] = ()
    resolution: str = ""
    decided_by: str = ""
    basis: str = ""
    value_cents: int = 0
    pending: PendingTask | None = None
    response_code: ResponseCode | None = None
    request_hash: str = ""

    @property
    def ref(self) -> str:
        """The short reference the SMS give (the end of the claim id)."""
        return self.claim_id[-6:].upper()

    @property
    def is_open(self) -> bool:
        """Whether the claim still waits for something."""
        return self.status in OPEN_STATUSES

    def is_party(self, member_id: str) -> bool:
        """Whether the member is the claimant or the counterpart."""
        return member_id in (self.claimant_id, self.counterpart_id)

    def to_json(self, *, staff: bool = False, viewer_id: str = "") -> dict[str, Any]:
        """The claim as shown to a party or to staff; never the task token or code hash."""
        out: dict[str, Any] = {
            "claim_id": self.claim_id,
            "booking_id": self.booking_id,
            "problem": self.problem,
            "status": self.status,
            "side": self.claimant_side,
            "claimant_id": self.claimant_id,
            "counterpart_id": self.counterpart_id,
            "filed_at": wire_time(self.filed_at),
            "counterpart_expires_at": wire_time(self.counterpart_expires_at),
            "payment_hold_requested": self.hold_requested,
            "resolution": self.resolution or None,
            "timeline": [e.to_json() for e in self.timeline],
        }
        if staff or viewer_id == self.claimant_id:
            out["answers"] = dict(self.answers)
        if staff:
            out["plan"] = {
                "asks_counterpart": self.plan.asks_counterpart,
                "branches": {k: {"route": d.route, "resolution": d.resolution,
                                 "reason": d.reason, "value_cents": d.value_cents}
                             for k, d in self.plan.decisions.items()},
            }
            out["waiting_for"] = self.pending.kind if self.pending else None
            if self.pending and self.pending.proposal:
                out["proposal"] = {k: v for k, v in self.pending.proposal.to_json().items()
                                   if k != "events"}
            out["decided_by"] = self.decided_by or None
        return out
