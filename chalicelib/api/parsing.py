"""Reading requests at the edge: JSON bodies and query strings, typed, with clear 400s."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

from chalice import Response

from chalicelib.domain import wire_json
from chalicelib.domain.errors import BadInput, PayloadTooLarge

MAX_BODY_BYTES = 64 * 1024
# Every id this API hands out or mirrors (members, bookings, claims, conversations, articles)
# is at most 128 characters; DynamoDB refuses keys over 2048 bytes (partition) or 1024 bytes
# (sort) with a ValidationException, so an id is checked here, before any store sees it.
MAX_PATH_PARAMETER = 128
# Query values: search text, cursors, dates, codes. Longer ones are refused, not truncated.
MAX_QUERY_VALUE = 512
MAX_QUERY_PARAMETERS = 20
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
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
    return wire_json.decode(raw)


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


def body_flag(body: Mapping[str, Any], name: str) -> bool:
    """A required boolean field of a JSON body."""
    value = body.get(name)
    if not isinstance(value, bool):
        raise BadInput(f"{name} must be true or false", field=name)
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


def query_day(params: Mapping[str, str] | None, name: str = "day") -> str | None:
    """An optional calendar day, exactly `YYYY-MM-DD` (the form the stores key days by)."""
    raw = (params or {}).get(name)
    if raw is None or raw == "":
        return None
    try:
        if not DAY.fullmatch(raw):
            raise ValueError(raw)
        return dt.date.fromisoformat(raw).isoformat()
    except ValueError:
        raise BadInput(f"{name} must be a date written YYYY-MM-DD", code="bad_day",
                       field=name) from None


def check_parameters(path: Mapping[str, str], query: Mapping[str, str] | None) -> None:
    """The edge's one check of what the URL carries, before any view reads it: path ids are
    short printable text, query values bounded (BadInput `bad_path_parameter` /
    `bad_query_parameter`)."""
    for name, value in path.items():
        if (not isinstance(value, str) or not value or len(value) > MAX_PATH_PARAMETER
                or not value.isprintable() or wire_json.unreadable(value)):
            raise BadInput(f"{name} must be an id of 1 to {MAX_PATH_PARAMETER} printable "
                           "characters", code="bad_path_parameter", field=name)
    query = query or {}
    if len(query) > MAX_QUERY_PARAMETERS:
        raise BadInput(f"at most {MAX_QUERY_PARAMETERS} query parameters",
                       code="bad_query_parameter")
    for name, value in query.items():
        if len(name) > 64 or wire_json.unreadable(name):
            raise BadInput("query parameter names are at most 64 characters of text",
                           code="bad_query_parameter")
        if len(value) > MAX_QUERY_VALUE or wire_json.unreadable(value):
            raise BadInput(f"query parameters are limited to {MAX_QUERY_VALUE} characters of "
                           "text", code="bad_query_parameter", field=name)
