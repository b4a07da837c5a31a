"""The edge every context's blueprint is built on.

A route says who may call it where it is declared (`access=`): `public(why)`, `SIGNED_IN`, or
`roles(...)`. `ContextBlueprint.route` has no default for it, so a route that forgets is an
import error, not an open door; the edge then enforces it before the view runs:

- a non-public route gets the bearer authorizer (API Gateway calls it, its answer is cached
  per token for 60 s), then the view's caller is the verified principal with `helper`
  resolved from the members mirror now (`SessionService.effective`), then the declared roles
  are checked, then the path ids and query values are bounded (`parsing.check_parameters`) —
  only then does the view run, with the caller as its first argument;
- every domain error becomes its JSON `{code, message}` answer; AWS failing or refusing
  (`adapters/aws.py` `is_aws_failure`) 503 `unavailable`; anything else a JSON 500.

Services keep their finer rules (a party of this claim, self or staff); the edge is the gate
that no route can skip. `tests/unit/test_edge_access.py` walks every registered route.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chalice import AuthResponse, Blueprint, Response

from chalicelib.api.parsing import JSON_HEADERS, check_parameters, json_object
from chalicelib.domain.errors import DomainError, Forbidden, Unauthenticated, Unavailable
from chalicelib.domain.identity import ROLES, STAFF_ROLES, Principal
from chalicelib.domain.signed_push import SIGNATURE_HEADER, TIMESTAMP_HEADER
from chalicelib.observability import logger
from chalicelib.runtime import services


@dataclass(frozen=True)
class Access:
    """Who may call a route: nobody needs a token (`public`), or one of `roles`."""

    roles: frozenset[str]
    public_because: str = ""

    @property
    def is_public(self) -> bool:
        """Whether the route is open without a token."""
        return bool(self.public_because)

    def check(self, who: Principal) -> None:
        """Forbidden unless the caller holds one of the roles."""
        if not who.has_any(self.roles):
            raise Forbidden(f"this needs one of the roles: {', '.join(sorted(self.roles))}")


def public(because: str) -> Access:
    """Open to anyone, for a stated reason (the reason is the marker the walk test reads)."""
    if not because.strip():
        raise ValueError("a public route says why it is public")
    return Access(frozenset(), because)


def roles(*names: str) -> Access:
    """Callers holding at least one of these roles."""
    unknown = set(names) - ROLES
    if not names or unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")
    return Access(frozenset(names))


SIGNED_IN = Access(ROLES)  # any valid token
STAFF = roles(*STAFF_ROLES)

# The authorizer is a blueprint of its own: every context's routes point at this one.
auth = Blueprint(__name__)


@auth.authorizer(ttl_seconds=60)
def bearer(auth_request: Any) -> AuthResponse:
    """Verify the bearer JWT; the view's edge refuses a context carrying `auth_error`."""
    try:
        principal = services().sessions.authenticate(auth_request.token)
    except Unauthenticated as e:
        return AuthResponse(routes=["*"], principal_id="anonymous", context={"auth_error": e.code})
    return AuthResponse(
        routes=["*"],
        principal_id=principal.member_id,
        context={
            "member_id": principal.member_id,
            "roles": ",".join(sorted(principal.roles)),
            "tier": principal.tier or "",
        },
    )


def verified(context: dict[str, Any] | None) -> Principal:
    """The principal the authorizer put in the request context, or Unauthenticated."""
    found = (context or {}).get("authorizer") or {}
    if found.get("auth_error") or not found.get("member_id"):
        code = found.get("auth_error") or "unauthenticated"
        raise Unauthenticated(
            "a valid bearer token is required" if code == "unauthenticated" else "invalid token",
            code=code,
        )
    granted = [r for r in str(found.get("roles", "")).split(",") if r]
    return Principal(found["member_id"], frozenset(granted), found.get("tier") or None)


def error_response(error: DomainError) -> Response:
    """A JSON `{"code", "message"}` response with the error's status; a limit's `retry_after`
    also as the standard `Retry-After` header."""
    headers = dict(JSON_HEADERS)
    retry_after = error.details.get("retry_after")
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return Response(body=error.to_json(), status_code=error.status, headers=headers)


def answer(view: Callable[..., Any], name: str, *args: Any, **kwargs: Any) -> Any:
    """Run a view; domain errors to their status, AWS failing or refusing (no adapter
    translated it) to 503 `unavailable` as frames answer it, anything else to a JSON 500."""
    try:
        return view(*args, **kwargs)
    except DomainError as e:
        return error_response(e)
    except Exception as e:  # noqa: BLE001 - the client always gets JSON, never a stack
        logger.exception("view failed", view=name, error=type(e).__name__)
        # Imported here: the SDKs are not loaded at import (cold start), only once used.
        from chalicelib.adapters.aws import is_aws_failure

        if is_aws_failure(e):
            return error_response(Unavailable("a service is busy; it is safe to retry"))
        return Response(body={"code": "internal", "message": "internal error"},
                        status_code=500, headers=JSON_HEADERS)


class ContextBlueprint(Blueprint):
    """One context's routes, queue consumers and schedules; every route declares its access."""

    def route(self, path: str, **kwargs: Any) -> Callable[..., Any]:  # type: ignore[override]
        """`@bp.route(path, methods=[...], access=...)`; the view gets the caller first."""
        access = kwargs.pop("access", None)
        if not isinstance(access, Access):
            raise TypeError(f"{path}: declare who may call it with access=")
        if not access.is_public:
            kwargs["authorizer"] = bearer
        parent = super().route

        def register(view: Callable[..., Any]) -> Callable[..., Any]:
            @functools.wraps(view)
            def edge(**params: Any) -> Any:
                if access.is_public:
                    return answer(self._open, view.__name__, view, **params)
                return answer(self._guarded, view.__name__, view, access, **params)

            edge.access = access  # type: ignore[attr-defined]
            parent(path, **kwargs)(edge)
            return edge

        return register

    def signed_push(self, feed: Any) -> Any:
        """Hand a marketplace push (body and signature headers, unparsed) to its feed."""
        request = self.current_request
        return feed.ingest(
            request.raw_body or b"",
            request.headers.get(SIGNATURE_HEADER),
            request.headers.get(TIMESTAMP_HEADER),
        )

    @property
    def query(self) -> dict[str, str]:
        """The current request's query string."""
        return dict(self.current_request.query_params or {})

    def body(self, *, required: bool = True) -> dict[str, Any]:
        """The current request's JSON object body (BadInput when it is not one)."""
        return json_object(self.current_request.raw_body, required=required)

    def _guarded(self, view: Callable[..., Any], access: Access, **params: Any) -> Any:
        who = services().sessions.effective(verified(self.current_request.context))
        access.check(who)
        check_parameters(params, self.current_request.query_params)
        return view(who, **params)

    def _open(self, view: Callable[..., Any], **params: Any) -> Any:
        check_parameters(params, self.current_request.query_params)
        return view(**params)
