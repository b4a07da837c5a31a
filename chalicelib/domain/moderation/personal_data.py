"""Personal data in folded text: phone numbers, e-mail addresses, IBANs and card numbers.

Numbers are validated, not just matched: IBANs by their mod-97 check, cards by Luhn, phone
numbers by their shape (a French number has ten digits starting with 0, or +33/0033 and
nine digits; other international numbers start with + or 00; North American ones are grouped
3-3-4). Times, dates with a year, prices, postcodes and short numbers never reach ten digits
in one run, so they are left alone. A phone number is read through separators (an unusual
one such as ":" only when used throughout), letters standing for digits (O, I, l, and S
between pairs), digits of any script ("٠٦", "❶"), number words in French and English
("zéro six douze…", "oh seven nine…", "treble six", "nine hundred") and, once per
message, two parts written apart ("06 12 34, et la fin 56 78") or up to five with words
between ("zéro six, puis 47 82, … la suite : 19 03"); an eight-digit national number
(Singapore, Mauritius, Haiti, Lebanon…) only when the text says it is a phone or names the
country, and so an Indian mobile of ten digits without +91. An e-mail address is read
through every disguise of its "@" and dots, in several
languages ("chiocciola", "klammeraffe", "punto"); a weak one ("at", "chez", "sur", a space
for the last dot) needs a known provider and a local part that looks like a handle, and an
address may also be given after its provider ("mon gmail c'est lea.d", "my gmail is just
first.last, so amy.f"), in two parts ("julie.m … arobase gmail point com", "the last bit is
@gmx.com, the first is felix.b"), letter by letter ("c-h-l-o-e arobase …") or backwards
("com, point, gmail, arobase, …").
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
# Round 13: "arrobe", as one hears it.
_AROBASE = r"ar{1,2}o(?:ba(?:s{1,2}e|ze|s|z)?|be)"
# The sign's name in other languages, no everyday word either: "arroba" (es, pt) and "arobaz"
# (creole) are spelled like "arobase"; "chiocciola" (it), "klammeraffe" (de), "apenstaartje"
# (nl), "zavinac" (cs).
_AT_NAMES = rf"(?:{_AROBASE}|chiocciola|klammeraffe|apenstaartje|zavinac)"
_AT_WORDS = rf"(?:at|chez|{_AT_NAMES})"
# The sign's name said in full: "a commercial" (French), "at the rate" (Indian English).
# (With commas around it too, as one says it: "b.dupuis, a commercial, skynet point be".)
_AT_SAID = r"(?:\s*,\s*|\s+)(?:a\s+commerciale?|at\s+the\s+rate(?:\s+of)?)(?:\s*,\s*|\s+)"
_AT_EMOJI = "\U0001f4e7\u2709\U0001f4e9\U0001f4e8\U0001f300\U0001f150\U0001f170"
_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
_AT_STRONG = (
    rf"\s*@+\s*|\s*{_OPEN}\s*(?:{_AT_WORDS}|@|a)\s*{_CLOSE}\s*|\s*[\-_]{_AT_WORDS}[\-_]\s*"
    rf"|\s*(?:\*(?:{_AT_WORDS}|@)\*|\"(?:{_AT_WORDS}|@)\"|'(?:{_AT_WORDS}|@)')\s*"
    rf"|\s*[{_AT_EMOJI}]\s*|\s+{_AT_NAMES}\s+|{_AT_SAID}"
)
_AT_WEAK = r"\s+(?:at|chez|a)\s+"
# The first character of every sign above (a comma for "a commercial" said between commas, and
# "sur"/"on" between spaces): tested before them, it spares the engine a dozen alternatives
# at each place a local part could end.
_AT_FIRST = rf"(?=[\s,@\[({{<\-_*\"'{_AT_EMOJI}])"
# Dots: the character and its look-alikes that folding keeps, or its name: "dot", "point",
# "pt", and "punto" (it, es), "punkt" (de), "punt" (nl), "ponto" (pt), "pwen"/"pwin" (creole).
# (A trie: the patterns try it at every position.)
_DOT_NAMES = trie_regex("dot point punto punkt punt ponto pwen pwin".split())
_DOT_WORDS = rf"(?:{_DOT_NAMES}|pt)"
_DOT = (
    rf"\s*[.\u22c5\u30fb\u25cf]\s*|\s*{_OPEN}\s*(?:{_DOT_WORDS}|\.)\s*{_CLOSE}\s*"
    rf"|\s+{_DOT_WORDS}\s+|\s*[\-_]{_DOT_WORDS}[\-_]\s*"
    rf"|\s*(?:\*{_DOT_WORDS}\*|\"{_DOT_WORDS}\"|'{_DOT_WORDS}')\s*"
)
# Only endings that e-mail providers use: "I'm at home. It's late" must not become an address.
_MAIL_TLD = r"(?:com|fr|net|org|uk|io|eu|info|ch|nl|be|me)"
# Country endings of providers abroad ("sapo point pt", "web point de"), and a university's
# "edu" (round 32: "domain is u.nus.edu"): read only after a strong sign for the "@" and a dot
# that is written, never after "at" or a space.
_ABROAD_TLDS = frozenset(
    "pt de es it ca qc us in au nz ie lu at pl ro sn ci cm ma tn dz ml bf bj tg ga cd mg re br "
    "mx ru za ng ke gh ug tz zm zw mu sg hk ph my jp cn ht edu "
    # Round 60 (blind58 read): "ayesha[at]khanfamily[dot]pk"; South Asia, the Middle East,
    # the rest of Europe and Latin America, East Asia.
    "pk bd lk np ae sa eg qa kw jo lb il tr gr se fi dk no cz hu sk si hr rs ua ar cl pe ve "
    "id th vn kr tw et rw "
    # Round 65 (blind63 read): the endings of regions and cities ("sian(at)cymru-post(dot)wales").
    "wales cymru scot bzh alsace corsica eus quebec swiss paris london berlin brussels "
    "vlaanderen nyc irish".split()
)
_ABROAD_TLD = "(?:" + "|".join(sorted(_ABROAD_TLDS)) + ")"
# Before the ending only: a comma or a plain space ("gmail,com", "gmail com"), weak as well,
# or the dot word glued to the ending ("gmail dotcom").
_LAST_DOT = rf"{_DOT}|\s*,\s*|\s+|\s+{_DOT_NAMES}(?={_MAIL_TLD}(?![a-z0-9]))"
_SPELLED_EMAIL_RE = re.compile(
    rf"(?<![a-z0-9._%+\-])(?P<local>{_LOCAL}){_AT_FIRST}(?P<at>{_AT_STRONG}|{_AT_WEAK})"
    rf"(?P<domain>{_LABEL}(?:(?:{_DOT}){_LABEL})*?)(?P<dot>{_LAST_DOT})"
    # A path after the ending makes it a link ("photos are up at snapmyrace dot net slash x").
    rf"(?P<tld>{_MAIL_TLD}|{_ABROAD_TLD})(?![a-z0-9])(?!\s*(?:/|slash\b))"
)
# Round 67 (blind66 read): Canada's providers, named in no other pattern: known providers
# ("jf.tremblay à videotron point ca"), and words that open the e-mail patterns' gate.
_CANADA_PROVIDERS = ("videotron", "sympatico", "cogeco", "telus")
_MAIL_PROVIDERS = frozenset(
    "gmail googlemail hotmail outlook live msn yahoo ymail aol icloud me mac orange wanadoo "
    "free sfr neuf laposte bbox numericable protonmail proton gmx web mail yandex skynet "
    "telenet bluewin libero sapo zoho tutanota "
    # Round 68 (blind67 read): India's, Britain's and Ireland's, Australia's and New Zealand's
    # ("ravi·kumar·1987 at rediffmail·com").
    "rediffmail btinternet talktalk virginmedia ntlworld blueyonder eircom bigpond optusnet "
    "xtra".split()
) | frozenset(_CANADA_PROVIDERS)
# Providers whose name is no everyday word: an address may stop at them ("lea.d @gmail").
_PROVIDER_NAMES = (
    r"(?:gmail|googlemail|hotmail|outlook|yahoo|ymail|icloud|protonmail|wanadoo|laposte)"
)
_PROVIDER_NAME_RE = re.compile(_PROVIDER_NAMES)
# "sur"/"on" stand for the "@" only before such a provider ("tom.smith on hotmail"), and like
# every weak sign they need a handle.
_PROVIDER_ONLY_RE = re.compile(
    rf"(?<![a-z0-9._%+\-])(?P<local>{_LOCAL}){_AT_FIRST}"
    rf"(?P<at>{_AT_STRONG}|{_AT_WEAK}|\s+(?:sur|on)\s+)"
    rf"{_PROVIDER_NAMES}(?![a-z0-9@]|\.[a-z0-9])"
)
# No "@" at all, a handle then the provider's full domain: "julie.martin gmail.com",
# "maxime.r, gmail, point com".
_NO_AT_RE = re.compile(
    rf"(?<![a-z0-9._%+\-])(?P<local>{_LOCAL})(?:\s*,\s*|\s+)(?:{_PROVIDER_NAMES})(?:{_DOT}"
    # Round 21: or a space alone before "com" ("samokafor88 gmail com").
    rf"|\s+(?=com\b)){_MAIL_TLD}(?![a-z0-9])"
)
# Providers whose name is an everyday word ("orange", "free", "live"): named as the provider
# only next to a word for an address ("l'adresse orange", "mon mail free"), or after "chez" in
# a text about mail ("mon mail ... chez Free : jdupre62").
_EVERYDAY_PROVIDERS = (
    r"(?:orange|free|sfr|bbox|neuf|numericable|aol|gmx|proton|yandex|live|msn|skynet|libero"
    r"|sapo)"
)
_EVERYDAY_PROVIDER_WORDS = frozenset(_EVERYDAY_PROVIDERS[3:-1].split("|"))
_EVERYDAY_PROVIDER_RE = re.compile(rf"\b{_EVERYDAY_PROVIDERS}\b")
_MAIL_WORD_RE = re.compile(r"\b(?:e-?mail|mail|adresse|address|courriel|boite|mailbox)\b")
# "mon gmail c'est lea.durand92", "my gmail address is tom.smith88", "gmail : lea.d", "l'adresse
# orange c'est celine.b", "chez Free : jdupre62": the provider named first, then a handle (a
# dot, an underscore or a digit, see `_named`).
_NAMED_PROVIDER_RE = re.compile(
    r"\b(?:(?:mon|ma|my|(?P<intro>adresse|address))\s+(?:(?P<mail>e-?mail|mail|boite|adresse"
    # Round 61 (blind59 read): or its login ("mon identifiant gmail c'est nathan.perrin2003").
    r"|address|compte|account|identifiant|login|username)\s+)?"
    rf"(?P<provider>{_PROVIDER_NAMES}|{_EVERYDAY_PROVIDERS})"
    r"(?:\s+(?P<after>address|adresse|account|compte|mail|e-?mail))?"
    r"\s*(?:,\s*)?(?P<copula>c'?\s?est|est|is|:|=|->)?"
    rf"|(?P<chez>(?:chez|sur|on)\s+)?(?P<named>{_PROVIDER_NAMES}|{_EVERYDAY_PROVIDERS})"
    r"\s*(?:(?P<sign>:|=|->)|(?(chez),?\s*(?P<am>je suis|i'?m|i am|c'?\s?est|it'?s)\b|(?!))))"
    r"\s*"
)
_NAMED_LOCAL_RE = re.compile(
    rf"[a-z][a-z0-9_\-]*(?:\.[a-z0-9_\-]+|\s+{_DOT_NAMES}\s+[a-z][a-z0-9_\-]+)*(?![a-z0-9@])"
)
# Further on in the same sentence, a handle after words that lead to it: a colon, "so",
# "donc", "soit" ("mon gmail c'est mon prénom point nom : amandine.r", "my gmail is
# firstname.lastname, so amy.f"), or a word that only softens ("just", "juste").
_NAMED_REACH = 60
_SENTENCE_END_RE = re.compile(r"[.!?]+(?:\s|\Z)|\n")
_LEADS_TO_HANDLE_RE = re.compile(
    r":|\b(?:so|donc|soit|ie|i\.e|genre|like|comme|aka)\b|\A\s*(?:(?:just|simply|juste"
    r"|simplement|tout|only|seulement)\s+)+\Z"
)
# ... and words that say the sentence is about the mailbox, not its address ("mon gmail est
# plein : photos2019 ...", "my gmail is down, app3 ...").
_MAILBOX_STATE_RE = re.compile(
    r"\b(?:pleine?|full|down|broken|bloquee?|blocked|crash\w*|plante|hack\w*|pirate|saturee?"
    r"|morte?|dead|marche|work\w*|app|appli|application|bug\w*|spams?|password|mot de passe"
    r"|mdp|panne|hs)\b"
)
# After a handle-shaped word following an everyday provider, the same words say it is a
# product ("chez sfr : box4 en panne").
_STATE_REACH = 30
# A handle in that reach is no file name ("photo.jpg") nor domain ("site.fr").
_FILE_NAMES = (
    r"\.(?:pdf|jpe?g|png|gif|docx?|txt|zip|mp[34]|xlsx?|pptx?|heic|mov|html?|php|apk|exe)\Z"
)
_FILE_NAME_RE = re.compile(_FILE_NAMES)
_NOT_HANDLE_END_RE = re.compile(rf"{_FILE_NAMES}|\.(?:{_MAIL_TLD}|{_ABROAD_TLD})\Z")
# Between two handles so given, only a comma or a small word: "firstname.lastname, so amy.f".
_HANDLES_JOIN_RE = re.compile(r"(?:\s|,|:|\bso\b|\bdonc\b|\bsoit\b|\bou\b|\bor\b)*")
# Words that stand for a name in a template ("mon prénom point nom chez gmail", "first name
# dot surname at gmail"): no one's address yet, however its dots are spelled.
_NAME_PLACEHOLDERS = frozenset(
    "prenom nom name surname firstname lastname initiale initial pseudo".split()
)
# Words that end a sentence rather than an address: "... c'est fini point barre".
_NOT_LOCAL_ENDS = frozenset(("barre", "final", "de", "com"))
# An address introduced as one ("my email is julie at gmail"): the local part needs no handle.
_MAIL_WORDS = r"e-?mail|mail|adresse|address|courriel|addy"
# Round 71 (blind70 read): or "'s" ("my email's bongani at mweb dot co dot za").
_INTRO_VERBS = r"is|'s|c'?\s?est|est|:|=|->"
_MAIL_INTRO_RE = re.compile(
    rf"\b(?:{_MAIL_WORDS})\s*(?:{_INTRO_VERBS})\s*\Z"
    # Round 19: or its provider and a colon ("prénom+nom collés chez gmail : sylvielacroix").
    rf"|\b{_PROVIDER_NAMES}\s*:\s*\Z"
)
# ... or a login, or the start of one ("login is tomasz_b at wp.pl", "my login starts
# kai.tane.rotorua and then it's at xtra.co.nz").
_LOGIN_INTRO_RE = re.compile(
    rf"\b(?:{_MAIL_WORDS}|login|username|user name|identifiant)"
    rf"\s*(?:{_INTRO_VERBS}|starts(?: with)?|commence(?: par)?)\s*\Z"
)
_NOT_A_LOCAL = frozenset(
    "me moi you toi him her lui elle us nous vous them eux it is est was are there here mail "
    "email adresse address compte account inbox and et or ou the le la les mon my ma pas not "
    "down broken full blocked bloque plein nul also aussi still toujours puis ensuite apres "
    "then after next suite fin end reste rest domaine domain c ca "
    # "mon mail finit par @gmail.com", "it ends with @outlook.com": the domain alone.
    "par with by avec en de du des in from to pour for sur on at dans au aux un une a an "
    "finit termine ends ending start starts commence begins boite mailbox ta ton sa son your "
    "his "
    # Round 80 (blind79 read): a handle not yet known ("It's jamie dot something at outlook, I'll
    # check which one").
    "something whatever quelquechose chose truc machin bidule xxx etc "
    # "gmail c'est mieux que @yahoo.fr": a comparison of domains.
    "que than vs versus plutot rather "
    # Round 46 (blind44 read): a site to act on, not an address ("claim at freefuelcard dot net").
    "claim redeem apply register visit subscribe signup".split()
)
# A word that opens no local part named before its spelled dots ("prénom point nom").
_NOT_A_NAME = _NOT_A_LOCAL | _NAME_PLACEHOLDERS
# The rest of an address given apart from its local part: "julie.m ... arobase gmail point com".
_SPLIT_DOMAIN_RE = re.compile(
    rf"(?P<strong>@+|\b{_AT_NAMES}|[{_AT_EMOJI}]|{_OPEN}\s*(?:at|@)\s*{_CLOSE}|{_AT_SAID})?"
    rf"(?(strong)|\b(?:at|chez))\s*(?P<domain>{_PROVIDER_NAMES})"
    rf"(?P<tld>(?:{_DOT}){_MAIL_TLD})?(?![a-z0-9])"
)
_SPLIT_HANDLE_RE = re.compile(
    r"(?<![a-z0-9._%+\-@'])[a-z][a-z0-9_\-]*(?:\.[a-z0-9_\-]+)+(?![a-z0-9@])"
    r"|(?<![a-z0-9._%+\-@'])[a-z][a-z_\-]*\d[a-z0-9_\-]*(?![a-z0-9@]|\.[a-z0-9])"
    # Round 23: or an underscore ("Email is chloe_w and then @icloud.com on the end").
    # Round 24: a handle with a digit or an underscore may end its sentence ("Mon identifiant
    # c'est paul_vidal74. Et derrière l'arobase, c'est gmail.com"): a full stop ends it, a dot
    # before a letter or digit does not.
    r"|(?<![a-z0-9._%+\-@'])[a-z][a-z0-9\-]*_[a-z0-9_\-]+(?![a-z0-9@]|\.[a-z0-9])"
)
# ... or a name, a spelled dot, a name ("c'est manon point vidal, et après ... gmail.com").
_SPELLED_HANDLE_RE = re.compile(
    rf"(?<![a-z0-9._%+\-@'])(?P<first>[a-z]{{2,}})\s+{_DOT_NAMES}\s+(?P<last>[a-z][a-z0-9_\-]+)"
    r"(?![a-z0-9@])"
)
_SPLIT_EMAIL_GAP = 40
# A handle, then the provider named after it ("lea.d92 (gmail)", "tom_b, c'est du hotmail",
# "kev.ob, it's a yahoo one"): the provider's name makes the handle an address.
_PROVIDER_AFTER_RE = re.compile(
    r"(?<![a-z0-9._%+\-@'])(?P<local>[a-z][a-z0-9_\-]*(?:\.[a-z0-9_\-]+)+"
    r"|[a-z][a-z_\-]*\d[a-z0-9_\-]*)"
    rf"\s*(?:\(\s*{_PROVIDER_NAMES}\s*\)|,?\s+(?:(?:et|and)\s+)?(?:c'?\s?est|it'?s|its)\s+"
    rf"(?:du\s+|un\s+|une\s+|a\s+|an\s+|on\s+|sur\s+|chez\s+)?{_PROVIDER_NAMES}"
    # Round 21: or after a comma, last in its sentence ("it's sam.okafor, gmail").
    rf"|,\s*{_PROVIDER_NAMES}(?=\s*(?:[.!?;)]|\Z)))(?![a-z0-9@]|\.[a-z0-9])"
)
# Further apart, the words between must say that the rest of the address follows ("pas de
# majuscule. Et derrière c'est @gmail.com", "the provider bit comes after the at: ...").
_SPLIT_EMAIL_CUED_GAP = 90
_SPLIT_EMAIL_CUE_RE = re.compile(
    r"\b(?:derriere|apres|ensuite|puis|suite|reste|fin|finit|finis|bout|termine|fournisseur|domaine"
    r"|then|after|rest|ends|ending"
    r"|second|end|provider|domain|deuxieme|moitie|morceau|partie|half|part|bit|piece)\b|arob|@"
)
# The provider said after a handle without any "@" ("mehdi.b. Pour la suite c'est hotmail, en
# .fr", "the provider is gmail, dot com"): only with such words between, whatever the distance.
_PROVIDER_SAID_RE = re.compile(
    r"\b(?:c'?\s?est|it'?s|its|is)\s+(?:du\s+|un\s+|une\s+|a\s+|an\s+|on\s+|sur\s+|chez\s+)?"
    rf"(?P<said>{_PROVIDER_NAMES}(?:(?:{_DOT}|\s*,?\s+(?:en|in)\s+\.?){_MAIL_TLD}(?![a-z0-9]))?)"
    # ... at the end of its clause ("c'est gmail qui m'a bloqué" names a sender).
    r"(?=\s*(?:[,.;:!?)]|\Z))"
)
# Round 21: any domain, said to be the address's second part by the words just before it
# ("username rory.b77, the domain is eircom dot net", "le début c'est paulinecharrier et
# après l'arobase c'est free point fr"): with a handle a little before, the two are one.
_DOMAIN_WORDS = ("domain", "provider", "fournisseur")
_DOMAIN_CUES = (*_DOMAIN_WORDS, "arob", "@", "after the at")
_DOMAIN_SAID_RE = re.compile(
    r"(?:\b(?:domain|domaine|provider|fournisseur)(?:\s+(?:part|bit|name))?"
    r"|\b(?:apres|derriere|after)\s+(?:l'\s?|the\s+)?(?:arobase|at\b|@))"
    r"\s*,?\s*(?:(?:is|c'?\s?est|est|it'?s|its)\b|[:=])?\s*"
    rf"(?P<said>{_LABEL}(?:(?:{_DOT}){_LABEL})*?(?:{_DOT})(?:{_MAIL_TLD}|{_ABROAD_TLD}))"
    r"(?![a-z0-9])(?!\s*(?:/|slash\b))"
)
# Any domain with a mail or a country ending (the second part of the patterns below).
_ANY_DOMAIN = rf"{_LABEL}(?:\.{_LABEL})*\.(?:{_MAIL_TLD}|{_ABROAD_TLD})"
# Round 27 (blind25 read): a bare "at" before any domain, in a text about a login or an
# address ("my login starts kai.tane.rotorua and then it's at xtra.co.nz"): the second part
# of an address given in two, when the words between say the rest follows.
_LOGIN_WORD_RE = re.compile(r"\b(?:e-?mail|login|username|identifiant|courriel)\b")
_AT_WORD_ANY_DOMAIN_RE = re.compile(
    rf"\bat\s+(?P<said>{_ANY_DOMAIN})(?![a-z0-9])(?!\s*/)"
)
# Round 28 (blind26 read): ... or "it's" before any domain ("Grandad's email: grandpa.dennis1946,
# and it's a btinternet.com one"): with a handle just before, without words between.
_IT_IS_ANY_DOMAIN_RE = re.compile(
    r"\b(?:it'?s|its|c'?\s?est)\s+(?:a\s+|an\s+|du\s+|un\s+|une\s+|chez\s+)?"
    rf"(?P<said>{_ANY_DOMAIN})(?![a-z0-9])(?!\s*/)"
)
# Before a handle given after the domain, words that say the address starts there, or name
# its first part ("the name part is ...", "l'identifiant c'est ...").
_HANDLE_FIRST_CUE_RE = re.compile(
    r"\b(?:first|start|begin\w*|before|debut|commence\w*|premiere?|avant|devant|identifiant"
    r"|username|user|login|handle|name part|local part)\b"
)
# "#" standing for "@" ("remplace le # par un @ : sophie.lenoir#hotmail.fr"): a handle glued
# to a mail provider's domain (a hashtag has nothing glued before it).
_HASH_AT_RE = re.compile(
    rf"(?<![\w.%+\-#])(?P<local>{_LOCAL})#(?P<domain>{_LABEL})\.{_MAIL_TLD}(?![a-z0-9])"
)
# A mail provider's domain standing alone ("then it's the google one, gmail.com", "derrière
# l'arobase c'est numericable.fr"): with a handle a little before it, the two are an address.
_MAIL_DOMAIN = (
    "(?:" + "|".join(sorted(_MAIL_PROVIDERS - {"me", "mail", "web"}))
    + rf")\.{_MAIL_TLD}(?![a-z0-9])"
)
_MAIL_DOMAIN_RE = re.compile(r"(?<![a-z0-9._%+\-@#])" + _MAIL_DOMAIN)
# ... or after an "@" with nothing glued before it ("the last bit is @gmx.com"): with a handle
# a little before it, or after it when the words between say the start comes ("the first bit,
# hold on, is felix.b").
_LONE_AT_DOMAIN_RE = re.compile(r"(?<![\w.%+\-@])@\s?" + _MAIL_DOMAIN)
# ... or of any domain, said to be the second part of an address split in two ("my email
# starts with tadhg.oconnor and ends with @eircom.net"): the words between must say so.
_AT_ANY_DOMAIN_RE = re.compile(
    rf"(?<![\w.%+\-@])(?P<said>@\s?{_ANY_DOMAIN})"
    r"(?![a-z0-9])"
)
# The same with its dot spelled out, for providers whose name is no everyday word ("le
# fournisseur c'est laposte point net").
_SPELLED_MAIL_DOMAIN_RE = re.compile(
    rf"(?<![a-z0-9._%+\-@#]){_PROVIDER_NAMES}(?:\s+{_DOT_NAMES}\s+|\s*{_OPEN}\s*(?:{_DOT_NAMES}|\.)"
    rf"\s*{_CLOSE}\s*){_MAIL_TLD}(?![a-z0-9])"
)
_AT_GATE_RE = re.compile(
    rf"[@{_AT_EMOJI}]|\bat\b|[\-_*\"']at[\-_*\"']|arob|arrob|\bchez\b|\(a\)|\[a\]|commercial"
    rf"|{_PROVIDER_NAMES}|{_AT_NAMES}|\b{_EVERYDAY_PROVIDERS}\b|google|microsoft"
    + "|" + "|".join(_CANADA_PROVIDERS)
)
# The same test on the canonical words and with substring tests (the regex costs µs).
_AT_GATE_WORDS = frozenset(
    "at chez arroba gmail googlemail hotmail outlook yahoo ymail icloud protonmail wanadoo "
    "laposte commercial commerciale chiocciola klammeraffe apenstaartje zavinac "
    # Round 13: a provider described ("sur la messagerie de Google", see `_spoken`).
    "google microsoft".split()
) | frozenset(_CANADA_PROVIDERS)
_GATE_AND_EVERYDAY_WORDS = _AT_GATE_WORDS | _EVERYDAY_PROVIDER_WORDS
# The signs for "@" that are not words ("(a)", "[a]", an envelope emoji, "-at-"), tested one
# by one, substrings first: one regex for all of them was tried at every character.
_AT_EMOJI_RE = re.compile(f"[{_AT_EMOJI}]")
# "at" set apart by signs ("lea_at_gmail"), or glued between a handle and a known provider
# ("ciaranATgmailDOTcom", see `_GLUED_RE`): the second written to start with its literal
# "at", which the regex engine finds quickly, the character before it tested apart.
_GLUED_AT_RE = re.compile(r"[\-_*\"']at[\-_*\"']")
_AT_PROVIDER_RE = re.compile("at" + _PROVIDER_NAMES)
_HANDLE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_.-")
# What a local part looks like when no "@" vouches for it: "j.martin", "tom_smith", "julie92"
# (not "a6", "bk4578", "abc-123-456" or "today.3").
# Round 38 (blind36 read): an underscore said in words stands as a run of them, in the same
# length ("lerato underscore mokoena at webmail dot co dot za").
_HANDLE_RE = re.compile(r"[a-z][a-z\-]*(?:\.|_+)[a-z][a-z0-9._\-]*|[a-z]{3,}[a-z._\-]*\d+")
_SPELLED_DOT_RE = re.compile(_DOT_NAMES + r"|\bpt\b|\s\.|\.\s|[\[({<*\"'\u22c5\u30fb\u25cf]")
_PROVIDER_RE = re.compile(r"[a-z0-9\-]+")
# A dot spelled out inside the local part ("tom dot smith at ..."), read backwards from the "@".
_LOCAL_HEAD_RE = re.compile(
    r"[a-z0-9_\-]+(?:\.[a-z0-9_\-]+)*"
    rf"(?:\s+{_DOT_WORDS}\s+|\s*{_OPEN}\s*{_DOT_WORDS}\s*{_CLOSE}\s*|\s+\.\s*|\.\s+)\Z"
)
# Letters written one at a time: "j u l i e @ g m a i l . c o m".
_SPACED_RE = re.compile(r"(?<![a-z0-9])(?:[a-z0-9._@] ){5,}[a-z0-9](?![a-z0-9])")
# Parts of an address spelled one character at a time, the same separator throughout
# ("c-h-l-o-e-p-8-9 arobase l-a-p-o-s-t-e point n-e-t", "maxime.r, g m a i l, point com"): the
# patterns read them again in a view where each run is written as one word (`_collapsed`).
_LETTER_RUN_RE = re.compile(
    r"(?<![a-z0-9\-])[a-z0-9](?:-[a-z0-9])+(?![a-z0-9\-])"
    r"|(?<![a-z0-9])[a-z0-9](?: [a-z0-9]){2,}(?![a-z0-9])"
)
# One of them at least spells a word of three characters or more.
_SPELLED_WORD = 5
# ... so the text holds three characters in a row with the same separator: most texts do not,
# and this pattern, which the engine only tries at letters and digits, tells them apart for
# a third of the cost of `_LETTER_RUN_RE` (whose lookbehinds are tried everywhere).
_SPELLED_WORD_GATE_RE = re.compile(r"[a-z0-9](?:-[a-z0-9]-| [a-z0-9] )[a-z0-9]")
# Between two such runs a bare "at" is the "@" of a spelled address ("t-o-m at x-t-r-a").
_RUNS_AT_RE = re.compile(r"\s+(?:at|chez|a)\s+")
# An address given backwards, one piece per comma: "com, point, gmail, arobase, cohen, point,
# david" (a list that starts with an ending; `_backwards` reads it the right way round).
_BACKWARDS_RE = re.compile(
    rf"(?<![a-z0-9.@])(?:{_MAIL_TLD}|{_ABROAD_TLD})(?:\s*,\s*(?:[a-z0-9_\-]+|@|\.)){{4,12}}"
    r"(?![a-z0-9])"
)
_LIST_COMMA_RE = re.compile(r"\s*,\s*")
_BACKWARDS_COMMAS = 4

# Round 26 (blind24 read): its groups may be apart by dots or slashes too
# ("gb24.loyd.3096.3471.8250.93"); the check digits keep a dotted reference from passing.
_IBAN_RE = re.compile(r"(?<![a-z0-9])[a-z]{2}\d{2}(?:[ \-./]?[a-z0-9]){11,32}")
# Round 70: an IBAN after the word "iban", a space between its country code and check digits.
_NAMED_IBAN_RE = re.compile(r"(?:(?<=iban )|(?<=iban: )|(?<=iban : )|(?<=iban - ))"
                            r"[a-z]{2} \d{2}(?:[ \-./]?[a-z0-9]){11,32}")
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
# The same head, found from its digits (the regex engine skips to digits without trying the
# pattern at every letter): a text without one holds no IBAN, whole or in parts.
_IBAN_HEAD_GATE_RE = re.compile(r"\d(?<=(?<![a-z0-9])[a-z]{2}\d)\d")
_SPLIT_IBAN_REACH = 160
_SPLIT_IBAN_MISLENGTH = 1
# Round 29 (blind27 read): an IBAN read out, its letters one by one and its digits partly as
# number words ("account is G B two zero L O Y D 3096 2874 0155 23"), in a text about a bank
# account; its pieces are words of at most four letters, digits and number words.
_SAID_IBAN_CUE_RE = re.compile(r"\b(?:iban|rib|account|compte|bank|banque)\b")
_SAID_IBAN_PIECE_RE = re.compile(r"[a-z0-9]+")
_SAID_IBAN_GAP_RE = re.compile(r"[\s\-./]*")
_SAID_IBAN_LETTERS = 4
# A country code and two digits anywhere in the pieces put together (a piece boundary is
# checked apart).
_SAID_IBAN_HEAD_RE = re.compile(r"(?=([a-z]{2})\d{2})")
# How many characters an IBAN written whole may be off its country's length and still be
# read as one when it passes its check (see `_mislengths`).
_IBAN_MISLENGTH = 4
# A bank code of four letters right after the country and check digits, before a comma
# ("starts NL53 INGB, sorry it's a Dutch bank, and the rest is 0007 3918 24": round 18).
_BANK_CODE_AFTER_HEAD_RE = re.compile(r"[ \-]([a-z]{4})(?![a-z0-9])")
# A run of an IBAN's parts may hold a bank code of four letters between digit groups
# ("GB19 LOYD 3096", round 17).
_IBAN_RUN_RE = re.compile(
    r"[a-z0-9]*\d[a-z0-9]*(?:[ \-](?:[a-z0-9]*\d[a-z0-9]*|[a-z]{4}(?=[ \-][a-z0-9]*\d)))*")
# Groups apart by spaces, dashes, dots or slashes ("3713.139777.42608", "4172/4700/...").
# (`(?<![0-9])[2-6]` written `[2-6](?<![0-9][2-6])`: the engine skips to the first digit.)
# Half a card number (see `PersonalDataFinder._split_card`): two groups of four digits.
# (It starts with its digits, which the regex engine finds quickly; the digit it must not
# follow is tested apart.)
# A part of a card number given in two: one to three groups of four digits.
_CARD_PART_RE = re.compile(r"\d{4}(?:[ \-.]?\d{4}){0,2}(?![0-9]|[ \-.]\d)")
# An American Express number's first two groups, and its last group of five (`_split_amex`).
_AMEX_HEAD_RE = re.compile(r"3[47](?<![0-9]3[47])\d\d[ \-.]?\d{6}(?![0-9]|[ \-.]\d)")
_AMEX_TAIL_RE = re.compile(r"\d(?<![0-9]\d)\d{4}(?![0-9]|[ \-.]\d)")
# Between the groups of a card number read out: separators, "then", "puis", "and".
# (Round 42, blind40 read: slashes too, "cinq-un-trois-deux / 4608-1957 / 3029".)
_SAID_CARD_JOIN_RE = re.compile(
    r"[\s,;:\-…./]*(?:\b(?:then|puis|ensuite|et|and|next|apres)\b[\s,;:\-…./]*)?")
# Round 65 (blind64 read): or its expiry and security code ("first eight 5412 7530 … last eight
# 9184 2075, expiry next message").
_CARD_WORD_RE = re.compile(
    r"\b(?:card|carte|cb|visa|mastercard|amex|expiry|cvv|cvc|cryptogramme)\b")
_SPLIT_CARD_GAP = 40
# A card starts with 2 to 6, never inside a run of digit groups: round 53 (blind51 read), the
# digits after a receipt's first group ("Ticket de caisse n° 0007 4419 2263 8805 21", no card
# starting with 0) are no card.
_CARD_RE = re.compile(
    r"[2-6](?<![0-9][2-6])(?<![0-9][ \-./][2-6])\d{3}(?:[ \-./]?\d){9,15}(?![0-9])")
_CARD_LENGTHS = (16, 15, 19, 14, 13, 17, 18)
# Round 40 (blind38 read): in a text about a card, its digits in groups of any length ("la
# carte 51 3247 860 93 15278 exp 09/27"); without the word, two phone numbers in a row could
# pass Luhn's check by chance.
# (Round 42: a separator may stand between spaces, "5132 / 4608-1957 / 3029".)
_ANY_GROUPS_CARD_RE = re.compile(r"(?<![0-9])[2-6](?:(?: ?[\-./] ?| )?\d){12,18}(?![0-9])")

_DIGIT_RE = re.compile(r"\d")
# Separators no number uses elsewhere (":", ";", "\\", an emoji): they join digit groups only
# when the same one is used throughout, at least three times in a row ("06:12:34:56:78"), so
# that "06:30 07:15", "12:34:56" or "+44: 06 12 34" stay apart (see `_odd_joins`).
_ODD_GAP_RE = re.compile(r"\s?[^\w\s+%€$£°'\"]{1,3}\s?")
_DIGITS_RE = re.compile(r"\d+")
# Letters that stand for digits, but only inside a run that already holds a digit ("O6", "5l");
# "S" for 5 only in a pair between two pairs of digits with the same separator ("34.S6.78"),
# so that "90s", "S7" or "s01e05" stay as they are.
# (Is there one: a digit with one of the letters before or after it, found from the digit.)
_LOOKS_LIKE_DIGIT_RE = re.compile(r"\d(?:(?<=[oils]\d)|(?=[oils]))")
_MIXED_NUMBER_RE = re.compile(
    r"(?<![a-z0-9])[0-9oil]*\d[0-9oil]*(?![a-z0-9])"
    r"|(?<=\d\d([ .\-/,|~*]))(?:s\d|\ds)(?=\1[0-9oil]{2}(?![a-z0-9]))"
)
_AS_DIGITS = str.maketrans("oils", "0115")


def _letters_as_digits(folded: str) -> str:
    """`folded` with O, I, l and s read as digits inside runs of digits ("O6 I2 58", "51O4"),
    same length."""
    return _MIXED_NUMBER_RE.sub(lambda m: m.group().translate(_AS_DIGITS), folded)

# (`(?<!\d)\d{1,2}` written `\d(?<!\d\d)\d?`: the regex engine skips to a digit.)
_DATE_RE = re.compile(r"\d(?<!\d\d)\d?([/.\- ])\d{1,2}\1(?:19|20)\d{2}(?!\d)")
_SEPARATOR_RE = re.compile(r"[\s.\-_/,()*~|]{0,4}")
# The separator said between the groups of a dictated number.
_SAID_SEPARATOR_RE = re.compile(r"\s+(?:point|tiret|dash|dot|slash)\s+")
# "+33", or "plus" before a spelled-out country code.
_PLUS_RE = re.compile(r"(?:\+|\bplus)\s*$")
# How far before a number its "+" (or "plus") is looked for.
_PLUS_REACH = 6


def _plus_before(folded: str, start: int) -> re.Match[str] | None:
    """The "+" (or "plus") written just before position `start`, if any."""
    return _PLUS_RE.search(folded, max(0, start - _PLUS_REACH), start)


# Round 21: a number in a messenger's chat link is written in full international form
# without its "+" ("wa.me/33651847392", "api.whatsapp.com/send?phone=447700900123",
# "wa.me/447700900123?text=hi"): the link says the "+" (the number is masked, the link stays).
_LINKED_NUMBER_RE = re.compile(r"(?:wa\.me/|[?&]phone=)\Z")
_JOIN_RE = re.compile(r"[\s\-]+(?:(?:et|and|e|y)[\s\-]+)?")
_SPLIT_GAP = 40
# Further apart, the words between must say that the rest of the number follows. Round 55
# (blind53 read): 120 characters, a pause told at length fits ("07 28… attends, le petit pleure,
# il a renversé son biberon sur le siège… voilà, la suite c'est 64 91 05").
_SPLIT_CUED_GAP = 120
_SPLIT_CUE_RE = re.compile(
    r"\b(?:suite|fin|reste|derniers?|dernieres?|deuxieme|seconde?|rest|last|second|end"
    r"|other half|autre moitie|then|puis|ensuite|finit|finir|termine|terminer|milieu|middle|enfin"
    r"|finally|final|remaining|next|bit|part|apres|after|ends|ending"
    # Round 23: the number cut on purpose, or a pause ("je le coupe en deux … 81 26 49",
    # "0131 496, hang on, kid's shouting, 0654").
    r"|coupe|couper|en deux|in two|bout|morceau|finis|hang on|hold on|one sec"
    # Round 26 (blind24 read): Haitian Creole "then" and "at the end" ("se +509 34 81... epi
    # 2760 nan fen an").
    r"|epi|apre|nan fen"
    # Round 54 (blind52 read): the next part added ("07 94, tu ajoutes 26 et ensuite 81 03").
    r"|ajoutes?|ajoutez|rajoutes?|rajoutez|add"
    # Punctuation dictated between the parts (round 18: "zero seven seven zero zero comma nine
    # zero zero comma eight two six full stop").
    r"|comma|virgule|dash|hyphen|tiret"
    # Round 67 (blind66 read): sent too early ("5355 7120 4418 ... sorry sent too early ... 9363").
    r"|too early|too soon|trop tot|trop vite"
    # Round 68 (blind67 read): a wait ("+32 478… attends, mon écran a planté… 61 29 05").
    r"|attends|attendez|wait)\b"
)
# ... or that the start comes now, the end having been given first.
_START_CUE_RE = re.compile(r"\b(?:debut|commence|premiere partie|starts? with|begins? with"
                           r"|first part|beginning"
                           # Round 21: "the last six are 900421, the first five are 07700",
                           # "it's 555-0142, area code 212".
                           r"|first (?:two|three|four|five|six|bit|half|digits)|area code"
                           r"|indicatif|premiers chiffres|(?:deux|trois|quatre|cinq) premiers"
                           # Round 67 (blind66 read): "Les quatre derniers c'est 57 21. Et avant
                           # t'as 07 46 93".
                           r"|avant|before)\b")
_START_CUE_REACH = 20
_AREA_CODE_RE = re.compile(r"\barea code|\bindicatif")
# A number given in three parts or more, words between ("zéro six, puis 47 82, … la suite :
# 19 03", "07700, then 900, and the last three are 263"): at most this many parts, each apart
# from the one before by a few words or a cued sentence (as two halves are), at least one of
# the gaps cued, the others a comma or "et"; a remark in brackets does not count ("58 (comme
# le département), 13").
_SPLIT_PARTS = 5
_ZERO_INTERJECTIONS = frozenset(("oh", "o"))
_ASIDE_RE = re.compile(r"\([^()]{0,60}\)")
# Without a word about a phone in the text, the first part is a prefix as numbers are given,
# one group ("06", "zéro six", "07700", "0113") or more after a British one ("07700 900 8"),
# not "01" of a list nor an hour ("07.30"). Round 21: the two-digit heads are those of
# mobiles (06 in France and the Netherlands, 07 in France and Britain, 04 in Australia and
# Belgium: "04 then 19 then 286, wait, then 473"), or a zero said alone first ("It's oh,
# then seven nine four, double oh, ...").
_PREFIX_PART_RE = re.compile(r"0[467]?|0\d{3,4}")
# The first digit of a French mobile, given alone before the zero is said apart (`_in_parts`).
_MOBILE_FIRST = frozenset({"6", "7"})
_BRITISH_PREFIX_RE = re.compile(r"0\d{4}")
# A number word next to these counts digits, it is none of them ("the last three are 263").
_COUNT_BEFORE_RE = re.compile(r"\b(?:last|final|first|next|other|remaining|derniers"
                              r"|dernieres|premiers|premieres|autres|les)\s+\Z")
_COUNT_AFTER_RE = re.compile(r"\s+(?:derniers|dernieres|premiers|premieres|chiffres|digits"
                             r"|numbers|numeros|are|sont|is)\b")
_PARTS_JOIN_RE = re.compile(
    # Round 21: a full stop too, as one dictates a pair at a time ("Zéro six. Ensuite
    # quarante et un. Puis soixante-dix. Dix-sept. Et vingt-neuf.").
    r"[\s,;:\-….]*(?:(?:\b(?:et|and|&|c'?\s?est|is|it'?s)\b)[\s,;:\-….]*)?"
    # ... or a hesitation, as one dictates ("06 puis 23 puis 91, attends… 47 et 58").
    r"(?:\b(?:attends?|attendez|euh|heu|pardon|wait|sorry|hmm|uh|um|erm)\b[\s,;:\-….]*"
    r"(?:\b(?:et|and)\b[\s,;:\-…]*)?)?")
# A part that is a date, an hour, an amount or a rank: a word before or a unit after it
# ("le 06, puis le 13 …", "06 30, puis 07 15 h").
_NOT_A_PART_BEFORE_RE = re.compile(
    r"\b(?P<word>le|les|du|au|aux|the|by|for|pour|vers|until|from|depuis|jusqu'?au|after|apres"
    r"|before|avant|between|entre|des|page|p|chapitre|chapter|ligne|line|bus|quai|platform|gate"
    r"|porte|salle|room|etape|step)\W*\Z"
)
# ... except "c'est le 06, puis …" before the first part, and "…, après 34" before the others.
_FIRST_PART_MAY_FOLLOW, _PART_MAY_FOLLOW = frozenset({"le"}), frozenset({"apres", "after"})
# ... and before a whole national number said to be a phone ("appelle-moi au 612 345 678").
_NUMBER_MAY_FOLLOW = frozenset({"le", "au"})
_UNIT_AFTER_RE = re.compile(
    r"\s?(?:h\b|h\d|:\d|€|\$|£|%|°|eur\b|euros?\b|km|kms|min\b|mn\b|ans\b|years?\b|kg\b"
    r"|pm\b|am\b|st\b|nd\b|rd\b|th\b|er\b|e\b|eme\b|x\b|/|mah\b|[kmg]?[bo]\b|[km]?w\b"
    r"|members|membres|personnes|people|habitants|views|vues|likes|followers|abonnes|fans"
    r"|places|seats|points|pts|pages|jours|days)"
)
# A national number of eight digits (Singapore, Hong Kong, Mauritius, Haiti, Qatar, Denmark,
# Norway; Lebanon's with its 0): with a word about a phone just before or after it, or the
# country named in the text, its usual first digits. Without a country only in two groups of
# four or in one run ("call me 9648 2173"); "06 12 34 56" is half a French number.
_EIGHT_DIGIT_COUNTRIES = {
    "singapore": "3689", "singapour": "3689", "hong kong": "2345679", "hongkong": "2345679",
    "mauritius": "2456789", "maurice": "2456789", "mauricien": "2456789", "moris": "2456789",
    "haiti": "234", "ayiti": "234", "haitien": "234", "qatar": "34567", "danemark": "23456789",
    "denmark": "23456789", "norvege": "49", "norway": "49", "liban": "0378", "lebanon": "0378",
    "libanais": "0378", "lebanese": "0378", "beyrouth": "0378", "beirut": "0378",
    "danmark": "23456789", "hk": "2345679",
    # Round 18: the other countries that dial eight digits, French-speaking Africa's first.
    "tunisie": "2345679", "tunisien": "2345679", "tunisia": "2345679", "tunisian": "2345679",
    "burkina": "2567", "burkinabe": "2567", "mali": "2679", "malien": "2679",
    "niger": "289", "nigerien": "289", "togo": "279", "togolais": "279", "tchad": "269",
    "tchadien": "269", "chad": "269", "mauritanie": "234", "mauritanien": "234",
    "djibouti": "27", "centrafrique": "27", "centrafricain": "27", "burundi": "2678",
    "burundais": "2678", "koweit": "569", "kuwait": "569", "bahrein": "136", "bahrain": "136",
    "oman": "279", "chypre": "29", "cyprus": "29", "malte": "279", "malta": "279",
    "costa rica": "2678", "panama": "2678", "guatemala": "2345", "honduras": "2389",
    "salvador": "267", "nicaragua": "2578",
    # Round 21: French Polynesia (mobiles 87, 88, 89; landlines 40), named or by its towns.
    "tahiti": "48", "tahitien": "48", "polynesie": "48", "fenua": "48", "papeete": "48",
    "punaauia": "48", "moorea": "48",
    # Round 22: the capitals, as members name where they live ("à Lomé : 90 12 34 56").
    "lome": "279", "bamako": "2679", "ouagadougou": "2567", "ouaga": "2567", "niamey": "289",
    "ndjamena": "269", "nouakchott": "234", "tunis": "2345679", "doha": "34567",
    "port au prince": "234", "copenhague": "23456789", "copenhagen": "23456789",
    "oslo": "49",
    # Round 33 (blind31 read): Lebanon's towns ("le numéro de mon cousin à Jounieh : 03 418 527").
    "jounieh": "0378", "jbeil": "0378", "byblos": "0378", "zahle": "0378", "saida": "0378",
    "baalbek": "0378", "baalbeck": "0378", "batroun": "0378",
}
_EIGHT_DIGIT_COUNTRY_RE = re.compile(
    r"\b(?P<country>" + trie_regex(_EIGHT_DIGIT_COUNTRIES) + r")(?:ne|nes|s)?\b"
)
# Round 61 (blind59 read): or typed one digit at a time ("My HP is 9 1 3 7 - 5 8 2 0").
_EIGHT_DIGIT_LAYOUTS = frozenset(((4, 4), (8,), (1,) * 8))
_EIGHT_DIGIT_COUNTRY_LAYOUTS = frozenset(((2, 2, 2, 2), (2, 3, 3), (2, 6), (3, 2, 3), (1, 3, 4)))
# Nine digits, as the countries that dial them write them: a Belgian landline with its 0
# ("02 512 34 56", "04 223 71 86"), a Dublin one ("01 234 5678"), a Spanish or Portuguese
# number ("612 34 56 78", "912 345 678"). Like eight digits, only when the text says it is
# a phone ("call me", "mon numéro"); any layout else, or none, is a reference.
_NINE_DIGIT_LAYOUTS = frozenset(((2, 3, 2, 2), (3, 2, 2, 2), (3, 3, 3), (2, 3, 4), (9,)))
# Round 21: or the country named, its usual first digits: Senegal's mobiles ("pour le Sénégal :
# 77 123 45 67"), Cameroon's, Spain's and Portugal's numbers, Belgium's landlines with their 0
# ("Chez mes parents à Liège : 04 223 71 86").
_NINE_DIGIT_COUNTRIES = {
    "senegal": "73", "senegalais": "73", "dakar": "73", "cameroun": "62", "cameroon": "62",
    "camerounais": "62", "douala": "62", "yaounde": "62", "espagne": "6789", "spain": "6789",
    "espagnol": "6789", "spanish": "6789", "portugal": "29", "portugais": "29",
    "portuguese": "29", "belgique": "0", "belgium": "0", "belge": "0", "belgian": "0",
    "bruxelles": "0", "brussels": "0", "liege": "0", "namur": "0", "charleroi": "0",
    "anvers": "0", "antwerp": "0", "gand": "0", "ghent": "0",
    # Round 22: Gabon and Congo with their 0, Luxembourg's mobiles.
    "gabon": "0", "gabonais": "0", "libreville": "0", "brazzaville": "0", "brazza": "0",
    "luxembourg": "6", "luxembourgeois": "6",
}
_NINE_DIGIT_COUNTRY_RE = re.compile(
    r"\b(?P<country>" + trie_regex(_NINE_DIGIT_COUNTRIES) + r")(?:e|es|s)?\b"
)
# Eight digits with the trunk 0 of a small area (Ireland's west: "095 21 487"), said to be a
# landline.
_LANDLINE_LAYOUTS = frozenset(((3, 2, 3), (3, 5)))
# Ten digits starting with 6 to 9 without +91: an Indian mobile as it is written at home
# ("98203 41675", "9867 204 531"), only when the text says it is a phone, like eight digits.
# (A 3-3-4 grouping is already read as North American.)
_TEN_DIGIT_LAYOUTS = frozenset(((5, 5), (4, 3, 3), (10,)))
_LANDLINE_RE = re.compile(r"\b(?:landline|fixe|land line|house phone|home phone)\b")
_PHONE_CUE_REACH = 40
# Words before a part of a number that say it is only a part ("finit par 34 56 78 90").
_PARTIAL_RE = re.compile(
    r"\b(?:finit|finissant|termine|terminant|ends?|ending|commence|commencant|starts?|begins?"
    r"|derniers|dernieres|last|premiers|premieres|first)\b"
)
_DATE8_RE = re.compile(
    r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    r"|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d\d"
)
_HHMM_RE = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
# A number given without its leading zero, the text saying so ("sans le zéro", "add a 0 in
# front"): nine digits for France, ten for a British number.
_NO_ZERO_RE = re.compile(
    r"\b(?:sans|without|minus|moins|enleve|retire|drop|dropped|removed|left off)\s+"
    r"(?:le\s+|the\s+|leading\s+|first\s+|premier\s+)*(?:zero|0|oh)\b"
)
# ... or says to put it back: enough on its own. Round 38 (blind36 read): or names it alone
# ("…, quatre-vingt-huit, le zéro devant bien sûr").
_ADD_ZERO_RE = re.compile(
    r"\b(?:(?:rajoute|rajoutez|ajoute|ajoutez|mets|mettez|avec|add|put|stick|with)\s+"
    r"(?:un\s+|le\s+|a\s+|the\s+)?|le\s+|the\s+)(?:zero|0|oh)\s+"
    # Round 46 (blind44 read): "Stick a zero on the front".
    r"(?:devant|au debut|in front|(?:at|on) the (?:start|front|beginning)|first|before)"
    # Round 77 (blind76 read): "…, précédé du 0", "preceded by a zero".
    r"|\b(?:precede|precedes|precedee|preceded)\s+(?:du|d'?\s?un|par\s+(?:un|le)|by(?:\s+(?:a|the))?)"
    r"\s+(?:zero|0|oh)\b"
)
# Nine-digit mobiles written without a prefix, by their layout: the first digits they take.
_MOBILE_LAYOUTS = {(1, 2, 2, 2, 2): "67", (2, 3, 2, 2): "7", (3, 2, 2, 2): "6"}
# No phone number has more digits than this (E.164).
_LONGEST_PHONE = 15
# Words of a voucher, a gift card or a loyalty card, whose numbers are no payment card's nor a
# phone's (rounds 51 and 52: "The voucher code on the back is 6039 4471 2285 9163 004",
# "Loyalty card 6333 0018 7726 5419 wouldn't scan").
_VOUCHER_WORDS = (
    r"voucher|e-?voucher|gift ?card|gift ?voucher|carte cadeau|cheque cadeau|bon d.achat"
    r"|bon cadeau|code cadeau|coupon|loyalty ?card|loyalty|carte de fidelite|fidelite"
    r"|membership card|club ?card|rewards card"
)
# Words before a long run of digits that make it an order's or a parcel's reference (not an
# account's: those digits are personal data however they are read).
_TRACKING_RE = re.compile(
    r"\b(?:ref|reference|dossier|commande|order|booking|reservation|ticket|billet|flight|vol"
    rf"|facture|invoice|colis|parcel|suivi|tracking|serial|serie|imei|{_VOUCHER_WORDS}"
    # Round 53 (blind51 read): a receipt's ("Reçu n° 0041 5567 8812 3390 7").
    r"|recu|receipt|quittance"
    # Round 66 (blind65 read): an insurance claim's ("numéro de sinistre … 2025 0419 8873 12").
    r"|sinistre|claim)\b"
)
# Round 46 (blind44 read): a company's number ("SIRET 8250 0136 7714 29"), whose groups hold
# no phone number.
_BUSINESS_ID_RE = re.compile(r"\b(?:siret|siren|n[o°]?\s*(?:de\s+)?tva|vat(?:\s+n[o°])?)\W{0,4}\Z")
# Round 44 (blind42 read): a parcel's or an order's number, no phone's ("Numéro de colis …",
# "tracking number …").
_REFERENCE_NUMBER_RE = re.compile(
    r"\b(?:num|numero|number|no)\s+(?:de|du|d|of)\s+(?:(?:la|the|l|ma|my|ta|your|votre)\s+)?"
    r"(?:colis|commande|suivi|parcel|order|tracking|dossier|facture|invoice|reservation|booking"
    # Round 70 (blind69 read): a ticket's ("Numéro du billet TER : 8877 0461 2239 05").
    r"|billet|ticket|vol|flight|sinistre|claim)\b"
    r"|\b(?:tracking|order|parcel|booking|invoice|commande|colis|suivi|ticket|flight|claim)\s+"
    r"(?:num|numero|number|no)\b"
)
# Words before a number that make it a reference, not a phone number.
# ("No." is a reference's, not in "contact no." or "phone no.", an Indian English phone cue.)
_REFERENCE_RE = re.compile(
    r"\b(?:ref|reference|dossier|commande|order|booking|reservation|resa|ticket|billet|vol"
    r"|flight|train|facture|invoice|siret|siren|client|contrat|contract|colis|parcel|suivi"
    # Round 19: a country's or an area's code is a phone's ("Country code is +27, then …").
    r"|tracking|(?<!country )(?<!area )(?<!dialling )(?<!dialing )code"
    # Round 53 (blind51 read): "No." right before the number, not an English "no" ("wait no.
    # ok it's 087 then 391 then 4426": the words read end where the number starts).
    # Round 54 (blind52 read): nor "my no.", Indian English for "my number" ("my no. 98451
    # 20736, pls call once reached"); round 78 (blind77 read): nor "mob no." ("My mob no. 98201
    # 44672, call when you reach Dadar").
    r"|(?<!contact )(?<!phone )(?<!mobile )(?<!mob )(?<!cell )(?<!tel )(?<!my )(?<!your )"
    r"(?<!his )"
    r"(?<!her )n[o°](?=\.?\s*[:#]?\s*\Z)"
    r"|voucher|coupon|promo|pin|otp|serie|serial|imei|badge|seat|siege"
    r"|compte|account|carte|card|iban|rib|digicode|passcode|password|mdp|postal|sinistre|claim"
    # Round 81 (blind80 read): a club's licence ("Mon numéro de licence de la fédé est 2093 5521").
    r"|licence|license|adherent)\b"
)
# ... and says it is a phone number: a word for a phone or for calling, or for a number
# (creole too: "nimewo m se …" in Haiti, "mo nimero se …" in Mauritius, "rele"/"apel": call).
_NUMBER_WORDS = r"(?:num|numero|number|nimewo|nimero|digits)"
_CALL_WORDS = (
    r"(?:tel|telephone|portable|phone|mobile|cell|natel|gsm|joindre|appelle|appelez|appeler"
    r"|rappelle|rappeler|bipe|biper|call|ring|sms|texto|text|whatsapp|rele|apel"
    # Round 13: reachable, and WhatsApp or a message by their short names ("WA pe msg kar").
    r"|joignable|reachable|msg|wa|wtsp|whatsap|watsap"
    # Round 16: mobile-money accounts, which are phone numbers ("Wave sur le 77 418 52 63").
    r"|wave|momo|mpesa|m-pesa|orange money|moov money|airtel money|mtn money|free money|moncash"
    # Round 18: the apps that pay to a phone number ("PayNow to 9734 1862", "MobilePay på
    # 2748 1936", "Bizum al 612 …").
    r"|paynow|payid|twint|mobilepay|vipps|swish|bizum|mbway|mb way|blik|gcash|paymaya"
    # Round 32 (blind30 read): a contact given by its number ("Driver contact: 98450 31276").
    r"|contact|contacter|contactez"
    # Round 38 (blind36 read): "Reach me on 9173 4862 when you're at Tampines interchange".
    r"|reach me|reach us)"
)
_PHONE_WORD_RE = re.compile(rf"\b(?:{_NUMBER_WORDS}|{_CALL_WORDS})\b")
# Round 67 (blind66 read): a French mobile without its 0 given as a number is ("c'est le 6 77 42 18
# 53, demande Roger"): "le", then its usual layout.
_LE_MOBILE_RE = re.compile(r"\ble [67](?: \d\d){4}\b")
# For eight digits a number must be one's own ("my number", "mo nimero", "nimewo m"): "the
# winning number 4521 8890" is none.
_EIGHT_DIGIT_CUE_RE = re.compile(
    rf"\b{_CALL_WORDS}\b|\b(?:my|mon|mo|ma|our|notre|your|ton|votre|his|her|son|meu|mi|mio"
    # Round 48 (blind46 read): Singapore's "HP" (handphone) number ("My HP number is 8765 2231").
    rf"|mera|meri|[a-z]+'s)\s+"
    # Round 73 (blind72 read): "my alternate number 98450 62213", "mon autre numéro".
    r"(?:(?:alternate|alternative|other|new|second|backup|spare|autre|nouveau|nouvel|deuxieme)\s+)?"
    rf"(?:(?:phone|cell|mobile|hp|handphone)\s+)?{_NUMBER_WORDS}\b"
    rf"|\bnimewo\s+(?:m|mwen)\b|\bcontact\s+(?:no|number|num)\b"
)

_REPEATED_DIGIT_RE = re.compile(r"[\s\-]+(\d)(?!\d)")
_TENS = frozenset((20, 30, 40, 50, 60, 70, 80, 90))
_HUNDRED = 100
# How "33 6 12 34 56 78" is grouped when the "+" is left out ("33 75012 06 12" is not one).
_FRENCH_AFTER_33 = frozenset(((2, 1, 2, 2, 2, 2), (2, 9), (2, 3, 2, 2, 2), (2, 1, 8)))
# Round 65 (blind64 read): another country's code written without its "+", as its own group,
# before a mobile number of that country in two groups or more ("Rele m nan 509 37 48 21 66",
# "221 77 321 48 06", "44 7700 900123"): the national number's length and first digits.
_BARE_COUNTRY_CODES = {
    "44": (10, "7"), "32": (9, "4"), "41": (9, "7"), "352": (9, "6"), "34": (9, "67"),
    "351": (9, "9"), "212": (9, "67"), "213": (9, "567"), "216": (8, "2459"), "221": (9, "7"),
    "223": (8, "5679"), "224": (9, "6"), "226": (8, "567"), "227": (8, "89"), "228": (8, "79"),
    "230": (8, "5"), "237": (9, "6"), "242": (9, "0"), "243": (9, "89"), "261": (9, "3"),
    "509": (8, "34"), "262": (9, "6"), "590": (9, "6"), "594": (9, "6"), "596": (9, "6"),
}


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


# Round 13: a number hidden by a riddle the text explains: "à l'envers" / "backwards" (its
# digits reversed), "un chiffre sur deux" / "every other digit" (from the first), or Roman
# numerals ("0 VI – XXIII – XLV – LXVII – LXXXIX"). Only with the explanation in the text;
# what it gives must then have a phone's shape.
_RIDDLE_CUE_RE = re.compile(
    r"\b(?:a l'?envers|backwards?|reversed?|in reverse|de droite a gauche|right to left"
    r"|(?P<other>un chiffre sur deux|every other (?:digit|number)|every second digit)"
    r"|(?P<roman>chiffres? romains?|roman numerals?|en romain))\b"
)
# What every cue holds: tested as substrings first (the regex runs on one text in thousands).
_RIDDLE_WORDS = ("envers", "backward", "revers", "gauche", "right to left", "sur deux",
                 "every other", "every second", "roma")
_RIDDLE_DIGITS_RE = re.compile(r"\d(?:[\s.\-]?\d){9,}")
_ROMAN_RUN_RE = re.compile(
    r"(?<![a-z0-9])(?:0|[ivxlcdm]+)(?:[\s,.\-\u2013\u2014]+(?:0|[ivxlcdm]+)){3,}(?![a-z0-9])")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def _roman(numeral: str) -> int:
    """The value of a Roman numeral (subtractive pairs read as such)."""
    values = [_ROMAN[letter] for letter in numeral]
    return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))


def _riddles(folded: str, cue: re.Match[str]) -> list[Found]:
    """Phone numbers hidden by a riddle the text explains (`cue`, see `_RIDDLE_CUE_RE`)."""
    found = []
    if cue.group("roman"):
        for match in _ROMAN_RUN_RE.finditer(folded, cue.end()):
            parts = re.split(r"[\s,.\-\u2013\u2014]+", match.group())
            digits = "".join(part if part == "0" else str(_roman(part)) for part in parts)
            if phone_shaped(digits, False, (len(digits),)):
                found.append(Found(PHONE, match.start(), match.end()))
        return found
    for match in _RIDDLE_DIGITS_RE.finditer(folded):
        digits = re.sub(r"\D", "", match.group())
        digits = digits[::2] if cue.group("other") else digits[::-1]
        if phone_shaped(digits, False, (len(digits),)):
            found.append(Found(PHONE, match.start(), match.end()))
    return found


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
            # Round 59 (blind57 read): a number of two words is also written with a hyphen
            # ("katreven-dis", "trant-de", "dis-nèf").
            words.update({word.replace(" ", "-"): value for word, value in table.items()
                          if " " in word})
    return words, data.get("repeat", {})


def iban_valid(compact: str) -> bool:
    """Whether an IBAN without spaces passes the mod-97 check."""
    rearranged = compact[4:] + compact[:4]
    try:
        return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1
    except ValueError:
        return False


# A French RIB written in its four fields rather than as an IBAN (round 18): bank code and
# branch code of five digits, account of eleven characters, key of two, each maybe named
# ("code banque 30006 guichet 00001 compte 12345678901 clé 89"); read only when the key
# holds (see `rib_valid`).
_RIB_RE = re.compile(
    r"(\d(?<![a-z0-9]\d)\d{4})[\s.\-:]*(?:(?:code\s+)?guichet[\s.\-:]*)?(\d{5})[\s.\-:]*"
    r"(?:(?:n[o°]?\s*(?:de\s+)?)?compte[\s.\-:]*)?([0-9a-z]{11})[\s.\-:]*"
    r"(?:cle(?:\s+rib)?[\s.\-:]*)?(\d{2})(?![a-z0-9])"
)
# The letters of a RIB's account as the key reads them (A and J are 1, B, K and S are 2...).
_RIB_LETTERS = str.maketrans("abcdefghijklmnopqrstuvwxyz", "12345678912345678923456789")
# A British account: the sort code, named, and an account number of eight digits near it
# ("sort code 60-16-13, account 31926819"). No check digit a member could compute, but the
# pair named so is a bank account as surely as an IBAN (round 18).
_SORT_CODE_RE = re.compile(
    r"\bsort\s*code[\s:.\-]*(?:is\s+)?(\d{2}[ \-]?\d{2}[ \-]?\d{2})(?![0-9])")
# Every such account holds five digits in a row (a RIB's bank code, a British account).
_FIVE_DIGITS_RE = re.compile(r"\d{5}")
_UK_ACCOUNT_RE = re.compile(r"(?<![0-9])\d{8}(?![0-9])")
_SORT_CODE_REACH = 48


def rib_valid(bank: str, branch: str, account: str, key: str) -> bool:
    """Whether a French RIB's key holds: 97 - (89 bank + 15 branch + 3 account) mod 97."""
    number = int(account.translate(_RIB_LETTERS))
    return int(key) == 97 - (89 * int(bank) + 15 * int(branch) + 3 * number) % 97


