"""The members mirror's two owners: the marketplace's members feed (one conditional UpdateItem
of the fields it owns) and this backend's authority on the roles it grants (one GetItem)."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist, GetError, UpdateError

from chalicelib.adapters.models import MemberRecord, ReputationAttribute
from chalicelib.adapters.programme_store import helper_is_active
from chalicelib.adapters.transactions import condition_failed
from chalicelib.domain.errors import Unavailable
from chalicelib.domain.identity import HELPER
from chalicelib.domain.member_ingest import MarketplaceMember

NO_ROLE: frozenset[str] = frozenset()


class DynamoMemberFeed:
    """Writes what the marketplace owns of a member, and only that.

    One UpdateItem that SETs the marketplace's attributes, on the condition that the stored
    `marketplace_version` is absent or older: an equal or older push changes nothing, and two
    pushes racing cannot interleave. `roles`, `tier` and `profile` (programme record, moderation
    sanctions) are never written, except that a member new to the mirror starts with the role
    `member`. No read before the write.
    """

    def apply(self, member: MarketplaceMember) -> bool:
        """Write unless an equal or newer version is stored; whether it was written."""
        M = MemberRecord
        actions = [
            M.display_name.set(member.display_name),
            M.lang.set(member.lang),
            M.standing.set(member.standing),
            M.sms_consent.set(member.sms_consent),
            M.marketing_opt_in.set(member.marketing_opt_in),
            M.marketplace_version.set(member.version),
            M.roles.set(M.roles | ["member"]),
        ]
        reputation = member.reputation
        if reputation is None:
            actions.append(M.reputation.remove())
        else:
            actions.append(M.reputation.set(ReputationAttribute(
                rating=reputation.rating,
                reviews=reputation.reviews,
                positive_share=reputation.positive_share,
            )))
        if member.phone_sent:
            actions.append(M.phone.set(member.phone) if member.phone else M.phone.remove())
        newer = M.marketplace_version.does_not_exist() | (M.marketplace_version < member.version)
        try:
            M(member.member_id).update(actions=actions, condition=newer)
        except UpdateError as e:
            if condition_failed(e):
                return False
            raise Unavailable("could not update the member") from e
        return True


class MirrorRoleAuthority:
    """RoleAuthority over the members mirror: `helper` iff the mirror says the member is an
    active Helper (role granted by the programme and status approved).

    One strongly consistent GetItem of `roles` and `profile`, so that a suspension written a
    moment ago is seen by the very next request. No mirror item: no role (fail closed).
    """

    def granted_roles(self, member_id: str) -> frozenset[str]:
        """The roles this backend grants that the member holds now."""
        M = MemberRecord
        try:
            record = M.get(
                member_id,
                consistent_read=True,
                attributes_to_get=[M.member_id.attr_name, M.roles.attr_name, M.profile.attr_name],
            )
        except DoesNotExist:
            return NO_ROLE
        except GetError as e:
            raise Unavailable("could not read the member's roles") from e
        member = {"roles": list(record.roles or []), "profile": record.profile or {}}
        return frozenset({HELPER}) if helper_is_active(member) else NO_ROLE
