"""Round 67: the misses read on blind66 (trained on since blind67 landed) once blind67 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations

import pytest


def test_a_phone_given_end_first_then_what_comes_before_is_masked(rules):
    found = rules.check("Ça finit par 88 14. Avant il y a 06 52 30, tu mets tout ensemble")
    assert found.verdict == "mask" and found.text.count("[phone]") == 2, found.text


def test_two_times_around_before_are_no_phone(rules):
    found = rules.check("Le train de 18 40 arrive avant 19 05, on a le temps")
    assert found.verdict == "allow", found.text


def test_a_french_mobile_without_its_zero_after_le_is_masked(rules):
    found = rules.check("Pour la clé, le gardien c'est le 7 81 55 20 46, dis que tu viens de "
                        "ma part")
    assert found.verdict == "mask" and "[phone]" in found.text, found.text


def test_a_lottery_draw_after_le_is_no_phone(rules):
    found = rules.check("Le tirage de samedi : 6 12 23 34 45, on a encore perdu")
    assert found.verdict == "allow", found.text


def test_a_canadian_provider_after_a_french_a_is_an_address(rules):
    found = rules.check("Mon courriel c'est m.gagnon à sympatico point ca pour le reçu")
    assert found.verdict == "mask" and "[email]" in found.text, found.text


def test_a_canadian_provider_named_as_a_shop_is_no_address(rules):
    found = rules.check("Je t'attends à la boutique Vidéotron point de service du centre")
    assert found.verdict == "allow", found.text


def test_a_card_sent_too_early_then_finished_is_masked(rules):
    found = rules.check("carte 4916 3380 2275 oups envoyé trop tôt 1019 voilà")
    assert found.verdict == "mask" and found.text.count("[card]") == 2, found.text


def test_a_quote_sent_to_an_address_is_no_proposal(rules):
    found = rules.check("Le devis du carreleur, tu peux l'envoyer à nadia.bensalem@gmail.com")
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


def test_transfers_to_an_address_are_off_platform(rules):
    found = rules.check("For the transfers it's dev.patel88@gmail.com, Interac works fine")
    assert found.verdict == "review" and found.categories == {"off_platform", "pii"}, found.reasons


def test_a_transfer_done_and_its_receipt_sent_to_an_address_stay_masked(rules):
    found = rules.check("Le virement de la plateforme est arrivé, j'ai transféré le reçu à "
                        "compta.club@gmail.com")
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


@pytest.mark.parametrize("text", [
    "Van hire cheaper than any app, text Mo on 07700 900451 for a quote",
    "Déménagement moins cher que toutes les applis, appelez Karim au 06 31 72 48 90",
])
def test_a_ride_business_cheaper_than_every_app_is_spam(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_cheaper_than_the_app_asked_is_no_advert(rules):
    found = rules.check("Is it cheaper than the app? Call me on 07700 900452 and we'll see")
    assert "spam" not in found.categories, found.reasons
