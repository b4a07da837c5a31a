"""Conversations left behind (docs/protocol.md, "Conversations left behind"), on fakes: idle
ones closed with the Helper's slot freed, a gone Helper's ones offered again or sent to agents,
and a member who was away told that Member Relations answered."""

from __future__ import annotations

from chalicelib.domain.chat.core import ChatLimits
from chalicelib.domain.notifications.ports import Contact
from chalicelib.domain.notifications.service import NotificationService
from chalicelib.policies.offline_replies import TellOfflineMembers
from tests.unit.chat.conftest import AGENT, ALICE, ChatWorld, build, helper, pushed
from tests.unit.notifications.notifications_fakes import (
    InMemoryContactBook,
    InMemoryInAppSender,
    InMemoryPresence,
    InMemorySmsSender,
)

H1 = helper("h-1")
IDLE = ChatLimits(idle_close_minutes=30, helper_gone_grace_seconds=180)


def heartbeat(world: ChatWorld, *helper_ids: str) -> None:
    for helper_id in helper_ids:
        world.chat.requests.heartbeat(helper(helper_id))


def test_an_idle_conversation_is_closed_by_the_sweep_and_the_helper_slot_freed() -> None:
    world = build(limits=IDLE)
    conversation_id = world.assigned("h-1")
    world.send(H1, conversation_id, "Je regarde votre réservation", "c1")
    assert world.presence.profiles["h-1"].open_count == 1
    world.clock.advance(29 * 60)
    heartbeat(world, "h-1")
    assert world.chat.abandonment.sweep().events == []  # not idle yet
    world.clock.advance(2 * 60)
    heartbeat(world, "h-1")
    swept = world.chat.abandonment.sweep()
    assert world.store.conversations[conversation_id].status == "closed"
    assert world.store.conversations[conversation_id].closed_by == "system"
    assert world.presence.profiles["h-1"].open_count == 0
    [closed] = pushed(swept, "conversation.closed", to="m-alice")
    assert (closed["by"], closed["reason"]) == ("system", "idle")
    assert pushed(swept, "conversation.closed", to="h-1")
    # A second sweep finds nothing left to do.
    assert world.chat.abandonment.sweep().events == []


def test_a_message_keeps_a_conversation_open() -> None:
    world = build(limits=IDLE)
    conversation_id = world.assigned("h-1")
    world.clock.advance(25 * 60)
    world.send(ALICE, conversation_id, "vous êtes là ?", "m1")
    world.clock.advance(25 * 60)
    heartbeat(world, "h-1")
    world.chat.abandonment.sweep()
    assert world.store.conversations[conversation_id].status == "assigned"


def test_idle_close_is_off_when_the_setting_is_zero() -> None:
    world = build(limits=ChatLimits(idle_close_minutes=0))
    conversation_id = world.assigned("h-1")
    world.clock.advance(10 * 3600)
    heartbeat(world, "h-1")
    world.chat.abandonment.sweep()
    assert world.store.conversations[conversation_id].status == "assigned"


def test_a_gone_helper_conversation_is_offered_to_another_helper_and_the_member_told() -> None:
    world = build(limits=IDLE)
    conversation_id = world.assigned("h-1")
    world.available("h-2")
    world.chat.requests.went_offline("h-1", still_connected=False)
    world.clock.advance(60)
    heartbeat(world, "h-2")
    assert world.chat.abandonment.sweep().events == []  # within the grace period
    world.clock.advance(150)
    heartbeat(world, "h-2")
    swept = world.chat.abandonment.sweep()
    stored = world.store.conversations[conversation_id]
    assert (stored.helper_id, stored.status) == (None, "waiting")
    assert world.presence.profiles["h-1"].open_count == 0
    [left] = pushed(swept, "participant.left", to="m-alice")
    assert left["participant"] == {"id": "h-1", "role": "helper"} and left["reason"] == "gone"
    assert pushed(swept, "help.queued", to="m-alice")
    [offer] = pushed(swept, "help.offer", to="h-2")
    assert offer["conversation_id"] == conversation_id
    assert not pushed(swept, "help.offer", to="h-1")
    # h-2 takes it over, and the sweep leaves it alone from then on.
    world.chat.requests.accept(helper("h-2"), conversation_id)
    assert world.chat.abandonment.sweep().events == []


def test_a_gone_helper_conversation_goes_to_agents_when_no_helper_is_online() -> None:
    world = build(limits=IDLE)
    conversation_id = world.assigned("h-1")
    world.clock.advance(200)  # h-1 stopped sending heartbeats: gone
    swept = world.chat.abandonment.sweep()
    stored = world.store.conversations[conversation_id]
    assert stored.helper_id is None and stored.escalated and stored.ticket_id
    assert [i.ref_id for i in world.queue.open_items(10)] == [conversation_id]
    [escalated] = pushed(swept, "conversation.escalated", to="m-alice")
    assert escalated["automatic"] is True


