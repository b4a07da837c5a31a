"""The chat's events feeding the other contexts: EMF metrics at each step of a conversation,
points and quality review for the Helper who answered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from chalicelib.adapters.dynamodb.insights_sources import conversation_record
from chalicelib.domain.chat.events import ChatEvent
from chalicelib.domain.chat.model import Conversation
from chalicelib.domain.clock import Clock
from chalicelib.domain.identity import HELPER
from chalicelib.domain.insights import metrics as insight_metrics
from chalicelib.observability import emit_metrics, logger


class Recognition(Protocol):
    """Points for Helpers."""

    def on_answered(self, helper_id: str, conversation_id: str, at: float) -> bool: ...

    def on_rated(self, helper_id: str, conversation_id: str, score: int, at: float) -> bool: ...


class QualitySignals(Protocol):
    """Ratings received by Helpers."""

    def record_rating(self, helper_id: str, conversation_id: str, score: int, at: float
                      ) -> None: ...


class QualityReview(Protocol):
    """The programme's review of a Helper's quality."""

    def review_quality(self, member_id: str) -> object: ...


class ChatReactions:
    """The chat's listener: EMF metrics at each step, points and quality review for Helpers.

    Runs after the chat stored the change; a failure here is logged, never surfaced to the
    chat (a retried event is harmless: awards are idempotent by conversation). Collaborators
    are built on first need.
    """

    def __init__(self, recognition: Callable[[], Recognition],
                 signals: Callable[[], QualitySignals], review: Callable[[], QualityReview],
                 clock: Clock) -> None:
        self._recognition = recognition
        self._signals = signals
        self._review = review
        self._clock = clock
        self._handlers: dict[ChatEvent, Callable[[Conversation], None]] = {
            ChatEvent.ACCEPTED: self._accepted,
            ChatEvent.FIRST_RESPONSE: self._first_response,
            ChatEvent.CLOSED: self._closed,
            ChatEvent.RATED: self._rated,
            # Telling an offline member is TellOfflineMembers' job: nothing to measure here.
            ChatEvent.STAFF_REPLIED: lambda _conversation: None,
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
            self._recognition().on_answered(c.helper_id, c.conversation_id, c.closed_at or 0.0)

    def _rated(self, c: Conversation) -> None:
        score = c.rating
        if score is None:
            return  # the chat tells RATED once a score is stored
        emit_metrics(insight_metrics.on_rated(score))
        if c.helper_id and c.helper_role == HELPER:
            at = self._clock.time()
            self._signals().record_rating(c.helper_id, c.conversation_id, score, at)
            self._recognition().on_rated(c.helper_id, c.conversation_id, score, at)
            self._review().review_quality(c.helper_id)
