"""Round 17 rules: the generic kinds of misses read on blind15 once blind16 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "IBAN for the deposit: first part IE29 AIBK 9311, the rest 5212 3456 78",
        "card is 4539 I488 O343 6467, take the fee from that one",
    ],
)
def test_an_iban_with_its_bank_code_in_parts_and_a_card_with_letters_for_digits_are_masked(
        rules, text):
    found = rules.check(text)
    assert found.verdict == "mask" and "pii" in found.categories, found.reasons


def test_a_reference_with_letters_and_digits_is_no_card(rules):
    assert "pii" not in rules.check("card game night, table 4O, seat I2").categories


@pytest.mark.parametrize(
    "text",
    [
        "Buy real followers and likes, instant delivery ➡ growfast dot net",
        "Great ride! I've started helping people build passive income, would you be open to "
        "a quick chat?",
    ],
)
def test_followers_for_sale_and_the_passive_income_pitch_are_spam(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_warning_about_passive_income_offers_is_no_spam(rules):
    text = "Helper ici : les offres de revenus passifs dans le chat sont interdites, signalez-les"
    assert "spam" not in rules.check(text).categories


def test_pidgin_lets_talk_on_whatsapp_is_a_proposal(rules):
    found = rules.check("Make we gist for WhatsApp abeg, this app dey hang")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Notre bouc s'appelle Salopard, c'est l'éleveur qui l'a nommé",
        "Bringing Bess, a three-year-old bitch, she'll be on her lead the whole way",
    ],
)
def test_an_animal_named_so_and_a_dog_on_her_lead_are_no_insults(rules, text):
    assert "insult" not in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize("text", ["Ou sé on koyon, ou pa tann mwen", "you bitch, I hope they "
                                  "put you on a lead"])
def test_a_creole_fool_and_a_woman_called_a_bitch_stay_insults(rules, text):
    assert "insult" in rules.check(text).categories, rules.check(text).reasons


def test_an_account_address_changed_is_no_proposal(moderator):
    found = moderator.check("I changed my email to sam.k@outlook.com last week, still no receipts")
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons
