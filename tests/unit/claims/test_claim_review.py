"""The claim review agents and supervisors decide from: the counterpart's statement or silence,
the gestures already granted, the viewer's ceiling, and exactly the actions the API allows."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.claims.gestures import DelegationPolicy, LedgerEntry
from chalicelib.domain.claims.model import TimelineEntry
from chalicelib.domain.clock import wire_time
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.identity import Principal
from tests.unit.claims.claims_fakes import (
    ADMIN,
    AGENT_L1,
    AGENT_L2,
    ALICE,
    NOW,
    SUPERVISOR,
    SUPERVISOR_2,
    asked,
    awaiting_approval,
    escalated,
    world,
)

# An agent who rides with the marketplace and is the driver of the claim's booking (bk-1).
BOB_AGENT = Principal("m-bob", frozenset({"agent"}), tier="L2")


def test_an_agent_sees_the_answers_the_dispute_and_their_own_ceiling():
    w, cid = escalated()
    w.claims.append_timeline(cid, TimelineEntry(wire_time(NOW), "counterpart_disputed",
                                                {"via": "app", "comment": "I was there"}))
    view = w.service.agents.review(cid, AGENT_L1).to_json()
    assert view["answers"]["at_meeting_point"] is True
    assert view["counterpart_answer"] == {"answer": "disputed", "at": wire_time(NOW),
                                          "via": "app", "comment": "I was there"}
    assert view["delegation"] == {"ceiling_cents": 5_000, "maximum_cents": 200_000}
    assert (view["can_decide"], view["can_approve"], view["blocked"]) == (True, False, None)
    assert view["due_at"] == wire_time(NOW + timedelta(seconds=86_400))
    assert w.service.agents.review(cid, AGENT_L2).to_json()["delegation"]["ceiling_cents"] == (
        20_000)


def test_silence_and_a_pending_answer_are_told_apart():
    w, cid = asked()
    assert w.service.agents.review(cid, AGENT_L1).to_json()["counterpart_answer"]["answer"] == (
        "waiting")
    w.claims.append_timeline(cid, TimelineEntry(wire_time(NOW), "counterpart_silent", {}))
    view = w.service.agents.review(cid, AGENT_L1).to_json()
    assert view["counterpart_answer"]["answer"] == "silent"
    # Not yet in the agents' hands: nobody may decide it.
    assert (view["can_decide"], view["blocked"]) == (False, "not_waiting")


def test_a_party_of_the_booking_sees_the_claim_but_may_not_decide_it():
    w, cid = escalated()
    view = w.service.agents.review(cid, BOB_AGENT).to_json()
    assert (view["can_decide"], view["blocked"]) == (False, "conflict_of_interest")
    with pytest.raises(Forbidden):  # the API refuses what the screen does not offer
        w.service.agents.decide(cid, BOB_AGENT, outcome="refund_full")


def test_only_another_supervisor_may_approve_a_proposal():
    # Supervisors may grant 100 EUR alone here, so one of them proposes 120 EUR.
    tiered = DelegationPolicy({"L1": 5_000, "L2": 20_000, "supervisor": 10_000})
    w, cid = awaiting_approval(12_000, w=world(delegation=tiered), proposer=SUPERVISOR)
    own = w.service.agents.review(cid, SUPERVISOR).to_json()
    assert (own["can_approve"], own["blocked"]) == (False, "four_eyes")
    assert own["proposal"]["gesture_cents"] == 12_000
    other = w.service.agents.review(cid, SUPERVISOR_2).to_json()
    assert (other["can_approve"], other["blocked"]) == (True, None)
    agent = w.service.agents.review(cid, AGENT_L2).to_json()
    assert (agent["can_approve"], agent["blocked"]) == (False, "forbidden")


def test_gestures_already_granted_on_this_claim_and_recently_are_listed_without_voided_ones():
    w, cid = escalated()
    older = LedgerEntry("old-1", NOW - timedelta(days=30), "cl-other", "m-alice", 500,
                        "comfort", "goodwill_small", "auto")
    voided = LedgerEntry("x-1", NOW, cid, "m-alice", 900, "driver_no_show", "refund_full", "a-l2")
    for entry in (older, voided, voided.void(NOW)):
        w.ledger.append(entry)
    w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=1_500)
    gestures = w.service.agents.review(cid, ADMIN).to_json()["gestures"]
    assert [(g["amount_cents"], g["granted_by"]) for g in gestures["this_claim"]] == [
        (1_500, "a-l1")]
    assert gestures["member_recent"] == {"count": 2, "amount_cents": 2_000, "days": 90}


def test_members_may_not_read_the_review():
    w, cid = escalated()
    with pytest.raises(Forbidden):
        w.service.agents.review(cid, ALICE)
