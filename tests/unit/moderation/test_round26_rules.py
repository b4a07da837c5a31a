"""Round 26 rules: the generic kinds of misses read on blind24 once blind25 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest

from tests.unit.moderation.verdicts import rule_names as _kinds


@pytest.mark.parametrize(
    "text",
    [
        "IBAN is NL91.ABNA.0417.1643.00, thanks",
        "send it to GB82.WEST.1234.5698.7654.32 please",
    ],
)
def test_an_iban_with_dots_or_slashes_between_its_groups_is_masked(rules, text):
    assert "pii.iban" in _kinds(rules.check(text)), rules.check(text).reasons


def test_a_dotted_reference_that_fails_the_check_is_no_iban(rules):
    found = rules.check("ref fr12.3456.7890.1234.5678.90 for the invoice")
    assert "pii" not in found.categories, found.reasons


def test_a_number_split_with_haitian_creole_then_is_masked(rules):
    found = rules.check("Rele m sou WhatsApp: +509 37 12... epi 4490 nan fen an.")
    assert "pii.phone" in _kinds(found), found.reasons


def test_a_long_parcel_reference_is_no_phone_and_a_number_after_an_order_still_is(rules):
    tracking = rules.check("Tracking for the boots is 0044 7781 2290 4410 56, out for delivery")
    assert tracking.verdict == "allow", tracking.reasons
    found = rules.check("booking done, my number is 0046 70 123 45 67")
    assert "pii.phone" in _kinds(found), found.reasons


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("T e l e g r a m c'est mieux, cherche-moi avec mon pseudo", "off_platform.channel.move"),
        ("S i g n a l c'est mieux, ajoute-moi", "off_platform.channel.move"),
    ],
)
def test_an_app_spelled_apart_before_c_est_is_read_as_its_name(rules, text, kind):
    assert kind in _kinds(rules.check(text)), rules.check(text).reasons


def test_letters_apart_that_make_no_word_stay_letters(rules):
    assert rules.check("i m a t a x i d r i v e r").verdict == "allow"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Khallesni cash f tomobil, bla l'application.", "off_platform.pay.foreign"),
        ("Betaal my kontant by die stasie, nie op die app nie.", "off_platform.pay.foreign"),
        ("check cheap-rides-leeds dot co for next week", "spam.link"),
    ],
)
def test_darija_and_afrikaans_cash_and_a_domain_said_with_dot_are_found(rules, text, kind):
    assert kind in _kinds(rules.check(text)), rules.check(text).reasons


def test_a_word_with_a_hyphen_before_dot_matrix_is_no_link(rules):
    assert rules.check("The 24-b dot matrix display on the bus is broken").verdict == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Je t'envoie l'adresse par l'appli, pas besoin de WhatsApp.",
        "Je vous mets le point de rendez-vous ici, pas besoin de WhatsApp ni de Messenger.",
        "I'm on WhatsApp and Signal, but for lifts I only go through the app, club rule.",
        "email on file should be k.mensah@yahoo.com, same as always",
    ],
)
def test_a_messenger_said_needless_the_app_as_the_only_way_or_the_address_on_file(
        moderator, text):
    assert "off_platform" not in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Du bisch e Seckel, du hesch mi am Bahnhof vergässe!", "insult.strong"),
        ("Langèt manman ou, ou pa t di m anyen !", "insult.strong"),
        ("cb lah, say 6 then come 7", "insult.strong"),
        ("Quelle lopsa, elle a laissé ses déchets dans la voiture.", "insult.strong"),
        ("Tg frère, j'essaie de conduire.", "insult.mild"),
        ("Sale con de Portugais, t'as rayé ma portière.", "insult.hate"),
        ("Ya wee fanny, the ferry's fae Oban.", "insult.strong"),
    ],
)
def test_more_insults_and_an_insult_pinned_on_a_people_are_found(rules, text, kind):
    assert kind in _kinds(rules.check(text)), rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Il y aura deux chiennes de race dans le coffre, dans leurs caisses.",
        "left my fanny pack in your car, can you keep it till Friday?",
        "Rufus is the only dog entered and Bella's the only bitch entered in the junior class",
        "On passe sur TG pour les photos ?",
    ],
)
def test_pedigree_dogs_a_bum_bag_a_dog_show_and_telegram_are_no_insult(rules, text):
    assert "insult" not in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Spécial de la semaine : lavage auto complet à 40 $, appelez vite !",
        "Not spam promise, my aunt's bakery does 2 for 1 on Fridays, just google Crumbs Bury",
    ],
)
def test_a_weekly_special_with_its_price_or_a_deal_that_says_it_is_no_spam_is_blocked(
        rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_deal_mentioned_without_a_disclaimer_is_no_spam(rules):
    found = rules.check("The station shop does 2 for 1 on coffee before 8, handy for us")
    assert "spam" not in found.categories, found.reasons
