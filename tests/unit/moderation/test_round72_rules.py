"""Round 72: the misses read on blind71 (trained on since blind72 landed) once blind72 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_fight_offered_man_to_man_is_a_threat(rules):
    found = rules.check("Tu fais moins le malin maintenant, on va régler nos comptes entre hommes")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_a_fight_offered_outside_is_a_threat(rules):
    found = rules.check("Say that again to my face and we'll settle this outside")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_settling_the_payment_outside_the_app_is_a_proposal_not_a_threat(rules):
    found = rules.check("We'll settle it outside the app, cash is easier for me")
    assert found.verdict == "review" and "insult" not in found.categories, found.reasons


def test_settling_at_the_car_park_is_no_threat(rules):
    found = rules.check("On règle ça sur le parking en arrivant, j'ai la monnaie")
    assert "insult" not in found.categories, found.reasons


def test_quebec_tarla_is_a_mild_insult(rules):
    found = rules.check("T'es vraiment un tarla, t'as encore oublié le siège d'auto")
    assert found.verdict == "review" and found.categories == {"insult"}, found.reasons


def test_coursework_sold_by_experts_is_spam(rules):
    found = rules.check("Mémoires et dissertations rédigés par des professionnels, note garantie, "
                        "livraison en 48h")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons


def test_coursework_done_by_oneself_is_clean(rules):
    found = rules.check("My essays are done by Friday, so I can drive on Saturday")
    assert found.verdict == "allow", found.reasons


def test_a_clearance_service_with_a_number_to_call_is_spam(rules):
    found = rules.check("Videz votre garage sans vous fatiguer, on enlève tout ! Contactez-nous au "
                        "06 71 24 58 93")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_clearing_ones_own_cellar_is_clean(rules):
    found = rules.check("Ce week-end on vide la cave de ma mère, appelez-moi si je suis en retard")
    assert "spam" not in found.categories, found.reasons


def test_someone_called_momo_is_no_payment_app(rules):
    found = rules.check("Pour la clé, demandez à Momo au 06 12 48 73 95, il garde l'atelier")
    assert "off_platform" not in found.categories and found.verdict == "mask", found.reasons


def test_paying_by_momo_at_a_number_is_still_a_proposal(rules):
    found = rules.check("Envoie par Momo au 07 88 41 20 36 avant le départ")
    assert "off_platform" in found.categories, found.reasons


def test_someone_called_vermin_for_what_they_did_is_an_insult(rules):
    found = rules.check("Ce charogne m'a annulé le trajet à la dernière minute")
    assert found.verdict == "review" and found.categories == {"insult"}, found.reasons


def test_a_swelling_that_hurt_is_no_insult(rules):
    found = rules.check("Cette enflure m'a fait mal toute la nuit, je vais voir le médecin")
    assert found.verdict == "allow", found.reasons
