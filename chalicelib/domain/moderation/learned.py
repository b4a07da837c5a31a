"""The learned stage: a compact linear model over words and character n-grams.

The rules know the words someone listed; this model scores wording nobody listed. It reads
the same canonical word stream as the phrase rules (folded, disguises undone, personal data
and links replaced by `xphone`/`xmail`/`xlink`) and gives, for each of `LABELS`, a
probability from one logistic regression:

    p(label) = sigmoid(bias + sum of the weights of the message's features)

Features: each word (`w:`), each pair of neighbouring words (`b:`), and the character 3- to
5-grams of each word written `<word>` (`c:`), so that "connasse", "conasse" and "konasse"
share most of their evidence. A word's unigram and n-gram weights only depend on the word,
so they are summed once per distinct word and cached: scoring a message costs a dictionary
lookup per word and per word pair, in plain Python, over a weights file of a few hundred
kilobytes (data/model.tsv, written by `tools/moderation_train.py`; nothing is downloaded).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from importlib import resources

from chalicelib.domain.moderation.cache import ComputedCache

LABELS = ("insult", "off_platform", "spam")
MODEL_FILE = "model.tsv"
SEVERITY_FILE = "severity.tsv"
NGRAMS = (3, 4, 5)
# The value a word's character n-grams share between them (the word itself has 1).
NGRAM_SHARE = 3.0
# Weights are stored as integers of 1/SCALE: the file stays small and byte-for-byte stable.
SCALE = 1000
_CLAUSE = "|"
# A cached word: its shaped form, the pairs it starts (right word -> weights) and the summed
# weights of its own features.
_Entry = tuple[str, "dict[str, tuple[float, float, float]] | None", float, float, float]


def shape(word: str) -> str:
    """The form a word takes in features: digits become `0` (a price is a price)."""
    if word.isdigit():
        return "0" * min(len(word), 6)
    return word


def word_features(word: str) -> list[tuple[str, float]]:
    """The features that depend on one word alone, with their values: the word (1) and its
    character n-grams, which share `NGRAM_SHARE` between them so that a long word weighs no
    more than a short one (unscaled, every word of a message added evidence for whichever
    label has the most n-gram weight, and ordinary messages were blocked by the model)."""
    word = shape(word)
    out = [("w:" + word, 1.0)]
    if word.isalpha() and len(word) > 2:
        marked = f"<{word}>"
        grams = ["c:" + marked[i:i + size] for size in NGRAMS
                 for i in range(len(marked) - size + 1)]
        out.extend((gram, NGRAM_SHARE / len(grams)) for gram in grams)
    return out


def pair_features(words: Sequence[str]) -> list[str]:
    """The features of neighbouring words, clause marks included as boundaries."""
    shaped = [shape(word) for word in words]
    return ["b:" + a + " " + b for a, b in zip(shaped, shaped[1:], strict=False)]


def message_features(words: Sequence[str]) -> list[tuple[str, float]]:
    """Every feature of a message given its canonical words (training uses this).

    A word, or a pair, counts once however often it is repeated: "15 € aller, 15 € retour,
    30 €" is not three times as much of a price as "15 €" (training on presence and scoring
    on counts once made such a message spam).
    """
    out: list[tuple[str, float]] = []
    seen: set[str] = set()
    for word in words:
        shaped = shape(word)
        if word != _CLAUSE and shaped not in seen:
            seen.add(shaped)
            out.extend(word_features(word))
    out.extend((pair, 1.0) for pair in dict.fromkeys(pair_features(words)))
    return out


def logit(probability: float) -> float:
    """The inverse of `sigmoid` (thresholds are compared with raw scores)."""
    if probability >= 1.0:
        return math.inf
    return math.log(probability / (1.0 - probability))


def sigmoid(value: float) -> float:
    """The logistic function, safe for large magnitudes."""
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


class LinearModel:
    """One logistic regression per label over sparse features; `scores` is the entry point."""

    def __init__(self, bias: Sequence[float], weights: dict[str, tuple[float, float, float]],
                 labels: Sequence[str] = LABELS) -> None:
        if len(labels) != 3 or len(bias) != 3:
            raise ValueError("the model scores exactly three labels")
        self.labels = tuple(labels)
        self.bias = (float(bias[0]), float(bias[1]), float(bias[2]))
        self.weights = weights
        # Pair weights grouped by their left word: scoring looks a pair up only when its left
        # word starts one, without building a string per pair.
        self._pairs: dict[str, dict[str, tuple[float, float, float]]] = {}
        # One string object per word of a pair, which the cached entries hold as the shaped
        # form: a dictionary finds a key that is the very object it looks up without
        # reading the key's characters (scoring is bound by memory reads, not arithmetic).
        self._names: dict[str, str] = {}
        names = self._names
        for name, vector in weights.items():
            if name.startswith("b:"):
                left, _, right = name[2:].partition(" ")
                left, right = names.setdefault(left, left), names.setdefault(right, right)
                self._pairs.setdefault(left, {})[right] = vector
        self._words = ComputedCache[_Entry](self._entry)

    @classmethod
    def parse(cls, text: str) -> LinearModel:
        """Read the weights file: a `labels` line, a `bias` line, then `feature w w w`."""
        lines = text.splitlines()
        labels, bias = _read_head(lines)
        weights: dict[str, tuple[float, float, float]] = {}
        for line in lines[2:]:
            feature, a, b, c = line.split("\t")
            weights[feature] = (int(a) / SCALE, int(b) / SCALE, int(c) / SCALE)
        return cls(bias, weights, labels)

    def _entry(self, word: str) -> _Entry:
        """A word's shaped form, the pairs it starts, and the summed weights of its own
        features (`self._words` remembers it)."""
        a = b = c = 0.0
        get = self.weights.get
        if word != _CLAUSE:
            for feature, value in word_features(word):
                found = get(feature)
                if found is not None:
                    a += found[0] * value
                    b += found[1] * value
                    c += found[2] * value
        shaped = shape(word)
        shaped = self._names.get(shaped, shaped)
        return (shaped, self._pairs.get(shaped), a, b, c)

    def logits(self, words: Sequence[str]) -> tuple[float, float, float]:
        """The raw score of each label for a message's canonical words.

        Same sum as over `message_features(words)`, computed word by word: a cached entry per
        distinct word, one lookup per pair whose left word starts any known pair.
        """
        a, b, c = self.bias
        seen: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        starts: dict[str, tuple[float, float, float]] | None = None
        left = ""
        # The entries read by `map` from C (a cached word costs no Python call).
        for shaped, following, va, vb, vc in map(self._words.__getitem__, words):
            if shaped not in seen:
                seen.add(shaped)
                a += va
                b += vb
                c += vc
            if starts is not None:
                found = starts.get(shaped)
                if found is not None and (left, shaped) not in pairs:
                    pairs.add((left, shaped))
                    a += found[0]
                    b += found[1]
                    c += found[2]
            starts, left = following, shaped
        return a, b, c

    def scores(self, words: Sequence[str]) -> dict[str, float]:
        """The probability of each label for a message's canonical words."""
        return dict(zip(self.labels, map(sigmoid, self.logits(words)), strict=True))


