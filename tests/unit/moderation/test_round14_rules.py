"""Round 14 rules: the generic kinds of misses read on blind12 once blind13 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "On ne prend pas de travelos dans ma voiture, merci",
        "Not stopping at that lay-by, it's full of pikeys",
        "Encore un Zigeuner qui mendie au péage",
        "You're a right knobhead, the meeting point was the station",
        "Sale enflure, rends-moi mes vingt euros",
        "You lot are all criminals, every one of you",
        "Shame if something happened to your car tonight, lovely paintwork",
    ],
)
def test_slurs_refusals_and_a_mobsters_threat_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Un passager a qualifié mon fils de « mongol », je le signale",
        "Knobhead move on my part, I booked the wrong Sunday",
        "You lot are all welcome at the barbecue after the match",
        "It'd be a shame if the rain spoils the picnic at Ashdown",
        "Abeg, that driver dey call me 'ashawo' since morning, help me",
        "The driver scolded me 'stupid' for being two minutes late, is that allowed?",
        "The satnav's being a proper dickhead today, it wants a ford",
    ],
)
def test_reports_well_wishes_and_a_machine_called_names_are_no_insults(rules, text):
    assert "insult" not in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Je préfère Telegram, je t'y écris ce soir pour l'adresse",
        "I'm on Instagram as jo.m.rides, message me there about Friday",
        "My cashtag's on my profile, send it before the trip",
        "Nothing to pay on the app, but a little something in an envelope for the driver, eh?",
    ],
)
def test_a_channel_preferred_or_pointed_to_a_cashtag_and_an_envelope_are_proposals(rules, text):
    found = rules.check(text)
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Lydia, c'est le prénom de ma sœur, elle vient aussi samedi",
        "Je préfère le train au bus pour Rennes",
    ],
)
def test_a_first_name_and_a_preferred_train_are_no_proposals(rules, text):
    assert "off_platform" not in rules.check(text).categories


def test_a_scam_link_a_member_did_not_click_is_reported_not_spam(rules):
    found = rules.check("A member sent me a link promising 5k a month in crypto, I didn't click")
    assert "spam" not in found.categories, found.reasons


def test_an_address_at_googles_mail_described_is_masked(rules):
    found = rules.check("C'est leaprevost tout attaché, chez le mail de Google, point com")
    assert "pii" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Super trajet hier\nAvec toi c'est toujours calme\nLa prochaine fois je conduis\n"
        "On se revoit à Noël\nPrends soin de toi\nEt merci encore",
        "Thanks for the lift\nWish you a good week\nAnd the music was great\nTruly",
        "merci pour rien ʇɐʍʇ ssǝlǝsn",
        "T'es qu'une etup, lis-le à l'envers",
    ],
)
def test_an_insult_in_an_acrostic_upside_down_or_read_backwards_is_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and any(
        reason.rule == "insult.hidden" for reason in found.reasons), found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Bring snacks\nAsk the driver\nLeave at nine\nLunch at noon",
        "J'ai mis mon pull à l'envers, on part à 8 h",
        "ǝɯ ʇɐ ɔɐɹ ǝɥʇ ʇɐ ʎɐp ǝɔᴉu",
        "Read it backwards: level, kayak, noon",
    ],
)
def test_lines_a_pullover_inside_out_and_a_friendly_upside_down_line_stay(rules, text):
    assert not any(r.rule == "insult.hidden" for r in rules.check(text).reasons)
