"""Pushes from the marketplace (bookings, members): HMAC-SHA256 over `<timestamp>.<body>` with
one shared key, refused outside a clock-skew window. See docs/marketplace_feeds.md."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from typing import Any

from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import BadInput, PayloadTooLarge, Unauthenticated

SIGNATURE_HEADER = "X-Entraide-Signature"
TIMESTAMP_HEADER = "X-Entraide-Timestamp"
MAX_BODY_BYTES = 64 * 1024


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value: HMAC-SHA256 of `<timestamp>.<body>` with the shared key."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


class SignedPushVerifier:
    """Checks the size, the signature and the age of a push, then decodes its JSON body.

    `secret` is called on each push (the wiring caches it): the key may live in Secrets Manager.
    """

    def __init__(self, *, secret: Callable[[], str], clock: Clock, max_skew_seconds: int = 300,
                 max_bytes: int = MAX_BODY_BYTES) -> None:
        self._secret = secret
        self._clock = clock
        self._skew = max_skew_seconds
        self._max_bytes = max_bytes

    def read(self, body: bytes, signature: str | None, timestamp: str | None) -> Any:
        """The decoded body of a genuine push: 413 too large, 401 bad or stale, 400 not JSON."""
        if len(body) > self._max_bytes:
            raise PayloadTooLarge(f"bodies are limited to {self._max_bytes} bytes")
        self.verify(body, signature, timestamp)
        try:
            return json.loads(body)
        except (ValueError, UnicodeDecodeError) as e:
            raise BadInput("the body is not valid JSON", code="invalid_json") from e

    def verify(self, body: bytes, signature: str | None, timestamp: str | None) -> None:
        """Refuse anything not signed with the shared key within the allowed clock skew."""
        secret = self._secret()
        if not secret or not signature or not timestamp:
            raise Unauthenticated("a valid signature is required", code="bad_signature")
        try:
            moment = int(timestamp)
        except ValueError as e:
            raise Unauthenticated("a valid signature is required", code="bad_signature") from e
        # A replayed push is refused once it is older than the skew window.
        if abs(self._clock.time() - moment) > self._skew:
            raise Unauthenticated("the signature has expired", code="stale_signature")
        # Compared as bytes: compare_digest refuses str with non-ASCII characters (a 500).
        given = signature.strip().encode("utf-8", "replace")
        if not hmac.compare_digest(sign(secret, timestamp, body).encode(), given):
            raise Unauthenticated("a valid signature is required", code="bad_signature")
