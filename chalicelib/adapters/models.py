"""PynamoDB models: persistence detail of the repositories. Table names come from settings."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import (
    AllProjection,
    GlobalSecondaryIndex,
    IncludeProjection,
    KeysOnlyProjection,
)
from pynamodb.models import Model

from chalicelib.settings import Settings


class EpochTTL(NumberAttribute):
    """A DynamoDB TTL attribute as plain epoch seconds (what DynamoDB itself expects)."""

    ttl = True

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("null", True)
        super().__init__(**kwargs)


class ConnectionMemberIndex(GlobalSecondaryIndex):
    """All connections of a member (fan-out to every device)."""

    class Meta:
        index_name = "member-index"
        projection = AllProjection()

    member_id = UnicodeAttribute(hash_key=True)
    connection_id = UnicodeAttribute(range_key=True)


class ConnectionRecord(Model):
    """A live WebSocket connection."""

    class Meta:
        table_name = "connections"
        setting = "table_connections"
        resource = "ConnectionsTable"

    connection_id = UnicodeAttribute(hash_key=True)
    member_id = UnicodeAttribute()
    roles = ListAttribute(of=UnicodeAttribute, default=list)
    tier = UnicodeAttribute(null=True)
    connected_at = NumberAttribute()
    endpoint = UnicodeAttribute(default="")
    expires_at = EpochTTL()
    by_member = ConnectionMemberIndex()


class TicketRecord(Model):
    """A single-use secret (WebSocket ticket, SMS code), keyed by its digest."""

    class Meta:
        table_name = "tickets"
        setting = "table_tickets"
        resource = "TicketsTable"

    digest = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute(default="ws")
    member_id = UnicodeAttribute(null=True)
    roles = ListAttribute(of=UnicodeAttribute, default=list)
    tier = UnicodeAttribute(null=True)
    payload = JSONAttribute(null=True)
    valid_until = NumberAttribute()
    expires_at = EpochTTL()


class IdempotencyRecord(Model):
    """An idempotency record; same shape as Powertools' DynamoDB persistence layer."""

    class Meta:
        table_name = "idempotency"
        setting = "table_idempotency"
        resource = "IdempotencyTable"

    id = UnicodeAttribute(hash_key=True)
    data = UnicodeAttribute(null=True)
    status = UnicodeAttribute(null=True)
    expiration = EpochTTL()


class CounterRecord(Model):
    """A windowed counter (rate limits), expiring with its window."""

    class Meta:
        table_name = "counters"
        setting = "table_counters"
        resource = "CountersTable"

    id = UnicodeAttribute(hash_key=True)
    count = NumberAttribute(default=0)
    fingerprint = UnicodeAttribute(null=True)
    expires_at = EpochTTL()


class ReputationAttribute(MapAttribute):
    """The member's marketplace reviews (pushed by the marketplace)."""

    rating = NumberAttribute()
    reviews = NumberAttribute()
    positive_share = NumberAttribute()


class MemberRecord(Model):
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


class PoolIndex(GlobalSecondaryIndex):
    """Sparse index of available Helpers per language pool, least recently assigned first."""

    class Meta:
        index_name = "pool-index"
        projection = AllProjection()

    pool = UnicodeAttribute(hash_key=True)
    last_assigned_at = NumberAttribute(range_key=True)


class PresenceRecord(Model):
    """A Helper's or agent's routing profile (slot 'profile') and pool entries ('pool#fr')."""

    class Meta:
        table_name = "presence"
        setting = "table_presence"
        resource = "PresenceTable"

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
    last_seq = NumberAttribute(default=0)
    # Per sender, recent [fingerprint, at] pairs: repeated texts are caught as flooding.
    recent = JSONAttribute(null=True)
    expires_at = EpochTTL()
    by_member = ConversationMemberIndex()
    waiting = ConversationWaitingIndex()
    by_day = ConversationDayIndex()


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


class QueueRecord(Model):
    """An item of the agents' queue: an escalated conversation or claim."""

    class Meta:
        table_name = "queue"
        setting = "table_queue"
        resource = "QueueTable"

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


