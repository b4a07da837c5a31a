"""JSON from clients, read defensively: one decoder for REST bodies and WebSocket frames.

The standard library accepts what no client of this API sends and what the code behind it
cannot store: nesting deep enough to exhaust the interpreter's stack (a RecursionError escapes
`json.loads` as something other than a ValueError), `NaN`/`Infinity` and numbers such as
`1e999` that become infinite floats (an OverflowError later, when turned into cents), integers
of hundreds of digits (DynamoDB numbers carry 38), and `\\ud800`-style escapes that decode to
lone surrogates (a UnicodeEncodeError later, when sent to DynamoDB or logged). Each of these
is refused here as a 400 with its own code, so that no view or action ever sees it.
"""

from __future__ import annotations

import json
from typing import Any

from chalicelib.domain.errors import BadInput

# Deeper than any shape this API reads (claim answers are the deepest: 3 levels).
MAX_DEPTH = 32
# RFC 7493 (I-JSON): integers beyond IEEE 754 double precision are not interoperable.
MAX_INTEGER = 2**53 - 1


def _no_constant(name: str) -> Any:
    raise BadInput(f"{name} is not a JSON number", code="non_finite_number")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise BadInput("numbers must be finite", code="non_finite_number")
    return value


def _safe_integer(text: str) -> int:
    value = int(text)
    if abs(value) > MAX_INTEGER:
        raise BadInput(f"integers are limited to ±{MAX_INTEGER}", code="number_out_of_range")
    return value


def decode(raw: str | bytes, *, what: str = "body") -> Any:
    """A JSON value from a client, or BadInput (`invalid_json`, `too_deep`,
    `non_finite_number`, `number_out_of_range`, `invalid_text`)."""
    try:
        value = json.loads(raw, parse_constant=_no_constant, parse_float=_finite_float,
                           parse_int=_safe_integer)
    except RecursionError as e:
        raise BadInput(f"the {what} is nested too deeply", code="too_deep") from e
    except (ValueError, UnicodeDecodeError) as e:
        raise BadInput(f"the {what} is not valid JSON", code="invalid_json") from e
    _check_shape(value, what)
    return value


def _check_shape(value: Any, what: str) -> None:
    """Depth and text of a decoded value, walked without recursion."""
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            _check_text(item, what)
        elif isinstance(item, dict | list):
            if depth >= MAX_DEPTH:
                raise BadInput(f"the {what} is nested deeper than {MAX_DEPTH} levels",
                               code="too_deep")
            children = list(item.items()) if isinstance(item, dict) else [(None, v)
                                                                          for v in item]
            for key, child in children:
                if key is not None:
                    _check_text(key, what)
                pending.append((child, depth + 1))


def unreadable(text: str) -> bool:
    """Text that no store or log line can take as it is (a lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check_text(text: str, what: str) -> None:
    if unreadable(text):
        raise BadInput(f"the {what} holds text that is not valid Unicode (a lone surrogate)",
                       code="invalid_text")
