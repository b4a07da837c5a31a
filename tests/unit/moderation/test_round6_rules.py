"""Round 6 rules (rules only, unless a test says otherwise): the kinds of misses read on
blind4 once it became a tuning batch, each written again in other words, next to clean
look-alikes that must stay clean. The personal-data writings of the round are in
test_round6_writings.py."""

from __future__ import annotations

import pytest

from chalicelib.domain.moderation.normalise import imitates_latin

# ---- insults, threats, harassment -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # regional strong insults and slurs, threats in algospeak and other languages' words,
        # sexual harassment in algospeak: block
        (text, "block") for text in (
            "Dégage de ma voiture, espèce de bouzen",
            "you bloodclaat, where's my money",
            "no battyman ride wid me",
            "honestly go unalive yourself",
            "hope u get unalived on the way home",
            "just uninstall life mate",
            "go and die lah, nobody wants you here",
            "si tu remontes, tu vas saigner",
            "kas to lagel si to revinn",
            "ça te dit un peu de seggs ce soir ?",
            "send me spicy pics before the trip",
            # a picture of the member demanded as the price of the ride
            "une photo sexy d'abord, sinon je te prends pas",
            "pics in a bikini first, or I'm not taking you",
        )
    ] + [
        # regional mild insults aimed at someone: review
        (text, "review") for text in (
            "t'es un vrai zoba, la gare c'était à gauche",
            "quel gnochon, t'as oublié le siège bébé",
            "you eediat, mi said the other plaza",
            "walao you so bodoh one, the carpark is level 3",
            "stop being a plonker and read the map",
            "t'es un kouyon ou quoi, c'était 7h",
        )
    ],
)
def test_insults_threats_and_harassment_in_these_words(rules, text, verdict):
    found = rules.check(text)
    assert found.verdict == verdict, found.reasons
    assert "insult" in found.categories


@pytest.mark.parametrize(
    "text",
    [
        # a member reporting what someone sent them is asking for help
        "Someone sent me 'go unalive yourself' after I cancelled, what do I do?",
        "quelqu'un m'a envoyé « je sais où tu habites », j'ai peur",
        "Reporting this: someone messaged 'I know where you live' after the trip",
        # ordinary words near the new ones
        "Je sais où t'habites à peu près, c'est la maison avec le portail bleu ?",
        "Can you send me the pics of the bikini my daughter left in the boot?",
        "Envoie une photo de ta valise avant, sinon pas de trajet si elle est trop grosse",
        "the kids are zonked, and the corn fields were lovely",
    ],
)
def test_reports_and_ordinary_words_stay_clean(rules, text):
    found = rules.check(text)
    assert found.verdict == "allow", found.reasons


# ---- off-platform -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # cash as the only way to pay: the "ne" belongs to the proposal, not a refusal
        "Moi je ne prends que des espèces, l'appli c'est trop compliqué",
        "on n'accepte que le liquide pour le covoit du club",
        "We only take cash, the app fees are silly",
        "Only cash for the airport run please",
        # a network nobody names, but where to look the member up
        "Ajoute-moi, tu me trouveras vite, c'est mon vrai nom avec un vélo en photo de profil",
        "add me, I'm the only Bashir Okonjo on there, profile pic is a red car",
        # the real price paid beside a free ride on the app
        "Sur l'appli c'est gratuit, mais tu me files 10 € à l'arrivée",
        "free on the app but you hand me a fiver at the end, cool?",
        # without the app, in Haitian creole
        "pwochen fwa nou fè l san aplikasyon an, peye m kach",
    ],
)
def test_off_platform_in_these_words_is_reviewed(rules, text):
    found = rules.check(text)
    assert "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Je ne prends pas de liquide, tout passe par l'appli",
        "the toll on the bridge is cash only, bring coins",
        "Add me to the booking for Friday please",
        "Le trajet est gratuit sur l'appli pour les moins de 12 ans",
        "I don't only take cash, the app is fine too",
        # a code received by SMS is a scam's business (spam), not a move to SMS
        "ne donne jamais le code reçu par SMS à personne",
    ],
)
def test_off_platform_look_alikes_stay_clean(rules, text):
    found = rules.check(text)
    assert "off_platform" not in found.categories, found.reasons


