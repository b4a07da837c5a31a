"""In-memory suggestion index over published articles: BM25F ranking on Snowball keys.

Built once per container from the published articles (a few hundred to a few thousand), then
answers each keystroke in well under a millisecond (see docs/benchmarks.md, section kb).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from chalicelib.domain.knowledge.model import Article
from chalicelib.domain.knowledge.text import LANGUAGES, Analyzer, QueryToken

# The question says best what an article is about; the tags were chosen by staff.
DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {"question": 3.0, "tags": 2.0, "answer": 1.0}
)
# Partial matches count, but less than the word itself.
PREFIX_WEIGHT = 0.9
TRUNCATED_WEIGHT = 0.8
MAX_EXPANSIONS = 40
MIN_TRUNCATED = 4
# Results scoring under this share of the best one are noise, not suggestions.
RELATIVE_CUT = 0.2
EXCERPT_CHARS = 160


@dataclass(frozen=True)
class Suggestion:
    """A suggested article for what the member is typing."""

    article_id: str
    lang: str
    question: str
    excerpt: str
    score: float

    def to_json(self) -> dict[str, object]:
        """Wire form of `GET /kb/suggest`."""
        return {
            "article_id": self.article_id,
            "lang": self.lang,
            "question": self.question,
            "excerpt": self.excerpt,
            "score": round(self.score, 4),
        }


def _field(article: Article, name: str) -> str:
    return " ".join(article.tags) if name == "tags" else getattr(article, name)


def _excerpt(text: str) -> str:
    if len(text) <= EXCERPT_CHARS:
        return text
    return text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"


class _LanguageIndex:
    """BM25F postings of one language; each posting holds its precomputed score."""

    def __init__(
        self,
        analyzer: Analyzer,
        articles: list[Article],
        weights: Mapping[str, float],
        k1: float,
        b: float,
    ) -> None:
        self.analyzer = analyzer
        self.articles = articles
        # Term frequencies are weighted by field, hence floats rather than a Counter's ints.
        frequencies: list[dict[str, float]] = []
        lengths: list[float] = []
        for article in articles:
            tf: dict[str, float] = defaultdict(float)
            length = 0.0
            for name, weight in weights.items():
                for keys in analyzer.keys(_field(article, name)):
                    length += weight
                    for key in keys:
                        tf[key] += weight
            frequencies.append(tf)
            lengths.append(length)
        count = len(articles)
        average = (sum(lengths) / count) if count else 1.0
        df: Counter[str] = Counter(k for tf in frequencies for k in tf)
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for doc, tf in enumerate(frequencies):
            norm = k1 * (1 - b + b * lengths[doc] / (average or 1.0))
            for key, f in tf.items():
                idf = math.log(1 + (count - df[key] + 0.5) / (df[key] + 0.5))
                postings[key].append((doc, idf * f * (k1 + 1) / (f + norm)))
        self.postings = dict(postings)
        self.df = df
        self.vocabulary = sorted(self.postings)

    def _candidates(self, token: QueryToken) -> dict[str, float]:
        found = {k: 1.0 for k in token.keys if k in self.postings}
        # "remboursee" stems to "rembourse" where most articles have "rembours", and
        # "passagers" to "passager" where the singular gives "passag": also accept the
        # longest indexed key that the query key starts with.
        for key in token.keys:
            self._add_truncation(found, key)
        if token.prefix:
            start = bisect_left(self.vocabulary, token.prefix)
            expansions = []
            for key in self.vocabulary[start:]:
                if not key.startswith(token.prefix):
                    break
                expansions.append(key)
            # A very short prefix matches many words: keep the commonest, bounded.
            expansions.sort(key=lambda k: -self.df[k])
            for key in expansions[:MAX_EXPANSIONS]:
                found.setdefault(key, PREFIX_WEIGHT)
            # "annula" goes past the stem "annul" of what it will become.
            self._add_truncation(found, token.prefix)
        return found

    def _add_truncation(self, found: dict[str, float], key: str) -> None:
        for end in range(len(key) - 1, MIN_TRUNCATED - 1, -1):
            if key[:end] in self.postings:
                found.setdefault(key[:end], TRUNCATED_WEIGHT)
                return

    def search(self, tokens: list[QueryToken]) -> list[tuple[float, int]]:
        totals: dict[int, float] = defaultdict(float)
        matched: Counter[int] = Counter()
        for token in tokens:
            best: dict[int, float] = {}
            for key, weight in self._candidates(token).items():
                for doc, score in self.postings[key]:
                    value = weight * score
                    if value > best.get(doc, 0.0):
                        best[doc] = value
            for doc, value in best.items():
                totals[doc] += value
                matched[doc] += 1
        # Articles that match more of the words the member typed come first.
        return [
            (total * (0.5 + 0.5 * matched[doc] / len(tokens)), doc) for doc, total in totals.items()
        ]


class SuggestionIndex:
    """Suggestions over published articles, French and English."""

    def __init__(
        self,
        articles: Iterable[Article],
        *,
        weights: Mapping[str, float] = DEFAULT_WEIGHTS,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> None:
        by_lang: dict[str, list[Article]] = {lang: [] for lang in LANGUAGES}
        for article in articles:
            if article.is_published and article.lang in by_lang:
                by_lang[article.lang].append(article)
        self._indexes = {
            lang: _LanguageIndex(Analyzer(lang), docs, weights, k1, b)
            for lang, docs in by_lang.items()
        }

    def __len__(self) -> int:
        return sum(len(ix.articles) for ix in self._indexes.values())

    def suggest(self, query: str, lang: str, limit: int = 5) -> list[Suggestion]:
        """The best published articles of `lang` for a query, best first."""
        index = self._indexes[lang]
        tokens = index.analyzer.query(query)
        if not tokens:
            return []
        scored = index.search(tokens)
        if not scored:
            return []
        scored.sort(key=lambda pair: (-pair[0], index.articles[pair[1]].article_id))
        floor = scored[0][0] * RELATIVE_CUT
        return [
            Suggestion(
                article.article_id,
                article.lang,
                article.question,
                _excerpt(article.answer),
                score,
            )
            for score, doc in scored[:limit]
            if score >= floor
            for article in (index.articles[doc],)
        ]
