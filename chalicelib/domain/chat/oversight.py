"""Oversight: escalation, staff joining, close and rating, transcripts, conversation lists,
the agents' queue and the audit log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.chat.core import ChatCore
from chalicelib.domain.chat.events import ChatEvent
from chalicelib.domain.chat.help_requests import HelpRequests
from chalicelib.domain.chat.listing import (
    LIST_PAGE_MAX,
    Position,
    check_range,
    conversations_between,
)
from chalicelib.domain.chat.model import CLOSED, Conversation, Outcome, Participant
from chalicelib.domain.chat.pages import TRANSCRIPT_BUDGET_BYTES, TRANSCRIPT_LIMIT, page_of
from chalicelib.domain.clock import wire_time
from chalicelib.domain.cursors import bad_cursor, decode_cursor, encode_cursor
from chalicelib.domain.errors import BadInput, Conflict, Forbidden, RuleRefused
from chalicelib.domain.identity import ADMIN, AGENT, HELPER, MEMBER, SUPERVISOR, Principal

AUDIT_PAGE = 100  # entries per page of GET /audit by default
AUDIT_PAGE_MAX = 500
AUDIT_FILTERS = ("action", "actor")  # GET /audit?action=&actor=: equality, on the server


def _position(cursor: str | None, max_len: int = 64) -> str | None:
    """The position of a chat cursor (printable text, at most `max_len`; None: no cursor)."""
    if not cursor:
        return None
    position = decode_cursor(cursor)
    if not position or len(position) > max_len or not position.isprintable():
        raise bad_cursor()
    return position


def _cursor(position: str | None) -> str | None:
    return encode_cursor(position) if position is not None else None


def _after_seq(cursor: str | None) -> int:
    """The seq a transcript cursor continues after (0: from the start); 400 `bad_cursor`."""
    position = _position(cursor)
    if position is None:
        return 0
    if not position.isdigit():
        raise bad_cursor()
    return int(position)


@dataclass
class Oversight:
    """What happens to a conversation once asked: escalation, staff, close, rating, reads."""

    core: ChatCore
    # A close frees the Helper's slot, and routing offers them the requests still waiting.
    routing: HelpRequests

    def escalate(self, who: Principal, conversation_id: str, reason: str) -> Outcome:
        """A participant sends the conversation to professionals (idempotent)."""
        conversation = self.core.conversation(conversation_id)
        self.core.participant_role(who, conversation)
        if conversation.status == CLOSED:
            raise RuleRefused("this conversation is closed", code="conversation_closed")
        outcome = Outcome({})
        self.core.hand_to_professionals(conversation, reason, outcome, automatic=False)
        outcome.result = {
            "ticket_id": conversation.ticket_id,
            "due_at": wire_time(conversation.due_at),
        }
        return outcome

    def join(self, who: Principal, conversation_id: str) -> Outcome:
        """Staff join as the company voice."""
        who.require(AGENT, SUPERVISOR, ADMIN)
        conversation = self.core.conversation(conversation_id)
        if conversation.status == CLOSED:
            raise RuleRefused("this conversation is closed", code="conversation_closed")
        role = "supervisor" if who.has(SUPERVISOR) else ("admin" if who.has(ADMIN) else AGENT)
        outcome = Outcome({})
        if conversation.role_of(who.member_id) is not None:
            return outcome
        self.core.store.add_staff(conversation_id, who.member_id, role)
        if conversation.ticket_id and who.has(AGENT):
            self.core.queue.done(conversation.ticket_id)
        self.core.audit.record(
            who.member_id,
            sorted(who.roles),
            "conversation.join",
            conversation_id,
            self.core.clock.time(),
        )
        conversation.staff.append(Participant(who.member_id, role))
        outcome.push(
            conversation.participant_ids(),
            {
                "type": "participant.joined",
                "conversation_id": conversation_id,
                "participant": {"id": who.member_id, "role": role},
            },
        )
        return outcome

    def close(self, who: Principal, conversation_id: str) -> Outcome:
        """A participant or staff closes; the Helper's slot is freed at once. Staff closing a
        member's conversation is a decision about it: audited."""
        conversation = self.core.conversation(conversation_id)
        if not who.is_staff:
            self.core.participant_role(who, conversation)
        outcome = Outcome({})
        if conversation.status == CLOSED:
            return outcome
        if who.is_staff:
            self.core.audit.record(who.member_id, sorted(who.roles), "conversation.close",
                                   conversation_id, self.core.clock.time())
        self.finish(conversation, who.member_id, outcome)
        return outcome

    def finish(
        self, conversation: Conversation, by: str, outcome: Outcome, reason: str | None = None
    ) -> None:
        """Close an open conversation: listeners told, its ticket done, the participants
        told (with `reason` when the system closed it), the Helper's slot freed."""
        conversation_id = conversation.conversation_id
        closed = self.core.store.close(conversation_id, by, self.core.clock.time())
        if closed is None:
            return  # closed by someone else meanwhile: they freed the slot and told everyone
        self.core.notify(ChatEvent.CLOSED, closed)
        if closed.ticket_id:
            self.core.queue.done(closed.ticket_id)
        event: dict[str, Any] = {
            "type": "conversation.closed", "conversation_id": conversation_id, "by": by
        }
        if reason is not None:
            event["reason"] = reason
        outcome.push(conversation.participant_ids(), event)
        losers = [h for h in conversation.offered if h != conversation.helper_id]
        if conversation.helper_id is None:
            outcome.push(
                losers, {"type": "help.offer_withdrawn", "conversation_id": conversation_id}
            )
        if conversation.helper_id and conversation.helper_role == HELPER:
            self.routing.release(conversation.helper_id, conversation.lang, outcome)

    def rate(
        self, who: Principal, conversation_id: str, score: int, comment: str | None
    ) -> Outcome:
        """The member rates a closed conversation, once."""
        conversation = self.core.conversation(conversation_id)
        if conversation.member_id != who.member_id:
            raise Forbidden("only the member who asked can rate", code="not_the_member")
        if conversation.status != CLOSED:
            raise RuleRefused("close the conversation before rating it", code="not_closed")
        if conversation.rating is not None:
            raise Conflict("this conversation is already rated", code="already_rated")
        stored_comment = None
        if comment:
            verdict = self.core.moderator.check(comment, conversation.lang)
            stored_comment = verdict.text if verdict.verdict != "block" else None
        self.core.store.rate(conversation_id, who.member_id, score, stored_comment)
        conversation.rating = score
        self.core.notify(ChatEvent.RATED, conversation)
        return Outcome({})

    def transcript(
        self, who: Principal, conversation_id: str, cursor: str | None = None
    ) -> dict[str, Any]:
        """The conversation for participants, staff and authorised Helpers (audited), with a
        page of its messages bounded in number and size (TRANSCRIPT_LIMIT,
        TRANSCRIPT_BUDGET_BYTES): `next_cursor` gives the next page (null: the last one)."""
        conversation = self.core.conversation(conversation_id)
        after = _after_seq(cursor)
        self.core.authorize_read(who, conversation, "transcript")
        messages = self.core.store.messages_after(conversation_id, after, TRANSCRIPT_LIMIT + 1)
        page = page_of(messages, TRANSCRIPT_BUDGET_BYTES, TRANSCRIPT_LIMIT)
        next_cursor = encode_cursor(str(page.last_seq)) if page.more else None
        return {
            **conversation.summary(),
            "participants": [
                {"id": conversation.member_id, "role": MEMBER},
                *(
                    [{"id": conversation.helper_id, "role": conversation.helper_role}]
                    if conversation.helper_id
                    else []
                ),
                *[p.to_json() for p in conversation.staff],
            ],
            "opened_at": wire_time(conversation.opened_at),
            "assigned_at": wire_time(conversation.assigned_at),
            "closed_at": wire_time(conversation.closed_at),
            "due_at": wire_time(conversation.due_at),
            "messages": page.messages,
            "next_cursor": next_cursor,
            # Who answers, as `help.assigned` named them: a page reloaded shows it again.
            "helper": self._answerer(conversation),
        }

    def _answerer(self, conversation: Conversation) -> dict[str, Any] | None:
        if not conversation.helper_id:
            return None
        return {
            "id": conversation.helper_id,
            "display_name": self.core.display_name(conversation.helper_id),
            "badge": AGENT if conversation.helper_role == AGENT else HELPER,
        }

    def list_conversations(
        self,
        who: Principal,
        day: str | None,
        status: str | None,
        period: tuple[str | None, str | None] = (None, None),
        limit: int = LIST_PAGE_MAX,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        """Staff: conversations opened on a day (default today) or from `period` = (from, to)
        (days, inclusive, either defaulting to the other), newest first, optionally by status;
        `next_cursor` continues where the page stopped (null: nothing older in the period)."""
        who.require(AGENT, SUPERVISOR, ADMIN)
        first, last = period
        if first is None and last is None:
            first = last = day or self._today()
        try:
            start, end = check_range(first or last or "", last or first or "")
        except ValueError as e:
            raise BadInput("days must be YYYY-MM-DD", field="from") from e
        position = _position(cursor, max_len=200)
        items, next_at = conversations_between(
            self.core.store, start, end, status, limit,
            Position.decode(position) if position else None)
        answer = {"from": start.isoformat(), "to": end.isoformat(), "conversations": items,
                  "next_cursor": _cursor(next_at.encode() if next_at else None)}
        return answer | ({"day": start.isoformat()} if start == end else {})

    def my_conversations(self, who: Principal) -> dict[str, Any]:
        """A member's own conversations, newest first."""
        items = self.core.store.by_member(who.member_id, limit=50)
        return {"conversations": [c.summary() for c in items]}

    def agent_queue(self, who: Principal) -> dict[str, Any]:
        """Escalated conversations and claims, oldest due first."""
        who.require(AGENT, SUPERVISOR, ADMIN)
        return {
            "items": [
                i.to_json() | {"due_at": wire_time(i.due_at), "created_at": wire_time(i.created_at)}
                for i in self.core.queue.open_items(limit=200)
            ]
        }

    def audit_log(
        self,
        who: Principal,
        day: str | None,
        limit: int = AUDIT_PAGE,
        cursor: str | None = None,
        match: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """Supervisors and admins read the audit log of a day, newest first, a page at a time:
        `next_cursor` continues where the page stopped (null: nothing older that day); `match`
        keeps the entries of one `action` and/or one `actor`."""
        who.require(ADMIN, SUPERVISOR)
        day = day or self._today()
        try:
            dt.date.fromisoformat(day)
        except ValueError as e:
            raise BadInput("day must be YYYY-MM-DD", field="day") from e
        if not 1 <= limit <= AUDIT_PAGE_MAX:
            raise BadInput(f"limit must be 1 to {AUDIT_PAGE_MAX}", field="limit")
        wanted = {k: v for k, v in (match or {}).items() if k in AUDIT_FILTERS and v}
        entries, last = self.core.audit.page(day, limit, _position(cursor), wanted or None)
        return {"day": day, "entries": entries, "next_cursor": _cursor(last)}

    def _today(self) -> str:
        return self.core.clock.now().strftime("%Y-%m-%d")
