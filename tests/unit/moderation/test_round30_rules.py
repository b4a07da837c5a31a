"""Round 30 rules: the generic kinds of misses read on blind28 once blind29 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest

from tests.unit.moderation.verdicts import rule_names as _kinds


@pytest.mark.parametrize(
    "text",
    [
        "La vitre avant, cette garce, reste coincée. Passez par la porte de gauche.",
        "Ma gourde de café au lait est une vraie salope, elle a coulé sur mes notes",
        "On va t'exploser à la belote ce soir, prépare tes sous 😏",
        "Gland, 7h10, devant la Coop. Ensuite direction Nyon.",
        "Park by the old slag heap, the brass band hut is just behind it",
        "tracking 5123 0098 4471 2290 for the trailer parts, might be late",
    ],
)
def test_things_sworn_at_games_a_swiss_town_a_tip_and_a_parcel_pass(moderator, text):
    assert moderator.check(text).verdict == "allow", moderator.check(text).reasons


def test_a_game_word_does_not_cover_a_threat_to_the_person(rules):
    assert "insult.threat" in _kinds(rules.check("je vais t'éclater la tête"))


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("You're such a fucking prick, we stood in the rain for an hour", "block"),
        ("Not the sharpest tool in the shed, are you? The pin was right there", "review"),
        ("CBD oil for the long drives, cheapest prices around, just ask", "block"),
    ],
)
def test_insults_and_cbd_sold_are_found_by_the_rules(rules, text, verdict):
    assert rules.check(text).verdict == verdict, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Ba3etli 3al Telegram, ma fi shi hon",
        "Khallasni cash, bila l'application, arkhas lik w liya",
        "Pagueme en efectivo y cancelamos la reserva, así no pagamos comisión",
        "Tuma kwa M-Pesa moja kwa moja, usilipe kwenye app",
        "PP f and f please, saves us both the fee",
        "Et si nous annulions la réservation tous les deux pour nous retrouver malgré tout à "
        "l'heure prévue ? Je vous remettrai la somme en mains propres.",
    ],
)
def test_foreign_and_formal_ways_around_the_app_are_reviewed(moderator, text):
    assert "off_platform" in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Pas de Wero, pas de virement, tout par l'appli, comme d'hab 👍",
        "My number starts 07700 90, hang on, the rest is 0 481",
        "For the record, the email linked to my account is t.okafor-brown@outlook.com",
    ],
)
def test_everything_in_the_app_and_data_given_for_the_record_are_no_proposal(moderator, text):
    assert "off_platform" not in moderator.check(text).categories, moderator.check(text).reasons


def test_managing_everything_on_the_green_app_is_still_a_proposal(moderator):
    found = moderator.check("pour les trajets réguliers je gère tout sur l'appli verte, je "
                            "vous y ajoute ?")
    assert "off_platform" in found.categories, found.reasons
