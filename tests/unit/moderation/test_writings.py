"""Every writing of personal data and scams the policy names, one case each.

Written from the categories of MODERATION_NOTES (e-mail obfuscations, phone writings, scams
and payment requests) before the blind batch was measured again, never from its messages;
with the look-alikes that must stay clean (times, prices, references, "at" in English).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "address",
    [
        "julie.martin (a) gmail.com",
        "julie.martin(a)gmail.com",
        "julie.martin [@] gmail [.] com",
        "julie 📧 gmail.com",
        "julie.martin ⓐ gmail.com",
        "lea.durand a gmail.com",
        "lea_durand arrobase free point fr",
        "lea_durand arobaz free.fr",
        "lea.durand -at- gmail -dot- com",
        "lea.durand_at_gmail_dot_com",
        "lea.durand [arobase] gmail [point] com",
        "lea.durand@gmail,com",
        "lea.durand at gmail com",
        "lea.durand @gmail",
        "tom.smith at hotmail",
        "lea.durand@hotmail。fr",
        "j u l i e @ g m a i l . c o m",
        "tom dot smith at gmail dot com",
        "lea point durand arobase orange point fr",
        "lea . durand @ hotmail . fr",
        "julie.martin at gmail.com",
        "julie.martin arobase gmail.com",
        "julie.martin arrobase gmail point com",
        "julie.martin arobaze gmail.com",
        "julie.martin arobasse gmail.com",
        "julie.martin (at) gmail (dot) com",
        "julie.martin [at] gmail [dot] com",
        "julie.martin {at} gmail {dot} com",
        "julie.martin <at> gmail <dot> com",
        "julie.martin (at)gmail(dot)com",
        "julie.martin *at* gmail *dot* com",
        "julie.martin (arobase) gmail (point) com",
        "julie.martin [chez] orange [point] fr",
        "julie.martin -arobase- gmail -point- com",
        "JULIE.MARTIN AT GMAIL DOT COM",
        "julie.martin AT gmail DOT com",
        "julie.martin@@gmail.com",
        "julie.martin @@ gmail.com",
        "julie.martin 🌀 gmail.com",
        "julie.martin 📩 gmail.com",
        "julie.martin 🅐 gmail.com",
        "julie.martin ＠ gmail.com",
        "julie.martin﹫gmail.com",
        "julie.martin Ⓐ gmail point com",
        "julie.martin@gmail pt com",
        "julie.martin arobase orange pt fr",
        "julie.martin@gmail(dot)com",
        "julie.martin@gmail[.]com",
        "julie.martin@gmail(.)com",
        "julie.martin@gmail·com",
        "julie.martin@gmail⋅com",
        "julie.martin@gmail dotcom",
        "julie.martin arobase gmail pointcom",
        "julie.martin (at) gmail",
        "julie.martin arobase gmail",
        "julie.martin at gmail",
        "juliemartin arobase hotmail",
        "juliemartin at gmail dot com",
        "julie at gmail.com",
        "julie.martin chez gmail point com",
        "julie.martin at gmail point com",
        "julie_martin75 at hotmail dot fr",
        "julie-martin at outlook dot com",
        "julie.martin at yahoo dot co dot uk",
        "julie.martin arobase gmail . com",
        "julie.martin\n@gmail.com",
        "julie.martin\narobase\ngmail\npoint\ncom",
        "j u l i e . m a r t i n @ g m a i l . c o m",
        "J U L I E @ G M A I L . C O M",
        "élodie.dupré@gmail.com",
        "françois.nœl@orange.fr",
        "jürgen.groß@web.de",
        "łukasz.wójcik at gmail dot com",
        "张伟@qq.com",
        "юля.петрова@gmail.com",
        "𝐣𝐮𝐥𝐢𝐞.𝐦𝐚𝐫𝐭𝐢𝐧@𝐠𝐦𝐚𝐢𝐥.𝐜𝐨𝐦",
        "jul\u200bie.mar\u200btin@gm\u200bail.com",
        "julie . martin at gmail . com",
        "tom [dot] smith [at] gmail [dot] com",
        "tom(dot)smith(at)gmail(dot)com",
        "Julie.Martin At Gmail Dot Com",
        "julie.martin 'at' gmail 'dot' com",
        "julie.martin “at” gmail “dot” com",
        "julie(point)martin(arobase)gmail(point)com",
        "julie.martin gmail.com",
        "julie92 hotmail point fr",
    ],
)
def test_every_email_writing_is_masked_whole(rules, address):
    assert rules.check(f"contact : {address} merci", "fr").text == "contact : [email] merci"


def test_an_address_given_after_its_provider_is_masked(rules):
    assert rules.check("mon gmail c'est lea.durand92", "fr").text == "mon gmail c'est [email]"


@pytest.mark.parametrize(
    "text",
    [
        "meet at the station at 8",
        "I'm at home. It's late",
        "on se retrouve chez Paul point de rendez-vous à 8h",
        "je suis chez moi point barre",
        "rdv chez Leclerc point relais",
        "see you at Tesco dot dot dot",
        "I'm at work, at least till five",
        "@Julie t'es où ?",
        "il y a une place chez Marie à 8h",
    ],
)
def test_at_chez_and_point_in_sentences_are_not_addresses(rules, text):
    assert rules.check(text).verdict == "allow"


@pytest.mark.parametrize(
    "number",
    [
        "zero six 12 34 56 78",
        "zéro 6 12 34 56 78",
        "0 six 1 2 3 4 5 6 7 8",
        "06 douze 34 cinquante-six 78",
        "06 onze 22 33 44",
        "06 12 34 56 septante-huit",
        "oh six, twelve, thirty four, fifty six, seventy eight",
        "plus trois trois six douze trente-quatre cinquante-six soixante-dix-huit",
        "06*12*34*56*78",
        "06~12~34~56~78",
        "06|12|34|56|78",
        "06, 12, 34, 56, 78",
        "+44 20 7946 0958",
        "0044 7700 900123",
        "+32 470 12 34 56",
        "0032 470 12 34 56",
        "+41 79 123 45 67",
        "0041 79 123 45 67",
        "+32 (0)470 12 34 56",
        "06 12.34-56 78",
        "06_12_34_56_78",
        "06 – 12 – 34 – 56 – 78",
        "06 . 12 . 34 . 56 . 78",
        "06:12:34:56:78",
        "06\\12\\34\\56\\78",
        "06;12;34;56;78",
        "06 🔸 12 🔸 34 🔸 56 🔸 78",
        "06\n12\n34\n56\n78",
        "061 234 5678",
        "06 1234 5678",
        "+33612345678",
        "0033612345678",
        "+33(0)612345678",
        "(+33) 6 12 34 56 78",
        "33 6 12 34 56 78",
        "+33 06 12 34 56 78",
        "+33.6.12.34.56.78",
        "0033 (0)6 12 34 56 78",
        "+ 33 6 12 34 56 78",
        "＋３３ ６ １２ ３４ ５６ ７８",
        "0470 12 34 56",
        "0470/12.34.56",
        "+32470123456",
        "079 123 45 67",
        "+41791234567",
        "+44 (0)7911 123456",
        "0044 7911 123 456",
        "07911 123 456",
        "(415) 555-2671",
        "(555) 123-4567",
        "555.123.4567",
        "555-123-4567",
        "+1 555 123 4567",
        "1-800-555-0199",
        "1 (415) 555-2671",
        "+1-415-555-2671",
        "ZERO SIX DOUZE TRENTE QUATRE CINQUANTE SIX SOIXANTE DIX HUIT",
        "zéro six, un deux, trois quatre, cinq six, sept huit",
        "zéro sept soixante et onze quatre-vingts vingt et un quatre-vingt-onze",
        "zero six dix-sept dix-neuf soixante-dix quatre-vingt-dix-neuf",
        "zéro six 12 trente-quatre 56 soixante-dix-huit",
        "zéro six double deux trente-quatre cinquante-six soixante-dix-huit",
        "zéro quatre septante-deux huitante nonante-neuf douze",
        "zéro six. douze. trente-quatre. cinquante-six. soixante-dix-huit",
        "zéro-six-douze-trente-quatre-cinquante-six-soixante-dix-huit",
        "0 six 12 34 cinquante six 78",
        "oh six one two three four five six seven eight",
        "oh seven nine double one, one two three, four five six",
        "oh seven triple seven, one two three, four five six",
        "four one five, five five five, two six seven one",
        "o seven nine one one one two three four five six",
        "nought seven nine one one one two three four five six",
        "zero six twelve thirty-four fifty-six seventy-eight",
        "plus four four seven nine one one one two three four five six",
        "0 7 9 1 1  1 2 3 4 5 6",
        "O6.l2.34.S6.78",
        "O7911 l23456",
        "٠٦ ١٢ ٣٤ ٥٦ ٧٨",
        "۰۶ ۱۲ ۳۴ ۵۶ ۷۸",
        "०६ १२ ३४ ५६ ७८",
        "⓪❻ ❶❷ ❸❹ ❺❻ ❼❽",
        "⓪⑥-①②-③④-⑤⑥-⑦⑧",
        "𝟘𝟞 𝟙𝟚 𝟛𝟜 𝟝𝟞 𝟟𝟠",
        "⁰⁶ ¹² ³⁴ ⁵⁶ ⁷⁸",
        "０６１２３４５６７８",
        "0\ufe0f\u20e36\ufe0f\u20e3 1\ufe0f\u20e32\ufe0f\u20e3 3\ufe0f\u20e34\ufe0f\u20e3"
        " 5\ufe0f\u20e36\ufe0f\u20e3 7\ufe0f\u20e38\ufe0f\u20e3",
        "06\u200c12\u2060 34\ufeff56\u00ad78",
        "0\u200b6\u200b1\u200b2\u200b3\u200b4\u200b5\u200b6\u200b7\u200b8",
        "06-douze-34-cinquante six-78",
        "+33 six douze trente-quatre cinquante-six soixante-dix-huit",
        "(06) 12 34 56 78",
        "00 33 6 12 34 56 78",
        "zéro 612345678",
        "1.800.555.0199",
        "๐๖ ๑๒ ๓๔ ๕๖ ๗๘",
        "022 123 45 67",
        "𝟎𝟔.𝟏𝟐.𝟑𝟒.𝟓𝟔.𝟕𝟖",
    ],
)
def test_every_phone_writing_is_masked(rules, number):
    assert rules.check(f"tel {number} ok", "fr").text == "tel [phone] ok"


def test_a_mobile_prefix_given_apart_from_the_rest_is_masked(rules):
    verdict = rules.check("mon 06 c'est 12 34 56 78", "fr")
    assert verdict.text == "mon [phone] c'est [phone]"


@pytest.mark.parametrize(
    "text",
    [
        "rdv à 06h30 devant la gare",
        "horaires : 06 30, 07 15, 08 45, 09 30",
        "le 06 12 2024 à 18h",
        "réservation n° 2024061234",
        "ref BK-4578-1290-33",
        "train TGV 6123 voiture 14 place 56",
        "75012 Paris, 3 places, 12 €",
        "km 12 345 678",
        "j'ai 2 enfants de 6 et 12 ans, 34 kg de bagages",
        "sortie 12 puis 34 km puis 56 km",
        "entre 06 et 08, pas avant",
        "un trajet de 450 km, deux places, 35 €",
    ],
)
def test_times_dates_references_and_counts_are_not_phone_numbers(rules, text):
    assert rules.check(text, "fr").verdict == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "pour réserver ta place envoie 50 € par Western Union",
        "pay the $50 deposit via MoneyGram before the trip",
        "frais de réservation à régler par Transcash avant le départ",
        "achète une recharge PCS de 100 € et envoie-moi le code",
        "buy a Steam card and send me the code",
        "send 40 pounds in Amazon gift cards to hold the seat",
        "envoie-moi le code de ta carte cadeau pour confirmer",
        "pay the booking fee in bitcoin to this wallet",
        "envoie 0.002 BTC sur mon wallet pour confirmer",
        "send USDT to confirm your booking",
        "je suis coincé à l'étranger, prête-moi 200 € stp",
        "stranded abroad, can you send me 150 pounds",
        "advance fee of £25 by Paysafecard to secure your ride",
    ],
)
def test_scams_and_unrecoverable_payment_requests_are_blocked(rules, text):
    verdict = rules.check(text)
    assert verdict.verdict == "block"
    assert "spam.scam" in {reason.rule for reason in verdict.reasons}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("paie-moi par Paylib stp", "off_platform.pay.app"),
        ("PayPal friends and family please, no fees", "off_platform.pay.app"),
        ("règle-moi par Wero avant le départ", "off_platform.pay.app"),
        ("fais-moi un virement de 20 € ce soir", "off_platform.pay.app"),
        ("tu peux me payer par Lydia directement ?", "off_platform.pay.app"),
        ("let's pay outside the platform, cheaper for both", "off_platform.around.platform"),
    ],
)
def test_payment_outside_the_platform_goes_to_review(rules, text, rule):
    verdict = rules.check(text)
    assert verdict.verdict == "review" and rule in {reason.rule for reason in verdict.reasons}


@pytest.mark.parametrize(
    "text",
    [
        "on m'a demandé de payer par Western Union, c'est une arnaque non ?",
        "je ne paie jamais par Western Union",
        "j'ai une carte cadeau Fnac à utiliser, on s'arrête ?",
        "la station a un distributeur de cartes cadeaux",
        "my PayPal account got hacked last week, so annoying",
        "mon salaire arrive par virement le 5",
        "someone asked me to send Steam cards, is it a scam?",
    ],
)
def test_mentions_refusals_and_reports_of_scams_are_not_blocked(rules, text):
    assert rules.check(text).verdict == "allow"


# --- Every other writing of an e-mail address members use (FR and EN chats) -------------------


@pytest.mark.parametrize(
    ("text", "lang", "masked"),
    [
        ("mon hotmail : julie.martin", "fr", "mon hotmail : [email]"),
        ("my yahoo is tom_smith", "en", "my yahoo is [email]"),
        ("mon adresse gmail c'est julie.martin", "fr", "mon adresse gmail c'est [email]"),
        ("my gmail address is tom.smith88", "en", "my gmail address is [email]"),
        ("ma boîte gmail : julie.martin75", "fr", "ma boîte gmail : [email]"),
        ("mon mail gmail c'est julie.m", "fr", "mon mail gmail c'est [email]"),
        ("mon gmail c'est julie point martin", "fr", "mon gmail c'est [email]"),
        ("gmail : julie.martin75", "fr", "gmail : [email]"),
        ("je suis julie.martin sur gmail", "fr", "je suis [email]"),
        ("I'm tom.smith on hotmail", "en", "I'm [email]"),
        ("my email is julie at gmail", "en", "my email is [email]"),
        ("write to julie.martin at gmail.", "en", "write to [email]."),
        ("mon mail c'est julie chez hotmail", "fr", "mon mail c'est [email]"),
        # read aloud, the parts apart: one address (round 5), masked whole
        ("c'est julie.m puis arobase gmail point com", "fr", "c'est [email]"),
        ("mon mail c'est julie.martin92 et ensuite @gmail.com", "fr",
         "mon mail c'est [email] et ensuite [email]"),
        ("my address is tom.smith, then at gmail dot com", "en", "my address is [email]"),
    ],
)
def test_email_addresses_written_across_a_sentence_are_masked(rules, text, lang, masked):
    assert rules.check(text, lang).text == masked


@pytest.mark.parametrize(
    "text",
    [
        "je suis chez Orange point de vente à 8h",
        "I'm at Gmail HQ for a meeting",
        "my gmail is full again",
        "mon gmail c'est pas le bon",
        "mon hotmail ne marche plus depuis 3 jours",
        "look at Hotmail, it's down again",
        "I'm on gmail too",
        "I'll email you at gmail later",
        "email me at hotmail",
        "julie.m est arrivée @ la gare",
        "rdv @ 8h chez Paul",
        "my old yahoo account got hacked",
        "le point relais est chez Leclerc, point final",
        "she is at Orange point of sale",
        "il est chez free depuis 2 ans",
        "mon mail c'est le même, écris-moi quand tu veux",
        "j'ai reçu le code 482913 sur gmail",
        "la confirmation BK4578 sur gmail",
        "le billet est arrivé sur gmail",
        "gmail : A6 puis sortie 12",
        "ma réservation sur outlook : ABC-123-456",
        "mon gmail c'est ok.",
        "mon gmail c'est fini point barre",
        "I booked seat 12 on hotmail's recommendation",
        "@julie.martin tu viens ?",
        "c'est julie.m qui conduit, rdv @ la gare",
        "mon adresse mail : julie.martin",
        "I'm 'at' the station",
        "ma boîte gmail est pleine",
    ],
)
def test_at_chez_point_and_providers_in_sentences_stay_clean(rules, text):
    verdict = rules.check(text)
    assert "pii" not in {reason.category for reason in verdict.reasons}, verdict.reasons
    assert verdict.text == text


# --- Every other writing of a phone number ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "masked"),
    [
        ("mon 06 c'est le 12 34 56 78", "fr", "mon [phone] c'est le [phone]"),
        ("mon zéro six c'est le 12 34 56 78", "fr", "mon [phone] c'est le [phone]"),
        ("le début c'est 06 12, la fin 34 56 78", "fr", "le début c'est [phone], la fin [phone]"),
        ("06 12 34 56\net 78 pour finir", "fr", "[phone]\net [phone] pour finir"),
        ("my mobile is 07911 and then 123 456", "en", "my mobile is [phone] and then [phone]"),
        ("zéro six douze trente-quatre, et la suite cinquante-six soixante-dix-huit", "fr",
         "[phone], et la suite [phone]"),
        ("appelle au 06 12 34 56 78 ou au +33 7 12 34 56 78", "fr",
         "appelle au [phone] ou au [phone]"),
        ("call me on (415) 555-2671 after 6pm", "en", "call me on [phone] after 6pm"),
        ("tel:0612345678", "fr", "tel:[phone]"),
    ],
)
def test_phone_numbers_in_sentences_are_masked(rules, text, lang, masked):
    assert rules.check(text, lang).text == masked


@pytest.mark.parametrize(
    "text",
    [
        "rdv à 6h12 devant la gare",
        "départ le 06/12/2026 à 07:45",
        "le 06.12.2026, 12,50 € par personne",
        "entre 12 et 15 € selon le trajet",
        "réservation ABC-123-456",
        "code postal 75012, 3 places",
        "SIRET 123 456 789 00012",
        "horaires : 06:30, 07:15, 08:45, 09:30, 10:00",
        "06:30 - 07:15 - 08:45 - 09:30 - 10:00",
        "pause à 12:34:56 pile",
        "départ 06h12, arrivée 09h34, retour 17h56",
        "carte se terminant par 4242, exp 12/27",
        "vol AF 1234 le 12.06, retour TGV 6123",
        "j'ai six enfants, douze chats et trente-quatre poules",
        "on est deux, trois bagages, départ à sept heures",
        "countdown: three two one go",
        "plaque AB-123-CD, parking niveau -2",
        "le 06 12 34 c'est pas complet",
        "mon 06 c'est pas le bon, attends",
        "I'll be there at 6:12, gate 34, seat 56",
        "Samsung S6 et S7, 128 Go",
        "les années 90s et 2000s",
        "le ٠٦/١٢/٢٠٢٦ à ١٢:٣٠",
        "tour 6, étage 12, porte 34, code 5678",
        "zero six one two, c'est tout ce que j'ai",
        "score 6-2 6-4 7-5",
        "1 234 567 € de budget, 890 km",
        "ma note : 12/20, 14/20, 16/20",
        "the 1-800 line is closed",
        "trajets 1, 2, 3, 4, 5, 6, 7, 8, 9 et 10",
        "33 rue Victor Hugo, 75012 Paris",
        "le 06 12 34, puis 12:34:56 d'attente au péage",
        "+44: 06 12 34 only, I forgot the rest",
        "A7 then S7 exit, 12 34 km",
        "o la la, 2026 06 12 c'est loin",
        "2 x 3 = 6, 12 + 34 = 46",
        "file ref 1234567890",
        "sections 12:34 et 56:78",
        "pages 12;34;56",
    ],
)
def test_numbers_that_only_look_like_phone_numbers_stay_clean(rules, text):
    verdict = rules.check(text)
    assert "pii" not in {reason.category for reason in verdict.reasons}, verdict.reasons
    assert verdict.text == text
