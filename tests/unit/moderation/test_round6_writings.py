"""Round 6 writings of personal data (rules only): the kinds of e-mail addresses and phone
numbers read on blind4's and the personal-data battery's misses once they became tuning data,
each written again in other words, next to clean look-alikes that must stay clean. Every
positive case here was missed before the round (docs/moderation.md, "Round 6")."""

from __future__ import annotations

import pytest


def _masked(rules, text: str, expected: str) -> None:
    verdict = rules.check(text)
    assert "pii" in verdict.categories, verdict.reasons
    assert verdict.text == expected


def _untouched(rules, text: str) -> None:
    verdict = rules.check(text)
    assert "pii" not in verdict.categories, verdict.reasons
    assert verdict.text == text


# ---- e-mail: the provider's domain given as the rest of an address -------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a handle with its dot spelled, then the domain
        ("c'est paul point girard, puis le domaine c'est hotmail.fr",
         "c'est [email], puis le domaine c'est [email]"),
        ("Pour le reçu : camille point benoit, et pour le fournisseur c'est free.fr",
         "Pour le reçu : [email], et pour le fournisseur c'est [email]"),
        # the second half further on, said to be the second half
        ("Première moitié : ines.roche. Attends, je monte dans le bus, je reprends… deuxième "
         "moitié : laposte.net",
         "Première moitié : [email]. Attends, je monte dans le bus, je reprends… deuxième "
         "moitié : [email]"),
        # the provider said after the handle, with no "@" at all
        ("Ça commence par hugo.lemaire. Pour la suite c'est gmail, en .com",
         "Ça commence par [email]. Pour la suite c'est [email]"),
        # the domain first, the handle after it
        ("The end of it is @gmx.com. The start, give me a sec, is tobias.k",
         "The end of it is [email]. The start, give me a sec, is [email]"),
        ("gmail.com is the domain, the name part is sam.wood",
         "[email] is the domain, the name part is [email]"),
    ],
)
def test_an_address_given_with_its_provider_domain_apart_is_masked(rules, text, expected):
    _masked(rules, text, expected)


def test_a_provider_domain_in_a_text_about_an_address_is_no_link(rules):
    text = "Mon adresse se termine par yahoo.fr, je te redonne le début ce soir"
    assert rules.check(text).verdict == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Mon adresse se termine par yahoo.fr, je te redonne le début ce soir",
        "it ends in @gmx.com but the first part I have to look up",
        "j'ai créé un compte sur outlook.fr hier, c'est pratique",
        "tom92 m'a dit que c'est gmail le mieux",
        "Mon pseudo c'est tom92, la suite au prochain épisode, c'est gmail qui m'a bloqué",
        "Le fichier rapport.pdf, puis c'est gmail.com qui l'a envoyé",
        "@gmail.com c'est mieux que @yahoo.fr, le début je sais plus",
        # a name template, however its dot is spelled
        "Écris-moi par mail, c'est mon prénom point nom chez gmail",
        "email me, it's my first name dot surname at gmail",
    ],
)
def test_a_domain_without_anyones_handle_stays_clean(rules, text):
    _untouched(rules, text)


# ---- e-mail: the provider named before the handle ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon hotmail c'est mon nom puis mon année : dupont1988",
         "Mon hotmail c'est mon nom puis mon année : [email]"),
        ("My yahoo is basically my name with a dot: george.hill",
         "My yahoo is basically my name with a dot: [email]"),
        ("my icloud is simply first.last, so zoe.turner",
         "my icloud is simply [email], so [email]"),
        ("Sur Gmail je suis karim.haddad", "Sur Gmail je suis [email]"),
        ("Mon iCloud, c'est theo.garnier", "Mon iCloud, c'est [email]"),
        # a provider whose name is an everyday word, with a word for an address
        ("Ma boîte Orange : nathalie.roux", "Ma boîte Orange : [email]"),
        ("mon mail perso, chez Free : pgauthier44", "mon mail perso, chez Free : [email]"),
    ],
)
def test_a_handle_after_the_providers_name_is_masked(rules, text, expected):
    _masked(rules, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "mon gmail est plein : supprime photos2019 stp",
        "my icloud account is full, delete photos2020 please",
        "my gmail app crashed: version2 is buggy",
        "check your gmail: report.pdf",
        "my gmail (the old one): photos2019 are all gone",
        "mon hotmail c'est fini, je suis passé à proton",
        "sur gmail c'est mieux rangé",
        "ma boîte orange : la box4 est en panne",
        "Je suis chez Free : forfait2 à 20 euros",
        "mon orange c'est : pomme2 et poire3",
        "chez sfr : box4 en panne, mail bloqué",
    ],
)
def test_a_sentence_about_a_mailbox_stays_clean(rules, text):
    _untouched(rules, text)


# ---- e-mail: the "@" and the dot named in other languages ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "escríbeme: sofia.ruiz arroba gmail punto es",
        "meu email é pedro.costa arroba sapo ponto pt",
        "schreib mir: lena.vogel klammeraffe gmx punkt de",
        "marco.bianchi chiocciola gmail punto com",
        "mo imel: ravi.ramdin arobaz yahoo pwin fr",
        "jan.devries apenstaartje ziggo punt nl",
    ],
)
def test_an_address_with_foreign_names_for_its_signs_is_masked(rules, text):
    verdict = rules.check(text)
    assert "pii" in verdict.categories, verdict.reasons
    assert verdict.text is not None and verdict.text.endswith("[email]")
    assert "punt" not in verdict.text and "pwin" not in verdict.text


