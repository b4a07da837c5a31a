"""Round 66: the misses read on blind65 (trained on since blind66 landed) once blind66 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations

import pytest


def test_a_deals_site_named_in_its_host_is_spam(rules):
    found = rules.check("Tous mes bons plans péage et parking sont sur bonplans-trajets.fr")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons


def test_a_blog_sent_to_is_only_a_link(rules):
    found = rules.check("Les photos du mariage sont sur mon blog : mariage-lea-tom.fr")
    assert found.verdict == "review" and found.categories == {"spam"}, found.reasons


def test_a_pitch_that_says_it_is_none_before_its_discount_is_spam(rules):
    found = rules.check("Je vends rien hein, mais mon beau-frère fait les pneus neufs à 40% moins "
                        "cher, passe le voir de ma part")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons


def test_not_selling_without_a_discount_is_no_spam(rules):
    found = rules.check("Not selling anything, just saying the café at the services is 20% "
                        "busier on Fridays, leave early")
    assert found.verdict == "allow", found.reasons


def test_the_app_said_to_be_no_need_in_english_is_off_platform(rules):
    found = rules.check("You can pay me when we get there, no need to pay through the app")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


def test_no_need_for_anything_but_the_app_stays_clean(rules):
    found = rules.check("No need to bring cash, everything is already paid")
    assert found.verdict == "allow", found.reasons


def test_a_channel_refused_before_it_is_asked_for_is_no_proposal(rules):
    found = rules.check("Pas la peine de me demander mon Snap, je garde tout ici")
    assert found.verdict == "allow", found.reasons


def test_a_channel_offered_after_it_was_asked_for_is_a_proposal(rules):
    found = rules.check("Tu m'as demandé mon Snap, c'est lea.trajets, ajoute-moi")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize("text", [
    "Le sinistre est enregistré sous 2024 0611 7730 55, l'expert passe jeudi",
    "The insurance claim is 2023 0744 8812 90, the assessor calls Monday",
])
def test_a_claim_number_is_no_phone(rules, text):
    found = rules.check(text)
    assert found.verdict == "allow", found.text


def test_a_phone_after_a_claim_number_in_words_is_still_masked(rules):
    found = rules.check("Sinistre 2024 0611 7730 55. Pour l'expert, mon portable : 06 71 42 88 13")
    assert found.verdict == "mask" and found.text.count("[phone]") == 1, found.text
