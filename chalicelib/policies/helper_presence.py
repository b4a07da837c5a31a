"""Keeping Helpers' presence true to the programme: a suspended or departed Helper cannot go
available, leaves the routing pools when the role goes, and goes offline with the last
connection (when the heartbeat has not already said so)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from chalicelib.domain.errors import RuleRefused
from chalicelib.domain.identity import AGENT, HELPER, Principal
from chalicelib.domain.members import is_active_helper
from chalicelib.domain.ports import Connection, MemberDirectory
from chalicelib.domain.programme.membership import Transition
from chalicelib.domain.programme.ports import HelperRepository


class Presence(Protocol):
    """The chat's presence: taking a Helper or agent out of the routing pools."""

    def went_offline(self, member_id: str, still_connected: bool) -> None: ...


class RefuseInactiveHelpers:
    """A presence guard: a Helper suspended (or gone) by the programme cannot go available.

    The token may still carry `helper` until it expires; the members mirror, written with the
    programme record, is the authority (one GetItem).
    """

    def __init__(self, members: MemberDirectory) -> None:
        self._members = members

    def __call__(self, who: Principal) -> None:
        if who.has(AGENT) or not who.has(HELPER):
            return
        if not is_active_helper(self._members.get(who.member_id)):
            raise RuleRefused("your Helper role is not active", code="helper_not_active")


class SessionEnder(Protocol):
    """Live sessions: ending every connection of a member, with a last frame saying why."""

    def end_member_sessions(self, member_id: str, payload: dict[str, Any]) -> int: ...


class OfflineWhenRevoked:
    """The Helper repository, taking a Helper out of the routing pools and closing their live
    sessions when the role goes.

    A suspended Helper's open presence would otherwise keep receiving offers until it expires,
    and their open sockets would keep the `helper` role their ticket carried: the next socket
    they open is admitted with the roles the mirror gives now.
    """

    def __init__(self, helpers: HelperRepository, presence: Callable[[], Presence],
                 sessions: Callable[[], SessionEnder]) -> None:
        self._helpers = helpers
        self._presence = presence  # built on first need: most programme requests never route
        self._sessions = sessions

    def __getattr__(self, name: str) -> Any:
        return getattr(self._helpers, name)

    def save(self, transition: Transition) -> None:
        """Store, then stop offering requests to a Helper whose role was revoked."""
        self._helpers.save(transition)
        change = transition.role_change
        if change is not None and not change.grant:
            self._presence().went_offline(change.member_id, still_connected=False)
            self._sessions().end_member_sessions(
                change.member_id, {"type": "programme.role_revoked", "role": change.role})


class OfflineOnLastDisconnect:
    """A $disconnect listener: a Helper or agent whose last connection closed is offline."""

    def __init__(
        self, presence: Callable[[], Presence], online: Callable[[str, str], bool]
    ) -> None:
        # online(member_id, besides): a live connection other than the closing one.
        self._presence = presence
        self._online = online

    def __call__(self, connection: Connection) -> None:
        principal = connection.principal
        if principal.has_any((HELPER, AGENT)):
            member = principal.member_id
            still = self._online(member, connection.connection_id)
            self._presence().went_offline(member, still_connected=still)
