"""Round 69: the misses read on blind68 (trained on since blind69 landed) once blind69 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_an_address_then_the_rest_sorted_there_is_off_platform(rules):
    found = rules.check("Mon adresse c'est lucas.fabre@orange.fr, on se cale par là pour samedi")
    assert found.verdict == "review" and found.categories == {"off_platform", "pii"}, found.reasons


def test_an_address_for_a_receipt_stays_masked(rules):
    found = rules.check("Mon adresse pour le reçu : lucas.fabre@orange.fr, merci")
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


def test_a_tontine_named_next_to_a_time_is_no_scheme(rules):
    found = rules.check("La réunion de la tontine finit à 18 30, je te récupère après")
    assert found.verdict == "allow", found.reasons


def test_a_tontine_with_sums_of_money_is_still_a_scheme(rules):
    found = rules.check("Notre tontine : tu cotises 20 000 FCFA, tu touches 150 000 FCFA en un "
                        "mois")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons


def test_patois_sworn_at_the_traffic_going_on_is_no_insult(rules):
    found = rules.check("Rassclaat traffic inna Half Way Tree, soon reach")
    assert found.verdict == "allow", found.reasons


def test_patois_sworn_at_someone_is_still_an_insult(rules):
    found = rules.check("Rassclaat bwoy, yuh cyaan drive")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_ones_car_rented_out_by_the_day_is_spam(rules):
    found = rules.check("Skip the app fees, hire my Corolla daily, 40 dollars a day, Brixton")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_rent_that_is_late_is_no_sale(rules):
    found = rules.check("Mon loyer est en retard ce mois-ci, je paierai le trajet par l'appli "
                        "vendredi")
    assert found.verdict == "allow", found.reasons


def test_what_a_third_party_wants_sent_to_its_address_is_no_proposal(rules):
    found = rules.check("The print shop wants the proofs sent to mo.prints@gmail.com, could you "
                        "send me the photos first?")
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons
