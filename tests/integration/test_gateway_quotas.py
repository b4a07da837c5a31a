"""The local WebSocket gateway enforces API Gateway's quotas: real sockets, stub handlers."""

from __future__ import annotations

import asyncio
import json
import queue
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from chalicelib.adapters.apigateway.pusher import ApiGatewayPusher
from chalicelib.domain.errors import Unavailable
from devstack.gateway import (
    FRAME_QUOTA_BYTES,
    MESSAGE_QUOTA_BYTES,
    LocalWebSocketGateway,
    make_http_front,
)

HOST = "127.0.0.1"


class StubLambdas:
    """$connect accepts, $default echoes the body back through the gateway, $disconnect is
    recorded."""

    def __init__(self) -> None:
        self.gateway: LocalWebSocketGateway | None = None
        self.connected: queue.Queue[str] = queue.Queue()
        self.received: list[int] = []
        self.disconnected: queue.Queue[str] = queue.Queue()
        self.connect_status = 200  # what $connect answers (429: over the connection cap)

    def handlers(self) -> dict[str, Any]:
        return {"$connect": self.connect, "$default": self.default, "$disconnect": self.disconnect}

    def connect(self, event: dict[str, Any], _context: Any) -> dict[str, int]:
        self.connected.put(event["requestContext"]["connectionId"])
        return {"statusCode": self.connect_status}

    def default(self, event: dict[str, Any], _context: Any) -> dict[str, int]:
        self.received.append(len(event["body"].encode()))
        assert self.gateway is not None
        self.gateway.post(event["requestContext"]["connectionId"], event["body"].encode())
        return {"statusCode": 200}

    def disconnect(self, event: dict[str, Any], _context: Any) -> dict[str, int]:
        self.disconnected.put(event["requestContext"]["connectionId"])
        return {"statusCode": 200}