# ---- spam and scams ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # recruiting chains
        "Tu recrutes 3 amis, ils en recrutent 3 chacun, et tu touches sur tout le monde",
        "Bring two friends, they bring two each, and the money flows up to you",
        # a collection "for a cause" added to the fare
        "Je fais une cagnotte pour les sinistres de la tempête, chaque passager met 3 € de plus",
        "Collecting for the refugees, every passenger gives two pounds extra",
        # lifetime subscriptions, a code forwarded from an SMS, a referral code, a channel
        "je vends des abonnements à vie, toutes les chaînes, 30 €",
        "selling premium accounts for the streaming sites, DM after the ride",
        "transfère-moi le code du SMS, je débloque ton compte",
        "just forward me that code from the text and you're verified",
        "Mets mon code promo LUCIE10 sur l'appli de courses, j'ai un mois gratuit",
        "follow my channel on Twitch while we drive, I'll knock off a fiver",
    ],
)
def test_spam_in_these_words_is_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "can you bring two bags each? the boot is small",
        "Je collecte les enfants à 17h, chaque passager doit être prêt",
        "I sell my old car next month, anyone interested in the roof box?",
        "The code for the car park is 4412, the SMS from the council says so",
    ],
)
def test_spam_look_alikes_stay_clean(rules, text):
    found = rules.check(text)
    assert "spam" not in found.categories, found.reasons


# ---- links --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a Cyrillic "а" and "е" in the platform's own domain
        "Vérifiez votre compte : https://entr\u0430ide.app/login",
        "Update here: \u0435ntraide.fr/secure",
        # full-width letters
        "https://\uff45\uff4e\uff54\uff52\uff41\uff49\uff44\uff45.app/pay",
    ],
)
def test_a_link_whose_host_imitates_latin_letters_is_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block", found.reasons
    assert "spam.lookalike_link" in {reason.rule for reason in found.reasons}


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # accented Latin letters are letters, not imitations
        ("Le menu du resto : www.café-des-arts.fr", "review"),
        ("Le point de rendez-vous : https://entraide.app/r/42 à côté du café", "allow"),
    ],
)
def test_accented_latin_letters_are_not_imitations(rules, text, verdict):
    assert rules.check(text).verdict == verdict


def test_imitates_latin_tells_scripts_apart():
    assert imitates_latin("entr\u0430ide")  # Cyrillic a
    assert imitates_latin("g\u03bfogle")  # Greek omicron
    assert not imitates_latin("café-crème")
    assert not imitates_latin("plain")


# ---- a link sold by its message (the learned stage) --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Votre carte de carburant illimitée pour seulement 15 € à vie, commandez vite : "
        "carbu-illimite.fr",
        # (Round 46's rule for free fuel cards now blocks "Get your free fuel card worth £500,
        # just cover delivery: …" by the rules alone: the model's reading is shown on another.)
        "Your £500 fuel allowance is waiting, just pay the delivery: fuelcard-gift.co.uk",
    ],
)
def test_an_unknown_link_sold_by_its_message_is_blocked(moderator, rules, text):
    found = moderator.check(text)
    assert found.verdict == "block"
    assert "spam.link_pitch" in {reason.rule for reason in found.reasons}
    # The rules alone only hold the link for review: the pitch is the model's reading.
    assert rules.check(text).verdict == "review"


@pytest.mark.parametrize(
    "text",
    [
        "Unpaid toll detected on your plate. Pay £9.80 today or face a £90 penalty: "
        "tollsettle-now.co.uk",
        "AVIS : un stationnement impayé a été relevé sur votre véhicule. Réglez 17 € avant ce "
        "soir : stationnement-regle.fr",
    ],
)
def test_a_fake_fine_with_a_link_is_blocked_by_the_rules_alone(moderator, rules, text):
    # Until round 11 these were the model's reading (the pitch); a fine said unpaid, an order
    # to pay and an unknown link is now a phishing rule of its own (test_round11_rules.py).
    assert moderator.check(text).verdict == "block"
    assert rules.check(text).verdict == "block"


@pytest.mark.parametrize(
    "text",
    [
        "The ferry timetable is on ferries-timetable.co.uk, we take the 9:40",
        "Les photos de la rando sont là : mesrandos-photos.fr/album/3",
    ],
)
def test_an_innocent_unknown_link_is_only_reviewed(moderator, text):
    found = moderator.check(text)
    assert found.verdict == "review", found.reasons
