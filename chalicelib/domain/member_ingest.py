"""Member profiles pushed by the marketplace: HMAC-signed, checked, versioned, and written onto
the members mirror without touching what this backend owns there (the roles it grants, the
tier, the programme record under `profile.helper`, moderation sanctions).

Wire format and errors: docs/marketplace_feeds.md.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Protocol

from chalicelib.domain.claims.model import GOOD, STANDINGS
from chalicelib.domain.errors import BadInput
from chalicelib.domain.signed_push import SignedPushVerifier

E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
MEMBER_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
LANGUAGES = ("fr", "en")
MAX_NAME_CHARS = 80
MAX_VERSION = 2**63 - 1
CODE = "bad_member"


@dataclass(frozen=True)
class MarketplaceReputation:
    """The member's reviews on the marketplace, as the programme's eligibility reads them."""

    rating: float
    reviews: int
    positive_share: float


@dataclass(frozen=True)
class MarketplaceMember:
    """What the marketplace owns of a member, at one version.

    `phone_sent` is False when the push did not mention the phone: the stored number (possibly
    pushed with a booking) is then kept; `phone=None` with `phone_sent` removes it.
    """

    member_id: str
    version: int
    display_name: str
    lang: str
    standing: str
    sms_consent: bool
    marketing_opt_in: bool
    reputation: MarketplaceReputation | None
    phone: str | None = None
    phone_sent: bool = False


def in_good_standing(standing: str | None) -> bool:
    """Whether a standing counts as good (a member never pushed is presumed in good standing)."""
    return standing is None or standing == GOOD


class MemberFeedStore(Protocol):
    """The members mirror's write side for the marketplace's fields."""

    def apply(self, member: MarketplaceMember) -> bool:
        """Write the marketplace's fields only if no equal or newer version is stored, and
        nothing else of the member; whether it was written."""
        ...


class MemberIngest:
    """Verifies a push, then writes the member's marketplace fields onto the members mirror."""

    def __init__(self, *, push: SignedPushVerifier, store: MemberFeedStore) -> None:
        self._push = push
        self._store = store

    def ingest(self, body: bytes, signature: str | None, timestamp: str | None) -> dict[str, Any]:
        """Handle one signed push: 413, 401 (bad or stale signature), 400 (bad field) or
        `{"member_id", "stored"}` (`stored` false: an equal or newer version was already there)."""
        return self.store(self._push.read(body, signature, timestamp))

    def store(self, data: Any) -> dict[str, Any]:
        """Check and store a push that is already trusted (verified, or demo data)."""
        member = parse_member(data)
        return {"member_id": member.member_id, "stored": self._store.apply(member)}


def _bad(message: str, name: str) -> BadInput:
    return BadInput(message, code=CODE, field=name)


def parse_member(data: Any) -> MarketplaceMember:
    """The member from a push; BadInput (`bad_member`, with the `field`) if anything is wrong.

    Unknown fields are ignored, so that the marketplace may send more than this backend reads.
    """
    if not isinstance(data, dict):
        raise BadInput("the body must be a JSON object", code=CODE)
    member_id = data.get("member_id")
    if not isinstance(member_id, str) or not MEMBER_ID.match(member_id):
        raise _bad("member_id must be 1-64 letters, digits, '_', '.', ':' or '-'", "member_id")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or not 0 <= version <= MAX_VERSION:
        raise _bad("version must be a whole number, 0 or more", "version")
    name = data.get("display_name")
    if (not isinstance(name, str) or not name.strip() or len(name.strip()) > MAX_NAME_CHARS
            or not name.isprintable()):
        raise _bad(f"display_name must be 1-{MAX_NAME_CHARS} printable characters",
                   "display_name")
    lang = data.get("lang")
    if lang not in LANGUAGES:
        raise _bad(f"lang must be one of {', '.join(LANGUAGES)}", "lang")
    standing = data.get("standing")
    if standing not in STANDINGS:
        raise _bad(f"standing must be one of {', '.join(STANDINGS)}", "standing")
    sms_consent = _consent(data, "sms_consent")
    marketing_opt_in = _consent(data, "marketing_opt_in")
    phone_sent = "phone" in data
    phone = data.get("phone")
    if phone is not None and (not isinstance(phone, str) or not E164.match(phone)):
        raise _bad("phone must be an E.164 number such as +33612345678, or null", "phone")
    return MarketplaceMember(
        member_id=member_id,
        version=version,
        display_name=name.strip(),
        lang=lang,
        standing=standing,
        sms_consent=sms_consent,
        marketing_opt_in=marketing_opt_in,
        reputation=_reputation(data),
        phone=phone,
        phone_sent=phone_sent,
    )


def _consent(data: dict[str, Any], key: str) -> bool:
    value = data.get(key)
    if not isinstance(value, bool):
        raise _bad(f"{key} must be true or false", key)
    return value


def _reputation(data: dict[str, Any]) -> MarketplaceReputation | None:
    # Required even when unknown (null), so that forgetting it never erases a known one.
    if "reputation" not in data:
        raise _bad("reputation is required: an object, or null when unknown", "reputation")
    raw = data["reputation"]
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise _bad("reputation must be an object with rating, reviews and positive_share, "
                   "or null", "reputation")
    rating = _number(raw.get("rating"), 0.0, 5.0, "reputation.rating")
    reviews = raw.get("reviews")
    if isinstance(reviews, bool) or not isinstance(reviews, int) or not 0 <= reviews <= 10**9:
        raise _bad("reputation.reviews must be a whole number, 0 or more", "reputation.reviews")
    share = _number(raw.get("positive_share"), 0.0, 1.0, "reputation.positive_share")
    return MarketplaceReputation(rating, reviews, share)


def _number(value: Any, low: float, high: float, name: str) -> float:
    if (isinstance(value, bool) or not isinstance(value, int | float)
            or not math.isfinite(value) or not low <= value <= high):
        raise _bad(f"{name} must be a number within {low:g}..{high:g}", name)
    return float(value)