class Stack:
    """A running gateway, its @connections front and the stub handlers behind it."""

    def __init__(self, stubs: StubLambdas, gateway: LocalWebSocketGateway, front_url: str):
        self.stubs = stubs
        self.gateway = gateway
        self.ws_url = f"ws://{HOST}:{gateway.port}"
        self.front_url = front_url

    async def open(self) -> tuple[ClientConnection, str]:
        """A client connection (frames sent as they are, uncompressed) and its id."""
        ws = await connect(self.ws_url, compression=None)
        return ws, self.stubs.connected.get(timeout=2)

    def post(self, connection_id: str, data: bytes) -> tuple[int, dict[str, str], bytes]:
        """POST @connections/{id}; status, headers, body."""
        request = urllib.request.Request(
            f"{self.front_url}/@connections/{connection_id}", data=data, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as reply:
                return reply.status, dict(reply.headers), reply.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()


@pytest.fixture
def start_stack(tmp_path: Path) -> Iterator[Any]:
    stops: list[Any] = []

    def start(**quotas: float) -> Stack:
        stubs = StubLambdas()
        gateway = LocalWebSocketGateway(stubs.handlers(), HOST, 0, workers=4, **quotas)
        stubs.gateway = gateway
        gateway.start()
        stops.append(gateway.stop)
        front = make_http_front(gateway, tmp_path, HOST, 0)
        threading.Thread(target=front.serve_forever, args=(0.05,), daemon=True).start()
        stops.extend([front.shutdown, front.server_close])
        return Stack(stubs, gateway, f"http://{HOST}:{front.server_address[1]}")

    yield start
    for stop in reversed(stops):
        stop()


async def closed_code(ws: ClientConnection, within: float = 4) -> tuple[int, str]:
    """Wait for the gateway to close the socket; the code and reason it sent."""
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            await asyncio.wait_for(ws.recv(), within)
    assert closed.value.rcvd is not None, "the gateway sent no close frame"
    return closed.value.rcvd.code, closed.value.rcvd.reason


def test_a_frame_over_32_kb_closes_with_1009_and_runs_disconnect(start_stack):
    stack = start_stack()

    async def scenario():
        ws, cid = await stack.open()
        await ws.send("x" * (FRAME_QUOTA_BYTES + 1))
        assert (await closed_code(ws))[0] == 1009
        assert stack.stubs.disconnected.get(timeout=2) == cid
        assert stack.stubs.received == []

    asyncio.run(scenario())


def test_a_frame_of_exactly_32_kb_reaches_the_handler(start_stack):
    stack = start_stack()

    async def scenario():
        ws, _ = await stack.open()
        await ws.send("x" * FRAME_QUOTA_BYTES)
        assert len(await asyncio.wait_for(ws.recv(), 3)) == FRAME_QUOTA_BYTES
        await ws.close()

    asyncio.run(scenario())


def test_a_compressed_frame_is_measured_once_inflated(start_stack):
    # A browser negotiates permessage-deflate; 32 KB + 1 of "x" is a few bytes on the wire.
    stack = start_stack()

    async def scenario():
        async with connect(stack.ws_url, compression="deflate") as ws:
            await ws.send("x" * (FRAME_QUOTA_BYTES + 1))
            assert (await closed_code(ws))[0] == 1009

    asyncio.run(scenario())


def test_a_fragmented_message_of_128_kb_passes_and_one_byte_more_closes_with_1009(start_stack):
    stack = start_stack()
    fragments = ["x" * FRAME_QUOTA_BYTES] * (MESSAGE_QUOTA_BYTES // FRAME_QUOTA_BYTES)

    async def scenario():
        ws, cid = await stack.open()
        await ws.send(fragments)
        assert len(await asyncio.wait_for(ws.recv(), 3)) == MESSAGE_QUOTA_BYTES
        await ws.send([*fragments, "x"])
        assert (await closed_code(ws))[0] == 1009
        assert stack.stubs.disconnected.get(timeout=2) == cid
        assert stack.stubs.received == [MESSAGE_QUOTA_BYTES]

    asyncio.run(scenario())


def test_an_oversize_post_gets_413_and_leaves_the_connection_open(start_stack):
    stack = start_stack()

    async def scenario():
        ws, cid = await stack.open()
        status, headers, body = stack.post(cid, b"x" * (MESSAGE_QUOTA_BYTES + 1))
        assert status == 413
        assert headers["x-amzn-ErrorType"] == "PayloadTooLargeException"
        assert "message" in json.loads(body)
        assert stack.post(cid, b"x" * MESSAGE_QUOTA_BYTES)[0] == 200
        assert len(await asyncio.wait_for(ws.recv(), 3)) == MESSAGE_QUOTA_BYTES
        assert stack.post(cid, b'{"type":"later"}')[0] == 200
        assert await asyncio.wait_for(ws.recv(), 3) == '{"type":"later"}'
        await ws.close()

    asyncio.run(scenario())


def test_the_pusher_does_not_take_a_too_large_post_for_a_gone_connection(start_stack):
    stack = start_stack()
    client = boto3.client(
        "apigatewaymanagementapi", endpoint_url=stack.front_url, region_name="eu-west-3"
    )
    pusher = ApiGatewayPusher(lambda endpoint: client, stack.front_url)

    async def scenario():
        ws, cid = await stack.open()
        with pytest.raises(Unavailable) as refused:
            await asyncio.to_thread(pusher.push, cid, {"pad": "x" * MESSAGE_QUOTA_BYTES})
        cause = refused.value.__cause__
        assert isinstance(cause, ClientError)
        assert cause.response["Error"]["Code"] == "PayloadTooLargeException"
        assert await asyncio.to_thread(pusher.push, cid, {"type": "later"}) is True
        assert json.loads(await asyncio.wait_for(ws.recv(), 3)) == {"type": "later"}
        await ws.close()
        stack.stubs.disconnected.get(timeout=2)
        assert await asyncio.to_thread(pusher.push, cid, {"type": "x"}) is False

    asyncio.run(scenario())


def test_an_idle_connection_is_closed_with_1001_and_runs_disconnect(start_stack):
    stack = start_stack(idle_timeout=1)

    async def scenario():
        ws, cid = await stack.open()
        started = time.monotonic()

        async def no_client_frames():
            # Protocol-level pings from the client and posts to it, for longer than the
            # timeout: if either counted as activity, the close would come after 2 s.
            for _ in range(6):
                await ws.ping()
                await asyncio.to_thread(stack.post, cid, b'{"type":"tick"}')
                await asyncio.sleep(0.2)

        others = asyncio.create_task(no_client_frames())
        code, reason = await closed_code(ws)
        elapsed = time.monotonic() - started
        others.cancel()
        await asyncio.gather(others, return_exceptions=True)
        assert (code, reason) == (1001, "idle timeout")
        assert 0.9 <= elapsed < 1.5
        assert stack.stubs.disconnected.get(timeout=2) == cid

    asyncio.run(scenario())


def test_frames_from_the_client_keep_a_connection_open(start_stack):
    stack = start_stack(idle_timeout=1)

    async def scenario():
        ws, _ = await stack.open()
        for _ in range(5):  # 2 s in all, twice the idle timeout
            await ws.send('{"action":"ping"}')
            last_frame = time.monotonic()
            await asyncio.wait_for(ws.recv(), 1)
            await asyncio.sleep(0.4)
        assert (await closed_code(ws))[0] == 1001
        assert 0.9 <= time.monotonic() - last_frame < 1.5

    asyncio.run(scenario())


def test_the_maximum_duration_closes_even_an_active_connection(start_stack):
    stack = start_stack(max_duration=1.5)

    async def scenario():
        ws, cid = await stack.open()
        started = time.monotonic()

        async def keep_sending():
            while True:
                await ws.send('{"action":"ping"}')
                await asyncio.sleep(0.1)

        sender = asyncio.create_task(keep_sending())
        code, reason = await closed_code(ws)
        elapsed = time.monotonic() - started
        sender.cancel()
        await asyncio.gather(sender, return_exceptions=True)
        assert (code, reason) == (1001, "maximum connection duration reached")
        assert 1.4 <= elapsed < 2.2
        assert stack.stubs.disconnected.get(timeout=2) == cid

    asyncio.run(scenario())


@pytest.mark.parametrize("status", [401, 429])
def test_a_connect_refused_by_the_handler_is_refused_at_the_handshake(start_stack, status):
    # As API Gateway does with the status $connect returns: 429 when the member is over the
    # connection cap. The socket never opens, so no $disconnect runs.
    stack = start_stack()
    stack.stubs.connect_status = status

    async def scenario():
        with pytest.raises(InvalidStatus) as refused:
            async with connect(stack.ws_url):
                pass
        assert refused.value.response.status_code == status
        assert stack.stubs.connected.get(timeout=2)
        assert stack.gateway.live_connections == 0
        assert stack.stubs.disconnected.empty()

    asyncio.run(scenario())
