"""Round 32 rules: the generic kinds of misses read on blind30 (and over the read batches) once
blind31 had been measured to judge them, each written again in other words, next to
look-alikes that must stay as they are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Sauf votre respect, Monsieur, votre femme est une pauvre conne.",
        "Ya 3ars, t'as oublié mes valises à Tripoli",
        "what an @$$hole, left without me at the services",
    ],
)
def test_strong_insults_are_blocked(moderator, text):
    assert moderator.check(text).verdict == "block", moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Don't be such an idiot, the ferry leaves at 6 sharp",
        "T'es vraiment un gogol toi, le parking c'était de l'autre côté",
    ],
)
def test_mild_insults_are_reviewed_by_the_rules(rules, text):
    assert rules.check(text).verdict == "review", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "T'es rien qu'un ostie de menteur, tu m'as laissé à Lévis sous la pluie",
        "Move over you gutless bastard, that seat was booked",
    ],
)
def test_a_swear_or_a_contemptuous_word_before_the_noun_is_blocked_by_the_rules(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Ta remorque bloque l'entrée du cul-de-sac, recule un peu",
        "Mon fils chante avec les Enfoirés ce soir, je le dépose à Bercy",
        "Playlist du trajet : NTM et IAM, ça vous va ?",
    ],
)
def test_a_street_a_show_and_a_band_pass(moderator, text):
    assert moderator.check(text).verdict == "allow", moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Les espèces c'est mieux que l'appli, tu vois ce que je veux dire 😉",
    ],
)
def test_a_wink_about_paying_off_the_app_is_reviewed_not_blocked(moderator, text):
    found = moderator.check(text)
    assert found.verdict == "review", found.reasons
    assert found.categories == {"off_platform"}, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Les billets, franchement c'est mieux que l'appli",
        "Honestly Revolut is way easier than the app for this",
        "On en parle ailleurs, sur la verte 😏",
        "Sur Telegram cherche mon pseudo, on verra les détails",
        "Je vous propose que nous réglions le trajet de main à main à l'arrivée.",
    ],
)
def test_veiled_ways_around_the_app_are_found_by_the_rules(rules, text):
    assert "off_platform" in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "My receipt went to j.moreau@laposte.net by mistake, can you resend it to the app inbox "
        "instead?",
        "ma fac c'est r.singh, domaine cs.ucla.edu, mets l'arobase entre les deux",
        "Contact 99012 47863 for the pickup at Pune station",
    ],
)
def test_data_given_without_a_proposal_is_masked(moderator, text):
    found = moderator.check(text)
    assert found.categories <= {"pii"}, found.reasons
    assert "pii" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Selling homemade jam, 4 jars for £10, bulk discount for the office",
        "pour les forfaits tape bons-plans-ski point ch dans ton navigateur",
    ],
)
def test_sales_and_a_link_spelled_for_the_browser_are_spam(rules, text):
    assert "spam" in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Les billets de train c'est mieux que l'avion, tu vois ce que je veux dire ?",
        "Je te remets le colis de main à main à la gare",
        "Selling my bike next month, so this is my last trip with the rack",
        "It's at 1am, the ferry, so bring a blanket",
    ],
)
def test_look_alikes_stay_clean(moderator, text):
    assert moderator.check(text).verdict == "allow", moderator.check(text).reasons
