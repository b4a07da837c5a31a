"""The chat application service: every WebSocket action and REST read of SPEC section A."""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain.chat.model import (
    AVAILABLE,
    CLOSED,
    ESCALATED,
    LANGUAGES,
    OFFLINE,
    PRESENCE_STATUSES,
    TOPICS,
    WAITING,
    Conversation,
    HelperProfile,
    Message,
    Outcome,
    Participant,
    QueueItem,
)
from chalicelib.domain.chat.ports import (
    AuditLog,
    ChatStore,
    DuplicateMessage,
    PresenceStore,
    ProQueue,
    SequenceConflict,
    TextModerator,
    TextVerdict,
    WaveScheduler,
)
from chalicelib.domain.chat.routing import WavePolicy, next_offers, rank
from chalicelib.domain.clock import iso
from chalicelib.domain.errors import (
    BadInput,
    Conflict,
    DomainError,
    Forbidden,
    NotFound,
    RuleRefused,
    Unavailable,
)
from chalicelib.domain.identity import ADMIN, AGENT, HELPER, MEMBER, SUPERVISOR, Principal
from chalicelib.domain.moderation.flood import FloodPolicy, fingerprint
from chalicelib.domain.moderation.review import ReviewItem
from chalicelib.domain.ports import Clock, MemberDirectory

STAFF = frozenset({AGENT, SUPERVISOR, ADMIN})
MESSAGE_MAX = 2000
DEDUPE_TTL = 7 * 86400
SYNC_LIMIT = 500
SEND_ATTEMPTS = 12
# Repeats of short messages ("ok", "merci", "d'accord") are conversation, not flooding.
FLOOD_MIN_CHARS = 8
RECENT_KEPT = 8  # per sender: keeps the conversation item small (~30 bytes each)




class PassThroughModerator:
    """Allows everything as written (used where no moderation is wired)."""

    def check(self, text: str, lang: str | None = None) -> TextVerdict:
        """Allow."""
        return TextVerdict("allow", text, [])


@dataclass
class ChatLimits:
    """Knobs of the chat that come from settings."""

    capacity_default: int = 2
    capacity_max: int = 4
    escalation_due_hours: int = 24
    retention_days: int = 365
    messages_per_minute: int = 30
    keep_escalated_open_to_helpers: bool = True


