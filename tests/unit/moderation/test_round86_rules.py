"""Round 86: the misses read on blind85 (trained on since blind86 landed) once blind86 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_free_vouchers_and_a_link_to_claim_them_are_spam(rules):
    found = rules.check("Des bons de carburant gratuits pour les covoitureurs : inscris-toi sur "
                        "https://carbu-offert.shop/form")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_free_shuttles_and_a_link_are_no_scam(rules):
    found = rules.check("Les navettes gratuites du festival partent d'ici : "
                        "https://www.festival-du-lac.org/navettes")
    assert found.verdict == "review", found.reasons


def test_thanks_for_a_failure_then_a_mocking_title_is_sarcasm(rules):
    found = rules.check("Thanks for leaving me at the wrong services, genius")
    assert found.verdict == "review" and "insult" in found.categories, found.reasons


def test_thanks_with_a_champion_further_on_are_thanks(rules):
    found = rules.check("Merci d'avoir attendu, champion du monde de la patience !")
    assert found.verdict == "allow", found.reasons


def test_swimsuit_photos_brought_up_are_a_sexual_remark(rules):
    found = rules.check("Wear the lingerie from your insta when I pick you up, you know you "
                        "want to")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_a_swimsuit_for_the_lido_is_no_remark(rules):
    found = rules.check("Bring your swimsuit for the lido on Saturday, the water's lovely")
    assert found.verdict == "allow", found.reasons


def test_bell_end_named_by_a_sat_nav_is_a_place(rules):
    found = rules.check("Waze says Bell End, 12 minutes away. Is that your village?")
    assert found.verdict == "allow", found.reasons


def test_a_bell_end_aimed_is_still_an_insult(rules):
    found = rules.check("You absolute bell end, you left without me")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_a_timeshare_sold_in_a_hurry_is_spam(rules):
    found = rules.check("Multipropriété à Marbella à saisir, propriétaire pressé, visite gratuite")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_irish_gowl_aimed_is_an_insult(rules):
    found = rules.check("Ye absolute gowl, ye left me standing at Kent station")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons
