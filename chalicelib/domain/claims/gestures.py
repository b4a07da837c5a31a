"""Commercial gestures: automatic small ones, delegation ceilings, the ledger and its audit."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain.claims.model import AUTO
from chalicelib.domain.clock import wire_time
from chalicelib.domain.identity import AGENT_TIERS, SUPERVISOR, Principal

# Tukey's fences need a few points to mean anything; below this, nothing is called an outlier.
MIN_SAMPLE_FOR_OUTLIERS = 4
IQR_FACTOR = 1.5


@dataclass(frozen=True)
class LedgerEntry:
    """One gesture, written once and never changed (corrections are new entries)."""

    entry_id: str
    at: datetime
    claim_id: str
    member_id: str
    amount_cents: int
    reason: str
    resolution: str
    granted_by: str
    tier: str = ""
    approved_by: str = ""
    # A correction names the entry it cancels (e.g. a gesture whose decision never took effect).
    voids: str = ""

    @property
    def month(self) -> str:
        """The calendar month (UTC) the gesture belongs to, as YYYY-MM."""
        return wire_time(self.at)[:7]

    def to_json(self) -> dict[str, Any]:
        """Wire and storage form."""
        return {
            "entry_id": self.entry_id,
            "at": wire_time(self.at),
            "claim_id": self.claim_id,
            "member_id": self.member_id,
            "amount_cents": self.amount_cents,
            "reason": self.reason,
            "resolution": self.resolution,
            "granted_by": self.granted_by,
            "tier": self.tier,
            "approved_by": self.approved_by,
            "voids": self.voids,
        }

    def void(self, at: datetime) -> LedgerEntry:
        """The correction that cancels this entry (the ledger is never rewritten)."""
        return LedgerEntry(
            entry_id=f"{self.entry_id}.void", at=at, claim_id=self.claim_id,
            member_id=self.member_id, amount_cents=-self.amount_cents, reason=self.reason,
            resolution=self.resolution, granted_by=self.granted_by, tier=self.tier,
            approved_by=self.approved_by, voids=self.entry_id,
        )


def effective(entries: Iterable[LedgerEntry]) -> list[LedgerEntry]:
    """The entries that stand: corrections and the entries they cancel are left out."""
    items = list(entries)
    voided = {e.voids for e in items if e.voids}
    return [e for e in items if not e.voids and e.entry_id not in voided]


@dataclass(frozen=True)
class GesturePolicy:
    """Small gestures granted on good faith, without proof, within per-member limits."""

    auto_amount_cents: int = 500
    window_days: int = 90
    max_auto_per_member: int = 2
    max_auto_cents_per_member: int = 1_000

    def auto_gesture(self, past: Iterable[LedgerEntry], *, now: datetime) -> tuple[int, str]:
        """The automatic gesture for a member given their ledger: (cents, "") or (0, reason)."""
        since = now - timedelta(days=self.window_days)
        recent = [e for e in effective(past) if e.granted_by == AUTO and e.at >= since]
        if len(recent) >= self.max_auto_per_member:
            return 0, "gesture_count_limit"
        if sum(e.amount_cents for e in recent) + self.auto_amount_cents > (
            self.max_auto_cents_per_member
        ):
            return 0, "gesture_amount_limit"
        return self.auto_amount_cents, ""


@dataclass(frozen=True)
class DelegationPolicy:
    """How much goodwill each agent tier may grant alone; a supervisor approves above that."""

    ceilings_cents: Mapping[str, int] = field(
        default_factory=lambda: {"L1": 5_000, "L2": 20_000, SUPERVISOR: 200_000}
    )

    def ceiling_for(self, principal: Principal) -> int:
        """The largest gesture this person may grant alone (0 for unknown tiers)."""
        tier = principal.tier if principal.tier in AGENT_TIERS else ""
        own = self.ceilings_cents.get(tier or "", 0)
        if principal.has(SUPERVISOR):
            own = max(own, self.ceilings_cents.get(SUPERVISOR, 0))
        return own

    @property
    def maximum_cents(self) -> int:
        """The largest gesture anyone may approve."""
        return max(self.ceilings_cents.values(), default=0)


@dataclass(frozen=True)
class Totals:
    """A count and a sum of gestures."""

    count: int = 0
    amount_cents: int = 0

    def add(self, cents: int) -> Totals:
        """These totals with one more gesture."""
        return Totals(self.count + 1, self.amount_cents + cents)

    def to_json(self) -> dict[str, int]:
        """Wire form."""
        return {"count": self.count, "amount_cents": self.amount_cents}


@dataclass(frozen=True)
class Outlier:
    """Something the audit report asks a person to look at, with the fence it crossed."""

    kind: str
    key: str
    amount_cents: int
    fence_cents: int

    def to_json(self) -> dict[str, Any]:
        """Wire form."""
        return {"kind": self.kind, "key": self.key, "amount_cents": self.amount_cents,
                "fence_cents": self.fence_cents}


@dataclass(frozen=True)
class AuditReport:
    """Gestures by agent, reason and month, with the outliers worth a second look."""

    total: Totals
    by_agent: Mapping[str, Totals]
    by_reason: Mapping[str, Totals]
    by_month: Mapping[str, Totals]
    outliers: tuple[Outlier, ...]

    def to_json(self) -> dict[str, Any]:
        """Wire form of the report."""
        return {
            "total": self.total.to_json(),
            "by_agent": {k: v.to_json() for k, v in sorted(self.by_agent.items())},
            "by_reason": {k: v.to_json() for k, v in sorted(self.by_reason.items())},
            "by_month": {k: v.to_json() for k, v in sorted(self.by_month.items())},
            "outliers": [o.to_json() for o in self.outliers],
        }


def upper_fence(values: Iterable[int]) -> float | None:
    """Tukey's upper fence Q3 + 1.5 IQR, or None with too few values to judge."""
    data = sorted(values)
    if len(data) < MIN_SAMPLE_FOR_OUTLIERS:
        return None
    q1, _, q3 = statistics.quantiles(data, n=4, method="inclusive")
    return q3 + IQR_FACTOR * (q3 - q1)


