"""Round 38 rules: the generic kinds of misses read on blind36 once blind37 had been measured to
judge them, each written again in other words, next to look-alikes that keep their verdict."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Abruti de ta mère, t'avais dit 8 h pas 9 h",
        "Get out of my car, you nosy old bag",
        "you're a smelly old git and everyone on this route knows it",
        "Do the world a favour and drive into a wall on your way home",
    ],
)
def test_insults_to_a_mother_to_age_and_a_death_wish_are_blocked(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Watch the speed bump past Bastard's Lane, it's a nasty one",
        "You can see the old cow from the road, turn left after it",
        "La voiture de ta mère est garée devant chez moi ?",
    ],
)
def test_a_place_a_cow_in_a_field_and_a_mothers_car_are_no_insult(rules, text):
    assert "insult" not in rules.check(text).categories, rules.check(text).reasons


def test_a_warm_goodbye_is_left_alone(moderator):
    found = moderator.check("Gros bisous à toi ma belle, merci pour le covoit de la brocante.")
    assert found.verdict == "allow", found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour, service client : pour valider votre remboursement, merci de nous transmettre "
        "votre code reçu par SMS.",
        "Qui est intéressée par un Thermomix ? Je fais une soirée démo chez moi jeudi",
        "I am the lawyer of a deceased client with no family, you are entitled to 3.5 million",
        "Detox tea, selling it after the ride, 15 a bag",
        "My uncle sells gold at wholesale price, I can connect you, very good profit",
        "Pas de la pub mais ma boutique de vélos fait -20 % pour les covoitureurs, demandez Yanis",
        "Besoin de beuh pour la route ? J'en ai de la bonne, prix correct",
    ],
)
def test_scams_and_sales_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Le code de la résa c'est 093114, tu me le demanderas au départ",
        "Besoin de clopes pour la route ? J'en ai si tu veux",
    ],
)
def test_a_booking_code_given_and_a_cigarette_offered_are_no_spam(rules, text):
    assert "spam" not in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "wa ss ap ? ça ira plus vite qu'ici",
        "I am a barrister, a legacy is due to you, kindly reply by email",
    ],
)
def test_an_app_named_alone_before_a_number_spacing_and_a_reply_by_mail_are_proposals(rules, text):
    assert "off_platform" in rules.check(text).categories, rules.check(text).reasons


def test_an_app_named_alone_before_its_number_survives_a_sceptical_model(sceptic):
    found = sceptic.check("Telegram ? C'est le 07 61, puis 28 44 19 après", "fr")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "call me, first bit 07700, signal's bad in the tunnel, the rest is 900 461",
        "WhatsApp ne marche pas chez moi, appelle-moi au 06 12 34 56 78",
    ],
)
def test_a_bad_signal_and_an_app_that_does_not_work_are_no_proposal(moderator, text):
    assert "off_platform" not in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "it's thabo underscore nkosi at webmail dot co dot za",
        "Reach me on 8123 4567 when you get to Jurong East",
        "Mon numéro : six, quarante-deux, dix-huit, trente-trois, soixante-quinze, le zéro "
        "devant.",
    ],
)
def test_an_underscore_said_an_eight_digit_number_and_a_zero_told_after_are_masked(rules, text):
    found = rules.check(text)
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "We should reach the toll at 1845 and the hotel by 2130",
        "Rendez-vous à 7 h, le zéro devant la porte c'est le numéro de l'immeuble",
    ],
)
def test_times_and_a_zero_on_a_door_are_no_phone(rules, text):
    assert "pii" not in rules.check(text).categories, rules.check(text).reasons
