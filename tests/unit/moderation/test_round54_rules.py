"""Round 54: the misses read on blind52 (trained on since blind53 landed) once blind53 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations

import pytest


def test_an_iban_in_two_parts_a_character_short_is_masked(rules):
    # 26 characters for France's 27, passing the mod-97 check (as a whole IBAN may).
    found = rules.check("Pour le remboursement : l'IBAN commence par FR52 2784 7763 7596, la "
                        "suite c'est 3307 8791 85")
    assert "7596" not in found.text and "8791" not in found.text, found.reasons


def test_a_number_whose_next_part_is_added_is_masked(rules):
    found = rules.check("Note mon numéro : 06 41, tu ajoutes 73 et ensuite 28 15.")
    assert found.verdict == "mask" and "41" not in found.text, found.reasons


def test_minutes_added_are_no_phone_number(rules):
    assert rules.check("Il faut 45 minutes, tu ajoutes 10 pour le péage").verdict == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Je vends aussi des faux sacs Louis Vuitton, top qualité, si ça intéresse",
        "fake Nike trainers, good quality, 30 quid",
    ],
)
def test_fakes_of_a_brand_offered_are_spam(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_fake_bought_and_reported_is_no_spam(rules):
    found = rules.check("j'ai acheté un faux sac Gucci sans le savoir, quelle arnaque")
    assert "spam" not in found.categories, found.reasons


def test_my_no_is_a_phone_number_not_a_reference(rules):
    found = rules.check("my no. 99012 34567, call when near")
    assert found.text == "my no. [phone], call when near", found.reasons


def test_a_reference_after_its_no_is_still_no_phone_number(rules):
    assert "pii" not in rules.check("booking no. 4471 2285 91, that's the ref").categories


def test_twitter_called_the_bird_site_is_a_channel_for_the_rules(rules):
    found = rules.check("Find me on the bird site, I'm @lucyknits there")
    assert any(r.rule == "off_platform.channel.move" for r in found.reasons), found.reasons


def test_a_bird_and_a_site_are_no_channel(rules):
    assert rules.check("we saw a rare bird, the site was amazing").verdict == "allow"


def test_an_address_whose_local_part_ends_on_a_number_after_spelled_dots(rules):
    found = rules.check("email: tom dot r dot 1987 at gmail dot com")
    assert found.text == "email: [email]", found.reasons


def test_a_score_and_a_year_at_a_stadium_are_no_address(rules):
    assert rules.check("the score was 3 dot 2009 at wembley").verdict == "allow"


def test_a_bitch_of_a_slope_is_no_insult_for_the_rules(rules):
    assert rules.check("That bitch of a slope killed my brakes").verdict == "allow"


def test_a_bitch_aimed_at_someone_is_still_blocked(rules):
    assert rules.check("you bitch, get off my lane").verdict == "block"


def test_you_dope_as_a_clause_of_its_own_is_reviewed(rules):
    found = rules.check("You dope, I said the OTHER car park")
    assert found.verdict == "review" and found.categories == {"insult"}, found.reasons


def test_dope_meaning_good_is_no_insult(rules):
    assert rules.check("that's dope! see you at 8").verdict == "allow"


def test_a_business_asking_for_a_transfer_is_no_proposal(rules):
    found = rules.check("L'hôtel nous demande de régler l'acompte par virement avant vendredi")
    assert found.verdict == "allow", found.reasons


def test_a_transfer_to_the_writer_is_still_a_proposal(rules):
    found = rules.check("vire-moi l'acompte sur mon compte, pas par l'appli")
    assert "off_platform" in found.categories, found.reasons
