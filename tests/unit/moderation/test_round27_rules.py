"""Round 27 rules: the generic kinds of misses read on blind25 once blind26 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest

from tests.unit.moderation.verdicts import rule_names as _kinds


@pytest.mark.parametrize(
    "text",
    [
        "username is ola_n at o2.pl, it keeps saying wrong password",
        "login is kasia underscore w at onet dot pl",
        "my login starts piet.vdm and then it's at telkomsa.net, can you check",
    ],
)
def test_a_login_at_any_providers_domain_is_an_address(rules, text):
    assert "pii.email" in _kinds(rules.check(text)), rules.check(text).reasons


def test_a_place_at_a_domain_like_name_is_no_address(rules):
    for text in ("meet kai.tane at cafe.de", "my email is jo.b and I'm at cafe.de tonight"):
        assert "pii" not in rules.check(text).categories, text


@pytest.mark.parametrize(
    "text",
    [
        "C'est quoi cette abrutie qui klaxonne derrière nous ?",
        "Ce bouffon de passager a encore oublié son casque",
    ],
)
def test_a_member_pointed_at_with_a_mild_insult_is_reviewed(rules, text):
    assert "insult.mild" in _kinds(rules.check(text)), rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Ce con de GPS nous a fait faire un détour",
        "di driver call mi a bloodclaat, mi nah ride wid him again",
        "Frais de port (fdp) gratuits dès 30 €",
        "Voyante, prêt sans banque... le profil qui m'a écrit a tout essayé 😂 signalé",
    ],
)
def test_a_machine_a_reported_patois_insult_shipping_and_a_reported_loan_pass(rules, text):
    assert rules.check(text).verdict == "allow", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Revenus passifs garantis, cherchez « argent-facile » sur Google",
        "Crédit sans banque, remboursement quand tu veux, écris-moi",
    ],
)
def test_passive_income_to_look_up_and_a_loan_without_a_bank_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_an_address_the_app_does_not_recognise_is_no_proposal(moderator):
    found = moderator.check("Mi email a dwayne.p@gmail.com, di app seh it nuh recognise it")
    assert found.verdict == "mask" and "off_platform" not in found.categories, found.reasons
