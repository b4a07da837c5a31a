"""Round 49: the misses read on blind47 (trained on since blind48 landed) once blind48 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_member_reporting_a_code_asked_for_is_no_scam(rules):
    found = rules.check("La dame voulait que je lui donne le code reçu par SMS pour « valider la "
                        "réservation ». Je l'ai pas fait, vous pouvez regarder son profil ?")
    assert "spam" not in found.categories, found.reasons


def test_the_same_code_asked_for_is_still_phishing(rules):
    found = rules.check("Envoie-moi le code reçu par SMS pour valider la réservation")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_shipping_costs_waived_are_no_insult(rules):
    found = rules.check("Je te poste tes lunettes demain, oublie les fdp, c'est pour moi")
    assert "insult" not in found.categories, found.reasons


def test_fdp_aimed_is_still_an_insult(rules):
    found = rules.check("Espèce de fdp, rends-moi mes lunettes")
    assert "insult" in found.categories, found.reasons


def test_a_parcel_code_glued_to_its_letters_is_no_phone_number(rules):
    found = rules.check("Colis parti, suivi Chronopost XW01987654321, arrivée vendredi")
    assert "pii" not in found.categories, found.reasons


def test_a_phone_number_glued_to_tel_is_still_masked(rules):
    found = rules.check("Suivi du colis ok, sinon Tel0612345678")
    assert "pii" in found.categories, found.reasons


def test_a_pidgin_report_of_a_driver_asking_payment_outside_is_no_proposal(rules):
    found = rules.check("One passenger tell me make I send am money through Palmpay outside "
                        "the app. I no gree o. Just letting you know.")
    assert "off_platform" not in found.categories, found.reasons


def test_crypto_sent_back_doubled_is_blocked(rules):
    found = rules.check("LIVE NOW: the foundation sends back 2x every ETH received today only")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons
