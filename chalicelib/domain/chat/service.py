"""The live chat as the composition root builds it: three parts over one set of ports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from chalicelib.domain.chat.abandonment import Abandonment
from chalicelib.domain.chat.conflicts import ConflictRule, ConflictsOfInterest
from chalicelib.domain.chat.core import ChatCore, ChatLimits, PassThroughModerator
from chalicelib.domain.chat.events import ChatListener
from chalicelib.domain.chat.help_requests import HelpRequests
from chalicelib.domain.chat.messages import MessageRelay
from chalicelib.domain.chat.oversight import Oversight
from chalicelib.domain.chat.ports import (
    AuditLog,
    ChatStore,
    Counterparties,
    PresenceStore,
    ProQueue,
    TextModerator,
    WaveScheduler,
)
from chalicelib.domain.chat.routing import WavePolicy
from chalicelib.domain.clock import Clock
from chalicelib.domain.identity import Principal
from chalicelib.domain.limits import RateLimit
from chalicelib.domain.moderation.flood import FloodPolicy
from chalicelib.domain.ports import MemberDirectory

__all__ = ["ChatLimits", "ChatService", "PassThroughModerator"]


@dataclass
class ChatService:
    """The chat's three parts, built once from these ports: `requests` (presence, routing,
    accept), `messages` (send, sync), `oversight` (escalation, staff, close, rate, reads) and
    `abandonment` (idle conversations closed, a gone Helper's offered again, by the sweep).

    The parts share the port objects given here (and these lists of listeners and guards),
    so a port's state is seen by all three; assigning another port to a field after
    construction does not reach them.
    """

    store: ChatStore
    presence: PresenceStore
    queue: ProQueue
    audit: AuditLog
    waves: WaveScheduler
    members: MemberDirectory
    clock: Clock
    # Conflicts of interest: whom a member has dealt with is never offered their request.
    counterparties: Counterparties
    moderator: TextModerator = field(default_factory=PassThroughModerator)
    policy: WavePolicy = field(default_factory=WavePolicy)
    conflict_rule: ConflictRule = field(default_factory=ConflictRule)
    limits: ChatLimits = field(default_factory=ChatLimits)
    # The same text repeated by a sender within a conversation is blocked as flooding.
    flood: FloodPolicy = field(default_factory=FloodPolicy)
    # Observers told of ChatEvent.ACCEPTED, FIRST_RESPONSE, CLOSED and RATED once the change
    # is stored (metrics, points, quality review); they must not raise.
    listeners: list[ChatListener] = field(default_factory=list)
    # Checks of the caller at presence.set (e.g. a suspended Helper); they raise to refuse.
    presence_guards: list[Callable[[Principal], None]] = field(default_factory=list)
    # Requests a member may open per window (HELP_OPEN_PER_HOUR); None: unlimited.
    open_limit: RateLimit | None = None
    # Whether a member has a live connection: a connected Helper is never taken for gone,
    # even when their client does not ping (the public contract does not require it).
    is_online: Callable[[str], bool] = field(default=lambda _member_id: False)
    requests: HelpRequests = field(init=False, repr=False, compare=False)
    messages: MessageRelay = field(init=False, repr=False, compare=False)
    oversight: Oversight = field(init=False, repr=False, compare=False)
    abandonment: Abandonment = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        core = ChatCore(
            store=self.store,
            presence=self.presence,
            queue=self.queue,
            audit=self.audit,
            members=self.members,
            clock=self.clock,
            moderator=self.moderator,
            limits=self.limits,
            listeners=self.listeners,
        )
        conflicts = ConflictsOfInterest(self.counterparties, self.conflict_rule)
        self.requests = HelpRequests(
            core,
            self.waves,
            self.policy,
            self.presence_guards,
            conflicts=conflicts,
            open_limit=self.open_limit,
        )
        self.messages = MessageRelay(core, self.flood)
        self.oversight = Oversight(core, self.requests)
        self.abandonment = Abandonment(core, self.requests, self.oversight, self.is_online)
