"""Round 9 rules: the generic kinds of misses read on blind7 once blind8 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are. (Round 9's main change, the insult severity model, is tested in test_learned.py.)"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Voici mon adresse : paulette.girard@orange.fr . Veuillez m'écrire pour le reçu .",
        "mon mail c'est tony.v@free.fr, écris-moi là-bas pour l'heure",
        "My address is colin.barnes@btinternet.com. Please write to me about the fare.",
        "derek.h@gmail.com, just email me there for the details",
    ],
)
def test_an_address_then_an_invitation_to_write_is_an_off_platform_proposal(
        moderator, text):
    # Firm: the model read the formal wording as clean and vetoed it before.
    found = moderator.check(text)
    assert found.verdict == "review" and {"pii", "off_platform"} <= found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Mon adresse : paulette.girard@orange.fr, elle est bien dans mon profil ?",
        "paulette.girard@orange.fr, j'ai écrit au support hier, toujours rien",
        "My address is colin.barnes@btinternet.com, can you update my account?",
    ],
)
def test_an_address_alone_is_masked_not_reviewed(rules, text):
    found = rules.check(text)
    assert found.verdict == "mask" and "off_platform" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "07 puis 61 puis 32, euh… 48 et 90",
        "06, then 44, then 18, erm, 27 and 53",
        "alors 06 ensuite 71 ensuite 29, pardon, 84 et 12",
    ],
)
def test_a_number_dictated_with_a_hesitation_is_masked(rules, text):
    found = rules.check(text)
    assert "pii" in found.categories and "[phone]" in (found.text or ""), found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Le 06 puis le 13, attends, 21 et 28 jours de congés",
        "Rendez-vous 06 h puis 23 h, euh, 91 euros la semaine",
        "Chapters 06, then 07, then 08, erm, 09 and 10 for Monday",
    ],
)
def test_numbers_with_a_hesitation_that_are_no_phone_stay_clean(rules, text):
    found = rules.check(text)
    assert "pii" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Pour payer la course, scanne juste le QR code sur la portière, ça va plus vite",
        "To pay for the ride, scan the QR code on my dashboard please",
        "Scannez le QR code collé à l'intérieur pour payer votre place, merci",
        "Le paiement se fait par QR code maintenant, c'est le nouveau système, scanne-le",
    ],
)
def test_a_qr_code_to_scan_to_pay_the_trip_is_a_scam(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Scanne le QR code de la borne pour payer le parking, je t'attends à la sortie",
        "The pay machine takes QR codes to pay for parking now",
        "Je n'ai jamais scanné de QR code pour payer un trajet, c'est dans l'appli",
    ],
)
def test_qr_code_look_alikes_stay_clean(rules, text):
    found = rules.check(text)
    assert "spam" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Quel enfoiré de radar sur la N7, flashé à 53",
        "Cette saloperie de rond-point m'a fait rater la sortie",
        "what a bitch of a pothole on the A30",
        "Connard de péage, il a avalé ma carte",
    ],
)
def test_a_strong_word_aimed_at_a_road_thing_is_no_insult(rules, text):
    found = rules.check(text)
    assert "insult" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Quel enfoiré de chauffeur, il m'a laissé sur le trottoir",
        "Connard de conducteur, tu m'as laissé sous la pluie",
    ],
)
def test_the_same_words_aimed_at_a_person_are_still_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "I lost 200 a month on crypto last year, never again",
        "J'ai perdu 300 par mois avec le trading, je te déconseille",
        "il gagne 1500 par mois comme chauffeur, il fait ça depuis dix ans",
        "she earns 2000 a month as a nurse, the rota is brutal",
    ],
)
def test_money_lost_or_a_wage_is_no_get_rich_pitch(rules, text):
    # Two false alarms noticed in round 8 (spam.invest, spam.money), with no test of their own.
    found = rules.check(text)
    assert "spam" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Gagnez 1500 par mois depuis chez vous, contactez-moi",
        "My crypto bot makes 300 a month, join now",
        "Le trading rapporte 2000 par mois, je t'explique en privé",
    ],
)
def test_the_pitches_next_to_them_are_still_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("We're coming after you. Better watch your back", "block"),
        ("I'm coming for you! You'll see.", "block"),
        # a pick-up, even with a warning about something else
        ("I'm coming for you at 8, watch out for the black car", "allow"),
        ("I'm coming for you, watch out for my blue Clio", "allow"),
        ("im coming for you now, be ready at the gate", "allow"),
    ],
)
def test_coming_for_someone_with_a_warning_is_a_threat(rules, text, verdict):
    # "I'm coming for you, watch out" (a tuning message) was caught by the model alone until
    # round 9's clean lines about safety ("watch out for thieves") lowered its score.
    assert rules.check(text).verdict == verdict
