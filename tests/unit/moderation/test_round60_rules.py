"""Round 60: the misses read on blind58 (trained on since blind59 landed) once blind59 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_an_address_at_a_pakistani_domain_in_brackets_is_masked(rules):
    found = rules.check("mail me on bilal[at]lahoretraders[dot]pk for the receipt")
    assert "pii" in found.categories and "[email]" in (found.text or ""), found.reasons


def test_a_psychic_selling_love_readings_by_phone_is_spam(rules):
    found = rules.check("Mon oncle fait de la voyance, très efficace pour l'amour, "
                        "je te donne son contact")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons


def test_talking_about_a_psychic_is_not_spam(rules):
    assert rules.check("Ma tante croit à la voyance, elle arrive demain à 9h").verdict == "allow"


def test_the_year_group_of_a_school_is_no_promotion(rules):
    found = rules.check("Le groupe de la promo BTS est sur discord(.)gg/bts-nancy, "
                        "viens pour les trajets")
    assert found.verdict == "review" and found.categories == {"off_platform", "spam"}, found.reasons


def test_a_promotion_with_a_link_still_blocks(rules):
    assert rules.check("Profitez de la promo, cliquez ici www.promo-covoit.biz").verdict == "block"


def test_a_coffee_offered_by_the_driver_is_no_offer(rules):
    found = rules.check("Special offer from me: I'll buy you a coffee at the "
                        "services")
    assert found.verdict == "allow", found.reasons


def test_a_member_flagging_someone_who_keeps_posting_crypto_is_no_spam(rules):
    found = rules.check("Un gars n'arrête pas de poster des liens crypto 'double ton "
                        "argent', je le signale")
    assert found.verdict == "allow", found.reasons


def test_hindi_fool_is_a_mild_insult(rules):
    found = rules.check("You are a total bewakoof, the station is the other way")
    assert found.verdict == "review" and found.categories == {"insult"}, found.reasons


def test_a_liar_sworn_at_blocks(rules):
    found = rules.check("You're late again and a fucking liar about the traffic")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_denying_being_a_liar_is_no_insult(rules):
    assert rules.check("I'm not a fucking liar, check the app").verdict == "allow"
