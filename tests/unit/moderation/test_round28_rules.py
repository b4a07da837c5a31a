"""Round 28 rules: the generic kinds of misses read on blind26 once blind27 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest

from tests.unit.moderation.verdicts import rule_names as _kinds


@pytest.mark.parametrize(
    "text",
    [
        "Plus d'essence et le resto est fermé, on va crever de faim avant Millau",
        "Je crève de chaud dans ta Clio, tu peux ouvrir un peu ?",
        "Les enfants vont crever d'ennui si on part à 6 h",
    ],
)
def test_starving_or_boiling_is_no_threat(rules, text):
    assert rules.check(text).verdict == "allow", rules.check(text).reasons


@pytest.mark.parametrize("text", ["va crever de faim, toi et ta bagnole", "je vais te crever"])
def test_a_wish_or_a_threat_to_die_stays_blocked(rules, text):
    assert "insult.threat" in _kinds(rules.check(text)), rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "gfy, I'm not moving my bags for you",
        "Seriously mate. FOAD.",
        "Jy is 'n fokken poes, you left us at the Wimpy",
        "jou poes, where were you",
    ],
)
def test_text_speak_curses_and_afrikaans_insults_are_blocked(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "The parking meter at the train station is a total wanker, it took my pound",
        "the man in seat two said 'go back to your own country, you lot' to her, awful trip",
    ],
)
def test_a_machine_at_a_place_and_a_quote_said_to_someone_else_pass(moderator, text):
    assert moderator.check(text).verdict == "allow", moderator.check(text).reasons


def test_a_quote_at_the_end_of_a_message_still_counts(moderator):
    """The quote must stand before other words: a sentence ending on "says" quotes nothing."""
    found = moderator.check("the driver said it, you're a fucking idiot")
    assert found.verdict == "block", found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "On continue la conversation ailleurs, ici tout est lu par le site",
        "let's take this chat elsewhere, you know the green one",
        "Pas besoin d'appuyer sur « réserver » dans l'appli, je te garde la place",
        "no need to tap pay in the app, a tenner in my hand will do",
        "Pa peye nan aplikasyon an, m ap pran kach la",
        "W/A me when you land",
        "Signal or WhatsApp, your call",
        "Sig or Tele? this chat keeps freezing",
    ],
)
def test_moving_the_chat_or_the_payment_off_the_app_is_reviewed(rules, text):
    assert "off_platform" in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "on regarde la télé ou on sort ce soir ?",
        "I'll come w/ a friend if that's ok",
        "no signal or wifi at the campsite",
        "J'ai reçu ton message, je continue la route et je t'appelle à l'arrivée",
    ],
)
def test_tv_a_with_and_no_signal_are_no_channels(rules, text):
    assert "off_platform" not in rules.check(text).categories, rules.check(text).reasons


def test_the_green_thing_with_the_bubble_is_a_messenger(rules):
    found = rules.check("Pour la suite, le truc vert avec la bulle : 06 41 27 93 58")
    assert {"off_platform", "pii"} <= found.categories, found.reasons


def test_a_card_to_debit_off_the_app_is_reviewed_whatever_the_model_reads(moderator):
    found = moderator.check(
        "Voilà ma carte pour que tu débites toi-même en dehors de l'appli : 4970 1012 3456 7893")
    assert found.verdict == "review" and {"off_platform", "pii"} <= found.categories, found.reasons


def test_a_receipt_sent_to_an_address_is_no_channel(rules):
    found = rules.check("Invoice please send to ravi.k.menon@rediffmail.com, thanks")
    assert found.verdict == "mask" and "off_platform" not in found.categories, found.reasons


def test_a_loan_without_papers_written_to_an_address_stays_a_channel(rules):
    found = rules.check("Prêt sans justificatif, écrivez-moi à credit.facile.rapide@gmail.com")
    assert "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Grandma's email for the walking club: nana.joan1951, and it's a talktalk.net one",
        "Mon courriel : m.lavoie77, c'est un videotron.ca",
    ],
)
def test_a_handle_then_its_domain_after_its_is_an_address(moderator, text):
    found = moderator.check(text)
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


def test_a_website_after_its_without_a_login_word_is_no_address(rules):
    found = rules.check("the carpool2024 group, it's a carpool.fr page")
    assert "pii" not in found.categories, found.reasons
