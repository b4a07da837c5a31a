"""Parsing for the claims routes of app.py: headers, euro amounts, report periods, the optional
caller of the counterpart's answer."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.domain.claims.model import cents_from_eur, parse_iso
from chalicelib.domain.errors import BadInput
from chalicelib.domain.identity import Principal

IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 128
DEFAULT_REPORT_DAYS = 30


def idempotency_key(headers: Mapping[str, str]) -> str:
    """The Idempotency-Key header, required on POST /claims."""
    key = (headers.get(IDEMPOTENCY_HEADER) or headers.get(IDEMPOTENCY_HEADER.lower()) or "")
    key = key.strip()
    if not key:
        raise BadInput("the Idempotency-Key header is required", code="missing_idempotency_key")
    if len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise BadInput("the Idempotency-Key header is too long or not printable",
                       code="bad_idempotency_key")
    return key


def filing(body: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments of ClaimsService.file from the POST /claims body."""
    return {
        "booking_id": body.get("booking_id"),
        "problem": body.get("problem"),
        "answers": body.get("answers", {}),
        "hold_payment": body.get("hold_payment", False),
    }


def _cents(body: Mapping[str, Any], name: str) -> int:
    value = body.get(name)
    return 0 if value is None else cents_from_eur(value, field_name=name)


def decision(body: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments of ClaimsService.decide: `gesture_eur` and `charge_eur` to cents."""
    request_approval = body.get("request_approval", False)
    if not isinstance(request_approval, bool):
        raise BadInput("request_approval must be true or false", code="bad_request_approval")
    return {
        "outcome": body.get("outcome"),
        "gesture_cents": _cents(body, "gesture_eur"),
        "charge_cents": _cents(body, "charge_eur"),
        "mark": body.get("mark"),
        "request_approval": request_approval,
    }


def approval(body: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments of ClaimsService.approve."""
    approve = body.get("approve", True)
    if not isinstance(approve, bool):
        raise BadInput("approve must be true or false", code="bad_approve")
    gesture = body.get("gesture_eur")
    return {
        "approve": approve,
        "outcome": body.get("outcome"),
        "gesture_cents": None if gesture is None else cents_from_eur(gesture,
                                                                     field_name="gesture_eur"),
    }


def period(since: str | None, until: str | None) -> tuple[datetime, datetime]:
    """The audit period from `since`/`until` (ISO dates or times); the last 30 days by default."""
    try:
        end = parse_iso(until) if until else datetime.now(UTC)
        start = parse_iso(since) if since else end - timedelta(days=DEFAULT_REPORT_DAYS)
    except ValueError as e:
        raise BadInput("since and until must be ISO-8601 dates or times",
                       code="bad_period") from e
    return start, end


def optional_caller(authorization: str | None, sessions: Any) -> Principal | None:
    """The signed-in caller when an Authorization header is sent (401 if it is invalid), with
    the roles this backend grants as the members mirror says (like every REST caller)."""
    if not authorization:
        return None
    return sessions.effective(sessions.authenticate(authorization))
