"""Eligibility edges: every bound is inclusive, every unmet condition is reported."""

import pytest

from chalicelib.domain.programme.eligibility import EligibilityPolicy, Reputation

POLICY = EligibilityPolicy(min_rating=4.7, min_reviews=20, min_positive_share=0.95)


def rep(rating=4.7, reviews=20, share=0.95, good=True):
    return Reputation("m-x", rating, reviews, share, in_good_standing=good)


def test_exactly_on_every_threshold_is_eligible():
    assert POLICY.assess(rep()).eligible


def test_averages_a_hair_below_by_float_noise_are_still_eligible():
    assert POLICY.assess(rep(rating=4.699999999999, share=0.9499999999999)).eligible


@pytest.mark.parametrize(
    ("reputation", "reason"),
    [
        (rep(rating=4.69), "rating_too_low"),
        (rep(reviews=19), "too_few_reviews"),
        (rep(share=0.949), "positive_share_too_low"),
        (rep(good=False), "account_not_in_good_standing"),
    ],
)
def test_just_below_one_threshold_is_refused_with_its_reason(reputation, reason):
    verdict = POLICY.assess(reputation)
    assert not verdict.eligible
    assert verdict.reasons == (reason,)


def test_every_unmet_condition_is_listed():
    verdict = POLICY.assess(rep(rating=4.0, reviews=3, share=0.5))
    assert set(verdict.reasons) == {"rating_too_low", "too_few_reviews", "positive_share_too_low"}


def test_a_member_without_reputation_is_not_eligible():
    assert POLICY.assess(None).reasons == ("no_reputation",)


def test_positive_share_from_counts():
    assert POLICY.assess(Reputation.from_counts("m-x", 4.8, 20, 19)).eligible
    assert not POLICY.assess(Reputation.from_counts("m-x", 4.8, 20, 18)).eligible
    assert not POLICY.assess(Reputation.from_counts("m-x", 4.8, 0, 0)).eligible


def test_thresholds_are_constructor_arguments():
    lenient = EligibilityPolicy(min_rating=4.0, min_reviews=5, min_positive_share=0.8)
    assert lenient.assess(rep(rating=4.1, reviews=5, share=0.8)).eligible


def test_nonsense_thresholds_are_rejected():
    with pytest.raises(ValueError):
        EligibilityPolicy(min_rating=6)
    with pytest.raises(ValueError):
        EligibilityPolicy(min_positive_share=95)
