"""After filing: the workflow's messages, the counterpart's answer, agents, supervisors, reads."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from chalicelib.domain.claims.counterpart import code_hash
from chalicelib.domain.claims.model import ESCALATED
from chalicelib.domain.claims.ports import TaskGone
from chalicelib.domain.claims.workflow import (
    AGENT_REVIEW,
    COUNTERPART_REQUESTED,
    WORKFLOW_FAILED,
)
from chalicelib.domain.errors import BadInput, Conflict, Forbidden, RuleRefused
from tests.unit.claims.claims_fakes import (
    ADMIN,
    AGENT_L1,
    AGENT_L2,
    ALICE,
    BOB,
    CHLOE,
    HOUR,
    NO_SHOW,
    SUPERVISOR,
    SUPERVISOR_2,
    BlockingModerator,
    asked,
    awaiting_approval,
    escalated,
    task_message,
    world,
)

# The counterpart step.


def test_the_consumer_stores_the_token_and_asks_the_counterpart():
    w, cid = asked()
    claim = w.claims.get(cid)
    assert claim.pending.kind == "counterpart" and claim.pending.token == "tok-cpt"
    assert claim.response_code.code_hash == code_hash(cid, "ABCD2345")
    [note] = w.notifier.sent
    assert note.member_id == "m-bob"
    assert note.event["type"] == "claim.confirmation_requested"
    assert note.event["question"] == "Alice reports: The driver did not show up (and did not " \
                                     "cancel). Do you confirm?"
    assert note.sms_template == "counterpart_request"
    assert note.sms_values["link"] == f"https://etr.example/c/{cid}?code=ABCD2345"
    assert "tok-cpt" not in str(note)
    assert claim.timeline[-1].event == "counterpart_notified"


def test_a_duplicate_queue_message_does_not_ask_twice():
    w, cid = asked()
    w.service.messages.handle_task_message(task_message(COUNTERPART_REQUESTED, cid, "tok-cpt"))
    assert len(w.notifier.sent) == 1
    assert w.claims.get(cid).response_code.code_hash == code_hash(cid, "ABCD2345")


def test_malformed_queue_messages_are_refused():
    w = world()
    for body in ({}, {"kind": COUNTERPART_REQUESTED, "version": 1, "claim_id": "x"},
                 {"kind": "claim.nope", "version": 1, "claim_id": "x", "task_token": "t"}):
        with pytest.raises(BadInput):
            w.service.messages.handle_task_message(body)


def test_the_counterpart_confirms_in_the_app():
    w, cid = asked()
    w.service.counterpart.respond(cid, confirm=True, comment="sorry, car broke down", principal=BOB)
    assert w.workflow.completed == [("tok-cpt", {"confirmed": True, "via": "app",
                                                 "comment": "sorry, car broke down"})]
    assert w.claims.get(cid).pending is None


def test_the_claimant_can_never_answer_for_the_counterpart():
    w, cid = asked()
    with pytest.raises(Forbidden) as e:
        w.service.counterpart.respond(cid, confirm=True, principal=ALICE)
    assert e.value.code == "claimant_cannot_respond"
    with pytest.raises(Forbidden) as e:
        w.service.counterpart.respond(cid, confirm=True, principal=ALICE, code="ABCD2345")
    assert e.value.code == "claimant_cannot_respond"
    assert w.workflow.completed == []


def test_a_stranger_cannot_answer():
    w, cid = asked()
    with pytest.raises(Forbidden) as e:
        w.service.counterpart.respond(cid, confirm=False, principal=CHLOE)
    assert e.value.code == "not_the_counterpart"


def test_the_sms_code_works_once():
    w, cid = asked()
    w.service.counterpart.respond(cid, confirm=False, code="abcd2345")
    assert w.workflow.completed[0][1]["via"] == "code"
    assert w.claims.get(cid).response_code.used
    with pytest.raises(Forbidden) as e:
        w.service.counterpart.respond(cid, confirm=True, code="ABCD2345")
    assert e.value.code == "invalid_code"


def test_a_wrong_or_missing_code_is_refused():
    w, cid = asked()
    with pytest.raises(Forbidden) as e:
        w.service.counterpart.respond(cid, confirm=True, code="ZZZZ9999")
    assert e.value.code == "invalid_code"
    with pytest.raises(Forbidden):
        w.service.counterpart.respond(cid, confirm=True)
    assert w.workflow.completed == []


def test_a_late_answer_gets_a_clear_error():
    w, cid = asked()
    w.clock.advance(73 * HOUR)
    with pytest.raises(TaskGone) as e:
        w.service.counterpart.respond(cid, confirm=True, principal=BOB)
    assert (e.value.status, e.value.code) == (409, "too_late")


def test_an_answer_after_silence_escalated_the_claim_is_too_late():
    w, cid = asked()
    w.claims.workflow_sets(cid, status=ESCALATED, pending=None)
    with pytest.raises(TaskGone):
        w.service.counterpart.respond(cid, confirm=True, principal=BOB)


def test_the_workflow_saying_the_task_is_gone_reaches_the_caller():
    w, cid = asked()
    w.workflow.gone.add("tok-cpt")
    with pytest.raises(TaskGone):
        w.service.counterpart.respond(cid, confirm=True, principal=BOB)


def test_comments_go_through_moderation():
    w, cid = asked(moderator=BlockingModerator())
    w.service.counterpart.respond(cid, confirm=False, comment="call me 0612345678", principal=BOB)
    assert w.workflow.completed[0][1]["comment"] == "call me **********"
    w2, cid2 = asked(moderator=BlockingModerator())
    w2.service.counterpart.respond(cid2, confirm=False, comment="pay me cash", principal=BOB)
    assert w2.workflow.completed[0][1]["comment"] == ""


# Agents.


def test_the_agent_review_message_puts_the_claim_in_the_queue_due_after_the_sla():
    w, cid = escalated()
    item = w.queue.items[cid]
    assert item.due_at == w.clock.now() + timedelta(hours=24)
    assert (item.audience, item.reason, item.urgent) == ("agent", "disputed", False)
    assert w.claims.get(cid).pending.kind == "agent"


def test_a_reminder_after_an_sla_breach_makes_the_item_due_now_and_urgent():
    w, cid = escalated()
    w.service.messages.handle_task_message(task_message(AGENT_REVIEW, cid, "tok-2",
                                                        reason="disputed", sla_seconds=3600,
                                                        reminder=True))
    item = w.queue.items[cid]
    assert item.due_at == w.clock.now() and item.urgent
    assert (item.reason, item.audience) == ("agent_sla_breached", "supervisor")
    assert w.claims.get(cid).pending.token == "tok-2"


def test_an_agent_decides_within_their_ceiling():
    w, cid = escalated()
    w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=1_000,
                            mark="no_show")
    token, decision = w.workflow.completed[-1]
    assert token == "tok-agent"
    assert decision["route"] == "settle" and decision["decided_by"] == "a-l1"
    assert [e["type"] for e in decision["events"]] == [
        "refund", "no_penalty", "reliability.mark", "goodwill.credit", "payment.release"]
    [entry] = w.ledger.entries
    assert (entry.granted_by, entry.tier, entry.amount_cents) == ("a-l1", "L1", 1_000)
    assert cid not in w.queue.items


def test_an_agent_cannot_exceed_their_ceiling():
    w, cid = escalated()
    with pytest.raises(Forbidden) as e:
        w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=5_001)
    assert e.value.code == "above_delegation"
    assert e.value.details["ceiling_cents"] == 5_000
    assert w.workflow.completed == [] and w.ledger.entries == []


def test_above_the_ceiling_an_agent_may_propose_for_approval():
    w, cid = escalated()
    w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=12_000,
                            request_approval=True)
    _, decision = w.workflow.completed[-1]
    assert decision["route"] == "approval" and decision["proposed_by"] == "a-l1"
    assert decision["events"] == [] and w.ledger.entries == []


def test_nobody_grants_above_the_supervisor_ceiling():
    w, cid = escalated()
    with pytest.raises(RuleRefused) as e:
        w.service.agents.decide(cid, AGENT_L2, outcome="refund_full", gesture_cents=200_001,
                                request_approval=True)
    assert e.value.code == "above_maximum_gesture"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"outcome": "free_car"}, "unknown_outcome"),
        ({"outcome": "goodwill_small"}, "outcome_not_allowed"),
        ({"outcome": "refund_full", "gesture_cents": -5}, "bad_gesture"),
        ({"outcome": "refund_full", "gesture_cents": 2.5}, "bad_gesture"),
        ({"outcome": "refund_full", "charge_cents": 100}, "bad_charge"),
        ({"outcome": "refund_full", "mark": "rude"}, "bad_mark"),
    ],
)
def test_bad_decisions_are_refused(kwargs, code):
    w, cid = escalated()
    with pytest.raises(BadInput) as e:
        w.service.agents.decide(cid, AGENT_L2, **kwargs)
    assert e.value.code == code


def test_members_cannot_decide_and_claims_not_escalated_cannot_be_decided():
    w, cid = asked()
    with pytest.raises(Forbidden):
        w.service.agents.decide(cid, BOB, outcome="rejected")
    with pytest.raises(Conflict) as e:
        w.service.agents.decide(cid, AGENT_L1, outcome="rejected")
    assert e.value.code == "not_awaiting_decision"


def test_a_gesture_whose_decision_came_too_late_is_voided_in_the_ledger():
    w, cid = escalated()
    w.workflow.gone.add("tok-agent")
    with pytest.raises(TaskGone):
        w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=1_000)
    assert [e.amount_cents for e in w.ledger.entries] == [1_000, -1_000]
    assert w.service.agents.audit_report(SUPERVISOR, since=w.clock.now() - timedelta(days=1),
                                         until=w.clock.now() + timedelta(days=1)).total.count == 0


# Supervisors.


def test_the_approval_request_goes_to_supervisors():
    w, cid = awaiting_approval()
    assert w.queue.items[cid].audience == "supervisor"
    assert w.claims.get(cid).pending.proposal.gesture_cents == 12_000


def test_a_supervisor_approves_and_the_ledger_names_both_people():
    w, cid = awaiting_approval()
    w.service.agents.approve(cid, SUPERVISOR)
    token, decision = w.workflow.completed[-1]
    assert token == "tok-approval" and decision["route"] == "settle"
    credit = next(e for e in decision["events"] if e["type"] == "goodwill.credit")
    assert (credit["granted_by"], credit["approved_by"], credit["amount_cents"]) == (
        "a-l1", "s-1", 12_000)
    [entry] = w.ledger.entries
    assert (entry.granted_by, entry.approved_by) == ("a-l1", "s-1")


def test_a_supervisor_may_replace_a_proposal_without_the_gesture():
    w, cid = awaiting_approval()
    w.service.agents.approve(cid, SUPERVISOR, approve=False)
    _, decision = w.workflow.completed[-1]
    assert decision["gesture_cents"] == 0 and decision["reason"] == "replaced"
    assert w.ledger.entries == []


def test_a_supervisor_deciding_directly_needs_no_approval():
    w, cid = escalated()
    w.service.agents.decide(cid, SUPERVISOR, outcome="refund_full", gesture_cents=150_000)
    assert w.workflow.completed[-1][1]["route"] == "settle"
    assert w.ledger.entries[0].tier == "supervisor"


def test_approval_needs_a_supervisor_other_than_the_proposer():
    w, cid = awaiting_approval()
    with pytest.raises(Forbidden):
        w.service.agents.approve(cid, AGENT_L2)
    pending = w.claims.get(cid).pending
    w.claims.workflow_sets(cid, pending=replace(
        pending, proposal=replace(pending.proposal, proposed_by="s-2")))
    with pytest.raises(Forbidden) as e:
        w.service.agents.approve(cid, SUPERVISOR_2)
    assert e.value.code == "four_eyes"
    w.service.agents.approve(cid, SUPERVISOR)
    assert w.workflow.completed[-1][0] == "tok-approval"


# Reads, notifications, audit.


def test_parties_and_agents_read_the_claim_strangers_do_not():
    w, cid = asked()
    assert w.service.filing.view(cid, ALICE).to_json()["answers"] == NO_SHOW
    bob_view = w.service.filing.view(cid, BOB).to_json()
    assert "answers" not in bob_view and "plan" not in bob_view
    staff_view = w.service.filing.view(cid, AGENT_L1).to_json()
    assert staff_view["waiting_for"] == "counterpart"
    assert "tok-cpt" not in str(staff_view) and "code_hash" not in str(staff_view)
    with pytest.raises(Forbidden):
        w.service.filing.view(cid, CHLOE)


def test_a_settled_notice_reaches_both_parties_with_an_sms_fallback():
    w, cid = asked()
    w.notifier.sent.clear()
    w.service.messages.handle_notify_message({"kind": "claim.notify", "version": 1, "claim_id": cid,
                                              "template": "claim_settled", "status": "settled",
                                              "audience": "parties", "resolution": "refund_full"})
    assert [n.member_id for n in w.notifier.sent] == ["m-alice", "m-bob"]
    alice, bob = w.notifier.sent
    assert alice.event == {"type": "claim.updated", "claim_id": cid, "status": "settled"}
    assert alice.sms_template == bob.sms_template == "claim_settled"
    assert alice.sms_values["resolution"] == "remboursement intégral"
    assert bob.sms_values["resolution"] == "full refund"


def test_an_escalation_notice_texts_only_the_claimant_and_staff_alerts_go_to_the_queue():
    w, cid = asked()
    w.notifier.sent.clear()
    w.service.messages.handle_notify_message({"kind": "claim.notify", "version": 1, "claim_id": cid,
                                              "template": "claim_escalated", "status": "escalated"})
    assert [n.sms_template for n in w.notifier.sent] == ["claim_escalated", None]
    w.service.messages.handle_notify_message({"kind": "claim.notify", "version": 1, "claim_id": cid,
                                              "template": "agent_sla_breached",
                                              "status": "escalated", "audience": "staff"})
    assert w.queue.items[cid].audience == "supervisor" and w.queue.items[cid].urgent


def test_a_workflow_failure_lands_in_the_agents_queue():
    w, cid = asked()
    w.service.messages.handle_task_message({"kind": WORKFLOW_FAILED, "version": 1, "claim_id": cid,
                                            "error": "States.TaskFailed"})
    assert w.queue.items[cid].reason == "workflow_failed"


def test_only_supervisors_and_admins_get_the_audit_report():
    w, cid = escalated()
    w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=1_000)
    now = w.clock.now()
    report = w.service.agents.audit_report(ADMIN, since=now - timedelta(days=30), until=now
                                           + timedelta(seconds=1))
    assert report.to_json()["by_agent"] == {"a-l1": {"count": 1, "amount_cents": 1_000}}
    with pytest.raises(Forbidden):
        w.service.agents.audit_report(AGENT_L2, since=now - timedelta(days=1), until=now)


def test_claims_refuse_to_run_without_a_page_for_the_sms_link():
    # An SMS whose link opens nothing would leave the counterpart silent, and silence can
    # grant money: a stage without WEB_URL fails loudly instead.
    from chalicelib.domain.claims.service import ClaimsService
    from tests.unit.claims.claims_fakes import World

    w = World()
    with pytest.raises(ValueError, match="WEB_URL"):
        ClaimsService(claims=w.claims, bookings=w.bookings, members=w.members, ledger=w.ledger,
                      workflow=w.workflow, queue=w.queue, notifier=w.notifier, clock=w.clock,
                      link_base="")
