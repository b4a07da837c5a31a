"""The chat's limits on the fakes: help requests per member per hour, and the message rate,
both refused as `rate_limited` with `retry_after`."""

from __future__ import annotations

import pytest

from chalicelib.domain.chat.service import ChatLimits
from chalicelib.domain.errors import RateLimited, RuleRefused
from chalicelib.domain.limits import RateLimit
from tests.support.fakes import InMemoryCounters
from tests.unit.chat.conftest import ALICE, BOB, ChatWorld, build


def with_open_limit(world: ChatWorld, per_hour: int = 5) -> ChatWorld:
    """The world with HELP_OPEN_PER_HOUR, at the start of a clock hour."""
    world.clock.t = (world.clock.t // 3600) * 3600
    world.chat.requests.open_limit = RateLimit(
        "open", per_hour, 3600, InMemoryCounters(), world.clock, "too many help requests")
    return world


def test_a_member_opens_at_most_n_requests_per_hour(world: ChatWorld) -> None:
    with_open_limit(world, 5)
    world.clock.advance(600)
    opened = [world.open().result["conversation_id"] for _ in range(5)]
    assert len(set(opened)) == 5
    # Nobody took them: all still wait (for a Helper or in the professionals' queue).
    assert all(c.awaiting_helper for c in world.store.conversations.values())
    with pytest.raises(RateLimited) as refused:
        world.open()
    assert (refused.value.status, refused.value.code) == (429, "rate_limited")
    assert refused.value.to_json()["retry_after"] == 3000  # the end of the clock hour
    assert len(world.store.conversations) == 5  # nothing stored for the refused one


def test_the_limit_is_per_member(world: ChatWorld) -> None:
    with_open_limit(world, 1)
    world.open(ALICE)
    world.open(BOB)
    with pytest.raises(RateLimited):
        world.open(ALICE)


def test_closed_requests_still_count_and_the_next_hour_starts_afresh(world: ChatWorld) -> None:
    with_open_limit(world, 2)
    for _ in range(2):
        conversation_id = world.open().result["conversation_id"]
        world.chat.oversight.close(ALICE, conversation_id)
    with pytest.raises(RateLimited):
        world.open()
    world.clock.advance(3600)
    assert world.open().result["conversation_id"]


def test_a_request_refused_by_moderation_does_not_count(world: ChatWorld) -> None:
    with_open_limit(world, 1)
    with pytest.raises(RuleRefused):
        world.open(text="[block] nope")
    assert world.open().result["conversation_id"]


def test_the_message_rate_says_when_the_minute_ends() -> None:
    world = build(limits=ChatLimits(messages_per_minute=2))
    conversation_id = world.assigned()
    world.clock.t = (world.clock.t // 60) * 60 + 20
    world.send(ALICE, conversation_id, "one", "r1")
    world.send(ALICE, conversation_id, "two", "r2")
    with pytest.raises(RateLimited) as refused:
        world.send(ALICE, conversation_id, "three", "r3")
    assert refused.value.to_json() == {
        "code": "rate_limited", "message": "too many messages; wait a minute", "retry_after": 40}
