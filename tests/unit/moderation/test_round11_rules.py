"""Round 11 rules: the generic kinds of misses read on blind9 once blind10 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "A member wrote 'you stupid bitch' under my trip, can you look at it?",
        "The driver sent me ‘kill yourself’ after I cancelled. Please act.",
        "Thanks, we've received your report about the 'dirty foreigner' remark and are looking"
        " into it.",
        "Bonjour, nous avons bien reçu votre signalement pour le message « espèce de pute ».",
    ],
)
def test_abuse_quoted_in_a_report_or_its_acknowledgement_is_no_insult(rules, text):
    found = rules.check(text)
    assert "insult" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Someone posted 'pay me cash and skip the fees, whatsapp me' in the group. Is that"
        " allowed?",
        "Le passager a dit « on règle en liquide, pas par l'appli » , je fais quoi ?",
        "He wrote 'earn 300 a day from home, inbox me' to everyone on the trip",
    ],
)
def test_a_proposal_quoted_by_someone_else_is_no_proposal_or_spam(rules, text):
    found = rules.check(text)
    assert not {"off_platform", "spam"} & set(found.categories), found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "You're a 'driver'? You're a total arsehole, that's what you are.",
        "Don't 'mate' me, you useless prick.",
        "As I said, pay me in cash and we skip the app fees.",
        "I told you 'cash only', send it on whatsapp before the trip",
    ],
)
def test_abuse_or_a_proposal_around_quotes_is_still_found(rules, text):
    found = rules.check(text)
    assert {"insult", "off_platform"} & set(found.categories), found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "The parking meter on Quay Street is a complete arsehole, it wants coins only.",
        "La borne du péage est une vraie connasse, elle a avalé ma carte.",
        "On va au concert des Enfoirés à Lille, il reste deux places",
        "Playlist du trajet : Suprême NTM et IAM, ça vous va ?",
        "My bitch is due to whelp next week, so I may cancel at short notice.",
    ],
)
def test_machines_shows_and_breeding_dogs_are_no_insults(rules, text):
    found = rules.check(text)
    assert found.verdict == "allow", found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "The parking meter works fine, you're the arsehole here.",
        "La borne marche très bien, c'est toi le connard.",
        "On va au concert, bande d'Enfoirés, il reste deux places",
        "ntm sale con, t'as raté la sortie",
        "Stop whining about whelping dates, you stupid bitch.",
        "The driver sent me a message, you absolute arsehole",
    ],
)
def test_the_same_words_aimed_at_someone_still_insult(rules, text):
    found = rules.check(text)
    assert "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "mon portable : zéro sept point trente-trois point quatorze point cinquante point douze",
        "zéro 7, 33, quatorze, 5 0, douze. Bip-moi quand tu es là",
        "mon numéro commence par 07 61 … je le coupe sinon ça se masque … 48 22 90",
        "my email is k w a m e underscore b at mweb dot co dot za",
        "mon mail c'est awa.diop chez orange point sn",
    ],
)
def test_dictated_split_and_abroad_writings_are_masked(rules, text):
    found = rules.check(text)
    assert "pii" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Rendez-vous le 6, 12 ou 15 mai, deux places, trois valises",
        "Le trajet commence par 20 km de départementale puis 45 minutes d'autoroute et 12 € de"
        " péage",
        "Score final 3 point 5 sur 5, pas mal pour une vieille Clio",
        "meet me at the gate dot za is not a thing, just come to gate 4",
        "We stopped at Mweb's office in Durban, co-driving with Thandi",
    ],
)
def test_numbers_and_words_that_are_no_contact_stay_unmasked(rules, text):
    found = rules.check(text)
    assert "pii" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "pay me on GCash before the trip",
        "envoie par MonCash, c'est plus rapide que l'appli",
        "send it by bKash bhai, skip the app",
        "EcoCash me the fuel money tonight",
    ],
)
def test_payment_apps_of_more_countries_are_proposals(rules, text):
    found = rules.check(text)
    assert "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "I used GCash once, now I always pay in the app",
        "Mon frère m'a envoyé de l'argent par MonCash pour le billet, je réserve ici",
    ],
)
def test_a_payment_app_mentioned_is_no_proposal(rules, text):
    found = rules.check(text)
    assert "off_platform" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "ANTAI : contravention impayée n°4471. Réglez 35 € sous 48 h pour éviter la majoration :"
        " antai-paiement-amende.fr",
        "Unpaid toll on the M6 Toll, pay £6.70 today to avoid a penalty: m6toll-settle.co.uk",
    ],
)
def test_a_fake_fine_with_an_order_to_pay_and_a_link_is_phishing(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "J'ai eu une amende, je l'ai réglée sur antai.gouv.fr hier soir",
        "Unpaid toll? I paid mine on tollsettle.co.uk today, easy",
        "Péage impayé : réglez vos 6,80 € avant le 12 sur le site de l'autoroute",
    ],
)
def test_a_fine_paid_or_an_order_without_a_link_is_not_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict != "block", found.reasons
