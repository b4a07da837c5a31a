"""Agents and supervisors on the fakes: delegation ceilings at their edges, the four-eyes
rule, replacements, the queue after a refused decision, and the audit report's period."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.claims.gestures import DelegationPolicy, LedgerEntry
from chalicelib.domain.claims.model import ESCALATED
from chalicelib.domain.claims.ports import TaskGone
from chalicelib.domain.claims.workflow import AGENT_REVIEW
from chalicelib.domain.errors import BadInput, Conflict, Forbidden
from chalicelib.domain.identity import Principal
from tests.unit.claims.claims_fakes import (
    AGENT_L1,
    AGENT_L2,
    ALICE,
    NOW,
    SUPERVISOR,
    awaiting_approval,
    escalated,
    task_message,
    world,
)

# Supervisors here may grant 100 EUR alone; only the head of support may approve up to 500.
TIERED = DelegationPolicy({"L1": 5_000, "L2": 20_000, "supervisor": 10_000})
# A second supervisor (a supervisor's ceiling comes with the role, never from a tier).
HEAD = Principal("h-1", frozenset({"agent", "supervisor"}))


def test_an_l1_at_exactly_its_ceiling_decides_alone():
    w, cid = escalated()
    w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=5_000)
    assert w.workflow.completed[-1][1]["route"] == "settle"
    [entry] = w.ledger.entries
    assert (entry.amount_cents, entry.tier, entry.approved_by) == (5_000, "L1", "")


def test_an_l2_above_its_ceiling_is_refused_with_its_own_ceiling():
    w, cid = escalated()
    with pytest.raises(Forbidden) as e:
        w.service.agents.decide(cid, AGENT_L2, outcome="refund_full", gesture_cents=20_001)
    assert (e.value.code, e.value.details["ceiling_cents"]) == ("above_delegation", 20_000)
    assert w.workflow.completed == [] and w.ledger.entries == []


def test_an_agent_of_an_unknown_tier_may_decide_but_grant_nothing():
    stranger = Principal("a-x", frozenset({"agent"}), tier="L9")
    w, cid = escalated()
    with pytest.raises(Forbidden) as e:
        w.service.agents.decide(cid, stranger, outcome="refund_full", gesture_cents=1)
    assert e.value.details["ceiling_cents"] == 0
    w.service.agents.decide(cid, stranger, outcome="refund_full")
    assert w.workflow.completed[-1][1]["decided_by"] == "a-x"


def test_a_supervisor_cannot_approve_or_replace_their_own_proposal():
    w = world(delegation=TIERED)
    w, cid = awaiting_approval(12_000, w=w, proposer=SUPERVISOR)
    assert w.claims.get(cid).pending.proposal.proposed_by == "s-1"
    for approve in (True, False):
        with pytest.raises(Forbidden) as e:
            w.service.agents.approve(cid, SUPERVISOR, approve=approve)
        assert e.value.code == "four_eyes"
    assert [t for t, _ in w.workflow.completed] == ["tok-agent"] and w.ledger.entries == []
    # Another supervisor decides it, within their own ceiling.
    w.service.agents.approve(cid, HEAD, approve=False, gesture_cents=10_000)
    [entry] = w.ledger.entries
    assert (entry.approved_by, entry.amount_cents) == ("h-1", 10_000)


def test_a_supervisor_approves_only_within_their_own_ceiling():
    w = world(delegation=TIERED)
    w, cid = awaiting_approval(12_000, w=w)
    with pytest.raises(Forbidden) as e:
        w.service.agents.approve(cid, SUPERVISOR)
    assert e.value.code == "above_delegation"
    w.service.agents.approve(cid, SUPERVISOR, approve=False, gesture_cents=10_000)
    decision = w.workflow.completed[-1][1]
    assert (decision["reason"], decision["gesture_cents"]) == ("replaced", 10_000)
    [entry] = w.ledger.entries
    assert (entry.granted_by, entry.approved_by) == ("s-1", "s-1")


def test_a_replacement_keeps_the_proposals_mark_only_with_its_outcome():
    w, cid = awaiting_approval(12_000, mark="no_show")
    w.service.agents.approve(cid, SUPERVISOR, approve=False)
    assert w.workflow.completed[-1][1]["mark"] == "no_show"
    w2, cid2 = awaiting_approval(12_000, mark="no_show")
    w2.service.agents.approve(cid2, SUPERVISOR, approve=False, outcome="refund_half")
    decision = w2.workflow.completed[-1][1]
    assert (decision["resolution"], decision["mark"]) == ("refund_half", "")
    assert "reliability.mark" not in [e["type"] for e in decision["events"]]


def test_only_a_claim_awaiting_approval_can_be_approved():
    w, cid = escalated()
    with pytest.raises(Conflict) as e:
        w.service.agents.approve(cid, SUPERVISOR)
    assert e.value.code == "not_awaiting_approval"


def test_a_decision_the_workflow_no_longer_waits_for_leaves_the_claim_in_the_queue():
    w, cid = escalated()
    w.workflow.gone.add("tok-agent")
    with pytest.raises(TaskGone):
        w.service.agents.decide(cid, AGENT_L1, outcome="rejected")
    assert cid in w.queue.items
    assert w.claims.get(cid).pending.token == "tok-agent"


def test_an_urgent_problem_type_is_urgent_in_the_agents_queue():
    w = world()
    claim = w.service.filing.file(ALICE, booking_id="bk-1", problem="safety",
                                  answers={"safe_now": True, "kind": "dangerous_driving"})
    w.service.messages.handle_task_message(task_message(AGENT_REVIEW, claim.claim_id, "tok-1",
                                                        reason="never_automated",
                                                        sla_seconds=3600))
    item = w.queue.items[claim.claim_id]
    assert (item.urgent, item.audience, item.reason) == (True, "agent", "never_automated")
    assert w.claims.get(claim.claim_id).status == ESCALATED


def test_an_empty_audit_period_is_refused():
    w = world()
    with pytest.raises(BadInput) as e:
        w.service.agents.audit_report(SUPERVISOR, since=NOW, until=NOW)
    assert e.value.code == "bad_period"


def test_the_audit_report_counts_and_flags_only_the_period_asked():
    w = world()
    april = datetime(2025, 4, 2, tzinfo=UTC)
    for n in range(8):
        w.ledger.append(LedgerEntry(f"e{n}", NOW, f"cl-{n}", "m-alice", 1_000 + 10 * n,
                                    "driver_no_show", "refund_full", "a-l1"))
    w.ledger.append(LedgerEntry("big", april, "cl-big", "m-alice", 150_000, "damage",
                                "refund_full", "a-l2"))
    march = w.service.agents.audit_report(SUPERVISOR, since=NOW - timedelta(days=1),
                                          until=april)
    assert march.total.count == 8 and march.outliers == ()
    spring = w.service.agents.audit_report(SUPERVISOR, since=NOW - timedelta(days=1),
                                           until=april + timedelta(days=1))
    assert spring.total.count == 9
    assert [(o.kind, o.key) for o in spring.outliers] == [("gesture", "big")]


def test_a_tier_never_gives_an_agent_the_supervisors_ceiling():
    # A token naming the tier "supervisor" for a mere agent grants nothing beyond an agent.
    forged = Principal("a-9", frozenset({"agent"}), tier="supervisor")
    assert TIERED.ceiling_for(forged) == 0
    assert TIERED.ceiling_for(Principal("a-8", frozenset({"agent"}), tier="L2")) == 20_000
    assert TIERED.ceiling_for(Principal("s-8", frozenset({"agent", "supervisor"}))) == 10_000
