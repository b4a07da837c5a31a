"""The state machine's queue messages on the fakes: unknown claims, and the timings every part
of the claims service reads from one place."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from chalicelib.domain.claims.workflow import COUNTERPART_REQUESTED
from chalicelib.domain.errors import NotFound
from chalicelib.domain.notifications.templates import format_moment
from tests.unit.claims.claims_fakes import ALICE, NO_SHOW, NOW, task_message, world


def test_messages_about_an_unknown_claim_are_not_found():
    w = world()
    with pytest.raises(NotFound) as e:
        w.service.messages.handle_task_message(task_message(COUNTERPART_REQUESTED, "cl-404"))
    assert e.value.code == "unknown_claim"
    with pytest.raises(NotFound):
        w.service.messages.handle_notify_message({"kind": "claim.notify", "version": 1,
                                                  "claim_id": "cl-404",
                                                  "template": "claim_settled",
                                                  "status": "settled"})
    assert w.notifier.sent == [] and w.queue.items == {}


def test_timings_shortened_once_reach_the_workflow_input_and_the_notices():
    w = world()
    w.service.shared.timings = replace(w.service.shared.timings, agent_sla_seconds=600)
    claim = w.service.filing.file(ALICE, booking_id="bk-1", problem="driver_no_show",
                                  answers=NO_SHOW)
    assert w.execution(claim.claim_id)["timeouts"]["agent_sla_seconds"] == 600
    w.service.messages.handle_notify_message({"kind": "claim.notify", "version": 1,
                                              "claim_id": claim.claim_id,
                                              "template": "claim_escalated",
                                              "status": "escalated"})
    alice = w.notifier.sent[-2]
    assert alice.member_id == "m-alice"
    assert alice.sms_values["due"] == format_moment(NOW + timedelta(seconds=600), "fr")


def test_an_approval_request_without_a_proposal_is_refused_not_retried():
    # A refusal (400) makes the consumer drop the message and fail its task; any other error
    # would be retried until the dead-letter queue.
    from chalicelib.domain.claims.workflow import APPROVAL_REQUESTED
    from chalicelib.domain.errors import BadInput

    w = world()
    claim = w.service.filing.file(ALICE, booking_id="bk-1", problem="driver_no_show",
                                  answers=NO_SHOW)
    with pytest.raises(BadInput) as e:
        w.service.messages.handle_task_message(
            task_message(APPROVAL_REQUESTED, claim.claim_id, sla_seconds=60))
    assert e.value.code == "bad_task_message"
