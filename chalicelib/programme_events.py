"""The programme's side of the chat: EMF metrics at each step of a conversation, points and
quality review for Helpers, and the presence guard that keeps suspended Helpers out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalicelib.adapters.insights_sources import conversation_record
from chalicelib.adapters.programme_store import helper_is_active
from chalicelib.domain.chat.events import ChatEvent
from chalicelib.domain.chat.model import Conversation
from chalicelib.domain.errors import RuleRefused
from chalicelib.domain.identity import AGENT, HELPER, Principal
from chalicelib.domain.insights import metrics as insight_metrics
from chalicelib.observability import emit_metrics, logger


class ChatEvents:
    """The chat's listener: EMF metrics at each step, points and quality review for Helpers.

    Runs after the chat stored the change; a failure here is logged, never surfaced to the
    chat (a retried event is harmless: awards are idempotent by conversation).
    """

    def __init__(self, root: Any) -> None:
        self._root = root
        self._handlers: dict[ChatEvent, Callable[[Conversation], None]] = {
            ChatEvent.ACCEPTED: self._accepted,
            ChatEvent.FIRST_RESPONSE: self._first_response,
            ChatEvent.CLOSED: self._closed,
            ChatEvent.RATED: self._rated,
        }

    def __call__(self, event: ChatEvent, conversation: Conversation) -> None:
        try:
            # An event with no handler is logged below like a failed one, never raised.
            self._handlers[event](conversation)
        except Exception as e:  # noqa: BLE001 - observers never break the chat
            logger.exception(
                "chat event handling failed",
                event_name=str(event),
                conversation_id=conversation.conversation_id,
                error=type(e).__name__,
            )

    def _accepted(self, c: Conversation) -> None:
        emit_metrics(insight_metrics.on_assigned(conversation_record(c)))

    def _first_response(self, c: Conversation) -> None:
        emit_metrics(insight_metrics.on_first_response(conversation_record(c)))

    def _closed(self, c: Conversation) -> None:
        emit_metrics(insight_metrics.on_closed(conversation_record(c)))
        # Answered: a Helper held it and an answer was written (the Helper's, as a rule).
        if c.helper_id and c.helper_role == HELPER and c.first_response_at is not None:
            self._root.recognition.on_answered(c.helper_id, c.conversation_id, c.closed_at)

    def _rated(self, c: Conversation) -> None:
        emit_metrics(insight_metrics.on_rated(c.rating))
        if c.helper_id and c.helper_role == HELPER and c.rating is not None:
            at = self._root.clock.now()
            self._root.quality_signals.record_rating(c.helper_id, c.conversation_id, c.rating, at)
            self._root.recognition.on_rated(c.helper_id, c.conversation_id, c.rating, at)
            self._root.programme.review_quality(c.helper_id)


def refuse_inactive_helpers(members: Any):
    """A presence guard: a Helper suspended (or gone) by the programme cannot go available.

    The token may still carry `helper` until it expires; the members mirror, written with the
    programme record, is the authority (one GetItem).
    """

    def guard(who: Principal) -> None:
        if who.has(AGENT) or not who.has(HELPER):
            return
        if not helper_is_active(members.get(who.member_id)):
            raise RuleRefused("your Helper role is not active", code="helper_not_active")

    return guard
