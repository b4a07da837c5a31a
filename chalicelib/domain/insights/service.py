"""Insights service: the staff's metrics summary over a window."""

from __future__ import annotations

from chalicelib.domain.clock import Clock, SystemClock
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.identity import Principal
from chalicelib.domain.insights.metrics import Metric, from_summary
from chalicelib.domain.insights.ports import ClaimRecordSource, ConversationRecordSource
from chalicelib.domain.insights.summary import (
    MetricsPolicy,
    MetricsSummary,
    parse_window,
    summarise,
)


class InsightsService:
    """`GET /metrics/summary?window=`: figures of the last window against the one before."""

    def __init__(
        self,
        conversations: ConversationRecordSource,
        claims: ClaimRecordSource,
        *,
        policy: MetricsPolicy | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._conversations = conversations
        self._claims = claims
        self.policy = policy or MetricsPolicy()
        self._clock = clock or SystemClock()

    def summary(self, principal: Principal, window: str | None = "24h") -> MetricsSummary:
        """The summary of the last `window` (staff only)."""
        if not principal.is_staff:
            raise Forbidden("metrics are for staff")
        return self._summary(window)

    def published_metrics(self, window: str = "1h") -> list[Metric]:
        """A schedule's figures for CloudWatch: the headline figures of the last window."""
        return from_summary(self._summary(window))

    def _summary(self, window: str | None) -> MetricsSummary:
        seconds = parse_window(window)
        end = self._clock.time()
        start = end - seconds
        # The window before is read too: rising topics compare the two.
        earliest = start - seconds
        return summarise(
            self._conversations.opened_between(earliest, end),
            self._claims.filed_between(earliest, end),
            start,
            end,
            self.policy,
        )
