"""Who is calling: the principal carried by a verified token or WebSocket ticket."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from chalicelib.domain.errors import Forbidden

MEMBER = "member"
HELPER = "helper"
AGENT = "agent"
SUPERVISOR = "supervisor"
ADMIN = "admin"
ROLES = frozenset({MEMBER, HELPER, AGENT, SUPERVISOR, ADMIN})
STAFF_ROLES = frozenset({AGENT, SUPERVISOR, ADMIN})
# An agent's tier sets the gestures they grant alone; a supervisor's ceiling comes with the
# supervisor role, never from a tier a token names.
AGENT_TIERS = frozenset({"L1", "L2"})
KNOWN_TIERS = AGENT_TIERS | {SUPERVISOR}
# Roles this backend grants itself (the programme's `helper`): the members mirror says who holds
# them, whatever a token says. The identity provider's tokens carry the others.
GRANTED_ROLES = frozenset({HELPER})


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: a member id and the roles its token grants."""

    member_id: str
    roles: frozenset[str] = field(default_factory=frozenset)
    tier: str | None = None

    def has(self, role: str) -> bool:
        """Whether the principal holds the role."""
        return role in self.roles

    def has_any(self, roles: Iterable[str]) -> bool:
        """Whether the principal holds at least one of the roles."""
        return not self.roles.isdisjoint(roles)

    @property
    def is_staff(self) -> bool:
        """Agents, supervisors and admins: the company's own people."""
        return self.has_any(STAFF_ROLES)

    def require(self, *roles: str) -> None:
        """Raise Forbidden unless the principal holds one of the roles."""
        if not self.has_any(roles):
            raise Forbidden(f"this needs one of the roles: {', '.join(sorted(roles))}")

    def with_granted_roles(self, granted: Iterable[str]) -> Principal:
        """This principal holding exactly `granted` among the roles this backend grants; the
        token's other roles and tier are kept."""
        kept = self.roles - GRANTED_ROLES
        return replace(self, roles=kept | (frozenset(granted) & GRANTED_ROLES))

    def to_claims(self) -> dict[str, object]:
        """The claims a token or ticket carries for this principal."""
        claims: dict[str, object] = {"sub": self.member_id, "roles": sorted(self.roles)}
        if self.tier:
            claims["tier"] = self.tier
        return claims

    @classmethod
    def from_claims(cls, claims: dict[str, object]) -> Principal:
        """Build a principal from verified claims, dropping unknown roles; an unknown tier is
        refused (ValueError): a forged or mistaken tier must never widen a delegation."""
        roles = claims.get("roles") or []
        if not isinstance(roles, list):
            roles = []
        tier = claims.get("tier")
        if tier is not None and tier not in KNOWN_TIERS:
            raise ValueError("unknown agent tier")
        return cls(
            member_id=str(claims["sub"]),
            roles=frozenset(r for r in roles if r in ROLES),
            tier=str(tier) if tier else None,
        )
