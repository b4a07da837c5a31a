"""DynamoDB adapters of the members mirror: its reads, the marketplace's members feed (one
conditional UpdateItem of the fields it owns), the phone numbers pushed with bookings, and this
backend's authority on the roles it grants (one GetItem). Moderation's sanctions and the
programme's role decisions write it too (moderation_store.py, programme_store.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pynamodb.exceptions import DoesNotExist, GetError, UpdateError
from pynamodb.expressions.operand import Value

from chalicelib.adapters.dynamodb.models.members import MemberRecord, ReputationAttribute
from chalicelib.adapters.dynamodb.transactions import condition_failed
from chalicelib.domain.errors import Unavailable
from chalicelib.domain.identity import HELPER
from chalicelib.domain.member_ingest import MarketplaceMember
from chalicelib.domain.members import Member
from chalicelib.domain.ports import Standing

NO_ROLE: frozenset[str] = frozenset()
# Tries of a conditional rewrite of a member before answering `unavailable`.
MIRROR_RETRIES = 3
# A profile edit: changes the member's `profile` in place, returns the member's roles.
ProfileEdit = Callable[[dict[str, Any], list[str]], list[str]]


def rewrite_member(member_id: str, edit: ProfileEdit, failure: str) -> dict[str, Any]:
    """Read the member (consistent), `edit` their profile and roles, write both on the condition
    that neither changed meanwhile (the ingest, the programme and moderation write them too),
    read again and retry when they did; the profile written. A member not on the mirror is
    edited as a bare `member`, created only if the edit does not refuse it."""
    M = MemberRecord
    for _ in range(MIRROR_RETRIES):
        raw = M._get_connection().get_item(member_id, consistent_read=True).get("Item")
        member = M.from_raw_data(raw) if raw else M(member_id, roles=["member"])
        profile = dict(member.profile or {})
        roles = edit(profile, list(member.roles or []))
        if raw is None:
            condition = M.member_id.does_not_exist()
        else:
            condition = M.member_id.exists()
            for attribute in (M.profile, M.roles):
                stored = raw.get(attribute.attr_name)
                condition &= (attribute == Value(stored) if stored is not None
                              else attribute.does_not_exist())
        actions = [M.profile.set(profile)]
        if raw is None or roles != list(member.roles or []):
            actions.append(M.roles.set(roles))
        try:
            M(member_id).update(actions=actions, condition=condition)
            return profile
        except UpdateError as e:
            if not condition_failed(e):
                raise Unavailable(failure) from e
    raise Unavailable("the member changed repeatedly; retry")


class DynamoMemberDirectory:
    """The MemberDirectory: reads of the members mirror."""

    def get(self, member_id: str) -> Member | None:
        """One member, or None."""
        try:
            return Member.from_mirror(mirror_mapping(MemberRecord.get(member_id)))
        except DoesNotExist:
            return None

    def many(self, member_ids: Iterable[str]) -> dict[str, Member]:
        """Several members in one BatchGetItem."""
        keys = list(dict.fromkeys(member_ids))
        if not keys:
            return {}
        return {r.member_id: Member.from_mirror(mirror_mapping(r))
                for r in MemberRecord.batch_get(keys)}

    def put(self, member_id: str, **fields: Any) -> None:
        """Create or replace a member (mirror ingest and demo data)."""
        profile = fields.pop("profile", None)
        MemberRecord(member_id, profile=profile, **fields).save()


def mirror_mapping(r: MemberRecord) -> dict[str, Any]:
    """A stored member in the mirror's plain shape (what `Member.from_mirror` reads)."""
    reputation = r.reputation
    return {
        "member_id": r.member_id,
        "display_name": r.display_name,
        "lang": r.lang,
        "phone": r.phone,
        "roles": list(r.roles),
        "tier": r.tier,
        "profile": r.profile or {},
        # Pushed by the marketplace's members feed (None until its first push).
        "sms_consent": r.sms_consent,
        "marketing_opt_in": r.marketing_opt_in,
        "standing": r.standing,
        "reputation": None if reputation is None else {
            "rating": float(reputation.rating),
            "reviews": int(reputation.reviews),
            "positive_share": float(reputation.positive_share),
        },
        "marketplace_version": (
            None if r.marketplace_version is None else int(r.marketplace_version)
        ),
    }


class DynamoMemberFeedStore:
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


class DynamoPhoneBook:
    """The PhoneBook: phone numbers pushed with bookings, written onto the members mirror (one
    UpdateItem)."""

    def set_phone(self, member_id: str, phone: str) -> None:
        """Set the member's phone, creating a minimal member when the mirror does not know them."""
        M = MemberRecord
        M(member_id).update(actions=[
            M.phone.set(phone),
            M.display_name.set(M.display_name | ""),
            M.lang.set(M.lang | "fr"),
            M.roles.set(M.roles | ["member"]),
        ])


class DynamoRoleAuthority:
    """The RoleAuthority on the members mirror: `helper` iff the mirror says the member is an
    active Helper (role granted by the programme and status approved).

    One strongly consistent GetItem of `roles` and `profile`, so that a suspension written a
    moment ago is seen by the very next request. No mirror item: no role (fail closed).
    """

    def standing(self, member_id: str) -> Standing:
        """The roles this backend grants that the member holds now, and any suspension."""
        M = MemberRecord
        try:
            record = M.get(
                member_id,
                consistent_read=True,
                attributes_to_get=[M.member_id.attr_name, M.roles.attr_name, M.profile.attr_name],
            )
        except DoesNotExist:
            return Standing()
        except GetError as e:
            raise Unavailable("could not read the member's roles") from e
        member = Member.from_mirror({"member_id": member_id, "roles": list(record.roles or []),
                                     "profile": record.profile or {}})
        return Standing(frozenset({HELPER}) if member.is_active_helper else NO_ROLE,
                        suspended=member.suspended)
