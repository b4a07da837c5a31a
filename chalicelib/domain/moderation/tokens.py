"""The canonical word stream that the phrase rules read.

A folded message becomes `| word word | word |`: words undo the usual disguises (leetspeak,
letters spelled apart, stretched letters, masked letters, dotted or hyphenated words) and
`|` marks clause punctuation. Disguises are only undone when the result is a word some
lexicon knows, so ordinary text ("12h30", "maps.google.com") passes through unchanged.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from itertools import chain, islice

from chalicelib.domain.moderation.cache import ComputedCache

_SINGLE = r"[a-z0-9@$*]"
# SEGMENT_RE below consumes a segment's first character with one character class, the union of
# the first characters of its alternatives, and each alternative then checks that character
# with a one-character lookbehind: a pattern that opens with a class lets the regex engine
# skip, in a tight C loop, the spaces and other characters no segment starts with, instead of
# trying every alternative there. A plain word (two or more letters or digits, then nothing
# that could join it to more) comes first, in one possessive step. No group that may match
# nothing is entered on the way: an optional group costs a repeat context even when it is
# skipped. (Rewritten so for speed; each form matches what the plain one matched, noted
# beside it, in the same order of preference: same segments, which a unit test checks on
# every labelled message.)
#
# Letters spelled apart, three or more with the same separator ("c o n n a r d", "f.d.p").
# They are joined only when that gives a known word, so "i m a" or "y a 2" stay as they are.
# (`(?<![a-z0-9])X` as `X(?<![a-z0-9]X)`; a separator must follow, so a word leaves at its
# second letter.)
_SINGLES_TAIL = (
    rf"(?<![a-z0-9]{_SINGLE})(?=[ ._\-])"
    rf"(?:(?: {_SINGLE}){{2,}}|(?:\.{_SINGLE}){{2,}}|(?:-{_SINGLE}){{2,}}|(?:_{_SINGLE}){{2,}})"
    # ... and not the start of another run ("u r a c.u.n.t": "u r a", then "c.u.n.t").
    r"(?![a-z0-9]|[.\-_][a-z0-9])"
)
_SINGLES = rf"{_SINGLE}{_SINGLES_TAIL}"
# Spelled letters may follow words of one letter ("a", "u r a"): up to this many are tried
# apart, leaving at least `_SINGLES_LEAST` letters to make the word.
_SINGLES_LEAD = 3
_SINGLES_LEAST = 3
_ONE_LETTER_WORDS = frozenset("auryi")
# Round 26 (blind24 read): ... or come before one ("W h a t s a p p c'est mieux": the "c" of
# "c'est" joins the run), an English word of one letter or a French elided one.
_TRAILING_ONE_LETTER_WORDS = frozenset("auiycjlmnstd")
# `(?:[@$!*€]+[a-z0-9]+)*`
_MORE_PIECES = r"(?:(?=[@$!*€])(?:[@$!*€]+[a-z0-9]+)+|)"
_PIECE = rf"[a-z0-9]+{_MORE_PIECES}"
# A word, or pieces joined by dots, hyphens or underscores ("maps.google.com"); one alternative
# for both, so that a plain word is scanned once (as two alternatives, the dotted one scanned
# and backtracked over every word before the plain one scanned it again: same matches).
_DOTTED_TAIL = rf"(?=[.\-_])(?:[.\-_]{_PIECE})+"
_WORD_END = rf"(?:{_DOTTED_TAIL}|[$*€]*)"
# `[@$]*{_PIECE}(?:(?:[.\-_]{_PIECE})+|[$*€]*)`, its first character consumed (round 32: a
# word may open on several signs, "@$$h0le").
_WORD_AFTER = (rf"(?<=[@$])[@$]*{_PIECE}{_WORD_END}"
               rf"|(?<=[a-z0-9])[a-z0-9]*{_MORE_PIECES}{_WORD_END}")
# What the word alternative matches when the letters or digits that start it are followed by
# none of the characters that continue a word: the whole run of them; and the letters-apart
# alternative, which it goes before, fails at a run of two or more.
_PLAIN_WORD_AFTER = r"(?<=[a-z0-9])[a-z0-9]++(?![@$!*€.\-_])"
# `[,;:?()\[\]{}\"\n/|]+|[.!]+(?![a-z0-9])`, its first character consumed.
_CLAUSE_MARK = r"[,;:?()\[\]{}\"\n/|]"
_CLAUSE_AFTER = rf"(?<={_CLAUSE_MARK}){_CLAUSE_MARK}*|(?<=[.!])[.!]*(?![a-z0-9])"
# `[€£$¥]`, its only character consumed.
_CURRENCY_AFTER = r"(?<=[€£$¥])"
_FIRST = r"[a-z0-9@$*,;:?()\[\]{}\"\n/|.!€£¥]"
SEGMENT_RE = re.compile(
    rf"{_FIRST}(?:{_PLAIN_WORD_AFTER}|(?<={_SINGLE}){_SINGLES_TAIL}|{_WORD_AFTER}"
    rf"|{_CLAUSE_AFTER}|{_CURRENCY_AFTER})"
)
# Currency signs become words so that rules can tell "500 €" from "500 km".
_CURRENCIES = {"€": "eur", "£": "gbp", "$": "usd", "¥": "jpy"}
_SINGLES_RE = re.compile(_SINGLES)
_DOTTED_SPLIT_RE = re.compile(r"[.\-_]")
_LETTER_RE = re.compile(r"[a-z]")
_TRIPLE_RE = re.compile(r"([a-z])\1\1")
_RUN_RE = re.compile(r"([a-z])\1*")

_LEET = str.maketrans("@$!0134579€", "asioieastge")
_LEET_L = str.maketrans("@$!0134579€", "asioleastge")
_CLAUSE_START = frozenset(",;:?()[]{}\"\n/|.!")
# A straight apostrophe that joins no two word characters is a quotation mark: "wrote 'kys'
# to me", "the 'go back' remark" (typed or folded from ‘ ’) end a clause like a double quote
# does. "t'es", "l'appli", "don't" keep theirs (round 11).
_QUOTE_RE = re.compile(r"(?<![a-z0-9])'|'(?![a-z0-9])")


def _quotes(folded: str) -> str:
    """`folded` with its quoting apostrophes written as double quotes (same length)."""
    return _QUOTE_RE.sub('"', folded) if "'" in folded else folded


_QUOTED_RE = re.compile(r'"[^"]*"')


def quoted_spans(folded: str) -> list[tuple[int, int]]:
    """The spans of `folded` between two quotes, quotes included (double quotes, or
    apostrophes used as quotes: "wrote 'kys' to me"); each quote closes the one before it."""
    if '"' not in folded and "'" not in folded:
        return []
    return [match.span() for match in _QUOTED_RE.finditer(_quotes(folded))]


def _runs(word: str) -> list[tuple[str, int]]:
    """Run-length encoding: "connnard" -> [(c,1), (o,1), (n,3), (a,1), (r,1), (d,1)]."""
    return [(m.group(1), len(m.group())) for m in _RUN_RE.finditer(word)]


def squeeze(word: str) -> str:
    """Every run of a repeated letter reduced to one letter."""
    return "".join(letter for letter, _ in _runs(word))


class Canonicaliser:
    """Turns folded text into the canonical word stream, knowing the lexicons' vocabulary."""

    def __init__(self, vocabulary: Iterable[str], suspicious: Mapping[str, int]) -> None:
        """`suspicious`: words rules look for, ranked (0 first) for reading masked tokens."""
        self.vocabulary = frozenset(vocabulary)
        # Only words a rule is looking for are worth reaching by wildcards and sound-alikes.
        self.suspicious = frozenset(suspicious)
        self._squeezed: dict[str, list[str]] = {}
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(self.vocabulary):
            self._squeezed.setdefault(squeeze(word), []).append(word)
        for word in sorted(suspicious, key=lambda w: (suspicious[w], w)):
            self._by_length.setdefault(len(word), []).append(word)
        # Cached per instance: words repeat across messages and each costs a few regexes.
        # A dict read from C (`map` over its `__getitem__`) costs about half an `lru_cache`
        # call.
        self.tokens = ComputedCache[tuple[str, ...]](self._words).__getitem__

    def stream(self, folded: str) -> str:
        """The canonical stream of a folded text, e.g. `| t es un connard | va |`."""
        return self.read(folded)[0]

    def read(self, folded: str) -> tuple[str, list[str]]:
        """The canonical stream of a folded text and its words (`stream.split()`, each word
        the one string object `tokens` holds for it)."""
        words = ["|", *chain.from_iterable(map(self.tokens,
                                               SEGMENT_RE.findall(_quotes(folded))))]
        if words[-1] != "|":  # a text ending with "." or "?" ends with its mark
            words.append("|")
        stream = " ".join(words)
        if "| |" in stream:
            # Clause marks in a row ("?!", ", ("): one mark.
            kept = words[:1]
            for word in islice(words, 1, None):
                if word != "|" or kept[-1] != "|":
                    kept.append(word)
            words = kept
            stream = " ".join(words)
        return stream, words

    def origins(self, folded: str, count: int | None = None) -> list[tuple[int, int] | None]:
        """For each word of `stream(folded)`, in order, the folded span of the segment it
        comes from (the several words of "500€" or "a b c" share one), None for a clause mark.

        Built segment by segment, so it must follow `read` word for word (a unit test
        checks it); only messages with a phrase hit need it. `count`: only the first `count`
        words are needed, and the segments after them are not read (a hit's last word is
        often far from the end of a long message).
        """
        tokens = self.tokens
        origins: list[tuple[int, int] | None] = [None]
        if count is None:
            count = sys.maxsize
        for match in SEGMENT_RE.finditer(_quotes(folded)):
            words = tokens(match[0])
            if words[0] == "|":  # a clause mark, the only word of its segment
                if origins[-1] is not None:
                    origins.append(None)
                continue
            if len(words) == 1:
                origins.append(match.span())
            else:
                origins.extend([match.span()] * len(words))
            if len(origins) >= count:
                return origins
        if origins[-1] is not None:
            origins.append(None)
        return origins

    def _words(self, segment: str) -> tuple[str, ...]:
        """A segment's canonical words (what `tokens` caches; a segment's words never depend
        on what came before), each interned: every message that holds a word gets the same
        string object, whose hash is already known and which the dictionaries of the later
        stages (the learned stage's word cache above all) find by comparing pointers."""
        return tuple(map(sys.intern, self._canon(segment).split()))

    def _canon(self, segment: str) -> str:
        if segment[0] in _CLAUSE_START:
            return "|"
        if segment in _CURRENCIES:
            return _CURRENCIES[segment]
        if segment[-1] in _CURRENCIES and segment[:-1].isdigit():
            return f"{segment[:-1]} {_CURRENCIES[segment[-1]]}"
        if _SINGLES_RE.fullmatch(segment):
            letters = segment[::2]
            joined = self.word(letters)
            if joined in self.vocabulary:
                return joined
            for lead in range(1, min(_SINGLES_LEAD, len(letters) - _SINGLES_LEAST) + 1):
                # A word of one letter before the spelled one ("you are a c u n t", round 18).
                if letters[lead - 1] not in _ONE_LETTER_WORDS:
                    break
                joined = self.word(letters[lead:])
                if joined in self.vocabulary:
                    return " ".join([*(self.word(letter) for letter in letters[:lead]), joined])
            for trail in range(1, min(_SINGLES_LEAD, len(letters) - _SINGLES_LEAST) + 1):
                if letters[-trail] not in _TRAILING_ONE_LETTER_WORDS:
                    break
                joined = self.word(letters[:-trail])
                if joined in self.vocabulary:
                    return " ".join([joined, *(self.word(letter) for letter in letters[-trail:])])
            return " ".join(self.word(letter) for letter in letters)
        if "." in segment or "-" in segment or "_" in segment:
            pieces = [piece for piece in _DOTTED_SPLIT_RE.split(segment) if piece]
            joined = self.word("".join(pieces))
            if joined in self.vocabulary:
                return joined
            return " ".join(self.word(piece) for piece in pieces)
        return self.word(segment)

    def word(self, token: str) -> str:
        """One token with its disguise undone when that gives a known word."""
        if token in self.vocabulary or token.isdigit():
            return token
        letters = token
        if not token.isalpha():
            if not _LETTER_RE.search(token):
                return token
            letters = token.translate(_LEET)
            if "*" in letters:
                return self._unmask(letters) or token
            if letters in self.vocabulary:
                return letters
            with_l = token.translate(_LEET_L)
            if with_l in self.vocabulary:
                return with_l
            if not letters.isalpha() or len(_LETTER_RE.findall(token)) < 2:
                # One letter and digits is a known word ("m3" for "me") or a reference
                # ("m000", "a380"), never a stretched word ("m000" was once read as "mo").
                return token
        if _TRIPLE_RE.search(letters):
            found = self._unstretch(letters)
            if found:
                return found
        if "k" in letters:
            # French insults are often written phonetically: "enkulé", "konnard".
            for variant in (letters.replace("k", "c"), letters.replace("k", "qu")):
                if variant in self.suspicious:
                    return variant
        if "y" in letters and len(letters) >= 4:
            # A Cyrillic "у" folds to "y" but stands for a "u" as often ("pуte"); short words
            # ("y", "ty") keep their "y".
            variant = letters.replace("y", "u")
            if variant in self.suspicious:
                return variant
        return token

    def _unmask(self, masked: str) -> str | None:
        """A suspicious word the masked token stands for ("f*ck" -> "fuck")."""
        pattern = re.compile(re.escape(masked).replace(r"\*", "[a-z]"))
        for candidate in self._by_length.get(len(masked), ()):
            if pattern.fullmatch(candidate):
                return candidate
        return None

    def _unstretch(self, stretched: str) -> str | None:
        """A known word the stretched token comes from ("connnnnard" -> "connard")."""
        runs = _runs(stretched)
        for candidate in self._squeezed.get(squeeze(stretched), ()):
            wanted = _runs(candidate)
            if all(have >= need for (_, have), (_, need) in zip(runs, wanted, strict=True)):
                return candidate
        return None
