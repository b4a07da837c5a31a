"""Round 76: the misses read on blind75 (trained on since blind76 landed) once blind76 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_the_haitian_lottery_pitched_is_spam(rules):
    found = rules.check("Bòlèt pi bon an vil la, jwe avè m, gwo lo chak swa")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_member_who_played_the_lottery_is_clean(rules):
    found = rules.check("Mwen te jwe bòlèt yè, m pa genyen anyen, n ap pati a 8è")
    assert found.verdict == "allow", found.reasons


def test_a_handle_in_brackets_before_the_at_is_an_address(rules):
    found = rules.check("mon adresse c'est mon nom complet (julien-marchal) chez gmail.com")
    assert found.verdict == "mask" and "[email]" in found.text, found.text


def test_a_female_dog_named_with_her_breed_is_no_insult(rules):
    found = rules.check("The bitch we are taking to the vet is a greyhound, she sleeps the whole "
                        "way")
    assert found.verdict == "allow", found.reasons


def test_the_word_said_of_a_driver_is_still_an_insult(rules):
    found = rules.check("the bitch never showed up and my dog waited in the cold")
    assert found.verdict != "allow" and "insult" in found.categories, found.reasons


def test_a_drivers_request_reported_in_pidgin_is_no_proposal(rules):
    found = rules.check("Abeg the driver talk say make I pay am cash instead of the app. I no "
                        "gree.")
    assert found.verdict == "allow", found.reasons


def test_a_proposal_made_in_pidgin_is_still_one(rules):
    found = rules.check("Abeg send the money through Opay, no through the app")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons
