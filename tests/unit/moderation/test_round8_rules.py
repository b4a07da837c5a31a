"""Round 8 rules (rules only): the generic kinds of misses read on blind6 once blind7 had been
measured to judge them, each written again in other words, next to clean look-alikes that must
stay clean."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # an arrangement sold as simpler or cheaper than booking here, or as sparing it
        "Mon frère vous appellera, ce sera bien plus pratique que de réserver sur l'appli.",
        "On s'arrange entre nous, c'est moins cher que de passer par le site.",
        "Let's just sort it between us, way cheaper than booking through the app.",
        "My cousin will phone you about a weekly deal, easier than booking each time.",
        "Ça t'évitera de réserver chaque vendredi, on fait ça à l'année.",
        "A standing arrangement would save you booking every week.",
    ],
)
def test_booking_around_the_platform_is_reviewed(rules, text):
    found = rules.check(text)
    assert "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "C'est plus simple que de réserver un taxi à 5 h du matin.",
        "Honestly easier than booking a hotel for one night.",
        "Réserver ici, c'est plus simple que je le pensais.",
        "Tu veux que je te réserve une place pour samedi ?",
    ],
)
def test_booking_look_alikes_stay_clean(rules, text):
    found = rules.check(text)
    assert "off_platform" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Je fais un peu de trading avec mon cousin, ça rapporte 15 % par mois, ça te dit ?",
        "Sorry wrong number! Do you know crypto? It earns 25% a week for my aunt.",
        "Le bitcoin, chez moi ça rend 10 par jour, je t'explique en privé",
    ],
)
def test_trading_that_pays_so_much_a_month_is_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Le trading me prend deux heures par jour, je serai en retard",
        "My brother works in crypto, he makes 3 trips a week to Lyon",
    ],
)
def test_trading_look_alikes_stay_clean(rules, text):
    assert rules.check(text).verdict == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Écoute crétin, la sortie c'était à droite.",
        "Listen idiot, the pickup is at gate B.",
        "Bouge, abruti, tu bloques la voie.",
        "Eh imbécile, tu as oublié mon sac.",
    ],
)
def test_a_mild_insult_after_an_interjection_is_reviewed(rules, text):
    found = rules.check(text)
    assert found.verdict == "review" and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Écoute le crétin de la radio, il dit n'importe quoi sur les bouchons.",
        "Listen, the idiot light on my dashboard is on again.",
        # paying shipping ("frais de port"), a place
        "Je préfère venir chercher le meuble que payer les fdp, ils coûtent plus cher que lui.",
        "Tu rembourses les fdp ou c'est moi ?",
        "We walked a stretch of Offa's Dyke last summer, the car park is at Knighton.",
    ],
)
def test_insult_look_alikes_stay_clean(rules, text):
    found = rules.check(text)
    assert "insult" not in found.categories, found.reasons


def test_an_iban_that_fails_its_check_is_no_card_number_either(rules):
    # Sixteen of its digits, from the check digits on, pass the Luhn check.
    text = "Le vendeur m'a donné DE53 5578 9342 5848 1883 53, ma banque dit qu'il est invalide."
    assert rules.check(text).verdict == "allow"
    assert rules.check("ma carte : 5355 7893 4258 4818").verdict == "mask"


@pytest.mark.parametrize(
    "text",
    [
        # what a member received, quoted right after the verb: a report, not an insult
        "Bonjour, j'ai reçu « sale connard » après avoir annulé, vous pouvez faire quelque chose ?",
        "He sent me: \"you're a dead man\". What do I do?",
        "Someone replied \"go kill yourself\" when I asked for a refund.",
        "Un conducteur m'a lancé « pauvre conne » sur le parking.",
    ],
)
def test_abuse_quoted_right_after_it_was_received_is_a_report(rules, text):
    found = rules.check(text)
    assert "insult" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "j'ai reçu ton message, connard, et je m'en fiche",
        "I got your text, you absolute prick",
        "Replied to you already, you stupid cow",
    ],
)
def test_a_received_message_answered_with_an_insult_is_still_one(rules, text):
    found = rules.check(text)
    assert "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "J'ai fait un virement pour recharger mon wallet, il n'apparaît toujours pas.",
        "Can I top up my wallet by bank transfer and pay the seat from the balance?",
        "Left my wallet at home, I'll pay through the app when I'm back.",
    ],
)
def test_the_platforms_wallet_is_no_scam(rules, text):
    assert "spam" not in rules.check(text).categories


def test_a_crypto_wallet_asked_for_is_still_a_scam(rules):
    found = rules.check("envoie 0.002 BTC sur mon crypto wallet pour confirmer la place")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons
