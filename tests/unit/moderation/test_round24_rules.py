"""Round 24 rules: the generic kinds of misses read on blind22 once blind23 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest

from tests.unit.moderation.verdicts import rule_names as _kinds


@pytest.mark.parametrize(
    "text",
    [
        "Quelle idiote cette conductrice, elle est partie sans nous.",
        "Quel abruti ce passager, il a claqué la portière.",
        "What a moron that passenger, he slammed the door twice.",
        "Eh zoba na yo, on t'attend à la gare depuis une heure !",
        "Ya muppet, I said Partick, no Paisley.",
        "You total duffer, that's the cargo terminal.",
    ],
)
def test_a_mild_insult_called_out_or_exclaimed_about_a_member_is_reviewed(moderator, rules,
                                                                         text):
    assert "insult.mild" in _kinds(rules.check(text)), rules.check(text).reasons
    found = moderator.check(text)
    assert found.verdict == "review" and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Range ton sac sous le siège, petit bâtard.",
        "Move your bag, you greedy pig.",
        "Kolangèt manman ou, t'as encore oublié le siège bébé !",
        "Eh you cheebai, where are you? Been waiting at the MRT for 20 min.",
    ],
)
def test_a_strong_insult_with_a_small_word_or_a_blame_or_in_creole_is_blocked(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Il a une petite tapette à mouches dans la boîte à gants.",
        "Quel idiot ce GPS, il nous fait passer par les champs.",
        "what an idiot this is",
        "ya, the muppet show is on at 8 if the kids want it",
        "ya un bouchon énorme avant le péage, j'arrive",
        "Je t'attends à la sortie de la gare, côté taxis.",
        "Can you drop me at the Bell End turning on the A491?",
        "The driver who told you to go back where you came from has been removed from the app.",
        'We\'ve suspended the passenger who told you to "go back where you came from", sorry.',
    ],
)
def test_objects_places_french_ya_an_exit_and_a_removed_member_are_no_insult(rules, text):
    assert "insult" not in rules.check(text).categories, rules.check(text).reasons


def test_the_schoolyard_threat_and_the_writers_own_insult_stay(rules):
    threat = rules.check("Je t'attends à la sortie, tu vas voir ce que tu vas voir.")
    assert threat.verdict == "block", threat.reasons
    assert rules.check("Honestly you're a bell end.").verdict == "block"
    assert "insult" in rules.check("I told you to wait at the gate, you idiot.").categories


@pytest.mark.parametrize(
    "text",
    [
        "Mon père a reçu un SMS disant qu'il avait gagné un iPhone, c'est vous ?",
        "My nan got a text saying she'd won a prize and to click a link, is that you?",
    ],
)
def test_a_prize_message_received_and_reported_is_no_spam(rules, text):
    assert rules.check(text).verdict == "allow", rules.check(text).reasons


def test_the_prize_message_itself_is_still_blocked(rules):
    found = rules.check("Félicitations ! Vous avez gagné un bon d'achat de 500 €, cliquez ici "
                        "pour le récupérer.")
    assert found.verdict == "block", found.reasons


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Fais-moi un transfert Orange Money avant le départ.", "off_platform.pay.app"),
        ("Cash mein dena bro, app wala fee mat dena.", "off_platform.pay.foreign"),
        ("Qu'il m'écrive en privé, je lui fais un meilleur prix.", "off_platform.contact.private"),
        ("Just message me privately and I'll sort a better price.",
         "off_platform.contact.private"),
    ],
)
def test_a_mobile_money_deposit_cash_in_hindi_or_a_private_contact_is_a_proposal(
        rules, text, kind):
    assert kind in _kinds(rules.check(text))


def test_being_contacted_privately_reported_is_no_rule_hit(rules):
    found = rules.check("Il m'a contacté en privé pour me proposer du liquide, c'est normal ?")
    assert "off_platform.contact.private" not in _kinds(found)


@pytest.mark.parametrize(
    "text",
    [
        "No, I won't send the money on Venmo, we'll do it properly in the app.",
        "No, I won't pay you on PayPal, let's do it in the app like everyone.",
        "my email is tom.h92@gmail.com, same as on the booking, just in case",
        "email: lena.v@hotmail.co.uk lol, it's the one I used for the booking",
    ],
)
def test_a_refused_payment_or_the_bookings_address_is_no_proposal(moderator, text):
    assert "off_platform" not in moderator.check(text).categories, moderator.check(text).reasons


def test_a_messenger_declined_stays_allowed(moderator):
    # The model already let these through before round 24 (the read line it flagged is kept
    # quiet by the same rule); they guard the rule against turning into a finding.
    for text in ("Pas d'Insta pour moi, désolé, on reste ici.",
                 "No WhatsApp for me thanks, let's carry on here."):
        assert moderator.check(text).verdict == "allow", text


def test_carrying_on_in_another_app_is_still_a_proposal(moderator):
    found = moderator.check("On continue sur l'appli au logo bleu avec l'avion en papier ?")
    assert "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Parie sur le match de ce soir, bonus de bienvenue pour les nouveaux inscrits !",
        "Bet on the Grand National with free bets for new members, sign up now",
        "Not spam!! my sister makes candles, £8 each, message me",
        "Not spam lol, my mate details cars, £20 a car this Sunday",
    ],
)
def test_a_bet_offered_or_an_advert_that_says_it_is_none_is_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_lost_bet_and_a_fare_reminder_are_no_spam(rules):
    for text in ("I bet on the wrong horse at the Grand National, free bets my foot",
                 "Not spam, just a reminder: the fare is £12 and the car leaves at 8."):
        assert "spam" not in rules.check(text).categories, text


@pytest.mark.parametrize(
    "text",
    [
        "Mon pseudo c'est lea_martin33. Et après l'arobase : hotmail.fr",
        "Username is kofi_mensah88. After the at it's yahoo.com",
    ],
)
def test_a_handle_ending_its_sentence_then_its_domain_is_an_address(rules, text):
    found = rules.check(text)
    assert "pii" in found.categories and len(found.reasons) >= 2, found.reasons


def test_a_door_code_ending_its_sentence_is_no_address(rules):
    found = rules.check("Le code c'est porte_4B. Et derrière, c'est le parking.")
    assert "pii" not in found.categories, found.reasons


# Round 24, second part: batteries of writings of my own (not read off any batch) for the two
# categories blind23 measured lowest before the round, off-platform proposals and spam.


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Settle up in cold hard cash when we get there, cheers.", "off_platform.pay.cash"),
        ("Espèces sonnantes et trébuchantes à l'arrivée, merci.", "off_platform.pay.cash"),
        ("Pode pagar por Pix pra mim, sem taxa.", "off_platform.pay.foreign"),
        ("Zahl mir bar beim Aussteigen, bitte.", "off_platform.pay.foreign"),
        ("Je te passe mon zéro six en privé, ce sera plus simple.",
         "off_platform.contact.phone"),
        ("I'll text you my digits so we can sort the next trips.", "off_platform.contact.phone"),
    ],
)
def test_cash_by_its_old_names_pix_german_bar_and_a_mobile_by_its_digits_are_proposals(
        rules, text, kind):
    assert kind in _kinds(rules.check(text))


def test_pictures_a_bar_and_a_broken_phone_are_no_proposal(rules):
    for text in ("send me pix of the car seat please", "Meet you at the bar by the station at 8.",
                 "Mon zéro six est cassé, l'écran est fichu."):
        assert "off_platform" not in rules.check(text).categories, text


@pytest.mark.parametrize(
    "text",
    [
        "Je peux te faire une fausse fiche de paie pour le dossier, 30 €.",
        "Fake sick notes, £20 each, look real.",
        "Does anyone need their dissertation written? Cheap and fast turnaround.",
        "15% off at my sister's nail bar if you mention this app!",
    ],
)
def test_forged_papers_written_coursework_and_a_discount_for_naming_the_app_are_spam(
        rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_forged_licence_reported_an_essay_finished_and_a_railcard_discount_are_no_spam(rules):
    for text in ("Méfiez-vous, le conducteur m'a montré un faux permis hier.",
                 "My essay is written, finally, cheap coffee to celebrate.",
                 "I can get you a fake plant for the dashboard lol",
                 "Got 20% off the train if you mention your railcard, fyi."):
        assert "spam" not in rules.check(text).categories, text
