"""Amazon Rekognition `DetectModerationLabels` behind the image moderation port."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.adapters.aws import AwsClients
from chalicelib.domain.errors import BadInput, PayloadTooLarge, Unavailable
from chalicelib.domain.moderation.images import ImageLabel, ImageVerdict, require_supported

# Rekognition reads at most 5 MB of image bytes sent inline.
MAX_IMAGE_BYTES = 5 * 1024 * 1024


def top_level_labels(found: Iterable[Mapping[str, Any]]) -> list[ImageLabel]:
    """Rekognition's labels with their top-level category.

    `ParentName` is only the level above (taxonomy levels 1 to 3); the ancestors come in the
    same answer, so each label's chain is followed up to the one without a parent.
    """
    labels = list(found)
    parents = {label.get("Name", ""): label.get("ParentName", "") for label in labels}
    result = []
    for label in labels:
        name, parent = label.get("Name", ""), label.get("ParentName", "")
        seen = {name}
        while parents.get(parent) and parent not in seen:
            seen.add(parent)
            parent = parents[parent]
        result.append(ImageLabel(name, parent, float(label.get("Confidence", 0.0))))
    return result


class RekognitionImageModerator:
    """The image moderation port on Rekognition; the threshold decides as the fake does."""

    def __init__(self, client: Any, min_confidence: float = 80.0) -> None:
        self._client = client
        self.min_confidence = min_confidence

    @classmethod
    def from_settings(cls, settings: Any) -> RekognitionImageModerator:
        """A client in `REKOGNITION_REGION` (the service is not offered in every region)."""
        client = AwsClients(settings.rekognition_region).client("rekognition")
        return cls(client, settings.image_moderation_min_confidence)

    def check(self, image_bytes: bytes, content_type: str) -> ImageVerdict:
        """One `DetectModerationLabels` call on the bytes; labels below the threshold ignored."""
        require_supported(content_type)
        if not image_bytes:
            raise BadInput("the image is empty", code="empty_image")
        if len(image_bytes) > MAX_IMAGE_BYTES:
            raise PayloadTooLarge("images are limited to 5 MB", code="image_too_large")
        try:
            answer = self._client.detect_moderation_labels(
                Image={"Bytes": image_bytes}, MinConfidence=self.min_confidence
            )
        except ClientError as e:
            code = e.response.get("Error", {}).get("Code", "")
            if code == "InvalidImageFormatException":
                raise BadInput("the image cannot be read", code="unsupported_image_type") from e
            if code == "ImageTooLargeException":
                raise PayloadTooLarge("the image is too large", code="image_too_large") from e
            if code == "InvalidParameterException":
                raise BadInput("the image was refused", code="invalid_image") from e
            raise Unavailable("image moderation is unavailable; retry") from e
        except BotoCoreError as e:
            raise Unavailable("image moderation is unavailable; retry") from e
        labels = top_level_labels(answer.get("ModerationLabels", []))
        return ImageVerdict.from_labels(labels, min_confidence=self.min_confidence)
