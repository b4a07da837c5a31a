"""PynamoDB model of the knowledge base: articles."""

from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model


class ArticleStatusIndex(GlobalSecondaryIndex):
    """Articles by status, oldest first (staff lists; the published set for suggestions)."""

    class Meta:
        index_name = "status-index"
        projection = AllProjection()

    status = UnicodeAttribute(hash_key=True)
    created_at = NumberAttribute(range_key=True)


class ArticleSourceIndex(GlobalSecondaryIndex):
    """Sparse: the article drawn from a conversation (one per conversation)."""

    class Meta:
        index_name = "source-index"
        projection = KeysOnlyProjection()

    source_conversation_id = UnicodeAttribute(hash_key=True)


class ArticleRecord(Model):
    """A knowledge-base article; the item `#revision` counts changes to the published set."""

    class Meta:
        table_name = "articles"
        setting = "table_articles"
        resource = "ArticlesTable"

    article_id = UnicodeAttribute(hash_key=True)
    lang = UnicodeAttribute(null=True)
    question = UnicodeAttribute(null=True)
    answer = UnicodeAttribute(null=True)
    tags = ListAttribute(of=UnicodeAttribute, null=True)
    status = UnicodeAttribute(null=True)
    created_by = UnicodeAttribute(null=True)
    created_at = NumberAttribute(null=True)
    updated_at = NumberAttribute(null=True)
    version = NumberAttribute(null=True)
    published_at = NumberAttribute(null=True)
    topic = UnicodeAttribute(null=True)
    source_conversation_id = UnicodeAttribute(null=True)
    credited_helper_id = UnicodeAttribute(null=True)
    revision = NumberAttribute(null=True)
    by_status = ArticleStatusIndex()
    by_source = ArticleSourceIndex()
