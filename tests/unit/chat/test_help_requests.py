"""Presence, opening, routing in waves, the sweep and the accept, on in-memory fakes."""

from __future__ import annotations

import pytest

from chalicelib.domain.chat.events import ChatEvent
from chalicelib.domain.chat.model import AVAILABLE, ESCALATED, OFFLINE
from chalicelib.domain.chat.routing import WavePolicy
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, RuleRefused
from tests.unit.chat.conftest import (
    AGENT,
    ALICE,
    BOB,
    ChatWorld,
    build,
    helper,
    offered_to,
    pushed,
)

FRENCH_HELPERS = ("h-1", "h-2", "h-3", "h-4")


# --- presence --------------------------------------------------------------------------------


def test_presence_outside_the_approved_profile_is_refused(world: ChatWorld) -> None:
    with pytest.raises(RuleRefused) as refused:
        world.chat.requests.set_presence(helper("h-1"), "available", ["safety"], None, None)
    assert refused.value.code == "not_approved"
    with pytest.raises(RuleRefused) as refused:
        world.chat.requests.set_presence(helper("h-1"), "available", None, ["en"], None)
    assert refused.value.code == "not_approved"


def test_presence_guards_refuse_before_anything_is_stored(world: ChatWorld) -> None:
    def suspended(who: object) -> None:
        raise RuleRefused("your Helper role is not active", code="helper_not_active")

    world.chat.presence_guards.append(suspended)
    with pytest.raises(RuleRefused):
        world.available("h-1")
    assert world.presence.get("h-1") is None


def test_going_offline_takes_a_helper_out_of_the_pools(world: ChatWorld) -> None:
    world.available("h-1")
    world.chat.requests.went_offline("h-1", still_connected=True)
    assert world.presence.pool("fr", 50) == ["h-1"]
    world.chat.requests.went_offline("h-1", still_connected=False)
    assert world.presence.pool("fr", 50) == []
    assert world.presence.profiles["h-1"].status == OFFLINE
    opened = world.open()
    assert offered_to(opened, opened.result["conversation_id"]) == set()


# --- opening and routing ---------------------------------------------------------------------


def test_an_open_request_is_offered_to_matching_helpers_and_its_timeout_scheduled() -> None:
    world = build(policy=WavePolicy(first=3, growth=3, timeout_seconds=4))
    for h in ("h-1", "h-2", "h-5"):  # h-5 speaks English only
        world.available(h)
    opened = world.open()
    conversation_id = opened.result["conversation_id"]
    assert pushed(opened, "help.queued", to="m-alice")
    assert offered_to(opened, conversation_id) == {"h-1", "h-2"}
    assert pushed(opened, "help.offer")[0]["expires_in"] == 4
    assert world.waves.scheduled == [(conversation_id, 1, 4)]


def test_waves_widen_then_escalate_after_max_waves() -> None:
    world = build(policy=WavePolicy(first=1, growth=1, max_waves=3))
    for h in FRENCH_HELPERS:
        world.available(h)
    opened = world.open(topic="trip")
    conversation_id = opened.result["conversation_id"]
    holding = offered_to(opened, conversation_id)
    assert len(holding) == 1
    for wave in (1, 2):
        widened = world.chat.requests.on_wave_timeout(conversation_id, wave)
        added = offered_to(widened, conversation_id)
        assert len(added) == 1 and not added & holding  # one more Helper, never the same twice
        holding |= added
    assert [w for _, w, _ in world.waves.scheduled] == [1, 2, 3]
    assert pushed(world.chat.requests.on_wave_timeout(conversation_id, 2), "help.offer") == []

    last = world.chat.requests.on_wave_timeout(conversation_id, 3)
    assert offered_to(last, conversation_id) == set()
    escalated = pushed(last, "conversation.escalated", to="m-alice")
    assert escalated and escalated[0]["automatic"] is True
    assert [i.ref_id for i in world.queue.open_items(10)] == [conversation_id]
    assert world.store.get(conversation_id).status == ESCALATED
    # Still open to Helpers: one who accepts now takes it off the agents' queue.
    world.chat.requests.accept(helper("h-1"), conversation_id)
    assert world.queue.open_items(10) == []


