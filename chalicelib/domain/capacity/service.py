"""`GET /metrics/capacity`: how many Helpers must be online, for staff."""

from __future__ import annotations

from chalicelib.domain.capacity.planner import CapacityPlanner, Demand, Plan, Target
from chalicelib.domain.errors import BadInput, Forbidden
from chalicelib.domain.identity import Principal

# Bounds that keep one request to a few milliseconds (the planner is linear in the slots).
MAX_ARRIVALS_PER_HOUR = 20_000.0
MAX_MEAN_MINUTES = 240.0
MAX_CAPACITY = 10


class CapacityService:
    """The planner with the deployed routing policy; inputs checked, staff only."""

    def __init__(self, planner: CapacityPlanner, default_capacity: int) -> None:
        self.planner = planner
        self.default_capacity = default_capacity

    def plan(
        self,
        principal: Principal,
        arrivals_per_hour: float | None,
        mean_minutes: float | None = None,
        capacity: int | None = None,
        target_seconds: float | None = None,
        target_share: float | None = None,
    ) -> Plan:
        """The fewest online Helpers meeting the target, with the figures around it."""
        if not principal.is_staff:
            raise Forbidden("capacity planning is for staff")
        if arrivals_per_hour is None:
            raise BadInput("arrivals_per_hour is required", code="arrivals_required")
        if not 0 < arrivals_per_hour <= MAX_ARRIVALS_PER_HOUR:
            raise BadInput(f"arrivals_per_hour must be within (0, {MAX_ARRIVALS_PER_HOUR:g}]")
        minutes = 7.0 if mean_minutes is None else mean_minutes
        if not 0 < minutes <= MAX_MEAN_MINUTES:
            raise BadInput(f"mean_minutes must be within (0, {MAX_MEAN_MINUTES:g}]")
        slots = self.default_capacity if capacity is None else capacity
        if not 1 <= slots <= MAX_CAPACITY:
            raise BadInput(f"capacity must be within 1..{MAX_CAPACITY}")
        target = Target(
            10.0 if target_seconds is None else target_seconds,
            0.95 if target_share is None else target_share,
        )
        return self.planner.plan(Demand(arrivals_per_hour, minutes), slots, target)