def domestic_accounts(folded: str) -> list[Found]:
    """Bank accounts written in a country's own fields: a French RIB whose key holds, a
    British sort code named with its account number."""
    found = [Found(IBAN, match.start(), match.end()) for match in _RIB_RE.finditer(folded)
             if rib_valid(*match.groups())]
    if "sort" not in folded:
        return found
    for code in _SORT_CODE_RE.finditer(folded):
        near = _UK_ACCOUNT_RE.finditer(folded, max(0, code.start() - _SORT_CODE_REACH),
                                       code.end() + _SORT_CODE_REACH)
        account = next((a for a in near if not code.start(1) <= a.start() < code.end(1)), None)
        if account is not None:
            found += [Found(IBAN, code.start(1), code.end(1)),
                      Found(IBAN, account.start(), account.end())]
    return found


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
    bare = _BARE_COUNTRY_CODES.get(digits[:groups[0]]) if len(groups) > 2 else None
    if bare is not None and len(digits) - groups[0] == bare[0] and digits[groups[0]] in bare[1]:
        return True
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
    r"(?:,\s*)?(?:\b(?:then|ensuite|puis)\s+)?(?:\b(?:un|a|the|le)\s+)?"
    rf"\b(?P<sep>{_DOT_NAMES}|period|full stop|{_AT_NAMES}|at sign|at|chez)\b"
    r"(?:\s*,)?(?:\s+(?:then|ensuite|puis)\b)?"
)
# Round 35 (blind33 read): the British "full stop" ("bella hyphen rossi at gmail full stop com").
_SPOKEN_NAMES = {"period": "point ", "full stop": "point    ", "at sign": "arobase"}
# Said between two parts of a name: "liam underscore obrien", "jean tiret bas dupont".
_SPOKEN_JOINER_RE = re.compile(
    r"\s+(?:(?P<low>underscore|tiret\s+(?:du\s+)?bas)|tiret|dash|hyphen)\s+(?=[a-z0-9])")


# What `_SPOKEN_RE` and `_SPOKEN_JOINER_RE` may change: without any of these, nothing.
_SPOKEN_CUES = (",", "period", "full stop", "at sign", "then", "ensuite", "puis")
_SPOKEN_JOINERS = ("underscore", "tiret", "dash", "hyphen")


# Round 13: a provider described rather than named ("at the Google mail", "the Yahoo one",
# "sur la messagerie de Google"): read as its name, right-aligned in the same length.
_PROVIDER_DESCRIBED_RE = re.compile(
    r"\b(?:the\s+|la\s+|le\s+)?(?:(?P<a>google|yahoo|microsoft|apple)(?:\s*'?\s*s)?"
    r"\s+(?:mail|email|e-mail|one|address|adresse|messagerie)"
    r"|(?:messagerie|boite mail|boite|adresse|celui|celle|service|mail)\s+(?:de|d')\s*"
    r"(?P<b>google|yahoo|microsoft|apple))\b"
    # ... unless the domain itself follows ("the google one, gmail.com": read as it is).
    r"(?!\s*,?\s*(?:gmail|googlemail|yahoo|ymail|outlook|hotmail|live|icloud|me)\b)"
)
_DESCRIBED_PROVIDERS = {"google": "gmail", "yahoo": "yahoo", "microsoft": "outlook",
                        "apple": "icloud"}


# Round 21: a provider's name said in two words ("at gee mail dot com", "hot mail", "out
# look", "i cloud"): read as the one word, right-aligned in the same length.
_PROVIDER_SAID_APART_RE = re.compile(
    r"\b(?:(?P<gmail>g|gee|ge|ji)[\s\-]+mail|(?P<hotmail>hot)[\s\-]+mail"
    r"|(?P<outlook>out)[\s\-]+look|(?P<protonmail>proton)[\s\-]+mail|(?P<icloud>i)[\s\-]+cloud"
    r"|(?P<yahoo>ya)[\s\-]+hoo)\b"
)
_PROVIDER_APART_CUES = ("mail", "look", "cloud", "hoo")
# Round 21: a separator's name set between dashes ("sam.okafor — at — gmail — dot — com"), and
# words after a written "@" that say the rest follows ("sam.okafor@ then gmail.com"): spaces.
_DASHED_SEPARATOR_RE = re.compile(rf"\s-\s(?P<name>at|chez|arobase|{_DOT_NAMES})\s-\s")
# Round 81 (blind80 read): after dots, with "it's just" before the rest ("tamsin.hale@ ... and
# then it's just gmail.com").
_AT_THEN_RE = re.compile(
    r"(?<=@)\s*(?:(?:\.{2,}|…)\s*)?(?:(?:and\s+)?then|puis|ensuite|et\s+apres)\s"
    r"(?:\s*(?:it'?s|it\s+is|c'?\s?est|just|juste|only|simplement)\s)*")


