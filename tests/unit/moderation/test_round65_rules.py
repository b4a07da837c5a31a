"""Round 65: the misses read on blind63 and blind64 (trained on since blind65 landed) once blind65
had been measured to judge them, each written again in other words, next to look-alikes that
keep their verdict."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "T'es tellement, tellement débile, tu le sais ?",
    "You're very, very stupid, mate",
    "Vous êtes très stupide, franchement",
])
def test_a_degree_word_before_the_insult_still_reviews_it(rules, text):
    found = rules.check(text)
    assert found.verdict == "review" and found.categories == {"insult"}, found.reasons


def test_a_degree_word_before_praise_is_no_insult(rules):
    found = rules.check("Tu es très, très gentille, merci pour le détour")
    assert found.verdict == "allow", found.reasons


def test_brussels_klet_said_of_a_driver_reviews(rules):
    found = rules.check("Cette klet de conductrice a encore oublié mon sac à Ixelles")
    assert found.verdict == "review" and found.categories == {"insult"}, found.reasons


def test_a_scam_received_and_asked_about_is_reported(rules):
    found = rules.check("Mon père a reçu un mail qui dit qu'il a gagné un iPhone 15, faut juste "
                        "payer les frais d'envoi. C'est vous ?")
    assert found.verdict == "allow", found.reasons


def test_the_same_prize_offered_directly_is_spam(rules):
    found = rules.check("Vous avez gagné un iPhone 15, faut juste payer les frais d'envoi")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons


def test_checking_the_weather_on_a_site_is_a_link_not_phishing(rules):
    found = rules.check("Vérifiez les horaires du bac sur traversees-loire.info avant de partir")
    assert found.verdict == "review" and [r.rule for r in found.reasons] == ["spam.link"]


def test_checking_a_password_on_a_site_is_phishing(rules):
    found = rules.check("Vérifiez votre mot de passe sur compte-secure-check.info sous 24h")
    assert found.verdict == "block" and "spam.phishing" in [r.rule for r in found.reasons]


@pytest.mark.parametrize("text", [
    "Horaires du bateau sur navettesguadeloupe.gp",
    "Le planning des bus est sur bustahiti.pf",
])
def test_an_overseas_domain_is_a_link(rules, text):
    found = rules.check(text)
    assert found.verdict == "review" and found.categories == {"spam"}, found.reasons


def test_a_handle_asked_for_and_not_given_is_reported(rules):
    found = rules.check("The driver asked for my Telegram so we could 'sort the fare "
                        "privately'. I did not give it to him.")
    assert found.verdict == "allow", found.reasons


def test_a_region_ending_after_bracketed_signs_is_an_address(rules):
    found = rules.check("Send the receipt to morag[at]highland-rides[dot]scot please")
    assert found.verdict == "mask" and "[email]" in found.text, found.text


def test_a_region_ending_after_a_bare_at_is_no_address(rules):
    found = rules.check("See you at the station near the castle dot scot sign")
    assert found.verdict == "allow", found.reasons


@pytest.mark.parametrize("text", [
    "Appelle-moi au 221 76 512 33 08 quand tu arrives à Thiès",
    "Mon numéro camerounais : 237 6 91 22 48 73",
    "Ring me on 44 7700 900456 when you land",
])
def test_a_country_code_without_plus_before_a_mobile_is_a_phone(rules, text):
    found = rules.check(text)
    assert found.verdict == "mask" and "[phone]" in found.text, found.text


@pytest.mark.parametrize("text", [
    "My cell is (212) 555-0163, ring when you're out front",
    "Call me at 212 555 0163",
])
def test_a_north_american_area_code_that_is_also_a_country_code_is_still_read(rules, text):
    found = rules.check(text)
    assert found.verdict == "mask" and "[phone]" in found.text, found.text


def test_a_country_code_before_a_number_of_the_wrong_length_is_no_phone(rules):
    found = rules.check("Résultat du match : 221 à 76 51 points, puis 33 08")
    assert found.verdict == "allow", found.reasons


def test_a_card_in_two_halves_with_its_expiry_is_masked(rules):
    found = rules.check("first half 4539 1488 then second half 0343 6467, cvv after")
    assert found.verdict == "mask" and found.text.count("[card]") == 2, found.text


def test_two_eight_digit_references_without_card_words_stay(rules):
    found = rules.check("Booking 45391488 and 03436467 both confirmed for Friday")
    assert found.verdict == "allow", found.reasons


# Short praise with a degree word, each flagged as an insult by the model before round 65's
# written lines (`written/round65_praise.jsonl`, none of these in it).
@pytest.mark.parametrize("text", [
    "you're very talented", "Tu es très drôle", "You are very generous", "you're very helpful",
    "Tu es très gentille", "you are really kind", "Tu es très patient", "You're so sweet",
])
def test_short_praise_with_a_degree_word_passes(moderator, text):
    found = moderator.check(text)
    assert found.verdict == "allow", found.reasons


@pytest.mark.parametrize("text", ["t'es très con", "you are so useless"])
def test_the_same_frame_with_an_insult_is_still_reviewed(moderator, text):
    found = moderator.check(text)
    assert found.verdict == "review" and found.categories == {"insult"}, found.reasons
