"""Moderation decisions under races and faults, over moto through the real routes and stores:
two decisions at once sanction once, a failed sanction is completed by a retry, never doubled."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import Unavailable
from devstack.seed import seed_members
from tests.integration.test_chat import assigned_pair, send
from tests.integration.test_moderation import OFF_PLATFORM, call, review_item
from tests.support.aws_fixtures import stored_member


@pytest.fixture
def world(services, ws):
    seed_members(services)
    return ws


def _open_item(http, world):
    member, _, conversation_id = assigned_pair(world)
    send(world, member, conversation_id, OFF_PLATFORM, "w1")
    return member, review_item(http, world, conversation_id)


def _read_before_the_other_wrote(services, monkeypatch, item_id):
    """The next read of the item answers it as it is now (open): a second moderator's request
    that read the item before the first one's decision was stored."""
    store = services.moderation.store
    stale = store.get(item_id)
    real = store.get
    left = [1]

    def get(wanted):
        if wanted == item_id and left[0]:
            left[0] -= 1
            return stale
        return real(wanted)

    return stale, get


@pytest.mark.parametrize("decision", ["warn", "suspend"])
def test_two_decisions_at_once_sanction_the_author_once(world, http, services, monkeypatch,
                                                         decision):
    member, item = _open_item(http, world)
    path = f"/moderation/items/{item['item_id']}/decision"
    _, stale_get = _read_before_the_other_wrote(services, monkeypatch, item["item_id"])
    assert call(http, world, "post", path, body={"decision": decision})[0] == 200
    monkeypatch.setattr(services.moderation.store, "get", stale_get)
    status, body = call(http, world, "post", path, who="s-2", body={"decision": decision})
    assert (status, body["code"]) == (409, "already_decided")
    moderation = stored_member("m-alice")["profile"]["moderation"]
    if decision == "warn":
        assert moderation["warnings"] == 1
        assert len(world.events(member, "moderation.warning")) == 1
    else:
        assert moderation["suspended"]["by"] == "s-1"


def test_a_warning_that_failed_after_the_decision_is_completed_by_a_retry(world, http, services,
                                                                          monkeypatch):
    member, item = _open_item(http, world)
    path = f"/moderation/items/{item['item_id']}/decision"
    ledger = services.moderation.sanctions._ledger
    real_warn = ledger.warn
    failures = [1]

    def warn_failing_once(*args):
        if failures[0]:
            failures[0] -= 1
            raise Unavailable("could not update the member")
        return real_warn(*args)

    monkeypatch.setattr(ledger, "warn", warn_failing_once)
    assert call(http, world, "post", path, body={"decision": "warn"})[0] == 503
    assert "moderation" not in (stored_member("m-alice")["profile"] or {})
    for _ in range(2):  # the retry completes it; one more changes nothing
        status, body = call(http, world, "post", path, body={"decision": "warn"})
        assert (status, body["decision"]) == (200, "warn")
    assert stored_member("m-alice")["profile"]["moderation"]["warnings"] == 1
    # Someone else, or another decision, is still refused.
    status, body = call(http, world, "post", path, who="s-2", body={"decision": "suspend"})
    assert (status, body["code"]) == (409, "already_decided")
