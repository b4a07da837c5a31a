"""Round 61: the misses read on blind59 (trained on since blind60 landed) once blind60 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_login_named_with_its_provider_is_an_address(rules):
    found = rules.check("my login gmail is sam.okafor1990, add the usual ending")
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


def test_eight_digits_typed_one_at_a_time_after_a_cue_are_a_phone(rules):
    found = rules.check("my hp 8 2 4 6 - 1 3 5 7, call only")
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


def test_eight_digits_one_at_a_time_without_a_cue_are_no_phone(rules):
    assert rules.check("the locker code is 8 2 4 6 1 3 5 7").verdict == "allow"


def test_free_shipping_said_with_a_verb_is_no_insult(rules):
    assert rules.check("Les fdp seront offerts, je commande le rétro ce soir").verdict == "allow"


def test_a_citys_traffic_sworn_at_is_no_insult(rules):
    assert rules.check("Lagos traffic is a real bitch this morning, sorry").verdict == "allow"


def test_take_your_time_said_as_dont_kill_yourself_is_no_threat(rules):
    found = rules.check("No need to kill yourself getting here, the match starts at "
                        "8")
    assert found.verdict == "allow", found.reasons


def test_kill_yourself_said_to_someone_still_blocks(rules):
    assert rules.check("just go kill yourself").verdict == "block"


def test_tosser_said_to_someone_blocks(rules):
    found = rules.check("Honestly you're a proper tosser, I'm leaving a review")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_dont_be_a_tosser_stays_a_review(rules):
    assert rules.check("Don't be such a tosser about the bags").verdict == "review"


def test_goods_sold_at_a_good_price_are_spam(rules):
    found = rules.check("Vente de bijoux en argent à petit prix, écrivez-moi")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_tickets_resold_by_the_piece_are_spam(rules):
    found = rules.check("Je revends mes billets pour le match de samedi, 45 € chacun")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons


def test_essays_written_for_students_are_spam(rules):
    found = rules.check("We write assignments and essays for any course, fast and cheap")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons


def test_a_prize_behind_a_link_is_spam(rules):
    found = rules.check("Wanna win a PS5? head over to luckydraw [dot] store")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_clubs_forms_sent_to_its_address_are_no_proposal(rules):
    found = rules.check("Envoyez vos formulaires d'inscription à secretariat.cyclo29@orange.fr svp")
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


def test_a_link_asking_for_details_to_be_entered_is_phishing(rules):
    found = rules.check("head to h t t p s : / / ridesecure [dot] top and enter your "
                        "details to keep your seat")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons
