"""Moderation in the chat and the moderation routes, over moto through the real handlers:
masking, blocking, flooding, the review queue and staff decisions, the dry runs."""

from __future__ import annotations

import base64
import dataclasses
import json
from contextlib import contextmanager

import boto3
import botocore.client
import pytest

from chalicelib.domain.moderation.images import SUGGESTIVE_MARKER, UNSAFE_MARKER
from devstack.seed import seed_members
from tests.integration.test_chat import HELPER, MEMBER, assigned_pair, open_request, send
from tests.support.aws_fixtures import stored_member

AGENT = ["agent"]
SUPERVISOR = ["agent", "supervisor"]
PHONE = "06 12 34 56 78"
INSULT = "t'es vraiment un connard"
OFF_PLATFORM = "Ajoute-moi sur WhatsApp, ce sera plus simple"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def world(services, ws):
    seed_members(services)
    return ws


def everything_stored(aws) -> str:
    """Every item of every table, as one JSON text (to prove what is nowhere)."""
    client = boto3.client("dynamodb")
    items = []
    for name, value in aws.items():
        if name.startswith("TABLE_"):
            items += client.scan(TableName=value)["Items"]
    return json.dumps(items, ensure_ascii=False)


def call(http, world, method, path, who="s-1", roles=SUPERVISOR, body=None):
    headers = {"Authorization": f"Bearer {world.token(who, roles)}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    reply = getattr(http, method)(
        path, headers=headers, body=None if body is None else json.dumps(body)
    )
    return reply.status_code, json.loads(reply.body or b"{}")


@contextmanager
def aws_calls():
    """The AWS operations made inside the block, as (service, operation) pairs."""
    made: list[tuple[str, str]] = []
    original = botocore.client.BaseClient._make_api_call

    def recording(client, operation, params):
        made.append((client.meta.service_model.service_name, operation))
        return original(client, operation, params)

    botocore.client.BaseClient._make_api_call = recording
    try:
        yield made
    finally:
        botocore.client.BaseClient._make_api_call = original


def review_item(http, world, conversation_id):
    status, body = call(http, world, "get", "/moderation/queue")
    assert status == 200
    return next(i for i in body["items"] if i["conversation_id"] == conversation_id)


# --- in the message path ------------------------------------------------------------------------


def test_a_phone_number_is_masked_in_the_ack_the_relay_and_storage(world, aws):
    helper = world.connect("h-1", HELPER)
    world.send(helper, {"action": "presence.set", "status": "available"})
    member, conversation_id = open_request(world, text=f"Rappelez-moi au {PHONE} svp")
    offer = world.events(helper, "help.offer")[0]
    assert PHONE not in offer["preview"] and "[phone]" in offer["preview"]
    world.send(helper, {"action": "help.accept", "conversation_id": conversation_id})
    world.events(member)
    ack = send(world, member, conversation_id, f"Mon numéro : {PHONE}", "p1")
    assert (ack["verdict"], ack["text"]) == ("mask", "Mon numéro : [phone]")
    assert ack["reasons"] == [{"category": "pii", "rule": "pii.phone", "severity": "low"}]
    relayed = world.events(helper, "message.new")[0]
    assert (relayed["verdict"], relayed["text"]) == ("mask", "Mon numéro : [phone]")
    stored = everything_stored(aws)
    assert "Mon numéro : [phone]" in stored
    assert PHONE not in stored and PHONE.replace(" ", "") not in stored


def test_a_blocked_message_is_relayed_to_nobody_and_stored_nowhere_in_clear(world, aws):
    member, helper, conversation_id = assigned_pair(world)
    ack = send(world, member, conversation_id, INSULT, "b1")
    assert (ack["seq"], ack["verdict"], ack["text"]) == (None, "block", None)
    assert {"category": "insult", "rule": "insult.strong", "severity": "high"} in ack["reasons"]
    assert world.events(helper) == []
    assert world.events(member) == []
    assert send(world, member, conversation_id, INSULT, "b1") == ack  # a resend, same answer
    sync = world.send(
        helper, {"action": "message.sync", "conversation_id": conversation_id, "after_seq": 0}
    )
    assert [m["seq"] for m in sync["messages"]] == [1]
    record = boto3.client("dynamodb").get_item(
        TableName=aws["TABLE_IDEMPOTENCY"],
        Key={"id": {"S": f"msg#{conversation_id}#m-alice#b1"}},
    )["Item"]
    assert json.loads(record["data"]["S"])["text"] is None
    assert "connard" not in everything_stored(aws)


