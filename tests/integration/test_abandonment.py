"""Conversations left behind, through the real WebSocket handlers and the scheduled sweep on
moto: the open-index (no Scan), the close, the take-back and the unread marker are stored."""

from __future__ import annotations

import pytest

from chalicelib.api import chat as chat_api
from devstack.lambda_runtime import LocalContext, scheduled_event
from tests.integration.test_chat import MEMBER, assigned_pair, available, send


@pytest.fixture
def world(services, ws):
    from devstack.seed import seed_members

    seed_members(services)
    return ws


def run_sweep_at(services, monkeypatch, at: float) -> None:
    """The scheduled sweep (api/chat.py routing_sweep) as if it ran at `at`."""
    monkeypatch.setattr(services.chat.clock, "time", lambda: at)
    event = scheduled_event("routing_sweep", services.settings.region)
    chat_api.routing_sweep(event, LocalContext("routing_sweep"))


def test_the_sweep_closes_an_idle_conversation_and_frees_the_helper(world, services,
                                                                    monkeypatch):
    member, helper, conversation_id = assigned_pair(world)
    send(world, helper, conversation_id, "réponse", "h1")
    world.events(member)
    world.events(helper)
    idle = services.settings.conversation_idle_close_minutes * 60
    later = services.clock.time() + idle + 5
    # The Helper is still there (fresh heartbeat): only the silence closes it.
    services.chat.presence.heartbeat("h-1", later)
    run_sweep_at(services, monkeypatch, later)
    stored = services.chat.store.get(conversation_id)
    assert (stored.status, stored.closed_by) == ("closed", "system")
    assert services.chat.presence.get("h-1").open_count == 0
    [closed] = world.events(member, "conversation.closed")
    assert closed["reason"] == "idle"
    assert services.chat.store.open_conversations(10) == []


def test_a_gone_helper_conversation_goes_to_another_helper(world, services, monkeypatch):
    member, helper, conversation_id = assigned_pair(world)
    world.disconnect(helper)  # the Helper's last device: they never come back
    other = available(world, "h-2")
    later = services.clock.time() + services.settings.helper_gone_grace_seconds + 5
    services.chat.presence.heartbeat("h-2", later)
    run_sweep_at(services, monkeypatch, later)
    stored = services.chat.store.get(conversation_id)
    assert (stored.helper_id, stored.status) == (None, "waiting")
    assert services.chat.presence.get("h-1").open_count == 0
    assert world.events(member, "participant.left")[0]["participant"]["id"] == "h-1"
    assert conversation_id in [e["conversation_id"] for e in world.events(other, "help.offer")]
    reply = world.send(other, {"action": "help.accept", "conversation_id": conversation_id})
    assert reply["type"] == "ack", reply


def test_an_agent_answer_to_an_offline_member_is_unread_on_return(world, services):
    member = world.connect("m-alice", MEMBER)
    opened = world.send(member, {"action": "help.open", "topic": "booking", "lang": "fr",
                                 "text": "Bonjour, aide svp", "consent": True})
    conversation_id = opened["conversation_id"]
    agent = world.connect("a-l1", ["agent"], tier="L1")
    assert world.send(agent, {"action": "help.accept",
                              "conversation_id": conversation_id})["type"] == "ack"
    world.disconnect(member)
    assert send(world, agent, conversation_id, "Nous avons regardé", "a1")["seq"] == 2
    stored = services.chat.store.get(conversation_id)
    assert stored.member_unread_seq == 2
    back = world.connect("m-alice", MEMBER)
    sync = world.send(back, {"action": "message.sync", "conversation_id": conversation_id,
                             "after_seq": 1})
    assert sync["unread_since_seq"] == 2 and [m["seq"] for m in sync["messages"]] == [2]
    assert services.chat.store.get(conversation_id).member_unread_seq is None
