"""DynamoDB adapter of the Helpers' transcript access: one conditional UpdateItem of the
member's `profile` on the members mirror (`profile.helper.transcript_access`), on the condition
that the member is still the one read (member_mirror.py `rewrite_member`, as moderation's
sanctions and the programme's decisions rewrite it)."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.dynamodb.member_mirror import rewrite_member
from chalicelib.domain.errors import NotFound


class DynamoTranscriptAccess:
    """The programme's TranscriptAccessStore over the members mirror."""

    def set_transcript_access(self, member_id: str, granted: bool) -> None:
        """Set the flag; `NotFound` when the member has no programme part on the mirror."""

        def edit(profile: dict[str, Any], roles: list[str]) -> list[str]:
            helper = profile.get("helper")
            if not isinstance(helper, dict):
                raise NotFound("no programme record for this member", code="not_in_programme")
            profile["helper"] = {**helper, "transcript_access": granted}
            return roles

        rewrite_member(member_id, edit, "could not store the transcript access")
