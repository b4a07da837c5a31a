"""Round 29 rules: the generic kinds of misses read on blind27 once blind28 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest

from tests.unit.moderation.verdicts import rule_names as _kinds


@pytest.mark.parametrize(
    "text",
    [
        "Envie de perdre 5 kilos ? Mon thé minceur marche trop bien, 2 boîtes pour 30 €, je t'en "
        "fais une ?",
        "my aunt sells slimming coffee, 2 packs for 25 quid, dm me if interested",
        "Le Patch Miracle anti-ronflement, résultats en une nuit, commandez vite sur notre page !",
        "Paris sportifs sûrs à 100 % : tape « gagnantfoot » point c o m dans ton navigateur",
        "h t t p : / / t i n y . c c / cadeau-covoit pour ton bonus de bienvenue",
    ],
)
def test_slimming_and_miracle_products_and_spelled_bonus_sites_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "the detox tea at the services cost me 4 quid, what a rip off",
        "Ma cousine boit du thé minceur, on s'arrête à la pharmacie ?",
        "it's a miracle we got here on time, order a taxi next time",
        "type entraide dot fr in your browser if the app keeps crashing",
        "Ton bonus de bienvenue est dans l'appli : https://entraide.app/parrainage",
    ],
)
def test_a_product_named_a_miracle_said_and_our_own_site_pass(rules, text):
    assert "spam" not in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Ya hmara, t'as encore oublié de fermer le coffre",
        "tg stp tu me fatigues avec tes vocaux",
    ],
)
def test_an_arabic_vocative_and_a_shortened_shut_up_are_reviewed(rules, text):
    assert "insult.mild" in _kinds(rules.check(text)), rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Arrête, tu me tues avec tes blagues de tonton, on est même pas à Dijon",
        "Tu vas te faire tuer par ta mère si tu rentres encore à 4h du mat",
        "On a eu des places pour les Enfoirés à Lyon, tu viens ?",
        "Le chauffeur n'arrêtait pas de dire « les Noirs sont des feignants », c'est raciste, je "
        "le signale.",
    ],
)
def test_laughing_a_scolding_at_home_a_concert_and_a_repeated_remark_reported_pass(
        moderator, text):
    assert moderator.check(text).verdict == "allow", moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "T'inquiète, pas besoin de m'envoyer de sous avant, on paie tous par l'appli.",
        "Pls don't send me money on PayPal, I can't accept it, just book the seat properly here",
        "hi helper, the driver for the hospital run said if I cancel the booking he'll just take "
        "cash on the day. what do I do?",
    ],
)
def test_everyone_paying_in_the_app_a_refused_payment_app_and_a_report_are_no_proposal(
        moderator, text):
    assert "off_platform" not in moderator.check(text).categories, moderator.check(text).reasons


def test_paying_half_by_hand_is_still_a_proposal(moderator):
    found = moderator.check(
        "tu payes la moitié dans l'appli et l'autre moitié de la main à la main")
    assert "off_platform" in found.categories, found.reasons


def test_paying_not_the_apps_way_is_reviewed(rules):
    found = rules.check("we'll settle it the old way, not the app way, if you get me")
    assert "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("account is D E eight nine 3704 0044 0532 0130 00", "pii.iban"),
        ("mon RIB : F R sept six 3000 6000 0112 3456 7890 189", "pii.iban"),
        ("my addy is kez 4 7 at hotmail dot co dot uk", "pii.email"),
        ("email me at thabo at mweb dot co dot za", "pii.email"),
    ],
)
def test_a_said_iban_and_addresses_typed_apart_are_masked(rules, text, kind):
    assert kind in _kinds(rules.check(text)), rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "account is D E eight nine 3704 0044 0532 0130 01",
        "meet me at gate 9 9 at noon",
        "j e a n . r o u x 8 8 @ f r e e . f r",
    ],
)
def test_a_said_iban_that_fails_its_check_and_a_gate_number_are_no_iban(rules, text):
    assert "pii.iban" not in _kinds(rules.check(text)), rules.check(text).reasons
