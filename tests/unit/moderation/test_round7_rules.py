"""Round 7 rules (rules only): the kinds of misses read on blind5 once it became a tuning
batch, each written again in other words, next to clean look-alikes that must stay clean."""

from __future__ import annotations

import pytest

# ---- spam and scams -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # sextortion: a recording, money, or else it goes to the member's people
        "J'ai filmé ce que tu faisais à l'arrière. 300 € en crypto ce soir sinon toute ta "
        "famille le voit.",
        "I have the dashcam video of you. Send 200 in gift cards or your boss gets it.",
        # chain messages
        "Partagez ce message à 10 amis et gagnez un trajet offert !",
        "Forward this message to 5 groups and you win a month of free rides",
        # money multiplied, the time said between the sums
        "Tu investis 50 €, en une semaine tu touches 400 €, garanti",
        "you put 100 in and within 3 days you make 900, no risk",
        # remote access, a card's digits and code, payment in named vouchers
        "Pour le remboursement, installez AnyDesk et donnez-moi le code affiché",
        "Download TeamViewer so I can fix your account, then read me the ID",
        "Merci de confirmer les 16 chiffres de la carte et le cryptogramme au dos",
        "Give me the long number and the CVV so the refund goes through",
        "Réservation confirmée après paiement en Neosurf uniquement",
        "payment by Paysafecard only, 2 x 25",
        # a parcel at customs for a small fee
        "Votre colis est retenu à la douane, 2,49 € de frais à régler via le lien reçu par SMS",
        "Customs are holding your package, a 1.99 fee to settle before tonight or it is returned",
        # goods sold from the boot, a love spell
        "J'ai plein de montres de marque pas chères dans le coffre, 40 € pièce",
        "got some airpods, 25 quid each, brand new",
        "Grand voyant, retour de l'amour en 48 heures, résultats garantis",
    ],
)
def test_spam_in_these_words_is_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Je peux payer le trajet avec une carte cadeau ?",
        "Can I pay for the trip with a gift card?",
        "J'ai des vidéos du concert si tu veux, je te les montre en voiture",
        "Partage ce message avec ta sœur, elle cherchait un trajet",
        "La douane à Bâle prend 10 minutes en général, pas de frais",
        "I've got some phones chargers in the car if yours dies",
        "Scanne le QR code du parking pour payer la sortie",
    ],
)
def test_spam_look_alikes_stay_clean(rules, text):
    found = rules.check(text)
    assert "spam" not in found.categories, found.reasons


# ---- off-platform -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "On continue sur WA, c'est plus simple",
        "text me on WA when you land",
        "Passe sur la verte, tu sais, celle avec le téléphone dans la bulle",
        "On se recontacte en dehors d'ici pour les prochains trajets",
        "let's sort the money outside of here",
        "Scanne mon QR Lydia en descendant",
        "Mon fils vous contactera par mail pour le paiement",
        "My daughter will email you about the payment for my trips",
        "Don't bother booking, just turn up at the station",
        "Plus besoin de réserver, je te prends tous les lundis",
        "Je préfère être payé en bons d'achat plutôt que par l'appli",
        "Tu peux payer sur le compte de ma mère : FR76 3000 6000 0112 3456 7890 189",
    ],
)
def test_off_platform_in_these_words_is_reviewed(rules, text):
    found = rules.check(text)
    assert "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Le bus wa (en wolof) ça veut dire quoi ?",
        "La voiture verte garée à côté de la cabine téléphonique, c'est moi",
        "Il y a un bouchon en dehors d'ici, prends la rocade",
        "Pas besoin de réserver le parking, il est gratuit",
    ],
)
def test_off_platform_look_alikes_stay_clean(rules, text):
    found = rules.check(text)
    assert "off_platform" not in found.categories, found.reasons


# ---- insults --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("sale triso, t'as même pas su lire l'adresse", "block"),
        # SMS single letters, then a word spelled with dots
        ("u r a b.i.t.c.h, nobody rides with u", "block"),
        ("Ch*tiya passenger, never on time", "block"),
        ("Espèce de fada de merde, tu m'as fait rater le train", "block"),
        ("mes gars vont te trouver si tu rembourses pas", "block"),
        ("Everyone at your office is going to know what you are", "block"),
        ("t'es un gros relou avec ta musique", "review"),
        ("You're a wasteman, bruv, twenty minutes late", "review"),
        ("he's thicker than a plank, that driver", "review"),
        ("t'as le QI d'une huître, c'était la sortie 4", "review"),
        ("about as useful as a paper umbrella, you are", "review"),
    ],
)
def test_insults_in_these_words(rules, text, verdict):
    found = rules.check(text)
    assert found.verdict == verdict, found.reasons
    assert "insult" in found.categories


@pytest.mark.parametrize(
    "text",
    [
        "Commandé un coffre de toit, fdp offerts, livré mardi",
        "Ma nièce a reçu des messages déplacés d'un passager (« t'es bonne »). On fait quoi ?",
        "The manual is about as useful as you'd expect, page 4 has the fuse box",
        "Mon fils est trisomique, il voyage avec son éducateur",
        # an insult aimed at a thing; "sent me" is no report of what was written
        "this bellend of a sat nav sent me down a farm track",
        "He'd love to read what you sent me, the idiot of a ticket machine ate my card",
    ],
)
def test_insult_look_alikes_stay_clean(rules, text):
    found = rules.check(text)
    assert "insult" not in found.categories, found.reasons


# ---- links and personal data ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Horaires ici : ferries.scot/timetable", "le formulaire : forms.gle/AbC123",
     "Road works: roads.wales/a470", "Le programme : festival.bzh"],
)
def test_links_of_these_endings_are_links(rules, text):
    assert "spam" in rules.check(text).categories


@pytest.mark.parametrize(
    "text",
    [
        # backwards, whole
        "à l'envers pour les curieux : moc.liamg@niloc.dranreb",
        "backwards so bots can't read it: rf.egnaro@78.ecul",
        # "a commercial" with commas around, as it is said
        "c'est m.lambert, a commercial, telenet point be",
        # a handle, "chez" and an ending abroad spelled out
        "mon courriel : g.bouchard chez videotron point ca",
        # glued, the signs said
        "juliemartinarobasehotmailpointfr",
    ],
)
def test_these_email_writings_are_masked(rules, text):
    assert "pii" in rules.check(text).categories


@pytest.mark.parametrize(
    "text",
    [
        # a British landline's area code, then the rest
        "Dad's landline, first part: 0161. Second part, sorry the signal: 496 0734.",
        # the end given first, then the start
        "son numéro finit par 72 18. Le début c'est 06 44 91, appelle-le demain",
    ],
)
def test_these_phone_writings_are_masked(rules, text):
    found = rules.check(text)
    assert "pii" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "je suis chez Paul point ca, on part à 8h",
        "Numéro d'intervention : ASS-0678451290, ils arrivent",
        "le rendez-vous finit à 18 30. Le début c'est 06 45 au plus tôt",
    ],
)
def test_personal_data_look_alikes_stay_clean(rules, text):
    assert "pii" not in rules.check(text).categories
