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

# What chalice.local raises, by its `x-amzn-ErrorType` header and status, as the gateway
# response type AWS would use. The status alone cannot tell them apart: chalice.local answers 403
# both for a path the API does not have (UnauthorizedException, "Missing Authentication Token")
# and for an authorizer's deny (AccessDeniedException), and says UnauthorizedException for a
# missing `Authorization` header too (401).
_KINDS = {
    ("UnauthorizedException", 401): "UNAUTHORIZED",
    ("UnauthorizedException", 403): "MISSING_AUTHENTICATION_TOKEN",
    ("AccessDeniedException", 403): "ACCESS_DENIED",
}
_installed = threading.Lock()
_done = False


def reshape(status: int, body: bytes | None, error_type: str | None) -> tuple[int, bytes]:
    """The status and body API Gateway answers, with protect_apis's gateway responses."""
    kind = _KINDS.get((error_type, status), "DEFAULT_4XX" if status < 500 else "DEFAULT_5XX")
    declared, code = GATEWAY_ERRORS[kind]
    try:
        found = json.loads(body or b"{}")
        # chalice.local spells it "Message" in an authorizer's deny.
        message = found.get("message", found.get("Message", ""))
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
                e.CODE, e.body = reshape(  # type: ignore[misc]
                    e.CODE, e.body, e.headers.get("x-amzn-ErrorType"))
                e.headers = {**e.headers, "Content-Type": "application/json"}
                raise

        local.LocalGateway.handle_request = shaped  # type: ignore[method-assign]
        _done = True
