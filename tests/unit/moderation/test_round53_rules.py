"""Round 53: the misses read on blind51 (trained on since blind52 landed) once blind52 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations

import pytest


def test_a_number_said_in_haitian_creole_is_masked(rules):
    found = rules.check("Nimewo m se zewo sèt, karant de, trant senk, disèt, katreven uit")
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Mèsi anpil, m ap rive a sèt è",
        # "dis" stays French: a number said in French, then "dis donc".
        "Mon numéro c'est zéro sept, puis deux fois trente-trois, puis quatorze, puis "
        "quatre-vingt-dix-huit... dis donc c'est long à taper.",
    ],
)
def test_creole_numbers_leave_time_and_french_words_alone(rules, text):
    found = rules.check(text)
    if "numéro" in text:
        assert found.verdict == "mask" and "quatorze" not in found.text, found.reasons
        assert found.text.endswith("[phone]... dis donc c'est long à taper."), found.text
    else:
        assert found.verdict == "allow", found.reasons


def test_digits_glued_to_number_words_are_a_phone_number(rules):
    found = rules.check("tel 0sept 1deux 9quatre 3six 5huit")
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


def test_a_count_glued_to_a_word_is_no_phone_number(rules):
    assert rules.check("on part à 2 voitures, 3places chacune").verdict == "allow"


def test_a_number_given_after_a_false_start_is_masked(rules):
    found = rules.check("my mobile is 0861... no sorry. it's 086 then 214 then 7730")
    assert found.verdict == "mask" and "214" not in found.text, found.reasons


def test_a_reference_after_no_is_still_no_phone_number(rules):
    assert "pii" not in rules.check("booking no. 4471 2285 91, that's the ref").categories


@pytest.mark.parametrize(
    "text",
    [
        "Reminder from your Helper: paying cash off the platform means no protection if the "
        "driver cancels.",
        "Petit rappel : en payant par virement hors plateforme vous perdez la garantie.",
    ],
)
def test_a_reminder_of_what_paying_outside_loses_is_no_proposal(rules, text):
    found = rules.check(text)
    assert found.verdict == "allow", found.reasons


def test_paying_outside_without_cover_is_still_a_proposal(rules):
    found = rules.check("pay me cash off the platform, no protection needed")
    assert "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Pour ma note de frais, merci d'envoyer à compta@garage-mercier.fr",
        "Merci d'envoyer le billet à sandra.k@orange.fr, l'appli ne s'ouvre pas",
    ],
)
def test_an_expense_claims_or_a_tickets_address_to_an_address_is_no_proposal(rules, text):
    found = rules.check(text)
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


def test_money_sent_to_an_address_is_still_a_proposal(rules):
    found = rules.check("send me the money on paypal at jo.b@gmail.com")
    assert "off_platform" in found.categories, found.reasons


def test_two_words_before_an_animal_aimed_at_someone_block(rules):
    found = rules.check("Cheers for the lift. You're a smelly fat pig though.")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


@pytest.mark.parametrize("text", ["the farmer's fat pig is asleep in the barn", "you ugly cow"])
def test_an_animal_or_ugly_alone_is_not_blocked_by_the_rules(rules, text):
    assert rules.check(text).verdict != "block"


def test_a_receipts_number_is_no_card_nor_phone(rules):
    found = rules.check("Reçu n° 0041 5567 8812 3390 7, à joindre à ma note de frais")
    assert found.verdict == "allow", found.reasons


def test_a_card_after_a_phone_number_is_still_masked(rules):
    found = rules.check("mon tel 06 12 34 56 78 et ma carte 4111 1111 1111 1111")
    assert found.text == "mon tel [phone] et ma carte [card]", found.reasons
