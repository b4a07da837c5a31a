"""Builders of moderation: the text filters, image moderation, the review queue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.adapters.dynamodb.moderation_store import (
    DynamoModerationStore,
    DynamoSanctionsLedger,
)
from chalicelib.domain.moderation import InMemoryImageModerator
from chalicelib.domain.moderation.images import ImageModerator
from chalicelib.domain.moderation.review import ModerationService
from chalicelib.policies.sanctions import HelperStrikes, MemberSanctions
from chalicelib.policies.text_moderation import FilterModerator

if TYPE_CHECKING:
    from chalicelib.composition.root import Services


def moderator(root: Services) -> FilterModerator:
    s = root.settings
    return FilterModerator(thresholds=(s.moderation_review_threshold,
                                       s.moderation_block_threshold,
                                       s.moderation_veto_threshold,
                                       s.moderation_strong_threshold))


def image_moderator(root: Services) -> ImageModerator:
    s = root.settings
    if s.image_moderation_backend == "fake":
        return InMemoryImageModerator(s.image_moderation_min_confidence)
    if s.image_moderation_backend != "rekognition":
        raise ValueError("IMAGE_MODERATION must be rekognition, fake or auto")
    from chalicelib.adapters.rekognition.image_moderator import RekognitionImageModerator

    return RekognitionImageModerator.from_settings(s)


def moderation(root: Services) -> ModerationService:
    return ModerationService(
        filters=lambda: root.moderator.filters,
        store=DynamoModerationStore(root.chat.store),
        sanctions=MemberSanctions(root.members, DynamoSanctionsLedger(), root.sessions,
                                  lambda: root.programme),
        images=root.image_moderator,
        clock=root.clock,
        push=lambda ids, payload: root.sessions.push_to_members(ids, payload),
        listeners=[HelperStrikes(lambda: root.quality_signals, lambda: root.programme)],
    )
