"""Anti-abuse rules: when an automatic settlement must give way to a person."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.domain.claims.model import (
    GOOD,
    RESTRICTED,
    ROUTE_SETTLE,
    SUSPENDED,
    Claim,
    Decision,
)
from chalicelib.domain.errors import RateLimited


@dataclass(frozen=True)
class ClaimHistory:
    """A member's recent claims as the anti-abuse rules count them."""

    open_claims: int = 0
    claims_in_window: int = 0
    auto_settlements: int = 0
    auto_grants: int = 0

    @classmethod
    def from_claims(
        cls, claims: Iterable[Claim], *, now: datetime, window_days: int
    ) -> ClaimHistory:
        """Count open claims, claims in the window and automatic settlements, done or pending.

        An open claim whose plan could still settle automatically counts as if it had: otherwise
        a member could file many claims at once and have them all granted before any settles.
        """
        since = now - timedelta(days=window_days)
        open_claims = in_window = settlements = grants = 0
        for c in claims:
            open_claims += c.is_open
            if c.filed_at < since:
                continue
            in_window += 1
            if c.is_open:
                settlements += any(d.route == ROUTE_SETTLE and d.value_cents > 0
                                   for d in c.plan.decisions.values())
                grants += c.plan.may_grant_automatically
            elif c.decided_by == "auto" and c.value_cents > 0:
                settlements += 1
                grants += c.basis in ("rule", "silence")
        return cls(open_claims, in_window, settlements, grants)


@dataclass(frozen=True)
class AbusePolicy:
    """Caps on automatic settlements per member, by standing and by amount (all configurable)."""

    window_days: int = 90
    max_open_claims: int = 5
    max_claims_in_window: int = 8
    max_auto_settlements: int = 6
    max_auto_grants: int = 3
    auto_max_cents: int = 15_000
    silence_max_cents: int = 6_000

    def check_filing(self, history: ClaimHistory) -> None:
        """Refuse a new claim while the member already has too many open ones."""
        if history.open_claims >= self.max_open_claims:
            raise RateLimited("too many open claims; wait for one to be settled",
                              code="too_many_open_claims")

    def objection(self, decision: Decision, *, standing: str, history: ClaimHistory) -> str | None:
        """Why this automatic settlement must go to an agent instead, or None when it may stand.

        Settlements worth nothing to the claimant (information, "no refund under the terms")
        always stand: refusing them automatically costs the company nothing.
        """
        if decision.route != ROUTE_SETTLE or decision.value_cents <= 0:
            return None
        if standing == SUSPENDED:
            return "member_suspended"
        if decision.value_cents > self.auto_max_cents:
            return "above_amount_cap"
        if history.claims_in_window >= self.max_claims_in_window:
            return "many_claims"
        if history.auto_settlements >= self.max_auto_settlements:
            return "auto_settlement_cap"
        if decision.branch == "confirm":
            # The counterpart agreed: the remaining risk is collusion, which the caps above bound.
            return None
        if standing == RESTRICTED:
            return "member_standing"
        if history.auto_grants >= self.max_auto_grants:
            return "auto_grant_cap"
        if decision.branch == "silence":
            if standing != GOOD:
                return "member_standing"
            if decision.value_cents > self.silence_max_cents:
                return "silence_above_low_value"
        return None
