"""Personal data in folded text: phone numbers, e-mail addresses, IBANs and card numbers.

Numbers are validated, not just matched: IBANs by their mod-97 check, cards by Luhn, phone
numbers by their shape (a French number has ten digits starting with 0, or +33/0033 and
nine digits; other international numbers start with + or 00). Times, dates with a year,
prices, postcodes and short numbers never reach ten digits in one run, so they are left
alone. A phone number is read through separators, letters standing for digits (O, I, l),
number words in French and English ("zéro six douze…", "oh seven nine…") and, once per
message, two parts written apart ("06 12 34, et la fin 56 78").
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

from chalicelib.domain.moderation.lexicon import trie_regex
from chalicelib.domain.moderation.normalise import overlaps

PHONE, EMAIL, IBAN, CARD = "phone", "email", "iban", "card"

_LOCAL = r"[a-z0-9](?:[a-z0-9._%+\-]*[a-z0-9])?"
_LABEL = r"[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"
_EMAIL_RE = re.compile(
    rf"(?<![a-z0-9._%+\-]){_LOCAL}@{_LABEL}(?:\.{_LABEL})*\.[a-z]{{2,}}(?![a-z0-9])"
)
# Disguised "@": bracketed ("[at]", "(a)", "(@)", "{arobase}"), glued with dashes or underscores
# ("-at-", "_at_"), an envelope or look-alike emoji, or a word no sentence uses ("arobase").
# A bare "at", "chez" or "a" is weak: it needs more evidence (see `_emails`).
_AT_WORDS = r"(?:at|arobase|arrobase|arobas|arobaz|arroba)"
_AT_EMOJI = "\U0001f4e7\u2709\U0001f4e9\U0001f4e8\U0001f300"
_AT_STRONG = (
    rf"\s*@\s*|\s*[\[({{<]\s*(?:{_AT_WORDS}|@|a)\s*[\])}}>]\s*|\s*[\-_]{_AT_WORDS}[\-_]\s*"
    rf"|\s*[{_AT_EMOJI}]\s*|\s+(?:arobase|arrobase|arobas|arobaz|arroba)\s+"
)
_AT_WEAK = r"\s+(?:at|chez|a)\s+"
_DOT = (
    r"\s*\.\s*|\s*[\[({<]\s*(?:dot|point|\.)\s*[\])}>]\s*|\s+(?:dot|point)\s+"
    r"|\s*[\-_](?:dot|point)[\-_]\s*"
)
# Before the ending only: a comma or a plain space ("gmail,com", "gmail com"), weak as well.
_LAST_DOT = rf"{_DOT}|\s*,\s*|\s+"
# Only endings that e-mail providers use: "I'm at home. It's late" must not become an address.
_MAIL_TLD = r"(?:com|fr|net|org|uk|io|eu|info|ch|nl|be)"
_SPELLED_EMAIL_RE = re.compile(
    rf"(?<![a-z0-9._%+\-])(?P<local>{_LOCAL})(?P<at>{_AT_STRONG}|{_AT_WEAK})"
    rf"(?P<domain>{_LABEL}(?:(?:{_DOT}){_LABEL})*?)(?P<dot>{_LAST_DOT}){_MAIL_TLD}(?![a-z0-9])"
)
_MAIL_PROVIDERS = frozenset(
    "gmail googlemail hotmail outlook live msn yahoo ymail aol icloud me mac orange wanadoo "
    "free sfr neuf laposte bbox numericable protonmail proton gmx web mail yandex".split()
)
# Providers whose name is no everyday word: an address may stop at them ("lea.d @gmail").
_PROVIDER_NAMES = (
    r"(?:gmail|googlemail|hotmail|outlook|yahoo|ymail|icloud|protonmail|wanadoo|laposte)"
)
_PROVIDER_ONLY_RE = re.compile(
    rf"(?<![a-z0-9._%+\-])(?P<local>{_LOCAL})(?P<at>{_AT_STRONG}|{_AT_WEAK}){_PROVIDER_NAMES}"
    r"(?![a-z0-9.@])"
)
# "mon gmail c'est lea.durand92": the provider named first, then a handle with a dot or digit.
_NAMED_PROVIDER_RE = re.compile(
    rf"\b(?:mon|ma|my|adresse|address)\s+{_PROVIDER_NAMES}\s*(?:c'?\s?est|est|is|:|=|->)?\s*"
    r"(?P<local>[a-z](?=[a-z0-9._\-]*[._\d])[a-z0-9._\-]*[a-z0-9])(?![a-z0-9@])"
)
_AT_GATE_RE = re.compile(
    rf"[@{_AT_EMOJI}]|\bat\b|[\-_]at[\-_]|arob|arrob|\bchez\b|\(a\)|\[a\]|\ba\s+{_PROVIDER_NAMES}"
    rf"|\b(?:mon|ma|my|adresse|address)\s+{_PROVIDER_NAMES}"
)
# The same test on the canonical words and with substring tests (the regex costs µs).
_AT_GATE_WORDS = frozenset(
    "at chez arroba gmail googlemail hotmail outlook yahoo ymail icloud protonmail wanadoo "
    "laposte".split()
)
_AT_GATE_SIGNS_RE = re.compile(rf"[{_AT_EMOJI}]|\(a\)|\[a\]|[\-_]at[\-_]")
_HANDLE_RE = re.compile(r"[._\d]")
_SPELLED_DOT_RE = re.compile(r"dot|point|\s\.|\.\s|[\[({<]")
_PROVIDER_RE = re.compile(r"[a-z0-9\-]+")
# A dot spelled out inside the local part ("tom dot smith at ..."), read backwards from the "@".
_LOCAL_HEAD_RE = re.compile(
    r"[a-z0-9_\-]+(?:\s+(?:dot|point)\s+|\s*[\[({<]\s*(?:dot|point)\s*[\])}>]\s*|\s+\.\s*|\.\s+)\Z"
)
# Letters written one at a time: "j u l i e @ g m a i l . c o m".
_SPACED_RE = re.compile(r"(?<![a-z0-9])(?:[a-z0-9._@] ){5,}[a-z0-9](?![a-z0-9])")

_IBAN_RE = re.compile(r"(?<![a-z0-9])[a-z]{2}\d{2}(?:[ \-]?[a-z0-9]){11,32}")
_IBAN_LENGTHS = {
    "at": 20, "be": 16, "ch": 21, "de": 22, "dk": 18, "es": 24, "fi": 18, "fr": 27, "gb": 22,
    "ie": 22, "it": 27, "lu": 20, "mc": 27, "nl": 18, "no": 15, "pl": 28, "pt": 25, "se": 24,
}
_CARD_RE = re.compile(r"(?<![0-9])[2-6]\d{3}(?:[ \-]?\d){9,15}(?![0-9])")
_CARD_LENGTHS = (16, 15, 19, 14, 13, 17, 18)

_DIGIT_RE = re.compile(r"\d")
_DIGITS_RE = re.compile(r"\d+")
# Letters that stand for digits, but only inside a run that already holds a digit ("O6", "5l").
_LOOKS_LIKE_DIGIT_RE = re.compile(r"[oil]\d|\d[oil]")
_MIXED_NUMBER_RE = re.compile(r"(?<![a-z0-9])[0-9oil]*\d[0-9oil]*(?![a-z0-9])")
_AS_DIGITS = str.maketrans("oil", "011")
_DATE_RE = re.compile(r"(?<!\d)\d{1,2}([/.\- ])\d{1,2}\1(?:19|20)\d{2}(?!\d)")
_SEPARATOR_RE = re.compile(r"[\s.\-_/,()*~|]{0,4}")
# "+33", or "plus" before a spelled-out country code.
_PLUS_RE = re.compile(r"(?:\+|\bplus)\s*$")
_JOIN_RE = re.compile(r"[\s\-]+(?:(?:et|and)[\s\-]+)?")
_SPLIT_GAP = 40

_TENS = frozenset((20, 30, 40, 50, 60, 70, 80, 90))


@dataclass(frozen=True, slots=True)
class Found:
    """A piece of personal data: its kind and its span in the folded text."""

    kind: str
    start: int
    end: int


def load_number_words() -> tuple[dict[str, int], dict[str, int]]:
    """Number words (data/numbers.json) with their values, and the repeat words ("double")."""
    raw = resources.files(__package__).joinpath("data", "numbers.json").read_text("utf-8")
    data = json.loads(raw)
    words: dict[str, int] = {}
    for key, table in data.items():
        if key not in ("repeat", "_comment"):
            words.update(table)
    return words, data.get("repeat", {})


def iban_valid(compact: str) -> bool:
    """Whether an IBAN without spaces passes the mod-97 check."""
    rearranged = compact[4:] + compact[:4]
    try:
        return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1
    except ValueError:
        return False


def luhn_valid(digits: str) -> bool:
    """Whether a card number passes the Luhn check."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def phone_shaped(digits: str, plus: bool, groups: tuple[int, ...]) -> bool:
    """Whether a run of digits is a complete phone number (see the module docstring).

    `groups` are the lengths of the digit groups it was written in.
    """
    if plus or digits.startswith("00"):
        # Without a "+", a leading "00" must be followed by enough digits to be a country
        # code and a number, or any reference starting with 00 would qualify.
        shortest = 8 if plus else 9
        if not plus:
            digits = digits[2:]
        if digits.startswith("33"):
            national = digits[2:]
            national = national[1:] if national.startswith("0") else national
            return len(national) == 9 and national[0] != "0"
        return shortest <= len(digits) <= 15 and digits[0] != "0"
    if digits[0] == "0":
        return len(digits) in (10, 11) and digits[1] != "0"
    # North American numbers have no leading 0; ask for their 3-3-4 grouping (or one digit
    # at a time) so that a ten-digit order or file number is not one.
    return (
        len(digits) == 10
        and digits[0] in "23456789"
        and digits[3] in "23456789"
        and (groups == (3, 3, 4) or set(groups) == {1})
    )


def _may_hold_email(folded: str, words: Collection[str]) -> bool:
    """A cheap test before the address patterns: an "@" or a word that can stand for it."""
    if "@" in folded or "arob" in folded or "arrob" in folded:
        return True
    if not words:
        return _AT_GATE_RE.search(folded) is not None
    if not _AT_GATE_WORDS.isdisjoint(words):
        return True
    return _AT_GATE_SIGNS_RE.search(folded) is not None


def _convincing(match: re.Match[str]) -> bool:
    """Whether a disguised address is one, given how its "@" and last dot were written.

    A bare "at"/"chez"/"a" or a last dot written as a space or a comma is a weak sign
    ("meet at the station", "je suis chez Paul"): the domain must then be a known provider,
    or the dots spelled out, and with two weak signs the local part must look like a handle.
    """
    at = match.group("at").strip()
    groups = match.groupdict()
    domain = groups.get("domain") or match.group()[match.end("at") - match.start():]
    last_dot = groups.get("dot")
    provider = _PROVIDER_RE.match(domain)
    known = provider is not None and provider.group() in _MAIL_PROVIDERS
    handle = _HANDLE_RE.search(match.group("local")) is not None
    weak_at = at in ("at", "chez", "a")
    weak_dot = last_dot is not None and last_dot.strip() in ("", ",")
    if weak_dot and not known:
        return False
    if weak_at:
        if at == "a" or weak_dot or last_dot is None:
            return known and handle
        spelled = _SPELLED_DOT_RE.search(domain + last_dot) is not None
        # "on se retrouve chez Paul point de rendez-vous": "chez" also needs a handle.
        return known or (spelled and (handle or at != "chez"))
    return True


