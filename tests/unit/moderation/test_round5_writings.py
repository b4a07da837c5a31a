"""Round 5 writings (rules only, unless a test says otherwise): the kinds of misses read on
blind3 once it became a tuning batch (and a few left from blind and blind2), each written
again in other words, next to clean look-alikes that must stay clean."""

from __future__ import annotations

import pytest

# ---- personal data ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # "a commercial" (the sign's French name) and "at the rate" (Indian English) for "@"
        "c'est fatou.ndiaye a commercial yahoo point fr",
        "mail me: priya.nair22 at the rate of gmail dot com",
        "write to suresh_k at the rate hotmail.com",
        # a country ending after a strong sign
        "joao.silva arobase sapo point pt",
        "schreib an lena.k@@web point de",
        "ecris-moi : mamadou.ba (arobase) orange point sn",
        # the provider's domain alone, its dot spelled out, after a handle
        "mon identifiant c'est jules.marchal, le domaine c'est hotmail point fr",
        "handle is kev.obrien, then outlook dot com after the at sign",
        # the rest of the address further on, the words between saying it follows
        "tu notes : awa.traore88 — attention, tout en minuscules, sans espace. Ensuite @yahoo.fr",
        "my login's dan.hughes77, careful there's no capital letters at all, then @gmail.com",
        # a number given without its leading zero
        "Portable (j'enlève le 0 du début) : 6 23 45 87 19",
        "my mobile without the leading zero: 7700 900 461",
        "appelle-moi, mets un zéro devant : sept, quinze, vingt-huit, trente, quarante-quatre",
        # an eleven-digit British number interrupted
        "my number is 07700 900 ... hang on, the kids ... 641",
        # a repeat word before a digit
        "oh seven nine double 1, 204 three five six",
        # card groups apart by dots or slashes
        "ma carte : 4556.7375.8689.9855",
        "card 5105/1051/0510/5100, expiry next year",
        "3782.822463.10005 c'est l'Amex de mon père",
        # an IBAN of a country outside Europe, and one given in two parts with letters inside
        "IBAN : CI24 CI00 1010 0000 0000 0000 0018",
        "mon iban démarre par CI24 CI00 1010 0000 ... la fin : 0000 0000 0018",
        # the provider named after a handle
        "c'est nadia.benali, c'est du hotmail",
        "karim_b92 (yahoo)",
        "tom.fletcher, it's a gmail one",
        # a mobile without any prefix, in its usual layout, in a message about a phone
        "mon numéro : 77 412 08 63",
        "whatsapp me on 6 45 78 12 90",
        "tu peux m'appeler au 677 12 34 56",
        "sept, quinze, vingt-huit, trente, quarante-quatre, avec un zéro devant",
    ],
)
def test_personal_data_written_these_ways_is_masked(rules, text):
    verdict = rules.check(text)
    assert "pii" in verdict.categories, verdict.reasons
    assert verdict.text is not None and "[" in verdict.text


@pytest.mark.parametrize(
    "text",
    [
        # an address given only by its domain: nothing personal yet
        "Mon adresse se termine par @hotmail.fr, je retrouve le début demain",
        "it ends in @yahoo.co.uk but I forgot the first part",
        "tu peux m'écrire sur ta boîte @gmail.com ou pas ?",
        # "a commercial" and "at the rate" in sentences
        "I saw a commercial for gmail.com yesterday",
        "we pay at the rate of 0.30 per km, see you at 8",
        "we meet at the rate of 5 dot de",
        # an IBAN that fails its check is no phone number either
        "L'appli refuse mon IBAN FR76 3000 6000 0112 3456 7890 188, une idée ?",
        "my IBAN GB29 NWBK 6016 1331 9268 18 gets rejected, is it the app?",
        # a number without its zero that is no phone number
        "Code promo sans le 0 : 612345678",
        "Départ 0745 0830, siège 123",
        "it costs double 5 euros, ticket 2 3 4",
        # dates and scores with slashes and dots
        "rendez-vous le 12/05/2025 à 14.30, retour 15/05",
        # a handle that is no address, a number that is a reference
        "j'ai lu ça sur le site v2.0 (hotmail)",
        "réf dossier 612 34 56 78, appelle le service client",
        "77 places, 123 inscrits, 45 en attente, 67 annulés",
        "match 2-1, 3/4 au rebond, 45.5 % de réussite",
    ],
)
def test_their_look_alikes_stay_clean(rules, text):
    verdict = rules.check(text)
    assert "pii" not in verdict.categories, verdict.reasons
    assert verdict.text == text


