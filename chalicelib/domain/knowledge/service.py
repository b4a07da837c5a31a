"""Knowledge service: capture, edit, publish and archive articles; suggest as members type."""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypedDict, Unpack

from chalicelib.domain.clock import Clock, SystemClock
from chalicelib.domain.errors import BadInput, Conflict, Forbidden, NotFound
from chalicelib.domain.identity import Principal
from chalicelib.domain.knowledge.drafting import (
    MAX_ANSWER,
    MAX_QUESTION,
    clean_lang,
    clean_tags,
    clean_text,
    draft_from_transcript,
)
from chalicelib.domain.knowledge.model import Article, ArticleStatus
from chalicelib.domain.knowledge.ports import ArticleRepository, TextMasker, TranscriptSource
from chalicelib.domain.knowledge.suggest import Suggestion, SuggestionIndex

MAX_QUERY_CHARS = 200
MAX_SUGGESTIONS = 10

# Called with (helper_id, article_id, at) the first time an article drawn from a Helper's
# answer is published; RecognitionService.on_article_adopted fits.
AdoptionHook = Callable[[str, str, float], object]


def _new_article_id() -> str:
    return "kb-" + uuid.uuid4().hex[:16]


class _ArticleChanges(TypedDict, total=False):
    """The fields a staff action may change on an article; the service sets the rest."""

    lang: str
    question: str
    answer: str
    tags: tuple[str, ...]
    status: ArticleStatus
    published_at: float


