"""Round 13 rules: the generic kinds of misses read on blind11 once blind12 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest

from chalicelib.domain.moderation import Moderator, default_allowed_links
from chalicelib.domain.moderation.learned import LinearModel


@pytest.mark.parametrize(
    "text",
    [
        "Paga-me em dinheiro vivo quando chegarmos a Faro, obrigado",
        "Mande por MB Way antes de sairmos de Braga",
        "Pagami con Satispay, è più comodo per tutti e due",
        "Allwch chi dalu arian parod i mi yn Aberystwyth?",
        "Ayesha, seedha GPay kar dena, koi tension nahi",
        "Pwede cash na lang pagdating sa Cubao?",
        "MVola fotsiny azafady, tonga any Antsirabe aho",
        "Tsy mila application, omeo ahy mivantana ny vola",
        "Nkhalsek cash ki nousslou l Sousse",
        "Mouch fel appli, nkhalsek ki nousslou",
        "Book karna hai toh app se mat karo, mujhe call karo",
        "Para walang bayad sa app, bayaran mo na lang ako",
        "jte fé un vir1 direct stp",
        "Pour le Lydia, mon adresse c'est julie.b@orange.fr",
    ],
)
def test_proposals_in_other_languages_and_spellings_are_found(moderator, text):
    found = moderator.check(text)
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Posso pagare in contanti nell'app?",
        "Manda-me a morada exata, por favor",
        "J'ai payé par Lydia sur l'appli hier, tout est en ordre",
        "She kept saying 'pay me in cash, forget the app'. I refused and booked properly.",
    ],
)
def test_paying_in_the_app_an_address_asked_and_a_report_are_no_proposals(rules, text):
    found = rules.check(text)
    assert "off_platform" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "O meu telemóvel: zero seis, vinte e um, trinta e quatro, cinquenta e seis, setenta e oito",
        "mera number hai nau aath saat chhe paanch chaar teen do ek shunya",
    ],
)
def test_a_phone_in_portuguese_tens_or_hindi_digits_is_masked(rules, text):
    found = rules.check(text)
    assert found.verdict == "mask" and "pii" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "We do do one thing well: arrive early at Leeds",
        "Vinte e dois passageiros, trinta e três malas, uma loucura",
        "Somos cuarenta y cinco en el autobús, y treinta y dos bicis",
    ],
)
def test_their_number_words_in_a_sentence_stay_words(rules, text):
    found = rules.check(text)
    assert found.verdict == "allow", found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Reclama tu regalo antes del viernes: regalos-ya.es",
        "Gutscheine für alle Fahrer: gutschein24.de",
        "Je double mon salaire depuis ce site : argent-facile . com",
        "Regarde les crues avant de partir : infocrues point gouv point fr",
        "my race photos are up at snapshots dot net slash brighton-10k",
    ],
)
def test_coined_spaced_and_twice_spelled_domains_are_links(rules, text):
    # (The salary doubled on "argent-facile . com" is also blocked since round 20: its host
    # and its words pitch it; the link is found all the same.)
    found = rules.check(text)
    assert "spam.link" in {reason.rule for reason in found.reasons}, found.reasons
    assert set(found.categories) == {"spam"}, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "On se retrouve à Saint-Malo.Ma sœur conduit jusqu'à Rennes",
        "Rendez-vous au point de vente, point final",
        "maps point google point com slash entraide-depart",
    ],
)
def test_a_full_stop_without_space_and_a_spelled_map_link_stay(rules, text):
    found = rules.check(text)
    assert found.verdict == "allow", found.reasons


def test_a_link_holding_the_platforms_name_is_an_imitation(rules):
    found = rules.check("Réclamez votre remboursement sur entraide-remboursements.com")
    assert found.verdict == "block" and any(
        reason.rule == "spam.imitation_link" for reason in found.reasons), found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "C'est bien votre site, entraide-aide.net ? Je l'ai reçu par SMS",
        "Is entraide-support.help your real site? Got a text about it.",
        "J'ai reçu un SMS avec entraide.fr.verif-compte.net, c'est vous ?",
    ],
)
def test_a_member_asking_about_an_imitation_is_held_not_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "review" and set(found.categories) == {"spam"}, found.reasons


@pytest.mark.parametrize(
    "allowed",
    [(), ("maps.google.com",)],
)
def test_without_the_platforms_domain_allowed_its_name_imitates_nothing(allowed):
    found = Moderator(learned=False, allowed_links=allowed).check("va sur entraide.app/t/1")
    assert found.verdict == "review", found.reasons


def test_a_word_holding_the_platforms_name_is_no_imitation(rules):
    found = rules.check("Le site lentraide-solidaire.org organise une collecte")
    assert found.verdict == "review", found.reasons
    assert Moderator(learned=False, allowed_links=default_allowed_links()).check(
        "https://entraide.fr/aide").verdict == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Wld l97ba, rje3 lflous dyali",
        "Ti'n goc oen, Dai, you left me at Bangor station",
        "Inbred muppet, you blocked the whole lane at the services",
        "Back off ya wee fud, I'm not moving my bag",
        "pauvre con nard va",
        "De toute façon ils tiennent les médias, tout le monde le sait",
        "I hope you wrap that van round a lamppost on the way home",
        "J'espère que tu te plantes dans un platane en rentrant",
        "Shut it, you stupid bint",
        "T'as le QI d'un mongolien ou quoi ?",
    ],
)
def test_insults_slurs_tropes_and_wishes_of_harm_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "I hope you wrap up warm, it's minus two at Carlisle",
        "J'espère que tu ne te plantes pas à l'examen demain",
        "The weather's a wee bawbag again, bring a brolly",
        "Remember Hurricane Bawbag? Same again on Friday",
        "Fatima bint Khalid arrive à 18 h à la gare",
        "Un passager a traité ma cousine de 9ahba, je veux le signaler",
        "Ce salaud de frelon m'a piqué au cou pendant la pause",
        "Mon imprimante est un gros con, elle bourre à chaque page",
        "Ma jument fait sa pétasse dès qu'on approche du van",
        "Je vais pas enculer les mouches pour 50 centimes",
        "On passe par le Cap Nègre, la vue est superbe",
        "Les Enfoirés chantent à Lyon samedi, il reste des places ?",
        "Je vous transfère ce que j'ai reçu : « t'es qu'une grosse vache ». Que faire ?",
    ],
)
def test_well_wishes_weather_names_reports_and_animals_are_no_insults(rules, text):
    found = rules.check(text)
    assert "insult" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    ["Double ton argent en 10 jours, 0 risque.", "Gagne 500 € in 3 days, no risk!"],
)
def test_money_in_days_with_no_risk_is_a_scam(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_no_risk_of_traffic_is_no_scam(rules):
    assert rules.check("On arrive en 2 heures, 0 risque de bouchon").verdict == "allow"


@pytest.fixture(scope="module")
def eager():
    """A model that reads these words as insults whatever else the message says: what the
    `quiet` rules keep from it is then plain to see."""
    model = LinearModel([0.0, 0.0, 0.0], {f"w:{word}": (5.0, 0.0, 0.0)
                                          for word in ("nouilles", "moucheron", "maman", "van")})
    return Moderator(learned=model, severity=False)


@pytest.mark.parametrize(
    "text",
    [
        "On a vraiment le cul bordé de nouilles aujourd'hui",
        "Ce bâtard de moucheron me tourne autour depuis Lyon",
        "Ta maman cuisine trop bien, remercie-la pour moi",
        "La jument a fait sa pétasse devant le van",
    ],
)
def test_an_idiom_an_insect_a_mother_thanked_and_an_animal_quiet_the_model(eager, text):
    assert eager.check(text).verdict == "allow", eager.check(text).reasons


@pytest.mark.parametrize(
    "text",
    ["Des nouilles froides, franchement merci du cadeau", "Ta maman conduit comme un pied"],
)
def test_without_those_words_the_model_still_reads_an_insult(eager, text):
    assert "insult" in eager.check(text).categories


@pytest.mark.parametrize(
    "text",
    [
        "She just kept saying 'move to WhatsApp, it's easier'. I said no, reporting it here.",
        "Le passager n'arrêtait pas de dire « paie-moi en liquide ». J'ai refusé.",
    ],
)
def test_a_proposal_someone_kept_making_quiets_the_model(text):
    model = LinearModel([0.0, 0.0, 0.0], {"w:whatsapp": (0.0, 5.0, 0.0),
                                          "w:liquide": (0.0, 5.0, 0.0)})
    found = Moderator(learned=model, severity=False).check(text)
    assert "off_platform" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Sa7bi rassel liya 3la yassine.k@gmail.com, hna ma kanjawbch",
        "Ékri mwen sou mail : rose.pierre@outlook.fr",
        "Bhai mail kar do on anil.shah@yahoo.in, yahan nahi dekhta",
        "Mangi ci email bi : fatou.diop@gmail.com, bindal ma",
    ],
)
def test_write_to_me_in_other_languages_is_a_move_to_e_mail(moderator, text):
    found = moderator.check(text)
    assert found.verdict == "review" and {"off_platform", "pii"} <= set(found.categories), \
        found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Mon adresse : clara.petit sur la messagerie de Google, avec un point entre les deux",
        "it's sam.okafor at the Google mail, dot com",
        "dan.hughes, all one word, at the Yahoo one, dot co dot uk",
        "priya.nair, then the at sign, then rediffmail.com",
        "jules (point) marchand (arrobe) orange (point) fr",
    ],
)
def test_an_address_with_its_provider_described_or_its_sign_said_is_masked(rules, text):
    found = rules.check(text)
    assert "pii" in found.categories and found.verdict in ("mask", "review"), found.reasons


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("First bit is chris.adeyemi, then it's the google one, gmail.com", "mask"),
        ("Meet me at the Google office on Pancras Square at nine", "allow"),
        ("I use the Google mail app, it keeps crashing", "allow"),
    ],
)
def test_a_provider_named_after_its_description_or_a_place_stay_as_they_were(rules, text,
                                                                             verdict):
    assert rules.check(text).verdict == verdict


@pytest.mark.parametrize(
    "text",
    [
        "¡Has ganado un iPhone! Reclámalo hoy en regalo-ya.es",
        "Parabéns, você ganhou um telemóvel, resgate aqui: premio-pt.com",
        "FÉLICITATIONS, vous gagnez un forfait saison, réclamez-le avant dimanche",
    ],
)
def test_a_prize_in_other_languages_or_a_season_pass_is_spam(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    ["Le Real a gagné, forfait pour l'autre équipe", "Hemos ganado tiempo con la autopista"],
)
def test_a_match_won_and_time_gained_are_no_prize(rules, text):
    assert rules.check(text).verdict == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Bhai WhatsApp pe msg kar 98203 41675 pe, network weak hai",
        "Je suis joignable au 9867 204 531, j'ai un numéro indien",
    ],
)
def test_a_ten_digit_indian_mobile_near_wa_msg_or_joignable_is_masked(rules, text):
    assert "pii" in rules.check(text).categories


def test_the_same_digits_as_an_order_stay(rules):
    assert rules.check("Order 9867 204 531 shipped today").verdict == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Prends une tapette à mouches, les vitres ne ferment plus",
        "Dykes on Bikes open the parade, park behind them",
        "We drive through Muff on the way to Derry",
        "Drop me at the kiss-and-ride bay, terminal 2",
        "C'est une vraie garce cette voiture, elle cale à chaque feu",
        "Bell End, Worcestershire, is where my aunt lives",
    ],
)
def test_a_fly_swatter_a_pride_group_places_and_a_car_called_names_are_no_insults(text):
    # A model that reads each of these words as an insult: the rules must keep it quiet.
    model = LinearModel([0.0, 0.0, 0.0], {f"w:{word}": (5.0, 0.0, 0.0) for word in (
        "tapette", "dykes", "muff", "kiss", "garce")})
    found = Moderator(learned=model, severity=False).check(text)
    assert "insult" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text", ["T'es une vraie garce, tu m'as laissée à Nantes", "You're a total bell end, mate"])
def test_the_same_words_aimed_at_a_person_still_insult(rules, text):
    assert rules.check(text).verdict == "block"


@pytest.mark.parametrize(
    "text",
    [
        "Mon numéro à l'envers, les robots n'y verront que du feu : 87 65 43 21 60",
        "Read it backwards, bots: 321 654 9877 0",
        "Un chiffre sur deux à partir du premier : 0162738495061728394",
        "Mon 06 en chiffres romains : 0 VI – XII – XXXIV – LVI – LXXVIII",
        "In Roman numerals, for fun: 0 – VII – DCCCXC – CXXIII – CDLVI",
    ],
)
def test_a_number_reversed_every_other_digit_or_in_roman_numerals_is_masked(rules, text):
    found = rules.check(text)
    assert found.verdict == "mask" and "pii" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Le code à l'envers c'est 1234, pas 4321",
        "Read the booking ref backwards: 7781 2290 11",
        "Chapitres IV, V, VI et VII en chiffres romains",
        "I reversed into bay 12 at 0612 this morning",
    ],
)
def test_codes_references_and_chapters_stay(rules, text):
    assert rules.check(text).verdict == "allow"


def test_a_healer_selling_a_lost_lovers_return_is_spam(rules):
    found = rules.check("Sangoma Thabo: lost lover back in 2 days, lotto luck, call now")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "My gran sees a sangoma in Soweto every year, we drive her there",
        "Reporting the user who sent me 'lost lover returned in 24 hours', he spams everyone",
        "Je signale l'utilisateur qui m'a envoyé « retour de l'être aimé », merci de vérifier",
    ],
)
def test_a_visit_to_a_healer_and_reported_spells_stay(rules, text):
    assert "spam" not in rules.check(text).categories