def test_a_blocked_request_is_refused_and_nothing_is_stored(world, aws):
    cid = world.connect("m-alice", MEMBER)
    frame = {"action": "help.open", "topic": "booking", "lang": "fr", "consent": True}
    reply = world.send(cid, {**frame, "text": INSULT})
    assert reply["code"] == "message_blocked"
    assert "connard" not in everything_stored(aws)


def test_the_same_text_repeated_is_blocked_as_flooding(world, aws):
    member, helper, conversation_id = assigned_pair(world)
    text = "Vous êtes là ? Répondez s'il vous plaît"
    answers = [send(world, member, conversation_id, text, f"r{i}") for i in range(4)]
    assert [a["verdict"] for a in answers] == ["allow", "allow", "allow", "block"]
    assert answers[3]["reasons"] == [
        {"category": "flood", "rule": "flood.repeat", "severity": "high"}
    ]
    assert answers[3]["seq"] is None
    # Spelling games do not make it new; short replies and the other side are not flooding.
    shouted = "VOUS ÊTES LÀ ?? répondez, s'il vous plaît!"
    assert send(world, member, conversation_id, shouted, "r4")["verdict"] == "block"
    assert [send(world, member, conversation_id, "ok", f"k{i}")["verdict"] for i in range(5)] == [
        "allow"
    ] * 5
    assert send(world, helper, conversation_id, text, "h1")["verdict"] == "allow"
    # A resend of an accepted message still gets its first answer.
    assert send(world, member, conversation_id, text, "r0") == answers[0]


def test_moderation_adds_no_aws_call_to_a_message(world, services):
    from chalicelib.domain.chat.core import PassThroughModerator

    member, _, conversation_id = assigned_pair(world)
    filters = services.chat.moderator
    operations = {}
    for name, moderator, text in [
        ("none", PassThroughModerator(), "Bonjour, je regarde votre réservation"),
        ("allow", filters, "Bonjour, je regarde votre dossier de réservation"),
        ("mask", filters, f"Appelez-moi au {PHONE}"),
        ("review", filters, OFF_PLATFORM),
    ]:
        # The chat's parts are built from its ports: rebuild it around this moderator.
        services.chat = dataclasses.replace(services.chat, moderator=moderator)
        with aws_calls() as made:
            ack = send(world, member, conversation_id, text, name)
        assert ack["verdict"] == ("allow" if name == "none" else name)
        operations[name] = made
    # The review item is written inside the message's own transaction.
    assert operations["allow"] == operations["mask"] == operations["review"] == operations["none"]
    assert ("dynamodb", "TransactWriteItems") in operations["allow"]


def test_a_rating_comment_is_moderated(world, services):
    member, _, conversation_id = assigned_pair(world)
    world.send(member, {"action": "conversation.close", "conversation_id": conversation_id})
    rate = {"action": "conversation.rate", "conversation_id": conversation_id, "score": 4}
    assert world.send(member, {**rate, "comment": f"Merci, mon numéro {PHONE}"})["type"] == "ack"
    assert services.chat.store.get(conversation_id).comment == "Merci, mon numéro [phone]"


# --- the review queue and decisions --------------------------------------------------------------


def test_review_is_relayed_masked_and_lands_in_the_queue(world, http, aws):
    member, helper, conversation_id = assigned_pair(world)
    ack = send(world, member, conversation_id, f"{OFF_PLATFORM} : {PHONE}", "w1")
    assert ack["verdict"] == "review" and ack["seq"] == 2 and PHONE not in ack["text"]
    relayed = world.events(helper, "message.new")[0]
    assert (relayed["verdict"], relayed["text"]) == ("review", ack["text"])
    item = review_item(http, world, conversation_id)
    assert item["item_id"] and item["seq"] == 2 and item["status"] == "open"
    assert item["author"] == {"id": "m-alice", "role": "member"}
    assert (item["verdict"], item["text"], item["lang"]) == ("review", ack["text"], "fr")
    rules = {(r["category"], r["rule"], r["action"]) for r in item["reasons"]}
    assert ("pii", "pii.phone", "mask") in rules
    assert any(category == "off_platform" for category, _, _ in rules)
    assert all("start" not in r for r in item["reasons"])
    assert PHONE not in everything_stored(aws)


