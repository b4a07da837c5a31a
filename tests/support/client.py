"""A small client of the public protocol (REST + WebSocket) for end-to-end tests and benches.

Written only against PROTOCOL.md: urllib for REST and the stock `websockets` client."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
import urllib.error
import urllib.request
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from chalicelib.domain.signed_push import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign


class HttpError(Exception):
    """A non-2xx REST answer."""

    def __init__(self, status: int, body: Any) -> None:
        super().__init__(f"HTTP {status}: {body}")
        self.status = status
        self.body = body


def rest(
    base: str,
    method: str,
    path: str,
    body: Any = None,
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> Any:
    """One REST call; returns the decoded JSON body or raises HttpError."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            raw = reply.read()
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = raw.decode(errors="replace")
        raise HttpError(e.code, payload) from None
    return json.loads(raw) if raw else None


def dev_token(base: str, member_id: str, roles: list[str]) -> str:
    """A token from the local stage's POST /dev/token."""
    return rest(base, "POST", "/dev/token", {"member_id": member_id, "roles": roles})["token"]


def make_helper(base: str, key: str, member_id: str, staff_token: str) -> None:
    """A member becomes a Helper as in production: the marketplace pushes their reputation
    (signed with `key`, the stage's BOOKINGS_INGEST_SECRET), they apply, staff approve. The
    members mirror, not the token, makes a Helper."""
    push = {
        "member_id": member_id, "version": 1, "display_name": member_id, "lang": "fr",
        "sms_consent": True, "marketing_opt_in": False, "standing": "good",
        "reputation": {"rating": 4.9, "reviews": 50, "positive_share": 0.99},
    }
    stamp = str(int(time.time()))
    headers = {SIGNATURE_HEADER: sign(key, stamp, json.dumps(push).encode()),
               TIMESTAMP_HEADER: stamp}
    rest(base, "POST", "/ingest/members", push, headers=headers)
    applied = {"languages": ["fr"], "topics": ["booking"]}
    rest(base, "POST", "/programme/applications", applied, dev_token(base, member_id, ["member"]))
    rest(base, "POST", f"/programme/helpers/{member_id}/approve", {}, staff_token)


class Peer:
    """One WebSocket connection of a member: sends actions, awaits replies, collects events."""

    _ids = itertools.count(1)

    def __init__(self, ws: ClientConnection, member_id: str) -> None:
        self.ws = ws
        self.member_id = member_id
        self.events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._waiting: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def open(cls, urls: dict[str, str], member_id: str, roles: list[str]) -> Peer:
        """Token, ticket, connect."""
        token = await asyncio.to_thread(dev_token, urls["rest"], member_id, roles)
        ticket = await asyncio.to_thread(rest, urls["rest"], "POST", "/ws/ticket", {}, token)
        ws = await connect(
            f"{urls['ws']}/?ticket={ticket['ticket']}", max_size=2**20, open_timeout=60
        )
        peer = cls(ws, member_id)
        peer.token = token
        return peer

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                frame = json.loads(raw)
                future = self._waiting.pop(frame.get("request_id") or "", None)
                if frame.get("type") in ("ack", "error") and future and not future.done():
                    future.set_result(frame)
                else:
                    self.events.put_nowait(frame)
        except Exception:  # noqa: BLE001 - a closed socket ends the reader
            pass
        finally:
            for future in self._waiting.values():
                if not future.done():
                    future.set_exception(ConnectionError("socket closed"))

    async def call(self, action: str, timeout: float = 15, **fields: Any) -> dict[str, Any]:
        """Send an action and wait for its ack or error."""
        request_id = f"{self.member_id}-{next(self._ids)}"
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[request_id] = future
        await self.ws.send(json.dumps({"action": action, "request_id": request_id, **fields}))
        return await asyncio.wait_for(future, timeout)

    async def next_event(self, type_: str, timeout: float = 15, **match: Any) -> dict[str, Any]:
        """The next pushed event of a type (and matching fields); others are kept."""
        kept: list[dict[str, Any]] = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            while True:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise TimeoutError(f"no {type_} event for {self.member_id}")
                frame = await asyncio.wait_for(self.events.get(), remaining)
                if frame.get("type") == type_ and all(frame.get(k) == v for k, v in match.items()):
                    return frame
                kept.append(frame)
        finally:
            for frame in kept:
                self.events.put_nowait(frame)

    async def close(self) -> None:
        """Close the socket."""
        await self.ws.close()
        self._reader.cancel()
