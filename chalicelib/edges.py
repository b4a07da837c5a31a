"""Helpers for the two edges (REST views and WebSocket handlers): parsing and error mapping."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from chalice import Chalice, Response

from chalicelib.domain.errors import BadInput, DomainError, PayloadTooLarge, Unauthenticated
from chalicelib.domain.identity import Principal
from chalicelib.observability import logger

MAX_BODY_BYTES = 64 * 1024
JSON_HEADERS = {"Content-Type": "application/json"}


def error_response(error: DomainError) -> Response:
    """A JSON `{"code", "message"}` response with the error's status."""
    return Response(body=error.to_json(), status_code=error.status, headers=JSON_HEADERS)


def translate_errors(view: Callable[..., Any]) -> Callable[..., Any]:
    """Map domain errors to their HTTP status; anything unexpected to a JSON 500."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return view(*args, **kwargs)
        except DomainError as e:
            return error_response(e)
        except Exception as e:  # noqa: BLE001 - the client always gets JSON, never a stack
            logger.exception("view failed", view=view.__name__, error=type(e).__name__)
            return Response(
                body={"code": "internal", "message": "internal error"},
                status_code=500,
                headers=JSON_HEADERS,
            )

    return wrapper


def json_body(app: Chalice, *, required: bool = True) -> Any:
    """The request's JSON body, or BadInput with a clear message."""
    raw = app.current_request.raw_body or b""
    if len(raw) > MAX_BODY_BYTES:
        raise PayloadTooLarge(f"bodies are limited to {MAX_BODY_BYTES} bytes")
    if not raw.strip():
        if required:
            raise BadInput("a JSON body is required")
        return {}
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as e:
        raise BadInput("the body is not valid JSON", code="invalid_json") from e


def json_object(app: Chalice, *, required: bool = True) -> dict[str, Any]:
    """The request's JSON body, which must be an object."""
    body = json_body(app, required=required)
    if not isinstance(body, dict):
        raise BadInput("the body must be a JSON object")
    return body


def current_principal(app: Chalice) -> Principal:
    """The caller verified by the authorizer (its context), or Unauthenticated."""
    context = (app.current_request.context or {}).get("authorizer") or {}
    if context.get("auth_error") or not context.get("member_id"):
        code = context.get("auth_error") or "unauthenticated"
        raise Unauthenticated(
            "a valid bearer token is required" if code == "unauthenticated" else "invalid token",
            code=code,
        )
    roles = [r for r in str(context.get("roles", "")).split(",") if r]
    return Principal(context["member_id"], frozenset(roles), context.get("tier") or None)


def query_param(app: Chalice, name: str, default: str | None = None) -> str | None:
    """A query-string parameter."""
    params = app.current_request.query_params or {}
    return params.get(name, default)
