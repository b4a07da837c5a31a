"""Round 62: the misses read on blind60 (trained on since blind61 landed) once blind61 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_garage_sale_advertised_is_spam(rules):
    found = rules.check("Braderie samedi au 12 rue des Lilas, jouets et livres, venez nombreux !")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons


def test_going_to_a_garage_sale_is_no_spam(rules):
    found = rules.check("Je vais au vide-grenier de Lannion dimanche, tu me déposes ?")
    assert found.verdict == "allow", found.reasons


def test_an_extra_income_opportunity_is_spam_even_said_to_be_no_scam(rules):
    found = rules.check("Je vous propose une opportunité de revenus complémentaires, "
                        "rien à voir avec une arnaque, écrivez-moi")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_sale_cagole_blocks(rules):
    found = rules.check("Bouge-toi sale cagole, le bus part sans nous")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_a_third_person_called_biesse_is_reviewed(rules):
    found = rules.check("Cette grande biesse m'a laissé sur le parking de Liège")
    assert found.verdict == "review" and found.categories == {"insult"}, found.reasons


def test_an_address_given_for_a_summary_is_no_proposal(rules):
    found = rules.check("p.martin[at]hotmail[.]fr, c'est pour m'envoyer le récapitulatif "
                        "de la réclamation")
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


def test_the_difference_settled_with_the_driver_is_off_platform(rules):
    found = rules.check("Book the short trip in the app and just settle the balance with me after")
    assert found.verdict == "review" and found.categories == {"off_platform"}, found.reasons
