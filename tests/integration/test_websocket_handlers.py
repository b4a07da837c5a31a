"""The WebSocket handlers with API Gateway events over moto: tickets, frames, connections."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.stub import Stubber

from chalicelib.adapters.apigateway.pusher import ApiGatewayPusher
from chalicelib.domain.errors import Unavailable
from chalicelib.domain.identity import Principal


def ticket(services, member="m-alice", roles=("member",)):
    return services.sessions.issue_ticket(Principal(member, frozenset(roles)))["ticket"]


def test_connect_with_a_valid_ticket_is_accepted_once(ws, services):
    t = ticket(services)
    assert (
        ws.module.ws_connect(ws.event("$connect", "c1", query={"ticket": t}), None)["statusCode"]
        == 200
    )
    reused = ws.module.ws_connect(ws.event("$connect", "c2", query={"ticket": t}), None)
    assert reused["statusCode"] in (401, 403)


@pytest.mark.parametrize("query", [None, {}, {"ticket": ""}, {"ticket": "forged"}])
def test_connect_without_a_valid_ticket_is_refused(ws, query):
    reply = ws.module.ws_connect(ws.event("$connect", "c1", query=query), None)
    assert reply["statusCode"] in (401, 403)


def test_ticket_stored_in_dynamodb_is_a_digest(services, aws):
    t = ticket(services)
    table = boto3.resource("dynamodb").Table(aws["TABLE_TICKETS"])
    items = table.scan()["Items"]  # test-only inspection of the emulator
    assert len(items) == 1 and t not in json.dumps(items, default=str)


def test_ping_gets_exactly_one_ack(ws):
    cid = ws.connect("m-alice", ["member"])
    assert ws.send(cid, {"action": "ping", "request_id": "p"}) == {"type": "ack", "request_id": "p"}


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("{oops", "invalid_json"),
        ('{"request_id": "x"}', "missing_action"),
        ('{"action": "fly"}', "unknown_action"),
        (json.dumps({"action": "ping", "pad": "x" * 33_000}), "frame_too_large"),
    ],
)
def test_bad_frames_get_an_error_and_the_connection_stays(ws, services, raw, code):
    cid = ws.connect("m-alice", ["member"])
    assert ws.send(cid, raw)["code"] == code
    assert services.sessions.connection(cid).principal.member_id == "m-alice"
    assert ws.send(cid, {"action": "ping"})["type"] == "ack"


def test_a_member_is_reachable_on_every_device(ws, services):
    phone = ws.connect("m-alice", ["member"])
    laptop = ws.connect("m-alice", ["member"])
    ws.connect("m-bob", ["member"])
    assert services.sessions.push_to_members(["m-alice"], {"type": "hello"}) == 2
    assert ws.events(phone) == [{"type": "hello"}] and ws.events(laptop) == [{"type": "hello"}]


def test_fan_out_removes_the_gone_connection_never_the_senders(ws, services, pusher):
    sender = ws.connect("m-alice", ["member"])
    gone = ws.connect("m-bob", ["member"])
    alive = ws.connect("m-bob", ["member"])
    pusher.gone.add(gone)
    services.sessions.push_to_members(["m-bob", "m-alice"], {"type": "x"})
    repo = services.sessions.connections
    assert repo.get(gone) is None
    assert repo.get(alive) is not None and repo.get(sender) is not None


def test_disconnect_forgets_the_connection(ws, services):
    cid = ws.connect("m-alice", ["member"])
    ws.disconnect(cid)
    assert services.sessions.connections.get(cid) is None
    assert not services.sessions.is_online("m-alice")


def test_frame_from_an_unknown_connection_gets_an_error(ws, pusher):
    ws.module.ws_message(ws.event("$default", "ghost", '{"action": "ping"}'), None)
    assert pusher.take("ghost")[0]["code"] == "unauthenticated"


def stubbed_pusher(error_code: str | None, status: int = 200):
    client = boto3.client("apigatewaymanagementapi", endpoint_url="https://x.test/api")
    stub = Stubber(client)
    if error_code:
        stub.add_client_error("post_to_connection", error_code, http_status_code=status)
    else:
        stub.add_response("post_to_connection", {})
    stub.activate()
    return ApiGatewayPusher(lambda endpoint: client)


def test_pusher_reports_gone_connections():
    assert stubbed_pusher(None).push("c1", {"type": "x"}, "https://x.test/api") is True
    assert stubbed_pusher("GoneException", 410).push("c1", {"type": "x"}, "e") is False


def test_pusher_turns_other_failures_into_unavailable():
    with pytest.raises(Unavailable):
        stubbed_pusher("LimitExceededException", 429).push("c1", {"type": "x"}, "e")
