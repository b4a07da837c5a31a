"""In-memory fakes of the platform and chat ports, for unit tests."""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from chalicelib.domain.chat.model import (
    ASSIGNED,
    AVAILABLE,
    CLOSED,
    ESCALATED,
    WAITING,
    Conversation,
    HelperProfile,
    Message,
    Participant,
    QueueItem,
)
from chalicelib.domain.chat.ports import (
    AlreadyAnswered,
    RateExceeded,
    Replay,
    SequenceConflict,
)
from chalicelib.domain.errors import Conflict, NotFound, RuleRefused
from chalicelib.domain.limits import Count
from chalicelib.domain.members import Member
from chalicelib.domain.moderation.review import ReviewItem
from chalicelib.domain.ports import Connection, Ticket


class InMemoryConnectionRepository:
    """Connections in a dict."""

    def __init__(self) -> None:
        self.items: dict[str, tuple[Connection, int]] = {}

    def put(self, connection: Connection, expires_at: int) -> None:
        self.items[connection.connection_id] = (connection, expires_at)

    def get(self, connection_id: str) -> Connection | None:
        item = self.items.get(connection_id)
        return item[0] if item else None

    def delete(self, connection_id: str) -> None:
        self.items.pop(connection_id, None)

    def for_member(self, member_id: str) -> list[Connection]:
        return [c for c, _ in self.items.values() if c.principal.member_id == member_id]

    def count_for_member(self, member_id: str) -> int:
        return len(self.for_member(member_id))


class InMemoryTicketStore:
    """Tickets in a dict; consume pops."""

    def __init__(self) -> None:
        self.items: dict[str, Ticket] = {}

    def put(self, digest: str, ticket: Ticket) -> None:
        self.items[digest] = ticket

    def consume(self, digest: str) -> Ticket | None:
        return self.items.pop(digest, None)


class RecordingPusher:
    """Records frames per connection; connections listed in `gone` answer Gone."""

    def __init__(self) -> None:
        self.frames: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        self.gone: set[str] = set()
        self.calls = 0

    def push(self, connection_id: str, payload: Mapping[str, Any], endpoint: str = "") -> bool:
        self.calls += 1
        if connection_id in self.gone:
            return False
        self.frames[connection_id].append(dict(payload))
        return True

    def take(self, connection_id: str) -> list[Mapping[str, Any]]:
        """Frames received by a connection since the last take."""
        frames = self.frames.pop(connection_id, [])
        return frames


class InMemoryMemberDirectory:
    """Members in a dict."""

    def __init__(self, members: Iterable[Mapping[str, Any]] = ()) -> None:
        self.items = {m["member_id"]: dict(m) for m in members}

    def get(self, member_id: str) -> Member | None:
        item = self.items.get(member_id)
        return None if item is None else Member.from_mirror(item)

    def many(self, member_ids: Iterable[str]) -> dict[str, Member]:
        return {m: Member.from_mirror(self.items[m]) for m in member_ids if m in self.items}

    def put(self, member_id: str, **fields: Any) -> None:
        self.items[member_id] = {"member_id": member_id, **fields}


# --- the chat's ports ------------------------------------------------------------------------
# They keep the rules of the DynamoDB adapters (chalicelib/adapters/dynamodb/chat_store.py) that
# the chat relies on: conditional writes, one transaction per accept and per message, sparse
# indexes.
# What they hand out is a copy, as a read from a table would be.


def _day(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).strftime("%Y-%m-%d")


