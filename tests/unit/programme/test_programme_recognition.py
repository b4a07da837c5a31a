"""Points, levels, period keys, leaderboard ordering and symbolic rewards."""

from datetime import UTC, datetime

import pytest
from programme_fakes import DAY, STAFF

from chalicelib.domain.errors import BadInput, Forbidden, NotFound, RuleRefused
from chalicelib.domain.identity import Principal
from chalicelib.domain.programme.leaderboard import (
    Period,
    Score,
    needs_more,
    period_key,
    period_keys,
    rank,
)
from chalicelib.domain.programme.recognition import REWARD_CATALOGUE, LevelScale


def ts(*args):
    return datetime(*args, tzinfo=UTC).timestamp()


def test_points_for_answers_good_ratings_and_adopted_articles(world):
    world.make_helper("h-1")
    at = world.clock.time()
    assert world.recognition.on_answered("h-1", "c-1", at)
    assert world.recognition.on_rated("h-1", "c-1", 5, at)
    assert world.recognition.on_rated("h-1", "c-2", 4, at)
    assert not world.recognition.on_rated("h-1", "c-3", 3, at)
    assert world.recognition.on_article_adopted("h-1", "kb-1", at)
    assert world.recognition.standing("h-1").all_time == 10 + 5 + 2 + 25


def test_the_same_event_delivered_twice_counts_once(world):
    world.make_helper("h-1")
    at = world.clock.time()
    assert world.recognition.on_answered("h-1", "c-1", at)
    assert not world.recognition.on_answered("h-1", "c-1", at + 5)
    assert world.recognition.on_rated("h-1", "c-1", 5, at)  # another reason, same source
    assert world.recognition.standing("h-1").all_time == 15


def test_only_active_helpers_earn_points(world):
    at = world.clock.time()
    assert not world.recognition.on_answered("a-l1", "c-1", at)  # an agent
    world.make_helper("h-1")
    world.programme.suspend(STAFF, "h-1", "under investigation")
    assert not world.recognition.on_answered("h-1", "c-2", at)
    assert world.points.scores == {}


@pytest.mark.parametrize(
    ("points", "code", "rank_", "next_at"),
    [
        (0, "newcomer", 1, 100),
        (99, "newcomer", 1, 100),
        (100, "regular", 2, 500),
        (499, "regular", 2, 500),
        (500, "expert", 3, 1500),
        (1500, "mentor", 4, 4000),
        (10_000, "legend", 5, None),
    ],
)
def test_levels_by_all_time_points(points, code, rank_, next_at):
    level = LevelScale().level_for(points)
    assert (level.code, level.rank, level.next_at) == (code, rank_, next_at)


def test_level_scale_must_start_at_zero_and_increase():
    with pytest.raises(ValueError):
        LevelScale(((10, "a", "a", "a"),))
    with pytest.raises(ValueError):
        LevelScale(((0, "a", "a", "a"), (0, "b", "b", "b")))


def test_period_keys_use_iso_weeks_and_utc():
    assert period_keys(ts(2026, 5, 28, 12)) == ("W#2026-W22", "M#2026-05", "ALL")
    # 1 January 2027 is a Friday: it belongs to the last ISO week of 2026.
    assert period_key(Period.WEEK, ts(2027, 1, 1)) == "W#2026-W53"
    assert period_key(Period.MONTH, ts(2027, 1, 1)) == "M#2027-01"
    assert period_key(Period.WEEK, ts(2026, 6, 1) - 1) == "W#2026-W22"  # Sunday 23:59:59
    assert period_key(Period.WEEK, ts(2026, 6, 1)) == "W#2026-W23"


def test_weekly_points_reset_while_monthly_and_all_time_keep_counting(world):
    world.make_helper("h-1")
    monday = ts(2026, 5, 11, 9)
    world.recognition.on_answered("h-1", "c-1", monday)
    world.clock.t = monday + 7 * DAY  # the next Monday, same month
    world.recognition.on_answered("h-1", "c-2", world.clock.t)
    standing = world.recognition.standing("h-1")
    assert (standing.week, standing.month, standing.all_time) == (10, 20, 20)


