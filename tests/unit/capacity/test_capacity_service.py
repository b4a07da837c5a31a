import pytest

from chalicelib.domain.capacity.planner import CapacityPlanner
from chalicelib.domain.capacity.service import CapacityService
from chalicelib.domain.errors import BadInput, Forbidden
from chalicelib.domain.identity import Principal

STAFF = Principal("s-1", frozenset({"supervisor"}))


def test_staff_get_the_plan_with_the_default_capacity_and_target():
    plan = CapacityService(CapacityPlanner(), default_capacity=2).plan(STAFF, 130.0)
    assert (plan.capacity, plan.target.seconds, plan.target.share) == (2, 10.0, 0.95)
    assert plan.demand.mean_minutes == 7.0 and plan.helpers == 12
    with pytest.raises(Forbidden):
        CapacityService(CapacityPlanner(), 2).plan(Principal("h-1", frozenset({"helper"})), 130)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"arrivals_per_hour": None},
        {"arrivals_per_hour": 0},
        {"arrivals_per_hour": 1e6},
        {"arrivals_per_hour": 10, "mean_minutes": 0},
        {"arrivals_per_hour": 10, "capacity": 0},
        {"arrivals_per_hour": 10, "target_share": 1.0},
    ],
)
def test_inputs_outside_their_bounds_are_bad_input(kwargs):
    with pytest.raises(BadInput):
        CapacityService(CapacityPlanner(), 2).plan(STAFF, **kwargs)
