"""Builds what the marketplace and this backend exchange outside the claims workflow: the
verifier of its signed pushes (one key for the bookings and the members feeds), the members
feed, and the publisher of outbound events on the marketplace topic (see `Services`)."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.member_mirror import DynamoMemberFeed
from chalicelib.adapters.sns_events import SnsEventPublisher
from chalicelib.claims_wiring import UtcClock
from chalicelib.domain.member_ingest import MemberIngest
from chalicelib.domain.signed_push import SignedPushVerifier


def build_push_verifier(root: Any) -> SignedPushVerifier:
    """The HMAC check shared by every signed feed: `BOOKINGS_INGEST_SECRET`, or the Secrets
    Manager secret `BOOKINGS_INGEST_SECRET_ARN` read once per container, on the first push."""
    s = root.settings
    cached: list[str] = []

    def secret() -> str:
        if not cached:
            if s.bookings_ingest_secret or not s.bookings_ingest_secret_arn:
                cached.append(s.bookings_ingest_secret)
            else:
                client = root.aws.client("secretsmanager")
                reply = client.get_secret_value(SecretId=s.bookings_ingest_secret_arn)
                cached.append(reply["SecretString"])
        return cached[0]

    return SignedPushVerifier(
        secret=secret, clock=UtcClock(), max_skew_seconds=s.bookings_ingest_max_skew_seconds
    )


def build_member_ingest(root: Any) -> MemberIngest:
    """The signed members feed."""
    return MemberIngest(push=root.marketplace_push, store=DynamoMemberFeed())


def build_marketplace_events(root: Any) -> SnsEventPublisher:
    """Outbound events published by the functions on the marketplace topic."""
    return SnsEventPublisher(root.aws.client("sns"), root.settings.topic_marketplace_arn)
