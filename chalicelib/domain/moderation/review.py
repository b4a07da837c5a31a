"""The moderation queue (SPEC B5): messages given "review" wait for staff, who restore them,
confirm them, or confirm them and warn or suspend their author. Also the staff's dry runs of
the text and image filters. Pure: storage, sanctions and pushes are ports."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from chalicelib.domain.clock import Clock, wire_time
from chalicelib.domain.errors import BadInput, Conflict, NotFound, RuleRefused
from chalicelib.domain.identity import ADMIN, AGENT, STAFF_ROLES, SUPERVISOR, Principal
from chalicelib.domain.moderation.images import ImageModerator
from chalicelib.domain.moderation.verdict import ALLOW, BLOCK, MASK, REVIEW, Verdict

RESTORE, CONFIRM, WARN, SUSPEND = "restore", "confirm", "warn", "suspend"
DECISIONS = (RESTORE, CONFIRM, WARN, SUSPEND)
OPEN, DECIDED = "open", "decided"
LANGUAGES = ("fr", "en")
CHECK_MAX = 4000
NOTE_MAX = 1000
QUEUE_MAX = 200
# What a queued reason keeps: never the matched text, and no offsets into a text that is
# not stored.
REASON_KEYS = ("category", "rule", "action", "severity")


@dataclass(frozen=True)
class ReviewItem:
    """A stored message that moderation sent to review, and the staff's decision on it."""

    item_id: str
    conversation_id: str
    seq: int
    author_id: str
    author_role: str
    reasons: tuple[Mapping[str, Any], ...]
    text: str
    lang: str
    created_at: float
    verdict: str = REVIEW
    status: str = OPEN
    decision: str | None = None
    decided_by: str | None = None
    decided_at: float | None = None
    note: str | None = None

    @classmethod
    def for_message(
        cls,
        conversation_id: str,
        seq: int,
        author_id: str,
        author_role: str,
        text: str,
        reasons: Iterable[Mapping[str, Any]],
        lang: str,
        at: float,
    ) -> ReviewItem:
        """The queue item of one message (its id is derived from it: one item per message)."""
        kept = tuple({k: r[k] for k in REASON_KEYS if k in r} for r in reasons)
        return cls(
            f"mq-{conversation_id}-{seq}",
            conversation_id,
            seq,
            author_id,
            author_role,
            kept,
            text,
            lang,
            at,
        )

    @property
    def restored_verdict(self) -> str:
        """The message's verdict once restored: masked if it held personal data."""
        return MASK if any(r.get("action") == MASK for r in self.reasons) else ALLOW

    def to_json(self) -> dict[str, Any]:
        """Wire form of `GET /moderation/queue` and of a decision's answer."""
        body: dict[str, Any] = {
            "item_id": self.item_id,
            "conversation_id": self.conversation_id,
            "seq": self.seq,
            "author": {"id": self.author_id, "role": self.author_role},
            "verdict": self.verdict,
            "reasons": [dict(r) for r in self.reasons],
            "text": self.text,
            "lang": self.lang,
            "created_at": wire_time(self.created_at),
            "status": self.status,
        }
        if self.status == DECIDED:
            body |= {
                "decision": self.decision,
                "decided_by": self.decided_by,
                "decided_at": wire_time(self.decided_at),
                "note": self.note,
            }
        return body


class ModerationStore(Protocol):
    """The queue items, and the stored messages they are about."""

    def open_items(self, limit: int) -> list[ReviewItem]: ...

    def get(self, item_id: str) -> ReviewItem | None: ...

    def decide(
        self, item: ReviewItem, message_verdict: str, keep_text: bool, roles: list[str]
    ) -> None:
        """Store the decided item, the message's new verdict (its text erased unless kept)
        and the audit entry `moderation.<decision>` together;
        Conflict(code="already_decided") if someone decided first."""
        ...

    def participants(self, conversation_id: str) -> list[str]: ...


class Sanctions(Protocol):
    """What happens to an author beyond their message."""

    def warn(self, item: ReviewItem, by: Principal, at: float) -> None: ...

    def suspend(self, item: ReviewItem, by: Principal, at: float, note: str) -> None: ...


class TextFilters(Protocol):
    """The text moderation filters (`Moderator`)."""

    def check(self, text: str, lang: str | None = None) -> Verdict: ...


