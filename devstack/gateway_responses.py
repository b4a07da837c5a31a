"""API Gateway's own answers in the local stack, shaped as `make deploy` configures them in AWS.

In AWS a request refused before any function runs (no `Authorization` header on a protected
route, a path the API does not have) is answered by API Gateway itself, with the gateway
response `infra.deploy.protect_apis` puts on the API: `{"code", "message"}` and, for an unknown
path, 404 instead of 403. Chalice's local gateway (the dev REST server and the test client)
answers those with its own `{"message": ...}`; `install()` reshapes them the same way, so that
a client, a test or the web pages see locally what they will see deployed.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from infra.deploy import GATEWAY_ERRORS

# What chalice.local raises, by status, as the gateway response type AWS would use.
_KINDS = {401: "UNAUTHORIZED", 403: "MISSING_AUTHENTICATION_TOKEN"}
_installed = threading.Lock()
_done = False


def reshape(status: int, body: bytes | None) -> tuple[int, bytes]:
    """The status and body API Gateway answers, with protect_apis's gateway responses."""
    kind = _KINDS.get(status, "DEFAULT_4XX" if status < 500 else "DEFAULT_5XX")
    declared, code = GATEWAY_ERRORS[kind]
    try:
        message = json.loads(body or b"{}").get("message", "")
    except ValueError:
        message = (body or b"").decode(errors="replace")
    answer = {"code": code, "message": message}
    return (int(declared) if declared else status), json.dumps(answer).encode()


def install() -> None:
    """Reshape chalice.local's gateway errors in this process (once)."""
    global _done
    with _installed:
        if _done:
            return
        from chalice import local

        handle_request = local.LocalGateway.handle_request

        def shaped(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return handle_request(self, *args, **kwargs)
            except local.LocalGatewayException as e:
                e.CODE, e.body = reshape(e.CODE, e.body)  # type: ignore[misc]
                e.headers = {**e.headers, "Content-Type": "application/json"}
                raise

        local.LocalGateway.handle_request = shaped  # type: ignore[method-assign]
        _done = True
