"""Hostile input never gives a 5xx (docs/reliability.md, "Hostile input"): each defect found
once, called through the real routes and WebSocket handlers over moto.

The property-based sweep over every route and action is tests/integration/
test_hostile_input_properties.py; these are the named cases it grew from.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

DEEP = b"[" * 20_000 + b"]" * 20_000
DEEP_OBJECT = b'{"text": ' + b"[" * 20_000 + b"]" * 20_000 + b"}"


def raw_call(world: Any, method: str, path: str, who: str | None, body: bytes,
             headers: dict[str, str] | None = None) -> tuple[int, Any]:
    h = {"Content-Type": "application/json", **(headers or {})}
    if who:
        h["Authorization"] = f"Bearer {world.token(who)}"
    reply = getattr(world.http, method.lower())(path, headers=h, body=body)
    return reply.status_code, json.loads(reply.body) if reply.body else None


def assert_clean_400(status: int, body: Any, code: str | None = None) -> None:
    assert status == 400, (status, body)
    assert isinstance(body, dict) and isinstance(body.get("code"), str), body
    assert isinstance(body.get("message"), str) and body["message"], body
    if code:
        assert body["code"] == code, body


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT], ids=["array", "in-object"])
def test_a_deeply_nested_body_is_a_400_on_moderation_check(world, body):
    status, answer = raw_call(world, "POST", "/moderation/check", "s-1", body)
    assert_clean_400(status, answer, "too_deep")


def test_a_deeply_nested_body_is_a_400_on_the_counterpart_response(world):
    claim_id = world.file("m-alice")
    status, answer = raw_call(world, "POST", f"/claims/{claim_id}/response", "m-bob", DEEP)
    assert_clean_400(status, answer, "too_deep")
    assert world.claim(claim_id)["status"] == "awaiting_counterpart"


def test_moderately_nested_json_within_the_parser_limit_is_refused_too(world):
    # 500 levels parse fine in Python but would recurse again in PynamoDB or json.dumps.
    body = b'{"booking_id": "bk-1", "problem": "driver_no_show", "answers": ' + (
        b'{"a": ' * 500 + b"1" + b"}" * 500) + b"}"
    status, answer = raw_call(world, "POST", "/claims", "m-alice", body,
                              {"Idempotency-Key": "deep-1"})
    assert_clean_400(status, answer, "too_deep")
    # Nothing was stored: one open claim per booking and problem, and this one is accepted.
    world.file("m-alice")


def test_a_deeply_nested_frame_gets_an_error_frame_and_the_socket_stays_usable(ws):
    cid = ws.connect("m-alice", ["member"])
    # 16,000 levels fit in a 32 KB frame.
    reply = ws.send(cid, '{"action": "ping", "x": ' + "[" * 16_000 + "]" * 16_000 + "}")
    assert reply["type"] == "error" and reply["code"] == "too_deep", reply
    assert ws.send(cid, {"action": "ping", "request_id": "after"})["type"] == "ack"


@pytest.mark.parametrize("frame", [
    '{"action": "message.send", "conversation_id": "%s", "client_msg_id": "m1", "text": "\\ud800"}',
    '{"action": "message.send", "conversation_id": "%s", "client_msg_id": "m2", "text": "\udc80"}',
    '{"action": "message.send", "conversation_id": "%s", "client_msg_id": "m3", "text": ["hi"]}',
    '{"action": "message.send", "conversation_id": "%s", "client_msg_id": 1e999, "text": "a"}',
    '{"action": "message.send", "conversation_id": "%s", "client_msg_id": "m5", "text": "a", '
    '"x": ' + "[" * 16_000 + "]" * 16_000 + "}",
], ids=["escaped-surrogate", "raw-surrogate", "wrong-type", "non-finite", "deep"])
def test_a_refused_message_is_stored_nowhere(ws, frame):
    from tests.integration.test_chat import open_request

    cid, conversation = open_request(ws, "m-alice")
    sync = {"action": "message.sync", "conversation_id": conversation, "after_seq": 0}
    before = ws.send(cid, sync)["messages"]
    reply = ws.send(cid, frame % conversation)
    assert reply["type"] == "error" and reply["code"] != "internal", reply
    synced = ws.send(cid, sync)
    assert synced["type"] == "ack" and synced["messages"] == before, synced


@pytest.mark.parametrize("amount", ["Infinity", "-Infinity", "NaN", "1e999", "-1e999"])
def test_a_non_finite_amount_is_a_400_on_a_decision(world, amount):
    claim_id = world.file("m-alice")
    body = (f'{{"outcome": "refund_half", "gesture_eur": {amount}}}').encode()
    status, answer = raw_call(world, "POST", f"/claims/{claim_id}/decision", "a-l1", body)
    assert_clean_400(status, answer)
    assert answer["code"] in {"bad_gesture_eur", "non_finite_number"}, answer


@pytest.mark.parametrize("amount,code", [
    (1e300, "bad_gesture_eur"), (2_000_000, "bad_gesture_eur"), (-0.5, "bad_gesture_eur"),
    (10**400, "number_out_of_range"),
])
def test_a_huge_or_negative_amount_is_a_400_on_an_approval(world, amount, code):
    # 1e300 euros once passed as a 103-digit number of cents, which DynamoDB cannot store.
    claim_id = world.file("m-alice")
    status, answer = world.call("POST", f"/claims/{claim_id}/approval", "s-1",
                                {"gesture_eur": amount})
    assert_clean_400(status, answer, code)


def test_a_non_finite_json_number_in_a_frame_gets_an_error_frame(ws):
    cid = ws.connect("m-alice", ["member"])
    reply = ws.send(cid, '{"action": "conversation.rate", "conversation_id": "c", "score": NaN}')
    assert reply["type"] == "error" and reply["code"] == "non_finite_number", reply
    assert ws.send(cid, {"action": "ping"})["type"] == "ack"


@pytest.mark.parametrize("query,code", [
    ("since=0001-01-01&until=9999-12-31", "bad_period"),
    ("since=2000-01-01", "period_too_long"),
    ("since=2025-01-01&until=2026-01-03", "period_too_long"),
    ("since=9999-06-01&until=9999-12-31", "bad_period"),
    ("until=0001-01-01", "bad_period"),
    ("since=2025-02-01&until=2025-01-01", "bad_period"),
    ("since=" + "9" * 300, "bad_period"),
    ("since=" + "9" * 5000, "bad_query_parameter"),
])
def test_the_gesture_audit_period_is_bounded(world, query, code):
    status, answer = world.call("GET", f"/gestures/audit?{query}", "adm-1")
    assert_clean_400(status, answer, code)


def test_a_year_of_gesture_audit_is_still_served(world):
    status, answer = world.call("GET", "/gestures/audit?since=2025-01-01&until=2026-01-01",
                                "adm-1")
    assert status == 200, answer


@pytest.mark.parametrize("path", [
    "/claims/{}", "/conversations/{}", "/programme/helpers/{}", "/kb/articles/{}",
    "/programme/standing/{}",
])
def test_an_over_long_path_id_is_a_400_before_dynamodb(world, path):
    status, answer = world.call("GET", path.format("x" * 3000), "s-1")
    assert_clean_400(status, answer, "bad_path_parameter")


def test_an_over_long_id_on_a_public_route_is_a_400(world):
    status, answer = world.call("GET", "/members/" + "m" * 3000 + "/badge")
    assert_clean_400(status, answer, "bad_path_parameter")
    status, answer = world.call("POST", "/claims/" + "c" * 3000 + "/response?code=1", None,
                                {"confirm": True})
    assert_clean_400(status, answer, "bad_path_parameter")


@pytest.mark.parametrize("day", ["9" * 300, "2025-01-01" + "x" * 300, "20250101",
                                 "2025-W01-1", "2025-13-01"])
@pytest.mark.parametrize("path", ["/conversations", "/audit"])
def test_a_bad_day_is_a_400_before_dynamodb(world, path, day):
    status, answer = world.call("GET", f"{path}?day={day}", "adm-1")
    assert_clean_400(status, answer, "bad_day")


def test_an_over_long_query_value_is_a_400(world):
    status, answer = world.call("GET", "/kb/suggest?q=" + "a" * 5000, "m-alice")
    assert_clean_400(status, answer, "bad_query_parameter")
