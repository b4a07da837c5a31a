"""Lexicon files: word classes and phrase rules, compiled into regexes.

A `.rules` file (see docs/moderation.md) has `[class NAME]` and `[anchor NAME]` word lists,
one entry per line (several words allowed), a `[rules]` section of `id action pattern`
lines and an optional `[options]` section. Patterns are read against the canonical word
stream of `tokens.py`; every word class becomes a prefix tree so that a class of hundreds
of words costs the regex engine a few character tests per position.

Pattern syntax, word by word:
    word        a literal word (folded like the messages); `!word` also makes it an anchor
    @NAME       any entry of a class
    ( a | b c ) alternatives; any item or group may end with `?` or `{m,n}`
    ~N          up to N words of the same clause; `~~N` may cross clause punctuation
    ^  $        clause start / clause end
    /regex/     one word matching the regex
Actions: `block` and `review` report a hit, `firm` a review that the learned stage may not
veto (see moderator.py); `cancel` drops the hits it overlaps (self deprecation, quoting);
`cancel-all` drops every hit of the file (a member reporting what someone else wrote).
`quiet` cancels nothing but keeps the learned stage from adding the file's category on its
own (the writer staying on the platform, a scam someone received quoted); a cancel action
ending in `+quiet` (`cancel+quiet`, `cancel-all+quiet`) does both.
Every hit rule must contain an anchor: a message without any anchor word skips the file
without running a regex, and one with some runs only the rules that need them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from itertools import chain, repeat
from typing import TypeAlias

from chalicelib.domain.moderation.normalise import fold, overlaps
from chalicelib.domain.moderation.tokens import Canonicaliser

# `firm`: a review the learned stage may not veto (a writing with no innocent reading).
FIRM = "firm"
HIT_ACTIONS = ("block", "review", FIRM)
MASKED_CLASS = "MASKED"
# `quiet`: what the rules read as no proposal or scam of the writer's own (a scam someone
# received, quoted; "let's keep it all in here") keeps the learned stage from adding the
# file's category on its own. It cancels no hit of the rules. (A plain `cancel-all` does not
# quiet the model: its report words, "signalement", "scam", are also in threats and scams
# themselves; `cancel-all+quiet` is for a quote right after "he said".)
QUIET = "quiet"
# A cancel action that also quiets: `cancel+quiet`, `cancel-all+quiet`.
ALSO_QUIET = "+quiet"
_PATTERN_TOKEN_RE = re.compile(r"\s*(/[^/\s]+/|~~?\d+|[()|^$]|[^\s()|?{}]+)(\?|\{\d+,\d+\})?")
_WORDS_RE = re.compile(r"[a-z0-9]+")


class LexiconError(ValueError):
    """A lexicon file that cannot be read or compiled; the message names file and line."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that matched the stream, with the stream span of the words it covers."""

    rule: str
    action: str
    start: int
    end: int


@dataclass(slots=True)
class _Source:
    name: str
    classes: dict[str, list[str]]
    anchors: set[str]
    rules: list[tuple[str, str, str, int]]
    options: dict[str, str]


def read_source(name: str, text: str) -> _Source:
    """Parse one lexicon file without compiling it."""
    source = _Source(name, {}, set(), [], {})
    section: list[str] | None = None
    kind = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        header = re.fullmatch(r"\[(class|anchor)\s+([A-Z][A-Z0-9_]*)\]|\[(rules|options)\]", line)
        if header:
            kind = header.group(1) or header.group(3)
            if kind in ("class", "anchor"):
                class_name = header.group(2)
                if class_name in source.classes:
                    raise LexiconError(f"{name}:{number}: class {class_name} defined twice")
                section = source.classes[class_name] = []
                if kind == "anchor":
                    source.anchors.add(class_name)
            continue
        if kind in ("class", "anchor") and section is not None:
            section.append(line)
        elif kind == "rules":
            parts = line.split(None, 2)
            if len(parts) != 3 or parts[1] not in _ACTION_ORDER:
                raise LexiconError(f"{name}:{number}: expected `id action pattern`")
            source.rules.append((parts[0], parts[1], parts[2], number))
        elif kind == "options":
            key, _, value = line.partition("=")
            source.options[key.strip()] = value.strip()
        else:
            raise LexiconError(f"{name}:{number}: text outside a section")
    return source


