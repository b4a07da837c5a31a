"""Round 36 rules: the generic kinds of misses read on blind34 once blind35 had been measured to
judge them, each written again in other words, next to look-alikes that keep their verdict."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "T'es qu'un abruti de mes deux, rends-moi ma place",
        "Saga sa ndey, ta voiture sent le poisson",
        "Envoie-moi une photo sans le haut et le trajet est gratuit 😘",
        "send me a lingerie pic and the fare's on me x",
    ],
)
def test_insults_and_harassment_are_blocked_by_the_rules(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


def test_a_donut_said_to_someone_is_reviewed_by_the_rules(rules):
    found = rules.check("ur such a d0nut, the pier is the other way")
    assert found.verdict == "review", found.reasons


def test_a_donut_is_reviewed_not_blocked(moderator):
    found = moderator.check("Learn to drive, you donut, you nearly took my wing mirror off")
    assert found.verdict == "review", found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Je vais te démonter à la pétanque dimanche, prépare tes boules",
        "My phone is being an absolute dickhead today, keeps freezing",
        "PSA for the hill group: if anyone asks you to pay via PayPal friends and family, it's a "
        "scam, don't do it",
    ],
)
def test_a_game_a_thing_sworn_at_and_a_warning_pass(moderator, text):
    assert moderator.check(text).verdict == "allow", moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Une fois à Lyon je te file mon 07 et on vire l'appli",
        "Tape « cryptomax » sur Google, moi j'ai remboursé mon crédit en trois mois avec",
    ],
)
def test_dropping_the_app_and_a_name_to_google_are_found_by_the_rules(rules, text):
    assert rules.check(text).verdict in ("review", "block"), rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "WhatsApp est bloqué au bureau, donc on garde cette messagerie, pas de souci",
        "Put me on the volunteer list pls: hamish [at] mcleod-productions [dot] co [dot] uk",
    ],
)
def test_staying_here_and_an_address_for_a_list_are_no_proposal(moderator, text):
    assert "off_platform" not in moderator.check(text).categories, moderator.check(text).reasons


def test_keeping_the_app_out_of_it_stays_a_proposal(moderator):
    found = moderator.check("Let's keep the app out of it this time, eh? I'll sort you out at "
                            "the gate.")
    assert "off_platform" in found.categories, found.reasons
