"""Parsing and shaping for the programme, knowledge and insights routes (docs/programme.md,
docs/insights.md): typed reads of bodies and query strings, and the leaderboard's names."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from chalice import Response

from chalicelib.domain.errors import BadInput
from chalicelib.edges import JSON_HEADERS

TRUE = frozenset({"1", "true", "yes"})


def created(body: Any) -> Response:
    """A 201 JSON response."""
    return Response(body=body, status_code=201, headers=JSON_HEADERS)


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


def leaderboard_lines(entries: Sequence[Any], members: Any, lang: str) -> list[dict[str, Any]]:
    """Leaderboard lines with the Helpers' display names (one BatchGetItem)."""
    names = members.many([e.member_id for e in entries])
    return [
        {**e.to_json(lang), "display_name": (names.get(e.member_id) or {}).get("display_name")}
        for e in entries
    ]
