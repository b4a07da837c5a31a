"""Reading requests at the edge: JSON bodies and query strings, typed, with clear 400s."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from chalice import Response

from chalicelib.domain.errors import BadInput, PayloadTooLarge

MAX_BODY_BYTES = 64 * 1024
JSON_HEADERS = {"Content-Type": "application/json"}
TRUE = frozenset({"1", "true", "yes"})


def created(body: Any) -> Response:
    """A 201 JSON response."""
    return Response(body=body, status_code=201, headers=JSON_HEADERS)


def json_body(raw: bytes | None, *, required: bool = True) -> Any:
    """A request's JSON body, or BadInput with a clear message."""
    raw = raw or b""
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


def json_object(raw: bytes | None, *, required: bool = True) -> dict[str, Any]:
    """A request's JSON body, which must be an object."""
    body = json_body(raw, required=required)
    if not isinstance(body, dict):
        raise BadInput("the body must be a JSON object")
    return body


def body_text(body: Mapping[str, Any], name: str, *, max_len: int = 5000) -> str | None:
    """An optional string field of a JSON body."""
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > max_len:
        raise BadInput(f"{name} must be a string of at most {max_len} characters", field=name)
    return value


def body_strings(body: Mapping[str, Any], name: str, *, required: bool = True) -> list[str] | None:
    """A list of strings of a JSON body (required unless said otherwise)."""
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadInput(f"{name} must be a list of strings", field=name)
    return value


def body_version(body: Mapping[str, Any], *, required: bool) -> int | None:
    """The `expected_version` an edit was made against."""
    value = body.get("expected_version")
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BadInput("expected_version must be a positive integer", field="expected_version")
    return value


def query_text(params: Mapping[str, str] | None, name: str, default: str | None = None
               ) -> str | None:
    """A query-string parameter as sent."""
    return (params or {}).get(name, default)


def query_number(params: Mapping[str, str] | None, name: str) -> float | None:
    """An optional finite number from the query string."""
    raw = (params or {}).get(name)
    if raw is None or raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadInput(f"{name} must be a number", field=name) from None
    if not math.isfinite(value):
        raise BadInput(f"{name} must be a finite number", field=name)
    return value


def query_integer(params: Mapping[str, str] | None, name: str, default: int | None) -> int | None:
    """An optional integer from the query string."""
    value = query_number(params, name)
    if value is None:
        return default
    if value != int(value):
        raise BadInput(f"{name} must be a whole number", field=name)
    return int(value)


def query_flag(params: Mapping[str, str] | None, name: str) -> bool:
    """A yes/no query parameter (`1`, `true`, `yes`)."""
    return ((params or {}).get(name) or "").lower() in TRUE
