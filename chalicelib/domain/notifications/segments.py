"""SMS segment arithmetic: GSM-7 (160, 153 per part) or UCS-2 (70, 67 per part)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# 3GPP TS 23.038 default alphabet (the escape code 0x1B is not a character of its own).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# The extension table: each of these costs an escape plus the character, two septets.
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")

GSM7 = "gsm7"
UCS2 = "ucs2"
SINGLE = {GSM7: 160, UCS2: 70}
PART = {GSM7: 153, UCS2: 67}

# Typographic characters that French text and keyboards produce, and their plain equivalents.
_PLAIN = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2026": "...", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
    "\u0153": "oe", "\u0152": "OE", "\u00e7": "c",
}


@dataclass(frozen=True)
class SegmentCount:
    """How a text travels as SMS: its encoding, its length in encoding units, its segments."""

    encoding: str
    units: int
    segments: int


def is_gsm7(text: str) -> bool:
    """Whether the whole text fits the GSM-7 alphabet (basic or extension)."""
    return all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text)


def count_segments(text: str) -> SegmentCount:
    """Segments needed to send `text`, the way handsets and SNS split it.

    A multipart message never splits an escape pair (GSM-7) or a surrogate pair (UCS-2) across
    two parts, so a part may hold one unit less than 153 or 67 and the count is done by packing.
    """
    if is_gsm7(text):
        sizes = [2 if c in GSM7_EXTENSION else 1 for c in text]
        encoding = GSM7
    else:
        sizes = [2 if ord(c) > 0xFFFF else 1 for c in text]
        encoding = UCS2
    units = sum(sizes)
    if units <= SINGLE[encoding]:
        return SegmentCount(encoding, units, 1 if units else 0)
    segments, used = 1, 0
    for size in sizes:
        if used + size > PART[encoding]:
            segments, used = segments + 1, 0
        used += size
    return SegmentCount(encoding, units, segments)


def to_gsm7(text: str, *, basic_only: bool = False) -> str:
    """The text rewritten with GSM-7 characters only, so it does not switch the SMS to UCS-2.

    Typographic quotes and dashes become plain ones, accented letters outside the alphabet lose
    their accent (ê -> e), and anything else is dropped. With `basic_only`, extension characters
    (which count double) are dropped too, except € which becomes EUR.
    """
    out: list[str] = []
    for c in text:
        if c in GSM7_BASIC:
            out.append(c)
        elif c in GSM7_EXTENSION:
            out.append(("EUR" if c == "€" else "") if basic_only else c)
        elif c in _PLAIN:
            out.append(_PLAIN[c])
        else:
            base = unicodedata.normalize("NFKD", c)
            out.append("".join(b for b in base if b in GSM7_BASIC))
    return "".join(out)
