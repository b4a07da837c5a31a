"""Messages: moderated, flood-checked, persisted with the next sequence number, acknowledged,
then fanned out; idempotent per client_msg_id; replayed by sync."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.chat.core import (
    ChatCore,
    Recent,
    public_reasons,
    remember,
    repeat_digest,
    review_item,
)
from chalicelib.domain.chat.events import ChatEvent
from chalicelib.domain.chat.model import CLOSED, Conversation, Message, Outcome
from chalicelib.domain.chat.pages import SYNC_BUDGET_BYTES, SYNC_LIMIT, page_of
from chalicelib.domain.chat.ports import (
    AlreadyAnswered,
    RateExceeded,
    SequenceConflict,
    TextVerdict,
)
from chalicelib.domain.clock import wire_time
from chalicelib.domain.errors import RateLimited, RuleRefused, Unavailable
from chalicelib.domain.identity import ADMIN, AGENT, MEMBER, SUPERVISOR, Principal
from chalicelib.domain.limits import FixedWindow
from chalicelib.domain.moderation.flood import FloodPolicy

DEDUPE_TTL = 7 * 86400
SEND_ATTEMPTS = 12
# MESSAGES_PER_MINUTE counts a sender's messages per clock minute, in the message's transaction.
RATE_WINDOW = FixedWindow(60)
RATE_COUNTER = "rate"
# Roles whose messages are Member Relations answering: an offline member is told of them.
MEMBER_RELATIONS = frozenset({AGENT, SUPERVISOR, ADMIN})


def message_dedupe_key(conversation_id: str, sender_id: str, client_msg_id: str) -> str:
    """The idempotency record of one message (its resend answer, deleted at an erasure)."""
    return f"msg#{conversation_id}#{sender_id}#{client_msg_id}"


@dataclass
class MessageRelay:
    """Sending (moderation, flooding, idempotency, rate) and syncing messages."""

    core: ChatCore
    # The same text repeated by a sender within a conversation is blocked as flooding.
    flood: FloodPolicy

    def send(
        self,
        who: Principal,
        connection_id: str,
        conversation_id: str,
        client_msg_id: str,
        text: str,
    ) -> Outcome:
        """Moderate, persist with the next seq, ack, then fan out; idempotent per client id."""
        dedupe_key = message_dedupe_key(conversation_id, who.member_id, client_msg_id)
        for attempt in range(SEND_ATTEMPTS):
            if attempt:
                # Another message took the number first: back off a little, with jitter, so
                # that writers racing on one conversation do not collide again in lockstep.
                time.sleep(random.uniform(0, 0.02 * attempt))
            conversation = self.core.conversation(conversation_id)
            role = self.core.participant_role(who, conversation)
            if conversation.status == CLOSED:
                return self._answer_after_close(dedupe_key)
            verdict = self.core.moderator.check(text, conversation.lang)
            now = self.core.clock.time()
            verdict, recent = self._flood(conversation, who.member_id, text, verdict, now)
            if verdict.verdict == "block" or verdict.text is None:
                return self._answer_blocked(dedupe_key, verdict, now)
            message = Message(
                conversation_id,
                conversation.last_seq + 1,
                who.member_id,
                role,
                verdict.text,
                verdict.verdict,
                now,
                client_msg_id,
            )
            answer = _accepted_answer(message, verdict)
            try:
                self._store(conversation, message, dedupe_key, answer, recent, verdict)
            except SequenceConflict:
                continue
            except AlreadyAnswered as earlier:
                return Outcome(earlier.answer)
            return self._acknowledge_and_fan_out(conversation, message, answer, connection_id)
        raise Unavailable("the conversation is very busy; retry with the same client_msg_id")

    def _answer_after_close(self, dedupe_key: str) -> Outcome:
        """A resend of a message accepted before the close still gets its answer; anything
        else is refused with `conversation_closed`."""
        previous = self.core.store.recall(dedupe_key)
        if previous is not None:
            return Outcome(previous)
        raise RuleRefused("this conversation is closed", code="conversation_closed")

    def _answer_blocked(self, dedupe_key: str, verdict: TextVerdict, now: float) -> Outcome:
        """Answer a blocked message, remembered so that a resend gets the same answer."""
        answer = _blocked_answer(verdict)
        try:
            self.core.store.remember(dedupe_key, answer, int(now) + DEDUPE_TTL)
        except AlreadyAnswered as earlier:
            return Outcome(earlier.answer)
        return Outcome(answer)

    def _store(
        self,
        conversation: Conversation,
        message: Message,
        dedupe_key: str,
        answer: dict[str, Any],
        recent: Recent | None,
        verdict: TextVerdict,
    ) -> None:
        """Persist the message; SequenceConflict if another one took its seq first,
        `rate_limited` (with `retry_after`: the end of the minute) over the sender's rate."""
        # One transaction: next seq, the message, its idempotency record, the rate, the repeat
        # fingerprints and, for "review", the moderation queue item.
        try:
            self.core.store.append(
                conversation,
                message,
                dedupe_key,
                answer,
                self.core.ttl_at(message.ts),
                RATE_WINDOW.key(RATE_COUNTER, message.sender_id, message.ts),
                self.core.limits.messages_per_minute,
                recent,
                review_item(conversation, message, verdict),
            )
        except RateExceeded as e:
            raise RateLimited(
                "too many messages; wait a minute",
                retry_after=RATE_WINDOW.ends_at(message.ts) - message.ts,
            ) from e

    def _acknowledge_and_fan_out(
        self,
        conversation: Conversation,
        message: Message,
        answer: dict[str, Any],
        connection_id: str,
    ) -> Outcome:
        """The stored message's answer to the sender and `message.new` to every participant but
        the sending device; the first reply by a Helper or agent is told to listeners first."""
        if message.sender_role != MEMBER and conversation.first_response_at is None:
            conversation.first_response_at = message.ts
            self.core.notify(ChatEvent.FIRST_RESPONSE, conversation)
        if message.sender_role in MEMBER_RELATIONS:
            conversation.last_seq = message.seq
            self.core.notify(ChatEvent.STAFF_REPLIED, conversation)
        outcome = Outcome(answer)
        outcome.push(
            conversation.participant_ids(),
            {"type": "message.new", **message.to_json(), "ts": wire_time(message.ts)},
            skip_connection=connection_id,
        )
        return outcome

    def sync(self, who: Principal, conversation_id: str, after_seq: int) -> dict[str, Any]:
        """The messages after `after_seq`, in order (participants and staff): at most
        SYNC_LIMIT and SYNC_BUDGET_BYTES of them, so that the reply fits in one post to the
        connection; `more` says to ask again after the last seq given."""
        conversation = self.core.conversation(conversation_id)
        self.core.authorize_read(who, conversation, "sync")
        messages = self.core.store.messages_after(conversation_id, after_seq, SYNC_LIMIT + 1)
        page = page_of(messages, SYNC_BUDGET_BYTES, SYNC_LIMIT)
        reply = {
            "conversation_id": conversation_id,
            "messages": page.messages,
            "more": page.more,
            "last_seq": conversation.last_seq,
        }
        if who.member_id == conversation.member_id and conversation.member_unread_seq is not None:
            # Member Relations answered while the member was away: said once, then read.
            reply["unread_since_seq"] = conversation.member_unread_seq
            self.core.store.update(conversation_id, member_unread_seq=None)
        return reply

    def _flood(
        self, conversation: Conversation, sender: str, text: str, verdict: TextVerdict, now: float
    ) -> tuple[TextVerdict, Recent | None]:
        """Block the same text repeated by a sender in this conversation (FloodPolicy).

        The recent fingerprints live on the conversation item, which `send` reads anyway and
        updates in the message's transaction: an allowed message costs no extra AWS call.
        Returns the verdict and the new `recent` map (None: leave it as it is).
        """
        digest = repeat_digest(text)
        if verdict.verdict == "block" or verdict.text is None or digest is None:
            return verdict, None
        fresh = self._fresh(conversation.recent, now)
        same = sum(1 for d, _ in fresh.get(sender, []) if d == digest)
        reason = self.flood.check(sent_in_window=0, same_text_recently=same)
        if reason is not None:
            return TextVerdict("block", None, [*verdict.reasons, reason.to_json()]), None
        return verdict, remember(fresh, sender, digest, now)

    def _fresh(self, recent: Recent, now: float) -> Recent:
        window = self.flood.repeat_window_seconds
        kept = {k: [e for e in v if now - e[1] < window] for k, v in recent.items()}
        return {k: v for k, v in kept.items() if v}


# The answers below are the idempotency record's wire form, typed as the store's port.


def _blocked_answer(verdict: TextVerdict) -> dict[str, Any]:
    """The answer to a message the moderation or the flood check blocked (nothing stored)."""
    return {"seq": None, "verdict": "block", "text": None, "reasons": public_reasons(verdict)}


def _accepted_answer(message: Message, verdict: TextVerdict) -> dict[str, Any]:
    """The answer to a stored message: its seq, verdict and text as stored (with the public
    reasons when moderation masked or held it)."""
    answer: dict[str, Any] = {"seq": message.seq, "verdict": verdict.verdict, "text": verdict.text}
    if verdict.reasons:
        answer["reasons"] = public_reasons(verdict)
    return answer
