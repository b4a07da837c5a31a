"""Round 59: the misses read on blind57 (trained on since blind58 landed) once blind58 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_haitian_number_written_with_hyphens_is_a_phone(rules):
    found = rules.check("Rele m: zewo sis, swasant-dis, katoz, katreven-dis-set, dis-uit")
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


def test_dis_alone_stays_a_word(rules):
    assert rules.check("Dis donc, tu pars à six ou sept heures ?").verdict == "allow"


def test_the_swear_word_sworn_at_a_thing_is_no_insult(rules):
    assert rules.check("Sa mère la pute ce verglas, je roule à 30").verdict == "allow"


def test_the_swear_word_before_a_person_still_blocks(rules):
    assert rules.check("Sa mère la pute ce connard de chauffeur").verdict == "block"


def test_names_then_me_are_said_of_oneself(rules):
    assert rules.check("Quel idiot, moi. J'ai laissé le sac dans ton coffre").verdict == "allow"


def test_a_stupid_question_from_me_is_said_of_oneself(rules):
    found = rules.check("What a stupid question from me, obviously the seat is "
                        "booked")
    assert found.verdict == "allow", found.reasons


def test_calling_someone_names_then_accusing_them_still_reviews(rules):
    assert rules.check("Idiot! you stole from me").verdict == "review"


def test_yoruba_bastard_sworn_at_someone_blocks(rules):
    found = rules.check("Omo ale, you no fit drive at all")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_a_payment_app_asked_for_on_its_own_is_reviewed(rules):
    found = rules.check("GCash okay? the app payment keeps failing")
    assert found.verdict == "review" and found.categories == {"off_platform"}, found.reasons
