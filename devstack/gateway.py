"""A local API Gateway WebSocket API: real sockets in, the same Lambda events out, and the
`@connections` management endpoint (GoneException for unknown ids) for the sender adapter.
It enforces the quotas a client can hit on AWS (frame and message size, idle timeout,
connection duration), so a local run fails where a deployed one would."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.frames import DATA_OPCODES, CloseCode, Frame
from websockets.protocol import Event

from devstack.lambda_runtime import LocalContext, websocket_event

log = logging.getLogger("devstack.gateway")
Handler = Callable[[dict[str, Any], Any], Any]

# API Gateway's WebSocket quotas (AWS docs, "Quotas for configuring and running a WebSocket in
# API Gateway"); none of them can be increased. A frame or a reassembled message above its
# limit closes the connection with 1009; a @connections POST above 128 KB is refused with 413.
FRAME_QUOTA_BYTES = 32 * 1024
MESSAGE_QUOTA_BYTES = 128 * 1024
IDLE_TIMEOUT_SECONDS = 10 * 60.0
MAX_DURATION_SECONDS = 2 * 60 * 60.0


class _ClientConnection(ServerConnection):
    """A server connection that remembers when its client last sent a data frame."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.last_client_frame = self.loop.time()

    def process_event(self, event: Event) -> None:
        # Only a data frame (text, binary, continuation) from the client resets the idle
        # timer. AWS documents the 10-minute timeout but not what counts as activity; a client
        # message is the only activity known to count. Control frames do not: API Gateway is
        # reported not to use protocol-level ping/pong, browsers cannot send pings, and the
        # pongs answering this gateway's own keepalive pings would keep every socket open.
        # Posts to the client do not count either: some reports say they keep a connection
        # open on AWS, but AWS does not document it, so nothing here relies on it; the web
        # clients' `ping` action (a text frame every 25 s) keeps a connection open.
        if isinstance(event, Frame) and event.opcode in DATA_OPCODES:
            self.last_client_frame = self.loop.time()
        super().process_event(event)


