"""Personal data in folded text: phone numbers, e-mail addresses, IBANs and card numbers.

Numbers are validated, not just matched: IBANs by their mod-97 check, cards by Luhn, phone
numbers by their shape (a French number has ten digits starting with 0, or +33/0033 and
nine digits; other international numbers start with + or 00; North American ones are grouped
3-3-4). Times, dates with a year, prices, postcodes and short numbers never reach ten digits
in one run, so they are left alone. A phone number is read through separators (an unusual
one such as ":" only when used throughout), letters standing for digits (O, I, l, and S
between pairs), digits of any script ("٠٦", "❶"), number words in French and English
("zéro six douze…", "oh seven nine…") and, once per message, two parts written apart
("06 12 34, et la fin 56 78"). An e-mail address is read through every disguise of its "@"
and dots; a weak one ("at", "chez", "sur", a space for the last dot) needs a known provider
and a local part that looks like a handle, and an address may also be given after its
provider ("mon gmail c'est lea.d") or in two parts ("julie.m … arobase gmail point com").
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

from chalicelib.domain.moderation.lexicon import trie_regex
from chalicelib.domain.moderation.normalise import overlaps

PHONE, EMAIL, IBAN, CARD = "phone", "email", "iban", "card"

_LOCAL = r"[a-z0-9](?:[a-z0-9._%+\-]*[a-z0-9])?"
_LABEL = r"[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"
# A plain address may have a local part in any script ("张伟@qq.com", "юля@gmail.com").
_EMAIL_RE = re.compile(
    r"(?<![\w.%+\-])[^\W_](?:[\w.%+\-]*[^\W_])?"
    rf"@{_LABEL}(?:\.{_LABEL})*\.[a-z]{{2,}}(?![a-z0-9])"
)
# Disguised "@": bracketed ("[at]", "(a)", "(@)", "{arobase}", "*at*"), doubled ("@@"), glued
# with dashes or underscores ("-at-", "_at_"), an envelope or look-alike emoji, or a word no
# sentence uses ("arobase" and its misspellings). A bare "at", "chez" or "a" is weak: it needs
# more evidence (see `_convincing`).
_AROBASE = r"ar{1,2}oba(?:s{1,2}e|ze|s|z)?"
_AT_WORDS = rf"(?:at|chez|{_AROBASE})"
# The sign's name said in full: "a commercial" (French), "at the rate" (Indian English).
_AT_SAID = r"\s+(?:a\s+commerciale?|at\s+the\s+rate(?:\s+of)?)\s+"
_AT_EMOJI = "\U0001f4e7\u2709\U0001f4e9\U0001f4e8\U0001f300\U0001f150\U0001f170"
_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
_AT_STRONG = (
    rf"\s*@+\s*|\s*{_OPEN}\s*(?:{_AT_WORDS}|@|a)\s*{_CLOSE}\s*|\s*[\-_]{_AT_WORDS}[\-_]\s*"
    rf"|\s*(?:\*(?:{_AT_WORDS}|@)\*|\"(?:{_AT_WORDS}|@)\"|'(?:{_AT_WORDS}|@)')\s*"
    rf"|\s*[{_AT_EMOJI}]\s*|\s+{_AROBASE}\s+|{_AT_SAID}"
)
_AT_WEAK = r"\s+(?:at|chez|a)\s+"
# Dots: the character and its look-alikes that folding keeps, or "dot", "point", "pt".
_DOT_WORDS = r"(?:dot|point|pt)"
_DOT = (
    rf"\s*[.\u22c5\u30fb\u25cf]\s*|\s*{_OPEN}\s*(?:{_DOT_WORDS}|\.)\s*{_CLOSE}\s*"
    rf"|\s+{_DOT_WORDS}\s+|\s*[\-_]{_DOT_WORDS}[\-_]\s*"
    rf"|\s*(?:\*{_DOT_WORDS}\*|\"{_DOT_WORDS}\"|'{_DOT_WORDS}')\s*"
)
# Only endings that e-mail providers use: "I'm at home. It's late" must not become an address.
_MAIL_TLD = r"(?:com|fr|net|org|uk|io|eu|info|ch|nl|be|me)"
# Country endings of providers abroad ("sapo point pt", "web point de"): read only after a
# strong sign for the "@" and a dot that is written, never after "at" or a space.
_ABROAD_TLDS = frozenset(
    "pt de es it ca qc us in au nz ie lu at pl ro sn ci cm ma tn dz ml bf bj tg ga cd mg re br "
    "mx ru".split()
)
_ABROAD_TLD = "(?:" + "|".join(sorted(_ABROAD_TLDS)) + ")"
# Before the ending only: a comma or a plain space ("gmail,com", "gmail com"), weak as well,
# or the dot word glued to the ending ("gmail dotcom").
_LAST_DOT = rf"{_DOT}|\s*,\s*|\s+|\s+(?:dot|point)(?={_MAIL_TLD}(?![a-z0-9]))"
_SPELLED_EMAIL_RE = re.compile(
    rf"(?<![a-z0-9._%+\-])(?P<local>{_LOCAL})(?P<at>{_AT_STRONG}|{_AT_WEAK})"
    rf"(?P<domain>{_LABEL}(?:(?:{_DOT}){_LABEL})*?)(?P<dot>{_LAST_DOT})"
    rf"(?P<tld>{_MAIL_TLD}|{_ABROAD_TLD})(?![a-z0-9])"
)
_MAIL_PROVIDERS = frozenset(
    "gmail googlemail hotmail outlook live msn yahoo ymail aol icloud me mac orange wanadoo "
    "free sfr neuf laposte bbox numericable protonmail proton gmx web mail yandex".split()
)
# Providers whose name is no everyday word: an address may stop at them ("lea.d @gmail").
_PROVIDER_NAMES = (
    r"(?:gmail|googlemail|hotmail|outlook|yahoo|ymail|icloud|protonmail|wanadoo|laposte)"
)
_PROVIDER_NAME_RE = re.compile(_PROVIDER_NAMES)
# "sur"/"on" stand for the "@" only before such a provider ("tom.smith on hotmail"), and like
# every weak sign they need a handle.
_PROVIDER_ONLY_RE = re.compile(
    rf"(?<![a-z0-9._%+\-])(?P<local>{_LOCAL})(?P<at>{_AT_STRONG}|{_AT_WEAK}|\s+(?:sur|on)\s+)"
    rf"{_PROVIDER_NAMES}(?![a-z0-9@]|\.[a-z0-9])"
)
# No "@" at all, a handle then the provider's full domain: "julie.martin gmail.com".
_NO_AT_RE = re.compile(
    rf"(?<![a-z0-9._%+\-])(?P<local>{_LOCAL})\s+(?:{_PROVIDER_NAMES})(?:{_DOT}){_MAIL_TLD}"
    r"(?![a-z0-9])"
)
# "mon gmail c'est lea.durand92", "my gmail address is tom.smith88", "gmail : lea.d": the
# provider named first, then a handle (a dot, an underscore or a digit, see `_named`).
_NAMED_PROVIDER_RE = re.compile(
    r"(?:\b(?:mon|ma|my|adresse|address)\s+(?:(?:e-?mail|mail|boite|adresse|address|compte"
    rf"|account)\s+)?{_PROVIDER_NAMES}(?:\s+(?:address|adresse|account|compte))?"
    r"\s*(?:c'?\s?est|est|is|:|=|->)?"
    rf"|\b{_PROVIDER_NAMES}\s*(?::|=|->))\s*"
    r"(?P<local>[a-z][a-z0-9_\-]*(?:\.[a-z0-9_\-]+|\s+(?:point|dot)\s+[a-z][a-z0-9_\-]+)*)"
    r"(?![a-z0-9@])"
)
# Words that end a sentence rather than an address: "... c'est fini point barre".
_NOT_LOCAL_ENDS = frozenset(("barre", "final", "de", "com"))
# An address introduced as one ("my email is julie at gmail"): the local part needs no handle.
_MAIL_INTRO_RE = re.compile(
    r"\b(?:e-?mail|mail|adresse|address|courriel)\s*(?:is|c'?\s?est|est|:|=|->)\s*\Z"
)
_NOT_A_LOCAL = frozenset(
    "me moi you toi him her lui elle us nous vous them eux it is est was are there here mail "
    "email adresse address compte account inbox and et or ou the le la les mon my ma pas not "
    "down broken full blocked bloque plein nul also aussi still toujours puis ensuite apres "
    "then after next suite fin end reste rest domaine domain c ca "
    # "mon mail finit par @gmail.com", "it ends with @outlook.com": the domain alone.
    "par with by avec en de du des in from to pour for sur on at dans au aux un une a an "
    "finit termine ends ending start starts commence begins boite mailbox ta ton sa son your "
    "his".split()
)
# The rest of an address given apart from its local part: "julie.m ... arobase gmail point com".
_SPLIT_DOMAIN_RE = re.compile(
    rf"(?P<strong>@+|\b{_AROBASE}|[{_AT_EMOJI}]|{_OPEN}\s*(?:at|@)\s*{_CLOSE}|{_AT_SAID})?(?(strong)|"
    rf"\b(?:at|chez))\s*(?P<domain>{_PROVIDER_NAMES})(?P<tld>(?:{_DOT}){_MAIL_TLD})?(?![a-z0-9])"
)
_SPLIT_HANDLE_RE = re.compile(
    r"(?<![a-z0-9._%+\-@'])[a-z][a-z0-9_\-]*(?:\.[a-z0-9_\-]+)+(?![a-z0-9@])"
    r"|(?<![a-z0-9._%+\-@'])[a-z][a-z_\-]*\d[a-z0-9_\-]*(?![a-z0-9@.])"
)
_SPLIT_EMAIL_GAP = 40
# A handle, then the provider named after it ("lea.d92 (gmail)", "tom_b, c'est du hotmail",
# "kev.ob, it's a yahoo one"): the provider's name makes the handle an address.
_PROVIDER_AFTER_RE = re.compile(
    r"(?<![a-z0-9._%+\-@'])(?P<local>[a-z][a-z0-9_\-]*(?:\.[a-z0-9_\-]+)+"
    r"|[a-z][a-z_\-]*\d[a-z0-9_\-]*)"
    rf"\s*(?:\(\s*{_PROVIDER_NAMES}\s*\)|,?\s+(?:c'?\s?est|it'?s|its)\s+"
    rf"(?:du\s+|un\s+|une\s+|a\s+|an\s+|on\s+|sur\s+|chez\s+)?{_PROVIDER_NAMES})(?![a-z0-9@.])"
)
# Further apart, the words between must say that the rest of the address follows ("pas de
# majuscule. Et derrière c'est @gmail.com", "the provider bit comes after the at: ...").
_SPLIT_EMAIL_CUED_GAP = 90
_SPLIT_EMAIL_CUE_RE = re.compile(
    r"\b(?:derriere|apres|ensuite|puis|suite|reste|fin|fournisseur|domaine|then|after|rest"
    r"|second|end|provider|domain)\b|arob|@"
)
# "#" standing for "@" ("remplace le # par un @ : sophie.lenoir#hotmail.fr"): a handle glued
# to a mail provider's domain (a hashtag has nothing glued before it).
_HASH_AT_RE = re.compile(
    rf"(?<![\w.%+\-#])(?P<local>{_LOCAL})#(?P<domain>{_LABEL})\.{_MAIL_TLD}(?![a-z0-9])"
)
# A mail provider's domain standing alone ("then it's the google one, gmail.com", "derrière
# l'arobase c'est numericable.fr"): with a handle a little before it, the two are an address.
_MAIL_DOMAIN_RE = re.compile(
    r"(?<![a-z0-9._%+\-@#])(?:" + "|".join(sorted(_MAIL_PROVIDERS - {"me", "mail", "web"}))
    + rf")\.{_MAIL_TLD}(?![a-z0-9])"
)
# The same with its dot spelled out, for providers whose name is no everyday word ("le
# fournisseur c'est laposte point net").
_SPELLED_MAIL_DOMAIN_RE = re.compile(
    rf"(?<![a-z0-9._%+\-@#]){_PROVIDER_NAMES}(?:\s+(?:dot|point)\s+|\s*{_OPEN}\s*(?:dot|point|\.)"
    rf"\s*{_CLOSE}\s*){_MAIL_TLD}(?![a-z0-9])"
)
_AT_GATE_RE = re.compile(
    rf"[@{_AT_EMOJI}]|\bat\b|[\-_*\"']at[\-_*\"']|arob|arrob|\bchez\b|\(a\)|\[a\]|commercial"
    rf"|{_PROVIDER_NAMES}"
)
# The same test on the canonical words and with substring tests (the regex costs µs).
_AT_GATE_WORDS = frozenset(
    "at chez arroba gmail googlemail hotmail outlook yahoo ymail icloud protonmail wanadoo "
    "laposte commercial commerciale".split()
)
# The signs for "@" that are not words ("(a)", "[a]", an envelope emoji, "-at-"), tested one
# by one, substrings first: one regex for all of them was tried at every character.
_AT_EMOJI_RE = re.compile(f"[{_AT_EMOJI}]")
_GLUED_AT_RE = re.compile(r"[\-_*\"']at[\-_*\"']")
# What a local part looks like when no "@" vouches for it: "j.martin", "tom_smith", "julie92"
# (not "a6", "bk4578", "abc-123-456" or "today.3").
_HANDLE_RE = re.compile(r"[a-z][a-z\-]*[._][a-z][a-z0-9._\-]*|[a-z]{3,}[a-z._\-]*\d+")
_SPELLED_DOT_RE = re.compile(r"dot|point|\bpt\b|\s\.|\.\s|[\[({<*\"'\u22c5\u30fb\u25cf]")
_PROVIDER_RE = re.compile(r"[a-z0-9\-]+")
# A dot spelled out inside the local part ("tom dot smith at ..."), read backwards from the "@".
_LOCAL_HEAD_RE = re.compile(
    rf"[a-z0-9_\-]+(?:\s+{_DOT_WORDS}\s+|\s*{_OPEN}\s*{_DOT_WORDS}\s*{_CLOSE}\s*|\s+\.\s*|\.\s+)\Z"
)
# Letters written one at a time: "j u l i e @ g m a i l . c o m".
_SPACED_RE = re.compile(r"(?<![a-z0-9])(?:[a-z0-9._@] ){5,}[a-z0-9](?![a-z0-9])")

_IBAN_RE = re.compile(r"(?<![a-z0-9])[a-z]{2}\d{2}(?:[ \-]?[a-z0-9]){11,32}")
# The SWIFT registry's lengths, and those of the countries that use IBANs outside it (the
# West and Central African monetary unions, Morocco, Algeria, Madagascar...).
_IBAN_LENGTHS = {
    "ad": 24, "ae": 23, "al": 28, "at": 20, "az": 28, "ba": 20, "be": 16, "bg": 22, "bh": 22,
    "br": 29, "ch": 21, "cr": 22, "cy": 28, "cz": 24, "de": 22, "dk": 18, "do": 28, "ee": 20,
    "es": 24, "fi": 18, "fo": 18, "fr": 27, "gb": 22, "ge": 22, "gi": 23, "gl": 18, "gr": 27,
    "gt": 28, "hr": 21, "hu": 28, "ie": 22, "il": 23, "is": 26, "it": 27, "jo": 30, "kw": 30,
    "kz": 20, "lb": 28, "li": 21, "lt": 20, "lu": 20, "lv": 21, "mc": 27, "md": 24, "me": 22,
    "mk": 19, "mr": 27, "mt": 31, "mu": 30, "nl": 18, "no": 15, "pk": 24, "pl": 28, "ps": 29,
    "pt": 25, "qa": 29, "ro": 24, "rs": 22, "sa": 24, "se": 24, "si": 19, "sk": 24, "sm": 27,
    "tn": 24, "tr": 26, "ua": 29, "xk": 20,
    "bj": 28, "bf": 28, "ci": 28, "ml": 28, "ne": 28, "sn": 28, "tg": 28, "gw": 25,
    "cm": 27, "cf": 27, "td": 27, "cg": 27, "gq": 27, "ga": 27,
    "ma": 28, "dz": 26, "mg": 27, "mz": 25, "ao": 25, "cv": 25,
}
# An IBAN given in parts ("FR76 3000 6000 01… la suite : 12 3456 7890 189"): its country and
# check digits, then runs of groups holding digits, up to this many characters further.
_IBAN_HEAD_RE = re.compile(r"(?<![a-z0-9])([a-z]{2})\d{2}")
_DIGIT_RUN_RE = re.compile(r"[a-z0-9]*\d[a-z0-9]*(?:[ \-][a-z0-9]*\d[a-z0-9]*)*")
_SPLIT_IBAN_REACH = 160
# Groups apart by spaces, dashes, dots or slashes ("3713.139777.42608", "4172/4700/...").
_CARD_RE = re.compile(r"(?<![0-9])[2-6]\d{3}(?:[ \-./]?\d){9,15}(?![0-9])")
_CARD_LENGTHS = (16, 15, 19, 14, 13, 17, 18)

_DIGIT_RE = re.compile(r"\d")
# Separators no number uses elsewhere (":", ";", "\\", an emoji): they join digit groups only
# when the same one is used throughout, at least three times in a row ("06:12:34:56:78"), so
# that "06:30 07:15", "12:34:56" or "+44: 06 12 34" stay apart (see `_odd_joins`).
_ODD_GAP_RE = re.compile(r"\s?[^\w\s+%€$£°'\"]{1,3}\s?")
_DIGITS_RE = re.compile(r"\d+")
# Letters that stand for digits, but only inside a run that already holds a digit ("O6", "5l");
# "S" for 5 only in a pair between two pairs of digits with the same separator ("34.S6.78"),
# so that "90s", "S7" or "s01e05" stay as they are.
_LOOKS_LIKE_DIGIT_RE = re.compile(r"[oils]\d|\d[oils]")
_MIXED_NUMBER_RE = re.compile(
    r"(?<![a-z0-9])[0-9oil]*\d[0-9oil]*(?![a-z0-9])"
    r"|(?<=\d\d([ .\-/,|~*]))(?:s\d|\ds)(?=\1[0-9oil]{2}(?![a-z0-9]))"
)
_AS_DIGITS = str.maketrans("oils", "0115")
_DATE_RE = re.compile(r"(?<!\d)\d{1,2}([/.\- ])\d{1,2}\1(?:19|20)\d{2}(?!\d)")
_SEPARATOR_RE = re.compile(r"[\s.\-_/,()*~|]{0,4}")
# "+33", or "plus" before a spelled-out country code.
_PLUS_RE = re.compile(r"(?:\+|\bplus)\s*$")
_JOIN_RE = re.compile(r"[\s\-]+(?:(?:et|and)[\s\-]+)?")
_SPLIT_GAP = 40
# Further apart, the words between must say that the rest of the number follows.
_SPLIT_CUED_GAP = 90
_SPLIT_CUE_RE = re.compile(
    r"\b(?:suite|fin|reste|derniers?|dernieres?|deuxieme|seconde?|rest|last|second|end"
    r"|other half|autre moitie|then|puis|ensuite)\b"
)
_AREA_CODE_RE = re.compile(r"\barea code|\bindicatif")
# A number given without its leading zero, the text saying so ("sans le zéro", "add a 0 in
# front"): nine digits for France, ten for a British number.
_NO_ZERO_RE = re.compile(
    r"\b(?:sans|without|minus|moins|enleve|retire|drop|dropped|removed|left off)\s+"
    r"(?:le\s+|the\s+|leading\s+|first\s+|premier\s+)*(?:zero|0|oh)\b"
)
# ... or says to put it back: enough on its own.
_ADD_ZERO_RE = re.compile(
    r"\b(?:rajoute|rajoutez|ajoute|ajoutez|mets|mettez|avec|add|put|stick|with)\s+"
    r"(?:un\s+|le\s+|a\s+|the\s+)?(?:zero|0|oh)\s+"
    r"(?:devant|au debut|in front|at the (?:start|front|beginning)|first|before)"
)
# Nine-digit mobiles written without a prefix, by their layout: the first digits they take.
_MOBILE_LAYOUTS = {(1, 2, 2, 2, 2): "67", (2, 3, 2, 2): "7", (3, 2, 2, 2): "6"}
# Words before a number that make it a reference, not a phone number.
_REFERENCE_RE = re.compile(
    r"\b(?:ref|reference|dossier|commande|order|booking|reservation|resa|ticket|billet|vol"
    r"|flight|train|facture|invoice|siret|siren|client|contrat|contract|colis|parcel|suivi"
    r"|tracking|code|n[o°])\b"
)
# ... and says it is a phone number.
_PHONE_WORD_RE = re.compile(
    r"\b(?:num|numero|tel|telephone|portable|phone|number|mobile|cell|natel|gsm|joindre"
    r"|appelle|appelez|appeler|rappelle|rappeler|bipe|biper|call|ring|sms|texto|text|whatsapp)\b"
)

_REPEATED_DIGIT_RE = re.compile(r"[\s\-]+(\d)(?!\d)")
_TENS = frozenset((20, 30, 40, 50, 60, 70, 80, 90))
# How "33 6 12 34 56 78" is grouped when the "+" is left out ("33 75012 06 12" is not one).
_FRENCH_AFTER_33 = frozenset(((2, 1, 2, 2, 2, 2), (2, 9), (2, 3, 2, 2, 2), (2, 1, 8)))


class _DigitTable(dict[int, str]):
    """A `str.translate` table: a digit of any script ("٠", "६", "❶") as its ASCII digit.

    Folding keeps these (NFKD has no decomposition for them); one character stays one
    character, so every offset stays valid.
    """

    def __missing__(self, code: int) -> str:
        value = unicodedata.digit(chr(code), None)
        char = chr(code) if value is None else str(value)
        self[code] = char
        return char


_DIGITS = _DigitTable()
# A digit `_DIGITS` changes: a decimal digit of another script, or a dingbat or double circled
# digit ("❶", "➀", "⓵") that folding leaves alone.
_OTHER_DIGIT_RE = re.compile(r"(?=[^\x00-\x7f])(?:\d|[\u24f5-\u24fe\u2776-\u2793])")


@dataclass(frozen=True, slots=True)
class Found:
    """A piece of personal data: its kind and its span in the folded text."""

    kind: str
    start: int
    end: int


def load_number_words() -> tuple[dict[str, int], dict[str, int]]:
    """Number words (data/numbers.json) with their values, and the repeat words ("double")."""
    raw = resources.files(__package__).joinpath("data", "numbers.json").read_text("utf-8")
    data = json.loads(raw)
    words: dict[str, int] = {}
    for key, table in data.items():
        if key not in ("repeat", "_comment"):
            words.update(table)
    return words, data.get("repeat", {})


def iban_valid(compact: str) -> bool:
    """Whether an IBAN without spaces passes the mod-97 check."""
    rearranged = compact[4:] + compact[:4]
    try:
        return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1
    except ValueError:
        return False


def luhn_valid(digits: str) -> bool:
    """Whether a card number passes the Luhn check."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def phone_shaped(digits: str, plus: bool, groups: tuple[int, ...]) -> bool:
    """Whether a run of digits is a complete phone number (see the module docstring).

    `groups` are the lengths of the digit groups it was written in.
    """
    if plus or digits.startswith("00"):
        # Without a "+", a leading "00" must be followed by enough digits to be a country
        # code and a number, or any reference starting with 00 would qualify.
        shortest = 8 if plus else 9
        if not plus:
            digits = digits[2:]
        if digits.startswith("33"):
            national = digits[2:]
            national = national[1:] if national.startswith("0") else national
            return len(national) == 9 and national[0] != "0"
        return shortest <= len(digits) <= 15 and digits[0] != "0"
    if digits[0] == "0":
        return len(digits) in (10, 11) and digits[1] != "0"
    # "33 6 12 34 56 78": a French mobile written with its country code but no "+".
    if digits.startswith("33") and groups[0] == 2:
        return digits[2] in "67" and groups in _FRENCH_AFTER_33
    return _north_american(digits, groups)


