"""The frame dispatcher: exactly one reply per frame, never a crash."""

from __future__ import annotations

import json

import pytest

from chalicelib.domain.errors import BadInput, Conflict
from chalicelib.domain.frames import FrameDispatcher
from chalicelib.domain.identity import Principal
from chalicelib.domain.ports import Connection

ALICE = Connection("c1", Principal("m-alice", frozenset({"member"})), 0.0)
HELPER = Connection("c2", Principal("h-1", frozenset({"member", "helper"})), 0.0)


@pytest.fixture
def dispatcher() -> FrameDispatcher:
    d = FrameDispatcher(max_bytes=1024)
    d.register("ping", lambda c, f: {})
    d.register("echo", lambda c, f: {"text": f.text("text", max_len=10)})
    d.register("helpers.only", lambda c, f: {"ok": True}, roles=frozenset({"helper"}))
    d.register(
        "conflict", lambda c, f: (_ for _ in ()).throw(Conflict("taken", code="already_taken"))
    )
    d.register("boom", lambda c, f: 1 / 0)
    return d


def send(d: FrameDispatcher, conn: Connection, frame: object) -> dict:
    raw = frame if isinstance(frame, str) else json.dumps(frame)
    return d.dispatch(conn, raw)


def test_ping_is_acknowledged_with_its_request_id(dispatcher):
    assert send(dispatcher, ALICE, {"action": "ping", "request_id": "r1"}) == {
        "type": "ack",
        "request_id": "r1",
    }


def test_invalid_json_gets_an_error_frame(dispatcher):
    reply = send(dispatcher, ALICE, "{not json")
    assert reply["type"] == "error" and reply["code"] == "invalid_json"


@pytest.mark.parametrize("frame", ["[1, 2]", '"text"', "null", "42"])
def test_a_frame_that_is_not_an_object_is_refused(dispatcher, frame):
    assert send(dispatcher, ALICE, frame)["code"] == "invalid_frame"


def test_missing_action_is_refused_and_keeps_the_request_id(dispatcher):
    reply = send(dispatcher, ALICE, {"request_id": "r9"})
    assert reply == {
        "type": "error",
        "request_id": "r9",
        "code": "missing_action",
        "message": "frame needs an 'action' string",
    }


def test_unknown_action_is_refused(dispatcher):
    reply = send(dispatcher, ALICE, {"action": "teleport", "request_id": "x"})
    assert (reply["code"], reply["request_id"]) == ("unknown_action", "x")


def test_frame_over_the_limit_is_refused_before_parsing(dispatcher):
    reply = send(dispatcher, ALICE, json.dumps({"action": "ping", "pad": "x" * 2000}))
    assert reply["code"] == "frame_too_large"


def test_multibyte_text_counts_in_bytes(dispatcher):
    reply = send(
        dispatcher, ALICE, json.dumps({"action": "ping", "pad": "é" * 600}, ensure_ascii=False)
    )
    assert reply["code"] == "frame_too_large"


def test_field_validation_names_the_field(dispatcher):
    reply = send(dispatcher, ALICE, {"action": "echo", "text": 5})
    assert reply["code"] == "bad_input" and reply["field"] == "text"
    reply = send(dispatcher, ALICE, {"action": "echo", "text": "far too long text"})
    assert reply["code"] == "bad_input"
    assert send(dispatcher, ALICE, {"action": "echo", "text": "hi"})["text"] == "hi"


def test_role_restricted_action_refuses_other_roles(dispatcher):
    assert send(dispatcher, ALICE, {"action": "helpers.only"})["code"] == "forbidden"
    assert send(dispatcher, HELPER, {"action": "helpers.only"})["ok"] is True


def test_domain_error_code_is_carried(dispatcher):
    assert send(dispatcher, ALICE, {"action": "conflict"})["code"] == "already_taken"


def test_unexpected_failure_becomes_an_internal_error_frame(dispatcher):
    seen = []
    dispatcher.on_unexpected = lambda action, exc: seen.append((action, type(exc)))
    reply = send(dispatcher, ALICE, {"action": "boom", "request_id": "b"})
    assert (reply["type"], reply["code"], reply["request_id"]) == ("error", "internal", "b")
    assert seen == [("boom", ZeroDivisionError)]


def test_non_string_request_id_is_refused(dispatcher):
    assert send(dispatcher, ALICE, {"action": "ping", "request_id": 7})["code"] == "bad_input"


def test_frame_accessors_validate_types():
    from chalicelib.domain.frames import Frame

    f = Frame("x", {"n": 3, "b": True, "l": ["fr"], "bad": [1]})
    assert f.integer("n", low=1, high=5) == 3
    with pytest.raises(BadInput):
        f.integer("n", low=4, high=5)
    with pytest.raises(BadInput):
        f.integer("b", low=0, high=5)
    assert f.flag("b") is True and f.flag("missing") is False
    assert f.strings("l") == ["fr"]
    with pytest.raises(BadInput):
        f.strings("bad")