def test_leaderboard_orders_by_points_then_who_got_there_first(world):
    for helper in ("h-1", "h-2", "h-3", "h-4"):
        world.make_helper(helper)
    t = world.clock.time()
    world.recognition.on_answered("h-1", "c-1", t + 1)  # 10, reached at t+1
    world.recognition.on_answered("h-2", "c-2", t)  # 10, reached at t: first
    world.recognition.on_answered("h-3", "c-3", t + 2)
    world.recognition.on_rated("h-3", "c-3", 5, t + 3)  # 15
    world.recognition.on_answered("h-4", "c-4", t + 1)  # 10 at t+1, ties h-1 on time too
    board = world.recognition.leaderboard("week", limit=4)
    assert [(e.rank, e.member_id, e.points) for e in board] == [
        (1, "h-3", 15),
        (2, "h-2", 10),
        (3, "h-1", 10),
        (4, "h-4", 10),
    ]
    assert board[0].to_json()["level"]["code"] == "newcomer"
    assert [e.member_id for e in world.recognition.leaderboard(Period.ALL, limit=2)] == [
        "h-3",
        "h-2",
    ]


def test_leaderboard_hides_suspended_helpers_and_checks_its_arguments(world):
    for helper in ("h-1", "h-2"):
        world.make_helper(helper)
    world.recognition.on_article_adopted("h-1", "kb-1", world.clock.time())
    world.recognition.on_answered("h-2", "c-1", world.clock.time())
    world.programme.suspend(STAFF, "h-1", "off-platform payment")
    assert [e.member_id for e in world.recognition.leaderboard("month")] == ["h-2"]
    with pytest.raises(BadInput):
        world.recognition.leaderboard("year")
    with pytest.raises(BadInput):
        world.recognition.leaderboard("week", limit=0)


def test_ties_at_the_cut_make_a_store_read_on():
    scores = [Score(f"h-{i}", "ALL", p, 0) for i, p in enumerate([30, 20, 20, 20, 10])]
    assert needs_more(scores[:2], 2)  # the 2nd has 20 and more 20s may follow
    assert not needs_more(scores[:1], 2)  # fewer than asked: the store is exhausted
    assert not needs_more(scores[:5], 2)  # read past the tie: settled
    assert [s.member_id for s in rank(reversed(scores), 3)] == ["h-0", "h-1", "h-2"]


def test_catalogue_holds_the_symbolic_rewards_in_both_languages(world):
    ids = {r.reward_id for r in world.recognition.catalogue()}
    assert {"company_visit", "team_dinner"} <= ids
    for reward in REWARD_CATALOGUE:
        assert reward.to_json("fr")["label"] and reward.to_json("en")["label"]


def test_staff_grant_rewards_within_the_rules(world):
    world.make_helper("h-1")
    t = world.clock.time()
    for i in range(10):
        world.recognition.on_answered("h-1", f"c-{i}", t)  # 100 points: level 2
    with pytest.raises(Forbidden):
        world.recognition.grant_reward(Principal("h-1", frozenset({"helper"})), "h-1", "goodies")
    with pytest.raises(NotFound):
        world.recognition.grant_reward(STAFF, "h-1", "yacht")
    with pytest.raises(RuleRefused) as caught:
        world.recognition.grant_reward(STAFF, "h-1", "team_dinner")
    assert caught.value.code == "level_too_low"
    grant = world.recognition.grant_reward(STAFF, "h-1", "goodies", "thanks!")
    assert grant.granted_by == "s-1"
    with pytest.raises(RuleRefused) as caught:
        world.recognition.grant_reward(STAFF, "h-1", "goodies")
    assert caught.value.code == "already_granted"
    world.recognition.grant_reward(STAFF, "h-1", "thank_you_note")
    world.recognition.grant_reward(STAFF, "h-1", "thank_you_note")  # repeatable
    assert len(world.recognition.rewards_of(STAFF, "h-1")) == 3
    with pytest.raises(Forbidden):
        world.recognition.rewards_of(Principal("m-bob", frozenset({"member"})), "h-1")
    with pytest.raises(RuleRefused):
        world.recognition.grant_reward(STAFF, "m-bob", "thank_you_note")
