"""devstack/gateway_responses.py: chalice.local's own refusals, shaped as API Gateway answers
them with the gateway responses `infra.deploy.protect_apis` declares."""

from __future__ import annotations

import json

import pytest

from devstack.gateway_responses import reshape


@pytest.mark.parametrize(("status", "error_type", "body", "expected"), [
    # A path the API does not have: 403 from chalice.local, 404 from API Gateway.
    (403, "UnauthorizedException", b'{"message": "Missing Authentication Token"}',
     (404, {"code": "not_found", "message": "Missing Authentication Token"})),
    # No Authorization header on a protected route.
    (401, "UnauthorizedException", b'{"message":"Unauthorized"}',
     (401, {"code": "unauthenticated", "message": "Unauthorized"})),
    # An authorizer's deny: also 403 locally, but not a missing path.
    (403, "AccessDeniedException",
     b'{"Message": "User is not authorized to access this resource"}',
     (403, {"code": "forbidden", "message": "User is not authorized to access this resource"})),
    # An authorizer that answered nothing.
    (500, "AuthorizerConfigurationException", b'{"message":null}',
     (500, {"code": "unavailable", "message": None})),
])
def test_the_gateway_response_follows_the_error_type_not_the_status(
        status, error_type, body, expected):
    answered, shaped = reshape(status, body, error_type)
    assert (answered, json.loads(shaped)) == expected