def _provider_said_apart(match: re.Match[str]) -> str:
    return str(match.lastgroup).rjust(len(match.group()))


def _described_provider(match: re.Match[str]) -> str:
    name = _DESCRIBED_PROVIDERS[match.group("a") or match.group("b")]
    return name.rjust(len(match.group()))


# Round 73 (blind72 read): how the handle is written, said in brackets right after it
# ("yanislambert (tout attaché) chez gmail point com", "(all one word)"): read as spaces.
_WRITTEN_HOW_RE = re.compile(
    r"(?<=[a-z0-9])\s*\((?:tout\s+)?(?:attache|colle|en\s+un\s+(?:seul\s+)?mot|sans\s+espaces?"
    r"|all\s+one\s+word|one\s+word|all\s+together|no\s+spaces?)\)")


# Round 76 (blind75 read): a handle given in brackets right before the "@" ("mon prénom-nom
# (camille-ferrand) chez gmail.com"): its brackets read as spaces.
_BRACKETED_HANDLE_RE = re.compile(
    r"\((?P<handle>[a-z0-9][a-z0-9._\-]*)\)(?=\s*(?:@|chez\b|at\b|arobase\b))")


# Round 80 (blind79 read): the digits of a handle said after "then" ("my first name lebo then
# 1994, at gmail dot com"): written against the name, as they are typed.
_THEN_DIGITS_RE = re.compile(
    r"(?<=[a-z0-9])\s+(?:then|puis|ensuite|and then|followed by|suivi de)\s+(?P<digits>\d{1,4}),?"
    r"(?=\s+(?:at|chez|arobase)\s|\s*@)")


def _then_digits(match: re.Match[str]) -> str:
    return match.group("digits").ljust(len(match.group()))


def _spoken(folded: str) -> str:
    """`folded` with a spoken address's separators as the patterns read them (same length)."""
    spoken = folded
    if ("then" in folded or "puis" in folded or "ensuite" in folded or "followed" in folded
            or "suivi" in folded):
        spoken = _THEN_DIGITS_RE.sub(_then_digits, spoken)
    if "(" in folded:
        spoken = _WRITTEN_HOW_RE.sub(_blanked, spoken)
        spoken = _BRACKETED_HANDLE_RE.sub(r" \g<handle> ", spoken)
    if any(cue in folded for cue in _PROVIDER_APART_CUES):
        spoken = _PROVIDER_SAID_APART_RE.sub(_provider_said_apart, spoken)
    if " - " in folded:
        spoken = _DASHED_SEPARATOR_RE.sub(lambda m: f"   {m.group('name')}   ", spoken)
    # Round 29 (blind27 read): a handle's last digits typed apart before its "at" ("my addy is
    # shaz 9 9 at icloud dot com").
    if (" at " in folded or "@" in folded) and _SPACED_DIGITS_RE.search(spoken):
        spoken = _SPACED_DIGITS_RE.sub(_digits_together, spoken)
    # Round 25 (blind23 read): an address's parts joined by pluses ("thomas.vidal + arobase +
    # laposte + .net, t'assembles"), when the text names an "@".
    if " + " in folded and ("arob" in folded or "@" in folded or " at " in folded):
        spoken = spoken.replace(" + ", "   ")
    if "@" in folded and _AT_THEN_RE.search(spoken):
        spoken = _AT_THEN_RE.sub(_blanked, spoken)
    if "google" in folded or "yahoo" in folded or "microsoft" in folded or "apple" in folded:
        spoken = _PROVIDER_DESCRIBED_RE.sub(_described_provider, spoken)
    if any(cue in folded for cue in _SPOKEN_CUES):
        spoken = _SPOKEN_RE.sub(_said, spoken)
    if any(joiner in spoken for joiner in _SPOKEN_JOINERS):
        spoken = _SPOKEN_JOINER_RE.sub(
            lambda m: ("_" if m.group("low") else "-") * len(m.group()), spoken)
    return spoken


def _blanked(match: re.Match[str]) -> str:
    """Spaces in place of a match (offsets stay valid)."""
    return " " * len(match.group())


def _digits_together(match: re.Match[str]) -> str:
    digits = match.group().replace(" ", "")
    return digits + " " * (len(match.group()) - len(digits))


def _said(match: re.Match[str]) -> str:
    sep = match.group("sep")
    start = match.start("sep") - match.start()
    out = " " * start + _SPOKEN_NAMES.get(sep, sep)
    return out + " " * (len(match.group()) - len(out))


def provider_domain(folded: str, start: int, end: int) -> bool:
    """Whether `folded[start:end]` is a mail provider's domain in a text about an address
    ("pour le mail ... c'est chez yahoo.fr"): the provider of an address, not a link."""
    return _MAIL_DOMAIN_RE.fullmatch(folded, start, end) is not None and (
        "@" in folded or "arob" in folded or _MAIL_WORD_RE.search(folded) is not None
    )


def _may_hold_email(folded: str, words: Collection[str]) -> bool:
    """A cheap test before the address patterns: an "@" or a word that can stand for it."""
    if "@" in folded or "arob" in folded or "arrob" in folded or "#" in folded:
        return True
    if not words:
        return _AT_GATE_RE.search(folded) is not None
    if not _GATE_AND_EVERYDAY_WORDS.isdisjoint(words):  # most texts: one pass, no set built
        if not _AT_GATE_WORDS.isdisjoint(words):
            return True
        if not _EVERYDAY_PROVIDER_WORDS.isdisjoint(words) and (
            _MAIL_WORD_RE.search(folded) or _MAIL_DOMAIN_RE.search(folded)
        ):
            return True  # "l'adresse orange c'est ...", "... et le fournisseur c'est free.fr"
    if "(a)" in folded or "[a]" in folded:
        return True
    # Round 21: "..., the domain is eircom dot net" (`_DOMAIN_WORDS`, see `_DOMAIN_SAID_RE`),
    # tested one by one: a generator over them cost 0.7 % of every check's instructions.
    if "domain" in folded or "provider" in folded or "fournisseur" in folded:
        return True
    if not folded.isascii() and _AT_EMOJI_RE.search(folded) is not None:
        return True
    # Round 28: "..., and it's a btinternet.com one" in a text that names a login or an address.
    if ("mail" in folded or "login" in folded or "username" in folded or "identifiant" in folded
            or "courriel" in folded) and _IT_IS_ANY_DOMAIN_RE.search(folded) is not None:
        return _LOGIN_WORD_RE.search(folded) is not None
    # (Its "at" looked for first: a substring test costs a fraction of the pattern's scan.)
    if "at" not in folded:
        return False
    if _GLUED_AT_RE.search(folded) is not None:
        return True
    glued = _AT_PROVIDER_RE.search(folded)
    return glued is not None and glued.start() > 0 and folded[glued.start() - 1] in _HANDLE_CHARS


def _introduced(folded: str, local: re.Match[str],
                intro: re.Pattern[str] | None = None) -> bool:
    """Whether the text names an address just before this local part ("my email is julie"),
    or what `intro` says."""
    word = local.group("local")
    if len(word) < 3 or word in _NOT_A_LOCAL:
        return False
    start = local.start("local")
    return (intro or _MAIL_INTRO_RE).search(folded, max(0, start - 32), start) is not None


# Digits typed one by one after a word (not after letters typed one by one: "r o u x 8 8 @"),
# right before an "at" or "@" (see `_spoken`).
_SPACED_DIGITS_RE = re.compile(r"(?<=[a-z][a-z])(?: \d){2,4}(?=\s*@|\s+at\s)")
# Round 29 (blind27 read): an address asked to be used, right before its local part ("reach
# me at bongani ⓐ webmail ⓓⓞⓣ co ⓓⓞⓣ za").
_CONTACT_AT_RE = re.compile(
    r"\b(?:reach|email|e-mail|mail|write to|contact|message|find|ping)\s+(?:me|us)\s+(?:at|on)"
    r"\s*\Z")
# Nothing but punctuation between the start of the text, or of its clause, and this point.
_CLAUSE_END_RE = re.compile(r"(?:\A|[,;:.!?(\n])[\s\-]*\Z")


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
    own_handle = _HANDLE_RE.fullmatch(match.group("local")) is not None
    handle = own_handle or _dotted_head(folded, match.start("local"))
    weak_at = at in ("at", "chez", "a", "sur", "on")
    weak_dot = last_dot is not None and last_dot.strip() in ("", ",")
    # "freya dot evans at outlook dot ie": a country ending after a bare "at" only for a known
    # provider and a handle.
    # "jf.tremblay chez videotron point ca": or a handle and the dot spelled out.
    spelled_dots = len(_SPELLED_DOT_RE.findall(domain + (last_dot or "")))
    spelled = spelled_dots > 0
    # Round 11: or introduced as an address ("my email is thandi at mweb dot co dot za").
    # Round 15: or with two dots spelled out, as only an address is dictated, its local part
    # opening a clause ("lungile AT mweb DOT co DOT za for the register", not "we had lunch at
    # nandos dot co dot uk").
    dictated = spelled_dots > 1 and (_CLAUSE_END_RE.search(
        folded, 0, match.start("local")) is not None or _CONTACT_AT_RE.search(
        folded, max(0, match.start("local") - 24), match.start("local")) is not None)
    # Round 27 (blind25 read): or a handle introduced as an address or a login, its dot
    # written ("login is tomasz_b at wp.pl", "… it's at xtra.co.nz" after "my login starts").
    login = weak_at and _introduced(folded, match, _LOGIN_INTRO_RE)
    # Round 55 (blind53 read): or a handle of its own (not a word after a full stop) before a
    # domain of two labels and more, its dots written ("send the form to rangi.parata at
    # xtra.co.nz"): no place is named so.
    dotted = (own_handle and "." in domain and last_dot is not None
              and last_dot.strip() == ".")
    if groups.get("tld") in _ABROAD_TLDS and (
        weak_dot or (weak_at and not ((handle or dictated or login) and (known or spelled))
                     and not (handle and (login or dotted)))
    ):
        return False
    # "seat 12 on gmail", "4567 arobase yahoo": a number before a weak sign, or before a
    # provider with no ending, is no address.
    # Round 54 (blind52 read): unless a name and spelled dots come before the number
    # ("kaylee dot j dot 2009 at icloud dot com": the number ends the local part).
    number = not match.group("local")[0].isalpha() and not _named_before(
        folded, match.start("local"))
    if (weak_dot and not known) or (number and (weak_at or last_dot is None)):
        return False
    if weak_at:
        if at == "a" or weak_dot or last_dot is None:
            return known and (handle or (at != "a" and _introduced(folded, match)))
        # "on se retrouve chez Paul point de rendez-vous": "chez" also needs a handle.
        # Round 22: or a handle introduced as an address ("email: j.okonkwo at nhs.net").
        return known or (spelled and (handle or at != "chez")) or (handle and (login or dotted))
    return True


# An address written backwards ("moc.liamg@eiluj", "rf.liamtoh@29etsitpab.m"): it starts
# with a reversed ending and a dot, and read the other way it is an address with a known one.
_REVERSED_RE = re.compile(
    r"(?<![a-z0-9._%+\-@])[a-z]{2,4}\.[a-z0-9.\-]*[a-z0-9]@[a-z0-9._%+\-]*[a-z0-9]"
)
_KNOWN_ENDING_RE = re.compile(rf"\.(?:{_MAIL_TLD}|{_ABROAD_TLD})\Z")


def _reversed(folded: str, found: list[Found]) -> list[Found]:
    """Addresses written backwards, whole (see `_REVERSED_RE`)."""
    out = []
    for match in _REVERSED_RE.finditer(folded):
        turned = match.group()[::-1]
        if (_EMAIL_RE.fullmatch(turned) and _KNOWN_ENDING_RE.search(turned)
                and not _taken(match.start(), match.end(), found)):
            out.append(Found(EMAIL, match.start(), match.end()))
    return out


# Everything glued, the signs said: "sebastienlegallarobasegmailpointcom", also with "at"
# and a known provider ("ciaranATgmailDOTcom", "ciaranATgmail.com": folded, the capitals that
# set the signs apart are gone, the provider's name still stands out).
_GLUED_RE = re.compile(
    rf"(?<![a-z0-9])[a-z0-9._\-]{{2,}}(?:{_AROBASE}|at)(?:{_PROVIDER_NAMES})(?:{_DOT_NAMES}|\.)"
    rf"{_MAIL_TLD}(?![a-z0-9])"
)


def _glued(folded: str, found: list[Found]) -> list[Found]:
    """Addresses written in one word with "arobase" and "point" (see `_GLUED_RE`)."""
    return [Found(EMAIL, m.start(), m.end()) for m in _GLUED_RE.finditer(folded)
            if not _taken(m.start(), m.end(), found)]


# Letters that stand for a first name's initial ("j dot okonkwo"), not for a word of one
# letter ("a", "y", "l'", "o").
_INITIALS = frozenset("bcdfghjkmnpqrstvwxz")