def test_the_queue_is_oldest_first_and_includes_opening_questions(world, http):
    _, first = open_request(world, "m-alice", text="Contacte-moi sur Telegram stp")
    _, second = open_request(world, "m-bob", text="On passe sur WhatsApp ?")
    status, body = call(http, world, "get", "/moderation/queue", "a-l1", AGENT)
    assert status == 200
    ids = [i["conversation_id"] for i in body["items"]]
    assert ids.index(first) < ids.index(second)
    assert {i["seq"] for i in body["items"]} == {1}


def test_the_queue_does_not_build_the_text_filters(world, http, services):
    # Lexicons and the learned model are for the dry run: a cold queue call need not pay them.
    status, _ = call(http, world, "get", "/moderation/queue", "a-l1", AGENT)
    assert status == 200
    assert services.moderator._filters is None


def test_restore_allows_the_message_and_takes_it_out_of_the_queue(world, http):
    member, helper, conversation_id = assigned_pair(world)
    ack = send(world, member, conversation_id, f"{OFF_PLATFORM} ({PHONE})", "w1")
    item = review_item(http, world, conversation_id)
    status, decided = call(
        http,
        world,
        "post",
        f"/moderation/items/{item['item_id']}/decision",
        body={"decision": "restore", "note": "an old friend"},
    )
    assert status == 200
    assert (decided["status"], decided["decision"], decided["verdict"]) == (
        "decided",
        "restore",
        "mask",  # it held a phone number: restored, it stays masked
    )
    assert decided["decided_by"] == "s-1" and decided["note"] == "an old friend"
    for cid in (member, helper):
        event = world.events(cid, "message.moderated")[0]
        assert (event["seq"], event["verdict"], event["text"]) == (2, "mask", ack["text"])
    sync = world.send(
        helper, {"action": "message.sync", "conversation_id": conversation_id, "after_seq": 1}
    )
    assert (sync["messages"][0]["verdict"], sync["messages"][0]["text"]) == ("mask", ack["text"])
    _, queue = call(http, world, "get", "/moderation/queue")
    assert item["item_id"] not in [i["item_id"] for i in queue["items"]]
    _, audit = call(http, world, "get", "/audit")
    assert ("s-1", "moderation.restore", item["item_id"]) in [
        (e["actor"], e["action"], e["subject"]) for e in audit["entries"]
    ]


def test_confirm_erases_the_message_and_a_second_decision_conflicts(world, http, services):
    from chalicelib.adapters.dynamodb.models.chat import MessageRecord

    member, helper, conversation_id = assigned_pair(world)
    send(world, member, conversation_id, OFF_PLATFORM, "w1")
    item = review_item(http, world, conversation_id)
    path = f"/moderation/items/{item['item_id']}/decision"
    status, decided = call(http, world, "post", path, "a-l1", AGENT, {"decision": "confirm"})
    assert status == 200 and decided["verdict"] == "block"
    event = world.events(helper, "message.moderated")[0]
    assert (event["verdict"], event["text"]) == ("block", None)
    stored = MessageRecord.get(conversation_id, 2)
    assert (stored.verdict, stored.text) == ("block", None)
    sync = world.send(
        member, {"action": "message.sync", "conversation_id": conversation_id, "after_seq": 1}
    )
    assert (sync["messages"][0]["verdict"], sync["messages"][0]["text"]) == ("block", None)
    again = call(http, world, "post", path, body={"decision": "restore"})
    assert again == (409, again[1]) and again[1]["code"] == "already_decided"
    missing = call(
        http, world, "post", "/moderation/items/mq-nope/decision", body={"decision": "confirm"}
    )
    assert missing[0] == 404 and missing[1]["code"] == "item_not_found"
    bad = call(http, world, "post", path, body={"decision": "ban"})
    assert bad[0] == 400 and bad[1]["field"] == "decision"


