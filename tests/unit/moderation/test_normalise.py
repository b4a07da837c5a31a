"""Folding: one ASCII form for every disguise, and offsets back to the original text."""

from __future__ import annotations

import pytest

from chalicelib.domain.moderation.normalise import OffsetMap, fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Éçàô", "ecao"),
        ("ＣＯＮＮＡＲＤ", "connard"),  # full-width
        ("\u0441\u043enn\u0430rd", "connard"),  # Cyrillic с, о, а
        ("f\u03c5ck", "fuck"),  # Greek upsilon
        ("con\u200bnard", "connard"),  # zero-width space
        ("0\ufe0f\u20e36\ufe0f\u20e3", "06"),  # keycap digits
        ("⓪⑥①②", "0612"),  # circled digits
        ("𝟎𝟔", "06"),  # mathematical bold digits
        ("l’appli « top »", "l'appli \" top \""),
        ("Œuvre straße", "oeuvre strasse"),
    ],
)
def test_fold_maps_disguises_to_plain_ascii(text, folded):
    assert fold(text) == folded


def test_ascii_text_folds_to_lower_case_only():
    assert fold("Hello WORLD 12:30!") == "hello world 12:30!"


def test_offsets_of_one_to_one_folds_are_the_identity():
    offsets = OffsetMap.build("Réservé à 14h")
    assert offsets.identity
    assert offsets.original(0, 7) == (0, 7)


def test_offsets_cover_dropped_marks_so_masking_removes_them():
    text = "tel 0\ufe0f\u20e36\ufe0f\u20e3 ok"
    folded = fold(text)
    offsets = OffsetMap.build(text)
    start = folded.index("06")
    assert offsets.original(start, start + 2) == (4, 10)
    assert text[10:] == " ok"


def test_offsets_of_expanded_characters_point_to_their_source():
    text = "ß ok"
    offsets = OffsetMap.build(text)
    assert fold(text) == "ss ok"
    assert offsets.original(0, 2) == (0, 1)
    assert offsets.original(3, 5) == (2, 4)
