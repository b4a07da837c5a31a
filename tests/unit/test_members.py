"""The members mirror read as one typed record (chalicelib/domain/members.py)."""

from __future__ import annotations

import pytest

from chalicelib.domain.members import HelperStanding, Member, MemberReputation, is_active_helper

STORED = {
    "member_id": "h-1", "display_name": "Hélène", "lang": "en", "phone": "+33600000001",
    "roles": ["member", "helper"], "tier": None, "standing": "good", "sms_consent": True,
    "marketing_opt_in": False,
    "reputation": {"rating": 4.9, "reviews": 120, "positive_share": 0.98},
    "profile": {"helper": {"status": "approved", "languages": ["fr"], "topics": ["trip"],
                           "transcript_access": True},
                "moderation": {"warnings": 2, "last_warning": {"item_id": "mi-1"}}},
}


def test_the_stored_shape_is_read_once_into_typed_fields():
    member = Member.from_mirror(STORED)
    assert member.roles == frozenset({"member", "helper"})
    assert member.reputation == MemberReputation(4.9, 120, 0.98)
    assert member.helper == HelperStanding("approved", ("fr",), ("trip",), True, False)
    assert (member.warnings, member.suspended) == (2, False)
    assert member.may_read_transcripts and member.is_active_helper
    assert member.name_or_id() == "Hélène"


@pytest.mark.parametrize("roles,helper,active", [
    (["member", "helper"], {"status": "approved"}, True),
    (["member", "helper"], None, True),  # imported before the programme: the role alone
    (["member", "helper"], {"status": "suspended"}, False),
    (["member"], {"status": "approved"}, False),  # the role was revoked
])
def test_an_active_helper_needs_the_role_and_an_approved_record(roles, helper, active):
    profile = {} if helper is None else {"helper": helper}
    member = Member.from_mirror({"member_id": "h-2", "roles": roles, "profile": profile})
    assert member.is_active_helper is active
    assert is_active_helper(member) is active


def test_an_unknown_member_is_no_helper_and_a_bare_record_has_safe_defaults():
    assert is_active_helper(None) is False
    bare = Member.from_mirror({"member_id": "m-9"})
    assert (bare.lang, bare.reputation, bare.helper, bare.suspended) == ("fr", None, None, False)
    assert bare.name_or_id() == "m-9"
    assert Member.from_mirror({"member_id": "m-8", "profile": {"moderation": {
        "suspended": {"by": "s-1"}}}}).suspended