def _north_american(digits: str, groups: tuple[int, ...]) -> bool:
    """A number of the North American plan: ten digits in 3-3-4 ("(555) 123-4567"), with or
    without a leading 1 ("1-800-555-0199"), or given one digit at a time.

    A ten-digit order or file number is seldom grouped 3-3-4, and never starts with 0 or 1.
    """
    if len(digits) == 11 and digits[0] == "1" and groups[0] == 1:
        digits, groups = digits[1:], groups[1:]
    if len(digits) != 10 or digits[0] not in "23456789":
        return False
    return groups == (3, 3, 4) or (set(groups) == {1} and digits[3] in "23456789")


# An address read aloud, its parts apart: "zoe point martinez, arobase, icloud point com",
# "ethan, then a period, then brooks, at gmail, period, com". The commas and the little words
# around a separator's name become spaces and the English names become the ones the patterns
# read ("period" -> "point", "at sign" -> "arobase"), length for length, so that every span
# found in this view is the same span in the message.
_SPOKEN_RE = re.compile(
    r"(?:,\s*)?(?:\b(?:then|ensuite|puis)\s+)?(?:\b(?:un|a)\s+)?"
    r"\b(?P<sep>point|dot|period|arobase|at sign|at|chez)\b"
    r"(?:\s*,)?(?:\s+(?:then|ensuite|puis)\b)?"
)
_SPOKEN_NAMES = {"period": "point ", "at sign": "arobase"}
# Said between two parts of a name: "liam underscore obrien", "jean tiret bas dupont".
_SPOKEN_JOINER_RE = re.compile(
    r"\s+(?:(?P<low>underscore|tiret\s+(?:du\s+)?bas)|tiret|dash|hyphen)\s+(?=[a-z0-9])")


