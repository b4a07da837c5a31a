"""Round 81: the misses read on blind80 (trained on since blind81 landed) once blind81 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_club_licence_number_is_no_phone(rules):
    found = rules.check("Mon numéro de licence FFR c'est 4471 2098, pour l'assurance du tournoi")
    assert found.verdict == "allow", found.reasons


def test_a_number_without_a_reference_word_is_still_a_phone(rules):
    found = rules.check("Mon numéro c'est le 06 47 12 20 98, pour le tournoi")
    assert found.verdict == "mask" and "[phone]" in found.text, found.text


def test_a_prize_message_received_and_doubted_is_a_report(rules):
    found = rules.check("Someone emailed me saying I'd won a £50 voucher and to click a link. Is "
                        "that from you? Seems dodgy.")
    assert found.verdict == "allow", found.reasons


def test_a_prize_announced_is_still_spam(rules):
    found = rules.check("You've won a £100 fuel voucher! Click the link to claim it today")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_an_address_whose_domain_follows_after_dots_is_masked(rules):
    found = rules.check("Send the receipt to kieran.doyle@ ... then it's just outlook.com")
    assert found.verdict == "mask" and "[email]" in found.text, found.text


def test_a_signal_lost_is_no_messenger(rules):
    found = rules.check("Number's 07700 900 812, signal dropped, call if I vanish")
    assert found.verdict == "mask" and "off_platform" not in found.categories, found.reasons


def test_signal_the_messenger_is_still_a_channel(rules):
    found = rules.check("Add me on Signal, my number's 07700 900 812")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons
