"""PynamoDB model of the members mirror: the marketplace's member, and what this backend adds
to it."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.models import Model

from chalicelib.adapters.dynamodb.models.attributes import EpochTTL, Retained


class ReputationAttribute(MapAttribute):
    """The member's marketplace reviews (pushed by the marketplace)."""

    rating = NumberAttribute()
    reviews = NumberAttribute()
    positive_share = NumberAttribute()


class MemberRecord(Retained, Model):
    """The marketplace's member as mirrored here.

    Two owners share the item. The marketplace's members feed writes `display_name`, `lang`,
    `phone`, `sms_consent`, `marketing_opt_in`, `reputation`, `standing` and
    `marketplace_version`, and nothing else (one conditional UpdateItem). This backend owns
    `roles` (it grants `helper`), `tier` and `profile` (the programme under `profile.helper`,
    moderation sanctions under `profile.moderation`).
    """

    class Meta:
        table_name = "members"
        setting = "table_members"
        resource = "MembersTable"
        retention = "members_retention_days"
        retention_refresh = True

    member_id = UnicodeAttribute(hash_key=True)
    display_name = UnicodeAttribute(default="")
    lang = UnicodeAttribute(default="fr")
    phone = UnicodeAttribute(null=True)
    roles = ListAttribute(of=UnicodeAttribute, default=list)
    tier = UnicodeAttribute(null=True)
    profile = JSONAttribute(null=True)
    sms_consent = BooleanAttribute(null=True)
    marketing_opt_in = BooleanAttribute(null=True)
    reputation = ReputationAttribute(null=True)
    standing = UnicodeAttribute(null=True)
    marketplace_version = NumberAttribute(null=True)
    expires_at = EpochTTL()
