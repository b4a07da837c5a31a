"""Round 44: the misses read on blind42 (trained on since blind43 landed) once blind43 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Honestly you fat lazy pig, you ate the whole bag of crisps on my back seat",
        "Get out at the next services, you ugly stupid cow",
    ],
)
def test_two_words_of_contempt_before_a_cow_or_a_pig_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Bloodclaat traffic! Mi late fi work again",
        "Our knit and bitch night is at Sue's on Friday, can you drop me there?",
        "The fat lazy cows in that field never move when the tractor comes",
    ],
)
def test_an_oath_at_the_traffic_a_knitting_circle_and_cows_are_no_insult(rules, text):
    found = rules.check(text)
    assert "insult" not in found.categories, found.reasons


def test_an_oath_aimed_at_a_driver_is_still_blocked(rules):
    found = rules.check("Bloodclaat driver! Yuh tief mi change")
    assert found.verdict == "block", found.reasons


def test_reunion_creole_paid_in_cash_is_reviewed(rules):
    found = rules.check("Ou i pèy amoin cash demin, lé mié")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "The farm shop only takes cash, shall we stop at a cashpoint on the way?",
        "Les stalls? They only accept cash there, bring coins for the parking too",
    ],
)
def test_a_shop_that_only_takes_cash_is_no_proposal(rules, text):
    found = rules.check(text)
    assert "off_platform" not in found.categories, found.reasons


def test_a_driver_who_only_takes_cash_is_still_reviewed(rules):
    found = rules.check("We only take cash, don't bother booking the seat")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Download Zoomla, the carpool app with zero commission, you'll thank me later",
        "Besoin de thune ? Cherche « argent facile » sur TikTok et dis que tu viens de ma part",
        "Code promo LIFT5 : installe l'appli TrajetPlus et inscris-toi, 5 € offerts",
    ],
)
def test_another_app_pushed_and_a_job_to_look_up_on_a_network_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_deposit_to_an_iban_is_reviewed_as_off_platform_not_blocked_as_a_scam(rules):
    found = rules.check("Pay the deposit to GB33 BUKB 2020 1555 5555 55 and I'll keep the seat")
    assert found.verdict == "review", found.reasons
    assert {"off_platform", "pii"} <= found.categories and "spam" not in found.categories


def test_a_deposit_to_this_rib_with_a_threat_is_still_a_scam(rules):
    found = rules.check("Verse 40 € d'acompte sur ce RIB, sinon je donne ta place à un autre")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Numéro de suivi 6Q 0385 1124 907, le colis arrive jeudi chez toi",
        "Tracking number 1Z 999 AA1 0123 456 for the helmet you left",
    ],
)
def test_a_parcels_code_of_letters_and_digits_is_no_phone_number(rules, text):
    found = rules.check(text)
    assert "pii" not in found.categories, found.reasons


def test_a_phone_number_after_a_parcel_is_still_masked(rules):
    found = rules.check("Colis reçu, appelle-moi au 06 12 34 56 78 pour le récupérer")
    assert "pii" in found.categories, found.reasons


def test_a_threat_to_publish_someones_address_is_blocked(rules):
    found = rules.check("I know your address and where you work, one more review like that and "
                        "I'll post everything on Facebook")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_a_parcel_posted_to_a_known_address_is_no_threat(rules):
    found = rules.check("J'ai ton adresse, je poste le chargeur demain matin")
    assert "insult" not in found.categories, found.reasons