class AuditRecord(Model):
    """One audit entry (append-only), partitioned by day."""

    class Meta:
        table_name = "audit"
        setting = "table_audit"
        resource = "AuditTable"

    day = UnicodeAttribute(hash_key=True)
    at_id = UnicodeAttribute(range_key=True)
    actor = UnicodeAttribute()
    actor_roles = ListAttribute(of=UnicodeAttribute, default=list)
    action = UnicodeAttribute()
    subject = UnicodeAttribute()
    at = NumberAttribute()


class ModerationOpenIndex(GlobalSecondaryIndex):
    """Sparse index of moderation items awaiting a decision, oldest first."""

    class Meta:
        index_name = "open-index"
        projection = AllProjection()

    queue = UnicodeAttribute(hash_key=True)
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


# --- Claims -------------------------------------------------------------------------------------


class ClaimantIndex(GlobalSecondaryIndex):
    """A member's claims by filing time (anti-abuse history; lock items are not in it)."""

    class Meta:
        index_name = "claimant-index"
        projection = AllProjection()

    claimant_id = UnicodeAttribute(hash_key=True)
    filed_at = UnicodeAttribute(range_key=True)


class ClaimDayIndex(GlobalSecondaryIndex):
    """Claims by the UTC day they were filed (insights read a range of days, no Scan)."""

    class Meta:
        index_name = "day-index"
        projection = AllProjection()

    filed_day = UnicodeAttribute(hash_key=True)
    filed_at = UnicodeAttribute(range_key=True)


class PendingTaskAttribute(MapAttribute):
    """The workflow step waiting for a person; its task token never leaves the server."""

    kind = UnicodeAttribute()
    token = UnicodeAttribute()
    since = UnicodeAttribute()
    expires_at = UnicodeAttribute(null=True)
    proposal = JSONAttribute(null=True)


class ResponseCodeAttribute(MapAttribute):
    """The hash of the counterpart's single-use SMS code."""

    code_hash = UnicodeAttribute()
    expires_at = UnicodeAttribute()
    used = BooleanAttribute(default=False)


class ClaimRecord(Model):
    """A claim (written by the service and by the settle_claim state machine), or a lock item
    `lock#<booking_id>#<problem>` naming the open claim of that booking and problem."""

    class Meta:
        table_name = "claims"
        setting = "table_claims"
        resource = "ClaimsTable"

    claim_id = UnicodeAttribute(hash_key=True)
    open_claim_id = UnicodeAttribute(null=True)
    booking_id = UnicodeAttribute(null=True)
    problem = UnicodeAttribute(null=True)
    claimant_id = UnicodeAttribute(null=True)
    counterpart_id = UnicodeAttribute(null=True)
    claimant_side = UnicodeAttribute(null=True)
    answers = JSONAttribute(null=True)
    filed_at = UnicodeAttribute(null=True)
    filed_day = UnicodeAttribute(null=True)
    lang = UnicodeAttribute(null=True)
    plan = JSONAttribute(null=True)
    hold_requested = BooleanAttribute(null=True)
    counterpart_expires_at = UnicodeAttribute(null=True)
    status = UnicodeAttribute(null=True)
    # Untyped: the state machine appends maps of strings whose keys depend on the event.
    timeline = ListAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)
    payment_held = BooleanAttribute(null=True)
    resolution = UnicodeAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    basis = UnicodeAttribute(null=True)
    value_cents = NumberAttribute(null=True)
    pending = PendingTaskAttribute(null=True)
    response_code = ResponseCodeAttribute(null=True)
    request_hash = UnicodeAttribute(null=True)
    by_claimant = ClaimantIndex()
    by_day = ClaimDayIndex()


class LedgerMemberIndex(GlobalSecondaryIndex):
    """A member's gestures by time (per-member automatic gesture limits)."""

    class Meta:
        index_name = "member-index"
        projection = AllProjection()

    member_id = UnicodeAttribute(hash_key=True)
    at = UnicodeAttribute(range_key=True)


class LedgerMonthIndex(GlobalSecondaryIndex):
    """Gestures by month (the audit report reads whole months, no Scan)."""

    class Meta:
        index_name = "month-index"
        projection = AllProjection()

    month = UnicodeAttribute(hash_key=True)
    at = UnicodeAttribute(range_key=True)


