"""JWT bearer tokens: HS256 with a shared secret, or RS256 verified against a JWKS URL."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from chalicelib.domain.errors import Unauthenticated
from chalicelib.domain.identity import Principal

ISSUER = "entraide"


def _jwt() -> Any:
    # PyJWT (and the cryptography it loads) is imported by the first token operation only:
    # most functions (queues, schedules, WebSocket frames) never verify a token.
    import jwt

    return jwt


class JwtTokenCodec:
    """Issues HS256 tokens (local/dev) and verifies HS256 or RS256 (JWKS) tokens."""

    def __init__(self, secret: Callable[[], str], audience: str, jwks_url: str = "",
                 issuer: str = ISSUER) -> None:
        # The key is fetched on first use (Secrets Manager in AWS), never at construction.
        self._secret_source = secret
        self._secret_value: str | None = None
        self._lock = threading.Lock()
        self._audience = audience
        self._issuer = issuer
        self._jwks_url = jwks_url
        self._jwks_client: Any = None

    @property
    def _secret(self) -> str:
        with self._lock:
            if self._secret_value is None:
                self._secret_value = self._secret_source()
            if not self._secret_value:
                raise ValueError("no HS256 key: set JWT_SECRET or JWT_SECRET_ARN")
            return self._secret_value

    def issue(self, principal: Principal, ttl_seconds: int) -> str:
        """Sign a token for the principal (HS256)."""
        now = int(time.time())
        claims = {
            **principal.to_claims(),
            "aud": self._audience,
            "iss": self._issuer,
            "iat": now,
            "exp": now + ttl_seconds,
            "jti": uuid.uuid4().hex,
        }
        return _jwt().encode(claims, self._secret, algorithm="HS256")

    def verify(self, token: str) -> Principal:
        """Verify signature, expiry and audience; raise Unauthenticated otherwise."""
        jwt = _jwt()
        try:
            if self._jwks_url:
                with self._lock:
                    if self._jwks_client is None:
                        self._jwks_client = jwt.PyJWKClient(self._jwks_url, cache_keys=True)
                key = self._jwks_client.get_signing_key_from_jwt(token).key
                claims = jwt.decode(
                    token,
                    key,
                    algorithms=["RS256"],
                    audience=self._audience,
                    issuer=self._issuer,
                    options={"require": ["exp", "sub", "aud", "iss"]},
                )
            else:
                claims = jwt.decode(
                    token,
                    self._secret,
                    algorithms=["HS256"],
                    audience=self._audience,
                    issuer=self._issuer,
                    options={"require": ["exp", "sub", "aud", "iss"]},
                )
        except jwt.ExpiredSignatureError as e:
            raise Unauthenticated("token expired", code="token_expired") from e
        except jwt.PyJWTError as e:
            raise Unauthenticated("invalid token", code="invalid_token") from e
        try:
            return Principal.from_claims(claims)
        except ValueError as e:  # an unknown tier: refused like any other bad claim
            raise Unauthenticated("invalid token", code="invalid_token") from e
