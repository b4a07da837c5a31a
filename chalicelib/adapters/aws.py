"""Lazily built boto3 clients, shared by the adapters of one composition root."""

from __future__ import annotations

import threading
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.exceptions import PynamoDBException

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
        """The client of a service (at an explicit endpoint when given), created when first
        called: building an adapter costs nothing until a request really uses AWS (loading a
        service model is ~50 ms of a cold start)."""
        return LazyClient(self, service, endpoint_url)

    def created(self, service: str, endpoint_url: str = "") -> Any:
        """The cached boto3 client, created now if needed."""
        key = (service, endpoint_url)
        with self._lock:
            if key not in self._clients:
                kwargs: dict[str, Any] = {"config": _CONFIG}
                if endpoint_url:
                    kwargs["endpoint_url"] = endpoint_url
                self._clients[key] = self._session.client(service, **kwargs)
            return self._clients[key]


class LazyClient:
    """Stands for a boto3 client and creates it on first attribute access."""

    def __init__(self, clients: AwsClients, service: str, endpoint_url: str) -> None:
        self._clients = clients
        self._service = service
        self._endpoint_url = endpoint_url

    def __getattr__(self, name: str) -> Any:
        return getattr(self._clients.created(self._service, self._endpoint_url), name)


def is_aws_failure(error: Exception) -> bool:
    """Whether an exception no adapter translated is AWS refusing or failing (temporary)."""
    return isinstance(error, (ClientError, BotoCoreError, PynamoDBException))
