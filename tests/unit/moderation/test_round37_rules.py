"""Round 37 rules: the generic kinds of misses read on blind35 once blind36 had been measured to
judge them, each written again in other words, next to look-alikes that keep their verdict."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Touch my booking again and I'll track down your van and torch it",
        "Retard didn't even read the pickup point",
    ],
)
def test_a_threat_to_a_car_and_an_opening_slur_are_blocked_by_the_rules(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Niaiseuse d'épaisse, c'était au coin de la rue",
        "t1 gogol, j'ai dit la gare routière",
    ],
)
def test_a_fool_called_a_fool_and_sms_you_are_are_reviewed(moderator, text):
    found = moderator.check(text)
    assert found.verdict == "review" and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Je prends le T1 jusqu'à la gare, tu es un ange",
        "Un con de voisin a encore bloqué le portail ce matin",
        "Retard on the northern line again, I'll be ten minutes late",
    ],
)
def test_a_tram_a_neighbour_sworn_at_and_a_delay_pass(moderator, text):
    assert "insult" not in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Book one seat on here and pay for your mate in the car, no one checks",
        "Pour le cash, tu m'appelles la veille",
    ],
)
def test_paying_in_the_car_and_for_the_cash_are_found_by_the_rules(rules, text):
    assert "off_platform" in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Madame, je vous serais obligé de me payer en numéraire lors du départ.",
        "Mon WhatsApp commence par 06 12 et la suite au prochain message pour que l'appli ne le "
        "cache pas\n34 56 78",
    ],
)
def test_cash_in_numeraire_and_a_whatsapp_number_survive_a_sceptical_model(sceptic, text):
    found = sceptic.check(text, "fr")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Je ne comprends pas : on paie dans la voiture ou dans l'application ?",
        "Je décline votre proposition d'un règlement en numéraire, je paierai via l'application.",
        "My WhatsApp is down since the update, call me on 07700 900 734 instead",
    ],
)
def test_a_question_a_refusal_and_an_app_that_is_down_are_no_proposal(moderator, text):
    assert "off_platform" not in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Mon nouvel album est sorti 🎶 streamez-le sur Deezer et partagez à vos passagers",
        "Bien fourni pour le festival, discret, demande gentiment 🌿",
    ],
)
def test_a_record_to_stream_and_discreet_stock_are_blocked(moderator, text):
    found = moderator.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_son_who_can_share_the_ride_is_no_promotion(moderator):
    found = moderator.check("My son's school is near the stadium, he can share the ride on Fridays")
    assert "spam" not in found.categories, found.reasons


def test_a_member_locked_out_of_an_account_is_not_spam(moderator):
    found = moderator.check(
        "Dear team, I am writing on behalf of my uncle. His registered email is "
        "k.subramanian1960@rediffmail.com and he is unable to log in since the update. Kindly "
        "reset the password and do the needful.")
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons
