"""Builders of what the marketplace and this backend exchange outside the claims workflow: the
check of its signed pushes (one key for the bookings and the members feeds), the members feed,
and the publisher of outbound events on the marketplace topic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.adapters.dynamodb.member_mirror import DynamoMemberFeedStore
from chalicelib.adapters.secretsmanager.secret import SecretsManagerSecret
from chalicelib.adapters.sns.event_publisher import SnsEventPublisher
from chalicelib.domain.member_ingest import MemberIngest
from chalicelib.domain.signed_push import SignedPushVerifier

if TYPE_CHECKING:
    from chalicelib.composition.root import Services


def push_verifier(root: Services) -> SignedPushVerifier:
    """`BOOKINGS_INGEST_SECRET`, or the secret `BOOKINGS_INGEST_SECRET_ARN` read once per
    container, on the first push."""
    s = root.settings
    key = SecretsManagerSecret(root.aws.client("secretsmanager"), s.bookings_ingest_secret_arn,
                               s.bookings_ingest_secret)
    return SignedPushVerifier(secret=key, clock=root.clock,
                              max_skew_seconds=s.bookings_ingest_max_skew_seconds)


def members_ingest(root: Services) -> MemberIngest:
    return MemberIngest(push=root.marketplace_push, store=DynamoMemberFeedStore())


def events(root: Services) -> SnsEventPublisher:
    return SnsEventPublisher(root.aws.client("sns"), root.settings.topic_marketplace_arn)
