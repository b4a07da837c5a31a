"""Ports of the knowledge base: article storage, transcripts, masking."""

from __future__ import annotations

from typing import Protocol

from chalicelib.domain.identity import Principal
from chalicelib.domain.knowledge.model import Article, ArticleStatus, Transcript


class ArticleRepository(Protocol):
    """Articles by id, by source conversation and by status (Query on indexes, no Scan).

    `save` stores the article only if the stored version equals `expected_version` (None: no
    article yet), else raises `Conflict`. Saving an article that is or was published also
    bumps `published_revision`, in the same transaction, so every container rebuilds its
    suggestion index.
    """

    def get(self, article_id: str) -> Article | None: ...

    def save(self, article: Article, expected_version: int | None) -> None: ...

    def by_source(self, conversation_id: str) -> Article | None: ...

    def by_status(self, status: ArticleStatus, lang: str | None, limit: int) -> list[Article]: ...

    def published(self) -> list[Article]: ...

    def published_revision(self) -> int: ...


class TranscriptSource(Protocol):
    """The chat's stored (masked) transcript; the read is audit-logged for `reader` (A7)."""

    def transcript(self, conversation_id: str, reader: Principal) -> Transcript | None: ...


class TextMasker(Protocol):
    """Moderation's personal-data masking (B1), applied again to whatever staff write."""

    def mask(self, text: str, lang: str) -> str: ...
