"""Domain errors: each carries a machine code and the HTTP status it maps to at the edges."""

from __future__ import annotations

import math
from typing import Any


class DomainError(Exception):
    """Base of every error the services raise on purpose."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details

    def to_json(self) -> dict[str, Any]:
        """The wire form shared by REST bodies and WebSocket `error` frames."""
        return {"code": self.code, "message": self.message, **self.details}


class BadInput(DomainError):
    """The request is malformed or a field is missing or of the wrong type."""

    status = 400
    code = "bad_input"


class Unauthenticated(DomainError):
    """No valid identity: missing, expired or forged token or ticket."""

    status = 401
    code = "unauthenticated"


class Forbidden(DomainError):
    """The caller is known but not allowed to do this."""

    status = 403
    code = "forbidden"


class NotFound(DomainError):
    """The thing does not exist, or the caller may not know it exists."""

    status = 404
    code = "not_found"


class Conflict(DomainError):
    """The request conflicts with the current state (already taken, already rated...)."""

    status = 409
    code = "conflict"


class RuleRefused(DomainError):
    """The request is well formed but a business rule refuses it."""

    status = 422
    code = "rule_refused"


class RateLimited(DomainError):
    """Too many requests from this caller in the current window; `retry_after` says in how
    many whole seconds (at least 1) the same request may be accepted, and goes on the wire."""

    status = 429
    code = "rate_limited"

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        code: str | None = None,
        **details: Any,
    ) -> None:
        self.retry_after = None if retry_after is None else max(1, math.ceil(retry_after))
        if self.retry_after is not None:
            details["retry_after"] = self.retry_after
        super().__init__(message, code=code, **details)


class PayloadTooLarge(DomainError):
    """A frame or body above the accepted size."""

    status = 413
    code = "too_large"


class Unavailable(DomainError):
    """A dependency failed; the caller may retry."""

    status = 503
    code = "unavailable"
