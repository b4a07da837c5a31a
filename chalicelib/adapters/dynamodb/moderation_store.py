"""DynamoDB adapters of moderation: the review queue (its own table, a sparse open-index, no
Scan; items are written by the chat store in their message's transaction), decisions stored
with the message's new verdict and their audit entry in one transaction, and warnings and
suspensions written on the members mirror."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.dynamodb.chat_store import audit_record
from chalicelib.adapters.dynamodb.member_mirror import rewrite_member
from chalicelib.adapters.dynamodb.models.chat import AuditRecord, MessageRecord
from chalicelib.adapters.dynamodb.models.moderation import ModerationItemRecord
from chalicelib.adapters.dynamodb.transactions import check_failed
from chalicelib.domain.errors import Conflict, Unavailable
from chalicelib.domain.moderation.review import DECIDED, OPEN, ReviewItem

# The last items a member was warned for: enough to recognise a retried decision.
WARNED_ITEMS_KEPT = 20
# Members who may no longer take part: the mirror's roles lose these on suspension.
SUSPENDED_ROLES = ("member", "helper")


def _to_item(r: ModerationItemRecord) -> ReviewItem:
    return ReviewItem(
        item_id=r.item_id,
        conversation_id=r.conversation_id,
        seq=int(r.seq),
        author_id=r.author_id,
        author_role=r.author_role,
        reasons=tuple(r.reasons or ()),
        text=r.text or "",
        lang=r.lang or "",
        created_at=float(r.created_at),
        verdict=r.verdict,
        status=r.status,
        decision=r.decision,
        decided_by=r.decided_by,
        decided_at=r.decided_at,
        note=r.note,
    )



class DynamoModerationStore:
    """Review items, oldest first on the sparse index; decisions change the message too."""

    def __init__(self, conversations: Any) -> None:
        self._conversations = conversations  # the chat store: `get(conversation_id)`

    def open_items(self, limit: int) -> list[ReviewItem]:
        """Items awaiting a decision, oldest first (one Query)."""
        found = ModerationItemRecord.by_open.query(OPEN, scan_index_forward=True, limit=limit)
        return [_to_item(r) for r in found]

    def get(self, item_id: str) -> ReviewItem | None:
        """One item (strongly consistent: a decision depends on its status)."""
        try:
            return _to_item(ModerationItemRecord.get(item_id, consistent_read=True))
        except DoesNotExist:
            return None

    def decide(
        self, item: ReviewItem, message_verdict: str, keep_text: bool, roles: list[str]
    ) -> None:
        """One transaction: the item leaves the queue, the message takes its new verdict
        (and loses its text unless restored), the audit log gets `moderation.<decision>`."""
        try:
            self._decide(item, message_verdict, keep_text, roles, with_message=True)
        except TransactWriteError as e:
            # Puts before updates: cancellation reasons are [audit, item, message].
            if check_failed(e, 1):
                raise Conflict("this item was already decided", code="already_decided") from e
            if check_failed(e, 2):
                # The message expired meanwhile (retention): the decision still stands.
                self._decide(item, message_verdict, keep_text, roles, with_message=False)
                return
            raise Unavailable("could not store the decision; retry") from e

    @staticmethod
    def _decide(
        item: ReviewItem, verdict: str, keep_text: bool, roles: list[str], *, with_message: bool
    ) -> None:
        R, M = ModerationItemRecord, MessageRecord
        entry = audit_record(
            item.decided_by or "", roles, f"moderation.{item.decision}", item.item_id,
            item.decided_at or 0.0,
        )
        actions = [
            R.status.set(DECIDED),
            R.verdict.set(verdict),
            R.decision.set(item.decision),
            R.decided_by.set(item.decided_by),
            R.decided_at.set(item.decided_at),
            R.queue.remove(),
        ]
        if item.note:
            actions.append(R.note.set(item.note))
        with TransactWrite(connection=R._get_connection().connection) as tx:
            tx.save(entry, condition=AuditRecord.at_id.does_not_exist())
            tx.update(R(item.item_id), actions=actions, condition=R.status == OPEN)
            if with_message:
                changes = [M.verdict.set(verdict)]
                if not keep_text:
                    changes.append(M.text.remove())
                tx.update(
                    M(item.conversation_id, item.seq), actions=changes, condition=M.seq.exists()
                )

    def participants(self, conversation_id: str) -> list[str]:
        """Who should see the message change (member, Helper, joined staff)."""
        conversation = self._conversations.get(conversation_id)
        return conversation.participant_ids() if conversation is not None else []


class DynamoSanctionsLedger:
    """The sanctions' ledger: warnings and suspensions on the members mirror, under
    `profile.moderation`."""

    def warn(self, member_id: str, item_id: str, by: str, at: float) -> int:
        """Count one more warning, once per item (a retried decision counts nothing new);
        returns the member's number of warnings."""

        def change(moderation: dict[str, Any], roles: list[str]) -> list[str]:
            counted = list(moderation.get("warned_items") or [])
            if item_id in counted:
                return roles
            moderation["warned_items"] = (counted + [item_id])[-WARNED_ITEMS_KEPT:]
            moderation["warnings"] = int(moderation.get("warnings") or 0) + 1
            moderation["last_warning"] = {"item_id": item_id, "by": by, "at": at}
            return roles

        return int(self._change(member_id, change).get("warnings", 0))

    def suspend(self, member_id: str, item_id: str, by: str, at: float) -> None:
        """Mark the member suspended and take away the roles that let them take part."""

        def change(moderation: dict[str, Any], roles: list[str]) -> list[str]:
            moderation["suspended"] = {"item_id": item_id, "by": by, "at": at}
            return [r for r in roles if r not in SUSPENDED_ROLES]

        self._change(member_id, change)

    @staticmethod
    def _change(
        member_id: str, change: Callable[[dict[str, Any], list[str]], list[str]]
    ) -> dict[str, Any]:
        """Change `profile.moderation` and `roles` on the condition that neither changed
        meanwhile (member_mirror.py `rewrite_member`); the moderation part written."""

        def edit(profile: dict[str, Any], roles: list[str]) -> list[str]:
            moderation = dict(profile.get("moderation") or {})
            roles = change(moderation, roles)
            profile["moderation"] = moderation
            return roles

        profile = rewrite_member(member_id, edit, "could not update the member")
        return dict(profile["moderation"])
