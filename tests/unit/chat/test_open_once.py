"""help.open once per request_id (docs/protocol.md): a member resending the same request after
a lost ack gets the first ack, opens nothing, is counted once and offered once; on fakes."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.chat.model import Outcome
from chalicelib.domain.chat.opening import REPLAY_SECONDS
from chalicelib.domain.chat.ports import Replay
from chalicelib.domain.errors import RateLimited
from chalicelib.domain.identity import Principal
from chalicelib.domain.limits import RateLimit
from tests.support.fakes import InMemoryCounters
from tests.unit.chat.conftest import ALICE, BOB, ChatWorld, offered_to


def open_with(world: ChatWorld, request_id: str | None, who: Principal = ALICE,
              topic: str = "booking", text: str = "Bonjour, aide svp") -> Outcome:
    return world.chat.requests.open_request(who, topic, "fr", text, True, request_id)


def limited(world: ChatWorld, per_hour: int) -> InMemoryCounters:
    counters = InMemoryCounters()
    world.clock.t = (world.clock.t // 3600) * 3600
    world.chat.requests.open_limit = RateLimit(
        "open", per_hour, 3600, counters, world.clock, "too many help requests")
    return counters


def test_a_resent_help_open_gets_the_same_ack_and_opens_nothing(world: ChatWorld) -> None:
    world.available("h-1")
    first = open_with(world, "r1-abc")
    again = open_with(world, "r1-abc")
    cid = first.result["conversation_id"]
    assert again.result == first.result
    assert list(world.store.conversations) == [cid]
    assert offered_to(first, cid) == {"h-1"} and offered_to(again, cid) == set()
    assert again.events == []  # nothing pushed again: help.queued and the offer were once
    assert [s[0] for s in world.waves.scheduled] == [cid]
    assert world.store.expires_at["open#m-alice#r1-abc"] == int(world.clock.t) + REPLAY_SECONDS


def test_a_request_id_is_the_members_own_and_absent_means_no_dedupe(world: ChatWorld) -> None:
    alice = open_with(world, "r1").result["conversation_id"]
    bob = open_with(world, "r1", BOB).result["conversation_id"]
    assert alice != bob
    assert open_with(world, "r2").result["conversation_id"] != alice
    assert open_with(world, None).result["conversation_id"] != open_with(world, None).result[
        "conversation_id"]
    assert len(world.store.conversations) == 5


def test_a_resend_counts_once_against_the_hourly_limit(world: ChatWorld) -> None:
    limited(world, 1)
    first = open_with(world, "r1")
    assert open_with(world, "r1").result == first.result  # not refused: it is the same one
    with pytest.raises(RateLimited):
        open_with(world, "r2")


def test_a_request_that_could_not_be_stored_is_not_counted(world: ChatWorld,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    counters = limited(world, 1)
    create = world.store.create

    def failing(*args: Any, **kwargs: Any) -> None:
        monkeypatch.setattr(world.store, "create", create)
        raise OSError("DynamoDB is unavailable")

    monkeypatch.setattr(world.store, "create", failing)
    with pytest.raises(OSError):
        open_with(world, "r1")
    assert [v for v, _ in counters.items.values()] == [0]
    assert open_with(world, "r1").result["seq"] == 1  # the retry opens it, within the limit
    assert len(world.store.conversations) == 1


def test_a_resend_racing_the_first_gets_its_ack_and_gives_its_count_back(
        world: ChatWorld) -> None:
    counters = limited(world, 2)
    first = open_with(world, "r1")
    # The resend read no replay record (the first one's transaction had not committed yet):
    # its own transaction is refused on the replay key.
    world.store.answers.pop("open#m-alice#r1")
    world.store.answers["open#m-alice#r1"] = first.result
    recall = world.store.recall
    world.store.recall = lambda key: None  # type: ignore[method-assign]
    again = open_with(world, "r1")
    world.store.recall = recall  # type: ignore[method-assign]
    assert again.result == first.result and again.events == []
    assert len(world.store.conversations) == 1
    assert [v for v, _ in counters.items.values()] == [1]


def test_a_sensitive_request_whose_hand_over_failed_is_handed_over_by_the_resend(
        world: ChatWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    put = world.queue.put

    def failing(item: Any) -> None:
        monkeypatch.setattr(world.queue, "put", put)
        raise OSError("DynamoDB is unavailable")

    monkeypatch.setattr(world.queue, "put", failing)
    with pytest.raises(OSError):
        open_with(world, "r1", topic="safety")
    (cid,) = world.store.conversations
    assert not world.store.conversations[cid].escalated
    again = open_with(world, "r1", topic="safety")
    assert again.result["conversation_id"] == cid
    assert world.store.conversations[cid].escalated
    assert len(world.queue.open_items(10)) == 1
    open_with(world, "r1", topic="safety")
    assert len(world.queue.open_items(10)) == 1  # handed over once


def test_the_replay_record_is_written_with_the_request(world: ChatWorld) -> None:
    stored: list[Replay | None] = []
    create = world.store.create

    def spy(*args: Any, **kwargs: Any) -> None:
        stored.append(args[4] if len(args) > 4 else kwargs.get("replay"))
        create(*args, **kwargs)

    world.store.create = spy  # type: ignore[method-assign]
    cid = open_with(world, "r9").result["conversation_id"]
    open_with(world, None)
    assert stored[0] is not None and stored[0].key == "open#m-alice#r9"
    assert stored[0].answer["conversation_id"] == cid and stored[1] is None