@dataclass
class ChatService:
    """Presence, requests, routing in waves, relay, escalation, oversight, close and rate."""

    store: ChatStore
    presence: PresenceStore
    queue: ProQueue
    audit: AuditLog
    waves: WaveScheduler
    members: MemberDirectory
    clock: Clock
    moderator: TextModerator = field(default_factory=PassThroughModerator)
    policy: WavePolicy = field(default_factory=WavePolicy)
    limits: ChatLimits = field(default_factory=ChatLimits)
    # The same text repeated by a sender within a conversation is blocked as flooding.
    flood: FloodPolicy = field(default_factory=FloodPolicy)
    # Observers called as listener(event, conversation) once a change is stored: "accepted",
    # "first_response", "closed", "rated" (metrics, points, quality review). The change is
    # done whatever they do, so they must not raise.
    listeners: list[Callable[[str, Conversation], None]] = field(default_factory=list)
    # Checks of the caller at presence.set (e.g. a suspended Helper); they raise to refuse.
    presence_guards: list[Callable[[Principal], None]] = field(default_factory=list)

    # --- presence ------------------------------------------------------------------------

    def set_presence(
        self,
        who: Principal,
        status: str,
        topics: list[str] | None,
        languages: list[str] | None,
        capacity: int | None,
    ) -> Outcome:
        """Available / away / offline, narrowed to topics, languages and capacity."""
        who.require(HELPER, AGENT)
        for guard in self.presence_guards:
            guard(who)
        if status not in PRESENCE_STATUSES:
            raise BadInput(f"status must be one of {', '.join(PRESENCE_STATUSES)}", field="status")
        approved_topics, approved_languages = self._approved(who)
        chosen_topics = self._narrow(topics, approved_topics, "topics")
        chosen_languages = self._narrow(languages, approved_languages, "languages")
        ceiling = self.limits.capacity_max
        if capacity is not None and not 1 <= capacity <= ceiling:
            raise BadInput(f"capacity must be from 1 to {ceiling}", field="capacity")
        previous = self.presence.get(who.member_id)
        kind = HELPER if who.has(HELPER) and not who.has(AGENT) else AGENT
        default_capacity = self.limits.capacity_default if kind == HELPER else ceiling
        profile = HelperProfile(
            member_id=who.member_id,
            kind=kind,
            status=status,
            display_name=self._display_name(who.member_id),
            topics=chosen_topics,
            languages=chosen_languages,
            capacity=capacity or (previous.capacity if previous else default_capacity),
            open_count=previous.open_count if previous else 0,
            heartbeat_at=self.clock.now(),
            last_assigned_at=previous.last_assigned_at if previous else 0.0,
        )
        pools = chosen_languages if status == AVAILABLE and kind == HELPER else []
        known = set(previous.languages) if previous else set()
        self.presence.save(profile, pools, sorted((known | set(approved_languages)) - set(pools)))
        outcome = Outcome(
            {
                "status": status,
                "topics": chosen_topics,
                "languages": chosen_languages,
                "capacity": profile.capacity,
            }
        )
        if status == AVAILABLE and kind == HELPER:
            self._offer_waiting_to(profile, outcome)
        return outcome

    def heartbeat(self, who: Principal) -> None:
        """A ping from a Helper or agent keeps their presence fresh."""
        if who.has_any((HELPER, AGENT)):
            self.presence.heartbeat(who.member_id, self.clock.now())

    def went_offline(self, member_id: str, still_connected: bool) -> None:
        """The last device of a Helper disconnected: stop offering them requests."""
        if still_connected:
            return
        profile = self.presence.get(member_id)
        if profile is None or profile.status == OFFLINE:
            return
        profile.status = OFFLINE
        self.presence.save(profile, [], profile.languages)

    # --- requests and routing ------------------------------------------------------------

    def open_request(
        self, who: Principal, topic: Any, lang: Any, text: str, consent: bool
    ) -> Outcome:
        """Open a help request (consent required), then offer it or queue it."""
        who.require(MEMBER)
        if consent is not True:
            raise RuleRefused(
                "you must accept that answers come from volunteer members, are their own advice "
                "and not professional advice, and that the conversation may be read by the "
                "company and by authorised Helpers",
                code="consent_required",
            )
        if topic not in TOPICS:
            raise BadInput(f"topic must be one of {', '.join(TOPICS)}", field="topic")
        if lang not in LANGUAGES:
            raise BadInput(f"lang must be one of {', '.join(LANGUAGES)}", field="lang")
        verdict = self.moderator.check(text, lang)
        if verdict.verdict == "block" or verdict.text is None:
            raise RuleRefused(
                "this message cannot be sent: it breaks the community rules",
                code="message_blocked",
                reasons=_public_reasons(verdict),
            )
        now = self.clock.now()
        conversation = Conversation(
            conversation_id="cv-" + uuid.uuid4().hex[:16],
            member_id=who.member_id,
            topic=topic,
            lang=lang,
            status=WAITING,
            opened_at=now,
            preview=verdict.text[:200],
            last_seq=1,
            straight_to_professionals=self.policy.straight_to_professionals(topic),
        )
        digest = self._digest(text)
        conversation.recent = self._remember({}, who.member_id, digest, now) if digest else {}
        first = Message(
            conversation.conversation_id,
            1,
            who.member_id,
            MEMBER,
            verdict.text,
            verdict.verdict,
            now,
            "open",
        )
        self.store.create(
            conversation, first, self._ttl_at(now), self._review_item(conversation, first, verdict)
        )
        outcome = Outcome(
            {
                "conversation_id": conversation.conversation_id,
                "seq": 1,
                "verdict": verdict.verdict,
                "text": verdict.text,
            }
        )
        outcome.push(
            [who.member_id],
            {"type": "help.queued", "conversation_id": conversation.conversation_id},
        )
        if conversation.straight_to_professionals:
            self._escalate(conversation, "sensitive topic", outcome, automatic=True)
            return outcome
        self._route(conversation, 1, outcome)
        return outcome

    def on_wave_timeout(self, conversation_id: str, wave: int) -> Outcome:
        """A wave ran out: widen the offer, or hand the request to professionals."""
        outcome = Outcome({})
        conversation = self.store.get(conversation_id)
        if conversation is None or not conversation.awaiting_helper:
            return outcome
        if conversation.wave != wave or conversation.escalated:
            return outcome  # a stale timer: another wave or an escalation superseded it
        self._route(conversation, wave + 1, outcome)
        return outcome

    def _route(self, conversation: Conversation, wave: int, outcome: Outcome) -> None:
        if wave > self.policy.max_waves:
            self._escalate(conversation, "no Helper accepted in time", outcome, automatic=True)
            return
        ranked = self._candidates(conversation)
        offers = next_offers(ranked, conversation.offered, wave, self.policy)
        if not offers and not conversation.offered:
            # Nobody online who can take it: professionals at once, still open to Helpers.
            self._escalate(conversation, "no Helper available", outcome, automatic=True)
            return
        conversation.offered = conversation.offered + offers
        conversation.wave = wave
        self.store.update(conversation.conversation_id, wave=wave, offered=conversation.offered)
        self._push_offer(conversation, offers, outcome)
        self.waves.schedule(conversation.conversation_id, wave, self.policy.timeout_seconds)

    def _candidates(self, conversation: Conversation) -> list[HelperProfile]:
        ids = self.presence.pool(conversation.lang, limit=50)
        profiles = self.presence.many([i for i in ids if i != conversation.member_id])
        return rank(
            profiles.values(),
            member_id=conversation.member_id,
            topic=conversation.topic,
            lang=conversation.lang,
            now=self.clock.now(),
            ttl=self.policy.heartbeat_ttl,
        )

    def _push_offer(self, conversation: Conversation, helpers: list[str], outcome: Outcome) -> None:
        outcome.push(
            helpers,
            {
                "type": "help.offer",
                "conversation_id": conversation.conversation_id,
                "topic": conversation.topic,
                "lang": conversation.lang,
                "preview": conversation.preview,
                "expires_in": self.policy.timeout_seconds,
            },
        )

    def _offer_waiting_to(self, profile: HelperProfile, outcome: Outcome) -> None:
        """A Helper became available or freed a slot: offer them the oldest waiting requests."""
        if profile.spare <= 0 or profile.status != AVAILABLE:
            return
        now = self.clock.now()
        for lang in profile.languages:
            for conversation in self.store.waiting(lang, limit=10):
                if not conversation.awaiting_helper or profile.member_id in conversation.offered:
                    continue
                if conversation.member_id == profile.member_id:
                    continue
                if not rank(
                    [profile],
                    member_id=conversation.member_id,
                    topic=conversation.topic,
                    lang=lang,
                    now=now,
                    ttl=self.policy.heartbeat_ttl,
                ):
                    continue
                conversation.offered = conversation.offered + [profile.member_id]
                self.store.update(conversation.conversation_id, offered=conversation.offered)
                self._push_offer(conversation, [profile.member_id], outcome)

    def sweep(self) -> Outcome:
        """Safety net: re-route requests whose wave timer was lost."""
        outcome = Outcome({})
        now = self.clock.now()
        stale_after = self.policy.timeout_seconds * 3
        for lang in LANGUAGES:
            for conversation in self.store.waiting(lang, limit=50):
                if conversation.escalated or not conversation.awaiting_helper:
                    continue
                if now - conversation.opened_at > stale_after * max(1, conversation.wave):
                    self._route(conversation, conversation.wave + 1, outcome)
        return outcome

    def accept(self, who: Principal, conversation_id: str) -> Outcome:
        """First accept wins, atomically; everyone else gets `already_taken`."""
        who.require(HELPER, AGENT)
        conversation = self._conversation(conversation_id)
        if conversation.member_id == who.member_id:
            raise Forbidden("you cannot answer your own request")
        if not conversation.awaiting_helper:
            raise Conflict("another Helper already took this request", code="already_taken")
        is_agent = who.has(AGENT)
        if not is_agent and conversation.straight_to_professionals:
            raise Forbidden("this request is for professional agents")
        now = self.clock.now()
        try:
            self.store.assign(
                conversation_id,
                who.member_id,
                AGENT if is_agent else HELPER,
                now,
                None if is_agent else conversation.lang,
                capacity_checked=not is_agent,
            )
        except Conflict as e:
            if e.code == "already_taken":
                raise
            raise self._why_not_available(who.member_id) from e
        conversation.helper_id = who.member_id
        conversation.helper_role, conversation.assigned_at = (AGENT if is_agent else HELPER), now
        self._notify("accepted", conversation)
        outcome = Outcome(
            {
                "conversation_id": conversation_id,
                "topic": conversation.topic,
                "lang": conversation.lang,
                "member_id": conversation.member_id,
            }
        )
        outcome.push(
            [conversation.member_id],
            {
                "type": "help.assigned",
                "conversation_id": conversation_id,
                "helper": {
                    "id": who.member_id,
                    "display_name": self._display_name(who.member_id),
                    "badge": AGENT if is_agent else HELPER,
                },
            },
        )
        losers = [h for h in conversation.offered if h != who.member_id]
        outcome.push(losers, {"type": "help.offer_withdrawn", "conversation_id": conversation_id})
        if conversation.ticket_id:
            self.queue.done(conversation.ticket_id)
        return outcome

    def _why_not_available(self, member_id: str) -> DomainError:
        profile = self.presence.get(member_id)
        if profile is None or profile.status != AVAILABLE:
            return RuleRefused("set yourself available before accepting", code="not_available")
        return RuleRefused(
            "you are at your capacity; close a conversation first", code="at_capacity"
        )

    # --- messages --------------------------------------------------------------------------

    def send(
        self,
        who: Principal,
        connection_id: str,
        conversation_id: str,
        client_msg_id: str,
        text: str,
    ) -> Outcome:
        """Moderate, persist with the next seq, ack, then fan out; idempotent per client id."""
        dedupe_key = f"msg#{conversation_id}#{who.member_id}#{client_msg_id}"
        for attempt in range(SEND_ATTEMPTS):
            if attempt:
                # Another message took the number first: back off a little, with jitter, so
                # that writers racing on one conversation do not collide again in lockstep.
                time.sleep(random.uniform(0, 0.02 * attempt))
            conversation = self._conversation(conversation_id)
            role = conversation.role_of(who.member_id)
            if role is None:
                raise Forbidden(
                    "you are not a participant of this conversation", code="not_participant"
                )
            if conversation.status == CLOSED:
                # A resend of a message accepted before the close still gets its answer.
                previous = self.store.recall(dedupe_key)
                if previous is not None:
                    return Outcome(previous)
                raise RuleRefused("this conversation is closed", code="conversation_closed")
            verdict = self.moderator.check(text, conversation.lang)
            now = self.clock.now()
            verdict, recent = self._flood(conversation, who.member_id, text, verdict, now)
            if verdict.verdict == "block" or verdict.text is None:
                answer = {
                    "seq": None,
                    "verdict": "block",
                    "text": None,
                    "reasons": _public_reasons(verdict),
                }
                try:
                    self.store.remember(dedupe_key, answer, int(now) + DEDUPE_TTL)
                except DuplicateMessage as dup:
                    return Outcome(dup.answer)
                return Outcome(answer)
            seq = conversation.last_seq + 1
            message = Message(
                conversation_id,
                seq,
                who.member_id,
                role,
                verdict.text,
                verdict.verdict,
                now,
                client_msg_id,
            )
            answer = {"seq": seq, "verdict": verdict.verdict, "text": verdict.text}
            if verdict.reasons:
                answer["reasons"] = _public_reasons(verdict)
            window = int(now // 60)
            try:
                # One transaction: next seq, the message, its idempotency record, the rate,
                # the repeat fingerprints and, for "review", the moderation queue item.
                self.store.append(
                    conversation,
                    message,
                    dedupe_key,
                    answer,
                    self._ttl_at(now),
                    f"rate#{who.member_id}#{window}",
                    self.limits.messages_per_minute,
                    recent,
                    self._review_item(conversation, message, verdict),
                )
            except SequenceConflict:
                continue
            except DuplicateMessage as dup:
                return Outcome(dup.answer)
            if role != MEMBER and conversation.first_response_at is None:
                conversation.first_response_at = now
                self._notify("first_response", conversation)
            outcome = Outcome(answer)
            outcome.push(
                conversation.participant_ids(),
                {"type": "message.new", **message.to_json(), "ts": iso(now)},
                skip_connection=connection_id,
            )
            return outcome
        raise Unavailable("the conversation is very busy; retry with the same client_msg_id")

    def sync(self, who: Principal, conversation_id: str, after_seq: int) -> dict[str, Any]:
        """Every message after `after_seq`, in order (participants and staff)."""
        conversation = self._conversation(conversation_id)
        self._authorize_read(who, conversation, "sync")
        messages = self.store.messages_after(conversation_id, after_seq, SYNC_LIMIT + 1)
        more = len(messages) > SYNC_LIMIT
        return {
            "conversation_id": conversation_id,
            "messages": [m.to_json() | {"ts": iso(m.ts)} for m in messages[:SYNC_LIMIT]],
            "more": more,
            "last_seq": conversation.last_seq,
        }

    # --- escalation, oversight, close, rate ----------------------------------------------

    def escalate(self, who: Principal, conversation_id: str, reason: str) -> Outcome:
        """A participant sends the conversation to professionals (idempotent)."""
        conversation = self._conversation(conversation_id)
        if conversation.role_of(who.member_id) is None:
            raise Forbidden(
                "you are not a participant of this conversation", code="not_participant"
            )
        if conversation.status == CLOSED:
            raise RuleRefused("this conversation is closed", code="conversation_closed")
        outcome = Outcome({})
        self._escalate(conversation, reason, outcome, automatic=False)
        outcome.result = {"ticket_id": conversation.ticket_id, "due_at": iso(conversation.due_at)}
        return outcome

    def _escalate(
        self, conversation: Conversation, reason: str, outcome: Outcome, automatic: bool
    ) -> None:
        if conversation.escalated and conversation.ticket_id:
            return
        now = self.clock.now()
        due = now + self.limits.escalation_due_hours * 3600
        ticket_id = "tk-" + uuid.uuid4().hex[:16]
        self.queue.put(
            QueueItem(
                ticket_id,
                "conversation",
                conversation.conversation_id,
                due,
                now,
                reason[:200],
                conversation.lang,
                conversation.topic,
            )
        )
        keep_waiting = (
            conversation.awaiting_helper
            and self.limits.keep_escalated_open_to_helpers
            and not conversation.straight_to_professionals
        )
        status = ESCALATED if conversation.helper_id is None else conversation.status
        self.store.update(
            conversation.conversation_id,
            status=status,
            escalated=True,
            escalated_at=now,
            ticket_id=ticket_id,
            due_at=due,
            waiting_lang=conversation.lang if keep_waiting else None,
            straight_to_professionals=conversation.straight_to_professionals,
        )
        conversation.escalated, conversation.ticket_id, conversation.due_at = True, ticket_id, due
        conversation.status = status
        outcome.push(
            conversation.participant_ids(),
            {
                "type": "conversation.escalated",
                "conversation_id": conversation.conversation_id,
                "ticket_id": ticket_id,
                "due_at": iso(due),
                "automatic": automatic,
            },
        )

    def join(self, who: Principal, conversation_id: str) -> Outcome:
        """Staff join as the company voice."""
        who.require(AGENT, SUPERVISOR, ADMIN)
        conversation = self._conversation(conversation_id)
        if conversation.status == CLOSED:
            raise RuleRefused("this conversation is closed", code="conversation_closed")
        role = "supervisor" if who.has(SUPERVISOR) else ("admin" if who.has(ADMIN) else AGENT)
        outcome = Outcome({})
        if conversation.role_of(who.member_id) is not None:
            return outcome
        self.store.add_staff(conversation_id, who.member_id, role)
        if conversation.ticket_id and who.has(AGENT):
            self.queue.done(conversation.ticket_id)
        self.audit.record(
            who.member_id, sorted(who.roles), "conversation.join", conversation_id, self.clock.now()
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
        """A participant or staff closes; the Helper's slot is freed at once."""
        conversation = self._conversation(conversation_id)
        if conversation.role_of(who.member_id) is None and not who.is_staff:
            raise Forbidden(
                "you are not a participant of this conversation", code="not_participant"
            )
        outcome = Outcome({})
        if conversation.status == CLOSED:
            return outcome
        closed = self.store.close(conversation_id, who.member_id, self.clock.now())
        self._notify("closed", closed)
        if closed.ticket_id:
            self.queue.done(closed.ticket_id)
        outcome.push(
            conversation.participant_ids(),
            {
                "type": "conversation.closed",
                "conversation_id": conversation_id,
                "by": who.member_id,
            },
        )
        losers = [h for h in conversation.offered if h != conversation.helper_id]
        if conversation.helper_id is None:
            outcome.push(
                losers, {"type": "help.offer_withdrawn", "conversation_id": conversation_id}
            )
        if conversation.helper_id and conversation.helper_role == HELPER:
            self.presence.release(conversation.helper_id, conversation.lang)
            profile = self.presence.get(conversation.helper_id)
            if profile is not None:
                self._offer_waiting_to(profile, outcome)
        return outcome

    def rate(
        self, who: Principal, conversation_id: str, score: int, comment: str | None
    ) -> Outcome:
        """The member rates a closed conversation, once."""
        conversation = self._conversation(conversation_id)
        if conversation.member_id != who.member_id:
            raise Forbidden("only the member who asked can rate", code="not_the_member")
        if conversation.status != CLOSED:
            raise RuleRefused("close the conversation before rating it", code="not_closed")
        if conversation.rating is not None:
            raise Conflict("this conversation is already rated", code="already_rated")
        stored_comment = None
        if comment:
            verdict = self.moderator.check(comment, conversation.lang)
            stored_comment = verdict.text if verdict.verdict != "block" else None
        self.store.rate(conversation_id, who.member_id, score, stored_comment)
        conversation.rating = score
        self._notify("rated", conversation)
        return Outcome({})

    def transcript(self, who: Principal, conversation_id: str) -> dict[str, Any]:
        """The whole conversation for participants, staff and authorised Helpers (audited)."""
        conversation = self._conversation(conversation_id)
        self._authorize_read(who, conversation, "transcript")
        messages = self.store.messages_after(conversation_id, 0, 10_000)
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
            "opened_at": iso(conversation.opened_at),
            "assigned_at": iso(conversation.assigned_at),
            "closed_at": iso(conversation.closed_at),
            "due_at": iso(conversation.due_at),
            "messages": [m.to_json() | {"ts": iso(m.ts)} for m in messages],
        }

    def list_conversations(
        self, who: Principal, day: str | None, status: str | None
    ) -> dict[str, Any]:
        """Staff: conversations opened on a day (default today), optionally by status."""
        who.require(AGENT, SUPERVISOR, ADMIN)
        day = day or dt.datetime.fromtimestamp(self.clock.now(), dt.UTC).strftime("%Y-%m-%d")
        try:
            dt.date.fromisoformat(day)
        except ValueError as e:
            raise BadInput("day must be YYYY-MM-DD", field="day") from e
        items = [
            c.summary()
            for c in self.store.by_day(day, limit=500)
            if status is None or c.status == status
        ]
        return {"day": day, "conversations": items}

    def my_conversations(self, who: Principal) -> dict[str, Any]:
        """A member's own conversations, newest first."""
        items = self.store.by_member(who.member_id, limit=50)
        return {"conversations": [c.summary() for c in items]}

    def agent_queue(self, who: Principal) -> dict[str, Any]:
        """Escalated conversations and claims, oldest due first."""
        who.require(AGENT, SUPERVISOR, ADMIN)
        return {
            "items": [
                i.to_json() | {"due_at": iso(i.due_at), "created_at": iso(i.created_at)}
                for i in self.queue.open_items(limit=200)
            ]
        }

    def audit_log(self, who: Principal, day: str | None) -> dict[str, Any]:
        """Admins read the audit log of a day."""
        who.require(ADMIN, SUPERVISOR)
        day = day or dt.datetime.fromtimestamp(self.clock.now(), dt.UTC).strftime("%Y-%m-%d")
        return {"day": day, "entries": self.audit.day(day, limit=1000)}

    # --- helpers -------------------------------------------------------------------------

    def _notify(self, event: str, conversation: Conversation) -> None:
        for listener in self.listeners:
            listener(event, conversation)

    def _conversation(self, conversation_id: str) -> Conversation:
        if not isinstance(conversation_id, str) or not conversation_id:
            raise BadInput("conversation_id is required", field="conversation_id")
        conversation = self.store.get(conversation_id)
        if conversation is None:
            raise NotFound("no such conversation", code="conversation_not_found")
        return conversation

    def _authorize_read(self, who: Principal, conversation: Conversation, action: str) -> None:
        if conversation.role_of(who.member_id) is not None:
            return
        if not (who.is_staff or self._may_read_transcripts(who)):
            # A member never learns whether another member's conversation exists.
            raise NotFound("no such conversation", code="conversation_not_found")
        self.audit.record(
            who.member_id,
            sorted(who.roles),
            f"conversation.{action}",
            conversation.conversation_id,
            self.clock.now(),
        )

    def _may_read_transcripts(self, who: Principal) -> bool:
        if not who.has(HELPER):
            return False
        record = self.members.get(who.member_id) or {}
        helper = (record.get("profile") or {}).get("helper") or {}
        return bool(helper.get("transcript_access"))

    def _approved(self, who: Principal) -> tuple[list[str], list[str]]:
        record = self.members.get(who.member_id) or {}
        helper = (record.get("profile") or {}).get("helper") or {}
        if who.has(AGENT):
            return list(TOPICS), list(LANGUAGES)
        topics = [t for t in helper.get("topics", TOPICS) if t in TOPICS]
        languages = [
            x for x in helper.get("languages", [record.get("lang", "fr")]) if x in LANGUAGES
        ]
        return topics, languages

    @staticmethod
    def _narrow(asked: list[str] | None, approved: list[str], name: str) -> list[str]:
        if asked is None:
            return list(approved)
        outside = sorted(set(asked) - set(approved))
        if outside:
            raise RuleRefused(
                f"{name} outside your approved profile: {', '.join(outside)}",
                code="not_approved",
                field=name,
            )
        return [a for a in approved if a in asked]

    def _display_name(self, member_id: str) -> str:
        record = self.members.get(member_id) or {}
        return str(record.get("display_name") or member_id)

    def _ttl_at(self, now: float) -> int:
        return int(now) + self.limits.retention_days * 86400

    def _flood(
        self, conversation: Conversation, sender: str, text: str, verdict: TextVerdict, now: float
    ) -> tuple[TextVerdict, dict[str, list[list[Any]]] | None]:
        """Block the same text repeated by a sender in this conversation (FloodPolicy).

        The recent fingerprints live on the conversation item, which `send` reads anyway and
        updates in the message's transaction: an allowed message costs no extra AWS call.
        Returns the verdict and the new `recent` map (None: leave it as it is).
        """
        digest = self._digest(text)
        if verdict.verdict == "block" or verdict.text is None or digest is None:
            return verdict, None
        fresh = self._fresh(conversation.recent, now)
        same = sum(1 for d, _ in fresh.get(sender, []) if d == digest)
        reason = self.flood.check(sent_in_window=0, same_text_recently=same)
        if reason is not None:
            return TextVerdict("block", None, [*verdict.reasons, reason.to_json()]), None
        return verdict, self._remember(fresh, sender, digest, now)

    def _fresh(
        self, recent: dict[str, list[list[Any]]], now: float
    ) -> dict[str, list[list[Any]]]:
        window = self.flood.repeat_window_seconds
        kept = {k: [e for e in v if now - e[1] < window] for k, v in recent.items()}
        return {k: v for k, v in kept.items() if v}

    @staticmethod
    def _digest(text: str) -> str | None:
        """A text's repeat fingerprint; None for short replies, which never count."""
        if sum(c.isalnum() for c in text) < FLOOD_MIN_CHARS:
            return None
        return fingerprint(text)[:12]

    @staticmethod
    def _remember(
        recent: dict[str, list[list[Any]]], sender: str, digest: str, now: float
    ) -> dict[str, list[list[Any]]]:
        entries = [*recent.get(sender, []), [digest, int(now)]]
        return {**recent, sender: entries[-RECENT_KEPT:]}

    @staticmethod
    def _review_item(
        conversation: Conversation, message: Message, verdict: TextVerdict
    ) -> ReviewItem | None:
        """The moderation queue item of a message given "review" (stored in its transaction)."""
        if verdict.verdict != "review" or message.text is None:
            return None
        return ReviewItem.for_message(
            conversation.conversation_id,
            message.seq,
            message.sender_id,
            message.sender_role,
            message.text,
            verdict.reasons,
            conversation.lang,
            message.ts,
        )


def _public_reasons(verdict: TextVerdict) -> list[dict[str, Any]]:
    """Reasons as the sender may see them (categories and rules, never the matched text)."""
    public = []
    for reason in verdict.reasons:
        public.append({k: v for k, v in reason.items() if k in ("category", "rule", "severity")})
    return public
