"""A chat wired to in-memory fakes of its ports, and the people who use it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from chalicelib.domain.chat.events import ChatEvent
from chalicelib.domain.chat.model import Conversation, Outcome
from chalicelib.domain.chat.ports import TextVerdict
from chalicelib.domain.chat.routing import WavePolicy
from chalicelib.domain.chat.service import ChatLimits, ChatService
from chalicelib.domain.clock import FixedClock
from chalicelib.domain.identity import Principal
from chalicelib.domain.moderation.flood import FloodPolicy
from tests.support.fakes import (
    InMemoryAuditLog,
    InMemoryChatStore,
    InMemoryCounterparties,
    InMemoryMemberDirectory,
    InMemoryPresenceStore,
    InMemoryProQueue,
    RecordingWaveScheduler,
)

ALICE = Principal("m-alice", frozenset({"member"}))
BOB = Principal("m-bob", frozenset({"member"}))
AGENT = Principal("a-1", frozenset({"agent"}), "L1")
SUPERVISOR = Principal("s-1", frozenset({"agent", "supervisor"}))


def helper(member_id: str) -> Principal:
    """A Helper (who is a member too)."""
    return Principal(member_id, frozenset({"member", "helper"}))


def helper_record(member_id: str, name: str, languages: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "member_id": member_id,
        "display_name": name,
        "lang": languages[0],
        "roles": ["member", "helper"],
        "profile": {
            "helper": {"topics": ["booking", "payment", "trip"], "languages": languages, **extra}
        },
    }


MEMBERS = [
    {"member_id": "m-alice", "display_name": "Alice", "lang": "fr"},
    {"member_id": "m-bob", "display_name": "Bob", "lang": "fr"},
    helper_record("h-1", "Hélène", ["fr"]),
    helper_record("h-2", "Hugo", ["fr", "en"]),
    helper_record("h-3", "Hanna", ["fr"]),
    helper_record("h-4", "Henri", ["fr"]),
    helper_record("h-5", "Hugh", ["en"]),
    helper_record("h-9", "Hortense", ["fr"], transcript_access=True),
]


class ScriptedModerator:
    """Blocks texts containing "[block]", sends "[review]" ones to review; allows the rest."""

    def check(self, text: str, lang: str | None = None) -> TextVerdict:
        if "[block]" in text:
            return TextVerdict("block", None, [{"category": "insult", "rule": "x", "match": text}])
        if "[review]" in text:
            return TextVerdict("review", text, [{"category": "off_platform", "rule": "y"}])
        return TextVerdict("allow", text, [])


@dataclass
class ChatWorld:
    """The chat under test, its fakes, and what its listeners were told."""

    chat: ChatService
    store: InMemoryChatStore
    presence: InMemoryPresenceStore
    queue: InMemoryProQueue
    audit: InMemoryAuditLog
    waves: RecordingWaveScheduler
    clock: FixedClock
    counterparties: InMemoryCounterparties
    told: list[tuple[ChatEvent, str]] = field(default_factory=list)

    def listen(self, event: ChatEvent, conversation: Conversation) -> None:
        self.told.append((event, conversation.conversation_id))

    def available(self, member_id: str, capacity: int | None = None) -> Outcome:
        return self.chat.requests.set_presence(
            helper(member_id), "available", None, None, capacity
        )

    def open(
        self, who: Principal = ALICE, topic: str = "booking", text: str = "Bonjour, aide svp"
    ) -> Outcome:
        return self.chat.requests.open_request(who, topic, "fr", text, True)

    def assigned(self, helper_id: str = "h-1", who: Principal = ALICE) -> str:
        """A conversation of `who` accepted by `helper_id`."""
        self.available(helper_id)
        conversation_id = self.open(who).result["conversation_id"]
        self.chat.requests.accept(helper(helper_id), conversation_id)
        return str(conversation_id)

    def send(self, who: Principal, conversation_id: str, text: str, client_msg_id: str) -> Any:
        return self.chat.messages.send(who, "conn-1", conversation_id, client_msg_id, text)


def pushed(outcome: Outcome, event_type: str, to: str | None = None) -> list[dict[str, Any]]:
    """The payloads of one type an outcome pushes (to one member, if given)."""
    return [
        e.payload
        for e in outcome.events
        if e.payload["type"] == event_type and (to is None or to in e.recipients)
    ]


def offered_to(outcome: Outcome, conversation_id: str) -> set[str]:
    """Who an outcome offers the conversation to."""
    return {
        r
        for e in outcome.events
        if e.payload["type"] == "help.offer" and e.payload["conversation_id"] == conversation_id
        for r in e.recipients
    }


def build(
    policy: WavePolicy | None = None,
    limits: ChatLimits | None = None,
    flood: FloodPolicy | None = None,
) -> ChatWorld:
    presence = InMemoryPresenceStore()
    store = InMemoryChatStore(presence)
    queue, audit, waves = InMemoryProQueue(), InMemoryAuditLog(), RecordingWaveScheduler()
    clock = FixedClock()
    counterparties = InMemoryCounterparties()
    chat = ChatService(
        store=store,
        presence=presence,
        queue=queue,
        audit=audit,
        waves=waves,
        members=InMemoryMemberDirectory(MEMBERS),
        clock=clock,
        counterparties=counterparties,
        moderator=ScriptedModerator(),
        policy=policy or WavePolicy(),
        limits=limits or ChatLimits(),
        flood=flood or FloodPolicy(),
    )
    world = ChatWorld(chat, store, presence, queue, audit, waves, clock, counterparties)
    chat.listeners.append(world.listen)
    return world


@pytest.fixture
def world() -> ChatWorld:
    return build()
