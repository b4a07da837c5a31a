"""`POST /dev/token`: demo tokens for the local stack, and only there.

This module is never shipped (the Lambda package holds `app.py` and `chalicelib/` only), and
the route is added to the app by the local stack at start (`register`), so no stage running
in AWS can have it whatever its configuration says. Deployed stages get tokens from the
identity provider, or from `python -m infra.token` with the operator's AWS credentials.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from chalicelib.domain.errors import BadInput
from chalicelib.domain.identity import ROLES, Principal
from chalicelib.domain.ports import MemberDirectory, TokenCodec

MEMBER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
TTL_SECONDS = 12 * 3600
ROUTE = "/dev/token"


class DevTokens:
    """Mints a token for any member id and roles (the local identity provider)."""

    def __init__(self, tokens: TokenCodec, members: MemberDirectory,
                 ttl_seconds: int = TTL_SECONDS) -> None:
        self._tokens = tokens
        self._members = members
        self._ttl = ttl_seconds

    def mint(self, body: Any) -> dict[str, str]:
        """`{"member_id", "roles", "tier"?}` -> `{"token"}`; BadInput when malformed."""
        if not isinstance(body, dict):
            raise BadInput("expected a JSON object with member_id and roles")
        member_id = body.get("member_id")
        roles = body.get("roles", ["member"])
        if not isinstance(member_id, str) or not MEMBER_ID.match(member_id):
            raise BadInput("member_id must be 1-64 letters, digits, '_', '.' or '-'")
        if (
            not isinstance(roles, list)
            or not roles
            or not all(isinstance(r, str) and r in ROLES for r in roles)
        ):
            raise BadInput(f"roles must be a non-empty list among {sorted(ROLES)}")
        tier = body.get("tier")
        if tier is None:
            member = self._members.get(member_id)
            tier = member.tier if member is not None else None
        if tier is not None and not isinstance(tier, str):
            raise BadInput("tier must be a string")
        principal = Principal(member_id, frozenset(roles), tier)
        return {"token": self._tokens.issue(principal, self._ttl)}


def register(app: Any, services: Callable[[], Any]) -> None:
    """Add `POST /dev/token` to a Chalice app (idempotent)."""
    if ROUTE in app.routes:
        return
    from chalicelib.api.edge import ContextBlueprint, public

    local = ContextBlueprint(__name__)

    @local.route(ROUTE, methods=["POST"], access=public("the local stack's demo sign-in"))
    def dev_token() -> dict[str, str]:
        root = services()
        return DevTokens(root.sessions.tokens, root.members).mint(local.body())

    app.register_blueprint(local)


def mint(services: Any, body: dict[str, Any]) -> str:
    """A token for `body` from a composition root (tests and the local stack's seeds)."""
    return DevTokens(services.sessions.tokens, services.members).mint(body)["token"]
