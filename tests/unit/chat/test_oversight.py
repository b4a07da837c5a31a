"""Escalation, staff joining, close and rating, transcripts and listings, on in-memory fakes."""

from __future__ import annotations

import pytest

from chalicelib.domain.chat.events import ChatEvent
from chalicelib.domain.chat.model import CLOSED
from chalicelib.domain.errors import BadInput, Conflict, Forbidden, NotFound, RuleRefused
from tests.unit.chat.conftest import (
    AGENT,
    ALICE,
    BOB,
    SUPERVISOR,
    ChatWorld,
    helper,
    offered_to,
    pushed,
)

H1 = helper("h-1")


# --- escalation and staff --------------------------------------------------------------------


def test_a_participant_escalates_once_and_agents_see_the_ticket(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    escalated = world.chat.oversight.escalate(H1, conversation_id, "refund dispute")
    ticket_id = escalated.result["ticket_id"]
    assert escalated.result["due_at"].endswith("Z")
    assert pushed(escalated, "conversation.escalated", to="m-alice")[0]["automatic"] is False
    queue = world.chat.oversight.agent_queue(AGENT)["items"]
    assert [(i["ticket_id"], i["ref_id"]) for i in queue] == [(ticket_id, conversation_id)]
    again = world.chat.oversight.escalate(ALICE, conversation_id, "again")
    assert again.result["ticket_id"] == ticket_id and len(world.queue.items) == 1


def test_only_participants_escalate_and_only_staff_read_the_queue(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    with pytest.raises(Forbidden) as refused:
        world.chat.oversight.escalate(BOB, conversation_id, "nosy")
    assert refused.value.code == "not_participant"
    with pytest.raises(Forbidden):
        world.chat.oversight.agent_queue(ALICE)


def test_an_agent_joins_as_the_company_voice_and_the_join_is_audited(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    world.chat.oversight.escalate(ALICE, conversation_id, "help")
    joined = world.chat.oversight.join(AGENT, conversation_id)
    assert pushed(joined, "participant.joined", to="m-alice")[0]["participant"] == {
        "id": "a-1",
        "role": "agent",
    }
    assert world.queue.open_items(10) == []  # the agent took the ticket
    assert [(e["actor"], e["action"]) for e in world.audit.entries] == [
        ("a-1", "conversation.join")
    ]
    assert world.send(AGENT, conversation_id, "Bonjour, ici l'équipe", "a1").result["seq"] == 2
    assert world.chat.oversight.join(AGENT, conversation_id).events == []  # already in


def test_members_and_helpers_cannot_join(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    for who in (BOB, helper("h-2")):
        with pytest.raises(Forbidden):
            world.chat.oversight.join(who, conversation_id)


# --- close -----------------------------------------------------------------------------------


def test_close_releases_capacity_and_offers_waiting_requests_to_the_freed_helper(
    world: ChatWorld,
) -> None:
    world.available("h-1", capacity=1)
    first = world.open(ALICE).result["conversation_id"]
    world.chat.requests.accept(H1, first)
    waiting = world.open(BOB)
    second = waiting.result["conversation_id"]
    assert offered_to(waiting, second) == set()  # h-1 is full
    closed = world.chat.oversight.close(ALICE, first)
    assert pushed(closed, "conversation.closed", to="h-1")[0]["by"] == "m-alice"
    assert world.presence.get("h-1").open_count == 0
    assert offered_to(closed, second) == {"h-1"}
    assert world.told[-1] == (ChatEvent.CLOSED, first)


def test_closing_twice_frees_one_slot_only(world: ChatWorld) -> None:
    world.available("h-1", capacity=2)
    kept = world.open(BOB).result["conversation_id"]
    world.chat.requests.accept(H1, kept)
    conversation_id = world.open(ALICE).result["conversation_id"]
    world.chat.requests.accept(H1, conversation_id)
    world.chat.oversight.close(ALICE, conversation_id)
    again = world.chat.oversight.close(H1, conversation_id)
    assert again.events == []
    assert world.presence.get("h-1").open_count == 1
    assert [e for e, _ in world.told].count(ChatEvent.CLOSED) == 1


def test_closing_an_unanswered_request_withdraws_its_offers(world: ChatWorld) -> None:
    world.available("h-1")
    world.available("h-2")
    conversation_id = world.open().result["conversation_id"]
    closed = world.chat.oversight.close(ALICE, conversation_id)
    assert {r for e in closed.events if e.payload["type"] == "help.offer_withdrawn"
            for r in e.recipients} == {"h-1", "h-2"}
    assert world.store.waiting("fr", 10) == []
    assert world.store.get(conversation_id).status == CLOSED


def test_strangers_cannot_close_but_staff_can_and_are_audited(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    with pytest.raises(Forbidden):
        world.chat.oversight.close(BOB, conversation_id)
    world.chat.oversight.close(SUPERVISOR, conversation_id)
    assert world.store.get(conversation_id).closed_by == "s-1"
    assert [(e["actor"], e["action"], e["subject"]) for e in world.audit.entries] == [
        ("s-1", "conversation.close", conversation_id)]


def test_a_participant_closing_their_own_conversation_is_not_audited(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    world.chat.oversight.close(ALICE, conversation_id)
    world.chat.oversight.close(SUPERVISOR, conversation_id)  # already closed: nothing decided
    assert world.audit.entries == []


# --- rating ----------------------------------------------------------------------------------


def test_only_the_member_rates_and_only_once_after_close(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    with pytest.raises(RuleRefused) as open_still:
        world.chat.oversight.rate(ALICE, conversation_id, 5, None)
    assert open_still.value.code == "not_closed"
    world.chat.oversight.close(ALICE, conversation_id)
    with pytest.raises(Forbidden) as not_member:
        world.chat.oversight.rate(H1, conversation_id, 5, None)
    assert not_member.value.code == "not_the_member"
    world.chat.oversight.rate(ALICE, conversation_id, 5, "Super, merci")
    with pytest.raises(Conflict) as twice:
        world.chat.oversight.rate(ALICE, conversation_id, 1, None)
    assert twice.value.code == "already_rated"
    stored = world.store.get(conversation_id)
    assert (stored.rating, stored.comment) == (5, "Super, merci")
    assert [e for e, _ in world.told if e is ChatEvent.RATED] == [ChatEvent.RATED]


def test_a_blocked_rating_comment_is_not_stored(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    world.chat.oversight.close(ALICE, conversation_id)
    world.chat.oversight.rate(ALICE, conversation_id, 2, "nul [block]")
    stored = world.store.get(conversation_id)
    assert (stored.rating, stored.comment) == (2, None)


# --- reads -----------------------------------------------------------------------------------


def test_non_participants_get_not_found_on_transcripts(world: ChatWorld) -> None:
    conversation_id = world.assigned()
    for stranger in (BOB, helper("h-2")):
        with pytest.raises(NotFound) as hidden:
            world.chat.oversight.transcript(stranger, conversation_id)
        assert hidden.value.code == "conversation_not_found"
    assert world.audit.entries == []


def test_participants_read_transcripts_unaudited_and_staff_reads_are_audited(
    world: ChatWorld,
) -> None:
    conversation_id = world.assigned()
    world.send(ALICE, conversation_id, "mon trajet", "t1")
    own = world.chat.oversight.transcript(ALICE, conversation_id)
    assert [m["seq"] for m in own["messages"]] == [1, 2]
    assert own["participants"] == [
        {"id": "m-alice", "role": "member"},
        {"id": "h-1", "role": "helper"},
    ]
    world.chat.oversight.transcript(H1, conversation_id)
    assert world.audit.entries == []
    world.chat.oversight.transcript(SUPERVISOR, conversation_id)
    world.chat.oversight.transcript(helper("h-9"), conversation_id)  # transcript access
    assert [(e["actor"], e["action"], e["subject"]) for e in world.audit.entries] == [
        ("s-1", "conversation.transcript", conversation_id),
        ("h-9", "conversation.transcript", conversation_id),
    ]
    audit = world.chat.oversight.audit_log(SUPERVISOR, None)
    assert [e["actor"] for e in audit["entries"]] == ["s-1", "h-9"]
    with pytest.raises(Forbidden):
        world.chat.oversight.audit_log(AGENT, None)


def test_staff_list_a_days_conversations_and_members_only_their_own(world: ChatWorld) -> None:
    mine = world.open(ALICE).result["conversation_id"]
    theirs = world.open(BOB).result["conversation_id"]
    listing = world.chat.oversight.list_conversations(AGENT, None, None)
    assert {c["conversation_id"] for c in listing["conversations"]} == {mine, theirs}
    assert world.chat.oversight.list_conversations(AGENT, None, CLOSED)["conversations"] == []
    with pytest.raises(BadInput):
        world.chat.oversight.list_conversations(AGENT, "yesterday", None)
    with pytest.raises(Forbidden):
        world.chat.oversight.list_conversations(ALICE, None, None)
    own = world.chat.oversight.my_conversations(BOB)["conversations"]
    assert [c["conversation_id"] for c in own] == [theirs]


def test_the_audit_log_pages_newest_first_to_the_end_of_the_day(world: ChatWorld) -> None:
    for n in range(5):
        world.audit.record("s-1", ["supervisor"], "conversation.transcript", f"c-{n}",
                           world.clock.time() + n)
    oversight = world.chat.oversight
    first = oversight.audit_log(SUPERVISOR, None, limit=2)
    second = oversight.audit_log(SUPERVISOR, first["day"], 2, first["next_cursor"])
    third = oversight.audit_log(SUPERVISOR, first["day"], 2, second["next_cursor"])
    pages = [[e["subject"] for e in p["entries"]] for p in (first, second, third)]
    assert pages == [["c-4", "c-3"], ["c-2", "c-1"], ["c-0"]]
    assert third["next_cursor"] is None


@pytest.mark.parametrize("day,limit,cursor,field", [
    ("02/12/2026", 10, None, "day"),
    (None, 0, None, "limit"),
    (None, 501, None, "limit"),
    (None, 10, "%%%", "cursor"),
    (None, 10, "AAEC", "cursor"),  # decodes to unprintable bytes
])
def test_a_bad_audit_query_is_refused_with_the_field(world: ChatWorld, day, limit, cursor,
                                                      field) -> None:
    with pytest.raises(BadInput) as refused:
        world.chat.oversight.audit_log(SUPERVISOR, day, limit, cursor)
    assert refused.value.details["field"] == field
