"""The same figures as CloudWatch metrics (EMF), as plain data for the observability edge."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.insights.records import ConversationRecord
from chalicelib.domain.insights.summary import MetricsSummary

SECONDS = "Seconds"
COUNT = "Count"
NO_UNIT = "None"  # CloudWatch's unit of a pure number


@dataclass(frozen=True)
class Metric:
    """One data point; units are CloudWatch's (Powertools `MetricUnit` names)."""

    name: str
    unit: str
    value: float


def on_assigned(record: ConversationRecord, targets: tuple[int, ...] = (10, 30)) -> list[Metric]:
    """Emitted at `help.accept`: the pickup time and, per target, 1 if met else 0.

    The 0/1 points make CloudWatch's Average statistic the share under the target, live.
    """
    pickup = record.pickup_seconds
    if pickup is None:
        return []
    return [Metric("PickupSeconds", SECONDS, pickup)] + [
        Metric(f"PickedUpUnder{t}s", COUNT, 1.0 if pickup <= t else 0.0) for t in targets
    ]


def on_first_response(record: ConversationRecord) -> list[Metric]:
    """Emitted at the answerer's first message."""
    seconds = record.first_response_seconds
    return [] if seconds is None else [Metric("FirstResponseSeconds", SECONDS, seconds)]


def on_closed(record: ConversationRecord) -> list[Metric]:
    """Emitted at `conversation.close`: the duration and whether it was escalated."""
    points = [Metric("Escalated", COUNT, 1.0 if record.escalated else 0.0)]
    if record.duration_seconds is not None:
        points.append(Metric("ConversationSeconds", SECONDS, record.duration_seconds))
    return points


def on_rated(score: int) -> list[Metric]:
    """Emitted at `conversation.rate`."""
    return [Metric("Rating", NO_UNIT, float(score))]


def from_summary(summary: MetricsSummary) -> list[Metric]:
    """A summary's headline figures, for a scheduled job that publishes them."""
    points = [Metric("Requests", COUNT, float(summary.requests))]
    for target, value in sorted(summary.pickup_share.items()):
        if value is not None:
            points.append(Metric(f"PickupShareUnder{target}s", NO_UNIT, value))
    optional = [
        ("PickupP50Seconds", SECONDS, summary.pickup.p50),
        ("PickupP95Seconds", SECONDS, summary.pickup.p95),
        ("FirstResponseP95Seconds", SECONDS, summary.first_response.p95),
        ("ConversationMeanSeconds", SECONDS, summary.duration.mean),
        ("RatingMean", NO_UNIT, summary.ratings.mean),
        ("EscalationRate", NO_UNIT, summary.escalation_rate),
        ("ClaimsAutoSettlementRate", NO_UNIT, summary.claims.auto_settlement_rate),
    ]
    points += [Metric(n, u, float(v)) for n, u, v in optional if v is not None]
    points.append(Metric("RisingTopics", COUNT, float(len(summary.rising_topics))))
    return points
