"""Round 52: the misses read on blind50 (trained on since blind51 landed) once blind51 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations

import pytest


def test_an_account_named_to_talk_about_the_ride_there_is_no_advert(rules):
    found = rules.check("Regarde mon TikTok @sam_roule, on se parle là-bas pour le covoit")
    assert found.verdict == "review" and found.categories == {"off_platform"}, found.reasons


def test_an_advert_for_an_account_is_still_spam(rules):
    found = rules.check("Va voir mon TikTok @deals_ju, promos tous les jours 🔥")
    assert "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Un passager me propose de réserver en direct la prochaine fois, sans l'appli. Je préfère "
        "vous prévenir.",
        "Pour le justificatif de trajet, merci de l'envoyer à paie@transports-roux.fr",
    ],
)
def test_a_reported_proposal_and_a_document_sent_are_no_proposal(rules, text):
    found = rules.check(text)
    assert "off_platform" not in found.categories, found.reasons


def test_a_member_added_to_a_group_who_left_it_makes_no_proposal(moderator):
    found = moderator.check("On m'a ajoutée à un groupe Telegram « bons plans trajets » sans me "
                            "demander, j'en suis sortie direct.")
    assert found.verdict == "allow", found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Ticket de parking perdu, c'était le 0061 4473 2210 8859, ils veulent 30 €",
        "Carte de fidélité 6333 0018 7726 5419 refusée à la station, j'ai payé plein pot",
    ],
)
def test_a_tickets_and_a_loyalty_cards_numbers_are_no_personal_data(rules, text):
    found = rules.check(text)
    assert "pii" not in found.categories, found.reasons


def test_a_dyke_path_is_no_slur(rules):
    found = rules.check("Meet me by the dyke path behind the pumping station")
    assert "insult" not in found.categories, found.reasons
