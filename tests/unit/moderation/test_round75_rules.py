"""Round 75: the misses read on blind74 (trained on since blind75 landed) once blind75 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_wsp_before_a_number_moves_the_chat(rules):
    found = rules.check("wsp 07 61 42 88 19")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


def test_coming_over_to_slap_someone_is_a_threat(rules):
    found = rules.check("Rends-moi mes clés ou je passe te gifler ce soir")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_coming_over_to_pick_someone_up_is_clean(rules):
    found = rules.check("Je passe te chercher à 8 h devant la pharmacie")
    assert found.verdict == "allow", found.reasons


def test_someones_shop_behind_an_unknown_link_is_promotion(rules):
    found = rules.check("My sister makes candles, check out her shop and tell me what you think: "
                        "glow-by-amina.co.uk")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_someones_shop_without_a_link_is_clean(rules):
    found = rules.check("On passe devant sa boutique en sortant de Rouen, je m'arrête 2 min ?")
    assert found.verdict == "allow", found.reasons


def test_goods_sold_cheaper_in_haitian_creole_are_spam(rules):
    found = rules.check("Nou vann telefòn Samsung bon mache, pi ba pase tout magazen")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons


def test_people_recruited_for_a_side_income_are_spam(rules):
    found = rules.check("Anyone keen on an extra income? Recruiting 5 people this week, DM me")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_side_income_talked_about_is_clean(rules):
    found = rules.check("I drive on weekends for a bit of extra income, mostly Lyon to Grenoble")
    assert found.verdict == "allow", found.reasons
