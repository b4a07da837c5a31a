"""The members mirror (the platform's MemberDirectory) as the other contexts read it: the
claims' MemberProfiles, the notifications' ContactBook, the programme's ReputationSource."""

from __future__ import annotations

from chalicelib.domain.claims.model import GOOD, STANDINGS, MemberProfile
from chalicelib.domain.member_ingest import in_good_standing
from chalicelib.domain.members import Member
from chalicelib.domain.notifications.ports import Contact
from chalicelib.domain.ports import MemberDirectory
from chalicelib.domain.programme.eligibility import Reputation


class MirrorMemberProfiles:
    """The claims' MemberProfiles port over the members mirror."""

    def __init__(self, members: MemberDirectory) -> None:
        self._members = members

    def profile(self, member_id: str) -> MemberProfile:
        """Standing, language and display name (good standing when unknown)."""
        member = self._members.get(member_id) or Member(member_id)
        standing = member.standing or GOOD
        return MemberProfile(
            member_id=member_id,
            standing=standing if standing in STANDINGS else GOOD,
            lang=member.lang,
            display_name=member.display_name,
        )


class MirrorContactBook:
    """The notifications' ContactBook port over the members mirror."""

    def __init__(self, members: MemberDirectory) -> None:
        self._members = members

    def contact(self, member_id: str) -> Contact:
        """Phone, language and marketing consent (an empty contact when unknown).

        A member who refused SMS (`sms_consent` false in the members feed) has no number here,
        so no SMS of any kind reaches them; marketing needs `marketing_opt_in` (SPEC D1).
        A member the feed never pushed keeps the number pushed with their bookings.
        """
        member = self._members.get(member_id) or Member(member_id)
        refused_sms = member.sms_consent is False
        return Contact(
            phone=None if refused_sms else member.phone,
            lang=member.lang,
            marketing_consent=member.marketing_opt_in is True,
        )


class MirrorReputationSource:
    """The programme's ReputationSource port: the marketplace reputation and standing pushed
    by the members feed onto the mirror."""

    def __init__(self, members: MemberDirectory) -> None:
        self._members = members

    def reputation(self, member_id: str) -> Reputation | None:
        """None when the member or their reviews are unknown."""
        member = self._members.get(member_id)
        if member is None or member.reputation is None:
            return None
        reviews = member.reputation
        return Reputation(
            member_id,
            rating=reviews.rating,
            reviews=reviews.reviews,
            positive_share=reviews.positive_share,
            in_good_standing=in_good_standing(member.standing),
        )
