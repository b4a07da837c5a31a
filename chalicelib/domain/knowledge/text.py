"""Text analysis for suggestions: tokens, stopwords, Snowball stems, accent folding.

Members type fast and loosely: "remboursee" for "remboursée", "annulé" or "annulation" for
"annuler". Each token therefore yields up to two keys, the folded stem of the word as typed and
the stem of the folded word; both sides of the search use the same keys, so accents,
plurals and conjugations meet on a common form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import snowballstemmer

LANGUAGES = ("fr", "en")
_SNOWBALL_NAMES = {"fr": "french", "en": "english"}
MIN_TOKEN = 2
# An unfinished word shorter than this matches too much to help.
MIN_PREFIX = 3

# Words that carry no meaning for a help search (folded: no accents, lower case). Kept short
# on purpose: BM25 already discounts frequent words; these only trim noise and work.
_STOPWORDS = {
    "fr": frozenset(
        """
        a ai aie aient ais ait alors as au aucun aussi autre aux avec avez avions avoir avons
        bon c ca car ce ceci cela celle celui ces cet cette chez comme comment d dans de des
        donc dont du elle elles en encore est et etaient etais etait etant ete etes etre eu
        fait faire faut il ils j je jusqu l la le les leur leurs lui m ma mais me meme mes moi
        mon n ne ni nos notre nous on ont ou par pas peu peut peux plus pour pourquoi puis
        qu quand que quel quelle quelles quels qui quoi s sa sans se ses si son sont suis sur
        t ta te tes toi ton tous tout tres tu un une vos votre vous y bonjour merci svp stp
        """.split()
    ),
    "en": frozenset(
        """
        a about after all am an and any are as at be been being but by can could did do does
        doing don for from had has have having he her here hers him his how i if in into is
        it its just me my no nor not of on or our ours please she should so some such than
        that the their theirs them then there these they this those to too us very was we
        were what when where which while who whom why will with would you your yours hello
        hi thanks thank
        """.split()
    ),
}

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def fold_accents(text: str) -> str:
    """Lower case without accents or ligatures: "Réservée" -> "reservee"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def check_language(lang: str) -> str:
    """Return the language if supported, else raise ValueError."""
    if lang not in _SNOWBALL_NAMES:
        raise ValueError(f"unsupported language: {lang}")
    return lang


class _Stemmer(Protocol):
    """The part of a snowballstemmer stemmer used here (the library ships no types)."""

    def stemWord(self, word: str) -> str: ...


@dataclass(frozen=True)
class QueryToken:
    """One word of a query: its keys, and for the word being typed, its folded prefix."""

    keys: tuple[str, ...]
    prefix: str | None = None


class Analyzer:
    """Turns text of one language into index keys, with a per-word cache."""

    def __init__(self, lang: str) -> None:
        self.lang = check_language(lang)
        self._stopwords = _STOPWORDS[lang]
        stemmer: _Stemmer = snowballstemmer.stemmer(_SNOWBALL_NAMES[lang])
        # Snowball stemmers keep state between calls; one instance per analyzer, and the
        # cache means each distinct word is stemmed once per container.
        self._keys_of = lru_cache(maxsize=50_000)(lambda word: self._keys(stemmer, word))

    @staticmethod
    def _keys(stemmer: _Stemmer, word: str) -> tuple[str, ...]:
        as_typed = fold_accents(stemmer.stemWord(word))
        folded = stemmer.stemWord(fold_accents(word))
        return (as_typed,) if as_typed == folded else (as_typed, folded)

    def words(self, text: str) -> Iterator[str]:
        """The meaningful words of a text, lower case, accents kept."""
        for match in _TOKEN.finditer(text.lower()):
            word = match.group()
            if len(word) >= MIN_TOKEN and fold_accents(word) not in self._stopwords:
                yield word

    def keys(self, text: str) -> list[tuple[str, ...]]:
        """The keys of every meaningful word of a document field."""
        return [self._keys_of(w) for w in self.words(text)]

    def query(self, text: str) -> list[QueryToken]:
        """Query tokens; the last word is treated as unfinished unless a space or mark follows."""
        raw = _TOKEN.findall(text.lower())
        typing = bool(raw) and text[-1:].isalnum()
        tokens = []
        for i, word in enumerate(raw):
            folded = fold_accents(word)
            stop = folded in self._stopwords
            if typing and i == len(raw) - 1:
                # "pas" may be the start of "passager": an unfinished stopword still
                # searches as a prefix, it just has no exact keys.
                keys = () if stop or len(word) < MIN_TOKEN else self._keys_of(word)
                prefix = folded if len(folded) >= MIN_PREFIX else None
                if keys or prefix:
                    tokens.append(QueryToken(keys, prefix))
            elif not stop and len(word) >= MIN_TOKEN:
                tokens.append(QueryToken(self._keys_of(word)))
        return tokens
