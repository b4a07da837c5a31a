"""DynamoDB adapter of the Helpers' transcript access: one conditional UpdateItem of the
member's `profile` on the members mirror (`profile.helper.transcript_access`), on the condition
that the profile is still the one read (the mirror has no version of its own; the programme's
decisions rewrite the profile the same way, programme_store.py)."""

from __future__ import annotations

from pynamodb.exceptions import UpdateError
from pynamodb.expressions.operand import Value

from chalicelib.adapters.dynamodb.models.members import MemberRecord
from chalicelib.adapters.dynamodb.transactions import condition_failed
from chalicelib.domain.errors import NotFound, Unavailable

_RETRIES = 3


class DynamoTranscriptAccess:
    """The programme's TranscriptAccessStore over the members mirror."""

    def set_transcript_access(self, member_id: str, granted: bool) -> None:
        """Set the flag; `NotFound` when the member has no programme part on the mirror."""
        M = MemberRecord
        for _ in range(_RETRIES):
            raw = M._get_connection().get_item(member_id, consistent_read=True).get("Item")
            profile = dict(M.from_raw_data(raw).profile or {}) if raw else {}
            helper = profile.get("helper")
            if not isinstance(helper, dict):
                raise NotFound("no programme record for this member", code="not_in_programme")
            profile["helper"] = {**helper, "transcript_access": granted}
            assert raw is not None
            try:
                M(member_id).update(actions=[M.profile.set(profile)],
                                    condition=M.profile == Value(raw["profile"]))
                return
            except UpdateError as e:
                if not condition_failed(e):
                    raise Unavailable("could not store the transcript access") from e
        raise Unavailable("the member changed repeatedly; retry")