class InMemoryPresenceStore:
    """Routing profiles, and per language the pool of available Helpers (member -> last
    assigned time, the pool index's sort key)."""

    def __init__(self) -> None:
        self.profiles: dict[str, HelperProfile] = {}
        self.pools: dict[str, dict[str, float]] = defaultdict(dict)

    def get(self, member_id: str) -> HelperProfile | None:
        profile = self.profiles.get(member_id)
        return copy.deepcopy(profile) if profile else None

    def save(self, profile: HelperProfile, pools: list[str], dropped_pools: list[str]) -> None:
        """Update the profile (never its open count) and the pool items."""
        previous = self.profiles.get(profile.member_id)
        stored = copy.deepcopy(profile)
        stored.open_count = previous.open_count if previous else 0
        if previous is not None:
            stored.last_assigned_at = previous.last_assigned_at
        self.profiles[profile.member_id] = stored
        for lang in pools:
            self.pools[lang].setdefault(profile.member_id, stored.last_assigned_at)
        for lang in dropped_pools:
            self.pools[lang].pop(profile.member_id, None)

    def heartbeat(self, member_id: str, at: float) -> bool:
        profile = self.profiles.get(member_id)
        if profile is None:
            return False
        profile.heartbeat_at = at
        return True

    def pool(self, lang: str, limit: int) -> list[str]:
        """Least recently assigned first."""
        members = self.pools.get(lang, {})
        return sorted(members, key=lambda m: (members[m], m))[:limit]

    def many(self, member_ids: list[str]) -> dict[str, HelperProfile]:
        return {m: copy.deepcopy(self.profiles[m]) for m in member_ids if m in self.profiles}

    def release(self, member_id: str, pool_lang: str | None) -> None:
        """Free one slot (never below zero)."""
        profile = self.profiles.get(member_id)
        if profile is not None and profile.open_count > 0:
            profile.open_count -= 1

    def put(self, profile: HelperProfile, pools: Iterable[str] = ()) -> None:
        """Test set-up: a profile as stored, open count included."""
        self.profiles[profile.member_id] = copy.deepcopy(profile)
        for lang in pools:
            self.pools[lang][profile.member_id] = profile.last_assigned_at


class InMemoryChatStore:
    """Conversations, messages, idempotency records, rate counters and review items.

    `assign` checks the Helper's presence in the same step, as the adapter's transaction does.
    """

    def __init__(self, presence: InMemoryPresenceStore) -> None:
        self.presence = presence
        self.conversations: dict[str, Conversation] = {}
        self.waiting_lang: dict[str, str | None] = {}
        self.messages: dict[str, dict[int, Message]] = defaultdict(dict)
        self.answers: dict[str, dict[str, Any]] = {}
        self.counters: dict[str, int] = defaultdict(int)
        self.reviews: list[ReviewItem] = []
        self.expires_at: dict[str, int] = {}

    def create(
        self,
        conversation: Conversation,
        first: Message | None,
        ttl_at: int,
        review: ReviewItem | None = None,
        replay: Replay | None = None,
    ) -> None:
        c = conversation
        if c.conversation_id in self.conversations:
            raise Conflict("conversation exists")
        if replay is not None:
            if replay.key in self.answers:
                raise AlreadyAnswered(copy.deepcopy(self.answers[replay.key]))
            self.answers[replay.key] = copy.deepcopy(replay.answer)
            self.expires_at[replay.key] = replay.expires_at
        self.conversations[c.conversation_id] = copy.deepcopy(c)
        self.waiting_lang[c.conversation_id] = None if c.straight_to_professionals else c.lang
        self.expires_at[c.conversation_id] = ttl_at
        if first is not None:
            self.messages[c.conversation_id][first.seq] = first
        if review is not None:
            self.reviews.append(review)

    def get(self, conversation_id: str) -> Conversation | None:
        conversation = self.conversations.get(conversation_id)
        return copy.deepcopy(conversation) if conversation else None

    def append(
        self,
        conversation: Conversation,
        message: Message,
        dedupe_key: str,
        answer: dict[str, Any],
        ttl_at: int,
        rate_key: str | None,
        rate_limit: int,
        recent: dict[str, list[list[Any]]] | None,
        review: ReviewItem | None = None,
    ) -> None:
        """All or nothing, checked in the adapter's order: idempotency, rate, sequence."""
        stored = self.conversations[conversation.conversation_id]
        if dedupe_key in self.answers:
            raise AlreadyAnswered(copy.deepcopy(self.answers[dedupe_key]))
        if rate_key and self.counters[rate_key] >= rate_limit:
            raise RateExceeded()
        if stored.status == CLOSED:
            raise RuleRefused("this conversation is closed", code="conversation_closed")
        if stored.last_seq != conversation.last_seq or message.seq in self.messages[
            conversation.conversation_id
        ]:
            raise SequenceConflict()
        self.messages[conversation.conversation_id][message.seq] = message
        self.answers[dedupe_key] = copy.deepcopy(answer)
        stored.last_seq = message.seq
        stored.last_activity_at = message.ts
        if message.sender_id != stored.member_id and stored.first_response_at is None:
            stored.first_response_at = message.ts
        if recent is not None:
            stored.recent = copy.deepcopy(recent)
        if rate_key:
            self.counters[rate_key] += 1
        if review is not None:
            self.reviews.append(review)

    def remember(self, dedupe_key: str, answer: dict[str, Any], ttl_at: int) -> None:
        if dedupe_key in self.answers:
            raise AlreadyAnswered(copy.deepcopy(self.answers[dedupe_key]))
        self.answers[dedupe_key] = copy.deepcopy(answer)

    def recall(self, dedupe_key: str) -> dict[str, Any] | None:
        answer = self.answers.get(dedupe_key)
        return copy.deepcopy(answer) if answer is not None else None

    def messages_after(self, conversation_id: str, after_seq: int, limit: int) -> list[Message]:
        stored = self.messages.get(conversation_id, {})
        return [stored[s] for s in sorted(stored) if s > after_seq][:limit]

    def assign(
        self,
        conversation_id: str,
        helper: str,
        role: str,
        at: float,
        pool_lang: str | None,
        capacity_checked: bool,
    ) -> None:
        stored = self.conversations[conversation_id]
        if stored.helper_id is not None or stored.status not in (WAITING, ESCALATED):
            raise Conflict("another Helper already took this request", code="already_taken")
        profile = self.presence.profiles.get(helper)
        if capacity_checked:
            if (
                profile is None
                or profile.status != AVAILABLE
                or profile.open_count >= profile.capacity
            ):
                raise Conflict("not available or at capacity", code="capacity")
            profile.open_count += 1
            profile.last_assigned_at = at
            if pool_lang and helper in self.presence.pools[pool_lang]:
                self.presence.pools[pool_lang][helper] = at
        stored.helper_id, stored.helper_role = helper, role
        stored.status, stored.assigned_at = ASSIGNED, at
        self.waiting_lang[conversation_id] = None

    def update(self, conversation_id: str, **fields: Any) -> None:
        stored = self.conversations.get(conversation_id)
        if stored is None:
            raise NotFound("no such conversation", code="conversation_not_found")
        for name, value in fields.items():
            if name == "waiting_lang":
                self.waiting_lang[conversation_id] = value
            else:
                setattr(stored, name, copy.deepcopy(value))

    def add_staff(self, conversation_id: str, member_id: str, role: str) -> None:
        self.conversations[conversation_id].staff.append(Participant(member_id, role))

    def close(self, conversation_id: str, by: str, at: float) -> Conversation | None:
        stored = self.conversations.get(conversation_id)
        if stored is None:
            raise NotFound("no such conversation", code="conversation_not_found")
        if stored.status == CLOSED:
            return None
        stored.status, stored.closed_at, stored.closed_by = CLOSED, at, by
        self.waiting_lang[conversation_id] = None
        return copy.deepcopy(stored)

    def rate(self, conversation_id: str, member_id: str, score: int, comment: str | None) -> None:
        stored = self.conversations[conversation_id]
        if stored.member_id != member_id or stored.rating is not None or stored.status != CLOSED:
            raise Conflict("this conversation is already rated", code="already_rated")
        stored.rating = score
        if comment:
            stored.comment = comment

    def waiting(self, lang: str, limit: int) -> list[Conversation]:
        """Oldest first, from the sparse index of requests still looking for a Helper."""
        waiting = [
            c for cid, c in self.conversations.items() if self.waiting_lang.get(cid) == lang
        ]
        waiting.sort(key=lambda c: c.opened_at)
        return [copy.deepcopy(c) for c in waiting[:limit]]

    def open_conversations(self, limit: int) -> list[Conversation]:
        """Least recently active first, from the sparse index of open conversations."""
        found = [c for c in self.conversations.values() if c.status != CLOSED]
        found.sort(key=lambda c: c.activity_at)
        return [copy.deepcopy(c) for c in found[:limit]]

    def unassign(self, conversation: Conversation, helper_id: str) -> Conversation | None:
        stored = self.conversations[conversation.conversation_id]
        if (stored.helper_id != helper_id or stored.status == CLOSED
                or stored.escalated != conversation.escalated):
            return None
        stored.helper_id = stored.helper_role = None
        stored.status = ESCALATED if conversation.escalated else WAITING
        stored.offered, stored.wave, stored.ticket_id = [], 0, None
        self.waiting_lang[conversation.conversation_id] = conversation.lang
        return copy.deepcopy(stored)

    def by_day(
        self, day: str, limit: int, before: tuple[float, str] | None = None
    ) -> list[Conversation]:
        found = [
            c for c in self.conversations.values()
            if _day(c.opened_at) == day
            and (before is None or (c.opened_at, c.conversation_id) < before)
        ]
        found.sort(key=lambda c: (c.opened_at, c.conversation_id), reverse=True)
        return [copy.deepcopy(c) for c in found[:limit]]

    def by_member(self, member_id: str, limit: int) -> list[Conversation]:
        found = [c for c in self.conversations.values() if c.member_id == member_id]
        found.sort(key=lambda c: c.opened_at, reverse=True)
        return [copy.deepcopy(c) for c in found[:limit]]