def load_source(name: str) -> _Source:
    """Parse a lexicon file shipped in this package's `data/` folder."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return read_source(name, text)


def vocabulary(sources: Iterable[_Source]) -> tuple[set[str], dict[str, int]]:
    """Every word the files mention, and the suspicious ones with a rank (0 comes first).

    Rank -1: a class named MASKED, the words masked tokens most often stand for ("f***");
    rank 0: one-word entries of anchor classes ("pute", "slut"); rank 1: words of longer
    anchor entries and `!` literals ("fuck" of "fuck you"). Masked tokens ("p*te") are read
    as the best-ranked suspicious word they fit.
    """
    words: set[str] = set()
    suspicious: dict[str, int] = {}

    def note(found: list[str], rank: int) -> None:
        for word in found:
            suspicious[word] = min(rank, suspicious.get(word, rank))

    for source in sources:
        for class_name, entries in source.classes.items():
            for entry in entries:
                found = _WORDS_RE.findall(fold(entry))
                words.update(found)
                if class_name == MASKED_CLASS:
                    note(found, -1)
                elif class_name in source.anchors:
                    note(found, 0 if len(found) == 1 else 1)
        for _, _, pattern, _ in source.rules:
            for match in _PATTERN_TOKEN_RE.finditer(pattern):
                item = match.group(1)
                if item[0] not in "@/~()|^$":
                    found = _WORDS_RE.findall(fold(item.lstrip("!")))
                    words.update(found)
                    if item.startswith("!"):
                        note(found, 1)
    return words, suspicious


# A prefix tree: each character leads to the subtree of the entries going on with it; the
# empty key marks the end of an entry.
_Trie: TypeAlias = dict[str, "_Trie"]


def trie_regex(entries: Iterable[str]) -> str:
    """A regex matching exactly the entries, shaped as a prefix tree."""
    root: _Trie = {}
    for entry in entries:
        node = root
        for char in entry:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return emit(root)


# What a piece of pattern compiles to: its regex fragment, the anchor words it requires (one
# of them), and the words it cannot match without (one of each set: see `_Compiler.compile`).
_Compiled: TypeAlias = tuple[str, "set[str] | None", "list[frozenset[str]]"]


class _Compiler:
    """Turns one rule pattern into a regex fragment and the anchor words it requires."""

    def __init__(self, name: str, classes: dict[str, list[str]], gates: dict[str, set[str]],
                 canon: Canonicaliser) -> None:
        self.name = name
        self.classes = classes
        self.gates = gates
        self.canon = canon
        # Many rules name the same class: its prefix-tree regex is built once (cold start).
        self._class_regex: dict[str, str] = {}
        self._class_words: dict[str, frozenset[str]] = {}

    def compile(self, pattern: str, line: int) -> _Compiled:
        """The fragment, the anchor words it requires, and the words it cannot match without.

        A fragment starts at the first letter of a word and every word it matches carries
        its trailing space ("t es con "), so the stream's single spaces mark word bounds:
        a match holds, as words of the stream, the words of each literal and an entry of each
        class that the pattern cannot skip. The last result lists, for each of them, a set
        of words one of which the stream must then hold (an entry's longest word; for
        alternatives, one set of each branch put together).
        """
        self.where = f"{self.name}:{line}"
        self.items = [(m.group(1), m.group(2)) for m in _PATTERN_TOKEN_RE.finditer(pattern)]
        if "".join(t + (q or "") for t, q in self.items) != re.sub(r"\s+", "", pattern):
            raise LexiconError(f"{self.where}: cannot read pattern {pattern!r}")
        self.position = 0
        compiled = self._alternatives()
        if self.position != len(self.items):
            raise LexiconError(f"{self.where}: unbalanced parentheses")
        return compiled

    def _alternatives(self) -> _Compiled:
        branches = [self._sequence()]
        while self.position < len(self.items) and self.items[self.position][0] == "|":
            self.position += 1
            branches.append(self._sequence())
        if len(branches) == 1:
            return branches[0]
        fragment = "(?:" + "|".join(f for f, _, _ in branches) + ")"
        words = [min(c, key=len) for _, _, c in branches if c]
        conditions = [frozenset[str]().union(*words)] if len(words) == len(branches) else []
        requirements = [r for _, r, _ in branches if r is not None]
        if len(requirements) < len(branches):
            return fragment, None, conditions
        return fragment, set[str]().union(*requirements), conditions

    def _sequence(self) -> _Compiled:
        fragments: list[str] = []
        required: set[str] | None = None
        conditions: list[frozenset[str]] = []
        while self.position < len(self.items):
            item, quantifier = self.items[self.position]
            if item in ("|", ")"):
                break
            self.position += 1
            if item == "(":
                fragment, needs, words = self._alternatives()
                if self.position >= len(self.items) or self.items[self.position][0] != ")":
                    raise LexiconError(f"{self.where}: missing `)`")
                quantifier = self.items[self.position][1]
                self.position += 1
            else:
                fragment, needs, words = self._item(item)
            if quantifier:
                fragment = f"(?:{fragment}){quantifier}"
                if quantifier == "?" or quantifier.startswith("{0,"):
                    needs, words = None, []
            fragments.append(fragment)
            conditions.extend(words)
            if required is None:
                required = needs
        return "".join(fragments), required, conditions

    def _item(self, item: str) -> _Compiled:
        if item == "^":
            return r"(?<=\| )", None, []
        if item == "$":
            return r"(?=\|)", None, []
        if item.startswith("~~"):
            return f"(?:[^ ]+ ){{0,{int(item[2:])}}}", None, []
        if item.startswith("~"):
            return f"(?:[^ |]+ ){{0,{int(item[1:])}}}", None, []
        if item.startswith("/"):
            return f"(?:{item[1:-1]}) ", None, []
        if item.startswith("@"):
            name = item[1:]
            if name not in self.classes:
                raise LexiconError(f"{self.where}: unknown class {name}")
            if name not in self._class_regex:
                self._class_regex[name] = "(?:" + trie_regex(self.classes[name]) + ") "
                self._class_words[name] = frozenset(
                    max(entry.split(), key=len) for entry in self.classes[name])
            return self._class_regex[name], self.gates.get(name), [self._class_words[name]]
        anchor = item.startswith("!")
        word = self.canon.stream(fold(item.lstrip("!"))).strip("| ")
        if not word or "|" in word:
            raise LexiconError(f"{self.where}: {item!r} is not a word")
        longest = max(word.split(), key=len)
        return re.escape(word) + " ", ({longest} if anchor else None), [frozenset({longest})]


class RuleSet:
    """One lexicon file compiled: `find` returns the hits left after the cancel rules."""

    def __init__(self, source: _Source, category: str, canon: Canonicaliser) -> None:
        self.name = source.name
        self.category = category
        classes = {
            name: sorted({self._entry(canon, entry, source.name) for entry in entries})
            for name, entries in source.classes.items()
        }
        # A multi-word entry is present only if its longest word is: that word gates it.
        gates = {
            name: {max(entry.split(), key=len) for entry in classes[name]}
            for name in source.anchors
        }
        compiler = _Compiler(source.name, classes, gates, canon)
        self.rules: list[tuple[str, str, frozenset[str]]] = []
        # Hit rules by anchor word: a rule cannot match without one of its anchor words, so
        # a message only runs the rules whose anchors it holds.
        by_anchor: dict[str, list[int]] = {}
        # ... and, before its regex runs, the words it cannot match without (see
        # `_Compiler.compile`): most rules a message's anchor words call for lack one of them.
        self._conditions: list[tuple[frozenset[str], ...]] = []
        hit_parts: list[str] = []
        # The other actions' rules: (fragment, the words it cannot match without) by action.
        others: dict[str, list[tuple[str, list[frozenset[str]]]]] = {
            "cancel": [], "cancel-all": [], QUIET: []}
        gate: set[str] = set()
        ordered = sorted(source.rules, key=lambda rule: _ACTION_ORDER[rule[1]])
        for rule_id, action, pattern, line in ordered:
            fragment, required, conditions = compiler.compile(pattern, line)
            if action in HIT_ACTIONS:
                if required is None:
                    raise LexiconError(f"{source.name}:{line}: rule {rule_id} has no anchor")
                gate |= required
                for word in required:
                    by_anchor.setdefault(word, []).append(len(hit_parts))
                hit_parts.append(fragment)
                # A rule runs only when one of its anchor words is there: a condition that
                # one of them fulfils is always met. The smallest sets are tested first.
                kept = {words for words in conditions if not required <= words}
                self._conditions.append(tuple(sorted(kept, key=lambda words: (len(words),
                                                                             sorted(words)))))
                # `id:en` limits a rule to messages whose language hint is English (or unknown).
                base, _, langs = rule_id.partition(":")
                self.rules.append((base, action, frozenset(langs.split(",")) if langs else _ANY))
            else:
                if action.endswith(ALSO_QUIET) or action == QUIET:
                    others[QUIET].append((fragment, conditions))
                if action != QUIET:
                    others[action.removesuffix(ALSO_QUIET)].append((fragment, conditions))
        self.gate = frozenset(gate)
        self._by_anchor = {word: tuple(rules) for word, rules in by_anchor.items()}
        self._condition_words = frozenset[str]().union(*(
            words for conditions in self._conditions for words in conditions))
        self._cancel = _GatedRules(others["cancel"])
        self._cancel_all = _GatedRules(others["cancel-all"])
        self._quiet = _GatedRules(others[QUIET])
        # The only words of a stream `find` reads before running a regex.
        self.words = self.gate | self._condition_words | self._cancel.words | self._cancel_all.words
        # Compiled when first needed (`_Regexes`): most messages never reach a rule set (its
        # gate words are absent) or a rule (its anchor words are absent).
        self._hits = _Regexes(hit_parts)
        negation = source.options.get("negation")
        self._negation_source = ""
        if negation:
            if negation not in classes:
                raise LexiconError(f"{source.name}: negation class {negation} is not defined")
            self._negation_source = " (?:" + trie_regex(classes[negation]) + ")(?= )"

    def quiets(self, stream: str) -> bool:
        """Whether a `quiet` rule matches: the learned stage must not add this file's category
        on its own (see `QUIET`)."""
        return self._quiet.search(stream, stream.split())

    @cached_property
    def _negation(self) -> re.Pattern[str] | None:
        return re.compile(self._negation_source) if self._negation_source else None

    def compile_all(self) -> None:
        """Compile every regex now (tests check that each rule file compiles)."""
        self._hits.compile_all()
        for rules in (self._cancel, self._cancel_all, self._quiet):
            rules.compile_all()
        _ = self._negation  # a cached property: compiled on this first read

    @staticmethod
    def _entry(canon: Canonicaliser, entry: str, name: str) -> str:
        word = canon.stream(fold(entry)).strip("| ")
        if not word or "|" in word:
            raise LexiconError(f"{name}: entry {entry!r} is not made of words")
        return word

    def find(self, stream: str, lang: str | None = None,
             anchors: Collection[str] | None = None,
             words: Collection[str] | None = None) -> list[Hit]:
        """The hits in a canonical stream, after the cancel and negation rules.

        `anchors`: the words of `self.gate` among the stream's words, and `words`: the
        stream's words (or only those in `self.words`, the only ones read), when the caller
        knows them; only the rules needing one of the anchors, and whose other words are
        there, are run.
        """
        if words is None:
            words = stream.split()
        if anchors is None:
            anchors = self.gate.intersection(words)
        by_anchor = self._by_anchor
        if len(anchors) == 1:
            # Most messages hold one anchor word: its rules are already in order.
            called: Sequence[int] = by_anchor.get(next(iter(anchors)), ())
        else:
            called = sorted(set(chain.from_iterable(map(by_anchor.get, anchors, repeat(())))))
        if not called:
            return []
        held = self._condition_words.intersection(words)
        candidates = []
        for index in called:
            for needed in self._conditions[index]:
                if needed.isdisjoint(held):
                    break  # cannot match: its regex is not run
            else:
                candidates.append(index)
        if not candidates:
            return []
        hits = []
        for index, start, end in self._matches(stream, candidates):
            rule_id, action, langs = self.rules[index]
            if langs and lang and lang not in langs:
                continue
            hits.append(Hit(rule_id, action, start, end))
        if not hits:
            return hits
        if self._cancel_all.search(stream, words):
            return []
        spans = self._cancel.spans(stream, words)
        if spans:
            hits = [hit for hit in hits if not overlaps(hit.start, hit.end, spans)]
        negation = self._negation
        if negation is not None:
            hits = [h for h in hits if not self._negated(negation, stream, h)]
        return hits

    def _matches(self, stream: str, candidates: Sequence[int]) -> list[tuple[int, int, int]]:
        """`(rule index, start, end)` of each match of the candidate rules, as one regex
        joining them in rule order would find them (see `_merged`)."""
        if len(candidates) == 1:
            # Most often one rule is left: its own matches in turn, without the merging.
            index = candidates[0]
            return [(index, start, end) for start, end in _spans(self._hits[index], stream)]
        hits, each = self._hits, self._hits.each
        regexes = [each[index] or hits[index] for index in candidates]
        return [(candidates[slot], start, end) for slot, start, end in _merged(regexes, stream)]

    @staticmethod
    def _negated(negation: re.Pattern[str], stream: str, hit: Hit) -> bool:
        """Whether one of the four words before the hit, in its clause, is a negation.

        Refusals and warnings put the negation before the proposal ("je ne paie jamais en
        espèces", "don't pay cash"); a negation after it usually belongs to something else
        ("fais-moi un virement et on n'en parle plus").
        """
        words = stream[stream.rfind("|", 0, hit.start) + 1 : hit.start - 1].split()
        before = words[-_NEGATION_REACH:]
        if _ALTERNATIVES.intersection(before):
            # Round 22: the hit is the second of two means ("ne payez jamais un conducteur par
            # Lydia ou par virement direct"): the negation of the first reaches it.
            before = words[-2 * _NEGATION_REACH:]
        return bool(before) and bool(negation.search(" " + " ".join(before) + " "))


_ANY: frozenset[str] = frozenset()
# How many words before a hit a negation is looked for, twice as many across "or" / "ou".
_NEGATION_REACH = 4
_ALTERNATIVES = frozenset(("ou", "or", "ni", "nor"))
_ACTION_ORDER = {"block": 0, "review": 1, FIRM: 1, "cancel": 2, "cancel" + ALSO_QUIET: 2,
                 "cancel-all": 3, "cancel-all" + ALSO_QUIET: 3, QUIET: 4}


class _Regexes:
    """One regex per rule fragment, compiled when a message first needs it: compiling all of
    a file's costs ~200 ms, a cold start's worth. Its leading literal space lets the engine
    jump from word start to word start instead of trying every character."""

    def __init__(self, parts: list[str]) -> None:
        self.parts = parts
        # Read directly where a compiled regex should cost no Python call (`_matches`).
        self.each: list[re.Pattern[str] | None] = [None] * len(parts)

    def __getitem__(self, index: int) -> re.Pattern[str]:
        regex = self.each[index]
        if regex is None:
            regex = self.each[index] = re.compile(" (?:" + self.parts[index] + ")")
        return regex

    def compile_all(self) -> None:
        """Compile every fragment now."""
        for index in range(len(self.parts)):
            self[index]


def _merged(regexes: Sequence[re.Pattern[str]], stream: str) -> list[tuple[int, int, int]]:
    """`(slot, start, end)` of each match of the regexes, as the one regex joining them in
    this order would find them (see `_spans`): the leftmost match, of the first regex
    matching there, then the next from the space that ends it.

    Each regex's next match is kept until the search has gone past its start: a match does
    not depend on where the search began (lookbehinds see the whole stream).
    """
    pending = [regex.search(stream) for regex in regexes]
    found: list[tuple[int, int, int]] = []
    position = 0
    while True:
        first: re.Match[str] | None = None
        first_slot = 0
        for slot, match in enumerate(pending):
            if match is not None and match.start() < position:
                match = pending[slot] = regexes[slot].search(stream, position)
            if match is not None and (first is None or match.start() < first.start()):
                first, first_slot = match, slot
        if first is None:
            return found
        found.append((first_slot, first.start() + 1, first.end() - 1))
        position = first.end() - 1


class _GatedRules:
    """The rules of one action without anchors (`cancel`, `cancel-all`, `quiet`): each runs
    only when the stream holds the words it cannot match without (see `_Compiler.compile`).

    A rule that cannot match changes nothing the one regex joining them all would find: the
    rules left find the same spans (`_merged`). That joined regex tried its ~90 branches at
    every word of every message with a hit; most messages hold the words of none or one.
    """

    def __init__(self, rules: list[tuple[str, list[frozenset[str]]]]) -> None:
        self.regexes = _Regexes([fragment for fragment, _ in rules])
        # Each rule under the words of its smallest condition (one of them is needed), its
        # other conditions tested next; a rule without any condition always runs.
        self._always: list[int] = []
        self._by_word: dict[str, list[int]] = {}
        self._rest: list[tuple[frozenset[str], ...]] = []
        for index, (_, conditions) in enumerate(rules):
            ordered = sorted(set(conditions), key=lambda words: (len(words), sorted(words)))
            if not ordered:
                self._always.append(index)
            else:
                for word in ordered[0]:
                    self._by_word.setdefault(word, []).append(index)
            self._rest.append(tuple(ordered[1:]))
        self.words = frozenset[str]().union(*(words for _, conditions in rules
                                              for words in conditions))

    def compile_all(self) -> None:
        """Compile every rule's regex now."""
        self.regexes.compile_all()

    def _runnable(self, words: Collection[str]) -> list[int]:
        """The rules, in file order, whose words are all among `words` (the stream's)."""
        held = self.words.intersection(words)
        if not held:
            return self._always
        by_word = self._by_word
        called = [index for word in held if word in by_word for index in by_word[word]]
        if not called:
            return self._always
        rest = self._rest
        return [index for index in sorted({*called, *self._always})
                if not rest[index] or all(not needed.isdisjoint(held) for needed in rest[index])]

    def search(self, stream: str, words: Collection[str]) -> bool:
        """Whether any rule matches the stream (`words`: its words)."""
        regexes = self.regexes
        return any(regexes[index].search(stream) is not None for index in self._runnable(words))

    def spans(self, stream: str, words: Collection[str]) -> list[tuple[int, int]]:
        """The stream spans of the words the rules' matches cover, as `_spans` of the one
        regex joining them would give."""
        runnable = self._runnable(words)
        regexes = self.regexes
        if len(runnable) == 1:
            return _spans(regexes[runnable[0]], stream)
        return [(start, end) for _, start, end in
                _merged([regexes[index] for index in runnable], stream)]


def _spans(regex: re.Pattern[str], stream: str) -> list[tuple[int, int]]:
    """Stream spans of the words each match covers; matches may share a separating space."""
    spans: list[tuple[int, int]] = []
    position = 0
    while True:
        match = regex.search(stream, position)
        if match is None:
            return spans
        spans.append((match.start() + 1, match.end() - 1))
        position = match.end() - 1
