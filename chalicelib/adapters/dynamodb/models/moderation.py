"""PynamoDB model of moderation: the review queue."""

from __future__ import annotations

from pynamodb.attributes import (
    JSONAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.adapters.dynamodb.models.attributes import EpochTTL


class ModerationOpenIndex(GlobalSecondaryIndex):
    """Sparse index of moderation items awaiting a decision, oldest first."""

    class Meta:
        index_name = "open-index"
        projection = AllProjection()

    queue = UnicodeAttribute(hash_key=True)
    created_at = NumberAttribute(range_key=True)


class ModerationAuthorIndex(GlobalSecondaryIndex):
    """A member's moderation items (the erasure of their data), keys only."""

    class Meta:
        index_name = "author-index"
        projection = KeysOnlyProjection()

    author_id = UnicodeAttribute(hash_key=True)
    created_at = NumberAttribute(range_key=True)


class ModerationItemRecord(Model):
    """A message moderation sent to review: masked text and reasons (never the clear text),
    then the staff's decision. Only open items carry `queue`, so only they are indexed."""

    class Meta:
        table_name = "moderation"
        setting = "table_moderation"
        resource = "ModerationTable"

    item_id = UnicodeAttribute(hash_key=True)
    conversation_id = UnicodeAttribute()
    seq = NumberAttribute()
    author_id = UnicodeAttribute()
    author_role = UnicodeAttribute()
    verdict = UnicodeAttribute()
    reasons = JSONAttribute(null=True)
    text = UnicodeAttribute(null=True)
    lang = UnicodeAttribute(null=True)
    created_at = NumberAttribute()
    status = UnicodeAttribute(default="open")
    queue = UnicodeAttribute(null=True)
    decision = UnicodeAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    decided_at = NumberAttribute(null=True)
    note = UnicodeAttribute(null=True)
    expires_at = EpochTTL()
    by_open = ModerationOpenIndex()
    by_author = ModerationAuthorIndex()
