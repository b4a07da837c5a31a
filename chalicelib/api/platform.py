"""Platform routes: liveness, the clients' configuration, WebSocket tickets, the members feed."""

from __future__ import annotations

from typing import Any

from chalicelib.api.edge import SIGNED_IN, ContextBlueprint, public
from chalicelib.domain.identity import Principal
from chalicelib.runtime import services

platform = ContextBlueprint(__name__)


@platform.route("/health", methods=["GET"], access=public("liveness probe"))
def health() -> dict[str, str]:
    return {"status": "ok"}


@platform.route("/config", methods=["GET"],
                access=public("clients read where the WebSocket API is before signing in"))
def config() -> dict[str, str]:
    s = services().settings
    return {"ws_url": s.ws_public_url, "stage": s.stage}


@platform.route("/ws/ticket", methods=["POST"], access=SIGNED_IN)
def ws_ticket(who: Principal) -> dict[str, Any]:
    return services().sessions.issue_ticket(who)


@platform.route("/ingest/members", methods=["POST"],
                access=public("the marketplace signs each push with the shared HMAC key"))
def ingest_member() -> Any:
    return platform.signed_push(services().members_ingest)