# ---- links written apart -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "invite"),
    [
        ("les photos sont sur imgur point com slash a/xk29", False),
        ("agenda: framadate dot org slash rando-mai", False),
        ("rejoins discord . gg / covoitlyon pour le planning", True),
        ("group chat: t(.)me/skitripcrew", True),
        ("voir cagnotte[.]fr/mariage-leo", False),
        ("Maj obligatoire : c o m p t e - v a l i d . c o m", False),
    ],
)
def test_links_with_their_dot_disguised_are_held(rules, text, invite):
    verdict = rules.check(text)
    assert "spam.link" in {reason.rule for reason in verdict.reasons}, verdict.reasons
    assert ("off_platform" in verdict.categories) == invite


@pytest.mark.parametrize(
    "text",
    [
        "On se retrouve au point de rendez-vous à 8h. Il est 7h.",
        "c'est ok . me / toi on part à 8h",
        "Prix : 15 € / personne, point final",
        "la carte est sur google(.)com/maps/place/gare",
        "c'est entraide point fr slash aide",
        "a b c d e f, on chante dans la voiture",
    ],
)
def test_sentences_with_spaced_dots_and_slashes_stay_clean(rules, text):
    assert rules.check(text).verdict == "allow"


# ---- spam --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Marabout africain, retour de l'être aimé en 7 jours, résultats garantis",
        "Medium voyant, première question gratuite, appelez vite",
        "Gifted clairvoyant, tarot by phone, results guaranteed",
        "Need a love spell? Powerful spell caster, WhatsApp me",
        "Prêt entre particuliers rapide, taux 2 %, contactez-moi",
        "Private loans at 3%, no paperwork, message me",
        "Réponds au sondage et tente de gagner une PlayStation 5 : forms point gle slash x",
        "Enter to win a new MacBook, just fill in the survey",
        "Scanne le QR que je t'envoie pour recevoir ton paiement de covoiturage",
        "Scan the QR code to unlock your refund from the driver",
        "Activité suspecte : rends-toi sur secu-trajets.net et modifie ton mot de passe",
        "Unusual login: go to verify-ride.co and reset your password now",
        "Pour recevoir le bonus, envoie-moi ton mot de passe Entraide",
        "Just send me your password and I'll fix your account",
        "Ma puce, mon compte bancaire est gelé à Dubaï, j'ai besoin de 900 € pour rentrer",
        "Babe my bank account is frozen overseas, I need $600 for the flight",
        "Il me faut 400 € pour venir te voir, le billet est hors de prix",
        "Just 300 dollars to come see you, I promise I'll pay it back",
        "Mon bot de trading fait 8 % par mois, je te montre",
        "This trading bot makes 5 a day, join my group",
        "5 % par semaine garantis avec mon placement, zéro risque",
        "No risk at all, 20% returns on my forex signals",
        "Livret garanti 7 % par an, places limitées",
        "Guaranteed 12% return a year, DM me",
        "Livraison discrète, vapes et puffs, prix de gros",
        "Replica watches, discreet shipping worldwide",
        "DM for stock, fresh batch every week",
        "We are selling iPhones at wholesale price, serious buyers only",
        "Cotisation obligatoire de 10 € par trajet, sinon vous n'êtes pas assurés",
        "New compulsory membership fee: without it you're not insured, £12 a month",
        "Ton trajet est gratuit si tu achètes mon coffret de crèmes",
        "Free ride if you buy my bundle of supplements",
        "Places de concert au lieu de 80 €, 30 €, paiement d'avance obligatoire",
        "Payment upfront please, tickets half price",
        "Pour débloquer ton compte, envoie-moi ton passeport en photo, puis un selfie",
        "Send your driving licence and a quick selfie on WhatsApp to finish the check",
        "Pour garder ta place, vire l'acompte sur ce RIB : FR76 3000 6000 0112 3456 7890 189",
        "Je lance ma marque de casquettes, précommande ouverte",
        "Check out my TikTok channel, I post driving hacks daily",
        "Like and subscribe for more road trip tips",
        "Rejoins notre tontine : tu mets 20 € par mois et tu récupères 300",
        "Money flip today: put in £50, get £400 back",
        "Envoie-moi 50 € et je t'en renvoie 300 en 24h",
        "Abonnement IPTV 1 an, 8000 chaînes, 35 €",
        "Papa c'est moi, j'ai perdu mon téléphone, nouveau numéro, fais-moi un virement stp",
        "Mum it's me, lost my phone, this is my new number, can you send 150 today",
        "Service client ici : envoie-moi ton code secret de carte pour annuler les frais",
        "Paid to review products on Instagram, 40 a day, ask me how",
        "Tu veux devenir millionnaire ? écris-moi en MP",
        "Je vends des répliques de sacs de luxe, qualité top",
        "Rencontres discrètes avec des femmes de ta région",
        "Loans approved in minutes, even with bad credit",
    ],
)
def test_new_kinds_of_spam_are_blocked(rules, text):
    verdict = rules.check(text)
    assert verdict.verdict == "block" and "spam" in verdict.categories, verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Le voyant moteur s'est allumé, je passe au garage avant",
        "J'ai une consultation à l'hôpital, ma sœur croit à la voyance lol",
        "Ma voiture est d'une couleur voyante, tu la verras de loin",
        "Student loans are killing me, so the ride share helps",
        "J'ai pris un prêt pour la voiture, je la paie encore",
        "On part tôt pour gagner du temps en voyage",
        "did I win a voucher through the referral thing?",
        "Le QR code de la borne débloque la barrière après paiement",
        "Scan the QR code at the car park to pay, then the gate opens",
        "Mon compte a été bloqué hier, j'ai changé mon mot de passe sur l'appli",
        "Ne donne jamais tes identifiants, même à un agent",
        "Never share your password with anyone, not even support",
        "Mon compte bancaire est bloqué, je te paie demain dans l'appli",
        "My card was blocked at the pump, I paid with my phone instead",
        "Mon frère bosse dans le trading, il rentre à 19h",
        "Le bot de l'appli m'a répondu, zéro risque de retard",
        "I take the train 3 times a week, no risk of traffic",
        "Garanti 100 % remboursé si le trajet est annulé ?",
        "The parcel needs discreet packaging? It's a birthday present",
        "L'assurance obligatoire de la voiture est comprise dans le prix de 12 €",
        "Is insurance mandatory for carpool drivers in France?",
        "Le trajet est gratuit si tu prends le train avec moi jusqu'à Lyon ?",
        "J'ai eu mes billets à 15 € au lieu de 30 avec la carte jeune",
        "I paid a deposit for the flat last week, all good",
        "L'appli demande une photo du permis à l'inscription, c'est normal",
        "Je lance ma voiture au garage demain",
        "Check out my photos from the trip on the shared album in the app",
        "tu mets 40 € d'essence et tu récupères 20 € dans la semaine",
        "Ma tante fait une tontine au pays, c'est une tradition",
        "Ne m'envoie jamais ta carte bancaire ni ton code",
        "Maman, j'ai un nouveau numéro, enregistre-le",
        "My mum lost her phone last week, so she is coming with me",
        "J'ai payé avec ma carte bancaire dans l'appli",
        "On veut tous devenir riches, mais bon, on covoiture",
    ],
)
def test_everyday_sentences_near_them_stay_clean(rules, text):
    verdict = rules.check(text)
    assert verdict.verdict == "allow", verdict.reasons


