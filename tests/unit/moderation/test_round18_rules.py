"""Round 18 rules: the generic kinds of misses read on blind16 once blind17 had been measured to
judge them, and the ways of writing bank details and phone numbers a battery of formats found
unread, each written again in other words, next to look-alikes that must stay as they are."""

from __future__ import annotations

import pytest


def _data(rules, text: str) -> set[str]:
    """The kinds of personal data the moderator masks in a text ("pii.iban", "pii.phone")."""
    return {reason.rule for reason in rules.check(text).reasons if reason.rule.startswith("pii.")}


@pytest.mark.parametrize(
    "text",
    [
        # A Swiss IBAN copied two digits long: its check still holds.
        "IBAN de l'asso : CH63 0483 5012 3456 7800 912, le trésorier l'a noté ainsi",
        # A Dutch IBAN's head and bank code, then the rest further on.
        "IBAN begins NL87 RABO, it's my Dutch account, and then 0312 4578 96",
        # A French RIB in its four fields, named or not, whose key holds.
        "code banque 20041 guichet 01005 compte 00005417236 clé 07",
        "RIB 10278 06040 20573461208 94 pour le remboursement",
        # A British sort code named with its account number, either way round.
        "sort code 20-45-77, account number 41926850",
        "acc 41926850 and the sort code is 204577",
    ],
)
def test_bank_details_in_more_writings_are_masked(rules, text):
    assert _data(rules, text) == {"pii.iban"}, text


@pytest.mark.parametrize(
    "text",
    [
        "IBAN de l'asso : CH63 0483 5012 3456 7800 913, le trésorier l'a noté ainsi",
        "RIB 10278 06040 20573461208 95 pour le remboursement",
        "sort code 20-45-77, I'll send the account later",
        "dossier 20041 01005 ref 00005417236 page 12",
    ],
)
def test_their_look_alikes_are_no_bank_details(rules, text):
    assert "pii.iban" not in _data(rules, text), text


@pytest.mark.parametrize(
    "text",
    [
        # The end of a number said after a sentence, an "oh" between read as no digit.
        "My number begins 07700 900, I'm parking near the lido. Oh and it ends 461.",
        # Punctuation dictated between the parts.
        "my number is zero seven seven zero zero comma nine zero zero comma five one four",
        # An American area code, then the rest in words.
        "area code four one five, then five five five, oh one nine two",
        # Eight digits after an app that pays to a phone number, or a country that dials them.
        "MobilePay til 2748 1936 så er vi kvit",
        "mon numéro tunisien c'est le 98 412 736",
    ],
)
def test_phone_numbers_in_more_writings_are_masked(rules, text):
    assert "pii.phone" in _data(rules, text), text


@pytest.mark.parametrize(
    "text",
    [
        "vol TU 724 pour Tunis, porte 12, réservation 98 412 736",
        "Oh and the bay is 12, ends at 461 on the pay machine",
    ],
)
def test_numbers_near_those_words_are_no_phones(rules, text):
    assert "pii.phone" not in _data(rules, text), text


@pytest.mark.parametrize(
    "text",
    [
        "u r a t w a t and the whole quiz team knows",
        "Please tell the driver that he is a useless little shit, thanks",
        "Dites-lui bien de ma part qu'il est une vraie merde",
        "honestly you're a total see-you-next-Tuesday",
    ],
)
def test_spelled_relayed_and_euphemised_insults_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "ok, see-you-next-Tuesday then, same car park",
        "Faggots with onion gravy at the pub before we set off",
        "tell him he's a star, the car was a bit of a shit tip though",
    ],
)
def test_goodbyes_and_a_dish_are_no_insults(rules, text):
    assert "insult" not in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text", ["go knock 'em dead at the gig tonight", "Tu vas les tuer à ton oral demain !"])
def test_good_luck_wished_as_a_killing_is_no_insult_for_the_model_either(moderator, text):
    assert "insult" not in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Shrooms, carts and edibles, delivered same day anywhere in Bristol, hit me up",
        "Points de permis récupérés sans que tu bouges, quelqu'un les prend, discrétion garantie",
        "Tu veux arrondir tes fins de mois ? Cherche « méthode Kevin R. » sur Google, c'est mon "
        "programme",
        "Permis de conduire sans examen en 48h, contactez-nous sur WhatsApp",
        "Huile d'olive et miel en direct du producteur, prix d'usine, commandez vite !",
        "30% off all hoodies this week: hoodiehub-sale.shop",
    ],
)
def test_dealers_papers_without_the_test_and_factory_prices_are_spam(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Are edibles allowed in the car? I bought some in Amsterdam",
        "J'ai acheté le miel en direct du producteur, j'ai commandé hier",
        "je dois arrondir mes fins de mois alors je propose des places",
    ],
)
def test_their_look_alikes_are_no_spam(rules, text):
    assert "spam" not in rules.check(text).categories, rules.check(text).reasons


def test_a_link_before_setting_off_is_reviewed_not_blocked(rules):
    found = rules.check("the ferry times: ferrytimes-iow.co.uk/cowes, we need to be off by 2")
    assert found.verdict == "review", found.reasons


def test_a_member_asking_how_to_change_their_account_email_is_no_spam(moderator):
    text = ("J'ai créé mon compte avec lea.fontaine.pro@gmail.com mais j'ai changé de travail, "
            "j'ai plus accès à cette boîte et je reçois plus les codes. Comment je fais pour la "
            "changer ?")
    assert "spam" not in moderator.check(text).categories, moderator.check(text).reasons
