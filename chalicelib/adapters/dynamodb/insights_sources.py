"""The conversations insights are computed from, read by Query on the day-bucket index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from chalicelib.adapters.dynamodb.models.chat import ConversationRecord as ConversationItem
from chalicelib.domain.insights.records import ConversationRecord


def days_between(start: float, end: float) -> Iterator[str]:
    """The UTC days (YYYY-MM-DD) that [start, end) touches, oldest first."""
    day = dt.datetime.fromtimestamp(start, dt.UTC).date()
    last = dt.datetime.fromtimestamp(max(start, end), dt.UTC).date()
    while day <= last:
        yield day.isoformat()
        day += dt.timedelta(days=1)


def conversation_record(r: Any) -> ConversationRecord:
    """A conversation as insights see it, from the stored item or the chat's `Conversation`
    (both carry these fields under these names)."""
    return ConversationRecord(
        conversation_id=r.conversation_id,
        opened_at=float(r.opened_at),
        topic=r.topic,
        lang=r.lang,
        assigned_at=r.assigned_at,
        helper_role=r.helper_role,
        first_response_at=r.first_response_at,
        closed_at=r.closed_at,
        rating=int(r.rating) if r.rating is not None else None,
        escalated=bool(r.escalated),
        escalated_at=r.escalated_at,
        straight_to_professionals=bool(r.straight_to_professionals),
    )


class DynamoConversationRecordSource:
    """Conversations opened in a time range: one Query per UTC day on the `day-index`."""

    def opened_between(self, start: float, end: float) -> Iterator[ConversationRecord]:
        """Conversations with `start <= opened_at < end`."""
        C = ConversationItem
        for day in days_between(start, end):
            for r in C.by_day.query(day, C.opened_at.between(start, end)):
                if start <= r.opened_at < end:
                    yield conversation_record(r)