def audit_report(entries: Iterable[LedgerEntry]) -> AuditReport:
    """Aggregate the standing ledger entries and flag outliers (docs/claims.md, "Audit report").

    Two kinds of outliers: single gestures above the fence of all gestures in the period, and an
    agent's monthly total above the fence of every agent's total that month. Quartile fences are
    used rather than z-scores because gesture amounts are skewed and samples are small, and one
    large value inflates the standard deviation enough to hide itself.
    """
    items = effective(entries)
    total = Totals()
    by_agent: dict[str, Totals] = defaultdict(Totals)
    by_reason: dict[str, Totals] = defaultdict(Totals)
    by_month: dict[str, Totals] = defaultdict(Totals)
    agent_month: dict[tuple[str, str], int] = defaultdict(int)
    for e in items:
        total = total.add(e.amount_cents)
        by_agent[e.granted_by] = by_agent[e.granted_by].add(e.amount_cents)
        by_reason[e.reason] = by_reason[e.reason].add(e.amount_cents)
        by_month[e.month] = by_month[e.month].add(e.amount_cents)
        if e.granted_by != AUTO:
            agent_month[(e.granted_by, e.month)] += e.amount_cents
    outliers: list[Outlier] = []
    fence = upper_fence(e.amount_cents for e in items)
    if fence is not None:
        outliers += [Outlier("gesture", e.entry_id, e.amount_cents, round(fence))
                     for e in items if e.amount_cents > fence]
    for month in sorted({m for _, m in agent_month}):
        totals = {a: c for (a, m), c in agent_month.items() if m == month}
        fence = upper_fence(totals.values())
        if fence is not None:
            outliers += [Outlier("agent_month", f"{a}/{month}", c, round(fence))
                         for a, c in sorted(totals.items()) if c > fence]
    return AuditReport(total, dict(by_agent), dict(by_reason), dict(by_month), tuple(outliers))
