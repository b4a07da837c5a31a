"""Round 34 rules: the generic kinds of misses read on blind32 once blind33 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Toi t'es une bordelle, tu as encore annulé à la dernière minute",
        "Yuh a real batty bwoy fi true, mi nah drive yuh again",
        "Away and bile yer heid, ye knobheed, the ferry's gone",
        "Sit down you mouthy slag, nobody wants your music",
        "Envoie une photo de toi en bikini avant qu'on parte à la plage 😏",
    ],
)
def test_insults_and_harassment_are_blocked_by_the_rules(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


def test_arabic_you_dog_after_a_milder_word_is_blocked(moderator):
    found = moderator.check("Ya hmar, ya kelb, t'as cassé mon rétro en te garant", "fr")
    assert found.verdict == "block", found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "T'es ben nono, le traversier part de Lévis",
        "ur sooo stoopid, the ferry's from Dover",
    ],
)
def test_mild_insults_are_reviewed_by_the_rules(rules, text):
    assert rules.check(text).verdict == "review", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "On doit payer le péage en espèces à Saint-Arnoult, t'as de la monnaie ?",
        "Bell End is a lovely village, we stop at the pub there",
        "The view from the tower was drop-dead gorgeous, worth the climb",
        "My lurcher's a bitch, very gentle, she'll lie in the footwell",
        "Bumboclaat, di rain a come down again! Mi under di bus stop",
        "Ma fille va voir les Enfoirés à Lille, je la récupère à minuit",
    ],
)
def test_a_toll_a_village_an_idiom_a_dog_an_oath_and_a_show_pass(moderator, text):
    assert moderator.check(text).verdict == "allow", moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Pour la suite passez par mon numéro, je réponds plus vite",
        "Pour le Lydia, mon numéro est celui de mon profil",
    ],
)
def test_the_rest_by_mail_and_a_pay_app_number_are_proposals(rules, text):
    assert "off_platform" in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Moins 8 kg en un mois avec mon programme minceur, -40 % ce week-end 🔥",
        "J'ai triplé mon capital par 3 en un mois, demande-moi comment 🚀",
    ],
)
def test_slimming_and_money_multiplied_are_spam(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Bloodclaat, yuh tief mi money and lef mi at di gas station",
        "Your dog's a bitch and so are you",
    ],
)
def test_an_oath_aimed_and_a_dog_used_to_insult_stay_blocked(moderator, text):
    assert moderator.check(text).verdict == "block", moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "J'ai perdu 5 kg avec mon programme de rééducation, le kiné est top",
        "For the parcel, no need to list it on the app, it's tiny",
    ],
)
def test_look_alikes_stay_clean(moderator, text):
    assert moderator.check(text).verdict == "allow", moderator.check(text).reasons
