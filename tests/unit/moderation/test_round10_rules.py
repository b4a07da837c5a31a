"""Round 10 rules: the generic kinds of misses read on blind8 once blind9 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Je vends mes confitures maison, 4 € le pot, je les mets dans ton coffre samedi",
        "Savons artisanaux dispo, 6 euros pièce, livraison à l'arrivée",
        "Selling homemade samosas, £3 per box, can deliver at the services",
        "Fresh eggs available, 5 dollars a dozen, I can bring some on Friday",
        "commandez vos tomates du jardin : 3 € le kilo, je passe par Angers mardi",
    ],
)
def test_goods_priced_by_the_piece_and_offered_are_unrelated_sales(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Les croissants sont à 1 € pièce à la boulangerie de la gare, je t'en prends un ?",
        "It's £3 per box at the farm shop, shall we stop on the way?",
        "Le trajet est à 12 € par personne, le paiement se fait dans l'appli",
        "Seats are £8 each, book in the app and I'll see you at the station",
        "J'ai commandé un kilo de cerises au marché, 6 € le kilo, c'était une affaire",
    ],
)
def test_a_price_by_the_piece_that_sells_nothing_stays_clean(rules, text):
    found = rules.check(text)
    assert found.verdict == "allow", found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "maelleATgmailDOTcom",
        "écris à jb.rouxAThotmailPOINTfr pour le covoit",
        "drop me a line: siobhan_k_ATyahooDOTcom",
        "my address is kev.doyleATgmail.com",
    ],
)
def test_an_address_glued_with_at_and_a_known_provider_is_masked(rules, text):
    found = rules.check(text)
    assert "pii" in found.categories and "[email]" in (found.text or ""), found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "what gmail.com does with our data is another story",
        "Thatgmail thing again, the app keeps logging me out",
        "J'ai trouvé le chat sur le parking, il est adorable",
    ],
)
def test_at_next_to_a_provider_without_an_address_stays_unmasked(rules, text):
    found = rules.check(text)
    assert "pii" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "mon numéro belge : 02 512 34 56",
        "appelle-moi au 612 345 678 quand tu es à Irun",
        "o meu número é 912 345 678",
        "ring me on 01 234 5678 when you're outside",
        "Nan's landline in Westport is 098 25 614",
        "le fixe de mamie c'est le 04 223 71 86",
    ],
)
def test_a_national_number_of_nine_digits_or_a_short_landline_is_masked(rules, text):
    found = rules.check(text)
    assert "pii" in found.categories and "[phone]" in (found.text or ""), found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "commande n° 04 223 71 86, livrée au point relais",
        "mon numéro de dossier 612 345 678",
        "le trajet fait 612 km, on part à 7 h",
        "the booking ref is 098 25 614, see you at the quay",
        "123 456 789 people can't be wrong, the app is great",
    ],
)
def test_nine_digits_that_are_no_phone_stay_unmasked(rules, text):
    found = rules.check(text)
    assert "pii" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Our bitch won best in show at the county fair, back by six",
        "The bitch classes start at ten, can we be there by nine?",
        "Ma chienne a eu son CACS à l'expo canine de Metz !",
        "Meet me on Dyke Lane by the garage",
        "Oh con, quelle chaleur aujourd'hui !",
    ],
)
def test_dog_show_words_a_road_and_an_interjection_are_no_insults(rules, text):
    found = rules.check(text)
    assert found.verdict == "allow", found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "shut up bitch, nobody cares about your dog's breed",
        "t'es qu'une chienne, va",
        "oh con t'as encore oublié, espèce de connard",
    ],
)
def test_the_same_words_aimed_at_someone_still_insult(rules, text):
    found = rules.check(text)
    assert "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Ok pour demain.Tu payes dans l'appli,je te dépose à Nantes.Ça te va?",
        "On se retrouve au parking.Ça marche, à plus",
    ],
)
def test_a_sentence_glued_to_its_full_stop_is_no_domain(rules, text):
    found = rules.check(text)
    assert "spam" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Va sur entraide-remboursement.ca pour ton remboursement",
        "regarde arnaque-colis.com.Ça te dit quelque chose ?",
    ],
)
def test_a_real_ending_is_still_a_link(rules, text):
    found = rules.check(text)
    assert "spam" in found.categories, found.reasons


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Write to me at cerys.hughes at btinternet dot com", "email"),
        ("écris-moi à m.leclerc at numericable point fr", "email"),
        ("My email starts with niamh.walsh and ends with @eircom.net", "email"),
        ("mon adresse commence par jb.roux92 et finit par @laposte.net", "email"),
        ("ma carte : 4970 1012, et la suite 3456 7893", "card"),
        ("Card number is 5355 1234 then the second half 9876 5437", "card"),
    ],
)
def test_addresses_and_cards_given_in_parts_are_masked(rules, text, kind):
    found = rules.check(text)
    assert f"pii.{kind}" in {r.rule for r in found.reasons}, found.reasons
    assert "@" not in (found.text or "").replace("[email]", "")


@pytest.mark.parametrize(
    "text",
    [
        "meet me at the station at 8, platform 2",
        "carte grise 4970 1012 et contrôle technique 3456 7890",
        "order 1234 5678, invoice 8765 4321, card payment pending",
        "ping @lea about the @eircom.net outage, it's down again",
    ],
)
def test_parts_that_are_no_address_or_card_stay_unmasked(rules, text):
    found = rules.check(text)
    assert "pii" not in found.categories, found.reasons
