"""Round 43: the misses read on blind41 (trained on since blind42 landed) once blind42 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations

import pytest


def test_a_fat_cow_aimed_is_blocked(rules):
    found = rules.check("Move your bags, you fat cow, there are three of us in the back")
    assert found.verdict == "block", found.reasons


def test_a_hoser_is_reviewed(rules):
    found = rules.check("Took the last parking spot again, eh hoser?")
    assert found.verdict == "review" and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "the fat cows in the field by the A38 are Belted Galloways",
        "Bumbaclaat dis rain, mi soon come",
    ],
)
def test_cows_in_a_field_and_an_oath_at_the_rain_are_no_insult(rules, text):
    assert "insult" not in rules.check(text).categories, rules.check(text).reasons


def test_a_trades_advert_is_blocked(rules):
    found = rules.check("Gutters cleared, fences fixed, no job too small! Dave 07700 900 462")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_the_cheapest_petrol_with_a_number_is_no_advert(rules):
    found = rules.check("Petrol is cheapest in Leek, call me on 07700 900 123 if you want a lift")
    assert "spam" not in found.categories, found.reasons
