"""Storing a new help request once: a resend of `help.open` with the same `request_id` by the
same member (its ack was lost) gets the first answer, opens nothing and is counted once against
HELP_OPEN_PER_HOUR (docs/protocol.md, "help.open: once per request_id")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.chat.core import ChatCore, review_item
from chalicelib.domain.chat.model import Conversation, Message
from chalicelib.domain.chat.ports import AlreadyAnswered, Replay, TextVerdict
from chalicelib.domain.identity import MEMBER
from chalicelib.domain.limits import RateLimit

# How long a request_id is remembered: far longer than any resend.
REPLAY_SECONDS = 86_400


def replay_key(member_id: str, request_id: str | None) -> str | None:
    """The key of a member's request_id (None: the frame had none, nothing is deduplicated)."""
    return f"open#{member_id}#{request_id}" if request_id else None


@dataclass(frozen=True)
class OpenOnce:
    """Counts and stores a new request, with its replay record in the same transaction."""

    core: ChatCore

    def previous(self, member_id: str, request_id: str | None) -> dict[str, Any] | None:
        """The answer already given to this member's request_id, if any."""
        key = replay_key(member_id, request_id)
        return self.core.store.recall(key) if key is not None else None

    def store(
        self,
        member_id: str,
        build: Callable[[], Conversation],
        verdict: TextVerdict,
        request_id: str | None,
        limit: RateLimit | None,
    ) -> tuple[dict[str, Any], Conversation | None]:
        """The ack, and the conversation if this call opened the request (None: an earlier
        one with the same request_id did, its ack is returned). Counted against `limit` before
        the conversation is built (`build` looks up the member's counterparties), and given
        back unless this call opened the request."""
        counted = limit.take(member_id) if limit is not None else None
        try:
            conversation = build()
            answer = self._create(conversation, verdict, request_id)
        except AlreadyAnswered as earlier:  # the same request_id sent again at once
            _give_back(limit, counted)
            return earlier.answer, None
        except Exception:
            _give_back(limit, counted)  # nothing opened: a retry is not a second request
            raise
        return answer, conversation

    def _create(
        self, conversation: Conversation, verdict: TextVerdict, request_id: str | None
    ) -> dict[str, Any]:
        """Store the conversation, its first message and its replay record; the ack."""
        now, cid = conversation.opened_at, conversation.conversation_id
        first = Message(
            cid, 1, conversation.member_id, MEMBER, verdict.text, verdict.verdict, now, "open"
        )
        answer = {"conversation_id": cid, "seq": 1, "verdict": verdict.verdict,
                  "text": verdict.text}
        key = replay_key(conversation.member_id, request_id)
        replay = Replay(key, answer, int(now) + REPLAY_SECONDS) if key is not None else None
        self.core.store.create(
            conversation, first, self.core.ttl_at(now),
            review_item(conversation, first, verdict), replay,
        )
        return answer


def _give_back(limit: RateLimit | None, counted: str | None) -> None:
    if limit is not None and counted is not None:
        limit.give_back(counted)
