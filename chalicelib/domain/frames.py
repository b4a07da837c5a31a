"""WebSocket frames: parse, validate, dispatch to one handler, and reply exactly once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain import wire_json
from chalicelib.domain.errors import BadInput, DomainError, PayloadTooLarge, Unavailable
from chalicelib.domain.ports import Connection

Handler = Callable[[Connection, "Frame"], "Mapping[str, Any] | Reply | None"]


@dataclass
class Reply:
    """A handler's result plus work to run only after the ack went out (fan-out)."""

    result: Mapping[str, Any]
    after: list[Callable[[], None]] = field(default_factory=list)


@dataclass
class Dispatched:
    """The one reply frame of an action, and what to do once it is sent."""

    frame: dict[str, Any]
    after: list[Callable[[], None]] = field(default_factory=list)


@dataclass(frozen=True)
class Frame:
    """A parsed client frame with typed accessors that raise BadInput on bad fields."""

    action: str
    body: Mapping[str, Any]
    request_id: str | None = None

    def text(self, name: str, *, max_len: int = 4000, optional: bool = False) -> str | None:
        """A non-empty string field of at most `max_len` characters."""
        value = self.body.get(name)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise BadInput(f"'{name}' must be a non-empty string", field=name)
        if len(value) > max_len:
            raise BadInput(f"'{name}' is longer than {max_len} characters", field=name)
        return value

    def integer(self, name: str, *, low: int, high: int, optional: bool = False) -> int | None:
        """An integer field within [low, high]."""
        value = self.body.get(name)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise BadInput(f"'{name}' must be an integer from {low} to {high}", field=name)
        return value

    def flag(self, name: str) -> bool:
        """A boolean field (missing means False)."""
        value = self.body.get(name, False)
        if not isinstance(value, bool):
            raise BadInput(f"'{name}' must be true or false", field=name)
        return value

    def strings(self, name: str, *, max_items: int = 20, max_len: int = 40) -> list[str] | None:
        """An optional list of short strings."""
        value = self.body.get(name)
        if value is None:
            return None
        if (
            not isinstance(value, list)
            or len(value) > max_items
            or not all(isinstance(v, str) and 0 < len(v) <= max_len for v in value)
        ):
            raise BadInput(f"'{name}' must be a list of short strings", field=name)
        return value


def parse_frame(raw: str | bytes | None, max_bytes: int) -> Frame:
    """Decode one client frame or raise a DomainError that becomes an `error` frame."""
    if raw is None:
        raise BadInput("empty frame", code="invalid_frame")
    # surrogatepass: a frame holding a lone surrogate is measured here, refused by the decoder.
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise PayloadTooLarge(f"frames are limited to {max_bytes} bytes", code="frame_too_large")
    data = wire_json.decode(raw, what="frame")
    if not isinstance(data, dict):
        raise BadInput("frame must be a JSON object", code="invalid_frame")
    request_id = data.get("request_id")
    if request_id is not None and (not isinstance(request_id, str) or len(request_id) > 128):
        raise BadInput("request_id must be a string of at most 128 characters")
    action = data.get("action")
    if not isinstance(action, str) or not action:
        raise BadInput(
            "frame needs an 'action' string", code="missing_action", request_id=request_id
        )
    return Frame(action=action, body=data, request_id=request_id)


@dataclass(frozen=True)
class Route:
    """One action: its handler and the roles allowed to call it (empty: any)."""

    handler: Handler
    roles: frozenset[str] = frozenset()


@dataclass
class FrameDispatcher:
    """Routes actions to handlers; turns every outcome into exactly one reply frame."""

    max_bytes: int = 32 * 1024
    routes: dict[str, Route] = field(default_factory=dict)
    on_unexpected: Callable[[str, Exception], None] = lambda action, exc: None
    # Whether an unexpected exception is a dependency failing (AWS): answered `unavailable`.
    temporary: Callable[[Exception], bool] = lambda exc: False

    def register(self, action: str, handler: Handler, roles: frozenset[str] = frozenset()) -> None:
        """Register the handler of an action."""
        self.routes[action] = Route(handler, roles)

    def dispatch(self, connection: Connection, raw: str | bytes | None) -> dict[str, Any]:
        """Handle one frame and return the reply frame (`ack` or `error`), running `after`."""
        dispatched = self.handle(connection, raw)
        for task in dispatched.after:
            task()
        return dispatched.frame

    def handle(self, connection: Connection, raw: str | bytes | None) -> Dispatched:
        """Handle one frame: the reply frame and the work deferred until it is sent."""
        dispatched = self._handle(connection, raw)
        return dispatched if isinstance(dispatched, Dispatched) else Dispatched(dispatched)

    def _handle(
        self, connection: Connection, raw: str | bytes | None
    ) -> Dispatched | dict[str, Any]:
        request_id = None
        action = "?"
        try:
            frame = parse_frame(raw, self.max_bytes)
            request_id, action = frame.request_id, frame.action
            route = self.routes.get(frame.action)
            if route is None:
                raise BadInput(f"unknown action '{frame.action}'", code="unknown_action")
            if route.roles and not connection.principal.has_any(route.roles):
                raise DomainError(
                    f"'{frame.action}' needs one of the roles: {', '.join(sorted(route.roles))}",
                    code="forbidden",
                )
            result = route.handler(connection, frame) or {}
            if isinstance(result, Reply):
                return Dispatched(
                    {"type": "ack", "request_id": request_id, **result.result}, result.after
                )
            return {"type": "ack", "request_id": request_id, **result}
        except DomainError as e:
            details = dict(e.details)
            request_id = details.pop("request_id", request_id)
            return {
                "type": "error",
                "request_id": request_id,
                "code": e.code,
                "message": e.message,
                **details,
            }
        except Exception as e:  # noqa: BLE001 - one bad frame must never kill the socket
            self.on_unexpected(action, e)
            if self.temporary(e):
                busy = Unavailable("a service is busy; it is safe to retry this frame")
                return {"type": "error", "request_id": request_id, **busy.to_json()}
            return {
                "type": "error",
                "request_id": request_id,
                "code": "internal",
                "message": "the server failed to handle this frame; it is safe to retry",
            }
