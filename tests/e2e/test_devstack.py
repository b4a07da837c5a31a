"""The local stack through real sockets, with the stock `websockets` client."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosedError, InvalidStatus

from devstack.gateway import FRAME_QUOTA_BYTES
from devstack.process import start_devstack, stop_devstack
from tests.support.client import HttpError, dev_token, rest

pytestmark = pytest.mark.e2e


def ping_of_size(request_id: str, size: int) -> str:
    """A `ping` frame padded to exactly `size` bytes."""
    frame = json.dumps({"action": "ping", "request_id": request_id, "p": ""})
    return frame.replace('"p": ""', f'"p": "{"x" * (size - len(frame))}"')


def test_health_and_config(devstack):
    assert rest(devstack["rest"], "GET", "/health") == {"status": "ok"}
    assert rest(devstack["rest"], "GET", "/config") == {"ws_url": devstack["ws"], "stage": "local"}


def test_token_ticket_connect_ping_and_bad_frames(devstack):
    async def scenario():
        token = dev_token(devstack["rest"], "m-alice", ["member"])
        ticket = rest(devstack["rest"], "POST", "/ws/ticket", {}, token)["ticket"]
        async with connect(f"{devstack['ws']}/?ticket={ticket}") as ws:
            await ws.send(json.dumps({"action": "ping", "request_id": "1"}))
            assert json.loads(await ws.recv()) == {"type": "ack", "request_id": "1"}
            await ws.send("{definitely not json")
            error = json.loads(await ws.recv())
            assert (error["type"], error["code"]) == ("error", "invalid_json")
            # A frame of exactly 32 KB (the app's MAX_FRAME_BYTES too) reaches the app.
            await ws.send(ping_of_size("big", FRAME_QUOTA_BYTES))
            assert json.loads(await ws.recv()) == {"type": "ack", "request_id": "big"}
            await ws.send(json.dumps({"action": "ping", "request_id": "2"}))
            assert json.loads(await ws.recv()) == {"type": "ack", "request_id": "2"}
            # A larger message reaches it only in frames of at most 32 KB, and the app refuses it.
            fragmented = ping_of_size("fragmented", FRAME_QUOTA_BYTES + 8000)
            await ws.send([fragmented[:FRAME_QUOTA_BYTES], fragmented[FRAME_QUOTA_BYTES:]])
            assert json.loads(await ws.recv())["code"] == "frame_too_large"
            # A single frame one byte over never reaches it: API Gateway closes with 1009.
            await ws.send(ping_of_size("bigger", FRAME_QUOTA_BYTES + 1))
            with pytest.raises(ConnectionClosedError) as closed:
                await ws.recv()
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
        # The ticket was used: a second connection with it is refused at the handshake.
        with pytest.raises(InvalidStatus) as refused:
            async with connect(f"{devstack['ws']}/?ticket={ticket}"):
                pass
        assert refused.value.response.status_code in (401, 403)

    asyncio.run(scenario())


@pytest.mark.parametrize("query", ["", "?ticket=", "?ticket=forged-ticket"])
def test_connect_without_a_valid_ticket_is_refused_at_the_handshake(devstack, query):
    async def scenario():
        with pytest.raises(InvalidStatus) as refused:
            async with connect(f"{devstack['ws']}/{query}"):
                pass
        assert refused.value.response.status_code in (401, 403)

    asyncio.run(scenario())


def test_management_endpoint_answers_gone_for_unknown_connections(devstack):
    with pytest.raises(HttpError) as gone:
        rest(devstack["web"], "POST", "/@connections/nope", {"x": 1})
    assert gone.value.status == 410


def test_bad_token_gets_a_json_401(devstack):
    with pytest.raises(HttpError) as e:
        rest(devstack["rest"], "POST", "/ws/ticket", {}, "forged")
    assert e.value.status == 401 and e.value.body["code"] == "invalid_token"


def test_stack_restarts_cleanly_and_is_ready_fast():
    ready = []
    for _ in range(2):
        started = time.monotonic()
        proc, urls = start_devstack()
        ready.append(time.monotonic() - started)
        assert rest(urls["rest"], "GET", "/health") == {"status": "ok"}
        assert stop_devstack(proc) == 0
    # Ready in under 15 s (about 2 s on an idle 2-core machine); the best of two starts, so
    # that a burst of load from the other test worker does not decide it.
    assert min(ready) < 15, ready