# What `_SPOKEN_RE` and `_SPOKEN_JOINER_RE` may change: without any of these, nothing.
_SPOKEN_CUES = (",", "period", "at sign", "then", "ensuite", "puis")
_SPOKEN_JOINERS = ("underscore", "tiret", "dash", "hyphen")


def _spoken(folded: str) -> str:
    """`folded` with a spoken address's separators as the patterns read them (same length)."""
    spoken = folded
    if any(cue in folded for cue in _SPOKEN_CUES):
        spoken = _SPOKEN_RE.sub(_said, folded)
    if any(joiner in spoken for joiner in _SPOKEN_JOINERS):
        spoken = _SPOKEN_JOINER_RE.sub(
            lambda m: ("_" if m.group("low") else "-") * len(m.group()), spoken)
    return spoken


def _said(match: re.Match[str]) -> str:
    sep = match.group("sep")
    start = match.start("sep") - match.start()
    out = " " * start + _SPOKEN_NAMES.get(sep, sep)
    return out + " " * (len(match.group()) - len(out))


def _may_hold_email(folded: str, words: Collection[str]) -> bool:
    """A cheap test before the address patterns: an "@" or a word that can stand for it."""
    if "@" in folded or "arob" in folded or "arrob" in folded or "#" in folded:
        return True
    if not words:
        return _AT_GATE_RE.search(folded) is not None
    if not _AT_GATE_WORDS.isdisjoint(words):
        return True
    if "(a)" in folded or "[a]" in folded:
        return True
    if not folded.isascii() and _AT_EMOJI_RE.search(folded) is not None:
        return True
    return _GLUED_AT_RE.search(folded) is not None