def test_a_cohort_called_promo_is_no_promotion(rules):
    text = "Toute la promo est sur le groupe : t.me/m1droit, on organise les trajets"
    verdict = rules.check(text)
    assert verdict.verdict == "review" and "spam.promo" not in {r.rule for r in verdict.reasons}


# ---- off-platform ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Règle-moi par Orange Money avant qu'on parte",
        "on fait MoMo, c'est plus simple",
        "Tu peux me payer par Wave à l'arrivée",
        "send it on M-Pesa when you get in",
        "just pay me on UPI, bhai",
        "Les billets dans une enveloppe, comme ça pas d'appli",
        "I'll leave the money in an envelope in the glovebox",
        "Cheaper for both of us when we're not going through the platform",
        "De la main à la main c'est plus simple",
        "paye-moi au black, pas besoin de facture",
        "My Venmo is @sarah-k, send it there",
        "Lydia : @karim93, merci",
        "FR76 3000 6000 0112 3456 7890 189 c'est mon compte, vire-le dessus",
        "Verse les 20 € sur ce compte : FR76 3000 6000 0112 3456 7890 189",
        "Tu me files 15 balles à la descente",
        "Envoie ça sur mon Orange Money",
        "Dépose les sous sur mon compte Wave avant samedi",
        "Pas la peine de passer par l'appli cette fois",
        "On passe en direct et je te baisse le prix",
        "Cashapp $mike_rides, thanks",
    ],
)
def test_new_ways_of_leaving_the_platform_are_held(rules, text):
    verdict = rules.check(text)
    assert "off_platform" in verdict.categories, verdict.reasons
    assert verdict.verdict == "review"


