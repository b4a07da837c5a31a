"""Round 70: the misses read on blind69 (trained on since blind70 landed) once blind70 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict; and blind62's IBAN written with a space after its country code."""

from __future__ import annotations

import pytest


def test_a_ticket_number_is_no_phone(rules):
    found = rules.check("Numéro du billet Ouigo : 4410 0783 2291 66, il a bien été validé")
    assert found.verdict == "allow", found.text


def test_a_phone_after_a_ticket_number_is_still_masked(rules):
    found = rules.check("Billet 4410 0783 2291 66. Si souci, mon portable : 06 48 21 77 30")
    assert found.verdict == "mask" and found.text.count("[phone]") == 1, found.text


def test_a_lebanese_money_transfer_is_off_platform(rules):
    found = rules.check("Paie-moi par OMT en arrivant à Saïda, c'est plus simple")
    assert found.verdict == "review" and found.categories == {"off_platform"}, found.reasons


def test_money_earned_watching_videos_is_spam(rules):
    found = rules.check("Earn money by watching videos, 20 mins a day, ask me how")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons


def test_watching_videos_on_the_way_is_clean(rules):
    found = rules.check("On peut regarder des vidéos sur la tablette pendant le trajet ?")
    assert found.verdict == "allow", found.reasons


def test_a_swelling_on_a_body_part_is_no_insult(rules):
    found = rules.check("J'ai une grosse enflure à la cheville, je monte devant si ça te va")
    assert found.verdict == "allow", found.reasons


def test_enflure_said_to_someone_is_still_an_insult(rules):
    found = rules.check("Espèce d'enflure, tu m'as laissé sur le parking")
    assert found.categories == {"insult"}, found.reasons


def test_a_prize_won_at_a_raffle_told_by_its_winner_is_no_spam(rules):
    found = rules.check("Ma fille a gagné un bon d'achat à la tombola de l'école, on le "
                        "dépense au centre commercial")
    assert found.verdict == "allow", found.reasons


def test_a_prize_announced_to_the_reader_is_still_spam(rules):
    found = rules.check("Vous avez gagné un bon d'achat de 500 €, cliquez pour le recevoir")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons


def test_a_refund_asked_into_ones_own_account_is_no_proposal(rules):
    found = rules.check("I'd like my refund for the cancelled trip, please pay it into GB82 WEST "
                        "1234 5698 7654 32, it's my account in my name")
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


def test_a_fare_asked_into_an_account_is_still_off_platform(rules):
    found = rules.check("For the fare, pay it into GB82 WEST 1234 5698 7654 32 instead of the app")
    assert "off_platform" in found.categories, found.reasons


def test_contempt_stacked_on_a_name_blocks(rules):
    found = rules.check("Sir, you are a pathetic old fool and everyone here knows it")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_a_hag_named_as_a_place_is_clean(rules):
    found = rules.check("Drop me at the Hag's Head car park, the cliff walk starts there")
    assert found.verdict == "allow", found.reasons


def test_a_north_american_number_cut_after_its_exchange_is_masked(rules):
    found = rules.check("my number's split so the app won't eat it: 415 555 and then 0178, "
                        "text me")
    assert found.text is not None and found.text.count("[phone]") == 2, found.text


def test_two_counts_and_a_year_are_no_phone(rules):
    found = rules.check("We sold 415 555 tickets and then 2019 came")
    assert found.verdict == "allow", found.text


@pytest.mark.parametrize("text", [
    "mon iban fr 14 2004 1010 0505 0001 3M02 606 pour le remboursement",
    "IBAN : FR 14 2004 1010 0505 0001 3M02 606",
])
def test_an_iban_with_a_space_after_its_country_code_after_the_word_is_masked(rules, text):
    found = rules.check(text)
    assert found.verdict == "mask" and "[iban]" in found.text, found.text


def test_a_phone_after_at_stays_a_phone(rules):
    found = rules.check("Call me at 06 12 34 56 78, iban to follow")
    assert found.verdict == "mask" and "[phone]" in found.text, found.text