def _dotted_head(folded: str, start: int) -> bool:
    """Whether a name and a spelled dot come just before `start` ("manon point |chevalier"):
    the local part is then a handle ("prénom point nom"), not a word of a sentence."""
    head = _LOCAL_HEAD_RE.search(folded, max(0, start - 48), start)
    local = _PROVIDER_RE.match(folded, start)
    if head is None or local is None or local.group() in _NAME_PLACEHOLDERS:
        return False
    word = _PROVIDER_RE.match(head.group())
    # Round 22: or an initial ("j dot okonkwo at gmail"), not a word of one letter ("a", "y").
    return (word is not None and (len(word.group()) > 1 or word.group() in _INITIALS)
            and word.group() not in _NOT_A_NAME)


def _named_before(folded: str, start: int) -> bool:
    """Whether the local part taken in back from `start` over spelled dots (`_local_head`)
    opens on a name ("kaylee dot j dot |2009"), not on a word of a sentence."""
    head = _local_head(folded, start)
    word = _PROVIDER_RE.match(folded, head) if head < start else None
    return (word is not None and len(word.group()) > 1 and word.group().isalpha()
            and word.group() not in _NOT_A_NAME)


def _local_head(folded: str, start: int) -> int:
    """Where an address starts once dots spelled out in its local part are taken in."""
    for _ in range(4):
        head = _LOCAL_HEAD_RE.search(folded, max(0, start - 48), start)
        if head is None:
            break
        start = head.start()
    return start


# Round 82 (blind81 read): two names and the sign said to join them ("so daniel and okafor with a
# dot between", "julie et martin avec un point entre les deux"), or the sign first ("a dot
# between daniel and okafor").
_NAME = r"[a-z][a-z\-]{1,24}"
_JOINING_SIGN = (rf"(?:a|an|one|un|une)\s+(?:{_DOT_NAMES}|full stop|period|underscore"
                 r"|tiret(?: bas)?|hyphen|dash)")
_JOINED_NAMES_RE = re.compile(
    rf"\b{_NAME}\s+(?:and|et|&)\s+{_NAME}\s+(?:with|avec)\s+{_JOINING_SIGN}\s+"
    r"(?:in\s+)?(?:between(?: them)?|in the middle|entre(?: les deux)?|au milieu)\b"
    rf"|\b(?:with|avec)\s+{_JOINING_SIGN}\s+(?:in\s+)?(?:between|entre)\s+{_NAME}\s+"
    rf"(?:and|et|&)\s+{_NAME}\b")


def _joined_names(folded: str, found: list[Found]) -> list[Found]:
    """The names of an address said with the sign between them, in a text naming a mail
    provider (see `_JOINED_NAMES_RE`)."""
    return [Found(EMAIL, m.start(), m.end()) for m in _JOINED_NAMES_RE.finditer(folded)
            if not _taken(m.start(), m.end(), found)]


def _taken(start: int, end: int, found: Iterable[Found]) -> bool:
    """Whether `[start, end)` overlaps a piece of data already found."""
    return overlaps(start, end, ((f.start, f.end) for f in found))


def _named(folded: str, found: list[Found]) -> list[Found]:
    """Handles given after the provider's name ("mon gmail c'est lea.durand92", "my iCloud
    address is my first name dot last name: rhys.p")."""
    out: list[Found] = []
    for intro in _NAMED_PROVIDER_RE.finditer(folded):
        provider = intro.group("provider") or intro.group("named")
        # "mon orange est pourri", "free : 2 mois offerts": an everyday provider's name needs
        # a word for an address, in the intro or, after "chez", in the text.
        if provider in _EVERYDAY_PROVIDER_WORDS and not (
            intro.group("intro") or intro.group("mail") or intro.group("after")
            if intro.group("named") is None
            else intro.group("chez") and _MAIL_WORD_RE.search(folded)
        ):
            continue
        local = _NAMED_LOCAL_RE.match(folded, intro.end())
        if local is not None and _named_local(local.group()):
            spans = [(local.start(), local.end())]
        elif intro.group("copula") or intro.group("sign") or intro.group("am"):
            spans = _handles_further(folded, intro.end())
        else:
            continue
        if provider in _EVERYDAY_PROVIDER_WORDS:
            spans = [(start, end) for start, end in spans if _MAILBOX_STATE_RE.search(
                folded, end, min(len(folded), end + _STATE_REACH)) is None]
        out.extend(Found(EMAIL, start, end) for start, end in spans
                   if not _taken(start, end, found) and not _taken(start, end, out))
    return out


def _named_local(local: str) -> bool:
    """Whether the words right after a named provider are a handle ("lea.d92", "lea point d")."""
    pieces = local.split()
    spelled = len(pieces) > 1 and pieces[0] not in _NOT_A_LOCAL and len(pieces[0]) > 1
    return (
        (spelled or _HANDLE_RE.fullmatch(local) is not None)
        and pieces[-1] not in _NOT_LOCAL_ENDS
        and _NOT_HANDLE_END_RE.search(local) is None
    )


def _handles_further(folded: str, start: int) -> list[tuple[int, int]]:
    """The handles a little after a named provider, in the same sentence, that the words
    before them lead to (see `_LEADS_TO_HANDLE_RE`)."""
    end = min(len(folded), start + _NAMED_REACH)
    stop = _SENTENCE_END_RE.search(folded, start, end)
    end = stop.start() if stop is not None else end
    spans: list[tuple[int, int]] = []
    for handle in _SPLIT_HANDLE_RE.finditer(folded, start, end):
        if _NOT_HANDLE_END_RE.search(handle.group()) or not _HANDLE_RE.fullmatch(handle.group()):
            break
        gap = folded[spans[-1][1] if spans else start:handle.start()]
        if spans:
            if not _HANDLES_JOIN_RE.fullmatch(gap):
                break
        elif _LEADS_TO_HANDLE_RE.search(gap) is None or _MAILBOX_STATE_RE.search(gap):
            break
        spans.append((handle.start(), handle.end()))
    return spans


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


def _split_email(folded: str, found: list[Found], login: bool, provider: bool) -> list[Found]:
    """An address given in two parts: "c'est julie.m, puis arobase gmail point com".

    The second part is the "@" (a bare "at"/"chez" only with the ending) and a provider whose
    name is no everyday word, or that provider said after words that say the rest follows
    ("pour la suite c'est hotmail"); the first, a handle a little before it. `login`: the
    text names a login or an address, so that any domain after "at" (cued) or right after
    "it's" may be the second part. `provider`: whether the text names a provider of
    `_PROVIDER_NAMES`, which the first two patterns cannot match without.
    """
    out: list[Found] = []
    seconds: list[tuple[re.Match[str], bool]] = []
    if provider:
        seconds.extend((m, False) for m in _SPLIT_DOMAIN_RE.finditer(folded)
                       if m.group("strong") is not None or m.group("tld") is not None)
        seconds.extend((m, True) for m in _PROVIDER_SAID_RE.finditer(folded))
    if "@" in folded:
        seconds.extend((m, True) for m in _AT_ANY_DOMAIN_RE.finditer(folded))
    if any(cue in folded for cue in _DOMAIN_CUES):
        seconds.extend((m, True) for m in _DOMAIN_SAID_RE.finditer(folded))
    if login:
        if " at " in folded:
            seconds.extend((m, True) for m in _AT_WORD_ANY_DOMAIN_RE.finditer(folded))
        seconds.extend((m, False) for m in _IT_IS_ANY_DOMAIN_RE.finditer(folded))
    for match, cued in seconds:
        start = match.start("said") if "said" in match.re.groupindex else match.start()
        if _taken(start, match.end(), found) or _taken(start, match.end(), out):
            continue
        handle = _handle_before(folded, start, found, cued)
        if handle is not None:
            out.extend((handle, Found(EMAIL, start, match.end())))
    return out


def _handles(folded: str, start: int, end: int) -> list[re.Match[str]]:
    """The handles between `start` and `end` that an address given apart may begin with,
    in order: written ("julie.m", "tom92") or with a spelled dot ("manon point vidal")."""
    handles = [
        handle for handle in _SPLIT_HANDLE_RE.finditer(folded, start, end)
        if len(handle.group()) >= 5 and not _MAIL_DOMAIN_RE.fullmatch(handle.group())
        and not _FILE_NAME_RE.search(handle.group())
    ]
    handles.extend(
        handle for handle in _SPELLED_HANDLE_RE.finditer(folded, start, end)
        if not _NOT_A_LOCAL.intersection(handle.group("first", "last"))
        and not _NAME_PLACEHOLDERS.intersection(handle.group("first", "last"))
        and handle.group("last") not in _NOT_LOCAL_ENDS
    )
    return sorted(handles, key=lambda handle: handle.end())


def _handle_before(folded: str, start: int, found: list[Found],
                   cued: bool = False) -> Found | None:
    """The handle a little before `start` that an address given apart begins with, if any
    (not a mail domain itself, nor data already found); `cued`: whatever the distance, the
    words between must say that the rest follows."""
    handles = [
        handle
        for handle in _handles(folded, max(0, start - 2 * _SPLIT_EMAIL_CUED_GAP), start)
        if start - handle.end() <= _SPLIT_EMAIL_CUED_GAP
    ]
    if not handles:
        return None
    last = handles[-1]
    if (cued or start - last.end() > _SPLIT_EMAIL_GAP) and (
        _SPLIT_EMAIL_CUE_RE.search(folded, last.end(), start) is None
    ):
        return None
    if _taken(last.start(), last.end(), found):
        return None
    return Found(EMAIL, last.start(), last.end())


def _handle_after(folded: str, end: int, found: list[Found]) -> Found | None:
    """The first handle a little after a domain given alone, when the words between say
    that the address starts there ("@gmx.com. The first bit, hold on, is felix.b")."""
    handles = _handles(folded, end, min(len(folded), end + _SPLIT_EMAIL_CUED_GAP))
    if not handles or _HANDLE_FIRST_CUE_RE.search(folded, end, handles[0].start()) is None:
        return None
    first = handles[0]
    if _taken(first.start(), first.end(), found):
        return None
    return Found(EMAIL, first.start(), first.end())


def _collapsed(folded: str, runs: list[re.Match[str]]) -> tuple[str, list[int]]:
    """`folded` with each run of single characters written as one word ("l-a-p-o-s-t-e" ->
    "laposte"), a bare "at" between two runs as "@", and for each character of that view its
    offset in `folded`."""
    pieces: list[str] = []
    index: list[int] = []
    position = 0
    for number, run in enumerate(runs):
        gap = folded[position:run.start()]
        if number and _RUNS_AT_RE.fullmatch(gap):
            gap = " @" + " " * (len(gap) - 2)
        pieces.extend((gap, run.group()[::2]))
        index.extend(range(position, run.start()))
        index.extend(range(run.start(), run.end(), 2))
        position = run.end()
    pieces.append(folded[position:])
    index.extend(range(position, len(folded)))
    return "".join(pieces), index


def _backwards(folded: str, found: list[Found]) -> list[Found]:
    """Addresses given backwards as a list ("com, point, gmail, arobase, cohen, point, david"):
    read the right way round, the whole list must be one convincing address."""
    out = []
    for match in _BACKWARDS_RE.finditer(folded):
        if _taken(match.start(), match.end(), found):
            continue
        turned = " ".join(reversed(_LIST_COMMA_RE.split(match.group())))
        address = _SPELLED_EMAIL_RE.search(turned)
        if (
            address is not None
            and address.end() == len(turned)
            and _local_head(turned, address.start()) == 0
            and address.group("local") not in _NOT_A_LOCAL
            and _convincing(address, turned)
        ):
            out.append(Found(EMAIL, match.start(), match.end()))
    return out


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
    `provider`: whether the text names one), or after a lone "@"; the handle may also come
    after the domain ("the last bit is @gmx.com. The first bit is felix.b")."""
    out: list[Found] = []
    # Its domains are written with a dot ("numericable.fr"): none without one.
    matches = list(_MAIL_DOMAIN_RE.finditer(folded)) if "." in folded else []
    if provider:
        matches.extend(_SPELLED_MAIL_DOMAIN_RE.finditer(folded))
    lone = list(_LONE_AT_DOMAIN_RE.finditer(folded)) if "@" in folded else []
    for match in matches + lone:
        start = match.start()
        if _taken(start, match.end(), found) or _taken(start, match.end(), out):
            continue
        handle = _handle_before(folded, start, found) or _handle_after(folded, match.end(), found)
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
    if len(first) == 3 and first[0] in "23456789" and (
            [len(g[2]) for g in tail] == [3, 4]
            or len(second) == 7 and any(not folded[g[0]:g[1]].isdigit() for g in tail)):
        # "Area code's 312. The rest is 648 0417.", "area code seven one eight, then five
        # five five, oh one three eight" (the rest in words: round 18).
        return _AREA_CODE_RE.search(folded) is not None
    # Round 70 (blind69 read): a North American number cut after its exchange, in a text about a
    # phone ("my cell's in 2 bits …: 647 555 and then 0121").
    if ([len(g[2]) for g in head] == [3, 3] and [len(g[2]) for g in tail] == [4]
            and first[0] in "23456789" and first[3] in "23456789"):
        return _PHONE_WORD_RE.search(folded) is not None
    # Round 68 (blind67 read): a number after its "+", cut in two ("+32 478… attends… 61 29 05").
    if _plus_before(folded, head[0][0]) and min(
            len(first), len(second)) >= 4:
        return 10 <= len(first + second) <= 13 and phone_shaped(
            first + second, True, (len(first), len(second)))
    # "mon 06 c'est 12 34 56 78": a mobile prefix alone, then four pairs.
    prefix = first in ("06", "07") and [len(g[2]) for g in tail] == [2, 2, 2, 2]
    return (
        first.startswith("0")
        and (4 <= len(first) <= 8 or prefix)
        and phone_shaped(first + second, False, (len(first), len(second)))
        # Ten digits, or eleven for a British mobile ("07911 … 123 456").
        and (len(first + second) == 10 or _british_halves(head, tail))
    )


def _split_amex(folded: str) -> list[Found]:
    """An American Express number in two parts, written as its card groups them: the first
    ten digits ("3714 496353"), then the last five after words that say the rest follows
    ("… and then 98431 at the end", round 20), passing Luhn's check."""
    for head in _AMEX_HEAD_RE.finditer(folded):
        first = re.sub(r"\D", "", head.group())
        for tail in _AMEX_TAIL_RE.finditer(folded, head.end(), head.end() + _SPLIT_CUED_GAP):
            if _SPLIT_CUE_RE.search(folded, head.end(), tail.start()) and luhn_valid(
                    first + tail.group()):
                return [Found(CARD, head.start(), head.end()),
                        Found(CARD, tail.start(), tail.end())]
    return []


def _mislengths(written: str, known: int) -> list[int]:
    """The lengths to try for an IBAN of a country whose length is `known`: that one, then
    those where a group ends within a group of it ("CH28 0076 2073 8451 2690 001", a Swiss
    IBAN copied with two digits too many, still passes its check: round 18)."""
    ends, count = [], 0
    for number, group in enumerate(re.split(r"[ \-./]+", written)):
        if number > 1 and group.isalpha():
            break  # words, not groups of the IBAN ("BE68 5390 and ends 0754 7034")
        count += len(group)
        ends.append(count)
    return [known, *(n for n in ends if n != known and abs(n - known) <= _IBAN_MISLENGTH)]


def _split_ibans(folded: str) -> list[Found]:
    """IBANs given in two or more parts of a message: the parts, put together, have the
    country's length (give or take `_SPLIT_IBAN_MISLENGTH`) and pass the mod-97 check (which no
    chance sequence of numbers does but once in 97, on top of the length)."""
    out: list[Found] = []
    for head in _IBAN_HEAD_RE.finditer(folded):
        length = _IBAN_LENGTHS.get(head.group(1))
        if length is None:
            continue
        runs: list[tuple[int, int]] = []
        compact = ""
        for run in _IBAN_RUN_RE.finditer(folded, head.start(),
                                          min(len(folded), head.start() + _SPLIT_IBAN_REACH)):
            end = run.end()
            if not runs and end == head.end() and (
                    code := _BANK_CODE_AFTER_HEAD_RE.match(folded, end)) is not None:
                end = code.end()
            compact += folded[run.start():end].replace(" ", "").replace("-", "")
            runs.append((run.start(), end))
            # Round 54 (blind52 read): the parts may miss or double a character of the
            # country's length: "début de l'IBAN FR37 3000 4102 1800, et la fin : 4927 3615 82"
            # (26 characters for France's 27) passes its check.
            if len(runs) >= 2 and abs(len(compact) - length) <= _SPLIT_IBAN_MISLENGTH and (
                    iban_valid(compact)):
                out.extend(Found(IBAN, start, end) for start, end in runs)
                break
            if len(compact) >= length + _SPLIT_IBAN_MISLENGTH:
                break
    return out


