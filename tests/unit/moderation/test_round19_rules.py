"""Round 19 rules: the generic kinds of misses read on blind17 once blind18 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest


def _data(rules, text: str) -> set[str]:
    """The kinds of personal data the moderator masks in a text ("pii.email", "pii.phone")."""
    return {reason.rule for reason in rules.check(text).reasons if reason.rule.startswith("pii.")}


def test_a_country_code_given_apart_is_part_of_the_number(rules):
    text = "Country code is +254, then it's 712 480 396. Shout when you're at the stage."
    assert "pii.phone" in _data(rules, text)


def test_a_promo_code_is_still_a_reference(rules):
    assert "pii.phone" not in _data(rules, "promo code 27 then order 83 219 4470 for the bags")


@pytest.mark.parametrize(
    "text",
    [
        "mon mail : fabienmorel, hotmail point fr",
        "adresse en un seul mot chez yahoo : claudinebesson, yahoo point fr",
    ],
)
def test_a_plain_handle_introduced_as_an_address_is_masked(rules, text):
    assert _data(rules, text) == {"pii.email"}, text


def test_a_plain_word_before_a_provider_is_no_address(rules):
    assert "pii.email" not in _data(rules, "rendez-vous devant chez Gaston, gmail point com")


@pytest.mark.parametrize(
    "text",
    [
        "Mera number 0300 7654321 hai, phone kar dena jab Saddar pohncho",
        "Mera number 0345 1122334 hai, call kar lena jab station pohncho",
    ],
)
def test_a_number_given_with_a_call_is_masked_not_reviewed(moderator, text):
    found = moderator.check(text)
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "T'es un vrai stronzu, je t'ai attendu au port d'Ajaccio",
        "Do everyone a favour and drive off a cliff, you absolute menace",
    ],
)
def test_corsican_and_death_wished_as_a_favour_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Bringing Luna: she's a bitch, two years old, neutered, fine on a lead in the boot",
        "Your water butt is overflowing all over the path, noticed when I pulled up.",
        "do me a favour and jump in quick, I'm on the zigzags",
    ],
)
def test_a_dog_a_rain_barrel_and_a_favour_are_no_insults(moderator, text):
    assert "insult" not in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Signal c'est plus simple, l'appli plante chez moi",
        "Tu me paies en papier à la descente, pas par l'appli",
        "On fait comme d'habitude : les billets en main et pas de traces",
    ],
)
def test_a_channel_said_simpler_and_paper_money_are_proposals(rules, text):
    found = rules.check(text)
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Signal c'est plus simple que WhatsApp pour les groupes ?",
        "J'ai payé mais il n'y a pas de traces du paiement dans l'appli",
        "Le ticket papier du parking, je le paie en papier ou par carte ?",
    ],
)
def test_their_look_alikes_are_no_proposals(rules, text):
    assert "off_platform" not in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Cheap diet pills shipped discreetly, order at slimfast-direct dot net",
        "my mate swears by quickcash-riders dot com, she made 3k last month",
        "Gros gains en paris sportifs sur parifoot-afrique . com, essaie",
    ],
)
def test_discreet_pills_money_made_and_betting_by_a_link_are_spam(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_parcel_delivered_discreetly_is_no_spam(rules):
    assert "spam" not in rules.check("my parcel was delivered discreetly, thanks").categories
