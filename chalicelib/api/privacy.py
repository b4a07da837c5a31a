"""Privacy routes: a member's data erased on request (GDPR, docs/privacy.md)."""

from __future__ import annotations

from typing import Any

from chalicelib.api.edge import ContextBlueprint, roles
from chalicelib.domain.identity import ADMIN, MEMBER, Principal
from chalicelib.runtime import services

privacy = ContextBlueprint(__name__)


@privacy.route("/members/{member_id}/data", methods=["DELETE"], access=roles(MEMBER, ADMIN))
def erase_member_data(who: Principal, member_id: str) -> dict[str, Any]:
    """The member themself or an admin; anyone else gets 404 `member_not_found`."""
    return services().privacy.erase(who, member_id).to_json()
