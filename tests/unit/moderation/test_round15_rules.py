"""Round 15 rules: the generic kinds of misses read on blind13 once blind14 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest

from chalicelib.domain.moderation import Moderator
from chalicelib.domain.moderation.learned import LinearModel
from chalicelib.domain.moderation.links import LinkPolicy


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour, l'autre passagère m'a collé l'étiquette de « grosse pouffiasse » devant tout "
        "le monde, je peux faire quoi ?",
        "Dans la pièce, mon personnage crie « ta gueule connard » au deuxième acte, on répète "
        "dans la voiture",
        "My kid keeps calling everyone \"dickhead\" since the school trip, any tips?",
        "A guy pitched me a 'guaranteed crypto investment' the whole ride, is that spam?",
    ],
)
def test_words_someone_else_wrote_in_quotes_are_no_insult_or_spam_of_the_writer(rules, text):
    found = rules.check(text)
    assert found.verdict == "allow", found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "T'es qu'un « connard », voilà ce que t'es",
        "You're a \"fucking idiot\", that's what you are",
        "« Sale connard »",
        "\"fuck off\" mate",
        "Ferme ta gueule, connard, et arrête de m'écrire « chérie »",
    ],
)
def test_an_insult_addressed_in_quotes_quoted_alone_or_beside_one_outside_stays_blocked(
        moderator, text):
    found = moderator.check(text)
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_the_learned_stage_reads_a_quoted_category_on_the_words_around_the_quote():
    # A model that finds an insult in "connard" and in "menteuse": the quoted "connard" no
    # longer counts, the writer's own "menteuse" still does.
    model = LinearModel([-6.0, -6.0, -6.0], {"w:connard": (9.0, 0.0, 0.0),
                                             "w:menteuse": (9.0, 0.0, 0.0)})
    moderator = Moderator(learned=model, severity=False)
    reported = moderator.check("Il m'a appelé « connard » hier soir, je suis choqué")
    assert reported.verdict == "allow", reported.reasons
    own = moderator.check("Il m'a appelé « connard » hier soir, et toi tu n'es qu'une menteuse")
    assert "insult" in own.categories and all(
        reason.rule == "insult.model" for reason in own.reasons), own.reasons


@pytest.mark.parametrize(
    "text",
    [
        "my digits are zero seven nine, then 8 1 2, then 3 4 5 6 7",
        "Call me: 0803, then 641, then 2290",
        "card number 4539 1488 for the booking, oops sent too early, then 0343 6467",
        "nomvula AT vodamail DOT co DOT za for the lift club list",
    ],
)
def test_numbers_in_parts_a_card_sent_in_two_goes_and_a_dictated_address_are_masked(rules, text):
    found = rules.check(text)
    assert found.verdict == "mask" and found.categories == {"pii"}, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "The route number is 0803, then 641, then 2290 for the depot codes",
        "order ref 4539 1488 sent earlier, then later we got 0343 6467 for the tracking",
        "we had lunch at nandos dot co dot za on the way",
    ],
)
def test_route_codes_an_order_reference_and_a_restaurant_site_are_no_personal_data(rules, text):
    assert "pii" not in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Pour le remboursement c'est 4 € de fdp, le reste arrive jeudi",
        "Les fdp de la commande étaient offerts finalement",
        "Le plus vieux métier du monde, c'est un documentaire à voir sur Arte",
    ],
)
def test_shipping_costs_and_a_documentary_are_no_insults(rules, text):
    assert "insult" not in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "fdp va",
        "Ta mère fait le plus vieux métier du monde, tout le monde le sait",
        "Kess okhtak, tu m'as laissé sur le trottoir",
        "Bana ya ndumba, vous avez encore annulé",
    ],
)
def test_the_insult_a_mothers_trade_and_insults_in_arabic_and_lingala_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Paie en billets si possible, l'appli prend trop",
        "Ne réservez pas la semaine prochaine, même heure même endroit, vous connaissez le "
        "principe",
        "Don't book it next week, same place same time, you know the drill",
        "Voye lajan an sou MonCash, pa nan aplikasyon an",
    ],
)
def test_notes_asked_for_booking_skipped_and_creole_payment_are_proposals(moderator, text):
    found = moderator.check(text)
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "J'ai retiré en billets de 20 pour le péage",
        "Ne réserve pas ce trajet, il est annulé, je repars samedi",
        "Someone tried to get me to pay cash and skip the app fees, thought you should know",
        "Les gens qui proposent de payer en liquide, je les bloque direct",
    ],
)
def test_cash_withdrawn_a_cancelled_ride_and_attempts_reported_are_no_proposals(moderator, text):
    assert "off_platform" not in moderator.check(text).categories, moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Final notice: your DHL parcel is held, pay the fee at dhl-customs-release.com",
        "Colissimo : votre colis est en attente, réglez 1,99 € sur colissimo-livraison-fr.info",
        "Your parcel could not be delivered, rebook at evri-redelivery.net/slot",
    ],
)
def test_a_link_borrowing_a_brands_name_is_blocked_as_an_imitation(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and any(
        reason.rule == "spam.imitation_link" for reason in found.reasons), found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Suivi de ton colis sur www.dhl.com/fr-fr/home/suivi.html",
        "Got this text: paypal-account-review.com, is it legit?",
        "J'ai reçu ce SMS : colissimo-suivi-fr.com/relivraison, c'est une arnaque ?",
        "Photos of the rally on big-appleby-tours.com",
    ],
)
def test_a_brands_own_domain_and_a_member_asking_about_a_link_are_not_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "review" and not any(
        reason.rule == "spam.imitation_link" for reason in found.reasons), found.reasons


def test_a_brand_on_one_of_its_own_subdomains_is_no_imitation():
    policy = LinkPolicy()
    (link,) = policy.find("suivi sur mon.laposte.fr/colis")
    assert not link.imitation
    (fake,) = policy.find("suivi sur laposte.colis-suivi.net")
    assert fake.imitation


@pytest.mark.parametrize(
    "text",
    [
        "D0wnload the app at b1t.ly/fr33-r1des for FREE rides all month!!!",
        "Connecte-toi sur paypa1.com pour valider ton trajet",
        "Verify your account on amaz0n.co.uk/account now",
    ],
)
def test_a_host_with_digits_for_letters_that_reads_as_a_known_domain_is_an_imitation(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and any(
        reason.rule == "spam.imitation_link" for reason in found.reasons), found.reasons


@pytest.mark.parametrize("text", ["the club site is covoit24.fr", "My band: the5beatles.com",
                                  "Catalogue sur 3suisses.fr"])
def test_a_host_with_digits_that_reads_as_nothing_known_is_only_held(rules, text):
    found = rules.check(text)
    assert found.verdict == "review" and not any(
        reason.rule == "spam.imitation_link" for reason in found.reasons), found.reasons
