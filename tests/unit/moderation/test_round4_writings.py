"""Round 4 writings (rules only): the kinds of misses read on blind2 once it became a tuning
batch, each written again in other words, next to clean look-alikes that must stay clean."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "mets un @ à la place du # : karim.benali#gmail.com",
        "replace the hash: tom_h#outlook.com",
        "c'est moi : lea.durand, et après l'arobase c'est laposte.net",
        "username is sam.okafor, the provider part is yahoo.com",
        "ecris a marion point roux arobase proton point me",
        "Les cinq premiers chiffres : 06 41 2, la fin c'est 8 77 90",
        "Mon numéro commence par 07 52, et les six derniers chiffres sont 18 44 63",
        "Area code is 415, the rest is 555 0192",
        "first half 07811 4, second half 92 731",
        "appelle au zéro7 douze 45 soixante-dix-huit 30",
        "my number: four one five, 5 5 five, 01 ninety-two",
    ],
)
def test_numbers_and_addresses_given_in_parts_are_masked(rules, text):
    verdict = rules.check(text)
    assert "pii" in verdict.categories, verdict.reasons
    assert verdict.text is not None and "[" in verdict.text


@pytest.mark.parametrize(
    "text",
    [
        "#covoiturage #lyon départ 8h",
        "j'ai lu ça sur orange.fr ce matin",
        "Départ 0745, arrivée vers 1130 puis retour à 1800",
        "Le train 0761 part à 14h, la suite du trajet en bus 45 minutes",
        "we were four, then two, then one: 3 7 days of fun",
        "I paid twenty-five, then thirty, then 12 and 40 for the fuel",
        "Trois places, 2 valises, un chien, départ 7h45, retour 19h30",
        "je suis chez Orange point de vente à 8h",
    ],
)
def test_their_look_alikes_stay_clean(rules, text):
    verdict = rules.check(text)
    assert "pii" not in verdict.categories, verdict.reasons
    assert verdict.text == text


@pytest.mark.parametrize(
    "text",
    [
        "Pour être remboursé, scanne le QR code que je t'envoie avec ton appli bancaire",
        "Scan this QR code with your banking app to get the refund",
        "Mon beau-frère a doublé son salaire grâce au trading, plus que 3 places dans sa formation",
        "She makes $3k a week trading forex, message me for her course",
        "Nouveau token qui sort lundi, x100 assuré avant le listing",
        "This coin is going 20x, get in now",
        "Cartouches de cigarettes à prix d'ami, j'en ai dans le coffre",
        "cheap vapes and puffs, got a whole box",
        "5000 abonnés pour 10 €, livrés en une heure",
        "Abonne-toi à ma chaîne youtube, nouvelle vidéo chaque dimanche",
        "Become your own boss with my brand, DM me",
        "tu as gagné un cadeau, il faut juste payer les frais de port 3 €",
        "Congratulations! Share this with 10 friends to get your prize",
        "Ton ami t'a offert un bon de 20 €, récupère-le sur bit.ly/bon20",
    ],
)
def test_new_kinds_of_spam_are_blocked(rules, text):
    verdict = rules.check(text)
    assert verdict.verdict == "block" and "spam" in verdict.categories, verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Le QR code du parking est sur le ticket, scanne-le à la barrière",
        "Le parking se paie par QR code à la borne, paiement par carte",
        "je bosse dans le trading, je rentre vers 19h",
        "Pas de clopes dans la voiture svp, et pas de vape non plus",
        "I hope we win the match tonight, share the news with your friends",
        "Share the ride with your friends, the more the merrier",
        "Le bouton vert de l'appli bleue ne marche pas",
        "Go to the blue app settings and switch the green toggle",
        "I paid with Twint last time, is that possible in the app?",
    ],
)
def test_everyday_sentences_near_them_stay_clean(rules, text):
    verdict = rules.check(text)
    assert verdict.verdict == "allow", verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "On continue sur l'appli verte ? tu sais laquelle",
        "let's switch to the green app, you know which one",
        "Tu peux me Twint les 15 € ? j'annule la résa",
        "just transfer it to FR76 3000 6000 0112 3456 7890 189",
        "Pour me contacter en dehors de l'appli : julie.marchand@gmail.com",
    ],
)
def test_new_ways_of_leaving_the_platform_are_held(rules, text):
    verdict = rules.check(text)
    assert "off_platform" in verdict.categories, verdict.reasons
    assert verdict.verdict == "review"


@pytest.mark.parametrize(
    "text",
    [
        "IBAN FR76 3000 6000 01, et la suite : 12 3456 7890 189",
        "my iban starts BE68 5390 and ends 0754 7034",
        "FR7630006000011 ... attends je cherche ... 234567890189",
    ],
)
def test_an_iban_given_in_parts_is_masked(rules, text):
    verdict = rules.check(text)
    assert [reason.rule for reason in verdict.reasons] == ["pii.iban", "pii.iban"]
    assert verdict.text is not None and not any(char.isdigit() for char in verdict.text)


@pytest.mark.parametrize(
    "text",
    [
        "FR76 c'est le début, le reste je te le donne plus tard: 12 34",
        "vol AF12 départ 0730, porte 22, siège 14C, arrivée 1045",
        "IBAN FR76 3000 6000 01, et la suite : 12 3456 7890 188",  # check digits wrong
    ],
)
def test_parts_that_make_no_valid_iban_stay_clean(rules, text):
    verdict = rules.check(text)
    assert "pii" not in verdict.categories, verdict.reasons
