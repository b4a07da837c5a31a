"""Round 23 rules: the generic kinds of misses read on blind21 once blind22 had been measured to
judge them (personal data given in two parts with a pause or a cut between), each written
again in other words, next to look-alikes that must stay as they are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Mon portable : 06 48 … je le coupe en deux pour l'appli … 29 73 15",
        "My number's 0161 496, hold on, the dog's barking, 0732. See you at the gate.",
        "Mail : lucas.fabre… bon je finis dans un autre bout sinon ça coupe : @laposte.net",
        "Email is dev_k and then @outlook.com at the end, for the invoice.",
    ],
)
def test_data_cut_in_two_with_a_pause_between_is_masked(rules, text):
    found = rules.check(text)
    assert "pii" in found.categories and len(found.reasons) >= 2, found.reasons


def test_times_and_plain_words_around_a_pause_stay(rules):
    for text in ("Rendez-vous à 07 h … je coupe en deux le trajet … 81 km plus loin",
                 "hold on, the under_score key is broken @home"):
        assert "pii" not in rules.check(text).categories, text
