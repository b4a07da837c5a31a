"""The WebSocket edge: API Gateway events in, `ack`/`error` frames out through @connections."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain.errors import DomainError, RateLimited, Unauthenticated, Unavailable
from chalicelib.domain.frames import FrameDispatcher
from chalicelib.domain.identity import Principal
from chalicelib.domain.ports import Connection
from chalicelib.domain.sessions import SessionService
from chalicelib.observability import logger

OK = {"statusCode": 200}
UNAVAILABLE = {"code": "unavailable", "message": "the service is busy; connect again shortly"}
_NOBODY = Principal("", frozenset())


def management_endpoint(request_context: Mapping[str, Any]) -> str:
    """The @connections endpoint of the API that sent the event."""
    return f"https://{request_context['domainName']}/{request_context['stage']}"


@dataclass
class WebSocketEdge:
    """Turns API Gateway WebSocket events into service calls and reply frames."""

    sessions: SessionService
    frames: FrameDispatcher
    on_disconnect: list[Callable[[Connection], None]] = field(default_factory=list)

    def connect(self, event: Mapping[str, Any]) -> dict[str, Any]:
        """$connect: admit only a valid single-use ticket, within the member's connection cap;
        refuse at the handshake otherwise (401; 429 over the cap)."""
        ctx = event["requestContext"]
        params = event.get("queryStringParameters") or {}
        try:
            connection = self.sessions.connect(
                ctx["connectionId"], params.get("ticket"), management_endpoint(ctx)
            )
        except Unauthenticated as e:
            logger.info("websocket refused", reason=e.code)
            return {"statusCode": 401, "body": "ticket required"}
        except RateLimited as e:
            # API Gateway refuses the handshake with the status $connect returns: HTTP 429.
            logger.info("websocket refused", reason="too_many_connections")
            return {"statusCode": e.status, "body": json.dumps(e.to_json())}
        except Exception as e:  # noqa: BLE001 - AWS failing: refused as temporary, not a crash
            logger.exception("websocket connect failed", error=type(e).__name__)
            return {"statusCode": 503, "body": json.dumps(UNAVAILABLE)}
        logger.info("websocket connected", member_id=connection.principal.member_id)
        return OK

    def message(self, event: Mapping[str, Any]) -> dict[str, Any]:
        """$default: dispatch one frame and send exactly one reply to its sender."""
        ctx = event["requestContext"]
        connection_id = ctx["connectionId"]
        try:
            connection = self.sessions.connection(connection_id)
        except Exception as e:  # noqa: BLE001 - AWS failing is a temporary refusal
            known = e if isinstance(e, DomainError) else Unavailable("could not read the "
                                                                     "connection; retry")
            stranger = Connection(connection_id, _NOBODY, 0, management_endpoint(ctx))
            self.sessions.reply(stranger, {"type": "error", "request_id": None,
                                           **known.to_json()})
            return OK
        # Ack first, then fan out: a sender never sees others' events before its own ack.
        dispatched = self.frames.handle(connection, event.get("body"))
        try:
            self.sessions.reply(connection, dispatched.frame)
        except Exception as e:  # noqa: BLE001 - the action is done: the others still get its
            # events, and the client resends (idempotent actions answer the same again).
            logger.exception("reply failed", error=type(e).__name__)
        for task in dispatched.after:
            try:
                task()
            except Exception as e:  # noqa: BLE001 - the action is done; delivery is retried
                logger.exception("post-ack delivery failed", error=type(e).__name__)
        return OK

    def disconnect(self, event: Mapping[str, Any]) -> dict[str, Any]:
        """$disconnect (best effort): let listeners react, then forget the connection."""
        self.sessions.disconnect(event["requestContext"]["connectionId"], self.on_disconnect)
        return OK
