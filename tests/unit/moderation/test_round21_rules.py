"""Round 21 rules: the generic kinds of misses read on blind19 once blind20 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest

from tests.unit.moderation.verdicts import rule_names as _kinds


@pytest.mark.parametrize(
    "text",
    [
        "Écris-moi plutôt sur https://wa.me/33698127654 pour le retour",
        "https://api.whatsapp.com/send?phone=447700900461 that's me for the festival",
    ],
)
def test_the_number_in_a_messenger_link_is_masked(rules, text):
    found = rules.check(text)
    assert "pii.phone" in _kinds(found) and "off_platform" in found.categories, found.reasons
    assert "[phone]" in found.text, found.text


def test_a_number_in_an_ordinary_link_or_query_stays(rules):
    for text in ("order number=12345678 ok", "see wa.me/message/ABC123XYZ"):
        assert "pii.phone" not in _kinds(rules.check(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "write to niamh.ocallaghan at hot mail dot co dot uk",
        "c'est baptiste.leroy92 arobase gé mail point com",
        "tunde.bakare at out look dot com for the invoices",
        "it's priya.nair at i cloud dot com",
    ],
)
def test_a_provider_said_in_two_words_is_still_an_address(rules, text):
    assert "pii.email" in _kinds(rules.check(text)), rules.check(text).reasons


def test_hot_mail_and_out_look_in_other_senses_are_no_address(rules):
    for text in ("I got hot mail today lol", "it was hot, mail the form later",
                 "the out look for Saturday is rain"):
        assert "pii" not in rules.check(text).categories, text


@pytest.mark.parametrize(
    "text",
    [
        "login is siobhan.keane84, and the domain is iol dot ie",
        "avant l'arobase c'est mathis.girard_07, après l'arobase c'est free point fr",
        "user name dara.whelan3, domain: eircom.net",
    ],
)
def test_a_handle_then_its_domain_said_as_such_is_an_address(rules, text):
    kinds = _kinds(rules.check(text))
    assert kinds.count("pii.email") == 2, rules.check(text).reasons


def test_a_domain_named_without_a_handle_is_no_address(rules):
    for text in ("our domain is entraide.com and the provider is ovh",
                 "mon site c'est jardin-de-lea.fr, le domaine est chez ovh"):
        assert "pii" not in rules.check(text).categories, text


@pytest.mark.parametrize(
    "text",
    [
        "04 then 27 then 913, sorry, then 552, that's me",
        "Oh, then two seven, then one one four, then nine eight two, then three three",
        "Mon portable à Papeete : 89 47 21 06",
    ],
)
def test_a_mobile_given_in_parts_or_in_french_polynesia_is_masked(rules, text):
    assert "pii.phone" in _kinds(rules.check(text)), rules.check(text).reasons


def test_counted_lists_and_hours_are_no_number_in_parts(rules):
    for text in ("platform 4, then 19 then 286", "It was 04 then 05 then 06 then 07 then 08",
                 "bus 04 puis 19 puis 286 puis 473", "score was 0, then 1, then 2 then 3",
                 "Vol TN 12345678 pour Papeete"):
        assert "pii" not in rules.check(text).categories, text


def test_an_app_named_a_few_words_before_a_number_is_a_proposal(rules):
    found = rules.check("telegram works best for me: 07700 900 264")
    assert "off_platform" in found.categories and "pii" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Au Havre un conducteur de l'appli demande qu'on le paie par Lydia en dehors de "
        "l'application, c'est autorisé ça ?",
        "Un chauffeur demande qu'on le paie en liquide hors de l'appli, c'est permis ?",
    ],
)
def test_asking_whether_a_reported_request_is_allowed_is_no_proposal(moderator, text):
    assert "off_platform" not in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "lol I'm a real idiot, read the time wrong",
        "lol I'm a proper idiot, read it as Leeds not Leek",
        "Le parcmètre de la gare est un vrai connard, il a mangé ma pièce",
        "L'imprimante du bureau est une vraie conne, elle a bouffé mon billet",
    ],
)
def test_oneself_or_a_machine_called_names_is_no_insult(moderator, text):
    assert "insult" not in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Ma cousine a un code pour l'assurance : -30 % avec le code ROUTE30, foncez",
        "Rachetons votre véhicule comptant, même en panne, on se déplace",
        "Les gitans du camping, faut les chasser, tous autant qu'ils sont",
        "I hope your van blows up on the ring road with you still in it",
    ],
)
def test_a_discount_code_a_car_buyback_a_group_expelled_and_a_death_wish_are_blocked(
        rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "le code de la porte c'est 12 puis A4B2",
        "we're buying a car for cash next week, any tips?",
        "hope it goes well with you inside the tent",
        "I hope you still have the bag inside the car",
    ],
)
def test_a_door_code_a_purchase_and_good_wishes_stay_allowed(rules, text):
    assert rules.check(text).verdict == "allow", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Mon numéro : zéro sept, puis trois fois vingt-deux, puis treize, puis quarante",
        "Zéro six. Ensuite douze. Puis quatre-vingt-un. Trente. Et cinquante-cinq. Voilà.",
        "the last six are 900388, the first five are 07700",
        "it's 555-0177, area code 415",
        "au Sénégal, tu m'as au 76 402 18 33",
        "Chez ma sœur à Namur : 081 22 47 90",
    ],
)
def test_numbers_dictated_by_pairs_or_halves_reversed_or_of_nine_digit_countries(rules, text):
    assert "pii.phone" in _kinds(rules.check(text)), rules.check(text).reasons


def test_nine_digits_next_to_a_country_but_no_phone_shape_stay(rules):
    for text in ("à Bruxelles, facture n° 123 456 789", "au Sénégal, commande 771234567",
                 "vol Dakar AF 718 234 567"):
        assert "pii" not in rules.check(text).categories, text


@pytest.mark.parametrize(
    "text",
    [
        "card is 5425 2334 then three zero one zero, nine one zero one",
        "mastercard: five four two five, two three three four, three zero one zero, nine one "
        "zero one",
    ],
)
def test_a_card_read_out_in_words_is_a_card(rules, text):
    assert _kinds(rules.check(text)) == ["pii.card"], rules.check(text).reasons


def test_a_card_read_out_that_fails_luhn_is_no_card(rules):
    text = "card is 5425 2334 then three zero one zero, nine one zero two"
    assert "pii.card" not in _kinds(rules.check(text))


@pytest.mark.parametrize(
    "text",
    ["you'll get me on femi.adeyinka, yahoo.", "my address: kofi.mensah77 hotmail com"],
)
def test_a_handle_with_its_provider_after_a_comma_or_a_space_is_an_address(rules, text):
    assert "pii.email" in _kinds(rules.check(text)), rules.check(text).reasons


def test_a_file_name_before_a_provider_is_no_address(rules):
    assert "pii" not in rules.check("the file is notes.txt, gmail.").categories


@pytest.mark.parametrize(
    "text",
    [
        "Le conducteur m'a lâché « espèce de grosse pute » parce que j'avais trois minutes de "
        "retard. Je fais quoi ?",
        "Le passager m'a balancé « ferme ta gueule connard » devant mes enfants, je veux porter "
        "plainte.",
    ],
)
def test_an_insult_reported_in_quotes_is_not_the_writers(moderator, text):
    assert "insult" not in moderator.check(text).categories, moderator.check(text).reasons


def test_an_insult_in_quotes_said_to_the_reader_is_still_blocked(moderator):
    for text in ('You know what, "you stupid bitch" is what you are',
                 "Tu sais ce que t'es ? « une grosse pute »"):
        assert moderator.check(text).verdict == "block", text


@pytest.mark.parametrize(
    "text",
    [
        "tomasz.nowak — at — outlook — dot — com",
        "my email is tomasz.nowak@ then outlook.com",
        "mon mail c'est tomasz.nowak et c'est un hotmail",
    ],
)
def test_an_address_with_dashes_a_pause_after_the_at_or_its_provider_said_after(rules, text):
    assert "pii.email" in _kinds(rules.check(text)), rules.check(text).reasons


def test_dashes_and_at_in_a_sentence_are_no_address(rules):
    for text in ("meet - at - noon, bring the map - dot - com", "ping me @ then lunch",
                 "le fichier c'est photo.jpg et c'est du gmail"):
        assert "pii" not in rules.check(text).categories, text


@pytest.mark.parametrize(
    "text",
    [
        "Congrats on being the dumbest muppet in Cardiff, what an achievement",
        "Je vous le dis poliment : vous êtes le plus gros abruti que j'aie conduit cette année.",
    ],
)
def test_an_insult_made_the_biggest_of_its_kind_is_blocked(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


def test_the_biggest_said_of_oneself_is_no_insult(rules):
    assert rules.check("ok I'm officially the biggest idiot on this app").verdict == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Crit'Air : votre véhicule a circulé sans vignette. Réglez avant minuit sur "
        "critair-amende-paiement.info",
        "Your refund of £23.10 is waiting, claim it at rideshare-refunds-claim.com",
    ],
)
def test_a_link_whose_host_asks_to_pay_settle_or_claim_is_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam.bait_link" in _kinds(found), found.reasons


def test_a_link_blocked_by_its_host_still_gets_its_proposal_read(moderator):
    text = ("Hi, I'm the driver. The app blocked your card, pay me through this link instead: "
            "quick-cash-rides.com")
    assert {"spam", "off_platform"} <= moderator.check(text).categories, moderator.check(text)


@pytest.mark.parametrize(
    "text", ["Viber plutôt ?", "Telegram instead?",
             "Let's organise Saturday's ferry run on WhatsApp, this chat is too slow."])
def test_an_app_offered_instead_or_to_arrange_the_next_trip_is_a_proposal(rules, text):
    assert "off_platform" in rules.check(text).categories, rules.check(text).reasons


def test_sorting_or_planning_seen_on_an_app_is_no_proposal(rules):
    for text in ("I sorted the photos on Instagram", "The plan on Facebook said 9am",
                 "I saw that sort of thing on Facebook"):
        assert "off_platform" not in rules.check(text).categories, text
