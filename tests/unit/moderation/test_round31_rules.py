"""Round 31 rules: the generic kinds of misses read on blind29 once blind30 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Quel abruti je fais, j'ai mis la gare de Perrache au lieu de Part-Dieu",
        "sure you're grand",
        "The lad in the front mumbled p*ki at me as I got out, I don't feel safe",
        "Picnic at Devil's Dyke first, then we drive on to Lewes",
        "Au retour on longe la Baïse, route étroite mais très jolie",
        "shag pile carpet offcuts in the back, mind your feet",
        "if you need to text me, use the app chat, I'm on a night shift",
        "Screenshotted it, reporting them: a driver kept pushing a forex scheme with guaranteed "
        "returns",
        "my email is kofi.mensah22@yahoo.co.uk, could you send me the receipt there",
    ],
)
def test_self_blame_a_slur_reported_places_a_carpet_and_a_receipt_pass(moderator, text):
    found = moderator.check(text)
    assert found.verdict in ("allow", "mask"), found.reasons
    assert found.categories <= {"pii"}, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Typical bloody Poles, parked across two spaces again",
        "Move your bags you thick Paddy",
        "You're nothing but a pathetic c-word, everyone in the car agreed",
        "🖕 bye then, enjoy the bus, loser",
        "see tinyurl . com / rides-4-u for free ride credits",
        "Not spam I swear, my cousin's lash business, she does full sets for £30, look up Lashes "
        "by Tay",
    ],
)
def test_hate_the_c_word_a_middle_finger_and_adverts_are_blocked(moderator, text):
    assert moderator.check(text).verdict == "block", moderator.check(text).reasons


def test_an_advert_opening_on_a_flash_sale_is_blocked_by_the_rules(rules):
    found = rules.check("Promo spéciale ! Nice–Monaco 3 € l'aller, écrivez-moi")
    assert found.verdict == "block", found.reasons


def test_the_green_app_is_a_messaging_app(rules):
    found = rules.check("message me on the green app, I'll be quicker there")
    assert "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Thank you Paddy, the lift was perfect",
        "He hissed something at me but I didn't catch it, all fine otherwise",
        "The bus took ages, there was a flash sale at the outlet so the car park was full",
    ],
)
def test_look_alikes_stay_clean(moderator, text):
    assert moderator.check(text).verdict == "allow", moderator.check(text).reasons


def test_a_middle_finger_leaves_a_reported_insult_alone(moderator):
    found = moderator.check("The driver gave me the 🖕 and called me a loser, please look into it")
    assert "insult" not in found.categories, found.reasons
