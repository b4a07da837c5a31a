"""Round 33 rules: the generic kinds of misses read on blind31 once blind32 had been measured to
judge them, and a few more over every read batch, each written again in other words, next to
look-alikes that must stay as they are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "fuk off with your 5 star reviews",
        "Tabarnak de calisse de niaiseux, t'es parti sans moi au Carnaval",
        "Doomu xaraam, tu m'as laissé à Thiès avec mes bagages",
        "T'es juste un enfant de chienne, rends-moi mon 20 piastres",
        "Stupid retard parked across the whole drop-off bay",
        "Nice van. Be a shame if someone scratched it in the ferry queue.",
    ],
)
def test_insults_and_threats_are_blocked_by_the_rules(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Vous conduisez comme un abruti, ma mère a eu peur tout le long",
        "T'es ben niaiseux, la cabane à sucre c'est à Saint-Eustache",
    ],
)
def test_mild_insults_are_reviewed_by_the_rules(rules, text):
    assert rules.check(text).verdict == "review", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Je t'éclate au mölkky quand tu veux, ramène les quilles",
        "On met NTM dans la voiture ? Mon fils adore",
        "Boudu con, quelle chaleur à Auch, et la clim qui lâche en plus.",
        "Keep your pecker up, the ferry's only half an hour late",
        "Don't be daft, it's no trouble at all, I go past the station anyway.",
        "The man behind me kept calling the driver a p*ki all the way to Leeds, please deal with "
        "it",
        "Dear driver, I should be most grateful if you could collect me at the front of the "
        "station. Kind regards, Mrs Patel",
    ],
)
def test_games_a_band_idioms_a_report_and_a_formal_request_pass(moderator, text):
    assert moderator.check(text).verdict == "allow", moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "No WhatsApp, no cash, nothing outside the app, that's how I work",
        "I tried to pay with Orange Money inside the app but it failed, should I use my card "
        "instead?",
        "A guy on the local forum sells seats if you pay upfront by transfer. Sounds like a scam.",
    ],
)
def test_staying_in_the_app_and_a_warning_are_no_proposal(moderator, text):
    assert "off_platform" not in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Je n'accepte pas les paiements de l'application, virement ou rien",
        "En liquide au départ, c'est mieux, non ?",
        "Je rentre de mission le 3, on cale le trajet Nantes–Rennes par Signal ?",
        "Tu débites ma carte sur ton terminal, pas via l'appli : 4970 1012 … je te donne la fin "
        "après",
    ],
)
def test_ways_around_the_app_are_reviewed_even_when_the_model_disagrees(moderator, text):
    assert "off_platform" in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Anyone want a job lot of vinyl? £25 the lot, pick up at the car boot",
        "Get your driving licence without taking the test, genuine and registered",
    ],
)
def test_sales_are_blocked_by_the_rules(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


def test_signal_said_easiest_is_a_channel_for_the_rules(rules):
    found = rules.check("Signal is easiest for me, same name as here")
    assert "off_platform" in found.categories, found.reasons



@pytest.mark.parametrize(
    "text",
    [
        "can you send the booking confirmation to mia.cho88@gmail.com please",
        "Le numéro de ma tante à Zahlé : 03 527 614, elle t'ouvrira le portail",
    ],
)
def test_data_given_without_a_proposal_is_masked(moderator, text):
    found = moderator.check(text)
    assert found.categories == {"pii"}, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Accidents happen, don't worry about the scratch on the bumper",
        "Mon fils dit que le signal est faible par ici, on se retrouve au rond-point",
        "Bring a helmet for the cycle bit, the route goes past the quarry",
    ],
)
def test_look_alikes_stay_clean(moderator, text):
    assert moderator.check(text).verdict == "allow", moderator.check(text).reasons
