"""PynamoDB models of the chat: Helpers' presence, conversations and messages, the agents'
queue, the audit log."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, IncludeProjection
from pynamodb.models import Model

from chalicelib.adapters.dynamodb.models.attributes import EpochTTL, Retained


class PoolIndex(GlobalSecondaryIndex):
    """Sparse index of available Helpers per language pool, least recently assigned first."""

    class Meta:
        index_name = "pool-index"
        projection = AllProjection()

    pool = UnicodeAttribute(hash_key=True)
    last_assigned_at = NumberAttribute(range_key=True)


class PresenceRecord(Retained, Model):
    """A Helper's or agent's routing profile (slot 'profile') and pool entries ('pool#fr')."""

    class Meta:
        table_name = "presence"
        setting = "table_presence"
        resource = "PresenceTable"
        retention = "presence_retention_days"
        retention_refresh = True

    member_id = UnicodeAttribute(hash_key=True)
    slot = UnicodeAttribute(range_key=True)
    pool = UnicodeAttribute(null=True)
    last_assigned_at = NumberAttribute(default=0)
    status = UnicodeAttribute(default="offline")
    kind = UnicodeAttribute(default="helper")
    display_name = UnicodeAttribute(default="")
    topics = ListAttribute(of=UnicodeAttribute, default=list)
    languages = ListAttribute(of=UnicodeAttribute, default=list)
    approved_topics = ListAttribute(of=UnicodeAttribute, default=list)
    approved_languages = ListAttribute(of=UnicodeAttribute, default=list)
    capacity = NumberAttribute(default=0)
    open_count = NumberAttribute(default=0)
    heartbeat_at = NumberAttribute(default=0)
    by_pool = PoolIndex()
    expires_at = EpochTTL()


class ConversationMemberIndex(GlobalSecondaryIndex):
    """A member's conversations, newest last."""

    class Meta:
        index_name = "member-index"
        projection = AllProjection()

    member_id = UnicodeAttribute(hash_key=True)
    opened_at = NumberAttribute(range_key=True)


class ConversationWaitingIndex(GlobalSecondaryIndex):
    """Sparse index of requests waiting for a Helper, per language, oldest first."""

    class Meta:
        index_name = "waiting-index"
        projection = AllProjection()

    waiting_lang = UnicodeAttribute(hash_key=True)
    opened_at = NumberAttribute(range_key=True)


class ConversationDayIndex(GlobalSecondaryIndex):
    """Conversations by the day they opened (staff listings and metrics, no Scan)."""

    class Meta:
        index_name = "day-index"
        projection = AllProjection()

    opened_day = UnicodeAttribute(hash_key=True)
    opened_at = NumberAttribute(range_key=True)


class ConversationHelperIndex(GlobalSecondaryIndex):
    """Sparse: the conversations a Helper or agent took (the erasure of a Helper's data)."""

    class Meta:
        index_name = "helper-index"
        projection = IncludeProjection(["status", "member_id"])

    helper_id = UnicodeAttribute(hash_key=True)
    opened_at = NumberAttribute(range_key=True)


class ConversationOpenIndex(GlobalSecondaryIndex):
    """Sparse: open conversations in a few shards, least recently active first (the sweep of
    conversations left behind). Sharded so that no single partition takes every message."""

    class Meta:
        index_name = "open-index"
        projection = AllProjection()

    open_shard = UnicodeAttribute(hash_key=True)
    last_activity_at = NumberAttribute(range_key=True)


class Participant(MapAttribute):
    """Someone taking part in a conversation."""

    id = UnicodeAttribute()
    role = UnicodeAttribute()


class ConversationRecord(Model):
    """A help conversation: request, routing state, participants, timings, rating."""

    class Meta:
        table_name = "conversations"
        setting = "table_conversations"
        resource = "ConversationsTable"

    conversation_id = UnicodeAttribute(hash_key=True)
    member_id = UnicodeAttribute()
    topic = UnicodeAttribute()
    lang = UnicodeAttribute()
    status = UnicodeAttribute()
    preview = UnicodeAttribute(default="")
    helper_id = UnicodeAttribute(null=True)
    helper_role = UnicodeAttribute(null=True)
    staff = ListAttribute(of=Participant, default=list)
    waiting_lang = UnicodeAttribute(null=True)
    opened_day = UnicodeAttribute()
    opened_at = NumberAttribute()
    assigned_at = NumberAttribute(null=True)
    first_response_at = NumberAttribute(null=True)
    closed_at = NumberAttribute(null=True)
    closed_by = UnicodeAttribute(null=True)
    rating = NumberAttribute(null=True)
    comment = UnicodeAttribute(null=True)
    escalated = BooleanAttribute(default=False)
    escalated_at = NumberAttribute(null=True)
    straight_to_professionals = BooleanAttribute(default=False)
    ticket_id = UnicodeAttribute(null=True)
    due_at = NumberAttribute(null=True)
    wave = NumberAttribute(default=0)
    offered = ListAttribute(of=UnicodeAttribute, default=list)
    # Conflicts of interest: the member's counterparties, never offered this request.
    counterparties = ListAttribute(of=UnicodeAttribute, null=True)
    last_seq = NumberAttribute(default=0)
    # Per sender, recent [fingerprint, at] pairs: repeated texts are caught as flooding.
    recent = JSONAttribute(null=True)
    # Set while open (removed at the close): the conversation is in the open-index.
    open_shard = UnicodeAttribute(null=True)
    last_activity_at = NumberAttribute(null=True)
    # The first Member Relations message the member has not seen (they were offline).
    member_unread_seq = NumberAttribute(null=True)
    expires_at = EpochTTL()
    by_member = ConversationMemberIndex()
    waiting = ConversationWaitingIndex()
    by_day = ConversationDayIndex()
    by_helper = ConversationHelperIndex()
    by_activity = ConversationOpenIndex()


class MessageRecord(Model):
    """A chat message as stored: masked text, verdict, per-conversation sequence number."""

    class Meta:
        table_name = "messages"
        setting = "table_messages"
        resource = "MessagesTable"

    conversation_id = UnicodeAttribute(hash_key=True)
    seq = NumberAttribute(range_key=True)
    sender_id = UnicodeAttribute()
    sender_role = UnicodeAttribute()
    text = UnicodeAttribute(null=True)  # removed when staff confirm a message held for review
    verdict = UnicodeAttribute()
    ts = NumberAttribute()
    client_msg_id = UnicodeAttribute()
    expires_at = EpochTTL()


class QueueOpenIndex(GlobalSecondaryIndex):
    """Sparse index of open professional-queue items, oldest due first."""

    class Meta:
        index_name = "open-index"
        projection = AllProjection()

    queue = UnicodeAttribute(hash_key=True)
    due_at = NumberAttribute(range_key=True)


class QueueRecord(Retained, Model):
    """An item of the agents' queue: an escalated conversation or claim."""

    class Meta:
        table_name = "queue"
        setting = "table_queue"
        resource = "QueueTable"
        retention = "queue_retention_days"

    ticket_id = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute()
    ref_id = UnicodeAttribute()
    queue = UnicodeAttribute(null=True)
    status = UnicodeAttribute(default="open")
    due_at = NumberAttribute()
    created_at = NumberAttribute()
    reason = UnicodeAttribute(default="")
    lang = UnicodeAttribute(null=True)
    topic = UnicodeAttribute(null=True)
    assignee = UnicodeAttribute(null=True)
    by_open = QueueOpenIndex()
    expires_at = EpochTTL()


class AuditRecord(Retained, Model):
    """One audit entry (append-only), partitioned by day."""

    class Meta:
        table_name = "audit"
        setting = "table_audit"
        resource = "AuditTable"
        retention = "audit_retention_days"

    day = UnicodeAttribute(hash_key=True)
    at_id = UnicodeAttribute(range_key=True)
    actor = UnicodeAttribute()
    actor_roles = ListAttribute(of=UnicodeAttribute, default=list)
    action = UnicodeAttribute()
    subject = UnicodeAttribute()
    at = NumberAttribute()
    # What an entry adds to who/what/when (an erasure's counts per kind), never personal data.
    details = JSONAttribute(null=True)
    expires_at = EpochTTL()
