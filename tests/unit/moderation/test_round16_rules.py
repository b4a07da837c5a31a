"""Round 16 rules: the generic kinds of misses read on blind14 once blind15 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Here's my mobile: 07700 900417. I'll be the one with the red rucksack.",
        "For the orchestra car-share list: my email is joan.b@orange.fr",
        "Voici mon numéro : 06 45 12 78 90, je suis celle avec la valise verte",
    ],
)
def test_data_handed_over_for_a_list_or_said_to_be_mine_is_masked_not_a_proposal(moderator, text):
    found = moderator.check(text)
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


def test_a_channel_named_with_the_data_is_still_a_proposal(moderator):
    found = moderator.check("Here's my mobile: 07700 900417, text me on WhatsApp tonight")
    assert "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Gift card code for the spa is 4417 2093 8856 1205, can I use it here? Guessing not",
        "Verification code 512 339 came through, all sorted now",
        "Code de confirmation bien reçu, merci, tout est bon",
    ],
)
def test_a_members_own_gift_card_and_a_code_that_arrived_are_no_scam(moderator, text):
    assert "spam" not in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Buy a £50 gift card and text me the code on the back",
        "Achète une carte cadeau Google Play et envoie-moi le code en photo",
        "Send me the verification code that just came through",
    ],
)
def test_a_gift_card_code_to_send_and_a_code_asked_for_are_scams(moderator, text):
    found = moderator.check(text)
    assert "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Our bitch is in heat so she stays home from the agility show",
        "Ma chienne est en chaleur, on ne vient pas au concours d'obéissance",
    ],
)
def test_a_dog_in_heat_is_no_insult(rules, text):
    assert "insult" not in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "T'es comme une chienne en chaleur avec les passagers",
        "Des Arabes comme toi, je les laisse au péage",
        "Women shouldn't be allowed to drive, look at your parking",
        "Les femmes savent pas conduire, la preuve",
        "Not driving any muzzies to the mosque, sorry",
        "Touche encore à mon rétro et ton chat, je l'écrase devant toi",
        "cb sia this driver, late again",
    ],
)
def test_degrading_comparisons_group_contempt_slurs_and_threats_to_pets_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Il m'a fait la leçon tout le trajet, que les femmes savent pas conduire, je signale",
        "He spent the whole ride lecturing me that women can't drive, reporting it",
        "Des Bretons comme toi, j'en connais plein, toujours partants pour la fête",
        "My brother is a merchant banker in the City",
    ],
)
def test_a_lecture_reported_a_friendly_group_and_a_job_are_no_insults(rules, text):
    assert "insult" not in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Wave au 77 418 52 63 stp, c'est 4000 la place",
        "Mark it cancelled on the app once you're in the car, and I'll knock two quid off",
        "I take payment the old-fashioned way, notes with the Queen's head on them",
    ],
)
def test_mobile_money_to_a_number_cancelling_once_aboard_and_banknotes_are_proposals(
        rules, text):
    found = rules.check(text)
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Heat wave today, 38 degrees, bring water",
        "I cancelled the booking after the pickup fell through, sorry",
    ],
)
def test_a_heat_wave_and_a_cancellation_explained_are_no_proposals(moderator, text):
    assert "off_platform" not in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Casino en ligne : bonus de bienvenue 300 % sur ton premier dépôt",
        "Not a promo but my cousin sells amazing jollof trays, look her up on insta",
        "Off topic but if anyone wants their gutters cleaned, we do it cheap",
    ],
)
def test_a_casino_bait_and_a_sale_announced_as_none_are_spam(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "On a visité le casino de Monte-Carlo, pas de bonus pour nous",
        "Unrelated but did anyone find a blue scarf in the back seat?",
    ],
)
def test_a_casino_visited_and_an_unrelated_question_are_no_spam(rules, text):
    assert "spam" not in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Ma Visa commence par 4539 1488 0343, la suite c'est 6467",
        "Card: 4539 1488 and 0343 6467",
    ],
)
def test_a_card_given_in_two_parts_is_masked(rules, text):
    found = rules.check(text)
    assert found.verdict == "mask" and any(r.rule == "pii.card" for r in found.reasons)


def test_a_card_number_short_of_its_end_and_an_expiry_are_not_joined(rules):
    assert "pii" not in rules.check("ma carte 4974 0167 2945, expire en 2027").categories
