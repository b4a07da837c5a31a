"""Every chat action and event of PROTOCOL.md over moto, through the real WebSocket handlers."""

from __future__ import annotations

import json
import time

import boto3
import pytest

from devstack.seed import seed_members

HELPER = ["member", "helper"]
MEMBER = ["member"]


@pytest.fixture
def world(services, ws):
    seed_members(services)
    return ws


def available(ws, helper, **fields):
    cid = ws.connect(helper, HELPER)
    reply = ws.send(cid, {"action": "presence.set", "status": "available", **fields})
    assert reply["type"] == "ack", reply
    return cid


def open_request(ws, member="m-alice", topic="booking", lang="fr", text="Bonjour, aide svp"):
    cid = ws.connect(member, MEMBER)
    reply = ws.send(
        cid, {"action": "help.open", "topic": topic, "lang": lang, "text": text, "consent": True}
    )
    assert reply["type"] == "ack", reply
    return cid, reply["conversation_id"]


def offered(ws, cid):
    return [e["conversation_id"] for e in ws.events(cid, "help.offer")]


# --- presence -------------------------------------------------------------------------------


def test_presence_needs_the_helper_or_agent_role(world):
    cid = world.connect("m-alice", MEMBER)
    assert world.send(cid, {"action": "presence.set", "status": "available"})["code"] == "forbidden"


def test_presence_narrows_within_the_approved_profile(world):
    cid = world.connect("h-2", HELPER)
    reply = world.send(
        cid, {"action": "presence.set", "status": "available", "languages": ["en"], "capacity": 1}
    )
    assert (reply["languages"], reply["capacity"]) == (["en"], 1)
    refused = world.send(
        cid, {"action": "presence.set", "status": "available", "topics": ["safety"]}
    )
    assert refused["code"] == "not_approved"
    too_many = world.send(cid, {"action": "presence.set", "status": "available", "capacity": 9})
    assert too_many["code"] == "bad_input"
    bad = world.send(cid, {"action": "presence.set", "status": "sleeping"})
    assert bad["code"] == "bad_input"


# --- opening and routing ----------------------------------------------------------------------


def test_open_without_consent_is_refused(world):
    cid = world.connect("m-alice", MEMBER)
    for consent in (False, None, "yes"):
        frame = {"action": "help.open", "topic": "booking", "lang": "fr", "text": "x"}
        if consent is not None:
            frame["consent"] = consent
        assert world.send(cid, frame)["code"] == "consent_required"


@pytest.mark.parametrize(
    ("field", "value"), [("topic", "weather"), ("lang", "de"), ("text", ""), ("text", 5)]
)
def test_open_with_bad_fields_is_refused(world, field, value):
    cid = world.connect("m-alice", MEMBER)
    frame = {"action": "help.open", "topic": "booking", "lang": "fr", "text": "hi", "consent": True}
    frame[field] = value
    assert world.send(cid, frame)["code"] == "bad_input"


def test_open_is_queued_and_offered_to_matching_helpers_only(world):
    fr_booking = [available(world, h) for h in ("h-1", "h-2")]
    en_only = available(world, "h-3")
    no_booking = available(world, "h-4")
    member, conversation_id = open_request(world)
    assert world.events(member, "help.queued")[0]["conversation_id"] == conversation_id
    for cid in fr_booking:
        offer = world.events(cid, "help.offer")
        assert offer[0]["conversation_id"] == conversation_id
        assert offer[0]["preview"] == "Bonjour, aide svp" and offer[0]["expires_in"] > 0
    assert offered(world, en_only) == [] and offered(world, no_booking) == []


def test_a_helper_is_never_offered_their_own_request(world):
    helper_cid = available(world, "h-1")
    member_cid = world.connect("h-1", HELPER)
    reply = world.send(
        member_cid,
        {
            "action": "help.open",
            "topic": "booking",
            "lang": "fr",
            "text": "moi aussi j'ai besoin",
            "consent": True,
        },
    )
    # h-1 holds the member role too; their own request must not be offered to them.
    assert reply["type"] == "ack"
    assert offered(world, helper_cid) == []