def _introduced(folded: str, local: re.Match[str]) -> bool:
    """Whether the text names an address just before this local part ("my email is julie")."""
    word = local.group("local")
    if len(word) < 3 or word in _NOT_A_LOCAL:
        return False
    start = local.start("local")
    return _MAIL_INTRO_RE.search(folded, max(0, start - 32), start) is not None


def _convincing(match: re.Match[str], folded: str) -> bool:
    """Whether a disguised address is one, given how its "@" and last dot were written.

    A bare "at"/"chez"/"a" or a last dot written as a space or a comma is a weak sign
    ("meet at the station", "je suis chez Paul"): the domain must then be a known provider,
    or the dots spelled out, and with two weak signs the local part must look like a handle
    (or be introduced as an address: "my email is julie at gmail").
    """
    at = match.group("at").strip()
    if at.startswith(("a ", "at ")):
        # "a commercial", "at the rate": also phrases ("I saw a commercial"), so weak like "a".
        at = "a"
    groups = match.groupdict()
    domain = groups.get("domain") or match.group()[match.end("at") - match.start():]
    last_dot = groups.get("dot")
    provider = _PROVIDER_RE.match(domain)
    known = provider is not None and provider.group() in _MAIL_PROVIDERS
    handle = _HANDLE_RE.fullmatch(match.group("local")) is not None
    weak_at = at in ("at", "chez", "a", "sur", "on")
    weak_dot = last_dot is not None and last_dot.strip() in ("", ",")
    if groups.get("tld") in _ABROAD_TLDS and (weak_at or weak_dot):
        return False
    # "seat 12 on gmail", "4567 arobase yahoo": a number before a weak sign, or before a
    # provider with no ending, is no address.
    number = not match.group("local")[0].isalpha()
    if (weak_dot and not known) or (number and (weak_at or last_dot is None)):
        return False
    if weak_at:
        if at == "a" or weak_dot or last_dot is None:
            return known and (handle or (at != "a" and _introduced(folded, match)))
        spelled = _SPELLED_DOT_RE.search(domain + last_dot) is not None
        # "on se retrouve chez Paul point de rendez-vous": "chez" also needs a handle.
        return known or (spelled and (handle or at != "chez"))
    return True


