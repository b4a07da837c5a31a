"""The limits over moto: the counters adapter (the same behaviour as the fake, atomic under
concurrent writers), wrong SMS codes through the REST routes, help requests and messages on the
socket, tickets over REST and live connections at the handshake."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import replace
from typing import Any

import pytest

from chalicelib.adapters.dynamodb.counters import DynamoCounters
from chalicelib.adapters.dynamodb.models.sessions import CounterRecord
from chalicelib.domain.clock import FixedClock
from chalicelib.domain.limits import Counters
from devstack.seed import seed_members
from tests.integration.test_claims_api import BOB_PHONE, code_from_sms, sms_for
from tests.support.claims_aws import ClaimsWorld, timeline_events
from tests.support.fakes import InMemoryCounters

NOW = 1_800_000_000.0
MEMBER = ["member"]


def fresh_window(seconds: int, margin: float) -> None:
    """Wait for the next window if fewer than `margin` seconds are left in this one, so that
    a test's requests all fall in one clock minute or hour."""
    left = seconds - time.time() % seconds
    if left < margin:
        time.sleep(left + 0.05)


# --- the counters: one behaviour for the fake and DynamoDB ----------------------------------


@pytest.fixture(params=["fake", "dynamodb"])
def counters(request: pytest.FixtureRequest) -> Counters:
    if request.param == "fake":
        return InMemoryCounters()
    request.getfixturevalue("aws")
    return DynamoCounters()


def test_a_counter_counts_to_its_limit_then_refuses_until_it_expires(counters):
    assert [counters.add("k", 3, int(NOW) + 60, NOW + i).value for i in range(3)] == [1, 2, 3]
    refused = counters.add("k", 3, int(NOW) + 999, NOW + 5)
    assert (refused.counted, refused.value, refused.until) == (False, 3, NOW + 60)
    # Expired (DynamoDB may still hold the item for days): it starts again at one.
    again = counters.add("k", 3, int(NOW) + 120, NOW + 60)
    assert (again.counted, again.value, again.until) == (True, 1, NOW + 120)


def test_a_counted_add_moves_the_expiry_and_take_back_never_goes_below_zero(counters):
    counters.add("k", 5, int(NOW) + 10, NOW)
    assert counters.add("k", 5, int(NOW) + 100, NOW + 1).value == 2
    assert counters.add("k", 5, int(NOW) + 200, NOW + 50).value == 3  # still live at +50
    for _ in range(5):
        counters.take_back("k")
    counters.take_back("absent")
    assert counters.add("k", 5, int(NOW) + 200, NOW + 60).value == 1
    assert counters.add("other", 1, int(NOW) + 200, NOW).value == 1


def test_the_stored_counter_expires_by_ttl(aws):
    DynamoCounters().add("ticket#m-a#1", 10, int(NOW) + 60, NOW)
    record = CounterRecord.get("ticket#m-a#1", consistent_read=True)
    assert (record.count, record.expires_at) == (1, int(NOW) + 60)


def test_concurrent_writers_never_count_past_the_limit(aws):
    counters = DynamoCounters()
    results: list[bool] = []
    lock = threading.Lock()

    def add() -> None:
        counted = counters.add("race", 5, int(time.time()) + 60, time.time()).counted
        with lock:
            results.append(counted)

    threads = [threading.Thread(target=add) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 5 and len(results) == 20


# --- wrong SMS codes through the REST routes ---------------------------------------------


def wrong_code(code: str) -> str:
    return "ZZZZ9999" if code != "ZZZZ9999" else "YYYY9999"


def asked_by_sms(world: ClaimsWorld) -> tuple[str, str]:
    """A claim whose counterpart (Bob, offline) got the SMS: its id and the code."""
    claim_id = world.file("m-alice")
    world.waiting_for(claim_id, "counterpart")
    return claim_id, code_from_sms(world, claim_id)


def question(world: ClaimsWorld, claim_id: str, code: str) -> tuple[int, Any]:
    return world.call("GET", f"/claims/{claim_id}/question?code={code}")


def answer(world: ClaimsWorld, claim_id: str, code: str, confirm: bool = True):
    return world.call("POST", f"/claims/{claim_id}/response?code={code}", None,
                      {"confirm": confirm})


def locked_sms(claim_id: str) -> list[str]:
    ref = claim_id[-6:].upper()
    return [t for t in sms_for(BOB_PHONE) if ref in t and "bloqu" in t]


def test_five_wrong_codes_lock_the_link_even_for_the_right_code(world, capsys, caplog):
    claim_id, code = asked_by_sms(world)
    for _ in range(3):  # the link page is no free oracle: its misses count too
        assert question(world, claim_id, wrong_code(code))[1]["code"] == "invalid_code"
    for _ in range(2):
        assert answer(world, claim_id, wrong_code(code))[1]["code"] == "invalid_code"
    status, body = answer(world, claim_id, code)
    assert (status, body["code"]) == (429, "rate_limited")
    assert 895 <= body["retry_after"] <= 900 and body["message"]
    status, body = question(world, claim_id, code)
    assert (status, body["code"]) == (429, "rate_limited")
    assert world.claim(claim_id)["waiting_for"] == "counterpart"
    # Bob, offline, is told once by SMS how to answer without the link: no code, no link.
    [text] = locked_sms(claim_id)
    assert "http" not in text and code not in text
    answer(world, claim_id, wrong_code(code))
    assert len(locked_sms(claim_id)) == 1
    assert "code_locked" in timeline_events(world.claim(claim_id))
    # Signed in, Bob still answers: the app needs no code.
    status, body = world.call("POST", f"/claims/{claim_id}/response", "m-bob",
                              {"confirm": True})
    assert status == 200, body
    logs = capsys.readouterr().out + caplog.text
    assert BOB_PHONE not in logs and code not in logs


def test_the_right_code_before_the_limit_works_once(world):
    claim_id, code = asked_by_sms(world)
    for _ in range(4):
        assert answer(world, claim_id, wrong_code(code))[0] == 403
    assert question(world, claim_id, code)[0] == 200
    status, body = answer(world, claim_id, code)
    assert status == 200, body
    status, body = answer(world, claim_id, code, confirm=False)
    assert (status, body["code"]) == (403, "invalid_code")
    assert locked_sms(claim_id) == []


def test_the_lock_ends_after_its_time(world):
    counterpart = world.services.claims.counterpart
    clock = FixedClock(time.time())
    counterpart.code_misses = replace(counterpart.code_misses, clock=clock)
    claim_id, code = asked_by_sms(world)
    for _ in range(5):
        assert answer(world, claim_id, wrong_code(code))[0] == 403
    assert answer(world, claim_id, code)[0] == 429
    clock.advance(world.services.settings.claim_code_lock_seconds)
    status, body = answer(world, claim_id, code)
    assert status == 200, body


# --- the socket: help requests and messages -------------------------------------------------


@pytest.fixture
def chat(services, ws):
    seed_members(services)
    return ws


def test_a_sixth_help_request_in_the_hour_gets_a_rate_limited_frame(chat, services):
    fresh_window(3600, 30)
    assert services.settings.help_open_per_hour == 5
    alice = chat.connect("m-alice", MEMBER)
    opened = [chat.send(alice, {"action": "help.open", "request_id": f"o{i}", "topic": "booking",
                                "lang": "fr", "text": f"Bonjour, question {i}",
                                "consent": True}) for i in range(6)]
    assert [f["type"] for f in opened] == ["ack"] * 5 + ["error"]
    refused = opened[-1]
    assert (refused["request_id"], refused["code"]) == ("o5", "rate_limited")
    assert 1 <= refused["retry_after"] <= 3600 and refused["message"]
    # Another device of Alice shares the count; Bob has his own.
    laptop = chat.connect("m-alice", MEMBER)
    again = chat.send(laptop, {"action": "help.open", "topic": "trip", "lang": "fr",
                               "text": "Autre appareil", "consent": True})
    assert again["code"] == "rate_limited"
    bob = chat.connect("m-bob", MEMBER)
    assert chat.send(bob, {"action": "help.open", "topic": "trip", "lang": "fr",
                           "text": "Bonjour", "consent": True})["type"] == "ack"


def test_the_message_rate_frame_carries_retry_after(chat, services):
    fresh_window(60, 10)
    services.chat.limits.messages_per_minute = 2
    alice = chat.connect("m-alice", MEMBER)
    conversation_id = chat.send(alice, {"action": "help.open", "topic": "booking", "lang": "fr",
                                        "text": "Bonjour", "consent": True})["conversation_id"]
    replies = [chat.send(alice, {"action": "message.send", "conversation_id": conversation_id,
                                 "client_msg_id": f"m{i}", "text": f"message {i}"})
               for i in range(3)]
    assert [r["type"] for r in replies] == ["ack", "ack", "error"]
    assert replies[-1]["code"] == "rate_limited" and 1 <= replies[-1]["retry_after"] <= 60


# --- tickets over REST and connections at the handshake ------------------------------------


def test_an_eleventh_ticket_in_the_minute_gets_429_with_retry_after(http, ws, services):
    fresh_window(60, 10)
    headers = {"Authorization": f"Bearer {ws.token('m-alice', MEMBER)}"}
    replies = [http.post("/ws/ticket", headers=headers) for _ in range(11)]
    assert [r.status_code for r in replies] == [200] * 10 + [429]
    body = json.loads(replies[-1].body)
    assert body["code"] == "rate_limited" and 1 <= body["retry_after"] <= 60
    assert replies[-1].headers["Retry-After"] == str(body["retry_after"])  # the HTTP standard
    other = {"Authorization": f"Bearer {ws.token('m-bob', MEMBER)}"}
    assert http.post("/ws/ticket", headers=other).status_code == 200


def test_a_sixth_live_connection_is_refused_at_the_handshake(ws, services):
    fresh_window(60, 10)
    assert services.settings.max_connections_per_member == 5
    first, *_ = [ws.connect("m-alice", MEMBER) for _ in range(5)]
    principal = services.sessions.authenticate("Bearer " + ws.token("m-alice", MEMBER))
    ticket = services.sessions.issue_ticket(principal)["ticket"]
    refused = ws.module.ws_connect(ws.event("$connect", "c-6", query={"ticket": ticket}), None)
    assert refused["statusCode"] == 429
    assert json.loads(refused["body"])["code"] == "rate_limited"
    assert services.sessions.connections.get("c-6") is None
    ws.connect("m-bob", MEMBER)  # per member
    ws.disconnect(first)
    ws.connect("m-alice", MEMBER)
    assert services.sessions.connections.count_for_member("m-alice") == 5
