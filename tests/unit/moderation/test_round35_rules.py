"""Round 35 rules: the generic kinds of misses read on blind33 once blind34 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Pezzo di merda, mi hai lasciato a Bastia senza bagagli",
        "Langèt to manman, ou la pa vni !",
        "Thanks for nothing, you absolute Jeremy Hunt",
        "Rhymes with 'hunt', and that's what you are, mate",
        "Stick your refund up your arse, I'm done with this app",
        "I hope someone knocks you off that bike on the coast road",
    ],
)
def test_insults_and_threats_are_blocked_by_the_rules(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Faggots, mushy peas and gravy at the museum café before we head off? Proper grub.",
        "Plate's YT68 ODE, silver Golf with a cello in the back",
        "Trois fûts de Meursault adjugés 31 000 € à la vente des Hospices, record battu !",
    ],
)
def test_a_dish_a_plate_and_an_auction_pass(moderator, text):
    assert moderator.check(text).verdict == "allow", moderator.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Voici ma carte pour le gasoil, prélevez 40 € et c'est réglé : 4970 1052 8893 4610",
        "L'argent en mano à l'arrivée, pas de virement",
        "Lynk me the money before Friday, the app is too slow",
    ],
)
def test_a_card_left_cash_in_hand_and_a_pay_app_are_proposals(rules, text):
    assert "off_platform" in rules.check(text).categories, rules.check(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Mon mail c'est h.lambert@orange.fr, si vous pouvez m'envoyer l'attestation",
        "Appelle-moi sur mon fixe, 03 88 41 27 60, pas de réseau à la ferme.",
        "it's dev hyphen patel at outlook full stop com",
    ],
)
def test_data_given_without_a_proposal_is_masked(moderator, text):
    found = moderator.check(text)
    assert found.categories == {"pii"}, found.reasons


def test_a_member_asking_what_to_do_reports_a_proposal(moderator):
    found = moderator.check("The driver is telling me to pay him by Revolut and not through the "
                            "app. I am not comfortable, kindly advise.")
    assert "off_platform" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Licence points wiped in 48h, no court, 100% legit, message me",
        "not spam but my mate does the best fades in Croydon, say my name for 10% off",
    ],
)
def test_sales_are_blocked_by_the_rules(rules, text):
    assert rules.check(text).verdict == "block", rules.check(text).reasons


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Vaffanculo, ce parking est à 12 € l'heure", "allow"),
        ("We stop at the services. Full stop. No more coffee.", "allow"),
        ("Faggots and peas for tea, just like you and your boyfriend, eh?", "block"),
        ("Cars seized at auction at -80%, sign-up fee 99€, message me", "block"),
    ],
)
def test_look_alikes_keep_their_verdict(moderator, text, verdict):
    assert moderator.check(text).verdict == verdict, moderator.check(text).reasons
