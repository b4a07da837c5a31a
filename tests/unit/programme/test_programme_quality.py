"""Quality review over a rolling window, with hysteresis so the badge does not flap."""

import pytest
from programme_fakes import DAY, STAFF

from chalicelib.domain.errors import Forbidden, RuleRefused
from chalicelib.domain.identity import Principal
from chalicelib.domain.programme.quality import (
    QualityPolicy,
    QualitySignal,
    QualitySnapshot,
    SignalKind,
)

BOB = Principal("m-bob", frozenset({"member"}))
POLICY = QualityPolicy()  # flag below 3.8, clear at 4.2; flag at 3 strikes, clear at 1


def snap(mean=None, ratings=10, strikes=0):
    return QualitySnapshot(ratings if mean is not None else 0, mean, strikes)


@pytest.mark.parametrize(
    ("snapshot", "flagged_before", "flagged_after"),
    [
        (snap(3.79), False, True),
        (snap(3.8), False, False),
        (snap(4.0), False, False),  # in the band: an unflagged Helper stays unflagged
        (snap(4.0), True, True),  # in the band: a flagged Helper stays flagged
        (snap(4.19), True, True),
        (snap(4.2), True, False),
        (snap(strikes=3), False, True),
        (snap(strikes=2), False, False),
        (snap(strikes=2), True, True),
        (snap(strikes=1), True, False),
        (snap(1.0, ratings=4), False, False),  # too few ratings to judge
        (snap(1.0, ratings=4), True, False),  # and too few to hold a flag
    ],
)
def test_thresholds_depend_on_the_current_state(snapshot, flagged_before, flagged_after):
    assert POLICY.evaluate(snapshot, flagged_before).flagged is flagged_after


def test_both_reasons_are_reported():
    verdict = POLICY.evaluate(snap(3.0, strikes=4), False)
    assert verdict.reasons == ("low_ratings", "moderation_strikes")


def test_snapshot_counts_only_the_window():
    signals = [
        QualitySignal(SignalKind.RATING, 5.0, 1),
        QualitySignal(SignalKind.RATING, 10.0, 5),
        QualitySignal(SignalKind.RATING, 19.0, 4),
        QualitySignal(SignalKind.STRIKE, 12.0),
        QualitySignal(SignalKind.RATING, 20.0, 1),
    ]
    assert QualitySnapshot.of(signals, 10.0, 20.0) == QualitySnapshot(2, 4.5, 1)


def _flips(policy, stream):
    """Replay a stream of ratings through a 10-rating window; count badge changes."""
    flagged, flips, window = False, 0, []
    for score in stream:
        window = (window + [score])[-10:]
        snapshot = QualitySnapshot(len(window), sum(window) / len(window), 0)
        verdict = policy.evaluate(snapshot, flagged)
        flips += verdict.flagged != flagged
        flagged = verdict.flagged
    return flips


def test_a_helper_hovering_around_the_limit_does_not_flap():
    # Means wander between about 3.6 and 4.0 around the 3.8 flag limit.
    stream = [4, 4, 3, 4, 4, 3, 4, 5, 3, 4] + [3, 4, 4, 3, 5, 4, 3, 3, 4, 4] * 6
    without_gap = QualityPolicy(flag_mean_below=3.8, clear_mean_at_least=3.8)
    assert _flips(without_gap, stream) >= 6
    assert _flips(POLICY, stream) <= 1


def test_policy_without_hysteresis_gap_on_strikes_is_rejected():
    with pytest.raises(ValueError):
        QualityPolicy(flag_mean_below=4.0, clear_mean_at_least=3.9)
    with pytest.raises(ValueError):
        QualityPolicy(flag_strikes_at_least=2, clear_strikes_at_most=2)


def test_review_flags_hides_the_badge_and_clears_when_bad_ratings_age_out(world):
    world.make_helper("m-alice")
    now = world.clock.time()
    for i in range(6):
        world.signals.add_rating("m-alice", 2, now + i)
    world.clock.advance(10)
    record = world.programme.review_quality("m-alice")
    assert record.is_flagged and record.flag_reasons == ("low_ratings",)
    assert (record.last_change.by, record.last_change.reason) == (
        "system",
        "quality flag: low_ratings",
    )
    assert "helper" in world.helpers.roles["m-alice"]  # the role stays; staff decide
    assert world.programme.badge("m-alice").helper is False
    assert [r.member_id for r in world.programme.queue(STAFF, "approved", True)] == ["m-alice"]
    assert world.programme.review_quality("m-alice") is None  # no change, no write
    world.clock.advance(31 * DAY)
    record = world.programme.review_quality("m-alice")
    assert not record.is_flagged
    assert world.programme.badge("m-alice").helper is True


def test_staff_clearing_a_flag_restarts_the_window(world):
    world.make_helper("m-alice")
    now = world.clock.time()
    for i in range(3):
        world.signals.add_strike("m-alice", now + i)
    world.clock.advance(10)
    assert world.programme.review_quality("m-alice").is_flagged
    with pytest.raises(Forbidden):
        world.programme.clear_flag(BOB, "m-alice")
    record = world.programme.clear_flag(STAFF, "m-alice")
    assert (record.last_change.by, record.last_change.reason) == (
        "s-1",
        "quality flag cleared after review",
    )
    with pytest.raises(RuleRefused):
        world.programme.clear_flag(STAFF, "m-alice")
    world.clock.advance(10)
    # The three strikes were reviewed; they no longer count.
    assert world.programme.review_quality("m-alice") is None
    assert world.programme.badge("m-alice").helper is True


def test_only_active_helpers_are_reviewed(world):
    world.signals.add_strike("m-alice", world.clock.time())
    assert world.programme.review_quality("m-alice") is None


def test_the_daily_review_reads_only_flagged_helpers_and_clears_those_recovered(world):
    for member_id in ("m-alice", "m-bob"):
        world.make_helper(member_id)
    for i in range(6):
        world.signals.add_rating("m-alice", 2, world.clock.time() + i)
    world.clock.advance(10)
    world.programme.review_quality("m-alice")
    world.clock.advance(5 * DAY)
    assert world.programme.review_flagged() == []  # still inside the window
    world.clock.advance(30 * DAY)
    assert [r.member_id for r in world.programme.review_flagged()] == ["m-alice"]
    assert world.programme.badge("m-alice").helper is True
