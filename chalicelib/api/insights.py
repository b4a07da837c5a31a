"""Insights routes (docs/insights.md, docs/capacity.md) for staff, and the hourly metrics."""

from __future__ import annotations

from typing import Any

from chalice import Rate

from chalicelib.api.edge import STAFF, ContextBlueprint
from chalicelib.api.parsing import query_integer, query_number, query_text
from chalicelib.domain.identity import Principal
from chalicelib.observability import emit_metrics
from chalicelib.runtime import services

insights = ContextBlueprint(__name__)


@insights.route("/metrics/summary", methods=["GET"], access=STAFF)
def metrics_summary(who: Principal) -> dict[str, Any]:
    window = query_text(insights.query, "window", "24h")
    return services().insights.summary(who, window).to_json()


@insights.route("/metrics/capacity", methods=["GET"], access=STAFF)
def metrics_capacity(who: Principal) -> dict[str, Any]:
    q = insights.query
    plan = services().capacity.plan(
        who,
        query_number(q, "arrivals_per_hour"),
        query_number(q, "mean_minutes"),
        query_integer(q, "capacity", None),
        query_number(q, "target_seconds"),
        query_number(q, "target_share"),
    )
    return plan.to_json()


@insights.schedule(Rate(1, unit=Rate.HOURS))
def insights_metrics(event: Any) -> None:
    emit_metrics(services().insights.published_metrics("1h"))
