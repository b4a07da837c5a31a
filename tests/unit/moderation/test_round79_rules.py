"""Round 79: the misses read on blind78 (trained on since blind79 landed) once blind79 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict. Arabic script folds to Latin letters (`normalise._ARABIC`), so that rules can list its
words."""

from __future__ import annotations

from chalicelib.domain.moderation.normalise import OffsetMap, fold


def test_arabic_script_folds_to_latin_letters_with_offsets_kept():
    text = "يا ابن الكلب، تركتني"
    assert fold(text) == "ya abn alklb, trktny"
    assert fold("إبن الكلبه") == fold("ابن الكلبة")  # forms of one letter fold alike
    offsets = OffsetMap.build(text)
    assert offsets.original(0, len(fold(text))) == (0, len(text))


def test_an_arabic_son_of_a_whore_is_blocked(rules):
    found = rules.check("يا ابن الحرام، تركتني ساعتين في البرد")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_a_dog_named_in_arabic_is_clean(rules):
    found = rules.check("انا في المحطة، الكلب معي في السيارة")
    assert found.verdict == "allow", found.reasons


def test_cash_without_the_app_in_arabic_is_a_proposal(rules):
    found = rules.check("خلصني كاش بدون التطبيق ونوفر العمولة")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


def test_money_earned_from_home_in_arabic_is_spam(rules):
    found = rules.check("اربح 300 دولار شهريا من بيتك، راسلني")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_corsican_piece_of_shit_is_blocked(rules):
    found = rules.check("Sì un pezzu di merda, m'hai lasciatu sottu à a pioggia")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_shipping_costs_said_with_their_price_are_no_insult(rules):
    found = rules.check("Les fdp m'ont coûté 12 euros de plus que prévu, mais le phare est arrivé")
    assert found.verdict == "allow", found.reasons


def test_fdp_said_of_people_is_still_an_insult(rules):
    found = rules.check("Les fdp de l'appli m'ont laissé sur le parking sous la pluie")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_a_van_called_an_old_bitch_is_no_insult(rules):
    found = rules.check("The van's a right old bitch on cold mornings, give it five minutes")
    assert found.verdict == "allow", found.reasons


def test_a_card_machine_called_names_somewhere_is_no_insult(rules):
    found = rules.check("The card machine at the Shell garage is a total dickhead, bring coins")
    assert found.verdict == "allow", found.reasons


def test_a_van_s_driver_called_names_is_still_an_insult(rules):
    found = rules.check("Gobshite of a van cut us up on the ring road")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_an_ending_corrected_after_not_is_no_link(rules):
    found = rules.check("my email is rita.b at gmail, dot com not dot co dot uk, for the receipt")
    assert found.verdict == "mask" and "[email]" in found.text, found.reasons


def test_a_link_spelled_with_two_dots_is_still_one(rules):
    found = rules.check("check vigicrues point gouv point fr before you go")
    assert found.verdict == "review" and "spam" in found.categories, found.reasons
