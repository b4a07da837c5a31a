"""Attribute values in DynamoDB's own JSON, written and read as PynamoDB's attributes do, for
the hot paths that skip building models (the chat's `message.send`: chat_items.py; every
frame's connection and every fan-out's recipients: session_stores.py; bench/send_cpu.py)."""

from __future__ import annotations

import json
from typing import Any

Item = dict[str, dict[str, Any]]


def number(value: float) -> dict[str, str]:
    """A number as NumberAttribute serialises it."""
    return {"N": json.dumps(value)}


def num(item: Item, name: str, default: Any = None) -> Any:
    """A number as NumberAttribute reads it (`default` when absent)."""
    return json.loads(item[name]["N"]) if name in item else default


def text(item: Item, name: str) -> str | None:
    """A string (None when absent)."""
    return item[name]["S"] if name in item else None


def listed(item: Item, name: str) -> list[Any]:
    """A list's elements, still in DynamoDB's JSON (empty when absent)."""
    return item[name]["L"] if name in item else []
