"""Round 41: the generic kinds of misses read on blind39 (trained on since blind40 landed) once
blind40 had been measured to judge them, each written again in other words, next to look-alikes
that keep their verdict."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Dégage ou je vais te péter ta gueule devant tout le monde",
        "Get out of my car, you lazy slag",
        "Les meufs au volant, ce sont toutes des débiles",
        "Jolie robe, j'aimerais bien savoir ce qu'il y a dessous 😏",
    ],
)
def test_a_threat_a_slag_a_sex_called_fools_and_a_skirt_remark_are_blocked(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "The old slag heaps above the valley are a nature reserve now",
        "Shut up!!! You got the job?? So proud of you",
        "Il n'arrêtait pas de dire que les femmes au volant c'est des connes, j'ai signalé",
    ],
)
def test_a_slag_heap_delight_and_a_report_are_no_insult(rules, text):
    assert "insult" not in rules.check(text).categories, rules.check(text).reasons


def test_the_app_we_may_not_name_survives_a_sceptical_model(sceptic):
    found = sceptic.check("Rdv sur l'appli qu'on ne peut pas citer ici, celle en S 😉", "fr")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


def test_someone_elses_favourite_apps_are_no_proposal(rules):
    found = rules.check("Ma fille passe ses soirées sur Snapchat et Discord, je n'y comprends rien")
    assert "off_platform" not in found.categories, found.reasons