def test_first_accept_wins_and_losers_are_told(world):
    winner, loser = available(world, "h-1"), available(world, "h-2")
    member, conversation_id = open_request(world)
    ack = world.send(winner, {"action": "help.accept", "conversation_id": conversation_id})
    assert ack["conversation_id"] == conversation_id
    late = world.send(loser, {"action": "help.accept", "conversation_id": conversation_id})
    assert late["code"] == "already_taken"
    assigned = world.events(member, "help.assigned")[0]
    assert assigned["helper"] == {"id": "h-1", "display_name": "Hélène", "badge": "helper"}
    assert world.events(loser, "help.offer_withdrawn")[0]["conversation_id"] == conversation_id


def test_a_member_cannot_accept(world):
    member, conversation_id = open_request(world)
    other = world.connect("m-bob", MEMBER)
    reply = world.send(other, {"action": "help.accept", "conversation_id": conversation_id})
    assert reply["code"] == "forbidden"


def test_accept_unknown_conversation_is_not_found(world):
    helper = available(world, "h-1")
    reply = world.send(helper, {"action": "help.accept", "conversation_id": "cv-nope"})
    assert reply["code"] == "conversation_not_found"


def test_a_helper_at_capacity_cannot_accept(world):
    helper = available(world, "h-1", capacity=1)
    _, first = open_request(world, "m-alice")
    _, second = open_request(world, "m-bob")
    assert world.send(helper, {"action": "help.accept", "conversation_id": first})["type"] == "ack"
    reply = world.send(helper, {"action": "help.accept", "conversation_id": second})
    assert reply["code"] == "at_capacity"


def test_an_away_helper_cannot_accept(world):
    helper = available(world, "h-1")
    _, conversation_id = open_request(world)
    world.send(helper, {"action": "presence.set", "status": "away"})
    reply = world.send(helper, {"action": "help.accept", "conversation_id": conversation_id})
    assert reply["code"] == "not_available"


def test_waves_widen_then_go_to_professionals(world, services):
    helpers = {h: available(world, h) for h in ("h-1", "h-2", "h-4", "h-5")}
    member, conversation_id = open_request(world, topic="trip")
    first_wave = {h for h, cid in helpers.items() if offered(world, cid)}
    assert len(first_wave) == 3
    services.delivery(services.chat.requests.on_wave_timeout(conversation_id, 1))
    second_wave = {h for h, cid in helpers.items() if offered(world, cid)}
    assert second_wave == set(helpers) - first_wave
    for wave in range(2, services.settings.max_waves + 1):
        services.delivery(services.chat.requests.on_wave_timeout(conversation_id, wave))
    escalated = world.events(member, "conversation.escalated")
    assert escalated and escalated[0]["automatic"] is True
    queue = services.chat.oversight.agent_queue(principal("a-l1", ["agent"]))["items"]
    assert [i["ref_id"] for i in queue] == [conversation_id]
    # Still open to Helpers after it went to the professional queue.
    reply = world.send(
        helpers["h-1"], {"action": "help.accept", "conversation_id": conversation_id}
    )
    assert reply["type"] == "ack"


def test_a_stale_wave_timer_changes_nothing(world, services):
    available(world, "h-1")
    _, conversation_id = open_request(world)
    outcome = services.chat.requests.on_wave_timeout(conversation_id, 7)
    assert outcome.events == []


def test_no_helper_online_goes_to_professionals_at_once(world, services):
    member, conversation_id = open_request(world)
    event = world.events(member, "conversation.escalated")[0]
    assert event["conversation_id"] == conversation_id and event["due_at"].endswith("Z")


def test_sensitive_topic_goes_to_agents_not_helpers(world):
    helper = available(world, "h-1")
    member, conversation_id = open_request(world, topic="safety")
    assert world.events(member, "conversation.escalated")
    assert offered(world, helper) == []
    refused = world.send(helper, {"action": "help.accept", "conversation_id": conversation_id})
    assert refused["code"] == "forbidden"
    agent = world.connect("a-l1", ["agent"], tier="L1")
    assert (
        world.send(agent, {"action": "help.accept", "conversation_id": conversation_id})["type"]
        == "ack"
    )
    assert world.events(member, "help.assigned")[0]["helper"]["badge"] == "agent"


def test_a_waiting_request_is_offered_when_a_helper_becomes_available(world):
    member, conversation_id = open_request(world)
    helper = available(world, "h-1")
    assert offered(world, helper) == [conversation_id]


def test_a_stale_heartbeat_stops_offers(world, services, monkeypatch):
    available(world, "h-1")
    later = services.clock.time() + services.settings.heartbeat_ttl_seconds + 5
    monkeypatch.setattr(services.chat.clock, "time", lambda: later)
    member, _ = open_request(world)
    assert world.events(member, "conversation.escalated")


def test_the_last_disconnect_of_a_helper_sets_them_offline(world, services):
    phone = available(world, "h-1")
    laptop = world.connect("h-1", HELPER)
    world.disconnect(phone)
    assert services.chat.presence.get("h-1").status == "available"
    world.disconnect(laptop)
    assert services.chat.presence.get("h-1").status == "offline"


def test_each_wave_schedules_a_delayed_timeout(world, aws):
    available(world, "h-1")
    open_request(world)
    attributes = boto3.client("sqs").get_queue_attributes(
        QueueUrl=aws["QUEUE_ROUTING_URL"], AttributeNames=["All"]
    )["Attributes"]
    pending = int(attributes["ApproximateNumberOfMessages"]) + int(
        attributes["ApproximateNumberOfMessagesDelayed"]
    )
    assert pending == 1


# --- messages -----------------------------------------------------------------------------


def assigned_pair(world):
    helper = available(world, "h-1")
    member, conversation_id = open_request(world)
    world.send(helper, {"action": "help.accept", "conversation_id": conversation_id})
    world.events(member)
    world.events(helper)
    return member, helper, conversation_id


def send(world, cid, conversation_id, text, client_msg_id):
    return world.send(
        cid,
        {
            "action": "message.send",
            "conversation_id": conversation_id,
            "client_msg_id": client_msg_id,
            "text": text,
        },
    )


def test_messages_get_the_next_seq_and_reach_the_other_side(world):
    member, helper, conversation_id = assigned_pair(world)
    ack = send(world, helper, conversation_id, "Bonjour, je regarde", "c1")
    assert (ack["seq"], ack["verdict"], ack["text"]) == (2, "allow", "Bonjour, je regarde")
    new = world.events(member, "message.new")[0]
    assert new["seq"] == 2 and new["sender"] == {"id": "h-1", "role": "helper"}
    assert world.events(helper, "message.new") == []  # the sending socket has its ack
    assert send(world, member, conversation_id, "merci", "m1")["seq"] == 3


def test_resending_a_client_msg_id_returns_the_same_answer_and_stores_once(world, services):
    member, helper, conversation_id = assigned_pair(world)
    first = send(world, member, conversation_id, "hello", "same")
    again = send(world, member, conversation_id, "hello", "same")
    assert first == again
    reader = principal("m-alice", MEMBER)
    messages = services.chat.messages.sync(reader, conversation_id, 0)["messages"]
    assert [m["seq"] for m in messages] == [1, 2]


def test_sync_returns_everything_after_a_seq_in_order(world):
    member, helper, conversation_id = assigned_pair(world)
    for i in range(5):
        send(world, helper if i % 2 else member, conversation_id, f"m{i}", f"id{i}")
    reply = world.send(
        member, {"action": "message.sync", "conversation_id": conversation_id, "after_seq": 3}
    )
    assert [m["seq"] for m in reply["messages"]] == [4, 5, 6]
    assert reply["messages"][0]["text"] == "m2"


def test_a_member_on_two_devices_gets_own_messages_on_the_other(world):
    member, helper, conversation_id = assigned_pair(world)
    second_device = world.connect("m-alice", MEMBER)
    send(world, member, conversation_id, "from phone", "p1")
    assert world.events(second_device, "message.new")[0]["text"] == "from phone"


def test_non_participants_cannot_send_or_sync(world):
    _, _, conversation_id = assigned_pair(world)
    stranger = world.connect("m-bob", MEMBER)
    assert send(world, stranger, conversation_id, "hi", "x")["code"] == "not_participant"
    reply = world.send(
        stranger, {"action": "message.sync", "conversation_id": conversation_id, "after_seq": 0}
    )
    assert reply["code"] == "conversation_not_found"


def test_send_to_a_closed_conversation_is_refused_but_a_resend_gets_its_answer(world):
    member, helper, conversation_id = assigned_pair(world)
    first = send(world, member, conversation_id, "last words", "lw")
    world.send(helper, {"action": "conversation.close", "conversation_id": conversation_id})
    assert send(world, member, conversation_id, "too late", "tl")["code"] == "conversation_closed"
    assert send(world, member, conversation_id, "last words", "lw") == first


def test_message_rate_is_limited_per_member(world, services, monkeypatch):
    services.chat.limits.messages_per_minute = 3
    member, _, conversation_id = assigned_pair(world)
    # All five sends fall in one rate window (the counter is per calendar minute).
    start_of_minute = (services.clock.time() // 60) * 60 + 1
    monkeypatch.setattr(services.chat.clock, "time", lambda: start_of_minute)
    codes = [send(world, member, conversation_id, f"n{i}", f"r{i}").get("code") for i in range(5)]
    assert codes[:3] == [None, None, None] and codes[3:] == ["rate_limited", "rate_limited"]


@pytest.mark.parametrize(
    "frame",
    [
        {"action": "message.send", "client_msg_id": "x", "text": "t"},
        {"action": "message.send", "conversation_id": "c", "text": "t"},
        {"action": "message.send", "conversation_id": "c", "client_msg_id": "x", "text": ""},
        {"action": "message.sync", "conversation_id": "c", "after_seq": -1},
        {"action": "message.sync", "conversation_id": "c"},
    ],
)
def test_message_actions_validate_their_fields(world, frame):
    cid = world.connect("m-alice", MEMBER)
    assert world.send(cid, frame)["code"] == "bad_input"


# --- escalation, oversight, close, rate ---------------------------------------------------


def principal(member_id, roles, tier=None):
    from chalicelib.domain.identity import Principal

    return Principal(member_id, frozenset(roles), tier)


def test_escalation_creates_a_ticket_visible_to_agents(world, services, http):
    member, helper, conversation_id = assigned_pair(world)
    ack = world.send(
        helper,
        {
            "action": "conversation.escalate",
            "conversation_id": conversation_id,
            "reason": "refund dispute",
        },
    )
    assert ack["ticket_id"] and ack["due_at"].endswith("Z")
    assert world.events(member, "conversation.escalated")[0]["ticket_id"] == ack["ticket_id"]
    token = world.token("a-l1", ["agent"], "L1")
    queue = json.loads(http.get("/agent/queue", headers={"Authorization": f"Bearer {token}"}).body)
    assert [(i["kind"], i["ref_id"]) for i in queue["items"]] == [("conversation", conversation_id)]
    again = world.send(
        member,
        {"action": "conversation.escalate", "conversation_id": conversation_id, "reason": "again"},
    )
    assert again["ticket_id"] == ack["ticket_id"]


def test_agent_queue_is_for_staff_only(world, http):
    token = world.token("m-alice", MEMBER)
    reply = http.get("/agent/queue", headers={"Authorization": f"Bearer {token}"})
    assert reply.status_code == 403


def test_staff_join_as_the_company_voice_and_can_speak(world):
    member, helper, conversation_id = assigned_pair(world)
    agent = world.connect("a-l2", ["agent"], tier="L2")
    assert (
        world.send(agent, {"action": "conversation.join", "conversation_id": conversation_id})[
            "type"
        ]
        == "ack"
    )
    joined = world.events(member, "participant.joined")[0]
    assert joined["participant"] == {"id": "a-l2", "role": "agent"}
    ack = send(world, agent, conversation_id, "Bonjour, ici l'équipe", "a1")
    assert world.events(member, "message.new")[0]["sender"]["role"] == "agent"
    assert ack["seq"] == 2


def test_members_and_helpers_cannot_join(world):
    _, _, conversation_id = assigned_pair(world)
    other_helper = world.connect("h-2", HELPER)
    reply = world.send(
        other_helper, {"action": "conversation.join", "conversation_id": conversation_id}
    )
    assert reply["code"] == "forbidden"


def get_transcript(http, world, conversation_id, who, roles, tier=None):
    token = world.token(who, roles, tier)
    return http.get(
        f"/conversations/{conversation_id}", headers={"Authorization": f"Bearer {token}"}
    )


def test_transcript_access_and_audit(world, http):
    member, helper, conversation_id = assigned_pair(world)
    send(world, member, conversation_id, "mon trajet", "t1")
    own = get_transcript(http, world, conversation_id, "m-alice", MEMBER)
    assert own.status_code == 200
    assert [m["seq"] for m in json.loads(own.body)["messages"]] == [1, 2]
    assert get_transcript(http, world, conversation_id, "m-bob", MEMBER).status_code == 404
    assert get_transcript(http, world, conversation_id, "h-2", HELPER).status_code == 404
    assert get_transcript(http, world, conversation_id, "h-3", HELPER).status_code == 404
    assert (
        get_transcript(http, world, conversation_id, "s-1", ["agent", "supervisor"]).status_code
        == 200
    )
    # h-1 is the assigned Helper here; make sure an authorised Helper who is not a participant
    # reads it too: h-1 is authorised, so use a second conversation where h-1 is not assigned.
    token = world.token("adm-1", ["admin"])
    audit = json.loads(http.get("/audit", headers={"Authorization": f"Bearer {token}"}).body)
    actions = [(e["actor"], e["action"], e["subject"]) for e in audit["entries"]]
    assert ("s-1", "conversation.transcript", conversation_id) in actions
    assert not [a for a in actions if a[0] in ("m-alice", "h-1")]


def test_an_authorised_helper_reads_other_transcripts_and_is_audited(world, http):
    member, conversation_id = open_request(world, "m-bob")
    reply = get_transcript(http, world, conversation_id, "h-1", HELPER)
    assert reply.status_code == 200
    token = world.token("adm-1", ["admin"])
    audit = json.loads(http.get("/audit", headers={"Authorization": f"Bearer {token}"}).body)
    assert ("h-1", "conversation.transcript") in [
        (e["actor"], e["action"]) for e in audit["entries"]
    ]
    member_token = world.token("m-alice", MEMBER)
    refused = http.get("/audit", headers={"Authorization": f"Bearer {member_token}"})
    assert refused.status_code == 403


def test_the_audit_log_pages_newest_first_through_the_api(world, http):
    from chalicelib.adapters.dynamodb.chat_store import DynamoAuditLog

    start = time.time() // 86400 * 86400 + 43200  # today at noon: one day's partition
    for n in range(5):
        DynamoAuditLog().record("s-1", ["supervisor"], "conversation.close", f"c-{n}", start + n)
    day = time.strftime("%Y-%m-%d", time.gmtime(start))
    headers = {"Authorization": f"Bearer {world.token('adm-1', ['admin'])}"}
    subjects, cursor, pages = [], "", 0
    while cursor is not None:
        reply = http.get(f"/audit?day={day}&limit=2" + (f"&cursor={cursor}" if cursor else ""),
                         headers=headers)
        assert reply.status_code == 200, reply.body
        subjects += [e["subject"] for e in reply.json_body["entries"]]
        cursor, pages = reply.json_body["next_cursor"], pages + 1
    assert subjects == [f"c-{n}" for n in (4, 3, 2, 1, 0)] and pages == 3
    refused = http.get("/audit?cursor=%25%25", headers=headers)
    assert (refused.status_code, refused.json_body["code"]) == (400, "bad_cursor")


def test_staff_list_live_and_past_conversations(world, http):
    _, _, conversation_id = assigned_pair(world)
    token = world.token("s-1", ["agent", "supervisor"])
    listing = json.loads(
        http.get("/conversations", headers={"Authorization": f"Bearer {token}"}).body
    )
    assert [c["conversation_id"] for c in listing["conversations"]] == [conversation_id]
    closed = json.loads(
        http.get("/conversations?status=closed", headers={"Authorization": f"Bearer {token}"}).body
    )
    assert closed["conversations"] == []
    bad = http.get("/conversations?day=yesterday", headers={"Authorization": f"Bearer {token}"})
    assert bad.status_code == 400


def test_members_list_only_their_own_conversations(world, http):
    open_request(world, "m-alice")
    open_request(world, "m-bob")
    token = world.token("m-bob", MEMBER)
    mine = json.loads(http.get("/conversations", headers={"Authorization": f"Bearer {token}"}).body)
    assert {c["member_id"] for c in mine["conversations"]} == {"m-bob"}


def test_close_frees_the_helper_and_records_durations(world, services):
    member, helper, conversation_id = assigned_pair(world)
    send(world, helper, conversation_id, "réponse", "h1")
    assert services.chat.presence.get("h-1").open_count == 1
    assert (
        world.send(member, {"action": "conversation.close", "conversation_id": conversation_id})[
            "type"
        ]
        == "ack"
    )
    assert world.events(helper, "conversation.closed")[0]["by"] == "m-alice"
    assert services.chat.presence.get("h-1").open_count == 0
    stored = services.chat.store.get(conversation_id)
    assert stored.assigned_at >= stored.opened_at
    assert stored.first_response_at >= stored.assigned_at
    assert stored.closed_at >= stored.first_response_at
    # Closing twice is harmless and does not free a second slot.
    world.send(helper, {"action": "conversation.close", "conversation_id": conversation_id})
    assert services.chat.presence.get("h-1").open_count == 0


def test_rating_rules(world, services):
    member, helper, conversation_id = assigned_pair(world)
    rate = {
        "action": "conversation.rate",
        "conversation_id": conversation_id,
        "score": 5,
        "comment": "Super aide, merci !",
    }
    assert world.send(member, rate)["code"] == "not_closed"
    world.send(member, {"action": "conversation.close", "conversation_id": conversation_id})
    assert world.send(helper, rate)["code"] == "not_the_member"
    assert world.send(member, {**rate, "score": 6})["code"] == "bad_input"
    assert world.send(member, rate)["type"] == "ack"
    assert world.send(member, rate)["code"] == "already_rated"
    assert services.chat.store.get(conversation_id).rating == 5


def test_closing_frees_capacity_and_offers_waiting_requests(world):
    helper = available(world, "h-1", capacity=1)
    member, first = open_request(world, "m-alice")
    world.send(helper, {"action": "help.accept", "conversation_id": first})
    _, second = open_request(world, "m-bob")
    world.events(helper)
    world.send(member, {"action": "conversation.close", "conversation_id": first})
    assert offered(world, helper) == [second]


def test_conversations_and_messages_expire_after_the_retention_period(world, services):
    from chalicelib.adapters.dynamodb.models.chat import ConversationRecord, MessageRecord

    member, _, conversation_id = assigned_pair(world)
    send(world, member, conversation_id, "à bientôt", "ttl")
    retention = services.settings.retention_days * 86400
    now = services.clock.time()
    conversation = ConversationRecord.get(conversation_id)
    messages = list(MessageRecord.query(conversation_id))
    for expires_at in [conversation.expires_at, *[m.expires_at for m in messages]]:
        assert abs(expires_at - (now + retention)) < 120
