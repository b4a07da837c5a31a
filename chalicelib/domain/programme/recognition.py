"""Recognition: points for helping, levels, and the catalogue of symbolic rewards."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TypeVar


class AwardReason(StrEnum):
    """Why points were awarded."""

    ANSWERED = "answered"
    GOOD_RATING = "good_rating"
    ARTICLE_ADOPTED = "article_adopted"


@dataclass(frozen=True)
class PointsAward:
    """Points for one source event; `key` makes awarding it twice a no-op."""

    member_id: str
    reason: AwardReason
    points: int
    at: float
    source_id: str

    @property
    def key(self) -> str:
        """One award per reason and source (conversation or article id)."""
        return f"{self.reason}#{self.source_id}"


_K = TypeVar("_K")
_V = TypeVar("_V")


def _frozen(mapping: Mapping[_K, _V]) -> Mapping[_K, _V]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class PointsScheme:
    """How many points each contribution is worth."""

    answered: int = 10
    rating_points: Mapping[int, int] = field(default_factory=lambda: _frozen({5: 5, 4: 2}))
    article_adopted: int = 25

    def for_answer(self, member_id: str, conversation_id: str, at: float) -> PointsAward:
        """A Helper answered a request (they sent at least one message in it)."""
        return PointsAward(member_id, AwardReason.ANSWERED, self.answered, at, conversation_id)

    def for_rating(
        self, member_id: str, conversation_id: str, score: int, at: float
    ) -> PointsAward | None:
        """A member rated the conversation; only good ratings earn points."""
        points = self.rating_points.get(score, 0)
        if points <= 0:
            return None
        return PointsAward(member_id, AwardReason.GOOD_RATING, points, at, conversation_id)

    def for_article(self, member_id: str, article_id: str, at: float) -> PointsAward:
        """Staff published an article drawn from this Helper's answer."""
        return PointsAward(
            member_id, AwardReason.ARTICLE_ADOPTED, self.article_adopted, at, article_id
        )


@dataclass(frozen=True)
class Level:
    """A named step on the points ladder."""

    rank: int
    code: str
    min_points: int
    labels: Mapping[str, str]
    next_at: int | None = None

    def label(self, lang: str) -> str:
        """The label in the language, English when it is missing."""
        return self.labels.get(lang) or self.labels["en"]

    def to_json(self, lang: str = "en") -> dict[str, object]:
        """Wire form."""
        return {
            "rank": self.rank,
            "code": self.code,
            "label": self.label(lang),
            "min_points": self.min_points,
            "next_at": self.next_at,
        }


_DEFAULT_LEVELS: tuple[tuple[int, str, str, str], ...] = (
    (0, "newcomer", "Nouveau Helper", "New Helper"),
    (100, "regular", "Helper confirmé", "Regular Helper"),
    (500, "expert", "Helper expert", "Expert Helper"),
    (1500, "mentor", "Helper mentor", "Mentor Helper"),
    (4000, "legend", "Helper légende", "Legendary Helper"),
)


@dataclass(frozen=True)
class LevelScale:
    """Levels by all-time points, ordered by their minimum."""

    steps: tuple[tuple[int, str, str, str], ...] = _DEFAULT_LEVELS

    def __post_init__(self) -> None:
        minima = [s[0] for s in self.steps]
        if not minima or minima[0] != 0 or minima != sorted(set(minima)):
            raise ValueError("level minima must start at 0 and strictly increase")

    def level_for(self, points: int) -> Level:
        """The highest level whose minimum the points reach."""
        reached = max(points, 0)
        index = max(i for i, step in enumerate(self.steps) if reached >= step[0])
        minimum, code, fr, en = self.steps[index]
        nxt = self.steps[index + 1][0] if index + 1 < len(self.steps) else None
        return Level(index + 1, code, minimum, _frozen({"fr": fr, "en": en}), nxt)


@dataclass(frozen=True)
class Reward:
    """A symbolic reward staff may grant; `min_level` is a rank of the level scale."""

    reward_id: str
    labels: Mapping[str, str]
    min_level: int = 1
    once: bool = True

    def to_json(self, lang: str = "en") -> dict[str, object]:
        """Wire form."""
        return {
            "reward_id": self.reward_id,
            "label": self.labels.get(lang) or self.labels["en"],
            "min_level": self.min_level,
            "once": self.once,
        }


def _reward(reward_id: str, fr: str, en: str, min_level: int, once: bool) -> Reward:
    return Reward(reward_id, _frozen({"fr": fr, "en": en}), min_level, once)


# The catalogue is data: staff read it, grant from it, and product can reorder it freely.
REWARD_CATALOGUE: tuple[Reward, ...] = (
    _reward(
        "thank_you_note",
        "Mot de remerciement de l'équipe",
        "Thank-you note from the team",
        1,
        False,
    ),
    _reward("goodies", "Colis de goodies", "Goodies pack", 2, True),
    _reward(
        "helpers_meetup",
        "Invitation à la rencontre annuelle des Helpers",
        "Invitation to the annual Helpers' meetup",
        2,
        False,
    ),
    _reward("company_visit", "Visite des locaux de l'entreprise", "Visit of the company", 3, True),
    _reward("team_dinner", "Dîner avec l'équipe", "Dinner with the team", 4, True),
)


@dataclass(frozen=True)
class RewardGrant:
    """A reward given to a Helper by a staff member."""

    member_id: str
    reward_id: str
    granted_by: str
    at: float
    note: str = ""

    def to_json(self) -> dict[str, object]:
        """Wire form."""
        return {
            "member_id": self.member_id,
            "reward_id": self.reward_id,
            "granted_by": self.granted_by,
            "at": self.at,
            "note": self.note,
        }
