"""The image port's fake decides like the real service would, from the same labels."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import BadInput
from chalicelib.domain.moderation import ImageLabel, ImageVerdict, InMemoryImageModerator
from chalicelib.domain.moderation.images import SUGGESTIVE_MARKER, UNSAFE_MARKER

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_an_ordinary_image_is_allowed():
    assert InMemoryImageModerator().check(PNG, "image/png").verdict == "allow"


def test_an_image_with_the_unsafe_marker_is_blocked():
    verdict = InMemoryImageModerator().check(PNG + UNSAFE_MARKER, "image/jpeg")
    assert verdict.verdict == "block"
    assert verdict.to_json()["labels"][0]["name"] == "Explicit Nudity"


def test_an_image_with_the_suggestive_marker_is_reviewed():
    assert InMemoryImageModerator().check(SUGGESTIVE_MARKER, "image/png").verdict == "review"


def test_a_flagged_image_is_recognised_by_its_bytes():
    fake = InMemoryImageModerator()
    fake.flag(PNG, ImageLabel("Graphic Violence", "Violence", 91.0))
    assert fake.check(PNG, "image/png").verdict == "block"
    assert fake.check(PNG + b"x", "image/png").verdict == "allow"


def test_labels_below_the_threshold_do_not_count():
    fake = InMemoryImageModerator(min_confidence=99.5)
    assert fake.check(UNSAFE_MARKER, "image/png").verdict == "allow"


def test_unknown_categories_go_to_review():
    labels = [ImageLabel("Something New", "", 90.0)]
    assert ImageVerdict.from_labels(labels, min_confidence=50).verdict == "review"


def test_unsupported_image_types_are_refused():
    with pytest.raises(BadInput) as raised:
        InMemoryImageModerator().check(b"GIF89a", "image/gif")
    assert raised.value.code == "unsupported_image_type"
