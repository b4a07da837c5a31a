"""Round 42: the misses read on blind40 (trained on since blind41 landed) once blind41 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # 5132 4608 1957 3029 (Luhn-valid), its groups apart between slashes.
        "la carte débitée deux fois : cinq-un-trois-deux / 4608-1957 / 3029",
        "ma carte : 5132 / 4608-1957 / 3029, vous pouvez vérifier ?",
    ],
)
def test_a_card_whose_groups_stand_between_slashes_is_masked(rules, text):
    found = rules.check(text)
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


def test_dates_between_slashes_beside_a_card_are_no_card(rules):
    found = rules.check("RDV le 12 / 03 / 2025 à 14h, ma carte est prête")
    assert "pii" not in found.categories, found.reasons


def test_a_fat_fool_aimed_is_blocked(rules):
    found = rules.check("Franchement t'es qu'une grosse conne, tout le monde t'a attendue")
    assert found.verdict == "block", found.reasons


def test_an_agent_quoting_what_was_said_to_the_member_is_no_insult(rules):
    found = rules.check("We have seen the message where she called you a 'stupid bitch'; her "
                        "account is suspended while we look into it.")
    assert "insult" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Viber's easier for this, my number starts 06 12 and ends 34 56 78",
        "Telegram c'est plus pratique pour ça",
    ],
)
def test_an_app_said_better_for_this_is_a_proposal(rules, text):
    assert "off_platform" in rules.check(text).categories, rules.check(text).reasons


def test_two_apps_compared_are_no_proposal(rules):
    found = rules.check("WhatsApp is better than Telegram for big groups")
    assert "off_platform" not in found.categories, found.reasons
