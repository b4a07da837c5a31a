"""The chat store's `message.send` hot path over moto: it reads the conversation and writes
the message's transaction in DynamoDB's JSON itself (chat_items.py, bench/send_cpu.py), so
what it reads and writes must be, item for item, what the PynamoDB models read and write."""

from __future__ import annotations

import json

import pytest
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.dynamodb.chat_items import conversation_from_item
from chalicelib.adapters.dynamodb.chat_store import DynamoChatStore, review_record
from chalicelib.adapters.dynamodb.models.chat import ConversationRecord, MessageRecord
from chalicelib.adapters.dynamodb.models.chat import Participant as ParticipantAttr
from chalicelib.adapters.dynamodb.models.moderation import ModerationItemRecord
from chalicelib.adapters.dynamodb.models.sessions import CounterRecord, IdempotencyRecord
from chalicelib.domain.chat.model import CLOSED, Conversation, Message, Participant
from chalicelib.domain.moderation.review import ReviewItem

TTL = 1_900_000_000
AT = 1_800_000_123.456789


@pytest.fixture
def store(aws) -> DynamoChatStore:
    return DynamoChatStore()


def every_attribute(conversation_id: str) -> ConversationRecord:
    """A conversation with every attribute of the model set (checked below)."""
    return ConversationRecord(
        conversation_id, member_id="m-alice", topic="booking", lang="fr", status="assigned",
        preview="Bonjour", helper_id="h-1", helper_role="helper",
        staff=[ParticipantAttr(id="s-1", role="supervisor")], waiting_lang="fr",
        opened_day="2027-01-15", opened_at=AT, assigned_at=AT + 1, first_response_at=AT + 2.5,
        closed_at=AT + 3, closed_by="m-alice", rating=4, comment="Merci", escalated=True,
        escalated_at=AT + 4, straight_to_professionals=True, ticket_id="t-1", due_at=AT + 5,
        wave=2, offered=["h-1", "h-2"], counterparties=["m-bob"], last_seq=7,
        recent={"m-alice": [["e317c6f673d5", 1800000123]]}, open_shard="open#3",
        last_activity_at=AT + 6, member_unread_seq=5, expires_at=TTL,
    )


def as_the_model_reads_it(r: ConversationRecord) -> Conversation:
    """The conversation from the model's own attributes (what the store decoded before)."""
    return Conversation(
        conversation_id=r.conversation_id, member_id=r.member_id, topic=r.topic, lang=r.lang,
        status=r.status, opened_at=r.opened_at, preview=r.preview, helper_id=r.helper_id,
        helper_role=r.helper_role, staff=[Participant(p.id, p.role) for p in (r.staff or [])],
        assigned_at=r.assigned_at, first_response_at=r.first_response_at,
        closed_at=r.closed_at, closed_by=r.closed_by,
        rating=int(r.rating) if r.rating is not None else None, comment=r.comment,
        escalated=bool(r.escalated), escalated_at=r.escalated_at,
        straight_to_professionals=bool(r.straight_to_professionals), ticket_id=r.ticket_id,
        due_at=r.due_at, wave=int(r.wave or 0), offered=list(r.offered or []),
        counterparties=list(r.counterparties or []), last_seq=int(r.last_seq or 0),
        recent=dict(r.recent or {}), last_activity_at=r.last_activity_at,
        member_unread_seq=int(r.member_unread_seq) if r.member_unread_seq is not None else None,
    )


def test_the_fixture_sets_every_attribute_of_the_model():
    record = every_attribute("cv-all")
    unset = [n for n in ConversationRecord.get_attributes() if getattr(record, n) is None]
    assert unset == []


@pytest.mark.parametrize("record", [
    every_attribute("cv-all"),
    ConversationRecord("cv-min", member_id="m-alice", topic="booking", lang="fr",
                       status="waiting", opened_day="2027-01-15", opened_at=1_800_000_000),
])
def test_a_conversation_reads_back_as_the_model_reads_it(store, record):
    record.save()
    model = ConversationRecord.get(record.conversation_id, consistent_read=True)
    assert store.get(record.conversation_id) == as_the_model_reads_it(model)
    # Queries and updates decode their model instances through the same function.
    assert conversation_from_item(model.serialize(null_check=False)) == as_the_model_reads_it(model)
    assert store.get("cv-unknown") is None