class SeverityModel:
    """How strong an insult is that the rules did not find and `LinearModel` did: one more
    logistic regression over the same features, trained on insult lines alone (strong, which
    the policy blocks: slurs, hate, threats, sexual remarks, strong words; mild, which it
    reviews: idiot, con, sarcasm, condescension). The insult score says how sure the model is
    that a message insults; it says little about how hard (a mild insult said plainly scores
    higher than a veiled threat), so it does not choose between block and review.

    It is scored only for the few messages whose insult the model alone found, with
    `LinearModel`'s cached word sums (one column of three used): summing the features of
    `message_features` instead cost ~200 µs a message, 8 % of the time of a stream as
    insult-heavy as the labelled sets.
    """

    def __init__(self, bias: float, weights: dict[str, float]) -> None:
        self._scorer = LinearModel([float(bias), 0.0, 0.0],
                                   {name: (weight, 0.0, 0.0) for name, weight in weights.items()},
                                   ("strong", "", ""))

    @property
    def bias(self) -> float:
        return self._scorer.bias[0]

    @property
    def weights(self) -> dict[str, float]:
        """Each feature's weight (read from the scorer, which holds them)."""
        return {name: vector[0] for name, vector in self._scorer.weights.items()}

    @classmethod
    def parse(cls, text: str) -> SeverityModel:
        """Read the weights file: `labels strong`, a `bias` line, then `feature w`."""
        lines = text.splitlines()
        labels, bias = _read_head(lines)
        if labels != ["strong"]:
            raise ValueError("not an insult severity file")
        weights: dict[str, float] = {}
        for line in lines[2:]:
            feature, weight = line.split("\t")
            weights[feature] = int(weight) / SCALE
        return cls(bias[0], weights)

    def strong(self, words: Sequence[str]) -> bool:
        """Whether the insult in a message's canonical words is strong (probability >= 0.5)."""
        return self._scorer.logits(words)[0] >= 0.0


def _read_head(lines: list[str]) -> tuple[list[str], list[float]]:
    """Labels and bias of a weights file's lines (`serialise` writes it); each model reads
    its own weight lines, unpacking a fixed number of columns (a line a model reads at cold
    start costs no list of its values)."""
    head, bias_line = lines[0].split("\t"), lines[1].split("\t")
    if head[0] != "labels" or bias_line[0] != "bias":
        raise ValueError("not a moderation model file")
    return head[1:], [int(v) / SCALE for v in bias_line[1:]]


def serialise(labels: Iterable[str], bias: Sequence[float],
              weights: dict[str, Sequence[float]]) -> str:
    """The weights file for a model (features sorted, weights rounded to 1/SCALE)."""
    lines = ["labels\t" + "\t".join(labels),
             "bias\t" + "\t".join(str(round(v * SCALE)) for v in bias)]
    for feature in sorted(weights):
        values = [round(v * SCALE) for v in weights[feature]]
        if any(values) and "\t" not in feature and "\n" not in feature:
            lines.append(feature + "\t" + "\t".join(map(str, values)))
    return "\n".join(lines) + "\n"


def load_model(name: str = MODEL_FILE) -> LinearModel | None:
    """The model shipped in this package's `data/` folder, or None when there is none."""
    text = _shipped(name)
    return None if text is None else LinearModel.parse(text)


def load_severity(name: str = SEVERITY_FILE) -> SeverityModel | None:
    """The insult severity model shipped in `data/`, or None when there is none."""
    text = _shipped(name)
    return None if text is None else SeverityModel.parse(text)


def _shipped(name: str) -> str | None:
    path = resources.files(__package__).joinpath("data", name)
    return path.read_text(encoding="utf-8") if path.is_file() else None