def test_a_decision_racing_another_conflicts_and_an_expired_message_does_not_block_it(
    world, http, services
):
    from dataclasses import replace

    from chalicelib.adapters.dynamodb.models.chat import MessageRecord
    from chalicelib.domain.errors import Conflict

    member, _, conversation_id = assigned_pair(world)
    send(world, member, conversation_id, OFF_PLATFORM, "w1")
    store = services.moderation.store
    item = store.open_items(200)[0]
    MessageRecord(conversation_id, item.seq).delete()  # gone with the retention period
    decided = replace(item, status="decided", decision="confirm", decided_by="s-1", decided_at=1.0)
    store.decide(decided, "block", False, ["agent", "supervisor"])
    assert store.get(item.item_id).status == "decided"
    with pytest.raises(Conflict):  # read as open by a second moderator before the first wrote
        store.decide(replace(decided, decided_by="a-l1"), "block", False, ["agent"])
    assert store.get(item.item_id).decided_by == "s-1"
    assert MessageRecord.count(conversation_id, MessageRecord.seq == item.seq) == 0


def test_warn_counts_on_the_members_mirror_and_tells_the_author(world, http, services):
    member, _, conversation_id = assigned_pair(world)
    send(world, member, conversation_id, OFF_PLATFORM, "w1")
    item = review_item(http, world, conversation_id)
    path = f"/moderation/items/{item['item_id']}/decision"
    assert call(http, world, "post", path, body={"decision": "warn"})[0] == 200
    warning = world.events(member, "moderation.warning")[0]
    assert (warning["item_id"], warning["warnings"]) == (item["item_id"], 1)
    moderation = stored_member("m-alice")["profile"]["moderation"]
    assert moderation["warnings"] == 1 and "suspended" not in moderation
    # What the marketplace mirrored is kept.
    assert stored_member("m-alice")["reputation"]["rating"] == 4.9


def test_suspend_cuts_the_author_off(world, http, services):
    member, helper, conversation_id = assigned_pair(world)
    send(world, member, conversation_id, OFF_PLATFORM, "w1")
    item = review_item(http, world, conversation_id)
    path = f"/moderation/items/{item['item_id']}/decision"
    status, _ = call(http, world, "post", path, body={"decision": "suspend", "note": "repeat"})
    assert status == 200
    assert world.events(member, "moderation.suspended")[0]["item_id"] == item["item_id"]
    mirror = stored_member("m-alice")
    assert mirror["profile"]["moderation"]["suspended"]["by"] == "s-1"
    assert "member" not in mirror["roles"]
    # The socket's frames are refused, and no new ticket is issued.
    assert send(world, member, conversation_id, "encore moi", "x")["code"] == "unauthenticated"
    token = world.token("m-alice", MEMBER)
    refused = http.post("/ws/ticket", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 403 and json.loads(refused.body)["code"] == "member_suspended"
    # The Helper of the conversation is not affected.
    assert send(world, helper, conversation_id, "Je reste disponible", "h1")["type"] == "ack"


def test_a_helper_confirmed_twice_is_struck_and_a_suspension_goes_through_the_programme(
    world, http, services
):
    from devstack.programme_seed import seed_programme

    seed_programme(services)
    member, helper, conversation_id = assigned_pair(world)
    send(world, helper, conversation_id, "Paye-moi en liquide, sans passer par l'appli", "h1")
    send(world, helper, conversation_id, OFF_PLATFORM, "h2")
    status, body = call(http, world, "get", "/moderation/queue")
    items = [i for i in body["items"] if i["conversation_id"] == conversation_id]
    assert [i["author"] for i in items] == [{"id": "h-1", "role": "helper"}] * 2
    call(http, world, "post", f"/moderation/items/{items[0]['item_id']}/decision",
         body={"decision": "confirm"})
    now = services.clock.time()
    strikes = services.quality_signals.signals("h-1", now - 60, now + 60)
    assert [s.ref for s in strikes] == [f"strike#{items[0]['item_id']}"]
    status, _ = call(http, world, "post", f"/moderation/items/{items[1]['item_id']}/decision",
                     body={"decision": "suspend", "note": "asks for cash"})
    assert status == 200
    assert str(services.helper_records.get("h-1").status) == "suspended"
    assert services.chat.presence.get("h-1").status == "offline"
    assert not {"member", "helper"} & set(stored_member("h-1")["roles"])


def test_staff_are_not_warned_or_suspended_from_the_queue(world, http):
    member, helper, conversation_id = assigned_pair(world)
    agent = world.connect("a-l1", AGENT)
    world.send(agent, {"action": "conversation.join", "conversation_id": conversation_id})
    send(world, agent, conversation_id, OFF_PLATFORM, "a1")
    item = review_item(http, world, conversation_id)
    path = f"/moderation/items/{item['item_id']}/decision"
    status, body = call(http, world, "post", path, body={"decision": "suspend"})
    assert (status, body["code"]) == (422, "author_is_staff")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/moderation/check", {"text": "bonjour", "lang": "fr"}),
        ("get", "/moderation/queue", None),
        ("post", "/moderation/items/mq-x/decision", {"decision": "confirm"}),
        ("post", "/moderation/images/check", {"content_type": "image/png", "image": "iVBORw=="}),
    ],
)
def test_moderation_routes_are_for_staff_only(world, http, method, path, body):
    for who, roles in [("m-alice", MEMBER), ("h-1", HELPER)]:
        status, answer = call(http, world, method, path, who, roles, body)
        assert (status, answer["code"]) == (403, "forbidden")
    anonymous = getattr(http, method)(path, headers={"Authorization": "Bearer nope"})
    assert anonymous.status_code == 401


