"""Ports of the erasure: one per context that holds a member's data (adapters in
`adapters/dynamodb/erasure_*.py`, `adapters/stepfunctions/workflow.py`, `policies/erasure.py`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

# How many items of each kind one part erased, e.g. {"messages": 3}.
Counts = Mapping[str, int]


@dataclass(frozen=True)
class ConversationRef:
    """A conversation the member took part in, as the member or as its Helper."""

    conversation_id: str
    role: str  # "member" or "helper"
    open: bool


class ChatData(Protocol):
    """Conversations, messages, their idempotency records, queue items and drafts."""

    def conversations(self, member_id: str) -> list[ConversationRef]:
        """The member's conversations, from the indexes by member and by Helper."""
        ...

    def erase(self, member_id: str, pseudonym: str, conversations: Sequence[ConversationRef],
              partners: Sequence[str]) -> Counts:
        """Their messages to the placeholder (seq kept), the conversations pseudonymised, and
        the member taken out of the conversations of `partners` (conflicts of interest)."""
        ...


class LiveChats(Protocol):
    """Closes an open conversation as the member would, telling the other participants."""

    def close(self, member_id: str, conversation_id: str) -> None: ...


@dataclass(frozen=True)
class ClaimsHeld:
    """What the claims context holds of the member, read once per erasure."""

    open_claims: tuple[str, ...]  # open claims the member filed
    claims: tuple[str, ...]  # claims either side (the member filed or is the counterpart of)
    bookings: tuple[str, ...]  # ids of the bookings the member is a party of
    partners: tuple[str, ...]  # members the member shares a booking or a claim with


class ClaimsData(Protocol):
    """Claims (either side) and bookings."""

    def held(self, member_id: str) -> ClaimsHeld:
        """The member's claims and bookings (each index queried once)."""
        ...

    def withdraw(self, claim_id: str, at: float) -> None:
        """Close an open claim as withdrawn and take it out of the agents' queue."""
        ...

    def erase(self, member_id: str, pseudonym: str, held: ClaimsHeld) -> Counts:
        """Free text of the `held` claims erased, the member's id pseudonymised; bookings
        likewise; their filings item deleted."""
        ...


class ClaimExecutions(Protocol):
    """The claims' workflow executions."""

    def stop(self, claim_id: str) -> None:
        """Stop the claim's execution; nothing if it is over or never started."""
        ...


class PersonalRecords(Protocol):
    """Records of one context that are the member's own (mirror, presence, programme,
    moderation items, counters): deleted."""

    def erase(self, member_id: str, pseudonym: str) -> Counts: ...


class LiveSessions(Protocol):
    """The member's WebSocket connections."""

    def end(self, member_id: str) -> int:
        """Tell each connection, close it; how many there were."""
        ...


class ErasureLog(Protocol):
    """The append-only audit log: one entry per erasure, counts only."""

    def record(self, actor: str, roles: list[str], member_id: str, counts: Counts,
               at: float) -> None: ...
