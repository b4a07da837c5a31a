"""`message.sync` replies and transcripts are bounded by their encoded size (docs/protocol.md):
a sync reply fits in one 128 KB `@connections` post, a transcript page stays far below
Lambda's 6 MB response, and following `more` / `next_cursor` gives every message once."""

from __future__ import annotations

import pytest

from chalicelib.domain.chat.model import Message
from chalicelib.domain.chat.pages import POST_LIMIT_BYTES, encode_frame
from chalicelib.domain.errors import BadInput
from tests.unit.chat.conftest import ALICE, SUPERVISOR, ChatWorld

# The longest text a client may send (2,000 characters), in 2-byte characters in UTF-8.
LONG = "é" * 1990 + "0123456789"


def with_long_messages(world: ChatWorld, count: int) -> str:
    """A conversation holding `count` messages of 2,000 characters after the opening one
    (written to the store directly: the per-minute rate is not what is tested here)."""
    conversation_id = world.assigned()
    stored = world.store.conversations[conversation_id]
    for seq in range(2, count + 2):
        world.store.messages[conversation_id][seq] = Message(
            conversation_id, seq, "h-1", "helper", LONG, "allow", 1000.0 + seq, f"c{seq}"
        )
    stored.last_seq = count + 1
    return conversation_id


def ack_frame(result: dict) -> bytes:
    """The reply frame exactly as the pusher posts it, with the longest request_id."""
    return encode_frame({"type": "ack", "request_id": "r" * 128, **result})


def test_a_sync_of_500_long_messages_fits_in_one_post_and_says_more(world: ChatWorld) -> None:
    conversation_id = with_long_messages(world, 500)
    reply = world.chat.messages.sync(ALICE, conversation_id, 0)
    frame = ack_frame(reply)
    assert len(frame) < POST_LIMIT_BYTES - 16 * 1024, len(frame)  # with margin
    assert reply["more"] is True and reply["last_seq"] == 501
    assert 10 < len(reply["messages"]) < 500


def test_following_more_gives_every_message_once_in_order(world: ChatWorld) -> None:
    conversation_id = with_long_messages(world, 500)
    seen: list[int] = []
    after, calls = 0, 0
    while True:
        reply = world.chat.messages.sync(ALICE, conversation_id, after)
        calls += 1
        assert len(ack_frame(reply)) < POST_LIMIT_BYTES
        seen += [m["seq"] for m in reply["messages"]]
        if not reply["more"]:
            break
        after = reply["messages"][-1]["seq"]
    assert seen == list(range(1, 502))
    assert calls > 5


def test_a_sync_of_short_messages_still_stops_at_500(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    for seq in range(2, 700):
        world.store.messages[conversation_id][seq] = Message(
            conversation_id, seq, "h-1", "helper", "ok", "allow", 1000.0, f"c{seq}"
        )
    reply = world.chat.messages.sync(ALICE, conversation_id, 0)
    assert len(reply["messages"]) == 500 and reply["more"] is True
    assert world.chat.messages.sync(ALICE, conversation_id, 500)["more"] is False


def test_a_transcript_is_paged_under_its_byte_budget_and_the_cursor_continues(
    world: ChatWorld,
) -> None:
    conversation_id = with_long_messages(world, 1500)  # about 6 MB of text in all
    first = world.chat.oversight.transcript(ALICE, conversation_id)
    assert len(encode_frame(first)) < 1_100_000
    assert first["next_cursor"] and first["status"] == "assigned"
    seen = [m["seq"] for m in first["messages"]]
    cursor = first["next_cursor"]
    while cursor:
        page = world.chat.oversight.transcript(ALICE, conversation_id, cursor)
        assert len(encode_frame(page)) < 1_100_000
        seen += [m["seq"] for m in page["messages"]]
        cursor = page["next_cursor"]
    assert seen == list(range(1, 1502))


def test_a_short_transcript_is_one_page_with_a_null_cursor(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    page = world.chat.oversight.transcript(SUPERVISOR, conversation_id)
    assert [m["seq"] for m in page["messages"]] == [1] and page["next_cursor"] is None


@pytest.mark.parametrize("cursor", ["not-a-cursor!", "YWJj"])  # garbage; base64 of "abc"
def test_a_transcript_cursor_this_api_did_not_give_is_bad_cursor(
    world: ChatWorld, cursor: str
) -> None:
    conversation_id = world.assigned()
    with pytest.raises(BadInput) as e:
        world.chat.oversight.transcript(ALICE, conversation_id, cursor)
    assert e.value.code == "bad_cursor"