class LocalWebSocketGateway:
    """Runs $connect before the handshake, each text frame as $default, close as $disconnect.
    `idle_timeout` and `max_duration` (seconds) default to API Gateway's; tests pass less."""

    def __init__(
        self,
        handlers: dict[str, Handler],
        host: str,
        port: int,
        workers: int = 32,
        idle_timeout: float = IDLE_TIMEOUT_SECONDS,
        max_duration: float = MAX_DURATION_SECONDS,
    ):
        self._handlers = handlers
        self._host = host
        self._port = port
        self._idle_timeout = idle_timeout
        self._max_duration = max_duration
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ws-lambda")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._outboxes: dict[str, asyncio.Queue[bytes | None]] = {}
        self._sockets: dict[str, ServerConnection] = {}
        self._ready = threading.Event()
        self._stop: asyncio.Future[None] | None = None
        self._closing = False
        self._thread: threading.Thread | None = None
        self.port = port

    @property
    def domain(self) -> str:
        """The domain name the events carry."""
        return f"{self._host}:{self.port}"

    def start(self) -> None:
        """Serve in a background thread; return once listening."""
        self._thread = threading.Thread(target=self._run, name="ws-gateway", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the WebSocket gateway did not start")

    def stop(self, deadline: float = 3.0) -> None:
        """Close every socket and stop serving within `deadline` seconds: frames still queued
        for the handlers are dropped, handlers already running get until the deadline."""
        # The whole stack is going away: no $disconnect handlers for the sockets we close.
        self._closing = True
        # A busy client can have hundreds of frames queued: running them all (each posting its
        # reply to an endpoint that is going away, with retries) held Ctrl-C for a minute.
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self._loop and self._stop and not self._stop.done():
            self._loop.call_soon_threadsafe(self._stop.set_result, None)
        if self._thread:
            self._thread.join(deadline)
            if self._thread.is_alive():
                log.warning("the WebSocket gateway did not stop in %.1f s", deadline)

    def _run(self) -> None:
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = self._loop.create_future()
        async with serve(
            self._session,
            self._host,
            self._port,
            process_request=self._handshake,
            create_connection=_ClientConnection,
            # The library checks each frame's length before reading it, and the message's
            # total across fragments: either one over its quota fails the connection with 1009.
            max_size=(MESSAGE_QUOTA_BYTES, FRAME_QUOTA_BYTES),
            close_timeout=1,
            # $connect runs in the handler pool, which a burst of frames can keep busy.
            open_timeout=60,
            ping_interval=20,
            ping_timeout=20,
        ) as server:
            self.port = server.sockets[0].getsockname()[1] if self._port == 0 else self._port
            self._ready.set()
            await self._stop
        for outbox in self._outboxes.values():
            outbox.put_nowait(None)

    async def _invoke(self, route_key: str, event: dict[str, Any]) -> Any:
        handler = self._handlers[route_key]
        if self._closing:
            # The stack is stopping: no new handler runs (a $connect is refused).
            return {"statusCode": HTTPStatus.SERVICE_UNAVAILABLE}
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._pool, handler, event, LocalContext(f"websocket_{route_key.strip('$')}")
        )

    async def _handshake(self, connection: ServerConnection, request: Any) -> Any:
        connection_id = uuid.uuid4().hex
        query = dict(parse_qsl(urlsplit(request.path).query))
        headers = {k.lower(): v for k, v in request.headers.raw_items()}
        event = websocket_event("$connect", connection_id, self.domain, None, query, headers)
        # The outbox exists before the handshake ends, so a push racing the open is kept.
        self._outboxes[connection_id] = asyncio.Queue()
        try:
            result = await self._invoke("$connect", event)
        except Exception:  # noqa: BLE001 - a failing $connect refuses, as API Gateway does
            log.exception("$connect failed")
            result = {"statusCode": 500}
        status = int((result or {}).get("statusCode", 200))
        if status >= 300:
            # Refused with the status $connect returned (401, 403, 429 over the connection cap,
            # 500 when it failed), as API Gateway does: the socket never opens.
            self._outboxes.pop(connection_id, None)
            refusal = HTTPStatus(status)
            return connection.respond(refusal, f"{refusal.phrase}\n")
        connection.entraide_id = connection_id  # type: ignore[attr-defined]
        return None

    async def _session(self, ws: _ClientConnection) -> None:
        connection_id = ws.entraide_id  # type: ignore[attr-defined]
        self._sockets[connection_id] = ws
        writer = asyncio.create_task(self._write(connection_id, ws))
        expiry = asyncio.create_task(self._expire(ws))
        tasks: set[asyncio.Task[Any]] = set()
        try:
            async for message in ws:
                if self._closing:
                    break
                body = message if isinstance(message, str) else message.decode("utf-8", "replace")
                event = websocket_event("$default", connection_id, self.domain, body)
                task = asyncio.create_task(self._invoke("$default", event))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
        except ConnectionClosed:
            pass
        finally:
            self._sockets.pop(connection_id, None)
            outbox = self._outboxes.pop(connection_id, None)
            if outbox is not None:
                outbox.put_nowait(None)
            await asyncio.gather(*tasks, return_exceptions=True)
            writer.cancel()
            expiry.cancel()
        if not self._closing:
            await self._disconnected(connection_id)

    async def _expire(self, ws: _ClientConnection) -> None:
        """Close the socket once its client has been idle too long or its time is up."""
        loop = asyncio.get_running_loop()
        opened = loop.time()
        end_of_life = opened + self._max_duration
        while True:
            now = loop.time()
            idle_until = max(ws.last_client_frame, opened) + self._idle_timeout
            if now >= end_of_life:
                reason = "maximum connection duration reached"
                break
            if now >= idle_until:
                reason = "idle timeout"
                break
            await asyncio.sleep(min(idle_until, end_of_life) - now)
        # Which code API Gateway sends here is not documented; 1001 says "going away".
        await ws.close(CloseCode.GOING_AWAY, reason)

    async def _disconnected(self, connection_id: str) -> None:
        event = websocket_event("$disconnect", connection_id, self.domain)
        try:
            await self._invoke("$disconnect", event)
        except Exception:  # noqa: BLE001 - $disconnect is best effort in AWS too
            log.exception("$disconnect failed")

    async def _write(self, connection_id: str, ws: ServerConnection) -> None:
        outbox = self._outboxes.get(connection_id)
        if outbox is None:
            return
        while (data := await outbox.get()) is not None:
            try:
                await ws.send(data.decode("utf-8"))
            except ConnectionClosed:
                return

    # --- @connections management API (called from the HTTP server thread) ---------------

    def post(self, connection_id: str, data: bytes) -> bool:
        """Queue a frame for a connection; False if it is unknown or closed."""
        outbox = self._outboxes.get(connection_id)
        if outbox is None or self._loop is None:
            return False
        self._loop.call_soon_threadsafe(outbox.put_nowait, data)
        return True

    def info(self, connection_id: str) -> dict[str, Any] | None:
        """What GET @connections/{id} answers."""
        ws = self._sockets.get(connection_id)
        if ws is None:
            return None
        return {"connectedAt": "", "identity": {"sourceIp": ws.remote_address[0]}}

    def close(self, connection_id: str) -> bool:
        """DELETE @connections/{id}: close the socket."""
        ws = self._sockets.get(connection_id)
        if ws is None or self._loop is None:
            return False
        asyncio.run_coroutine_threadsafe(ws.close(), self._loop)
        return True

    @property
    def live_connections(self) -> int:
        """How many sockets are open."""
        return len(self._sockets)


