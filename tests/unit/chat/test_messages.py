"""Sending (moderation, flooding, idempotency, rate) and syncing messages, on in-memory fakes."""

from __future__ import annotations

import pytest

from chalicelib.domain.chat.core import ChatLimits
from chalicelib.domain.chat.events import ChatEvent
from chalicelib.domain.chat.ports import SequenceConflict
from chalicelib.domain.errors import Forbidden, NotFound, RateLimited, RuleRefused
from chalicelib.domain.moderation.flood import FloodPolicy
from tests.unit.chat.conftest import ALICE, BOB, SUPERVISOR, ChatWorld, build, helper

H1 = helper("h-1")


def stored_texts(world: ChatWorld, conversation_id: str) -> list[str | None]:
    return [m.text for m in world.store.messages_after(conversation_id, 0, 100)]


def test_a_message_gets_the_next_seq_and_reaches_the_others_but_not_the_sending_socket(
    world: ChatWorld,
) -> None:
    conversation_id = world.assigned()
    sent = world.chat.messages.send(H1, "conn-h1", conversation_id, "c1", "Bonjour, je regarde")
    assert sent.result == {"seq": 2, "verdict": "allow", "text": "Bonjour, je regarde"}
    [event] = sent.events
    assert set(event.recipients) == {"m-alice", "h-1"} and event.skip_connection == "conn-h1"
    assert event.payload["sender"] == {"id": "h-1", "role": "helper"}
    assert world.send(ALICE, conversation_id, "merci", "m1").result["seq"] == 3


def test_resending_a_client_msg_id_returns_the_same_answer_and_stores_once(
    world: ChatWorld,
) -> None:
    conversation_id = world.assigned()
    first = world.send(ALICE, conversation_id, "hello", "same")
    again = world.send(ALICE, conversation_id, "hello", "same")
    assert again.result == first.result
    assert again.events == []  # nothing is fanned out twice
    assert stored_texts(world, conversation_id) == ["Bonjour, aide svp", "hello"]
    # The same client id from someone else is another message.
    assert world.send(H1, conversation_id, "hello", "same").result["seq"] == 3


def test_a_blocked_message_is_stored_nowhere_and_its_resend_gets_the_same_answer(
    world: ChatWorld,
) -> None:
    conversation_id = world.assigned()
    blocked = world.send(ALICE, conversation_id, "you [block]", "b1")
    assert blocked.result["seq"] is None and blocked.result["verdict"] == "block"
    assert blocked.result["reasons"] == [{"category": "insult", "rule": "x"}]  # no matched text
    assert blocked.events == []
    assert world.send(ALICE, conversation_id, "you [block]", "b1").result == blocked.result
    assert stored_texts(world, conversation_id) == ["Bonjour, aide svp"]


def test_a_message_for_review_is_queued_with_it(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    sent = world.send(ALICE, conversation_id, "whatsapp me [review]", "r1")
    assert sent.result["verdict"] == "review"
    assert [(r.conversation_id, r.seq) for r in world.store.reviews] == [(conversation_id, 2)]


def test_the_same_text_repeated_is_blocked_as_flooding() -> None:
    world = build(flood=FloodPolicy(max_repeats=2, repeat_window_seconds=600))
    conversation_id = world.assigned()
    text = "Rembourse-moi tout de suite"
    verdicts = [world.send(ALICE, conversation_id, text, f"f{i}").result for i in range(3)]
    assert [v["verdict"] for v in verdicts] == ["allow", "allow", "block"]
    assert verdicts[2]["reasons"][-1]["rule"] == "flood.repeat"
    # Short replies are conversation, not flooding; the other side has their own count.
    short = {world.send(ALICE, conversation_id, "ok", f"k{i}").result["verdict"] for i in range(5)}
    assert short == {"allow"}
    assert world.send(H1, conversation_id, text, "h1").result["verdict"] == "allow"
    # Outside the window the text may be sent again.
    world.clock.advance(601)
    assert world.send(ALICE, conversation_id, text, "later").result["verdict"] == "allow"


def test_messages_over_the_rate_limit_are_refused() -> None:
    world = build(limits=ChatLimits(messages_per_minute=3))
    conversation_id = world.assigned()
    world.clock.t = (world.clock.t // 60) * 60  # all sends fall in one calendar minute
    for i in range(3):
        world.send(ALICE, conversation_id, f"message {i}", f"r{i}")
    with pytest.raises(RateLimited) as limited:
        world.send(ALICE, conversation_id, "one too many", "r3")
    assert limited.value.code == "rate_limited"
    world.clock.advance(60)
    assert world.send(ALICE, conversation_id, "a minute later", "r4").result["seq"] == 5


def test_non_participants_can_neither_send_nor_sync(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    with pytest.raises(Forbidden) as refused:
        world.send(BOB, conversation_id, "hi", "x")
    assert refused.value.code == "not_participant"
    with pytest.raises(NotFound):
        world.chat.messages.sync(BOB, conversation_id, 0)


def test_staff_sync_is_audited_and_participants_are_not(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    world.chat.messages.sync(ALICE, conversation_id, 0)
    world.chat.messages.sync(SUPERVISOR, conversation_id, 0)
    assert [(e["actor"], e["action"]) for e in world.audit.entries] == [
        ("s-1", "conversation.sync")
    ]


def test_send_to_a_closed_conversation_is_refused_but_a_resend_gets_its_answer(
    world: ChatWorld,
) -> None:
    conversation_id = world.assigned()
    first = world.send(ALICE, conversation_id, "last words", "lw")
    world.chat.oversight.close(H1, conversation_id)
    with pytest.raises(RuleRefused) as refused:
        world.send(ALICE, conversation_id, "too late", "tl")
    assert refused.value.code == "conversation_closed"
    assert world.send(ALICE, conversation_id, "last words", "lw").result == first.result


def test_the_first_answer_of_the_helper_is_told_once(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    world.send(ALICE, conversation_id, "allo ?", "a1")
    world.send(H1, conversation_id, "je suis là", "h1")
    world.send(H1, conversation_id, "je regarde", "h2")
    firsts = [e for e, _ in world.told if e is ChatEvent.FIRST_RESPONSE]
    assert firsts == [ChatEvent.FIRST_RESPONSE]
    assert world.store.get(conversation_id).first_response_at == world.clock.time()


def test_sync_returns_the_messages_after_a_seq_in_order(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    for i in range(5):
        world.send(H1 if i % 2 else ALICE, conversation_id, f"m{i}", f"id{i}")
    synced = world.chat.messages.sync(ALICE, conversation_id, 3)
    assert [m["seq"] for m in synced["messages"]] == [4, 5, 6]
    assert synced["messages"][0]["text"] == "m2" and synced["last_seq"] == 6
    assert synced["more"] is False


def test_a_message_that_lost_its_number_to_another_is_stored_with_the_next(
    world: ChatWorld,
) -> None:
    conversation_id = world.assigned()
    append = world.store.append
    raced = []

    def another_writer_first(conversation, message, *rest):  # type: ignore[no-untyped-def]
        if not raced:
            raced.append(message.seq)
            world.send(H1, conversation_id, "plus rapide", "h-fast")
            raise SequenceConflict()
        append(conversation, message, *rest)

    world.store.append = another_writer_first  # type: ignore[method-assign]
    sent = world.send(ALICE, conversation_id, "le mien", "mine")
    assert raced == [2] and sent.result["seq"] == 3
    assert stored_texts(world, conversation_id) == ["Bonjour, aide svp", "plus rapide", "le mien"]
