"""Every writing of personal data and scams the policy names, one case each.

Written from the categories of MODERATION_NOTES (e-mail obfuscations, phone writings, scams
and payment requests) before the blind batch was measured again, never from its messages;
with the look-alikes that must stay clean (times, prices, references, "at" in English).
"""

from __future__ import annotations

import pytest

from chalicelib.domain.moderation import Moderator


@pytest.fixture(scope="module")
def rules() -> Moderator:
    """Rules only: these writings must not depend on the learned stage."""
    return Moderator(learned=False)


@pytest.mark.parametrize(
    "address",
    [
        "julie.martin (a) gmail.com",
        "julie.martin(a)gmail.com",
        "julie.martin [@] gmail [.] com",
        "julie 📧 gmail.com",
        "julie.martin ⓐ gmail.com",
        "lea.durand a gmail.com",
        "lea_durand arrobase free point fr",
        "lea_durand arobaz free.fr",
        "lea.durand -at- gmail -dot- com",
        "lea.durand_at_gmail_dot_com",
        "lea.durand [arobase] gmail [point] com",
        "lea.durand@gmail,com",
        "lea.durand at gmail com",
        "lea.durand @gmail",
        "tom.smith at hotmail",
        "lea.durand@hotmail。fr",
        "j u l i e @ g m a i l . c o m",
        "tom dot smith at gmail dot com",
        "lea point durand arobase orange point fr",
        "lea . durand @ hotmail . fr",
    ],
)
def test_every_email_writing_is_masked_whole(rules, address):
    assert rules.check(f"contact : {address} merci", "fr").text == "contact : [email] merci"


def test_an_address_given_after_its_provider_is_masked(rules):
    assert rules.check("mon gmail c'est lea.durand92", "fr").text == "mon gmail c'est [email]"


@pytest.mark.parametrize(
    "text",
    [
        "meet at the station at 8",
        "I'm at home. It's late",
        "on se retrouve chez Paul point de rendez-vous à 8h",
        "je suis chez moi point barre",
        "rdv chez Leclerc point relais",
        "see you at Tesco dot dot dot",
        "I'm at work, at least till five",
        "@Julie t'es où ?",
        "il y a une place chez Marie à 8h",
    ],
)
def test_at_chez_and_point_in_sentences_are_not_addresses(rules, text):
    assert rules.check(text).verdict == "allow"


@pytest.mark.parametrize(
    "number",
    [
        "zero six 12 34 56 78",
        "zéro 6 12 34 56 78",
        "0 six 1 2 3 4 5 6 7 8",
        "06 douze 34 cinquante-six 78",
        "06 onze 22 33 44",
        "06 12 34 56 septante-huit",
        "oh six, twelve, thirty four, fifty six, seventy eight",
        "plus trois trois six douze trente-quatre cinquante-six soixante-dix-huit",
        "06*12*34*56*78",
        "06~12~34~56~78",
        "06|12|34|56|78",
        "06, 12, 34, 56, 78",
        "+44 20 7946 0958",
        "0044 7700 900123",
        "+32 470 12 34 56",
        "0032 470 12 34 56",
        "+41 79 123 45 67",
        "0041 79 123 45 67",
        "+32 (0)470 12 34 56",
    ],
)
def test_every_phone_writing_is_masked(rules, number):
    assert rules.check(f"tel {number} ok", "fr").text == "tel [phone] ok"


def test_a_mobile_prefix_given_apart_from_the_rest_is_masked(rules):
    verdict = rules.check("mon 06 c'est 12 34 56 78", "fr")
    assert verdict.text == "mon [phone] c'est [phone]"


@pytest.mark.parametrize(
    "text",
    [
        "rdv à 06h30 devant la gare",
        "horaires : 06 30, 07 15, 08 45, 09 30",
        "le 06 12 2024 à 18h",
        "réservation n° 2024061234",
        "ref BK-4578-1290-33",
        "train TGV 6123 voiture 14 place 56",
        "75012 Paris, 3 places, 12 €",
        "km 12 345 678",
        "j'ai 2 enfants de 6 et 12 ans, 34 kg de bagages",
        "sortie 12 puis 34 km puis 56 km",
        "entre 06 et 08, pas avant",
        "un trajet de 450 km, deux places, 35 €",
    ],
)
def test_times_dates_references_and_counts_are_not_phone_numbers(rules, text):
    assert rules.check(text, "fr").verdict == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "pour réserver ta place envoie 50 € par Western Union",
        "pay the $50 deposit via MoneyGram before the trip",
        "frais de réservation à régler par Transcash avant le départ",
        "achète une recharge PCS de 100 € et envoie-moi le code",
        "buy a Steam card and send me the code",
        "send 40 pounds in Amazon gift cards to hold the seat",
        "envoie-moi le code de ta carte cadeau pour confirmer",
        "pay the booking fee in bitcoin to this wallet",
        "envoie 0.002 BTC sur mon wallet pour confirmer",
        "send USDT to confirm your booking",
        "je suis coincé à l'étranger, prête-moi 200 € stp",
        "stranded abroad, can you send me 150 pounds",
        "advance fee of £25 by Paysafecard to secure your ride",
    ],
)
def test_scams_and_unrecoverable_payment_requests_are_blocked(rules, text):
    verdict = rules.check(text)
    assert verdict.verdict == "block"
    assert "spam.scam" in {reason.rule for reason in verdict.reasons}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("paie-moi par Paylib stp", "off_platform.pay.app"),
        ("PayPal friends and family please, no fees", "off_platform.pay.app"),
        ("règle-moi par Wero avant le départ", "off_platform.pay.app"),
        ("fais-moi un virement de 20 € ce soir", "off_platform.pay.app"),
        ("tu peux me payer par Lydia directement ?", "off_platform.pay.app"),
        ("let's pay outside the platform, cheaper for both", "off_platform.around.platform"),
    ],
)
def test_payment_outside_the_platform_goes_to_review(rules, text, rule):
    verdict = rules.check(text)
    assert verdict.verdict == "review" and rule in {reason.rule for reason in verdict.reasons}


@pytest.mark.parametrize(
    "text",
    [
        "on m'a demandé de payer par Western Union, c'est une arnaque non ?",
        "je ne paie jamais par Western Union",
        "j'ai une carte cadeau Fnac à utiliser, on s'arrête ?",
        "la station a un distributeur de cartes cadeaux",
        "my PayPal account got hacked last week, so annoying",
        "mon salaire arrive par virement le 5",
        "someone asked me to send Steam cards, is it a scam?",
    ],
)
def test_mentions_refusals_and_reports_of_scams_are_not_blocked(rules, text):
    assert rules.check(text).verdict == "allow"
