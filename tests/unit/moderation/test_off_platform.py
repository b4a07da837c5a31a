"""Proposals to leave the platform are held for review; mentions, refusals and reports pass."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("On peut régler en espèces directement, ça évite les frais", "fr"),
        ("Paie-moi en liquide à l'arrivée", "fr"),
        ("Envoie-moi les 20 € par Lydia plutôt", "fr"),
        ("Tu peux me faire un paylib ?", "fr"),
        ("Paypal entre amis ça te va ?", "fr"),
        ("Can you pay me cash instead?", "en"),
        ("Zelle me the 20 bucks", "en"),
        ("bank transfer straight to me is easier than the app", "en"),
    ],
)
def test_paying_outside_the_platform_is_held_for_review(moderator, text, lang):
    verdict = moderator.check(text, lang)
    assert verdict.verdict == "review"
    assert verdict.categories == {"off_platform"}
    assert verdict.text == text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ajoute-moi sur WhatsApp, on s'organisera là-bas", "fr"),
        ("On continue sur Telegram ?", "fr"),
        ("écris-moi par texto", "fr"),
        ("mon insta c'est @julie_trajets", "fr"),
        ("W.h.a.t.s.a.p.p moi stp", "fr"),
        ("ajoute-moi sur wh@ts@pp", "fr"),
        ("on parle sur tél\u200begram ?", "fr"),
        ("hit me up on telegram", "en"),
        ("my snap is jake_r99, add me", "en"),
        ("Got Signal? Let's chat there", "en"),
        ("w h a t s a p p me", "en"),
    ],
)
def test_moving_the_conversation_to_an_outside_channel_is_held_for_review(moderator, text, lang):
    assert moderator.check(text, lang).verdict == "review"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Annule ta résa, je te prends quand même", "fr"),
        ("Réserve pas sur le site, on s'arrange entre nous", "fr"),
        ("Si on passe pas par l'appli c'est moins cher", "fr"),
        ("Next time just book directly with me, no app", "en"),
        ("I'll give you 10 off if we skip the platform", "en"),
    ],
)
def test_booking_around_the_platform_is_held_for_review(moderator, text, lang):
    assert moderator.check(text, lang).verdict == "review"


def test_a_phone_number_offered_for_sms_is_masked_and_held(moderator):
    verdict = moderator.check("Envoie-moi un SMS au 06 23 45 67 89", "fr")
    assert verdict.verdict == "review"
    assert verdict.text == "Envoie-moi un SMS au [phone]"
    assert verdict.categories == {"off_platform", "pii"}


def test_a_phone_number_offered_for_a_call_is_only_masked(moderator):
    verdict = moderator.check("Appelle-moi au 06 23 45 67 89 si tu es perdu", "fr")
    assert verdict.verdict == "mask"


def test_an_invitation_link_is_both_a_link_and_an_off_platform_proposal(moderator):
    verdict = moderator.check("rejoins notre groupe chat.whatsapp.com/Fh7KqL2xY", "fr")
    assert verdict.verdict == "review"
    assert verdict.categories == {"off_platform", "spam"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("WhatsApp ne marche pas dans le tunnel, désolé", "fr"),
        ("Je ne paie jamais en espèces, tout passe par l'appli", "fr"),
        ("Attention : ne payez jamais en dehors de la plateforme", "fr"),
        ("Le conducteur m'a demandé de le payer en liquide, c'est normal ?", "fr"),
        ("Un passager m'a proposé de continuer sur WhatsApp, j'ai refusé", "fr"),
        ("Je t'appelle quand j'arrive au parking", "fr"),
        ("Il n'y a pas de signal ici", "fr"),
        ("Le liquide de refroidissement fuit", "fr"),
        ("J'ai reçu le SMS de confirmation", "fr"),
        ("J'ai fait un virement sur l'appli hier", "fr"),
        ("Est-ce que l'appli accepte Paypal ?", "fr"),
        ("Don't pay cash, the app covers the insurance", "en"),
        ("Someone asked me to move to WhatsApp, I said no", "en"),
        ("Give me a call if you can't find the car", "en"),
        ("Turn left at the signal", "en"),
        ("Snapchat m'a vidé toute ma batterie", "fr"),
    ],
)
def test_mentions_refusals_warnings_reports_and_calls_are_allowed(moderator, text, lang):
    verdict = moderator.check(text, lang)
    assert verdict.verdict == "allow", verdict.reasons
