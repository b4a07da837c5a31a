"""Claims under faults, on the fakes: a counterpart task whose notification failed is asked on
redelivery (and only once in all), and a doubled or concurrent agent decision leaves exactly
one winner whose paid gesture the audit shows."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.claims.ports import TaskGone
from chalicelib.domain.claims.workflow import COUNTERPART_REQUESTED
from chalicelib.domain.clock import wire_time
from chalicelib.domain.errors import Conflict, Unavailable
from chalicelib.domain.notifications.channel import Notification
from chalicelib.domain.notifications.service import Delivery
from tests.unit.claims.claims_fakes import (
    AGENT_L1,
    AGENT_L2,
    ALICE,
    NO_SHOW,
    NOW,
    SUPERVISOR,
    SUPERVISOR_2,
    awaiting_approval,
    escalated,
    task_message,
    world,
)


class FlakyNotifier:
    """Fails the first `failures` notifications (an SNS or opt-out check error), then sends."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.sent: list[Notification] = []

    def notify(self, note: Notification) -> Delivery:
        if self.failures:
            self.failures -= 1
            raise Unavailable("could not send the SMS; retry")
        self.sent.append(note)
        return Delivery("sms", "test")


def _filed_with_flaky_sms(failures: int):
    w = world()
    w.notifier = FlakyNotifier(failures)  # type: ignore[assignment]
    w.service.counterpart._notifier = w.notifier  # the step holds the notifier it was built with
    claim = w.service.filing.file(ALICE, booking_id="bk-1", problem="driver_no_show",
                                  answers=NO_SHOW, hold_payment=True)
    message = task_message(COUNTERPART_REQUESTED, claim.claim_id, "tok-cpt",
                           expires_at=wire_time(claim.counterpart_expires_at))
    return w, claim.claim_id, message


def test_a_redelivered_counterpart_task_asks_when_the_first_sms_failed():
    w, cid, message = _filed_with_flaky_sms(failures=1)
    with pytest.raises(Unavailable):
        w.service.messages.handle_task_message(message)
    assert w.notifier.sent == []
    w.service.messages.handle_task_message(message)  # SQS delivers the message again
    [sms] = w.notifier.sent
    assert sms.member_id == "m-bob" and sms.sms_template == "counterpart_request"
    # The code in the link that went out is the one that opens the claim.
    code = sms.sms_values["link"].rsplit("code=", 1)[1]
    w.service.counterpart.respond(cid, confirm=True, code=code)
    assert w.workflow.completed[-1][0] == "tok-cpt"


def test_a_counterpart_task_redelivered_after_a_sent_sms_asks_nobody_again():
    w, cid, message = _filed_with_flaky_sms(failures=0)
    for _ in range(3):
        w.service.messages.handle_task_message(message)
    assert len(w.notifier.sent) == 1
    notes = [e for e in w.claims.get(cid).timeline if e.event == "counterpart_notified"]
    assert len(notes) == 1


def test_a_counterpart_task_answered_in_the_app_is_not_asked_on_redelivery():
    w, cid, message = _filed_with_flaky_sms(failures=1)
    with pytest.raises(Unavailable):
        w.service.messages.handle_task_message(message)
    w.claims.workflow_sets(cid, pending=None, timeline=(
        *w.claims.get(cid).timeline,
        w.service.filing._shared.entry("counterpart_disputed", {}, at=NOW)))
    w.service.messages.handle_task_message(message)
    assert w.notifier.sent == []


def _audit(w):
    return w.service.agents.audit_report(SUPERVISOR, since=NOW - timedelta(days=1),
                                         until=NOW + timedelta(days=1)).to_json()


def test_a_double_clicked_decision_gets_409_and_the_audit_keeps_the_paid_gesture(monkeypatch):
    w, cid = escalated()
    stale = w.claims.get(cid)
    w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=2_000)
    monkeypatch.setattr(w.claims, "get", lambda claim_id: stale)  # read before the first ended
    with pytest.raises(Conflict) as e:
        w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=2_000)
    assert (e.value.status, e.value.code) == (409, "already_decided")
    assert len(w.workflow.completed) == 1
    assert _audit(w)["total"] == {"count": 1, "amount_cents": 2_000}


def test_a_decision_arriving_while_another_is_recorded_loses_cleanly(monkeypatch):
    w, cid = escalated()
    real_succeed = w.workflow.succeed
    second: list[BaseException] = []

    def succeed_with_a_click_in_between(token, output):
        # A second agent's request arrives while the first's answer is on its way.
        try:
            w.service.agents.decide(cid, AGENT_L2, outcome="refund_full", gesture_cents=9_000)
        except Conflict as e:
            second.append(e)
        real_succeed(token, output)

    monkeypatch.setattr(w.workflow, "succeed", succeed_with_a_click_in_between)
    w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=2_000)
    assert [e.code for e in second] == ["already_decided"]
    assert [out["decided_by"] for _, out in w.workflow.completed] == ["a-l1"]
    assert _audit(w)["total"] == {"count": 1, "amount_cents": 2_000}


def test_a_decision_the_workflow_refuses_voids_only_its_own_entry_and_may_be_retried():
    w, cid = escalated()
    real_succeed = w.workflow.succeed
    calls = [0]

    def unavailable_once(token, output):
        calls[0] += 1
        if calls[0] == 1:
            raise Unavailable("could not resume the claim workflow; retry")
        real_succeed(token, output)

    w.workflow.succeed = unavailable_once  # type: ignore[method-assign]
    with pytest.raises(Unavailable):
        w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=2_000)
    assert _audit(w)["total"] == {"count": 0, "amount_cents": 0}
    w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=2_000)
    assert _audit(w)["total"] == {"count": 1, "amount_cents": 2_000}


def test_a_decision_whose_request_died_midway_can_be_taken_over_after_the_lease(monkeypatch):
    w, cid = escalated()
    claim = w.claims.get(cid)
    assert w.claims.take_task(cid, claim.pending.token, "dead-request", NOW, NOW)
    with pytest.raises(Conflict):
        w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=2_000)
    w.clock.advance(121)
    w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=2_000)
    assert _audit(w)["total"] == {"count": 1, "amount_cents": 2_000}


def test_a_double_clicked_approval_gets_409_and_the_audit_keeps_the_paid_gesture(monkeypatch):
    w, cid = awaiting_approval(12_000)
    stale = w.claims.get(cid)
    w.service.agents.approve(cid, SUPERVISOR)
    monkeypatch.setattr(w.claims, "get", lambda claim_id: stale)
    with pytest.raises(Conflict) as e:
        w.service.agents.approve(cid, SUPERVISOR_2)
    assert e.value.code == "already_decided"
    assert _audit(w)["total"] == {"count": 1, "amount_cents": 12_000}


def test_a_decision_too_late_for_the_workflow_still_voids_its_own_gesture():
    w, cid = escalated()
    w.workflow.gone.add("tok-agent")
    with pytest.raises(TaskGone):
        w.service.agents.decide(cid, AGENT_L1, outcome="refund_full", gesture_cents=2_000)
    assert _audit(w)["total"] == {"count": 0, "amount_cents": 0}
