"""Lazily built boto3 clients, shared by the adapters of one composition root."""

from __future__ import annotations

import threading
from typing import Any

import boto3
from botocore.config import Config

# Retries with backoff on throttling; short timeouts so a stuck call cannot eat a Lambda.
_CONFIG = Config(
    retries={"max_attempts": 4, "mode": "standard"},
    connect_timeout=3,
    read_timeout=10,
    max_pool_connections=50,
)


class AwsClients:
    """Creates each client on first use (never at import), one per service and endpoint."""

    def __init__(self, region: str) -> None:
        self._region = region
        self._session = boto3.session.Session(region_name=region)
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def client(self, service: str, endpoint_url: str = "") -> Any:
        """The cached client of a service (at an explicit endpoint when given)."""
        key = (service, endpoint_url)
        with self._lock:
            if key not in self._clients:
                kwargs: dict[str, Any] = {"config": _CONFIG}
                if endpoint_url:
                    kwargs["endpoint_url"] = endpoint_url
                self._clients[key] = self._session.client(service, **kwargs)
            return self._clients[key]
