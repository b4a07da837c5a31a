"""Round 25 rules: the generic kinds of misses read on blind23 once blind24 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest

from tests.unit.moderation.verdicts import rule_names as _kinds


@pytest.mark.parametrize(
    "text",
    [
        "Book via the link: cal.studio/anna-driver, first come first served",
        "Rejoins la visio : visio.jit.si/reunion-parents",
    ],
)
def test_a_link_under_any_country_code_or_newer_ending_is_held_for_review(rules, text):
    assert "spam.link" in _kinds(rules.check(text)), rules.check(text).reasons


def test_times_with_a_slash_are_no_link(rules):
    for text in ("Meet at 7.45/8 at the bus stop", "rdv 7.30/8h devant la gare"):
        assert rules.check(text).verdict == "allow", text


def test_an_address_joined_by_pluses_is_masked(rules):
    found = rules.check("it's sam.rees + at + outlook + .com, stick them together")
    assert "pii" in found.categories, found.reasons


def test_sums_next_to_an_at_sign_are_no_address(rules):
    found = rules.check("Trajet 12 € + péage 4 € = 16 €, rendez-vous à la gare @ 8h")
    assert "pii" not in found.categories, found.reasons


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Espèce de mwana ya mbwa, rends-moi mon sac !", "insult.strong"),
        ("Mab gast, you made me miss the ferry.", "insult.strong"),
        ("You utter fuckwit, the airport's the other way.", "insult.strong"),
        ("T'es vraiment un bobet, t'as pris la mauvaise sortie.", "insult.mild"),
        ("Si je te revois au péage je t'explose la gueule.", "insult.threat"),
        ("Your parents should have drowned you at birth.", "insult.threat"),
        ("Vous êtes une belle ordure, madame.", "insult.strong"),
    ],
)
def test_insults_in_more_words_and_threats_of_harm_are_found_by_the_rules(rules, text, kind):
    assert kind in _kinds(rules.check(text)), rules.check(text).reasons


def test_knew_you_were_is_aimed_at_the_reader(rules):
    assert rules.check("Knew you were a prick the minute you got in.").verdict == "block"


@pytest.mark.parametrize(
    "text",
    [
        'A passenger called the driver a "useless cow" and she just kept driving, thought you '
        "should know.",
        "Our bitch Nell won the novice sheepdog trial today, she's asleep in her crate now.",
        "Vous êtes une belle personne, merci pour le trajet.",
    ],
)
def test_a_member_called_names_by_someone_else_a_sheepdog_and_a_compliment_pass(moderator, text):
    assert moderator.check(text).verdict == "allow", moderator.check(text).reasons


def test_an_insult_beside_an_unrelated_call_to_the_driver_is_still_blocked(moderator):
    found = moderator.check("You're a prick. The guy in the back called the driver for help.")
    assert found.verdict == "block", found.reasons


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Kindly do Revolut direct to me after the ride, sir.", "off_platform.pay.direct"),
        ("Paie-le en direct, c'est mon frère qui fait le trajet, 15 €.",
         "off_platform.pay.direct"),
        ("Le prix on en parle en personne, pas ici 😉", "off_platform.pay.direct"),
        ("Paie-moi en billets, pas en « application ».", "off_platform.pay.direct"),
        ("Ou pé pèye amoin an kès, lé plis simp.", "off_platform.pay.foreign"),
        ("Same username as here on the yellow ghost app, add me.", "off_platform.channel.same"),
    ],
)
def test_paying_direct_in_person_or_in_creole_and_the_same_handle_are_proposals(
        rules, text, kind):
    assert kind in _kinds(rules.check(text)), rules.check(text).reasons


def test_a_handle_asked_about_and_paying_in_the_app_are_no_proposal(moderator):
    for text in ("Même pseudo qu'ici ? Non, j'ai changé de photo de profil seulement.",
                 "Paie-moi dans l'appli, c'est plus simple."):
        assert "off_platform" not in moderator.check(text).categories, text


@pytest.mark.parametrize(
    "text",
    [
        "Check out my new EP: bandcamp.com/hollowpines 🎸",
        "Made 5x on a new memecoin last month, happy to show you how.",
        "Lost 8kg in six weeks with these shakes, ask me how!",
        "Qui veut des produits Herbalife ? Demande-moi !",
        "my cousin sells herbal stuff, hit me up for the weekend",
    ],
)
def test_self_promotion_coins_results_to_ask_about_and_herbs_for_sale_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_story_to_ask_about_is_no_spam(rules):
    found = rules.check("I wrote my essay on how I lost 8kg, ask me how it went lol")
    assert "spam" not in found.categories, found.reasons