class KnowledgeService:
    """Staff curate articles; members get suggestions from the published ones."""

    def __init__(
        self,
        articles: ArticleRepository,
        transcripts: TranscriptSource,
        masker: TextMasker,
        *,
        on_adopted: AdoptionHook | None = None,
        clock: Clock | None = None,
        new_id: Callable[[], str] = _new_article_id,
        refresh_seconds: float = 30.0,
    ) -> None:
        self._articles = articles
        self._transcripts = transcripts
        self._masker = masker
        self._on_adopted = on_adopted
        self._clock = clock or SystemClock()
        self._new_id = new_id
        self._refresh_seconds = refresh_seconds
        self._index: SuggestionIndex | None = None
        self._revision: int | None = None
        self._checked_at = float("-inf")

    def capture(self, principal: Principal, conversation_id: str) -> Article:
        """Turn a closed conversation into a draft article (one article per conversation)."""
        self._require_staff(principal)
        existing = self._articles.by_source(conversation_id)
        if existing is not None:
            raise Conflict(
                "this conversation already has an article",
                code="already_captured",
                article_id=existing.article_id,
            )
        transcript = self._transcripts.transcript(conversation_id, principal)
        if transcript is None:
            raise NotFound("no such conversation")
        draft = draft_from_transcript(transcript)
        return self._create(
            principal,
            draft.lang,
            draft.question,
            draft.answer,
            draft.tags,
            topic=draft.topic,
            source=conversation_id,
            credited=draft.credited_helper_id,
        )

    def create(
        self,
        principal: Principal,
        lang: str,
        question: str,
        answer: str,
        tags: Sequence[str] = (),
        topic: str | None = None,
    ) -> Article:
        """Staff write an article from scratch (as a draft)."""
        self._require_staff(principal)
        return self._create(principal, lang, question, answer, clean_tags(tags), topic=topic)

    def _create(
        self,
        principal: Principal,
        lang: str,
        question: str,
        answer: str,
        tags: tuple[str, ...],
        *,
        topic: str | None,
        source: str | None = None,
        credited: str | None = None,
    ) -> Article:
        lang = clean_lang(lang)
        now = self._clock.time()
        article = Article(
            article_id=self._new_id(),
            lang=lang,
            question=self._masked(question, "question", MAX_QUESTION, lang),
            answer=self._masked(answer, "answer", MAX_ANSWER, lang),
            tags=tags,
            status=ArticleStatus.DRAFT,
            created_by=principal.member_id,
            created_at=now,
            updated_at=now,
            topic=topic,
            source_conversation_id=source,
            credited_helper_id=credited,
        )
        self._articles.save(article, None)
        return article

    def edit(
        self,
        principal: Principal,
        article_id: str,
        expected_version: int,
        *,
        lang: str | None = None,
        question: str | None = None,
        answer: str | None = None,
        tags: Sequence[str] | None = None,
    ) -> Article:
        """Staff change an article; a stale `expected_version` conflicts instead of losing work."""
        self._require_staff(principal)
        article = self._current(article_id, expected_version)
        lang = clean_lang(lang) if lang is not None else article.lang
        changes: _ArticleChanges = {"lang": lang}
        if question is not None:
            changes["question"] = self._masked(question, "question", MAX_QUESTION, lang)
        if answer is not None:
            changes["answer"] = self._masked(answer, "answer", MAX_ANSWER, lang)
        if tags is not None:
            changes["tags"] = clean_tags(tags)
        return self._save(article, **changes)

    def publish(
        self, principal: Principal, article_id: str, expected_version: int | None = None
    ) -> Article:
        """Make an article visible to members; the first publication credits its Helper."""
        self._require_staff(principal)
        article = self._current(article_id, expected_version)
        if article.is_published:
            return article
        now = self._clock.time()
        first_time = article.published_at is None
        saved = self._save(article, status=ArticleStatus.PUBLISHED, published_at=now)
        if first_time and article.credited_helper_id and self._on_adopted:
            self._on_adopted(article.credited_helper_id, article.article_id, now)
        return saved

    def archive(
        self, principal: Principal, article_id: str, expected_version: int | None = None
    ) -> Article:
        """Withdraw an article from members (it stays for staff)."""
        self._require_staff(principal)
        article = self._current(article_id, expected_version)
        if article.status is ArticleStatus.ARCHIVED:
            return article
        return self._save(article, status=ArticleStatus.ARCHIVED)

    def view(self, principal: Principal | None, article_id: str) -> Article:
        """An article: staff see every state, everyone else only published ones."""
        article = self._articles.get(article_id)
        staff = principal is not None and principal.is_staff
        if article is None or not (article.is_published or staff):
            raise NotFound("no such article")
        return article

    def list(
        self,
        principal: Principal,
        status: str = ArticleStatus.DRAFT,
        lang: str | None = None,
        limit: int = 50,
    ) -> list[Article]:
        """Staff lists of drafts, published or archived articles."""
        self._require_staff(principal)
        try:
            wanted = ArticleStatus(status)
        except ValueError:
            raise BadInput("unknown status", code="bad_status") from None
        if not 1 <= limit <= 200:
            raise BadInput("limit must be within 1..200")
        return self._articles.by_status(wanted, clean_lang(lang) if lang else None, limit)

    # The `list` method above shadows the builtin inside this class body.
    def suggest(
        self, query: str | None, lang: str | None, limit: int = 5
    ) -> builtins.list[Suggestion]:
        """Published articles matching what the member is typing (`GET /kb/suggest`)."""
        text = (query or "")[:MAX_QUERY_CHARS]
        lang = clean_lang(lang or "fr")
        if not 1 <= limit <= MAX_SUGGESTIONS:
            raise BadInput(f"limit must be within 1..{MAX_SUGGESTIONS}")
        if not text.strip():
            return []
        return self._current_index().suggest(text, lang, limit)

    def _current_index(self) -> SuggestionIndex:
        # A revision read costs one small GetItem; doing it at most every refresh_seconds
        # keeps keystrokes free of storage calls while publications show up quickly.
        now = self._clock.time()
        if self._index is None or now - self._checked_at >= self._refresh_seconds:
            revision = self._articles.published_revision()
            self._checked_at = now
            if self._index is None or revision != self._revision:
                self._index = SuggestionIndex(self._articles.published())
                self._revision = revision
        return self._index

    def _current(self, article_id: str, expected_version: int | None) -> Article:
        article = self._articles.get(article_id)
        if article is None:
            raise NotFound("no such article")
        if expected_version is not None and expected_version != article.version:
            raise Conflict(
                "the article changed meanwhile", code="version_conflict", version=article.version
            )
        return article

    def _save(self, article: Article, **changes: Unpack[_ArticleChanges]) -> Article:
        updated = replace(
            article, updated_at=self._clock.time(), version=article.version + 1, **changes
        )
        self._articles.save(updated, article.version)
        if article.is_published or updated.is_published:
            self._checked_at = float("-inf")  # this container sees its own change at once
        return updated

    def _masked(self, text: str | None, name: str, limit: int, lang: str) -> str:
        return clean_text(self._masker.mask(clean_text(text, name, limit), lang), name, limit)

    @staticmethod
    def _require_staff(principal: Principal) -> None:
        if not principal.is_staff:
            raise Forbidden("only staff curate the knowledge base")