def _a_reference(folded: str, chain: list[tuple[int, int, str]], first: int) -> bool:
    """Round 26 (blind24 read): whether the groups of a chain from `first` on are a parcel's or
    an order's reference ("Tracking for the chanter is 0046 1128 3390 5512 47"): more digits
    than any phone number has, after such a word, with no phone's word and no "+" before."""
    start = chain[first][0]
    if _BUSINESS_ID_RE.search(folded, max(0, start - 12), start):
        return True  # Round 46: a company's number, whatever its length
    # Round 44 (blind42 read): or digits after a code of letters and digits that opens the
    # reference ("Numéro de colis 8R 0374 5521 906").
    # Round 49 (blind47 read): or digits glued to the letters of such a code ("suivi
    # Colissimo 8R01234567890").
    # Round 66 (blind65 read): or the number would start after digits of the same chain ("numéro
    # de sinistre … c'est 2025 0419 8873 12": no phone number inside a reference).
    return ((sum(len(group[2]) for group in chain[first:]) > _LONGEST_PHONE or first > 0
             or _CODE_BEFORE_RE.search(folded, max(0, start - 12), start) is not None
             or (start > 0 and folded[start - 1].isalpha()))
            # Round 52 (blind50 read): a little further back ("Le ticket de parking perdu,
            # c'était le 0061 4473 2210 8859").
            and _TRACKING_RE.search(folded, max(0, start - 48), start) is not None
            and _PHONE_WORD_RE.search(
                _REFERENCE_NUMBER_RE.sub(" ", folded[max(0, start - 32):start])) is None
            and _plus_before(folded, start) is None)


def _said_ibans(folded: str, values: dict[str, int]) -> list[Found]:
    """IBANs read out (see `_SAID_IBAN_CUE_RE`): the pieces of each run put together, an IBAN
    is the country's length from a country code and passes the mod-97 check; at least one of
    its pieces is a number word (the written ones are `_ibans`')."""
    out: list[Found] = []
    run: list[tuple[str, int, int, bool]] = []  # (characters, start, end, a number word)
    for piece in _SAID_IBAN_PIECE_RE.finditer(folded):
        word = piece.group()
        if run and _SAID_IBAN_GAP_RE.fullmatch(folded, run[-1][2], piece.start()) is None:
            out.extend(_iban_in_run(run))  # the run ends at a comma or a full stop
            run = []
        said = len(word) > 1 and word in values
        if said or word.isdigit() or (word.isalpha() and len(word) <= _SAID_IBAN_LETTERS):
            run.append((str(values[word]) if said else word, piece.start(), piece.end(), said))
        else:
            out.extend(_iban_in_run(run))
            run = []
    out.extend(_iban_in_run(run))
    return out


def _iban_in_run(run: list[tuple[str, int, int, bool]]) -> list[Found]:
    """The first IBAN said in a run of pieces (see `_said_ibans`)."""
    if not any(said for *_, said in run):
        return []
    compact = "".join(chars for chars, *_ in run)
    owner = [index for index, (chars, *_) in enumerate(run) for _ in chars]
    for head in _SAID_IBAN_HEAD_RE.finditer(compact):
        length = _IBAN_LENGTHS.get(head.group(1))
        start = head.start()
        if (length is None or start + length > len(compact)
                or (start and owner[start - 1] == owner[start])):
            continue
        end = start + length
        if (end < len(compact) and owner[end - 1] == owner[end]) or not iban_valid(
                compact[start:end]):
            continue
        first, last = run[owner[start]], run[owner[end - 1]]
        if any(said for *_, said in run[owner[start]:owner[end - 1] + 1]):
            return [Found(IBAN, first[1], last[2])]
    return []


def _in_parts(folded: str, chains: list[list[tuple[int, int, str]]],
              zero_said: bool) -> list[Found]:
    """A number given in parts with words between (see `_SPLIT_PARTS`): put together, a
    French number (ten digits from 0), a British one (eleven from 01, 02, 03 or 07), or after
    a "+" a number with its country code ("+65 8732, … the rest is 1045"). `zero_said`: the
    text says the number's zero apart (`_ADD_ZERO_RE`)."""
    phone_word = _PHONE_WORD_RE.search(folded) is not None
    own_number = phone_word and _EIGHT_DIGIT_CUE_RE.search(folded) is not None
    for index, head in enumerate(chains):
        plus = _plus_before(folded, head[0][0])
        head_digits = "".join(group[2] for group in head)
        # Round 77 (blind76 read): the number's zero said apart ("le 6 puis 81 puis 57 puis 34
        # puis 20, précédé du 0"): a first part without it takes it back.
        lead = "0" if zero_said and len(head) == 1 and head_digits in _MOBILE_FIRST else ""
        prefix = _BRITISH_PREFIX_RE.fullmatch(head[0][2]) is not None or (
            _PREFIX_PART_RE.fullmatch(lead + head_digits) is not None
            and (len(head) == 1 or any(not folded[g[0]:g[1]].isdigit() for g in head)))
        if not (plus or prefix or (head_digits.startswith("0") and phone_word)) or not _a_part(
            folded, head, first=True
        ) or (
            _REFERENCE_RE.search(folded, max(0, head[0][0] - 32), head[0][0])
        ):
            continue
        # A zero said apart cues the parts as a number does ("le 6 (avec un zéro devant) 83 47
        # 25 19", round 80).
        parts, cued = [head], bool(lead)
        for tail in chains[index + 1:index + _SPLIT_PARTS]:
            if _a_count(folded, tail) or _an_interjection(folded, tail):
                continue
            gap = _ASIDE_RE.sub(" ", folded[parts[-1][-1][1]:tail[0][0]])
            cue = _SPLIT_CUE_RE.search(gap) is not None
            joined = cue and len(gap) <= _SPLIT_CUED_GAP or _PARTS_JOIN_RE.fullmatch(gap)
            if not joined or not _a_part(folded, tail):
                break
            parts.append(tail)
            cued = cued or cue
            digits = lead + "".join(group[2] for part in parts for group in part)
            if cued and _parts_shaped(digits, plus is not None, own_number) and (
                    not _a_sequence(parts)):
                found = [Found(PHONE, part[0][0], part[-1][1]) for part in parts]
                if plus:
                    found[0] = Found(PHONE, plus.start(), found[0].end)
                return found
    return []


# Round 51 (blind49 read): a voucher's or a gift card's number, no payment card's ("The voucher
# code on the back is 6039 4471 2285 9163 004, does the app take these?").
_VOUCHER_BEFORE_RE = re.compile(rf"\b(?:{_VOUCHER_WORDS})\b")
# A word of letters and digits, then a space: the head of a parcel's code ("8r ", "1z ", "ab12 ").
_CODE_BEFORE_RE = re.compile(r"(?<![a-z0-9])(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{2,6} \Z")
# A reference's letters hyphened to its digits ("DEP-", "REF-"), not a phone's label ("tel-").
_CODE_HEAD_RE = re.compile(r"(?<![a-z0-9])(?!tel-|fixe-|port-|mob-|gsm-|cell-)[a-z]{2,5}-\Z")


def _a_voucher(folded: str, start: int) -> bool:
    """Whether the number at `start` follows a voucher's word with no card's word after it."""
    vouchers = list(_VOUCHER_BEFORE_RE.finditer(folded, max(0, start - 40), start))
    return bool(vouchers) and _CARD_WORD_RE.search(folded, vouchers[-1].end(), start) is None


