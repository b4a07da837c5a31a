"""Round 74: the misses read on blind73 (trained on since blind74 landed) once blind74 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_shipping_costs_said_free_a_few_words_on_are_no_insult(rules):
    found = rules.check("Les fdp pour les deux pneus neige que j'ai pris hier sont offerts, cool")
    assert found.verdict == "allow", found.reasons


def test_fdp_said_of_drivers_is_still_an_insult(rules):
    found = rules.check("t'es qu'un fdp, tu m'as laissé sur le parking")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_an_insult_as_a_title_of_address_is_reviewed(rules):
    found = rules.check("Merci Madame la débile pour ce magnifique retard de quarante minutes")
    assert found.verdict == "review" and found.categories == {"insult"}, found.reasons


def test_a_title_of_address_with_a_name_is_clean(rules):
    found = rules.check("Merci Madame Lefèvre pour le trajet, à jeudi")
    assert found.verdict == "allow", found.reasons


def test_photos_of_you_behind_an_unknown_link_are_a_lure(rules):
    found = rules.check("omg is that you?? look at these pics of you from saturday lol "
                        "tinyurl.com/k8x2pq")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_photos_of_the_trip_without_a_link_are_clean(rules):
    found = rules.check("J'ai des photos de nous au col, je te les montre jeudi")
    assert found.verdict == "allow", found.reasons


def test_earning_daily_in_hinglish_is_spam(rules):
    found = rules.check("Ghar baithe 3000 roz kamaiye, bas Instagram pe posts like karne hain, "
                        "DM karo")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons
