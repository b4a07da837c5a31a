"""Ports of insights: the records of conversations and claims over a time range."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from chalicelib.domain.insights.records import ClaimRecord, ConversationRecord


class ConversationRecordSource(Protocol):
    """Conversations with `start <= opened_at < end`, read by Query (e.g. a day-bucket index)."""

    def opened_between(self, start: float, end: float) -> Iterable[ConversationRecord]: ...


class ClaimRecordSource(Protocol):
    """Claims with `start <= filed_at < end`, read by Query (e.g. a day-bucket index)."""

    def filed_between(self, start: float, end: float) -> Iterable[ClaimRecord]: ...
