"""Chat records as the domain sees them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

WAITING = "waiting"
ASSIGNED = "assigned"
ESCALATED = "escalated"
CLOSED = "closed"
OPEN_STATUSES = frozenset({WAITING, ASSIGNED, ESCALATED})

AVAILABLE = "available"
AWAY = "away"
OFFLINE = "offline"
PRESENCE_STATUSES = (AVAILABLE, AWAY, OFFLINE)

TOPICS = ("booking", "payment", "account", "trip", "safety", "other")
LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class Participant:
    """Someone in a conversation, as events show them."""

    id: str
    role: str

    def to_json(self) -> dict[str, str]:
        """Wire form."""
        return {"id": self.id, "role": self.role}


@dataclass
class Conversation:
    """A help conversation and everything the metrics need."""

    conversation_id: str
    member_id: str
    topic: str
    lang: str
    status: str
    opened_at: float
    preview: str = ""
    helper_id: str | None = None
    helper_role: str | None = None
    staff: list[Participant] = field(default_factory=list)
    assigned_at: float | None = None
    first_response_at: float | None = None
    closed_at: float | None = None
    closed_by: str | None = None
    rating: int | None = None
    comment: str | None = None
    escalated: bool = False
    escalated_at: float | None = None
    straight_to_professionals: bool = False
    ticket_id: str | None = None
    due_at: float | None = None
    wave: int = 0
    offered: list[str] = field(default_factory=list)
    # Conflicts of interest: the member's counterparties (other party of a recent booking or
    # of an open claim), found once at help.open and never offered the request.
    counterparties: list[str] = field(default_factory=list)
    last_seq: int = 0
    # Flooding: per sender, the recent messages' [fingerprint, epoch seconds], kept on the
    # conversation item so that repeats are caught with no extra AWS call.
    recent: dict[str, list[list[Any]]] = field(default_factory=dict)
    # When the last message was stored (None: none since it was opened or assigned).
    last_activity_at: float | None = None
    # The seq of the first Member Relations message the member has not seen (None: none).
    member_unread_seq: int | None = None

    @property
    def activity_at(self) -> float:
        """When something last happened in the conversation (a message, the accept, the open)."""
        return max(self.last_activity_at or 0.0, self.assigned_at or 0.0, self.opened_at)

    @property
    def is_open(self) -> bool:
        """Not closed yet."""
        return self.status in OPEN_STATUSES

    @property
    def awaiting_helper(self) -> bool:
        """Still looking for someone to take it."""
        return self.helper_id is None and self.is_open

    def participant_ids(self) -> list[str]:
        """Member, assignee and joined staff."""
        ids = [self.member_id]
        if self.helper_id:
            ids.append(self.helper_id)
        ids.extend(p.id for p in self.staff if p.id not in ids)
        return ids

    def role_of(self, member_id: str) -> str | None:
        """The role a person plays here, or None if not a participant."""
        if member_id == self.member_id:
            return "member"
        if member_id == self.helper_id:
            return self.helper_role or "helper"
        for p in self.staff:
            if p.id == member_id:
                return p.role
        return None

    def summary(self) -> dict[str, Any]:
        """What staff listings show."""
        return {
            "conversation_id": self.conversation_id,
            "member_id": self.member_id,
            "topic": self.topic,
            "lang": self.lang,
            "status": self.status,
            "helper_id": self.helper_id,
            "opened_at": self.opened_at,
            "assigned_at": self.assigned_at,
            "closed_at": self.closed_at,
            "escalated": self.escalated,
            "ticket_id": self.ticket_id,
            "due_at": self.due_at,
            "rating": self.rating,
            "messages": self.last_seq,
            "unread_since_seq": self.member_unread_seq,
        }


@dataclass(frozen=True)
class Message:
    """A stored message: masked text, verdict, sequence number."""

    conversation_id: str
    seq: int
    sender_id: str
    sender_role: str
    text: str | None  # None once staff confirmed a message held for review
    verdict: str
    ts: float
    client_msg_id: str

    def to_json(self) -> dict[str, Any]:
        """The message object of `message.new` and `message.sync`."""
        return {
            "conversation_id": self.conversation_id,
            "seq": self.seq,
            "sender": {"id": self.sender_id, "role": self.sender_role},
            "text": self.text,
            "verdict": self.verdict,
            "ts": self.ts,
            "client_msg_id": self.client_msg_id,
        }


@dataclass
class HelperProfile:
    """A Helper's or agent's routing profile: what is offered to them now."""

    member_id: str
    kind: str = "helper"
    status: str = OFFLINE
    display_name: str = ""
    topics: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    capacity: int = 0
    open_count: int = 0
    heartbeat_at: float = 0.0
    last_assigned_at: float = 0.0

    def fresh(self, now: float, ttl: float) -> bool:
        """Heard from within the heartbeat window."""
        return now - self.heartbeat_at <= ttl

    @property
    def spare(self) -> int:
        """Free slots."""
        return max(0, self.capacity - self.open_count)


@dataclass(frozen=True)
class QueueItem:
    """An item of the professional queue."""

    ticket_id: str
    kind: str
    ref_id: str
    due_at: float
    created_at: float
    reason: str = ""
    lang: str | None = None
    topic: str | None = None
    status: str = "open"

    def to_json(self) -> dict[str, Any]:
        """Wire form."""
        return {
            "ticket_id": self.ticket_id,
            "kind": self.kind,
            "ref_id": self.ref_id,
            "due_at": self.due_at,
            "created_at": self.created_at,
            "reason": self.reason,
            "lang": self.lang,
            "topic": self.topic,
            "status": self.status,
        }


@dataclass(frozen=True)
class Event:
    """A server event for some members' live connections."""

    recipients: tuple[str, ...]
    payload: dict[str, Any]
    skip_connection: str | None = None


@dataclass
class Outcome:
    """What an action answers, and the events to push once the answer is sent."""

    result: dict[str, Any]
    events: list[Event] = field(default_factory=list)

    def push(
        self,
        recipients: list[str] | tuple[str, ...],
        payload: dict[str, Any],
        skip_connection: str | None = None,
    ) -> None:
        """Add an event."""
        if recipients:
            self.events.append(Event(tuple(recipients), payload, skip_connection))
