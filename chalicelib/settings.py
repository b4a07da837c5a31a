"""Typed settings read lazily from the environment (never at import)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit


def setting(env: str, default: Any, doc: str) -> Any:
    """Declare a setting: its environment variable, default and one-line meaning."""
    return field(default=default, metadata={"env": env, "doc": doc})


@dataclass(frozen=True)
class Settings:
    """Every knob of the backend; `from_env` is the only place that reads the environment."""

    stage: str = setting(
        "STAGE",
        "",
        "Deployment stage: local (the local stack only), dev or prod. Unset counts as a deployed "
        "stage: nothing local-only (fake image moderation) is ever enabled by a missing value.",
    )
    region: str = setting("AWS_REGION", "eu-west-3", "AWS region of every client.")
    # Identity.
    jwt_secret: str = setting(
        "JWT_SECRET", "", "HS256 key of member tokens; overrides JWT_SECRET_ARN (local and tests)."
    )
    jwt_secret_arn: str = setting(
        "JWT_SECRET_ARN", "", "Secrets Manager secret holding the HS256 key (read once, lazily)."
    )
    jwks_url: str = setting("JWKS_URL", "", "When set, tokens are RS256 verified with this JWKS.")
    jwt_audience: str = setting("JWT_AUDIENCE", "entraide", "Expected `aud` claim.")
    jwt_issuer: str = setting(
        "JWT_ISSUER", "entraide", "Expected `iss` claim (the identity provider's issuer)."
    )
    # Observability.
    trace_aws_calls: int = setting(
        "TRACE_AWS_CALLS",
        0,
        "1: trace each AWS call as an X-Ray subsegment (costs ~200 ms of cold start; set per "
        "function in .chalice/config.json, see docs/deploy.md).",
    )
    ticket_ttl_seconds: int = setting("TICKET_TTL_SECONDS", 60, "WebSocket ticket lifetime.")
    # WebSockets.
    ws_public_url: str = setting(
        "WS_PUBLIC_URL", "", "WebSocket URL served by GET /config (make deploy writes it)."
    )
    web_url: str = setting(
        "WEB_URL",
        "",
        "Origin where the web clients (web/) are served; SMS links open its answer.html.",
    )
    ws_management_endpoint: str = setting(
        "WS_MANAGEMENT_ENDPOINT",
        "",
        "Endpoint of the @connections API; empty means https://{domain}/{stage} from the event.",
    )
    max_frame_bytes: int = setting("MAX_FRAME_BYTES", 32 * 1024, "Largest accepted frame.")
    connection_ttl_seconds: int = setting(
        "CONNECTION_TTL_SECONDS", 2 * 3600, "A connection record expires after this (API GW max)."
    )
    heartbeat_ttl_seconds: int = setting(
        "HEARTBEAT_TTL_SECONDS", 90, "Presence expires without a heartbeat (ping) for this long."
    )
    tickets_per_minute: int = setting(
        "TICKETS_PER_MINUTE",
        10,
        "WebSocket tickets (POST /ws/ticket) a member may get per clock minute; beyond: 429.",
    )
    max_connections_per_member: int = setting(
        "MAX_CONNECTIONS_PER_MEMBER",
        5,
        "Live WebSocket connections per member; a $connect beyond is refused with HTTP 429.",
    )
    # Chat routing.
    helper_capacity_default: int = setting(
        "HELPER_CAPACITY_DEFAULT", 2, "Conversations a Helper takes at once by default."
    )
    helper_capacity_max: int = setting(
        "HELPER_CAPACITY_MAX", 4, "Ceiling of the capacity a Helper may set."
    )
    wave_size: int = setting("WAVE_SIZE", 3, "Helpers offered a request in the first wave.")
    wave_growth: int = setting("WAVE_GROWTH", 3, "Extra Helpers added by each later wave.")
    wave_timeout_seconds: int = setting(
        "WAVE_TIMEOUT_SECONDS", 4, "How long a wave waits for an accept before widening."
    )
    max_waves: int = setting(
        "MAX_WAVES", 4, "Waves before the request goes to the professional queue."
    )
    sensitive_topics: str = setting(
        "SENSITIVE_TOPICS", "safety", "Comma-separated topics sent straight to professionals."
    )
    messages_per_minute: int = setting(
        "MESSAGES_PER_MINUTE", 30, "Messages a member may send per minute (across instances)."
    )
    help_open_per_hour: int = setting(
        "HELP_OPEN_PER_HOUR",
        5,
        "Help requests (help.open) a member may open per clock hour, whatever became of them.",
    )
    escalated_open_to_helpers: int = setting(
        "ESCALATED_OPEN_TO_HELPERS", 1, "1: a request sent to professionals stays open to Helpers."
    )
    escalation_due_hours: int = setting(
        "ESCALATION_DUE_HOURS", 24, "Due time of an escalated conversation."
    )
    conversation_idle_close_minutes: int = setting(
        "CONVERSATION_IDLE_CLOSE_MINUTES",
        120,
        "An answered conversation with no message for this long is closed by the sweep and "
        "the Helper's slot freed (escalated ones are left to agents); 0: never.",
    )
    helper_gone_grace_seconds: int = setting(
        "HELPER_GONE_GRACE_SECONDS",
        180,
        "A Helper with no heartbeat for this long is gone: the sweep offers their open "
        "conversations to other Helpers (or agents) and tells the member.",
    )
    retention_days: int = setting(
        "RETENTION_DAYS", 365, "Conversations and messages expire after this many days."
    )
    # Retention per data kind (docs/privacy.md): DynamoDB's TTL deletes each item this many
    # days after it was written (members and presence: after their last write).
    claims_retention_days: int = setting(
        "CLAIMS_RETENTION_DAYS", 1825,
        "Claims (and their lock and filings items) expire after this many days (5 years: the "
        "limitation period of a claim about the trip).",
    )
    bookings_retention_days: int = setting(
        "BOOKINGS_RETENTION_DAYS", 1825,
        "The bookings mirror expires after this many days (as long as the claims about them).",
    )
    queue_retention_days: int = setting(
        "QUEUE_RETENTION_DAYS", 365,
        "Items of the agents' queue expire after this many days (as the conversations).",
    )
    audit_retention_days: int = setting(
        "AUDIT_RETENTION_DAYS", 1095,
        "Audit entries (transcript reads, staff decisions, erasures) expire after this many "
        "days (3 years: proof that a request was honoured).",
    )
    ledger_retention_days: int = setting(
        "LEDGER_RETENTION_DAYS", 3650,
        "Gesture ledger entries expire after this many days (10 years: accounting records).",
    )
    members_retention_days: int = setting(
        "MEMBERS_RETENTION_DAYS", 1095,
        "A members mirror item expires this many days after its last write (an account the "
        "marketplace stopped pushing for 3 years).",
    )
    presence_retention_days: int = setting(
        "PRESENCE_RETENTION_DAYS", 365,
        "A Helper's or agent's presence items expire this many days after their last write.",
    )
    conflict_booking_days: int = setting(
        "CONFLICT_BOOKING_DAYS",
        90,
        "A request is never offered to the other party of the member's bookings departing "
        "within this many days (or later), nor of their open claims filed within them.",
    )
    conflict_lookup_limit: int = setting(
        "CONFLICT_LOOKUP_LIMIT",
        100,
        "Bookings, and claims each way, read per help.open to find the member's "
        "counterparties (the latest first).",
    )
    # Tables.
    table_connections: str = setting(
        "TABLE_CONNECTIONS", "entraide-connections", "Live WebSocket connections."
    )
    table_tickets: str = setting(
        "TABLE_TICKETS", "entraide-tickets", "Single-use WebSocket tickets and SMS codes."
    )
    table_idempotency: str = setting(
        "TABLE_IDEMPOTENCY", "entraide-idempotency", "Idempotency records (REST and messages)."
    )
    table_counters: str = setting(
        "TABLE_COUNTERS", "entraide-counters", "Rate-limit counters with TTL."
    )
    table_members: str = setting(
        "TABLE_MEMBERS", "entraide-members", "Members mirror (profile, phone, reputation)."
    )
    table_presence: str = setting(
        "TABLE_PRESENCE", "entraide-presence", "Helper and agent presence and routing pools."
    )
    table_conversations: str = setting(
        "TABLE_CONVERSATIONS", "entraide-conversations", "Help conversations."
    )
    table_messages: str = setting("TABLE_MESSAGES", "entraide-messages", "Chat messages.")
    table_queue: str = setting(
        "TABLE_QUEUE", "entraide-queue", "Professional queue: escalated chats and claims."
    )
    table_audit: str = setting("TABLE_AUDIT", "entraide-audit", "Audit log (append-only).")
    table_programme: str = setting(
        "TABLE_PROGRAMME",
        "entraide-programme",
        "Helper programme: records, points, leaderboard scores, rewards, quality signals.",
    )
    table_articles: str = setting(
        "TABLE_ARTICLES", "entraide-articles", "Knowledge-base articles and their revision."
    )
    table_moderation: str = setting(
        "TABLE_MODERATION",
        "entraide-moderation",
        "Moderation queue: messages held for review and the staff's decisions.",
    )
    # Moderation (SPEC B): flooding and images.
    message_max_repeats: int = setting(
        "MESSAGE_MAX_REPEATS",
        3,
        "Times a sender may send the same text in a conversation within the repeat window.",
    )
    message_repeat_window_seconds: int = setting(
        "MESSAGE_REPEAT_WINDOW_SECONDS", 600, "Window of MESSAGE_MAX_REPEATS, in seconds."
    )
    image_moderation: str = setting(
        "IMAGE_MODERATION",
        "auto",
        "Image moderation: rekognition, fake (deterministic), auto (fake on the local stage).",
    )
    image_moderation_min_confidence: float = setting(
        "IMAGE_MODERATION_MIN_CONFIDENCE",
        80.0,
        "Image moderation labels below this confidence (0-100) are ignored.",
    )
    moderation_review_threshold: float = setting(
        "MODERATION_REVIEW_THRESHOLD",
        0.7,
        "Text moderation's learned stage: a probability at or above this (0-1) sends a message "
        "no rule caught to staff review (cost: review items per 1,000, docs/benchmarks.md); a "
        "message with an unknown link whose text without the link scores this much as spam is "
        "blocked (`spam.link_pitch`).",
    )
    moderation_block_threshold: float = setting(
        "MODERATION_BLOCK_THRESHOLD",
        0.95,
        "Text moderation's learned stage: a spam probability at or above this (0-1) blocks "
        "the message; between the two thresholds it goes to review. An insult only the model "
        "found is blocked or reviewed by the severity model and MODERATION_STRONG_THRESHOLD.",
    )
    moderation_strong_threshold: float = setting(
        "MODERATION_STRONG_THRESHOLD",
        0.75,
        "Text moderation's learned stage: an insult only the model found, that the severity "
        "model finds strong, is blocked at or above this probability (0-1), reviewed below "
        "(a mild one is always reviewed).",
    )
    moderation_veto_threshold: float = setting(
        "MODERATION_VETO_THRESHOLD",
        0.05,
        "Text moderation: a phrase rule's review finding the learned stage scores below this "
        "(0-1) for its category is dropped as a false alarm (blocks never are); 0 turns it off.",
    )
    rekognition_region: str = setting(
        "REKOGNITION_REGION",
        "eu-west-1",
        "Region of Rekognition calls (the service is not offered in every region, e.g. Paris).",
    )
    # Helper programme (SPEC E1, E2) and knowledge base (E3).
    helper_min_rating: float = setting(
        "HELPER_MIN_RATING", 4.7, "Marketplace rating a member needs to apply as a Helper."
    )
    helper_min_reviews: int = setting(
        "HELPER_MIN_REVIEWS", 20, "Marketplace reviews a member needs to apply as a Helper."
    )
    helper_min_positive_share: float = setting(
        "HELPER_MIN_POSITIVE_SHARE", 0.95, "Share of positive reviews needed to apply (0..1)."
    )
    helper_reapply_days: int = setting(
        "HELPER_REAPPLY_DAYS", 90, "Days after a refusal before a member may apply again."
    )
    quality_window_days: int = setting(
        "QUALITY_WINDOW_DAYS", 30, "Rolling window of the Helpers' quality review."
    )
    quality_min_ratings: int = setting(
        "QUALITY_MIN_RATINGS", 5, "Ratings in the window before the mean rating counts."
    )
    quality_flag_mean_below: float = setting(
        "QUALITY_FLAG_MEAN_BELOW", 3.8, "A Helper is flagged when the mean rating falls below."
    )
    quality_clear_mean_at_least: float = setting(
        "QUALITY_CLEAR_MEAN_AT_LEAST", 4.2, "A flag clears once the mean is back to at least."
    )
    quality_flag_strikes: int = setting(
        "QUALITY_FLAG_STRIKES", 3, "Moderation strikes in the window that flag a Helper."
    )
    quality_clear_strikes: int = setting(
        "QUALITY_CLEAR_STRIKES", 1, "A flag clears once strikes are at most this many."
    )
    kb_refresh_seconds: int = setting(
        "KB_REFRESH_SECONDS", 30, "How often a container checks the published articles changed."
    )
    # Queues and topics.
    queue_routing_url: str = setting(
        "QUEUE_ROUTING_URL", "", "SQS queue of routing events and delayed wave timeouts."
    )
    queue_routing_name: str = setting(
        "QUEUE_ROUTING_NAME", "entraide-routing", "Name of the routing queue (event source)."
    )
    topic_marketplace_arn: str = setting(
        "TOPIC_MARKETPLACE_ARN", "", "SNS topic of outbound events for the marketplace."
    )
    # Claims: tables, queues and the settle_claim state machine.
    table_claims: str = setting(
        "TABLE_CLAIMS", "entraide-claims", "Claims, their timelines and one-open-claim locks."
    )
    table_ledger: str = setting(
        "TABLE_LEDGER", "entraide-ledger", "Commercial gestures ledger (append-only)."
    )
    table_bookings: str = setting(
        "TABLE_BOOKINGS", "entraide-bookings", "Bookings mirror pushed by the marketplace."
    )
    queue_claim_tasks_url: str = setting(
        "QUEUE_CLAIM_TASKS_URL", "", "SQS queue of the state machine's callback requests."
    )
    queue_claim_tasks_name: str = setting(
        "QUEUE_CLAIM_TASKS_NAME", "entraide-claim-tasks", "Name of the claim-tasks queue."
    )
    queue_notify_url: str = setting(
        "QUEUE_NOTIFY_URL", "", "SQS queue of the state machine's notification requests."
    )
    queue_notify_name: str = setting(
        "QUEUE_NOTIFY_NAME", "entraide-notify", "Name of the notify queue (event source)."
    )
    state_machine_settle_claim_arn: str = setting(
        "STATE_MACHINE_SETTLE_CLAIM_ARN", "", "ARN of the settle_claim state machine."
    )
    bookings_ingest_secret: str = setting(
        "BOOKINGS_INGEST_SECRET",
        "",
        "HMAC key of the marketplace's signed pushes (POST /ingest/bookings and /ingest/members); "
        "overrides BOOKINGS_INGEST_SECRET_ARN (local, tests).",
    )
    bookings_ingest_secret_arn: str = setting(
        "BOOKINGS_INGEST_SECRET_ARN",
        "",
        "Secrets Manager secret holding the HMAC key of both signed pushes (bookings, members).",
    )
    bookings_ingest_max_skew_seconds: int = setting(
        "BOOKINGS_INGEST_MAX_SKEW_SECONDS", 300, "Signed pushes older or newer than this: 401."
    )
    claim_link_base: str = setting(
        "CLAIM_LINK_BASE",
        "",
        "Base of the SMS link <base>/<claim_id>?code=<code>; empty: WEB_URL/answer.html#.",
    )
    sms_sender_id: str = setting(
        "SMS_SENDER_ID", "", "Alphanumeric SMS sender id where the country allows one."
    )
    claim_counterpart_seconds: int = setting(
        "CLAIM_COUNTERPART_SECONDS", 0, "Counterpart's time to answer; 0: the problem type's."
    )
    claim_code_max_misses: int = setting(
        "CLAIM_CODE_MAX_MISSES",
        5,
        "Wrong SMS codes for a claim before its code is locked: every try then gets 429.",
    )
    claim_code_lock_seconds: int = setting(
        "CLAIM_CODE_LOCK_SECONDS",
        900,
        "How long a locked SMS code stays locked; misses are forgotten this long after a try.",
    )
    claim_agent_sla_seconds: int = setting(
        "CLAIM_AGENT_SLA_SECONDS", 24 * 3600, "Agents' time to decide an escalated claim."
    )
    claim_urgent_sla_seconds: int = setting(
        "CLAIM_URGENT_SLA_SECONDS", 3600, "Agents' time to decide an urgent (safety) claim."
    )
    claim_reminder_seconds: int = setting(
        "CLAIM_REMINDER_SECONDS", 4 * 3600, "Reminder period after an agent or approval SLA."
    )
    claim_approval_sla_seconds: int = setting(
        "CLAIM_APPROVAL_SLA_SECONDS", 24 * 3600, "Supervisors' time to approve a proposal."
    )
    claim_max_open: int = setting("CLAIM_MAX_OPEN", 5, "Open claims a member may have at once.")
    claim_window_days: int = setting(
        "CLAIM_WINDOW_DAYS", 90, "Rolling window of the anti-abuse and gesture limits."
    )
    claim_auto_max_eur: int = setting(
        "CLAIM_AUTO_MAX_EUR", 150, "Largest automatic settlement; above, an agent decides."
    )
    claim_silence_max_eur: int = setting(
        "CLAIM_SILENCE_MAX_EUR", 60, "Largest settlement granted on the counterpart's silence."
    )
    claim_max_auto_grants: int = setting(
        "CLAIM_MAX_AUTO_GRANTS", 3, "Automatic grants (rule, silence) per member in the window."
    )
    gesture_auto_eur: int = setting("GESTURE_AUTO_EUR", 5, "Automatic good-faith gesture (EUR).")
    gesture_auto_max_per_member: int = setting(
        "GESTURE_AUTO_MAX_PER_MEMBER", 2, "Automatic gestures per member in the window."
    )
    gesture_auto_max_eur_per_member: int = setting(
        "GESTURE_AUTO_MAX_EUR_PER_MEMBER", 10, "Euros of automatic gestures per member per window."
    )
    gesture_ceiling_l1_eur: int = setting(
        "GESTURE_CEILING_L1_EUR", 50, "Largest gesture an L1 agent grants alone."
    )
    gesture_ceiling_l2_eur: int = setting(
        "GESTURE_CEILING_L2_EUR", 200, "Largest gesture an L2 agent grants alone."
    )
    gesture_ceiling_supervisor_eur: int = setting(
        "GESTURE_CEILING_SUPERVISOR_EUR", 2000, "Largest gesture a supervisor grants or approves."
    )

    @property
    def sms_link_base(self) -> str:
        """Where SMS links point: `answer.html` of the web clients, reading `#/<id>?code=`."""
        if self.claim_link_base:
            return self.claim_link_base
        if not self.web_url:
            return ""
        return f"{self.web_url.rstrip('/')}/answer.html#"

    @property
    def image_moderation_backend(self) -> str:
        """`rekognition` or `fake`: `auto` means the fake on the local stage only."""
        if self.image_moderation == "auto":
            return "fake" if self.stage == "local" else "rekognition"
        return self.image_moderation

    @property
    def sensitive_topic_set(self) -> frozenset[str]:
        """The sensitive topics as a set."""
        return frozenset(t.strip() for t in self.sensitive_topics.split(",") if t.strip())

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Read every setting from the environment, falling back to its default."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f.metadata["env"])
            if raw is None or raw == "":
                continue
            if isinstance(f.default, float):
                values[f.name] = float(raw)
            else:
                values[f.name] = int(raw) if isinstance(f.default, int) else raw
        if "region" not in values and env.get("AWS_DEFAULT_REGION"):
            values["region"] = env["AWS_DEFAULT_REGION"]
        return cls(**values)

    @classmethod
    def documented(cls) -> list[tuple[str, Any, str]]:
        """(variable, default, meaning) for every setting, for the README."""
        return [(f.metadata["env"], f.default, f.metadata["doc"]) for f in fields(cls)]


def event_source_name(env: str, default: str) -> str:
    """The name of an event source (SQS queue) for Chalice's decorators.

    One of the two reads of the environment at import: Chalice needs the name when it
    packages, and applies the stage's `environment_variables` before importing app.py.
    """
    return os.environ.get(env) or default


def cors_origin() -> str:
    """The one origin browsers may call the REST API from: where the web clients are served
    (`WEB_URL`, written by `make deploy`). Read at import like the event sources, because
    API Gateway's CORS preflight answer is part of the package; empty means no CORS at all
    (browsers on other origins are refused), never `*`."""
    url = urlsplit(os.environ.get("WEB_URL") or "")
    return f"{url.scheme}://{url.netloc}" if url.scheme and url.netloc else ""


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The process-wide settings, read on first use."""
    return Settings.from_env()
