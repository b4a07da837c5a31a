"""DynamoDB adapters of the chat: conversations and messages, presence, the professional
queue, the audit log (the wave scheduler is on SQS: adapters/sqs/wave_scheduler.py)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
import zlib
from collections.abc import Mapping
from typing import Any

from pynamodb.exceptions import (
    DoesNotExist,
    PutError,
    TransactWriteError,
    UpdateError,
)
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.dynamodb.chat_items import (
    advance,
    answer_item,
    conversation_from_item,
    count_rate,
    message_item,
    put_if_new,
)
from chalicelib.adapters.dynamodb.models.chat import (
    AuditRecord,
    ConversationRecord,
    MessageRecord,
    PresenceRecord,
    QueueRecord,
)
from chalicelib.adapters.dynamodb.models.chat import Participant as ParticipantAttr
from chalicelib.adapters.dynamodb.models.moderation import ModerationItemRecord
from chalicelib.adapters.dynamodb.models.sessions import CounterRecord, IdempotencyRecord
from chalicelib.adapters.dynamodb.transactions import (
    check_failed,
    condition_failed,
    was_cancelled,
)
from chalicelib.domain.chat.messages import DEDUPE_TTL
from chalicelib.domain.chat.model import (
    ASSIGNED,
    CLOSED,
    ESCALATED,
    WAITING,
    Conversation,
    HelperProfile,
    Message,
    QueueItem,
)
from chalicelib.domain.chat.ports import (
    AlreadyAnswered,
    RateExceeded,
    Replay,
    SequenceConflict,
)
from chalicelib.domain.errors import Conflict, NotFound, RuleRefused, Unavailable
from chalicelib.domain.moderation.review import OPEN, ReviewItem

PROFILE = "profile"
PRO_QUEUE = "pro"


# Open conversations are spread over this many partitions of the open-index.
OPEN_SHARDS = 8


def open_shard(conversation_id: str) -> str:
    """The open-index partition of a conversation (stable: derived from its id)."""
    return f"open#{zlib.crc32(conversation_id.encode()) % OPEN_SHARDS}"


def _day(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).strftime("%Y-%m-%d")


def review_record(item: ReviewItem, ttl_at: int) -> ModerationItemRecord:
    """A moderation queue item as stored (written in its message's own transaction)."""
    return ModerationItemRecord(
        item.item_id,
        conversation_id=item.conversation_id,
        seq=item.seq,
        author_id=item.author_id,
        author_role=item.author_role,
        verdict=item.verdict,
        reasons=[dict(r) for r in item.reasons],
        text=item.text,
        lang=item.lang,
        created_at=item.created_at,
        status=item.status,
        queue=OPEN if item.status == OPEN else None,
        expires_at=ttl_at,
    )


def audit_record(actor: str, roles: list[str], action: str, subject: str, at: float,
                 details: Mapping[str, Any] | None = None) -> AuditRecord:
    """One audit entry, in its day's partition (also written inside other transactions)."""
    return AuditRecord(
        _day(at),
        f"{at:.6f}#{uuid.uuid4().hex[:8]}",
        actor=actor,
        actor_roles=roles,
        action=action,
        subject=subject,
        at=at,
        details=details,
    )


def _from_record(r: ConversationRecord) -> Conversation:
    """A conversation from a model instance, decoded as its stored item is (chat_items.py)."""
    return conversation_from_item(r.serialize(null_check=False))


def _to_message(r: MessageRecord) -> Message:
    return Message(
        r.conversation_id,
        int(r.seq),
        r.sender_id,
        r.sender_role,
        r.text,
        r.verdict,
        r.ts,
        r.client_msg_id,
    )


class DynamoChatStore:
    """Conversations and messages; sequence numbers are allocated inside one transaction."""

    def create(
        self,
        conversation: Conversation,
        first: Message | None,
        ttl_at: int,
        review: ReviewItem | None = None,
        replay: Replay | None = None,
    ) -> None:
        """Store a new conversation, its first message, its review item and its replay record
        (help.open's request_id) together; AlreadyAnswered if the replay key exists."""
        c = conversation
        record = ConversationRecord(
            c.conversation_id,
            member_id=c.member_id,
            topic=c.topic,
            lang=c.lang,
            status=c.status,
            preview=c.preview,
            waiting_lang=None if c.straight_to_professionals else c.lang,
            opened_day=_day(c.opened_at),
            opened_at=c.opened_at,
            last_seq=c.last_seq,
            straight_to_professionals=c.straight_to_professionals,
            recent=c.recent or None,
            counterparties=c.counterparties or None,
            open_shard=open_shard(c.conversation_id),
            last_activity_at=c.opened_at,
            expires_at=ttl_at,
        )
        try:
            with TransactWrite(connection=ConversationRecord._get_connection().connection) as tx:
                tx.save(record, condition=ConversationRecord.conversation_id.does_not_exist())
                if replay is not None:  # second: its refusal is the transaction's reason 1
                    answer = answer_item(replay.key, replay.answer, replay.expires_at)
                    tx.save(IdempotencyRecord.from_raw_data(answer),
                            condition=IdempotencyRecord.id.does_not_exist())
                if first is not None:
                    tx.save(self._message_record(first, ttl_at))
                if review is not None:
                    tx.save(review_record(review, ttl_at))
        except TransactWriteError as e:
            stored = self.recall(replay.key) if replay and check_failed(e, 1) else None
            if stored is not None:
                raise AlreadyAnswered(stored) from e
            raise

    @staticmethod
    def _message_record(m: Message, ttl_at: int) -> MessageRecord:
        return MessageRecord(
            m.conversation_id,
            m.seq,
            sender_id=m.sender_id,
            sender_role=m.sender_role,
            text=m.text,
            verdict=m.verdict,
            ts=m.ts,
            client_msg_id=m.client_msg_id,
            expires_at=ttl_at,
        )

    def get(self, conversation_id: str) -> Conversation | None:
        """One conversation (strongly consistent: sequence numbers depend on it), decoded
        from its item directly: every frame of a conversation reads it (chat_items.py)."""
        table = ConversationRecord._get_connection()
        item = table.get_item(conversation_id, consistent_read=True).get("Item")
        return conversation_from_item(item) if item else None

    def append(
        self,
        conversation: Conversation,
        message: Message,
        dedupe_key: str,
        answer: dict[str, Any],
        ttl_at: int,
        rate_key: str | None,
        rate_limit: int,
        recent: dict[str, list[list[Any]]] | None,
        review: ReviewItem | None = None,
    ) -> None:
        """Persist a message with the next seq, its idempotency record, the sender's rate,
        the repeat fingerprints and the review item, in one transaction (its items built
        directly, as the models write them: chat_items.py)."""
        puts = [
            put_if_new(MessageRecord.Meta.table_name, "seq", message_item(message, ttl_at)),
            put_if_new(IdempotencyRecord.Meta.table_name, "id",
                       answer_item(dedupe_key, answer, int(message.ts) + DEDUPE_TTL)),
        ]
        if review is not None:  # rare: PynamoDB's own put, as in `create`
            puts.append(review_record(review, ttl_at).get_save_kwargs_from_instance())
        updates = [advance(ConversationRecord.Meta.table_name, conversation, message, recent)]
        if rate_key:
            updates.append(
                count_rate(CounterRecord.Meta.table_name, rate_key, rate_limit, message.ts))
        try:
            ConversationRecord._get_connection().connection.transact_write_items(
                condition_check_items=[], delete_items=[], put_items=puts, update_items=updates)
        except TransactWriteError as e:
            # Puts before updates: the cancellation reasons are, in order,
            # [message, dedupe, (review), conversation, rate].
            conv_at = 3 if review is not None else 2
            raise self._append_refusal(e, conversation, dedupe_key, conv_at) from e

    def _append_refusal(
        self, e: TransactWriteError, conversation: Conversation, dedupe_key: str, conv_at: int
    ) -> Exception:
        """The domain error a refused append means, read from the item whose condition failed
        (`conv_at`: the conversation's position in the transaction, the rate's is next)."""
        if check_failed(e, 1):
            stored = self.recall(dedupe_key)
            if stored is not None:
                return AlreadyAnswered(stored)
            return SequenceConflict()
        if check_failed(e, conv_at + 1):
            return RateExceeded()
        if check_failed(e, conv_at):
            current = self.get(conversation.conversation_id)
            if current is not None and current.status == CLOSED:
                return RuleRefused("this conversation is closed", code="conversation_closed")
            return SequenceConflict()
        if was_cancelled(e):
            return SequenceConflict()  # a concurrent transaction: retry
        return Unavailable("could not store the message; retry it")

    def remember(self, dedupe_key: str, answer: dict[str, Any], ttl_at: int) -> None:
        """Store the answer of a message that was not persisted (blocked)."""
        record = IdempotencyRecord.from_raw_data(answer_item(dedupe_key, answer, ttl_at))
        try:
            record.save(IdempotencyRecord.id.does_not_exist())
        except PutError as e:
            if condition_failed(e):
                stored = self.recall(dedupe_key)
                if stored is not None:
                    raise AlreadyAnswered(stored) from e
            raise Unavailable("could not record the message") from e

    def recall(self, dedupe_key: str) -> dict[str, Any] | None:
        """The stored answer for an idempotency key."""
        try:
            record = IdempotencyRecord.get(dedupe_key, consistent_read=True)
        except DoesNotExist:
            return None
        return json.loads(record.data) if record.data else None

    def messages_after(self, conversation_id: str, after_seq: int, limit: int) -> list[Message]:
        """Messages with seq > after_seq, in order."""
        return [
            _to_message(r)
            for r in MessageRecord.query(
                conversation_id, MessageRecord.seq > after_seq, consistent_read=True, limit=limit
            )
        ]

    def assign(
        self,
        conversation_id: str,
        helper: str,
        role: str,
        at: float,
        pool_lang: str | None,
        capacity_checked: bool,
    ) -> None:
        """One transaction: the conversation gets its helper only if it has none, and the
        Helper's open count grows only while below capacity and available."""
        C, P = ConversationRecord, PresenceRecord
        connection = C._get_connection().connection
        try:
            with TransactWrite(connection=connection) as tx:
                tx.update(
                    C(conversation_id),
                    actions=[
                        C.helper_id.set(helper),
                        C.helper_role.set(role),
                        C.status.set(ASSIGNED),
                        C.assigned_at.set(at),
                        C.last_activity_at.set(at),
                        C.waiting_lang.remove(),
                    ],
                    condition=C.helper_id.does_not_exist() & C.status.is_in(WAITING, ESCALATED),
                )
                if capacity_checked:
                    tx.update(
                        P(helper, PROFILE),
                        actions=[P.open_count.add(1), P.last_assigned_at.set(at)],
                        condition=(P.status == "available") & (P.open_count < P.capacity),
                    )
                    if pool_lang:
                        tx.update(
                            P(helper, f"pool#{pool_lang}"), actions=[P.last_assigned_at.set(at)]
                        )
        except TransactWriteError as e:
            if check_failed(e, 0):
                raise Conflict(
                    "another Helper already took this request", code="already_taken"
                ) from e
            if check_failed(e, 1):
                raise Conflict("not available or at capacity", code="capacity") from e
            if was_cancelled(e):
                # Lost a race on the same items: whoever won, this accept did not.
                raise Conflict(
                    "another Helper already took this request", code="already_taken"
                ) from e
            raise Unavailable("could not accept; retry") from e

    def update(self, conversation_id: str, **fields: Any) -> None:
        """Set (or, for None, remove) fields of an existing conversation."""
        C = ConversationRecord
        actions = []
        for name, value in fields.items():
            attribute = getattr(C, name)
            if value is None:
                actions.append(attribute.remove())
            else:
                actions.append(attribute.set(value))
        try:
            C(conversation_id).update(actions=actions, condition=C.conversation_id.exists())
        except UpdateError as e:
            if e.cause_response_code == "ConditionalCheckFailedException":
                raise NotFound("no such conversation", code="conversation_not_found") from e
            raise Unavailable("could not update the conversation") from e

    def add_staff(self, conversation_id: str, member_id: str, role: str) -> None:
        """Append a staff participant."""
        C = ConversationRecord
        C(conversation_id).update(
            actions=[
                C.staff.set((C.staff | []).append([ParticipantAttr(id=member_id, role=role)]))
            ],
            condition=C.conversation_id.exists(),
        )

    def close(self, conversation_id: str, by: str, at: float) -> Conversation | None:
        """Close once: the conversation as closed, or None if it already was (this close
        changed nothing); NotFound if there is no such conversation."""
        C = ConversationRecord
        record = C(conversation_id)
        try:
            record.update(
                actions=[
                    C.status.set(CLOSED),
                    C.closed_at.set(at),
                    C.closed_by.set(by),
                    C.waiting_lang.remove(),
                    C.open_shard.remove(),
                ],
                condition=C.conversation_id.exists() & (C.status != CLOSED),
            )
        except UpdateError as e:
            if not condition_failed(e):
                raise Unavailable("could not close the conversation") from e
            if self.get(conversation_id) is None:
                raise NotFound("no such conversation", code="conversation_not_found") from e
            return None
        return _from_record(record)

    def rate(self, conversation_id: str, member_id: str, score: int, comment: str | None) -> None:
        """Rate once."""
        C = ConversationRecord
        actions = [C.rating.set(score)]
        if comment:
            actions.append(C.comment.set(comment))
        try:
            C(conversation_id).update(
                actions=actions,
                condition=(C.member_id == member_id)
                & C.rating.does_not_exist()
                & (C.status == CLOSED),
            )
        except UpdateError as e:
            if e.cause_response_code == "ConditionalCheckFailedException":
                raise Conflict("this conversation is already rated", code="already_rated") from e
            raise Unavailable("could not store the rating") from e

    def waiting(self, lang: str, limit: int) -> list[Conversation]:
        """Requests still looking for a Helper in a language, oldest first."""
        return [_from_record(r) for r in ConversationRecord.waiting.query(lang, limit=limit)]

    def open_conversations(self, limit: int) -> list[Conversation]:
        """Open conversations, least recently active first: a Query per shard of the sparse
        open-index (never a Scan), merged."""
        found = [
            _from_record(r)
            for shard in range(OPEN_SHARDS)
            for r in ConversationRecord.by_activity.query(f"open#{shard}", limit=limit)
        ]
        found.sort(key=lambda c: c.activity_at)
        return found[:limit]

    def unassign(self, conversation: Conversation, helper_id: str) -> Conversation | None:
        """Offered afresh, in one UpdateItem: waiting again (escalated if it was), back in the
        waiting index, with no helper, offers, wave or ticket (the agents' ticket of an earlier
        escalation was done at the accept); only while it is still this Helper's, open and as
        escalated as `conversation` says. The conversation as stored then, else None."""
        C = ConversationRecord
        record = C(conversation.conversation_id)
        try:
            record.update(
                actions=[
                    C.helper_id.remove(),
                    C.helper_role.remove(),
                    C.status.set(ESCALATED if conversation.escalated else WAITING),
                    C.waiting_lang.set(conversation.lang),
                    C.offered.set([]),
                    C.wave.set(0),
                    C.ticket_id.remove(),
                ],
                condition=(C.helper_id == helper_id) & (C.status != CLOSED)
                & (C.escalated == conversation.escalated),
            )
        except UpdateError as e:
            if condition_failed(e):
                return None
            raise Unavailable("could not take the conversation back") from e
        return _from_record(record)

    def by_day(
        self, day: str, limit: int, before: tuple[float, str] | None = None
    ) -> list[Conversation]:
        """Conversations opened on a day, newest first, one Query on the `day-index` from the
        position `before` (the index's keys and the table's: DynamoDB's ExclusiveStartKey)."""
        start = None
        if before is not None:
            start = {"opened_day": {"S": day}, "opened_at": {"N": repr(before[0])},
                     "conversation_id": {"S": before[1]}}
        found = ConversationRecord.by_day.query(
            day, scan_index_forward=False, limit=limit, last_evaluated_key=start)
        return [_from_record(r) for r in found]

    def by_member(self, member_id: str, limit: int) -> list[Conversation]:
        """A member's conversations, newest first."""
        return [
            _from_record(r)
            for r in ConversationRecord.by_member.query(
                member_id, scan_index_forward=False, limit=limit
            )
        ]


def _to_profile(r: PresenceRecord) -> HelperProfile:
    return HelperProfile(
        member_id=r.member_id,
        kind=r.kind,
        status=r.status,
        display_name=r.display_name,
        topics=list(r.topics or []),
        languages=list(r.languages or []),
        capacity=int(r.capacity or 0),
        open_count=int(r.open_count or 0),
        heartbeat_at=float(r.heartbeat_at or 0),
        last_assigned_at=float(r.last_assigned_at or 0),
    )


class DynamoPresenceStore:
    """One profile item per Helper and one pool item per language they are available in."""

    def get(self, member_id: str) -> HelperProfile | None:
        """The routing profile."""
        try:
            return _to_profile(PresenceRecord.get(member_id, PROFILE, consistent_read=True))
        except DoesNotExist:
            return None

    def save(self, profile: HelperProfile, pools: list[str], dropped_pools: list[str]) -> None:
        """Update the profile (never its open count) and the pool items."""
        P = PresenceRecord
        P(profile.member_id, PROFILE).update(
            actions=[
                P.kind.set(profile.kind),
                P.status.set(profile.status),
                P.display_name.set(profile.display_name),
                P.topics.set(profile.topics),
                P.languages.set(profile.languages),
                P.capacity.set(profile.capacity),
                P.heartbeat_at.set(profile.heartbeat_at),
                P.open_count.set(P.open_count | 0),
                P.last_assigned_at.set(P.last_assigned_at | profile.last_assigned_at),
            ]
        )
        for lang in pools:
            P(profile.member_id, f"pool#{lang}").update(
                actions=[
                    P.pool.set(lang),
                    P.topics.set(profile.topics),
                    P.last_assigned_at.set(P.last_assigned_at | profile.last_assigned_at),
                ]
            )
        for lang in dropped_pools:
            P(profile.member_id, f"pool#{lang}").delete()

    def heartbeat(self, member_id: str, at: float) -> bool:
        """Refresh the heartbeat of an existing profile."""
        P = PresenceRecord
        try:
            P(member_id, PROFILE).update(
                actions=[P.heartbeat_at.set(at)], condition=P.member_id.exists()
            )
        except UpdateError as e:
            if e.cause_response_code == "ConditionalCheckFailedException":
                return False
            raise Unavailable("could not record the heartbeat") from e
        return True

    def pool(self, lang: str, limit: int) -> list[str]:
        """Available Helpers of a language, least recently assigned first (a Query)."""
        return [r.member_id for r in PresenceRecord.by_pool.query(lang, limit=limit)]

    def many(self, member_ids: list[str]) -> dict[str, HelperProfile]:
        """Several profiles in one BatchGetItem."""
        if not member_ids:
            return {}
        keys = [(m, PROFILE) for m in dict.fromkeys(member_ids)]
        return {r.member_id: _to_profile(r) for r in PresenceRecord.batch_get(keys)}

    def release(self, member_id: str, pool_lang: str | None) -> None:
        """Free one slot (never below zero)."""
        P = PresenceRecord
        try:
            P(member_id, PROFILE).update(actions=[P.open_count.add(-1)], condition=P.open_count > 0)
        except UpdateError as e:
            if e.cause_response_code != "ConditionalCheckFailedException":
                raise Unavailable("could not release the Helper's slot") from e


class DynamoProQueue:
    """The agents' queue on a sparse index, oldest due first."""

    def put(self, item: QueueItem) -> None:
        """Add an open item."""
        QueueRecord(
            item.ticket_id,
            kind=item.kind,
            ref_id=item.ref_id,
            queue=PRO_QUEUE,
            status="open",
            due_at=item.due_at,
            created_at=item.created_at,
            reason=item.reason,
            lang=item.lang,
            topic=item.topic,
        ).save()

    def open_items(self, limit: int) -> list[QueueItem]:
        """Open items, oldest due first."""
        return [
            QueueItem(
                r.ticket_id,
                r.kind,
                r.ref_id,
                r.due_at,
                r.created_at,
                r.reason,
                r.lang,
                r.topic,
                r.status,
            )
            for r in QueueRecord.by_open.query(PRO_QUEUE, limit=limit)
        ]

    def done(self, ticket_id: str) -> None:
        """Take an item out of the open queue."""
        Q = QueueRecord
        try:
            Q(ticket_id).update(
                actions=[Q.status.set("done"), Q.queue.remove()], condition=Q.ticket_id.exists()
            )
        except UpdateError as e:
            if e.cause_response_code != "ConditionalCheckFailedException":
                raise Unavailable("could not update the queue") from e


class DynamoAuditLog:
    """Append-only audit entries, partitioned by day."""

    def record(self, actor: str, roles: list[str], action: str, subject: str, at: float) -> None:
        """Append one entry."""
        audit_record(actor, roles, action, subject, at).save(AuditRecord.at_id.does_not_exist())

    def page(
        self, day: str, limit: int, after: str | None, match: Mapping[str, str] | None = None
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Entries of a day, newest first, from the position `after`; `match` keeps the entries
        whose `action`/`actor` equal it (a filter on the Query: PynamoDB reads on until `limit`
        entries match, and its last key is then the last entry returned)."""
        start = {"day": {"S": day}, "at_id": {"S": after}} if after else None
        condition = None
        for name, value in (match or {}).items():
            term = getattr(AuditRecord, name) == value
            condition = term if condition is None else condition & term
        found = AuditRecord.query(day, scan_index_forward=False, limit=limit,
                                  last_evaluated_key=start, filter_condition=condition)
        entries = [
            {
                "actor": r.actor,
                "roles": list(r.actor_roles),
                "action": r.action,
                "subject": r.subject,
                "at": r.at,
            }
            for r in found
        ]
        last = found.last_evaluated_key
        return entries, (last["at_id"]["S"] if last and len(entries) == limit else None)

