"""Parsing for the moderation routes (docs/moderation.md, "Integration"): the image body of
`POST /moderation/images/check`, larger than the other JSON bodies."""

from __future__ import annotations

import base64
import binascii
import json

from chalice import Chalice

from chalicelib.domain.errors import BadInput, PayloadTooLarge

# Lambda takes at most 6 MB in a synchronous request: 4 MB of image once in base64, plus JSON.
MAX_IMAGE_BYTES = 4 * 1024 * 1024
MAX_IMAGE_BODY_BYTES = MAX_IMAGE_BYTES * 4 // 3 + 4096


def image_upload(app: Chalice) -> tuple[bytes, str]:
    """`{"content_type": "image/jpeg" | "image/png", "image": "<base64>"}` as bytes and type."""
    raw = app.current_request.raw_body or b""
    if len(raw) > MAX_IMAGE_BODY_BYTES:
        raise PayloadTooLarge("images are limited to 4 MB", code="image_too_large")
    try:
        body = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError) as e:
        raise BadInput("the body is not valid JSON", code="invalid_json") from e
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