def make_http_front(
    gateway: LocalWebSocketGateway,
    web_root: Path,
    host: str,
    port: int,
    client_config: Callable[[], dict[str, str]] | None = None,
) -> ThreadingHTTPServer:
    """One HTTP server for the @connections API and the static web clients. When
    `client_config` is given, `GET /config.json` answers it (the REST and WebSocket URLs of
    this stack) instead of the static `web/config.json` a deployed copy carries."""

    class Front(BaseHTTPRequestHandler):
        server_version = "entraide-devstack"

        def log_message(self, *args: Any) -> None:  # quiet: the stack prints its own lines
            return

        def _connection_id(self) -> str | None:
            path = urlsplit(self.path).path
            for prefix in ("/@connections/", "/api/@connections/"):
                if path.startswith(prefix):
                    return unquote(path[len(prefix) :])
            return None

        def _gone(self) -> None:
            self._aws_error(410, "GoneException", "Gone")

        def _aws_error(self, status: int, error_type: str, message: str) -> None:
            # botocore reads the error code from this header (and the message from the body).
            body = json.dumps({"message": message}).encode()
            self.send_response(status)
            self.send_header("x-amzn-ErrorType", error_type)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _reply(self, status: int, body: bytes = b"", ctype: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            connection_id = self._connection_id()
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length)
            if connection_id is None:
                return self._reply(404, b'{"message":"Not Found"}')
            if len(data) > MESSAGE_QUOTA_BYTES:
                # Refused before the connection is looked up; the connection stays as it is.
                return self._aws_error(
                    413,
                    "PayloadTooLargeException",
                    f"Data is {len(data)} bytes; the limit is {MESSAGE_QUOTA_BYTES} bytes",
                )
            if not gateway.post(connection_id, data):
                return self._gone()
            return self._reply(200)

        def do_DELETE(self) -> None:  # noqa: N802
            connection_id = self._connection_id()
            if connection_id is None or not gateway.close(connection_id):
                return self._gone()
            return self._reply(204)

        def do_GET(self) -> None:  # noqa: N802
            connection_id = self._connection_id()
            if connection_id is not None:
                info = gateway.info(connection_id)
                if info is None:
                    return self._gone()
                return self._reply(200, json.dumps(info).encode())
            path = urlsplit(self.path).path
            if path == "/config.json" and client_config is not None:
                return self._reply(200, json.dumps(client_config()).encode())
            return self._static(path)

        def _static(self, path: str) -> None:
            rel = path.lstrip("/") or "index.html"
            target = (web_root / rel).resolve()
            if target.is_dir():
                target = target / "index.html"
            if web_root.resolve() not in target.parents and target != web_root.resolve():
                return self._reply(404, b"not found", "text/plain")
            if not target.is_file():
                return self._reply(404, b"not found", "text/plain")
            ctype = {
                ".html": "text/html; charset=utf-8",
                ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8",
                ".json": "application/json",
                ".svg": "image/svg+xml",
            }.get(target.suffix, "application/octet-stream")
            return self._reply(200, target.read_bytes(), ctype)

    server = ThreadingHTTPServer((host, port), Front)
    server.daemon_threads = True
    return server
