"""Round 56: the misses read on blind54 (trained on since blind55 landed) once blind55 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_document_asked_for_in_the_app_not_by_mail_is_no_proposal(moderator):
    found = moderator.check("Merci de m'envoyer l'attestation par l'appli, pas par mail")
    assert found.verdict == "allow", found.reasons


def test_a_document_asked_for_by_mail_not_in_the_app_is_still_a_proposal(rules):
    found = rules.check("envoie-moi la photo par mail, pas via l'appli")
    assert "off_platform" in found.categories, found.reasons


def test_a_warning_put_as_a_condition_is_no_proposal(moderator):
    found = moderator.check("Reminder: if you pay the driver in cash we cannot refund you, so "
                            "please book in the app.")
    assert found.verdict == "allow", found.reasons


def test_cash_asked_for_beside_a_condition_is_still_a_proposal(rules):
    found = rules.check("pay me cash, if you pay by card we can't help it")
    assert "off_platform" in found.categories, found.reasons


def test_bell_end_placed_by_a_road_number_is_a_place(rules):
    assert rules.check("Bell End is just past the B4091, meet at the church").verdict == "allow"


def test_a_bell_end_told_to_take_a_road_is_still_blocked(rules):
    assert rules.check("you bell end, take the A38 next time").verdict == "block"
