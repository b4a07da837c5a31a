"""Round 55: the misses read on blind53 (trained on since blind54 landed) once blind54 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_number_in_two_parts_around_a_long_pause_is_masked(rules):
    found = rules.check("Mon numéro : 06 83… bouge pas, le chien aboie après le facteur, il veut "
                        "absolument sortir dans le jardin… bon, la suite c'est 52 17 40")
    assert found.verdict == "mask" and "83" not in found.text and "17" not in found.text, (
        found.reasons)


def test_a_fight_offered_is_a_threat(rules):
    found = rules.check("T'es qu'un bouffon. Passe au garage demain, on verra qui fait le malin.")
    assert found.verdict == "block" and any(r.rule == "insult.threat" for r in found.reasons)


def test_talking_face_to_face_calmly_is_no_threat(rules):
    found = rules.check("si t'as un souci, viens me le dire en face, on en parle calmement")
    assert found.verdict == "allow", found.reasons


def test_a_link_after_a_spaced_www_is_a_disguised_link(rules):
    found = rules.check("w w w . lowcostlifts . co . uk, same trips but cheaper")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_plain_www_link_is_not_read_as_disguised(rules):
    assert rules.check("www.bbc.co.uk says the road is shut").verdict != "block"


def test_the_bell_end_turning_is_a_place(rules):
    assert rules.check("The Bell End turning was closed again this morning").verdict == "allow"


def test_a_bell_end_aimed_at_someone_is_still_blocked(rules):
    assert rules.check("you absolute bell end").verdict == "block"


def test_a_handle_at_a_domain_of_three_labels_is_an_address(rules):
    found = rules.check("Please send the receipt to mere.tawhiri at slingshot.co.nz, thanks")
    assert found.text == "Please send the receipt to [email], thanks", found.reasons


def test_a_word_after_a_full_stop_at_a_site_is_no_address(rules):
    found = rules.check("Bank notice: a debit will leave tomorrow. Cancel at cancel-now.co.uk")
    assert "pii" not in found.categories, found.reasons
