"""What the chat needs from storage, queues and moderation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from chalicelib.domain.chat.model import Conversation, HelperProfile, Message, QueueItem
from chalicelib.domain.moderation.review import ReviewItem


@dataclass(frozen=True)
class TextVerdict:
    """The moderation verdict the chat needs: what to store and why."""

    verdict: str
    text: str | None
    reasons: list[dict[str, Any]] = field(default_factory=list)


class TextModerator(Protocol):
    """Checks one message (pure, in-process: no AWS call for an allowed message)."""

    def check(self, text: str, lang: str | None = None) -> TextVerdict: ...


class SequenceConflict(Exception):
    """Another message took the sequence number first: re-read and retry."""


class RateExceeded(Exception):
    """The sender's rate counter is at its limit for this window: nothing was stored."""


class AlreadyAnswered(Exception):
    """This request was already answered (a message's client_msg_id, help.open's request_id,
    sent again): the stored answer is attached, and nothing was stored this time."""

    def __init__(self, answer: dict[str, Any]) -> None:
        super().__init__("already answered")
        self.answer = answer


@dataclass(frozen=True)
class Replay:
    """The answer a resend of the same request gets (`help.open` with the same `request_id`),
    stored under `key` in the transaction that creates the request, until `expires_at`."""

    key: str
    answer: dict[str, Any]
    expires_at: int


class ChatStore(Protocol):
    """Conversations, messages and their idempotency records."""

    def create(
        self,
        conversation: Conversation,
        first: Message | None,
        ttl_at: int,
        review: ReviewItem | None = None,
        replay: Replay | None = None,
    ) -> None:
        """One transaction: the conversation, its first message, its review item and the
        `replay` record (refused if its key exists: AlreadyAnswered with the stored answer)."""
        ...

    def get(self, conversation_id: str) -> Conversation | None: ...

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
        """One transaction: the message with the next seq, its idempotency record, the
        sender's rate counter, the conversation's `recent` fingerprints (None: unchanged) and
        the moderation queue item of a message given "review". Raises AlreadyAnswered,
        SequenceConflict, or RateExceeded when the rate counter already holds `rate_limit`."""
        ...

    def remember(self, dedupe_key: str, answer: dict[str, Any], ttl_at: int) -> None: ...

    def recall(self, dedupe_key: str) -> dict[str, Any] | None: ...

    def messages_after(self, conversation_id: str, after_seq: int, limit: int) -> list[Message]: ...

    def assign(
        self,
        conversation_id: str,
        helper: str,
        role: str,
        at: float,
        pool_lang: str | None,
        capacity_checked: bool,
    ) -> None: ...

    def update(self, conversation_id: str, **fields: Any) -> None: ...

    def add_staff(self, conversation_id: str, member_id: str, role: str) -> None: ...

    def close(self, conversation_id: str, by: str, at: float) -> Conversation | None:
        """Close an open conversation: the conversation as closed, or None when it already
        was (closed by someone else: this close changed nothing). NotFound if absent."""
        ...

    def rate(
        self, conversation_id: str, member_id: str, score: int, comment: str | None
    ) -> None: ...

    def waiting(self, lang: str, limit: int) -> list[Conversation]: ...

    def open_conversations(self, limit: int) -> list[Conversation]:
        """Conversations not closed yet, least recently active first, at most `limit`, from a
        sparse index (never a Scan)."""
        ...

    def unassign(self, conversation: Conversation, helper_id: str) -> Conversation | None:
        """Take an open conversation back from `helper_id`, offered afresh: waiting again
        (escalated if it was), in the waiting index, with no helper, offers, wave or ticket.
        The conversation as stored then; None when it is no longer theirs, is closed, or its
        escalation changed since `conversation` was read."""
        ...

    def by_day(
        self, day: str, limit: int, before: tuple[float, str] | None = None
    ) -> list[Conversation]:
        """Conversations opened on a day, newest first, from just after the position `before`
        (opened_at, conversation_id) of the previous page; None: the newest."""
        ...

    def by_member(self, member_id: str, limit: int) -> list[Conversation]: ...


class PresenceStore(Protocol):
    """Helper and agent routing profiles, and the per-language pools of available ones."""

    def get(self, member_id: str) -> HelperProfile | None: ...

    def save(self, profile: HelperProfile, pools: list[str], dropped_pools: list[str]) -> None: ...

    def heartbeat(self, member_id: str, at: float) -> bool: ...

    def pool(self, lang: str, limit: int) -> list[str]: ...

    def many(self, member_ids: list[str]) -> dict[str, HelperProfile]: ...

    def release(self, member_id: str, pool_lang: str | None) -> None: ...


class ProQueue(Protocol):
    """The agents' queue: escalated conversations and claims, oldest due first."""

    def put(self, item: QueueItem) -> None: ...

    def open_items(self, limit: int) -> list[QueueItem]: ...

    def done(self, ticket_id: str) -> None: ...


class AuditLog(Protocol):
    """Append-only record of sensitive reads and decisions."""

    def record(
        self, actor: str, roles: list[str], action: str, subject: str, at: float
    ) -> None: ...

    def page(
        self, day: str, limit: int, after: str | None, match: Mapping[str, str] | None = None
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Up to `limit` entries of a day, newest first, from just after the position `after`
        (None: the newest), only those whose fields equal `match` (`action`, `actor`); and the
        position to continue from (None: nothing older)."""
        ...


class WaveScheduler(Protocol):
    """Delivers a routing event later (a delayed SQS message)."""

    def schedule(self, conversation_id: str, wave: int, delay_seconds: int) -> None: ...


class Counterparties(Protocol):
    """Who a member has dealt with through the marketplace (a policy over the claims context)."""

    def of(self, member_id: str, since: float, limit: int) -> set[str]:
        """The other party of the member's bookings departing at or after `since` (epoch
        seconds) and of their open claims filed since then; at most `limit` of each read, the
        latest first, by Query (never a Scan)."""
        ...
