"""Round 20 rules: the generic kinds of misses read on blind18 once blind19 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Tickets for tonight half price at w w w . cheap-gigs-uk . shop",
        "Gros bonus de bienvenue sur gains-rapides-afrique.com, fonce",
    ],
)
def test_a_link_whose_host_pitches_itself_is_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam.bait_link" in {r.rule for r in found.reasons}


@pytest.mark.parametrize(
    "text",
    [
        "got a text with cheap-gigs-uk.shop in it, is it legit?",
        "the tide times are on tidetimes.org.uk, we leave at 3",
        "pay me on cash.app/$JonRides instead",
    ],
)
def test_a_link_asked_about_or_named_plainly_is_not_blocked_as_bait(rules, text):
    assert "spam.bait_link" not in {r.rule for r in rules.check(text).reasons}


def test_an_amex_number_in_two_parts_is_masked(rules):
    found = rules.check("Amex on the booking, first part 3782 822463 and the rest is 10005")
    assert [r.rule for r in found.reasons] == ["pii.card", "pii.card"], found.reasons


def test_a_reference_of_the_same_shape_is_no_card(rules):
    assert "pii" not in rules.check("card table 3782 822463 and then 10006 chairs").categories


@pytest.mark.parametrize(
    "text",
    [
        "Klaxonne encore une fois et je te jette dans la rivière, toi et ta trottinette",
        "One more word and I'll chuck you in the canal, mate",
        "Ta mère la tchoin, tu m'as laissé sur le parking",
    ],
)
def test_threats_of_water_and_a_mother_called_a_whore_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_quebec_shut_up_is_reviewed_not_blocked(moderator):
    assert moderator.check("Farme ta yeule pis roule").verdict == "review"


@pytest.mark.parametrize(
    "text",
    [
        "A passenger told the driver to piss off over the aircon, the driver stayed calm",
        "Bringing my springer spaniel bitch, she's six and sleeps all the way",
        "Cookery night does faggots, haslet and pork pies, can we leave after?",
        "Put the doos with the glasses on top please, it's fragile",
    ],
)
def test_reported_words_dogs_dishes_and_a_box_are_no_insults(moderator, text):
    assert "insult" not in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Fais-moi un Wave de 4 000 F stp, je suis à court pour l'essence",
        "Appelle pas, fais-moi Telegram plutôt",
    ],
)
def test_a_transfer_asked_on_a_payment_app_and_a_channel_asked_for_are_proposals(rules, text):
    found = rules.check(text)
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


def test_a_warning_about_a_fake_profile_is_no_proposal_nor_spam(rules):
    text = "Attention, un faux profil demande de payer par Western Union, ici on paie dans l'appli"
    assert rules.check(text).categories.isdisjoint({"off_platform", "spam"})


@pytest.mark.parametrize(
    "text",
    [
        "Your pickup is here: pickup-check.net/r/88 — login with your Entraide details to see "
        "the driver",
        "J'ai doublé mon salaire avec une appli d'investissement, tape son nom dans ton navigateur",
        "Vos vieux bijoux en or ? Je rachète cash, meilleur prix du quartier",
    ],
)
def test_a_login_after_a_link_a_doubled_salary_and_gold_bought_are_spam(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_data_given_on_a_list_or_written_down_is_masked_not_reviewed(moderator):
    for text in ("Write it down: aoife dot brennan at eircom dot net",
                 "Inscrit au séminaire sous paul.girard@univ-lyon2.fr, c'est moi sur la liste"):
        found = moderator.check(text)
        assert found.verdict == "mask", (text, found.reasons)
