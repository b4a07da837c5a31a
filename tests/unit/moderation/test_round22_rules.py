"""Round 22 rules: the generic kinds of misses read on blind20 once blind21 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest

from tests.unit.moderation.verdicts import rule_names as _kinds


@pytest.mark.parametrize(
    "text",
    [
        "ne réglez jamais votre place par PayPal ou par virement direct, c'est une arnaque",
        "Nous ne remboursons ni en liquide ni par virement direct, uniquement sur la carte.",
    ],
)
def test_a_negation_reaches_the_second_of_two_means(rules, text):
    assert "off_platform" not in rules.check(text).categories, rules.check(text).reasons


def test_two_means_proposed_without_a_negation_are_still_a_proposal(rules):
    found = rules.check("pas de chèque, paie par Lydia ou par virement direct")
    assert "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Quel idiot, j'ai laissé mon portefeuille au péage de Saint-Arnoult.",
        "What a muppet, I've booked the coach for the wrong Friday",
    ],
)
def test_an_exclamation_then_what_the_writer_did_is_self_deprecation(rules, text):
    assert "insult" not in rules.check(text).categories, rules.check(text).reasons


def test_an_exclamation_then_what_someone_else_did_is_still_an_insult(rules):
    assert "insult" in rules.check("Quel con, il m'a laissé sur le parking").categories


@pytest.mark.parametrize(
    "text",
    [
        "Si tu remets les pieds à la gare routière, tu en repartiras sur un brancard.",
        "Show your face at the rank again and you'll go home in an ambulance.",
    ],
)
def test_sent_away_on_a_stretcher_is_a_threat(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


def test_a_warning_about_driving_is_no_threat(rules):
    assert rules.check("ma mère est repartie en ambulance hier soir").verdict == "allow"


def test_text_speak_asking_for_an_app_is_a_proposal(rules):
    for text in ("do u have S.n.a.p.c.h.a.t", "u got telegram?"):
        assert "off_platform" in rules.check(text).categories, text


def test_meeting_on_a_hill_named_after_an_app_is_no_proposal(rules):
    assert "off_platform" not in rules.check("I'll meet you on Signal Hill instead").categories


@pytest.mark.parametrize(
    "text",
    ["Helper here, I've changed the contact email to m.oduya@shaw.ca like you wanted.",
     "Non mon grand, je prends pas Orange Money en dehors, l'appli prend la carte et c'est "
     "mieux pour nous deux.",
     "No boss, I don't take M-Pesa outside, the app takes cards and it's better for both of us."],
)
def test_an_address_updated_for_you_or_a_first_person_refusal_is_no_proposal(moderator, text):
    assert "off_platform" not in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    ["Sell your van today, cash same day, we collect anywhere in Kent",
     "You useless bag of shite, I waited an hour"],
)
def test_a_car_bought_for_cash_asked_of_the_reader_and_a_bag_of_shite_are_blocked(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    ["The physio has two slots left on Tuesday: physio-bristol.co.uk/book",
     "I'd sell your car for cash if I were you, the repairs cost more than it's worth"],
)
def test_appointment_slots_by_a_link_and_advice_to_sell_are_not_blocked(rules, text):
    assert rules.check(text).verdict != "block", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    ["k dot mensah at yahoo", "mon mail c'est b point durand chez hotmail",
     "email: t.nakamura at kcl.ac.uk"],
)
def test_an_initial_dot_surname_or_a_handle_introduced_before_any_domain_is_an_address(
        rules, text):
    assert "pii.email" in _kinds(rules.check(text)), rules.check(text).reasons


def test_a_meeting_point_and_a_letter_of_a_sentence_are_no_address(rules):
    for text in ("on se voit à 8 h point de rendez-vous chez Paul",
                 "meet at j dot the station at gmail"):
        assert "pii" not in rules.check(text).categories, text


@pytest.mark.parametrize(
    "text",
    ["à Bamako tu m'as au 76 48 21 09", "au Cameroun : 6 94 27 13 58",
     "à Libreville : 074 21 86 30", "au Luxembourg : 691 234 567", "à Maurice : 5 829 4471"],
)
def test_numbers_of_a_named_capital_or_country_in_its_own_layout_are_masked(rules, text):
    assert "pii.phone" in _kinds(rules.check(text)), rules.check(text).reasons


def test_prices_flights_and_invoices_next_to_a_capital_stay(rules):
    for text in ("à Lomé le billet coûte 90 12 34 56 francs", "vol Bamako AF 7612 3456",
                 "Luxembourg, facture 621 123 456"):
        assert "pii" not in rules.check(text).categories, text