def _cued(folded: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether words that say the rest of a card follows stand between two of its parts."""
    return second.start() - first.end() <= _SPLIT_CUED_GAP and _SPLIT_CUE_RE.search(
        folded, first.end(), second.start()) is not None


def _glued_to_letters(folded: str, group: tuple[int, int, str]) -> bool:
    """Whether a digit group is written against a letter ("aa1", "1z")."""
    start, end = group[0], group[1]
    return (start > 0 and folded[start - 1].isalpha()) or (
        end < len(folded) and folded[end].isalpha())


def _a_count(folded: str, chain: list[tuple[int, int, str]]) -> bool:
    """Whether a chain is one number word that counts digits ("the last three are …")."""
    start, end = chain[0][0], chain[-1][1]
    return len(chain) == 1 and not folded[start:end].isdigit() and (
        _COUNT_BEFORE_RE.search(folded, max(0, start - 16), start) is not None
        or _COUNT_AFTER_RE.match(folded, end) is not None
    )


def _an_interjection(folded: str, chain: list[tuple[int, int, str]]) -> bool:
    """Whether a chain is a lone "oh" or "o", which says zero only among other digits ("oh
    seven seven"): "… by the stage door. Oh and it ends 392" (round 18)."""
    return len(chain) == 1 and folded[chain[0][0]:chain[0][1]] in _ZERO_INTERJECTIONS


def _a_sequence(parts: list[list[tuple[int, int, str]]]) -> bool:
    """Whether the groups of parts count up like a list ("06, puis 07, puis 08, puis 09, puis
    10", "01 - 02, puis 03 - 04, ensuite 05")."""
    values = [group[2] for part in parts for group in part]
    if len({len(value) for value in values}) > 1:
        return False
    steps = {int(b) - int(a) for a, b in zip(values, values[1:], strict=False)}
    return len(steps) == 1 and steps.pop() > 0


def _parts_shaped(digits: str, plus: bool, own_number: bool = False) -> bool:
    """Whether the digits of parts put together are a number (see `_in_parts`): eleven
    digits from 0 are a British number, or any other (Nigeria's "0803 …", Egypt's "010 …")
    when the text gives one's own number ("my digits", "call me", see `_EIGHT_DIGIT_CUE_RE`)."""
    if plus:
        return phone_shaped(digits, True, (1,) * len(digits))
    if len(digits) == 11:
        return digits[:2] in ("01", "02", "03", "07") or own_number and digits[1] != "0"
    return len(digits) == 10 and digits[1] != "0"


def _a_part(folded: str, chain: list[tuple[int, int, str]], first: bool = False,
            may_follow: frozenset[str] | None = None) -> bool:
    """Whether a chain may be a part of a number given in parts (the `first` or another), or
    with `may_follow` a whole number after one of those words: plainly written, and no date,
    hour, amount or rank (see `_NOT_A_PART_BEFORE_RE`, `_UNIT_AFTER_RE`)."""
    if may_follow is None:
        may_follow = _FIRST_PART_MAY_FOLLOW if first else _PART_MAY_FOLLOW
    start, end = chain[0][0], chain[-1][1]
    before = _NOT_A_PART_BEFORE_RE.search(folded, max(0, start - 16), start)
    return (
        _plainly_separated(folded, chain)
        and (before is None or before.group("word") in may_follow)
        and _UNIT_AFTER_RE.match(folded, end) is None
    )


def _named_country(folded: str, regex: re.Pattern[str], firsts: dict[str, str],
                   wanted: bool) -> str | None:
    """The usual first digits of the country (or town) of `firsts` the text names, if it is
    `wanted` and names one."""
    named = regex.search(folded) if wanted else None
    return firsts[named.group("country")] if named else None


def _short_national(folded: str, chains: list[list[tuple[int, int, str]]]) -> list[Found]:
    """A national number of eight digits (see `_EIGHT_DIGIT_COUNTRIES`): "Call me 9648 2173",
    "Mo nimero se 5781 2046, Mauritius", "mon numéro libanais : zéro trois, 518 274"; or of
    nine (see `_NINE_DIGIT_LAYOUTS`), or a landline of eight with its 0 ("095 21 487"); or
    an Indian mobile of ten (see `_TEN_DIGIT_LAYOUTS`)."""
    runs = [(chain, "".join(group[2] for group in chain)) for chain in chains]
    lengths = {len(digits) for _, digits in runs}
    # A country is looked for only when a run has its count of digits.
    eight = _named_country(folded, _EIGHT_DIGIT_COUNTRY_RE, _EIGHT_DIGIT_COUNTRIES, 8 in lengths)
    nine = _named_country(folded, _NINE_DIGIT_COUNTRY_RE, _NINE_DIGIT_COUNTRIES, 9 in lengths)
    firsts = eight or "23456789"
    for chain, digits in runs:
        if len(digits) not in (8, 9, 10) or digits[:2] == "00":
            continue
        start, end = chain[0][0], chain[-1][1]
        layout = tuple(len(group[2]) for group in chain)
        # A named country's numbers have eight digits and no trunk 0.
        named = eight is not None and len(digits) == 8 and digits[0] in firsts
        landline = _LANDLINE_RE.search(folded, max(0, start - _PHONE_CUE_REACH), end)
        if len(digits) == 10:
            spoken = any(not folded[g[0]:g[1]].isdigit() for g in chain)
            shaped = digits[0] in "6789" and (spoken or layout in _TEN_DIGIT_LAYOUTS)
            # Round 51 (blind49 read): or a North American number written in one run ("212555
            # 0148" in keycap emoji, "my number lol"): its area code and exchange start 2 to 9.
            shaped = shaped or (layout == (10,) and digits[0] in "23456789"
                                and digits[3] in "23456789")
            named = False
            landline = None
        elif len(digits) == 9:
            shaped = layout in _NINE_DIGIT_LAYOUTS
            named = nine is not None and digits[0] in nine and len(layout) > 1
            # "au Cameroun : 6 77 12 34 56": a mobile's first digit apart.
            shaped = shaped or (named and layout == (1, 2, 2, 2, 2))
        elif digits[0] == "0" and not named:
            shaped = landline is not None and layout in _LANDLINE_LAYOUTS
        else:
            spoken = any(not folded[g[0]:g[1]].isdigit() for g in chain)
            shaped = digits[0] in firsts and (
                spoken or layout in _EIGHT_DIGIT_LAYOUTS
                or (named and layout in _EIGHT_DIGIT_COUNTRY_LAYOUTS))
        if (
            not shaped
            or not _a_part(folded, chain, may_follow=_NUMBER_MAY_FOLLOW)
            or _REFERENCE_RE.search(folded, max(0, start - 32), start)
            or _PARTIAL_RE.search(folded, max(0, start - 24), start)
            or _DATE8_RE.fullmatch(digits)
            # "call me between 2030 2130": two times.
            or (layout == (4, 4) and _HHMM_RE.fullmatch(digits[:4]) is not None
                and _HHMM_RE.fullmatch(digits[4:]) is not None)
        ):
            continue
        if named or landline or _EIGHT_DIGIT_CUE_RE.search(
            folded, max(0, start - _PHONE_CUE_REACH), min(len(folded), end + _PHONE_CUE_REACH)
        ):
            return [Found(PHONE, start, end)]
    return []


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
    # A landline's area code alone ("0117", "01632") is a head too.
    area = digits[:2] in ("01", "02") and 4 <= len(digits) <= 5
    return ((digits[:2] == "07" and usual) or area) and len(
        "".join(group[2] for group in tail)) == 11 - len(digits)


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
            r"(?<![a-z])(?:" + trie_regex([*self._values, *self._repeats]) + r")(?![a-z])"
        )
        # Round 53 (blind51 read): each digit glued to a number word ("0six 2huit 4un 7trois"),
        # one word that no canonical word counts.
        self._glued_number_re = re.compile(
            r"\d(?:" + trie_regex(list(self.number_words)) + r")(?![a-z])")

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
        # Three number words, or one next to digits ("zéro 6 12 34 56 78", "06 onze 22 33 44").
        spelled_words = (0 if self.number_words.isdisjoint(words)  # most texts: no set built
                         else len(self.number_words.intersection(words)))
        spelled = spelled_words >= 3 or (has_digit and (
            spelled_words > 0 or self._glued_number_re.search(folded) is not None))
        if has_digit:
            ibans, mistyped = self._ibans(folded)
            if ibans:
                found.extend(self._without(ibans, found))
            cards = self._cards(folded) or self._split_card(folded)
            card_word = not cards and _CARD_WORD_RE.search(folded) is not None
            if card_word and _LOOKS_LIKE_DIGIT_RE.search(folded):
                # "card is 51O4 7O23 88I5 627O": letters for digits, read as the phones are.
                cards = self._cards(_letters_as_digits(folded))
            if not cards and card_word:
                cards = self._cards(folded, _ANY_GROUPS_CARD_RE)
            if not cards and spelled and card_word:
                # Round 21: "card is 4024 0071 then five six eight eight, three two one six".
                cards = self._said_card(folded)
            if cards and mistyped:
                # A span written as an IBAN that fails its check is no card number either.
                cards = [c for c in cards if not overlaps(c.start, c.end, mistyped)]
            if cards:
                found.extend(self._without(cards, found))
            if not ibans and not cards and _FIVE_DIGITS_RE.search(folded) is not None:
                found.extend(self._without(domestic_accounts(folded), found))
            if not ibans:
                not_phones = mistyped
            if not ibans and spelled and _SAID_IBAN_CUE_RE.search(folded):
                found.extend(self._without(_said_ibans(folded, self._values), found))
        elif spelled and _CARD_WORD_RE.search(folded):
            found.extend(self._said_card(folded))  # "card: four five three nine, one four …"
        if has_digit or spelled:
            taken = [(f.start, f.end) for f in found] + list(exclude) + not_phones
            found.extend(self._phones(folded, spelled, taken))
        if (has_digit or "roma" in folded) and any(word in folded for word in _RIDDLE_WORDS) and (
                cue := _RIDDLE_CUE_RE.search(folded)) is not None:
            taken = [(f.start, f.end) for f in found] + list(exclude)
            found.extend(f for f in _riddles(folded, cue) if not overlaps(f.start, f.end, taken))
        return found

    @staticmethod
    def _without(candidates: Iterable[Found], taken: list[Found]) -> list[Found]:
        spans = [(t.start, t.end) for t in taken]
        return [c for c in candidates if not overlaps(c.start, c.end, spans)]

    @staticmethod
    def _emails(folded: str, collapse: bool = True) -> list[Found]:
        """E-mail addresses; `collapse`: also read characters spelled one at a time."""
        runs = (list(_LETTER_RUN_RE.finditer(folded))
                if collapse and _SPELLED_WORD_GATE_RE.search(folded) else [])
        if not any(len(run.group()) >= _SPELLED_WORD for run in runs):
            runs = []  # "2-1", "c-o" alone: nothing spelled
        written, folded = folded, _spoken(folded)
        # A plain address has an "@" (the spoken view writes none: it names the sign).
        found = ([Found(EMAIL, m.start(), m.end()) for m in _EMAIL_RE.finditer(folded)]
                 if "@" in folded else [])
        # Four of the patterns need a provider's name: one search spares them the others.
        provider = _PROVIDER_NAME_RE.search(folded) is not None
        for regex in (_SPELLED_EMAIL_RE, _PROVIDER_ONLY_RE)[: 1 + provider]:
            position = 0
            while (match := regex.search(folded, position)) is not None:
                if (
                    match.group("local") not in _NOT_A_LOCAL
                    and _convincing(match, folded)
                    and not _taken(match.start(), match.end(), found)
                ):
                    found.append(Found(EMAIL, match.start(), match.end()))
                    position = match.end()
                else:
                    # A candidate turned down must not hide an address that starts inside it:
                    # "email me at dai.pritchard at btinternet dot com" is first read as "me"
                    # at "dai.pritchard" (with "at", Austria's ending, for the last one).
                    position = match.end("at")
        found = [Found(EMAIL, _local_head(folded, f.start), f.end) for f in found]
        if provider or _EVERYDAY_PROVIDER_RE.search(folded):
            found.extend(_named(folded, found))
        if provider:
            for regex in (_PROVIDER_AFTER_RE, _NO_AT_RE):
                for match in regex.finditer(folded):
                    if (_HANDLE_RE.fullmatch(match.group("local")) or _introduced(
                            folded, match)) and not _FILE_NAME_RE.search(
                            match.group("local")) and not _taken(
                        match.start(), match.end(), found
                    ):
                        found.append(Found(EMAIL, match.start(), match.end()))
        if "@" in folded:
            found.extend(_spaced(folded, found))
            found.extend(_reversed(written, found))
        if "arob" in folded or provider:
            found.extend(_glued(folded, found))
        login = _LOGIN_WORD_RE.search(folded) is not None
        if provider or login or any(cue in folded for cue in _DOMAIN_CUES):  # "@" is one
            found.extend(_split_email(folded, found, login, provider))
        if "#" in folded:
            found.extend(_hashed(folded, found))
        if provider and (" with " in written or " avec " in written):
            found.extend(_joined_names(written, found))
        found.extend(_bare_domain(folded, found, provider))
        if written.count(",") >= _BACKWARDS_COMMAS:
            found.extend(_backwards(written, found))
        if runs:
            # Only the addresses that take in a spelled run are new.
            spans = [(run.start(), run.end()) for run in runs]
            view, index = _collapsed(folded, runs)
            for f in PersonalDataFinder._emails(view, collapse=False):
                start, end = index[f.start], index[f.end - 1] + 1
                if overlaps(start, end, spans) and not _taken(start, end, found):
                    found.append(Found(EMAIL, start, end))
        return found

    @staticmethod
    def _ibans(folded: str) -> tuple[list[Found], list[tuple[int, int]]]:
        """IBANs, and the spans written as an IBAN of a known country and about its length
        that fail the check ("l'appli refuse mon IBAN FR08 3000 …, j'ai mal recopié ?"): a
        mistyped IBAN is no phone number either."""
        named = "iban" in folded
        if _IBAN_HEAD_GATE_RE.search(folded) is None and not named:
            return [], []
        found = []
        mistyped = []
        matches = list(_IBAN_RE.finditer(folded))
        if named:
            # Round 70: or after the word, a space between its country code and check digits
            # ("iban fr 26 2004 1010 …", blind62); not without the word, where "at 06 12 34 56
            # 78" would be an Austrian candidate.
            matches += [m for m in _NAMED_IBAN_RE.finditer(folded)
                        if not any(m.start() <= o.start() < m.end() for o in matches)]
        for match in matches:
            positions = [i for i, char in enumerate(match.group()) if char not in " -./"]
            compact = "".join(match.group()[i] for i in positions)
            known = _IBAN_LENGTHS.get(compact[:2])
            lengths = (_mislengths(match.group(), known) if known
                       else range(min(len(compact), 34), 14, -1))
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
    def _cards(folded: str, pattern: re.Pattern[str] = _CARD_RE) -> list[Found]:
        found = []
        for match in pattern.finditer(folded):
            if _a_voucher(folded, match.start()):
                continue
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

    @staticmethod
    def _split_card(folded: str) -> list[Found]:
        """A card number given in two parts with a few words between, in a text about a card
        ("Card is 5229 0471 ... second half 8836 1500"): both parts, when together they make
        sixteen digits that pass Luhn's check. Two halves of eight digits may be up to
        `_SPLIT_CARD_GAP` apart; parts of other lengths ("commence par 5357 8214 0963, la suite
        est 7706"), or halves further apart, need words between that say the rest follows
        ("… sorry, sent too soon, then 3518 8270")."""
        if _CARD_WORD_RE.search(folded) is None:
            return []
        amex = _split_amex(folded)
        if amex:
            return amex
        parts = [part for part in _CARD_PART_RE.finditer(folded)
                 if not part.start() or not folded[part.start() - 1].isdigit()]
        if len(parts) < 2:
            return []
        for first, second in zip(parts, parts[1:], strict=False):
            head, tail = re.sub(r"\D", "", first.group()), re.sub(r"\D", "", second.group())
            digits = head + tail
            if len(digits) != 16 or digits[0] not in "23456" or not luhn_valid(digits):
                continue
            if _cued(folded, first, second) or (
                len(head) == len(tail) and second.start() - first.end() <= _SPLIT_CARD_GAP
            ):
                return [Found(CARD, first.start(), first.end()),
                        Found(CARD, second.start(), second.end())]
        # Round 46 (blind44 read): or in three parts, each after words that say the rest
        # follows ("card starts 5412 7534 / then 1289 / last bit 0068").
        for three in zip(parts, parts[1:], parts[2:], strict=False):
            digits = "".join(re.sub(r"\D", "", part.group()) for part in three)
            if (len(digits) == 16 and digits[0] in "23456" and luhn_valid(digits)
                    and _cued(folded, three[0], three[1]) and _cued(folded, three[1], three[2])):
                return [Found(CARD, part.start(), part.end()) for part in three]
        return []

    def _said_card(self, folded: str) -> list[Found]:
        """A card number read out, in digits and number words, its groups apart ("card is 4024
        0071 then five six eight eight, three two one six"): fifteen or sixteen digits from a
        card's first digit that pass Luhn's check, in a text about a card (`_CARD_WORD_RE`).
        Written in digits alone, `_cards` and `_split_card` read it."""
        groups = self._number_groups(folded, folded, spelled=True)
        run: list[tuple[int, int, str]] = []
        for group in [*groups, (len(folded) + 1, len(folded) + 1, "")]:
            if run and group[2] and _SAID_CARD_JOIN_RE.fullmatch(folded, run[-1][1], group[0]):
                run.append(group)
                continue
            digits = "".join(part[2] for part in run)
            if (len(digits) in (15, 16) and digits[0] in "23456" and luhn_valid(digits)
                    and any(not folded[start:end].isdigit() for start, end, _ in run)):
                return [Found(CARD, run[0][0], run[-1][1])]
            run = [group]
        return []

    def _number_groups(self, folded: str, view: str, spelled: bool) -> list[tuple[int, int, str]]:
        """The digit groups of `view` and, when `spelled`, the number words of `folded` read as
        digit groups, in order (start, end, digits)."""
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
        return groups

    def _phones(self, folded: str, spelled: bool, taken: list[tuple[int, int]]) -> list[Found]:
        view = folded
        if _LOOKS_LIKE_DIGIT_RE.search(folded):
            view = _letters_as_digits(folded)
        if not spelled and len(_DIGIT_RE.findall(view)) < 8:
            return []  # too few digits for any number (most prices, times and dates)
        taken = taken + [(m.start(), m.end()) for m in _DATE_RE.finditer(view)]
        # Round 80 (blind79 read): the words that say the zero apart are none of its digits ("le
        # 6 (avec un zéro devant) 83 47 25 19": not "un", not "zéro").
        zero_said = _ADD_ZERO_RE.search(folded)
        if zero_said is not None:
            taken.append(zero_said.span())
        groups = self._number_groups(folded, view, spelled)
        if taken:
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
            found.extend(self._split_number(folded, leftovers, zero_said is not None))
        if not found:
            add_zero = zero_said is not None
            if add_zero or _PHONE_WORD_RE.search(folded) or _LE_MOBILE_RE.search(folded):
                said = add_zero or _NO_ZERO_RE.search(folded) is not None
                found.extend(_without_zero(folded, leftovers, said))
        if not found:
            found.extend(_short_national(folded, leftovers))
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
            # Round 11: dictated, the separator said ("zéro six point quarante-deux point…").
            return (_SAID_SEPARATOR_RE.fullmatch(folded, last[1], group[0]) is not None
                    or _odd_joins(folded, chain, group))
        if len(chain) < 2 or "," not in folded[last[1]:group[0]]:
            return True
        # Round 11: a number word anywhere in the chain, not only next to the comma ("zéro 6,
        # 12, soixante-quatre, 3 5, quatre-vingts").
        spelled = not folded[group[0]:group[1]].isdigit() or any(
            not folded[g[0]:g[1]].isdigit() for g in chain)
        # Round 82 (blind81 read): or one digit at a time, its first three without a comma,
        # then pairs apart by commas ("0-6-3-9, 2-0, 4-7, 1-8"); not a list of scores ("0-7,
        # 7-0, 0-0, 9-0").
        return spelled or "," in folded[chain[-2][1]:last[0]] or (
            len(chain) >= 3 and "," not in folded[chain[0][1]:chain[2][0]]
            and len(group[2]) == 1 and all(len(g[2]) == 1 for g in chain))

    @staticmethod
    def _phones_in(folded: str, chain: list[tuple[int, int, str]]) -> list[Found]:
        """The longest phone numbers made of consecutive groups of one chain."""
        if _a_reference(folded, chain, 0):
            # Round 30 (blind28 read): the whole chain after a parcel's word is its reference,
            # not only from its first group ("tracking 6281 0047 3359 2016" holds no "0047 …"
            # number abroad).
            return []
        found = []
        first = 0
        while first < len(chain):
            end = PersonalDataFinder._longest_phone(folded, chain, first)
            if end is None or (first and _glued_to_letters(folded, chain[first - 1])) or (
                _CODE_HEAD_RE.search(folded, max(0, chain[first][0] - 6), chain[first][0])
            ):
                # "1Z 999 AA1 01 2345 6784": digits after a group glued to letters belong to
                # a code of letters and digits (a parcel's tracking number), no phone number;
                # so do digits hyphened to a few letters ("DEP-0622984417").
                first += 1
                continue
            if _a_reference(folded, chain, first):
                first = end
                continue
            start = chain[first][0]
            plus = _plus_before(folded, start)
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
        plus = (_plus_before(folded, start) is not None
                or _LINKED_NUMBER_RE.search(folded, max(0, start - 7), start) is not None)
        # A phone number has at most 15 digits, so at most 15 groups: bounding the search keeps
        # a long run of numbers (a pasted table) linear.
        stop = min(len(chain), first + 15)
        texts = [group[2] for group in chain[first:stop]]
        # Spoken, a number is said digit by digit or in pairs as it comes: its groups are no
        # layout ("seven one eight, nine 0 four, 33 seventy-one").
        spoken = [not folded[g[0]:g[1]].isdigit() for g in chain[first:stop]]
        for count in range(stop - first, 0, -1):
            digits = "".join(texts[:count])
            if len(digits) < 8:
                return None
            if any(spoken[:count]):
                groups: tuple[int, ...] = (1,) * len(digits)
            else:
                groups = tuple(map(len, texts[:count]))
            if phone_shaped(digits, plus, groups):
                return first + count
        return None

    @staticmethod
    def _split_number(folded: str, chains: list[list[tuple[int, int, str]]],
                      zero_said: bool) -> list[Found]:
        """A number given in two parts of the same message ("06 12 34 … 56 78").

        The parts may be apart by a few words, or by a sentence that says the rest follows
        ("les quatre premiers chiffres c'est 0761, et la suite… 45 33 90"); a number word
        between them ("les six derniers") does not part them.
        """
        for index, head in enumerate(chains):
            for tail in chains[index + 1:index + 4]:
                gap = folded[head[-1][1]:tail[0][0]]
                # Digits written against letters on both sides of the gap are one code of
                # letters and digits ("0109776c-m030", an id), not a number in two parts.
                if _glued_to_letters(folded, head[-1]) and _glued_to_letters(folded, tail[0]):
                    break
                # Round 11: or the words just before the first part say it is the start
                # ("mon numéro commence par 06 74 … je coupe … 52 09 31").
                if len(gap) > _SPLIT_GAP and not (len(gap) <= _SPLIT_CUED_GAP and (
                    _SPLIT_CUE_RE.search(gap) or _START_CUE_RE.search(
                        folded, max(0, head[0][0] - _START_CUE_REACH), head[0][0]))):
                    break
                # "finit par 36 90. Le début c'est 06 81 44": the end given first.
                if _two_halves(folded, head, tail) or (
                    _START_CUE_RE.search(gap) and _two_halves(folded, tail, head)
                ):
                    # The "+" before the first part goes with it.
                    plus = _plus_before(folded, head[0][0])
                    return [
                        Found(PHONE, plus.start() if plus else head[0][0], head[-1][1]),
                        Found(PHONE, tail[0][0], tail[-1][1]),
                    ]
        return _in_parts(folded, chains, zero_said)

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

        def number(index: int) -> tuple[int, int]:
            """The value of the number said from word `index` ("quatre-vingt-dix-neuf" -> 99)
            and the index of the word after it."""
            value = values[index]
            index += 1
            if value == 4 and joined(index) == 20:
                value, index = 80, index + 1
            nxt = joined(index)
            if 1 <= value <= 9 and nxt == _HUNDRED:
                # "nine hundred" -> 900 (British numbers are read "oh seven seven hundred").
                value, index = value * _HUNDRED, index + 1
                # Round 40 (blind38 read): in French the rest of the hundred follows ("quatre
                # cent septante-neuf" -> 479: Swiss numbers are read by hundreds); an English
                # "hundred" is two zeros, the next word another group.
                if matches[index - 1].group().startswith("cent") and (
                        rest := joined(index)) is not None and 1 <= rest < _HUNDRED:
                    tail, after = number(index)
                    if tail < _HUNDRED:
                        value, index = value + tail, after
            elif value == 10 and nxt in (7, 8, 9):
                value, index = 10 + nxt, index + 1
            elif value in (60, 80) and nxt is not None and 10 <= nxt <= 16:
                value, index = value + nxt, index + 1
                nxt = joined(index)
                if value in (70, 90) and nxt in (7, 8, 9):
                    value, index = value + nxt, index + 1
            elif value in _TENS and nxt is not None and 1 <= nxt <= 9:
                value, index = value + nxt, index + 1
            return value, index

        groups = []
        index = 0
        while index < len(matches):
            first, value = index, values[index]
            if value < 0:
                index += 1
                if joined(index) is not None and 0 <= values[index] < _HUNDRED:
                    # "double six" -> 66; round 21: a pair repeated too ("deux fois
                    # quarante-quatre" -> 4444).
                    said, index = number(index)
                    if said < _HUNDRED:
                        groups.append((matches[first].start(), matches[index - 1].end(),
                                       str(said) * -value))
                else:
                    # "double 0", "triple 7": the repeated digit written as a digit.
                    written = _REPEATED_DIGIT_RE.match(folded, matches[first].end())
                    if written is not None:
                        groups.append((matches[first].start(), written.end(),
                                       written.group(1) * -value))
                continue
            if value == _HUNDRED:
                index += 1
                continue  # "a hundred": no digit given
            value, index = number(index)
            groups.append((matches[first].start(), matches[index - 1].end(), str(value)))
        return groups
