"""Image moderation port (profile and claim photos) and a deterministic in-memory fake.

The Rekognition adapter lives with the other adapters; it turns `DetectModerationLabels`
labels into `ImageLabel`s and calls `ImageVerdict.from_labels` with the threshold from
settings, so that the fake and the real service decide the same way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from chalicelib.domain.errors import BadInput
from chalicelib.domain.moderation.verdict import BLOCK, REVIEW, strongest

SUPPORTED_IMAGE_TYPES = frozenset({"image/jpeg", "image/png"})
# Top-level moderation categories (Rekognition's taxonomy) that block an image. Every other
# category (Suggestive, Non-Explicit Nudity of Intimate parts and Kissing, Swimwear or
# Underwear, Rude Gestures, Drugs, Drugs & Tobacco, Tobacco, Alcohol, Gambling, and any
# category Rekognition adds) sends it to review.
BLOCKED_CATEGORIES = frozenset(
    {"Explicit Nudity", "Explicit", "Violence", "Graphic Violence", "Visually Disturbing",
     "Hate Symbols"}
)


@dataclass(frozen=True, slots=True)
class ImageLabel:
    """One moderation label: its name, its top-level category and the confidence (0-100)."""

    name: str
    parent: str
    confidence: float

    @property
    def category(self) -> str:
        """The top-level category (the label itself when it has no parent)."""
        return self.parent or self.name


@dataclass(frozen=True, slots=True)
class ImageVerdict:
    """allow / review / block for one image, with the labels that decided it."""

    verdict: str
    labels: tuple[ImageLabel, ...] = ()

    @classmethod
    def from_labels(cls, labels: Iterable[ImageLabel], *, min_confidence: float) -> ImageVerdict:
        """Labels at or above `min_confidence` decide; unknown categories go to review."""
        kept = tuple(label for label in labels if label.confidence >= min_confidence)
        actions = [
            BLOCK if label.category in BLOCKED_CATEGORIES else REVIEW
            for label in kept
        ]
        return cls(strongest(actions), kept)

    def to_json(self) -> dict[str, object]:
        """`{"verdict", "labels": [{"name", "parent", "confidence"}]}`."""
        return {
            "verdict": self.verdict,
            "labels": [
                {"name": label.name, "parent": label.parent, "confidence": label.confidence}
                for label in self.labels
            ],
        }


def require_supported(content_type: str) -> None:
    """Refuse image types the moderation service cannot read (JPEG and PNG only)."""
    if content_type not in SUPPORTED_IMAGE_TYPES:
        raise BadInput("images must be JPEG or PNG", code="unsupported_image_type")


class ImageModerator(Protocol):
    """Checks one image before it is stored (profile photos, claim evidence)."""

    def check(self, image_bytes: bytes, content_type: str) -> ImageVerdict:
        """The verdict for the image; raises BadInput for an unsupported type."""
        ...


UNSAFE_MARKER = b"ENTRAIDE-TEST-UNSAFE"
SUGGESTIVE_MARKER = b"ENTRAIDE-TEST-SUGGESTIVE"


class InMemoryImageModerator:
    """A deterministic fake: images carrying a marker, or registered by hash, are flagged.

    Bytes containing `UNSAFE_MARKER` get an "Explicit Nudity" label, `SUGGESTIVE_MARKER` a
    "Suggestive" one; `flag(image_bytes, label)` registers any other image by its SHA-256.
    """

    def __init__(self, min_confidence: float = 80.0) -> None:
        self.min_confidence = min_confidence
        self._flagged: dict[str, ImageLabel] = {}
        self.checked: list[str] = []

    def flag(self, image_bytes: bytes, label: ImageLabel) -> None:
        """Make this exact image return `label` from now on."""
        self._flagged[hashlib.sha256(image_bytes).hexdigest()] = label

    def check(self, image_bytes: bytes, content_type: str) -> ImageVerdict:
        """The verdict the real service would give for the same labels."""
        require_supported(content_type)
        digest = hashlib.sha256(image_bytes).hexdigest()
        self.checked.append(digest)
        labels = []
        if digest in self._flagged:
            labels.append(self._flagged[digest])
        if UNSAFE_MARKER in image_bytes:
            labels.append(ImageLabel("Explicit Nudity", "", 99.0))
        if SUGGESTIVE_MARKER in image_bytes:
            labels.append(ImageLabel("Suggestive", "", 95.0))
        return ImageVerdict.from_labels(labels, min_confidence=self.min_confidence)