@pytest.mark.parametrize(
    "text",
    [
        "Give me a wave when you're outside",
        "wave me down at the corner, I'm in a red car",
        "je te donne le double des clés dans une enveloppe",
        "Momo arrive dans 5 minutes, il monte devant",
        "the envelope icon in the app doesn't open",
        "Don't worry, I only ever pay inside the app",
        "@Karim on part à quelle heure dimanche ?",
        "J'ai payé sur l'appli, c'est réglé",
        "Tu paies à la descente dans l'appli ?",
        "Mets ça sur mon compte Entraide, j'ai des crédits",
    ],
)
def test_everyday_mentions_stay_clean(rules, text):
    verdict = rules.check(text)
    assert "off_platform" not in verdict.categories, verdict.reasons


def test_firm_rules_survive_a_sceptical_model(sceptic):
    # `sceptic` (conftest.py) vetoes any ordinary review, not the writings marked `firm`.
    for text in ("for the fuel just wire it to FR76 3000 6000 0112 3456 7890 189",
                 "regarde tes DM insta, je t'ai répondu"):
        verdict = sceptic.check(text, "fr")
        assert verdict.verdict == "review", verdict.reasons
        assert "off_platform" in verdict.categories
    assert sceptic.check("on passe sur WhatsApp ?", "fr").verdict == "allow"


# ---- abuse -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ok biatch, t'es où",
        "shut it ya mothafucka",
        "Listen gobshite, move your car",
        "Sale zamel, descends",
        "Yo p\u0443te, réponds",  # a Cyrillic "у" for the "u"
        "On accepte pas les Roms dans ma bagnole",
        "I won't take Africans, find another driver",
        "You'll be going home in a body bag if you report me",
        "Keep this up and they'll need a stretcher for you",
        "Refais ça une fois et tu vas voir ce que je vais te faire",
        "Le trajet peut être gratuit, on s'arrangera en nature, si tu vois le genre",
        "No money? You can settle the fare in kind, you know what I mean",
        "Retourne dans ton bled avec ta voiture pourrie",
        "Mange de la merde, t'es jamais à l'heure",
        "Ye wee fud, where were ye",
        "Pars pas sans payer. Une vraie ordure.",
        "Sale négro, t'as rien à faire ici",
        "t'es qu'un chinetoque",
        "what a fucking retard",
        "I'll slash your tyres if you report me",
        "I'm gonna smash your windscreen",
        "Je vais crever tes pneus cette nuit",
        "I know where your kids go, think about it",
    ],
)
def test_new_abuse_is_blocked(rules, text):
    verdict = rules.check(text)
    assert verdict.verdict == "block" and "insult" in verdict.categories, verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Yer an eejit, that's the wrong exit",
        "Mate you're such a galah",
        "T'es une vraie cruche, c'était la sortie 12",
        "espèce de gaou, c'était à gauche",
    ],
)
def test_regional_mild_insults_are_reviewed(rules, text):
    verdict = rules.check(text)
    assert verdict.verdict == "review" and "insult" in verdict.categories, verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "La chienne du voisin est en chaleur, les chiens aboient toute la nuit",
        "our bitch had puppies last night so I'll be a bit late",
        "On a un gros chien très calme, il voyage dans le coffre",
        "They have a big pig farm near the exit, you can't miss it",
        "We're having faggots with gravy tonight, proper Black Country tea",
        "My passenger wrote \"you're dead\" in the review, what do I do?",
        "The driver said he'd kill me if I rated him badly, what do I do?",
        "Reporting a passenger who called me a slut at the station",
        "Je prends pas de blanc, que du rouge",
        "I don't take black coffee, thanks",
        "Je ne prends pas les autoroutes, trop cher",
        "Tu vas à l'hôpital en ambulance demain ?",
        "Continue jusqu'au rond-point, tu verras ce que j'entends par « la maison bleue »",
        "Si t'as pas de sous, on s'arrange autrement, tu me paies la semaine prochaine",
        "On passe par une autre route, tu vois ce que je veux dire, celle du lac",
        "il y a un bouchon, ty",
        "Ye olde inn is on the left, you can't miss it",
        "putain de retard, encore 20 minutes",
        "Careful, the ice on the steps could break your neck",
        "Someone might slash your tyres if you park there, it happened to me",
        "Le kiné dit que sa jambe est spastic",
        "Fais attention à tes enfants, ça roule vite ici",
    ],
)
def test_their_innocent_look_alikes_stay_clean(rules, text):
    verdict = rules.check(text)
    assert "insult" not in verdict.categories, verdict.reasons


# ---- an address read aloud, its parts apart (the personal-data battery's misses) ----------


@pytest.mark.parametrize(
    "text",
    [
        "c'est paul point girard, arobase, laposte point net",
        "nina, puis un point, puis costa, chez gmail, point com",
        "It's owen, then a period, then hale, at yahoo, period, com",
        "ruby dot quinn at sign hotmail dot co dot uk",
        "sam underscore patel at gmail dot com",
        "jean tiret bas dupont chez orange point fr",
    ],
)
def test_an_address_read_aloud_is_masked_whole(rules, text):
    verdict = rules.check(text)
    assert "pii" in verdict.categories, verdict.reasons
    assert verdict.text is not None
    for part in ("girard", "costa", "hale", "quinn", "patel", "dupont", "paul", "nina", "owen",
                 "ruby", "sam", "jean"):
        assert part not in verdict.text.lower(), verdict.text


@pytest.mark.parametrize(
    "text",
    [
        "On se retrouve à la gare, puis un point sur le trajet, chez Marc vers 18 h.",
        "Then, at the station, a period of waiting, then the bus.",
        "Il y a un tiret bas dans le nom du fichier, chez moi ça bloque.",
        "Gmail, Outlook, peu importe, écris-moi dans l'appli.",
    ],
)
def test_commas_and_little_words_alone_make_no_address(rules, text):
    assert "pii" not in rules.check(text).categories