class InMemoryProQueue:
    """The agents' queue; `done` takes an item out of the open ones."""

    def __init__(self) -> None:
        self.items: dict[str, QueueItem] = {}

    def put(self, item: QueueItem) -> None:
        self.items[item.ticket_id] = item

    def open_items(self, limit: int) -> list[QueueItem]:
        open_ = [i for i in self.items.values() if i.status == "open"]
        return sorted(open_, key=lambda i: i.due_at)[:limit]

    def done(self, ticket_id: str) -> None:
        item = self.items.get(ticket_id)
        if item is not None:
            self.items[ticket_id] = QueueItem(**{**item.to_json(), "status": "done"})


class InMemoryAuditLog:
    """Audit entries in a list."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []

    def record(self, actor: str, roles: list[str], action: str, subject: str, at: float) -> None:
        self.entries.append(
            {"actor": actor, "roles": list(roles), "action": action, "subject": subject, "at": at}
        )

    def page(
        self, day: str, limit: int, after: str | None, match: dict[str, str] | None = None
    ) -> tuple[list[dict[str, Any]], str | None]:
        ordered = sorted((e for e in self.entries if _day(e["at"]) == day
                          and all(e[k] == v for k, v in (match or {}).items())),
                         key=lambda e: e["at"], reverse=True)
        start = int(after or 0)
        entries = ordered[start:start + limit]
        more = start + limit < len(ordered)
        return entries, (str(start + limit) if more else None)


class RecordingWaveScheduler:
    """Records each wave timeout asked for, as (conversation_id, wave, delay_seconds)."""

    def __init__(self) -> None:
        self.scheduled: list[tuple[str, int, int]] = []

    def schedule(self, conversation_id: str, wave: int, delay_seconds: int) -> None:
        self.scheduled.append((conversation_id, wave, delay_seconds))


class InMemoryCounterparties:
    """Dealings between two members at a time (a booking's departure, a claim's filing), and
    every lookup asked for, as (member_id, since, limit)."""

    def __init__(self) -> None:
        self.dealings: list[tuple[str, str, float]] = []
        self.lookups: list[tuple[str, float, int]] = []

    def dealt(self, a: str, b: str, at: float) -> None:
        self.dealings.append((a, b, at))

    def of(self, member_id: str, since: float, limit: int) -> set[str]:
        self.lookups.append((member_id, since, limit))
        found = [(at, b if a == member_id else a) for a, b, at in self.dealings
                 if member_id in (a, b) and at >= since]
        return {other for _, other in sorted(found, reverse=True)[:limit]}


class InMemoryCounters:
    """`Counters` in a dict, with the DynamoDB adapter's rules: an expired counter is absent."""

    def __init__(self) -> None:
        self.items: dict[str, tuple[int, float]] = {}

    def add(self, key: str, limit: int, until: int, now: float) -> Count:
        value, expires = self.items.get(key, (0, 0.0))
        if expires <= now:
            value = 0
        elif value >= limit:
            return Count(False, value, expires)
        self.items[key] = (value + 1, until)
        return Count(True, value + 1, until)

    def take_back(self, key: str) -> None:
        if key in self.items and self.items[key][0] > 0:
            value, expires = self.items[key]
            self.items[key] = (value - 1, expires)
