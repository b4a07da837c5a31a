"""Templates of the learned stage's training corpus (see tools/moderation_train.py).

Each entry is `(labels, lang, template)`; `{slot}` picks one item of SLOTS, `{a|b|c}` one of
the inline choices. Labels are a subset of insult, off_platform, spam; empty means clean.
Written from the policy, not from any evaluation batch: never copy a line of
tests/data/moderation/blind.jsonl or of the `unseen` split here (a test checks it).
"""

from __future__ import annotations

I, O, S = "insult", "off_platform", "spam"  # noqa: E741

SLOTS: dict[str, list[str]] = {
    "fr_strong": ("connard connasse enculé salope pute fdp bâtard pétasse pouffiasse grognasse "
                  "enfoiré raclure ordure merdeux salaud chienne tarlouze tapette batard "
                  "enculée garce catin traînée sous-merde fils_de_pute trou_du_cul "
                  "sac_à_merde fils_de_chien tête_de_bite bouffon_de_merde").split(),
    "fr_mild": ("idiot idiote abruti abrutie crétin crétine débile con conne imbécile boulet "
                "bouffon tocard guignol clown naze teubé neuneu cruche andouille blaireau "
                "boloss cassos baltringue branleur glandu couillon nigaud nullos charlot "
                "gogol attardé gland manche tache plouc péquenaud bouseux bolos "
                "niaiseux cave épais").split(),
    "en_strong": ("cunt bitch asshole arsehole dickhead wanker twat prick bastard motherfucker "
                  "slut whore slag scumbag douchebag shithead knobhead bellend tosser "
                  "cocksucker jackass skank dipshit fuckwit").split(),
    "en_mild": ("idiot moron loser clown muppet numpty dumbass dimwit halfwit imbecile fool "
                "cretin joke jerk plonker pillock donkey nitwit dunce airhead dork "
                "bozo knob git").split(),
    "fr_group": ("arabes noirs juifs pédés gitans blacks renois musulmans femmes "
                 "chinois roms bougnoules migrants gouines").split(),
    "en_group": ("immigrants muslims jews blacks gays women foreigners asians "
                 "pakis gypsies").split(),
    "fr_tail": ["", "", "", " !", " 😡", ", 40 min que j'attends",
                ", t'as annulé au dernier moment",
                ", tu m'as laissé sur le trottoir", ", t'es jamais à l'heure", " va",
                ", rends-moi mon argent", ", tu conduis comme un pied", " sérieux",
                ", j'ai raté mon train à cause de toi", " de merde"],
    "en_tail": ["", "", "", "!", " 😡", ", I waited 40 minutes", ", you cancelled last minute",
                ", you left me at the station", ", learn to drive", " seriously",
                ", I missed my train because of you", ", you're always late"],
    "fr_pay": ["en liquide", "en espèces", "en cash", "de la main à la main", "par virement",
               "par Lydia", "par Paylib", "par PayPal", "par Wero", "par Revolut", "par chèque",
               "au black", "en direct", "avec Lyf", "par Sumeria", "sur mon compte",
               "par virement instantané", "en billets"],
    "en_pay": ["in cash", "cash", "by bank transfer", "on PayPal", "on Venmo", "on Cash App",
               "with Zelle", "on Revolut", "by cheque", "directly", "off the app", "on Monzo",
               "via Wise", "by e-transfer", "with notes"],
    "fr_chan": ["WhatsApp", "whatsapp", "wsp", "Telegram", "Signal", "Messenger", "Insta",
                "Instagram", "Snap", "Snapchat", "Facebook", "fb", "Discord", "TikTok", "Viber",
                "Twitter", "X", "Line", "WeChat", "Skype", "LinkedIn", "Leboncoin"],
    "en_chan": ["WhatsApp", "Telegram", "Signal", "Messenger", "Insta", "Instagram", "Snap",
                "Snapchat", "Facebook", "FB", "Discord", "TikTok", "Viber", "Kik", "WeChat",
                "Twitter", "LinkedIn", "iMessage", "Teams"],
    "fr_mean": ["regler", "payer", "me payer", "te payer", "faire le paiement", "régler le trajet",
                "s'arranger pour les sous", "gérer la thune", "faire ça"],
    "en_mean": ["pay", "settle up", "sort the money", "do the payment", "pay me", "pay you"],
    "amount": ["10 €", "15 €", "20 €", "12 balles", "25 euros", "30 €", "8 €", "£15", "$20"],
    "fr_goods": ["iPhone 15", "PS5", "parfums de marque", "montres de luxe", "AirPods",
                 "sneakers Nike", "clopes", "cartes grises", "permis de conduire",
                 "comptes Netflix", "pneus neufs", "CBD", "écrans plats"],
    "en_goods": ["iPhone 15", "PS5", "designer perfume", "Rolex watches", "AirPods",
                 "Nike trainers", "cheap cigarettes", "Netflix accounts", "fake IDs",
                 "gaming laptops", "weight-loss pills"],
    "fr_coupon": ["carte cadeau", "recharge PCS", "coupon Transcash", "Neosurf",
                  "mandat cash", "carte Google Play", "ticket Paysafecard", "carte Amazon"],
    "en_coupon": ["gift cards", "Amazon gift cards", "iTunes cards", "Steam cards",
                  "a Paysafecard voucher", "Google Play cards", "Western Union", "MoneyGram"],
    "fr_place": ["la gare", "le parking du Leclerc", "l'aire de repos", "le rond-point",
                 "la sortie 12", "le Carrefour", "la station Total", "le McDo", "l'arrêt de bus",
                 "Bitche", "Condom", "Montcuq", "Conches", "Sallanches", "Cocumont", "Vatan",
                 "Trécon", "Pissos", "Bourré", "Arnac-la-Poste", "Poil", "Lachaussée"],
    "en_place": ["the station", "the Tesco car park", "the services", "the roundabout",
                 "junction 9", "the Shell garage", "the bus stop", "Scunthorpe", "Penistone",
                 "Cockermouth", "Middlesex", "Essex", "Sussex", "Shitterton", "Twatt",
                 "Clitheroe", "Lickey End", "Cumming"],
    "fr_thing": ["ce GPS", "cette appli", "ce bouchon", "ce radar", "ce péage", "cette pluie",
                 "ce téléphone", "cette bagnole", "ce temps", "ce chargeur", "ce parking"],
    "en_thing": ["this GPS", "this app", "this traffic", "this rain", "my phone", "this car",
                 "the weather", "this charger", "the satnav", "this queue"],
    "fr_swear": ["putain", "merde", "bordel", "fait chier", "oh con", "punaise", "mince",
                 "zut", "la vache", "purée", "tabarnak", "ptn", "mrd", "pfff", "oh la la"],
    "en_swear": ["shit", "damn", "fuck", "bloody hell", "crap", "ugh", "oh no", "jeez",
                 "fml", "for fuck's sake", "dammit", "bugger"],
    # Everyday words that share letters with abuse: the n-grams must not carry the verdict.
    "fr_innocent": ("salé sucré salade salon salle saluer retard retardé conduite concert "
                    "connexion concombre Puteaux disputé réputation calcul recul cassoulet "
                    "pédalo pédale tapette nickel bougie chiendent chienne culture bitume "
                    "connaître conseil confiture couscous cocotte baiser_de_maman niquel "
                    "fada bâtiment boulanger cassis gare_de_Condom pissaladière").split(),
    "en_innocent": ("retard therapist cocktail Scunthorpe assessment classic grape analysis "
                    "shiitake Dickens cumin button hancock cockpit bassist passion shuttlecock "
                    "hitchhike titbit cucumber Sussex Middlesex Penistone flame_retardant "
                    "raccoon snigger spice homework").split(),
    # Everyday logistics, the bulk of real chat: plain words must not lean towards a label.
    "fr_time": ["6h30", "7h", "07:45", "8h15", "midi", "18h", "17h40", "20h", "9h pile"],
    "en_time": ["6:30", "7am", "7.45", "8:15", "noon", "6pm", "5:40", "8 sharp", "half nine"],
    "fr_item": ["mon écharpe", "un parapluie", "mes lunettes", "mon chargeur", "un sac",
                "ma veste", "mes écouteurs", "un doudou", "ma gourde", "mon bonnet"],
    "en_item": ["my scarf", "an umbrella", "my glasses", "my charger", "a bag", "my jacket",
                "my earbuds", "a water bottle", "my hat", "my kid's teddy"],
    "fr_luggage": ["une grosse valise", "deux sacs", "un vélo plié", "une poussette",
                   "un carton", "une guitare", "des skis", "un petit chien", "un chat en cage"],
    "en_luggage": ["a big suitcase", "two bags", "a folding bike", "a pushchair", "a box",
                   "a guitar", "skis", "a small dog", "a cat in a carrier"],
    "fr_app": ["l'appli", "mon compte", "la notification", "le bouton réserver", "mon profil",
               "le paiement dans l'appli", "la carte", "le chat", "mon badge", "l'avis"],
    "en_app": ["the app", "my account", "the notification", "the book button", "my profile",
               "the in-app payment", "the map", "the chat", "my badge", "the review page"],
    # Disclosures are masked, not off-platform: the model must not read "my number" as a move.
    "phone": ["06 12 34 56 78", "07.81.22.45.60", "0698123457", "+33 6 71 84 20 93",
              "0033 7 58 14 96 30", "zéro six douze trente-quatre cinquante-six",
              "07911 123456", "+44 7911 123456", "06 45 23 89 10", "O6 I2 34 56 78"],
    "email": ["julie.martin@gmail.com", "paul92 at hotmail dot fr", "k.durand@orange.fr",
              "lea.b (a) free.fr", "sam.jones@outlook.com", "tom_smith@yahoo.co.uk"],
    "bank": ["FR76 3000 4000 0312 3456 7890 143", "BE68539007547034",
             "DE89 3704 0044 0532 0130 00", "FR7630004000031234567890143"],
    "map_link": ["https://maps.google.com/?q=45.76,4.83", "https://goo.gl/maps/Ab12Cd",
                 "https://www.openstreetmap.org/?mlat=48.85&mlon=2.35",
                 "https://maps.apple.com/?q=gare", "https://waze.com/ul?ll=43.6,1.44"],
    "fr_domain": ["bit.ly/gain-facile", "argent-rapide.fr", "www.promo-flash.net",
                  "tinyurl.com/cadeau24", "cutt.ly/offre", "mon-bonus.com", "gains-crypto.io"],
    "en_domain": ["bit.ly/easy-cash", "quickmoney.biz", "www.deal-flash.net",
                  "tinyurl.com/free-gift", "cutt.ly/prize", "crypto-gains.io", "win-now.co"],
}

