"""ChatService: the bundle the composition root builds, three parts over one set of ports."""

from __future__ import annotations

from chalicelib.domain.chat.events import ChatEvent
from tests.unit.chat.conftest import ALICE, ChatWorld, helper


def test_the_three_parts_share_one_core_and_close_routes_through_requests(
    world: ChatWorld,
) -> None:
    chat = world.chat
    assert chat.requests.core is chat.messages.core is chat.oversight.core
    assert chat.oversight.routing is chat.requests
    assert chat.requests.core.store is chat.store and chat.requests.core.limits is chat.limits


def test_listeners_of_the_chat_hear_every_part_with_chat_events(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    world.send(helper("h-1"), conversation_id, "je regarde", "h1")
    world.chat.oversight.close(ALICE, conversation_id)
    world.chat.oversight.rate(ALICE, conversation_id, 5, None)
    assert world.told == [
        (ChatEvent.ACCEPTED, conversation_id),
        (ChatEvent.FIRST_RESPONSE, conversation_id),
        (ChatEvent.CLOSED, conversation_id),
        (ChatEvent.RATED, conversation_id),
    ]
    assert [e.value for e, _ in world.told] == ["accepted", "first_response", "closed", "rated"]
