"""Round 48: the misses read on blind46 (trained on since blind47 landed) once blind47 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Ce salaud de rétro s'est encore décalé, je vois rien à droite",
        "The pay machine is a total arsehole, no contactless at all",
        "Ça va chier samedi au derby, je te prends à 14h",
        "Demandez Monsieur Connard à l'accueil, c'est lui qui a vos clés",
        "The dog's a bitch btw, her name's Pepper, very chilled",
        "Life is such a bitch sometimes, the ferry's cancelled again",
    ],
)
def test_a_thing_an_idiom_a_surname_and_a_dog_are_no_insult(rules, text):
    found = rules.check(text)
    assert "insult" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Your dog's a bitch and so are you",
        "Ça va chier pour ta gueule si tu recommences",
    ],
)
def test_the_same_words_aimed_stay_insults(rules, text):
    found = rules.check(text)
    assert "insult" in found.categories, found.reasons


def test_two_messengers_offered_whichever_suits_are_reviewed(rules):
    found = rules.check("IMO ou Viber, à toi de voir, je rentre au pays lundi")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


def test_a_member_reporting_a_proposal_to_pay_around_the_app_is_no_proposal(rules):
    found = rules.check("Capture jointe : elle me propose de payer par PayPal « comme ça pas de "
                        "frais ». Pas d'accord, je voulais juste vous prévenir.")
    assert "off_platform" not in found.categories, found.reasons


def test_a_singapore_hp_number_is_masked(rules):
    found = rules.check("My HP number is 9123 4567, can update my account?")
    assert "pii" in found.categories and "9123" not in found.text, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Want some passive income? Not a scam I swear. Google 'drivers income club' and ask for me",
        "Vous avez été sélectionné pour une prime énergie de 300 €, répondez avant lundi",
    ],
)
def test_a_scam_saying_it_is_none_and_a_rebate_won_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_member_who_calls_it_a_scam_still_reports_it(rules):
    found = rules.check("Someone sent me 'easy money from home, look up drivers income club', "
                        "it's a scam, reporting it")
    assert "spam" not in found.categories, found.reasons


def test_a_contemptuous_word_before_a_mild_noun_is_reviewed(rules):
    found = rules.check("Always late and never sorry, you gutless twit")
    assert found.verdict == "review" and "insult" in found.categories, found.reasons


def test_speech_to_text_before_a_number_is_no_proposal(rules):
    found = rules.check("speech text sorry, my number is 07700 900 461, ring me at the gate")
    assert "off_platform" not in found.categories, found.reasons