F, E = "fr", "en"
# The clean part leans on hard negatives: what naive filters get wrong.
TEMPLATES: list[tuple[tuple[str, ...], str, str]] = [
    # ---- insults, French ------------------------------------------------------------
    ((I,), F, "{t'es|tu es|t'es vraiment|t'es qu'un|t'es qu'une|t'es grave} {fr_strong}{fr_tail}"),
    ((I,), F, "{espèce de|sale|gros|grosse|pauvre|vieux|vieille} {fr_strong}{fr_tail}"),
    ((I,), F, "{fr_strong}{fr_tail}"),
    ((I,), F, "{t'es|tu es|t'es vraiment|t'es un|t'es une|t'es trop} {fr_mild}{fr_tail}"),
    ((I,), F, "{espèce de|quel|quelle|pauvre|gros|bande de} {fr_mild}{fr_tail}"),
    ((I,), F, "{fr_mild} va{fr_tail}"),
    ((I,), F, "{va te faire foutre|va te faire enculer|va niquer ta mère|nique ta mère|"
              "nique ta race|ntm|ta gueule|ferme ta gueule|ferme-la|casse-toi|dégage|"
              "va crever|va mourir}{fr_tail}"),
    ((I,), F, "{je vais|j'vais|jvais|je vais venir|on va} te {défoncer|buter|tuer|casser la gueule|"
              "péter la gueule|retrouver|égorger|planter|crever|régler ton compte|"
              "faire la peau|faire regretter|casser les jambes}{fr_tail}"),
    ((I,), F, "{fais gaffe|attention|fais bien attention|méfie-toi} à toi{, je sais où tu habites|"
              ", je connais ta plaque|, on va se revoir|, tu vas comprendre|}"),
    ((I,), F, "{je sais|j'ai trouvé|je connais} {où tu habites|où tu bosses|ta plaque|ton adresse|"
              "où tu te gares|ta voiture}{, on se reverra|, à bientôt|, réfléchis bien|"
              ", tu vas voir|, fais gaffe}"),
    ((I,), F, "tu vas {le regretter|le payer|morfler|voir ce qui va t'arriver|le sentir passer|"
              "prendre cher}{, crois-moi|, je te le promets|, t'inquiète|}"),
    ((I,), F, "{il serait dommage|ce serait dommage} qu'il arrive quelque chose à {ta voiture|"
              "ta famille|tes pneus|toi}"),
    ((I,), F, "{les|tous les|toutes les|ces} {fr_group} {sont des|c'est des|c'est que des} "
              "{fr_strong|fr_mild|chiens|animaux|parasites|sous-hommes|voleurs}"),
    ((I,), F, "{retourne dans ton pays|rentre chez toi|dehors les} {fr_group|sale étranger|"
              "on veut pas de toi|}"),
    ((I,), F, "{t'as|tu as} {de beaux seins|un beau cul|des belles fesses|une belle bouche|"
              "un corps de rêve}{, tu montes devant ?|, on s'arrête ?| 😏|}"),
    ((I,), F, "{envoie|montre|file}-moi {des photos de toi|tes seins|ton cul|une photo de toi} "
              "{nue|en maillot|en sous-vêtements|sans rien|}{ 😏|}"),
    ((I,), F, "{t'es bonne|tu suces ?|je te baiserais bien|viens sur mes genoux|"
              "on fait un plan cul ?|tu couches ?|j'ai envie de toi}{ 😏| ma belle|}"),
    ((I,), F, "{tu mérites de|j'espère que tu vas|puisses-tu} {crever|mourir|avoir un accident|"
              "finir dans le fossé}"),
    ((I,), F, "{bravo le génie|bien joué champion|quel cerveau|quelle lumière|respect l'artiste} "
              "{, encore en retard|, t'as encore oublié|, tu m'as encore planté} {🙄|, quel clown|"
              ", quel boulet|, t'es un cas}"),
    ((I,), F, "{bitch|fuck you|fuck off|motherfucker|asshole|loser|sucker} {le mec|va|mon gars|"
              "la meuf|toi}{fr_tail}"),
    # ---- insults, English -----------------------------------------------------------
    ((I,), E, "{you're a|you are a|you're such a|what a|you absolute|you fucking|"
              "you stupid|shut up you} {en_strong}{en_tail}"),
    ((I,), E, "{en_strong}{en_tail}"),
    ((I,), E, "{you're a|you are an|you're such a|what a|you absolute|don't be a} "
              "{en_mild}{en_tail}"),
    ((I,), E, "{fuck you|fuck off|go fuck yourself|piss off|shut the fuck up|stfu|screw you|"
              "get lost|kys|go die|drop dead}{en_tail}"),
    ((I,), E, "{I'm going to|I'll|I will|I'm gonna} {kill|hurt|find|beat|smash|end|stab|"
              "deal with} you{en_tail}"),
    ((I,), E, "{watch your back|watch yourself|be careful out there|sleep with one eye open}"
              "{, I know where you live|, I've got your plate|| next time}"),
    ((I,), E, "{I know|I found|I've got} {where you live|where you work|your plate|your address|"
              "your car}{, think about that|, see you soon|, just saying}"),
    ((I,), E, "you'll {regret this|pay for this|see what happens|be sorry}{, trust me|"
              ", I promise|}"),
    ((I,), E, "{it'd be a shame|would be a pity} if something happened to {your car|"
              "your family|your tyres|you}"),
    ((I,), E, "{all|these|those|fucking} {en_group} are {scum|animals|vermin|en_strong|"
              "parasites|subhuman}"),
    ((I,), E, "{go back to your country|go back where you came from|we don't want your kind here|"
              "people like you should be shot|people like you should be run over}"),
    ((I,), E, "{nice tits|nice ass|send nudes|send me a pic in your bikini|show me your boobs|"
              "sit on my lap|wanna fuck in the back seat|you're hot, wanna have fun}{ 😉|, babe|}"),
    ((I,), E, "{great job genius|well done einstein|nice one sherlock|truly gifted} {, late again|"
              ", you forgot again|, you missed the turn} {🙄|, what a clown|, pathetic}"),
    ((I,), E, "{you're useless|you're pathetic|you're a joke|you're worthless|you're a disgrace}"
              "{en_tail}"),
    # ---- clean, French (hard negatives first) -------------------------------------------
    ((), F, "{fr_swear}{, les bouchons|, j'ai oublié mon chargeur|, il pleut des cordes|"
            ", je suis en retard|, mon tel est mort|, j'ai raté la sortie|, le péage est bloqué}"),
    ((), F, "{fr_thing} de merde{ m'a encore planté| me rend fou| est en panne|, j'arrive|}"),
    # A mild insult word aimed at a thing ("Quel idiot ce GPS"): round 9's written lines made
    # "idiot" alone evidence enough, and such messages were sent to review.
    ((), F, "{Quel|Mais quel|Oh le} {idiot|crétin|abruti|imbécile|débile|andouille} "
            "{fr_thing}{ !| encore|, il m'a fait tourner en rond|, j'en peux plus|}"),
    ((), F, "{je suis|j'suis|chui|je suis vraiment} {trop|tellement|vraiment|grave} "
            "{con|conne|débile|idiot|idiote|nul|nulle|boulet|teubé}{, j'ai oublié mes clés|"
            ", je me suis trompé de sortie|, j'ai pris le mauvais train|}"),
    ((), F, "{quel boulet je fais|quelle idiote je suis|quel con je fais|c'est moi l'abruti}"
            "{, désolé|, pardon pour le retard|}"),
    ((), F, "{rdv|rendez-vous|on se retrouve|je t'attends|je descends} {à|devant|près de} "
            "{fr_place}{ à 8h| vers 17h|, voiture grise|, gilet jaune|}"),
    ((), F, "{tu vas me tuer|je suis mort de rire|ça me tue|je suis crevé|t'es un tueur|"
            "c'est une tuerie|je vais craquer} {, j'ai 10 min de retard|, merci|lol|😂|}"),
    ((), F, "{il|elle|le conducteur|un passager|le mec} m'a {traité de|appelé|dit que j'étais} "
            "{fr_strong|fr_mild}{, je fais quoi ?|, vous pouvez agir ?|, c'est normal ?}"),
    ((), F, "{il|elle|le conducteur|la passagère} m'a {demandé|proposé} de {payer|régler} "
            "{fr_pay}{, c'est autorisé ?|, je dois accepter ?|, j'ai refusé|, c'est normal ?}"),
    ((), F, "{non|non merci|désolé} je {paie|payerai|préfère payer|règle} {dans l'appli|"
            "via l'appli|sur Entraide|par l'application}{, c'est plus sûr|}"),
    ((), F, "{fr_chan} {est en panne|bug|marche plus|a planté} {chez moi|depuis ce matin|}"),
    ((), F, "{j'aurai|j'ai|je prends} {de la monnaie|des espèces|du cash|un billet} pour "
            "{le péage|le parking|le café|l'horodateur}"),
    ((), F, "{je t'appelle|appelle-moi|je te passe un coup de fil|on s'appelle} {en arrivant|"
            "quand t'es là|si t'es perdu|via l'appli}"),
    ((), F, "{le code de la porte|le code du parking|le digicode} c'est {0000|4521B|1789|A3344}"),
    ((), F, "{ma chienne|mon chien|le chat de ma sœur|ma meuf|la meuf de mon pote|ma daronne} "
            "{vient aussi|peut venir ?|est dans sa caisse|dort derrière}"),
    ((), F, "{je paie|j'ai payé|je te rembourse|je règle} {amount} {dans l'appli|via l'appli|"
            "sur Entraide}{, c'est fait|}"),
    ((), F, "{wesh|salut|coucou|yo|bonjour} {frérot|bg|ma belle|poto|}, {t'es où ?|j'arrive|"
            "je suis devant|tkt j'arrive|dsl jsuis en retard}"),
    ((), F, "{j'ai une salopette|j'ai pris le concombre|la pédale de frein grince|"
            "une tapette à mouches|le cash-back de ma banque|la chatte de ma voisine a eu des "
            "petits|ma grand-mère cuisine un canard} {lol|😄|}"),
    ((), F, "{mon numéro est dans mon profil|mon adresse mail a changé|mon tel est à 2%|"
            "j'ai perdu ma carte bleue}{, tu peux regarder ?|, pas grave|}"),
    ((), F, "{le prix est|c'est|ça fait} {amount} {par place|le trajet|avec les frais}"),
    ((), F, "{il faut pas payer en liquide|l'appli interdit le paiement en espèces|"
            "on m'a proposé de payer sur WhatsApp, j'ai refusé|attention aux arnaques}"
            "{, on fait tout ici|, je préfère rester dans l'appli|}"),
    ((), F, "{excuse-moi|désolé|pardon} {pour hier|pour le retard|j'étais à cran|"
            "j'ai été relou}{, merci de ta patience|}"),
    ((), F, "{fr_innocent}{ ?| !|, merci|, c'est noté| pour demain| ou fr_innocent ?|}"),
    # Folded, "salé" is "sale": food talk must not read as "sale con" (a known hard negative).
    ((), F, "{salé ou sucré|sucré ou salé|plutôt salé|plutôt sucré|du salé|un truc salé} "
            "{?|pour la pause ?|pour le goûter ?|, je prends quoi ?|, j'ai les deux|}"),
    ((), F, "{crêpe|tarte|pop-corn|caramel|beurre|snack|gâteau|biscuit|plat} {salé|salée|sucré}"
            "{ pour la route| à partager| dans mon sac|, t'en veux ?|}"),
    ((), F, "{on prend|j'ai|tu veux|je ramène|il y a} {du|de la|un|une|le|la} {fr_innocent}"
            "{ pour le trajet| ?|}"),
    # ---- clean, English ---------------------------------------------------------------
    ((), E, "{en_innocent}{?|!|, thanks|, noted| tomorrow|}"),
    ((), E, "{I'll find you|I'll meet you|I'll catch you|I'll wait for you|I'll get you} "
            "at {en_place}{, grey Golf| at 8|}"),
    ((), F, "{on a gagné|j'ai gagné|tu gagnes|on gagnera|on perd} {20 minutes|du temps|une heure|"
            "10 €|une place} {en passant par la N7|par l'autoroute|avec ce trajet|}"),
    ((), E, "{we saved|we gained|you'll win|we lost} {20 minutes|time|an hour|£10} "
            "{via the A1|on the motorway|with this route|}"),
    ((), F, "{je te retrouve|je te trouverai|je te récupère|je t'attends|je te chope} "
            "{à|devant} {fr_place}{ à 8h|, voiture grise|}"),
    ((), E, "{I've got|we need|bring|there's} {a|the|some} {en_innocent}{ for the ride|?|}"),
    ((), E, "{en_swear}{, the traffic|, I forgot my charger|, it's pouring|, running late|"
            ", my phone died|, missed the exit}"),
    ((), E, "{en_thing} is {fucking awful|shit|rubbish|crap|useless|killing me}{ today|, omw|}"),
    ((), E, "{That|This|What an|Stupid} {idiot|stupid|moronic|dumb|idiotic|useless} "
            "{GPS|app|satnav|machine|parking meter|charger|printer|traffic light}"
            "{ again| is at it again|, seriously|!|}"),
    ((), E, "{I'm such an|I'm a total|what an|silly me, such an} {idiot|moron|muppet|numpty|"
            "clown} {, I went to the wrong station|, forgot my keys|, sorry|}"),
    ((), E, "{meet|pick up|drop me|see you} at {en_place}{ at 8| around 5pm|, grey Golf|}"),
    ((), E, "{you're going to kill me|I could murder a coffee|I'm dead tired|that's killer|"
            "you killed it|traffic's killing me} {, sorry|lol|😂|}"),
    ((), E, "{he|she|the driver|a passenger} {called me a|said I was a} "
            "{en_strong|en_mild}{, can you look into it?|, what do I do?|, is that ok?}"),
    ((), E, "{he|she|the driver} asked me to pay {en_pay}{, is that allowed?|, I said no|"
            ", should I?}"),
    ((), E, "{no thanks|sorry|nope}, I'd rather {pay in the app|keep payment in the app|"
            "pay through Entraide}"),
    ((), E, "{en_chan} is {down|broken|crashing|not loading} {for me|today|again|}"),
    ((), E, "{I've got|I have|grabbing} {cash|change|some coins} for {the tolls|parking|"
            "coffee|the meter}"),
    ((), E, "{I'll call you|call me|I'll ring you|give me a ring} {when I'm there|if you get lost|"
            "through the app}"),
    ((), E, "{hey|hi|yo|morning} {mate|bro|}, {where are you?|on my way|I'm outside|"
            "running 5 late sorry}"),
    ((), E, "{my therapist is on the way|I'll bring a cocktail of snacks|the cash machine is "
            "broken|my number's on my profile|my card ending 4242 was declined|"
            "the app emailed me}"
            "{, cheers|, no worries|}"),
    ((), E, "{it's|that's|price is} {amount} {per seat|for the ride|with fees}"
            "{, paid in the app|}"),
    ((), E, "{you're a legend|you're a lifesaver|you're the best|cheers mate|sick ride|"
            "the driver was dope}{ 👍|!|}"),
    # ---- clean, everyday logistics (French) -----------------------------------------
    # Addressing someone as "vous" while waiting (round 8's written insults in "vous êtes un
    # goujat" had made "vous êtes" and a clause-opening "vous" evidence of an insult; a
    # member asking "Vous êtes là ? Répondez s'il vous plaît" was sent to review).
    ((), F, "{Bonjour, |Madame, |Monsieur, |}vous êtes {où|bien arrivé|bien arrivée|déjà parti|"
            "déjà partie|sur le parking|devant la gare|en route|loin|en retard} ?"
            "{ Je vous attends| Répondez quand vous pouvez| Merci| Je suis devant l'entrée|}"),
    ((), F, "vous êtes {bien|toujours} {le conducteur|la conductrice|disponible|d'accord} "
            "{pour samedi|pour le trajet de 8 h|pour demain|}{ ?| ? merci d'avance|}"),
    ((), F, "{Merci|Merci beaucoup|C'est gentil}, vous êtes {très aimable|adorable|un ange|"
            "au top|vraiment serviable|super}{ !|, à bientôt|, bonne route|}"),
    ((), F, "{Répondez|Rappelez-moi|Dites-moi} {s'il vous plaît|svp|quand vous pouvez|"
            "dès que possible}{, je suis devant|, je ne vous vois pas|, c'est urgent|}"),
    ((), F, "{Vous êtes là|Vous m'entendez|Vous avez vu mon message|Vous me voyez} ?"
            "{ Je suis à l'arrêt de bus| Je porte un manteau rouge| Je suis en avance|}"),
    ((), F, "{je pars|départ|on part|je serai là|j'arrive} {vers|à|pour} {fr_time}"
            "{, ça te va ?|, pas plus tard|, je te préviens si retard| demain| vendredi|}"),
    ((), F, "{j'ai oublié|tu as oublié|j'ai laissé|il reste} {fr_item} dans {ta voiture|"
            "la voiture|le coffre|ton coffre}{, je peux passer ?|, tu me le gardes ?|}"),
    ((), F, "{tu as|il y a|t'aurais} de la place pour {fr_luggage} ?"),
    ((), F, "{est-ce que|je peux venir avec} {fr_luggage}{ ?|, c'est ok ?|}"),
    ((), F, "{fr_app} {ne marche pas|bug|ne s'affiche pas|est bloqué|a planté|ne charge pas}"
            "{, je fais comment ?|, tu vois la réservation ?|, je réessaie|}"),
    ((), F, "{j'ai reçu|je n'ai pas reçu|je reçois} {deux fois la notification|le code|"
            "mon remboursement|la confirmation|le mail de l'appli}{, c'est normal ?|"
            ", merci|, je regarde|}"),
    ((), F, "{mon code|le code de confirmation|le code reçu} c'est {4821|903 114|58 21 90}"
            "{, il est refusé|, ça passe pas|, c'est bon ?|}"),
    ((), F, "{il reste|j'ai|plus que} {1|2|3} places {à|pour} {amount}"
            "{ et une à amount|, départ fr_time|}"),
    ((), F, "{j'ai payé|c'est réglé|paiement fait|je viens de payer} {amount}"
            "{ + 1,20 € de frais| dans l'appli| via l'appli|}{, tu as reçu ?|}"),
    ((), F, "{désolé|désolée|pardon} de {t'avoir fait attendre|mon retard|ce matin|"
            "pas avoir répondu}{ !|, merci pour ta patience|}"),
    ((), F, "{merci pour le trajet|super trajet|trajet au top|merci encore|top conducteur}"
            "{, bonne route|, à la semaine prochaine|, à bientôt| !|}"),
    ((), F, "{coincé derrière|bloqué derrière|on roule derrière} {un tracteur|un camion|"
            "un accident|les travaux}, {10 min de retard|j'arrive|on sera un peu en retard}"),
    ((), F, "{les animaux sont acceptés|je peux mettre un avis|comment je laisse un avis|"
            "on peut s'arrêter à la pause|on fait une pause} ?"),
    ((), F, "{bonne route|conduis prudemment|fais attention sur la route|rentre bien}"
            "{, il neige|, ça glisse|, à la prochaine|}"),
    ((), F, "{commande|réservation|dossier|ticket} {n°|numéro|} {12345|2024-0815|AB12CD|"
            "1234 5678 9012}{, toujours rien|, c'est noté|, je relance}"),
    ((), F, "{il y a eu un souci|il y a eu une erreur|problème} {dans|avec} la réservation"
            "{, je suis inscrit deux fois|, tu peux vérifier ?|}"),
    ((), F, "{j'ai acheté|j'avais|il a acheté} {des bitcoins|une carte cadeau|des actions|"
            "un vélo} {en 2017|l'an dernier|pour son anniversaire}{ lol|, bref|}"),
    ((), F, "{mon compte|mon profil} {est bloqué|a été suspendu par erreur|ne marche plus}"
            "{, je ne peux plus réserver|, j'ai écrit au support|}"),
    ((), F, "{fr_chan} {ne fonctionne pas|est lent|plante} sur mon {vieux téléphone|portable}"),
    # ---- clean, everyday logistics (English) ----------------------------------------
    ((), E, "{leaving|I'll be there|we set off|pick-up} {at|around|by} {en_time}"
            "{, ok?|, not later|, will text if late| tomorrow| on Friday|}"),
    ((), E, "{I left|you left|I forgot|there's still} {en_item} in {your car|the car|the boot|"
            "the back seat}{, can I come by?|, could you keep it?|}"),
    ((), E, "{is there room for|have you got space for|can I bring} {en_luggage}?"),
    ((), E, "{en_app} {isn't working|is stuck|won't load|crashed|is greyed out}"
            "{, what do I do?|, can you see the booking?|, trying again|}"),
    ((), E, "{I got|I didn't get|I keep getting} {the notification twice|the code|"
            "my refund|the confirmation|the app's email}{, is that normal?|, thanks|}"),
    ((), E, "{my code is|the confirmation code is|I got code} {4821|903 114|739104}"
            "{ but it's rejected|, does it work?|}"),
    ((), E, "{paid|I've paid|payment done} {amount} {in the app|through the app|}"
            "{, check your notifications|, did you get it?|}"),
    ((), E, "{sorry|so sorry} {for the wait|I'm late|about this morning|for not replying}"
            "{!|, thanks for your patience|}"),
    ((), E, "{thanks for the ride|great ride|great class, great driver|cheers for the lift}"
            "{, drive safe|, see you next week|!|}"),
    ((), E, "{stuck behind|crawling behind} {a tractor|a lorry|an accident|roadworks}, "
            "{ten minutes late|on my way|we'll be a bit late}"),
    ((), E, "{drive safe|take care on the road|get home safe}{, it's icy|, see you next week|}"),
    ((), E, "{order|booking|ticket|refund} {no.|number|} {12345|2024-0815|AB12CD|20240312-0930}"
            "{, still nothing|, noted|, chasing it}"),
    ((), E, "{I bought|my brother bought|I had} {some bitcoin|a gift card|shares|a bike} "
            "{in 2017|last year|for his birthday}{ lol|, anyway|}"),
    ((), E, "{en_chan} {doesn't work|is slow|keeps crashing} on my {old phone|work phone}"),
    ((), E, "{no WhatsApp please|let's keep it here|I'd rather chat here|let's stay in the app}"
            "{, thanks|, safer|}"),
    ((), E, "{fucking finally|finally|at last|phew}, {I'm here|I'm outside|made it}"),
    # ---- clean, personal data given in the conversation (masked, not a proposal) -----
    ((), F, "{mon numéro|mon num|mon tel|mon 06|voici mon numéro|si besoin|en cas de souci}"
            "{ :| c'est|,|} {phone}{, merci|, à tout à l'heure| voilà|}"),
    ((), F, "{tu peux me joindre au|joignable au|le numéro du conducteur est|appelle-moi au} "
            "{phone}{ si tu es perdu| en cas de retard|}"),
    ((), F, "{mon mail|mon adresse mail|mon e-mail} {:|c'est|est} {email}"
            "{ pour la facture| si besoin|}"),
    ((), E, "{my number is|my number:|reach me on|you can call me on|in case:} {phone}"
            "{ if you get lost| during the day|, thanks|}"),
    ((), E, "{my email is|email:|my address is} {email}{ for the receipt| if needed|}"),
    ((), F, "{IBAN|mon IBAN|RIB|mon rib|IBAN de l'asso}{ :|} {bank}"
            "{ pour ton dossier| si besoin|}"),
    ((), E, "{IBAN|my IBAN|bank details}{:|} {bank}{ for your records| if needed|}"),
    ((), F, "attention{,| :| !} {il y a des travaux|radar après le pont|ne payez jamais en dehors "
            "de l'appli|le parking est payant|ça glisse|il y a un contrôle|péage sans ticket}"
            "{, vous ne seriez pas assurés|, ralentis|, prévoyez de la monnaie|}"),
    ((), F, "{le remboursement|le virement de l'appli|le paiement|l'avoir} {prend combien de jours|"
            "arrive quand|est arrivé|apparaît où} ?"),
    ((), F, "{rdv ici|point de rendez-vous|voici l'itinéraire|je suis garé là|dépose-moi ici}"
            "{ :|} {map_link}{ à fr_time|, merci|}"),
    ((), F, "{t'es|tu es} {trop gentille|trop gentil|un amour|au top|une star|un ange}"
            "{, merci|, tu m'as sauvé la vie|, à la prochaine|}"),
    ((), E, "{watch out|heads up|careful}{,|:|!} {speed camera after the bridge|roadworks|"
            "never pay outside the app|it's icy|the car park is pay and display}"
            "{, the app covers the insurance|, slow down|}"),
    ((), E, "{how long does the refund take|when does the app payout arrive|where's my credit}?"),
    ((), E, "{meeting point|here's the route|I'm parked here|drop me here}{:|} {map_link}"
            "{ at en_time|, thanks|}"),
    # ---- off-platform ---------------------------------------------------------------
    ((O,), F, "{on peut|je préfère|tu peux|ça te va si on|on va|je te propose de} {fr_mean} "
              "{fr_pay}{, ça évite les frais| à l'arrivée|, sans passer par l'appli|"
              ", c'est plus simple| ?|}"),
    ((O,), F, "{envoie|file|balance|vire}-moi {amount|les sous|la thune|le fric} {fr_pay}"),
    ((O,), F, "{paie-moi|payez-moi|règle-moi|tu me donnes} {amount|ça} {fr_pay}"
              "{, jpp des frais| tkt| stp|}"),
    ((O,), F, "{on passe|on continue|on parle|écris-moi|ajoute-moi|contacte-moi|on se capte|"
              "viens|retrouve-moi|suis-moi} {sur|en} {fr_chan}{, c'est plus pratique|"
              ", on voit les détails| stp|}"),
    ((O,), F, "{mp|dm|écris}-moi {en privé|sur mon insta|sur snap|sur fb|par mail|par texto|"
              "par sms}{, on s'arrange|}"),
    ((O,), F, "{envoie-moi un texto|envoie-moi un sms|écris-moi par mail|texte-moi|"
              "whatsappe-moi|envoie un whatsapp} {pour confirmer|pour les détails|au xphone|}"),
    ((O,), F, "annule {la résa|ta réservation|le trajet sur l'appli} et {je te prends quand même|"
              "viens quand même|on s'arrange entre nous|je t'emmène}"),
    ((O,), F, "{la prochaine fois|pour les prochains trajets|à l'avenir} {réserve|contacte-moi|"
              "écris-moi|appelle-moi} {direct|directement} {sans l'appli|sans passer par l'appli|"
              ", pas de commission|, on évite les frais}"),
    ((O,), F, "{pas besoin de|plus besoin de|inutile de} {passer par|réserver sur} "
              "{l'appli|Entraide|la plateforme}{, viens direct|, on s'arrange|}"),
    ((O,), F, "{on se débrouille|on s'arrange|on gère} entre nous pour {le paiement|les sous|"
              "la thune}{, pas besoin de l'appli|}"),
    ((O,), F, "{mon snap|mon insta|mon tiktok|mon telegram} c'est {lea.b|momo_drive|@julie92|"
              "karim.rides}{, ajoute-moi|}"),
    ((O,), F, "{je t'envoie mon RIB|voilà mon IBAN|je te donne mes coordonnées bancaires} "
              "{et tu me vires|pour le virement|, vire-moi direct}"),
    # English
    ((O,), E, "{can we|let's|I'd rather|could you|just} {en_mean} {en_pay}{, saves the fees|"
              " on the day|, skip the app|?|}"),
    ((O,), E, "{venmo|zelle|paypal|revolut|cashapp} me {amount|the money|it} {after|later|now|}"),
    ((O,), E, "{let's move this to|hit me up on|add me on|message me on|DM me on|"
              "find me on|chat on} {en_chan}{, same username|, easier|}"),
    ((O,), E, "{text me|email me|dm me|message me privately|fb me} {instead|on xphone|"
              "at xmail|off the app|}{, it's easier|}"),
    ((O,), E, "cancel {the booking|your booking|it on the app} and {I'll still pick you up|"
              "come anyway|we'll sort it out}"),
    ((O,), E, "{next time|in future} {book with me|contact me|message me} directly{, no app fees|"
              ", skip the app|}"),
    ((O,), E, "{let's keep the app out of this|skip the app|no need for the app|off the books}"
              "{, cash only|, we'll sort payment between us|}"),
    ((O,), E, "{I'll give you my bank details|here's my sort code|send it to my account} "
              "{for the transfer|, pay me directly|}"),
    # ---- spam -------------------------------------------------------------------------
    ((S,), F, "{gagnez|gagne|touchez|jusqu'à} {300|500|1000|2000} € par {jour|semaine|mois} "
              "{depuis chez vous|sans rien faire|en 2h par jour|}{, infos en privé|, écris-moi|"
              ", places limitées|}"),
    ((S,), F, "{investis|investissez|placement|placez} {dans la crypto|en bitcoin|sur le forex|"
              "avec moi} {, rendement garanti|, 30 % par mois|, double ton argent|}"),
    ((S,), F, "{vends|je vends|à vendre|promo|destockage} {fr_goods} {pas cher|à -70 %|"
              "prix cassé|neuf sous blister}{, intéressé ?|}"),
    ((S,), F, "{félicitations|bravo|urgent} {vous avez gagné|tu as gagné|"
              "vous êtes sélectionné pour}"
              " {un iPhone|un bon d'achat de 100 €|un cadeau|une carte carburant}{, cliquez ici|"
              ", répondez vite|}"),
    ((S,), F, "{votre compte|ton compte|votre carte} {Entraide|bancaire|} {est suspendu|sera fermé|"
              "a été bloqué}{, confirmez|, vérifiez|, saisissez} {vos identifiants|"
              "votre mot de passe|"
              "vos coordonnées bancaires|votre code}"),
    ((S,), F, "{donne|envoie|transmets}-moi le code {reçu par SMS|à 6 chiffres|que tu viens de "
              "recevoir}{ pour confirmer ta place| pour le remboursement|}"),
    ((S,), F, "{pour réserver|pour confirmer ta place|avant le trajet|pour garder la place} "
              "{envoie|paie|il faut payer|règle} {amount} {en fr_coupon|d'avance|de frais de "
              "dossier en fr_coupon}"),
    ((S,), F, "{j'ai payé trop|j'ai payé deux fois|erreur de virement}, {rembourse|renvoie}-moi "
              "{la différence|l'excédent} {sur mon compte|par virement|en fr_coupon}"),
    ((S,), F, "{tu peux|pourrais-tu} me {prêter|avancer} {100|200|300} € {, je suis bloqué à "
              "l'étranger|, c'est urgent|, je te rembourse au prochain trajet}"),
    ((S,), F, "{colis en attente|votre colis est bloqué|livraison suspendue}, {réglez|payez} "
              "{1,99 €|2,50 €} de frais {pour le recevoir|}"),
    ((S,), F, "{prêt rapide|crédit sans justificatif|rencontres coquines|achète des abonnés|"
              "recrute vendeurs|formation trading|devenez votre propre patron} "
              "{, inscription gratuite|, taux 2 %|, revenus garantis|}"),
    ((S,), F, "{infos|regarde|clique} {ici|sur} {fr_domain}"),
    ((S,), E, "{earn|make} {$300|£500|$1000} a {day|week} {from home|doing nothing|}"
              "{, DM for details|, limited spots|}"),
    ((S,), E, "{invest in|join my} {crypto|bitcoin|forex signals} {, guaranteed returns|, 10x|}"),
    ((S,), E, "{selling|cheap|for sale} {en_goods} {80% off|half price|brand new}{, message me|}"),
    ((S,), E, "{congrats|congratulations}, you've {won|been selected for} {a free iPhone|"
              "a £100 voucher|a prize}{, claim now|, click here|}"),
    ((S,), E, "your {Entraide|bank|PayPal} account {has been locked|is suspended|will be closed}"
              "{, verify your details|, confirm your password|, enter your card}"),
    ((S,), E, "{send|give} me the {6-digit code|code you just got|verification code} "
              "{to confirm your seat|for the refund|}"),
    ((S,), E, "{before the ride|to hold your seat|to book} {send|pay} {amount} {in en_coupon|"
              "as a deposit in en_coupon|upfront}"),
    ((S,), E, "I {overpaid you|paid twice|sent too much}, please {refund|send back} the extra "
              "{to my account|by transfer|in en_coupon}"),
    ((S,), E, "{could you|can you} {lend|send} me {£100|$200} {, I'm stuck abroad|, urgent|"
              ", will pay back}"),
    ((S,), E, "{your parcel is on hold|delivery failed}, pay the {£1.45|$2.99} fee"),
    ((S,), E, "{cheap loans|hot singles|buy followers|work from home|easy money} "
              "{, no credit check|, in your area|, receive a package for me|}"),
    ((S,), E, "{check|click|visit} {en_domain}"),
]
