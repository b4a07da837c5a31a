"""Round 47: the misses read on blind45 (trained on since blind46 landed) once blind46 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations

import pytest


def test_a_group_barred_from_the_car_is_blocked(rules):
    found = rules.check("Pas de gitans dans ma voiture, je m'en fiche de ce que dit l'appli")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Pute borgne, la batterie du téléphone est morte en plein péage",
        "Ce connard de portail ne veut pas s'ouvrir, attends-moi dans la rue",
        "chui un gros boulet, j'ai raté le bus",
        "Our bitch comes into season next week so she's staying at the breeder's",
        "Just so you know, the guy on the Accra ride called the other passenger an ashawo",
    ],
)
def test_an_oath_a_gate_ones_own_fault_a_dog_and_a_report_are_no_insult(rules, text):
    found = rules.check(text)
    assert "insult" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Ride bonus glitch 👉 tinyurl[.]com/rb-glitch",
        "this tea melted 5kg off me h t t p s : / / detoxqueen . store",
    ],
)
def test_a_link_sold_as_a_hack_and_a_disguised_scheme_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_classified_ad_for_what_i_pick_up_is_only_reviewed(rules):
    found = rules.check("L'annonce du canapé que je récupère : leboncoin.fr/ad/ameublement/2215478")
    assert found.verdict == "review", found.reasons


def test_a_plain_map_link_stays_allowed(rules):
    found = rules.check("Rendez-vous ici : https://maps.app.goo.gl/Zt8pQ3nXv")
    assert found.verdict == "allow", found.reasons


def test_the_end_of_an_iban_sent_next_is_no_proposal(rules):
    found = rules.check("Pour le remboursement : BE71 0961, je vous envoie la fin tout de suite, "
                        "2345 6769")
    assert "off_platform" not in found.categories, found.reasons
