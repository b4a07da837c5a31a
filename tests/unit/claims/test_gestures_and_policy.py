"""Gesture limits, delegation ceilings, the audit report, and claim-history counting."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.claims.gestures import (
    DelegationPolicy,
    GesturePolicy,
    LedgerEntry,
    audit_report,
    upper_fence,
)
from chalicelib.domain.claims.model import AUTO, CLOSED, Claim, Decision, OutcomePlan
from chalicelib.domain.claims.policy import AbusePolicy, ClaimHistory
from chalicelib.domain.errors import RateLimited
from chalicelib.domain.identity import Principal
from tests.unit.claims.claims_fakes import AGENT_L1, AGENT_L2, NOW, SUPERVISOR


def entry(n: int, cents: int, *, by: str = "a-l1", at: datetime = NOW, reason: str = "comfort",
          member: str = "m-alice") -> LedgerEntry:
    return LedgerEntry(f"e{n}", at, f"cl-{n}", member, cents, reason, "refund_full", by)


def test_automatic_gestures_stop_at_the_count_and_amount_limits():
    policy = GesturePolicy(auto_amount_cents=500, max_auto_per_member=2,
                           max_auto_cents_per_member=800, window_days=90)
    assert policy.auto_gesture([], now=NOW) == (500, "")
    one = [entry(1, 500, by=AUTO)]
    assert policy.auto_gesture(one, now=NOW) == (0, "gesture_amount_limit")
    two_small = [entry(1, 100, by=AUTO), entry(2, 100, by=AUTO)]
    assert policy.auto_gesture(two_small, now=NOW) == (0, "gesture_count_limit")
    old = [entry(1, 500, by=AUTO, at=NOW - timedelta(days=91))]
    assert policy.auto_gesture(old, now=NOW) == (500, "")
    agents_do_not_count = [entry(1, 500, by="a-l2")]
    assert policy.auto_gesture(agents_do_not_count, now=NOW) == (500, "")


def test_a_voided_gesture_no_longer_counts():
    first = entry(1, 500, by=AUTO)
    policy = GesturePolicy(max_auto_per_member=1)
    assert policy.auto_gesture([first], now=NOW)[0] == 0
    assert policy.auto_gesture([first, first.void(NOW)], now=NOW)[0] == 500


def test_delegation_ceilings_follow_tier_and_role():
    policy = DelegationPolicy({"L1": 3_000, "L2": 15_000, "supervisor": 200_000})
    assert policy.ceiling_for(AGENT_L1) == 3_000
    assert policy.ceiling_for(AGENT_L2) == 15_000
    assert policy.ceiling_for(SUPERVISOR) == 200_000
    assert policy.ceiling_for(Principal("a-x", frozenset({"agent"}), tier="L9")) == 0
    assert policy.maximum_cents == 200_000


def test_audit_report_totals_by_agent_reason_and_month():
    march, april = NOW, datetime(2025, 4, 2, tzinfo=UTC)
    report = audit_report([
        entry(1, 500, by=AUTO, reason="comfort"),
        entry(2, 2_000, by="a-l1", reason="driver_no_show"),
        entry(3, 3_000, by="a-l1", reason="driver_no_show", at=april),
        entry(4, 1_000, by="a-l2", reason="damage", at=april),
    ]).to_json()
    assert report["total"] == {"count": 4, "amount_cents": 6_500}
    assert report["by_agent"]["a-l1"] == {"count": 2, "amount_cents": 5_000}
    assert report["by_agent"][AUTO] == {"count": 1, "amount_cents": 500}
    assert report["by_reason"]["driver_no_show"]["amount_cents"] == 5_000
    assert report["by_month"] == {"2025-03": {"count": 2, "amount_cents": 2_500},
                                  "2025-04": {"count": 2, "amount_cents": 4_000}}
    assert march < april


def test_audit_report_flags_a_gesture_far_above_the_others():
    entries = [entry(i, 1_000 + 50 * i) for i in range(10)] + [entry(99, 150_000)]
    outliers = audit_report(entries).outliers
    assert [(o.kind, o.key) for o in outliers] == [("gesture", "e99")]
    assert outliers[0].fence_cents < 150_000


def test_audit_report_flags_an_agent_granting_far_more_than_peers_that_month():
    entries = [entry(i, 1_000, by=f"a-{i}") for i in range(6)]
    entries += [entry(100 + i, 1_000, by="a-generous") for i in range(8)]
    outliers = audit_report(entries).outliers
    assert ("agent_month", "a-generous/2025-03") in [(o.kind, o.key) for o in outliers]


def test_audit_report_leaves_voided_entries_out():
    e = entry(1, 5_000)
    report = audit_report([e, e.void(NOW)])
    assert report.total.count == 0


def test_no_outliers_are_called_on_tiny_samples():
    assert upper_fence([1, 1_000_000]) is None
    assert audit_report([entry(1, 1), entry(2, 1_000_000)]).outliers == ()


def test_outliers_are_judged_from_four_gestures_on():
    assert audit_report([entry(1, 100), entry(2, 100), entry(3, 10_000)]).outliers == ()
    four = audit_report([entry(1, 100), entry(2, 100), entry(3, 100), entry(4, 10_000)])
    assert [(o.kind, o.key) for o in four.outliers] == [("gesture", "e4")]


def test_a_gesture_on_the_fence_is_not_an_outlier_one_cent_above_is():
    same = [entry(i, 1_000) for i in range(4)]
    assert audit_report([*same, entry(9, 1_000)]).outliers == ()
    [outlier] = audit_report([*same, entry(9, 1_001)]).outliers
    assert (outlier.key, outlier.amount_cents, outlier.fence_cents) == ("e9", 1_001, 1_000)


def test_automatic_gestures_never_make_an_agent_month_outlier():
    entries = [entry(i, 1_000, by=f"a-{i}") for i in range(5)]
    entries += [entry(100 + i, 1_000, by=AUTO) for i in range(10)]
    assert [o for o in audit_report(entries).outliers if o.kind == "agent_month"] == []


def test_a_voided_gesture_is_never_flagged_as_an_outlier():
    big = entry(99, 150_000)
    entries = [entry(i, 1_000 + 50 * i) for i in range(10)]
    assert audit_report([*entries, big, big.void(NOW)]).outliers == ()


# Claim history as the anti-abuse rules count it.


def claim(n: int, *, filed: datetime, status: str = CLOSED, decided_by: str = "",
          basis: str = "", value: int = 0, plan: OutcomePlan | None = None) -> Claim:
    return Claim(
        claim_id=f"cl-{n}", booking_id=f"bk-{n}", problem="driver_no_show",
        claimant_id="m-alice", counterpart_id="m-bob", claimant_side="passenger", answers={},
        status=status, filed_at=filed, plan=plan or OutcomePlan(False, {}),
        decided_by=decided_by, basis=basis, value_cents=value,
    )


def test_history_counts_done_and_pending_automatic_settlements():
    auto_silence = Decision("settle", "silence", "silence", "refund_full", value_cents=2_800)
    pending_plan = OutcomePlan(True, {"silence": auto_silence})
    history = ClaimHistory.from_claims([
        claim(1, filed=NOW - timedelta(days=3), decided_by=AUTO, basis="silence", value=2_800),
        claim(2, filed=NOW - timedelta(days=4), decided_by=AUTO, basis="confirmed", value=2_800),
        claim(3, filed=NOW - timedelta(days=5), decided_by="a-l1", basis="agent", value=2_800),
        claim(4, filed=NOW - timedelta(days=1), status="awaiting_counterpart", plan=pending_plan),
        claim(5, filed=NOW - timedelta(days=200), decided_by=AUTO, basis="silence", value=100),
    ], now=NOW, window_days=90)
    assert history == ClaimHistory(open_claims=1, claims_in_window=4, auto_settlements=3,
                                   auto_grants=2)


def test_filing_is_refused_with_too_many_open_claims():
    policy = AbusePolicy(max_open_claims=2)
    policy.check_filing(ClaimHistory(open_claims=1))
    with pytest.raises(RateLimited) as e:
        policy.check_filing(ClaimHistory(open_claims=2))
    assert e.value.code == "too_many_open_claims"


def test_settlements_worth_nothing_to_the_claimant_are_never_objected_to():
    nothing = Decision("settle", "direct", "rule", "no_refund", value_cents=0)
    assert AbusePolicy().objection(nothing, standing="suspended",
                                   history=ClaimHistory(auto_grants=99)) is None
    assert AbusePolicy().objection(replace(nothing, value_cents=1), standing="suspended",
                                   history=ClaimHistory()) == "member_suspended"
