"""The members mirror and the WebSocket sessions as the claims and notifications ports see them:
profiles (standing, language, name), contacts (phone, consent), presence and in-app pushes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from chalicelib.adapters.models import MemberRecord
from chalicelib.domain.claims.model import GOOD, STANDINGS, MemberProfile
from chalicelib.domain.notifications.ports import Contact


class MemberMirror(Protocol):
    """The members mirror's read (DynamoMemberDirectory)."""

    def get(self, member_id: str) -> Mapping[str, Any] | None: ...


class Sessions(Protocol):
    """What the notifications need from the session service."""

    def is_online(self, member_id: str) -> bool: ...

    def push_to_members(self, member_ids: Any, payload: Mapping[str, Any],
                        skip: str | None = None) -> int: ...


class MirrorProfiles:
    """MemberProfiles (claims) and ContactBook (notifications) over the one members mirror."""

    def __init__(self, mirror: MemberMirror) -> None:
        self._mirror = mirror

    def profile(self, member_id: str) -> MemberProfile:
        """Standing, language and display name (good standing when unknown)."""
        member = self._mirror.get(member_id) or {}
        standing = member.get("standing") or GOOD
        return MemberProfile(
            member_id=member_id,
            standing=standing if standing in STANDINGS else GOOD,
            lang=member.get("lang") or "fr",
            display_name=member.get("display_name") or "",
        )

    def contact(self, member_id: str) -> Contact:
        """Phone, language and marketing consent (an empty contact when unknown).

        A member who refused SMS (`sms_consent` false in the members feed) has no number here,
        so no SMS of any kind reaches them; marketing needs `marketing_opt_in` (SPEC D1).
        A member the feed never pushed keeps the number pushed with their bookings.
        """
        member = self._mirror.get(member_id) or {}
        refused_sms = member.get("sms_consent") is False
        return Contact(
            phone=None if refused_sms else member.get("phone") or None,
            lang=member.get("lang") or "fr",
            marketing_consent=member.get("marketing_opt_in") is True,
        )


class SessionChannels:
    """Presence and InAppSender over the live WebSocket connections."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    def is_online(self, member_id: str) -> bool:
        """Whether the member has a live connection."""
        return self._sessions.is_online(member_id)

    def push(self, member_id: str, event: Mapping[str, Any]) -> int:
        """Push to every live connection of the member; how many took it."""
        return self._sessions.push_to_members([member_id], dict(event))


class MirrorPhoneBook:
    """Phone numbers pushed with bookings, written onto the members mirror (one UpdateItem)."""

    def set_phone(self, member_id: str, phone: str) -> None:
        """Set the member's phone, creating a minimal member when the mirror does not know them."""
        M = MemberRecord
        M(member_id).update(actions=[
            M.phone.set(phone),
            M.display_name.set(M.display_name | ""),
            M.lang.set(M.lang | "fr"),
            M.roles.set(M.roles | ["member"]),
        ])
