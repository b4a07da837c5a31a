"""Round 57: the misses read on blind55 (trained on since blind56 landed) once blind56 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_link_followed_by_how_to_unspace_it_is_disguised(rules):
    found = rules.check("Toutes les infos sur covoit-malin-29 . fr (enlève les espaces)")
    assert found.verdict == "block" and any(r.rule == "spam.spaced_link" for r in found.reasons)


def test_a_messengers_invite_to_unspace_is_still_reviewed(rules):
    found = rules.check("groupe du club : chat . whatsapp . com / Kq7Lm2Pz (enlève les espaces)")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


def test_the_middle_of_nowhere_is_no_insult(moderator):
    found = moderator.check("On vit dans le trou du cul du monde, mais le ciel est magnifique")
    assert found.verdict == "allow", found.reasons


def test_a_trou_du_cul_aimed_at_someone_is_still_blocked(rules):
    assert rules.check("t'es qu'un trou du cul").verdict == "block"


def test_a_mother_fucker_in_two_words_is_blocked(rules):
    found = rules.check("some mother fucker keyed my car at the station")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_a_mother_and_a_father_are_no_insult(rules):
    assert rules.check("my mother and father will pick us up at the station").verdict == "allow"