class LedgerRecord(Model):
    """One commercial gesture or correction, written once (append-only)."""

    class Meta:
        table_name = "ledger"
        setting = "table_ledger"
        resource = "LedgerTable"

    entry_id = UnicodeAttribute(hash_key=True)
    at = UnicodeAttribute()
    month = UnicodeAttribute()
    claim_id = UnicodeAttribute()
    member_id = UnicodeAttribute()
    amount_cents = NumberAttribute()
    reason = UnicodeAttribute(default="")
    resolution = UnicodeAttribute(default="")
    granted_by = UnicodeAttribute()
    tier = UnicodeAttribute(default="")
    approved_by = UnicodeAttribute(default="")
    voids = UnicodeAttribute(default="")
    by_member = LedgerMemberIndex()
    by_month = LedgerMonthIndex()


class BookingRecord(Model):
    """A booking as pushed by the marketplace (parties' phones go to the members mirror)."""

    class Meta:
        table_name = "bookings"
        setting = "table_bookings"
        resource = "BookingsTable"

    booking_id = UnicodeAttribute(hash_key=True)
    driver_id = UnicodeAttribute()
    passenger_id = UnicodeAttribute()
    contribution_cents = NumberAttribute()
    service_fee_cents = NumberAttribute(default=0)
    departure_at = UnicodeAttribute()
    status = UnicodeAttribute(default="confirmed")
    currency = UnicodeAttribute(default="EUR")
    alternatives = JSONAttribute(null=True)
    version = NumberAttribute(default=0)


# --- Helper programme and knowledge base --------------------------------------------------------


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


class ArticleStatusIndex(GlobalSecondaryIndex):
    """Articles by status, oldest first (staff lists; the published set for suggestions)."""

    class Meta:
        index_name = "status-index"
        projection = AllProjection()

    status = UnicodeAttribute(hash_key=True)
    created_at = NumberAttribute(range_key=True)


class ArticleSourceIndex(GlobalSecondaryIndex):
    """Sparse: the article drawn from a conversation (one per conversation)."""

    class Meta:
        index_name = "source-index"
        projection = KeysOnlyProjection()

    source_conversation_id = UnicodeAttribute(hash_key=True)


class ArticleRecord(Model):
    """A knowledge-base article; the item `#revision` counts changes to the published set."""

    class Meta:
        table_name = "articles"
        setting = "table_articles"
        resource = "ArticlesTable"

    article_id = UnicodeAttribute(hash_key=True)
    lang = UnicodeAttribute(null=True)
    question = UnicodeAttribute(null=True)
    answer = UnicodeAttribute(null=True)
    tags = ListAttribute(of=UnicodeAttribute, null=True)
    status = UnicodeAttribute(null=True)
    created_by = UnicodeAttribute(null=True)
    created_at = NumberAttribute(null=True)
    updated_at = NumberAttribute(null=True)
    version = NumberAttribute(null=True)
    published_at = NumberAttribute(null=True)
    topic = UnicodeAttribute(null=True)
    source_conversation_id = UnicodeAttribute(null=True)
    credited_helper_id = UnicodeAttribute(null=True)
    revision = NumberAttribute(null=True)
    by_status = ArticleStatusIndex()
    by_source = ArticleSourceIndex()


ALL_MODELS: list[type[Model]] = [
    ConnectionRecord,
    TicketRecord,
    IdempotencyRecord,
    CounterRecord,
    MemberRecord,
    PresenceRecord,
    ConversationRecord,
    MessageRecord,
    QueueRecord,
    AuditRecord,
    ModerationItemRecord,
    ProgrammeRecord,
    ArticleRecord,
    ClaimRecord,
    LedgerRecord,
    BookingRecord,
]


def bind_models(settings: Settings, models: list[type[Model]] | None = None) -> None:
    """Point every model at its table and region, all sharing one DynamoDB client.

    PynamoDB builds a botocore session and client per model, each loading the DynamoDB
    service description (~100 ms apiece): one shared client keeps the cold start flat as
    tables are added. The client is created here, on first use of the services, not at import.
    """
    shared = None
    for model in models or ALL_MODELS:
        model.Meta.table_name = getattr(settings, model.Meta.setting)
        model.Meta.region = settings.region
        # Local stack and Lambda alike: enough pooled connections for concurrent handlers.
        model.Meta.max_pool_connections = 50
        model._connection = None
        connection = model._get_connection().connection
        if shared is None:
            shared = connection.client
        else:
            connection._client = shared