def test_a_connected_helper_whose_client_does_not_ping_is_not_gone() -> None:
    world = build(limits=IDLE)
    conversation_id = world.assigned("h-1")
    connected = {"h-1"}
    world.chat.abandonment.is_online = lambda member_id: member_id in connected
    world.clock.advance(600)  # no heartbeat for ten minutes, but still connected
    assert world.chat.abandonment.sweep().events == []
    assert world.store.conversations[conversation_id].helper_id == "h-1"
    connected.clear()  # the socket is gone too: now the Helper is
    world.chat.abandonment.sweep()
    assert world.store.conversations[conversation_id].helper_id is None


def test_an_agent_assignee_is_never_taken_off_by_the_helper_rule() -> None:
    world = build(limits=IDLE)
    conversation_id = world.open().result["conversation_id"]
    world.chat.requests.accept(AGENT, conversation_id)
    world.clock.advance(600)
    world.chat.abandonment.sweep()
    assert world.store.conversations[conversation_id].helper_id == AGENT.member_id


# --- Member Relations answering a member who is away -------------------------------------------


def tell_offline(world: ChatWorld, online: set[str], phone: str | None, opted_out: bool = False):
    presence = InMemoryPresence(*online)
    sms = InMemorySmsSender({phone} if opted_out and phone else set())
    in_app = InMemoryInAppSender(presence)
    notifier = NotificationService(
        contacts=InMemoryContactBook({"m-alice": Contact(phone=phone, lang="fr")}),
        presence=presence, in_app=in_app, sms=sms,
    )
    world.chat.listeners.append(TellOfflineMembers(lambda: presence, world.store, lambda: notifier))
    return sms, in_app


def staff_conversation(world: ChatWorld) -> str:
    conversation_id = world.open().result["conversation_id"]
    world.chat.requests.accept(AGENT, conversation_id)
    return str(conversation_id)


def test_an_agent_answer_to_an_offline_member_is_marked_unread_and_sent_by_sms() -> None:
    world = build()
    sms, _ = tell_offline(world, online=set(), phone="+33612345678")
    conversation_id = staff_conversation(world)
    world.chat.messages.send(AGENT, "conn-a", conversation_id, "a1", "Nous avons remboursé")
    world.chat.messages.send(AGENT, "conn-a", conversation_id, "a2", "Autre chose ?")
    [(phone, text)] = sms.sent  # once for the streak of answers, not per message
    assert phone == "+33612345678" and "Relations membres" in text
    assert "rembours" not in text  # the answer itself never goes by SMS
    summary = world.chat.oversight.my_conversations(ALICE)["conversations"][0]
    assert summary["unread_since_seq"] == 2
    # On return, the member's sync says it once, then the marker is cleared.
    first = world.chat.messages.sync(ALICE, conversation_id, 0)
    assert first["unread_since_seq"] == 2 and [m["seq"] for m in first["messages"]] == [1, 2, 3]
    assert "unread_since_seq" not in world.chat.messages.sync(ALICE, conversation_id, 3)
    assert world.store.conversations[conversation_id].member_unread_seq is None


def test_an_opted_out_or_phoneless_member_gets_no_sms_but_the_unread_marker() -> None:
    for phone, opted_out in (("+33612345678", True), (None, False)):
        world = build()
        sms, _ = tell_offline(world, online=set(), phone=phone, opted_out=opted_out)
        conversation_id = staff_conversation(world)
        world.chat.messages.send(AGENT, "conn-a", conversation_id, "a1", "Bonjour")
        assert sms.sent == []
        assert world.store.conversations[conversation_id].member_unread_seq == 2


def test_an_online_member_or_a_helper_answer_sends_nothing_more() -> None:
    world = build()
    sms, in_app = tell_offline(world, online={"m-alice"}, phone="+33612345678")
    conversation_id = staff_conversation(world)
    world.chat.messages.send(AGENT, "conn-a", conversation_id, "a1", "Bonjour")
    assert sms.sent == [] and in_app.pushed == []
    assert world.store.conversations[conversation_id].member_unread_seq is None
    offline = build()
    sms, _ = tell_offline(offline, online=set(), phone="+33612345678")
    helped = offline.assigned("h-1")
    offline.send(H1, helped, "Bonjour, je suis Helper", "h1")
    assert sms.sent == [] and offline.store.conversations[helped].member_unread_seq is None
