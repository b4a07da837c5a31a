"""Conflicts of interest on the agents' desk, on fakes: staff who are a party of the claim's
booking (claimant or counterpart) neither decide nor approve it; another agent does."""

from __future__ import annotations

import pytest

from chalicelib.domain.claims.model import ESCALATED
from chalicelib.domain.claims.workflow import AGENT_REVIEW, COUNTERPART_REQUESTED
from chalicelib.domain.clock import wire_time
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.identity import Principal
from tests.unit.claims.claims_fakes import (
    AGENT_L1,
    AGENT_L2,
    NO_SHOW,
    SUPERVISOR_2,
    World,
    awaiting_approval,
    booking,
    escalated,
    task_message,
    world,
)

# A supervisor who also rides as a member of the marketplace.
RIDING_SUPERVISOR = Principal("s-1", frozenset({"member", "agent", "supervisor"}))


def escalated_claim_of(w: World, claimant: Principal) -> str:
    """A no-show claim of `claimant` on bk-1, disputed and waiting for an agent."""
    claim = w.service.filing.file(claimant, booking_id="bk-1", problem="driver_no_show",
                                  answers=NO_SHOW)
    cid = claim.claim_id
    w.service.messages.handle_task_message(task_message(
        COUNTERPART_REQUESTED, cid, "tok-cpt", expires_at=wire_time(claim.counterpart_expires_at)))
    w.claims.workflow_sets(cid, status=ESCALATED, pending=None)
    w.service.messages.handle_task_message(task_message(AGENT_REVIEW, cid, "tok-agent",
                                                        reason="disputed", sla_seconds=86_400))
    return cid


def test_an_agent_who_is_the_counterpart_cannot_decide_and_another_agent_can():
    # a-l1 drove Alice: Alice's no-show claim names a-l1 as the counterpart.
    w, cid = escalated(world(booking(driver="a-l1")))
    with pytest.raises(Forbidden) as e:
        w.service.agents.decide(cid, AGENT_L1, outcome="rejected")
    assert e.value.code == "conflict_of_interest"
    assert w.workflow.completed == [] and cid in w.queue.items
    w.service.agents.decide(cid, AGENT_L2, outcome="rejected")
    assert w.workflow.completed[-1][1]["decided_by"] == "a-l2"


def test_an_agent_who_filed_the_claim_cannot_decide_it():
    filing_agent = Principal("a-l2", frozenset({"member", "agent"}), tier="L2")
    w = world(booking(passenger="a-l2"))
    cid = escalated_claim_of(w, filing_agent)
    with pytest.raises(Forbidden) as e:
        w.service.agents.decide(cid, filing_agent, outcome="refund_full", gesture_cents=1_000)
    assert e.value.code == "conflict_of_interest"
    assert w.workflow.completed == [] and w.ledger.entries == []


def test_a_party_cannot_even_ask_for_approval_of_their_own_case():
    w, cid = escalated(world(booking(driver="a-l1")))
    with pytest.raises(Forbidden) as e:
        w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=12_000,
                                request_approval=True)
    assert e.value.code == "conflict_of_interest"
    assert w.workflow.completed == []


def test_a_supervisor_who_is_a_party_can_neither_approve_nor_replace_a_proposal():
    # s-1 drove Alice; an uninvolved L1 agent proposes a gesture above their ceiling.
    w, cid = awaiting_approval(12_000, w=world(booking(driver="s-1")))
    for approve in (True, False):
        with pytest.raises(Forbidden) as e:
            w.service.agents.approve(cid, RIDING_SUPERVISOR, approve=approve)
        assert e.value.code == "conflict_of_interest"
    assert [t for t, _ in w.workflow.completed] == ["tok-agent"] and w.ledger.entries == []
    w.service.agents.approve(cid, SUPERVISOR_2)
    [entry] = w.ledger.entries
    assert (entry.granted_by, entry.approved_by) == ("a-l1", "s-2")

