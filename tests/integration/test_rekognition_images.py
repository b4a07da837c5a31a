"""The Rekognition image moderation adapter, against botocore's Stubber (moto does not model
DetectModerationLabels), and the settings switch between it and the local fake."""

from __future__ import annotations

import boto3
import pytest
from botocore.stub import Stubber

from chalicelib.adapters.rekognition.image_moderator import (
    RekognitionImageModerator,
    top_level_labels,
)
from chalicelib.composition.moderation import image_moderator
from chalicelib.composition.root import Services
from chalicelib.domain.errors import BadInput, PayloadTooLarge, Unavailable
from chalicelib.domain.moderation import InMemoryImageModerator
from chalicelib.settings import Settings

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def label(name, parent="", confidence=95.0, level=1):
    return {"Name": name, "ParentName": parent, "Confidence": confidence, "TaxonomyLevel": level}


@pytest.fixture
def rekognition():
    client = boto3.client("rekognition", region_name="eu-west-1")
    with Stubber(client) as stub:
        yield client, stub
        stub.assert_no_pending_responses()


def expect(stub, labels, threshold=80.0):
    stub.add_response(
        "detect_moderation_labels",
        {"ModerationLabels": labels, "ModerationModelVersion": "7.0"},
        {"Image": {"Bytes": JPEG}, "MinConfidence": threshold},
    )


def test_explicit_labels_block_whatever_their_level(rekognition):
    client, stub = rekognition
    expect(
        stub,
        [
            label("Exposed Male Genitalia", "Explicit Nudity", 97.1, 3),
            label("Explicit Nudity", "Explicit", 97.1, 2),
            label("Explicit", "", 97.1, 1),
        ],
    )
    verdict = RekognitionImageModerator(client, 80.0).check(JPEG, "image/jpeg")
    assert verdict.verdict == "block"
    assert {item.category for item in verdict.labels} == {"Explicit"}


def test_suggestive_content_goes_to_review_and_nothing_found_is_allowed(rekognition):
    client, stub = rekognition
    moderator = RekognitionImageModerator(client, 80.0)
    expect(stub, [label("Swimwear or Underwear", "", 88.0)])
    expect(stub, [])
    assert moderator.check(JPEG, "image/jpeg").verdict == "review"
    assert moderator.check(JPEG, "image/jpeg").to_json() == {"verdict": "allow", "labels": []}


def test_the_threshold_from_settings_is_sent_and_applied(rekognition):
    client, stub = rekognition
    expect(stub, [label("Violence", "", 72.0)], threshold=70.0)
    assert RekognitionImageModerator(client, 70.0).check(JPEG, "image/jpeg").verdict == "block"


def test_a_parent_chain_is_followed_to_the_top_level_category():
    labels = top_level_labels(
        [label("Weapon Violence", "Violence", 90, 2), label("Violence", "", 90, 1)]
    )
    assert [(item.name, item.category) for item in labels] == [
        ("Weapon Violence", "Violence"),
        ("Violence", "Violence"),
    ]


def test_unsupported_or_oversized_images_never_reach_the_service(rekognition):
    client, _ = rekognition
    moderator = RekognitionImageModerator(client)
    with pytest.raises(BadInput) as refused:
        moderator.check(b"GIF89a", "image/gif")
    assert refused.value.code == "unsupported_image_type"
    with pytest.raises(PayloadTooLarge):
        moderator.check(b"\x00" * (5 * 1024 * 1024 + 1), "image/png")


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("InvalidImageFormatException", BadInput),
        ("ImageTooLargeException", PayloadTooLarge),
        ("ThrottlingException", Unavailable),
        ("ProvisionedThroughputExceededException", Unavailable),
    ],
)
def test_service_errors_become_domain_errors(rekognition, code, error):
    client, stub = rekognition
    stub.add_client_error("detect_moderation_labels", service_error_code=code)
    with pytest.raises(error):
        RekognitionImageModerator(client).check(JPEG, "image/jpeg")


def test_the_settings_choose_the_fake_locally_and_rekognition_elsewhere():
    local = image_moderator(
        Services(Settings(stage="local", image_moderation_min_confidence=60.0)))
    assert isinstance(local, InMemoryImageModerator) and local.min_confidence == 60.0
    prod = image_moderator(Services(Settings(stage="prod")))
    assert isinstance(prod, RekognitionImageModerator)
    assert prod._client.meta.region_name == "eu-west-1"
    forced = image_moderator(Services(Settings(stage="prod", image_moderation="fake")))
    assert isinstance(forced, InMemoryImageModerator)
    with pytest.raises(ValueError, match="IMAGE_MODERATION"):
        image_moderator(Services(Settings(image_moderation="sometimes")))
