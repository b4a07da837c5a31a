"""Knowledge-base articles and the closed-conversation transcript they are drawn from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ArticleStatus(StrEnum):
    """Where an article stands; only published articles are suggested to members."""

    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


@dataclass(frozen=True)
class Article:
    """A question and its answer, in one language, with tags; text is always masked."""

    article_id: str
    lang: str
    question: str
    answer: str
    tags: tuple[str, ...]
    status: ArticleStatus
    created_by: str
    created_at: float
    updated_at: float
    version: int = 1
    published_at: float | None = None
    topic: str | None = None
    source_conversation_id: str | None = None
    credited_helper_id: str | None = None

    @property
    def is_published(self) -> bool:
        """Whether members see it."""
        return self.status is ArticleStatus.PUBLISHED

    def to_json(self, *, staff: bool = False) -> dict[str, object]:
        """Wire form; where it came from and who answered is for staff only."""
        body: dict[str, object] = {
            "article_id": self.article_id,
            "lang": self.lang,
            "question": self.question,
            "answer": self.answer,
            "tags": list(self.tags),
            "topic": self.topic,
            "published_at": self.published_at,
        }
        if staff:
            body.update(
                status=str(self.status),
                version=self.version,
                created_by=self.created_by,
                created_at=self.created_at,
                updated_at=self.updated_at,
                source_conversation_id=self.source_conversation_id,
                credited_helper_id=self.credited_helper_id,
            )
        return body


@dataclass(frozen=True)
class TranscriptMessage:
    """One stored message of a conversation: masked text, its sender and role."""

    seq: int
    sender_id: str
    sender_role: str
    text: str


@dataclass(frozen=True)
class Transcript:
    """A conversation as the chat stores it, as far as knowledge capture needs it."""

    conversation_id: str
    member_id: str
    lang: str
    topic: str
    closed: bool
    messages: tuple[TranscriptMessage, ...]
    helper_id: str | None = None
    rating: int | None = None
