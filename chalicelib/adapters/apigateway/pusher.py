"""Posts frames to API Gateway WebSocket connections through the @connections API."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.domain.errors import Unavailable


class ApiGatewayPusher:
    """One `post_to_connection` per frame; GoneException means the connection is dead."""

    def __init__(self, client_for: Callable[[str], Any], default_endpoint: str = "") -> None:
        # client_for(endpoint) returns an apigatewaymanagementapi client for that endpoint.
        self._client_for = client_for
        self._default_endpoint = default_endpoint

    def push(self, connection_id: str, payload: Mapping[str, Any], endpoint: str = "") -> bool:
        """Send one frame; False if the connection is gone."""
        target = self._default_endpoint or endpoint
        if not target:
            raise Unavailable("no WebSocket management endpoint is configured")
        data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
        try:
            self._client_for(target).post_to_connection(ConnectionId=connection_id, Data=data)
        except ClientError as e:
            code = e.response.get("Error", {}).get("Code", "")
            status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if code == "GoneException" or status == 410:
                return False
            raise Unavailable("could not post to the connection") from e
        return True
