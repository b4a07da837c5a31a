"""Round 64: the misses read on blind61 and blind62 (trained on since blind63 landed) once blind63
had been measured to judge them, each written again in other words, next to look-alikes that
keep their verdict."""

from __future__ import annotations


def test_asking_what_to_answer_to_a_proposal_reports_it(rules):
    found = rules.check("Un passager me propose de payer par Orange Money « pour éviter les "
                        "frais », je lui dis quoi ?")
    assert found.verdict == "allow", found.reasons


def test_fees_kept_in_our_pockets_is_off_platform(rules):
    found = rules.check("Les frais de l'appli, autant les garder dans nos poches, tu vois ?")
    assert found.verdict == "review" and found.categories == {"off_platform"}, found.reasons


def test_fees_avoided_by_paying_to_an_account_is_off_platform(rules):
    found = rules.check("Pour ne pas vous embêter avec les frais, voici mes coordonnées "
                        "bancaires : CH93 0076 2011 6238 5295 7. Bonne route")
    assert found.verdict == "review" and found.categories == {"off_platform", "pii"}, found.reasons


def test_the_fees_of_the_app_explained_are_no_proposal(rules):
    found = rules.check("Les frais de service servent à payer l'assurance du trajet")
    assert found.verdict == "allow", found.reasons


def test_sale_con_said_to_someone_blocks(rules):
    found = rules.check("Tu vas te garer oui, sale con ?")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_two_insulting_adjectives_stacked_block(rules):
    found = rules.check("You are a useless, pathetic little woman, learn to reverse")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_wolof_your_mother_sworn_alone_blocks(rules):
    found = rules.check("Sa ndeye ! Waaw, tu roules comme un fou")
    assert found.verdict == "block" and found.categories == {"insult"}, found.reasons


def test_a_pidgin_threat_blocks(rules):
    found = rules.check("Na so you wan play me? I go deal with you when I see you")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_a_welcome_bonus_on_a_deposit_is_spam(rules):
    found = rules.check("Welcome bonus 150% at LuckyCasino99, first deposit doubled, "
                        "play from the car")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons


def test_the_special_of_the_month_with_a_price_is_spam(rules):
    found = rules.check("Special of the month: full valet for 49$, ask for Dan's Detailing")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons
