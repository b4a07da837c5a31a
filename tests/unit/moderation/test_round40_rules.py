"""Round 40: the generic kinds of misses read on blind38 (trained on since round 39) once blind39
had been measured to judge them, each written again in other words, next to look-alikes that
keep their verdict."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Promo covoit : -50 % sur b o n s - p l a n s - r o u t e . f r, foncez",
        "m a k e m o n e y f a s t . x y z honestly changed my life",
    ],
)
def test_a_link_written_one_character_at_a_time_is_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam.spaced_link" in {r.rule for r in found.reasons}


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("mon mail : l e a . m o r e a u @ g m a i l . c o m", "mask"),
        ("le lien du trajet : e n t r a i d e . a p p / t / 42", "allow"),
    ],
)
def test_a_spaced_address_and_a_spaced_link_of_ours_are_not_blocked(rules, text, verdict):
    assert rules.check(text).verdict == verdict, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Na so? Continue dey talk, you go see wetin go happen to you",
        "Grosse conne !",
    ],
)
def test_a_pidgin_threat_and_a_fool_told_so_are_blocked(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "I go find you for the bus stop, no wahala",
        "moi, gros con que je suis, j'ai oublié le chargeur",
        "Bumbaclaat, di bus late again, soon come",
    ],
)
def test_a_meeting_self_mockery_and_an_oath_at_the_bus_are_no_insult(moderator, text):
    assert "insult" not in moderator.check(text).categories, moderator.check(text).reasons


def test_a_warning_not_to_fall_for_a_scam_passes(moderator):
    found = moderator.check("Attention : ailleurs on vous demandera peut-être de payer par "
                            "Western Union, ne tombez pas dans le panneau.")
    assert found.verdict == "allow", found.reasons


@pytest.mark.parametrize(
    "text",
    [
        # 4111 1111 1111 1111 (Luhn-valid) in groups of any length, in a text about a card.
        "la carte 41 1111 111 11 11111 exp 04/28 est refusée, c'est l'appli ?",
    ],
)
def test_a_card_in_odd_groups_is_masked(rules, text):
    found = rules.check(text)
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


def test_a_number_read_by_hundreds_is_masked_whole(rules):
    # Swiss numbers are read by hundreds: 0766 34 12 18 said "zéro sept cent soixante-six, …";
    # "cent" was no number word, and the two halves were masked around it.
    found = rules.check("Mon natel : zéro sept cent soixante-six, trente-quatre, douze, dix-huit")
    assert found.text == "Mon natel : [phone]", found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "ça coûte deux cents euros, trois cents pour deux",
        "Le 41 1111 111 11 11111 c'est le numéro de suivi du colis",
        "oh seven seven hundred nine double oh four one seven",
    ],
)
def test_prices_a_tracking_number_and_a_british_hundred_keep_their_reading(rules, text):
    found = rules.check(text)
    expected = {"pii"} if text.startswith("oh") else set()
    assert set(found.categories) == expected, found.reasons
