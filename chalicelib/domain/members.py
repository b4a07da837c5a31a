"""The members mirror as every context reads it: one typed record (`Member`), built from the
mirror's stored shape in one place (`Member.from_mirror`), so that no context reads its
nested keys itself.

Two owners write the mirror: the marketplace's members feed (name, language, phone, consents,
reputation, standing) and this backend (the roles it grants, the agent tier, the programme's
part `helper`, moderation's sanctions).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.identity import HELPER

APPROVED = "approved"


@dataclass(frozen=True)
class MemberReputation:
    """The member's reviews on the marketplace."""

    rating: float
    reviews: int
    positive_share: float


@dataclass(frozen=True)
class HelperStanding:
    """The programme's record as kept on the mirror: what the chat routes and checks by."""

    status: str = APPROVED
    languages: tuple[str, ...] | None = None  # None: the member's own language
    topics: tuple[str, ...] | None = None  # None: every topic
    transcript_access: bool = False
    flagged: bool = False


@dataclass(frozen=True)
class Member:
    """A member as mirrored here."""

    member_id: str
    display_name: str = ""
    lang: str = "fr"
    phone: str | None = None
    roles: frozenset[str] = frozenset()
    tier: str | None = None
    reputation: MemberReputation | None = None
    standing: str | None = None
    sms_consent: bool | None = None
    marketing_opt_in: bool | None = None
    helper: HelperStanding | None = None
    warnings: int = 0
    suspended: bool = False

    @property
    def is_active_helper(self) -> bool:
        """Granted `helper` and, when the programme has a record, approved in it (a member
        imported before the programme existed is judged by the role alone)."""
        if HELPER not in self.roles:
            return False
        return self.helper is None or self.helper.status == APPROVED

    @property
    def may_read_transcripts(self) -> bool:
        """Whether this member is an active Helper whom staff granted the reading of
        transcripts (a suspended or departed Helper reads nothing, whatever the grant)."""
        return self.is_active_helper and self.helper is not None and self.helper.transcript_access

    def name_or_id(self) -> str:
        """The name others see, or the member id when the mirror has none."""
        return self.display_name or self.member_id

    @classmethod
    def from_mirror(cls, data: Mapping[str, Any]) -> Member:
        """Read the mirror's stored shape (roles, `profile.helper`, `profile.moderation`,
        the feed's attributes)."""
        profile = data.get("profile") or {}
        moderation = profile.get("moderation") or {}
        helper = profile.get("helper")
        reputation = data.get("reputation")
        return cls(
            member_id=str(data["member_id"]),
            display_name=str(data.get("display_name") or ""),
            lang=str(data.get("lang") or "fr"),
            phone=data.get("phone") or None,
            roles=frozenset(data.get("roles") or ()),
            tier=data.get("tier") or None,
            reputation=None if not reputation else MemberReputation(
                rating=float(reputation.get("rating") or 0.0),
                reviews=int(reputation.get("reviews") or 0),
                positive_share=float(reputation.get("positive_share") or 0.0),
            ),
            standing=data.get("standing") or None,
            sms_consent=data.get("sms_consent"),
            marketing_opt_in=data.get("marketing_opt_in"),
            helper=None if helper is None else HelperStanding(
                status=str(helper.get("status", APPROVED)),
                languages=_strings(helper.get("languages")),
                topics=_strings(helper.get("topics")),
                transcript_access=bool(helper.get("transcript_access")),
                flagged=bool(helper.get("flagged")),
            ),
            warnings=int(moderation.get("warnings") or 0),
            suspended=bool(moderation.get("suspended")),
        )


def _strings(value: Sequence[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(str(v) for v in value)


def is_active_helper(member: Member | None) -> bool:
    """`Member.is_active_helper`, and no for a member the mirror does not know (fail closed)."""
    return member is not None and member.is_active_helper