def append_as_the_models_would(conversation, message, dedupe_key, answer, ttl_at, rate_key,
                               rate_limit, recent, review=None):
    """The transaction as PynamoDB's models write it (what `append` did before)."""
    C, R = ConversationRecord, CounterRecord
    with TransactWrite(connection=C._get_connection().connection) as tx:
        tx.save(DynamoChatStore._message_record(message, ttl_at),
                condition=MessageRecord.seq.does_not_exist())
        tx.save(IdempotencyRecord(dedupe_key, data=json.dumps(answer),
                                  status="COMPLETED", expiration=int(message.ts) + 7 * 86400),
                condition=IdempotencyRecord.id.does_not_exist())
        if review is not None:
            tx.save(review_record(review, ttl_at))
        actions = [C.last_seq.set(message.seq), C.last_activity_at.set(message.ts)]
        if message.sender_id != conversation.member_id:
            actions.append(C.first_response_at.set(C.first_response_at | message.ts))
        if recent is not None:
            actions.append(C.recent.set(recent))
        tx.update(C(conversation.conversation_id), actions=actions,
                  condition=(C.last_seq == conversation.last_seq) & (C.status != CLOSED))
        if rate_key:
            tx.update(R(rate_key),
                      actions=[R.count.add(1), R.expires_at.set(int(message.ts) + 120)],
                      condition=R.id.does_not_exist() | (R.count < rate_limit))


def raw(model, *key):
    """The stored item, as DynamoDB returns it (None if absent)."""
    return model._get_connection().get_item(*key, consistent_read=True).get("Item")


def put_back(model, key, item):
    """The item as it was before (absent: deleted)."""
    table = model._get_connection()
    if item is None:
        table.delete_item(*key)
    else:
        table.connection.client.put_item(TableName=table.table_name, Item=item)


CASES = {
    "member, first message of a window": dict(sender="m-alice", recent=None, review=False,
                                              rate_key="rate#m-alice#1", counted=None),
    "helper's first answer, repeats, review": dict(
        sender="h-1", recent={"h-1": [["9d565ec11d83", 1800000123]]}, review=True,
        rate_key="rate#h-1#1", counted=3),
    "no rate limit": dict(sender="m-alice", recent={"m-alice": []}, review=False,
                          rate_key=None, counted=None),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_message_is_written_as_the_models_write_it(store, monkeypatch, case):
    cid, sender = "cv-send", case["sender"]
    ConversationRecord(cid, member_id="m-alice", topic="booking", lang="fr", status="assigned",
                       helper_id="h-1", opened_day="2027-01-15", opened_at=AT, last_seq=4,
                       open_shard="open#1", expires_at=TTL).save()
    if case["counted"] is not None:
        CounterRecord(case["rate_key"], count=case["counted"], expires_at=TTL).save()
    conversation = store.get(cid)
    role = "member" if sender == "m-alice" else "helper"
    message = Message(cid, 5, sender, role, "Mon trajet est annulé", "allow", AT + 10, "c-5")
    review = ReviewItem("rv-1", cid, 5, sender, role, ({"rule": "pii", "score": 0.5},),
                        "Mon trajet est annulé", "fr", AT + 10) if case["review"] else None
    args = (conversation, message, f"msg#{cid}#{sender}#c-5", {"seq": 5, "text": "é"}, TTL,
            case["rate_key"], 30, case["recent"], review)
    keys = [(ConversationRecord, (cid,)), (MessageRecord, (cid, 5)),
            (IdempotencyRecord, (args[2],)), (ModerationItemRecord, ("rv-1",)),
            (CounterRecord, (case["rate_key"] or "none",))]
    before = [raw(model, *key) for model, key in keys]

    sent = []
    dispatch = type(ConversationRecord._get_connection().connection).dispatch

    def recording(connection, operation, kwargs):
        if operation == "TransactWriteItems":
            sent.append(kwargs)
        return dispatch(connection, operation, kwargs)

    monkeypatch.setattr(type(ConversationRecord._get_connection().connection), "dispatch",
                        recording)
    append_as_the_models_would(*args)
    by_the_models = [raw(model, *key) for model, key in keys]
    for (model, key), item in zip(keys, before, strict=True):
        put_back(model, key, item)
    assert [raw(model, *key) for model, key in keys] == before
    store.append(*args)

    assert [raw(model, *key) for model, key in keys] == by_the_models
    # The very request, conditions included (botocore adds a fresh ClientRequestToken to each).
    assert sent[0]["TransactItems"] == sent[1]["TransactItems"]
    assert by_the_models[1] is not None and by_the_models[2] is not None


def test_a_stale_or_closed_conversation_still_refuses_the_message(store):
    ConversationRecord("cv-c", member_id="m-alice", topic="booking", lang="fr", status=CLOSED,
                       opened_day="2027-01-15", opened_at=AT, last_seq=4).save()
    conversation: Conversation = store.get("cv-c")
    message = Message("cv-c", 5, "m-alice", "member", "Allô ?", "allow", AT, "c-5")
    with pytest.raises(Exception, match="closed"):
        store.append(conversation, message, "msg#cv-c#c-5", {}, TTL, None, 30, None)
    assert raw(MessageRecord, "cv-c", 5) is None
