"""Round 45: the misses read on blind43 (trained on since blind44 landed) once blind44 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations

import pytest


def test_extras_asked_on_a_trip_with_a_wink_are_blocked(rules):
    found = rules.check("You do any extras on the long drives? I tip well, if you know what I mean")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Le limiteur, quel crétin, il bipe à chaque descente",
        "Des extras pour le mariage : il nous faut deux serveurs samedi",
    ],
)
def test_a_thing_called_names_and_wedding_extras_are_no_insult(rules, text):
    found = rules.check(text)
    assert "insult" not in found.categories, found.reasons


def test_a_driver_called_names_is_still_an_insult(rules):
    found = rules.check("Le conducteur, quel crétin, il a grillé le feu")
    assert "insult" in found.categories, found.reasons


def test_whatsapp_as_wats_before_a_number_is_reviewed(rules):
    found = rules.check("my wats is 07700 900 461 if the app plays up")
    assert found.verdict == "review" and {"off_platform", "pii"} <= found.categories


@pytest.mark.parametrize(
    "text",
    [
        "Je fais une conversation Signal avec les parents du club, du coup plus besoin de la "
        "plateforme",
        "Bung me the tenner on Revolut when you're home",
    ],
)
def test_the_app_no_longer_needed_and_money_bunged_on_an_app_are_reviewed(rules, text):
    found = rules.check(text)
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Revolut m'a gelé le compte hier, je paierai le trajet par la carte de ma sœur dans "
        "l'appli",
        "BE71 0961 2345 6769 pour le remboursement, je vous envoie le reste du dossier demain",
    ],
)
def test_a_blocked_account_and_the_rest_of_a_file_are_no_proposal(rules, text):
    found = rules.check(text)
    assert "off_platform" not in found.categories, found.reasons


def test_money_sent_to_my_paypal_is_still_reviewed(rules):
    found = rules.check("PayPal me the fare tonight, it's quicker")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


def test_goods_sold_delivered_and_ordered_by_message_are_spam(rules):
    found = rules.check("Je vends du miel de lavande, livraison chez vous, écrivez-moi pour "
                        "commander")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_an_order_delivered_to_a_member_is_no_sale(rules):
    found = rules.check("Ma commande a été livrée chez ma voisine, on passe la chercher avant ?")
    assert "spam" not in found.categories, found.reasons
