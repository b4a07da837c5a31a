"""Erlang formulas, the offer waves, and the planner's search."""

import math

import pytest

from chalicelib.domain.capacity.erlang import erlang_b, erlang_c, wait_exceeds
from chalicelib.domain.capacity.offers import ReactionModel, first_accept_cdf
from chalicelib.domain.capacity.planner import CapacityPlanner, Demand, Target
from chalicelib.domain.chat.routing import WavePolicy
from chalicelib.domain.errors import BadInput


def test_erlang_b_and_c_known_values():
    assert erlang_b(1, 1.0) == pytest.approx(0.5)
    assert erlang_b(2, 1.0) == pytest.approx(0.2)
    assert erlang_c(1, 0.5) == pytest.approx(0.5)  # M/M/1: the utilisation
    assert erlang_c(2, 1.0) == pytest.approx(1 / 3)
    assert erlang_c(3, 3.0) == 1.0 and erlang_c(3, 5.0) == 1.0  # unstable
    assert erlang_c(3, 0.0) == 0.0


def test_erlang_stays_stable_with_thousands_of_servers():
    value = erlang_c(4000, 3900.0)
    assert 0 < value < 1
    assert erlang_c(4001, 3900.0) < value


def test_wait_tail():
    assert wait_exceeds(1, 0.5, 1.0, 0) == pytest.approx(0.5)
    assert wait_exceeds(1, 0.5, 1.0, 2) == pytest.approx(0.5 * math.exp(-1))
    assert wait_exceeds(1, 1.5, 1.0, 2) == 1.0


def test_one_offer_to_a_helper_who_always_accepts_is_their_delay():
    reaction = ReactionModel(median_seconds=4, sigma=0.6, accept_probability=1.0)
    waves = WavePolicy(first=1, growth=0, max_waves=1)
    assert reaction.delay_cdf(4) == pytest.approx(0.5)
    assert first_accept_cdf(reaction, waves, 4) == pytest.approx(0.5)
    assert first_accept_cdf(reaction, waves, 0) == 0.0


def test_waves_widen_and_need_free_helpers():
    reaction = ReactionModel()
    waves = WavePolicy(first=3, growth=3, timeout_seconds=4, max_waves=4)
    assert waves.most_offers == 12
    assert [waves.new_offers(w) for w in (1, 2, 3, 4)] == [3, 3, 3, 3]
    full = first_accept_cdf(reaction, waves, 10)
    assert first_accept_cdf(reaction, waves, 10, available=1) < full
    assert first_accept_cdf(reaction, waves, 10, available=0) == 0.0
    assert first_accept_cdf(reaction, waves, 10, available=12) == pytest.approx(full)
    values = [first_accept_cdf(reaction, waves, t) for t in (1, 2, 5, 10, 30)]
    assert values == sorted(values)


def test_the_plan_is_the_fewest_helpers_meeting_the_target():
    planner = CapacityPlanner()
    demand, target = Demand(130, 7), Target(10, 0.95)
    plan = planner.plan(demand, 2, target)
    assert plan.feasible
    assert plan.assessment(plan.helpers).share_within >= 0.95
    assert plan.assessment(plan.helpers - 1).share_within < 0.95
    assert plan.helpers * 2 > demand.load  # stable
    body = plan.to_json()
    assert body["helpers_needed"] == plan.helpers and body["load_erlangs"] == pytest.approx(
        15.167, 1e-3
    )


def test_more_capacity_per_helper_or_a_laxer_target_needs_fewer_helpers():
    planner = CapacityPlanner()
    demand = Demand(300, 7)
    two = planner.plan(demand, 2, Target(10, 0.95)).helpers
    assert planner.plan(demand, 3, Target(10, 0.95)).helpers < two
    assert planner.plan(demand, 2, Target(10, 0.80)).helpers < two
    assert planner.plan(demand, 2, Target(10, 0.99)).helpers > two


def test_reaction_times_can_make_a_target_unreachable():
    slow = CapacityPlanner(reaction=ReactionModel(median_seconds=20, accept_probability=0.5))
    plan = slow.plan(Demand(100, 7), 2, Target(10, 0.95))
    assert not plan.feasible and plan.helpers is None
    assert plan.ceiling_share < 0.95
    assert plan.to_json()["feasible"] is False


def test_too_few_helpers_for_the_load_pick_up_nothing():
    planner = CapacityPlanner()
    assessment = planner.assess(5, 2, Demand(300, 7), Target())
    assert assessment.share_within == 0.0 and assessment.prob_wait == 1.0


@pytest.mark.parametrize(
    "bad",
    [lambda: Demand(0, 7), lambda: Demand(10, -1), lambda: Target(0, 0.9), lambda: Target(10, 1)],
)
def test_bad_inputs(bad):
    with pytest.raises(BadInput):
        bad()


def test_bad_models():
    with pytest.raises(ValueError):
        ReactionModel(accept_probability=0)
    for bad_waves in ({"first": 0}, {"growth": -1}, {"max_waves": 0}, {"timeout_seconds": 0}):
        with pytest.raises(ValueError):
            WavePolicy(**bad_waves)
    with pytest.raises(BadInput):
        CapacityPlanner().assess(0, 2, Demand(10, 7), Target())
