"""Round 51: the misses read on blind49 (trained on since blind50 landed) once blind50 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Mon adresse : k.haddad@orange.fr, envoyez-moi l'attestation s'il vous plaît",
        "The club needs a confirmation for the minibus, could you send it to sec@harriers.org.uk?",
        "Mon Snap est privé, je l'utilise que pour la famille",
    ],
)
def test_a_document_sent_to_an_address_and_a_private_account_are_no_proposal(rules, text):
    found = rules.check(text)
    assert "off_platform" not in found.categories, found.reasons


def test_a_public_handle_offered_is_still_a_proposal(rules):
    found = rules.check("Mon Insta c'est lea.voyage, écris-moi là-bas")
    assert "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Franchement regarde ça : sun-vacances (point) com slash vip, j'ai touché 600 balles "
        "en 3 jours",
        "Euros au meilleur taux, je change tes dinars avant ton vol, mieux qu'au bureau de change",
    ],
)
def test_a_link_that_paid_its_writer_and_currency_changed_at_a_rate_are_spam(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_south_african_mampara_is_reviewed(rules):
    found = rules.check("Jislaaik you mampara, I said the other petrol station")
    assert found.verdict == "review" and "insult" in found.categories, found.reasons


def test_a_voucher_number_is_no_card(rules):
    found = rules.check("The gift card number is 6039 4471 2285 9163 004, can I use it in the app?")
    assert "pii" not in found.categories, found.reasons


def test_a_card_given_after_a_voucher_failed_is_still_masked(rules):
    found = rules.check("The voucher failed so here is my card 4539 1488 0343 6715")
    assert "pii" in found.categories, found.reasons


def test_a_north_american_number_in_one_run_is_masked(rules):
    found = rules.check("text me at 4155550199, I'm in SF till Monday")
    assert "pii" in found.categories and "4155550199" not in found.text, found.reasons
