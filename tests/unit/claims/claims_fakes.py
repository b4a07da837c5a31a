"""In-memory fakes of the claims and notifications ports, and builders for test data."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.domain.claims.events import Alternative
from chalicelib.domain.claims.gestures import LedgerEntry
from chalicelib.domain.claims.model import (
    ESCALATED,
    Booking,
    Claim,
    MemberProfile,
    PendingTask,
    ResponseCode,
    TimelineEntry,
)
from chalicelib.domain.claims.ports import Filings, FilingsChanged, TaskGone
from chalicelib.domain.claims.service import ClaimsService
from chalicelib.domain.claims.workflow import (
    AGENT_REVIEW,
    APPROVAL_REQUESTED,
    COUNTERPART_REQUESTED,
    WorkflowTimings,
)
from chalicelib.domain.clock import FixedClock, wire_time
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import Principal
from chalicelib.domain.notifications.channel import Notification
from chalicelib.domain.notifications.service import Delivery

NOW = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)
HOUR = 3600.0


class InMemoryClaimRepository:
    """Claims in a dict, with the one-open-claim-per-booking-and-problem rule."""

    def __init__(self) -> None:
        self.items: dict[str, Claim] = {}
        self.versions: dict[str, int] = {}

    def get(self, claim_id: str) -> Claim | None:
        return self.items.get(claim_id)

    def add(self, claim: Claim, filings: Filings) -> bool:
        if claim.claim_id in self.items:
            return False
        version = self.versions.get(claim.claimant_id, 0)
        if filings.version != version:
            raise FilingsChanged("another claim was filed meanwhile")
        for other in self.items.values():
            if (other.booking_id, other.problem) == (claim.booking_id, claim.problem) and (
                other.is_open
            ):
                raise Conflict("an open claim exists", code="claim_already_open")
        self.items[claim.claim_id] = claim
        self.versions[claim.claimant_id] = version + 1
        return True

    def filings(self, member_id: str, since: datetime) -> Filings:
        return Filings([c for c in self.items.values()
                        if c.claimant_id == member_id and c.filed_at >= since],
                       self.versions.get(member_id, 0))

    def append_timeline(self, claim_id: str, entry: TimelineEntry) -> None:
        c = self.items[claim_id]
        self.items[claim_id] = replace(c, timeline=(*c.timeline, entry))

    def set_pending(self, claim_id: str, task: PendingTask) -> None:
        self.items[claim_id] = replace(self.items[claim_id], pending=task)

    def clear_pending(self, claim_id: str, token: str) -> bool:
        c = self.items[claim_id]
        if c.pending is None or c.pending.token != token:
            return False
        self.items[claim_id] = replace(c, pending=None)
        return True

    def mark_asked(self, claim_id: str, token: str) -> bool:
        c = self.items[claim_id]
        if c.pending is None or c.pending.token != token:
            return False
        self.items[claim_id] = replace(c, pending=replace(c.pending, asked=True))
        return True

    def take_task(self, claim_id: str, token: str, taker: str, now: datetime,
                  stale_before: datetime) -> bool:
        c = self.items[claim_id]
        p = c.pending
        if p is None or p.token != token:
            return False
        if p.taken_by and p.taken_by != taker and (p.taken_at is None
                                                   or p.taken_at >= stale_before):
            return False
        self.items[claim_id] = replace(c, pending=replace(p, taken_by=taker, taken_at=now))
        return True

    def release_task(self, claim_id: str, token: str, taker: str) -> None:
        c = self.items[claim_id]
        if c.pending is not None and c.pending.token == token and c.pending.taken_by == taker:
            self.items[claim_id] = replace(c, pending=replace(c.pending, taken_by="",
                                                              taken_at=None))

    def set_response_code(self, claim_id: str, code: ResponseCode) -> None:
        self.items[claim_id] = replace(self.items[claim_id], response_code=code)

    def use_response_code(self, claim_id: str, code_hash: str, now: datetime) -> bool:
        c = self.items[claim_id]
        rc = c.response_code
        if rc is None or rc.used or rc.code_hash != code_hash or now >= rc.expires_at:
            return False
        self.items[claim_id] = replace(c, response_code=replace(rc, used=True))
        return True

    # Test helper: what the state machine writes on the item.
    def workflow_sets(self, claim_id: str, **changes: Any) -> None:
        self.items[claim_id] = replace(self.items[claim_id], **changes)


class InMemoryBookingDirectory:
    """Bookings in a dict."""

    def __init__(self, *bookings: Booking) -> None:
        self.items = {b.booking_id: b for b in bookings}

    def get(self, booking_id: str) -> Booking | None:
        return self.items.get(booking_id)


class InMemoryMemberProfiles:
    """Profiles in a dict; unknown members are in good standing."""

    def __init__(self, *profiles: MemberProfile) -> None:
        self.items = {p.member_id: p for p in profiles}

    def profile(self, member_id: str) -> MemberProfile:
        return self.items.get(member_id, MemberProfile(member_id))


class InMemoryGestureLedger:
    """An append-only list."""

    def __init__(self) -> None:
        self.entries: list[LedgerEntry] = []

    def append(self, entry: LedgerEntry) -> bool:
        if any(e.entry_id == entry.entry_id for e in self.entries):
            return False
        self.entries.append(entry)
        return True

    def for_member(self, member_id: str, since: datetime) -> list[LedgerEntry]:
        return [e for e in self.entries if e.member_id == member_id and e.at >= since]

    def between(self, since: datetime, until: datetime) -> list[LedgerEntry]:
        return [e for e in self.entries if since <= e.at < until]


class InMemoryWorkflow:
    """Records starts (idempotent by name and input) and task completions."""

    def __init__(self) -> None:
        self.executions: dict[str, dict[str, Any]] = {}
        self.completed: list[tuple[str, dict[str, Any]]] = []
        self.gone: set[str] = set()

    def start(self, name: str, execution_input: Mapping[str, Any]) -> None:
        payload = copy.deepcopy(dict(execution_input))
        if name in self.executions and self.executions[name] != payload:
            raise Conflict("execution exists with another input", code="execution_exists")
        self.executions[name] = payload

    def succeed(self, token: str, output: Mapping[str, Any]) -> None:
        if token in self.gone or any(t == token for t, _ in self.completed):
            raise TaskGone("the task no longer waits")
        self.completed.append((token, copy.deepcopy(dict(output))))


@dataclass
class QueueItem:
    claim_id: str
    due_at: datetime
    reason: str
    audience: str
    urgent: bool


class InMemoryAgentQueue:
    """Queue items by claim id."""

    def __init__(self) -> None:
        self.items: dict[str, QueueItem] = {}

    def put_claim(self, claim_id: str, *, due_at: datetime, reason: str, audience: str,
                  urgent: bool) -> None:
        self.items[claim_id] = QueueItem(claim_id, due_at, reason, audience, urgent)

    def remove_claim(self, claim_id: str) -> None:
        self.items.pop(claim_id, None)


class RecordingNotifier:
    """Records notifications and answers with a chosen channel."""

    def __init__(self, channel: str = "in_app") -> None:
        self.sent: list[Notification] = []
        self.channel = channel

    def notify(self, note: Notification) -> Delivery:
        self.sent.append(note)
        return Delivery(self.channel, "test")


class BlockingModerator:
    """Blocks texts containing "cash", masks digits."""

    def clean(self, text: str, lang: str) -> str | None:
        if "cash" in text.lower():
            return None
        return "".join("*" if c.isdigit() else c for c in text)


# Builders.

ALICE = Principal("m-alice", frozenset({"member"}))
BOB = Principal("m-bob", frozenset({"member"}))
CHLOE = Principal("m-chloe", frozenset({"member"}))
AGENT_L1 = Principal("a-l1", frozenset({"agent"}), tier="L1")
AGENT_L2 = Principal("a-l2", frozenset({"agent"}), tier="L2")
SUPERVISOR = Principal("s-1", frozenset({"agent", "supervisor"}))
SUPERVISOR_2 = Principal("s-2", frozenset({"agent", "supervisor"}))
ADMIN = Principal("adm-1", frozenset({"admin"}))


def booking(booking_id: str = "bk-1", *, departure: datetime | None = None,
            contribution: int = 2_500, fee: int = 300, status: str = "confirmed",
            driver: str = "m-bob", passenger: str = "m-alice") -> Booking:
    """bk-1 of the demo data: Bob drives Alice, 25 EUR, departed yesterday (by default)."""
    return Booking(
        booking_id=booking_id, driver_id=driver, passenger_id=passenger,
        contribution_cents=contribution, service_fee_cents=fee,
        departure_at=departure or NOW - timedelta(hours=20), status=status,
        alternatives=(Alternative("ride-9", "2025-03-12T15:00:00Z", 2),),
    )


@dataclass
class World:
    """A ClaimsService wired to fakes, with handles on every fake."""

    clock: FixedClock = field(default_factory=lambda: FixedClock(NOW.timestamp()))
    claims: InMemoryClaimRepository = field(default_factory=InMemoryClaimRepository)
    bookings: InMemoryBookingDirectory = field(default_factory=InMemoryBookingDirectory)
    members: InMemoryMemberProfiles = field(default_factory=InMemoryMemberProfiles)
    ledger: InMemoryGestureLedger = field(default_factory=InMemoryGestureLedger)
    workflow: InMemoryWorkflow = field(default_factory=InMemoryWorkflow)
    queue: InMemoryAgentQueue = field(default_factory=InMemoryAgentQueue)
    notifier: RecordingNotifier = field(default_factory=RecordingNotifier)
    codes: list[str] = field(default_factory=lambda: ["ABCD2345", "WXYZ6789", "KMNP2345"])
    service_kwargs: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        codes = iter(self.codes)
        self.service = ClaimsService(
            claims=self.claims, bookings=self.bookings, members=self.members,
            ledger=self.ledger, workflow=self.workflow, queue=self.queue,
            notifier=self.notifier, clock=self.clock, link_base="https://etr.example/c",
            codes=lambda: next(codes),
            timings=self.service_kwargs.pop("timings", WorkflowTimings()),
            **self.service_kwargs,
        )

    def execution(self, claim_id: str) -> dict[str, Any]:
        return self.workflow.executions[claim_id]


def world(*bookings: Booking, **service_kwargs: Any) -> World:
    """A world with these bookings (bk-1 when none) and Alice, Bob, Chloe as members."""
    w = World(service_kwargs=service_kwargs)
    for b in bookings or (booking(),):
        w.bookings.items[b.booking_id] = b
    w.members.items.update({
        "m-alice": MemberProfile("m-alice", lang="fr", display_name="Alice"),
        "m-bob": MemberProfile("m-bob", lang="en", display_name="Bob"),
        "m-chloe": MemberProfile("m-chloe", lang="fr", display_name="Chloé"),
    })
    return w


def task_message(kind: str, claim_id: str, token: str = "tok-1", **extra: Any) -> dict[str, Any]:
    """A claim-tasks queue message as the state machine sends it."""
    return {"kind": kind, "version": 1, "claim_id": claim_id, "task_token": token,
            "problem": "driver_no_show", **extra}


# Scenarios: a claim brought to the step a test starts from, as the workflow would bring it.

NO_SHOW = {"at_meeting_point": True, "contacted_driver": True, "driver_warned": False}


def asked(w: World | None = None, **service_kwargs: Any) -> tuple[World, str]:
    """A no-show claim whose counterpart step has started (the consumer handled the message)."""
    w = w or world(**service_kwargs)
    claim = w.service.filing.file(ALICE, booking_id="bk-1", problem="driver_no_show",
                                  answers=NO_SHOW, hold_payment=True)
    w.service.messages.handle_task_message(task_message(
        COUNTERPART_REQUESTED, claim.claim_id, "tok-cpt",
        expires_at=wire_time(claim.counterpart_expires_at)))
    return w, claim.claim_id


def escalated(w: World | None = None, token: str = "tok-agent") -> tuple[World, str]:
    """A claim waiting for an agent's decision."""
    w, cid = asked(w)
    w.claims.workflow_sets(cid, status=ESCALATED, pending=None)
    w.service.messages.handle_task_message(task_message(AGENT_REVIEW, cid, token,
                                                        reason="disputed", sla_seconds=86_400))
    return w, cid


def awaiting_approval(gesture: int = 12_000, *, w: World | None = None,
                      proposer: Principal = AGENT_L1, **decision: Any) -> tuple[World, str]:
    """A claim whose agent proposed a gesture above their ceiling, waiting for a supervisor."""
    w, cid = escalated(w)
    w.service.agents.decide(cid, proposer, outcome=decision.pop("outcome", "refund_full"),
                            gesture_cents=gesture, request_approval=True, **decision)
    proposal = w.workflow.completed[-1][1]
    w.claims.workflow_sets(cid, status="awaiting_approval")
    w.service.messages.handle_task_message(task_message(APPROVAL_REQUESTED, cid, "tok-approval",
                                                        proposal=proposal, sla_seconds=86_400))
    return w, cid
