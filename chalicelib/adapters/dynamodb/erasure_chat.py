"""The chat's part of an erasure (docs/privacy.md): the member's conversations found by the
indexes by member and by Helper (Query, never Scan), their messages rewritten to a neutral
placeholder with the seq kept, the messages' idempotency records deleted, the conversations
pseudonymised, queue reasons and knowledge drafts drawn from them erased, and the member taken
out of their partners' conversations (conflicts of interest)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pynamodb.exceptions import DoesNotExist, UpdateError

from chalicelib.adapters.dynamodb.models.chat import (
    ConversationRecord,
    MessageRecord,
    QueueRecord,
)
from chalicelib.adapters.dynamodb.models.knowledge import ArticleRecord
from chalicelib.adapters.dynamodb.models.sessions import IdempotencyRecord
from chalicelib.adapters.dynamodb.transactions import condition_failed
from chalicelib.domain.chat.messages import message_dedupe_key
from chalicelib.domain.errors import Unavailable
from chalicelib.domain.privacy.ports import ConversationRef, Counts

# What a message of an erased member reads as (same seq, same sender role).
PLACEHOLDER = "[message deleted at the author's request]"
CLOSED = "closed"
DRAFT = "draft"


class DynamoChatData:
    """`ChatData` over the conversations, messages, idempotency, queue and articles tables."""

    def conversations(self, member_id: str) -> list[ConversationRef]:
        """As the member (member-index) and as the Helper (the sparse helper-index)."""
        C = ConversationRecord
        found = {r.conversation_id: ConversationRef(r.conversation_id, "member",
                                                    r.status != CLOSED)
                 for r in C.by_member.query(member_id)}
        for r in C.by_helper.query(member_id):
            found.setdefault(r.conversation_id,
                             ConversationRef(r.conversation_id, "helper", r.status != CLOSED))
        return list(found.values())

    def erase(self, member_id: str, pseudonym: str, conversations: Sequence[ConversationRef],
              partners: Sequence[str]) -> Counts:
        """Messages, conversations, idempotency records, queue reasons, drafts; partners'
        conversations that name the member."""
        counts: Counter[str] = Counter()
        for ref in conversations:
            counts["messages"] += self._messages(ref.conversation_id, member_id, pseudonym)
            counts.update(self._conversation(ref, member_id, pseudonym))
        for partner in dict.fromkeys(partners):
            counts["partner_conversations"] += self._partner(partner, member_id)
        return counts

    @staticmethod
    def _messages(conversation_id: str, member_id: str, pseudonym: str) -> int:
        """Their messages to the placeholder; each one's idempotency record (it holds the
        stored text as the answer to a resend) deleted."""
        M = MessageRecord
        changed = 0
        for r in M.query(conversation_id, consistent_read=True):
            if r.sender_id != member_id:
                continue
            IdempotencyRecord(message_dedupe_key(conversation_id, member_id,
                                                 r.client_msg_id)).delete()
            r.update(actions=[M.text.set(PLACEHOLDER), M.sender_id.set(pseudonym),
                              M.client_msg_id.set(f"erased#{int(r.seq)}")])
            changed += 1
        return changed

    def _conversation(self, ref: ConversationRef, member_id: str, pseudonym: str) -> Counts:
        """The conversation without the member: id pseudonymised, their words removed."""
        C = ConversationRecord
        try:
            r = C.get(ref.conversation_id, consistent_read=True)
        except DoesNotExist:
            return {}
        actions = [C.recent.remove()]
        if r.member_id == member_id:
            actions += [C.member_id.set(pseudonym), C.preview.set(""), C.comment.remove(),
                        C.counterparties.remove()]
        if r.helper_id == member_id:
            actions.append(C.helper_id.set(pseudonym))
        if member_id in (r.offered or []):
            actions.append(C.offered.set([pseudonym if o == member_id else o
                                          for o in r.offered]))
        if r.closed_by == member_id:
            actions.append(C.closed_by.set(pseudonym))
        r.update(actions=actions)
        counts: Counter[str] = Counter(conversations=1)
        if r.ticket_id and ref.role == "member":
            counts["queue_items"] += self._queue_reason(r.ticket_id)
        counts.update(self._drafts(ref.conversation_id, member_id, pseudonym))
        return counts

    @staticmethod
    def _queue_reason(ticket_id: str) -> int:
        """The escalation's reason (the participant's words) erased."""
        Q = QueueRecord
        try:
            Q(ticket_id).update(actions=[Q.reason.set("")], condition=Q.ticket_id.exists())
        except UpdateError as e:
            if condition_failed(e):
                return 0
            raise Unavailable("could not erase the queue item") from e
        return 1

    @staticmethod
    def _drafts(conversation_id: str, member_id: str, pseudonym: str) -> Counts:
        """A draft drawn from the conversation is deleted; a published article (staff
        reviewed it) loses its link to the conversation and credits the pseudonym."""
        A = ArticleRecord
        counts: Counter[str] = Counter()
        for key in A.by_source.query(conversation_id):
            try:
                article = A.get(key.article_id, consistent_read=True)
            except DoesNotExist:
                continue
            if article.status == DRAFT:
                article.delete()
                counts["article_drafts"] += 1
                continue
            actions = [A.source_conversation_id.remove()]
            if article.credited_helper_id == member_id:
                actions.append(A.credited_helper_id.set(pseudonym))
            article.update(actions=actions)
            counts["articles_unlinked"] += 1
        return counts

    @staticmethod
    def _partner(partner: str, member_id: str) -> int:
        """The member out of a partner's conversations' `counterparties` and `offered`."""
        C = ConversationRecord
        changed = 0
        named = C.counterparties.contains(member_id) | C.offered.contains(member_id)
        for r in C.by_member.query(partner, filter_condition=named):
            kept = [c for c in (r.counterparties or []) if c != member_id]
            r.update(actions=[
                C.counterparties.set(kept) if kept else C.counterparties.remove(),
                C.offered.set([o for o in (r.offered or []) if o != member_id]),
            ])
            changed += 1
        return changed

