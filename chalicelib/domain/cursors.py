"""Opaque cursors: where a listing stopped, as the text clients send back for the next page
(URL-safe base64 without padding). What a position holds is its listing's business (a number,
a day and a key, JSON); anything that does not decode is 400 `bad_cursor`."""

from __future__ import annotations

import base64

from chalicelib.domain.errors import BadInput


def bad_cursor() -> BadInput:
    """The refusal of a cursor this API did not give."""
    return BadInput("cursor is not one this API gave", code="bad_cursor", field="cursor")


def encode_cursor(position: str) -> str:
    """A position as the opaque cursor clients send back."""
    return base64.urlsafe_b64encode(position.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    """The position a cursor stands for; `bad_cursor` if it is not one `encode_cursor` could
    have given (its listing then checks what the position holds)."""
    try:
        return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        raise bad_cursor() from None