@pytest.mark.parametrize(
    "text",
    [
        "Ho visto una chiocciola in giardino, punto e basta",
        "Der Punkt ist: wir fahren um 8, at home",
        "punto de encuentro: la gare, at 8",
    ],
)
def test_those_words_in_sentences_stay_clean(rules, text):
    _untouched(rules, text)


# ---- e-mail: spelled one character at a time, or backwards ---------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("j-u-l-e-s-7-5 arobase g-m-a-i-l point c-o-m", "[email]"),
        ("mon mail : e m m a point l e e arobase g m a i l point c o m", "mon mail : [email]"),
        ("k-e-v-i-n underscore 9-2 at h-o-t-m-a-i-l dot c-o dot u-k", "[email]"),
        ("lucie.fabre, h o t m a i l, point fr", "[email]"),
        ("à l'envers : fr, point, orange, arobase, martin, point, luc", "à l'envers : [email]"),
        ("read it backwards: com, dot, hotmail, at, jo_smith", "read it backwards: [email]"),
    ],
)
def test_an_address_spelled_letter_by_letter_or_backwards_is_masked(rules, text, expected):
    _masked(rules, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "A-B-C, c'est facile at school",
        "le T-G-V part at 8, quai 3",
        "com, net, org, fr, be : choisis ton domaine, arobase",
        "fr, de, it, es : les pays du trajet, at last",
    ],
)
def test_letters_and_lists_that_are_no_address_stay_clean(rules, text):
    _untouched(rules, text)


# ---- phones: in parts with words between, repeats and hundreds -----------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("06 puis 12 34 puis 56 78", "[phone] puis [phone] puis [phone]"),
        ("mon 06 c'est 12, après 34, après 56, et 78",
         "mon [phone] c'est [phone], après [phone], après [phone], et [phone]"),
        ("my mobile starts 07911, then 123, then 456",
         "my mobile starts [phone], then [phone], then [phone]"),
        ("zéro sept, ensuite quarante-cinq douze, et pour terminer 33 90",
         "[phone], ensuite [phone], et pour terminer [phone]"),
        ("mon téléphone : 02 (c'est la Bretagne), puis 98 41, et enfin 22 17",
         "mon téléphone : [phone] (c'est la Bretagne), puis [phone], et enfin [phone]"),
        ("07911 234 5, and the final two digits are 67",
         "[phone], and the final two digits are [phone]"),
        # a "+" before a number given in two parts
        ("+852 6123, sorry the bus, the rest is 4578",
         "[phone], sorry the bus, the rest is [phone]"),
        ("ring me on oh seven nine treble two, four five six, eight one", "ring me on [phone]"),
        ("oh seven seven hundred, nine hundred, four five six", "[phone]"),
    ],
)
def test_a_number_in_parts_or_with_repeats_is_masked(rules, text, expected):
    _masked(rules, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Étapes : 01, puis 02, puis 03, puis 04, puis 05",
        "06, puis 07, puis 08, puis 09, puis 10",
        "Départ 06 h 30, puis 07 h 15, puis 08 h",
        "07.30 puis 12.45 puis 18",
        "Call me after 0930, then 1130, then 15",
        "On part le 06, puis le 13 et enfin le 20 puis le 27 puis le 30",
        "mon numéro c'est 06 12 34 56, je te donne la fin après",
        "we were a hundred people, two hundred cars and three hundred bikes",
        "le colis 1Z 7X2 BC4 07 6543 2109 arrive lundi",
    ],
)
def test_lists_hours_dates_and_codes_in_parts_stay_clean(rules, text):
    _untouched(rules, text)


# ---- phones: eight-digit national numbers --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("whatsapp me at 9123 4567 lah", "whatsapp me at [phone] lah"),
        ("Mon numéro à Singapour : 8123 4567", "Mon numéro à Singapour : [phone]"),
        ("HK number: 5123 8876, call after 6", "HK number: [phone], call after 6"),
        ("Mon numéro au Liban : 03 123 456", "Mon numéro au Liban : [phone]"),
        ("Nimewo mwen se 3456-7812, rele m aswè a", "Nimewo mwen se [phone], rele m aswè a"),
        ("mo nimero se 5912 3374, mo res Curepipe", "mo nimero se [phone], mo res Curepipe"),
    ],
)
def test_an_eight_digit_number_said_to_be_a_phone_is_masked(rules, text, expected):
    _masked(rules, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Le numéro gagnant est 4521 8890",
        "Booking ref 4821 9930, call me if there's a problem",
        "call me between 2030 2130",
        "mon numéro finit par 34 56 78 90",
        "text me the voucher 7788 9911",
        "Appelle-moi, j'ai payé 2500 3000 €",
        "il y a 4521 8890 habitants",
        "Appelle-moi, le digicode c'est 4521 8890",
        "phone battery 2345 6789 mAh, call me if you want it",
    ],
)
def test_eight_digits_that_are_no_phone_stay_clean(rules, text):
    _untouched(rules, text)
