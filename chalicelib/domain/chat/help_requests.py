"""Requests and routing: presence, opening a request, offering it in waves, the safety sweep
and the accept (first accept wins)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.chat.conflicts import ConflictsOfInterest
from chalicelib.domain.chat.core import (
    ChatCore,
    public_reasons,
    remember,
    repeat_digest,
)
from chalicelib.domain.chat.events import ChatEvent
from chalicelib.domain.chat.model import (
    AVAILABLE,
    LANGUAGES,
    OFFLINE,
    PRESENCE_STATUSES,
    TOPICS,
    WAITING,
    Conversation,
    HelperProfile,
    Outcome,
)
from chalicelib.domain.chat.opening import OpenOnce
from chalicelib.domain.chat.ports import WaveScheduler
from chalicelib.domain.chat.routing import WavePolicy, next_offers, rank_for_offers
from chalicelib.domain.errors import BadInput, Conflict, DomainError, Forbidden, RuleRefused
from chalicelib.domain.identity import AGENT, HELPER, MEMBER, Principal
from chalicelib.domain.limits import RateLimit

# Checks of the caller at presence.set (e.g. a suspended Helper); they raise to refuse.
PresenceGuard = Callable[[Principal], None]


@dataclass
class HelpRequests:
    """Presence, help requests, routing in waves, the sweep and the accept."""

    core: ChatCore
    waves: WaveScheduler
    policy: WavePolicy
    presence_guards: Sequence[PresenceGuard]
    # Whom a member has dealt with (bookings, open claims): never offered their request.
    conflicts: ConflictsOfInterest
    # HELP_OPEN_PER_HOUR: requests a member may open per clock hour (None: unlimited).
    open_limit: RateLimit | None = None

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
        chosen_topics = _narrow(topics, approved_topics, "topics")
        chosen_languages = _narrow(languages, approved_languages, "languages")
        ceiling = self.core.limits.capacity_max
        if capacity is not None and not 1 <= capacity <= ceiling:
            raise BadInput(f"capacity must be from 1 to {ceiling}", field="capacity")
        previous = self.core.presence.get(who.member_id)
        profile = self._presence_profile(
            who, status, chosen_topics, chosen_languages, capacity, previous
        )
        pools = chosen_languages if status == AVAILABLE and profile.kind == HELPER else []
        known = set(previous.languages) if previous else set()
        self.core.presence.save(
            profile, pools, sorted((known | set(approved_languages)) - set(pools))
        )
        outcome = Outcome(
            {
                "status": status,
                "topics": chosen_topics,
                "languages": chosen_languages,
                "capacity": profile.capacity,
            }
        )
        if status == AVAILABLE and profile.kind == HELPER:
            self._offer_waiting_to(profile, outcome)
        return outcome

    def _presence_profile(
        self,
        who: Principal,
        status: str,
        topics: list[str],
        languages: list[str],
        capacity: int | None,
        previous: HelperProfile | None,
    ) -> HelperProfile:
        """The profile to store; what the caller did not choose carries over from `previous`."""
        kind = HELPER if who.has(HELPER) and not who.has(AGENT) else AGENT
        limits = self.core.limits
        default_capacity = limits.capacity_default if kind == HELPER else limits.capacity_max
        return HelperProfile(
            member_id=who.member_id,
            kind=kind,
            status=status,
            display_name=self.core.display_name(who.member_id),
            topics=topics,
            languages=languages,
            capacity=capacity or (previous.capacity if previous else default_capacity),
            open_count=previous.open_count if previous else 0,
            heartbeat_at=self.core.clock.time(),
            last_assigned_at=previous.last_assigned_at if previous else 0.0,
        )

    def heartbeat(self, who: Principal) -> None:
        """A ping from a Helper or agent keeps their presence fresh."""
        if who.has_any((HELPER, AGENT)):
            self.core.presence.heartbeat(who.member_id, self.core.clock.time())

    def went_offline(self, member_id: str, still_connected: bool) -> None:
        """The last device of a Helper disconnected: stop offering them requests."""
        if still_connected:
            return
        profile = self.core.presence.get(member_id)
        if profile is None or profile.status == OFFLINE:
            return
        profile.status = OFFLINE
        self.core.presence.save(profile, [], profile.languages)

    def _approved(self, who: Principal) -> tuple[list[str], list[str]]:
        if who.has(AGENT):
            return list(TOPICS), list(LANGUAGES)
        member = self.core.members.get(who.member_id)
        helper = member.helper if member is not None else None
        own = [member.lang if member is not None else "fr"]
        approved_topics = helper.topics if helper and helper.topics is not None else TOPICS
        approved_languages = (
            helper.languages if helper and helper.languages is not None else own
        )
        topics = [t for t in approved_topics if t in TOPICS]
        languages = [x for x in approved_languages if x in LANGUAGES]
        return topics, languages

    # --- requests and routing ------------------------------------------------------------

    def open_request(
        self,
        who: Principal,
        topic: Any,
        lang: Any,
        text: str,
        consent: bool,
        request_id: str | None = None,
    ) -> Outcome:
        """Open a help request (consent required), then offer it or queue it; once per
        `request_id` of the member (a resend gets the first ack and opens nothing)."""
        who.require(MEMBER)
        _check_opening(topic, lang, consent)
        once = OpenOnce(self.core)
        previous = once.previous(who.member_id, request_id)
        if previous is not None:
            return self._replayed(previous)
        verdict = self.core.moderator.check(text, lang)
        if verdict.verdict == "block" or verdict.text is None:
            raise RuleRefused(
                "this message cannot be sent: it breaks the community rules",
                code="message_blocked",
                reasons=public_reasons(verdict),
            )
        now, shown = self.core.clock.time(), verdict.text
        answer, conversation = once.store(
            who.member_id, lambda: self._new_conversation(who, topic, lang, text, shown, now),
            verdict, request_id, self.open_limit)
        outcome = Outcome(answer)
        if conversation is None:
            return outcome
        outcome.push(
            [who.member_id],
            {"type": "help.queued", "conversation_id": conversation.conversation_id},
        )
        try:
            self._offer_or_hand_over(conversation, outcome)
        except Exception:  # noqa: BLE001 - the request is stored: acknowledged all the same
            if conversation.straight_to_professionals:
                raise
            # Offering failed (AWS): the sweep offers a waiting request whose wave timer is
            # missing; an error here would make the member open a second request.
        return outcome

    def _replayed(self, answer: dict[str, Any]) -> Outcome:
        """The first ack again. A sensitive request whose hand-over to the agents failed (its
        opening answered an error) is handed over now: no sweep would."""
        outcome = Outcome(answer)
        conversation = self.core.store.get(str(answer["conversation_id"]))
        if conversation is not None and conversation.straight_to_professionals:
            self._offer_or_hand_over(conversation, outcome)  # once: it is idempotent
        return outcome

    def _new_conversation(
        self, who: Principal, topic: str, lang: str, text: str, shown: str, now: float
    ) -> Conversation:
        """The waiting conversation of a new request: `shown` (the moderated text) gives its
        preview, and `text` as written starts the member's repeat fingerprints (flooding)."""
        conversation = Conversation(
            conversation_id="cv-" + uuid.uuid4().hex[:16],
            member_id=who.member_id,
            topic=topic,
            lang=lang,
            status=WAITING,
            opened_at=now,
            preview=shown[:200],
            last_seq=1,
            straight_to_professionals=self.policy.straight_to_professionals(topic),
            # Looked up once, stored with the request: later waves and the sweep read it there.
            counterparties=self.conflicts.of(who.member_id, now),
        )
        digest = repeat_digest(text)
        conversation.recent = remember({}, who.member_id, digest, now) if digest else {}
        return conversation

    def _offer_or_hand_over(self, conversation: Conversation, outcome: Outcome) -> None:
        """A sensitive topic goes to professionals at once; any other request to Helpers."""
        if conversation.straight_to_professionals:
            self.core.hand_to_professionals(
                conversation, "sensitive topic", outcome, automatic=True
            )
            return
        self._route(conversation, 1, outcome)

    def on_wave_timeout(self, conversation_id: str, wave: int) -> Outcome:
        """A wave ran out: widen the offer, or hand the request to professionals."""
        outcome = Outcome({})
        conversation = self.core.store.get(conversation_id)
        if conversation is None or not conversation.awaiting_helper:
            return outcome
        if conversation.wave != wave or conversation.escalated:
            return outcome  # a stale timer: another wave or an escalation superseded it
        self._route(conversation, wave + 1, outcome)
        return outcome

    def sweep(self) -> Outcome:
        """Safety net: re-route requests whose wave timer was lost."""
        outcome = Outcome({})
        now = self.core.clock.time()
        stale_after = self.policy.timeout_seconds * 3
        for lang in LANGUAGES:
            for conversation in self.core.store.waiting(lang, limit=50):
                if conversation.escalated or not conversation.awaiting_helper:
                    continue
                if now - conversation.opened_at > stale_after * max(1, conversation.wave):
                    self._route(conversation, conversation.wave + 1, outcome)
        return outcome

    def reoffer(self, conversation: Conversation, outcome: Outcome) -> None:
        """Offer again, from the first wave, a conversation its Helper left."""
        self._route(conversation, 1, outcome)

    def _route(self, conversation: Conversation, wave: int, outcome: Outcome) -> None:
        if wave > self.policy.max_waves:
            self.core.hand_to_professionals(
                conversation, "no Helper accepted in time", outcome, automatic=True
            )
            return
        ranked = self._candidates(conversation)
        offers = next_offers(ranked, conversation.offered, wave, self.policy)
        if not offers and not conversation.offered:
            # Nobody online who can take it: professionals at once, still open to Helpers.
            self.core.hand_to_professionals(
                conversation, "no Helper available", outcome, automatic=True
            )
            return
        # The timer first: if it cannot be scheduled nothing changed, and the redelivered
        # timeout (or the sweep) routes this wave again; a timer whose wave was not stored is
        # stale when it fires.
        self.waves.schedule(conversation.conversation_id, wave, self.policy.timeout_seconds)
        conversation.offered = conversation.offered + offers
        conversation.wave = wave
        self.core.store.update(
            conversation.conversation_id, wave=wave, offered=conversation.offered
        )
        self._push_offer(conversation, offers, outcome)

    def _candidates(self, conversation: Conversation) -> list[HelperProfile]:
        ids = self.core.presence.pool(conversation.lang, limit=50)
        skip = {conversation.member_id, *conversation.counterparties}
        profiles = self.core.presence.many([i for i in ids if i not in skip])
        return rank_for_offers(
            profiles.values(),
            member_id=conversation.member_id,
            topic=conversation.topic,
            lang=conversation.lang,
            now=self.core.clock.time(),
            ttl=self.policy.heartbeat_ttl,
            exclude=conversation.counterparties,
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
        now = self.core.clock.time()
        for lang in profile.languages:
            for conversation in self.core.store.waiting(lang, limit=10):
                if not conversation.awaiting_helper or profile.member_id in conversation.offered:
                    continue
                if conversation.member_id == profile.member_id:
                    continue
                if not rank_for_offers(
                    [profile],
                    member_id=conversation.member_id,
                    topic=conversation.topic,
                    lang=lang,
                    now=now,
                    ttl=self.policy.heartbeat_ttl,
                    exclude=conversation.counterparties,
                ):
                    continue
                conversation.offered = conversation.offered + [profile.member_id]
                self.core.store.update(conversation.conversation_id, offered=conversation.offered)
                self._push_offer(conversation, [profile.member_id], outcome)

    def release(self, helper_id: str, pool_lang: str | None, outcome: Outcome) -> None:
        """A Helper's conversation ended: free their slot and offer them waiting requests."""
        self.core.presence.release(helper_id, pool_lang)
        try:
            profile = self.core.presence.get(helper_id)
            if profile is not None:
                self._offer_waiting_to(profile, outcome)
        except Exception:  # noqa: BLE001 - an extra: the conversation that ended stays ended
            # and its participants are told; the waiting requests have their wave timers and
            # the sweep.
            return

    # --- accept ----------------------------------------------------------------------------

    def accept(self, who: Principal, conversation_id: str) -> Outcome:
        """First accept wins, atomically; everyone else gets `already_taken`."""
        who.require(HELPER, AGENT)
        conversation = self.core.conversation(conversation_id)
        if conversation.member_id == who.member_id:
            raise Forbidden("you cannot answer your own request")
        if who.member_id in conversation.counterparties:
            raise Forbidden(
                "you have dealt with this member recently: someone else will answer",
                code="conflict_of_interest",
            )
        if conversation.helper_id == who.member_id:
            # The winner's accept sent again (its ack was lost): the same answer, told once.
            return Outcome(self._accepted(conversation))
        if not conversation.awaiting_helper:
            raise Conflict("another Helper already took this request", code="already_taken")
        is_agent = who.has(AGENT)
        if not is_agent and conversation.straight_to_professionals:
            raise Forbidden("this request is for professional agents")
        self._assign(conversation, who.member_id, is_agent)
        self.core.notify(ChatEvent.ACCEPTED, conversation)
        outcome = Outcome(self._accepted(conversation))
        outcome.push(
            [conversation.member_id],
            {
                "type": "help.assigned",
                "conversation_id": conversation_id,
                "helper": {
                    "id": who.member_id,
                    "display_name": self.core.display_name(who.member_id),
                    "badge": AGENT if is_agent else HELPER,
                },
            },
        )
        losers = [h for h in conversation.offered if h != who.member_id]
        outcome.push(losers, {"type": "help.offer_withdrawn", "conversation_id": conversation_id})
        if conversation.ticket_id:
            self.core.queue.done(conversation.ticket_id)
        return outcome

    @staticmethod
    def _accepted(conversation: Conversation) -> dict[str, Any]:
        return {
            "conversation_id": conversation.conversation_id,
            "topic": conversation.topic,
            "lang": conversation.lang,
            "member_id": conversation.member_id,
        }

    def _assign(self, conversation: Conversation, member_id: str, is_agent: bool) -> None:
        """Take the request atomically (a Helper's slot too), then note it on `conversation`.

        `already_taken` when another accept won; otherwise a refusal of the store says why
        this Helper cannot take it (not available, or at capacity).
        """
        now = self.core.clock.time()
        try:
            self.core.store.assign(
                conversation.conversation_id,
                member_id,
                AGENT if is_agent else HELPER,
                now,
                None if is_agent else conversation.lang,
                capacity_checked=not is_agent,
            )
        except Conflict as e:
            if e.code == "already_taken":
                raise
            raise self._why_not_available(member_id) from e
        conversation.helper_id = member_id
        conversation.helper_role, conversation.assigned_at = (AGENT if is_agent else HELPER), now

    def _why_not_available(self, member_id: str) -> DomainError:
        profile = self.core.presence.get(member_id)
        if profile is None or profile.status != AVAILABLE:
            return RuleRefused("set yourself available before accepting", code="not_available")
        return RuleRefused(
            "you are at your capacity; close a conversation first", code="at_capacity"
        )


def _check_opening(topic: Any, lang: Any, consent: bool) -> None:
    """Refuse a request without consent, or with a topic or language the chat does not have."""
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


def _narrow(asked: list[str] | None, approved: list[str], name: str) -> list[str]:
    """`asked` within `approved` (all of it when None); refused if it reaches outside."""
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