def _local_head(folded: str, start: int) -> int:
    """Where an address starts once dots spelled out in its local part are taken in."""
    for _ in range(4):
        head = _LOCAL_HEAD_RE.search(folded, max(0, start - 48), start)
        if head is None:
            break
        start = head.start()
    return start


def _taken(start: int, end: int, found: Iterable[Found]) -> bool:
    """Whether `[start, end)` overlaps a piece of data already found."""
    return overlaps(start, end, ((f.start, f.end) for f in found))


def _named(folded: str, found: list[Found]) -> list[Found]:
    """Handles given after the provider's name ("mon gmail c'est lea.durand92")."""
    out = []
    for match in _NAMED_PROVIDER_RE.finditer(folded):
        local = match.group("local")
        pieces = local.split()
        spelled = len(pieces) > 1 and pieces[0] not in _NOT_A_LOCAL and len(pieces[0]) > 1
        if (
            (spelled or _HANDLE_RE.fullmatch(local) is not None)
            and pieces[-1] not in _NOT_LOCAL_ENDS
            and not _taken(match.start("local"), match.end("local"), found)
        ):
            out.append(Found(EMAIL, match.start("local"), match.end("local")))
    return out


def _spaced(folded: str, found: list[Found]) -> list[Found]:
    """Addresses written one character at a time ("j u l i e @ g m a i l . c o m")."""
    out = []
    for match in _SPACED_RE.finditer(folded):
        spaced = match.group()
        if (
            "@" in spaced
            and _EMAIL_RE.fullmatch(spaced.replace(" ", ""))
            and not _taken(match.start(), match.end(), found)
        ):
            out.append(Found(EMAIL, match.start(), match.end()))
    return out


def _split_email(folded: str, found: list[Found]) -> list[Found]:
    """An address given in two parts: "c'est julie.m, puis arobase gmail point com".

    The second part is the "@" (a bare "at"/"chez" only with the ending) and a provider whose
    name is no everyday word; the first, a handle a little before it.
    """
    out: list[Found] = []
    for match in _SPLIT_DOMAIN_RE.finditer(folded):
        if match.group("strong") is None and match.group("tld") is None:
            continue
        start = match.start()
        if _taken(start, match.end(), found) or _taken(start, match.end(), out):
            continue
        handle = _handle_before(folded, start, found)
        if handle is not None:
            out.extend((handle, Found(EMAIL, start, match.end())))
    return out


def _handle_before(folded: str, start: int, found: list[Found]) -> Found | None:
    """The handle a little before `start` that an address given apart begins with, if any
    (not a mail domain itself, nor data already found)."""
    handles = [
        handle
        for handle in _SPLIT_HANDLE_RE.finditer(folded, max(0, start - 2 * _SPLIT_EMAIL_CUED_GAP),
                                                 start)
        if len(handle.group()) >= 5 and start - handle.end() <= _SPLIT_EMAIL_CUED_GAP
        and not _MAIL_DOMAIN_RE.fullmatch(handle.group())
    ]
    if handles and start - handles[-1].end() > _SPLIT_EMAIL_GAP and (
        _SPLIT_EMAIL_CUE_RE.search(folded, handles[-1].end(), start) is None
    ):
        return None
    if not handles or _taken(handles[-1].start(), handles[-1].end(), found):
        return None
    return Found(EMAIL, handles[-1].start(), handles[-1].end())


def _hashed(folded: str, found: list[Found]) -> list[Found]:
    """Addresses with "#" for "@" before a mail provider's domain ("lea.d#proton.me")."""
    return [
        Found(EMAIL, match.start(), match.end())
        for match in _HASH_AT_RE.finditer(folded)
        if match.group("domain") in _MAIL_PROVIDERS
        and match.group("local") not in _NOT_A_LOCAL
        and not _taken(match.start(), match.end(), found)
    ]


def _bare_domain(folded: str, found: list[Found], provider: bool) -> list[Found]:
    """An address given as a handle, then a little further the provider's domain alone
    ("mon identifiant c'est vincent.perrot, et derrière l'arobase c'est numericable.fr"), its
    dot maybe spelled out when the provider's name is no everyday word ("laposte point net";
    `provider`: whether the text names one)."""
    out: list[Found] = []
    matches = list(_MAIL_DOMAIN_RE.finditer(folded))
    if provider:
        matches.extend(_SPELLED_MAIL_DOMAIN_RE.finditer(folded))
    for match in matches:
        start = match.start()
        if _taken(start, match.end(), found):
            continue
        handle = _handle_before(folded, start, found)
        if handle is not None:
            out.extend((handle, Found(EMAIL, start, match.end())))
    return out


def _two_halves(folded: str, head: list[tuple[int, int, str]],
                tail: list[tuple[int, int, str]]) -> bool:
    """Whether two digit chains are the halves of one phone number: ten digits starting with
    0 (eleven for a British mobile), or an American area code then the 3-4 rest."""
    first = "".join(g[2] for g in head)
    second = "".join(g[2] for g in tail)
    if not (_plainly_separated(folded, head) and _plainly_separated(folded, tail)):
        return False
    if len(first) == 3 and first[0] in "23456789" and [len(g[2]) for g in tail] == [3, 4]:
        # "Area code's 312. The rest is 648 0417."
        return _AREA_CODE_RE.search(folded) is not None
    # "mon 06 c'est 12 34 56 78": a mobile prefix alone, then four pairs.
    prefix = first in ("06", "07") and [len(g[2]) for g in tail] == [2, 2, 2, 2]
    return (
        first.startswith("0")
        and (4 <= len(first) <= 8 or prefix)
        and phone_shaped(first + second, False, (len(first), len(second)))
        # Ten digits, or eleven for a British mobile ("07911 … 123 456").
        and (len(first + second) == 10 or _british_halves(head, tail))
    )


def _split_ibans(folded: str) -> list[Found]:
    """IBANs given in two or more parts of a message: the parts, put together, have exactly
    the country's length and pass the mod-97 check (which no chance sequence of numbers
    does but once in 97, on top of the exact length)."""
    out: list[Found] = []
    for head in _IBAN_HEAD_RE.finditer(folded):
        length = _IBAN_LENGTHS.get(head.group(1))
        if length is None:
            continue
        runs: list[tuple[int, int]] = []
        compact = ""
        for run in _DIGIT_RUN_RE.finditer(folded, head.start(),
                                          min(len(folded), head.start() + _SPLIT_IBAN_REACH)):
            compact += run.group().replace(" ", "").replace("-", "")
            runs.append((run.start(), run.end()))
            if len(compact) >= length:
                break
        if len(runs) >= 2 and len(compact) == length and iban_valid(compact):
            out.extend(Found(IBAN, start, end) for start, end in runs)
    return out


def _without_zero(folded: str, chains: list[list[tuple[int, int, str]]],
                  said: bool) -> list[Found]:
    """A number given without a leading zero or country code, in a text about a phone.

    When the text says the zero is left out (`said`): nine digits of a French number (not
    starting with 0 or 8), or ten of a British one starting with 1, 2 or 7. Otherwise only
    a mobile's nine digits in its usual layout: French without its zero ("6 12 34 56 78"),
    Senegalese ("77 123 45 67"), Cameroonian ("699 12 34 56").
    """
    for chain in chains:
        digits = "".join(group[2] for group in chain)
        if said and ((len(digits) == 9 and digits[0] in "12345679") or (
            len(digits) == 10 and digits[0] in "127"
        )):
            return [Found(PHONE, chain[0][0], chain[-1][1])]
        if (
            len(digits) == 9
            and all(folded[start:end].isdigit() for start, end, _ in chain)
            and digits[0] in _MOBILE_LAYOUTS.get(tuple(len(group[2]) for group in chain), "")
            and not _REFERENCE_RE.search(folded, max(0, chain[0][0] - 32), chain[0][0])
        ):
            return [Found(PHONE, chain[0][0], chain[-1][1])]
    return []


def _british_halves(head: list[tuple[int, int, str]], tail: list[tuple[int, int, str]]) -> bool:
    """A British mobile given in two parts: "07911", then "123 456"."""
    digits = "".join(group[2] for group in head)
    # Longer heads only in the usual layout, "07700 900 … 777" (not "0745 0830 … 123").
    usual = 5 <= len(digits) <= 6 or (len(digits) <= 9 and len(head[0][2]) == 5)
    return (digits[:2] == "07" and usual
            and len("".join(group[2] for group in tail)) == 11 - len(digits))


def _plainly_separated(folded: str, chain: list[tuple[int, int, str]]) -> bool:
    """Whether a chain's groups are only apart by usual separators (no "12:34:56" in a split)."""
    return all(
        _SEPARATOR_RE.fullmatch(folded, left[1], right[0]) is not None
        for left, right in zip(chain, chain[1:], strict=False)
    )


def _odd_joins(folded: str, chain: list[tuple[int, int, str]],
               group: tuple[int, int, str]) -> bool:
    """Whether an unusual separator joins `group` to `chain`: digits only, and the same
    separator throughout, at least three times in a row ("06:12:34:56:78")."""
    last = chain[-1]
    gap = folded[last[1]:group[0]]
    if not (_ODD_GAP_RE.fullmatch(gap) and folded[last[0]:last[1]].isdigit()
            and folded[group[0]:group[1]].isdigit()):
        return False
    if len(chain) > 1:
        return folded[chain[-2][1]:last[0]] == gap
    position = group[1]
    for _ in range(2):
        digits = _DIGITS_RE.match(folded, position + len(gap))
        if not folded.startswith(gap, position) or digits is None:
            return False
        position = digits.end()
    return True