@dataclass
class ModerationService:
    """Staff dry runs of the filters, the review queue and its decisions."""

    # The filters, asked for by the dry run only: building them (lexicons, the learned
    # model) is a cold start the queue and the decisions need not pay.
    filters: Callable[[], TextFilters]
    store: ModerationStore
    sanctions: Sanctions
    images: ImageModerator
    clock: Clock
    # push(member_ids, payload): live events to members' connections.
    push: Callable[[list[str], dict[str, Any]], object] = lambda ids, payload: None
    # Called as listener(item) once a decision is stored (e.g. strikes against Helpers); the
    # decision is done whatever they do, so they must not raise.
    listeners: list[Callable[[ReviewItem], None]] = field(default_factory=list)

    def check(self, who: Principal, text: Any, lang: Any) -> dict[str, Any]:
        """The verdict the filters would give (a dry run: nothing is stored)."""
        who.require(AGENT, SUPERVISOR, ADMIN)
        if not isinstance(text, str) or not text.strip() or len(text) > CHECK_MAX:
            raise BadInput(f"text must be 1 to {CHECK_MAX} characters", field="text")
        if lang is not None and lang not in LANGUAGES:
            raise BadInput(f"lang must be one of {', '.join(LANGUAGES)}", field="lang")
        return self.filters().check(text, lang).to_json()

    def check_image(self, who: Principal, image: bytes, content_type: str) -> dict[str, Any]:
        """The image moderation verdict (a dry run: nothing is stored)."""
        who.require(AGENT, SUPERVISOR, ADMIN)
        return self.images.check(image, content_type).to_json()

    def queue(self, who: Principal, limit: int = 100) -> dict[str, Any]:
        """Items awaiting a decision, oldest first."""
        who.require(AGENT, SUPERVISOR, ADMIN)
        if not 1 <= limit <= QUEUE_MAX:
            raise BadInput(f"limit must be from 1 to {QUEUE_MAX}", field="limit")
        return {"items": [item.to_json() for item in self.store.open_items(limit)]}

    def decide(self, who: Principal, item_id: str, decision: Any, note: Any) -> dict[str, Any]:
        """Restore or confirm the message; warn and suspend also confirm it. Audit-logged.

        The decision, the message's verdict and the audit entry are stored by one conditional
        write first: of two decisions at once only its winner sanctions (the loser gets 409).
        If a sanction then fails, the same person sending the same decision again completes it
        (sanctions are idempotent per item) and gets the same answer.
        """
        who.require(AGENT, SUPERVISOR, ADMIN)
        if decision not in DECISIONS:
            raise BadInput(f"decision must be one of {', '.join(DECISIONS)}", field="decision")
        if note is not None and (not isinstance(note, str) or len(note) > NOTE_MAX):
            raise BadInput(f"note must be a string of at most {NOTE_MAX} characters", field="note")
        item = self.store.get(item_id)
        if item is None:
            raise NotFound("no such moderation item", code="item_not_found")
        if item.status != OPEN:
            if (item.status, item.decision, item.decided_by) == (DECIDED, decision,
                                                                 who.member_id):
                self._sanction(item, who)  # a retry of this decision: finish what it began
                return item.to_json()
            raise Conflict("this item was already decided", code="already_decided")
        if decision in (WARN, SUSPEND) and item.author_role in STAFF_ROLES:
            raise RuleRefused("staff are not sanctioned from this queue", code="author_is_staff")
        now = self.clock.time()
        verdict = item.restored_verdict if decision == RESTORE else BLOCK
        decided = replace(
            item,
            verdict=verdict,
            status=DECIDED,
            decision=decision,
            decided_by=who.member_id,
            decided_at=now,
            note=(note or "").strip() or None,
        )
        self.store.decide(decided, verdict, decision == RESTORE, sorted(who.roles))
        self._sanction(decided, who)
        self.push(
            self.store.participants(item.conversation_id),
            {
                "type": "message.moderated",
                "conversation_id": item.conversation_id,
                "seq": item.seq,
                "verdict": verdict,
                "text": item.text if decision == RESTORE else None,
            },
        )
        for listener in self.listeners:
            listener(decided)
        return decided.to_json()

    def _sanction(self, item: ReviewItem, who: Principal) -> None:
        """Warn or suspend the author of a decided item (idempotent per item)."""
        at = item.decided_at or self.clock.time()
        if item.decision == WARN:
            self.sanctions.warn(item, who, at)
        elif item.decision == SUSPEND:
            self.sanctions.suspend(item, who, at, item.note or "")
