"""Round 80: the misses read on blind79 (trained on since blind80 landed) once blind80 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_hole_in_the_road_sworn_at_is_no_insult(rules):
    found = rules.check("Encore un trou énorme sur la départementale, j'ai failli perdre "
                        "l'enjoliveur, connard de trou.")
    assert found.verdict == "allow", found.reasons


def test_an_arsehole_is_still_an_insult(rules):
    found = rules.check("Espèce de trou du cul, tu m'as laissé à la gare")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_licence_points_restored_on_the_quiet_are_a_scam(rules):
    found = rules.check("Mon beau-frère rachète les points de permis et s'occupe des cartes "
                        "grises, discret et pas cher")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_the_legal_course_for_licence_points_is_clean(rules):
    found = rules.check("J'ai fait un stage pour récupérer des points de permis, c'était à "
                        "Orléans")
    assert found.verdict == "allow", found.reasons


def test_and_die_after_an_insult_is_a_threat(rules):
    found = rules.check("Regarde ta tête, espèce de tocard, et crève")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_a_flat_tyre_is_no_threat(rules):
    found = rules.check("J'ai roulé sur un clou et crevé, j'arrive dans une heure")
    assert found.verdict == "allow", found.reasons


def test_shut_up_and_drive_is_a_mild_insult(rules):
    found = rules.check("Tais-toi et conduis, je connais la route mieux que toi")
    assert found.verdict == "review" and "insult" in found.categories, found.reasons


def test_a_handle_not_yet_known_is_no_address(rules):
    found = rules.check("It's priya dot something at gmail, I'll check and tell you tonight")
    assert found.verdict == "allow", found.reasons


def test_a_handle_s_digits_said_after_then_are_part_of_it(rules):
    found = rules.check("my email is the name kofi then 88, at yahoo dot com")
    assert found.verdict == "mask" and "[email]" in found.text, found.text


def test_a_machine_called_a_little_bastard_is_no_insult(rules):
    found = rules.check("The printer is being a right little bastard today, I'll bring the "
                        "tickets on my phone")
    assert found.verdict == "allow", found.reasons


def test_a_number_with_its_zero_said_in_brackets_is_masked(rules):
    found = rules.check("mon numéro c'est le 7 (avec un zéro devant) 61 28 44 90")
    assert found.verdict == "mask" and "[phone]" in found.text, found.text