def _local_head(folded: str, start: int) -> int:
    """Where an address starts once dots spelled out in its local part are taken in."""
    for _ in range(4):
        head = _LOCAL_HEAD_RE.search(folded, max(0, start - 48), start)
        if head is None:
            break
        start = head.start()
    return start


class PersonalDataFinder:
    """Finds personal data in folded text; `find` returns non-overlapping spans."""

    def __init__(self, number_words: Mapping[str, int],
                 repeats: Mapping[str, int] | None = None) -> None:
        self.number_words = frozenset(number_words)
        self._values = dict(number_words)
        self._repeats = dict(repeats or {})
        self._number_word_re = re.compile(
            r"(?<![a-z0-9])(?:" + trie_regex([*self._values, *self._repeats]) + r")(?![a-z0-9])"
        )

    def find(self, folded: str, words: Collection[str] = (),
             exclude: Iterable[tuple[int, int]] = ()) -> list[Found]:
        """Personal data in `folded`; `words` are its canonical words, `exclude` spans to skip."""
        found: list[Found] = []
        if _may_hold_email(folded, words):
            found.extend(self._emails(folded))
        has_digit = _DIGIT_RE.search(folded) is not None
        if has_digit:
            found.extend(self._without(self._ibans(folded), found))
            found.extend(self._without(self._cards(folded), found))
        # Three number words, or one next to digits ("zéro 6 12 34 56 78", "06 onze 22 33 44").
        spelled_words = len(self.number_words.intersection(words))
        spelled = spelled_words >= 3 or (has_digit and spelled_words > 0)
        if has_digit or spelled:
            taken = [(f.start, f.end) for f in found] + list(exclude)
            found.extend(self._phones(folded, spelled, taken))
        return found

    @staticmethod
    def _without(candidates: Iterable[Found], taken: list[Found]) -> list[Found]:
        spans = [(t.start, t.end) for t in taken]
        return [c for c in candidates if not overlaps(c.start, c.end, spans)]

    @staticmethod
    def _emails(folded: str) -> list[Found]:
        found = [Found(EMAIL, m.start(), m.end()) for m in _EMAIL_RE.finditer(folded)]
        for regex in (_SPELLED_EMAIL_RE, _PROVIDER_ONLY_RE):
            for match in regex.finditer(folded):
                if _convincing(match) and not overlaps(
                    match.start(), match.end(), [(f.start, f.end) for f in found]
                ):
                    found.append(Found(EMAIL, match.start(), match.end()))
        found = [Found(EMAIL, _local_head(folded, f.start), f.end) for f in found]
        for match in _NAMED_PROVIDER_RE.finditer(folded):
            found.append(Found(EMAIL, match.start("local"), match.end("local")))
        if "@" in folded:
            for match in _SPACED_RE.finditer(folded):
                spaced = match.group()
                if "@" in spaced and _EMAIL_RE.fullmatch(spaced.replace(" ", "")) and not overlaps(
                    match.start(), match.end(), [(f.start, f.end) for f in found]
                ):
                    found.append(Found(EMAIL, match.start(), match.end()))
        return found

    @staticmethod
    def _ibans(folded: str) -> list[Found]:
        found = []
        for match in _IBAN_RE.finditer(folded):
            positions = [i for i, char in enumerate(match.group()) if char not in " -"]
            compact = "".join(match.group()[i] for i in positions)
            known = _IBAN_LENGTHS.get(compact[:2])
            lengths = [known] if known else range(min(len(compact), 34), 14, -1)
            for length in lengths:
                if length <= len(compact) and iban_valid(compact[:length]):
                    end = match.start() + positions[length - 1] + 1
                    found.append(Found(IBAN, match.start(), end))
                    break
        return found

    @staticmethod
    def _cards(folded: str) -> list[Found]:
        found = []
        for match in _CARD_RE.finditer(folded):
            text = match.group()
            positions = [i for i, char in enumerate(text) if char.isdigit()]
            digits = "".join(text[i] for i in positions)
            for length in _CARD_LENGTHS:
                if length > len(digits):
                    continue
                last = positions[length - 1]
                # A card ends where a group ends, never in the middle of one.
                if last + 1 < len(text) and text[last + 1].isdigit():
                    continue
                if luhn_valid(digits[:length]):
                    found.append(Found(CARD, match.start(), match.start() + last + 1))
                    break
        return found

    def _phones(self, folded: str, spelled: bool, taken: list[tuple[int, int]]) -> list[Found]:
        view = folded
        if _LOOKS_LIKE_DIGIT_RE.search(folded):
            view = _MIXED_NUMBER_RE.sub(lambda m: m.group().translate(_AS_DIGITS), folded)
        taken = taken + [(m.start(), m.end()) for m in _DATE_RE.finditer(view)]
        groups = [(m.start(), m.end(), m.group()) for m in _DIGITS_RE.finditer(view)]
        if spelled:
            groups.extend(self._spelled(folded))
            groups.sort()
        groups = [g for g in groups if not overlaps(g[0], g[1], taken)]
        if sum(len(g[2]) for g in groups) < 8:
            return []
        chains: list[list[tuple[int, int, str]]] = []
        for group in groups:
            if chains and self._joins(folded, chains[-1], group):
                chains[-1].append(group)
            else:
                chains.append([group])
        found: list[Found] = []
        leftovers: list[list[tuple[int, int, str]]] = []
        for chain in chains:
            phones = self._phones_in(folded, chain)
            found.extend(phones)
            if not phones:
                leftovers.append(chain)
        if not found:
            found.extend(self._split_number(folded, leftovers))
        return found

    @staticmethod
    def _joins(folded: str, chain: list[tuple[int, int, str]],
               group: tuple[int, int, str]) -> bool:
        """Whether `group` continues the number of `chain` (only separators between them).

        A comma after groups joined otherwise ends a list of digits ("horaires : 06 30, 07
        15"); a number written with commas throughout, or with number words, still joins.
        """
        last = chain[-1]
        if not _SEPARATOR_RE.fullmatch(folded, last[1], group[0]):
            return False
        if len(chain) < 2 or "," not in folded[last[1]:group[0]]:
            return True
        spelled = not folded[last[0]:last[1]].isdigit() or not folded[group[0]:group[1]].isdigit()
        return spelled or "," in folded[chain[-2][1]:last[0]]

    @staticmethod
    def _phones_in(folded: str, chain: list[tuple[int, int, str]]) -> list[Found]:
        """The longest phone numbers made of consecutive groups of one chain."""
        found = []
        first = 0
        while first < len(chain):
            end = PersonalDataFinder._longest_phone(folded, chain, first)
            if end is None:
                first += 1
                continue
            start = chain[first][0]
            plus = _PLUS_RE.search(folded, max(0, start - 6), start)
            if plus:
                start = plus.start()
            found.append(Found(PHONE, start, chain[end - 1][1]))
            first = end
        return found

    @staticmethod
    def _longest_phone(folded: str, chain: list[tuple[int, int, str]], first: int) -> int | None:
        """The end index of the longest phone number starting at group `first`, if any."""
        start = chain[first][0]
        plus = _PLUS_RE.search(folded, max(0, start - 6), start) is not None
        # A phone number has at most 15 digits, so at most 15 groups: bounding the search keeps
        # a long run of numbers (a pasted table) linear.
        for last in range(min(len(chain), first + 15), first, -1):
            digits = "".join(group[2] for group in chain[first:last])
            if len(digits) < 8:
                return None
            if phone_shaped(digits, plus, tuple(len(g[2]) for g in chain[first:last])):
                return last
        return None

    @staticmethod
    def _split_number(folded: str, chains: list[list[tuple[int, int, str]]]) -> list[Found]:
        """A French number given in two parts of the same message ("06 12 34 … 56 78")."""
        for head, tail in zip(chains, chains[1:], strict=False):
            first = "".join(g[2] for g in head)
            second = "".join(g[2] for g in tail)
            # "mon 06 c'est 12 34 56 78": a mobile prefix alone, then four pairs.
            prefix = first in ("06", "07") and [len(g[2]) for g in tail] == [2, 2, 2, 2]
            if (
                first.startswith("0")
                and (4 <= len(first) <= 8 or prefix)
                and tail[0][0] - head[-1][1] <= _SPLIT_GAP
                and phone_shaped(first + second, False, (len(first), len(second)))
                and len(first + second) == 10
            ):
                return [
                    Found(PHONE, head[0][0], head[-1][1]),
                    Found(PHONE, tail[0][0], tail[-1][1]),
                ]
        return []

    def _spelled(self, folded: str) -> list[tuple[int, int, str]]:
        """Number words read as digit groups: "quatre-vingt-dix-neuf" -> "99"."""
        matches = list(self._number_word_re.finditer(folded))
        # A repeat word ("double", "triple") is stored as minus its count.
        values = [self._values.get(m.group(), -self._repeats.get(m.group(), 0)) for m in matches]

        def joined(index: int) -> int | None:
            """The value of word `index` if it is written together with the word before."""
            if index < len(matches) and _JOIN_RE.fullmatch(
                folded, matches[index - 1].end(), matches[index].start()
            ):
                return values[index]
            return None

        groups = []
        index = 0
        while index < len(matches):
            first, value = index, values[index]
            index += 1
            if value < 0:
                digit = joined(index)
                if digit is not None and 0 <= digit <= 9:
                    index += 1
                    groups.append((matches[first].start(), matches[index - 1].end(),
                                   str(digit) * -value))
                continue
            if value == 4 and joined(index) == 20:
                value, index = 80, index + 1
            nxt = joined(index)
            if value == 10 and nxt in (7, 8, 9):
                value, index = 10 + nxt, index + 1
            elif value in (60, 80) and nxt is not None and 10 <= nxt <= 16:
                value, index = value + nxt, index + 1
                nxt = joined(index)
                if value in (70, 90) and nxt in (7, 8, 9):
                    value, index = value + nxt, index + 1
            elif value in _TENS and nxt is not None and 1 <= nxt <= 9:
                value, index = value + nxt, index + 1
            groups.append((matches[first].start(), matches[index - 1].end(), str(value)))
        return groups
