"""Round 50: the misses read on blind48 (trained on since blind49 landed) once blind49 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "On a mis les chansons des Enfoirés pendant tout le trajet, ma nièce les connaît "
        "toutes par cœur",
        "Espèce de cruche que je suis, j'ai laissé le gâteau sur le toit de la voiture",
        "Can I bring my bitch along? She's a lurcher, very quiet, stays on her mat",
    ],
)
def test_a_band_ones_own_fault_and_a_dog_are_no_insult(rules, text):
    found = rules.check(text)
    assert "insult" not in found.categories, found.reasons


def test_a_fool_aimed_is_still_an_insult(rules):
    found = rules.check("Espèce de cruche, t'as laissé le gâteau sur le toit")
    assert "insult" in found.categories, found.reasons


def test_an_attestation_sent_to_an_address_is_personal_data_only(rules):
    found = rules.check("Envoyez l'attestation de covoiturage à compta.dupuis@orange.fr, merci")
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


def test_an_address_to_pay_outside_the_app_is_still_a_proposal(rules):
    found = rules.check("Envoyez l'attestation à compta.dupuis@orange.fr et payez-moi en direct, "
                        "sans l'appli")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons
