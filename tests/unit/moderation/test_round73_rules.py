"""Round 73: the misses read on blind72 (trained on since blind73 landed) once blind73 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_money_asked_through_a_payment_app_in_wolof_is_a_proposal(rules):
    found = rules.check("Yonnee ma xaalis bi ci Orange Money, dafa gën")
    assert found.verdict == "review" and found.categories == {"off_platform"}, found.reasons


def test_waves_at_the_beach_in_wolof_are_no_payment(rules):
    found = rules.check("Dama xool wave yi ci plage bi, dafa rafet")
    assert found.verdict == "allow", found.reasons


def test_the_platform_to_be_avoided_in_wolof_is_a_proposal(rules):
    found = rules.check("Bul jaar ci site bi, wax ma ci WhatsApp")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


def test_a_handle_said_to_be_one_word_in_brackets_is_still_an_address(rules):
    found = rules.check("it's tomasmiller (all one word) at hotmail dot com")
    assert found.verdict == "mask" and "[email]" in found.text, found.text


def test_a_place_said_to_be_one_word_is_no_address(rules):
    found = rules.check("the village is Saintjean (all one word) at the roundabout")
    assert found.verdict == "allow", found.text


def test_a_new_number_of_ten_digits_is_masked(rules):
    found = rules.check("my new number 90081 44527, save it")
    assert found.verdict == "mask" and "[phone]" in found.text, found.text


def test_an_order_number_of_ten_digits_is_no_phone(rules):
    found = rules.check("order number 90081 44527 for the seat")
    assert found.verdict == "allow", found.text


def test_patois_sworn_at_the_rain_article_first_is_no_insult(rules):
    found = rules.check("Cho, di bumbaclaat rain a fall again")
    assert found.verdict == "allow", found.reasons


def test_patois_sworn_at_someone_is_still_an_insult(rules):
    found = rules.check("yuh bumbaclaat fool, yuh lef mi")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_a_messenger_refused_with_the_negation_after_the_verb_is_no_proposal(rules):
    found = rules.check("je vais pas sur Telegram, désolé, on reste ici")
    assert found.verdict == "allow", found.reasons


def test_a_messenger_chosen_is_still_a_proposal(rules):
    found = rules.check("je vais sur Telegram, écris-moi là-bas")
    assert found.verdict == "review" and found.categories == {"off_platform"}, found.reasons
