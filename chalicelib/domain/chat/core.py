"""What the three parts of the chat share: their ports and settings, and the rules that more
than one part applies (finding a conversation, who may read it, display names, retention,
telling listeners, handing a conversation to professionals, recording a message)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.chat.events import ChatEvent, ChatListener
from chalicelib.domain.chat.model import ESCALATED, Conversation, Message, Outcome, QueueItem
from chalicelib.domain.chat.ports import (
    AuditLog,
    ChatStore,
    PresenceStore,
    ProQueue,
    TextModerator,
    TextVerdict,
)
from chalicelib.domain.clock import Clock, wire_time
from chalicelib.domain.errors import BadInput, Forbidden, NotFound
from chalicelib.domain.identity import HELPER, Principal
from chalicelib.domain.moderation.flood import fingerprint
from chalicelib.domain.moderation.review import ReviewItem
from chalicelib.domain.ports import MemberDirectory

# Repeats of short messages ("ok", "merci", "d'accord") are conversation, not flooding.
FLOOD_MIN_CHARS = 8
RECENT_KEPT = 8  # per sender: keeps the conversation item small (~30 bytes each)

# Per sender, the recent messages' [fingerprint, epoch seconds] (see Conversation.recent).
Recent = dict[str, list[list[Any]]]


class PassThroughModerator:
    """Allows everything as written (used where no moderation is wired)."""

    def check(self, text: str, lang: str | None = None) -> TextVerdict:
        """Allow."""
        return TextVerdict("allow", text, [])


@dataclass
class ChatLimits:
    """Knobs of the chat that come from settings."""

    capacity_default: int = 2
    capacity_max: int = 4
    escalation_due_hours: int = 24
    retention_days: int = 365
    messages_per_minute: int = 30
    keep_escalated_open_to_helpers: bool = True
    # CONVERSATION_IDLE_CLOSE_MINUTES (0: never) and HELPER_GONE_GRACE_SECONDS.
    idle_close_minutes: int = 0
    helper_gone_grace_seconds: int = 180


@dataclass
class ChatCore:
    """The ports and settings every part of the chat uses, and the rules they share."""

    store: ChatStore
    presence: PresenceStore
    queue: ProQueue
    audit: AuditLog
    members: MemberDirectory
    clock: Clock
    moderator: TextModerator
    limits: ChatLimits
    listeners: Sequence[ChatListener]

    def conversation(self, conversation_id: str) -> Conversation:
        """The conversation, or `conversation_not_found`."""
        if not isinstance(conversation_id, str) or not conversation_id:
            raise BadInput("conversation_id is required", field="conversation_id")
        conversation = self.store.get(conversation_id)
        if conversation is None:
            raise NotFound("no such conversation", code="conversation_not_found")
        return conversation

    @staticmethod
    def participant_role(who: Principal, conversation: Conversation) -> str:
        """The caller's role in the conversation; Forbidden (`not_participant`) for anyone else
        (`Conversation.role_of` is the lookup that answers None instead)."""
        role = conversation.role_of(who.member_id)
        if role is None:
            raise Forbidden(
                "you are not a participant of this conversation", code="not_participant"
            )
        return role

    def authorize_read(self, who: Principal, conversation: Conversation, action: str) -> None:
        """Participants read; staff and authorised Helpers read too, and are audited."""
        if conversation.role_of(who.member_id) is not None:
            return
        if not (who.is_staff or self._may_read_transcripts(who)):
            # A member never learns whether another member's conversation exists.
            raise NotFound("no such conversation", code="conversation_not_found")
        self.audit.record(
            who.member_id,
            sorted(who.roles),
            f"conversation.{action}",
            conversation.conversation_id,
            self.clock.time(),
        )

    def _may_read_transcripts(self, who: Principal) -> bool:
        if not who.has(HELPER):
            return False
        member = self.members.get(who.member_id)
        return member is not None and member.may_read_transcripts

    def display_name(self, member_id: str) -> str:
        """The name others see, or the member id when the mirror has none."""
        member = self.members.get(member_id)
        return member.name_or_id() if member is not None else member_id

    def ttl_at(self, now: float) -> int:
        """When what is stored now expires (the retention period)."""
        return int(now) + self.limits.retention_days * 86400

    def notify(self, event: ChatEvent, conversation: Conversation) -> None:
        """Tell every listener of a stored change."""
        for listener in self.listeners:
            listener(event, conversation)

    def hand_to_professionals(
        self, conversation: Conversation, reason: str, outcome: Outcome, automatic: bool
    ) -> None:
        """Put the conversation on the agents' queue once (an escalation is idempotent)."""
        if conversation.escalated and conversation.ticket_id:
            return
        now = self.clock.time()
        due = now + self.limits.escalation_due_hours * 3600
        ticket_id = "tk-" + uuid.uuid4().hex[:16]
        self.queue.put(
            QueueItem(
                ticket_id,
                "conversation",
                conversation.conversation_id,
                due,
                now,
                reason[:200],
                conversation.lang,
                conversation.topic,
            )
        )
        keep_waiting = (
            conversation.awaiting_helper
            and self.limits.keep_escalated_open_to_helpers
            and not conversation.straight_to_professionals
        )
        status = ESCALATED if conversation.helper_id is None else conversation.status
        self.store.update(
            conversation.conversation_id,
            status=status,
            escalated=True,
            escalated_at=now,
            ticket_id=ticket_id,
            due_at=due,
            waiting_lang=conversation.lang if keep_waiting else None,
            straight_to_professionals=conversation.straight_to_professionals,
        )
        conversation.escalated, conversation.ticket_id, conversation.due_at = True, ticket_id, due
        conversation.status = status
        outcome.push(
            conversation.participant_ids(),
            {
                "type": "conversation.escalated",
                "conversation_id": conversation.conversation_id,
                "ticket_id": ticket_id,
                "due_at": wire_time(due),
                "automatic": automatic,
            },
        )


# --- what opening a request and sending a message share ------------------------------------


def repeat_digest(text: str) -> str | None:
    """A text's repeat fingerprint; None for short replies, which never count."""
    if sum(c.isalnum() for c in text) < FLOOD_MIN_CHARS:
        return None
    return fingerprint(text)[:12]


def remember(recent: Recent, sender: str, digest: str, now: float) -> Recent:
    """`recent` with this sender's latest fingerprint added (the oldest ones dropped)."""
    entries = [*recent.get(sender, []), [digest, int(now)]]
    return {**recent, sender: entries[-RECENT_KEPT:]}


def review_item(
    conversation: Conversation, message: Message, verdict: TextVerdict
) -> ReviewItem | None:
    """The moderation queue item of a message given "review" (stored in its transaction)."""
    if verdict.verdict != "review" or message.text is None:
        return None
    return ReviewItem.for_message(
        conversation.conversation_id,
        message.seq,
        message.sender_id,
        message.sender_role,
        message.text,
        verdict.reasons,
        conversation.lang,
        message.ts,
    )


def public_reasons(verdict: TextVerdict) -> list[dict[str, Any]]:
    """Reasons as the sender may see them (categories and rules, never the matched text)."""
    public = []
    for reason in verdict.reasons:
        public.append({k: v for k, v in reason.items() if k in ("category", "rule", "severity")})
    return public
