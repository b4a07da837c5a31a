"""The claims insights are computed from, read by Query on the claims' day-bucket index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from chalicelib.adapters.dynamodb.insights_sources import days_between
from chalicelib.adapters.dynamodb.models.claims import ClaimRecord as ClaimItem
from chalicelib.domain.insights.records import ClaimRecord, settled_by


def _epoch(iso_time: str | None) -> float | None:
    if not iso_time:
        return None
    return dt.datetime.fromisoformat(iso_time.replace("Z", "+00:00")).timestamp()


def claim_to_insights(r: ClaimItem) -> ClaimRecord:
    """A stored claim as insights see it: how it was settled comes from its decision basis."""
    timeline = r.timeline or []
    settled = next((e for e in timeline if e.get("event") == "settled"), None)
    return ClaimRecord(
        claim_id=r.claim_id,
        filed_at=_epoch(r.filed_at) or 0.0,
        problem=r.problem or "",
        settled_by=settled_by(r.basis or (settled or {}).get("basis")) if settled else None,
        settled_at=_epoch(settled.get("at")) if settled else None,
        escalated=any(e.get("event") == "escalated" for e in timeline),
    )


class DynamoClaimRecordSource:
    """Claims filed in a time range: one Query per UTC day on the claims' `day-index`."""

    def filed_between(self, start: float, end: float) -> Iterator[ClaimRecord]:
        """Claims with `start <= filed_at < end` (lock items carry no day: not in the index)."""
        C = ClaimItem
        low, high = _iso(start), _iso(end)
        for day in days_between(start, end):
            for r in C.by_day.query(day, C.filed_at.between(low, high)):
                record = claim_to_insights(r)
                if start <= record.filed_at < end:
                    yield record


def _iso(at: float) -> str:
    return dt.datetime.fromtimestamp(at, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")
