"""The counterpart step on the fakes: the SMS link's question, codes that are wrong, used or
expired, answers that come too early, twice or too late, and a task asked again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.claims.model import TimelineEntry
from chalicelib.domain.claims.ports import TaskGone
from chalicelib.domain.claims.workflow import COUNTERPART_REQUESTED
from chalicelib.domain.clock import wire_time
from chalicelib.domain.errors import Conflict, Forbidden
from tests.unit.claims.claims_fakes import (
    ALICE,
    BOB,
    HOUR,
    NO_SHOW,
    NOW,
    asked,
    task_message,
    world,
)


def test_the_link_page_shows_the_question_without_spending_the_code():
    w, cid = asked()
    page = w.service.counterpart.question(cid, "abcd2345")
    assert page == {
        "claim_id": cid, "problem": "driver_no_show",
        "label": "The driver did not show up (and did not cancel)",
        "question": "Alice reports: The driver did not show up (and did not cancel). "
                    "Do you confirm?",
        "lang": "en", "status": "awaiting_counterpart",
        "expires_at": wire_time(NOW + timedelta(hours=72)),
    }
    assert not w.claims.get(cid).response_code.used
    w.service.counterpart.respond(cid, confirm=True, code="ABCD2345")
    assert w.workflow.completed[-1] == ("tok-cpt", {"confirmed": True, "via": "code",
                                                    "comment": ""})


@pytest.mark.parametrize("code", ["ZZZZ9999", "", None, "ABCD234"])
def test_the_link_page_refuses_a_wrong_or_missing_code(code):
    w, cid = asked()
    with pytest.raises(Forbidden) as e:
        w.service.counterpart.question(cid, code)
    assert e.value.code == "invalid_code"


def test_the_link_page_refuses_a_code_already_used():
    w, cid = asked()
    w.service.counterpart.respond(cid, confirm=False, code="ABCD2345")
    with pytest.raises(Forbidden) as e:
        w.service.counterpart.question(cid, "ABCD2345")
    assert e.value.code == "invalid_code"


def test_a_code_from_the_deadline_on_is_invalid_and_reaches_no_workflow():
    w, cid = asked()
    w.clock.advance(72 * HOUR)
    with pytest.raises(Forbidden) as e:
        w.service.counterpart.respond(cid, confirm=True, code="ABCD2345")
    assert e.value.code == "invalid_code"
    with pytest.raises(Forbidden):
        w.service.counterpart.question(cid, "ABCD2345")
    assert w.workflow.completed == []


def test_an_answer_at_the_deadline_itself_is_too_late():
    w, cid = asked()
    w.clock.advance(72 * HOUR)
    with pytest.raises(TaskGone) as e:
        w.service.counterpart.respond(cid, confirm=True, principal=BOB)
    assert (e.value.status, e.value.code) == (409, "too_late")
    assert w.workflow.completed == []


def test_an_answer_a_second_before_the_deadline_is_taken():
    w, cid = asked()
    w.clock.advance(72 * HOUR - 1)
    w.service.counterpart.respond(cid, confirm=True, principal=BOB)
    assert [t for t, _ in w.workflow.completed] == ["tok-cpt"]


def test_a_code_is_not_spent_when_the_workflow_refuses_the_answer():
    # The code is marked used only once Step Functions took the answer, so a failed attempt
    # never burns the counterpart's only link.
    w, cid = asked()
    w.workflow.gone.add("tok-cpt")
    with pytest.raises(TaskGone):
        w.service.counterpart.respond(cid, confirm=True, code="ABCD2345")
    assert not w.claims.get(cid).response_code.used
    assert w.claims.get(cid).pending.token == "tok-cpt"


def test_an_answer_before_the_token_is_stored_is_not_ready():
    w = world()
    claim = w.service.filing.file(ALICE, booking_id="bk-1", problem="driver_no_show",
                                  answers=NO_SHOW)
    with pytest.raises(Conflict) as e:
        w.service.counterpart.respond(claim.claim_id, confirm=True, principal=BOB)
    assert (e.value.status, e.value.code) == (409, "not_ready")
    assert w.workflow.completed == []


def test_a_second_answer_is_already_answered():
    w, cid = asked()
    w.service.counterpart.respond(cid, confirm=True, principal=BOB)
    # What the state machine writes once it took the answer.
    claim = w.claims.get(cid)
    w.claims.workflow_sets(cid, status="closed", timeline=(
        *claim.timeline, TimelineEntry(wire_time(NOW), "counterpart_confirmed", {"via": "app"})))
    with pytest.raises(Conflict) as e:
        w.service.counterpart.respond(cid, confirm=False, principal=BOB)
    assert e.value.code == "already_answered"
    assert len(w.workflow.completed) == 1


def test_the_claimant_cannot_answer_even_with_a_valid_code_and_the_code_stays_unused():
    w, cid = asked()
    with pytest.raises(Forbidden) as e:
        w.service.counterpart.respond(cid, confirm=True, principal=ALICE, code="ABCD2345")
    assert e.value.code == "claimant_cannot_respond"
    assert not w.claims.get(cid).response_code.used
    w.service.counterpart.respond(cid, confirm=False, code="ABCD2345")
    assert w.workflow.completed[-1][1]["confirmed"] is False


def test_a_new_counterpart_task_replaces_the_token_and_the_code():
    w, cid = asked()
    expires = wire_time(w.claims.get(cid).counterpart_expires_at)
    w.service.messages.handle_task_message(task_message(COUNTERPART_REQUESTED, cid, "tok-cpt-2",
                                                        expires_at=expires))
    assert len(w.notifier.sent) == 2
    assert w.notifier.sent[-1].sms_values["link"].endswith("?code=WXYZ6789")
    with pytest.raises(Forbidden):
        w.service.counterpart.respond(cid, confirm=True, code="ABCD2345")
    w.service.counterpart.respond(cid, confirm=True, code="WXYZ6789")
    assert [t for t, _ in w.workflow.completed] == ["tok-cpt-2"]


def test_the_timeline_records_the_channel_the_counterpart_was_asked_on():
    w = world()
    w.notifier.channel = "sms"  # the counterpart is offline: the notifier texts them
    w, cid = asked(w)
    assert w.claims.get(cid).timeline[-1].to_json() == {
        "at": wire_time(NOW), "event": "counterpart_notified", "channel": "sms"}
