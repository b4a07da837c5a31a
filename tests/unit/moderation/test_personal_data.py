"""Personal data is masked in the original text; look-alike numbers are left alone."""

from __future__ import annotations

import pytest

from chalicelib.domain.moderation.moderator import default_moderator
from chalicelib.domain.moderation.personal_data import iban_valid, luhn_valid, phone_shaped


@pytest.mark.parametrize(
    "text",
    [
        "06 12 34 56 78",
        "06.45.23.89.10",
        "07-81-22-45-60",
        "0698123457",
        "+33 6 71 84 20 93",
        "0033 7 58 14 96 30",
        "+33 (0)6 45 12 78 90",
        "06 / 12 / 34 / 56 / 78",
        "+44 7911 123456",
        "+1 (415) 555-0132",
        "415.555.2671",
        "07911 123456",
        "020 7946 0018",
        "+49 151 23456789",
    ],
)
def test_phone_numbers_in_written_formats_are_masked(moderator, text):
    verdict = moderator.check(f"mon numéro {text} merci", "fr")
    assert verdict.verdict == "mask"
    assert verdict.text == "mon numéro [phone] merci"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("zéro six douze trente-quatre cinquante-six soixante-dix-huit", "fr"),
        ("zéro sept, douze, quarante, cinquante-cinq, quatre-vingt-dix-neuf", "fr"),
        ("zéro-six-trente-et-un-quarante-deux-cinquante-trois-soixante-quatre", "fr"),
        ("zero six one two three four five six seven eight", "en"),
        ("oh seven nine one one, one two three, four five six", "en"),
        ("zero seven seven double nine one two three four five six", "en"),
    ],
)
def test_spelled_out_phone_numbers_are_masked(moderator, text, lang):
    assert moderator.check(text, lang).text == "[phone]"


@pytest.mark.parametrize(
    "text",
    [
        "O6 I2 34 56 78",
        "o6.5l.22.33.44",
        "０６ ４５ ７８ １２ ３４",
        "0\ufe0f\u20e36\ufe0f\u20e31\ufe0f\u20e32\ufe0f\u20e33\ufe0f\u20e34\ufe0f\u20e35\ufe0f\u20e3"
        "6\ufe0f\u20e37\ufe0f\u20e38\ufe0f\u20e3",
        "⓪⑥ ⑦⑧ ⑨⓪ ①② ③④",
        "06\u200b12\u200b34\u200b56\u200b78",
        "𝟎𝟔 𝟏𝟐 𝟑𝟒 𝟓𝟔 𝟕𝟖",
    ],
)
def test_phone_numbers_with_disguised_digits_are_masked_in_the_original(moderator, text):
    verdict = moderator.check(f"tel {text} ok", "fr")
    assert verdict.text == "tel [phone] ok"


def test_a_number_given_in_two_parts_is_masked_in_both(moderator):
    verdict = moderator.check("mon num : 06 12 34, et la fin c'est 56 78", "fr")
    assert verdict.text == "mon num : [phone], et la fin c'est [phone]"


@pytest.mark.parametrize(
    "text",
    [
        "julie.martin@gmail.com",
        "thomas.bernard arobase orange point fr",
        "marie.l [at] free [dot] fr",
        "paul92(at)hotmail(dot)fr",
        "kevin_durand at outlook dot fr",
        "lea.martin @ laposte . net",
        "ｓｏｐｈｉｅ＠ｇｍａｉｌ．ｃｏｍ",
        "jenny [at] yahoo [dot] co [dot] uk",
        "prenom.nom chez gmail.com",
    ],
)
def test_email_addresses_plain_or_disguised_are_masked(moderator, text):
    assert moderator.check(f"adresse : {text}", "fr").text == "adresse : [email]"


def test_a_sentence_with_at_and_a_domain_is_not_an_email_address(moderator):
    verdict = moderator.check("verify your password at site-login.com", "en")
    assert "pii" not in {reason.category for reason in verdict.reasons}


@pytest.mark.parametrize(
    "iban",
    [
        "FR14 2004 1010 0505 0001 3M02 606",
        "FR5430006000011234567890100",
        "DE89 3704 0044 0532 0130 00",
        "GB82 WEST 1234 5698 7654 32",
        "BE68 5390 0754 7034",
    ],
)
def test_ibans_passing_mod_97_are_masked(moderator, iban):
    assert moderator.check(f"IBAN {iban} merci", "fr").text == "IBAN [iban] merci"


def test_an_iban_failing_mod_97_is_not_masked(moderator):
    text = "IBAN FR14 2004 1010 0505 0001 3M02 607"
    assert moderator.check(text, "fr").text == text
    assert not iban_valid("FR1420041010050500013M02607")


@pytest.mark.parametrize(
    "card", ["4111 1111 1111 1111", "5555-5555-5555-4444", "3782 822463 10005", "4242424242424242"]
)
def test_card_numbers_passing_luhn_are_masked(moderator, card):
    assert moderator.check(f"carte {card} débitée", "fr").text == "carte [card] débitée"


def test_a_card_number_failing_luhn_is_not_masked(moderator):
    assert not luhn_valid("4111111111111112")
    text = "commande 4111 1111 1111 1112"
    assert moderator.check(text, "fr").text == text


@pytest.mark.parametrize(
    "text",
    [
        "Le trajet est à 12,50 € par personne",
        "Rendez-vous à 14h30, départ 07:30, pause à 12:15",
        "Départ le 12/06/2024 à 7h15",
        "Il reste 3 places, 450 km",
        "C'est au 23 rue de la République, 69002 Lyon",
        "Ma réservation n° AB7K2P, TGV 6123 puis TER 17654",
        "Mon vol AF 1234 atterrit à 17:40",
        "En cas d'accident appelez le 112 ou le 15, la SNCF au 3635",
        "Le code reçu par SMS c'est 482913",
        "Le digicode : 4512B, plaque AB-123-CD",
        "Numéro de commande 1234 5678 9012",
        "dossier 2024-118734",
        "J'ai 06 12 34 en tête mais pas la fin",
        "Refund of £18.40 on 12.03.2024, ticket 20240312-0930",
        "My card ending 4242 was charged twice",
        "Call 999, then exit 23 off the M4",
    ],
)
def test_prices_times_dates_references_and_short_numbers_are_not_masked(moderator, text):
    verdict = moderator.check(text)
    assert verdict.verdict == "allow", verdict.reasons
    assert verdict.text == text


def test_coordinates_in_an_allowed_map_link_are_not_a_phone_number(moderator):
    text = "RDV https://maps.google.com/?q=45.7640612,4.8357231"
    assert moderator.check(text).verdict == "allow"


@pytest.mark.parametrize(
    ("digits", "plus", "groups", "expected"),
    [
        ("0612345678", False, (2, 2, 2, 2, 2), True),
        ("33612345678", True, (2, 1, 2, 2, 2, 2), True),
        ("330612345678", True, (2, 1, 1, 2, 2, 2, 2), True),
        ("0012345678", False, (10,), False),
        ("4155552671", False, (3, 3, 4), True),
        ("2024118734", False, (4, 6), False),
        ("061234", False, (2, 2, 2), False),
        ("33612345678", False, (2, 1, 2, 2, 2, 2), True),
        ("33750120612", False, (2, 5, 2, 2), False),
        ("5551234567", False, (3, 3, 4), True),
        ("18005550199", False, (1, 3, 3, 4), True),
        ("1234567890", False, (3, 3, 4), False),
        ("5551234567", False, (10,), False),
    ],
)
def test_phone_shape(digits, plus, groups, expected):
    assert phone_shaped(digits, plus, groups) is expected


def test_mask_only_replaces_personal_data(moderator):
    text = "connard, mon 06 12 34 56 78 et ajoute-moi sur WhatsApp"
    assert moderator.mask(text, "fr") == "connard, mon [phone] et ajoute-moi sur WhatsApp"


@pytest.mark.parametrize("text", ["john [ at ] gmail . com", "jean.dupont ( at ) orange dot fr"])
def test_a_bracketed_at_with_spaces_is_an_address_not_a_crash(text):
    # It used to raise AttributeError (a 500 on message.send) when no provider followed.
    verdict = default_moderator().check(f"écris-moi à {text}", "fr")
    assert "[email]" in verdict.text
    assert "at" not in verdict.text.split("[email]")[-1]


def test_patterns_written_for_speed_find_what_their_plain_forms_find():
    # personal_data.py writes a few patterns so that the regex engine skips ahead (a class
    # first, a lookahead before a dozen alternatives, a search from the digits); compared
    # here with their plain forms on every labelled message and on random strings.
    import re
    from random import Random

    from bench.moderation import load_set
    from chalicelib.domain.moderation import personal_data as pd
    from chalicelib.domain.moderation.normalise import fold

    local, at, weak = pd._LOCAL, pd._AT_STRONG, pd._AT_WEAK
    rest = pd._SPELLED_EMAIL_RE.pattern.split("(?P<domain>", 1)[1]
    plain_spelled = re.compile(
        rf"(?<![a-z0-9._%+\-])(?P<local>{local})(?P<at>{at}|{weak})(?P<domain>{rest}")
    plain_provider = re.compile(
        rf"(?<![a-z0-9._%+\-])(?P<local>{local})(?P<at>{at}|{weak}|\s+(?:sur|on)\s+)"
        rf"{pd._PROVIDER_NAMES}(?![a-z0-9@]|\.[a-z0-9])")
    plain_card = re.compile(
        r"(?<![0-9])(?<![0-9][ \-./])[2-6]\d{3}(?:[ \-./]?\d){9,15}(?![0-9])")
    plain_looks_like = re.compile(r"[oils]\d|\d[oils]")
    plain_date = re.compile(r"(?<!\d)\d{1,2}([/.\- ])\d{1,2}\1(?:19|20)\d{2}(?!\d)")
    random = Random(11)
    pieces = [*"ab0123456789 .-_@()[]*\"'oils,\u2709", " at ", " chez ", " sur ", "gmail",
              " point ", "com", "fr76", "4111", "a commercial", "(a)", " dot ", "/2020", "1999"]
    texts = [fold(row["text"]) for row in load_set()]
    texts += ["".join(random.choice(pieces) for _ in range(random.randint(1, 16)))
              for _ in range(20000)]

    def matches(regex, text):
        return [(m.span(), m.groupdict()) for m in regex.finditer(text)]

    for text in texts:
        assert matches(pd._SPELLED_EMAIL_RE, text) == matches(plain_spelled, text), text
        assert matches(pd._PROVIDER_ONLY_RE, text) == matches(plain_provider, text), text
        assert matches(pd._CARD_RE, text) == matches(plain_card, text), text
        assert matches(pd._DATE_RE, text) == matches(plain_date, text), text
        assert (pd._LOOKS_LIKE_DIGIT_RE.search(text) is None) == (
            plain_looks_like.search(text) is None), text
        assert (pd._IBAN_HEAD_GATE_RE.search(text) is None) == (
            pd._IBAN_HEAD_RE.search(text) is None), text
