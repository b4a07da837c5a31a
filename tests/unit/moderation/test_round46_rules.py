"""Round 46: the misses read on blind44 (trained on since blind45 landed) once blind45 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Les hommes au volant, c'est juste des abrutis, et toi t'es le pire",
        "Oloriburuku, you no fit drive at all",
    ],
)
def test_a_whole_sex_called_fools_and_a_yoruba_curse_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Cherchez « Garage Dupuis Colmar » sur Google, on a des promos sur les pneus hiver",
        "Une place offerte si vous likez la page de ma boulangerie",
        "Prends mon code promo LUCA5 : 5 euros offerts sur ton premier trajet",
        "Je fais des bijoux sur commande, ma boutique c'est « Perles de Léa » sur Etsy",
        "Plumber here, mates rates for members, look up Gaz Plumbing Bristol",
        "Got into crypto last year, been earning loads, happy to show you how it works",
        "Share this with 5 friends or your car breaks down this winter",
        "tinyurl . com / petrolgift legit, got my voucher last week",
        "FREE PETROL VOUCHERS for every driver this month, register at fuelfree dot co",
    ],
)
def test_adverts_chain_letters_and_vouched_links_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "I search on Google for the services but there's no petrol station open",
        "Tu peux liker la photo du groupe ? C'était trop bien samedi",
        "Le code promo de l'appli ne marche pas, ça me met 0 euros de réduction",
    ],
)
def test_a_search_a_like_and_a_promo_code_question_are_no_spam(rules, text):
    found = rules.check(text)
    assert "spam" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "pay pal f and f please, it's cheaper",
        "I never check the app tbh, nadia.brahimi@laposte.net is better",
    ],
)
def test_paypal_in_two_words_and_an_address_because_the_app_is_not_read_are_reviewed(rules, text):
    found = rules.check(text)
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


def test_a_reminder_that_payments_off_the_platform_are_not_covered_is_no_proposal(rules):
    found = rules.check("Reminder: payments outside the app are not covered by the guarantee")
    assert "off_platform" not in found.categories, found.reasons


def test_a_companys_siret_is_no_phone_number(rules):
    found = rules.check("Facture au nom du club, SIRET 7820 0146 5511 37, pour ton CE")
    assert "pii" not in found.categories, found.reasons


def test_a_number_read_out_with_the_zero_to_add_on_the_front_is_masked(rules):
    found = rules.check("seven seven double oh, nine hundred, four one one. Stick a zero on "
                        "the front.")
    assert "pii" in found.categories, found.reasons


def test_a_card_in_three_parts_each_announced_is_masked(rules):
    found = rules.check("card begins 4539 1488\nthen 0343\nlast part 6715 for the booking")
    assert "pii" in found.categories, found.reasons
    assert "4539" not in found.text and "6715" not in found.text


def test_three_groups_that_fail_the_card_check_stay(rules):
    found = rules.check("card begins 4539 1488\nthen 0343\nlast part 6716 for the booking")
    assert "pii" not in found.categories, found.reasons


def test_the_stake_doubled_and_a_referral_code_we_both_gain_from_are_spam(rules):
    for text in ("Investis dans nos ruches connectées, en six mois tu doubles ta mise",
                 "Enter my referral code KAT10 at checkout and we both get a tenner"):
        found = rules.check(text)
        assert found.verdict == "block" and "spam" in found.categories, (text, found.reasons)


def test_the_stakes_doubled_at_cards_are_no_spam(rules):
    found = rules.check("On a doublé la mise au tarot hier, Mamie a tout gagné")
    assert "spam" not in found.categories, found.reasons