# --- the dry runs --------------------------------------------------------------------------------


def test_check_is_a_dry_run_that_stores_nothing_and_is_not_rate_limited(world, http, aws):
    before = everything_stored(aws)
    headers = {"Authorization": f"Bearer {world.token('a-l1', AGENT)}"}
    body = json.dumps({"text": f"Envoie-moi un SMS au {PHONE}", "lang": "fr"})
    with aws_calls() as made:
        answers = [
            http.post("/moderation/check", headers=headers, body=body) for _ in range(40)
        ]
    # The edge reads the caller's granted roles (one GetItem on the members mirror per
    # request, docs/programme.md); the check itself calls nothing.
    assert made == [("dynamodb", "GetItem")] * len(answers)
    assert everything_stored(aws) == before
    assert {a.status_code for a in answers} == {200}
    body = json.loads(answers[-1].body)
    assert body["verdict"] == "review"
    assert body["text"] == "Envoie-moi un SMS au [phone]"
    assert {"category": "pii", "rule": "pii.phone", "action": "mask", "severity": "low",
            "start": 21, "end": 35} in body["reasons"]
    for bad in ({"text": "", "lang": "fr"}, {"text": "x", "lang": "de"}, {"lang": "fr"}):
        status, body = call(http, world, "post", "/moderation/check", body=bad)
        assert (status, body["code"]) == (400, "bad_input")


def image_body(data: bytes, content_type: str = "image/png") -> dict:
    return {"content_type": content_type, "image": base64.b64encode(data).decode()}


def test_image_check_uses_the_local_fake(world, http):
    path = "/moderation/images/check"
    cases = [(PNG, "allow"), (PNG + SUGGESTIVE_MARKER, "review"), (PNG + UNSAFE_MARKER, "block")]
    for data, verdict in cases:
        status, body = call(http, world, "post", path, body=image_body(data))
        assert (status, body["verdict"]) == (200, verdict)
    status, body = call(http, world, "post", path, body=image_body(PNG + UNSAFE_MARKER))
    assert body["labels"] == [{"name": "Explicit Nudity", "parent": "", "confidence": 99.0}]
    status, body = call(http, world, "post", path, body=image_body(PNG, "image/gif"))
    assert (status, body["code"]) == (400, "unsupported_image_type")
    not_base64 = {"content_type": "image/png", "image": "%%"}
    status, body = call(http, world, "post", path, body=not_base64)
    assert (status, body["field"]) == (400, "image")
