"""Wrong SMS codes on the fakes: a few misses lock the claim's code (429 with retry_after, even
for the right code), the link page is no free oracle, the lock ends, and the counterpart is
told once how to answer without the link."""

from __future__ import annotations

import pytest

from chalicelib.domain.claims.model import CLOSED
from chalicelib.domain.errors import Forbidden, RateLimited, Unavailable
from chalicelib.domain.limits import MissLimit
from chalicelib.domain.notifications.channel import Notification
from chalicelib.domain.notifications.service import Delivery
from tests.support.fakes import InMemoryCounters
from tests.unit.claims.claims_fakes import BOB, RecordingNotifier, World, asked, world

RIGHT = "ABCD2345"  # the code the fakes issue first
WRONG = "ZZZZ9999"
LOCK = 900


def locked_world(notifier: RecordingNotifier | None = None) -> tuple[World, str]:
    """A claim asked to Bob, with the limits as deployed by default (5 misses, 15 minutes)."""
    w = world()
    if notifier is not None:
        w.notifier = notifier
        w.service.counterpart._notifier = notifier
    w, cid = asked(w)
    w.service.counterpart.code_misses = MissLimit(
        "claim-code", 5, LOCK, InMemoryCounters(), w.clock, "too many wrong codes")
    return w, cid


def miss(w: World, cid: str, times: int, *, on_question: bool = False) -> None:
    for _ in range(times):
        with pytest.raises(Forbidden) as e:
            if on_question:
                w.service.counterpart.question(cid, WRONG)
            else:
                w.service.counterpart.respond(cid, confirm=True, code=WRONG)
        assert e.value.code == "invalid_code"


def lock_notices(w: World) -> list[Notification]:
    return [n for n in w.notifier.sent if n.event.get("type") == "claim.code_locked"]


def test_five_wrong_codes_lock_the_code_even_for_the_right_one():
    w, cid = locked_world()
    miss(w, cid, 5)
    with pytest.raises(RateLimited) as refused:
        w.service.counterpart.respond(cid, confirm=True, code=RIGHT)
    assert (refused.value.status, refused.value.code) == (429, "rate_limited")
    assert refused.value.to_json()["retry_after"] == LOCK
    with pytest.raises(RateLimited):
        w.service.counterpart.question(cid, RIGHT)
    assert w.workflow.completed == []
    assert not w.claims.get(cid).response_code.used


def test_the_link_page_is_no_free_oracle_its_misses_count_too():
    w, cid = locked_world()
    miss(w, cid, 3, on_question=True)
    miss(w, cid, 2)
    with pytest.raises(RateLimited):
        w.service.counterpart.question(cid, RIGHT)


def test_the_right_code_before_the_limit_still_works_and_only_once():
    w, cid = locked_world()
    miss(w, cid, 4)
    assert w.service.counterpart.question(cid, RIGHT)["claim_id"] == cid
    w.service.counterpart.respond(cid, confirm=True, code=RIGHT)
    assert [t for t, _ in w.workflow.completed] == ["tok-cpt"]
    with pytest.raises(Forbidden) as e:
        w.service.counterpart.respond(cid, confirm=False, code=RIGHT)
    assert e.value.code == "invalid_code"


def test_right_tries_do_not_use_up_the_misses():
    w, cid = locked_world()
    for _ in range(8):
        w.service.counterpart.question(cid, RIGHT)
    miss(w, cid, 4)
    w.service.counterpart.respond(cid, confirm=True, code=RIGHT)
    assert len(w.workflow.completed) == 1


def test_the_lock_ends_and_the_right_code_works_again():
    w, cid = locked_world()
    miss(w, cid, 5)
    w.clock.advance(LOCK - 1)
    with pytest.raises(RateLimited) as refused:
        w.service.counterpart.respond(cid, confirm=True, code=RIGHT)
    assert refused.value.retry_after == 1
    w.clock.advance(1)
    w.service.counterpart.respond(cid, confirm=True, code=RIGHT)
    assert [t for t, _ in w.workflow.completed] == ["tok-cpt"]


def test_the_counterpart_is_told_once_how_to_answer_without_the_link():
    w, cid = locked_world()
    miss(w, cid, 5)
    [note] = lock_notices(w)
    assert note.member_id == "m-bob"
    assert note.event["claim_id"] == cid and "app" in note.event["message"]
    assert note.sms_template == "counterpart_code_locked"
    assert note.sms_values == {"ref": cid[-6:].upper(), "deadline": "15 Mar 10:00"}
    assert "code" not in note.sms_values and "link" not in note.sms_values
    assert [e.details for e in w.claims.get(cid).timeline if e.event == "code_locked"] == [
        {"channel": "in_app"}]
    # Tries during the lock, and another lock later, tell nobody again.
    for _ in range(3):
        with pytest.raises(RateLimited):
            w.service.counterpart.respond(cid, confirm=True, code=WRONG)
    w.clock.advance(LOCK)
    miss(w, cid, 5)
    assert len(lock_notices(w)) == 1


def test_a_signed_in_counterpart_answers_while_the_code_is_locked():
    w, cid = locked_world()
    miss(w, cid, 5)
    w.service.counterpart.respond(cid, confirm=False, principal=BOB)
    assert w.workflow.completed == [("tok-cpt", {"confirmed": False, "via": "app",
                                                 "comment": ""})]


@pytest.mark.parametrize("moved_on", ["answered", "closed"])
def test_nobody_is_told_when_nothing_is_left_to_answer(moved_on):
    w, cid = locked_world()
    if moved_on == "answered":
        w.service.counterpart.respond(cid, confirm=True, principal=BOB)
    else:
        w.claims.workflow_sets(cid, status=CLOSED, pending=None)
    miss(w, cid, 5)
    assert lock_notices(w) == []
    with pytest.raises(RateLimited):
        w.service.counterpart.question(cid, RIGHT)


class FailingNotifier(RecordingNotifier):
    """Fails the lock notice (the SMS provider is down)."""

    def notify(self, note: Notification) -> Delivery:
        if note.event.get("type") == "claim.code_locked":
            raise Unavailable("sms down")
        return super().notify(note)


def test_a_failed_notice_leaves_the_lock_and_the_answer_as_they_are():
    w, cid = locked_world(FailingNotifier())
    miss(w, cid, 5)
    assert [e.details for e in w.claims.get(cid).timeline if e.event == "code_locked"] == [
        {"channel": "failed"}]
    with pytest.raises(RateLimited):
        w.service.counterpart.respond(cid, confirm=True, code=RIGHT)
