"""PynamoDB model of the Helper programme: records, points and scores, grants and quality
signals, all in one table."""

from __future__ import annotations

from pynamodb.attributes import (
    JSONAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, IncludeProjection
from pynamodb.models import Model

from chalicelib.adapters.dynamodb.models.attributes import EpochTTL


class LeaderboardIndex(GlobalSecondaryIndex):
    """Sparse: only score items carry `lb_period`; the top of a period is one descending Query."""

    class Meta:
        index_name = "leaderboard"
        projection = IncludeProjection(["member_id", "reached_at"])

    lb_period = UnicodeAttribute(hash_key=True)
    points = NumberAttribute(range_key=True)


class HelperQueueIndex(GlobalSecondaryIndex):
    """Sparse: programme records by status (and flag), oldest application first (staff lists)."""

    class Meta:
        index_name = "queue-index"
        projection = AllProjection()

    queue_pk = UnicodeAttribute(hash_key=True)
    queue_sk = NumberAttribute(range_key=True)


class ProgrammeRecord(Model):
    """One table for the programme: per Helper (pk `HELPER#<id>`) the record (sk `RECORD`),
    points awards (`AWARD#`), period scores (`SCORE#`), reward grants (`GRANT#`) and quality
    signals (`SIGNAL#`). See docs/programme.md."""

    class Meta:
        table_name = "programme"
        setting = "table_programme"
        resource = "ProgrammeTable"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    member_id = UnicodeAttribute(null=True)
    # Programme record.
    status = UnicodeAttribute(null=True)
    applied_at = NumberAttribute(null=True)
    languages = ListAttribute(of=UnicodeAttribute, null=True)
    topics = ListAttribute(of=UnicodeAttribute, null=True)
    history = JSONAttribute(null=True)
    helper_since = NumberAttribute(null=True)
    flagged_at = NumberAttribute(null=True)
    flag_reasons = ListAttribute(of=UnicodeAttribute, null=True)
    reviewed_at = NumberAttribute(null=True)
    version = NumberAttribute(null=True)
    queue_pk = UnicodeAttribute(null=True)
    queue_sk = NumberAttribute(null=True)
    # Awards, scores, grants and signals.
    reason = UnicodeAttribute(null=True)
    points = NumberAttribute(null=True)
    at = NumberAttribute(null=True)
    lb_period = UnicodeAttribute(null=True)
    reached_at = NumberAttribute(null=True)
    reward_id = UnicodeAttribute(null=True)
    granted_by = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    kind = UnicodeAttribute(null=True)
    score = NumberAttribute(null=True)
    ref = UnicodeAttribute(null=True)
    expires_at = EpochTTL()
    leaderboard = LeaderboardIndex()
    by_queue = HelperQueueIndex()
