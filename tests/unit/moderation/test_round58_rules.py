"""Round 58: the misses read on blind56 (trained on since blind57 landed) once blind57 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_seeing_whether_someone_still_acts_smart_is_a_threat(rules):
    found = rules.check("Attends-moi à la sortie, on va voir si tu fais le malin, minable")
    assert found.verdict == "block" and any(r.rule == "insult.threat" for r in found.reasons)


def test_waiting_outside_someones_home_for_a_pickup_is_no_threat(rules):
    found = rules.check("Je vais t'attendre devant chez toi à 7h, pas besoin de descendre avant")
    assert found.verdict == "allow", found.reasons


def test_a_mild_adjective_and_a_swear_word_before_an_insult_block(rules):
    found = rules.check("You dumb fucking idiot, that was my exit")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_a_link_with_a_space_before_its_dot_only_is_a_link(rules):
    found = rules.check("Le programme est sur fete-des-voisins-29 .fr, à samedi")
    assert "spam" in found.categories, found.reasons


def test_a_full_stop_after_a_space_is_no_link(rules):
    assert rules.check("ok . see you at 8 by the fr station").verdict == "allow"