def test_a_stale_wave_timer_changes_nothing(world: ChatWorld) -> None:
    world.available("h-1")
    conversation_id = world.open().result["conversation_id"]
    assert world.chat.requests.on_wave_timeout(conversation_id, 7).events == []
    assert world.chat.requests.on_wave_timeout("cv-gone", 1).events == []
    assert len(world.waves.scheduled) == 1


def test_no_helper_available_goes_to_professionals_at_once(world: ChatWorld) -> None:
    opened = world.open()
    event = pushed(opened, "conversation.escalated", to="m-alice")[0]
    assert event["automatic"] is True and event["due_at"].endswith("Z")
    assert world.waves.scheduled == []
    assert [i.reason for i in world.queue.open_items(10)] == ["no Helper available"]


def test_sensitive_topics_go_straight_to_professionals(world: ChatWorld) -> None:
    world.available("h-1")
    opened = world.open(topic="safety")
    conversation_id = opened.result["conversation_id"]
    assert offered_to(opened, conversation_id) == set()
    assert pushed(opened, "conversation.escalated", to="m-alice")
    assert [i.reason for i in world.queue.open_items(10)] == ["sensitive topic"]
    # It never waits for volunteers: a Helper going available is not offered it...
    assert offered_to(world.available("h-2"), conversation_id) == set()
    # ...nor may one accept it; an agent may.
    with pytest.raises(Forbidden):
        world.chat.requests.accept(helper("h-1"), conversation_id)
    accepted = world.chat.requests.accept(AGENT, conversation_id)
    assert pushed(accepted, "help.assigned")[0]["helper"]["badge"] == "agent"


def test_a_helper_is_never_offered_their_own_request(world: ChatWorld) -> None:
    world.available("h-1")
    world.available("h-2")
    opened = world.open(helper("h-1"))  # h-1 is a member too
    assert offered_to(opened, opened.result["conversation_id"]) == {"h-2"}


def test_a_helper_going_available_is_not_offered_their_own_waiting_request(
    world: ChatWorld,
) -> None:
    mine = world.open(helper("h-1")).result["conversation_id"]
    theirs = world.open(BOB).result["conversation_id"]
    outcome = world.available("h-1")
    assert offered_to(outcome, theirs) == {"h-1"}
    assert offered_to(outcome, mine) == set()


def test_a_helper_going_available_is_offered_the_waiting_requests(world: ChatWorld) -> None:
    first = world.open(ALICE).result["conversation_id"]
    second = world.open(BOB).result["conversation_id"]
    outcome = world.available("h-1")
    assert [e.payload["conversation_id"] for e in outcome.events] == [first, second]
    # Offered once: going available again does not offer the same requests twice.
    assert world.available("h-1").events == []


def test_a_stale_heartbeat_stops_offers(world: ChatWorld) -> None:
    world.available("h-1")
    world.clock.advance(WavePolicy().heartbeat_ttl + 1)
    opened = world.open()
    assert offered_to(opened, opened.result["conversation_id"]) == set()
    world.chat.requests.heartbeat(helper("h-1"))
    opened = world.open(BOB)
    assert offered_to(opened, opened.result["conversation_id"]) == {"h-1"}


def test_the_sweep_reroutes_requests_whose_timer_was_lost() -> None:
    world = build(policy=WavePolicy(first=1, growth=1, timeout_seconds=4))
    world.available("h-1")
    world.available("h-2")
    opened = world.open()
    conversation_id = opened.result["conversation_id"]
    first = offered_to(opened, conversation_id)
    assert world.chat.requests.sweep().events == []  # not stale yet
    world.clock.advance(13)  # past three wave timeouts, and the timer never came
    assert offered_to(world.chat.requests.sweep(), conversation_id) == {"h-1", "h-2"} - first


# --- accept ----------------------------------------------------------------------------------


def test_first_accept_wins_and_the_others_are_told(world: ChatWorld) -> None:
    world.available("h-1")
    world.available("h-2")
    conversation_id = world.open().result["conversation_id"]
    accepted = world.chat.requests.accept(helper("h-1"), conversation_id)
    assert pushed(accepted, "help.assigned", to="m-alice")[0]["helper"] == {
        "id": "h-1",
        "display_name": "Hélène",
        "badge": "helper",
    }
    assert pushed(accepted, "help.offer_withdrawn", to="h-2")
    assert world.presence.get("h-1").open_count == 1
    assert world.told == [(ChatEvent.ACCEPTED, conversation_id)]


def test_a_second_accept_gets_already_taken(world: ChatWorld) -> None:
    world.available("h-1")
    world.available("h-2")
    conversation_id = world.open().result["conversation_id"]
    world.chat.requests.accept(helper("h-1"), conversation_id)
    with pytest.raises(Conflict) as late:
        world.chat.requests.accept(helper("h-2"), conversation_id)
    assert late.value.code == "already_taken"
    assert world.store.get(conversation_id).helper_id == "h-1"
    assert world.presence.get("h-2").open_count == 0


def test_an_accept_that_loses_the_race_in_the_store_gets_already_taken(
    world: ChatWorld,
) -> None:
    world.available("h-1")
    world.available("h-2")
    conversation_id = world.open().result["conversation_id"]
    read_before_the_race = world.store.get(conversation_id)
    world.chat.requests.accept(helper("h-1"), conversation_id)
    world.store.get = lambda _id: read_before_the_race  # type: ignore[method-assign]
    with pytest.raises(Conflict) as late:
        world.chat.requests.accept(helper("h-2"), conversation_id)
    assert late.value.code == "already_taken"
    assert world.presence.get("h-2").open_count == 0


def test_a_helper_at_capacity_cannot_accept(world: ChatWorld) -> None:
    world.available("h-1", capacity=1)
    first = world.open(ALICE).result["conversation_id"]
    second = world.open(BOB).result["conversation_id"]
    world.chat.requests.accept(helper("h-1"), first)
    with pytest.raises(RuleRefused) as refused:
        world.chat.requests.accept(helper("h-1"), second)
    assert refused.value.code == "at_capacity"
    assert world.store.get(second).helper_id is None


def test_a_helper_who_is_not_available_cannot_accept(world: ChatWorld) -> None:
    world.available("h-1")
    conversation_id = world.open().result["conversation_id"]
    world.chat.requests.set_presence(helper("h-1"), "away", None, None, None)
    assert world.presence.get("h-1").status != AVAILABLE
    with pytest.raises(RuleRefused) as refused:
        world.chat.requests.accept(helper("h-1"), conversation_id)
    assert refused.value.code == "not_available"
    with pytest.raises(RuleRefused) as never_set:
        world.chat.requests.accept(helper("h-3"), conversation_id)
    assert never_set.value.code == "not_available"


def test_nobody_accepts_their_own_request_and_members_cannot_accept(world: ChatWorld) -> None:
    world.available("h-1")
    conversation_id = world.open(helper("h-1")).result["conversation_id"]
    with pytest.raises(Forbidden):
        world.chat.requests.accept(helper("h-1"), conversation_id)
    with pytest.raises(Forbidden):
        world.chat.requests.accept(BOB, conversation_id)


def test_accepting_an_unknown_conversation_is_not_found(world: ChatWorld) -> None:
    world.available("h-1")
    with pytest.raises(NotFound) as missing:
        world.chat.requests.accept(helper("h-1"), "cv-nope")
    assert missing.value.code == "conversation_not_found"
