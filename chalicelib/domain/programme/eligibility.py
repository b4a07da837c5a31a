"""Who may apply to become a Helper, from the member's marketplace reputation."""

from __future__ import annotations

from dataclasses import dataclass

# Ratings and shares come from averages computed elsewhere (e.g. 4.7 may arrive as
# 4.699999999); this tolerance keeps a member exactly on a threshold eligible.
_EPSILON = 1e-9


@dataclass(frozen=True)
class Reputation:
    """A member's marketplace reputation as mirrored in the members table."""

    member_id: str
    rating: float
    reviews: int
    positive_share: float
    in_good_standing: bool = True

    @classmethod
    def from_counts(
        cls, member_id: str, rating: float, reviews: int, positive: int, **extra: bool
    ) -> Reputation:
        """Build a reputation from a count of positive reviews rather than a share."""
        share = positive / reviews if reviews else 0.0
        return cls(member_id, rating, reviews, share, **extra)


@dataclass(frozen=True)
class Eligibility:
    """The verdict: eligible or not, with the machine codes of every unmet condition."""

    eligible: bool
    reasons: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """Wire form for the member's "can I apply?" screen."""
        return {"eligible": self.eligible, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class EligibilityPolicy:
    """Thresholds a member's reputation must meet; every bound is inclusive."""

    min_rating: float = 4.7
    min_reviews: int = 20
    min_positive_share: float = 0.95

    def __post_init__(self) -> None:
        if not 0 <= self.min_rating <= 5:
            raise ValueError("min_rating must be within 0..5")
        if self.min_reviews < 0:
            raise ValueError("min_reviews must not be negative")
        if not 0 <= self.min_positive_share <= 1:
            raise ValueError("min_positive_share must be within 0..1")

    def assess(self, reputation: Reputation | None) -> Eligibility:
        """Check every condition and list all that fail, so the member sees the whole gap."""
        if reputation is None:
            return Eligibility(False, ("no_reputation",))
        reasons = []
        if not reputation.in_good_standing:
            reasons.append("account_not_in_good_standing")
        if reputation.reviews < self.min_reviews:
            reasons.append("too_few_reviews")
        if reputation.rating + _EPSILON < self.min_rating:
            reasons.append("rating_too_low")
        if reputation.positive_share + _EPSILON < self.min_positive_share:
            reasons.append("positive_share_too_low")
        return Eligibility(not reasons, tuple(reasons))
