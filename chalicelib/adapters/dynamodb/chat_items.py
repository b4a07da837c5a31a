"""The `message.send` hot path of the chat store, in DynamoDB's own JSON: the conversation read
and the message's transaction, without building PynamoDB models (bench/send_cpu.py).

Every item here is what the models of `models/chat.py` and `models/sessions.py` read and
write, attribute for attribute; tests/integration/test_chat_items.py compares both paths item
for item on moto so that they cannot drift apart.
"""

from __future__ import annotations

import json
from typing import Any

from chalicelib.adapters.dynamodb.items import Item, listed, num, number, text
from chalicelib.domain.chat.model import CLOSED, Conversation, Message, Participant


def conversation_from_item(item: Item) -> Conversation:
    """A conversation from its stored item: as read, or a model's own
    (`record.serialize(null_check=False)`): the one decoding of a conversation."""
    rating = num(item, "rating")
    unread = num(item, "member_unread_seq")
    return Conversation(
        conversation_id=item["conversation_id"]["S"],
        member_id=item["member_id"]["S"],
        topic=item["topic"]["S"],
        lang=item["lang"]["S"],
        status=item["status"]["S"],
        opened_at=num(item, "opened_at"),
        preview=text(item, "preview") or "",
        helper_id=text(item, "helper_id"),
        helper_role=text(item, "helper_role"),
        staff=[Participant(p["M"]["id"]["S"], p["M"]["role"]["S"]) for p in listed(item, "staff")],
        assigned_at=num(item, "assigned_at"),
        first_response_at=num(item, "first_response_at"),
        closed_at=num(item, "closed_at"),
        closed_by=text(item, "closed_by"),
        rating=int(rating) if rating is not None else None,
        comment=text(item, "comment"),
        escalated=bool(item.get("escalated", {}).get("BOOL")),
        escalated_at=num(item, "escalated_at"),
        straight_to_professionals=bool(item.get("straight_to_professionals", {}).get("BOOL")),
        ticket_id=text(item, "ticket_id"),
        due_at=num(item, "due_at"),
        wave=int(num(item, "wave", 0)),
        offered=[v["S"] for v in listed(item, "offered")],
        counterparties=[v["S"] for v in listed(item, "counterparties")],
        last_seq=int(num(item, "last_seq", 0)),
        # as JSONAttribute reads
        recent=json.loads(item["recent"]["S"], strict=False) if "recent" in item else {},
        last_activity_at=num(item, "last_activity_at"),
        member_unread_seq=int(unread) if unread is not None else None,
    )


class Placeholders:
    """Expression names and values, numbered in order of first use (as PynamoDB numbers
    them, so that the requests read the same in logs)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.values: dict[str, dict[str, Any]] = {}
        self._by_name: dict[str, str] = {}

    def name(self, attribute: str) -> str:
        """`#n` for an attribute name."""
        if attribute not in self._by_name:
            self._by_name[attribute] = key = f"#{len(self._by_name)}"
            self.names[key] = attribute
        return self._by_name[attribute]

    def value(self, value: dict[str, Any]) -> str:
        """`:n` for a value (in DynamoDB's JSON)."""
        key = f":{len(self.values)}"
        self.values[key] = value
        return key

    def request(self, table: str, key: Item, condition: str, update: str) -> dict[str, Any]:
        """An Update of the transaction."""
        return {"TableName": table, "Key": key, "ConditionExpression": condition,
                "UpdateExpression": update, "ExpressionAttributeNames": self.names,
                "ExpressionAttributeValues": self.values}


def put_if_new(table: str, key_name: str, item: Item) -> dict[str, Any]:
    """A Put of the transaction, refused if the item's `key_name` exists."""
    return {"TableName": table, "Item": item, "ConditionExpression": "attribute_not_exists (#0)",
            "ExpressionAttributeNames": {"#0": key_name}}


def message_item(m: Message, ttl_at: int) -> Item:
    """A message as `MessageRecord` stores it (no `text` once removed)."""
    item: Item = {
        "conversation_id": {"S": m.conversation_id},
        "seq": number(m.seq),
        "sender_id": {"S": m.sender_id},
        "sender_role": {"S": m.sender_role},
        "verdict": {"S": m.verdict},
        "ts": number(m.ts),
        "client_msg_id": {"S": m.client_msg_id},
        "expires_at": number(ttl_at),
    }
    if m.text is not None:
        item["text"] = {"S": m.text}
    return item


def answer_item(key: str, answer: dict[str, Any], expires_at: int) -> Item:
    """The stored answer to the retries of a request (a message's `client_msg_id`, help.open's
    `request_id`), as `IdempotencyRecord` stores it, kept until `expires_at`."""
    return {
        "id": {"S": key},
        "data": {"S": json.dumps(answer)},
        "status": {"S": "COMPLETED"},
        "expiration": number(expires_at),
    }


def advance(
    table: str,
    conversation: Conversation,
    message: Message,
    recent: dict[str, list[list[Any]]] | None,
) -> dict[str, Any]:
    """The conversation takes the message's seq, only from the seq it was read at and never
    once closed; a first answer and the repeat fingerprints are recorded with it."""
    p = Placeholders()
    seq, status = p.name("last_seq"), p.name("status")
    condition = f"({seq} = {p.value(number(conversation.last_seq))} AND " \
                f"{status} <> {p.value({'S': CLOSED})})"
    sets = [f"{seq} = {p.value(number(message.seq))}",
            f"{p.name('last_activity_at')} = {p.value(number(message.ts))}"]
    if message.sender_id != conversation.member_id:
        first = p.name("first_response_at")
        sets.append(f"{first} = if_not_exists ({first}, {p.value(number(message.ts))})")
    if recent is not None:
        sets.append(f"{p.name('recent')} = {p.value({'S': json.dumps(recent)})}")
    key = {"conversation_id": {"S": conversation.conversation_id}}
    return p.request(table, key, condition, "SET " + ", ".join(sets))


def count_rate(table: str, rate_key: str, rate_limit: int, ts: float) -> dict[str, Any]:
    """One more message in the sender's window, refused once the limit is reached."""
    p = Placeholders()
    key_name, count = p.name("id"), p.name("count")
    condition = f"(attribute_not_exists ({key_name}) OR {count} < {p.value(number(rate_limit))})"
    expires = f"{p.name('expires_at')} = {p.value(number(int(ts) + 120))}"
    update = f"SET {expires} ADD {count} {p.value(number(1))}"
    return p.request(table, {"id": {"S": rate_key}}, condition, update)
