"""Resolutions turned into events and money, and the plan computed at filing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.claims.catalogue import load_catalogue
from chalicelib.domain.claims.events import OutboundEvent, schema
from chalicelib.domain.claims.gestures import GesturePolicy, LedgerEntry
from chalicelib.domain.claims.model import AUTO, GOOD, SUSPENDED, WATCH, Decision
from chalicelib.domain.claims.outcomes import (
    Planner,
    SettlementContext,
    hold_event,
    percent_of,
    settlement,
)
from chalicelib.domain.claims.policy import AbusePolicy, ClaimHistory
from chalicelib.domain.clock import wire_time
from tests.unit.claims.claims_fakes import NOW, booking

CAT = load_catalogue()


def ctx(side: str = "passenger", *, hold: bool = False, problem: str = "driver_no_show",
        contribution: int = 2_500) -> SettlementContext:
    return SettlementContext("cl-1", problem, booking(contribution=contribution), side,
                             wire_time(NOW), hold)


def types(events) -> list[str]:
    return [e.type for e in events]


def test_full_refund_includes_the_fee_and_marks_the_confirming_driver():
    events, value = settlement(ctx(), CAT.resolution("refund_full"), key="confirm",
                               mark="no_show")
    assert types(events) == ["refund", "no_penalty", "reliability.mark", "payment.release"]
    refund = events[0].payload
    assert (refund.amount_cents, refund.contribution_cents, refund.fee_cents) == (2_800, 2_500, 300)
    assert events[2].payload.member_id == "m-bob"
    assert events[-1].payload.payout_cents == 0
    assert value == 2_800


def test_half_refund_rounds_half_up_in_integer_cents():
    assert percent_of(2_501, 50) == 1_251
    assert percent_of(999, 25) == 250
    events, value = settlement(ctx(contribution=2_501), CAT.resolution("refund_half"), key="x")
    assert events[0].payload.amount_cents == 1_251
    assert events[-1].payload.payout_cents == 1_250
    assert value == 1_251


def test_driver_cancellation_offers_the_bookings_alternatives():
    events, _ = settlement(ctx(problem="driver_cancelled"),
                           CAT.resolution("driver_cancellation"), key="direct")
    notice = next(e for e in events if e.type == "cancellation.notice")
    assert notice.payload.alternatives[0].ride_id == "ride-9"
    assert notice.to_json()["alternatives"] == [
        {"ride_id": "ride-9", "departure_at": "2025-03-12T15:00:00Z", "seats_left": 2}]


def test_paying_the_driver_is_worth_the_contribution_to_a_driver_claimant():
    events, value = settlement(ctx("driver", problem="passenger_no_show"),
                               CAT.resolution("pay_driver"), key="confirm", mark="no_show")
    assert types(events) == ["reliability.mark", "payment.release"]
    assert events[0].payload.member_id == "m-alice"
    assert events[-1].payload.payout_cents == 2_500
    assert value == 2_500


def test_a_hold_always_ends_with_a_release_even_without_money():
    events, value = settlement(ctx(hold=True), CAT.resolution("rejected"), key="agent")
    assert types(events) == ["payment.release"]
    assert events[0].payload.payout_cents == 2_500
    assert value == 0
    no_hold, _ = settlement(ctx(), CAT.resolution("rejected"), key="agent")
    assert no_hold == ()


def test_event_ids_are_stable_per_claim_and_branch():
    first, _ = settlement(ctx(), CAT.resolution("refund_full"), key="confirm")
    again, _ = settlement(ctx(), CAT.resolution("refund_full"), key="confirm")
    assert [e.event_id for e in first] == [e.event_id for e in again]
    assert first[0].event_id == "cl-1.confirm.1"
    assert hold_event(ctx(hold=True)).event_id == "cl-1.hold.1"


def test_every_event_survives_its_wire_form():
    events, _ = settlement(ctx(hold=True, problem="driver_cancelled"),
                           CAT.resolution("driver_cancellation"), key="k", mark="no_show",
                           gesture_cents=500, charge_cents=1_000)
    events = (*events, hold_event(ctx(hold=True)))
    assert set(types(events)) == set(schema())
    for e in events:
        wire = e.to_json()
        assert wire["version"] == 1 and wire["type"] == e.type
        assert OutboundEvent.from_json(wire) == e


def test_decisions_survive_their_workflow_form():
    events, value = settlement(ctx(), CAT.resolution("refund_full"), key="confirm")
    d = Decision(route="settle", branch="confirm", basis="confirmed", resolution="refund_full",
                 value_cents=value, events=events, mark="no_show")
    assert Decision.from_json(d.to_json()) == d


# The plan.


def planner(**abuse) -> Planner:
    return Planner(CAT.resolutions, AbusePolicy(**abuse), GesturePolicy())


def plan_for(problem: str, answers: dict, *, side: str = "passenger", standing: str = GOOD,
             history: ClaimHistory | None = None, ledger=(), contribution: int = 2_500, **abuse):
    p = CAT.problem(problem)
    clean = p.validate_answers(answers)
    return planner(**abuse).plan(
        ctx(side, problem=problem, contribution=contribution), p, p.rule_for(clean), clean,
        standing=standing, history=history or ClaimHistory(), ledger=ledger)


NO_SHOW = {"at_meeting_point": True, "contacted_driver": True, "driver_warned": False}


def routes(plan) -> dict[str, str]:
    return {k: d.route if d.route == "agent" else d.resolution for k, d in plan.decisions.items()}


def test_a_clean_no_show_settles_on_confirm_and_on_silence():
    plan = plan_for("driver_no_show", NO_SHOW)
    assert plan.asks_counterpart
    assert routes(plan) == {"confirm": "refund_full", "dispute": "agent",
                            "silence": "refund_full"}
    assert plan.decision("dispute").reason == "disputed"
    assert plan.decision("silence").basis == "silence"


def test_silence_escalates_when_the_claimant_did_not_try_to_reach_the_driver():
    plan = plan_for("driver_no_show", {**NO_SHOW, "contacted_driver": False})
    assert plan.decision("silence").route == "agent"
    assert plan.decision("silence").reason == "silence_needs_review"


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"standing": WATCH}, "member_standing"),
        ({"contribution": 9_000}, "silence_above_low_value"),
        ({"history": ClaimHistory(auto_grants=3)}, "auto_grant_cap"),
    ],
)
def test_silence_grants_only_low_value_claims_of_members_in_good_standing(kwargs, reason):
    plan = plan_for("driver_no_show", NO_SHOW, **kwargs)
    assert plan.decision("confirm").route == "settle"
    assert plan.decision("silence").route == "agent"
    assert plan.decision("silence").reason == reason


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"standing": SUSPENDED}, "member_suspended"),
        ({"contribution": 20_000}, "above_amount_cap"),
        ({"history": ClaimHistory(claims_in_window=8)}, "many_claims"),
        ({"history": ClaimHistory(auto_settlements=6)}, "auto_settlement_cap"),
    ],
)
def test_even_a_confirmed_claim_goes_to_an_agent_past_the_hard_caps(kwargs, reason):
    plan = plan_for("driver_no_show", NO_SHOW, **kwargs)
    assert plan.decision("confirm").route == "agent"
    assert plan.decision("confirm").reason == reason


def test_never_automated_types_plan_an_agent_at_once():
    plan = plan_for("safety", {"safe_now": True, "kind": "accident"})
    assert not plan.asks_counterpart
    assert routes(plan) == {"direct": "agent"}
    assert plan.decision("direct").reason == "never_automated"


def test_a_terms_only_refusal_stands_whatever_the_standing():
    plan = plan_for("impediment", {"notice": "not_warned"}, standing=SUSPENDED)
    assert routes(plan) == {"direct": "no_refund"}
    assert plan.decision("direct").value_cents == 0


def test_comfort_complaints_get_a_small_automatic_gesture_within_limits():
    plan = plan_for("comfort", {"what": "smoking"})
    assert routes(plan) == {"direct": "goodwill_small"}
    assert plan.decision("direct").gesture_cents == 500
    past = [LedgerEntry(f"e{i}", NOW - timedelta(days=i + 1), "cl-x", "m-alice", 500, "comfort",
                        "goodwill_small", AUTO) for i in range(2)]
    limited = plan_for("comfort", {"what": "smoking"}, ledger=past)
    assert limited.decision("direct").route == "agent"
    assert limited.decision("direct").reason == "gesture_count_limit"


def test_damage_charges_the_accepted_amount_within_the_cap():
    answers = {"kind": "dirt", "amount_eur": 80, "has_photos": True, "has_receipt": True}
    plan = plan_for("damage", answers, side="driver")
    confirm = plan.decision("confirm")
    assert confirm.resolution == "charge_passenger" and confirm.charge_cents == 8_000
    assert types(confirm.events) == ["charge"]
    assert plan.decision("silence").reason == "money_asked_from_counterpart"
    over = plan_for("damage", {**answers, "amount_eur": 151}, side="driver")
    assert over.decision("confirm").reason == "above_charge_cap"


def test_the_events_doc_lists_every_type_and_field():
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[3] / "docs" / "events.md").read_text()
    for name, spec in schema().items():
        row = next((line for line in docs.splitlines() if line.startswith(f"| `{name}` |")), "")
        assert row, name
        for field_name in spec["fields"]:
            assert f"`{field_name}`" in row, (name, field_name)
