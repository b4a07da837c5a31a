"""Keys read from Secrets Manager once per container, on first use."""

from __future__ import annotations

import threading
from typing import Any


class SecretsManagerSecret:
    """A secret's string: `value` when the environment gives it (local stack, tests), else the
    secret `arn` read once, on first use (never at construction: cold starts stay light)."""

    def __init__(self, client: Any, arn: str, value: str = "") -> None:
        self._client = client
        self._arn = arn
        self._value = value
        self._lock = threading.Lock()

    def __call__(self) -> str:
        with self._lock:
            if not self._value and self._arn:
                reply = self._client.get_secret_value(SecretId=self._arn)
                self._value = reply["SecretString"]
            return self._value
