"""Moderation routes (docs/moderation.md, "Integration"): staff dry runs, the review queue and
its decisions. The dry runs store nothing."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from chalicelib.api.edge import STAFF, ContextBlueprint
from chalicelib.api.parsing import query_integer
from chalicelib.domain import wire_json
from chalicelib.domain.errors import BadInput, PayloadTooLarge
from chalicelib.domain.identity import Principal
from chalicelib.runtime import services

moderation = ContextBlueprint(__name__)

# Lambda takes at most 6 MB in a synchronous request: 4 MB of image once in base64, plus JSON.
MAX_IMAGE_BYTES = 4 * 1024 * 1024
MAX_IMAGE_BODY_BYTES = MAX_IMAGE_BYTES * 4 // 3 + 4096


def image_upload(raw: bytes | None) -> tuple[bytes, str]:
    """`{"content_type": "image/jpeg" | "image/png", "image": "<base64>"}` as bytes and type."""
    raw = raw or b""
    if len(raw) > MAX_IMAGE_BODY_BYTES:
        raise PayloadTooLarge("images are limited to 4 MB", code="image_too_large")
    body = wire_json.decode(raw or b"null")
    if not isinstance(body, dict):
        raise BadInput("expected a JSON object with image and content_type")
    encoded, content_type = body.get("image"), body.get("content_type")
    if not isinstance(content_type, str):
        raise BadInput("content_type is required", field="content_type")
    if not isinstance(encoded, str) or not encoded:
        raise BadInput("image must be the image's bytes in base64", field="image")
    try:
        image = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as e:
        raise BadInput("image is not valid base64", field="image") from e
    return image, content_type


@moderation.route("/moderation/check", methods=["POST"], access=STAFF)
def moderation_check(who: Principal) -> dict[str, Any]:
    body = moderation.body()
    return services().moderation.check(who, body.get("text"), body.get("lang"))


@moderation.route("/moderation/images/check", methods=["POST"], access=STAFF)
def moderation_image_check(who: Principal) -> dict[str, Any]:
    image, content_type = image_upload(moderation.current_request.raw_body)
    return services().moderation.check_image(who, image, content_type)


@moderation.route("/moderation/queue", methods=["GET"], access=STAFF)
def moderation_queue(who: Principal) -> dict[str, Any]:
    return services().moderation.queue(who, query_integer(moderation.query, "limit", 100))


@moderation.route("/moderation/items/{item_id}/decision", methods=["POST"], access=STAFF)
def moderation_decision(who: Principal, item_id: str) -> dict[str, Any]:
    body = moderation.body()
    return services().moderation.decide(who, item_id, body.get("decision"), body.get("note"))
