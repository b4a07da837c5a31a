"""DynamoDB adapter of the knowledge base: articles, and the revision of the published set."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.dynamodb.models.knowledge import ArticleRecord
from chalicelib.adapters.dynamodb.transactions import check_failed
from chalicelib.domain.errors import Conflict, Unavailable
from chalicelib.domain.knowledge.model import (
    Article,
    ArticleStatus,
)

# The item whose counter changes whenever the published set may have changed.
REVISION_ID = "#revision"


def _to_article(r: ArticleRecord) -> Article:
    return Article(
        article_id=r.article_id,
        lang=r.lang or "fr",
        question=r.question or "",
        answer=r.answer or "",
        tags=tuple(r.tags or ()),
        status=ArticleStatus(r.status),
        created_by=r.created_by or "",
        created_at=float(r.created_at or 0),
        updated_at=float(r.updated_at or 0),
        version=int(r.version or 1),
        published_at=r.published_at,
        topic=r.topic,
        source_conversation_id=r.source_conversation_id,
        credited_helper_id=r.credited_helper_id,
    )


def _to_record(a: Article) -> ArticleRecord:
    return ArticleRecord(
        a.article_id,
        lang=a.lang,
        question=a.question,
        answer=a.answer,
        tags=list(a.tags),
        status=str(a.status),
        created_by=a.created_by,
        created_at=a.created_at,
        updated_at=a.updated_at,
        version=a.version,
        published_at=a.published_at,
        topic=a.topic,
        source_conversation_id=a.source_conversation_id,
        credited_helper_id=a.credited_helper_id,
    )


class DynamoArticleRepository:
    """Articles by id, by status (GSI) and by source conversation (sparse GSI), no Scan."""

    def get(self, article_id: str) -> Article | None:
        """One article (strongly consistent: edits carry the version they read)."""
        if article_id == REVISION_ID:
            return None
        try:
            return _to_article(ArticleRecord.get(article_id, consistent_read=True))
        except DoesNotExist:
            return None

    def save(self, article: Article, expected_version: int | None) -> None:
        """Write if the stored version is the expected one; bump the revision if it matters.

        An article that is or ever was published may change what members are suggested, so
        the revision moves with it, in the same transaction.
        """
        A = ArticleRecord
        condition = (
            A.article_id.does_not_exist()
            if expected_version is None
            else A.version == expected_version
        )
        try:
            with TransactWrite(connection=A._get_connection().connection) as tx:
                tx.save(_to_record(article), condition=condition)
                if article.is_published or article.published_at is not None:
                    tx.update(A(REVISION_ID), actions=[A.revision.add(1)])
        except TransactWriteError as e:
            if check_failed(e, 0):
                raise Conflict("the article changed meanwhile", code="version_conflict") from e
            raise Unavailable("could not store the article") from e

    def by_source(self, conversation_id: str) -> Article | None:
        """The article drawn from a conversation, if any."""
        for key in ArticleRecord.by_source.query(conversation_id, limit=1):
            return self.get(key.article_id)
        return None

    def by_status(self, status: ArticleStatus, lang: str | None, limit: int) -> list[Article]:
        """Articles of a status (and language), oldest first."""
        A = ArticleRecord
        found = A.by_status.query(str(status), filter_condition=(A.lang == lang) if lang else None)
        articles: list[Article] = []
        for record in found:
            articles.append(_to_article(record))
            if len(articles) >= limit:
                break
        return articles

    def published(self) -> list[Article]:
        """Every published article (what the suggestion index is built from)."""
        return [_to_article(r) for r in ArticleRecord.by_status.query(str(ArticleStatus.PUBLISHED))]

    def published_revision(self) -> int:
        """The revision counter (0 before any publication)."""
        try:
            return int(ArticleRecord.get(REVISION_ID).revision or 0)
        except DoesNotExist:
            return 0
