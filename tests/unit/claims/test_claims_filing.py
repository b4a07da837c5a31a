"""Filing a claim: who may, when, idempotency, and the workflow input computed up front."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.claims.model import MemberProfile
from chalicelib.domain.claims.workflow import WorkflowTimings
from chalicelib.domain.errors import (
    BadInput,
    Conflict,
    Forbidden,
    NotFound,
    RateLimited,
    RuleRefused,
)
from tests.unit.claims.claims_fakes import (
    AGENT_L1,
    ALICE,
    BOB,
    CHLOE,
    NOW,
    BlockingModerator,
    booking,
    world,
)

NO_SHOW = {"at_meeting_point": True, "contacted_driver": True, "driver_warned": False}


def file_no_show(w, who=ALICE, key="key-1", **kw):
    return w.service.filing.file(who, booking_id="bk-1", problem="driver_no_show", answers=NO_SHOW,
                                 idempotency_key=key, **kw)


def test_a_passenger_files_a_no_show_and_the_workflow_starts_with_the_plan():
    w = world()
    claim = file_no_show(w, hold_payment=True)
    assert claim.status == "awaiting_counterpart"
    assert claim.counterpart_id == "m-bob"
    assert claim.counterpart_expires_at == NOW + timedelta(hours=72)
    assert [e.event for e in claim.timeline] == ["filed"]
    run = w.execution(claim.claim_id)
    assert run["route"] == "counterpart"
    assert run["hold"]["requested"] and run["hold"]["event"]["type"] == "payment.hold"
    assert run["timeouts"] == {"counterpart_seconds": 72 * 3600, "agent_sla_seconds": 86_400,
                               "agent_reminder_seconds": 4 * 3600,
                               "approval_sla_seconds": 86_400}
    assert set(run["outcomes"]) == {"confirm", "dispute", "silence"}
    assert run["outcomes"]["confirm"]["route"] == "settle"
    assert run["outcomes"]["dispute"]["route"] == "agent"


def test_tests_can_shorten_every_wait_through_the_input():
    w = world(timings=WorkflowTimings(counterpart_seconds=1, agent_sla_seconds=2,
                                      urgent_agent_sla_seconds=1, agent_reminder_seconds=1,
                                      approval_sla_seconds=2))
    claim = file_no_show(w)
    assert set(w.execution(claim.claim_id)["timeouts"].values()) <= {1, 2}
    assert claim.counterpart_expires_at == NOW + timedelta(seconds=1)


def test_the_same_idempotency_key_returns_the_same_claim():
    w = world()
    first = file_no_show(w)
    w.clock.advance(5)
    again = file_no_show(w)
    assert again == first
    assert list(w.workflow.executions) == [first.claim_id]


def test_an_idempotency_key_reused_for_another_request_is_refused():
    w = world()
    file_no_show(w)
    with pytest.raises(Conflict) as e:
        w.service.filing.file(ALICE, booking_id="bk-1", problem="driver_no_show",
                              answers={**NO_SHOW, "driver_warned": True}, idempotency_key="key-1")
    assert e.value.code == "idempotency_key_reused"


def test_one_open_claim_per_booking_and_problem():
    w = world()
    file_no_show(w, key="a")
    with pytest.raises(Conflict) as e:
        file_no_show(w, key="b")
    assert e.value.code == "claim_already_open"


def test_a_non_party_cannot_file():
    w = world()
    with pytest.raises(Forbidden) as e:
        file_no_show(w, who=CHLOE)
    assert e.value.code == "not_a_party"


def test_staff_without_the_member_role_cannot_file():
    with pytest.raises(Forbidden):
        file_no_show(world(), who=AGENT_L1)


def test_a_driver_cannot_file_a_passenger_problem():
    with pytest.raises(RuleRefused) as e:
        file_no_show(world(), who=BOB)
    assert e.value.code == "wrong_side"


def test_unknown_booking_and_problem_are_refused():
    w = world()
    with pytest.raises(NotFound):
        w.service.filing.file(ALICE, booking_id="bk-404", problem="driver_no_show", answers=NO_SHOW)
    with pytest.raises(BadInput) as e:
        w.service.filing.file(ALICE, booking_id="bk-1", problem="alien_abduction", answers={})
    assert e.value.code == "unknown_problem"


def test_answers_must_fit_the_tree():
    with pytest.raises(BadInput) as e:
        world().service.filing.file(ALICE, booking_id="bk-1", problem="driver_no_show",
                                    answers={"at_meeting_point": True})
    assert e.value.code == "missing_answer"


@pytest.mark.parametrize("hours_after_departure", [-1, 25])
def test_a_no_show_is_reported_within_24_hours_after_departure(hours_after_departure):
    w = world(booking(departure=NOW - timedelta(hours=hours_after_departure)))
    with pytest.raises(RuleRefused) as e:
        file_no_show(w)
    assert e.value.code == "outside_reporting_window"


def test_driver_cancelled_needs_a_booking_the_driver_cancelled():
    answers = {"found_alternative": False}
    with pytest.raises(RuleRefused) as e:
        world().service.filing.file(ALICE, booking_id="bk-1", problem="driver_cancelled",
                                    answers=answers)
    assert e.value.code == "booking_status_mismatch"
    w = world(booking(status="cancelled_by_driver"))
    claim = w.service.filing.file(ALICE, booking_id="bk-1", problem="driver_cancelled",
                                  answers=answers)
    direct = w.execution(claim.claim_id)["outcomes"]["direct"]
    assert direct["resolution"] == "driver_cancellation"
    assert [e["type"] for e in direct["events"]] == [
        "refund", "no_penalty", "cancellation.notice", "payment.release"]


def test_payment_hold_only_where_the_type_offers_it():
    w = world()
    with pytest.raises(RuleRefused) as e:
        w.service.filing.file(ALICE, booking_id="bk-1", problem="lost_item",
                              answers={"item": "umbrella", "seat": "back"}, hold_payment=True)
    assert e.value.code == "hold_not_available"
    fraud = w.service.filing.file(ALICE, booking_id="bk-1", problem="off_platform_payment",
                                  answers={"paid_outside": False})
    assert fraud.hold_requested  # "always" for fraud signals


def test_never_automated_types_are_escalated_from_the_start():
    w = world()
    claim = w.service.filing.file(ALICE, booking_id="bk-1", problem="safety",
                                  answers={"safe_now": True, "kind": "dangerous_driving"})
    assert claim.status == "escalated"
    run = w.execution(claim.claim_id)
    assert run["route"] == "direct" and run["outcomes"]["direct"]["route"] == "agent"
    assert run["timeouts"]["agent_sla_seconds"] == 3600  # urgent type


def test_an_automatic_gesture_is_written_to_the_ledger_at_filing():
    w = world()
    claim = w.service.filing.file(ALICE, booking_id="bk-1", problem="comfort",
                                  answers={"what": "pets"})
    assert claim.status == "filed"
    [entry] = w.ledger.entries
    assert (entry.claim_id, entry.amount_cents, entry.granted_by) == (claim.claim_id, 500, "auto")


def test_members_in_poor_standing_get_no_silence_grant():
    w = world()
    w.members.items["m-alice"] = MemberProfile("m-alice", standing="watch")
    claim = file_no_show(w)
    assert claim.plan.decision("silence").reason == "member_standing"


def test_too_many_open_claims_are_rate_limited():
    w = world(*(booking(f"bk-{i}") for i in range(1, 8)))
    for i in range(1, 6):
        w.service.filing.file(ALICE, booking_id=f"bk-{i}", problem="driver_no_show",
                              answers=NO_SHOW)
    with pytest.raises(RateLimited):
        w.service.filing.file(ALICE, booking_id="bk-6", problem="driver_no_show", answers=NO_SHOW)


def test_auto_grants_are_capped_across_pending_claims():
    w = world(*(booking(f"bk-{i}") for i in range(1, 6)))
    silences = [w.service.filing.file(ALICE, booking_id=f"bk-{i}", problem="driver_no_show",
                                      answers=NO_SHOW).plan.decision("silence").route
                for i in range(1, 5)]
    assert silences == ["settle", "settle", "settle", "agent"]


def test_free_text_answers_are_stored_as_moderation_leaves_them():
    w = world(moderator=BlockingModerator())
    claim = w.service.filing.file(ALICE, booking_id="bk-1", problem="lost_item",
                                  answers={"item": "phone, call 0612345678", "seat": "front"})
    assert claim.answers["item"] == "phone, call **********"
    with pytest.raises(BadInput) as e:
        w.service.filing.file(ALICE, booking_id="bk-1", problem="ride_cut_short",
                              answers={"part_missed": "half", "reason": "he wanted cash"})
    assert e.value.code == "answer_blocked"
