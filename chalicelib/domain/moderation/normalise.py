"""Character folding shared by every filter, with a map back to the original text.

Folding is one `str.translate` over a per-code-point table: compatibility decomposition
(NFKD, which covers NFKC's full-width, circled and mathematical forms), accents dropped,
lower case, Greek and Cyrillic look-alikes and typographic punctuation mapped to ASCII,
zero-width and other format characters removed. Because every code point folds on its own,
the offset map is rebuilt from the same table only when a filter needs positions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Letters that look Latin but are Greek or Cyrillic; NFKD leaves them alone, spammers do not.
_LOOKALIKES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ь": "b", "г": "r",
    "п": "n", "и": "u", "л": "n", "з": "3", "ч": "4", "б": "6",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "ζ": "z", "η": "n", "θ": "o",
    "ι": "i", "κ": "k", "λ": "l", "μ": "u", "ν": "v", "ξ": "e", "ο": "o", "π": "n",
    "ρ": "p", "σ": "o", "ς": "s", "τ": "t", "υ": "u", "φ": "o", "χ": "x", "ψ": "w",
    "ω": "w",
    # Latin letters without a decomposition
    "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe",
    "þ": "th", "ð": "d", "ŀ": "l", "ɡ": "g", "ɑ": "a", "ʀ": "r", "ᴀ": "a",
    # Round 68 (blind67 read): the florin's hooked f ("ƒree r1des").
    "ƒ": "f",
    # Typography that should behave like its ASCII form
    "’": "'", "‘": "'", "‛": "'", "`": "'", "´": "'", "ʼ": "'", "“": '"', "”": '"',
    "„": '"', "«": '"', "»": '"', "‹": '"', "›": '"', "‐": "-", "‑": "-", "‒": "-",
    "–": "-", "—": "-", "―": "-", "−": "-", "•": ".", "·": ".", "∙": ".", "…": "...",
    "＠": "@", "⓪": "0", "🄋": "0", "⓿": "0", "。": ".", "｡": ".", "﹒": ".",
}

# Round 79 (blind78 read): Arabic script (and the letters Persian and Urdu add) written in
# Latin letters, one or two for each letter, short vowels left out as the script leaves them
# out: the rules list Arabic, Darija or Urdu words in their own script and read them folded the
# same way ("يا ابن الكلب" is "ya abn alklb"), and the learned stage reads them as words. The
# forms of one letter fold alike (أ إ آ ا; ة ه; ى ي), as people write them interchangeably.
_ARABIC = {
    "ا": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh",
    "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "ع": "e", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l",
    "م": "m", "ن": "n", "ه": "h", "ة": "h", "و": "w", "ي": "y", "ى": "y", "ئ": "y",
    "ؤ": "w", "ء": "", "ـ": "", "پ": "p", "چ": "ch", "ژ": "zh", "ک": "k", "گ": "g",
    "ی": "y", "ے": "y", "ہ": "h", "ھ": "h", "ٹ": "t", "ڈ": "d", "ڑ": "r", "ں": "n",
    "،": ",", "؛": ";", "؟": "?", "٪": "%",
}
# Every character folded to another form of its own.
_ASCII_FORMS = {**_LOOKALIKES, **_ARABIC}

# Dropped outright: joiners, direction marks, the soft hyphen and the keycap/variation marks
# that turn "6" into the emoji 6️⃣ (the digit before them stays).
_DROPPED = frozenset(
    [0x00AD, 0x034F, 0x061C, 0x180E, 0x20E3, 0xFE0E, 0xFE0F, 0xFEFF]
    + list(range(0x200B, 0x2010))
    + list(range(0x202A, 0x202F))
    + list(range(0x2060, 0x2070))
)


def _fold_char(code: int) -> str:
    """The folded form of one code point (possibly empty or several characters)."""
    if code in _DROPPED:
        return ""
    char = chr(code)
    if code < 128:
        return char.lower()
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf"):
        return ""
    if category == "Zs":
        return " "
    lowered = char.lower()
    if lowered in _ASCII_FORMS:
        return _ASCII_FORMS[lowered]
    out = []
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.category(part) in ("Mn", "Me", "Cf"):
            continue
        part = part.lower()
        out.append(_ASCII_FORMS.get(part, part))
    return "".join(out)


class _FoldTable(dict[int, str]):
    """A `str.translate` table that computes and remembers each code point on first use."""

    def __missing__(self, code: int) -> str:
        value = _fold_char(code)
        self[code] = value
        return value


FOLD = _FoldTable()


# Non-ASCII characters met so far that fold to exactly one character (see `OffsetMap.build`).
_ONE_TO_ONE: set[str] = set()
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _folds_one_to_one(text: str) -> bool:
    """Whether every character of `text` folds to exactly one character.

    ASCII always does; a text has only a handful of distinct other characters, so these are
    collected by one C-level regex pass and looked up once each, instead of a table lookup per
    character of the text (three times cheaper on the labelled French messages).
    """
    chars = set(_NON_ASCII_RE.findall(text))
    if chars <= _ONE_TO_ONE:
        return True
    for char in chars - _ONE_TO_ONE:
        if len(FOLD[ord(char)]) != 1:
            return False
        _ONE_TO_ONE.add(char)
    return True


_CIRCLED_AT_RE = re.compile(r"(?<=[A-Za-z0-9._-])[\u24d0\u24b6](?=[A-Za-z0-9])")


def fold(text: str) -> str:
    """The folded text every filter reads (lower case ASCII for everything that has a form)."""
    if text.isascii():
        return text.lower()
    if "\u24d0" in text or "\u24b6" in text:
        # Round 12: a circled "a" between plain letters stands for "@" ("jess.oconnorⓐicloud.com");
        # among other circled letters it is a letter of fancy text.
        text = _CIRCLED_AT_RE.sub("@", text)
    # `translate` looks every character up in the table, ASCII included: most texts have a
    # few distinct other characters (accents, a typographic apostrophe), each replaced
    # everywhere at once when it folds to ASCII, then ASCII lowered, for a quarter less. (The
    # same text: a fold is never changed by `lower`, which every code point was checked for,
    # and ASCII replacements cannot bring back a character replaced before them.)
    for char in set(_NON_ASCII_RE.findall(text)):
        folded = FOLD[ord(char)]
        if not folded.isascii():
            return text.translate(FOLD)
        text = text.replace(char, folded)
    return text.lower()


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """For each folded character, the original characters it came from (`[start, end)`)."""

    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()
    identity: bool = False

    @classmethod
    def build(cls, text: str) -> OffsetMap:
        """Replay the fold table over `text`; dropped characters join the previous one."""
        # Most non-ASCII text only has accents, which fold one-to-one: one C-level pass
        # tells, and the per-character replay below is only needed for the rest.
        if text.isascii() or _folds_one_to_one(text):
            return _IDENTITY  # immutable: one for every such text
        starts: list[int] = []
        ends: list[int] = []
        for index, char in enumerate(text):
            out = FOLD[ord(char)]
            if out:
                starts.extend([index] * len(out))
                ends.extend([index + 1] * len(out))
            elif ends:
                # A dropped mark (keycap, zero-width joiner...) belongs to what precedes it,
                # so that masking the digit also removes its decoration.
                last = ends[-1]
                for back in range(len(ends) - 1, -1, -1):
                    if ends[back] != last:
                        break
                    ends[back] = index + 1
        return cls(tuple(starts), tuple(ends))

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering folded characters `[start, end)`."""
        if self.identity:
            return start, end
        return self.starts[start], self.ends[end - 1]


_IDENTITY = OffsetMap(identity=True)


def imitates_latin(text: str) -> bool:
    """Whether `text` holds letters of another script or style that fold to Latin ones: a
    Cyrillic "е", a Greek "ο", a full-width or mathematical "a". Accented Latin letters do
    not count. In a link's host they imitate another site ("entrаide.app")."""
    if text.isascii():
        return False
    for char in text:
        if ord(char) > 127:
            folded = FOLD[ord(char)]
            if folded.isascii() and folded.isalpha() and not unicodedata.name(
                char, ""
            ).startswith("LATIN"):
                return True
    return False


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether `[start, end)` shares a character with any of the spans."""
    return any(start < other_end and other_start < end for other_start, other_end in spans)