def _letters_in_words(folded: str, matches: list[re.Match[str]],
                      letters: Collection[str]) -> list[re.Match[str]]:
    """The number words found, less one-letter ones that no other number word touches."""

    def touches(first: int, second: int) -> bool:
        if not 0 <= first < second < len(matches):
            return False
        neighbour = matches[first if matches[second].group() in letters else second]
        return neighbour.group() not in letters and _JOIN_RE.fullmatch(
            folded, matches[first].end(), matches[second].start()
        ) is not None

    return [
        match
        for index, match in enumerate(matches)
        if match.group() not in letters or touches(index - 1, index) or touches(index, index + 1)
    ]


class PersonalDataFinder:
    """Finds personal data in folded text; `find` returns non-overlapping spans."""

    def __init__(self, number_words: Mapping[str, int],
                 repeats: Mapping[str, int] | None = None) -> None:
        # A one-letter word ("o" for zero) is read only next to another number word, and does
        # not count when deciding whether a message spells digits out.
        self._letters = frozenset(word for word in number_words if len(word) == 1)
        self.number_words = frozenset(number_words) - self._letters
        self._values = dict(number_words)
        self._repeats = dict(repeats or {})
        self._number_word_re = re.compile(
            # "zéro6 vingt-sept…": a digit may follow a number word without a space.
            r"(?<![a-z0-9])(?:" + trie_regex([*self._values, *self._repeats]) + r")(?![a-z])"
        )

    def find(self, folded: str, words: Collection[str] = (),
             exclude: Iterable[tuple[int, int]] = ()) -> list[Found]:
        """Personal data in `folded`; `words` are its canonical words, `exclude` spans to skip."""
        found: list[Found] = []
        if not folded.isascii() and _OTHER_DIGIT_RE.search(folded):
            folded = folded.translate(_DIGITS)
        if _may_hold_email(folded, words):
            found.extend(self._emails(folded))
        has_digit = _DIGIT_RE.search(folded) is not None
        not_phones: list[tuple[int, int]] = []
        if has_digit:
            ibans, mistyped = self._ibans(folded)
            found.extend(self._without(ibans, found))
            found.extend(self._without(self._cards(folded), found))
            if not ibans:
                not_phones = mistyped
        # Three number words, or one next to digits ("zéro 6 12 34 56 78", "06 onze 22 33 44").
        spelled_words = len(self.number_words.intersection(words))
        spelled = spelled_words >= 3 or (has_digit and spelled_words > 0)
        if has_digit or spelled:
            taken = [(f.start, f.end) for f in found] + list(exclude) + not_phones
            found.extend(self._phones(folded, spelled, taken))
        return found

    @staticmethod
    def _without(candidates: Iterable[Found], taken: list[Found]) -> list[Found]:
        spans = [(t.start, t.end) for t in taken]
        return [c for c in candidates if not overlaps(c.start, c.end, spans)]

    @staticmethod
    def _emails(folded: str) -> list[Found]:
        folded = _spoken(folded)
        found = [Found(EMAIL, m.start(), m.end()) for m in _EMAIL_RE.finditer(folded)]
        # Four of the patterns need a provider's name: one search spares them the others.
        provider = _PROVIDER_NAME_RE.search(folded) is not None
        for regex in (_SPELLED_EMAIL_RE, _PROVIDER_ONLY_RE)[: 1 + provider]:
            for match in regex.finditer(folded):
                if (
                    match.group("local") not in _NOT_A_LOCAL
                    and _convincing(match, folded)
                    and not _taken(match.start(), match.end(), found)
                ):
                    found.append(Found(EMAIL, match.start(), match.end()))
        found = [Found(EMAIL, _local_head(folded, f.start), f.end) for f in found]
        if provider:
            found.extend(_named(folded, found))
            for regex in (_PROVIDER_AFTER_RE, _NO_AT_RE):
                for match in regex.finditer(folded):
                    if _HANDLE_RE.fullmatch(match.group("local")) and not _taken(
                        match.start(), match.end(), found
                    ):
                        found.append(Found(EMAIL, match.start(), match.end()))
        if "@" in folded:
            found.extend(_spaced(folded, found))
        if provider:
            found.extend(_split_email(folded, found))
        if "#" in folded:
            found.extend(_hashed(folded, found))
        found.extend(_bare_domain(folded, found, provider))
        return found

    @staticmethod
    def _ibans(folded: str) -> tuple[list[Found], list[tuple[int, int]]]:
        """IBANs, and the spans written as an IBAN of a known country and about its length
        that fail the check ("l'appli refuse mon IBAN FR08 3000 …, j'ai mal recopié ?"): a
        mistyped IBAN is no phone number either."""
        found = []
        mistyped = []
        for match in _IBAN_RE.finditer(folded):
            positions = [i for i, char in enumerate(match.group()) if char not in " -"]
            compact = "".join(match.group()[i] for i in positions)
            known = _IBAN_LENGTHS.get(compact[:2])
            lengths = [known] if known else range(min(len(compact), 34), 14, -1)
            for length in lengths:
                if length <= len(compact) and iban_valid(compact[:length]):
                    end = match.start() + positions[length - 1] + 1
                    found.append(Found(IBAN, match.start(), end))
                    break
            else:
                if known and len(positions) >= known - 2:
                    # The span ends after the country's length (the pattern runs on).
                    last = positions[min(known, len(positions)) - 1]
                    mistyped.append((match.start(), match.start() + last + 1))
        return found or _split_ibans(folded), mistyped

    @staticmethod
    def _cards(folded: str) -> list[Found]:
        found = []
        for match in _CARD_RE.finditer(folded):
            text = match.group()
            positions = [i for i, char in enumerate(text) if char.isdigit()]
            digits = "".join(text[i] for i in positions)
            for length in _CARD_LENGTHS:
                if length > len(digits):
                    continue
                last = positions[length - 1]
                # A card ends where a group ends, never in the middle of one.
                if last + 1 < len(text) and text[last + 1].isdigit():
                    continue
                if luhn_valid(digits[:length]):
                    found.append(Found(CARD, match.start(), match.start() + last + 1))
                    break
        return found

    def _phones(self, folded: str, spelled: bool, taken: list[tuple[int, int]]) -> list[Found]:
        view = folded
        if _LOOKS_LIKE_DIGIT_RE.search(folded):
            view = _MIXED_NUMBER_RE.sub(lambda m: m.group().translate(_AS_DIGITS), folded)
        if not spelled and len(_DIGIT_RE.findall(view)) < 8:
            return []  # too few digits for any number (most prices, times and dates)
        taken = taken + [(m.start(), m.end()) for m in _DATE_RE.finditer(view)]
        groups = [(m.start(), m.end(), m.group()) for m in _DIGITS_RE.finditer(view)]
        if spelled:
            words = self._spelled(folded)
            # A digit read with its repeat word ("double 0") is not read again alone: both
            # end on that digit.
            repeated = {g[1] for g in words if not folded[g[1] - 1].isalpha()}
            if repeated:
                groups = [g for g in groups if g[1] not in repeated]
            groups.extend(words)
            groups.sort()
        groups = [g for g in groups if not overlaps(g[0], g[1], taken)]
        if sum(len(g[2]) for g in groups) < 8:
            return []
        chains: list[list[tuple[int, int, str]]] = []
        for group in groups:
            if chains and self._joins(folded, chains[-1], group):
                chains[-1].append(group)
            else:
                chains.append([group])
        found: list[Found] = []
        leftovers: list[list[tuple[int, int, str]]] = []
        for chain in chains:
            phones = self._phones_in(folded, chain)
            found.extend(phones)
            if not phones:
                leftovers.append(chain)
        if not found:
            found.extend(self._split_number(folded, leftovers))
        if not found:
            add_zero = _ADD_ZERO_RE.search(folded) is not None
            if add_zero or _PHONE_WORD_RE.search(folded):
                said = add_zero or _NO_ZERO_RE.search(folded) is not None
                found.extend(_without_zero(folded, leftovers, said))
        return found

    @staticmethod
    def _joins(folded: str, chain: list[tuple[int, int, str]],
               group: tuple[int, int, str]) -> bool:
        """Whether `group` continues the number of `chain` (only separators between them).

        A comma after groups joined otherwise ends a list of digits ("horaires : 06 30, 07
        15"); a number written with commas throughout, or with number words, still joins.
        """
        last = chain[-1]
        if not _SEPARATOR_RE.fullmatch(folded, last[1], group[0]):
            return _odd_joins(folded, chain, group)
        if len(chain) < 2 or "," not in folded[last[1]:group[0]]:
            return True
        spelled = not folded[last[0]:last[1]].isdigit() or not folded[group[0]:group[1]].isdigit()
        return spelled or "," in folded[chain[-2][1]:last[0]]

    @staticmethod
    def _phones_in(folded: str, chain: list[tuple[int, int, str]]) -> list[Found]:
        """The longest phone numbers made of consecutive groups of one chain."""
        found = []
        first = 0
        while first < len(chain):
            end = PersonalDataFinder._longest_phone(folded, chain, first)
            if end is None:
                first += 1
                continue
            start = chain[first][0]
            plus = _PLUS_RE.search(folded, max(0, start - 6), start)
            if plus:
                start = plus.start()
            # "(415) 555-2671", "(+33) 6 12...": the bracket opened before the number goes too.
            if start and folded[start - 1] == "(" and ")" in folded[start:chain[end - 1][1]]:
                start -= 1
            found.append(Found(PHONE, start, chain[end - 1][1]))
            first = end
        return found

    @staticmethod
    def _longest_phone(folded: str, chain: list[tuple[int, int, str]], first: int) -> int | None:
        """The end index of the longest phone number starting at group `first`, if any."""
        start = chain[first][0]
        plus = _PLUS_RE.search(folded, max(0, start - 6), start) is not None
        # A phone number has at most 15 digits, so at most 15 groups: bounding the search keeps
        # a long run of numbers (a pasted table) linear.
        for last in range(min(len(chain), first + 15), first, -1):
            digits = "".join(group[2] for group in chain[first:last])
            if len(digits) < 8:
                return None
            groups = tuple(len(g[2]) for g in chain[first:last])
            if any(not folded[g[0]:g[1]].isdigit() for g in chain[first:last]):
                # Spoken, a number is said digit by digit or in pairs as it comes: its groups
                # are no layout ("seven one eight, nine 0 four, 33 seventy-one").
                groups = (1,) * len(digits)
            if phone_shaped(digits, plus, groups):
                return last
        return None

    @staticmethod
    def _split_number(folded: str, chains: list[list[tuple[int, int, str]]]) -> list[Found]:
        """A number given in two parts of the same message ("06 12 34 … 56 78").

        The parts may be apart by a few words, or by a sentence that says the rest follows
        ("les quatre premiers chiffres c'est 0761, et la suite… 45 33 90"); a number word
        between them ("les six derniers") does not part them.
        """
        for index, head in enumerate(chains):
            for tail in chains[index + 1:index + 4]:
                gap = folded[head[-1][1]:tail[0][0]]
                if len(gap) > _SPLIT_GAP and not (
                    len(gap) <= _SPLIT_CUED_GAP and _SPLIT_CUE_RE.search(gap)
                ):
                    break
                if _two_halves(folded, head, tail):
                    return [
                        Found(PHONE, head[0][0], head[-1][1]),
                        Found(PHONE, tail[0][0], tail[-1][1]),
                    ]
        return []

    def _spelled(self, folded: str) -> list[tuple[int, int, str]]:
        """Number words read as digit groups: "quatre-vingt-dix-neuf" -> "99"."""
        matches = list(self._number_word_re.finditer(folded))
        if self._letters:
            matches = _letters_in_words(folded, matches, self._letters)
        # A repeat word ("double", "triple") is stored as minus its count.
        values = [self._values.get(m.group(), -self._repeats.get(m.group(), 0)) for m in matches]

        def joined(index: int) -> int | None:
            """The value of word `index` if it is written together with the word before."""
            if index < len(matches) and _JOIN_RE.fullmatch(
                folded, matches[index - 1].end(), matches[index].start()
            ):
                return values[index]
            return None

        groups = []
        index = 0
        while index < len(matches):
            first, value = index, values[index]
            index += 1
            if value < 0:
                digit = joined(index)
                if digit is not None and 0 <= digit <= 9:
                    index += 1
                    groups.append((matches[first].start(), matches[index - 1].end(),
                                   str(digit) * -value))
                else:
                    # "double 0", "triple 7": the repeated digit written as a digit.
                    written = _REPEATED_DIGIT_RE.match(folded, matches[first].end())
                    if written is not None:
                        groups.append((matches[first].start(), written.end(),
                                       written.group(1) * -value))
                continue
            if value == 4 and joined(index) == 20:
                value, index = 80, index + 1
            nxt = joined(index)
            if value == 10 and nxt in (7, 8, 9):
                value, index = 10 + nxt, index + 1
            elif value in (60, 80) and nxt is not None and 10 <= nxt <= 16:
                value, index = value + nxt, index + 1
                nxt = joined(index)
                if value in (70, 90) and nxt in (7, 8, 9):
                    value, index = value + nxt, index + 1
            elif value in _TENS and nxt is not None and 1 <= nxt <= 9:
                value, index = value + nxt, index + 1
            groups.append((matches[first].start(), matches[index - 1].end(), str(value)))
        return groups
